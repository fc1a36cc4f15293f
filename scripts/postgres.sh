#!/usr/bin/env bash
# postgres.sh runs a throwaway PostgreSQL server on loopback for tests,
# benchmarks and demos.
#
#   scripts/postgres.sh start DIR   initialise a cluster in DIR (emptied first),
#                                   start it on 127.0.0.1 on a free port, create
#                                   the role and database "accord", and print
#                                   its URL on stdout
#   scripts/postgres.sh stop DIR    stop the server in DIR and remove DIR
#   scripts/postgres.sh replica PRIMARY DIR
#                                   start a streaming replica of the server in
#                                   PRIMARY (pg_basebackup -R) in DIR, on a free
#                                   port, and print its URL
#   scripts/postgres.sh url DIR     print the URL of the server in DIR
#   scripts/postgres.sh bindir      print the directory of initdb and pg_ctl,
#                                   installing Debian's postgresql when missing
#
# When PostgreSQL is missing it is installed from Debian's packages (as root,
# with apt-get). The cluster trusts loopback connections and, unless
# PG_DURABLE=1, runs with fsync off: it holds nothing worth keeping. Progress
# goes to stderr, so that `url=$(scripts/postgres.sh start DIR)` works.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# bindir prints the newest installed PostgreSQL's bin directory, or nothing.
find_bindir() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
	if [[ -n $d && -x $d/initdb ]]; then
		echo "$d"
	elif command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
		pg_config --bindir
	elif command -v initdb >/dev/null; then
		dirname "$(command -v initdb)"
	fi
}

bindir() {
	local d
	d=$(find_bindir)
	if [[ -z $d ]]; then
		[[ $(id -u) == 0 ]] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
		command -v apt-get >/dev/null || die "PostgreSQL is not installed and there is no apt-get to install it"
		log "installing PostgreSQL from Debian's packages"
		apt-get update -qq >&2 || die "apt-get update failed"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || die "apt-get install postgresql failed"
		d=$(find_bindir)
		[[ -n $d ]] || die "postgresql installed, but initdb is still not found"
	fi
	echo "$d"
}

# as_owner runs a command as the cluster's owner: the postgres user when we
# are root (initdb refuses root), ourselves otherwise.
as_owner() {
	if [[ $(id -u) == 0 ]]; then
		# From /: the postgres user may not enter the current folder.
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# free_port prints a loopback port nothing listens on.
free_port() {
	local p i
	for i in $(seq 1 50); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	die "no free port found"
}

url_of() {
	local dir=$1
	[[ -f $dir/port ]] || die "no server in $dir"
	echo "postgres://accord@127.0.0.1:$(cat "$dir/port")/accord?sslmode=disable"
}

start() {
	local dir=${1:?usage: postgres.sh start DIR}
	local bin port try
	bin=$(bindir)
	if [[ $(id -u) == 0 ]] && ! getent passwd postgres >/dev/null; then
		die "running as root but there is no postgres user to own the cluster"
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [[ $(id -u) == 0 ]]; then
		chown postgres: "$dir"
		# The postgres user must be able to reach DIR through its parents.
		local p=$dir
		while [[ $p != / ]]; do
			p=$(dirname "$p")
			chmod o+x "$p" 2>/dev/null || true
		done
	fi
	as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
	local fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	[[ ${PG_DURABLE:-0} == 1 ]] && fast=""
	for try in 1 2 3 4 5; do
		port=$(free_port)
		# shellcheck disable=SC2086
		if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=200 -c shared_buffers=256MB -c max_wal_size=2GB $fast ${PG_OPTIONS:-}" \
			start >/dev/null 2>&1; then
			echo "$port" >"$dir/port"
			break
		fi
		log "start on port $port failed (try $try):"
		tail -3 "$dir/server.log" >&2 || true
		port=""
	done
	[[ -n $port ]] || die "could not start PostgreSQL; see $dir/server.log"
	as_owner "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
		-c "CREATE ROLE accord LOGIN CREATEDB REPLICATION" \
		-c "CREATE DATABASE accord OWNER accord" >&2 || die "could not create the accord role and database"
	log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir/data"
	url_of "$dir"
}

replica() {
	local primary=${1:?usage: postgres.sh replica PRIMARY DIR} dir=${2:?usage: postgres.sh replica PRIMARY DIR}
	local bin port pport try
	bin=$(bindir)
	pport=$(cat "$primary/port") || die "no server in $primary"
	rm -rf "$dir"
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[[ $(id -u) == 0 ]] && chown postgres: "$dir"
	as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$pport" -U accord -D "$dir/data" -R -X stream -c fast >"$dir/basebackup.log" 2>&1 ||
		{ cat "$dir/basebackup.log" >&2; die "pg_basebackup failed"; }
	for try in 1 2 3 4 5; do
		port=$(free_port)
		if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c hot_standby=on -c max_connections=200" \
			start >/dev/null 2>&1; then
			echo "$port" >"$dir/port"
			break
		fi
		log "replica start on port $port failed (try $try):"
		tail -3 "$dir/server.log" >&2 || true
		port=""
	done
	[[ -n $port ]] || die "could not start the replica; see $dir/server.log"
	log "replica of 127.0.0.1:$pport on 127.0.0.1:$port, data in $dir/data"
	url_of "$dir"
}

stop() {
	local dir=${1:?usage: postgres.sh stop DIR}
	local bin
	[[ -d $dir ]] || return 0
	if [[ -f $dir/data/postmaster.pid ]]; then
		bin=$(find_bindir)
		as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 ||
			log "pg_ctl stop failed in $dir"
	fi
	rm -rf "$dir"
}

case ${1:-} in
start) start "${2:-}" ;;
stop) stop "${2:-}" ;;
replica) replica "${2:-}" "${3:-}" ;;
url) url_of "${2:?usage: postgres.sh url DIR}" ;;
bindir) bindir ;;
*) die "usage: postgres.sh start|stop|url DIR, postgres.sh replica PRIMARY DIR, or postgres.sh bindir" ;;
esac
