package server

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"accord/graph"
)

// TestBrowserCorrections drives the explorer's correction flow in Chromium
// on the seed corpus, against a server whose token names an analyst
// (--tokens): without a token a Reject says what to do and sends nothing;
// a wrong token shows the server's 401, the token with another analyst's
// name its 422; with the analyst's token a rejected
// statement leaves the canvas and the API, a confirmed one is marked, an
// entity is renamed and another merged into a third, the audit lists the
// four under the analyst's name, and undoing the rejection brings the
// relation back on the canvas and in the API.
func TestBrowserCorrections(t *testing.T) {
	needBrowser(t)
	const (
		center  = "justin-trudeau"
		token   = "ada-lovelace-token-0123456789"
		analyst = "Ada Analyst"
	)
	base := serveStoreWith(t, seedStore(t), Options{Tokens: map[string]string{token: analyst}})
	artifacts, err := filepath.Abs("../test-artifacts/browser-corrections")
	if err != nil {
		t.Fatal(err)
	}
	s := startBrowser(t, base, artifacts)

	neighborhood := func() graph.Neighborhood {
		var nb graph.Neighborhood
		apiGet(t, base, "/api/v1/entities/"+center+"/neighbors?depth=1&limit=2000", &nb)
		return nb
	}
	corrections := func() []graph.Correction {
		var out struct{ Corrections []graph.Correction }
		apiGet(t, base, "/api/v1/corrections", &out)
		return out.Corrections
	}
	hasEdge := func(nb graph.Neighborhood, e graph.GraphEdge) bool {
		for _, x := range nb.Edges {
			if x.Source == e.Source && x.Predicate == e.Predicate && x.Target == e.Target {
				return true
			}
		}
		return false
	}

	// The cases, from the API: a pair of entities joined by one statement
	// (its rejection removes the drawn edge), another pair to confirm, and
	// three more neighbours to rename and to merge.
	nb := neighborhood()
	byPair := map[string][]graph.GraphEdge{}
	for _, e := range nb.Edges {
		byPair[pairKeyOf(e.Source, e.Target)] = append(byPair[pairKeyOf(e.Source, e.Target)], e)
	}
	var pairs []string
	for k := range byPair {
		pairs = append(pairs, k)
	}
	sort.Strings(pairs)
	var lone, other string
	for _, k := range pairs {
		es := byPair[k]
		if lone == "" && len(es) == 1 && len(es[0].Evidence) == 1 {
			lone = k
		} else if other == "" && strings.Contains(k, center) {
			other = k
		}
	}
	if lone == "" || other == "" {
		t.Fatalf("no pair with one statement (%q) or no other pair (%q) around %s", lone, other, center)
	}
	rejected := byPair[lone][0]
	busy := map[string]bool{center: true}
	for _, k := range []string{lone, other} {
		for _, id := range strings.Split(strings.TrimPrefix(k, "pair:"), "~") {
			busy[id] = true
		}
	}
	names := map[string]string{}
	types := map[string]graph.Kind{}
	for _, n := range nb.Nodes {
		names[n.ID], types[n.ID] = n.Name, n.Kind
	}
	var free []string
	for _, n := range nb.Nodes {
		if !busy[n.ID] {
			free = append(free, n.ID)
		}
	}
	sort.Strings(free)
	if len(free) < 3 {
		t.Fatalf("%s has %d neighbours besides the edges' ends, want 3", center, len(free))
	}
	renamed, from, into := free[0], free[1], free[2]
	t.Logf("reject %s %s %s; confirm on %s; rename %s; merge %s into %s", rejected.Source, rejected.Predicate, rejected.Target, other, renamed, from, into)

	s.do("open Trudeau by link", chromedp.Navigate(base+"/#open="+center))
	s.idle()
	s.wait("Trudeau's neighbourhood", fmt.Sprintf(`explorer.view.cy.getElementById(%q).visible()`, lone))

	// openEdge shows a pair's panel and waits for its buttons.
	openEdge := func(key string) {
		s.do("open the edge "+key, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`explorer.showEdge(%q, true)`, key)))
		s.wait("the Reject buttons of "+key, `document.querySelectorAll("#panel .fact-actions .correct-reject").length > 0 && document.querySelector("#panel .passages").dataset.context === "loaded"`)
	}

	// Without a token: a clear message, nothing sent.
	openEdge(lone)
	s.do("click Reject without a token", chromedp.Click(chromedp.CSS("#panel .correct-reject")))
	s.wait("the no-token message", `document.querySelector("#panel .correct-error")?.textContent.includes("analyst token")`)
	if msg := eval[string](s, `document.querySelector("#panel .correct-error").textContent`); !strings.Contains(msg, "Token button") {
		t.Errorf("without a token Reject says %q, want it to say where to enter one", msg)
	}
	s.shot("no-token")
	s.do("open "+renamed+" without a token", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`explorer.showNode(%q, true)`, renamed)))
	s.do("click Rename without a token", chromedp.Click(chromedp.ID("btn-rename")))
	s.wait("the no-token message of Rename", `document.querySelector("#panel .correct-box .correct-error")?.textContent.includes("Token button")`)
	if n := len(corrections()); n != 0 {
		t.Fatalf("without a token the page made %d corrections", n)
	}

	// enterToken types a token into the Token dialog.
	enterToken := func(tok, who string) {
		s.do("open the Token dialog", chromedp.Click(chromedp.ID("btn-token")))
		s.wait("the Token dialog", `document.getElementById("token-dialog").open`)
		s.do("type the token", clearInput("token-input"), chromedp.SendKeys(chromedp.ID("token-input"), tok),
			clearInput("token-who"), chromedp.SendKeys(chromedp.ID("token-who"), who), chromedp.Click(chromedp.ID("token-save")))
		s.wait("the dialog to close", `!document.getElementById("token-dialog").open`)
		if got := eval[string](s, `sessionStorage.getItem("accord.token")`); got != tok {
			t.Fatalf("sessionStorage holds the token %q, want %q", got, tok)
		}
	}
	// reject submits the Reject form of the first statement of the open panel.
	reject := func(why string) {
		s.do("click Reject", chromedp.Click(chromedp.CSS("#panel .correct-reject")))
		s.wait("the Reject form", `document.querySelector("#panel .correct-form[data-kind=reject] input.why") !== null`)
		s.do("say why and reject", chromedp.SendKeys(chromedp.CSS("#panel .correct-form input.why"), why), chromedp.Click(chromedp.CSS("#panel .correct-form .correct-go")))
	}

	// A wrong token: the server's 401, shown.
	enterToken("not-the-analysts-token-at-all", "")
	openEdge(lone)
	reject("a wrong token")
	s.wait("the 401 message", `document.querySelector("#panel .correct-error")?.textContent.includes("401")`)
	if msg := eval[string](s, `document.querySelector("#panel .correct-error").textContent`); !strings.Contains(msg, "not the server's") {
		t.Errorf("with a wrong token the form says %q, want the server's detail", msg)
	}
	s.forgive("status of 401")
	s.check("wrong token")

	// The analyst's token with another name: the server's 422, naming the field.
	enterToken(token, "Someone Else")
	reject("another name")
	s.wait("the 422 message", `document.querySelector("#panel .correct-error")?.textContent.includes("422")`)
	if msg := eval[string](s, `document.querySelector("#panel .correct-error").textContent`); !strings.Contains(msg, "field who") || !strings.Contains(msg, analyst) {
		t.Errorf("with the token and another name the form says %q, want the 422 naming the field who and %s", msg, analyst)
	}
	s.forgive("status of 422")
	s.check("another name")
	if n := len(corrections()); n != 0 {
		t.Fatalf("the refused corrections left %d records", n)
	}

	// The analyst's token: the rejected statement leaves the canvas and the API.
	enterToken(token, "")
	if got := eval[string](s, `document.getElementById("btn-token").textContent`); got != "Token set" {
		t.Errorf("the Token button says %q once a token is kept, want \"Token set\"", got)
	}
	openEdge(lone)
	reject("the sentence says no such thing")
	s.wait("the rejected edge to leave the canvas", fmt.Sprintf(`explorer.view.cy.getElementById(%q).empty() && document.body.dataset.busy === "0"`, lone))
	if hasEdge(neighborhood(), rejected) {
		t.Errorf("after the rejection the API still has %s %s %s", rejected.Source, rejected.Predicate, rejected.Target)
	}
	if msg := eval[string](s, `document.getElementById("message").textContent`); !strings.Contains(msg, "left the graph") {
		t.Errorf("after the rejection the page says %q, want that the relation left the graph", msg)
	}
	s.shot("rejected")

	// Confirm: the statement is marked with the analyst's name.
	openEdge(other)
	s.do("click Confirm", chromedp.Click(chromedp.CSS("#panel .correct-confirm")))
	s.wait("the Confirm form", `document.querySelector("#panel .correct-form[data-kind=confirm] input.why") !== null`)
	s.do("say why and confirm", chromedp.SendKeys(chromedp.CSS("#panel .correct-form input.why"), "checked against the source"), chromedp.Click(chromedp.CSS("#panel .correct-form .correct-go")))
	s.wait("the confirmed chip", fmt.Sprintf(`[...document.querySelectorAll("#panel .chip.confirmed")].some((c) => c.textContent === "confirmed by " + %q)`, analyst))
	s.shot("confirmed")

	// Rename: the canvas and the panel show the new name.
	newName := names[renamed] + " (renamed)"
	s.do("open "+renamed, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`explorer.showNode(%q, true)`, renamed)))
	s.do("click Rename", chromedp.Click(chromedp.ID("btn-rename")))
	s.do("type the new name", clearInput("rename-name"), chromedp.SendKeys(chromedp.ID("rename-name"), newName),
		chromedp.SendKeys(chromedp.ID("correct-why"), "the official name"), chromedp.Click(chromedp.CSS("#panel .correct-form .correct-go")))
	s.wait("the new name on the canvas and the panel", fmt.Sprintf(`explorer.view.cy.getElementById(%q).data("name") === %q && document.querySelector("#panel .title-text").textContent === %q`, renamed, newName, newName))
	var e struct{ Name string }
	apiGet(t, base, "/api/v1/entities/"+renamed, &e)
	if e.Name != newName {
		t.Errorf("after the rename the API names %s %q, want %q", renamed, e.Name, newName)
	}

	// Merge: the entity merged away leaves the canvas; the panel shows the one kept.
	s.do("open "+from, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`explorer.showNode(%q, true)`, from)))
	s.do("click Merge into", chromedp.Click(chromedp.ID("btn-merge")))
	s.do("search the entity to merge into", chromedp.SendKeys(chromedp.ID("merge-into"), names[into]))
	s.wait("the entity in the list", fmt.Sprintf(`[...document.querySelectorAll("#panel .cb-option .cb-name")].some((o) => o.textContent === %q)`, names[into]))
	s.do("choose it", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const o = [...document.querySelectorAll("#panel .cb-option")].find((o) => o.querySelector(".cb-name").textContent === %q);
		o.dispatchEvent(new MouseEvent("mousedown", {bubbles: true}));
	})()`, names[into])))
	s.do("say why and merge", chromedp.SendKeys(chromedp.ID("correct-why"), "the same body"), chromedp.Click(chromedp.CSS("#panel .correct-form .correct-go")))
	s.wait("the merged entity gone and the kept one shown", fmt.Sprintf(`explorer.view.cy.getElementById(%q).empty() && explorer.panel.state?.id === %q && document.body.dataset.busy === "0"`, from, into))
	for _, n := range neighborhood().Nodes {
		if n.ID == from {
			t.Errorf("after the merge the API still has %s around %s", from, center)
		}
	}
	s.shot("merged")

	// The audit: four records, each the analyst's, with why.
	s.do("open the audit", chromedp.Click(chromedp.ID("btn-audit")))
	s.wait("the audit", `document.querySelectorAll("#panel .audit-item").length === 4`)
	type item struct{ Kind, State, Who, Text, Note string }
	items := eval[[]item](s, `[...document.querySelectorAll("#panel .audit-item")].map((li) => ({
		kind: li.dataset.kind, state: li.dataset.state, who: li.querySelector(".audit-who").textContent,
		text: li.querySelector(".audit-text").textContent, note: li.querySelector(".audit-note")?.textContent || ""}))`)
	kinds := map[string]item{}
	for _, it := range items {
		kinds[it.Kind] = it
		if it.Who != analyst || it.State != "active" || it.Note == "" {
			t.Errorf("audit item %+v: want %s's, in force, with a note", it, analyst)
		}
	}
	for kind, want := range map[string]string{
		"reject": "Rejected " + names[rejected.Source], "confirm": "Confirmed ",
		"rename": "to “" + newName + "”", "merge": "Merged " + names[from] + " into " + names[into],
	} {
		if !strings.Contains(kinds[kind].Text, want) {
			t.Errorf("the audit's %s reads %q, want %q in it", kind, kinds[kind].Text, want)
		}
	}
	s.shot("audit")

	// Undo the rejection: the relation comes back, on the canvas and in the API.
	s.do("undo the rejection", chromedp.Click(chromedp.CSS(`#panel .audit-item[data-kind=reject] button.undo`)))
	s.wait("the undo in the audit", `document.querySelectorAll("#panel .audit-item").length === 5 && document.querySelector("#panel .audit-item[data-kind=reject]").dataset.state === "undone"`)
	s.wait("the relation back on the canvas", fmt.Sprintf(`explorer.view.cy.getElementById(%q).visible() && document.body.dataset.busy === "0"`, lone))
	if !hasEdge(neighborhood(), rejected) {
		t.Errorf("after the undo the API lacks %s %s %s", rejected.Source, rejected.Predicate, rejected.Target)
	}
	var active, undos int
	for _, c := range corrections() {
		if c.Kind == graph.Undo {
			undos++
			if c.Who != analyst {
				t.Errorf("the undo is recorded as %q's, want %s's", c.Who, analyst)
			}
		} else if c.Active() {
			active++
		}
	}
	if active != 3 || undos != 1 {
		t.Errorf("after the undo the API has %d corrections in force and %d undos, want 3 and 1", active, undos)
	}
	if got := eval[string](s, `document.querySelector("#panel .audit-item[data-kind=undo] .audit-who").textContent`); got != analyst {
		t.Errorf("the audit's undo is %q's, want %s's", got, analyst)
	}
	s.shot("undone")
	s.check("corrections")
}

// clearInput empties the input of that id.
func clearInput(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById(%q).value = ""`, id))
}

// pairKeyOf is the explorer's pairKey (model.js): the drawn edge between two entities.
func pairKeyOf(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return "pair:" + a + "~" + b
}

// forgive drops the problems seen so far that contain substr: what a step
// means to provoke, such as the console's line for a refused request.
func (r *record) forgive(substr string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	kept := r.problems[:0]
	for _, p := range r.problems {
		if !strings.Contains(p, substr) {
			kept = append(kept, p)
		}
	}
	r.problems = kept
}
