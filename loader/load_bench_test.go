package loader

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"accord/graph"
)

// The load benchmarks run on corpora written by Generate. Their sizes come
// from the environment, so that `go test -bench . ./loader` stays short:
//
//	ACCORD_BENCH_DOCS=100000        BenchmarkLoadWorkers, BenchmarkLoadBolt (default 2,000)
//	ACCORD_BENCH_MEMDOCS=1000,10000,100000  BenchmarkLoadMemory (default 1,000 and 5,000)
//	ACCORD_BENCH_HEAPPROFILE=DIR    BenchmarkLoadMemory writes DIR/heap-N.pprof 90% into each load
//
// For example, the numbers:
//
//	ACCORD_BENCH_DOCS=100000 go test -run '^$' -bench LoadWorkers -benchtime 1x -timeout 2h ./loader
//	ACCORD_BENCH_DOCS=10000 go test -run '^$' -bench LoadBolt -benchtime 1x -timeout 1h ./loader
//	ACCORD_BENCH_MEMDOCS=1000,10000,100000 go test -run '^$' -bench LoadMemory -benchtime 1x -timeout 2h ./loader

// benchDocs is how many generated articles BenchmarkLoadWorkers and
// BenchmarkLoadBolt use: $ACCORD_BENCH_DOCS, default 2,000 (the issue's
// 100,000 takes minutes).
func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("ACCORD_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 2000
}

// memDocs is the corpus sizes BenchmarkLoadMemory loads, smallest first:
// $ACCORD_BENCH_MEMDOCS, a comma-separated list, default 1,000 and 5,000.
func memDocs(b *testing.B) []int {
	env := os.Getenv("ACCORD_BENCH_MEMDOCS")
	if env == "" {
		return []int{1000, 5000}
	}
	var out []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			b.Fatalf("ACCORD_BENCH_MEMDOCS=%q: want sizes like 1000,10000", env)
		}
		out = append(out, n)
	}
	return out
}

// corpus is a folder of generated articles and how many words they hold.
type corpus struct {
	dir   string
	words int // whitespace-separated words over all files, as BenchmarkExtract counts them
}

var (
	genMu   sync.Mutex
	genDirs = map[int]corpus{} // by number of documents, written once per run
)

// generatedN returns a folder of n generated articles (seed 1, so the
// first n articles of a larger corpus are the same), written once per run
// and removed by TestMain.
func generatedN(b *testing.B, lx *Lexicon, n int) corpus {
	genMu.Lock()
	defer genMu.Unlock()
	if c, ok := genDirs[n]; ok {
		return c
	}
	dir, err := os.MkdirTemp("", "accord-gen-")
	if err != nil {
		b.Fatal(err)
	}
	if err := lx.Generate(dir, n, 1); err != nil {
		os.RemoveAll(dir)
		b.Fatal(err)
	}
	c := corpus{dir: dir}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		c.words += countWords(data)
	}
	genDirs[n] = c
	return c
}

// generated returns the corpus of benchDocs() articles.
func generated(b *testing.B, lx *Lexicon) corpus { return generatedN(b, lx, benchDocs()) }

// countWords counts what splitWords would return, without keeping them.
func countWords(b []byte) int {
	n, in := 0, false
	for _, c := range b {
		if c == ' ' || c == '\n' || c == '\t' {
			in = false
			continue
		}
		if !in {
			n++
			in = true
		}
	}
	return n
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, c := range genDirs {
		os.RemoveAll(c.dir)
	}
	os.Exit(code)
}

// discard is a store that keeps nothing: it isolates extraction's cost.
type discard struct{}

func (discard) PutBatch(_ context.Context, dgs []graph.DocumentGraph) ([]graph.PutResult, error) {
	return make([]graph.PutResult, len(dgs)), nil
}

func (discard) DocumentHash(context.Context, string) (string, error) { return "", nil }

// BenchmarkLoadWorkers extracts the generated corpus with 1 and 2 workers
// (writes discarded): documents/s, words/s (counted in the generated
// files), and how extraction scales with cores.
func BenchmarkLoadWorkers(b *testing.B) {
	lx := lexiconT(b)
	c := generated(b, lx)
	n := benchDocs()
	taggerModel()
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				sum, err := lx.Load(context.Background(), discard{}, []string{c.dir}, Options{Workers: w})
				if err != nil || sum.Failed > 0 {
					b.Fatal(err, sum.Errors)
				}
			}
			s, cpu := b.Elapsed().Seconds(), (cpuTime() - cpu0).Seconds()
			b.ReportMetric(float64(n*b.N)/s, "docs/s")
			b.ReportMetric(float64(c.words*b.N)/s, "words/s")
			// On a shared machine, how many cores the load got, and its
			// speed per CPU second (GC included).
			b.ReportMetric(cpu/s, "cores")
			b.ReportMetric(float64(n*b.N)/cpu, "docs/cpu-s")
		})
	}
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoadBolt loads the generated corpus into a fresh bolt store
// ("first"), then loads it again unchanged ("again", on the open store;
// "again-reopen" also opens and closes the store, as a second `accord
// load` does): the second load must take under a tenth of the first. The
// stores are opened as `accord load` opens them (graph.ForLoading).
func BenchmarkLoadBolt(b *testing.B) {
	lx := lexiconT(b)
	c := generated(b, lx)
	n := benchDocs()
	taggerModel()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "db")
	var st *graph.Store
	defer func() {
		if st != nil {
			st.Close()
		}
	}()
	var first, again, reopen time.Duration // per load
	b.Run("first", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			if st != nil {
				st.Close()
			}
			os.RemoveAll(path)
			var err error
			if st, err = graph.Open(ctx, "bolt:"+path, graph.ForLoading()); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if sum, err := lx.Load(ctx, st, []string{c.dir}, Options{}); err != nil || sum.Added != n {
				b.Fatal(err, sum)
			}
		}
		first = b.Elapsed() / time.Duration(b.N)
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
	})
	if st == nil {
		return
	}
	b.Run("again", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if sum, err := lx.Load(ctx, st, []string{c.dir}, Options{}); err != nil || sum.Unchanged != n {
				b.Fatal(err, sum)
			}
		}
		again = b.Elapsed() / time.Duration(b.N)
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
		if first > 0 {
			b.ReportMetric(100*again.Seconds()/first.Seconds(), "pct-of-first")
		}
	})
	st.Close()
	st = nil
	b.Run("again-reopen", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			s, err := graph.Open(ctx, "bolt:"+path, graph.ForLoading())
			if err != nil {
				b.Fatal(err)
			}
			sum, err := lx.Load(ctx, s, []string{c.dir}, Options{})
			s.Close()
			if err != nil || sum.Unchanged != n {
				b.Fatal(err, sum)
			}
		}
		reopen = b.Elapsed() / time.Duration(b.N)
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
		if first > 0 {
			b.ReportMetric(100*reopen.Seconds()/first.Seconds(), "pct-of-first")
		}
	})
}

// BenchmarkLoadMemory loads generated corpora of growing size, each into a
// fresh bolt store opened as `accord load` opens it, and reports the peak
// memory during the load, sampled every 50 ms:
//
//	peak-heap-MB  heap in use (runtime.MemStats.HeapInuse): about twice the
//	              live heap with GOGC=100
//	peak-live-MB  the heap the last collection found live: what the load
//	              holds on to
//	base-live-MB  the same before the load (lexicon, tagger model, and
//	              the store's bloom filters)
//	peak-anon-MB  the process's anonymous resident memory (RssAnon): Go's
//	              heap, stacks and runtime, without bolt's mapped file
//	peak-rss-MB   the process's VmHWM, reset before each load; it includes
//	              the pages of bolt's memory-mapped file it touched
//	store-MB      the size of the bolt store after the load
//
// A load that keeps nothing per document has a flat peak-live-MB.
func BenchmarkLoadMemory(b *testing.B) {
	lx := lexiconT(b)
	taggerModel()
	ctx := context.Background()
	for _, n := range memDocs(b) {
		c := generatedN(b, lx, n)
		b.Run("docs="+strconv.Itoa(n), func(b *testing.B) {
			var peak memPeak
			var store int64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				path := filepath.Join(b.TempDir(), "db")
				st, err := graph.Open(ctx, "bolt:"+path, graph.ForLoading())
				if err != nil {
					b.Fatal(err)
				}
				opt := Options{}
				if dir := os.Getenv("ACCORD_BENCH_HEAPPROFILE"); dir != "" {
					// A heap profile late in the load, store open, to see
					// what it holds: compare sizes with pprof -diff_base.
					opt.Progress = func(p Progress) {
						if p.Done == p.Total*9/10 {
							writeHeapProfile(b, filepath.Join(dir, fmt.Sprintf("heap-%d.pprof", n)))
						}
					}
				}
				runtime.GC()
				stop := sampleMemory(&peak)
				b.StartTimer()
				sum, err := lx.Load(ctx, st, []string{c.dir}, opt)
				b.StopTimer()
				stop()
				st.Close()
				if err != nil || sum.Added != n {
					b.Fatal(err, sum)
				}
				store = dirSize(path)
				os.RemoveAll(path)
				b.StartTimer()
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(mb(peak.heap), "peak-heap-MB")
			b.ReportMetric(mb(peak.live), "peak-live-MB")
			b.ReportMetric(mb(peak.base), "base-live-MB")
			if peak.anon > 0 {
				b.ReportMetric(mb(peak.anon), "peak-anon-MB")
			}
			if peak.rss > 0 {
				b.ReportMetric(mb(peak.rss), "peak-rss-MB")
			}
			b.ReportMetric(mb(uint64(store)), "store-MB")
		})
	}
}

func writeHeapProfile(b *testing.B, file string) {
	runtime.GC()
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Fatal(err)
	}
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

func mb(bytes uint64) float64 { return float64(bytes) / (1 << 20) }

// memPeak is the largest memory use seen over the loads of a benchmark.
type memPeak struct{ heap, live, base, anon, rss uint64 }

// sampleMemory records into p, every 50 ms until stop is called, the heap
// in use, the live heap and the anonymous resident memory; stop also
// records the peak RSS since the start.
func sampleMemory(p *memPeak) (stop func()) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/gc/heap/live:bytes"},
	}
	read := func() {
		metrics.Read(samples)
		// objects + unused is HeapInuse without a stop-the-world.
		if h := samples[0].Value.Uint64() + samples[1].Value.Uint64(); h > p.heap {
			p.heap = h
		}
		if l := samples[2].Value.Uint64(); l > p.live {
			p.live = l
		}
		if a := procStatus("RssAnon:"); a > p.anon {
			p.anon = a
		}
	}
	metrics.Read(samples)
	if l := samples[2].Value.Uint64(); l > p.base {
		p.base = l
	}
	// Writing 5 to clear_refs resets VmHWM (Linux 4.0 and later).
	rssOK := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait() // the sampler has stopped: p is ours again
		read()
		if rssOK {
			if r := procStatus("VmHWM:"); r > p.rss {
				p.rss = r
			}
		}
	}
}

// procStatus returns a size field of /proc/self/status ("VmHWM:") in
// bytes, 0 when unknown.
func procStatus(field string) uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte(field)); ok {
			var kb uint64
			if _, err := fmt.Sscan(string(rest), &kb); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}
