package graph

import (
	"bufio"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// WriteSyntheticNQuads writes about n quads of a synthetic graph (documents,
// entities, facts with their evidence, in Accord's model) as N-Quads, for
// load benchmarks that compare Accord with other tools on the same file. It
// returns the number of quads written.
func WriteSyntheticNQuads(w io.Writer, n int) (int, error) {
	g := syntheticNQuadsGraph(n)
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := nquads.NewWriter(bw)
	count := 0
	write := func(qs ...quad.Quad) error {
		for _, q := range qs {
			if err := enc.WriteQuad(q); err != nil {
				return err
			}
			count++
		}
		return nil
	}
	opt := g.Options()
	for i := 0; i < opt.Documents; i++ {
		if err := write(documentQuads(g.Document(i))...); err != nil {
			return count, err
		}
	}
	for i := 0; i < opt.Entities; i++ {
		if err := write(entityQuads(g.Entity(i))...); err != nil {
			return count, err
		}
	}
	err := g.Each(func(f Fact, doc int) error {
		d := g.Document(doc)
		f.Doc = d.ID
		fq, ev := factQuads(f, iri(d.IRI()))
		return write(append(dropCards(ev), fq)...) // as an export has them
	})
	if err == nil {
		err = enc.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	return count, err
}

// syntheticNQuadsGraph is the synthetic graph WriteSyntheticNQuads writes
// about n quads of.
func syntheticNQuadsGraph(n int) *Synth {
	facts := max(n/12, 1)
	return NewSynth(SynthOptions{Entities: max(facts/10, 100), Facts: facts, Documents: max(facts/10, 10)})
}
