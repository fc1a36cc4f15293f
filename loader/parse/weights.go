package parse

import (
	"fmt"
	"math"
	"slices"
	"sync/atomic"
)

// weights is a trained, averaged and quantised linear model: for each
// feature, a short row of (class, weight) entries, weights being int16.
// The rows are kept in key order (fkeys, start, cls, w: what the model
// file holds) and, for scoring, packed into an open-addressing table whose
// slot holds a feature's 32-bit key with its row's place in ent, so that a
// lookup touches two cache lines.
type weights struct {
	nclass int
	fkeys  []uint32 // each row's key, ascending
	start  []uint32 // row r's entries are cls[start[r]:start[r+1]]
	cls    []uint8
	w      []int16
	table  []uint64 // key<<32 | offset<<7 | length; 0 marks an empty slot
	mask   uint32
	ent    []uint32 // class<<16 | uint16(weight), row by row
}

// maxRow bounds a row's length (7 bits of a slot); maxEntries bounds the
// entries (25 bits).
const (
	maxRow     = 127
	maxEntries = 1 << 25
)

// key32 folds a feature hash to the table's key; 0 is reserved.
func key32(f uint64) uint32 {
	k := uint32(f>>32) ^ uint32(f)
	if k == 0 {
		k = 1
	}
	return k
}

// build makes the lookup table from fkeys, start, cls and w.
func (m *weights) build() {
	size := 1
	for size < len(m.fkeys)*2 {
		size <<= 1
	}
	m.table = make([]uint64, size)
	m.mask = uint32(size - 1)
	m.ent = make([]uint32, len(m.cls))
	for j, c := range m.cls {
		m.ent[j] = uint32(c)<<16 | uint32(uint16(m.w[j]))
	}
	for r, k := range m.fkeys {
		i := k & m.mask
		for m.table[i] != 0 {
			i = (i + 1) & m.mask
		}
		m.table[i] = uint64(k)<<32 | uint64(m.start[r])<<7 | uint64(m.start[r+1]-m.start[r])
	}
}

// score adds the weights of features to scores. It finds all the rows
// first, reading each row's first entry as it goes, and then adds them, so
// that the lookups' cache misses overlap.
func (m *weights) score(feats []uint64, scores []int32) {
	var found [256]uint64
	n := 0
	table, mask, ent := m.table, m.mask, m.ent
	var touch uint32
	for _, f := range feats {
		k := key32(f)
		for i := k & mask; ; i = (i + 1) & mask {
			e := table[i]
			if uint32(e>>32) == k {
				found[n&255] = e
				n++
				// Reading the row's first entry now starts its cache
				// miss while the next features are looked up.
				if off := uint32(e) >> 7; off < uint32(len(ent)) {
					touch += ent[off]
				}
				break
			}
			if e == 0 {
				break
			}
		}
	}
	for _, e := range found[:min(n, 256)] {
		off := uint32(e) >> 7
		for _, x := range ent[off : off+uint32(e)&maxRow] {
			scores[x>>16] += int32(int16(x))
		}
	}
	if touch == touchMark {
		touched.Store(touch) // all but never: it keeps the early reads
	}
}

// touched and touchMark keep score's early reads from being optimised
// away without a shared write on every call.
var touched atomic.Uint32

const touchMark = 0x9e3779b9

// entry is one class's weight in a training row: w the current weight, u
// the sum of update times weighted by their size, for averaging.
type entry struct {
	cls uint16
	w   int32
	u   int64
}

// perceptron is the model during training.
type perceptron struct {
	nclass int
	index  map[uint64]int32
	rows   [][]entry
	keys   []uint64
	clock  int64 // the number of instances seen, for averaging
}

func newPerceptron(nclass int) *perceptron {
	return &perceptron{nclass: nclass, index: map[uint64]int32{}}
}

// score adds the current weights of feats to scores.
func (p *perceptron) score(feats []uint64, scores []int32) {
	for _, f := range feats {
		if r, ok := p.index[f]; ok {
			for _, e := range p.rows[r] {
				scores[e.cls] += e.w
			}
		}
	}
}

// update moves the weights of feats d towards class c.
func (p *perceptron) update(feats []uint64, c int, d int32) {
	for _, f := range feats {
		r, ok := p.index[f]
		if !ok {
			r = int32(len(p.rows))
			p.index[f] = r
			p.rows = append(p.rows, nil)
			p.keys = append(p.keys, f)
		}
		row := p.rows[r]
		j := 0
		for j < len(row) && int(row[j].cls) != c {
			j++
		}
		if j == len(row) {
			row = append(row, entry{cls: uint16(c)})
			p.rows[r] = row
		}
		row[j].w += d
		row[j].u += p.clock * int64(d)
	}
}

// average returns the averaged weights, quantised to int16 so that the
// largest is 32767 and entries below prune (in quantised units) dropped.
func (p *perceptron) average(prune int) *weights {
	c := float64(p.clock)
	if c == 0 {
		c = 1
	}
	maxAbs := 0.0
	for _, row := range p.rows {
		for _, e := range row {
			a := math.Abs(float64(e.w) - float64(e.u)/c)
			maxAbs = max(maxAbs, a)
		}
	}
	scale := 1.0
	if maxAbs > 0 {
		scale = 32767 / maxAbs
	}
	// Features are folded to 32-bit keys; the rare features that fold
	// together share one row, as hashed features do.
	type frow struct {
		key uint32
		r   int32
	}
	order := make([]frow, len(p.keys))
	for r, f := range p.keys {
		order[r] = frow{key32(f), int32(r)}
	}
	slices.SortFunc(order, func(a, b frow) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return int(a.r - b.r)
	})
	m := &weights{nclass: p.nclass, start: []uint32{0}}
	acc := make([]float64, p.nclass)
	used := make([]bool, p.nclass)
	for i := 0; i < len(order); {
		j := i
		for j < len(order) && order[j].key == order[i].key {
			for _, e := range p.rows[order[j].r] {
				acc[e.cls] += float64(e.w) - float64(e.u)/c
				used[e.cls] = true
			}
			j++
		}
		n := 0
		for cl := range acc {
			if !used[cl] {
				continue
			}
			q := math.Round(acc[cl] * scale)
			if math.Abs(q) > float64(prune) {
				m.cls = append(m.cls, uint8(cl))
				m.w = append(m.w, int16(q))
				n++
			}
			acc[cl], used[cl] = 0, false
		}
		if n > 0 {
			m.fkeys = append(m.fkeys, order[i].key)
			m.start = append(m.start, uint32(len(m.cls)))
		}
		i = j
	}
	if len(m.cls) >= maxEntries {
		// Never near: a model this size would be far over its budget.
		panic(fmt.Sprintf("parser: %d weights, at most %d", len(m.cls), maxEntries))
	}
	m.build()
	return m
}
