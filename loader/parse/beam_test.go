package parse

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

// TestBeamDev scores beam decoding of the embedded model on the dev file
// (ACCORD_BEAM_DEV=1; an experiment, not part of the suite).
func TestBeamDev(t *testing.T) {
	if os.Getenv("ACCORD_BEAM_DEV") == "" {
		t.Skip("set ACCORD_BEAM_DEV=1")
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	file := os.Getenv("ACCORD_BEAM_FILE")
	if file == "" {
		file = "en_ewt-ud-dev.conllu"
	}
	dev := readTreebank(t, file)
	tagged := make([][]Word, len(dev))
	for i, s := range dev {
		tagged[i] = slices.Clone(s.Words)
		m.Tag(tagged[i])
	}
	type cfg struct {
		k           int
		temp, delta float64
	}
	var cfgs []cfg
	for _, temp := range []float64{6000, 8000, 10000, 13000, 16000, 20000} {
		for _, k := range []int{2, 4, 8} {
			cfgs = append(cfgs, cfg{k, temp, 0})
		}
	}
	if os.Getenv("ACCORD_BEAM_DELTA") != "" {
		cfgs = nil
		for _, temp := range []float64{10000, 13000} {
			for _, k := range []int{4, 8} {
				for _, delta := range []float64{0.5, 1, 2, 3, 5} {
					cfgs = append(cfgs, cfg{k, temp, delta})
				}
			}
		}
	}
	if os.Getenv("ACCORD_BEAM_ONE") != "" {
		beamOneLabel = true
		beamMarginal = os.Getenv("ACCORD_BEAM_ONE") == "marginal"
		cfgs = nil
		for _, temp := range []float64{8000, 10000, 13000} {
			for _, k := range []int{2, 3, 4, 8} {
				cfgs = append(cfgs, cfg{k, temp, 0})
			}
		}
		if os.Getenv("ACCORD_BEAM_DELTA") != "" {
			cfgs = nil
			for _, k := range []int{3, 4, 8} {
				for _, delta := range []float64{0.3, 0.5, 0.7, 1, 1.5, 2} {
					cfgs = append(cfgs, cfg{k, 10000, delta})
				}
			}
		}
	}
	steps := 0
	for _, s := range dev {
		steps += 2 * len(s.Words)
	}
	for _, c := range cfgs {
		k, temp, delta := c.k, c.temp, c.delta
		{
			beamExpanded = 0
			var sc Score
			for i, s := range dev {
				w := slices.Clone(tagged[i])
				m.Parser.beam(w, k, temp, delta)
				sc.Add(s, Sentence{Words: w})
			}
			fmt.Printf("%s k=%d temp=%g delta=%g: UAS %.4f LAS %.4f; %.2f items a step\n", file, k, temp, delta, sc.Rate(sc.UAS), sc.Rate(sc.LAS), float64(beamExpanded)/float64(steps))
		}
	}
}

// TestBeamGreedyAgree checks that a beam of one parses as Parse does.
func TestBeamGreedyAgree(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	dev := readTreebank(t, "en_ewt-ud-dev.conllu")
	for _, s := range dev[:200] {
		a := slices.Clone(s.Words)
		m.Tag(a)
		b := slices.Clone(a)
		m.Parse(a)
		m.Parser.beam(b, 1, 0, 0)
		if !slices.Equal(a, b) {
			t.Fatal("beam 1 differs from greedy")
		}
	}
}

// BenchmarkParseBeam tags and parses the test file's sentences as
// BenchmarkParse does, with beam decoding (k, temperature, delta).
func BenchmarkParseBeam(b *testing.B) {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	test := readTreebank(b, "en_ewt-ud-test.conllu")
	words := make([][]Word, len(test))
	for i, s := range test {
		words[i] = slices.Clone(s.Words)
	}
	for _, c := range []struct {
		k           int
		temp, delta float64
	}{{1, 0, 0}, {2, 10000, 0}, {4, 10000, 2}, {4, 10000, 0}, {8, 10000, 2}} {
		b.Run(fmt.Sprintf("k=%d,delta=%g", c.k, c.delta), func(b *testing.B) {
			n := 0
			for b.Loop() {
				w := words[n%len(words)]
				m.Tag(w)
				m.Parser.beam(w, c.k, c.temp, c.delta)
				n++
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
		})
	}
}
