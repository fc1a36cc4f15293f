package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

func TestCardRoundTrip(t *testing.T) {
	f := Fact{Subject: "canada", Predicate: "pledged", Object: Object{Literal: "upgrade NORAD"}, Doc: "d1.txt",
		Evidence:   Evidence{Sentence: "Canada pledged $4.9 billion — “soon”.", Start: 10, End: 48, Confidence: 0.85, Modality: Reported},
		Qualifiers: []Qualifier{{Key: "amount", Value: "$4.9 billion"}, {Key: "date", Value: "2023"}}}
	q, ok := cardQuad(iri(StatementBase+"x"), f)
	if !ok {
		t.Fatal("no card")
	}
	got, ok := parseCard(literal(q.Object))
	if !ok || !reflect.DeepEqual(got, f) {
		t.Errorf("parseCard(cardQuad(f)) = %+v, %v; want %+v", got, ok, f)
	}
	f.Evidence.Sentence = "a\x1fb"
	if _, ok := cardQuad(iri(StatementBase+"x"), f); ok {
		t.Error("a sentence holding the separator got a card")
	}
	for _, bad := range []string{"", "2\x1fa", "1\x1fa\x1fp\x1fxo\x1fd\x1fs\x1f1\x1f2\x1f0.5\x1fasserted", "1\x1fa\x1fp\x1feo\x1fd\x1fs\x1fone\x1f2\x1f0.5\x1fasserted"} {
		if _, ok := parseCard(bad); ok {
			t.Errorf("parseCard(%q) accepted", bad)
		}
	}
}

// TestCardsMatchQuads reads the same facts from statements with cards (a
// store written by Put) and without (the same store exported, imported
// again, and its cards deleted): every answer must be the same.
func TestCardsMatchQuads(t *testing.T) {
	ctx := context.Background()
	withCards, err := Open(ctx, "bolt:"+filepath.Join(t.TempDir(), "a"))
	if err != nil {
		t.Fatal(err)
	}
	defer withCards.Close()
	dg := DocumentGraph{
		Doc: Document{ID: "d1.txt", Title: "Talks", Published: "2023-03-24"},
		Entities: []Entity{
			{ID: "joe-biden", Name: "Joe Biden", Kind: Person},
			{ID: "justin-trudeau", Name: "Justin Trudeau", Kind: Person},
			{ID: "canada", Name: "Canada", Kind: Country},
		},
		Facts: []Fact{
			{Subject: "joe-biden", Predicate: "met", Object: Object{Entity: "justin-trudeau"}, Doc: "d1.txt",
				Evidence: Evidence{Sentence: "Biden met Trudeau in Ottawa.", Start: 0, End: 28, Confidence: 0.9, Modality: Asserted}},
			{Subject: "canada", Predicate: "pledged", Object: Object{Literal: "upgrade NORAD"}, Doc: "d1.txt",
				Evidence:   Evidence{Sentence: "Canada pledged $4.9 billion to upgrade NORAD.", Start: 29, End: 74, Confidence: 0.8, Modality: Expected},
				Qualifiers: []Qualifier{{Key: "date", Value: "2023"}, {Key: "amount", Value: "$4.9 billion"}}},
			{Subject: "justin-trudeau", Predicate: "leaderOf", Object: Object{Entity: "canada"}, Doc: "d1.txt",
				Evidence: Evidence{Sentence: "Prime Minister Justin Trudeau of Canada said so.", Start: 75, End: 123, Confidence: 0.7, Modality: Reported}},
		},
	}
	if _, err := withCards.Put(ctx, dg); err != nil {
		t.Fatal(err)
	}
	if withCards.qs.ValueOf(accCard) == nil {
		t.Fatal("Put wrote no card")
	}
	var exported bytes.Buffer
	if _, err := withCards.Export(ctx, &exported); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(exported.String(), string(accCard)) {
		t.Fatal("the export holds cards")
	}
	without, err := Open(ctx, "bolt:"+filepath.Join(t.TempDir(), "b"))
	if err != nil {
		t.Fatal(err)
	}
	defer without.Close()
	if _, err := without.Import(ctx, &exported); err != nil {
		t.Fatal(err)
	}
	dropAllCards(t, without)
	same := func(what string, a, b any) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Errorf("%s differs:\nwith cards:    %s\nwithout cards: %s", what, ja, jb)
		}
	}
	for _, id := range []string{"joe-biden", "justin-trudeau", "canada"} {
		a, err1 := withCards.Neighbors(ctx, id, NeighborOptions{Depth: 2})
		b, err2 := without.Neighbors(ctx, id, NeighborOptions{Depth: 2})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		same("Neighbors("+id+")", a, b)
		ea, err1 := withCards.EntityFacts(ctx, id, 100)
		eb, err2 := without.EntityFacts(ctx, id, 100)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		same("EntityFacts("+id+")", ea, eb)
	}
	fa, err1 := withCards.QueryFacts(ctx, FactQuery{Scope: Scope{Doc: "d1.txt"}})
	fb, err2 := without.QueryFacts(ctx, FactQuery{Scope: Scope{Doc: "d1.txt"}})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if len(fa.Facts) != 3 {
		t.Errorf("QueryFacts found %d facts, want 3", len(fa.Facts))
	}
	same("QueryFacts", fa, fb)
}

// TestEntityCardFollowsRenames loads three documents naming one entity
// differently, in one batch and then one by one: the entity ends with the
// least name and the first kind in Kinds order, one schema:name and one
// card that says the same.
func TestEntityCardFollowsRenames(t *testing.T) {
	ctx := context.Background()
	doc := func(id, name string, kind Kind) DocumentGraph {
		return DocumentGraph{Doc: Document{ID: id}, Entities: []Entity{{ID: "acme", Name: name, Kind: kind}}}
	}
	docs := []DocumentGraph{doc("a.txt", "Zed Acme", Place), doc("b.txt", "Mid Acme", Organization), doc("c.txt", "Alpha Acme", Issue)}
	for _, batch := range []bool{true, false} {
		s, err := Open(ctx, "bolt:"+filepath.Join(t.TempDir(), "db"))
		if err != nil {
			t.Fatal(err)
		}
		if batch {
			_, err = s.PutBatch(ctx, docs[:1])
			if err == nil {
				_, err = s.PutBatch(ctx, docs[1:])
			}
		} else {
			for _, d := range docs {
				if _, err = s.Put(ctx, d); err != nil {
					break
				}
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		var names, cards []string
		s.each(ctx, quad.Subject, entityIRI("acme"), func(q quad.Quad) error {
			switch q.Predicate {
			case schemaName:
				names = append(names, literal(q.Object))
			case accCard:
				cards = append(cards, literal(q.Object))
			}
			return nil
		})
		want := "1\x1fAlpha Acme\x1fOrganization"
		if len(names) != 1 || names[0] != "Alpha Acme" || len(cards) != 1 || cards[0] != want {
			t.Errorf("batch=%v: names %q, cards %q; want one name Alpha Acme and the card %q", batch, names, cards, want)
		}
		if e, err := s.Lookup(ctx, "acme"); err != nil || e.Name != "Alpha Acme" || e.Kind != Organization {
			t.Errorf("batch=%v: Lookup = %+v, %v", batch, e, err)
		}
		s.Close()
	}
}

// TestFastReadsMatchCayley answers neighbourhoods and exports the store
// with direct bolt reads and through Cayley, on a store that has seen
// replacements, a forgotten document and statements without cards: the
// answers must be the same, byte for byte.
func TestFastReadsMatchCayley(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "bolt:"+filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ents := []Entity{{ID: "a", Name: "Alpha", Kind: Person}, {ID: "b", Name: "Beta", Kind: Country}, {ID: "c", Name: "Gamma", Kind: Organization}, {ID: "d", Name: "Delta", Kind: Person}}
	fact := func(s, p, o, doc string, at int) Fact {
		return Fact{Subject: s, Predicate: p, Object: Object{Entity: o}, Doc: doc,
			Evidence: Evidence{Sentence: s + " " + p + " " + o + ".", Start: at, End: at + 9, Confidence: 0.9, Modality: Asserted}}
	}
	put := func(doc string, fs ...Fact) {
		t.Helper()
		if _, err := s.Put(ctx, DocumentGraph{Doc: Document{ID: doc, Hash: fmt.Sprint(len(fs), fs)}, Entities: ents, Facts: fs}); err != nil {
			t.Fatal(err)
		}
	}
	put("1.txt", fact("a", "met", "b", "1.txt", 0), fact("a", "met", "c", "1.txt", 10))
	put("2.txt", fact("b", "met", "c", "2.txt", 0), fact("d", "met", "a", "2.txt", 10))
	put("3.txt", fact("c", "met", "d", "3.txt", 0))
	put("1.txt", fact("a", "met", "d", "1.txt", 0)) // replaced: dead quads in Cayley's indexes
	if err := s.Forget(ctx, "3.txt"); err != nil {
		t.Fatal(err)
	}
	// A statement from elsewhere, without a card.
	foreign := `<http://accord.local/stmt/x1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <http://accord.local/entity/b> <http://accord.local/provenance> .
<http://accord.local/stmt/x1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <http://accord.local/ns#met> <http://accord.local/provenance> .
<http://accord.local/stmt/x1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <http://accord.local/entity/d> <http://accord.local/provenance> .
<http://accord.local/stmt/x1> <http://www.w3.org/ns/prov#wasDerivedFrom> <http://accord.local/doc/9.txt> <http://accord.local/provenance> .
<http://accord.local/entity/b> <http://accord.local/ns#met> <http://accord.local/entity/d> <http://accord.local/doc/9.txt> .
`
	if _, err := s.Import(ctx, strings.NewReader(foreign)); err != nil {
		t.Fatal(err)
	}
	answer := func(fast bool) string {
		defer func(v bool) { noFastReads = v }(noFastReads)
		noFastReads = !fast
		s.write(func() error { s.names = nil; return nil }) // a cold read cache
		var out []string
		for _, e := range ents {
			for depth := 1; depth <= 2; depth++ {
				nb, err := s.Neighbors(ctx, e.ID, NeighborOptions{Depth: depth})
				if err != nil {
					t.Fatal(err)
				}
				j, _ := json.Marshal(nb)
				out = append(out, string(j))
			}
		}
		// The whole store exported, deleted quads and cards left out.
		for _, format := range []string{FormatNQuads, FormatJSONLD, FormatGraphML} {
			var buf bytes.Buffer
			if _, err := s.ExportTo(ctx, &buf, ExportOptions{Format: format}); err != nil {
				t.Fatal(err)
			}
			out = append(out, buf.String())
		}
		return strings.Join(out, "\n")
	}
	fast, slow := answer(true), answer(false)
	if fast != slow {
		t.Errorf("direct reads:\n%s\nthrough Cayley:\n%s", fast, slow)
	}
	if strings.Contains(slow, string(accCard)) || !strings.Contains(slow, "<http://accord.local/stmt/x1>") || strings.Contains(slow, "3.txt") {
		t.Errorf("the export holds a card, lacks the imported statement or holds the forgotten document:\n%s", slow)
	}
	if !strings.Contains(slow, `"target":"d"`) || strings.Contains(slow, `"target":"c","predicate":"met","documents":["1.txt"]`) {
		t.Errorf("unexpected neighbourhoods:\n%s", slow)
	}
}

// dropAllCards deletes every card of s, which then reads statements and
// entities from their quads, as for a store written elsewhere.
func dropAllCards(t testing.TB, s *Store) {
	t.Helper()
	var del []graph.Delta
	if err := s.each(context.Background(), quad.Predicate, accCard, func(q quad.Quad) error {
		del = append(del, graph.Delta{Quad: q, Action: graph.Delete})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(del) == 0 {
		t.Fatal("no card to drop")
	}
	if err := s.write(func() error { s.names = nil; return s.apply(del) }); err != nil {
		t.Fatal(err)
	}
	if n := len(cardsOf(t, s)); n != 0 {
		t.Fatalf("%d cards left", n)
	}
}

// cardsOf returns the cards of s.
func cardsOf(t testing.TB, s *Store) map[quad.Quad]bool {
	t.Helper()
	cards := map[quad.Quad]bool{}
	if err := s.each(context.Background(), quad.Predicate, accCard, func(q quad.Quad) error {
		cards[q] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return cards
}
