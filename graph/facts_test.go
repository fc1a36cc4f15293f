package graph_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"accord/graph"
)

// factsFixture is two documents over five entities:
//
//	a.txt:  joe-biden --met--> justin-trudeau
//	        canada --pledged--> "$4.9 billion"        (qualifier amount)
//	        safe-third-country-agreement --covers--> official-ports-of-entry
//	b.txt:  justin-trudeau --met--> joe-biden
//	        canada --pledged--> "$4.9 billion"        (another document)
func factsFixture() []graph.DocumentGraph {
	ents := []graph.Entity{
		{ID: "joe-biden", Name: "Joe Biden", Aliases: []string{"Biden"}, Kind: graph.Person},
		{ID: "justin-trudeau", Name: "Justin Trudeau", Aliases: []string{"Trudeau"}, Kind: graph.Person},
		{ID: "canada", Name: "Canada", Kind: graph.Country},
		{ID: "safe-third-country-agreement", Name: "Safe Third Country Agreement", Kind: graph.Agreement},
		{ID: "official-ports-of-entry", Name: "official ports of entry", Kind: graph.Place},
	}
	ev := func(s string, start int) graph.Evidence {
		return graph.Evidence{Sentence: s, Start: start, End: start + len(s), Confidence: 0.9, Modality: graph.Asserted}
	}
	return []graph.DocumentGraph{
		{
			Doc:      graph.Document{ID: "a.txt", Title: "Leaders meet", Hash: "a1"},
			Entities: ents,
			Facts: []graph.Fact{
				{Subject: "joe-biden", Predicate: "met", Object: graph.Object{Entity: "justin-trudeau"},
					Evidence: ev("Joe Biden met Justin Trudeau in Ottawa.", 0)},
				{Subject: "canada", Predicate: "pledged", Object: graph.Object{Literal: "$4.9 billion"},
					Evidence:   ev("Canada pledged $4.9 billion.", 40),
					Qualifiers: []graph.Qualifier{{Key: "amount", Value: "$4.9 billion"}}},
				{Subject: "safe-third-country-agreement", Predicate: "covers", Object: graph.Object{Entity: "official-ports-of-entry"},
					Evidence: ev("The Safe Third Country Agreement covers official ports of entry.", 70)},
			},
		},
		{
			Doc:      graph.Document{ID: "b.txt", Title: "Pledge confirmed", Hash: "b1"},
			Entities: ents[:3],
			Facts: []graph.Fact{
				{Subject: "justin-trudeau", Predicate: "met", Object: graph.Object{Entity: "joe-biden"},
					Evidence: ev("Trudeau met Biden.", 0)},
				{Subject: "canada", Predicate: "pledged", Object: graph.Object{Literal: "$4.9 billion"},
					Evidence: ev("Canada has pledged $4.9 billion, officials said.", 20)},
			},
		},
	}
}

func openFactsStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatalf("Open(memory): %v", err)
	}
	t.Cleanup(func() { s.Close() })
	for _, dg := range factsFixture() {
		if _, err := s.Put(ctx, dg); err != nil {
			t.Fatalf("Put(%s): %v", dg.Doc.ID, err)
		}
	}
	return s
}

// factKey is a fact in one line, for comparing results.
func factKey(f graph.Fact) string {
	return fmt.Sprintf("%s %s %s @%s:%d", f.Subject, f.Predicate, f.Object, f.Doc, f.Evidence.Start)
}

func TestFacts(t *testing.T) {
	s := openFactsStore(t)
	tests := []struct {
		name   string
		filter graph.FactFilter
		want   []string
	}{
		{"empty filter matches nothing", graph.FactFilter{}, nil},
		{"subject", graph.FactFilter{Subject: "joe-biden"}, []string{
			"joe-biden met justin-trudeau @a.txt:0",
		}},
		{"object entity", graph.FactFilter{Object: graph.Object{Entity: "joe-biden"}}, []string{
			"justin-trudeau met joe-biden @b.txt:0",
		}},
		{"object literal", graph.FactFilter{Object: graph.Object{Literal: "$4.9 billion"}}, []string{
			`canada pledged "$4.9 billion" @a.txt:40`,
			`canada pledged "$4.9 billion" @b.txt:20`,
		}},
		{"predicate", graph.FactFilter{Predicate: "met"}, []string{
			"joe-biden met justin-trudeau @a.txt:0",
			"justin-trudeau met joe-biden @b.txt:0",
		}},
		{"predicate IRI", graph.FactFilter{Predicate: graph.PredicateIRI("covers")}, []string{
			"safe-third-country-agreement covers official-ports-of-entry @a.txt:70",
		}},
		{"document", graph.FactFilter{Doc: "b.txt"}, []string{
			"justin-trudeau met joe-biden @b.txt:0",
			`canada pledged "$4.9 billion" @b.txt:20`,
		}},
		{"subject and document", graph.FactFilter{Subject: "canada", Doc: "a.txt"}, []string{
			`canada pledged "$4.9 billion" @a.txt:40`,
		}},
		{"predicate and document", graph.FactFilter{Predicate: "met", Doc: "a.txt"}, []string{
			"joe-biden met justin-trudeau @a.txt:0",
		}},
		{"full triple", graph.FactFilter{Subject: "joe-biden", Predicate: "met", Object: graph.Object{Entity: "justin-trudeau"}}, []string{
			"joe-biden met justin-trudeau @a.txt:0",
		}},
		{"subject with wrong predicate", graph.FactFilter{Subject: "joe-biden", Predicate: "pledged"}, nil},
		{"literal does not match entity", graph.FactFilter{Object: graph.Object{Literal: "joe-biden"}}, nil},
		{"limit", graph.FactFilter{Predicate: "pledged", Limit: 1}, []string{
			`canada pledged "$4.9 billion" @a.txt:40`,
		}},
		{"unknown subject", graph.FactFilter{Subject: "nobody"}, nil},
		{"unknown document", graph.FactFilter{Doc: "missing.txt"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Facts(context.Background(), tt.filter)
			if err != nil {
				t.Fatalf("Facts(%+v): %v", tt.filter, err)
			}
			var keys []string
			for _, f := range got {
				keys = append(keys, factKey(f))
			}
			if !reflect.DeepEqual(keys, tt.want) {
				t.Errorf("Facts(%+v) = %q, want %q", tt.filter, keys, tt.want)
			}
		})
	}
}

func TestFactsEvidence(t *testing.T) {
	s := openFactsStore(t)
	got, err := s.Facts(context.Background(), graph.FactFilter{Subject: "canada", Doc: "a.txt"})
	if err != nil || len(got) != 1 {
		t.Fatalf("Facts(canada, a.txt) = %v, %v; want one fact", got, err)
	}
	f := got[0]
	wantEv := graph.Evidence{Sentence: "Canada pledged $4.9 billion.", Start: 40, End: 68, Confidence: 0.9, Modality: graph.Asserted}
	if f.Evidence != wantEv {
		t.Errorf("Evidence = %+v, want %+v", f.Evidence, wantEv)
	}
	wantQ := []graph.Qualifier{{Key: "amount", Value: "$4.9 billion"}}
	if !reflect.DeepEqual(f.Qualifiers, wantQ) {
		t.Errorf("Qualifiers = %+v, want %+v", f.Qualifiers, wantQ)
	}
}

func TestFactsClosed(t *testing.T) {
	s, err := graph.Open(context.Background(), "memory")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := s.Facts(context.Background(), graph.FactFilter{Predicate: "met"}); err == nil {
		t.Errorf("Facts on a closed store: got no error")
	}
}
