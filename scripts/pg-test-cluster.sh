#!/bin/sh
# pg-test-cluster.sh: a private PostgreSQL server for the tests, from Debian's
# postgresql package: a new cluster (initdb) in a temp folder, listening on a
# unix socket in that folder only (no TCP), without fsync (it is thrown away).
#   sh scripts/pg-test-cluster.sh run CMD [ARG...]
#       starts the server, runs CMD with LEARNWEEK_PG_CLUSTER set to its
#       address (postgresql://learnweek@/postgres?host=FOLDER), then stops the
#       server and removes the folder, whatever CMD did; exits with CMD's status.
#   sh scripts/pg-test-cluster.sh start     prints the address, leaves it running
#   sh scripts/pg-test-cluster.sh stop ADDRESS   stops it and removes its folder
# PostgreSQL refuses to run as root: run as root (CI), the server runs as the
# unprivileged system user LW_PG_USER (default nobody), which owns the folder.
# The test programs (as root) reach the socket all the same.
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
	echo "pg-test-cluster: $PGBIN/initdb not found: install the Debian package postgresql (sh scripts/install-deps.sh --test)" >&2
	exit 1
fi
if ! command -v psql >/dev/null 2>&1; then
	echo "pg-test-cluster: psql not found: install the Debian package postgresql-client (sh scripts/install-deps.sh --test)" >&2
	exit 1
fi

# as_owner CMD...: runs CMD as the cluster's owner
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "${LW_PG_USER:-nobody}" -- "$@"
	else
		"$@"
	fi
}

start() {
	dir=$(mktemp -d "${TMPDIR:-/tmp}/lwpg.XXXXXX")
	if [ "$(id -u)" -eq 0 ]; then
		user=${LW_PG_USER:-nobody}
		if ! id "$user" >/dev/null 2>&1; then
			echo "pg-test-cluster: no user $user to run PostgreSQL as (set LW_PG_USER to an unprivileged user)" >&2
			rm -rf "$dir"
			exit 1
		fi
		chown "$user" "$dir"
	fi
	chmod 700 "$dir"
	if ! as_owner "$PGBIN/initdb" -D "$dir/data" -U learnweek -A trust -E UTF8 --locale=C --no-sync \
		>"$dir/initdb.log" 2>&1; then
		echo "pg-test-cluster: initdb failed:" >&2
		cat "$dir/initdb.log" >&2
		rm -rf "$dir"
		exit 1
	fi
	# the socket in the folder only; fsync off: the cluster is thrown away
	if ! as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses= -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
		start >/dev/null; then
		echo "pg-test-cluster: the server did not start:" >&2
		cat "$dir/server.log" >&2
		rm -rf "$dir"
		exit 1
	fi
	echo "postgresql://learnweek@/postgres?host=$dir"
}

stop() {
	dir=${1#*host=}
	dir=${dir%%&*}
	case "$dir" in
	*/lwpg.*) ;;
	*) echo "pg-test-cluster: $1 is not an address this script printed" >&2; exit 2 ;;
	esac
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop)
	[ $# -eq 2 ] || { echo "usage: $0 stop ADDRESS" >&2; exit 2; }
	stop "$2"
	;;
run)
	shift
	[ $# -ge 1 ] || { echo "usage: $0 run CMD [ARG...]" >&2; exit 2; }
	address=$(start)
	trap 'stop "$address"' EXIT INT TERM
	rc=0
	LEARNWEEK_PG_CLUSTER=$address "$@" || rc=$?
	exit $rc
	;;
*)
	echo "usage: $0 run CMD [ARG...] | start | stop ADDRESS" >&2
	exit 2
	;;
esac
