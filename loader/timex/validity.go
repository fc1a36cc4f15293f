package timex

import (
	"fmt"
	"hash/maphash"
	"io/fs"
	"strings"
	"sync/atomic"
	"time"

	"accord/graph"

	"gopkg.in/yaml.v3"
)

// Rules say when a fact held, from its sentence, its predicate, its
// document's date and the vocabulary: data/time.yaml (the words) and the
// dated roles of data/actors.yaml and data/countries.yaml. Bounds is the
// one entry point; the loader calls it once per fact.
type Rules struct {
	Vocabulary `yaml:",inline"`
	Roles      struct {
		Predicates []string   `yaml:"predicates"`
		Ended      []string   `yaml:"ended"`
		Began      []string   `yaml:"began"`
		Synonyms   [][]string `yaml:"synonyms"`
	} `yaml:"roles"`
	Agreements struct {
		Predicates []string `yaml:"predicates"`
		Dating     []string `yaml:"dating"`
		Began      []string `yaml:"began"`
		Ended      []string `yaml:"ended"`
	} `yaml:"agreements"`
	Events []string `yaml:"events"`
	States []string `yaml:"states"`

	roles, agreements, dating, events, states map[string]bool
	roleEnded, roleBegan, agrBegan, agrEnded  [][]string // cue words, tokenized lower case
	synonym                                   map[string]string
	dated                                     map[string][]DatedRole // by person

	// read keeps the words and expressions of sentences Bounds has read,
	// one sentence per slot: the loader asks for the bounds of each of a
	// sentence's facts in turn.
	read [16]atomic.Pointer[readSentence]
}

// readSentence is a sentence's words and temporal expressions.
type readSentence struct {
	text  string
	toks  []token
	exprs []Expr
}

var readSeed = maphash.MakeSeed()

// readOf returns the words and expressions of sentence s, read once for
// all the calls that ask about the same sentence. What it returns is never
// changed, so concurrent calls may share it.
func (r *Rules) readOf(s string) *readSentence {
	slot := &r.read[maphash.String(readSeed, s)%uint64(len(r.read))]
	if rs := slot.Load(); rs != nil && rs.text == s {
		return rs
	}
	toks := tokenize(s)
	rs := &readSentence{text: s, toks: toks, exprs: r.find(s, toks)}
	slot.Store(rs)
	return rs
}

// DatedRole is a role of actors.yaml: Person held Title (of the actor Of)
// from From until the day before To (ISO dates, either possibly empty).
type DatedRole struct {
	Person, Title, Of, From, To string
}

// Load reads the rules from the vocabulary folder fsys: time.yaml, and the
// roles of countries.yaml and actors.yaml. Errors name the file.
func Load(fsys fs.FS) (*Rules, error) {
	b, err := fs.ReadFile(fsys, "time.yaml")
	if err != nil {
		return nil, fmt.Errorf("timex: %w", err)
	}
	var roles []DatedRole
	for _, name := range []string{"countries.yaml", "actors.yaml"} {
		a, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("timex: %w", err)
		}
		var list []struct {
			ID    string `yaml:"id"`
			Roles []struct {
				Title string `yaml:"title"`
				Of    string `yaml:"of"`
				From  string `yaml:"from"`
				To    string `yaml:"to"`
			} `yaml:"roles"`
		}
		if err := yaml.Unmarshal(a, &list); err != nil {
			return nil, fmt.Errorf("timex: %s: %w", name, err)
		}
		for _, e := range list {
			for i, r := range e.Roles {
				for _, d := range []string{r.From, r.To} {
					if _, err := time.Parse("2006-01-02", d); d != "" && err != nil {
						return nil, fmt.Errorf("timex: %s: %s: role %d (%s): %q is not a date (YYYY-MM-DD)", name, e.ID, i+1, r.Title, d)
					}
				}
				roles = append(roles, DatedRole{Person: e.ID, Title: r.Title, Of: r.Of, From: r.From, To: r.To})
			}
		}
	}
	r, err := Parse(b, roles)
	if err != nil {
		return nil, fmt.Errorf("timex: time.yaml: %w", err)
	}
	return r, nil
}

// Parse reads the rules from the text of time.yaml and the dated roles.
func Parse(timeYAML []byte, roles []DatedRole) (*Rules, error) {
	r := &Rules{}
	if err := yaml.Unmarshal(timeYAML, r); err != nil {
		return nil, err
	}
	if err := r.Vocabulary.Compile(); err != nil {
		return nil, err
	}
	set := func(ws []string) map[string]bool {
		m := map[string]bool{}
		for _, w := range ws {
			m[w] = true
		}
		return m
	}
	r.roles, r.agreements, r.dating = set(r.Roles.Predicates), set(r.Agreements.Predicates), set(r.Agreements.Dating)
	r.events, r.states = set(r.Events), set(r.States)
	cues := func(field string, ws []string) ([][]string, error) {
		var out [][]string
		for _, w := range ws {
			ts := words(w)
			if len(ts) == 0 {
				return nil, fmt.Errorf("%s: an empty cue", field)
			}
			out = append(out, ts)
		}
		return out, nil
	}
	var err error
	for _, c := range []struct {
		field string
		ws    []string
		to    *[][]string
	}{
		{"roles.ended", r.Roles.Ended, &r.roleEnded}, {"roles.began", r.Roles.Began, &r.roleBegan},
		{"agreements.began", r.Agreements.Began, &r.agrBegan}, {"agreements.ended", r.Agreements.Ended, &r.agrEnded},
	} {
		if *c.to, err = cues(c.field, c.ws); err != nil {
			return nil, err
		}
	}
	r.synonym = map[string]string{}
	for i, group := range r.Roles.Synonyms {
		if len(group) < 2 {
			return nil, fmt.Errorf("roles.synonyms %d: a group needs two titles or more", i+1)
		}
		for _, t := range group {
			r.synonym[titleKey(t)] = titleKey(group[0])
		}
	}
	r.dated = map[string][]DatedRole{}
	for _, d := range roles {
		r.dated[d.Person] = append(r.dated[d.Person], d)
	}
	return r, nil
}

// words tokenizes a cue, lower case: "then-" is [then -].
func words(s string) []string {
	var out []string
	for _, t := range tokenize(s) {
		out = append(out, t.lower)
	}
	return out
}

// titleKey folds a title for comparison: case, hyphens and spacing aside,
// through the synonyms when it has one.
func titleKey(t string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(t, "-", " "))), " ")
}

func (r *Rules) sameTitle(a, b string) bool {
	ka, kb := titleKey(a), titleKey(b)
	if s, ok := r.synonym[ka]; ok {
		ka = s
	}
	if s, ok := r.synonym[kb]; ok {
		kb = s
	}
	return ka == kb
}

// Fact is what Bounds needs to know of a fact.
type Fact struct {
	Sentence    string     // the evidence sentence, as the document writes it
	Predicate   string     // its predicate's local name ("holdsRole")
	Subject     string     // the subject's entity id
	SubjectKind graph.Kind // Person, Agreement, ...
	Object      string     // the object's entity id; "" for a literal
	ObjectKind  graph.Kind
	Literal     string // a literal object (a role's title, a date)
	// Expected says the sentence is about what will happen (modality
	// expected): a weekday or a month named alone is then the coming one.
	Expected bool
	// Anchor is the byte offset in Sentence of the fact's verb or title,
	// or -1 when unknown: the expression nearest it dates an event.
	Anchor int
	// Span maps byte offsets of Sentence to the document's character
	// offsets, for the evidence of each bound; nil leaves them as they are.
	Span func(start, end int) (int, int)
}

// Bounds returns when the fact held: validFrom and validUntil with the
// evidence of each (the cue's words and offsets, or the vocabulary entry).
// A fact with no cue holds from docDate (YYYY-MM-DD), marked as such
// (Source document-date); neither bound when docDate is unknown either.
// The rules apply in the order time.yaml gives.
func (r *Rules) Bounds(f Fact, docDate string) (from, until *graph.Bound) {
	doc, _ := ParseDay(docDate)
	rs := r.readOf(f.Sentence)
	c := &cueing{r: r, f: f, toks: rs.toks, doc: doc, exprs: rs.exprs}
	switch {
	case r.dating[f.Predicate]:
		from = c.dated()
	case r.roles[f.Predicate]:
		from, until = c.role()
	case r.agreements[f.Predicate] && (f.SubjectKind == graph.Agreement || f.ObjectKind == graph.Agreement) ||
		f.SubjectKind == graph.Agreement:
		from, until = c.agreement()
	}
	if from == nil && until == nil && r.events[f.Predicate] {
		from = c.event()
	}
	if from == nil && until == nil && r.states[f.Predicate] {
		from, until = c.state()
	}
	if from == nil && until == nil {
		return graph.DefaultValidity(docDate), nil
	}
	return from, until
}

// cueing is one call of Bounds.
type cueing struct {
	r     *Rules
	f     Fact
	toks  []token
	exprs []Expr
	doc   time.Time
}

func (c *cueing) tense() Tense {
	if c.f.Expected {
		return Future
	}
	return Past
}

// bound makes a bound from the text between byte offsets start and end.
func (c *cueing) bound(d Date, start, end int) *graph.Bound {
	if d.IsZero() {
		return nil
	}
	b := &graph.Bound{Date: d.String(), Source: graph.SourceText, Cue: strings.Join(strings.Fields(c.f.Sentence[start:end]), " "), Start: start, End: end}
	if c.f.Span != nil {
		b.Start, b.End = c.f.Span(start, end)
	}
	return b
}

// dated: the literal object of a dating predicate is the date ("dated
// 2002"), found in the sentence for its evidence.
func (c *cueing) dated() *graph.Bound {
	for _, e := range c.exprs {
		iv, ok := e.Resolve(c.doc, c.tense())
		if ok && !iv.From.IsZero() && strings.Contains(e.Text, c.f.Literal) {
			// The words before the date that say what it is ("signed in").
			start := e.Start
			if i, ok := c.cueBefore(c.r.agrBegan, e.Start); ok {
				start = i
			}
			return c.bound(iv.From, start, e.End)
		}
	}
	return nil
}

// role bounds a role: a dated role of the vocabulary that matches it, a
// cue before its title in the text ("former", "then-", "became ... in
// 2021"), or "since"/"until" in the sentence.
func (c *cueing) role() (from, until *graph.Bound) {
	titles := c.titles()
	endedAt, endedEnd, ended := -1, -1, false
	var began *graph.Bound
	for _, t := range titles {
		for _, at := range c.find(words(t)) {
			if s, e, ok := c.cueRightBefore(c.r.roleEnded, at); ok {
				endedAt, endedEnd, ended = s, e, true
			}
			if b := c.beganBefore(at); b != nil && began == nil {
				began = b
			}
		}
	}
	day := c.doc.Format("2006-01-02")
	if role, ok := c.vocabRole(); ok {
		if c.doc.IsZero() {
			return c.vocab(role) // the person's only role of the kind
		}
		active := (role.From == "" || role.From <= day) && (role.To == "" || day < role.To)
		if active && !ended || !active && ended && role.To != "" && role.To <= day {
			return c.vocab(role)
		}
	}
	if ended && !c.doc.IsZero() {
		until = c.bound(dayOf(c.doc.AddDate(0, 0, -1)), endedAt, endedEnd)
	}
	if began != nil {
		from = began
	}
	if from == nil && until == nil {
		return c.state()
	}
	return from, until
}

// titles are the titles a role fact is about: its literal, or the
// person's dated roles of its object.
func (c *cueing) titles() []string {
	if c.f.Literal != "" {
		return []string{c.f.Literal}
	}
	var out []string
	for _, d := range c.r.dated[c.f.Subject] {
		if d.Of == c.f.Object {
			out = append(out, d.Title)
		}
	}
	return out
}

// vocabRole picks the person's dated role that the fact states: same
// title (for holdsRole), or of the fact's object (leaderOf,
// spokespersonFor); of several, the one in force on the document's date,
// else the latest before it. In an undated document, only a person's one
// role of the kind dates the fact.
func (c *cueing) vocabRole() (DatedRole, bool) {
	var best DatedRole
	found, n := false, 0
	for _, d := range c.r.dated[c.f.Subject] {
		if c.f.Literal != "" && !c.r.sameTitle(d.Title, c.f.Literal) {
			continue
		}
		if c.f.Literal == "" && (c.f.Object == "" || d.Of != c.f.Object) {
			continue
		}
		n++
		if !c.doc.IsZero() && d.From != "" && d.From > c.doc.Format("2006-01-02") {
			continue // not begun yet when the document was written
		}
		if !found || d.From > best.From {
			best, found = d, true
		}
	}
	if c.doc.IsZero() && n != 1 {
		return DatedRole{}, false
	}
	return best, found
}

// vocab makes the bounds of a dated role.
func (c *cueing) vocab(d DatedRole) (from, until *graph.Bound) {
	cue := fmt.Sprintf("actors.yaml: %s, %s", d.Person, d.Title)
	if d.Of != "" {
		cue += " of " + d.Of
	}
	cue += fmt.Sprintf(", %s to %s", d.From, d.To)
	if d.From != "" {
		from = &graph.Bound{Date: d.From, Source: graph.SourceVocabulary, Cue: cue}
	}
	if d.To != "" {
		t, _ := time.Parse("2006-01-02", d.To)
		until = &graph.Bound{Date: t.AddDate(0, 0, -1).Format("2006-01-02"), Source: graph.SourceVocabulary, Cue: cue}
	}
	return from, until
}

// beganBefore finds "became ... in 2021" before the title at token at: a
// began cue at most four words before it, and a temporal expression in
// the sentence after the cue.
func (c *cueing) beganBefore(at int) *graph.Bound {
	for i := at - 1; i >= 0 && i >= at-4; i-- {
		for _, cue := range c.r.roleBegan {
			j, ok := matchWords(c.toks, i, cue)
			if !ok || j > at {
				continue
			}
			for _, e := range c.exprs {
				if e.Start < c.toks[i].start || e.Kind == Until {
					continue
				}
				iv, ok := e.Resolve(c.doc, c.tense())
				if ok && !iv.From.IsZero() {
					return c.bound(iv.From, c.toks[i].start, e.End)
				}
			}
		}
	}
	return nil
}

// agreement bounds a fact about an agreement: a began cue followed by a
// temporal expression ("signed in 2002", "in force since 2004", "an
// Additional Protocol announced today"), or an ended one ("expired in
// 2020").
func (c *cueing) agreement() (from, until *graph.Bound) {
	for _, e := range c.exprs {
		iv, ok := e.Resolve(c.doc, c.tense())
		if !ok {
			continue
		}
		if s, ok := c.cueBefore(c.r.agrEnded, e.Start); ok && until == nil {
			d := iv.Until
			if d.IsZero() {
				d = iv.From
			}
			until = c.bound(d, s, e.End)
			continue
		}
		if s, ok := c.cueBefore(c.r.agrBegan, e.Start); ok && from == nil && !iv.From.IsZero() {
			from = c.bound(iv.From, s, e.End)
			if e.Kind == Range && until == nil {
				until = c.bound(iv.Until, s, e.End)
			}
		}
	}
	return from, until
}

// event dates an event: the point expression nearest the anchor (any when
// there is none), bare dates and weekdays only when nothing else dates it.
func (c *cueing) event() *graph.Bound {
	best, bestDist := -1, 0
	for pass := 0; pass < 2 && best < 0; pass++ {
		for i, e := range c.exprs {
			if e.Kind != Point || e.Bare != (pass == 1) {
				continue
			}
			if e.Bare && e.from.kind == refAbsolute && e.from.day == 0 {
				continue // "a 2004 treaty": a year or a month alone modifies a noun
			}
			if _, ok := e.Resolve(c.doc, c.tense()); !ok {
				continue
			}
			dist := 0
			if c.f.Anchor >= 0 {
				dist = min(abs(e.Start-c.f.Anchor), abs(e.End-c.f.Anchor))
			}
			if best < 0 || dist < bestDist {
				best, bestDist = i, dist
			}
		}
	}
	if best < 0 {
		return nil
	}
	e := c.exprs[best]
	iv, _ := e.Resolve(c.doc, c.tense())
	return c.bound(iv.From, e.Start, e.End)
}

// state bounds a state by "since", "until" and ranges only.
func (c *cueing) state() (from, until *graph.Bound) {
	for _, e := range c.exprs {
		if e.Kind == Point {
			continue
		}
		iv, ok := e.Resolve(c.doc, c.tense())
		if !ok {
			continue
		}
		if from == nil {
			from = c.bound(iv.From, e.Start, e.End)
		}
		if until == nil {
			until = c.bound(iv.Until, e.Start, e.End)
		}
		if from != nil || until != nil {
			break
		}
	}
	return from, until
}

// find returns the token indices where ws (lower case) start.
func (c *cueing) find(ws []string) []int {
	var out []int
	for i := range c.toks {
		if _, ok := matchWords(c.toks, i, ws); ok {
			out = append(out, i)
		}
	}
	return out
}

// cueRightBefore finds one of cues ending at token at, or one word
// before it ("former Canadian Prime Minister"), and returns its span.
func (c *cueing) cueRightBefore(cues [][]string, at int) (int, int, bool) {
	for _, cue := range cues {
		for gap := 0; gap <= 1; gap++ {
			i := at - gap - len(cue)
			if i < 0 {
				continue
			}
			if j, ok := matchWords(c.toks, i, cue); ok && j == at-gap {
				if cue[len(cue)-1] != "-" && j < len(c.toks) && c.toks[j].text == "-" {
					continue // "then-" wants its hyphen, "then" none
				}
				return c.toks[i].start, c.toks[j-1].end, true
			}
		}
	}
	return 0, 0, false
}

// cueBefore finds one of cues ending at most three words before byte
// offset at (the start of an expression), with no clause break between,
// and returns its start.
func (c *cueing) cueBefore(cues [][]string, at int) (int, bool) {
	k := 0 // the expression's first token
	for k < len(c.toks) && c.toks[k].start < at {
		k++
	}
	for gap := 0; gap <= 3; gap++ {
		for _, cue := range cues {
			i := k - gap - len(cue)
			if i < 0 {
				continue
			}
			j, ok := matchWords(c.toks, i, cue)
			if !ok || j != k-gap {
				continue
			}
			broken := false
			for _, t := range c.toks[j:k] {
				if t.kind == 'p' && t.text != "-" {
					broken = true
				}
			}
			if !broken {
				return c.toks[i].start, true
			}
		}
	}
	return 0, false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
