package queries

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"accord/graph"
)

// TestEvaluate scores the fixture graph against gold written here, one
// matching rule per case.
func TestEvaluate(t *testing.T) {
	st := fixture(t)
	fact := func(doc, s, p, o string) GoldFact {
		return GoldFact{Doc: Docs{doc}, Subject: []string{s}, Predicate: []string{p}, Object: []string{o}}
	}
	contains := fact("d2", "Canada", "committedTo", "migrants")
	contains.ObjectContains = true
	negative := fact("d2", "Canada", "partyTo", "STCA")
	negative.Negative = true
	absent := fact("d9", "Canada", "met", "Trudeau")
	tests := []struct {
		name  string
		fact  GoldFact
		found bool
	}{
		{"an alias names the subject", fact("d1", "Trudeau", "met", "Joe Biden"), true},
		{"met matches either way round", fact("d1", "Biden", "met", "Justin Trudeau"), true},
		{"case, periods and a leading the are folded", fact("d2", "the CANADA.", "partyTo", "stca"), true},
		{"another document's fact does not count", fact("d3", "Canada", "partyTo", "STCA"), false},
		{"the predicate must match", fact("d2", "Canada", "signed", "STCA"), false},
		{"signed is not symmetric", fact("d1", "STCA", "signed", "United States"), false},
		{"a literal object matches its words only when contains is set", fact("d2", "Canada", "committedTo", "migrants"), false},
		{"object_contains matches whole words", contains, true},
		{"a negative that is present is violated", negative, true},
		{"a document the store lacks", absent, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Evaluate(context.Background(), st, &Gold{Facts: []GoldFact{tt.fact}}, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := rep.Found == 1
			if tt.fact.Negative {
				got = len(rep.Violated) == 1
			}
			if got != tt.found {
				t.Errorf("found %v, want %v (report %+v)", got, tt.found, rep)
			}
		})
	}
}

func TestEvaluateCounts(t *testing.T) {
	st := fixture(t)
	gold := &Gold{
		Facts: []GoldFact{
			{Doc: Docs{"d1"}, Subject: []string{"Trudeau"}, Predicate: []string{"met"}, Object: []string{"Biden"}},
			{Doc: Docs{"d1", "d2"}, Subject: []string{"Biden"}, Predicate: []string{"discussed"}, Object: []string{"migration"}},
			{Doc: Docs{"d2"}, Subject: []string{"Biden"}, Predicate: []string{"met"}, Object: []string{"López Obrador"}},
			{Doc: Docs{"d2"}, Subject: []string{"Canada"}, Predicate: []string{"partyTo"}, Object: []string{"STCA"}, Negative: true},
			{Doc: Docs{"d7"}, Subject: []string{"Canada"}, Predicate: []string{"met"}, Object: []string{"Mexico"}},
		},
		Forbidden: []string{"Roxham", "Reuters"},
	}
	rep, err := Evaluate(context.Background(), st, gold, 3)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 3 || rep.Positives != 4 || rep.Found != 2 || rep.Negatives != 1 || len(rep.Violated) != 1 {
		t.Errorf("documents %d positives %d found %d negatives %d violated %v",
			rep.Documents, rep.Positives, rep.Found, rep.Negatives, rep.Violated)
	}
	if rep.Recall != 0.5 {
		t.Errorf("recall %v, want 0.5", rep.Recall)
	}
	if strings.Join(rep.Forbidden, ",") != "Roxham" || rep.Checked != 2 {
		t.Errorf("forbidden present %v of %d, want [Roxham] of 2", rep.Forbidden, rep.Checked)
	}
	if strings.Join(rep.Absent, ",") != "d7" {
		t.Errorf("absent %v, want [d7]", rep.Absent)
	}
	if len(rep.Sample) != 3 {
		t.Errorf("%d sample facts, want 3", len(rep.Sample))
	}
}

func TestPrintTable(t *testing.T) {
	sets := []Scored{
		{Set: "seed", Report: &Report{Documents: 5, Positives: 100, Found: 96, Recall: 0.96, Negatives: 11, Checked: 29}},
		{Set: "held-out", Report: &Report{Documents: 7, Positives: 109, Found: 62, Recall: 62.0 / 109, Negatives: 15,
			Violated: []string{"d06 Joe Biden -thanked-> Justin Trudeau"}, Checked: 8, Forbidden: []string{"Associated Links"},
			Absent: []string{"d99.txt"}}},
	}
	var b bytes.Buffer
	PrintTable(&b, sets)
	want := `| set      | documents | gold facts | found | recall | negatives hit | forbidden entities present |
| -------- | --------: | ---------: | ----: | -----: | ------------: | -------------------------: |
| seed     |         5 |        100 |    96 |   0.96 |       0 of 11 |                    0 of 29 |
| held-out |         7 |        109 |    62 |   0.57 |       1 of 15 |                     1 of 8 |
held-out: negative hit: d06 Joe Biden -thanked-> Justin Trudeau
held-out: forbidden entity present: Associated Links
held-out: gold document absent from the store: d99.txt
`
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestEvaluateBoth: the extractor's score ignores the corrections, the
// corrected score counts them: a fact added by hand is found only in the
// second, a rejected one only in the first.
func TestEvaluateBoth(t *testing.T) {
	ctx := context.Background()
	st := fixture(t)
	gold := &Gold{Facts: []GoldFact{
		{Doc: Docs{"d3"}, Subject: []string{"Canada"}, Predicate: []string{"seeks"}, Object: []string{"STCA"}},
		{Doc: Docs{"d2"}, Subject: []string{"Canada"}, Predicate: []string{"partyTo"}, Object: []string{"STCA"}},
	}}
	sc, err := EvaluateBoth(ctx, st, gold, 0)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Corrections != 0 || sc.Extractor.Found != 1 || sc.Corrected.Found != 1 {
		t.Fatalf("before corrections: %+v", sc)
	}
	for _, c := range []graph.Correction{
		{Kind: graph.Add, Fact: &graph.FactRef{Subject: "canada", Predicate: "seeks", Object: graph.Object{Entity: "stca"}}, Source: "d3", Note: "paragraph 2", Who: "ana"},
		{Kind: graph.Reject, Fact: &graph.FactRef{Subject: "canada", Predicate: "partyTo", Object: graph.Object{Entity: "stca"}}, Note: "it is not a party", Who: "ana"},
		{Kind: graph.Rename, Entity: "canada", Name: "Government of Canada", Who: "ana", Note: "the government acts"},
	} {
		if _, err := st.Correct(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	sc, err = EvaluateBoth(ctx, st, gold, 0)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Corrections != 3 {
		t.Errorf("corrections = %d, want 3", sc.Corrections)
	}
	if sc.Extractor.Found != 1 || len(sc.Extractor.Missed) != 1 || !strings.Contains(sc.Extractor.Missed[0], "seeks") {
		t.Errorf("extractor: found %d, missed %v; want the partyTo fact found, seeks missed", sc.Extractor.Found, sc.Extractor.Missed)
	}
	if sc.Corrected.Found != 1 || len(sc.Corrected.Missed) != 1 || !strings.Contains(sc.Corrected.Missed[0], "partyTo") {
		t.Errorf("corrected: found %d, missed %v; want seeks found, partyTo missed", sc.Corrected.Found, sc.Corrected.Missed)
	}
	var buf bytes.Buffer
	sc.Print(&buf)
	if !strings.Contains(buf.String(), "corrections off") || !strings.Contains(buf.String(), "with the 3 corrections in force applied") {
		t.Errorf("Print:\n%s", buf.String())
	}
}
