package parse

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
)

// TestDefaultModel loads the embedded models and parses sentences written
// for the test into trees whose main relations come out as UD has them.
func TestDefaultModel(t *testing.T) {
	m := embeddedModel(t)
	tests := []struct {
		text string
		want map[string]string // word -> "relation head"
	}{
		{"The minister signed the agreement on Monday.",
			map[string]string{"minister": "nsubj signed", "signed": "root -", "agreement": "obj signed", "Monday": "obl signed"}},
		{"The treaty was signed by Japan and Canada.",
			map[string]string{"treaty": "nsubj:pass signed", "was": "aux:pass signed", "Japan": "obl:agent signed", "Canada": "conj Japan"}},
		{"Japan and the Philippines signed the treaty.",
			map[string]string{"Japan": "nsubj signed", "Philippines": "conj Japan", "treaty": "obj signed"}},
		{"Canada agreed to expand the programme.",
			map[string]string{"Canada": "nsubj agreed", "expand": "xcomp agreed", "programme": "obj expand"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			words := m.Analyze(tt.text, 0)
			if err := checkTree(headsOf(words)); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, w := range words {
				head := "-"
				if w.Head > 0 {
					head = words[w.Head-1].Form
				}
				got[w.Form] = w.Deprel + " " + head
			}
			for word, want := range tt.want {
				if got[word] != want {
					t.Errorf("%q: %s is %q, want %q", tt.text, word, got[word], want)
				}
			}
		})
	}
}

// TestModelConcurrent parses the same sentences from several goroutines
// at once: each gets the trees a lone parse gives.
func TestModelConcurrent(t *testing.T) {
	m := embeddedModel(t)
	dev := readTreebank(t, "en_ewt-ud-dev.conllu")[:200]
	want := make([][]Word, len(dev))
	for i, s := range dev {
		want[i] = slices.Clone(s.Words)
		m.Tag(want[i])
		m.Parse(want[i])
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range dev {
				i := (k + g*50) % len(dev)
				words := slices.Clone(dev[i].Words)
				m.Tag(words)
				m.Parse(words)
				if !slices.Equal(words, want[i]) {
					t.Errorf("%s: a concurrent parse differs", dev[i].ID)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestLoadModelErrors: a missing or damaged file is an error naming it.
func TestLoadModelErrors(t *testing.T) {
	sub, err := fs.Sub(embedded, "model")
	if err != nil {
		t.Fatal(err)
	}
	tagger, err := fs.ReadFile(sub, TaggerFile)
	if err != nil {
		t.Fatal(err)
	}
	parser, err := fs.ReadFile(sub, ParserFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"no parser", fstest.MapFS{TaggerFile: {Data: tagger}}, ParserFile},
		{"no tagger", fstest.MapFS{ParserFile: {Data: parser}}, TaggerFile},
		{"parser cut", fstest.MapFS{TaggerFile: {Data: tagger}, ParserFile: {Data: parser[:len(parser)/3]}}, ParserFile},
		{"tagger as parser", fstest.MapFS{TaggerFile: {Data: tagger}, ParserFile: {Data: tagger}}, ParserFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := LoadModel(tt.files)
			if err == nil || m != nil {
				t.Fatalf("LoadModel = %v, %v; want an error", m, err)
			}
			if !bytes.Contains([]byte(err.Error()), []byte(tt.want)) {
				t.Errorf("LoadModel error %q does not name %s", err, tt.want)
			}
		})
	}
	if _, err := LoadModel(fstest.MapFS{TaggerFile: {Data: tagger}, ParserFile: {Data: parser}}); err != nil {
		t.Errorf("LoadModel of the embedded files: %v", err)
	}
}

// TestTrainSmallModel runs the whole of make model on 1,000 training
// sentences (two folds, two parser epochs) and checks that the model it
// writes loads and parses dev with tagged words well above chance, and
// that training is deterministic.
func TestTrainSmallModel(t *testing.T) {
	train := readTreebank(t, "en_ewt-ud-train.conllu")[:1000]
	dev := readTreebank(t, "en_ewt-ud-dev.conllu")[:400]
	opt := TrainOptions{Tagger: TaggerOptions{Epochs: 3}, Parser: ParserOptions{Epochs: 2}, Folds: 2, Workers: 2}
	var files [2][2][]byte
	for i := range files {
		m, err := Train(train, dev, opt)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := m.Save(dir); err != nil {
			t.Fatal(err)
		}
		for j, name := range []string{TaggerFile, ParserFile} {
			if files[i][j], err = os.ReadFile(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
		if i == 0 {
			loaded, err := LoadModel(os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			sc := loaded.Evaluate(dev)
			t.Logf("1,000 sentences: dev[:400] UPOS %.4f UAS %.4f LAS %.4f", sc.Rate(sc.UPOS), sc.Rate(sc.UAS), sc.Rate(sc.LAS))
			if sc.Rate(sc.UPOS) < 0.85 || sc.Rate(sc.UAS) < 0.70 || sc.Rate(sc.LAS) < 0.63 {
				t.Errorf("dev UPOS %.4f UAS %.4f LAS %.4f, want at least 0.85, 0.70, 0.63", sc.Rate(sc.UPOS), sc.Rate(sc.UAS), sc.Rate(sc.LAS))
			}
		}
	}
	for j, name := range []string{TaggerFile, ParserFile} {
		if !bytes.Equal(files[0][j], files[1][j]) {
			t.Errorf("two trainings wrote different %s", name)
		}
	}
}

// BenchmarkParse tags and parses the test file's sentences, one goroutine,
// with the embedded model; it reports sentences per second by the clock
// and per second of the process's CPU time (BenchmarkParseBeam).
func BenchmarkParse(b *testing.B) {
	m := embeddedModel(b)
	test := readTreebank(b, "en_ewt-ud-test.conllu")
	words := make([][]Word, len(test))
	for i, s := range test {
		words[i] = slices.Clone(s.Words)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	cpu0 := cpuTime()
	for b.Loop() {
		w := words[n%len(words)]
		m.Tag(w)
		m.Parse(w)
		n++
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
	if cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "sentences/cpu-s")
	}
}

// BenchmarkParseOnly parses the test file's sentences, already tagged.
func BenchmarkParseOnly(b *testing.B) {
	m := embeddedModel(b)
	test := readTreebank(b, "en_ewt-ud-test.conllu")
	for _, s := range test {
		m.Tag(s.Words)
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		m.Parse(test[n%len(test)].Words)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkLoadModel reads the embedded tagger and parser.
func BenchmarkLoadModel(b *testing.B) {
	sub, err := fs.Sub(embedded, "model")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := LoadModel(sub); err != nil {
			b.Fatal(err)
		}
	}
}
