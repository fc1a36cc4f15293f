package loader

import (
	"bytes"
	"encoding/gob"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"github.com/mingrammer/commonregex"
)

// perceptron is prose's averaged-perceptron part-of-speech tagger (a port
// of TextBlob's), read from the model prose ships and compiled for speed:
// features are looked up in one map from their text to a row of (class,
// weight) pairs and scored in an array, where prose builds two maps per
// token. It tags as prose does; only where two classes score exactly the
// same, which prose breaks at random, does it take the first class of the
// model's list.
type perceptron struct {
	classes []string
	tagMap  map[string]string // words the model always tags the same
	rows    map[string]int32  // feature text -> row
	starts  []int32           // row r's weights are weights[starts[r]:starts[r+1]]
	weights []classWeight
}

type classWeight struct {
	class  int32
	weight float64
}

// loadPerceptron reads prose's tagger model.
func loadPerceptron() (*perceptron, error) {
	var classes []string
	var tags map[string]string
	var wts map[string]map[string]float64
	for _, a := range []struct {
		name string
		into any
	}{{"classes.gob", &classes}, {"tags.gob", &tags}, {"weights.gob", &wts}} {
		b, err := prose.Asset("model/AveragedPerceptron/" + a.name)
		if err != nil {
			return nil, err
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(a.into); err != nil {
			return nil, err
		}
	}
	p := &perceptron{classes: classes, tagMap: tags, rows: make(map[string]int32, len(wts)), starts: make([]int32, 0, len(wts)+1)}
	index := map[string]int32{}
	for i, c := range classes {
		index[c] = int32(i)
	}
	for feat, ws := range wts {
		p.rows[feat] = int32(len(p.starts))
		p.starts = append(p.starts, int32(len(p.weights)))
		// In the order of the class list, so that every run adds the
		// same numbers in the same order.
		for i, c := range classes {
			if w, ok := ws[c]; ok {
				p.weights = append(p.weights, classWeight{int32(i), w})
			}
		}
		for c, w := range ws {
			if _, ok := index[c]; !ok {
				index[c] = int32(len(p.classes))
				p.classes = append(p.classes, c)
				p.weights = append(p.weights, classWeight{index[c], w})
			}
		}
	}
	p.starts = append(p.starts, int32(len(p.weights)))
	return p, nil
}

// prose's special cases, tested before the model (prose/v2 tag.go).
var (
	proseNone = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	proseKeep = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// tagger holds one sentence's scratch space.
type tagger struct {
	p       *perceptron
	context []string
	key     []byte
	scores  []float64
	scored  []bool
}

// tag returns the tags of a sentence's words.
func (p *perceptron) tag(words []string) []string {
	tg := tagger{p: p, scores: make([]float64, len(p.classes)), scored: make([]bool, len(p.classes)), key: make([]byte, 0, 64)}
	tg.context = make([]string, len(words)+4)
	tg.context[0], tg.context[1] = "-START-", "-START2-"
	for i, w := range words {
		tg.context[i+2] = normalizeWord(w)
	}
	tg.context[len(words)+2], tg.context[len(words)+3] = "-END-", "-END2-"
	out := make([]string, len(words))
	p1, p2 := "-START-", "-START2-"
	for i, word := range words {
		var tag string
		switch {
		case word == "-":
			tag = "-"
		case proseEmoticons[word]:
			tag = "SYM"
		// The link pattern needs a dot, the e-mail pattern an at sign and
		// a dot: the patterns run only on words that could match.
		case strings.IndexByte(word, '.') >= 0 && (commonregex.LinkRegex.MatchString(word) || commonregex.EmailRegex.MatchString(word)),
			strings.HasPrefix(word, "@"):
			tag = "NN"
		case (word == "0" || strings.HasPrefix(word, "*")) && proseNone.MatchString(word):
			tag = "-NONE-"
		case strings.HasPrefix(word, "-") && proseKeep.MatchString(word):
			tag = word
		default:
			var found bool
			if tag, found = p.tagMap[word]; !found {
				tag = tg.predict(i, word, p1, p2)
			}
		}
		out[i] = tag
		p2, p1 = p1, tag
	}
	return out
}

// predict scores the features prose's featurize gives word i.
func (tg *tagger) predict(i int, w, p1, p2 string) string {
	clear(tg.scores)
	clear(tg.scored)
	ctx := tg.context
	i += 2
	suf := min(len(w), 3)
	prev, next := ctx[i-1], ctx[i+1]
	tg.feature("bias")
	tg.feature("i suffix", w[len(w)-suf:])
	tg.key = utf8.AppendRune(append(tg.key[:0], "i pref1 "...), rune(w[0])) // prose's string(w[0])
	tg.add()
	tg.feature("i-1 tag", p1)
	tg.feature("i-2 tag", p2)
	tg.feature("i tag+i-2 tag", p1, p2)
	tg.feature("i word", ctx[i])
	tg.feature("i-1 tag+i word", p1, ctx[i])
	tg.feature("i-1 word", prev)
	tg.feature("i-1 suffix", prev[len(prev)-min(len(prev), 3):])
	tg.feature("i-2 word", ctx[i-2])
	tg.feature("i+1 word", next)
	tg.feature("i+1 suffix", next[len(next)-min(len(next), 3):])
	tg.feature("i+2 word", ctx[i+2])
	best, class := 0.0, ""
	for c, s := range tg.scores {
		if tg.scored[c] && (class == "" || s > best) {
			best, class = s, tg.p.classes[c]
		}
	}
	return class
}

// feature adds the weights of the feature made of name and parts joined by
// spaces.
func (tg *tagger) feature(name string, parts ...string) {
	tg.key = append(tg.key[:0], name...)
	for _, s := range parts {
		tg.key = append(append(tg.key, ' '), s...)
	}
	tg.add()
}

// add adds the weights of the feature in tg.key.
func (tg *tagger) add() {
	r, ok := tg.p.rows[string(tg.key)]
	if !ok {
		return
	}
	for _, cw := range tg.p.weights[tg.p.starts[r]:tg.p.starts[r+1]] {
		tg.scores[cw.class] += cw.weight
		tg.scored[cw.class] = true
	}
}

// normalizeWord is prose's normalize: hyphenated words, years and numbers
// fall into one class each, other words are lower-cased.
func normalizeWord(word string) string {
	switch {
	case word == "":
		return word
	case word[0] != '-' && strings.IndexByte(word, '-') >= 0:
		return "!HYPHEN"
	case len(word) == 4 && word[3] >= '0' && word[3] <= '9' && isInteger(word):
		return "!YEAR"
	case word[0] >= '0' && word[0] <= '9':
		return "!DIGITS"
	}
	return strings.ToLower(word)
}

// isInteger reports whether strconv.Atoi accepts a short word.
func isInteger(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// proseEmoticons are the emoticons prose tags SYM (prose/v2 tokenize.go).
var proseEmoticons = map[string]bool{"(-8": true, "(-;": true, "(-_-)": true, "(._.)": true, "(:": true, "(=": true, "(o:": true, "(¬_¬)": true, "(ಠ_ಠ)": true, "(╯°□°）╯︵┻━┻": true, "-__-": true, "8-)": true, "8-D": true, "8D": true, ":(": true, ":((": true, ":(((": true, ":()": true, ":)))": true, ":-)": true, ":-))": true, ":-)))": true, ":-*": true, ":-/": true, ":-X": true, ":-]": true, ":-o": true, ":-p": true, ":-x": true, ":-|": true, ":-}": true, ":0": true, ":3": true, ":P": true, ":]": true, ":`(": true, ":`)": true, ":`-(": true, ":o": true, ":o)": true, "=(": true, "=)": true, "=D": true, "=|": true, "@_@": true, "O.o": true, "O_o": true, "V_V": true, "XDD": true, "[-:": true, "^___^": true, "o_0": true, "o_O": true, "o_o": true, "v_v": true, "xD": true, "xDD": true, "¯\\(ツ)/¯": true}
