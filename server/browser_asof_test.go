package server

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"accord/graph"
)

// TestBrowserTimeSlider drives the explorer's time slider in Chromium on
// the seed corpus: moved to a day, the canvas keeps exactly the edges the
// API's as_of keeps (checked on days on both sides of the bounds), the
// URL holds the day and a shared link restores it, and an edge's panel
// shows its interval with the words behind each bound.
func TestBrowserTimeSlider(t *testing.T) {
	needBrowser(t)
	base := seedServer(t)
	artifacts, err := filepath.Abs("../test-artifacts/browser-asof")
	if err != nil {
		t.Fatal(err)
	}
	s := startBrowser(t, base, artifacts)
	const center = "justin-trudeau"
	s.do("open Trudeau by link", chromedp.Navigate(base+"/#open="+center))
	s.idle()
	s.wait("Trudeau's neighbourhood", `explorer.model.opened.includes("justin-trudeau") && explorer.view.cy.edges(":visible").length > 0`)
	allPairs := eval[int](s, `explorer.view.cy.edges(":visible").length`)

	// pairsAsOf returns the entity pairs the API's neighbourhood holds as
	// of day, the way the explorer draws them: one edge per pair.
	pairsAsOf := func(day string) []string {
		var nb graph.Neighborhood
		q := "/api/v1/entities/" + center + "/neighbors?depth=1&limit=300"
		if day != "" {
			q += "&as_of=" + day
		}
		apiGet(t, base, q, &nb)
		set := map[string]bool{}
		for _, e := range nb.Edges {
			a, b := e.Source, e.Target
			if b < a {
				a, b = b, a
			}
			set["pair:"+a+"~"+b] = true
		}
		var out []string
		for k := range set {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	drawn := func() []string {
		ids := eval[[]string](s, `explorer.view.cy.edges(":visible").map((e) => e.id()).filter((id) => id.startsWith("pair:")).sort()`)
		if ids == nil {
			ids = []string{}
		}
		return ids
	}
	// settled polls, up to the wait's timeout, until the canvas draws the
	// pairs want; the comparison after it reports any difference.
	settled := func(want []string) {
		if want == nil {
			want = []string{}
		}
		js, _ := json.Marshal(want)
		expr := fmt.Sprintf(`JSON.stringify(explorer.view.cy.edges(":visible").map((e) => e.id()).filter((id) => id.startsWith("pair:")).sort()) === %q`, js)
		_, _ = chromedp.Run(s.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(waitTimeout)))
	}
	if got, want := len(pairsAsOf("")), allPairs; got != want {
		t.Errorf("at all times the canvas draws %d edges, the API has %d pairs", want, got)
	}

	// The slider's keyboard: Home goes to its first day, a year before
	// anything loaded is dated, when nothing held yet.
	s.do("focus the slider and press Home", chromedp.Focus(chromedp.ID("asof-range")), chromedp.KeyEvent(kb.Home))
	s.idle()
	first := eval[string](s, `explorer.model.filters.asOf`)
	if first == "" || !strings.Contains(eval[string](s, `document.getElementById("asof-label").textContent`), first) {
		t.Fatalf("after Home the slider shows %q (label %q), want a day", first, eval[string](s, `document.getElementById("asof-label").textContent`))
	}
	if got := drawn(); len(got) != 0 || len(pairsAsOf(first)) != 0 {
		t.Errorf("as of %s the canvas draws %v and the API has %v; want nothing", first, got, pairsAsOf(first))
	}
	s.do("press End", chromedp.KeyEvent(kb.End))
	s.idle()

	// Days on both sides of the bounds: the day before and the day of the
	// Friday meeting (2023-03-24, "on Friday" in a document of that day),
	// the document of 2023-01-10, and after the dated roles end.
	var sizes []int
	for _, day := range []string{"2015-11-03", "2015-11-04", "2023-01-09", "2023-01-10", "2023-03-23", "2023-03-24", "2025-03-13", "2025-03-14"} {
		s.do("set the day "+day, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
			`(() => { const d = document.getElementById("asof-date"); d.value = %q; d.dispatchEvent(new Event("change", {bubbles: true})); })()`, day)))
		s.wait("the canvas as of "+day, fmt.Sprintf(`explorer.model.filters.asOf === %q`, day))
		s.idle()
		want := pairsAsOf(day)
		// The redraw follows the day's fetch: on a busy machine it may
		// land after the page reports idle, so give it the wait's time to
		// draw what the API keeps before comparing.
		settled(want)
		got := drawn()
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("as of %s the canvas draws %v, the API's as_of keeps %v", day, got, want)
		}
		if !strings.Contains(eval[string](s, `location.hash`), "asof="+day) {
			t.Errorf("as of %s the URL is %s, without the day", day, eval[string](s, `location.hash`))
		}
		sizes = append(sizes, len(got))
	}
	t.Logf("edges drawn as of each day: %v (all times: %d)", sizes, allPairs)
	if sizes[0] >= sizes[1] || sizes[4] >= sizes[5] || sizes[6] <= sizes[7] {
		t.Errorf("edges as of the days %v: want a bound to add an edge on its first day (2015-11-04, 2023-03-24) and one to drop after its last (2025-03-13)", sizes)
	}
	s.shot("asof-2025-03-14")
	s.check("slider")

	// An edge's panel: the interval and the words behind each bound.
	s.do("set the day 2023-03-24", chromedp.Evaluate[chromedp.Void](
		`(() => { const d = document.getElementById("asof-date"); d.value = "2023-03-24"; d.dispatchEvent(new Event("change", {bubbles: true})); })()`))
	s.idle()
	s.do("open the leaderOf edge", chromedp.Evaluate[chromedp.Void](`explorer.showEdge("justin-trudeau|leaderOf|canada", true)`))
	s.wait("the validity list", `document.querySelectorAll("#panel .validity").length > 0`)
	vocab := eval[[]string](s, `[...document.querySelectorAll("#panel .validity .bound-vocabulary")].map((b) => b.textContent)`)
	if len(vocab) == 0 || !strings.Contains(strings.Join(vocab, "\n"), "From 2015-11-04") || !strings.Contains(strings.Join(vocab, "\n"), "Until 2025-03-13") ||
		!strings.Contains(strings.Join(vocab, "\n"), "actors.yaml: justin-trudeau, Prime Minister of canada") {
		t.Errorf("the leaderOf edge's bounds = %q, want from 2015-11-04 until 2025-03-13 from actors.yaml", vocab)
	}
	if held := eval[[]string](s, `[...document.querySelectorAll("#panel .validity .chip.held")].map((c) => c.textContent)`); len(held) == 0 || held[0] != "held on 2023-03-24" {
		t.Errorf("the statements' chips as of 2023-03-24 = %q, want \"held on 2023-03-24\"", held)
	}
	s.do("open the met edge", chromedp.Evaluate[chromedp.Void](`explorer.showEdge("joe-biden|met|justin-trudeau", true)`))
	s.wait("the met edge's validity list", `document.querySelector("#panel .pred-arrow")?.textContent.includes("met") && document.querySelectorAll("#panel .validity").length > 0`)
	marks := eval[[]string](s, `[...document.querySelectorAll("#panel .validity .bound-text")].map((b) => b.querySelector(".cue-mark")?.textContent + " | " + b.querySelector(".bound-sentence")?.textContent)`)
	found := false
	for _, m := range marks {
		cue, sentence, _ := strings.Cut(m, " | ")
		found = found || (cue != "" && cue != "undefined" && strings.Contains(sentence, cue))
	}
	if !found {
		t.Errorf("the met edge's text bounds = %q, want a cue marked in its sentence", marks)
	}
	s.shot("asof-met-panel")
	s.check("panel")

	// A shared link restores the day; All time brings every edge back.
	href := eval[string](s, `location.href`)
	s.do("reload the link", chromedp.Navigate(base+"/"), chromedp.Navigate(href))
	s.idle()
	s.wait("the restored day", `explorer.model.filters.asOf === "2023-03-24" && document.getElementById("asof-date").value === "2023-03-24"`)
	s.wait("the restored canvas", fmt.Sprintf(`explorer.view.cy.edges(":visible").filter((e) => e.id().startsWith("pair:")).length === %d`, len(pairsAsOf("2023-03-24"))))
	s.do("click All time", chromedp.Click(chromedp.ID("asof-all")))
	s.idle()
	if got := len(drawn()); got != allPairs || eval[string](s, `explorer.model.filters.asOf`) != "" {
		t.Errorf("after All time the canvas draws %d edges, want all %d", got, allPairs)
	}
	s.check("all time")
}
