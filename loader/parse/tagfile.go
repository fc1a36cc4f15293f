package parse

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// The tagger's file: gzip over a header (taggerMagic, then the format's
// version), then sections of unsigned varints and length-prefixed strings:
// the labels, the XPOS tags, the ambiguity masks, the sure words, the
// weights (feature hashes in increasing order as deltas, each with its row
// of classes and weights quantized to 1/weightScale), the lemmatizer, and
// taggerMagic again, so that a cut file is noticed.
const (
	taggerMagic   = "accord tagger\n"
	taggerVersion = 1
	weightScale   = 32
	// maxCount bounds each count read, so a corrupt file cannot make Load
	// allocate without bound.
	maxCount = 1 << 24
)

// quantize rounds a weight to the precision the file keeps.
func quantize(w float64) int64 { return int64(math.Round(w * weightScale)) }

// Save writes the tagger in its binary format.
func (t *Tagger) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("save tagger: %w", err)
	}
	e := &encoder{w: bufio.NewWriter(zw)}
	e.w.WriteString(taggerMagic)
	e.uint(taggerVersion)
	e.uint(uint64(len(t.classes)))
	for _, c := range t.classes {
		e.string(c.XPOS)
		e.string(c.UPOS)
	}
	e.strings(t.xpos)
	ambKeys := sortedKeys(t.amb)
	e.uint(uint64(len(ambKeys)))
	var last uint64
	for _, k := range ambKeys {
		e.uint(k - last)
		e.uint(t.amb[k])
		last = k
	}
	sureKeys := sortedKeys(t.sure)
	e.uint(uint64(len(sureKeys)))
	last = 0
	for _, k := range sureKeys {
		e.uint(k - last)
		e.uint(uint64(t.sure[k]))
		last = k
	}
	featKeys := sortedKeys(t.index)
	e.uint(uint64(len(featKeys)))
	last = 0
	for _, k := range featKeys {
		r := t.index[k]
		lo, hi := t.off[r], t.off[r+1]
		e.uint(k - last)
		e.uint(uint64(hi - lo))
		for j := lo; j < hi; j++ {
			e.uint(uint64(t.cls[j]))
			e.int(quantize(float64(t.wts[j])))
		}
		last = k
	}
	t.lem.save(e)
	e.w.WriteString(taggerMagic)
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("save tagger: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save tagger: %w", err)
	}
	return nil
}

// LoadTagger reads a tagger that Save wrote. A file that is not a tagger,
// is of another version, or is cut or corrupt gives an error.
func LoadTagger(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load tagger: %w", err)
	}
	d := &decoder{r: bufio.NewReaderSize(zr, 1<<16)}
	t, err := d.tagger()
	if err != nil {
		return nil, fmt.Errorf("load tagger: %w", err)
	}
	// Reading to the end makes gzip check its checksum.
	if _, err := io.Copy(io.Discard, d.r); err != nil {
		return nil, fmt.Errorf("load tagger: %w", err)
	}
	return t, nil
}

// errCorrupt is the error of a file whose contents make no sense.
var errCorrupt = errors.New("corrupt tagger file")

func (d *decoder) tagger() (*Tagger, error) {
	if err := d.magic(); err != nil {
		return nil, err
	}
	if v := d.uint(); d.err == nil && v != taggerVersion {
		return nil, fmt.Errorf("tagger file version %d, want %d", v, taggerVersion)
	}
	t := &Tagger{}
	n := d.count()
	if n > 255 {
		d.fail("%d classes", n)
	}
	for i := 0; i < n && d.err == nil; i++ {
		t.classes = append(t.classes, tagPair{XPOS: d.string(), UPOS: d.string()})
	}
	if d.err == nil && len(t.classes) == 0 {
		d.fail("no classes")
	}
	t.xpos = d.strings()
	n = d.count()
	t.amb = make(map[uint64]uint64, n)
	var k uint64
	for i := 0; i < n && d.err == nil; i++ {
		k += d.uint()
		t.amb[k] = d.uint()
	}
	n = d.count()
	t.sure = make(map[uint64]uint8, n)
	k = 0
	for i := 0; i < n && d.err == nil; i++ {
		k += d.uint()
		t.sure[k] = d.class(len(t.classes))
	}
	n = d.count()
	t.index = make(map[uint64]uint32, n)
	t.off = make([]uint32, 1, n+1)
	k = 0
	for i := 0; i < n && d.err == nil; i++ {
		k += d.uint()
		m := d.count()
		if m > len(t.classes) {
			d.fail("row of %d weights", m)
		}
		for j := 0; j < m && d.err == nil; j++ {
			t.cls = append(t.cls, d.class(len(t.classes)))
			t.wts = append(t.wts, float32(d.int())/weightScale)
		}
		t.index[k] = uint32(len(t.off) - 1)
		t.off = append(t.off, uint32(len(t.cls)))
	}
	t.lem = d.lemmatizer()
	if d.err != nil {
		return nil, d.err
	}
	if err := d.magic(); err != nil {
		return nil, err
	}
	return t, nil
}

func (l *lemmatizer) save(e *encoder) {
	tags := make([]string, len(l.tags))
	for tag, x := range l.tags {
		tags[x] = tag
	}
	e.strings(tags)
	for _, lw := range l.lower {
		if lw {
			e.uint(1)
		} else {
			e.uint(0)
		}
	}
	keys := make([]dictKey, 0, len(l.dict))
	for k := range l.dict {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b dictKey) int {
		if c := strings.Compare(a.xpos, b.xpos); c != 0 {
			return c
		}
		return strings.Compare(a.form, b.form)
	})
	e.uint(uint64(len(keys)))
	for _, k := range keys {
		e.uint(uint64(l.tags[k.xpos]))
		e.string(k.form)
		e.string(l.dict[k])
	}
	ruleKeys := sortedKeys(l.rules)
	e.uint(uint64(len(ruleKeys)))
	var last uint64
	for _, k := range ruleKeys {
		r := l.rules[k]
		e.uint(k - last)
		e.uint(uint64(r.strip))
		e.string(r.add)
		last = k
	}
}

func (d *decoder) lemmatizer() *lemmatizer {
	l := &lemmatizer{tags: map[string]uint8{}}
	tags := d.strings()
	if len(tags) > 255 {
		d.fail("%d lemma tags", len(tags))
		return l
	}
	for x, tag := range tags {
		l.tags[tag] = uint8(x)
		l.lower = append(l.lower, d.uint() == 1)
	}
	n := d.count()
	l.dict = make(map[dictKey]string, n)
	for i := 0; i < n && d.err == nil; i++ {
		x := d.class(len(tags))
		form := d.string()
		if d.err == nil {
			l.dict[dictKey{form, tags[x]}] = d.string()
		}
	}
	n = d.count()
	l.rules = make(map[uint64]lemmaRule, n)
	var k uint64
	for i := 0; i < n && d.err == nil; i++ {
		k += d.uint()
		strip := d.count()
		l.rules[k] = lemmaRule{strip: strip, add: d.string()}
	}
	return l
}

// sortedKeys returns a map's keys in increasing order.
func sortedKeys[V any](m map[uint64]V) []uint64 {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// encoder writes varints and strings.
type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) uint(v uint64) { e.w.Write(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *encoder) int(v int64)   { e.w.Write(e.buf[:binary.PutVarint(e.buf[:], v)]) }
func (e *encoder) string(s string) {
	e.uint(uint64(len(s)))
	e.w.WriteString(s)
}
func (e *encoder) strings(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.string(s)
	}
}

// decoder reads what encoder writes, keeping the first error.
type decoder struct {
	r   *bufio.Reader
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", errCorrupt, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) read(err error) {
	if d.err == nil && err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		d.err = err
	}
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	d.read(err)
	return v
}

func (d *decoder) int() int64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(d.r)
	d.read(err)
	return v
}

// count reads a length, bounded by maxCount.
func (d *decoder) count() int {
	v := d.uint()
	if v > maxCount {
		d.fail("count %d", v)
		return 0
	}
	return int(v)
}

// class reads a number below n.
func (d *decoder) class(n int) uint8 {
	v := d.uint()
	if d.err == nil && v >= uint64(n) {
		d.fail("class %d of %d", v, n)
		return 0
	}
	return uint8(v)
}

func (d *decoder) string() string {
	n := d.count()
	if d.err != nil || n == 0 {
		return ""
	}
	if n > 1<<16 {
		d.fail("string of %d bytes", n)
		return ""
	}
	b := make([]byte, n)
	_, err := io.ReadFull(d.r, b)
	d.read(err)
	return string(b)
}

func (d *decoder) strings() []string {
	n := d.count()
	var ss []string
	for i := 0; i < n && d.err == nil; i++ {
		ss = append(ss, d.string())
	}
	return ss
}

func (d *decoder) magic() error {
	if d.err != nil {
		return d.err
	}
	b := make([]byte, len(taggerMagic))
	if _, err := io.ReadFull(d.r, b); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	if string(b) != taggerMagic {
		return fmt.Errorf("%w: not a tagger file", errCorrupt)
	}
	return nil
}
