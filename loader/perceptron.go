package loader

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"github.com/mingrammer/commonregex"
)

// perceptron is prose's averaged-perceptron part-of-speech tagger (a port
// of TextBlob's), read from the model prose ships and compiled for speed.
// prose builds each of a word's fourteen features as a string, looks each
// up in a map of maps and adds the weights in a third map. Here a feature
// is a row of (class, weight) pairs, found by the ids of its parts: each
// word of the sentence is looked up once among the words the features
// name (and its suffix among their suffixes), each tag is an id, and the
// rows are arrays indexed by those ids. It tags as prose does; only where
// two classes score exactly the same, which prose breaks at random, does
// it take the first class of the model's list.
type perceptron struct {
	classes []string
	tagMap  map[string]string // words the model always tags the same
	starts  []int32           // row r's weights are weights[starts[r]:starts[r+1]]
	weights []classWeight

	words    map[string]int32 // a word a feature names -> its id
	wordRows [][5]int32       // by word id: the rows of "i word", "i-1 word", "i-2 word", "i+1 word", "i+2 word"
	suffixes map[string]int32 // a suffix a feature names -> its id
	sufRows  [][3]int32       // by suffix id: the rows of "i suffix", "i-1 suffix", "i+1 suffix"
	tags     map[string]int32 // a tag -> its id
	tag1Rows []int32          // by tag id: "i-1 tag"
	tag2Rows []int32          // by tag id: "i-2 tag"
	tag12    map[[2]int32]int32
	tagWord  map[[2]int32]int32 // (tag id, word id): "i-1 tag+i word"
	pref1    [256]int32         // by first byte: "i pref1"
	bias     int32
}

type classWeight struct {
	class  int32
	weight float64
}

// The positions of wordRows and sufRows.
const (
	atWord = iota
	atPrev1
	atPrev2
	atNext1
	atNext2
)

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
	p := &perceptron{classes: classes, tagMap: tags, bias: -1,
		words: map[string]int32{}, suffixes: map[string]int32{}, tags: map[string]int32{},
		tag12: map[[2]int32]int32{}, tagWord: map[[2]int32]int32{}}
	for i := range p.pref1 {
		p.pref1[i] = -1
	}
	for _, c := range classes {
		p.tagID(c)
	}
	for _, t := range tags {
		p.tagID(t)
	}
	index := map[string]int32{}
	for i, c := range classes {
		index[c] = int32(i)
	}
	// Rows in the order of the features' names, so that every run builds
	// the same model.
	feats := make([]string, 0, len(wts))
	for f := range wts {
		feats = append(feats, f)
	}
	sort.Strings(feats)
	for _, feat := range feats {
		ws := wts[feat]
		row := int32(len(p.starts))
		p.starts = append(p.starts, int32(len(p.weights)))
		// In the order of the class list, so that every run adds the
		// same numbers in the same order; classes the list lacks are
		// added to it in the order of their names.
		first := len(p.weights)
		for c, w := range ws {
			i, ok := index[c]
			if !ok {
				continue
			}
			p.weights = append(p.weights, classWeight{i, w})
		}
		slices.SortFunc(p.weights[first:], func(a, b classWeight) int { return cmp.Compare(a.class, b.class) })
		if len(p.weights)-first < len(ws) {
			var extra []string
			for c := range ws {
				if _, ok := index[c]; !ok {
					extra = append(extra, c)
				}
			}
			sort.Strings(extra)
			for _, c := range extra {
				index[c] = int32(len(p.classes))
				p.classes = append(p.classes, c)
				p.tagID(c)
				p.weights = append(p.weights, classWeight{index[c], ws[c]})
			}
		}
		p.place(feat, row)
	}
	p.starts = append(p.starts, int32(len(p.weights)))
	return p, nil
}

// place files row under the parts of its feature's name.
func (p *perceptron) place(feat string, row int32) {
	wordID := func(w string) int32 {
		id, ok := p.words[w]
		if !ok {
			id = int32(len(p.wordRows))
			p.words[w] = id
			p.wordRows = append(p.wordRows, [5]int32{-1, -1, -1, -1, -1})
		}
		return id
	}
	word := func(w string, at int) { p.wordRows[wordID(w)][at] = row }
	suffix := func(s string, at int) {
		id, ok := p.suffixes[s]
		if !ok {
			id = int32(len(p.sufRows))
			p.suffixes[s] = id
			p.sufRows = append(p.sufRows, [3]int32{-1, -1, -1})
		}
		p.sufRows[id][at] = row
	}
	cut := func(prefix string) (string, bool) {
		if strings.HasPrefix(feat, prefix) {
			return feat[len(prefix):], true
		}
		return "", false
	}
	if feat == "bias" {
		p.bias = row
	} else if w, ok := cut("i word "); ok {
		word(w, atWord)
	} else if w, ok := cut("i-1 word "); ok {
		word(w, atPrev1)
	} else if w, ok := cut("i-2 word "); ok {
		word(w, atPrev2)
	} else if w, ok := cut("i+1 word "); ok {
		word(w, atNext1)
	} else if w, ok := cut("i+2 word "); ok {
		word(w, atNext2)
	} else if s, ok := cut("i suffix "); ok {
		suffix(s, 0)
	} else if s, ok := cut("i-1 suffix "); ok {
		suffix(s, 1)
	} else if s, ok := cut("i+1 suffix "); ok {
		suffix(s, 2)
	} else if t, ok := cut("i-1 tag "); ok {
		id := p.tagID(t)
		p.tag1Rows[id] = row
	} else if t, ok := cut("i-2 tag "); ok {
		id := p.tagID(t)
		p.tag2Rows[id] = row
	} else if ts, ok := cut("i tag+i-2 tag "); ok {
		// Tags have no spaces: the first space ends the first.
		if t1, t2, ok := strings.Cut(ts, " "); ok {
			p.tag12[[2]int32{p.tagID(t1), p.tagID(t2)}] = row
		}
	} else if tw, ok := cut("i-1 tag+i word "); ok {
		if t, w, ok := strings.Cut(tw, " "); ok {
			p.tagWord[[2]int32{p.tagID(t), wordID(w)}] = row
		}
	} else if c, ok := cut("i pref1 "); ok {
		// prose writes the first byte b as string(rune(b)).
		if r, n := utf8.DecodeRuneInString(c); n == len(c) && r < 256 && string(rune(r)) == c {
			p.pref1[r] = row
		}
	}
}

// tagID returns the id of a tag, adding it if new.
func (p *perceptron) tagID(t string) int32 {
	if id, ok := p.tags[t]; ok {
		return id
	}
	id := int32(len(p.tag1Rows))
	p.tags[t] = id
	p.tag1Rows = append(p.tag1Rows, -1)
	p.tag2Rows = append(p.tag2Rows, -1)
	return id
}

// prose's special cases, tested before the model (prose/v2 tag.go).
var (
	proseNone = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	proseKeep = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// tagger holds one sentence's scratch space.
type tagger struct {
	p      *perceptron
	words  []int32 // by position in the context (two before the sentence, two after): the word's id or -1
	sufs   []int32 // the id of the last three bytes of the context word, or -1
	scores []float64
	scored []bool
}

// tag returns the tags of a sentence's words.
func (p *perceptron) tag(words []string) []string {
	n := len(words) + 4
	tg := tagger{p: p, scores: make([]float64, len(p.classes)), scored: make([]bool, len(p.classes)),
		words: make([]int32, n), sufs: make([]int32, n)}
	for i := range n {
		var c string
		switch {
		case i == 0:
			c = "-START-"
		case i == 1:
			c = "-START2-"
		case i == n-2:
			c = "-END-"
		case i == n-1:
			c = "-END2-"
		default:
			c = normalizeWord(words[i-2])
		}
		tg.words[i], tg.sufs[i] = -1, -1
		if id, ok := p.words[c]; ok {
			tg.words[i] = id
		}
		if id, ok := p.suffixes[c[len(c)-min(len(c), 3):]]; ok {
			tg.sufs[i] = id
		}
	}
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

// predict scores the features prose's featurize gives word i, in its
// order: bias, i suffix, i pref1, i-1 tag, i-2 tag, i tag+i-2 tag, i word,
// i-1 tag+i word, i-1 word, i-1 suffix, i-2 word, i+1 word, i+1 suffix,
// i+2 word.
func (tg *tagger) predict(i int, w, p1, p2 string) string {
	clear(tg.scores)
	clear(tg.scored)
	p := tg.p
	i += 2
	t1, ok1 := p.tags[p1]
	t2, ok2 := p.tags[p2]
	word := func(at, k int) int32 {
		if id := tg.words[at]; id >= 0 {
			return p.wordRows[id][k]
		}
		return -1
	}
	suffix := func(at, k int) int32 {
		if id := tg.sufs[at]; id >= 0 {
			return p.sufRows[id][k]
		}
		return -1
	}
	tg.add(p.bias)
	if id, ok := p.suffixes[w[len(w)-min(len(w), 3):]]; ok {
		tg.add(p.sufRows[id][0])
	}
	tg.add(p.pref1[w[0]])
	if ok1 {
		tg.add(p.tag1Rows[t1])
	}
	if ok2 {
		tg.add(p.tag2Rows[t2])
	}
	if ok1 && ok2 {
		if r, ok := p.tag12[[2]int32{t1, t2}]; ok {
			tg.add(r)
		}
	}
	tg.add(word(i, atWord))
	if id := tg.words[i]; ok1 && id >= 0 {
		if r, ok := p.tagWord[[2]int32{t1, id}]; ok {
			tg.add(r)
		}
	}
	tg.add(word(i-1, atPrev1))
	tg.add(suffix(i-1, 1))
	tg.add(word(i-2, atPrev2))
	tg.add(word(i+1, atNext1))
	tg.add(suffix(i+1, 2))
	tg.add(word(i+2, atNext2))
	best, class := 0.0, ""
	for c, s := range tg.scores {
		if tg.scored[c] && (class == "" || s > best) {
			best, class = s, p.classes[c]
		}
	}
	return class
}

// add adds the weights of row r, if r is one.
func (tg *tagger) add(r int32) {
	if r < 0 {
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
