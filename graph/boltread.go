package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"time"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// A bolt store is opened by Accord and handed to Cayley (kv.New), so that
// the hottest reads of a query (a value's node, a node's value, the quads
// of one index key) can go to bolt directly, in one read transaction for
// the whole query, instead of a transaction, an iterator and their
// allocations per lookup. They read Cayley's own layout (boltbulk.go
// describes it) and return Cayley's node references; the tests compare
// every answer with the same query through Cayley.

// openBolt opens the Cayley bolt store in dir and returns it with its bolt
// handle.
func openBolt(dir string, opts graph.Options) (graph.QuadStore, *bolt.DB, error) {
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return nil, nil, err
	}
	nosync, _ := opts.BoolKey("nosync", false)
	db.NoSync, db.NoGrowSync = nosync, nosync
	qs, err := kv.New(hbolt.New(db), opts)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return qs, db, nil
}

// boltRead is one read transaction over a bolt store's buckets.
type boltRead struct {
	tx      *bolt.Tx
	log     *bolt.Bucket
	sp, ops *bolt.Bucket // subject+predicate and object+predicate+subject indexes
}

func newBoltRead(db *bolt.DB) (*boltRead, error) {
	tx, err := db.Begin(false)
	if err != nil {
		return nil, err
	}
	b := &boltRead{tx: tx, log: tx.Bucket([]byte("log")),
		sp:  tx.Bucket(kvSubjectPredicate.KeyFor(&proto.Primitive{})[0]),
		ops: tx.Bucket(kvObjectPredicate.KeyFor(&proto.Primitive{})[0])}
	if b.log == nil || b.sp == nil || b.ops == nil {
		tx.Rollback()
		return nil, nil // not Cayley's layout (or empty): Cayley answers
	}
	return b, nil
}

func (b *boltRead) close() { b.tx.Rollback() }

// node returns the node id of v, or 0.
func (b *boltRead) node(v quad.Value) uint64 { return b.hashed('v', v) }

// refs returns the reference count of v (the quad directions that name
// its node, in every graph), or 0.
func (b *boltRead) refs(v quad.Value) uint64 { return b.hashed('n', v) }

// hashed reads the varint kept for v's hash in the buckets of the given
// prefix (Cayley's 'v' for node ids, 'n' for reference counts), or 0.
func (b *boltRead) hashed(prefix byte, v quad.Value) uint64 {
	h := graph.HashOf(v)
	bk := b.tx.Bucket([]byte{prefix, h[0], h[1]})
	if bk == nil {
		return 0
	}
	x, n := binary.Uvarint(bk.Get(h[:]))
	if n <= 0 {
		return 0
	}
	return x
}

// prim returns the log entry of id, or false.
func (b *boltRead) prim(id uint64, p *proto.Primitive) bool {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], id)
	v := b.log.Get(k[:])
	if v == nil {
		return false
	}
	*p = proto.Primitive{}
	return p.Unmarshal(v) == nil
}

// value returns the value of node id, or nil.
func (b *boltRead) value(id uint64) quad.Value {
	var p proto.Primitive
	if !b.prim(id, &p) || p.Value == nil {
		return nil
	}
	v, err := pquads.UnmarshalValue(p.Value)
	if err != nil {
		return nil
	}
	return v
}

// quads calls fn with every live quad listed under the index key made of
// ids in bk (all of them when prefix, else exactly that key). fn may read
// the store again, quads included: the key is the call's own.
func (b *boltRead) quads(bk *bolt.Bucket, prefix bool, fn func(p *proto.Primitive) bool, ids ...uint64) {
	b.quadsOf(bk, prefix, nil, fn, ids...)
}

// quadsOf is quads, leaving out, before their quads are read, the index
// keys that keep (when not nil) does not want.
func (b *boltRead) quadsOf(bk *bolt.Bucket, prefix bool, keep func(key []byte) bool, fn func(p *proto.Primitive) bool, ids ...uint64) {
	var buf [24]byte
	key := buf[:0]
	for _, id := range ids {
		key = binary.BigEndian.AppendUint64(key, id)
	}
	var p proto.Primitive
	more := true // fn wants more
	each := func(list []byte) bool {
		whole := eachID(list, func(id uint64) bool {
			more = !b.prim(id, &p) || p.Deleted || p.IsNode() || fn(&p)
			return more
		})
		return more && whole
	}
	if !prefix {
		each(bk.Get(key))
		return
	}
	c := bk.Cursor()
	for k, v := c.Seek(key); k != nil && bytes.HasPrefix(k, key); k, v = c.Next() {
		if keep != nil && !keep(k) {
			continue
		}
		if !each(v) {
			return
		}
	}
}

// exportCacheSize bounds the values eachQuad keeps between quads.
const exportCacheSize = 1 << 17

// eachQuad calls fn with every live quad of the store numbered from id
// from on, with its id, in the order of Cayley's QuadsAllIterator (the
// log's, by id), leaving out those whose predicate is node skip (0: none)
// before their values are read. It walks the log with one cursor where
// Cayley looks each id up from the root, and keeps recently seen values
// (predicates, graphs, entities) up to a bound.
func (b *boltRead) eachQuad(ctx context.Context, from, skip uint64, fn func(id uint64, q quad.Quad) error) error {
	vals := make(map[uint64]quad.Value, 1<<14)
	var p proto.Primitive
	n := 0
	c := b.log.Cursor()
	for k, v := c.Seek(bigEndian(from)); k != nil; k, v = c.Next() {
		p = proto.Primitive{Value: p.Value[:0]} // the value's buffer reused
		if err := p.Unmarshal(v); err != nil {
			return fmt.Errorf("log entry %x: %w", k, err)
		}
		if p.Deleted || p.IsNode() || skip != 0 && p.Predicate == skip {
			continue
		}
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var q quad.Quad
		for _, d := range quad.Directions {
			id := p.GetDirection(d)
			if id == 0 {
				continue
			}
			val, ok := vals[id]
			if !ok {
				if val = b.value(id); val == nil {
					return fmt.Errorf("log entry %x: node %d has no value", k, id)
				}
				if len(vals) >= exportCacheSize {
					clear(vals)
				}
				vals[id] = val
			}
			q.Set(d, val)
		}
		if err := fn(binary.BigEndian.Uint64(k), q); err != nil {
			return err
		}
	}
	return nil
}
