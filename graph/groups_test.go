package graph_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"accord/graph"
)

// groupFixture is a small hub, h-hub (an organization), and its neighbours:
//
//	p-ann  --met-->       h-hub    d1, d2 (the same pair twice: one neighbour, two facts)
//	h-hub  --met-->       p-bob    d1
//	h-hub  --discussed--> trade    d1
//	h-hub  --discussed--> tariffs  d2 (expected)
//	h-hub  --discussed--> p-bob    d2 (a person, so another group)
//	c-fr   --funds-->     h-hub    d1
//	h-hub  --funds-->     c-fr     d2 (the same pair the other way: another group)
//	h-hub  --pledged-->   "$5"     d1 (a literal: no neighbour)
var groupFixture = []triple{
	{s: "p-ann", pred: "met", o: "h-hub", doc: "d1.txt"},
	{s: "p-ann", pred: "met", o: "h-hub", doc: "d2.txt"},
	{s: "h-hub", pred: "met", o: "p-bob", doc: "d1.txt"},
	{s: "h-hub", pred: "discussed", o: "trade", doc: "d1.txt"},
	{s: "h-hub", pred: "discussed", o: "tariffs", doc: "d2.txt", modality: graph.Expected},
	{s: "h-hub", pred: "discussed", o: "p-bob", doc: "d2.txt"},
	{s: "c-fr", pred: "funds", o: "h-hub", doc: "d1.txt"},
	{s: "h-hub", pred: "funds", o: "c-fr", doc: "d2.txt"},
	{s: "h-hub", pred: "pledged", o: `"$5"`, doc: "d1.txt"},
}

// groupString writes a summary's groups as "predicate direction type
// neighbours/facts".
func groupString(gs []graph.NeighborGroup) string {
	var out []string
	for _, g := range gs {
		out = append(out, fmt.Sprintf("%s %s %s %d/%d", g.Predicate, g.Direction, g.Kind, g.Neighbors, g.Facts))
	}
	return strings.Join(out, "|")
}

func TestNeighborGroups(t *testing.T) {
	tests := []struct {
		name      string
		scope     graph.Scope
		groups    string
		neighbors int
		facts     int
	}{
		{name: "all", neighbors: 5, facts: 8,
			groups: "discussed out Organization 2/2|met both Person 2/3|discussed out Person 1/1|funds in Country 1/1|funds out Country 1/1"},
		{name: "predicate", scope: graph.Scope{Predicates: []string{"met"}}, neighbors: 2, facts: 3, groups: "met both Person 2/3"},
		{name: "doc", scope: graph.Scope{Doc: "d2.txt"}, neighbors: 4, facts: 4,
			groups: "discussed out Organization 1/1|discussed out Person 1/1|funds out Country 1/1|met both Person 1/1"},
		{name: "modality", scope: graph.Scope{Modalities: []graph.Modality{graph.Expected}}, neighbors: 1, facts: 1,
			groups: "discussed out Organization 1/1"},
	}
	backends(t, func(t *testing.T, backend string) {
		st := buildStore(t, backend, groupFixture, nil)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				sum, err := st.NeighborGroups(context.Background(), "h-hub", tt.scope)
				if err != nil {
					t.Fatal(err)
				}
				if got := groupString(sum.Groups); got != tt.groups {
					t.Errorf("NeighborGroups(h-hub) groups = %q, want %q", got, tt.groups)
				}
				if sum.Neighbors != tt.neighbors || sum.Facts != tt.facts {
					t.Errorf("NeighborGroups(h-hub) = %d neighbours, %d facts, want %d, %d", sum.Neighbors, sum.Facts, tt.neighbors, tt.facts)
				}
				if sum.Center.ID != "h-hub" || sum.Center.Name != "Entity H-HUB" || sum.Center.Kind != graph.Organization {
					t.Errorf("NeighborGroups(h-hub) centre = %+v", sum.Center)
				}
			})
		}
		if _, err := st.NeighborGroups(context.Background(), "nobody", graph.Scope{}); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("NeighborGroups(nobody) err = %v, want ErrNotFound", err)
		}
	})
}

func TestNeighborGroupMembers(t *testing.T) {
	tests := []struct {
		name  string
		opt   graph.GroupOptions
		nodes string // member ids in order, after the centre
		edges string
		group string
		more  int
	}{
		// p-bob has two facts with the hub, p-ann two: by id then.
		{name: "met", opt: graph.GroupOptions{Predicate: "met", Direction: graph.DirBoth, Kind: graph.Person},
			nodes: "p-ann p-bob", group: "met both Person 2/3",
			edges: "p-ann met h-hub [d1.txt d2.txt]|h-hub discussed p-bob [d2.txt]|h-hub met p-bob [d1.txt]"},
		{name: "page", opt: graph.GroupOptions{Predicate: "met", Direction: graph.DirBoth, Kind: graph.Person, Limit: 1},
			nodes: "p-ann", group: "met both Person 2/3", edges: "p-ann met h-hub [d1.txt d2.txt]", more: 1},
		{name: "next page", opt: graph.GroupOptions{Predicate: "met", Direction: graph.DirBoth, Kind: graph.Person, Limit: 1, Offset: 1},
			nodes: "p-bob", group: "met both Person 2/3", edges: "h-hub discussed p-bob [d2.txt]|h-hub met p-bob [d1.txt]"},
		{name: "past the end", opt: graph.GroupOptions{Predicate: "met", Direction: graph.DirBoth, Offset: 9},
			nodes: "", group: "met both  2/3", edges: ""},
		{name: "every type", opt: graph.GroupOptions{Predicate: "discussed", Direction: graph.DirOut},
			nodes: "p-bob tariffs trade", group: "discussed out  3/3",
			edges: "h-hub discussed p-bob [d2.txt]|h-hub met p-bob [d1.txt]|h-hub discussed tariffs [d2.txt]|h-hub discussed trade [d1.txt]"},
		{name: "direction", opt: graph.GroupOptions{Predicate: "funds", Direction: graph.DirIn, Kind: graph.Country},
			nodes: "c-fr", group: "funds in Country 1/1", edges: "c-fr funds h-hub [d1.txt]|h-hub funds c-fr [d2.txt]"},
		{name: "scope", opt: graph.GroupOptions{Predicate: "funds", Direction: graph.DirIn, Scope: graph.Scope{Doc: "d2.txt"}},
			nodes: "", group: "funds in  0/0", edges: ""},
	}
	backends(t, func(t *testing.T, backend string) {
		st := buildStore(t, backend, groupFixture, nil)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p, err := st.NeighborGroupMembers(context.Background(), "h-hub", tt.opt)
				if err != nil {
					t.Fatal(err)
				}
				var nodes, edges []string
				for _, n := range p.Nodes[1:] {
					nodes = append(nodes, n.ID)
				}
				for _, e := range p.Edges {
					edges = append(edges, e.Source+" "+e.Predicate+" "+e.Target+" ["+strings.Join(e.Documents, " ")+"]")
					if len(e.Evidence) == 0 || e.Evidence[0].Sentence == "" {
						t.Errorf("edge %+v has no evidence", e)
					}
				}
				if p.Nodes[0].ID != "h-hub" || p.Center != "h-hub" {
					t.Errorf("the page does not start with the centre: %+v", p.Nodes[0])
				}
				if got := strings.Join(nodes, " "); got != tt.nodes {
					t.Errorf("members = %q, want %q", got, tt.nodes)
				}
				if got := strings.Join(edges, "|"); got != tt.edges {
					t.Errorf("edges = %q, want %q", got, tt.edges)
				}
				if got := groupString([]graph.NeighborGroup{p.Group}); got != tt.group {
					t.Errorf("group = %q, want %q", got, tt.group)
				}
				if p.More != tt.more || p.Truncated != (tt.more > 0) {
					t.Errorf("more = %d (truncated %v), want %d", p.More, p.Truncated, tt.more)
				}
			})
		}
	})
}

// TestNeighborGroupsMatchNeighbors checks the summary of a synthetic hub
// against its full neighbourhood, and that the pages of each group list
// exactly its members, most connected first.
func TestNeighborGroupsMatchNeighbors(t *testing.T) {
	ctx := context.Background()
	opt := graph.SynthOptions{Facts: 4000, Entities: 400, Documents: 40}
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Synthesize(ctx, opt, 0, nil); err != nil {
		t.Fatal(err)
	}
	hub := graph.NewSynth(opt).Hub(0).ID
	nb, err := st.Neighbors(ctx, hub, graph.NeighborOptions{Limit: 5000})
	if err != nil || nb.Truncated {
		t.Fatalf("Neighbors(%s) truncated %v, %v", hub, nb.Truncated, err)
	}
	kind := map[string]graph.Kind{}
	for _, n := range nb.Nodes {
		kind[n.ID] = n.Kind
	}
	type key struct {
		p, d string
		k    graph.Kind
	}
	members := map[key]map[string]bool{}
	facts := map[key]int{}
	with := map[string]int{} // facts of each neighbour with the hub
	total := 0
	for _, e := range nb.Edges {
		if e.Source == e.Target {
			continue
		}
		other, d := e.Target, graph.DirOut
		if e.Target == hub {
			other, d = e.Source, graph.DirIn
		} else if e.Source != hub {
			continue
		}
		if e.Predicate == "met" {
			d = graph.DirBoth
		}
		k := key{e.Predicate, d, kind[other]}
		if members[k] == nil {
			members[k] = map[string]bool{}
		}
		members[k][other] = true
		facts[k] += len(e.Evidence)
		with[other] += len(e.Evidence)
		total += len(e.Evidence)
	}
	sum, err := st.NeighborGroups(ctx, hub, graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Neighbors != len(nb.Nodes)-1 || sum.Facts != total || len(sum.Groups) != len(members) {
		t.Fatalf("NeighborGroups(%s) = %d neighbours, %d facts, %d groups; Neighbors gives %d, %d, %d",
			hub, sum.Neighbors, sum.Facts, len(sum.Groups), len(nb.Nodes)-1, total, len(members))
	}
	for i, g := range sum.Groups {
		k := key{g.Predicate, g.Direction, g.Kind}
		if g.Neighbors != len(members[k]) || g.Facts != facts[k] {
			t.Errorf("group %+v: Neighbors gives %d neighbours, %d facts", g, len(members[k]), facts[k])
		}
		if i > 0 && g.Neighbors > sum.Groups[i-1].Neighbors {
			t.Errorf("group %+v after the smaller %+v", g, sum.Groups[i-1])
		}
	}
	// Every member of the three largest groups, page by page.
	for _, g := range sum.Groups[:3] {
		var got []string
		for off := 0; ; off += 7 {
			p, err := st.NeighborGroupMembers(ctx, hub, graph.GroupOptions{Predicate: g.Predicate, Direction: g.Direction, Kind: g.Kind, Limit: 7, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range p.Nodes[1:] {
				got = append(got, n.ID)
			}
			if p.More == 0 {
				break
			}
		}
		var want []string
		for id := range members[key{g.Predicate, g.Direction, g.Kind}] {
			want = append(want, id)
		}
		sort.Slice(want, func(i, j int) bool {
			if with[want[i]] != with[want[j]] {
				return with[want[i]] > with[want[j]]
			}
			return want[i] < want[j]
		})
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("members of %+v page by page = %v, want %v", g, got, want)
		}
	}
}
