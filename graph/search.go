package graph

import (
	"context"
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"golang.org/x/text/unicode/norm"
)

// How a search result matched, best first.
const (
	MatchFuzzy  = 1 // a name or a word of it within one or two typos
	MatchPrefix = 2 // a name, alias or word of it starts with the query
	MatchAlias  = 3 // an alias equals the query
	MatchExact  = 4 // the canonical name equals the query
)

// Match is an entity found by Search, with how well it matched and how many
// facts it takes part in (counted up to MaxFactCount).
type Match struct {
	Entity
	Score int `json:"score"` // MatchExact, MatchAlias, MatchPrefix or MatchFuzzy
	Facts int `json:"facts"`
}

// MaxFactCount caps the fact counts that rank search results: beyond it an
// entity is simply a hub.
const MaxFactCount = 1000

// SearchOptions is an entity search.
type SearchOptions struct {
	Query  string
	Kinds  []Kind // keep only these kinds; empty keeps all
	Limit  int    // default 20
	Cursor string // from a previous page's Next
}

// SearchPage is one page of search results.
type SearchPage struct {
	Matches []Match `json:"results"`
	Total   int     `json:"total"`          // candidates matched, all pages
	Next    string  `json:"next,omitempty"` // cursor of the next page, if any
}

// ErrBadCursor reports a cursor this store did not hand out.
var ErrBadCursor = fmt.Errorf("graph: bad cursor")

// encodeCursor and decodeCursor turn an offset into an opaque cursor.
func encodeCursor(off int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(off)))
}

func decodeCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), "o:") {
		return 0, fmt.Errorf("%w %q", ErrBadCursor, c)
	}
	n, err := strconv.Atoi(string(b[2:]))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w %q", ErrBadCursor, c)
	}
	return n, nil
}

// Search finds entities by name or alias (see SearchEntities) and returns
// the first limit matches.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]Match, error) {
	p, err := s.SearchEntities(ctx, SearchOptions{Query: q, Limit: limit})
	return p.Matches, err
}

// SearchEntities finds entities by name or alias, case- and accent-blind:
// exact names first, then exact aliases, then names, aliases or words of
// them that start with the query, then those within one typo (two for
// queries of eight letters or more); within each rank, entities with more
// facts come first, then by name.
func (s *Store) SearchEntities(ctx context.Context, opt SearchOptions) (SearchPage, error) {
	var page SearchPage
	key := Fold(opt.Query)
	if key == "" {
		return page, nil
	}
	if opt.Limit <= 0 {
		opt.Limit = 20
	}
	off, err := decodeCursor(opt.Cursor)
	if err != nil {
		return page, err
	}
	err = s.read(func() error {
		idx, err := s.nameIndexLocked(ctx)
		if err != nil {
			return err
		}
		r := s.reader(ctx)
		scores := idx.lookup(key)
		type cand struct {
			id    string
			score int
			e     Entity
		}
		cands := make([]cand, 0, len(scores))
		for id, sc := range scores {
			cands = append(cands, cand{id: id, score: sc})
		}
		// Kinds are read only when filtering on them.
		if len(opt.Kinds) > 0 {
			keep := cands[:0]
			for _, c := range cands {
				e, ok := r.brief(r.entityRef(c.id))
				if ok && kindIn(e.Kind, opt.Kinds) {
					c.e = e
					keep = append(keep, c)
				}
			}
			cands = keep
		}
		sort.Slice(cands, func(i, j int) bool {
			if cands[i].score != cands[j].score {
				return cands[i].score > cands[j].score
			}
			return cands[i].id < cands[j].id
		})
		page.Total = len(cands)
		// Count facts for the ranks the page reaches, up to a budget of
		// candidates; ranks too large to count are ordered by name.
		end := min(off+opt.Limit, len(cands))
		counts := map[string]int{}
		for i := 0; i < len(cands); {
			j := i
			for j < len(cands) && cands[j].score == cands[i].score {
				j++
			}
			if i >= end {
				break
			}
			if j-i <= 300 {
				for _, c := range cands[i:j] {
					n, err := idx.factCount(r, c.id)
					if err != nil {
						return err
					}
					counts[c.id] = n
				}
				grp := cands[i:j]
				sort.SliceStable(grp, func(a, b int) bool { return counts[grp[a].id] > counts[grp[b].id] })
			}
			i = j
		}
		for _, c := range cands[min(off, len(cands)):end] {
			e, ok := r.entity(r.entityRef(c.id))
			if !ok {
				continue // removed since the index was built
			}
			n, ok := counts[c.id]
			if !ok {
				if n, err = idx.factCount(r, c.id); err != nil {
					return err
				}
			}
			page.Matches = append(page.Matches, Match{Entity: e, Score: c.score, Facts: n})
		}
		if end < len(cands) {
			page.Next = encodeCursor(end)
		}
		return nil
	})
	return page, err
}

func kindIn(k Kind, ks []Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// Fold lowers case, strips accents and punctuation and folds spaces, the
// key under which names are compared.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.', r == '\'', r == '’':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// nameIndex maps folded names to entity ids, for search. It is built from
// the store on first use and kept up to date by writes (Put adds the names
// of the entities it writes; other writes drop the index). It also carries
// the read cache of the current write generation (see readCache): an
// unbuilt index exists just to carry it.
type nameIndex struct {
	names  map[string]map[string]int // folded name -> id -> MatchExact or MatchAlias
	starts []string                  // sorted "word suffix\x00folded name": every word start of every name
	byLen  map[int][]string          // folded names and words by length in runes, for typos
	counts map[string]int            // entity id -> facts, counted on demand
	dirty  bool                      // starts and byLen need rebuilding
	built  bool                      // names were read from the store
	cache  *readCache                // reads of this write generation
}

// countsMu guards the fact counts of name indexes, which concurrent
// searches fill in.
var countsMu sync.Mutex

func newNameIndex() *nameIndex {
	return &nameIndex{names: map[string]map[string]int{}, counts: map[string]int{}}
}

// nameIndexLocked returns the name index, building it on first use. Readers
// may race to build or refresh it, so namesMu guards it; writers, which
// exclude readers, update it in place.
func (s *Store) nameIndexLocked(ctx context.Context) (*nameIndex, error) {
	s.namesMu.Lock()
	defer s.namesMu.Unlock()
	if idx := s.names; idx != nil && idx.built {
		idx.refresh()
		return idx, nil
	}
	idx := newNameIndex()
	if s.names != nil {
		idx.cache = s.names.cache // no write since it was made: still good
	}
	if idx.cache == nil {
		idx.cache = newReadCache()
	}
	// namesMu is held: the reader takes the cache directly.
	r := s.readerWith(ctx, idx.cache)
	name, alt := r.ref(schemaName), r.ref(schemaAltName)
	for _, k := range Kinds {
		if err := r.scan(quad.Object, r.ref(iri(NS+string(k))), r.ref(rdfType), func(q graph.Ref) error {
			e := r.dir(q, quad.Subject)
			id, ok := r.entityIDOf(e)
			if !ok {
				return nil
			}
			for _, p := range []graph.Ref{name, alt} {
				score := MatchExact
				if !same(p, name) {
					score = MatchAlias
				}
				if err := r.scan(quad.Subject, e, p, func(q graph.Ref) error {
					idx.put(literal(r.value(r.dir(q, quad.Object))), id, score)
					return nil
				}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	idx.refresh()
	idx.built = true
	s.names = idx
	return idx, nil
}

func (idx *nameIndex) put(name, id string, score int) {
	k := Fold(name)
	if k == "" {
		return
	}
	m := idx.names[k]
	if m == nil {
		m = map[string]int{}
		idx.names[k] = m
		idx.dirty = true
	}
	if m[id] < score {
		m[id] = score
	}
}

// add records the names of entities a write stored, and forgets their fact
// counts, which the write changed. It is a no-op on a nil index.
func (idx *nameIndex) add(es []Entity) {
	if idx == nil {
		return
	}
	idx.cache = nil // the write changed facts: reads start afresh
	if !idx.built {
		return // the index will be read from the store when first used
	}
	for _, e := range es {
		idx.put(e.Name, e.ID, MatchExact)
		for _, a := range e.Aliases {
			idx.put(a, e.ID, MatchAlias)
		}
		delete(idx.counts, e.ID)
	}
}

// refresh rebuilds the prefix and typo tables after names were added.
func (idx *nameIndex) refresh() {
	if !idx.dirty {
		return
	}
	idx.starts = idx.starts[:0]
	idx.byLen = map[int][]string{}
	seen := map[string]bool{}
	for name := range idx.names {
		for i := 0; i < len(name); i++ {
			if i == 0 || name[i-1] == ' ' {
				idx.starts = append(idx.starts, name[i:]+"\x00"+name)
			}
		}
		for _, w := range append(strings.Fields(name), name) {
			if !seen[w] {
				seen[w] = true
				n := len([]rune(w))
				idx.byLen[n] = append(idx.byLen[n], w)
			}
		}
	}
	sort.Strings(idx.starts)
	idx.dirty = false
}

// lookup returns the ids matching key with their best score.
func (idx *nameIndex) lookup(key string) map[string]int {
	out := map[string]int{}
	better := func(id string, sc int) {
		if out[id] < sc {
			out[id] = sc
		}
	}
	for id, sc := range idx.names[key] {
		better(id, sc)
	}
	i := sort.SearchStrings(idx.starts, key)
	for ; i < len(idx.starts) && strings.HasPrefix(idx.starts[i], key); i++ {
		_, name, _ := strings.Cut(idx.starts[i], "\x00")
		for id := range idx.names[name] {
			better(id, MatchPrefix)
		}
	}
	// Typos: compare with names and single words of similar length.
	qr := []rune(key)
	k := 0
	switch {
	case len(qr) >= 8:
		k = 2
	case len(qr) >= 4:
		k = 1
	}
	if k == 0 {
		return out
	}
	for n := len(qr) - k; n <= len(qr)+k; n++ {
		for _, w := range idx.byLen[n] {
			if editWithin(qr, w, k) {
				idx.eachNameWith(w, func(name string) {
					for id := range idx.names[name] {
						better(id, MatchFuzzy)
					}
				})
			}
		}
	}
	return out
}

// eachNameWith calls fn with every name that is w or has w as a word.
func (idx *nameIndex) eachNameWith(w string, fn func(name string)) {
	i := sort.SearchStrings(idx.starts, w)
	for ; i < len(idx.starts) && strings.HasPrefix(idx.starts[i], w); i++ {
		rest, name, _ := strings.Cut(idx.starts[i], "\x00")
		if rest == w || strings.HasPrefix(rest, w+" ") {
			fn(name)
		}
	}
}

// editWithin reports whether the Damerau-Levenshtein (optimal string
// alignment) distance between a and b is at most k.
func editWithin(a []rune, b string, k int) bool {
	br := []rune(b)
	if d := len(a) - len(br); d > k || -d > k {
		return false
	}
	prev2 := make([]int, len(br)+1)
	prev := make([]int, len(br)+1)
	cur := make([]int, len(br)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(br); j++ {
			cost := 1
			if a[i-1] == br[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == br[j-2] && a[i-2] == br[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > k {
			return false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(br)] <= k
}

// factCount returns the number of facts entity id takes part in, up to
// MaxFactCount, counting on first use. The caller holds the read lock;
// counts are guarded by namesMu's discipline: written only here, under the
// index's own lock.
func (idx *nameIndex) factCount(r *reader, id string) (int, error) {
	countsMu.Lock()
	n, ok := idx.counts[id]
	countsMu.Unlock()
	if ok {
		return n, nil
	}
	e := r.entityRef(id)
	n = 0
	for _, link := range []quad.IRI{rdfSubject, rdfObject} {
		err := r.scan(quad.Object, e, r.ref(link), func(graph.Ref) error {
			n++
			if n >= MaxFactCount {
				return errStop
			}
			return nil
		})
		if err := ignoreStop(err); err != nil {
			return 0, err
		}
		if n >= MaxFactCount {
			break
		}
	}
	countsMu.Lock()
	idx.counts[id] = n
	countsMu.Unlock()
	return n, nil
}
