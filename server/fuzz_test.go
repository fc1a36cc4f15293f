package server

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"accord/graph"
)

// fuzzRoutes are the read routes whose query parameters FuzzQueryParams
// varies; ID stands for the fuzzed path parameter.
var fuzzRoutes = []string{
	"/api/v1/entities",
	"/api/v1/entities/ID",
	"/api/v1/entities/ID/neighbors",
	"/api/v1/facts",
	"/api/v1/path",
	"/api/v1/documents",
	"/api/v1/documents/ID",
	"/api/v1/conflicts",
	"/api/v1/export",
	"/api/v1/queries/ID",
	"/api/v1/entities/ID/neighbors/groups",
	"/api/v1/entities/ID/neighbors/members",
}

// FuzzQueryParams sends random query strings and path parameters to the
// read routes and checks that the answer is never a 5xx, and is always
// JSON or a problem (or, for a successful export, its format).
// Seeds: testdata/fuzz/FuzzQueryParams.
func FuzzQueryParams(f *testing.F) {
	seeds := []struct {
		route     uint8
		id, query string
	}{
		{0, "", "q=biden&limit=5&type=Person,Country"},
		{1, "joe-biden", "limit=1"},
		{2, "joe-biden", "depth=3&predicate=met,pledged&modality=reported&since=2023&until=2023-03-24&limit=5000"},
		{3, "", `object="$4.9 billion"&cursor=abc&limit=0`},
		{4, "", "from=Biden&to=canada&max_depth=10&k=20&exclude=trudeau,,x"},
		{6, "a.txt", "limit=1&cursor=%ff"},
		{7, "", "subject=Trudeau&predicate=met"},
		{8, "", "format=graphml&entity=joe-biden&depth=3"},
		{9, "who-met-whom", "actor=Canada&since=1999"},
	}
	for _, s := range seeds {
		f.Add(s.route, s.id, s.query)
	}
	ctx := context.Background()
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	for _, dg := range fixture() {
		if _, err := st.Put(ctx, dg); err != nil {
			f.Fatal(err)
		}
	}
	s := New(st, Options{})
	f.Fuzz(func(t *testing.T, route uint8, id, query string) {
		target := fuzzRoutes[int(route)%len(fuzzRoutes)]
		req := httptest.NewRequest("GET", "/", nil)
		req.URL = &url.URL{Path: strings.Replace(target, "ID", id, 1), RawQuery: query}
		req.RequestURI = req.URL.RequestURI()
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s = %d: %s", req.RequestURI, rec.Code, rec.Body)
		}
		ct := rec.Header().Get("Content-Type")
		mt, _, _ := mime.ParseMediaType(ct)
		switch {
		case mt == "application/json" || mt == problemType:
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("GET %s = %d %s: invalid JSON %q", req.RequestURI, rec.Code, ct, rec.Body)
			}
			if mt == problemType && rec.Code < 400 {
				t.Fatalf("GET %s = %d with a problem", req.RequestURI, rec.Code)
			}
		case rec.Code == http.StatusOK && target == "/api/v1/export" && isExportType(ct):
		default:
			t.Fatalf("GET %s = %d with Content-Type %q", req.RequestURI, rec.Code, ct)
		}
	})
}

// isExportType reports whether ct is the media type of an export format.
func isExportType(ct string) bool {
	for _, t := range graph.Formats {
		if ct == t {
			return true
		}
	}
	return false
}
