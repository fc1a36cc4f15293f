package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/gin-gonic/gin"

	"accord/graph"
	"accord/queries"
)

// problemType is the media type of error answers (RFC 9457).
const problemType = "application/problem+json"

// Errors the router itself meets; writeError maps them like any other.
var (
	errNoRoute  = errors.New("server: no such route")
	errNoMethod = errors.New("server: method not allowed")
)

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
}

// paramError is a query or path parameter the server cannot use.
type paramError struct {
	param  string
	reason string
}

func (e *paramError) Error() string {
	if e.param == "" {
		return e.reason
	}
	return fmt.Sprintf("parameter %q %s", e.param, e.reason)
}

// badParam returns the error for a bad parameter; reason is a phrase
// ("is required", "must be an integer between 1 and 200"). An empty param
// blames the combination of parameters.
func badParam(param, reason string) error { return &paramError{param: param, reason: reason} }

// notFoundError names the resource a request asked for that does not exist.
type notFoundError struct {
	what string // "entity", "document"
	id   string
}

func (e *notFoundError) Error() string { return fmt.Sprintf("no %s with id %q", e.what, e.id) }

func (e *notFoundError) Unwrap() error { return graph.ErrNotFound }

// notFound turns the store's graph.ErrNotFound for the resource what/id
// into an error whose message can be shown to the client; other errors
// pass unchanged.
func notFound(what, id string, err error) error {
	if errors.Is(err, graph.ErrNotFound) {
		return &notFoundError{what: what, id: id}
	}
	return err
}

// writeError answers a request with err as problem+json. It is the one place
// where errors become HTTP statuses:
//
//   - a bad parameter, cursor, date, export format, Gizmo script or named
//     query argument is 400 with the reason;
//   - graph.ErrNotFound, unknown queries and unknown routes are 404, a
//     known route with the wrong method 405;
//   - an ambiguous entity name is 409 and lists the candidates;
//   - a Gizmo query stopped at its time limit is 422;
//   - a closed store or a cancelled request is 503;
//   - the guards' answers come first: 401, 403, 408, 413, 415, 422, 429,
//     503 (limits.go);
//   - anything else is 500 with a generic detail; the real error is logged,
//     never sent.
func (s *Server) writeError(c *gin.Context, err error) {
	status, detail := http.StatusInternalServerError, "The server could not answer this request; the error has been logged."
	var pe *paramError
	var nf *notFoundError
	var fe *graph.FieldError
	var extra map[string]any
	gStatus, gDetail, gExtra, guarded := s.guardProblem(c, err)
	switch {
	case guarded:
		// The guards' refusals, bodies too large or too slow, deadlines
		// and write errors (limits.go).
		status, detail, extra = gStatus, gDetail, gExtra
	case errors.As(err, &pe):
		status, detail = http.StatusBadRequest, pe.Error()
	case errors.As(err, &fe):
		status, detail = http.StatusUnprocessableEntity, fmt.Sprintf("field %q: %s", fe.Field, fe.Reason)
		extra = map[string]any{"field": fe.Field}
	case errors.Is(err, graph.ErrBadCursor), errors.Is(err, graph.ErrBadScope), errors.Is(err, graph.ErrBadFormat),
		errors.Is(err, graph.ErrOpenQuery), errors.Is(err, graph.ErrQuery), isQueryError(err):
		status, detail = http.StatusBadRequest, clientDetail(err)
	case errors.Is(err, graph.ErrQueryTimeout):
		status, detail = http.StatusUnprocessableEntity, clientDetail(err)
	case errors.As(err, &nf):
		status, detail = http.StatusNotFound, nf.Error()
	case errors.Is(err, queries.ErrUnknownQuery):
		status, detail = http.StatusNotFound, clientDetail(err)
	case errors.Is(err, graph.ErrNotFound):
		status, detail = http.StatusNotFound, "The requested resource does not exist."
	case isAmbiguousErr(err):
		ae, _ := isAmbiguous(err)
		status, detail = http.StatusConflict, ae.Error()
		cands := make([]matchView, 0, len(ae.candidates))
		for _, m := range ae.candidates {
			cands = append(cands, viewMatch(m))
		}
		extra = map[string]any{"candidates": cands}
	case errors.Is(err, errNoRoute):
		status, detail = http.StatusNotFound, fmt.Sprintf("No route for %s %s.", c.Request.Method, c.Request.URL.Path)
	case errors.Is(err, errNoMethod):
		allow := c.Writer.Header().Get("Allow")
		status, detail = http.StatusMethodNotAllowed, fmt.Sprintf("%s does not allow %s; use %s.", c.Request.URL.Path, c.Request.Method, allow)
	case errors.Is(err, graph.ErrStoreClose), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		status, detail = http.StatusServiceUnavailable, "The store is not available; try again later."
		s.logger.Warn("request not served", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	default:
		attrs := []any{"method", c.Request.Method, "path", c.Request.URL.Path, "err", err}
		var pe *panicError
		if errors.As(err, &pe) {
			attrs = append(attrs, "stack", pe.stack)
		}
		s.logger.Error("request failed", attrs...)
	}
	c.Abort()
	if c.Writer.Written() {
		// Too late for a problem body: the status line has gone out.
		return
	}
	p := Problem{
		Type:     "about:blank",
		Title:    http.StatusText(status),
		Status:   status,
		Detail:   detail,
		Instance: c.Request.URL.Path,
	}
	body, _ := json.Marshal(p)
	if extra != nil {
		// Extension members (RFC 9457 section 3.2) beside the standard ones.
		m := map[string]any{"type": p.Type, "title": p.Title, "status": p.Status, "detail": p.Detail, "instance": p.Instance}
		for k, v := range extra {
			m[k] = v
		}
		body, _ = json.Marshal(m)
	}
	c.Header("Content-Type", problemType)
	c.Data(status, problemType, body)
}

// panicError is a panic recovered from a handler, with the stack to log.
type panicError struct {
	value any
	stack string
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// recoverPanics answers a panicking handler with a 500 problem and logs the
// panic with its stack; the client never sees the stack.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if r == http.ErrAbortHandler {
			panic(r) // net/http's way to drop the connection; let it through
		}
		s.writeError(c, &panicError{value: r, stack: strings.TrimSpace(string(debug.Stack()))})
	}()
	c.Next()
}

// handleNoRoute answers requests for paths that no route serves.
func (s *Server) handleNoRoute(c *gin.Context) { s.writeError(c, errNoRoute) }

// handleNoMethod answers requests whose path exists for other methods.
func (s *Server) handleNoMethod(c *gin.Context) { s.writeError(c, errNoMethod) }

func isAmbiguousErr(err error) bool {
	_, ok := isAmbiguous(err)
	return ok
}

// clientDetail turns an error the client caused into a detail without the
// package prefixes of sentinel errors ("graph: ", "queries: ").
func clientDetail(err error) string {
	d := err.Error()
	for _, p := range []string{"graph: ", "queries: "} {
		d = strings.ReplaceAll(d, p, "")
	}
	return d
}
