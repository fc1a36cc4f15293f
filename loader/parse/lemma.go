package parse

import (
	"cmp"
	"slices"
	"strings"
)

// lemmatizer gives a word its lemma from its form and XPOS tag: from a
// dictionary of the pairs seen in training whose lemma the rules miss
// ("went" VBD -> "go"), else from suffix rules learned per XPOS tag
// ("-ies" NNS -> "-y"), after the case EWT gives lemmas of that tag (lower
// case for common words, the form's own for proper nouns).
type lemmatizer struct {
	tags  map[string]uint8   // XPOS -> its number in keys
	lower []bool             // by XPOS number: lemmas are lower-cased
	dict  map[dictKey]string // (form, XPOS) -> lemma
	rules map[uint64]lemmaRule
}

// dictKey is a form and an XPOS tag.
type dictKey struct{ form, xpos string }

// lemmaRule strips bytes off the end of a form and adds a new ending.
type lemmaRule struct {
	strip int
	add   string
}

// maxLemmaSuffix is the longest form ending a rule is keyed on.
const maxLemmaSuffix = 5

// lemma returns the lemma of form tagged xpos.
func (l *lemmatizer) lemma(form, xpos string) string {
	if l == nil {
		return form
	}
	if lm, ok := l.dict[dictKey{form, xpos}]; ok {
		return lm
	}
	x, ok := l.tags[xpos]
	if !ok {
		return form
	}
	base := form
	if l.lower[x] && hasUpper(form) {
		base = strings.ToLower(form)
		if lm, ok := l.dict[dictKey{base, xpos}]; ok {
			return lm
		}
	}
	if r, ok := l.rule(base, x); ok {
		return base[:len(base)-r.strip] + r.add
	}
	return base
}

// rule returns the rule keyed on the longest ending of base that has one.
func (l *lemmatizer) rule(base string, x uint8) (lemmaRule, bool) {
	for n := min(len(base), maxLemmaSuffix); n >= 0; n-- {
		if r, ok := l.rules[ruleKey(x, base[len(base)-n:])]; ok && r.strip <= len(base) {
			return r, true
		}
	}
	return lemmaRule{}, false
}

// ruleKey is the key of the rules for the words tagged x ending in suffix.
func ruleKey(x uint8, suffix string) uint64 { return mix(uint64(x)+1, hashString(suffix)) }

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// learnLemmas learns the case, the suffix rules and the dictionary of
// lemmas from the training sentences' (form, XPOS, lemma) triples.
func learnLemmas(train []Sentence) *lemmatizer {
	l := &lemmatizer{tags: map[string]uint8{}, dict: map[dictKey]string{}, rules: map[uint64]lemmaRule{}}
	// The lemma of each (form, XPOS) pair, by majority.
	seen := map[dictKey]map[string]int{}
	var keys []dictKey
	var lowerVotes [][2]int
	for _, s := range train {
		for _, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" {
				continue
			}
			x, ok := l.tags[w.XPOS]
			if !ok {
				if len(l.tags) == 255 {
					continue
				}
				x = uint8(len(l.tags))
				l.tags[w.XPOS] = x
				lowerVotes = append(lowerVotes, [2]int{})
			}
			k := dictKey{w.Form, w.XPOS}
			if seen[k] == nil {
				seen[k] = map[string]int{}
				keys = append(keys, k)
			}
			seen[k][w.Lemma]++
			if hasUpper(w.Form) {
				switch {
				case strings.HasPrefix(w.Lemma, w.Form[:1]):
					lowerVotes[x][0]++
				case strings.HasPrefix(w.Lemma, strings.ToLower(w.Form[:1])):
					lowerVotes[x][1]++
				}
			}
		}
	}
	l.lower = make([]bool, len(lowerVotes))
	for x, v := range lowerVotes {
		l.lower[x] = v[1] > v[0]
	}
	best := func(k dictKey) string {
		var lm string
		n := 0
		for cand, c := range seen[k] {
			if c > n || c == n && cand < lm {
				lm, n = cand, c
			}
		}
		return lm
	}
	// Suffix rules: each distinct pair votes, under each ending of its form
	// long enough to hold what the rule strips.
	type vote struct {
		key  uint64
		rule lemmaRule
	}
	votes := map[vote]int{}
	for _, k := range keys {
		x := l.tags[k.xpos]
		base := k.form
		if l.lower[x] {
			base = strings.ToLower(base)
		}
		lm := best(k)
		p := 0
		for p < len(base) && p < len(lm) && base[p] == lm[p] {
			p++
		}
		r := lemmaRule{strip: len(base) - p, add: lm[p:]}
		for n := r.strip; n <= min(len(base), maxLemmaSuffix); n++ {
			votes[vote{ruleKey(x, base[len(base)-n:]), r}]++
		}
	}
	type tally struct {
		rule  lemmaRule
		n, of int
	}
	tallies := map[uint64]tally{}
	vs := make([]vote, 0, len(votes))
	for v := range votes {
		vs = append(vs, v)
	}
	// Sorted so that ties between rules break the same way every run.
	slices.SortFunc(vs, func(a, b vote) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.rule.strip, b.rule.strip), cmp.Compare(a.rule.add, b.rule.add))
	})
	for _, v := range vs {
		t := tallies[v.key]
		n := votes[v]
		t.of += n
		if n > t.n {
			t.rule, t.n = v.rule, n
		}
		tallies[v.key] = t
	}
	for key, t := range tallies {
		// An ending seen on one word only says nothing of other words.
		if t.of >= 2 {
			l.rules[key] = t.rule
		}
	}
	// The dictionary keeps the pairs the rules get wrong.
	for _, k := range keys {
		if lm := best(k); l.lemma(k.form, k.xpos) != lm {
			l.dict[k] = lm
		}
	}
	return l
}
