package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"accord/graph"
)

const (
	anaToken = "ana-token-0123456789"
	benToken = "ben-token-0123456789"
)

// TestCorrectionRoutes makes, lists and undoes corrections over HTTP
// with analysts' tokens, and checks that the audit names the analysts.
func TestCorrectionRoutes(t *testing.T) {
	s, st, _ := newGuarded(t, Options{Tokens: map[string]string{anaToken: "Ana Lopez", benToken: "Ben Okafor"}})
	h := s.Handler()
	post := func(target, body, tok string) (*http.Response, graph.Correction) {
		t.Helper()
		rec := serve(h, request("POST", target, "application/json", body, "Authorization: Bearer "+tok))
		var c graph.Correction
		if rec.Code == http.StatusCreated {
			decode(t, rec, &c)
		}
		return rec.Result(), c
	}
	res, rej := post("/api/v1/corrections",
		`{"kind":"reject","fact":{"subject":"safe-third-country-agreement","predicate":"covers","object":{"entity":"official-ports-of-entry"}},"note":"the sentence says it does not"}`, anaToken)
	if res.StatusCode != http.StatusCreated || rej.Who != "Ana Lopez" || rej.ID == "" {
		t.Fatalf("POST reject = %d %+v, want 201 recorded as Ana Lopez's", res.StatusCode, rej)
	}
	if loc := res.Header.Get("Location"); loc != "/api/v1/corrections/"+rej.ID {
		t.Errorf("Location = %q", loc)
	}
	var fs struct {
		Facts []json.RawMessage `json:"facts"`
	}
	decode(t, get(t, h, "GET", "/api/v1/facts?subject=safe-third-country-agreement"), &fs)
	if len(fs.Facts) != 0 {
		t.Errorf("facts of the agreement after the reject: %d, want 0", len(fs.Facts))
	}
	var one correctionDetail
	decode(t, get(t, h, "GET", "/api/v1/corrections/"+rej.ID), &one)
	if len(one.Changes) != 2 || one.Changes[1].Doc != "a.txt" || len(one.Changes[1].Removed) != 1 ||
		one.Changes[1].Removed[0] != "safe-third-country-agreement covers official-ports-of-entry" {
		t.Errorf("GET correction changes = %+v", one.Changes)
	}
	res, undo := post("/api/v1/corrections/"+rej.ID+"/undo", `{"note":"it does, in paragraph 3"}`, benToken)
	if res.StatusCode != http.StatusCreated || undo.Who != "Ben Okafor" || undo.Undoes != rej.ID {
		t.Fatalf("POST undo = %d %+v", res.StatusCode, undo)
	}
	decode(t, get(t, h, "GET", "/api/v1/facts?subject=safe-third-country-agreement"), &fs)
	if len(fs.Facts) != 1 {
		t.Errorf("facts of the agreement after the undo: %d, want 1", len(fs.Facts))
	}
	var list struct {
		Corrections []graph.Correction `json:"corrections"`
	}
	decode(t, get(t, h, "GET", "/api/v1/corrections"), &list)
	if len(list.Corrections) != 2 || list.Corrections[0].UndoneBy != undo.ID || list.Corrections[1].Who != "Ben Okafor" {
		t.Errorf("audit = %+v, want Ana's reject undone by Ben's undo", list.Corrections)
	}
	decode(t, get(t, h, "GET", "/api/v1/corrections?active=true"), &list)
	if len(list.Corrections) != 0 {
		t.Errorf("active corrections = %+v, want none", list.Corrections)
	}
	decode(t, get(t, h, "GET", "/api/v1/corrections/"+rej.ID), &one)
	if one.Note != "the sentence says it does not" || len(one.Changes) != 0 {
		t.Errorf("GET undone correction = %+v, want its note and no changes left", one)
	}
	if all, _ := st.Corrections(t.Context()); len(all) != 2 {
		t.Errorf("store holds %d corrections, want 2", len(all))
	}
}

// TestCorrectionProblems: bad corrections are problems naming the field.
func TestCorrectionProblems(t *testing.T) {
	s, st, _ := newGuarded(t, Options{Token: testToken, Tokens: map[string]string{anaToken: "Ana Lopez"}})
	h := s.Handler()
	for _, tc := range []struct {
		name, target, body, tok string
		status                  int
		field                   string
	}{
		{"unknown kind", "/api/v1/corrections", `{"kind":"mangle"}`, anaToken, 422, "kind"},
		{"unknown field", "/api/v1/corrections", `{"kind":"rename","entity":"canada","nmae":"X"}`, anaToken, 422, "nmae"},
		{"wrong type", "/api/v1/corrections", `{"kind":"rename","entity":7}`, anaToken, 422, "entity"},
		{"not JSON", "/api/v1/corrections", `{"kind":`, anaToken, 422, "body"},
		{"empty body", "/api/v1/corrections", ``, anaToken, 422, "body"},
		{"no entity", "/api/v1/corrections", `{"kind":"merge","entity":"canada","from":"nobody"}`, anaToken, 422, "from"},
		{"no name", "/api/v1/corrections", `{"kind":"rename","entity":"canada"}`, anaToken, 422, "name"},
		{"bad type", "/api/v1/corrections", `{"kind":"retype","entity":"canada","type":"Planet"}`, anaToken, 422, "type"},
		{"fact missing", "/api/v1/corrections", `{"kind":"reject","fact":{"subject":"canada","predicate":"met","object":{"entity":"joe-biden"}}}`, anaToken, 422, "fact"},
		{"add without note", "/api/v1/corrections", `{"kind":"add","fact":{"subject":"canada","predicate":"seeks","object":{"literal":"talks"}}}`, anaToken, 422, "note"},
		{"undo as kind", "/api/v1/corrections", `{"kind":"undo"}`, anaToken, 422, "kind"},
		{"who not the token's", "/api/v1/corrections", `{"kind":"rename","entity":"canada","name":"X","who":"Ben"}`, anaToken, 422, "who"},
		{"server token, no who", "/api/v1/corrections", `{"kind":"rename","entity":"canada","name":"X"}`, testToken, 422, "who"},
		{"undo unknown", "/api/v1/corrections/feedfeedfeedfeed/undo", ``, anaToken, 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := serve(h, request("POST", tc.target, "application/json", tc.body, "Authorization: Bearer "+tc.tok))
			checkProblem(t, rec, tc.status, tc.target)
			var p map[string]any
			json.Unmarshal(rec.Body.Bytes(), &p)
			if tc.field != "" && (p["field"] != tc.field || !strings.Contains(p["detail"].(string), tc.field)) {
				t.Errorf("problem %v, want field %q named", p, tc.field)
			}
		})
	}
	rec := serve(h, request("POST", "/api/v1/corrections", "text/plain", `{}`, "Authorization: Bearer "+anaToken))
	checkProblem(t, rec, http.StatusUnsupportedMediaType, "/api/v1/corrections")
	rec = serve(h, request("POST", "/api/v1/corrections", "application/json", `{"kind":"rename","entity":"canada","name":"X","who":"ana"}`))
	checkProblem(t, rec, http.StatusUnauthorized, "/api/v1/corrections")
	rec = serve(h, request("POST", "/api/v1/corrections", "application/json", `{"kind":"rename","entity":"canada","name":"Canada (state)","who":"Root"}`, "Authorization: Bearer "+testToken))
	if rec.Code != http.StatusCreated {
		t.Errorf("server token with who: %d %s", rec.Code, rec.Body)
	}
	if all, _ := st.Corrections(t.Context()); len(all) != 1 || all[0].Who != "Root" {
		t.Errorf("corrections = %+v, want only Root's rename", all)
	}
}

func TestParseTokens(t *testing.T) {
	got, err := ParseTokens(strings.NewReader("# analysts\n\nana-token-0123456789 Ana Lopez\nben-token-0123456789\tBen\n"))
	if err != nil || len(got) != 2 || got[anaToken] != "Ana Lopez" || got[benToken] != "Ben" {
		t.Errorf("ParseTokens = %v, %v", got, err)
	}
	for _, bad := range []string{"", "# none\n", "short Ana\n", "ana-token-0123456789\n", "ana-token-0123456789 A\nana-token-0123456789 B\n"} {
		if _, err := ParseTokens(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseTokens(%q) gave no error", bad)
		}
	}
	if _, err := ParseTokens(strings.NewReader("x\nshort Ana\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("error %v, want line 1 named", err)
	}
}

// TestCorrectionHoldsForIngest: a document posted after a reject is
// stored without the rejected fact, recorded as the reject's change.
func TestCorrectionHoldsForIngest(t *testing.T) {
	s, st, _ := newGuarded(t, Options{Tokens: map[string]string{anaToken: "Ana Lopez"}, Ingest: loaderIngest(t)})
	h := s.Handler()
	auth := "Authorization: Bearer " + anaToken
	const text = "Joe Biden met Justin Trudeau in Ottawa on Friday. Canada pledged $4.9 billion for NORAD."
	met := func(doc string) int {
		var fs struct {
			Facts []json.RawMessage `json:"facts"`
		}
		decode(t, get(t, h, "GET", "/api/v1/facts?subject=joe-biden&predicate=met&object=justin-trudeau&doc="+doc), &fs)
		return len(fs.Facts)
	}
	if rec := serve(h, request("POST", "/api/v1/documents?name=n1.txt", "text/plain", text, auth)); rec.Code != http.StatusCreated {
		t.Fatalf("ingest n1: %d %s", rec.Code, rec.Body)
	}
	if met("n1.txt") != 1 {
		t.Fatalf("n1.txt: the extractor did not read Joe Biden met Justin Trudeau")
	}
	rec := serve(h, request("POST", "/api/v1/corrections", "application/json",
		`{"kind":"reject","fact":{"subject":"joe-biden","predicate":"met","object":{"entity":"justin-trudeau"}},"note":"a test"}`, auth))
	var rej graph.Correction
	decode(t, rec, &rej)
	if rec := serve(h, request("POST", "/api/v1/documents?name=n2.txt", "text/plain", text, auth)); rec.Code != http.StatusCreated {
		t.Fatalf("ingest n2: %d %s", rec.Code, rec.Body)
	}
	if met("n1.txt") != 0 || met("n2.txt") != 0 {
		t.Errorf("rejected fact stored: n1 %d, n2 %d", met("n1.txt"), met("n2.txt"))
	}
	if fs, _ := st.Facts(t.Context(), graph.FactFilter{Doc: "n2.txt"}); len(fs) == 0 {
		t.Errorf("n2.txt has no facts at all")
	}
	ch, err := st.CorrectionChanges(t.Context(), rej.ID)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]bool{}
	for _, c := range ch {
		docs[c.Doc] = true
	}
	if !docs["n1.txt"] || !docs["n2.txt"] || !docs["a.txt"] {
		t.Errorf("the reject's changes name %v, want a.txt, n1.txt and n2.txt", docs)
	}
}
