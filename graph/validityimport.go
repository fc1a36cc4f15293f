package graph

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// An import rebuilds the documents' validity cards (asof.go) that exports
// leave out, as it rebuilds statements' cards (cardimport.go): from every
// statement it reads, whatever the order of the lines, and each
// document's date. A document gets no card when the store held it before
// the import, when the file brings one, or when a statement of it comes
// in several runs whose later one changes what the card says (its ends,
// its predicate, its document or its bounds); its fact quads are then
// checked through their statements, with the same answers, more slowly.
//
// What is kept per document is small: its date, the key and intervals of
// each statement dated otherwise than by the document's date, and a hash
// of the key of each statement that is.

// docCardMaker gathers the documents' validity cards of one import.
type docCardMaker struct {
	docs     map[quad.Value]*docFields
	order    []quad.Value
	stmtDocs map[uint64]quad.Value // statement hash -> its document
	spoilAll bool                  // a statement reopened before its document was known
}

// docFields is what an import has seen of one document's card.
type docFields struct {
	date      string
	dates     int // distinct dates seen, up to 2
	isDoc     bool
	hasCard   bool
	known     bool
	spoiled   bool
	dated     map[string][]interval // statements dated otherwise: factKey -> intervals
	datedKeys []string              // in order
	defaults  map[string]string     // factKey -> the date of its statements dated by the document (one key each)
	undated   map[string]bool       // factKeys of statements with no bound
}

func newDocCardMaker() *docCardMaker {
	return &docCardMaker{docs: map[quad.Value]*docFields{}, stmtDocs: map[uint64]quad.Value{}}
}

// doc returns the fields of document d, noting on first sight whether the
// store held it.
func (m *cardMaker) doc(d quad.Value) *docFields {
	dm := m.docCards
	f := dm.docs[d]
	if f == nil {
		f = &docFields{known: m.known != nil && m.known(d), dated: map[string][]interval{}, defaults: map[string]string{}, undated: map[string]bool{}}
		dm.docs[d] = f
		dm.order = append(dm.order, d)
	}
	return f
}

// noteDocument records q when it describes a document.
func (m *cardMaker) noteDocument(q quad.Quad) {
	if q.Label != documentsGraph {
		return
	}
	if _, ok := documentID(q.Subject); !ok {
		return
	}
	f := m.doc(q.Subject)
	switch {
	case isCard(q):
		f.hasCard = true
	case q.Predicate == rdfType && q.Object == documentClass:
		f.isDoc = true
	case q.Predicate == schemaDate:
		f.date, f.dates = distinct(f.date, f.dates, literal(q.Object))
	}
}

// noteStatementRun records the statement whose quads are qs (one run).
func (m *cardMaker) noteStatementRun(st quad.Value, qs []quad.Quad) {
	f, ok := statementFact(qs)
	if !ok || f.Doc == "" {
		return
	}
	d := iri(Document{ID: f.Doc}.IRI())
	m.docCards.stmtDocs[m.hash(st)] = d
	df := m.doc(d)
	k := factKey(f.Subject, f.Predicate, f.Object)
	switch {
	case f.ValidFrom == nil && f.ValidUntil == nil:
		df.undated[k] = true
	case f.ValidUntil == nil && f.ValidFrom.Source == SourceDocumentDate:
		if old, seen := df.defaults[k]; seen && old != f.ValidFrom.Date {
			df.spoiled = true
		}
		df.defaults[k] = f.ValidFrom.Date
	default:
		iv, _ := statementInterval(f, "")
		if _, seen := df.dated[k]; !seen {
			df.datedKeys = append(df.datedKeys, k)
		}
		df.dated[k] = append(df.dated[k], iv)
	}
}

// noteReopened records a quad of statement st that came after its run
// had ended: the document's card is given up when the quad changes it.
func (m *cardMaker) noteReopened(st quad.Value, q quad.Quad) {
	switch {
	case q.Predicate == rdfSubject, q.Predicate == rdfPredicate, q.Predicate == rdfObject, q.Predicate == provDerivedFrom,
		isBoundPredicate(q.Predicate):
	default:
		return
	}
	if d, ok := m.docCards.stmtDocs[m.hash(st)]; ok {
		m.doc(d).spoiled = true
		return
	}
	m.docCards.spoilAll = true
}

// docCardDeltas returns the documents' validity cards at the end of an
// import.
func (m *cardMaker) docCardDeltas() []graph.Delta {
	dm := m.docCards
	if dm.spoilAll {
		return nil
	}
	var out []graph.Delta
	for _, d := range dm.order {
		f := dm.docs[d]
		if !f.isDoc || f.hasCard || f.known || f.spoiled || f.dates > 1 {
			continue
		}
		date := ""
		if b := DefaultValidity(f.date); b != nil {
			date = b.Date
		}
		// Listed: the statements dated otherwise than by the document's
		// date, and in an undated document those with no bound (which
		// hold on no day, as an unlisted fact of it does).
		fields := []string{docCardVersion, date}
		keys := append([]string(nil), f.datedKeys...)
		var more []string
		for k, v := range f.defaults {
			if v != date && f.dated[k] == nil {
				more = append(more, k)
			}
		}
		slices.Sort(more)
		keys = append(keys, more...)
		bad := false
		for _, k := range keys {
			ivs := append([]interval(nil), f.dated[k]...)
			if v, ok := f.defaults[k]; ok {
				ivs = append(ivs, interval{v, ""})
			}
			if f.undated[k] && date != "" {
				ivs = append(ivs, interval{date, ""})
			}
			fields = append(fields, k, strconv.Itoa(len(ivs)))
			for _, iv := range ivs {
				fields = append(fields, iv[0], iv[1])
				bad = bad || strings.Contains(iv[0]+iv[1], cardSep)
			}
		}
		if bad || strings.Contains(date, cardSep) {
			continue
		}
		out = append(out, graph.Delta{Quad: quad.Make(d, accCard, quad.String(strings.Join(fields, cardSep)), documentsGraph), Action: graph.Add})
	}
	return out
}

// noteRun records the open run's statement for its document's card.
func (m *cardMaker) noteRun(st quad.Value) {
	qs := make([]quad.Quad, 0, len(m.run))
	for _, d := range m.run {
		if d.Action == graph.Add && !isCard(d.Quad) {
			qs = append(qs, d.Quad)
		}
	}
	m.noteStatementRun(st, qs)
}

// isBoundPredicate reports whether p is one of a bound's predicates.
func isBoundPredicate(p quad.Value) bool {
	i, ok := p.(quad.IRI)
	return ok && slices.Contains(boundPredicates, i)
}
