//go:build race

package server

// raceEnabled reports a test binary built with the race detector, which
// slows the page's server several times over: the timed browser test
// skips under it (make test runs it in a step of its own).
const raceEnabled = true
