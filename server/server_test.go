package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// fixture is the graph every test serves:
//
//	a.txt "Leaders meet"
//	  joe-biden ----met----> justin-trudeau
//	  canada ----pledged---> "$4.9 billion"            amount: $4.9 billion
//	  safe-third-country-agreement --covers--> official-ports-of-entry
//	b.txt "Pledge confirmed"
//	  justin-trudeau --met--> joe-biden
//	  canada ----pledged---> "$4.9 billion"
func fixture() []graph.DocumentGraph {
	ents := []graph.Entity{
		{ID: "joe-biden", Name: "Joe Biden", Aliases: []string{"Biden", "President Biden"}, Kind: graph.Person},
		{ID: "justin-trudeau", Name: "Justin Trudeau", Aliases: []string{"Trudeau"}, Kind: graph.Person},
		{ID: "canada", Name: "Canada", Kind: graph.Country},
		{ID: "safe-third-country-agreement", Name: "Safe Third Country Agreement", Kind: graph.Agreement},
		{ID: "official-ports-of-entry", Name: "official ports of entry", Kind: graph.Place},
	}
	ev := func(s string, start int) graph.Evidence {
		return graph.Evidence{Sentence: s, Start: start, End: start + len(s), Confidence: 0.9, Modality: graph.Asserted}
	}
	return []graph.DocumentGraph{
		{
			Doc:      graph.Document{ID: "a.txt", Title: "Leaders meet", Published: "2023-03-24", Hash: "a1"},
			Entities: ents,
			Facts: []graph.Fact{
				{Subject: "joe-biden", Predicate: "met", Object: graph.Object{Entity: "justin-trudeau"},
					Evidence: ev("Joe Biden met Justin Trudeau in Ottawa.", 0)},
				{Subject: "canada", Predicate: "pledged", Object: graph.Object{Literal: "$4.9 billion"},
					Evidence:   ev("Canada pledged $4.9 billion.", 40),
					Qualifiers: []graph.Qualifier{{Key: "amount", Value: "$4.9 billion"}}},
				{Subject: "safe-third-country-agreement", Predicate: "covers", Object: graph.Object{Entity: "official-ports-of-entry"},
					Evidence: ev("The Safe Third Country Agreement covers official ports of entry.", 70)},
			},
		},
		{
			Doc:      graph.Document{ID: "b.txt", Title: "Pledge confirmed", Hash: "b1"},
			Entities: ents[:3],
			Facts: []graph.Fact{
				{Subject: "justin-trudeau", Predicate: "met", Object: graph.Object{Entity: "joe-biden"},
					Evidence: graph.Evidence{Sentence: "Trudeau met Biden, his office said.", Start: 0, End: 35, Confidence: 0.7, Modality: graph.Reported}},
				{Subject: "canada", Predicate: "pledged", Object: graph.Object{Literal: "$4.9 billion"},
					Evidence: ev("Canada has pledged $4.9 billion.", 40)},
			},
		},
	}
}

// openStore returns an in-memory store holding the fixture.
func openStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatalf("graph.Open(memory): %v", err)
	}
	t.Cleanup(func() { st.Close() })
	for _, dg := range fixture() {
		if _, err := st.Put(ctx, dg); err != nil {
			t.Fatalf("Put(%s): %v", dg.Doc.ID, err)
		}
	}
	return st
}

// newTestServer returns a server over the fixture whose log goes to the
// returned buffer.
func newTestServer(t *testing.T) (*Server, *graph.Store, *bytes.Buffer) {
	t.Helper()
	st := openStore(t)
	var log bytes.Buffer
	return New(st, Options{Logger: slog.New(slog.NewTextHandler(&log, nil))}), st, &log
}

// get sends a request through the server's handler.
func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

// decode decodes a JSON answer into v, failing on a wrong content type.
func decode(t *testing.T, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want application/json; body %s", ct, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
}

// checkProblem checks that rec is an RFC 9457 answer with the given status
// for path, and returns it.
func checkProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, path string) Problem {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status = %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("decode problem %s: %v", rec.Body, err)
	}
	want := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: p.Detail, Instance: path}
	if p != want {
		t.Errorf("problem = %+v, want %+v", p, want)
	}
	if p.Detail == "" {
		t.Errorf("problem has no detail")
	}
	return p
}

func TestHealthz(t *testing.T) {
	s, st, _ := newTestServer(t)
	rec := get(t, s.Handler(), "GET", "/healthz")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /healthz = %d, want 200; body %s", rec.Code, rec.Body)
	}
	var got struct {
		Status    string `json:"status"`
		Quads     int64  `json:"quads"`
		Documents int    `json:"documents"`
	}
	decode(t, rec, &got)
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "ok" || got.Quads != stats.Quads || got.Quads == 0 || got.Documents != 2 {
		t.Errorf("GET /healthz = %+v, want ok, %d quads, 2 documents", got, stats.Quads)
	}
}

func TestEntityIndex(t *testing.T) {
	s, _, _ := newTestServer(t)
	tests := []struct {
		target string
		status int
		want   []string // result ids, in order
	}{
		{"/api/v1/entities?q=Joe%20Biden", 200, []string{"joe-biden"}},
		{"/api/v1/entities?q=biden", 200, []string{"joe-biden"}},        // alias, any case
		{"/api/v1/entities?q=trudeau", 200, []string{"justin-trudeau"}}, // alias
		{"/api/v1/entities?q=safe%20third", 200, []string{"safe-third-country-agreement"}},
		{"/api/v1/entities?q=ottawa", 200, []string{}},
		{"/api/v1/entities?q=c&limit=1", 200, []string{"canada"}},
		{"/api/v1/entities?q=biden&limit=200", 200, []string{"joe-biden"}},
		{"/api/v1/entities", 400, nil},
		{"/api/v1/entities?q=%20%20", 400, nil},
		{"/api/v1/entities?q=biden&limit=abc", 400, nil},
		{"/api/v1/entities?q=biden&limit=0", 400, nil},
		{"/api/v1/entities?q=biden&limit=201", 400, nil},
		{"/api/v1/entities?q=biden&limit=", 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, s.Handler(), "GET", tt.target)
			if tt.status != 200 {
				checkProblem(t, rec, tt.status, "/api/v1/entities")
				return
			}
			var got struct {
				Query   string `json:"query"`
				Results []struct {
					ID      string   `json:"id"`
					Name    string   `json:"name"`
					Aliases []string `json:"aliases"`
					Type    string   `json:"type"`
					Score   int      `json:"score"`
				} `json:"results"`
			}
			decode(t, rec, &got)
			if got.Results == nil {
				t.Fatalf("GET %s: results is %s, want a list", tt.target, rec.Body)
			}
			ids := []string{}
			for _, r := range got.Results {
				ids = append(ids, r.ID)
				if r.Name == "" || r.Type == "" || r.Score < 1 || r.Aliases == nil {
					t.Errorf("GET %s: incomplete result %+v", tt.target, r)
				}
			}
			if strings.Join(ids, ",") != strings.Join(tt.want, ",") {
				t.Errorf("GET %s: ids = %q, want %q", tt.target, ids, tt.want)
			}
		})
	}
}

// entityJSON is the answer of GET /api/v1/entities/:id.
type entityJSON struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Type    string   `json:"type"`
	Facts   struct {
		Out map[string][]factJSON `json:"out"`
		In  map[string][]factJSON `json:"in"`
	} `json:"facts"`
	Documents []string `json:"documents"`
}

// factJSON is a fact as the API shows it.
type factJSON struct {
	Subject     string `json:"subject"`
	SubjectName string `json:"subject_name"`
	Predicate   string `json:"predicate"`
	Object      struct {
		Entity  string `json:"entity"`
		Literal string `json:"literal"`
	} `json:"object"`
	ObjectName string            `json:"object_name"`
	Doc        string            `json:"doc"`
	Evidence   graph.Evidence    `json:"evidence"`
	Qualifiers []graph.Qualifier `json:"qualifiers"`
}

func TestEntityGet(t *testing.T) {
	s, _, _ := newTestServer(t)

	rec := get(t, s.Handler(), "GET", "/api/v1/entities/joe-biden")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET joe-biden = %d; body %s", rec.Code, rec.Body)
	}
	var e entityJSON
	decode(t, rec, &e)
	if e.ID != "joe-biden" || e.Name != "Joe Biden" || e.Type != "Person" || strings.Join(e.Aliases, ",") != "Biden,President Biden" {
		t.Errorf("entity = %+v", e)
	}
	if strings.Join(e.Documents, ",") != "a.txt,b.txt" {
		t.Errorf("documents = %q, want a.txt, b.txt", e.Documents)
	}
	out, in := e.Facts.Out["met"], e.Facts.In["met"]
	if len(e.Facts.Out) != 1 || len(out) != 1 || len(e.Facts.In) != 1 || len(in) != 1 {
		t.Fatalf("facts = %+v, want one met out and one met in", e.Facts)
	}
	if o := out[0]; o.Object.Entity != "justin-trudeau" || o.ObjectName != "Justin Trudeau" || o.SubjectName != "Joe Biden" ||
		o.Doc != "a.txt" || o.Evidence.Sentence != "Joe Biden met Justin Trudeau in Ottawa." || o.Evidence.Modality != graph.Asserted {
		t.Errorf("out fact = %+v", o)
	}
	if i := in[0]; i.Subject != "justin-trudeau" || i.SubjectName != "Justin Trudeau" || i.Doc != "b.txt" ||
		i.Evidence != (graph.Evidence{Sentence: "Trudeau met Biden, his office said.", Start: 0, End: 35, Confidence: 0.7, Modality: graph.Reported}) {
		t.Errorf("in fact = %+v", i)
	}

	rec = get(t, s.Handler(), "GET", "/api/v1/entities/canada")
	var c entityJSON
	decode(t, rec, &c)
	if p := c.Facts.Out["pledged"]; len(p) != 2 || p[0].Object.Literal != "$4.9 billion" || p[0].ObjectName != "" ||
		len(p[0].Qualifiers) != 1 || p[0].Qualifiers[0] != (graph.Qualifier{Key: "amount", Value: "$4.9 billion"}) {
		t.Errorf("canada pledged = %+v", p)
	}
	if c.Facts.In == nil || len(c.Facts.In) != 0 {
		t.Errorf("canada in = %v, want {}", c.Facts.In)
	}

	p := checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/entities/nobody"), http.StatusNotFound, "/api/v1/entities/nobody")
	if !strings.Contains(p.Detail, "nobody") {
		t.Errorf("404 detail = %q, want the id", p.Detail)
	}
}

func TestFactIndex(t *testing.T) {
	s, _, _ := newTestServer(t)
	tests := []struct {
		query  string
		status int
		want   []string // "subject predicate object@doc"
	}{
		{"subject=joe-biden", 200, []string{"joe-biden met justin-trudeau@a.txt"}},
		{"object=joe-biden", 200, []string{"justin-trudeau met joe-biden@b.txt"}},
		{"predicate=met", 200, []string{"joe-biden met justin-trudeau@a.txt", "justin-trudeau met joe-biden@b.txt"}},
		{"predicate=pledged&doc=b.txt", 200, []string{`canada pledged "$4.9 billion"@b.txt`}},
		{`object="$4.9%20billion"`, 200, []string{`canada pledged "$4.9 billion"@a.txt`, `canada pledged "$4.9 billion"@b.txt`}},
		{"doc=a.txt&limit=2", 200, []string{"safe-third-country-agreement covers official-ports-of-entry@a.txt", "joe-biden met justin-trudeau@a.txt"}},
		{"subject=canada&predicate=met", 200, []string{}},
		{"subject=nobody", 200, []string{}},
		{"", 400, nil},
		{"limit=5", 400, nil},
		{"subject=%20", 400, nil},
		{`object="unclosed`, 400, nil},
		{"predicate=met&limit=-1", 400, nil},
		{"predicate=met&limit=1001", 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := get(t, s.Handler(), "GET", "/api/v1/facts?"+tt.query)
			if tt.status != 200 {
				checkProblem(t, rec, tt.status, "/api/v1/facts")
				return
			}
			var got struct {
				Facts []factJSON `json:"facts"`
			}
			decode(t, rec, &got)
			if got.Facts == nil {
				t.Fatalf("facts is %s, want a list", rec.Body)
			}
			keys := []string{}
			for _, f := range got.Facts {
				o := f.Object.Entity
				if o == "" {
					o = `"` + f.Object.Literal + `"`
				}
				keys = append(keys, f.Subject+" "+f.Predicate+" "+o+"@"+f.Doc)
				if f.Evidence.Sentence == "" || f.SubjectName == "" {
					t.Errorf("fact %+v lacks evidence or names", f)
				}
			}
			if strings.Join(keys, "|") != strings.Join(tt.want, "|") {
				t.Errorf("GET /api/v1/facts?%s = %q, want %q", tt.query, keys, tt.want)
			}
		})
	}
}

func TestDocuments(t *testing.T) {
	s, _, _ := newTestServer(t)

	var list struct {
		Documents []graph.Document `json:"documents"`
	}
	decode(t, get(t, s.Handler(), "GET", "/api/v1/documents"), &list)
	if len(list.Documents) != 2 || list.Documents[0].ID != "a.txt" || list.Documents[0].Title != "Leaders meet" ||
		list.Documents[0].Published != "2023-03-24" || list.Documents[1].ID != "b.txt" {
		t.Errorf("documents = %+v", list.Documents)
	}

	var doc struct {
		graph.Document
		Facts []factJSON `json:"facts"`
	}
	decode(t, get(t, s.Handler(), "GET", "/api/v1/documents/a.txt"), &doc)
	if doc.ID != "a.txt" || doc.Title != "Leaders meet" || len(doc.Facts) != 3 {
		t.Errorf("document a.txt = %+v", doc)
	}
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/documents/missing.txt"), http.StatusNotFound, "/api/v1/documents/missing.txt")
}

// reimport loads N-Quads into a fresh memory store.
func reimport(t *testing.T, r io.Reader) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import(ctx, r); err != nil {
		t.Fatalf("Import: %v", err)
	}
	return st
}

func TestExport(t *testing.T) {
	s, st, _ := newTestServer(t)
	ctx := context.Background()

	rec := get(t, s.Handler(), "GET", "/api/v1/export")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/n-quads" {
		t.Fatalf("GET /api/v1/export = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	// The export re-imports to a store that exports the same quads (the
	// statements' cards, an index, are in neither).
	exported := rec.Body.String()
	var again strings.Builder
	back := reimport(t, strings.NewReader(exported))
	if _, err := back.Export(ctx, &again); err != nil {
		t.Fatal(err)
	}
	lines := func(s string) []string { l := strings.Split(strings.TrimSpace(s), "\n"); slices.Sort(l); return l }
	if a, b := lines(exported), lines(again.String()); !slices.Equal(a, b) || len(a) < 50 {
		t.Errorf("export of the re-imported export differs: %d quads, then %d", len(a), len(b))
	}
	want, _ := st.Stats(ctx)
	got, _ := back.Stats(ctx)
	if got.Documents != want.Documents {
		t.Errorf("reimported export: %+v, want %+v", got, want)
	}

	rec = get(t, s.Handler(), "GET", "/api/v1/export?doc=b.txt")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/n-quads" {
		t.Fatalf("GET /api/v1/export?doc=b.txt = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	one := reimport(t, rec.Body)
	docs, err := one.Documents(ctx)
	if err != nil || len(docs) != 1 || docs[0].ID != "b.txt" {
		t.Errorf("reimported b.txt: documents %+v, %v; want b.txt only", docs, err)
	}
	facts, err := one.Facts(ctx, graph.FactFilter{Doc: "b.txt"})
	if err != nil || len(facts) != 2 {
		t.Errorf("reimported b.txt: %d facts, %v; want 2", len(facts), err)
	}
	if e, err := one.Entity(ctx, "justin-trudeau"); err != nil || e.Name != "Justin Trudeau" {
		t.Errorf("reimported b.txt: Entity(justin-trudeau) = %+v, %v", e, err)
	}

	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/export?doc=missing.txt"), http.StatusNotFound, "/api/v1/export")
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/export?doc="), http.StatusBadRequest, "/api/v1/export")
}

func TestProblems(t *testing.T) {
	s, _, _ := newTestServer(t)
	tests := []struct {
		method, target string
		status         int
		allow          string
	}{
		{"GET", "/nowhere", 404, ""},
		{"GET", "/api/v2/entities", 404, ""},
		{"GET", "/ui/missing.js", 404, ""},
		{"GET", "/ui/app.exe", 404, ""},
		{"POST", "/api/v1/entities", 405, "GET"},
		{"DELETE", "/api/v1/entities/joe-biden", 405, "GET"},
		{"PUT", "/healthz", 405, "GET"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			rec := get(t, s.Handler(), tt.method, tt.target)
			checkProblem(t, rec, tt.status, tt.target)
			if got := rec.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
		})
	}
}

func TestPanicIsProblem(t *testing.T) {
	s, _, log := newTestServer(t)
	s.router.GET("/boom", func(*gin.Context) { panic("secret internals") })
	rec := get(t, s.Handler(), "GET", "/boom")
	checkProblem(t, rec, http.StatusInternalServerError, "/boom")
	if strings.Contains(rec.Body.String(), "secret") || strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("500 body leaks the panic: %s", rec.Body)
	}
	if !strings.Contains(log.String(), "secret internals") || !strings.Contains(log.String(), "stack=") {
		t.Errorf("log lacks the panic and its stack: %s", log)
	}
}

func TestClosedStore(t *testing.T) {
	s, st, _ := newTestServer(t)
	st.Close()
	for _, target := range []string{"/healthz", "/api/v1/entities/joe-biden", "/api/v1/export"} {
		checkProblem(t, get(t, s.Handler(), "GET", target), http.StatusServiceUnavailable, target)
	}
}

func TestPage(t *testing.T) {
	s, _, _ := newTestServer(t)
	tests := []struct {
		target, contentType, contains string
	}{
		{"/", "text/html; charset=utf-8", `<input id="q" name="q" type="search"`},
		{"/ui/app.js", "text/javascript; charset=utf-8", `/neighbors/groups`},
		{"/ui/style.css", "text/css; charset=utf-8", "font-family"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			// The bundle is committed: a plain go build serves it.
			rec := get(t, s.Handler(), "GET", tt.target)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d", tt.target, rec.Code)
			}
			h := rec.Header()
			if h.Get("Content-Type") != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", h.Get("Content-Type"), tt.contentType)
			}
			if h.Get("Content-Security-Policy") != "default-src 'self'" {
				t.Errorf("Content-Security-Policy = %q", h.Get("Content-Security-Policy"))
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q", h.Get("X-Content-Type-Options"))
			}
			if !strings.Contains(rec.Body.String(), tt.contains) {
				t.Errorf("GET %s lacks %q", tt.target, tt.contains)
			}
		})
	}
	// The CSP forbids inline code, so the page must have none.
	page := get(t, s.Handler(), "GET", "/").Body.String()
	for _, bad := range []string{"<style", "<script>", " style=", " onclick=", "http://", "https://"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q, which the CSP or the no-external-hosts rule forbids", bad)
		}
	}
}

// TestPageBundle checks that the page's own script and stylesheet, as
// index.html names them, are the committed bundle (server/ui/dist) served
// from the binary: what a plain `go build` or `go install` gives, with no
// Node.js and no "run make ui" page. Each carries an ETag, and a browser
// holding it gets 304 Not Modified.
func TestPageBundle(t *testing.T) {
	s, _, _ := newTestServer(t)
	page := get(t, s.Handler(), "GET", "/").Body.String()
	if strings.Contains(strings.ToLower(page), "make ui") {
		t.Errorf("the page asks for make ui: %s", page)
	}
	refs := regexp.MustCompile(`(?:src|href)="(/ui/[^"]+)"`).FindAllStringSubmatch(page, -1)
	names := map[string]bool{}
	for _, r := range refs {
		names[r[1]] = true
	}
	for _, want := range []string{"/ui/app.js", "/ui/style.css"} {
		if !names[want] {
			t.Errorf("the page does not load %s; it loads %v", want, refs)
		}
	}
	for target := range names {
		rec := get(t, s.Handler(), "GET", target)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s = %d", target, rec.Code)
			continue
		}
		name := strings.TrimPrefix(target, "/ui/")
		if name == "app.js" || name == "style.css" {
			want, err := os.ReadFile(filepath.Join("ui", "dist", name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rec.Body.Bytes(), want) {
				t.Errorf("GET %s is not ui/dist/%s (%d bytes, want %d)", target, name, rec.Body.Len(), len(want))
			}
		}
		tag := rec.Header().Get("ETag")
		if tag == "" {
			t.Errorf("GET %s has no ETag", target)
			continue
		}
		req := httptest.NewRequest("GET", target, nil)
		req.Header.Set("If-None-Match", tag)
		again := httptest.NewRecorder()
		s.Handler().ServeHTTP(again, req)
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Errorf("GET %s with If-None-Match %s = %d with %d bytes, want 304 and none", target, tag, again.Code, again.Body.Len())
		}
	}
	if js := get(t, s.Handler(), "GET", "/ui/app.js").Body.Len(); js < 100_000 {
		t.Errorf("the bundle is %d bytes: not the explorer with Cytoscape.js", js)
	}
}

func TestAccessLog(t *testing.T) {
	s, _, log := newTestServer(t)
	get(t, s.Handler(), "GET", "/healthz")
	if l := log.String(); !strings.Contains(l, "path=/healthz") || !strings.Contains(l, "status=200") {
		t.Errorf("access log = %q, want path and status", l)
	}
}
