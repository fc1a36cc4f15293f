package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// FactQuery is a triple pattern over the stored facts with a scope (where
// and how they were stated) and a page: any position may be open, but not
// all of subject, predicate, object, document and modality.
type FactQuery struct {
	Subject   string // entity id
	Predicate string // local name
	Object    Object // entity id or literal
	Scope            // document, dates, modalities (Scope.Predicates is ignored)
	Limit     int    // default 100
	Cursor    string // from a previous page's Next
}

// FactPage is one page of facts.
type FactPage struct {
	Facts []Fact `json:"facts"`
	Next  string `json:"next,omitempty"`
	// Disputes, for an as-of query, lists the facts among those read
	// whose sources disagree on whether they held on that day.
	Disputes []DateDispute `json:"disputes,omitempty"`
}

// ErrOpenQuery reports a fact query with no position to enter the graph by.
var ErrOpenQuery = fmt.Errorf("graph: at least one of subject, predicate, object, doc and modality is required")

// sortedFacts is the number of candidate statements up to which QueryFacts
// reads them all and orders the facts; beyond it, facts come in store order.
const sortedFacts = 2000

// QueryFacts returns a page of the facts that match q, each with its
// document and evidence. It enters the provenance graph through every
// position q fixes at once and reads the statements of the smallest: the
// subject's or object's, the predicate's, the document's or the modality's.
// Up to a few thousand candidates, the facts are ordered like FactsOf
// (predicate, subject, object, document, offset); beyond, in store order.
func (s *Store) QueryFacts(ctx context.Context, q FactQuery) (FactPage, error) {
	page := FactPage{Facts: []Fact{}}
	if err := q.Scope.Check(); err != nil {
		return page, err
	}
	if q.Limit <= 0 {
		q.Limit = 100
	}
	off, err := decodeCursor(q.Cursor)
	if err != nil {
		return page, err
	}
	q.Predicate = LocalName(q.Predicate)
	match := func(f Fact) bool {
		switch {
		case q.Subject != "" && f.Subject != q.Subject,
			q.Predicate != "" && f.Predicate != q.Predicate,
			q.Object.Entity != "" && f.Object.Entity != q.Object.Entity,
			q.Object.Literal != "" && (f.Object.Entity != "" || f.Object.Literal != q.Object.Literal):
			return false
		}
		return true
	}
	err = s.read(func() error {
		r := s.reader(ctx)
		r.startNotes(q.AsOf)
		defer func() { page.Disputes = r.notes.disputes() }()
		var pairs [][2]graph.Ref
		entry := func(v quad.Value, link quad.IRI) {
			pairs = append(pairs, [2]graph.Ref{r.ref(v), r.ref(link)})
		}
		if q.Subject != "" {
			entry(entityIRI(q.Subject), rdfSubject)
		}
		if q.Object.Entity != "" {
			entry(entityIRI(q.Object.Entity), rdfObject)
		} else if q.Object.Literal != "" {
			entry(quad.String(q.Object.Literal), rdfObject)
		}
		if q.Doc != "" {
			entry(iri(Document{ID: q.Doc}.IRI()), provDerivedFrom)
		}
		if q.Predicate != "" {
			entry(iri(PredicateIRI(q.Predicate)), rdfPredicate)
		}
		if len(q.Modalities) == 1 {
			entry(quad.String(q.Modalities[0]), accModality)
		}
		if len(pairs) == 0 {
			if len(q.Modalities) > 1 {
				return fmt.Errorf("%w (a single modality can be the entry, not several)", ErrOpenQuery)
			}
			return ErrOpenQuery
		}
		// One entry is streamed; several are raced and the smallest read.
		if len(pairs) == 1 {
			var first []graph.Ref
			it, pk := r.open(quad.Object, pairs[0][0], pairs[0][1])
			defer it.Close()
			if pairs[0][0] == nil || pairs[0][1] == nil {
				return nil
			}
			for len(first) <= sortedFacts {
				q := r.next(it, pk)
				if q == nil {
					break
				}
				first = append(first, r.dir(q, quad.Subject))
			}
			if len(first) <= sortedFacts {
				return s.sortedPage(r, first, q.Scope, match, off, q.Limit, &page)
			}
			// Too many to sort: store order, from the start again.
			n := 0
			it2, pk2 := r.open(quad.Object, pairs[0][0], pairs[0][1])
			defer it2.Close()
			for {
				qq := r.next(it2, pk2)
				if qq == nil {
					break
				}
				f, ok, err := r.statement(r.dir(qq, quad.Subject))
				if err != nil {
					return err
				}
				if !ok || !match(f) || !r.keep(q.Scope, f) {
					continue
				}
				if n >= off {
					if len(page.Facts) == q.Limit {
						page.Next = encodeCursor(n)
						return nil
					}
					page.Facts = append(page.Facts, f)
				}
				n++
			}
			return it2.Err()
		}
		cands, err := r.smallest(pairs)
		if err != nil {
			return err
		}
		return s.sortedPage(r, cands, q.Scope, match, off, q.Limit, &page)
	})
	return page, err
}

// sortedPage reads the candidate statements, keeps the matching ones in
// scope, orders them and cuts the page at offset off.
func (s *Store) sortedPage(r *reader, cands []graph.Ref, sc Scope, match func(Fact) bool, off, limit int, page *FactPage) error {
	var all []Fact
	for _, st := range cands {
		f, ok, err := r.statement(st)
		if err != nil {
			return err
		}
		if ok && match(f) && r.keep(sc, f) {
			all = append(all, f)
		}
	}
	sortFacts(all)
	if off < len(all) {
		end := min(off+limit, len(all))
		page.Facts = append(page.Facts, all[off:end]...)
		if end < len(all) {
			page.Next = encodeCursor(end)
		}
	}
	return nil
}

// EntityDetail is an entity with the facts it takes part in.
type EntityDetail struct {
	Entity
	Out       []Fact   // facts whose subject it is
	In        []Fact   // facts whose object it is
	OutTotal  int      // all such facts, when Out was cut at the limit
	InTotal   int      //
	Documents []string // the documents of the facts read
	// Disputes, as of a day, are the facts whose sources disagree on
	// whether they held on it.
	Disputes []DateDispute `json:",omitempty"`
}

// EntityFacts returns entity id with up to limit facts in each direction
// (all when limit is 0), in the order of FactsOf, and the documents they
// come from.
func (s *Store) EntityFacts(ctx context.Context, id string, limit int) (EntityDetail, error) {
	return s.EntityFactsAsOf(ctx, id, limit, "")
}

// EntityFactsAsOf is EntityFacts keeping only the facts that held on day
// (YYYY-MM-DD; every fact when ""): the totals then count those, and the
// detail lists the facts whose sources disagree about the day.
func (s *Store) EntityFactsAsOf(ctx context.Context, id string, limit int, day string) (EntityDetail, error) {
	var d EntityDetail
	if day != "" {
		if err := CheckAsOf(day); err != nil {
			return d, err
		}
	}
	err := s.read(func() error {
		r := s.reader(ctx)
		r.startNotes(day)
		defer func() { d.Disputes = r.notes.disputes() }()
		n := r.entityRef(id)
		e, ok := r.entity(n)
		if !ok {
			return fmt.Errorf("entity %q: %w", id, ErrNotFound)
		}
		d.Entity = e
		docs := map[string]bool{}
		for _, dir := range []struct {
			link quad.IRI
			out  *[]Fact
			tot  *int
		}{{rdfSubject, &d.Out, &d.OutTotal}, {rdfObject, &d.In, &d.InTotal}} {
			sts, err := r.statements(n, dir.link)
			if err != nil {
				return err
			}
			*dir.tot = len(sts)
			if limit > 0 && len(sts) > limit && day == "" {
				sts = sts[:limit]
			}
			held := 0
			for _, st := range sts {
				f, ok, err := r.statement(st)
				if err != nil {
					return err
				}
				if !ok || day != "" && !r.holds(f, day) {
					continue
				}
				held++
				if limit == 0 || len(*dir.out) < limit {
					*dir.out = append(*dir.out, f)
					docs[f.Doc] = true
				}
			}
			if day != "" {
				*dir.tot = held
			}
		}
		for doc := range docs {
			if doc != "" {
				d.Documents = append(d.Documents, doc)
			}
		}
		return nil
	})
	sortFacts(d.Out)
	sortFacts(d.In)
	sort.Strings(d.Documents)
	return d, err
}

// Names returns the canonical names of the entities with the given ids;
// ids the store does not know are missing from the map.
func (s *Store) Names(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	err := s.read(func() error {
		r := s.reader(ctx)
		name := r.ref(schemaName)
		for _, id := range ids {
			if _, done := out[id]; done || id == "" {
				continue
			}
			if v := r.first(quad.Subject, r.entityRef(id), name, quad.Object); v != nil {
				out[id] = literal(r.value(v))
			}
		}
		return nil
	})
	return out, err
}

// DocumentList returns every stored document, ordered by identifier,
// finding them through their type rather than a scan of the store.
func (s *Store) DocumentList(ctx context.Context) ([]Document, error) {
	var docs []Document
	err := s.read(func() error {
		r := s.reader(ctx)
		var refs []graph.Ref
		if err := r.scan(quad.Object, r.ref(documentClass), r.ref(rdfType), func(q graph.Ref) error {
			refs = append(refs, r.dir(q, quad.Subject))
			return nil
		}); err != nil {
			return err
		}
		for _, d := range refs {
			doc, err := r.document(d)
			if err != nil {
				return err
			}
			if doc.ID != "" {
				docs = append(docs, doc)
			}
		}
		return nil
	})
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, err
}

// document reads a document's metadata.
func (r *reader) document(d graph.Ref) (Document, error) {
	var doc Document
	id, title, date, url, hash := key(r.ref(schemaID)), key(r.ref(schemaName)), key(r.ref(schemaDate)), key(r.ref(schemaURL)), key(r.ref(accHash))
	err := r.scan(quad.Subject, d, anyPredicate, func(q graph.Ref) error {
		v := func() string { return literal(r.value(r.dir(q, quad.Object))) }
		switch key(r.dir(q, quad.Predicate)) {
		case id:
			doc.ID = v()
		case title:
			doc.Title = v()
		case date:
			doc.Published = v()
		case url:
			doc.URL = v()
		case hash:
			doc.Hash = v()
		}
		return nil
	})
	return doc, err
}

// Resolution is the outcome of resolving a name to an entity.
type Resolution struct {
	Entity     *Entity // the entity, when the name picks exactly one
	Candidates []Match // the best matches, when it picks several or none
}

// Resolve turns an entity id, name or alias into an entity, as the search
// does: an id is taken as is; otherwise the best-ranked matches decide, and
// when several share the best rank the name is ambiguous.
func (s *Store) Resolve(ctx context.Context, q string) (Resolution, error) {
	q = strings.TrimSpace(q)
	if e, err := s.Lookup(ctx, q); err == nil {
		return Resolution{Entity: &e}, nil
	} else if !errors.Is(err, ErrNotFound) {
		return Resolution{}, err
	}
	page, err := s.SearchEntities(ctx, SearchOptions{Query: q, Limit: 10})
	if err != nil || len(page.Matches) == 0 {
		return Resolution{}, err
	}
	best := page.Matches[0].Score
	var top []Match
	for _, m := range page.Matches {
		if m.Score == best {
			top = append(top, m)
		}
	}
	if len(top) == 1 {
		e := top[0].Entity
		return Resolution{Entity: &e}, nil
	}
	return Resolution{Candidates: top}, nil
}

// Lookup returns the entity with the given id, its name, kind and aliases.
// Unlike Entity it reads only the entity's description, however many facts
// the entity has.
func (s *Store) Lookup(ctx context.Context, id string) (Entity, error) {
	var e Entity
	err := s.read(func() error {
		r := s.reader(ctx)
		var ok bool
		if e, ok = r.entity(r.entityRef(id)); !ok {
			return fmt.Errorf("entity %q: %w", id, ErrNotFound)
		}
		return nil
	})
	return e, err
}

// EntitiesOfKind returns the ids of the entities of kind k, in store order,
// at most limit of them (all when limit is 0).
func (s *Store) EntitiesOfKind(ctx context.Context, k Kind, limit int) ([]string, error) {
	var out []string
	err := s.read(func() error {
		r := s.reader(ctx)
		return ignoreStop(r.scan(quad.Object, r.ref(iri(NS+string(k))), r.ref(rdfType), func(q graph.Ref) error {
			if id, ok := r.entityIDOf(r.dir(q, quad.Subject)); ok {
				out = append(out, id)
			}
			if limit > 0 && len(out) >= limit {
				return errStop
			}
			return nil
		}))
	})
	sort.Strings(out)
	return out, err
}

// FactCount returns the number of facts entity id takes part in, either
// way, counting up to max (all when max is 0).
func (s *Store) FactCount(ctx context.Context, id string, max int) (int, error) {
	n := 0
	err := s.read(func() error {
		r := s.reader(ctx)
		e := r.entityRef(id)
		for _, link := range []quad.IRI{rdfSubject, rdfObject} {
			err := r.scan(quad.Object, e, r.ref(link), func(graph.Ref) error {
				n++
				if max > 0 && n >= max {
					return errStop
				}
				return nil
			})
			if err := ignoreStop(err); err != nil || (max > 0 && n >= max) {
				return err
			}
		}
		return nil
	})
	return n, err
}
