package loader

import (
	"regexp/syntax"
	"strings"
)

// A literalFilter says when a pattern cannot match a text because the text
// has none of the words one of which every match contains: "(?i)\b(follow
// us on|subscribe to)\b" needs "follow us on" or "subscribe to", in any
// case. Most sentences have none of a furniture rule's words, and looking
// for them is much cheaper than running the pattern, which tries every
// position of the text.
type literalFilter struct {
	any []needle // every match contains one of these; none means no filter
}

// needle is a literal of a pattern; fold marks one matched in any case,
// which is then held in ASCII lower case.
type needle struct {
	text string
	fold bool
}

// maxNeedles bounds the literals a filter tries.
const maxNeedles = 64

// newLiteralFilter analyses a pattern (with the syntax regexp.Compile
// uses); a pattern it cannot read, or whose matches need no literal, gets
// a filter that lets every text through.
func newLiteralFilter(pattern string) literalFilter {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return literalFilter{}
	}
	need, ok := required(re.Simplify())
	if !ok {
		return literalFilter{}
	}
	for _, n := range need {
		if n.text == "" {
			return literalFilter{}
		}
		if n.fold {
			// Case folding matches the ASCII letters k and s with the
			// Kelvin sign and the long s too: mayMatch looks for those
			// two in the text. Other letters outside ASCII fold in ways
			// ASCII lower-casing does not follow: no filter then.
			for i := 0; i < len(n.text); i++ {
				if n.text[i] >= 0x80 {
					return literalFilter{}
				}
			}
		}
	}
	return literalFilter{any: need}
}

// mayMatch reports whether the pattern may match text; lower returns text
// in ASCII lower case.
func (f literalFilter) mayMatch(text string, lower func() string) bool {
	if len(f.any) == 0 {
		return true
	}
	for _, n := range f.any {
		if n.fold {
			if strings.Contains(lower(), n.text) {
				return true
			}
		} else if strings.Contains(text, n.text) {
			return true
		}
	}
	for _, n := range f.any {
		if n.fold {
			// A Kelvin sign or a long s matches k or s under folding.
			return strings.Contains(text, "\u212a") || strings.Contains(text, "\u017f")
		}
	}
	return false
}

// lazyLower returns a function giving s in ASCII lower case, computed on
// the first call.
func lazyLower(s string) func() string {
	var low string
	done := false
	return func() string {
		if !done {
			low, done = asciiLower(s), true
		}
		return low
	}
}

// asciiLower lower-cases the ASCII letters of s.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// exact returns the strings re matches, when they are few and re matches
// nothing else.
func exact(re *syntax.Regexp) ([]needle, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		s := string(re.Rune)
		if fold {
			s = asciiLower(s)
		}
		return []needle{{s, fold}}, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		// An assertion matches the empty string where it holds: as a
		// part of a run it adds nothing, which is all a filter needs.
		return []needle{{"", false}}, true
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpAlternate:
		return alternatives(re.Sub, exact)
	case syntax.OpConcat:
		out := []needle{{"", false}}
		for _, sub := range re.Sub {
			e, ok := exact(sub)
			if !ok {
				return nil, false
			}
			if out = cross(out, e); out == nil {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// alternatives returns the strings of each of subs, as of (exact or
// required) finds them, or false when one has none or they are too many.
func alternatives(subs []*syntax.Regexp, of func(*syntax.Regexp) ([]needle, bool)) ([]needle, bool) {
	var out []needle
	for _, sub := range subs {
		r, ok := of(sub)
		if !ok || len(out)+len(r) > maxNeedles {
			return nil, false
		}
		out = append(out, r...)
	}
	return out, true
}

// cross returns each of a followed by each of b, or nil when they are too
// many; a string with a part in any case is matched in any case.
func cross(a, b []needle) []needle {
	if len(a)*len(b) > maxNeedles {
		return nil
	}
	out := make([]needle, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			n := needle{x.text + y.text, x.fold || y.fold}
			if n.fold {
				n.text = asciiLower(n.text)
			}
			out = append(out, n)
		}
	}
	return out
}

// required returns strings one of which every match of re contains.
func required(re *syntax.Regexp) ([]needle, bool) {
	if e, ok := exact(re); ok {
		return e, true
	}
	switch re.Op {
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpAlternate:
		return alternatives(re.Sub, required)
	case syntax.OpConcat:
		// Runs of parts that match few strings make longer literals
		// ("/" then "AP" or "AFP": "/AP" or "/AFP"); the run whose
		// shortest literal is longest wins, or a part's own.
		var best []needle
		consider := func(c []needle) {
			if len(c) > 0 && shortest(c) > shortest(best) {
				best = c
			}
		}
		var run []needle
		for _, sub := range re.Sub {
			if e, ok := exact(sub); ok {
				if run == nil {
					run = e
				} else if x := cross(run, e); x != nil {
					run = x
				} else {
					consider(run)
					run = e
				}
				continue
			}
			consider(run)
			run = nil
			if r, ok := required(sub); ok {
				consider(r)
			}
		}
		consider(run)
		return best, best != nil
	}
	return nil, false
}

// shortest returns the length of the shortest needle, 0 for none.
func shortest(ns []needle) int {
	if len(ns) == 0 {
		return 0
	}
	m := len(ns[0].text)
	for _, n := range ns[1:] {
		m = min(m, len(n.text))
	}
	return m
}
