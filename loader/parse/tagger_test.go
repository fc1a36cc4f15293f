package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// treebank is the directory of UD English EWT, beside the repository.
var treebank = filepath.Join("..", "..", "..", "shared", "ud-english-ewt")

// readTreebank reads one of the treebank's files, or skips the test when
// the treebank is missing (failing under CI, which must have it).
func readTreebank(tb testing.TB, name string) []Sentence {
	tb.Helper()
	f, err := os.Open(filepath.Join(treebank, name))
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("treebank missing under CI: %v", err)
		}
		tb.Skipf("SKIP: treebank missing (%v)", err)
	}
	defer f.Close()
	s, err := ReadCoNLLU(f)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

var (
	smallOnce   sync.Once
	smallTagger *Tagger
	smallDev    []Sentence
)

// trainSmall trains a tagger on the first 600 training sentences of the
// treebank, once per test binary.
func trainSmall(t *testing.T) (*Tagger, []Sentence) {
	t.Helper()
	train := readTreebank(t, "en_ewt-ud-train.conllu")
	dev := readTreebank(t, "en_ewt-ud-dev.conllu")
	smallOnce.Do(func() {
		smallDev = dev[:300]
		var err error
		smallTagger, err = TrainTagger(train[:600], smallDev, TaggerOptions{Epochs: 4}, nil)
		if err != nil {
			t.Fatal(err)
		}
	})
	if smallTagger == nil {
		t.Fatal("small tagger failed to train")
	}
	return smallTagger, smallDev
}

// TestTrainTaggerSmall trains on a few hundred sentences: a tagger that
// learns at all tags most words of unseen sentences right.
func TestTrainTaggerSmall(t *testing.T) {
	tg, dev := trainSmall(t)
	sc := tg.Score(dev)
	if sc.Rate(sc.UPOS) < 0.80 || sc.Rate(sc.XPOS) < 0.75 || sc.Rate(sc.Lemma) < 0.90 {
		t.Errorf("small tagger on %d dev words: UPOS %.3f XPOS %.3f lemma %.3f, want >= 0.80, 0.75, 0.90",
			sc.Words, sc.Rate(sc.UPOS), sc.Rate(sc.XPOS), sc.Rate(sc.Lemma))
	}
}

// TestTrainTaggerDeterministic trains twice with the same seed.
func TestTrainTaggerDeterministic(t *testing.T) {
	train := readTreebank(t, "en_ewt-ud-train.conllu")[:200]
	var files [2]bytes.Buffer
	for i := range files {
		tg, err := TrainTagger(train, train[:50], TaggerOptions{Epochs: 2, Seed: 7}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := tg.Save(&files[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Errorf("two trainings with seed 7 saved different models (%d and %d bytes)", files[0].Len(), files[1].Len())
	}
}

func TestTaggerSaveLoad(t *testing.T) {
	tg, dev := trainSmall(t)
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	re, err := LoadTagger(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("LoadTagger: %v", err)
	}
	for _, s := range dev {
		a := append([]Word(nil), s.Words...)
		b := append([]Word(nil), s.Words...)
		tg.Tag(a)
		re.Tag(b)
		for i := range a {
			if a[i].UPOS != b[i].UPOS || a[i].XPOS != b[i].XPOS || a[i].Lemma != b[i].Lemma {
				t.Fatalf("sentence %s word %d %q: tagged %s/%s/%s before saving, %s/%s/%s after loading", s.ID, i+1,
					a[i].Form, a[i].UPOS, a[i].XPOS, a[i].Lemma, b[i].UPOS, b[i].XPOS, b[i].Lemma)
			}
		}
	}
}

func TestLoadTaggerCorrupt(t *testing.T) {
	tg, _ := trainSmall(t)
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	// The uncompressed contents, to corrupt below the gzip layer.
	raw := gunzip(t, good)
	flip := append([]byte(nil), raw...)
	for i := len(taggerMagic) + 1; i < len(flip); i += 97 {
		flip[i] ^= 0x5a
	}
	version := append([]byte(nil), raw...)
	version[len(taggerMagic)] = taggerVersion + 1
	cases := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("hello, tagger")},
		{"gzip of text", gzipBytes(t, []byte("not a tagger at all"))},
		{"cut in half", good[:len(good)/2]},
		{"cut contents", gzipBytes(t, raw[:len(raw)-len(taggerMagic)-3])},
		{"other version", gzipBytes(t, version)},
		{"flipped bytes", gzipBytes(t, flip)},
		{"only the header", gzipBytes(t, raw[:len(taggerMagic)+1])},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tg, err := LoadTagger(bytes.NewReader(c.data))
			if err == nil {
				// A flipped byte may land where any value is valid; the
				// tagger it gives must still tag without panicking.
				if c.name != "flipped bytes" {
					t.Fatalf("LoadTagger(%s) = nil error, want one", c.name)
				}
				ws := Tokenize("The tagger still works.", 0)
				tg.Tag(ws)
				return
			}
			if !strings.HasPrefix(err.Error(), "load tagger: ") {
				t.Errorf("LoadTagger(%s) error %q, want it to begin with \"load tagger: \"", c.name, err)
			}
			if c.name == "other version" && !strings.Contains(err.Error(), "version") {
				t.Errorf("LoadTagger(%s) error %q, want it to name the version", c.name, err)
			}
		})
	}
}

// TestTagConcurrent tags from many goroutines at once (run with -race).
func TestTagConcurrent(t *testing.T) {
	tg, dev := trainSmall(t)
	want := make([][]Word, len(dev))
	for i, s := range dev {
		want[i] = append([]Word(nil), s.Words...)
		tg.Tag(want[i])
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range dev {
				ws := append([]Word(nil), s.Words...)
				tg.Tag(ws)
				for k := range ws {
					if ws[k].XPOS != want[i][k].XPOS {
						t.Errorf("concurrent Tag of %s word %d: %s, want %s", s.ID, k+1, ws[k].XPOS, want[i][k].XPOS)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkTag tags the dev sentences with the shipped model; it reports
// sentences per second.
func BenchmarkTag(b *testing.B) {
	f, err := os.Open(filepath.Join("model", "tagger.bin.gz"))
	if err != nil {
		b.Skipf("SKIP: no tagger model (%v)", err)
	}
	tg, err := LoadTagger(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	dev := readTreebank(b, "en_ewt-ud-dev.conllu")
	words := make([][]Word, len(dev))
	for i, s := range dev {
		words[i] = append([]Word(nil), s.Words...)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		tg.Tag(words[i%len(words)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkLoadTagger reads the shipped model.
func BenchmarkLoadTagger(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("model", "tagger.bin.gz"))
	if err != nil {
		b.Skipf("SKIP: no tagger model (%v)", err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := LoadTagger(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
