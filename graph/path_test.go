package graph_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"accord/graph"
)

// triple is a fact of a test fixture: "s pred o" (o in quotes is a
// literal), stated in doc.
type triple struct {
	s, pred, o, doc string
	modality        graph.Modality
	quals           []graph.Qualifier
}

// buildStore stores the triples in a fresh store of the given backend
// ("memory" or "bolt"), one document per distinct doc, with entities named
// after their ids ("a" is "Entity A").
func buildStore(t testing.TB, backend string, ts []triple, dates map[string]string) *graph.Store {
	t.Helper()
	ctx := context.Background()
	spec := "memory"
	if backend == "bolt" {
		spec = "bolt:" + filepath.Join(t.TempDir(), "db")
	}
	st, err := graph.Open(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	docs := map[string]*graph.DocumentGraph{}
	var order []string
	for i, tr := range ts {
		dg := docs[tr.doc]
		if dg == nil {
			dg = &graph.DocumentGraph{Doc: graph.Document{ID: tr.doc, Title: "Doc " + tr.doc, Published: dates[tr.doc], Hash: tr.doc}}
			docs[tr.doc] = dg
			order = append(order, tr.doc)
		}
		f := graph.Fact{Subject: tr.s, Predicate: tr.pred, Qualifiers: tr.quals}
		if strings.HasPrefix(tr.o, `"`) {
			f.Object.Literal = strings.Trim(tr.o, `"`)
		} else {
			f.Object.Entity = tr.o
		}
		m := tr.modality
		if m == "" {
			m = graph.Asserted
		}
		sentence := fmt.Sprintf("%s %s %s.", tr.s, tr.pred, tr.o)
		f.Evidence = graph.Evidence{Sentence: sentence, Start: i * 100, End: i*100 + len(sentence), Confidence: 0.9, Modality: m}
		dg.Facts = append(dg.Facts, f)
		for _, id := range []string{tr.s, f.Object.Entity} {
			if id != "" {
				dg.Entities = append(dg.Entities, fixtureEntity(id))
			}
		}
	}
	for _, id := range order {
		if _, err := st.Put(ctx, *docs[id]); err != nil {
			t.Fatalf("Put(%s): %v", id, err)
		}
	}
	return st
}

// fixtureEntity names entity id "Entity ID", typed by its first letter:
// p... people, c... countries, anything else an organization.
func fixtureEntity(id string) graph.Entity {
	k := graph.Organization
	switch {
	case strings.HasPrefix(id, "p-"):
		k = graph.Person
	case strings.HasPrefix(id, "c-"):
		k = graph.Country
	}
	return graph.Entity{ID: id, Name: "Entity " + strings.ToUpper(id), Kind: k}
}

// backends runs a test on the in-memory store and on bolt, whose reads go
// through Cayley's key-value indexes.
func backends(t *testing.T, fn func(t *testing.T, backend string)) {
	for _, b := range []string{"memory", "bolt"} {
		t.Run(b, func(t *testing.T) { fn(t, b) })
	}
}

// pathFixture is the graph of the path tests:
//
//	a --met--> b --met--> c --met--> d
//	|                     ^          |
//	+--discussed--> g ----+          covers
//	                supports         |
//	                                 v
//	a <--------- locatedIn --------- h          (a cycle: a b c d h a)
//
//	e --met--> f                                (an island)
//	c --pledged--> "$5 million" <--pledged-- x  (a literal is never a hop)
//
// Every fact is in d1.txt; "a met b" is also in d2.txt.
var pathFixture = []triple{
	{s: "a", pred: "met", o: "b", doc: "d1.txt"},
	{s: "b", pred: "met", o: "c", doc: "d1.txt"},
	{s: "c", pred: "met", o: "d", doc: "d1.txt"},
	{s: "a", pred: "discussed", o: "g", doc: "d1.txt"},
	{s: "g", pred: "supports", o: "c", doc: "d1.txt"},
	{s: "d", pred: "covers", o: "h", doc: "d1.txt"},
	{s: "h", pred: "locatedIn", o: "a", doc: "d1.txt"},
	{s: "e", pred: "met", o: "f", doc: "d1.txt"},
	{s: "c", pred: "pledged", o: `"$5 million"`, doc: "d1.txt"},
	{s: "x", pred: "pledged", o: `"$5 million"`, doc: "d1.txt"},
	{s: "a", pred: "met", o: "b", doc: "d2.txt"},
}

func TestPath(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		opt      graph.PathOptions
		want     []string // each path as "a b c"; "a b|a g" lists the accepted ties
		searched int      // depth searched, checked when no path is found
		// searchedBolt, when not 0, is the depth searched on bolt, which
		// expands the side with the fewer edges first (the memory store:
		// the fewer entities), so that an island runs out sooner.
		searchedBolt int
		// exhausted: no path at any depth (the search ran out of nodes)
		exhausted bool
	}{
		{name: "one hop", from: "a", to: "b", want: []string{"a b"}},
		{name: "against the edge", from: "b", to: "a", want: []string{"b a"}},
		{name: "tie", from: "a", to: "c", want: []string{"a b c|a g c"}},
		{name: "cycle shortcut", from: "a", to: "d", want: []string{"a h d"}},
		{name: "same node", from: "a", to: "a", want: []string{"a"}},
		{name: "no path", from: "a", to: "e", want: nil, searched: 3, searchedBolt: 2, exhausted: true},
		{name: "literal is no hop", from: "c", to: "x", want: nil, searched: 2, searchedBolt: 1, exhausted: true},
		{name: "depth limit", from: "a", to: "d", opt: graph.PathOptions{MaxDepth: 1}, want: nil, searched: 1},
		{name: "depth limit reached exactly", from: "a", to: "d", opt: graph.PathOptions{MaxDepth: 2}, want: []string{"a h d"}},
		{name: "predicate filter", from: "a", to: "d", opt: graph.PathOptions{Predicates: []string{"met"}}, want: []string{"a b c d"}},
		{name: "predicate filter no path", from: "a", to: "g", opt: graph.PathOptions{Predicates: []string{"met"}}, want: nil, searched: 4, searchedBolt: 1, exhausted: true},
		{name: "exclude", from: "a", to: "c", opt: graph.PathOptions{Exclude: []string{"b"}}, want: []string{"a g c"}},
		{name: "exclude endpoint", from: "a", to: "c", opt: graph.PathOptions{Exclude: []string{"a"}}, want: nil},
		{name: "k paths", from: "a", to: "c", opt: graph.PathOptions{K: 3}, want: []string{"a b c", "a g c", "a h d c"}},
		{name: "k paths beyond those there are", from: "a", to: "b", opt: graph.PathOptions{K: 5},
			want: []string{"a b", "a g c b", "a h d c b"}},
		{name: "k paths within depth", from: "a", to: "c", opt: graph.PathOptions{K: 3, MaxDepth: 2}, want: []string{"a b c", "a g c"}},
	}
	backends(t, func(t *testing.T, backend string) {
		st := buildStore(t, backend, pathFixture, nil)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, err := st.Path(context.Background(), tt.from, tt.to, tt.opt)
				if err != nil {
					t.Fatalf("Path(%q, %q) error: %v", tt.from, tt.to, err)
				}
				if len(res.Paths) != len(tt.want) {
					t.Fatalf("Path(%q, %q) = %v, want %v", tt.from, tt.to, pathStrings(res.Paths), tt.want)
				}
				for i, p := range res.Paths {
					got := pathString(p)
					if !contains(strings.Split(tt.want[i], "|"), got) {
						t.Errorf("Path(%q, %q) path %d = %q, want %q", tt.from, tt.to, i, got, tt.want[i])
					}
					if p.Length != len(p.Hops) || len(p.Nodes) != len(p.Hops)+1 {
						t.Errorf("path %q: length %d, %d hops, %d nodes", got, p.Length, len(p.Hops), len(p.Nodes))
					}
				}
				searched := tt.searched
				if backend == "bolt" && tt.searchedBolt != 0 {
					searched = tt.searchedBolt
				}
				if len(tt.want) == 0 && searched != 0 && (res.Searched != searched || res.Exhausted != tt.exhausted) {
					t.Errorf("Path(%q, %q) searched depth %d (exhausted %v), want %d (%v)", tt.from, tt.to, res.Searched, res.Exhausted, searched, tt.exhausted)
				}
			})
		}
	})
}

func TestPathHops(t *testing.T) {
	backends(t, func(t *testing.T, backend string) {
		st := buildStore(t, backend, pathFixture, nil)
		ctx := context.Background()
		res, err := st.Path(ctx, "b", "h", graph.PathOptions{Predicates: []string{"met", "locatedIn"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Paths) != 1 || pathString(res.Paths[0]) != "b a h" {
			t.Fatalf("Path(b, h) = %v, want b a h", pathStrings(res.Paths))
		}
		hops := res.Paths[0].Hops
		first := hops[0]
		if first.From != "b" || first.To != "a" || first.Predicate != "met" || first.Direction != "in" ||
			strings.Join(first.Documents, ",") != "d1.txt,d2.txt" || len(first.Evidence) != 2 ||
			first.Evidence[0].Sentence != "a met b." || first.FromName != "Entity B" {
			t.Errorf("hop b-a = %+v", first)
		}
		second := hops[1]
		if second.Predicate != "locatedIn" || second.Direction != "in" || len(second.Evidence) != 1 ||
			second.Evidence[0].Doc != "d1.txt" || second.Evidence[0].Modality != graph.Asserted {
			t.Errorf("hop a-h = %+v", second)
		}
		if _, err := st.Path(ctx, "a", "nobody", graph.PathOptions{}); err == nil {
			t.Errorf("Path(a, nobody) succeeded, want not found")
		}
	})
}

func pathString(p graph.Path) string {
	ids := make([]string, len(p.Nodes))
	for i, n := range p.Nodes {
		ids[i] = n.ID
	}
	return strings.Join(ids, " ")
}

func pathStrings(ps []graph.Path) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, pathString(p))
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
