package server

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"accord/queries"
)

// handleQueryIndex lists the named analyst queries with their parameters.
func (s *Server) handleQueryIndex(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"queries": queries.All()})
}

// handleQueryRun runs one named query with the request's parameters.
func (s *Server) handleQueryRun(c *gin.Context) {
	name := c.Param("name")
	if _, ok := queries.Lookup(name); !ok {
		s.writeError(c, &notFoundError{what: "query", id: name})
		return
	}
	if _, err := queryAsOf(c); err != nil {
		s.writeError(c, err)
		return
	}
	args := queries.Args{}
	for k, v := range c.Request.URL.Query() {
		args[k] = strings.Join(v, ",")
	}
	t, err := queries.Run(c.Request.Context(), s.store, name, args)
	if err != nil {
		s.writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}

// Limits of Gizmo queries.
const (
	defaultGizmoLimit = 100
	maxGizmoLimit     = 10000
	maxGizmoBody      = 64 << 10
)

// handleGizmo runs a query in Cayley's Gizmo language, read-only, with a
// time limit and a result limit. The body is the script, or JSON
// {"query": "..."}.
func (s *Server) handleGizmo(c *gin.Context) {
	limit, err := queryLimit(c, defaultGizmoLimit, maxGizmoLimit)
	if err != nil {
		s.writeError(c, err)
		return
	}
	body, err := io.ReadAll(io.LimitReader(c.Request.Body, maxGizmoBody+1))
	if err != nil {
		s.writeError(c, err)
		return
	}
	if len(body) > maxGizmoBody {
		s.writeError(c, badParam("", "the query is larger than 64 KiB"))
		return
	}
	script := string(body)
	if strings.HasPrefix(c.ContentType(), "application/json") {
		var req struct {
			Query string `json:"query"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			s.writeError(c, badParam("", "the JSON body must be {\"query\": \"...\"}"))
			return
		}
		script = req.Query
	}
	if strings.TrimSpace(script) == "" {
		s.writeError(c, badParam("", "the body must hold a Gizmo query, e.g. g.V(\"<http://accord.local/entity/canada>\").Out().All()"))
		return
	}
	res, err := s.store.Gizmo(c.Request.Context(), script, limit, s.gizmoTimeout)
	if err != nil {
		s.writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

// isQueryError reports errors of named and Gizmo queries that are the
// client's doing.
func isQueryError(err error) bool {
	return errors.Is(err, queries.ErrBadArgs)
}
