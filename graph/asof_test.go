package graph

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// timeFixture is two documents that date things: a dated role (from the
// vocabulary), an event dated by its sentence, a state that holds from
// its document's date, and an agreement the two sources date differently
// (2002 and 2004).
func timeFixture() []DocumentGraph {
	ev := func(s string, start int) Evidence {
		return Evidence{Sentence: s, Start: start, End: start + len([]rune(s)), Confidence: 0.9, Modality: Asserted}
	}
	vocab := "actors.yaml: sean-fraser, Immigration Minister of canada, 2021-10-26 to 2023-07-26"
	ents := []Entity{
		{ID: "sean-fraser", Name: "Sean Fraser", Kind: Person},
		{ID: "joe-biden", Name: "Joe Biden", Kind: Person},
		{ID: "justin-trudeau", Name: "Justin Trudeau", Kind: Person},
		{ID: "canada", Name: "Canada", Kind: Country},
		{ID: "plan", Name: "the plan", Kind: Commitment},
		{ID: "stca", Name: "Safe Third Country Agreement", Kind: Agreement},
	}
	a := DocumentGraph{
		Doc:      Document{ID: "a.txt", Title: "A", Published: "2023-03-24", Hash: "ha"},
		Entities: ents,
		Facts: []Fact{
			{Subject: "sean-fraser", Predicate: "holdsRole", Object: Object{Literal: "immigration minister"}, Evidence: ev("Sean Fraser, Canada's immigration minister, spoke.", 0),
				ValidFrom:  &Bound{Date: "2021-10-26", Source: SourceVocabulary, Cue: vocab},
				ValidUntil: &Bound{Date: "2023-07-25", Source: SourceVocabulary, Cue: vocab}},
			{Subject: "joe-biden", Predicate: "met", Object: Object{Entity: "justin-trudeau"}, Evidence: ev("Biden met Trudeau on Friday.", 60),
				ValidFrom: &Bound{Date: "2023-03-24", Source: SourceText, Cue: "on Friday", Start: 78, End: 87}},
			{Subject: "canada", Predicate: "supports", Object: Object{Entity: "plan"}, Evidence: ev("Canada supports the plan.", 100),
				ValidFrom: &Bound{Date: "2023-03-24", Source: SourceDocumentDate}},
			{Subject: "stca", Predicate: "dated", Object: Object{Literal: "2002"}, Evidence: ev("The agreement, signed in 2002, applies.", 140),
				ValidFrom: &Bound{Date: "2002", Source: SourceText, Cue: "signed in 2002", Start: 155, End: 169}},
		},
	}
	b := DocumentGraph{
		Doc:      Document{ID: "b.txt", Title: "B", Published: "2023-03-30", Hash: "hb"},
		Entities: ents[5:],
		Facts: []Fact{
			{Subject: "stca", Predicate: "dated", Object: Object{Literal: "2004"}, Evidence: ev("The 2004 treaty stands.", 0),
				ValidFrom: &Bound{Date: "2004", Source: SourceText, Cue: "2004", Start: 4, End: 8}},
		},
	}
	return []DocumentGraph{a, b}
}

// TestAsOfBounds asks, on every backend, about days on both sides of each
// bound: a fact holds on its first and last day and not a day outside;
// and the same after an export and an import into a new store.
func TestAsOfBounds(t *testing.T) {
	ctx := context.Background()
	eachBackend(t, func(t *testing.T, b backend) {
		s := b.open(t)
		for _, dg := range timeFixture() {
			if _, err := s.Put(ctx, dg); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if _, err := s.Export(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		s2 := b.open(t)
		if _, err := s2.Import(ctx, strings.NewReader(buf.String())); err != nil {
			t.Fatal(err)
		}
		for _, st := range []struct {
			name string
			s    *Store
		}{{"stored", s}, {"imported", s2}} {
			t.Run(st.name, func(t *testing.T) { checkAsOf(t, st.s) })
		}
	})
}

func checkAsOf(t *testing.T, s *Store) {
	ctx := context.Background()
	count := func(q FactQuery) int {
		t.Helper()
		q.Limit = 100
		p, err := s.QueryFacts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return len(p.Facts)
	}
	facts := []struct {
		name string
		q    FactQuery
		day  string
		want int
	}{
		{"a role, the day before it began", FactQuery{Predicate: "holdsRole"}, "2021-10-25", 0},
		{"a role, its first day", FactQuery{Predicate: "holdsRole"}, "2021-10-26", 1},
		{"a role, its last day", FactQuery{Predicate: "holdsRole"}, "2023-07-25", 1},
		{"a role, the day after it ended", FactQuery{Predicate: "holdsRole"}, "2023-07-26", 0},
		{"an event, the day before", FactQuery{Predicate: "met"}, "2023-03-23", 0},
		{"an event, its day", FactQuery{Predicate: "met"}, "2023-03-24", 1},
		{"a state from its document's date, the day before", FactQuery{Subject: "canada"}, "2023-03-23", 0},
		{"a state from its document's date, that day", FactQuery{Subject: "canada"}, "2023-03-24", 1},
		{"a year's bound, the last day of the year before", FactQuery{Predicate: "dated"}, "2001-12-31", 0},
		{"a year's bound, its first day", FactQuery{Predicate: "dated"}, "2002-01-01", 1},
		{"both dates hold after both years", FactQuery{Predicate: "dated"}, "2004-01-01", 2},
		{"no as_of: every fact", FactQuery{Predicate: "dated"}, "", 2},
	}
	for _, tc := range facts {
		tc.q.Scope.AsOf = tc.day
		if got := count(tc.q); got != tc.want {
			t.Errorf("facts: %s (%s): %d facts, want %d", tc.name, tc.day, got, tc.want)
		}
	}
	for _, tc := range []struct {
		day  string
		want int
	}{{"2023-06-01", 1}, {"2023-08-01", 0}} {
		d, err := s.EntityFactsAsOf(ctx, "sean-fraser", 100, tc.day)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Out) != tc.want {
			t.Errorf("entity sean-fraser as of %s: %d facts, want %d", tc.day, len(d.Out), tc.want)
		}
	}
	for _, tc := range []struct {
		day  string
		want int
	}{{"2023-03-23", 0}, {"2023-03-24", 1}} {
		nb, err := s.Neighbors(ctx, "joe-biden", NeighborOptions{Scope: Scope{AsOf: tc.day}})
		if err != nil {
			t.Fatal(err)
		}
		if len(nb.Edges) != tc.want {
			t.Errorf("neighbours of joe-biden as of %s: %d edges, want %d", tc.day, len(nb.Edges), tc.want)
		}
		if len(nb.Edges) == 1 {
			v := nb.Edges[0].Evidence[0].ValidFrom
			if v == nil || v.Date != "2023-03-24" || v.Cue != "on Friday" || v.Start != 78 {
				t.Errorf("the edge's validFrom = %+v, want 2023-03-24 from \"on Friday\" at 78", v)
			}
		}
		// Asked three times: the first reads the edge lists, the second
		// keeps when each edge held with the cached lists, the third (and
		// the next day's, on a different day) checks from what was kept.
		for k := 0; k < 3; k++ {
			p, err := s.Path(ctx, "joe-biden", "justin-trudeau", PathOptions{AsOf: tc.day})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Paths) != tc.want {
				t.Errorf("path joe-biden to justin-trudeau as of %s (read %d): %d paths, want %d", tc.day, k+1, len(p.Paths), tc.want)
			}
		}
	}
	// Between the two sources' dates, the answer says they disagree.
	for _, tc := range []struct {
		day      string
		disputes int
	}{{"2001-06-01", 0}, {"2003-06-01", 1}, {"2005-06-01", 0}} {
		p, err := s.QueryFacts(ctx, FactQuery{Subject: "stca", Predicate: "dated", Limit: 10, Scope: Scope{AsOf: tc.day}})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Disputes) != tc.disputes {
			t.Errorf("as of %s: %d disputes, want %d: %+v", tc.day, len(p.Disputes), tc.disputes, p.Disputes)
			continue
		}
		if tc.disputes == 1 {
			d := p.Disputes[0]
			if len(d.Claims) != 2 || d.Claims[0].Interval != "2002–" || !d.Claims[0].Holds || d.Claims[1].Interval != "2004–" || d.Claims[1].Holds {
				t.Errorf("dispute as of %s: %+v; want 2002– held and 2004– not", tc.day, d.Claims)
			}
		}
	}
	if _, err := s.QueryFacts(ctx, FactQuery{Predicate: "met", Limit: 1, Scope: Scope{AsOf: "2023-02-30"}}); !errors.Is(err, ErrBadScope) || !strings.Contains(err.Error(), "as_of") {
		t.Errorf("as_of 2023-02-30: %v, want ErrBadScope naming as_of", err)
	}
}

// TestExportsCarryIntervals checks that the three export formats carry
// the facts' valid times.
func TestExportsCarryIntervals(t *testing.T) {
	ctx := context.Background()
	s := openMemory(t)
	for _, dg := range timeFixture() {
		if _, err := s.Put(ctx, dg); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{FormatNQuads, []string{`<` + NS + `validFrom> "2021-10-26"^^<http://www.w3.org/2001/XMLSchema#date>`,
			`<` + NS + `validUntil> "2023-07-25"^^<http://www.w3.org/2001/XMLSchema#date>`,
			`<` + NS + `validFromCue> "signed in 2002"`, `<` + NS + `validFromSource> "document-date"`}},
		{FormatJSONLD, []string{NS + "validFrom", "2021-10-26", NS + "validUntil", "2023-07-25", "signed in 2002"}},
		{FormatGraphML, []string{`<data key="validFrom">2021-10-26</data>`, `<data key="validUntil">2023-07-25</data>`, `<data key="validFrom">2002</data>`}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := s.ExportTo(ctx, &buf, ExportOptions{Format: tc.format}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("%s export lacks %s", tc.format, w)
				}
			}
		})
	}
}

// TestDateDisputesWithoutAsOf checks, on every backend, that two sources
// dating one agreement differently stay visible without as_of: both
// statements are kept, and Conflicts (GET /conflicts) lists the dispute
// with each source's date, whether the dates are the objects of a dating
// predicate ("dated 2002", "dated 2004") or the bounds of one fact
// (Canada signed it in 2002, says one; in 2004, says the other). As of a
// day between the dates, the same fact comes with its dispute.
func TestDateDisputesWithoutAsOf(t *testing.T) {
	ctx := context.Background()
	signed := func(doc, year string, start int) DocumentGraph {
		s := "Canada signed the agreement in " + year + "."
		return DocumentGraph{
			Doc: Document{ID: doc, Title: doc, Published: "2023-04-01", Hash: "h" + doc},
			Entities: []Entity{{ID: "canada", Name: "Canada", Kind: Country},
				{ID: "stca", Name: "Safe Third Country Agreement", Kind: Agreement}},
			Facts: []Fact{{Subject: "canada", Predicate: "signed", Object: Object{Entity: "stca"},
				Evidence:  Evidence{Sentence: s, Start: start, End: start + len(s), Confidence: 0.9, Modality: Asserted},
				ValidFrom: &Bound{Date: year, Source: SourceText, Cue: "in " + year, Start: start + 28, End: start + 35}}},
		}
	}
	eachBackend(t, func(t *testing.T, b backend) {
		s := b.open(t)
		for _, dg := range append(timeFixture(), signed("c.txt", "2002", 0), signed("d.txt", "2004", 10)) {
			if _, err := s.Put(ctx, dg); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct {
			q   FactQuery
			on  string
			obj string // the dates are the objects ("") or the bounds (the object's id)
		}{
			{FactQuery{Subject: "stca", Predicate: "dated", Limit: 10}, "value", ""},
			{FactQuery{Subject: "canada", Predicate: "signed", Limit: 10}, "validFrom", "stca"},
		} {
			p, err := s.QueryFacts(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var docs []string
			for _, f := range p.Facts {
				docs = append(docs, f.Doc)
			}
			if len(docs) != 2 || docs[0] == docs[1] {
				t.Errorf("QueryFacts(%s %s) from %v, want one statement from each of two sources", tc.q.Subject, tc.q.Predicate, docs)
			}
			cs, err := s.Conflicts(ctx, ConflictOptions{Subject: tc.q.Subject, Predicates: []string{tc.q.Predicate}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				if c.On != tc.on || (tc.obj != "" && (c.Object == nil || c.Object.Entity != tc.obj)) {
					continue
				}
				for _, cl := range c.Claims {
					got = append(got, cl.Value+"@"+cl.Fact.Doc)
				}
			}
			if len(got) != 2 || !strings.HasPrefix(got[0], "2002@") || !strings.HasPrefix(got[1], "2004@") {
				t.Errorf("Conflicts(%s %s) on %s = %v (all: %+v), want 2002 and 2004, each with its source", tc.q.Subject, tc.q.Predicate, tc.on, got, cs)
			}
			q := tc.q
			q.Scope.AsOf = "2003-06-01"
			p, err = s.QueryFacts(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Facts) != 1 || len(p.Disputes) != 1 || len(p.Disputes[0].Claims) != 2 {
				t.Errorf("QueryFacts(%s %s) as of 2003-06-01: %d facts, disputes %+v; want the 2002 one and its dispute", q.Subject, q.Predicate, len(p.Facts), p.Disputes)
			}
		}
	})
}
