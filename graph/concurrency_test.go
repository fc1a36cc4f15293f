package graph

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestReadsDuringLoad keeps readers busy on every read path while a writer
// loads hundreds of documents into a bolt store and a memory store. Cayley's
// bolt store deadlocks when a read runs while a write grows the file, and
// its memstore is not safe for concurrent use; the store's lock must make
// both safe: no error, no deadlock (the test's own deadline), and readers
// answer between batches.
func TestReadsDuringLoad(t *testing.T) {
	for _, spec := range []string{"memory", "bolt:" + filepath.Join(t.TempDir(), "db")} {
		t.Run(spec[:min(len(spec), 6)], func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			s, err := Open(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Put(ctx, fixture("seed.txt", "h0")); err != nil {
				t.Fatal(err)
			}
			const docs = 300
			var reads atomic.Int64
			stop := make(chan struct{})
			var wg sync.WaitGroup
			readers := []func() error{
				func() error { _, err := s.Entity(ctx, "canada"); return err },
				func() error { _, _, err := s.FactsOf(ctx, "canada"); return err },
				func() error { _, err := s.Search(ctx, "can", 10); return err },
				func() error { _, err := s.Facts(ctx, FactFilter{Predicate: "pledged", Limit: 50}); return err },
				func() error { _, err := s.Export(ctx, io.Discard); return err },
				func() error { _, err := s.Documents(ctx); return err },
			}
			errs := make(chan error, len(readers))
			for _, read := range readers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						select {
						case <-stop:
							return
						default:
						}
						if err := read(); err != nil {
							errs <- err
							return
						}
						reads.Add(1)
					}
				}()
			}
			for i := 0; i < docs; i += 10 {
				var batch []DocumentGraph
				for j := i; j < i+10; j++ {
					dg := fixture(fmt.Sprintf("doc%04d.txt", j), "h")
					for k := range dg.Facts {
						dg.Facts[k].Evidence.Start += j * 1000
					}
					batch = append(batch, dg)
				}
				if _, err := s.PutBatch(ctx, batch); err != nil {
					t.Fatalf("batch %d: %v", i, err)
				}
			}
			close(stop)
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Errorf("read during load: %v", err)
			}
			if reads.Load() < 10 {
				t.Errorf("only %d reads were answered during the load", reads.Load())
			}
			st, _ := s.Stats(ctx)
			if st.Documents != docs+1 {
				t.Errorf("%d documents stored, want %d", st.Documents, docs+1)
			}
			t.Logf("%d reads answered during the load", reads.Load())
		})
	}
}
