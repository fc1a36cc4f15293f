package graph

import (
	"context"
	"strings"

	"github.com/cayleygraph/quad"
)

// FactFilter is a triple pattern over the stored facts, plus the document
// they were read from. Empty fields match anything.
type FactFilter struct {
	Subject   string // entity id
	Predicate string // local name ("met") or full predicate IRI
	Object    Object // entity id or literal value
	Doc       string // document id
	Limit     int    // at most this many facts; 0 means no limit
}

// IsZero reports whether the filter constrains nothing.
func (f FactFilter) IsZero() bool {
	return f.Subject == "" && f.Predicate == "" && f.Doc == "" &&
		f.Object.Entity == "" && f.Object.Literal == ""
}

// match reports whether fact x satisfies the filter.
func (f FactFilter) match(x Fact) bool {
	switch {
	case f.Subject != "" && x.Subject != f.Subject:
		return false
	case f.Predicate != "" && x.Predicate != LocalName(f.Predicate):
		return false
	case f.Object.Entity != "" && x.Object.Entity != f.Object.Entity:
		return false
	case f.Object.Literal != "" && (x.Object.Entity != "" || x.Object.Literal != f.Object.Literal):
		return false
	case f.Doc != "" && x.Doc != f.Doc:
		return false
	}
	return true
}

// Facts returns the facts that match the filter, each with its document and
// evidence, in the order of FactsOf (predicate, subject, object, document,
// offset). It reads the evidence statements of the provenance graph, entering
// them through the most selective position the filter gives: the subject or
// object, else the predicate, else the document. An empty filter matches
// nothing, so that a careless caller cannot dump the whole store this way.
func (s *Store) Facts(ctx context.Context, f FactFilter) ([]Fact, error) {
	if f.IsZero() {
		return nil, nil
	}
	var out []Fact
	err := s.read(func() error {
		var err error
		out, err = s.factsLocked(ctx, f)
		return err
	})
	if err != nil {
		return nil, err
	}
	sortFacts(out)
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// factsLocked returns the facts that match a filter that is not zero, in
// no particular order; the caller holds a lock.
func (s *Store) factsLocked(ctx context.Context, f FactFilter) ([]Fact, error) {
	v, link := f.entry()
	var out []Fact
	err := func() error {
		var stmts []quad.Value
		if err := s.each(ctx, quad.Object, v, func(q quad.Quad) error {
			if q.Label == provenanceGraph && q.Predicate == link {
				stmts = append(stmts, q.Subject)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, st := range stmts {
			x, ok, err := s.statementLocked(ctx, st)
			if err != nil {
				return err
			}
			if ok && f.match(x) {
				out = append(out, x)
			}
		}
		return nil
	}()
	return out, err
}

// entry returns the value through which Facts enters the provenance graph
// and the statement predicate that links a statement to it. Entities are
// the most selective (a handful of statements each), then predicates
// (one of a few dozen), then documents, which hold many facts each but are
// the last constraint left.
func (f FactFilter) entry() (quad.Value, quad.IRI) {
	switch {
	case f.Subject != "":
		return entityIRI(f.Subject), rdfSubject
	case f.Object.Entity != "":
		return entityIRI(f.Object.Entity), rdfObject
	case f.Object.Literal != "":
		return quad.String(f.Object.Literal), rdfObject
	case f.Predicate != "":
		p := f.Predicate
		if !strings.Contains(p, "://") {
			p = PredicateIRI(p)
		}
		return iri(p), rdfPredicate
	default:
		return iri(Document{ID: f.Doc}.IRI()), provDerivedFrom
	}
}
