package parse

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// TrainOptions set how Train builds a model.
type TrainOptions struct {
	Tagger TaggerOptions
	Parser ParserOptions
	// Folds is the number of jackknifing folds that tag the parser's
	// training sentences (default 10); Workers trains that many folds at
	// once (default 1). The model does not depend on Workers.
	Folds, Workers int
	// Log, when set, receives progress lines.
	Log io.Writer
}

// Train trains a tagger on train (stopping on dev), tags train by
// jackknifing and dev with the tagger, and trains a parser on the result
// (stopping on dev). The same sentences and options give the same model,
// byte for byte.
func Train(train, dev []Sentence, opt TrainOptions) (*Model, error) {
	if opt.Folds == 0 {
		opt.Folds = 10
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	t0 := time.Now()
	tg, err := TrainTagger(train, dev, opt.Tagger, opt.Log)
	if err != nil {
		return nil, err
	}
	logf("tagger trained in %s", time.Since(t0).Round(time.Second))
	t1 := time.Now()
	jk, err := Jackknife(train, dev, opt.Folds, opt.Workers, opt.Tagger)
	if err != nil {
		return nil, err
	}
	var sc Score
	for i := range jk {
		sc.Add(train[i], jk[i])
	}
	logf("jackknifed %d folds in %s: train UPOS %.4f XPOS %.4f", opt.Folds, time.Since(t1).Round(time.Second), sc.Rate(sc.UPOS), sc.Rate(sc.XPOS))
	tdev := make([]Sentence, len(dev))
	for i, s := range dev {
		tdev[i] = s
		tdev[i].Words = append([]Word(nil), s.Words...)
		tg.Tag(tdev[i].Words)
	}
	t2 := time.Now()
	popt := opt.Parser
	if popt.Log == nil {
		popt.Log = opt.Log
	}
	p, _, err := TrainParser(jk, tdev, popt)
	if err != nil {
		return nil, err
	}
	logf("parser trained in %s", time.Since(t2).Round(time.Second))
	return &Model{Tagger: tg, Parser: p}, nil
}

// Save writes the model's files into dir, creating it if needed.
func (m *Model) Save(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	write := func(name string, save func(io.Writer) error) error {
		path := filepath.Join(dir, name)
		tmp := path + ".tmp"
		f, err := os.Create(tmp)
		if err != nil {
			return fmt.Errorf("save model: %w", err)
		}
		err = save(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp, path)
		}
		if err != nil {
			os.Remove(tmp)
			return fmt.Errorf("save model %s: %w", path, err)
		}
		return nil
	}
	if err := write(TaggerFile, m.Tagger.Save); err != nil {
		return err
	}
	return write(ParserFile, m.Parser.Save)
}

// ReadTreebank reads the training and development files of a UD treebank
// directory (files ending in -ud-train.conllu and -ud-dev.conllu).
func ReadTreebank(dir string) (train, dev []Sentence, err error) {
	read := func(suffix string) ([]Sentence, error) {
		matches, err := filepath.Glob(filepath.Join(dir, "*-ud-"+suffix+".conllu"))
		if err != nil || len(matches) != 1 {
			return nil, fmt.Errorf("read treebank %s: want one *-ud-%s.conllu file, found %d", dir, suffix, len(matches))
		}
		f, err := os.Open(matches[0])
		if err != nil {
			return nil, fmt.Errorf("read treebank: %w", err)
		}
		defer f.Close()
		s, err := ReadCoNLLU(f)
		if err != nil {
			return nil, fmt.Errorf("read treebank %s: %w", matches[0], err)
		}
		return s, nil
	}
	if train, err = read("train"); err != nil {
		return nil, nil, err
	}
	if dev, err = read("dev"); err != nil {
		return nil, nil, err
	}
	return train, dev, nil
}
