package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"
)

// Entity returns the stored entity with the given id.
func (s *Store) Entity(ctx context.Context, id string) (Entity, error) {
	var e Entity
	err := s.read(func() error {
		var err error
		e, err = s.entityLocked(ctx, id)
		return err
	})
	return e, err
}

func (s *Store) entityLocked(ctx context.Context, id string) (Entity, error) {
	e := Entity{ID: id}
	// Three index lookups, not a scan of every quad the entity is the
	// subject of (thousands of facts for a country).
	for _, p := range []quad.IRI{schemaName, schemaAltName, rdfType} {
		err := s.eachWith(ctx, entityIRI(id), p, func(q quad.Quad) error {
			if q.Label != entitiesGraph {
				return nil
			}
			switch q.Predicate {
			case schemaName:
				e.Name = literal(q.Object)
			case schemaAltName:
				e.Aliases = append(e.Aliases, literal(q.Object))
			case rdfType:
				e.Kind = Kind(LocalName(literal(q.Object)))
			}
			return nil
		})
		if err != nil {
			return Entity{}, err
		}
	}
	if e.Name == "" {
		return Entity{}, fmt.Errorf("entity %q: %w", id, ErrNotFound)
	}
	sort.Strings(e.Aliases)
	return e, nil
}

// FactsOf returns the facts whose subject (out) or object (in) is the
// entity, each with its document and evidence.
func (s *Store) FactsOf(ctx context.Context, id string) (out, in []Fact, err error) {
	err = s.read(func() error {
		v := entityIRI(id)
		var stmts []quad.Value
		var dirs []bool
		if err := s.each(ctx, quad.Object, v, func(q quad.Quad) error {
			if q.Label == provenanceGraph && (q.Predicate == rdfSubject || q.Predicate == rdfObject) {
				stmts = append(stmts, q.Subject)
				dirs = append(dirs, q.Predicate == rdfSubject)
			}
			return nil
		}); err != nil {
			return err
		}
		for i, st := range stmts {
			f, ok, err := s.statementLocked(ctx, st)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if dirs[i] {
				out = append(out, f)
			} else {
				in = append(in, f)
			}
		}
		return nil
	})
	sortFacts(out)
	sortFacts(in)
	return out, in, err
}

// statementLocked reads one evidence statement back as a fact.
func (s *Store) statementLocked(ctx context.Context, st quad.Value) (Fact, bool, error) {
	var qs []quad.Quad
	if err := s.each(ctx, quad.Subject, st, func(q quad.Quad) error {
		qs = append(qs, q)
		return nil
	}); err != nil {
		return Fact{}, false, err
	}
	f, ok := statementFact(qs)
	return f, ok, nil
}

func sortFacts(fs []Fact) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Object != b.Object {
			return a.Object.String() < b.Object.String()
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		return a.Evidence.Start < b.Evidence.Start
	})
}

// Documents returns every stored document, ordered by identifier.
func (s *Store) Documents(ctx context.Context) ([]Document, error) {
	var docs []Document
	err := s.read(func() error {
		var iris []quad.Value
		// By object (indexed), not by predicate (a full scan in Cayley's
		// key-value stores): documents are typed ns#Document.
		if err := s.each(ctx, quad.Object, documentClass, func(q quad.Quad) error {
			if q.Label == documentsGraph && q.Predicate == rdfType {
				iris = append(iris, q.Subject)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, d := range iris {
			doc, err := s.documentLocked(ctx, d)
			if err != nil {
				return err
			}
			docs = append(docs, doc)
		}
		return nil
	})
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, err
}

// Document returns one stored document's metadata.
func (s *Store) Document(ctx context.Context, id string) (Document, error) {
	var doc Document
	err := s.read(func() error {
		var err error
		doc, err = s.documentLocked(ctx, iri(Document{ID: id}.IRI()))
		return err
	})
	return doc, err
}

func (s *Store) documentLocked(ctx context.Context, d quad.Value) (Document, error) {
	var doc Document
	err := s.each(ctx, quad.Subject, d, func(q quad.Quad) error {
		if q.Label != documentsGraph {
			return nil
		}
		switch q.Predicate {
		case schemaID:
			doc.ID = literal(q.Object)
		case schemaName:
			doc.Title = literal(q.Object)
		case schemaDate:
			doc.Published = literal(q.Object)
		case schemaURL:
			doc.URL = literal(q.Object)
		case accHash:
			doc.Hash = literal(q.Object)
		}
		return nil
	})
	if err == nil && doc.ID == "" {
		err = fmt.Errorf("document %s: %w", d, ErrNotFound)
	}
	return doc, err
}

// EachEntity calls fn for every stored entity, in no particular order. It
// stops at the first error fn returns.
func (s *Store) EachEntity(ctx context.Context, fn func(Entity) error) error {
	return s.read(func() error {
		var ids []string
		if err := s.each(ctx, quad.Predicate, schemaName, func(q quad.Quad) error {
			if id, ok := entityID(q.Subject); ok && q.Label == entitiesGraph {
				ids = append(ids, id)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, id := range ids {
			e, err := s.entityLocked(ctx, id)
			if err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}
