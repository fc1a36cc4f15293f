// Command ewt trains and measures the tagger and the tokenizer on UD
// English EWT: ewt tok FILE.conllu scores Tokenize against the treebank's
// words; ewt train trains the tagger and writes its model.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"accord/loader/parse"
)

func main() {
	errs := flag.Int("errors", 0, "print this many mistokenized sentences")
	epochs := flag.Int("epochs", 0, "training passes (0: the default)")
	minCount := flag.Int("mincount", 0, "feature cut-off (0: the default)")
	minWeight := flag.Float64("minweight", 0, "weight cut-off (0: the default)")
	out := flag.String("o", "", "write the trained tagger to this file")
	limit := flag.Int("n", 0, "train on the first n sentences only")
	flag.Parse()
	if flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: ewt tok FILE.conllu")
		os.Exit(2)
	}
	switch flag.Arg(0) {
	case "tok":
		sents := read(flag.Arg(1))
		var sc parse.TokenScore
		shown := 0
		for _, s := range sents {
			pred := parse.Tokenize(s.Text, 0)
			if !sc.Add(s.Text, s.Words, pred) && shown < *errs {
				shown++
				fmt.Printf("%s\n  gold: %s\n  pred: %s\n", s.Text, forms(s.Words), forms(pred))
			}
		}
		fmt.Printf("tokens %s: gold %d pred %d match %d F1 %.4f\n", flag.Arg(1), sc.Gold, sc.Pred, sc.Match, sc.F1())
	case "train": // ewt train DIR: train on DIR's train file, stop on dev, score test
		dir := flag.Arg(1)
		train := read(dir + "/en_ewt-ud-train.conllu")
		if *limit > 0 && *limit < len(train) {
			train = train[:*limit]
		}
		dev := read(dir + "/en_ewt-ud-dev.conllu")
		start := time.Now()
		tg, err := parse.TrainTagger(train, dev, parse.TaggerOptions{Epochs: *epochs, MinCount: *minCount, MinWeight: *minWeight}, os.Stdout)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("trained in %s\n", time.Since(start).Round(time.Second))
		report("dev", tg, dev)
		report("test", tg, read(dir+"/en_ewt-ud-test.conllu"))
		if *out != "" {
			f, err := os.Create(*out)
			if err == nil {
				err = tg.Save(f)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			f, err = os.Open(*out)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			st, _ := f.Stat()
			start := time.Now()
			tg, err = parse.LoadTagger(f)
			f.Close()
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			fmt.Printf("%s: %d bytes, loaded in %s\n", *out, st.Size(), time.Since(start).Round(time.Millisecond))
			report("test after reload", tg, read(dir+"/en_ewt-ud-test.conllu"))
		}
	}
}

func report(name string, tg *parse.Tagger, sents []parse.Sentence) {
	sc := tg.Score(sents)
	fmt.Printf("%s: %d sentences, %d words: UPOS %.4f XPOS %.4f lemma %.4f\n", name, sc.Sentences, sc.Words,
		sc.Rate(sc.UPOS), sc.Rate(sc.XPOS), sc.Rate(sc.Lemma))
}

func forms(ws []parse.Word) string {
	f := make([]string, len(ws))
	for i, w := range ws {
		f[i] = w.Form
	}
	return strings.Join(f, " | ")
}

func read(path string) []parse.Sentence {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	s, err := parse.ReadCoNLLU(f)
	if err != nil {
		fmt.Fprintf(os.Stderr, "read %s: %v\n", path, err)
		os.Exit(1)
	}
	return s
}
