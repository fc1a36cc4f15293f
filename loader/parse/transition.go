package parse

// The parser is arc-hybrid (Kuhlmann, Gómez-Rodríguez and Satta 2011) with
// the root at the end of the buffer (Ballesteros and Nivre 2013): a stack,
// a buffer of the words not yet shifted followed by a root token, and
// three kinds of transition:
//
//	SHIFT     push the buffer's front word
//	LEFT(l)   the stack's top gets the buffer's front as head (label l), pop
//	RIGHT(l)  the stack's top gets the word below it as head (label l), pop
//
// LEFT onto the root token is allowed only when one word is left on the
// stack and always carries the label root, so every parse is a tree with
// exactly one root. Words are numbered 1..n; position n+1 is the root
// token and 0 means "no word".

// Transition kinds; a class is SHIFT, or a kind and a label.
const (
	opShift = iota
	opLeft
	opRight
)

// state is a parser configuration over one sentence of n words.
type state struct {
	n     int
	stack []int32
	b     int32   // the buffer's front: 1..n, or n+1 for the root token
	head  []int32 // head of each position (n+1 for the root), 0 while unattached
	label []uint8 // label id of each attached word, plus one (0: none)
	// l1, l2 are each word's leftmost and second leftmost children, r1, r2
	// its rightmost and second rightmost; nl, nr count left and right
	// children; ls, rs are the sets of their labels.
	l1, l2, r1, r2 []int32
	nl, nr         []uint8
	ls, rs         []uint64
}

// reset prepares the state for a sentence of n words, reusing memory.
func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b = 1
	m := n + 2
	if cap(s.head) < m {
		s.head = make([]int32, m)
		s.label = make([]uint8, m)
		s.l1, s.l2, s.r1, s.r2 = make([]int32, m), make([]int32, m), make([]int32, m), make([]int32, m)
		s.nl, s.nr = make([]uint8, m), make([]uint8, m)
		s.ls, s.rs = make([]uint64, m), make([]uint64, m)
	}
	s.head, s.label = s.head[:m], s.label[:m]
	s.l1, s.l2, s.r1, s.r2 = s.l1[:m], s.l2[:m], s.r1[:m], s.r2[:m]
	s.nl, s.nr, s.ls, s.rs = s.nl[:m], s.nr[:m], s.ls[:m], s.rs[:m]
	clear(s.head)
	clear(s.label)
	clear(s.l1)
	clear(s.l2)
	clear(s.r1)
	clear(s.r2)
	clear(s.nl)
	clear(s.nr)
	clear(s.ls)
	clear(s.rs)
}

// done reports whether the state is terminal.
func (s *state) done() bool { return len(s.stack) == 0 && int(s.b) == s.n+1 }

// top returns the stack's i-th word from the top (0 for the top), or 0.
func (s *state) top(i int) int32 {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return 0
}

// buf returns the buffer's i-th position (0 for the front), or 0 past the
// root token.
func (s *state) buf(i int) int32 {
	p := s.b + int32(i)
	if int(p) > s.n+1 {
		return 0
	}
	return p
}

// canShift, canLeft and canRight tell which kinds of transition are legal;
// canLeftRoot tells whether LEFT is the root attachment.
func (s *state) canShift() bool { return int(s.b) <= s.n }
func (s *state) canLeft() bool {
	return len(s.stack) > 0 && (int(s.b) <= s.n || len(s.stack) == 1)
}
func (s *state) canRight() bool   { return len(s.stack) > 1 }
func (s *state) leftIsRoot() bool { return int(s.b) == s.n+1 }

// apply performs a transition; lab is the label id (ignored for SHIFT).
func (s *state) apply(op int, lab int) {
	switch op {
	case opShift:
		s.stack = append(s.stack, s.b)
		s.b++
	case opLeft:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.b, d, lab)
	case opRight:
		d := s.stack[len(s.stack)-1]
		h := s.stack[len(s.stack)-2]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(h, d, lab)
	}
}

// attach adds the arc h -> d with label lab.
func (s *state) attach(h, d int32, lab int) {
	s.head[d] = h
	s.label[d] = uint8(lab + 1)
	bit := uint64(1) << (uint(lab) & 63)
	if d < h {
		if s.l1[h] == 0 || d < s.l1[h] {
			s.l2[h] = s.l1[h]
			s.l1[h] = d
		} else if s.l2[h] == 0 || d < s.l2[h] {
			s.l2[h] = d
		}
		if s.nl[h] < 255 {
			s.nl[h]++
		}
		s.ls[h] |= bit
	} else {
		if d > s.r1[h] {
			s.r2[h] = s.r1[h]
			s.r1[h] = d
		} else if d > s.r2[h] {
			s.r2[h] = d
		}
		if s.nr[h] < 255 {
			s.nr[h]++
		}
		s.rs[h] |= bit
	}
}

// oracle holds a gold tree for the dynamic oracle: gold heads as positions
// (n+1 for the root) and gold label ids.
type oracle struct {
	head  []int32
	label []int
}

// costs returns the number of gold arcs that each kind of transition would
// make unreachable from s (Goldberg and Nivre 2013, arc-hybrid), and the
// gold label of the arc LEFT or RIGHT would build if that arc is gold (-1
// otherwise): choosing another label costs one more.
func (g *oracle) costs(s *state) (shift, left, right, leftLab, rightLab int) {
	leftLab, rightLab = -1, -1
	s0, s1 := s.top(0), s.top(1)
	b := s.b
	n1 := int32(s.n + 1)
	if s.canShift() {
		// b0 loses a head or children in the stack below where it goes.
		for i, w := range s.stack {
			if g.head[w] == b {
				shift++
			}
			if g.head[b] == w && i < len(s.stack)-1 {
				shift++
			}
		}
	}
	if s0 != 0 {
		// s0 loses its children still in the buffer either way.
		kids := 0
		for k := b; k < n1; k++ {
			if g.head[k] == s0 {
				kids++
			}
		}
		h := g.head[s0]
		left, right = kids, kids
		if h == s1 || h > b {
			left++
		} else if h == b {
			leftLab = g.label[s0]
		}
		if h >= b {
			right++
		} else if h == s1 {
			rightLab = g.label[s0]
		}
	}
	return shift, left, right, leftLab, rightLab
}
