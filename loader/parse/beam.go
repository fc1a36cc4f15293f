package parse

import "math"

// Beam-search decoding over the transition scores of the model, which is
// trained greedily (train_parser.go).
//
// A transition scores its log-probability under a softmax, at temperature
// Temp (in the units of the quantised weights, whose largest is 32767), of
// the scores of the state's legal transitions; a partial parse scores the
// sum of its transitions'. The raw perceptron scores summed over a parse
// rank parses worse than greedy decoding does (on dev, UAS 0.8458 greedy,
// 0.8143 with two raw-score parses and every label a candidate; with the
// softmax, 0.8539 at Temp 10000, worse at 5000 or 20000). Each beam
// item proposes at most one transition by kind (SHIFT, LEFT, RIGHT: its
// best label), so the beam holds different trees rather than one tree's
// labellings; candidates more than Margin below the best are dropped, so
// that where the model is sure the beam holds a single parse and costs
// about what greedy decoding does. In arc-hybrid every parse of n words
// takes 2n transitions, so the items of a beam finish together.

// Beam sets beam-search decoding; K <= 1 is greedy decoding.
type Beam struct {
	K      int     // the partial parses kept
	Temp   float64 // the softmax temperature, in weight units (> 0)
	Margin float64 // in nats; 0 keeps every candidate among the K best
}

// DefaultBeam is how Parse decodes: chosen on UD English EWT's dev file
// among the beams that keep tagging and parsing above 3,000 sentences a
// second on one core (BenchmarkParseBeam). Greedy decoding there gives
// UAS 0.8458, LAS 0.8151; this beam 0.8508, 0.8198 (scoring 1.24 parses
// a step on average); wider ones more (K 3, Margin 1: 0.8547, 0.8232;
// K 8 without a margin: 0.8640, 0.8325) at up to seven times the cost.
var DefaultBeam = Beam{K: 2, Temp: 10000, Margin: 0.7}

// beamItems, when set (by tests), counts the items scored.
var beamItems *int

// beamItem is one partial parse in the beam.
type beamItem struct {
	st    state
	score float64
}

// beamCand is a transition out of a beam item.
type beamCand struct {
	from    int
	op, lab int
	score   float64
}

// beamScratch is the memory a beam parse works in.
type beamScratch struct {
	items  []*beamItem // 2K items: the beam and the spares
	cur    []*beamItem
	next   []*beamItem
	spare  []*beamItem
	cands  []beamCand
	last   []int // by item of cur, the index of its last candidate
	at     sentAtoms
	feats  []uint64
	scores []int32
}

// copyFrom makes s a copy of o, reusing s's memory.
func (s *state) copyFrom(o *state) {
	m := o.n + 2
	s.n = o.n
	s.stack = append(s.stack[:0], o.stack...)
	s.b = o.b
	s.head = append(s.head[:0], o.head[:m]...)
	s.label = append(s.label[:0], o.label[:m]...)
	s.l1 = append(s.l1[:0], o.l1[:m]...)
	s.l2 = append(s.l2[:0], o.l2[:m]...)
	s.r1 = append(s.r1[:0], o.r1[:m]...)
	s.r2 = append(s.r2[:0], o.r2[:m]...)
	s.nl = append(s.nl[:0], o.nl[:m]...)
	s.nr = append(s.nr[:0], o.nr[:m]...)
	s.ls = append(s.ls[:0], o.ls[:m]...)
	s.rs = append(s.rs[:0], o.rs[:m]...)
}

// ParseBeam is Parse with beam-search decoding as b sets.
func (p *Parser) ParseBeam(words []Word, b Beam) {
	if b.K <= 1 || b.Temp <= 0 {
		p.parseGreedy(words)
		return
	}
	p.parseBeam(words, b)
}

// parseBeam parses words with a beam of b.K >= 1 partial parses.
func (p *Parser) parseBeam(words []Word, b Beam) {
	n := len(words)
	if n == 0 {
		return
	}
	k := b.K
	sc, _ := p.beamPool.Get().(*beamScratch)
	if sc == nil || len(sc.items) < 2*k {
		sc = &beamScratch{
			scores: make([]int32, p.w.nclass),
			cur:    make([]*beamItem, 0, 2*k),
			next:   make([]*beamItem, 0, 2*k),
			spare:  make([]*beamItem, 0, 2*k),
			last:   make([]int, k),
		}
		for range 2 * k {
			sc.items = append(sc.items, &beamItem{})
		}
	}
	sc.at.fill(words)
	spare := append(sc.spare[:0], sc.items[1:2*k]...)
	cur := append(sc.cur[:0], sc.items[0])
	next := sc.next[:0]
	cur[0].st.reset(n)
	cur[0].score = 0
	cands := sc.cands[:0]
	nl := len(p.labels)
	invT := 1 / b.Temp
	for !cur[0].st.done() {
		cands = cands[:0]
		if beamItems != nil {
			*beamItems += len(cur)
		}
		for i, it := range cur {
			st := &it.st
			sc.feats = parseFeatures(st, &sc.at, sc.feats)
			scores := sc.scores
			clear(scores)
			p.w.score(sc.feats, scores)
			if p.kinds {
				for c := 1; c <= nl; c++ {
					scores[c] += scores[1+2*nl]
				}
				for c := 1 + nl; c <= 2*nl; c++ {
					scores[c] += scores[2+2*nl]
				}
			}
			// The legal classes: SHIFT, LEFT by label (only root onto
			// the root token), RIGHT by label but root.
			var lo, hi [3]int // class ranges by kind; lo == hi: illegal
			if st.canShift() {
				lo[opShift], hi[opShift] = 0, 1
			}
			if st.canLeft() {
				if st.leftIsRoot() {
					lo[opLeft], hi[opLeft] = 1+p.root, 2+p.root
				} else {
					lo[opLeft], hi[opLeft] = 1, 1+nl
				}
			}
			if st.canRight() {
				lo[opRight], hi[opRight] = 1+nl, 1+2*nl
			}
			// The root class is legal only for LEFT onto the root token.
			rootLeft := st.leftIsRoot()
			skip := func(o, c int) bool { return o != opShift && c == lo[o]+p.root && !(o == opLeft && rootLeft) }
			var best [3]int
			top := int32(math.MinInt32)
			for o := range 3 {
				best[o] = -1
				for c := lo[o]; c < hi[o]; c++ {
					if (best[o] < 0 || scores[c] > scores[best[o]]) && !skip(o, c) {
						best[o] = c
					}
				}
				if best[o] >= 0 {
					top = max(top, scores[best[o]])
				}
			}
			// The softmax's normaliser, without the classes more than
			// 20 nats below the top (they change it by less than 1e-8).
			// A lone item needs none: its candidates are compared with
			// each other only, and its score restarts from zero.
			logSum := 0.0
			if len(cur) == 1 {
				it.score = 0
			} else {
				sum := 0.0
				floor := top - int32(min(20*b.Temp, 1<<30))
				for o := range 3 {
					for c := lo[o]; c < hi[o]; c++ {
						if v := scores[c]; v > floor && !skip(o, c) {
							sum += math.Exp(float64(v-top) * invT)
						}
					}
				}
				logSum = math.Log(sum)
			}
			for o, c := range best {
				if c < 0 {
					continue
				}
				s := it.score + (float64(scores[c])-float64(top))*invT - logSum
				if len(cands) == k && s <= cands[k-1].score {
					continue
				}
				// Insert keeping cands sorted by score, earlier first on ties.
				j := len(cands)
				if j < k {
					cands = append(cands, beamCand{})
				} else {
					j = k - 1
				}
				for j > 0 && cands[j-1].score < s {
					cands[j] = cands[j-1]
					j--
				}
				lab := 0
				switch o {
				case opLeft:
					lab = c - 1
				case opRight:
					lab = c - 1 - nl
				}
				cands[j] = beamCand{from: i, op: o, lab: lab, score: s}
			}
		}
		if b.Margin > 0 {
			for j := 1; j < len(cands); j++ {
				if cands[j].score < cands[0].score-b.Margin {
					cands = cands[:j]
					break
				}
			}
		}
		// Each item's last candidate takes over the item itself; the
		// others copy it first.
		last := sc.last[:len(cur)]
		for i := range last {
			last[i] = -1
		}
		for j, c := range cands {
			last[c.from] = j
		}
		next = next[:len(cands)]
		for j, c := range cands {
			if last[c.from] == j {
				continue
			}
			it := spare[len(spare)-1]
			spare = spare[:len(spare)-1]
			it.st.copyFrom(&cur[c.from].st)
			it.st.apply(c.op, c.lab)
			it.score = c.score
			next[j] = it
		}
		for i, j := range last {
			if j < 0 {
				spare = append(spare, cur[i])
				continue
			}
			it, c := cur[i], cands[j]
			it.st.apply(c.op, c.lab)
			it.score = c.score
			next[j] = it
		}
		cur, next = next, cur
	}
	p.writeTree(&cur[0].st, words)
	sc.cands, sc.cur, sc.next, sc.spare = cands, cur[:0], next[:0], spare[:0]
	p.beamPool.Put(sc)
}
