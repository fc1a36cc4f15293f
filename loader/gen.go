package loader

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Generate writes n synthetic news articles into dir, for load tests only:
// each is built from templates over a large random set of officials,
// countries, agreements and issues, so that extraction has realistic work
// (titles, coordination, purpose clauses, reported speech, pronouns). The
// same seed writes the same corpus.
func (lx *Lexicon) Generate(dir string, n int, seed int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	g := newGenerator(lx, seed)
	for i := 0; i < n; i++ {
		name := filepath.Join(dir, fmt.Sprintf("gen_%07d.txt", i))
		if err := os.WriteFile(name, []byte(g.article(i)), 0o644); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
	}
	return nil
}

// generator draws the actors and phrases of synthetic articles.
type generator struct {
	rng        *rand.Rand
	countries  []string
	issues     []string
	people     []genPerson
	agreements []string
}

type genPerson struct{ name, title, country, he string }

var genTitles = []string{"Prime Minister", "President", "Foreign Minister", "Defence Minister", "Trade Minister", "Finance Minister", "Secretary of State", "Chancellor"}

var genSyllables = []string{"ka", "lo", "mer", "vin", "da", "sto", "rel", "an", "bri", "tov", "sen", "mar", "il", "gor", "ash", "wen", "ber", "tal"}

func newGenerator(lx *Lexicon, seed int64) *generator {
	g := &generator{rng: rand.New(rand.NewSource(seed))}
	for _, a := range lx.actorList {
		switch {
		case a.Kind == "Country" && !strings.Contains(a.Name, " of ") && len(a.Name) < 16:
			g.countries = append(g.countries, a.Name)
		case a.Kind == "Issue":
			g.issues = append(g.issues, a.Name)
		}
	}
	var given []string
	for n := range lx.givenNames {
		given = append(given, n)
	}
	sort.Strings(given) // map order is random; the same seed must draw the same names
	// A large actor set: 20,000 officials with invented family names.
	for i := 0; i < 20000; i++ {
		family := ""
		for k := 0; k < 2+g.rng.Intn(2); k++ {
			family += genSyllables[g.rng.Intn(len(genSyllables))]
		}
		he := "he"
		if g.rng.Intn(2) == 0 {
			he = "she"
		}
		g.people = append(g.people, genPerson{
			name:    given[g.rng.Intn(len(given))] + " " + strings.ToUpper(family[:1]) + family[1:],
			title:   genTitles[g.rng.Intn(len(genTitles))],
			country: g.countries[g.rng.Intn(len(g.countries))],
			he:      he,
		})
	}
	for i := 0; i < 2000; i++ {
		a, b := g.countries[g.rng.Intn(len(g.countries))], g.countries[g.rng.Intn(len(g.countries))]
		kind := []string{"Accord", "Agreement", "Partnership", "Declaration", "Framework"}[g.rng.Intn(5)]
		g.agreements = append(g.agreements, fmt.Sprintf("%s-%s %s %s", a, b, capitalize(g.issues[g.rng.Intn(len(g.issues))]), kind))
	}
	return g
}

func (g *generator) pick(xs []string) string { return xs[g.rng.Intn(len(xs))] }

// article writes one article of about 350 words.
func (g *generator) article(i int) string {
	p := g.people[g.rng.Intn(len(g.people))]
	q := g.people[g.rng.Intn(len(g.people))]
	ag := g.pick(g.agreements)
	iss1, iss2, iss3 := g.pick(g.issues), g.pick(g.issues), g.pick(g.issues)
	amount := fmt.Sprintf("$%d.%d billion", 1+g.rng.Intn(9), g.rng.Intn(10))
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s and %s discuss %s\ndate: 2023-%02d-%02d\nsource_url: https://example.org/generated/%d\n---\n\n",
		lastName(p.name), lastName(q.name), iss1, 1+g.rng.Intn(12), 1+g.rng.Intn(28), i)
	fmt.Fprintf(&b, "%s %s of %s met %s %s of %s on Tuesday to discuss %s, %s and %s. ",
		p.title, p.name, p.country, q.title, q.name, q.country, iss1, iss2, iss3)
	fmt.Fprintf(&b, "The two leaders agreed to strengthen cooperation on %s and to work together on %s.\n\n", iss2, iss3)
	fmt.Fprintf(&b, "According to officials, %s pledged %s over five years to support the %s. ", p.country, amount, ag)
	fmt.Fprintf(&b, "%s has been urging %s to sign the agreement, which covers %s and %s. ", lastName(p.name), q.country, iss1, iss2)
	fmt.Fprintf(&b, "%s said that %s supports the %s, but %s did not say when the text would be signed.\n\n",
		capitalize(p.he), p.country, ag, q.he)
	fmt.Fprintf(&b, "%s is expected to visit %s next month, where %s will meet %s. ", lastName(q.name), p.country, q.he, lastName(p.name))
	fmt.Fprintf(&b, "Should talks fail, %s would seek other partners. ", q.country)
	fmt.Fprintf(&b, "The leaders also discussed %s and the situation in %s, and thanked each other for their work on %s.\n\n",
		g.pick(g.issues), g.pick(g.countries), g.pick(g.issues))
	fmt.Fprintf(&b, "\"We are committed to %s,\" %s told reporters after the meeting. ", iss1, lastName(p.name))
	fmt.Fprintf(&b, "Both countries announced a joint task force on %s and committed to report on its progress by the end of the year. ", iss3)
	fmt.Fprintf(&b, "Critics in %s criticized the %s, while %s officials welcomed it.\n", q.country, ag, p.country)
	return b.String()
}

func lastName(name string) string {
	f := strings.Fields(name)
	return f[len(f)-1]
}
