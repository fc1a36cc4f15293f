package timex

import (
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"accord/data"
	"accord/graph"
)

// testRules are the rules of data/time.yaml with a few dated roles.
func testRules(t *testing.T) *Rules {
	t.Helper()
	b, err := data.FS.ReadFile("time.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(b, []DatedRole{
		{Person: "sean-fraser", Title: "Immigration Minister", Of: "canada", From: "2021-10-26", To: "2023-07-26"},
		{Person: "justin-trudeau", Title: "Prime Minister", Of: "canada", From: "2015-11-04", To: "2025-03-14"},
		{Person: "anita-anand", Title: "Defence Minister", Of: "canada", From: "2021-10-26", To: "2023-07-26"},
		{Person: "anita-anand", Title: "Treasury Board President", Of: "canada", From: "2023-07-26"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// bound writes a bound as "date source cue" for comparison; "-" for none.
func boundString(b *graph.Bound) string {
	if b == nil {
		return "-"
	}
	return b.Date + " " + b.Source + " " + b.Cue
}

func TestBounds(t *testing.T) {
	r := testRules(t)
	tests := []struct {
		name       string
		f          Fact
		doc        string
		from, till string
	}{
		// Dated roles of the vocabulary.
		{"dated role by title", Fact{Sentence: "Sean Fraser, Canada's immigration minister, discussed the agreement.", Predicate: "holdsRole", Subject: "sean-fraser", Literal: "immigration minister"}, "2023-03-24",
			"2021-10-26 vocabulary actors.yaml: sean-fraser, Immigration Minister of canada, 2021-10-26 to 2023-07-26",
			"2023-07-25 vocabulary actors.yaml: sean-fraser, Immigration Minister of canada, 2021-10-26 to 2023-07-26"},
		{"dated role by synonym", Fact{Sentence: "Minister of Immigration Sean Fraser spoke.", Predicate: "holdsRole", Subject: "sean-fraser", Literal: "Minister of Immigration"}, "2022-01-10",
			"2021-10-26 vocabulary actors.yaml: sean-fraser, Immigration Minister of canada, 2021-10-26 to 2023-07-26",
			"2023-07-25 vocabulary actors.yaml: sean-fraser, Immigration Minister of canada, 2021-10-26 to 2023-07-26"},
		{"dated role of a country (leaderOf)", Fact{Sentence: "Prime Minister Justin Trudeau met Biden.", Predicate: "leaderOf", Subject: "justin-trudeau", Object: "canada", ObjectKind: graph.Country}, "2023-03-24",
			"2015-11-04 vocabulary actors.yaml: justin-trudeau, Prime Minister of canada, 2015-11-04 to 2025-03-14",
			"2025-03-13 vocabulary actors.yaml: justin-trudeau, Prime Minister of canada, 2015-11-04 to 2025-03-14"},
		{"a dated role not yet begun is no evidence", Fact{Sentence: "Treasury Board President Anita Anand spoke.", Predicate: "holdsRole", Subject: "anita-anand", Literal: "Treasury Board President"}, "2022-05-01",
			"2022-05-01 document-date ", "-"},
		{"an undated document: the person's one role of the kind", Fact{Sentence: "Sean Fraser, Canada's immigration minister, spoke.", Predicate: "holdsRole", Subject: "sean-fraser", Literal: "immigration minister"}, "",
			"2021-10-26 vocabulary actors.yaml: sean-fraser, Immigration Minister of canada, 2021-10-26 to 2023-07-26",
			"2023-07-25 vocabulary actors.yaml: sean-fraser, Immigration Minister of canada, 2021-10-26 to 2023-07-26"},
		{"an undated document: of two roles, neither", Fact{Sentence: "Anita Anand spoke for Canada.", Predicate: "spokespersonFor", Subject: "anita-anand", Object: "canada"}, "",
			"-", "-"},
		// Role cues of the text.
		{"former", Fact{Sentence: "Former Prime Minister Stephen Harper signed it.", Predicate: "holdsRole", Subject: "stephen-harper", Literal: "Prime Minister"}, "2023-03-24",
			"-", "2023-03-23 text Former"},
		{"then-", Fact{Sentence: "It was signed by then-Prime Minister Jean Chrétien.", Predicate: "holdsRole", Subject: "jean-chretien", Literal: "Prime Minister"}, "2023-03-24",
			"-", "2023-03-23 text then-"},
		{"former, one word between", Fact{Sentence: "The former Canadian ambassador said so.", Predicate: "holdsRole", Subject: "x", Literal: "ambassador"}, "2023-03-24",
			"-", "2023-03-23 text former"},
		{"former with a dated role that ended", Fact{Sentence: "Former Defence Minister Anita Anand spoke.", Predicate: "holdsRole", Subject: "anita-anand", Literal: "Defence Minister"}, "2024-02-01",
			"2021-10-26 vocabulary actors.yaml: anita-anand, Defence Minister of canada, 2021-10-26 to 2023-07-26",
			"2023-07-25 vocabulary actors.yaml: anita-anand, Defence Minister of canada, 2021-10-26 to 2023-07-26"},
		{"became in a year", Fact{Sentence: "Marc Miller, who became immigration minister in 2023, said so.", Predicate: "holdsRole", Subject: "marc-miller", Literal: "immigration minister"}, "2024-01-10",
			"2023 text became immigration minister in 2023", "-"},
		{"a role since a year", Fact{Sentence: "Jens Stoltenberg, Secretary General since 2014, spoke.", Predicate: "holdsRole", Subject: "jens-stoltenberg", Literal: "Secretary General"}, "2023-03-24",
			"2014 text since 2014", "-"},
		// Agreements.
		{"signed in (dating predicate)", Fact{Sentence: "The agreement, signed in 2002, applies to individuals.", Predicate: "dated", Subject: "stca", SubjectKind: graph.Agreement, Literal: "2002"}, "2023-03-24",
			"2002 text signed in 2002", "-"},
		{"a bare year dates (dating predicate)", Fact{Sentence: "Canada asked to expand a 2004 immigration treaty.", Predicate: "dated", Subject: "stca", SubjectKind: graph.Agreement, Literal: "2004"}, "2023-03-24",
			"2004 text 2004", "-"},
		{"in force since", Fact{Sentence: "The agreement, in force since 2004, covers land ports of entry.", Predicate: "covers", Subject: "stca", SubjectKind: graph.Agreement, Object: "ports", ObjectKind: graph.Place}, "2023-03-24",
			"2004 text in force since 2004", "-"},
		{"an Additional Protocol announced today", Fact{Sentence: "The two countries signed an Additional Protocol announced today.", Predicate: "partyTo", Subject: "canada", SubjectKind: graph.Country, Object: "stca", ObjectKind: graph.Agreement}, "2023-03-24",
			"2023-03-24 text announced today", "-"},
		{"signed, with the date too far from the cue: the event's date", Fact{Sentence: "Canada signed the accord in Ottawa on Friday.", Predicate: "signed", Subject: "canada", SubjectKind: graph.Country, Object: "accord", ObjectKind: graph.Agreement}, "2023-03-27",
			"2023-03-24 text on Friday", "-"},
		{"signed on a weekday by a party", Fact{Sentence: "Canada signed the accord on Friday.", Predicate: "signed", Subject: "canada", SubjectKind: graph.Country, Object: "accord", ObjectKind: graph.Agreement}, "2023-03-27",
			"2023-03-24 text signed the accord on Friday", "-"},
		{"expired", Fact{Sentence: "The pact expired in 2020 after a decade.", Predicate: "covers", Subject: "pact", SubjectKind: graph.Agreement, Object: "x", ObjectKind: graph.Place}, "2023-03-24",
			"-", "2020 text expired in 2020"},
		{"was replaced (passive)", Fact{Sentence: "The old accord was replaced in March 2023.", Predicate: "covers", Subject: "pact", SubjectKind: graph.Agreement, Object: "x", ObjectKind: graph.Place}, "2023-06-01",
			"-", "2023-03 text was replaced in March 2023"},
		// Events resolved against the document's date.
		{"a bare year does not date an event", Fact{Sentence: "Canada urged the U.S. to expand a 2004 treaty.", Predicate: "urged", Subject: "canada", Object: "united-states"}, "2023-03-24",
			"2023-03-24 document-date ", "-"},
		{"on Friday, read on the Friday", Fact{Sentence: "Biden met Trudeau on Friday.", Predicate: "met", Subject: "joe-biden", Object: "justin-trudeau"}, "2023-03-24",
			"2023-03-24 text on Friday", "-"},
		{"on Friday, read on Monday", Fact{Sentence: "Biden met Trudeau on Friday.", Predicate: "met", Subject: "joe-biden", Object: "justin-trudeau"}, "2023-03-27",
			"2023-03-24 text on Friday", "-"},
		{"will on Friday: the coming one", Fact{Sentence: "The deal will be announced on Friday.", Predicate: "announced", Subject: "joe-biden", Object: "deal", Expected: true}, "2023-03-21",
			"2023-03-24 text on Friday", "-"},
		{"last month", Fact{Sentence: "Mayorkas visited Ottawa last month.", Predicate: "visited", Subject: "mayorkas", Object: "ottawa"}, "2023-03-24",
			"2023-02 text last month", "-"},
		{"on March 24", Fact{Sentence: "The leaders met on March 24 in Ottawa.", Predicate: "met", Subject: "a", Object: "b"}, "2023-04-02",
			"2023-03-24 text on March 24", "-"},
		{"in December, read in January", Fact{Sentence: "They discussed it in December.", Predicate: "discussed", Subject: "a", Object: "b"}, "2024-01-15",
			"2023-12 text in December", "-"},
		{"today", Fact{Sentence: "President Biden met today with Prime Minister Trudeau.", Predicate: "met", Subject: "a", Object: "b"}, "2023-03-24",
			"2023-03-24 text today", "-"},
		{"the expression nearest the anchor", Fact{Sentence: "After talks in 2019, they met on Friday.", Predicate: "met", Subject: "a", Object: "b", Anchor: 25}, "2023-03-24",
			"2023-03-24 text on Friday", "-"},
		// States.
		{"member since", Fact{Sentence: "Canada, a member since 1949, supports it.", Predicate: "memberOf", Subject: "canada", Object: "nato"}, "2023-03-24",
			"1949 text since 1949", "-"},
		{"from to", Fact{Sentence: "The rule covers the border from 2021 to 2023.", Predicate: "covers", Subject: "rule", Object: "border"}, "2023-03-24",
			"2021 text from 2021 to 2023", "2023 text from 2021 to 2023"},
		{"a state ignores a point in time", Fact{Sentence: "In 2019 Canada was a member of NATO.", Predicate: "memberOf", Subject: "canada", Object: "nato"}, "2023-03-24",
			"2023-03-24 document-date ", "-"},
		// No cue.
		{"no cue: the document's date", Fact{Sentence: "Canada supports the plan.", Predicate: "supports", Subject: "canada", Object: "plan"}, "2023-03-24T10:00:00Z",
			"2023-03-24 document-date ", "-"},
		{"no cue, no date", Fact{Sentence: "Canada supports the plan.", Predicate: "supports", Subject: "canada", Object: "plan"}, "",
			"-", "-"},
		{"a weekday in an undated document", Fact{Sentence: "Biden met Trudeau on Friday.", Predicate: "met", Subject: "a", Object: "b"}, "",
			"-", "-"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.f.Anchor == 0 {
				tc.f.Anchor = -1
			}
			from, until := r.Bounds(tc.f, tc.doc)
			if got := boundString(from); got != tc.from {
				t.Errorf("validFrom = %q, want %q", got, tc.from)
			}
			if got := boundString(until); got != tc.till {
				t.Errorf("validUntil = %q, want %q", got, tc.till)
			}
			// A text bound's offsets point at its cue.
			for _, b := range []*graph.Bound{from, until} {
				if b != nil && b.Source == graph.SourceText && tc.f.Sentence[b.Start:b.End] != b.Cue {
					t.Errorf("offsets %d-%d give %q, cue is %q", b.Start, b.End, tc.f.Sentence[b.Start:b.End], b.Cue)
				}
			}
		})
	}
	// Bounds keeps what it read of recent sentences: callers on several
	// goroutines, interleaving the cases' sentences, get the same answers.
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 20 {
				tc := tests[(g*7+round*3)%len(tests)]
				if tc.f.Anchor == 0 {
					tc.f.Anchor = -1
				}
				from, until := r.Bounds(tc.f, tc.doc)
				if boundString(from) != tc.from || boundString(until) != tc.till {
					t.Errorf("%s, concurrently: %q, %q, want %q, %q", tc.name, boundString(from), boundString(until), tc.from, tc.till)
				}
			}
		}()
	}
	wg.Wait()
}

// TestBoundsSpan checks that the evidence offsets go through Span: the
// sentence's byte offsets become the document's character offsets.
func TestBoundsSpan(t *testing.T) {
	r := testRules(t)
	doc := "Préambule. L’accord, signed in 2002, applies."
	sentence := doc[len("Préambule. "):]
	base := len([]rune("Préambule. "))
	span := func(a, b int) (int, int) {
		return base + len([]rune(sentence[:a])), base + len([]rune(sentence[:b]))
	}
	from, _ := r.Bounds(Fact{Sentence: sentence, Predicate: "dated", Subject: "stca", SubjectKind: graph.Agreement, Literal: "2002", Anchor: -1, Span: span}, "2023-03-24")
	if from == nil {
		t.Fatal("no validFrom")
	}
	if got := string([]rune(doc)[from.Start:from.End]); got != "signed in 2002" {
		t.Errorf("document characters %d-%d are %q, want the cue %q", from.Start, from.End, got, "signed in 2002")
	}
}

// TestLoad reads the real vocabulary, and reports bad entries by file and
// field.
func TestLoad(t *testing.T) {
	r, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	from, until := r.Bounds(Fact{Sentence: "Sean Fraser, Canada's immigration minister, spoke.", Predicate: "holdsRole", Subject: "sean-fraser", Literal: "immigration minister", Anchor: -1}, "2023-03-24")
	if from == nil || until == nil || from.Source != graph.SourceVocabulary || from.Date != "2021-10-26" {
		t.Errorf("Sean Fraser's role from actors.yaml: got %s / %s", boundString(from), boundString(until))
	}
	timeYAML, _ := data.FS.ReadFile("time.yaml")
	bad := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"bad role date", fstest.MapFS{
			"time.yaml":      {Data: timeYAML},
			"countries.yaml": {Data: []byte("[]")},
			"actors.yaml":    {Data: []byte("- {id: x, roles: [{title: Mayor, from: 2021-13-01}]}")},
		}, `actors.yaml: x: role 1 (Mayor): "2021-13-01" is not a date`},
		{"missing time.yaml", fstest.MapFS{"countries.yaml": {Data: []byte("[]")}, "actors.yaml": {Data: []byte("[]")}}, "time.yaml"},
		{"bad relative unit", fstest.MapFS{
			"time.yaml":      {Data: []byte(strings.Replace(string(timeYAML), "{words: today, unit: day}", "{words: today, unit: fortnight}", 1))},
			"countries.yaml": {Data: []byte("[]")},
			"actors.yaml":    {Data: []byte("[]")},
		}, `time.yaml: relative 1 ("today"): unit must be day, week, month or year`},
		{"a synonym group of one", fstest.MapFS{
			"time.yaml":      {Data: []byte(strings.Replace(string(timeYAML), "- [Prime Minister, PM]", "- [Prime Minister]", 1))},
			"countries.yaml": {Data: []byte("[]")},
			"actors.yaml":    {Data: []byte("[]")},
		}, "roles.synonyms 1: a group needs two titles"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestFindResolve checks the expressions themselves: what is found, and
// the interval each resolves to against a document's date.
func TestFindResolve(t *testing.T) {
	r := testRules(t)
	doc, _ := ParseDay("2023-03-24") // a Friday
	tests := []struct {
		text string
		want string // "text kind interval", one per expression, joined by "; "
	}{
		{"signed in 2002", "in 2002 point 2002–2002"},
		{"in force since 2004", "since 2004 since 2004–"},
		{"on March 24, 2023 they met", "on March 24, 2023 point 2023-03-24–2023-03-24"},
		{"from 2021 to 2023", "from 2021 to 2023 range 2021–2023"},
		{"in 2021-2023", "in 2021-2023 range 2021–2023"},
		{"until 2025", "until 2025 until –2025"},
		{"last Friday", "last Friday point 2023-03-17–2023-03-17"},
		{"next week", "next week point 2023-03-27–2023-04-02"},
		{"earlier this year", "earlier this year point 2023–2023-03-24"},
		{"$2004 and 1,2004 are not years", ""},
		{"They may meet in May.", "in May point 2023-05–2023-05"},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			var got []string
			for _, e := range r.Find(tc.text) {
				iv, ok := e.Resolve(doc, Future)
				if !ok {
					got = append(got, e.Text+" unresolved")
					continue
				}
				got = append(got, e.Text+" "+e.Kind.String()+" "+iv.String())
			}
			if s := strings.Join(got, "; "); s != tc.want {
				t.Errorf("got %q, want %q", s, tc.want)
			}
		})
	}
}
