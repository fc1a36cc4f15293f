package parse

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// parserMagic starts a parser model file (inside its gzip stream).
const parserMagic = "accord-parser\x01"

// A parser model file is a gzip stream holding, after the magic: the
// feature set's name, the labels, the number of classes and of features,
// then in blocks (which compress better than interleaved rows): the
// features' 32-bit keys in ascending order as varint gaps, each row's
// length, every entry's class byte, and every entry's weight as a zigzag
// varint. Strings are a varint length and bytes.

// Save writes the parser's model, compressed.
func (p *Parser) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	bw.WriteString(parserMagic)
	str(featureSet)
	uv(uint64(len(p.labels)))
	for _, l := range p.labels {
		str(l)
	}
	m := p.w
	uv(uint64(m.nclass))
	uv(uint64(len(m.fkeys)))
	prev := uint32(0)
	for _, k := range m.fkeys {
		uv(uint64(k - prev))
		prev = k
	}
	for r := range m.fkeys {
		uv(uint64(m.start[r+1] - m.start[r]))
	}
	bw.Write(m.cls)
	for _, v := range m.w {
		bw.Write(buf[:binary.PutVarint(buf[:], int64(v))])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("save parser: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save parser: %w", err)
	}
	return nil
}

// errParserModel marks a parser model file that cannot be read.
var errParserModel = errors.New("parse: corrupt model")

// LoadParser reads a model written by Save. A file that is not one, was
// trained with other feature templates, or is damaged gives an error.
func LoadParser(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load parser: %w: %v", errParserModel, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("load parser: %w: %v", errParserModel, err)
	}
	d := parserDecoder{b: data}
	if string(d.bytes(len(parserMagic))) != parserMagic {
		return nil, fmt.Errorf("load parser: %w: not a parser model", errParserModel)
	}
	if fs := d.str(); d.err == nil && fs != featureSet {
		return nil, fmt.Errorf("load parser: model has features %q, this parser %q: retrain it (make model)", fs, featureSet)
	}
	nl := d.count(128)
	labels := make([]string, 0, nl)
	for range nl {
		labels = append(labels, d.str())
	}
	m := &weights{nclass: d.count(256)}
	nf := d.count(len(data))
	keys := make([]uint32, 0, min(nf, len(data)))
	prev := uint64(0)
	for range nf {
		prev += d.uvarint()
		if prev > 1<<32-1 || (len(keys) > 0 && uint32(prev) <= keys[len(keys)-1]) || prev == 0 {
			d.fail()
			break
		}
		keys = append(keys, uint32(prev))
	}
	m.start = make([]uint32, 1, nf+1)
	total := 0
	for range nf {
		total += d.count(min(m.nclass, maxRow) + 1)
		m.start = append(m.start, uint32(total))
	}
	if total > len(data) || total >= maxEntries {
		d.fail()
	}
	m.cls = d.bytes(total)
	m.w = make([]int16, 0, total)
	for range total {
		v := d.varint()
		if v < -32768 || v > 32767 {
			d.fail()
			break
		}
		m.w = append(m.w, int16(v))
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail()
	}
	if d.err != nil {
		return nil, fmt.Errorf("load parser: %w", d.err)
	}
	for _, c := range m.cls {
		if int(c) >= m.nclass {
			return nil, fmt.Errorf("load parser: %w: class %d of %d", errParserModel, c, m.nclass)
		}
	}
	m.fkeys = keys
	m.build()
	p, err := newParser(labels, m)
	if err != nil {
		return nil, fmt.Errorf("load parser: %w: %v", errParserModel, err)
	}
	return p, nil
}

// parserDecoder reads the parts of a model file, remembering the first error.
type parserDecoder struct {
	b   []byte
	err error
}

func (d *parserDecoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("%w: truncated or damaged", errParserModel)
	}
	d.b = nil
}

func (d *parserDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *parserDecoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a number that must be below limit.
func (d *parserDecoder) count(limit int) int {
	v := d.uvarint()
	if v >= uint64(limit) {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *parserDecoder) bytes(n int) []byte {
	if n > len(d.b) {
		d.fail()
		return nil
	}
	out := d.b[:n:n]
	d.b = d.b[n:]
	return out
}

func (d *parserDecoder) str() string { return string(d.bytes(d.count(1 << 16))) }
