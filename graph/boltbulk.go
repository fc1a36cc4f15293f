package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
)

// The bulk writer fills an empty bolt store with Cayley v0.7.7's own
// key-value layout (graph/kv/indexing.go), written directly with bolt,
// instead of going through ApplyDeltas. Cayley reads the result as if it
// had written it: the tests compare every bucket, key and value with a
// store Cayley wrote from the same quads in batches of the same size.
//
// The layout, per bucket:
//
//	meta          "version", "indexes" (written by Cayley's init), "horizon" (last id), "size" (quads)
//	log           big-endian id -> proto.Primitive: a node (its value) or a quad (its four node ids)
//	v<h0><h1>     value hash -> uvarint node id (h0, h1: the hash's first two bytes)
//	n<h0><h1>     value hash -> uvarint reference count (quad directions naming the node)
//	sp, ops, ...  one per quad index: big-endian node ids of its directions -> uvarint list of quad ids, ascending
//
// The input is written in batches of BulkBatch quads, each in bolt
// transactions of bulkTxWrites keys, so that memory stays flat however long
// the file: what is kept between batches is one entry per distinct value
// (its hash and id). As in a Cayley batch, a batch's new values are
// numbered in hash order, then its new quads in input order. Where bolt
// pays for each write, the bulk writer gives it keys in order, bucket by
// bucket, once each.

// BulkBatch is how many quads the bulk writer numbers and writes together.
var BulkBatch = 250_000

// bulkFeed calls fn with the quads to write, in batches of BulkBatch, and
// returns how many it gave; it stops at fn's first error.
type bulkFeed func(fn func([]graph.Delta) error) (int, error)

// bulkIfPristine writes what feed gives through the bulk writer when s is a
// bolt store that never held a quad, under the write lock, and says whether
// it did; when it did not (another backend, a store holding or having held
// quads), feed was not called and the caller writes through Cayley.
func (s *Store) bulkIfPristine(ctx context.Context, feed bulkFeed) (n int, done bool, err error) {
	if s.backend != "bolt" {
		return 0, false, nil
	}
	err = s.write(func() error {
		if !s.emptyLocked(ctx) {
			return nil
		}
		var err error
		n, err = s.bulkBolt(ctx, feed)
		if errors.Is(err, errNotPristine) {
			return nil // emptied by deletions
		}
		done = true
		s.names = nil
		return err
	})
	return n, done, err
}

// bulkBolt writes the quads feed gives into the bolt store s, which must
// never have held a quad (else it returns errNotPristine having called
// nothing), and returns how many it wrote. On any error it empties the
// store again (it was empty before), so that a failure leaves nothing
// behind. Cayley's handle on the file is closed meanwhile and opened again
// afterwards; the caller holds the write lock, so no reader sees the store
// closed.
func (s *Store) bulkBolt(ctx context.Context, feed bulkFeed) (int, error) {
	_, path, opts, err := parseSpec(s.spec)
	if err != nil {
		return 0, err
	}
	if err := s.qs.Close(); err != nil {
		return 0, fmt.Errorf("import: closing the store for the bulk write: %w", err)
	}
	s.qs, s.bdb = nil, nil // and its bloom filters with it, hundreds of MB when loading
	file := filepath.Join(path, "indexes.bolt")
	n, werr := bulkWriteFile(file, feed)
	if werr != nil && !errors.Is(werr, errNotPristine) {
		// Nothing was stored before: start the store again, empty.
		if err := os.Remove(file); err == nil {
			err = graph.InitQuadStore(s.backend, path, opts)
			if err != nil {
				werr = errors.Join(werr, fmt.Errorf("emptying the store again: %w", err))
			}
		}
	}
	qs, bdb, err := openBolt(path, opts)
	if err != nil {
		// The store cannot be used any more; say so on every later call.
		s.closed = true
		return 0, fmt.Errorf("import: reopening %s after the bulk write: %w", s.spec, errors.Join(werr, err))
	}
	s.qs, s.bdb = qs, bdb
	if errors.Is(werr, errNotPristine) {
		return 0, werr
	}
	if werr != nil {
		return 0, fmt.Errorf("import: %w (nothing kept)", werr)
	}
	return n, nil
}

// bulkWriteFile writes what feed gives into the Cayley bolt file, which
// must hold an initialised store that never held a quad.
func bulkWriteFile(file string, feed bulkFeed) (int, error) {
	// A map large enough for a batch saves bolt from remapping (and copying
	// every node it holds) as the file grows.
	db, err := bolt.Open(file, 0o644, &bolt.Options{Timeout: time.Second, InitialMmapSize: 1 << 30})
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", file, err)
	}
	// Durability comes from the one Sync at the end, not from every commit:
	// a crash midway leaves a partial store either way.
	db.NoSync = true
	w, err := newBulkWriter(db)
	if err == nil {
		var n int
		n, err = feed(w.write)
		if err == nil {
			err = db.Sync()
		}
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		return n, err
	}
	db.Close()
	return 0, err
}

// errNotPristine means the store has held quads: its log and indexes keep
// the deleted ones, and new ids must follow theirs, so the bulk writer
// leaves it to Cayley. Nothing was read or written.
var errNotPristine = errors.New("the store has held quads before")

// bulkWriter writes batches of quads into one bolt file.
type bulkWriter struct {
	db      *bolt.DB
	indexes []kv.QuadIndex
	ids     map[graph.ValueHash]uint64 // every value written so far
	horizon uint64                     // the last id given
	size    uint64                     // quads written
}

func newBulkWriter(db *bolt.DB) (*bulkWriter, error) {
	w := &bulkWriter{db: db, ids: map[graph.ValueHash]uint64{}}
	err := db.View(func(tx *bolt.Tx) error {
		if h, err := horizon(tx); err != nil {
			return err
		} else if h != 0 {
			return errNotPristine
		}
		if err := json.Unmarshal(tx.Bucket([]byte("meta")).Get([]byte("indexes")), &w.indexes); err != nil || len(w.indexes) == 0 {
			return fmt.Errorf("reading the store's index list: %v", err)
		}
		return nil
	})
	return w, err
}

// horizon returns the last id Cayley gave in a bolt store.
func horizon(tx *bolt.Tx) (uint64, error) {
	meta := tx.Bucket([]byte("meta"))
	if meta == nil {
		return 0, errors.New("not an initialised Cayley store (no meta bucket)")
	}
	if v := meta.Get([]byte("horizon")); len(v) == 8 {
		return binary.LittleEndian.Uint64(v), nil
	}
	return 0, nil
}

// bulkNode is one value of a batch.
type bulkNode struct {
	val  quad.Value
	hash graph.ValueHash
	id   uint64
	refs uint64 // references the batch adds
	new  bool   // first written by this batch
}

// write writes one batch, in transactions of bulkTxWrites keys.
func (w *bulkWriter) write(deltas []graph.Delta) error {
	if len(deltas) == 0 {
		return nil
	}
	nodes, quads := w.plan(deltas)
	t, err := newRollingTx(w.db)
	if err != nil {
		return err
	}
	defer func() {
		if t.tx != nil {
			t.tx.Rollback()
		}
	}()
	if quads, err = w.dropStored(t.tx, nodes, quads); err != nil {
		return err
	}
	if err := w.put(t, nodes, quads); err != nil {
		return err
	}
	err = t.tx.Commit()
	t.tx = nil
	return err
}

// bulkTxWrites is how many keys one bolt transaction of the bulk writer
// puts. A transaction holds every page it touches in memory until it
// commits; once a store is larger than a batch, a batch's keys land all
// over its value buckets and indexes, so one transaction per batch would
// hold a share of the whole store. Keys are written in order, so a
// transaction that ends midway rewrites no page more often.
var bulkTxWrites = 10_000

// rollingTx is a write transaction that commits and begins again every
// bulkTxWrites keys. (The bulk writer is not atomic: a failure removes
// the file.)
type rollingTx struct {
	db      *bolt.DB
	tx      *bolt.Tx
	ar      arena                   // the keys and values of tx, kept until it commits
	buckets map[string]*bolt.Bucket // those of tx looked up so far
	n       int
}

func newRollingTx(db *bolt.DB) (*rollingTx, error) {
	tx, err := db.Begin(true)
	return &rollingTx{db: db, tx: tx, buckets: map[string]*bolt.Bucket{}}, err
}

// bucket returns the bucket name of the current transaction, created if
// need be, with FillPercent fill when fill is above 0.
func (t *rollingTx) bucket(name []byte, fill float64) (*bolt.Bucket, error) {
	if b := t.buckets[string(name)]; b != nil {
		return b, nil
	}
	b, err := t.tx.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, err
	}
	if fill > 0 {
		b.FillPercent = fill
	}
	t.buckets[string(name)] = b
	return b, nil
}

// get returns the value of k in bucket name, or nil.
func (t *rollingTx) get(name []byte, k []byte) ([]byte, error) {
	b, err := t.bucket(name, 0)
	if err != nil {
		return nil, err
	}
	return b.Get(k), nil
}

// put writes k and v, carved from t.ar, into bucket name, and commits and
// begins again once the transaction holds bulkTxWrites keys.
func (t *rollingTx) put(name []byte, fill float64, k, v []byte) error {
	b, err := t.bucket(name, fill)
	if err != nil {
		return err
	}
	if err := b.Put(k, v); err != nil {
		return err
	}
	if t.n++; t.n < bulkTxWrites {
		return nil
	}
	err = t.tx.Commit()
	t.tx = nil
	if err == nil {
		t.tx, err = t.db.Begin(true)
	}
	t.ar, t.n = arena{}, 0
	clear(t.buckets)
	return err
}

// plan numbers the batch's values as Cayley numbers them: known values
// keep their ids, new ones are numbered in hash order after the horizon.
// It returns the batch's values in hash order and its distinct quads as
// indexes into them (subject, predicate, object, label; -1 when absent).
func (w *bulkWriter) plan(deltas []graph.Delta) ([]bulkNode, [][4]int32) {
	byValue := make(map[quad.Value]int32, len(deltas))
	byHash := make(map[graph.ValueHash]int32, len(deltas))
	var nodes []bulkNode
	node := func(v quad.Value) int32 {
		if v == nil {
			return -1
		}
		if i, ok := byValue[v]; ok {
			return i
		}
		h := graph.HashOf(v)
		i, ok := byHash[h]
		if !ok {
			i = int32(len(nodes))
			id, known := w.ids[h]
			nodes = append(nodes, bulkNode{val: v, hash: h, id: id, new: !known})
			byHash[h] = i
		}
		byValue[v] = i
		return i
	}
	seen := make(map[[4]int32]struct{}, len(deltas))
	quads := make([][4]int32, 0, len(deltas))
	for _, d := range deltas {
		q := [4]int32{node(d.Quad.Subject), node(d.Quad.Predicate), node(d.Quad.Object), node(d.Quad.Label)}
		if _, dup := seen[q]; dup {
			continue
		}
		seen[q] = struct{}{}
		quads = append(quads, q)
	}
	order := make([]int32, len(nodes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return bytes.Compare(nodes[a].hash[:], nodes[b].hash[:]) })
	sorted := make([]bulkNode, len(nodes))
	pos := make([]int32, len(nodes))
	for i, o := range order {
		sorted[i] = nodes[o]
		pos[o] = int32(i)
		if sorted[i].new {
			w.horizon++
			sorted[i].id = w.horizon
			w.ids[sorted[i].hash] = sorted[i].id
		}
	}
	for i := range quads {
		for d, n := range quads[i] {
			if n >= 0 {
				quads[i][d] = pos[n]
			}
		}
	}
	return sorted, quads
}

// dropStored removes the quads an earlier batch wrote (only a quad all of
// whose values are known can be one) and counts the references of the
// others.
func (w *bulkWriter) dropStored(tx *bolt.Tx, nodes []bulkNode, quads [][4]int32) ([][4]int32, error) {
	ind := w.indexes[len(w.indexes)-1] // Cayley's default: object, predicate, subject
	b := tx.Bucket(ind.KeyFor(&proto.Primitive{})[0])
	log := tx.Bucket([]byte("log"))
	out := quads[:0]
	for _, q := range quads {
		p := w.prim(nodes, q)
		stored := false
		if !nodes[q[0]].new && !nodes[q[1]].new && !nodes[q[2]].new && (q[3] < 0 || !nodes[q[3]].new) && b != nil {
			var err error
			whole := eachID(b.Get(ind.KeyFor(&p)[1]), func(id uint64) bool {
				var old proto.Primitive
				if err = old.Unmarshal(log.Get(bigEndian(id))); err != nil {
					err = fmt.Errorf("log entry %d: %w", id, err)
					return false
				}
				stored = !old.Deleted && old.IsSameLink(&p)
				return !stored
			})
			if err == nil && !whole {
				err = errors.New("bad id list in an index")
			}
			if err != nil {
				return nil, err
			}
		}
		if stored {
			continue
		}
		out = append(out, q)
		for _, n := range q {
			if n >= 0 {
				nodes[n].refs++
			}
		}
	}
	return out, nil
}

// prim returns quad q as a Cayley link primitive, without id.
func (w *bulkWriter) prim(nodes []bulkNode, q [4]int32) proto.Primitive {
	var p proto.Primitive
	for d, dir := range quad.Directions {
		if q[d] >= 0 {
			p.SetDirection(dir, nodes[q[d]].id)
		}
	}
	return p
}

// put writes a batch's new values, its quads, the reference counts and the
// index entries, and moves the horizon and size on.
func (w *bulkWriter) put(t *rollingTx, nodes []bulkNode, quads [][4]int32) error {
	// Bolt keeps the keys and values it is given until the commit: they
	// are carved from the transaction's arena, never overwritten.
	now := time.Now().UnixNano()
	newNodes := 0
	for i := range nodes {
		if nodes[i].new {
			newNodes++
		}
	}
	// Quads are numbered after the batch's new values, which plan numbered.
	first := w.horizon + 1
	w.horizon += uint64(len(quads))

	// The log: new values, then quads, by ascending id. Ids only grow:
	// full pages stay full.
	putPrim := func(p *proto.Primitive) error {
		v := t.ar.alloc(p.ProtoSize())
		m, err := p.MarshalTo(v)
		if err != nil {
			return err
		}
		return t.put([]byte("log"), 1, binary.BigEndian.AppendUint64(t.ar.alloc(8)[:0], p.ID), v[:m])
	}
	byID := make([]int, 0, newNodes)
	for i := range nodes {
		if nodes[i].new {
			byID = append(byID, i)
		}
	}
	slices.SortFunc(byID, func(a, b int) int { return int(nodes[a].id) - int(nodes[b].id) })
	for _, i := range byID {
		v, err := pquads.MarshalValue(nodes[i].val)
		if err != nil {
			return fmt.Errorf("value %v: %w", nodes[i].val, err)
		}
		if err := putPrim(&proto.Primitive{ID: nodes[i].id, Value: v, Timestamp: now}); err != nil {
			return err
		}
	}
	for i, q := range quads {
		p := w.prim(nodes, q)
		p.ID, p.Timestamp = first+uint64(i), now
		if err := putPrim(&p); err != nil {
			return err
		}
	}

	// Reference counts and values, in hash order: one bucket per two-byte
	// prefix, created in key order ("n" before "v") so that bolt appends
	// each new bucket name rather than shifting the ones after it.
	for _, kind := range []byte{'n', 'v'} {
		for i := range nodes {
			nd := &nodes[i]
			if kind == 'v' && !nd.new || kind == 'n' && nd.refs == 0 {
				continue
			}
			h := nd.hash[:]
			name := []byte{kind, h[0], h[1]}
			x := nd.id
			if kind == 'n' {
				x = nd.refs
				if !nd.new {
					old, err := t.get(name, h)
					if err != nil {
						return err
					}
					n, _ := binary.Uvarint(old)
					x += n
				}
			}
			if err := t.put(name, 0, h, binary.AppendUvarint(t.ar.alloc(binary.MaxVarintLen64)[:0], x)); err != nil {
				return err
			}
		}
	}

	// The quad indexes: quads sorted by their key, then id; a key an
	// earlier batch wrote gets the new ids appended to its list.
	order := make([]int32, len(quads))
	for _, ind := range w.indexes {
		width := 8 * len(ind.Dirs)
		keys := make([]byte, 0, width*len(quads))
		for i, q := range quads {
			p := w.prim(nodes, q)
			for _, d := range ind.Dirs {
				keys = binary.BigEndian.AppendUint64(keys, p.GetDirection(d))
			}
			order[i] = int32(i)
		}
		key := func(i int32) []byte { return keys[int(i)*width : int(i+1)*width] }
		slices.SortStableFunc(order, func(a, b int32) int { return bytes.Compare(key(a), key(b)) })
		name := ind.KeyFor(&proto.Primitive{})[0]
		fill := 0.0
		if w.size == 0 {
			fill = 1 // the first batch's keys arrive in order
		}
		for j := 0; j < len(order); {
			k := key(order[j])
			old, err := t.get(name, k)
			if err != nil {
				return err
			}
			list := append(t.ar.alloc(0), old...)
			for ; j < len(order) && bytes.Equal(key(order[j]), k); j++ {
				list = binary.AppendUvarint(list, first+uint64(order[j]))
			}
			if err := t.put(name, fill, k, list); err != nil {
				return err
			}
		}
	}

	w.size += uint64(len(quads))
	meta := t.tx.Bucket([]byte("meta"))
	if err := meta.Put([]byte("horizon"), binary.LittleEndian.AppendUint64(t.ar.alloc(8)[:0], w.horizon)); err != nil {
		return err
	}
	return meta.Put([]byte("size"), binary.LittleEndian.AppendUint64(t.ar.alloc(8)[:0], w.size))
}

// eachID calls fn with every id of a uvarint list (an index entry's
// value) until fn returns false; it reports whether the list was whole.
func eachID(list []byte, fn func(id uint64) bool) bool {
	for len(list) > 0 {
		id, n := binary.Uvarint(list)
		if n <= 0 {
			return false
		}
		list = list[n:]
		if !fn(id) {
			return true
		}
	}
	return true
}

func bigEndian(x uint64) []byte { return binary.BigEndian.AppendUint64(make([]byte, 0, 8), x) }

// arena hands out byte slices carved from large blocks, none reused.
type arena struct{ block []byte }

// alloc returns n fresh bytes (with room to grow when n is 0: appending
// to it moves it to a fresh allocation of its own).
func (a *arena) alloc(n int) []byte {
	if len(a.block) < n {
		a.block = make([]byte, max(n, 1<<20))
	}
	b := a.block[:n:n]
	a.block = a.block[n:]
	return b
}
