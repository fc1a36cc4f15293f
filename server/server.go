// Package server is Accord's HTTP API and explorer page, built on gin.
//
// It is the only package that imports gin. Every route is registered in
// routes, each by a handler method named after its resource and action
// (handleEntityGet, handleFactIndex, ...), and every error a handler meets
// is answered by writeError, the one place that turns errors into HTTP
// statuses and RFC 9457 problem details.
//
// The routes are (openapi.go describes them in OpenAPI 3):
//
//	GET  /healthz                         store size, for probes
//	GET  /api/v1/entities?q=&type=&limit=&cursor=
//	                                      search entities by name or alias
//	GET  /api/v1/entities/:id             one entity with its facts and documents
//	GET  /api/v1/entities/:id/neighbors?depth=&predicate=&type=&doc=&since=&until=&modality=&limit=
//	                                      its neighbourhood as nodes and edges
//	GET  /api/v1/entities/:id/neighbors/groups?predicate=&doc=&since=&until=&modality=
//	                                      its neighbours grouped by predicate, direction and type
//	GET  /api/v1/entities/:id/neighbors/members?predicate=&direction=&type=&limit=&offset=&doc=&since=&until=&modality=
//	                                      a page of one group's members as nodes and edges
//	GET  /api/v1/facts?subject=&predicate=&object=&doc=&since=&until=&modality=&limit=&cursor=
//	                                      facts matching a triple pattern
//	GET  /api/v1/path?from=&to=&max_depth=&predicate=&exclude=&k=
//	                                      shortest paths between two entities
//	GET  /api/v1/documents                every stored document
//	GET  /api/v1/documents/:id            one document with its facts
//	GET  /api/v1/conflicts?subject=&predicate=
//	                                      claims that disagree across documents
//	GET  /api/v1/queries                  the named analyst queries
//	GET  /api/v1/queries/:name?params     run one
//	POST /api/v1/query/gizmo              Cayley's Gizmo, read-only and bounded
//	GET  /api/v1/export?format=&doc=&entity=&depth=
//	                                      the graph, a document or a neighbourhood
//	                                      as N-Quads, JSON-LD or GraphML
//	GET  /api/v1/openapi.json             the OpenAPI 3 description
//	POST /api/v1/documents[?name=]        extract and store documents (token)
//	DELETE /api/v1/documents/:id          forget a document (token)
//	POST /api/v1/import                   load N-Quads, all or nothing (token)
//	GET  /api/v1/corrections?active=      the analysts' corrections, undos included
//	GET  /api/v1/corrections/:id          one correction
//	POST /api/v1/corrections              make a correction (token; correction.go)
//	POST /api/v1/corrections/:id/undo     undo one, itself a record (token)
//	GET  /                                the explorer page (assets under /ui/)
//
// The server is read-only unless started with a token (Options.Token, from
// $ACCORD_TOKEN): the write routes then need "Authorization: Bearer TOKEN".
// Every request passes the guards of limits.go first: a rate limit per
// client, CORS (off unless Options.CORSOrigin), and the route's media type,
// body size and deadlines (Options.Limits); each refusal is a problem.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// ShutdownTimeout bounds how long Run and Serve wait for in-flight requests
// once their context is done.
const ShutdownTimeout = 10 * time.Second

// Options configures a Server.
type Options struct {
	// Logger receives one line per request and the errors behind 5xx
	// answers. When nil, requests are not logged and errors go to
	// slog.Default().
	Logger *slog.Logger
	// GizmoTimeout bounds each Gizmo query; default DefaultGizmoTimeout.
	GizmoTimeout time.Duration

	// Token enables the write routes, which then need it as a bearer
	// token; when empty (and Tokens too) they answer 403 (see security.go).
	Token string
	// Tokens maps more write tokens to the names of the analysts they
	// belong to; a correction made with one is recorded as theirs.
	Tokens map[string]string
	// Ingest reads a document for POST /api/v1/documents; nil disables
	// that route (501).
	Ingest IngestFunc
	// CORSOrigin is the one origin (scheme://host[:port]) whose pages may
	// call the API from a browser; empty turns CORS off.
	CORSOrigin string
	// Limits bounds rates, bodies and times (see limits.go).
	Limits Limits
}

// DefaultGizmoTimeout is how long a Gizmo query may run by default.
const DefaultGizmoTimeout = 5 * time.Second

// Server serves Accord's API and explorer page over a graph store.
type Server struct {
	store  *graph.Store
	logger *slog.Logger // for errors; never nil
	access bool         // log each request
	router *gin.Engine

	gizmoTimeout time.Duration
	guard        *guard // the state of the guards (limits.go)
}

// New returns a server that reads from store.
func New(store *graph.Store, opts Options) *Server {
	s := &Server{store: store, logger: opts.Logger, access: opts.Logger != nil, gizmoTimeout: opts.GizmoTimeout}
	if s.gizmoTimeout <= 0 {
		s.gizmoTimeout = DefaultGizmoTimeout
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	gin.SetMode(gin.ReleaseMode)
	s.router = gin.New()
	s.router.HandleMethodNotAllowed = true
	s.guard = newGuard(opts)
	s.routes()
	return s
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.router }

// routes registers every middleware and route of the server.
func (s *Server) routes() {
	r := s.router
	if s.access {
		r.Use(s.logRequests)
	}
	r.Use(s.recoverPanics, securityHeaders)
	s.useGuards(r)
	r.NoRoute(s.handleNoRoute)
	r.NoMethod(s.handleNoMethod)

	r.GET("/", s.handleIndex)
	r.GET("/ui/:file", s.handleAsset)
	r.GET("/healthz", s.handleHealthz)

	api := r.Group("/api/v1")
	api.GET("/entities", s.handleEntityIndex)
	api.GET("/entities/:id", s.handleEntityGet)
	api.GET("/entities/:id/neighbors", s.handleEntityNeighbors)
	api.GET("/entities/:id/neighbors/groups", s.handleNeighborGroups)
	api.GET("/entities/:id/neighbors/members", s.handleNeighborMembers)
	api.GET("/facts", s.handleFactIndex)
	api.GET("/path", s.handlePath)
	api.GET("/documents", s.handleDocumentIndex)
	api.GET("/documents/:id", s.handleDocumentGet)
	api.GET("/conflicts", s.handleConflicts)
	api.GET("/queries", s.handleQueryIndex)
	api.GET("/queries/:name", s.handleQueryRun)
	api.POST("/query/gizmo", s.handleGizmo)
	api.GET("/export", s.handleExport)
	api.GET("/openapi.json", s.handleOpenAPI)
	api.GET("/corrections", s.handleCorrectionIndex)
	api.GET("/corrections/:id", s.handleCorrectionGet)
	s.writeRoutes(api)
}

// Run listens on addr and serves until ctx is done, then shuts down
// gracefully (see Serve).
func (s *Server) Run(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is done. It then stops accepting connections
// and waits up to ShutdownTimeout for in-flight requests to finish before
// closing the rest. It returns nil after a clean shutdown. Serve closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.router,
		ReadHeaderTimeout: s.guard.limits.ReadHeaderTimeout,
		ReadTimeout:       s.guard.limits.ReadTimeout,
		// A fallback: each route sets its own write deadline (limits.go).
		WriteTimeout: s.guard.limits.RequestTimeout + writeGrace,
		IdleTimeout:  s.guard.limits.IdleTimeout,
		ErrorLog:     slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
		// Requests get their own context: cancelling ctx starts the
		// shutdown but must not cut the requests it lets finish.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	err := hs.Shutdown(sctx)
	if err != nil {
		hs.Close()
		err = fmt.Errorf("serve: shutdown: %w", err)
	}
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = fmt.Errorf("serve: %w", serr)
	}
	return err
}

// logRequests logs one line per request once it is answered.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	s.logger.LogAttrs(c.Request.Context(), slog.LevelInfo, "http request",
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", c.Writer.Status()),
		slog.Int("bytes", max(c.Writer.Size(), 0)),
		slog.Duration("duration", time.Since(start)),
		slog.String("remote", c.ClientIP()),
	)
}

// securityHeaders sets the headers that keep the explorer page to its own
// scripts and styles; they cost nothing on the API's answers.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	c.Next()
}

// handleHealthz answers probes with the size of the store.
func (s *Server) handleHealthz(c *gin.Context) {
	st, err := s.store.Stats(c.Request.Context())
	if err != nil {
		s.writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok", "quads": st.Quads, "documents": st.Documents})
}
