package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	"accord/loader"
	syntax "accord/loader/parse"
)

func cmdParse(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) (int, error) {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	dataDir := dataFlag(fs)
	eval := fs.Bool("eval", false, "FILE is CoNLL-U: tag and parse its words and print the scores")
	train := fs.String("train", "", "train the models on the UD treebank in `DIR` (its train and dev files)")
	out := fs.String("o", "", "with --train: write the model files into `DIR`")
	epochs := fs.Int("epochs", 0, "with --train: parser epochs (default 15)")
	limit := fs.Int("limit", 0, "with --train: train on the first N sentences only")
	folds := fs.Int("folds", 10, "with --train: jackknifing folds for the parser's training tags")
	workers := fs.Int("workers", 1, "with --train: folds trained at once (the model does not depend on it)")
	kinds := fs.Bool("shared-kinds", false, "with --train: give the parser LEFT and RIGHT classes all labels share")
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if *train != "" {
		if *out == "" || fs.NArg() != 0 {
			return exitUsage, fmt.Errorf("%w: accord parse --train DIR -o DIR", errUsage)
		}
		return trainModel(*train, *out, *epochs, *limit, *folds, *workers, *kinds, stdout)
	}
	if fs.NArg() != 1 {
		return exitUsage, fmt.Errorf("%w: accord parse [--eval] FILE", errUsage)
	}
	m, err := syntax.DefaultModel()
	if err != nil {
		return exitFailed, err
	}
	if *eval {
		return evalParse(m, fs.Arg(0), stdout)
	}
	lx, err := lexicon(*dataDir)
	if err != nil {
		return exitFailed, err
	}
	src, err := loader.ReadFile(fs.Arg(0))
	if err != nil {
		return exitFailed, err
	}
	kept, _, _ := lx.Clean(src.Text)
	var sents []syntax.Sentence
	for i, s := range lx.Sentences(src.Text, loader.Paragraphs(src.Text, kept)) {
		sents = append(sents, syntax.Sentence{ID: strconv.Itoa(i + 1), Text: s.Text, Words: m.Analyze(s.Text, s.Start)})
	}
	return exitOK, syntax.WriteCoNLLU(stdout, sents)
}

// evalParse tags and parses the words of a CoNLL-U file and prints the
// scores against its annotation.
func evalParse(m *syntax.Model, path string, stdout io.Writer) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return exitFailed, err
	}
	defer f.Close()
	gold, err := syntax.ReadCoNLLU(f)
	if err != nil {
		return exitFailed, fmt.Errorf("%s: %w", path, err)
	}
	sc := m.Evaluate(gold)
	fmt.Fprintf(stdout, "%s: %d sentences, %d words\n", path, sc.Sentences, sc.Words)
	for _, r := range []struct {
		name string
		n    int
	}{{"UPOS", sc.UPOS}, {"XPOS", sc.XPOS}, {"lemma", sc.Lemma}, {"UAS", sc.UAS}, {"LAS", sc.LAS}, {"LASFull", sc.LASFull}} {
		fmt.Fprintf(stdout, "%-8s %.4f\n", r.name, sc.Rate(r.n))
	}
	return exitOK, nil
}

// trainModel retrains the tagger and the parser from a treebank directory
// and writes their files.
func trainModel(dir, out string, epochs, limit, folds, workers int, kinds bool, stdout io.Writer) (int, error) {
	train, dev, err := syntax.ReadTreebank(dir)
	if err != nil {
		return exitFailed, err
	}
	if limit > 0 && limit < len(train) {
		train = train[:limit]
	}
	start := time.Now()
	m, err := syntax.Train(train, dev, syntax.TrainOptions{Parser: syntax.ParserOptions{Epochs: epochs, Prune: 300, SharedKinds: kinds}, Folds: folds, Workers: workers, Log: stdout})
	if err != nil {
		return exitFailed, err
	}
	if err := m.Save(out); err != nil {
		return exitFailed, err
	}
	fmt.Fprintf(stdout, "model written to %s in %s\n", out, time.Since(start).Round(time.Second))
	return exitOK, nil
}
