package loader

import (
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	lx := lexiconT(t)
	text := strings.Join([]string{
		"Skip to main content",
		"Headline about talks",
		"",
		"U.S. President Joe Biden and PM Justin Trudeau in Mexico City, Mexico, January 10, 2023.",
		"REUTERS/Kevin Lamarque/File Photo",
		"",
		"March 24, 2023 8:31am",
		"",
		"The article says something.",
		"",
		"More from GZERO Media",
		"An unrelated story about Iran.",
	}, "\n")
	kept, drops, date := lx.Clean(text)
	var keptText []string
	for _, k := range kept {
		if k.start < k.end {
			keptText = append(keptText, text[k.start:k.end])
		}
	}
	if got := strings.Join(keptText, "|"); got != "Headline about talks|The article says something." {
		t.Errorf("kept %q", got)
	}
	rules := map[string]bool{}
	for _, d := range drops {
		rules[d.Rule] = true
	}
	for _, want := range []string{"skip-link", "credit-agency", "credit-agency/caption", "dateline", "more-from"} {
		if !rules[want] {
			t.Errorf("no drop by rule %s; drops: %+v", want, drops)
		}
	}
	if date != "2023-03-24" {
		t.Errorf("dateline date = %q", date)
	}
}

func TestParagraphsAndSentences(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"hard-wrapped lines join", "President Joseph R. Biden, Jr. met today with Prime Minister Justin\nTrudeau of Canada in Mexico City.\n",
			[]string{"President Joseph R. Biden, Jr. met today with Prime Minister Justin Trudeau of Canada in Mexico City."}},
		{"one paragraph per line", "Biden met Trudeau.\nThey discussed trade.\n",
			[]string{"Biden met Trudeau.", "They discussed trade."}},
		{"run-on across a blank line", "As Trudeau\n\nattempts to fend off critics, both agree.\n",
			[]string{"As Trudeau  attempts to fend off critics, both agree."}},
		{"abbreviations", "The U.S. and Canada met on Jan. 10 in Washington. Mr. Biden spoke. Dr. Biden listened.",
			[]string{"The U.S. and Canada met on Jan. 10 in Washington.", "Mr. Biden spoke.", "Dr. Biden listened."}},
		{"quote ends a sentence", "\"We agree,\" he said. \"Good.\" Then they left.",
			[]string{"\"We agree,\" he said.", "\"Good.\"", "Then they left."}},
		{"headline stands alone", "Leaders meet in Ottawa\n\nThe leaders met.",
			[]string{"Leaders meet in Ottawa", "The leaders met."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, _, _ := lx.Clean(tt.text)
			sents := lx.Sentences(tt.text, Paragraphs(tt.text, kept))
			var got []string
			for _, s := range sents {
				got = append(got, s.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sentences = %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLemma(t *testing.T) {
	lx := lexiconT(t)
	for form, want := range map[string]string{"met": "meet", "pledged": "pledge", "committed": "commit", "discussed": "discuss",
		"urges": "urge", "asking": "ask", "hoping": "hope", "agreed": "agree", "applies": "apply", "signed": "sign"} {
		if got := lx.Lemma(form); got != want {
			t.Errorf("Lemma(%q) = %q, want %q", form, got, want)
		}
	}
}

func TestDatelines(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct {
		name, text string
		kept       string // kept lines, joined by |
		date       string
	}{
		{"wire service", "Ministers agree on trade\n\nTOKYO, March 3, 2024 /PRNewswire/ - The ministers of the two countries agreed today.",
			"Ministers agree on trade|The ministers of the two countries agreed today.", "2024-03-03"},
		{"date in parentheses", "WASHINGTON, D.C. (Jan. 5, 2024) - The Secretary met her counterpart.",
			"The Secretary met her counterpart.", "2024-01-05"},
		{"day before month, province", "OTTAWA, ON, 12 June 2023 - Today, the Minister announced new funding.",
			"Today, the Minister announced new funding.", "2023-06-12"},
		{"em dash as normalized", "CANBERRA, 4 February 2025  -  Australia and Japan signed a memorandum.",
			"Australia and Japan signed a memorandum.", "2025-02-04"},
		{"dateline alone on its line", "OTTAWA, ON, June 12, 2023 /CNW/ -\nThe Government of Canada announced funding.",
			"The Government of Canada announced funding.", "2023-06-12"},
		{"agency without date", "BRUSSELS (Reuters) - NATO allies met on Tuesday.",
			"NATO allies met on Tuesday.", ""},
		{"a capitalised acronym opening a sentence stays", "NATO - the alliance of 32 countries - met on Tuesday.",
			"NATO - the alliance of 32 countries - met on Tuesday.", ""},
		{"a date inside a sentence stays", "On March 3, 2024 - a Sunday - the ministers met.",
			"On March 3, 2024 - a Sunday - the ministers met.", ""},
		{"no such day", "OTTAWA, ON, 31 June 2023 - The Minister spoke.", "The Minister spoke.", ""},
		{"a place and a date on a line of their own", "Joint Press Statement\n\nSEOUL, 4 June 2024\n\nThe two Presidents met.",
			"Joint Press Statement|The two Presidents met.", "2024-06-04"},
		{"a closing dateline", "The Secretary-General welcomes the agreement.\n\nNew York, 12 March 2024",
			"The Secretary-General welcomes the agreement.", "2024-03-12"},
		{"a date, the place and the office", "News release\n\nMarch 14, 2024 - Manila, Philippines - Global Affairs Canada\n\nToday, the Minister concluded a visit.",
			"News release|Today, the Minister concluded a visit.", "2024-03-14"},
		{"a weekday and a date", "Tuesday, 5 March 2024\nThe ministers met.", "The ministers met.", "2024-03-05"},
		{"a sentence that ends in a date stays", "The agreement enters into force on 12 March 2024.",
			"The agreement enters into force on 12 March 2024.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, drops, date := lx.Clean(tt.text)
			var got []string
			for _, k := range kept {
				if k.start < k.end {
					got = append(got, tt.text[k.start:k.end])
				}
			}
			if g := strings.Join(got, "|"); g != tt.kept {
				t.Errorf("Clean(%q) kept %q, want %q; drops %+v", tt.text, g, tt.kept, drops)
			}
			if date != tt.date {
				t.Errorf("Clean(%q) date = %q, want %q", tt.text, date, tt.date)
			}
		})
	}
}

func TestParseDateline(t *testing.T) {
	for in, want := range map[string]string{
		"March 24, 2023 8:31am":     "2023-03-24",
		"Jan. 5, 2024":              "2024-01-05",
		"12 June 2023":              "2023-06-12",
		"3rd March 2024":            "2024-03-03",
		"Sept. 30, 2022":            "2022-09-30",
		"February 30, 2024":         "",
		"Marco Mendicino, 12, 2020": "",
		"no date here":              "",
	} {
		if got := parseDateline(in); got != want {
			t.Errorf("parseDateline(%q) = %q, want %q", in, got, want)
		}
	}
}
