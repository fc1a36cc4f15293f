package graph

import (
	"fmt"
	"regexp"
	"strings"
)

// Cayley's N-Quads parser accepts bare words as literals; imports must be
// W3C N-Quads, so each line is checked term by term first.
var (
	// N-Quads IRIs are absolute: a scheme, then the rest.
	reIRI     = regexp.MustCompile(`^<[A-Za-z][A-Za-z0-9+.\-]*:[^<>"{}|^` + "`" + `\\\x00-\x20]*>`)
	reBNode   = regexp.MustCompile(`^_:[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?`)
	reLiteral = regexp.MustCompile(`^"(?:[^"\\\n\r]|\\.)*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^<[^<>"{}|^` + "`" + `\\\x00-\x20]*>)?`)
)

// checkNQuad returns an error naming the column (from 1) of the first term
// of line that is not W3C N-Quads.
func checkNQuad(line string) error {
	i := 0
	skip := func() {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	term := func(what string, res ...*regexp.Regexp) error {
		skip()
		for _, re := range res {
			if m := re.FindString(line[i:]); m != "" {
				i += len(m)
				return nil
			}
		}
		return fmt.Errorf("column %d: bad %s %q", i+1, what, clipTerm(line[i:]))
	}
	if err := term("subject", reIRI, reBNode); err != nil {
		return err
	}
	if err := term("predicate", reIRI); err != nil {
		return err
	}
	if err := term("object", reIRI, reBNode, reLiteral); err != nil {
		return err
	}
	skip()
	if i < len(line) && line[i] != '.' {
		if err := term("graph label", reIRI, reBNode); err != nil {
			return err
		}
		skip()
	}
	if i >= len(line) || line[i] != '.' {
		return fmt.Errorf("column %d: want '.' to end the quad", i+1)
	}
	i++
	skip()
	if i < len(line) && line[i] != '#' {
		return fmt.Errorf("column %d: unexpected %q after the quad", i+1, clipTerm(line[i:]))
	}
	return nil
}

func clipTerm(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		s = f[0]
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}
