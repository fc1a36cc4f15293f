package loader

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"accord/data"
)

func lexiconT(t testing.TB) *Lexicon {
	t.Helper()
	lx, err := LoadLexicon(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

// corpusSources reads the *.txt documents of dirs (relative to loader/), in
// order; a file that cannot be read fails the test.
func corpusSources(t testing.TB, dirs ...string) []*Source {
	t.Helper()
	var out []*Source
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src, err := Read(filepath.Base(f), b)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, src)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no documents in %v", dirs)
	}
	return out
}

func TestRead(t *testing.T) {
	utf16le := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	tests := []struct {
		name, file string
		in         []byte
		title      string
		date, url  string
		text       string // substring of the normalized text
		notText    string
		err        error
	}{
		{name: "front matter", file: "a.md",
			in:    []byte("---\ntitle: \"Readout of a Call\"\ndate: 2023-01-10\nsource_url: https://example.org/r\n---\n\nPresident Biden spoke today.\n"),
			title: "Readout of a Call", date: "2023-01-10", url: "https://example.org/r", text: "President Biden spoke today.", notText: "source_url"},
		{name: "header block without fences", file: "k.txt",
			in:    []byte("title: Readout of a Call\nsource_url: https://example.org/k\ndate: 2024-03-03\nauthor: Press Office\n\nThe ministers spoke today.\n"),
			title: "Readout of a Call", date: "2024-03-03", url: "https://example.org/k", text: "The ministers spoke today.", notText: "author"},
		{name: "capitalised header keys, date written out", file: "l.txt",
			in:    []byte("Title: Joint Statement\nDate: March 3, 2024\nURL: https://example.org/l\nThe two sides met.\n"),
			title: "Joint Statement", date: "2024-03-03", url: "https://example.org/l", text: "The two sides met.", notText: "Title"},
		{name: "a body that opens with a label is text", file: "m.txt",
			in:   []byte("Note: the ministers met in Ottawa.\n\nThey agreed.\n"),
			text: "Note: the ministers met in Ottawa."},
		{name: "lower-case keys Accord does not read are text", file: "n.txt",
			in:   []byte("summary: the ministers met.\n"),
			text: "summary: the ministers met."},
		{name: "timestamp date", file: "b.txt",
			in:   []byte("---\npublished_time: 2023-01-10 12:54:40-05:00\n---\nText.\n"),
			date: "2023-01-10", text: "Text."},
		{name: "typography", file: "c.txt", in: []byte("Canada\u2019s \u201cdeal\u201d \u2013 signed\u00a0today\r\n"),
			text: "Canada's \"deal\" - signed today\n"},
		{name: "utf-16", file: "d.txt", in: utf16le("Trudeau met Biden."), text: "Trudeau met Biden."},
		{name: "bom", file: "e.txt", in: append([]byte{0xEF, 0xBB, 0xBF}, "Hello there."...), text: "Hello there."},
		{name: "html", file: "f.html",
			in:    []byte(`<html><head><title>Leaders meet</title><meta property="article:published_time" content="2023-03-24T08:00:00Z"><script>var x = "Skip";</script></head><body><nav>Home | World</nav><article><h1>Leaders meet</h1><p>Biden met Trudeau in <b>Ottawa</b>.</p><figure><figcaption>Photo: Reuters</figcaption></figure><p>They discussed trade &amp; migration.</p></article><footer>Copyright</footer></body></html>`),
			title: "Leaders meet", date: "2023-03-24", text: "Biden met Trudeau in Ottawa.\n\nThey discussed trade & migration.", notText: "Reuters"},
		{name: "empty", file: "g.txt", in: []byte(" \n\t\n"), err: ErrEmpty},
		{name: "binary", file: "h.txt", in: []byte("PK\x03\x04\x00\x00"), err: ErrBinary},
		{name: "bad utf-8", file: "i.txt", in: []byte("caf\xe9 au lait"), err: ErrEncoding},
		{name: "unknown extension", file: "j.pdf", in: []byte("%PDF"), err: ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Read(tt.file, tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Read(%s) err = %v, want %v", tt.file, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if src.Doc.ID != tt.file || src.Doc.Title != tt.title || src.Doc.Published != tt.date || src.Doc.URL != tt.url {
				t.Errorf("Read(%s).Doc = %+v", tt.file, src.Doc)
			}
			if !strings.Contains(src.Text, tt.text) {
				t.Errorf("Read(%s).Text = %q, want it to contain %q", tt.file, src.Text, tt.text)
			}
			if tt.notText != "" && strings.Contains(src.Text, tt.notText) {
				t.Errorf("Read(%s).Text = %q, should not contain %q", tt.file, src.Text, tt.notText)
			}
			if len(src.orig) != len(src.Text)+1 {
				t.Errorf("offset map has %d entries for %d bytes", len(src.orig), len(src.Text))
			}
		})
	}
}

// TestSpanPointsIntoFile: evidence offsets count characters of the file
// itself, front matter and typographic quotes included.
func TestSpanPointsIntoFile(t *testing.T) {
	file := "---\ntitle: \u201cX\u201d\n---\nIntro line.\n\nCanada\u2019s \u201cnew\u201d deal \u2013 agreed.\n"
	src, err := Read("a.txt", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want := "Canada's \"new\" deal - agreed."
	i := strings.Index(src.Text, want)
	if i < 0 {
		t.Fatalf("normalized text %q lacks %q", src.Text, want)
	}
	start, end := src.Span(i, i+len(want))
	got := string([]rune(file)[start:end])
	if got != "Canada\u2019s \u201cnew\u201d deal \u2013 agreed." {
		t.Errorf("Span = [%d,%d) = %q in the file", start, end, got)
	}
}

func TestReadFileNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(p, []byte{0xff, 0xfe, 0xfd}, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(p)
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("ReadFile(bad) err = %v; want it to name %s", err, p)
	}
}

// TestCollapseSpace checks collapseSpace against what it stands for, on
// texts made of words and every kind of space.
func TestCollapseSpace(t *testing.T) {
	parts := []string{"a", "Word", "é", " ", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u0085", "\u2003", "\u3000", ".", "\xff"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
