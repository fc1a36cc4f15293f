package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"accord/graph"
	"accord/queries"
)

const queryUsage = `accord query SUBCOMMAND [--store S] [--json] ...

  facts [--subject ID] [--predicate P] [--object ID|"literal"] [--doc ID]
        [--since DATE] [--until DATE] [--modality M] [--as-of DAY] [--limit N]
                              facts matching a triple pattern, with evidence
  search [--type T] [--limit N] NAME
                              entities by name or alias (typos welcome)
  entity [--as-of DAY] ID|NAME
                              one entity and its facts
  neighbors [--depth N] [--predicate P] [--as-of DAY] [--limit N] ID|NAME
                              an entity's neighbourhood
  conflicts [--subject ID|NAME] [--predicate P]
                              claims that disagree across documents
  list                        the named analyst queries
  NAME [param=value ...] [--as-of DAY]
                              run a named query (see list)

--as-of YYYY-MM-DD keeps the facts that held on that day, by their valid
time (validFrom/validUntil), and lists the facts whose sources date them
differently around it.
`

// parseMixed parses flags that may come after positional arguments
// ("accord path A B --k 2"), returning the positional ones.
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				continue
			}
			if i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	if err := parse(fs, flags); err != nil {
		return nil, err
	}
	return pos, nil
}

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// resolveArg turns an entity id, name or alias into an id, explaining an
// ambiguous or unknown name.
func resolveArg(ctx context.Context, st *graph.Store, what, q string) (string, error) {
	res, err := st.Resolve(ctx, q)
	if err != nil {
		return "", err
	}
	if res.Entity != nil {
		return res.Entity.ID, nil
	}
	if len(res.Candidates) == 0 {
		return "", fmt.Errorf("%s %q: no entity has this id, name or alias", what, q)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %q names several entities; use an id:", what, q)
	for _, c := range res.Candidates {
		fmt.Fprintf(&b, "\n  %-40s %s (%s)", c.ID, c.Name, c.Kind)
	}
	return "", errors.New(b.String())
}

func cmdQuery(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, queryUsage)
		if len(args) == 0 {
			return exitUsage, fmt.Errorf("%w: a subcommand is required", errUsage)
		}
		return exitOK, nil
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("query "+sub, flag.ContinueOnError)
	store := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 0, "at most this many results")
	asOf := fs.String("as-of", "", "only facts that held on this day (YYYY-MM-DD)")
	var run func(st *graph.Store, pos []string) error
	switch sub {
	case "facts":
		subject := fs.String("subject", "", "subject entity id, name or alias")
		predicate := fs.String("predicate", "", "predicate")
		object := fs.String("object", "", `object entity id, name or alias, or a "literal"`)
		doc := fs.String("doc", "", "document identifier")
		since := fs.String("since", "", "documents published on or after (YYYY[-MM[-DD]])")
		until := fs.String("until", "", "documents published on or before")
		modality := fs.String("modality", "", "asserted, reported, expected or sought")
		run = func(st *graph.Store, pos []string) error {
			q := graph.FactQuery{Predicate: *predicate, Scope: graph.Scope{Doc: *doc, Since: *since, Until: *until, AsOf: *asOf}, Limit: max(*limit, 0)}
			if q.Limit == 0 {
				q.Limit = 100
			}
			if *modality != "" {
				m, ok := graph.ParseModality(*modality)
				if !ok {
					return fmt.Errorf("%w: --modality must be asserted, reported, expected or sought", errUsage)
				}
				q.Modalities = []graph.Modality{m}
			}
			var err error
			if *subject != "" {
				if q.Subject, err = resolveArg(ctx, st, "--subject", *subject); err != nil {
					return err
				}
			}
			if strings.HasPrefix(*object, `"`) {
				q.Object.Literal = strings.Trim(*object, `"`)
			} else if *object != "" {
				if q.Object.Entity, err = resolveArg(ctx, st, "--object", *object); err != nil {
					return err
				}
			}
			page, err := st.QueryFacts(ctx, q)
			if err != nil {
				if errors.Is(err, graph.ErrOpenQuery) || errors.Is(err, graph.ErrBadScope) {
					return fmt.Errorf("%w: %v", errUsage, err)
				}
				return err
			}
			if *asJSON {
				return printJSON(stdout, page)
			}
			if err := printFacts(ctx, stdout, st, page.Facts); err != nil {
				return err
			}
			return printDisputes(stdout, page.Disputes)
		}
	case "search":
		kind := fs.String("type", "", "only entities of this type")
		run = func(st *graph.Store, pos []string) error {
			if len(pos) == 0 {
				return fmt.Errorf("%w: accord query search NAME", errUsage)
			}
			opt := graph.SearchOptions{Query: strings.Join(pos, " "), Limit: *limit}
			if *kind != "" {
				k, ok := graph.ParseKind(*kind)
				if !ok {
					return fmt.Errorf("%w: unknown --type %q", errUsage, *kind)
				}
				opt.Kinds = []graph.Kind{k}
			}
			page, err := st.SearchEntities(ctx, opt)
			if err != nil {
				return err
			}
			if *asJSON {
				return printJSON(stdout, page)
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tTYPE\tMATCH\tFACTS")
			for _, m := range page.Matches {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", m.ID, m.Name, m.Kind, []string{"", "fuzzy", "prefix", "alias", "exact"}[m.Score], m.Facts)
			}
			return tw.Flush()
		}
	case "entity":
		run = func(st *graph.Store, pos []string) error {
			if len(pos) == 0 {
				return fmt.Errorf("%w: accord query entity ID|NAME", errUsage)
			}
			id, err := resolveArg(ctx, st, "entity", strings.Join(pos, " "))
			if err != nil {
				return err
			}
			d, err := st.EntityFactsAsOf(ctx, id, *limit, *asOf)
			if err != nil {
				return err
			}
			if *asJSON {
				return printJSON(stdout, d)
			}
			fmt.Fprintf(stdout, "%s (%s, %s)", d.Name, d.Kind, d.ID)
			if len(d.Aliases) > 0 {
				fmt.Fprintf(stdout, ", also %s", strings.Join(d.Aliases, "; "))
			}
			fmt.Fprintf(stdout, "\n%d facts as subject, %d as object, in %d documents", d.OutTotal, d.InTotal, len(d.Documents))
			if *asOf != "" {
				fmt.Fprintf(stdout, ", as of %s", *asOf)
			}
			fmt.Fprint(stdout, "\n\n")
			if err := printFacts(ctx, stdout, st, append(d.Out, d.In...)); err != nil {
				return err
			}
			return printDisputes(stdout, d.Disputes)
		}
	case "neighbors":
		depth := fs.Int("depth", 1, "hops, 1 to 3")
		predicate := fs.String("predicate", "", "predicates, comma-separated")
		run = func(st *graph.Store, pos []string) error {
			if len(pos) == 0 {
				return fmt.Errorf("%w: accord query neighbors ID|NAME", errUsage)
			}
			id, err := resolveArg(ctx, st, "entity", strings.Join(pos, " "))
			if err != nil {
				return err
			}
			nb, err := st.Neighbors(ctx, id, graph.NeighborOptions{Depth: *depth, Limit: *limit, Scope: graph.Scope{Predicates: graph.ParsePredicates(*predicate), AsOf: *asOf}})
			if err != nil {
				return err
			}
			if *asJSON {
				return printJSON(stdout, nb)
			}
			names := map[string]string{}
			for _, n := range nb.Nodes {
				names[n.ID] = n.Name
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SUBJECT\tPREDICATE\tOBJECT\tDOCUMENTS\tEVIDENCE")
			for _, e := range nb.Edges {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", names[e.Source], e.Predicate, names[e.Target], len(e.Documents), clip(e.Evidence[0].Sentence, 80))
			}
			if nb.Truncated {
				fmt.Fprintln(tw, "(cut at --limit)")
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			return printDisputes(stdout, nb.Disputes)
		}
	case "conflicts":
		subject := fs.String("subject", "", "entity id, name or alias")
		predicate := fs.String("predicate", "", "predicates, comma-separated")
		run = func(st *graph.Store, pos []string) error {
			args := queries.Args{"predicates": *predicate, "subject": *subject}
			if *limit > 0 {
				args["limit"] = strconv.Itoa(*limit)
			}
			return runNamed(ctx, stdout, st, "conflicts", args, *asJSON)
		}
	case "list":
		run = func(st *graph.Store, pos []string) error {
			if *asJSON {
				return printJSON(stdout, queries.All())
			}
			for _, q := range queries.All() {
				fmt.Fprintf(stdout, "%s: %s\n  %s\n", q.Name, q.Title, q.Doc)
				for _, p := range q.Params {
					req := ""
					if p.Required {
						req = " (required)"
					} else if p.Default != "" {
						req = " (default " + p.Default + ")"
					}
					fmt.Fprintf(stdout, "    %s=%s%s\n", p.Name, p.Doc, req)
				}
			}
			return nil
		}
	default:
		if _, ok := queries.Lookup(sub); !ok {
			fmt.Fprint(stdout, queryUsage)
			return exitUsage, fmt.Errorf("%w: unknown query %q", errUsage, sub)
		}
		run = func(st *graph.Store, pos []string) error {
			a := queries.Args{}
			for _, p := range pos {
				k, v, ok := strings.Cut(p, "=")
				if !ok {
					return fmt.Errorf("%w: parameters are name=value, got %q", errUsage, p)
				}
				a[k] = v
			}
			if *limit > 0 {
				a["limit"] = strconv.Itoa(*limit)
			}
			if *asOf != "" {
				a["as_of"] = *asOf
			}
			return runNamed(ctx, stdout, st, sub, a, *asJSON)
		}
	}
	pos, err := parseMixed(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if err := checkAsOf(*asOf); err != nil {
		return exitUsage, err
	}
	st, err := openStore(ctx, *store)
	if err != nil {
		return exitFailed, err
	}
	defer st.Close()
	if err := run(st, pos); err != nil {
		if errors.Is(err, errUsage) || errors.Is(err, queries.ErrBadArgs) {
			return exitUsage, err
		}
		return exitFailed, err
	}
	return exitOK, nil
}

// runNamed runs a named query and prints its table.
func runNamed(ctx context.Context, w io.Writer, st *graph.Store, name string, a queries.Args, asJSON bool) error {
	for k, v := range a {
		if v == "" {
			delete(a, k)
		}
	}
	t, err := queries.Run(ctx, st, name, a)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(w, t)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(t.Columns, "\t")))
	for _, r := range t.Rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = clip(c, 90)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if t.Truncated {
		fmt.Fprintln(w, "(more rows: raise --limit)")
	}
	fmt.Fprintf(w, "%d rows\n", len(t.Rows))
	return printDisputes(w, t.Disputes)
}

// checkAsOf checks the --as-of flag ("" when absent).
func checkAsOf(d string) error {
	if d != "" && graph.CheckAsOf(d) != nil {
		return fmt.Errorf("%w: --as-of %q is not a day (YYYY-MM-DD)", errUsage, d)
	}
	return nil
}

// printDisputes prints the facts whose sources date them differently
// around the day asked about, every claim with its interval and document.
func printDisputes(w io.Writer, ds []graph.DateDispute) error {
	for _, d := range ds {
		what := d.Subject + " " + d.Predicate
		if d.Object != nil {
			what += " " + d.Object.String()
		}
		fmt.Fprintf(w, "\ndisputed as of %s: %s: %s\n", d.AsOf, what, d.Note)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, c := range d.Claims {
			held := "did not hold"
			if c.Holds {
				held = "held"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", c.Interval, held, c.Fact.Doc, clip(c.Fact.Evidence.Sentence, 80))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// printFacts prints facts as a table with their evidence.
func printFacts(ctx context.Context, w io.Writer, st *graph.Store, fs []graph.Fact) error {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Subject, f.Object.Entity)
	}
	names, err := st.Names(ctx, ids)
	if err != nil {
		return err
	}
	name := func(id string) string {
		if n := names[id]; n != "" {
			return n
		}
		return id
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SUBJECT\tPREDICATE\tOBJECT\tQUALIFIERS\tMODALITY\tVALID\tDOC\tEVIDENCE")
	for _, f := range fs {
		obj := f.Object.Literal
		if f.Object.Entity != "" {
			obj = name(f.Object.Entity)
		}
		var qs []string
		for _, q := range f.Qualifiers {
			qs = append(qs, q.Key+"="+q.Value)
		}
		sort.Strings(qs)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name(f.Subject), f.Predicate, obj, strings.Join(qs, " "),
			f.Evidence.Modality, validity(f), f.Doc, clip(f.Evidence.Sentence, 90))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "%d facts\n", len(fs))
	return nil
}

func cmdPath(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("path", flag.ContinueOnError)
	store := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	k := fs.Int("k", 1, "the k shortest paths")
	depth := fs.Int("max-depth", graph.DefaultPathDepth, "longest path searched, in hops")
	predicate := fs.String("predicate", "", "walk only these predicates (comma-separated)")
	exclude := fs.String("exclude", "", "entities no path passes through (comma-separated ids or names)")
	asOf := fs.String("as-of", "", "walk only facts that held on this day (YYYY-MM-DD)")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if err := checkAsOf(*asOf); err != nil {
		return exitUsage, err
	}
	if len(pos) != 2 {
		return exitUsage, fmt.Errorf("%w: accord path [--k N] [--max-depth N] [--predicate P] [--exclude E] [--as-of DAY] FROM TO", errUsage)
	}
	st, err := openStore(ctx, *store)
	if err != nil {
		return exitFailed, err
	}
	defer st.Close()
	from, err := resolveArg(ctx, st, "from", pos[0])
	if err != nil {
		return exitFailed, err
	}
	to, err := resolveArg(ctx, st, "to", pos[1])
	if err != nil {
		return exitFailed, err
	}
	opt := graph.PathOptions{MaxDepth: *depth, K: *k, Predicates: graph.ParsePredicates(*predicate), AsOf: *asOf}
	for _, x := range strings.Split(*exclude, ",") {
		if x = strings.TrimSpace(x); x != "" {
			id, err := resolveArg(ctx, st, "--exclude", x)
			if err != nil {
				return exitFailed, err
			}
			opt.Exclude = append(opt.Exclude, id)
		}
	}
	res, err := st.Path(ctx, from, to, opt)
	if err != nil {
		return exitFailed, err
	}
	if *asJSON {
		return exitOK, printJSON(stdout, res)
	}
	if len(res.Paths) == 0 {
		fmt.Fprintf(stdout, "no path from %s to %s within %d hops (searched %d", from, to, res.MaxDepth, res.Searched)
		if res.Exhausted {
			fmt.Fprint(stdout, ": they are not connected at any depth")
		}
		fmt.Fprintln(stdout, ")")
		return exitOK, nil
	}
	for i, p := range res.Paths {
		var names []string
		for _, n := range p.Nodes {
			names = append(names, n.Name)
		}
		fmt.Fprintf(stdout, "path %d (%d hops): %s\n", i+1, p.Length, strings.Join(names, " → "))
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		for _, h := range p.Hops {
			arrow := fmt.Sprintf("--%s-->", h.Predicate)
			if h.Direction == "in" {
				arrow = fmt.Sprintf("<--%s--", h.Predicate)
			}
			ev := ""
			if len(h.Evidence) > 0 {
				ev = clip(h.Evidence[0].Sentence, 90)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", h.FromName, arrow, h.ToName, strings.Join(h.Documents, ","), ev)
		}
		tw.Flush()
	}
	return exitOK, printDisputes(stdout, res.Disputes)
}

// validity writes a fact's interval for a table: "2021-10-26–2023-07-25",
// "2023-03-24– (doc)" when it holds from its document's date, "doc's
// date–" when its statement has no bound (stored before valid times).
func validity(f graph.Fact) string {
	iv := f.Interval()
	if iv == "" {
		return "doc's date–"
	}
	if f.ValidUntil == nil && f.ValidFrom != nil && f.ValidFrom.Source == graph.SourceDocumentDate {
		iv += " (doc)"
	}
	return iv
}
