package queries

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"accord/graph"
)

// Gold is a set of facts an analyst expects the graph to hold (and some it
// must not), in the format of shared/eval/README.md.
type Gold struct {
	Facts     []GoldFact `json:"facts"`
	Forbidden []string   `json:"forbidden_entities"`
}

// GoldFact is one expected fact.
type GoldFact struct {
	Doc             Docs     `json:"doc"`
	Subject         []string `json:"subject"`
	Predicate       []string `json:"predicate"`
	Object          []string `json:"object"`
	SubjectContains bool     `json:"subject_contains"`
	ObjectContains  bool     `json:"object_contains"`
	Negative        bool     `json:"negative"`
	Note            string   `json:"note"`
}

// Docs is a document name or a list of them.
type Docs []string

// UnmarshalJSON accepts a string or a list of strings.
func (d *Docs) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*d = Docs{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("doc: want a file name or a list of them")
	}
	*d = many
	return nil
}

// ReadGold reads a gold file.
func ReadGold(path string) (*Gold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g Gold
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, f := range g.Facts {
		if len(f.Doc) == 0 || len(f.Subject) == 0 || len(f.Predicate) == 0 || len(f.Object) == 0 {
			return nil, fmt.Errorf("%s: fact %d: doc, subject, predicate and object are required", path, i+1)
		}
	}
	return &g, nil
}

// Report is the score of a graph against gold facts.
type Report struct {
	Documents int      `json:"documents"`
	Facts     int      `json:"facts"`
	Positives int      `json:"positives"`
	Found     int      `json:"found"`
	Recall    float64  `json:"recall"`
	Negatives int      `json:"negatives"`
	Violated  []string `json:"violated"`
	Missed    []string `json:"missed"`
	Forbidden []string `json:"forbidden_present"`
	// Checked is how many forbidden names the gold lists.
	Checked int `json:"forbidden_checked"`
	// Absent lists the gold's documents the store does not hold: their
	// facts count as missed, and a table of sets reports it as a failure.
	Absent []string   `json:"absent_documents"`
	Sample []Sample   `json:"sample"`
	PerDoc []DocScore `json:"per_document"`
}

// DocScore is the recall on one document.
type DocScore struct {
	Doc       string `json:"doc"`
	Found     int    `json:"found"`
	Positives int    `json:"positives"`
}

// Sample is an extracted fact printed for a reader to judge.
type Sample struct {
	Fact     string `json:"fact"`
	Modality string `json:"modality"`
	Sentence string `json:"sentence"`
}

// Evaluate scores the stored graph against gold the way the project's
// scorer (shared/eval/kgeval.py) does: a gold fact is found when a fact of
// its document has one of its predicates and a subject and object carrying
// one of its names (case-blind, ignoring periods, commas, apostrophes,
// hyphens and a leading "the"); met and connects match either way round.
// It also draws sample facts at random for a reader to judge precision.
func Evaluate(ctx context.Context, st *graph.Store, gold *Gold, sample int) (*Report, error) {
	docs, err := st.Documents(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string][]string{} // entity id -> normalized names
	var all []string
	err = st.EachEntity(ctx, func(e graph.Entity) error {
		ns := []string{normName(e.Name)}
		for _, a := range e.Aliases {
			ns = append(ns, normName(a))
		}
		names[e.ID] = ns
		all = append(all, ns...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	byDoc := map[string][]graph.Fact{}
	var facts []graph.Fact
	for _, d := range docs {
		fs, err := st.Facts(ctx, graph.FactFilter{Doc: d.ID})
		if err != nil {
			return nil, err
		}
		byDoc[d.ID] = fs
		facts = append(facts, fs...)
	}
	rep := &Report{Documents: len(docs), Facts: len(facts), Checked: len(gold.Forbidden)}
	absent := map[string]bool{}
	for _, g := range gold.Facts {
		held := false
		for _, d := range g.Doc {
			if _, ok := byDoc[d]; ok {
				held = true
			}
		}
		if !held && !absent[g.Doc[0]] {
			absent[g.Doc[0]] = true
			rep.Absent = append(rep.Absent, g.Doc[0])
		}
	}
	sort.Strings(rep.Absent)
	namesOf := func(o graph.Object) []string {
		if o.Entity != "" {
			return names[o.Entity]
		}
		return []string{normName(o.Literal)}
	}
	match := func(ns, aliases []string, contains bool) bool {
		for _, a := range aliases {
			a = normName(a)
			for _, n := range ns {
				if n == a || contains && wordIn(n, a) {
					return true
				}
			}
		}
		return false
	}
	found := func(g GoldFact) bool {
		sym := containsAny(g.Predicate, "met", "connects")
		for _, d := range g.Doc {
			for _, f := range byDoc[d] {
				if !containsAny(g.Predicate, f.Predicate) {
					continue
				}
				s, o := names[f.Subject], namesOf(f.Object)
				if match(s, g.Subject, g.SubjectContains) && match(o, g.Object, g.ObjectContains) ||
					sym && match(o, g.Subject, g.SubjectContains) && match(s, g.Object, g.ObjectContains) {
					return true
				}
			}
		}
		return false
	}
	per := map[string]*DocScore{}
	for _, g := range gold.Facts {
		label := fmt.Sprintf("%s %s -%s-> %s", short(g.Doc[0]), g.Subject[0], strings.Join(g.Predicate, "/"), g.Object[0])
		ok := found(g)
		if g.Negative {
			rep.Negatives++
			if ok {
				rep.Violated = append(rep.Violated, label)
			}
			continue
		}
		rep.Positives++
		ds := per[g.Doc[0]]
		if ds == nil {
			ds = &DocScore{Doc: g.Doc[0]}
			per[g.Doc[0]] = ds
		}
		ds.Positives++
		if ok {
			rep.Found++
			ds.Found++
		} else {
			rep.Missed = append(rep.Missed, label)
		}
	}
	for _, ds := range per {
		rep.PerDoc = append(rep.PerDoc, *ds)
	}
	sort.Slice(rep.PerDoc, func(i, j int) bool { return rep.PerDoc[i].Doc < rep.PerDoc[j].Doc })
	if rep.Positives > 0 {
		rep.Recall = float64(rep.Found) / float64(rep.Positives)
	}
	for _, w := range gold.Forbidden {
		nw := normName(w)
		for _, n := range all {
			if wordIn(n, nw) {
				rep.Forbidden = append(rep.Forbidden, w)
				break
			}
		}
	}
	// A fixed seed: the same graph gives the same sample to read.
	rng := rand.New(rand.NewSource(42))
	display := func(id string) string {
		if ns := names[id]; len(ns) > 0 {
			return ns[0]
		}
		return id
	}
	for _, i := range rng.Perm(len(facts))[:min(sample, len(facts))] {
		f := facts[i]
		obj := f.Object.Literal
		if f.Object.Entity != "" {
			obj = display(f.Object.Entity)
		}
		rep.Sample = append(rep.Sample, Sample{
			Fact:     fmt.Sprintf("%s %s -%s-> %s", short(f.Doc), display(f.Subject), f.Predicate, obj),
			Modality: string(f.Evidence.Modality),
			Sentence: f.Evidence.Sentence,
		})
	}
	return rep, nil
}

// Print writes the report for a reader.
func (r *Report) Print(w io.Writer) {
	for _, m := range r.Missed {
		fmt.Fprintf(w, "missed:   %s\n", m)
	}
	for _, v := range r.Violated {
		fmt.Fprintf(w, "violated: %s\n", v)
	}
	if len(r.Sample) > 0 {
		fmt.Fprintln(w, "sample of extracted facts:")
		for _, s := range r.Sample {
			fmt.Fprintf(w, "  %s [%s]\n      %q\n", s.Fact, s.Modality, s.Sentence)
		}
	}
	for _, d := range r.PerDoc {
		fmt.Fprintf(w, "  %-60s %2d/%2d\n", d.Doc, d.Found, d.Positives)
	}
	for _, d := range r.Absent {
		fmt.Fprintf(w, "absent:   %s (a gold document the store does not hold)\n", d)
	}
	fmt.Fprintf(w, "documents=%d facts=%d forbidden=%v\n", r.Documents, r.Facts, r.Forbidden)
	fmt.Fprintf(w, "recall %d/%d = %.3f; negatives violated %d/%d\n", r.Found, r.Positives, r.Recall, len(r.Violated), r.Negatives)
}

// Scored is one gold set's report under the set's name, a row of a table.
type Scored struct {
	Set string `json:"set"`
	*Report
	// Corrected is the set's score with the analysts' corrections applied,
	// when any are in force (Corrections of them); Report is then the
	// extractor's own output.
	Corrected   *Report `json:"corrected,omitempty"`
	Corrections int     `json:"corrections,omitempty"`
}

// PrintTable writes one Markdown table with a row per scored set (documents
// in its store, gold facts, found, recall, negatives hit, forbidden entities
// present), then names, set by set, each negative hit, forbidden entity
// present and gold document absent from the store.
func PrintTable(w io.Writer, sets []Scored) {
	rows := [][]string{{"set", "documents", "gold facts", "found", "recall", "negatives hit", "forbidden entities present"}}
	row := func(name string, r *Report) {
		rows = append(rows, []string{
			name,
			fmt.Sprint(r.Documents),
			fmt.Sprint(r.Positives),
			fmt.Sprint(r.Found),
			fmt.Sprintf("%.2f", r.Recall),
			fmt.Sprintf("%d of %d", len(r.Violated), r.Negatives),
			fmt.Sprintf("%d of %d", len(r.Forbidden), r.Checked),
		})
	}
	for _, s := range sets {
		row(s.Set, s.Report)
		if s.Corrected != nil {
			row(fmt.Sprintf("%s, %d corrections applied", s.Set, s.Corrections), s.Corrected)
		}
	}
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(cells []string) {
		for i, c := range cells {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == 0 {
				fmt.Fprintf(w, "| %s%s |", c, pad) // names left, numbers right
			} else {
				fmt.Fprintf(w, " %s%s |", pad, c)
			}
		}
		fmt.Fprintln(w)
	}
	line(rows[0])
	rule := make([]string, len(width))
	for i, n := range width {
		rule[i] = strings.Repeat("-", n-1) + ":"
		if i == 0 {
			rule[i] = strings.Repeat("-", n)
		}
	}
	line(rule)
	for _, r := range rows[1:] {
		line(r)
	}
	for _, s := range sets {
		for _, v := range s.Violated {
			fmt.Fprintf(w, "%s: negative hit: %s\n", s.Set, v)
		}
		for _, f := range s.Forbidden {
			fmt.Fprintf(w, "%s: forbidden entity present: %s\n", s.Set, f)
		}
		for _, d := range s.Absent {
			fmt.Fprintf(w, "%s: gold document absent from the store: %s\n", s.Set, d)
		}
	}
}

func short(doc string) string {
	if len(doc) > 3 {
		return doc[:3]
	}
	return doc
}

var spaces = regexp.MustCompile(`\s+`)

// normName folds a name the way the project's scorer does.
func normName(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"").Replace(s)
	s = strings.NewReplacer(".", "", ",", "", "'", "", "-", " ").Replace(s)
	s = strings.TrimSpace(spaces.ReplaceAllString(s, " "))
	return strings.TrimPrefix(s, "the ")
}

// wordIn reports whether needle occurs in hay as whole words.
func wordIn(hay, needle string) bool {
	if needle == "" {
		return false
	}
	for i := 0; ; {
		k := strings.Index(hay[i:], needle)
		if k < 0 {
			return false
		}
		at := i + k
		end := at + len(needle)
		if (at == 0 || hay[at-1] == ' ') && (end == len(hay) || hay[end] == ' ') {
			return true
		}
		i = at + 1
	}
}

func containsAny(list []string, xs ...string) bool {
	for _, l := range list {
		for _, x := range xs {
			if l == x {
				return true
			}
		}
	}
	return false
}

// Scores are a graph's scores against gold facts: the extractor's own
// output, with the analysts' corrections taken back, and separately the
// graph as corrected. Corrections counts the corrections in force; with
// none, both reports are the same.
type Scores struct {
	Extractor   *Report `json:"extractor"`
	Corrected   *Report `json:"corrected"`
	Corrections int     `json:"corrections"`
}

// EvaluateBoth scores the extractor's own output (graph.Store.Uncorrected)
// and the corrected graph against gold, as Evaluate does each; the sample
// of facts to read is drawn from the extractor's output.
func EvaluateBoth(ctx context.Context, st *graph.Store, gold *Gold, sample int) (*Scores, error) {
	all, err := st.Corrections(ctx)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, c := range all {
		if c.Active() {
			n++
		}
	}
	corrected, err := Evaluate(ctx, st, gold, sample)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return &Scores{Extractor: corrected, Corrected: corrected}, nil
	}
	raw, err := st.Uncorrected(ctx)
	if err != nil {
		return nil, err
	}
	defer raw.Close()
	own, err := Evaluate(ctx, raw, gold, sample)
	if err != nil {
		return nil, err
	}
	corrected.Sample = nil
	return &Scores{Extractor: own, Corrected: corrected, Corrections: n}, nil
}

// Print writes the extractor's report, then the corrected graph's score.
func (s *Scores) Print(w io.Writer) {
	fmt.Fprintln(w, "the extractor's own output (corrections off):")
	s.Extractor.Print(w)
	c := s.Corrected
	if s.Corrections == 0 {
		fmt.Fprintln(w, "with corrections applied: no corrections in force (the same score)")
		return
	}
	fmt.Fprintf(w, "with the %d corrections in force applied:\n", s.Corrections)
	fmt.Fprintf(w, "documents=%d facts=%d forbidden=%v\n", c.Documents, c.Facts, c.Forbidden)
	fmt.Fprintf(w, "recall %d/%d = %.3f; negatives violated %d/%d\n", c.Found, c.Positives, c.Recall, len(c.Violated), c.Negatives)
}
