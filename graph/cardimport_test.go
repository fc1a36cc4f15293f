package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestImportRebuildsCards imports the export of a store written by Put,
// which leaves cards out, and finds every card again: the same quads as the
// loader wrote. With the lines shuffled, a statement's quads no longer come
// together; the import may then card fewer statements, but never with a
// card the loader would not have written. On bolt the bulk writer runs, in
// batches small enough to cut statements in two.
func TestImportRebuildsCards(t *testing.T) {
	defer func(b int) { BulkBatch = b }(BulkBatch)
	BulkBatch = 7
	ctx := context.Background()
	src := openMemory(t)
	putAll(t, src, placed(fixture("a.txt", "h1")), placed(fixture("b.txt", "h2")))
	want := cardsOf(t, src)
	var export bytes.Buffer
	if _, err := src.Export(ctx, &export); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(export.String(), "\n"), "\n")
	rand.New(rand.NewSource(1)).Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	shuffled := strings.Join(lines, "\n")
	// One statement's qualifier moved to the end of the file: the run before
	// it holds a whole statement, whose card would lack the qualifier.
	var split []string
	var moved string
	for _, l := range strings.SplitAfter(export.String(), "\n") {
		if moved == "" && strings.Contains(l, accQualifier+"place") {
			moved = l
			continue
		}
		split = append(split, l)
	}
	if moved == "" {
		t.Fatal("no qualifier in the export")
	}
	split = append(split, moved)
	var docB bytes.Buffer
	if _, err := src.ExportDocument(ctx, &docB, "b.txt"); err != nil {
		t.Fatal(err)
	}

	eachBackend(t, func(t *testing.T, b backend) {
		t.Run("export", func(t *testing.T) {
			s := b.open(t)
			if _, err := s.Import(ctx, bytes.NewReader(export.Bytes())); err != nil {
				t.Fatal(err)
			}
			sameCards(t, cardsOf(t, s), want, true)
			sameAnswers(t, src, s)
		})
		t.Run("shuffled", func(t *testing.T) {
			s := b.open(t)
			if _, err := s.Import(ctx, strings.NewReader(shuffled)); err != nil {
				t.Fatal(err)
			}
			got := cardsOf(t, s)
			sameCards(t, got, want, false)
			entities := 0
			for q := range got {
				if _, ok := entityID(q.Subject); ok {
					entities++
				}
			}
			if entities != 6 {
				t.Errorf("%d entity cards, want the 6 that do not depend on the order of lines", entities)
			}
			sameAnswers(t, src, s)
		})
		t.Run("split", func(t *testing.T) {
			s := b.open(t)
			if _, err := s.Import(ctx, strings.NewReader(strings.Join(split, ""))); err != nil {
				t.Fatal(err)
			}
			got := cardsOf(t, s)
			sameCards(t, got, want, false)
			if len(got) != len(want)-1 {
				t.Errorf("%d cards, want %d: all but the split statement's", len(got), len(want)-1)
			}
			sameAnswers(t, src, s)
		})
		t.Run("into a store holding quads", func(t *testing.T) {
			s := b.open(t)
			putAll(t, s, placed(fixture("a.txt", "h1")))
			if _, err := s.Import(ctx, bytes.NewReader(docB.Bytes())); err != nil {
				t.Fatal(err)
			}
			sameCards(t, cardsOf(t, s), want, true)
			sameAnswers(t, src, s)
		})
	})
}

// placed returns dg with a qualifier on its first fact.
func placed(dg DocumentGraph) DocumentGraph {
	dg.Facts[0].Qualifiers = []Qualifier{{Key: "place", Value: "Ottawa"}}
	return dg
}

// putAll stores each document graph in s.
func putAll(t *testing.T, s *Store, dgs ...DocumentGraph) {
	t.Helper()
	for _, dg := range dgs {
		if _, err := s.Put(context.Background(), dg); err != nil {
			t.Fatal(err)
		}
	}
}

// sameCards checks that got holds no card outside want, and, when all is
// set, every card of want.
func sameCards(t *testing.T, got, want map[quad.Quad]bool, all bool) {
	t.Helper()
	for q := range got {
		if !want[q] {
			t.Errorf("card the loader would not write: %s", q.NQuad())
		}
	}
	if all && len(got) != len(want) {
		t.Errorf("%d cards, want %d", len(got), len(want))
	}
	if len(got) == 0 {
		t.Error("no card at all")
	}
}

// sameAnswers checks that b answers as a does about the fixture's entities.
func sameAnswers(t *testing.T, a, b *Store) {
	t.Helper()
	ctx := context.Background()
	for _, id := range []string{"joe-biden", "canada", "stca"} {
		na, err1 := a.Neighbors(ctx, id, NeighborOptions{Depth: 2})
		nb, err2 := b.Neighbors(ctx, id, NeighborOptions{Depth: 2})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		ja, _ := json.Marshal(na)
		jb, _ := json.Marshal(nb)
		if !bytes.Equal(ja, jb) {
			t.Errorf("Neighbors(%s) differs after import:\n%s\nvs\n%s", id, ja, jb)
		}
	}
}
