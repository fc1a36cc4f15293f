package parse

// The stages of the package, in the order the loader calls them:
//
//	words := Tokenize(text, offset)    // UD English words with byte offsets
//	m := Default()                     // the embedded models, loaded once
//	m.Tag(words)                       // UPOS, XPOS, Lemma (in place)
//	m.Parse(words)                     // Head, Deprel (in place)
//
// Tokenize, Model, Default, (*Model).Tag and (*Model).Parse are defined in
// tokenize.go, model.go, tagger.go and parser.go.
