// Package graph holds Accord's domain (entities, documents, facts and the
// evidence behind them) and the Cayley quad store that keeps them.
//
// It is the only package that imports Cayley. Everything else speaks in the
// types declared here: the loader produces a DocumentGraph per document, the
// store writes it as one named graph plus evidence statements, and queries and
// the server read Entities and Facts back.
//
// # Graph model
//
// The store follows the N-Quads model of the project's contract:
//
//   - an entity is an IRI under EntityBase with exactly one schema:name, one
//     schema:alternateName per other surface form, and an rdf:type whose class
//     is one of the Kind values; these descriptions live in the EntitiesGraph;
//   - a document is an IRI under DocumentBase, typed Document, with
//     schema:identifier (its file name), title, date, url and content hash in
//     the DocumentsGraph;
//   - a fact is the quad (subject, predicate, object, document): each document
//     is its own named graph;
//   - every fact is described in ProvenanceGraph by an rdf:Statement carrying
//     the sentence, its character offsets, a confidence, a modality and the
//     fact's qualifiers (amounts, dates, durations);
//   - an analyst's correction (merge, split, rename, retype, reject, confirm,
//     add, undo) is a record in CorrectionsGraph with what it changed in each
//     document; the store applies the corrections in force to every document
//     it writes (correct.go, correctapply.go).
//
// # Concurrency
//
// Cayley's bolt store deadlocks when a read runs while a write grows the file,
// and its memstore is not safe for concurrent use. Store therefore serialises
// access itself: writes take an exclusive lock per batch, reads a shared one,
// so readers keep answering between the batches of a long load.
package graph
