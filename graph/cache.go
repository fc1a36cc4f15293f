package graph

import (
	"sync"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// readCache keeps what reads rebuild most often (evidence statements read
// back as facts, entities' names and kinds, documents' dates) between
// reads. It lives in the store's name index, which every write already
// keeps current (Put reports its entities to it) or drops (Forget, Import,
// Synthesize), so that a write always starts the cache afresh. Readers
// share it under its own lock; writers, which exclude readers, replace it.
type readCache struct {
	mu     sync.RWMutex
	stmts  map[any]cachedStatement
	briefs map[any]cachedBrief
	dates  map[string]string
	refs   map[quad.Value]graph.Ref // nil when the store lacks the value
	links  map[[2]any][]graph.Ref   // (node, link) -> statements
	docs   map[any]*docValidity     // document node -> validity card (asof.go); nil when none
	edges  map[[2]any]edgeList      // (node, direction) -> its fact quads as edges (path.go)
	nedges int                      // edges held in edges
}

// readCacheSize bounds each map of the cache; a full map starts again.
const readCacheSize = 1 << 18

// cacheGet reads one of the cache's maps under its lock.
func cacheGet[K comparable, V any](c *readCache, m map[K]V, k K) (V, bool) {
	c.mu.RLock()
	v, ok := m[k]
	c.mu.RUnlock()
	return v, ok
}

// cachePut writes one of the cache's maps under its lock, starting the map
// again when it is full.
func cachePut[K comparable, V any](c *readCache, m map[K]V, k K, v V) {
	c.mu.Lock()
	if len(m) >= readCacheSize {
		clear(m)
	}
	m[k] = v
	c.mu.Unlock()
}

type cachedStatement struct {
	f         Fact
	subj, obj graph.Ref
	ok        bool
}

type cachedBrief struct {
	e  Entity
	ok bool
}

func newReadCache() *readCache {
	return &readCache{stmts: map[any]cachedStatement{}, briefs: map[any]cachedBrief{}, dates: map[string]string{},
		refs: map[quad.Value]graph.Ref{}, links: map[[2]any][]graph.Ref{}, docs: map[any]*docValidity{},
		edges: map[[2]any]edgeList{}}
}

// readCache returns the cache of the current write generation, creating
// the (unbuilt) name index that carries it when there is none. The caller
// holds the read lock.
func (s *Store) readCache() *readCache {
	s.namesMu.Lock()
	defer s.namesMu.Unlock()
	if s.names == nil {
		s.names = newNameIndex()
	}
	if s.names.cache == nil {
		s.names.cache = newReadCache()
	}
	return s.names.cache
}

func (c *readCache) statement(k any) (cachedStatement, bool) { return cacheGet(c, c.stmts, k) }

func (c *readCache) putStatement(k any, v cachedStatement) { cachePut(c, c.stmts, k, v) }

func (c *readCache) brief(k any) (cachedBrief, bool) { return cacheGet(c, c.briefs, k) }

func (c *readCache) putBrief(k any, v cachedBrief) { cachePut(c, c.briefs, k, v) }

func (c *readCache) date(doc string) (string, bool) { return cacheGet(c, c.dates, doc) }

func (c *readCache) putDate(doc, d string) { cachePut(c, c.dates, doc, d) }

func (c *readCache) docValidity(k any) (*docValidity, bool) { return cacheGet(c, c.docs, k) }

func (c *readCache) putDocValidity(k any, dv *docValidity) { cachePut(c, c.docs, k, dv) }

func (c *readCache) ref(v quad.Value) (graph.Ref, bool) { return cacheGet(c, c.refs, v) }

func (c *readCache) putRef(v quad.Value, r graph.Ref) { cachePut(c, c.refs, v, r) }

// maxCachedLinks is the longest list of statements kept per node: hubs'
// lists are read again rather than held.
const maxCachedLinks = 4096

func (c *readCache) linked(k [2]any) ([]graph.Ref, bool) {
	c.mu.RLock()
	r, ok := c.links[k]
	c.mu.RUnlock()
	return r, ok
}

func (c *readCache) putLinked(k [2]any, sts []graph.Ref) {
	if len(sts) > maxCachedLinks {
		return
	}
	c.mu.Lock()
	if len(c.links) >= readCacheSize/4 {
		clear(c.links)
	}
	c.links[k] = sts
	c.mu.Unlock()
}

// edgeCacheSize bounds the edges the cache holds over all nodes (about 48
// bytes each); a node with more than a sixteenth of it is read again
// rather than held.
const edgeCacheSize = 1 << 19

// edgeList is a node's complete list of edges in one direction and, once
// an as-of walk has needed them, when each edge's fact held (whens, in the
// same order; nil before).
type edgeList struct {
	es    []edge
	whens []edgeWhen
}

// edgesOf returns the edges of a node in one direction, when a read
// listed them all, with their whens when an as-of walk has kept them.
func (c *readCache) edgesOf(k [2]any) ([]edge, []edgeWhen, bool) {
	c.mu.RLock()
	l, ok := c.edges[k]
	c.mu.RUnlock()
	return l.es, l.whens, ok
}

// putEdges keeps the complete list of a node's edges in one direction,
// with their whens when an as-of walk read it (else nil), starting the
// map again when the bound would be passed.
func (c *readCache) putEdges(k [2]any, es []edge, whens []edgeWhen) {
	if len(es) > edgeCacheSize/16 {
		return
	}
	c.mu.Lock()
	if c.nedges+len(es) > edgeCacheSize {
		clear(c.edges)
		c.nedges = 0
	}
	if old, ok := c.edges[k]; ok {
		c.nedges -= len(old.es)
	}
	if len(whens) != len(es) {
		whens = nil
	}
	c.edges[k] = edgeList{es: es, whens: whens}
	c.nedges += len(es)
	c.mu.Unlock()
}

// putWhens keeps the whens of the edge list es of k, when es is still the
// list the cache holds for k.
func (c *readCache) putWhens(k [2]any, es []edge, whens []edgeWhen) {
	if len(es) == 0 || len(whens) != len(es) {
		return
	}
	c.mu.Lock()
	if l, ok := c.edges[k]; ok && len(l.es) == len(es) && &l.es[0] == &es[0] {
		l.whens = whens
		c.edges[k] = l
	}
	c.mu.Unlock()
}
