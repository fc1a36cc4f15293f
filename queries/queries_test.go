package queries

import (
	"context"
	"errors"
	"strings"
	"testing"

	"accord/graph"
)

// fixture is the graph every named query is tested on (d1 published
// 2023-01-10, d2 2023-03-24, d3 undated):
//
//	justin-trudeau --met--> joe-biden --met--> andres-lopez-obrador
//	   (d1, d2)                          (d1)
//	canada --pledged--> norad-upgrade    d1 {amount $4.9 billion}
//	canada --pledged--> norad-upgrade    d3 {amount $5 billion}      <- conflict
//	canada --committedTo--> "resettle 15,000 migrants"   d2, expected
//	canada --partyTo--> stca --covers--> roxham-road     d2
//	united-states --signed--> stca                       d1
//	justin-trudeau --discussed--> migration <--discussed-- joe-biden
//	     (d1)                                   (d2)
//	joe-biden --discussed--> climate <--supports-- canada
//	     (d2)                               (d3)
func fixture(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ents := map[string]graph.Entity{
		"justin-trudeau":       {Name: "Justin Trudeau", Aliases: []string{"Trudeau"}, Kind: graph.Person},
		"joe-biden":            {Name: "Joe Biden", Aliases: []string{"Biden"}, Kind: graph.Person},
		"andres-lopez-obrador": {Name: "Andrés Manuel López Obrador", Kind: graph.Person},
		"canada":               {Name: "Canada", Kind: graph.Country},
		"united-states":        {Name: "United States", Kind: graph.Country},
		"norad-upgrade":        {Name: "NORAD upgrade", Kind: graph.Commitment},
		"stca":                 {Name: "Safe Third Country Agreement", Aliases: []string{"STCA"}, Kind: graph.Agreement},
		"roxham-road":          {Name: "Roxham Road", Kind: graph.Place},
		"migration":            {Name: "migration", Kind: graph.Issue},
		"climate":              {Name: "climate", Kind: graph.Issue},
	}
	type fact struct {
		s, p, o, doc string
		m            graph.Modality
		q            []graph.Qualifier
	}
	facts := []fact{
		{"justin-trudeau", "met", "joe-biden", "d1", "", nil},
		{"justin-trudeau", "met", "joe-biden", "d2", graph.Reported, nil},
		{"joe-biden", "met", "andres-lopez-obrador", "d1", "", nil},
		{"canada", "pledged", "norad-upgrade", "d1", "", []graph.Qualifier{{Key: "amount", Value: "$4.9 billion"}}},
		{"canada", "pledged", "norad-upgrade", "d3", "", []graph.Qualifier{{Key: "amount", Value: "$5 billion"}}},
		{"canada", "committedTo", `"resettle 15,000 migrants"`, "d2", graph.Expected, nil},
		{"canada", "partyTo", "stca", "d2", "", nil},
		{"stca", "covers", "roxham-road", "d2", "", nil},
		{"united-states", "signed", "stca", "d1", "", nil},
		{"justin-trudeau", "discussed", "migration", "d1", "", nil},
		{"joe-biden", "discussed", "migration", "d2", "", nil},
		{"joe-biden", "discussed", "climate", "d2", "", nil},
		{"canada", "supports", "climate", "d3", "", nil},
	}
	dates := map[string]string{"d1": "2023-01-10", "d2": "2023-03-24"}
	for _, doc := range []string{"d1", "d2", "d3"} {
		dg := graph.DocumentGraph{Doc: graph.Document{ID: doc, Published: dates[doc], Hash: doc}}
		for i, f := range facts {
			if f.doc != doc {
				continue
			}
			gf := graph.Fact{Subject: f.s, Predicate: f.p, Qualifiers: f.q}
			if strings.HasPrefix(f.o, `"`) {
				gf.Object.Literal = strings.Trim(f.o, `"`)
			} else {
				gf.Object.Entity = f.o
			}
			m := f.m
			if m == "" {
				m = graph.Asserted
			}
			gf.Evidence = graph.Evidence{Sentence: f.s + " " + f.p + " " + f.o + ".", Start: i * 50, End: i*50 + 40, Confidence: 0.9, Modality: m}
			dg.Facts = append(dg.Facts, gf)
			for _, id := range []string{f.s, gf.Object.Entity} {
				if e, ok := ents[id]; ok {
					e.ID = id
					dg.Entities = append(dg.Entities, e)
				}
			}
		}
		if _, err := st.Put(ctx, dg); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func TestNamedQueries(t *testing.T) {
	st := fixture(t)
	tests := []struct {
		query string
		args  Args
		rows  []string // cells joined by "|"
		err   error
	}{
		{"who-met-whom", nil, []string{
			"Joe Biden|Justin Trudeau|2|2023-01-10|2023-03-24",
			"Andrés Manuel López Obrador|Joe Biden|1|2023-01-10|2023-01-10",
		}, nil},
		{"who-met-whom", Args{"actor": "Trudeau"}, []string{"Justin Trudeau|Joe Biden|2|2023-01-10|2023-03-24"}, nil},
		{"who-met-whom", Args{"actor": "Biden", "until": "2023-02"}, []string{
			"Joe Biden|Andrés Manuel López Obrador|1|2023-01-10|2023-01-10",
			"Joe Biden|Justin Trudeau|1|2023-01-10|2023-01-10",
		}, nil},
		{"who-met-whom", Args{"limit": "1"}, []string{"Joe Biden|Justin Trudeau|2|2023-01-10|2023-03-24"}, nil},
		{"commitments", Args{"actor": "Canada"}, []string{
			"Canada|pledged|NORAD upgrade|amount=$4.9 billion|asserted|d1|2023-01-10",
			"Canada|committedTo|resettle 15,000 migrants||expected|d2|2023-03-24",
			"Canada|pledged|NORAD upgrade|amount=$5 billion|asserted|d3|",
		}, nil},
		{"commitments", Args{"to": "norad upgrade", "since": "2023"}, []string{
			"Canada|pledged|NORAD upgrade|amount=$4.9 billion|asserted|d1|2023-01-10",
		}, nil},
		{"agreements", nil, []string{"Safe Third Country Agreement|Roxham Road|Canada; United States|2"}, nil},
		{"agreements", Args{"agreement": "STCA"}, []string{"Safe Third Country Agreement|Roxham Road|Canada; United States|2"}, nil},
		{"actor-issues", nil, []string{
			"actor|climate|migration|total",
			"Joe Biden|1|1|2",
			"Canada|1|0|1",
			"Justin Trudeau|0|1|1",
		}, nil},
		{"actor-issues", Args{"predicates": "discussed", "issues": "1"}, []string{
			"actor|climate|total",
			"Joe Biden|1|1",
		}, nil},
		{"timeline", Args{"actor": "joe-biden"}, []string{
			"2023-01-10|d1|Justin Trudeau|met|Joe Biden|asserted|justin-trudeau met joe-biden.",
			"2023-01-10|d1|Joe Biden|met|Andrés Manuel López Obrador|asserted|joe-biden met andres-lopez-obrador.",
			"2023-03-24|d2|Justin Trudeau|met|Joe Biden|reported|justin-trudeau met joe-biden.",
			"2023-03-24|d2|Joe Biden|discussed|migration|asserted|joe-biden discussed migration.",
			"2023-03-24|d2|Joe Biden|discussed|climate|asserted|joe-biden discussed climate.",
		}, nil},
		{"timeline", Args{"actor": "canada", "since": "2023-03"}, []string{
			"2023-03-24|d2|Canada|committedTo|resettle 15,000 migrants|expected|canada committedTo \"resettle 15,000 migrants\".",
			"2023-03-24|d2|Canada|partyTo|Safe Third Country Agreement|asserted|canada partyTo stca.",
		}, nil},
		{"conflicts", nil, []string{
			"1|Canada|pledged|NORAD upgrade|amount|$4.9 billion|d1|canada pledged norad-upgrade.",
			"1|Canada|pledged|NORAD upgrade|amount|$5 billion|d3|canada pledged norad-upgrade.",
		}, nil},
		{"conflicts", Args{"subject": "joe-biden"}, nil, nil},
		{"timeline", nil, nil, ErrBadArgs},
		{"timeline", Args{"actor": "nobody"}, nil, ErrBadArgs},
		{"timeline", Args{"actor": "canada", "since": "last week"}, nil, ErrBadArgs},
		{"who-met-whom", Args{"limit": "0"}, nil, ErrBadArgs},
		{"who-met-whom", Args{"colour": "red"}, nil, ErrBadArgs},
		{"actor-issues", Args{"issues": "x"}, nil, ErrBadArgs},
		{"nope", nil, nil, ErrUnknownQuery},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			tab, err := Run(context.Background(), st, tt.query, tt.args)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Run(%s, %v) err = %v, want %v", tt.query, tt.args, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Run(%s, %v): %v", tt.query, tt.args, err)
			}
			var got []string
			if tt.query == "actor-issues" {
				got = append(got, strings.Join(tab.Columns, "|"))
			}
			for _, r := range tab.Rows {
				got = append(got, strings.Join(r, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.rows, "\n") {
				t.Errorf("Run(%s, %v) =\n%s\nwant\n%s", tt.query, tt.args, strings.Join(got, "\n"), strings.Join(tt.rows, "\n"))
			}
			if tab.Query != tt.query || (len(tab.Rows) > 0 && len(tab.Rows[0]) != len(tab.Columns)) {
				t.Errorf("Run(%s): table %q with columns %v", tt.query, tab.Query, tab.Columns)
			}
		})
	}
}

// TestQueriesDocumented checks that every query and parameter says what it
// is for.
func TestQueriesDocumented(t *testing.T) {
	for _, q := range All() {
		if q.Title == "" || q.Doc == "" || q.run == nil {
			t.Errorf("query %q lacks a title, documentation or implementation", q.Name)
		}
		for _, p := range q.Params {
			if p.Doc == "" {
				t.Errorf("query %q: parameter %q has no documentation", q.Name, p.Name)
			}
		}
	}
}

// TestRolesAsOf checks the roles query and as_of on named queries: a
// dated role is listed on its first and last day and not the day after,
// and a malformed day is ErrBadArgs naming as_of.
func TestRolesAsOf(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vocab := "actors.yaml: sean-fraser, Immigration Minister of canada, 2021-10-26 to 2023-07-26"
	_, err = st.Put(ctx, graph.DocumentGraph{
		Doc:      graph.Document{ID: "a.txt", Published: "2023-03-24", Hash: "a"},
		Entities: []graph.Entity{{ID: "sean-fraser", Name: "Sean Fraser", Kind: graph.Person}, {ID: "mark-carney", Name: "Mark Carney", Kind: graph.Person}},
		Facts: []graph.Fact{
			{Subject: "sean-fraser", Predicate: "holdsRole", Object: graph.Object{Literal: "immigration minister"},
				Evidence:   graph.Evidence{Sentence: "Sean Fraser, Canada's immigration minister, spoke.", End: 50, Confidence: 0.9, Modality: graph.Asserted},
				ValidFrom:  &graph.Bound{Date: "2021-10-26", Source: graph.SourceVocabulary, Cue: vocab},
				ValidUntil: &graph.Bound{Date: "2023-07-25", Source: graph.SourceVocabulary, Cue: vocab}},
			{Subject: "mark-carney", Predicate: "holdsRole", Object: graph.Object{Literal: "central banker"},
				Evidence:  graph.Evidence{Sentence: "Mark Carney, a central banker, spoke.", Start: 60, End: 97, Confidence: 0.9, Modality: graph.Asserted},
				ValidFrom: &graph.Bound{Date: "2023-03-24", Source: graph.SourceDocumentDate}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args Args
		want string // rows, "; "-joined, cells "|"-joined
	}{
		{Args{"role": "immigration minister", "as_of": "2021-10-25"}, ""},
		{Args{"role": "immigration minister", "as_of": "2021-10-26"}, "Sean Fraser|immigration minister|2021-10-26–2023-07-25|1"},
		{Args{"role": "immigration minister", "as_of": "2023-07-25"}, "Sean Fraser|immigration minister|2021-10-26–2023-07-25|1"},
		{Args{"role": "immigration minister", "as_of": "2023-07-26"}, ""},
		{Args{"as_of": "2023-03-24"}, "Mark Carney|central banker|2023-03-24– (document's date)|1; Sean Fraser|immigration minister|2021-10-26–2023-07-25|1"},
		{Args{"person": "Mark Carney"}, "Mark Carney|central banker|2023-03-24– (document's date)|1"},
	}
	for _, tc := range tests {
		tab, err := Run(ctx, st, "roles", tc.args)
		if err != nil {
			t.Fatalf("roles %v: %v", tc.args, err)
		}
		var rows []string
		for _, r := range tab.Rows {
			rows = append(rows, strings.Join(r, "|"))
		}
		if got := strings.Join(rows, "; "); got != tc.want {
			t.Errorf("roles %v = %q, want %q", tc.args, got, tc.want)
		}
	}
	for _, q := range []string{"roles", "who-met-whom", "timeline", "agreements"} {
		args := Args{"as_of": "2023-13-01", "actor": "Sean Fraser"}
		if q != "timeline" && q != "who-met-whom" {
			delete(args, "actor")
		}
		if _, err := Run(ctx, st, q, args); !errors.Is(err, ErrBadArgs) || !strings.Contains(err.Error(), "as_of") {
			t.Errorf("%s with as_of 2023-13-01: %v, want ErrBadArgs naming as_of", q, err)
		}
	}
}
