package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"    // bolt: backend
	_ "github.com/cayleygraph/cayley/graph/kv/leveldb" // leveldb: backend
	_ "github.com/cayleygraph/cayley/graph/memstore"   // memory backend
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"
)

// DefaultStore is the store used when none is named: an embedded bolt store
// in the working directory.
const DefaultStore = "bolt:accord.db"

// Errors returned by the store; callers test them with errors.Is.
var (
	ErrNotFound   = errors.New("graph: not found")
	ErrBadStore   = errors.New("graph: bad store spec")
	ErrBadQuad    = errors.New("graph: bad quad")
	ErrStoreClose = errors.New("graph: store is closed")
)

// Store is Accord's graph on top of a Cayley quad store. It is safe for
// concurrent use: writes are serialised and exclude reads for the length of
// one batch (see the package documentation for why).
type Store struct {
	spec    string
	backend string
	qs      graph.QuadStore
	bdb     *bolt.DB // bolt only: the file Cayley reads, for direct reads (boltread.go)
	pg      *pgStore // postgres only: bulk writes, export, counts and the writers' lock (pgcopy.go)

	mu     sync.RWMutex // shared for reads, exclusive for write batches
	closed bool

	namesMu sync.Mutex
	names   *nameIndex // built on first search, kept up to date by writes

	corrections correctionCache // correction records read back (correct.go)
}

// Open opens (creating when missing) the store named by spec: "bolt:PATH",
// "leveldb:PATH", "memory", or a "postgres://" URL.
func Open(ctx context.Context, spec string, options ...OpenOption) (*Store, error) {
	backend, path, opts, err := parseSpec(spec)
	if err != nil {
		return nil, err
	}
	var o openOptions
	for _, f := range options {
		f(&o)
	}
	if o.forLoading && opts != nil {
		// Cayley's bloom filters make writes into a large or empty store
		// much faster, at the price of seconds rebuilding them on open.
		opts["no_bloom"] = false
	}
	if backend == "bolt" || backend == "leveldb" {
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, fmt.Errorf("open store %s: %w", spec, err)
		}
	}
	if backend == "bolt" {
		// Bolt waits forever for a file another process holds; say so instead.
		if err := probeLock(filepath.Join(path, "indexes.bolt")); err != nil {
			return nil, fmt.Errorf("open store %s: %w", spec, err)
		}
	}
	if done, err := pgInit(ctx, backend, path); err != nil {
		return nil, fmt.Errorf("open store %s: init: %w", redactURL(spec), err)
	} else if !done && backend != "memstore" {
		if err := graph.InitQuadStore(backend, path, opts); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			return nil, fmt.Errorf("open store %s: init: %w", spec, err)
		}
	}
	var qs graph.QuadStore
	var bdb *bolt.DB
	if backend == "bolt" {
		qs, bdb, err = openBolt(path, opts)
	} else {
		qs, err = graph.NewQuadStore(backend, path, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", spec, err)
	}
	s := &Store{spec: spec, backend: backend, qs: qs, bdb: bdb}
	if backend == "postgres" {
		if s.pg, err = openPG(ctx, path); err != nil {
			qs.Close()
			return nil, fmt.Errorf("open store %s: %w", redactURL(spec), err)
		}
	}
	return s, nil
}

// ErrStoreInUse means another process (often `accord serve`) has the store
// open.
var ErrStoreInUse = errors.New("graph: store is in use by another process (an `accord serve`?); stop it or use its HTTP API")

// probeLock checks that no other process holds a bolt file's lock.
func probeLock(file string) error {
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		return nil // a new store: nothing to wait for
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return ErrStoreInUse
		}
		return nil
	}
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// OpenOption tunes how a store is opened.
type OpenOption func(*openOptions)

type openOptions struct{ forLoading bool }

// ForLoading opens a store for heavy writing (accord load and import): the
// embedded stores rebuild their bloom filters on open (seconds for a
// million quads) and write faster. Servers open without it, at once.
func ForLoading() OpenOption { return func(o *openOptions) { o.forLoading = true } }

// parseSpec splits a store spec into a Cayley backend name, path and options.
func parseSpec(spec string) (backend, path string, opts graph.Options, err error) {
	switch {
	case spec == "memory" || spec == "mem" || spec == "memstore":
		return "memstore", "", nil, nil
	case strings.HasPrefix(spec, "postgres://") || strings.HasPrefix(spec, "postgresql://"):
		return "postgres", spec, nil, nil
	}
	name, path, ok := strings.Cut(spec, ":")
	if !ok || path == "" {
		return "", "", nil, fmt.Errorf("%w %q: want bolt:PATH, leveldb:PATH, memory or postgres://URL", ErrBadStore, spec)
	}
	switch name {
	case "bolt", "leveldb":
		// Rebuilding the bloom filter costs seconds on every open of a large
		// store; duplicates are still caught by the indexes.
		return name, path, graph.Options{"no_bloom": true, "nosync": false}, nil
	}
	return "", "", nil, fmt.Errorf("%w %q: unknown backend %q", ErrBadStore, spec, name)
}

// Spec returns the spec the store was opened with.
func (s *Store) Spec() string { return s.spec }

// Close closes the store; it waits for running reads and writes.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.pg != nil {
		s.pg.close()
	}
	return s.qs.Close()
}

// read runs fn under the shared lock.
func (s *Store) read(fn func() error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ErrStoreClose
	}
	return fn()
}

// write runs fn under the exclusive lock; on PostgreSQL also under a lock
// that excludes the writers of other processes.
func (s *Store) write(fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrStoreClose
	}
	if s.pg != nil {
		return s.pg.exclusive(context.Background(), fn)
	}
	return fn()
}

// each calls fn for every quad whose direction d holds v. It stops at the
// first error fn returns, or when ctx is done.
func (s *Store) each(ctx context.Context, d quad.Direction, v quad.Value, fn func(quad.Quad) error) error {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	return s.drain(ctx, s.qs.QuadIterator(d, ref), fn)
}

// drain calls fn with the quad of every result of it, and closes it. It
// stops at the first error fn returns, or when ctx is done.
func (s *Store) drain(ctx context.Context, it graph.Iterator, fn func(quad.Quad) error) error {
	defer it.Close()
	for it.Next(ctx) {
		if err := fn(s.qs.Quad(it.Result())); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// eachWith calls fn for every quad with subject sv and predicate pv,
// through the subject+predicate index where the backend has one (an
// entity's name among its thousands of facts is then one lookup).
func (s *Store) eachWith(ctx context.Context, sv, pv quad.Value, fn func(quad.Quad) error) error {
	kvqs, ok := s.qs.(*kv.QuadStore)
	if !ok {
		return s.each(ctx, quad.Subject, sv, func(q quad.Quad) error {
			if q.Predicate != pv {
				return nil
			}
			return fn(q)
		})
	}
	sref, ok1 := s.qs.ValueOf(sv).(kv.Int64Value)
	pref, ok2 := s.qs.ValueOf(pv).(kv.Int64Value)
	if !ok1 || !ok2 {
		return nil // either value is not stored: no such quad
	}
	return s.drain(ctx, kv.NewQuadIterator(kvqs, kvSubjectPredicate, []uint64{uint64(sref), uint64(pref)}), fn)
}

// apply writes deltas in one Cayley transaction, ignoring duplicates and
// missing quads so that retries and overlapping batches are harmless; of
// several deltas on one quad the last one counts.
//
// Deletions go in a transaction of their own, before the additions: Cayley
// v0.7.7's key-value stores lose a node still in use when one transaction
// removes and adds quads sharing it (seen with bolt: replacing a document's
// content-hash quad left the document's other quads without a subject).
// A crash between the two leaves the old version gone and the new one not
// yet there; the next load finds the document absent and adds it.
func (s *Store) apply(deltas []graph.Delta) error {
	if len(deltas) == 0 {
		return nil
	}
	if s.pg != nil {
		// PostgreSQL: one COPY-based transaction instead of a statement per
		// node and quad (pgcopy.go).
		return s.bulkApply(context.Background(), deltas)
	}
	deltas = lastActions(deltas)
	opts := graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	var dels, adds []graph.Delta
	for _, d := range deltas {
		if d.Action == graph.Delete {
			dels = append(dels, d)
		} else {
			adds = append(adds, d)
		}
	}
	if len(dels) > 0 && s.backend != "memstore" {
		if err := s.qs.ApplyDeltas(dels, opts); err != nil {
			return err
		}
		deltas = adds
	}
	if len(deltas) == 0 {
		return nil
	}
	return s.qs.ApplyDeltas(deltas, opts)
}

// lastActions keeps, of the deltas on one quad, the last: a batch that
// adds a quad and then deletes it leaves it deleted, whatever order the
// store applies additions and deletions in.
func lastActions(deltas []graph.Delta) []graph.Delta {
	last := make(map[quad.Quad]int, len(deltas))
	for i, d := range deltas {
		last[d.Quad] = i
	}
	if len(last) == len(deltas) {
		return deltas
	}
	out := make([]graph.Delta, 0, len(last))
	for i, d := range deltas {
		if last[d.Quad] == i {
			out = append(out, d)
		}
	}
	return out
}

// Stats is the size of the store.
type Stats struct {
	Quads     int64 `json:"quads"`
	Nodes     int64 `json:"nodes"`
	Documents int   `json:"documents"`
}

// Stats counts quads, nodes and documents.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.read(func() error {
		if s.pg != nil {
			var err error
			st, err = s.pg.stats(ctx)
			return err
		}
		cs, err := s.qs.Stats(ctx, false)
		if errors.Is(err, kv.ErrNoBucket) {
			return nil // a key-value store never written to has no size yet
		}
		if err != nil {
			return err
		}
		st.Quads, st.Nodes = cs.Quads.Size, cs.Nodes.Size
		return s.each(ctx, quad.Object, documentClass, func(q quad.Quad) error {
			if q.Predicate != rdfType || q.Label != documentsGraph {
				return nil
			}
			st.Documents++
			return nil
		})
	})
	return st, err
}
