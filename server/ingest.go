package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// IngestFunc reads one document into its graph, as `accord load` does for
// a file: name is the document's identifier, a file name whose extension
// selects the format, and body its bytes. An error means the document
// cannot be read (empty, binary, unsupported type, too large) and is shown
// to the client. cmd wires it to the loader, which this package does not
// import.
type IngestFunc func(ctx context.Context, name string, body []byte) (graph.DocumentGraph, error)

// maxBatchDocuments is how many documents one multipart request may carry.
const maxBatchDocuments = 1000

// ingested is one document of an ingest answer.
type ingested struct {
	ID       string `json:"id"`
	Result   string `json:"result"` // added, replaced or unchanged
	Facts    int    `json:"facts"`
	Entities int    `json:"entities"`
}

// ingestAnswer is the answer of POST /api/v1/documents.
type ingestAnswer struct {
	Documents []ingested `json:"documents"`
	Added     int        `json:"added"`
	Replaced  int        `json:"replaced"`
	Unchanged int        `json:"unchanged"`
}

// docFailure is a document of a request that could not be read.
type docFailure struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// handleDocumentCreate extracts and stores documents, as `accord load`
// does: one document as the body (text/plain, text/markdown or text/html;
// its identifier from ?name= or the Content-Disposition filename, else
// made from its content hash), or several as the files of a
// multipart/form-data body, each named by its filename. A batch is all or
// nothing: if one document cannot be read, none is stored and the answer
// (422) lists the failures. A document already stored with the same
// content is left unchanged; one with new content replaces the old. The
// answer is 201 with a Location when a single document was added, else 200.
func (s *Server) handleDocumentCreate(c *gin.Context) {
	if s.guard.ingest == nil {
		s.writeError(c, &statusError{status: http.StatusNotImplemented, detail: "document ingest is not configured on this server; POST /api/v1/import takes N-Quads"})
		return
	}
	ctx := c.Request.Context()
	mt, params, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	var docs []namedBody
	var err error
	if mt == "multipart/form-data" {
		docs, err = readParts(c.Request, params["boundary"])
	} else {
		docs, err = readSingle(c, mt)
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	dgs := make([]graph.DocumentGraph, 0, len(docs))
	var failed []docFailure
	for _, d := range docs {
		dg, err := s.extract(ctx, d.name, d.body)
		if err != nil {
			if ctx.Err() != nil {
				s.writeError(c, err)
				return
			}
			failed = append(failed, docFailure{ID: d.name, Error: ingestDetail(err)})
			continue
		}
		dg.Doc.ID = d.name
		dgs = append(dgs, dg)
	}
	if len(failed) > 0 {
		detail := fmt.Sprintf("document %q: %s", failed[0].ID, failed[0].Error)
		if len(docs) > 1 {
			detail = fmt.Sprintf("%d of %d documents cannot be read, so none was stored; the first: %s", len(failed), len(docs), detail)
		}
		s.writeError(c, &statusError{status: http.StatusUnprocessableEntity, detail: detail, extra: map[string]any{"failed": failed}})
		return
	}
	res, err := s.store.PutBatch(ctx, dgs)
	if err != nil {
		s.writeError(c, err)
		return
	}
	ans := ingestAnswer{Documents: make([]ingested, 0, len(dgs))}
	for i, dg := range dgs {
		ans.Documents = append(ans.Documents, ingested{ID: dg.Doc.ID, Result: res[i].String(), Facts: len(dg.Facts), Entities: len(dg.Entities)})
		switch res[i] {
		case graph.Added:
			ans.Added++
		case graph.Replaced:
			ans.Replaced++
		case graph.Unchanged:
			ans.Unchanged++
		}
	}
	s.logger.Info("documents ingested", "documents", len(dgs), "added", ans.Added, "replaced", ans.Replaced, "unchanged", ans.Unchanged, "remote", c.RemoteIP())
	status := http.StatusOK
	if len(dgs) == 1 && res[0] == graph.Added {
		status = http.StatusCreated
		c.Header("Location", "/api/v1/documents/"+url.PathEscape(dgs[0].Doc.ID))
	}
	c.JSON(status, ans)
}

// namedBody is a document's identifier and bytes as a request sent them.
type namedBody struct {
	name string
	body []byte
}

// extensions maps the single-document media types to the extension of a
// name made up for a document sent without one.
var extensions = map[string]string{
	"text/plain":      ".txt",
	"text/markdown":   ".md",
	"text/x-markdown": ".md",
	"text/html":       ".html",
}

// readSingle reads a body that is one document of media type mt.
func readSingle(c *gin.Context, mt string) ([]namedBody, error) {
	name := strings.TrimSpace(c.Query("name"))
	if name == "" {
		if _, p, err := mime.ParseMediaType(c.GetHeader("Content-Disposition")); err == nil {
			name = p["filename"]
		}
	}
	if name != "" {
		if reason := badName(name); reason != "" {
			return nil, badParam("name", reason)
		}
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return nil, err
	}
	if name == "" {
		sum := sha256.Sum256(body)
		name = "doc-" + hex.EncodeToString(sum[:8]) + extensions[mt]
	}
	return []namedBody{{name: name, body: body}}, nil
}

// readParts reads the files of a multipart/form-data body; every part must
// be a file, and two files may not share a name.
func readParts(r *http.Request, boundary string) ([]namedBody, error) {
	if boundary == "" {
		return nil, badParam("", "a multipart/form-data body needs its boundary parameter")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, badParam("", "the multipart body cannot be read: "+err.Error())
	}
	var out []namedBody
	seen := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, multipartError(err)
		}
		name := part.FileName()
		if name == "" {
			return nil, badParam("", fmt.Sprintf("part %q is not a file: every part must be a document with a filename", part.FormName()))
		}
		if reason := badName(name); reason != "" {
			return nil, badParam("", fmt.Sprintf("file %q: the name %s", name, reason))
		}
		if seen[name] {
			return nil, badParam("", fmt.Sprintf("file %q is sent twice", name))
		}
		seen[name] = true
		if len(out) == maxBatchDocuments {
			return nil, &statusError{status: http.StatusRequestEntityTooLarge, detail: fmt.Sprintf("A batch holds at most %d documents.", maxBatchDocuments)}
		}
		b, err := io.ReadAll(part)
		if err != nil {
			return nil, multipartError(err)
		}
		out = append(out, namedBody{name: name, body: b})
	}
	if len(out) == 0 {
		return nil, badParam("", "the multipart body holds no file")
	}
	return out, nil
}

// multipartError passes on the errors of the body itself (too large, too
// slow) and turns the multipart reader's into a 400.
func multipartError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || errors.Is(err, os.ErrDeadlineExceeded) {
		return err
	}
	return badParam("", "the multipart body cannot be read: "+err.Error())
}

// badName returns why name cannot identify a document, or "": it must be
// a plain file name, as `accord load` stores (no folder, no leading dot,
// no control characters, at most 255 bytes).
func badName(name string) string {
	switch {
	case len(name) > 255:
		return "must be at most 255 bytes"
	case strings.ContainsAny(name, `/\`):
		return "must be a file name, without folders"
	case strings.HasPrefix(name, "."):
		return "must not start with a dot"
	case strings.IndexFunc(name, func(r rune) bool { return unicode.IsControl(r) || r == unicode.ReplacementChar }) >= 0:
		return "must not hold control characters or invalid UTF-8"
	}
	return ""
}

// extract runs the ingest function on one document; a panic in it fails
// that document, and is logged with its stack.
func (s *Server) extract(ctx context.Context, name string, body []byte) (dg graph.DocumentGraph, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.logger.Error("extraction panicked", "doc", name, "panic", r, "stack", string(debug.Stack()))
			err = errors.New("the extractor failed on this document; the error has been logged")
		}
	}()
	return s.guard.ingest(ctx, name, body)
}

// ingestDetail is an ingest error as the client sees it, without
// package prefixes.
func ingestDetail(err error) string {
	d := clientDetail(err)
	return strings.ReplaceAll(d, "loader: ", "")
}

// handleImport loads N-Quads (application/n-quads), all or nothing as
// `accord import` does: a bad line is 422 naming it, and nothing is kept.
func (s *Server) handleImport(c *gin.Context) {
	body := &bodyReader{r: c.Request.Body}
	n, err := s.store.Import(c.Request.Context(), body)
	if err != nil {
		if body.err != nil {
			// A body cut short (too large, too slow) ends in a partial
			// line, which the import reports as bad: the cut is the cause.
			err = body.err
		}
		s.writeError(c, err)
		return
	}
	s.logger.Info("quads imported", "quads", n, "remote", c.RemoteIP())
	c.JSON(http.StatusOK, gin.H{"quads": n})
}

// handleDocumentDelete forgets a document, as `accord forget` does: its
// metadata, named graph and evidence, and the entities no other document
// mentions. The answer is 204.
func (s *Server) handleDocumentDelete(c *gin.Context) {
	id := c.Param("id")
	if err := s.store.Forget(c.Request.Context(), id); err != nil {
		s.writeError(c, notFound("document", id, err))
		return
	}
	s.logger.Info("document forgotten", "doc", id, "remote", c.RemoteIP())
	c.Status(http.StatusNoContent)
}

// writeRoutes registers the routes that change the graph; the guards let
// them through only with the bearer token.
func (s *Server) writeRoutes(api *gin.RouterGroup) {
	api.POST("/documents", s.handleDocumentCreate)
	api.DELETE("/documents/:id", s.handleDocumentDelete)
	api.POST("/import", s.handleImport)
	api.POST("/corrections", s.handleCorrectionCreate)
	api.POST("/corrections/:id/undo", s.handleCorrectionUndo)
}

// withWrites adds the write routes, their bearer-token scheme and the
// guards' answers to the OpenAPI description.
func withWrites(spec map[string]any) map[string]any {
	paths := spec["paths"].(map[string]any)
	guarded := []string{"401", "403", "413", "415", "422", "429"}
	secure := func(o map[string]any, body map[string]any) map[string]any {
		o["security"] = []map[string]any{{"bearer": []string{}}}
		if body != nil {
			o["requestBody"] = map[string]any{"required": true, "content": body}
		}
		return o
	}
	text := map[string]any{"schema": map[string]any{"type": "string"}}
	docs, _ := paths["/api/v1/documents"].(map[string]any)
	if docs == nil {
		docs = map[string]any{}
		paths["/api/v1/documents"] = docs
	}
	docs["post"] = secure(op("Ingest documents",
		"Extracts and stores documents as `accord load` does: one as the body (its identifier from name, else the Content-Disposition filename, else its content hash), or several as the files of a multipart/form-data body, all or nothing. 201 with a Location when one document was added, else 200.",
		[]map[string]any{q("name", "string", "the document's identifier, a file name whose extension selects the format (.txt, .md, .html)")},
		guarded), map[string]any{"text/plain": text, "text/markdown": text, "text/html": text,
		"multipart/form-data": map[string]any{"schema": map[string]any{"type": "object"}}})
	one, _ := paths["/api/v1/documents/{id}"].(map[string]any)
	if one == nil {
		one = map[string]any{}
		paths["/api/v1/documents/{id}"] = one
	}
	del := op("Forget a document", "Removes its metadata, named graph and evidence, and the entities no other document mentions, as `accord forget` does. 204 on success.",
		[]map[string]any{param("id", "path", "string", "the document identifier (file name)", true)}, []string{"401", "403", "404", "429"})
	del["responses"].(map[string]any)["204"] = map[string]any{"description": "Forgotten"}
	delete(del["responses"].(map[string]any), "200")
	one["delete"] = secure(del, nil)
	paths["/api/v1/import"] = map[string]any{"post": secure(op("Import N-Quads",
		"Loads N-Quads (W3C) all or nothing, as `accord import` does; a bad line is 422 naming it.", nil, guarded),
		map[string]any{nquadsType: text})}
	withCorrections(spec, secure)
	if comps, ok := spec["components"].(map[string]any); ok {
		comps["securitySchemes"] = map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer",
			"description": "The server's token, $ACCORD_TOKEN; without one the server is read-only."}}
	}
	return spec
}

// bodyReader remembers the error that ended a request body other than EOF.
type bodyReader struct {
	r   io.Reader
	err error
}

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		b.err = err
	}
	return n, err
}
