package loader

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract feeds arbitrary bytes through the whole pipeline as a text, a
// Markdown and an HTML document: reading may fail with an error, extraction
// must not panic, and every fact's offsets must fall inside the file.
func FuzzExtract(f *testing.F) {
	lx := lexiconT(f)
	for _, seed := range []string{
		"President Joe Biden met Prime Minister Justin Trudeau in Ottawa.",
		"---\ntitle: x\ndate: 2023-01-10\n---\nCanada pledged $4.9 billion to upgrade NORAD.\n",
		"<html><body><p>Biden and Trudeau discussed Ukraine, Haiti and migration.</p></body></html>",
		"Skip to main content\n\nMore from GZERO Media\n",
		"\"The only way is to renegotiate the Safe Third Country Agreement,\" Trudeau told reporters.",
		"Roxham Road, a remote street that connects Champlain, New York with Hemmingford, Quebec.",
		"A, B, and C met. He said - she said - they.",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range []string{"f.txt", "f.md", "f.html"} {
			src, err := Read(name, b)
			if err != nil {
				continue
			}
			dg := lx.Extract(src, &Trace{})
			n := utf8.RuneCount(b)
			if b0 := []byte{0xEF, 0xBB, 0xBF}; len(b) >= 3 && string(b[:3]) == string(b0) {
				n++ // the BOM is not counted as text but offsets may sit after it
			}
			for _, f := range dg.Facts {
				if f.Evidence.Start < 0 || f.Evidence.End < f.Evidence.Start || f.Evidence.End > n+1 {
					t.Fatalf("%s: fact offsets [%d,%d) outside a file of %d characters", name, f.Evidence.Start, f.Evidence.End, n)
				}
				if strings.TrimSpace(f.Evidence.Sentence) == "" {
					t.Fatalf("%s: fact without an evidence sentence", name)
				}
			}
		}
	})
}

// FuzzSentences splits arbitrary text: sentences must lie inside the text,
// in order, without overlap.
func FuzzSentences(f *testing.F) {
	lx := lexiconT(f)
	for _, seed := range []string{"Mr. Biden met Dr. Biden. The U.S. agreed.", "a\n\nb. C! D?", "...", strings.Repeat("x ", 3000)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		kept, _, _ := lx.Clean(text)
		last := 0
		for _, s := range lx.Sentences(text, Paragraphs(text, kept)) {
			if s.Start < last || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("sentence [%d,%d) out of order or bounds (last end %d, text %d)", s.Start, s.End, last, len(text))
			}
			if s.End-s.Start > MaxSentence {
				t.Fatalf("sentence of %d bytes, limit %d", s.End-s.Start, MaxSentence)
			}
			last = s.End
		}
	})
}
