package loader

import (
	"strings"

	"accord/graph"
	"accord/loader/parse"
)

// roleFacts reads the role nouns of data/nouns.yaml from the dependency
// parse: "Chile is a member of the Pacific Alliance", "Ecuador and Peru
// became parties to the Convention", "Argentina, a founding member of
// Mercosur, opposed the plan", "Canada is the co-chair, with Norway, of the
// donors' group". The noun's subject is the copula's subject, the subject
// of "become" or "remain", or the name the noun is in apposition to; its
// object is the phrase after the noun's preposition, with the phrases
// coordinated with it.
func (st *docState) roleFacts(s Sentence, toks []Token, items []*item, ms []*mention, clauses []*clause, base graph.Modality) {
	if len(st.lx.roles) == 0 || !st.mentionsRoleNoun(toks) {
		return
	}
	words := st.parsed(s)
	for n, w := range words {
		r, ok := st.lx.roles[strings.ToLower(w.Lemma)]
		if !ok || w.UPOS != "NOUN" && w.UPOS != "PROPN" {
			continue
		}
		subj, at := st.roleSubject(words, n, ms)
		if len(subj) == 0 {
			continue
		}
		mod := base
		if at >= 0 {
			c := clauseAt(items, clauses, toks, words[at].Start)
			if c != nil && c.skip != "" {
				st.trace(s, "role %q: no fact: %s", w.Form, c.skip)
				continue
			}
			if c != nil && c.modality != "" {
				mod = c.modality
			}
		}
		objs := st.roleObjects(words, n, r.Prep, ms)
		// "the co-chair, with Norway, of the group": Norway chairs it too.
		if strings.HasPrefix(strings.ToLower(w.Lemma), "co-") {
			for _, e := range st.depPhrases(words, n, "with", ms) {
				if e.actorish() && !contains(subj, e) {
					subj = append(subj, e)
				}
			}
		}
		for _, o := range objs {
			for _, sub := range subj {
				if sub == o || !sub.actorish() {
					continue
				}
				pred := r.Predicate
				if sig, ok := st.lx.signatures[pred]; ok && (!sig.subject[sub.kind] || !sig.object[o.kind]) {
					pred = r.Otherwise
				}
				if pred == "" {
					continue
				}
				st.trace(s, "role %q: %s %s %s", w.Form, sub.id, pred, o.id)
				st.addFact(sub, pred, o, "", s, mod, 0.8, nil)
			}
		}
	}
}

// mentionsRoleNoun reports whether a token of the sentence is one of the
// role nouns, so that only such sentences are parsed.
func (st *docState) mentionsRoleNoun(toks []Token) bool {
	for i, t := range toks {
		r, ok := st.lx.roles[t.Lemma]
		if !ok {
			r, ok = st.lx.roles[t.Lower]
		}
		// Only with its preposition after it ("a member of", "the
		// co-chair, with Norway, of"): "President Biden" alone is a title,
		// and the sentence need not be parsed for it.
		if ok && prepSoon(toks, i, r.Prep) {
			return true
		}
	}
	return false
}

// prepSoon reports whether the preposition goes with the role noun at
// token i: right after it, after an aside set off by a comma, or before a
// relative pronoun earlier in the sentence.
func prepSoon(toks []Token, i int, prep string) bool {
	if i+1 < len(toks) && toks[i+1].Lower == prep {
		return true
	}
	// "to which Ecuador and Bolivia are parties".
	for j := 0; j+1 < i; j++ {
		if toks[j].Lower == prep && (toks[j+1].Lower == "which" || toks[j+1].Lower == "whom") {
			return true
		}
	}
	if i+1 >= len(toks) || toks[i+1].Text != "," {
		return false
	}
	for j := i + 2; j < len(toks) && j <= i+8; j++ {
		if toks[j].Lower == prep && toks[j-1].Text == "," {
			return true
		}
	}
	return false
}

// roleSubject returns whom the role noun at n is said of, and the index of
// the copula or verb that says it (-1 for an apposition).
func (st *docState) roleSubject(words []parse.Word, n int, ms []*mention) ([]*entity, int) {
	w := words[n]
	if cop := childOf(words, n, "cop"); cop >= 0 {
		if sb := childOf(words, n, "nsubj"); sb >= 0 {
			return st.entitiesAt(words, sb, ms), cop
		}
		return nil, -1
	}
	h := w.Head - 1
	if h < 0 {
		return nil, -1
	}
	switch {
	case w.Deprel == "conj" && childOf(words, h, "cop") >= 0 && childOf(words, h, "nsubj") >= 0:
		// "Viet Nam is the coordinator for India and a founding member of
		// the Mekong-Ganga Cooperation".
		return st.entitiesAt(words, childOf(words, h, "nsubj"), ms), childOf(words, h, "cop")
	case w.Deprel == "appos":
		return st.entitiesAt(words, h, ms), -1
	case (w.Deprel == "obj" || w.Deprel == "xcomp" || w.Deprel == "obl" && childOf(words, n, "case") < 0) && roleVerb[strings.ToLower(words[h].Lemma)]:
		// ("became a State Party to ...": a bare noun phrase the parser
		// may call obl is the verb's complement all the same.)
		if sb := childOf(words, h, "nsubj"); sb >= 0 {
			return st.entitiesAt(words, sb, ms), h
		}
	}
	return nil, -1
}

// roleVerb verbs say of their subject that it is what their object names.
var roleVerb = map[string]bool{"become": true, "remain": true}

// roleObjects returns the entities after the role noun's preposition: a
// phrase hung on the noun, or on a phrase of the noun ("the co-chair,
// with Norway, of the group": the parser hangs "of the group" on Norway).
func (st *docState) roleObjects(words []parse.Word, n int, prep string, ms []*mention) []*entity {
	if out := st.depPhrases(words, n, prep, ms); len(out) > 0 {
		return out
	}
	var out []*entity
	for c, w := range words {
		if w.Head == n+1 && strings.HasPrefix(w.Deprel, "nmod") {
			for _, e := range st.depPhrases(words, c, prep, ms) {
				if !contains(out, e) {
					out = append(out, e)
				}
			}
		}
	}
	return out
}

// depPhrases returns the entities of the nominal dependents of word h
// introduced by the preposition prep, with those coordinated with them; a
// relative "which" gives the noun its clause modifies.
func (st *docState) depPhrases(words []parse.Word, h int, prep string, ms []*mention) []*entity {
	var out []*entity
	for c, w := range words {
		if w.Head != h+1 || !strings.HasPrefix(w.Deprel, "nmod") && !strings.HasPrefix(w.Deprel, "obl") {
			continue
		}
		k := childOf(words, c, "case")
		if k < 0 || !strings.EqualFold(words[k].Form, prep) {
			continue
		}
		at := c
		// "the Andean Community Agreement, to which Ecuador and Bolivia
		// are parties": the relative pronoun stands for the noun its
		// clause modifies.
		if w.UPOS == "PRON" && relativeWord[strings.ToLower(w.Form)] && words[h].Deprel == "acl:relcl" {
			at = words[h].Head - 1
		}
		for _, e := range st.entitiesAt(words, at, ms) {
			if !contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

// clauseAt returns the clause whose verb group covers byte offset at.
func clauseAt(items []*item, clauses []*clause, toks []Token, at int) *clause {
	for i, it := range items {
		if it.kind == itVG && clauses[i] != nil && it.start <= at && at < it.end {
			return clauses[i]
		}
	}
	return nil
}
