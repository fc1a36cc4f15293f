package graph

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
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
// iteration, the way `accord import` does; compare quads/s with `cayley load`
// of the same file (scripts/bench-cayley-load.sh runs both).
func BenchmarkImport(b *testing.B) {
	data := syntheticNQuads(b, benchQuads())
	lines := bytes.Count(data, []byte("\n"))
	for _, backend := range []string{"bolt", "leveldb"} {
		b.Run(backend, func(b *testing.B) {
			ctx := context.Background()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				s, err := Open(ctx, backend+":"+filepath.Join(b.TempDir(), "db"))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Import(ctx, bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
			b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}
