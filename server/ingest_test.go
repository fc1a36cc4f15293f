package server

import (
	"bytes"
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"accord/data"
	"accord/graph"
	"accord/loader"
)

// lexiconOnce loads the embedded vocabulary once for the ingest tests.
var lexiconOnce = sync.OnceValues(func() (*loader.Lexicon, error) { return loader.LoadLexicon(data.FS) })

// loaderIngest is the ingest function cmd wires: the loader's Read and
// Extract with the embedded vocabulary.
func loaderIngest(t testing.TB) IngestFunc {
	t.Helper()
	lx, err := lexiconOnce()
	if err != nil {
		t.Fatalf("LoadLexicon: %v", err)
	}
	return func(ctx context.Context, name string, body []byte) (graph.DocumentGraph, error) {
		src, err := loader.Read(name, body)
		if err != nil {
			return graph.DocumentGraph{}, err
		}
		return lx.Extract(src, nil), nil
	}
}

// corpusFile returns a document of the seed corpus.
func corpusFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "data", "corpus", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// multipartBody builds a multipart/form-data body of files (name, content)
// and extra plain fields, and returns it with its content type.
func multipartBody(t *testing.T, files [][2]string, fields ...string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="documents"; filename="`+f[0]+`"`)
		h.Set("Content-Type", "text/plain")
		pw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		pw.Write([]byte(f[1]))
	}
	for _, name := range fields {
		w.WriteField(name, "value")
	}
	w.Close()
	return b.String(), w.FormDataContentType()
}

// ingestJSON is the answer of POST /api/v1/documents.
type ingestJSON struct {
	Documents []struct {
		ID       string `json:"id"`
		Result   string `json:"result"`
		Facts    int    `json:"facts"`
		Entities int    `json:"entities"`
	} `json:"documents"`
	Added, Replaced, Unchanged int
}

func TestIngestDocument(t *testing.T) {
	s, st, _ := newGuarded(t, Options{Token: testToken, Ingest: loaderIngest(t)})
	auth := "Authorization: Bearer " + testToken
	article := corpusFile(t, "000_07c47bb91c1a6340.txt")
	const changed = "Justin Trudeau met Joe Biden in Ottawa on Friday.\n\nThe two leaders discussed the Safe Third Country Agreement."
	tests := []struct {
		name, target, contentType, body string
		headers                         []string
		status                          int
		id, result                      string // of the stored document
		detail                          string // part of a problem's detail
	}{
		{"new", "/api/v1/documents?name=article.txt", "text/plain; charset=utf-8", article, nil, 201, "article.txt", "added", ""},
		{"same again", "/api/v1/documents?name=article.txt", "text/plain", article, nil, 200, "article.txt", "unchanged", ""},
		{"new content", "/api/v1/documents?name=article.txt", "text/plain", changed, nil, 200, "article.txt", "replaced", ""},
		{"named by disposition", "/api/v1/documents", "text/markdown", "# Summit\n\n" + changed, []string{`Content-Disposition: attachment; filename="summit.md"`}, 201, "summit.md", "added", ""},
		{"unnamed", "/api/v1/documents", "text/plain", changed + " Again.", nil, 201, "", "added", ""},
		{"html", "/api/v1/documents?name=page.html", "text/html", "<html><body><p>" + changed + "</p></body></html>", nil, 201, "page.html", "added", ""},
		{"folder in name", "/api/v1/documents?name=a/b.txt", "text/plain", changed, nil, 400, "", "", "folders"},
		{"traversal in name", "/api/v1/documents?name=..%2F..%2Fetc%2Fpasswd", "text/plain", changed, nil, 400, "", "", "folders"},
		{"hidden name", "/api/v1/documents?name=.env", "text/plain", changed, nil, 400, "", "", "dot"},
		{"control in name", "/api/v1/documents?name=a%00.txt", "text/plain", changed, nil, 400, "", "", "control"},
		{"long name", "/api/v1/documents?name=" + strings.Repeat("a", 300) + ".txt", "text/plain", changed, nil, 400, "", "", "255"},
		{"unsupported type", "/api/v1/documents?name=report.pdf", "text/plain", changed, nil, 422, "", "", "unsupported file type"},
		{"empty", "/api/v1/documents?name=empty.txt", "text/plain", "  \n ", nil, 422, "", "", "empty document"},
		{"binary", "/api/v1/documents?name=bin.txt", "text/plain", "\x00\x01\x02\x03binary\x00\x00", nil, 422, "", "", "binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := st.Stats(context.Background())
			rec := serve(s.Handler(), request("POST", tt.target, tt.contentType, tt.body, append(tt.headers, auth)...))
			if tt.status >= 400 {
				p := checkProblem(t, rec, tt.status, "/api/v1/documents")
				if !strings.Contains(p.Detail, tt.detail) {
					t.Errorf("detail = %q, want %q in it", p.Detail, tt.detail)
				}
				if after, _ := st.Stats(context.Background()); after != before {
					t.Errorf("a refused document changed the store: %+v, was %+v", after, before)
				}
				return
			}
			if rec.Code != tt.status {
				t.Fatalf("POST %s = %d, want %d; body %s", tt.target, rec.Code, tt.status, rec.Body)
			}
			var got ingestJSON
			decode(t, rec, &got)
			if len(got.Documents) != 1 || got.Documents[0].Result != tt.result {
				t.Fatalf("answer = %+v, want one document %s", got, tt.result)
			}
			id := got.Documents[0].ID
			if tt.id != "" && id != tt.id {
				t.Errorf("id = %q, want %q", id, tt.id)
			}
			if tt.id == "" && (!strings.HasPrefix(id, "doc-") || !strings.HasSuffix(id, ".txt")) {
				t.Errorf("unnamed document got id %q, want doc-HASH.txt", id)
			}
			if loc := rec.Header().Get("Location"); tt.status == 201 && loc != "/api/v1/documents/"+id {
				t.Errorf("Location = %q", loc)
			}
			if tt.result != "unchanged" && got.Documents[0].Facts == 0 {
				t.Errorf("%s: no facts extracted", id)
			}
			var doc struct {
				ID    string     `json:"id"`
				Facts []factJSON `json:"facts"`
			}
			decode(t, get(t, s.Handler(), "GET", "/api/v1/documents/"+id), &doc)
			if doc.ID != id || len(doc.Facts) == 0 {
				t.Errorf("GET the ingested document = %s with %d facts", doc.ID, len(doc.Facts))
			}
		})
	}
}

func TestIngestBatch(t *testing.T) {
	s, st, _ := newGuarded(t, Options{Token: testToken, Ingest: loaderIngest(t)})
	auth := "Authorization: Bearer " + testToken
	one, two := corpusFile(t, "001_70191b54814e684f.txt"), corpusFile(t, "002_aba5ecb4ee03d776.txt")
	tests := []struct {
		name   string
		files  [][2]string
		fields []string
		status int
		detail string
	}{
		{"one bad sinks the batch", [][2]string{{"x1.txt", one}, {"x2.pdf", two}, {"x3.txt", ""}}, nil, 422, "2 of 3 documents"},
		{"plain field", [][2]string{{"x1.txt", one}}, []string{"comment"}, 400, "not a file"},
		{"twice the same name", [][2]string{{"x1.txt", one}, {"x1.txt", two}}, nil, 400, "twice"},
		{"bad name", [][2]string{{".x1.txt", one}}, nil, 400, "dot"},
		{"no file", nil, nil, 400, "no file"},
		{"two documents", [][2]string{{"x1.txt", one}, {"x2.txt", two}}, nil, 200, ""},
		{"again, unchanged", [][2]string{{"x1.txt", one}, {"x2.txt", two}}, nil, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := st.Stats(context.Background())
			body, ct := multipartBody(t, tt.files, tt.fields...)
			rec := serve(s.Handler(), request("POST", "/api/v1/documents", ct, body, auth))
			if tt.status != 200 {
				p := checkProblem(t, rec, tt.status, "/api/v1/documents")
				if !strings.Contains(p.Detail, tt.detail) {
					t.Errorf("detail = %q, want %q in it", p.Detail, tt.detail)
				}
				if after, _ := st.Stats(context.Background()); after != before {
					t.Errorf("a refused batch changed the store: %+v, was %+v", after, before)
				}
				return
			}
			var got ingestJSON
			decode(t, rec, &got)
			if len(got.Documents) != 2 || got.Added+got.Unchanged != 2 {
				t.Errorf("answer = %+v, want two documents", got)
			}
		})
	}
	docs, _ := st.DocumentList(context.Background())
	if len(docs) != 4 {
		t.Errorf("store holds %d documents, want the fixture's 2 and the batch's 2", len(docs))
	}
}

func TestIngestProblems(t *testing.T) {
	tests := []struct {
		name   string
		ingest IngestFunc
		status int
		detail string
	}{
		{"not configured", nil, 501, "not configured"},
		{"panic", func(context.Context, string, []byte) (graph.DocumentGraph, error) { panic("extractor bug") }, 422, "has been logged"},
		{"failure", func(context.Context, string, []byte) (graph.DocumentGraph, error) {
			return graph.DocumentGraph{}, errors.New("loader: document too large")
		}, 422, `"a.txt": document too large`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, log := newGuarded(t, Options{Token: testToken, Ingest: tt.ingest})
			rec := serve(s.Handler(), request("POST", "/api/v1/documents?name=a.txt", "text/plain", "text", "Authorization: Bearer "+testToken))
			p := checkProblem(t, rec, tt.status, "/api/v1/documents")
			if !strings.Contains(p.Detail, tt.detail) || strings.Contains(rec.Body.String(), "goroutine") {
				t.Errorf("detail = %q, want %q in it", p.Detail, tt.detail)
			}
			if tt.name == "panic" && !strings.Contains(log.String(), "extractor bug") {
				t.Errorf("the panic is not logged: %s", log)
			}
		})
	}
}

func TestImportRoute(t *testing.T) {
	s, st, _ := newGuarded(t, Options{Token: testToken})
	auth := "Authorization: Bearer " + testToken
	ctx := context.Background()
	doc := `<http://accord.local/entity/ottawa> <http://schema.org/name> "Ottawa" <http://accord.local/entities> .
<http://accord.local/entity/ottawa> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://accord.local/ns#Place> <http://accord.local/entities> .
`
	tests := []struct {
		name, body string
		status     int
		detail     string
		quads      int
	}{
		{"good", doc, 200, "", 2},
		{"bad second line", doc[:strings.Index(doc, "\n")+1] + "<http://x/a> <http://x/b> .\n", 422, "line 2", 0},
		{"not n-quads", "{\"json\": true}", 422, "line 1", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := st.Stats(ctx)
			rec := serve(s.Handler(), request("POST", "/api/v1/import", nquadsType, tt.body, auth))
			if tt.status != 200 {
				p := checkProblem(t, rec, tt.status, "/api/v1/import")
				if !strings.Contains(p.Detail, tt.detail) || !strings.Contains(p.Detail, "nothing was imported") {
					t.Errorf("detail = %q, want %q and nothing imported", p.Detail, tt.detail)
				}
				if after, _ := st.Stats(ctx); after != before {
					t.Errorf("a refused import changed the store: %+v, was %+v", after, before)
				}
				return
			}
			var got struct{ Quads int }
			decode(t, rec, &got)
			if rec.Code != 200 || got.Quads != tt.quads {
				t.Errorf("import = %d %+v, want 200 and %d quads", rec.Code, got, tt.quads)
			}
		})
	}
	if e, err := st.Entity(ctx, "ottawa"); err != nil || e.Name != "Ottawa" {
		t.Errorf("imported entity = %+v, %v", e, err)
	}
}

func TestForgetRoute(t *testing.T) {
	s, st, _ := newGuarded(t, Options{Token: testToken})
	auth := "Authorization: Bearer " + testToken
	tests := []struct {
		id     string
		status int
	}{
		{"b.txt", http.StatusNoContent},
		{"b.txt", http.StatusNotFound}, // already forgotten
		{"missing.txt", http.StatusNotFound},
	}
	for _, tt := range tests {
		rec := serve(s.Handler(), request("DELETE", "/api/v1/documents/"+tt.id, "", "", auth))
		if tt.status == http.StatusNoContent {
			if rec.Code != tt.status || rec.Body.Len() != 0 {
				t.Errorf("DELETE %s = %d %q, want 204 and no body", tt.id, rec.Code, rec.Body)
			}
			continue
		}
		checkProblem(t, rec, tt.status, "/api/v1/documents/"+tt.id)
	}
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/documents/b.txt"), http.StatusNotFound, "/api/v1/documents/b.txt")
	if docs, _ := st.DocumentList(context.Background()); len(docs) != 1 || docs[0].ID != "a.txt" {
		t.Errorf("documents after forget = %+v, want a.txt only", docs)
	}
}
