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

// factQuery is the pattern of a fact query, echoed in the answer.
type factQuery struct {
	Subject   string   `json:"subject,omitempty"`
	Predicate string   `json:"predicate,omitempty"`
	Object    string   `json:"object,omitempty"`
	Doc       string   `json:"doc,omitempty"`
	Since     string   `json:"since,omitempty"`
	Until     string   `json:"until,omitempty"`
	Modality  []string `json:"modality,omitempty"`
	AsOf      string   `json:"as_of,omitempty"`
	Limit     int      `json:"limit"`
}

// handleFactIndex answers a triple-pattern query: any of subject, predicate,
// object, doc and modality may be open, but not all of them; since and
// until narrow by the documents' dates. The object is an entity id, or a
// literal in double quotes (object="$4.9 billion"). Pages continue with
// cursor=next_cursor.
func (s *Server) handleFactIndex(c *gin.Context) {
	sc, err := queryScope(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	q := factQuery{
		Subject:   strings.TrimSpace(c.Query("subject")),
		Predicate: strings.TrimSpace(c.Query("predicate")),
		Object:    strings.TrimSpace(c.Query("object")),
		Doc:       sc.Doc,
		Since:     sc.Since,
		Until:     sc.Until,
		AsOf:      sc.AsOf,
	}
	for _, m := range sc.Modalities {
		q.Modality = append(q.Modality, string(m))
	}
	fq := graph.FactQuery{Subject: q.Subject, Predicate: q.Predicate, Scope: sc, Cursor: c.Query("cursor")}
	if strings.HasPrefix(q.Object, `"`) {
		lit, err := strconv.Unquote(q.Object)
		if err != nil || lit == "" {
			s.writeError(c, badParam("object", "a literal must be a non-empty double-quoted string"))
			return
		}
		fq.Object.Literal = lit
	} else {
		fq.Object.Entity = q.Object
	}
	if fq.Subject == "" && fq.Predicate == "" && fq.Object == (graph.Object{}) && sc.Doc == "" && len(sc.Modalities) != 1 {
		s.writeError(c, badParam("", "at least one of subject, predicate, object, doc and a single modality is required"))
		return
	}
	if fq.Limit, err = queryLimit(c, defaultFactLimit, maxFactLimit); err != nil {
		s.writeError(c, err)
		return
	}
	q.Limit = fq.Limit
	ctx := c.Request.Context()
	page, err := s.store.QueryFacts(ctx, fq)
	if err != nil {
		s.writeError(c, err)
		return
	}
	names := s.newNames()
	if err := names.load(ctx, page.Facts); err != nil {
		s.writeError(c, err)
		return
	}
	body := gin.H{"query": q, "facts": names.views(page.Facts)}
	if page.Next != "" {
		body["next_cursor"] = page.Next
	}
	if len(page.Disputes) > 0 {
		body["disputes"] = page.Disputes
	}
	c.JSON(http.StatusOK, body)
}
