package loader

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"accord/graph"
	"accord/loader/timex"
)

// Lexicon is the vocabulary that drives extraction, read from the data
// files (see package data): actors and their names, issues, verb and noun
// patterns, modality markers, page-furniture rules and abbreviations.
type Lexicon struct {
	Actors    map[string]*Actor // by id
	actorList []*Actor          // in file order: earlier entries win ties

	names  nameTable // case-sensitive surface forms of actors
	issues nameTable // case-blind surface forms of issues

	verbs           map[string][]*VerbPattern // by lemma, most specific first
	nounRels        map[string][]NounRelation // by noun
	membership      map[string]bool
	heads           map[string]graph.Kind
	titles          []string       // longest first
	titleRe         *regexp.Regexp // any title, case-blind, at the start
	spokes          map[string]bool
	honorific       map[string]bool
	modality        Modality
	lemmas          map[string]string
	furniture       []*FurnitureRule
	abbrev          map[string]bool
	givenNames      map[string]bool
	signatures      map[string]signature
	goals           map[string]bool     // "the solution is to ...": the speaker seeks it
	components      map[string]bool     // "X - centerpieces of AGREEMENT"
	roles           map[string]RoleNoun // "a member of", "parties to", "the chair of": by noun
	situations      map[string]bool     // "the conflict in Sudan": the place is what is discussed
	intentions      map[string]bool     // "its decision to provide": the possessor would do it
	prospective     map[string]bool     // "eventual membership": a noun's fact is expected, not held
	relational      map[string]bool     // "cooperation with Japan": the one after "with" is in the topic
	peopleNouns     []string            // "meetings with leaders in Peru": people named by what they are
	portfolios      map[string]bool     // "Minister of Trade, Industry and Energy": words of a portfolio, lower-cased
	portfolioTitles []string            // "Health Minister": titles that portfolio words may precede
	agreementNouns  map[string]bool     // "the deal", "the Kenya-Uganda agreement": nouns naming an agreement
	demonymBodies   []string            // "Canadian officials", "the Vietnamese side": a demonym standing for its government
	agendas         map[string]bool     // "Y on their agenda"
	groups          []GroupPhrase       // "the two leaders", longest first
	leaders         map[string]bool     // titles whose "of X" make the person X's leader
	located         map[string]bool     // verbs of "X, based in Y"
	circumstances   []string            // "in response to", "amid": they end a verb's object
	manners         [][]string          // "in the strongest terms": phrases read as an adverb, split into words
	assaults        map[string]bool     // "attack", "shelling": the actor they strike is no adversary
	addressTitle    map[string]bool     // titles that go before a bare surname: "President Marcos"
	addressees      map[string]bool     // plural nouns naming actors addressed: "call on all states"
	companies       []string            // legal-form suffixes of company names ("Co., Ltd."), longest first
	digest          string              // hash of the vocabulary files and ExtractorVersion
	time            *timex.Rules        // when facts held (data/time.yaml, dated roles)
}

// ExtractorVersion changes whenever the extraction code changes what it
// produces; with the vocabulary's digest it keys stored documents, so a
// reload redoes exactly the documents whose facts would differ.
const ExtractorVersion = "6"

// Actor is a dictionary entry: someone or something with a name.
type Actor struct {
	ID         string     `yaml:"id"`
	Kind       graph.Kind `yaml:"type"`
	Name       string     `yaml:"name"`
	Aliases    []string   `yaml:"aliases"`
	Gender     string     `yaml:"gender"`
	Honorifics []string   `yaml:"honorifics"`
	Roles      []Role     `yaml:"roles"`
	Adjectives []string   `yaml:"adjectives"`
	Government []string   `yaml:"government"`
	Capital    string     `yaml:"capital"`
	In         string     `yaml:"in"`
	Code       string     `yaml:"code"`
	Acronym    bool       `yaml:"acronym"`
}

// Role is a title an actor holds, optionally of another actor and between
// two dates.
type Role struct {
	Title string `yaml:"title"`
	Of    string `yaml:"of"`
	From  string `yaml:"from"`
	To    string `yaml:"to"`
}

// activeOn reports whether the role was held on the ISO date (any date when
// the date is unknown).
func (r Role) activeOn(date string) bool {
	if date == "" {
		return true
	}
	return (r.From == "" || r.From <= date) && (r.To == "" || date < r.To)
}

// VerbPattern maps a verb (with an optional preposition) to a predicate.
type VerbPattern struct {
	Lemma     string   `yaml:"lemma"`
	Prep      string   `yaml:"prep"`
	Predicate string   `yaml:"predicate"`
	Object    string   `yaml:"object"`
	Target    string   `yaml:"target"`
	Then      string   `yaml:"then"`
	Modality  string   `yaml:"modality"`
	Symmetric bool     `yaml:"symmetric"`
	Actor     bool     `yaml:"actor"`
	Amount    bool     `yaml:"amount"`
	Only      []string `yaml:"only"`
	// Unless: the pattern does not apply when one of these words follows
	// the object ("designated the bank": sanctioned; "designated Dr Amina
	// Yusuf as envoy": not).
	Unless []string `yaml:"unless"`
	With   string   `yaml:"with"` // predicate for a "with ACTOR" phrase ("discussed X with Y")
	// Stative: "be VERBed PREP" states the subject's own stance ("we are
	// committed to X", "Canada is opposed to Y"), not something done to it.
	Stative bool `yaml:"stative"`
	// Through: the verb after "to" is the subject's own act too, read by
	// that verb's pattern ("will continue to support the African Union":
	// committedTo the action, and supports the African Union). "same"
	// keeps the clause's modality, "expected" makes the act expected
	// ("pledged to support the Court": supports, expected).
	Through string `yaml:"through"`
	// Guest: the predicate for the actor the verb receives and the place
	// after "to" or "at" ("welcomed Minister Blair to the Pentagon": Blair
	// visited the Pentagon).
	Guest string `yaml:"guest"`
	// Money: the predicate an object that is a sum of money also yields,
	// read like the object of "provide" ("announced EUR 100 million in
	// humanitarian aid for Ukraine": funds humanitarian aid, funds Ukraine).
	Money string `yaml:"money"`
	// Control: the actor named right after the verb is the one who would
	// do what the infinitive after it says ("invited President Lula to
	// visit India": Lula would visit India, sought, not the one who invites).
	Control bool `yaml:"control"`
	// Jointly: an actor in a "with" phrase after the object does it too
	// ("Kenya signed the accord with Uganda": Uganda signed it as well).
	Jointly bool `yaml:"jointly"`
	// Onto: the pattern applies only when a "to" phrase headed by one of
	// these nouns follows the object ("added seven entities to the Entity
	// List": sanctioned).
	Onto []string `yaml:"onto"`
	// Alone is the predicate when a person is addressed and nothing is
	// asked of them ("called on Prime Minister Modi": met).
	Alone string `yaml:"alone"`
	prep  []string
}

// RoleNoun is a noun that, said of someone, relates them to the phrase
// after its preposition: "Chile is a member of the Pacific Alliance"
// (memberOf), "Ecuador and Peru are parties to the Convention" (partyTo).
type RoleNoun struct {
	Noun      string `yaml:"noun"`
	Prep      string `yaml:"prep"`
	Predicate string `yaml:"predicate"`
	// Otherwise is the predicate for a subject or object that Predicate
	// does not take: a country that chairs a group is a member of it.
	Otherwise string `yaml:"otherwise"`
}

// NounRelation is a noun that states a predicate ("visit to").
type NounRelation struct {
	Noun      string   `yaml:"noun"`
	Prep      []string `yaml:"prep"`
	Predicate string   `yaml:"predicate"`
	// Owner says who the noun's subject is: "" for a possessive or the
	// clause's subject ("Biden's visit to", "concluded a visit to"), "of"
	// for the noun's of-phrase ("an influx of migrants across"), "prep"
	// when the phrase after the preposition acts on the clause's subject
	// ("Trudeau came under pressure from Quebec").
	Owner string `yaml:"owner"`
	Then  string `yaml:"then"` // predicate for a following "to VERB ..." ("pressure ... to end X": seeks)
	// Object "subject" makes the clause's subject the object: "Zelenskyy
	// accepted the Prime Minister's invitation" (Trudeau invited Zelenskyy).
	Object string `yaml:"object"`
}

// GroupPhrase is a phrase that refers back to several actors the document
// has named ("the two leaders", "the ministers", "both countries").
type GroupPhrase struct {
	Phrase string `yaml:"phrase"`
	Kind   string `yaml:"kind"`  // Person or Country
	Count  int    `yaml:"count"` // how many it names; 0: every one that fits
	// Titled keeps the people whose title has this word ("minister");
	// without it a group of people is of leaders.
	Titled string `yaml:"titled"`
	kind   graph.Kind
}

// signature is the kinds of entity a predicate takes.
type signature struct {
	subject, object map[graph.Kind]bool
	literal         bool
}

// Modality holds the marker phrases of data/modality.yaml, as lemma lists.
type Modality struct {
	Expected    [][]string
	Sought      [][]string
	Reported    [][]string
	Hedge       [][]string
	Conditional [][]string
	Negation    [][]string
	Speech      map[string]bool
	// Reversing verbs act against their object: in "urge X to abandon its
	// nuclear weapons" the weapons are not what is sought.
	Reversing map[string]bool
	// Aims are nouns whose "to VERB" is wanted, not done: "the bid to host
	// the World Expo" yields no fact.
	Aims map[string]bool
}

// FurnitureRule is one page-furniture rule.
type FurnitureRule struct {
	ID      string `yaml:"id"`
	Kind    string `yaml:"kind"`
	Pattern string `yaml:"pattern"`
	re      *regexp.Regexp
	filter  literalFilter // when re cannot match (prefilter.go)
}

// matches reports whether the rule's pattern matches text; lower gives
// text in ASCII lower case.
func (r *FurnitureRule) matches(text string, lower func() string) bool {
	return r.filter.mayMatch(text, lower) && r.re.MatchString(text)
}

// ActorFiles are the vocabulary files of actors, in the order they are read:
// an entry whose id an earlier file has refines that entry, and among
// entries with the same name the earlier wins. countries.yaml is generated
// (ISO 3166); actors.yaml holds the hand-curated core; nations.yaml the
// demonyms, capitals and government names of every UN member state;
// organizations.yaml international bodies and government departments;
// agreements.yaml treaties, trade agreements, initiatives and regions;
// officials.yaml heads of state and government and ministers, with dates;
// officials-world.yaml the same for the states officials.yaml leaves out.
var ActorFiles = []string{"countries.yaml", "actors.yaml", "nations.yaml", "organizations.yaml", "agreements.yaml", "officials.yaml", "officials-world.yaml"}

// LoadLexicon reads the vocabulary files from fsys. Errors name the file and
// the entry at fault.
func LoadLexicon(fsys fs.FS) (*Lexicon, error) {
	lx := &Lexicon{Actors: map[string]*Actor{}, verbs: map[string][]*VerbPattern{}, nounRels: map[string][]NounRelation{},
		membership: map[string]bool{}, heads: map[string]graph.Kind{}, spokes: map[string]bool{},
		honorific: map[string]bool{}, lemmas: map[string]string{}, abbrev: map[string]bool{}, givenNames: map[string]bool{}}
	type step struct {
		file string
		fn   func([]byte) error
	}
	var steps []step
	for _, f := range ActorFiles {
		steps = append(steps, step{f, lx.loadActors})
	}
	steps = append(steps,
		step{"issues.yaml", lx.loadIssues},
		step{"verbs.yaml", lx.loadVerbs},
		step{"nouns.yaml", lx.loadNouns},
		step{"modality.yaml", lx.loadModality},
		step{"furniture.yaml", lx.loadFurniture},
		step{"predicates.yaml", lx.loadPredicates},
		step{"abbreviations.txt", lx.loadAbbreviations},
		step{"lemmas.txt", lx.loadLemmas},
		step{"given-names.txt", lx.loadGivenNames},
	)
	h := sha256.New()
	io.WriteString(h, ExtractorVersion)
	for _, s := range steps {
		b, err := fs.ReadFile(fsys, s.file)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		h.Write(b)
		if err := s.fn(b); err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w", s.file, err)
		}
	}
	if err := lx.index(); err != nil {
		return nil, fmt.Errorf("lexicon: actors: %w", err)
	}
	// The dated roles were read with the actors: timex gets them from
	// here rather than reading the actor files a second time.
	b, err := fs.ReadFile(fsys, "time.yaml")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	var roles []timex.DatedRole
	for _, a := range lx.actorList {
		for _, r := range a.Roles {
			roles = append(roles, timex.DatedRole{Person: a.ID, Title: r.Title, Of: r.Of, From: r.From, To: r.To})
		}
	}
	if lx.time, err = timex.Parse(b, roles); err != nil {
		return nil, fmt.Errorf("lexicon: time.yaml: %w", err)
	}
	h.Write(b)
	lx.digest = hex.EncodeToString(h.Sum(nil))[:16]
	return lx, nil
}

func (lx *Lexicon) loadActors(b []byte) error {
	var list []Actor
	if err := yaml.Unmarshal(b, &list); err != nil {
		return err
	}
	for i := range list {
		a := list[i]
		if a.ID == "" || a.Name == "" {
			return fmt.Errorf("entry %d: id and name are required", i+1)
		}
		for j, r := range a.Roles {
			for _, d := range []string{r.From, r.To} {
				if _, err := time.Parse("2006-01-02", d); d != "" && err != nil {
					return fmt.Errorf("entry %d (id %s): role %d (%s): %q is not a date (YYYY-MM-DD)", i+1, a.ID, j+1, r.Title, d)
				}
			}
		}
		for _, al := range a.Aliases {
			// A YAML flow list splits "Joseph R. Biden, Jr." at the comma
			// unless it is quoted; a lone suffix is that mistake.
			if suffixOnly[al] {
				return fmt.Errorf("entry %d (id %s): alias %q looks like half of a name split at a comma: quote the name", i+1, a.ID, al)
			}
		}
		if old, ok := lx.Actors[a.ID]; ok {
			// A curated entry refines a generated one.
			if a.Name != old.Name {
				old.Aliases = append(old.Aliases, old.Name)
				old.Name = a.Name
			}
			old.Aliases = append(old.Aliases, a.Aliases...)
			old.Adjectives = append(old.Adjectives, a.Adjectives...)
			old.Government = append(old.Government, a.Government...)
			old.Roles = append(old.Roles, a.Roles...)
			if a.Capital != "" {
				old.Capital = a.Capital
			}
			continue
		}
		if _, ok := graph.ParseKind(string(a.Kind)); !ok {
			return fmt.Errorf("entry %d (id %s): unknown type %q", i+1, a.ID, a.Kind)
		}
		if a.Gender != "" && a.Gender != "he" && a.Gender != "she" {
			return fmt.Errorf("entry %d (id %s): gender must be he or she, not %q", i+1, a.ID, a.Gender)
		}
		lx.Actors[a.ID] = &a
		lx.actorList = append(lx.actorList, &a)
	}
	return nil
}

func (lx *Lexicon) loadIssues(b []byte) error {
	var list [][]string
	if err := yaml.Unmarshal(b, &list); err != nil {
		return err
	}
	for i, forms := range list {
		if len(forms) == 0 {
			return fmt.Errorf("entry %d: empty", i+1)
		}
		a := &Actor{ID: graph.Slug(forms[0]), Kind: graph.Issue, Name: forms[0], Aliases: forms[1:]}
		if _, dup := lx.Actors[a.ID]; dup {
			return fmt.Errorf("entry %d: %q is also an actor id", i+1, a.ID)
		}
		lx.Actors[a.ID] = a
		lx.actorList = append(lx.actorList, a)
	}
	return nil
}

func (lx *Lexicon) loadVerbs(b []byte) error {
	var list []*VerbPattern
	if err := yaml.Unmarshal(b, &list); err != nil {
		return err
	}
	for i, p := range list {
		if p.Lemma == "" || p.Predicate == "" {
			return fmt.Errorf("entry %d: lemma and predicate are required", i+1)
		}
		switch p.Object {
		case "", "direct", "infinitive", "clause":
		default:
			return fmt.Errorf("entry %d (%s): object must be direct, infinitive or clause, not %q", i+1, p.Lemma, p.Object)
		}
		if p.Modality != "" {
			if _, ok := graph.ParseModality(p.Modality); !ok {
				return fmt.Errorf("entry %d (%s): unknown modality %q", i+1, p.Lemma, p.Modality)
			}
		}
		p.prep = strings.Fields(p.Prep)
		lx.verbs[p.Lemma] = append(lx.verbs[p.Lemma], p)
	}
	for _, ps := range lx.verbs {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].prep) > len(ps[j].prep) })
	}
	return nil
}

func (lx *Lexicon) loadNouns(b []byte) error {
	var f struct {
		Relations    []NounRelation         `yaml:"relations"`
		Membership   []string               `yaml:"membership"`
		Heads        map[string][]string    `yaml:"heads"`
		Titles       []string               `yaml:"titles"`
		Spokesperson []string               `yaml:"spokesperson"`
		Honorifics   []string               `yaml:"honorifics"`
		Goals        []string               `yaml:"goals"`
		Components   []string               `yaml:"components"`
		Agendas      []string               `yaml:"agendas"`
		Groups       []GroupPhrase          `yaml:"groups"`
		Leaders      []string               `yaml:"leaders"`
		Companies    []string               `yaml:"company_suffixes"`
		Located      []string               `yaml:"located"`
		Addressees   []string               `yaml:"addressees"`
		Address      []string               `yaml:"address_titles"`
		Circum       []string               `yaml:"circumstances"`
		Manners      []string               `yaml:"manners"`
		Assaults     []string               `yaml:"assaults"`
		Roles        []RoleNoun             `yaml:"roles"`
		Situations   []string               `yaml:"situations"`
		Intentions   []string               `yaml:"intentions"`
		Prospective  []string               `yaml:"prospective"`
		Relational   []string               `yaml:"relational"`
		People       []string               `yaml:"people_nouns"`
		Portfolios   []string               `yaml:"portfolios"`
		PortTitles   []string               `yaml:"portfolio_titles"`
		AgreeNouns   []string               `yaml:"agreement_nouns"`
		DemonymBody  []string               `yaml:"demonym_bodies"`
		Extra        map[string]interface{} `yaml:",inline"`
	}
	if err := yaml.Unmarshal(b, &f); err != nil {
		return err
	}
	for k := range f.Extra {
		return fmt.Errorf("unknown section %q", k)
	}
	for _, r := range f.Relations {
		lx.nounRels[r.Noun] = append(lx.nounRels[r.Noun], r)
	}
	for _, m := range f.Membership {
		lx.membership[m] = true
	}
	for kind, words := range f.Heads {
		k, ok := graph.ParseKind(kind)
		if !ok {
			return fmt.Errorf("heads: unknown type %q", kind)
		}
		for _, w := range words {
			lx.heads[w] = k
		}
	}
	lx.titles = f.Titles
	sort.SliceStable(lx.titles, func(i, j int) bool { return len(lx.titles[i]) > len(lx.titles[j]) })
	quoted := make([]string, len(lx.titles))
	for i, t := range lx.titles {
		quoted[i] = regexp.QuoteMeta(t)
	}
	lx.titleRe = regexp.MustCompile(`(?i)^(?:` + strings.Join(quoted, "|") + `)\b`)
	for _, s := range f.Spokesperson {
		lx.spokes[s] = true
	}
	for _, h := range f.Honorifics {
		lx.honorific[h] = true
	}
	lx.goals, lx.components, lx.agendas = set(f.Goals), set(f.Components), set(f.Agendas)
	lx.leaders = set(f.Leaders)
	lx.located = set(f.Located)
	lx.addressees = set(f.Addressees)
	lx.addressTitle = set(f.Address)
	lx.circumstances = f.Circum
	lx.assaults = map[string]bool{}
	for _, a := range f.Assaults {
		lx.assaults[strings.ToLower(a)] = true
	}
	for _, m := range f.Manners {
		lx.manners = append(lx.manners, strings.Fields(strings.ToLower(m)))
	}
	lx.situations = set(f.Situations)
	lx.intentions = set(f.Intentions)
	lx.prospective = set(f.Prospective)
	lx.relational = set(f.Relational)
	lx.peopleNouns = f.People
	lx.portfolioTitles = f.PortTitles
	lx.agreementNouns = set(f.AgreeNouns)
	lx.portfolios = map[string]bool{}
	for _, w := range f.Portfolios {
		lx.portfolios[strings.ToLower(w)] = true
	}
	lx.demonymBodies = f.DemonymBody
	lx.roles = map[string]RoleNoun{}
	for i, r := range f.Roles {
		if r.Noun == "" || r.Prep == "" || r.Predicate == "" {
			return fmt.Errorf("roles[%d] %q: needs a noun, a prep and a predicate", i, r.Noun)
		}
		lx.roles[strings.ToLower(r.Noun)] = r
	}
	lx.companies = append(lx.companies, f.Companies...)
	sort.SliceStable(lx.companies, func(i, j int) bool { return len(lx.companies[i]) > len(lx.companies[j]) })
	for i, g := range f.Groups {
		k, ok := graph.ParseKind(g.Kind)
		if g.Phrase == "" || !ok || k != graph.Person && k != graph.Country && k != graph.Agreement || g.Count < 0 {
			return fmt.Errorf("groups[%d] %q: needs a phrase, a kind of Person, Country or Agreement and a count of 0 or more", i, g.Phrase)
		}
		g.Phrase, g.kind = strings.ToLower(g.Phrase), k
		lx.groups = append(lx.groups, g)
	}
	sort.SliceStable(lx.groups, func(i, j int) bool { return len(lx.groups[i].Phrase) > len(lx.groups[j].Phrase) })
	return nil
}

func (lx *Lexicon) loadModality(b []byte) error {
	var f map[string][]string
	if err := yaml.Unmarshal(b, &f); err != nil {
		return err
	}
	phrases := func(xs []string) [][]string {
		out := make([][]string, 0, len(xs))
		for _, x := range xs {
			out = append(out, strings.Fields(strings.ToLower(x)))
		}
		sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
		return out
	}
	m := &lx.modality
	for k, v := range f {
		switch k {
		case "expected":
			m.Expected = phrases(v)
		case "sought":
			m.Sought = phrases(v)
		case "reported":
			m.Reported = phrases(v)
		case "hedge":
			m.Hedge = phrases(v)
		case "conditional":
			m.Conditional = phrases(v)
		case "negation":
			m.Negation = phrases(v)
		case "reversing":
			m.Reversing = set(v)
		case "aims":
			m.Aims = set(v)
		case "speech":
			m.Speech = map[string]bool{}
			for _, s := range v {
				m.Speech[s] = true
			}
		default:
			return fmt.Errorf("unknown key %q", k)
		}
	}
	return nil
}

func (lx *Lexicon) loadFurniture(b []byte) error {
	var list []*FurnitureRule
	if err := yaml.Unmarshal(b, &list); err != nil {
		return err
	}
	ids := map[string]bool{}
	for i, r := range list {
		if r.ID == "" || ids[r.ID] {
			return fmt.Errorf("rule %d: missing or duplicate id %q", i+1, r.ID)
		}
		ids[r.ID] = true
		switch r.Kind {
		case "line", "tail", "credit", "caption", "sentence", "date", "lead":
		default:
			return fmt.Errorf("rule %s: unknown kind %q", r.ID, r.Kind)
		}
		re, err := regexp.Compile(r.Pattern)
		if err != nil {
			return fmt.Errorf("rule %s: %w", r.ID, err)
		}
		r.re, r.filter = re, newLiteralFilter(r.Pattern)
	}
	lx.furniture = list
	return nil
}

func (lx *Lexicon) loadPredicates(b []byte) error {
	var f map[string]struct {
		Subject []string `yaml:"subject"`
		Object  []string `yaml:"object"`
		Literal bool     `yaml:"literal"`
	}
	if err := yaml.Unmarshal(b, &f); err != nil {
		return err
	}
	kinds := func(pred string, names []string) (map[graph.Kind]bool, error) {
		out := map[graph.Kind]bool{}
		for _, n := range names {
			switch n {
			case "any":
				for _, k := range graph.Kinds {
					out[k] = true
				}
			case "actor":
				out[graph.Person], out[graph.Country], out[graph.Organization] = true, true, true
			default:
				k, ok := graph.ParseKind(n)
				if !ok {
					return nil, fmt.Errorf("%s: unknown kind %q", pred, n)
				}
				out[k] = true
			}
		}
		return out, nil
	}
	lx.signatures = map[string]signature{}
	for pred, sig := range f {
		sub, err := kinds(pred, sig.Subject)
		if err != nil {
			return err
		}
		obj, err := kinds(pred, sig.Object)
		if err != nil {
			return err
		}
		lx.signatures[pred] = signature{subject: sub, object: obj, literal: sig.Literal}
	}
	for lemma, ps := range lx.verbs {
		for _, p := range ps {
			for _, pred := range []string{p.Predicate, p.Then, p.With} {
				if _, ok := lx.signatures[pred]; pred != "" && !ok {
					return fmt.Errorf("verbs.yaml: %s: predicate %q is not declared here", lemma, pred)
				}
			}
		}
	}
	for noun, rs := range lx.nounRels {
		for _, r := range rs {
			if _, ok := lx.signatures[r.Predicate]; !ok {
				return fmt.Errorf("nouns.yaml: %s: predicate %q is not declared here", noun, r.Predicate)
			}
		}
	}
	return nil
}

func (lx *Lexicon) loadAbbreviations(b []byte) error {
	return eachLine(b, func(f []string) error {
		lx.abbrev[f[0]] = true
		return nil
	})
}

func (lx *Lexicon) loadGivenNames(b []byte) error {
	return eachLine(b, func(f []string) error {
		for _, n := range f {
			lx.givenNames[n] = true
		}
		return nil
	})
}

func (lx *Lexicon) loadLemmas(b []byte) error {
	return eachLine(b, func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want \"form lemma\", got %q", strings.Join(f, " "))
		}
		lx.lemmas[f[0]] = f[1]
		return nil
	})
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// eachLine calls fn with the fields of every line that is not blank or a
// comment.
func eachLine(b []byte, fn func([]string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(strings.Fields(line)); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

// suffixOnly are name parts that never stand alone.
var suffixOnly = map[string]bool{"Jr.": true, "Jr": true, "Sr.": true, "III": true, "II": true, "D.C.": true, "Inc.": true}

// Surface kinds in the name tables.
const (
	formName       = iota // canonical name
	formAlias             // alias
	formGovernment        // a name for a country's government ("Ottawa")
	formAdjective         // demonym ("Canadian")
)

// nameForm is one surface form of an actor.
type nameForm struct {
	text  string
	actor *Actor
	form  int
	short bool // a one-word alias of a person (a surname)
}

// nameTable finds the longest surface form starting at a position.
type nameTable struct {
	fold  bool                   // compare case-blind
	first map[string][]*nameForm // by first word, longest first
}

func (t *nameTable) add(f *nameForm) {
	if t.first == nil {
		t.first = map[string][]*nameForm{}
	}
	w := firstWord(f.text)
	if t.fold {
		w = strings.ToLower(w)
	}
	if w == "" {
		return
	}
	t.first[w] = append(t.first[w], f)
}

func (t *nameTable) sort() {
	for _, fs := range t.first {
		sort.SliceStable(fs, func(i, j int) bool { return len(fs[i].text) > len(fs[j].text) })
	}
}

// match returns the forms that start at text[i:], longest first; the caller
// picks among forms of equal length.
func (t *nameTable) match(text string, i int) []*nameForm {
	w := firstWord(text[i:])
	if t.fold {
		w = strings.ToLower(w)
	}
	var out []*nameForm
	for _, f := range t.first[w] {
		n := len(f.text)
		if i+n > len(text) {
			continue
		}
		cand := text[i : i+n]
		if t.fold {
			if !strings.EqualFold(cand, f.text) {
				continue
			}
		} else if cand != f.text {
			continue
		}
		if i+n < len(text) {
			r, _ := utf8.DecodeRuneInString(text[i+n:])
			if isWordRune(r) || (r == '.' && !strings.HasSuffix(f.text, ".") && i+n+1 < len(text) && isWordRune(rune(text[i+n+1]))) {
				continue
			}
		}
		if len(out) > 0 && len(out[0].text) != n {
			break
		}
		out = append(out, f)
	}
	return out
}

// firstWord returns the leading run of letters and digits of s.
func firstWord(s string) string {
	for i, r := range s {
		if !isWordRune(r) {
			return s[:i]
		}
	}
	return s
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// index builds the name tables once every file is read.
func (lx *Lexicon) index() error {
	lx.issues.fold = true
	for _, a := range lx.actorList {
		if a.In != "" && lx.Actors[a.In] == nil {
			return fmt.Errorf("%s: in: unknown id %q", a.ID, a.In)
		}
		for _, r := range a.Roles {
			if r.Of != "" && lx.Actors[r.Of] == nil {
				return fmt.Errorf("%s: role %q of unknown id %q", a.ID, r.Title, r.Of)
			}
		}
		if a.Kind == graph.Issue {
			lx.issues.add(&nameForm{text: a.Name, actor: a, form: formName})
			for _, al := range a.Aliases {
				lx.issues.add(&nameForm{text: al, actor: a, form: formAlias})
			}
			continue
		}
		lx.names.add(&nameForm{text: a.Name, actor: a, form: formName})
		// "KAMIKAWA Yoko": the family name first, in capitals, as
		// Japanese, Chinese and Korean foreign ministries write names.
		if w := strings.Fields(a.Name); a.Kind == graph.Person && len(w) == 2 && !slices.Contains(a.Aliases, strings.ToUpper(w[1])+" "+w[0]) {
			lx.names.add(&nameForm{text: strings.ToUpper(w[1]) + " " + w[0], actor: a, form: formAlias})
		}
		for _, al := range a.Aliases {
			if al == a.Name {
				continue
			}
			short := a.Kind == graph.Person && !strings.Contains(al, " ")
			lx.names.add(&nameForm{text: al, actor: a, form: formAlias, short: short})
		}
		for _, g := range a.Government {
			lx.names.add(&nameForm{text: g, actor: a, form: formGovernment})
		}
		for _, adj := range a.Adjectives {
			lx.names.add(&nameForm{text: adj, actor: a, form: formAdjective})
		}
	}
	lx.names.sort()
	lx.issues.sort()
	// Marker phrases are compared with lemmas: "be expected to" matches
	// "is expected to".
	m := &lx.modality
	for _, ps := range [][][]string{m.Expected, m.Sought, m.Hedge, m.Conditional, m.Negation} {
		for _, p := range ps {
			for i, w := range p {
				p[i] = lx.Lemma(w)
			}
		}
	}
	return nil
}

// Lemma returns the dictionary form of a verb form.
func (lx *Lexicon) Lemma(word string) string {
	w := strings.ToLower(word)
	if l, ok := lx.lemmas[w]; ok {
		return l
	}
	known := func(s string) bool {
		_, ok := lx.verbs[s]
		return ok || lx.modality.Speech[s] || lx.modality.Reversing[s]
	}
	var cands []string
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		cands = []string{w[:len(w)-3] + "y"}
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		cands = []string{w[:len(w)-3] + "y"}
	case strings.HasSuffix(w, "ing") && len(w) > 4:
		stem := w[:len(w)-3]
		cands = []string{stem, stem + "e", undouble(stem)}
	case strings.HasSuffix(w, "ed") && len(w) > 3:
		stem := w[:len(w)-2]
		cands = []string{stem, w[:len(w)-1], undouble(stem)}
	case strings.HasSuffix(w, "es") && len(w) > 3:
		cands = []string{w[:len(w)-2], w[:len(w)-1]}
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		cands = []string{w[:len(w)-1]}
	default:
		return w
	}
	for _, c := range cands {
		if known(c) {
			return c
		}
	}
	return cands[0]
}

func undouble(s string) string {
	if n := len(s); n > 2 && s[n-1] == s[n-2] {
		return s[:n-1]
	}
	return s
}
