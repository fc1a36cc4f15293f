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
