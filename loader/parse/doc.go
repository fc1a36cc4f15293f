// Package parse reads the syntax of English sentences: it splits a sentence
// into words as Universal Dependencies English does, tags each word with
// its part of speech (UPOS and Penn XPOS) and lemma, and builds a labelled
// dependency tree over the words.
//
// The tagger and the parser are averaged perceptrons trained on Universal
// Dependencies English Web Treebank (CC BY-SA 4.0); their trained models are
// embedded in the binary, so nothing is trained at run time. Train retrains
// them from the treebank's CoNLL-U files (make model).
//
// The package knows nothing of governments, actors or facts: it is the
// syntax stage of the loader's pipeline, and its only input is text.
package parse
