package loader

import (
	"strings"
	"testing"

	"accord/graph"
)

// extractFacts runs the whole pipeline on text and returns its facts as
// "Subject|predicate|Object|modality" lines, entities by name.
func extractFacts(t testing.TB, lx *Lexicon, text string) ([]string, graph.DocumentGraph) {
	t.Helper()
	src, err := Read("t.txt", []byte("---\ndate: 2023-03-24\n---\n"+text))
	if err != nil {
		t.Fatal(err)
	}
	dg := lx.Extract(src, nil)
	names := map[string]string{}
	for _, e := range dg.Entities {
		names[e.ID] = e.Name
	}
	var out []string
	for _, f := range dg.Facts {
		obj := f.Object.Literal
		if f.Object.Entity != "" {
			obj = names[f.Object.Entity]
		}
		out = append(out, names[f.Subject]+"|"+f.Predicate+"|"+obj+"|"+string(f.Evidence.Modality))
	}
	return out, dg
}

// has reports whether a fact line matches want, where want may leave the
// modality out and may write "~x" for an object containing x; met matches
// in either direction.
func has(facts []string, want string) bool {
	w := strings.Split(want, "|")
	for _, f := range facts {
		g := strings.Split(f, "|")
		ok := g[0] == w[0] && g[1] == w[1]
		if w[1] == "met" && g[1] == "met" && g[0] == w[2] && g[2] == w[0] {
			return true // met is symmetric (CONTRACT.md)
		}
		if strings.HasPrefix(w[2], "~") {
			ok = ok && strings.Contains(g[2], w[2][1:])
		} else {
			ok = ok && g[2] == w[2]
		}
		if len(w) > 3 {
			ok = ok && g[3] == w[3]
		}
		if ok {
			return true
		}
	}
	return false
}

// TestExtractHardCases covers each hard case the extractor must handle,
// one short text each.
func TestExtractHardCases(t *testing.T) {
	lx := lexiconT(t)
	runCases(t, lx, []extractCase{
		{name: "meeting",
			text: "President Joseph R. Biden, Jr. met today with Prime Minister Justin Trudeau of Canada in Mexico City.",
			want: []string{"Joe Biden|met|Justin Trudeau|asserted", "Justin Trudeau|leaderOf|Canada", "Joe Biden|met|Mexico City", "Joe Biden|holdsRole|President"}},
		{name: "coordination gives every pair",
			text: "Biden and Trudeau discussed Ukraine, Haiti and migration.",
			want: []string{"Joe Biden|discussed|Ukraine", "Joe Biden|discussed|Haiti", "Joe Biden|discussed|migration",
				"Justin Trudeau|discussed|Ukraine", "Justin Trudeau|discussed|Haiti", "Justin Trudeau|discussed|migration"}},
		{name: "purpose clause and amount",
			text: "Last year, Trudeau's government pledged $4.9 billion to upgrade NORAD.",
			want: []string{"Canada|pledged|upgrade NORAD|asserted", "Canada|pledged|NORAD"}},
		{name: "asks: urged and seeks",
			text: "Trudeau has been asking the US to renegotiate the Safe Third Country Agreement.",
			want: []string{"Justin Trudeau|urged|United States", "Justin Trudeau|seeks|Safe Third Country Agreement|sought"}},
		{name: "conditional gives no fact",
			text: "The region's security would take on more importance should Finland and Sweden join NATO.",
			not:  []string{"Finland|memberOf|NATO", "Sweden|memberOf|NATO"}},
		{name: "negation gives no fact",
			text: "Those caught at unofficial entry points are not covered by the Safe Third Country Agreement. Canada did not sign the treaty.",
			not:  []string{"Safe Third Country Agreement|covers|~entry points", "Canada|signed|~treaty"}},
		{name: "passive with agent",
			text: "The Safe Third Country Agreement will be announced on Friday by President Joe Biden and Prime Minister Justin Trudeau.",
			want: []string{"Joe Biden|announced|Safe Third Country Agreement|expected", "Justin Trudeau|announced|Safe Third Country Agreement|expected"}},
		{name: "expected modality",
			text: "Biden is expected to push Trudeau on military spending.",
			want: []string{"Joe Biden|urged|Justin Trudeau|expected", "Joe Biden|seeks|defence spending"}},
		{name: "reported speech",
			text: "Finance Minister Chrystia Freeland has said Ottawa will roll out more initiatives. Trudeau told reporters that Canada supports Ukraine.",
			want: []string{"Chrystia Freeland|holdsRole|Finance Minister", "Canada|supports|Ukraine|reported"}},
		{name: "namesakes stay apart",
			text: "Mr. Biden will give a speech. Dr. Biden and Ms. Grégoire Trudeau will take part in events with Mr. Trudeau. First Lady Jill Biden thanked Prime Minister Trudeau.",
			want: []string{"Jill Biden|thanked|Justin Trudeau", "Jill Biden|holdsRole|First Lady"},
			not:  []string{"Joe Biden|thanked|Justin Trudeau", "Jill Biden|holdsRole|President", "Sophie Grégoire Trudeau|holdsRole|Prime Minister"}},
		{name: "the two leaders and pronouns",
			text: "President Biden met Prime Minister Trudeau. The two leaders discussed climate change. He thanked Trudeau for Canada's partnership.",
			want: []string{"Joe Biden|discussed|climate change", "Justin Trudeau|discussed|climate change", "Joe Biden|thanked|Justin Trudeau"}},
		{name: "the agreement refers back",
			text: "Trudeau wants to renegotiate the Safe Third Country Agreement. The agreement, signed in 2002, applies to individuals who have transited through a safe country.",
			want: []string{"Safe Third Country Agreement|covers|~individuals who have transited"}},
		{name: "typo resolved to a known place",
			text: "Canada will turn back migrants encountered at Roxham Road. Migrants crossed Roxham Rhoad, an unofficial crossing point.",
			want: []string{"migration|crossed|Roxham Road"}},
		{name: "membership aside",
			text: "Like many NATO members, Canada lags behind its defence spending target.",
			want: []string{"Canada|memberOf|NATO"}},
		{name: "place apposition and connects",
			text: "Roxham Road, a remote street that connects Champlain, New York with Hemmingford, Quebec, is busy.",
			want: []string{"Champlain|locatedIn|New York", "Hemmingford|locatedIn|Quebec", "Roxham Road|connects|Champlain", "Roxham Road|connects|Hemmingford"}},
		{name: "hyphenated talks and visits",
			text: "The Biden-Trudeau talks focused on defence. It was President Joe Biden's first official visit to Canada.",
			want: []string{"Joe Biden|met|Justin Trudeau", "Joe Biden|visited|Canada"}},
		{name: "scope: only at official crossings",
			text: "Ottawa wants to extend the Safe Third Country Agreement to the entire border rather than only at official crossings.",
			want: []string{"Safe Third Country Agreement|covers|official crossings"}},
		{name: "the President by document context",
			text: "Prime Minister Justin Trudeau welcomed Joe Biden to Ottawa. The President thanked Trudeau.",
			want: []string{"Joe Biden|thanked|Justin Trudeau"}},
		{name: "both countries",
			text: "President Biden met Prime Minister Trudeau. Both countries agreed to modernize NORAD.",
			want: []string{"United States|agreedTo|~modernize NORAD", "Canada|agreedTo|~modernize NORAD"}},
		{name: "one agreement under two descriptions, dated",
			text: "Trudeau's government wants the U.S. to expand a 2004 immigration treaty. Under the previous treaty, called the Safe Third Country Agreement, Canada can only turn away asylum seekers if they cross through an official port of entry.",
			want: []string{"Safe Third Country Agreement|dated|2004", "Canada|seeks|Safe Third Country Agreement|sought", "Safe Third Country Agreement|covers|official port of entry"}},
		{name: "partners are not objects",
			text: "President Biden reiterated his commitment to stand strong with Canada. The leaders discussed cooperation between Mexico and the United States.",
			not:  []string{"Joe Biden|committedTo|Canada", "Joe Biden|discussed|Mexico"}},
		{name: "spokesperson",
			text: "U.S. National Security Council spokesperson John Kirby told reporters that the President is excited.",
			want: []string{"John Kirby|spokespersonFor|National Security Council", "John Kirby|holdsRole|spokesperson"}},
	})
}

// TestAliasesRecorded: surface forms become alternate names, a resolved
// typo among them.
func TestAliasesRecorded(t *testing.T) {
	lx := lexiconT(t)
	_, dg := extractFacts(t, lx, "Migrants crossed Roxham Road. Later, migrants crossed Roxham Rhoad again. Ottawa pledged $4.9 billion to upgrade NORAD.")
	for _, e := range dg.Entities {
		if e.ID == "roxham-road" && !strings.Contains(strings.Join(e.Aliases, "|"), "Roxham Rhoad") {
			t.Errorf("Roxham Road aliases = %q; want Roxham Rhoad among them", e.Aliases)
		}
		if e.ID == "canada" && !strings.Contains(strings.Join(e.Aliases, "|"), "Ottawa") {
			t.Errorf("Canada aliases = %q; want Ottawa", e.Aliases)
		}
	}
}

// TestEvidenceOffsets: every fact's offsets select its sentence in the file.
func TestEvidenceOffsets(t *testing.T) {
	lx := lexiconT(t)
	text := "Biden\u2019s \u201cfirst\u201d visit.\n\nPresident Biden met Prime Minister Trudeau in Ottawa.\n"
	file := "---\ndate: 2023-03-24\n---\n" + text
	src, err := Read("t.txt", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	dg := lx.Extract(src, nil)
	if len(dg.Facts) == 0 {
		t.Fatal("no facts")
	}
	runes := []rune(file)
	for _, f := range dg.Facts {
		got := string(runes[f.Evidence.Start:f.Evidence.End])
		if strings.Join(strings.Fields(got), " ") != f.Evidence.Sentence {
			t.Errorf("offsets [%d,%d) select %q, sentence is %q", f.Evidence.Start, f.Evidence.End, got, f.Evidence.Sentence)
		}
	}
}

// TestQualifiers: amounts, durations and counts travel with their fact.
func TestQualifiers(t *testing.T) {
	lx := lexiconT(t)
	_, dg := extractFacts(t, lx, "Prime Minister Justin Trudeau spoke in Ottawa. Last year the federal government pledged $4.9-billion over six years to upgrade air defences. Canada has agreed to take in 15,000 migrants.")
	found := map[string]bool{}
	for _, f := range dg.Facts {
		for _, q := range f.Qualifiers {
			found[f.Predicate+"|"+q.Key+"|"+q.Value] = true
		}
	}
	for _, want := range []string{"pledged|amount|$4.9-billion", "pledged|duration|over six years", "agreedTo|count|15,000 migrants"} {
		if !found[want] {
			t.Errorf("missing qualifier %s; have %v", want, found)
		}
	}
}

// TestNewActorsMergeAcrossDocuments: a name the dictionary lacks gets the
// same id in every document, so the store merges it.
func TestNewActorsMergeAcrossDocuments(t *testing.T) {
	lx := lexiconT(t)
	ids := func(text string) map[string]bool {
		_, dg := extractFacts(t, lx, text)
		out := map[string]bool{}
		for _, e := range dg.Entities {
			out[e.ID] = true
		}
		return out
	}
	a := ids("Finance Minister Jane Doerksen discussed the Trans-Arctic Partnership with Canada.")
	b := ids("Canada discussed the Trans-Arctic Partnership with Finance Minister Jane Doerksen.")
	for _, id := range []string{"jane-doerksen", "trans-arctic-partnership"} {
		if !a[id] || !b[id] {
			t.Errorf("entity %s: first document %v, second %v", id, a[id], b[id])
		}
	}
}

// TestTraceNamesStages: the trace says which furniture rule dropped what,
// and which patterns fired.
func TestTraceNamesStages(t *testing.T) {
	lx := lexiconT(t)
	src, err := Read("t.txt", []byte("Skip to main content\n\nPresident Biden met Prime Minister Trudeau.\n\nMore from GZERO Media\n\nIran story.\n"))
	if err != nil {
		t.Fatal(err)
	}
	tr := &Trace{}
	lx.Extract(src, tr)
	rules := map[string]bool{}
	for _, d := range tr.Dropped {
		rules[d.Rule] = true
	}
	if !rules["skip-link"] || !rules["more-from"] {
		t.Errorf("dropped by %v; want skip-link and more-from", rules)
	}
	if len(tr.Sentences) != 1 || len(tr.Mentions) == 0 || len(tr.Chunks) != 1 {
		t.Errorf("trace: %d sentences, %d mentions, %d chunks", len(tr.Sentences), len(tr.Mentions), len(tr.Chunks))
	}
	if !strings.Contains(strings.Join(tr.Relations, "\n"), "pattern meet") {
		t.Errorf("relations trace %q lacks the meet pattern", tr.Relations)
	}
}

// TestDocumentsAsTheyCome: a header block without fences and a
// press-release dateline give the document its title, URL and date, and
// neither becomes a sentence.
func TestDocumentsAsTheyCome(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct {
		name, file          string
		title, date, url    string
		firstSentence, none string
	}{
		{"header block", "title: Ministers discuss trade\nsource_url: https://example.org/a\ndate: 2024-05-02\n\nThe ministers discussed trade.\n",
			"Ministers discuss trade", "2024-05-02", "https://example.org/a", "The ministers discussed trade.", "source_url"},
		{"press release dateline", "Two ministers meet\n\nTOKYO, March 3, 2024 /PRNewswire/ - The ministers discussed trade.\n",
			"Two ministers meet", "2024-03-03", "", "The ministers discussed trade.", "PRNewswire"},
		{"metadata date wins over the dateline", "title: A statement\ndate: 2024-01-02\n\nOTTAWA, ON, 12 June 2023 - The Minister spoke.\n",
			"A statement", "2024-01-02", "", "The Minister spoke.", "OTTAWA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Read("doc.txt", []byte(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			tr := &Trace{}
			lx.Extract(src, tr)
			d := src.Doc
			if d.Title != tt.title || d.Published != tt.date || d.URL != tt.url {
				t.Errorf("Doc = %+v, want title %q, date %q, url %q", d, tt.title, tt.date, tt.url)
			}
			var body []string
			for _, s := range tr.Sentences {
				if s != tt.title {
					body = append(body, s)
				}
			}
			if len(body) == 0 || body[0] != tt.firstSentence {
				t.Errorf("sentences = %q, want the body to open with %q", tr.Sentences, tt.firstSentence)
			}
			for _, s := range tr.Sentences {
				if strings.Contains(s, tt.none) {
					t.Errorf("sentence %q holds %q", s, tt.none)
				}
			}
		})
	}
}

// extractCase is one text with the facts it must and must not give.
type extractCase struct {
	name string
	text string
	want []string
	not  []string
}

// runCases extracts each case's text and checks its facts.
func runCases(t *testing.T, lx *Lexicon, cases []extractCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			facts, _ := extractFacts(t, lx, tc.text)
			for _, w := range tc.want {
				if !has(facts, w) {
					t.Errorf("missing %s\nfacts:\n  %s", w, strings.Join(facts, "\n  "))
				}
			}
			for _, n := range tc.not {
				if has(facts, n) {
					t.Errorf("unexpected %s\nfacts:\n  %s", n, strings.Join(facts, "\n  "))
				}
			}
		})
	}
}

// TestHeadlineNames: the people a metadata title names with their titles
// are known when the body refers to them by surname or title alone.
func TestHeadlineNames(t *testing.T) {
	lx := lexiconT(t)
	src, err := Read("h.txt", []byte("title: Readout of the call between Chairperson Moussa Faki Mahamat and President Okonjo\nsource_url: https://example.org/readout\ndate: 2024-02-19\n\nPresident Okonjo spoke today with the Chairperson, Moussa Faki Mahamat, about the Sahel.\n"))
	if err != nil {
		t.Fatal(err)
	}
	dg := lx.Extract(src, nil)
	var got []string
	names := map[string]string{}
	for _, e := range dg.Entities {
		names[e.ID] = e.Name
	}
	for _, f := range dg.Facts {
		got = append(got, names[f.Subject]+"|"+f.Predicate+"|"+names[f.Object.Entity])
	}
	if !has(got, "Okonjo|met|Moussa Faki Mahamat") {
		t.Errorf("facts: %v", got)
	}
	for _, f := range dg.Facts {
		if f.Evidence.Start < 0 || f.Evidence.End > len(src.Text)+200 {
			t.Errorf("evidence outside the text: %+v", f.Evidence)
		}
	}
}

// TestUnnamedAgreementsStayApart checks that "an agreement" in two
// documents is two entities, while a named agreement is one.
func TestUnnamedAgreementsStayApart(t *testing.T) {
	lx := lexiconT(t)
	ids := func(name, text string) map[string]string {
		src, err := Read(name, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, e := range lx.Extract(src, nil).Entities {
			out[e.Name] = e.ID
		}
		return out
	}
	a := ids("a.txt", "Kenya signed an agreement with Uganda. Kenya signed the Lake Victoria Accord.")
	b := ids("b.txt", "Chile signed an agreement with Peru. Chile signed the Lake Victoria Accord.")
	if a["agreement"] == "" || b["agreement"] == "" {
		t.Fatalf("no unnamed agreement: %v, %v", a, b)
	}
	if a["agreement"] == b["agreement"] {
		t.Errorf("the unnamed agreements of two documents share the id %q", a["agreement"])
	}
	if a["Lake Victoria Accord"] == "" || a["Lake Victoria Accord"] != b["Lake Victoria Accord"] {
		t.Errorf("a named agreement has ids %q and %q, want one", a["Lake Victoria Accord"], b["Lake Victoria Accord"])
	}
}
