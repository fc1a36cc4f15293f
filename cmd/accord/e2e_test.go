package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// nquad matches one W3C N-Quads line (IRIs, blank nodes, literals).
var nquad = regexp.MustCompile(`^(<[^>]*>|_:\S+) (<[^>]*>) (<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z-]+|\^\^<[^>]*>)?) (<[^>]*>|_:\S+) \.$`)

type quadT struct{ s, p, o, g string }

func parseExport(t *testing.T, out string) []quadT {
	t.Helper()
	var qs []quadT
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		m := nquad.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("export line %d is not N-Quads: %s", i+1, line)
		}
		qs = append(qs, quadT{m[1], m[2], m[3], m[4]})
	}
	return qs
}

// TestEndToEnd loads data/corpus into a temporary bolt store through the
// command line, exports it, and finds the three facts of the design, each
// with its evidence sentence: Joe Biden met Justin Trudeau, Canada pledged
// the NORAD upgrade, and the Safe Third Country Agreement covers the
// official ports of entry.
func TestEndToEnd(t *testing.T) {
	ctx := context.Background()
	store := "bolt:" + filepath.Join(t.TempDir(), "db")
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"load", "-q", "--store", store, "../../data/corpus"}, &out, &errb); code != 0 {
		t.Fatalf("load exit %d: %s %s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "loaded 5 documents") {
		t.Errorf("load said %q", out.String())
	}
	// Loading again changes nothing.
	out.Reset()
	if code := run(ctx, []string{"load", "-q", "--store", store, "../../data/corpus"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "5 unchanged") {
		t.Errorf("second load exit %d: %q", code, out.String())
	}
	out.Reset()
	if code := run(ctx, []string{"export", "--store", store}, &out, &errb); code != 0 {
		t.Fatalf("export exit %d: %s", code, errb.String())
	}
	qs := parseExport(t, out.String())

	names := map[string][]string{}
	for _, q := range qs {
		if q.p == "<http://schema.org/name>" || q.p == "<http://schema.org/alternateName>" {
			names[q.s] = append(names[q.s], strings.Trim(q.o, `"`))
		}
	}
	named := func(node string, want ...string) bool {
		for _, n := range names[node] {
			for _, w := range want {
				if strings.Contains(strings.ToLower(n), strings.ToLower(w)) {
					return true
				}
			}
		}
		return false
	}
	// evidence maps subject|predicate|object|doc to the sentences of its
	// statements.
	stmts := map[string]map[string]string{}
	for _, q := range qs {
		if q.g == "<http://accord.local/provenance>" {
			if stmts[q.s] == nil {
				stmts[q.s] = map[string]string{}
			}
			stmts[q.s][q.p] = q.o
		}
	}
	evidence := func(f quadT) string {
		for _, st := range stmts {
			if st["<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>"] == f.s &&
				st["<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>"] == f.p &&
				st["<http://www.w3.org/1999/02/22-rdf-syntax-ns#object>"] == f.o &&
				st["<http://www.w3.org/ns/prov#wasDerivedFrom>"] == f.g {
				return st["<http://accord.local/ns#sentence>"]
			}
		}
		return ""
	}
	tests := []struct {
		name           string
		subj, pred     string
		obj            []string
		sentenceHolds  string
		symmetric      bool
		subjectAliases []string
	}{
		{"Joe Biden met Justin Trudeau", "Joe Biden", "met", []string{"Justin Trudeau"}, "Trudeau", true, nil},
		{"Canada pledged the NORAD upgrade", "Canada", "pledged", []string{"NORAD"}, "4.9", false, nil},
		{"the STCA covers official ports of entry", "Safe Third Country Agreement", "covers",
			[]string{"ports of entry", "port of entry", "official crossings", "border points"}, "", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, q := range qs {
				if !strings.HasSuffix(q.p, "#"+tt.pred+">") || !strings.HasPrefix(q.g, "<http://accord.local/doc/") {
					continue
				}
				s, o := q.s, q.o
				ok := named(s, tt.subj) && named(o, tt.obj...)
				if !ok && tt.symmetric {
					ok = named(o, tt.subj) && named(s, tt.obj...)
				}
				if !ok {
					continue
				}
				ev := evidence(q)
				if ev == "" || !strings.Contains(ev, tt.sentenceHolds) {
					t.Errorf("%s: evidence %q", tt.name, ev)
				}
				return
			}
			t.Errorf("no quad for %s in the export", tt.name)
		})
	}
	// Documents that disagree keep both claims: the Safe Third Country
	// Agreement is "signed in 2002" in one and "a 2004 immigration treaty"
	// in another.
	out.Reset()
	if code := run(ctx, []string{"query", "conflicts", "--store", store}, &out, &errb); code != 0 {
		t.Fatalf("query conflicts exit %d: %s", code, errb.String())
	}
	if c := out.String(); !strings.Contains(c, "Safe Third Country Agreement") || !strings.Contains(c, "2002") || !strings.Contains(c, "2004") {
		t.Errorf("conflicts lack the STCA's two dates:\n%s", c)
	}
	// Nothing from the unrelated stories after "More from GZERO Media".
	for node, ns := range names {
		for _, n := range ns {
			for _, bad := range []string{"Iran", "Fordo", "Natanz", "Stonewall", "Valverde", "Lamarque", "NurPhoto"} {
				if strings.Contains(n, bad) {
					t.Errorf("entity %s is named %q: page furniture leaked", node, n)
				}
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		args []string
		code int
	}{
		{nil, exitUsage},
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"load"}, exitUsage},
		{[]string{"load", "--bogus", "x"}, exitUsage},
		{[]string{"extract"}, exitUsage},
		{[]string{"eval", "--store", "memory"}, exitUsage},
		{[]string{"eval", "--set", "seed,gold.json"}, exitUsage},
		{[]string{"eval", "--set", "seed,gold.json,memory", "--gold", "gold.json"}, exitUsage},
		{[]string{"eval", "--set", "seed,no-such-gold.json,memory"}, exitFailed},
		{[]string{"forget", "--store", "memory"}, exitUsage},
		{[]string{"forget", "--store", "memory", "nothing.txt"}, exitFailed},
		{[]string{"load", "--store", "bogus:x", "../../data/corpus"}, exitFailed},
		{[]string{"help"}, exitOK},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		if code := run(ctx, tt.args, &out, &errb); code != tt.code {
			t.Errorf("accord %v exit %d, want %d (%s)", tt.args, code, tt.code, errb.String())
		}
	}
}

// TestEvalTable: eval --set scores each set into one table row and exits 1
// when a store lacks a document its gold names, whatever the recall.
func TestEvalTable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	doc := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(doc, []byte("President Joe Biden met Prime Minister Justin Trudeau in Ottawa.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	store := "bolt:" + filepath.Join(dir, "db")
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"load", "-q", "--store", store, doc}, &out, &errb); code != 0 {
		t.Fatalf("load exit %d: %s", code, errb.String())
	}
	gold := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	met := gold("met.json", `{"facts": [
		{"doc": "a.txt", "subject": ["Justin Trudeau"], "predicate": ["met"], "object": ["Joe Biden"]},
		{"doc": "a.txt", "subject": ["Justin Trudeau"], "predicate": ["signed"], "object": ["Joe Biden"]},
		{"doc": "a.txt", "subject": ["Joe Biden"], "predicate": ["thanked"], "object": ["Justin Trudeau"], "negative": true}],
		"forbidden_entities": ["Reuters"]}`)
	other := gold("other.json", `{"facts": [
		{"doc": "b.txt", "subject": ["Canada"], "predicate": ["met"], "object": ["Mexico"]}]}`)
	tests := []struct {
		name string
		sets []string
		code int
		rows []string
	}{
		{"one set", []string{"one," + met + "," + store}, exitOK,
			[]string{"| one |         1 |          2 |     1 |   0.50 |        0 of 1 |                     0 of 1 |"}},
		{"a store lacking a gold document", []string{"one," + met + "," + store, "two," + other + "," + store}, exitFailed,
			[]string{"| one |", "| two |         1 |          1 |     0 |   0.00 |", "two: gold document absent from the store: b.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out.Reset()
			errb.Reset()
			args := []string{"eval"}
			for _, s := range tt.sets {
				args = append(args, "--set", s)
			}
			if code := run(ctx, args, &out, &errb); code != tt.code {
				t.Errorf("exit %d, want %d (%s)", code, tt.code, errb.String())
			}
			for _, r := range tt.rows {
				if !strings.Contains(out.String(), r) {
					t.Errorf("output lacks %q:\n%s", r, out.String())
				}
			}
		})
	}
}

// TestLoadReportsFailures: a bad file is named, the others load, exit 1.
func TestLoadReportsFailures(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.txt"), []byte("President Joe Biden met Prime Minister Justin Trudeau in Ottawa."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.txt"), []byte{0xff, 0xfe, 0x00, 0x01, 0x02}, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run(ctx, []string{"load", "--store", "memory", dir}, &out, &errb)
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
	if !strings.Contains(out.String(), "bad.txt") || !strings.Contains(out.String(), "1 failed") || !strings.Contains(out.String(), "loaded 1 documents") {
		t.Errorf("load output %q", out.String())
	}
}

// TestExtractTrace: extract --trace prints each stage in its own section,
// a mention split over two lines of its document on one line, and the
// resolved entities with their type and aliases.
func TestExtractTrace(t *testing.T) {
	ctx := context.Background()
	doc := filepath.Join(t.TempDir(), "a.txt")
	body := "Prime Minister Anthony Albanese met President Joko\nWidodo in Jakarta on Monday. Albanese and Widodo discussed trade.\n"
	if err := os.WriteFile(doc, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"extract", "--trace", doc}, &out, &errb); code != exitOK {
		t.Fatalf("extract --trace exit %d: %s", code, errb.String())
	}
	s := out.String()
	last := -1
	for _, sec := range []string{"== furniture dropped", "== sentences", "== mentions", "== tags", "== parse", "== chunks", "== patterns", "== entities", "== facts"} {
		i := strings.Index(s, sec+"\n")
		if i < 0 || i < last {
			t.Fatalf("section %q missing or out of order in:\n%s", sec, s)
		}
		last = i
	}
	mentions := s[strings.Index(s, "== mentions"):strings.Index(s, "== tags")]
	if !strings.Contains(mentions, "Joko Widodo ->") {
		t.Errorf("the mention over two lines is not printed on one:\n%s", mentions)
	}
	ents := s[strings.Index(s, "== entities"):strings.Index(s, "== facts")]
	for _, want := range []string{"anthony-albanese", "Person", "Albanese"} {
		if !strings.Contains(ents, want) {
			t.Errorf("entities section lacks %q:\n%s", want, ents)
		}
	}
}
