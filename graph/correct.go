package graph

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
)

// An analyst's corrections are records in their own named graph,
// CorrectionsGraph: what was done (a CorrectionKind and its fields), who
// did it, when and why. The store applies each active correction to the
// stored graph when it is made and to every document graph it writes
// afterwards (correctapply.go), so that a reload, a new vocabulary or a
// document loaded later does not undo it. What a correction changed in
// each document is kept beside it (its effects), which is what an undo
// takes back and what Uncorrected uses to give the extractor's own output.

// Corrections IRIs.
const (
	// CorrectionsGraph is the named graph holding the analysts' corrections.
	CorrectionsGraph = Base + "corrections"
	// CorrectionBase prefixes the IRIs of corrections: CorrectionBase + ID.
	CorrectionBase = Base + "correction/"
)

// CorrectionKind is what a correction does.
type CorrectionKind string

// The kinds of correction.
const (
	Merge   CorrectionKind = "merge"   // Entity absorbs From: From's facts and names become Entity's
	Split   CorrectionKind = "split"   // Alias leaves Entity and becomes an entity of its own
	Rename  CorrectionKind = "rename"  // Entity's canonical name becomes Name
	Retype  CorrectionKind = "retype"  // Entity's type becomes Type
	Reject  CorrectionKind = "reject"  // Fact is wrong: it is removed and not read again
	Confirm CorrectionKind = "confirm" // Fact is right, as an analyst checked
	Add     CorrectionKind = "add"     // Fact is added by hand
	Undo    CorrectionKind = "undo"    // the correction Undoes is taken back
)

// CorrectionKinds lists the kinds in a stable order.
var CorrectionKinds = []CorrectionKind{Merge, Split, Rename, Retype, Reject, Confirm, Add, Undo}

// ParseCorrectionKind returns the kind named s or false.
func ParseCorrectionKind(s string) (CorrectionKind, bool) {
	for _, k := range CorrectionKinds {
		if string(k) == strings.ToLower(s) {
			return k, true
		}
	}
	return "", false
}

// FactRef names a fact: a reject or confirm matches every statement of it
// (in Doc only, when Doc is given); an add writes it.
type FactRef struct {
	Subject   string `json:"subject"` // entity id
	Predicate string `json:"predicate"`
	Object    Object `json:"object"`
	Doc       string `json:"doc,omitempty"`
}

// matches reports whether fact f is the one named.
func (r FactRef) matches(f Fact) bool {
	return f.Subject == r.Subject && f.Predicate == r.Predicate && f.Object == r.Object &&
		(r.Doc == "" || f.Doc == r.Doc)
}

// Correction is one analyst's change to the graph, as recorded.
type Correction struct {
	ID     string         `json:"id"`
	Kind   CorrectionKind `json:"kind"`
	Entity string         `json:"entity,omitempty"` // merge: the entity kept; split, rename, retype: the entity changed
	From   string         `json:"from,omitempty"`   // merge: the entity merged into Entity
	Alias  string         `json:"alias,omitempty"`  // split: the surface form split off
	Name   string         `json:"name,omitempty"`   // rename: the new canonical name
	Type   Kind           `json:"type,omitempty"`   // retype: the new type; split: the new entity's (default Entity's)
	Fact   *FactRef       `json:"fact,omitempty"`   // reject, confirm, add
	Undoes string         `json:"undoes,omitempty"` // undo: the correction taken back
	Who    string         `json:"who"`
	When   string         `json:"when"` // RFC 3339, UTC
	Note   string         `json:"note,omitempty"`
	Source string         `json:"source,omitempty"` // add: the document the fact comes from, if any

	// NewEntity is the id of the entity a split made (set by the store).
	NewEntity string `json:"new_entity,omitempty"`
	// Entities are the entities the correction names as they were when it
	// was made (set by the store): a document written later that lacks
	// them gets them from here.
	Entities []Entity `json:"entities,omitempty"`
	// UndoneBy is the id of the undo that took this correction back, if
	// any (read from the undo's record, not stored on this one).
	UndoneBy string `json:"undone_by,omitempty"`
}

// IRI returns the correction's IRI.
func (c Correction) IRI() string { return CorrectionBase + c.ID }

// Active reports whether the correction still applies: it is not an undo
// and nothing undid it.
func (c Correction) Active() bool { return c.Kind != Undo && c.UndoneBy == "" }

// FieldError is a correction that lacks a field or has a bad one; Field
// names it as the JSON and the command line do ("fact.subject").
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return fmt.Sprintf("correction: %s: %s", e.Field, e.Reason) }

// ErrBadCorrection is matched (errors.Is) by every FieldError.
var ErrBadCorrection = errors.New("graph: bad correction")

// Is makes a FieldError match ErrBadCorrection.
func (e *FieldError) Is(target error) bool { return target == ErrBadCorrection }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// check validates what the analyst gave, before the store looks anything
// up.
func (c *Correction) check() error {
	if _, ok := ParseCorrectionKind(string(c.Kind)); !ok {
		return fieldErr("kind", "%q is not one of merge, split, rename, retype, reject, confirm, add, undo", c.Kind)
	}
	if strings.TrimSpace(c.Who) == "" {
		return fieldErr("who", "required: the analyst making the correction")
	}
	need := func(field, v string) error {
		if strings.TrimSpace(v) == "" {
			return fieldErr(field, "required for %s", c.Kind)
		}
		return nil
	}
	switch c.Kind {
	case Merge:
		if err := errors.Join(need("entity", c.Entity), need("from", c.From)); err != nil {
			return firstErr(err)
		}
		if c.Entity == c.From {
			return fieldErr("from", "an entity cannot be merged into itself")
		}
	case Split:
		if err := errors.Join(need("entity", c.Entity), need("alias", c.Alias)); err != nil {
			return firstErr(err)
		}
	case Rename:
		if err := errors.Join(need("entity", c.Entity), need("name", c.Name)); err != nil {
			return firstErr(err)
		}
		if strings.Contains(c.Name, cardSep) {
			return fieldErr("name", "holds a control character")
		}
	case Retype:
		if err := need("entity", c.Entity); err != nil {
			return err
		}
		k, ok := ParseKind(string(c.Type))
		if !ok {
			return fieldErr("type", "%q is not one of Person, Country, Organization, Agreement, Issue, Place, Event, Commitment", c.Type)
		}
		c.Type = k
	case Reject, Confirm, Add:
		if c.Fact == nil {
			return fieldErr("fact", "required for %s", c.Kind)
		}
		f := c.Fact
		if err := errors.Join(need("fact.subject", f.Subject), need("fact.predicate", f.Predicate)); err != nil {
			return firstErr(err)
		}
		f.Predicate = LocalName(f.Predicate)
		if (f.Object.Entity == "") == (f.Object.Literal == "") {
			return fieldErr("fact.object", "give an entity id or a literal value, one of the two")
		}
		if c.Kind == Add {
			if err := need("note", c.Note); err != nil {
				return err
			}
			if f.Doc != "" {
				return fieldErr("fact.doc", "an added fact names its document as source")
			}
		}
	case Undo:
		if err := need("undoes", c.Undoes); err != nil {
			return err
		}
	}
	if c.Source != "" && c.Kind != Add {
		return fieldErr("source", "only an added fact has a source")
	}
	return nil
}

// firstErr returns the first of errors joined by errors.Join.
func firstErr(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()[0]
	}
	return err
}

// newID gives the correction its stable id: a digest of what it says, who
// made it and when, so that an export imported elsewhere keeps it.
func (c *Correction) newID() {
	h := sha1.New()
	b, _ := json.Marshal(struct {
		Kind                              CorrectionKind
		Entity, From, Alias, Name, Undoes string
		Type                              Kind
		Fact                              *FactRef
		Who, When, Note, Source           string
	}{c.Kind, c.Entity, c.From, c.Alias, c.Name, c.Undoes, c.Type, c.Fact, c.Who, c.When, c.Note, c.Source})
	h.Write(b)
	c.ID = hex.EncodeToString(h.Sum(nil))[:16]
}

// Predicates of correction records and their effects.
var (
	correctionClass = iri(NS + "Correction")
	corrKind        = iri(NS + "correctionKind")
	corrEntity      = iri(NS + "correctedEntity")
	corrFrom        = iri(NS + "mergedEntity")
	corrAlias       = iri(NS + "splitAlias")
	corrName        = iri(NS + "newName")
	corrType        = iri(NS + "newType")
	corrSubject     = iri(NS + "factSubject")
	corrPredicate   = iri(NS + "factPredicate")
	corrObject      = iri(NS + "factObject")
	corrDoc         = iri(NS + "factDocument")
	corrUndoes      = iri(NS + "undoes")
	corrNewEntity   = iri(NS + "newEntity")
	corrEntities    = iri(NS + "entitiesWhenMade")
	corrSource      = iri(NS + "source")
	provAttributed  = iri(provNS + "wasAttributedTo")
	provGenerated   = iri(provNS + "generatedAtTime")
	rdfsComment     = iri("http://www.w3.org/2000/01/rdf-schema#comment")

	effectOf      = iri(NS + "effectOf")
	effectDoc     = iri(NS + "effectDocument")
	effectRemoved = iri(NS + "removedQuads")
	effectAdded   = iri(NS + "addedQuads")

	correctionsGraph = iri(CorrectionsGraph)
)

// correctionQuads describes a correction in the corrections graph. Entity
// and document references are literals holding their ids, not IRIs: the
// record is about them, not a fact of theirs, and the store's reads (which
// follow IRIs through the indexes) never take it for one.
func correctionQuads(c Correction) []quad.Quad {
	s := iri(c.IRI())
	g := correctionsGraph
	qs := []quad.Quad{
		quad.Make(s, rdfType, correctionClass, g),
		quad.Make(s, corrKind, quad.String(c.Kind), g),
		quad.Make(s, provAttributed, quad.String(c.Who), g),
		quad.Make(s, provGenerated, quad.TypedString{Value: quad.String(c.When), Type: xsdNS + "dateTime"}, g),
	}
	str := func(p quad.IRI, v string) {
		if v != "" {
			qs = append(qs, quad.Make(s, p, quad.String(v), g))
		}
	}
	str(corrEntity, c.Entity)
	str(corrFrom, c.From)
	str(corrAlias, c.Alias)
	str(corrName, c.Name)
	str(corrType, string(c.Type))
	str(rdfsComment, c.Note)
	str(corrSource, c.Source)
	str(corrNewEntity, c.NewEntity)
	if c.Undoes != "" {
		qs = append(qs, quad.Make(s, corrUndoes, iri(CorrectionBase+c.Undoes), g))
	}
	if f := c.Fact; f != nil {
		str(corrSubject, f.Subject)
		str(corrPredicate, f.Predicate)
		if f.Object.Entity != "" {
			str(corrObject, "e:"+f.Object.Entity)
		} else {
			str(corrObject, "l:"+f.Object.Literal)
		}
		str(corrDoc, f.Doc)
	}
	if len(c.Entities) > 0 {
		b, _ := json.Marshal(c.Entities)
		str(corrEntities, string(b))
	}
	return qs
}

// correctionOf reads a correction back from its quads.
func correctionOf(id string, qs []quad.Quad) (Correction, error) {
	c := Correction{ID: id}
	var fact FactRef
	hasFact := false
	for _, q := range qs {
		v := literal(q.Object)
		switch q.Predicate {
		case corrKind:
			c.Kind = CorrectionKind(v)
		case provAttributed:
			c.Who = v
		case provGenerated:
			c.When = v
		case corrEntity:
			c.Entity = v
		case corrFrom:
			c.From = v
		case corrAlias:
			c.Alias = v
		case corrName:
			c.Name = v
		case corrType:
			c.Type = Kind(v)
		case rdfsComment:
			c.Note = v
		case corrSource:
			c.Source = v
		case corrNewEntity:
			c.NewEntity = v
		case corrUndoes:
			c.Undoes = strings.TrimPrefix(v, CorrectionBase)
		case corrSubject:
			fact.Subject, hasFact = v, true
		case corrPredicate:
			fact.Predicate, hasFact = v, true
		case corrObject:
			hasFact = true
			if e, ok := strings.CutPrefix(v, "e:"); ok {
				fact.Object.Entity = e
			} else {
				fact.Object.Literal = strings.TrimPrefix(v, "l:")
			}
		case corrDoc:
			fact.Doc = v
		case corrEntities:
			if err := json.Unmarshal([]byte(v), &c.Entities); err != nil {
				return c, fmt.Errorf("correction %s: entities: %w", id, err)
			}
		}
	}
	if hasFact {
		c.Fact = &fact
	}
	if _, ok := ParseCorrectionKind(string(c.Kind)); !ok || c.Who == "" || c.When == "" {
		return c, fmt.Errorf("correction %s: incomplete record (kind %q)", id, c.Kind)
	}
	return c, nil
}

// Corrections returns every correction, undos included, oldest first; a
// correction that was undone names its undo in UndoneBy.
func (s *Store) Corrections(ctx context.Context) ([]Correction, error) {
	var out []Correction
	err := s.read(func() error {
		var err error
		out, err = s.correctionsLocked(ctx)
		return err
	})
	return out, err
}

// Correction returns one correction by id.
func (s *Store) Correction(ctx context.Context, id string) (Correction, error) {
	all, err := s.Corrections(ctx)
	if err != nil {
		return Correction{}, err
	}
	for _, c := range all {
		if c.ID == id {
			return c, nil
		}
	}
	return Correction{}, fmt.Errorf("correction %q: %w", id, ErrNotFound)
}

// correctionsLocked reads every correction record; the caller holds a
// lock. Records are found by their class, through the object index.
func (s *Store) correctionsLocked(ctx context.Context) ([]Correction, error) {
	var subjects []quad.Value
	if err := s.each(ctx, quad.Object, correctionClass, func(q quad.Quad) error {
		if q.Predicate == rdfType && q.Label == correctionsGraph {
			subjects = append(subjects, q.Subject)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var out []Correction
	for _, sub := range subjects {
		id, ok := strings.CutPrefix(literal(sub), CorrectionBase)
		if !ok || strings.Contains(id, "/") {
			continue
		}
		if c, ok := s.corrections.get(id); ok {
			out = append(out, c)
			continue
		}
		var qs []quad.Quad
		if err := s.each(ctx, quad.Subject, sub, func(q quad.Quad) error {
			if q.Label == correctionsGraph {
				qs = append(qs, q)
			}
			return nil
		}); err != nil {
			return nil, err
		}
		c, err := correctionOf(id, qs)
		if err != nil {
			return nil, err
		}
		s.corrections.put(c)
		out = append(out, c)
	}
	// Corrections apply in the order they were made (an import may bring
	// times written otherwise than whenLayout: they are compared as times).
	at := make(map[string]time.Time, len(out))
	for _, c := range out {
		at[c.ID], _ = time.Parse(time.RFC3339Nano, c.When)
	}
	sort.Slice(out, func(i, j int) bool {
		if ti, tj := at[out[i].ID], at[out[j].ID]; !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return out[i].ID < out[j].ID
	})
	undone := map[string]string{}
	for _, c := range out {
		if c.Kind == Undo {
			undone[c.Undoes] = c.ID
		}
	}
	for i := range out {
		out[i].UndoneBy = undone[out[i].ID]
	}
	return out, nil
}

// activeCorrections returns the corrections in force, oldest first.
func activeCorrections(all []Correction) []Correction {
	var out []Correction
	for _, c := range all {
		if c.Active() {
			out = append(out, c)
		}
	}
	return out
}

// now is the clock of new corrections.
var now = time.Now

// whenLayout writes a correction's time: RFC 3339 in UTC, to the
// nanosecond, every digit kept so that the records sort as written.
const whenLayout = "2006-01-02T15:04:05.000000000Z"

// correctionCache keeps the records read back, by id: a record is never
// changed once written (an undo is a record of its own, and an id is a
// digest of what the record says), so that the writes which apply the
// corrections read each record's quads once per process.
type correctionCache struct {
	mu sync.Mutex
	m  map[string]Correction
}

func (c *correctionCache) get(id string) (Correction, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	x, ok := c.m[id]
	return x, ok
}

func (c *correctionCache) put(x Correction) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]Correction{}
	}
	x.UndoneBy = ""
	c.m[x.ID] = x
}
