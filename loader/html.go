package loader

import (
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped are elements whose text is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Svg: true, atom.Figcaption: true,
	atom.Button: true, atom.Template: true, atom.Select: true, atom.Iframe: true, atom.Head: true,
}

// blocks are elements that end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Article: true, atom.Section: true, atom.Blockquote: true, atom.Tr: true, atom.Table: true,
	atom.Main: true, atom.Figure: true, atom.Hr: true, atom.Pre: true, atom.Dd: true, atom.Dt: true,
}

// maxDepth bounds element nesting; deeper content is still read as text.
const maxDepth = 512

// readHTML extracts the article text of an HTML page: the text of block
// elements, paragraph by paragraph, without scripts, navigation, headers,
// footers and figure captions. The title, date and canonical URL come from
// the head.
func readHTML(src *Source, page string) (*Source, error) {
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	var orig []int32
	byteOff, runeOff := 0, 0
	var stack []atom.Atom
	skipDepth := 0
	inTitle := false
	pendingSpace := false // the last text ended with white space
	var title strings.Builder
	paragraph := func() {
		s := b.String()
		if s == "" || strings.HasSuffix(s, "\n\n") {
			return
		}
		add := "\n\n"
		if strings.HasSuffix(s, "\n") {
			add = "\n"
		}
		b.WriteString(add)
		for range len(add) {
			orig = append(orig, int32(runeOff))
		}
	}
	for {
		tt := z.Next()
		raw := z.Raw()
		start := runeOff
		byteOff += len(raw)
		runeOff += utf8.RuneCount(raw)
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return nil, z.Err()
			}
			text, norm := normalizePieces(b.String(), orig, runeOff)
			src.Text, src.orig = text, norm
			if strings.TrimSpace(src.Text) == "" {
				return nil, ErrEmpty
			}
			if src.Doc.Title == "" {
				src.Doc.Title = strings.Join(strings.Fields(title.String()), " ")
			}
			return src, nil
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			switch t.DataAtom {
			case atom.Meta:
				htmlMeta(src, t)
			case atom.Link:
				if attr(t, "rel") == "canonical" && src.Doc.URL == "" {
					src.Doc.URL = attr(t, "href")
				}
			case atom.Title:
				inTitle = tt == html.StartTagToken
			}
			if blocks[t.DataAtom] {
				paragraph()
			}
			if tt == html.StartTagToken && !voidElement(t.DataAtom) {
				if len(stack) < maxDepth {
					stack = append(stack, t.DataAtom)
				}
				if skipped[t.DataAtom] || skipDepth > 0 {
					skipDepth++
				}
			}
		case html.EndTagToken:
			t := z.Token()
			if t.DataAtom == atom.Title {
				inTitle = false
			}
			if len(stack) > 0 && stack[len(stack)-1] == t.DataAtom {
				stack = stack[:len(stack)-1]
				if skipDepth > 0 {
					skipDepth--
				}
			}
			if blocks[t.DataAtom] {
				paragraph()
			}
		case html.TextToken:
			text := string(z.Text())
			if inTitle {
				title.WriteString(text)
				continue
			}
			if skipDepth > 0 {
				continue
			}
			lead := strings.TrimLeft(text, " \t\r\n") != text
			trail := strings.TrimRight(text, " \t\r\n") != text
			text = strings.Join(strings.Fields(text), " ")
			if text == "" {
				pendingSpace = pendingSpace || lead
				continue
			}
			if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") && !strings.HasSuffix(s, " ") && (lead || pendingSpace) {
				b.WriteByte(' ')
				orig = append(orig, int32(start))
			}
			pendingSpace = trail
			rawRunes := utf8.RuneCount(raw)
			i := 0
			for _, r := range text {
				at := start + min(i, max(rawRunes-1, 0))
				n := utf8.RuneLen(r)
				b.WriteRune(r)
				for range n {
					orig = append(orig, int32(at))
				}
				i++
			}
		}
	}
}

// normalizePieces normalizes extracted HTML text, carrying its offset map.
func normalizePieces(text string, orig []int32, end int) (string, []int32) {
	norm, rel := normalize(text, 0)
	// rel holds rune indexes into text; orig holds one entry per byte of
	// text, so go through the byte offset of each rune.
	byteOf := make([]int, 0, len(text)+1)
	for bi := range text {
		byteOf = append(byteOf, bi)
	}
	byteOf = append(byteOf, len(text))
	out := make([]int32, len(rel))
	for i, r := range rel {
		if bi := byteOf[r]; bi < len(orig) {
			out[i] = orig[bi]
		} else {
			out[i] = int32(end)
		}
	}
	return norm, out
}

func htmlMeta(src *Source, t html.Token) {
	key := attr(t, "property")
	if key == "" {
		key = attr(t, "name")
	}
	val := strings.TrimSpace(attr(t, "content"))
	if val == "" {
		return
	}
	switch key {
	case "og:title", "twitter:title":
		if src.Doc.Title == "" {
			src.Doc.Title = val
		}
	case "article:published_time", "date", "pubdate", "publish-date", "dc.date":
		if src.Doc.Published == "" {
			src.Doc.Published = isoDate(val)
		}
	case "og:url":
		if src.Doc.URL == "" {
			src.Doc.URL = val
		}
	}
}

func attr(t html.Token, name string) string {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Hr, atom.Img, atom.Input, atom.Meta, atom.Link, atom.Area, atom.Base,
		atom.Col, atom.Embed, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}
