package server

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"accord/graph"
)

// The HTTP benchmarks serve the synthetic graph of graph's benchmarks
// (built once under .cache/bench) over loopback to 4 clients, and compare
// with Cayley v0.7.7's own `cayley http` on the same store and the same
// neighbour question, when $CAYLEY_BIN names its binary (make bench builds
// it outside the repository).

const benchClients = 4

func benchFacts() int {
	if n, err := strconv.Atoi(os.Getenv("ACCORD_BENCH_FACTS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

func benchStoreDir() string {
	d := os.Getenv("ACCORD_BENCH_DIR")
	if d == "" {
		d = filepath.Join("..", ".cache", "bench")
	}
	return filepath.Join(d, fmt.Sprintf("synth-%d", benchFacts()))
}

// benchIDs returns entity ids drawn uniformly from the synthetic graph.
func benchIDs(n int) []string {
	g := graph.NewSynth(graph.SynthOptions{Facts: benchFacts()})
	r := rand.New(rand.NewSource(7))
	out := make([]string, n)
	for i := range out {
		out[i] = g.Entity(r.Intn(g.Options().Entities)).ID
	}
	return out
}

// hammer sends b.N requests from benchClients goroutines and reports
// requests per second; req builds the i-th request.
func hammer(b *testing.B, req func(i int) *http.Request) {
	b.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchClients}}
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := 0; c < benchClients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				res, err := client.Do(req(i))
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if f := failed.Load(); f > 0 {
		b.Fatalf("%d of %d requests failed", f, b.N)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
}

// BenchmarkHTTPNeighbors asks Accord for entities' 1-hop neighbourhoods
// with evidence: GET /api/v1/entities/{id}/neighbors?depth=1.
func BenchmarkHTTPNeighbors(b *testing.B) {
	ctx := context.Background()
	st, err := graph.OpenSynthetic(ctx, benchStoreDir(), graph.SynthOptions{Facts: benchFacts()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- New(st, Options{}).Serve(sctx, ln) }()
	defer func() { cancel(); <-done }()
	base := "http://" + ln.Addr().String()
	ids := benchIDs(benchDistinct(b.N))
	hammer(b, func(i int) *http.Request {
		r, _ := http.NewRequest("GET", base+"/api/v1/entities/"+ids[i%len(ids)]+"/neighbors?depth=1", nil)
		return r
	})
}

// BenchmarkHTTPNeighborsCayley asks `cayley http` (Cayley v0.7.7's own
// server, $CAYLEY_BIN) the same question through Gizmo: every fact
// linking the entity either way with its predicate, the entity at the other
// end, the document, the sentence and the modality.
func BenchmarkHTTPNeighborsCayley(b *testing.B) {
	benchCayley(b, func(iri string) string {
		const (
			rdf  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
			ns   = "http://accord.local/ns#"
			prov = "http://www.w3.org/ns/prov#"
		)
		ev := `.Save("<` + rdf + `predicate>", "predicate").Save("<` + prov + `wasDerivedFrom>", "doc")` +
			`.Save("<` + ns + `sentence>", "sentence").Save("<` + ns + `modality>", "modality")`
		return `var e = g.V("<` + iri + `>");` +
			`e.In("<` + rdf + `subject>").Save("<` + rdf + `object>", "other")` + ev +
			`.Union(e.In("<` + rdf + `object>").Save("<` + rdf + `subject>", "other")` + ev + `).All()`
	})
}

// BenchmarkHTTPNeighborsCayleyBoth asks `cayley http` for the bare list of
// nodes linked to the entity either way, g.V(entity).Both().All(): less
// than the neighbour question (no evidence), a lower bound on its cost.
func BenchmarkHTTPNeighborsCayleyBoth(b *testing.B) {
	benchCayley(b, func(iri string) string { return `g.V("<` + iri + `>").Both().All()` })
}

// benchCayley sends Cayley the Gizmo query that query builds for each
// entity.
func benchCayley(b *testing.B, query func(iri string) string) {
	bin := os.Getenv("CAYLEY_BIN")
	if bin == "" {
		b.Skip("CAYLEY_BIN is not set (make bench builds Cayley outside the repository)")
	}
	base := startCayley(b, bin)
	ids := benchIDs(benchDistinct(b.N))
	hammer(b, func(i int) *http.Request {
		r, _ := http.NewRequest("POST", base+"/api/v1/query/gizmo", strings.NewReader(query(graph.EntityBase+ids[i%len(ids)])))
		return r
	})
}

var cayleyProc struct {
	once sync.Once
	base string
	cmd  *exec.Cmd
	err  error
}

// startCayley starts `cayley http` on the synthetic store once for the
// test binary; TestMain stops it.
func startCayley(b *testing.B, bin string) string {
	b.Helper()
	cayleyProc.once.Do(func() {
		// Opening the store builds the graph if missing.
		st, err := graph.OpenSynthetic(context.Background(), benchStoreDir(), graph.SynthOptions{Facts: benchFacts()}, nil)
		if err != nil {
			cayleyProc.err = err
			return
		}
		st.Close()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			cayleyProc.err = err
			return
		}
		addr := ln.Addr().String()
		ln.Close()
		cmd := exec.Command(bin, "http", "-d", "bolt", "-a", benchStoreDir(), "--host", addr)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			cayleyProc.err = err
			return
		}
		cayleyProc.cmd, cayleyProc.base = cmd, "http://"+addr
		deadline := time.Now().Add(5 * time.Minute)
		for time.Now().Before(deadline) {
			res, err := http.Post(cayleyProc.base+"/api/v1/query/gizmo", "text/plain", strings.NewReader("g.V().Limit(1).All()"))
			if err == nil {
				res.Body.Close()
				if res.StatusCode == http.StatusOK {
					return
				}
			}
			time.Sleep(200 * time.Millisecond)
		}
		cayleyProc.err = fmt.Errorf("cayley http did not answer on %s", addr)
	})
	if cayleyProc.err != nil {
		b.Fatal(cayleyProc.err)
	}
	return cayleyProc.base
}

// stopCayley ends the Cayley server the benchmarks started, if any.
func stopCayley() {
	if c := cayleyProc.cmd; c != nil && c.Process != nil {
		c.Process.Kill()
		c.Wait()
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopCayley()
	os.Exit(code)
}

// benchDistinct is how many distinct entities the HTTP benchmarks ask
// about: $ACCORD_BENCH_DISTINCT, else one per request (every question is
// new to the server's caches).
func benchDistinct(n int) int {
	if d, err := strconv.Atoi(os.Getenv("ACCORD_BENCH_DISTINCT")); err == nil && d > 0 {
		return d
	}
	return max(n, 1)
}
