package parse

import (
	"bytes"
	"errors"
	"slices"
	"sync"
	"testing"
)

// smallParser trains a parser on the first n training sentences for the
// given epochs, scoring it on the first 300 development sentences.
func smallParser(t testing.TB, n, epochs int) (*Parser, []EpochScore, []Sentence) {
	t.Helper()
	train, dev := readTreebank(t, "en_ewt-ud-train.conllu"), readTreebank(t, "en_ewt-ud-dev.conllu")
	dev = dev[:300]
	p, hist, err := TrainParser(train[:n], dev, ParserOptions{Epochs: epochs})
	if err != nil {
		t.Fatal(err)
	}
	return p, hist, dev
}

var (
	parserOnce   sync.Once
	trainedSmall *Parser
	parserDev    []Sentence
	parserHist   []EpochScore
)

// sharedSmall trains one small parser for the tests that need a trained
// one.
func sharedSmall(t *testing.T) (*Parser, []Sentence) {
	t.Helper()
	readTreebank(t, "en_ewt-ud-dev.conllu") // skips here rather than inside the Once
	parserOnce.Do(func() { trainedSmall, parserHist, parserDev = smallParser(t, 1000, 2) })
	if trainedSmall == nil {
		t.Fatal("the small parser did not train")
	}
	return trainedSmall, parserDev
}

// TestTrainSubset trains on 1,000 sentences for two epochs: the dev score
// must be well above what a parser that learnt nothing reaches, and the
// second epoch must not be worse than the first by much.
func TestTrainSubset(t *testing.T) {
	p, dev := sharedSmall(t)
	sc := ParseScore(p, dev)
	t.Logf("1,000 sentences, 2 epochs: dev[:300] UAS %.4f LAS %.4f", sc.Rate(sc.UAS), sc.Rate(sc.LAS))
	if sc.Rate(sc.UAS) < 0.75 || sc.Rate(sc.LAS) < 0.70 {
		t.Errorf("dev UAS %.4f LAS %.4f, want at least 0.75 and 0.70", sc.Rate(sc.UAS), sc.Rate(sc.LAS))
	}
	if len(parserHist) != 2 {
		t.Fatalf("%d epochs in the history, want 2", len(parserHist))
	}
}

// TestParseIsTree checks that every parse is a tree with one root and
// labels the parser knows, on sentences of every shape in dev.
func TestParseIsTree(t *testing.T) {
	p, dev := sharedSmall(t)
	known := map[string]bool{}
	for _, l := range p.Labels() {
		known[l] = true
	}
	sents := append(slices.Clone(dev), Sentence{Words: []Word{{ID: 1, Form: "Hello"}}},
		Sentence{Words: []Word{{ID: 1, Form: ","}, {ID: 2, Form: ","}, {ID: 3, Form: ","}}})
	for _, s := range sents {
		words := slices.Clone(s.Words)
		p.Parse(words)
		if err := checkTree(headsOf(words)); err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		for _, w := range words {
			if !known[w.Deprel] || (w.Head == 0) != (w.Deprel == "root") {
				t.Fatalf("%s word %d: head %d label %q", s.ID, w.ID, w.Head, w.Deprel)
			}
		}
	}
	p.Parse(nil)
}

func TestParserSaveLoad(t *testing.T) {
	p, dev := sharedSmall(t)
	buf, q := saveLoad(t, p)
	if !slices.Equal(p.labels, q.labels) || !slices.Equal(p.w.fkeys, q.w.fkeys) || !slices.Equal(p.w.cls, q.w.cls) ||
		!slices.Equal(p.w.w, q.w.w) || !slices.Equal(p.w.start, q.w.start) {
		t.Fatal("the loaded model differs from the saved one")
	}
	sameParses(t, p, q, dev)
	var again bytes.Buffer
	if err := q.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("saving the loaded model gives other bytes")
	}
}

// TestSharedKinds trains a small parser with the shared kind classes: it
// must score, parse trees, and load back as the same model.
func TestSharedKinds(t *testing.T) {
	train, dev := readTreebank(t, "en_ewt-ud-train.conllu"), readTreebank(t, "en_ewt-ud-dev.conllu")[:300]
	p, _, err := TrainParser(train[:500], dev, ParserOptions{Epochs: 2, SharedKinds: true})
	if err != nil {
		t.Fatal(err)
	}
	if !p.kinds || p.w.nclass != nclassFor(len(p.labels), true) {
		t.Fatalf("%d classes for %d labels, want the kind classes", p.w.nclass, len(p.labels))
	}
	sc := ParseScore(p, dev)
	t.Logf("500 sentences, 2 epochs, shared kinds: dev[:300] UAS %.4f LAS %.4f", sc.Rate(sc.UAS), sc.Rate(sc.LAS))
	if sc.Rate(sc.UAS) < 0.70 {
		t.Errorf("dev UAS %.4f, want at least 0.70", sc.Rate(sc.UAS))
	}
	_, q := saveLoad(t, p)
	if !q.kinds {
		t.Fatal("the loaded parser lost its kind classes")
	}
	sameParses(t, p, q, dev)
	for _, s := range dev {
		a := slices.Clone(s.Words)
		p.Parse(a)
		if err := checkTree(headsOf(a)); err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
	}
}

func TestLoadParserCorrupt(t *testing.T) {
	p, _ := sharedSmall(t)
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	raw := gunzip(t, good)
	regzip := func(b []byte) []byte { return gzipBytes(t, b) }
	flip := slices.Clone(good)
	flip[len(flip)/2] ^= 0x40
	otherFeatures := bytes.Replace(raw, []byte(featureSet), []byte("zz"+featureSet[2:]), 1)
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("hello, world")},
		{"truncated", good[:len(good)/2]},
		{"flipped bit", flip},
		{"not a parser", regzip([]byte("accord-tagger\x01..."))},
		{"body truncated", regzip(raw[:len(raw)-7])},
		{"trailing bytes", regzip(append(slices.Clone(raw), 1, 2, 3))},
		{"other features", regzip(otherFeatures)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := LoadParser(bytes.NewReader(tt.data))
			if err == nil || q != nil {
				t.Fatalf("LoadParser(%s) = %v, %v; want an error", tt.name, q, err)
			}
			if tt.name != "other features" && !errors.Is(err, errParserModel) {
				t.Errorf("LoadParser(%s) error %v is not errParserModel", tt.name, err)
			}
		})
	}
}

// sameParses fails the test when p and q parse any of the sentences
// differently.
func sameParses(t *testing.T, p, q *Parser, sents []Sentence) {
	t.Helper()
	for _, s := range sents {
		a, b := slices.Clone(s.Words), slices.Clone(s.Words)
		p.Parse(a)
		q.Parse(b)
		if !slices.Equal(a, b) {
			t.Fatalf("%s: the loaded parser parses differently", s.ID)
		}
	}
}

// saveLoad saves p and loads the bytes back, returning both.
func saveLoad(t *testing.T, p *Parser) (*bytes.Buffer, *Parser) {
	t.Helper()
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := LoadParser(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return &buf, q
}
