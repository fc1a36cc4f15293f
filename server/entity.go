package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// Limits of the entity search.
const (
	defaultSearchLimit = 20
	maxSearchLimit     = 200
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
	Score int `json:"score"`
}

// entityDetail is an entity with its facts and the documents that state them.
type entityDetail struct {
	entityView
	Facts struct {
		Out map[string][]factView `json:"out"`
		In  map[string][]factView `json:"in"`
	} `json:"facts"`
	Documents []string `json:"documents"`
}

// handleEntityIndex searches entities by name or alias.
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
	ms, err := s.store.Search(c.Request.Context(), q, limit)
	if err != nil {
		s.writeError(c, err)
		return
	}
	results := make([]matchView, 0, len(ms))
	for _, m := range ms {
		results = append(results, matchView{entityView: viewEntity(m.Entity), Score: m.Score})
	}
	c.JSON(http.StatusOK, gin.H{"query": q, "results": results})
}

// handleEntityGet returns one entity with its facts grouped by direction
// and predicate.
func (s *Server) handleEntityGet(c *gin.Context) {
	ctx, id := c.Request.Context(), c.Param("id")
	e, err := s.store.Entity(ctx, id)
	if err != nil {
		s.writeError(c, notFound("entity", id, err))
		return
	}
	out, in, err := s.store.FactsOf(ctx, id)
	if err != nil {
		s.writeError(c, err)
		return
	}
	names := s.newNames()
	names.m[e.ID] = e.Name
	d := entityDetail{entityView: viewEntity(e), Documents: []string{}}
	if d.Facts.Out, err = names.group(ctx, out); err != nil {
		s.writeError(c, err)
		return
	}
	if d.Facts.In, err = names.group(ctx, in); err != nil {
		s.writeError(c, err)
		return
	}
	seen := map[string]bool{}
	for _, f := range append(out, in...) {
		if f.Doc != "" && !seen[f.Doc] {
			seen[f.Doc] = true
			d.Documents = append(d.Documents, f.Doc)
		}
	}
	sort.Strings(d.Documents)
	c.JSON(http.StatusOK, d)
}

// queryLimit reads the limit parameter: def when absent, else an integer
// in [1, max].
func queryLimit(c *gin.Context, def, max int) (int, error) {
	v, ok := c.GetQuery("limit")
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 || n > max {
		return 0, badParam("limit", fmt.Sprintf("must be an integer between 1 and %d", max))
	}
	return n, nil
}

// factView is a fact as the API shows it: the graph's fact with the names
// of its entities, for display.
type factView struct {
	graph.Fact
	SubjectName string `json:"subject_name,omitempty"`
	ObjectName  string `json:"object_name,omitempty"`
}

// names resolves entity ids to canonical names, once per id, for the
// length of one request.
type names struct {
	store *graph.Store
	m     map[string]string
}

func (s *Server) newNames() *names { return &names{store: s.store, m: map[string]string{}} }

// name returns the canonical name of entity id, or "" when the store no
// longer knows it.
func (n *names) name(ctx context.Context, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	if name, ok := n.m[id]; ok {
		return name, nil
	}
	e, err := n.store.Entity(ctx, id)
	if err != nil && !errors.Is(err, graph.ErrNotFound) {
		return "", err
	}
	n.m[id] = e.Name
	return e.Name, nil
}

// views returns the facts with their entities' names; never nil.
func (n *names) views(ctx context.Context, fs []graph.Fact) ([]factView, error) {
	out := make([]factView, 0, len(fs))
	for _, f := range fs {
		v := factView{Fact: f}
		var err error
		if v.SubjectName, err = n.name(ctx, f.Subject); err != nil {
			return nil, err
		}
		if v.ObjectName, err = n.name(ctx, f.Object.Entity); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// group returns the facts' views keyed by predicate; never nil.
func (n *names) group(ctx context.Context, fs []graph.Fact) (map[string][]factView, error) {
	vs, err := n.views(ctx, fs)
	if err != nil {
		return nil, err
	}
	out := map[string][]factView{}
	for _, v := range vs {
		out[v.Predicate] = append(out[v.Predicate], v)
	}
	return out, nil
}
