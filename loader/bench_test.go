package loader

import (
	"accord/loader/parse"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"accord/data"
)

// BenchmarkExtract measures extraction alone (read, clean, tag, mentions,
// relations) over the seed corpus and the development documents, with the
// lexicon and tagger model loaded once. Report docs/s with
// `go test -bench Extract ./loader` (ns/op is per document). docs/s is by
// the clock, which other processes on the machine slow down; docs/cpu-s
// is per second of the process's own CPU time (all its threads, the
// garbage collector's included), what one core does.
func BenchmarkExtract(b *testing.B) {
	lx := lexiconT(b)
	var srcs [][]byte
	var names []string
	for _, dir := range []string{"../data/corpus", "testdata/corpus-dev"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			srcs = append(srcs, data)
			names = append(names, filepath.Base(f))
		}
	}
	if len(srcs) == 0 {
		b.Fatal("no documents")
	}
	taggerModel()
	parse.Default() // the dependency model, loaded once as the tagger is
	words := 0
	for _, s := range srcs {
		words += len(splitWords(s))
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		k := i % len(srcs)
		src, err := Read(names[k], srcs[k])
		if err != nil {
			b.Fatal(err)
		}
		lx.Extract(src, nil)
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	if cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "docs/cpu-s")
	}
	b.ReportMetric(float64(words)/float64(len(srcs))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func splitWords(b []byte) []string {
	var out []string
	start := -1
	for i, c := range b {
		if c == ' ' || c == '\n' || c == '\t' {
			if start >= 0 {
				out = append(out, string(b[start:i]))
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, string(b[start:]))
	}
	return out
}

// BenchmarkLoadLexicon measures reading the whole vocabulary (data/), which
// every command that extracts pays once at start.
func BenchmarkLoadLexicon(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := LoadLexicon(data.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExtractConcurrently checks that documents extracted at once on
// several goroutines, as a load's workers do, give the graphs they give
// one at a time: the caches extraction shares (the tagger's, the parser's,
// the time rules') hold nothing of one document for another.
func TestExtractConcurrently(t *testing.T) {
	lx := lexiconT(t)
	srcs := corpusSources(t, "../data/corpus", "testdata/corpus-dev")
	// Each extraction gets its own copy: Extract fills in the
	// document's title and date, as it does for a file read anew.
	extract := func(src *Source) string {
		c := *src
		b, err := json.Marshal(lx.Extract(&c, nil))
		if err != nil {
			t.Error(err)
		}
		return string(b)
	}
	want := make([]string, len(srcs))
	for i, src := range srcs {
		want[i] = extract(src)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range srcs {
				i := (k + g*3) % len(srcs)
				if got := extract(srcs[i]); got != want[i] {
					t.Errorf("%s: extracted concurrently, the graph differs", srcs[i].Doc.ID)
				}
			}
		}()
	}
	wg.Wait()
}
