package parse

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word of a sentence, as a CoNLL-U word line holds
// it. Head is the ID of the word's head (0 for the root); IDs count from 1.
type Word struct {
	ID     int
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int
	Deprel string
	// Start and End are byte offsets of the word in the text it was read
	// from, or -1 when it came from a treebank file.
	Start, End int
	// SpaceAfter is false when the next word follows without a space.
	SpaceAfter bool
}

// Sentence is a sequence of words, with its identifier and text when known.
type Sentence struct {
	ID    string
	Text  string
	Words []Word
}

// ReadCoNLLU reads the sentences of a CoNLL-U file. Multiword token lines
// (1-2) and empty nodes (1.1) are skipped: the words are what is tagged and
// parsed. An error names the line.
func ReadCoNLLU(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case line == "":
			flush()
			continue
		case strings.HasPrefix(line, "#"):
			if v, ok := strings.CutPrefix(line, "# sent_id = "); ok {
				cur.ID = v
			} else if v, ok := strings.CutPrefix(line, "# text = "); ok {
				cur.Text = v
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("conllu line %d: %d fields, want 10", n, len(f))
		}
		if strings.ContainsAny(f[0], "-.") {
			continue
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("conllu line %d: id %q: %v", n, f[0], err)
		}
		if id != len(cur.Words)+1 {
			return nil, fmt.Errorf("conllu line %d: id %d out of order", n, id)
		}
		head := 0
		if f[6] != "_" {
			if head, err = strconv.Atoi(f[6]); err != nil {
				return nil, fmt.Errorf("conllu line %d: head %q: %v", n, f[6], err)
			}
		}
		cur.Words = append(cur.Words, Word{ID: id, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
			Head: head, Deprel: f[7], Start: -1, End: -1, SpaceAfter: !strings.Contains(f[9], "SpaceAfter=No")})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conllu line %d: %w", n, err)
	}
	flush()
	return out, nil
}

// WriteCoNLLU writes sentences as CoNLL-U, one word line per word.
func WriteCoNLLU(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	dash := func(s string) string {
		if s == "" {
			return "_"
		}
		return s
	}
	for _, s := range sents {
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		if s.Text != "" {
			fmt.Fprintf(bw, "# text = %s\n", s.Text)
		}
		for _, wd := range s.Words {
			misc := "_"
			if !wd.SpaceAfter {
				misc = "SpaceAfter=No"
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t%s\n", wd.ID, dash(wd.Form), dash(wd.Lemma), dash(wd.UPOS),
				dash(wd.XPOS), dash(wd.Feats), wd.Head, dash(wd.Deprel), misc)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
