package graph

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// A fact's valid time is when what it states held, apart from when its
// document was published: "the agreement, signed in 2002," holds from
// 2002; "former Prime Minister Stephen Harper" held the role until some
// time before the article. Each end of the interval is a Bound, with what
// gives it: the words of the sentence (their offsets in the document), an
// entry of the vocabulary (a dated role in data/actors.yaml), or, when
// nothing dates the fact, its document's publication date.
//
// In the provenance graph a statement carries, for each end it has,
//
//	ns#validFrom        "2002"^^xsd:gYear (or xsd:gYearMonth, xsd:date)
//	ns#validFromSource  "text", "vocabulary" or "document-date"
//	ns#validFromCue     the words ("signed in 2002") or the vocabulary entry
//	ns#validFromStart   the cue's character offsets in the document (text only)
//	ns#validFromEnd
//
// and the same five with validUntil. Dates have the precision the source
// gives (a year, a month or a day), and a bound at a year's or a month's
// precision includes the whole year or month: a fact valid from 2002
// holds as of 2002-01-01, one valid until 2023-07 holds as of 2023-07-31.
// validUntil is the last day (month, year) on which the fact held.

// Sources of a bound.
const (
	SourceText         = "text"          // words of the evidence sentence
	SourceVocabulary   = "vocabulary"    // an entry of data/ (dated roles)
	SourceDocumentDate = "document-date" // no cue: the fact holds from its document's date
)

// Bound is one end of the interval in which a fact held, with its evidence.
type Bound struct {
	Date   string `json:"date"`            // YYYY, YYYY-MM or YYYY-MM-DD
	Source string `json:"source"`          // SourceText, SourceVocabulary or SourceDocumentDate
	Cue    string `json:"cue,omitempty"`   // the words that give it, or the vocabulary entry
	Start  int    `json:"start,omitempty"` // the cue's character offsets in the document (text only)
	End    int    `json:"end,omitempty"`
}

// cued reports whether the bound comes from the text or the vocabulary
// rather than from the document's date.
func (b *Bound) cued() bool {
	return b != nil && b.Source != SourceDocumentDate
}

// Predicates of the bounds; from and until share the suffixes.
var (
	accValidFrom  = NS + "validFrom"
	accValidUntil = NS + "validUntil"
)

const (
	boundSource = "Source"
	boundCue    = "Cue"
	boundStart  = "Start"
	boundEnd    = "End"
)

// boundPredicates lists the predicates a statement's bounds use, for the
// import's one-value-per-field check.
var boundPredicates = func() []quad.IRI {
	var out []quad.IRI
	for _, p := range []string{accValidFrom, accValidUntil} {
		for _, s := range []string{"", boundSource, boundCue, boundStart, boundEnd} {
			out = append(out, iri(p+s))
		}
	}
	return out
}()

// dateLiteral types a date by its precision.
func dateLiteral(d string) quad.Value {
	t := "date"
	switch len(d) {
	case 4:
		t = "gYear"
	case 7:
		t = "gYearMonth"
	case 10:
	default:
		return quad.String(d)
	}
	return quad.TypedString{Value: quad.String(d), Type: quad.IRI(xsdNS + t)}
}

// boundQuads returns the quads of statement st that describe a bound.
func boundQuads(st quad.IRI, base string, b *Bound) []quad.Quad {
	if b == nil {
		return nil
	}
	qs := []quad.Quad{
		quad.Make(st, iri(base), dateLiteral(b.Date), provenanceGraph),
		quad.Make(st, iri(base+boundSource), quad.String(b.Source), provenanceGraph),
	}
	if b.Cue != "" {
		qs = append(qs, quad.Make(st, iri(base+boundCue), quad.String(b.Cue), provenanceGraph))
	}
	if b.End > b.Start {
		qs = append(qs,
			quad.Make(st, iri(base+boundStart), xsdInteger(b.Start), provenanceGraph),
			quad.Make(st, iri(base+boundEnd), xsdInteger(b.End), provenanceGraph))
	}
	return qs
}

// setBoundField records on f the bound field that predicate p (an IRI)
// holds, and reports whether p was one.
func setBoundField(f *Fact, p string, v quad.Value) bool {
	var b **Bound
	var field string
	switch {
	case strings.HasPrefix(p, accValidFrom):
		b, field = &f.ValidFrom, p[len(accValidFrom):]
	case strings.HasPrefix(p, accValidUntil):
		b, field = &f.ValidUntil, p[len(accValidUntil):]
	default:
		return false
	}
	if *b == nil {
		*b = &Bound{}
	}
	s := literal(v)
	switch field {
	case "":
		(*b).Date = s
	case boundSource:
		(*b).Source = s
	case boundCue:
		(*b).Cue = s
	case boundStart:
		(*b).Start, _ = strconv.Atoi(s)
	case boundEnd:
		(*b).End, _ = strconv.Atoi(s)
	default:
		return false
	}
	return true
}

// cleanBounds drops bounds that were read without a date (a statement
// with a bound's source but not its date says nothing usable).
func cleanBounds(f *Fact) {
	if f.ValidFrom != nil && f.ValidFrom.Date == "" {
		f.ValidFrom = nil
	}
	if f.ValidUntil != nil && f.ValidUntil.Date == "" {
		f.ValidUntil = nil
	}
}

// boundFields is a bound as five card fields (empty when absent).
func boundFields(b *Bound) []string {
	if b == nil {
		return []string{"", "", "", "", ""}
	}
	start, end := "", ""
	if b.End > b.Start {
		start, end = strconv.Itoa(b.Start), strconv.Itoa(b.End)
	}
	return []string{b.Date, b.Source, b.Cue, start, end}
}

// parseBoundFields reads five card fields back into a bound.
func parseBoundFields(p []string) (*Bound, bool) {
	if p[0] == "" {
		return nil, p[1] == "" && p[2] == "" && p[3] == "" && p[4] == ""
	}
	b := &Bound{Date: p[0], Source: p[1], Cue: p[2]}
	if p[3] != "" {
		var err1, err2 error
		b.Start, err1 = strconv.Atoi(p[3])
		b.End, err2 = strconv.Atoi(p[4])
		if err1 != nil || err2 != nil {
			return nil, false
		}
	}
	return b, true
}

// ValidDate reports whether d is a date of a bound: YYYY, YYYY-MM or
// YYYY-MM-DD, on the calendar.
func ValidDate(d string) bool {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(d)]
	if layout == "" {
		return false
	}
	_, err := time.Parse(layout, d)
	return err == nil
}

// CheckAsOf reports whether d is a day (YYYY-MM-DD) that an as-of read can
// ask about; the error names the parameter as the API spells it.
func CheckAsOf(d string) error {
	if _, err := time.Parse("2006-01-02", d); err != nil || len(d) != 10 {
		return fmt.Errorf("%w: as_of %q is not a date (YYYY-MM-DD)", ErrBadScope, d)
	}
	return nil
}

// clipCompare compares day d with a bound's date b at b's precision.
func clipCompare(d, b string) int {
	return strings.Compare(clipDate(d, len(b)), b)
}

// holdsOn reports whether a fact with the bounds from and until, read from
// a document published on docDate ("" when unknown), held on day d. A fact
// with neither bound holds from its document's date; one from an undated
// document with no bound is not known to hold on any day. A fact with
// only validUntil held from whenever it began.
func holdsOn(from, until *Bound, docDate, d string) bool {
	if from == nil && until == nil {
		if docDate = clipDate(docDate, 10); !ValidDate(docDate) {
			return false
		}
		return clipCompare(d, docDate) >= 0
	}
	if from != nil && clipCompare(d, from.Date) < 0 {
		return false
	}
	if until != nil && clipCompare(d, until.Date) > 0 {
		return false
	}
	return true
}

// HoldsOn reports whether fact f held on day d (YYYY-MM-DD), its document
// being published on docDate ("" when unknown; used only when f has no
// bound).
func (f Fact) HoldsOn(d, docDate string) bool { return holdsOn(f.ValidFrom, f.ValidUntil, docDate, d) }

// Interval returns the fact's interval as text: "2002–", "–2023-07-25",
// "2021-10-26–2023-07-25", or "" when it has no bound.
func (f Fact) Interval() string {
	if f.ValidFrom == nil && f.ValidUntil == nil {
		return ""
	}
	var from, until string
	if f.ValidFrom != nil {
		from = f.ValidFrom.Date
	}
	if f.ValidUntil != nil {
		until = f.ValidUntil.Date
	}
	return from + "–" + until
}

// datingPredicates are the predicates whose literal object is the date of
// their subject ("dated 2002"): claims of them with different objects
// date one thing differently, where for other predicates a different
// object is another fact.
var datingPredicates = map[string]bool{"dated": true}

// DateDispute is a fact that sources date differently, asked about on a
// day between their dates: some of its statements say it held on that
// day, others that it did not. Every claim is kept with its source.
type DateDispute struct {
	Subject   string       `json:"subject"`
	Predicate string       `json:"predicate"`
	Object    *Object      `json:"object,omitempty"` // absent for dating predicates, whose objects are the dates
	AsOf      string       `json:"as_of"`
	Note      string       `json:"note"`
	Claims    []DatedClaim `json:"claims"`
}

// DatedClaim is one statement of a disputed fact: its interval and whether
// it held on the day asked about.
type DatedClaim struct {
	Interval string `json:"interval"`
	Holds    bool   `json:"holds"`
	Fact     Fact   `json:"fact"`
}

// asOfNotes gathers, during one as-of read, the statements whose dates
// come from a cue, to find the facts whose sources disagree about the day.
type asOfNotes struct {
	day    string
	seen   map[string]bool // statement keys already noted
	groups map[string][]DatedClaim
	order  []string
}

func newAsOfNotes(day string) *asOfNotes {
	return &asOfNotes{day: day, seen: map[string]bool{}, groups: map[string][]DatedClaim{}}
}

// disputeKey groups the statements that date one thing.
func disputeKey(f Fact) string {
	if datingPredicates[f.Predicate] {
		return f.Subject + "\x00" + f.Predicate
	}
	return f.Subject + "\x00" + f.Predicate + "\x00" + f.Object.String()
}

// note records statement f, which held on the day or not.
func (n *asOfNotes) note(f Fact, holds bool) {
	if n == nil || !(f.ValidFrom.cued() || f.ValidUntil.cued()) {
		return
	}
	sk := f.statementID()
	if n.seen[sk] {
		return
	}
	n.seen[sk] = true
	k := disputeKey(f)
	if _, ok := n.groups[k]; !ok {
		n.order = append(n.order, k)
	}
	n.groups[k] = append(n.groups[k], DatedClaim{Interval: f.Interval(), Holds: holds, Fact: f})
}

// disputes returns the facts whose dated statements, from at least two
// documents, disagree on whether they held on the day.
func (n *asOfNotes) disputes() []DateDispute {
	if n == nil {
		return nil
	}
	var out []DateDispute
	for _, k := range n.order {
		cs := n.groups[k]
		yes, no := map[string]bool{}, map[string]bool{}
		for _, c := range cs {
			if c.Holds {
				yes[c.Fact.Doc] = true
			} else {
				no[c.Fact.Doc] = true
			}
		}
		docs := map[string]bool{}
		for d := range yes {
			docs[d] = true
		}
		for d := range no {
			docs[d] = true
		}
		if len(yes) == 0 || len(no) == 0 || len(docs) < 2 {
			continue
		}
		sort.SliceStable(cs, func(i, j int) bool {
			if cs[i].Interval != cs[j].Interval {
				return cs[i].Interval < cs[j].Interval
			}
			return cs[i].Fact.Doc < cs[j].Fact.Doc
		})
		f := cs[0].Fact
		d := DateDispute{Subject: f.Subject, Predicate: f.Predicate, AsOf: n.day, Claims: cs}
		if !datingPredicates[f.Predicate] {
			o := f.Object
			d.Object = &o
		}
		d.Note = fmt.Sprintf("sources date this differently: %d of %d documents say it held on %s", len(yes), len(docs), n.day)
		out = append(out, d)
	}
	return out
}

// DefaultValidity is the bound a fact with no time cue gets: it holds from
// its document's date, marked as such; none when the date is unknown.
func DefaultValidity(docDate string) *Bound {
	if d := clipDate(docDate, 10); ValidDate(d) {
		return &Bound{Date: d, Source: SourceDocumentDate}
	}
	return nil
}
