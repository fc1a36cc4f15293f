package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// Limits of the neighbourhood and path routes.
const (
	defaultNeighborEdges = 200
	maxNeighborEdges     = 5000
)

// handleEntityNeighbors returns an entity's neighbourhood as nodes and
// edges for a graph view: depth 1 to 3 hops, narrowed by predicate, by the
// neighbours' type, by document, dates and modality; limit caps the edges.
func (s *Server) handleEntityNeighbors(c *gin.Context) {
	id := c.Param("id")
	depth, err := queryInt(c, "depth", 1, 1, 3)
	if err != nil {
		s.writeError(c, err)
		return
	}
	limit, err := queryLimit(c, defaultNeighborEdges, maxNeighborEdges)
	if err != nil {
		s.writeError(c, err)
		return
	}
	sc, err := queryScope(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	sc.Predicates = graph.ParsePredicates(c.Query("predicate"))
	kinds, err := queryKinds(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	nb, err := s.store.Neighbors(c.Request.Context(), id, graph.NeighborOptions{Depth: depth, Scope: sc, Kinds: kinds, Limit: limit})
	if err != nil {
		s.writeError(c, notFound("entity", id, err))
		return
	}
	c.JSON(http.StatusOK, nb)
}

// Limits of the neighbour group routes.
const (
	defaultGroupMembers = 50
	maxGroupMembers     = 500
)

// handleNeighborGroups summarises an entity's neighbourhood at one hop:
// its neighbours grouped by predicate, direction and type, with counts, so
// that a graph view of a hub draws a few dozen groups instead of thousands
// of nodes. predicate and the scope parameters narrow it as for neighbors.
func (s *Server) handleNeighborGroups(c *gin.Context) {
	sc, err := queryScope(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	sc.Predicates = graph.ParsePredicates(c.Query("predicate"))
	id := c.Param("id")
	sum, err := s.store.NeighborGroups(c.Request.Context(), id, sc)
	if err != nil {
		s.writeError(c, notFound("entity", id, err))
		return
	}
	c.JSON(http.StatusOK, sum)
}

// handleNeighborMembers returns a page of one neighbour group's members
// (predicate, direction and, optionally, type), most connected to the
// entity first, with every edge between the entity and each of them.
func (s *Server) handleNeighborMembers(c *gin.Context) {
	opt := graph.GroupOptions{Predicate: strings.TrimSpace(c.Query("predicate")), Direction: strings.TrimSpace(c.Query("direction"))}
	if opt.Predicate == "" || strings.Contains(opt.Predicate, ",") {
		s.writeError(c, badParam("predicate", "is required: one predicate, the group's"))
		return
	}
	switch opt.Direction {
	case graph.DirOut, graph.DirIn, graph.DirBoth:
	default:
		s.writeError(c, badParam("direction", "is required: out, in, or both (for a symmetric predicate such as met)"))
		return
	}
	kinds, err := queryKinds(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if len(kinds) > 1 {
		s.writeError(c, badParam("type", "takes one type, the group's"))
		return
	}
	if len(kinds) == 1 {
		opt.Kind = kinds[0]
	}
	if opt.Limit, err = queryLimit(c, defaultGroupMembers, maxGroupMembers); err != nil {
		s.writeError(c, err)
		return
	}
	if opt.Offset, err = queryInt(c, "offset", 0, 0, 1<<30); err != nil {
		s.writeError(c, err)
		return
	}
	if opt.Scope, err = queryScope(c); err != nil {
		s.writeError(c, err)
		return
	}
	id := c.Param("id")
	page, err := s.store.NeighborGroupMembers(c.Request.Context(), id, opt)
	if err != nil {
		s.writeError(c, notFound("entity", id, err))
		return
	}
	c.JSON(http.StatusOK, page)
}

// ambiguousError is a name that picks several entities; the answer lists
// them.
type ambiguousError struct {
	param      string
	name       string
	candidates []graph.Match
}

func (e *ambiguousError) Error() string {
	return "parameter \"" + e.param + "\": \"" + e.name + "\" names several entities; use one of the candidates' ids"
}

// resolve turns a from/to parameter into an entity id.
func (s *Server) resolve(c *gin.Context, param string) (string, error) {
	q := strings.TrimSpace(c.Query(param))
	if q == "" {
		return "", badParam(param, "is required: an entity id, name or alias")
	}
	res, err := s.store.Resolve(c.Request.Context(), q)
	if err != nil {
		return "", err
	}
	switch {
	case res.Entity != nil:
		return res.Entity.ID, nil
	case len(res.Candidates) > 0:
		return "", &ambiguousError{param: param, name: q, candidates: res.Candidates}
	}
	return "", &notFoundError{what: "entity named", id: q}
}

// handlePath answers shortest-path questions: from and to take an entity
// id, name or alias (an ambiguous name is 409 with the candidates); edges
// are walked either way; k>1 asks for the k shortest simple paths; every
// hop carries its predicate, direction, documents and evidence. No path is
// a 200 with an empty list and the depth searched.
func (s *Server) handlePath(c *gin.Context) {
	from, err := s.resolve(c, "from")
	if err != nil {
		s.writeError(c, err)
		return
	}
	to, err := s.resolve(c, "to")
	if err != nil {
		s.writeError(c, err)
		return
	}
	opt := graph.PathOptions{Predicates: graph.ParsePredicates(c.Query("predicate"))}
	if opt.AsOf, err = queryAsOf(c); err != nil {
		s.writeError(c, err)
		return
	}
	if opt.MaxDepth, err = queryInt(c, "max_depth", graph.DefaultPathDepth, 1, graph.MaxPathDepth); err != nil {
		s.writeError(c, err)
		return
	}
	if opt.K, err = queryInt(c, "k", 1, 1, graph.MaxPaths); err != nil {
		s.writeError(c, err)
		return
	}
	for _, x := range strings.Split(c.Query("exclude"), ",") {
		if x = strings.TrimSpace(x); x == "" {
			continue
		}
		res, err := s.store.Resolve(c.Request.Context(), x)
		if err != nil {
			s.writeError(c, err)
			return
		}
		if res.Entity != nil {
			opt.Exclude = append(opt.Exclude, res.Entity.ID)
		}
	}
	res, err := s.store.Path(c.Request.Context(), from, to, opt)
	if err != nil {
		s.writeError(c, notFound("entity", from+" or "+to, err))
		return
	}
	c.JSON(http.StatusOK, res)
}

// handleConflicts lists the claims that disagree across documents: same
// subject and predicate with different literal values, or different
// amount, count or date qualifiers. subject and predicate narrow the
// search, which on a large graph reads many facts.
func (s *Server) handleConflicts(c *gin.Context) {
	opt := graph.ConflictOptions{Predicates: graph.ParsePredicates(c.Query("predicate"))}
	if q := strings.TrimSpace(c.Query("subject")); q != "" {
		res, err := s.store.Resolve(c.Request.Context(), q)
		if err != nil {
			s.writeError(c, err)
			return
		}
		if res.Entity == nil {
			if len(res.Candidates) > 0 {
				s.writeError(c, &ambiguousError{param: "subject", name: q, candidates: res.Candidates})
			} else {
				s.writeError(c, &notFoundError{what: "entity named", id: q})
			}
			return
		}
		opt.Subject = res.Entity.ID
	}
	cs, err := s.store.Conflicts(c.Request.Context(), opt)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if cs == nil {
		cs = []graph.Conflict{}
	}
	c.JSON(http.StatusOK, gin.H{"conflicts": cs})
}

// isAmbiguous reports an ambiguous name and returns it.
func isAmbiguous(err error) (*ambiguousError, bool) {
	var ae *ambiguousError
	ok := errors.As(err, &ae)
	return ae, ok
}
