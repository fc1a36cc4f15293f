package graph

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Export writes the whole graph as N-Quads to w and returns the number of
// quads written. It streams: memory does not grow with the store.
func (s *Store) Export(ctx context.Context, w io.Writer) (int, error) {
	if s.pg != nil {
		return s.exportPostgres(ctx, w) // one query instead of a SELECT per term
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := nquads.NewWriter(bw)
	n := 0
	err := s.read(func() error {
		it := s.qs.QuadsAllIterator()
		defer it.Close()
		for it.Next(ctx) {
			if err := enc.WriteQuad(s.qs.Quad(it.Result())); err != nil {
				return err
			}
			n++
		}
		return it.Err()
	})
	if err == nil {
		err = enc.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, ctx.Err()
}

// ExportDocument writes one document as self-contained N-Quads: its
// metadata, its named graph, its evidence statements, and the names and
// types of the entities its facts mention, in a stable order.
func (s *Store) ExportDocument(ctx context.Context, w io.Writer, id string) (int, error) {
	var out []quad.Quad
	err := s.read(func() error {
		qs, _, err := s.documentQuadsLocked(ctx, iri(Document{ID: id}.IRI()))
		if err != nil {
			return err
		}
		if len(qs) == 0 {
			return fmt.Errorf("export %s: %w", id, ErrNotFound)
		}
		out = qs
		seen := map[quad.Value]bool{}
		for _, q := range qs {
			if !isFactLabel(q.Label) {
				continue
			}
			for _, v := range []quad.Value{q.Subject, q.Object} {
				if _, ok := entityID(v); !ok || seen[v] {
					continue
				}
				seen[v] = true
				if err := s.each(ctx, quad.Subject, v, func(q quad.Quad) error {
					if q.Label == entitiesGraph {
						out = append(out, q)
					}
					return nil
				}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return writeSorted(w, out)
}

// writeSorted writes quads as N-Quads lines in lexical order.
func writeSorted(w io.Writer, qs []quad.Quad) (int, error) {
	lines := make([]string, len(qs))
	for i, q := range qs {
		lines[i] = q.NQuad()
	}
	sort.Strings(lines)
	bw := bufio.NewWriter(w)
	for i, l := range lines {
		if i > 0 && l == lines[i-1] {
			continue
		}
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return len(lines), bw.Flush()
}
