package loader

import (
	"fmt"
	"strings"

	"accord/graph"
	"accord/loader/parse"
)

// The dependency parse of loader/parse reads who does what where the
// chunks cannot: a subject separated from its verb by an acronym in
// brackets, an apposition or a long modifier ("Kansai Hydrogen Systems Co.,
// Ltd., a Japanese developer of fuel cells, today announced"), a verb
// coordinated with an earlier one, an infinitive of purpose. Each sentence
// is parsed once, and only when a clause needs it.

// parsed returns the dependency parse of sentence s, parsing it on first use.
func (st *docState) parsed(s Sentence) []parse.Word {
	if st.depsAt != s.Start || st.deps == nil {
		st.deps = parse.Default().Analyze(st.text[s.Start:s.End], s.Start)
		st.depsAt = s.Start
		if st.tr != nil {
			var b strings.Builder
			fmt.Fprintf(&b, "[%d]", s.Start)
			for i, w := range st.deps {
				fmt.Fprintf(&b, " %d:%s/%s<-%d:%s", i+1, w.Form, w.UPOS, w.Head, w.Deprel)
			}
			st.tr.Parses = append(st.tr.Parses, b.String())
		}
	}
	return st.deps
}

// depSubject returns the entities the parse gives as the subject of the
// verb at byte offset at: its nsubj, or for a verb coordinated with another,
// an open clausal complement or an infinitive of purpose, the subject of
// the verb it depends on; a relative pronoun stands for the noun its
// clause modifies.
func (st *docState) depSubject(s Sentence, at int, ms []*mention) []*entity {
	words := st.parsed(s)
	v := wordAt(words, at)
	for hops := 0; v >= 0 && hops < 4; hops++ {
		if subj := childOf(words, v, "nsubj", "nsubj:pass"); subj >= 0 {
			w := words[subj]
			if w.UPOS == "PRON" && relativeWord[strings.ToLower(w.Form)] {
				if strings.HasPrefix(words[v].Deprel, "acl") {
					return st.entitiesAt(words, words[v].Head-1, ms)
				}
				// ", which included ..." hung on the main verb: the name
				// right before the pronoun (its comma and a number aside:
				// "the Act for Fiscal Year 2019, which").
				j := subj - 1
				for j >= 0 && (words[j].UPOS == "PUNCT" || words[j].UPOS == "NUM") {
					j--
				}
				if j >= 0 && (words[j].UPOS == "NOUN" || words[j].UPOS == "PROPN") {
					if es := st.entitiesAt(words, j, ms); len(es) > 0 {
						return es
					}
				}
			}
			return st.entitiesAt(words, subj, ms)
		}
		switch d := words[v].Deprel; {
		case d == "xcomp" && childOf(words, words[v].Head-1, "obj") >= 0:
			// Object control: in "invited Lula to visit India" it is
			// Lula who would visit, not the one who invites.
			return st.entitiesAt(words, childOf(words, words[v].Head-1, "obj"), ms)
		case d == "conj", d == "xcomp":
		case d == "advcl" && childOf(words, v, "mark") >= 0 && strings.EqualFold(words[childOf(words, v, "mark")].Form, "to"):
		default:
			return nil
		}
		v = words[v].Head - 1
	}
	return nil
}

// relativeWord pronouns open relative clauses.
var relativeWord = map[string]bool{"which": true, "who": true, "that": true, "whom": true}

// entitiesAt returns the entities of the mentions over word i and over the
// words coordinated with it ("Japan and the Philippines").
func (st *docState) entitiesAt(words []parse.Word, i int, ms []*mention) []*entity {
	var out []*entity
	add := func(k int) {
		for _, m := range ms {
			if words[k].Start >= m.start && words[k].Start < m.end {
				for _, e := range m.ents {
					if !contains(out, e) {
						out = append(out, e)
					}
				}
				return
			}
		}
	}
	var walk func(k, depth int)
	walk = func(k, depth int) {
		add(k)
		if depth > 6 {
			return
		}
		for c := range words {
			if words[c].Head == k+1 && words[c].Deprel == "conj" {
				walk(c, depth+1)
			}
		}
	}
	if i >= 0 && i < len(words) {
		walk(i, 0)
	}
	return out
}

// wordAt returns the index of the word starting at byte offset at, or of
// the word that covers it, or -1.
func wordAt(words []parse.Word, at int) int {
	for i, w := range words {
		if w.Start <= at && at < w.End {
			return i
		}
	}
	return -1
}

// childOf returns the first dependent of word v with one of the relations,
// or -1.
func childOf(words []parse.Word, v int, rels ...string) int {
	for i, w := range words {
		if w.Head != v+1 {
			continue
		}
		for _, r := range rels {
			if w.Deprel == r {
				return i
			}
		}
	}
	return -1
}

// depObjects returns the entities of the phrases that the parse attaches
// to the verb at byte offset at with the preposition prep ("met today in
// Brussels with the Chairperson": with -> the Chairperson), with the
// phrases coordinated with them.
func (st *docState) depObjects(s Sentence, at int, prep string, ms []*mention) []*entity {
	words := st.parsed(s)
	v := wordAt(words, at)
	if v < 0 {
		return nil
	}
	var out []*entity
	// A phrase the parser hangs on the verb's other phrase ("in Brussels
	// with the Chairperson": nmod of Brussels) is taken too: the parser
	// often misattaches prepositional phrases, and the preposition the
	// pattern asks for says whose it is.
	var look func(h, depth int)
	look = func(h, depth int) {
		for c, w := range words {
			if w.Head != h+1 || !(strings.HasPrefix(w.Deprel, "obl") || depth > 0 && strings.HasPrefix(w.Deprel, "nmod")) {
				continue
			}
			if k := childOf(words, c, "case"); k >= 0 && strings.EqualFold(words[k].Form, prep) {
				es := st.entitiesAt(words, c, ms)
				for _, e := range es {
					// "the Chairperson of the Commission, NAME": people
					// are coordinated with people.
					if len(es) > 0 && es[0].is(graph.Person) && !e.is(graph.Person) {
						continue
					}
					if !contains(out, e) {
						out = append(out, e)
					}
				}
			} else if depth == 0 {
				look(c, 1)
			}
		}
	}
	look(v, 0)
	return out
}

// depKeep keeps the objects the chunks found for the verb at byte offset
// at that the parse confirms: those over the verb's direct object or
// coordinated with it. Without a direct object in the parse, all are kept.
func (st *docState) depKeep(s Sentence, at int, objs []*entity, ms []*mention) []*entity {
	if len(objs) == 0 {
		return objs // nothing to confirm: no parse needed
	}
	words := st.parsed(s)
	v := wordAt(words, at)
	if v < 0 {
		return objs
	}
	o := childOf(words, v, "obj")
	if o < 0 {
		return objs
	}
	heads := st.entitiesAt(words, o, ms)
	if len(heads) == 0 {
		if words[o].UPOS == "PROPN" {
			return objs // a title or a name no mention covers: no say
		}
		st.trace(s, "  not the parse's object (%s): %s", words[o].Form, entityIDs(objs))
		return nil
	}
	var out []*entity
	for _, e := range objs {
		if contains(heads, e) {
			out = append(out, e)
		} else {
			st.trace(s, "  not the parse's object: %s", e.id)
		}
	}
	return out
}

// coordinatedVerbs corrects the tagger where a verb coordinated with an
// earlier one is tagged as an adjective or participle inside a noun phrase
// ("reaffirmed their shared commitment to the partnership and discussed
// cooperation"): when a pattern verb ending in -ed follows "and", the parse
// is asked, and a word its tagger reads as a past-tense verb is retagged
// VBD (its tree may still hang the word on the noun after it, so only the
// tag is trusted). Only such sentences are parsed.
func (st *docState) coordinatedVerbs(s Sentence, toks []Token) {
	for i := 1; i+1 < len(toks); i++ {
		t := &toks[i]
		if toks[i-1].Lower != "and" || t.Tag != "JJ" && t.Tag != "VBN" || !strings.HasSuffix(t.Lower, "ed") {
			continue
		}
		lemma := st.lx.Lemma(t.Text)
		if st.lx.verbs[lemma] == nil || i < 2 || !strings.HasPrefix(toks[i-2].Tag, "NN") || !finiteBefore(toks[:i-1]) {
			continue // a coordinated verb follows an earlier verb's object
		}
		words := st.parsed(s)
		w := wordAt(words, t.Start)
		if w < 0 || words[w].XPOS != "VBD" {
			continue
		}
		st.trace(s, "%q coordinated with an earlier verb: read as a verb (VBD), not as %s", t.Text, t.Tag)
		t.Tag, t.Lemma = "VBD", lemma
	}
}

// rootVerb corrects the tagger in a sentence where it finds no finite
// verb at all ("The Secretary-General met President Ruto", with "met" read
// as a noun): the word the parse makes the sentence's root, when its
// tagger reads it as a finite verb of a known pattern, is retagged so.
// Only such sentences are parsed.
func (st *docState) rootVerb(s Sentence, toks []Token) {
	if finiteBefore(toks) {
		return
	}
	var words []parse.Word
	for i := range toks {
		t := &toks[i]
		if t.Tag != "NN" && t.Tag != "NNS" && t.Tag != "JJ" {
			continue
		}
		lemma := st.lx.Lemma(t.Text)
		if st.lx.verbs[lemma] == nil {
			continue
		}
		if words == nil {
			words = st.parsed(s) // only a sentence with a candidate is parsed
		}
		w := wordAt(words, t.Start)
		if w < 0 || words[w].Head != 0 {
			continue
		}
		switch x := words[w].XPOS; x {
		case "VBD", "VBZ", "VBP":
			st.trace(s, "%q is the root of a sentence with no other verb: read as a verb (%s), not as %s", t.Text, x, t.Tag)
			t.Tag, t.Lemma = x, lemma
		}
		return
	}
}

// headlineTags corrects the tagger in a headline that capitalises every
// word ("Wang Yi Holds Talks with ...", "Japan and India Sign Agreement on
// ..."), where it reads every word as a proper noun: the first word after
// a name that is a present-tense form of a verb pattern is the verb, and
// the sentence gets its clause. Such a word is taken only in the -s form
// after one name, or in the base form after two joined by "and"; a word
// that heads names ("Act", "Fund") is never taken.
func (st *docState) headlineTags(toks []Token) {
	if !titleCased(toks) || finiteBefore(toks) {
		return
	}
	for i := 1; i < len(toks); i++ {
		t := &toks[i]
		if !isCapitalized(t.Text) || toks[i-1].Tag != "NNP" && toks[i-1].Tag != "NNPS" || st.lx.heads[t.Text] != "" || st.startsWithTitle(t.Text) != "" {
			continue
		}
		lower := strings.ToLower(t.Text)
		lemma := st.lx.Lemma(lower)
		if st.lx.verbs[lemma] == nil || st.lx.heads[capitalize(lemma)] != "" {
			continue
		}
		tag := ""
		switch {
		case strings.HasSuffix(lower, "s") && st.headlineVerb(*t):
			tag = "VBZ"
		case lower == lemma && i >= 3 && toks[i-2].Lower == "and":
			tag = "VBP"
		default:
			continue
		}
		t.Tag, t.Lemma = tag, lemma
		if i+1 < len(toks) && isCapitalized(toks[i+1].Text) && st.lx.heads[toks[i+1].Text] == "" && !st.isName(toks[i+1].Text) && st.startsWithTitle(toks[i+1].Text) == "" {
			// "Holds Talks", "Signs Deal": the common noun after the verb.
			toks[i+1].Tag = "NNS"
			if !strings.HasSuffix(toks[i+1].Lower, "s") {
				toks[i+1].Tag = "NN"
			}
		}
		return
	}
}

// isName reports whether a word starts a name of the dictionary.
func (st *docState) isName(w string) bool {
	return len(st.lx.names.match(w, 0)) > 0
}

// finiteBefore reports whether a finite verb or a modal comes among toks.
func finiteBefore(toks []Token) bool {
	for _, t := range toks {
		switch t.Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		}
	}
	return false
}
