package graph

import (
	"fmt"
	"regexp"
	"strings"
)

// Scope narrows facts by what was stated, where and how: the predicates,
// the document, the document's publication date and the modality. Empty
// fields keep everything.
type Scope struct {
	Predicates []string   // local names ("met")
	Doc        string     // document id
	Since      string     // documents published on or after: YYYY, YYYY-MM or YYYY-MM-DD
	Until      string     // documents published on or before (inclusive, same forms)
	Modalities []Modality // asserted, reported, expected, sought
	AsOf       string     // only facts that held on this day, YYYY-MM-DD (validity.go)
}

// ErrBadScope reports a scope that cannot be applied (a malformed date).
var ErrBadScope = fmt.Errorf("graph: bad scope")

var reDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// Check reports a malformed date.
func (sc Scope) Check() error {
	for _, d := range []struct{ name, v string }{{"since", sc.Since}, {"until", sc.Until}} {
		if d.v != "" && !reDate.MatchString(d.v) {
			return fmt.Errorf("%w: %s %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", ErrBadScope, d.name, d.v)
		}
	}
	if sc.AsOf != "" {
		return CheckAsOf(sc.AsOf)
	}
	return nil
}

// dated reports whether the scope needs documents' dates.
func (sc Scope) dated() bool { return sc.Since != "" || sc.Until != "" }

// keepPredicate reports whether predicate p is in scope.
func (sc Scope) keepPredicate(p string) bool {
	if len(sc.Predicates) == 0 {
		return true
	}
	for _, x := range sc.Predicates {
		if x == p {
			return true
		}
	}
	return false
}

// keep reports whether fact f, read from a document published on date
// ("" when unknown), is in scope. A fact whose document has no date is
// out of any date range.
func (sc Scope) keep(f Fact, date string) bool {
	if !sc.keepPredicate(f.Predicate) {
		return false
	}
	if sc.Doc != "" && f.Doc != sc.Doc {
		return false
	}
	if len(sc.Modalities) > 0 {
		ok := false
		for _, m := range sc.Modalities {
			ok = ok || m == f.Evidence.Modality
		}
		if !ok {
			return false
		}
	}
	if sc.Since != "" && (date == "" || date < sc.Since) {
		return false
	}
	if sc.Until != "" && (date == "" || clipDate(date, len(sc.Until)) > sc.Until) {
		return false
	}
	return true
}

// keepRead checks f against the scope, reading its document's date when the
// scope needs it.
func (r *reader) keep(sc Scope, f Fact) bool {
	date := ""
	if sc.dated() {
		date = r.docDate(f.Doc)
	}
	if !sc.keep(f, date) {
		return false
	}
	return sc.AsOf == "" || r.holds(f, sc.AsOf)
}

func clipDate(d string, n int) string {
	if len(d) > n {
		return d[:n]
	}
	return d
}

// ParsePredicates splits a comma-separated list of predicate local names.
func ParsePredicates(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, LocalName(p))
		}
	}
	return out
}
