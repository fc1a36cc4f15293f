package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"accord/graph"
)

// loadShape is the size of one form of the load test.
type loadShape struct {
	clients  int
	duration time.Duration
	facts    int // of the synthetic graph the store starts with
	maxReqs  int64
}

// The two forms of TestLoad: the short one runs in make test, the full one
// when ACCORD_LOAD_TEST=full.
var (
	shortLoad = loadShape{clients: 50, duration: 5 * time.Second, facts: 2000, maxReqs: 1_000_000}
	fullLoad  = loadShape{clients: 200, duration: 60 * time.Second, facts: 20000, maxReqs: 20_000_000}
)

// loadKinds are the requests the clients mix, in proportion of their
// repetition.
var loadKinds = []string{"entity", "entity", "neighbors", "neighbors", "neighbors2", "path", "export-entity", "export-doc", "search"}

// TestLoad serves a bolt store over loopback to many clients that mix
// entity, neighbour, path and export requests, while a writer keeps
// loading documents into the same store through Store.PutBatch (bolt is
// where Cayley deadlocks a read during a growing write). Every request
// must succeed. It logs the requests served, p50 and p99 latencies, and the
// heap and resident memory before, at the peak and after.
func TestLoad(t *testing.T) {
	shape := shortLoad
	if os.Getenv("ACCORD_LOAD_TEST") == "full" {
		shape = fullLoad
	} else if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	ctx := context.Background()
	st, err := graph.Open(ctx, "bolt:"+filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	synth := graph.SynthOptions{Facts: shape.facts, Seed: 3}
	if err := st.Synthesize(ctx, synth, 0, nil); err != nil {
		t.Fatal(err)
	}
	g := graph.NewSynth(synth)
	nEnt, nDoc := g.Options().Entities, g.Options().Documents

	s := New(st, Options{Limits: Limits{RateLimit: 1e9}}) // the limiter's cost, never its refusals
	addr := listen(t, s)
	base := "http://" + addr

	memBefore := sampleMemory(true)

	// The writer: batches of new documents about the synthetic entities.
	stop := make(chan struct{})
	var writes, writeErrs atomic.Int64
	var wwg sync.WaitGroup
	wwg.Add(1)
	go func() {
		defer wwg.Done()
		r := rand.New(rand.NewSource(1))
		for doc := 0; ; doc += 4 {
			select {
			case <-stop:
				return
			default:
			}
			batch := make([]graph.DocumentGraph, 4)
			for i := range batch {
				batch[i] = loadDocument(g, r, doc+i, nEnt)
			}
			if _, err := st.PutBatch(ctx, batch); err != nil {
				writeErrs.Add(1)
				t.Errorf("PutBatch: %v", err)
				return
			}
			writes.Add(int64(len(batch)))
		}
	}()

	// Memory, sampled every half second.
	var peak memSample
	var mwg sync.WaitGroup
	mwg.Add(1)
	go func() {
		defer mwg.Done()
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				peak = peak.max(sampleMemory(false))
			}
		}
	}()

	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: shape.clients, MaxIdleConnsPerHost: shape.clients},
	}
	deadline := time.Now().Add(shape.duration)
	var sent atomic.Int64
	lat := make([][]time.Duration, shape.clients)
	kinds := make([][]string, shape.clients) // of each latency
	errs := make([]map[string]int, shape.clients)
	var cwg sync.WaitGroup
	start := time.Now()
	for c := 0; c < shape.clients; c++ {
		cwg.Add(1)
		go func() {
			defer cwg.Done()
			r := rand.New(rand.NewSource(int64(c) + 100))
			errs[c] = map[string]int{}
			for time.Now().Before(deadline) && sent.Add(1) <= shape.maxReqs {
				kind := loadKinds[r.Intn(len(loadKinds))]
				target := base + loadTarget(g, r, kind, nEnt, nDoc)
				t0 := time.Now()
				res, err := client.Get(target)
				if err != nil {
					errs[c][kind+": "+err.Error()]++
					continue
				}
				_, err = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				lat[c] = append(lat[c], time.Since(t0))
				kinds[c] = append(kinds[c], kind)
				if res.StatusCode != http.StatusOK || err != nil {
					errs[c][fmt.Sprintf("%s: %d %v", kind, res.StatusCode, err)]++
				}
			}
		}()
	}
	cwg.Wait()
	elapsed := time.Since(start)
	close(stop)
	wwg.Wait()
	mwg.Wait()
	client.CloseIdleConnections()
	memAfter := sampleMemory(true)

	var all []time.Duration
	byKind := map[string][]time.Duration{}
	failed := map[string]int{}
	nFailed := 0
	for c := range lat {
		all = append(all, lat[c]...)
		for i, k := range kinds[c] {
			byKind[k] = append(byKind[k], lat[c][i])
		}
		for k, n := range errs[c] {
			failed[k] += n
			nFailed += n
		}
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration { return percentile(all, p) }
	t.Logf("%d clients, %s: %d requests (%.0f/s), %d errors; p50 %s, p99 %s, max %s; %d documents loaded meanwhile",
		shape.clients, elapsed.Round(time.Millisecond), len(all), float64(len(all))/elapsed.Seconds(), nFailed,
		pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond), writes.Load())
	t.Logf("memory: heap %s before, %s at the peak, %s after (after a GC); resident %s before, %s at the peak, %s after",
		mib(memBefore.heap), mib(peak.heap), mib(memAfter.heap), mib(memBefore.rss), mib(peak.rss), mib(memAfter.rss))
	for _, k := range slices.Sorted(maps.Keys(byKind)) {
		d := byKind[k]
		slices.Sort(d)
		t.Logf("  %-14s %6d requests, p50 %s, p99 %s", k, len(d), percentile(d, 0.5).Round(time.Microsecond), percentile(d, 0.99).Round(time.Microsecond))
	}
	for k, n := range failed {
		t.Errorf("%d× %s", n, k)
	}
	if len(all) == 0 || writes.Load() == 0 {
		t.Errorf("served %d requests and loaded %d documents: the test did not run", len(all), writes.Load())
	}
	if writeErrs.Load() > 0 {
		t.Errorf("%d write batches failed", writeErrs.Load())
	}
}

// percentile returns the p-quantile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(float64(len(sorted))*p))]
}

// loadDocument returns the i-th document the load test's writer stores:
// 20 facts between random synthetic entities, each with its evidence.
func loadDocument(g *graph.Synth, r *rand.Rand, i, nEnt int) graph.DocumentGraph {
	preds := []string{"met", "discussed", "urged", "supports", "visited"}
	dg := graph.DocumentGraph{Doc: graph.Document{ID: fmt.Sprintf("load_%06d.txt", i), Title: fmt.Sprintf("Load %d", i),
		Published: "2024-05-01", Hash: fmt.Sprintf("load-%d", i)}}
	seen := map[string]bool{}
	for f := 0; f < 20; f++ {
		a, b := g.Entity(r.Intn(nEnt)), g.Entity(r.Intn(nEnt))
		for _, e := range []graph.Entity{a, b} {
			if !seen[e.ID] {
				seen[e.ID] = true
				dg.Entities = append(dg.Entities, e)
			}
		}
		sent := a.Name + " " + preds[f%len(preds)] + " " + b.Name + "."
		dg.Facts = append(dg.Facts, graph.Fact{Subject: a.ID, Predicate: preds[f%len(preds)], Object: graph.Object{Entity: b.ID},
			Evidence: graph.Evidence{Sentence: sent, Start: f * 100, End: f*100 + len(sent), Confidence: 0.8, Modality: graph.Asserted}})
	}
	return dg
}

// loadTarget returns the path and query of one request of the given kind.
func loadTarget(g *graph.Synth, r *rand.Rand, kind string, nEnt, nDoc int) string {
	id := func() string { return url.PathEscape(g.Entity(r.Intn(nEnt)).ID) }
	switch kind {
	case "entity":
		return "/api/v1/entities/" + id() + "?limit=100"
	case "neighbors":
		return "/api/v1/entities/" + id() + "/neighbors?depth=1"
	case "neighbors2":
		return "/api/v1/entities/" + id() + "/neighbors?depth=2&limit=200"
	case "path":
		return "/api/v1/path?from=" + id() + "&to=" + id() + "&max_depth=4"
	case "export-entity":
		return "/api/v1/export?entity=" + id() + "&depth=1"
	case "export-doc":
		return "/api/v1/export?doc=" + url.QueryEscape(g.Document(r.Intn(nDoc)).ID)
	case "search":
		name := g.Entity(r.Intn(nEnt)).Name
		return "/api/v1/entities?q=" + url.QueryEscape(name[:min(len(name), 5)]) + "&limit=10"
	}
	panic("unknown kind " + kind)
}

// memSample is the process's memory at one moment.
type memSample struct {
	heap uint64 // bytes in live and unswept heap objects
	rss  uint64 // resident set size, from /proc/self/status
}

func (m memSample) max(o memSample) memSample {
	return memSample{heap: max(m.heap, o.heap), rss: max(m.rss, o.rss)}
}

// sampleMemory reads the heap (after a collection when gc) and the
// resident set size.
func sampleMemory(gc bool) memSample {
	if gc {
		runtime.GC()
	}
	m := memSample{heap: heapBytes()}
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
				kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
				m.rss = kb << 10
			}
		}
	}
	return m
}

func mib(b uint64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
