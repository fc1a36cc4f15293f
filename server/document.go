package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// Limits of a document's facts.
const (
	defaultDocFacts = 1000
	maxDocFacts     = 1000
)

// documentDetail is a document's metadata with the facts read from it.
type documentDetail struct {
	graph.Document
	Facts      []factView `json:"facts"`
	NextCursor string     `json:"next_cursor,omitempty"`
}

// handleDocumentIndex lists every stored document.
func (s *Server) handleDocumentIndex(c *gin.Context) {
	docs, err := s.store.DocumentList(c.Request.Context())
	if err != nil {
		s.writeError(c, err)
		return
	}
	if docs == nil {
		docs = []graph.Document{}
	}
	c.JSON(http.StatusOK, gin.H{"documents": docs})
}

// handleDocumentGet returns one document's metadata and facts, a page of
// them (limit, cursor) for long documents.
func (s *Server) handleDocumentGet(c *gin.Context) {
	ctx, id := c.Request.Context(), c.Param("id")
	limit, err := queryLimit(c, defaultDocFacts, maxDocFacts)
	if err != nil {
		s.writeError(c, err)
		return
	}
	doc, err := s.store.Document(ctx, id)
	if err != nil {
		s.writeError(c, notFound("document", id, err))
		return
	}
	page, err := s.store.QueryFacts(ctx, graph.FactQuery{Scope: graph.Scope{Doc: id}, Limit: limit, Cursor: c.Query("cursor")})
	if err != nil {
		s.writeError(c, err)
		return
	}
	names := s.newNames()
	if err := names.load(ctx, page.Facts); err != nil {
		s.writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, documentDetail{Document: doc, Facts: names.views(page.Facts), NextCursor: page.Next})
}
