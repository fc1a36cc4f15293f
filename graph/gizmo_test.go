package graph

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
)

// TestGizmoWaitsForStop checks that a query stopped at its time limit has
// stopped running when Gizmo returns, even when the script was inside a
// step that cannot be interrupted.
func TestGizmoWaitsForStop(t *testing.T) {
	s := openMemory(t)
	ctx := context.Background()
	before := runtime.NumGoroutine()
	// Each join of a 5M-element array takes far longer than the limit (about
	// a second) and is not interrupted midway.
	script := `while (true) { new Array(5000000).join("") }`
	start := time.Now()
	_, err := s.Gizmo(ctx, script, 10, 20*time.Millisecond)
	if !errors.Is(err, ErrQueryTimeout) {
		t.Fatalf("err = %v, want the time limit", err)
	}
	took := time.Since(start)
	// The script's goroutine may take a moment to exit after its last send.
	for wait := time.Now(); runtime.NumGoroutine() > before && time.Since(wait) < 50*time.Millisecond; {
		time.Sleep(time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines after the query returned (after %s), %d before: the script runs on", after, took, before)
	}
}

// TestGizmoLimit checks that a script emitting without end is cut at the
// result limit and reported as truncated.
func TestGizmoLimit(t *testing.T) {
	s := openMemory(t)
	res, err := s.Gizmo(context.Background(), `for (var i = 0; i < 100000000; i++) { g.Emit(i) }`, 5, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 5 || !res.Truncated {
		t.Errorf("%d results, truncated %v; want 5, truncated", len(res.Results), res.Truncated)
	}
}
