package loader

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// Token is a word of a sentence with its part-of-speech tag (Penn Treebank).
type Token struct {
	Text  string
	Tag   string
	Start int    // byte offset in Source.Text
	End   int    // exclusive
	Lower string // lower-cased text
	Lemma string // dictionary form for verbs, else Lower
}

var (
	modelOnce sync.Once
	model     *prose.Model
)

// taggerModel loads prose's averaged-perceptron model once per process.
func taggerModel() *prose.Model {
	modelOnce.Do(func() {
		d, err := prose.NewDocument("Warm up.", prose.WithExtraction(false), prose.WithSegmentation(false))
		if err == nil {
			model = d.Model
		}
	})
	return model
}

// Tag tokenizes and tags one sentence, mapping each token back to its byte
// offsets in the document text.
func (lx *Lexicon) Tag(s Sentence) []Token {
	doc, err := prose.NewDocument(s.Text, prose.WithExtraction(false), prose.WithSegmentation(false), prose.UsingModel(taggerModel()))
	if err != nil {
		return nil
	}
	toks := doc.Tokens()
	out := make([]Token, 0, len(toks))
	cur := 0
	for _, t := range toks {
		i := strings.Index(s.Text[cur:], t.Text)
		start, end := cur, cur
		if i >= 0 {
			start, end = cur+i, cur+i+len(t.Text)
			cur = end
		}
		tok := Token{Text: t.Text, Tag: t.Tag, Start: s.Start + start, End: s.Start + end, Lower: strings.ToLower(t.Text)}
		tok.Lemma = tok.Lower
		if strings.HasPrefix(t.Tag, "VB") || strings.HasPrefix(t.Tag, "NN") && !strings.HasPrefix(t.Tag, "NNP") {
			tok.Lemma = lx.Lemma(t.Text)
		}
		out = append(out, tok)
	}
	return lx.fixTags(out)
}

// fixTags corrects tagger slips that matter to extraction: the tagger was
// trained on older news and misreads some frequent words here.
func (lx *Lexicon) fixTags(ts []Token) []Token {
	for i := range ts {
		t := &ts[i]
		switch t.Lower {
		case "u.s.", "us", "u.k.", "uk", "un", "u.n.", "eu":
			if t.Text != t.Lower {
				t.Tag = "NNP"
			}
		case "\"":
			t.Tag = "``"
		case "'":
			t.Tag = "``"
			// "governments' commitments": a possessive, not a quote.
			if i > 0 && ts[i-1].End == t.Start && strings.HasSuffix(ts[i-1].Lower, "s") && i+1 < len(ts) && ts[i+1].Start > t.End {
				t.Tag = "POS"
			}
		}
		// A plural noun that is a pattern verb, between a subject and a
		// preposition, is a verb: "The agreement, signed in 2002, applies to".
		if t.Tag == "NNS" && strings.HasSuffix(t.Lower, "s") && i > 0 && i+1 < len(ts) &&
			(ts[i-1].Text == "," || ts[i-1].Tag == "NN") {
			for _, p := range lx.verbs[lx.Lemma(t.Text)] {
				if len(p.prep) > 0 && p.prep[0] == ts[i+1].Lower || len(p.prep) == 0 && ts[i+1].Tag == "DT" {
					t.Tag, t.Lemma = "VBZ", p.Lemma
					break
				}
			}
		}
		// "The Roadmap highlights cooperation": with no verb yet, a noun
		// that is a pattern verb right after a name, before its object, is
		// the verb.
		if (t.Tag == "NNS" || t.Tag == "NN") && i > 0 && i+1 < len(ts) && (ts[i-1].Tag == "NNP" || ts[i-1].Tag == "NNPS") && !verbBefore(ts[:i]) {
			switch ts[i+1].Tag {
			case "DT", "JJ", "PRP$", "NN", "NNS", "CD":
				if _, ok := lx.verbs[lx.Lemma(t.Text)]; ok {
					t.Tag, t.Lemma = "VBZ", lx.Lemma(t.Text)
					if t.Tag == "NN" {
						t.Tag = "VBP"
					}
				}
			}
		}
		// A capitalised word after a title inside a sentence is a name.
		if t.Tag == "JJ" && i > 0 && isCapitalized(t.Text) && ts[i-1].Tag == "NNP" {
			t.Tag = "NNP"
		}
	}
	return ts
}

// verbBefore reports whether any token is a verb or modal.
func verbBefore(ts []Token) bool {
	for _, t := range ts {
		if strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" {
			return true
		}
	}
	return false
}

func isCapitalized(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r > 127 && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
	}
	return false
}
