package parse

import (
	"slices"
	"testing"
)

func headsOf(words []Word) []int {
	h := make([]int, len(words))
	for i, w := range words {
		h[i] = w.Head
	}
	return h
}

func TestProjectivize(t *testing.T) {
	tests := []struct {
		name        string
		heads, want []int
		lifts       int
	}{
		{"projective", []int{2, 0, 2}, []int{2, 0, 2}, 0},
		// 1 <- 3 crosses 2 <- 4 (4 heads 2, which sits under 3's arc from 1).
		{"crossing", []int{0, 4, 1, 1}, []int{0, 1, 1, 1}, 1},
		{"chain", []int{0, 5, 1, 2, 1}, []int{0, 1, 1, 5, 1}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := slices.Clone(tt.heads)
			if err := checkTree(h); err != nil {
				t.Fatal(err)
			}
			n := projectivize(h)
			if !slices.Equal(h, tt.want) || n != tt.lifts {
				t.Errorf("projectivize(%v) = %v, %d lifts; want %v, %d", tt.heads, h, n, tt.want, tt.lifts)
			}
			if shortestNonProjective(h) != 0 {
				t.Errorf("projectivize(%v) = %v is not projective", tt.heads, h)
			}
		})
	}
}

func TestCheckTree(t *testing.T) {
	tests := []struct {
		heads []int
		ok    bool
	}{
		{[]int{0}, true},
		{[]int{2, 0}, true},
		{[]int{0, 0}, false},
		{[]int{2, 1}, false},
		{[]int{2, 3, 1, 0}, false},
		{[]int{1}, false},
		{[]int{5, 0}, false},
	}
	for _, tt := range tests {
		if err := checkTree(tt.heads); (err == nil) != tt.ok {
			t.Errorf("checkTree(%v) = %v, want ok %v", tt.heads, err, tt.ok)
		}
	}
}

// TestOracleReproducesTrees follows the dynamic oracle's zero-cost
// transitions over every training tree (projectivized) and checks that
// they rebuild the tree exactly, labels included.
func TestOracleReproducesTrees(t *testing.T) {
	train := readTreebank(t, "en_ewt-ud-train.conllu")
	labels, _ := labelsOf(train)
	p, err := newParser(labels, &weights{nclass: nclassFor(len(labels), false)})
	if err != nil {
		t.Fatal(err)
	}
	id := map[string]int{}
	for i, l := range labels {
		id[l] = i
	}
	var st state
	nonProj := 0
	for _, s := range train {
		heads := headsOf(s.Words)
		if checkTree(heads) != nil {
			t.Fatalf("%s: not a tree", s.ID)
		}
		if projectivize(heads) > 0 {
			nonProj++
		}
		n := len(heads)
		g := oracle{head: make([]int32, n+2), label: make([]int, n+2)}
		for i, h := range heads {
			if h == 0 {
				h = n + 1
			}
			g.head[i+1], g.label[i+1] = int32(h), id[s.Words[i].Deprel]
		}
		st.reset(n)
		for steps := 0; !st.done(); steps++ {
			if steps > 2*n {
				t.Fatalf("%s: more than %d transitions", s.ID, 2*n)
			}
			sh, le, ri, leLab, riLab := g.costs(&st)
			op, lab := -1, 0
			p.legal(&st, func(o, l, c int) {
				cost := sh
				switch o {
				case opLeft:
					cost = le
					if leLab != l {
						cost++
					}
				case opRight:
					cost = ri
					if riLab != l {
						cost++
					}
				}
				if cost == 0 && op < 0 {
					op, lab = o, l
				}
			})
			if op < 0 {
				t.Fatalf("%s: no zero-cost transition after %d steps", s.ID, steps)
			}
			st.apply(op, lab)
		}
		for i := range s.Words {
			h := int(st.head[i+1])
			if h == n+1 {
				h = 0
			}
			if h != heads[i] || labels[st.label[i+1]-1] != s.Words[i].Deprel {
				t.Fatalf("%s word %d: oracle built %d %s, gold %d %s", s.ID, i+1, h, labels[st.label[i+1]-1], heads[i], s.Words[i].Deprel)
			}
		}
	}
	t.Logf("%d trees rebuilt, %d of them projectivized first", len(train), nonProj)
}
