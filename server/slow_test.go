package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accord/graph"
)

// listen serves s on a loopback port until the test ends and returns the
// address.
func listen(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// TestSlowClients checks the connection timeouts: a client that does not
// finish its headers is cut off, and one that does not finish its body
// gets a 408 problem.
func TestSlowClients(t *testing.T) {
	s, _, _ := newGuarded(t, Options{Token: testToken, Limits: Limits{ReadHeaderTimeout: 200 * time.Millisecond, ReadTimeout: 400 * time.Millisecond}})
	addr := listen(t, s)
	tests := []struct {
		name, head string
		status     int // 0: the connection is closed without an answer
	}{
		{"headers never end", "GET /healthz HTTP/1.1\r\nHost: x\r\n", 0},
		{"import body never ends", "POST /api/v1/import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + testToken +
			"\r\nContent-Type: application/n-quads\r\nContent-Length: 1000\r\n\r\n<http://x/a> <http://x/b>", http.StatusRequestTimeout},
		{"gizmo body never ends", "POST /api/v1/query/gizmo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\ng.V(", http.StatusRequestTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := io.WriteString(conn, tt.head); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			conn.SetReadDeadline(time.Now().Add(5 * time.Second))
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("the server waited %s for a slow client", took)
			}
			if tt.status == 0 {
				if err == nil {
					t.Errorf("got an answer %d, want the connection closed", res.StatusCode)
				}
				return
			}
			if err != nil {
				t.Fatalf("no answer: %v", err)
			}
			defer res.Body.Close()
			var p Problem
			if res.StatusCode != tt.status || res.Header.Get("Content-Type") != problemType || json.NewDecoder(res.Body).Decode(&p) != nil || p.Status != tt.status {
				t.Errorf("answer = %d %q %+v, want a %d problem", res.StatusCode, res.Header.Get("Content-Type"), p, tt.status)
			}
		})
	}
}

// TestExportStream checks the write deadline of a streamed export: it
// moves with the client's reading, so a slow but steady reader gets all of
// an export that takes longer than any deadline, and a client that stops
// reading is cut off after WriteIdle.
func TestExportStream(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// Some megabytes of N-Quads: more than the sockets' buffers hold.
	if err := st.Synthesize(ctx, graph.SynthOptions{Facts: 6000}, 0, nil); err != nil {
		t.Fatal(err)
	}
	s := New(st, Options{Limits: Limits{RequestTimeout: 300 * time.Millisecond, WriteIdle: 300 * time.Millisecond}})
	addr := listen(t, s)

	// fetch reads the export in chunks, pausing after the i-th chunk for
	// pause(i).
	fetch := func(pause func(i int) time.Duration, chunk int) (int, error) {
		conn, err := net.DialTCP("tcp", nil, mustResolve(t, addr))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetReadBuffer(16 << 10)
		fmt.Fprintf(conn, "GET /api/v1/export HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			return 0, err
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/v1/export = %d", res.StatusCode)
		}
		total := 0
		buf := make([]byte, chunk)
		for i := 0; ; i++ {
			n, err := io.ReadFull(res.Body, buf)
			total += n
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				// A chunked body cut short is an error of its own kind.
				return total, nil
			}
			if err != nil {
				return total, err
			}
			time.Sleep(pause(i))
		}
	}
	var full strings.Builder
	if _, err := st.Export(ctx, &full); err != nil {
		t.Fatal(err)
	}
	size := full.Len()

	start := time.Now()
	n, err := fetch(func(int) time.Duration { return 20 * time.Millisecond }, 256<<10)
	if err != nil || n != size {
		t.Errorf("steady reader got %d of %d bytes: %v", n, size, err)
	}
	if took := time.Since(start); took < 300*time.Millisecond {
		t.Logf("the export took only %s: the deadlines were not tested", took)
	}

	stall := func(i int) time.Duration {
		if i == 0 {
			return 2 * time.Second
		}
		return 0
	}
	n, err = fetch(stall, 64<<10)
	if err == nil && n >= size {
		t.Errorf("a client that stopped reading got the whole export (%d bytes)", n)
	}
	if _, err := http.Get("http://" + addr + "/healthz"); err != nil {
		t.Errorf("server after a cut export: %v", err)
	}
}

func mustResolve(t *testing.T, addr string) *net.TCPAddr {
	t.Helper()
	a, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestShutdownClosesStore checks the graceful shutdown on a bolt store: a
// query in flight when the server is told to stop gets its whole answer,
// Serve returns nil, and the store then closes cleanly and opens again.
func TestShutdownClosesStore(t *testing.T) {
	ctx := context.Background()
	spec := "bolt:" + filepath.Join(t.TempDir(), "db")
	st, err := graph.Open(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, dg := range fixture() {
		if _, err := st.Put(ctx, dg); err != nil {
			t.Fatal(err)
		}
	}
	s := New(st, Options{GizmoTimeout: time.Second})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- s.Serve(sctx, ln) }()

	type answer struct {
		status int
		p      Problem
		err    error
	}
	inflight := make(chan answer, 1)
	go func() {
		res, err := http.Post("http://"+ln.Addr().String()+"/api/v1/query/gizmo", "text/plain", strings.NewReader("while (true) {}"))
		if err != nil {
			inflight <- answer{err: err}
			return
		}
		defer res.Body.Close()
		var a answer
		a.status, a.err = res.StatusCode, json.NewDecoder(res.Body).Decode(&a.p)
		inflight <- a
	}()
	time.Sleep(300 * time.Millisecond) // the query is running
	stop()
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v with a query in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	if a := <-inflight; a.err != nil || a.status != http.StatusUnprocessableEntity || a.p.Status != a.status {
		t.Errorf("in-flight query = %d %+v, %v; want its whole 422 answer", a.status, a.p, a.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve = %v, want nil", err)
		}
	case <-time.After(ShutdownTimeout + time.Second):
		t.Fatal("Serve did not return")
	}
	if err := st.Close(); err != nil {
		t.Fatalf("Close after shutdown: %v", err)
	}
	reopened := make(chan error, 1)
	go func() {
		st2, err := graph.Open(ctx, spec)
		if err == nil {
			var stats graph.Stats
			stats, err = st2.Stats(ctx)
			if err == nil && stats.Documents != 2 {
				err = fmt.Errorf("reopened store holds %d documents, want 2", stats.Documents)
			}
			st2.Close()
		}
		reopened <- err
	}()
	select {
	case err := <-reopened:
		if err != nil {
			t.Errorf("reopen: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the store could not be opened again: still locked")
	}
}
