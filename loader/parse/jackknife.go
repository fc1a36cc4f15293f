package parse

import (
	"fmt"
	"sync"
)

// Jackknife returns copies of sents whose UPOS, XPOS and lemmas come from
// taggers that never saw them: the sentences are cut into folds
// consecutive blocks, and each block is tagged by a tagger trained on the
// others (stopping on dev). A parser trained on such tags learns from tags
// as wrong as it will meet at run time. Folds train on up to workers
// goroutines at once; the result does not depend on workers.
func Jackknife(sents, dev []Sentence, folds, workers int, opts TaggerOptions) ([]Sentence, error) {
	if folds < 2 || folds > len(sents) {
		return nil, fmt.Errorf("jackknife: %d folds for %d sentences", folds, len(sents))
	}
	workers = max(1, min(workers, folds))
	out := make([]Sentence, len(sents))
	for i, s := range sents {
		out[i] = s
		out[i].Words = append([]Word(nil), s.Words...)
	}
	bound := func(k int) int { return k * len(sents) / folds }
	errs := make([]error, folds)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				lo, hi := bound(k), bound(k+1)
				rest := make([]Sentence, 0, len(sents)-(hi-lo))
				rest = append(append(rest, sents[:lo]...), sents[hi:]...)
				tg, err := TrainTagger(rest, dev, opts, nil)
				if err != nil {
					errs[k] = fmt.Errorf("jackknife fold %d: %w", k+1, err)
					continue
				}
				for i := lo; i < hi; i++ {
					tg.Tag(out[i].Words)
				}
			}
		}()
	}
	for k := range folds {
		next <- k
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
