package graph

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// errBulkUnsupported is returned by the bulk writers for stores that are not
// PostgreSQL; callers fall back to Cayley's ApplyDeltas.
var errBulkUnsupported = errors.New("graph: bulk writes need a postgres store")

// pgWriteLock is the key of the PostgreSQL advisory lock that serialises
// Accord's writers on one database, whichever process they run in. Advisory
// locks are scoped to a database, so stores in other databases of the same
// server do not wait for each other.
const pgWriteLock int64 = 0x6163636f7264 // "accord"

// pgStore is Accord's own connection pool to the PostgreSQL database behind
// Cayley's SQL store. Cayley writes a node or a quad per INSERT and reads a
// node per SELECT; this pool does what is better done in bulk: COPY-based
// writes into Cayley's own tables, a one-query export, exact counts, and the
// lock that keeps writers in several processes from interleaving.
type pgStore struct {
	db *sql.DB
	// conn holds the advisory write lock while Store.write runs; bulk writes
	// made under it run on it. Only the holder of Store.mu touches it.
	conn *sql.Conn
}

// openPG connects to the database at url, the same one Cayley opened.
func openPG(ctx context.Context, url string) (*pgStore, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db.SetMaxIdleConns(4)
	return &pgStore{db: db}, nil
}

// pgInit creates Cayley's tables in the PostgreSQL database at url unless
// they exist, and reports whether it handled the backend (false for others).
// It holds the writers' lock meanwhile: Cayley's own check, CREATE TABLE
// failing with "already exists", races when two processes open a new
// database at once. On a standby, a read-only replica, it does nothing: the
// tables come from the primary.
func pgInit(ctx context.Context, backend, url string) (bool, error) {
	if backend != "postgres" {
		return false, nil
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		return true, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return true, err
	}
	defer conn.Close()
	var standby, exists bool
	const probe = `SELECT pg_is_in_recovery(), to_regclass('quads') IS NOT NULL AND to_regclass('nodes') IS NOT NULL`
	if err := conn.QueryRowContext(ctx, probe).Scan(&standby, &exists); err != nil {
		return true, err
	}
	if standby || exists {
		return true, nil
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, pgWriteLock); err != nil {
		return true, fmt.Errorf("write lock: %w", err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, pgWriteLock)
	if err := conn.QueryRowContext(ctx, probe).Scan(&standby, &exists); err != nil || exists {
		return true, err
	}
	if err := graph.InitQuadStore("postgres", url, nil); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
		return true, err
	}
	return true, nil
}

// close closes the pool.
func (p *pgStore) close() error { return p.db.Close() }

// exclusive runs fn holding the database's write lock, so that the reads and
// writes of one batch (Put reads what is stored, then writes the difference)
// do not interleave with another process's. The lock is a session advisory
// lock on a connection kept for the length of fn; if the process dies, the
// server ends the session and frees the lock.
func (p *pgStore) exclusive(ctx context.Context, fn func() error) (err error) {
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("postgres write lock: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, pgWriteLock); err != nil {
		conn.Close()
		return fmt.Errorf("postgres write lock: %w", err)
	}
	p.conn = conn
	defer func() {
		p.conn = nil
		if _, uerr := conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, pgWriteLock); uerr != nil {
			// Never hand a session that may still hold the lock back to the
			// pool: discarding the connection ends the session.
			conn.Raw(func(any) error { return driver.ErrBadConn })
			if err == nil {
				err = fmt.Errorf("postgres write unlock: %w", uerr)
			}
		}
		conn.Close()
	}()
	return fn()
}

// bulkAdd adds quads to a PostgreSQL store in one transaction with COPY,
// skipping those already stored. The caller holds the write lock (it runs
// inside Store.write). It returns errBulkUnsupported for other backends.
func (s *Store) bulkAdd(ctx context.Context, qs []quad.Quad) error {
	if s.pg == nil {
		return errBulkUnsupported
	}
	if err := s.pg.apply(ctx, qs, nil); err != nil {
		return err
	}
	return s.forgetCounts()
}

// bulkApply is apply for PostgreSQL: it writes deltas in one transaction
// with COPY, ignoring duplicate additions and missing deletions like apply.
// Deletions are applied before additions. The caller holds the write lock.
// It returns errBulkUnsupported for other backends.
func (s *Store) bulkApply(ctx context.Context, deltas []graph.Delta) error {
	if s.pg == nil {
		return errBulkUnsupported
	}
	var add, del []quad.Quad
	for _, d := range deltas {
		switch d.Action {
		case graph.Add:
			add = append(add, d.Quad)
		case graph.Delete:
			del = append(del, d.Quad)
		default:
			return fmt.Errorf("bulk write: unknown delta action %v", d.Action)
		}
	}
	if err := s.pg.apply(ctx, add, del); err != nil {
		return err
	}
	return s.forgetCounts()
}

// forgetCounts drops the quad and node counts Cayley's SQL store caches
// between its own writes: an empty ApplyDeltas resets them.
func (s *Store) forgetCounts() error {
	if err := s.qs.ApplyDeltas(nil, graph.IgnoreOpts{}); err != nil {
		return fmt.Errorf("bulk write: reset counts: %w", err)
	}
	return nil
}

// pgNodeColumns are the columns of Cayley's nodes table that hold a value,
// in the order of the temporary table's rows (after the hash).
var pgNodeColumns = []string{"value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// pgBatch is a bulk write prepared in memory: the distinct nodes of the
// quads to add, with their column values exactly as Cayley's SQL store
// writes them, and the hashes of the quads to add and delete.
type pgBatch struct {
	nodes [][]any     // hash, then pgNodeColumns
	refs  []int64     // per node: the quad directions of add that name it
	add   [][4]string // subject, predicate, object, label hashes as bytea text ("" for no label)
	del   [][4]string
}

// prepareBatch hashes the quads as Cayley does and drops repeats.
func prepareBatch(add, del []quad.Quad) (*pgBatch, error) {
	b := &pgBatch{}
	text := make(map[graph.ValueHash]string, len(add)) // hash -> bytea text, for every node seen
	index := make(map[graph.ValueHash]int, len(add))   // hash -> index in nodes
	seenQuad := make(map[graph.QuadHash]bool, max(len(add), len(del)))
	for _, list := range []struct {
		qs    []quad.Quad
		out   *[][4]string
		nodes bool
	}{{del, &b.del, false}, {add, &b.add, true}} {
		clear(seenQuad)
		hashes, err := hashQuads(list.qs)
		if err != nil {
			return nil, err
		}
		for k, qh := range hashes {
			if seenQuad[qh] {
				continue
			}
			seenQuad[qh] = true
			var row [4]string
			for i, vh := range qh.Dirs() {
				if !vh.Valid() {
					continue
				}
				t, seen := text[vh]
				if !seen {
					t = byteaText(vh[:])
					text[vh] = t
				}
				row[i] = t
				if !list.nodes {
					continue
				}
				if seen {
					b.refs[index[vh]]++
					continue
				}
				nr, err := pgNodeRow(t, list.qs[k].Get(quad.Directions[i]))
				if err != nil {
					return nil, err
				}
				index[vh] = len(b.nodes)
				b.nodes = append(b.nodes, nr)
				b.refs = append(b.refs, 1)
			}
			*list.out = append(*list.out, row)
		}
		if !list.nodes {
			// Nodes of deleted quads are not copied: forget them, so that
			// an added quad naming one copies it.
			clear(text)
		}
	}
	return b, nil
}

// hashQuads returns the hashes of the quads' values, computed on every CPU:
// hashing dominates preparing a large batch.
func hashQuads(qs []quad.Quad) ([]graph.QuadHash, error) {
	out := make([]graph.QuadHash, len(qs))
	workers := min(runtime.GOMAXPROCS(0), max(len(qs)/10_000, 1))
	chunk := (len(qs) + workers - 1) / workers
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * chunk; i < min((w+1)*chunk, len(qs)); i++ {
				q := qs[i]
				if !q.IsValid() {
					errs[w] = fmt.Errorf("%w: incomplete quad %v", ErrBadQuad, q)
					return
				}
				for _, d := range quad.Directions {
					if v := q.Get(d); v != nil {
						out[i].Set(d, graph.HashOf(v))
					}
				}
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// pgNodeRow returns a node's row for the temporary nodes table: its hash and
// the columns Cayley's SQL store fills for its type (csql.NodeValues), so
// that Cayley reads back exactly the value it would have written.
func pgNodeRow(hash string, v quad.Value) ([]any, error) {
	typ, vals, err := csql.NodeValues(csql.NodeHash{}, v)
	if err != nil {
		return nil, fmt.Errorf("bulk write: encode %v: %w", v, err)
	}
	row := make([]any, 1+len(pgNodeColumns))
	row[0] = hash
	for i, col := range typ.Columns() {
		for j, c := range pgNodeColumns {
			if c == col {
				row[1+j] = vals[1+i]
				if b, ok := vals[1+i].([]byte); ok {
					row[1+j] = byteaText(b)
				}
			}
		}
	}
	return row, nil
}

// byteaText returns b in PostgreSQL's hex input format for bytea. COPY
// takes it as text: lib/pq's own bytea encoding falls back to a slow
// octal escape when it cannot parse the server's version ("15.18 (Debian
// ...)"), and sending text avoids it.
func byteaText(b []byte) string {
	out := make([]byte, 2+hex.EncodedLen(len(b)))
	out[0], out[1] = '\\', 'x'
	hex.Encode(out[2:], b)
	return string(out)
}

// The statements of a bulk write, in order. Temporary tables live until the
// transaction ends. Nodes are counted by reference as Cayley counts them:
// refs is the number of quad directions that name a node, and a node whose
// count drops to zero is deleted.
const (
	pgCreateTemp = `
CREATE TEMP TABLE accord_nodes (hash BYTEA, value BYTEA, value_string TEXT, datatype TEXT, language TEXT,
	iri BOOLEAN, bnode BOOLEAN, value_int BIGINT, value_bool BOOLEAN, value_float DOUBLE PRECISION,
	value_time TIMESTAMP WITH TIME ZONE) ON COMMIT DROP;
CREATE TEMP TABLE accord_add (s BYTEA, p BYTEA, o BYTEA, l BYTEA) ON COMMIT DROP;
CREATE TEMP TABLE accord_del (s BYTEA, p BYTEA, o BYTEA, l BYTEA) ON COMMIT DROP;`

	// pgDelete removes the stored quads among accord_del and lowers the
	// counts of their nodes; pgDeleteNodes then drops the unused ones.
	pgDelete = `
WITH gone AS (
	DELETE FROM quads q USING accord_del d
	WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o
		AND (q.label_hash = d.l OR (q.label_hash IS NULL AND d.l IS NULL))
	RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
), dec AS (
	SELECT h, count(*) AS n FROM (
		SELECT subject_hash FROM gone UNION ALL SELECT predicate_hash FROM gone
		UNION ALL SELECT object_hash FROM gone UNION ALL SELECT label_hash FROM gone
	) AS x(h) WHERE h IS NOT NULL GROUP BY h
)
UPDATE nodes SET refs = nodes.refs - dec.n FROM dec WHERE nodes.hash = dec.h`
	pgDeleteNodes = `
DELETE FROM nodes WHERE refs <= 0 AND hash IN (
	SELECT s FROM accord_del UNION SELECT p FROM accord_del
	UNION SELECT o FROM accord_del UNION SELECT l FROM accord_del)`

	// pgSkipStored drops the quads already stored, so that the node counts
	// below count only the quads this write adds.
	pgSkipStored = `
DELETE FROM accord_add a USING quads q
WHERE q.subject_hash = a.s AND q.predicate_hash = a.p AND q.object_hash = a.o
	AND (q.label_hash = a.l OR (q.label_hash IS NULL AND a.l IS NULL))`

	// pgAddNodes inserts the new nodes with their counts and raises the
	// counts of the stored ones, in hash order like Cayley's own writes.
	pgAddNodes = `
INSERT INTO nodes (hash, refs, value, value_string, datatype, language, iri, bnode,
	value_int, value_bool, value_float, value_time)
SELECT n.hash, r.n, n.value, n.value_string, n.datatype, n.language, n.iri, n.bnode,
	n.value_int, n.value_bool, n.value_float, n.value_time
FROM (
	SELECT h, count(*) AS n FROM (
		SELECT s FROM accord_add UNION ALL SELECT p FROM accord_add
		UNION ALL SELECT o FROM accord_add UNION ALL SELECT l FROM accord_add WHERE l IS NOT NULL
	) AS x(h) GROUP BY h
) AS r JOIN accord_nodes n ON n.hash = r.h
ORDER BY n.hash
ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`

	pgAddQuads = `
INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
SELECT s, p, o, l, now() FROM accord_add
ON CONFLICT DO NOTHING`
)

// apply writes a batch in one transaction, retrying it when PostgreSQL
// aborts it for a serialization failure or a deadlock (possible only with
// writers that do not take Accord's lock, such as another Cayley).
func (p *pgStore) apply(ctx context.Context, add, del []quad.Quad) error {
	if len(add) == 0 && len(del) == 0 {
		return nil
	}
	start := time.Now()
	b, err := prepareBatch(add, del)
	if err != nil {
		return fmt.Errorf("bulk write: %w", err)
	}
	if pgTrace != nil {
		pgTrace("prepare", time.Since(start))
	}
	for attempt := 1; ; attempt++ {
		err = p.applyOnce(ctx, b)
		if err == nil || attempt == 5 || !pgRetryable(err) || ctx.Err() != nil {
			break
		}
		time.Sleep(time.Duration(attempt*attempt) * 10 * time.Millisecond)
	}
	if err != nil {
		return fmt.Errorf("bulk write of %d additions, %d deletions: %w", len(b.add), len(b.del), err)
	}
	return nil
}

// pgTrace, when set (by benchmarks), is called after each step of a bulk
// write with the step's duration.
var pgTrace func(step string, d time.Duration)

// pgRetryable reports whether err aborted a transaction that may succeed
// when run again.
func pgRetryable(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// applyOnce runs one attempt of a bulk write. On the connection that holds
// the write lock the transaction needs no lock of its own; elsewhere it
// takes the same lock for its length.
func (p *pgStore) applyOnce(ctx context.Context, b *pgBatch) error {
	var (
		tx  *sql.Tx
		err error
	)
	if p.conn != nil {
		tx, err = p.conn.BeginTx(ctx, nil)
	} else {
		tx, err = p.db.BeginTx(ctx, nil)
	}
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if p.conn == nil {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, pgWriteLock); err != nil {
			return fmt.Errorf("write lock: %w", err)
		}
	}
	start := time.Now()
	trace := func(step string) {
		if pgTrace != nil {
			pgTrace(step, time.Since(start))
			start = time.Now()
		}
	}
	if _, err := tx.ExecContext(ctx, pgCreateTemp); err != nil {
		return fmt.Errorf("create temporary tables: %w", err)
	}
	if len(b.del) > 0 {
		if err := copyRows(ctx, tx, "accord_del", []string{"s", "p", "o", "l"}, len(b.del), func(i int) []any {
			return quadRow(b.del[i])
		}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `ANALYZE accord_del`); err != nil {
			return fmt.Errorf("analyze: %w", err)
		}
		if _, err := tx.ExecContext(ctx, pgDelete); err != nil {
			return fmt.Errorf("delete quads: %w", err)
		}
		if _, err := tx.ExecContext(ctx, pgDeleteNodes); err != nil {
			return fmt.Errorf("delete unused nodes: %w", err)
		}
	}
	if len(b.add) > 0 {
		if err := addQuads(ctx, tx, b, trace); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	trace("commit")
	return nil
}

// addQuads adds a batch's quads in the transaction tx. A large batch, at
// least pgRebuildMin quads and half the table, defers the quads table's
// indexes and foreign keys (pgDeferSchema); into an empty store it then
// copies nodes, with the reference counts computed here, and quads straight
// into Cayley's tables. Otherwise it copies them into temporary tables,
// drops the quads already stored, and merges the rest, counting references
// in SQL.
func addQuads(ctx context.Context, tx *sql.Tx, b *pgBatch, trace func(string)) error {
	var (
		deferred []pgSchemaPart
		empty    bool
		err      error
	)
	if len(b.add) >= pgRebuildMin {
		var stored int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM quads LIMIT $1) AS q`, 2*len(b.add)+1).Scan(&stored); err != nil {
			return fmt.Errorf("count quads: %w", err)
		}
		if stored <= 2*len(b.add) {
			if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM quads) AND NOT EXISTS (SELECT 1 FROM nodes)`).Scan(&empty); err != nil {
				return fmt.Errorf("count quads: %w", err)
			}
			if deferred, err = pgDeferSchema(ctx, tx); err != nil {
				return err
			}
			trace("drop indexes")
		}
	}
	if empty {
		cols := append([]string{"hash", "refs"}, pgNodeColumns...)
		if err := copyRows(ctx, tx, "nodes", cols, len(b.nodes), func(i int) []any {
			return append([]any{b.nodes[i][0], b.refs[i]}, b.nodes[i][1:]...)
		}); err != nil {
			return err
		}
		// COPY reads the timestamp 'now' as the transaction's start, what
		// Cayley's now() writes.
		cols = []string{"subject_hash", "predicate_hash", "object_hash", "label_hash", "ts"}
		if err := copyRows(ctx, tx, "quads", cols, len(b.add), func(i int) []any {
			return append(quadRow(b.add[i]), "now")
		}); err != nil {
			return err
		}
		trace("copy")
	} else {
		if err := copyRows(ctx, tx, "accord_nodes", append([]string{"hash"}, pgNodeColumns...), len(b.nodes), func(i int) []any {
			return b.nodes[i]
		}); err != nil {
			return err
		}
		if err := copyRows(ctx, tx, "accord_add", []string{"s", "p", "o", "l"}, len(b.add), func(i int) []any {
			return quadRow(b.add[i])
		}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `ANALYZE accord_add; ANALYZE accord_nodes`); err != nil {
			return fmt.Errorf("analyze: %w", err)
		}
		trace("copy")
		add := pgAddQuads
		if deferred != nil {
			// Without unique indexes there is nothing to conflict with once
			// the stored quads are skipped: accord_add holds no repeat.
			add = strings.TrimSuffix(add, "\nON CONFLICT DO NOTHING")
		}
		for _, st := range []struct{ what, sql string }{
			{"skip stored quads", pgSkipStored},
			{"add nodes", pgAddNodes},
			{"add quads", add},
		} {
			if _, err := tx.ExecContext(ctx, st.sql); err != nil {
				return fmt.Errorf("%s: %w", st.what, err)
			}
			trace(st.what)
		}
	}
	if deferred != nil {
		if _, err = tx.ExecContext(ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
		for _, part := range deferred {
			if _, err := tx.ExecContext(ctx, part.create); err != nil {
				return fmt.Errorf("rebuild: %s: %w", part.create, err)
			}
		}
		trace("rebuild indexes")
	}
	return nil
}

// pgRebuildMin is the smallest addition for which a bulk write may drop the
// quads table's secondary indexes and foreign keys and build them again
// after the insert, which it does when the addition is at least half as
// large as the table: building an index from sorted rows is several times
// faster than updating six indexes and checking four foreign keys row by
// row. Dropping them locks the tables, so readers of the database (and of
// its replicas) wait for such a write to commit; smaller writes do not.
var pgRebuildMin = 20_000 // a variable for tests

// pgSchemaPart is an index or a foreign key of the quads table: the
// statements that drop it and create it again.
type pgSchemaPart struct{ drop, create string }

// pgDeferSchema drops the quads table's foreign keys and secondary indexes,
// as the database defines them (Cayley's options may have changed them),
// and returns them in the order to create them again: unique indexes first,
// so that a duplicate fails fast, then the others, then the foreign keys.
func pgDeferSchema(ctx context.Context, tx *sql.Tx) ([]pgSchemaPart, error) {
	rows, err := tx.QueryContext(ctx, `
SELECT format('DROP INDEX %I.%I', n.nspname, c.relname), pg_get_indexdef(i.indexrelid), 0 AS kind, NOT i.indisunique AS ord
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE i.indrelid = 'quads'::regclass AND NOT i.indisprimary
	AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
UNION ALL
SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
	format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)), 1, false
FROM pg_constraint WHERE conrelid = 'quads'::regclass AND contype = 'f'
ORDER BY 3, 4, 2`)
	if err != nil {
		return nil, fmt.Errorf("read quads schema: %w", err)
	}
	var parts []pgSchemaPart
	for rows.Next() {
		var (
			p         pgSchemaPart
			kind      int
			secondary bool
		)
		if err := rows.Scan(&p.drop, &p.create, &kind, &secondary); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read quads schema: %w", err)
		}
		parts = append(parts, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read quads schema: %w", err)
	}
	// Foreign keys go before the indexes they may use.
	for i := len(parts) - 1; i >= 0; i-- {
		if _, err := tx.ExecContext(ctx, parts[i].drop); err != nil {
			return nil, fmt.Errorf("%s: %w", parts[i].drop, err)
		}
	}
	return parts, nil
}

// quadRow returns a quad's hashes as a row, the missing label as NULL.
func quadRow(h [4]string) []any {
	row := []any{h[0], h[1], h[2], nil}
	if h[3] != "" {
		row[3] = h[3]
	}
	return row
}

// copyRows streams n rows into a table with COPY FROM STDIN.
func copyRows(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, row func(i int) []any) error {
	st, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
	}
	defer st.Close()
	for i := 0; i < n; i++ {
		if _, err := st.ExecContext(ctx, row(i)...); err != nil {
			return fmt.Errorf("copy into %s: %w", table, err)
		}
	}
	if _, err := st.ExecContext(ctx); err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
	}
	return nil
}

// redactURL drops the password from a database URL for messages.
func redactURL(url string) string {
	scheme, rest, ok := strings.Cut(url, "://")
	if !ok {
		return url
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return url
	}
	if user, _, hasPass := strings.Cut(rest[:at], ":"); hasPass {
		return scheme + "://" + user + ":xxx" + rest[at:]
	}
	return url
}

// importPostgres writes a whole import and its cards to PostgreSQL in one COPY
// transaction: all or nothing without taking anything back, and far faster
// than Cayley's INSERT per node and quad.
func (s *Store) importPostgres(ctx context.Context, deltas []graph.Delta) error {
	return s.write(func() error {
		deltas := withCards(deltas, s.knownLocked(ctx, s.emptyLocked(ctx)))
		if err := s.bulkApply(ctx, deltas); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		s.names = nil
		return nil
	})
}
