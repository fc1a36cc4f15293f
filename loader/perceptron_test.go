package loader

import (
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

// TestPerceptronIsProse checks that the ported tokenizer and the compiled
// tagger split and tag every sentence of the seed, development and written corpora
// as prose does.
func TestPerceptronIsProse(t *testing.T) {
	lx := lexiconT(t)
	proseModel := func() *prose.Model {
		d, err := prose.NewDocument("Warm up.", prose.WithExtraction(false), prose.WithSegmentation(false))
		if err != nil {
			t.Fatal(err)
		}
		return d.Model
	}()
	// Words prose special-cases, and words outside its tag dictionary.
	extra := []string{"Visit www.example.gov or mail press@example.org :-) now.", "*T* 0 -LRB- -x- @user 1999 -12 +123 Ünited 'Tis ĳ.",
		"\u201cWe won\u2019t,\u201d (he) said: \"U.S. and U.K.\" ($5) [sic] Mr. Smith's they'll I'm we're 'sx n't. as well as as"}
	sents, words, diffs := 0, 0, 0
	check := func(text string) {
		doc, err := prose.NewDocument(text, prose.WithExtraction(false), prose.WithSegmentation(false), prose.UsingModel(proseModel))
		if err != nil {
			t.Fatal(err)
		}
		toks := doc.Tokens()
		pw := proseWords(text)
		ws := make([]string, len(pw))
		for i, w := range pw {
			ws[i] = w.text
		}
		if strings.Join(ws, "|") != tokenTexts(toks) {
			t.Errorf("%q: tokens\n%s, prose's\n%s", text, strings.Join(ws, "|"), tokenTexts(toks))
			return
		}
		got := taggerModel().tag(ws)
		shareTags(pw, got)
		sents++
		for i, tk := range toks {
			words++
			if got[i] != tk.Tag {
				diffs++
				t.Errorf("%q in %q: tagged %s, prose %s", tk.Text, text, got[i], tk.Tag)
			}
		}
	}
	for _, s := range extra {
		check(s)
	}
	for _, src := range corpusSources(t, "../data/corpus", "testdata/corpus-dev", "testdata/corpus-written") {
		kept, _, _ := lx.Clean(src.Text)
		for _, s := range lx.Sentences(src.Text, Paragraphs(src.Text, kept)) {
			check(strings.ReplaceAll(s.Text, "\n", " "))
		}
	}
	if sents < 100 {
		t.Fatalf("only %d sentences", sents)
	}
	t.Logf("%d sentences, %d words, %d differ", sents, words, diffs)
}

func tokenTexts(toks []prose.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
