package loader

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// ReportMode is how a Reporter shows progress.
type ReportMode int

// The report modes.
const (
	ReportQuiet ReportMode = iota // the summary only
	ReportBar                     // a progress bar redrawn in place (a terminal)
	ReportLines                   // a line every few seconds, and every failure
	ReportJSON                    // one JSON event per document, then the summary
)

// Reporter shows a load's progress on w: documents done, facts, documents
// per second and the time left.
type Reporter struct {
	w       io.Writer
	mode    ReportMode
	every   time.Duration // ReportLines: at most one progress line this often
	start   time.Time
	last    time.Time
	facts   int
	failed  int
	drawn   bool
	nowFunc func() time.Time
}

// NewReporter returns a reporter writing to w.
func NewReporter(w io.Writer, mode ReportMode) *Reporter {
	r := &Reporter{w: w, mode: mode, every: 2 * time.Second, nowFunc: time.Now}
	r.start = r.nowFunc()
	return r
}

// Progress records one finished document; pass it as Options.Progress.
func (r *Reporter) Progress(p Progress) {
	now := r.nowFunc()
	r.facts += p.Facts
	if p.Err != nil {
		r.failed++
	}
	switch r.mode {
	case ReportJSON:
		ev := struct {
			Event  string `json:"event"`
			Path   string `json:"path"`
			Result string `json:"result"`
			Facts  int    `json:"facts"`
			Error  string `json:"error,omitempty"`
			Done   int    `json:"done"`
			Total  int    `json:"total"`
		}{"document", p.Path, p.Result, p.Facts, errString(p.Err), p.Done, p.Total}
		json.NewEncoder(r.w).Encode(ev)
	case ReportBar:
		if p.Err != nil {
			r.clear()
			fmt.Fprintf(r.w, "failed %s: %v\n", p.Path, p.Err)
		}
		if p.Done == p.Total || now.Sub(r.last) >= 100*time.Millisecond {
			r.last = now
			r.clear()
			fmt.Fprint(r.w, r.bar(p, now))
			r.drawn = true
		}
	case ReportLines:
		if p.Err != nil {
			fmt.Fprintf(r.w, "failed %s: %v\n", p.Path, p.Err)
		}
		if p.Done == p.Total || now.Sub(r.last) >= r.every {
			r.last = now
			fmt.Fprintln(r.w, r.status(p, now))
		}
	}
}

// Summary prints the final account of a load.
func (r *Reporter) Summary(sum Summary, store string) {
	if r.mode == ReportBar {
		r.clear()
	}
	if r.mode == ReportJSON {
		ev := struct {
			Event     string   `json:"event"`
			Added     int      `json:"added"`
			Replaced  int      `json:"replaced"`
			Unchanged int      `json:"unchanged"`
			Failed    int      `json:"failed"`
			Facts     int      `json:"facts"`
			Entities  int      `json:"entities"`
			Seconds   float64  `json:"seconds"`
			Errors    []string `json:"errors,omitempty"`
			Skipped   []string `json:"skipped,omitempty"`
			Store     string   `json:"store"`
		}{Event: "summary", Added: sum.Added, Replaced: sum.Replaced, Unchanged: sum.Unchanged, Failed: sum.Failed,
			Facts: sum.Facts, Entities: sum.Entities, Seconds: sum.Elapsed.Seconds(), Skipped: sum.Skipped, Store: store}
		for _, e := range sum.Errors {
			ev.Errors = append(ev.Errors, e.Error())
		}
		json.NewEncoder(r.w).Encode(ev)
		return
	}
	if r.mode == ReportQuiet {
		for _, e := range sum.Errors {
			fmt.Fprintf(r.w, "failed %v\n", e)
		}
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(r.w, "skipped %s: a folder's notes, not a document (name the file to load it)\n", s)
	}
	fmt.Fprintf(r.w, "loaded %d documents (%d new, %d replaced), %d unchanged, %d failed; %d facts, %d entities in %s into %s\n",
		sum.Added+sum.Replaced, sum.Added, sum.Replaced, sum.Unchanged, sum.Failed, sum.Facts, sum.Entities,
		sum.Elapsed.Round(time.Millisecond), store)
}

// status is one line: "120/1000 documents, 3456 facts, 45.2 docs/s, 19s left".
func (r *Reporter) status(p Progress, now time.Time) string {
	elapsed := now.Sub(r.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.Done) / elapsed
	}
	left := "?"
	if rate > 0 {
		left = (time.Duration(float64(p.Total-p.Done)/rate) * time.Second).Round(time.Second).String()
	}
	return fmt.Sprintf("%d/%d documents, %d facts, %d failed, %.1f docs/s, %s left", p.Done, p.Total, r.facts, r.failed, rate, left)
}

// bar draws "[#######.....] 120/1000 documents, ...".
func (r *Reporter) bar(p Progress, now time.Time) string {
	const width = 30
	n := width
	if p.Total > 0 {
		n = width * p.Done / p.Total
	}
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", width-n) + "] " + r.status(p, now)
}

// clear erases the bar drawn last.
func (r *Reporter) clear() {
	if r.drawn {
		fmt.Fprint(r.w, "\r\033[K")
		r.drawn = false
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
