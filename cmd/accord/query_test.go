package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"accord/graph"
)

// queryStore writes a small graph into a bolt store and returns its spec:
//
//	justin-trudeau --met--> joe-biden --visited--> roxham-road
//	canada --pledged--> "$4.9 billion"
func queryStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	spec := "bolt:" + filepath.Join(t.TempDir(), "db")
	st, err := graph.Open(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ev := func(s string) graph.Evidence {
		return graph.Evidence{Sentence: s, Start: len(s), End: 2 * len(s), Confidence: 0.9, Modality: graph.Asserted}
	}
	_, err = st.Put(ctx, graph.DocumentGraph{
		Doc: graph.Document{ID: "a.txt", Published: "2023-03-24", Hash: "a"},
		Entities: []graph.Entity{
			{ID: "justin-trudeau", Name: "Justin Trudeau", Aliases: []string{"Trudeau"}, Kind: graph.Person},
			{ID: "joe-biden", Name: "Joe Biden", Kind: graph.Person},
			{ID: "roxham-road", Name: "Roxham Road", Kind: graph.Place},
			{ID: "canada", Name: "Canada", Kind: graph.Country},
		},
		Facts: []graph.Fact{
			{Subject: "justin-trudeau", Predicate: "met", Object: graph.Object{Entity: "joe-biden"}, Evidence: ev("Trudeau met Biden.")},
			{Subject: "joe-biden", Predicate: "visited", Object: graph.Object{Entity: "roxham-road"}, Evidence: ev("Biden visited Roxham Road.")},
			{Subject: "canada", Predicate: "pledged", Object: graph.Object{Literal: "$4.9 billion"}, Evidence: ev("Canada pledged $4.9 billion.")},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func TestQueryCommands(t *testing.T) {
	store := queryStore(t)
	tests := []struct {
		args []string
		code int
		want []string // substrings of the output
	}{
		{[]string{"path", "Justin Trudeau", "Roxham Rhoad", "--store", store}, 0,
			[]string{"path 1 (2 hops): Justin Trudeau → Joe Biden → Roxham Road", "--met-->", "Biden visited Roxham Road."}},
		{[]string{"path", "--store", store, "--json", "roxham-road", "justin-trudeau"}, 0, []string{`"direction": "in"`, `"depth_searched": 2`}},
		{[]string{"path", "--store", store, "canada", "joe-biden"}, 0, []string{"no path from canada to joe-biden", "not connected at any depth"}},
		{[]string{"path", "--store", store, "nobody", "joe-biden"}, 1, nil},
		{[]string{"path", "--store", store, "only-one"}, 2, nil},
		{[]string{"query", "facts", "--store", store, "--subject", "Canada", "--predicate", "pledged"}, 0, []string{"$4.9 billion", "Canada pledged $4.9 billion.", "1 facts"}},
		{[]string{"query", "facts", "--store", store, "--json", "--object", "joe-biden"}, 0, []string{`"subject": "justin-trudeau"`}},
		{[]string{"query", "facts", "--store", store}, 2, nil},
		{[]string{"query", "search", "--store", store, "trudeu"}, 0, []string{"justin-trudeau", "fuzzy"}},
		{[]string{"query", "entity", "--store", store, "Joe Biden"}, 0, []string{"Joe Biden (Person, joe-biden)", "1 facts as subject, 1 as object"}},
		{[]string{"query", "neighbors", "--store", store, "joe-biden"}, 0, []string{"Justin Trudeau", "met", "Roxham Road"}},
		{[]string{"query", "who-met-whom", "--store", store}, 0, []string{"Joe Biden", "Justin Trudeau", "1 rows"}},
		{[]string{"query", "timeline", "--store", store, "actor=Trudeau"}, 0, []string{"2023-03-24", "Trudeau met Biden."}},
		{[]string{"query", "timeline", "--store", store}, 2, nil},
		{[]string{"query", "list", "--store", store}, 0, []string{"who-met-whom", "actor-issues"}},
		{[]string{"query", "nope", "--store", store}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:2], " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, &out, &errb)
			if code != tt.code {
				t.Fatalf("accord %q exit %d, want %d; stdout %s stderr %s", tt.args, code, tt.code, out.String(), errb.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("accord %q output lacks %q:\n%s", tt.args, w, out.String())
				}
			}
		})
	}
}
