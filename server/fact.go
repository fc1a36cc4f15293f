package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// Limits of the fact query.
const (
	defaultFactLimit = 100
	maxFactLimit     = 1000
)

// factQuery is the triple pattern of a fact query, echoed in the answer.
type factQuery struct {
	Subject   string `json:"subject,omitempty"`
	Predicate string `json:"predicate,omitempty"`
	Object    string `json:"object,omitempty"`
	Doc       string `json:"doc,omitempty"`
	Limit     int    `json:"limit"`
}

// handleFactIndex answers a triple-pattern query: any of subject, predicate,
// object and doc may be open, but not all of them. The object is an entity
// id, or a literal in double quotes (object="$4.9 billion").
func (s *Server) handleFactIndex(c *gin.Context) {
	q := factQuery{
		Subject:   strings.TrimSpace(c.Query("subject")),
		Predicate: strings.TrimSpace(c.Query("predicate")),
		Object:    strings.TrimSpace(c.Query("object")),
		Doc:       strings.TrimSpace(c.Query("doc")),
	}
	f, err := q.filter()
	if err != nil {
		s.writeError(c, err)
		return
	}
	if f.Limit, err = queryLimit(c, defaultFactLimit, maxFactLimit); err != nil {
		s.writeError(c, err)
		return
	}
	q.Limit = f.Limit
	ctx := c.Request.Context()
	facts, err := s.store.Facts(ctx, f)
	if err != nil {
		s.writeError(c, err)
		return
	}
	views, err := s.newNames().views(ctx, facts)
	if err != nil {
		s.writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"query": q, "facts": views})
}

// filter turns the query into a store filter.
func (q factQuery) filter() (graph.FactFilter, error) {
	f := graph.FactFilter{Subject: q.Subject, Predicate: q.Predicate, Doc: q.Doc}
	if strings.HasPrefix(q.Object, `"`) {
		lit, err := strconv.Unquote(q.Object)
		if err != nil || lit == "" {
			return f, badParam("object", "a literal must be a non-empty double-quoted string")
		}
		f.Object.Literal = lit
	} else {
		f.Object.Entity = q.Object
	}
	if f.IsZero() {
		return f, badParam("", "at least one of subject, predicate, object and doc is required")
	}
	return f, nil
}
