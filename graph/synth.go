package graph

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// SynthOptions shapes a synthetic graph written by Synthesize.
type SynthOptions struct {
	Facts     int   // facts to write; default 1,000,000
	Entities  int   // default Facts/10
	Documents int   // default Facts/100 (a hundred facts a document), at least 1
	Seed      int64 // the same seed and sizes give the same graph
}

// withDefaults fills in the zero fields.
func (o SynthOptions) withDefaults() SynthOptions {
	if o.Facts <= 0 {
		o.Facts = 1_000_000
	}
	if o.Entities <= 0 {
		o.Entities = max(o.Facts/10, 10)
	}
	if o.Documents <= 0 {
		o.Documents = max(o.Facts/100, 1)
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// Synth generates a synthetic graph deterministically: entities with
// pronounceable names and aliases, documents with dates, and facts whose
// endpoints follow a skewed degree distribution (a few hubs with tens of
// thousands of facts, most entities with a handful), each with its evidence
// sentence, modality and, for pledges and crossings, qualifiers, and a
// valid time (synthvalid.go). Some facts are restated by several
// documents, and some pledges disagree on amounts.
type Synth struct {
	opt  SynthOptions
	perm []int    // rank -> entity index, so hubs are spread across kinds
	ents []Entity // every entity, by index
}

// NewSynth returns the generator for opt.
func NewSynth(opt SynthOptions) *Synth {
	opt = opt.withDefaults()
	r := rand.New(rand.NewSource(opt.Seed))
	g := &Synth{opt: opt, perm: r.Perm(opt.Entities), ents: make([]Entity, opt.Entities)}
	for i := range g.ents {
		g.ents[i] = synthEntity(i)
	}
	return g
}

// Options returns the generator's options with defaults filled in.
func (g *Synth) Options() SynthOptions { return g.opt }

var synthSyllables = []string{
	"ka", "to", "re", "mi", "la", "no", "vi", "su", "da", "pe", "ro", "ba", "ze", "lu", "fa", "ni",
	"ta", "go", "he", "ki", "mo", "sa", "di", "ve", "ru", "na", "po", "le", "ju", "bo", "ce", "wa",
}

// synthBase returns a unique word for index i (base-32 syllables).
func synthBase(i int) string {
	var b strings.Builder
	n := i
	for k := 0; k < 4; k++ {
		b.WriteString(synthSyllables[n%32])
		n /= 32
	}
	for ; n > 0; n /= 32 {
		b.WriteString(synthSyllables[n%32])
	}
	return b.String()
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// Entity returns the i-th synthetic entity.
func (g *Synth) Entity(i int) Entity { return g.ents[i] }

// Hub returns the entity of rank r in the degree distribution: Hub(0) has
// the most facts.
func (g *Synth) Hub(r int) Entity { return g.ents[g.perm[r]] }

func synthEntity(i int) Entity {
	base := synthBase(i)
	kinds := []Kind{Person, Person, Person, Organization, Country, Agreement, Issue, Place, Event, Commitment}
	k := kinds[i%len(kinds)]
	var name string
	var aliases []string
	switch k {
	case Person:
		first, last := capitalize(base[:4]), capitalize(base[4:])
		name = first + " " + last
		if i%5 == 0 {
			aliases = []string{last}
		}
	case Organization:
		name = capitalize(base) + " Council"
		if i%3 == 0 {
			aliases = []string{strings.ToUpper(base[:1]+base[2:3]+base[4:5]) + "C"}
		}
	case Country:
		name = "Republic of " + capitalize(base)
		aliases = []string{capitalize(base)}
	case Agreement:
		name = capitalize(base) + " Accord"
	case Issue:
		name = base + " tariffs"
	case Place:
		name = capitalize(base) + " Road"
	case Event:
		name = capitalize(base) + " Summit"
	case Commitment:
		name = capitalize(base) + " fund"
	}
	return Entity{ID: Slug(name), Name: name, Aliases: aliases, Kind: k}
}

// Document returns the i-th synthetic document.
func (g *Synth) Document(i int) Document {
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*7919)%3650)
	return Document{
		ID:        fmt.Sprintf("synth_%06d.txt", i),
		Title:     fmt.Sprintf("Synthetic report %d", i),
		Published: day.Format("2006-01-02"),
		URL:       fmt.Sprintf("https://example.org/synth/%d", i),
		Hash:      fmt.Sprintf("synth-%d", i),
	}
}

// synthPredicates are the predicates facts use, with relative weights.
var synthPredicates = []struct {
	name   string
	weight int
}{
	{"met", 14}, {"visited", 6}, {"discussed", 10}, {"agreedTo", 4}, {"partyTo", 3}, {"pledged", 5},
	{"committedTo", 4}, {"announced", 5}, {"covers", 3}, {"signed", 3}, {"urged", 4}, {"seeks", 3},
	{"supports", 4}, {"opposes", 3}, {"criticized", 3}, {"memberOf", 3}, {"leaderOf", 1}, {"holdsRole", 2},
	{"spokespersonFor", 1}, {"locatedIn", 2}, {"connects", 1}, {"crossed", 1}, {"funds", 2},
	{"sanctioned", 1}, {"thanked", 2}, {"invited", 2}, {"expects", 2}, {"concerns", 2},
}

// Each calls fn with every synthetic fact in order; f.Doc is the index of
// its document (as a decimal string) until Synthesize names it.
func (g *Synth) Each(fn func(f Fact, doc int) error) error {
	opt := g.opt
	r := rand.New(rand.NewSource(opt.Seed + 1))
	// A shifted Zipf for half the endpoints and uniform picks for the other
	// half: the top hub ends up with about 1% of all facts, the median
	// entity with about ten.
	zipf := rand.NewZipf(r, 1.2, 10, uint64(opt.Entities-1))
	pick := func() int {
		if r.Intn(2) == 0 {
			return g.perm[int(zipf.Uint64())]
		}
		return r.Intn(opt.Entities)
	}
	total := 0
	for _, p := range synthPredicates {
		total += p.weight
	}
	predicate := func() string {
		n := r.Intn(total)
		for _, p := range synthPredicates {
			if n < p.weight {
				return p.name
			}
			n -= p.weight
		}
		return "met"
	}
	modalities := []Modality{Asserted, Asserted, Asserted, Asserted, Asserted, Asserted, Asserted, Reported, Reported, Reported, Expected, Expected, Sought}
	verbs := map[string]string{"agreedTo": "agreed to", "partyTo": "is a party to", "committedTo": "committed to",
		"memberOf": "is a member of", "leaderOf": "leads", "holdsRole": "serves as", "spokespersonFor": "speaks for",
		"locatedIn": "lies in"}
	offsets := make([]int, opt.Documents)
	type triple struct {
		s, o, p int
		lit     string
	}
	recent := make([]triple, 0, 4096)
	names := func(i int) string { return g.Entity(i).Name }
	// Valid times come from their own stream, so that the graph is the
	// one it was before facts had them.
	rv := rand.New(rand.NewSource(opt.Seed + 2))
	for n := 0; n < opt.Facts; n++ {
		var t triple
		if len(recent) > 100 && r.Intn(10) == 0 {
			t = recent[r.Intn(len(recent))] // restated by another document
		} else {
			t = triple{s: pick(), p: r.Intn(len(synthPredicates))}
			t.p = indexOfPredicate(predicate())
			switch synthPredicates[t.p].name {
			case "pledged":
				if r.Intn(3) == 0 {
					t.o = -1
					t.lit = fmt.Sprintf("$%d million", 10*(1+r.Intn(90)))
				} else {
					t.o = pick()
				}
			case "holdsRole":
				t.o = -1
				t.lit = []string{"Prime Minister", "Foreign Minister", "Finance Minister", "President", "Ambassador"}[r.Intn(5)]
			default:
				t.o = pick()
				for t.o == t.s {
					t.o = pick()
				}
			}
			if len(recent) < cap(recent) {
				recent = append(recent, t)
			} else {
				recent[r.Intn(len(recent))] = t
			}
		}
		pred := synthPredicates[t.p].name
		doc := r.Intn(opt.Documents)
		var obj Object
		objName := t.lit
		if t.o >= 0 {
			obj.Entity = g.Entity(t.o).ID
			objName = names(t.o)
		} else {
			obj.Literal = t.lit
		}
		verb := verbs[pred]
		if verb == "" {
			verb = pred
		}
		sentence := fmt.Sprintf("%s %s %s, the report said.", names(t.s), verb, objName)
		f := Fact{
			Subject:   g.Entity(t.s).ID,
			Predicate: pred,
			Object:    obj,
			Evidence: Evidence{
				Sentence:   sentence,
				Start:      offsets[doc],
				End:        offsets[doc] + len([]rune(sentence)),
				Confidence: float64(50+r.Intn(50)) / 100,
				Modality:   modalities[r.Intn(len(modalities))],
			},
		}
		synthValidity(&f, g.Document(doc).Published, rv)
		offsets[doc] += len([]rune(f.Evidence.Sentence)) + 1
		switch pred {
		case "pledged":
			amount := t.lit
			if amount == "" {
				amount = fmt.Sprintf("$%d million", 10*(1+r.Intn(90)))
			}
			f.Qualifiers = append(f.Qualifiers, Qualifier{Key: "amount", Value: amount})
		case "crossed":
			f.Qualifiers = append(f.Qualifiers, Qualifier{Key: "count", Value: fmt.Sprintf("about %d", 1000*(1+r.Intn(40)))})
		}
		if r.Intn(10) == 0 {
			f.Qualifiers = append(f.Qualifiers, Qualifier{Key: "date", Value: g.Document(doc).Published})
		}
		if err := fn(f, doc); err != nil {
			return err
		}
	}
	return nil
}

func indexOfPredicate(name string) int {
	for i, p := range synthPredicates {
		if p.name == name {
			return i
		}
	}
	return 0
}

// Synthesize writes the synthetic graph of opt into the store, calling
// progress (when not nil) with the number of facts written so far. Into a
// bolt store that never held a quad it goes through the bulk writer
// (boltbulk.go); otherwise in batches of about batch quads (default
// 10,000), each under the write lock.
func (s *Store) Synthesize(ctx context.Context, opt SynthOptions, batch int, progress func(facts int)) error {
	g := NewSynth(opt)
	return s.writeSynth(ctx, batch, func(add func(...quad.Quad) error) error {
		return addSynthQuads(g, nil, progress, add)
	})
}

// SynthesizeAround writes the part of the synthetic graph of opt that
// touches the entities ids: every fact one of them is the subject or
// object of, with its evidence, the entities at the facts' other ends and
// the documents stating them. The entities keep the degree they have in
// the whole graph, in a store a small fraction of its size: the browser
// tests open the million-fact graph's busiest entity this way.
func (s *Store) SynthesizeAround(ctx context.Context, opt SynthOptions, ids []string) error {
	g := NewSynth(opt)
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	return s.writeSynth(ctx, 0, func(add func(...quad.Quad) error) error {
		return addSynthQuads(g, func(f Fact) bool { return want[f.Subject] || want[f.Object.Entity] }, nil, add)
	})
}

// writeSynth writes the quads produce gives into the store: through the
// bulk writer into a bolt store that never held a quad, otherwise in
// batches of about batch quads (default 10,000), each under the write lock.
func (s *Store) writeSynth(ctx context.Context, batch int, produce func(add func(...quad.Quad) error) error) error {
	_, done, err := s.bulkIfPristine(ctx, func(fn func([]graph.Delta) error) (int, error) {
		return feedBatches(ctx, BulkBatch, produce, fn)
	})
	if err != nil {
		return fmt.Errorf("synthesize: %w", err)
	}
	if done {
		return nil
	}
	if batch <= 0 {
		batch = 10_000
	}
	_, err = feedBatches(ctx, batch, produce, func(d []graph.Delta) error {
		if err := s.write(func() error { return s.apply(d) }); err != nil {
			return fmt.Errorf("synthesize: %w", err)
		}
		return nil
	})
	s.write(func() error { s.names = nil; return nil })
	return err
}

// feedBatches calls fn with the quads produce adds, as additions in
// batches of batch, and returns how many it gave.
func feedBatches(ctx context.Context, batch int, produce func(add func(...quad.Quad) error) error, fn func([]graph.Delta) error) (int, error) {
	total := 0
	var buf []graph.Delta
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		err := fn(buf)
		total += len(buf)
		buf = make([]graph.Delta, 0, batch)
		if err != nil {
			return err
		}
		return ctx.Err()
	}
	add := func(qs ...quad.Quad) error {
		for _, q := range qs {
			buf = append(buf, graph.Delta{Quad: q, Action: graph.Add})
		}
		if len(buf) >= batch {
			return flush()
		}
		return nil
	}
	if err := produce(add); err != nil {
		return total, err
	}
	return total, flush()
}

// addSynthQuads adds the quads of g's graph: documents, entities, then facts
// with their evidence. With keep, only the facts it keeps, and only the
// documents and entities those facts name.
func addSynthQuads(g *Synth, keep func(Fact) bool, progress func(facts int), add func(...quad.Quad) error) error {
	opt := g.opt
	docIRIs := make([]quad.IRI, opt.Documents)
	for i := range docIRIs {
		docIRIs[i] = iri(g.Document(i).IRI())
	}
	type kept struct {
		f   Fact
		doc int
	}
	var facts []kept
	usedDocs := make([]bool, opt.Documents)
	usedEnts := map[string]bool{}
	n := 0
	cards := newSynthDocCards(opt.Documents)
	fact := func(f Fact, doc int) error {
		f.Doc = g.Document(doc).ID
		fq, ev := factQuads(f, docIRIs[doc])
		if err := add(append(ev, fq)...); err != nil {
			return err
		}
		cards.add(doc, f)
		n++
		if progress != nil && n%50_000 == 0 {
			progress(n)
		}
		return nil
	}
	if keep != nil {
		// The documents and entities to write are known once the facts are.
		if err := g.Each(func(f Fact, doc int) error {
			if keep(f) {
				facts = append(facts, kept{f, doc})
				usedDocs[doc] = true
				usedEnts[f.Subject] = true
				usedEnts[f.Object.Entity] = true
			}
			return nil
		}); err != nil {
			return err
		}
	}
	for i := 0; i < opt.Documents; i++ {
		if keep != nil && !usedDocs[i] {
			continue
		}
		if err := add(documentQuads(g.Document(i))...); err != nil {
			return err
		}
	}
	for i := 0; i < opt.Entities; i++ {
		e := g.Entity(i)
		if keep != nil && !usedEnts[e.ID] {
			continue
		}
		qs := entityQuads(e)
		if c, ok := entityCard(e.ID, e.Name, e.Kind); ok {
			qs = append(qs, c)
		}
		if err := add(qs...); err != nil {
			return err
		}
	}
	if keep != nil {
		for _, k := range facts {
			if err := fact(k.f, k.doc); err != nil {
				return err
			}
		}
	} else if err := g.Each(fact); err != nil {
		return err
	}
	for i := 0; i < opt.Documents; i++ {
		if keep != nil && !usedDocs[i] {
			continue
		}
		if c, ok := cards.card(i, g.Document(i)); ok {
			if err := add(c); err != nil {
				return err
			}
		}
	}
	if progress != nil {
		progress(n)
	}
	return nil
}

// OpenSynthetic opens the bolt store in dir holding the synthetic graph of
// opt, building it first when dir does not hold a complete one (a build
// takes minutes for a million facts; the marker file "complete" records a
// finished build, so an interrupted one is started again).
func OpenSynthetic(ctx context.Context, dir string, opt SynthOptions, progress func(facts int)) (*Store, error) {
	// The marker names the graph and the store's format (statements' cards
	// included), so that a store built by an older version is built again.
	marker := filepath.Join(dir, "complete")
	stamp := fmt.Sprintf("%+v cards=%s,%s,%s (entities, statements, documents) validity=%s\n", NewSynth(opt).Options(), cardVersion, statementCardVersion, docCardVersion, synthValidityVersion)
	if b, err := os.ReadFile(marker); err != nil || string(b) != stamp {
		if err := os.RemoveAll(dir); err != nil {
			return nil, fmt.Errorf("synthetic store %s: %w", dir, err)
		}
		s, err := Open(ctx, "bolt:"+dir)
		if err != nil {
			return nil, err
		}
		if err := s.Synthesize(ctx, opt, 0, progress); err != nil {
			s.Close()
			return nil, err
		}
		if err := s.Close(); err != nil {
			return nil, err
		}
		if err := os.WriteFile(marker, []byte(stamp), 0o644); err != nil {
			return nil, err
		}
	}
	return Open(ctx, "bolt:"+dir)
}
