package server

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// TestAsOf asks each route that takes as_of about the day before and the
// day of the fixture's dated document (a.txt, 2023-03-24; its facts have
// no cue, so they hold from that day; b.txt is undated, so its facts hold
// on no day known), and checks a malformed day is a problem naming as_of.
func TestAsOf(t *testing.T) {
	s, _, _ := newTestServer(t)
	h := s.Handler()
	routes := []struct {
		name  string
		path  string
		count func(body map[string]any) int
	}{
		{"facts", "/api/v1/facts?predicate=met", func(b map[string]any) int { return len(b["facts"].([]any)) }},
		{"entity", "/api/v1/entities/joe-biden", func(b map[string]any) int {
			f := b["facts"].(map[string]any)
			return len(f["out"].(map[string]any)) + len(f["in"].(map[string]any))
		}},
		{"neighbors", "/api/v1/entities/joe-biden/neighbors", func(b map[string]any) int { return len(b["edges"].([]any)) }},
		{"groups", "/api/v1/entities/joe-biden/neighbors/groups", func(b map[string]any) int { return len(b["groups"].([]any)) }},
		{"path", "/api/v1/path?from=joe-biden&to=justin-trudeau", func(b map[string]any) int { return len(b["paths"].([]any)) }},
		{"named query", "/api/v1/queries/who-met-whom", func(b map[string]any) int { return len(b["rows"].([]any)) }},
	}
	for _, r := range routes {
		t.Run(r.name, func(t *testing.T) {
			with := func(day string) string {
				sep := "?"
				if strings.Contains(r.path, "?") {
					sep = "&"
				}
				return r.path + sep + "as_of=" + url.QueryEscape(day)
			}
			for _, tc := range []struct {
				day  string
				want int
			}{{"2023-03-23", 0}, {"2023-03-24", 1}} {
				rec := get(t, h, "GET", with(tc.day))
				if rec.Code != 200 {
					t.Fatalf("%s: %d %s", with(tc.day), rec.Code, rec.Body)
				}
				var body map[string]any
				decode(t, rec, &body)
				if got := r.count(body); got != tc.want {
					t.Errorf("%s: %d, want %d: %s", with(tc.day), got, tc.want, rec.Body)
				}
			}
			for _, bad := range []string{"2023-02-30", "2023-03", "yesterday"} {
				target := with(bad)
				p := checkProblem(t, get(t, h, "GET", target), 400, strings.SplitN(target, "?", 2)[0])
				if !strings.Contains(p.Detail, `"as_of"`) {
					t.Errorf("%s: detail %q does not name as_of", target, p.Detail)
				}
			}
		})
	}
}

// TestOpenAPIAsOf checks that the routes taking as_of describe it.
func TestOpenAPIAsOf(t *testing.T) {
	s, _, _ := newTestServer(t)
	var spec struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name string `json:"name"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	rec := get(t, s.Handler(), "GET", "/api/v1/openapi.json")
	if err := json.Unmarshal(rec.Body.Bytes(), &spec); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api/v1/facts", "/api/v1/entities/{id}", "/api/v1/entities/{id}/neighbors",
		"/api/v1/entities/{id}/neighbors/groups", "/api/v1/entities/{id}/neighbors/members", "/api/v1/path", "/api/v1/queries/{name}"} {
		found := false
		for _, par := range spec.Paths[p]["get"].Parameters {
			found = found || par.Name == "as_of"
		}
		if !found {
			t.Errorf("GET %s does not describe as_of", p)
		}
	}
}
