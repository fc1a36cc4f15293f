#!/usr/bin/env bash
# Loads the same synthetic N-Quads file with Cayley v0.7.7's own `cayley load`
# into bolt and with `accord import` into Accord's embedded stores, in one run,
# and prints quads/s for each. Cayley is built in a temporary folder outside
# the repository and removed afterwards; nothing of it is committed.
#
#   scripts/bench-cayley-load.sh [QUADS]     (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
quads=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building accord and cayley v0.7.7 (in $work)"
go build -o "$work/accord" ./cmd/accord
# `go install ...@v0.7.7` asks the proxy for the version list, which it
# refuses; a throwaway module that requires v0.7.7 builds it.
mkdir -p "$work/cayley-src"
(
  cd "$work/cayley-src"
  printf 'module cayleybench\n\ngo 1.26\n' > go.mod
  printf '//go:build tools\n\npackage cayleybench\n\nimport _ "github.com/cayleygraph/cayley/cmd/cayley"\n' > tools.go
  go get github.com/cayleygraph/cayley@v0.7.7 github.com/cayleygraph/quad@v1.2.5 >/dev/null 2>&1 &&
    go mod tidy >/dev/null 2>&1 &&
    GOFLAGS=-buildvcs=false go build -o "$work/bin/cayley" github.com/cayleygraph/cayley/cmd/cayley
) || echo "cayley v0.7.7 did not build here; only accord is measured"

"$work/accord" gen --nquads "$quads" -o "$work/graph.nq"
n=$(grep -c . "$work/graph.nq")
echo "file: $n quads, $(du -h "$work/graph.nq" | cut -f1)"

rate() { awk -v n="$n" -v s="$1" 'BEGIN { printf "%.0f quads/s (%.1f s)", n/s, s }'; }
timeit() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" "BEGIN { print b - a }"; }

if [ -x "$work/bin/cayley" ]; then
  "$work/bin/cayley" init -d bolt -a "$work/cayley-bolt" >/dev/null 2>&1
  s=$(timeit "$work/bin/cayley" load -d bolt -a "$work/cayley-bolt" -i "$work/graph.nq")
  echo "cayley load, bolt:        $(rate "$s")"
fi
s=$(timeit "$work/accord" import --store "bolt:$work/accord-bolt" "$work/graph.nq")
echo "accord import, bolt:      $(rate "$s")"
s=$(timeit "$work/accord" import --store "leveldb:$work/accord-leveldb" "$work/graph.nq")
echo "accord import, leveldb:   $(rate "$s")"
du -sh "$work"/*-bolt "$work"/*-leveldb 2>/dev/null
