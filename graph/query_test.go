package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"accord/graph"
)

// readFixture is the graph of the read tests (dates: d1 2023-01-10,
// d2 2023-03-24, d3 undated):
//
//	p-trudeau --met--> p-biden                         d1, d2 (reported in d2)
//	p-biden --visited--> c-canada                      d2
//	c-canada --pledged--> "$4.9 billion"               d1 (amount)
//	c-canada --pledged--> "$5 billion"                 d3 (amount)   <- a conflict on the value
//	migrants --crossed--> roxham {count nearly 40,000} d1
//	migrants --crossed--> roxham {count about 39,000}  d2            <- a conflict on the count
//	stca --covers--> roxham                            d2 (expected)
var readFixture = []triple{
	{s: "p-trudeau", pred: "met", o: "p-biden", doc: "d1.txt"},
	{s: "p-trudeau", pred: "met", o: "p-biden", doc: "d2.txt", modality: graph.Reported},
	{s: "p-biden", pred: "visited", o: "c-canada", doc: "d2.txt"},
	{s: "c-canada", pred: "pledged", o: `"$4.9 billion"`, doc: "d1.txt", quals: []graph.Qualifier{{Key: "amount", Value: "$4.9 billion"}}},
	{s: "c-canada", pred: "pledged", o: `"$5 billion"`, doc: "d3.txt", quals: []graph.Qualifier{{Key: "amount", Value: "$5 billion"}}},
	{s: "migrants", pred: "crossed", o: "roxham", doc: "d1.txt", quals: []graph.Qualifier{{Key: "count", Value: "nearly 40,000"}}},
	{s: "migrants", pred: "crossed", o: "roxham", doc: "d2.txt", quals: []graph.Qualifier{{Key: "count", Value: "about 39,000"}}},
	{s: "stca", pred: "covers", o: "roxham", doc: "d2.txt", modality: graph.Expected},
}

var readDates = map[string]string{"d1.txt": "2023-01-10", "d2.txt": "2023-03-24"}

func TestNeighbors(t *testing.T) {
	tests := []struct {
		name  string
		id    string
		opt   graph.NeighborOptions
		nodes string // ids in order
		edges string // "s p o [docs]" in order
		trunc bool
	}{
		{name: "one hop", id: "p-biden", nodes: "p-biden c-canada p-trudeau",
			edges: "p-biden visited c-canada [d2.txt]|p-trudeau met p-biden [d1.txt d2.txt]"},
		{name: "two hops skip literals", id: "p-trudeau", opt: graph.NeighborOptions{Depth: 2},
			nodes: "p-trudeau p-biden c-canada", edges: "p-biden visited c-canada [d2.txt]|p-trudeau met p-biden [d1.txt d2.txt]"},
		{name: "predicate", id: "p-biden", opt: graph.NeighborOptions{Scope: graph.Scope{Predicates: []string{"visited"}}},
			nodes: "p-biden c-canada", edges: "p-biden visited c-canada [d2.txt]"},
		{name: "type", id: "p-biden", opt: graph.NeighborOptions{Kinds: []graph.Kind{graph.Country}},
			nodes: "p-biden c-canada", edges: "p-biden visited c-canada [d2.txt]"},
		{name: "doc", id: "p-biden", opt: graph.NeighborOptions{Scope: graph.Scope{Doc: "d1.txt"}},
			nodes: "p-biden p-trudeau", edges: "p-trudeau met p-biden [d1.txt]"},
		{name: "until", id: "p-biden", opt: graph.NeighborOptions{Scope: graph.Scope{Until: "2023-02"}},
			nodes: "p-biden p-trudeau", edges: "p-trudeau met p-biden [d1.txt]"},
		{name: "since", id: "roxham", opt: graph.NeighborOptions{Scope: graph.Scope{Since: "2023-03"}},
			nodes: "roxham migrants stca", edges: "migrants crossed roxham [d2.txt]|stca covers roxham [d2.txt]"},
		{name: "modality", id: "roxham", opt: graph.NeighborOptions{Scope: graph.Scope{Modalities: []graph.Modality{graph.Expected}}},
			nodes: "roxham stca", edges: "stca covers roxham [d2.txt]"},
		// The limit stops the reading: the evidence of the edges kept
		// may be partial, so only the edges are compared.
		{name: "limit", id: "roxham", opt: graph.NeighborOptions{Limit: 1}, nodes: "-", edges: "-", trunc: true},
	}
	backends(t, func(t *testing.T, backend string) {
		st := buildStore(t, backend, readFixture, readDates)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				nb, err := st.Neighbors(context.Background(), tt.id, tt.opt)
				if err != nil {
					t.Fatal(err)
				}
				var nodes, edges []string
				for _, n := range nb.Nodes {
					nodes = append(nodes, n.ID)
				}
				for _, e := range nb.Edges {
					edges = append(edges, e.Source+" "+e.Predicate+" "+e.Target+" ["+strings.Join(e.Documents, " ")+"]")
					if len(e.Evidence) == 0 || e.Evidence[0].Sentence == "" {
						t.Errorf("edge %+v has no evidence", e)
					}
				}
				if tt.nodes == "-" {
					if len(nb.Edges) != 1 || len(nb.Nodes) != 2 || !nb.Truncated {
						t.Errorf("Neighbors(%q, limit 1) = %+v, want 1 edge, 2 nodes, truncated", tt.id, nb)
					}
					return
				}
				if got := strings.Join(nodes, " "); got != tt.nodes {
					t.Errorf("Neighbors(%q) nodes = %q, want %q", tt.id, got, tt.nodes)
				}
				if got := strings.Join(edges, "|"); got != tt.edges {
					t.Errorf("Neighbors(%q) edges = %q, want %q", tt.id, got, tt.edges)
				}
				if nb.Truncated != tt.trunc {
					t.Errorf("Neighbors(%q) truncated = %v, want %v", tt.id, nb.Truncated, tt.trunc)
				}
			})
		}
		if _, err := st.Neighbors(context.Background(), "nobody", graph.NeighborOptions{}); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Neighbors(nobody) err = %v, want ErrNotFound", err)
		}
	})
}

func TestQueryFacts(t *testing.T) {
	tests := []struct {
		name string
		q    graph.FactQuery
		want string // "s p o@doc" joined by |
		err  error
	}{
		{name: "subject", q: graph.FactQuery{Subject: "p-trudeau"}, want: "p-trudeau met p-biden@d1.txt|p-trudeau met p-biden@d2.txt"},
		{name: "object", q: graph.FactQuery{Object: graph.Object{Entity: "roxham"}},
			want: "stca covers roxham@d2.txt|migrants crossed roxham@d1.txt|migrants crossed roxham@d2.txt"},
		{name: "literal", q: graph.FactQuery{Object: graph.Object{Literal: "$5 billion"}}, want: `c-canada pledged "$5 billion"@d3.txt`},
		{name: "predicate and doc", q: graph.FactQuery{Predicate: "met", Scope: graph.Scope{Doc: "d2.txt"}}, want: "p-trudeau met p-biden@d2.txt"},
		{name: "modality alone", q: graph.FactQuery{Scope: graph.Scope{Modalities: []graph.Modality{graph.Reported}}}, want: "p-trudeau met p-biden@d2.txt"},
		{name: "since", q: graph.FactQuery{Predicate: "pledged", Scope: graph.Scope{Since: "2023"}}, want: `c-canada pledged "$4.9 billion"@d1.txt`},
		{name: "until year", q: graph.FactQuery{Predicate: "met", Scope: graph.Scope{Until: "2023"}}, want: "p-trudeau met p-biden@d1.txt|p-trudeau met p-biden@d2.txt"},
		{name: "nothing", q: graph.FactQuery{Subject: "nobody"}, want: ""},
		{name: "open", q: graph.FactQuery{}, err: graph.ErrOpenQuery},
		{name: "bad date", q: graph.FactQuery{Predicate: "met", Scope: graph.Scope{Since: "March"}}, err: graph.ErrBadScope},
		{name: "bad cursor", q: graph.FactQuery{Predicate: "met", Cursor: "xyz"}, err: graph.ErrBadCursor},
	}
	backends(t, func(t *testing.T, backend string) {
		st := buildStore(t, backend, readFixture, readDates)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				page, err := st.QueryFacts(context.Background(), tt.q)
				if tt.err != nil {
					if !errors.Is(err, tt.err) {
						t.Fatalf("QueryFacts(%+v) err = %v, want %v", tt.q, err, tt.err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := factKeys(page.Facts); got != tt.want {
					t.Errorf("QueryFacts(%+v) = %q, want %q", tt.q, got, tt.want)
				}
			})
		}
		// Pages put together give the whole answer.
		ctx := context.Background()
		q := graph.FactQuery{Object: graph.Object{Entity: "roxham"}, Limit: 2}
		var all []graph.Fact
		for i := 0; i < 5; i++ {
			page, err := st.QueryFacts(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, page.Facts...)
			if page.Next == "" {
				break
			}
			q.Cursor = page.Next
		}
		if got, want := factKeys(all), "stca covers roxham@d2.txt|migrants crossed roxham@d1.txt|migrants crossed roxham@d2.txt"; got != want {
			t.Errorf("paged facts = %q, want %q", got, want)
		}
	})
}

func factKeys(fs []graph.Fact) string {
	var out []string
	for _, f := range fs {
		o := f.Object.Entity
		if o == "" {
			o = `"` + f.Object.Literal + `"`
		}
		out = append(out, f.Subject+" "+f.Predicate+" "+o+"@"+f.Doc)
	}
	return strings.Join(out, "|")
}

func TestSearchEntities(t *testing.T) {
	ctx := context.Background()
	st := buildStore(t, "memory", readFixture, readDates)
	// Names the fixture gives: "Entity P-TRUDEAU", ... add real ones.
	if _, err := st.Put(ctx, graph.DocumentGraph{
		Doc: graph.Document{ID: "names.txt", Hash: "n"},
		Entities: []graph.Entity{
			{ID: "roxham-road", Name: "Roxham Road", Aliases: []string{"Chemin Roxham"}, Kind: graph.Place},
			{ID: "justin-trudeau", Name: "Justin Trudeau", Aliases: []string{"Trudeau"}, Kind: graph.Person},
			{ID: "sophie-gregoire-trudeau", Name: "Sophie Grégoire Trudeau", Aliases: []string{"Trudeau"}, Kind: graph.Person},
			{ID: "quebec", Name: "Québec", Kind: graph.Place},
		},
		Facts: []graph.Fact{
			{Subject: "justin-trudeau", Predicate: "visited", Object: graph.Object{Entity: "roxham-road"}, Evidence: graph.Evidence{Sentence: "s1", Modality: graph.Asserted}},
			{Subject: "justin-trudeau", Predicate: "visited", Object: graph.Object{Entity: "quebec"}, Evidence: graph.Evidence{Sentence: "s2", Start: 5, Modality: graph.Asserted}},
			{Subject: "sophie-gregoire-trudeau", Predicate: "visited", Object: graph.Object{Entity: "quebec"}, Evidence: graph.Evidence{Sentence: "s3", Start: 9, Modality: graph.Asserted}},
		},
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q     string
		kinds []graph.Kind
		want  string // ids in order
		score int    // of the first
	}{
		{q: "Roxham Road", want: "roxham-road", score: graph.MatchExact},
		{q: "chemin roxham", want: "roxham-road", score: graph.MatchAlias},
		{q: "quebec", want: "quebec", score: graph.MatchExact}, // accent-blind
		{q: "QUÉBEC", want: "quebec", score: graph.MatchExact},
		{q: "rox", want: "roxham roxham-road", score: graph.MatchPrefix},  // "Entity ROXHAM" has more facts
		{q: "Roxham Rhoad", want: "roxham-road", score: graph.MatchFuzzy}, // a typo
		{q: "Justn Trudeau", want: "justin-trudeau", score: graph.MatchFuzzy},
		{q: "trudeau", want: "justin-trudeau sophie-gregoire-trudeau p-trudeau", score: graph.MatchAlias}, // aliases, more facts first, then a word
		{q: "trudeau", kinds: []graph.Kind{graph.Place}, want: ""},
		{q: "zzzz", want: ""},
	}
	for _, tt := range tests {
		page, err := st.SearchEntities(ctx, graph.SearchOptions{Query: tt.q, Kinds: tt.kinds})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, m := range page.Matches {
			ids = append(ids, m.ID)
		}
		if got := strings.Join(ids, " "); got != tt.want {
			t.Errorf("SearchEntities(%q) = %q, want %q", tt.q, got, tt.want)
			continue
		}
		if len(page.Matches) > 0 && page.Matches[0].Score != tt.score {
			t.Errorf("SearchEntities(%q) score = %d, want %d", tt.q, page.Matches[0].Score, tt.score)
		}
	}
	// Cursors page through the results.
	p1, _ := st.SearchEntities(ctx, graph.SearchOptions{Query: "trudeau", Limit: 1})
	p2, _ := st.SearchEntities(ctx, graph.SearchOptions{Query: "trudeau", Limit: 1, Cursor: p1.Next})
	if len(p1.Matches) != 1 || len(p2.Matches) != 1 || p1.Matches[0].ID != "justin-trudeau" || p2.Matches[0].ID != "sophie-gregoire-trudeau" || p2.Next == "" {
		t.Errorf("pages = %+v, %+v", p1, p2)
	}
	// Resolve: an id, a unique name, an ambiguous alias.
	if r, _ := st.Resolve(ctx, "Roxham Rhoad"); r.Entity == nil || r.Entity.ID != "roxham-road" {
		t.Errorf("Resolve(Roxham Rhoad) = %+v", r)
	}
	if r, _ := st.Resolve(ctx, "Trudeau"); r.Entity != nil || len(r.Candidates) != 2 {
		t.Errorf("Resolve(Trudeau) = %+v, want two candidates", r)
	}
}

func TestConflicts(t *testing.T) {
	backends(t, func(t *testing.T, backend string) {
		st := buildStore(t, backend, readFixture, readDates)
		cs, err := st.Conflicts(context.Background(), graph.ConflictOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cs {
			var vs []string
			for _, cl := range c.Claims {
				vs = append(vs, cl.Value+"@"+cl.Fact.Doc)
			}
			got = append(got, c.Subject+" "+c.Predicate+" "+c.On+": "+strings.Join(vs, ", "))
		}
		want := []string{
			"migrants crossed count: about 39,000@d2.txt, nearly 40,000@d1.txt",
			"c-canada pledged value: $4.9 billion@d1.txt, $5 billion@d3.txt",
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("Conflicts = %q, want %q", got, want)
		}
		cs, _ = st.Conflicts(context.Background(), graph.ConflictOptions{Subject: "migrants"})
		if len(cs) != 1 || cs[0].On != "count" {
			t.Errorf("Conflicts(subject migrants) = %+v", cs)
		}
	})
}

func TestExportFormats(t *testing.T) {
	ctx := context.Background()
	st := buildStore(t, "bolt", readFixture, readDates)
	for _, opt := range []graph.ExportOptions{
		{}, {Doc: "d1.txt"}, {Entity: "roxham", Depth: 2},
		{Format: graph.FormatJSONLD}, {Format: graph.FormatJSONLD, Entity: "p-biden"},
		{Format: graph.FormatGraphML}, {Format: graph.FormatGraphML, Doc: "d2.txt"},
	} {
		var b bytes.Buffer
		n, err := st.ExportTo(ctx, &b, opt)
		if err != nil || n == 0 {
			t.Fatalf("ExportTo(%+v) = %d, %v", opt, n, err)
		}
		switch opt.Format {
		case "":
			if strings.Contains(b.String(), "<xsd:") {
				t.Errorf("ExportTo(%+v) has prefixed datatypes", opt)
			}
			imported, err := graph.Open(ctx, "memory")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := imported.Import(ctx, &b); err != nil {
				t.Errorf("ExportTo(%+v) does not re-import: %v", opt, err)
			}
			imported.Close()
		case graph.FormatJSONLD:
			var v []map[string]any
			if err := json.Unmarshal(b.Bytes(), &v); err != nil || len(v) == 0 {
				t.Errorf("ExportTo(%+v) is not a JSON-LD array: %v", opt, err)
			}
		case graph.FormatGraphML:
			checkGraphML(t, b.Bytes())
		}
	}
	if _, err := st.ExportTo(ctx, io.Discard, graph.ExportOptions{Format: "turtle"}); !errors.Is(err, graph.ErrBadFormat) {
		t.Errorf("ExportTo(turtle) err = %v, want ErrBadFormat", err)
	}
	if _, err := st.ExportTo(ctx, io.Discard, graph.ExportOptions{Doc: "missing.txt"}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("ExportTo(missing doc) err = %v, want ErrNotFound", err)
	}
}

// checkGraphML parses a GraphML document and checks that every edge joins
// declared nodes.
func checkGraphML(t *testing.T, b []byte) {
	t.Helper()
	var doc struct {
		XMLName xml.Name `xml:"graphml"`
		Graph   struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v\n%s", err, b)
	}
	nodes := map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		nodes[n.ID] = true
	}
	if len(doc.Graph.Edges) == 0 {
		t.Errorf("GraphML has no edges")
	}
	for _, e := range doc.Graph.Edges {
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("edge %s -> %s joins undeclared nodes", e.Source, e.Target)
		}
	}
}
