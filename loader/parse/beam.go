package parse

import "math"

// Beam-search decoding over the greedy model's transition scores: an
// experiment, off by default (Parse stays greedy). ParseBeam keeps the k
// highest-scoring partial parses, a parse's score being the sum of its
// transitions' scores; in arc-hybrid every parse of n words takes 2n
// transitions, so the items of a beam finish together.

// beamExpanded counts the items made (for the experiment's statistics).
var beamExpanded int

// beamOneLabel keeps one label by kind of transition among a step's
// candidates; beamMarginal scores it with the kind's probability.
var beamOneLabel, beamMarginal bool

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

// copyFrom makes s a copy of o, reusing s's memory.
func (s *state) copyFrom(o *state) {
	m := o.n + 2
	s.reset(o.n) // sizes the slices; the copies below overwrite them
	s.stack = append(s.stack[:0], o.stack...)
	s.b = o.b
	copy(s.head, o.head[:m])
	copy(s.label, o.label[:m])
	copy(s.l1, o.l1[:m])
	copy(s.l2, o.l2[:m])
	copy(s.r1, o.r1[:m])
	copy(s.r2, o.r2[:m])
	copy(s.nl, o.nl[:m])
	copy(s.nr, o.nr[:m])
	copy(s.ls, o.ls[:m])
	copy(s.rs, o.rs[:m])
}

// ParseBeam is Parse with a beam of k partial parses (k <= 1 is Parse).
func (p *Parser) ParseBeam(words []Word, k int) {
	if k <= 1 {
		p.Parse(words)
		return
	}
	p.beam(words, k, 0, 0)
}

// beam parses words with a beam of k >= 1 partial parses.
//
// With temp > 0 a transition scores its log-probability under a softmax of
// the state's legal transitions at that temperature (in weight units), not
// its raw score; with temp < 0, its raw score less the state's best.
//
// With delta > 0, candidates scoring more than delta below the best are
// dropped, so that the beam holds one parse where the model is sure.
func (p *Parser) beam(words []Word, k int, temp, delta float64) {
	n := len(words)
	if n == 0 {
		return
	}
	var at sentAtoms
	at.fill(words)
	cur := make([]*beamItem, 1, k)
	cur[0] = &beamItem{}
	cur[0].st.reset(n)
	spare := make([]*beamItem, 0, 2*k)
	for range 2*k - 1 {
		spare = append(spare, &beamItem{})
	}
	var (
		feats  []uint64
		scores = make([]int32, p.w.nclass)
		cands  = make([]beamCand, 0, k+1)
		vals   = make([]float64, p.w.nclass)
		legal  []int
	)
	for !cur[0].st.done() {
		cands = cands[:0]
		for i, it := range cur {
			feats = parseFeatures(&it.st, &at, feats)
			clear(scores)
			p.w.score(feats, scores)
			legal = legal[:0]
			top := math.Inf(-1)
			p.legal(&it.st, func(o, l, c int) {
				v := scores[c]
				if kc := p.kindClass(c); kc >= 0 {
					v += scores[kc]
				}
				vals[c] = float64(v)
				top = max(top, vals[c])
				legal = append(legal, c)
			})
			norm := 0.0
			switch {
			case temp > 0:
				sum := 0.0
				for _, c := range legal {
					sum += math.Exp((vals[c] - top) / temp)
				}
				norm = top + temp*math.Log(sum)
			case temp < 0:
				norm = top
			}
			insert := func(o, l int, v float64) {
				sc := it.score + v
				if len(cands) == k && sc <= cands[k-1].score {
					return
				}
				// Insert keeping cands sorted by score, earlier first on ties.
				j := len(cands)
				if j < k {
					cands = append(cands, beamCand{})
				} else {
					j = k - 1
				}
				for j > 0 && cands[j-1].score < sc {
					cands[j] = cands[j-1]
					j--
				}
				cands[j] = beamCand{from: i, op: o, lab: l, score: sc}
			}
			logp := func(c int) float64 {
				v := vals[c] - norm
				if temp > 0 {
					v /= temp
				}
				return v
			}
			if !beamOneLabel {
				p.legal(&it.st, func(o, l, c int) { insert(o, l, logp(c)) })
				continue
			}
			// One candidate by kind of transition: its best label, scored
			// with that label's log-probability or (beamMarginal) with
			// the kind's.
			var (
				bestLab [3]int
				bestC   [3]int
				mass    [3]float64
			)
			for o := range bestC {
				bestC[o] = -1
			}
			p.legal(&it.st, func(o, l, c int) {
				if bestC[o] < 0 || vals[c] > vals[bestC[o]] {
					bestC[o], bestLab[o] = c, l
				}
				if beamMarginal && temp > 0 {
					mass[o] += math.Exp(logp(c))
				}
			})
			for o, c := range bestC {
				if c < 0 {
					continue
				}
				v := logp(c)
				if beamMarginal && temp > 0 {
					v = math.Log(mass[o])
				}
				insert(o, bestLab[o], v)
			}
		}
		next := make([]*beamItem, 0, k)
		for _, c := range cands {
			if delta > 0 && c.score < cands[0].score-delta {
				break
			}
			beamExpanded++
			it := spare[len(spare)-1]
			spare = spare[:len(spare)-1]
			it.st.copyFrom(&cur[c.from].st)
			it.st.apply(c.op, c.lab)
			it.score = c.score
			next = append(next, it)
		}
		spare = append(spare, cur...)
		cur = next
	}
	st := &cur[0].st
	for i := range words {
		h := int(st.head[i+1])
		if h == n+1 {
			h = 0
		}
		words[i].Head = h
		words[i].Deprel = p.labels[st.label[i+1]-1]
	}
}
