package graph

import (
	"context"
	"runtime"
	"sync"
	"weak"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// The read paths of this file work on Cayley's node references rather than
// on values: a quad iterator on a key-value backend (bolt, leveldb) hands
// out quads whose directions are node ids, so comparing a predicate against
// rdf:subject, or a label against the provenance graph, costs nothing, while
// turning an id into its value is one more read. Values are read only when
// needed and cached by id, which the backends never reuse for another value.

// Indexes of Cayley's key-value backends (their defaults, which Accord's
// stores are created with): subject+predicate, and object+predicate+subject.
var (
	kvSubjectPredicate = kv.QuadIndex{Dirs: []quad.Direction{quad.Subject, quad.Predicate}}
	kvObjectPredicate  = kv.QuadIndex{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}}
)

// valueCacheSize bounds the number of cached values per store.
const valueCacheSize = 1 << 18

// valueCache maps node ids to values for one store.
type valueCache struct {
	mu   sync.RWMutex
	vals map[any]quad.Value
}

// caches holds one valueCache per open Store, keyed weakly so that a
// store that is no longer used takes its cache with it.
var caches sync.Map // weak.Pointer[Store] -> *valueCache

func (s *Store) cache() *valueCache {
	k := weak.Make(s)
	if c, ok := caches.Load(k); ok {
		return c.(*valueCache)
	}
	c, loaded := caches.LoadOrStore(k, &valueCache{vals: make(map[any]quad.Value)})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Store]) { caches.Delete(k) }, k)
	}
	return c.(*valueCache)
}

// reader is one read of the store by node references. It resolves values
// to references through the read cache of the current write generation
// (an id may change when every quad using a value has been deleted and the
// value is written again, which takes a write), and references to values
// through the store's value cache (ids are never reused). Use it only
// inside s.read.
type reader struct {
	s      *Store
	ctx    context.Context
	kv     *kv.QuadStore // nil for other backends
	cache  *valueCache
	refs   map[quad.Value]graph.Ref
	rc     *readCache // facts, names and dates of this write generation
	b      *boltRead  // direct reads of a bolt store (fastReader), else nil
	notes  *asOfNotes // dated statements an as-of read met (asof.go), else nil
	keyBuf []byte     // the key listed builds (asof.go)
}

// noFastReads turns direct bolt reads off (the tests compare both ways).
var noFastReads = false

// fastReader returns a reader that reads a bolt store's nodes, values and
// index keys directly in one bolt transaction; the caller must close it,
// inside s.read. On other stores it is an ordinary reader.
func (s *Store) fastReader(ctx context.Context) *reader {
	r := s.reader(ctx)
	if s.bdb != nil && !noFastReads {
		r.b, _ = newBoltRead(s.bdb)
	}
	return r
}

// close ends the reader's bolt transaction, if it has one.
func (r *reader) close() {
	if r.b != nil {
		r.b.close()
		r.b = nil
	}
}

func (s *Store) reader(ctx context.Context) *reader { return s.readerWith(ctx, s.readCache()) }

// readerWith returns a reader that uses the read cache rc.
func (s *Store) readerWith(ctx context.Context, rc *readCache) *reader {
	r := &reader{s: s, ctx: ctx, cache: s.cache(), refs: make(map[quad.Value]graph.Ref, 16), rc: rc}
	r.kv, _ = s.qs.(*kv.QuadStore)
	return r
}

// ref returns the reference of v, or nil when the store does not hold it.
func (r *reader) ref(v quad.Value) graph.Ref {
	if ref, ok := r.refs[v]; ok {
		return ref
	}
	ref, ok := r.rc.ref(v)
	if !ok {
		if r.b != nil {
			if id := r.b.node(v); id != 0 {
				ref = kv.Int64Value(id)
			}
		} else {
			ref = r.s.qs.ValueOf(v)
		}
		r.rc.putRef(v, ref)
	}
	r.refs[v] = ref
	return ref
}

// value returns the value of a node reference.
func (r *reader) value(ref graph.Ref) quad.Value {
	if ref == nil {
		return nil
	}
	k := graph.ToKey(ref)
	r.cache.mu.RLock()
	v, ok := r.cache.vals[k]
	r.cache.mu.RUnlock()
	if ok {
		return v
	}
	if id, ok := ref.(kv.Int64Value); ok && r.b != nil {
		v = r.b.value(uint64(id))
	} else {
		v = r.s.qs.NameOf(ref)
	}
	if v == nil {
		return nil
	}
	r.cache.mu.Lock()
	if len(r.cache.vals) >= valueCacheSize {
		clear(r.cache.vals)
	}
	r.cache.vals[k] = v
	r.cache.mu.Unlock()
	return v
}

// dir returns the node of quad q in direction d.
func (r *reader) dir(q graph.Ref, d quad.Direction) graph.Ref { return r.s.qs.QuadDirection(q, d) }

// same reports whether two references name the same node.
func same(a, b graph.Ref) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return graph.ToKey(a) == graph.ToKey(b)
}

// key returns a comparable key of a reference, for maps.
func key(ref graph.Ref) any { return graph.ToKey(ref) }

// anyPredicate asks scan for the quads of every predicate; a nil
// predicate (one the store does not hold) finds none.
var anyPredicate graph.Ref = anyPred{}

type anyPred struct{}

func (anyPred) Key() any { return anyPred{} }

// open returns an iterator over the quads whose direction d is node v
// and, when p is not nil, whose predicate is p, and the key of the
// predicate the caller must still check (nil when the index did it).
func (r *reader) open(d quad.Direction, v, p graph.Ref) (graph.Iterator, any) {
	if r.kv != nil && p != nil {
		vi, ok1 := v.(kv.Int64Value)
		pi, ok2 := p.(kv.Int64Value)
		if ok1 && ok2 {
			switch d {
			case quad.Subject:
				return kv.NewQuadIterator(r.kv, kvSubjectPredicate, []uint64{uint64(vi), uint64(pi)}), nil
			case quad.Object:
				return kv.NewQuadIterator(r.kv, kvObjectPredicate, []uint64{uint64(vi), uint64(pi)}), nil
			}
		}
	}
	var pk any
	if p != nil {
		pk = key(p)
	}
	return r.s.qs.QuadIterator(d, v), pk
}

// next advances it to the next quad whose predicate has key pk (any when
// pk is nil) and returns it, or nil at the end.
func (r *reader) next(it graph.Iterator, pk any) graph.Ref {
	for it.Next(r.ctx) {
		q := it.Result()
		if pk != nil && key(r.dir(q, quad.Predicate)) != pk {
			continue
		}
		return q
	}
	return nil
}

// scan calls fn with every quad whose direction d is node v and whose
// predicate is p (any, when p is anyPredicate; none, when p or v is nil).
// d must be Subject or Object unless p is anyPredicate.
// It stops at the first error fn returns, or when the context is done.
func (r *reader) scan(d quad.Direction, v, p graph.Ref, fn func(q graph.Ref) error) error {
	if v == nil || p == nil {
		return nil // a value or predicate the store does not hold
	}
	if p == anyPredicate {
		p = nil
	}
	it, pk := r.open(d, v, p)
	defer it.Close()
	for n := 0; ; n++ {
		q := r.next(it, pk)
		if q == nil {
			break
		}
		if err := fn(q); err != nil {
			return err
		}
		if n&255 == 255 && r.ctx.Err() != nil {
			return r.ctx.Err()
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return r.ctx.Err()
}

// first returns the first node in direction want of the quads whose
// direction d is v and predicate p, or nil.
func (r *reader) first(d quad.Direction, v, p graph.Ref, want quad.Direction) graph.Ref {
	var out graph.Ref
	r.scan(d, v, p, func(q graph.Ref) error {
		out = r.dir(q, want)
		return errStop
	})
	return out
}

// has reports whether the quad (s, p, o, any label) exists.
func (r *reader) has(s, p, o graph.Ref) bool {
	found := false
	r.scanExact(o, p, s, func(graph.Ref) error {
		found = true
		return errStop
	})
	return found
}

// errStop ends a scan early; callers never see it.
var errStop = stopError{}

type stopError struct{}

func (stopError) Error() string { return "graph: stop" }

// ignoreStop turns errStop into nil.
func ignoreStop(err error) error {
	if err == errStop {
		return nil
	}
	return err
}

// scanExact calls fn with every quad (s, p, o) whatever its label, through
// the object-predicate-subject index on key-value stores.
func (r *reader) scanExact(o, p, s graph.Ref, fn func(q graph.Ref) error) error {
	if s == nil || p == nil || o == nil {
		return nil
	}
	if r.kv != nil {
		si, ok1 := s.(kv.Int64Value)
		pi, ok2 := p.(kv.Int64Value)
		oi, ok3 := o.(kv.Int64Value)
		if ok1 && ok2 && ok3 {
			it := kv.NewQuadIterator(r.kv, kvObjectPredicate, []uint64{uint64(oi), uint64(pi), uint64(si)})
			defer it.Close()
			for it.Next(r.ctx) {
				if err := fn(it.Result()); err != nil {
					return err
				}
			}
			return it.Err()
		}
	}
	sk := key(s)
	return r.scan(quad.Object, o, p, func(q graph.Ref) error {
		if key(r.dir(q, quad.Subject)) == sk {
			return fn(q)
		}
		return nil
	})
}
