package graph_test

import (
	"context"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"accord/graph"
)

// benchAsOf is the day the as-of benchmarks ask about: in the middle of
// the synthetic documents' dates (2015 to 2024), so that about half of
// the facts held on it.
const benchAsOf = "2020-01-01"

// asOfRuns counts the invocations of BenchmarkAsOf's sub-benchmarks in
// this process: each draws its entities with a seed of its own, so that
// the runs after the first (-count, or the testing package's first run of
// one iteration) time new reads, not repeats of reads the caches hold.
var asOfRuns atomic.Int64

// BenchmarkAsOf times each read with as_of against the same read without
// it, on the same entities, alternating the two in one run; it reports
// both medians and the ratio of their total times (the goal: at most 1.5).
// A path as of 2020 searches a sparser graph than the whole one (about
// half of the facts held then), so it walks further; path-2030 asks about
// a day when nearly every fact holds, which times the checks themselves.
func BenchmarkAsOf(b *testing.B) {
	st, g := benchStore(b)
	ctx := context.Background()
	reads := []struct {
		name string
		day  string // "" for benchAsOf
		read func(id, id2, day string) (int, error)
	}{
		{"facts", "", func(id, _, day string) (int, error) {
			p, err := st.QueryFacts(ctx, graph.FactQuery{Subject: id, Limit: 100, Scope: graph.Scope{AsOf: day}})
			return len(p.Facts), err
		}},
		{"entity", "", func(id, _, day string) (int, error) {
			d, err := st.EntityFactsAsOf(ctx, id, 500, day)
			return len(d.Out) + len(d.In), err
		}},
		{"neighbors", "", func(id, _, day string) (int, error) {
			nb, err := st.Neighbors(ctx, id, graph.NeighborOptions{Depth: 1, Scope: graph.Scope{AsOf: day}})
			return len(nb.Edges), err
		}},
		{"path", "", func(id, id2, day string) (int, error) {
			res, err := st.Path(ctx, id, id2, graph.PathOptions{MaxDepth: 6, AsOf: day})
			return len(res.Paths), err
		}},
		{"path-2030", "2030-01-01", func(id, id2, day string) (int, error) {
			res, err := st.Path(ctx, id, id2, graph.PathOptions{MaxDepth: 6, AsOf: day})
			return len(res.Paths), err
		}},
	}
	for k, r := range reads {
		day := r.day
		if day == "" {
			day = benchAsOf
		}
		b.Run(r.name, func(b *testing.B) {
			ids := sample(g, max(2*b.N, 4000), int64(20+k)+1000*asOfRuns.Add(1))
			var plain, asOf timings
			var tPlain, tAsOf time.Duration
			kept, all := 0, 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				id, id2 := ids[(2*i)%len(ids)], ids[(2*i+1)%len(ids)]
				// Alternate which goes first, so that neither always
				// finds the pages the other brought in.
				order := []string{"", day}
				if i%2 == 1 {
					order = []string{day, ""}
				}
				for _, day := range order {
					start := time.Now()
					n, err := r.read(id, id2, day)
					d := time.Since(start)
					if err != nil {
						b.Fatal(err)
					}
					if day == "" {
						plain, tPlain, all = append(plain, d), tPlain+d, all+n
					} else {
						asOf, tAsOf, kept = append(asOf, d), tAsOf+d, kept+n
					}
				}
			}
			b.StopTimer()
			ms := func(ts timings) float64 {
				sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
				return float64(ts[len(ts)/2]) / float64(time.Millisecond)
			}
			b.ReportMetric(ms(plain), "plain-p50-ms")
			b.ReportMetric(ms(asOf), "asof-p50-ms")
			b.ReportMetric(float64(tAsOf)/float64(tPlain), "asof/plain")
			if all > 0 {
				b.ReportMetric(float64(kept)/float64(all), "kept")
			}
		})
	}
}
