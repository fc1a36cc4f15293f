package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
)

// NeighborOptions shapes a neighbourhood query.
type NeighborOptions struct {
	Depth int    // hops from the centre, 1 to 3; default 1
	Scope Scope  // which facts count as edges
	Kinds []Kind // keep only neighbours of these kinds; empty keeps all
	Limit int    // at most this many edges; default 200
}

// GraphNode is an entity in a graph view.
type GraphNode struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Kind  Kind   `json:"type"`
	Depth int    `json:"depth"` // hops from the centre
}

// EdgeEvidence is one statement behind an edge.
type EdgeEvidence struct {
	Doc        string      `json:"doc"`
	Evidence               // sentence, offsets, confidence, modality
	Qualifiers []Qualifier `json:"qualifiers,omitempty"`
	ValidFrom  *Bound      `json:"valid_from,omitempty"` // when the statement says the fact held
	ValidUntil *Bound      `json:"valid_until,omitempty"`
}

// GraphEdge is the facts with one subject, predicate and object, with the
// documents and sentences that state them.
type GraphEdge struct {
	Source    string         `json:"source"`
	Target    string         `json:"target"`
	Predicate string         `json:"predicate"`
	Documents []string       `json:"documents"`
	Evidence  []EdgeEvidence `json:"evidence"`
}

// Neighborhood is the part of the graph around an entity, as nodes and
// edges ready for a graph view.
type Neighborhood struct {
	Center    string      `json:"center"`
	Depth     int         `json:"depth"`
	Nodes     []GraphNode `json:"nodes"`
	Edges     []GraphEdge `json:"edges"`
	Truncated bool        `json:"truncated"` // the edge limit was reached
	// Disputes, for an as-of read, are the facts whose sources disagree
	// on whether they held on that day.
	Disputes []DateDispute `json:"disputes,omitempty"`
}

// Neighbors returns the entities within opt.Depth hops of entity id,
// following facts either way, and the facts between them with their
// evidence. Facts whose object is a literal are not edges.
func (s *Store) Neighbors(ctx context.Context, id string, opt NeighborOptions) (Neighborhood, error) {
	if opt.Depth <= 0 {
		opt.Depth = 1
	}
	if opt.Limit <= 0 {
		opt.Limit = 200
	}
	nb := Neighborhood{Center: id, Depth: opt.Depth, Nodes: []GraphNode{}, Edges: []GraphEdge{}}
	if err := opt.Scope.Check(); err != nil {
		return nb, err
	}
	err := s.read(func() error {
		r := s.fastReader(ctx)
		defer r.close()
		r.startNotes(opt.Scope.AsOf)
		defer func() { nb.Disputes = r.notes.disputes() }()
		c := r.entityRef(id)
		center, ok := r.brief(c)
		if !ok {
			return fmt.Errorf("neighbors of %q: %w", id, ErrNotFound)
		}
		nodes := map[string]int{id: 0}
		nb.Nodes = append(nb.Nodes, GraphNode{ID: id, Name: center.Name, Kind: center.Kind})
		edges := map[[3]string]int{}
		seen := map[any]bool{}
		frontier := []graph.Ref{c}
		for depth := 1; depth <= opt.Depth && len(frontier) > 0 && !nb.Truncated; depth++ {
			var next []graph.Ref
			for _, n := range frontier {
				err := r.edges(n, opt.Scope, seen, func(f Fact, oid string, other graph.Ref) error {
					k := [3]string{f.Subject, f.Predicate, f.Object.Entity}
					i, seenEdge := edges[k]
					if !seenEdge && len(nb.Edges) >= opt.Limit {
						nb.Truncated = true
						return errStop
					}
					if _, known := nodes[oid]; !known {
						e, ok := r.briefOf(oid, other)
						if !ok || (len(opt.Kinds) > 0 && !kindIn(e.Kind, opt.Kinds)) {
							return nil
						}
						nodes[oid] = depth
						nb.Nodes = append(nb.Nodes, GraphNode{ID: oid, Name: e.Name, Kind: e.Kind, Depth: depth})
						if depth < opt.Depth {
							if other == nil {
								other = r.entityRef(oid)
							}
							next = append(next, other)
						}
					}
					if !seenEdge {
						i = len(nb.Edges)
						edges[k] = i
						nb.Edges = append(nb.Edges, GraphEdge{Source: k[0], Predicate: k[1], Target: k[2], Documents: []string{}})
					}
					e := &nb.Edges[i]
					e.Evidence = append(e.Evidence, edgeEvidence(f))
					if !contains(e.Documents, f.Doc) {
						e.Documents = append(e.Documents, f.Doc)
					}
					return nil
				})
				if err := ignoreStop(err); err != nil {
					return err
				}
				if nb.Truncated {
					break
				}
			}
			frontier = next
		}
		return nil
	})
	// A stable order, whatever the backend's: the centre, then by depth
	// and id; edges by subject, predicate, object; evidence by document
	// and offset.
	sort.SliceStable(nb.Nodes, func(i, j int) bool {
		a, b := nb.Nodes[i], nb.Nodes[j]
		if a.Depth != b.Depth {
			return a.Depth < b.Depth
		}
		return a.ID < b.ID
	})
	sort.Slice(nb.Edges, func(i, j int) bool {
		a, b := nb.Edges[i], nb.Edges[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		return a.Target < b.Target
	})
	for i := range nb.Edges {
		e := &nb.Edges[i]
		sort.Strings(e.Documents)
		sort.Slice(e.Evidence, func(a, b int) bool {
			if e.Evidence[a].Doc != e.Evidence[b].Doc {
				return e.Evidence[a].Doc < e.Evidence[b].Doc
			}
			return e.Evidence[a].Start < e.Evidence[b].Start
		})
	}
	return nb, err
}

// edges calls fn with every fact in scope that links entity node n to
// another entity, that other entity's id, and its node when the statement
// was read from its quads (nil when from its card). Statements already in
// seen are skipped, and added to it.
func (r *reader) edges(n graph.Ref, sc Scope, seen map[any]bool, fn func(f Fact, otherID string, other graph.Ref) error) error {
	objRef := r.ref(rdfObject)
	subjRef := r.ref(rdfSubject)
	for _, link := range []struct {
		iri   graph.Ref
		other graph.Ref
	}{{subjRef, objRef}, {objRef, subjRef}} {
		sts, err := r.linked(n, link.iri)
		if err != nil {
			return err
		}
		for _, st := range sts {
			k := key(st)
			if seen[k] {
				continue
			}
			seen[k] = true
			c, err := r.statementRefs(st)
			if err != nil {
				return err
			}
			f := c.f
			if !c.ok || f.Object.Entity == "" || !r.keep(sc, f) {
				continue
			}
			other, otherID := c.obj, f.Object.Entity
			if same(link.iri, objRef) {
				other, otherID = c.subj, f.Subject
			}
			if otherID == "" {
				continue
			}
			if err := fn(f, otherID, other); err != nil {
				return err
			}
		}
	}
	return nil
}

// linked returns the statements linked to node v by the predicate node
// link (rdf:subject or rdf:object).
func (r *reader) linked(v, link graph.Ref) ([]graph.Ref, error) {
	if link == nil || v == nil {
		return nil, nil
	}
	k := [2]any{key(v), key(link)}
	if sts, ok := r.rc.linked(k); ok {
		return sts, nil
	}
	var out []graph.Ref
	vi, ok1 := v.(kv.Int64Value)
	li, ok2 := link.(kv.Int64Value)
	if r.b != nil && ok1 && ok2 {
		r.b.quads(r.b.ops, true, func(p *proto.Primitive) bool {
			out = append(out, kv.Int64Value(p.Subject))
			return true
		}, uint64(vi), uint64(li))
		r.rc.putLinked(k, out)
		return out, r.ctx.Err()
	}
	err := r.scan(quad.Object, v, link, func(q graph.Ref) error {
		out = append(out, r.dir(q, quad.Subject))
		return nil
	})
	if err == nil {
		r.rc.putLinked(k, out)
	}
	return out, err
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Directions of a neighbour group: the centre is the subject of the facts
// ("out"), their object ("in"), or either, for a symmetric predicate
// ("both").
const (
	DirOut  = "out"
	DirIn   = "in"
	DirBoth = "both"
)

// symmetric holds the predicates that read the same both ways (the
// contract's `met`): their facts are grouped without a direction.
var symmetric = map[string]bool{"met": true}

// NeighborGroup is the neighbours of an entity linked to it by one
// predicate, in one direction, that have one type: "31 issues discussed".
type NeighborGroup struct {
	Predicate string `json:"predicate"`
	Direction string `json:"direction"` // out, in, or both for a symmetric predicate
	Kind      Kind   `json:"type"`
	Neighbors int    `json:"neighbors"` // distinct entities
	Facts     int    `json:"facts"`     // statements, one per document and sentence
}

// NeighborSummary is an entity's neighbourhood summarised in groups, for a
// graph view that cannot draw every neighbour of a hub.
type NeighborSummary struct {
	Center    GraphNode       `json:"center"`
	Neighbors int             `json:"neighbors"` // distinct entities over all groups
	Facts     int             `json:"facts"`     // statements linking the centre to them
	Groups    []NeighborGroup `json:"groups"`    // largest first
}

// GroupOptions picks one neighbour group and a page of its members.
type GroupOptions struct {
	Scope     Scope
	Predicate string
	Direction string // out, in or both
	Kind      Kind   // "" for every type
	Limit     int    // members in the page; default 50
	Offset    int    // members skipped, in the group's order
}

// GroupPage is a page of a neighbour group's members as a neighbourhood:
// the centre and the members as nodes, and every edge in scope between the
// centre and each member (not only the group's predicate), with evidence.
// Members come by number of facts with the centre, most first, then by id.
type GroupPage struct {
	Neighborhood
	Group  NeighborGroup `json:"group"`
	Offset int           `json:"offset"`
	More   int           `json:"more"` // members after this page
}

// groupDirection returns the direction of a fact's group seen from the
// centre: out when the centre is its subject.
func groupDirection(predicate string, out bool) string {
	switch {
	case symmetric[predicate]:
		return DirBoth
	case out:
		return DirOut
	}
	return DirIn
}

// around is what one read of an entity's facts gathers for grouping: each
// neighbour's brief and the centre's facts with it, in reading order.
type around struct {
	center  GraphNode
	order   []string          // neighbour ids, first seen first
	briefs  map[string]Entity // neighbour id -> name and type
	facts   map[string][]Fact // neighbour id -> its facts with the centre
	dropped bool              // a neighbour had no name or type
}

// readAround reads every fact in scope between entity id and another
// entity, once each.
func (s *Store) readAround(ctx context.Context, id string, sc Scope) (around, error) {
	a := around{briefs: map[string]Entity{}, facts: map[string][]Fact{}}
	err := s.read(func() error {
		r := s.fastReader(ctx)
		defer r.close()
		c := r.entityRef(id)
		center, ok := r.brief(c)
		if !ok {
			return fmt.Errorf("neighbors of %q: %w", id, ErrNotFound)
		}
		a.center = GraphNode{ID: id, Name: center.Name, Kind: center.Kind}
		return r.edges(c, sc, map[any]bool{}, func(f Fact, oid string, other graph.Ref) error {
			if oid == id {
				return nil // a fact about itself links it to no neighbour
			}
			if _, known := a.briefs[oid]; !known {
				e, ok := r.briefOf(oid, other)
				if !ok {
					a.dropped = true
					return nil
				}
				a.briefs[oid] = e
				a.order = append(a.order, oid)
			}
			a.facts[oid] = append(a.facts[oid], f)
			return nil
		})
	})
	return a, err
}

// NeighborGroups summarises the neighbourhood of entity id at one hop: its
// neighbours grouped by predicate, direction and type, with how many
// entities and facts each group holds. It reads what Neighbors reads at
// depth 1 but returns a few dozen counts instead of every node and edge.
func (s *Store) NeighborGroups(ctx context.Context, id string, sc Scope) (NeighborSummary, error) {
	a, err := s.readAround(ctx, id, sc)
	if err != nil {
		return NeighborSummary{}, err
	}
	sum := NeighborSummary{Center: a.center, Neighbors: len(a.order), Groups: []NeighborGroup{}}
	type gk struct {
		p, d string
		k    Kind
	}
	groups := map[gk]*NeighborGroup{}
	for _, oid := range a.order {
		kind := a.briefs[oid].Kind
		in := map[gk]bool{}
		for _, f := range a.facts[oid] {
			k := gk{f.Predicate, groupDirection(f.Predicate, f.Subject == id), kind}
			g := groups[k]
			if g == nil {
				g = &NeighborGroup{Predicate: k.p, Direction: k.d, Kind: k.k}
				groups[k] = g
			}
			g.Facts++
			sum.Facts++
			if !in[k] {
				in[k] = true
				g.Neighbors++
			}
		}
	}
	for _, g := range groups {
		sum.Groups = append(sum.Groups, *g)
	}
	sort.Slice(sum.Groups, func(i, j int) bool {
		a, b := sum.Groups[i], sum.Groups[j]
		if a.Neighbors != b.Neighbors {
			return a.Neighbors > b.Neighbors
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		if a.Direction != b.Direction {
			return a.Direction < b.Direction
		}
		return a.Kind < b.Kind
	})
	return sum, nil
}

// NeighborGroupMembers returns a page of the members of one neighbour
// group of entity id (see GroupPage).
func (s *Store) NeighborGroupMembers(ctx context.Context, id string, opt GroupOptions) (GroupPage, error) {
	if opt.Limit <= 0 {
		opt.Limit = 50
	}
	opt.Offset = max(opt.Offset, 0)
	a, err := s.readAround(ctx, id, opt.Scope)
	if err != nil {
		return GroupPage{}, err
	}
	g := NeighborGroup{Predicate: opt.Predicate, Direction: opt.Direction, Kind: opt.Kind}
	type member struct {
		id    string
		facts int // with the centre, over every predicate
	}
	var members []member
	for _, oid := range a.order {
		if opt.Kind != "" && a.briefs[oid].Kind != opt.Kind {
			continue
		}
		n := 0
		for _, f := range a.facts[oid] {
			if f.Predicate == opt.Predicate && groupDirection(f.Predicate, f.Subject == id) == opt.Direction {
				n++
			}
		}
		if n > 0 {
			g.Neighbors++
			g.Facts += n
			members = append(members, member{oid, len(a.facts[oid])})
		}
	}
	sort.Slice(members, func(i, j int) bool {
		if members[i].facts != members[j].facts {
			return members[i].facts > members[j].facts
		}
		return members[i].id < members[j].id
	})
	page := GroupPage{
		Neighborhood: Neighborhood{Center: id, Depth: 1, Nodes: []GraphNode{a.center}, Edges: []GraphEdge{}},
		Group:        g,
		Offset:       opt.Offset,
	}
	lo := min(opt.Offset, len(members))
	hi := min(lo+opt.Limit, len(members))
	page.More = len(members) - hi
	page.Truncated = page.More > 0
	for _, m := range members[lo:hi] {
		e := a.briefs[m.id]
		page.Nodes = append(page.Nodes, GraphNode{ID: m.id, Name: e.Name, Kind: e.Kind, Depth: 1})
		first := len(page.Edges)
		edges := map[[2]string]int{}
		for _, f := range a.facts[m.id] {
			k := [2]string{f.Subject, f.Predicate}
			i, ok := edges[k]
			if !ok {
				i = len(page.Edges)
				edges[k] = i
				page.Edges = append(page.Edges, GraphEdge{Source: f.Subject, Predicate: f.Predicate, Target: f.Object.Entity, Documents: []string{}})
			}
			e := &page.Edges[i]
			e.Evidence = append(e.Evidence, EdgeEvidence{Doc: f.Doc, Evidence: f.Evidence, Qualifiers: f.Qualifiers})
			if !contains(e.Documents, f.Doc) {
				e.Documents = append(e.Documents, f.Doc)
			}
		}
		// A member's edges in a stable order, whatever the backend's.
		mine := page.Edges[first:]
		sort.Slice(mine, func(i, j int) bool {
			if mine[i].Source != mine[j].Source {
				return mine[i].Source < mine[j].Source
			}
			return mine[i].Predicate < mine[j].Predicate
		})
	}
	for i := range page.Edges {
		e := &page.Edges[i]
		sort.Strings(e.Documents)
		sort.Slice(e.Evidence, func(a, b int) bool {
			if e.Evidence[a].Doc != e.Evidence[b].Doc {
				return e.Evidence[a].Doc < e.Evidence[b].Doc
			}
			return e.Evidence[a].Start < e.Evidence[b].Start
		})
	}
	return page, nil
}
