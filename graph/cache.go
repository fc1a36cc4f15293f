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
}

// readCacheSize bounds each map of the cache; a full map starts again.
const readCacheSize = 1 << 18

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
		refs: map[quad.Value]graph.Ref{}, links: map[[2]any][]graph.Ref{}}
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

func (c *readCache) statement(k any) (cachedStatement, bool) {
	c.mu.RLock()
	v, ok := c.stmts[k]
	c.mu.RUnlock()
	return v, ok
}

func (c *readCache) putStatement(k any, v cachedStatement) {
	c.mu.Lock()
	if len(c.stmts) >= readCacheSize {
		clear(c.stmts)
	}
	c.stmts[k] = v
	c.mu.Unlock()
}

func (c *readCache) brief(k any) (cachedBrief, bool) {
	c.mu.RLock()
	v, ok := c.briefs[k]
	c.mu.RUnlock()
	return v, ok
}

func (c *readCache) putBrief(k any, v cachedBrief) {
	c.mu.Lock()
	if len(c.briefs) >= readCacheSize {
		clear(c.briefs)
	}
	c.briefs[k] = v
	c.mu.Unlock()
}

func (c *readCache) date(doc string) (string, bool) {
	c.mu.RLock()
	v, ok := c.dates[doc]
	c.mu.RUnlock()
	return v, ok
}

func (c *readCache) putDate(doc, d string) {
	c.mu.Lock()
	if len(c.dates) >= readCacheSize {
		clear(c.dates)
	}
	c.dates[doc] = d
	c.mu.Unlock()
}

func (c *readCache) ref(v quad.Value) (graph.Ref, bool) {
	c.mu.RLock()
	r, ok := c.refs[v]
	c.mu.RUnlock()
	return r, ok
}

func (c *readCache) putRef(v quad.Value, r graph.Ref) {
	c.mu.Lock()
	if len(c.refs) >= readCacheSize {
		clear(c.refs)
	}
	c.refs[v] = r
	c.mu.Unlock()
}

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
