package graph

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestSynthValidityCards checks that the synthetic graph's documents'
// validity cards answer as the statements do: every fact quad, asked
// about days on both sides of its bounds, holds through the card exactly
// when one of its statements holds.
func TestSynthValidityCards(t *testing.T) {
	ctx := context.Background()
	for _, spec := range []string{"memory", "bolt:" + filepath.Join(t.TempDir(), "db")} {
		t.Run(spec[:4], func(t *testing.T) {
			s := openSpec(t, spec)
			if err := s.Synthesize(ctx, SynthOptions{Facts: 4000, Documents: 40}, 0, nil); err != nil {
				t.Fatal(err)
			}
			days := []string{"2014-12-31", "2016-06-01", "2019-03-04", "2020-01-01", "2022-11-30", "2025-01-01"}
			checked, dated := 0, 0
			err := s.read(func() error {
				r := s.reader(ctx)
				it := s.qs.QuadsAllIterator()
				defer it.Close()
				for it.Next(ctx) {
					q := it.Result()
					l := r.dir(q, quad.Label)
					if l == nil {
						continue
					}
					if _, ok := documentID(r.value(l)); !ok {
						continue
					}
					dv := r.docValidity(l)
					if dv == nil {
						t.Fatalf("document %v has no validity card", r.value(l))
					}
					if _, listed := r.listed(dv, r.dir(q, quad.Subject), r.dir(q, quad.Predicate), r.dir(q, quad.Object)); listed {
						dated++
					}
					fs, err := r.evidence(r.dir(q, quad.Subject), r.dir(q, quad.Predicate), r.dir(q, quad.Object), l)
					if err != nil {
						return err
					}
					for _, d := range days {
						want := false
						for _, f := range fs {
							want = want || f.HoldsOn(d, "")
						}
						if got := r.holdsQuad(q, d); got != want {
							t.Errorf("holdsQuad(%v, %s) = %v, its statements say %v", s.qs.Quad(q), d, got, want)
						}
					}
					checked++
				}
				return it.Err()
			})
			if err != nil {
				t.Fatal(err)
			}
			if checked < 3000 || dated < 100 {
				t.Errorf("checked %d fact quads, %d of them listed on cards; want thousands and hundreds", checked, dated)
			}
		})
	}
}
