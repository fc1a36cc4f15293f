package graph

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Namespaces and well-known IRIs of the graph model.
const (
	// Base is the root of every IRI Accord mints.
	Base = "http://accord.local/"
	// NS is the namespace of Accord's predicates and classes.
	NS = Base + "ns#"
	// EntityBase prefixes entity IRIs: EntityBase + Entity.ID.
	EntityBase = Base + "entity/"
	// DocumentBase prefixes document IRIs: DocumentBase + Document.ID.
	DocumentBase = Base + "doc/"
	// StatementBase prefixes the IRIs of evidence statements.
	StatementBase = Base + "stmt/"

	// EntitiesGraph is the named graph holding entity names and types.
	EntitiesGraph = Base + "entities"
	// DocumentsGraph is the named graph holding document metadata.
	DocumentsGraph = Base + "documents"
	// ProvenanceGraph is the named graph holding one rdf:Statement per fact.
	ProvenanceGraph = Base + "provenance"

	schemaNS = "http://schema.org/"
	rdfNS    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	provNS   = "http://www.w3.org/ns/prov#"
	xsdNS    = "http://www.w3.org/2001/XMLSchema#"
)

// Kind is the class of an entity; its IRI is NS + the kind.
type Kind string

// The entity kinds of the contract, plus Commitment for pledged actions.
const (
	Person       Kind = "Person"
	Country      Kind = "Country"
	Organization Kind = "Organization"
	Agreement    Kind = "Agreement"
	Issue        Kind = "Issue"
	Place        Kind = "Place"
	Event        Kind = "Event"
	Commitment   Kind = "Commitment"
)

// Kinds lists every entity kind in a stable order.
var Kinds = []Kind{Person, Country, Organization, Agreement, Issue, Place, Event, Commitment}

// ParseKind returns the kind named s (case-blind) or false.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if strings.EqualFold(string(k), s) {
			return k, true
		}
	}
	return "", false
}

// Modality says how a document states a fact.
type Modality string

// The modalities of the contract.
const (
	Asserted Modality = "asserted" // the document states it
	Reported Modality = "reported" // someone in the document said it
	Expected Modality = "expected" // is expected to, will
	Sought   Modality = "sought"   // hopes, wants, asks for
)

// ParseModality returns the modality named s or false.
func ParseModality(s string) (Modality, bool) {
	switch m := Modality(strings.ToLower(s)); m {
	case Asserted, Reported, Expected, Sought:
		return m, true
	}
	return "", false
}

// Entity is an actor, agreement, issue, place or event.
type Entity struct {
	ID      string   `json:"id"`                // slug, unique in the store
	Name    string   `json:"name"`              // canonical name
	Aliases []string `json:"aliases,omitempty"` // other surface forms seen
	Kind    Kind     `json:"type"`
}

// IRI returns the entity's IRI.
func (e Entity) IRI() string { return EntityBase + e.ID }

// Document is one source text: its identifier is the file's base name.
type Document struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"` // ISO date, as the source gives it
	URL       string `json:"url,omitempty"`
	Hash      string `json:"hash,omitempty"` // content hash, for incremental loads
}

// IRI returns the document's IRI.
func (d Document) IRI() string { return DocumentBase + escapeSegment(d.ID) }

// Evidence is the sentence a fact was read from.
type Evidence struct {
	Sentence   string   `json:"sentence"`
	Start      int      `json:"start"` // character (rune) offset in the document file
	End        int      `json:"end"`   // exclusive
	Confidence float64  `json:"confidence"`
	Modality   Modality `json:"modality"`
}

// Object is a fact's object: an entity id, or a literal value.
type Object struct {
	Entity  string `json:"entity,omitempty"`
	Literal string `json:"literal,omitempty"`
}

// String returns the entity id or the quoted literal.
func (o Object) String() string {
	if o.Entity != "" {
		return o.Entity
	}
	return fmt.Sprintf("%q", o.Literal)
}

// Qualifier is an amount, count, date or duration attached to a fact.
type Qualifier struct {
	Key   string `json:"key"` // amount, count, date, duration, ...
	Value string `json:"value"`
}

// Fact is one statement read from one document.
type Fact struct {
	Subject    string      `json:"subject"` // entity id
	Predicate  string      `json:"predicate"`
	Object     Object      `json:"object"`
	Doc        string      `json:"doc"` // document id
	Evidence   Evidence    `json:"evidence"`
	Qualifiers []Qualifier `json:"qualifiers,omitempty"`
	// ValidFrom and ValidUntil bound when the fact held (validity.go);
	// nil when nothing dates that end.
	ValidFrom  *Bound `json:"valid_from,omitempty"`
	ValidUntil *Bound `json:"valid_until,omitempty"`
}

// statementID identifies a fact's evidence statement: the same triple read
// from another sentence or document is another statement.
func (f Fact) statementID() string {
	h := sha1.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%d", f.Subject, f.Predicate, f.Object, f.Doc, f.Evidence.Start)
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// DocumentGraph is everything extracted from one document: the unit the
// store writes in one transaction.
type DocumentGraph struct {
	Doc      Document `json:"document"`
	Entities []Entity `json:"entities"`
	Facts    []Fact   `json:"facts"`
}

// Slug turns a name into an entity id: lower case, accents folded, words
// joined by hyphens ("Sophie Grégoire Trudeau" -> "sophie-gregoire-trudeau").
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '.':
			// "Leaders' Summit", "U.S." keep their words together.
		default:
			dash = true
		}
	}
	return b.String()
}

// escapeSegment keeps an identifier usable inside an IRI.
func escapeSegment(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("<>\"{}|^`\\%#?", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
