package graph

import (
	"context"
	"hash/maphash"
	"io"
	"slices"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// An import rebuilds the cards (card.go) that exports leave out, so that a
// store filled from an export answers as fast as the one it came from.
//
// A statement's card is made from the run of consecutive quads that have
// the statement as subject, as exports write them. A statement whose quads
// come in several runs is not carded (its card, if one was made from an
// earlier run, is taken back at the end), nor is one with two values for a
// field, one that brings a card of its own, or one that the store held
// before the import. The statement is then read from its quads, as before.
//
// An entity's card needs its one name and one type, which may come
// anywhere in the file: they are gathered over the whole import, one small
// entry per entity, and the entity cards written at the end.

// cardMaker adds cards to the quads of one import, batch by batch.
type cardMaker struct {
	// known reports whether the store holds quads about a subject; nil for
	// a store that was empty. It is asked before the quads that mention the
	// subject are written.
	known func(quad.Value) bool

	seed   maphash.Seed
	closed map[uint64]bool // statements whose run has ended, by hash: true when carded
	undo   []quad.Value    // carded statements whose quads came in another run
	run    []graph.Delta   // the statement run open at the end of the last batch

	entities map[quad.Value]*entityFields
	docCards *docCardMaker // documents' validity cards (validityimport.go)
}

// entityFields is what an import has seen of one entity's card fields.
type entityFields struct {
	name, kind   string
	names, kinds int  // distinct values seen, up to 2
	hasCard      bool // the file brings a card of its own
	known        bool // the store held quads about it before the import
}

func newCardMaker(known func(quad.Value) bool) *cardMaker {
	return &cardMaker{
		known:    known,
		seed:     maphash.MakeSeed(),
		closed:   map[uint64]bool{},
		entities: map[quad.Value]*entityFields{},
		docCards: newDocCardMaker(),
	}
}

// isStatement reports whether v names an evidence statement.
func isStatement(v quad.Value) bool {
	s, ok := v.(quad.IRI)
	return ok && strings.HasPrefix(string(s), StatementBase)
}

// add returns batch with the cards of the statement runs it completes. The
// run still open at its end is held back, to be completed by the next
// batch or by flush.
func (m *cardMaker) add(batch []graph.Delta) []graph.Delta {
	out := make([]graph.Delta, 0, len(batch)+len(batch)/8)
	for _, d := range batch {
		m.noteEntity(d.Quad)
		m.noteDocument(d.Quad)
		subj := d.Quad.Subject
		if len(m.run) > 0 && m.run[0].Quad.Subject == subj {
			m.run = append(m.run, d)
			continue
		}
		if len(m.run) > 0 {
			out = m.closeRun(out)
		}
		if isStatement(subj) {
			if carded, reopened := m.closed[m.hash(subj)]; !reopened {
				m.run = append(m.run[:0], d)
				continue
			} else {
				m.noteReopened(subj, d.Quad)
				if carded {
					// Its card may lack what this run says. (A statement whose
					// hash only collides with a carded one is listed too, and
					// has no card to take back.)
					m.undo = append(m.undo, subj)
				}
			}
		}
		out = append(out, d)
	}
	return out
}

// feed parses N-Quads from r in batches of batch quads and calls fn with
// each, its cards added, then with what is left at the end; it returns how
// many quads r held.
func (m *cardMaker) feed(ctx context.Context, r io.Reader, batch int, fn func([]graph.Delta) error) (int, error) {
	n, err := parseStream(ctx, r, batch, func(b []graph.Delta) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fn(m.add(b))
	})
	if rest := m.flush(); err == nil && len(rest) > 0 {
		err = fn(rest)
	}
	return n, err
}

// flush returns what is left at the end of the import: the last run with
// its card, and the entity cards.
func (m *cardMaker) flush() []graph.Delta {
	out := m.closeRun(nil)
	subjects := make([]quad.Value, 0, len(m.entities))
	for subj := range m.entities {
		subjects = append(subjects, subj)
	}
	// In a stable order, so that the same file gives the same store.
	slices.SortFunc(subjects, func(a, b quad.Value) int { return strings.Compare(quad.StringOf(a), quad.StringOf(b)) })
	for _, subj := range subjects {
		e := m.entities[subj]
		if e.names != 1 || e.kinds != 1 || e.hasCard || e.known {
			continue
		}
		id, ok := entityID(subj)
		if !ok {
			continue
		}
		if c, ok := entityCard(id, e.name, Kind(LocalName(e.kind))); ok {
			out = append(out, graph.Delta{Quad: c, Action: graph.Add})
		}
	}
	return append(out, m.docCardDeltas()...)
}

// closeRun appends the open run to out, with its card when it earns one.
func (m *cardMaker) closeRun(out []graph.Delta) []graph.Delta {
	if len(m.run) == 0 {
		return out
	}
	out = append(out, m.run...)
	subj := m.run[0].Quad.Subject
	m.noteRun(subj)
	c, ok := m.statementCard(subj)
	if ok {
		out = append(out, graph.Delta{Quad: c, Action: graph.Add})
	}
	m.closed[m.hash(subj)] = ok
	m.run = m.run[:0]
	return out
}

// statementCard returns the card of the open run's statement, when each
// of its fields has one value, the run brings no card, and the store did
// not hold the statement before.
func (m *cardMaker) statementCard(st quad.Value) (quad.Quad, bool) {
	qs := make([]quad.Quad, 0, len(m.run))
	values := map[quad.Value]quad.Value{}
	for _, d := range m.run {
		q := d.Quad
		if d.Action != graph.Add || isCard(q) {
			return quad.Quad{}, false
		}
		if single[q.Predicate] {
			if v, seen := values[q.Predicate]; seen && v != q.Object {
				return quad.Quad{}, false
			} else if seen {
				continue // the same quad twice
			}
			values[q.Predicate] = q.Object
		}
		qs = append(qs, q)
	}
	if m.known != nil && m.known(st) {
		return quad.Quad{}, false
	}
	f, ok := statementFact(qs)
	if !ok {
		return quad.Quad{}, false
	}
	iri, _ := st.(quad.IRI)
	return cardQuad(iri, f)
}

// single holds the statement fields a card has room for one value of.
var single = func() map[quad.Value]bool {
	m := map[quad.Value]bool{
		rdfSubject: true, rdfPredicate: true, rdfObject: true, provDerivedFrom: true,
		accSentence: true, accStart: true, accEnd: true, accConfidence: true, accModality: true,
	}
	for _, p := range boundPredicates {
		m[p] = true // valid-time bounds (validity.go)
	}
	return m
}()

// noteEntity records q when its subject is an entity: whether the store
// held the entity before, at its first quad, and the name, type or card q
// gives.
func (m *cardMaker) noteEntity(q quad.Quad) {
	if _, ok := entityID(q.Subject); !ok {
		return
	}
	e := m.entities[q.Subject]
	if e == nil {
		// Asked at its first quad: an import written in batches has not
		// written any of them yet.
		e = &entityFields{known: m.known != nil && m.known(q.Subject)}
		m.entities[q.Subject] = e
	}
	switch {
	case isCard(q):
		e.hasCard = true
	case q.Predicate == schemaName:
		e.name, e.names = distinct(e.name, e.names, literal(q.Object))
	case q.Predicate == rdfType:
		e.kind, e.kinds = distinct(e.kind, e.kinds, literal(q.Object))
	}
}

// distinct counts the distinct values of a field, up to two.
func distinct(have string, n int, v string) (string, int) {
	switch {
	case n == 0:
		return v, 1
	case v != have:
		return have, 2
	}
	return have, n
}

func (m *cardMaker) hash(v quad.Value) uint64 {
	return maphash.String(m.seed, quad.StringOf(v))
}

// withCards returns an import's quads with their cards, all in memory;
// known is as for cardMaker.
func withCards(deltas []graph.Delta, known func(quad.Value) bool) []graph.Delta {
	m := newCardMaker(known)
	out := append(m.add(deltas), m.flush()...)
	if len(m.undo) == 0 {
		return out
	}
	drop := map[quad.Value]bool{}
	for _, st := range m.undo {
		drop[st] = true
	}
	kept := out[:0]
	for _, d := range out {
		if !isCard(d.Quad) || !drop[d.Quad.Subject] {
			kept = append(kept, d)
		}
	}
	return kept
}

// takeBackCardsLocked deletes the cards of statements an import wrote
// through the bulk writer before finding more of their quads; the caller
// holds the write lock.
func (s *Store) takeBackCardsLocked(ctx context.Context, statements []quad.Value) error {
	var del []graph.Delta
	seen := map[quad.Value]bool{}
	for _, st := range statements {
		if seen[st] {
			continue
		}
		seen[st] = true
		if err := s.eachWith(ctx, st, accCard, func(q quad.Quad) error {
			del = append(del, graph.Delta{Quad: q, Action: graph.Delete})
			return nil
		}); err != nil {
			return err
		}
	}
	if len(del) == 0 {
		return nil
	}
	return s.apply(del)
}
