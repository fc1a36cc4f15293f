package parse

import (
	"fmt"
	"sync"
)

// Parser is an arc-hybrid dependency parser over tagged words: an
// averaged perceptron scores each transition and its label together, and
// a small beam (DefaultBeam, beam.go) decodes. A model
// trained with ParserOptions.SharedKinds has two more classes, LEFT and
// RIGHT of any label, and a labelled transition scores its own weights
// plus its kind's. It is safe for concurrent use.
type Parser struct {
	labels []string
	root   int // the id of the label "root"
	w      *weights
	kinds  bool      // the model has the two shared kind classes
	pool   sync.Pool // of *parseScratch
	// beamPool holds *beamScratch for ParseBeam.
	beamPool sync.Pool
}

// parseScratch is the memory one parse works in.
type parseScratch struct {
	st     state
	at     sentAtoms
	feats  []uint64
	scores []int32
}

func newParser(labels []string, w *weights) (*Parser, error) {
	p := &Parser{labels: labels, root: -1, w: w}
	for i, l := range labels {
		if l == "root" {
			p.root = i
		}
	}
	if p.root < 0 {
		return nil, fmt.Errorf("parser: no root label among %d labels", len(labels))
	}
	switch w.nclass {
	case nclassFor(len(labels), false):
	case nclassFor(len(labels), true):
		p.kinds = true
	default:
		return nil, fmt.Errorf("parser: %d classes for %d labels", w.nclass, len(labels))
	}
	return p, nil
}

// Labels returns the dependency relations the parser assigns.
func (p *Parser) Labels() []string { return p.labels }

// Parse fills in the Head and Deprel of each word from their forms and
// tags (Form, UPOS, XPOS), decoding with DefaultBeam. The words must be a
// whole sentence; the result is a tree with exactly one word attached to
// the root (Head 0).
func (p *Parser) Parse(words []Word) { p.ParseBeam(words, DefaultBeam) }

// parseGreedy is Parse with greedy decoding: the best transition at each
// step.
func (p *Parser) parseGreedy(words []Word) {
	n := len(words)
	if n == 0 {
		return
	}
	sc, _ := p.pool.Get().(*parseScratch)
	if sc == nil {
		sc = &parseScratch{scores: make([]int32, p.w.nclass)}
	}
	st := &sc.st
	sc.at.fill(words)
	st.reset(n)
	for !st.done() {
		sc.feats = parseFeatures(st, &sc.at, sc.feats)
		clear(sc.scores)
		p.w.score(sc.feats, sc.scores)
		op, lab := p.best(st, sc.scores, nil)
		st.apply(op, lab)
	}
	p.writeTree(st, words)
	p.pool.Put(sc)
}

// nclassFor is the number of classes for nl labels: SHIFT, LEFT and RIGHT
// by label, then, with kinds, LEFT and RIGHT of any label.
func nclassFor(nl int, kinds bool) int {
	if kinds {
		return 3 + 2*nl
	}
	return 1 + 2*nl
}

// kindClass returns the shared class of a LEFT or RIGHT class c, or -1 for
// SHIFT and in a model without kind classes.
func (p *Parser) kindClass(c int) int {
	nl := len(p.labels)
	switch {
	case !p.kinds || c == 0:
		return -1
	case c <= nl:
		return 1 + 2*nl
	}
	return 2 + 2*nl
}

// class numbers a transition: 0 is SHIFT, then LEFT and RIGHT by label.
func (p *Parser) class(op, lab int) int {
	switch op {
	case opLeft:
		return 1 + lab
	case opRight:
		return 1 + len(p.labels) + lab
	}
	return 0
}

// legal calls fn for each legal transition of s, in class order.
func (p *Parser) legal(s *state, fn func(op, lab, class int)) {
	if s.canShift() {
		fn(opShift, 0, 0)
	}
	nl := len(p.labels)
	if s.canLeft() {
		if s.leftIsRoot() {
			fn(opLeft, p.root, 1+p.root)
		} else {
			for l := range nl {
				if l != p.root {
					fn(opLeft, l, 1+l)
				}
			}
		}
	}
	if s.canRight() {
		for l := range nl {
			if l != p.root {
				fn(opRight, l, 1+nl+l)
			}
		}
	}
}

// best returns the legal transition with the highest score, its class's
// plus its kind's if the model has kind classes (the first on ties); when
// allow is not nil, only among the classes it allows.
func (p *Parser) best(s *state, scores []int32, allow func(class int) bool) (op, lab int) {
	found := false
	var top int32
	p.legal(s, func(o, l, c int) {
		if allow != nil && !allow(c) {
			return
		}
		v := scores[c]
		if k := p.kindClass(c); k >= 0 {
			v += scores[k]
		}
		if !found || v > top {
			found, top, op, lab = true, v, o, l
		}
	})
	return op, lab
}

// writeTree copies the finished state's tree into words: heads (the root
// token becomes 0) and labels.
func (p *Parser) writeTree(st *state, words []Word) {
	n := len(words)
	for i := range words {
		h := int(st.head[i+1])
		if h == n+1 {
			h = 0
		}
		words[i].Head = h
		words[i].Deprel = p.labels[st.label[i+1]-1]
	}
}
