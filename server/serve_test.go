package server

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

// TestServeShutdown checks that Serve stops when its context is cancelled,
// after letting a request already in flight finish.
func TestServeShutdown(t *testing.T) {
	s, _, _ := newTestServer(t)
	started, release := make(chan struct{}), make(chan struct{})
	s.router.GET("/slow", func(c *gin.Context) {
		close(started)
		<-release
		c.String(http.StatusOK, "done")
	})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	type answer struct {
		body string
		err  error
	}
	slow := make(chan answer, 1)
	go func() {
		res, err := http.Get(base + "/slow")
		if err != nil {
			slow <- answer{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		slow <- answer{string(b), err}
	}()
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("slow request never reached the handler")
	}

	cancel()
	// Shutdown closes the listener first: new connections are refused
	// while the slow request is still running.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("listener still accepts connections after cancel")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v before the in-flight request finished", err)
	default:
	}

	close(release)
	if a := <-slow; a.err != nil || a.body != "done" {
		t.Errorf("in-flight request = %q, %v; want done", a.body, a.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve = %v, want nil", err)
		}
	case <-time.After(ShutdownTimeout + time.Second):
		t.Fatal("Serve did not return after cancel")
	}
}

// TestRunBadAddress checks that Run reports an address it cannot listen on.
func TestRunBadAddress(t *testing.T) {
	s, _, _ := newTestServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.Run(ctx, "127.0.0.1:-1")
	var opErr *net.OpError
	if err == nil || !errors.As(err, &opErr) {
		t.Errorf("Run(127.0.0.1:-1) = %v, want a listen error", err)
	}
}

// TestRunStops checks that Run returns once its context is cancelled.
func TestRunStops(t *testing.T) {
	s, _, _ := newTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, "127.0.0.1:0") }()
	cancel() // before or after the listener is up: Run must return nil either way
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil", err)
		}
	case <-time.After(ShutdownTimeout + time.Second):
		t.Fatal("Run did not return after cancel")
	}
}
