//go:build !race

package server

// raceEnabled reports a test binary built with the race detector.
const raceEnabled = false
