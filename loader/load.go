package loader

import (
	"context"
	"errors"
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
	Put(ctx context.Context, dg graph.DocumentGraph) (graph.PutResult, error)
}

// Options tune a load.
type Options struct {
	Workers  int            // extraction workers; 0 means one per CPU
	Progress func(Progress) // called after each document, from one goroutine
	Trace    func(string, *Trace)
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
// folder is walked recursively for the supported extensions. Paths that do
// not exist are returned as errors.
func Files(paths []string) ([]string, []FileError) {
	var files []string
	var errs []FileError
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
			if supported(strings.ToLower(filepath.Ext(path))) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, FileError{Path: p, Err: err})
		}
	}
	sort.Strings(files)
	return files, errs
}

// Load extracts every document under paths and stores each in its own
// transaction. Extraction runs in a pool of workers; one writer stores the
// results. A document that fails is reported and the others still load.
func (lx *Lexicon) Load(ctx context.Context, store Store, paths []string, opt Options) (Summary, error) {
	start := time.Now()
	files, errs := Files(paths)
	sum := Summary{Errors: errs, Failed: len(errs)}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	type result struct {
		path string
		dg   graph.DocumentGraph
		err  error
	}
	jobs := make(chan string)
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				src, err := ReadFile(path)
				var r result
				r.path = path
				if err != nil {
					r.err = err
				} else {
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
	for r := range results {
		done++
		p := Progress{Path: r.path, Done: done, Total: len(files)}
		if r.err == nil {
			var res graph.PutResult
			res, r.err = store.Put(ctx, r.dg)
			if r.err == nil {
				p.Result = res.String()
				switch res {
				case graph.Added:
					sum.Added++
				case graph.Replaced:
					sum.Replaced++
				case graph.Unchanged:
					sum.Unchanged++
				}
				if res != graph.Unchanged {
					sum.Facts += len(r.dg.Facts)
					sum.Entities += len(r.dg.Entities)
				}
				p.Facts = len(r.dg.Facts)
			}
		}
		if r.err != nil {
			if errors.Is(r.err, context.Canceled) {
				break
			}
			sum.Failed++
			sum.Errors = append(sum.Errors, FileError{Path: r.path, Err: r.err})
			p.Result, p.Err = "failed", r.err
		}
		if opt.Progress != nil {
			opt.Progress(p)
		}
	}
	sum.Elapsed = time.Since(start)
	return sum, ctx.Err()
}
