package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// testToken is the write token of the guarded test servers.
const testToken = "s3cret-token-for-tests"

// newGuarded returns a server over the fixture with opts, logging to the
// returned buffer.
func newGuarded(t *testing.T, opts Options) (*Server, *graph.Store, *bytes.Buffer) {
	t.Helper()
	st := openStore(t)
	var log bytes.Buffer
	opts.Logger = slog.New(slog.NewTextHandler(&log, nil))
	return New(st, opts), st, &log
}

// request builds a request with a body, a content type and headers given
// as "Name: value" strings.
func request(method, target, contentType, body string, headers ...string) *http.Request {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(k, strings.TrimSpace(v))
	}
	return req
}

// serve sends req through h.
func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// writeRequests are one request to each write route, with the status it
// gets when authorized.
var writeRequests = []struct {
	method, target, contentType, body string
	ok                                int
}{
	{"POST", "/api/v1/documents?name=w.txt", "text/plain", "Canada pledged money.", http.StatusNotImplemented}, // no Ingest in these servers
	{"POST", "/api/v1/import", "application/n-quads", "<http://x/a> <http://x/b> <http://x/c> <http://x/g> .\n", http.StatusOK},
	{"DELETE", "/api/v1/documents/b.txt", "", "", http.StatusNoContent},
	{"POST", "/api/v1/corrections", "application/json", `{"kind":"rename","entity":"canada","name":"Canada (federal)","who":"ana"}`, http.StatusCreated},
	{"POST", "/api/v1/corrections/0123456789abcdef/undo", "application/json", `{"who":"ana"}`, http.StatusNotFound},
}

func TestWritesDisabledWithoutToken(t *testing.T) {
	s, st, _ := newGuarded(t, Options{})
	before, _ := st.Stats(context.Background())
	for _, w := range writeRequests {
		t.Run(w.method+" "+w.target, func(t *testing.T) {
			rec := serve(s.Handler(), request(w.method, w.target, w.contentType, w.body, "Authorization: Bearer "+testToken))
			p := checkProblem(t, rec, http.StatusForbidden, strings.Split(w.target, "?")[0])
			if p.Detail != detailWritesOff {
				t.Errorf("detail = %q", p.Detail)
			}
		})
	}
	if after, _ := st.Stats(context.Background()); after != before {
		t.Errorf("store changed by refused writes: %+v, was %+v", after, before)
	}
}

func TestWriteToken(t *testing.T) {
	tests := []struct {
		name, auth string
		status     int
		challenge  string // WWW-Authenticate
	}{
		{"no header", "", 401, `Bearer realm="accord"`},
		{"empty bearer", "Bearer ", 401, `Bearer realm="accord"`},
		{"basic scheme", "Basic " + testToken, 401, `Bearer realm="accord"`},
		{"wrong token", "Bearer wrong", 401, `Bearer realm="accord", error="invalid_token"`},
		{"token prefix", "Bearer " + testToken[:5], 401, `Bearer realm="accord", error="invalid_token"`},
		{"token and more", "Bearer " + testToken + "x", 401, `Bearer realm="accord", error="invalid_token"`},
		{"right token", "Bearer " + testToken, 0, ""},
		{"scheme any case", "bearer " + testToken, 0, ""},
	}
	for _, w := range writeRequests {
		for _, tt := range tests {
			t.Run(w.method+" "+w.target+"/"+tt.name, func(t *testing.T) {
				s, _, _ := newGuarded(t, Options{Token: testToken})
				var hs []string
				if tt.auth != "" {
					hs = append(hs, "Authorization: "+tt.auth)
				}
				rec := serve(s.Handler(), request(w.method, w.target, w.contentType, w.body, hs...))
				if tt.status == 0 {
					if rec.Code != w.ok {
						t.Errorf("%s %s = %d, want %d; body %s", w.method, w.target, rec.Code, w.ok, rec.Body)
					}
					return
				}
				checkProblem(t, rec, tt.status, strings.Split(w.target, "?")[0])
				if got := rec.Header().Get("WWW-Authenticate"); got != tt.challenge {
					t.Errorf("WWW-Authenticate = %q, want %q", got, tt.challenge)
				}
			})
		}
	}
}

func TestTokenMatches(t *testing.T) {
	tok := newToken("abc123")
	tests := []struct {
		guess string
		want  bool
	}{
		{"abc123", true}, {"abc12", false}, {"abc1234", false}, {"", false}, {"ABC123", false}, {"xyz123", false},
	}
	for _, tt := range tests {
		if got := tok.matches(tt.guess); got != tt.want {
			t.Errorf("matches(%q) = %v, want %v", tt.guess, got, tt.want)
		}
	}
	if newToken("") != nil {
		t.Errorf("newToken(\"\") is not nil: writes would be enabled without a token")
	}
}

func TestRateLimit(t *testing.T) {
	s, _, _ := newGuarded(t, Options{Limits: Limits{RateLimit: 2, RateBurst: 3}})
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s.guard.now = func() time.Time { return now }
	from := func(ip string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/healthz", nil)
		req.RemoteAddr = ip + ":1234"
		req.Header.Set("X-Forwarded-For", "10.9.8.7") // must not be trusted
		return serve(s.Handler(), req)
	}
	steps := []struct {
		advance time.Duration
		ip      string
		status  int
		retry   string
	}{
		{0, "192.0.2.1", 200, ""},
		{0, "192.0.2.1", 200, ""},
		{0, "192.0.2.1", 200, ""},
		{0, "192.0.2.1", 429, "1"}, // burst spent
		{0, "192.0.2.2", 200, ""},  // another client has its own bucket
		{0, "2001:db8::1", 200, ""},
		{250 * time.Millisecond, "192.0.2.1", 429, "1"}, // half a token
		{250 * time.Millisecond, "192.0.2.1", 200, ""},  // one token at 2/s
		{0, "192.0.2.1", 429, "1"},
		{10 * time.Second, "192.0.2.1", 200, ""}, // refilled to the burst, not beyond
		{0, "192.0.2.1", 200, ""},
		{0, "192.0.2.1", 200, ""},
		{0, "192.0.2.1", 429, "1"},
	}
	for i, st := range steps {
		now = now.Add(st.advance)
		rec := from(st.ip)
		if rec.Code != st.status {
			t.Fatalf("step %d: GET /healthz from %s = %d, want %d; body %s", i, st.ip, rec.Code, st.status, rec.Body)
		}
		if st.status == 429 {
			checkProblem(t, rec, 429, "/healthz")
			if got := rec.Header().Get("Retry-After"); got != st.retry {
				t.Errorf("step %d: Retry-After = %q, want %q", i, got, st.retry)
			}
		}
	}
}

func TestRateLimiterSweep(t *testing.T) {
	l := newRateLimiter(10, 20)
	now := time.Now()
	for _, ip := range []string{"a", "b", "c"} {
		l.allow(ip, now)
	}
	l.allow("a", now.Add(90*time.Second)) // sweeps b and c (refilled after 2 s), keeps a
	if len(l.buckets) != 1 || l.buckets["a"] == nil {
		t.Errorf("after a sweep, buckets = %v, want only a", l.buckets)
	}
}

func TestRateLimitOff(t *testing.T) {
	s, _, _ := newGuarded(t, Options{})
	for i := 0; i < 500; i++ {
		if rec := get(t, s.Handler(), "GET", "/healthz"); rec.Code != 200 {
			t.Fatalf("request %d = %d with the rate limit off", i, rec.Code)
		}
	}
}

func TestCORS(t *testing.T) {
	const origin = "https://analyst.example"
	preflight := func(o string) []string {
		return []string{"Origin: " + o, "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: authorization"}
	}
	tests := []struct {
		name       string
		cors       string
		method     string
		headers    []string
		status     int
		allow      string // Access-Control-Allow-Origin
		allowMeths string
	}{
		{"off, no origin", "", "GET", nil, 200, "", ""},
		{"off, cross-origin GET", "", "GET", []string{"Origin: " + origin}, 200, "", ""},
		{"off, preflight", "", "OPTIONS", preflight(origin), 405, "", ""},
		{"on, same origin GET", origin, "GET", nil, 200, "", ""},
		{"on, allowed GET", origin, "GET", []string{"Origin: " + origin}, 200, origin, ""},
		{"on, other GET", origin, "GET", []string{"Origin: https://evil.example"}, 200, "", ""},
		{"on, allowed preflight", origin, "OPTIONS", preflight(origin), 204, origin, corsMethods},
		{"on, other preflight", origin, "OPTIONS", preflight("https://evil.example"), 403, "", ""},
		{"on, origin with trailing slash configured", origin + "/", "GET", []string{"Origin: " + origin}, 200, origin, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, _ := newGuarded(t, Options{CORSOrigin: tt.cors})
			rec := serve(s.Handler(), request(tt.method, "/api/v1/entities?q=biden", "", "", tt.headers...))
			if rec.Code != tt.status {
				t.Fatalf("%s = %d, want %d; body %s", tt.method, rec.Code, tt.status, rec.Body)
			}
			if rec.Code >= 400 {
				checkProblem(t, rec, tt.status, "/api/v1/entities")
			}
			h := rec.Header()
			if got := h.Get("Access-Control-Allow-Origin"); got != tt.allow {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.allow)
			}
			if got := h.Get("Access-Control-Allow-Methods"); got != tt.allowMeths {
				t.Errorf("Access-Control-Allow-Methods = %q, want %q", got, tt.allowMeths)
			}
			if tt.cors == "" && h.Get("Access-Control-Allow-Credentials") != "" {
				t.Errorf("credentials allowed with CORS off")
			}
		})
	}
}

// TestSecurityHeaders checks that every kind of answer carries the
// headers that keep the page to its own assets.
func TestSecurityHeaders(t *testing.T) {
	s, _, _ := newGuarded(t, Options{Limits: Limits{RateLimit: 1, RateBurst: 1}})
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "no-referrer",
	}
	for _, tt := range []struct{ method, target string }{
		{"GET", "/"}, {"GET", "/ui/app.js"}, {"GET", "/api/v1/entities?q=biden"}, {"GET", "/nowhere"},
		{"POST", "/api/v1/import"}, {"GET", "/healthz"}, // the last one is past the rate limit
	} {
		rec := get(t, s.Handler(), tt.method, tt.target)
		for k, v := range want {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s %s (%d): %s = %q, want %q", tt.method, tt.target, rec.Code, k, got, v)
			}
		}
	}
}

// TestNoTraversal checks that the file-serving routes serve the embedded
// assets and nothing else: no folder listing, no escape from ui/.
func TestNoTraversal(t *testing.T) {
	s, _, _ := newGuarded(t, Options{})
	for _, target := range []string{
		"/ui/", "/ui", "/ui/dist", "/ui/dist/", "/ui/dist/app.js", "/ui/src/app.js",
		"/ui/../server.go", "/ui/..%2fserver.go", "/ui/%2e%2e/ui.go", "/ui/..%2f..%2fgo.mod",
		"/ui/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/ui/....//server.go", "/ui/.%2e/ui.go",
		"/ui/index.html%00.js", "/ui/..\\server.go", "/ui/package.json", "/ui/node_modules",
		"/../../etc/passwd", "//etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/ui/.js", "/ui/..js",
	} {
		t.Run(target, func(t *testing.T) {
			rec := get(t, s.Handler(), "GET", target)
			if rec.Code == http.StatusOK {
				t.Fatalf("GET %s = 200; body starts %.80q", target, rec.Body)
			}
			if rec.Code >= 500 || rec.Header().Get("Content-Type") != problemType {
				t.Errorf("GET %s = %d %q, want a 4xx problem", target, rec.Code, rec.Header().Get("Content-Type"))
			}
			for _, leak := range []string{"package server", "root:", "module accord", "<a href"} {
				if strings.Contains(rec.Body.String(), leak) {
					t.Errorf("GET %s leaks %q", target, leak)
				}
			}
		})
	}
}

func TestContentTypes(t *testing.T) {
	s, _, _ := newGuarded(t, Options{Token: testToken, Ingest: func(context.Context, string, []byte) (graph.DocumentGraph, error) {
		return graph.DocumentGraph{}, nil
	}})
	auth := "Authorization: Bearer " + testToken
	tests := []struct {
		target, contentType string
		status              int
	}{
		{"/api/v1/documents?name=a.txt", "application/json", 415},
		{"/api/v1/documents?name=a.txt", "", 415},
		{"/api/v1/documents?name=a.txt", "image/png", 415},
		{"/api/v1/documents?name=a.txt", "text/", 415},
		{"/api/v1/documents?name=a.txt", "application/x-www-form-urlencoded", 415},
		{"/api/v1/import", "text/plain", 415},
		{"/api/v1/import", "application/json", 415},
		{"/api/v1/import", "", 415},
		{"/api/v1/query/gizmo", "multipart/form-data; boundary=x", 415},
		{"/api/v1/query/gizmo", "application/x-www-form-urlencoded", 415},
		{"/api/v1/query/gizmo", "image/png", 415},
		{"/api/v1/import", "application/n-quads; charset=utf-8", 200},
		{"/api/v1/import", "text/x-nquads", 200},
		{"/api/v1/query/gizmo", "", 200},
		{"/api/v1/query/gizmo", "text/javascript; charset=utf-8", 200},
	}
	for _, tt := range tests {
		t.Run(tt.target+" "+tt.contentType, func(t *testing.T) {
			body := "g.V().All()"
			if strings.Contains(tt.target, "import") {
				body = "<http://x/a> <http://x/b> <http://x/c> <http://x/g> .\n"
			}
			rec := serve(s.Handler(), request("POST", tt.target, tt.contentType, body, auth))
			if tt.status != 415 {
				if rec.Code != tt.status {
					t.Errorf("POST %s (%s) = %d, want %d; body %s", tt.target, tt.contentType, rec.Code, tt.status, rec.Body)
				}
				return
			}
			p := checkProblem(t, rec, 415, strings.Split(tt.target, "?")[0])
			if !strings.Contains(p.Detail, "takes") || rec.Header().Get("Accept-Post") == "" {
				t.Errorf("415 detail %q, Accept-Post %q: want the accepted types", p.Detail, rec.Header().Get("Accept-Post"))
			}
		})
	}
}

func TestBodyLimits(t *testing.T) {
	s, st, _ := newGuarded(t, Options{Token: testToken, Limits: Limits{MaxIngestBody: 1000}})
	auth := "Authorization: Bearer " + testToken
	big := strings.Repeat("<http://x/a> <http://x/b> <http://x/c> <http://x/g> .\n", 100)
	script := "g.V().All() //" + strings.Repeat("x", maxGizmoBody)
	tests := []struct {
		name, target, contentType, body string
		chunked                         bool // no Content-Length: the limit is met while reading
	}{
		{"import with length", "/api/v1/import", nquadsType, big, false},
		{"import chunked", "/api/v1/import", nquadsType, big, true},
		{"gizmo with length", "/api/v1/query/gizmo", "application/javascript", script, false},
		{"gizmo chunked", "/api/v1/query/gizmo", "application/javascript", script, true},
	}
	before, _ := st.Stats(context.Background())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := request("POST", tt.target, tt.contentType, tt.body, auth)
			if tt.chunked {
				req.ContentLength = -1
				req.Body = io.NopCloser(strings.NewReader(tt.body))
			}
			p := checkProblem(t, serve(s.Handler(), req), http.StatusRequestEntityTooLarge, tt.target)
			if !strings.Contains(p.Detail, "limit") {
				t.Errorf("413 detail %q does not name the limit", p.Detail)
			}
		})
	}
	if after, _ := st.Stats(context.Background()); after != before {
		t.Errorf("store changed by refused bodies: %+v, was %+v", after, before)
	}
}

// TestRequestTimeout checks that a request past its deadline is a 503
// problem with Retry-After, not a dropped connection.
func TestRequestTimeout(t *testing.T) {
	s, _, _ := newGuarded(t, Options{Limits: Limits{RequestTimeout: 50 * time.Millisecond}})
	s.router.GET("/api/v1/slow", func(c *gin.Context) {
		<-c.Request.Context().Done()
		s.writeError(c, c.Request.Context().Err())
	})
	rec := get(t, s.Handler(), "GET", "/api/v1/slow")
	p := checkProblem(t, rec, http.StatusServiceUnavailable, "/api/v1/slow")
	if !strings.Contains(p.Detail, "longer than") || rec.Header().Get("Retry-After") == "" {
		t.Errorf("503 detail %q, Retry-After %q", p.Detail, rec.Header().Get("Retry-After"))
	}
}

// TestGizmoSandbox checks that Gizmo cannot write, reach outside the
// graph, run forever, return without bound or eat the memory.
func TestGizmoSandbox(t *testing.T) {
	s, st, _ := newGuarded(t, Options{GizmoTimeout: 500 * time.Millisecond})
	// A server whose queries may run long enough to use much memory.
	s2 := New(st, Options{GizmoTimeout: 20 * time.Second, Limits: Limits{GizmoMemory: 32 << 20}})
	ctx := context.Background()
	before, _ := st.Stats(ctx)
	tests := []struct {
		name, script, query string
		long                bool // on the server with the long time limit and the memory limit
		status              int
		detail              string // part of the problem's detail
		results             int    // for 200
	}{
		{"addQuad", `g.addQuad("<a>", "<b>", "<c>"); g.V().All()`, "", false, 400, "", 0},
		{"AddQuad", `g.AddQuad("<a>", "<b>", "<c>")`, "", false, 400, "", 0},
		{"write", `graph.Write([])`, "", false, 400, "", 0},
		{"path write", `g.V().Out().Write()`, "", false, 400, "", 0},
		{"remove", `g.V().RemoveQuad()`, "", false, 400, "", 0},
		{"require", `var fs = require("fs"); g.V().All()`, "", false, 400, "", 0},
		{"process", `process.exit(1)`, "", false, 400, "", 0},
		{"fetch", `fetch("http://127.0.0.1/")`, "", false, 400, "", 0},
		{"xhr", `new XMLHttpRequest()`, "", false, 400, "", 0},
		{"endless", `while (true) {}`, "", false, 422, "time limit", 0},
		{"endless after results", `g.V().ForEach(function(v) { while (true) {} })`, "", false, 422, "time limit", 0},
		{"memory", `var a = []; while (true) { a.push("xxxxxxxxxxxxxxxxxxxx" + a.length) }`, "", true, 422, "memory", 0},
		{"memory in one string", `var s = "x"; while (true) { s += s }`, "", true, 422, "memory", 0},
		// The cuts are about the result limit, so they run without the tight
		// time limit, which a slow or busy machine could reach first.
		{"huge result cut", `for (var i = 0; i < 100000000; i++) { g.Emit(i) }`, "limit=5", true, 200, "", 5},
		{"all cut", `g.V().All()`, "limit=3", true, 200, "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			h := s.Handler()
			if tt.long {
				h = s2.Handler()
			}
			rec := post(t, h, "/api/v1/query/gizmo?"+tt.query, "application/javascript", tt.script)
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("query ran %s", took)
			}
			if tt.status != 200 {
				p := checkProblem(t, rec, tt.status, "/api/v1/query/gizmo")
				if !strings.Contains(p.Detail, tt.detail) {
					t.Errorf("detail = %q, want %q in it", p.Detail, tt.detail)
				}
				return
			}
			var res graph.GizmoResult
			decode(t, rec, &res)
			if len(res.Results) != tt.results || !res.Truncated {
				t.Errorf("%d results, truncated %v; want %d, truncated", len(res.Results), res.Truncated, tt.results)
			}
		})
	}
	if after, _ := st.Stats(ctx); after != before {
		t.Errorf("Gizmo changed the store: %+v, was %+v", after, before)
	}
}

// TestGizmoSlots checks that a query finding every slot taken waits, and
// gives up with a 503 at its deadline rather than pile onto the CPUs.
func TestGizmoSlots(t *testing.T) {
	s, _, _ := newGuarded(t, Options{Limits: Limits{GizmoSlots: 1, RequestTimeout: 200 * time.Millisecond}})
	s.guard.gizmoSlots <- struct{}{} // a query is running
	start := time.Now()
	checkProblem(t, post(t, s.Handler(), "/api/v1/query/gizmo", "text/plain", "g.V().All()"), http.StatusServiceUnavailable, "/api/v1/query/gizmo")
	if took := time.Since(start); took < 200*time.Millisecond {
		t.Errorf("gave up after %s, before its deadline", took)
	}
	<-s.guard.gizmoSlots
	decode(t, post(t, s.Handler(), "/api/v1/query/gizmo", "text/plain", "g.V().All()"), &graph.GizmoResult{})
	if len(s.guard.gizmoSlots) != 0 {
		t.Errorf("a finished query kept its slot")
	}
}
