package graph

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo" // registers the gizmo language
)

// ErrQuery reports a Gizmo query that failed: a syntax or runtime error.
var ErrQuery = errors.New("graph: query failed")

// ErrQueryTimeout reports a Gizmo query stopped at its time limit.
var ErrQueryTimeout = errors.New("graph: query stopped at its time limit")

// GizmoResult is the answer of a Gizmo query.
type GizmoResult struct {
	Results   []any `json:"results"`
	Truncated bool  `json:"truncated"` // the result limit was reached
}

// Gizmo runs a query in Cayley's Gizmo language (JavaScript) for at most
// timeout and at most limit results. Gizmo has no way to write, and the
// query runs under the store's read lock, so it cannot change the graph.
// Only iterating the results honours the deadline, so the limit is also
// enforced here rather than trusted to the script. Gizmo returns only once
// the script has stopped (or after gizmoStopWait), so a query past its
// limits no longer uses CPU or memory when its caller moves on.
func (s *Store) Gizmo(ctx context.Context, q string, limit int, timeout time.Duration) (GizmoResult, error) {
	res := GizmoResult{Results: []any{}}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := s.read(func() error {
		ses := query.NewSession(s.qs, "gizmo")
		if ses == nil {
			return fmt.Errorf("gizmo: language not registered")
		}
		it, err := ses.Execute(ctx, q, query.Options{Collation: query.JSON, Limit: limit + 1})
		if err != nil {
			return fmt.Errorf("%w: %v", ErrQuery, err)
		}
		defer awaitStop(it)
		for it.Next(ctx) {
			if len(res.Results) == limit {
				res.Truncated = true
				return nil
			}
			res.Results = append(res.Results, it.Result())
		}
		if err := it.Err(); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("%w (%s)", ErrQueryTimeout, timeout)
			}
			return fmt.Errorf("%w: %v", ErrQuery, err)
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%w (%s)", ErrQueryTimeout, timeout)
		}
		return nil
	})
	return res, err
}

// gizmoStopWait is how long Gizmo waits for an interrupted script to stop.
const gizmoStopWait = 10 * time.Second

// awaitStop closes a Gizmo result iterator and waits until its script has
// stopped. Closing only interrupts the script: a step that cannot be
// interrupted, such as joining a large string, would otherwise run on in
// the background after the query has answered.
func awaitStop(it query.Iterator) {
	_ = it.Close()
	ctx, cancel := context.WithTimeout(context.Background(), gizmoStopWait)
	defer cancel()
	for it.Next(ctx) { // results sent before the interrupt took hold
	}
}
