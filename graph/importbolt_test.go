package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportBoltUndo imports a file into a bolt store that holds quads:
// one document's export, whose entity quads the store already holds, 9,000
// more quads, then a bad line, which the parser reaches after batches were
// written. The error names the line, and the store is as before, the quads
// it held and the file repeated included. The document's export alone then
// imports, in batches of 5 quads, with every card.
func TestImportBoltUndo(t *testing.T) {
	defer func(b int) { ImportBatch = b }(ImportBatch)
	ImportBatch = 500
	ctx := context.Background()
	src := openMemory(t)
	putAll(t, src, fixture("a.txt", "h1"), fixture("b.txt", "h2"))
	var docB bytes.Buffer
	if _, err := src.ExportDocument(ctx, &docB, "b.txt"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(docB.String(), "\n")

	s := openSpec(t, "bolt:"+filepath.Join(t.TempDir(), "db"))
	putAll(t, s, fixture("a.txt", "h1"))
	before, beforeCards, beforeStats := exportLines(t, s), cardsOf(t, s), mustStats(t, s)
	var in strings.Builder
	in.WriteString(docB.String())
	for i := 0; i < 9000; i++ {
		fmt.Fprintf(&in, "<http://a/s%d> <http://a/p> \"%d\" <http://a/g> .\n", i, i)
	}
	in.WriteString("<http://a/s> <http://a/p> broken .\n")
	_, err := s.Import(ctx, strings.NewReader(in.String()))
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Line != lines+9001 {
		t.Fatalf("Import err = %v; want an ImportError on line %d", err, lines+9001)
	}
	if after := exportLines(t, s); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("after the failed import the store holds\n%s\nwant\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
	}
	sameCards(t, cardsOf(t, s), beforeCards, true)
	if st := mustStats(t, s); st.Quads != beforeStats.Quads || st.Documents != beforeStats.Documents {
		t.Errorf("Stats after the failed import = %+v, want %+v", st, beforeStats)
	}

	ImportBatch = 5
	if n, err := s.Import(ctx, bytes.NewReader(docB.Bytes())); err != nil || n != lines {
		t.Fatalf("Import = %d, %v; want %d quads", n, err, lines)
	}
	sameCards(t, cardsOf(t, s), cardsOf(t, src), true)
	sameAnswers(t, src, s)

	// Into a store holding only an unrelated quad, the entities are new:
	// each gets its card, though the batches that name it were written
	// before the import's end, where entity cards are made.
	s2 := openSpec(t, "bolt:"+filepath.Join(t.TempDir(), "db2"))
	if _, err := s2.Import(ctx, strings.NewReader("<http://a/x> <http://a/p> \"x\" .\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Import(ctx, bytes.NewReader(docB.Bytes())); err != nil {
		t.Fatal(err)
	}
	got := cardsOf(t, s2)
	sameCards(t, got, cardsOf(t, src), false)
	if len(got) != 6+4+1 {
		t.Errorf("%d cards, want the 6 entities', the 4 statements' and the validity card of b.txt", len(got))
	}
}
