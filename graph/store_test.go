package graph

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// fixture is a small document graph:
//
//	joe-biden --met--> justin-trudeau
//	canada --pledged--> norad-upgrade   (amount $4.9 billion)
//	stca --covers--> official-ports-of-entry
func fixture(id, hash string) DocumentGraph {
	ev := func(s string, start int, m Modality) Evidence {
		return Evidence{Sentence: s, Start: start, End: start + len([]rune(s)), Confidence: 0.9, Modality: m}
	}
	return DocumentGraph{
		Doc: Document{ID: id, Title: "Biden visits Ottawa", Published: "2023-03-24", URL: "https://example.org/a", Hash: hash},
		Entities: []Entity{
			{ID: "joe-biden", Name: "Joe Biden", Aliases: []string{"Biden", "President Biden"}, Kind: Person},
			{ID: "justin-trudeau", Name: "Justin Trudeau", Aliases: []string{"Trudeau"}, Kind: Person},
			{ID: "canada", Name: "Canada", Aliases: []string{"Ottawa"}, Kind: Country},
			{ID: "norad-upgrade", Name: "NORAD upgrade", Kind: Commitment},
			{ID: "stca", Name: "Safe Third Country Agreement", Aliases: []string{"STCA"}, Kind: Agreement},
			{ID: "official-ports-of-entry", Name: "official ports of entry", Kind: Place},
		},
		Facts: []Fact{
			{Subject: "joe-biden", Predicate: "met", Object: Object{Entity: "justin-trudeau"}, Evidence: ev("Biden met Trudeau.", 0, Asserted)},
			{Subject: "canada", Predicate: "pledged", Object: Object{Entity: "norad-upgrade"}, Evidence: ev("Canada pledged $4.9 billion to upgrade NORAD.", 19, Asserted),
				Qualifiers: []Qualifier{{Key: "amount", Value: "$4.9 billion"}}},
			{Subject: "stca", Predicate: "covers", Object: Object{Entity: "official-ports-of-entry"}, Evidence: ev("The STCA applies at official ports of entry.", 66, Reported)},
			{Subject: "joe-biden", Predicate: "holdsRole", Object: Object{Literal: "President"}, Evidence: ev("Biden met Trudeau.", 0, Asserted)},
		},
	}
}

// backend is a kind of store that the store tests run against.
type backend struct {
	name string
	// spec returns the spec of a new, empty store, removed after the test.
	spec func(t testing.TB) string
}

// backends are the stores every store test runs against: PostgreSQL when
// ACCORD_TEST_POSTGRES names a server (make test starts one).
var backends = []backend{
	{"memory", func(testing.TB) string { return "memory" }},
	{"bolt", func(t testing.TB) string { return "bolt:" + filepath.Join(t.TempDir(), "db") }},
	{"postgres", postgresSpec},
}

// eachBackend runs test once per backend, as a subtest named after it.
func eachBackend(t *testing.T, test func(t *testing.T, b backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { test(t, b) })
	}
}

// open opens a new, empty store of the backend, closed after the test.
func (b backend) open(t testing.TB) *Store {
	t.Helper()
	return openSpec(t, b.spec(t))
}

// openSpec opens the store spec names, closed after the test.
func openSpec(t testing.TB, spec string) *Store {
	t.Helper()
	s, err := Open(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openMemory(t testing.TB) *Store {
	t.Helper()
	return openSpec(t, "memory")
}

var (
	pgAdminOnce sync.Once
	pgAdmin     *sql.DB
	pgAdminErr  error
	pgTestDBs   atomic.Int64
)

// postgresSpec creates a database for one test on the PostgreSQL server
// whose URL ACCORD_TEST_POSTGRES holds, and returns the database's URL; the
// database is dropped after the test. Without the variable the test is
// skipped, loudly, except under CI=true, where that is a failure.
func postgresSpec(t testing.TB) string {
	t.Helper()
	base := os.Getenv("ACCORD_TEST_POSTGRES")
	if base == "" {
		const why = "ACCORD_TEST_POSTGRES is not set, so there is no PostgreSQL to test against " +
			"(make test starts one with scripts/postgres.sh)"
		if os.Getenv("CI") == "true" {
			t.Fatal(why + ": under CI=true the PostgreSQL store tests may not be skipped")
		}
		t.Skip(why + ": the PostgreSQL store tests are SKIPPED")
	}
	pgAdminOnce.Do(func() {
		pgAdmin, pgAdminErr = sql.Open("postgres", base)
		if pgAdminErr == nil {
			pgAdminErr = pgAdmin.Ping()
		}
	})
	if pgAdminErr != nil {
		t.Fatalf("ACCORD_TEST_POSTGRES=%s: %v", base, pgAdminErr)
	}
	name := fmt.Sprintf("accord_test_%d_%d", os.Getpid(), pgTestDBs.Add(1))
	if _, err := pgAdmin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := pgAdmin.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("ACCORD_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

func exportLines(t testing.TB, s *Store) []string {
	t.Helper()
	var b bytes.Buffer
	if _, err := s.Export(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	sort.Strings(lines)
	return lines
}

func TestPutAndRead(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		if res, err := s.Put(ctx, fixture("a.txt", "h1")); err != nil || res != Added {
			t.Fatalf("Put = %v, %v; want added", res, err)
		}
		e, err := s.Entity(ctx, "joe-biden")
		if err != nil {
			t.Fatal(err)
		}
		if e.Name != "Joe Biden" || e.Kind != Person || strings.Join(e.Aliases, "|") != "Biden|President Biden" {
			t.Errorf("Entity(joe-biden) = %+v", e)
		}
		out, in, err := s.FactsOf(ctx, "canada")
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 1 || len(in) != 0 {
			t.Fatalf("FactsOf(canada) = %d out, %d in; want 1, 0", len(out), len(in))
		}
		f := out[0]
		if f.Predicate != "pledged" || f.Object.Entity != "norad-upgrade" || f.Doc != "a.txt" ||
			f.Evidence.Start != 19 || f.Evidence.Modality != Asserted || len(f.Qualifiers) != 1 || f.Qualifiers[0].Value != "$4.9 billion" {
			t.Errorf("FactsOf(canada)[0] = %+v", f)
		}
		_, in, _ = s.FactsOf(ctx, "justin-trudeau")
		if len(in) != 1 || in[0].Subject != "joe-biden" {
			t.Errorf("FactsOf(justin-trudeau) in = %+v; want the met fact", in)
		}
		if _, err := s.Entity(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Entity(nobody) err = %v; want ErrNotFound", err)
		}
		d, err := s.Document(ctx, "a.txt")
		if err != nil || d.Title != "Biden visits Ottawa" || d.Published != "2023-03-24" || d.Hash != "h1" {
			t.Errorf("Document(a.txt) = %+v, %v", d, err)
		}
	})
}

func TestSearch(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		if _, err := s.Put(ctx, fixture("a.txt", "h1")); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			q    string
			want string // first id, "" for none
		}{
			{"Joe Biden", "joe-biden"},
			{"biden", "joe-biden"},
			{"TRUDEAU", "justin-trudeau"},
			{"stca", "stca"},
			{"safe third", "stca"},
			{"third", "stca"},
			{"ottawa", "canada"},
			{"nobody", ""},
		}
		for _, tt := range tests {
			got, err := s.Search(ctx, tt.q, 5)
			if err != nil {
				t.Fatal(err)
			}
			first := ""
			if len(got) > 0 {
				first = got[0].ID
			}
			if first != tt.want {
				t.Errorf("Search(%q) first = %q, want %q", tt.q, first, tt.want)
			}
		}
	})
}

func TestPutUnchangedReplacedForget(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		if _, err := s.Put(ctx, fixture("a.txt", "h1")); err != nil {
			t.Fatal(err)
		}
		before := exportLines(t, s)
		if res, err := s.Put(ctx, fixture("a.txt", "h1")); err != nil || res != Unchanged {
			t.Fatalf("second Put = %v, %v; want unchanged", res, err)
		}
		if after := exportLines(t, s); strings.Join(after, "\n") != strings.Join(before, "\n") {
			t.Errorf("an unchanged Put changed the store")
		}
		// A new version drops the covers fact.
		v2 := fixture("a.txt", "h2")
		v2.Facts = v2.Facts[:2]
		if res, err := s.Put(ctx, v2); err != nil || res != Replaced {
			t.Fatalf("Put v2 = %v, %v; want replaced", res, err)
		}
		if _, err := s.Entity(ctx, "stca"); !errors.Is(err, ErrNotFound) {
			t.Errorf("after replace, Entity(stca) err = %v; want it gone (no fact mentions it)", err)
		}
		if out, _, _ := s.FactsOf(ctx, "joe-biden"); len(out) != 1 {
			t.Errorf("after replace, joe-biden has %d facts, want 1", len(out))
		}
		// A second document shares Canada; forgetting the first keeps it.
		other := fixture("b.txt", "h3")
		other.Facts = other.Facts[1:2]
		if _, err := s.Put(ctx, other); err != nil {
			t.Fatal(err)
		}
		if err := s.Forget(ctx, "a.txt"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Entity(ctx, "canada"); err != nil {
			t.Errorf("Canada should survive: b.txt still states a fact about it: %v", err)
		}
		if _, err := s.Entity(ctx, "joe-biden"); !errors.Is(err, ErrNotFound) {
			t.Errorf("joe-biden should be gone with a.txt: %v", err)
		}
		if _, err := s.Document(ctx, "a.txt"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Document(a.txt) after forget: %v", err)
		}
		if err := s.Forget(ctx, "a.txt"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Forget twice: %v; want ErrNotFound", err)
		}
		for _, l := range exportLines(t, s) {
			if strings.Contains(l, "doc/a.txt") {
				t.Errorf("quad of a forgotten document left: %s", l)
			}
		}
	})
}

// TestRoundTrip: add, export, import into a fresh store, export again: the
// same quads. The export of every backend also imports into memory as the
// same graph as memory's own export.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	ref := openMemory(t)
	if _, err := ref.Put(ctx, fixture("a.txt", "h1")); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(exportLines(t, ref), "\n")
	eachBackend(t, func(t *testing.T, b backend) {
		s := b.open(t)
		if _, err := s.Put(ctx, fixture("a.txt", "h1")); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		n, err := s.Export(ctx, &buf)
		if err != nil {
			t.Fatal(err)
		}
		exported := buf.String()
		s2 := b.open(t)
		m, err := s2.Import(ctx, strings.NewReader(exported))
		if err != nil {
			t.Fatal(err)
		}
		if m != n {
			t.Errorf("imported %d quads, exported %d", m, n)
		}
		if strings.Contains(exported, "<xsd:") {
			t.Errorf("prefixed datatype IRI in N-Quads:\n%s", exported)
		}
		if got := strings.Join(exportLines(t, s), "\n"); got != want {
			t.Errorf("export differs from memory's:\n%s\nvs\n%s", got, want)
		}
		if got := strings.Join(exportLines(t, s2), "\n"); got != want {
			t.Errorf("round trip changed the graph:\n%s\nvs\n%s", got, want)
		}
		// Facts read back through the imported evidence.
		if out, _, _ := s2.FactsOf(ctx, "canada"); len(out) != 1 || out[0].Evidence.Sentence == "" {
			t.Errorf("FactsOf after import = %+v", out)
		}
		// The same quads, cards rebuilt by the import included.
		if st, err := s2.Stats(ctx); err != nil || st.Documents != 1 || st.Quads <= int64(n) || st.Quads != mustStats(t, s).Quads {
			t.Errorf("Stats after import = %+v, %v; want the %d quads of the store exported (%d without cards), 1 document", st, err, mustStats(t, s).Quads, n)
		}
	})
}

func TestImportAllOrNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		in := "<http://a/x> <http://a/p> \"ok\" <http://a/g> .\n" +
			"<http://a/y> <http://a/p> \"ok\" .\n" +
			"<http://a/z> <http://a/p> broken .\n"
		_, err := s.Import(ctx, strings.NewReader(in))
		var ie *ImportError
		if !errors.As(err, &ie) || ie.Line != 3 || !errors.Is(err, ErrBadQuad) {
			t.Fatalf("Import err = %v; want an ImportError on line 3", err)
		}
		if st, _ := s.Stats(ctx); st.Quads != 0 {
			t.Errorf("a failed import left %d quads", st.Quads)
		}
	})
}

func TestCheckNQuad(t *testing.T) {
	tests := []struct {
		line string
		col  string // "" when valid
	}{
		{`<http://a/s> <http://a/p> <http://a/o> .`, ""},
		{`<http://a/s> <http://a/p> "x"@en-GB <http://a/g> .`, ""},
		{`_:b1 <http://a/p> "4"^^<http://www.w3.org/2001/XMLSchema#integer> _:g .`, ""},
		{`<http://a/s> <http://a/p> "say \"hi\"" . # comment`, ""},
		{`x <http://a/p> "o" .`, "column 1"},
		{`<http://a/s> "p" "o" .`, "column 14"},
		{`<http://a/s> <http://a/p> broken .`, "column 27"},
		{`<http://a/s> <http://a/p> "o" <http://a/g>`, "column 43"},
		{`<http://a/s> <http://a/p> "o" . extra`, "column 33"},
		{`<http://a/s b> <http://a/p> "o" .`, "column 1"},
	}
	for _, tt := range tests {
		err := checkNQuad(tt.line)
		switch {
		case tt.col == "" && err != nil:
			t.Errorf("checkNQuad(%q) = %v, want nil", tt.line, err)
		case tt.col != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.col+":")):
			t.Errorf("checkNQuad(%q) = %v, want an error at %s", tt.line, err, tt.col)
		}
	}
}

// TestExportDocumentGolden compares one document's export with
// testdata/document.golden; refresh with -update.
func TestExportDocumentGolden(t *testing.T) {
	golden := filepath.Join("testdata", "document.golden")
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		if _, err := s.Put(ctx, fixture("a.txt", "h1")); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := s.ExportDocument(ctx, &buf, "a.txt"); err != nil {
			t.Fatal(err)
		}
		if *update && b.name == "memory" {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./graph -update)", err)
		}
		if buf.String() != string(want) {
			t.Errorf("ExportDocument(a.txt) differs from %s:\n%s", golden, buf.String())
		}
		if _, err := s.ExportDocument(ctx, &buf, "missing.txt"); !errors.Is(err, ErrNotFound) {
			t.Errorf("ExportDocument(missing) err = %v", err)
		}
	})
}

// TestReopen writes to a persistent store, closes it, and reads it back.
func TestReopen(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		if b.name == "memory" {
			t.Skip("a memory store does not outlive Close")
		}
		ctx := context.Background()
		spec := b.spec(t)
		s, err := Open(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Put(ctx, fixture("a.txt", "h1")); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = openSpec(t, spec)
		if res, err := s.Put(ctx, fixture("a.txt", "h1")); err != nil || res != Unchanged {
			t.Errorf("Put after reopen = %v, %v; want unchanged", res, err)
		}
		if st, err := s.Stats(ctx); err != nil || st.Documents != 1 || st.Quads == 0 {
			t.Errorf("Stats = %+v, %v", st, err)
		}
	})
}

func TestOpenBadSpec(t *testing.T) {
	for _, spec := range []string{"", "bolt:", "nosuch:x", "sqlite"} {
		if _, err := Open(context.Background(), spec); !errors.Is(err, ErrBadStore) {
			t.Errorf("Open(%q) err = %v; want ErrBadStore", spec, err)
		}
	}
}

func TestSlugAndFold(t *testing.T) {
	tests := []struct{ in, slug, fold string }{
		{"Sophie Grégoire Trudeau", "sophie-gregoire-trudeau", "sophie gregoire trudeau"},
		{"North American Leaders' Summit", "north-american-leaders-summit", "north american leaders summit"},
		{"U.S. Department of Defense", "us-department-of-defense", "us department of defense"},
		{"  $4.9-billion ", "49-billion", "49 billion"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.slug {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.slug)
		}
		if got := Fold(tt.in); got != tt.fold {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
		}
	}
}

// TestBoltInUse: a second open of a bolt store that a process holds fails
// at once with ErrStoreInUse instead of waiting forever.
func TestBoltInUse(t *testing.T) {
	ctx := context.Background()
	spec := "bolt:" + filepath.Join(t.TempDir(), "db")
	s, err := Open(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Another process: the test binary itself, opening the same store.
	cmd := exec.Command(os.Args[0], "-test.run=^TestBoltOpenChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ACCORD_OPEN_SPEC="+spec)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "in use") {
		t.Errorf("second process: %v\n%s", err, out)
	}
}

// TestBoltOpenChild is the second process of TestBoltInUse.
func TestBoltOpenChild(t *testing.T) {
	spec := os.Getenv("ACCORD_OPEN_SPEC")
	if spec == "" {
		t.Skip("run by TestBoltInUse")
	}
	done := make(chan error, 1)
	go func() {
		s, err := Open(context.Background(), spec)
		if err == nil {
			s.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrStoreInUse) {
			t.Fatalf("open: %v, want ErrStoreInUse", err)
		}
		fmt.Println("in use: ok")
	case <-time.After(10 * time.Second):
		t.Fatal("open waited for the other process")
	}
}

// mustStats returns the store's counts.
func mustStats(t *testing.T, s *Store) Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}
