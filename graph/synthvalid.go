package graph

import (
	"fmt"
	"hash/maphash"
	"math/rand"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// Synthetic facts have valid times in the proportions a corpus of news
// might give them: most hold from their document's date (no cue), an
// event in five is dated in its sentence ("on Tuesday", a few days before
// the article), a role in two comes with the vocabulary's dates, a state
// in ten holds "since" a year, and a fact in thirty is "former" (it held
// until before the article).

// synthValidityVersion changes when synthValidity does, so that the
// benchmark store is built again.
const synthValidityVersion = "1"

var synthWeekdays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

var synthEvents = map[string]bool{"met": true, "visited": true, "discussed": true, "announced": true, "pledged": true,
	"signed": true, "urged": true, "criticized": true, "thanked": true, "invited": true, "crossed": true, "sanctioned": true}

var synthStates = map[string]bool{"memberOf": true, "supports": true, "opposes": true, "funds": true, "covers": true,
	"locatedIn": true, "partyTo": true, "leaderOf": true, "spokespersonFor": true, "connects": true}

// synthValidity gives synthetic fact f, of a document published on
// published, its bounds, rewriting its sentence where a cue says them.
func synthValidity(f *Fact, published string, rv *rand.Rand) {
	day, err := time.Parse("2006-01-02", published)
	if err != nil {
		return
	}
	f.ValidFrom = DefaultValidity(published)
	ev := &f.Evidence
	cue := func(words string) (int, int) {
		s := strings.TrimSuffix(ev.Sentence, ", the report said.")
		start := ev.Start + len([]rune(s)) + 1
		ev.Sentence = s + " " + words + ", the report said."
		ev.End = ev.Start + len([]rune(ev.Sentence))
		return start, start + len([]rune(words))
	}
	n := rv.Intn(30)
	switch {
	case f.Predicate == "holdsRole" && n < 15:
		from := day.AddDate(-rv.Intn(6), -rv.Intn(12), 0)
		f.ValidFrom = &Bound{Date: from.Format("2006-01-02"), Source: SourceVocabulary,
			Cue: fmt.Sprintf("synthetic vocabulary: %s, %s", f.Subject, f.Object.Literal)}
		if rv.Intn(2) == 0 {
			until := day.AddDate(rv.Intn(4), rv.Intn(12), 0)
			f.ValidUntil = &Bound{Date: until.Format("2006-01-02"), Source: SourceVocabulary, Cue: f.ValidFrom.Cue}
		}
	case n == 0:
		f.ValidFrom = nil
		start, end := cue("(former)")
		f.ValidUntil = &Bound{Date: day.AddDate(0, 0, -1).Format("2006-01-02"), Source: SourceText, Cue: "former", Start: start, End: end}
	case synthEvents[f.Predicate] && n < 7:
		back := rv.Intn(7)
		d := day.AddDate(0, 0, -back)
		words := "on " + synthWeekdays[d.Weekday()]
		start, end := cue(words)
		f.ValidFrom = &Bound{Date: d.Format("2006-01-02"), Source: SourceText, Cue: words, Start: start, End: end}
	case synthStates[f.Predicate] && n < 4:
		year := fmt.Sprint(day.Year() - rv.Intn(20))
		words := "since " + year
		start, end := cue(words)
		f.ValidFrom = &Bound{Date: year, Source: SourceText, Cue: words, Start: start, End: end}
	}
}

// synthDocCards gathers the synthetic documents' validity cards while the
// facts stream: the facts dated otherwise than by their document's date,
// and a hash of the key of each that is.
type synthDocCards struct {
	seed     maphash.Seed
	dated    []map[string][]interval
	order    [][]string
	defaults []map[uint64]bool
}

func newSynthDocCards(docs int) *synthDocCards {
	return &synthDocCards{seed: maphash.MakeSeed(), dated: make([]map[string][]interval, docs),
		order: make([][]string, docs), defaults: make([]map[uint64]bool, docs)}
}

// add records fact f of document doc (whose bounds are set).
func (c *synthDocCards) add(doc int, f Fact) {
	k := factKey(f.Subject, f.Predicate, f.Object)
	if f.ValidUntil == nil && f.ValidFrom != nil && f.ValidFrom.Source == SourceDocumentDate {
		if c.defaults[doc] == nil {
			c.defaults[doc] = map[uint64]bool{}
		}
		c.defaults[doc][maphash.String(c.seed, k)] = true
		return
	}
	if c.dated[doc] == nil {
		c.dated[doc] = map[string][]interval{}
	}
	if _, ok := c.dated[doc][k]; !ok {
		c.order[doc] = append(c.order[doc], k)
	}
	iv, _ := statementInterval(f, "")
	c.dated[doc][k] = append(c.dated[doc][k], iv)
}

// card returns the validity card of d, the i-th document.
func (c *synthDocCards) card(i int, d Document) (quad.Quad, bool) {
	fields := []string{docCardVersion, d.Published}
	for _, k := range c.order[i] {
		ivs := c.dated[i][k]
		if c.defaults[i][maphash.String(c.seed, k)] {
			ivs = append(ivs, interval{d.Published, ""})
		}
		fields = append(fields, k, fmt.Sprint(len(ivs)))
		for _, iv := range ivs {
			fields = append(fields, iv[0], iv[1])
		}
	}
	return quad.Make(iri(d.IRI()), accCard, quad.String(strings.Join(fields, cardSep)), documentsGraph), true
}
