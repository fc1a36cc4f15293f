package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// corrFixture is two documents for the correction tests; vocab stands for
// the extractor's vocabulary (a new one reads a fact more and gives other
// confidences), hash for the document's content:
//
//	a.txt: joe-biden --met--> justin-trudeau       "Biden met Trudeau."
//	       president-biden --visited--> canada      "President Biden visited Canada."
//	       canada --discussed--> migration          "Ottawa discussed migration."
//	       canada --pledged--> norad-upgrade        "Canada pledged money for the NORAD upgrade."
//	       stca --covers--> ports                   "The STCA applies at ports."
//	b.txt: president-biden --met--> justin-trudeau "President Biden met Trudeau."
//	       (vocab 2) canada --seeks--> stca         "Canada wants the STCA expanded."
func corrFixture(hash string, vocab int) []DocumentGraph {
	conf := 0.8
	if vocab > 1 {
		conf = 0.7
	}
	ev := func(s string, start int) Evidence {
		return Evidence{Sentence: s, Start: start, End: start + len(s), Confidence: conf, Modality: Asserted}
	}
	ents := []Entity{
		{ID: "joe-biden", Name: "Joe Biden", Aliases: []string{"Biden"}, Kind: Person},
		{ID: "president-biden", Name: "President Biden", Kind: Person},
		{ID: "justin-trudeau", Name: "Justin Trudeau", Aliases: []string{"Trudeau"}, Kind: Person},
		{ID: "canada", Name: "Canada", Aliases: []string{"Ottawa"}, Kind: Country},
		{ID: "migration", Name: "migration", Kind: Issue},
		{ID: "norad-upgrade", Name: "NORAD upgrade", Kind: Commitment},
		{ID: "stca", Name: "Safe Third Country Agreement", Aliases: []string{"STCA"}, Kind: Agreement},
		{ID: "ports", Name: "ports", Kind: Place},
	}
	a := DocumentGraph{
		Doc:      Document{ID: "a.txt", Title: "A", Published: "2023-03-24", Hash: "a-" + hash},
		Entities: ents,
		Facts: []Fact{
			{Subject: "joe-biden", Predicate: "met", Object: Object{Entity: "justin-trudeau"}, Evidence: ev("Biden met Trudeau.", 0)},
			{Subject: "president-biden", Predicate: "visited", Object: Object{Entity: "canada"}, Evidence: ev("President Biden visited Canada.", 20)},
			{Subject: "canada", Predicate: "discussed", Object: Object{Entity: "migration"}, Evidence: ev("Ottawa discussed migration.", 60)},
			{Subject: "canada", Predicate: "pledged", Object: Object{Entity: "norad-upgrade"}, Evidence: ev("Canada pledged money for the NORAD upgrade.", 90)},
			{Subject: "stca", Predicate: "covers", Object: Object{Entity: "ports"}, Evidence: ev("The STCA applies at ports.", 140)},
		},
	}
	b := DocumentGraph{
		Doc:      Document{ID: "b.txt", Title: "B", Published: "2023-03-25", Hash: "b-" + hash},
		Entities: []Entity{ents[1], ents[2], ents[3], ents[6]},
		Facts: []Fact{
			{Subject: "president-biden", Predicate: "met", Object: Object{Entity: "justin-trudeau"}, Evidence: ev("President Biden met Trudeau.", 0)},
		},
	}
	if vocab > 1 {
		b.Facts = append(b.Facts, Fact{Subject: "canada", Predicate: "seeks", Object: Object{Entity: "stca"}, Evidence: ev("Canada wants the STCA expanded.", 40)})
	}
	return []DocumentGraph{a, b}
}

// corrCase is one correction, what must hold while it is in force, and
// what must hold again once it is undone.
type corrCase struct {
	c      Correction
	holds  func(t *testing.T, s *Store)
	undone func(t *testing.T, s *Store)
}

func facts(t *testing.T, s *Store, f FactFilter) []Fact {
	t.Helper()
	fs, err := s.Facts(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func entityOrNot(t *testing.T, s *Store, id string) (Entity, bool) {
	t.Helper()
	e, err := s.Entity(context.Background(), id)
	if errors.Is(err, ErrNotFound) {
		return e, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return e, true
}

func corrCases() []corrCase {
	return []corrCase{
		{
			c: Correction{Kind: Merge, Entity: "joe-biden", From: "president-biden", Who: "ana", Note: "one person under two names"},
			holds: func(t *testing.T, s *Store) {
				if _, ok := entityOrNot(t, s, "president-biden"); ok {
					t.Errorf("president-biden still stored after the merge")
				}
				e, _ := entityOrNot(t, s, "joe-biden")
				if !slices.Contains(e.Aliases, "President Biden") {
					t.Errorf("joe-biden aliases = %v, want President Biden among them", e.Aliases)
				}
				if got := facts(t, s, FactFilter{Subject: "joe-biden", Predicate: "visited"}); len(got) != 1 {
					t.Errorf("joe-biden visited: %d facts, want 1", len(got))
				}
				if got := facts(t, s, FactFilter{Subject: "joe-biden", Predicate: "met", Doc: "b.txt"}); len(got) != 1 {
					t.Errorf("joe-biden met in b.txt: %d facts, want 1", len(got))
				}
			},
			undone: func(t *testing.T, s *Store) {
				if _, ok := entityOrNot(t, s, "president-biden"); !ok {
					t.Errorf("president-biden not back after the undo")
				}
				if got := facts(t, s, FactFilter{Subject: "president-biden", Predicate: "visited"}); len(got) != 1 {
					t.Errorf("president-biden visited: %d facts, want 1", len(got))
				}
				if got := facts(t, s, FactFilter{Subject: "joe-biden", Predicate: "visited"}); len(got) != 0 {
					t.Errorf("joe-biden visited: %d facts after the undo, want 0", len(got))
				}
			},
		},
		{
			c: Correction{Kind: Split, Entity: "canada", Alias: "Ottawa", Type: Place, Who: "ana", Note: "the city, not the government"},
			holds: func(t *testing.T, s *Store) {
				e, ok := entityOrNot(t, s, "ottawa")
				if !ok || e.Kind != Place || e.Name != "Ottawa" {
					t.Errorf("ottawa = %+v (stored %v), want the Place Ottawa", e, ok)
				}
				c, _ := entityOrNot(t, s, "canada")
				if slices.Contains(c.Aliases, "Ottawa") {
					t.Errorf("canada aliases = %v, still Ottawa", c.Aliases)
				}
				if got := facts(t, s, FactFilter{Subject: "ottawa", Predicate: "discussed"}); len(got) != 1 {
					t.Errorf("ottawa discussed: %d facts, want 1", len(got))
				}
				if got := facts(t, s, FactFilter{Subject: "canada", Predicate: "pledged"}); len(got) != 1 {
					t.Errorf("canada pledged: %d facts, want 1 (its sentence says Canada)", len(got))
				}
			},
			undone: func(t *testing.T, s *Store) {
				if _, ok := entityOrNot(t, s, "ottawa"); ok {
					t.Errorf("ottawa still stored after the undo")
				}
				if got := facts(t, s, FactFilter{Subject: "canada", Predicate: "discussed"}); len(got) != 1 {
					t.Errorf("canada discussed: %d facts after the undo, want 1", len(got))
				}
			},
		},
		{
			c: Correction{Kind: Rename, Entity: "justin-trudeau", Name: "Justin P. J. Trudeau", Who: "ana", Note: "full name"},
			holds: func(t *testing.T, s *Store) {
				e, _ := entityOrNot(t, s, "justin-trudeau")
				if e.Name != "Justin P. J. Trudeau" || !slices.Contains(e.Aliases, "Justin Trudeau") {
					t.Errorf("justin-trudeau = %+v, want the new name with the old one as alias", e)
				}
			},
			undone: func(t *testing.T, s *Store) {
				if e, _ := entityOrNot(t, s, "justin-trudeau"); e.Name != "Justin Trudeau" {
					t.Errorf("justin-trudeau named %q after the undo", e.Name)
				}
			},
		},
		{
			c: Correction{Kind: Retype, Entity: "norad-upgrade", Type: Agreement, Who: "ana", Note: "it is a signed plan"},
			holds: func(t *testing.T, s *Store) {
				if e, _ := entityOrNot(t, s, "norad-upgrade"); e.Kind != Agreement {
					t.Errorf("norad-upgrade type %q, want Agreement", e.Kind)
				}
			},
			undone: func(t *testing.T, s *Store) {
				if e, _ := entityOrNot(t, s, "norad-upgrade"); e.Kind != Commitment {
					t.Errorf("norad-upgrade type %q after the undo, want Commitment", e.Kind)
				}
			},
		},
		{
			c: Correction{Kind: Reject, Fact: &FactRef{Subject: "stca", Predicate: "covers", Object: Object{Entity: "ports"}}, Who: "ana", Note: "misread"},
			holds: func(t *testing.T, s *Store) {
				if got := facts(t, s, FactFilter{Subject: "stca", Predicate: "covers"}); len(got) != 0 {
					t.Errorf("stca covers: %d facts, want none (rejected)", len(got))
				}
				if _, ok := entityOrNot(t, s, "ports"); ok {
					t.Errorf("ports still stored: only the rejected fact named it")
				}
			},
			undone: func(t *testing.T, s *Store) {
				if got := facts(t, s, FactFilter{Subject: "stca", Predicate: "covers"}); len(got) != 1 {
					t.Errorf("stca covers: %d facts after the undo, want 1", len(got))
				}
				if _, ok := entityOrNot(t, s, "ports"); !ok {
					t.Errorf("ports not back after the undo")
				}
			},
		},
		{
			c: Correction{Kind: Confirm, Fact: &FactRef{Subject: "joe-biden", Predicate: "met", Object: Object{Entity: "justin-trudeau"}, Doc: "a.txt"}, Who: "ana", Note: "checked the readout"},
			holds: func(t *testing.T, s *Store) {
				if got := facts(t, s, FactFilter{Subject: "joe-biden", Predicate: "met", Doc: "a.txt"}); len(got) != 1 {
					t.Errorf("joe-biden met: %d facts, want 1", len(got))
				}
			},
			undone: func(t *testing.T, s *Store) {
				if got := facts(t, s, FactFilter{Subject: "joe-biden", Predicate: "met", Doc: "a.txt"}); len(got) != 1 {
					t.Errorf("joe-biden met: %d facts after the undo, want 1", len(got))
				}
			},
		},
		{
			c: Correction{Kind: Add, Fact: &FactRef{Subject: "canada", Predicate: "seeks", Object: Object{Entity: "stca"}}, Source: "a.txt", Who: "ana", Note: "Ottawa asked to expand the STCA (paragraph 4)"},
			holds: func(t *testing.T, s *Store) {
				got := facts(t, s, FactFilter{Subject: "canada", Predicate: "seeks", Doc: "a.txt"})
				if len(got) != 1 || got[0].Evidence.Sentence != "Ottawa asked to expand the STCA (paragraph 4)" {
					t.Errorf("canada seeks stca in a.txt = %+v, want the added fact with its note", got)
				}
			},
			undone: func(t *testing.T, s *Store) {
				if got := facts(t, s, FactFilter{Subject: "canada", Predicate: "seeks", Doc: "a.txt"}); len(got) != 0 {
					t.Errorf("canada seeks in a.txt: %d facts after the undo, want 0", len(got))
				}
			},
		},
		{
			c: Correction{Kind: Add, Fact: &FactRef{Subject: "justin-trudeau", Predicate: "holdsRole", Object: Object{Literal: "Prime Minister"}}, Who: "ana", Note: "common knowledge"},
			holds: func(t *testing.T, s *Store) {
				got := facts(t, s, FactFilter{Subject: "justin-trudeau", Predicate: "holdsRole"})
				if len(got) != 1 || got[0].Doc != "" {
					t.Errorf("justin-trudeau holdsRole = %+v, want one fact from no document", got)
				}
			},
			undone: func(t *testing.T, s *Store) {
				if got := facts(t, s, FactFilter{Subject: "justin-trudeau", Predicate: "holdsRole"}); len(got) != 0 {
					t.Errorf("justin-trudeau holdsRole: %d facts after the undo, want 0", len(got))
				}
			},
		},
	}
}

func putDocs(t *testing.T, s *Store, dgs []DocumentGraph) {
	t.Helper()
	if _, err := s.PutBatch(context.Background(), dgs); err != nil {
		t.Fatal(err)
	}
}

func correct(t *testing.T, s *Store, c Correction) Correction {
	t.Helper()
	got, err := s.Correct(context.Background(), c)
	if err != nil {
		t.Fatalf("Correct(%s): %v", c.Kind, err)
	}
	return got
}

// TestCorrections applies each kind of correction on every backend and
// checks that it holds after a reload, a vocabulary change, forgetting
// documents, an export imported into a new store and two loaders writing
// at once, and that an undo takes it back with both records kept.
func TestCorrections(t *testing.T) {
	ctx := context.Background()
	eachBackend(t, func(t *testing.T, b backend) {
		for _, cc := range corrCases() {
			name := string(cc.c.Kind)
			if cc.c.Kind == Add && cc.c.Source == "" {
				name = "add-unsourced"
			}
			t.Run(name, func(t *testing.T) {
				s := b.open(t)
				putDocs(t, s, corrFixture("1", 1))
				c := correct(t, s, cc.c)
				t.Run("made", func(t *testing.T) { cc.holds(t, s) })
				t.Run("changes", func(t *testing.T) {
					ch, err := s.CorrectionChanges(ctx, c.ID)
					if err != nil {
						t.Fatal(err)
					}
					if (len(ch) == 0) != (c.Kind == Confirm) {
						t.Errorf("CorrectionChanges(%s) = %+v", c.Kind, ch)
					}
				})
				t.Run("reload", func(t *testing.T) {
					putDocs(t, s, corrFixture("2", 1))
					cc.holds(t, s)
				})
				t.Run("vocabulary", func(t *testing.T) {
					putDocs(t, s, corrFixture("3", 2))
					cc.holds(t, s)
				})
				t.Run("export-import", func(t *testing.T) {
					var buf bytes.Buffer
					if _, err := s.Export(ctx, &buf); err != nil {
						t.Fatal(err)
					}
					s2 := b.open(t)
					if _, err := s2.Import(ctx, bytes.NewReader(buf.Bytes())); err != nil {
						t.Fatal(err)
					}
					got, err := s2.Corrections(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if len(got) != 1 || got[0].ID != c.ID || got[0].Who != "ana" || got[0].Note != c.Note {
						t.Fatalf("imported corrections = %+v, want %+v", got, c)
					}
					cc.holds(t, s2)
					putDocs(t, s2, corrFixture("4", 1))
					cc.holds(t, s2)
					correct(t, s2, Correction{Kind: Undo, Undoes: c.ID, Who: "ben", Note: "imported, then undone"})
					cc.undone(t, s2)
				})
				t.Run("forget", func(t *testing.T) {
					for _, doc := range []string{"b.txt", "a.txt"} {
						if err := s.Forget(ctx, doc); err != nil {
							t.Fatal(err)
						}
						got, err := s.Corrections(ctx)
						if err != nil || len(got) != 1 {
							t.Fatalf("after forget %s: corrections %v, %v; want the one", doc, got, err)
						}
					}
					putDocs(t, s, corrFixture("5", 1))
					cc.holds(t, s)
				})
				t.Run("undo", func(t *testing.T) {
					u := correct(t, s, Correction{Kind: Undo, Undoes: c.ID, Who: "ben", Note: "too hasty"})
					cc.undone(t, s)
					if ch, err := s.CorrectionChanges(ctx, c.ID); err != nil || len(ch) != 0 {
						t.Errorf("changes left after the undo: %+v, %v", ch, err)
					}
					putDocs(t, s, corrFixture("6", 2))
					cc.undone(t, s)
					all, err := s.Corrections(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if len(all) != 2 || all[0].ID != c.ID || all[0].UndoneBy != u.ID || all[1].Kind != Undo || all[1].Who != "ben" {
						t.Errorf("audit = %+v, want the correction undone by ben's undo", all)
					}
					if _, err := s.Correct(ctx, Correction{Kind: Undo, Undoes: c.ID, Who: "ben"}); !isField(err, "undoes") {
						t.Errorf("second undo: %v, want an error naming undoes", err)
					}
				})
			})
		}
	})
}

// TestCorrectionsTwoLoaders makes each correction while another loader
// (on PostgreSQL, another connection to the same database) writes the
// documents again and again.
func TestCorrectionsTwoLoaders(t *testing.T) {
	ctx := context.Background()
	eachBackend(t, func(t *testing.T, b backend) {
		for _, cc := range corrCases() {
			t.Run(string(cc.c.Kind), func(t *testing.T) {
				spec := b.spec(t)
				s := openSpec(t, spec)
				other := s
				if b.name == "postgres" {
					other = openSpec(t, spec)
				}
				putDocs(t, s, corrFixture("1", 1))
				var wg sync.WaitGroup
				errs := make(chan error, 8)
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 2; i < 6; i++ {
						if _, err := other.PutBatch(ctx, corrFixture(fmt.Sprint(i), 1+i%2)); err != nil {
							errs <- err
						}
					}
				}()
				if _, err := s.Correct(ctx, cc.c); err != nil {
					errs <- err
				}
				wg.Wait()
				close(errs)
				for err := range errs {
					t.Fatal(err)
				}
				cc.holds(t, s)
				cc.holds(t, other)
			})
		}
	})
}

func isField(err error, field string) bool {
	var fe *FieldError
	return errors.As(err, &fe) && fe.Field == field
}

// TestCorrectionErrors: bad corrections are refused with the field named,
// and nothing is stored.
func TestCorrectionErrors(t *testing.T) {
	ctx := context.Background()
	s := openMemory(t)
	putDocs(t, s, corrFixture("1", 1))
	for _, tc := range []struct {
		c     Correction
		field string
	}{
		{Correction{Kind: "mangle", Who: "ana"}, "kind"},
		{Correction{Kind: Merge, Entity: "joe-biden", From: "president-biden"}, "who"},
		{Correction{Kind: Merge, Entity: "joe-biden", Who: "ana"}, "from"},
		{Correction{Kind: Merge, Entity: "joe-biden", From: "nobody", Who: "ana"}, "from"},
		{Correction{Kind: Merge, Entity: "joe-biden", From: "joe-biden", Who: "ana"}, "from"},
		{Correction{Kind: Split, Entity: "canada", Alias: "Toronto", Who: "ana"}, "alias"},
		{Correction{Kind: Rename, Entity: "canada", Who: "ana"}, "name"},
		{Correction{Kind: Retype, Entity: "canada", Type: "Planet", Who: "ana"}, "type"},
		{Correction{Kind: Reject, Who: "ana"}, "fact"},
		{Correction{Kind: Reject, Fact: &FactRef{Subject: "canada", Predicate: "met", Object: Object{Entity: "stca"}}, Who: "ana"}, "fact"},
		{Correction{Kind: Reject, Fact: &FactRef{Subject: "canada", Predicate: "met"}, Who: "ana"}, "fact.object"},
		{Correction{Kind: Add, Fact: &FactRef{Subject: "canada", Predicate: "seeks", Object: Object{Entity: "stca"}}, Who: "ana"}, "note"},
		{Correction{Kind: Add, Fact: &FactRef{Subject: "canada", Predicate: "seeks", Object: Object{Entity: "stca"}}, Source: "z.txt", Note: "n", Who: "ana"}, "source"},
		{Correction{Kind: Add, Fact: &FactRef{Subject: "nobody", Predicate: "seeks", Object: Object{Entity: "stca"}}, Note: "n", Who: "ana"}, "fact.subject"},
		{Correction{Kind: Undo, Undoes: "0123", Who: "ana"}, "undoes"},
		{Correction{Kind: Rename, Entity: "canada", Name: "X", When: "yesterday", Who: "ana"}, "when"},
	} {
		_, err := s.Correct(ctx, tc.c)
		if !isField(err, tc.field) {
			t.Errorf("Correct(%+v) = %v, want an error naming %s", tc.c, err, tc.field)
		}
	}
	if all, _ := s.Corrections(ctx); len(all) != 0 {
		t.Errorf("corrections stored after refusals: %+v", all)
	}
}

// TestUncorrected: the extractor's own output is the stored graph with
// every correction taken back, including in documents loaded after it.
func TestUncorrected(t *testing.T) {
	ctx := context.Background()
	eachBackend(t, func(t *testing.T, b backend) {
		s := b.open(t)
		putDocs(t, s, corrFixture("1", 1))
		cases := corrCases()
		for _, k := range []CorrectionKind{Merge, Add, Reject} {
			for _, cc := range cases {
				if cc.c.Kind == k {
					correct(t, s, cc.c)
				}
			}
		}
		putDocs(t, s, corrFixture("2", 2))
		raw, err := s.Uncorrected(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		ref := openMemory(t)
		putDocs(t, ref, corrFixture("2", 2))
		for _, f := range []FactFilter{{Doc: "a.txt"}, {Doc: "b.txt"}, {Subject: "justin-trudeau"}} {
			want := facts(t, ref, f)
			got := facts(t, raw, f)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("uncorrected facts %+v:\n got %v\nwant %v", f, got, want)
			}
		}
		if _, ok := entityOrNot(t, raw, "president-biden"); !ok {
			t.Errorf("uncorrected store lacks president-biden")
		}
		for _, cc := range corrCases() {
			if cc.c.Kind == Merge || cc.c.Kind == Reject {
				cc.holds(t, s)
			}
		}
	})
}

// TestCorrectionChanges: the changes say which facts and names a
// correction removed and added, document by document.
func TestCorrectionChanges(t *testing.T) {
	ctx := context.Background()
	s := openMemory(t)
	putDocs(t, s, corrFixture("1", 1))
	m := correct(t, s, Correction{Kind: Merge, Entity: "joe-biden", From: "president-biden", Who: "ana"})
	got, err := s.CorrectionChanges(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Removed: []string{`president-biden name "President Biden"`, "president-biden type Person"}, Added: []string{`joe-biden alias "President Biden"`}},
		{Doc: "a.txt", Removed: []string{"president-biden visited canada"}, Added: []string{"joe-biden visited canada"}},
		{Doc: "b.txt", Removed: []string{"president-biden met justin-trudeau"}, Added: []string{"joe-biden met justin-trudeau"}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("CorrectionChanges(merge) =\n%v\nwant\n%v", got, want)
	}
}

// TestUndoOrder: a correction that a later one changed again is undone
// after it, not before.
func TestUndoOrder(t *testing.T) {
	ctx := context.Background()
	eachBackend(t, func(t *testing.T, b backend) {
		s := b.open(t)
		putDocs(t, s, corrFixture("1", 1))
		split := correct(t, s, Correction{Kind: Split, Entity: "canada", Alias: "Ottawa", Who: "ana"})
		retype := correct(t, s, Correction{Kind: Retype, Entity: "ottawa", Type: Place, Who: "ana"})
		rename := correct(t, s, Correction{Kind: Rename, Entity: "canada", Name: "Canada (federal)", Who: "ana"})
		if _, err := s.Correct(ctx, Correction{Kind: Undo, Undoes: split.ID, Who: "ben"}); !isField(err, "undoes") || !strings.Contains(err.Error(), retype.ID) {
			t.Fatalf("undo of the split before the retype: %v, want a refusal naming %s", err, retype.ID)
		}
		correct(t, s, Correction{Kind: Undo, Undoes: retype.ID, Who: "ben"})
		correct(t, s, Correction{Kind: Undo, Undoes: split.ID, Who: "ben"})
		if _, ok := entityOrNot(t, s, "ottawa"); ok {
			t.Errorf("ottawa still stored after both undos")
		}
		if e, _ := entityOrNot(t, s, "canada"); e.Name != "Canada (federal)" || !slices.Contains(e.Aliases, "Ottawa") {
			t.Errorf("canada = %+v, want the rename kept and Ottawa an alias again", e)
		}
		if got := facts(t, s, FactFilter{Subject: "canada", Predicate: "discussed"}); len(got) != 1 {
			t.Errorf("canada discussed: %d facts, want 1", len(got))
		}
		_ = rename
	})
}

// TestCorrectionsNewDocument: a document loaded after the corrections,
// naming what they changed, is written corrected, and its own output is
// still what Uncorrected gives back.
func TestCorrectionsNewDocument(t *testing.T) {
	ctx := context.Background()
	eachBackend(t, func(t *testing.T, b backend) {
		s := b.open(t)
		putDocs(t, s, corrFixture("1", 1))
		correct(t, s, Correction{Kind: Merge, Entity: "joe-biden", From: "president-biden", Who: "ana"})
		correct(t, s, Correction{Kind: Reject, Fact: &FactRef{Subject: "canada", Predicate: "pledged", Object: Object{Entity: "norad-upgrade"}}, Who: "ana"})
		c := DocumentGraph{
			Doc: Document{ID: "c.txt", Published: "2024-01-02", Hash: "c1"},
			Entities: []Entity{{ID: "president-biden", Name: "President Biden", Aliases: []string{"the President"}, Kind: Person},
				{ID: "canada", Name: "Canada", Kind: Country}, {ID: "norad-upgrade", Name: "NORAD upgrade", Kind: Commitment}},
			Facts: []Fact{
				{Subject: "president-biden", Predicate: "visited", Object: Object{Entity: "canada"}, Evidence: Evidence{Sentence: "The President visited Canada.", End: 29, Confidence: 0.9, Modality: Asserted}},
				{Subject: "canada", Predicate: "pledged", Object: Object{Entity: "norad-upgrade"}, Evidence: Evidence{Sentence: "Canada pledged the NORAD upgrade.", Start: 30, End: 63, Confidence: 0.9, Modality: Asserted}},
			},
		}
		putDocs(t, s, []DocumentGraph{c})
		if got := facts(t, s, FactFilter{Doc: "c.txt"}); len(got) != 1 || got[0].Subject != "joe-biden" {
			t.Errorf("c.txt facts = %+v, want only joe-biden visited canada", got)
		}
		if _, ok := entityOrNot(t, s, "president-biden"); ok {
			t.Errorf("president-biden described again by the new document")
		}
		if e, _ := entityOrNot(t, s, "joe-biden"); !slices.Contains(e.Aliases, "the President") {
			t.Errorf("joe-biden aliases = %v, want the new document's alias", e.Aliases)
		}
		raw, err := s.Uncorrected(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if got := facts(t, raw, FactFilter{Doc: "c.txt"}); len(got) != 2 || got[1].Subject != "president-biden" {
			t.Errorf("uncorrected c.txt facts = %+v, want the extractor's two", got)
		}
	})
}
