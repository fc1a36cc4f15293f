package parse

import "fmt"

// checkTree returns an error unless heads (heads[i] the head of word i+1,
// 0 for the root) form a tree over the words with exactly one root.
func checkTree(heads []int) error {
	n := len(heads)
	roots := 0
	for i, h := range heads {
		if h < 0 || h > n || h == i+1 {
			return fmt.Errorf("word %d: head %d out of range", i+1, h)
		}
		if h == 0 {
			roots++
		}
	}
	if roots != 1 {
		return fmt.Errorf("%d words attached to the root, want 1", roots)
	}
	for i := range heads {
		// Walking up from any word reaches the root in at most n steps.
		h, steps := i+1, 0
		for h != 0 {
			h = heads[h-1]
			if steps++; steps > n {
				return fmt.Errorf("word %d: cycle", i+1)
			}
		}
	}
	return nil
}

// projectivize lifts non-projective arcs (Nivre and Nilsson 2005, without
// encoding the lifts in labels) until the tree is projective: the shortest
// non-projective arc h -> d becomes head(h) -> d. heads is a tree as
// checkTree accepts; it is changed in place, and the number of lifts
// returned.
func projectivize(heads []int) int {
	lifts := 0
	for {
		d := shortestNonProjective(heads)
		if d == 0 {
			return lifts
		}
		heads[d-1] = heads[heads[d-1]-1]
		lifts++
	}
}

// shortestNonProjective returns the dependent of the shortest
// non-projective arc (the leftmost among equals), or 0.
func shortestNonProjective(heads []int) int {
	best, bestLen := 0, 0
	for i, h := range heads {
		d := i + 1
		if h == 0 {
			continue
		}
		lo, hi := min(h, d), max(h, d)
		if best != 0 && hi-lo >= bestLen {
			continue
		}
		for k := lo + 1; k < hi; k++ {
			if !dominates(heads, h, k) {
				best, bestLen = d, hi-lo
				break
			}
		}
	}
	return best
}

// dominates reports whether h is k or an ancestor of k.
func dominates(heads []int, h, k int) bool {
	for k != 0 {
		if k == h {
			return true
		}
		k = heads[k-1]
	}
	return false
}
