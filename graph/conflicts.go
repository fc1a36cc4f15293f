package graph

import (
	"context"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// ConflictKeys are the qualifiers whose values must agree across documents.
var ConflictKeys = []string{"amount", "count", "date"}

// Claim is one document's version of a disputed value.
type Claim struct {
	Value string `json:"value"`
	Fact  Fact   `json:"fact"`
}

// Conflict is a set of claims that disagree: facts with the same subject and
// predicate whose literal objects differ (On is "value"), or facts with the
// same subject, predicate and object whose amount, count or date qualifiers
// differ (On names the qualifier), or whose sources date them differently
// (On is "validFrom" or "validUntil", the claims' values the dates). Every
// claim is kept with its source.
type Conflict struct {
	Subject   string  `json:"subject"`
	Predicate string  `json:"predicate"`
	Object    *Object `json:"object,omitempty"` // for qualifier conflicts
	On        string  `json:"on"`               // "value", "amount", "count", "date", "validFrom" or "validUntil"
	Claims    []Claim `json:"claims"`
}

// ConflictOptions narrows the search for conflicts.
type ConflictOptions struct {
	Subject    string   // only this entity's claims
	Predicates []string // only these predicates; default FactPredicates
}

// Conflicts returns the claims that disagree across documents. With a
// subject it reads that entity's facts; otherwise it reads every fact of
// the predicates asked for, which on a large graph takes a while: narrow it
// by predicate, or bound it with the context.
func (s *Store) Conflicts(ctx context.Context, opt ConflictOptions) ([]Conflict, error) {
	preds := opt.Predicates
	if len(preds) == 0 {
		preds = FactPredicates
	}
	sc := Scope{Predicates: preds}
	var facts []Fact
	err := s.read(func() error {
		r := s.reader(ctx)
		var sts []graph.Ref
		if opt.Subject != "" {
			var err error
			if sts, err = r.statements(r.entityRef(opt.Subject), rdfSubject); err != nil {
				return err
			}
		} else {
			for _, p := range preds {
				more, err := r.statements(r.ref(iri(PredicateIRI(p))), rdfPredicate)
				if err != nil {
					return err
				}
				sts = append(sts, more...)
			}
		}
		for _, st := range sts {
			if !r.conflictCandidate(st) {
				continue
			}
			f, ok, err := r.statement(st)
			if err != nil {
				return err
			}
			if ok && sc.keepPredicate(f.Predicate) {
				facts = append(facts, f)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return findConflicts(facts), nil
}

// conflictCandidate reports whether a statement can take part in a
// conflict: its object is a literal, or it has a qualifier that must agree.
func (r *reader) conflictCandidate(st graph.Ref) bool {
	if o := r.first(quad.Subject, st, r.ref(rdfObject), quad.Object); o != nil {
		if _, isEnt := r.entityIDOf(o); !isEnt {
			return true
		}
	}
	for _, k := range ConflictKeys {
		if p := r.ref(iri(accQualifier + k)); p != nil && r.first(quad.Subject, st, p, quad.Object) != nil {
			return true
		}
	}
	// A bound with a cue (text or vocabulary, validity.go): sources may
	// date the fact differently.
	for _, b := range []string{accValidFrom, accValidUntil} {
		if p := r.ref(iri(b + boundCue)); p != nil && r.first(quad.Subject, st, p, quad.Object) != nil {
			return true
		}
	}
	return false
}

// findConflicts groups facts and keeps the groups whose documents disagree.
func findConflicts(facts []Fact) []Conflict {
	sortFacts(facts)
	type group struct {
		c      Conflict
		values map[string]map[string]bool // normalised value -> documents
	}
	groups := map[string]*group{}
	var order []string
	claim := func(gk string, c Conflict, value string, f Fact) {
		g := groups[gk]
		if g == nil {
			g = &group{c: c, values: map[string]map[string]bool{}}
			groups[gk] = g
			order = append(order, gk)
		}
		norm := normalValue(value)
		if g.values[norm] == nil {
			g.values[norm] = map[string]bool{}
		}
		g.values[norm][f.Doc] = true
		g.c.Claims = append(g.c.Claims, Claim{Value: value, Fact: f})
	}
	for _, f := range facts {
		for _, b := range []struct {
			on string
			b  *Bound
		}{{"validFrom", f.ValidFrom}, {"validUntil", f.ValidUntil}} {
			if b.b.cued() && !datingPredicates[f.Predicate] {
				o := f.Object
				claim(f.Subject+"\x00"+f.Predicate+"\x00"+o.String()+"\x00"+b.on, Conflict{Subject: f.Subject, Predicate: f.Predicate, Object: &o, On: b.on}, b.b.Date, f)
			}
		}
		if f.Object.Entity == "" {
			claim(f.Subject+"\x00"+f.Predicate+"\x00value", Conflict{Subject: f.Subject, Predicate: f.Predicate, On: "value"}, f.Object.Literal, f)
			continue
		}
		for _, q := range f.Qualifiers {
			for _, k := range ConflictKeys {
				if q.Key == k {
					o := f.Object
					claim(f.Subject+"\x00"+f.Predicate+"\x00"+o.Entity+"\x00"+k, Conflict{Subject: f.Subject, Predicate: f.Predicate, Object: &o, On: k}, q.Value, f)
				}
			}
		}
	}
	var out []Conflict
	for _, gk := range order {
		g := groups[gk]
		if len(g.values) < 2 {
			continue
		}
		// The disagreement must span documents: two values each stated
		// only by the same single document do not count.
		docs := map[string]bool{}
		for _, ds := range g.values {
			for d := range ds {
				docs[d] = true
			}
		}
		if len(docs) < 2 {
			continue
		}
		sort.SliceStable(g.c.Claims, func(i, j int) bool {
			a, b := g.c.Claims[i], g.c.Claims[j]
			if a.Value != b.Value {
				return a.Value < b.Value
			}
			return a.Fact.Doc < b.Fact.Doc
		})
		out = append(out, g.c)
	}
	return out
}

// normalValue is the form in which values are compared: "$4.9-billion" and
// "$4.9 billion" say the same, "about 39,000" and "nearly 40,000" do not.
func normalValue(v string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(v) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
