package server

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// The corrections routes: an analyst's merges, splits, renames, retypes,
// rejections, confirmations and added facts, each a record naming who made
// it (the analyst the bearer token belongs to, Options.Tokens), when and why.
//
// An undo is POST /api/v1/corrections/{id}/undo, not DELETE: it takes the
// correction's effect back but deletes nothing, it adds a record of its
// own (who undid what, when and why) that the audit lists beside the
// correction.

// correctionBody is what a client sends to make a correction: the record
// without the fields the server sets (id, when, and who when the token
// names the analyst).
type correctionBody struct {
	Kind   graph.CorrectionKind `json:"kind"`
	Entity string               `json:"entity"`
	From   string               `json:"from"`
	Alias  string               `json:"alias"`
	Name   string               `json:"name"`
	Type   graph.Kind           `json:"type"`
	Fact   *graph.FactRef       `json:"fact"`
	Note   string               `json:"note"`
	Source string               `json:"source"`
	Who    string               `json:"who"`
}

// undoBody is the optional body of an undo.
type undoBody struct {
	Note string `json:"note"`
	Who  string `json:"who"`
}

// handleCorrectionIndex lists every correction, undos included, oldest
// first; ?active=true keeps the ones in force.
func (s *Server) handleCorrectionIndex(c *gin.Context) {
	all, err := s.store.Corrections(c.Request.Context())
	if err != nil {
		s.writeError(c, err)
		return
	}
	active := c.Query("active")
	if active != "" && active != "true" && active != "false" {
		s.writeError(c, badParam("active", "must be true or false"))
		return
	}
	out := make([]graph.Correction, 0, len(all))
	for _, x := range all {
		if active == "" || x.Active() == (active == "true") {
			out = append(out, x)
		}
	}
	c.JSON(http.StatusOK, gin.H{"corrections": out})
}

// correctionDetail is one correction with what it changed.
type correctionDetail struct {
	graph.Correction
	Changes []graph.Change `json:"changes"`
}

// handleCorrectionGet returns one correction and what it changed, document
// by document.
func (s *Server) handleCorrectionGet(c *gin.Context) {
	ctx := c.Request.Context()
	x, err := s.store.Correction(ctx, c.Param("id"))
	if err != nil {
		s.writeError(c, notFound("correction", c.Param("id"), err))
		return
	}
	ch, err := s.store.CorrectionChanges(ctx, x.ID)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if ch == nil {
		ch = []graph.Change{}
	}
	c.JSON(http.StatusOK, correctionDetail{Correction: x, Changes: ch})
}

// analystBody decodes a correction request's body into dst (empty allows
// no body) and returns the analyst making it, from the token or from the
// body's who field; on an error it has written the problem and says false.
func (s *Server) analystBody(c *gin.Context, dst any, empty bool, bodyWho *string) (string, bool) {
	if err := decodeBody(c.Request.Body, dst, empty); err != nil {
		s.writeError(c, err)
		return "", false
	}
	who, err := s.analyst(c, *bodyWho)
	if err != nil {
		s.writeError(c, err)
		return "", false
	}
	return who, true
}

// handleCorrectionCreate makes a correction: 201 with its record and a
// Location.
func (s *Server) handleCorrectionCreate(c *gin.Context) {
	var b correctionBody
	who, ok := s.analystBody(c, &b, false, &b.Who)
	if !ok {
		return
	}
	if b.Kind == graph.Undo {
		s.writeError(c, &graph.FieldError{Field: "kind", Reason: "undo a correction with POST /api/v1/corrections/{id}/undo"})
		return
	}
	s.record(c, graph.Correction{Kind: b.Kind, Entity: b.Entity, From: b.From, Alias: b.Alias, Name: b.Name,
		Type: b.Type, Fact: b.Fact, Note: b.Note, Source: b.Source, Who: who})
}

// handleCorrectionUndo undoes a correction: 201 with the undo's record.
func (s *Server) handleCorrectionUndo(c *gin.Context) {
	var b undoBody
	who, ok := s.analystBody(c, &b, true, &b.Who)
	if !ok {
		return
	}
	id := c.Param("id")
	if _, err := s.store.Correction(c.Request.Context(), id); err != nil {
		s.writeError(c, notFound("correction", id, err))
		return
	}
	s.record(c, graph.Correction{Kind: graph.Undo, Undoes: id, Note: b.Note, Who: who})
}

// record stores a correction and answers with it.
func (s *Server) record(c *gin.Context, x graph.Correction) {
	got, err := s.store.Correct(c.Request.Context(), x)
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.logger.Info("correction", "id", got.ID, "kind", got.Kind, "who", got.Who)
	c.Header("Location", "/api/v1/corrections/"+got.ID)
	c.JSON(http.StatusCreated, got)
}

// analyst returns who makes a write: the analyst the request's token
// belongs to (Options.Tokens); with the one server token, the body's who.
func (s *Server) analyst(c *gin.Context, who string) (string, error) {
	if name := c.GetString(analystKey); name != "" {
		if who != "" && who != name {
			return "", &graph.FieldError{Field: "who", Reason: fmt.Sprintf("the token is %s's; leave who out or give that name", name)}
		}
		return name, nil
	}
	if strings.TrimSpace(who) == "" {
		return "", &graph.FieldError{Field: "who", Reason: "required: the server's token names no analyst (start it with --tokens FILE)"}
	}
	return who, nil
}

// decodeBody reads a JSON body strictly: an unknown field or a value of
// the wrong type is an error naming the field. With optional, an empty
// body is allowed.
func decodeBody(r io.Reader, v any, optional bool) error {
	br := bufio.NewReader(r)
	if _, err := br.Peek(1); errors.Is(err, io.EOF) {
		if optional {
			return nil
		}
		return &graph.FieldError{Field: "body", Reason: "required: a JSON object"}
	}
	dec := json.NewDecoder(br)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case err == nil:
		if dec.More() {
			return &graph.FieldError{Field: "body", Reason: "one JSON object, nothing after it"}
		}
		return nil
	case errors.As(err, &te):
		return &graph.FieldError{Field: te.Field, Reason: fmt.Sprintf("want a %s, not a JSON %s", te.Type, te.Value)}
	case errors.As(err, &se):
		return &graph.FieldError{Field: "body", Reason: fmt.Sprintf("not JSON at byte %d: %v", se.Offset, se)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &graph.FieldError{Field: f, Reason: "unknown field"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &graph.FieldError{Field: "body", Reason: "the JSON object ends early"}
	}
	return err
}

// ParseTokens reads a tokens file: one "TOKEN NAME" a line (the name is the
// rest of the line), blank lines and lines starting with # ignored. It
// returns the analyst's name by token; errors name the line.
func ParseTokens(r io.Reader) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		tok, name := line, ""
		if i := strings.IndexAny(line, " \t"); i > 0 {
			tok, name = line[:i], strings.TrimSpace(line[i+1:])
		}
		switch {
		case name == "":
			return nil, fmt.Errorf("line %d: want TOKEN NAME", n)
		case len(tok) < 16:
			return nil, fmt.Errorf("line %d: token of %s is shorter than 16 characters", n, name)
		case out[tok] != "":
			return nil, fmt.Errorf("line %d: token already given to %s", n, out[tok])
		}
		out[tok] = name
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no tokens")
	}
	return out, nil
}

// withCorrections adds the corrections routes to the OpenAPI description.
func withCorrections(spec map[string]any, secure func(map[string]any, map[string]any) map[string]any) {
	paths := spec["paths"].(map[string]any)
	obj := map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}
	guarded := []string{"401", "403", "413", "415", "422", "429"}
	create := op("Make a correction",
		"Records an analyst's correction and applies it to the stored graph and to every document loaded later. "+
			"The body is a JSON object: kind (merge, split, rename, retype, reject, confirm, add), and by kind: "+
			"merge entity (kept) and from (merged into it); split entity and alias (type optional); rename entity and name; "+
			"retype entity and type; reject and confirm fact {subject, predicate, object {entity|literal}, doc optional}; "+
			"add fact, note (required) and source (a document id, optional). note says why; who is the analyst the token "+
			"belongs to (--tokens), else required. 201 with the record and a Location; a bad field is 422 whose field member names it.",
		nil, guarded)
	create["responses"].(map[string]any)["201"] = map[string]any{"description": "Recorded", "content": obj}
	delete(create["responses"].(map[string]any), "200")
	paths["/api/v1/corrections"] = map[string]any{
		"get": op("List corrections", "Every correction, undos included, oldest first, each with who, when, note and undone_by.",
			[]map[string]any{q("active", "boolean", "true: only the corrections in force; false: only undos and undone ones")}, []string{"400"}),
		"post": secure(create, obj),
	}
	paths["/api/v1/corrections/{id}"] = map[string]any{
		"get": op("One correction", "One correction's record, with changes: the facts, names, aliases and types it removed and added, document by document (none once undone).",
			[]map[string]any{param("id", "path", "string", "the correction's id", true)}, []string{"404"}),
	}
	undo := op("Undo a correction",
		"Takes a correction's effect back from the documents still stored and stops it applying to later loads. "+
			"Nothing is deleted: the undo is a record of its own (optional body {\"note\": \"why\"}), and the audit keeps both. 201 with the undo's record.",
		[]map[string]any{param("id", "path", "string", "the correction's id", true)}, append(guarded, "404"))
	undo["responses"].(map[string]any)["201"] = map[string]any{"description": "Undone", "content": obj}
	delete(undo["responses"].(map[string]any), "200")
	paths["/api/v1/corrections/{id}/undo"] = map[string]any{"post": secure(undo, obj)}
}
