package parse

import "strings"

// featureSet names the feature templates below; a model trained with other
// templates is refused. Change it whenever the templates change.
const featureSet = "arc-hybrid-zn-3"

// sentAtoms holds a sentence's word-level feature atoms by position:
// 0 is "no word", 1..n the words, n+1 the root token.
type sentAtoms struct {
	w, p, u, sfx []uint64 // lower-cased form, XPOS, UPOS, suffix
}

// Atom values for the two positions that are not words.
var (
	atomNone = atomHash("\x00none")
	atomRoot = atomHash("\x00root")
)

// fill computes the atoms of words, reusing memory.
func (a *sentAtoms) fill(words []Word) {
	m := len(words) + 2
	if cap(a.w) < m {
		a.w, a.p, a.u, a.sfx = make([]uint64, m), make([]uint64, m), make([]uint64, m), make([]uint64, m)
	}
	a.w, a.p, a.u, a.sfx = a.w[:m], a.p[:m], a.u[:m], a.sfx[:m]
	a.w[0], a.p[0], a.u[0], a.sfx[0] = atomNone, atomNone, atomNone, atomNone
	a.w[m-1], a.p[m-1], a.u[m-1], a.sfx[m-1] = atomRoot, atomRoot, atomRoot, atomRoot
	for i := range words {
		f := words[i].Form
		lf := lowerASCII(f)
		a.w[i+1] = atomHash(lf)
		a.p[i+1] = atomHash(words[i].XPOS)
		a.u[i+1] = atomHash(words[i].UPOS)
		s := lf
		if len(s) > 3 {
			s = s[len(s)-3:]
		}
		a.sfx[i+1] = atomHash(s) ^ 0x5bd1e995
	}
}

// lowerASCII lower-cases ASCII letters, returning s itself when it has none
// to change.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// atomHash is FNV-1a over s, finished with a 64-bit mixer.
func atomHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return fmix(h)
}

// fmix is the finaliser of MurmurHash3: it spreads every input bit over
// the output.
func fmix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func mixAtom(h, v uint64) uint64 {
	h ^= v
	h *= 0x9e3779b97f4a7c15
	return h ^ h>>31
}

func h1(t, a uint64) uint64       { return mixAtom(t*0xa0761d6478bd642f, a) }
func h2(t, a, b uint64) uint64    { return mixAtom(mixAtom(t*0xa0761d6478bd642f, a), b) }
func h3(t, a, b, c uint64) uint64 { return mixAtom(mixAtom(mixAtom(t*0xa0761d6478bd642f, a), b), c) }
func h4(t, a, b, c, d uint64) uint64 {
	return mixAtom(mixAtom(mixAtom(mixAtom(t*0xa0761d6478bd642f, a), b), c), d)
}

// dist buckets a distance between two positions.
func dist(a, b int32) uint64 {
	if a == 0 || b == 0 {
		return 0
	}
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}

// valency buckets a number of children.
func valency(n uint8) uint64 {
	if n > 4 {
		return 4
	}
	return uint64(n)
}

// parseFeatures appends the feature hashes of configuration s to out: the
// templates of Zhang and Nivre (2011) carried over to arc-hybrid (the
// stack's second word plays the part of the top's head), with the second
// and third stack words and their children added.
func parseFeatures(s *state, a *sentAtoms, out []uint64) []uint64 {
	W, P := a.w, a.p
	s0, s1, s2 := s.top(0), s.top(1), s.top(2)
	b0, b1, b2 := s.buf(0), s.buf(1), s.buf(2)
	s0l1, s0l2, s0r1, s0r2 := s.l1[s0], s.l2[s0], s.r1[s0], s.r2[s0]
	s1l1, s1l2, s1r1, s1r2 := s.l1[s1], s.l2[s1], s.r1[s1], s.r2[s1]
	b0l1, b0l2 := s.l1[b0], s.l2[b0]
	s0l1l1, s0r1r1, s1r1r1 := s.l1[s0l1], s.r1[s0r1], s.r1[s1r1]
	b0l1l1 := s.l1[b0l1]
	L := func(x int32) uint64 { return uint64(s.label[x]) }

	s0w, s0p, s1w, s1p, s2w, s2p := W[s0], P[s0], W[s1], P[s1], W[s2], P[s2]
	b0w, b0p, b1w, b1p, b2w, b2p := W[b0], P[b0], W[b1], P[b1], W[b2], P[b2]
	s0u, s1u, b0u, b1u := a.u[s0], a.u[s1], a.u[b0], a.u[b1]
	d := dist(s0, b0)
	d1 := dist(s1, s0)
	f := out[:0]
	var k uint64
	t := func() uint64 { k++; return k }

	// Single words.
	f = append(f,
		h2(t(), s0w, s0p), h1(t(), s0w), h1(t(), s0p),
		h2(t(), b0w, b0p), h1(t(), b0w), h1(t(), b0p),
		h2(t(), b1w, b1p), h1(t(), b1w), h1(t(), b1p),
		h2(t(), b2w, b2p), h1(t(), b2w), h1(t(), b2p),
		h2(t(), s1w, s1p), h1(t(), s1w), h1(t(), s1p),
		h2(t(), s2w, s2p), h1(t(), s2p),
		h1(t(), s0u), h1(t(), b0u), h1(t(), s1u), h1(t(), b1u),
		h1(t(), a.sfx[s0]), h1(t(), a.sfx[b0]), h1(t(), a.sfx[b1]),
	)
	// Pairs.
	f = append(f,
		h4(t(), s0w, s0p, b0w, b0p), h3(t(), s0w, s0p, b0w), h3(t(), s0w, b0w, b0p),
		h3(t(), s0w, s0p, b0p), h3(t(), s0p, b0w, b0p), h2(t(), s0w, b0w), h2(t(), s0p, b0p),
		h2(t(), b0p, b1p), h2(t(), b0w, b1w), h2(t(), b0w, b1p), h2(t(), b0p, b1w),
		h4(t(), s1w, s1p, s0w, s0p), h3(t(), s1w, s1p, s0w), h3(t(), s1w, s0w, s0p),
		h3(t(), s1w, s1p, s0p), h3(t(), s1p, s0w, s0p), h2(t(), s1w, s0w), h2(t(), s1p, s0p),
		h2(t(), s1p, b0p), h2(t(), s1w, b0w), h3(t(), s1w, b0p, s0p),
	)
	// Three tags.
	f = append(f,
		h3(t(), b0p, b1p, b2p), h3(t(), s0p, b0p, b1p), h3(t(), s1p, s0p, b0p),
		h3(t(), s0p, P[s0l1], b0p), h3(t(), s0p, P[s0r1], b0p), h3(t(), s0p, b0p, P[b0l1]),
		h3(t(), s1p, P[s1r1], s0p), h3(t(), s1p, P[s1l1], s0p), h3(t(), s1p, s0p, P[s0l1]),
		h3(t(), s1p, s0p, P[s0r1]), h3(t(), s2p, s1p, s0p), h4(t(), s1p, s0p, b0p, b1p),
		h3(t(), s0w, b0p, b1p), h3(t(), s0p, b0w, b1p), h3(t(), s1p, s0w, b0p), h3(t(), s1p, s0p, b0w),
	)
	// Distance.
	f = append(f,
		h2(t(), s0w, d), h2(t(), s0p, d), h2(t(), b0w, d), h2(t(), b0p, d),
		h3(t(), s0w, b0w, d), h3(t(), s0p, b0p, d),
		h2(t(), s1w, d1), h2(t(), s1p, d1), h2(t(), s0w, d1), h2(t(), s0p, d1),
		h3(t(), s1w, s0w, d1), h3(t(), s1p, s0p, d1),
	)
	// Valency.
	vl0, vr0, vlb, vl1, vr1 := valency(s.nl[s0]), valency(s.nr[s0]), valency(s.nl[b0]), valency(s.nl[s1]), valency(s.nr[s1])
	f = append(f,
		h2(t(), s0w, vr0), h2(t(), s0p, vr0), h2(t(), s0w, vl0), h2(t(), s0p, vl0),
		h2(t(), b0w, vlb), h2(t(), b0p, vlb),
		h2(t(), s1w, vr1), h2(t(), s1p, vr1), h2(t(), s1w, vl1), h2(t(), s1p, vl1),
	)
	// Children.
	f = append(f,
		h1(t(), W[s0l1]), h1(t(), P[s0l1]), h1(t(), L(s0l1)),
		h1(t(), W[s0r1]), h1(t(), P[s0r1]), h1(t(), L(s0r1)),
		h1(t(), W[b0l1]), h1(t(), P[b0l1]), h1(t(), L(b0l1)),
		h1(t(), W[s1l1]), h1(t(), P[s1l1]), h1(t(), L(s1l1)),
		h1(t(), W[s1r1]), h1(t(), P[s1r1]), h1(t(), L(s1r1)),
		h2(t(), s0p, L(s0l1)), h2(t(), s0p, L(s0r1)), h2(t(), b0p, L(b0l1)),
		h2(t(), s1p, L(s1l1)), h2(t(), s1p, L(s1r1)),
		h3(t(), s0p, b0p, L(s0l1)), h3(t(), s0p, b0p, L(s0r1)), h3(t(), s0p, b0p, L(b0l1)),
		h3(t(), s1p, s0p, L(s1r1)), h3(t(), s1p, s0p, L(s0l1)), h3(t(), s1p, s0p, L(s0r1)),
	)
	// Third order.
	f = append(f,
		h1(t(), W[s0l2]), h1(t(), P[s0l2]), h1(t(), L(s0l2)),
		h1(t(), W[s0r2]), h1(t(), P[s0r2]), h1(t(), L(s0r2)),
		h1(t(), W[b0l2]), h1(t(), P[b0l2]), h1(t(), L(b0l2)),
		h1(t(), P[s1l2]), h1(t(), L(s1l2)), h1(t(), P[s1r2]), h1(t(), L(s1r2)),
		h3(t(), s0p, P[s0l1], P[s0l2]), h3(t(), s0p, P[s0r1], P[s0r2]), h3(t(), b0p, P[b0l1], P[b0l2]),
		h3(t(), s1p, P[s1r1], P[s1r2]), h3(t(), s1p, P[s1l1], P[s1l2]),
		h2(t(), P[s0l1l1], L(s0l1l1)), h2(t(), P[s0r1r1], L(s0r1r1)), h2(t(), P[s1r1r1], L(s1r1r1)),
		h2(t(), P[b0l1l1], L(b0l1l1)),
	)
	// Label sets.
	f = append(f,
		h2(t(), s0w, s.rs[s0]), h2(t(), s0p, s.rs[s0]), h2(t(), s0w, s.ls[s0]), h2(t(), s0p, s.ls[s0]),
		h2(t(), b0w, s.ls[b0]), h2(t(), b0p, s.ls[b0]),
		h2(t(), s1p, s.rs[s1]), h2(t(), s1p, s.ls[s1]),
	)
	return f
}
