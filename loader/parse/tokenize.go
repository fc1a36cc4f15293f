package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits one sentence of raw English into syntactic words the way
// Universal Dependencies English EWT does: clitics (n't 's 're 've 'll 'd
// 'm) and the possessive 's are words of their own, punctuation is split
// from words, hyphenated compounds are split around the hyphen unless the
// first part is a prefix (non-, pre-, co-, ...), abbreviations keep their
// period, and URLs, e-mail addresses, numbers, dates, times and phone
// numbers stay whole. Each word gets its byte offsets (offset plus its
// position in text), IDs counting from 1 and SpaceAfter; Head is 0 and the
// tags are empty until the tagger and the parser fill them.
func Tokenize(text string, offset int) []Word {
	var spans []span
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		last := strings.TrimSpace(text[j:]) == ""
		spans = splitChunk(spans, text, i, j, last)
		i = j
	}
	words := make([]Word, len(spans))
	for k, s := range spans {
		words[k] = Word{ID: k + 1, Form: text[s.start:s.end], Start: offset + s.start, End: offset + s.end,
			SpaceAfter: k == len(spans)-1 || spans[k+1].start > s.end}
	}
	return words
}

// span is a word's byte range in the text being tokenized.
type span struct{ start, end int }

// splitChunk appends the words of text[start:end], a run of characters
// without spaces; last tells whether it ends the sentence.
func splitChunk(out []span, text string, start, end int, last bool) []span {
	c := text[start:end]
	if whole(c) {
		return append(out, span{start, end})
	}
	// Opening punctuation: quotes, brackets, currency signs, dashes.
	for start < end {
		c = text[start:end]
		if n := leadingPunct(c); n > 0 && n < len(c) {
			out = append(out, span{start, start + n})
			start += n
			continue
		}
		break
	}
	// Closing punctuation, collected from the end and appended after the core.
	var tail []span
	for start < end {
		c = text[start:end]
		n := trailingPunct(c, last && allClosing(text, tail))
		if n == 0 || n == len(c) {
			break
		}
		tail = append(tail, span{end - n, end})
		end -= n
	}
	if start < end {
		out = splitCore(out, text, start, end)
	}
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

// allClosing reports whether the spans split off the end of the last chunk
// so far are closing quotes and brackets only, so that an abbreviation
// before them still ends the sentence ("... the U.S.)").
func allClosing(text string, tail []span) bool {
	for _, s := range tail {
		if !strings.ContainsAny(text[s.start:s.end], "\"”’')]}") {
			return false
		}
	}
	return true
}

// whole reports whether a chunk is one word as it stands: a URL, an e-mail
// address, a file name or an emoticon.
func whole(c string) bool {
	if len(c) == 1 {
		return true
	}
	if emoticons[c] {
		return true
	}
	return false
}

// emoticons are the chunks of punctuation that EWT keeps as one word.
var emoticons = map[string]bool{":)": true, ":-)": true, ";)": true, ";-)": true, ":(": true, ":-(": true, ":D": true,
	":P": true, ":-P": true, "<3": true, ":/": true}

// leadingPunct returns the length of the punctuation word opening c, or 0.
func leadingPunct(c string) int {
	r, size := utf8.DecodeRuneInString(c)
	switch r {
	case '"', '“', '(', '[', '{', '«', '¿', '¡':
		return size
	case '<':
		return runLen(c, r)
	case '`', '*', '~', '>':
		return runLen(c, r)
	case '‘':
		if n := quoteRun(c); n > size {
			return n
		}
		return size
	case '$', '£', '€', '¥':
		return runLen(c, r) // "$1.5", "$$$"
	case '#', '@':
		if len(c) > 1 && isLetter(c[1]) {
			return 0 // "#audiobooks", "@user"
		}
		return size // "#1"
	case '\'', '’':
		if n := quoteRun(c); n > size {
			return n
		}
		rest := c[size:]
		if isClitic(rest) || startsDigit(rest) {
			return 0
		}
		return size
	case '-', '—', '–', '.', '…', '=', '+':
		n := runLen(c, r)
		if r == '+' && n == 1 && len(c) > 1 && startsDigit(c[1:]) {
			return 0 // "+44"
		}
		if r == '.' && n == 1 {
			return 0 // ".doc", ".5"
		}
		return n
	}
	return 0
}

// quoteRun returns the byte length of the run of single quotes (' ‘ ’)
// opening c: "’’" and "”" are one word, as double quotes.
func quoteRun(c string) int {
	n := 0
	for n < len(c) {
		q, size := utf8.DecodeRuneInString(c[n:])
		if q != '\'' && q != '‘' && q != '’' {
			break
		}
		n += size
	}
	return n
}

// lastQuoteRun returns the byte length of the run of single quotes closing c.
func lastQuoteRun(c string) int {
	n := 0
	for n < len(c) {
		q, size := utf8.DecodeLastRuneInString(c[:len(c)-n])
		if q != '\'' && q != '‘' && q != '’' {
			break
		}
		n += size
	}
	return n
}

// lastRunLen returns the byte length of the run of r closing c.
func lastRunLen(c string, r rune) int {
	n := 0
	for n < len(c) {
		q, size := utf8.DecodeLastRuneInString(c[:len(c)-n])
		if q != r {
			break
		}
		n += size
	}
	return n
}

// runLen returns the byte length of the run of r opening c.
func runLen(c string, r rune) int {
	n := 0
	for n < len(c) {
		q, size := utf8.DecodeRuneInString(c[n:])
		if q != r {
			break
		}
		n += size
	}
	return n
}

// trailingPunct returns the length of the punctuation word closing c, or 0;
// final tells whether c ends the sentence.
func trailingPunct(c string, final bool) int {
	r, size := utf8.DecodeLastRuneInString(c)
	switch r {
	case '"', '”', ')', ']', '}', '»', ',', ';', '%':
		return size
	case '*', '~', '-', '>', '<':
		return lastRunLen(c, r)
	case '’', '\'', '‘':
		// "governments'" and closing single quotes alike; "’’" is one word.
		return lastQuoteRun(c)
	case ':':
		return size
	case '!', '?', '.', '…':
		// A run of sentence punctuation is one word ("...", "?!", "!!!").
		n := 0
		for n < len(c) {
			q, sz := utf8.DecodeLastRuneInString(c[:len(c)-n])
			if q != '!' && q != '?' && q != '.' && q != '…' {
				break
			}
			n += sz
		}
		// An abbreviation keeps its period, except at the end of the
		// sentence, where EWT gives the period to the sentence ("etc",
		// "p.m" then ".").
		if n == size && r == '.' && !final && isAbbrev(c) {
			return 0
		}
		return n
	}
	return 0
}

// splitCore appends the words of a chunk whose outer punctuation is gone:
// clitics, hyphens, slashes and inner punctuation split it further.
func splitCore(out []span, text string, start, end int) []span {
	c := text[start:end]
	if isURL(c) || isNumberLike(c) || isPunctRun(c) {
		return append(out, span{start, end})
	}
	// "5pm", "65k", "13.9M": the number, then its unit.
	if k := unitAt(c); k > 0 {
		return append(out, span{start, start + k}, span{start + k, end})
	}
	// "US$4.5": the currency word, then the number.
	if k := strings.IndexByte(c, '$'); k > 0 && k+1 < len(c) && startsDigit(c[k+1:]) && isUpperWord(c[:k]) {
		out = append(out, span{start, start + k + 1})
		return splitChunk(out, text, start+k+1, end, false)
	}
	// Inner separators split the core into parts, each split on.
	if k, n := innerSplit(c); k > 0 {
		out = splitCore(out, text, start, start+k)
		out = append(out, span{start + k, start + k + n})
		if start+k+n < end {
			out = splitChunk(out, text, start+k+n, end, false)
		}
		return out
	}
	return splitClitic(out, text, start, end)
}

// splitClitic appends a word and the clitic it ends with, if any.
func splitClitic(out []span, text string, start, end int) []span {
	c := text[start:end]
	if k := cliticAt(c); k > 0 {
		out = append(out, span{start, start + k})
		return append(out, span{start + k, end})
	}
	return append(out, span{start, end})
}

// clitics are the contracted forms EWT splits off the word before them.
var clitics = []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"}

// isClitic reports whether s (after an apostrophe) is a clitic's rest.
func isClitic(s string) bool {
	switch strings.ToLower(s) {
	case "s", "re", "ve", "ll", "d", "m":
		return true
	}
	return false
}

// fused are words written without their apostrophe or as one, which EWT
// splits into two words: the length of the first word for each.
var fused = map[string]int{
	"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3,
	"dont": 2, "didnt": 3, "doesnt": 4, "cant": 2, "wont": 2, "isnt": 2, "wasnt": 3, "arent": 3,
	"werent": 4, "couldnt": 5, "wouldnt": 5, "shouldnt": 6, "havent": 4, "hasnt": 3, "hadnt": 3, "aint": 2,
	"im": 1, "ive": 1, "thats": 4, "whats": 4, "youre": 3, "theyre": 4, "alot": 1, "outta": 3,
}

// cliticAt returns where a clitic starts in c, or 0 when c has none.
func cliticAt(c string) int {
	l := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(c, "’", "'"), "`", "'"))
	// "’" is three bytes, "'" one: map offsets back through the difference.
	for _, cl := range clitics {
		if strings.HasSuffix(l, cl) && len(l) > len(cl) {
			k := len(l) - len(cl)
			if cl == "'s" && isDigit(l[k-1]) {
				continue // "the 50's", "AK47's"
			}
			return byteOffset(c, k)
		}
	}
	if n, ok := fused[l]; ok {
		return n
	}
	return 0
}

// byteOffset maps offset k in c with "’" replaced by "'" back to c.
func byteOffset(c string, k int) int {
	i, j := 0, 0
	for i < len(c) && j < k {
		if strings.HasPrefix(c[i:], "’") {
			i += len("’")
		} else {
			i++
		}
		j++
	}
	return i
}

// innerSplit finds the first inner separator of c that splits it: the
// offset of the separator and its length, or 0, 0.
func innerSplit(c string) (int, int) {
	for i := 0; i < len(c); {
		r, size := utf8.DecodeRuneInString(c[i:])
		switch r {
		case '—', '–', '…':
			if i > 0 {
				return i, runLen(c[i:], r)
			}
		case '-':
			n := runLen(c[i:], '-')
			if i > 0 && i+n < len(c) && (n > 1 || splitsHyphen(c, i)) {
				return i, n
			}
			i += n
			continue
		case '/':
			if i > 0 && i+1 < len(c) && splitsSlash(c, i) {
				return i, 1
			}
		case ',', ';', '(', ')', '[', ']', '"', '“', '”', '!', '?':
			if i > 0 && !(r == ',' && digitBefore(c, i) && i+1 < len(c) && startsDigit(c[i+1:])) {
				return i, size
			}
		case '.':
			n := runLen(c[i:], '.')
			if n > 1 && i > 0 {
				return i, n
			}
			i += n
			continue
		}
		i += size
	}
	return 0, 0
}

// hyphenPrefixes are the prefixes EWT keeps attached to the word after
// their hyphen ("non-commercial", "e-mail", "co-workers").
var hyphenPrefixes = map[string]bool{
	"e": true, "co": true, "pre": true, "post": true, "non": true, "anti": true, "pro": true, "ex": true,
	"mid": true, "multi": true, "re": true, "semi": true, "cross": true, "over": true, "counter": true,
	"extra": true, "intra": true, "micro": true, "macro": true, "mega": true, "meta": true, "mini": true,
	"neo": true, "pan": true, "para": true, "pseudo": true, "quasi": true, "sub": true, "super": true,
	"trans": true, "ultra": true, "un": true, "uni": true, "bi": true, "tri": true, "psycho": true,
	"socio": true, "mis": true, "arch": true, "de": true, "hyper": true, "infra": true, "auto": true,
}

// splitsHyphen reports whether the hyphen at c[i] splits the word.
func splitsHyphen(c string, i int) bool {
	left := c[:i]
	if j := strings.LastIndexAny(left, "-"); j >= 0 {
		left = left[j+1:]
	}
	if hyphenPrefixes[strings.ToLower(left)] {
		return false
	}
	return true
}

// splitsSlash reports whether the slash at c[i] splits the word: between
// words ("and/or") it does, in dates, fractions and short codes ("9/11",
// "b/c", "l/c") it does not.
func splitsSlash(c string, i int) bool {
	left, right := c[:i], c[i+1:]
	if startsDigit(right) && digitBefore(c, i) {
		return false
	}
	if len(left) <= 1 || len(right) <= 1 {
		return false
	}
	return true
}

// isAbbrev reports whether c, ending in a period, is an abbreviation that
// keeps its period: initials and dotted letters ("U.S.", "e.g.", "J.") or a
// known abbreviation ("Mr.", "Jr.", "Inc.").
func isAbbrev(c string) bool {
	if abbrevs[strings.ToLower(c)] {
		return true
	}
	// Letters each followed by a period: "U.S.", "a.m.", "J.", "F.R.S.".
	dotted := len(c) >= 2
	for k := 0; k < len(c); k += 2 {
		if k+1 >= len(c) || c[k+1] != '.' || !isLetter(c[k]) {
			dotted = false
			break
		}
	}
	return dotted
}

// abbrevs are the abbreviations (lower case) that keep their period.
var abbrevs = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`
		mr. mrs. ms. dr. prof. sr. jr. st. mt. ft. gen. lt. col. capt. sgt. maj. cmdr. adm. gov. sen. rep. reps. rev. hon. pres.
		inc. ltd. co. corp. llc. bros. dept. univ. assn. admin. est. govt. intl. natl.
		jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
		mon. tue. tues. wed. thu. thur. thurs. fri. sat. sun.
		etc. vs. v. no. nos. vol. pp. p. ed. eds. approx. fig. figs. al. cf. ca. viz. eg. lb. spec. ext. ph.
		ave. blvd. rd. hwy. apt. attn. tel. mins. hrs. yr. yrs. lbs. oz. min. max.
		ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. kans. ky. la. md. mass. mich. minn. miss. mo.
		mont. neb. nev. okla. ore. pa. tenn. tex. va. vt. wash. wis. wyo.
		a.m p.m a.k.a u.s.a u.k l.l.c l.p
	`) {
		abbrevs[a] = true
	}
}

// isURL reports whether c is a URL, an e-mail address or a file or host
// name, which stay one word.
func isURL(c string) bool {
	l := strings.ToLower(c)
	for _, p := range []string{"http://", "https://", "ftp://", "www.", "mailto:"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	if at := strings.IndexByte(c, '@'); at > 0 && strings.Contains(c[at:], ".") {
		return true
	}
	if dot := strings.LastIndexByte(l, '.'); dot > 0 && dot < len(l)-1 {
		switch l[dot+1:] {
		case "com", "org", "net", "gov", "edu", "int", "mil", "ca", "uk", "au", "io", "html", "htm", "pdf",
			"doc", "docx", "xls", "xlsx", "txt", "jpg", "png", "gif", "zip", "ppt":
			return isLetterOrDigit(l[dot-1])
		}
	}
	return false
}

// isNumberLike reports whether c is a number, time, date, phone number or
// code of digits that stays whole ("1.5", "3,202.61", "11:30", "9/11",
// "713-853-3989", "30x30").
func isNumberLike(c string) bool {
	digits, hyphens := 0, 0
	for i := 0; i < len(c); i++ {
		b := c[i]
		switch {
		case b >= '0' && b <= '9':
			digits++
		case b == '-':
			hyphens++
		case b == '.' || b == ',' || b == ':' || b == '/' || b == 'x':
		default:
			return false
		}
	}
	if digits == 0 || !isDigit(c[0]) || !isDigit(c[len(c)-1]) {
		return false
	}
	if hyphens == 0 {
		return true
	}
	// Phone numbers and codes: three groups or more, or a group of seven.
	groups := strings.Split(c, "-")
	return len(groups) >= 3 || len(groups) == 2 && len(groups[0]) <= 3 && len(groups[1]) == 4
}

func isDigit(b byte) bool              { return b >= '0' && b <= '9' }
func isLetter(b byte) bool             { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
func isLetterOrDigit(b byte) bool      { return isLetter(b) || isDigit(b) }
func startsDigit(s string) bool        { return s != "" && isDigit(s[0]) }
func startsLetter(s string) bool       { return s != "" && isLetter(s[0]) }
func digitBefore(c string, i int) bool { return i > 0 && isDigit(c[i-1]) }

// TokenScore counts how many words a tokenizer found as the gold words
// are: a word matches when its byte span in the sentence's text is a gold
// word's span.
type TokenScore struct{ Gold, Pred, Match int }

// Add scores the words of one sentence: gold are the treebank's words of
// text, pred the words a tokenizer found (offsets relative to text). It
// reports whether all gold words were found and no others.
func (s *TokenScore) Add(text string, gold, pred []Word) bool {
	spans := map[span]bool{}
	pos := 0
	for _, g := range gold {
		j := strings.Index(text[pos:], g.Form)
		if j < 0 {
			break
		}
		spans[span{pos + j, pos + j + len(g.Form)}] = true
		pos += j + len(g.Form)
	}
	s.Gold += len(gold)
	s.Pred += len(pred)
	m := 0
	for _, p := range pred {
		if spans[span{p.Start, p.End}] {
			m++
		}
	}
	s.Match += m
	return m == len(gold) && len(pred) == len(gold)
}

// F1 returns the harmonic mean of the precision and the recall.
func (s TokenScore) F1() float64 {
	if s.Gold+s.Pred == 0 {
		return 0
	}
	return 2 * float64(s.Match) / float64(s.Gold+s.Pred)
}

// isUpperWord reports whether s is all capital ASCII letters ("US", "C").
func isUpperWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// units are the unit words (lower case) that EWT splits off the number
// they are written against ("5pm", "65k", "50ft").
var units = map[string]bool{"am": true, "pm": true, "a.m.": true, "p.m.": true, "k": true, "m": true, "mm": true,
	"bn": true, "b": true, "ft": true, "kg": true, "km": true, "cm": true, "lb": true, "lbs": true, "mb": true, "gb": true,
	"kb": true, "mw": true, "mwh": true, "kw": true, "kwh": true, "gw": true, "mi": true, "hrs": true, "hr": true, "min": true,
	"mph": true, "kph": true, "t": true, "g": true, "tb": true}

// unitAt returns where a unit starts in c, a number directly followed by a
// unit, or 0.
func unitAt(c string) int {
	k := 0
	for k < len(c) && (isDigit(c[k]) || k > 0 && (c[k] == '.' || c[k] == ',' || c[k] == ':') && k+1 < len(c) && isDigit(c[k+1])) {
		k++
	}
	if k == 0 || k == len(c) || !units[strings.ToLower(c[k:])] {
		return 0
	}
	return k
}

// isPunctRun reports whether c is a run of sentence punctuation ("!!",
// "?!", ":?") or of one repeated symbol ("$$$", "***"), which is one word.
func isPunctRun(c string) bool {
	first, _ := utf8.DecodeRuneInString(c)
	same, sentence := true, true
	for _, r := range c {
		if r != first {
			same = false
		}
		if !strings.ContainsRune("!?.:…", r) {
			sentence = false
		}
	}
	return sentence || same && !unicode.IsLetter(first) && !unicode.IsDigit(first)
}
