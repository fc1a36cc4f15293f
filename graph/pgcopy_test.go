package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// valueQuads holds every kind of value Cayley's SQL store has a column for,
// strings that need escaping, quads with and without a graph label, a
// repeated quad, and a node used in several positions.
func valueQuads() []quad.Quad {
	s, p, g := iri("http://a/s"), iri("http://a/p"), iri("http://a/g")
	when := time.Date(2023, 3, 24, 10, 30, 0, 0, time.UTC)
	objects := []quad.Value{
		iri("http://a/o"), iri("http://a/été"), quad.BNode("b1"),
		quad.String("plain"), quad.String(""), quad.String(`say "hi" \ back`),
		quad.String("line\nbreak\ttab\rreturn"), quad.String("nul\x00byte"), quad.String("unicode ☃ 😀"),
		quad.TypedString{Value: "2023-03-24", Type: xsdNS + "date"}, xsdInteger(42),
		quad.LangString{Value: "bonjour", Lang: "fr"},
		quad.Int(-7), quad.Float(3.25), quad.Bool(true), quad.Time(when),
	}
	var qs []quad.Quad
	for i, o := range objects {
		var label quad.Value = g
		switch i % 3 {
		case 1:
			label = nil
		case 2:
			label = quad.BNode("g2")
		}
		qs = append(qs, quad.Make(s, p, o, label))
	}
	qs = append(qs,
		quad.Make(s, p, iri("http://a/o"), g), // repeated
		quad.Make(iri("http://a/o"), p, s, g), // o and s swap places
		quad.Make(iri("http://a/o"), iri("http://a/o"), iri("http://a/o"), iri("http://a/o")),
	)
	return qs
}

// numbered returns n quads about subjects named from prefix.
func numbered(prefix string, n int) []quad.Quad {
	var qs []quad.Quad
	for i := 0; i < n; i++ {
		qs = append(qs, quad.Make(iri(fmt.Sprintf("http://a/%s%d", prefix, i%7)), iri("http://a/p"),
			quad.String(fmt.Sprintf("%s value %d", prefix, i)), iri("http://a/g")))
	}
	return qs
}

// quadKey writes a quad with the Go type of each value, so that a string
// read back as an IRI, or an integer as a typed string, does not compare
// equal.
func quadKey(q quad.Quad) string {
	var b strings.Builder
	for _, d := range quad.Directions {
		v := q.Get(d)
		if t, ok := v.(quad.Time); ok {
			v = quad.String(time.Time(t).UTC().Format(time.RFC3339Nano))
		}
		fmt.Fprintf(&b, "%T %s | ", v, quad.StringOf(v))
	}
	return b.String()
}

// readBack returns every quad of the store read through Cayley's own
// iterators, sorted.
func readBack(t testing.TB, s *Store) []string { return readBackIf(t, s, true) }

// readBackModel is readBack without the statements' and entities' cards,
// which exports leave out.
func readBackModel(t testing.TB, s *Store) []string { return readBackIf(t, s, false) }

func readBackIf(t testing.TB, s *Store, cards bool) []string {
	t.Helper()
	var out []string
	err := s.read(func() error {
		it := s.qs.QuadsAllIterator()
		defer it.Close()
		for it.Next(context.Background()) {
			if q := s.qs.Quad(it.Result()); cards || !isCard(q) {
				out = append(out, quadKey(q))
			}
		}
		return it.Err()
	})
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	sort.Strings(out)
	return out
}

// checkRefs checks Cayley's node reference counts against the quads table:
// every node's refs is the number of quad directions naming it, and no node
// is left that no quad names.
func checkRefs(t testing.TB, s *Store) {
	t.Helper()
	rows, err := s.pg.db.Query(`
SELECT encode(coalesce(n.hash, c.h), 'hex'), n.refs, c.n FROM nodes n
FULL JOIN (
	SELECT h, count(*) AS n FROM (
		SELECT subject_hash FROM quads UNION ALL SELECT predicate_hash FROM quads
		UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads
	) AS x(h) WHERE h IS NOT NULL GROUP BY h
) c ON c.h = n.hash
WHERE n.refs IS DISTINCT FROM c.n`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			hash      string
			refs, use *int64
		)
		if err := rows.Scan(&hash, &refs, &use); err != nil {
			t.Fatal(err)
		}
		t.Errorf("node %s: refs %v, used by %v quad directions", hash, deref(refs), deref(use))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

func deref(p *int64) any {
	if p == nil {
		return "none"
	}
	return *p
}

func deltas(add, del []quad.Quad) []graph.Delta {
	var ds []graph.Delta
	for _, q := range del {
		ds = append(ds, graph.Delta{Quad: q, Action: graph.Delete})
	}
	for _, q := range add {
		ds = append(ds, graph.Delta{Quad: q, Action: graph.Add})
	}
	return ds
}

// TestBulkWrites applies a sequence of writes to PostgreSQL, some through
// the COPY writer and some through Cayley's ApplyDeltas, and after each step
// reads every quad back through Cayley's iterators and compares them with a
// memory store given the same writes; node reference counts must match the
// quads table throughout.
func TestBulkWrites(t *testing.T) {
	// Writes of at least pgRebuildMin quads, half the table or more, drop
	// and rebuild the indexes and foreign keys: run the steps both ways.
	for _, rebuild := range []bool{false, true} {
		t.Run(fmt.Sprintf("rebuild=%v", rebuild), func(t *testing.T) {
			rebuilds := 0
			if rebuild {
				defer func(n int) { pgRebuildMin, pgTrace = n, nil }(pgRebuildMin)
				pgRebuildMin = 1
				pgTrace = func(step string, _ time.Duration) {
					if step == "rebuild indexes" {
						rebuilds++
					}
				}
			}
			testBulkWrites(t)
			if rebuild && rebuilds == 0 {
				t.Errorf("no write rebuilt the indexes")
			}
		})
	}
}

func testBulkWrites(t *testing.T) {
	ctx := context.Background()
	pg := openSpec(t, postgresSpec(t))
	mem := openMemory(t)
	schema := `SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'quads'::regclass
UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'quads'::regclass
ORDER BY 1`
	wantSchema := tableRows(t, pg, schema)
	vals := valueQuads()
	a, b := numbered("a", 30), numbered("b", 20)
	steps := []struct {
		name     string
		copy     bool // through the COPY writer, else Cayley's ApplyDeltas
		add, del []quad.Quad
	}{
		{"copy every kind of value", true, vals, nil},
		{"copy again with overlap", true, append(append([]quad.Quad{}, vals[:5]...), a...), nil},
		{"cayley adds beside copied nodes", false, b, nil},
		{"copy deletes copied, cayley's and missing quads", true, nil, append(append(append([]quad.Quad{}, a[:10]...), b[:5]...),
			quad.Make(iri("http://a/none"), iri("http://a/p"), quad.String("x"), nil))},
		{"cayley deletes copied quads", false, nil, append(append([]quad.Quad{}, vals[:4]...), a[10:15]...)},
		{"copy replaces: deletions and additions together", true, numbered("c", 10), append(append([]quad.Quad{}, a[15:]...), vals[4:8]...)},
		{"copy deletes everything", true, nil, append(append(append(append([]quad.Quad{}, vals...), a...), b...), numbered("c", 10)...)},
	}
	for _, st := range steps {
		ds := deltas(st.add, st.del)
		err := pg.write(func() error {
			if st.copy {
				return pg.bulkApply(ctx, ds)
			}
			return pg.apply(ds)
		})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if err := mem.write(func() error { return mem.apply(ds) }); err != nil {
			t.Fatalf("%s: memory: %v", st.name, err)
		}
		got, want := readBack(t, pg), readBack(t, mem)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: PostgreSQL holds\n%s\nwant\n%s", st.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		checkRefs(t, pg)
		if got := tableRows(t, pg, schema); strings.Join(got, "\n") != strings.Join(wantSchema, "\n") {
			t.Errorf("%s: the quads table's indexes and keys are now\n%s\nwant\n%s", st.name, strings.Join(got, "\n"), strings.Join(wantSchema, "\n"))
		}
		stats, err := pg.Stats(ctx)
		if err != nil || stats.Quads != int64(len(want)) {
			t.Errorf("%s: Stats = %+v, %v; want %d quads", st.name, stats, err, len(want))
		}
	}
	var nodes int
	if err := pg.pg.db.QueryRow(`SELECT count(*) FROM nodes`).Scan(&nodes); err != nil || nodes != 0 {
		t.Errorf("after deleting every quad, %d nodes are left (%v)", nodes, err)
	}
}

// TestBulkMatchesCayley writes the same quads into two databases, with COPY
// and with Cayley's ApplyDeltas, and compares the rows of Cayley's nodes and
// quads tables; the COPY writer both merges through temporary tables and,
// as for a large write into an empty store, copies straight into Cayley's.
func TestBulkMatchesCayley(t *testing.T) {
	for _, rebuildMin := range []int{pgRebuildMin, 1} {
		t.Run(fmt.Sprintf("rebuildMin=%d", rebuildMin), func(t *testing.T) {
			defer func(n int) { pgRebuildMin, pgTrace = n, nil }(pgRebuildMin)
			pgRebuildMin = rebuildMin
			direct := false
			pgTrace = func(step string, _ time.Duration) { direct = direct || step == "drop indexes" }
			testBulkMatchesCayley(t)
			if direct != (rebuildMin == 1) {
				t.Errorf("deferred indexes = %v, want %v", direct, rebuildMin == 1)
			}
		})
	}
}

func testBulkMatchesCayley(t *testing.T) {
	ctx := context.Background()
	qs := append(valueQuads(), numbered("a", 50)...)
	uniq := map[quad.Quad]bool{}
	var once []quad.Quad // ApplyDeltas counts a repeated quad's nodes twice
	for _, q := range qs {
		if k := q; !uniq[k] {
			uniq[k] = true
			once = append(once, q)
		}
	}
	bulk := openSpec(t, postgresSpec(t))
	cay := openSpec(t, postgresSpec(t))
	if err := bulk.write(func() error { return bulk.bulkAdd(ctx, qs) }); err != nil {
		t.Fatal(err)
	}
	if err := cay.write(func() error { return cay.apply(deltas(once, nil)) }); err != nil {
		t.Fatal(err)
	}
	tables := []struct{ name, query string }{
		{"nodes", `SELECT encode(hash, 'hex'), refs, encode(value, 'hex'), value_string, datatype, language, iri, bnode,
			value_int, value_bool, value_float, value_time FROM nodes ORDER BY hash`},
		{"quads", `SELECT encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'),
			encode(label_hash, 'hex') FROM quads ORDER BY 1, 2, 3, 4`},
	}
	for _, tb := range tables {
		got, want := tableRows(t, bulk, tb.query), tableRows(t, cay, tb.query)
		if len(got) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("table %s after COPY:\n%s\nafter ApplyDeltas:\n%s", tb.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// tableRows returns the rows of a query, each as one line.
func tableRows(t testing.TB, s *Store, query string) []string {
	t.Helper()
	rows, err := s.pg.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, v := range vals {
			if x, ok := v.(time.Time); ok {
				v = x.UTC()
			}
			if x, ok := v.([]byte); ok {
				v = string(x)
			}
			fmt.Fprintf(&b, "%v|", v)
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestConcurrentWriters has two stores on one database, as two processes
// would, write overlapping data at once, with COPY and with Put; the result
// must be what one writer gets: nothing lost, nothing twice, and node counts
// that match the quads.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	spec := postgresSpec(t)
	stores := []*Store{openSpec(t, spec), openSpec(t, spec)}
	docs := []DocumentGraph{fixture("a.txt", "h1"), fixture("b.txt", "h2"), fixture("c.txt", "h3")}
	other := fixture("d.txt", "h4")
	other.Facts = other.Facts[1:3]
	docs = append(docs, other)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 5; round++ {
				// Both writers copy the same shared quads and their own.
				batch := append(numbered("shared", 40), numbered(fmt.Sprintf("w%dr%d", w, round), 20)...)
				if err := s.write(func() error { return s.bulkAdd(ctx, batch) }); err != nil {
					errs <- err
					return
				}
				// And both put every document, in opposite orders.
				for i := range docs {
					d := docs[i]
					if w == 1 {
						d = docs[len(docs)-1-i]
					}
					if _, err := s.Put(ctx, d); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent write: %v", err)
	}
	// The same writes from one writer.
	want := openMemory(t)
	for w := range stores {
		for round := 0; round < 5; round++ {
			batch := append(numbered("shared", 40), numbered(fmt.Sprintf("w%dr%d", w, round), 20)...)
			if err := want.write(func() error { return want.apply(deltas(batch, nil)) }); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, d := range docs {
		if _, err := want.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	got := readBack(t, stores[0])
	if w := readBack(t, want); strings.Join(got, "\n") != strings.Join(w, "\n") {
		t.Errorf("two writers stored %d quads, one writer %d:\n%s", len(got), len(w), strings.Join(got, "\n"))
	}
	var dups int
	if err := stores[0].pg.db.QueryRow(`SELECT count(*) - count(DISTINCT (subject_hash, predicate_hash, object_hash, label_hash)) FROM quads`).Scan(&dups); err != nil || dups != 0 {
		t.Errorf("%d quads stored twice (%v)", dups, err)
	}
	checkRefs(t, stores[0])
}

// TestBulkUnsupported: the bulk writer and the export are PostgreSQL's only.
func TestBulkUnsupported(t *testing.T) {
	for _, b := range backends[:2] {
		s := b.open(t)
		if err := s.bulkAdd(context.Background(), valueQuads()); !errors.Is(err, errBulkUnsupported) {
			t.Errorf("%s: bulkAdd err = %v, want errBulkUnsupported", b.name, err)
		}
		if _, err := s.exportPostgres(context.Background(), io.Discard); !errors.Is(err, errBulkUnsupported) {
			t.Errorf("%s: exportPostgres err = %v, want errBulkUnsupported", b.name, err)
		}
	}
}

// TestBulkRejectsIncompleteQuads: a bad quad fails the whole write.
func TestBulkRejectsIncompleteQuads(t *testing.T) {
	ctx := context.Background()
	s := openSpec(t, postgresSpec(t))
	qs := append(numbered("a", 5), quad.Quad{Subject: iri("http://a/s"), Predicate: iri("http://a/p")})
	if err := s.write(func() error { return s.bulkAdd(ctx, qs) }); !errors.Is(err, ErrBadQuad) {
		t.Errorf("bulkAdd with an incomplete quad: err = %v, want ErrBadQuad", err)
	}
	if st, err := s.Stats(ctx); err != nil || st.Quads != 0 {
		t.Errorf("after a rejected write, Stats = %+v, %v; want no quads", st, err)
	}
}

// TestExportPostgres exports every kind of value with the one-query export:
// each line is W3C N-Quads without prefixed datatypes, and importing it
// gives the same quads, Cayley's native numbers, booleans and times turned
// into typed strings with full datatype IRIs.
func TestExportPostgres(t *testing.T) {
	ctx := context.Background()
	s := openSpec(t, postgresSpec(t))
	qs := valueQuads()
	if _, err := s.Put(ctx, fixture("a.txt", "h1")); err != nil {
		t.Fatal(err)
	}
	if err := s.write(func() error { return s.bulkAdd(ctx, qs) }); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := s.Export(ctx, &buf)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if model := readBackModel(t, s); n != len(lines) || n != len(model) {
		t.Errorf("Export wrote %d quads in %d lines; the store holds %d (cards aside)", n, len(lines), len(model))
	}
	for _, l := range lines {
		if err := checkNQuad(l); err != nil || strings.Contains(l, "<xsd:") {
			t.Errorf("not W3C N-Quads: %s (%v)", l, err)
		}
	}
	back := openMemory(t)
	if _, err := back.Import(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	want := openMemory(t)
	if _, err := want.Put(ctx, fixture("a.txt", "h1")); err != nil {
		t.Fatal(err)
	}
	var w3c []graph.Delta
	for _, q := range qs {
		for _, d := range quad.Directions {
			q.Set(d, w3cValue(q.Get(d)))
		}
		w3c = append(w3c, graph.Delta{Quad: q, Action: graph.Add})
	}
	if err := want.write(func() error { return want.apply(w3c) }); err != nil {
		t.Fatal(err)
	}
	// The import rebuilt the cards the export left out: the same as Put's.
	if got, w := readBack(t, back), readBack(t, want); strings.Join(got, "\n") != strings.Join(w, "\n") {
		t.Errorf("export imported back as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
	}
}

// TestW3CValue checks the N-Quads form of values whose Cayley form uses a
// prefixed datatype.
func TestW3CValue(t *testing.T) {
	tests := []struct {
		in   quad.Value
		want string
	}{
		{quad.Int(-7), `"-7"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{quad.Bool(true), `"True"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{quad.Float(3.25), `"3.25E+00"^^<http://www.w3.org/2001/XMLSchema#double>`},
		{quad.Time(time.Date(2023, 3, 24, 10, 30, 0, 5, time.UTC)), `"2023-03-24T10:30:00.000000005Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>`},
		{quad.TypedString{Value: "4", Type: "xsd:integer"}, `"4"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{xsdInteger(4), `"4"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{quad.String("x"), `"x"`},
		{iri("http://a/x"), `<http://a/x>`},
	}
	for _, tt := range tests {
		if got := w3cValue(tt.in).String(); got != tt.want {
			t.Errorf("w3cValue(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// synthQuads returns the first n quads of the synthetic graph (documents,
// entities, then facts with their evidence), as Synthesize writes them.
func synthQuads(n int) []quad.Quad {
	g := NewSynth(SynthOptions{Facts: max(n/11, 10)})
	opt := g.Options()
	out := make([]quad.Quad, 0, n+32)
	for i := 0; i < opt.Documents; i++ {
		out = append(out, documentQuads(g.Document(i))...)
	}
	for i := 0; i < opt.Entities; i++ {
		out = append(out, entityQuads(g.Entity(i))...)
	}
	errFull := errors.New("full")
	g.Each(func(f Fact, doc int) error {
		if len(out) >= n {
			return errFull
		}
		d := g.Document(doc)
		f.Doc = d.ID
		fq, ev := factQuads(f, iri(d.IRI()))
		out = append(append(out, fq), ev...)
		return nil
	})
	return out[:min(n, len(out))]
}

// benchSizes are the numbers of quads the PostgreSQL benchmarks write:
// 100k, and a million with ACCORD_BENCH_PG_1M=1 (Cayley's own path then
// takes about seven minutes).
func benchSizes() []int {
	if os.Getenv("ACCORD_BENCH_PG_1M") == "1" {
		return []int{100_000, 1_000_000}
	}
	return []int{100_000}
}

func sizeName(n int) string {
	if n%1_000_000 == 0 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return fmt.Sprintf("%dk", n/1000)
}

// BenchmarkPostgresLoad loads synthetic quads into an empty PostgreSQL store
// through Cayley's ApplyDeltas (batches of 10k, an INSERT per node and per
// quad) and through the COPY writer (one transaction), and reports quads/s.
func BenchmarkPostgresLoad(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		qs := synthQuads(n)
		for _, path := range []string{"cayley", "copy"} {
			b.Run(path+"/"+sizeName(n), func(b *testing.B) {
				var elapsed time.Duration
				steps := map[string]time.Duration{}
				pgTrace = func(step string, d time.Duration) { steps[step] += d }
				defer func() { pgTrace = nil }()
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					s := openSpec(b, postgresSpec(b))
					b.StartTimer()
					start := time.Now()
					var err error
					if path == "copy" {
						err = s.write(func() error { return s.bulkAdd(ctx, qs) })
					} else {
						for j := 0; j < len(qs) && err == nil; j += 10_000 {
							batch := deltas(qs[j:min(j+10_000, len(qs))], nil)
							err = s.write(func() error { return s.apply(batch) })
						}
					}
					if err != nil {
						b.Fatal(err)
					}
					elapsed += time.Since(start)
					b.StopTimer()
					if st, err := s.Stats(ctx); err != nil || st.Quads == 0 {
						b.Fatalf("Stats after load = %+v, %v", st, err)
					}
					s.Close()
				}
				b.ReportMetric(float64(len(qs))*float64(b.N)/elapsed.Seconds(), "quads/s")
				for step, d := range steps {
					b.ReportMetric(d.Seconds()/float64(b.N), strings.ReplaceAll(step, " ", "-")+"-s")
				}
			})
		}
	}
}

// BenchmarkPostgresExport exports a PostgreSQL store of synthetic quads as
// N-Quads: with the one-query export (Store.Export), with the batched
// reader of ExportTo, and with Cayley's own copy (a SELECT per term, at 100k
// only unless ACCORD_BENCH_PG_1M=1), and reports quads/s.
func BenchmarkPostgresExport(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		var s *Store
		parent := b
		setup := func(b *testing.B) *Store {
			if s == nil {
				s = openSpec(parent, postgresSpec(parent))
				qs := synthQuads(n)
				if err := s.write(func() error { return s.bulkAdd(ctx, qs) }); err != nil {
					b.Fatal(err)
				}
				if _, err := s.pg.db.Exec(`VACUUM ANALYZE quads, nodes`); err != nil {
					b.Fatal(err)
				}
			}
			return s
		}
		exports := []struct {
			name string
			fn   func(s *Store, w io.Writer) (int, error)
		}{
			{"join", func(s *Store, w io.Writer) (int, error) { return s.Export(ctx, w) }},
			{"exportto", func(s *Store, w io.Writer) (int, error) { return s.ExportTo(ctx, w, ExportOptions{}) }},
			{"cayley", func(s *Store, w io.Writer) (int, error) {
				return quad.CopyBatch(nquads.NewWriter(w), graph.NewQuadStoreReader(s.qs), 10_000)
			}},
		}
		for _, e := range exports {
			b.Run(e.name+"/"+sizeName(n), func(b *testing.B) {
				if e.name == "cayley" && n > 100_000 && os.Getenv("ACCORD_BENCH_PG_1M") != "1" {
					b.Skip("Cayley's export of a million quads from PostgreSQL takes minutes")
				}
				s := setup(b)
				b.ResetTimer()
				quads := 0
				for i := 0; i < b.N; i++ {
					m, err := e.fn(s, io.Discard)
					if err != nil {
						b.Fatal(err)
					}
					quads += m
				}
				b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
			})
		}
	}
}

// TestConcurrentOpen opens a new PostgreSQL database from several stores at
// once, as loaders started together do: Cayley's table creation must not
// race.
func TestConcurrentOpen(t *testing.T) {
	spec := postgresSpec(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(context.Background(), spec)
			if err == nil {
				err = s.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
		}
	}
}
