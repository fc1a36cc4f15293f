// Package data embeds the vocabulary files that drive extraction: actors,
// countries, issues, verb and noun patterns, page-furniture rules and
// abbreviations. Analysts extend them without touching Go; the loader reads
// them from here unless told to read another folder.
package data

import "embed"

// FS holds the vocabulary files.
//
//go:embed *.yaml *.txt
var FS embed.FS
