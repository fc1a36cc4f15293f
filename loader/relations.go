package loader

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"accord/graph"
)

// clause is what relation extraction knows about one verb group.
type clause struct {
	vg       *item
	vi       int       // index of the verb group in the items
	subj     []*entity // who does it
	subjNP   *item
	modality graph.Modality
	skip     string // why the clause yields no fact: negated, conditional, hedged
	via      string // viaControl or viaIntention when an infinitive's subject came so
}

// relations reads the facts of one sentence from its chunks: verb patterns
// on each verb group, then noun patterns, titles and memberships.
func (st *docState) relations(s Sentence, toks []Token, items []*item, ms []*mention) {
	base := st.sentenceModality(s, toks, items)
	clauses := make([]*clause, len(items))
	bullet := bulletItem(s.Text)
	lead := st.bulletLead
	if !bullet {
		st.bulletLead = nil
	}
	// "The UK will also:": a modal the chunks leave alone before the colon.
	if !bullet && len(items) >= 2 && strings.HasSuffix(strings.TrimSpace(s.Text), ":") && items[0].kind == itNP && items[1].kind == itOther && modalWord[items[1].word] && onlyColonAfter(items, 1) {
		if es := st.npList(items, 0, false); len(es) > 0 {
			st.bulletLead = &clause{subj: es, modality: graph.Expected}
		}
	}
	for vi, it := range items {
		if it.kind != itVG {
			continue
		}
		c := &clause{vg: it, vi: vi}
		clauses[vi] = c
		c.subj, c.subjNP, c.via = st.infinitiveSubject(items, vi, toks)
		if c.via == "" {
			c.subj, c.subjNP = st.subjectOf(items, vi, clauses, toks)
		}
		c.modality, c.skip = st.clauseModality(toks, items, vi, clauses, base)
		// "discussed efforts to provide Ukraine with air defense": the
		// infinitive is an aim talked about, not an act done.
		if it.inf && c.skip == "" && c.modality == graph.Asserted && vi >= 2 && items[vi-1].kind == itNP && st.talkTopic(toks, items, clauses, vi) {
			c.modality = graph.Expected
		}
		// "The UK will also: - fund the Red Cross ...": a list item's
		// opening verb has the subject and modality of the line that
		// leads into the list.
		if bullet && lead != nil && len(c.subj) == 0 && firstVerb(items, vi) && baseForm(toks[it.main].Tag) {
			c.subj, c.subjNP = lead.subj, nil
			if c.modality == graph.Asserted {
				c.modality = lead.modality
			}
			st.trace(s, "subject of the list item from its lead-in: %s", entityIDs(c.subj))
		}
		if !bullet && strings.HasSuffix(strings.TrimSpace(s.Text), ":") && len(c.subj) > 0 && c.skip == "" && vi+1 < len(items) && onlyColonAfter(items, vi) {
			st.bulletLead = &clause{subj: c.subj, modality: c.modality}
		}
		// "Canada announced the partnership": the speech verb's own act
		// is stated; what it introduces is reported.
		if c.modality == graph.Reported && st.lx.modality.Speech[it.lemma(toks)] && it.finite && st.markerModality(s) == graph.Asserted {
			c.modality = graph.Asserted
		}
		switch {
		case c.via == viaControl && (c.modality == graph.Asserted || c.modality == graph.Expected):
			c.modality = graph.Sought // "invited Lula to visit India": asked, not done
		case c.via == viaIntention && c.modality == graph.Asserted:
			c.modality = graph.Expected // "its decision to provide F-16s": intended
		case c.modality == graph.Asserted && it.inf && vi > 0 && items[vi-1].kind == itNP && (headIn(toks, items[vi-1], []string{"invitation", "invitations"}) || st.intentionHead(toks, items[vi-1])):
			// "accepted an invitation to visit Quito", "announced a plan
			// to build": what the noun's infinitive says is yet to be done.
			c.modality = graph.Expected
		}
		if len(c.subj) == 0 && c.skip == "" && !st.consumed[it] && st.lx.verbs[it.lemma(toks)] != nil && afterBreak(items, vi) {
			if c.subj = st.depSubject(s, toks[it.main].Start, ms); len(c.subj) > 0 {
				st.trace(s, "subject of %q from the parse: %s", it.text(st.src), entityIDs(c.subj))
			}
		}
		if st.consumed[it] {
			continue // the object of a verb before it ("agreed to take in ...")
		}
		// "the Roadmap ..., agreed to by the two leaders": a participle
		// after a comma is a passive whose object is the phrase before.
		participle := toks[it.main].Tag == "VBN" && !it.finite ||
			toks[it.main].Tag == "VBD" && namingVerb[toks[it.main].Lemma] // the tagger reads "called" as a past tense
		// A participle followed by its own object is an active verb
		// ("Acme, located in Japan, signed the agreement").
		withObject := vi+1 < len(items) && items[vi+1].kind == itNP && !calledVerb[toks[it.main].Lemma]
		if !it.passive && participle && !withObject && it.t1-it.t0 == 1 && vi >= 2 && items[vi-1].kind == itComma && items[vi-2].kind == itNP {
			// "the G7 Leaders' Summit in Apulia in June, hosted by the
			// Italian Presidency": the phrase is the one the place and
			// time phrases before the comma hang from.
			j := vi - 2
			for j >= 2 && items[j-1].kind == itP && placeTimePreps[items[j-1].word] && items[j-2].kind == itNP {
				j -= 2
			}
			for ; j <= vi-2; j += 2 {
				if es := st.npEntities(items[j]); len(es) > 0 {
					c.subj, c.subjNP = es, items[j]
					it.passive = true
					break
				}
			}
			// "30 million euros in equipment for border surveillance,
			// financed by the European Union": a passive with its agent
			// even when what it is said of names nothing; the clause's
			// subject before the comma is not its actor.
			if !it.passive && vi+2 < len(items) && items[vi+1].kind == itP && items[vi+1].word == "by" && items[vi+2].kind == itNP {
				c.subj, c.subjNP = nil, nil
				it.passive = true
			}
		}
		// "the Additional Protocol signed by the United States and Canada":
		// with its agents right after it, a participle right after a
		// named thing is a passive said of it.
		if !it.passive && participle && !withObject && it.t1-it.t0 == 1 && vi >= 1 && items[vi-1].kind == itNP &&
			vi+2 < len(items) && items[vi+1].kind == itP && items[vi+1].word == "by" && items[vi+2].kind == itNP {
			if es := st.npEntities(items[vi-1]); len(es) > 0 && !anyActorish(es) {
				c.subj, c.subjNP = es, items[vi-1]
				it.passive = true
			}
		}
		if it.passive {
			st.passive(s, toks, items, c)
			st.datedBy(s, toks, items, c)
			continue
		}
		st.verbFacts(s, toks, items, c, ms)
	}
	st.located(s, toks, items, clauses)
	st.nounFacts(s, toks, items, base, clauses)
	st.titleFacts(s, ms)
	st.membership(s, toks, items, clauses)
	st.roleFacts(s, toks, items, ms, clauses, base)
	st.scope(s, toks, items, base)
	st.aboutAndWhere(s, items, base)
	st.goalsAndAgendas(s, toks, items, clauses)
	st.fundingReferred(s, toks, items, clauses)
	// Remember who the sentence was about, for pronouns in the next one:
	// a subject is more salient than a person named later.
	st.subjPerson = nil
	for _, c := range clauses {
		if c == nil {
			continue
		}
		if len(c.subj) >= 2 && st.lastGroup == nil || len(c.subj) >= 2 && c.subj[0].kind == graph.Person {
			st.lastGroup = c.subj
		}
		if len(c.subj) >= 2 && allKind(c.subj, graph.Country) {
			st.lastCountries = c.subj
		}
		if len(c.subj) == 1 && c.subj[0].is(graph.Person) && st.subjPerson == nil {
			st.subjPerson = c.subj[0]
		}
	}
	// What "it" will refer to: the first clause's subject when it is one
	// organization, agreement or country.
	st.itSubject = nil
	for _, c := range clauses {
		if c != nil && len(c.subj) > 0 {
			if e := c.subj[0]; len(c.subj) == 1 && (e.is(graph.Organization) || e.is(graph.Agreement) || e.is(graph.Country)) {
				st.itSubject = e
			}
			break
		}
	}
}

// fundingReferred reads whom money named earlier goes to: "Today, I am
// announcing $40 million ... This funding will help the World Food
// Programme", "Part of this funding will go to UNICEF". The subject is a
// funding noun with a demonstrative ("this funding", "these grants"); the
// funder is the subject of the latest funding fact, or fact with an
// amount, of one of the last sentences that stated facts.
func (st *docState) fundingReferred(s Sentence, toks []Token, items []*item, clauses []*clause) {
	for vi, c := range clauses {
		if c == nil || c.skip != "" || len(c.subj) > 0 || c.subjNP == nil || !fundingHelp[c.vg.lemma(toks)] {
			continue
		}
		np := c.subjNP
		demonstrative, funding := false, false
		for t := np.t0; t < np.t1; t++ {
			switch w := toks[t].Lower; {
			case w == "this" || w == "these" || w == "that" || w == "such" || w == "the" && t == np.t0:
				demonstrative = true
			case demonstrative && st.nounMeans(w, "funds"):
				funding = true
			}
		}
		if !funding {
			continue
		}
		at := vi + 1
		if c.vg.lemma(toks) == "go" {
			if at >= len(items) || items[at].kind != itP || items[at].word != "to" {
				continue
			}
			at++
		}
		// The list of phrases after the verb, with the "for" and "of"
		// inside names ("the United Nations High Commissioner for
		// Refugees").
		var objs []*entity
	list:
		for j := at; j < len(items); j++ {
			switch it := items[j]; {
			case it.kind == itNP:
				for _, m := range it.ms {
					if m.end < it.end || m.how == "demonym" || m.form >= formPronoun {
						continue // a modifier: "the United Nations High Commissioner", "Canadian organizations"
					}
					for _, e := range m.ents {
						if (e.is(graph.Organization) || e.is(graph.Country)) && !contains(objs, e) {
							objs = append(objs, e)
						}
					}
				}
			case it.kind == itCC || it.kind == itComma && it.word == ",":
			case it.kind == itP && (it.word == "for" || it.word == "of") && j > at:
			default:
				break list
			}
		}
		funder := st.lastFunder(s)
		if funder == nil || len(objs) == 0 {
			continue
		}
		st.trace(s, "funding referred to: %s's", funder.id)
		for _, o := range objs {
			st.addFact(funder, "funds", o, "", s, c.modality, 0.7, nil)
		}
	}
}

// fundingHelp verbs say that money reaches or serves what follows them.
var fundingHelp = map[string]bool{"help": true, "support": true, "enable": true, "assist": true, "benefit": true, "go": true}

// lastFunder returns the subject of the latest funding or pledging fact,
// or fact with an amount, read from one of the three sentences with facts
// before s, or nil.
func (st *docState) lastFunder(s Sentence) *entity {
	start, _ := st.src.Span(s.Start, s.End)
	sentences := 0
	last := -1
	for i := len(st.facts) - 1; i >= 0 && sentences <= 3; i-- {
		f := st.facts[i]
		if f.Evidence.Start >= start {
			continue
		}
		if f.Evidence.Start != last {
			sentences++
			last = f.Evidence.Start
			if sentences > 3 {
				break
			}
		}
		amount := false
		for _, q := range f.Qualifiers {
			amount = amount || q.Key == "amount"
		}
		if f.Predicate == "funds" || f.Predicate == "pledged" || amount {
			if e := st.ents[f.Subject]; e != nil && e.actorish() {
				return e
			}
		}
	}
	return nil
}

// scope reads what an agreement covers from "only at/through X" in a
// sentence about it ("extend the STCA ... rather than only at official
// crossings").
func (st *docState) scope(s Sentence, toks []Token, items []*item, mod graph.Modality) {
	var agreement *entity
	under := false // the sentence opens "Under/Per the agreement, ..."
	for k, it := range items {
		if it.kind == itNP {
			for _, m := range it.ms {
				if m.ents[0].is(graph.Agreement) {
					agreement = m.ents[0]
					under = under || k > 0 && k <= 2 && (items[k-1].word == "under" || items[k-1].word == "per")
				}
			}
		}
		only := it.word == "only"
		if it.kind == itVG {
			for t := it.t0; t < it.t1; t++ {
				only = only || toks[t].Lower == "only" // "can only turn away"
			}
		}
		if agreement == nil || !(only || under && it.kind == itComma) {
			continue
		}
		// The first "at/through X" after "only" (or after the opening
		// "Under the agreement,") is where the agreement applies.
		j := k + 1
		for j < len(items) && j <= k+8 && !(items[j].kind == itP && (items[j].word == "at" || items[j].word == "through")) {
			j++
		}
		if j+1 >= len(items) || j > k+8 {
			continue
		}
		if under {
			under = false
		}
		p, np := items[j], items[j+1]
		if np.kind != itNP || st.isMoney(np) {
			continue // "at an estimated cost of 650 million euros" is no place
		}
		var obj *entity
		if es := st.npEntities(np); len(es) > 0 {
			obj = es[0]
		} else {
			obj = st.descriptive(np.text(st.src), graph.Place)
		}
		if obj != nil {
			st.trace(s, "scope: only %s", p.word)
			st.addFact(agreement, "covers", obj, "", s, mod, 0.75, nil)
		}
	}
}

// meansCut ends an object region at the means of an act ("support
// Namibia's development through JICA", "deepen our ties, including
// through the RCEP"): what comes through is how, not what.
func meansCut(items []*item, k, end int) int {
	for j := k + 1; j < end; j++ {
		if it := items[j]; it.kind == itP && (it.word == "through" || it.word == "via") {
			if items[j-1].word == "including" && j-1 > k {
				return j - 1
			}
			return j
		}
	}
	return end
}

// sentenceModality is reported when the sentence attributes what it says:
// a speech verb, "according to", "reportedly", or a quotation.
func (st *docState) sentenceModality(s Sentence, toks []Token, items []*item) graph.Modality {
	for _, it := range items {
		if it.kind == itVG && st.lx.modality.Speech[it.lemma(toks)] {
			return graph.Reported
		}
	}
	return st.markerModality(s)
}

// markerModality is the sentence's modality from its words and quotation
// marks alone, speech verbs aside.
func (st *docState) markerModality(s Sentence) graph.Modality {
	lower := strings.ToLower(s.Text)
	for _, p := range st.lx.modality.Reported {
		if len(p) == 1 && (p[0] == "reportedly" || p[0] == "allegedly") && strings.Contains(lower, p[0]) ||
			len(p) > 1 && strings.Contains(lower, strings.Join(p, " ")) {
			return graph.Reported
		}
	}
	if strings.Count(s.Text, "\"") >= 2 || st.sentQuoted {
		return graph.Reported
	}
	return graph.Asserted
}

// clauseModality reads the markers between the clause's subject and its
// verb ("is expected to", "hopes to", "will"), negation, conditions and
// hedges.
func (st *docState) clauseModality(toks []Token, items []*item, vi int, clauses []*clause, base graph.Modality) (graph.Modality, string) {
	vg := items[vi]
	// The window runs back to the start of the clause: the subject, a
	// subordinator or the sentence start.
	from := 0
	for k := vi - 1; k >= 0; k-- {
		if it := items[k]; it.kind == itNP && clauses[vi] != nil && it == clauses[vi].subjNP || it.kind == itSub || it.kind == itRel {
			from = it.t1
			break
		}
	}
	var window []string
	for t := from; t <= vg.main; t++ {
		window = append(window, toks[t].Lemma)
		if toks[t].Lower == "n't" || toks[t].Lower == "not" || toks[t].Lower == "never" {
			window = append(window, "not")
		}
	}
	has := func(phrases [][]string) bool {
		for _, p := range phrases {
			if containsSeq(window, p) {
				return true
			}
		}
		return false
	}
	if vg.neg || has(st.lx.modality.Negation) {
		return "", "negated"
	}
	// Conditions: a subordinator opening the clause, or "should" before
	// its subject ("should Finland and Sweden join NATO").
	for k := vi - 1; k >= 0; k-- {
		it := items[k]
		if it.kind == itVG && it.finite && (clauses[vi] == nil || it != clauses[vi].vg) {
			break
		}
		if it.kind == itSub && containsPhrase(st.lx.modality.Conditional, it.word) {
			return "", "conditional (" + it.word + ")"
		}
		if it.kind == itComma && it.word != "," {
			break
		}
		if it.word == "should" && k+1 < len(items) && items[k+1].kind == itNP {
			return "", "conditional (should)"
		}
	}
	if has(st.lx.modality.Hedge) {
		return "", "hedged"
	}
	switch {
	case has(st.lx.modality.Sought):
		return graph.Sought, ""
	case has(st.lx.modality.Expected):
		return graph.Expected, ""
	}
	// "Korea's bid to host the World Expo", "oppose any attempt to change
	// the status quo": an aim's infinitive is not done, and whose aim it
	// is the clause does not say. An intention with its owner does say it
	// ("Canada's intention to contribute $500 million": expected).
	if vg.inf && vi > 0 && items[vi-1].kind == itNP && st.lx.modality.Aims[toks[items[vi-1].t1-1].Lower] && !st.ownIntention(items, vi, toks) {
		return "", "an aim (" + toks[items[vi-1].t1-1].Lower + ")"
	}
	// An infinitive inherits the modality of the verb it completes.
	if vg.inf {
		for k := vi - 1; k >= 0; k-- {
			if c := clauses[k]; c != nil {
				if c.skip != "" {
					return "", c.skip
				}
				if c.modality != graph.Asserted {
					return c.modality, ""
				}
				break
			}
		}
	}
	return base, ""
}

func containsSeq(hay, needle []string) bool {
	for i := 0; i+len(needle) <= len(hay); i++ {
		ok := true
		for j, w := range needle {
			if hay[i+j] != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func containsPhrase(phrases [][]string, w string) bool {
	for _, p := range phrases {
		if len(p) == 1 && p[0] == w {
			return true
		}
	}
	return false
}

// subjectOf finds who performs the verb group items[vi]: the noun phrase
// right before it (past adverbs and a comma-bounded aside), the antecedent
// of a relative pronoun, or, for an infinitive or a coordinated verb, the
// subject of the verb before it.
func (st *docState) subjectOf(items []*item, vi int, clauses []*clause, toks []Token) ([]*entity, *item) {
	// The nearest verb before this one lends its subject, even when it
	// has none: an earlier clause's subject would be a guess.
	inherit := func() ([]*entity, *item) {
		for k := vi - 1; k >= 0; k-- {
			if c := clauses[k]; c != nil {
				return c.subj, c.subjNP
			}
		}
		return nil, nil
	}
	vg := items[vi]
	if vg.inf {
		return inherit()
	}
	k := vi - 1
	for k >= 0 && items[k].kind == itAdv {
		k--
	}
	// "The Biden-Trudeau talks on Friday are expected": skip the time.
	if k >= 2 && items[k].kind == itNP && calendarWord[st.text[items[k].start:items[k].end]] && items[k-1].kind == itP && items[k-2].kind == itNP {
		k -= 2
	}
	if k < 0 {
		return nil, nil
	}
	prev := items[k]
	switch prev.kind {
	case itNP:
		// "President Biden and Prime Minister Trudeau": a coordinated list.
		if es := st.npList(items, k, true); len(es) > 0 {
			return es, prev
		}
		// "the talks", "Friday's discussions": a meeting stands for the
		// people who hold it.
		if headIn(toks, &item{t0: prev.t1 - 1, t1: prev.t1}, meetingNouns) {
			if g := st.group(graph.Person); len(g) >= 2 {
				return g, prev
			}
		}
		return nil, prev
	case itRel:
		// "the Safe Third Country Agreement, which requires ...".
		j := k - 1
		if j >= 0 && items[j].kind == itComma {
			j--
		}
		// "signed a Partnership on 1 November, which covers": past the date.
		if j >= 2 && items[j].kind == itNP && dateLike(items[j].text(st.src)) && items[j-1].kind == itP && items[j-2].kind == itNP {
			j -= 2
		}
		if j >= 0 && items[j].kind == itNP {
			if es := st.npList(items, j, true); len(es) > 0 {
				return es, items[j]
			}
			// "Roxham Road, a remote street that connects ...".
			if j >= 2 && items[j-1].kind == itComma && items[j-2].kind == itNP {
				if es := st.npEntities(items[j-2]); len(es) > 0 {
					return es, items[j-2]
				}
			}
		}
		return nil, nil
	case itComma:
		// "We, the G7 Foreign Ministers of ..., strongly condemn": the
		// "we" that opens the sentence, past its apposition.
		if len(items) > 1 && items[0].kind == itNP && strings.EqualFold(items[0].text(st.src), "we") && items[1].kind == itComma && openingPhrase(items, vi) {
			if es := st.npEntities(items[0]); len(es) > 0 {
				return es, items[0]
			}
		}
		// A list of people set off with their titles: "The Minister ...,
		// the Honourable Harjit Sajjan, and the Secretary ..., Lloyd
		// James Austin III, approve".
		if es := st.titledList(items, k); len(es) > 0 {
			return es, items[k-1]
		}
		// Skip an aside: "The agreement, signed in 2002, applies ...".
		for j := k - 1; j >= 0 && j >= k-12; j-- {
			if items[j].kind == itComma && j > 0 && items[j-1].kind == itNP {
				if es := st.npEntities(items[j-1]); len(es) > 0 && items[j+1].kind != itCC {
					return es, items[j-1]
				}
				// "The Chair of ASEAN, Prime Minister Anwar Ibrahim of
				// Malaysia, expressed": a description, then the person.
				if j+2 == k && items[j+1].kind == itNP && (j == 1 || j >= 2 && items[j-2].kind != itVG && items[j-2].kind != itP) {
					if es := st.npEntities(items[j+1]); len(es) == 1 && es[0].is(graph.Person) {
						return es, items[j+1]
					}
				}
				break
			}
		}
		return inherit()
	case itCC, itP, itOther:
		return inherit()
	}
	return nil, nil
}

// intender returns the owner of an intention noun right before the
// infinitive at items[vi]: "commended the Netherlands for its decision to
// provide F-16s" (the Netherlands would provide them), "Japan's plan to
// acquire missiles".
func (st *docState) intender(items []*item, vi int, toks []Token) []*entity {
	if vi < 1 || items[vi-1].kind != itNP || !st.lx.intentions[toks[items[vi-1].t1-1].Lower] {
		return nil
	}
	np := items[vi-1]
	for _, m := range np.ms {
		if m.how == "possessive pronoun" || possessiveAfter(st.text[m.end:], st.text[m.start:m.end]) {
			for _, e := range m.ents {
				if !e.actorish() {
					return nil
				}
			}
			return m.ents
		}
	}
	return nil
}

// talkedAbout reports whether the noun phrase at items[k] lies deep in what
// clause c talks about ("discussed the importance of getting humanitarian
// aid to civilians"): talking of aid is not giving it, so the subject does
// not own the noun. A noun heading the verb's object is still the
// subject's ("discussed a visit to Washington").
func (st *docState) talkedAbout(toks []Token, items []*item, c *clause, k, t int) bool {
	// "the importance of getting aid to civilians": a gerund in a noun's
	// of-phrase is no act of the subject's.
	if toks[c.vg.main].Tag == "VBG" && c.vi > 0 && items[c.vi-1].kind == itP && items[c.vi-1].word == "of" {
		return true
	}
	p, at := st.pattern(toks, items, c.vi)
	if p == nil || p.Predicate != "discussed" {
		return false
	}
	if k > at {
		return true
	}
	// "discussed the importance of aid to farmers": the noun in the
	// object's of-phrase.
	for u := items[k].t0; u < t; u++ {
		if toks[u].Lower == "of" {
			return true
		}
	}
	return false
}

// modalWord are the modals that may stand alone before a list: "X will:".
var modalWord = map[string]bool{"will": true, "shall": true, "would": true, "should": true}

// quotedName reports whether the quotation mark at byte offset at opens
// or closes a short quoted name rather than a quotation: 'toward realizing
// a "Free and Open Indo-Pacific,"' (at most eight words, no speech verb in
// the sentence).
func (st *docState) quotedName(at int) bool {
	s := st.cur
	if s == nil || strings.Count(s.Text, "\"") != 2 {
		return false
	}
	a := strings.IndexByte(s.Text, '"')
	b := strings.LastIndexByte(s.Text, '"')
	if len(strings.Fields(s.Text[a+1:b])) > 8 {
		return false
	}
	for _, w := range strings.Fields(s.Text) {
		if st.speechVerb(w) {
			return false
		}
	}
	return true
}

// talkTopic reports whether the infinitive at items[vi] completes a noun
// in the object of a talking verb ("discussed ways to deepen ...",
// "reviewed efforts to provide ..."): the nearest verb before it is read
// as discussed, and only its object lies between.
func (st *docState) talkTopic(toks []Token, items []*item, clauses []*clause, vi int) bool {
	for k := vi - 1; k >= 0; k-- {
		if c := clauses[k]; c != nil {
			p, at := st.pattern(toks, items, k)
			return p != nil && p.Predicate == "discussed" && at < vi
		}
		if items[k].kind == itSub || items[k].kind == itRel || items[k].kind == itComma && items[k].word != "," {
			return false
		}
	}
	return false
}

// bulletMarks open the items of a bulleted list.
var bulletMarks = map[string]bool{"-": true, "•": true, "*": true, "–": true, "—": true, "·": true}

// bulletItem reports whether a sentence is an item of a bulleted list.
func bulletItem(text string) bool {
	mark, _, ok := strings.Cut(text, " ")
	return ok && bulletMarks[mark]
}

// firstVerb reports whether items[vi] is the sentence's first verb group.
func firstVerb(items []*item, vi int) bool {
	for j := 0; j < vi; j++ {
		if items[j].kind == itVG {
			return false
		}
	}
	return true
}

// onlyColonAfter reports whether nothing but adverbs and the colon follows
// the verb group at items[vi]: "The UK will also:".
func onlyColonAfter(items []*item, vi int) bool {
	for j := vi + 1; j < len(items); j++ {
		// "will work together to:", "are committed to:".
		if items[j].kind == itP && items[j].word == "to" && j+1 < len(items) && items[j+1].kind != itNP {
			continue
		}
		if items[j].kind != itAdv && items[j].kind != itComma && items[j].kind != itOther {
			return false
		}
	}
	return true
}

// allKind reports whether every entity is of the kind.
func allKind(es []*entity, kind graph.Kind) bool {
	for _, e := range es {
		if !e.is(kind) {
			return false
		}
	}
	return true
}

// How an infinitive's subject was found, when not from the verb before it.
const (
	viaControl   = "control"   // the object of a control verb ("invited X to")
	viaIntention = "intention" // the owner of an intention noun ("its decision to")
)

// infinitiveSubject returns the subject of the infinitive at items[vi]
// when a control verb's object or an intention noun's owner gives it, with
// its phrase and how it was found; otherwise nothing, and subjectOf decides.
func (st *docState) infinitiveSubject(items []*item, vi int, toks []Token) ([]*entity, *item, string) {
	if !items[vi].inf {
		return nil, nil, ""
	}
	if es, np := st.controller(items, vi, toks); len(es) > 0 {
		return es, np, viaControl
	}
	if es := st.intender(items, vi, toks); len(es) > 0 {
		return es, items[vi-1], viaIntention
	}
	return nil, nil, ""
}

// controller returns the actors who would do what the infinitive at
// items[vi] says when it follows a control verb and its object ("invited
// President Lula to visit India", "encouraged Kenya and Uganda to sign"),
// with the object's phrase.
func (st *docState) controller(items []*item, vi int, toks []Token) ([]*entity, *item) {
	if vi < 2 || items[vi-1].kind != itNP || items[vi-2].kind != itVG {
		return nil, nil
	}
	control := false
	for _, p := range st.lx.verbs[items[vi-2].lemma(toks)] {
		control = control || p.Control
	}
	if !control {
		return nil, nil
	}
	es := st.npList(items, vi-1, true)
	for _, e := range es {
		if !e.is(graph.Person) && !e.is(graph.Country) && !e.is(graph.Organization) {
			return nil, nil
		}
	}
	return es, items[vi-1]
}

// possessiveAfter reports whether the text after a name makes it a
// possessor: "Canada's", "the United States' intention".
func possessiveAfter(rest, name string) bool {
	if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
		return true
	}
	return strings.HasSuffix(name, "s") && (strings.HasPrefix(rest, "' ") || strings.HasPrefix(rest, "’ "))
}

// ownIntention reports whether the infinitive at items[vi] follows an
// owner's intention ("the United States' intention to contribute").
func (st *docState) ownIntention(items []*item, vi int, toks []Token) bool {
	head := toks[items[vi-1].t1-1].Lower
	return (head == "intention" || head == "intentions") && len(st.intender(items, vi, toks)) > 0
}

// intentionHead reports whether the noun phrase ends in an intention noun
// (data/nouns.yaml intentions: "a plan", "its decision").
func (st *docState) intentionHead(toks []Token, np *item) bool {
	return np.t1 > np.t0 && st.lx.intentions[toks[np.t1-1].Lower]
}

// afterBreak reports whether the verb group items[vi] follows a bracket, a
// comma or a conjunction (past adverbs): where the chunks lose the subject
// and the parse is worth its cost.
func afterBreak(items []*item, vi int) bool {
	k := vi - 1
	for k >= 0 && items[k].kind == itAdv {
		k--
	}
	return k >= 0 && (items[k].kind == itComma || items[k].kind == itCC || items[k].kind == itOther || items[k].kind == itRel)
}

// entityIDs lists entities' ids for the trace.
func entityIDs(es []*entity) string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.id
	}
	return strings.Join(ids, ",")
}

// meetingNouns name a meeting; as a subject they stand for its participants.
var meetingNouns = []string{"talks", "discussions", "meeting", "meetings", "summit", "call", "conversation", "visit"}

// titledList reads back from the comma at items[k] over phrases naming
// people, commas and one "and"; it returns the people when the stretch
// starts the clause and holds an "and".
func (st *docState) titledList(items []*item, k int) []*entity {
	var out []*entity
	and := false
	j := k - 1
	for ; j >= 0; j-- {
		it := items[j]
		switch it.kind {
		case itNP:
			es := st.npEntities(it)
			if len(es) == 0 || !es[0].is(graph.Person) {
				return nil
			}
			for _, e := range es {
				if !contains(out, e) {
					out = append(out, e)
				}
			}
			continue
		case itComma:
			if it.word == "," {
				continue
			}
		case itCC:
			if it.word == "and" {
				and = true
				continue
			}
		}
		break
	}
	if !and || len(out) < 2 || j >= 0 && items[j].kind != itComma && items[j].kind != itSub {
		return nil
	}
	return out
}

func (st *docState) isPronounNP(it *item, toks []Token) bool {
	return it.t1-it.t0 == 1 && toks[it.t0].Tag == "PRP"
}

// npEntities returns what a noun phrase refers to: its head mention when
// the phrase is a name ("Prime Minister Justin Trudeau of Canada" is
// Trudeau), all its mentions when it is a list.
func (st *docState) npEntities(it *item) []*entity {
	if len(it.ms) == 0 {
		return nil
	}
	// A person named with a title ("Secretary of Defense Lloyd J. Austin
	// III", "Prime Minister Justin Trudeau of Canada") is the phrase.
	for _, m := range it.ms {
		rest := strings.TrimSpace(gap(st.text, m.end, it.end))
		if len(m.ents) == 1 && m.ents[0].is(graph.Person) && m.form != formPronoun && (rest == "" || strings.HasPrefix(rest, "of ")) {
			return m.ents
		}
	}
	// The head is the last mention before an "of" phrase ("Prime Minister
	// Justin Trudeau of Canada" is Trudeau), and it must end the phrase
	// there: "Canada's spending", "NORAD investment" and "his asks" are
	// not Canada, NORAD or him.
	cut := it.end
	for off := it.start; ; {
		i := strings.Index(st.text[off:it.end], " of ")
		if i < 0 {
			break
		}
		at := off + i
		// "hundreds of migrants" is migrants.
		if quantityWords[strings.ToLower(lastWord(st.text[it.start:at]))] {
			off = at + 4
			continue
		}
		inside := false
		for _, m := range it.ms {
			if at >= m.start && at < m.end {
				inside = true
			}
		}
		if !inside {
			cut = at
			break
		}
		off = at + 4
	}
	var head *mention
	for _, m := range it.ms {
		if m.end <= cut {
			head = m
		}
	}
	if head == nil {
		return nil
	}
	rest := strings.TrimSpace(gap(st.text, head.end, cut))
	// "the Georgian authorities", "Canadian officials": the country.
	if head.how == "demonym before title" {
		if r := strings.TrimSuffix(rest, "."); r != "" && st.demonymBody(" "+r) && !strings.Contains(r, " ") {
			return head.ents
		}
	}
	if rest != "" && rest != "." || head.form == formAdjective && head.how == "demonym" {
		return nil
	}
	return head.ents
}

// properPhrase reports whether a noun phrase is a capitalised name ("the
// Oriental Republic of Uruguay"), known or not.
func (st *docState) properPhrase(it *item) bool {
	t := strings.TrimPrefix(st.text[it.start:it.end], "the ")
	return isCapitalized(t)
}

// quantityWords head a phrase whose real head follows "of".
var quantityWords = map[string]bool{"hundreds": true, "thousands": true, "millions": true, "dozens": true, "tens": true,
	"number": true, "numbers": true, "majority": true, "group": true, "groups": true, "some": true, "many": true, "all": true,
	"most": true, "both": true, "each": true, "one": true, "two": true, "several": true, "influx": true, "wave": true}

// npList collects the entities of the coordinated noun phrases ending (or,
// forward, starting) at items[k]: "A, B and C".
func (st *docState) npList(items []*item, k int, backward bool) []*entity {
	var out []*entity
	addNP := func(it *item) {
		for _, e := range st.npEntities(it) {
			if !contains(out, e) {
				out = append(out, e)
			}
		}
	}
	// Within one phrase: "the US and Canada" can be one chunk with two
	// mentions joined by "and".
	inner := func(it *item) {
		for i, m := range it.ms {
			if i == 0 {
				continue
			}
			between := strings.TrimSpace(gap(st.text, it.ms[i-1].end, m.start))
			if between == "and" || between == "," || between == ", and" || between == "or" {
				for _, e := range m.ents {
					if !contains(out, e) {
						out = append(out, e)
					}
				}
			}
		}
	}
	if backward {
		j := k
		sawAnd := false // "A, B and C": commas join only before the "and"
		for j >= 0 {
			n := len(out)
			addNP(items[j])
			inner(items[j])
			// "..., and the two leaders agreed": a group phrase or a
			// pronoun is the whole subject, not the end of a list.
			if j == k && len(items[j].ms) == 1 && (items[j].ms[0].form == formGroup || items[j].ms[0].form == formPronoun) {
				break
			}
			if len(out) == n && !(st.properPhrase(items[j]) && (sawAnd || j >= 1 && items[j-1].kind == itCC && items[j-1].word == "and")) {
				break // a phrase that names no one ends the list (an unknown name inside a list does not)
			}
			if j >= 2 && (items[j-1].kind == itCC && items[j-1].word == "and" || sawAnd && items[j-1].kind == itComma && items[j-1].word == ",") && items[j-2].kind == itNP && (len(items[j-2].ms) > 0 || st.properPhrase(items[j-2])) {
				sawAnd = sawAnd || items[j-1].kind == itCC
				j -= 2
				continue
			}
			if j >= 3 && items[j-1].kind == itCC && items[j-2].kind == itComma && items[j-3].kind == itNP {
				sawAnd = true
				j -= 3
				continue
			}
			break
		}
		return out
	}
	for j := k; j < len(items); {
		if items[j].kind != itNP {
			break
		}
		if j > k && st.appositiveTitle(items[j]) {
			// "by Hiroshi Tanaka, President of Kansai Hydrogen, and
			// Raphael Lotilla": the title is set off, the list goes on.
			n := j + 1
			for n+1 < len(items) && items[n].kind == itCC && items[n+1].kind == itNP && st.appositiveTitle(items[n+1]) {
				n += 2 // "President and Chief Executive Officer of X"
			}
			if n+2 < len(items) && items[n].kind == itComma && items[n].word == "," && items[n+1].kind == itCC && items[n+1].word == "and" && items[n+2].kind == itNP {
				j = n + 2
				continue
			}
			break // "Justin Trudeau, Prime Minister of Canada": not a list
		}
		// "will join the BRICS group, Foreign Minister Diana Mondino
		// said": the speaker after the comma is not in the list.
		if j > k && items[j-1].kind == itComma && j+1 < len(items) && items[j+1].kind == itVG && st.lx.modality.Speech[items[j+1].mainLemma()] {
			break
		}
		addNP(items[j])
		inner(items[j])
		switch {
		case j+2 < len(items) && (items[j+1].kind == itCC || items[j+1].kind == itComma && items[j+1].word == ",") && items[j+2].kind == itNP:
			j += 2
		case j+3 < len(items) && items[j+1].kind == itComma && items[j+2].kind == itCC && items[j+3].kind == itNP:
			j += 3
		default:
			return out
		}
	}
	return out
}

// appositiveTitle reports whether a noun phrase is a bare title ("Prime
// Minister of Canada", "the President of Mexico").
func (st *docState) appositiveTitle(it *item) bool {
	t := strings.TrimPrefix(st.text[it.start:it.end], "the ")
	title := st.lx.titleRe.FindString(t)
	if title == "" {
		return false
	}
	rest := t[len(title):]
	return rest == "" || strings.HasPrefix(rest, " of ")
}

// npListEnd returns the index after the coordinated noun phrases that
// start at items[k].
func npListEnd(items []*item, k int) int {
	j := k
	for j < len(items) && items[j].kind == itNP {
		switch {
		case j+2 < len(items) && (items[j+1].kind == itCC || items[j+1].kind == itComma && items[j+1].word == ",") && items[j+2].kind == itNP:
			j += 2
		case j+3 < len(items) && items[j+1].kind == itComma && items[j+2].kind == itCC && items[j+3].kind == itNP:
			j += 3
		default:
			return j + 1
		}
	}
	return j
}

// after returns the index of the first item after vi that is not an adverb.
func after(items []*item, vi int) int {
	k := vi + 1
	for k < len(items) && items[k].kind == itAdv {
		k++
	}
	return k
}

// matchPrep checks that the words of prep follow at items[k:], and returns
// the index after them.
func matchPrep(items []*item, k int, toks []Token, prep []string) (int, bool) {
	if len(prep) == 0 {
		return k, true
	}
	t := -1
	if k < len(items) {
		t = items[k].t0
	}
	for _, w := range prep {
		if t < 0 || t >= len(toks) || toks[t].Lower != w && toks[t].Lemma != w {
			return 0, false
		}
		t++
	}
	for k < len(items) && items[k].t1 <= t {
		k++
	}
	if k < len(items) && items[k].t0 < t {
		// The last word of prep opens this item: "agreed to | take in".
		if items[k].kind == itVG && items[k].inf && items[k].t0 == t-1 {
			return k, true
		}
		return 0, false
	}
	return k, true
}

// pattern returns the verb pattern that applies to the verb group and the
// item where its object starts.
func (st *docState) pattern(toks []Token, items []*item, vi int) (*VerbPattern, int) {
	lemma := items[vi].lemma(toks)
	for _, p := range st.lx.verbs[lemma] {
		k, ok := matchPrep(items, after(items, vi), toks, p.prep)
		if !ok {
			continue
		}
		if len(p.Only) > 0 {
			if k >= len(items) || items[k].kind != itNP || !headIn(toks, items[k], p.Only) {
				continue
			}
		}
		if len(p.Onto) > 0 && !ontoFollows(toks, items, k, p.Onto) {
			continue
		}
		if e := npListEnd(items, k); len(p.Unless) > 0 && e < len(items) && e > k && slices.Contains(p.Unless, items[e].word) {
			continue
		}
		return p, k
	}
	return nil, 0
}

// ontoFollows reports whether a "to" phrase headed by one of the nouns
// follows the object at item k before another finite verb: "add X and Y,
// both located in China, to the Entity List".
func ontoFollows(toks []Token, items []*item, k int, nouns []string) bool {
	for j := k; j+1 < len(items) && j < k+12; j++ {
		if items[j].kind == itVG && items[j].finite {
			return false
		}
		if items[j].kind == itP && items[j].word == "to" && items[j+1].kind == itNP {
			last := toks[items[j+1].t1-1]
			for _, n := range nouns {
				if strings.EqualFold(last.Lower, n) || strings.EqualFold(last.Lemma, n) {
					return true
				}
			}
		}
	}
	return false
}

func headIn(toks []Token, it *item, words []string) bool {
	for t := it.t0; t < it.t1; t++ {
		for _, w := range words {
			if toks[t].Lemma == w || toks[t].Lower == w {
				return true
			}
		}
	}
	return false
}

// verbFacts applies the verb pattern of an active clause.
func (st *docState) verbFacts(s Sentence, toks []Token, items []*item, c *clause, ms []*mention) {
	p, k := st.pattern(toks, items, c.vi)
	if toks[c.vg.main].Lower == "including" || c.vi > 0 && items[c.vi-1].word == "including" {
		return // "including accepting refugees": an example, not an action
	}
	st.prepActors(s, toks, items, c, ms)
	if p == nil {
		st.soughtFallback(s, toks, items, c)
		st.agreementScope(s, toks, items, c)
		return
	}
	st.trace(s, "pattern %s%s -> %s (%s)", p.Lemma, prepSuffix(p.Prep), p.Predicate, c.vg.text(st.src))
	if c.skip != "" {
		st.trace(s, "  no fact: %s", c.skip)
		return
	}
	mod := c.modality
	if p.Modality != "" {
		mod = graph.Modality(p.Modality)
	}
	subj := c.subj
	if len(subj) == 0 {
		st.trace(s, "  no subject")
		return
	}
	conf := 0.85
	if c.subjNP != nil && len(c.subjNP.ms) > 0 && c.subjNP.ms[0].form >= formPronoun {
		conf = 0.7
	}
	st.patternFacts(s, toks, items, c, p, k, subj, mod, conf, ms)
	st.relativeAntecedent(s, toks, items, c, p, k, mod, conf, ms)
	if p.Money != "" && k < len(items) && items[k].kind == itNP && st.isMoney(items[k]) {
		st.trace(s, "  a sum of money: also %s", p.Money)
		st.regionFacts(s, toks, items, k, subj, &VerbPattern{Lemma: p.Lemma, Predicate: p.Money, Amount: true}, mod, conf*0.95)
	}
}

// isMoney reports whether a noun phrase is a sum of money ("an additional
// EUR 100 million", "$40 million", "A$64 million").
func (st *docState) isMoney(np *item) bool {
	for _, q := range st.qualifiers(np.text(st.src)) {
		if q.Key == "amount" {
			return true
		}
	}
	return false
}

// relativeAntecedent reads a relative clause whose pronoun is the verb's
// object: "the Asia Zero Emission Community, which both countries joined
// in 2023" (both joined it), "the accord that Peru signed". The chunks give
// the noun phrase before the pronoun; the parse must agree that the
// pronoun is the object.
func (st *docState) relativeAntecedent(s Sentence, toks []Token, items []*item, c *clause, p *VerbPattern, k int, mod graph.Modality, conf float64, ms []*mention) {
	vi := c.vi
	if vi >= 4 && c.subjNP != nil && items[vi-1] == c.subjNP && items[vi-2].kind == itRel && items[vi-2].word == "which" && items[vi-3].kind == itP {
		st.prepRelative(s, toks, items, c, vi-3, mod, conf)
		return
	}
	if p.Prep != "" || vi < 3 || c.subjNP == nil || items[vi-1] != c.subjNP || items[vi-2].kind != itRel {
		return
	}
	if w := items[vi-2].word; w != "which" && w != "that" {
		return
	}
	a := vi - 3
	if items[a].kind == itComma && a > 0 {
		a--
	}
	if items[a].kind != itNP {
		return
	}
	words := st.parsed(s)
	v := wordAt(words, toks[c.vg.main].Start)
	if v < 0 || words[v].Deprel != "acl:relcl" {
		return
	}
	if o := childOf(words, v, "obj"); o < 0 || !relativeWord[strings.ToLower(words[o].Form)] {
		return
	}
	objs := st.npEntities(items[a])
	// "the Asia Zero Emission Community (AZEC) initiative, which": the
	// name before the acronym in brackets.
	if len(objs) == 0 && a >= 4 && items[a-1].kind == itOther && st.text[items[a-1].start:items[a-1].end] == ")" &&
		items[a-2].kind == itNP && items[a-3].kind == itOther && st.text[items[a-3].start:items[a-3].end] == "(" && items[a-4].kind == itNP {
		objs = st.npEntities(items[a-4])
	}
	for _, o := range objs {
		if contains(c.subj, o) {
			continue
		}
		st.trace(s, "  object of %q before its relative pronoun: %s", c.vg.text(st.src), o.id)
		st.factEach(c.subj, p.Predicate, o, s, mod, conf*0.9, nil)
	}
}

// prepRelative reads "the Amazon Fund, to which the United States has
// contributed $500 million": the preposition before the relative pronoun
// (at items[pi]) completes the verb's pattern ("contribute to"), whose
// object is the noun phrase the clause modifies.
func (st *docState) prepRelative(s Sentence, toks []Token, items []*item, c *clause, pi int, mod graph.Modality, conf float64) {
	prep := items[pi].word
	var q *VerbPattern
	for _, p := range st.lx.verbs[c.vg.lemma(toks)] {
		if p.Prep == prep {
			q = p
			break
		}
	}
	a := pi - 1
	if a > 0 && items[a].kind == itComma {
		a--
	}
	if q == nil || a < 0 || items[a].kind != itNP {
		return
	}
	for _, o := range st.npEntities(items[a]) {
		if contains(c.subj, o) {
			continue
		}
		st.trace(s, "  %s %s which: %s", q.Lemma, prep, o.id)
		st.factEach(c.subj, q.Predicate, o, s, mod, conf*0.9, st.qualifiers(st.text[c.vg.start:items[min(c.vi+1, len(items)-1)].end]))
	}
}

// patternFacts yields the facts of verb pattern p on the clause c whose
// object starts at item k.
func (st *docState) patternFacts(s Sentence, toks []Token, items []*item, c *clause, p *VerbPattern, k int, subj []*entity, mod graph.Modality, conf float64, ms []*mention) {
	switch {
	case p.Target == "person":
		st.targetFacts(s, toks, items, c, p, k, mod, conf)
	case p.Actor:
		objs := st.npList(items, k, false)
		if p.Prep == "" && k < len(items) && !st.headNamed(items[k]) {
			// "welcomes the leadership of Indonesia": the parse's object
			// is the leadership, not Indonesia.
			objs = st.depKeep(s, toks[c.vg.main].Start, objs, ms)
		}
		if len(objs) == 0 && k < len(items) {
			objs = st.classifiedName(items[k])
		}
		n, alts := 0, 0
		for _, o := range objs {
			if o.actorish() || p.Predicate == "met" && p.Lemma == "meet" && (o.is(graph.Place) || o.is(graph.Event)) {
				st.factEach(subj, p.Predicate, o, s, mod, conf, nil)
				n++
			} else if alt := st.otherPattern(p, o.kind); alt != nil {
				// "will host the Leaders Meeting": hosts, not met.
				st.factEach(subj, alt.Predicate, o, s, mod, conf, nil)
				alts++
			}
		}
		if len(objs) == 0 {
			// "will host a search and rescue exercise": an event the
			// text describes rather than names.
			if alt := st.otherPattern(p, graph.Event); alt != nil {
				if ev, end := st.describedEvent(items, k); ev != nil {
					st.trace(s, "  an event described: %s", ev.name)
					st.factEach(subj, alt.Predicate, ev, s, mod, conf*0.9, nil)
					alts++
					// "... exercise in the Celebes Sea".
					if end+2 < len(items) && items[end+1].kind == itP && items[end+1].word == "in" {
						for _, pl := range st.npEntities(items[end+2]) {
							if pl.is(graph.Place) || pl.is(graph.Country) {
								st.addFact(ev, "locatedIn", pl, "", s, mod, 0.75, nil)
							}
						}
					}
				}
			}
		}
		// "welcomed progress on the EDCA", "welcomed the entry into force
		// of the Paris Agreement": no actor and nothing named at the head;
		// the verb's other reading takes the agreements and events the
		// phrase names (not people named by what they are: "welcomed
		// representatives from ...").
		if len(objs) == 0 && alts == 0 && k < len(items) && items[k].kind == itNP && !headIn(toks, items[k], st.lx.peopleNouns) {
			for _, q := range st.lx.verbs[p.Lemma] {
				if q == p || q.Actor || q.Prep != p.Prep || q.Target != "" || q.Object != "" {
					continue
				}
				for _, o := range st.regionMentions(items, k, st.regionEnd(items, k)) {
					if o.is(graph.Agreement) || o.is(graph.Event) {
						st.trace(s, "  no actor: %s read as %s", o.id, q.Predicate)
						st.factEach(subj, q.Predicate, o, s, mod, conf*0.9, nil)
					}
				}
				break
			}
		}
		// "welcomed Minister Blair to the Pentagon", "hosted the Prime
		// Minister at the White House": the guest visited the place.
		if p.Guest != "" && n > 0 {
			at := npListEnd(items, k)
			// "welcomed Prime Minister Kishida of Japan to Ottawa".
			if at+2 < len(items) && items[at].kind == itP && items[at].word == "of" && items[at+1].kind == itNP {
				at += 2
			}
			if at+1 < len(items) && items[at].kind == itP && (items[at].word == "to" || items[at].word == "at") && items[at+1].kind == itNP {
				places := st.npEntities(items[at+1])
				if len(places) == 0 {
					places = st.lonePlace(items[at+1]) // "to Mombasa"
				}
				for _, pl := range places {
					if pl.is(graph.Place) || pl.is(graph.Country) || pl.is(graph.Organization) || pl.is(graph.Event) {
						for _, g := range objs {
							if g.actorish() && g != pl {
								st.trace(s, "  the guest %s %s %s", g.id, p.Guest, pl.id)
								st.addFact(g, p.Guest, pl, "", s, mod, conf*0.9, nil)
							}
						}
					}
				}
			}
		}
		// "agreed to hold the AU-EU Ministerial Meeting in Addis Ababa": a
		// meeting to be held is not one its holders attend together.
		if p.Predicate == "met" && len(p.Only) > 0 {
			for j := k - 1; j >= 0; j-- {
				if items[j].kind == itVG {
					if items[j].inf {
						return
					}
					break
				}
			}
		}
		if p.Predicate == "met" && !(n == 0 && alts > 0) {
			st.meetingPlaces(s, toks, items, k, subj, objs, mod, conf)
			// "Biden and Trudeau met" says they met; "... to meet 21st
			// century challenges" does not.
			objectless := k >= len(items) || items[k].kind != itNP
			// "The two Prime Ministers held talks in New Delhi": an object
			// the pattern allows only as the meeting itself names no one met.
			objectless = objectless || len(p.Only) > 0 && headIn(toks, items[k], p.Only)
			if n == 0 && p.Symmetric && len(subj) >= 2 && objectless {
				for i := range subj {
					for j := i + 1; j < len(subj); j++ {
						st.addFact(subj[i], "met", subj[j], "", s, mod, conf, nil)
					}
				}
			}
		}
	case p.Object == "infinitive":
		st.infinitiveFacts(s, toks, items, c, p, k, mod, conf, ms)
	case p.Object == "clause":
		// "hopes that Canada can be included in ...": the clause's objects.
		j := k
		for j < len(items) && items[j].kind != itVG {
			j++
		}
		st.regionFacts(s, toks, items, j+1, subj, p, mod, conf)
	default:
		st.regionFacts(s, toks, items, k, subj, p, mod, conf)
		st.examples(s, toks, items, k, subj, p, mod, conf)
		st.relativeObject(s, toks, c, p, mod, conf, ms)
	}
}

// classifiedName returns the organization named before a common noun that
// says what kind of organization it is: "the BRICS group", "the NATO
// alliance" (data/nouns.yaml heads); or nil.
func (st *docState) classifiedName(np *item) []*entity {
	if np.kind != itNP || len(np.ms) != 1 {
		return nil
	}
	m := np.ms[0]
	rest := strings.TrimSpace(st.text[m.end:np.end])
	if rest == "" || strings.ContainsAny(rest, " '’") || strings.ToLower(rest) != rest || !leadingDeterminer(st.text[np.start:m.start]) {
		return nil
	}
	if st.lx.heads[capitalize(rest)] != graph.Organization || len(m.ents) != 1 || !m.ents[0].is(graph.Organization) {
		return nil
	}
	return m.ents
}

// against reports whether the clause's verb works against its object
// ("opposes the sanctions against Zimbabwe", "called for an end to the
// visits"): the subject does not own the noun it governs.
func (st *docState) against(toks []Token, items []*item, c *clause) bool {
	if st.lx.modality.Reversing[c.vg.lemma(toks)] {
		return true
	}
	if p, _ := st.pattern(toks, items, c.vi); p != nil {
		return agentPredicate[p.Predicate]
	}
	return false
}

// mainLemma returns the lemma of a verb group's main verb.
func (it *item) mainLemma() string {
	if i := it.main - it.t0; i >= 0 && i < len(it.lemmas) {
		return it.lemmas[i]
	}
	return ""
}

// skipParticiples returns the item after the participles at k that
// modify the noun phrase after them ("continued close coordination",
// "enhanced and accelerated efforts"), or k.
func (st *docState) skipParticiples(toks []Token, items []*item, k int) int {
	j := k
	for j < len(items) && items[j].kind == itVG && !items[j].finite && !items[j].inf && items[j].t1-items[j].t0 == 1 && st.tags[items[j].main] == "VBN" {
		n := j + 1
		if n < len(items) && items[n].kind == itCC && n+1 < len(items) && items[n+1].kind == itVG {
			n++ // "enhanced and accelerated"
		}
		j = n
	}
	if j > k && j < len(items) && items[j].kind == itNP {
		return j
	}
	return k
}

// topicPredicate predicates take a list of topics, each its own object.
var topicPredicate = map[string]bool{"discussed": true, "covers": true, "concerns": true}

// topicList reads the phrases coordinated after the head of a list of
// topics: "discussed trade, education, defence and security cooperation"
// (each is discussed), "the security situation in the Sahel, the conflict
// in Sudan and the crisis in the Congo" (the conflict in Sudan, and Sudan,
// where the noun names a situation of data/nouns.yaml). The head phrase is
// read by regionFacts.
func (st *docState) topicList(s Sentence, toks []Token, items []*item, k, end int, subj []*entity, p *VerbPattern, mod graph.Modality, conf float64, quals []graph.Qualifier) {
	j := k
	for n := 0; j < end && n < 10; n++ {
		if items[j].kind != itNP || st.isPronounNP(items[j], toks) {
			return
		}
		u := j + 1 // the unit: NP, with one prepositional phrase
		if u+1 < end && items[u].kind == itP && (phrasePreps[items[u].word] || items[u].word == "in") && items[u+1].kind == itNP {
			u += 2
			// "friendship between the United States and Canada", "training
			// for engineers and technicians": an "and" before a phrase
			// without a determiner joins the preposition's objects.
			for u+1 < end && items[u].kind == itCC && items[u].word == "and" && items[u+1].kind == itNP &&
				(items[u-2].word == "between" || !startsWithDeterminer(items[u+1].text(st.src))) {
				u += 2
			}
		}
		if j > k && len(items[j].ms) == 0 {
			phrase := st.phrase(items[j].start, items[u-1].end, items, j, u)
			if obj := st.descriptive(phrase, kindFor(p.Predicate)); obj != nil {
				st.trace(s, "  topic in a list: %s", obj.name)
				st.factEach(subj, p.Predicate, obj, s, mod, conf*0.85, quals)
			}
		}
		// "the conflict in Sudan": Sudan is discussed.
		if u >= j+3 && items[j+1].word == "in" && st.lx.situations[strings.ToLower(lastWord(items[j].text(st.src)))] {
			// ("the situation in Venezuela and Haiti": each place.)
			for n := j + 2; n < u; n++ {
				if items[n].kind != itNP {
					continue
				}
				for _, e := range st.npEntities(items[n]) {
					if e.is(graph.Country) || e.is(graph.Place) {
						st.factEach(subj, p.Predicate, e, s, mod, conf*0.9, quals)
					}
				}
			}
		}
		// The next unit after ",", "and" or ", and".
		switch {
		case u+1 < end && (items[u].kind == itCC && items[u].word == "and" || items[u].kind == itComma && items[u].word == ","):
			j = u + 1
			if j < end && items[j].kind == itCC && items[j].word == "and" {
				j++
			}
		default:
			return
		}
	}
}

// startsWithDeterminer reports whether a phrase opens with an article or
// a possessive determiner.
func startsWithDeterminer(phrase string) bool {
	switch strings.ToLower(firstField(phrase)) {
	case "the", "a", "an", "its", "their", "our", "his", "her", "this", "these", "those", "that":
		return true
	}
	return false
}

// purposeCovers reads the purpose of an agreement that is signed, approved
// or announced: "signed a Memorandum of Understanding (MoU) with the
// Department of Energy to develop a green hydrogen pilot project" (the MoU
// covers the project), "approve this Joint Statement to guide cooperation
// between Canada and the United States" (it covers both).
func (st *docState) purposeCovers(s Sentence, toks []Token, items []*item, k int, mod graph.Modality) {
	if k >= len(items) || items[k].kind != itNP {
		return
	}
	var agreement *entity
	for _, e := range st.npEntities(items[k]) {
		if e.is(graph.Agreement) {
			agreement = e
			break
		}
	}
	if agreement == nil {
		return
	}
	// The infinitive after the agreement, its bracketed acronym and a
	// "with" phrase.
	v := -1
	for j := k + 1; j < len(items) && j <= k+8; j++ {
		it := items[j]
		if it.kind == itVG {
			if it.inf {
				v = j
			}
			break
		}
		if it.kind == itSub || it.kind == itRel || it.kind == itComma && it.word != "," {
			break
		}
	}
	if v < 0 || v+1 >= len(items) {
		return
	}
	end := st.regionEnd(items, v+1)
	var objs []*entity
	if np := items[v+1]; np.kind == itNP && len(np.ms) == 0 && !st.isPronounNP(np, toks) {
		// "cooperation between Canada and the United States": the head
		// with its prepositional phrase.
		to := v + 2
		if to+1 < end && items[to].kind == itP && phrasePreps[items[to].word] && items[to+1].kind == itNP {
			to = npListEnd(items, to+1)
		}
		if d := st.descriptive(st.phrase(np.start, items[to-1].end, items, v+1, to), graph.Issue); d != nil {
			objs = append(objs, d)
		}
	}
	// What the purpose names, partners included ("between Canada and the
	// United States").
	for _, e := range st.mentionsIn(items, v+1, end, false, false) {
		if e.is(graph.Person) {
			continue
		}
		if !contains(objs, e) {
			objs = append(objs, e)
		}
	}
	for _, o := range objs {
		if o == agreement {
			continue
		}
		st.trace(s, "  the purpose of %s: covers %s", agreement.id, o.id)
		st.addFact(agreement, "covers", o, "", s, mod, 0.7, nil)
	}
}

// topicPreps open what a meeting was about.
var topicPreps = map[string]bool{"about": true, "regarding": true, "concerning": true}

// agentPredicate predicates say a stance against an action that extends to
// whoever acts: criticizing Russia's invasion criticizes Russia.
var agentPredicate = map[string]bool{"criticized": true, "opposes": true}

// actionAgents returns who acts in the noun phrase at item k, when it
// names an action with its agent: a possessive actor before a common noun
// ("Russia's invasion", "China's actions") or an actor after "by" ("the
// attack by the Houthis"); nil otherwise.
func (st *docState) actionAgents(items []*item, k, end int) []*entity {
	if k >= end || items[k].kind != itNP {
		return nil
	}
	np := items[k]
	if len(np.ms) > 0 {
		m := np.ms[0]
		rest := st.text[m.end:np.end]
		if (strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") || strings.HasPrefix(rest, "' ")) && m.form < formPronoun &&
			leadingDeterminer(st.text[np.start:m.start]) && m.ents[0].actorish() {
			return m.ents
		}
		return nil
	}
	if k+2 < end && items[k+1].kind == itP && items[k+1].word == "by" && items[k+2].kind == itNP {
		var out []*entity
		for _, e := range st.npList(items, k+2, false) {
			if e.actorish() {
				out = append(out, e)
			}
		}
		return out
	}
	return nil
}

// leadingDeterminer reports whether the text before a noun phrase's first
// mention is at most a determiner: "", "the".
func leadingDeterminer(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "the":
		return true
	}
	return false
}

// describedEvent returns an event for the noun phrase at item k when its
// head is a noun that types events (data/nouns.yaml heads: "a trilateral
// search and rescue exercise", "the annual summit"), and the item where the
// phrase ends; or nil.
func (st *docState) describedEvent(items []*item, k int) (*entity, int) {
	if k >= len(items) || items[k].kind != itNP {
		return nil, k
	}
	// "search and rescue exercise": the chunks split at the "and".
	end := k
	for end+2 < len(items) && items[end+1].kind == itCC && items[end+1].word == "and" && items[end+2].kind == itNP && len(items[end+2].ms) == 0 && end-k < 4 {
		end += 2
	}
	last := items[end]
	if len(last.ms) > 0 {
		return nil, k
	}
	head := lastWord(last.text(st.src))
	if head == "" || st.lx.heads[capitalize(strings.ToLower(head))] != graph.Event {
		return nil, k
	}
	phrase := st.text[items[k].start:last.end]
	if len(strings.Fields(cleanPhrase(phrase))) < 2 {
		return nil, k // "a meeting": too vague to name one
	}
	return st.descriptive(phrase, graph.Event), end
}

// relativeObject reads a relative clause without a relative pronoun whose
// object is the noun it modifies: "the Atlantic Declaration on economic
// partnership they launched in June" (they launched the Declaration). The
// chunks see only a pronoun before the verb; the parse says which noun the
// clause belongs to.
func (st *docState) relativeObject(s Sentence, toks []Token, c *clause, p *VerbPattern, mod graph.Modality, conf float64, ms []*mention) {
	i := c.vg.t0
	if i < 2 || toks[i-1].Tag != "PRP" || !(strings.HasPrefix(toks[i-2].Tag, "NN")) || p.Prep != "" {
		return
	}
	words := st.parsed(s)
	v := wordAt(words, toks[c.vg.main].Start)
	if v < 0 || words[v].Deprel != "acl:relcl" || childOf(words, v, "obj") >= 0 {
		return
	}
	h := words[v].Head - 1
	objs := st.entitiesAt(words, h, ms)
	if len(objs) == 0 && h >= 0 && words[h].Deprel == "nmod" {
		// "the Declaration on economic partnership they launched": the
		// parser hangs the clause on the nearer noun.
		objs = st.entitiesAt(words, words[h].Head-1, ms)
	}
	if h >= 0 && strings.HasPrefix(words[h].Deprel, "obl") {
		// The same when the parser hangs the prepositional phrase on the
		// verb: the noun right before its preposition.
		if cs := childOf(words, h, "case"); cs > 0 && (words[cs-1].UPOS == "NOUN" || words[cs-1].UPOS == "PROPN") {
			if es := st.entitiesAt(words, cs-1, ms); len(es) > 0 {
				objs = es
			}
		}
	}
	for _, o := range objs {
		st.trace(s, "  object of %q from the noun its clause modifies: %s", c.vg.text(st.src), o.id)
		st.factEach(c.subj, p.Predicate, o, s, mod, conf*0.9, nil)
	}
}

// examples reads the list after "including" or "such as" that follows a
// verb's object: "discussed several issues, including climate change,
// migration and trade" discussed each of them.
func (st *docState) examples(s Sentence, toks []Token, items []*item, k int, subj []*entity, p *VerbPattern, mod graph.Modality, conf float64) {
	if k >= len(items) || items[k].kind != itNP {
		return // "continue to work with partners, including the G7": examples of partners, not of the object
	}
	for j := k; j < len(items) && j <= k+4; j++ {
		it := items[j]
		if it.kind == itVG && it != items[k] && toks[it.main].Lower != "including" {
			return // another clause
		}
		w := strings.ToLower(it.text(st.src))
		if !(w == "including" || w == "such as" || it.kind == itP && it.word == "such" && j+1 < len(items) && items[j+1].word == "as") {
			continue
		}
		at := j + 1
		if it.kind == itP && it.word == "such" {
			at++
		}
		if at < len(items) && items[at].kind == itP && (items[at].word == "through" || items[at].word == "via" || items[at].word == "by") {
			return // "including through the RCEP": a means, no example
		}
		at = st.skipParticiples(toks, items, at)
		es := st.npList(items, at, false)
		if len(es) == 0 && at < len(items) && items[at].kind == itNP {
			// "including efforts to counter illicit fentanyl": what the
			// example's phrase names.
			es = st.regionMentions(items, at, st.regionEnd(items, at))
		}
		for _, e := range es {
			if contains(subj, e) || e.kind == graph.Person && !personObject(p.Predicate) {
				continue
			}
			st.trace(s, "  example after %q: %s", w, e.id)
			st.factEach(subj, p.Predicate, e, s, mod, conf*0.95, nil)
		}
		return
	}
}

// prepActors reads the actors a verb takes through a preposition where
// the parse attaches them, however far from the verb ("met today in
// Brussels with the Chairperson"): the patterns of data/verbs.yaml with a
// one-word prep whose object must be an actor.
func (st *docState) prepActors(s Sentence, toks []Token, items []*item, c *clause, ms []*mention) {
	if c.skip != "" || len(c.subj) == 0 {
		return
	}
	for _, p := range st.lx.verbs[c.vg.lemma(toks)] {
		// Parse only when the preposition comes later in the sentence.
		if !p.Actor || len(p.prep) != 1 || !strings.Contains(st.text[c.vg.end:s.End], " "+p.prep[0]+" ") {
			continue
		}
		if next := after(items, c.vi); next < len(items) && items[next].kind == itP && items[next].word == p.prep[0] {
			continue // "met with X": the chunks read it
		}
		mod := c.modality
		if p.Modality != "" {
			mod = graph.Modality(p.Modality)
		}
		for _, o := range st.depObjects(s, toks[c.vg.main].Start, p.prep[0], ms) {
			if o.actorish() && !contains(c.subj, o) {
				st.trace(s, "  %s %s from the parse: %s", p.Lemma, p.Prep, o.id)
				st.factEach(c.subj, p.Predicate, o, s, mod, 0.8, nil)
			}
		}
	}
}

// headNamed reports whether a noun phrase begins with a mention, past its
// determiners: "the Philippines", "President Marcos" but not "the
// leadership of Indonesia".
func (st *docState) headNamed(np *item) bool {
	if np.kind != itNP || len(np.ms) == 0 {
		return false
	}
	lead := strings.ToLower(strings.TrimSpace(st.text[np.start:np.ms[0].start]))
	switch lead {
	case "", "the", "a", "an", "both", "all", "our", "their", "his", "her", "its":
		return true
	}
	// "Prime Minister Narendra Modi", "Canadian Prime Minister X": a
	// title or capitalised words before the name.
	for _, w := range strings.Fields(st.text[np.start:np.ms[0].start]) {
		if !isCapitalized(w) && w != "the" {
			return false
		}
	}
	return true
}

// otherPattern returns another pattern of p's verb, with the same
// preposition and no actor constraint, whose predicate takes an object of
// kind k: an actor pattern's fallback for things ("host" a person: met; an
// event: hosts).
func (st *docState) otherPattern(p *VerbPattern, k graph.Kind) *VerbPattern {
	for _, q := range st.lx.verbs[p.Lemma] {
		if q == p || q.Actor || q.Prep != p.Prep || q.Target != "" || q.Object != "" {
			continue
		}
		if sig, ok := st.lx.signatures[q.Predicate]; ok && sig.object[k] {
			return q
		}
	}
	return nil
}

func prepSuffix(p string) string {
	if p == "" {
		return ""
	}
	return " " + p
}

func (it *item) text(src *Source) string { return src.Text[it.start:it.end] }

// factEach adds subject -> object for every subject.
func (st *docState) factEach(subj []*entity, pred string, obj *entity, s Sentence, mod graph.Modality, conf float64, quals []graph.Qualifier) {
	for _, sub := range subj {
		st.addFact(sub, pred, obj, "", s, mod, conf, quals)
	}
}

// targetFacts handles verbs with an addressee: "asking the US to
// renegotiate the STCA" is urged(US) and seeks(STCA).
func (st *docState) targetFacts(s Sentence, toks []Token, items []*item, c *clause, p *VerbPattern, k int, mod graph.Modality, conf float64) {
	objs := st.npList(items, k, false)
	var actors []*entity
	for _, o := range objs {
		if o.actorish() {
			actors = append(actors, o)
		}
	}
	if len(actors) == 0 && k < len(items) && items[k].kind == itNP && st.lx.addressees[toks[items[k].t1-1].Lower] {
		// "call on all states to refrain from ...": actors named by a
		// plural noun are addressed, not sought.
		k++
	} else if len(actors) > 0 {
		// Skip the addressee phrase(s).
		k0 := k
		for k < len(items) && (items[k].kind == itNP || items[k].kind == itCC || items[k].kind == itComma && items[k].word == ",") {
			k++
		}
		pred := p.Predicate
		// "called on Prime Minister Modi." with nothing asked of him: a
		// visit (verbs.yaml alone).
		if asked := k < len(items) && (items[k].kind == itVG && items[k].inf || items[k].kind == itP && (items[k].word == "to" || items[k].word == "for")); p.Alone != "" && !asked && k > k0 {
			pred = p.Alone
		}
		for _, a := range actors {
			if pred != p.Predicate && !a.is(graph.Person) {
				st.factEach(c.subj, p.Predicate, a, s, mod, conf, nil)
				continue
			}
			st.factEach(c.subj, pred, a, s, mod, conf, nil)
		}
	}
	if p.Then == "" || k >= len(items) {
		return
	}
	// What an actor is pressed to do is sought; what they are briefed on
	// is discussed as the clause says.
	thenMod := mod
	if p.Predicate == "urged" && (thenMod == graph.Asserted || thenMod == graph.Reported) {
		thenMod = graph.Sought
	}
	then := &VerbPattern{Predicate: p.Then, Lemma: p.Lemma}
	// "tasked their ministers to establish": officials addressed by a
	// plural noun are no object; what they are to do is.
	if items[k].kind == itNP && headIn(toks, items[k], st.lx.peopleNouns) && k+1 < len(items) && items[k+1].kind == itVG && items[k+1].inf {
		k++
	}
	switch it := items[k]; {
	case it.kind == itVG && it.inf:
		st.consumed[it] = true
		st.regionFacts(s, toks, items, k, c.subj, then, thenMod, conf*0.95)
	case it.kind == itP && (it.word == "on" || it.word == "for" || it.word == "to" || it.word == "over" || it.word == "about"):
		st.regionFacts(s, toks, items, k+1, c.subj, then, thenMod, conf*0.95)
	case len(actors) == 0 && it.kind == itNP:
		st.regionFacts(s, toks, items, k, c.subj, then, thenMod, conf*0.9)
	}
}

// infinitiveFacts handles "pledged $4.9 billion to upgrade NORAD" and
// "agreed to take in 15,000 migrants": amounts become qualifiers and the
// infinitive's phrase the object.
func (st *docState) infinitiveFacts(s Sentence, toks []Token, items []*item, c *clause, p *VerbPattern, k int, mod graph.Modality, conf float64, ms []*mention) {
	var quals []graph.Qualifier
	j := k
	// A leading amount: "$4.9 billion", "$4.9-billion over six years".
	for j < len(items) && items[j].kind != itVG {
		if items[j].kind == itP && items[j].word == "to" {
			break
		}
		j++
		if j-k > 6 {
			break
		}
	}
	if j > k && k < len(items) {
		quals = st.qualifiers(st.text[items[k].start:items[j-1].end])
	}
	if j < len(items) && items[j].kind == itVG && (items[j].inf || toks[items[j].main].Tag == "VB" || toks[items[j].main].Tag == "VBG") && toks[items[j].main].Lower != "including" {
		st.consumed[items[j]] = true
		end := st.regionEnd(items, j+1)
		for n := j + 1; n < end; n++ {
			if items[n].kind == itVG {
				st.consumed[items[n]] = true // part of the commitment, not a clause of its own
			}
		}
		// "agreed to work together on X, support Y, conserve Z, and
		// increase W": one commitment per coordinated verb.
		starts := []int{j}
		for n := j + 1; n < end; n++ {
			if items[n].kind == itVG && (items[n-1].kind == itComma || items[n-1].kind == itCC) && baseForm(st.tags[items[n].main]) {
				starts = append(starts, n)
			}
		}
		for i, from := range starts {
			to := end
			if i+1 < len(starts) {
				to = starts[i+1]
				for to > from+1 && (items[to-1].kind == itComma || items[to-1].kind == itCC) {
					to--
				}
			}
			phrase := st.phrase(items[from].start, items[to-1].end, items, from, to)
			q := append(append([]graph.Qualifier{}, quals...), st.qualifiers(phrase)...)
			if obj := st.action(phrase, graph.Commitment); obj != nil {
				st.factEach(c.subj, p.Predicate, obj, s, mod, conf, q)
			}
			switch p.Through {
			case "same":
				st.throughFacts(s, toks, items, c, from, mod, conf, ms)
			case "expected":
				st.throughFacts(s, toks, items, c, from, graph.Expected, conf, ms)
			}
			settings := st.settings(items, from+1, to)
			// "committed to address the root causes of migration": what an
			// act works against is not committed to.
			mto := to
			if !reversingPredicate[p.Predicate] {
				mto = st.reversingAt(items, toks, from, to)
			}
			if !topicPredicate[p.Predicate] {
				mto = meansCut(items, from, mto) // "deepen our ties, including through the RCEP"
			}
			for _, e := range st.regionMentions(items, from+1, mto) {
				if !contains(c.subj, e) && !contains(settings, e) {
					st.factEach(c.subj, p.Predicate, e, s, mod, conf*0.9, q)
				}
			}
		}
		return
	}
	if j < len(items) && items[j].kind == itP && j+1 < len(items) && items[j+1].kind == itNP {
		// "pledged $100 million to Ukraine".
		st.regionFacts(s, toks, items, j+1, c.subj, p, mod, conf)
		return
	}
	if len(quals) > 0 {
		for _, q := range quals {
			st.factLiteral(c.subj, p.Predicate, q.Value, s, mod, conf*0.9, quals)
		}
		return
	}
	st.regionFacts(s, toks, items, k, c.subj, p, mod, conf)
}

// settings returns what a commitment's phrase names that is not what is
// committed to: places named "in" or "at" ("agreed to hold the next summit
// in Tokyo", "to deepen coordination on maritime security in the South
// China Sea": where, not what), and the base of a share ("to 2.4 percent
// of GDP"). Countries stay objects.
func (st *docState) settings(items []*item, k, end int) []*entity {
	var out []*entity
	// "opposes the blockade of Bolivia": inside the object phrase itself.
	if k < len(items) && items[k].kind == itNP {
		for _, m := range items[k].ms {
			if st.struckBy(st.text[max(items[k].start, m.start-24):m.start]) && m.ents[0].actorish() {
				out = append(out, m.ents...)
			}
		}
	}
	for j := k + 1; j < end && j < len(items); j++ {
		if items[j].kind != itNP {
			continue
		}
		prep := ""
		if items[j-1].kind == itP {
			prep = items[j-1].word
		} else if j >= 3 && items[j-1].kind == itCC && items[j-2].kind == itNP && items[j-3].kind == itP {
			prep = items[j-3].word // "in the East and South China Seas"
		}
		where := prep == "in" || prep == "at"
		when := timeLandmarkPreps[prep]
		for _, m := range items[j].ms {
			before := strings.TrimSpace(st.text[max(items[k].start, m.start-16):m.start])
			share := strings.HasSuffix(before, "percent of") || strings.HasSuffix(before, "per cent of") || strings.HasSuffix(before, "% of")
			struck := st.struckBy(st.text[max(items[k].start, m.start-24):m.start])
			for _, e := range m.ents {
				// "by the NATO Summit", "ahead of the G7 Summit": a time,
				// not a goal; "against Russia's aggression": the adversary.
				if where && e.is(graph.Place) || share || (where || when) && e.is(graph.Event) || (prep == "against" || struck) && e.actorish() {
					out = append(out, e)
				}
			}
		}
	}
	return out
}

// struckBy reports whether the text before a mention ends with an assault
// noun and its preposition (data/nouns.yaml assaults): "condemned the
// attack on Israel", "the shelling of Kharkiv" name what the assault
// strikes, not its author.
func (st *docState) struckBy(before string) bool {
	words := strings.Fields(strings.ToLower(before))
	if len(words) < 2 {
		return false
	}
	switch words[len(words)-1] {
	case "on", "against", "of":
		return st.lx.assaults[words[len(words)-2]]
	}
	return false
}

// reversingAt returns the index of the first verb group in items[from:to]
// that acts against its object (modality.yaml reversing: "to address",
// "combat"), or to.
func (st *docState) reversingAt(items []*item, toks []Token, from, to int) int {
	for n := from; n < to && n < len(items); n++ {
		if items[n].kind == itVG && st.lx.modality.Reversing[items[n].lemma(toks)] {
			return n
		}
	}
	return to
}

// timeLandmarkPreps put an event as a time: "before the Summit", "by the
// next meeting", "ahead of COP30".
var timeLandmarkPreps = map[string]bool{"before": true, "by": true, "until": true, "after": true, "during": true, "ahead": true, "following": true, "since": true}

// throughFacts reads the verb at item v, completing a verb whose pattern
// says so ("will continue to support the efforts of the African Union"),
// by its own pattern, with the subject of the verb it completes.
func (st *docState) throughFacts(s Sentence, toks []Token, items []*item, c *clause, v int, mod graph.Modality, conf float64, ms []*mention) {
	q, k := st.pattern(toks, items, v)
	// "agreed to continue providing support to Somalia": continue passes
	// the act on to the verb after it.
	if q != nil && q.Through == "same" && q.Object == "infinitive" && v+1 < len(items) && items[v+1].kind == itVG && (items[v+1].inf || toks[items[v+1].main].Tag == "VBG") && items[v].main != items[v+1].main {
		st.consumed[items[v+1]] = true
		q, k = st.pattern(toks, items, v+1)
		v++
	}
	if q == nil || q.Through != "" || q.Object == "infinitive" || q.Predicate == "discussed" {
		return // "pledged to raise defence spending" raises no topic
	}
	if q.Modality != "" {
		mod = graph.Modality(q.Modality)
	}
	st.trace(s, "  %s reads its own pattern %s%s -> %s", items[v].text(st.src), q.Lemma, prepSuffix(q.Prep), q.Predicate)
	inner := &clause{vg: items[v], vi: v, subj: c.subj, subjNP: c.subjNP, modality: mod}
	st.patternFacts(s, toks, items, inner, q, k, c.subj, mod, conf*0.95, ms)
}

// soughtFallback: a verb without a pattern after "hopes to", "is trying
// to" still says what the subject seeks ("trying to close that loophole").
func (st *docState) soughtFallback(s Sentence, toks []Token, items []*item, c *clause) {
	if c.skip != "" || c.modality != graph.Sought || !c.vg.inf || len(c.subj) == 0 {
		return
	}
	lemma := c.vg.lemma(toks)
	if lemma == "be" || lemma == "have" || lemma == "do" {
		return
	}
	end := st.regionEnd(items, c.vi+1)
	if end <= c.vi+1 {
		return
	}
	phrase := st.phrase(c.vg.start, items[end-1].end, items, c.vi, end)
	if obj := st.action(phrase, graph.Issue); obj != nil {
		st.trace(s, "sought %q", phrase)
		st.factEach(c.subj, "seeks", obj, s, graph.Sought, 0.7, nil)
	}
}

// agreementScope reads what an agreement's own verbs without a pattern
// say it is about: "The Arrangement will guide practical cooperation on
// maritime domain awareness and search and rescue", "The Roadmap
// establishes a blueprint ... on climate change": the issues, places and
// bodies named in the object concern it. Only named things count; the
// verb's own phrase is no topic.
func (st *docState) agreementScope(s Sentence, toks []Token, items []*item, c *clause) {
	if c.skip != "" || len(c.subj) != 1 || !c.subj[0].is(graph.Agreement) || c.vg.passive || c.vi+1 >= len(items) {
		return
	}
	if l := c.vg.lemma(toks); l == "be" || l == "have" || l == "enter" || l == "expire" || l == "take" {
		return
	}
	// "'This agreement is an important step,' said Josep Borrell, High
	// Representative ...": a speech verb before a person is the quote's
	// attribution, whose subject is the speaker.
	if l := c.vg.lemma(toks); st.lx.modality.Speech[l] && items[c.vi+1].kind == itNP && len(items[c.vi+1].ms) > 0 && items[c.vi+1].ms[0].ents[0].is(graph.Person) {
		return
	}
	end := st.regionEnd(items, c.vi+1)
	for _, e := range st.topicMentions(items, c.vi+1, end) {
		if e == c.subj[0] || e.actorish() && !e.is(graph.Organization) {
			continue
		}
		st.trace(s, "  what %s %s: %s", c.subj[0].id, c.vg.text(st.src), e.id)
		st.addFact(c.subj[0], "concerns", e, "", s, c.modality, 0.7, nil)
	}
}

// baseForm reports whether a verb tag is a base form (the tagger often
// reads a coordinated infinitive as a present tense).
func baseForm(tag string) bool { return tag == "VB" || tag == "VBP" }

// regionEnd returns the index after the last item of the object region
// that starts at k: it ends at a new clause, a relative clause, a
// subordinator or a semicolon.
func (st *docState) regionEnd(items []*item, k int) int {
	// After "to work ..." a list of base-form verbs continues the phrase.
	inVP := k > 0 && items[k-1].kind == itVG && (items[k-1].inf || st.tags[items[k-1].main] == "VBG")
	j := k
	for ; j < len(items); j++ {
		it := items[j]
		if inVP && it.kind == itVG && baseForm(st.tags[it.main]) && j > k && (items[j-1].kind == itComma || items[j-1].kind == itCC) {
			continue
		}
		// A quotation ends where its quote mark does: "'... the Paris
		// Agreement,' said X" does not reach X.
		if j > k && strings.ContainsRune(st.text[it.start:it.end], '"') && !st.quotedName(it.start) {
			return j
		}
		// "in response to the crisis in Sudan", "amid tensions with X": a
		// cause or circumstance, not the object (nouns.yaml circumstances).
		if j > k && st.startsCircumstance(it.start) {
			return j
		}
		switch it.kind {
		case itSub, itRel:
			return j
		case itComma:
			// "the two citizens - Michael Kovrig and Michael Spavor - who":
			// names set off by dashes belong to the phrase before them.
			if it.word == "-" && j+1 < len(items) && items[j+1].kind == itNP {
				if n := npListEnd(items, j+1); n < len(items) && items[n].kind == itComma && items[n].word == "-" {
					j = n
					continue
				}
			}
			if it.word == ";" || it.word == ":" || it.word == "-" || it.word == "--" {
				return j
			}
			// ", to address the growing threat": a purpose clause of its own.
			if j+1 < len(items) && items[j+1].kind == itVG && items[j+1].inf && j > k {
				return j
			}
			// ", financed by the European Union": a participle with its
			// own agent is a passive of its own.
			if j+2 < len(items) && j > k && items[j+1].kind == itVG && !items[j+1].finite && st.tags[items[j+1].main] == "VBN" && items[j+2].kind == itP && items[j+2].word == "by" {
				return j
			}
		case itVG:
			if it.finite && j > k && (items[j-1].kind == itNP || items[j-1].kind == itCC || items[j-1].kind == itComma) {
				// A new clause ("..., Canada agreed") or a coordinated verb.
				n := j - 1
				if items[n].kind == itNP {
					n--
				}
				for n > k && (items[n].kind == itCC || items[n].kind == itComma) {
					n--
				}
				if n+1 <= k {
					// The phrase is the region's only one: the verb is the
					// enclosing clause's ("discussions on migration have been").
					return j
				}
				return n + 1
			}
			if it.passive && !it.inf {
				return j
			}
			// "the threat posed by ...": a participle after a noun starts a
			// reduced relative clause about that noun, not the object.
			if j > k && !it.finite && it.t1-it.t0 == 1 && items[j-1].kind == itNP && st.isParticiple(it) &&
				j+1 < len(items) && items[j+1].word == "by" {
				return j
			}
		case itP:
			if it.word == "by" && j+1 < len(items) && items[j+1].kind == itVG {
				continue
			}
		}
	}
	return j
}

// startsCircumstance reports whether a phrase of data/nouns.yaml's
// circumstances starts at byte offset at.
func (st *docState) startsCircumstance(at int) bool {
	rest := strings.ToLower(st.text[at:min(len(st.text), at+40)])
	for _, c := range st.lx.circumstances {
		if strings.HasPrefix(rest, c) && (len(rest) == len(c) || !isWordRune(rune(rest[len(c)]))) {
			return true
		}
	}
	return false
}

// placePredicate take every place in their object ("connects A with B").
var placePredicate = map[string]bool{"connects": true, "crossed": true, "visited": true, "met": true, "locatedIn": true}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// partnerPreps introduce partners or routes rather than objects.
var partnerPreps = map[string]bool{"between": true, "with": true, "into": true, "from": true, "among": true, "against": true}

// modifier reports whether a mention only modifies the noun after it: part
// of a hyphenated compound ("Canada-U.S. border") or a noun before the head
// noun of its phrase ("immigration treaty", "NORAD investment").
func (st *docState) modifier(m *mention, np *item, head bool) bool {
	if m.start > 0 && st.text[m.start-1] == '-' || m.end < len(st.text) && st.text[m.end] == '-' {
		return true
	}
	rest := strings.TrimSpace(gap(st.text, m.end, np.end))
	if strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "' ") {
		// "reaffirmed Canada's support", "in the face of Russia's
		// aggression": the possessor is not the object.
		return m.form != formGovernment
	}
	// "Canada and Japan's strategic partnership": both are possessors.
	if f := strings.Fields(rest); len(f) >= 2 && f[0] == "and" && (strings.HasSuffix(f[1], "'s") || strings.HasSuffix(f[1], "'")) {
		return true
	}
	if rest == "" || strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "of ") || strings.HasPrefix(rest, "(") {
		return false
	}
	w := firstWord(rest)
	return w != "" && w != "and" && w != "or" && unicode.IsLower(rune(w[0]))
}

// isParticiple reports whether a one-word verb group is a past participle.
func (st *docState) isParticiple(it *item) bool {
	return it.main >= 0 && st.tags != nil && st.tags[it.main] == "VBN"
}

// regionMentions returns the entities mentioned in items[k:end].
func (st *docState) regionMentions(items []*item, k, end int) []*entity {
	return st.mentionsIn(items, k, end, true, false)
}

// topicMentions is regionMentions for "discussed": places where something
// happens ("air quality in Canada") are not what was discussed; the
// descriptive phrase keeps them ("situation in Haiti").
func (st *docState) topicMentions(items []*item, k, end int) []*entity {
	return st.mentionsIn(items, k, end, true, true)
}

// phraseMentions returns every entity named in items[k:end], modifiers and
// partners included: for places ("connects A with B") and noun phrases
// ("support for Ukraine's sovereignty").
func (st *docState) phraseMentions(items []*item, k, end int) []*entity {
	return st.mentionsIn(items, k, end, false, false)
}

// mentionsIn returns the entities named in items[k:end]. With objects set,
// it leaves out what is not an object of the verb: modifiers, and actors
// and places introduced as partners or routes ("friendship between the US
// and Canada", "stand strong with Canada", "firearms into Mexico").
func (st *docState) mentionsIn(items []*item, k, end int, objects, topics bool) []*entity {
	var out []*entity
	for j := k; j < end && j < len(items); j++ {
		if items[j].kind != itNP {
			continue
		}
		partner := j > k && items[j-1].kind == itP && partnerPreps[items[j-1].word] ||
			j > k+2 && items[j-1].kind == itCC && items[j-2].kind == itNP && items[j-3].kind == itP && partnerPreps[items[j-3].word]
		agent := j >= k+2 && items[j-1].kind == itP && items[j-1].word == "by" && items[j-2].kind == itVG && !items[j-2].finite
		// "the impact on air quality in Canada": where, not what.
		where := j > k && items[j-1].kind == itP && items[j-1].word == "in" ||
			j > k+2 && items[j-1].kind == itCC && items[j-2].kind == itNP && items[j-3].kind == itP && items[j-3].word == "in"
		for _, m := range items[j].ms {
			if m.form == formAdjective && m.how == "demonym" || m.how == "place apposition" || m.form == formPronoun || m.form == formGroup {
				continue
			}
			if objects && st.modifier(m, items[j], j == k) {
				continue // "the Canada-U.S. border", "a 2004 immigration treaty"
			}
			// "the strength of Canada and Japan's partnership": a possessor
			// split across phrases.
			if objects && m.end >= items[j].end-1 && j+2 < len(items) && items[j+1].kind == itCC && items[j+2].kind == itNP &&
				strings.Contains(firstField(st.text[items[j+2].start:items[j+2].end]), "'") {
				continue
			}
			if objects && partner && len(m.ents) > 0 && (m.ents[0].actorish() || m.ents[0].is(graph.Place)) {
				continue
			}
			// "in support of the mission, led by Kenya": the agent of a
			// participle describes the object; it is not one.
			if objects && agent && len(m.ents) > 0 && m.ents[0].actorish() {
				continue
			}
			if topics && where && len(m.ents) > 0 && (m.ents[0].is(graph.Country) || m.ents[0].is(graph.Place)) {
				continue
			}
			for _, e := range m.ents {
				if !contains(out, e) {
					out = append(out, e)
				}
			}
		}
	}
	return out
}

// regionFacts yields facts from the object region that starts at items[k]:
// one per entity mentioned in it, and one for its head phrase when that
// phrase names no entity itself ("official ports of entry").
func (st *docState) regionFacts(s Sentence, toks []Token, items []*item, k int, subj []*entity, p *VerbPattern, mod graph.Modality, conf float64) {
	for k < len(items) && items[k].kind == itAdv {
		k++ // "roll out more initiatives"
	}
	// 'opposes the so-called "Taiwan Relations Act"': the name in quotes.
	if k+2 < len(items) && items[k].kind == itNP && items[k+1].kind == itOther && items[k+2].kind == itNP && quoteMark(st.text[items[k+1].start:items[k+1].end]) {
		switch strings.ToLower(items[k].text(st.src)) {
		case "the", "a", "so-called", "the so-called", "a so-called", "so called", "the so called":
			k += 2
		}
	}
	// "discussed continued close coordination": a participle the chunks
	// read as a verb modifies the noun after it.
	k0 := k
	k = st.skipParticiples(toks, items, k)
	if k >= len(items) {
		return
	}
	// "a move Warsaw criticized as a violation of X": what follows "as"
	// is what the object, said before, is taken to be, and no object.
	if items[k].kind == itP && items[k].word == "as" && p.Prep == "" {
		st.trace(s, "  no object: %q says what the object before the verb is taken to be", items[k].word)
		return
	}
	end := st.regionEnd(items, k)
	if !topicPredicate[p.Predicate] {
		// What is discussed "through support for NORAD" includes NORAD;
		// what is supported through JICA does not.
		end = meansCut(items, k, end)
	}
	if end <= k {
		return
	}
	var quals []graph.Qualifier
	if p.Amount {
		quals = st.qualifiers(st.text[items[k].start:items[end-1].end])
	}
	withActors := map[*entity]bool{}
	if p.Jointly {
		// "signed the accord with Uganda": Uganda signed it too.
		joint := append([]*entity{}, subj...)
		for j := k; j+1 < end; j++ {
			if items[j].kind == itP && items[j].word == "with" && items[j+1].kind == itNP {
				for _, e := range st.npList(items, j+1, false) {
					if e.actorish() && !contains(joint, e) {
						st.trace(s, "  %s with %s: both", p.Lemma, e.id)
						joint = append(joint, e)
						withActors[e] = true
					}
				}
			}
		}
		subj = joint
	}
	// "to end the irregular migration at Roxham Road", "expanding joint
	// efforts": the action itself, and what it acts on when that is an
	// agreement ("to expand a 2004 immigration treaty").
	if it := items[k]; it.kind == itVG && (it.inf || st.tags[it.main] == "VBG") && end > k+1 {
		if obj := st.action(st.phrase(it.start, items[end-1].end, items, k, end), kindFor(p.Predicate)); obj != nil {
			st.factEach(subj, p.Predicate, obj, s, mod, conf*0.9, quals)
		}
		if np := items[k+1]; np.kind == itNP && len(st.npEntities(np)) == 0 && st.lx.agreementNouns[strings.ToLower(lastWord(np.text(st.src)))] {
			if obj := st.descriptive(np.text(st.src), graph.Agreement); obj != nil {
				st.factEach(subj, p.Predicate, obj, s, mod, conf*0.85, quals)
			}
		}
	}
	// The head phrase: the first noun phrase, with a relative clause that
	// restricts it ("asylum-seekers who cross select border points").
	if head := items[k]; head.kind == itNP && !st.isPronounNP(head, toks) {
		headNamed := len(head.ms) > 0 && head.ms[len(head.ms)-1].end >= head.end-1
		hend := k + 1
		// One prepositional phrase completes the name: "agreement on
		// irregular migration flows".
		if !headNamed && hend+1 < end && items[hend].kind == itP && items[hend+1].kind == itNP &&
			(phrasePreps[items[hend].word] || items[hend].word == "in" && st.namesPlace(items[hend+1])) &&
			!calendarWord[st.text[items[hend+1].start:items[hend+1].end]] {
			hend += 2
			// "the strong ties between Canada and Chile": both sides.
			if items[hend-2].word == "between" && hend+1 < end && items[hend].kind == itCC && items[hend+1].kind == itNP {
				hend += 2
			}
			// "a memorandum of understanding on cross-border trade": an
			// agreement noun's "of" phrase, then what it is about.
			if items[hend-2].word == "of" && st.lx.agreementNouns[strings.ToLower(lastWord(head.text(st.src)))] && hend+1 < end && items[hend].kind == itP &&
				(items[hend].word == "on" || items[hend].word == "for" || items[hend].word == "concerning") && items[hend+1].kind == itNP && !dateLike(items[hend+1].text(st.src)) {
				hend += 2
			}
		}
		// A vague head takes what follows: "their intent to begin
		// negotiations toward a science agreement".
		if !headNamed && thinNoun[toks[head.t1-1].Lower] && hend < end {
			hend = end
		}
		if hend < len(items) && items[hend].kind == itRel && (items[hend].word == "who" || items[hend].word == "that") && (p.Predicate == "covers" || p.Predicate == "concerns") {
			// Keep the relative clause up to its second verb.
			e, verbs := hend+1, 0
			for ; e < len(items) && e < hend+6; e++ {
				if items[e].kind == itVG {
					verbs++
				}
				if verbs == 2 || items[e].kind == itComma || items[e].kind == itRel || items[e].kind == itSub {
					break
				}
			}
			if e > hend+1 {
				hend = e
				headNamed = false
			}
		}
		if !headNamed {
			phrase := st.phrase(items[k0].start, items[hend-1].end, items, k0, hend)
			if obj := st.descriptive(phrase, kindFor(p.Predicate)); obj != nil {
				st.factEach(subj, p.Predicate, obj, s, mod, conf*0.9, quals)
			}
		}
	}
	if topicPredicate[p.Predicate] {
		st.topicList(s, toks, items, k, end, subj, p, mod, conf, quals)
	}
	if commitmentPredicate[p.Predicate] {
		st.purposeCovers(s, toks, items, k, mod)
	}
	named := items[k].kind == itNP && len(st.npEntities(items[k])) > 0
	if len(p.Only) > 0 || headOnly[p.Predicate] && items[k].kind == itNP || named && commitmentPredicate[p.Predicate] {
		// "reached an agreement on X", "launched the implementation of X":
		// what was reached or launched is the head, not X.
		if head := items[k]; len(p.Only) == 0 && len(st.npEntities(head)) > 0 {
			for _, e := range st.npList(items, k, false) {
				st.factEach(subj, p.Predicate, e, s, mod, conf, quals)
			}
		}
		return
	}
	if p.With != "" {
		// "discussed the agreement with Homeland Security Alejandro Mayorkas".
		for j := k; j+1 < end; j++ {
			if items[j].kind == itP && items[j].word == "with" && items[j+1].kind == itNP {
				// "discussed cooperation with Japan": Japan is inside the
				// topic, a partner of the cooperation, not someone met.
				inTopic := j > 0 && items[j-1].kind == itNP && st.lx.relational[strings.ToLower(lastWord(items[j-1].text(st.src)))]
				for _, e := range st.npList(items, j+1, false) {
					if e.actorish() {
						withActors[e] = true
						if !inTopic {
							st.factEach(subj, p.With, e, s, mod, conf, nil)
						}
					}
				}
			}
		}
	}
	// "reiterated their strong support for X": the noun states the
	// relation to X (see nounFacts); the verb adds nothing about X.
	if head := items[k]; head.kind == itNP && k+1 < len(items) && items[k+1].kind == itP && len(st.npEntities(head)) == 0 && p.Predicate != "funds" && !topicPredicate[p.Predicate] {
		for _, r := range st.lx.nounRels[toks[head.t1-1].Lower] {
			if containsWord(r.Prep, items[k+1].word) {
				return
			}
		}
	}
	if it := items[k]; it.kind == itVG && st.lx.modality.Reversing[it.lemma(toks)] && !reversingPredicate[p.Predicate] {
		st.trace(s, "  %s acts against what it names: no fact about the names inside", it.text(st.src))
		return
	}
	// "condemned Russia's attacks on Ukraine", "the attack by the Houthis
	// on shipping": the agent of what is condemned is criticized, not
	// those it struck.
	if agents := st.actionAgents(items, k, end); len(agents) > 0 && agentPredicate[p.Predicate] {
		for _, a := range agents {
			if !contains(subj, a) {
				st.trace(s, "  the agent of what is %s: %s", p.Predicate, a.id)
				st.factEach(subj, p.Predicate, a, s, mod, conf, quals)
			}
		}
		return
	}
	// "reaffirmed their commitment to address the root causes of
	// migration": what follows a verb that works against it is no object.
	if commitmentPredicate[p.Predicate] && p.Predicate != "funds" {
		end = st.reversingAt(items, toks, k+1, end)
	}
	mentions := st.regionMentions(items, k, end)
	var settings []*entity
	switch {
	case placePredicate[p.Predicate]:
		mentions = st.phraseMentions(items, k, end)
	case p.Predicate == "discussed":
		mentions = st.topicMentions(items, k, end)
	case commitmentPredicate[p.Predicate] || p.Predicate == "seeks" || p.Predicate == "opposes" || p.Predicate == "criticized":
		settings = st.settings(items, k, end)
		// "concerned over the situation in Sudan", "condemned the violence
		// in Haiti": the country a situation is in is where, not whom the
		// subject criticizes or opposes.
		if p.Predicate == "opposes" || p.Predicate == "criticized" {
			for j := k; j < end && j < len(items); j++ {
				if items[j].kind != itNP {
					continue
				}
				for _, m := range items[j].ms {
					before := strings.Fields(strings.ToLower(st.text[max(items[k].start, m.start-32):m.start]))
					if n := len(before); n >= 2 && before[n-1] == "in" && st.lx.situations[before[n-2]] && m.ents[0].is(graph.Country) {
						settings = append(settings, m.ents...)
					}
				}
			}
		}
	}
	// "EUR 30 million to the World Food Programme's operations": the owner
	// of what money goes to is funded.
	if p.Predicate == "funds" {
		for j := k + 1; j < end; j++ {
			if items[j].kind != itNP || items[j-1].kind != itP || items[j-1].word != "to" && items[j-1].word != "for" {
				continue
			}
			for _, m := range items[j].ms {
				if rest := st.text[m.end:]; (strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ")) && len(m.ents) == 1 && m.ents[0].actorish() && !contains(mentions, m.ents[0]) {
					mentions = append(mentions, m.ents[0])
				}
			}
		}
	}
	for _, e := range mentions {
		if contains(subj, e) || withActors[e] || e.kind == graph.Person && !personObject(p.Predicate) || contains(settings, e) {
			continue
		}
		st.factEach(subj, p.Predicate, e, s, mod, conf, quals)
	}
}

// quoteMark reports whether s is a quotation mark.
func quoteMark(s string) bool {
	switch s {
	case "\"", "“", "”", "'", "‘", "’", "``", "''":
		return true
	}
	return false
}

// reversingPredicate predicates already say that the subject acts against
// their object, whatever verb follows.
var reversingPredicate = map[string]bool{"opposes": true, "criticized": true, "sanctioned": true}

// commitmentPredicate objects that are named ("approve this Joint
// Statement to guide ...") are the object; the rest is their purpose.
var commitmentPredicate = map[string]bool{"agreedTo": true, "signed": true, "announced": true, "pledged": true, "funds": true, "partyTo": true, "committedTo": true}

// headOnly predicates take the head of their object phrase, not every name
// inside it.
var headOnly = map[string]bool{"announced": true, "signed": true}

// namesPlace reports whether a noun phrase is a place or country
// ("developments in Northern Ireland").
func (st *docState) namesPlace(np *item) bool {
	es := st.npEntities(np)
	return len(es) > 0 && (es[0].is(graph.Place) || es[0].is(graph.Country))
}

// phrasePreps may join a prepositional phrase to a descriptive name.
var phrasePreps = map[string]bool{"on": true, "for": true, "about": true, "against": true, "between": true, "over": true, "of": true}

// personObject reports whether a predicate can take a person as object.
func personObject(pred string) bool {
	switch pred {
	case "met", "urged", "thanked", "invited", "criticized", "supports", "opposes", "sanctioned", "discussed":
		return true
	}
	return false
}

// kindFor types a descriptive object by the predicate that introduced it.
func kindFor(pred string) graph.Kind {
	switch pred {
	case "agreedTo", "committedTo", "pledged", "announced", "funds":
		return graph.Commitment
	case "signed", "partyTo":
		return graph.Agreement
	case "visited", "crossed", "locatedIn", "connects":
		return graph.Place
	case "hosts":
		return graph.Event
	}
	return graph.Issue
}

// namingVerb participles set off by commas name or date what precedes them.
var namingVerb = map[string]bool{"call": true, "name": true, "know": true, "sign": true, "conclude": true, "adopt": true, "ratify": true}

// calledVerb participles take the name they give as an object: "the
// treaty, called the Safe Third Country Agreement".
var calledVerb = map[string]bool{"call": true, "name": true, "know": true, "dub": true, "title": true}

// datedBy reads "The agreement, signed in 2002," as the agreement's date,
// and "the previous treaty, called the Safe Third Country Agreement," as
// one agreement under two descriptions.
func (st *docState) datedBy(s Sentence, toks []Token, items []*item, c *clause) {
	if c.skip != "" || len(c.subj) != 1 || !c.subj[0].is(graph.Agreement) || c.vi+1 >= len(items) {
		return
	}
	a := c.subj[0]
	switch c.vg.lemma(toks) {
	case "sign", "conclude", "adopt", "ratify", "negotiate", "reach":
		if p := items[c.vi+1]; p.kind == itP && p.word == "in" && c.vi+2 < len(items) {
			if y := reYear.FindStringSubmatch("in " + items[c.vi+2].text(st.src)); y != nil {
				st.addFact(a, "dated", nil, y[1], s, graph.Asserted, 0.8, nil)
			}
		}
	case "call", "name", "know":
		np := items[c.vi+1]
		if c.vg.lemma(toks) == "know" && np.kind == itP && np.word == "as" && c.vi+2 < len(items) {
			np = items[c.vi+2]
		}
		if np.kind != itNP {
			return
		}
		if named := st.npEntities(np); len(named) == 1 && named[0].is(graph.Agreement) && named[0] != a && a.actor == nil {
			st.trace(s, "same agreement: %s is %s", a.name, named[0].name)
			st.same[a.id] = named[0].id
			if st.lastAgreement == a {
				st.lastAgreement = named[0]
			}
		}
	}
}

// passive handles "The deal will be announced on Friday by Biden and
// Trudeau": the agent after "by" is the subject, the phrase before the verb
// the object.
func (st *docState) passive(s Sentence, toks []Token, items []*item, c *clause) {
	p, k := st.pattern(toks, items, c.vi)
	if p == nil {
		return
	}
	if p.Stative && c.skip == "" && len(c.subj) > 0 {
		// "We are committed to deepening our ties": the subject's stance.
		st.trace(s, "stative %s%s -> %s (%s)", p.Lemma, prepSuffix(p.Prep), p.Predicate, c.vg.text(st.src))
		if p.Object == "infinitive" {
			st.infinitiveFacts(s, toks, items, c, p, k, c.modality, 0.8, nil)
		} else {
			st.regionFacts(s, toks, items, k, c.subj, p, c.modality, 0.8)
		}
		return
	}
	var agents []*entity
	for j := c.vi + 1; j < len(items) && j <= c.vi+6; j++ {
		if items[j].kind == itP && items[j].word == "by" && j+1 < len(items) && items[j+1].kind == itNP {
			agents = st.agentsAt(items, j+1)
			agents = append(agents, st.moreAgents(items, j+2)...)
			break
		}
		if items[j].kind == itVG || items[j].kind == itSub {
			break
		}
	}
	st.trace(s, "passive %s -> %s (%s)", p.Lemma, p.Predicate, c.vg.text(st.src))
	if c.skip != "" {
		st.trace(s, "  no fact: %s", c.skip)
		return
	}
	if len(agents) == 0 || len(c.subj) == 0 {
		return
	}
	// "The summit was hosted by Ghana": a meeting that stands for its
	// participants as an actor is, as what is done, the meeting itself.
	if np := c.subjNP; np != nil && np.kind == itNP && len(np.ms) == 0 && headIn(toks, np, meetingNouns) {
		st.trace(s, "  no fact: the meeting is what is %s, not its participants", c.vg.text(st.src))
		return
	}
	// "The Accra Summit was hosted by Ghana": a pattern for an actor received
	// does not take a thing; the verb's pattern for things does.
	if p.Actor && !anyActorish(c.subj) {
		q := p
		p = nil
		for _, alt := range st.lx.verbs[q.Lemma] {
			if alt != q && !alt.Actor && len(alt.prep) == 0 && len(alt.Only) == 0 && alt.Target == "" {
				p = alt
				break
			}
		}
		if p == nil {
			st.trace(s, "  no fact: %s takes an actor", q.Lemma)
			return
		}
		st.trace(s, "  %s of a thing -> %s", q.Lemma, p.Predicate)
	}
	mod := c.modality
	for _, o := range c.subj {
		st.factEach(agents, p.Predicate, o, s, mod, 0.8, nil)
	}
}

// moreAgents reads agents coordinated with a first "by" phrase ending
// before item k: "signed by Kenya and by Uganda", "signed on behalf of the
// EU by X and on behalf of Kenya by Y".
func (st *docState) moreAgents(items []*item, k int) []*entity {
	var out []*entity
	for k < len(items) && items[k].kind == itCC && items[k].word == "and" {
		next := -1
		for j := k + 1; j < len(items) && j <= k+4; j++ {
			if it := items[j]; it.kind == itVG || it.kind == itSub || it.kind == itCC {
				break
			} else if it.kind == itP && it.word == "by" && j+1 < len(items) && items[j+1].kind == itNP {
				next = j + 1
				break
			}
		}
		if next < 0 {
			break
		}
		out = append(out, st.agentsAt(items, next)...)
		k = next + 1
	}
	return out
}

// agentsAt reads the agents of a "by" phrase from item k; when the phrase
// is a long title the chunks split before the name ("by Cabinet Secretary
// for Investments, Trade and Industry Rebecca Miano"), the person the
// title ends in.
func (st *docState) agentsAt(items []*item, k int) []*entity {
	if es := st.npList(items, k, false); len(es) > 0 {
		return es
	}
	for j := k; j < len(items) && j <= k+6; j++ {
		switch it := items[j]; it.kind {
		case itNP:
			for _, m := range it.ms {
				if len(m.ents) == 1 && m.ents[0].is(graph.Person) && m.form < formPronoun {
					return m.ents
				}
			}
		case itP, itComma:
		case itCC:
			if j+1 < len(items) && items[j+1].kind == itP {
				return nil // "... and on behalf of Kenya by ...": the next agent's
			}
		default:
			return nil
		}
	}
	return nil
}

// placeTimePreps open a phrase of place or time that hangs from the noun
// phrase before it ("the Summit in Apulia in June").
var placeTimePreps = map[string]bool{"in": true, "at": true, "during": true}

// anyActorish reports whether one of es is a person, country or
// organization.
func anyActorish(es []*entity) bool {
	for _, e := range es {
		if e.actorish() {
			return true
		}
	}
	return false
}

// located reads where actors are: "X and Y, both located in Russia",
// "Acme, based in Osaka,", "the Office is headquartered in Fiji" (the verbs
// participles are data/nouns.yaml's located).
func (st *docState) located(s Sentence, toks []Token, items []*item, clauses []*clause) {
	for vi, it := range items {
		if it.kind != itVG || !st.lx.located[toks[it.main].Lower] || it.neg || vi+2 >= len(items) {
			continue
		}
		if p := items[vi+1]; p.kind != itP || p.word != "in" && p.word != "at" {
			continue
		}
		var place *entity
		for _, m := range items[vi+2].ms {
			if len(m.ents) == 1 && (m.ents[0].is(graph.Place) || m.ents[0].is(graph.Country)) {
				place = m.ents[0]
				break
			}
		}
		if place == nil {
			continue
		}
		var subj []*entity
		m := graph.Asserted
		fronted := (vi == 0 || items[vi-1].kind == itCC) && openingPhrase(items, vi)
		if c := clauses[vi]; c != nil && it.finite && !fronted {
			if c.skip != "" {
				continue
			}
			subj, m = c.subj, c.modality // "the Office is based in Fiji"
		} else {
			// "X and Y, both located in Z": the list before the comma.
			j := vi - 1
			if j >= 0 && (items[j].word == "both" || items[j].word == "all" || items[j].word == "each" || items[j].kind == itNP && strings.EqualFold(items[j].text(st.src), "both")) {
				j--
			}
			if j >= 1 && items[j].kind == itComma && items[j].word == "," && items[j-1].kind == itNP {
				subj = st.npList(items, j-1, true)
			}
			// "Founded in 1987 and headquartered in Osaka, Japan, Kansai
			// Hydrogen Systems designs ...": an opening participle is
			// about the main clause's subject.
			if len(subj) == 0 && fronted {
				if c := clauseAfterOpening(items, clauses, vi); c != nil && c.skip == "" {
					subj = c.subj
				}
				// The tagger may miss the main verb ("Kansai Hydrogen
				// Systems Co., Ltd. designs and manufactures"): the first
				// organization named after a comma.
				for j := vi + 3; len(subj) == 0 && j < len(items) && items[j].kind != itVG; j++ {
					if items[j].kind == itNP && items[j-1].kind == itComma && len(items[j].ms) > 0 && items[j].ms[0].start == items[j].start {
						if e := items[j].ms[0].ents; len(e) == 1 && e[0].is(graph.Organization) {
							subj = e
						}
					}
				}
			}
		}
		for _, e := range subj {
			if e != place && (e.is(graph.Organization) || e.is(graph.Place) || e.is(graph.Event)) {
				st.addFact(e, "locatedIn", place, "", s, m, 0.8, nil)
			}
		}
	}
}

// meetingPlaces adds "met in Mexico City", "met on the margins of the
// Summit": places and events after the people met.
func (st *docState) meetingPlaces(s Sentence, toks []Token, items []*item, k int, subj, objs []*entity, mod graph.Modality, conf float64) {
	end := st.regionEnd(items, k)
	// "spoke with X about the risk of famine in Darfur": what they talked
	// about, not where they met.
	for t := k; t+1 < end; t++ {
		if items[t].kind == itP && topicPreps[items[t].word] {
			var who []*entity
			for _, e := range append(append([]*entity{}, subj...), objs...) {
				if e.actorish() && !contains(who, e) {
					who = append(who, e)
				}
			}
			st.trace(s, "  what they talked %s", items[t].word)
			st.regionFacts(s, toks, items, t+1, who, &VerbPattern{Predicate: "discussed", Lemma: "discuss"}, mod, conf*0.9)
			end = t
			break
		}
	}
	for _, e := range st.phraseMentions(items, k, end) {
		if (e.is(graph.Place) || e.is(graph.Event)) && !contains(objs, e) {
			for _, p := range append(append([]*entity{}, subj...), objs...) {
				if p.kind == graph.Person {
					st.addFact(p, "met", e, "", s, mod, conf*0.9, nil)
				}
			}
		}
	}
	// "met today in Rabat with the Moroccan Minister of the Interior": the
	// "with" of a meeting after its place or time.
	if len(objs) == 0 {
		for t := k; t+1 < end; t++ {
			if items[t].kind == itVG || items[t].kind == itSub || items[t].kind == itRel {
				break
			}
			if items[t].kind != itP || items[t].word != "with" || items[t+1].kind != itNP {
				continue
			}
			if t > k && items[t-1].kind != itNP {
				break
			}
			for _, e := range st.npList(items, t+1, false) {
				if e.actorish() && !contains(subj, e) {
					st.trace(s, "  met with, after the place or time: %s", e.id)
					st.factEach(subj, "met", e, s, mod, conf*0.9, nil)
				}
			}
			break
		}
	}
}

// nounFacts reads facts stated by nouns: "the Biden-Trudeau talks",
// "Biden's first official visit to Canada", "the meeting between Mr. Biden
// and Mr. Trudeau", "his support for energy workers".
func (st *docState) nounFacts(s Sentence, toks []Token, items []*item, mod graph.Modality, clauses []*clause) {
	text := st.text
	for k, it := range items {
		if it.kind != itNP {
			continue
		}
		// "Biden-Trudeau talks": two actors joined by a hyphen before a
		// meeting noun.
		for i := 0; i+1 < len(it.ms); i++ {
			a, b := it.ms[i], it.ms[i+1]
			if gap(text, a.end, b.start) != "-" || !a.ents[0].actorish() || !b.ents[0].actorish() {
				continue
			}
			rest := strings.ToLower(strings.TrimSpace(text[b.end:it.end]))
			if k+1 < len(items) && items[k+1].kind == itVG && rest == "" {
				rest = toks[items[k+1].main].Lower
			}
			noun := firstWord(rest)
			if st.nounMeans(noun, "met") {
				st.trace(s, "noun pattern %s-%s %s", a.ents[0].name, b.ents[0].name, noun)
				st.addFact(a.ents[0], "met", b.ents[0], "", s, mod, 0.8, nil)
			}
		}
		// "X's NOUN PREP Y" and "the NOUN between X and Y".
		for t := it.t0; t < it.t1; t++ {
			rels := st.lx.nounRels[toks[t].Lower]
			if w := toks[t].Lower; len(rels) == 0 && toks[t].Tag == "NNS" && strings.HasSuffix(w, "s") {
				// "meetings with leaders": the plural of a listed noun.
				rels = st.lx.nounRels[w[:len(w)-1]]
			}
			if len(rels) == 0 {
				continue
			}
			if t+1 < it.t1 && toks[t+1].Lower != "of" && !(t+2 == it.t1 && toks[t+1].Lower == "such") {
				continue // not the head: "meeting room" (but "aid such as ...")
			}
			// "lifted sanctions on Syria", "to end the talks with X": a verb
			// that undoes what the noun says states no such fact.
			if k > 0 && items[k-1].kind == itVG && st.lx.modality.Reversing[items[k-1].lemma(toks)] {
				st.trace(s, "  no noun pattern %s: %q undoes it", toks[t].Lower, items[k-1].text(st.src))
				continue
			}
			var owner []*entity
			for _, m := range it.ms {
				if m.end <= toks[t].Start && (possessiveAfter(text[m.end:], m.text(st.src)) || m.how == "possessive pronoun") {
					owner = m.ents
					// "Following his meeting with X, President Macron said":
					// a pronoun in a phrase that opens the sentence is the
					// main clause's subject.
					if m.how == "possessive pronoun" && items[0].kind != itNP {
						if c := openingOwner(items, clauses, k); c != nil && c.skip == "" {
							owner = c.subj
						}
					}
				}
			}
			// The noun's of-phrase, inside the noun phrase.
			var ofEnts []*entity
			if t+1 < it.t1 && toks[t+1].Lower == "of" {
				for _, m := range it.ms {
					if m.start > toks[t].End && m.form != formPronoun {
						ofEnts = append(ofEnts, m.ents...)
					}
				}
			}
			// The preposition and its object after the noun phrase; "a
			// grant of $120 million to Mozambique": past the sum.
			j := k + 1
			if j+2 < len(items) && items[j].kind == itP && items[j].word == "of" && items[j+1].kind == itNP && st.isMoney(items[j+1]) && items[j+2].kind == itP && !containsWord(rels[0].Prep, "of") {
				j += 2
			}
			after := ""
			if j < len(items) && items[j].kind == itP {
				after = items[j].word
			}
			infAt := -1 // "commitment to address the root causes": the "to" is the verb's
			if j < len(items) && items[j].kind == itVG && items[j].inf {
				after, infAt = "to", j
			}
			// "the signing by our foreign ministers of the Arrangement": the
			// agent after "by", then the of-phrase.
			var byOf, byAgents []*entity
			if after == "by" && len(ofEnts) == 0 && j+1 < len(items) && items[j+1].kind == itNP {
				n := j + 1
				for ; n < len(items) && n < j+8 && len(byOf) == 0; n++ {
					np := items[n]
					if np.kind == itCC || np.kind == itComma && np.word == "," {
						continue
					}
					if np.kind != itNP {
						break
					}
					ofAt := strings.Index(st.text[np.start:np.end], " of ")
					for _, m := range np.ms {
						switch {
						case ofAt >= 0 && m.start > np.start+ofAt:
							byOf = append(byOf, m.ents...)
						case m.ents[0].actorish() && m.form < formPronoun:
							byAgents = append(byAgents, m.ents...)
						}
					}
				}
				if len(byOf) == 0 && n+1 < len(items) && items[n].kind == itP && items[n].word == "of" {
					byOf = st.npEntities(items[n+1])
				}
			}
			var rel *NounRelation
			prep := ""
			var objs []*entity
			for i := range rels {
				r := &rels[i]
				switch {
				case r.Owner == "" && len(byOf) > 0 && containsWord(r.Prep, "of"):
					prep, objs = "of", byOf
					if len(byAgents) > 0 {
						owner = byAgents
					}
				case r.Owner == "of" && len(ofEnts) > 0 && containsWord(r.Prep, after):
					owner = ofEnts
				case r.Owner != "of" && len(ofEnts) > 0 && containsWord(r.Prep, "of"):
					prep, objs = "of", ofEnts
				case r.Owner != "of" && after != "" && containsWord(r.Prep, after):
				case r.Object == "subject" && containsWord(r.Prep, ""):
				default:
					continue
				}
				rel = r
				break
			}
			if rel == nil {
				st.includedFunding(s, toks, items, clauses, k, toks[t].End, rels)
				continue
			}
			if rel.Object == "subject" {
				// "Zelenskyy accepted the Prime Minister's invitation"; "At
				// the invitation of Prime Minister Modi, Prime Minister
				// Chinh paid a State Visit": the clause after the phrase.
				c := clauseOver(items, clauses, k)
				if c == nil {
					c = frontedClause(items, clauses, k)
				}
				if c != nil && c.skip == "" && len(owner) > 0 {
					st.trace(s, "noun pattern %s (object is the subject)", rel.Noun)
					for _, o := range owner {
						for _, sub := range c.subj {
							st.addFact(o, rel.Predicate, sub, "", s, c.modality, 0.75, nil)
						}
					}
				}
				continue
			}
			if prep == "" && infAt >= 0 {
				prep = after
				end := st.regionEnd(items, infAt+1)
				if d := st.action(st.phrase(items[infAt].start, items[max(end, infAt+1)-1].end, items, infAt, end), kindFor(rel.Predicate)); d != nil {
					objs = append(objs, d)
				}
				// "commitment to address the root causes of migration": not
				// a commitment to migration.
				if !st.lx.modality.Reversing[items[infAt].lemma(toks)] || reversingPredicate[rel.Predicate] {
					objs = append(objs, st.regionMentions(items, infAt+1, end)...)
				}
			}
			if prep == "" {
				prep = after
				objs = st.npList(items, j+1, false)
				// "contributions to Ukraine's defense": the owner of what is
				// supported is supported too.
				if (rel.Predicate == "supports" || rel.Predicate == "funds" || rel.Predicate == "committedTo") && j+1 < len(items) && items[j+1].kind == itNP {
					for _, m := range items[j+1].ms {
						if strings.HasPrefix(text[m.end:], "'s") && m.form < formPronoun && len(m.ents) == 1 && m.ents[0].actorish() && !contains(objs, m.ents[0]) {
							objs = append(objs, m.ents[0])
						}
					}
				}
				if len(objs) == 0 && j+1 < len(items) && items[j+1].kind == itNP {
					// "support for Ukraine's sovereignty", "disappointment with
					// the United States' decision on the Keystone XL pipeline".
					to := j + 2
					if to+1 < len(items) && items[to].kind == itP && (items[to].word == "on" || items[to].word == "of") && items[to+1].kind == itNP {
						to += 2
					}
					// "concern over the situation in Myanmar": the situation
					// with its place, not the place itself.
					situation := to == j+2 && to+1 < len(items) && items[to].kind == itP && items[to].word == "in" && items[to+1].kind == itNP &&
						st.lx.situations[strings.ToLower(lastWord(items[j+1].text(st.src)))]
					if situation {
						to += 2
						if d := st.descriptive(st.text[items[j+1].start:items[to-1].end], kindFor(rel.Predicate)); d != nil {
							objs = append(objs, d)
						}
					}
					if !situation {
						objs = st.phraseMentions(items, j+1, to)
					}
					if len(objs) == 0 && headIn(toks, items[j+1], st.lx.peopleNouns) && j+3 < len(items) && items[j+2].kind == itP && (items[j+2].word == "in" || items[j+2].word == "from") {
						// "meetings with leaders in Europe and in the United
						// Kingdom": the countries and bodies the people are of.
						for _, e := range st.regionMentions(items, j+3, st.regionEnd(items, j+3)) {
							if e.is(graph.Country) || e.is(graph.Organization) {
								objs = append(objs, e)
							}
						}
					}
					if len(objs) == 0 {
						// "his support for energy workers": the phrase itself.
						if d := st.descriptive(st.text[items[j+1].start:items[to-1].end], kindFor(rel.Predicate)); d != nil {
							objs = append(objs, d)
						}
					}
				}
				// "commitment to strengthening the resilience of ...".
				if len(objs) == 0 && j+1 < len(items) && items[j+1].kind == itVG {
					end := st.regionEnd(items, j+2)
					if end > j+1 {
						if d := st.action(st.phrase(items[j+1].start, items[end-1].end, items, j+1, end), kindFor(rel.Predicate)); d != nil {
							objs = append(objs, d)
						}
						objs = append(objs, st.regionMentions(items, j+2, end)...)
					}
				}
			}
			if len(objs) == 0 {
				continue
			}
			if rel.Owner == "prep" {
				// "came under pressure from the Quebec government to end
				// the irregular migration": Quebec urged the subject.
				c := clauseOver(items, clauses, k)
				if c == nil || c.skip != "" {
					continue
				}
				st.trace(s, "noun pattern %s %s (agent)", rel.Noun, prep)
				for _, sub := range c.subj {
					st.factEach(objs, rel.Predicate, sub, s, c.modality, 0.75, nil)
				}
				if n := j + 2; rel.Then != "" && n < len(items) && items[n].kind == itVG && items[n].inf {
					st.consumed[items[n]] = true
					st.regionFacts(s, toks, items, n, objs, &VerbPattern{Predicate: rel.Then}, graph.Sought, 0.7)
				}
				continue
			}
			if prep == "between" && len(objs) >= 2 {
				st.trace(s, "noun pattern %s between", rel.Noun)
				st.addFact(objs[0], rel.Predicate, objs[1], "", s, mod, 0.8, nil)
				// "discussions between A and B on C": both discussed C.
				if n := npListEnd(items, j+1); n+1 < len(items) && items[n].kind == itP && (items[n].word == "on" || items[n].word == "about" || items[n].word == "over") {
					for _, topic := range st.regionMentions(items, n+1, st.regionEnd(items, n+1)) {
						st.factEach(objs[:2], "discussed", topic, s, mod, 0.75, nil)
					}
				}
				continue
			}
			nmod := mod
			speakerAt := k
			if len(owner) == 0 {
				// "Norway's response to the crisis, which includes new
				// sanctions against Belarus": the measures are the owner's
				// of the noun that includes them.
				if o, at := st.includingOwner(items, k); len(o) > 0 {
					st.trace(s, "noun pattern %s: included in %s's", rel.Noun, o[0].id)
					owner, speakerAt = o, at
				}
			}
			if len(owner) == 0 && k >= 2 && items[k-1].kind == itP && (items[k-1].word == "for" || items[k-1].word == "of") && items[k-2].kind == itNP && len(items[k-2].ms) > 0 {
				// "support for India's candidature for the non-permanent
				// membership of the Security Council": the membership is
				// that of the one whose candidature, bid or plan it is.
				if m := items[k-2].ms[0]; m.start >= items[k-2].start && m.ents[0].actorish() && (strings.HasPrefix(st.text[m.end:], "'s ") || strings.HasPrefix(st.text[m.end:], "’s ")) && m.end < items[k-2].end {
					st.trace(s, "noun pattern %s: of %s's %s", rel.Noun, m.ents[0].id, lastWord(items[k-2].text(st.src)))
					owner = m.ents
					// "India's bid for membership": sought, not held.
					if st.lx.intentions[strings.ToLower(lastWord(items[k-2].text(st.src)))] {
						nmod = graph.Sought
					}
				}
			}
			if len(owner) == 0 {
				// "concluded a productive two-day visit to Washington": the
				// visit is the subject's.
				if c := clauseOver(items, clauses, k); c != nil && c.skip == "" && !st.against(toks, items, c) && !st.talkedAbout(toks, items, c, k, t) {
					owner, nmod = c.subj, c.modality
					if len(owner) == 0 && c.vi == 0 && !c.vg.finite {
						// "Referencing his meetings with leaders in Europe,
						// Prime Minister Trudeau emphasized": the opening
						// participle's subject is the main clause's.
						if m := mainClauseAfter(items, clauses, k); m != nil && m.skip == "" {
							owner, nmod, speakerAt = m.subj, m.modality, m.vi
						}
					}
				}
			}
			if len(owner) == 0 {
				continue
			}
			mod := nmod
			// "Trudeau reaffirmed Canada's support for Ukraine": the leader
			// speaking for the owner country holds the stance too.
			if c := clauseOver(items, clauses, speakerAt); c != nil && c.skip == "" {
				for _, sub := range c.subj {
					if country := st.countryOf(sub); country != nil && contains(owner, country) && !contains(owner, sub) {
						owner = append(owner[:len(owner):len(owner)], sub)
					}
				}
			}
			// "Ukraine's eventual membership in the Alliance": a future
			// membership is expected, not held.
			for u := it.t0; u < t; u++ {
				if (st.lx.prospective[toks[u].Lower] || toks[u].Lower == "towards" || toks[u].Lower == "toward") && (mod == graph.Asserted || mod == graph.Reported) {
					mod = graph.Expected
				}
			}
			// "progress towards full membership in ASEAN": not yet held.
			if k > 0 && items[k-1].kind == itP && (items[k-1].word == "towards" || items[k-1].word == "toward") && (mod == graph.Asserted || mod == graph.Reported) {
				mod = graph.Expected
			}
			st.trace(s, "noun pattern %s %s", rel.Noun, prep)
			for _, o := range objs {
				if !contains(owner, o) {
					st.factEach(owner, rel.Predicate, o, s, mod, 0.8, nil)
				}
			}
			if prep != "" && prep != "of" {
				st.includedActions(s, toks, items, npListEnd(items, j+1), owner, rel.Predicate, mod)
			}
			// "held a meeting with Macron on the sidelines of the G7
			// Summit": where they met, as for the verb.
			if rel.Predicate == "met" && prep != "of" && prep != "" && j+1 < len(items) {
				st.meetingPlaces(s, toks, items, npListEnd(items, j+1), owner, objs, mod, 0.8)
			}
			// "his asks of Canada on boosting defence spending": what is asked.
			n := j // after "asks of Canada" (the of-phrase is inside the noun phrase)
			if len(ofEnts) == 0 || prep != "of" {
				n = npListEnd(items, j+1)
			}
			if rel.Then != "" && n+1 < len(items) && items[n].kind == itP && (items[n].word == "on" || items[n].word == "for") {
				st.regionFacts(s, toks, items, n+1, owner, &VerbPattern{Predicate: rel.Then}, graph.Sought, 0.7)
			}
		}
	}
}

// includedActions reads the actions listed after ", including" that
// follows a noun pattern's object: "its commitments under the Declaration,
// including disrupting human smuggling networks, increasing opportunities
// for labor migration": the owner holds the noun's stance toward what each
// action names, and opposes what an action against its object names
// (data/modality.yaml reversing).
func (st *docState) includedActions(s Sentence, toks []Token, items []*item, n int, owner []*entity, pred string, mod graph.Modality) {
	if n+2 >= len(items) || items[n].kind != itComma || items[n].word != "," || items[n+1].kind != itVG || toks[items[n+1].main].Lower != "including" {
		return
	}
	gerund := func(it *item) bool {
		return it.kind == itVG && !it.finite && !it.inf && it.t1-it.t0 == 1 && strings.HasSuffix(toks[it.main].Lower, "ing")
	}
	for j := n + 2; j < len(items) && gerund(items[j]); {
		end := j + 1
		for end < len(items) {
			it := items[end]
			if it.kind == itNP || it.kind == itP && end > j+1 {
				end++
				continue
			}
			break
		}
		// "increasing opportunities for labor migration": the action; the
		// things named inside it ("migration") are not what is held to.
		p := pred
		var objs []*entity
		if st.lx.modality.Reversing[items[j].lemma(toks)] {
			// "disrupting human smuggling networks": the networks, and what
			// is named in them, are opposed.
			p = "opposes"
			if j+1 < end {
				if d := st.descriptive(st.text[items[j+1].start:items[j+1].end], kindFor(p)); d != nil {
					objs = append(objs, d)
				}
			}
			objs = append(objs, st.regionMentions(items, j+1, end)...)
		} else if d := st.action(st.phrase(items[j].start, items[end-1].end, items, j, end), kindFor(p)); d != nil {
			objs = append(objs, d)
		}
		for _, e := range objs {
			if e.kind != graph.Person && !contains(owner, e) {
				st.trace(s, "  included action %q: %s", toks[items[j].main].Lower, e.id)
				st.factEach(owner, p, e, s, mod, 0.75, nil)
			}
		}
		// The next action: after ", " or ", and".
		k := end
		for k < len(items) && (items[k].kind == itComma && items[k].word == "," || items[k].kind == itCC) {
			k++
		}
		if k == end {
			break
		}
		j = k
	}
}

// mainClauseAfter returns the clause of the first "NAME VERB" after a comma
// following item k: the main clause after an opening participial phrase.
// openingPhrase reports whether no finite verb comes before items[vi]: the
// verb group is part of a phrase that opens the sentence.
func openingPhrase(items []*item, vi int) bool {
	for j := 0; j < vi; j++ {
		if items[j].kind == itVG && items[j].finite || items[j].kind == itRel || items[j].kind == itSub {
			return false
		}
	}
	return true
}

// clauseAfterOpening returns the clause of the first finite verb after an
// opening phrase at items[k] ("..., Osaka, Japan, Kansai Hydrogen Systems
// designs"), when only names, prepositions and commas lie between.
func clauseAfterOpening(items []*item, clauses []*clause, k int) *clause {
	for j := k + 1; j < len(items); j++ {
		switch it := items[j]; {
		case it.kind == itVG:
			if it.finite && j >= 2 && items[j-1].kind == itNP && items[j-2].kind == itComma {
				return clauses[j]
			}
			return nil
		case it.kind == itRel || it.kind == itSub:
			return nil
		}
	}
	return nil
}

func mainClauseAfter(items []*item, clauses []*clause, k int) *clause {
	for j := k + 1; j+2 < len(items); j++ {
		switch it := items[j]; {
		case it.kind == itVG || it.kind == itRel || it.kind == itSub:
			return nil
		case it.kind == itComma && it.word == ",":
			if items[j+1].kind == itNP && items[j+2].kind == itVG && items[j+2].finite {
				return clauses[j+2]
			}
			return nil
		}
	}
	return nil
}

// includedFunding reads a funding noun with no recipient in what an
// owner's noun includes: "Canada's response, which includes ... further
// military aid": Canada, and the leader speaking for it, fund the aid.
func (st *docState) includedFunding(s Sentence, toks []Token, items []*item, clauses []*clause, k, end int, rels []NounRelation) {
	funds := false
	for _, r := range rels {
		funds = funds || r.Predicate == "funds"
	}
	if !funds {
		return
	}
	owner, at := st.includingOwner(items, k)
	if len(owner) == 0 {
		return
	}
	// The phrase's own entity ("military aid"), or the phrase made one.
	var d *entity
	for _, m := range items[k].ms {
		if m.start == items[k].start || m.end >= end && m.form < formPronoun {
			if e := m.ents[0]; !e.actorish() && !e.is(graph.Place) {
				d = e
			}
		}
	}
	if d == nil {
		d = st.descriptive(st.text[items[k].start:end], kindFor("funds"))
	}
	if d == nil {
		return
	}
	mod := graph.Asserted
	if c := clauseOver(items, clauses, at); c != nil {
		if c.skip != "" {
			return
		}
		mod = c.modality
		for _, sub := range c.subj {
			if country := st.countryOf(sub); country != nil && contains(owner, country) && !contains(owner, sub) {
				owner = append(owner[:len(owner):len(owner)], sub)
			}
		}
	}
	st.trace(s, "noun pattern funding: included in %s's", owner[0].id)
	st.factEach(owner, "funds", d, s, mod, 0.75, nil)
}

// includingOwner returns the possessive owner of the noun phrase that
// includes the phrase at k, and that phrase's index: "Norway's response to
// the crisis, which includes new sanctions" and "its package of measures,
// including sanctions" say whose the sanctions are. Of a chain of phrases
// joined by prepositions before the comma, the first with a possessive
// owner is the including one ("Canada's response to Russia's invasion,
// which includes": Canada's). A phrase later in the list of what is
// included is included too.
func (st *docState) includingOwner(items []*item, k int) ([]*entity, int) {
	j := k - 1
	// Back over the items listed before this one: "which includes new
	// sanctions against Belarus and humanitarian assistance to Ukraine".
	for n := 0; j >= 0 && n < 12 && items[j].kind != itVG; j, n = j-1, n+1 {
		if it := items[j]; it.kind != itNP && it.kind != itP && it.kind != itCC && it.kind != itAdv && !(it.kind == itComma && it.word == ",") {
			return nil, -1
		}
	}
	if j < 0 || items[j].kind != itVG || items[j].lemmas[len(items[j].lemmas)-1] != "include" {
		return nil, -1
	}
	if j-1 >= 0 && items[j-1].kind == itRel {
		j--
	} else if items[j].finite {
		return nil, -1
	}
	if j-1 < 0 || items[j-1].kind != itComma || items[j-1].word != "," {
		return nil, -1
	}
	var owner []*entity
	at := -1
	for i, n := j-2, 0; i >= 0 && n < 8; i, n = i-1, n+1 {
		it := items[i]
		if it.kind == itP {
			continue
		}
		if it.kind != itNP {
			break
		}
		if o := st.npOwner(it); len(o) > 0 {
			owner, at = o, i
		}
	}
	return owner, at
}

// npOwner returns the actors a noun phrase is said to be of by a
// possessive: "Norway's response", "its package".
func (st *docState) npOwner(it *item) []*entity {
	var owner []*entity
	for _, m := range it.ms {
		if m.how == "possessive pronoun" || strings.HasPrefix(st.text[m.end:], "'s") || strings.HasPrefix(st.text[m.end:], "’s") {
			if m.end < it.end && m.ents[0].actorish() {
				owner = m.ents
			}
		}
	}
	return owner
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// goalsAndAgendas reads three turns of phrase that state what someone
// wants or talks about without a verb of wanting or talking: "the only way
// ... is to renegotiate X" (the speaker seeks X), "X and Y - centerpieces of
// AGREEMENT" (it concerns them), "they have a lot on their agenda, from X to
// Y" (they discussed them).
func (st *docState) goalsAndAgendas(s Sentence, toks []Token, items []*item, clauses []*clause) {
	var speaker []*entity
	for _, c := range clauses {
		if c != nil && c.skip == "" && st.lx.modality.Speech[c.vg.lemma(toks)] && len(c.subj) > 0 {
			speaker = c.subj
		}
	}
	for vi, c := range clauses {
		if c == nil || c.skip != "" || c.vg.lemma(toks) != "be" || c.subjNP == nil || vi+1 >= len(items) {
			continue
		}
		next := items[vi+1]
		if next.kind != itVG || !next.inf {
			continue
		}
		// The subject may be long: "The only way to shut down X ... is to".
		goal := ""
		holders := speaker
		for j := vi - 1; j >= 0 && goal == ""; j-- {
			if it := items[j]; it.kind == itNP && st.lx.goals[toks[it.t1-1].Lemma] {
				goal = toks[it.t1-1].Text
				// "the Prime Minister's top priority is to ...": whose goal.
				for _, m := range it.ms {
					if strings.HasPrefix(st.text[m.end:], "'s") && len(holders) == 0 {
						holders = m.ents
					}
				}
			}
			if items[j].kind == itVG && items[j].finite || items[j].kind == itSub {
				break
			}
		}
		if goal == "" || len(holders) == 0 {
			continue
		}
		st.trace(s, "goal: %s is to ...", goal)
		st.consumed[next] = true
		st.regionFacts(s, toks, items, vi+1, holders, &VerbPattern{Predicate: "seeks"}, graph.Sought, 0.7)
	}
	for k, it := range items {
		if it.kind != itNP || k == 0 {
			continue
		}
		head := strings.ToLower(lastWord(st.text[it.start:it.end]))
		// "X and Y - centerpieces of the Los Angeles Declaration".
		if items[k-1].kind == itComma && len(it.ms) > 0 && it.ms[len(it.ms)-1].ents[0].is(graph.Agreement) {
			words := strings.Fields(strings.ToLower(st.text[it.start:it.ms[len(it.ms)-1].start]))
			if len(words) > 0 && words[len(words)-1] == "the" {
				words = words[:len(words)-1]
			}
			if len(words) >= 2 && words[len(words)-1] == "of" && st.lx.components[words[len(words)-2]] {
				agreement := it.ms[len(it.ms)-1].ents[0]
				from := k - 1
				for from > 0 && items[from-1].kind != itVG && items[from-1].kind != itSub {
					from--
				}
				st.trace(s, "component of %s", agreement.name)
				for _, e := range st.regionMentions(items, from, k-1) {
					st.addFact(agreement, "concerns", e, "", s, graph.Asserted, 0.7, nil)
				}
			}
		}
		// "the leaders have a lot on their agenda from X to Y".
		if st.lx.agendas[head] && items[k-1].word == "on" {
			c := clauseOver(items, clauses, k-1)
			if c == nil || c.skip != "" || len(c.subj) == 0 {
				continue
			}
			st.trace(s, "agenda")
			for _, e := range st.regionMentions(items, k+1, len(items)) {
				st.factEach(c.subj, "discussed", e, s, c.modality, 0.7, nil)
			}
		}
	}
}

// lonePlace returns a new place for a noun phrase that is one capitalised
// word the dictionary does not know, after "in", "to" or "at" ("in
// Vilnius", "to Mombasa"), or nil.
func (st *docState) lonePlace(np *item) []*entity {
	name := strings.TrimSpace(np.text(st.src))
	if len(strings.Fields(name)) != 1 || !isCapitalized(name) || calendarWord[name] || len(name) <= 2 {
		return nil
	}
	return []*entity{st.newEntity(name, graph.Place)}
}

// dateLike reports whether a phrase names a day, month or year ("1 January
// 2025", "Friday", "March 24"): "the Statute ... on 1 January 2025" dates,
// it does not say what the Statute is about.
func dateLike(phrase string) bool {
	for _, w := range strings.Fields(phrase) {
		w = strings.Trim(w, ",.")
		if calendarWord[w] || len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && strings.Trim(w, "0123456789") == "" {
			return true
		}
	}
	return false
}

// aboutAndWhere reads "the Atlantic Declaration on economic partnership"
// (concerns) and "the NATO Summit in Vilnius" (locatedIn).
func (st *docState) aboutAndWhere(s Sentence, items []*item, mod graph.Modality) {
	for k := 0; k+2 < len(items); k++ {
		it, p, np := items[k], items[k+1], items[k+2]
		if it.kind != itNP || p.kind != itP || np.kind != itNP || len(it.ms) == 0 {
			continue
		}
		last := it.ms[len(it.ms)-1]
		rest := strings.TrimSpace(gap(st.text, last.end, it.end))
		// "the Roxham Road crossing into Quebec" is the road.
		if rest != "" && st.lx.heads[capitalize(rest)] != graph.Place || len(last.ents) != 1 {
			continue
		}
		e := last.ents[0]
		switch {
		case rest == "" && e.is(graph.Agreement) && (p.word == "on" || p.word == "concerning" || p.word == "regarding") && !dateLike(np.text(st.src)):
			objs := st.regionMentions(items, k+2, k+3)
			if len(objs) == 0 {
				if d := st.descriptive(np.text(st.src), graph.Issue); d != nil {
					objs = append(objs, d)
				}
			}
			for _, o := range objs {
				st.addFact(e, "concerns", o, "", s, mod, 0.75, nil)
			}
		case (e.is(graph.Event) || e.is(graph.Place)) && (p.word == "in" || p.word == "into" && e.is(graph.Place)):
			place := st.npEntities(np)
			if len(place) == 0 {
				place = st.lonePlace(np) // "in Vilnius"
			}
			for _, pl := range place {
				if pl.is(graph.Place) || pl.is(graph.Country) {
					st.addFact(e, "locatedIn", pl, "", s, mod, 0.75, nil)
				}
			}
		}
	}
}

// clauseOver returns the clause whose object region holds items[k]: the
// nearest verb before it, with no clause boundary between.
func clauseOver(items []*item, clauses []*clause, k int) *clause {
	for j := k - 1; j >= 0; j-- {
		switch items[j].kind {
		case itVG:
			if items[j].finite || j > 0 {
				return clauses[j]
			}
			return openingOwner(items, clauses, k)
		case itSub, itRel:
			if j == 0 || j == 1 && items[0].kind == itVG && !items[0].finite {
				return openingOwner(items, clauses, k)
			}
			return nil
		case itComma:
			if items[j].word != "," {
				return nil
			}
		}
	}
	return openingOwner(items, clauses, k)
}

// openingOwner returns, for a noun at item k inside a phrase that opens
// the sentence before a comma ("Speaking after talks with X, Y told
// reporters", "After talks with X, Y said", "Following his meeting with
// X, Y announced"), the main clause after the comma, whose subject is the
// phrase's too; or nil.
func openingOwner(items []*item, clauses []*clause, k int) *clause {
	for j := k + 1; j < len(items); j++ {
		it := items[j]
		if it.kind == itVG && it.finite || it.kind == itSub || it.kind == itRel {
			return nil // the opening phrase has a verb of its own, or never ends
		}
		if it.kind != itComma || it.word != "," {
			continue
		}
		for n := j + 1; n < len(items); n++ {
			if items[n].kind == itVG {
				if c := clauses[n]; c != nil && items[n].finite && len(c.subj) > 0 {
					return c
				}
				return nil
			}
			if items[n].kind != itNP && items[n].kind != itComma && items[n].kind != itCC {
				return nil
			}
		}
		return nil
	}
	return nil
}

// frontedClause returns the clause whose subject follows the comma after
// a phrase opening the sentence with a preposition ("At the invitation of
// X, Y visited ..."), or nil.
func frontedClause(items []*item, clauses []*clause, k int) *clause {
	if k != 1 || items[0].kind != itP || k+2 >= len(items) || items[k+1].kind != itComma || items[k+1].word != "," {
		return nil
	}
	for j := k + 2; j < len(items); j++ {
		switch items[j].kind {
		case itVG:
			return clauses[j]
		case itSub, itRel, itComma:
			return nil
		}
	}
	return nil
}

// nounMeans reports whether noun states pred ("talks" states met).
func (st *docState) nounMeans(noun, pred string) bool {
	for _, r := range st.lx.nounRels[noun] {
		if r.Predicate == pred {
			return true
		}
	}
	return false
}

func containsWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// titleFacts turns titles into facts: "Finance Minister Chrystia Freeland"
// holds that role; "Prime Minister Justin Trudeau of Canada" leads Canada;
// "NSC spokesperson John Kirby" speaks for the NSC.
func (st *docState) titleFacts(s Sentence, ms []*mention) {
	for _, m := range ms {
		if m.title == "" || len(m.ents) != 1 || !m.ents[0].is(graph.Person) {
			continue
		}
		p := m.ents[0]
		st.addFact(p, "holdsRole", nil, m.title, s, graph.Asserted, 0.9, nil)
		if m.titleOf == nil {
			continue
		}
		switch {
		case st.lx.leaders[m.title] && (m.titleOf.is(graph.Country) || m.titleOf.is(graph.Organization)):
			st.addFact(p, "leaderOf", m.titleOf, "", s, graph.Asserted, 0.9, nil)
		case st.lx.spokes[m.title]:
			st.addFact(p, "spokespersonFor", m.titleOf, "", s, graph.Asserted, 0.9, nil)
		case m.titleOf.is(graph.Organization):
			st.addFact(p, "memberOf", m.titleOf, "", s, graph.Asserted, 0.8, nil)
		}
	}
}

// membership reads "like many NATO members, Canada ..." and "As NATO
// Allies, Biden and Trudeau ...": the clause's subject is a member.
func (st *docState) membership(s Sentence, toks []Token, items []*item, clauses []*clause) {
	st.whoseMembers(s, toks, items)
	for k, it := range items {
		if it.kind != itNP || len(it.ms) == 0 {
			continue
		}
		org := it.ms[len(it.ms)-1].ents[0]
		if !org.is(graph.Organization) {
			continue
		}
		last := strings.ToLower(strings.TrimSpace(st.text[it.ms[len(it.ms)-1].end:it.end]))
		if !st.lx.membership[last] {
			continue
		}
		// It must be an aside introduced by "as" or "like".
		intro := false
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			if items[j].kind == itP && (items[j].word == "as" || items[j].word == "like") {
				intro = true
			}
		}
		if !intro {
			continue
		}
		for j := k + 1; j < len(items); j++ {
			c := clauses[j]
			if c == nil {
				continue
			}
			if c.skip != "" {
				break
			}
			for _, sub := range c.subj {
				if country := st.countryOf(sub); country != nil {
					sub = country
				}
				if sub.is(graph.Country) {
					st.trace(s, "membership %s %s", org.name, last)
					st.addFact(sub, "memberOf", org, "", s, graph.Asserted, 0.8, nil)
				}
			}
			break
		}
	}
}

// whoseMembers reads "the Quad, whose members are Australia, India, Japan
// and the United States" and "NATO, whose members include Canada": each is a
// member of the organization before the relative pronoun; and "Indonesia
// and the Philippines, as founding members of ASEAN,": the list before.
func (st *docState) whoseMembers(s Sentence, toks []Token, items []*item) {
	for k := 2; k+2 < len(items); k++ {
		if items[k].kind != itRel || items[k].word != "whose" || items[k-1].kind != itComma || items[k-2].kind != itNP {
			continue
		}
		orgs := st.npEntities(items[k-2])
		if len(orgs) != 1 || !orgs[0].is(graph.Organization) {
			continue
		}
		np := items[k+1]
		if np.kind != itNP || !st.lx.membership[strings.ToLower(toks[np.t1-1].Lower)] || k+3 >= len(items) || items[k+2].kind != itVG {
			continue
		}
		if l := items[k+2].lemma(toks); l != "be" && l != "include" {
			continue
		}
		for _, e := range st.npList(items, k+3, false) {
			if e.is(graph.Country) || e.is(graph.Organization) {
				st.trace(s, "membership: whose members: %s", e.id)
				st.addFact(e, "memberOf", orgs[0], "", s, graph.Asserted, 0.8, nil)
			}
		}
	}
	// "A and B, as (founding) members of X,".
	for k := 2; k+1 < len(items); k++ {
		if items[k].kind != itP || items[k].word != "as" || items[k-1].kind != itComma || items[k-2].kind != itNP {
			continue
		}
		n := k + 1
		if items[n].kind == itVG && !items[n].finite && n+1 < len(items) {
			n++ // "as founding members of ASEAN"
		}
		if items[n].kind != itNP {
			continue
		}
		np := items[n]
		words := strings.Fields(strings.ToLower(np.text(st.src)))
		ofAt := -1
		for i, w := range words {
			if w == "of" && i > 0 && st.lx.membership[words[i-1]] {
				ofAt = i
			}
		}
		var org *entity
		switch {
		case ofAt >= 0 && len(np.ms) > 0:
			org = np.ms[len(np.ms)-1].ents[0]
		case st.lx.membership[toks[np.t1-1].Lower] && n+2 < len(items) && items[n+1].kind == itP && items[n+1].word == "of":
			if es := st.npEntities(items[n+2]); len(es) == 1 {
				org = es[0]
			}
		}
		if !org.is(graph.Organization) {
			continue
		}
		members := st.npList(items, k-2, true)
		// "the leadership of Indonesia and the Philippines, as founding
		// members": the parse joins what the chunks split.
		if np := items[k-2]; len(np.ms) > 0 {
			var ms []*mention
			for _, it := range items {
				ms = append(ms, it.ms...)
			}
			words := st.parsed(s)
			if w := wordAt(words, np.ms[len(np.ms)-1].end-1); w >= 0 {
				for hops := 0; words[w].Deprel == "conj" && words[w].Head > 0 && hops < 6; hops++ {
					w = words[w].Head - 1
				}
				for _, e := range st.entitiesAt(words, w, ms) {
					if !contains(members, e) {
						members = append(members, e)
					}
				}
			}
		}
		for _, e := range members {
			if e.is(graph.Country) || e.is(graph.Organization) && e != org {
				st.trace(s, "membership: as members of %s: %s", org.id, e.id)
				st.addFact(e, "memberOf", org, "", s, graph.Asserted, 0.8, nil)
			}
		}
	}
}

// trace records a step of the relation stage.
func (st *docState) trace(s Sentence, format string, args ...any) {
	if st.tr == nil {
		return
	}
	st.tr.Relations = append(st.tr.Relations, fmt.Sprintf("[%d] ", s.Start)+fmt.Sprintf(format, args...))
}
