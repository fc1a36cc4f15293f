package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// documentDetail is a document's metadata with the facts read from it.
type documentDetail struct {
	graph.Document
	Facts []factView `json:"facts"`
}

// handleDocumentIndex lists every stored document.
func (s *Server) handleDocumentIndex(c *gin.Context) {
	docs, err := s.store.Documents(c.Request.Context())
	if err != nil {
		s.writeError(c, err)
		return
	}
	if docs == nil {
		docs = []graph.Document{}
	}
	c.JSON(http.StatusOK, gin.H{"documents": docs})
}

// handleDocumentGet returns one document's metadata and facts.
func (s *Server) handleDocumentGet(c *gin.Context) {
	ctx, id := c.Request.Context(), c.Param("id")
	doc, err := s.store.Document(ctx, id)
	if err != nil {
		s.writeError(c, notFound("document", id, err))
		return
	}
	facts, err := s.store.Facts(ctx, graph.FactFilter{Doc: id})
	if err != nil {
		s.writeError(c, err)
		return
	}
	d := documentDetail{Document: doc}
	if d.Facts, err = s.newNames().views(ctx, facts); err != nil {
		s.writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}
