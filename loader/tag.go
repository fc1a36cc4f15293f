package loader

import (
	"strings"
	"sync"
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
	model     *perceptron
)

// taggerModel loads prose's averaged-perceptron model once per process.
func taggerModel() *perceptron {
	modelOnce.Do(func() {
		p, err := loadPerceptron()
		if err != nil {
			panic("loader: prose's tagger model: " + err.Error())
		}
		model = p
	})
	return model
}

// Tag tokenizes and tags a sentence as prose does (prosetok.go,
// perceptron.go), mapping each token back to its byte offsets in the
// document text.
func (lx *Lexicon) Tag(s Sentence) []Token {
	ws := proseWords(s.Text)
	words := make([]string, len(ws))
	for i, w := range ws {
		words[i] = w.text
	}
	tags := taggerModel().tag(words)
	shareTags(ws, tags)
	out := make([]Token, 0, len(words))
	cur := 0
	for k, text := range words {
		tag := tags[k]
		i := strings.Index(s.Text[cur:], text)
		start, end := cur, cur
		if i >= 0 {
			start, end = cur+i, cur+i+len(text)
			cur = end
		}
		tok := Token{Text: text, Tag: tag, Start: s.Start + start, End: s.Start + end, Lower: strings.ToLower(text)}
		tok.Lemma = tok.Lower
		if strings.HasPrefix(tag, "VB") || strings.HasPrefix(tag, "NN") && !strings.HasPrefix(tag, "NNP") {
			tok.Lemma = lx.Lemma(text)
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
		// "- fund the Red Cross to ...": a list item opening with a
		// pattern verb in lower case is that verb, not a noun.
		if i == 1 && bulletMarks[ts[0].Text] && !strings.HasPrefix(t.Tag, "VB") && i+1 < len(ts) && ts[i+1].Tag != "IN" {
			if _, ok := lx.verbs[lx.Lemma(t.Lower)]; ok && lx.Lemma(t.Lower) == t.Lower {
				t.Tag, t.Lemma = "VB", t.Lower
			}
		}
		// "Prime Minister Trudeau today spoke with", "to Ottawa today": a
		// day word before a verb or after a name is an adverb, not the end
		// of a noun phrase.
		if (t.Lower == "today" || t.Lower == "yesterday" || t.Lower == "tonight" || t.Lower == "tomorrow") && (i+1 < len(ts) && (strings.HasPrefix(ts[i+1].Tag, "VB") || ts[i+1].Tag == "MD") || i > 0 && (ts[i-1].Tag == "NNP" || ts[i-1].Tag == "NNPS")) {
			t.Tag = "RB"
		}
		// "held talks with visiting French President Macron": an adjective
		// of the guest, not the host's act.
		if t.Lower == "visiting" && i > 0 && i+1 < len(ts) && (ts[i-1].Tag == "IN" || ts[i-1].Tag == "DT" || ts[i-1].Tag == "CC") && isCapitalized(ts[i+1].Text) {
			t.Tag, t.Lemma = "JJ", "visiting"
		}
		// "a memorandum of understanding": a noun, not a gerund.
		if t.Lower == "understanding" && i >= 2 && ts[i-1].Lower == "of" && strings.HasPrefix(ts[i-2].Lower, "memorand") {
			t.Tag, t.Lemma = "NN", "understanding"
		}
		// "remains (firmly) committed to": a stance participle after a
		// copular verb, which the tagger reads as an adjective.
		if t.Tag == "JJ" && i > 0 && strings.HasSuffix(t.Lower, "ed") {
			k := i - 1
			if k > 0 && ts[k].Tag == "RB" {
				k--
			}
			if copular[lx.Lemma(ts[k].Text)] && strings.HasPrefix(ts[k].Tag, "VB") {
				for _, p := range lx.verbs[lx.Lemma(t.Text)] {
					if p.Stative {
						t.Tag, t.Lemma = "VBN", p.Lemma
						break
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
