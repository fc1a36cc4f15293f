package loader

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"accord/graph"
)

// TestLoadBadInput: every kind of bad file is reported with its name and a
// reason, and the good files around it still load.
func TestLoadBadInput(t *testing.T) {
	lx := lexiconT(t)
	dir := t.TempDir()
	write := func(name string, b []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := "President Joe Biden met Prime Minister Justin Trudeau in Ottawa. They discussed trade.\n"
	utf16le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(good)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	nested := strings.Repeat("<div>", 20000) + "<p>" + good + "</p>" + strings.Repeat("</div>", 20000)
	write("good.txt", []byte(good))
	write("crlf.txt", []byte(strings.ReplaceAll(good, "\n", "\r\n")))
	write("utf16.txt", utf16le)
	write("nested.html", []byte(nested))
	write("oneline.txt", bytes.Repeat([]byte("Canada and Mexico discussed trade and migration and "), 1<<20/52))
	write("empty.txt", nil)
	write("binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2})
	write("latin1.txt", []byte("Trudeau a rencontr\xe9 Biden."))
	write("huge.txt", bytes.Repeat([]byte("Biden met Trudeau. "), MaxDocumentSize/19+1))
	write("notes.pdf", []byte("%PDF-1.4"))      // not a document type: skipped when walking
	write("ignored.docx", []byte("PK\x03\x04")) // likewise
	if err := os.Symlink(filepath.Join(dir, "loop"), filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(context.Background(), "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sum, err := lx.Load(context.Background(), st, []string{dir, filepath.Join(dir, "loop"), filepath.Join(dir, "notes.pdf")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]error{}
	for _, e := range sum.Errors {
		failed[filepath.Base(e.Path)] = e.Err
	}
	wantFailed := map[string]error{"empty.txt": ErrEmpty, "binary.txt": ErrBinary, "latin1.txt": ErrEncoding, "huge.txt": ErrTooLarge, "notes.pdf": ErrUnsupported, "loop": nil}
	for name, want := range wantFailed {
		got, ok := failed[name]
		if !ok {
			t.Errorf("%s: not reported as failed", name)
			continue
		}
		if want != nil && !errors.Is(got, want) {
			t.Errorf("%s: error %v, want %v", name, got, want)
		}
		if want != nil && !strings.Contains(got.Error(), name) {
			t.Errorf("%s: error %q does not name the file", name, got)
		}
	}
	if sum.Added != 5 || sum.Failed != len(wantFailed) {
		t.Errorf("added %d failed %d (%v); want 5 added (good, crlf, utf16, nested, oneline), %d failed", sum.Added, sum.Failed, sum.Errors, len(wantFailed))
	}
	for _, id := range []string{"good.txt", "crlf.txt", "utf16.txt", "nested.html"} {
		fs, err := st.Facts(context.Background(), graph.FactFilter{Doc: id})
		if err != nil || len(fs) == 0 {
			t.Errorf("%s: %d facts, %v", id, len(fs), err)
		}
	}
}

// TestFilesSkipsFolderNotes: walking a folder leaves out its README and
// LICENSE (reported as skipped), keeps the documents, and a README named
// as a file is a document like any other.
func TestFilesSkipsFolderNotes(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "README.md", "sub/LICENSE.txt", "sub/readme.txt", "sub/b.md", "sub/readme-notes.txt"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("Canada met Mexico.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, skipped, errs := Files([]string{dir})
	rel := func(ps []string) string {
		var out []string
		for _, p := range ps {
			r, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(r))
		}
		return strings.Join(out, " ")
	}
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if got, want := rel(files), "a.txt sub/b.md sub/readme-notes.txt"; got != want {
		t.Errorf("files %q, want %q", got, want)
	}
	if got, want := rel(skipped), "README.md sub/LICENSE.txt sub/readme.txt"; got != want {
		t.Errorf("skipped %q, want %q", got, want)
	}
	files, skipped, _ = Files([]string{filepath.Join(dir, "README.md")})
	if len(files) != 1 || len(skipped) != 0 {
		t.Errorf("README.md named as a file: files %v, skipped %v; want it loaded", files, skipped)
	}
}
