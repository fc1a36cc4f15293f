package loader

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"accord/graph"
	"accord/loader/parse"
	"accord/loader/timex"
)

// Trace records what each extraction stage did with one document, for
// analysts growing the dictionaries.
type Trace struct {
	Dropped   []Drop   `json:"dropped"`
	Sentences []string `json:"sentences"`
	Mentions  []string `json:"mentions"`
	Tags      []string `json:"tags"`   // each sentence's tokens with their part-of-speech tags
	Parses    []string `json:"parses"` // the dependency parse of the sentences that were parsed
	Chunks    []string `json:"chunks"`
	Relations []string `json:"relations"`
}

// Extract reads the facts of one document. With a non-nil trace, it also
// records what each stage did.
func (lx *Lexicon) Extract(src *Source, tr *Trace) graph.DocumentGraph {
	st := &docState{lx: lx, src: src, text: strings.ReplaceAll(src.Text, "\n", " "), ents: map[string]*entity{}, newNames: map[string]*entity{},
		lastPerson: map[string]*entity{}, personSeq: map[string]int{}, tr: tr, seen: map[string]bool{}, consumed: map[*item]bool{}, same: map[string]string{}}
	kept, drops, date := lx.Clean(src.Text)
	if src.Doc.Published == "" {
		src.Doc.Published = date
	}
	paras := Paragraphs(src.Text, kept)
	if src.Doc.Title != "" {
		// A headline from the metadata is no sentence of the document, but
		// the people and titles it names are the document's: "Readout of
		// the meeting between President X and Chairperson Y".
		st.headline(paras)
	}
	if src.Doc.Title == "" && len(paras) > 0 {
		// A plain-text article opens with its headline.
		if first := src.Text[paras[0].start:paras[0].end]; !strings.Contains(first, "\n") && !endsSentence(first) && len(first) < 200 {
			src.Doc.Title = first
		}
	}
	sents := lx.Sentences(src.Text, paras)
	if tr != nil {
		tr.Dropped = drops
	}
	for _, s := range sents {
		if r := lx.sentenceRule(s.Text); r != nil {
			if tr != nil {
				tr.Dropped = append(tr.Dropped, Drop{Rule: r.ID, Text: s.Text, Start: s.Start, End: s.End})
			}
			continue
		}
		if tr != nil {
			tr.Sentences = append(tr.Sentences, s.Text)
		}
		toks := lx.Tag(s)
		st.deps = nil
		st.coordinatedVerbs(s, toks)
		st.rootVerb(s, toks)
		st.headlineTags(toks)
		ms := st.findMentions(s, toks)
		for _, m := range ms {
			for _, e := range m.ents {
				if m.form < formPronoun {
					e.count++
				}
			}
			if tr != nil {
				names := make([]string, len(m.ents))
				for i, e := range m.ents {
					names[i] = e.id
				}
				tr.Mentions = append(tr.Mentions, m.text(src)+" -> "+strings.Join(names, ",")+" ("+m.how+")")
			}
		}
		st.cur = &s
		st.tags = st.tags[:0]
		for _, t := range toks {
			st.tags = append(st.tags, t.Tag)
		}
		items := chunkManners(toks, ms, st.lx.manners)
		if tr != nil {
			tr.Chunks = append(tr.Chunks, chunkString(src, toks, items))
			var tb strings.Builder
			for i, t := range toks {
				if i > 0 {
					tb.WriteByte(' ')
				}
				tb.WriteString(t.Text + "/" + t.Tag)
			}
			tr.Tags = append(tr.Tags, tb.String())
		}
		st.relations(s, toks, items, ms)
		st.remember(ms)
		// A headline has no closing stop: the body starts with the first
		// sentence that has one and a verb.
		for _, t := range toks {
			if strings.HasPrefix(t.Tag, "VB") && endsSentence(strings.TrimSpace(s.Text)) {
				st.bodyStarted = true
			}
		}
	}
	return st.result()
}

// headline reads the mentions of a title the document's metadata gives,
// when the title is not also one of its paragraphs; it yields no facts.
func (st *docState) headline(paras []span) {
	title := st.src.Doc.Title
	if at := strings.Index(st.src.Text, title); at >= 0 {
		for _, p := range paras {
			if at < p.end && at+len(title) > p.start {
				return // read with the body
			}
		}
	}
	// The title may not be in the text at all (a metadata block is cut
	// from it): its mentions are read over the title alone.
	body := st.text
	st.text = title
	defer func() { st.text = body }()
	s := Sentence{Start: 0, End: len(title), Text: title}
	ms := st.findMentions(s, st.lx.Tag(s))
	if st.tr != nil {
		for _, m := range ms {
			st.tr.Mentions = append(st.tr.Mentions, title[m.start:m.end]+" -> "+entityIDs(m.ents)+" (headline: "+m.how+")")
		}
	}
	st.remember(ms)
}

// docState is what extraction knows while it reads one document.
type docState struct {
	lx   *Lexicon
	src  *Source
	text string // src.Text on one line: names may wrap across lines
	tr   *Trace

	ents     map[string]*entity // by id
	order    []*entity          // in order of first mention
	newNames map[string]*entity // folded name -> entity found in the text

	lastPerson     map[string]*entity // by gender, "" for people of unknown gender
	personSeq      map[string]int     // when lastPerson's entry was remembered
	seq            int
	subjPerson     *entity // the person subject of the current sentence
	lastGroup      []*entity
	lastCountries  []*entity // the last list of two or more countries that was a subject
	lastAgreement  *entity
	lastAgreements []*entity          // the last two or more agreements one sentence named ("the agreements")
	bylined        bool               // the speaker is the person of a byline ("Antony J. Blinken, Secretary of State")
	bodyStarted    bool               // a sentence with a verb has been read
	titleOrg       *entity            // the one organization the lines before the body name
	titleOrgs      bool               // an organization was named there (titleOrg nil: two were)
	offices        map[string]*entity // officeHolder's answers, by title
	deps           []parse.Word       // the parse of the sentence at depsAt (deps.go)
	depsAt         int
	we             []*entity // who "we" are: a joint statement's signatories
	itSubject      *entity   // what "it" refers to: the last sentence's subject, if a thing
	speaker        *entity   // who "I" is: the person issuing a statement
	bulletLead     *clause   // "The UK will also:": the subject and modality of the list after it
	inQuote        bool      // the last sentence ended inside a quotation ...
	quoteBy        *entity   // ... by this speaker
	pendingSpeaker *entity   // "X said:": who speaks in a quotation that opens the next sentence
	sentQuoted     bool      // the current sentence lies in a quotation that spans sentences

	tags     []string          // tags of the current sentence's tokens
	cur      *Sentence         // the sentence being read
	same     map[string]string // entity id -> the entity it was shown to be ("called ...")
	facts    []graph.Fact
	seen     map[string]bool
	consumed map[*item]bool      // verb groups read as another verb's object
	together map[[2]*entity]bool // pairs of people one sentence named by name
}

// drop forgets an entity made by mistake before any fact used it.
func (st *docState) drop(e *entity) {
	delete(st.ents, e.id)
	for i, o := range st.order {
		if o == e {
			st.order = append(st.order[:i], st.order[i+1:]...)
			break
		}
	}
}

// rememberPerson records the person last referred to, under their gender.
func (st *docState) rememberPerson(e *entity) {
	st.seq++
	st.lastPerson[e.gender], st.personSeq[e.gender] = e, st.seq
}

// recentPerson returns who "he" or "she" (g) refers to from earlier
// sentences: the last person of that gender, or a later person whose
// gender the document does not say.
func (st *docState) recentPerson(g string) *entity {
	if e := st.lastPerson[""]; e != nil && st.personSeq[""] > st.personSeq[g] {
		return e
	}
	return st.lastPerson[g]
}

// entityFor returns the document's entity for a dictionary actor.
func (st *docState) entityFor(a *Actor) *entity {
	if e := st.ents[a.ID]; e != nil {
		return e
	}
	e := &entity{id: a.ID, name: a.Name, kind: a.Kind, actor: a, gender: a.Gender, aliases: map[string]bool{}}
	st.ents[a.ID] = e
	st.order = append(st.order, e)
	return e
}

// newEntity returns the entity for a name the dictionary lacks, merged by
// its folded name within the document and, through its id, across
// documents.
func (st *docState) newEntity(name string, kind graph.Kind) *entity {
	return st.entityWithID(name, graph.Slug(name), kind)
}

// entityWithID returns the entity the document already has for the name
// or the id, or makes it.
func (st *docState) entityWithID(name, id string, kind graph.Kind) *entity {
	key := graph.Fold(name)
	if e := st.newNames[key]; e != nil {
		return e
	}
	if e := st.ents[id]; e != nil {
		return e
	}
	e := &entity{id: id, name: name, kind: kind, aliases: map[string]bool{}}
	st.ents[id] = e
	st.order = append(st.order, e)
	st.newNames[key] = e
	return e
}

// scopedEntity is newEntity for a name that means something only in its
// document ("agreement"): the id adds the document's, so that two
// documents' agreements stay apart in the graph.
func (st *docState) scopedEntity(name string, kind graph.Kind) *entity {
	return st.entityWithID(name, graph.Slug(name+" in "+st.src.Doc.ID), kind)
}

// newPerson adds a person found by a title cue; later "Mr. Fraser" or
// "Fraser" refers to them.
func (st *docState) newPerson(name string) *entity {
	parts := strings.Fields(name)
	// "Enrique A. Manalo" is the dictionary's "Enrique Manalo".
	if len(parts) == 3 && len(parts[1]) == 2 && parts[1][1] == '.' {
		if e := st.knownPerson(parts[0] + " " + parts[2]); e != nil {
			e.aliases[name] = true
			return e
		}
	}
	last := ""
	if len(parts) > 1 {
		last = parts[len(parts)-1]
		if last == "Jr." || last == "III" || last == "II" {
			last = parts[len(parts)-2]
		}
		// "President Marcos" first, "Ferdinand Marcos" later: the person
		// known by the surname gets the full name.
		if e := st.newNames[graph.Fold(last)]; e != nil && e.kind == graph.Person && e.name == last && st.newNames[graph.Fold(name)] == nil {
			delete(st.ents, e.id)
			e.aliases[e.name] = true
			old := e.id
			e.id, e.name = graph.Slug(name), name
			st.same[old] = e.id // facts read before keep their subject
			if other := st.ents[e.id]; other == nil {
				st.ents[e.id] = e
			}
			st.newNames[graph.Fold(name)] = e
			return e
		}
	}
	e := st.newEntity(name, graph.Person)
	if last != "" {
		if _, taken := st.newNames[graph.Fold(last)]; !taken {
			st.newNames[graph.Fold(last)] = e
		}
	}
	return e
}

// descriptive returns an entity named by a noun phrase ("official ports of
// entry", "upgrade NORAD"), or nil when the phrase is too thin to name
// anything.
func (st *docState) descriptive(phrase string, kind graph.Kind) *entity {
	name := cleanPhrase(phrase)
	// "a 2004 immigration treaty": the year dates the agreement; it is not
	// part of its name.
	year := ""
	if m := reLeadingYear.FindStringSubmatch(name); m != nil {
		year, name = m[1], strings.TrimSpace(name[len(m[0]):])
	}
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 14 || len(name) < 4 {
		return nil
	}
	if len(words) == 1 && thinNoun[strings.ToLower(name)] {
		return nil
	}

	// "agreement on asylum seekers" is an agreement whatever brought it up.
	head := strings.ToLower(words[0])
	for _, w := range words {
		lw := strings.ToLower(w)
		if phrasePreps[lw] || lw == "to" || lw == "with" || lw == "that" || lw == "who" {
			break
		}
		head = lw
	}
	if st.lx.agreementNouns[head] || st.lx.agreementNouns[strings.TrimSuffix(head, "s")] {
		kind = graph.Agreement
	}
	var e *entity
	if lw := strings.ToLower(name); len(words) == 1 && (kind == graph.Agreement || st.lx.heads[capitalize(lw)] == graph.Agreement) {
		// "signed a protocol", "reached an agreement": a lone common noun
		// names this document's agreement, not one every document's
		// "agreement" would share; its id says which document.
		e = st.scopedEntity(name, kind)
	} else {
		e = st.newEntity(name, kind)
	}
	if kind == graph.Agreement {
		st.lastAgreement = e
		if year != "" && st.cur != nil {
			st.addFact(e, "dated", nil, year, *st.cur, graph.Asserted, 0.8, nil)
		}
	}
	return e
}

// danglingWord cannot end a name.
var danglingWord = map[string]bool{"in": true, "of": true, "for": true, "to": true, "on": true, "with": true, "by": true,
	"at": true, "the": true, "a": true, "an": true, "and": true, "or": true, "from": true, "as": true, "such": true,
	// the subject of a relative clause without its pronoun ("the partnership they announced")
	"they": true, "we": true, "he": true, "she": true, "it": true}

// reLeadingYear finds a year that opens a name ("2004 immigration treaty").
var reLeadingYear = regexp.MustCompile(`^((?:19|20)\d\d) `)

// action returns an entity named by a verb phrase ("upgrade NORAD",
// "support the X Agreement"): a commitment or issue, never an agreement
// whatever noun it ends with.
func (st *docState) action(phrase string, kind graph.Kind) *entity {
	if kind == graph.Agreement {
		kind = graph.Commitment
	}
	name := cleanPhrase(phrase)
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 14 || len(name) < 4 || len(words) == 1 && thinNoun[strings.ToLower(name)] {
		return nil
	}
	return st.newEntity(name, kind)
}

// thinNoun are heads too vague to stand as an entity on their own.
var thinNoun = map[string]bool{"it": true, "them": true, "this": true, "that": true, "more": true, "work": true, "need": true,
	"importance": true, "way": true, "lot": true, "part": true, "case": true, "issue": true, "issues": true, "things": true,
	"something": true, "progress": true, "efforts": true, "steps": true, "role": true, "number": true, "relationship": true,
	"commitment": true, "commitments": true, "intent": true, "intention": true, "plan": true, "plans": true, "opportunity": true,
	"establishment": true, "resolve": true, "determination": true, "readiness": true, "strength": true, "value": true, "urgency": true, "ways": true, "means": true, "areas": true, "creation": true, "launch": true, "goal": true, "aim": true, "hope": true, "desire": true, "ties": true, "relations": true,
	// adjectives left alone by a coordination ("military, financial, and humanitarian support")
	"military": true, "financial": true, "humanitarian": true, "economic": true, "political": true, "technical": true}

// cleanPhrase trims a noun phrase into a name: no leading determiner or
// possessive, no trailing punctuation, spaces folded.
func cleanPhrase(p string) string {
	p = strings.Join(strings.Fields(p), " ")
	p = strings.Trim(p, " ,;:.\"'-")
	p = strings.TrimPrefix(p, "to ")
	// Nor a dangling preposition or article at the end ("ways in").
	for {
		i := strings.LastIndexByte(p, ' ')
		if i < 0 || !danglingWord[strings.ToLower(p[i+1:])] {
			break
		}
		p = p[:i]
	}
	for {
		lower := strings.ToLower(p)
		cut := false
		for _, d := range []string{"the ", "a ", "an ", "their ", "its ", "his ", "her ", "our ", "this ", "that ", "these ", "those ", "both ", "all ", "any ", "some "} {
			if strings.HasPrefix(lower, d) {
				p = p[len(d):]
				cut = true
			}
		}
		if !cut {
			break
		}
	}
	return strings.TrimSpace(p)
}

// phrase returns the text of items[from:to], with what follows a comma
// list kept only when it continues the phrase.
func (st *docState) phrase(start, end int, items []*item, from, to int) string {
	if end <= start {
		return ""
	}
	// Keep lists ("science, technology, and innovation agreement") but stop
	// at a comma that opens another clause (", to address ...").
	for j := from; j < to && j < len(items); j++ {
		if it := items[j]; it.kind == itComma && it.start > start && j+1 < len(items) && items[j+1].kind != itNP && items[j+1].kind != itCC {
			end = min(end, it.start)
			break
		}
	}
	text := st.text[start:end]
	if len(strings.Fields(text)) > 14 {
		// Too long to name a thing: cut at the end of the last chunk that
		// fits, not inside a name ("... on climate" for "climate change").
		cut := start
		for j := from; j < to && j < len(items); j++ {
			if e := items[j].end; e > start && e <= end && len(strings.Fields(st.text[start:e])) <= 14 {
				cut = e
			}
		}
		if cut == start {
			cut = start + len(strings.Join(strings.Fields(text)[:14], " "))
		}
		text = st.text[start:min(cut, end)]
	}
	return text
}

// qualifiers finds amounts, counts, durations and years in a stretch of text.
func (st *docState) qualifiers(text string) []graph.Qualifier {
	var out []graph.Qualifier
	for _, m := range reAmount.FindAllString(text, -1) {
		out = append(out, graph.Qualifier{Key: "amount", Value: strings.TrimSpace(m)})
	}
	if len(out) == 0 {
		for _, m := range reCount.FindAllString(text, -1) {
			out = append(out, graph.Qualifier{Key: "count", Value: strings.TrimSpace(m)})
		}
	}
	for _, m := range reDuration.FindAllString(text, -1) {
		out = append(out, graph.Qualifier{Key: "duration", Value: m})
	}
	for _, m := range reYear.FindAllStringSubmatch(text, -1) {
		out = append(out, graph.Qualifier{Key: "date", Value: m[1]})
	}
	return out
}

// addFact records subject -pred-> object (an entity, or a literal when obj
// is nil) with the sentence as evidence.
func (st *docState) addFact(subj *entity, pred string, obj *entity, lit string, s Sentence, mod graph.Modality, conf float64, quals []graph.Qualifier) {
	if subj == nil || obj == nil && lit == "" || obj == subj {
		return
	}
	// "The Roadmap highlights cooperation": what a text discusses or
	// supports, it concerns.
	if subj.kind == graph.Agreement && (pred == "discussed" || pred == "supports" || pred == "committedTo" || pred == "seeks") {
		pred = "concerns"
	}
	if sig, ok := st.lx.signatures[pred]; ok {
		if !sig.subject[subj.kind] || obj != nil && !sig.object[obj.kind] || obj == nil && !sig.literal {
			kind := graph.Kind("literal")
			if obj != nil {
				kind = obj.kind
			}
			st.trace(s, "  dropped %s %s %s: %s takes other kinds (%s, %s)", subj.id, pred, lit+objID(obj), pred, subj.kind, kind)
			return
		}
	}
	f := graph.Fact{Subject: subj.id, Predicate: pred, Doc: st.src.Doc.ID, Qualifiers: quals}
	if obj != nil {
		f.Object.Entity = obj.id
		obj.used()
	} else {
		f.Object.Literal = lit
	}
	subj.used()
	if mod == "" {
		mod = graph.Asserted
	}
	start, end := st.src.Span(s.Start, s.End)
	f.Evidence = graph.Evidence{Sentence: st.src.Quote(s.Start, s.End), Start: start, End: end, Confidence: round2(conf), Modality: mod}
	f.ValidFrom, f.ValidUntil = st.lx.time.Bounds(timex.Fact{Sentence: s.Text, Predicate: pred,
		Subject: subj.id, SubjectKind: subj.kind, Object: objID(obj), ObjectKind: objKind(obj), Literal: lit,
		Expected: mod == graph.Expected, Anchor: -1,
		Span: func(a, b int) (int, int) { return st.src.Span(s.Start+a, s.Start+b) }}, st.src.Doc.Published)
	key := f.Subject + "\x00" + pred + "\x00" + f.Object.String() + "\x00" + s.Text
	if st.seen[key] {
		return
	}
	st.seen[key] = true
	st.facts = append(st.facts, f)
	st.trace(s, "fact %s %s %s (%s)", subj.id, pred, f.Object.String(), mod)
	// "Modi held a meeting with Macron. The two leaders reviewed ...":
	// two people who just met are the leaders named next.
	if pred == "met" && obj != nil && subj.is(graph.Person) && obj.is(graph.Person) && mod == graph.Asserted {
		st.lastGroup = []*entity{subj, obj}
	}
}

func objKind(e *entity) graph.Kind {
	if e == nil {
		return ""
	}
	return e.kind
}

func objID(e *entity) string {
	if e == nil {
		return ""
	}
	return e.id
}

// factLiteral adds subject -pred-> "literal" for each subject.
func (st *docState) factLiteral(subj []*entity, pred, lit string, s Sentence, mod graph.Modality, conf float64, quals []graph.Qualifier) {
	for _, sub := range subj {
		st.addFact(sub, pred, nil, lit, s, mod, conf, quals)
	}
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// used marks an entity as part of a fact, so that it is stored.
func (e *entity) used() {
	if e.aliases == nil {
		e.aliases = map[string]bool{}
	}
	e.aliases[""] = true
}

// remember updates the discourse state after a sentence: the last person
// of each gender, the last group, the last agreement.
func (st *docState) remember(ms []*mention) {
	defer func() {
		if p := st.subjPerson; p != nil {
			st.rememberPerson(p)
		}
	}()
	var agreements []*entity
	for _, m := range ms {
		if m.form >= formPronoun && m.form != formDefinite {
			continue
		}
		for _, e := range m.ents {
			switch e.kind {
			case graph.Person:
				if len(m.ents) == 1 {
					st.rememberPerson(e)
				}
			case graph.Agreement:
				st.lastAgreement = e
				if m.form < formPronoun && !contains(agreements, e) {
					agreements = append(agreements, e)
				}
			}
		}
		if m.form < formPronoun {
			// Record the surface form as an alias of the entity.
			st.alias(m)
		}
	}
	if len(agreements) >= 2 {
		st.lastAgreements = agreements
	}
	// People named in one sentence, for "the leaders" (group).
	var people []*entity
	for _, m := range ms {
		if m.form < formPronoun && len(m.ents) == 1 && m.ents[0].kind == graph.Person && !contains(people, m.ents[0]) {
			people = append(people, m.ents[0])
		}
	}
	for i, a := range people {
		for _, b := range people[i+1:] {
			if st.together == nil {
				st.together = map[[2]*entity]bool{}
			}
			st.together[[2]*entity{a, b}], st.together[[2]*entity{b, a}] = true, true
		}
	}
}

// alias records how a mention named its entity.
func (st *docState) alias(m *mention) {
	if len(m.ents) != 1 {
		return
	}
	e := m.ents[0]
	surface := strings.TrimSpace(st.text[m.start:m.end])
	if surface != "" && surface != e.name && m.form != formAdjective {
		e.aliases[surface] = true
	}
}

// result turns the facts into the document's graph: only entities that
// take part in a fact are kept.
func (st *docState) result() graph.DocumentGraph {
	// "a 2004 immigration treaty ... the previous treaty, called the Safe
	// Third Country Agreement": facts about the description are about the
	// agreement, which keeps the description as an alternate name.
	for from, to := range st.same {
		for i := range st.facts {
			f := &st.facts[i]
			if f.Subject == from {
				f.Subject = to
			}
			if f.Object.Entity == from {
				f.Object.Entity = to
			}
		}
		if a, b := st.ents[from], st.ents[to]; a != nil && b != nil {
			b.aliases[a.name] = true
			delete(a.aliases, "")
			b.used()
		}
	}
	if len(st.same) > 0 {
		// Facts that became the same once their entities were.
		seen := map[string]bool{}
		kept := st.facts[:0]
		for _, f := range st.facts {
			if k := fmt.Sprintf("%v", f); !seen[k] {
				seen[k] = true
				kept = append(kept, f)
			}
		}
		st.facts = kept
	}
	dg := graph.DocumentGraph{Doc: st.src.Doc, Facts: st.facts}
	// The stored hash covers the extractor too: new vocabulary redoes the
	// document on the next load.
	dg.Doc.Hash = st.src.Doc.Hash + "-" + st.lx.digest
	for _, e := range st.order {
		if !e.aliases[""] {
			continue
		}
		ge := graph.Entity{ID: e.id, Name: e.name, Kind: e.kind}
		for a := range e.aliases {
			if a != "" && a != e.name {
				ge.Aliases = append(ge.Aliases, a)
			}
		}
		sort.Strings(ge.Aliases)
		dg.Entities = append(dg.Entities, ge)
	}
	return dg
}
