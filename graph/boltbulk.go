package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
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
// key-value layout (graph/kv/indexing.go), written directly with bolt in one
// transaction, instead of going through ApplyDeltas. Cayley reads the result
// as if it had written it: the tests compare every bucket, key and value
// with a store Cayley wrote from the same quads.
//
// The layout, per bucket:
//
//	meta          "version", "indexes" (written by Cayley's init), "horizon" (last id), "size" (quads)
//	log           big-endian id -> proto.Primitive: a node (its value) or a quad (its four node ids)
//	v<h0><h1>     value hash -> uvarint node id (h0, h1: the hash's first two bytes)
//	n<h0><h1>     value hash -> uvarint reference count (quad directions naming the node)
//	sp, ops, ...  one per quad index: big-endian node ids of its directions -> uvarint list of quad ids, ascending
//
// Nodes are numbered 1..N in hash order and quads N+1..N+M in input order,
// as Cayley numbers one batch. Where bolt pays for each write, the bulk
// writer gives it keys in order, bucket by bucket, once each.

// bulkNode is one distinct value of a bulk import.
type bulkNode struct {
	val  quad.Value
	hash graph.ValueHash
	refs uint64
	id   uint64
}

// importBolt writes deltas (all additions) into the empty bolt store s, in
// one bolt transaction: on any error nothing is written. Cayley's handle on
// the file is closed meanwhile and opened again afterwards; the caller holds
// the write lock, so no reader sees the store closed.
func (s *Store) importBolt(ctx context.Context, deltas []graph.Delta) error {
	nodes, quads := bulkPlan(deltas)
	if err := ctx.Err(); err != nil {
		return err
	}
	_, path, opts, err := parseSpec(s.spec)
	if err != nil {
		return err
	}
	if err := s.qs.Close(); err != nil {
		return fmt.Errorf("import: closing the store for the bulk write: %w", err)
	}
	werr := writeBoltBulk(filepath.Join(path, "indexes.bolt"), nodes, quads)
	qs, err := graph.NewQuadStore(s.backend, path, opts)
	if err != nil {
		// The store cannot be used any more; say so on every later call.
		s.closed = true
		return fmt.Errorf("import: reopening %s after the bulk write: %w", s.spec, errors.Join(werr, err))
	}
	s.qs = qs
	if werr != nil {
		return fmt.Errorf("import: %w (nothing written)", werr)
	}
	return nil
}

// bulkPlan numbers the values and quads of deltas as Cayley numbers one
// batch: distinct values by hash order from 1, then the distinct quads in
// input order. It returns the nodes in hash order and the quads as node
// indexes (subject, predicate, object, label; label -1 when absent).
func bulkPlan(deltas []graph.Delta) ([]bulkNode, [][4]int32) {
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
			nodes = append(nodes, bulkNode{val: v, hash: h})
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
		for _, n := range q {
			if n >= 0 {
				nodes[n].refs++
			}
		}
	}
	// Number nodes in hash order, and point quads at the new positions.
	order := make([]int32, len(nodes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return bytes.Compare(nodes[a].hash[:], nodes[b].hash[:]) })
	sorted := make([]bulkNode, len(nodes))
	pos := make([]int32, len(nodes))
	for i, o := range order {
		sorted[i] = nodes[o]
		sorted[i].id = uint64(i + 1)
		pos[o] = int32(i)
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

// writeBoltBulk writes nodes and quads into the Cayley bolt file, which must
// hold an initialised, empty store, in one transaction.
func writeBoltBulk(file string, nodes []bulkNode, quads [][4]int32) error {
	// A map large enough for the whole write saves bolt from remapping
	// (and copying every node it holds) as the file grows.
	mmap := 1<<30 + 512*(len(nodes)+len(quads))
	db, err := bolt.Open(file, 0o644, &bolt.Options{Timeout: time.Second, InitialMmapSize: mmap})
	if err != nil {
		return fmt.Errorf("open %s: %w", file, err)
	}
	// Durability comes from the one Sync after the commit, not from every
	// page write.
	db.NoSync = true
	err = db.Update(func(tx *bolt.Tx) error { return bulkTx(tx, nodes, quads) })
	if err == nil {
		err = db.Sync()
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// bulkTx writes the layout described at the top of this file.
func bulkTx(tx *bolt.Tx, nodes []bulkNode, quads [][4]int32) error {
	meta := tx.Bucket([]byte("meta"))
	if meta == nil {
		return errors.New("not an initialised Cayley store (no meta bucket)")
	}
	if v := meta.Get([]byte("size")); len(v) == 8 && binary.LittleEndian.Uint64(v) != 0 {
		return errors.New("the store is not empty")
	}
	var indexes []kv.QuadIndex
	if err := json.Unmarshal(meta.Get([]byte("indexes")), &indexes); err != nil || len(indexes) == 0 {
		return fmt.Errorf("reading the store's index list: %v", err)
	}
	n := uint64(len(nodes))
	quadID := func(i int) uint64 { return n + 1 + uint64(i) }
	prim := func(q [4]int32) proto.Primitive {
		var p proto.Primitive
		for d, dir := range quad.Directions {
			if q[d] >= 0 {
				p.SetDirection(dir, nodes[q[d]].id)
			}
		}
		return p
	}
	now := time.Now().UnixNano()

	// The log: nodes, then quads, by ascending id.
	log, err := tx.CreateBucketIfNotExists([]byte("log"))
	if err != nil {
		return err
	}
	log.FillPercent = 1 // ids only grow: full pages stay full
	// Bolt keeps the keys and values it is given until the commit: they
	// are carved from an arena that is never overwritten.
	var ar arena
	put := func(b *bolt.Bucket, id uint64, p *proto.Primitive) error {
		v := ar.alloc(p.ProtoSize())
		m, err := p.MarshalTo(v)
		if err != nil {
			return err
		}
		return b.Put(binary.BigEndian.AppendUint64(ar.alloc(8)[:0], id), v[:m])
	}
	for i := range nodes {
		v, err := pquads.MarshalValue(nodes[i].val)
		if err != nil {
			return fmt.Errorf("value %v: %w", nodes[i].val, err)
		}
		p := proto.Primitive{ID: nodes[i].id, Value: v, Timestamp: now}
		if err := put(log, p.ID, &p); err != nil {
			return err
		}
	}
	for i, q := range quads {
		p := prim(q)
		p.ID, p.Timestamp = quadID(i), now
		if err := put(log, p.ID, &p); err != nil {
			return err
		}
	}

	// Reference counts and values, in hash order: one bucket per two-byte
	// prefix, created in key order ("n" before "v") so that bolt appends
	// each new bucket name rather than shifting the ones after it.
	for _, kind := range []byte{'n', 'v'} {
		var b *bolt.Bucket
		var prefix [2]byte
		for i := range nodes {
			h := nodes[i].hash[:]
			if b == nil || h[0] != prefix[0] || h[1] != prefix[1] {
				prefix = [2]byte{h[0], h[1]}
				if b, err = tx.CreateBucketIfNotExists([]byte{kind, h[0], h[1]}); err != nil {
					return err
				}
			}
			x := nodes[i].id
			if kind == 'n' {
				x = nodes[i].refs
			}
			if err := b.Put(h, binary.AppendUvarint(ar.alloc(binary.MaxVarintLen64)[:0], x)); err != nil {
				return err
			}
		}
	}

	// The quad indexes: quads sorted by their key, then id.
	order := make([]int32, len(quads))
	for _, ind := range indexes {
		width := 8 * len(ind.Dirs)
		keys := make([]byte, 0, width*len(quads))
		for i, q := range quads {
			p := prim(q)
			for _, d := range ind.Dirs {
				keys = binary.BigEndian.AppendUint64(keys, p.GetDirection(d))
			}
			order[i] = int32(i)
		}
		key := func(i int32) []byte { return keys[int(i)*width : int(i+1)*width] }
		slices.SortStableFunc(order, func(a, b int32) int { return bytes.Compare(key(a), key(b)) })
		name := ind.KeyFor(&proto.Primitive{})[0]
		b, err := tx.CreateBucketIfNotExists(name)
		if err != nil {
			return err
		}
		b.FillPercent = 1 // keys arrive in order
		var list []byte
		for j := 0; j < len(order); {
			k := key(order[j])
			list = list[:0]
			for ; j < len(order) && bytes.Equal(key(order[j]), k); j++ {
				list = binary.AppendUvarint(list, quadID(int(order[j])))
			}
			if err := b.Put(k, bytes.Clone(list)); err != nil {
				return err
			}
		}
	}

	var le [8]byte
	binary.LittleEndian.PutUint64(le[:], n+uint64(len(quads)))
	if err := meta.Put([]byte("horizon"), bytes.Clone(le[:])); err != nil {
		return err
	}
	binary.LittleEndian.PutUint64(le[:], uint64(len(quads)))
	return meta.Put([]byte("size"), bytes.Clone(le[:]))
}

// arena hands out byte slices carved from large blocks, none reused.
type arena struct{ block []byte }

// alloc returns n fresh bytes.
func (a *arena) alloc(n int) []byte {
	if len(a.block) < n {
		a.block = make([]byte, max(n, 1<<20))
	}
	b := a.block[:n:n]
	a.block = a.block[n:]
	return b
}
