package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// nquadsType is the media type of N-Quads (W3C).
const nquadsType = "application/n-quads"

// handleExport streams the whole graph, or with doc=ID one document's named
// graph with its evidence and entities, as N-Quads.
func (s *Server) handleExport(c *gin.Context) {
	ctx := c.Request.Context()
	c.Header("Content-Type", nquadsType)
	c.Status(http.StatusOK) // sent with the first quad; an error before it replaces it
	var err error
	if id, ok := c.GetQuery("doc"); ok {
		id = strings.TrimSpace(id)
		if id == "" {
			s.writeError(c, badParam("doc", "must name a document"))
			return
		}
		_, err = s.store.ExportDocument(ctx, c.Writer, id)
		err = notFound("document", id, err)
	} else {
		_, err = s.store.Export(ctx, c.Writer)
	}
	if err == nil {
		return
	}
	if c.Writer.Written() {
		// Part of the export has gone out with a 200: log the error and
		// drop the connection so the client sees a truncated body rather
		// than a complete-looking export.
		s.writeError(c, err)
		panic(http.ErrAbortHandler)
	}
	s.writeError(c, err)
}
