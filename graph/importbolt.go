package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/proto"
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
		start, err := s.boltHorizon()
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		m := newCardMaker(s.knownLocked(ctx, s.emptyLocked(ctx)))
		n, err = parseStream(ctx, r, ImportBatch, func(batch []graph.Delta) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return s.apply(m.add(batch))
		})
		if err == nil {
			err = s.apply(m.flush())
		}
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

// boltHorizon returns the last id Cayley gave in the bolt store.
func (s *Store) boltHorizon() (uint64, error) {
	var h uint64
	err := s.bdb.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		if meta == nil {
			return errors.New("not an initialised Cayley store (no meta bucket)")
		}
		if v := meta.Get([]byte("horizon")); len(v) == 8 {
			h = binary.LittleEndian.Uint64(v)
		}
		return nil
	})
	return h, err
}

// undoChunk is how many quads undoSinceLocked deletes per transaction.
const undoChunk = 50_000

// undoSinceLocked deletes, through Cayley, every live quad numbered past
// id start: what writes since then added. The caller holds the write lock.
func (s *Store) undoSinceLocked(start uint64) error {
	next := start + 1
	for {
		var del []graph.Delta
		b, err := newBoltRead(s.bdb)
		if err != nil {
			return err
		}
		if b != nil {
			c := b.log.Cursor()
			for k, v := c.Seek(bigEndian(next)); k != nil && len(del) < undoChunk; k, v = c.Next() {
				next = binary.BigEndian.Uint64(k) + 1
				var p proto.Primitive
				if err := p.Unmarshal(v); err != nil {
					b.close()
					return fmt.Errorf("log entry %d: %w", next-1, err)
				}
				if p.Deleted || p.IsNode() {
					continue
				}
				var q quad.Quad
				for _, d := range quad.Directions {
					if id := p.GetDirection(d); id != 0 {
						q.Set(d, b.value(id))
					}
				}
				del = append(del, graph.Delta{Quad: q, Action: graph.Delete})
			}
			b.close() // before writing: bolt may need to grow its map
		}
		if len(del) == 0 {
			return nil
		}
		if err := s.apply(del); err != nil {
			return err
		}
	}
}
