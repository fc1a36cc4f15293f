package graph

import (
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
)

// An entity's card repeats its name and type in one literal, in the
// entities graph: written when the entity is, replaced when a later
// document changes its canonical name or type, deleted with it.
//
// A statement's card repeats, in one literal, what its other quads say:
// subject, predicate, object, document, sentence, offsets, confidence,
// modality, valid-time bounds and qualifiers. It is an index, not part of the model: written
// and deleted with the statement (it is one of the statement's quads),
// left out of every export, and read instead of the statement's ten or so
// quads, each a lookup, when a query turns statements back into facts.
// Imports rebuild the cards where they can (cardimport.go); a statement
// without a card is read from its quads.
var accCard = iri(NS + "card")

const (
	cardVersion = "1"
	cardSep     = "\x1f" // ASCII unit separator: never in extracted text
)

// isCard reports whether q is a statement's card.
func isCard(q quad.Quad) bool { return q.Predicate == accCard }

// entityCard returns the card of entity id with name and kind, or false
// when a field holds the separator.
func entityCard(id, name string, kind Kind) (quad.Quad, bool) {
	if strings.Contains(name, cardSep) || strings.Contains(string(kind), cardSep) {
		return quad.Quad{}, false
	}
	return quad.Make(entityIRI(id), accCard, quad.String(cardVersion+cardSep+name+cardSep+string(kind)), entitiesGraph), true
}

// parseEntityCard reads an entity card back into a name and kind.
func parseEntityCard(s string) (name string, kind Kind, ok bool) {
	p := strings.Split(s, cardSep)
	if len(p) != 3 || p[0] != cardVersion || p[1] == "" {
		return "", "", false
	}
	return p[1], Kind(p[2]), true
}

// dropCards returns qs without cards, in place.
func dropCards(qs []quad.Quad) []quad.Quad {
	out := qs[:0]
	for _, q := range qs {
		if !isCard(q) {
			out = append(out, q)
		}
	}
	return out
}

// cardQuad returns the card of statement st for fact f, or false when a
// field holds the separator (the statement is then read from its quads).
// Version 2 cards carry the fact's valid-time bounds after its modality
// (five fields each: date, source, cue, cue start, cue end), so that as-of
// reads need nothing else; version 1 cards, written before, have none.
func cardQuad(st quad.IRI, f Fact) (quad.Quad, bool) {
	obj := "e" + f.Object.Entity
	if f.Object.Entity == "" {
		obj = "l" + f.Object.Literal
	}
	ev := f.Evidence
	fields := []string{statementCardVersion, f.Subject, f.Predicate, obj, f.Doc, ev.Sentence,
		strconv.Itoa(ev.Start), strconv.Itoa(ev.End),
		strconv.FormatFloat(ev.Confidence, 'f', -1, 64), string(ev.Modality)}
	fields = append(fields, boundFields(f.ValidFrom)...)
	fields = append(fields, boundFields(f.ValidUntil)...)
	for _, q := range f.Qualifiers {
		fields = append(fields, q.Key, q.Value)
	}
	for _, s := range fields {
		if strings.Contains(s, cardSep) {
			return quad.Quad{}, false
		}
	}
	return quad.Make(st, accCard, quad.String(strings.Join(fields, cardSep)), provenanceGraph), true
}

// statementCardVersion is the version of the statement cards cardQuad
// writes; entity cards stay at cardVersion.
const statementCardVersion = "2"

// parseCard reads a card back into the fact it describes.
func parseCard(s string) (Fact, bool) {
	p := strings.Split(s, cardSep)
	quals := 10
	switch {
	case len(p) >= 20 && p[0] == statementCardVersion:
		quals = 20
	case len(p) >= 10 && p[0] == cardVersion:
	default:
		return Fact{}, false
	}
	if len(p)%2 != 0 || p[1] == "" || p[2] == "" || len(p[3]) < 1 {
		return Fact{}, false
	}
	var f Fact
	f.Subject, f.Predicate, f.Doc = p[1], p[2], p[4]
	switch p[3][0] {
	case 'e':
		f.Object.Entity = p[3][1:]
	case 'l':
		f.Object.Literal = p[3][1:]
	default:
		return Fact{}, false
	}
	var err1, err2, err3 error
	f.Evidence.Sentence = p[5]
	f.Evidence.Start, err1 = strconv.Atoi(p[6])
	f.Evidence.End, err2 = strconv.Atoi(p[7])
	f.Evidence.Confidence, err3 = strconv.ParseFloat(p[8], 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return Fact{}, false
	}
	f.Evidence.Modality = Modality(p[9])
	if quals == 20 {
		var ok1, ok2 bool
		f.ValidFrom, ok1 = parseBoundFields(p[10:15])
		f.ValidUntil, ok2 = parseBoundFields(p[15:20])
		if !ok1 || !ok2 {
			return Fact{}, false
		}
	}
	for i := quals; i+1 < len(p); i += 2 {
		f.Qualifiers = append(f.Qualifiers, Qualifier{Key: p[i], Value: p[i+1]})
	}
	return f, true
}

// readCard returns the fact statement st's card describes, when it has
// exactly one card.
func (r *reader) readCard(st graph.Ref) (Fact, bool) {
	s, ok := r.card(st)
	if !ok {
		return Fact{}, false
	}
	return parseCard(s)
}

// card returns the text of node n's card, when it has exactly one.
func (r *reader) card(n graph.Ref) (string, bool) {
	card := r.ref(accCard)
	if card == nil {
		return "", false // nothing in this store has one
	}
	ni, ok1 := n.(kv.Int64Value)
	ci, ok2 := card.(kv.Int64Value)
	if r.b != nil && ok1 && ok2 {
		var objs []uint64
		r.b.quads(r.b.sp, false, func(p *proto.Primitive) bool {
			objs = append(objs, p.Object)
			return len(objs) < 2
		}, uint64(ni), uint64(ci))
		if len(objs) != 1 {
			return "", false
		}
		s, ok := r.b.value(objs[0]).(quad.String)
		return string(s), ok
	}
	var vals []graph.Ref
	r.scan(quad.Subject, n, card, func(q graph.Ref) error {
		vals = append(vals, r.dir(q, quad.Object))
		if len(vals) > 1 {
			return errStop
		}
		return nil
	})
	if len(vals) != 1 {
		return "", false
	}
	s, ok := r.s.qs.NameOf(vals[0]).(quad.String)
	return string(s), ok
}
