package graph_test

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"accord/graph"
)

// The benchmarks read a synthetic graph of a million facts (about 100k
// entities, 10k documents, skewed degrees, evidence included) in a bolt
// store cached under .cache/bench; the first run builds it, which takes
// half an hour on two cores. ACCORD_BENCH_FACTS picks another size.

// benchFacts is the size of the synthetic graph the benchmarks read:
// $ACCORD_BENCH_FACTS, else a million facts.
func benchFacts() int {
	if n, err := strconv.Atoi(os.Getenv("ACCORD_BENCH_FACTS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// benchDir is where the synthetic stores are cached.
func benchDir() string {
	if d := os.Getenv("ACCORD_BENCH_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", ".cache", "bench")
}

// benchStore opens the synthetic bolt store, building it on first use.
func benchStore(b *testing.B) (*graph.Store, *graph.Synth) {
	b.Helper()
	opt := graph.SynthOptions{Facts: benchFacts()}
	dir := filepath.Join(benchDir(), fmt.Sprintf("synth-%d", opt.Facts))
	st, err := graph.OpenSynthetic(context.Background(), dir, opt, func(n int) {
		fmt.Fprintf(os.Stderr, "building %s: %d facts\n", dir, n)
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, graph.NewSynth(opt)
}

// BenchmarkOpenSynthetic opens the synthetic store, building it first when
// it is missing or was built by an older version; make bench runs it
// before the others, so that no other benchmark times the build.
func BenchmarkOpenSynthetic(b *testing.B) {
	for i := 0; i < b.N; i++ {
		st, _ := benchStore(b)
		if s, err := st.Stats(context.Background()); err != nil || s.Quads == 0 {
			b.Fatalf("synthetic store: %+v, %v", s, err)
		}
	}
}

// sample returns n entity ids drawn uniformly: typical entities, not hubs.
func sample(g *graph.Synth, n int, seed int64) []string {
	r := rand.New(rand.NewSource(seed))
	out := make([]string, n)
	for i := range out {
		out[i] = g.Entity(r.Intn(g.Options().Entities)).ID
	}
	return out
}

// timings collects per-operation durations and reports their percentiles.
type timings []time.Duration

func (ts *timings) time(fn func()) {
	start := time.Now()
	fn()
	*ts = append(*ts, time.Since(start))
}

func (ts timings) report(b *testing.B) {
	if len(ts) == 0 {
		return
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(ts[len(ts)/2]), "p50-ms")
	b.ReportMetric(ms(ts[len(ts)*9/10]), "p90-ms")
	b.ReportMetric(ms(ts[min(len(ts)-1, len(ts)*99/100)]), "p99-ms")
}

// BenchmarkEntityLookup reads an entity with its facts, evidence and
// documents (GET /entities/{id}).
func BenchmarkEntityLookup(b *testing.B) {
	st, g := benchStore(b)
	ctx := context.Background()
	ids := sample(g, max(b.N, 2000), 1)
	var ts timings
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ts.time(func() {
			if _, err := st.EntityFacts(ctx, ids[i%len(ids)], 500); err != nil {
				b.Fatal(err)
			}
		})
	}
	ts.report(b)
}

// BenchmarkNeighbors1Hop reads an entity's neighbours with the evidence of
// every edge (GET /entities/{id}/neighbors?depth=1).
func BenchmarkNeighbors1Hop(b *testing.B) {
	st, g := benchStore(b)
	ctx := context.Background()
	ids := sample(g, max(b.N, 2000), 2)
	var ts timings
	edges := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ts.time(func() {
			nb, err := st.Neighbors(ctx, ids[i%len(ids)], graph.NeighborOptions{Depth: 1})
			if err != nil {
				b.Fatal(err)
			}
			edges += len(nb.Edges)
		})
	}
	ts.report(b)
	b.ReportMetric(float64(edges)/float64(b.N), "edges/op")
}

// BenchmarkSearch searches by a name's prefix.
func BenchmarkSearch(b *testing.B) {
	st, g := benchStore(b)
	ctx := context.Background()
	ids := sample(g, 2000, 3)
	if _, err := st.Search(ctx, "warm up", 1); err != nil {
		b.Fatal(err)
	}
	var ts timings
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e, _ := st.Lookup(ctx, ids[i%len(ids)])
		q := e.Name[:min(len(e.Name), 6)]
		ts.time(func() {
			if _, err := st.Search(ctx, q, 20); err != nil {
				b.Fatal(err)
			}
		})
	}
	ts.report(b)
}

// BenchmarkPath finds the shortest path between two entities drawn at
// random, with every hop's evidence, up to 6 hops.
func BenchmarkPath(b *testing.B) {
	st, g := benchStore(b)
	ctx := context.Background()
	ids := sample(g, max(2*b.N, 4000), 4)
	var ts timings
	hops, found := 0, 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		from, to := ids[(2*i)%len(ids)], ids[(2*i+1)%len(ids)]
		ts.time(func() {
			res, err := st.Path(ctx, from, to, graph.PathOptions{MaxDepth: 6})
			if err != nil {
				b.Fatal(err)
			}
			if len(res.Paths) > 0 {
				found++
				hops += res.Paths[0].Length
			}
		})
	}
	ts.report(b)
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
	if found > 0 {
		b.ReportMetric(float64(hops)/float64(found), "hops/path")
	}
}

// BenchmarkPathK3 finds the three shortest simple paths.
func BenchmarkPathK3(b *testing.B) {
	st, g := benchStore(b)
	ctx := context.Background()
	ids := sample(g, max(2*b.N, 4000), 5)
	var ts timings
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		from, to := ids[(2*i)%len(ids)], ids[(2*i+1)%len(ids)]
		ts.time(func() {
			if _, err := st.Path(ctx, from, to, graph.PathOptions{MaxDepth: 6, K: 3}); err != nil {
				b.Fatal(err)
			}
		})
	}
	ts.report(b)
}

// countingWriter counts bytes and discards them.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkExport streams the whole graph as N-Quads and reports quads per
// second and the peak heap while it runs (flat memory: it must not grow
// with the store).
func BenchmarkExport(b *testing.B) {
	st, _ := benchStore(b)
	ctx := context.Background()
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	quads := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := &countingWriter{}
		n, err := st.ExportTo(ctx, w, graph.ExportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		quads += n
		b.SetBytes(w.n)
	}
	b.StopTimer()
	close(stop)
	b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

// BenchmarkExportQuadByQuad is the yardstick: the export as Cayley's own
// copy (quad.CopyBatch over a QuadStore reader) does it, each quad's four
// values read one at a time (graph.ExportQuadByQuad, in a test file).
func BenchmarkExportQuadByQuad(b *testing.B) {
	st, _ := benchStore(b)
	ctx := context.Background()
	quads := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, err := graph.ExportQuadByQuad(st, ctx, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		quads += n
	}
	b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
}
