package graph

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// This file reads the model's pieces (entities, documents, evidence
// statements) through a reader, by node references.

// entityIDOf returns the entity id of a node, or false when the node is not
// an entity (a literal, a document, a statement).
func (r *reader) entityIDOf(n graph.Ref) (string, bool) {
	return entityID(r.value(n))
}

// entityRef returns the node of entity id, or nil.
func (r *reader) entityRef(id string) graph.Ref { return r.ref(entityIRI(id)) }

// brief returns the name and kind of entity node n (not its aliases).
func (r *reader) brief(n graph.Ref) (Entity, bool) { return r.briefNode(n, "") }

// briefNode is brief for node n of entity id, which is read from the node
// when "" (and not at all when the brief is cached).
func (r *reader) briefNode(n graph.Ref, id string) (Entity, bool) {
	if n == nil {
		return Entity{}, false
	}
	k := key(n)
	if c, ok := r.rc.brief(k); ok {
		return c.e, c.ok
	}
	var e Entity
	ok := id != ""
	if !ok {
		id, ok = r.entityIDOf(n)
	}
	if ok {
		e, ok = r.readBriefOf(id, n)
	}
	r.rc.putBrief(k, cachedBrief{e, ok})
	return e, ok
}

// entityKey keys the read cache's briefs by entity id (beside node keys).
type entityKey string

// briefOf returns the name and kind of entity id, whose node n may be
// given (else it is looked up, and only when the brief is not cached).
func (r *reader) briefOf(id string, n graph.Ref) (Entity, bool) {
	k := entityKey(id)
	if c, ok := r.rc.brief(k); ok {
		return c.e, c.ok
	}
	if n == nil {
		n = r.entityRef(id)
	}
	e, ok := r.briefNode(n, id)
	r.rc.putBrief(k, cachedBrief{e, ok})
	return e, ok
}

// readBriefOf reads the name and kind of entity id, whose node is n.
func (r *reader) readBriefOf(id string, n graph.Ref) (Entity, bool) {
	e := Entity{ID: id}
	if c, ok := r.card(n); ok {
		if e.Name, e.Kind, ok = parseEntityCard(c); ok {
			return e, true
		}
		e.Name, e.Kind = "", ""
	}
	if v := r.first(quad.Subject, n, r.ref(schemaName), quad.Object); v != nil {
		e.Name = literal(r.value(v))
	}
	if v := r.first(quad.Subject, n, r.ref(rdfType), quad.Object); v != nil {
		e.Kind = Kind(LocalName(literal(r.value(v))))
	}
	return e, e.Name != ""
}

// entity returns entity node n with its aliases.
func (r *reader) entity(n graph.Ref) (Entity, bool) {
	e, ok := r.brief(n)
	if !ok {
		return e, false
	}
	r.scan(quad.Subject, n, r.ref(schemaAltName), func(q graph.Ref) error {
		e.Aliases = append(e.Aliases, literal(r.value(r.dir(q, quad.Object))))
		return nil
	})
	sort.Strings(e.Aliases)
	return e, true
}

// statements returns the evidence statements linked to node v by link
// (rdf:subject, rdf:object, rdf:predicate or prov:wasDerivedFrom).
func (r *reader) statements(v graph.Ref, link quad.IRI) ([]graph.Ref, error) {
	var out []graph.Ref
	err := r.scan(quad.Object, v, r.ref(link), func(q graph.Ref) error {
		out = append(out, r.dir(q, quad.Subject))
		return nil
	})
	return out, err
}

// countStatements counts the statements linked to v by link.
func (r *reader) countStatements(v graph.Ref, link quad.IRI) (int, error) {
	n := 0
	err := r.scan(quad.Object, v, r.ref(link), func(graph.Ref) error {
		n++
		return nil
	})
	return n, err
}

// statement reads one evidence statement back as a fact.
func (r *reader) statement(st graph.Ref) (Fact, bool, error) {
	c, err := r.statementRefs(st)
	return c.f, c.ok, err
}

// statementRefs reads one evidence statement back as a fact, with the
// nodes of its subject and object.
func (r *reader) statementRefs(st graph.Ref) (cachedStatement, error) {
	k := key(st)
	if c, ok := r.rc.statement(k); ok {
		return c, nil
	}
	c, err := r.readStatement(st)
	if err == nil {
		r.rc.putStatement(k, c)
	}
	return c, err
}

func (r *reader) readStatement(st graph.Ref) (cachedStatement, error) {
	if f, ok := r.readCard(st); ok {
		sort.Slice(f.Qualifiers, func(i, j int) bool { return f.Qualifiers[i].Key < f.Qualifiers[j].Key })
		return cachedStatement{f: f, ok: true}, nil // the ends' refs are looked up when needed
	}
	var f Fact
	var sref, oref graph.Ref
	subj, pred, obj := key(r.ref(rdfSubject)), key(r.ref(rdfPredicate)), key(r.ref(rdfObject))
	from, sent := key(r.ref(provDerivedFrom)), key(r.ref(accSentence))
	start, end := key(r.ref(accStart)), key(r.ref(accEnd))
	conf, mod, typ := key(r.ref(accConfidence)), key(r.ref(accModality)), key(r.ref(rdfType))
	ok := 0
	err := r.scan(quad.Subject, st, anyPredicate, func(q graph.Ref) error {
		p := key(r.dir(q, quad.Predicate))
		o := r.dir(q, quad.Object)
		switch p {
		case typ:
		case subj:
			sref = o
			if id, isEnt := r.entityIDOf(o); isEnt {
				f.Subject = id
				ok++
			}
		case pred:
			f.Predicate = LocalName(literal(r.value(o)))
			ok++
		case obj:
			oref = o
			f.Object = objectOf(r.value(o))
			ok++
		case from:
			f.Doc, _ = documentID(r.value(o))
		case sent:
			f.Evidence.Sentence = literal(r.value(o))
		case start:
			f.Evidence.Start, _ = strconv.Atoi(literal(r.value(o)))
		case end:
			f.Evidence.End, _ = strconv.Atoi(literal(r.value(o)))
		case conf:
			f.Evidence.Confidence, _ = strconv.ParseFloat(literal(r.value(o)), 64)
		case mod:
			f.Evidence.Modality = Modality(literal(r.value(o)))
		default:
			if pv := literal(r.value(r.dir(q, quad.Predicate))); strings.HasPrefix(pv, accQualifier) {
				f.Qualifiers = append(f.Qualifiers, Qualifier{Key: pv[len(accQualifier):], Value: literal(r.value(o))})
			} else {
				setBoundField(&f, pv, r.value(o))
			}
		}
		return nil
	})
	cleanBounds(&f)
	sort.Slice(f.Qualifiers, func(i, j int) bool { return f.Qualifiers[i].Key < f.Qualifiers[j].Key })
	return cachedStatement{f: f, subj: sref, obj: oref, ok: ok == 3}, err
}

// docDate returns the publication date of document id ("" when unknown),
// memoised for the length of the read.
func (r *reader) docDate(id string) string {
	if id == "" {
		return ""
	}
	if d, ok := r.rc.date(id); ok {
		return d
	}
	d := ""
	if v := r.first(quad.Subject, r.ref(iri(Document{ID: id}.IRI())), r.ref(schemaDate), quad.Object); v != nil {
		d = literal(r.value(v))
	}
	r.rc.putDate(id, d)
	return d
}
