package loader

import (
	"strings"
	"testing"
)

// TestReferenceCases covers how later mentions find the people and groups
// named earlier: a title before a surname, groups of officials, "we" in a
// joint statement, initials inside names and appositions of titles, on
// sentences written for the test.
func TestReferenceCases(t *testing.T) {
	lx := lexiconT(t)
	runCases(t, lx, []extractCase{
		{name: "title before a surname seen earlier",
			text: "Maria Kowalczyk met Thomas Lindqvist in Warsaw. Minister Kowalczyk discussed climate change with Minister Lindqvist.",
			want: []string{"Maria Kowalczyk|met|Thomas Lindqvist", "Maria Kowalczyk|discussed|climate change"}},
		{name: "apposition with a possessive country is a title, not a place",
			text: "Maria Kowalczyk, Poland's Minister of Climate, met Tomas Lindqvist, Sweden's Minister for Energy, in Warsaw.",
			want: []string{"Maria Kowalczyk|met|Tomas Lindqvist", "Maria Kowalczyk|holdsRole|~Minister", "Tomas Lindqvist|holdsRole|~Minister"},
			not:  []string{"Tomas Lindqvist|locatedIn|Sweden", "Maria Kowalczyk|locatedIn|Poland"}},
		{name: "the ministers are the two officials named",
			text: "Foreign Minister Maria Kowalczyk of Poland met Foreign Minister Tomas Lindqvist of Sweden in Warsaw. The ministers discussed climate change.",
			want: []string{"Maria Kowalczyk|discussed|climate change", "Tomas Lindqvist|discussed|climate change"}},
		{name: "we in a joint statement are its signatories",
			text: "We, Prime Minister Anna Berg of Norway and President Luis Ortega of Chile, met today in Oslo. We discussed climate change and trade.",
			want: []string{"Anna Berg|met|Luis Ortega", "Anna Berg|discussed|climate change", "Luis Ortega|discussed|trade"}},
		{name: "initials inside a titled name",
			text: "President Ferdinand Q. Ramos met Senator Kevin B. Walsh in Manila.",
			want: []string{"Ferdinand Q. Ramos|met|Kevin B. Walsh"}},
		{name: "honorific and initial before a surname",
			text: "Maria Kowalczyk met Dr K. Raghavan, Poland's Minister of Health, in Warsaw. Dr Raghavan thanked Minister Kowalczyk.",
			want: []string{"Maria Kowalczyk|met|K. Raghavan", "K. Raghavan|thanked|Maria Kowalczyk"}},
		{name: "a title's portfolio is part of it, an owner is not",
			text: "Maria Kowalczyk, Minister of Digital Affairs, met Kevin Walsh, Executive Director of the World Health Organization, in Geneva.",
			want: []string{"Maria Kowalczyk|holdsRole|Minister of Digital Affairs", "Kevin Walsh|holdsRole|Executive Director", "Kevin Walsh|leaderOf|World Health Organization"}},
		{name: "the I of a statement is the minister who issued it",
			text: "The Honourable Maria Kowalczyk, Minister of Digital Affairs, today issued the following statement:\n\n\"Today, I met Kevin Walsh in Geneva.\"",
			want: []string{"Maria Kowalczyk|met|Kevin Walsh"}},
		{name: "a company's legal form ends its name",
			text: "Orchid Valley Foods Co., Ltd. and Baltic Crane Works JSC signed a memorandum with Kenya.",
			want: []string{"Orchid Valley Foods Co., Ltd.|signed|~memorandum", "Baltic Crane Works JSC|signed|~memorandum"}},
		{name: "located and based in",
			text: "The agency listed Orchid Valley Foods Co., Ltd. and Baltic Crane Works JSC, both located in Latvia. The Pacific Fisheries Office, based in Fiji, signed the Suva Fisheries Accord.",
			want: []string{"Orchid Valley Foods Co., Ltd.|locatedIn|Latvia|asserted", "Baltic Crane Works JSC|locatedIn|Latvia", "Pacific Fisheries Office|locatedIn|Fiji", "Pacific Fisheries Office|signed|Suva Fisheries Accord"}},
		{name: "not located",
			text: "The Pacific Fisheries Office is not based in Fiji.",
			not:  []string{"Pacific Fisheries Office|locatedIn|Fiji"}},
		{name: "a country's name starting a longer name",
			text: "The Kenya Wildlife Service Agency signed the Arusha Accord. The United States Government signed it too. Canada and Mexico signed the Canada-Mexico Forestry Partnership.",
			want: []string{"Kenya Wildlife Service Agency|signed|Arusha Accord", "Canada|signed|Canada-Mexico Forestry Partnership"},
			not:  []string{"Kenya|signed|Arusha Accord"}},
		{name: "she for a person whose gender the vocabulary lacks",
			text: "Maria Kowalczyk visited Nairobi. She met William Ruto.",
			want: []string{"Maria Kowalczyk|met|William Ruto"}},
		{name: "an acronym in brackets names the same thing later",
			text: "Baltic Crane Works JSC signed a Memorandum of Understanding (MoU) with the Latvian Investment Agency (LIAA). LIAA will fund a feasibility study. The MoU covers port cranes.",
			want: []string{"Baltic Crane Works JSC|signed|Memorandum of Understanding", "Latvian Investment Agency|funds|~feasibility study"},
			not:  []string{"LIAA|funds|~feasibility study"}},
		{name: "a subject apart from its verb, read from the parse",
			text: "The Latvian Investment Agency (LIAA), with support from several partners, will fund the Riga Port Programme.",
			want: []string{"Latvian Investment Agency|funds|Riga Port Programme"}},
		{name: "a headline's verb ends the name before it",
			text: "Baltic Crane Works Signs Memorandum with Latvia\n\nBaltic Crane Works JSC opened a plant. The company signed the Riga Port Programme.",
			want: []string{"Baltic Crane Works JSC|signed|Riga Port Programme"},
			not:  []string{"Baltic Crane Works Signs Memorandum|signed|Riga Port Programme"}},
		{name: "a definite description by its head noun",
			text: "Kenya and Latvia launched the Nairobi Riga Trade Partnership. Kenya signed the partnership in May.",
			want: []string{"Kenya|signed|Nairobi Riga Trade Partnership"}},
		{name: "it after that is the organization that opens the sentence",
			text: "Baltic Crane Works JSC announced that it has signed the Riga Port Programme.",
			want: []string{"Baltic Crane Works JSC|signed|Riga Port Programme"}},
		{name: "a prepositional actor far from its verb, from the parse",
			text: "Maria Kowalczyk met today in Nairobi with President William Ruto of Kenya.",
			want: []string{"Maria Kowalczyk|met|William Ruto"}},
		{name: "a title, its owner, then the name",
			text: "President of the Kenya Wildlife Service Agency Maria Kowalczyk met Secretary-General of NATO Kevin Walsh in Brussels.",
			want: []string{"Maria Kowalczyk|leaderOf|Kenya Wildlife Service Agency", "Kevin Walsh|leaderOf|NATO", "Maria Kowalczyk|met|Kevin Walsh"}},
		{name: "a title before an unknown surname, the full name later",
			text: "President Okonjo thanked Kenya for its support. Later, President Grace Okonjo invited William Ruto to Abuja.",
			want: []string{"Grace Okonjo|thanked|Kenya", "Grace Okonjo|invited|William Ruto", "Grace Okonjo|holdsRole|President"},
			not:  []string{"Okonjo|thanked|Kenya"}},
	})
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
