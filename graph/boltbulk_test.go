package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
)

// TestBoltBulkMatchesCayley imports the same quads into an empty bolt store
// twice: through the bulk writer (Store.Import, in batches, each written in
// several transactions) and through
// Cayley's own ApplyDeltas in batches of the same size. Every bucket, key
// and value must be the same, timestamps aside.
func TestBoltBulkMatchesCayley(t *testing.T) {
	defer func(b, w int) { BulkBatch, bulkTxWrites = b, w }(BulkBatch, bulkTxWrites)
	BulkBatch = 3000   // several batches, sharing values
	bulkTxWrites = 997 // each batch in several transactions
	ctx := context.Background()
	var gen bytes.Buffer
	if _, err := WriteSyntheticNQuads(&gen, 20_000); err != nil {
		t.Fatal(err)
	}
	// Unlabelled quads, a blank node and typed and language literals too.
	gen.WriteString("<http://a/x> <http://a/p> \"v\"@en .\n_:b1 <http://a/p> \"4\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n")
	// Cayley counts a node's references once per line, a line repeating a
	// stored quad included; the bulk writer once per quad stored, which is
	// what deleting them takes back. Both are given each quad once.
	var in bytes.Buffer
	var deltas []graph.Delta
	seen := map[quad.Quad]bool{}
	for _, line := range strings.Split(strings.TrimSpace(gen.String()), "\n") {
		q, err := parseLine(line)
		if err != nil {
			t.Fatal(err)
		}
		if !seen[q] {
			seen[q] = true
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
			in.WriteString(line + "\n")
		}
	}

	bulkDir := filepath.Join(t.TempDir(), "bulk")
	bulk, err := Open(ctx, "bolt:"+bulkDir)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := bulk.Import(ctx, bytes.NewReader(in.Bytes())); err != nil || n != len(deltas) {
		t.Fatalf("Import = %d, %v; want %d quads", n, err, len(deltas))
	}
	bulk.Close()

	cayleyDir := filepath.Join(t.TempDir(), "cayley")
	ref, err := Open(ctx, "bolt:"+cayleyDir)
	if err != nil {
		t.Fatal(err)
	}
	// The batches Import gives the bulk writer: with the cards it adds, a
	// statement held back to the next batch when one ends inside it.
	m := newCardMaker(nil)
	for i := 0; i < len(deltas); i += BulkBatch {
		if err := ref.qs.ApplyDeltas(m.add(deltas[i:min(i+BulkBatch, len(deltas))]), graph.IgnoreOpts{IgnoreDup: true}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ref.qs.ApplyDeltas(m.flush(), graph.IgnoreOpts{IgnoreDup: true}); err != nil {
		t.Fatal(err)
	}
	if len(m.undo) > 0 {
		t.Fatalf("%d statements split in the synthetic file", len(m.undo))
	}
	ref.Close()

	got, want := dumpBolt(t, bulkDir), dumpBolt(t, cayleyDir)
	if len(got) != len(want) {
		t.Errorf("bulk store has %d keys, Cayley's %d", len(got), len(want))
	}
	diffs := 0
	for k, w := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("bulk store lacks %s", k)
		} else if g != w {
			t.Errorf("%s: bulk %s, Cayley %s", k, g, w)
		} else {
			continue
		}
		if diffs++; diffs > 10 {
			t.Fatal("too many differences")
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("bulk store has %s, Cayley's has not", k)
		}
	}
}

// TestBoltBulkBadLine imports a file whose bad line comes after a batch was
// written: the error names the line and the store is left empty, and usable.
func TestBoltBulkBadLine(t *testing.T) {
	defer func(b int) { BulkBatch = b }(BulkBatch)
	BulkBatch = 10
	ctx := context.Background()
	s, err := Open(ctx, "bolt:"+filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var in strings.Builder
	for i := 0; i < 9000; i++ { // two parser chunks: the bad line is in the second
		fmt.Fprintf(&in, "<http://a/s%d> <http://a/p> \"%d\" <http://a/g> .\n", i, i)
	}
	in.WriteString("<http://a/s> <http://a/p> broken .\n")
	_, err = s.Import(ctx, strings.NewReader(in.String()))
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Line != 9001 {
		t.Fatalf("Import err = %v; want an ImportError on line 9001", err)
	}
	if st, err := s.Stats(ctx); err != nil || st.Quads != 0 {
		t.Errorf("after a failed import: %+v, %v; want an empty store", st, err)
	}
	if n, err := s.Import(ctx, strings.NewReader("<http://a/x> <http://a/p> \"ok\" .\n")); err != nil || n != 1 {
		t.Errorf("import after the failed one = %d, %v", n, err)
	}
}

// parseLine parses one N-Quads line as Import does.
func parseLine(line string) (quad.Quad, error) {
	var q quad.Quad
	deltas, err := parseImport(context.Background(), strings.NewReader(line+"\n"))
	if err == nil && len(deltas) == 1 {
		q = deltas[0].Quad
	} else if err == nil {
		err = fmt.Errorf("%q: %d quads", line, len(deltas))
	}
	return q, err
}

// dumpBolt reads every key of a Cayley bolt store as "bucket/key" -> value,
// in hex, with the log's primitives decoded and their timestamps cleared.
func dumpBolt(t *testing.T, dir string) map[string]string {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				key := fmt.Sprintf("%q/%x", name, k)
				if string(name) == "log" {
					var p proto.Primitive
					if err := p.Unmarshal(v); err != nil {
						return fmt.Errorf("%s: %w", key, err)
					}
					p.Timestamp = 0
					out[key] = p.String()
					return nil
				}
				out[key] = fmt.Sprintf("%x", v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBoltBulkThenCayley checks a bulk-written store in use: reads through
// Cayley, more writes, duplicates in the input counted once, and removing
// every quad leaves no node behind (reference counts are right).
func TestBoltBulkThenCayley(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "bolt:"+filepath.Join(t.TempDir(), "db"), ForLoading())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	in := "<http://a/x> <http://a/p> <http://a/y> <http://a/g> .\n" +
		"<http://a/x> <http://a/p> <http://a/y> <http://a/g> .\n" + // a duplicate
		"<http://a/y> <http://a/p> \"y\" .\n" +
		"<http://a/y> <http://a/q> <http://a/x> <http://a/g> .\n"
	if n, err := s.Import(ctx, strings.NewReader(in)); err != nil || n != 4 {
		t.Fatalf("Import = %d, %v", n, err)
	}
	count := func() (quads, nodes int) {
		for it := s.qs.QuadsAllIterator(); it.Next(ctx); {
			quads++
		}
		for it := s.qs.NodesAllIterator(); it.Next(ctx); {
			nodes++
		}
		return
	}
	if q, n := count(); q != 3 || n != 6 {
		t.Errorf("after the bulk import: %d quads, %d nodes; want 3 and 6", q, n)
	}
	var objs []string
	s.each(ctx, quad.Subject, quad.IRI("http://a/x"), func(q quad.Quad) error {
		objs = append(objs, q.Object.String())
		return nil
	})
	if len(objs) != 1 || objs[0] != "<http://a/y>" {
		t.Errorf("x's objects = %v", objs)
	}
	// A later write through Cayley finds the bulk-written nodes.
	more := []graph.Delta{{Quad: quad.MakeIRI("http://a/x", "http://a/q", "http://a/z", ""), Action: graph.Add}}
	if err := s.write(func() error { return s.apply(more) }); err != nil {
		t.Fatal(err)
	}
	if q, n := count(); q != 4 || n != 7 {
		t.Errorf("after one more quad: %d quads, %d nodes; want 4 and 7", q, n)
	}
	var all []graph.Delta
	for it := s.qs.QuadsAllIterator(); it.Next(ctx); {
		all = append(all, graph.Delta{Quad: s.qs.Quad(it.Result()), Action: graph.Delete})
	}
	if err := s.write(func() error { return s.apply(all) }); err != nil {
		t.Fatal(err)
	}
	if q, n := count(); q != 0 || n != 0 {
		t.Errorf("after deleting everything: %d quads, %d nodes; want none", q, n)
	}
	// Emptied, the store still holds the deleted quads in Cayley's log and
	// indexes: a new import goes through Cayley, and finds nothing stale.
	again := "<http://a/x> <http://a/p> <http://a/y> <http://a/g> .\n<http://a/w> <http://a/p> <http://a/y> .\n"
	if n, err := s.Import(ctx, strings.NewReader(again)); err != nil || n != 2 {
		t.Fatalf("Import into the emptied store = %d, %v", n, err)
	}
	if q, n := count(); q != 2 || n != 5 {
		t.Errorf("after importing again: %d quads, %d nodes; want 2 and 5", q, n)
	}
	var subjects []string
	s.each(ctx, quad.Object, quad.IRI("http://a/y"), func(q quad.Quad) error {
		subjects = append(subjects, q.Subject.String())
		return nil
	})
	if len(subjects) != 2 {
		t.Errorf("subjects of y = %v; want x and w", subjects)
	}
	// New ids follow the deleted quads' ids, which the indexes still list.
	more = []graph.Delta{
		{Quad: quad.MakeIRI("http://a/x", "http://a/q", "http://a/z2", ""), Action: graph.Add},
		{Quad: quad.MakeIRI("http://a/w", "http://a/q", "http://a/z3", ""), Action: graph.Add},
		{Quad: quad.MakeIRI("http://a/y", "http://a/q", "http://a/z4", ""), Action: graph.Add},
	}
	if err := s.write(func() error { return s.apply(more) }); err != nil {
		t.Fatal(err)
	}
	for subj, want := range map[string]int{"http://a/x": 2, "http://a/w": 2, "http://a/y": 1} {
		var got []string
		s.each(ctx, quad.Subject, quad.IRI(subj), func(q quad.Quad) error {
			if q.Subject != quad.IRI(subj) {
				t.Errorf("quads of %s include %v", subj, q)
			}
			got = append(got, q.String())
			return nil
		})
		if len(got) != want {
			t.Errorf("quads of %s = %v; want %d", subj, got, want)
		}
	}
}
