// Package loader turns documents into facts: it reads a file (plain text,
// Markdown with front matter, HTML), drops page furniture, splits
// paragraphs and sentences, tags words, finds and resolves the actors,
// agreements and issues mentioned, and reads their relations from verb and
// noun patterns, each fact tied to its sentence with a modality.
//
// Everything it knows about the world comes from the vocabulary files of
// package data, loaded into a Lexicon; the Go code holds only the
// mechanics. The loader never imports Cayley or gin: it produces
// graph.DocumentGraph values that a Store writes.
package loader
