package parse

import "strings"

// Score counts how many words of a parsed treebank agree with its gold
// annotation. LAS compares universal relations (the part before a colon),
// as the CoNLL 2018 shared task scores; LASFull compares whole labels.
type Score struct {
	Sentences, Words                     int
	UPOS, XPOS, Lemma, UAS, LAS, LASFull int
}

// Add counts one sentence's words; gold and pred must hold the same words.
func (s *Score) Add(gold, pred Sentence) {
	s.Sentences++
	for i, g := range gold.Words {
		if i >= len(pred.Words) {
			break
		}
		p := pred.Words[i]
		s.Words++
		if p.UPOS == g.UPOS {
			s.UPOS++
		}
		if p.XPOS == g.XPOS {
			s.XPOS++
		}
		if strings.EqualFold(p.Lemma, g.Lemma) {
			s.Lemma++
		}
		if p.Head == g.Head {
			s.UAS++
			if universal(p.Deprel) == universal(g.Deprel) {
				s.LAS++
			}
			if p.Deprel == g.Deprel {
				s.LASFull++
			}
		}
	}
}

// Rate returns n as a share of the words scored.
func (s Score) Rate(n int) float64 {
	if s.Words == 0 {
		return 0
	}
	return float64(n) / float64(s.Words)
}

// universal strips a relation's subtype: "nsubj:pass" -> "nsubj".
func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}
