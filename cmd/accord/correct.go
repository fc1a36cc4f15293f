package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"

	"accord/graph"
)

const correctUsage = `accord correct KIND [--store S] [--who NAME] [--note WHY] ...

  merge ENTITY FROM                   FROM is the same as ENTITY: its facts and names become ENTITY's
  split [--type T] ENTITY ALIAS       ALIAS is another entity: it leaves ENTITY, with the facts whose
                                      sentence names it by ALIAS alone
  rename ENTITY NAME                  ENTITY's canonical name becomes NAME (the old one stays an alias)
  retype ENTITY TYPE                  Person, Country, Organization, Agreement, Issue, Place, Event, Commitment
  reject [--doc ID] [--literal] SUBJECT PREDICATE OBJECT
                                      the fact is wrong: removed, and not read again at any load
  confirm [--doc ID] [--literal] SUBJECT PREDICATE OBJECT
                                      the fact is right, as an analyst checked
  add --note WHY [--source DOC] [--literal] SUBJECT PREDICATE OBJECT
                                      a fact by hand, from DOC if given
  undo ID                             take correction ID back (the audit keeps both)
  list [--json] [--active]            every correction: who, when, what and why
  show [--json] ID                    one correction and what it changed, document by document

Entities are ids, names or aliases; with --literal OBJECT is a value, not an
entity. --who defaults to $ACCORD_ANALYST. Corrections hold at every later
load, export and import (README: "What did the analyst change, and why").
`

func cmdCorrect(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, correctUsage)
		if len(args) == 0 {
			return exitUsage, fmt.Errorf("%w: a kind of correction is required (merge, split, rename, retype, reject, confirm, add, undo, list)", errUsage)
		}
		return exitOK, nil
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("correct "+sub, flag.ContinueOnError)
	store := storeFlag(fs)
	who := fs.String("who", os.Getenv("ACCORD_ANALYST"), "the analyst making the correction (default $ACCORD_ANALYST)")
	note := fs.String("note", "", "why")
	var (
		typ, doc, source *string
		lit, asJSON      *bool
		active           *bool
		want             int
		shape            string
	)
	switch sub {
	case "merge":
		want, shape = 2, "ENTITY FROM"
	case "split":
		typ = fs.String("type", "", "the new entity's type (default: ENTITY's)")
		want, shape = 2, "[--type T] ENTITY ALIAS"
	case "rename":
		want, shape = 2, "ENTITY NAME"
	case "retype":
		want, shape = 2, "ENTITY TYPE"
	case "reject", "confirm":
		doc = fs.String("doc", "", "only the fact as read from this document")
		lit = fs.Bool("literal", false, "OBJECT is a value, not an entity")
		want, shape = 3, "[--doc ID] [--literal] SUBJECT PREDICATE OBJECT"
	case "add":
		source = fs.String("source", "", "the document the fact comes from")
		lit = fs.Bool("literal", false, "OBJECT is a value, not an entity")
		want, shape = 3, "--note WHY [--source DOC] [--literal] SUBJECT PREDICATE OBJECT"
	case "undo":
		want, shape = 1, "ID"
	case "show":
		asJSON = fs.Bool("json", false, "print JSON")
		want, shape = 1, "[--json] ID"
	case "list":
		asJSON = fs.Bool("json", false, "print JSON")
		active = fs.Bool("active", false, "only the corrections in force")
		want, shape = 0, "[--json] [--active]"
	default:
		return exitUsage, fmt.Errorf("%w: unknown kind %q: want merge, split, rename, retype, reject, confirm, add, undo, list or show", errUsage, sub)
	}
	pos, err := parseMixed(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(pos) != want {
		return exitUsage, fmt.Errorf("%w: accord correct %s %s (got %d arguments, want %d)", errUsage, sub, shape, len(pos), want)
	}
	if sub != "list" && sub != "show" && strings.TrimSpace(*who) == "" {
		return exitUsage, fmt.Errorf("%w: --who NAME (or $ACCORD_ANALYST) is required: the audit names the analyst", errUsage)
	}
	if sub == "add" && strings.TrimSpace(*note) == "" {
		return exitUsage, fmt.Errorf("%w: accord correct add needs --note WHY", errUsage)
	}
	st, err := openStore(ctx, *store)
	if err != nil {
		return exitFailed, err
	}
	defer st.Close()
	switch sub {
	case "list":
		return listCorrections(ctx, st, *asJSON, *active, stdout)
	case "show":
		return showCorrection(ctx, st, pos[0], *asJSON, stdout)
	}
	c := graph.Correction{Kind: graph.CorrectionKind(sub), Who: *who, Note: *note}
	entity := func(what, q string) (string, error) { return resolveArg(ctx, st, what, q) }
	switch sub {
	case "merge":
		if c.Entity, err = entity("ENTITY", pos[0]); err == nil {
			c.From, err = entity("FROM", pos[1])
		}
	case "split":
		c.Alias, c.Type = pos[1], graph.Kind(*typ)
		c.Entity, err = entity("ENTITY", pos[0])
	case "rename":
		c.Name = pos[1]
		c.Entity, err = entity("ENTITY", pos[0])
	case "retype":
		c.Type = graph.Kind(pos[1])
		c.Entity, err = entity("ENTITY", pos[0])
	case "reject", "confirm", "add":
		f := &graph.FactRef{Predicate: pos[1]}
		if doc != nil {
			f.Doc = *doc
		}
		if source != nil {
			c.Source = *source
		}
		if f.Subject, err = entity("SUBJECT", pos[0]); err == nil {
			if *lit {
				f.Object.Literal = pos[2]
			} else {
				f.Object.Entity, err = entity("OBJECT", pos[2])
			}
		}
		c.Fact = f
	case "undo":
		c.Undoes = pos[0]
	}
	if err != nil {
		return exitFailed, err
	}
	got, err := st.Correct(ctx, c)
	var fe *graph.FieldError
	if errors.As(err, &fe) {
		return exitFailed, fmt.Errorf("%s: %s", flagOf(fe.Field), fe.Reason)
	}
	if err != nil {
		return exitFailed, err
	}
	fmt.Fprintf(stdout, "recorded %s %s by %s at %s: %s\n", got.Kind, got.ID, got.Who, got.When, describe(got))
	return exitOK, nil
}

// flagOf names a correction's field as the command line gives it.
func flagOf(field string) string {
	switch field {
	case "entity":
		return "ENTITY"
	case "from":
		return "FROM"
	case "alias":
		return "ALIAS"
	case "name":
		return "NAME"
	case "type":
		return "TYPE (--type)"
	case "fact", "fact.subject", "fact.predicate", "fact.object":
		return strings.ToUpper(strings.TrimPrefix(field, "fact.")) + " (the fact)"
	case "fact.doc":
		return "--doc"
	case "undoes":
		return "ID"
	}
	return "--" + field
}

// describe says what a correction does, in one line.
func describe(c graph.Correction) string {
	fact := func() string {
		if c.Fact == nil {
			return ""
		}
		o := c.Fact.Object.Entity
		if o == "" {
			o = fmt.Sprintf("%q", c.Fact.Object.Literal)
		}
		s := fmt.Sprintf("%s %s %s", c.Fact.Subject, c.Fact.Predicate, o)
		if c.Fact.Doc != "" {
			s += " in " + c.Fact.Doc
		}
		return s
	}
	switch c.Kind {
	case graph.Merge:
		return fmt.Sprintf("%s merged into %s", c.From, c.Entity)
	case graph.Split:
		return fmt.Sprintf("%q split off %s as %s (%s)", c.Alias, c.Entity, c.NewEntity, c.Type)
	case graph.Rename:
		return fmt.Sprintf("%s renamed %q", c.Entity, c.Name)
	case graph.Retype:
		return fmt.Sprintf("%s retyped %s", c.Entity, c.Type)
	case graph.Reject:
		return "rejected " + fact()
	case graph.Confirm:
		return "confirmed " + fact()
	case graph.Add:
		s := "added " + fact()
		if c.Source != "" {
			s += " from " + c.Source
		}
		return s
	case graph.Undo:
		return "undid " + c.Undoes
	}
	return string(c.Kind)
}

// listCorrections prints the audit: every correction, oldest first.
func listCorrections(ctx context.Context, st *graph.Store, asJSON, active bool, stdout io.Writer) (int, error) {
	all, err := st.Corrections(ctx)
	if err != nil {
		return exitFailed, err
	}
	out := []graph.Correction{}
	for _, c := range all {
		if !active || c.Active() {
			out = append(out, c)
		}
	}
	if asJSON {
		return exitOK, printJSON(stdout, out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tWHEN\tWHO\tWHAT\tWHY\tSTATE")
	for _, c := range out {
		state := "in force"
		switch {
		case c.Kind == graph.Undo:
			state = "-"
		case c.UndoneBy != "":
			state = "undone by " + c.UndoneBy
		}
		when := c.When
		if len(when) > 19 {
			when = when[:19] + "Z"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, when, c.Who, describe(c), c.Note, state)
	}
	if err := tw.Flush(); err != nil {
		return exitFailed, err
	}
	fmt.Fprintf(stdout, "%d corrections\n", len(out))
	return exitOK, nil
}

// showCorrection prints one correction and what it changed.
func showCorrection(ctx context.Context, st *graph.Store, id string, asJSON bool, stdout io.Writer) (int, error) {
	c, err := st.Correction(ctx, id)
	if err != nil {
		return exitFailed, fmt.Errorf("ID %q: %w", id, err)
	}
	ch, err := st.CorrectionChanges(ctx, id)
	if err != nil {
		return exitFailed, err
	}
	if asJSON {
		return exitOK, printJSON(stdout, struct {
			graph.Correction
			Changes []graph.Change `json:"changes"`
		}{c, ch})
	}
	fmt.Fprintf(stdout, "%s %s by %s at %s: %s\n", c.Kind, c.ID, c.Who, c.When, describe(c))
	if c.Note != "" {
		fmt.Fprintf(stdout, "why: %s\n", c.Note)
	}
	if c.UndoneBy != "" {
		fmt.Fprintf(stdout, "undone by %s\n", c.UndoneBy)
	}
	for _, x := range ch {
		where := x.Doc
		if where == "" {
			where = "entities"
		}
		fmt.Fprintf(stdout, "%s:\n", where)
		for _, l := range x.Removed {
			fmt.Fprintf(stdout, "  - %s\n", l)
		}
		for _, l := range x.Added {
			fmt.Fprintf(stdout, "  + %s\n", l)
		}
	}
	if len(ch) == 0 {
		fmt.Fprintln(stdout, "no changes in the stored graph")
	}
	return exitOK, nil
}
