package graph

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// importBolt writes an import into a bolt store that holds, or once held,
// quads: streaming, in batches of ImportBatch quads through Cayley, each
// its own transaction, with the cards the file lacks, under the write
// lock. Memory stays that of a batch however long the file.
//
// Cayley numbers every quad it stores past the log's horizon and skips a
// quad the store already holds, so the quads an import added are exactly
// the live ones numbered past the horizon it started from. If the import
// fails (a bad line, a full disk, a cancelled context), it deletes those,
// and only those: a quad the store held before and the file repeated stays.
func (s *Store) importBolt(ctx context.Context, r io.Reader) (int, error) {
	var n int
	err := s.write(func() error {
		var start uint64
		err := s.bdb.View(func(tx *bolt.Tx) (err error) {
			start, err = horizon(tx)
			return err
		})
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		m := newCardMaker(s.knownLocked(ctx, s.emptyLocked(ctx)))
		n, err = m.feed(ctx, r, ImportBatch, s.apply)
		if err == nil {
			err = s.takeBackCardsLocked(ctx, m.undo)
		}
		s.names = nil
		if err == nil {
			return nil
		}
		if uerr := s.undoSinceLocked(start); uerr != nil {
			return fmt.Errorf("import: %w (and taking back what it had written failed: %v)", err, uerr)
		}
		var ie *ImportError
		if errors.As(err, &ie) {
			return err // names its line; nothing was kept
		}
		return fmt.Errorf("import: %w (nothing kept)", err)
	})
	return n, err
}

// undoChunk is how many quads undoSinceLocked deletes per transaction.
const undoChunk = 50_000

// undoSinceLocked deletes, through Cayley, every live quad numbered past
// id start: what writes since then added. The caller holds the write lock.
func (s *Store) undoSinceLocked(start uint64) error {
	for next := start + 1; ; {
		var del []graph.Delta
		b, err := newBoltRead(s.bdb)
		if err != nil {
			return err
		}
		if b != nil {
			err = b.eachQuad(context.Background(), next, 0, func(id uint64, q quad.Quad) error {
				next = id + 1
				del = append(del, graph.Delta{Quad: q, Action: graph.Delete})
				if len(del) == undoChunk {
					return errStop
				}
				return nil
			})
			b.close() // before writing: bolt may need to grow its map
			if err != nil && !errors.Is(err, errStop) {
				return err
			}
		}
		if len(del) == 0 {
			return nil
		}
		if err := s.apply(del); err != nil {
			return err
		}
	}
}
