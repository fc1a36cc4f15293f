package graph

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkPutCorrected measures writing a batch of 64 changed documents
// into a bolt store of 256 documents holding 0, 16 or 256 corrections
// (renames and rejects of the documents' own entities and facts): what
// applying corrections at every load costs.
func BenchmarkPutCorrected(b *testing.B) {
	const docs, batch = 256, 64
	doc := func(i int, hash string) DocumentGraph {
		id := fmt.Sprintf("e-%d", i)
		return DocumentGraph{
			Doc: Document{ID: fmt.Sprintf("d%03d.txt", i), Published: "2023-03-24", Hash: hash},
			Entities: []Entity{{ID: id, Name: "Entity " + id, Kind: Person}, {ID: "canada", Name: "Canada", Kind: Country},
				{ID: "migration", Name: "migration", Kind: Issue}},
			Facts: []Fact{
				{Subject: id, Predicate: "met", Object: Object{Entity: "canada"}, Evidence: Evidence{Sentence: id + " met Canada.", Start: 0, End: 10, Confidence: 0.8, Modality: Asserted}},
				{Subject: id, Predicate: "discussed", Object: Object{Entity: "migration"}, Evidence: Evidence{Sentence: id + " discussed migration.", Start: 20, End: 40, Confidence: 0.8, Modality: Asserted}},
			},
		}
	}
	for _, n := range []int{0, 16, 256} {
		b.Run(fmt.Sprintf("corrections=%d", n), func(b *testing.B) {
			ctx := context.Background()
			s := openSpec(b, "bolt:"+b.TempDir()+"/db")
			var all []DocumentGraph
			for i := 0; i < docs; i++ {
				all = append(all, doc(i, "h0"))
			}
			if _, err := s.PutBatch(ctx, all); err != nil {
				b.Fatal(err)
			}
			for i := 0; i < n; i++ {
				id := fmt.Sprintf("e-%d", i)
				c := Correction{Kind: Rename, Entity: id, Name: "Renamed " + id, Who: "bench"}
				if i%2 == 1 {
					c = Correction{Kind: Reject, Fact: &FactRef{Subject: id, Predicate: "discussed", Object: Object{Entity: "migration"}}, Who: "bench"}
				}
				if _, err := s.Correct(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for it := 0; it < b.N; it++ {
				dgs := make([]DocumentGraph, 0, batch)
				for i := 0; i < batch; i++ {
					dgs = append(dgs, doc((it*batch+i)%docs, fmt.Sprint("h", it+1)))
				}
				if _, err := s.PutBatch(ctx, dgs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*batch), "µs/doc")
		})
	}
}
