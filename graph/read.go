package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/unicode/norm"
)

// Entity returns the stored entity with the given id.
func (s *Store) Entity(ctx context.Context, id string) (Entity, error) {
	var e Entity
	err := s.read(func() error {
		var err error
		e, err = s.entityLocked(ctx, id)
		return err
	})
	return e, err
}

func (s *Store) entityLocked(ctx context.Context, id string) (Entity, error) {
	e := Entity{ID: id}
	err := s.each(ctx, quad.Subject, entityIRI(id), func(q quad.Quad) error {
		if q.Label != entitiesGraph {
			return nil
		}
		switch q.Predicate {
		case schemaName:
			e.Name = literal(q.Object)
		case schemaAltName:
			e.Aliases = append(e.Aliases, literal(q.Object))
		case rdfType:
			e.Kind = Kind(LocalName(literal(q.Object)))
		}
		return nil
	})
	if err != nil {
		return Entity{}, err
	}
	if e.Name == "" {
		return Entity{}, fmt.Errorf("entity %q: %w", id, ErrNotFound)
	}
	sort.Strings(e.Aliases)
	return e, nil
}

// FactsOf returns the facts whose subject (out) or object (in) is the
// entity, each with its document and evidence.
func (s *Store) FactsOf(ctx context.Context, id string) (out, in []Fact, err error) {
	err = s.read(func() error {
		v := entityIRI(id)
		var stmts []quad.Value
		var dirs []bool
		if err := s.each(ctx, quad.Object, v, func(q quad.Quad) error {
			if q.Label == provenanceGraph && (q.Predicate == rdfSubject || q.Predicate == rdfObject) {
				stmts = append(stmts, q.Subject)
				dirs = append(dirs, q.Predicate == rdfSubject)
			}
			return nil
		}); err != nil {
			return err
		}
		for i, st := range stmts {
			f, ok, err := s.statementLocked(ctx, st)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if dirs[i] {
				out = append(out, f)
			} else {
				in = append(in, f)
			}
		}
		return nil
	})
	sortFacts(out)
	sortFacts(in)
	return out, in, err
}

// statementLocked reads one evidence statement back as a fact.
func (s *Store) statementLocked(ctx context.Context, st quad.Value) (Fact, bool, error) {
	var qs []quad.Quad
	if err := s.each(ctx, quad.Subject, st, func(q quad.Quad) error {
		qs = append(qs, q)
		return nil
	}); err != nil {
		return Fact{}, false, err
	}
	f, ok := statementFact(qs)
	return f, ok, nil
}

func sortFacts(fs []Fact) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Object != b.Object {
			return a.Object.String() < b.Object.String()
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		return a.Evidence.Start < b.Evidence.Start
	})
}

// Documents returns every stored document, ordered by identifier.
func (s *Store) Documents(ctx context.Context) ([]Document, error) {
	var docs []Document
	err := s.read(func() error {
		var iris []quad.Value
		if err := s.each(ctx, quad.Predicate, schemaID, func(q quad.Quad) error {
			if q.Label == documentsGraph {
				iris = append(iris, q.Subject)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, d := range iris {
			doc, err := s.documentLocked(ctx, d)
			if err != nil {
				return err
			}
			docs = append(docs, doc)
		}
		return nil
	})
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, err
}

// Document returns one stored document's metadata.
func (s *Store) Document(ctx context.Context, id string) (Document, error) {
	var doc Document
	err := s.read(func() error {
		var err error
		doc, err = s.documentLocked(ctx, iri(Document{ID: id}.IRI()))
		return err
	})
	return doc, err
}

func (s *Store) documentLocked(ctx context.Context, d quad.Value) (Document, error) {
	var doc Document
	err := s.each(ctx, quad.Subject, d, func(q quad.Quad) error {
		if q.Label != documentsGraph {
			return nil
		}
		switch q.Predicate {
		case schemaID:
			doc.ID = literal(q.Object)
		case schemaName:
			doc.Title = literal(q.Object)
		case schemaDate:
			doc.Published = literal(q.Object)
		case schemaURL:
			doc.URL = literal(q.Object)
		case accHash:
			doc.Hash = literal(q.Object)
		}
		return nil
	})
	if err == nil && doc.ID == "" {
		err = fmt.Errorf("document %s: %w", d, ErrNotFound)
	}
	return doc, err
}

// Match is an entity found by Search, with how well it matched.
type Match struct {
	Entity
	Score int `json:"score"` // 3 exact name, 2 exact alias, 1 prefix or word
}

// Search finds entities by name or alias, case- and accent-blind: exact
// names first, then aliases, then names with a word starting with q.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]Match, error) {
	key := Fold(q)
	if key == "" {
		return nil, nil
	}
	var out []Match
	err := s.read(func() error {
		idx, err := s.nameIndexLocked(ctx)
		if err != nil {
			return err
		}
		scores := idx.lookup(key)
		ids := make([]string, 0, len(scores))
		for id := range scores {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool {
			if scores[ids[i]] != scores[ids[j]] {
				return scores[ids[i]] > scores[ids[j]]
			}
			return ids[i] < ids[j]
		})
		if limit > 0 && len(ids) > limit {
			ids = ids[:limit]
		}
		for _, id := range ids {
			e, err := s.entityLocked(ctx, id)
			if err != nil {
				continue // removed since the index was built
			}
			out = append(out, Match{Entity: e, Score: scores[id]})
		}
		return nil
	})
	return out, err
}

// Fold lowers case, strips accents and punctuation and folds spaces, the
// key under which names are compared.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.', r == '\'', r == '’':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// nameIndex maps folded names to entity ids.
type nameIndex struct {
	names   map[string]map[string]int // folded name -> id -> 3 name / 2 alias
	entries []string                  // sorted folded names, for prefix search
}

func (idx *nameIndex) sort() { sort.Strings(idx.entries) }

// nameIndexLocked returns the name index, building it on first use. Readers
// may race to build it, so namesMu guards the field; writers, which exclude
// readers, update it in place.
func (s *Store) nameIndexLocked(ctx context.Context) (*nameIndex, error) {
	s.namesMu.Lock()
	defer s.namesMu.Unlock()
	if idx := s.names; idx != nil {
		return idx, nil
	}
	idx := &nameIndex{names: map[string]map[string]int{}}
	for _, p := range []quad.IRI{schemaName, schemaAltName} {
		score := 3
		if p == schemaAltName {
			score = 2
		}
		if err := s.each(ctx, quad.Predicate, p, func(q quad.Quad) error {
			if id, ok := entityID(q.Subject); ok && q.Label == entitiesGraph {
				idx.put(literal(q.Object), id, score)
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	idx.sort()
	s.names = idx
	return idx, nil
}

func (idx *nameIndex) put(name, id string, score int) {
	k := Fold(name)
	if k == "" {
		return
	}
	m := idx.names[k]
	if m == nil {
		m = map[string]int{}
		idx.names[k] = m
		idx.entries = append(idx.entries, k)
	}
	if m[id] < score {
		m[id] = score
	}
}

func (idx *nameIndex) add(es []Entity) {
	if idx == nil {
		return
	}
	for _, e := range es {
		idx.put(e.Name, e.ID, 3)
		for _, a := range e.Aliases {
			idx.put(a, e.ID, 2)
		}
	}
	idx.sort()
}

func (idx *nameIndex) lookup(key string) map[string]int {
	out := map[string]int{}
	for id, sc := range idx.names[key] {
		out[id] = sc
	}
	// Prefix of the whole name or of any word in it.
	i := sort.SearchStrings(idx.entries, key)
	for ; i < len(idx.entries) && strings.HasPrefix(idx.entries[i], key); i++ {
		for id := range idx.names[idx.entries[i]] {
			if _, ok := out[id]; !ok {
				out[id] = 1
			}
		}
	}
	if len(out) < 50 {
		for _, name := range idx.entries {
			if strings.Contains(" "+name, " "+key) {
				for id := range idx.names[name] {
					if _, ok := out[id]; !ok {
						out[id] = 1
					}
				}
			}
		}
	}
	return out
}

// EachEntity calls fn for every stored entity, in no particular order. It
// stops at the first error fn returns.
func (s *Store) EachEntity(ctx context.Context, fn func(Entity) error) error {
	return s.read(func() error {
		var ids []string
		if err := s.each(ctx, quad.Predicate, schemaName, func(q quad.Quad) error {
			if id, ok := entityID(q.Subject); ok && q.Label == entitiesGraph {
				ids = append(ids, id)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, id := range ids {
			e, err := s.entityLocked(ctx, id)
			if err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}
