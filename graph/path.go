package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
)

// Cayley has no shortest-path operation and its recursive traversals return
// no path, so Path searches itself: a bidirectional breadth-first search over
// the quad indexes (the fact quads of the documents' named graphs, walked
// either way), loading only the nodes it visits, and Yen's algorithm on top
// of it for the k shortest simple paths.

// FactPredicates are the predicates of the contract, in its order, then
// those Accord adds (dated, hosts: data/predicates.yaml).
var FactPredicates = []string{
	"met", "visited", "discussed", "agreedTo", "partyTo", "pledged", "committedTo", "announced",
	"covers", "signed", "urged", "seeks", "supports", "opposes", "criticized", "memberOf",
	"leaderOf", "holdsRole", "spokespersonFor", "locatedIn", "connects", "crossed", "funds",
	"sanctioned", "thanked", "invited", "expects", "concerns", "dated", "hosts",
}

// Limits of path searches.
const (
	DefaultPathDepth = 6
	MaxPathDepth     = 10
	MaxPaths         = 20
)

// PathOptions shapes a path search.
type PathOptions struct {
	MaxDepth   int      // longest path searched, in hops; default DefaultPathDepth
	Predicates []string // walk only facts with these predicates; empty walks all
	Exclude    []string // entity ids no path may pass through
	K          int      // the k shortest simple paths; default 1
	AsOf       string   // walk only facts that held on this day, YYYY-MM-DD (asof.go)
}

// Hop is one step of a path: the fact that links two entities, either way,
// with the documents and sentences that state it. Other facts linking the
// same two entities are listed in Also.
type Hop struct {
	From      string         `json:"from"`
	FromName  string         `json:"from_name"`
	To        string         `json:"to"`
	ToName    string         `json:"to_name"`
	Predicate string         `json:"predicate"`
	Direction string         `json:"direction"` // "out": From is the subject; "in": To is
	Documents []string       `json:"documents"`
	Evidence  []EdgeEvidence `json:"evidence"`
	Also      []Relation     `json:"also,omitempty"`
}

// Relation is a predicate linking two entities in a direction, with the
// documents that state it.
type Relation struct {
	Predicate string   `json:"predicate"`
	Direction string   `json:"direction"`
	Documents []string `json:"documents"`
}

// Path is a chain of hops from one entity to another.
type Path struct {
	Length int    `json:"length"`
	Hops   []Hop  `json:"hops"`
	Nodes  []Node `json:"nodes"`
}

// Node is an entity on a path.
type Node struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind Kind   `json:"type"`
}

// PathResult is the answer of a path search: the paths found, shortest
// first, and the depth searched (MaxDepth when no path was found).
type PathResult struct {
	From     string `json:"from"`
	To       string `json:"to"`
	MaxDepth int    `json:"max_depth"`
	Searched int    `json:"depth_searched"`
	// Exhausted reports that the search ran out of entities to visit
	// before MaxDepth: no path exists at any depth.
	Exhausted bool   `json:"exhausted"`
	Paths     []Path `json:"paths"`
	// Disputes, as of a day, are the facts on the paths whose sources
	// disagree on whether they held on it.
	Disputes []DateDispute `json:"disputes,omitempty"`
}

// Path finds the shortest path between entities from and to, or the k
// shortest simple paths, walking facts either way. Among paths of the same
// length it returns the first the search meets.
func (s *Store) Path(ctx context.Context, from, to string, opt PathOptions) (PathResult, error) {
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = DefaultPathDepth
	}
	opt.MaxDepth = min(opt.MaxDepth, MaxPathDepth)
	opt.K = min(max(opt.K, 1), MaxPaths)
	res := PathResult{From: from, To: to, MaxDepth: opt.MaxDepth, Paths: []Path{}}
	if opt.AsOf != "" {
		if err := CheckAsOf(opt.AsOf); err != nil {
			return res, err
		}
	}
	err := s.read(func() error {
		r := s.fastReader(ctx)
		defer r.close()
		a, b := r.entityRef(from), r.entityRef(to)
		for _, e := range []struct {
			id  string
			ref graph.Ref
		}{{from, a}, {to, b}} {
			if _, ok := r.brief(e.ref); !ok {
				return fmt.Errorf("path: entity %q: %w", e.id, ErrNotFound)
			}
		}
		w := newWalker(r, opt.AsOf)
		if len(opt.Predicates) > 0 {
			for _, p := range opt.Predicates {
				if ref := r.ref(iri(PredicateIRI(p))); ref != nil {
					w.preds[key(ref)] = true
				}
			}
			if len(w.preds) == 0 {
				res.Searched = opt.MaxDepth
				return nil
			}
		}
		banned := map[any]bool{}
		for _, id := range opt.Exclude {
			if ref := r.entityRef(id); ref != nil {
				banned[key(ref)] = true
			}
		}
		if banned[key(a)] || banned[key(b)] {
			res.Searched = 0
			return nil
		}
		paths, searched, err := w.kShortest(a, b, opt.MaxDepth, opt.K, banned)
		if err != nil {
			return err
		}
		res.Searched = searched
		res.Exhausted = len(paths) == 0 && searched < opt.MaxDepth
		r.startNotes(opt.AsOf) // the disputes of the hops' evidence
		defer func() { res.Disputes = r.notes.disputes() }()
		for _, p := range paths {
			path, err := w.describe(p, opt.Predicates)
			if err != nil {
				return err
			}
			res.Paths = append(res.Paths, path)
		}
		return nil
	})
	return res, err
}

// walker walks the fact quads around entity nodes.
type walker struct {
	r      *reader
	preds  map[any]bool   // predicate keys walked; empty walks all
	labels map[any]bool   // graph labels that hold no facts
	links  map[any]bool   // predicate keys of the statements' links to their subjects and objects
	asOf   string         // walk only facts that held on this day; "" walks all
	hops   map[[2]any]Hop // the hops described, by their two nodes in order
	// degrees are the nodes' degrees the search has read (degree).
	degrees map[any]int
}

// newWalker returns a walker of r's store, as of day ("": walking all).
func newWalker(r *reader, day string) *walker {
	w := &walker{r: r, preds: map[any]bool{}, labels: map[any]bool{}, links: map[any]bool{}, asOf: day}
	for _, g := range []quad.IRI{entitiesGraph, documentsGraph, provenanceGraph} {
		if ref := r.ref(g); ref != nil {
			w.labels[key(ref)] = true
		}
	}
	for _, p := range []quad.IRI{rdfSubject, rdfObject} {
		if ref := r.ref(p); ref != nil {
			w.links[key(ref)] = true
		}
	}
	return w
}

// neighbours calls fn with every entity node linked to n by a fact that
// want (when not nil) wants: the search's unvisited nodes, so that an
// as-of walk checks the dates of those facts only. It stops when fn
// returns false.
func (w *walker) neighbours(n graph.Ref, want func(other graph.Ref) bool, fn func(other graph.Ref) bool) error {
	r := w.r
	stop := false
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := w.edges(n, d, func(e edge, wh edgeWhen) bool {
			if len(w.preds) > 0 && !w.preds[key(e.pred)] {
				return true
			}
			if want != nil && !want(e.other) {
				return true
			}
			if w.asOf != "" && !r.edgeHolds(wh, e, n, d, w.asOf) {
				return true
			}
			stop = !fn(e.other)
			return !stop
		})
		if err != nil {
			return err
		}
		if stop {
			return nil
		}
	}
	return nil
}

// edgeWhen is when an edge's fact held, as its document's validity card
// says: the intervals the card lists for the fact, or, when it does not
// list it, from the document's date. A zero edgeWhen (no card) sends the
// check to the fact's statements.
type edgeWhen struct {
	dv     *docValidity
	ivs    []interval
	listed bool
}

// edgeWhen reads when edge e of node n (in direction d) held from its
// document's validity card: the edge carries the quad's label, subject,
// predicate and object, so only the card is read.
func (r *reader) edgeWhen(e edge, n graph.Ref, d quad.Direction) edgeWhen {
	dv := r.docValidity(e.label)
	if dv == nil {
		return edgeWhen{}
	}
	s, o := e.ends(n, d)
	ivs, listed := r.listed(dv, s, e.pred, o)
	return edgeWhen{dv: dv, ivs: ivs, listed: listed}
}

// edgeHolds reports whether edge e of node n held on day, from wh when its
// document has a validity card, else from the fact's statements.
func (r *reader) edgeHolds(wh edgeWhen, e edge, n graph.Ref, d quad.Direction, day string) bool {
	if wh.dv != nil {
		return wh.dv.holds(wh.ivs, wh.listed, day)
	}
	s, o := e.ends(n, d)
	return r.holdsQuadOf(nil, e.label, s, o, e.pred, day)
}

// whens returns, for an as-of walk, when each edge of the cached list es
// of n in direction d held, in the list's order: read from the cards the
// first time an as-of walk meets the list (or kept when one read it from
// the index), then kept with it, so that the walks that follow, on any
// day, check a hub's edges without reading the facts' values again. Nil
// when the walk is not as of a day.
func (w *walker) whens(n graph.Ref, d quad.Direction, es []edge, whens []edgeWhen) []edgeWhen {
	if w.asOf == "" || whens != nil || len(es) == 0 {
		return whens
	}
	r := w.r
	whens = make([]edgeWhen, len(es))
	for i, e := range es {
		whens[i] = r.edgeWhen(e, n, d)
	}
	r.rc.putWhens([2]any{key(n), d}, es, whens)
	return whens
}

// edge is a fact quad seen from one of its entities: the entity at its
// other end, its predicate and its document's graph.
type edge struct {
	other, pred, label graph.Ref
}

// ends returns the subject and object of edge e of node n, read from n in
// direction d.
func (e edge) ends(n graph.Ref, d quad.Direction) (s, o graph.Ref) {
	if d == quad.Object {
		return e.other, n
	}
	return n, e.other
}

// edges calls fn with the fact quads whose direction d (subject or
// object) is node n, as edges, in the index's order, until fn returns
// false; in an as-of walk with when each held (zero otherwise). A list
// read to its end is kept in the read cache, with its whens when an as-of
// walk read it, so that a hub met again (by the next search, or by the
// next as-of search, which reads further before it meets the other side)
// costs no index reads; on bolt the lists are read from the index
// directly.
func (w *walker) edges(n graph.Ref, d quad.Direction, fn func(e edge, wh edgeWhen) bool) error {
	r := w.r
	ck := [2]any{key(n), d}
	if es, whens, ok := r.rc.edgesOf(ck); ok {
		whens = w.whens(n, d, es, whens)
		for i, e := range es {
			var wh edgeWhen
			if whens != nil {
				wh = whens[i]
			}
			if !fn(e, wh) {
				return nil
			}
		}
		return nil
	}
	far := quad.Object
	if d == quad.Object {
		far = quad.Subject
	}
	var seen []edge
	var whens []edgeWhen // as of a day: when each edge of seen held
	whole := true        // fn never stopped the scan
	emit := func(l, p, other graph.Ref) bool {
		if l == nil || w.labels[key(l)] || w.links[key(p)] {
			return true
		}
		if _, ok := r.entityIDOf(other); !ok {
			return true
		}
		e := edge{other: other, pred: p, label: l}
		seen = append(seen, e)
		var wh edgeWhen
		if w.asOf != "" {
			wh = r.edgeWhen(e, n, d)
			whens = append(whens, wh)
		}
		if !fn(e, wh) {
			whole = false
		}
		return whole
	}
	if ni, ok := n.(kv.Int64Value); ok && r.b != nil {
		bk := r.b.sp
		if d == quad.Object {
			bk = r.b.ops
		}
		// An entity's statements link to it through the object index,
		// one or more for each of its facts either way: their keys
		// (object, predicate, subject) are passed over before their
		// quads are read. Their subjects are statements, not entities
		// (and their graph the provenance graph), so no edge is lost;
		// emit drops them by predicate on the other backends.
		var keep func(k []byte) bool
		if d == quad.Object && len(w.links) > 0 {
			keep = func(k []byte) bool {
				return len(k) < 16 || !w.links[kv.Int64Value(binary.BigEndian.Uint64(k[8:16]))]
			}
		}
		i := 0
		r.b.quadsOf(bk, true, keep, func(p *proto.Primitive) bool {
			if i++; i&255 == 0 && r.ctx.Err() != nil {
				return false
			}
			var l graph.Ref
			if p.Label != 0 {
				l = kv.Int64Value(p.Label)
			}
			return emit(l, kv.Int64Value(p.Predicate), kv.Int64Value(p.GetDirection(far)))
		}, uint64(ni))
		if err := r.ctx.Err(); err != nil {
			return err
		}
	} else {
		err := r.scan(d, n, anyPredicate, func(q graph.Ref) error {
			if !emit(r.dir(q, quad.Label), r.dir(q, quad.Predicate), r.dir(q, far)) {
				return errStop
			}
			return nil
		})
		if err := ignoreStop(err); err != nil {
			return err
		}
	}
	if whole {
		r.rc.putEdges(ck, seen, whens)
	}
	return nil
}

// searchSide is one half of a bidirectional search.
type searchSide struct {
	parent   map[any]any // node key -> parent key (nil for the root)
	refs     map[any]graph.Ref
	frontier []graph.Ref
	depth    int
	// cost is the sum of the degrees of the frontier's first costed
	// nodes (frontierCost).
	cost, costed int
}

func newSide(root graph.Ref) *searchSide {
	k := key(root)
	return &searchSide{parent: map[any]any{k: nil}, refs: map[any]graph.Ref{k: root}, frontier: []graph.Ref{root}}
}

// chain returns the nodes from k back to the side's root.
func (sd *searchSide) chain(k any) []graph.Ref {
	var out []graph.Ref
	for ; k != nil; k = sd.parent[k] {
		out = append(out, sd.refs[k])
	}
	return out
}

// shortest returns a shortest path from a to b of at most maxDepth hops,
// avoiding the banned nodes and the banned edges (unordered node pairs), as
// a list of nodes, and the depth searched.
func (w *walker) shortest(a, b graph.Ref, maxDepth int, banned map[any]bool, bannedEdges map[[2]any]bool) ([]graph.Ref, int, error) {
	if key(a) == key(b) {
		return []graph.Ref{a}, 0, nil
	}
	A, B := newSide(a), newSide(b)
	for A.depth+B.depth < maxDepth {
		x, y := w.cheaper(A, B)
		if len(x.frontier) == 0 {
			break
		}
		var next []graph.Ref
		var meet any
		for _, n := range x.frontier {
			nk := key(n)
			unvisited := func(other graph.Ref) bool {
				ok := key(other)
				if banned[ok] || (len(bannedEdges) > 0 && bannedEdges[edgeKey(nk, ok)]) {
					return false
				}
				_, seen := x.parent[ok]
				return !seen
			}
			err := w.neighbours(n, unvisited, func(other graph.Ref) bool {
				ok := key(other)
				if _, seen := x.parent[ok]; seen {
					return true // a second fact to a node met already
				}
				x.parent[ok] = nk
				x.refs[ok] = other
				if _, met := y.parent[ok]; met {
					meet = ok
					return false
				}
				next = append(next, other)
				return true
			})
			if err != nil {
				return nil, 0, err
			}
			if meet != nil {
				break
			}
		}
		x.depth++
		x.frontier, x.cost, x.costed = next, 0, 0
		if meet != nil {
			pa, pb := A.chain(meet), B.chain(meet)
			path := make([]graph.Ref, 0, len(pa)+len(pb)-1)
			for i := len(pa) - 1; i >= 0; i-- {
				path = append(path, pa[i])
			}
			path = append(path, pb[1:]...)
			return path, A.depth + B.depth, nil
		}
	}
	return nil, A.depth + B.depth, nil
}

// cheaper returns the side of a search to expand next, then the other:
// on a bolt store the one whose frontier has the fewer edges to read (the
// sum of its nodes' degrees), so that a frontier holding a hub waits
// while the other side's many small entities are cheaper to expand;
// elsewhere, or on a tie, the one with the fewer nodes (A on a tie).
// Either way the search meets at a shortest path's length; which side it
// expands decides which of the paths of that length it meets first. The
// degrees are the store's, not the read cache's, so that the answer does
// not depend on what the cache holds.
func (w *walker) cheaper(A, B *searchSide) (x, y *searchSide) {
	x, y = A, B
	if len(B.frontier) < len(A.frontier) {
		x, y = B, A
	}
	if w.r.b == nil || len(x.frontier) == 0 {
		return x, y
	}
	// The side with the fewer nodes is costed whole, the other only until
	// it costs as much.
	cx := w.frontierCost(x, math.MaxInt)
	if w.frontierCost(y, cx) < cx {
		return y, x
	}
	return x, y
}

// frontierCost adds the degrees of sd's frontier to its cost, node by
// node, until the cost reaches limit or the frontier is costed whole, and
// returns it.
func (w *walker) frontierCost(sd *searchSide, limit int) int {
	for sd.costed < len(sd.frontier) && sd.cost < limit {
		sd.cost += w.degree(sd.frontier[sd.costed])
		sd.costed++
	}
	return sd.cost
}

// degree returns how many edges reading node n costs, on a bolt store:
// its node's reference count (the quads naming it, its facts either way
// and their statements' links to it most of all), read once a search.
func (w *walker) degree(n graph.Ref) int {
	k := key(n)
	if d, ok := w.degrees[k]; ok {
		return d
	}
	d := int(min(w.r.b.refs(w.r.value(n)), math.MaxInt32))
	if w.degrees == nil {
		w.degrees = map[any]int{}
	}
	w.degrees[k] = d
	return d
}

func edgeKey(a, b any) [2]any {
	if fmt.Sprint(a) > fmt.Sprint(b) {
		a, b = b, a
	}
	return [2]any{a, b}
}

// kShortest returns up to k shortest simple paths from a to b (Yen's
// algorithm over the bidirectional search), and the depth searched.
func (w *walker) kShortest(a, b graph.Ref, maxDepth, k int, banned map[any]bool) ([][]graph.Ref, int, error) {
	first, searched, err := w.shortest(a, b, maxDepth, banned, nil)
	if err != nil || first == nil {
		return nil, searched, err
	}
	found := [][]graph.Ref{first}
	var cands [][]graph.Ref
	seen := map[string]bool{pathKey(first): true}
	for len(found) < k {
		last := found[len(found)-1]
		for i := 0; i < len(last)-1; i++ {
			spur, root := last[i], last[:i+1]
			cut := map[[2]any]bool{}
			for _, p := range found {
				if len(p) > i+1 && samePrefix(p, root) {
					cut[edgeKey(key(p[i]), key(p[i+1]))] = true
				}
			}
			ban := make(map[any]bool, len(banned)+i)
			for k := range banned {
				ban[k] = true
			}
			for _, n := range root[:i] {
				ban[key(n)] = true
			}
			rest, _, err := w.shortest(spur, b, maxDepth-i, ban, cut)
			if err != nil {
				return nil, searched, err
			}
			if rest == nil {
				continue
			}
			p := append(append([]graph.Ref{}, root[:i]...), rest...)
			if pk := pathKey(p); !seen[pk] {
				seen[pk] = true
				cands = append(cands, p)
			}
		}
		if len(cands) == 0 {
			break
		}
		sort.SliceStable(cands, func(i, j int) bool {
			if len(cands[i]) != len(cands[j]) {
				return len(cands[i]) < len(cands[j])
			}
			return w.idsKey(cands[i]) < w.idsKey(cands[j])
		})
		found = append(found, cands[0])
		cands = cands[1:]
	}
	sort.SliceStable(found, func(i, j int) bool {
		if len(found[i]) != len(found[j]) {
			return len(found[i]) < len(found[j])
		}
		return w.idsKey(found[i]) < w.idsKey(found[j])
	})
	return found, searched, nil
}

func samePrefix(p, root []graph.Ref) bool {
	for i := range root {
		if key(p[i]) != key(root[i]) {
			return false
		}
	}
	return true
}

func pathKey(p []graph.Ref) string {
	var b strings.Builder
	for _, n := range p {
		fmt.Fprint(&b, key(n), "|")
	}
	return b.String()
}

// idsKey orders paths of the same length by their entity ids.
func (w *walker) idsKey(p []graph.Ref) string {
	ids := make([]string, len(p))
	for i, n := range p {
		ids[i], _ = w.r.entityIDOf(n)
	}
	return strings.Join(ids, "\x00")
}

// describe turns a list of nodes into a path whose hops carry their facts
// and evidence.
func (w *walker) describe(nodes []graph.Ref, preds []string) (Path, error) {
	r := w.r
	p := Path{Length: len(nodes) - 1, Hops: []Hop{}}
	for _, n := range nodes {
		e, _ := r.brief(n)
		p.Nodes = append(p.Nodes, Node{ID: e.ID, Name: e.Name, Kind: e.Kind})
	}
	for i := 0; i+1 < len(nodes); i++ {
		// The k shortest paths share hops: each is described once (its
		// statements noted for the disputes the first time).
		hk := [2]any{key(nodes[i]), key(nodes[i+1])}
		h, ok := w.hops[hk]
		if !ok {
			var err error
			if h, err = w.hop(nodes[i], nodes[i+1], preds); err != nil {
				return p, err
			}
			if w.hops == nil {
				w.hops = map[[2]any]Hop{}
			}
			w.hops[hk] = h
		}
		h.From, h.FromName = p.Nodes[i].ID, p.Nodes[i].Name
		h.To, h.ToName = p.Nodes[i+1].ID, p.Nodes[i+1].Name
		p.Hops = append(p.Hops, h)
	}
	return p, nil
}

// hop gathers the facts linking a and b and the evidence of the main one:
// the relation stated by the most documents (then by predicate name, out
// before in).
func (w *walker) hop(a, b graph.Ref, preds []string) (Hop, error) {
	r := w.r
	type rel struct {
		Relation
		s, p, o graph.Ref
		docs    []graph.Ref
	}
	var rels []*rel
	add := func(dir string, s, o graph.Ref, q graph.Ref) {
		if w.asOf != "" && !r.holdsQuad(q, w.asOf) {
			return
		}
		pred := r.dir(q, quad.Predicate)
		for _, x := range rels {
			if x.Direction == dir && same(x.p, pred) {
				x.docs = append(x.docs, r.dir(q, quad.Label))
				return
			}
		}
		rels = append(rels, &rel{Relation: Relation{Predicate: LocalName(literal(r.value(pred))), Direction: dir},
			s: s, p: pred, o: o, docs: []graph.Ref{r.dir(q, quad.Label)}})
	}
	names := preds
	if len(names) == 0 {
		names = FactPredicates
	}
	for _, dir := range []string{"out", "in"} {
		s, o := a, b
		if dir == "in" {
			s, o = b, a
		}
		err := w.between(s, o, names, func(q graph.Ref) { add(dir, s, o, q) })
		if err != nil {
			return Hop{}, err
		}
	}
	for _, x := range rels {
		for _, d := range x.docs {
			if id, ok := documentID(r.value(d)); ok && !contains(x.Documents, id) {
				x.Documents = append(x.Documents, id)
			}
		}
		sort.Strings(x.Documents)
	}
	sort.SliceStable(rels, func(i, j int) bool {
		if len(rels[i].Documents) != len(rels[j].Documents) {
			return len(rels[i].Documents) > len(rels[j].Documents)
		}
		if rels[i].Predicate != rels[j].Predicate {
			return rels[i].Predicate < rels[j].Predicate
		}
		return rels[i].Direction > rels[j].Direction
	})
	h := Hop{Documents: []string{}, Evidence: []EdgeEvidence{}}
	if len(rels) == 0 {
		return h, nil
	}
	main := rels[0]
	h.Predicate, h.Direction, h.Documents = main.Predicate, main.Direction, main.Documents
	for _, x := range rels[1:] {
		h.Also = append(h.Also, x.Relation)
	}
	for _, d := range main.docs {
		fs, err := r.evidence(main.s, main.p, main.o, d)
		if err != nil {
			return h, err
		}
		for _, f := range fs {
			if w.asOf != "" && !r.holds(f, w.asOf) {
				continue
			}
			h.Evidence = append(h.Evidence, edgeEvidence(f))
		}
	}
	sort.SliceStable(h.Evidence, func(i, j int) bool {
		if h.Evidence[i].Doc != h.Evidence[j].Doc {
			return h.Evidence[i].Doc < h.Evidence[j].Doc
		}
		return h.Evidence[i].Start < h.Evidence[j].Start
	})
	return h, nil
}

// between calls fn with every fact quad whose subject is s and object o,
// trying each of the predicates through the object-predicate-subject index
// on key-value stores, else scanning s's quads.
func (w *walker) between(s, o graph.Ref, preds []string, fn func(q graph.Ref)) error {
	r := w.r
	keep := func(q graph.Ref) bool {
		l := r.dir(q, quad.Label)
		return l != nil && !w.labels[key(l)]
	}
	if r.kv != nil {
		for _, name := range preds {
			p := r.ref(iri(PredicateIRI(name)))
			if p == nil {
				continue
			}
			err := r.scanExact(o, p, s, func(q graph.Ref) error {
				if keep(q) {
					fn(q)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	ok := key(o)
	want := map[any]bool{}
	for _, name := range preds {
		if p := r.ref(iri(PredicateIRI(name))); p != nil {
			want[key(p)] = true
		}
	}
	return r.scan(quad.Subject, s, anyPredicate, func(q graph.Ref) error {
		if key(r.dir(q, quad.Object)) == ok && want[key(r.dir(q, quad.Predicate))] && keep(q) {
			fn(q)
		}
		return nil
	})
}

// evidence returns the facts of the statements that describe the fact quad
// (s, p, o, doc): it enumerates the smallest of the statements about s, the
// statements about o and the statements of doc, and checks the rest of each
// candidate through the index.
func (r *reader) evidence(s, p, o, doc graph.Ref) ([]Fact, error) {
	subj, obj, pred, from := r.ref(rdfSubject), r.ref(rdfObject), r.ref(rdfPredicate), r.ref(provDerivedFrom)
	cands, err := r.smallest([][2]graph.Ref{{s, subj}, {o, obj}, {doc, from}})
	if err != nil {
		return nil, err
	}
	var out []Fact
	for _, st := range cands {
		if !r.has(st, subj, s) || !r.has(st, pred, p) || !r.has(st, obj, o) || !r.has(st, from, doc) {
			continue
		}
		f, ok, err := r.statement(st)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, f)
		}
	}
	return out, nil
}

// smallest returns the subjects of the quads (?, link, v) for the pair
// (v, link) that has the fewest, reading the candidates' iterators in turn
// so that the cost is a few times the smallest list.
func (r *reader) smallest(pairs [][2]graph.Ref) ([]graph.Ref, error) {
	type lane struct {
		it   graph.Iterator
		pk   any
		refs []graph.Ref
	}
	var lanes []*lane
	defer func() {
		for _, l := range lanes {
			l.it.Close()
		}
	}()
	for _, pr := range pairs {
		if pr[0] == nil || pr[1] == nil {
			return nil, nil // a missing node: nothing links to it
		}
		it, pk := r.open(quad.Object, pr[0], pr[1])
		lanes = append(lanes, &lane{it: it, pk: pk})
	}
	if len(lanes) == 0 {
		return nil, nil
	}
	for {
		for _, l := range lanes {
			q := r.next(l.it, l.pk)
			if q == nil {
				if err := l.it.Err(); err != nil {
					return nil, err
				}
				return l.refs, r.ctx.Err()
			}
			l.refs = append(l.refs, r.dir(q, quad.Subject))
		}
		if r.ctx.Err() != nil {
			return nil, r.ctx.Err()
		}
	}
}
