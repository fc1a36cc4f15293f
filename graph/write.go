package graph

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// PutResult says what Put did with a document.
type PutResult int

// The outcomes of Put.
const (
	Added     PutResult = iota // the document was new
	Replaced                   // an older version was replaced
	Unchanged                  // the same content was already stored
)

// String returns the outcome as a word.
func (r PutResult) String() string {
	return [...]string{"added", "replaced", "unchanged"}[r]
}

// Put stores one document's graph in one transaction. A document whose
// content hash is already stored is left alone; a changed one has its old
// facts and evidence retracted and the new ones added together, so a reader
// sees either version, never a mix.
func (s *Store) Put(ctx context.Context, dg DocumentGraph) (PutResult, error) {
	res, err := s.PutBatch(ctx, []DocumentGraph{dg})
	if err != nil {
		return 0, err
	}
	return res[0], nil
}

// PutBatch stores several documents' graphs in one transaction, as Put does
// for one: after a crash each of them is either fully stored or absent.
// Loading in batches saves a disk sync per document.
func (s *Store) PutBatch(ctx context.Context, dgs []DocumentGraph) ([]PutResult, error) {
	res := make([]PutResult, len(dgs))
	for _, dg := range dgs {
		if dg.Doc.ID == "" {
			return nil, fmt.Errorf("put: document has no identifier")
		}
	}
	err := s.write(func() error {
		var deltas []graph.Delta
		var removed []quad.Quad
		want := make(map[quad.Quad]bool)
		ents := newEntityWrites()
		all, err := s.correctionsLocked(ctx)
		if err != nil {
			return err
		}
		active := activeCorrections(all)
		corrected := make([]DocumentGraph, len(dgs))
		for i, dg := range dgs {
			docIRI := iri(dg.Doc.IRI())
			old, oldHash, err := s.documentQuadsLocked(ctx, docIRI)
			if err != nil {
				return err
			}
			switch {
			case len(old) == 0:
				res[i] = Added
			case dg.Doc.Hash != "" && oldHash == dg.Doc.Hash:
				res[i] = Unchanged
				continue
			default:
				res[i] = Replaced
			}
			// The analysts' corrections hold for every version of every
			// document (correctapply.go).
			dg.Facts = slices.Clone(dg.Facts)
			dg, eff, err := s.correctLocked(ctx, active, dg)
			if err != nil {
				return err
			}
			corrected[i] = dg
			deltas = append(deltas, eff...)
			add := docGraphQuads(dg) // with the facts' intervals, for as-of paths (asof.go)
			mine := make(map[quad.Quad]bool, len(add))
			for _, q := range add {
				mine[q] = true
			}
			oldSet := make(map[quad.Quad]bool, len(old))
			for _, q := range old {
				oldSet[q] = true
				if !mine[q] {
					deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
					removed = append(removed, q)
				}
			}
			for _, q := range add {
				want[q] = true
				if !oldSet[q] {
					deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
				}
			}
			if err := s.entityWritesLocked(ctx, ents, dg.Entities); err != nil {
				return err
			}
		}
		deltas = append(deltas, ents.deltas...)
		orphans, err := s.orphansLocked(ctx, removed, want)
		if err != nil {
			return err
		}
		deltas = append(deltas, orphans...)
		if err := s.apply(deltas); err != nil {
			return fmt.Errorf("put %s: %w", batchName(dgs), err)
		}
		for i, dg := range corrected {
			if res[i] != Unchanged {
				s.names.add(dg.Entities)
			}
		}
		if len(orphans) > 0 || ents.renamed {
			s.names = nil
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// batchName names a batch of documents in an error.
func batchName(dgs []DocumentGraph) string {
	if len(dgs) == 1 {
		return dgs[0].Doc.ID
	}
	return fmt.Sprintf("%s and %d more documents", dgs[0].Doc.ID, len(dgs)-1)
}

// DocumentHash returns the content hash stored for a document, or "" when
// the document is not stored: loaders skip unchanged files without
// extracting them.
func (s *Store) DocumentHash(ctx context.Context, id string) (string, error) {
	hash := ""
	err := s.read(func() error {
		return s.each(ctx, quad.Subject, iri(Document{ID: id}.IRI()), func(q quad.Quad) error {
			if q.Label == documentsGraph && q.Predicate == accHash {
				hash = literal(q.Object)
			}
			return nil
		})
	})
	return hash, err
}

// Forget removes a document: its metadata, its named graph, its evidence, and
// every entity that no remaining fact mentions.
func (s *Store) Forget(ctx context.Context, id string) error {
	return s.write(func() error {
		old, _, err := s.documentQuadsLocked(ctx, iri(Document{ID: id}.IRI()))
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return fmt.Errorf("forget %s: %w", id, ErrNotFound)
		}
		deltas := make([]graph.Delta, 0, len(old))
		for _, q := range old {
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
		}
		// Corrections stay; what they changed in this document goes with it.
		effects, err := s.forgetEffectsLocked(ctx, id)
		if err != nil {
			return err
		}
		deltas = append(deltas, effects...)
		orphans, err := s.orphansLocked(ctx, old, nil)
		if err != nil {
			return err
		}
		if err := s.apply(append(deltas, orphans...)); err != nil {
			return fmt.Errorf("forget %s: %w", id, err)
		}
		s.names = nil
		return nil
	})
}

// documentQuadsLocked returns every quad that belongs to a document: its
// metadata, its named graph and its evidence statements, and its stored hash.
func (s *Store) documentQuadsLocked(ctx context.Context, doc quad.IRI) ([]quad.Quad, string, error) {
	var out []quad.Quad
	hash := ""
	err := s.each(ctx, quad.Subject, doc, func(q quad.Quad) error {
		if q.Label == documentsGraph {
			out = append(out, q)
			if q.Predicate == accHash {
				hash = literal(q.Object)
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	// Cayley's key-value stores index subjects and objects, not graph
	// labels: a lookup by label scans the whole store. The named graph is
	// found through its evidence instead (every fact has a statement, which
	// names the document as its object), and each fact quad rebuilt from its
	// statement.
	var stmts []quad.Value
	if err := s.each(ctx, quad.Object, doc, func(q quad.Quad) error {
		if q.Predicate == provDerivedFrom && q.Label == provenanceGraph {
			stmts = append(stmts, q.Subject)
		}
		return nil
	}); err != nil {
		return nil, "", err
	}
	facts := map[quad.Quad]bool{}
	for _, st := range stmts {
		var sub, pred, obj quad.Value
		if err := s.each(ctx, quad.Subject, st, func(q quad.Quad) error {
			out = append(out, q)
			switch q.Predicate {
			case rdfSubject:
				sub = q.Object
			case rdfPredicate:
				pred = q.Object
			case rdfObject:
				obj = q.Object
			}
			return nil
		}); err != nil {
			return nil, "", err
		}
		if sub != nil && pred != nil && obj != nil {
			f := quad.Make(sub, pred, obj, doc)
			if !facts[f] {
				facts[f] = true
				out = append(out, f)
			}
		}
	}
	return out, hash, nil
}

// entityWrites collects the entity quads a batch adds, remembering what
// the batch has already described so that two documents naming the same
// new entity describe it once.
type entityWrites struct {
	deltas  []graph.Delta
	state   map[string]*entityState
	renamed bool
}

// entityState is what the store and the batch say about one entity.
type entityState struct {
	exists bool
	name   string
	kind   Kind
	known  map[string]bool // name and aliases
}

func newEntityWrites() *entityWrites { return &entityWrites{state: map[string]*entityState{}} }

// entityWritesLocked adds the quads that describe entities not yet stored
// and the aliases of stored ones that are new. Whatever order documents
// arrive in, an entity ends up with the same canonical name and type: the
// least name in byte order, and the first type in Kinds order.
func (s *Store) entityWritesLocked(ctx context.Context, w *entityWrites, es []Entity) error {
	for _, e := range es {
		st := w.state[e.ID]
		if st == nil {
			st = &entityState{known: map[string]bool{}}
			stored, err := s.entityLocked(ctx, e.ID)
			switch {
			case err == nil:
				st.exists, st.name, st.kind = true, stored.Name, stored.Kind
				for _, a := range append(stored.Aliases, stored.Name) {
					st.known[a] = true
				}
			case !errors.Is(err, ErrNotFound):
				return err
			}
			w.state[e.ID] = st
		}
		if !st.exists {
			for _, q := range entityQuads(e) {
				w.deltas = append(w.deltas, graph.Delta{Quad: q, Action: graph.Add})
			}
			if c, ok := entityCard(e.ID, e.Name, e.Kind); ok {
				w.deltas = append(w.deltas, graph.Delta{Quad: c, Action: graph.Add})
			}
			st.exists, st.name, st.kind = true, e.Name, e.Kind
			st.known[e.Name] = true
			for _, a := range e.Aliases {
				st.known[a] = true
			}
			continue
		}
		s := entityIRI(e.ID)
		oldName, oldKind := st.name, st.kind
		if e.Name != st.name && e.Name < st.name {
			w.deltas = append(w.deltas,
				graph.Delta{Quad: quad.Make(s, schemaName, quad.String(st.name), entitiesGraph), Action: graph.Delete},
				graph.Delta{Quad: quad.Make(s, schemaName, quad.String(e.Name), entitiesGraph), Action: graph.Add},
				graph.Delta{Quad: aliasQuad(e.ID, st.name), Action: graph.Add})
			w.renamed = true
			st.name = e.Name
			st.known[e.Name] = true
		}
		if e.Kind != st.kind && kindRank(e.Kind) < kindRank(st.kind) {
			w.deltas = append(w.deltas,
				graph.Delta{Quad: quad.Make(s, rdfType, iri(NS+string(st.kind)), entitiesGraph), Action: graph.Delete},
				graph.Delta{Quad: quad.Make(s, rdfType, iri(NS+string(e.Kind)), entitiesGraph), Action: graph.Add})
			st.kind = e.Kind
		}
		if st.name != oldName || st.kind != oldKind {
			// apply keeps the last action on a quad: a card replaced twice
			// in one batch ends as the last one.
			if c, ok := entityCard(e.ID, oldName, oldKind); ok {
				w.deltas = append(w.deltas, graph.Delta{Quad: c, Action: graph.Delete})
			}
			if c, ok := entityCard(e.ID, st.name, st.kind); ok {
				w.deltas = append(w.deltas, graph.Delta{Quad: c, Action: graph.Add})
			}
		}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if !st.known[a] {
				st.known[a] = true
				if a != st.name {
					w.deltas = append(w.deltas, graph.Delta{Quad: aliasQuad(e.ID, a), Action: graph.Add})
				}
			}
		}
	}
	return nil
}

// kindRank orders kinds for choosing between two documents' typings.
func kindRank(k Kind) int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
}

// orphansLocked returns deletions for the entities that the removed quads
// mentioned and that no fact outside them (nor in keep) mentions any more.
func (s *Store) orphansLocked(ctx context.Context, removed []quad.Quad, keep map[quad.Quad]bool) ([]graph.Delta, error) {
	gone := make(map[quad.Quad]bool, len(removed))
	candidates := map[quad.Value]bool{}
	for _, q := range removed {
		if keep[q] {
			continue
		}
		gone[q] = true
		if isFactLabel(q.Label) {
			for _, v := range []quad.Value{q.Subject, q.Object} {
				if _, ok := entityID(v); ok {
					candidates[v] = true
				}
			}
		}
	}
	for q := range keep {
		if isFactLabel(q.Label) {
			delete(candidates, q.Subject)
			delete(candidates, q.Object)
		}
	}
	var out []graph.Delta
	errUsed := errors.New("used")
	for v := range candidates {
		used := func(q quad.Quad) error {
			if isFactLabel(q.Label) && !gone[q] {
				return errUsed
			}
			return nil
		}
		err := s.each(ctx, quad.Subject, v, used)
		if err == nil {
			err = s.each(ctx, quad.Object, v, used)
		}
		if errors.Is(err, errUsed) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := s.each(ctx, quad.Subject, v, func(q quad.Quad) error {
			if q.Label == entitiesGraph {
				out = append(out, graph.Delta{Quad: q, Action: graph.Delete})
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// isFactLabel reports whether a graph label is a document's named graph,
// or the graph of a fact an analyst added without a source.
func isFactLabel(v quad.Value) bool {
	if _, ok := documentID(v); ok {
		return true
	}
	i, ok := v.(quad.IRI)
	return ok && strings.HasPrefix(string(i), CorrectionBase)
}

// ImportError locates a bad line of an N-Quads import.
type ImportError struct {
	Line int
	Err  error
}

func (e *ImportError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func (e *ImportError) Unwrap() error { return e.Err }

// Import loads N-Quads from r, all or nothing, and returns how many quads
// the file held. The first bad line is reported with its number, and what
// the import wrote before finding it is taken back: nothing stored before
// the import is lost. Into a bolt store it streams, in batches; into the
// other stores every line is parsed before anything is written.
func (s *Store) Import(ctx context.Context, r io.Reader) (int, error) {
	// Into a bolt store that never held a quad, Cayley's own layout is
	// written directly, streaming (boltbulk.go), with the cards the file
	// lacks (cardimport.go).
	m := newCardMaker(nil)
	n, done, err := s.bulkIfPristine(ctx, func(fn func([]graph.Delta) error) (int, error) {
		return m.feed(ctx, r, BulkBatch, fn)
	})
	if done && err == nil && len(m.undo) > 0 {
		err = s.write(func() error { return s.takeBackCardsLocked(ctx, m.undo) })
	}
	if done || err != nil {
		return n, err
	}
	if s.bdb != nil {
		return s.importBolt(ctx, r) // streaming, in batches (importbolt.go)
	}
	deltas, err := parseImport(ctx, r)
	if err != nil {
		return 0, err
	}
	importAll := s.importBatches
	if s.pg != nil {
		importAll = s.importPostgres // one COPY transaction (pgcopy.go)
	}
	n = len(deltas)
	if err := importAll(ctx, deltas); err != nil {
		return 0, err
	}
	return n, nil
}

// parseImport reads N-Quads into additions, in input order; a bad line is
// an ImportError naming it.
func parseImport(ctx context.Context, r io.Reader) ([]graph.Delta, error) {
	var all []graph.Delta
	_, err := parseStream(ctx, r, math.MaxInt, func(d []graph.Delta) error { all = d; return nil })
	return all, err
}

// parseStream reads N-Quads and calls fn with consecutive runs of batch
// additions (the last run may be shorter), in input order; fn may keep the
// slice. Lines are parsed in chunks by one worker per core. A bad
// line is an ImportError naming it (the first one, when there are
// several); parsing stops at the first error, fn's included. It returns
// how many additions fn was given.
func parseStream(ctx context.Context, r io.Reader, batch int, fn func([]graph.Delta) error) (int, error) {
	type chunk struct {
		first  int // line number of lines[0]
		lines  []string
		deltas []graph.Delta
		err    error
		done   chan struct{}
	}
	const chunkLines = 8192
	newChunk := func(first int) *chunk { return &chunk{first: first, done: make(chan struct{})} }
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *chunk, 4)
	order := make(chan *chunk, 16) // chunks in input order, parsed or not
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), 16<<20)
		c, n := newChunk(1), 0
		send := func() bool {
			select {
			case order <- c:
			case <-ctx.Done():
				return false
			}
			jobs <- c
			return true
		}
		for sc.Scan() {
			n++
			c.lines = append(c.lines, sc.Text())
			if len(c.lines) == chunkLines {
				if !send() {
					return
				}
				c = newChunk(n + 1)
			}
		}
		if err := sc.Err(); err != nil {
			readErr = fmt.Errorf("import: line %d: %w", n+1, err)
		}
		send()
	}()
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		go func() {
			for c := range jobs {
				c.deltas, c.err = parseLines(c.first, c.lines)
				c.lines = nil
				close(c.done)
			}
		}()
	}
	total := 0
	var pending []graph.Delta
	for c := range order {
		<-c.done
		if c.err != nil {
			return total, c.err
		}
		pending = append(pending, c.deltas...)
		for len(pending) >= batch {
			if err := fn(pending[:batch:batch]); err != nil {
				return total, err
			}
			total += batch
			pending = pending[batch:]
		}
	}
	if readErr != nil {
		return total, readErr
	}
	if err := ctx.Err(); err != nil {
		return total, err
	}
	if len(pending) > 0 {
		if err := fn(pending); err != nil {
			return total, err
		}
		total += len(pending)
	}
	return total, nil
}

// parseLines parses lines numbered from first.
func parseLines(first int, lines []string) ([]graph.Delta, error) {
	deltas := make([]graph.Delta, 0, len(lines))
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := checkNQuad(line); err != nil {
			return nil, &ImportError{Line: first + i, Err: fmt.Errorf("%w: %v", ErrBadQuad, err)}
		}
		// Raw parsing keeps typed literals as written, full datatype IRIs
		// included, so that an export re-imports to the same quads.
		q, err := nquads.ParseRaw(line)
		if err != nil {
			return nil, &ImportError{Line: first + i, Err: fmt.Errorf("%w: %v", ErrBadQuad, err)}
		}
		if !q.IsValid() {
			return nil, &ImportError{Line: first + i, Err: fmt.Errorf("%w: incomplete quad", ErrBadQuad)}
		}
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
	}
	return deltas, nil
}

// knownLocked returns, for an import's cards, a test of whether the store
// held quads about a subject before the import; nil when it was empty. (A
// node is not enough: the SQL backend has a ref for any value.) The caller
// holds a lock.
func (s *Store) knownLocked(ctx context.Context, empty bool) func(quad.Value) bool {
	if empty {
		return nil
	}
	return func(v quad.Value) bool {
		ref := s.qs.ValueOf(v)
		if ref == nil {
			return false
		}
		it := s.qs.QuadIterator(quad.Subject, ref)
		defer it.Close()
		return it.Next(ctx)
	}
}

// emptyLocked reports whether the store holds no quad; the caller holds a
// lock.
func (s *Store) emptyLocked(ctx context.Context) bool {
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	return !it.Next(ctx)
}

// ImportBatch is how many quads an import writes per transaction where it
// writes in batches.
var ImportBatch = 50_000

// importBatches writes parsed quads and their cards, all or nothing. Into an empty store it
// writes in batches, each its own transaction, and if one fails it takes
// back everything written (nothing was there before); into a store holding
// quads it writes one transaction, so that a failure takes nothing away
// that was stored before. The write lock is held meanwhile.
func (s *Store) importBatches(ctx context.Context, deltas []graph.Delta) error {
	return s.write(func() error {
		empty := s.emptyLocked(ctx)
		deltas := withCards(deltas, s.knownLocked(ctx, empty))
		batch := len(deltas)
		if empty {
			batch = ImportBatch
		}
		for done := 0; done < len(deltas); done += batch {
			err := ctx.Err()
			if err == nil {
				err = s.apply(deltas[done:min(done+batch, len(deltas))])
			}
			if err == nil {
				continue
			}
			if done > 0 {
				undo := make([]graph.Delta, 0, done)
				for _, d := range deltas[:done] {
					undo = append(undo, graph.Delta{Quad: d.Quad, Action: graph.Delete})
				}
				if uerr := s.apply(undo); uerr != nil {
					return fmt.Errorf("import: %w (and taking back the %d quads already written failed: %v)", err, done, uerr)
				}
			}
			return fmt.Errorf("import: %w (nothing kept)", err)
		}
		s.names = nil
		return nil
	})
}
