package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestServeOptions(t *testing.T) {
	tests := []struct {
		name, token, addr string
		log               []string // in the log
		quiet             []string // not in the log
	}{
		{"read-only on loopback", "", "127.0.0.1:8080", []string{"read-only"}, []string{"WARN"}},
		{"token on localhost", "0123456789abcdef0123", "localhost:8080", nil, []string{"WARN", "read-only"}},
		{"short token", "abc", "[::1]:8080", []string{"WARN", "shorter than 16"}, []string{"abc"}},
		{"all interfaces", "0123456789abcdef0123", ":8080", []string{"WARN", "beyond this machine"}, []string{"0123456789abcdef0123"}},
		{"public address", "", "0.0.0.0:8080", []string{"beyond this machine"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ACCORD_TOKEN", tt.token)
			var buf bytes.Buffer
			opts, err := serveOptions("", tt.addr, "", slog.New(slog.NewTextHandler(&buf, nil)))
			if err != nil {
				t.Fatal(err)
			}
			if opts.Token != tt.token || opts.Ingest == nil {
				t.Errorf("options: token %q, ingest %v; want %q and an ingest function", opts.Token, opts.Ingest != nil, tt.token)
			}
			for _, w := range tt.log {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("log lacks %q: %s", w, buf.String())
				}
			}
			for _, w := range tt.quiet {
				if strings.Contains(buf.String(), w) {
					t.Errorf("log has %q: %s", w, buf.String())
				}
			}
		})
	}
}

func TestIngestFunc(t *testing.T) {
	opts, err := serveOptions("", "127.0.0.1:0", "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	dg, err := opts.Ingest(context.Background(), "note.txt", []byte("Joe Biden met Justin Trudeau in Ottawa on Friday.\n"))
	if err != nil || dg.Doc.ID != "note.txt" || len(dg.Facts) == 0 {
		t.Errorf("Ingest(note.txt) = %s with %d facts, %v; want its facts", dg.Doc.ID, len(dg.Facts), err)
	}
	if _, err := opts.Ingest(context.Background(), "note.pdf", []byte("text")); err == nil {
		t.Errorf("Ingest(note.pdf) succeeded, want an unsupported type")
	}
}
