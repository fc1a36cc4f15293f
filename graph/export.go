package graph

import (
	"bufio"
	"context"
	"io"
	"sort"

	"github.com/cayleygraph/quad"
)

// Export writes the whole graph as N-Quads to w (statements' cards left
// out) and returns the number of quads written. It streams: memory does
// not grow with the store.
func (s *Store) Export(ctx context.Context, w io.Writer) (int, error) {
	if s.pg != nil {
		return s.exportPostgres(ctx, w) // one query instead of a SELECT per term
	}
	return s.ExportTo(ctx, w, ExportOptions{Format: FormatNQuads})
}

// ExportDocument writes one document as self-contained N-Quads: its
// metadata, its named graph, its evidence statements, and the names and
// types of the entities its facts mention, in a stable order.
func (s *Store) ExportDocument(ctx context.Context, w io.Writer, id string) (int, error) {
	qs, err := s.documentExportQuads(ctx, id)
	if err != nil {
		return 0, err
	}
	return writeSorted(w, qs)
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
