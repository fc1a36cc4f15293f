package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// handleOpenAPI serves the OpenAPI 3 description of the API.
func (s *Server) handleOpenAPI(c *gin.Context) { c.JSON(http.StatusOK, withWrites(openAPI())) }

// param describes a query or path parameter.
func param(name, in, typ, doc string, required bool) map[string]any {
	schema := map[string]any{"type": typ}
	return map[string]any{"name": name, "in": in, "description": doc, "required": required || in == "path", "schema": schema}
}

func q(name, typ, doc string) map[string]any { return param(name, "query", typ, doc, false) }

func qreq(name, typ, doc string) map[string]any { return param(name, "query", typ, doc, true) }

// op describes an operation answering JSON (or the given media types) with
// problem details on the listed error statuses.
func op(summary, doc string, params []map[string]any, errs []string, media ...string) map[string]any {
	if len(media) == 0 {
		media = []string{"application/json"}
	}
	content := map[string]any{}
	for _, m := range media {
		content[m] = map[string]any{"schema": map[string]any{"type": "object"}}
		if m != "application/json" {
			content[m] = map[string]any{"schema": map[string]any{"type": "string"}}
		}
	}
	responses := map[string]any{"200": map[string]any{"description": "OK", "content": content}}
	for _, e := range errs {
		responses[e] = map[string]any{"$ref": "#/components/responses/Problem"}
	}
	o := map[string]any{"summary": summary, "description": doc, "responses": responses}
	if len(params) > 0 {
		o["parameters"] = params
	}
	return o
}

// openAPI returns the description of every route under /api/v1; a test
// checks it against the router.
func openAPI() map[string]any {
	asOf := q("as_of", "string", "only facts that held on this day (YYYY-MM-DD), by their valid time (validFrom/validUntil); "+
		"the answer's disputes list the facts whose sources date them differently around that day")
	scope := []map[string]any{
		q("doc", "string", "only facts read from this document (its identifier)"),
		q("since", "string", "only documents published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)"),
		q("until", "string", "only documents published on or before this date"),
		q("modality", "string", "asserted, reported, expected or sought (comma-separated)"),
		asOf,
	}
	with := func(ps ...[]map[string]any) []map[string]any {
		var out []map[string]any
		for _, p := range ps {
			out = append(out, p...)
		}
		return out
	}
	id := []map[string]any{param("id", "path", "string", "the entity id", true)}
	paths := map[string]any{
		"/api/v1/entities": map[string]any{"get": op("Search entities",
			"By name and alias, case- and accent-blind, prefix and typo-tolerant; ranked exact > alias > prefix > fuzzy, then by number of facts.",
			[]map[string]any{qreq("q", "string", "the name to look for"), q("type", "string", "entity types, comma-separated"),
				q("limit", "integer", "results per page, 1 to 200 (default 20)"), q("cursor", "string", "next_cursor of the previous page")},
			[]string{"400"})},
		"/api/v1/entities/{id}": map[string]any{"get": op("One entity",
			"Names, type, facts grouped by predicate in both directions, each with document, evidence, modality and qualifiers; the documents that mention it.",
			with(id, []map[string]any{q("limit", "integer", "facts per direction, 1 to 5000 (default 500)"), asOf}), []string{"400", "404"})},
		"/api/v1/entities/{id}/neighbors": map[string]any{"get": op("An entity's neighbourhood",
			"Nodes and edges within depth hops, each edge with its documents and evidence, ready for a graph view.",
			with(id, []map[string]any{q("depth", "integer", "1 to 3 (default 1)"), q("predicate", "string", "predicates, comma-separated"),
				q("type", "string", "neighbour types, comma-separated"), q("limit", "integer", "edges, 1 to 5000 (default 200)")}, scope),
			[]string{"400", "404"})},
		"/api/v1/entities/{id}/neighbors/groups": map[string]any{"get": op("An entity's neighbours in groups",
			"The one-hop neighbourhood summarised: neighbours grouped by predicate, direction (out: the entity is the subject; in: the object; both: a symmetric predicate such as met) and type, each group with its number of distinct entities and of facts, largest first; the totals over all groups. For a graph view of an entity with too many neighbours to draw.",
			with(id, []map[string]any{q("predicate", "string", "predicates, comma-separated")}, scope),
			[]string{"400", "404"})},
		"/api/v1/entities/{id}/neighbors/members": map[string]any{"get": op("A page of one neighbour group",
			"The members of the group (predicate, direction, type) as nodes and edges, shaped like neighbors: the entity and the members as nodes, every edge in scope between the entity and each member with its evidence. Members are ordered by their number of facts with the entity, most first; more is how many follow the page.",
			with(id, []map[string]any{qreq("predicate", "string", "the group's predicate"), qreq("direction", "string", "out, in or both"),
				q("type", "string", "the group's type (every type when absent)"), q("limit", "integer", "members, 1 to 500 (default 50)"),
				q("offset", "integer", "members to skip (default 0)")}, scope),
			[]string{"400", "404"})},
		"/api/v1/facts": map[string]any{"get": op("Facts matching a triple pattern",
			"Any position open but not all; object is an entity id or a double-quoted literal; paginated; each fact with its evidence.",
			with([]map[string]any{q("subject", "string", "entity id"), q("predicate", "string", "predicate local name"),
				q("object", "string", "entity id or \"literal\""), q("limit", "integer", "1 to 1000 (default 100)"),
				q("cursor", "string", "next_cursor of the previous page")}, scope), []string{"400"})},
		"/api/v1/path": map[string]any{"get": op("Shortest paths between two entities",
			"Edges walked either way; k shortest simple paths; every hop with predicate, direction, documents and evidence. No path: 200 with an empty list and the depth searched.",
			[]map[string]any{qreq("from", "string", "entity id, name or alias"), qreq("to", "string", "entity id, name or alias"),
				q("max_depth", "integer", "1 to 10 (default 6)"), q("predicate", "string", "walk only these predicates, comma-separated"),
				q("exclude", "string", "entities no path passes through, comma-separated"), q("k", "integer", "1 to 20 (default 1)"), asOf},
			[]string{"400", "404", "409"})},
		"/api/v1/documents": map[string]any{"get": op("The corpus", "Every stored document's metadata.", nil, nil)},
		"/api/v1/documents/{id}": map[string]any{"get": op("One document and its facts", "Metadata and a page of facts.",
			[]map[string]any{param("id", "path", "string", "the document identifier (file name)", true),
				q("limit", "integer", "1 to 1000 (default 1000)"), q("cursor", "string", "next_cursor of the previous page")},
			[]string{"400", "404"})},
		"/api/v1/conflicts": map[string]any{"get": op("Claims that disagree",
			"Same subject and predicate with different literal values, or different amount/count/date qualifiers across documents; every claim with its source.",
			[]map[string]any{q("subject", "string", "entity id, name or alias"), q("predicate", "string", "predicates, comma-separated")},
			[]string{"400", "404", "409"})},
		"/api/v1/queries": map[string]any{"get": op("Named analyst queries", "Each with its parameters and documentation.", nil, nil)},
		"/api/v1/queries/{name}": map[string]any{"get": op("Run a named query",
			"The query's parameters are passed as query parameters; see GET /api/v1/queries.",
			[]map[string]any{param("name", "path", "string", "the query's name", true), asOf}, []string{"400", "404"})},
		"/api/v1/query/gizmo": map[string]any{"post": func() map[string]any {
			o := op("Gizmo query", "Cayley's Gizmo (JavaScript), read-only, with a time limit and a result limit.",
				[]map[string]any{q("limit", "integer", "results, 1 to 10000 (default 100)")}, []string{"400", "422"})
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/javascript": map[string]any{"schema": map[string]any{"type": "string"}},
				"application/json": map[string]any{"schema": map[string]any{"type": "object",
					"properties": map[string]any{"query": map[string]any{"type": "string"}}}},
			}}
			return o
		}()},
		"/api/v1/export": map[string]any{"get": op("Export",
			"The whole graph, one document's named graph, or an entity's neighbourhood, streamed.",
			[]map[string]any{q("format", "string", "nquads (default), jsonld or graphml"), q("doc", "string", "a document identifier"),
				q("entity", "string", "an entity id"), q("depth", "integer", "hops around entity, 1 to 3 (default 1)")},
			[]string{"400", "404"}, "application/n-quads", "application/ld+json", "application/graphml+xml")},
		"/api/v1/openapi.json": map[string]any{"get": op("This description", "OpenAPI 3.", nil, nil)},
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "Accord", "version": "1",
			"description": "A knowledge graph of news about governments: entities, facts and the sentences that state them."},
		"paths": paths,
		"components": map[string]any{"responses": map[string]any{"Problem": map[string]any{
			"description": "An error, as RFC 9457 problem details",
			"content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{
				"type": "object",
				"properties": map[string]any{"type": map[string]any{"type": "string"}, "title": map[string]any{"type": "string"},
					"status": map[string]any{"type": "integer"}, "detail": map[string]any{"type": "string"},
					"instance": map[string]any{"type": "string"}, "candidates": map[string]any{"type": "array", "items": map[string]any{"type": "object"}}},
			}}},
		}}},
	}
}
