package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"

	"accord/graph"
	"accord/loader"
	"accord/server"
)

// minTokenLength is the shortest write token served without a warning.
const minTokenLength = 16

// serveOptions returns the server's options from the environment: the
// write token from $ACCORD_TOKEN (unset: read-only), and document ingest
// through the loader with the vocabulary of dataDir (default: embedded).
// The analysts' tokens come from tokensFile, when given (server.ParseTokens).
// It warns about a short token and about a non-loopback address.
func serveOptions(dataDir, addr, tokensFile string, log *slog.Logger) (server.Options, error) {
	lx, err := lexicon(dataDir)
	if err != nil {
		return server.Options{}, err
	}
	opts := server.Options{Logger: log, Token: os.Getenv("ACCORD_TOKEN"), Ingest: ingestFunc(lx)}
	if tokensFile != "" {
		f, err := os.Open(tokensFile)
		if err != nil {
			return opts, fmt.Errorf("--tokens: %w", err)
		}
		opts.Tokens, err = server.ParseTokens(f)
		f.Close()
		if err != nil {
			return opts, fmt.Errorf("--tokens %s: %w", tokensFile, err)
		}
		log.Info("writes enabled for the analysts of the tokens file", "analysts", len(opts.Tokens), "file", tokensFile)
	}
	switch {
	case opts.Token == "" && len(opts.Tokens) == 0:
		log.Info("read-only: set ACCORD_TOKEN or --tokens FILE to enable ingest, import, forget and corrections")
	case opts.Token == "":
	case len(opts.Token) < minTokenLength:
		log.Warn(fmt.Sprintf("ACCORD_TOKEN is shorter than %d characters: anyone who can reach the server may guess it", minTokenLength))
	}
	if host, _, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			log.Warn("serving beyond this machine, without TLS: put a TLS proxy in front", "addr", addr)
		}
	}
	return opts, nil
}

// ingestFunc reads documents posted to the server as `accord load` reads
// files: loader.Read, then the lexicon's extraction.
func ingestFunc(lx *loader.Lexicon) server.IngestFunc {
	return func(ctx context.Context, name string, body []byte) (graph.DocumentGraph, error) {
		src, err := loader.Read(name, body)
		if err != nil {
			return graph.DocumentGraph{}, err
		}
		return lx.Extract(src, nil), nil
	}
}
