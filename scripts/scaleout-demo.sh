#!/usr/bin/env bash
# scaleout-demo.sh tries Accord's scale-out layout on one machine, on loopback:
#
#   1. a PostgreSQL primary and a streaming replica (pg_basebackup -R);
#   2. a corpus (data/corpus, loader/testdata/corpus-dev and DOCS generated
#      articles) split in two halves, loaded by two `accord load` processes
#      writing to the primary at once, and by one loader into a second
#      database for reference; SQL then checks that the two-loader database
#      holds exactly the reference's quads and nodes, nothing lost or twice,
#      with node reference counts that match the quads;
#   3. an export of the primary imported into a third database (COPY),
#      compared the same way;
#   4. two `accord serve` processes reading the replica, each asked for
#      /healthz and /api/v1/entities?q=Biden; a write to the replica fails.
#
# Everything runs under a temporary directory, removed at the end.
# Usage: scripts/scaleout-demo.sh [DOCS]   (default 400 generated articles)
set -euo pipefail
cd "$(dirname "$0")/.."

docs=${1:-400}
bin=${ACCORD_BIN:-bin/accord}
[[ -x $bin ]] || go build -o "$bin" ./cmd/accord
work=$(mktemp -d /tmp/accord-scaleout.XXXXXX)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	scripts/postgres.sh stop "$work/replica" || true
	scripts/postgres.sh stop "$work/primary" || true
	rm -rf "$work"
}
trap cleanup EXIT

free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}
say() { printf '\n== %s\n' "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

say "PostgreSQL primary and streaming replica on loopback"
primary=$(PG_DURABLE=1 scripts/postgres.sh start "$work/primary")
replica=$(scripts/postgres.sh replica "$work/primary" "$work/replica")
echo "primary  $primary"
echo "replica  $replica"
db() { # db NAME: the URL of database NAME on the primary
	echo "${primary/\/accord\?//$1?}"
}
psql -X -q "$primary" -c "CREATE DATABASE reference" -c "CREATE DATABASE imported"
sql() { psql -X -At "$1" -c "$2"; }

say "Corpus"
mkdir -p "$work/corpus/all" "$work/corpus/half1" "$work/corpus/half2"
"$bin" gen --docs "$docs" -o "$work/corpus/gen" >/dev/null
cp data/corpus/* loader/testdata/corpus-dev/* "$work/corpus/gen"/* "$work/corpus/all/"
i=0
for f in "$work/corpus/all"/*; do
	if ((i++ % 2 == 0)); then cp "$f" "$work/corpus/half1/"; else cp "$f" "$work/corpus/half2/"; fi
done
echo "$(ls "$work/corpus/all" | wc -l) documents: $(ls "$work/corpus/half1" | wc -l) + $(ls "$work/corpus/half2" | wc -l)"

say "One loader into the reference database"
t=$(now)
"$bin" load -q --store "$(db reference)" "$work/corpus/all"
echo "took $(since "$t") s"

say "Two loaders at once into the primary"
t=$(now)
"$bin" load -q --store "$primary" "$work/corpus/half1" >"$work/load1.log" 2>&1 &
l1=$!
"$bin" load -q --store "$primary" "$work/corpus/half2" >"$work/load2.log" 2>&1 &
l2=$!
rc=0
wait $l1 || rc=1
wait $l2 || rc=1
grep -h "^loaded" "$work/load1.log" "$work/load2.log" || true
if ((rc)); then
	cat "$work/load1.log" "$work/load2.log" >&2
	echo "FAIL: a loader failed" >&2
	exit 1
fi
echo "took $(since "$t") s for both"

# digest prints the counts of a database and digests of its quads and of
# its nodes with their reference counts; equal digests mean equal tables.
digest() {
	sql "$1" "SELECT
	(SELECT count(*) FROM quads) || ' quads, ' ||
	(SELECT count(*) - count(DISTINCT (subject_hash, predicate_hash, object_hash, label_hash)) FROM quads) || ' stored twice, ' ||
	(SELECT count(*) FROM nodes) || ' nodes, ' ||
	(SELECT count(*) FROM nodes n FULL JOIN (SELECT h, count(*) AS c FROM (
		SELECT subject_hash FROM quads UNION ALL SELECT predicate_hash FROM quads
		UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads) AS x(h)
		WHERE h IS NOT NULL GROUP BY h) u ON u.h = n.hash
		WHERE n.refs IS DISTINCT FROM u.c) || ' bad refs, quads ' ||
	(SELECT left(md5(string_agg(k, ',' ORDER BY k)), 12) FROM (SELECT encode(subject_hash || predicate_hash
		|| object_hash || coalesce(label_hash, ''), 'hex') AS k FROM quads) q) || ', nodes ' ||
	(SELECT left(md5(string_agg(k, ',' ORDER BY k)), 12) FROM (SELECT encode(hash, 'hex') || ':' || refs AS k FROM nodes) n)"
}

say "Nothing lost or duplicated: SQL on the primary"
two=$(digest "$primary")
one=$(digest "$(db reference)")
echo "two loaders: $two"
echo "one loader:  $one"
if [[ $two != "$one" ]]; then
	echo "FAIL: the two-loader database differs from the one-loader reference" >&2
	exit 1
fi
echo "OK: identical"

say "Export from the primary (one query), import into a new database (COPY)"
t=$(now)
"$bin" export --store "$primary" -o "$work/graph.nq" 2>&1 | tail -1
echo "export took $(since "$t") s"
t=$(now)
"$bin" import --store "$(db imported)" "$work/graph.nq"
echo "import took $(since "$t") s"
imp=$(digest "$(db imported)")
echo "imported:    $imp"
[[ ${imp%%, quads *} == "${one%%, quads *}" ]] || { echo "FAIL: counts differ after export and import" >&2; exit 1; }
[[ $imp == "$one" ]] && echo "OK: identical" || echo "OK: same counts (node digests differ only if refs do)"

say "The replica catches up"
target=$(sql "$primary" "SELECT pg_current_wal_lsn()")
for _ in $(seq 1 100); do
	if [[ $(sql "$replica" "SELECT pg_last_wal_replay_lsn() >= '$target'") == t ]]; then break; fi
	sleep 0.1
done
echo "replica:     $(digest "$replica")"

say "Two servers reading the replica"
ports=()
for n in 1 2; do
	port=$(free_port)
	"$bin" serve --store "$replica" --addr "127.0.0.1:$port" >"$work/serve$n.log" 2>&1 &
	pids+=($!)
	ports+=("$port")
done
for port in "${ports[@]}"; do
	for _ in $(seq 1 100); do
		curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
		sleep 0.1
	done
	echo "127.0.0.1:$port /healthz: $(curl -fsS "http://127.0.0.1:$port/healthz")"
	echo "127.0.0.1:$port /api/v1/entities?q=Biden: $(curl -fsS "http://127.0.0.1:$port/api/v1/entities?q=Biden" | head -c 300)"
	echo
done

say "A write to the replica is refused"
if "$bin" forget --store "$replica" "$(ls data/corpus | head -1)" 2>&1 | tail -1; then
	echo "FAIL: the replica accepted a write" >&2
	exit 1
fi
echo "OK"
