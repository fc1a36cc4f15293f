package loader

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"accord/graph"
)

// benchDocs is how many generated articles the load benchmarks use:
// $ACCORD_BENCH_DOCS, default 2,000 (the 100,000 takes minutes).
func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("ACCORD_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 2000
}

var (
	genOnce sync.Once
	genDir  string
)

// generated returns a folder of generated articles, written once per run.
func generated(b *testing.B, lx *Lexicon) string {
	genOnce.Do(func() {
		dir, err := os.MkdirTemp("", "accord-gen-")
		if err != nil {
			b.Fatal(err)
		}
		if err := lx.Generate(dir, benchDocs(), 1); err != nil {
			b.Fatal(err)
		}
		genDir = dir
	})
	return genDir
}

// discard is a store that keeps nothing: it isolates extraction's cost.
type discard struct{}

func (discard) PutBatch(_ context.Context, dgs []graph.DocumentGraph) ([]graph.PutResult, error) {
	return make([]graph.PutResult, len(dgs)), nil
}

func (discard) DocumentHash(context.Context, string) (string, error) { return "", nil }

// BenchmarkLoadWorkers extracts the generated corpus with 1 and 2 workers
// (writes discarded): documents/s and how extraction scales with cores.
func BenchmarkLoadWorkers(b *testing.B) {
	lx := lexiconT(b)
	dir := generated(b, lx)
	n := benchDocs()
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sum, err := lx.Load(context.Background(), discard{}, []string{dir}, Options{Workers: w})
				if err != nil || sum.Failed > 0 {
					b.Fatal(err, sum.Errors)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkLoadBolt loads the generated corpus into a fresh bolt store
// ("first"), then loads it again unchanged ("again"): the second must take
// a small fraction of the first.
func BenchmarkLoadBolt(b *testing.B) {
	lx := lexiconT(b)
	dir := generated(b, lx)
	n := benchDocs()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "db")
	st, err := graph.Open(ctx, "bolt:"+path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.Run("first", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			st.Close()
			os.RemoveAll(path)
			st, err = graph.Open(ctx, "bolt:"+path)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if sum, err := lx.Load(ctx, st, []string{dir}, Options{}); err != nil || sum.Added != n {
				b.Fatal(err, sum)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
	})
	b.Run("again", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if sum, err := lx.Load(ctx, st, []string{dir}, Options{}); err != nil || sum.Unchanged != n {
				b.Fatal(err, sum)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
	})
}
