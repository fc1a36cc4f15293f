package parse

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// Tagger is a trained part-of-speech tagger and lemmatizer: an averaged
// perceptron that reads a sentence left to right and gives each word one
// label, a pair of a Penn Treebank tag (XPOS) and a universal tag (UPOS),
// from the word, its prefixes, suffixes and shape, the words around it, the
// tags it has given the two words before, and the tags the words after it
// had in training. A Tagger is read-only once built: Tag is safe for
// concurrent use.
type Tagger struct {
	classes []tagPair // the labels; a class is an index into classes
	xpos    []string  // the XPOS tags, indexed by the bits of an ambiguity mask
	// amb maps a lower-case word's hash to the XPOS tags it had in
	// training (a bit mask over xpos); words seen too rarely are absent.
	amb map[uint64]uint64
	// sure maps a word's hash to the class it always had in training,
	// for frequent words that never had another.
	sure map[uint64]uint8
	// The weights: feature hash -> row; the row of feature f holds the
	// classes cls[off[f]:off[f+1]] with weights wts[off[f]:off[f+1]].
	index map[uint64]uint32
	off   []uint32
	cls   []uint8
	wts   []float32
	lem   *lemmatizer
	pool  sync.Pool

	// rows is index as an open-addressing table, made on first use: a
	// lookup touches one or two cache lines and hashes nothing.
	rowsOnce sync.Once
	rows     []tagSlot
	rowsMask uint64
}

// tagSlot is a slot of Tagger.rows: a feature hash and its row plus one;
// row1 0 marks an empty slot.
type tagSlot struct {
	key  uint64
	row1 uint32
}

// buildRows makes t.rows from t.index.
func (t *Tagger) buildRows() {
	size := 1
	for size < 2*len(t.index) {
		size <<= 1
	}
	t.rows, t.rowsMask = make([]tagSlot, size), uint64(size-1)
	for f, r := range t.index {
		i := slotOf(f) & t.rowsMask
		for t.rows[i].row1 != 0 {
			i = (i + 1) & t.rowsMask
		}
		t.rows[i] = tagSlot{f, r + 1}
	}
}

// slotOf folds a feature hash's high bits into its low ones.
func slotOf(f uint64) uint64 { return f ^ f>>32 }

// row returns the row of feature f in t.rows.
func (t *Tagger) row(f uint64) (uint32, bool) {
	for i := slotOf(f) & t.rowsMask; ; i = (i + 1) & t.rowsMask {
		s := &t.rows[i]
		if s.row1 == 0 {
			return 0, false
		}
		if s.key == f {
			return s.row1 - 1, true
		}
	}
}

// tagPair is one label of the tagger.
type tagPair struct{ XPOS, UPOS string }

// TaggerOptions are the settings of TrainTagger; zero values take defaults.
type TaggerOptions struct {
	// Epochs is the most passes over the training sentences (default 12);
	// the weights of the pass that scored best on dev are kept.
	Epochs int
	// Seed seeds the shuffle of the training sentences before each pass
	// (default 1): the same data, options and seed give the same model.
	Seed uint64
	// MinCount drops the features seen fewer times than this in the
	// training sentences (default 2).
	MinCount int
	// MinWeight drops the averaged weights smaller than this in magnitude
	// from the model (default 0.05), so that it stays small.
	MinWeight float64
	// AmbCount is how often a word must occur in training for its tags to
	// become a feature of the words around it (default 3).
	AmbCount int
	// SureCount is how often a word must occur in training, always with
	// the same label, to be tagged without scoring (default 20).
	SureCount int
}

func (o *TaggerOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 12
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.MinCount <= 0 {
		o.MinCount = 2
	}
	if o.MinWeight == 0 {
		o.MinWeight = 0.05
	}
	if o.AmbCount <= 0 {
		o.AmbCount = 3
	}
	if o.SureCount <= 0 {
		o.SureCount = 20
	}
}

// Feature templates: each feature's hash starts from its template's number.
const (
	fBias = iota + 1
	fWord
	fForm
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fShape
	fShapeFirst
	fAmb
	fPrev1Word
	fPrev2Word
	fNext1Word
	fNext2Word
	fPrev1Suf3
	fNext1Suf3
	fPrevWordWord
	fWordNextWord
	fNext1Amb
	fNext2Amb
	fWordNext1Amb
	fPrev1Shape
	fNext1Shape
	fTag1
	fTag2
	fTag12
	fTag1Word
	fTag1Next1Amb
	fTag1Suf3
	fTag2Word
	fNext12Amb
)

// maxFeatures bounds the features of one word.
const maxFeatures = 40

// tok is what the features need of one word, computed once per sentence.
type tok struct {
	form, word, shape      uint64 // hashes of the form, its lower case and its shape
	suf1, suf2, suf3, suf4 uint64
	pre1, pre2, pre3       uint64
	amb                    uint64 // XPOS mask of the word in training, 0 if unknown
}

// Boundary words before the first and after the last word of a sentence.
var (
	startTok = tok{form: 1, word: 1, shape: 1, suf3: 1, amb: 1 << 63}
	endTok   = tok{form: 2, word: 2, shape: 2, suf3: 2, amb: 1 << 62}
)

// newTok computes a word's hashes; amb gives a lower-case hash's mask.
func newTok(form string, amb map[uint64]uint64) tok {
	t := tok{form: hashString(form), word: hashLower(form, 0, len(form)), shape: hashShape(form)}
	n := len(form)
	t.suf1 = hashLower(form, max(0, n-1), n)
	t.suf2 = hashLower(form, max(0, n-2), n)
	t.suf3 = hashLower(form, max(0, n-3), n)
	t.suf4 = hashLower(form, max(0, n-4), n)
	t.pre1 = hashLower(form, 0, min(n, 1))
	t.pre2 = hashLower(form, 0, min(n, 2))
	t.pre3 = hashLower(form, 0, min(n, 3))
	t.amb = amb[t.word]
	return t
}

// features appends the feature hashes of word i of toks, given the classes
// p1 and p2 of the two words before it (0 before the sentence, classes+1
// otherwise).
func features(buf []uint64, toks []tok, i int, p1, p2 uint64) []uint64 {
	at := func(k int) *tok {
		switch {
		case k < 0:
			return &startTok
		case k >= len(toks):
			return &endTok
		}
		return &toks[k]
	}
	w, m1, m2, n1, n2 := &toks[i], at(i-1), at(i-2), at(i+1), at(i+2)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	return append(buf,
		mix(fBias, 0),
		mix(fWord, w.word),
		mix(fForm, w.form),
		mix(fSuf1, w.suf1),
		mix(fSuf2, w.suf2),
		mix(fSuf3, w.suf3),
		mix(fSuf4, w.suf4),
		mix(fPre1, w.pre1),
		mix(fPre2, w.pre2),
		mix(fPre3, w.pre3),
		mix(fShape, w.shape),
		mix(mix(fShapeFirst, w.shape), first),
		mix(fAmb, w.amb),
		mix(fPrev1Word, m1.word),
		mix(fPrev2Word, m2.word),
		mix(fNext1Word, n1.word),
		mix(fNext2Word, n2.word),
		mix(fPrev1Suf3, m1.suf3),
		mix(fNext1Suf3, n1.suf3),
		mix(mix(fPrevWordWord, m1.word), w.word),
		mix(mix(fWordNextWord, w.word), n1.word),
		mix(fNext1Amb, n1.amb),
		mix(fNext2Amb, n2.amb),
		mix(mix(fWordNext1Amb, w.word), n1.amb),
		mix(fPrev1Shape, m1.shape),
		mix(fNext1Shape, n1.shape),
		mix(fTag1, p1),
		mix(fTag2, p2),
		mix(mix(fTag12, p1), p2),
		mix(mix(fTag1Word, p1), w.word),
		mix(mix(fTag1Next1Amb, p1), n1.amb),
		mix(mix(fTag1Suf3, p1), w.suf3),
		mix(mix(fTag2Word, p2), w.word),
		mix(mix(fNext12Amb, n1.amb), n2.amb),
	)
}

// mix combines a feature's parts into one hash.
func mix(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// hashString is FNV-1a over s.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// hashLower is FNV-1a over s[i:j] with ASCII letters lower-cased.
func hashLower(s string, i, j int) uint64 {
	h := uint64(14695981039346656037)
	for ; i < j; i++ {
		b := s[i]
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		h ^= uint64(b)
		h *= 1099511628211
	}
	return h
}

// hashShape hashes the shape of s: capital letters as X, small ones as x,
// digits as d, other characters as they are, runs of one kind as one.
func hashShape(s string) uint64 {
	h := uint64(14695981039346656037)
	var last rune = -1
	n := 0
	for _, r := range s {
		var c rune
		switch {
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = r
		default:
			c = 'u'
		}
		n++
		if c == last {
			continue
		}
		last = c
		h ^= uint64(c)
		h *= 1099511628211
	}
	// Short words keep their length in the shape ("Xx" of "Mr" and "May").
	return mix(h, uint64(min(n, 4)))
}

// scratch is the per-call working memory of Tag, pooled.
type scratch struct {
	toks   []tok
	feats  []uint64
	scores []float32
}

// Tag fills the UPOS, XPOS and Lemma of each word from its Form.
func (t *Tagger) Tag(words []Word) {
	t.rowsOnce.Do(t.buildRows)
	s, _ := t.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{scores: make([]float32, len(t.classes))}
	}
	s.toks = s.toks[:0]
	for i := range words {
		s.toks = append(s.toks, newTok(words[i].Form, t.amb))
	}
	var p1, p2 uint64
	for i := range words {
		c, ok := t.sure[s.toks[i].form]
		if !ok {
			s.feats = features(s.feats[:0], s.toks, i, p1, p2)
			c = t.best(s.feats, s.scores)
		}
		words[i].XPOS, words[i].UPOS = t.classes[c].XPOS, t.classes[c].UPOS
		words[i].Lemma = t.lem.lemma(words[i].Form, words[i].XPOS)
		p2, p1 = p1, uint64(c)+1
	}
	t.pool.Put(s)
}

// best returns the class the features score highest.
func (t *Tagger) best(feats []uint64, scores []float32) uint8 {
	clear(scores)
	// The rows are found first, each one's first class and weight read
	// as it is found, so that their cache misses overlap; then they are
	// added in the features' order.
	var rows [2 * maxFeatures]uint32
	var touch uint8
	var wtouch float32
	n := 0
	for _, f := range feats {
		r, ok := t.row(f)
		if !ok {
			continue
		}
		lo, hi := t.off[r], t.off[r+1]
		if n == len(rows) {
			t.addRows(rows[:n], scores)
			n = 0
		}
		rows[n], rows[n+1] = lo, hi
		n += 2
		if lo < hi {
			touch += t.cls[lo]
			wtouch += t.wts[lo]
		}
	}
	t.addRows(rows[:n], scores)
	if touch == 0x5a && wtouch == 0x5a {
		tagTouched.Store(1) // all but never: it keeps the early reads
	}
	b := 0
	for c := 1; c < len(scores); c++ {
		if scores[c] > scores[b] {
			b = c
		}
	}
	return uint8(b)
}

// addRows adds the rows given as pairs of offsets to scores.
func (t *Tagger) addRows(rows []uint32, scores []float32) {
	for i := 0; i+1 < len(rows); i += 2 {
		lo, hi := rows[i], rows[i+1]
		cls, wts := t.cls[lo:hi], t.wts[lo:hi]
		for k, c := range cls {
			scores[c] += wts[k]
		}
	}
}

// tagTouched keeps best's early reads from being optimised away.
var tagTouched atomic.Uint32

// TrainTagger trains a tagger on train, scoring it on dev after each pass
// and keeping the pass that scored best (by UPOS, then XPOS). It logs the
// dev scores of each pass to log (nil for none).
func TrainTagger(train, dev []Sentence, opts TaggerOptions, log io.Writer) (*Tagger, error) {
	opts.defaults()
	if log == nil {
		log = io.Discard
	}
	if len(train) == 0 {
		return nil, errors.New("train tagger: no training sentences")
	}
	tr, err := newTrainer(train, opts)
	if err != nil {
		return nil, fmt.Errorf("train tagger: %w", err)
	}
	lem := learnLemmas(train)
	fmt.Fprintf(log, "tagger: %d sentences, %d classes, %d features kept (seen %d times or more)\n",
		len(train), len(tr.classes), len(tr.rows), opts.MinCount)
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x7a6767e5))
	var best *Tagger
	var bestScore Score
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, k := range order {
			c, n := tr.learn(train[k].Words)
			correct += c
			total += n
		}
		m := tr.model(opts.MinWeight, lem)
		sc := m.Score(dev)
		fmt.Fprintf(log, "tagger: epoch %d: train %.4f, dev UPOS %.4f XPOS %.4f lemma %.4f (%d features, %s)\n", epoch,
			float64(correct)/float64(max(total, 1)), sc.Rate(sc.UPOS), sc.Rate(sc.XPOS), sc.Rate(sc.Lemma), len(m.off)-1,
			time.Since(start).Round(time.Millisecond))
		if best == nil || sc.UPOS > bestScore.UPOS || sc.UPOS == bestScore.UPOS && sc.XPOS > bestScore.XPOS {
			best, bestScore = m, sc
		}
	}
	return best, nil
}

// Score tags a copy of each sentence's words and counts agreement with the
// gold tags and lemmas.
func (t *Tagger) Score(gold []Sentence) Score {
	var sc Score
	var words []Word
	for _, s := range gold {
		words = append(words[:0], s.Words...)
		t.Tag(words)
		sc.Add(s, Sentence{Words: words})
	}
	return sc
}

// trainer holds the weights of a tagger while it learns.
type trainer struct {
	classes []tagPair
	classOf map[tagPair]uint8
	xpos    []string
	amb     map[uint64]uint64
	sure    map[uint64]uint8
	ids     map[uint64]int32 // feature hash -> row
	rows    [][]weight
	now     int64 // words seen so far, the clock of the averages
	toks    []tok
	feats   []uint64
	scores  []float64
	fids    []int32
}

// weight is one class's weight in a feature's row while training.
type weight struct {
	class uint8
	w     int32
	total float64 // the sum of w over the clock up to stamp
	stamp int64
}

// newTrainer collects the labels, the word classes and the features of the
// training sentences.
func newTrainer(train []Sentence, opts TaggerOptions) (*trainer, error) {
	tr := &trainer{classOf: map[tagPair]uint8{}, amb: map[uint64]uint64{}, sure: map[uint64]uint8{}, ids: map[uint64]int32{}}
	xposOf := map[string]int{}
	wordCount := map[uint64]int{}
	wordTags := map[uint64]map[int]int{}
	formCount := map[uint64]int{}
	formClass := map[uint64]map[uint8]int{}
	var gold [][]uint8
	for _, s := range train {
		g := make([]uint8, len(s.Words))
		for i, w := range s.Words {
			p := tagPair{w.XPOS, w.UPOS}
			c, ok := tr.classOf[p]
			if !ok {
				if len(tr.classes) == 255 {
					return nil, fmt.Errorf("sentence %s: more than 255 tag pairs", s.ID)
				}
				c = uint8(len(tr.classes))
				tr.classOf[p] = c
				tr.classes = append(tr.classes, p)
			}
			g[i] = c
			x, ok := xposOf[w.XPOS]
			if !ok {
				if len(tr.xpos) == 61 {
					return nil, fmt.Errorf("sentence %s: more than 61 XPOS tags", s.ID)
				}
				x = len(tr.xpos)
				xposOf[w.XPOS] = x
				tr.xpos = append(tr.xpos, w.XPOS)
			}
			h := hashLower(w.Form, 0, len(w.Form))
			wordCount[h]++
			if wordTags[h] == nil {
				wordTags[h] = map[int]int{}
			}
			wordTags[h][x]++
			f := hashString(w.Form)
			formCount[f]++
			if formClass[f] == nil {
				formClass[f] = map[uint8]int{}
			}
			formClass[f][c]++
		}
		gold = append(gold, g)
	}
	for h, n := range wordCount {
		if n < opts.AmbCount {
			continue
		}
		var mask uint64
		for x, k := range wordTags[h] {
			if k*50 >= n { // tags of 2% of the word's uses or more
				mask |= 1 << x
			}
		}
		tr.amb[h] = mask
	}
	for f, n := range formCount {
		if n >= opts.SureCount && len(formClass[f]) == 1 {
			for c := range formClass[f] {
				tr.sure[f] = c
			}
		}
	}
	// Count the features with gold history; keep the frequent ones.
	counts := map[uint64]int{}
	for k, s := range train {
		toks := tr.tokens(s.Words)
		var p1, p2 uint64
		for i := range toks {
			tr.feats = features(tr.feats[:0], toks, i, p1, p2)
			for _, f := range tr.feats {
				counts[f]++
			}
			p2, p1 = p1, uint64(gold[k][i])+1
		}
	}
	keys := make([]uint64, 0, len(counts))
	for f, n := range counts {
		if n >= opts.MinCount {
			keys = append(keys, f)
		}
	}
	slices.Sort(keys)
	for _, f := range keys {
		tr.ids[f] = int32(len(tr.rows))
		tr.rows = append(tr.rows, nil)
	}
	tr.scores = make([]float64, len(tr.classes))
	return tr, nil
}

// tokens computes the words' hashes into the trainer's buffer.
func (tr *trainer) tokens(words []Word) []tok {
	tr.toks = tr.toks[:0]
	for _, w := range words {
		tr.toks = append(tr.toks, newTok(w.Form, tr.amb))
	}
	return tr.toks
}

// learn tags one sentence with the current weights, updating them at each
// mistake; it returns the words tagged right and the words.
func (tr *trainer) learn(words []Word) (int, int) {
	toks := tr.tokens(words)
	var p1, p2 uint64
	correct := 0
	for i, w := range words {
		gold := tr.classOf[tagPair{w.XPOS, w.UPOS}]
		guess, sure := tr.sure[toks[i].form]
		if !sure {
			tr.feats = features(tr.feats[:0], toks, i, p1, p2)
			tr.fids = tr.fids[:0]
			for _, f := range tr.feats {
				if id, ok := tr.ids[f]; ok {
					tr.fids = append(tr.fids, id)
				}
			}
			clear(tr.scores)
			for _, id := range tr.fids {
				for _, e := range tr.rows[id] {
					tr.scores[e.class] += float64(e.w)
				}
			}
			guess = 0
			for c := 1; c < len(tr.scores); c++ {
				if tr.scores[c] > tr.scores[guess] {
					guess = uint8(c)
				}
			}
			tr.now++
			if guess != gold {
				for _, id := range tr.fids {
					tr.update(id, gold, 1)
					tr.update(id, guess, -1)
				}
			}
		}
		if guess == gold {
			correct++
		}
		// Later words see the tag given, as they will when tagging.
		p2, p1 = p1, uint64(guess)+1
	}
	return correct, len(words)
}

// update adds d to the weight of class c in row id.
func (tr *trainer) update(id int32, c uint8, d int32) {
	row := tr.rows[id]
	for k := range row {
		if row[k].class == c {
			e := &row[k]
			e.total += float64(e.w) * float64(tr.now-e.stamp)
			e.stamp = tr.now
			e.w += d
			return
		}
	}
	tr.rows[id] = append(row, weight{class: c, w: d, stamp: tr.now})
}

// model builds a tagger from the averaged weights, dropping those smaller
// than minWeight.
func (tr *trainer) model(minWeight float64, lem *lemmatizer) *Tagger {
	m := &Tagger{classes: tr.classes, xpos: tr.xpos, amb: tr.amb, sure: tr.sure, index: map[uint64]uint32{}, lem: lem}
	keys := make([]uint64, 0, len(tr.ids))
	for f := range tr.ids {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	now := float64(max(tr.now, 1))
	m.off = append(m.off, 0)
	var row []weight
	for _, f := range keys {
		row = append(row[:0], tr.rows[tr.ids[f]]...)
		slices.SortFunc(row, func(a, b weight) int { return cmp.Compare(a.class, b.class) })
		n := 0
		for _, e := range row {
			avg := (e.total + float64(e.w)*(float64(tr.now)-float64(e.stamp))) / now
			q := quantize(avg)
			if math.Abs(avg) < minWeight || q == 0 {
				continue
			}
			m.cls = append(m.cls, e.class)
			m.wts = append(m.wts, float32(q)/weightScale)
			n++
		}
		if n > 0 {
			m.index[f] = uint32(len(m.off) - 1)
			m.off = append(m.off, uint32(len(m.cls)))
		}
	}
	return m
}
