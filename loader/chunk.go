package loader

import "strings"

// itemKind is the kind of a chunk of a sentence.
type itemKind int

const (
	itNP    itemKind = iota // noun phrase (with the mentions inside it)
	itVG                    // verb group: auxiliaries, adverbs, the verb
	itP                     // preposition or particle
	itCC                    // and, or, but
	itComma                 // , ; : or a dash
	itRel                   // who, which, that (relative)
	itSub                   // subordinator: if, because, while, that (complement)
	itAdv                   // adverb outside a verb group
	itOther
)

// item is one chunk of a sentence.
type item struct {
	kind       itemKind
	t0, t1     int // token range
	start, end int // byte offsets in Source.Text
	ms         []*mention
	word       string // lower-cased text for P, CC, Rel, Sub, Comma, Adv

	// Verb groups only.
	main    int      // token index of the main verb
	lemmas  []string // lemmas of the group's words, in order
	neg     bool
	passive bool
	inf     bool // "to" + verb
	finite  bool // has a tensed verb or a modal
}

func (it *item) lemma(toks []Token) string { return toks[it.main].Lemma }

// npTag reports whether a tag can sit inside a noun phrase.
func npTag(tag string) bool {
	switch tag {
	case "DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "$", "#", "PRP", "FW", "SYM":
		return true
	}
	return false
}

// modifierSlot reports whether a participle after a word of this tag can
// modify the noun that follows it.
func modifierSlot(prev string) bool {
	switch prev {
	case "DT", "PRP$", "JJ", "JJR", "JJS", "CD", "POS", "CC", "RB":
		return true
	}
	return false
}

// auxiliary verbs may be followed by the verb they help.
var auxiliary = map[string]bool{"be": true, "have": true, "do": true, "get": true, "will": true, "would": true, "shall": true,
	"should": true, "can": true, "could": true, "may": true, "might": true, "must": true}

// copular verbs other than "be" that a participle's stance may follow:
// "remains committed to", "stays opposed to".
var copular = map[string]bool{"remain": true, "stay": true}

// timeNoun are the nouns of time phrases ("next month", "last year").
var timeNoun = map[string]bool{"week": true, "month": true, "year": true, "day": true, "spring": true, "summer": true,
	"fall": true, "autumn": true, "winter": true, "weekend": true, "decade": true, "quarter": true, "century": true}

// timeWords are nouns that act as adverbs: "met today with".
var timeWords = map[string]bool{"today": true, "yesterday": true, "tomorrow": true, "tonight": true, "recently": true, "earlier": true, "later": true}

var subordinators = map[string]bool{"if": true, "unless": true, "because": true, "while": true, "although": true,
	"though": true, "whether": true, "since": true, "as": false, "when": true, "after": true, "before": true,
	"once": true, "so": true, "until": true, "whereas": true, "than": false}

// chunk groups a sentence's tokens into noun phrases, verb groups and the
// words between them. Tokens inside a mention always belong to a noun phrase.
func chunk(toks []Token, ms []*mention) []*item {
	return chunkManners(toks, ms, nil)
}

// mannerAt returns the token index after a phrase of manners that starts at
// token i ("in the strongest terms"), or -1.
func mannerAt(toks []Token, i int, manners [][]string) int {
	for _, m := range manners {
		if i+len(m) > len(toks) {
			continue
		}
		ok := true
		for k, w := range m {
			if toks[i+k].Lower != w {
				ok = false
				break
			}
		}
		if ok {
			return i + len(m)
		}
	}
	return -1
}

// chunkManners is chunk, with each phrase of manners (data/nouns.yaml,
// split into words) one adverb with the commas that set it off: "condemn
// in the strongest terms the attack", "condemns, in the strongest possible
// terms, the shelling" then read the object after the verb.
func chunkManners(toks []Token, ms []*mention, manners [][]string) []*item {
	inMention := make([]*mention, len(toks))
	for _, m := range ms {
		for i, t := range toks {
			if t.Start < m.end && t.End > m.start {
				if inMention[i] == nil {
					inMention[i] = m
				}
			}
		}
	}
	var items []*item
	add := func(it *item) {
		it.start, it.end = toks[it.t0].Start, toks[it.t1-1].End
		items = append(items, it)
	}
	for i := 0; i < len(toks); {
		t := toks[i]
		if j := mannerAt(toks, i, manners); j > 0 && inMention[i] == nil && inMention[j-1] == nil {
			it := &item{kind: itAdv, t0: i, t1: j}
			if n := len(items); n > 0 && items[n-1].kind == itComma && items[n-1].word == "," && j < len(toks) && toks[j].Text == "," {
				it.t0 = items[n-1].t0
				items = items[:n-1]
				j++
				it.t1 = j
			}
			it.word = strings.ToLower(t.Text)
			add(it)
			i = j
			continue
		}
		switch {
		case inMention[i] == nil && timeWords[t.Lower]:
			add(&item{kind: itAdv, t0: i, t1: i + 1, word: t.Lower})
			i++
		case inMention[i] != nil || npTag(t.Tag):
			j := i + 1
			for j < len(toks) && !(t.Tag == "PRP" && inMention[i] == nil) {
				n := toks[j]
				next := ""
				if j+1 < len(toks) {
					next = toks[j+1].Tag
				}
				// "visit Saudi Arabia | next month": a time phrase is not
				// part of the name before it.
				if (n.Lower == "next" || n.Lower == "last" || n.Lower == "this" || n.Lower == "early" || n.Lower == "late") && timeNoun[strings.ToLower(toks[min(j+1, len(toks)-1)].Text)] && inMention[j] == nil {
					break
				}
				more := inMention[j] != nil ||
					npTag(n.Tag) && n.Tag != "PRP" && (n.Tag != "DT" || toks[j-1].Lower == "of") ||
					// "the continued defense", "renewed Buy America provisions",
					// but not "migrants crossing Roxham Road".
					(n.Tag == "VBN" || n.Tag == "VBG") && strings.HasPrefix(next, "NN") && modifierSlot(toks[j-1].Tag) ||
					n.Lower == "of" && (npTag(next) && next != "PRP" || j+1 < len(toks) && inMention[j+1] != nil) ||
					n.Tag == "HYPH" ||
					// "the deep and enduring friendship", "security and humanitarian situation"
					n.Tag == "CC" && toks[j-1].Tag == "JJ" && next == "JJ" && inMention[j-1] == nil
				if !more {
					break
				}
				j++
			}
			it := &item{kind: itNP, t0: i, t1: j}
			for k := i; k < j; k++ {
				if m := inMention[k]; m != nil && (len(it.ms) == 0 || it.ms[len(it.ms)-1] != m) {
					it.ms = append(it.ms, m)
				}
			}
			// Mentions that a multi-mention token holds ("US-Canada").
			for _, m := range ms {
				if m.start >= toks[i].Start && m.end <= toks[j-1].End && !containsMention(it.ms, m) {
					it.ms = append(it.ms, m)
				}
			}
			sortMentions(it.ms)
			add(it)
			i = j
		case strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" || t.Tag == "TO" && i+1 < len(toks) && inMention[i+1] == nil && (toks[i+1].Tag == "VB" || toks[i+1].Tag == "RB" && i+2 < len(toks) && toks[i+2].Tag == "VB"):
			j := i
			it := &item{kind: itVG, t0: i, main: -1}
			for j < len(toks) {
				n := toks[j]
				if j > i && n.Tag == "TO" || inMention[j] != nil {
					break // "agreed | to meet": the infinitive is its own group; a name is no verb
				}
				// "discussed | continued close coordination": after a lexical
				// verb, another verb form starts something new.
				if strings.HasPrefix(n.Tag, "VB") && it.main >= 0 && !auxiliary[toks[it.main].Lemma] && !(copular[toks[it.main].Lemma] && n.Tag == "VBN") {
					break
				}
				if strings.HasPrefix(n.Tag, "VB") || n.Tag == "MD" || n.Tag == "TO" && j == i || n.Tag == "RB" && j+1 < len(toks) && (strings.HasPrefix(toks[j+1].Tag, "VB") || toks[j+1].Tag == "RB") && j > i || n.Lower == "not" || n.Lower == "n't" {
					if strings.HasPrefix(n.Tag, "VB") {
						it.main = j
						if n.Tag == "VBD" || n.Tag == "VBZ" || n.Tag == "VBP" {
							it.finite = true
						}
					}
					if n.Tag == "MD" {
						it.finite = true
					}
					if n.Lower == "not" || n.Lower == "n't" || n.Lower == "never" {
						it.neg = true
					}
					it.lemmas = append(it.lemmas, n.Lemma)
					j++
					continue
				}
				break
			}
			if it.main < 0 {
				// "to" or an adverb alone.
				add(&item{kind: itOther, t0: i, t1: i + 1, word: t.Lower})
				i++
				continue
			}
			it.t1 = j
			it.inf = toks[i].Tag == "TO"
			if toks[it.main].Tag == "VBN" {
				for _, l := range it.lemmas[:len(it.lemmas)-1] {
					if l == "be" || l == "get" || l == "been" || copular[l] {
						it.passive = true
					}
				}
			}
			add(it)
			i = j
		case t.Tag == "IN" || t.Tag == "RP" || t.Tag == "TO":
			kind := itP
			if subordinators[t.Lower] {
				kind = itSub
			}
			if t.Lower == "that" {
				kind = itSub
				if len(items) > 0 && items[len(items)-1].kind == itNP && i+1 < len(toks) && strings.HasPrefix(toks[i+1].Tag, "VB") {
					kind = itRel
				}
			}
			add(&item{kind: kind, t0: i, t1: i + 1, word: t.Lower})
			i++
		case t.Tag == "WDT" || t.Tag == "WP" || t.Tag == "WRB" || t.Tag == "WP$":
			add(&item{kind: itRel, t0: i, t1: i + 1, word: t.Lower})
			i++
		case t.Tag == "CC":
			add(&item{kind: itCC, t0: i, t1: i + 1, word: t.Lower})
			i++
		case t.Text == "," || t.Text == ";" || t.Text == ":" || t.Text == "-" || t.Text == "--" || t.Tag == ":":
			add(&item{kind: itComma, t0: i, t1: i + 1, word: t.Text})
			i++
		case t.Tag == "RB" || t.Tag == "RBR" || t.Tag == "RBS":
			add(&item{kind: itAdv, t0: i, t1: i + 1, word: t.Lower})
			i++
		default:
			add(&item{kind: itOther, t0: i, t1: i + 1, word: t.Lower})
			i++
		}
	}
	return bracketAliases(items)
}

// bracketAliases drops an alias in brackets after the noun phrase it
// repeats ("the Norwegian Agency for Development Cooperation (Norad)"), so
// that the phrase stays one conjunct of a list: "X (Norad) and the World
// Bank signed". An alias inside a longer phrase stays ("the Asia Zero
// Emission Community (AZEC) initiative").
func bracketAliases(items []*item) []*item {
	out := items[:0]
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.kind == itNP && i+3 < len(items) && items[i+1].word == "(" && items[i+2].kind == itNP && items[i+3].word == ")" && sameEntities(it.ms, items[i+2].ms) &&
			(i+4 == len(items) || items[i+4].kind == itCC || items[i+4].kind == itComma || items[i+4].kind == itVG) {
			out = append(out, it)
			i += 3
			continue
		}
		out = append(out, it)
	}
	return out
}

// sameEntities reports whether every mention of inner names an entity some
// mention of outer names, and inner has one.
func sameEntities(outer, inner []*mention) bool {
	if len(inner) == 0 {
		return false
	}
	for _, m := range inner {
		found := false
		for _, o := range outer {
			for _, e := range o.ents {
				for _, x := range m.ents {
					found = found || e == x
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func containsMention(ms []*mention, m *mention) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

func sortMentions(ms []*mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// chunkString shows a sentence's chunks for the trace:
// "[NP Trudeau] [VG has been asking] [NP the US] [VG to renegotiate] ...".
func chunkString(src *Source, toks []Token, items []*item) string {
	names := map[itemKind]string{itNP: "NP", itVG: "VG", itP: "P", itCC: "CC", itComma: ",", itRel: "REL", itSub: "SUB", itAdv: "ADV", itOther: "O"}
	var b strings.Builder
	for _, it := range items {
		text := strings.Join(strings.Fields(src.Text[it.start:it.end]), " ")
		if it.kind == itComma {
			b.WriteString(text + " ")
			continue
		}
		b.WriteString("[" + names[it.kind] + " " + text + "] ")
	}
	return strings.TrimSpace(b.String())
}
