package server

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"accord/graph"
)

func TestEntityNeighbors(t *testing.T) {
	s, _, _ := newTestServer(t)
	tests := []struct {
		query  string
		status int
		nodes  string
		edges  string
	}{
		{"", 200, "joe-biden justin-trudeau", "joe-biden met justin-trudeau|justin-trudeau met joe-biden"},
		{"depth=2&predicate=met", 200, "joe-biden justin-trudeau", "joe-biden met justin-trudeau|justin-trudeau met joe-biden"},
		{"doc=b.txt", 200, "joe-biden justin-trudeau", "justin-trudeau met joe-biden"},
		{"modality=asserted", 200, "joe-biden justin-trudeau", "joe-biden met justin-trudeau"},
		{"since=2023-03&until=2023-03-31", 200, "joe-biden justin-trudeau", "joe-biden met justin-trudeau"},
		{"type=Country", 200, "joe-biden", ""},
		{"depth=4", 400, "", ""},
		{"type=Planet", 400, "", ""},
		{"modality=rumoured", 400, "", ""},
		{"since=yesterday", 400, "", ""},
		{"limit=0", 400, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			target := "/api/v1/entities/joe-biden/neighbors?" + tt.query
			rec := get(t, s.Handler(), "GET", target)
			if tt.status != 200 {
				checkProblem(t, rec, tt.status, "/api/v1/entities/joe-biden/neighbors")
				return
			}
			var nb graph.Neighborhood
			decode(t, rec, &nb)
			var nodes, edges []string
			for _, n := range nb.Nodes {
				nodes = append(nodes, n.ID)
			}
			for _, e := range nb.Edges {
				edges = append(edges, e.Source+" "+e.Predicate+" "+e.Target)
				if len(e.Evidence) == 0 || e.Evidence[0].Sentence == "" || len(e.Documents) == 0 {
					t.Errorf("edge without evidence: %+v", e)
				}
			}
			if strings.Join(nodes, " ") != tt.nodes || strings.Join(edges, "|") != tt.edges {
				t.Errorf("GET %s = nodes %q edges %q, want %q %q", target, nodes, edges, tt.nodes, tt.edges)
			}
		})
	}
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/entities/nobody/neighbors"), 404, "/api/v1/entities/nobody/neighbors")
}

func TestNeighborGroupRoutes(t *testing.T) {
	s, _, _ := newTestServer(t)
	const base = "/api/v1/entities/joe-biden/neighbors/"
	tests := []struct {
		target string
		status int
		want   string // groups, or member nodes and edges
	}{
		{"groups", 200, "2 facts: met both Person 1/2"},
		{"groups?modality=reported", 200, "1 facts: met both Person 1/1"},
		{"groups?predicate=visited", 200, "0 facts: "},
		{"groups?since=yesterday", 400, ""},
		{"members?predicate=met&direction=both", 200, "joe-biden justin-trudeau: joe-biden met justin-trudeau, justin-trudeau met joe-biden; more 0"},
		{"members?predicate=met&direction=both&type=Person&limit=1", 200, "joe-biden justin-trudeau: joe-biden met justin-trudeau, justin-trudeau met joe-biden; more 0"},
		{"members?predicate=met&direction=both&offset=1", 200, "joe-biden: ; more 0"},
		{"members?predicate=met&direction=both&doc=b.txt", 200, "joe-biden justin-trudeau: justin-trudeau met joe-biden; more 0"},
		{"members?predicate=met&direction=out", 200, "joe-biden: ; more 0"},
		{"members?direction=both", 400, ""},
		{"members?predicate=met,visited&direction=both", 400, ""},
		{"members?predicate=met", 400, ""},
		{"members?predicate=met&direction=sideways", 400, ""},
		{"members?predicate=met&direction=both&type=Planet", 400, ""},
		{"members?predicate=met&direction=both&type=Person,Country", 400, ""},
		{"members?predicate=met&direction=both&limit=0", 400, ""},
		{"members?predicate=met&direction=both&limit=501", 400, ""},
		{"members?predicate=met&direction=both&offset=-1", 400, ""},
		{"members?predicate=met&direction=both&modality=rumoured", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, s.Handler(), "GET", base+tt.target)
			route := base + strings.SplitN(tt.target, "?", 2)[0]
			if tt.status != 200 {
				checkProblem(t, rec, tt.status, route)
				return
			}
			var got string
			if strings.HasPrefix(tt.target, "groups") {
				var sum graph.NeighborSummary
				decode(t, rec, &sum)
				var gs []string
				for _, g := range sum.Groups {
					gs = append(gs, fmt.Sprintf("%s %s %s %d/%d", g.Predicate, g.Direction, g.Kind, g.Neighbors, g.Facts))
				}
				got = fmt.Sprintf("%d facts: %s", sum.Facts, strings.Join(gs, "|"))
				if sum.Center.ID != "joe-biden" || sum.Center.Name != "Joe Biden" {
					t.Errorf("centre = %+v", sum.Center)
				}
			} else {
				var p graph.GroupPage
				decode(t, rec, &p)
				var nodes, edges []string
				for _, n := range p.Nodes {
					nodes = append(nodes, n.ID)
				}
				for _, e := range p.Edges {
					edges = append(edges, e.Source+" "+e.Predicate+" "+e.Target)
					if len(e.Evidence) == 0 || e.Evidence[0].Sentence == "" {
						t.Errorf("edge without evidence: %+v", e)
					}
				}
				got = fmt.Sprintf("%s: %s; more %d", strings.Join(nodes, " "), strings.Join(edges, ", "), p.More)
			}
			if got != tt.want {
				t.Errorf("GET %s = %q, want %q", tt.target, got, tt.want)
			}
		})
	}
	checkProblem(t, get(t, s.Handler(), "GET", base[:len(base)-len("joe-biden/neighbors/")]+"nobody/neighbors/groups"), 404, "/api/v1/entities/nobody/neighbors/groups")
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/entities/nobody/neighbors/members?predicate=met&direction=both"), 404, "/api/v1/entities/nobody/neighbors/members")
}

func TestPathRoute(t *testing.T) {
	s, st, _ := newTestServer(t)
	// Two people share the alias "Trudeau" from here on.
	if _, err := st.Put(context.Background(), graph.DocumentGraph{
		Doc:      graph.Document{ID: "c.txt", Hash: "c1"},
		Entities: []graph.Entity{{ID: "sophie-gregoire-trudeau", Name: "Sophie Grégoire Trudeau", Aliases: []string{"Trudeau"}, Kind: graph.Person}},
		Facts: []graph.Fact{{Subject: "sophie-gregoire-trudeau", Predicate: "met", Object: graph.Object{Entity: "joe-biden"},
			Evidence: graph.Evidence{Sentence: "She met Biden.", Modality: graph.Asserted}}},
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query  string
		status int
		want   []string // paths as ids
	}{
		{"from=Joe%20Biden&to=justin-trudeau", 200, []string{"joe-biden justin-trudeau"}},
		{"from=justin-trudeau&to=Sophie%20Gregoire%20Trudeau", 200, []string{"justin-trudeau joe-biden sophie-gregoire-trudeau"}},
		{"from=joe-biden&to=canada", 200, []string{}},
		{"from=justin-trudeau&to=sophie-gregoire-trudeau&k=2&predicate=met", 200, []string{"justin-trudeau joe-biden sophie-gregoire-trudeau"}},
		{"from=justin-trudeau&to=sophie-gregoire-trudeau&exclude=Joe%20Biden", 200, []string{}},
		{"from=justin-trudeau&to=sophie-gregoire-trudeau&max_depth=1", 200, []string{}},
		{"from=Trudeau&to=canada", 409, nil},
		{"from=nobody&to=canada", 404, nil},
		{"to=canada", 400, nil},
		{"from=canada&to=joe-biden&k=0", 400, nil},
		{"from=canada&to=joe-biden&max_depth=11", 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := get(t, s.Handler(), "GET", "/api/v1/path?"+tt.query)
			if tt.status != 200 {
				p := checkProblem(t, rec, tt.status, "/api/v1/path")
				if tt.status == 409 {
					var body struct {
						Candidates []struct{ ID string } `json:"candidates"`
					}
					json.Unmarshal(rec.Body.Bytes(), &body)
					if len(body.Candidates) != 2 || !strings.Contains(p.Detail, "Trudeau") {
						t.Errorf("409 = %s, want the two candidates", rec.Body)
					}
				}
				return
			}
			var res graph.PathResult
			decode(t, rec, &res)
			got := []string{}
			for _, p := range res.Paths {
				var ids []string
				for _, n := range p.Nodes {
					ids = append(ids, n.ID)
				}
				got = append(got, strings.Join(ids, " "))
				for _, h := range p.Hops {
					if h.Predicate == "" || (h.Direction != "out" && h.Direction != "in") || len(h.Documents) == 0 || len(h.Evidence) == 0 {
						t.Errorf("hop lacks predicate, direction, documents or evidence: %+v", h)
					}
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("GET /api/v1/path?%s = %q, want %q", tt.query, got, tt.want)
			}
			if len(tt.want) == 0 && (res.Searched == 0 || res.Paths == nil) {
				t.Errorf("no path: %s, want an empty list and the depth searched", rec.Body)
			}
		})
	}
}

func TestFactScopeAndPages(t *testing.T) {
	s, _, _ := newTestServer(t)
	tests := []struct {
		query  string
		status int
		want   string
	}{
		{"predicate=met&modality=reported", 200, "justin-trudeau met joe-biden@b.txt"},
		{"modality=reported", 200, "justin-trudeau met joe-biden@b.txt"},
		{"predicate=met&since=2023-03-01", 200, "joe-biden met justin-trudeau@a.txt"},
		{"predicate=met&until=2022", 200, ""},
		{"predicate=met&since=soon", 400, ""},
		{"predicate=met&cursor=bogus", 400, ""},
		{"modality=reported,asserted", 400, ""},
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
			var keys []string
			for _, f := range got.Facts {
				keys = append(keys, f.Subject+" "+f.Predicate+" "+f.Object.Entity+"@"+f.Doc)
			}
			if strings.Join(keys, "|") != tt.want {
				t.Errorf("GET /api/v1/facts?%s = %q, want %q", tt.query, keys, tt.want)
			}
		})
	}
	// Two pages of one fact each, then none.
	var keys []string
	target := "/api/v1/facts?predicate=met&limit=1"
	for i := 0; i < 3 && target != ""; i++ {
		var page struct {
			Facts []factJSON `json:"facts"`
			Next  string     `json:"next_cursor"`
		}
		decode(t, get(t, s.Handler(), "GET", target), &page)
		for _, f := range page.Facts {
			keys = append(keys, f.Subject)
		}
		target = ""
		if page.Next != "" {
			target = "/api/v1/facts?predicate=met&limit=1&cursor=" + page.Next
		}
	}
	if strings.Join(keys, ",") != "joe-biden,justin-trudeau" {
		t.Errorf("paged subjects = %q", keys)
	}
}

func TestConflictsRoute(t *testing.T) {
	s, st, _ := newTestServer(t)
	var body struct {
		Conflicts []graph.Conflict `json:"conflicts"`
	}
	decode(t, get(t, s.Handler(), "GET", "/api/v1/conflicts"), &body)
	if body.Conflicts == nil || len(body.Conflicts) != 0 {
		t.Errorf("conflicts = %+v, want none: both documents say $4.9 billion", body.Conflicts)
	}
	if _, err := st.Put(context.Background(), graph.DocumentGraph{
		Doc: graph.Document{ID: "c.txt", Hash: "c1"},
		Facts: []graph.Fact{{Subject: "canada", Predicate: "pledged", Object: graph.Object{Literal: "$5 billion"},
			Evidence: graph.Evidence{Sentence: "Canada pledged $5 billion.", Modality: graph.Reported}}},
	}); err != nil {
		t.Fatal(err)
	}
	decode(t, get(t, s.Handler(), "GET", "/api/v1/conflicts?subject=Canada&predicate=pledged"), &body)
	if len(body.Conflicts) != 1 || len(body.Conflicts[0].Claims) != 3 || body.Conflicts[0].On != "value" {
		t.Errorf("conflicts = %+v, want one on the value with three claims", body.Conflicts)
	}
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/conflicts?subject=nobody"), 404, "/api/v1/conflicts")
}

func TestQueriesRoutes(t *testing.T) {
	s, _, _ := newTestServer(t)
	var list struct {
		Queries []struct {
			Name   string `json:"name"`
			Doc    string `json:"doc"`
			Params []struct {
				Name string `json:"name"`
			} `json:"params"`
		} `json:"queries"`
	}
	decode(t, get(t, s.Handler(), "GET", "/api/v1/queries"), &list)
	var names []string
	for _, q := range list.Queries {
		names = append(names, q.Name)
		if q.Doc == "" {
			t.Errorf("query %s has no documentation", q.Name)
		}
	}
	if got := strings.Join(names, ","); got != "actor-issues,agreements,commitments,conflicts,roles,timeline,who-met-whom" {
		t.Errorf("queries = %s", got)
	}
	var table struct {
		Columns []string   `json:"columns"`
		Rows    [][]string `json:"rows"`
	}
	decode(t, get(t, s.Handler(), "GET", "/api/v1/queries/who-met-whom"), &table)
	if len(table.Rows) != 1 || strings.Join(table.Rows[0][:3], "|") != "Joe Biden|Justin Trudeau|2" {
		t.Errorf("who-met-whom = %+v", table)
	}
	decode(t, get(t, s.Handler(), "GET", "/api/v1/queries/commitments?actor=Canada"), &table)
	if len(table.Rows) != 2 || table.Rows[0][2] != "$4.9 billion" {
		t.Errorf("commitments = %+v", table)
	}
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/queries/timeline"), 400, "/api/v1/queries/timeline")
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/queries/timeline?actor=x&colour=red"), 400, "/api/v1/queries/timeline")
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/queries/nope"), 404, "/api/v1/queries/nope")
}

func post(t *testing.T, h http.Handler, target, contentType, body string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", target, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	h.ServeHTTP(rec, req)
	return rec
}

func TestGizmo(t *testing.T) {
	s, st, _ := newTestServer(t)
	s2 := New(st, Options{GizmoTimeout: 300 * time.Millisecond})
	const met = `g.V("<http://accord.local/entity/joe-biden>").Out("<http://accord.local/ns#met>").All()`
	var res struct {
		Results   []map[string]any `json:"results"`
		Truncated bool             `json:"truncated"`
	}
	decode(t, post(t, s.Handler(), "/api/v1/query/gizmo", "application/javascript", met), &res)
	if len(res.Results) != 1 || res.Results[0]["id"] != "<http://accord.local/entity/justin-trudeau>" || res.Truncated {
		t.Errorf("gizmo = %+v", res)
	}
	decode(t, post(t, s.Handler(), "/api/v1/query/gizmo", "application/json", `{"query": "g.V().All()"}`), &res)
	if len(res.Results) == 0 {
		t.Errorf("gizmo JSON body: no results")
	}
	decode(t, post(t, s.Handler(), "/api/v1/query/gizmo?limit=2", "text/plain", "g.V().All()"), &res)
	if len(res.Results) != 2 || !res.Truncated {
		t.Errorf("gizmo limit 2 = %d results, truncated %v", len(res.Results), res.Truncated)
	}
	checkProblem(t, post(t, s.Handler(), "/api/v1/query/gizmo", "text/plain", "g.V(("), 400, "/api/v1/query/gizmo")
	checkProblem(t, post(t, s.Handler(), "/api/v1/query/gizmo", "text/plain", " "), 400, "/api/v1/query/gizmo")
	start := time.Now()
	checkProblem(t, post(t, s2.Handler(), "/api/v1/query/gizmo", "text/plain", "while(true){}; g.V().All()"), 422, "/api/v1/query/gizmo")
	if time.Since(start) > 5*time.Second {
		t.Errorf("an endless query ran %s, past its limit", time.Since(start))
	}
}

func TestExportFormatsRoute(t *testing.T) {
	s, _, _ := newTestServer(t)
	tests := []struct {
		query, contentType string
	}{
		{"format=jsonld", "application/ld+json"},
		{"format=jsonld&doc=a.txt", "application/ld+json"},
		{"format=graphml", "application/graphml+xml"},
		{"format=graphml&entity=joe-biden&depth=2", "application/graphml+xml"},
		{"entity=canada", "application/n-quads"},
	}
	for _, tt := range tests {
		rec := get(t, s.Handler(), "GET", "/api/v1/export?"+tt.query)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != tt.contentType || rec.Body.Len() == 0 {
			t.Errorf("GET /api/v1/export?%s = %d %q", tt.query, rec.Code, rec.Header().Get("Content-Type"))
			continue
		}
		switch {
		case strings.Contains(tt.query, "jsonld"):
			var v []any
			if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || len(v) == 0 {
				t.Errorf("%s: not a JSON-LD array: %v", tt.query, err)
			}
		case strings.Contains(tt.query, "graphml"):
			var v struct {
				Graph struct {
					Edges []struct{} `xml:"edge"`
				} `xml:"graph"`
			}
			if err := xml.Unmarshal(rec.Body.Bytes(), &v); err != nil || len(v.Graph.Edges) == 0 {
				t.Errorf("%s: GraphML without edges: %v", tt.query, err)
			}
		}
	}
	for _, q := range []string{"format=turtle", "entity=", "doc=a.txt&entity=canada", "entity=canada&depth=9"} {
		checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/export?"+q), 400, "/api/v1/export")
	}
	checkProblem(t, get(t, s.Handler(), "GET", "/api/v1/export?entity=nobody"), 404, "/api/v1/export")
}

// TestOpenAPI checks the OpenAPI description against the router: every
// route under /api/v1 is described with its method, and nothing else is.
func TestOpenAPI(t *testing.T) {
	s, _, _ := newTestServer(t)
	var spec struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	decode(t, get(t, s.Handler(), "GET", "/api/v1/openapi.json"), &spec)
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", spec.OpenAPI)
	}
	var routes, described []string
	for _, r := range s.router.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") {
			continue
		}
		path := r.Path
		for _, seg := range strings.Split(path, "/") {
			if strings.HasPrefix(seg, ":") {
				path = strings.Replace(path, seg, "{"+seg[1:]+"}", 1)
			}
		}
		routes = append(routes, r.Method+" "+path)
	}
	for path, ops := range spec.Paths {
		for method, op := range ops {
			described = append(described, strings.ToUpper(method)+" "+path)
			o := op.(map[string]any)
			if o["summary"] == "" || o["responses"] == nil {
				t.Errorf("%s %s lacks a summary or responses", method, path)
			}
			for _, seg := range strings.Split(path, "/") {
				if strings.HasPrefix(seg, "{") && !strings.Contains(mustJSON(o["parameters"]), `"name":"`+strings.Trim(seg, "{}")+`"`) {
					t.Errorf("%s %s does not describe its path parameter %s", method, path, seg)
				}
			}
		}
	}
	sort.Strings(routes)
	sort.Strings(described)
	if strings.Join(routes, "\n") != strings.Join(described, "\n") {
		t.Errorf("router and OpenAPI differ:\nroutes:\n%s\ndescribed:\n%s", strings.Join(routes, "\n"), strings.Join(described, "\n"))
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
