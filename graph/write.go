package graph

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// PutResult says what Put did with a document.
type PutResult int

// The outcomes of Put.
const (
	Added     PutResult = iota // the document was new
	Replaced                   // an older version was replaced
	Unchanged                  // the same content was already stored
)

// String returns the outcome as a word.
func (r PutResult) String() string {
	return [...]string{"added", "replaced", "unchanged"}[r]
}

// Put stores one document's graph in one transaction. A document whose
// content hash is already stored is left alone; a changed one has its old
// facts and evidence retracted and the new ones added together, so a reader
// sees either version, never a mix.
func (s *Store) Put(ctx context.Context, dg DocumentGraph) (PutResult, error) {
	if dg.Doc.ID == "" {
		return 0, fmt.Errorf("put: document has no identifier")
	}
	var res PutResult
	err := s.write(func() error {
		docIRI := iri(dg.Doc.IRI())
		old, oldHash, err := s.documentQuadsLocked(ctx, docIRI)
		if err != nil {
			return err
		}
		switch {
		case len(old) == 0:
			res = Added
		case dg.Doc.Hash != "" && oldHash == dg.Doc.Hash:
			res = Unchanged
			return nil
		default:
			res = Replaced
		}
		want := make(map[quad.Quad]bool)
		var add []quad.Quad
		put := func(q quad.Quad) {
			if !want[q] {
				want[q] = true
				add = append(add, q)
			}
		}
		for _, q := range documentQuads(dg.Doc) {
			put(q)
		}
		for _, f := range dg.Facts {
			f.Doc = dg.Doc.ID
			fq, ev := factQuads(f, docIRI)
			put(fq)
			for _, q := range ev {
				put(q)
			}
		}
		entityAdds, err := s.entityQuadsLocked(ctx, dg.Entities)
		if err != nil {
			return err
		}
		var deltas []graph.Delta
		for _, q := range old {
			if !want[q] {
				deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
			}
		}
		oldSet := make(map[quad.Quad]bool, len(old))
		for _, q := range old {
			oldSet[q] = true
		}
		for _, q := range add {
			if !oldSet[q] {
				deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
			}
		}
		for _, q := range entityAdds {
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
		}
		orphans, err := s.orphansLocked(ctx, old, want)
		if err != nil {
			return err
		}
		deltas = append(deltas, orphans...)
		if err := s.apply(deltas); err != nil {
			return fmt.Errorf("put %s: %w", dg.Doc.ID, err)
		}
		s.names.add(dg.Entities)
		if len(orphans) > 0 {
			s.names = nil
		}
		return nil
	})
	return res, err
}

// Forget removes a document: its metadata, its named graph, its evidence, and
// every entity that no remaining fact mentions.
func (s *Store) Forget(ctx context.Context, id string) error {
	return s.write(func() error {
		old, _, err := s.documentQuadsLocked(ctx, iri(Document{ID: id}.IRI()))
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return fmt.Errorf("forget %s: %w", id, ErrNotFound)
		}
		deltas := make([]graph.Delta, 0, len(old))
		for _, q := range old {
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
		}
		orphans, err := s.orphansLocked(ctx, old, nil)
		if err != nil {
			return err
		}
		if err := s.apply(append(deltas, orphans...)); err != nil {
			return fmt.Errorf("forget %s: %w", id, err)
		}
		s.names = nil
		return nil
	})
}

// documentQuadsLocked returns every quad that belongs to a document: its
// metadata, its named graph and its evidence statements, and its stored hash.
func (s *Store) documentQuadsLocked(ctx context.Context, doc quad.IRI) ([]quad.Quad, string, error) {
	var out []quad.Quad
	hash := ""
	err := s.each(ctx, quad.Subject, doc, func(q quad.Quad) error {
		if q.Label == documentsGraph {
			out = append(out, q)
			if q.Predicate == accHash {
				hash = literal(q.Object)
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	if err := s.each(ctx, quad.Label, doc, func(q quad.Quad) error {
		out = append(out, q)
		return nil
	}); err != nil {
		return nil, "", err
	}
	var stmts []quad.Value
	if err := s.each(ctx, quad.Object, doc, func(q quad.Quad) error {
		if q.Predicate == provDerivedFrom && q.Label == provenanceGraph {
			stmts = append(stmts, q.Subject)
		}
		return nil
	}); err != nil {
		return nil, "", err
	}
	for _, st := range stmts {
		if err := s.each(ctx, quad.Subject, st, func(q quad.Quad) error {
			out = append(out, q)
			return nil
		}); err != nil {
			return nil, "", err
		}
	}
	return out, hash, nil
}

// entityQuadsLocked returns the quads that describe entities not yet stored,
// and the aliases of stored ones that are new. The first document to name an
// entity fixes its canonical name and type.
func (s *Store) entityQuadsLocked(ctx context.Context, es []Entity) ([]quad.Quad, error) {
	var out []quad.Quad
	for _, e := range es {
		known := map[string]bool{}
		exists := false
		err := s.each(ctx, quad.Subject, entityIRI(e.ID), func(q quad.Quad) error {
			switch q.Predicate {
			case schemaName:
				exists = true
				known[literal(q.Object)] = true
			case schemaAltName:
				known[literal(q.Object)] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if !exists {
			out = append(out, entityQuads(e)...)
			continue
		}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if !known[a] {
				known[a] = true
				out = append(out, aliasQuad(e.ID, a))
			}
		}
	}
	return out, nil
}

// orphansLocked returns deletions for the entities that the removed quads
// mentioned and that no fact outside them (nor in keep) mentions any more.
func (s *Store) orphansLocked(ctx context.Context, removed []quad.Quad, keep map[quad.Quad]bool) ([]graph.Delta, error) {
	gone := make(map[quad.Quad]bool, len(removed))
	candidates := map[quad.Value]bool{}
	for _, q := range removed {
		if keep[q] {
			continue
		}
		gone[q] = true
		if isFactLabel(q.Label) {
			for _, v := range []quad.Value{q.Subject, q.Object} {
				if _, ok := entityID(v); ok {
					candidates[v] = true
				}
			}
		}
	}
	for q := range keep {
		if isFactLabel(q.Label) {
			delete(candidates, q.Subject)
			delete(candidates, q.Object)
		}
	}
	var out []graph.Delta
	errUsed := errors.New("used")
	for v := range candidates {
		used := func(q quad.Quad) error {
			if isFactLabel(q.Label) && !gone[q] {
				return errUsed
			}
			return nil
		}
		err := s.each(ctx, quad.Subject, v, used)
		if err == nil {
			err = s.each(ctx, quad.Object, v, used)
		}
		if errors.Is(err, errUsed) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := s.each(ctx, quad.Subject, v, func(q quad.Quad) error {
			if q.Label == entitiesGraph {
				out = append(out, graph.Delta{Quad: q, Action: graph.Delete})
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// isFactLabel reports whether a graph label is a document's named graph.
func isFactLabel(v quad.Value) bool {
	_, ok := documentID(v)
	return ok
}

// ImportError locates a bad line of an N-Quads import.
type ImportError struct {
	Line int
	Err  error
}

func (e *ImportError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func (e *ImportError) Unwrap() error { return e.Err }

// Import loads N-Quads from r, all or nothing: every line is parsed before
// anything is written, and the first bad line is reported with its number.
func (s *Store) Import(ctx context.Context, r io.Reader) (int, error) {
	var deltas []graph.Delta
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := checkNQuad(line); err != nil {
			return 0, &ImportError{Line: n, Err: fmt.Errorf("%w: %v", ErrBadQuad, err)}
		}
		// Raw parsing keeps typed literals as written, full datatype IRIs
		// included, so that an export re-imports to the same quads.
		q, err := nquads.ParseRaw(line)
		if err != nil {
			return 0, &ImportError{Line: n, Err: fmt.Errorf("%w: %v", ErrBadQuad, err)}
		}
		if !q.IsValid() {
			return 0, &ImportError{Line: n, Err: fmt.Errorf("%w: incomplete quad", ErrBadQuad)}
		}
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
		if n%4096 == 0 && ctx.Err() != nil {
			return 0, ctx.Err()
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("import: %w", err)
	}
	err := s.write(func() error {
		if err := s.apply(deltas); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		s.names = nil
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(deltas), nil
}
