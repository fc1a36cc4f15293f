package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Correct records a correction and applies it to the stored graph, in one
// transaction: the documents whose facts it changes are rewritten, the
// entities it changes redescribed, and what it removed and added in each
// is kept as its effects. Who is required; When defaults to now and ID to
// a digest of the record. An undo takes back what its correction changed
// (in the documents still stored) and stops it applying to later writes;
// both records stay. A correction that a later one changed again is
// undone after it. Bad fields are FieldErrors naming the field.
func (s *Store) Correct(ctx context.Context, c Correction) (Correction, error) {
	if err := c.check(); err != nil {
		return Correction{}, err
	}
	if c.When == "" {
		c.When = now().UTC().Format(whenLayout)
	} else if t, err := time.Parse(time.RFC3339Nano, c.When); err != nil {
		return Correction{}, fieldErr("when", "want an RFC 3339 time (2026-01-02T15:04:05Z)")
	} else {
		c.When = t.UTC().Format(whenLayout)
	}
	c.Entities, c.NewEntity, c.UndoneBy = nil, "", ""
	if c.ID == "" {
		c.newID()
	}
	err := s.write(func() error {
		all, err := s.correctionsLocked(ctx)
		if err != nil {
			return err
		}
		for _, o := range all {
			if o.ID == c.ID {
				return fieldErr("id", "correction %s is already recorded", c.ID)
			}
		}
		var deltas []graph.Delta
		if c.Kind == Undo {
			deltas, err = s.undoLocked(ctx, all, c.Undoes)
		} else {
			deltas, err = s.applyLocked(ctx, &c)
		}
		if err != nil {
			return err
		}
		for _, q := range correctionQuads(c) {
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
		}
		if err := s.apply(deltas); err != nil {
			return fmt.Errorf("correct %s: %w", c.Kind, err)
		}
		s.names = nil
		return nil
	})
	if err != nil {
		return Correction{}, err
	}
	return c, nil
}

// effect is what one correction changed in one document (doc "": in the
// entities, or a hand-added fact with no source).
type effect struct {
	doc              string
	removed, added   []quad.Quad
	correction, node quad.IRI
}

// effectIRI names the effect of correction id on document doc.
func effectIRI(id, doc string) quad.IRI {
	if doc == "" {
		return iri(CorrectionBase + id + "/effect")
	}
	return iri(CorrectionBase + id + "/effect/" + escapeSegment(doc))
}

// quads describes the effect in the corrections graph; the quads removed
// and added are N-Quads lines in one literal each.
func (e effect) quads(id string) []quad.Quad {
	n := effectIRI(id, e.doc)
	g := correctionsGraph
	qs := []quad.Quad{quad.Make(n, effectOf, iri(CorrectionBase+id), g)}
	if e.doc != "" {
		qs = append(qs, quad.Make(n, effectDoc, quad.String(e.doc), g))
	}
	lines := func(qq []quad.Quad) quad.String {
		ls := make([]string, len(qq))
		for i, q := range qq {
			ls[i] = q.NQuad()
		}
		sort.Strings(ls)
		return quad.String(strings.Join(ls, "\n"))
	}
	if len(e.removed) > 0 {
		qs = append(qs, quad.Make(n, effectRemoved, lines(e.removed), g))
	}
	if len(e.added) > 0 {
		qs = append(qs, quad.Make(n, effectAdded, lines(e.added), g))
	}
	return qs
}

// deltas returns the effect's changes as store deltas.
func (e effect) deltas() []graph.Delta { return deleteThenAdd(e.removed, e.added) }

// inverse returns the deltas that take the effect back.
func (e effect) inverse() []graph.Delta { return deleteThenAdd(e.added, e.removed) }

// deleteThenAdd returns deltas deleting del, then adding add.
func deleteThenAdd(del, add []quad.Quad) []graph.Delta {
	out := make([]graph.Delta, 0, len(del)+len(add))
	for _, q := range del {
		out = append(out, graph.Delta{Quad: q, Action: graph.Delete})
	}
	for _, q := range add {
		out = append(out, graph.Delta{Quad: q, Action: graph.Add})
	}
	return out
}

// diff returns the quads of before not in after, and of after not in
// before.
func diff(before, after []quad.Quad) (removed, added []quad.Quad) {
	a := make(map[quad.Quad]bool, len(after))
	for _, q := range after {
		a[q] = true
	}
	b := make(map[quad.Quad]bool, len(before))
	for _, q := range before {
		if b[q] {
			continue
		}
		b[q] = true
		if !a[q] {
			removed = append(removed, q)
		}
	}
	for q := range a {
		if !b[q] {
			added = append(added, q)
		}
	}
	return removed, added
}

// effectsLocked reads the effects recorded for a correction; the caller
// holds a lock.
func (s *Store) effectsLocked(ctx context.Context, id string) ([]effect, error) {
	var nodes []quad.Value
	if err := s.each(ctx, quad.Object, iri(CorrectionBase+id), func(q quad.Quad) error {
		if q.Predicate == effectOf && q.Label == correctionsGraph {
			nodes = append(nodes, q.Subject)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var out []effect
	for _, n := range nodes {
		e, ok, err := s.effectAtLocked(ctx, n.(quad.IRI))
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].doc < out[j].doc })
	return out, nil
}

// effectAtLocked reads the effect described at node n, if there is one.
func (s *Store) effectAtLocked(ctx context.Context, n quad.IRI) (effect, bool, error) {
	e := effect{node: n}
	found := false
	err := s.each(ctx, quad.Subject, n, func(q quad.Quad) error {
		if q.Label != correctionsGraph {
			return nil
		}
		found = true
		var err error
		switch q.Predicate {
		case effectOf:
			e.correction, _ = q.Object.(quad.IRI)
		case effectDoc:
			e.doc = literal(q.Object)
		case effectRemoved:
			e.removed, err = parseQuadLines(literal(q.Object))
		case effectAdded:
			e.added, err = parseQuadLines(literal(q.Object))
		}
		if err != nil {
			return fmt.Errorf("effect %s: %w", n, err)
		}
		return nil
	})
	return e, found, err
}

// effectQuadsLocked returns the quads that describe an effect node.
func (s *Store) effectQuadsLocked(ctx context.Context, n quad.IRI) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.each(ctx, quad.Subject, n, func(q quad.Quad) error {
		if q.Label == correctionsGraph {
			out = append(out, q)
		}
		return nil
	})
	return out, err
}

// parseQuadLines reads the N-Quads lines of an effect.
func parseQuadLines(s string) ([]quad.Quad, error) {
	var out []quad.Quad
	for _, l := range strings.Split(s, "\n") {
		if l == "" {
			continue
		}
		q, err := nquads.ParseRaw(l)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// applyLocked checks a new correction against the store, fills in what
// it records of the store (the entities it names, a split's new entity)
// and returns the deltas that apply it and record its effects.
func (s *Store) applyLocked(ctx context.Context, c *Correction) ([]graph.Delta, error) {
	entity := func(field, id string) (Entity, error) {
		e, err := s.entityLocked(ctx, id)
		if errors.Is(err, ErrNotFound) {
			return e, fieldErr(field, "no entity %q", id)
		}
		return e, err
	}
	var docs []string // the documents whose facts change
	var entityRemoved, entityAdded []quad.Quad
	switch c.Kind {
	case Merge:
		into, err := entity("entity", c.Entity)
		if err != nil {
			return nil, err
		}
		from, err := entity("from", c.From)
		if err != nil {
			return nil, err
		}
		c.Entities = []Entity{into, from}
		old, err := s.entityQuadsLocked(ctx, c.From)
		if err != nil {
			return nil, err
		}
		entityRemoved = old
		known := map[string]bool{into.Name: true}
		for _, a := range into.Aliases {
			known[a] = true
		}
		for _, a := range append([]string{from.Name}, from.Aliases...) {
			if !known[a] {
				known[a] = true
				entityAdded = append(entityAdded, aliasQuad(c.Entity, a))
			}
		}
		if docs, err = s.docsOfLocked(ctx, c.From); err != nil {
			return nil, err
		}
	case Split:
		e, err := entity("entity", c.Entity)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(e.Aliases, c.Alias) {
			return nil, fieldErr("alias", "%q is not an alias of %s (aliases: %s)", c.Alias, c.Entity, strings.Join(e.Aliases, ", "))
		}
		c.NewEntity = Slug(c.Alias)
		if c.NewEntity == "" {
			return nil, fieldErr("alias", "%q makes no entity id", c.Alias)
		}
		if _, err := s.entityLocked(ctx, c.NewEntity); err == nil {
			return nil, fieldErr("alias", "entity %q already exists: merge into it instead", c.NewEntity)
		}
		if c.Type == "" {
			c.Type = e.Kind
		} else if k, ok := ParseKind(string(c.Type)); ok {
			c.Type = k
		} else {
			return nil, fieldErr("type", "%q is not an entity type", c.Type)
		}
		c.Entities = []Entity{e}
		ne := Entity{ID: c.NewEntity, Name: c.Alias, Kind: c.Type}
		entityRemoved = []quad.Quad{aliasQuad(c.Entity, c.Alias)}
		entityAdded = entityQuads(ne)
		if card, ok := entityCard(ne.ID, ne.Name, ne.Kind); ok {
			entityAdded = append(entityAdded, card)
		}
		if docs, err = s.docsOfLocked(ctx, c.Entity); err != nil {
			return nil, err
		}
	case Rename, Retype:
		e, err := entity("entity", c.Entity)
		if err != nil {
			return nil, err
		}
		c.Entities = []Entity{e}
		after, _ := c.transformEntity(e)
		if entityRemoved, err = s.entityQuadsLocked(ctx, c.Entity); err != nil {
			return nil, err
		}
		entityAdded = entityQuads(after)
		if card, ok := entityCard(after.ID, after.Name, after.Kind); ok {
			entityAdded = append(entityAdded, card)
		}
		entityRemoved, entityAdded = diff(entityRemoved, entityAdded)
	case Reject, Confirm, Add:
		f := *c.Fact
		subj, err := entity("fact.subject", f.Subject)
		if err != nil {
			return nil, err
		}
		c.Entities = []Entity{subj}
		if f.Object.Entity != "" {
			obj, err := entity("fact.object", f.Object.Entity)
			if err != nil {
				return nil, err
			}
			c.Entities = append(c.Entities, obj)
		}
		if c.Kind == Add {
			if c.Source != "" {
				if _, err := s.documentLocked(ctx, iri(Document{ID: c.Source}.IRI())); err != nil {
					return nil, fieldErr("source", "no document %q", c.Source)
				}
				docs = []string{c.Source}
			} else {
				fq, ev := factQuads(c.addedFact(""), iri(c.IRI()))
				entityAdded = append([]quad.Quad{fq}, ev...)
			}
			break
		}
		stored, err := s.factsLocked(ctx, FactFilter{Subject: f.Subject, Predicate: f.Predicate, Object: f.Object, Doc: f.Doc})
		if err != nil {
			return nil, err
		}
		if len(stored) == 0 {
			where := ""
			if f.Doc != "" {
				where = " in " + f.Doc
			}
			return nil, fieldErr("fact", "no stored fact %s %s %s%s", f.Subject, f.Predicate, f.Object, where)
		}
		if c.Kind == Reject {
			for _, x := range stored {
				if !slices.Contains(docs, x.Doc) && x.Doc != "" {
					docs = append(docs, x.Doc)
				}
			}
		}
	}
	var deltas []graph.Delta
	var effects []effect
	var removedAll []quad.Quad
	keep := map[quad.Quad]bool{}
	for _, d := range docs {
		e, err := s.rewriteLocked(ctx, *c, d)
		if err != nil {
			return nil, err
		}
		if len(e.removed)+len(e.added) > 0 {
			effects = append(effects, e)
			removedAll = append(removedAll, e.removed...)
			for _, q := range e.added {
				keep[q] = true
			}
		}
	}
	if c.Kind == Reject {
		// Entities that only the rejected facts mentioned go with them, as
		// Forget does, and come back with an undo.
		orphans, err := s.orphansLocked(ctx, removedAll, keep)
		if err != nil {
			return nil, err
		}
		for _, o := range orphans {
			entityRemoved = append(entityRemoved, o.Quad)
		}
	}
	if len(entityRemoved)+len(entityAdded) > 0 {
		effects = append(effects, effect{removed: entityRemoved, added: entityAdded})
	}
	for _, e := range effects {
		deltas = append(deltas, e.deltas()...)
		for _, q := range e.quads(c.ID) {
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
		}
	}
	return deltas, nil
}

// entityQuadsLocked returns the quads describing an entity.
func (s *Store) entityQuadsLocked(ctx context.Context, id string) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.each(ctx, quad.Subject, entityIRI(id), func(q quad.Quad) error {
		if q.Label == entitiesGraph {
			out = append(out, q)
		}
		return nil
	})
	return out, err
}

// docsOfLocked returns the documents with a fact about an entity.
func (s *Store) docsOfLocked(ctx context.Context, id string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, f := range []FactFilter{{Subject: id}, {Object: Object{Entity: id}}} {
		fs, err := s.factsLocked(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, x := range fs {
			if x.Doc != "" && !seen[x.Doc] {
				seen[x.Doc] = true
				out = append(out, x.Doc)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// rewriteLocked applies c to one stored document: it reads the document's
// graph back, transforms it, and returns the difference as an effect.
func (s *Store) rewriteLocked(ctx context.Context, c Correction, doc string) (effect, error) {
	docIRI := iri(Document{ID: doc}.IRI())
	old, _, err := s.documentQuadsLocked(ctx, docIRI)
	if err != nil {
		return effect{}, err
	}
	d, err := s.documentLocked(ctx, docIRI)
	if err != nil {
		return effect{}, err
	}
	facts, err := s.factsLocked(ctx, FactFilter{Doc: doc})
	if err != nil {
		return effect{}, err
	}
	sortFacts(facts)
	dg := DocumentGraph{Doc: d, Facts: facts}
	after, changed := c.transform(dg)
	if !changed {
		return effect{doc: doc}, nil
	}
	removed, added := diff(old, docGraphQuads(after))
	return effect{doc: doc, removed: removed, added: added}, nil
}

// undoLocked returns the deltas that take back correction id: the inverse
// of each of its effects (those on documents no longer stored are
// skipped: the document took them with it), and the deletion of the
// effects' records.
func (s *Store) undoLocked(ctx context.Context, all []Correction, id string) ([]graph.Delta, error) {
	var target *Correction
	for i := range all {
		if all[i].ID == id {
			target = &all[i]
		}
	}
	switch {
	case target == nil:
		return nil, fieldErr("undoes", "no correction %q", id)
	case target.Kind == Undo:
		return nil, fieldErr("undoes", "%s is an undo; an undo is not undone (make the correction again)", id)
	case target.UndoneBy != "":
		return nil, fieldErr("undoes", "%s was already undone by %s", id, target.UndoneBy)
	}
	// An undo takes back literally what the correction changed: a later
	// correction that changed some of that again must be undone first.
	mine, err := s.effectsLocked(ctx, id)
	if err != nil {
		return nil, err
	}
	added := map[quad.Quad]bool{}
	for _, e := range mine {
		for _, q := range e.added {
			added[q] = true
		}
	}
	later := false
	for _, c := range all {
		if c.ID == id {
			later = true
			continue
		}
		if !later || !c.Active() {
			continue
		}
		effects, err := s.effectsLocked(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		for _, e := range effects {
			for _, q := range e.removed {
				if added[q] {
					return nil, fieldErr("undoes", "%s (%s, made later) changed what %s did: undo it first", c.ID, c.Kind, id)
				}
			}
		}
	}
	return s.invertLocked(ctx, id, true)
}

// invertLocked returns the deltas that take back the effects of
// correction id and delete their records; with stored set, effects on
// documents no longer stored are left out.
func (s *Store) invertLocked(ctx context.Context, id string, stored bool) ([]graph.Delta, error) {
	effects, err := s.effectsLocked(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []graph.Delta
	for _, e := range effects {
		rec, err := s.effectQuadsLocked(ctx, e.node)
		if err != nil {
			return nil, err
		}
		for _, q := range rec {
			out = append(out, graph.Delta{Quad: q, Action: graph.Delete})
		}
		if stored && e.doc != "" {
			if h, err := s.documentQuadsHashLocked(ctx, e.doc); err != nil {
				return nil, err
			} else if !h {
				continue
			}
		}
		out = append(out, e.inverse()...)
	}
	return out, nil
}

// documentQuadsHashLocked reports whether a document is stored.
func (s *Store) documentQuadsHashLocked(ctx context.Context, doc string) (bool, error) {
	found := false
	err := s.each(ctx, quad.Subject, iri(Document{ID: doc}.IRI()), func(q quad.Quad) error {
		if q.Label == documentsGraph {
			found = true
		}
		return nil
	})
	return found, err
}

// docGraphQuads returns the quads that store a document's graph (not its
// entities): its metadata, its facts and their statements, its validity
// card.
func docGraphQuads(dg DocumentGraph) []quad.Quad {
	docIRI := iri(dg.Doc.IRI())
	var out []quad.Quad
	seen := map[quad.Quad]bool{}
	put := func(q quad.Quad) {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	for _, q := range documentQuads(dg.Doc) {
		put(q)
	}
	for _, f := range dg.Facts {
		f.Doc = dg.Doc.ID
		fq, ev := factQuads(f, docIRI)
		put(fq)
		for _, q := range ev {
			put(q)
		}
	}
	if c, ok := documentCard(dg); ok {
		put(c)
	}
	return out
}

// correctLocked applies the active corrections, oldest first, to a
// document graph about to be written; it returns the corrected graph and
// the deltas that replace the document's recorded effects with the new
// ones.
func (s *Store) correctLocked(ctx context.Context, active []Correction, dg DocumentGraph) (DocumentGraph, []graph.Delta, error) {
	for i := range dg.Facts {
		dg.Facts[i].Doc = dg.Doc.ID
	}
	if len(active) == 0 {
		return dg, nil, nil // only corrections in force have effects
	}
	// The effects of an earlier version of the document are replaced.
	deltas, err := s.forgetEffectsLocked(ctx, dg.Doc.ID)
	if err != nil {
		return dg, nil, err
	}
	for _, c := range active {
		after, changed := c.transform(dg)
		if !changed {
			continue
		}
		removed, added := diff(docGraphQuads(dg), docGraphQuads(after))
		dg = after
		if len(removed)+len(added) == 0 {
			continue
		}
		for _, q := range (effect{doc: dg.Doc.ID, removed: removed, added: added}).quads(c.ID) {
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
		}
	}
	return dg, deltas, nil
}

// forgetEffectsLocked returns the deletions of every correction's effect
// on a document that is being forgotten: the records stay, and apply
// again if the document comes back.
// The effects are found through the object index, by the document's
// identifier: one lookup, however many corrections there are.
func (s *Store) forgetEffectsLocked(ctx context.Context, doc string) ([]graph.Delta, error) {
	var nodes []quad.Value
	if err := s.each(ctx, quad.Object, quad.String(doc), func(q quad.Quad) error {
		if q.Predicate == effectDoc && q.Label == correctionsGraph {
			nodes = append(nodes, q.Subject)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var out []graph.Delta
	for _, n := range nodes {
		qs, err := s.effectQuadsLocked(ctx, n.(quad.IRI))
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			out = append(out, graph.Delta{Quad: q, Action: graph.Delete})
		}
	}
	return out, nil
}

// addedFact is the fact an add correction writes, read from doc.
func (c Correction) addedFact(doc string) Fact {
	return Fact{Subject: c.Fact.Subject, Predicate: c.Fact.Predicate, Object: c.Fact.Object, Doc: doc,
		Evidence: Evidence{Sentence: c.Note, Confidence: 1, Modality: Asserted}}
}

// snapshot returns the entity the correction recorded with id, or false.
func (c Correction) snapshot(id string) (Entity, bool) {
	for _, e := range c.Entities {
		if e.ID == id {
			return e, true
		}
	}
	return Entity{}, false
}

// transformEntity applies a rename or retype to an entity's description.
func (c Correction) transformEntity(e Entity) (Entity, bool) {
	switch c.Kind {
	case Rename:
		if e.Name == c.Name {
			return e, false
		}
		aliases := []string{e.Name}
		for _, a := range e.Aliases {
			if a != c.Name && a != e.Name {
				aliases = append(aliases, a)
			}
		}
		sort.Strings(aliases)
		e.Name, e.Aliases = c.Name, aliases
		return e, true
	case Retype:
		if e.Kind == c.Type {
			return e, false
		}
		e.Kind = c.Type
		return e, true
	}
	return e, false
}

// touches reports whether the correction may change a document's graph:
// the test is cheap, and most documents are not touched by most
// corrections.
func (c Correction) touches(dg DocumentGraph) bool {
	id := c.Entity
	switch c.Kind {
	case Merge:
		id = c.From
	case Reject:
		id = c.Fact.Subject
	case Add:
		return c.Source == dg.Doc.ID
	case Confirm, Undo:
		return false
	}
	for _, e := range dg.Entities {
		if e.ID == id {
			return true
		}
	}
	for _, f := range dg.Facts {
		if f.Subject == id || f.Object.Entity == id {
			return true
		}
	}
	return false
}

// transform applies the correction to one document's graph, entities
// included, and reports whether it changed anything. dg is not modified.
func (c Correction) transform(dg DocumentGraph) (DocumentGraph, bool) {
	if !c.touches(dg) {
		return dg, false
	}
	out := DocumentGraph{Doc: dg.Doc, Entities: slices.Clone(dg.Entities), Facts: make([]Fact, 0, len(dg.Facts))}
	changed := false
	entityAt := func(id string) int {
		return slices.IndexFunc(out.Entities, func(e Entity) bool { return e.ID == id })
	}
	switch c.Kind {
	case Merge:
		for _, f := range dg.Facts {
			if f.Subject == c.From {
				f.Subject, changed = c.Entity, true
			}
			if f.Object.Entity == c.From {
				f.Object.Entity, changed = c.Entity, true
			}
			if f.Object.Entity != "" && f.Subject == f.Object.Entity {
				continue // "X met Y" with Y now X says nothing
			}
			out.Facts = append(out.Facts, f)
		}
		if i := entityAt(c.From); i >= 0 {
			from := out.Entities[i]
			out.Entities = slices.Delete(out.Entities, i, i+1)
			names := append([]string{from.Name}, from.Aliases...)
			if j := entityAt(c.Entity); j >= 0 {
				out.Entities[j].Aliases = append(slices.Clone(out.Entities[j].Aliases), names...)
			} else {
				into, _ := c.snapshot(c.Entity)
				into.Aliases = names
				out.Entities = append(out.Entities, into)
			}
			changed = true
		}
	case Split:
		i := entityAt(c.Entity)
		names := []string{}
		if e, ok := c.snapshot(c.Entity); ok {
			names = append(names, e.Name)
			names = append(names, e.Aliases...)
		}
		if i >= 0 {
			e := out.Entities[i]
			names = append(names, e.Name)
			names = append(names, e.Aliases...)
			if k := slices.Index(e.Aliases, c.Alias); k >= 0 {
				e.Aliases = slices.Delete(slices.Clone(e.Aliases), k, k+1)
				changed = true
			}
			if e.Name == c.Alias {
				if snap, ok := c.snapshot(c.Entity); ok {
					e.Name = snap.Name
					changed = true
				}
			}
			out.Entities[i] = e
		}
		alias := Fold(c.Alias)
		others := []string{}
		for _, n := range names {
			if fn := Fold(n); fn != alias && !strings.Contains(alias, fn) {
				others = append(others, fn)
			}
		}
		// A statement moves to the new entity when its sentence names the
		// entity by the alias and by none of its other names.
		byAlias := func(sentence string) bool {
			fs := Fold(sentence)
			if !strings.Contains(fs, alias) {
				return false
			}
			for _, o := range others {
				if strings.Contains(fs, o) {
					return false
				}
			}
			return true
		}
		moved := false
		for _, f := range dg.Facts {
			if (f.Subject == c.Entity || f.Object.Entity == c.Entity) && byAlias(f.Evidence.Sentence) {
				if f.Subject == c.Entity {
					f.Subject = c.NewEntity
				}
				if f.Object.Entity == c.Entity {
					f.Object.Entity = c.NewEntity
				}
				moved = true
			}
			out.Facts = append(out.Facts, f)
		}
		if moved || changed {
			if entityAt(c.NewEntity) < 0 {
				out.Entities = append(out.Entities, Entity{ID: c.NewEntity, Name: c.Alias, Kind: c.Type})
			}
			changed = true
		}
	case Rename, Retype:
		out.Facts = dg.Facts
		if i := entityAt(c.Entity); i >= 0 {
			out.Entities[i], changed = c.transformEntity(out.Entities[i])
		}
	case Reject:
		gone := map[string]bool{}
		for _, f := range dg.Facts {
			if c.Fact.matches(f) {
				changed = true
				gone[f.Subject], gone[f.Object.Entity] = true, true
				continue
			}
			out.Facts = append(out.Facts, f)
		}
		// An entity only the rejected facts named is not described either.
		for _, f := range out.Facts {
			delete(gone, f.Subject)
			delete(gone, f.Object.Entity)
		}
		out.Entities = slices.DeleteFunc(out.Entities, func(e Entity) bool { return gone[e.ID] })
	case Add:
		out.Facts = slices.Clone(dg.Facts)
		if c.Source == dg.Doc.ID {
			f := c.addedFact(dg.Doc.ID)
			if !slices.ContainsFunc(out.Facts, func(x Fact) bool { return x.statementID() == f.statementID() }) {
				out.Facts = append(out.Facts, f)
				changed = true
			}
			for _, e := range c.Entities {
				if entityAt(e.ID) < 0 {
					out.Entities = append(out.Entities, e)
				}
			}
		}
	default: // confirm changes nothing
		out.Facts = dg.Facts
	}
	if !changed {
		return dg, false
	}
	return out, true
}

// Uncorrected returns a copy of the store, in memory, as the extractor
// left it: every active correction's effects taken back, newest first
// (documents written after a correction are taken back as they were read).
// Scores of the extractor's own output are read from it. The caller closes
// it.
func (s *Store) Uncorrected(ctx context.Context) (*Store, error) {
	var buf bytes.Buffer
	if _, err := s.Export(ctx, &buf); err != nil {
		return nil, fmt.Errorf("uncorrected: %w", err)
	}
	m, err := Open(ctx, "memory")
	if err != nil {
		return nil, err
	}
	if _, err := m.Import(ctx, &buf); err != nil {
		m.Close()
		return nil, fmt.Errorf("uncorrected: %w", err)
	}
	err = m.write(func() error {
		all, err := m.correctionsLocked(ctx)
		if err != nil {
			return err
		}
		active := activeCorrections(all)
		for i := len(active) - 1; i >= 0; i-- {
			deltas, err := m.invertLocked(ctx, active[i].ID, false)
			if err != nil {
				return err
			}
			if err := m.apply(deltas); err != nil {
				return err
			}
		}
		m.names = nil
		return nil
	})
	if err != nil {
		m.Close()
		return nil, fmt.Errorf("uncorrected: %w", err)
	}
	return m, nil
}

// Change is what a correction changed in one document (Doc) or in the
// entities (Doc empty), as lines a reader can follow: facts removed and
// added ("canada pledged norad-upgrade"), and names, aliases and types.
// Statements, cards and document metadata that changed with them are not
// listed.
type Change struct {
	Doc     string   `json:"doc,omitempty"`
	Removed []string `json:"removed,omitempty"`
	Added   []string `json:"added,omitempty"`
}

// CorrectionChanges returns what correction id changed, as its effects
// record it: the documents and entities it changed when it was made and
// in every document written since. An undone correction has none left.
func (s *Store) CorrectionChanges(ctx context.Context, id string) ([]Change, error) {
	var out []Change
	err := s.read(func() error {
		effects, err := s.effectsLocked(ctx, id)
		if err != nil {
			return err
		}
		for _, e := range effects {
			ch := Change{Doc: e.doc, Removed: changeLines(e.removed), Added: changeLines(e.added)}
			if len(ch.Removed)+len(ch.Added) > 0 {
				out = append(out, ch)
			}
		}
		return nil
	})
	return out, err
}

// changeLines describes the facts and entity descriptions among quads.
func changeLines(qs []quad.Quad) []string {
	var out []string
	for _, q := range qs {
		obj := func() string {
			if id, ok := entityID(q.Object); ok {
				return id
			}
			return fmt.Sprintf("%q", literal(q.Object))
		}
		sub, _ := entityID(q.Subject)
		switch {
		case isCard(q):
		case q.Label == entitiesGraph && q.Predicate == schemaName:
			out = append(out, fmt.Sprintf("%s name %s", sub, obj()))
		case q.Label == entitiesGraph && q.Predicate == schemaAltName:
			out = append(out, fmt.Sprintf("%s alias %s", sub, obj()))
		case q.Label == entitiesGraph && q.Predicate == rdfType:
			out = append(out, fmt.Sprintf("%s type %s", sub, LocalName(literal(q.Object))))
		case isFactLabel(q.Label) && sub != "":
			out = append(out, fmt.Sprintf("%s %s %s", sub, LocalName(literal(q.Predicate)), obj()))
		}
	}
	sort.Strings(out)
	return out
}
