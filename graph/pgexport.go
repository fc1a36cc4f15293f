package graph

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/cayleygraph/quad/pquads"
)

// pgValueColumns are the columns of Cayley's nodes table that make a value,
// in the order pgValue scans them.
const pgValueColumns = "value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time"

// pgExportQuery reads every quad with its four values in one query: Cayley's
// own reader issues a SELECT per node.
var pgExportQuery = `SELECT ` + prefixColumns("s") + `, ` + prefixColumns("p") + `, ` +
	prefixColumns("o") + `, ` + prefixColumns("l") + `
FROM quads q
JOIN nodes s ON s.hash = q.subject_hash
JOIN nodes p ON p.hash = q.predicate_hash
JOIN nodes o ON o.hash = q.object_hash
LEFT JOIN nodes l ON l.hash = q.label_hash`

func prefixColumns(alias string) string {
	cols := strings.Split(pgValueColumns, ", ")
	for i, c := range cols {
		cols[i] = alias + "." + c
	}
	return strings.Join(cols, ", ")
}

// exportPostgres writes the whole PostgreSQL store to w as W3C N-Quads,
// streaming the rows of one query, and returns the number of quads written.
// Typed literals carry full datatype IRIs, so the output imports back into
// the same quads.
func (s *Store) exportPostgres(ctx context.Context, w io.Writer) (int, error) {
	if s.pg == nil {
		return 0, errBulkUnsupported
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := nquads.NewWriter(bw)
	n := 0
	err := s.read(func() error {
		var err error
		n, err = s.pgEachQuadLocked(ctx, enc.WriteQuad)
		return err
	})
	if err == nil {
		err = enc.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, ctx.Err()
}

// pgEachQuadLocked calls fn with every quad of a PostgreSQL store but the
// statements' cards, read
// with one query, its values as W3C N-Quads carries them (w3cValue), and
// returns how many quads fn took. The caller holds the read lock. Any
// whole-store export (ExportTo's formats too) can stream from it.
func (s *Store) pgEachQuadLocked(ctx context.Context, fn func(quad.Quad) error) (int, error) {
	if s.pg == nil {
		return 0, errBulkUnsupported
	}
	// One read-only transaction, so that the query may hash the nodes table
	// in memory rather than in batches on disk.
	tx, err := s.pg.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL work_mem = '256MB'`); err != nil {
		return 0, err
	}
	rows, err := tx.QueryContext(ctx, pgExportQuery)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var cols [4]pgValueScan
	dest := make([]any, 0, 40)
	for i := range cols {
		dest = append(dest, cols[i].dest()...)
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return n, err
		}
		var q quad.Quad
		for i, d := range quad.Directions {
			v, err := cols[i].value()
			if err != nil {
				return n, err
			}
			q.Set(d, w3cValue(v))
		}
		if isCard(q) {
			continue // an index, not the model (card.go)
		}
		if err := fn(q); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// pgValueScan receives the value columns of one node in a row.
type pgValueScan struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  csql.NullTime
}

func (c *pgValueScan) dest() []any {
	return []any{&c.data, &c.str, &c.typ, &c.lang, &c.iri, &c.bnode, &c.vint, &c.vbool, &c.vfloat, &c.vtime}
}

// value decodes the columns as Cayley's SQL store does (QuadStore.NameOf):
// nil for a missing node (a quad without a label).
func (c *pgValueScan) value() (quad.Value, error) {
	switch {
	case c.str.Valid:
		s := strings.ReplaceAll(c.str.String, `\x00`, "\x00") // Cayley escapes NUL bytes
		switch {
		case c.iri.Bool:
			return quad.IRI(c.str.String), nil
		case c.bnode.Bool:
			return quad.BNode(c.str.String), nil
		case c.lang.Valid:
			return quad.LangString{Value: quad.String(s), Lang: c.lang.String}, nil
		case c.typ.Valid:
			return quad.TypedString{Value: quad.String(s), Type: quad.IRI(c.typ.String)}, nil
		}
		return quad.String(s), nil
	case c.vint.Valid:
		return quad.Int(c.vint.Int64), nil
	case c.vbool.Valid:
		return quad.Bool(c.vbool.Bool), nil
	case c.vfloat.Valid:
		return quad.Float(c.vfloat.Float64), nil
	case c.vtime.Valid:
		return quad.Time(c.vtime.Time), nil
	case c.data != nil:
		v, err := pquads.UnmarshalValue(c.data)
		if err != nil {
			return nil, fmt.Errorf("decode node value: %w", err)
		}
		return v, nil
	}
	return nil, nil
}

// w3cValue returns v as W3C N-Quads can carry it: Cayley's native numbers,
// booleans and times print with prefixed datatypes ("xsd:integer"), which
// W3C readers reject, so they become typed strings with full IRIs.
func w3cValue(v quad.Value) quad.Value {
	var ts quad.TypedString
	switch x := v.(type) {
	case quad.TypedString:
		ts = x
	case quad.Int:
		ts = x.TypedString()
	case quad.Float:
		ts = x.TypedString()
	case quad.Bool:
		ts = x.TypedString()
	case quad.Time:
		ts = quad.TypedString{Value: quad.String(time.Time(x).UTC().Format(time.RFC3339Nano)), Type: x.TypedString().Type}
	default:
		return v
	}
	ts.Type = ts.Type.Full()
	return ts
}

// stats counts quads, nodes and documents with three queries. Cayley's own
// count for PostgreSQL is the planner's estimate, -1 before the first
// ANALYZE, and its document count would read a node per SELECT.
func (p *pgStore) stats(ctx context.Context) (Stats, error) {
	var st Stats
	id := graph.HashOf(schemaID)
	err := p.db.QueryRowContext(ctx, `SELECT
	(SELECT count(*) FROM quads),
	(SELECT count(*) FROM nodes),
	(SELECT count(*) FROM quads WHERE predicate_hash = $1)`, id[:]).Scan(&st.Quads, &st.Nodes, &st.Documents)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}
