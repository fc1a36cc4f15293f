package graph

import (
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Predicate and class IRIs used by the model.
var (
	rdfType         = iri(rdfNS + "type")
	rdfStatement    = iri(rdfNS + "Statement")
	rdfSubject      = iri(rdfNS + "subject")
	rdfPredicate    = iri(rdfNS + "predicate")
	rdfObject       = iri(rdfNS + "object")
	schemaName      = iri(schemaNS + "name")
	schemaAltName   = iri(schemaNS + "alternateName")
	schemaID        = iri(schemaNS + "identifier")
	schemaDate      = iri(schemaNS + "datePublished")
	schemaURL       = iri(schemaNS + "url")
	provDerivedFrom = iri(provNS + "wasDerivedFrom")
	accSentence     = iri(NS + "sentence")
	accStart        = iri(NS + "startOffset")
	accEnd          = iri(NS + "endOffset")
	accConfidence   = iri(NS + "confidence")
	accModality     = iri(NS + "modality")
	accHash         = iri(NS + "contentHash")
	accQualifier    = NS + "qualifier/" // + key
	documentClass   = iri(NS + "Document")

	entitiesGraph   = iri(EntitiesGraph)
	documentsGraph  = iri(DocumentsGraph)
	provenanceGraph = iri(ProvenanceGraph)
)

func iri(s string) quad.IRI { return quad.IRI(s) }

// PredicateIRI returns the IRI of a predicate local name ("met").
func PredicateIRI(name string) string { return NS + name }

// LocalName returns the part of an IRI after its last '/', '#' or ':'.
func LocalName(s string) string {
	s = strings.TrimRight(s, "/#")
	if i := strings.LastIndexAny(s, "/#:"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// entityIRI returns the IRI of the entity with the given id.
func entityIRI(id string) quad.IRI { return iri(EntityBase + id) }

// entityID returns the id of an entity IRI, or false.
func entityID(v quad.Value) (string, bool) {
	i, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(i), EntityBase) {
		return "", false
	}
	return string(i)[len(EntityBase):], true
}

// documentID returns the document id of a document IRI, or false.
func documentID(v quad.Value) (string, bool) {
	i, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(i), DocumentBase) {
		return "", false
	}
	return unescapeSegment(string(i)[len(DocumentBase):]), true
}

// objectValue turns a fact's object into a quad value.
func objectValue(o Object) quad.Value {
	if o.Entity != "" {
		return entityIRI(o.Entity)
	}
	return quad.String(o.Literal)
}

// objectOf turns a quad value back into a fact object.
func objectOf(v quad.Value) Object {
	if id, ok := entityID(v); ok {
		return Object{Entity: id}
	}
	return Object{Literal: literal(v)}
}

// literal returns the plain text of a value.
func literal(v quad.Value) string {
	switch x := v.(type) {
	case nil:
		return ""
	case quad.String:
		return string(x)
	case quad.TypedString:
		return string(x.Value)
	case quad.LangString:
		return string(x.Value)
	case quad.IRI:
		return string(x)
	case quad.Int:
		return strconv.FormatInt(int64(x), 10)
	case quad.Float:
		return strconv.FormatFloat(float64(x), 'f', -1, 64)
	}
	return quad.StringOf(v)
}

// documentQuads describes a document in the documents graph.
func documentQuads(d Document) []quad.Quad {
	s := iri(d.IRI())
	qs := []quad.Quad{
		quad.Make(s, rdfType, documentClass, documentsGraph),
		quad.Make(s, schemaID, quad.String(d.ID), documentsGraph),
	}
	if d.Title != "" {
		qs = append(qs, quad.Make(s, schemaName, quad.String(d.Title), documentsGraph))
	}
	if d.Published != "" {
		qs = append(qs, quad.Make(s, schemaDate, quad.TypedString{Value: quad.String(d.Published), Type: xsdNS + "date"}, documentsGraph))
	}
	if d.URL != "" {
		qs = append(qs, quad.Make(s, schemaURL, iri(d.URL), documentsGraph))
	}
	if d.Hash != "" {
		qs = append(qs, quad.Make(s, accHash, quad.String(d.Hash), documentsGraph))
	}
	return qs
}

// entityQuads describes a new entity in the entities graph.
func entityQuads(e Entity) []quad.Quad {
	s := entityIRI(e.ID)
	qs := []quad.Quad{
		quad.Make(s, schemaName, quad.String(e.Name), entitiesGraph),
		quad.Make(s, rdfType, iri(NS+string(e.Kind)), entitiesGraph),
	}
	for _, a := range e.Aliases {
		if a != e.Name {
			qs = append(qs, aliasQuad(e.ID, a))
		}
	}
	return qs
}

func aliasQuad(id, alias string) quad.Quad {
	return quad.Make(entityIRI(id), schemaAltName, quad.String(alias), entitiesGraph)
}

// factQuads returns a fact's quad in its document's named graph and the
// statement that carries its evidence in the provenance graph.
func factQuads(f Fact, doc quad.IRI) (fact quad.Quad, evidence []quad.Quad) {
	s, p, o := entityIRI(f.Subject), iri(PredicateIRI(f.Predicate)), objectValue(f.Object)
	fact = quad.Make(s, p, o, doc)
	st := iri(StatementBase + f.statementID())
	ev := f.Evidence
	evidence = []quad.Quad{
		quad.Make(st, rdfType, rdfStatement, provenanceGraph),
		quad.Make(st, rdfSubject, s, provenanceGraph),
		quad.Make(st, rdfPredicate, p, provenanceGraph),
		quad.Make(st, rdfObject, o, provenanceGraph),
		quad.Make(st, provDerivedFrom, doc, provenanceGraph),
		quad.Make(st, accSentence, quad.String(ev.Sentence), provenanceGraph),
		quad.Make(st, accStart, xsdInteger(ev.Start), provenanceGraph),
		quad.Make(st, accEnd, xsdInteger(ev.End), provenanceGraph),
		quad.Make(st, accConfidence, quad.TypedString{Value: quad.String(strconv.FormatFloat(ev.Confidence, 'f', -1, 64)), Type: xsdNS + "decimal"}, provenanceGraph),
		quad.Make(st, accModality, quad.String(ev.Modality), provenanceGraph),
	}
	for _, q := range f.Qualifiers {
		evidence = append(evidence, quad.Make(st, iri(accQualifier+q.Key), quad.String(q.Value), provenanceGraph))
	}
	evidence = append(evidence, boundQuads(st, accValidFrom, f.ValidFrom)...)
	evidence = append(evidence, boundQuads(st, accValidUntil, f.ValidUntil)...)
	if c, ok := cardQuad(st, f); ok {
		evidence = append(evidence, c)
	}
	return fact, evidence
}

// xsdInteger is an integer literal with its full datatype IRI (Cayley's own
// integers print a prefixed "xsd:integer", which W3C readers reject).
func xsdInteger(n int) quad.TypedString {
	return quad.TypedString{Value: quad.String(strconv.Itoa(n)), Type: xsdNS + "integer"}
}

// statementFact rebuilds a fact from the quads of its statement.
func statementFact(qs []quad.Quad) (Fact, bool) {
	var f Fact
	ok := 0
	for _, q := range qs {
		switch q.Predicate {
		case rdfSubject:
			if id, isEnt := entityID(q.Object); isEnt {
				f.Subject = id
				ok++
			}
		case rdfPredicate:
			f.Predicate = LocalName(literal(q.Object))
			ok++
		case rdfObject:
			f.Object = objectOf(q.Object)
			ok++
		case provDerivedFrom:
			f.Doc, _ = documentID(q.Object)
		case accSentence:
			f.Evidence.Sentence = literal(q.Object)
		case accStart:
			f.Evidence.Start, _ = strconv.Atoi(literal(q.Object))
		case accEnd:
			f.Evidence.End, _ = strconv.Atoi(literal(q.Object))
		case accConfidence:
			f.Evidence.Confidence, _ = strconv.ParseFloat(literal(q.Object), 64)
		case accModality:
			f.Evidence.Modality = Modality(literal(q.Object))
		default:
			if p := literal(q.Predicate); strings.HasPrefix(p, accQualifier) {
				f.Qualifiers = append(f.Qualifiers, Qualifier{Key: p[len(accQualifier):], Value: literal(q.Object)})
			} else {
				setBoundField(&f, p, q.Object)
			}
		}
	}
	cleanBounds(&f)
	return f, ok == 3
}

// unescapeSegment reverses escapeSegment.
func unescapeSegment(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(n))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}
