// Package timex finds temporal expressions in a sentence ("in 2002",
// "since 2004", "on Friday", "last month", "March 24, 2023", "from 2021 to
// 2023") with their byte spans, and resolves them against a document's
// publication date to an interval of years, months or days.
//
// It holds the mechanics only: the words (month and weekday names,
// prepositions, relative phrases) come from a Vocabulary, which the loader
// reads from data/time.yaml. Its functions are pure: the same sentence,
// vocabulary and date give the same answer.
package timex

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Vocabulary is the words temporal expressions are made of, as
// data/time.yaml lists them.
type Vocabulary struct {
	// Months maps each month's name to its other forms ("January": [Jan.,
	// Jan]); names match capitalized only ("May", not the verb "may").
	Months map[string][]string `yaml:"months"`
	// Weekdays maps each weekday's name to its other forms.
	Weekdays map[string][]string `yaml:"weekdays"`
	// Prepositions introduce an expression and say what it bounds.
	Prepositions struct {
		Point []string   `yaml:"point"` // in, on, during: the time something happened
		Since []string   `yaml:"since"` // since, starting: from then on
		Until []string   `yaml:"until"` // until, through: up to then
		Range [][]string `yaml:"range"` // [from, to], [between, and]
	} `yaml:"prepositions"`
	// Relative lists the phrases that name a time by its distance from
	// the document's date ("last month", "earlier this year").
	Relative []Relative `yaml:"relative"`
	// WeekdayShifts maps a word before a weekday to the week it picks
	// ("last Friday": -1, "next Friday": 1, "this Friday": 0).
	WeekdayShifts map[string]int `yaml:"weekday_shifts"`

	months   map[string]int
	weekdays map[string]time.Weekday
	rel      [][]string // words of Relative, in the same order
	leadList []lead     // leads(), made by Compile
}

// Relative is a phrase naming a time relative to the document's date.
type Relative struct {
	Words string `yaml:"words"` // "last month"
	Unit  string `yaml:"unit"`  // day, week, month or year
	Shift int    `yaml:"shift"` // units after (positive) or before the document's
	// Part is "" for the whole unit, "before" for the part of it before
	// the document's date ("earlier this year"), "after" for the rest.
	Part string `yaml:"part"`
}

// Compile checks the vocabulary and prepares it for Find; errors name the
// entry at fault.
func (v *Vocabulary) Compile() error {
	v.months, v.weekdays = map[string]int{}, map[string]time.Weekday{}
	order := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	for i, m := range order {
		forms, ok := v.Months[m]
		if !ok {
			return fmt.Errorf("months: %s is missing", m)
		}
		for _, f := range append([]string{m}, forms...) {
			v.months[strings.TrimSuffix(f, ".")] = i + 1
		}
	}
	if len(v.Months) != 12 {
		return fmt.Errorf("months: %d entries, want the 12 months by their English names", len(v.Months))
	}
	days := []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	for i, d := range days {
		forms, ok := v.Weekdays[d]
		if !ok {
			return fmt.Errorf("weekdays: %s is missing", d)
		}
		for _, f := range append([]string{d}, forms...) {
			v.weekdays[strings.TrimSuffix(f, ".")] = time.Weekday(i)
		}
	}
	for _, r := range v.Prepositions.Range {
		if len(r) != 2 {
			return fmt.Errorf("prepositions: range %v must pair a start and an end word", r)
		}
	}
	v.rel = nil
	for i, r := range v.Relative {
		switch r.Unit {
		case "day", "week", "month", "year":
		default:
			return fmt.Errorf("relative %d (%q): unit must be day, week, month or year, not %q", i+1, r.Words, r.Unit)
		}
		switch r.Part {
		case "", "before", "after":
		default:
			return fmt.Errorf("relative %d (%q): part must be before or after, not %q", i+1, r.Words, r.Part)
		}
		if strings.TrimSpace(r.Words) == "" {
			return fmt.Errorf("relative %d: words are required", i+1)
		}
		v.rel = append(v.rel, strings.Fields(strings.ToLower(r.Words)))
	}
	v.leadList = v.leads()
	return nil
}

// Kind says what an expression bounds.
type Kind int

// The kinds of expression.
const (
	Point Kind = iota // a time something happened: "in 2002", "on Friday"
	Since             // from a time on: "since 2004"
	Until             // up to a time: "until 2025"
	Range             // between two times: "from 2021 to 2023"
)

func (k Kind) String() string { return [...]string{"point", "since", "until", "range"}[k] }

// Expr is a temporal expression found in a text.
type Expr struct {
	Start, End int    // byte offsets in the text, preposition included
	Text       string // the text[Start:End]
	Kind       Kind
	// Lead is the preposition that opens it, lower case ("in", "since",
	// "from"); "" when it has none.
	Lead string
	// Bare reports an absolute date or a weekday with no preposition ("a
	// 2004 treaty", "Friday's talks"): often a modifier of a noun rather
	// than the time of the clause.
	Bare     bool
	from, to ref
}

// refKind is how a time is named.
type refKind int

const (
	refAbsolute refKind = iota // a year, a month or a day, the year possibly left out
	refWeekday                 // a weekday, shifted or not
	refRelative                // a relative phrase
)

// ref is an unresolved time.
type ref struct {
	kind           refKind
	year, mon, day int          // refAbsolute; year 0 when left out
	weekday        time.Weekday // refWeekday
	shifted        bool         // refWeekday: "last"/"next"/"this" came first
	shift          int          // refWeekday, refRelative
	rel            Relative     // refRelative
}

// Date is a day, a month (Day 0) or a year (Month 0).
type Date struct{ Year, Month, Day int }

// IsZero reports an open end.
func (d Date) IsZero() bool { return d.Year == 0 }

// String writes the date at its precision: 2002, 2002-06, 2002-06-05.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

func dayOf(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

// first and last return the first and last day the date covers.
func (d Date) first() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

func (d Date) last() time.Time {
	switch {
	case d.Month == 0:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case d.Day == 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.first()
}

// Interval is a span of time; a zero end is open.
type Interval struct{ From, Until Date }

// String writes the interval as FROM–UNTIL, an open end left empty.
func (iv Interval) String() string { return iv.From.String() + "–" + iv.Until.String() }

// Tense picks between the past and the coming occurrence of a time named
// without its year or week ("on Friday", "in March").
type Tense int

// The tenses.
const (
	Past   Tense = iota // the last occurrence on or before the document's date
	Future              // the first on or after it
)

// ParseDay reads a document's date (YYYY-MM-DD, possibly followed by a
// time); false when it is not one.
func ParseDay(s string) (time.Time, bool) {
	if len(s) > 10 {
		s = s[:10]
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// Resolve turns the expression into an interval, against the document's
// date doc (the zero time when unknown) and the tense of its clause.
// False when it cannot be resolved: a relative time or a weekday in an
// undated document, or an impossible date.
func (e Expr) Resolve(doc time.Time, t Tense) (Interval, bool) {
	a, ok := e.from.resolve(doc, t)
	if !ok {
		return Interval{}, false
	}
	switch e.Kind {
	case Since:
		return Interval{From: a.From}, true
	case Until:
		return Interval{Until: a.Until}, true
	case Range:
		b, ok := e.to.resolve(doc, t)
		if !ok || b.Until.last().Before(a.From.first()) {
			return Interval{}, false
		}
		return Interval{From: a.From, Until: b.Until}, true
	}
	return a, true
}

// resolve turns one time into the interval it covers.
func (r ref) resolve(doc time.Time, t Tense) (Interval, bool) {
	switch r.kind {
	case refAbsolute:
		d := Date{r.year, r.mon, r.day}
		if r.year == 0 {
			if doc.IsZero() {
				return Interval{}, false
			}
			d = yearFor(Date{0, r.mon, r.day}, doc, t)
		}
		if d.Day > 0 && d.last().Day() != d.Day {
			return Interval{}, false // February 30
		}
		return Interval{d, d}, true
	case refWeekday:
		if doc.IsZero() {
			return Interval{}, false
		}
		var day time.Time
		switch {
		case r.shifted && r.shift < 0: // last Friday: the latest before the document's day
			day = doc.AddDate(0, 0, -1)
			for day.Weekday() != r.weekday {
				day = day.AddDate(0, 0, -1)
			}
		case r.shifted && r.shift > 0: // next Friday: the first after it
			day = doc.AddDate(0, 0, 1)
			for day.Weekday() != r.weekday {
				day = day.AddDate(0, 0, 1)
			}
		case r.shifted: // this Friday: in the document's week
			day = monday(doc).AddDate(0, 0, (int(r.weekday)+6)%7)
		default:
			day = doc
			step := -1
			if t == Future {
				step = 1
			}
			for day.Weekday() != r.weekday {
				day = day.AddDate(0, 0, step)
			}
		}
		return Interval{dayOf(day), dayOf(day)}, true
	case refRelative:
		if doc.IsZero() {
			return Interval{}, false
		}
		var from, until Date
		switch r.rel.Unit {
		case "day":
			d := dayOf(doc.AddDate(0, 0, r.rel.Shift))
			return Interval{d, d}, true
		case "week":
			m := monday(doc).AddDate(0, 0, 7*r.rel.Shift)
			from, until = dayOf(m), dayOf(m.AddDate(0, 0, 6))
		case "month":
			m := time.Date(doc.Year(), doc.Month()+time.Month(r.rel.Shift), 1, 0, 0, 0, 0, time.UTC)
			from = Date{m.Year(), int(m.Month()), 0}
			until = from
		case "year":
			from = Date{doc.Year() + r.rel.Shift, 0, 0}
			until = from
		}
		switch r.rel.Part {
		case "before":
			until = dayOf(doc)
		case "after":
			from = dayOf(doc)
		}
		return Interval{from, until}, true
	}
	return Interval{}, false
}

// monday returns the Monday of t's week.
func monday(t time.Time) time.Time { return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)) }

// yearFor gives a month or a day named without its year the year that
// places it on the tense's side of the document's date: "in December"
// read in January is last December, unless the clause is about what will
// happen.
func yearFor(d Date, doc time.Time, t Tense) Date {
	d.Year = doc.Year()
	docDay := time.Date(doc.Year(), doc.Month(), doc.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case t == Past && d.first().After(docDay):
		d.Year--
	case t == Future && d.last().Before(docDay):
		d.Year++
	}
	return d
}

// token is a word, a number or a punctuation mark of the text.
type token struct {
	start, end int
	text       string
	lower      string
	kind       byte // 'w' word, 'd' digits, 'p' punctuation
}

// tokenize splits text into words, numbers and punctuation marks.
func tokenize(text string) []token {
	var out []token
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			digit := unicode.IsDigit(r)
			j := i
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) || unicode.IsDigit(r2) != digit && !(digit && unicode.IsLetter(r2)) {
					break
				}
				j += n2
			}
			kind := byte('w')
			if digit {
				kind = 'd'
			}
			out = append(out, token{i, j, text[i:j], strings.ToLower(text[i:j]), kind})
			i = j
		default:
			out = append(out, token{i, i + n, text[i : i+n], text[i : i+n], 'p'})
			i += n
		}
	}
	return out
}

// matchWords reports whether the tokens from i spell words (lower case)
// and returns the index after them.
func matchWords(toks []token, i int, words []string) (int, bool) {
	for _, w := range words {
		if i >= len(toks) || toks[i].lower != w {
			return 0, false
		}
		i++
	}
	return i, true
}

// lead is a preposition found before a time.
type lead struct {
	kind  Kind
	words []string
	end   string // the range's end word, for Range
}

// leads lists the vocabulary's prepositions, longest first.
func (v *Vocabulary) leads() []lead {
	var out []lead
	add := func(k Kind, ps []string) {
		for _, p := range ps {
			out = append(out, lead{kind: k, words: strings.Fields(strings.ToLower(p))})
		}
	}
	add(Point, v.Prepositions.Point)
	add(Since, v.Prepositions.Since)
	add(Until, v.Prepositions.Until)
	for _, r := range v.Prepositions.Range {
		out = append(out, lead{kind: Range, words: strings.Fields(strings.ToLower(r[0])), end: strings.ToLower(r[1])})
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].words) > len(out[j].words) })
	return out
}

// Find returns the temporal expressions of text, in order, none
// overlapping another.
func (v *Vocabulary) Find(text string) []Expr {
	return v.find(text, tokenize(text))
}

// find is Find over the tokens of text.
func (v *Vocabulary) find(text string, toks []token) []Expr {
	leads := v.leadList
	if leads == nil {
		leads = v.leads()
	}
	var out []Expr
	for i := 0; i < len(toks); {
		e, next, ok := v.exprAt(toks, i, leads)
		if !ok {
			i++
			continue
		}
		e.Text = text[e.Start:e.End]
		out = append(out, e)
		i = next
	}
	return out
}

// exprAt reads an expression opening at token i.
func (v *Vocabulary) exprAt(toks []token, i int, leads []lead) (Expr, int, bool) {
	for _, l := range leads {
		j, ok := matchWords(toks, i, l.words)
		if !ok {
			continue
		}
		r, k, ok := v.timeAt(toks, j, true)
		if !ok {
			continue
		}
		e := Expr{Start: toks[i].start, End: toks[k-1].end, Kind: l.kind, Lead: strings.Join(l.words, " "), from: r}
		if l.kind == Range {
			m, ok := matchWords(toks, k, strings.Fields(l.end))
			if !ok && l.end == "to" {
				m, ok = dashAt(toks, k)
			}
			if !ok {
				if l.words[0] == "between" {
					continue // "between" needs its "and"
				}
				e.Kind = Since // "from 2021" alone
				return e, k, true
			}
			r2, n, ok := v.timeAt(toks, m, true)
			if !ok {
				e.Kind = Since
				return e, k, true
			}
			e.to, e.End = r2, toks[n-1].end
			return e, n, true
		}
		// "in 2021-2023", "since 2021–23" are ranges of years.
		if r.kind == refAbsolute && r.mon == 0 && l.kind == Point {
			if m, ok := dashAt(toks, k); ok {
				if r2, n, ok := v.timeAt(toks, m, false); ok && r2.kind == refAbsolute && r2.mon == 0 {
					e.Kind, e.to, e.End = Range, r2, toks[n-1].end
					return e, n, true
				}
			}
		}
		return e, k, true
	}
	r, k, ok := v.timeAt(toks, i, false)
	if !ok {
		return Expr{}, 0, false
	}
	e := Expr{Start: toks[i].start, End: toks[k-1].end, Kind: Point, Bare: r.kind != refRelative, from: r}
	if r.kind == refAbsolute && r.mon == 0 {
		if m, ok := dashAt(toks, k); ok {
			if r2, n, ok := v.timeAt(toks, m, false); ok && r2.kind == refAbsolute && r2.mon == 0 {
				e.Kind, e.to, e.End = Range, r2, toks[n-1].end
				return e, n, true
			}
		}
	}
	return e, k, true
}

// dashAt reads a dash joining two times.
func dashAt(toks []token, i int) (int, bool) {
	if i < len(toks) && (toks[i].text == "-" || toks[i].text == "–" || toks[i].text == "—") {
		return i + 1, true
	}
	return 0, false
}

// timeAt reads a time opening at token i; led says a preposition came
// before, which a month named alone needs ("in January", not "January"
// as a name).
func (v *Vocabulary) timeAt(toks []token, i int, led bool) (ref, int, bool) {
	if i >= len(toks) {
		return ref{}, 0, false
	}
	for k, words := range v.rel {
		if j, ok := matchWords(toks, i, words); ok {
			return ref{kind: refRelative, rel: v.Relative[k]}, j, true
		}
	}
	t := toks[i]
	if shift, ok := v.WeekdayShifts[t.lower]; ok && i+1 < len(toks) {
		if wd, j, ok := v.weekdayAt(toks, i+1); ok {
			return ref{kind: refWeekday, weekday: wd, shifted: true, shift: shift}, j, true
		}
	}
	if wd, j, ok := v.weekdayAt(toks, i); ok {
		// "Friday, March 24" names the day by its date.
		if j+1 < len(toks) && toks[j].text == "," {
			if r, k, ok := v.dateAt(toks, j+1, true); ok && r.day > 0 {
				return r, k, true
			}
		}
		return ref{kind: refWeekday, weekday: wd}, j, true
	}
	return v.dateAt(toks, i, led)
}

// weekdayAt reads a weekday's name.
func (v *Vocabulary) weekdayAt(toks []token, i int) (time.Weekday, int, bool) {
	if i >= len(toks) || toks[i].kind != 'w' || !capitalized(toks[i].text) {
		return 0, 0, false
	}
	wd, ok := v.weekdays[toks[i].text]
	if !ok {
		return 0, 0, false
	}
	j := i + 1
	if j < len(toks) && toks[j].text == "." && len(toks[i].text) <= 4 {
		j++
	}
	return wd, j, true
}

// fullMonth lists the months whose whole name is short enough to look
// like an abbreviation.
var fullMonth = map[string]bool{"May": true, "June": true, "July": true}

// monthAt reads a month's name.
func (v *Vocabulary) monthAt(toks []token, i int) (int, int, bool) {
	if i >= len(toks) || toks[i].kind != 'w' || !capitalized(toks[i].text) {
		return 0, 0, false
	}
	m, ok := v.months[toks[i].text]
	if !ok {
		return 0, 0, false
	}
	j := i + 1
	if j < len(toks) && toks[j].text == "." && len(toks[i].text) <= 4 && !fullMonth[toks[i].text] {
		j++ // "Jan." but not the sentence's end in "in May."
	}
	return m, j, true
}

// dateAt reads an absolute date: 2002; 2023-03-24; March 24, 2023; March
// 24; 24 March 2023; March 2023; December, 2016; and, led by a
// preposition, March.
func (v *Vocabulary) dateAt(toks []token, i int, led bool) (ref, int, bool) {
	t := toks[i]
	if m, j, ok := v.monthAt(toks, i); ok {
		if d, k, ok := dayAt(toks, j); ok {
			r := ref{kind: refAbsolute, mon: m, day: d}
			k2 := k
			if k2 < len(toks) && toks[k2].text == "," {
				k2++
			}
			if y, k3, ok := yearAt(toks, k2); ok {
				r.year, k = y, k3
			}
			return r, k, true
		}
		k := j
		if k < len(toks) && toks[k].text == "," {
			k++
		}
		if y, k2, ok := yearAt(toks, k); ok {
			return ref{kind: refAbsolute, year: y, mon: m}, k2, true
		}
		if led {
			return ref{kind: refAbsolute, mon: m}, j, true
		}
		return ref{}, 0, false
	}
	if t.kind != 'd' {
		return ref{}, 0, false
	}
	// 2023-03-24
	if len(t.text) == 4 && i+4 < len(toks) && toks[i+1].text == "-" && toks[i+3].text == "-" &&
		len(toks[i+2].text) == 2 && len(toks[i+4].text) == 2 && toks[i+2].kind == 'd' && toks[i+4].kind == 'd' {
		y, _ := strconv.Atoi(t.text)
		m, _ := strconv.Atoi(toks[i+2].text)
		d, _ := strconv.Atoi(toks[i+4].text)
		if m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1800 {
			return ref{kind: refAbsolute, year: y, mon: m, day: d}, i + 5, true
		}
	}
	// 24 March 2023
	if d, j, ok := dayAt(toks, i); ok {
		if m, k, ok := v.monthAt(toks, j); ok {
			r := ref{kind: refAbsolute, mon: m, day: d}
			if y, k2, ok := yearAt(toks, k); ok {
				r.year, k = y, k2
			}
			return r, k, true
		}
	}
	if y, j, ok := yearAt(toks, i); ok {
		// Not a part of a larger number ("1,2004") or an amount ("$2004").
		if i > 0 && (toks[i-1].text == "$" || glued(toks, i-1) && toks[i-1].text == "," && toks[i-2].kind == 'd') {
			return ref{}, 0, false
		}
		if j+1 < len(toks) && (toks[j].text == "," || toks[j].text == ".") && glued(toks, j) && toks[j+1].kind == 'd' {
			return ref{}, 0, false
		}
		return ref{kind: refAbsolute, year: y}, j, true
	}
	return ref{}, 0, false
}

// dayAt reads a day of the month (24, 24th).
func dayAt(toks []token, i int) (int, int, bool) {
	if i >= len(toks) || toks[i].kind != 'd' {
		return 0, 0, false
	}
	s := toks[i].lower
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	if len(s) == 0 || len(s) > 2 || strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return 0, 0, false
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 31 {
		return 0, 0, false
	}
	// Not the start of a year-less time ("10:30") or a number ("24,000").
	if i+2 < len(toks) && (toks[i+1].text == ":" || toks[i+1].text == ",") && glued(toks, i+1) && toks[i+2].kind == 'd' {
		return 0, 0, false
	}
	return d, i + 1, true
}

// yearAt reads a year of four digits between 1800 and 2099.
func yearAt(toks []token, i int) (int, int, bool) {
	if i >= len(toks) || toks[i].kind != 'd' || len(toks[i].text) != 4 {
		return 0, 0, false
	}
	y, err := strconv.Atoi(toks[i].text)
	if err != nil || y < 1800 || y > 2099 {
		return 0, 0, false
	}
	return y, i + 1, true
}

func capitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// glued reports whether token i touches the tokens on both sides ("40,000").
func glued(toks []token, i int) bool {
	return i > 0 && i+1 < len(toks) && toks[i-1].end == toks[i].start && toks[i].end == toks[i+1].start
}
