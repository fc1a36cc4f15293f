package loader

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Drop records a piece of page furniture removed from a document.
type Drop struct {
	Rule  string `json:"rule"`
	Text  string `json:"text"`
	Start int    `json:"start"` // byte offsets in Source.Text
	End   int    `json:"end"`
}

// Sentence is one sentence of the article body.
type Sentence struct {
	Start, End int    // byte offsets in Source.Text
	Text       string // Source.Text[Start:End] with line breaks as spaces
	Para       int    // paragraph number, from 0
}

// span is a byte range of Source.Text.
type span struct{ start, end int }

// lines splits text into line spans without their newline.
func lines(text string) []span {
	var out []span
	for start := 0; start <= len(text); {
		nl := strings.IndexByte(text[start:], '\n')
		if nl < 0 {
			out = append(out, span{start, len(text)})
			break
		}
		out = append(out, span{start, start + nl})
		start += nl + 1
	}
	return out
}

// trimSpan narrows a span to its text without surrounding spaces.
func trimSpan(text string, s span) span {
	for s.start < s.end && (text[s.start] == ' ' || text[s.start] == '\t') {
		s.start++
	}
	for s.end > s.start && (text[s.end-1] == ' ' || text[s.end-1] == '\t') {
		s.end--
	}
	return s
}

// Clean drops page furniture line by line. It returns the kept lines (a
// blank span marks a paragraph break), what was dropped and by which rule,
// and a publication date found in a dateline.
func (lx *Lexicon) Clean(text string) (kept []span, drops []Drop, date string) {
	ls := lines(text)
	blank := func(s span) bool { return strings.TrimSpace(text[s.start:s.end]) == "" }
	for i := 0; i < len(ls); i++ {
		s := trimSpan(text, ls[i])
		if s.start == s.end {
			kept = append(kept, s)
			continue
		}
		line := text[s.start:s.end]
		rule := lx.lineRule(line)
		if rule == nil {
			kept = append(kept, s)
			continue
		}
		if rule.Kind == "lead" {
			// "TOKYO, March 3, 2024 /PRNewswire/ - Text": the dateline
			// goes, the text after it stays.
			n := len(rule.re.FindString(line))
			if date == "" {
				date = parseDateline(line[:n])
			}
			drops = append(drops, Drop{Rule: rule.ID, Text: strings.TrimSpace(line[:n]), Start: s.start, End: s.start + n})
			if rest := trimSpan(text, span{s.start + n, s.end}); rest.start < rest.end {
				kept = append(kept, rest)
			}
			continue
		}
		switch rule.Kind {
		case "tail":
			for _, r := range ls[i:] {
				if r := trimSpan(text, r); r.start < r.end {
					drops = append(drops, Drop{Rule: rule.ID, Text: text[r.start:r.end], Start: r.start, End: r.end})
				}
			}
			return kept, drops, date
		case "credit":
			// The caption lines right above a credit belong to it.
			for n := 0; n < 3 && len(kept) > 0; n++ {
				prev := kept[len(kept)-1]
				if blank(prev) || prev.end-prev.start > 400 || endsSentence(text[prev.start:prev.end]) && n == 0 && !looksLikeCaption(text[prev.start:prev.end]) {
					break
				}
				kept = kept[:len(kept)-1]
				drops = append(drops, Drop{Rule: rule.ID + "/caption", Text: text[prev.start:prev.end], Start: prev.start, End: prev.end})
			}
		case "date":
			if date == "" {
				date = parseDateline(line)
			}
		}
		drops = append(drops, Drop{Rule: rule.ID, Text: line, Start: s.start, End: s.end})
	}
	return kept, drops, date
}

// lineRule returns the first line-level rule matching line, or nil.
func (lx *Lexicon) lineRule(line string) *FurnitureRule {
	lower := lazyLower(line)
	for _, r := range lx.furniture {
		if r.Kind != "sentence" && r.matches(line, lower) {
			return r
		}
	}
	return nil
}

// sentenceRule returns the first sentence-level rule matching s, or nil.
func (lx *Lexicon) sentenceRule(s string) *FurnitureRule {
	lower := lazyLower(s)
	for _, r := range lx.furniture {
		if r.Kind == "sentence" && r.matches(s, lower) {
			return r
		}
	}
	return nil
}

// looksLikeCaption: captions describe a picture without a finite verb of
// their own and usually end with a place and date.
func looksLikeCaption(s string) bool {
	s = strings.TrimRight(s, ". ")
	n := len(s)
	return n > 4 && unicode.IsDigit(rune(s[n-1])) && unicode.IsDigit(rune(s[n-2]))
}

// endsSentence reports whether a line ends with sentence punctuation.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"')”’")
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case '.', '!', '?', ':', ';':
		return true
	}
	return false
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " \"'("))
	return unicode.IsLower(r)
}

// Paragraphs joins kept lines into paragraphs. Lines of one block are one
// paragraph when the block is hard-wrapped (every line but the last of
// similar, moderate length) or when a line plainly runs on into the next
// (it stops mid-sentence and the next starts in lower case); otherwise each
// line is its own paragraph. A blank line ends a paragraph unless the text
// plainly runs on ("As Trudeau" / "attempts").
func Paragraphs(text string, kept []span) []span {
	wrapped := hardWrapped(text, kept)
	var out []span
	cur := span{-1, -1}
	flush := func() {
		if cur.start >= 0 {
			out = append(out, cur)
		}
		cur = span{-1, -1}
	}
	sawBlank := false
	for i, l := range kept {
		if l.start == l.end {
			sawBlank = true
			continue
		}
		line := text[l.start:l.end]
		if cur.start >= 0 {
			prev := text[cur.start:cur.end]
			join := !endsSentence(prev) && startsLower(line)
			if !sawBlank && wrapped[i] && !endsSentence(prev) {
				join = true
			}
			if !join {
				flush()
			}
		}
		if cur.start < 0 {
			cur = l
		} else {
			cur.end = l.end
		}
		sawBlank = false
	}
	flush()
	return out
}

// hardWrapped marks the lines that continue a hard-wrapped block: a block
// (lines between blank ones) of two or more lines, none longer than 100
// characters and all but the last at least 40.
func hardWrapped(text string, kept []span) map[int]bool {
	out := map[int]bool{}
	for i := 0; i < len(kept); {
		if kept[i].start == kept[i].end {
			i++
			continue
		}
		j := i
		for j < len(kept) && kept[j].start != kept[j].end {
			j++
		}
		ok := j-i >= 2
		for k := i; k < j && ok; k++ {
			n := len([]rune(text[kept[k].start:kept[k].end]))
			ok = n <= 100 && (n >= 40 || k == j-1)
		}
		if ok {
			for k := i + 1; k < j; k++ {
				out[k] = true
			}
		}
		i = j
	}
	return out
}

// Sentences splits paragraphs into sentences. A period ends a sentence when
// a capital, digit or quote follows after a space, unless it ends an
// abbreviation or an initial ("Joseph R. Biden").
func (lx *Lexicon) Sentences(text string, paras []span) []Sentence {
	var out []Sentence
	for pi, p := range paras {
		start := p.start
		for i := p.start; i < p.end; i++ {
			c := text[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			j := i + 1
			for j < p.end && (text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == '.' || text[j] == '!' || text[j] == '?') {
				j++
			}
			if j < p.end && text[j] != ' ' && text[j] != '\n' {
				continue
			}
			k := j
			for k < p.end && (text[k] == ' ' || text[k] == '\n') {
				k++
			}
			if k >= p.end {
				break
			}
			r, _ := utf8.DecodeRuneInString(text[k:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\'' || r == '(' || r == '$') {
				continue
			}
			if c == '.' && lx.isAbbreviation(text[p.start:i]) {
				continue
			}
			out = appendSentence(out, text, start, j, pi)
			start = k
			i = k - 1
		}
		out = appendSentence(out, text, start, p.end, pi)
	}
	return out
}

// MaxSentence bounds a sentence in bytes: text without sentence ends (a
// table, a one-line dump) is cut at spaces into pieces of at most this size,
// so that no stage meets an unbounded sentence.
const MaxSentence = 4000

func appendSentence(out []Sentence, text string, start, end, para int) []Sentence {
	for end-start > MaxSentence {
		cut := strings.LastIndexByte(text[start:start+MaxSentence], ' ')
		if cut <= 0 {
			cut = MaxSentence
			for cut > 0 && !utf8.RuneStart(text[start+cut]) {
				cut--
			}
		}
		out = appendSentence(out, text, start, start+cut, para)
		start += cut
	}
	s := trimSpan(text, span{start, end})
	for s.start < s.end && (text[s.start] == '\n' || text[s.start] == ' ') {
		s.start++
	}
	for s.end > s.start && (text[s.end-1] == '\n' || text[s.end-1] == ' ') {
		s.end--
	}
	if s.start >= s.end {
		return out
	}
	// "Combatting COVID-19: The leaders committed to ...": a fact sheet's
	// lead-in label is a sentence of its own, so that the sentence after
	// it starts with its subject.
	if m := reLeadLabel.FindStringSubmatchIndex(text[s.start:s.end]); m != nil && s.start+m[3]+1 < s.end {
		out = append(out, Sentence{Start: s.start, End: s.start + m[3] + 1, Text: text[s.start : s.start+m[3]+1], Para: para})
		s.start += m[3] + 1
		for s.start < s.end && (text[s.start] == ' ' || text[s.start] == '\n') {
			s.start++
		}
	}
	return append(out, Sentence{Start: s.start, End: s.end, Text: strings.ReplaceAll(text[s.start:s.end], "\n", " "), Para: para})
}

// reLeadLabel matches a label of up to eight title-case words and a colon
// that opens a sentence whose next word is capitalised.
var reLeadLabel = regexp.MustCompile(`^((?:[A-Z][\p{L}\d'’&-]*)(?: (?:[A-Z0-9][\p{L}\d'’&-]*|and|of|the|for|in|on|to|with|a|an|against)){0,7}):[ \n]+["“]?[A-Z]`)

// isAbbreviation reports whether the text before a period ends with an
// abbreviation or an initial.
func (lx *Lexicon) isAbbreviation(before string) bool {
	i := len(before)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:i])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		i -= n
	}
	w := before[i:]
	if w == "" {
		return false
	}
	if lx.abbrev[w] || lx.abbrev[strings.TrimSuffix(w, ".")] {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) && unicode.IsUpper(r) {
		return true // an initial
	}
	// Dotted acronyms ("U.S", "D.C") are abbreviations.
	return strings.Contains(w, ".") && len(w) <= 6
}

// datePattern finds a date written out: "March 24, 2023", "Jan. 5, 2024",
// "12 June 2023", "3rd March 2024".
var datePattern = regexp.MustCompile(`(?i)\b(?:(jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?) (\d{1,2})(?:st|nd|rd|th)?,? ((?:19|20)\d\d)|(\d{1,2})(?:st|nd|rd|th)? (jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?),? ((?:19|20)\d\d))\b`)

var monthNumber = map[string]string{"jan": "01", "feb": "02", "mar": "03", "apr": "04", "may": "05", "jun": "06",
	"jul": "07", "aug": "08", "sep": "09", "oct": "10", "nov": "11", "dec": "12"}

// parseDateline turns the first date of a line ("March 24, 2023 8:31am",
// "OTTAWA, ON, 12 June 2023 -") into "2023-03-24", or "" when it has none
// or names a day no month has.
func parseDateline(line string) string {
	m := datePattern.FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	mon, day, year := m[1], m[2], m[3]
	if mon == "" {
		mon, day, year = m[5], m[4], m[6]
	}
	if len(day) == 1 {
		day = "0" + day
	}
	iso := year + "-" + monthNumber[strings.ToLower(mon)[:3]] + "-" + day
	if _, err := time.Parse("2006-01-02", iso); err != nil {
		return ""
	}
	return iso
}
