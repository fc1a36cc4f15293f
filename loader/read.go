package loader

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"accord/graph"
)

// Errors that name what is wrong with a document.
var (
	ErrEmpty       = errors.New("loader: empty document")
	ErrBinary      = errors.New("loader: binary content")
	ErrEncoding    = errors.New("loader: invalid UTF-8")
	ErrUnsupported = errors.New("loader: unsupported file type")
	ErrTooLarge    = errors.New("loader: document too large")
)

// MaxDocumentSize is the largest document the loader reads: news articles
// and statements are a few kilobytes; a larger file is a dump or a mistake,
// reported rather than read.
const MaxDocumentSize = 8 << 20

// Extensions lists the file types the loader reads.
var Extensions = []string{".txt", ".md", ".html", ".htm"}

// Source is a document read and normalized: Text is what the later stages
// work on, and every byte of Text maps back to a character of the file, so
// evidence offsets point into the real file.
type Source struct {
	Doc  graph.Document
	Text string  // normalized body: typographic quotes and dashes made plain, CR dropped
	orig []int32 // orig[i] = rune offset in the file of Text byte i; len(Text)+1 entries
	file []rune  // the decoded file, for evidence in its own words; nil for HTML
}

// Quote returns Text[start:end] as the file writes it (typographic quotes
// and all), on one line. HTML documents quote their extracted text.
func (s *Source) Quote(start, end int) string {
	q := s.Text[start:end]
	if s.file != nil {
		a, b := s.Span(start, end)
		q = string(s.file[a:b])
	}
	return collapseSpace(q)
}

// collapseSpace is strings.Join(strings.Fields(s), " "): s without the
// spaces around it, each run of spaces inside it one space. A text that
// is already so is returned as it is.
func collapseSpace(s string) string {
	clean := true
	prevSpace := true // at the start, a space would be leading
	for i := 0; i < len(s) && clean; {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		space := unicode.IsSpace(r)
		if space && (prevSpace || r != ' ') {
			clean = false
		}
		prevSpace = space
		i += n
	}
	if clean && !prevSpace || s == "" {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// Span returns the file's character offsets of Text[start:end].
func (s *Source) Span(start, end int) (int, int) {
	if end <= start {
		return int(s.orig[start]), int(s.orig[start])
	}
	return int(s.orig[start]), int(s.orig[end-1]) + 1
}

// ReadFile reads one document from disk.
func ReadFile(path string) (*Source, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > MaxDocumentSize {
		return nil, fmt.Errorf("%s: %w (%d bytes, limit %d)", path, ErrTooLarge, fi.Size(), MaxDocumentSize)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	src, err := Read(filepath.Base(path), b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return src, nil
}

// Read parses one document's bytes; name is its identifier (the file's base
// name), whose extension selects the format.
func Read(name string, b []byte) (*Source, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if !supported(ext) {
		return nil, fmt.Errorf("%w %q (want %s)", ErrUnsupported, ext, strings.Join(Extensions, ", "))
	}
	if len(b) > MaxDocumentSize {
		return nil, fmt.Errorf("%w (%d bytes, limit %d)", ErrTooLarge, len(b), MaxDocumentSize)
	}
	sum := sha256.Sum256(b)
	text, err := decode(b)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmpty
	}
	src := &Source{Doc: graph.Document{ID: name, Hash: hex.EncodeToString(sum[:16])}}
	var body string
	var bodyStart int // rune offset of body in the file
	switch ext {
	case ".html", ".htm":
		return readHTML(src, text)
	default:
		meta, rest, skipped := frontMatter(text)
		if meta == nil {
			meta, rest, skipped = headerBlock(text)
		}
		applyMeta(&src.Doc, meta)
		body, bodyStart = rest, utf8.RuneCountInString(text[:skipped])
	}
	src.Text, src.orig = normalize(body, bodyStart)
	src.file = []rune(text)
	return src, nil
}

func supported(ext string) bool {
	for _, e := range Extensions {
		if e == ext {
			return true
		}
	}
	return false
}

// decode returns the document as a UTF-8 string: a UTF-8 BOM is dropped,
// UTF-16 with a BOM is converted, anything else must be valid UTF-8 text.
func decode(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		if len(b)%2 != 0 {
			return "", fmt.Errorf("%w: odd-length UTF-16", ErrEncoding)
		}
		big := b[0] == 0xFE
		u := make([]uint16, 0, len(b)/2-1)
		for i := 2; i+1 < len(b); i += 2 {
			if big {
				u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
			} else {
				u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
			}
		}
		return string(utf16.Decode(u)), nil
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", ErrBinary
	}
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, n := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return "", fmt.Errorf("%w at byte %d", ErrEncoding, off)
	}
	return string(b), nil
}

// frontMatter splits a leading "---" YAML block from the body. It returns
// the parsed fields, the body, and how many bytes were skipped.
func frontMatter(text string) (map[string]any, string, int) {
	t := strings.TrimLeft(text, " \t\r\n\ufeff")
	lead := len(text) - len(t)
	if !strings.HasPrefix(t, "---") {
		return nil, text, 0
	}
	first := strings.IndexByte(t, '\n')
	if first < 0 || strings.TrimSpace(t[:first]) != "---" {
		return nil, text, 0
	}
	rest := t[first+1:]
	end := -1
	for off := 0; off < len(rest); {
		nl := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		if strings.TrimSpace(line) == "---" || strings.TrimSpace(line) == "..." {
			end = off
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return nil, text, 0
	}
	var meta map[string]any
	if err := yaml.Unmarshal([]byte(rest[:end]), &meta); err != nil {
		// Not YAML after all: treat it as text.
		return nil, text, 0
	}
	skip := lead + first + 1 + end
	if nl := strings.IndexByte(text[skip:], '\n'); nl >= 0 {
		skip += nl + 1
	} else {
		skip = len(text)
	}
	return meta, text[skip:], skip
}

// metaKeys are the keys Accord reads from a document's metadata; a leading
// block of "key: value" lines is metadata only when it names one of them.
var metaKeys = map[string]bool{"title": true, "headline": true, "source_url": true, "url": true, "canonical_url": true,
	"link": true, "date": true, "published": true, "published_time": true, "datepublished": true}

// headerKey matches the key of a "key: value" metadata line: a lower-case
// identifier ("source_url", "published-time") or a capitalised word
// ("Title", "Date"), then a colon and a space or the line's end.
var headerKey = regexp.MustCompile(`^([a-z][a-z0-9_-]{0,39}|[A-Z][a-z]{1,19}|URL):(?: |$)`)

// headerBlock splits a leading block of "key: value" lines written without
// front-matter fences ("title: ...", "source_url: ...", "date: ...") from
// the body. Every line of the block must be such a line and one key must be
// one Accord reads (metaKeys), so a body that opens with "Note: ..." stays
// text; the block ends at the first blank or other line. It returns the
// fields (keys lower-cased, values as written), the body and how many
// bytes were skipped, or nil and the text when there is no such block.
func headerBlock(text string) (map[string]any, string, int) {
	meta := map[string]any{}
	known := false
	off := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
	for off < len(text) {
		nl := strings.IndexByte(text[off:], '\n')
		next := len(text)
		if nl >= 0 {
			next = off + nl + 1
		}
		line := strings.TrimSpace(text[off:next])
		if line == "" {
			break
		}
		m := headerKey.FindStringSubmatch(line)
		if m == nil {
			break
		}
		key := strings.ToLower(m[1])
		if key != m[1] && !metaKeys[key] {
			break // a capitalised word is a key only when Accord reads it ("Title:", not "Note:")
		}
		known = known || metaKeys[key]
		if _, dup := meta[key]; !dup {
			meta[key] = strings.TrimSpace(line[len(m[0]):])
		}
		off = next
	}
	if !known {
		return nil, text, 0
	}
	return meta, text[off:], off
}

// applyMeta copies the front-matter fields Accord knows into the document.
func applyMeta(d *graph.Document, meta map[string]any) {
	get := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := meta[k]; ok && v != nil {
				s := strings.TrimSpace(fmt.Sprint(v))
				if s != "" {
					return s
				}
			}
		}
		return ""
	}
	d.Title = strings.Join(strings.Fields(get("title", "headline")), " ")
	d.URL = get("source_url", "url", "canonical_url", "link")
	if date := get("date", "published", "published_time", "datePublished", "datepublished"); date != "" {
		d.Published = isoDate(date)
	}
}

// isoDate keeps the YYYY-MM-DD part of a date or timestamp; a date written
// out ("March 3, 2024", "12 June 2023") is made ISO too.
func isoDate(s string) string {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	if d := parseDateline(s); d != "" {
		return d
	}
	return s
}

// normalize makes typographic characters plain (curly quotes, dashes,
// non-breaking and zero-width spaces), drops carriage returns and markdown
// escapes, and records for each byte of the result the rune offset it came
// from (base is the rune offset of text in the file).
func normalize(text string, base int) (string, []int32) {
	var b strings.Builder
	b.Grow(len(text))
	orig := make([]int32, 0, len(text)+1)
	ri := base
	emit := func(s string, at int) {
		b.WriteString(s)
		for range len(s) {
			orig = append(orig, int32(at))
		}
	}
	for i, r := range text {
		switch r {
		case '\r', '\u200b', '\u200c', '\u200d', '\ufeff', '\u00ad':
		case '\u2018', '\u2019', '\u201a', '\u2032', '`':
			emit("'", ri)
		case '\u201c', '\u201d', '\u201e', '\u2033', '\u00ab', '\u00bb':
			emit("\"", ri)
		case '\u2010', '\u2011', '\u2012':
			emit("-", ri)
		case '\u2013', '\u2212':
			emit("-", ri)
		case '\u2014', '\u2015':
			// An em dash sets off an aside; keep the words apart.
			emit(" - ", ri)
		case '\u00a0', '\u2002', '\u2003', '\u2009', '\u202f', '\t':
			emit(" ", ri)
		case '\u2026':
			emit("...", ri)
		case '\u00b9', '\u00b2', '\u00b3', '\u2070', '\u2074', '\u2075', '\u2076', '\u2077', '\u2078', '\u2079':
			// Footnote markers ("this Joint Statement¹") are not words.
		case '\\':
			// Markdown escapes ("\###", "\_") stand for the character after.
			if i+1 < len(text) && strings.IndexByte("#_*[]()>-.!", text[i+1]) >= 0 {
				break
			}
			emit("\\", ri)
		default:
			emit(string(r), ri)
		}
		ri++
	}
	orig = append(orig, int32(ri))
	return b.String(), orig
}
