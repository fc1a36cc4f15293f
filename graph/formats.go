package graph

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Export formats.
const (
	FormatNQuads  = "nquads"
	FormatJSONLD  = "jsonld"
	FormatGraphML = "graphml"
)

// Formats lists the export formats with their media types.
var Formats = map[string]string{
	FormatNQuads:  "application/n-quads",
	FormatJSONLD:  "application/ld+json",
	FormatGraphML: "application/graphml+xml",
}

// ErrBadFormat reports an export format Accord does not write.
var ErrBadFormat = fmt.Errorf("graph: unknown export format")

// ExportOptions picks what to export and how: the whole graph, one
// document's named graph (Doc), or an entity's neighbourhood (Entity,
// Depth hops), as N-Quads, JSON-LD or GraphML.
type ExportOptions struct {
	Format string // FormatNQuads (default), FormatJSONLD or FormatGraphML
	Doc    string
	Entity string
	Depth  int // for Entity: 1 to 3, default 1
}

// maxExportEdges bounds an entity neighbourhood export.
const maxExportEdges = 20_000

// ExportTo writes the part of the graph opt picks to w and returns the
// number of quads (for GraphML, edges) written. The whole graph streams:
// quads are read in batches whose node values are fetched together, and
// memory stays flat. Every format is W3C-valid: typed literals carry full
// datatype IRIs.
//
// N-Quads go through the writer of github.com/cayleygraph/quad/nquads.
// JSON-LD is written in expanded form, one node object per quad, because
// quad's JSON-LD writer builds the whole dataset in memory before writing.
// GraphML is a property graph for Gephi and yEd (entities as nodes with
// their names and types, facts as edges with predicate and document),
// which quad's GraphML writer, one node per RDF term, does not give.
func (s *Store) ExportTo(ctx context.Context, w io.Writer, opt ExportOptions) (int, error) {
	if opt.Format == "" {
		opt.Format = FormatNQuads
	}
	if _, ok := Formats[opt.Format]; !ok {
		return 0, fmt.Errorf("%w %q (want nquads, jsonld or graphml)", ErrBadFormat, opt.Format)
	}
	if opt.Doc != "" && opt.Entity != "" {
		return 0, fmt.Errorf("export: %w: doc and entity exclude each other", ErrBadScope)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	var (
		n   int
		err error
	)
	switch {
	case opt.Doc == "" && opt.Entity == "":
		n, err = s.exportAll(ctx, bw, opt.Format)
	default:
		var qs []quad.Quad
		if opt.Doc != "" {
			qs, err = s.documentExportQuads(ctx, opt.Doc)
		} else {
			qs, err = s.neighborhoodQuads(ctx, opt.Entity, opt.Depth)
		}
		if err == nil {
			n, err = writeQuads(bw, opt.Format, qs)
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

// exportAll streams the whole store.
func (s *Store) exportAll(ctx context.Context, w *bufio.Writer, format string) (int, error) {
	n := 0
	err := s.read(func() error {
		qw, close, err := newQuadWriter(w, format)
		if err != nil {
			return err
		}
		if g, ok := qw.(*graphmlWriter); ok {
			if err := s.graphmlNodes(ctx, g); err != nil {
				return err
			}
			r := s.reader(ctx)
			g.interval = r.quadInterval
		}
		write := func(q quad.Quad) error {
			if !q.IsValid() || isCard(q) {
				return nil
			}
			n++
			return qw.WriteQuad(q)
		}
		// Cards are left out before their values (long literals) are read.
		if r := s.fastReader(ctx); r.b != nil {
			defer r.close()
			var skip uint64
			if c, ok := r.ref(accCard).(kv.Int64Value); ok {
				skip = uint64(c)
			}
			if err := r.b.eachQuad(ctx, 0, skip, func(_ uint64, q quad.Quad) error { return write(q) }); err != nil {
				return err
			}
			return close()
		}
		it := s.qs.QuadsAllIterator()
		defer it.Close()
		var card any
		if c := s.qs.ValueOf(accCard); c != nil {
			card = key(c)
		}
		const batch = 4096
		prims := make([]graph.Ref, 0, batch)
		vals := newValueBatch(s.qs)
		flush := func() error {
			if err := vals.resolve(ctx, prims); err != nil {
				return err
			}
			for _, p := range prims {
				if err := write(vals.quad(p)); err != nil {
					return err
				}
			}
			prims = prims[:0]
			return nil
		}
		for it.Next(ctx) {
			p := it.Result()
			if card != nil {
				if pr := s.qs.QuadDirection(p, quad.Predicate); pr != nil && key(pr) == card {
					continue
				}
			}
			prims = append(prims, p)
			if len(prims) == batch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := it.Err(); err != nil {
			return err
		}
		if err := flush(); err != nil {
			return err
		}
		return close()
	})
	if err == nil {
		err = ctx.Err()
	}
	return n, err
}

// valueBatch resolves the node values of batches of quads with one read
// per batch, keeping recently seen values (predicates, graphs, common
// literals) between batches up to a bound.
type valueBatch struct {
	qs   graph.QuadStore
	vals map[any]quad.Value
}

func newValueBatch(qs graph.QuadStore) *valueBatch {
	return &valueBatch{qs: qs, vals: make(map[any]quad.Value, 1<<14)}
}

func (b *valueBatch) resolve(ctx context.Context, prims []graph.Ref) error {
	if len(b.vals) > 1<<17 {
		clear(b.vals)
	}
	var refs []graph.Ref
	want := map[any]bool{}
	for _, p := range prims {
		for _, d := range quad.Directions {
			r := b.qs.QuadDirection(p, d)
			if r == nil {
				continue
			}
			k := key(r)
			if _, ok := b.vals[k]; !ok && !want[k] {
				want[k] = true
				refs = append(refs, r)
			}
		}
	}
	if len(refs) == 0 {
		return nil
	}
	vs, err := graph.ValuesOf(ctx, b.qs, refs)
	if err != nil {
		return err
	}
	for i, r := range refs {
		b.vals[key(r)] = vs[i]
	}
	return nil
}

func (b *valueBatch) quad(p graph.Ref) quad.Quad {
	var q quad.Quad
	for _, d := range quad.Directions {
		if r := b.qs.QuadDirection(p, d); r != nil {
			q.Set(d, b.vals[key(r)])
		}
	}
	return q
}

// documentExportQuads returns a document's quads as ExportDocument writes
// them: metadata, named graph, evidence, and its entities' descriptions.
func (s *Store) documentExportQuads(ctx context.Context, id string) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.read(func() error {
		qs, _, err := s.documentQuadsLocked(ctx, iri(Document{ID: id}.IRI()))
		if err != nil {
			return err
		}
		if len(qs) == 0 {
			return fmt.Errorf("export %s: %w", id, ErrNotFound)
		}
		out = dropCards(qs)
		r := s.reader(ctx)
		seen := map[string]bool{}
		for _, q := range qs {
			if !isFactLabel(q.Label) {
				continue
			}
			for _, v := range []quad.Value{q.Subject, q.Object} {
				eid, ok := entityID(v)
				if !ok || seen[eid] {
					continue
				}
				seen[eid] = true
				if e, ok := r.entity(r.entityRef(eid)); ok {
					out = append(out, entityQuads(e)...)
				}
			}
		}
		return nil
	})
	return out, err
}

// neighborhoodQuads returns the quads of an entity's neighbourhood: the
// facts between the entities within depth hops, their evidence, the
// entities' descriptions and the documents' metadata. They are the stored
// quads, rebuilt from what was read.
func (s *Store) neighborhoodQuads(ctx context.Context, id string, depth int) ([]quad.Quad, error) {
	nb, err := s.Neighbors(ctx, id, NeighborOptions{Depth: min(max(depth, 1), 3), Limit: maxExportEdges})
	if err != nil {
		return nil, err
	}
	var out []quad.Quad
	docs := map[string]bool{}
	for _, e := range nb.Edges {
		for _, ev := range e.Evidence {
			f := Fact{Subject: e.Source, Predicate: e.Predicate, Object: Object{Entity: e.Target}, Doc: ev.Doc, Evidence: ev.Evidence, Qualifiers: ev.Qualifiers,
				ValidFrom: ev.ValidFrom, ValidUntil: ev.ValidUntil}
			fq, evq := factQuads(f, iri(Document{ID: ev.Doc}.IRI()))
			out = append(out, fq)
			out = append(out, dropCards(evq)...)
			docs[ev.Doc] = true
		}
	}
	err = s.read(func() error {
		r := s.reader(ctx)
		for _, n := range nb.Nodes {
			if e, ok := r.entity(r.entityRef(n.ID)); ok {
				out = append(out, entityQuads(e)...)
			}
		}
		for d := range docs {
			doc, err := r.document(r.ref(iri(Document{ID: d}.IRI())))
			if err != nil {
				return err
			}
			if doc.ID != "" {
				out = append(out, documentQuads(doc)...)
			}
		}
		return nil
	})
	return out, err
}

// writeQuads writes a bounded set of quads in a stable order.
func writeQuads(w io.Writer, format string, qs []quad.Quad) (int, error) {
	sort.Slice(qs, func(i, j int) bool { return qs[i].NQuad() < qs[j].NQuad() })
	uniq := qs[:0]
	for i, q := range qs {
		if i == 0 || q != qs[i-1] {
			uniq = append(uniq, q)
		}
	}
	qw, close, err := newQuadWriter(w, format)
	if err != nil {
		return 0, err
	}
	if g, ok := qw.(*graphmlWriter); ok {
		g.describe(uniq)
	}
	n := 0
	for _, q := range uniq {
		if err := qw.WriteQuad(q); err != nil {
			return n, err
		}
		n++
	}
	if g, ok := qw.(*graphmlWriter); ok {
		n = g.edges
	}
	return n, close()
}

// newQuadWriter returns the writer of a format and the function that ends
// its output.
func newQuadWriter(w io.Writer, format string) (quad.Writer, func() error, error) {
	switch format {
	case FormatNQuads:
		nw := nquads.NewWriter(w)
		return nw, nw.Close, nil
	case FormatJSONLD:
		jw := &jsonldWriter{w: w}
		return jw, jw.Close, nil
	case FormatGraphML:
		gw := newGraphMLWriter(w)
		return gw, gw.Close, nil
	}
	return nil, nil, fmt.Errorf("%w %q", ErrBadFormat, format)
}

// jsonldWriter writes quads as expanded JSON-LD, one node object per quad
// inside its named graph; JSON-LD processors merge the node objects that
// share an @id.
type jsonldWriter struct {
	w       io.Writer
	started bool
	err     error
}

// WriteQuad writes one quad as a node object in its named graph.
func (j *jsonldWriter) WriteQuad(q quad.Quad) error {
	if j.err != nil {
		return j.err
	}
	sep := ",\n"
	if !j.started {
		sep = "[\n"
		j.started = true
	}
	node := map[string]any{"@id": jsonldID(q.Subject), string(quad.ToString(q.Predicate)): []any{jsonldValue(q.Object)}}
	if p, ok := q.Predicate.(quad.IRI); ok {
		node = map[string]any{"@id": jsonldID(q.Subject), string(p): []any{jsonldValue(q.Object)}}
		if p == rdfType {
			if o, ok := q.Object.(quad.IRI); ok {
				node = map[string]any{"@id": jsonldID(q.Subject), "@type": []string{string(o)}}
			}
		}
	}
	var item any = node
	if q.Label != nil {
		item = map[string]any{"@id": jsonldID(q.Label), "@graph": []any{node}}
	}
	b, err := json.Marshal(item)
	if err != nil {
		j.err = err
		return err
	}
	if _, j.err = io.WriteString(j.w, sep); j.err == nil {
		_, j.err = j.w.Write(b)
	}
	return j.err
}

// WriteQuads writes quads in order.
func (j *jsonldWriter) WriteQuads(qs []quad.Quad) (int, error) {
	for i, q := range qs {
		if err := j.WriteQuad(q); err != nil {
			return i, err
		}
	}
	return len(qs), nil
}

// Close ends the JSON-LD array.
func (j *jsonldWriter) Close() error {
	if j.err != nil {
		return j.err
	}
	end := "\n]\n"
	if !j.started {
		end = "[]\n"
	}
	_, j.err = io.WriteString(j.w, end)
	return j.err
}

func jsonldID(v quad.Value) string {
	switch x := v.(type) {
	case quad.IRI:
		return string(x)
	case quad.BNode:
		return "_:" + string(x)
	}
	return quad.ToString(v)
}

func jsonldValue(v quad.Value) any {
	switch x := v.(type) {
	case quad.IRI:
		return map[string]string{"@id": string(x)}
	case quad.BNode:
		return map[string]string{"@id": "_:" + string(x)}
	case quad.String:
		return map[string]string{"@value": string(x)}
	case quad.LangString:
		return map[string]string{"@value": string(x.Value), "@language": x.Lang}
	case quad.TypedString:
		t := string(x.Type)
		if strings.HasPrefix(t, "xsd:") {
			t = xsdNS + t[4:]
		}
		return map[string]string{"@value": string(x.Value), "@type": t}
	case quad.TypedStringer:
		return jsonldValue(x.TypedString())
	}
	return map[string]string{"@value": quad.ToString(v)}
}

// graphmlWriter writes a property graph: entities and literal values as
// nodes, facts (the quads of documents' named graphs) as edges labelled
// with their predicate and document. Other quads describe nodes (names,
// types) or are left out (evidence, document metadata).
type graphmlWriter struct {
	w       *bufio.Writer
	started bool
	nodes   map[string]bool
	names   map[string]string
	kinds   map[string]string
	edges   int
	err     error
	// interval gives a fact quad's valid time (the hull of its statements'
	// intervals, asof.go); nil writes none.
	interval func(quad.Quad) (from, until string)
}

func newGraphMLWriter(w io.Writer) *graphmlWriter {
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	return &graphmlWriter{w: bw, nodes: map[string]bool{}, names: map[string]string{}, kinds: map[string]string{}}
}

const graphmlHeader = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="iri" for="node" attr.name="iri" attr.type="string"/>
  <key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>
  <key id="document" for="edge" attr.name="document" attr.type="string"/>
  <key id="validFrom" for="edge" attr.name="validFrom" attr.type="string"/>
  <key id="validUntil" for="edge" attr.name="validUntil" attr.type="string"/>
  <graph id="accord" edgedefault="directed">
`

func (g *graphmlWriter) start() {
	if !g.started {
		g.started = true
		_, g.err = g.w.WriteString(graphmlHeader)
	}
}

// describe records names and types from entity description quads, for the
// nodes written later, and the facts' intervals from their statements.
func (g *graphmlWriter) describe(qs []quad.Quad) {
	g.interval = setIntervals(qs)
	for _, q := range qs {
		if q.Label != entitiesGraph {
			continue
		}
		id := quad.ToString(q.Subject)
		switch q.Predicate {
		case schemaName:
			g.names[id] = literal(q.Object)
		case rdfType:
			g.kinds[id] = LocalName(literal(q.Object))
		}
	}
}

// node writes a node once.
func (g *graphmlWriter) node(v quad.Value, label, kind string) string {
	id := quad.ToString(v)
	if g.nodes[id] || g.err != nil {
		return id
	}
	g.start()
	g.nodes[id] = true
	if label == "" {
		label = g.names[id]
	}
	if kind == "" {
		kind = g.kinds[id]
	}
	if label == "" {
		label = literal(v)
		if eid, ok := entityID(v); ok {
			label = eid
		}
	}
	if kind == "" {
		if _, ok := entityID(v); !ok {
			kind = "Literal"
		}
	}
	g.w.WriteString(`    <node id="`)
	xmlEscape(g.w, id)
	g.w.WriteString(`"><data key="label">`)
	xmlEscape(g.w, label)
	g.w.WriteString(`</data><data key="type">`)
	xmlEscape(g.w, kind)
	g.w.WriteString(`</data>`)
	if i, ok := v.(quad.IRI); ok {
		g.w.WriteString(`<data key="iri">`)
		xmlEscape(g.w, string(i))
		g.w.WriteString(`</data>`)
	}
	_, g.err = g.w.WriteString("</node>\n")
	return id
}

// WriteQuad writes a fact as an edge; other quads are skipped.
func (g *graphmlWriter) WriteQuad(q quad.Quad) error {
	if g.err != nil {
		return g.err
	}
	doc, ok := documentID(q.Label)
	if !ok {
		return nil
	}
	s := g.node(q.Subject, "", "")
	o := g.node(q.Object, "", "")
	g.edges++
	fmt.Fprintf(g.w, `    <edge id="e%d" source="`, g.edges)
	xmlEscape(g.w, s)
	g.w.WriteString(`" target="`)
	xmlEscape(g.w, o)
	g.w.WriteString(`"><data key="predicate">`)
	xmlEscape(g.w, LocalName(literal(q.Predicate)))
	g.w.WriteString(`</data><data key="document">`)
	xmlEscape(g.w, doc)
	if g.interval != nil {
		from, until := g.interval(q)
		for _, d := range []struct{ key, v string }{{"validFrom", from}, {"validUntil", until}} {
			if d.v != "" {
				g.w.WriteString(`</data><data key="` + d.key + `">`)
				xmlEscape(g.w, d.v)
			}
		}
	}
	_, g.err = g.w.WriteString("</data></edge>\n")
	return g.err
}

// WriteQuads writes quads in order.
func (g *graphmlWriter) WriteQuads(qs []quad.Quad) (int, error) {
	for i, q := range qs {
		if err := g.WriteQuad(q); err != nil {
			return i, err
		}
	}
	return len(qs), nil
}

// Close ends the document and flushes it.
func (g *graphmlWriter) Close() error {
	if g.err != nil {
		return g.err
	}
	g.start()
	_, g.err = g.w.WriteString("  </graph>\n</graphml>\n")
	if g.err == nil {
		g.err = g.w.Flush()
	}
	return g.err
}

func xmlEscape(w io.Writer, s string) { xml.EscapeText(w, []byte(s)) }

// graphmlNodes writes every entity as a node with its name and type, before
// a whole-graph export streams the facts.
func (s *Store) graphmlNodes(ctx context.Context, g *graphmlWriter) error {
	r := s.reader(ctx)
	for _, k := range Kinds {
		err := r.scan(quad.Object, r.ref(iri(NS+string(k))), r.ref(rdfType), func(q graph.Ref) error {
			n := r.dir(q, quad.Subject)
			e, ok := r.brief(n)
			if !ok {
				return nil
			}
			g.node(entityIRI(e.ID), e.Name, string(e.Kind))
			return g.err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
