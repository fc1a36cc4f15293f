package parse

import (
	"fmt"
	"os"
	"slices"
	"syscall"
	"testing"
	"time"
)

// TestBeamOneIsGreedy checks that a beam of one parses as Parse does, and
// that wider beams give trees.
func TestBeamOneIsGreedy(t *testing.T) {
	m := embeddedModel(t)
	dev := readTreebank(t, "en_ewt-ud-dev.conllu")
	for _, s := range dev[:300] {
		a := slices.Clone(s.Words)
		m.Tag(a)
		b := slices.Clone(a)
		m.Parser.parseGreedy(a)
		m.Parser.parseBeam(b, Beam{K: 1, Temp: 10000})
		if !slices.Equal(a, b) {
			t.Fatalf("beam 1 differs from greedy on %q", s.Text)
		}
		for _, k := range []int{2, 5} {
			m.Parser.ParseBeam(b, Beam{K: k, Temp: 10000, Margin: 1})
			heads := make([]int, len(b))
			for i, w := range b {
				heads[i] = w.Head
			}
			if err := checkTree(heads); err != nil {
				t.Fatalf("beam %d: %v", k, err)
			}
		}
	}
}

// TestBeamDev scores beam decoding of the embedded model on the dev file
// (ACCORD_BEAM_DEV=1; an experiment, not part of the suite).
func TestBeamDev(t *testing.T) {
	if os.Getenv("ACCORD_BEAM_DEV") == "" {
		t.Skip("set ACCORD_BEAM_DEV=1")
	}
	m := embeddedModel(t)
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
	var cfgs []Beam
	for _, k := range []int{2, 3, 4, 8} {
		for _, margin := range []float64{0.5, 0.7, 1, 1.5, 2, 0} {
			cfgs = append(cfgs, Beam{K: k, Temp: 10000, Margin: margin})
		}
	}
	if os.Getenv("ACCORD_BEAM_TEMPS") != "" {
		cfgs = nil
		for _, temp := range []float64{5000, 7000, 10000, 14000} {
			for _, k := range []int{2, 3} {
				for _, margin := range []float64{0.5, 0.7, 1} {
					cfgs = append(cfgs, Beam{K: k, Temp: temp, Margin: margin})
				}
			}
		}
	}
	steps := 0
	for _, s := range dev {
		steps += 2 * len(s.Words)
	}
	items := 0
	beamItems = &items
	defer func() { beamItems = nil }()
	for _, b := range cfgs {
		items = 0
		var sc Score
		for i, s := range dev {
			w := slices.Clone(tagged[i])
			m.Parser.ParseBeam(w, b)
			sc.Add(s, Sentence{Words: w})
		}
		fmt.Printf("%s %+v: UAS %.4f LAS %.4f; %.3f items scored a step\n", file, b, sc.Rate(sc.UAS), sc.Rate(sc.LAS), float64(items)/float64(steps))
	}
}

// BenchmarkParseBeam tags and parses the test file's sentences as
// BenchmarkParse does, greedy and with beams, in two rounds. sentences/s
// is by the clock, which other processes on the machine slow down;
// sentences/cpu-s is per second of the process's own CPU time (all its
// threads, the garbage collector's included), what one core does.
func BenchmarkParseBeam(b *testing.B) {
	m := embeddedModel(b)
	test := readTreebank(b, "en_ewt-ud-test.conllu")
	words := make([][]Word, len(test))
	for i, s := range test {
		words[i] = slices.Clone(s.Words)
	}
	for round := range 3 {
		for _, c := range []Beam{{K: 1}, {K: 2, Temp: 10000, Margin: 0.5}, {K: 2, Temp: 10000, Margin: 0.7}, {K: 2, Temp: 10000, Margin: 1}, {K: 3, Temp: 10000, Margin: 1}, {K: 2, Temp: 10000}, {K: 3, Temp: 10000}, {K: 4, Temp: 10000}} {
			b.Run(fmt.Sprintf("k=%d,margin=%g,round=%d", c.K, c.Margin, round+1), func(b *testing.B) {
				n := 0
				cpu0 := cpuTime()
				for b.Loop() {
					w := words[n%len(words)]
					m.Tag(w)
					m.Parser.ParseBeam(w, c)
					n++
				}
				cpu := cpuTime() - cpu0
				b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
				if cpu > 0 {
					b.ReportMetric(float64(n)/cpu.Seconds(), "sentences/cpu-s")
				}
			})
		}
	}
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
