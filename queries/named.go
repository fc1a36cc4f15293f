package queries

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"accord/graph"
)

// maxScan bounds the facts a query reads to answer one page of rows.
const maxScan = 50_000

var whoMetWhom = Query{
	Name:  "who-met-whom",
	Title: "Who met whom",
	Doc: "Pairs of actors that met (the met predicate, read either way: A met B and B met A are one pair), " +
		"with how many documents say so and when. With actor, only that actor's meetings.",
	Params: []Param{
		{Name: "actor", Doc: "an entity id, name or alias"},
		pSince, pUntil, pAsOf, pLimit,
	},
	run: func(ctx context.Context, st *graph.Store, a Args) (*Table, error) {
		limit, sc, err := a.limitScope()
		if err != nil {
			return nil, err
		}
		var facts []graph.Fact
		truncated := false
		actor := ""
		if a["actor"] != "" {
			e, err := entity(ctx, st, "actor", a["actor"])
			if err != nil {
				return nil, err
			}
			actor = e.ID
			for _, q := range []graph.FactQuery{
				{Subject: e.ID, Predicate: "met", Scope: sc},
				{Object: graph.Object{Entity: e.ID}, Predicate: "met", Scope: sc},
			} {
				fs, cut, err := allFacts(ctx, st, q, maxScan)
				if err != nil {
					return nil, err
				}
				facts, truncated = append(facts, fs...), truncated || cut
			}
		} else {
			if facts, truncated, err = allFacts(ctx, st, graph.FactQuery{Predicate: "met", Scope: sc}, maxScan); err != nil {
				return nil, err
			}
		}
		type pair struct {
			a, b  string
			docs  map[string]bool
			dates []string
			evid  []Evidence
		}
		pairs := map[[2]string]*pair{}
		dates := newDates(ctx, st)
		for _, f := range facts {
			if f.Object.Entity == "" {
				continue
			}
			// Pairs are unordered; the actor asked about comes first.
			k := [2]string{f.Subject, f.Object.Entity}
			if (actor == "" && k[0] > k[1]) || (actor != "" && k[1] == actor) {
				k[0], k[1] = k[1], k[0]
			}
			p := pairs[k]
			if p == nil {
				p = &pair{a: k[0], b: k[1], docs: map[string]bool{}}
				pairs[k] = p
			}
			p.docs[f.Doc] = true
			if d := dates.of(f.Doc); d != "" {
				p.dates = append(p.dates, d)
			}
			p.evid = append(p.evid, evidenceOf(f))
		}
		list := make([]*pair, 0, len(pairs))
		for _, p := range pairs {
			sort.Strings(p.dates)
			list = append(list, p)
		}
		sort.Slice(list, func(i, j int) bool {
			if len(list[i].docs) != len(list[j].docs) {
				return len(list[i].docs) > len(list[j].docs)
			}
			return list[i].a+list[i].b < list[j].a+list[j].b
		})
		n := newNamer(ctx, st)
		if err := n.load(facts); err != nil {
			return nil, err
		}
		t := &Table{Columns: []string{"actor", "met", "documents", "first", "last"}, Rows: [][]string{}, Truncated: truncated}
		for _, p := range list {
			if len(t.Rows) == limit {
				t.Truncated = true
				break
			}
			first, last := "", ""
			if len(p.dates) > 0 {
				first, last = p.dates[0], p.dates[len(p.dates)-1]
			}
			t.Rows = append(t.Rows, []string{n.name(p.a), n.name(p.b), strconv.Itoa(len(p.docs)), first, last})
			t.Evidence = append(t.Evidence, p.evid)
		}
		return t, nil
	},
}

var commitments = Query{
	Name:  "commitments",
	Title: "Commitments and pledges by actor",
	Doc: "What actors pledged, committed to, agreed to or announced, with amounts and other qualifiers, " +
		"how it was stated (asserted, reported, expected, sought), the document and its date. " +
		"With actor, only that actor's; with to, only those made to or about that entity.",
	Params: []Param{
		{Name: "actor", Doc: "an entity id, name or alias"},
		{Name: "to", Doc: "the entity the commitment is made to or about (id, name or alias)"},
		{Name: "predicates", Doc: "comma-separated predicates", Default: "pledged,committedTo,agreedTo,announced"},
		pSince, pUntil, pAsOf, pLimit,
	},
	run: func(ctx context.Context, st *graph.Store, a Args) (*Table, error) {
		limit, sc, err := a.limitScope()
		if err != nil {
			return nil, err
		}
		var actor, to graph.Entity
		if a["actor"] != "" {
			if actor, err = entity(ctx, st, "actor", a["actor"]); err != nil {
				return nil, err
			}
		}
		if a["to"] != "" {
			if to, err = entity(ctx, st, "to", a["to"]); err != nil {
				return nil, err
			}
		}
		var facts []graph.Fact
		truncated := false
		for _, p := range graph.ParsePredicates(a["predicates"]) {
			q := graph.FactQuery{Subject: actor.ID, Predicate: p, Object: graph.Object{Entity: to.ID}, Scope: sc}
			fs, cut, err := allFacts(ctx, st, q, limit)
			if err != nil {
				return nil, err
			}
			facts, truncated = append(facts, fs...), truncated || cut
		}
		dates := newDates(ctx, st)
		sort.SliceStable(facts, func(i, j int) bool {
			if facts[i].Subject != facts[j].Subject {
				return facts[i].Subject < facts[j].Subject
			}
			return dates.before(facts[i], facts[j])
		})
		n := newNamer(ctx, st)
		if err := n.load(facts); err != nil {
			return nil, err
		}
		t := &Table{Columns: []string{"actor", "predicate", "what", "qualifiers", "modality", "doc", "date"}, Rows: [][]string{}, Truncated: truncated}
		for _, f := range facts {
			if len(t.Rows) == limit {
				t.Truncated = true
				break
			}
			t.Rows = append(t.Rows, []string{n.name(f.Subject), f.Predicate, n.object(f.Object), qualifiers(f),
				string(f.Evidence.Modality), f.Doc, dates.of(f.Doc)})
			t.Evidence = append(t.Evidence, []Evidence{evidenceOf(f)})
		}
		return t, nil
	},
}

var agreements = Query{
	Name:  "agreements",
	Title: "Agreements and what they cover",
	Doc: "Each agreement with what it covers or concerns, the actors that are party to it, signed it, " +
		"agreed to it or announced it, and the number of documents that mention it. With agreement, only that one.",
	Params: []Param{
		{Name: "agreement", Doc: "an agreement's id, name or alias"},
		pAsOf, pLimit,
	},
	run: func(ctx context.Context, st *graph.Store, a Args) (*Table, error) {
		limit, err := a.limit()
		if err != nil {
			return nil, err
		}
		var ids []string
		if a["agreement"] != "" {
			e, err := entity(ctx, st, "agreement", a["agreement"])
			if err != nil {
				return nil, err
			}
			ids = []string{e.ID}
		} else if ids, err = st.EntitiesOfKind(ctx, graph.Agreement, 0); err != nil {
			return nil, err
		}
		t := &Table{Columns: []string{"agreement", "covers", "parties", "documents"}, Rows: [][]string{}}
		for _, id := range ids {
			if len(t.Rows) == limit {
				t.Truncated = true
				break
			}
			d, err := st.EntityFactsAsOf(ctx, id, 1000, a["as_of"])
			if err != nil {
				return nil, err
			}
			note(ctx, d.Disputes)
			n := newNamer(ctx, st)
			if err := n.load(append(d.Out, d.In...)); err != nil {
				return nil, err
			}
			var covers, parties []string
			var ev []Evidence
			for _, f := range d.Out {
				if f.Predicate == "covers" || f.Predicate == "concerns" {
					covers = appendNew(covers, n.object(f.Object))
					ev = append(ev, evidenceOf(f))
				}
			}
			for _, f := range d.In {
				switch f.Predicate {
				case "partyTo", "signed", "agreedTo", "announced":
					parties = appendNew(parties, n.name(f.Subject))
					ev = append(ev, evidenceOf(f))
				}
			}
			t.Rows = append(t.Rows, []string{d.Name, strings.Join(covers, "; "), strings.Join(parties, "; "), strconv.Itoa(len(d.Documents))})
			t.Evidence = append(t.Evidence, ev)
		}
		return t, nil
	},
}

var actorIssues = Query{
	Name:  "actor-issues",
	Title: "Actor × issue matrix",
	Doc: "How often each actor (person, country, organization) is linked to each issue by a fact " +
		"(discussed, supports, opposes, seeks, ...), for the issues with the most facts. " +
		"Rows are actors, by total; columns are issues; cells count facts.",
	Params: []Param{
		{Name: "predicates", Doc: "only these predicates (comma-separated)"},
		{Name: "issues", Doc: "how many issues (columns), those with the most facts", Default: "10"},
		pSince, pUntil, pAsOf, pLimit,
	},
	run: func(ctx context.Context, st *graph.Store, a Args) (*Table, error) {
		limit, sc, err := a.limitScope()
		if err != nil {
			return nil, err
		}
		ncol, err := strconv.Atoi(a["issues"])
		if err != nil || ncol < 1 || ncol > 50 {
			return nil, fmt.Errorf("%w: issues must be an integer between 1 and 50", ErrBadArgs)
		}
		preds := graph.ParsePredicates(a["predicates"])
		issues, err := st.EntitiesOfKind(ctx, graph.Issue, 0)
		if err != nil {
			return nil, err
		}
		counts := map[string]int{}
		for _, id := range issues {
			if counts[id], err = st.FactCount(ctx, id, graph.MaxFactCount); err != nil {
				return nil, err
			}
		}
		sort.SliceStable(issues, func(i, j int) bool { return counts[issues[i]] > counts[issues[j]] })
		if len(issues) > ncol {
			issues = issues[:ncol]
		}
		actors := map[string]map[string]int{}
		totals := map[string]int{}
		var all []graph.Fact
		for _, iss := range issues {
			fs, _, err := allFacts(ctx, st, graph.FactQuery{Object: graph.Object{Entity: iss}, Scope: sc}, maxScan)
			if err != nil {
				return nil, err
			}
			for _, f := range fs {
				if len(preds) > 0 && !containsString(preds, f.Predicate) {
					continue
				}
				if actors[f.Subject] == nil {
					actors[f.Subject] = map[string]int{}
				}
				actors[f.Subject][iss]++
				totals[f.Subject]++
				all = append(all, f)
			}
		}
		kinds := map[string]graph.Kind{}
		var ids []string
		for id := range actors {
			e, err := st.Lookup(ctx, id)
			if err != nil {
				continue
			}
			if e.Kind == graph.Person || e.Kind == graph.Country || e.Kind == graph.Organization {
				kinds[id] = e.Kind
				ids = append(ids, id)
			}
		}
		sort.Slice(ids, func(i, j int) bool {
			if totals[ids[i]] != totals[ids[j]] {
				return totals[ids[i]] > totals[ids[j]]
			}
			return ids[i] < ids[j]
		})
		n := newNamer(ctx, st)
		if err := n.load(all); err != nil {
			return nil, err
		}
		t := &Table{Columns: []string{"actor"}, Rows: [][]string{}}
		for _, iss := range issues {
			t.Columns = append(t.Columns, n.name(iss))
		}
		t.Columns = append(t.Columns, "total")
		for _, id := range ids {
			if len(t.Rows) == limit {
				t.Truncated = true
				break
			}
			row := []string{n.name(id)}
			for _, iss := range issues {
				row = append(row, strconv.Itoa(actors[id][iss]))
			}
			t.Rows = append(t.Rows, append(row, strconv.Itoa(totals[id])))
		}
		return t, nil
	},
}

var timeline = Query{
	Name:  "timeline",
	Title: "Timeline of an actor",
	Doc: "Everything the graph says about an actor, either way, in the order of the documents' " +
		"publication dates (undated documents last), then of the sentences in each document.",
	Params: []Param{
		{Name: "actor", Doc: "an entity id, name or alias", Required: true},
		pSince, pUntil, pAsOf, pLimit,
	},
	run: func(ctx context.Context, st *graph.Store, a Args) (*Table, error) {
		limit, sc, err := a.limitScope()
		if err != nil {
			return nil, err
		}
		e, err := entity(ctx, st, "actor", a["actor"])
		if err != nil {
			return nil, err
		}
		var facts []graph.Fact
		for _, q := range []graph.FactQuery{{Subject: e.ID, Scope: sc}, {Object: graph.Object{Entity: e.ID}, Scope: sc}} {
			fs, _, err := allFacts(ctx, st, q, maxScan)
			if err != nil {
				return nil, err
			}
			facts = append(facts, fs...)
		}
		dates := newDates(ctx, st)
		sort.SliceStable(facts, func(i, j int) bool { return dates.before(facts[i], facts[j]) })
		n := newNamer(ctx, st)
		if err := n.load(facts); err != nil {
			return nil, err
		}
		t := &Table{Columns: []string{"date", "doc", "subject", "predicate", "object", "modality", "sentence"}, Rows: [][]string{}}
		for _, f := range facts {
			if len(t.Rows) == limit {
				t.Truncated = true
				break
			}
			t.Rows = append(t.Rows, []string{dates.of(f.Doc), f.Doc, n.name(f.Subject), f.Predicate, n.object(f.Object),
				string(f.Evidence.Modality), f.Evidence.Sentence})
			t.Evidence = append(t.Evidence, []Evidence{evidenceOf(f)})
		}
		return t, nil
	},
}

var conflicts = Query{
	Name:  "conflicts",
	Title: "Conflicting claims",
	Doc: "Claims that disagree across documents: the same subject and predicate with different literal " +
		"values, or the same fact with different amount, count or date qualifiers " +
		"(\"nearly 40,000\" against \"about 39,000\" crossings). One row per claim, both sides kept with their sources.",
	Params: []Param{
		{Name: "subject", Doc: "only this entity's claims (id, name or alias)"},
		{Name: "predicates", Doc: "only these predicates (comma-separated)"},
		pLimit,
	},
	run: func(ctx context.Context, st *graph.Store, a Args) (*Table, error) {
		limit, err := a.limit()
		if err != nil {
			return nil, err
		}
		opt := graph.ConflictOptions{Predicates: graph.ParsePredicates(a["predicates"])}
		if a["subject"] != "" {
			e, err := entity(ctx, st, "subject", a["subject"])
			if err != nil {
				return nil, err
			}
			opt.Subject = e.ID
		}
		cs, err := st.Conflicts(ctx, opt)
		if err != nil {
			return nil, err
		}
		n := newNamer(ctx, st)
		var fs []graph.Fact
		for _, c := range cs {
			for _, cl := range c.Claims {
				fs = append(fs, cl.Fact)
			}
		}
		if err := n.load(fs); err != nil {
			return nil, err
		}
		t := &Table{Columns: []string{"conflict", "subject", "predicate", "object", "on", "value", "doc", "sentence"}, Rows: [][]string{}}
		for i, c := range cs {
			for _, cl := range c.Claims {
				if len(t.Rows) == limit {
					t.Truncated = true
					return t, nil
				}
				obj := ""
				if c.Object != nil {
					obj = n.object(*c.Object)
				}
				t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), n.name(c.Subject), c.Predicate, obj, c.On, cl.Value, cl.Fact.Doc, cl.Fact.Evidence.Sentence})
				t.Evidence = append(t.Evidence, []Evidence{evidenceOf(cl.Fact)})
			}
		}
		return t, nil
	},
}

// dates reads documents' publication dates once each.
type dates struct {
	ctx context.Context
	st  *graph.Store
	m   map[string]string
}

func newDates(ctx context.Context, st *graph.Store) *dates {
	return &dates{ctx: ctx, st: st, m: map[string]string{}}
}

func (d *dates) of(doc string) string {
	if v, ok := d.m[doc]; ok {
		return v
	}
	v := ""
	if dd, err := d.st.Document(d.ctx, doc); err == nil {
		v = dd.Published
	}
	d.m[doc] = v
	return v
}

// before orders facts by their documents' dates (undated last), then
// document, then position in the document.
func (d *dates) before(a, b graph.Fact) bool {
	da, db := d.of(a.Doc), d.of(b.Doc)
	if (da == "") != (db == "") {
		return db == ""
	}
	if da != db {
		return da < db
	}
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	return a.Evidence.Start < b.Evidence.Start
}

func appendNew(xs []string, x string) []string {
	if containsString(xs, x) {
		return xs
	}
	return append(xs, x)
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

var roles = Query{
	Name:  "roles",
	Title: "Who held a role",
	Doc: "The people said to hold a role (holdsRole), with when they held it: the interval of each statement " +
		"(from the text, the dated roles of data/actors.yaml, or from its document's date), and the documents. " +
		"By person, then title. With role, only titles containing it (case-blind); with as_of, only the roles held on that day.",
	Params: []Param{
		{Name: "role", Doc: "only titles containing these words (\"immigration minister\")"},
		{Name: "person", Doc: "only this person's roles (id, name or alias)"},
		pAsOf, pLimit,
	},
	run: func(ctx context.Context, st *graph.Store, a Args) (*Table, error) {
		limit, sc, err := a.limitScope()
		if err != nil {
			return nil, err
		}
		q := graph.FactQuery{Predicate: "holdsRole", Scope: sc}
		if a["person"] != "" {
			e, err := entity(ctx, st, "person", a["person"])
			if err != nil {
				return nil, err
			}
			q.Subject = e.ID
		}
		facts, truncated, err := allFacts(ctx, st, q, maxScan)
		if err != nil {
			return nil, err
		}
		want := strings.Fields(strings.ToLower(a["role"]))
		type row struct {
			person, title string
			intervals     []string
			docs          map[string]bool
			ev            []Evidence
		}
		rows := map[string]*row{}
		var order []string
		for _, f := range facts {
			title := strings.ToLower(f.Object.Literal)
			match := true
			for _, w := range want {
				match = match && strings.Contains(title, w)
			}
			if !match || title == "" {
				continue
			}
			k := f.Subject + "\x00" + title
			r := rows[k]
			if r == nil {
				r = &row{person: f.Subject, title: f.Object.Literal, docs: map[string]bool{}}
				rows[k] = r
				order = append(order, k)
			}
			iv := f.Interval()
			if iv == "" {
				iv = "from its document's date"
			} else if f.ValidFrom != nil && f.ValidFrom.Source == graph.SourceDocumentDate && f.ValidUntil == nil {
				iv += " (document's date)"
			}
			r.intervals = appendNew(r.intervals, iv)
			r.docs[f.Doc] = true
			r.ev = append(r.ev, evidenceOf(f))
		}
		n := newNamer(ctx, st)
		if err := n.load(facts); err != nil {
			return nil, err
		}
		sort.SliceStable(order, func(i, j int) bool {
			a, b := rows[order[i]], rows[order[j]]
			if na, nb := n.name(a.person), n.name(b.person); na != nb {
				return na < nb
			}
			return a.title < b.title
		})
		t := &Table{Columns: []string{"person", "role", "held", "documents"}, Rows: [][]string{}, Truncated: truncated}
		for _, k := range order {
			if len(t.Rows) == limit {
				t.Truncated = true
				break
			}
			r := rows[k]
			t.Rows = append(t.Rows, []string{n.name(r.person), r.title, strings.Join(r.intervals, "; "), strconv.Itoa(len(r.docs))})
			t.Evidence = append(t.Evidence, r.ev)
		}
		return t, nil
	},
}
