package loader

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"accord/graph"
)

// Store is where the loader writes: graph.Store satisfies it.
type Store interface {
	// PutBatch stores documents in one transaction.
	PutBatch(ctx context.Context, dgs []graph.DocumentGraph) ([]graph.PutResult, error)
	// DocumentHash returns the stored key of a document, "" when absent.
	DocumentHash(ctx context.Context, id string) (string, error)
}

// Options tune a load.
type Options struct {
	Workers   int            // extraction workers; 0 means one per CPU
	BatchSize int            // documents per write transaction; 0 means 64
	Progress  func(Progress) // called after each document, from one goroutine
	Trace     func(string, *Trace)
}

// Progress reports one finished document.
type Progress struct {
	Path   string
	Result string // added, replaced, unchanged or failed
	Facts  int
	Err    error
	Done   int // documents finished so far
	Total  int
}

// FileError is a document that could not be loaded.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }

// Summary is what a load did.
type Summary struct {
	Added, Replaced, Unchanged, Failed int
	Facts, Entities                    int
	Errors                             []FileError
	Skipped                            []string // a folder's notes (README.md ...), not read; see Files
	Elapsed                            time.Duration
}

// safeExtract extracts one document; a panic in extraction fails that
// document only, with the panic as its error.
func (lx *Lexicon) safeExtract(src *Source, tr *Trace) (dg graph.DocumentGraph, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s: internal error: %v", src.Doc.ID, r)
		}
	}()
	return lx.Extract(src, tr), nil
}

// Files lists the documents under each path: a file is taken as is, a
// folder is walked recursively for the supported extensions. In a folder,
// the folder's own notes (README, LICENSE, CHANGELOG ... in any supported
// extension) are not documents: they are returned as skipped, and load
// when named as files. Paths that do not exist are returned as errors.
func Files(paths []string) (files, skipped []string, errs []FileError) {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, FileError{Path: p, Err: err})
			continue
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, FileError{Path: path, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(path))
			if !supported(ext) {
				return nil
			}
			if folderNotes[strings.ToUpper(strings.TrimSuffix(d.Name(), filepath.Ext(d.Name())))] {
				skipped = append(skipped, path)
				return nil
			}
			files = append(files, path)
			return nil
		})
		if err != nil {
			errs = append(errs, FileError{Path: p, Err: err})
		}
	}
	sort.Strings(files)
	sort.Strings(skipped)
	return files, skipped, errs
}

// folderNotes are the base names (upper-cased, without extension) of the
// files a folder keeps about itself rather than as documents.
var folderNotes = map[string]bool{
	"README": true, "LICENSE": true, "LICENCE": true, "COPYING": true,
	"CHANGELOG": true, "CHANGES": true, "CONTRIBUTING": true, "NOTICE": true,
}

// Key returns the key a document is stored under: its content hash and the
// vocabulary's digest, so that a document is redone when either changes.
func (lx *Lexicon) Key(src *Source) string { return src.Doc.Hash + "-" + lx.digest }

// Load extracts every document under paths and stores them. Extraction runs
// in a pool of workers; one writer stores the results in batches, each
// batch one transaction. A document whose stored key matches is skipped
// without extraction. A document that fails is reported and the others
// still load. The result does not depend on the order documents finish in.
func (lx *Lexicon) Load(ctx context.Context, store Store, paths []string, opt Options) (Summary, error) {
	start := time.Now()
	files, skipped, errs := Files(paths)
	sum := Summary{Errors: errs, Failed: len(errs), Skipped: skipped}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	batchSize := opt.BatchSize
	if batchSize <= 0 {
		batchSize = 64
	}
	type result struct {
		path      string
		dg        graph.DocumentGraph
		unchanged bool
		err       error
	}
	jobs := make(chan string)
	results := make(chan result, workers*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				r := result{path: path}
				src, err := ReadFile(path)
				switch {
				case err != nil:
					r.err = err
				default:
					if stored, err := store.DocumentHash(ctx, src.Doc.ID); err == nil && stored == lx.Key(src) {
						r.unchanged = true
						break
					}
					var tr *Trace
					if opt.Trace != nil {
						tr = &Trace{}
					}
					r.dg, r.err = lx.safeExtract(src, tr)
					if tr != nil {
						opt.Trace(path, tr)
					}
				}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	done := 0
	report := func(p Progress) {
		done++
		p.Done, p.Total = done, len(files)
		if opt.Progress != nil {
			opt.Progress(p)
		}
	}
	fail := func(path string, err error) {
		sum.Failed++
		sum.Errors = append(sum.Errors, FileError{Path: path, Err: err})
		report(Progress{Path: path, Result: "failed", Err: err})
	}
	var batch []result
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		dgs := make([]graph.DocumentGraph, len(batch))
		for i, r := range batch {
			dgs[i] = r.dg
		}
		res, err := store.PutBatch(ctx, dgs)
		if err != nil && len(batch) > 1 && ctx.Err() == nil {
			// One bad document should not sink the batch: store one by one.
			res = make([]graph.PutResult, len(batch))
			for i := range batch {
				r, e := store.PutBatch(ctx, dgs[i:i+1])
				if e != nil {
					fail(batch[i].path, e)
					res[i] = -1
					continue
				}
				res[i] = r[0]
			}
			err = nil
		}
		if err != nil {
			for _, r := range batch {
				fail(r.path, err)
			}
			batch = batch[:0]
			return err
		}
		for i, r := range batch {
			if res[i] < 0 {
				continue
			}
			switch res[i] {
			case graph.Added:
				sum.Added++
			case graph.Replaced:
				sum.Replaced++
			case graph.Unchanged:
				sum.Unchanged++
			}
			if res[i] != graph.Unchanged {
				sum.Facts += len(r.dg.Facts)
				sum.Entities += len(r.dg.Entities)
			}
			report(Progress{Path: r.path, Result: res[i].String(), Facts: len(r.dg.Facts)})
		}
		batch = batch[:0]
		return nil
	}
	var writeErr error
	for r := range results {
		switch {
		case r.err != nil:
			fail(r.path, r.err)
		case r.unchanged:
			sum.Unchanged++
			report(Progress{Path: r.path, Result: graph.Unchanged.String()})
		default:
			batch = append(batch, r)
			if len(batch) >= batchSize {
				if err := flush(); err != nil && writeErr == nil {
					writeErr = err
				}
			}
		}
	}
	if err := flush(); err != nil && writeErr == nil {
		writeErr = err
	}
	sum.Elapsed = time.Since(start)
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, writeErr
}
