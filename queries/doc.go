// Package queries holds the named questions analysts ask of the graph (who
// met whom, what was pledged, how two actors are connected) and the scoring
// of the graph against gold facts. It reads through graph.Store only.
package queries
