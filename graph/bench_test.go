package graph_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"accord/graph"
)

// benchFacts is the size of the synthetic graph the benchmarks read:
// $ACCORD_BENCH_FACTS, else a million facts.
func benchFacts() int {
	if n, err := strconv.Atoi(os.Getenv("ACCORD_BENCH_FACTS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// benchStore opens the synthetic bolt store under .cache/bench, building it
// on first use (minutes for a million facts).
func benchStore(b *testing.B) (*graph.Store, *graph.Synth) {
	b.Helper()
	opt := graph.SynthOptions{Facts: benchFacts()}
	dir := filepath.Join("..", ".cache", "bench", fmt.Sprintf("synth-%d", opt.Facts))
	if d := os.Getenv("ACCORD_BENCH_DIR"); d != "" {
		dir = filepath.Join(d, fmt.Sprintf("synth-%d", opt.Facts))
	}
	st, err := graph.OpenSynthetic(context.Background(), dir, opt, func(n int) {
		fmt.Fprintf(os.Stderr, "building %s: %d facts\n", dir, n)
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, graph.NewSynth(opt)
}

func BenchmarkOpenSynthetic(b *testing.B) {
	benchStore(b)
	for i := 0; i < b.N; i++ {
	}
}
