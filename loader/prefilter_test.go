package loader

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestLiteralFilter checks the literals read from patterns, and that a
// filter never turns away a text its pattern matches.
func TestLiteralFilter(t *testing.T) {
	tests := []struct {
		pattern string
		needles string // the filter's literals, "|"-joined; "" for no filter
	}{
		{`(?i)\bnewsletter\b`, "newsletter"},
		{`(?i)\b(join us on (Twitter|X)|follow us on|subscribe to)\b`, "join us on twitter|join us on x|follow us on|subscribe to"},
		{`[.!?][A-Z][a-z]+/(Reuters|AP|AFP)$`, "/Reuters|/AP|/AFP"},
		{`^Associated Links$`, "Associated Links"},
		{`^(By|Written by) [A-Z]\w+$`, "By |Written by "},
		{`a*`, ""},
		{`(?i)café`, ""}, // folding outside ASCII: no filter
		{`x?y+`, "y"},
		{`[ab]`, ""},
	}
	for _, tc := range tests {
		f := newLiteralFilter(tc.pattern)
		var got []string
		for _, n := range f.any {
			got = append(got, n.text)
		}
		if strings.Join(got, "|") != tc.needles {
			t.Errorf("%s: literals %q, want %q", tc.pattern, strings.Join(got, "|"), tc.needles)
		}
	}

	// Folding: the Kelvin sign is a K and the long s an s to (?i).
	f := newLiteralFilter(`(?i)ask`)
	for _, text := range []string{"ASK", "please aSk now", "a\u017f\u212a"} {
		if !regexp.MustCompile(`(?i)ask`).MatchString(text) {
			t.Fatalf("%q: the pattern should match", text)
		}
		if !f.mayMatch(text, lazyLower(text)) {
			t.Errorf("%q: the filter turns away a match", text)
		}
	}
	if f.mayMatch("nothing to see", lazyLower("nothing to see")) {
		t.Errorf("the filter lets through a text without the literal")
	}

	// Every furniture rule over the corpora's lines and sentences and over
	// random texts made of the rules' own words.
	lx := lexiconT(t)
	var texts []string
	for _, src := range corpusSources(t, "../data/corpus", "testdata/corpus-dev", "testdata/corpus-written") {
		texts = append(texts, strings.Split(src.Text, "\n")...)
		kept, _, _ := lx.Clean(src.Text)
		for _, s := range lx.Sentences(src.Text, Paragraphs(src.Text, kept)) {
			texts = append(texts, s.Text)
		}
	}
	var words []string
	for _, r := range lx.furniture {
		for _, w := range regexp.MustCompile(`[\p{L}]+|[^\p{L}\\()|?*+{}\[\]^$]`).FindAllString(r.Pattern, -1) {
			words = append(words, w, strings.ToUpper(w), strings.ToLower(w))
		}
	}
	words = append(words, " ", " ", ".", "/", "\u212a", "\u017f", "2024", "A")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(words[rng.IntN(len(words))])
		}
		texts = append(texts, b.String())
	}
	filtered, matched := 0, 0
	for _, r := range lx.furniture {
		if len(r.filter.any) > 0 {
			filtered++
		}
		for _, text := range texts {
			if !r.re.MatchString(text) {
				continue
			}
			matched++
			if !r.filter.mayMatch(text, lazyLower(text)) {
				t.Errorf("rule %s: the filter turns away %q, which the pattern matches", r.ID, text)
			}
		}
	}
	if filtered == 0 || matched == 0 {
		t.Errorf("%d rules filtered, %d matches checked", filtered, matched)
	}
	t.Logf("%d of %d rules filtered; %d texts, %d matches", filtered, len(lx.furniture), len(texts), matched)
}
