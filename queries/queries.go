package queries

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"accord/graph"
)

// Query is a named analyst question: what it answers, the parameters it
// takes, and how it is answered from the graph.
type Query struct {
	Name   string  `json:"name"`
	Title  string  `json:"title"`
	Doc    string  `json:"doc"` // what it answers and how to read the answer
	Params []Param `json:"params"`
	run    func(ctx context.Context, st *graph.Store, a Args) (*Table, error)
}

// Param is a parameter of a named query.
type Param struct {
	Name     string `json:"name"`
	Doc      string `json:"doc"`
	Required bool   `json:"required,omitempty"`
	Default  string `json:"default,omitempty"`
}

// Args are the parameters a query is run with, by name.
type Args map[string]string

// Table is the answer of a named query: named columns and rows of text,
// and for each row the facts that support it.
type Table struct {
	Query     string       `json:"query"`
	Columns   []string     `json:"columns"`
	Rows      [][]string   `json:"rows"`
	Evidence  [][]Evidence `json:"evidence,omitempty"` // per row, when the query keeps it
	Truncated bool         `json:"truncated"`          // the row limit was reached
	// Disputes, as of a day, are the facts read whose sources disagree on
	// whether they held on that day (both sides kept).
	Disputes []graph.DateDispute `json:"disputes,omitempty"`
}

// Evidence is a sentence behind a row.
type Evidence struct {
	Doc      string `json:"doc"`
	Sentence string `json:"sentence"`
	Modality string `json:"modality"`
}

// Errors of named queries.
var (
	ErrUnknownQuery = errors.New("queries: no such query")
	ErrBadArgs      = errors.New("queries: bad parameters")
)

// Limits of the rows a query returns.
const (
	DefaultRows = 100
	MaxRows     = 1000
)

// All returns the named queries, ordered by name.
func All() []Query {
	qs := []Query{whoMetWhom, commitments, agreements, actorIssues, timeline, conflicts, roles}
	sort.Slice(qs, func(i, j int) bool { return qs[i].Name < qs[j].Name })
	return qs
}

// Lookup returns the query named name.
func Lookup(name string) (Query, bool) {
	for _, q := range All() {
		if q.Name == name {
			return q, true
		}
	}
	return Query{}, false
}

// Run runs the query named name with args: unknown parameters, missing
// required ones and malformed values are ErrBadArgs.
func Run(ctx context.Context, st *graph.Store, name string, args Args) (*Table, error) {
	q, ok := Lookup(name)
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownQuery, name)
	}
	full := Args{}
	known := map[string]bool{}
	for _, p := range q.Params {
		known[p.Name] = true
		if v := strings.TrimSpace(args[p.Name]); v != "" {
			full[p.Name] = v
		} else if p.Required {
			return nil, fmt.Errorf("%w: %s needs %q (%s)", ErrBadArgs, name, p.Name, p.Doc)
		} else if p.Default != "" {
			full[p.Name] = p.Default
		}
	}
	for k := range args {
		if !known[k] {
			return nil, fmt.Errorf("%w: %s takes no parameter %q", ErrBadArgs, name, k)
		}
	}
	if full["as_of"] != "" {
		if err := graph.CheckAsOf(full["as_of"]); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadArgs, err)
		}
	}
	dc := &disputes{seen: map[string]bool{}}
	t, err := q.run(context.WithValue(ctx, disputesKey{}, dc), st, full)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	t.Query = name
	t.Disputes = dc.list
	return t, nil
}

// Parameters shared by several queries.
var (
	pSince = Param{Name: "since", Doc: "only documents published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)"}
	pUntil = Param{Name: "until", Doc: "only documents published on or before this date"}
	pLimit = Param{Name: "limit", Doc: "at most this many rows (1 to 1000)", Default: strconv.Itoa(DefaultRows)}
	pAsOf  = Param{Name: "as_of", Doc: "only facts that held on this day (YYYY-MM-DD), by their valid time; disputes list the facts sources date differently"}
)

// disputes gathers the date disputes of the reads of one query run.
type disputes struct {
	seen map[string]bool
	list []graph.DateDispute
}

type disputesKey struct{}

// note records the disputes of one read, once each.
func note(ctx context.Context, ds []graph.DateDispute) {
	dc, _ := ctx.Value(disputesKey{}).(*disputes)
	if dc == nil {
		return
	}
	for _, d := range ds {
		k := d.Subject + "\x00" + d.Predicate
		if d.Object != nil {
			k += "\x00" + d.Object.String()
		}
		if !dc.seen[k] {
			dc.seen[k] = true
			dc.list = append(dc.list, d)
		}
	}
}

// limit reads the row limit.
func (a Args) limit() (int, error) {
	n, err := strconv.Atoi(a["limit"])
	if err != nil || n < 1 || n > MaxRows {
		return 0, fmt.Errorf("%w: limit must be an integer between 1 and %d", ErrBadArgs, MaxRows)
	}
	return n, nil
}

// scope reads since and until.
// limitScope reads the limit and the since/until scope most queries take.
func (a Args) limitScope() (int, graph.Scope, error) {
	limit, err := a.limit()
	if err != nil {
		return 0, graph.Scope{}, err
	}
	sc, err := a.scope()
	return limit, sc, err
}

func (a Args) scope() (graph.Scope, error) {
	sc := graph.Scope{Since: a["since"], Until: a["until"], AsOf: a["as_of"]}
	if err := sc.Check(); err != nil {
		return sc, fmt.Errorf("%w: %v", ErrBadArgs, err)
	}
	return sc, nil
}

// entity resolves an entity parameter (id, name or alias).
func entity(ctx context.Context, st *graph.Store, param, q string) (graph.Entity, error) {
	res, err := st.Resolve(ctx, q)
	if err != nil {
		return graph.Entity{}, err
	}
	if res.Entity != nil {
		return *res.Entity, nil
	}
	if len(res.Candidates) == 0 {
		return graph.Entity{}, fmt.Errorf("%w: %s %q matches no entity", ErrBadArgs, param, q)
	}
	var names []string
	for _, c := range res.Candidates {
		names = append(names, c.ID)
	}
	return graph.Entity{}, fmt.Errorf("%w: %s %q is ambiguous: %s", ErrBadArgs, param, q, strings.Join(names, ", "))
}

// allFacts pages through a fact query, up to max facts.
func allFacts(ctx context.Context, st *graph.Store, q graph.FactQuery, max int) ([]graph.Fact, bool, error) {
	var out []graph.Fact
	q.Limit = 500
	for {
		p, err := st.QueryFacts(ctx, q)
		if err != nil {
			return nil, false, err
		}
		out = append(out, p.Facts...)
		note(ctx, p.Disputes)
		if len(out) >= max {
			return out[:max], true, nil
		}
		if p.Next == "" {
			return out, false, nil
		}
		q.Cursor = p.Next
	}
}

func evidenceOf(f graph.Fact) Evidence {
	return Evidence{Doc: f.Doc, Sentence: f.Evidence.Sentence, Modality: string(f.Evidence.Modality)}
}

// namer resolves entity ids to names for one query.
type namer struct {
	ctx   context.Context
	st    *graph.Store
	names map[string]string
}

func newNamer(ctx context.Context, st *graph.Store) *namer {
	return &namer{ctx: ctx, st: st, names: map[string]string{}}
}

// load fetches the names of the facts' entities at once.
func (n *namer) load(fs []graph.Fact) error {
	var ids []string
	for _, f := range fs {
		for _, id := range []string{f.Subject, f.Object.Entity} {
			if _, ok := n.names[id]; !ok && id != "" {
				ids = append(ids, id)
			}
		}
	}
	m, err := n.st.Names(n.ctx, ids)
	for k, v := range m {
		n.names[k] = v
	}
	return err
}

func (n *namer) name(id string) string {
	if v, ok := n.names[id]; ok && v != "" {
		return v
	}
	return id
}

// object returns a fact's object for display.
func (n *namer) object(o graph.Object) string {
	if o.Entity != "" {
		return n.name(o.Entity)
	}
	return o.Literal
}

func qualifiers(f graph.Fact) string {
	var qs []string
	for _, q := range f.Qualifiers {
		qs = append(qs, q.Key+"="+q.Value)
	}
	return strings.Join(qs, " ")
}
