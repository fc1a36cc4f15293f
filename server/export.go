package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// nquadsType is the media type of N-Quads (W3C).
const nquadsType = "application/n-quads"

// handleExport streams the whole graph, one document's named graph with
// its evidence and entities (doc=ID), or an entity's neighbourhood
// (entity=ID, depth=1..3), as N-Quads (format=nquads, the default),
// JSON-LD (format=jsonld) or GraphML (format=graphml).
func (s *Server) handleExport(c *gin.Context) {
	ctx := c.Request.Context()
	opt := graph.ExportOptions{Format: strings.TrimSpace(c.Query("format"))}
	if opt.Format == "" {
		opt.Format = graph.FormatNQuads
	}
	typ, ok := graph.Formats[opt.Format]
	if !ok {
		s.writeError(c, badParam("format", "must be nquads, jsonld or graphml"))
		return
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"doc", &opt.Doc}, {"entity", &opt.Entity}} {
		if v, ok := c.GetQuery(p.name); ok {
			if *p.dst = strings.TrimSpace(v); *p.dst == "" {
				s.writeError(c, badParam(p.name, "must name a "+map[string]string{"doc": "document", "entity": "entity"}[p.name]))
				return
			}
		}
	}
	if opt.Doc != "" && opt.Entity != "" {
		s.writeError(c, badParam("", "doc and entity exclude each other"))
		return
	}
	var err error
	if opt.Depth, err = queryInt(c, "depth", 1, 1, 3); err != nil {
		s.writeError(c, err)
		return
	}
	c.Header("Content-Type", typ)
	c.Status(http.StatusOK) // sent with the first bytes; an error before them replaces it
	_, err = s.store.ExportTo(ctx, c.Writer, opt)
	switch {
	case err == nil:
		return
	case opt.Doc != "":
		err = notFound("document", opt.Doc, err)
	case opt.Entity != "":
		err = notFound("entity", opt.Entity, err)
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
