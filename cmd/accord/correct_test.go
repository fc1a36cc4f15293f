package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accord/graph"
)

// TestCorrectCommands corrects the seed corpus through the command line
// and checks that the corrections hold after a reload with a changed
// vocabulary, that the audit lists them with who and why, and that an
// undo brings the fact back.
func TestCorrectCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	store := "bolt:" + filepath.Join(dir, "db")
	cmd := func(want int, args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(ctx, args, &out, &errb); code != want {
			t.Fatalf("accord %s: exit %d, want %d: %s%s", strings.Join(args, " "), code, want, out.String(), errb.String())
		}
		return out.String() + errb.String()
	}
	cmd(0, "load", "-q", "--store", store, "../../data/corpus")
	who := []string{"--store", store, "--who", "Ana Lopez"}
	correct := func(kind string, args ...string) string {
		t.Helper()
		return cmd(0, append(append([]string{"correct", kind}, who...), args...)...)
	}
	correct("merge", "agreement on irregular migration flows", "agreement on asylum seekers", "--note", "one deal under two names")
	correct("rename", "agreement-on-irregular-migration-flows", "Additional Protocol to the Safe Third Country Agreement", "--note", "its name")
	correct("split", "migration", "migrants", "--note", "people, not the issue")
	correct("retype", "migrants", "Person", "--note", "a group of people")
	rej := correct("reject", "Joe Biden", "seeks", "Haiti", "--note", "Biden seeks stability in Haiti, not Haiti")
	correct("confirm", "Joe Biden", "met", "Justin Trudeau", "--doc", "003_97af98de986fb831.txt", "--note", "the joint statement says so")
	correct("add", "Alejandro Mayorkas", "holdsRole", "Secretary of Homeland Security", "--literal", "--source", "002_aba5ecb4ee03d776.txt", "--note", "002 calls him Homeland Security Alejandro Mayorkas")

	check := func(when string) {
		t.Helper()
		facts := func(args ...string) string {
			return cmd(0, append([]string{"query", "facts", "--store", store}, args...)...)
		}
		if out := facts("--subject", "joe-biden", "--predicate", "seeks", "--object", "haiti"); !strings.Contains(out, "0 facts") {
			t.Errorf("%s: the rejected fact is back:\n%s", when, out)
		}
		if out := facts("--subject", "migrants", "--predicate", "crossed"); !strings.Contains(out, "Roxham Road") {
			t.Errorf("%s: migrants did not cross Roxham Road:\n%s", when, out)
		}
		if out := facts("--object", "agreement-on-irregular-migration-flows", "--predicate", "announced"); !strings.Contains(out, "Additional Protocol") {
			t.Errorf("%s: the merged agreement's facts:\n%s", when, out)
		}
		if out := facts("--subject", "alejandro-mayorkas", "--predicate", "holdsRole"); !strings.Contains(out, "Secretary of Homeland Security") {
			t.Errorf("%s: the added fact:\n%s", when, out)
		}
		var e graph.Entity
		if err := json.Unmarshal([]byte(cmd(0, "query", "entity", "--store", store, "--json", "migrants")), &e); err != nil {
			t.Fatal(err)
		}
		if e.Kind != graph.Person {
			t.Errorf("%s: migrants is %+v, want a Person", when, e)
		}
	}
	check("after the corrections")

	// A new vocabulary: every document is read again.
	vocab := filepath.Join(dir, "data")
	os.Mkdir(vocab, 0o755)
	files, _ := filepath.Glob("../../data/*.[ty][xa]*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == "verbs.yaml" {
			b = append(b, []byte("\n# a reviewed change\n")...)
		}
		os.WriteFile(filepath.Join(vocab, filepath.Base(f)), b, 0o644)
	}
	if out := cmd(0, "load", "-q", "--store", store, "--data", vocab, "../../data/corpus"); !strings.Contains(out, "5 replaced") {
		t.Fatalf("load with a new vocabulary: %s", out)
	}
	check("after a vocabulary change")

	table := cmd(0, "eval", "--set", "seed,../../loader/testdata/gold/seed.json,"+store)
	if !strings.Contains(table, "| seed ") || !strings.Contains(table, "| seed, 7 corrections applied ") {
		t.Errorf("eval table lacks the extractor's row or the corrected one:\n%s", table)
	}
	list := cmd(0, "correct", "list", "--store", store)
	for _, want := range []string{"Ana Lopez", "agreement-on-asylum-seekers merged into agreement-on-irregular-migration-flows",
		"rejected joe-biden seeks haiti", "Biden seeks stability in Haiti, not Haiti", "7 corrections", "in force"} {
		if !strings.Contains(list, want) {
			t.Errorf("correct list lacks %q:\n%s", want, list)
		}
	}
	id := strings.Fields(strings.TrimPrefix(rej, "recorded reject "))[0]
	if out := cmd(0, "correct", "show", "--store", store, id); !strings.Contains(out, "001_70191b54814e684f.txt:\n  - joe-biden seeks haiti") ||
		!strings.Contains(out, "why: Biden seeks stability") {
		t.Errorf("correct show after a new vocabulary:\n%s", out)
	}
	cmd(0, "correct", "undo", "--store", store, "--who", "Ben Okafor", "--note", "the sentence reads as seeking Haiti", id)
	if out := cmd(0, "query", "facts", "--store", store, "--subject", "joe-biden", "--predicate", "seeks", "--object", "haiti"); !strings.Contains(out, "1 facts") {
		t.Errorf("after the undo the rejected fact is not back:\n%s", out)
	}
	if list := cmd(0, "correct", "list", "--store", store); !strings.Contains(list, "undone by") || !strings.Contains(list, "Ben Okafor") || !strings.Contains(list, "8 corrections") {
		t.Errorf("audit after the undo:\n%s", list)
	}
	if out := cmd(0, "correct", "list", "--store", store, "--active"); !strings.Contains(out, "6 corrections") {
		t.Errorf("active corrections:\n%s", out)
	}
}

// TestCorrectUsage: mistakes are usage errors (exit 2) that say what is
// wanted; a correction the store refuses is exit 1 naming the argument.
func TestCorrectUsage(t *testing.T) {
	ctx := context.Background()
	store := "bolt:" + filepath.Join(t.TempDir(), "db")
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"load", "-q", "--store", store, "../../data/corpus"}, &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	t.Setenv("ACCORD_ANALYST", "")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"correct"}, exitUsage, "a kind of correction is required"},
		{[]string{"correct", "mangle"}, exitUsage, `unknown kind "mangle"`},
		{[]string{"correct", "merge", "--store", store, "--who", "ana", "canada"}, exitUsage, "accord correct merge ENTITY FROM (got 1 arguments, want 2)"},
		{[]string{"correct", "rename", "--store", store, "canada", "Canada (federal)"}, exitUsage, "--who NAME (or $ACCORD_ANALYST) is required"},
		{[]string{"correct", "add", "--store", store, "--who", "ana", "canada", "seeks", "stca"}, exitUsage, "needs --note WHY"},
		{[]string{"correct", "reject", "--store", store, "--who", "ana", "--bogus", "a", "b", "c"}, exitUsage, "flag provided but not defined: -bogus"},
		{[]string{"correct", "retype", "--store", store, "--who", "ana", "canada", "Planet"}, exitFailed, "TYPE (--type): \"Planet\" is not one of"},
		{[]string{"correct", "merge", "--store", store, "--who", "ana", "canada", "no such entity at all"}, exitFailed, `FROM "no such entity at all": no entity`},
		{[]string{"correct", "split", "--store", store, "--who", "ana", "canada", "Toronto"}, exitFailed, `ALIAS: "Toronto" is not an alias of canada`},
		{[]string{"correct", "reject", "--store", store, "--who", "ana", "canada", "met", "china"}, exitFailed, "FACT (the fact): no stored fact canada met china"},
		{[]string{"correct", "undo", "--store", store, "--who", "ana", "feedfeedfeedfeed"}, exitFailed, `ID: no correction "feedfeedfeedfeed"`},
	} {
		out.Reset()
		errb.Reset()
		code := run(ctx, tc.args, &out, &errb)
		if code != tc.code || !strings.Contains(errb.String()+out.String(), tc.want) {
			t.Errorf("accord %s: exit %d, %q; want exit %d saying %q", strings.Join(tc.args, " "), code, errb.String(), tc.code, tc.want)
		}
	}
}
