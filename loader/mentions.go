package loader

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"accord/graph"
)

// Mention forms beyond the dictionary's (see formName and friends).
const (
	formNew      = iota + 10 // a name the dictionary lacks, found by a cue
	formPronoun              // he, she, they
	formGroup                // "the two leaders", "both countries"
	formDefinite             // "the agreement", "the President"
	formPhrase               // a descriptive noun phrase made an entity
)

// mention is a stretch of a sentence that refers to one or more entities.
type mention struct {
	start, end int // byte offsets in Source.Text
	ents       []*entity
	form       int
	title      string  // role title before or around the name
	titleOf    *entity // the country or organization of that title
	how        string  // for the trace: how it was found
	plural     bool
	lead       *entity // the known name a longer new name starts with ("ASEAN" of "ASEAN Summits")
}

func (m *mention) text(src *Source) string { return src.Text[m.start:m.end] }

// entity is a document-level view of a graph entity.
type entity struct {
	id      string
	name    string
	kind    graph.Kind
	aliases map[string]bool
	actor   *Actor
	gender  string
	count   int
	titles  map[string]bool
	country *entity // for people: the country they lead or serve, when stated
	company bool    // named with a legal form ("Co., Ltd."): "the company" may refer to it
}

func (e *entity) is(kind graph.Kind) bool { return e != nil && e.kind == kind }

// actorish reports whether the entity can act: a person, country or
// organization.
func (e *entity) actorish() bool {
	return e != nil && (e.kind == graph.Person || e.kind == graph.Country || e.kind == graph.Organization)
}

var (
	reAmount   = regexp.MustCompile(`(?:(?:US|U\.S\.|C|CA|CAN|A|AU|NZ|HK)?\$|€|£|¥|\b(?:USD|EUR|AUD|CAD|GBP|JPY|NZD|CHF|INR|CNY|KRW|SEK|NOK|DKK|ZAR|BRL|MXN) )\s?\d[\d,]*(?:\.\d+)?(?:[- ](?:million|billion|trillion|bn|m))?|\d[\d,]*(?:\.\d+)? (?:million|billion|trillion) (?:dollars|euros|pounds|yen)`)
	reCount    = regexp.MustCompile(`\b(?:(?:nearly|almost|about|around|some|over|more than|roughly|approximately|up to) )?\d{1,3}(?:,\d{3})+(?: \p{L}+)?|\b\d+(?:\.\d+)? ?(?:%|per ?cent|percent)`)
	reDuration = regexp.MustCompile(`\b(?:over|within|for|in) (?:the (?:next|coming|past) )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty) (?:years|months|weeks|days)\b`)
	reYear     = regexp.MustCompile(`\b(?:in|since|by|from|until|of) ((?:19|20)\d\d)\b`)
)

// reStatementBy finds the sentence that introduces a statement in the
// first person by the person it names.
var reStatementBy = regexp.MustCompile(`(?i)\b(?:issued|made|released|delivered|gave) the following (?:statement|remarks)\b`)

// genericGovernment phrases name the document's home government.
var genericGovernment = map[string]bool{"the federal government": true, "the government": true, "the administration": true}

// locatives are prepositions after which a capital names the city.
var locatives = map[string]bool{"in": true, "at": true, "to": true, "from": true, "near": true, "into": true, "through": true, "outside": true, "around": true, "across": true, "visit": true, "via": true}

// findMentions finds every mention in a sentence: dictionary names and
// issues, people introduced by a title, other proper names typed by their
// head noun, pronouns, group phrases and definite descriptions.
func (st *docState) findMentions(s Sentence, toks []Token) []*mention {
	text := st.text
	var ms []*mention
	covered := func(i int) bool {
		for _, m := range ms {
			if i >= m.start && i < m.end {
				return true
			}
		}
		return false
	}
	// 1. Dictionary names and issues, longest first at each word start.
	for i := s.Start; i < s.End; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) || (i > s.Start && isWordRune(lastRune(text[:i]))) {
			i += n
			continue
		}
		best, bestIssue := st.lx.names.match(text[:s.End], i), st.lx.issues.match(text[:s.End], i)
		// "the Refugees Agreement": a lower-case issue written with a
		// capital inside a sentence is part of a name.
		if len(bestIssue) > 0 && i > s.Start && unicode.IsUpper(r) && !unicode.IsUpper(rune(bestIssue[0].text[0])) {
			bestIssue = nil
		}
		if len(bestIssue) > 0 && (len(best) == 0 || len(bestIssue[0].text) > len(best[0].text)) {
			f := bestIssue[0]
			ms = append(ms, &mention{start: i, end: i + len(f.text), ents: []*entity{st.entityFor(f.actor)}, form: formName, how: "issue"})
			i += len(f.text)
			continue
		}
		if len(best) == 0 {
			i += n
			continue
		}
		if m := st.dictionaryMention(s, i, best); m != nil {
			// "the Japan International Cooperation Agency", "the Latvian
			// Investment Agency", "the Nairobi Declaration", "the Pacific
			// Islands Forum Leaders Meeting": a known name (or demonym)
			// that starts a longer name typed by its head noun.
			// A country's name is not followed by "of" inside a name:
			// "signed by Tanzania and Kenya of the Lake Victoria Agreement".
			joinsNext := strings.HasPrefix(text[m.end:], " of ") || strings.HasPrefix(text[m.end:], " for ") || strings.HasPrefix(text[m.end:], " on ")
			if end, kind := st.namedAfter(text[:s.End], m.end); end > m.end && !verbInside(toks, m.end, end) && len(m.ents) == 1 && !m.ents[0].is(graph.Person) && !m.ents[0].is(graph.Issue) && !strings.HasSuffix(text[:m.start], "-") && !(joinsNext && m.ents[0].is(graph.Country)) {
				// "the Lake Malawi Shipping Protocol": a capitalised word
				// before the known name belongs to the longer one.
				start := m.start
				if prev := lastWordBefore(text[s.Start:m.start]); isCapitalized(prev) && strings.HasSuffix(text[:m.start], " "+prev+" ") && !calendarWord[prev] && !st.lx.honorific[prev] &&
					st.startsWithTitle(prev) == "" && len(st.lx.names.match(prev, 0)) == 0 && m.start-len(prev)-1 > s.Start {
					start = m.start - len(prev) - 1
				}
				// "the Canada-Norway Arctic Research Partnership": the
				// parties' compound before the name is the name's.
				if start-1 > s.Start && text[start-1] == ' ' {
					k := strings.LastIndexByte(text[s.Start:start-1], ' ') + 1 + s.Start
					if w := text[k : start-1]; strings.Contains(w, "-") && isCapitalized(w) && !strings.HasSuffix(w, "-") {
						start = k
					}
				}
				// "the United Nations" is a known form; "the" is no part
				// of the longer name.
				if strings.HasPrefix(text[start:end], "the ") || strings.HasPrefix(text[start:end], "The ") {
					start += len("the ")
				}
				ms = append(ms, &mention{start: start, end: end, ents: []*entity{st.newEntity(text[start:end], kind)}, form: formNew, how: "name starting with " + m.ents[0].name, lead: m.ents[0]})
				i = end
				continue
			}
			// "the South China Sea", "the East and South China Seas": a
			// country's name inside a place name.
			if next := firstWord(strings.TrimLeft(text[m.end:s.End], " ")); !strings.HasSuffix(text[:m.start], "-") && m.ents[0].is(graph.Country) && (st.lx.heads[next] == graph.Place || st.lx.heads[strings.TrimSuffix(next, "s")] == graph.Place) && strings.HasPrefix(text[m.end:], " "+next) {
				start := m.start
				if prev := lastWordBefore(text[s.Start:m.start]); isCapitalized(prev) && strings.HasSuffix(text[:m.start], prev+" ") && !calendarWord[prev] && !st.lx.honorific[prev] && m.start-len(prev)-1 > s.Start {
					start = m.start - len(prev) - 1
				}
				end := m.end + 1 + len(next)
				ms = append(ms, &mention{start: start, end: end, ents: []*entity{st.newEntity(text[start:end], graph.Place)}, form: formNew, how: "place named after a country"})
				i = end
				continue
			}
			ms = append(ms, m)
			i = m.end
			continue
		}
		i += len(best[0].text)
	}
	// 2. Titles: "Finance Minister Chrystia Freeland", "the President".
	ms = st.titleMentions(s, toks, ms)
	// 3. Other proper names, typed by their head noun.
	headline := titleCased(toks)
	for i := 0; i < len(toks); i++ {
		if !properToken(toks, i) || covered(toks[i].Start) || headline && st.headlineVerb(toks[i]) {
			continue
		}
		j := i
		for j+1 < len(toks) && !covered(toks[j+1].Start) && !(headline && st.headlineVerb(toks[j+1])) && (properToken(toks, j+1) ||
			(nameJoiner(toks[j+1].Lower) || possessiveToken(toks[j+1]) || articleInName(toks, j+1)) && j+2 < len(toks) && properToken(toks, j+2) && !covered(toks[j+2].Start) ||
			nameJoiner(toks[j+1].Lower) && j+3 < len(toks) && articleInName(toks, j+2) && properToken(toks, j+3) && !covered(toks[j+3].Start)) {
			// "Michael Kovrig and Michael Spavor" are two names.
			if toks[j+1].Lower == "and" && st.lx.givenNames[toks[j+2].Text] {
				break
			}
			j++
		}
		// "President and Chief Executive Officer of Kansai Hydrogen
		// Systems": a title is no part of the name of what it is the title
		// of.
		i = st.pastTitleOf(toks, i, j)
		if m, k := st.companyMention(s, toks, i, j); m != nil {
			ms = append(ms, m)
			i = k
			continue
		}
		if m := st.properMention(s, toks, i, j); m != nil {
			ms = append(ms, m)
		}
		i = j
	}
	// "the Memorandum of Understanding (MoU)": the bracketed acronym
	// names the same thing, here and later in the document.
	ms = st.bracketAcronyms(s, ms)
	// "the Kenya-Uganda trade agreement": a compound of parties before an
	// agreement noun names an agreement.
	ms = st.partyCompounds(s, ms)
	// 4. Pronouns, groups and definite descriptions.
	ms = append(ms, st.referringMentions(s, toks, covered, ms)...)
	ms = dropNested(ms)
	st.appositiveTitles(s, ms)
	ms = st.placeAppositions(s, ms)
	return ms
}

// governmentHead nouns after a country's name name its government ("the
// United States Government"), not a body of its own.
var governmentHead = map[string]bool{"Government": true, "Administration": true, "Cabinet": true, "Authorities": true}

// namedAfter returns the end of a run of capitalised words right after
// offset at whose last word is a head noun of data/nouns.yaml ("
// International Cooperation Agency"), with the head's kind; or at when
// there is none. Joiners ("of", "and", "for") may sit inside the run:
// "and" between two words of one name ("the United Nations Relief and
// Works Agency"), but not right after the known name or a head noun, nor
// before "the" or another known name ("Canada and Mexico", "the Fund and
// the World Bank"). An organization's head may be followed by "for" or
// "of" and capitalised words that are not just a known name: "Agency for
// Palestine Refugees" is one name, "Agency of Kenya" is not.
func (st *docState) namedAfter(text string, at int) (int, graph.Kind) {
	best, kind := at, graph.Kind("")
	k := at
	prevJoin := false
	prevHead := false
	tailFrom, tailEnd := -1, -1 // "for Palestine Refugees" after the head
	tailOn := false             // "on Migration and Asylum" after an agreement's or event's head
	closeTail := func() {
		if tailFrom >= 0 && tailEnd > tailFrom && (kind == graph.Organization || tailOn) {
			tail := strings.TrimLeft(text[tailFrom:tailEnd], " ")
			tail = tail[strings.IndexByte(tail, ' ')+1:]
			if fs := st.lx.names.match(tail, 0); len(fs) == 0 || len(fs[0].text) != len(tail) {
				best = tailEnd
			}
		}
		tailFrom, tailEnd, tailOn = -1, -1, false
	}
	for n := 0; n < 10; n++ {
		if !strings.HasPrefix(text[k:], " ") {
			break
		}
		w := firstField(text[k:])
		clean := strings.TrimRight(w, ",;:.)'\"")
		if clean == "" {
			break
		}
		// "of", "for", "on" (and "the" after them) may join a name;
		// "and" joins two names, but for two words of one name.
		if (clean == "of" || clean == "for" || clean == "on" || clean == "the" && n > 0 && prevJoin) && clean == w {
			if clean != "the" {
				closeTail()
				if (clean == "for" || clean == "of") && k == best && kind == graph.Organization {
					tailFrom = k
				}
				// "the EU Pact on Migration and Asylum", "the Tokyo
				// International Conference on African Development".
				if clean == "on" && k == best && (kind == graph.Agreement || kind == graph.Event) {
					tailFrom, tailOn = k, true
				}
			}
			prevJoin = clean != "the"
			k += 1 + len(w)
			continue
		}
		if clean == "and" && w == clean && n > 0 && !prevJoin && !prevHead && (tailFrom < 0 || tailOn) {
			next := firstField(text[k+1+len(w):])
			if isCapitalized(next) && len(st.lx.names.match(text, k+1+len(w)+1)) == 0 && st.startsWithTitle(next) == "" {
				prevJoin = true
				k += 1 + len(w)
				continue
			}
		}
		prevJoin = false
		if !isCapitalized(clean) || calendarWord[clean] || st.startsWithTitle(clean) != "" {
			break
		}
		k += 1 + len(clean)
		prevHead = false
		if h, ok := st.lx.heads[clean]; ok && h != graph.Person && h != graph.Issue && !governmentHead[clean] {
			best, kind = k, h
			prevHead = true
			tailFrom = -1
		} else if tailFrom >= 0 && !strings.ContainsAny(clean, "'’") {
			tailEnd = k
		} else {
			tailFrom = -1 // "Fund for Kenya's farmers"
		}
		if clean != w {
			break
		}
	}
	closeTail()
	return best, kind
}

// partyCompounds finds agreements named by a hyphenated compound of their
// parties and a lower-case agreement noun ("the Kenya-Uganda agreement",
// "the U.S.-Canada trade deal"), and gives each party partyTo.
func (st *docState) partyCompounds(s Sentence, ms []*mention) []*mention {
	text := st.text
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	for k := 0; k+1 < len(ms); k++ {
		a, b := ms[k], ms[k+1]
		if gap(text, a.end, b.start) != "-" || !isParty(a) || !isParty(b) {
			continue
		}
		// Up to three lower-case words, then the agreement noun.
		end := 0
		rest := text[b.end:s.End]
		words := strings.Fields(rest)
		for n, w := range words {
			if n > 3 || w != strings.ToLower(w) {
				break
			}
			clean := strings.TrimRight(w, ",;:.)")
			if st.lx.agreementNouns[clean] || st.lx.agreementNouns[strings.TrimSuffix(clean, "s")] {
				end = b.end + strings.Index(rest, clean) + len(clean)
				break
			}
			if clean != w {
				break
			}
		}
		if end == 0 {
			continue
		}
		agr := st.newEntity(text[a.start:end], graph.Agreement)
		st.lastAgreement = agr
		for _, p := range []*mention{a, b} {
			st.addFact(p.ents[0], "partyTo", agr, "", s, graph.Asserted, 0.8, nil)
		}
		ms = append(ms, &mention{start: a.start, end: end, ents: []*entity{agr}, form: formNew, how: "agreement named by its parties"})
		k++
	}
	ms = st.partiesBetween(s, ms)
	// "the Australia-India Economic Cooperation and Trade Agreement": a
	// name that opens with its parties; "the Canada-Germany Hydrogen
	// Alliance": a body whose members open its name.
	for _, m := range ms {
		if len(m.ents) != 1 || !(m.ents[0].is(graph.Agreement) || m.ents[0].is(graph.Organization) && m.form == formNew) || m.how == "agreement named by its parties" {
			continue
		}
		pred := "partyTo"
		if m.ents[0].is(graph.Organization) {
			pred = "memberOf"
		}
		at := m.start
		var parties []*entity
		for len(parties) < 3 {
			forms := st.lx.names.match(text[:m.end], at)
			if len(forms) == 0 || !(forms[0].actor.Kind == graph.Country || forms[0].actor.Kind == graph.Organization) || forms[0].form == formAdjective {
				break
			}
			parties = append(parties, st.entityFor(forms[0].actor))
			at += len(forms[0].text)
			if at >= m.end || text[at] != '-' {
				break
			}
			at++
		}
		if len(parties) >= 2 && at < m.end && text[at] == ' ' {
			for _, p := range parties {
				st.addFact(p, pred, m.ents[0], "", s, graph.Asserted, 0.8, nil)
			}
		}
	}
	return dropNested(ms)
}

// partiesBetween finds agreements named by their parties after
// "between" ("the peace agreement between Ethiopia and Eritrea", "a
// memorandum between Kenya, Uganda and Tanzania"): up to three lower-case
// words and an agreement noun (data/nouns.yaml agreement_nouns), or an
// agreement the dictionary names ("the Safe Third Country Agreement
// between Canada and the United States"). Each party is partyTo it.
func (st *docState) partiesBetween(s Sentence, ms []*mention) []*mention {
	text := st.text
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	byStart := map[int]*mention{}
	for _, m := range ms {
		byStart[m.start] = m
	}
	var out []*mention
	for from := s.Start; ; {
		k := strings.Index(text[from:s.End], " between ")
		if k < 0 {
			break
		}
		at := from + k
		from = at + len(" between ")
		// The parties: two to four countries or bodies, with commas and
		// one "and".
		var parties []*entity
		end, p := 0, from
		for len(parties) < 4 {
			m := byStart[p]
			if m == nil {
				m = byStart[p+skipThe(text[p:])]
			}
			if m == nil || !isParty(m) {
				break
			}
			parties = append(parties, m.ents[0])
			end = m.end
			sep := ""
			for _, x := range []string{", and ", " and ", ", "} {
				if strings.HasPrefix(text[end:], x) {
					sep = x
					break
				}
			}
			if sep == "" || strings.Contains(text[m.start:end], " and ") {
				break
			}
			p = end + len(sep)
		}
		if len(parties) < 2 || strings.HasPrefix(text[end:], ",") && !strings.HasPrefix(text[end:], ", ") {
			continue
		}
		// What comes before "between": a known agreement, or an
		// agreement noun after up to three lower-case words.
		var agr *entity
		start := -1
		for _, m := range ms {
			if m.end == at && len(m.ents) == 1 && m.ents[0].is(graph.Agreement) {
				agr, start = m.ents[0], -1
			}
		}
		if agr == nil {
			before := strings.Fields(text[s.Start:at])
			if len(before) == 0 {
				continue
			}
			noun := strings.ToLower(before[len(before)-1])
			if !st.lx.agreementNouns[noun] && !st.lx.agreementNouns[strings.TrimSuffix(noun, "s")] || before[len(before)-1] != noun {
				continue
			}
			n := 1
			for n < 4 && n < len(before) {
				w := before[len(before)-1-n]
				if w != strings.ToLower(w) || w == "the" || w == "a" || w == "an" || w == "this" || w == "that" || w == "their" || w == "its" || w == "our" || !isWordRune(lastRune(w)) {
					break
				}
				n++
			}
			start = at
			for i := 0; i < n; i++ {
				start = strings.LastIndex(text[s.Start:start], before[len(before)-1-i]) + s.Start
			}
			if overlaps(ms, start, at) {
				continue
			}
			agr = st.newEntity(text[start:end], graph.Agreement)
			st.lastAgreement = agr
		}
		for _, p := range parties {
			st.addFact(p, "partyTo", agr, "", s, graph.Asserted, 0.8, nil)
		}
		if start >= 0 {
			out = append(out, &mention{start: start, end: end, ents: []*entity{agr}, form: formNew, how: "agreement named by its parties after between"})
		}
	}
	return append(ms, out...)
}

// lastAgreementBefore returns the agreement named last before offset at
// in the sentence ("launched the negotiations of the X Agreement and
// committed to conclude the agreement"), or nil.
func lastAgreementBefore(named []*mention, at int) *entity {
	var last *entity
	best := -1
	for _, m := range named {
		if m.end <= at && m.start > best && len(m.ents) == 1 && m.ents[0].is(graph.Agreement) {
			best, last = m.start, m.ents[0]
		}
	}
	return last
}

// skipThe returns the length of a "the " that opens s, or 0.
func skipThe(s string) int {
	if strings.HasPrefix(s, "the ") {
		return len("the ")
	}
	return 0
}

// overlaps reports whether a mention overlaps the span from start to end.
func overlaps(ms []*mention, start, end int) bool {
	for _, m := range ms {
		if m.start < end && m.end > start {
			return true
		}
	}
	return false
}

// isParty reports whether a mention names one country or organization.
func isParty(m *mention) bool {
	return len(m.ents) == 1 && (m.ents[0].is(graph.Country) || m.ents[0].is(graph.Organization))
}

// quoteSpeaker finds the quotation of sentence s and the person the
// sentence gives as its speaker ("'...,' said Prime Minister X", "X said:
// '...'", "'...,' X told reporters"), and returns a function telling, for
// a byte offset, the speaker when the offset lies inside the quotation.
func (st *docState) quoteSpeaker(s Sentence, named []*mention) func(int) *entity {
	none := func(int) *entity { return nil }
	text := st.text[s.Start:s.End]
	open := strings.IndexByte(text, '"')
	if open < 0 {
		return none
	}
	close := strings.IndexByte(text[open+1:], '"')
	if close < 0 {
		return none
	}
	qs, qe := s.Start+open, s.Start+open+1+close
	person := func(m *mention) bool { return len(m.ents) == 1 && m.ents[0].is(graph.Person) }
	var speaker *entity
	// After the quotation: ", said X" or ", X said".
	after := strings.TrimLeft(st.text[qe+1:s.End], " ,")
	if v := firstField(after); st.speechVerb(v) {
		at := s.End - len(after) + len(v) + 1
		for _, m := range named {
			if person(m) && m.start >= at && m.start <= at+40 && (speaker == nil || m.start < qe) {
				speaker = m.ents[0]
				break
			}
		}
	}
	if speaker == nil {
		for _, m := range named {
			if !person(m) {
				continue
			}
			// ", X said." after the quotation, or "X said: '...'" before it.
			if m.start > qe && m.start <= qe+4 && st.speechVerb(firstField(st.text[m.end:s.End])) {
				speaker = m.ents[0]
				break
			}
			if m.end < qs && strings.Count(st.text[m.end:qs], " ") <= 3 && st.speechVerb(firstField(st.text[m.end:qs])) {
				speaker = m.ents[0]
			}
		}
	}
	if speaker == nil {
		return none
	}
	return func(at int) *entity {
		if at > qs && at < qe {
			return speaker
		}
		return nil
	}
}

// carriedQuote extends quoteSpeaker over quotations that run across
// sentences and paragraphs: 'the Foreign Secretary said:' followed by a
// quoted paragraph, '"...," said Minister X. "We will ..."', and a quotation
// whose sentences carry no marks of their own until it closes. A sentence
// that opens inside such a quotation is its speaker's until the closing mark.
func (st *docState) carriedQuote(s Sentence, named []*mention, quoted func(int) *entity) func(int) *entity {
	text := st.text[s.Start:s.End]
	marks := strings.Count(text, "\"") + strings.Count(text, "“") + strings.Count(text, "”")
	opens := strings.HasPrefix(text, "\"") || strings.HasPrefix(text, "“")
	speaker, inside := st.quoteBy, st.inQuote
	if !inside && opens && st.pendingSpeaker != nil {
		speaker, inside = st.pendingSpeaker, true
		marks-- // the opening mark is counted here
	}
	st.sentQuoted = inside || opens && marks%2 == 1
	// What the next sentence may carry.
	st.pendingSpeaker = nil
	if trimmed := strings.TrimSpace(text); strings.HasSuffix(trimmed, ":") {
		// "Speaking in Adré, the Foreign Secretary said:".
		for _, m := range named {
			if len(m.ents) == 1 && m.ents[0].is(graph.Person) && st.speechVerb(lastWordBefore(trimmed[:len(trimmed)-1])) {
				st.pendingSpeaker = m.ents[0]
			}
		}
	} else if q := quoted(s.End - 2); q == nil && marks >= 2 {
		// '"...," said Minister X.': a quotation that follows is X's too.
		for at := s.Start; at < s.End; at++ {
			if q := quoted(at); q != nil {
				st.pendingSpeaker = q
				break
			}
		}
	}
	if inside {
		st.inQuote, st.quoteBy = marks%2 == 0, speaker
		if !st.inQuote {
			st.quoteBy = nil
		}
		closeAt := s.End
		if k := strings.IndexAny(text, "\"”"); k >= 0 && !opens {
			closeAt = s.Start + k
		}
		return func(at int) *entity {
			if q := quoted(at); q != nil {
				return q
			}
			if at < closeAt || opens {
				return speaker
			}
			return nil
		}
	}
	// A quotation opened here and not closed runs on to the next sentence.
	if marks%2 == 1 && opens {
		for at := s.Start + 1; at < s.End; at++ {
			if q := quoted(at); q != nil {
				st.inQuote, st.quoteBy = true, q
				break
			}
		}
	}
	return quoted
}

// speechVerb reports whether a word (punctuation aside) is a form of a
// verb of speech of data/modality.yaml ("said", "told").
func (st *docState) speechVerb(w string) bool {
	return st.lx.modality.Speech[st.lx.Lemma(strings.Trim(w, ",.:"))]
}

// bracketAcronyms makes an acronym in brackets right after a name an
// alias of the name's entity ("Japan International Cooperation Agency
// (JICA)", "Memorandum of Understanding (MoU)"), so that later mentions of
// the acronym find it.
func (st *docState) bracketAcronyms(s Sentence, ms []*mention) []*mention {
	text := st.text
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	var out []*mention
	for k, m := range ms {
		out = append(out, m)
		if len(m.ents) != 1 || m.form >= formPronoun || !strings.HasPrefix(text[m.end:s.End], " (") {
			continue
		}
		at := m.end + 2
		close := strings.IndexByte(text[at:s.End], ')')
		if close < 2 || close > 10 {
			continue
		}
		acr := text[at : at+close]
		e := m.ents[0]
		// "(Norad)", "(Sida)": a word in brackets that abbreviates the
		// name of a body or an agreement, letter by letter.
		if !acronymLike(acr) && !(isCapitalized(acr) && (e.is(graph.Organization) || e.is(graph.Agreement)) && abbreviates(acr, text[m.start:m.end])) {
			continue
		}
		// "the Peace and Security Council of the African Union (AU)": the
		// acronym is of the known name at the end, not of the whole.
		if k+1 < len(ms) && ms[k+1].start == at && ms[k+1].how == "dictionary" && len(ms[k+1].ents) == 1 && ms[k+1].ents[0] != e &&
			strings.HasSuffix(text[m.start:m.end], ms[k+1].ents[0].name) {
			continue
		}
		if prev, taken := st.newNames[graph.Fold(acr)]; !taken || k+1 < len(ms) && ms[k+1].start == at && ms[k+1].ents[0] == prev && prev.name == acr {
			st.newNames[graph.Fold(acr)] = e
			if taken && prev != e && prev.count == 0 {
				st.drop(prev) // made from the bracket a moment ago
			}
		}
		e.aliases[acr] = true
		if k+1 < len(ms) && ms[k+1].start == at {
			ms[k+1].ents = []*entity{e}
			ms[k+1].how = "acronym of " + e.name
		} else {
			out = append(out, &mention{start: at, end: at + close, ents: []*entity{e}, form: formAlias, how: "acronym of " + e.name})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// abbreviates reports whether short is an abbreviation of long as
// Schwartz and Hearst (2003) match them: its letters and digits appear in
// long in order, from the end, and its first one starts a word of long
// ("Norad" of "Norwegian Agency for Development Cooperation").
func abbreviates(short, long string) bool {
	s, l := strings.ToLower(short), strings.ToLower(long)
	j := len(l) - 1
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			continue
		}
		for j >= 0 && (l[j] != c || i == 0 && j > 0 && isWordRune(rune(l[j-1]))) {
			j--
		}
		if j < 0 {
			return false
		}
		j--
	}
	return true
}

// acronymLike reports whether s reads as an acronym: two to eight letters,
// starting with a capital, mostly capitals ("NATO", "MoU", "AZEC").
func acronymLike(s string) bool {
	if len(s) < 2 || len(s) > 8 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	upper := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z', r == '-', r == '&':
		default:
			return false
		}
	}
	return upper*2 > len(s)
}

// titleCased reports whether a sentence capitalises most of its words,
// as headlines do.
func titleCased(toks []Token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if len(t.Text) < 4 || !isWordRune(rune(t.Text[0])) {
			continue
		}
		words++
		if isCapitalized(t.Text) {
			caps++
		}
	}
	return words >= 4 && caps*4 >= words*3
}

// headlineVerb reports whether a capitalised word of a headline is a verb
// of data/verbs.yaml in the third person or the past ("Kansai Hydrogen
// Systems Signs Memorandum ..."): it ends the name before it.
func (st *docState) headlineVerb(t Token) bool {
	if !strings.HasSuffix(t.Lower, "s") && !strings.HasSuffix(t.Lower, "ed") || st.lx.heads[t.Text] != "" {
		return false
	}
	l := st.lx.Lemma(t.Lower)
	return l != t.Lower && st.lx.verbs[l] != nil
}

// verbInside reports whether a token tagged as a verb lies between the
// offsets: "Japan and India Sign Agreement" is no name starting with India.
func verbInside(toks []Token, start, end int) bool {
	for _, t := range toks {
		if t.Start >= start && t.End <= end && strings.HasPrefix(t.Tag, "VB") {
			return true
		}
	}
	return false
}

// gap returns text[a:b], or "" when the two spans overlap.
func gap(text string, a, b int) string {
	if a > b || b > len(text) {
		return ""
	}
	return text[a:b]
}

// dropNested sorts mentions by position and drops those that lie inside a
// longer one ("Defense" inside "the Secretary of Defense").
func dropNested(ms []*mention) []*mention {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].start != ms[j].start {
			return ms[i].start < ms[j].start
		}
		return ms[i].end > ms[j].end
	})
	out := ms[:0]
	for _, m := range ms {
		nested := false
		for _, o := range out {
			if o != m && m.start >= o.start && m.end <= o.end && o.end-o.start > m.end-m.start {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, m)
		}
	}
	return out
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// dictionaryMention decides what a dictionary match at i refers to, given
// the forms that matched there.
func (st *docState) dictionaryMention(s Sentence, i int, forms []*nameForm) *mention {
	text := st.text
	f := forms[0]
	end := i + len(f.text)
	// "US$300 million", "NZ$5 million", "HK$": a country's letters before
	// "$" are the currency's, not a mention of the country.
	if strings.HasPrefix(text[end:], "$") {
		return nil
	}
	prev := strings.ToLower(lastWordBefore(text[s.Start:i]))
	switch f.form {
	case formAdjective:
		// A demonym names a country's government only before a title or
		// an official body: "Canadian PM", "Canadian officials".
		next := text[end:s.End]
		if st.startsWithTitle(strings.TrimLeft(next, " ")) == "" && !st.demonymBody(next) {
			return &mention{start: i, end: end, ents: []*entity{st.entityFor(f.actor)}, form: formAdjective, how: "demonym"}
		}
		return &mention{start: i, end: end, ents: []*entity{st.entityFor(f.actor)}, form: formAdjective, how: "demonym before title"}
	case formGovernment:
		if locatives[prev] {
			if city := st.cityNamed(f.text); city != nil {
				return &mention{start: i, end: end, ents: []*entity{city}, form: formName, how: "capital as place"}
			}
		}
		e := st.entityFor(f.actor)
		return &mention{start: i, end: end, ents: []*entity{e}, form: formGovernment, how: "government metonym"}
	}
	a := f.actor
	if f.short || len(forms) > 1 {
		a = st.pickNamesake(s, i, forms)
	}
	if a == nil {
		return nil
	}
	// "K.T. Hammond", "Richard Hammond": a surname after initials or a
	// given name that are not the known person's is someone else's.
	if a.Kind == graph.Person && f.short && !st.sameGivenName(a, lastWordBefore(text[s.Start:i])) {
		return nil
	}
	e := st.entityFor(a)
	start := i
	if a.Kind == graph.Person {
		// "Dr. Biden" is the name as written: keep the honorific with it.
		if hon := lastWordBefore(text[s.Start:i]); st.lx.honorific[hon] && strings.HasSuffix(text[:i], hon+" ") {
			start = i - len(hon) - 1
		}
	}
	// "Dr. Tedros Adhanom Ghebreyesus": a short form that a longer form of
	// the same person overlaps is the longer one.
	if a.Kind == graph.Person {
		for j := i + 1; j < end; j++ {
			if text[j-1] != ' ' {
				continue
			}
			for _, g := range st.lx.names.match(text[:s.End], j) {
				if g.actor == a && j+len(g.text) > end {
					end = j + len(g.text)
				}
			}
		}
	}
	return &mention{start: start, end: end, ents: []*entity{e}, form: f.form, how: "dictionary"}
}

// sameGivenName reports whether w, the word before a person's surname,
// leaves the person a's: it is no initial or given name, or it is a's
// given name or its initial ("P. Hammond").
func (st *docState) sameGivenName(a *Actor, w string) bool {
	initials := isInitial(w)
	if !initials && !st.lx.givenNames[w] {
		return true
	}
	given := firstField(a.Name)
	if initials {
		return given != "" && given[0] == w[0]
	}
	return w == given
}

// demonymBody reports whether next (the text after a demonym) opens with a
// noun of data/nouns.yaml's demonym_bodies as a whole word.
func (st *docState) demonymBody(next string) bool {
	for _, n := range st.lx.demonymBodies {
		if strings.HasPrefix(next, " "+n) {
			rest := next[1+len(n):]
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !isWordRune(r) {
				return true
			}
		}
	}
	return false
}

// pickNamesake chooses among people who share a name ("Biden"): an
// honorific decides ("Dr. Biden" is Jill Biden), else the one the document
// has named in full, else the first in the dictionary.
func (st *docState) pickNamesake(s Sentence, i int, forms []*nameForm) *Actor {
	hon := lastWordBefore(st.text[s.Start:i])
	if !strings.HasSuffix(hon, ".") && st.lx.honorific[hon+"."] {
		hon += "."
	}
	if st.lx.honorific[hon] || hon == "Lady" {
		for _, f := range forms {
			for _, h := range f.actor.Honorifics {
				if h == hon || strings.HasSuffix(h, " "+hon) {
					return f.actor
				}
			}
		}
		if hon == "Mr." || hon == "Mr" {
			for _, f := range forms {
				if f.actor.Gender == "he" {
					return f.actor
				}
			}
		}
	}
	for _, f := range forms {
		if e := st.ents[f.actor.ID]; e != nil && e.count > 0 {
			return f.actor
		}
	}
	return forms[0].actor
}

// cityNamed returns the place entity for a capital's name, if the
// dictionary has it.
func (st *docState) cityNamed(name string) *entity {
	for _, f := range st.lx.names.match(name, 0) {
		if f.actor.Kind == graph.Place && len(f.text) == len(name) {
			return st.entityFor(f.actor)
		}
	}
	return nil
}

// startsWithTitle returns the title that s starts with, or "".
func (st *docState) startsWithTitle(s string) string {
	for _, t := range st.lx.titles {
		if strings.HasPrefix(s, t) && (len(s) == len(t) || !isWordRune(rune(s[len(t)]))) {
			return t
		}
	}
	// "Health Minister", "Agriculture and Fisheries Secretary": portfolio
	// words before a title that takes them.
	for k := 0; ; {
		w := firstField(s[k:])
		joins := k > 0 && w == "and"
		if !joins && !(isCapitalized(w) && st.lx.portfolios[strings.ToLower(w)]) {
			return ""
		}
		k += len(w)
		if !strings.HasPrefix(s[k:], " ") {
			return ""
		}
		k++
		if joins {
			continue
		}
		for _, h := range st.lx.portfolioTitles {
			if strings.HasPrefix(s[k:], h) && (len(s) == k+len(h) || !isWordRune(rune(s[k+len(h)]))) {
				return s[:k+len(h)]
			}
		}
	}
}

func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// lastWordBefore returns the word that ends right before the end of s
// (honorifics keep their period).
func lastWordBefore(s string) string {
	s = strings.TrimRight(s, " ")
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) && r != '.' && r != '\'' {
			break
		}
		i -= n
	}
	return s[i:]
}

// properToken reports whether token i can be part of a proper name.
func properToken(toks []Token, i int) bool {
	t := toks[i]
	if !isCapitalized(t.Text) || t.Tag == "PRP" || t.Tag == "DT" || t.Tag == "``" {
		return false
	}
	// Headlines capitalise every word and confuse the tagger: a capitalised
	// adjective or noun may be part of a name too; the run's head noun
	// decides later whether it names anything.
	switch t.Tag {
	case "NNP", "NNPS", "NN", "NNS", "JJ":
	default:
		return false
	}
	if i == 0 && t.Tag != "NNP" && t.Tag != "NNPS" && !(len(toks) > 1 && isCapitalized(toks[1].Text)) {
		return false // a capitalised first word is just the sentence start
	}
	return !calendarWord[t.Text]
}

var calendarWord = map[string]bool{"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true,
	"Saturday": true, "Sunday": true, "January": true, "February": true, "March": true, "April": true, "May": true,
	"June": true, "July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
	"Jan.": true, "Feb.": true, "Aug.": true, "Sept.": true, "Oct.": true, "Nov.": true, "Dec.": true, "Today": true}

// nameJoiner words may sit inside a proper name ("Department of Defense").
// articleInName reports whether toks[i] is "a" or "an" after a joining
// preposition inside a name: "Roadmap for a Renewed Partnership",
// "Partnership for an Open Indo-Pacific".
func articleInName(toks []Token, i int) bool {
	if i < 1 || toks[i].Lower != "a" && toks[i].Lower != "an" {
		return false
	}
	switch toks[i-1].Lower {
	case "for", "of", "on", "to", "toward", "towards":
		return true
	}
	return false
}

func nameJoiner(w string) bool {
	switch w {
	case "of", "for", "and", "on", "the", "de", "del", "von", "der", "van", "la", "le", "du", "da":
		return true
	}
	return false
}

// pastTitleOf returns the token after "TITLE of (the)" when the run of
// capitalised tokens toks[i..j] starts with a title, or i.
func (st *docState) pastTitleOf(toks []Token, i, j int) int {
	title := st.startsWithTitle(st.text[toks[i].Start:toks[j].End])
	if title == "" {
		return i
	}
	k := i
	for k <= j && toks[k].End <= toks[i].Start+len(title) {
		k++
	}
	if k >= j || k == i || toks[k].Lower != "of" {
		return i
	}
	k++
	if k < j && toks[k].Lower == "the" {
		k++
	}
	return k
}

// possessiveToken reports whether t is a possessive ending, which a name
// may hold inside: "the Trilateral Leaders' Meeting", "the Women's Forum".
func possessiveToken(t Token) bool {
	switch t.Text {
	case "'", "'s", "’", "’s":
		return true
	}
	return false
}

// properMention makes a mention of the proper name toks[i..j] when its
// head noun gives it a type, or when it is close to a known name (a typo).
func (st *docState) properMention(s Sentence, toks []Token, i, j int) *mention {
	for j > i && (nameJoiner(toks[j].Lower) || toks[j].Lower == "a" || toks[j].Lower == "an") {
		j--
	}
	// "The U.S.-Canada Partnership Roadmap": a capitalised compound of
	// names before the run belongs to it.
	if i > 0 && strings.Contains(toks[i-1].Text, "-") && isCapitalized(toks[i-1].Text) && toks[i-1].End+1 == toks[i].Start {
		i--
	}
	start, end := toks[i].Start, toks[j].End
	head := toks[j].Text
	// "the Coral Sea.": the period that ends the sentence is not the
	// name's, unless the last word is an abbreviation.
	if st.sentenceFinal(s, toks[j]) {
		end--
		head = strings.TrimSuffix(head, ".")
	}
	name := st.text[start:end]
	name = strings.TrimSuffix(name, "'s")
	name = strings.TrimRight(name, "'")
	end = start + len(name)
	if name == "" || !isCapitalized(name) {
		return nil
	}
	if st.startsWithTitle(name) == name {
		return nil // "Secretary of State" is a title, not a state
	}
	if e := st.typo(name); e != nil {
		e.aliases[name] = true
		return &mention{start: start, end: end, ents: []*entity{e}, form: formAlias, how: "near spelling of " + e.name}
	}
	if e := st.newNames[graph.Fold(name)]; e != nil {
		return &mention{start: start, end: end, ents: []*entity{e}, form: formNew, how: "name seen earlier"}
	}
	if i == j {
		if e := st.personByPart(name, start); e != nil {
			return &mention{start: start, end: end, ents: []*entity{e}, form: formAlias, how: "part of the full name " + e.name}
		}
	}
	kind, ok := st.lx.heads[head]
	// "Ministry of Trade", "Global Partnership for Education", "Union for
	// the Mediterranean": the head comes before "of", "for" or "on".
	for t := j - 1; !ok && t >= i; t-- {
		if w := toks[t+1].Lower; w != "of" && w != "for" && w != "on" {
			continue
		}
		if k, typed := st.lx.heads[toks[t].Text]; typed && (k == graph.Organization || k == graph.Agreement || k == graph.Event) {
			kind, ok, head = k, true, toks[t].Text
		}
	}
	// "Michael Kovrig": a given name and a family name.
	if words := strings.Fields(name); !ok && len(words) >= 2 && len(words) <= 3 && st.lx.givenNames[words[0]] {
		e := st.newPerson(name)
		return &mention{start: start, end: end, ents: []*entity{e}, form: formNew, how: "given name " + words[0]}
	}
	if !ok {
		// A bare acronym is an organization, unless a number follows it:
		// "EUR 20 million", "AUD 50 million" name a currency.
		if i == j && isAcronym(name) && !(j+1 < len(toks) && toks[j+1].Tag == "CD") {
			kind, ok = graph.Organization, true
		}
	}
	if !ok || i == j && !isAcronym(name) {
		return nil // a lone "Government" or "Council" names nothing in particular
	}
	e := st.newEntity(name, kind)
	return &mention{start: start, end: end, ents: []*entity{e}, form: formNew, how: "proper name with head " + head}
}

// sentenceFinal reports whether the token ends with the period that ends
// the sentence (only closing quotes or brackets after it), a period no
// abbreviation of data/abbreviations.txt, initial or dotted acronym owns.
func (st *docState) sentenceFinal(s Sentence, t Token) bool {
	w, ok := strings.CutSuffix(t.Text, ".")
	if !ok || len(w) < 2 || strings.Contains(w, ".") || st.lx.abbrev[w] || t.End > s.End {
		return false
	}
	return strings.Trim(st.text[t.End:s.End], "\"')]”’ \n") == ""
}

// companyMention makes an organization of a capitalised run that ends in
// a company's legal form ("Ningbo Eastgate Trading Co., Ltd.", "Volga
// Precision Instruments LLC"), the legal form included. It returns the
// mention and the index of its last token, or nil.
func (st *docState) companyMention(s Sentence, toks []Token, i, j int) (*mention, int) {
	text := st.text
	for k := i + 1; k < len(toks) && k <= j+1; k++ {
		at := toks[k].Start
		for _, suf := range st.lx.companies {
			if !strings.HasPrefix(text[at:s.End], suf) || at+len(suf) < s.End && isWordRune(rune(text[at+len(suf)])) {
				continue
			}
			end := at + len(suf)
			last := k
			for last+1 < len(toks) && toks[last+1].Start < end {
				last++
			}
			name := text[toks[i].Start:end]
			e := st.newNames[graph.Fold(name)]
			if e == nil {
				e = st.newEntity(name, graph.Organization)
			}
			// "Kansai Hydrogen Systems" later is the same company.
			if short := strings.TrimRight(text[toks[i].Start:at], " ,"); len(strings.Fields(short)) >= 2 {
				if _, taken := st.newNames[graph.Fold(short)]; !taken {
					st.newNames[graph.Fold(short)] = e
				}
			}
			e.company = true
			return &mention{start: toks[i].Start, end: end, ents: []*entity{e}, form: formNew, how: "company " + suf}, last
		}
	}
	return nil, 0
}

// isAcronym reports whether a name is an all-capitals acronym ("NORAD").
func isAcronym(name string) bool {
	return len(name) >= 2 && len(name) <= 6 && strings.ToUpper(name) == name && unicode.IsLetter(rune(name[0]))
}

// typo returns a known entity whose name differs from name by a small edit
// in one word ("Roxham Rhoad" for Roxham Road), or nil.
func (st *docState) typo(name string) *entity {
	words := strings.Fields(name)
	if len(words) < 2 || len(name) < 8 {
		return nil
	}
	try := func(e *entity) bool {
		ew := strings.Fields(e.name)
		if len(ew) != len(words) || e.name == name {
			return false
		}
		diff := 0
		for k := range ew {
			if ew[k] == words[k] {
				continue
			}
			if k == 0 || len(ew[k]) < 4 || editDistance(ew[k], words[k]) > 1 {
				return false
			}
			diff++
		}
		return diff == 1
	}
	for _, e := range st.order {
		if try(e) {
			return e
		}
	}
	for _, fs := range st.lx.names.first[words[0]] {
		if fs.form == formName && fs.actor.Kind != graph.Person {
			if e := st.entityFor(fs.actor); try(e) {
				return e
			}
		}
	}
	return nil
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// titleMentions finds titles before names ("Finance Minister Chrystia
// Freeland": a new person when the dictionary lacks her) and titles used
// alone ("the President"), and records who holds which title.
func (st *docState) titleMentions(s Sentence, toks []Token, ms []*mention) []*mention {
	text := st.text
	byStart := map[int]*mention{}
	for _, m := range ms {
		byStart[m.start] = m
	}
	var out []*mention
	skip := map[*mention]bool{}
	titleEnd := 0 // no title starts inside another ("Prime Minister")
	for _, tk := range toks {
		i := tk.Start
		if i < titleEnd || i > s.Start && isWordRune(lastRune(text[:i])) {
			continue
		}
		title := st.startsWithTitle(text[i:s.End])
		// An honorific introduces a name as a title does, but names no
		// role: "Dr K. Raghavan", "Ms Okafor".
		honorific := false
		if title == "" {
			if w := firstField(text[i:s.End]); st.lx.honorific[w] && strings.HasPrefix(text[i:], w+" ") {
				title, honorific = w, true
			} else {
				continue
			}
		}
		entitle := func(m *mention) {
			if !honorific {
				st.giveTitle(m, title, st.titleOwner(s, i, m.end, ms))
			}
		}
		if !honorific {
			title = st.titleBeforeName(ms, i, title)
		}
		titleEnd = i + len(title)
		if m := byStart[i]; m != nil && m.form != formAdjective && m.end-m.start >= len(title) && !(m.ents[0].is(graph.Organization) && title == text[m.start:m.end]) {
			continue // a name that happens to start like a title
		}
		after := i + len(title)
		rest := text[after:s.End]
		trimmed := strings.TrimLeft(rest, " ")
		nameAt := after + len(rest) - len(trimmed)
		// Honorific inside the title position: "the Honourable Harjit Sajjan".
		if m := byStart[nameAt]; m != nil && m.ents[0].is(graph.Person) {
			entitle(m)
			if t := byStart[i]; t != nil {
				skip[t] = true
			}
			continue
		}
		if name := personName(trimmed); name != "" && byStart[nameAt] == nil {
			if e := st.knownPerson(name); e != nil || st.lx.heads[lastWord(name)] == "" {
				if e == nil {
					e = st.newPerson(name)
				}
				// "Mr. Enrique Manalo", "Ms. Kamikawa": the honorific tells
				// the gender the dictionary does not.
				if e.gender == "" {
					switch title {
					case "Mr.", "Mr", "Sir":
						e.gender = "he"
					case "Ms.", "Ms", "Mrs.", "Mrs", "Dame":
						e.gender = "she"
					}
				}
				m := &mention{start: nameAt, end: nameAt + len(name), ents: []*entity{e}, form: formNew, how: "title " + title}
				entitle(m)
				out = append(out, m)
				if t := byStart[i]; t != nil {
					skip[t] = true
				}
				continue
			}
		}
		// "President of the European Commission Ursula von der Leyen": the
		// title's owner between the title and the name.
		if at := st.afterOwner(ms, after); at > after && !honorific && strings.HasPrefix(text[at:s.End], " ") {
			owner := st.ownerAfter(ms, after)
			nameAt2 := at + 1
			if m := byStart[nameAt2]; m != nil && len(m.ents) == 1 && m.ents[0].is(graph.Person) {
				st.giveTitle(m, title, owner)
				continue
			}
			if name := personName(text[nameAt2:s.End]); name != "" && byStart[nameAt2] == nil && st.lx.givenNames[firstField(name)] {
				e := st.knownPerson(name)
				if e == nil {
					e = st.newPerson(name)
				}
				m := &mention{start: nameAt2, end: nameAt2 + len(name), ents: []*entity{e}, form: formNew, how: "title " + title + " of " + owner.name}
				st.giveTitle(m, title, owner)
				out = append(out, m)
				continue
			}
		}
		// "Minister Kowalczyk", "Senator Wong": a title before the surname
		// of a person the document has named.
		if w := firstNameWord(trimmed); w != "" && byStart[nameAt] == nil {
			e := st.newNames[graph.Fold(w)]
			if e == nil {
				e = st.personByPart(w, nameAt)
			}
			if e == nil && st.surnameLike(w, title) {
				// "President Marcos" with no full name yet: a person known
				// by the surname until the document gives more.
				e = st.newPerson(w)
			}
			if e != nil && e.kind == graph.Person {
				m := &mention{start: nameAt, end: nameAt + len(w), ents: []*entity{e}, form: formAlias, how: "title " + title + " before a surname"}
				entitle(m)
				out = append(out, m)
				if t := byStart[i]; t != nil {
					skip[t] = true
				}
				continue
			}
		}
		// "Kenya's Foreign Minister, Musalia Mudavadi,": a possessive
		// owner, the title, then the name after a comma.
		if !honorific && strings.HasPrefix(text[after:s.End], ", ") {
			if owner := st.possessiveOwner(ms, i); owner != nil {
				nameAt := after + 2
				// The title stands for the person too, as the subject
				// of the clause the apposition interrupts.
				titleMention := func(e *entity) {
					out = append(out, &mention{start: i, end: after, ents: []*entity{e}, form: formDefinite, how: "title alone: " + title + " of " + owner.name})
					if t := byStart[i]; t != nil {
						skip[t] = true
					}
				}
				if m := byStart[nameAt]; m != nil && len(m.ents) == 1 && m.ents[0].is(graph.Person) {
					st.giveTitle(m, title, owner)
					titleMention(m.ents[0])
					continue
				}
				// A name new to the document, closed by a comma or the
				// sentence's end.
				if name := personName(text[nameAt:s.End]); name != "" && byStart[nameAt] == nil && st.lx.heads[lastWord(name)] == "" &&
					(strings.HasPrefix(text[nameAt+len(name):], ",") || strings.HasPrefix(text[nameAt+len(name):], ".")) {
					e := st.knownPerson(name)
					if e == nil {
						e = st.newPerson(name)
					}
					m := &mention{start: nameAt, end: nameAt + len(name), ents: []*entity{e}, form: formNew, how: "title " + title + " of " + owner.name + ", then the name"}
					st.giveTitle(m, title, owner)
					out = append(out, m)
					titleMention(e)
					continue
				}
			}
		}
		// "with the Moroccan Minister of the Interior, Abdelouafi Laftit,":
		// "the", maybe a demonym, the title, then a name new to the
		// document closed by a comma or the sentence's end.
		if nameAt := after + 2; !honorific && strings.HasPrefix(text[after:s.End], ", ") && byStart[nameAt] == nil && st.possessiveOwner(ms, i) == nil {
			var owner *entity
			ok := strings.HasSuffix(strings.ToLower(text[s.Start:i]), "the ")
			for _, n := range ms {
				if n.form == formAdjective && n.end+1 == i && strings.HasSuffix(strings.ToLower(text[s.Start:n.start]), "the ") {
					owner, ok = n.ents[0], true
				}
			}
			if name := personName(text[nameAt:s.End]); ok && len(strings.Fields(name)) >= 2 && st.lx.heads[lastWord(name)] == "" && len(st.lx.names.match(name, 0)) == 0 &&
				(strings.HasPrefix(text[nameAt+len(name):], ",") || strings.HasPrefix(text[nameAt+len(name):], ".")) {
				e := st.knownPerson(name)
				if e == nil {
					e = st.newPerson(name)
				}
				m := &mention{start: nameAt, end: nameAt + len(name), ents: []*entity{e}, form: formNew, how: "title " + title + ", then the name"}
				st.giveTitle(m, title, owner)
				out = append(out, m, &mention{start: i, end: after, ents: []*entity{e}, form: formDefinite, how: "title alone: " + title})
				if t := byStart[i]; t != nil {
					skip[t] = true
				}
				continue
			}
		}
		// A title alone: "the President", "The Prime Minister and President",
		// "The Prime Minister, Justin Trudeau,", "the President of Mexico".
		prevWord := strings.ToLower(lastWordBefore(text[s.Start:i]))
		if !honorific && (prevWord == "the" || prevWord == "and") {
			owner := st.ownerAfter(ms, after)
			e := st.holderOf(title, owner)
			// "The Prime Minister, Justin Trudeau," and "The Minister of
			// National Defence of Canada, the Honourable Harjit Sajjan".
			if at := st.afterOwner(ms, after); strings.HasPrefix(text[at:], ", ") {
				at += 2
				// "the Honourable Harjit Sajjan", "Senator the Hon Penny Wong".
				for again := true; again; {
					again = false
					for _, h := range []string{"the Honourable ", "the Honorable ", "the Hon. ", "the Hon ", "The Honourable ", "Senator ", "Dr ", "Dr. ", "Hon. ", "Hon "} {
						if strings.HasPrefix(text[at:], h) {
							at += len(h)
							again = true
						}
					}
				}
				for _, m := range ms {
					if m.start <= at && m.end > at && m.ents[0].is(graph.Person) {
						e = m.ents[0]
						st.giveTitle(m, title, owner)
					}
				}
			}
			if e != nil {
				start := i
				if prevWord == "the" {
					start = i - 4
				}
				m := &mention{start: start, end: after, ents: []*entity{e}, form: formDefinite, how: "title alone: " + title}
				out = append(out, m)
				if t := byStart[i]; t != nil {
					skip[t] = true
				}
			}
		}
	}
	kept := ms[:0]
	for _, m := range ms {
		if !skip[m] {
			kept = append(kept, m)
		}
	}
	return append(kept, out...)
}

// personName returns the capitalised words at the start of s that look like
// a person's name (two to five words, particles allowed), or "".
func personName(s string) string {
	words := strings.Fields(s)
	var out []string
	for _, w := range words {
		clean := strings.TrimRight(w, ",;:)")
		clean = strings.TrimSuffix(clean, "'s")
		// "Ruto." ends a sentence; "R." and "Jr." keep their period.
		if strings.HasSuffix(clean, ".") && len(clean) > 2 && clean != "Jr." && clean != "Sr." && !isInitial(clean) {
			clean = strings.TrimSuffix(clean, ".")
		}
		if len(out) > 0 && (clean == "de" || clean == "von" || clean == "der" || clean == "van" || clean == "del" || clean == "da") {
			out = append(out, clean)
			continue
		}
		if !isCapitalized(clean) || calendarWord[clean] || strings.ToUpper(clean) == clean && len(clean) > 1 && clean != "III" && clean != "II" && clean != "Jr." && !isInitial(clean) {
			break
		}
		out = append(out, clean)
		if clean != w || len(out) == 5 {
			break
		}
	}
	if len(out) < 2 {
		return ""
	}
	name := strings.Join(out, " ")
	if !strings.HasPrefix(s, name) {
		return ""
	}
	return name
}

// surnameLike reports whether a capitalised word after a title can be a
// person's surname: not a word the vocabulary knows as something else, and
// the title one that people are addressed by ("President", "Minister").
func (st *docState) surnameLike(w, title string) bool {
	if !st.lx.addressTitle[title] || calendarWord[w] || st.lx.heads[w] != "" || len(st.lx.names.match(w, 0)) > 0 || len(w) < 3 {
		return false
	}
	if strings.ToUpper(w) == w || strings.ContainsAny(w, "0123456789") {
		return false
	}
	return true
}

// isInitial reports whether w is an initial inside a name ("R."), or
// initials written together ("K.T.").
func isInitial(w string) bool {
	if len(w) < 2 || len(w)%2 != 0 {
		return false
	}
	for i := 0; i < len(w); i += 2 {
		if w[i] < 'A' || w[i] > 'Z' || w[i+1] != '.' {
			return false
		}
	}
	return true
}

// firstNameWord returns the capitalised word that starts s when it stands
// alone (not followed by another capitalised word), or "".
func firstNameWord(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return ""
	}
	w := strings.TrimRight(words[0], ",;:).!?")
	w = strings.TrimSuffix(w, "'s")
	if !isCapitalized(w) || !strings.HasPrefix(s, w) || strings.ToUpper(w) == w {
		return ""
	}
	if words[0] == w && len(words) > 1 && isCapitalized(words[1]) {
		return ""
	}
	return w
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// titleOwner finds the country or organization a title belongs to: an
// adjective or name right before it ("Canadian PM", "U.S. National Security
// Council spokesperson"), or "of X" after the title or the name.
func (st *docState) titleOwner(s Sentence, titleStart, nameEnd int, ms []*mention) *entity {
	text := st.text
	for _, m := range ms {
		// "Canadian PM", and the possessive "Ghana's President".
		if m.end <= titleStart && possessiveGap(text[m.end:titleStart]) && (m.ents[0].is(graph.Country) || m.ents[0].is(graph.Organization)) {
			return m.ents[0]
		}
	}
	for _, m := range ms {
		if m.start >= nameEnd && m.start <= nameEnd+8 && strings.TrimSpace(text[nameEnd:m.start]) == "of" ||
			m.start >= nameEnd && strings.HasPrefix(text[nameEnd:m.start], " of the ") && m.start-nameEnd == 8 {
			if m.ents[0].is(graph.Country) || m.ents[0].is(graph.Organization) {
				return m.ents[0]
			}
		}
	}
	return nil
}

// possessiveOwner returns the country or organization named right before
// a title with a possessive ending ("Kenya's Foreign Minister"), or nil.
func (st *docState) possessiveOwner(ms []*mention, titleStart int) *entity {
	for _, m := range ms {
		if m.end < titleStart && len(m.ents) == 1 && (m.ents[0].is(graph.Country) || m.ents[0].is(graph.Organization)) {
			if b := strings.TrimSpace(st.text[m.end:titleStart]); b == "'s" || b == "’s" {
				return m.ents[0]
			}
		}
	}
	return nil
}

// possessiveGap reports whether the text between an owner and its title
// is blank or a possessive ending: "Canadian PM", "Ghana's President".
func possessiveGap(between string) bool {
	switch strings.TrimSpace(between) {
	case "", "'s", "’s":
		return true
	}
	return false
}

// giveTitle records a title on a person mention and on its entity.
func (st *docState) giveTitle(m *mention, title string, of *entity) {
	if title == "PM" {
		title = "Prime Minister"
	}
	m.title, m.titleOf = title, of
	e := m.ents[0]
	if e.titles == nil {
		e.titles = map[string]bool{}
	}
	e.titles[title] = true
	if of != nil && of.is(graph.Country) && e.country == nil {
		e.country = of
	}
}

// holderOf returns the person the document refers to as "the TITLE": one it
// has named with that title, else the dictionary's holder on the document's
// date among the countries the document mentions.
func (st *docState) holderOf(title string, owner *entity) *entity {
	var best *entity
	for _, e := range st.order {
		if e.titles[title] && (owner == nil || st.countryOf(e) == owner) && (best == nil || e.count > best.count) {
			best = e
		}
	}
	if best != nil {
		return best
	}
	if owner != nil {
		// "the President of the United States": whoever held it that day.
		for _, a := range st.lx.actorList {
			for _, r := range a.Roles {
				if r.Title == title && r.Of == owner.id && r.activeOn(st.src.Doc.Published) {
					return st.entityFor(a)
				}
			}
		}
		return nil
	}
	for _, e := range st.order {
		if e.kind != graph.Person || e.actor == nil || e.count == 0 {
			continue
		}
		for _, r := range e.actor.Roles {
			if r.Title == title && r.activeOn(st.src.Doc.Published) {
				return e
			}
		}
	}
	return st.officeHolder(title)
}

// officeHolder returns who holds title in the one organization of the
// dictionary, among those the document names anywhere, that has such an
// office: "The Secretary-General welcomes ..." in a statement that names
// the United Nations. Only a title that the dictionary gives to officers
// of organizations alone (not of countries: "the President" is not read
// so) qualifies; on an undated document, only a holder whose term has not
// ended.
func (st *docState) officeHolder(title string) *entity {
	if st.offices == nil {
		st.offices = map[string]*entity{}
	} else if e, ok := st.offices[title]; ok {
		return e
	}
	date := st.src.Doc.Published
	var holder *Actor
	orgs := map[string]bool{}
	for _, a := range st.lx.actorList {
		for _, r := range a.Roles {
			// "Secretary General" of NATO, "Secretary-General" of the UN.
			if !strings.EqualFold(strings.ReplaceAll(r.Title, "-", " "), strings.ReplaceAll(title, "-", " ")) {
				continue
			}
			org := st.lx.Actors[r.Of]
			if org == nil || org.Kind != graph.Organization {
				st.offices[title] = nil
				return nil
			}
			if !r.activeOn(date) || date == "" && r.To != "" || !st.namesAnywhere(org) {
				continue
			}
			if holder != nil && holder != a || orgs[org.ID] && holder != a {
				st.offices[title] = nil
				return nil
			}
			holder, orgs[org.ID] = a, true
		}
	}
	var e *entity
	if holder != nil {
		e = st.entityFor(holder)
	}
	st.offices[title] = e
	return e
}

// namesAnywhere reports whether the document's text names a as a whole
// word, by its name or an alias, anywhere.
func (st *docState) namesAnywhere(a *Actor) bool {
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		for off := 0; ; {
			i := strings.Index(st.text[off:], n)
			if i < 0 {
				break
			}
			at := off + i
			off = at + len(n)
			before, after := at > 0 && isWordRune(lastRune(st.text[:at])), false
			if r, _ := utf8.DecodeRuneInString(st.text[off:]); off < len(st.text) && isWordRune(r) {
				after = true
			}
			if !before && !after {
				return true
			}
		}
	}
	return false
}

// personByPart returns the one person named in full before offset at whose
// name starts or ends with the word w: "Pham Minh Chinh" is later "Chinh"
// or "Prime Minister Chinh", "Kim Sung-ho" is "Kim", whichever element a
// naming order puts first. When two people share the element, or the word
// is known as something else, it returns nil.
func (st *docState) personByPart(w string, at int) *entity {
	if len(w) < 2 || !isCapitalized(w) || strings.ToUpper(w) == w || calendarWord[w] || st.lx.heads[w] != "" ||
		st.lx.honorific[w] || st.startsWithTitle(w) != "" || len(st.lx.names.match(w, 0)) > 0 {
		return nil
	}
	before := st.text[:min(at, len(st.text))]
	var found *entity
	for _, e := range st.order {
		if e.kind != graph.Person || e == found {
			continue
		}
		full := []string{e.name}
		if e.actor != nil {
			full = append(full, e.actor.Aliases...)
		}
		for _, name := range full {
			words := strings.Fields(name)
			if len(words) < 2 {
				continue
			}
			last := words[len(words)-1]
			if suffixOnly[last] {
				last = words[len(words)-2]
			}
			if (words[0] == w || last == w) && strings.Contains(before, name) {
				if found != nil {
					return nil // two people share it
				}
				found = e
				break
			}
		}
	}
	return found
}

// knownPerson returns the person entity with this exact name or alias.
func (st *docState) knownPerson(name string) *entity {
	for _, f := range st.lx.names.match(name, 0) {
		if f.actor.Kind == graph.Person && len(f.text) == len(name) {
			return st.entityFor(f.actor)
		}
	}
	if e := st.newNames[graph.Fold(name)]; e != nil && e.kind == graph.Person {
		return e
	}
	return nil
}

// issuerPlace reports whether a name after before, in a heading, is where
// a heading names who speaks: at its start ("G7 Leaders' Communiqué") or
// after "of", "by" or "from" ("Chairman's Statement of the 44th ASEAN
// Summits"), not after another preposition ("Joint Statement on NORAD
// Modernization").
func issuerPlace(before string) bool {
	words := strings.Fields(strings.ToLower(before))
	for i := len(words) - 1; i >= 0; i-- {
		switch words[i] {
		case "of", "by", "from":
			return true
		case "on", "about", "for", "to", "with", "in", "at", "regarding", "concerning", "between", "against", "after":
			return false
		}
	}
	return true
}

// bylineAt reports whether sentence s is a byline: a person's name, a
// comma and a title, and nothing else ("Antony J. Blinken, Secretary of
// State"), before any sentence with a verb has been read.
func (st *docState) bylineAt(s Sentence, toks []Token, named []*mention) bool {
	if st.bodyStarted || len(named) == 0 || len(named[0].ents) != 1 || !named[0].ents[0].is(graph.Person) {
		return false
	}
	m := named[0]
	if strings.TrimSpace(st.text[s.Start:m.start]) != "" || !strings.HasPrefix(st.text[m.end:s.End], ", ") || !st.titleAfter(st.text[m.end+2:s.End]) {
		return false
	}
	for _, t := range toks {
		if strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" {
			return false
		}
	}
	return true
}

// titleAfter reports whether a title, or its plural, follows directly
// ("G7 Foreign Ministers", "NATO Leaders"): the name before it says whose
// office it is.
func (st *docState) titleAfter(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	for _, t := range st.lx.titles {
		if r, ok := strings.CutPrefix(rest, t); ok {
			r = strings.TrimPrefix(r, "s")
			if r == "" || !isWordRune(rune(r[0])) {
				return true
			}
		}
	}
	return false
}

// referringMentions finds pronouns, group phrases ("the two leaders") and
// definite descriptions ("the agreement") and resolves them.
func (st *docState) referringMentions(s Sentence, toks []Token, covered func(int) bool, named []*mention) []*mention {
	var out []*mention
	text := st.text
	lower := strings.ToLower(text[s.Start:s.End])
	for _, g := range st.lx.groups {
		phrase := g.Phrase
		for off := 0; ; {
			k := strings.Index(lower[off:], phrase)
			if k < 0 {
				break
			}
			at := s.Start + off + k
			off += k + len(phrase)
			if covered(at) || at > s.Start && isWordRune(lastRune(text[:at])) {
				continue
			}
			if ents := st.groupFor(g); len(ents) >= 2 {
				out = append(out, &mention{start: at, end: at + len(phrase), ents: ents, form: formGroup, plural: true, how: "group: " + phrase})
			}
		}
	}
	// "We, Prime Minister A of X and President B of Y, met today": a joint
	// statement's "we" are the people its opening apposition names.
	if lead := text[s.Start:s.End]; strings.HasPrefix(lead, "We, ") {
		end := s.End
		for k := 4; k+2 < len(lead); k++ {
			if lead[k] == ',' && lead[k+1] == ' ' && unicode.IsLower(rune(lead[k+2])) {
				switch w, _, _ := strings.Cut(lead[k+2:], " "); w {
				case "the", "and", "a", "an", "of":
					continue // "..., the United Kingdom and ..., and the High Representative"
				}
				end = s.Start + k
				break
			}
		}
		var we, govs []*entity
		for _, m := range named {
			if m.start >= end || len(m.ents) != 1 {
				continue
			}
			switch e := m.ents[0]; {
			case e.is(graph.Person) && !contains(we, e):
				we = append(we, e)
			case (e.is(graph.Country) || e.is(graph.Organization)) && !contains(govs, e) && !st.titleAfter(text[m.end:end]):
				govs = append(govs, e)
			}
		}
		// "We, the G7 Foreign Ministers of Canada, France, ... and the
		// High Representative of the European Union": without two people
		// named, the governments are "we" (not the G7 their title names).
		if len(we) < 2 && len(govs) >= 2 {
			we = govs
		}
		if len(we) >= 2 {
			st.we = we
		}
	}
	// "The Honourable A, Minister of B, today issued the following
	// statement:": the statement's "I" is A.
	if reStatementBy.MatchString(text[s.Start:s.End]) {
		for _, m := range named {
			if len(m.ents) == 1 && m.ents[0].is(graph.Person) {
				st.speaker = m.ents[0]
				break
			}
		}
	}
	// "Chairman's Statement of the 44th and 45th ASEAN Summits": the one
	// organization the lines before the body name (by itself or as the
	// start of a longer name) is the statement's "we" when nothing else is.
	if !st.bodyStarted && !endsSentence(strings.TrimSpace(s.Text)) {
		for _, m := range named {
			org := m.lead
			if len(m.ents) == 1 && m.ents[0].is(graph.Organization) {
				org = m.ents[0]
			}
			switch {
			case org == nil || !org.is(graph.Organization) || org == st.titleOrg || !issuerPlace(st.text[s.Start:m.start]):
			case st.titleOrg == nil && !st.titleOrgs:
				st.titleOrg, st.titleOrgs = org, true
			default:
				st.titleOrg = nil // two organizations: neither
			}
		}
	}
	// "Antony J. Blinken, Secretary of State" on a line of its own, before
	// the body (a byline): the statement's "I" is that person, and its
	// "we" the person's country.
	if st.speaker == nil && len(st.we) == 0 && st.bylineAt(s, toks, named) {
		st.speaker, st.bylined = named[0].ents[0], true
	}
	quoted := st.carriedQuote(s, named, st.quoteSpeaker(s, named))
	for i, t := range toks {
		if covered(t.Start) {
			continue
		}
		switch t.Lower {
		case "i", "me", "my":
			if q := quoted(t.Start); q != nil && t.Text != "i" {
				how := "pronoun: the quote's speaker"
				out = append(out, &mention{start: t.Start, end: t.End, ents: []*entity{q}, form: formPronoun, how: how})
			} else if st.speaker != nil && (t.Text != "i") {
				how := "pronoun: the statement's speaker"
				if t.Lower == "my" {
					how = "possessive pronoun: the statement's speaker"
				}
				out = append(out, &mention{start: t.Start, end: t.End, ents: []*entity{st.speaker}, form: formPronoun, how: how})
			}
		case "it":
			// "Acme Co., Ltd. ... announced that it has signed", "Japan
			// said that it will join": the organization or country that
			// opens the sentence; else the thing the
			// last sentence was about ("The MoU covers X. It also ...").
			var e *entity
			if prev := ""; i > 0 {
				prev = toks[i-1].Lower
				first := -1
				for _, m := range named {
					if m.start < t.Start && (first < 0 || m.start < named[first].start) {
						first = slices.Index(named, m)
					}
				}
				if (prev == "that" || prev == ",") && first >= 0 && len(named[first].ents) == 1 && (named[first].ents[0].is(graph.Organization) || named[first].ents[0].is(graph.Country)) {
					e = named[first].ents[0]
				}
			} else {
				e = st.itSubject
			}
			if e != nil {
				out = append(out, &mention{start: t.Start, end: t.End, ents: []*entity{e}, form: formPronoun, how: "pronoun it"})
			}
		case "we", "us", "our":
			if q := quoted(t.Start); q != nil && len(st.we) < 2 {
				// "'We will defend the order,' said Prime Minister X": the
				// speaker's country, or the speaker.
				e := q
				if c := st.countryOf(q); c != nil {
					e = c
				}
				out = append(out, &mention{start: t.Start, end: t.End, ents: []*entity{e}, form: formPronoun, how: "pronoun: the quote's speaker " + q.name})
			} else if len(st.we) >= 2 {
				how := "pronoun: the statement's signatories"
				if t.Lower == "our" {
					how = "possessive pronoun: the statement's signatories"
				}
				out = append(out, &mention{start: t.Start, end: t.End, ents: st.we, form: formPronoun, plural: true, how: how})
			} else if q == nil && !st.bylined && st.titleOrg != nil && st.bodyStarted {
				how := "pronoun: the organization the statement's heading names"
				if t.Lower == "our" {
					how = "possessive pronoun: the organization the statement's heading names"
				}
				out = append(out, &mention{start: t.Start, end: t.End, ents: []*entity{st.titleOrg}, form: formPronoun, how: how})
			} else if st.bylined && q == nil {
				if c := st.countryOf(st.speaker); c != nil {
					how := "pronoun: the country of the statement's byline"
					if t.Lower == "our" {
						how = "possessive pronoun: the country of the statement's byline"
					}
					out = append(out, &mention{start: t.Start, end: t.End, ents: []*entity{c}, form: formPronoun, how: how})
				}
			}
		case "he", "she", "him", "her", "his":
			// "His Highness Sheikh Mohamed bin Zayed", "Her Excellency":
			// a style of address (data/nouns.yaml honorifics), no pronoun.
			if i+1 < len(toks) && (t.Lower == "his" || t.Lower == "her") && (st.lx.honorific[t.Text+" "+toks[i+1].Text] ||
				i+2 < len(toks) && st.lx.honorific[t.Text+" "+toks[i+1].Text+" "+toks[i+2].Text]) {
				continue
			}
			g := "he"
			if t.Lower == "she" || t.Lower == "her" {
				g = "she"
			}
			prev := st.recentPerson(g)
			e := prev
			// "the President also stated he looks forward": a subject
			// pronoun refers to the sentence's first person before it; a
			// possessive to the nearest.
			for _, m := range named {
				if m.start >= t.Start || len(m.ents) != 1 || !m.ents[0].is(graph.Person) || m.ents[0].gender != "" && m.ents[0].gender != g {
					continue
				}
				if t.Lower == "he" || t.Lower == "she" {
					if e == prev {
						e = m.ents[0]
					}
				} else {
					e = m.ents[0]
				}
			}
			// "X held a meeting with Y during his visit to Canada": the
			// visit in an adverbial phrase is the subject's, the sentence's
			// first person of that gender.
			if (t.Lower == "his" || t.Lower == "her") && i > 0 && i+1 < len(toks) && (toks[i-1].Lower == "during" || toks[i-1].Lower == "on" || toks[i-1].Lower == "throughout") &&
				(toks[i+1].Lemma == "visit" || toks[i+1].Lemma == "trip" || toks[i+1].Lower == "visit" || toks[i+1].Lower == "trip" || toks[i+1].Lower == "tour") {
				for _, m := range named {
					if m.start < t.Start && len(m.ents) == 1 && m.ents[0].is(graph.Person) && (m.ents[0].gender == "" || m.ents[0].gender == g) {
						e = m.ents[0]
						break
					}
				}
			}
			if e != nil {
				how := "pronoun"
				if t.Lower == "his" || t.Lower == "her" && t.Tag == "PRP$" {
					how = "possessive pronoun"
				}
				out = append(out, &mention{start: t.Start, end: t.End, ents: []*entity{e}, form: formPronoun, how: how})
			}
		case "its":
			// "the Biden-Harris Administration has made on its commitments":
			// the last country or organization named before it.
			var e *entity
			best := -1
			for _, m := range named {
				if m.start < t.Start && m.start > best && len(m.ents) == 1 && (m.ents[0].is(graph.Country) || m.ents[0].is(graph.Organization)) {
					e, best = m.ents[0], m.start
				}
			}
			if e != nil {
				out = append(out, &mention{start: t.Start, end: t.End, ents: []*entity{e}, form: formPronoun, how: "possessive pronoun"})
			}
		case "they", "them", "their":
			// "Japan and Chile reaffirmed their support": the actors named
			// together before it in the sentence come first; else the
			// last sentence's.
			group := st.coordinatedBefore(s, append(slices.Clip(named), out...), t.Start)
			if len(group) < 2 {
				group = st.lastGroup
			}
			if len(group) < 2 {
				group = st.group(graph.Person)
			}
			if len(group) >= 2 {
				how := "pronoun"
				if t.Lower == "their" {
					how = "possessive pronoun"
				}
				out = append(out, &mention{start: t.Start, end: t.End, ents: group, form: formPronoun, plural: true, how: how})
			}
		case "the", "this", "that":
			// "the agreement", "the previous treaty", "the new migration deal".
			n := i + 1
			for n < len(toks) && n < i+4 && (toks[n].Tag == "JJ" || toks[n].Tag == "VBN" || toks[n].Tag == "NN" && !st.lx.agreementNouns[toks[n].Lower]) && !covered(toks[n].Start) {
				n++
			}
			if here := lastAgreementBefore(named, t.Start); here != nil && n < len(toks) && st.lx.agreementNouns[toks[n].Lower] && !covered(toks[n].Start) {
				// "launched the X Agreement negotiations and committed to
				// conclude the agreement": the one this sentence just named.
				out = append(out, &mention{start: t.Start, end: toks[n].End, ents: []*entity{here}, form: formDefinite, how: "definite: " + toks[n].Lower + " named before in the sentence"})
			} else if e, h := st.definiteByHead(toks, i, covered); e != nil {
				n = h
				// "the partnership" after "the Critical Minerals Research
				// Partnership"; "the agency" after "the Latvian Investment Agency".
				out = append(out, &mention{start: t.Start, end: toks[n].End, ents: []*entity{e}, form: formDefinite, how: "definite by head: " + toks[n].Lower})
			} else if n < len(toks) && st.lx.agreementNouns[toks[n].Lower] && st.lastAgreement != nil && !covered(toks[n].Start) {
				out = append(out, &mention{start: t.Start, end: toks[n].End, ents: []*entity{st.lastAgreement}, form: formDefinite, how: "definite: " + toks[n].Lower})
			} else if i+1 < len(toks) && isCapitalized(toks[i+1].Text) && !covered(toks[i+1].Start) && (i+2 >= len(toks) || !isCapitalized(toks[i+2].Text)) {
				// "the Roadmap" after "The U.S.-Canada Partnership Roadmap".
				if e := st.byHead(toks[i+1].Text); e != nil {
					out = append(out, &mention{start: t.Start, end: toks[i+1].End, ents: []*entity{e}, form: formDefinite, how: "definite: " + toks[i+1].Text})
				}
			}
			for g := range genericGovernment {
				if strings.HasPrefix(strings.ToLower(text[t.Start:s.End]), g) {
					if home := st.home(); home != nil {
						out = append(out, &mention{start: t.Start, end: t.Start + len(g), ents: []*entity{home}, form: formGovernment, how: "home government"})
					}
				}
			}
		}
	}
	return out
}

// coordinatedBefore returns the actors of a run of two or more mentions
// joined by "and" or commas ("Japan, Chile and the World Bank"), or of a
// plural mention ("the two leaders"), that opens the sentence (or the
// clause after an opening phrase and a comma) and ends before offset at:
// the sentence's own subject. It returns nil when there is none: "the
// alignment between the United States and Canada, as they discussed" is
// no subject, and "they" are who they were before.
// coordinates reports whether the text between two names joins them in a
// list, a title before the second aside ("Modi and President Macron").
func (st *docState) coordinates(g string) bool {
	g = strings.TrimSpace(g)
	if coordination[g] {
		return true
	}
	for _, c := range []string{", and ", "and ", ", ", "or "} {
		if rest, ok := strings.CutPrefix(g, c); ok && rest != "" && st.startsWithTitle(rest) == rest {
			return true
		}
	}
	return false
}

func (st *docState) coordinatedBefore(s Sentence, ms []*mention, at int) []*entity {
	opens := func(m *mention) bool {
		lead := strings.TrimSpace(gap(st.text, s.Start, m.start))
		// "Prime Minister Modi and President Macron met ...": a title
		// before the first name still opens the sentence with it.
		if lead != "" && st.startsWithTitle(lead) == lead {
			lead = ""
		}
		if c := strings.LastIndex(lead, ", "); c >= 0 && lead[c+2:] != "" && st.startsWithTitle(lead[c+2:]) == lead[c+2:] {
			lead = lead[:c+1]
		}
		lead = strings.TrimSuffix(strings.TrimSuffix(lead, "the"), "The")
		return strings.TrimSpace(lead) == "" || strings.HasSuffix(lead, ",") && !strings.Contains(strings.TrimSuffix(lead, ","), ",")
	}
	var before []*mention
	for _, m := range ms {
		if m.end <= at && m.form < formPronoun || m.end <= at && m.plural && m.form == formGroup {
			before = append(before, m)
		}
	}
	sort.SliceStable(before, func(i, j int) bool { return before[i].start < before[j].start })
	var best []*entity
	bestEnd := -1
	for k := 0; k < len(before); k++ {
		m := before[k]
		if !opens(m) {
			continue
		}
		if m.plural && len(m.ents) >= 2 && allActors(m.ents) {
			best, bestEnd = m.ents, m.end
			continue
		}
		if len(m.ents) != 1 || !m.ents[0].actorish() {
			continue
		}
		run := []*entity{m.ents[0]}
		end := m.end
		for n := k + 1; n < len(before) && st.coordinates(gap(st.text, end, before[n].start)); n++ {
			next := before[n]
			if len(next.ents) != 1 || !next.ents[0].actorish() {
				break
			}
			if !contains(run, next.ents[0]) {
				run = append(run, next.ents[0])
			}
			end = next.end
		}
		if len(run) >= 2 && end > bestEnd {
			best, bestEnd = run, end
		}
	}
	return best
}

// coordination is what may stand between two actors named together.
var coordination = map[string]bool{"and": true, ",": true, ", and": true, "and the": true, ", and the": true, ", the": true}

// allActors reports whether every entity can act.
func allActors(es []*entity) bool {
	for _, e := range es {
		if !e.actorish() {
			return false
		}
	}
	return true
}

// appositiveTitles reads titles set off by commas: "Sean Fraser, Canada's
// immigration minister," and "Justin Trudeau, Prime Minister of Canada";
// and "the President of Mexico, Andrés Manuel López Obrador".
func (st *docState) appositiveTitles(s Sentence, ms []*mention) {
	text := st.text
	for k, m := range ms {
		if len(m.ents) != 1 {
			continue
		}
		e := m.ents[0]
		if e.is(graph.Person) && m.title == "" && strings.HasPrefix(text[m.end:], ", ") {
			rest := text[m.end+2:]
			var owner *entity
			if k+1 < len(ms) && ms[k+1].start == m.end+2 && strings.HasPrefix(text[ms[k+1].end:], "'s ") && ms[k+1].ents[0].is(graph.Country) {
				owner = ms[k+1].ents[0]
				rest = text[ms[k+1].end+3:]
			} else if strings.HasPrefix(rest, "the ") {
				rest = rest[4:]
			}
			if title := st.lx.titleRe.FindString(rest); title != "" {
				title = st.fullTitle(ms, len(text)-len(rest), title)
				after := rest[len(title):]
				// The title may end the sentence: "Antony J. Blinken,
				// Secretary of State" as a byline or signature.
				if after == "" || after[0] == ',' || after[0] == '.' || len(text)-len(after) == s.End || strings.HasPrefix(after, " of ") || strings.HasPrefix(after, " for ") && st.lx.spokes[strings.ToLower(title)] {
					if owner == nil {
						owner = st.ownerAfter(ms, len(text)-len(after))
					}
					st.giveTitle(m, title, owner)
				}
			}
		}
		// "The Minister of the Interior, Fernando Grande-Marlaska, met",
		// "with the Moroccan Minister of the Interior, Abdelouafi Laftit":
		// a title alone set before a name the document has no holder for.
		if e.is(graph.Person) && m.title == "" && m.start > s.Start+2 && strings.HasSuffix(text[s.Start:m.start], ", ") {
			seg := text[s.Start : m.start-2]
			if c := strings.LastIndexAny(seg, ",;:("); c >= 0 {
				seg = seg[c+1:]
			}
			at := m.start - 2 - len(seg)
			words := strings.Fields(seg)
			// From "the" to the comma: "the [demonym] TITLE".
			for i, w := range words {
				if !strings.EqualFold(w, "the") || i+1 >= len(words) {
					continue
				}
				rest := strings.Join(words[i+1:], " ")
				var owner *entity
				for _, n := range ms {
					if n.form == formAdjective && n.start >= at && n.end < m.start && strings.HasPrefix(rest, text[n.start:n.end]+" ") {
						owner = n.ents[0]
						rest = strings.TrimPrefix(rest, text[n.start:n.end]+" ")
					}
				}
				if title := st.lx.titleRe.FindString(rest); title != "" && len(title) == len(rest) {
					st.giveTitle(m, title, owner)
				}
				break
			}
		}
		// "the President of Mexico, Andrés Manuel López Obrador".
		if m.form == formDefinite && strings.HasPrefix(m.how, "title alone: ") {
			title := strings.TrimPrefix(m.how, "title alone: ")
			owner := st.ownerAfter(ms, m.end)
			if owner == nil {
				continue
			}
			for _, n := range ms[k+1:] {
				if n.start > m.end && n.ents[0].is(graph.Person) {
					between := gap(text, m.end, n.start)
					if strings.Count(between, ",") == 1 && strings.HasSuffix(strings.TrimRight(between, " "), ",") {
						st.giveTitle(n, title, owner)
						m.ents = n.ents
					}
					break
				}
			}
		}
	}
}

// fullTitle extends a title found at offset at by the portfolio after it:
// "Minister" of "Minister of International Development", "Secretary" of
// "Secretary for Energy". An of-phrase that names a country, an
// organization or a place is the title's owner, not its portfolio.
func (st *docState) fullTitle(ms []*mention, at int, title string) string {
	text := st.text
	end := at + len(title)
	for _, prep := range []string{" of ", " for "} {
		if !strings.HasPrefix(text[end:], prep) {
			continue
		}
		k := end + len(prep)
		for _, m := range ms {
			if m.start <= k && m.end > k && len(m.ents) == 1 && (m.ents[0].is(graph.Country) || m.ents[0].is(graph.Organization) || m.ents[0].is(graph.Place)) {
				return title
			}
		}
		words := strings.Fields(text[k:])
		n := 0
		for i, w := range words {
			clean := strings.TrimRight(w, ",;:.)")
			if clean == "and" && n > 0 && i+1 < len(words) && isCapitalized(words[i+1]) {
				continue
			}
			if !isCapitalized(clean) || calendarWord[clean] {
				break
			}
			n = i + 1
			if clean != w {
				break
			}
		}
		if n == 0 {
			return title
		}
		last := strings.TrimRight(words[n-1], ",;:.)")
		stop := strings.Index(text[k:], last) + len(last)
		return text[at : k+stop]
	}
	return title
}

// titleBeforeName extends a title at offset at by its portfolio when a
// name follows it: "Secretary of Energy Raphael Lotilla". The name starts
// at the first given name after the title; without one the title stays as
// it is.
//
// A name whose given name the list lacks ("Minister of Energy Ahn
// Duk-geun") starts at the first word that is no portfolio word; a
// portfolio listed with commas grows the title to its end ("Minister of
// Trade, Industry and Energy").
func (st *docState) titleBeforeName(ms []*mention, at int, title string) string {
	full := st.fullTitle(ms, at, title)
	if len(full) > len(title) {
		words := strings.Fields(full[len(title):])
		cut := 0
		for k, w := range words {
			if k > 0 && st.lx.givenNames[w] {
				cut = k
				break
			}
		}
		if cut == 0 {
			k := 0
			for k < len(words) && st.portfolioWord(words[k]) {
				k++
			}
			if k > 0 && !connective[words[k-1]] {
				cut = k
			}
		}
		if cut > 0 {
			title += " " + strings.Join(words[:cut], " ")
		}
	}
	return st.portfolioTail(at, title)
}

// connective holds the words that join a portfolio's parts.
var connective = map[string]bool{"and": true, "of": true, "for": true, "the": true, "&": true}

// portfolioWord reports whether w is a word of a portfolio
// (data/nouns.yaml portfolios) or joins two of them.
func (st *docState) portfolioWord(w string) bool {
	return connective[w] || isCapitalized(w) && st.lx.portfolios[strings.ToLower(w)]
}

// portfolioAt returns the capitalised portfolio word at offset k of the
// text ("Industry" in "Industry, K.T. Hammond"), or "".
func (st *docState) portfolioAt(k int) string {
	text := st.text
	j := k
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isWordRune(r) && r != '-' {
			break
		}
		j += n
	}
	if w := text[k:j]; isCapitalized(w) && st.lx.portfolios[strings.ToLower(w)] {
		return w
	}
	return ""
}

// portfolioTail extends a title at offset at that ends in a portfolio
// word by the rest of a portfolio listed with commas: "Minister of Trade"
// + ", Industry and Energy".
func (st *docState) portfolioTail(at int, title string) string {
	if !st.lx.portfolios[strings.ToLower(lastWord(title))] {
		return title
	}
	text, end := st.text, at+len(title)
	for {
		sep := ""
		for _, p := range []string{", and ", " and ", ", "} {
			if strings.HasPrefix(text[end:], p) {
				sep = p
				break
			}
		}
		if sep == "" {
			return text[at:end]
		}
		k, run := end+len(sep), 0
		for st.portfolioAt(k) != "" {
			k += len(st.portfolioAt(k))
			run++
			if !strings.HasPrefix(text[k:], " ") || st.portfolioAt(k+1) == "" {
				break
			}
			k++
		}
		if run == 0 {
			return text[at:end]
		}
		end = k
	}
}

// afterOwner returns the offset after a " of (the) X" phrase at offset at,
// or at itself when there is none.
func (st *docState) afterOwner(ms []*mention, at int) int {
	for _, prefix := range []string{" of the ", " of "} {
		if !strings.HasPrefix(st.text[at:], prefix) {
			continue
		}
		for _, n := range ms {
			if n.start == at+len(prefix) {
				return n.end
			}
		}
	}
	return at
}

// ownerAfter returns the country or organization named by " of (the) X"
// right at offset at, or nil.
func (st *docState) ownerAfter(ms []*mention, at int) *entity {
	text := st.text
	for _, prefix := range []string{" of the ", " of "} {
		if !strings.HasPrefix(text[at:], prefix) {
			continue
		}
		for _, n := range ms {
			if n.start == at+len(prefix) && (n.ents[0].is(graph.Country) || n.ents[0].is(graph.Organization)) {
				return n.ents[0]
			}
		}
	}
	return nil
}

// definiteByHead returns the entity a lower-case definite description
// after toks[i] refers to by its head noun, and the index of the head: the
// entity the document named whose name ends with that head, capitalised
// ("the partnership", "the new agency"); "the company" or "the firm" is the
// last company named.
func (st *docState) definiteByHead(toks []Token, i int, covered func(int) bool) (*entity, int) {
	for n := i + 1; n < len(toks) && n <= i+3; n++ {
		t := toks[n]
		if covered(t.Start) || t.Text != t.Lower || !(t.Tag == "JJ" || t.Tag == "VBN" || t.Tag == "NN" || t.Tag == "NNS") {
			return nil, 0
		}
		if n+1 < len(toks) && (toks[n+1].Tag == "NN" || toks[n+1].Tag == "NNS" || toks[n+1].Lower == "of") {
			continue // not the head yet, or "the agency of X" names another
		}
		if t.Lower == "company" || t.Lower == "firm" {
			for k := len(st.order) - 1; k >= 0; k-- {
				if st.order[k].company && st.order[k].count > 0 {
					return st.order[k], n
				}
			}
			return nil, 0
		}
		head := capitalize(t.Lower)
		switch st.lx.heads[head] {
		case graph.Agreement, graph.Organization, graph.Event:
			if e := st.byHead(head); e != nil {
				return e, n
			}
		}
		return nil, 0
	}
	return nil, 0
}

// headFirst reports whether a name is headed by its first word before
// "for", "of" or "on": "Roadmap for a Renewed Partnership", "Treaty of
// Amity", "Declaration on Migration".
func headFirst(name, head string) bool {
	for _, p := range []string{" for ", " of ", " on "} {
		if strings.HasPrefix(name, head+p) {
			return true
		}
	}
	return false
}

// byHead returns the entity the document named earlier whose multi-word
// name ends with head ("Roadmap"), or starts with it before "for", "of" or
// "on", when exactly one does.
func (st *docState) byHead(head string) *entity {
	var found *entity
	for _, e := range st.order {
		if e.kind == graph.Person || e.count == 0 || !strings.HasSuffix(e.name, " "+head) && !headFirst(e.name, head) {
			continue
		}
		if found != nil && found != e {
			return nil
		}
		found = e
	}
	return found
}

// group returns the two entities of a kind the document is most about:
// "the two leaders" are its two most mentioned leaders.
func (st *docState) group(kind graph.Kind) []*entity {
	if kind == graph.Person {
		// "the leaders" are leaders: the last group named, if it was of
		// leaders, else the two leaders the document names most.
		var leaders []*entity
		for _, e := range st.lastGroup {
			if st.isLeader(e) {
				leaders = append(leaders, e)
			}
		}
		if len(leaders) >= 2 {
			return leaders
		}
	}
	var cands []*entity
	for _, e := range st.order {
		if e.kind == kind && e.count > 0 && (kind != graph.Person || st.isLeader(e)) {
			cands = append(cands, e)
		}
	}
	if kind == graph.Person && len(cands) < 2 {
		// No two leaders: the two officials the document names with titles.
		cands = cands[:0]
		for _, e := range st.order {
			if e.kind == kind && e.count > 0 && (len(e.titles) > 0 || e.actor != nil && len(e.actor.Roles) > 0) {
				cands = append(cands, e)
			}
		}
	}
	if kind == graph.Country {
		// Leaders stand for their countries.
		for _, e := range st.order {
			if c := st.countryOf(e); c != nil && e.kind == graph.Person && e.count > 0 && !contains(cands, c) {
				cands = append(cands, c)
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return st.weight(cands[i]) > st.weight(cands[j]) })
	if kind == graph.Person && len(cands) >= 2 {
		// The two people a document is most about are "the leaders" only
		// if some sentence named them together ("President Biden spoke
		// with Prime Minister Trudeau"): in a report of a summit, two
		// leaders quoted apart are no pair.
		for i := range cands {
			for j := i + 1; j < len(cands); j++ {
				if st.together[[2]*entity{cands[i], cands[j]}] {
					return []*entity{cands[i], cands[j]}
				}
			}
		}
		return nil
	}
	if len(cands) > 2 {
		cands = cands[:2]
	}
	return cands
}

// groupFor returns the actors a group phrase refers to: for "the
// ministers" the people the document has titled ministers, for "the three
// leaders" its three leaders, else as group does.
func (st *docState) groupFor(g GroupPhrase) []*entity {
	// "The Council adopted the A Agreement and the B Agreement. The
	// agreements were signed by ...": the agreements last named together.
	if g.kind == graph.Agreement {
		if g.Count == len(st.lastAgreements) || g.Count == 0 && len(st.lastAgreements) >= 2 {
			return st.lastAgreements
		}
		return nil
	}
	// "Ghana, Nigeria and Senegal are members of ECOWAS. The three
	// countries agreed ...": the countries last named together.
	if g.kind == graph.Country && (g.Count == len(st.lastCountries) || g.Count == 0 && len(st.lastCountries) >= 2) {
		return st.lastCountries
	}
	if g.Titled == "" && (g.Count == 2 || g.Count == 0 && g.kind == graph.Country) {
		return st.group(g.kind)
	}
	var cands []*entity
	for _, e := range st.order {
		if e.kind != g.kind || e.count == 0 {
			continue
		}
		switch {
		case g.Titled != "" && st.titled(e, g.Titled), g.Titled == "" && (g.kind != graph.Person || st.isLeader(e)):
			cands = append(cands, e)
		}
	}
	if g.Count > 0 {
		// "the two ministers" of a readout whose second minister is titled
		// otherwise ("Cabinet Secretary for Foreign Affairs"): the two
		// officials the document is most about.
		if len(cands) < g.Count && g.Count == 2 && g.kind == graph.Person && len(cands) == 1 {
			if two := st.group(graph.Person); len(two) == 2 && contains(two, cands[0]) {
				return two
			}
		}
		if len(cands) < g.Count {
			return nil
		}
		sort.SliceStable(cands, func(i, j int) bool { return st.weight(cands[i]) > st.weight(cands[j]) })
		cands = cands[:g.Count]
	}
	return cands
}

// titled reports whether the document or the dictionary (on the
// document's date) gives a person a title containing word.
//
// A leader's title counts only as itself: the Prime Minister is one of "the
// prime ministers", not of "the two ministers".
func (st *docState) titled(e *entity, word string) bool {
	has := func(t string) bool {
		lt := strings.ToLower(t)
		return strings.Contains(lt, word) && (!st.lx.leaders[t] || lt == word)
	}
	for t := range e.titles {
		if has(t) {
			return true
		}
	}
	if e.actor != nil {
		for _, r := range e.actor.Roles {
			if has(r.Title) && r.activeOn(st.src.Doc.Published) {
				return true
			}
		}
	}
	return false
}

// isLeader reports whether a person leads a country or organization: by a
// title the document gives them, or by the dictionary on its date.
func (st *docState) isLeader(e *entity) bool {
	if e.kind != graph.Person {
		return false
	}
	for t := range e.titles {
		if st.lx.leaders[t] {
			return true
		}
	}
	if e.actor != nil {
		for _, r := range e.actor.Roles {
			if st.lx.leaders[r.Title] && r.activeOn(st.src.Doc.Published) {
				return true
			}
		}
	}
	return false
}

// weight is how much the document is about an entity: its mentions, and
// for a country those of its leaders.
func (st *docState) weight(e *entity) int {
	w := e.count
	if e.kind == graph.Country {
		for _, p := range st.order {
			if p.kind == graph.Person && st.countryOf(p) == e {
				w += p.count
			}
		}
	}
	return w
}

// home is the document's home government: the country it is most about.
func (st *docState) home() *entity {
	var best *entity
	consider := func(e *entity) {
		if e != nil && e.kind == graph.Country && (best == nil || st.weight(e) > st.weight(best)) {
			best = e
		}
	}
	for _, e := range st.order {
		consider(e)
		if e.kind == graph.Person && e.count > 0 {
			consider(st.countryOf(e)) // a leader's country counts too
		}
	}
	return best
}

// countryOf returns the country a person leads or serves: stated in the
// document, else from the dictionary's role on the document's date.
func (st *docState) countryOf(e *entity) *entity {
	if e == nil || e.kind != graph.Person {
		return nil
	}
	if e.country != nil {
		return e.country
	}
	if e.actor != nil {
		for _, r := range e.actor.Roles {
			if r.Of != "" && r.activeOn(st.src.Doc.Published) {
				if a := st.lx.Actors[r.Of]; a != nil && a.Kind == graph.Country {
					return st.entityFor(a)
				}
			}
		}
	}
	return nil
}

func contains(es []*entity, e *entity) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// placeAppositions reads "Champlain, New York" as one place lying in
// another: the first becomes a place (new when unknown) and a locatedIn fact
// is recorded.
func (st *docState) placeAppositions(s Sentence, ms []*mention) []*mention {
	text := st.text
	for k := 0; k+1 < len(ms); k++ {
		a, b := ms[k], ms[k+1]
		if gap(text, a.end, b.start) != ", " || len(b.ents) != 1 {
			continue
		}
		in := b.ents[0]
		if !(in.is(graph.Place) || in.is(graph.Country)) || len(a.ents) != 1 || strings.HasPrefix(text[b.end:], "'s ") {
			continue
		}
		pl := a.ents[0]
		if !(pl.is(graph.Place) || pl.is(graph.Country) && a.form == formGovernment) {
			continue
		}
		// "the South China Sea, North Korea and Myanmar" is a list, not a
		// place and where it lies; nor does a place the dictionary puts in
		// one country lie in another.
		listGap := func(g string) bool { return g == ", " || g == " and " || g == ", and " || g == " or " || g == ", or " }
		placeLike := func(m *mention) bool {
			return len(m.ents) == 1 && (m.ents[0].is(graph.Place) || m.ents[0].is(graph.Country))
		}
		if k+2 < len(ms) && placeLike(ms[k+2]) && listGap(gap(text, b.end, ms[k+2].start)) || k > 0 && placeLike(ms[k-1]) && listGap(gap(text, ms[k-1].end, a.start)) {
			continue
		}
		if pl.actor != nil && pl.actor.In != "" && in.actor != nil && pl.actor.In != in.actor.ID {
			continue
		}
		if pl.is(graph.Country) {
			if city := st.cityNamed(text[a.start:a.end]); city != nil {
				a.ents = []*entity{city}
				pl = city
			} else {
				continue
			}
		}
		st.addFact(pl, "locatedIn", in, "", s, graph.Asserted, 0.8, nil)
		b.how = "place apposition"
	}
	// Unknown capitalised words before ", <state or country>" are places too.
	for k := 0; k < len(ms); k++ {
		b := ms[k]
		if len(b.ents) != 1 || !(b.ents[0].is(graph.Place) || b.ents[0].is(graph.Country)) || b.start < s.Start+3 || text[b.start-2:b.start] != ", " {
			continue
		}
		before := text[s.Start : b.start-2]
		name := trailingCapitalized(before)
		if name == "" || calendarWord[name] {
			continue
		}
		// "Tomas Lindqvist, Sweden's Minister for Energy,": a possessive
		// country starts a title in apposition, so the name is a person's.
		if strings.HasPrefix(text[b.end:], "'s ") {
			if title := st.lx.titleRe.FindString(text[b.end+3 : s.End]); title != "" && len(strings.Fields(name)) >= 2 && st.lx.heads[lastWord(name)] == "" {
				start := b.start - 2 - len(name)
				if st.uncovered(ms, start, b.start-2) {
					p := st.newPerson(name)
					m := &mention{start: start, end: start + len(name), ents: []*entity{p}, form: formNew, how: "apposition " + b.ents[0].name + "'s " + title}
					st.giveTitle(m, title, b.ents[0])
					ms = append(ms, m)
				}
			}
			continue
		}
		start := b.start - 2 - len(name)
		overlap := false
		for _, m := range ms {
			if m.end > start && m.start < b.start-2 {
				overlap = true
			}
		}
		if overlap || start > s.Start && !strings.HasSuffix(text[s.Start:start], " ") {
			continue
		}
		pl := st.newEntity(name, graph.Place)
		m := &mention{start: start, end: start + len(name), ents: []*entity{pl}, form: formNew, how: "place before " + b.ents[0].name}
		st.addFact(pl, "locatedIn", b.ents[0], "", s, graph.Asserted, 0.8, nil)
		ms = append(ms, m)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	return ms
}

// uncovered reports whether no mention overlaps text[start:end].
func (st *docState) uncovered(ms []*mention, start, end int) bool {
	for _, m := range ms {
		if m.end > start && m.start < end {
			return false
		}
	}
	return true
}

// trailingCapitalized returns the run of one or two capitalised words that
// ends s, or "".
func trailingCapitalized(s string) string {
	words := strings.Fields(s)
	var out []string
	for k := len(words) - 1; k >= 0 && len(out) < 2; k-- {
		w := words[k]
		if !isCapitalized(w) || strings.ContainsAny(w, ",.;:\"'") {
			break
		}
		out = append([]string{w}, out...)
	}
	// A name that starts the sentence may just be a capitalised word.
	if len(out) == 0 || len(out) == len(words) {
		return ""
	}
	name := strings.Join(out, " ")
	if !strings.HasSuffix(s, name) {
		return ""
	}
	return name
}
