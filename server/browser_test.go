package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"accord/data"
	"accord/graph"
	"accord/loader"
)

// The browser test drives the explorer page in Debian's Chromium, headless,
// against the server on loopback over the seed corpus, the way an analyst
// would: search "Trudeau", open him, expand Joe Biden, click the `met` edge
// and read its evidence, open the document, find the path Trudeau → Roxham
// Road, filter, export N-Quads and PNG, open the shared link in a new tab,
// use the keyboard, and look at a smaller screen. Each step leaves a
// screenshot in test-artifacts/browser/ at the repository root. Any console
// error, uncaught exception, failed load, CSP violation or request to
// another host fails it.
//
// Chromium is /usr/bin/chromium or $CHROMIUM (make deps-browser installs
// it); the page's bundle is the committed server/ui/dist. When Chromium is
// missing the test skips, except under CI=true, where it fails.

const (
	browserTimeout = 3 * time.Minute
	waitTimeout    = 20 * time.Second
	viewW, viewH   = 1280, 800
)

// browserFlags are the flags Chromium needs here: headless, no sandbox (CI
// runs as root) and nothing that reaches for another host.
var browserFlags = []chromedp.ExecAllocatorOption{
	chromedp.Headless,
	chromedp.NoSandbox,
	chromedp.DisableGPU,
	chromedp.NoFirstRun,
	chromedp.NoDefaultBrowserCheck,
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
	chromedp.Flag("disable-quic", true),
	chromedp.Flag("disable-extensions", true),
	chromedp.Flag("disable-default-apps", true),
	chromedp.Flag("disable-breakpad", true),
	chromedp.Flag("disable-dev-shm-usage", true),
	chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
	chromedp.Flag("metrics-recording-only", true),
	chromedp.Flag("safebrowsing-disable-auto-update", true),
	chromedp.Flag("password-store", "basic"),
	chromedp.Flag("hide-scrollbars", true),
	chromedp.Flag("mute-audio", true),
	// performance.memory, which metrics.js reports, exact rather than
	// rounded and cached.
	chromedp.Flag("enable-precise-memory-info", true),
	chromedp.WindowSize(viewW, viewH),
}

// skipOrFail skips the test, loudly, or fails it when CI=true: CI must run
// the browser tests, a developer's machine may lack Chromium.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true: %s", msg)
	}
	t.Skipf("SKIPPING THE BROWSER TEST: %s", msg)
}

// findChromium returns the Chromium to drive: $CHROMIUM, /usr/bin/chromium
// or chromium on the PATH.
func findChromium() (string, bool) {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, true
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, true
	}
	return "", false
}

// seedServer serves the seed corpus from a memory store on 127.0.0.1 and
// returns its base URL.
func seedServer(t *testing.T) string {
	t.Helper()
	return serveStore(t, seedStore(t))
}

// seedStore returns a memory store holding the seed corpus.
func seedStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	lx, err := loader.LoadLexicon(data.FS)
	if err != nil {
		t.Fatalf("LoadLexicon: %v", err)
	}
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatalf("graph.Open(memory): %v", err)
	}
	t.Cleanup(func() { st.Close() })
	sum, err := lx.Load(ctx, st, []string{"../data/corpus"}, loader.Options{})
	if err != nil || sum.Failed > 0 {
		t.Fatalf("Load(../data/corpus) = %+v, %v", sum, err)
	}
	return st
}

// serveStore serves st on 127.0.0.1 until the test ends and returns the
// base URL.
func serveStore(t *testing.T, st *graph.Store) string {
	t.Helper()
	return serveStoreWith(t, st, Options{})
}

// serveStoreWith is serveStore with the server's options (tokens, limits).
func serveStoreWith(t *testing.T, st *graph.Store, opts Options) string {
	t.Helper()
	ctx := context.Background()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- New(st, opts).Serve(sctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// session is one tab driving the explorer. The tabs of a test share a
// record of what went wrong, the screenshots taken and the downloads.
type session struct {
	t         *testing.T
	ctx       context.Context
	base      string
	artifacts string
	*record
}

// record is what the tabs of a browser saw; the browser's event loops
// write to it.
type record struct {
	mu        sync.Mutex
	problems  []string
	downloads map[string]string // guid -> state
	shots     []string
}

func (r *record) problem(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// watch records console errors and warnings, exceptions, failed loads and
// CSP violations, and requests to any host but the server.
func (s *session) watch(tab string) func(ev any) {
	return func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range ev.Args {
					if len(a.Value) > 0 {
						args = append(args, string(a.Value))
					} else {
						args = append(args, a.Description)
					}
				}
				s.problem("%s: console.%s: %s", tab, ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			text := d.Text
			if d.Exception != nil {
				text += " " + d.Exception.Description
			}
			s.problem("%s: uncaught exception at %s:%d: %s", tab, d.URL, d.LineNumber, text)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				s.problem("%s: browser log: %s %s (%s)", tab, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			if !strings.HasPrefix(u, s.base+"/") && u != s.base && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:"+s.base+"/") {
				s.problem("%s: request to another host: %s", tab, u)
			}
		case *network.EventLoadingFailed:
			if !ev.Canceled {
				s.problem("%s: loading failed: %s %s", tab, ev.Type, ev.ErrorText)
			}
		}
	}
}

// check fails the test with every problem seen so far.
func (s *session) check(step string) {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.problems {
		s.t.Errorf("%s: %s", step, p)
	}
	if len(s.problems) > 0 {
		s.problems = nil
		s.t.FailNow()
	}
}

func (s *session) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, actions...); err != nil {
		s.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		s.t.Fatalf("%s: %v", what, err)
	}
}

// wait polls a JavaScript predicate until it holds.
func (s *session) wait(what, expr string) {
	s.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	var err error
	for {
		_, err = chromedp.Run(s.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(time.Until(deadline))))
		// Right after a navigation the poll can start in the old page's
		// context, which the new page destroys: poll again in the new one.
		if err == nil || !strings.Contains(err.Error(), "Cannot find context with specified id") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		s.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		// What the page says about itself, if it still answers: its
		// busy count, the message it shows, and the open panel.
		state, _ := chromedp.Run(s.ctx, chromedp.Evaluate[string](`JSON.stringify({busy: document.body.dataset.busy, ready: document.body.dataset.ready,
			message: document.getElementById("message")?.hidden === false ? document.getElementById("message").textContent : null,
			panel: window.explorer?.panel?.state ?? null})`))
		s.t.Fatalf("waiting for %s (%s): %v; the page: %s", what, expr, err, state)
	}
}

// idle waits until the page has started and no request of the explorer is
// under way.
func (s *session) idle() {
	s.t.Helper()
	s.wait("the page to be idle", `document.body.dataset.ready === "true" && document.body.dataset.busy === "0"`)
}

// eval evaluates a JavaScript expression and decodes its value into T.
func eval[T any](s *session, expr string) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		s.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// shot saves a screenshot of the viewport as test-artifacts/browser/NAME.png.
func (s *session) shot(name string) {
	s.t.Helper()
	buf, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		s.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(s.artifacts, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		s.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	s.shots = append(s.shots, p)
}

// picture saves a screenshot of the viewport as dir/NAME.png, once the
// canvas has drawn its last frame.
func (s *session) picture(dir, name string) {
	s.t.Helper()
	s.wait("the canvas to settle", `performance.now() - explorer.view.lastFrame > 300`)
	buf, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		s.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		s.t.Fatalf("screenshot %s: %v", name, err)
	}
	s.t.Logf("wrote %s", p)
}

type point struct{ X, Y float64 }

// at returns where a node (or the middle of an edge) of the canvas is on
// the page.
func (s *session) at(id string) point {
	s.t.Helper()
	return eval[point](s, fmt.Sprintf(`(() => {
		const cy = explorer.view.cy, e = cy.getElementById(%q);
		if (e.empty()) throw new Error("no element %s on the canvas");
		const r = cy.container().getBoundingClientRect();
		const p = e.isNode() ? e.renderedPosition() : e.renderedMidpoint();
		return {x: r.left + p.x, y: r.top + p.y};
	})()`, id, id))
}

// along returns the point of the page at fraction f of an edge's straight
// line from its source to its target.
func (s *session) along(id string, f float64) point {
	s.t.Helper()
	return eval[point](s, fmt.Sprintf(`(() => {
		const cy = explorer.view.cy, e = cy.getElementById(%q);
		if (e.empty()) throw new Error("no element %s on the canvas");
		const r = cy.container().getBoundingClientRect();
		const a = e.source().renderedPosition(), b = e.target().renderedPosition();
		return {x: r.left + a.x + (b.x - a.x) * %g, y: r.top + a.y + (b.y - a.y) * %g};
	})()`, id, id, f, f))
}

// download clicks a button that downloads a file and returns the file.
func (s *session) download(button string) []byte {
	s.t.Helper()
	s.do("click "+button, chromedp.Click(chromedp.CSS(button)))
	for deadline := time.Now().Add(waitTimeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		s.mu.Lock()
		guid := ""
		for g, state := range s.downloads {
			if state == string(browser.DownloadProgressStateCompleted) {
				guid = g
				s.downloads[g] = "read"
				break
			}
		}
		s.mu.Unlock()
		if guid != "" {
			b, err := os.ReadFile(filepath.Join(s.artifacts, "downloads", guid))
			if err != nil {
				s.t.Fatalf("download from %s: %v", button, err)
			}
			return b
		}
	}
	s.t.Fatalf("no download completed after clicking %s", button)
	return nil
}

// wheelParams is Input.dispatchMouseEvent for the wheel: cdproto's own
// params leave out a zero deltaX, which Chromium requires.
type wheelParams struct {
	Type   string  `json:"type"`
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	DeltaX float64 `json:"deltaX"`
	DeltaY float64 `json:"deltaY"`
}

var dispatchWheel = cdp.Command[wheelParams, cdp.Empty]{Method: "Input.dispatchMouseEvent"}

// wheel turns the mouse wheel at x, y; a negative dy zooms in.
func wheel(x, y, dy float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, dispatchWheel, wheelParams{Type: "mouseWheel", X: x, Y: y, DeltaY: dy})
		return err
	})
}

// apiGet decodes a JSON answer of the server.
func apiGet(t *testing.T, base, path string, v any) {
	t.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", path, res.StatusCode)
	}
	if v == nil {
		return
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// startBrowser starts Chromium on a tab of its own against the server at
// base, with downloads going to artifacts/downloads; the returned session
// records what goes wrong. It skips (fails under CI=true) without Chromium.
func startBrowser(t *testing.T, base, artifacts string) *session {
	t.Helper()
	chromium, ok := findChromium()
	if !ok {
		skipOrFail(t, "no Chromium at $CHROMIUM or /usr/bin/chromium; `make deps-browser` installs it (apt-get install chromium)")
	}
	os.RemoveAll(artifacts)
	if err := os.MkdirAll(filepath.Join(artifacts, "downloads"), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	chromeLog, err := os.Create(filepath.Join(artifacts, "chromium.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chromeLog.Close() })
	opts := append(slices.Clone(browserFlags),
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.CombinedOutput(chromeLog))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)

	s := &session{t: t, base: base, artifacts: artifacts, record: &record{downloads: map[string]string{}}}
	bctx, bcancel := chromedp.NewContext(actx, chromedp.WithListener(s.watch("tab 1")))
	t.Cleanup(bcancel)
	s.ctx = bctx
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(viewW, viewH)); err != nil {
		t.Fatalf("start Chromium (%s): %v; see %s", chromium, err, chromeLog.Name())
	}
	if err := chromedp.ListenBrowser(bctx, func(ev any) {
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			s.mu.Lock()
			s.downloads[ev.GUID] = "begun"
			s.mu.Unlock()
		case *browser.EventDownloadProgress:
			s.mu.Lock()
			if s.downloads[ev.GUID] != "read" {
				s.downloads[ev.GUID] = string(ev.State)
			}
			s.mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	events := true
	if _, err := chromedp.CallBrowser(bctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: filepath.Join(artifacts, "downloads"), EventsEnabled: &events,
	}); err != nil {
		t.Fatalf("SetDownloadBehavior: %v", err)
	}
	t.Cleanup(func() { t.Logf("screenshots (look at them): %s", strings.Join(s.shots, " ")) })
	return s
}

// needBrowser skips a browser test in -short runs, and when Chromium is
// missing (a failure under CI=true, through skipOrFail).
func needBrowser(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("the browser test is not short")
	}
	if _, ok := findChromium(); !ok {
		skipOrFail(t, "no Chromium at $CHROMIUM or /usr/bin/chromium; `make deps-browser` installs it (apt-get install chromium)")
	}
}

func TestBrowser(t *testing.T) {
	needBrowser(t)
	base := seedServer(t)
	artifacts, err := filepath.Abs("../test-artifacts/browser")
	if err != nil {
		t.Fatal(err)
	}
	s := startBrowser(t, base, artifacts)
	bctx := s.ctx
	// make screenshots: the README's pictures, into $ACCORD_SCREENSHOTS.
	pictures := os.Getenv("ACCORD_SCREENSHOTS")

	// 1. The page starts empty, with its bundle.
	s.do("open the page", chromedp.Navigate(base+"/"))
	s.idle()
	s.shot("01-home")
	s.check("home")

	// 2. Search "Trudeau": the list offers Justin Trudeau first.
	s.do("type Trudeau", chromedp.SendKeys(chromedp.ID("q"), "Trudeau"))
	s.wait("the autocomplete list", `document.getElementById("q").getAttribute("aria-expanded") === "true" && document.querySelectorAll(".cb-option").length > 0`)
	if first := eval[string](s, `document.querySelector(".cb-option .cb-name").textContent`); first != "Justin Trudeau" {
		t.Errorf("first suggestion for Trudeau = %q, want Justin Trudeau", first)
	}
	s.shot("02-search")
	s.check("search")

	// 3. Enter opens him with his neighbourhood; the panel shows his facts
	// and takes the focus.
	s.do("press Enter", chromedp.KeyEvent(kb.Enter))
	s.idle()
	s.wait("Trudeau's facts", `document.querySelector("#panel .title-text")?.textContent === "Justin Trudeau" && document.querySelectorAll("#panel .fact").length > 0`)
	var nb graph.Neighborhood
	apiGet(t, base, "/api/v1/entities/justin-trudeau/neighbors?depth=1&limit=300", &nb)
	if n := eval[int](s, `explorer.view.cy.nodes(":visible").length`); n != len(nb.Nodes) {
		t.Errorf("nodes on the canvas after opening Trudeau = %d, want his %d neighbourhood nodes", n, len(nb.Nodes))
	}
	if id := eval[string](s, `document.activeElement.id`); id != "panel-title" {
		t.Errorf("focus after opening an entity is on #%s, want #panel-title", id)
	}
	if !strings.Contains(eval[string](s, `location.hash`), "open=justin-trudeau") {
		t.Errorf("the URL does not hold the view: %s", eval[string](s, `location.href`))
	}
	checkLabels(t, s, "justin-trudeau")
	s.shot("03-open-trudeau")
	s.check("open")

	// 4. Double-click Joe Biden on the canvas: his neighbours join.
	before := eval[int](s, `explorer.view.cy.nodes().length`)
	p := s.at("joe-biden")
	s.do("double-click Joe Biden", chromedp.MouseClickXY(p.X, p.Y), chromedp.MouseClickXY(p.X, p.Y, chromedp.ClickCount(2)))
	s.wait("Biden's neighbourhood", `explorer.model.opened.includes("joe-biden")`)
	s.idle()
	if after := eval[int](s, `explorer.view.cy.nodes().length`); after <= before {
		t.Errorf("nodes after expanding Joe Biden = %d, want more than %d", after, before)
	}
	s.shot("04-expand-biden")
	s.check("expand")

	// 5. Zoom with the wheel onto the `met` edge between Biden and Trudeau
	// and click it: the panel lists every document and sentence behind it.
	// The drawn edge between Biden and Trudeau merges every predicate
	// between them (met, discussed, ...).
	const met = "pair:joe-biden~justin-trudeau"
	p = s.at(met)
	for i := 0; i < 60 && eval[float64](s, `explorer.view.cy.zoom()`) < 1.3; i++ {
		s.do("zoom in", wheel(p.X, p.Y, -120))
		p = s.at(met)
	}
	// The layout is random: another edge may cross the met edge's middle,
	// or the two people may sit on top of each other. Click along the edge
	// until the panel shows it; failing that, drag Trudeau away from Biden
	// with the mouse and try again.
	clickAlong := func() bool {
		for _, f := range []float64{-1, 0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85} {
			q := s.at(met) // the middle of the drawn (possibly curved) edge
			if f >= 0 {
				q = s.along(met, f)
			}
			s.do("click the met edge", chromedp.MouseClickXY(q.X, q.Y))
			s.idle()
			if eval[string](s, `explorer.panel.state?.id || ""`) == met {
				return true
			}
		}
		return false
	}
	for try := 0; try < 3 && !clickAlong(); try++ {
		a, b := s.at("joe-biden"), s.at("justin-trudeau")
		dx, dy := b.X-a.X, b.Y-a.Y
		if d := math.Hypot(dx, dy); d > 1 {
			dx, dy = dx/d, dy/d
		} else {
			dx, dy = 1, 0
		}
		to := point{b.X + dx*160, b.Y + dy*160}
		s.do("drag Trudeau away from Biden",
			chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, b.X, b.Y, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (b.X+to.X)/2, (b.Y+to.Y)/2, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, to.X, to.Y, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, to.X, to.Y, chromedp.ButtonLeft))
		s.idle()
	}
	s.wait("the edge's evidence", `document.querySelector("#panel .pred-arrow")?.textContent.includes("met") && document.querySelectorAll("#panel .doc-evidence").length > 0`)
	s.wait("the sentences' contexts", `[...document.querySelectorAll("#panel .passages")].every(p => p.dataset.context === "loaded")`)
	if sel := eval[string](s, `explorer.panel.state.id`); sel != met {
		t.Fatalf("the click opened %q, want the edge %q", sel, met)
	}
	// Every sentence stating a fact between the two, whatever its
	// predicate, is marked; the met ones among them.
	var want, wantMet []string
	var wantFacts []graph.Fact
	wantDocs := map[string]bool{}
	for _, q := range []string{"subject=joe-biden&object=justin-trudeau", "subject=justin-trudeau&object=joe-biden"} {
		var page struct{ Facts []graph.Fact }
		apiGet(t, base, "/api/v1/facts?limit=1000&"+q, &page)
		for _, f := range page.Facts {
			want = append(want, f.Evidence.Sentence)
			wantFacts = append(wantFacts, f)
			wantDocs[f.Doc] = true
			if f.Predicate == "met" {
				wantMet = append(wantMet, f.Evidence.Sentence)
			}
		}
	}
	if len(wantMet) == 0 {
		t.Fatal("the seed corpus has no `met` fact between Biden and Trudeau")
	}
	// Every statement between the two, whatever its predicate and
	// direction, is one edge on the canvas, labelled with their count.
	pair := eval[struct {
		Drawn      int
		Statements int
		Text       string
		Predicates string
	}](s, `(() => {
		const cy = explorer.view.cy, a = cy.getElementById("joe-biden"), b = cy.getElementById("justin-trudeau");
		const es = a.edgesWith(b).filter(e => !e.hasClass("gone"));
		return {drawn: es.length, statements: es.length ? es[0].data("statements") : 0, text: es.length ? es[0].data("text") : "", predicates: es.length ? es[0].data("predicates") : ""};
	})()`)
	preds := map[string]bool{}
	for _, q := range []string{"subject=joe-biden&object=justin-trudeau", "subject=justin-trudeau&object=joe-biden"} {
		var page struct{ Facts []graph.Fact }
		apiGet(t, base, "/api/v1/facts?limit=1000&"+q, &page)
		for _, f := range page.Facts {
			preds[f.Predicate] = true
		}
	}
	if pair.Drawn != 1 || pair.Statements != len(want) || !strings.HasSuffix(pair.Text, fmt.Sprintf(" ×%d", len(want))) || len(strings.Split(pair.Predicates, ",")) != len(preds) {
		t.Errorf("between Biden and Trudeau: %d edges drawn (%d statements, label %q, predicates %s), want 1 edge for the %d statements of %d predicates, labelled ×%d",
			pair.Drawn, pair.Statements, pair.Text, pair.Predicates, len(want), len(preds), len(want))
	}
	t.Logf("Biden–Trudeau: one edge for %d statements of %d predicates, labelled %q", len(want), len(preds), pair.Text)
	marked := eval[[]string](s, `[...document.querySelectorAll("#panel mark.evidence")].map(m => m.textContent)`)
	// A sentence the document repeats inside a longer one is shown once,
	// in the longer.
	for _, w := range want {
		if !slices.ContainsFunc(marked, func(m string) bool { return strings.Contains(m, w) }) {
			t.Errorf("the edge's panel lacks the evidence sentence %q; it marks %q", w, marked)
		}
	}
	checkEvidencePanel(t, s, base, wantDocs, wantFacts)
	s.shot("05-met-edge-evidence")
	if pictures != "" {
		// The whole neighbourhood beside the evidence, for the README.
		s.do("fit the view", chromedp.Click(chromedp.ID("btn-fit")))
		s.idle()
		s.picture(pictures, "neighbourhood-evidence")
	}
	s.check("edge")

	// 6. Its document link opens the document view on that sentence.
	firstDoc := eval[string](s, `document.querySelector("#panel .doc-evidence .doc-link").getAttribute("href")`)
	s.do("open the document", chromedp.Click(chromedp.CSS("#panel .doc-evidence .doc-link")))
	s.wait("the document view", `explorer.panel.state.panel === "doc" && document.querySelector("#panel .sentence.at mark.evidence")`)
	if got := eval[string](s, `document.querySelector("#panel .sentence.at mark").textContent`); !slices.ContainsFunc(want, func(w string) bool { return strings.Contains(got, w) }) {
		t.Errorf("the document view (%s) highlights %q, not a sentence of the edge", firstDoc, got)
	}
	s.shot("06-document-view")
	s.check("document")

	// 7. The path finder: Trudeau to Roxham Road, picked from the lists.
	s.do("open the path finder", chromedp.Click(chromedp.ID("btn-path")))
	s.do("type the start", chromedp.SendKeys(chromedp.ID("path-from"), "Trudeau"))
	s.wait("the start's suggestions", `[...document.querySelectorAll("#panel .cb-option .cb-name")].some(e => e.textContent === "Justin Trudeau")`)
	s.do("pick the start", chromedp.KeyEvent(kb.Enter))
	s.do("type the end", chromedp.SendKeys(chromedp.ID("path-to"), "Roxham"))
	s.wait("the end's suggestions", `[...document.querySelectorAll("#panel .cb-option .cb-name")].some(e => e.textContent === "Roxham Road")`)
	s.do("pick the end", chromedp.KeyEvent(kb.Enter))
	s.do("find the path", chromedp.Click(chromedp.ID("path-go")))
	s.wait("the path", `document.querySelector("#panel .path-names")`)
	s.idle()
	var pr graph.PathResult
	apiGet(t, base, "/api/v1/path?from=justin-trudeau&to=roxham-road", &pr)
	if len(pr.Paths) == 0 {
		t.Fatal("the API finds no path from Trudeau to Roxham Road")
	}
	var names []string
	for _, n := range pr.Paths[0].Nodes {
		names = append(names, n.Name)
	}
	if got := eval[string](s, `document.querySelector("#panel .path-names").textContent`); got != strings.Join(names, " → ") {
		t.Errorf("path shown = %q, want %q", got, strings.Join(names, " → "))
	}
	if n := eval[int](s, `explorer.view.cy.edges(".path:visible").length`); n != pr.Paths[0].Length {
		t.Errorf("highlighted edges = %d, want the path's %d hops", n, pr.Paths[0].Length)
	}
	if n := eval[int](s, `document.querySelectorAll("#panel .hop blockquote").length`); n != pr.Paths[0].Length {
		t.Errorf("hops with their evidence sentence = %d, want %d", n, pr.Paths[0].Length)
	}
	s.shot("07-path-trudeau-roxham")
	if pictures != "" {
		s.picture(pictures, "path-evidence")
	}
	s.check("path")

	// 8. Export what is on screen as N-Quads: valid N-Quads, every line also
	// in the server's export, with the met fact and the path's hops.
	nq := s.download("#btn-nq")
	os.WriteFile(filepath.Join(artifacts, "08-on-screen.nq"), nq, 0o644)
	checkExport(t, base, nq, pr.Paths[0])
	s.check("export N-Quads")

	// 9. Export the picture.
	pic := s.download("#btn-png")
	os.WriteFile(filepath.Join(artifacts, "09-export.png"), pic, 0o644)
	if img, err := png.Decode(bytes.NewReader(pic)); err != nil {
		t.Errorf("exported PNG: %v", err)
	} else if b := img.Bounds(); b.Dx() < 200 || b.Dy() < 200 {
		t.Errorf("exported PNG is %dx%d, too small", b.Dx(), b.Dy())
	}
	s.check("export PNG")

	// 10. The URL holds the view: a second tab shows the same graph, path
	// and panel.
	href := eval[string](s, `location.href`)
	state := eval[string](s, `JSON.stringify([explorer.view.cy.nodes(":visible").length, explorer.view.cy.edges(":visible").length, explorer.view.cy.edges(".path").length, explorer.panel.state])`)
	tab2, cancel2 := chromedp.NewContext(bctx, chromedp.WithListener(s.watch("tab 2")))
	defer cancel2()
	s2 := &session{t: t, ctx: tab2, base: base, artifacts: artifacts, record: s.record}
	s2.do("open the shared link", chromedp.EmulateViewport(viewW, viewH), chromedp.Navigate(href))
	s2.idle()
	s2.wait("the shared view", `explorer.panel.state !== null`)
	if got := eval[string](s2, `JSON.stringify([explorer.view.cy.nodes(":visible").length, explorer.view.cy.edges(":visible").length, explorer.view.cy.edges(".path").length, explorer.panel.state])`); got != state {
		t.Errorf("shared link %s shows [nodes, edges, path edges, panel] = %s, want %s", href, got, state)
	}
	s2.shot("10-shared-link")
	s.check("shared link")
	cancel2()

	// 11. Filters: types off, and a brush over the timeline narrows the
	// dates.
	nodes := eval[int](s, `explorer.view.cy.nodes(":visible").length`)
	s.do("drop Issue and Commitment", chromedp.Click(chromedp.ID("type-Issue")), chromedp.Click(chromedp.ID("type-Commitment")))
	if got := eval[int](s, `explorer.view.cy.nodes(":visible").length`); got >= nodes {
		t.Errorf("visible nodes after dropping Issue and Commitment = %d, want fewer than %d", got, nodes)
	}
	if eval[int](s, `explorer.view.cy.nodes(':visible[type = "Issue"]').length`) != 0 {
		t.Error("Issue nodes still visible with the Issue filter off")
	}
	tl := eval[[]float64](s, `(() => { const r = document.getElementById("timeline").getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	y := tl[1] + tl[3]/2
	s.do("brush the timeline",
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, tl[0]+tl[2]*0.55, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, tl[0]+tl[2]*0.75, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, tl[0]+tl[2]*0.98, y, chromedp.ButtonLeft))
	s.wait("a date range", `explorer.model.filters.since !== "" && explorer.model.filters.until !== ""`)
	if h := eval[string](s, `location.hash`); !strings.Contains(h, "since=") || !strings.Contains(h, "xt=") {
		t.Errorf("the URL lacks the filters: %s", h)
	}
	s.do("drop a predicate from the keyboard", chromedp.Focus(chromedp.ID("pred-discussed")), chromedp.KeyEvent(" "))
	if !eval[bool](s, `explorer.model.filters.xPreds.has("discussed") && document.activeElement.id === "pred-discussed"`) {
		t.Error("Space on the discussed checkbox did not drop the predicate, or lost the focus")
	}
	s.shot("11-filters-and-timeline")
	s.do("reset the filters", chromedp.Click(chromedp.ID("f-reset")))
	if got := eval[int](s, `explorer.view.cy.nodes(":visible").length`); got != nodes {
		t.Errorf("visible nodes after the reset = %d, want %d", got, nodes)
	}
	s.check("filters")

	// 12. The keyboard: Escape closes the panel, the arrows walk the graph,
	// Enter opens an entity in the panel, P pins it, Escape again returns
	// to the graph.
	s.do("Escape", chromedp.KeyEvent(kb.Escape))
	s.wait("the panel to close", `document.getElementById("panel").hidden`)
	s.do("focus the graph", chromedp.Focus(chromedp.ID("graph")))
	s.do("arrows", chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	s.wait("an entity's panel", `explorer.panel.state?.panel === "node"`)
	s.do("Enter", chromedp.KeyEvent(kb.Enter))
	s.wait("the focus in the panel", `document.activeElement.id === "panel-title"`)
	pinned := eval[string](s, `explorer.panel.state.id`)
	s.do("back to the graph and pin", chromedp.Focus(chromedp.ID("graph")), chromedp.KeyEvent("p"))
	s.wait("the pin", fmt.Sprintf(`explorer.model.pinned.has(%q) && location.hash.includes("pin=")`, pinned))
	// The pinned entity stays where it is when the layout runs again; the
	// others may move.
	before12 := eval[map[string]point](s, `Object.fromEntries(explorer.view.cy.nodes(":visible").map(n => [n.id(), n.position()]))`)
	layouts := eval[int](s, `explorer.metrics.snapshot().layouts.length`)
	s.do("re-run the layout", chromedp.Click(chromedp.ID("btn-layout")))
	s.wait("the new layout", fmt.Sprintf(`explorer.metrics.snapshot().layouts.length > %d`, layouts))
	after12 := eval[map[string]point](s, `Object.fromEntries(explorer.view.cy.nodes(":visible").map(n => [n.id(), n.position()]))`)
	if a, b := before12[pinned], after12[pinned]; math.Hypot(a.X-b.X, a.Y-b.Y) > 0.5 {
		t.Errorf("pinned %s moved from %v to %v when the layout ran again", pinned, a, b)
	}
	moved := 0
	for id, a := range before12 {
		if b, ok := after12[id]; ok && math.Hypot(a.X-b.X, a.Y-b.Y) > 0.5 {
			moved++
		}
	}
	t.Logf("re-run layout: %d of %d nodes moved, the pinned %s stayed", moved, len(before12), pinned)
	s.do("the panel's close button", chromedp.Focus(chromedp.CSS("#panel .panel-close")), chromedp.KeyEvent(kb.Escape))
	s.wait("the focus back on the graph", `document.getElementById("panel").hidden && document.activeElement.id === "graph"`)
	s.shot("12-keyboard-pinned")
	s.check("keyboard")

	// 13. A smaller laptop screen: the filters fold behind a button, the
	// panel overlays the canvas.
	s.do("a 1024×700 screen", chromedp.EmulateViewport(1024, 700))
	s.do("open Trudeau again", chromedp.Focus(chromedp.ID("graph")))
	s.do("pick Trudeau", chromedp.Evaluate[chromedp.Void](`explorer.showNode("justin-trudeau", false)`))
	s.wait("the panel", `!document.getElementById("panel").hidden`)
	s.do("open the filters", chromedp.Click(chromedp.ID("btn-filters")))
	s.wait("the filters", `getComputedStyle(document.getElementById("filters")).display !== "none"`)
	if w := eval[float64](s, `document.documentElement.scrollWidth`); w > 1024 {
		t.Errorf("the page is %v px wide on a 1024 px screen", w)
	}
	s.shot("13-small-screen")
	s.check("small screen")

	// 14. Qualifiers: Canada's pledge to NORAD, with its amount, in the
	// edge's evidence panel.
	s.do("open Canada", chromedp.Evaluate[chromedp.Void](`explorer.openEntity("canada")`))
	s.idle()
	s.wait("Canada's neighbourhood", `explorer.model.opened.includes("canada") && explorer.view.cy.getElementById("pair:canada~norad").nonempty()`)
	s.do("open the pledge", chromedp.Evaluate[chromedp.Void](`explorer.showEdge("pair:canada~norad", false)`))
	s.wait("the pledge's evidence", `document.querySelectorAll("#panel .doc-evidence").length > 0 && [...document.querySelectorAll("#panel .passages")].every(p => p.dataset.context === "loaded")`)
	var pledge []graph.Fact
	pledgeDocs := map[string]bool{}
	for _, q := range []string{"subject=canada&object=norad", "subject=norad&object=canada"} {
		var page struct{ Facts []graph.Fact }
		apiGet(t, base, "/api/v1/facts?limit=1000&"+q, &page)
		for _, f := range page.Facts {
			pledge = append(pledge, f)
			pledgeDocs[f.Doc] = true
		}
	}
	if !slices.ContainsFunc(pledge, func(f graph.Fact) bool { return len(f.Qualifiers) > 0 }) {
		t.Fatalf("the seed corpus's facts between Canada and NORAD have no qualifier: %+v", pledge)
	}
	checkEvidencePanel(t, s, base, pledgeDocs, pledge)
	s.shot("14-qualifiers")
	s.check("qualifiers")
}

// evidencePanel is what the evidence panel shows, read from the page.
type evidencePanel struct {
	Docs      []string // the documents' sections, in order
	Blocks    []string // every sentence shown, evidence and context
	Near      int      // context sentences
	Claims    int
	Modal     int // claims with a modality chip
	Chips     []string
	Qualified []string // qualifier chips
}

// checkEvidencePanel checks the open evidence panel: one section per
// document (docs), newest first; each sentence shown once, the evidence
// with its context; a modality chip on every claim and a chip for every
// qualifier of the facts.
func checkEvidencePanel(t *testing.T, s *session, base string, docs map[string]bool, facts []graph.Fact) {
	t.Helper()
	p := eval[evidencePanel](s, `(() => {
		const q = (sel, root) => [...(root || document).querySelectorAll(sel)];
		return {
			docs: q("#panel .doc-evidence").map(d => d.dataset.doc),
			blocks: q("#panel .context .here, #panel .context .near").map(b => b.textContent.trim()),
			near: q("#panel .context .near").length,
			claims: q("#panel .claim").length,
			modal: q("#panel .claim").filter(c => q(".chips", c).every(r => r.querySelector(".chip[class*='mod-']"))).length,
			chips: q("#panel .chip").map(c => c.textContent),
			qualified: q("#panel .chip.qual").map(c => c.textContent),
		};
	})()`)
	var listed struct{ Documents []graph.Document }
	apiGet(t, base, "/api/v1/documents", &listed)
	date := map[string]string{}
	for _, d := range listed.Documents {
		date[d.ID] = d.Published
	}
	if len(p.Docs) != len(docs) {
		t.Errorf("the panel has %d document sections %v, want one for each of the %d documents", len(p.Docs), p.Docs, len(docs))
	}
	seen := map[string]bool{}
	for i, d := range p.Docs {
		if seen[d] || !docs[d] {
			t.Errorf("document section %q repeated or unexpected: %v", d, p.Docs)
		}
		seen[d] = true
		if i > 0 && date[d] > date[p.Docs[i-1]] {
			t.Errorf("document %s (%s) after %s (%s): want the newest first", d, date[d], p.Docs[i-1], date[p.Docs[i-1]])
		}
	}
	shown := map[string]int{}
	for _, b := range p.Blocks {
		if shown[b]++; shown[b] == 2 {
			t.Errorf("the panel shows the sentence %q twice", b)
		}
	}
	if p.Near == 0 {
		t.Errorf("no evidence sentence has a context sentence before or after it")
	}
	if p.Claims == 0 || p.Modal != p.Claims {
		t.Errorf("%d of %d claims have a modality chip", p.Modal, p.Claims)
	}
	quals := 0
	for _, f := range facts {
		for _, q := range f.Qualifiers {
			quals++
			if chip := q.Key + ": " + q.Value; !slices.Contains(p.Qualified, chip) {
				t.Errorf("no qualifier chip %q for %s %s %s; the chips are %q", chip, f.Subject, f.Predicate, f.Object.Entity, p.Qualified)
			}
		}
	}

	t.Logf("evidence panel: %d documents, %d sentences shown (%d as context), %d claims, %d chips (%d qualifiers)", len(p.Docs), len(p.Blocks), p.Near, p.Claims, len(p.Chips), quals)
}

// checkLabels checks the labels of the canvas at the zoom it has: none
// drawn under 11 CSS px on screen (its font size times the zoom, measured
// by the page's metrics and again here), and every visible neighbour of
// the selected node labelled.
func checkLabels(t *testing.T, s *session, selected string) {
	t.Helper()
	var got struct {
		Zoom      float64
		Labelled  int
		Small     []string
		Unlabeled []string
		MinPx     float64
	}
	got = eval[struct {
		Zoom      float64
		Labelled  int
		Small     []string
		Unlabeled []string
		MinPx     float64
	}](s, fmt.Sprintf(`(() => {
		const cy = explorer.view.cy, z = cy.zoom(), small = [];
		let labelled = 0;
		cy.elements(":visible").forEach(e => {
			if (!e.pstyle("label").strValue) return;
			labelled++;
			const px = e.pstyle("font-size").pfValue * z;
			if (px < 11) small.push(e.id() + " " + px.toFixed(1) + "px");
		});
		const sel = cy.getElementById(%q);
		const unlabeled = sel.neighborhood("node:visible").filter(n => !n.pstyle("label").strValue).map(n => n.id());
		return {zoom: z, labelled, small, unlabeled, minPx: explorer.metrics.snapshot().labels.minPx};
	})()`, selected))
	if len(got.Small) > 0 || got.MinPx < 11 {
		t.Errorf("at zoom %.2f, labels under 11 px on screen: %v (the page's metrics: smallest %.1f px)", got.Zoom, got.Small, got.MinPx)
	}
	if got.Labelled == 0 {
		t.Error("no label on the canvas")
	}
	if len(got.Unlabeled) > 0 {
		t.Errorf("neighbours of the selected %s without a label: %v", selected, got.Unlabeled)
	}
	t.Logf("labels at zoom %.2f: %d drawn, the smallest %.1f px on screen", got.Zoom, got.Labelled, got.MinPx)
}

// checkExport checks the on-screen N-Quads: they parse, every line is also
// a line of the server's full export, and they hold the met fact between
// Biden and Trudeau and every hop of the path.
func checkExport(t *testing.T, base string, nq []byte, path graph.Path) {
	t.Helper()
	if len(nq) == 0 {
		t.Fatal("the N-Quads export is empty")
	}
	st, err := graph.Open(context.Background(), "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.Import(context.Background(), bytes.NewReader(nq)); err != nil || n == 0 {
		t.Errorf("importing the exported N-Quads = %d, %v", n, err)
	}
	res, err := http.Get(base + "/api/v1/export")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	full := map[string]bool{}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		full[sc.Text()] = true
	}
	lines := strings.Split(strings.TrimSpace(string(nq)), "\n")
	missing := 0
	for _, l := range lines {
		if !full[l] {
			if missing++; missing <= 5 {
				t.Errorf("exported line not in the server's export: %s", l)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d exported lines are not in the server's export", missing, len(lines))
	}
	has := func(prefix string) bool {
		return slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, prefix) })
	}
	ent := func(id string) string { return "<" + graph.EntityBase + id + ">" }
	met := ent("joe-biden") + " <" + graph.PredicateIRI("met") + "> " + ent("justin-trudeau") + " <" + graph.DocumentBase
	if !has(met) {
		t.Errorf("the export lacks %s…", met)
	}
	for _, h := range path.Hops {
		s, o := h.From, h.To
		if h.Direction == "in" {
			s, o = o, s
		}
		if q := ent(s) + " <" + graph.PredicateIRI(h.Predicate) + "> " + ent(o) + " "; !has(q) {
			t.Errorf("the export lacks the path's hop %s…", q)
		}
	}
	if !has(ent("roxham-road") + " <http://schema.org/name> \"Roxham Road\" ") {
		t.Error("the export lacks Roxham Road's name")
	}
	t.Logf("exported %d quads, all in the server's export", len(lines))
}
