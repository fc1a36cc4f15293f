// Command ewt trains and measures the tagger and the tokenizer on UD
// English EWT: ewt tok FILE.conllu scores Tokenize against the treebank's
// words; ewt train trains the tagger and writes its model.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"accord/loader/parse"
)

func main() {
	errs := flag.Int("errors", 0, "print this many mistokenized sentences")
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
	}
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
