package graph

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// This file answers as-of reads: the facts whose interval (validity.go)
// contains a day. Statements are checked from their cards, which carry
// their bounds. A path search walks fact quads, not statements; it checks
// them through each document's validity card (below), one per document,
// which lists the facts of that document that do not simply hold from
// its date.

// edgeEvidence is the statement of fact f as an edge or a hop shows it.
func edgeEvidence(f Fact) EdgeEvidence {
	return EdgeEvidence{Doc: f.Doc, Evidence: f.Evidence, Qualifiers: f.Qualifiers, ValidFrom: f.ValidFrom, ValidUntil: f.ValidUntil}
}

// holds reports whether statement f held on day, noting it for the
// read's disputes; a fact without bounds holds from its document's date.
func (r *reader) holds(f Fact, day string) bool {
	date := ""
	if f.ValidFrom == nil && f.ValidUntil == nil {
		date = r.docDate(f.Doc)
	}
	ok := f.HoldsOn(day, date)
	r.notes.note(f, ok)
	return ok
}

// startNotes makes the reader gather the disputes of an as-of read on day
// (nothing when day is "").
func (r *reader) startNotes(day string) {
	if day != "" {
		r.notes = newAsOfNotes(day)
	}
}

// A document's validity card, in the documents graph, lists the facts of
// the document that do not simply hold from the document's date, with the
// interval of each of their statements:
//
//	"d1" SEP date SEP (subject SEP predicate SEP object SEP n SEP (from SEP until){n})*
//
// where date is the document's, object is "e"+id or "l"+literal, an empty
// from or until is open, and a statement known to hold on no day (no bound
// and no document date) has no interval. Like a statement's card it is an
// index: written and deleted with the document, left out of exports. A
// document without one (stored before, or imported) has its fact quads
// checked through their statements.
const docCardVersion = "d1"

// interval is a statement's [from, until], "" being open.
type interval [2]string

// contains reports whether the interval holds day.
func (iv interval) contains(day string) bool {
	return (iv[0] == "" || clipCompare(day, iv[0]) >= 0) && (iv[1] == "" || clipCompare(day, iv[1]) <= 0)
}

// statementInterval is the interval in which statement f held, given its
// document's date; false when it is known to hold on no day.
func statementInterval(f Fact, docDate string) (interval, bool) {
	if f.ValidFrom == nil && f.ValidUntil == nil {
		if b := DefaultValidity(docDate); b != nil {
			return interval{b.Date, ""}, true
		}
		return interval{}, false
	}
	var iv interval
	if f.ValidFrom != nil {
		iv[0] = f.ValidFrom.Date
	}
	if f.ValidUntil != nil {
		iv[1] = f.ValidUntil.Date
	}
	return iv, true
}

// factKey keys a fact quad by subject, predicate and object.
func factKey(subject, predicate string, o Object) string {
	obj := "e" + o.Entity
	if o.Entity == "" {
		obj = "l" + o.Literal
	}
	return subject + cardSep + predicate + cardSep + obj
}

// documentCard returns the validity card of a document's graph, or false
// when a field holds the separator.
func documentCard(dg DocumentGraph) (quad.Quad, bool) {
	date := ""
	if b := DefaultValidity(dg.Doc.Published); b != nil {
		date = b.Date
	}
	type entry struct {
		ivs      []interval
		dated    bool // a statement that does not hold from the document's date
		position int
	}
	entries := map[string]*entry{}
	for i, f := range dg.Facts {
		if strings.Contains(f.Subject+f.Predicate+f.Object.Entity+f.Object.Literal, cardSep) {
			return quad.Quad{}, false
		}
		k := factKey(f.Subject, f.Predicate, f.Object)
		e := entries[k]
		if e == nil {
			e = &entry{position: i}
			entries[k] = e
		}
		iv, ok := statementInterval(f, dg.Doc.Published)
		if ok {
			e.ivs = append(e.ivs, iv)
		}
		if !ok || iv != (interval{date, ""}) {
			e.dated = true
		}
	}
	keys := make([]string, 0, len(entries))
	for k, e := range entries {
		if e.dated {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return entries[keys[i]].position < entries[keys[j]].position })
	fields := []string{docCardVersion, date}
	for _, k := range keys {
		e := entries[k]
		fields = append(fields, k, strconv.Itoa(len(e.ivs)))
		for _, iv := range e.ivs {
			fields = append(fields, iv[0], iv[1])
		}
	}
	return quad.Make(iri(dg.Doc.IRI()), accCard, quad.String(strings.Join(fields, cardSep)), documentsGraph), true
}

// docValidity is a parsed validity card.
type docValidity struct {
	date  string                // the document's date; "" when unknown
	facts map[string][]interval // by factKey
}

// parseDocCard reads a validity card; false when it is not one.
func parseDocCard(s string) (*docValidity, bool) {
	p := strings.Split(s, cardSep)
	if len(p) < 2 || p[0] != docCardVersion {
		return nil, false
	}
	dv := &docValidity{date: p[1], facts: map[string][]interval{}}
	for i := 2; i < len(p); {
		if i+4 > len(p) {
			return nil, false
		}
		k := strings.Join(p[i:i+3], cardSep)
		n := 0
		for _, c := range p[i+3] {
			if c < '0' || c > '9' {
				return nil, false
			}
			n = n*10 + int(c-'0')
		}
		i += 4
		if i+2*n > len(p) {
			return nil, false
		}
		ivs := make([]interval, n)
		for j := range ivs {
			ivs[j] = interval{p[i], p[i+1]}
			i += 2
		}
		dv.facts[k] = ivs
	}
	return dv, true
}

// holds reports whether a fact quad of this document, listed on the card
// with intervals ivs or not listed, held on day.
func (dv *docValidity) holds(ivs []interval, listed bool, day string) bool {
	if !listed {
		return dv.date != "" && clipCompare(day, dv.date) >= 0
	}
	for _, iv := range ivs {
		if iv.contains(day) {
			return true
		}
	}
	return false
}

// docValidity returns the validity card of document node d, nil when it
// has none; read once per write generation. Only the card is read: the
// fact quads it lists are matched by their values when checked (listed),
// so that a document met once costs one read, not one per fact listed.
func (r *reader) docValidity(d graph.Ref) *docValidity {
	k := key(d)
	if dv, ok := r.rc.docValidity(k); ok {
		return dv
	}
	var dv *docValidity
	if s, ok := r.card(d); ok {
		dv, _ = parseDocCard(s)
	}
	r.rc.putDocValidity(k, dv)
	return dv
}

// listed returns the intervals the card dv gives the fact quad (s, p, o)
// of its document, or false when the card does not list it (it holds
// from the document's date). The nodes' values are those the walk has
// read already (the value cache keeps them).
func (r *reader) listed(dv *docValidity, s, p, o graph.Ref) ([]interval, bool) {
	if len(dv.facts) == 0 {
		return nil, false
	}
	sid, ok := r.entityIDOf(s)
	if !ok {
		return nil, false
	}
	// The key is factKey's, built in the reader's buffer: a path search
	// checks every edge it meets, and the map lookup copies nothing.
	k := append(r.keyBuf[:0], sid...)
	k = append(append(k, cardSep...), LocalName(literal(r.value(p)))...)
	k = append(k, cardSep...)
	if id, ok := entityID(r.value(o)); ok {
		k = append(append(k, 'e'), id...)
	} else {
		k = append(append(k, 'l'), literal(r.value(o))...)
	}
	r.keyBuf = k
	ivs, ok := dv.facts[string(k)]
	return ivs, ok
}

// holdsQuad reports whether fact quad q held on day: through its
// document's validity card, else through its statements.
func (r *reader) holdsQuad(q graph.Ref, day string) bool {
	return r.holdsQuadOf(q, r.dir(q, quad.Label), r.dir(q, quad.Subject), r.dir(q, quad.Object), nil, day)
}

// holdsQuadOf is holdsQuad for a quad whose label, subject and object the
// caller has read already (and its predicate p, or nil), so that only
// what is missing is fetched from the store.
func (r *reader) holdsQuadOf(q, l, s, o, p graph.Ref, day string) bool {
	if p == nil {
		p = r.dir(q, quad.Predicate)
	}
	if dv := r.docValidity(l); dv != nil {
		ivs, listed := r.listed(dv, s, p, o)
		return dv.holds(ivs, listed, day)
	}
	fs, err := r.evidence(s, p, o, l)
	if err != nil {
		return false
	}
	held := false
	for _, f := range fs {
		held = r.holds(f, day) || held
	}
	return held
}

// quadInterval returns the hull of the intervals in which fact quad q (of
// a document's graph) held, for GraphML: the earliest start and the latest
// end, "" being open or unknown.
func (r *reader) quadInterval(q quad.Quad) (from, until string) {
	l := r.ref(q.Label)
	if l == nil {
		return "", ""
	}
	var ivs []interval
	if dv := r.docValidity(l); dv != nil {
		var listed bool
		ivs, listed = dv.facts[factKey(mustEntityID(q.Subject), LocalName(literal(q.Predicate)), objectOf(q.Object))]
		if !listed {
			return dv.date, ""
		}
	} else {
		fs, err := r.evidence(r.ref(q.Subject), r.ref(q.Predicate), r.ref(q.Object), l)
		if err != nil {
			return "", ""
		}
		doc, _ := documentID(q.Label)
		for _, f := range fs {
			if iv, ok := statementInterval(f, r.docDate(doc)); ok {
				ivs = append(ivs, iv)
			}
		}
	}
	return hull(ivs)
}

// hull returns the earliest start and latest end of ivs ("" when one is
// open, or when there are none).
func hull(ivs []interval) (from, until string) {
	if len(ivs) == 0 {
		return "", ""
	}
	from, until = ivs[0][0], ivs[0][1]
	for _, iv := range ivs[1:] {
		if iv[0] == "" || (from != "" && iv[0] < from) {
			from = iv[0]
		}
		if iv[1] == "" || (until != "" && iv[1] > until) {
			until = iv[1]
		}
	}
	return from, until
}

func mustEntityID(v quad.Value) string {
	id, _ := entityID(v)
	return id
}

// setIntervals returns the interval lookup of a GraphML export of the
// bounded set qs, from the statements and document dates qs holds.
func setIntervals(qs []quad.Quad) func(quad.Quad) (string, string) {
	dates := map[quad.Value]string{}
	stmts := map[quad.Value][]quad.Quad{}
	for _, q := range qs {
		switch {
		case q.Label == documentsGraph && q.Predicate == schemaDate:
			dates[q.Subject] = literal(q.Object)
		case q.Label == provenanceGraph:
			stmts[q.Subject] = append(stmts[q.Subject], q)
		}
	}
	ivs := map[string][]interval{}
	for _, sq := range stmts {
		f, ok := statementFact(sq)
		if !ok {
			continue
		}
		doc := iri(Document{ID: f.Doc}.IRI())
		if iv, ok := statementInterval(f, dates[doc]); ok {
			k := factKey(f.Subject, f.Predicate, f.Object) + cardSep + f.Doc
			ivs[k] = append(ivs[k], iv)
		}
	}
	return func(q quad.Quad) (string, string) {
		doc, _ := documentID(q.Label)
		return hull(ivs[factKey(mustEntityID(q.Subject), LocalName(literal(q.Predicate)), objectOf(q.Object))+cardSep+doc])
	}
}
