package parse

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"
)

// Model files, in a model directory and among the embedded files.
const (
	TaggerFile = "tagger.bin.gz"
	ParserFile = "parser.bin.gz"
)

//go:embed model/*.bin.gz
var embedded embed.FS

// Model is a tagger and a parser that were trained together: the parser
// learnt from the tags this tagger gives. It is safe for concurrent use.
type Model struct {
	Tagger *Tagger
	Parser *Parser
}

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the models embedded in the binary, loaded on first use.
// It panics if they cannot be read, which the package's tests rule out for
// the files it is built with.
func Default() *Model {
	m, err := DefaultModel()
	if err != nil {
		panic(err)
	}
	return m
}

// DefaultModel is Default returning its error rather than panicking.
func DefaultModel() (*Model, error) {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "model")
		if err != nil {
			defaultErr = err
			return
		}
		defaultModel, defaultErr = LoadModel(sub)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("embedded model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

// LoadModel reads TaggerFile and ParserFile from fsys (a model directory,
// as make model writes it).
func LoadModel(fsys fs.FS) (*Model, error) {
	tf, err := fsys.Open(TaggerFile)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer tf.Close()
	tg, err := LoadTagger(tf)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", TaggerFile, err)
	}
	pf, err := fsys.Open(ParserFile)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer pf.Close()
	p, err := LoadParser(pf)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", ParserFile, err)
	}
	return &Model{Tagger: tg, Parser: p}, nil
}

// Tag fills in the UPOS, XPOS and Lemma of each word from its Form.
func (m *Model) Tag(words []Word) { m.Tagger.Tag(words) }

// Parse fills in the Head and Deprel of each tagged word.
func (m *Model) Parse(words []Word) { m.Parser.Parse(words) }

// Analyze tokenizes one sentence of text (offset is the text's byte
// offset in its document), tags its words and parses them.
func (m *Model) Analyze(text string, offset int) []Word {
	words := Tokenize(text, offset)
	m.Tagger.Tag(words)
	m.Parser.Parse(words)
	return words
}

// Evaluate tags and parses copies of sents' words, keeping their tokens,
// and scores the result against the sentences' own annotation.
func (m *Model) Evaluate(sents []Sentence) Score {
	var sc Score
	var words []Word
	for _, s := range sents {
		words = append(words[:0], s.Words...)
		m.Tagger.Tag(words)
		m.Parser.Parse(words)
		sc.Add(s, Sentence{Words: words})
	}
	return sc
}
