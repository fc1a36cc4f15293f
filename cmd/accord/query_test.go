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

// TestAsOfCommands runs the query commands with --as-of on days on both
// sides of the bounds of queryStore's facts (which hold from 2023-03-24)
// and of a dated role, and between two sources' dates of one agreement.
func TestAsOfCommands(t *testing.T) {
	store := queryStore(t)
	ctx := context.Background()
	st, err := graph.Open(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	vocab := "actors.yaml: sean-fraser, Immigration Minister of canada, 2021-10-26 to 2023-07-26"
	ev := graph.Evidence{Sentence: "Sean Fraser, Canada's immigration minister, said the agreement, signed in 2002, works.", Start: 0, End: 86, Confidence: 0.9, Modality: graph.Asserted}
	for _, dg := range []graph.DocumentGraph{{
		Doc: graph.Document{ID: "b.txt", Published: "2023-03-30", Hash: "b"},
		Entities: []graph.Entity{{ID: "sean-fraser", Name: "Sean Fraser", Kind: graph.Person},
			{ID: "stca", Name: "Safe Third Country Agreement", Kind: graph.Agreement}},
		Facts: []graph.Fact{
			{Subject: "sean-fraser", Predicate: "holdsRole", Object: graph.Object{Literal: "immigration minister"}, Evidence: ev,
				ValidFrom:  &graph.Bound{Date: "2021-10-26", Source: graph.SourceVocabulary, Cue: vocab},
				ValidUntil: &graph.Bound{Date: "2023-07-25", Source: graph.SourceVocabulary, Cue: vocab}},
			{Subject: "stca", Predicate: "dated", Object: graph.Object{Literal: "2002"}, Evidence: ev,
				ValidFrom: &graph.Bound{Date: "2002", Source: graph.SourceText, Cue: "signed in 2002", Start: 64, End: 78}},
		},
	}, {
		Doc:      graph.Document{ID: "c.txt", Published: "2023-04-01", Hash: "c"},
		Entities: []graph.Entity{{ID: "stca", Name: "Safe Third Country Agreement", Kind: graph.Agreement}},
		Facts: []graph.Fact{{Subject: "stca", Predicate: "dated", Object: graph.Object{Literal: "2004"},
			Evidence:  graph.Evidence{Sentence: "The 2004 treaty.", Start: 0, End: 16, Confidence: 0.8, Modality: graph.Asserted},
			ValidFrom: &graph.Bound{Date: "2004", Source: graph.SourceText, Cue: "2004", Start: 4, End: 8}}},
	}} {
		if _, err := st.Put(ctx, dg); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	tests := []struct {
		name    string
		args    []string
		code    int
		want    []string
		wantNot []string
	}{
		{"role held", []string{"query", "roles", "role=immigration minister", "--as-of", "2023-06-01"}, 0,
			[]string{"Sean Fraser", "2021-10-26–2023-07-25", "1 rows"}, nil},
		{"role ended", []string{"query", "roles", "role=immigration minister", "--as-of", "2023-07-26"}, 0, []string{"0 rows"}, []string{"Sean Fraser"}},
		{"role not begun", []string{"query", "facts", "--predicate", "holdsRole", "--as-of", "2021-10-25"}, 0, []string{"0 facts"}, nil},
		{"role's first day", []string{"query", "facts", "--predicate", "holdsRole", "--as-of", "2021-10-26"}, 0, []string{"2021-10-26–2023-07-25", "1 facts"}, nil},
		{"dates disputed", []string{"query", "facts", "--subject", "stca", "--predicate", "dated", "--as-of", "2003-06-01"}, 0,
			[]string{"1 facts", "disputed as of 2003-06-01", "2002–", "2004–", "did not hold", "c.txt"}, nil},
		{"dates agreed", []string{"query", "facts", "--subject", "stca", "--predicate", "dated", "--as-of", "2005-06-01"}, 0, []string{"2 facts"}, []string{"disputed"}},
		{"entity before", []string{"query", "entity", "joe-biden", "--as-of", "2023-03-23"}, 0, []string{"as of 2023-03-23", "0 facts"}, nil},
		{"entity on the day", []string{"query", "entity", "joe-biden", "--as-of", "2023-03-24"}, 0, []string{"Trudeau met Biden.", "doc's date–"}, nil},
		{"neighbours before", []string{"query", "neighbors", "joe-biden", "--as-of", "2023-03-23"}, 0, nil, []string{"Roxham Road"}},
		{"neighbours on the day", []string{"query", "neighbors", "joe-biden", "--as-of", "2023-03-24"}, 0, []string{"Roxham Road"}, nil},
		{"path before", []string{"path", "Justin Trudeau", "Roxham Road", "--as-of", "2023-03-23"}, 0, []string{"no path"}, nil},
		{"path on the day", []string{"path", "Justin Trudeau", "Roxham Road", "--as-of", "2023-03-24"}, 0, []string{"path 1 (2 hops)"}, nil},
		{"named query", []string{"query", "who-met-whom", "--as-of", "2023-03-23"}, 0, []string{"0 rows"}, nil},
		{"bad day", []string{"query", "entity", "joe-biden", "--as-of", "2023-02-30"}, 2, nil, nil},
		{"bad day on path", []string{"path", "a", "b", "--as-of", "March"}, 2, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), append(tt.args, "--store", store), &out, &errb)
			if code != tt.code {
				t.Fatalf("accord %q exit %d, want %d; stdout %s stderr %s", tt.args, code, tt.code, out.String(), errb.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("accord %q: output lacks %q:\n%s", tt.args, w, out.String())
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(out.String(), w) {
					t.Errorf("accord %q: output has %q:\n%s", tt.args, w, out.String())
				}
			}
			if tt.code == 2 && !strings.Contains(errb.String(), "--as-of") {
				t.Errorf("accord %q: stderr %q does not name --as-of", tt.args, errb.String())
			}
		})
	}
}
