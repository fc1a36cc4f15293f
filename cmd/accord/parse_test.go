package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	syntax "accord/loader/parse"
)

// TestParseDocument parses a document of the corpus: the output is
// CoNLL-U whose sentences are trees with one root each, whose words are
// the sentence's text in order, tagged and labelled.
func TestParseDocument(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"parse", "../../data/corpus/000_07c47bb91c1a6340.txt"}, &out, &errb); code != exitOK {
		t.Fatalf("parse exit %d: %s", code, errb.String())
	}
	sents, err := syntax.ReadCoNLLU(&out)
	if err != nil {
		t.Fatalf("parse output is not CoNLL-U: %v", err)
	}
	if len(sents) < 5 {
		t.Fatalf("%d sentences, want a document's worth", len(sents))
	}
	for _, s := range sents {
		roots := 0
		rest := s.Text
		for _, w := range s.Words {
			if w.Head == 0 {
				roots++
			}
			if w.Head < 0 || w.Head > len(s.Words) || w.Head == w.ID || w.UPOS == "" || w.XPOS == "" || w.Deprel == "" {
				t.Errorf("sentence %s word %d %q: head %d UPOS %q XPOS %q deprel %q", s.ID, w.ID, w.Form, w.Head, w.UPOS, w.XPOS, w.Deprel)
			}
			i := strings.Index(rest, w.Form)
			if i < 0 || strings.TrimSpace(rest[:i]) != "" {
				t.Fatalf("sentence %s: word %q is not next in %q", s.ID, w.Form, rest)
			}
			rest = rest[i+len(w.Form):]
		}
		if roots != 1 {
			t.Errorf("sentence %s: %d roots", s.ID, roots)
		}
	}
}

// TestParseEval scores the embedded model on the treebank's development
// file: the report names each score, and the parser has learnt to parse.
func TestParseEval(t *testing.T) {
	dev := filepath.Join("..", "..", "..", "shared", "ud-english-ewt", "en_ewt-ud-dev.conllu")
	if _, err := os.Stat(dev); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the treebank is needed under CI: %v", err)
		}
		t.Skipf("SKIPPED: no treebank: %v", err)
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"parse", "--eval", dev}, &out, &errb); code != exitOK {
		t.Fatalf("parse --eval exit %d: %s", code, errb.String())
	}
	floors := map[string]float64{"UPOS": 0.9, "XPOS": 0.9, "lemma": 0.9, "UAS": 0.8, "LAS": 0.75, "LASFull": 0.75}
	for name, floor := range floors {
		m := regexp.MustCompile(`(?m)^` + name + `\s+([0-9.]+)$`).FindStringSubmatch(out.String())
		if m == nil {
			t.Errorf("no %s in %q", name, out.String())
			continue
		}
		if v, _ := strconv.ParseFloat(m[1], 64); v < floor || v > 1 {
			t.Errorf("%s %.4f on dev, want between %.2f and 1", name, v, floor)
		}
	}
	if !strings.Contains(out.String(), "2001 sentences") {
		t.Errorf("report %q does not count dev's 2001 sentences", out.String())
	}
}

func TestParseUsage(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.conllu")
	os.WriteFile(bad, []byte("1\tword\n"), 0o644)
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"parse"}, exitUsage, "usage"},
		{[]string{"parse", "a", "b"}, exitUsage, "usage"},
		{[]string{"parse", "--train", "x"}, exitUsage, "-o DIR"},
		{[]string{"parse", "--eval", bad}, exitFailed, "bad.conllu"},
		{[]string{"parse", "--eval", "nothing.conllu"}, exitFailed, "nothing.conllu"},
		{[]string{"parse", "--train", t.TempDir(), "-o", t.TempDir()}, exitFailed, "train.conllu"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := run(context.Background(), tt.args, &out, &errb)
		if code != tt.code || !strings.Contains(errb.String(), tt.msg) {
			t.Errorf("accord %v: exit %d, stderr %q; want %d and %q", tt.args, code, errb.String(), tt.code, tt.msg)
		}
	}
}
