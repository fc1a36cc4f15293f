package loader

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"accord/graph"
)

// TestCrashChild is the loader run as a subprocess by TestKillDuringLoad.
func TestCrashChild(t *testing.T) {
	dir, store := os.Getenv("ACCORD_CRASH_DOCS"), os.Getenv("ACCORD_CRASH_STORE")
	if dir == "" {
		t.Skip("run by TestKillDuringLoad")
	}
	lx := lexiconT(t)
	st, err := graph.Open(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lx.Load(context.Background(), st, []string{dir}, Options{BatchSize: 4, Progress: func(p Progress) {
		fmt.Printf("done %d\n", p.Done)
	}})
	if err != nil {
		t.Fatal(err)
	}
}

// TestKillDuringLoad kills a loading process with SIGKILL halfway, reopens
// its bolt store, and checks that every document is either fully there (all
// the facts extraction gives it) or absent; a second load then completes
// the job.
func TestKillDuringLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	lx := lexiconT(t)
	docs := filepath.Join(t.TempDir(), "docs")
	const n = 120
	if err := lx.Generate(docs, n, 7); err != nil {
		t.Fatal(err)
	}
	store := "bolt:" + filepath.Join(t.TempDir(), "db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ACCORD_CRASH_DOCS="+docs, "ACCORD_CRASH_STORE="+store)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it has stored a good part of the corpus.
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		var done int
		if _, err := fmt.Sscanf(sc.Text(), "done %d", &done); err == nil && done >= n/3 {
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			break
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatal("the loader finished before it could be killed")
	}

	ctx := context.Background()
	st, err := graph.Open(ctx, store)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	files, _, _ := Files([]string{docs})
	present := 0
	check := func() {
		present = 0
		for _, f := range files {
			src, err := ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want := lx.Extract(src, nil)
			hash, err := st.DocumentHash(ctx, src.Doc.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, err := st.Facts(ctx, graph.FactFilter{Doc: src.Doc.ID})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case hash == "" && len(got) == 0:
			case hash == want.Doc.Hash && len(got) == len(want.Facts):
				present++
			default:
				t.Errorf("%s is half there: hash %q, %d of %d facts", src.Doc.ID, hash, len(got), len(want.Facts))
			}
		}
	}
	check()
	t.Logf("after the kill: %d of %d documents fully there, the others absent", present, n)
	if present == 0 || present == n {
		t.Errorf("kill landed outside the load (%d of %d present)", present, n)
	}
	sum, err := lx.Load(ctx, st, []string{docs}, Options{})
	if err != nil || sum.Failed > 0 {
		t.Fatalf("second load: %v %v", err, sum.Errors)
	}
	if sum.Unchanged != present || sum.Added != n-present {
		t.Errorf("second load: %d unchanged, %d added; want %d and %d", sum.Unchanged, sum.Added, present, n-present)
	}
	check()
	if present != n {
		t.Errorf("after the second load %d of %d documents are there", present, n)
	}
	st.Close()
}
