package graph

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/cayleygraph/quad/nquads"
)

// ExportQuadByQuad is the yardstick of the export benchmarks: the whole
// graph written as Cayley's own copy (quad.CopyBatch over a QuadStore
// reader) does it, through Cayley's all-quads iterator, each quad's four
// values read one at a time.
var ExportQuadByQuad = (*Store).exportQuadByQuad

func (s *Store) exportQuadByQuad(ctx context.Context, w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := nquads.NewWriter(bw)
	n := 0
	err := s.read(func() error {
		it := s.qs.QuadsAllIterator()
		defer it.Close()
		for it.Next(ctx) {
			q := s.qs.Quad(it.Result())
			if isCard(q) {
				continue // an index, not the model (card.go)
			}
			if err := enc.WriteQuad(q); err != nil {
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
