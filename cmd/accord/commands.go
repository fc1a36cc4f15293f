package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"accord/data"
	"accord/graph"
	"accord/loader"
	"accord/queries"
	"accord/server"
)

func openStore(ctx context.Context, spec string, opts ...graph.OpenOption) (*graph.Store, error) {
	return graph.Open(ctx, spec, opts...)
}

func lexicon(dir string) (*loader.Lexicon, error) {
	return loader.LoadLexicon(vocabulary(dir, data.FS))
}

func cmdLoad(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	store, dataDir := storeFlag(fs), dataFlag(fs)
	workers := fs.Int("workers", 0, "extraction workers (default: one per CPU)")
	batch := fs.Int("batch", 0, "documents per write transaction (default 64)")
	quiet := fs.Bool("q", false, "print only failures and the summary")
	asJSON := fs.Bool("json", false, "print one JSON event per document, then a summary event")
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if fs.NArg() == 0 {
		return exitUsage, fmt.Errorf("%w: accord load [--store S] PATH [PATH ...]", errUsage)
	}
	lx, err := lexicon(*dataDir)
	if err != nil {
		return exitFailed, err
	}
	st, err := openStore(ctx, *store, graph.ForLoading())
	if err != nil {
		return exitFailed, err
	}
	defer st.Close()
	mode := loader.ReportLines
	switch {
	case *asJSON:
		mode = loader.ReportJSON
	case *quiet:
		mode = loader.ReportQuiet
	case isTerminal(stdout):
		mode = loader.ReportBar
	}
	rep := loader.NewReporter(stdout, mode)
	sum, err := lx.Load(ctx, st, fs.Args(), loader.Options{Workers: *workers, BatchSize: *batch, Progress: rep.Progress})
	rep.Summary(sum, *store)
	if err != nil {
		return exitFailed, err
	}
	if sum.Failed > 0 {
		return exitFailed, nil
	}
	return exitOK, nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func cmdExport(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	store := storeFlag(fs)
	doc := fs.String("doc", "", "export only this document's named graph (its identifier)")
	out := fs.String("o", "", "write to FILE instead of stdout")
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	st, err := openStore(ctx, *store)
	if err != nil {
		return exitFailed, err
	}
	defer st.Close()
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return exitFailed, err
		}
		defer f.Close()
		w = f
	}
	var n int
	if *doc != "" {
		n, err = st.ExportDocument(ctx, w, *doc)
	} else {
		n, err = st.Export(ctx, w)
	}
	if err != nil {
		return exitFailed, err
	}
	if *out != "" {
		log.Info("exported", "quads", n, "file", *out)
	}
	return exitOK, nil
}

func cmdExtract(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	trace := fs.Bool("trace", false, "show what each extraction stage did")
	asJSON := fs.Bool("json", false, "print JSON")
	dataDir := dataFlag(fs)
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if fs.NArg() != 1 {
		return exitUsage, fmt.Errorf("%w: accord extract [--trace] FILE", errUsage)
	}
	lx, err := lexicon(*dataDir)
	if err != nil {
		return exitFailed, err
	}
	src, err := loader.ReadFile(fs.Arg(0))
	if err != nil {
		return exitFailed, err
	}
	var tr *loader.Trace
	if *trace {
		tr = &loader.Trace{}
	}
	dg := lx.Extract(src, tr)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return exitOK, enc.Encode(struct {
			graph.DocumentGraph
			Trace *loader.Trace `json:"trace,omitempty"`
		}{dg, tr})
	}
	names := map[string]string{}
	for _, e := range dg.Entities {
		names[e.ID] = e.Name
	}
	if tr != nil {
		fmt.Fprintln(stdout, "== furniture dropped")
		for _, d := range tr.Dropped {
			fmt.Fprintf(stdout, "  %-24s %s\n", d.Rule, clip(d.Text, 100))
		}
		fmt.Fprintln(stdout, "== sentences")
		for i, s := range tr.Sentences {
			fmt.Fprintf(stdout, "  %3d %s\n", i, clip(s, 140))
		}
		fmt.Fprintln(stdout, "== mentions")
		for _, m := range tr.Mentions {
			fmt.Fprintf(stdout, "  %s\n", oneLine(m))
		}
		fmt.Fprintln(stdout, "== tags")
		for _, t := range tr.Tags {
			fmt.Fprintf(stdout, "  %s\n", t)
		}
		fmt.Fprintln(stdout, "== parse") // only the sentences a clause needed parsed
		for _, p := range tr.Parses {
			fmt.Fprintf(stdout, "  %s\n", p)
		}
		fmt.Fprintln(stdout, "== chunks")
		for _, c := range tr.Chunks {
			fmt.Fprintf(stdout, "  %s\n", c)
		}
		fmt.Fprintln(stdout, "== patterns")
		for _, r := range tr.Relations {
			fmt.Fprintf(stdout, "  %s\n", r)
		}
		fmt.Fprintln(stdout, "== entities")
		etw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		for _, e := range dg.Entities {
			fmt.Fprintf(etw, "  %s\t%s\t%s\t%s\n", clip(e.ID, 48), e.Kind, clip(e.Name, 60), clip(strings.Join(e.Aliases, "; "), 80))
		}
		etw.Flush()
		fmt.Fprintln(stdout, "== facts")
	}
	fmt.Fprintf(stdout, "%s: %s (%s)\n", dg.Doc.ID, dg.Doc.Title, dg.Doc.Published)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, f := range dg.Facts {
		obj := f.Object.Literal
		if f.Object.Entity != "" {
			obj = names[f.Object.Entity]
		}
		var qs []string
		for _, q := range f.Qualifiers {
			qs = append(qs, q.Key+"="+q.Value)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n", names[f.Subject], f.Predicate, obj, f.Evidence.Modality,
			f.Evidence.Confidence, strings.Join(qs, " "), clip(f.Evidence.Sentence, 90))
	}
	tw.Flush()
	fmt.Fprintf(stdout, "%d facts, %d entities\n", len(dg.Facts), len(dg.Entities))
	return exitOK, nil
}

// oneLine folds the line breaks and runs of spaces of a trace line (a
// mention that spans two lines of its document) into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func cmdServe(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	store, dataDir := storeFlag(fs), dataFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback unless told otherwise)")
	cors := fs.String("cors", "", "the one origin (https://host[:port]) whose pages may call the API; default: CORS off")
	rate := fs.Float64("rate", server.DefaultRateLimit, "requests per second per client address; 0 turns the limit off")
	burst := fs.Int("burst", server.DefaultRateBurst, "requests a client may make at once")
	maxIngest := fs.Int64("max-ingest", server.DefaultMaxIngestBody, "largest body of the ingest and import routes, bytes")
	tokens := fs.String("tokens", "", "file of analysts' write tokens, a `TOKEN NAME` line each: corrections are recorded under the name")
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	opts, err := serveOptions(*dataDir, *addr, *tokens, log)
	if err != nil {
		return exitFailed, err
	}
	opts.CORSOrigin = *cors
	opts.Limits = server.Limits{RateLimit: *rate, RateBurst: *burst, MaxIngestBody: *maxIngest}
	st, err := openStore(ctx, *store)
	if err != nil {
		return exitFailed, err
	}
	defer st.Close()
	srv := server.New(st, opts)
	fmt.Fprintf(stdout, "Accord is serving %s on http://%s/\n", *store, *addr)
	if err := srv.Run(ctx, *addr); err != nil {
		return exitFailed, err
	}
	// In-flight requests have finished: the store closes cleanly.
	if err := st.Close(); err != nil {
		return exitFailed, fmt.Errorf("close store: %w", err)
	}
	log.Info("stopped", "store", *store)
	return exitOK, nil
}

func cmdEval(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	store := storeFlag(fs)
	gold := fs.String("gold", "", "gold facts file (JSON, see shared/eval)")
	sample := fs.Int("sample", 10, "extracted facts to print for reading")
	asJSON := fs.Bool("json", false, "print JSON")
	var sets []evalSet
	fs.Func("set", "a gold set scored into one table row, `NAME,GOLD,STORE` (repeatable; replaces --gold and --store)", func(v string) error {
		parts := strings.SplitN(v, ",", 3)
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			return fmt.Errorf("--set %q: want NAME,GOLD,STORE", v)
		}
		sets = append(sets, evalSet{name: parts[0], gold: parts[1], store: parts[2]})
		return nil
	})
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if len(sets) > 0 {
		if *gold != "" {
			return exitUsage, fmt.Errorf("%w: --set and --gold do not go together", errUsage)
		}
		return evalTable(ctx, sets, *asJSON, stdout)
	}
	if *gold == "" {
		return exitUsage, fmt.Errorf("%w: --gold FILE (or --set NAME,GOLD,STORE) is required", errUsage)
	}
	g, err := queries.ReadGold(*gold)
	if err != nil {
		return exitFailed, err
	}
	st, err := openStore(ctx, *store)
	if err != nil {
		return exitFailed, err
	}
	defer st.Close()
	scores, err := queries.EvaluateBoth(ctx, st, g, *sample)
	if err != nil {
		return exitFailed, err
	}
	if *asJSON {
		return exitOK, json.NewEncoder(stdout).Encode(scores)
	}
	scores.Print(stdout)
	return exitOK, nil
}

// evalSet is a gold file and the store holding its documents.
type evalSet struct{ name, gold, store string }

// evalTable scores each set and prints one table. A set that cannot be read
// or scored, or whose store lacks a document its gold names, fails the
// command (exit 1) after the table; low recall does not.
func evalTable(ctx context.Context, sets []evalSet, asJSON bool, stdout io.Writer) (int, error) {
	var scored []queries.Scored
	var failures []string
	for _, s := range sets {
		sc, err := evalOne(ctx, s)
		if err != nil {
			failures = append(failures, fmt.Sprintf("set %s: %v", s.name, err))
			continue
		}
		rep := sc.Extractor
		if len(rep.Absent) > 0 {
			failures = append(failures, fmt.Sprintf("set %s: %s lacks %d of its gold documents (named above)",
				s.name, s.store, len(rep.Absent)))
		}
		row := queries.Scored{Set: s.name, Report: rep}
		if sc.Corrections > 0 {
			row.Corrected, row.Corrections = sc.Corrected, sc.Corrections
		}
		scored = append(scored, row)
	}
	if asJSON {
		if err := json.NewEncoder(stdout).Encode(scored); err != nil {
			return exitFailed, err
		}
	} else {
		queries.PrintTable(stdout, scored)
	}
	if len(failures) > 0 {
		return exitFailed, fmt.Errorf("%s", strings.Join(failures, "; "))
	}
	return exitOK, nil
}

func evalOne(ctx context.Context, s evalSet) (*queries.Scores, error) {
	g, err := queries.ReadGold(s.gold)
	if err != nil {
		return nil, err
	}
	st, err := openStore(ctx, s.store)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return queries.EvaluateBoth(ctx, st, g, 0)
}

func cmdImport(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	store := storeFlag(fs)
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if fs.NArg() != 1 {
		return exitUsage, fmt.Errorf("%w: accord import [--store S] FILE.nq", errUsage)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return exitFailed, err
	}
	defer f.Close()
	st, err := openStore(ctx, *store, graph.ForLoading())
	if err != nil {
		return exitFailed, err
	}
	defer st.Close()
	n, err := st.Import(ctx, f)
	if err != nil {
		return exitFailed, fmt.Errorf("%s: %w (nothing imported)", fs.Arg(0), err)
	}
	fmt.Fprintf(stdout, "imported %d quads from %s\n", n, fs.Arg(0))
	return exitOK, nil
}

func cmdForget(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("forget", flag.ContinueOnError)
	store := storeFlag(fs)
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if fs.NArg() != 1 {
		return exitUsage, fmt.Errorf("%w: accord forget [--store S] ID", errUsage)
	}
	st, err := openStore(ctx, *store)
	if err != nil {
		return exitFailed, err
	}
	defer st.Close()
	if err := st.Forget(ctx, fs.Arg(0)); err != nil {
		return exitFailed, err
	}
	fmt.Fprintf(stdout, "forgot %s\n", fs.Arg(0))
	return exitOK, nil
}

func cmdGen(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	docs := fs.Int("docs", 1000, "number of articles to write")
	nq := fs.Int("nquads", 0, "instead of articles, write about this many quads of a synthetic graph as N-Quads to -o")
	out := fs.String("o", "gen-corpus", "folder to write them into (a file with --nquads)")
	seed := fs.Int64("seed", 1, "random seed: the same seed writes the same corpus")
	dataDir := dataFlag(fs)
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if *nq > 0 {
		f, err := os.Create(*out)
		if err != nil {
			return exitFailed, err
		}
		defer f.Close()
		n, err := graph.WriteSyntheticNQuads(f, *nq)
		if err != nil {
			return exitFailed, err
		}
		fmt.Fprintf(stdout, "wrote %d synthetic quads to %s (for load tests only)\n", n, *out)
		return exitOK, nil
	}
	if *docs <= 0 {
		return exitUsage, fmt.Errorf("%w: --docs must be positive", errUsage)
	}
	lx, err := lexicon(*dataDir)
	if err != nil {
		return exitFailed, err
	}
	if err := lx.Generate(*out, *docs, *seed); err != nil {
		return exitFailed, err
	}
	fmt.Fprintf(stdout, "wrote %d synthetic articles to %s (for load tests only)\n", *docs, *out)
	return exitOK, nil
}
