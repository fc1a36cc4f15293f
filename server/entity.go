package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// Limits of the entity routes.
const (
	defaultSearchLimit = 20
	maxSearchLimit     = 200
	defaultEntityFacts = 500
	maxEntityFacts     = 5000
)

// entityView is an entity as the API shows it.
type entityView struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Type    string   `json:"type"`
}

func viewEntity(e graph.Entity) entityView {
	aliases := e.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return entityView{ID: e.ID, Name: e.Name, Aliases: aliases, Type: string(e.Kind)}
}

// matchView is a search result.
type matchView struct {
	entityView
	Score int    `json:"score"`
	Match string `json:"match"` // exact, alias, prefix or fuzzy
	Facts int    `json:"facts"` // facts it takes part in, counted up to graph.MaxFactCount
}

var matchNames = map[int]string{graph.MatchExact: "exact", graph.MatchAlias: "alias", graph.MatchPrefix: "prefix", graph.MatchFuzzy: "fuzzy"}

func viewMatch(m graph.Match) matchView {
	return matchView{entityView: viewEntity(m.Entity), Score: m.Score, Match: matchNames[m.Score], Facts: m.Facts}
}

// entityDetail is an entity with its facts and the documents that state them.
type entityDetail struct {
	entityView
	Facts struct {
		Out map[string][]factView `json:"out"`
		In  map[string][]factView `json:"in"`
	} `json:"facts"`
	Counts struct {
		Out int `json:"out"`
		In  int `json:"in"`
	} `json:"counts"` // all facts, when the lists were cut at the limit
	Truncated bool     `json:"truncated"`
	Documents []string `json:"documents"`
	// AsOf echoes as_of; Disputes are the facts whose sources disagree on
	// whether they held that day.
	AsOf     string              `json:"as_of,omitempty"`
	Disputes []graph.DateDispute `json:"disputes,omitempty"`
}

// handleEntityIndex searches entities by name or alias: case- and
// accent-blind, prefix and typo-tolerant, ranked exact > alias > prefix >
// fuzzy, then by number of facts.
func (s *Server) handleEntityIndex(c *gin.Context) {
	q := strings.TrimSpace(c.Query("q"))
	if q == "" {
		s.writeError(c, badParam("q", "is required"))
		return
	}
	limit, err := queryLimit(c, defaultSearchLimit, maxSearchLimit)
	if err != nil {
		s.writeError(c, err)
		return
	}
	kinds, err := queryKinds(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	page, err := s.store.SearchEntities(c.Request.Context(), graph.SearchOptions{Query: q, Kinds: kinds, Limit: limit, Cursor: c.Query("cursor")})
	if err != nil {
		s.writeError(c, err)
		return
	}
	results := make([]matchView, 0, len(page.Matches))
	for _, m := range page.Matches {
		results = append(results, viewMatch(m))
	}
	body := gin.H{"query": q, "results": results, "total": page.Total}
	if page.Next != "" {
		body["next_cursor"] = page.Next
	}
	c.JSON(http.StatusOK, body)
}

// handleEntityGet returns one entity with its facts grouped by direction
// and predicate, each with its document, evidence, modality and qualifiers,
// and the documents that mention it. limit caps the facts of each
// direction.
func (s *Server) handleEntityGet(c *gin.Context) {
	ctx, id := c.Request.Context(), c.Param("id")
	limit, err := queryLimit(c, defaultEntityFacts, maxEntityFacts)
	if err != nil {
		s.writeError(c, err)
		return
	}
	asOf, err := queryAsOf(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	d, err := s.store.EntityFactsAsOf(ctx, id, limit, asOf)
	if err != nil {
		s.writeError(c, notFound("entity", id, err))
		return
	}
	names := s.newNames()
	names.m[d.ID] = d.Name
	if err := names.load(ctx, append(d.Out, d.In...)); err != nil {
		s.writeError(c, err)
		return
	}
	out := entityDetail{entityView: viewEntity(d.Entity), Documents: d.Documents, AsOf: asOf, Disputes: d.Disputes}
	if out.Documents == nil {
		out.Documents = []string{}
	}
	out.Facts.Out, out.Facts.In = names.group(d.Out), names.group(d.In)
	out.Counts.Out, out.Counts.In = d.OutTotal, d.InTotal
	out.Truncated = d.OutTotal > len(d.Out) || d.InTotal > len(d.In)
	c.JSON(http.StatusOK, out)
}

// queryLimit reads the limit parameter: def when absent, else an integer
// in [1, max].
func queryLimit(c *gin.Context, def, max int) (int, error) {
	return queryInt(c, "limit", def, 1, max)
}

// queryInt reads an integer parameter: def when absent, else an integer in
// [lo, hi].
func queryInt(c *gin.Context, name string, def, lo, hi int) (int, error) {
	v, ok := c.GetQuery(name)
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < lo || n > hi {
		return 0, badParam(name, fmt.Sprintf("must be an integer between %d and %d", lo, hi))
	}
	return n, nil
}

// queryKinds reads the type parameter: entity kinds, comma-separated.
func queryKinds(c *gin.Context) ([]graph.Kind, error) {
	var out []graph.Kind
	for _, t := range strings.Split(c.Query("type"), ",") {
		if t = strings.TrimSpace(t); t == "" {
			continue
		}
		k, ok := graph.ParseKind(t)
		if !ok {
			return nil, badParam("type", fmt.Sprintf("must be one of %s", kindList()))
		}
		out = append(out, k)
	}
	return out, nil
}

func kindList() string {
	var ks []string
	for _, k := range graph.Kinds {
		ks = append(ks, string(k))
	}
	return strings.Join(ks, ", ")
}

// queryScope reads doc, since, until and modality (comma-separated).
func queryScope(c *gin.Context) (graph.Scope, error) {
	sc := graph.Scope{
		Doc:   strings.TrimSpace(c.Query("doc")),
		Since: strings.TrimSpace(c.Query("since")),
		Until: strings.TrimSpace(c.Query("until")),
	}
	for _, m := range strings.Split(c.Query("modality"), ",") {
		if m = strings.TrimSpace(m); m == "" {
			continue
		}
		mod, ok := graph.ParseModality(m)
		if !ok {
			return sc, badParam("modality", "must be asserted, reported, expected or sought")
		}
		sc.Modalities = append(sc.Modalities, mod)
	}
	if sc.Since != "" && !isDate(sc.Since) {
		return sc, badParam("since", "must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if sc.Until != "" && !isDate(sc.Until) {
		return sc, badParam("until", "must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
	}
	var err error
	sc.AsOf, err = queryAsOf(c)
	return sc, err
}

// queryAsOf reads as_of: a day (YYYY-MM-DD) the facts read must have held
// on, by their valid time; "" when absent.
func queryAsOf(c *gin.Context) (string, error) {
	d := strings.TrimSpace(c.Query("as_of"))
	if d != "" && graph.CheckAsOf(d) != nil {
		return "", badParam("as_of", "must be a day: YYYY-MM-DD (the facts that held on it)")
	}
	return d, nil
}

func isDate(s string) bool { return (graph.Scope{Since: s}).Check() == nil }

// factView is a fact as the API shows it: the graph's fact with the names
// of its entities, for display.
type factView struct {
	graph.Fact
	SubjectName string `json:"subject_name,omitempty"`
	ObjectName  string `json:"object_name,omitempty"`
}

// names resolves entity ids to canonical names for the length of one
// request.
type names struct {
	store *graph.Store
	m     map[string]string
}

func (s *Server) newNames() *names { return &names{store: s.store, m: map[string]string{}} }

// load fetches, in one read, the names of the facts' entities not yet known.
func (n *names) load(ctx context.Context, fs []graph.Fact) error {
	var ids []string
	for _, f := range fs {
		for _, id := range []string{f.Subject, f.Object.Entity} {
			if _, ok := n.m[id]; !ok && id != "" {
				n.m[id] = ""
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	got, err := n.store.Names(ctx, ids)
	for id, name := range got {
		n.m[id] = name
	}
	return err
}

// views returns the facts with their entities' names (load them first);
// never nil.
func (n *names) views(fs []graph.Fact) []factView {
	out := make([]factView, 0, len(fs))
	for _, f := range fs {
		out = append(out, factView{Fact: f, SubjectName: n.m[f.Subject], ObjectName: n.m[f.Object.Entity]})
	}
	return out
}

// group returns the facts' views keyed by predicate; never nil.
func (n *names) group(fs []graph.Fact) map[string][]factView {
	out := map[string][]factView{}
	for _, v := range n.views(fs) {
		out[v.Predicate] = append(out[v.Predicate], v)
	}
	return out
}
