package parse

import (
	"math"
	"slices"
)

// weights is a trained, averaged and quantised linear model: for each
// feature, a short row of (class, weight) entries. Features are looked up
// by a 32-bit key in an open-addressing table; weights are int16 counts of
// scale.
type weights struct {
	nclass int
	keys   []uint32 // the table: 0 marks an empty slot
	rows   []uint32 // the row of the feature in each slot
	mask   uint32
	start  []uint32 // row r's entries are cls[start[r]:start[r+1]]
	cls    []uint8
	w      []int16
	fkeys  []uint32 // each row's key, in row order
}

// key32 folds a feature hash to the table's key; 0 is reserved.
func key32(f uint64) uint32 {
	k := uint32(f>>32) ^ uint32(f)
	if k == 0 {
		k = 1
	}
	return k
}

// build makes the lookup table once start, cls and w hold the rows of the
// features whose keys are given in row order.
func (m *weights) build(keys []uint32) {
	size := 1
	for size < len(keys)*2 {
		size <<= 1
	}
	m.keys = make([]uint32, size)
	m.rows = make([]uint32, size)
	m.mask = uint32(size - 1)
	m.fkeys = keys
	for r, k := range keys {
		i := slot(k) & m.mask
		for m.keys[i] != 0 {
			i = (i + 1) & m.mask
		}
		m.keys[i] = k
		m.rows[i] = uint32(r)
	}
}

func slot(k uint32) uint32 {
	k ^= k >> 16
	k *= 0x85ebca6b
	k ^= k >> 13
	return k
}

// score adds the weights of features to scores.
func (m *weights) score(feats []uint64, scores []int32) {
	for _, f := range feats {
		k := key32(f)
		i := slot(k) & m.mask
		for {
			kk := m.keys[i]
			if kk == k {
				r := m.rows[i]
				a, b := m.start[r], m.start[r+1]
				cls, w := m.cls[a:b], m.w[a:b]
				for j, c := range cls {
					scores[c] += int32(w[j])
				}
				break
			}
			if kk == 0 {
				break
			}
			i = (i + 1) & m.mask
		}
	}
}

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
	var keys []uint32
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
			keys = append(keys, order[i].key)
			m.start = append(m.start, uint32(len(m.cls)))
		}
		i = j
	}
	m.build(keys)
	return m
}
