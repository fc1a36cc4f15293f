// Command accord turns news about governments into a knowledge graph: it
// loads documents into a Cayley store, exports N-Quads, serves the HTTP API
// and explorer, and scores the graph against gold facts.
//
// Usage:
//
//	accord load [--store S] PATH...
//	accord export [--store S] [--doc ID] [-o FILE]
//	accord extract [--trace] [--json] FILE
//	accord serve [--store S] [--addr 127.0.0.1:8080]
//	accord eval --gold FILE [--store S]
//	accord eval --set NAME,GOLD,STORE [--set ...]
//	accord import [--store S] FILE.nq
//	accord forget [--store S] ID
//	accord query SUBCOMMAND [--json] ...
//	accord path [--k N] [--json] FROM TO
//	accord parse [--eval] FILE
//	accord correct merge|split|rename|retype|reject|confirm|add|undo|list|show ...
//	accord parse --train DIR -o DIR
//
// The store defaults to $ACCORD_STORE, else bolt:accord.db.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// exit codes of the contract.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	usageHeader = `accord turns news about governments into a knowledge graph.

Commands:
  load [--store S] [--workers N] PATH...   extract and store documents (.txt, .md, .html)
  export [--store S] [--doc ID] [-o FILE]  write the graph (or one document) as N-Quads
  extract [--trace] [--json] FILE          print one document's facts without storing them
  serve [--store S] [--addr HOST:PORT]     serve the HTTP API and the explorer; read-only
        [--cors ORIGIN] [--rate N]         unless $ACCORD_TOKEN or --tokens FILE is set (accord serve -h)
        [--tokens FILE]
  eval --gold FILE [--store S]             score the stored graph against gold facts
  eval --set NAME,GOLD,STORE [--set ...]   score several gold sets into one table
  import [--store S] FILE.nq               load N-Quads, all or nothing
  forget [--store S] ID                    remove one document and its facts
  gen --docs N [-o DIR]                    write synthetic articles for load tests
  query facts|search|entity|neighbors|conflicts|list|NAME [--json] ...
                                           ask the graph (accord query --help)
  path [--k N] [--max-depth N] FROM TO     shortest paths between two entities
  correct merge|split|rename|retype|reject|confirm|add|undo|list|show ...
                                           an analyst's corrections, kept at every load (accord correct --help)
  parse FILE                               print a document's sentences tagged and parsed, as CoNLL-U
  parse --eval FILE.conllu                 tag and parse a treebank's words, print UPOS, UAS, LAS
  parse --train DIR -o DIR                 retrain the tagger and parser on a UD treebank (make model)

The store is bolt:PATH, leveldb:PATH, memory or a postgres:// URL;
default $ACCORD_STORE, else bolt:accord.db.
`
)

// errUsage marks a command-line mistake (exit 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usageHeader)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmds := map[string]func(context.Context, []string, io.Writer, *slog.Logger) (int, error){
		"load":    cmdLoad,
		"export":  cmdExport,
		"extract": cmdExtract,
		"serve":   cmdServe,
		"eval":    cmdEval,
		"import":  cmdImport,
		"forget":  cmdForget,
		"gen":     cmdGen,
		"query":   cmdQuery,
		"path":    cmdPath,
		"parse":   cmdParse,
		"correct": cmdCorrect,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "accord: unknown command %q\n\n%s", args[0], usageHeader)
		return exitUsage
	}
	code, err := cmd(ctx, args[1:], stdout, log)
	switch {
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "accord %s: %v\n", args[0], err)
		}
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "accord %s: %v\n", args[0], err)
		if code == exitOK {
			code = exitFailed
		}
	}
	return code
}

// storeFlag adds --store with its default.
func storeFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("ACCORD_STORE")
	if def == "" {
		def = "bolt:accord.db"
	}
	return fs.String("store", def, "graph store: bolt:PATH, leveldb:PATH, memory or postgres://URL")
}

// dataFlag adds --data, a folder of vocabulary files that replaces the
// embedded ones.
func dataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", os.Getenv("ACCORD_DATA"), "folder of vocabulary files (default: the embedded data/)")
}

// parse parses flags, turning errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(os.Stderr)
			fs.PrintDefaults()
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// vocabulary returns the data files to read: dir when set, else the
// embedded ones.
func vocabulary(dir string, embedded fs.FS) fs.FS {
	if dir != "" {
		return os.DirFS(dir)
	}
	return embedded
}
