package graph

import (
	"bytes"
	"context"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// benchQuads is the size of the N-Quads file BenchmarkImport loads:
// $ACCORD_BENCH_QUADS, default 200,000 (the 1,000,000 takes about a
// minute per iteration on this machine).
func benchQuads() int {
	if n, err := strconv.Atoi(os.Getenv("ACCORD_BENCH_QUADS")); err == nil && n > 0 {
		return n
	}
	return 200_000
}

// syntheticNQuads returns about n quads of the synthetic graph as N-Quads.
func syntheticNQuads(tb testing.TB, n int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if _, err := WriteSyntheticNQuads(&buf, n); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImport loads one N-Quads file into a fresh embedded store per
// iteration, the way `accord import` does, and, when $CAYLEY_BIN names
// Cayley v0.7.7's binary (make bench builds it outside the repository),
// the same file with `cayley load` into bolt: quads/s side by side.
func BenchmarkImport(b *testing.B) {
	data := syntheticNQuads(b, benchQuads())
	lines := bytes.Count(data, []byte("\n"))
	b.Run("cayley-load-bolt", func(b *testing.B) {
		bin := os.Getenv("CAYLEY_BIN")
		if bin == "" {
			b.Skip("CAYLEY_BIN is not set (make bench builds Cayley outside the repository)")
		}
		file := filepath.Join(b.TempDir(), "graph.nq")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			dir := filepath.Join(b.TempDir(), "cayley")
			if out, err := exec.Command(bin, "init", "-d", "bolt", "-a", dir).CombinedOutput(); err != nil {
				b.Fatalf("cayley init: %v\n%s", err, out)
			}
			b.StartTimer()
			if out, err := exec.Command(bin, "load", "-d", "bolt", "-a", dir, "-i", file).CombinedOutput(); err != nil {
				b.Fatalf("cayley load: %v\n%s", err, out)
			}
		}
		b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	})
	// "bolt-holding-quads" imports into a bolt store that already holds a
	// quad: in batches through Cayley (importbolt.go), not the bulk writer.
	for _, backend := range []string{"bolt", "bolt-holding-quads", "leveldb"} {
		b.Run(backend, func(b *testing.B) {
			ctx := context.Background()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, err := Open(ctx, strings.TrimSuffix(backend, "-holding-quads")+":"+filepath.Join(b.TempDir(), "db"))
				if err != nil {
					b.Fatal(err)
				}
				if strings.HasSuffix(backend, "-holding-quads") {
					if _, err := s.Import(ctx, strings.NewReader("<http://a/x> <http://a/p> \"x\" .\n")); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				if _, err := s.Import(ctx, bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
			b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// BenchmarkImportedNeighbors asks for 1-hop neighbourhoods with evidence in
// a bolt store filled by `accord import` from synthetic N-Quads, which carry
// no cards: with the cards the import rebuilds, and with them deleted, as
// before imports rebuilt them. Reports the median per query, each with the
// store's read cache emptied first.
func BenchmarkImportedNeighbors(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, "bolt:"+filepath.Join(b.TempDir(), "db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	n := benchQuads()
	if _, err := s.Import(ctx, bytes.NewReader(syntheticNQuads(b, n))); err != nil {
		b.Fatal(err)
	}
	g := syntheticNQuadsGraph(n)
	ask := func(b *testing.B) {
		r := rand.New(rand.NewSource(3))
		times := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			id := g.Entity(r.Intn(g.Options().Entities)).ID
			s.names = nil // a cold read cache: no query helps the next
			start := time.Now()
			if _, err := s.Neighbors(ctx, id, NeighborOptions{Depth: 1}); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
		}
		slices.Sort(times)
		b.ReportMetric(float64(times[len(times)/2])/float64(time.Millisecond), "p50-ms")
	}
	b.Run("cards", ask)
	dropAllCards(b, s)
	b.Run("no-cards", ask)
}
