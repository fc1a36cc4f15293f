package loader

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokenizer below is prose's (github.com/jdkato/prose/v2 v2.0.0,
// tokenize.go; MIT License, Copyright (c) 2017-2018 Joseph Kato), ported
// so that it also says which words prose's tagger shares: prose tokenizes
// each distinct space-delimited span of a sentence once and hands out the
// same token objects for every later copy of the span, so the tag the
// tagger gives the last copy is the tag of all of them ("as well as": both
// "as" are IN). The extraction rules were written on those tags, so
// proseWords keeps the sharing.

// proseWord is a token with the span it shares its tag with: words with
// the same span and index share; span -1 shares with none.
type proseWord struct {
	text        string
	span, index int
	repeat      bool // the span appeared before
}

var (
	proseInternal  = regexp.MustCompile(`^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$`)
	proseSanitizer = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")
	proseSuffixes  = []string{",", ")", `"`, "]", "!", ";", ".", "?", ":", "'"}
	prosePrefixes  = []string{"$", "(", `"`, "["}
	proseClitics   = []string{"'ll", "'s", "'re", "'m"}
	proseNegation  = []string{"n't"}
)

// proseWords splits a sentence into words as prose's iterTokenizer does.
func proseWords(text string) []proseWord {
	out := make([]proseWord, 0, len(text)/5+2)
	var spans map[string]int // span text -> its first position
	clean, white := proseSanitizer.Replace(text), false
	start, index := 0, 0
	for index <= len(clean) {
		uc, size := utf8.DecodeRuneInString(clean[index:])
		if size == 0 {
			break
		} else if index == 0 {
			white = unicode.IsSpace(uc)
		}
		if unicode.IsSpace(uc) != white {
			if start < index {
				span := clean[start:index]
				if spans == nil {
					spans = map[string]int{}
				}
				id, seen := spans[span]
				if !seen {
					id = start
					spans[span] = id
				}
				n := len(out)
				out = proseSplit(span, id, out)
				for i := n; seen && i < len(out); i++ {
					out[i].repeat = true
				}
			}
			if uc == ' ' {
				start = index + 1
			} else {
				start = index
			}
			white = !white
		}
		index += size
	}
	if start < index {
		out = proseSplit(clean[start:index], -1, out) // the last span is not shared
	}
	return out
}

func proseSpecial(token string) bool {
	return proseEmoticons[token] || strings.HasSuffix(token, ".") && proseInternal.MatchString(token)
}

// proseSplit is prose's doSplit: it appends the words of one span.
func proseSplit(token string, span int, out []proseWord) []proseWord {
	n0 := len(out)
	add := func(s string) {
		if strings.TrimSpace(s) != "" {
			out = append(out, proseWord{text: s, span: span, index: len(out) - n0})
		}
	}
	var suffs []string
	last := 0
	for token != "" && utf8.RuneCountInString(token) != last {
		if proseSpecial(token) {
			add(token)
			break
		}
		last = utf8.RuneCountInString(token)
		lower := strings.ToLower(token)
		if proseHasPrefix(token, prosePrefixes) {
			add(string(token[0]))
			token = token[1:]
		} else if idx := proseIndex(lower, proseClitics); idx > -1 {
			add(token[:idx])
			token = token[idx:]
		} else if idx := proseIndex(lower, proseNegation); idx > -1 {
			add(token[:idx])
			token = token[idx:]
		} else if proseHasSuffix(token, proseSuffixes) {
			suffs = append(suffs, string(token[len(token)-1]))
			token = token[:len(token)-1]
		} else {
			add(token)
		}
	}
	for i := len(suffs) - 1; i >= 0; i-- { // prose prepends each suffix
		out = append(out, proseWord{text: suffs[i], span: span, index: len(out) - n0})
	}
	return out
}

func proseHasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if len(s) > len(p) && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func proseHasSuffix(s string, suffixes []string) bool {
	for _, p := range suffixes {
		if len(s) > len(p) && strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}

func proseIndex(s string, subs []string) int {
	for _, p := range subs {
		if i := strings.Index(s, p); i >= 0 && len(s) > len(p) {
			return i
		}
	}
	return -1
}

// shareTags gives words that share a token object the tag prose's tagger
// gave the last of them.
func shareTags(ws []proseWord, tags []string) {
	var repeated []int // spans that appear more than once
	for _, w := range ws {
		if w.repeat && !slices.Contains(repeated, w.span) {
			repeated = append(repeated, w.span)
		}
	}
	if repeated == nil {
		return
	}
	for i, w := range ws {
		if !slices.Contains(repeated, w.span) {
			continue
		}
		for j := len(ws) - 1; j > i; j-- {
			if ws[j].span == w.span && ws[j].index == w.index {
				tags[i] = tags[j]
				break
			}
		}
	}
}
