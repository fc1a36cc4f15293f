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
