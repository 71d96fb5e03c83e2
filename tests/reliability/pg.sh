# pg.sh: a database of its own on the test cluster, for the scripts that run
# under scripts/pg-test-cluster.sh (LEARNWEEK_PG_CLUSTER set), sourced after
# they set tmp.
# pg_new_database PREFIX  creates PREFIX_PID, sets LW_DB to its address
# pg_sql SQL              runs SQL there: rows unaligned, fields by |
# pg_drop                 drops it (at exit)
# serve_on NAME [ARG...]  serve $data with $bin and ARGs on a free loopback
#                         port: sets base_NAME and pid_NAME, adds the pid to pids

pg_admin() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$LEARNWEEK_PG_CLUSTER" -c "$1" >/dev/null
}

# pg_address NAME: the cluster's address with the path naming database NAME
pg_address() {
	query=${LEARNWEEK_PG_CLUSTER#*\?}
	head=${LEARNWEEK_PG_CLUSTER%%\?*}
	echo "${head%/*}/$1?$query"
}

pg_new_database() {
	LW_DB_NAME=$1_$$
	pg_admin "CREATE DATABASE $LW_DB_NAME" || return
	LW_DB=$(pg_address "$LW_DB_NAME")
}

pg_sql() {
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$LW_DB" -c "$1"
}

pg_drop() {
	[ -n "${LW_DB_NAME:-}" ] && pg_admin "DROP DATABASE IF EXISTS $LW_DB_NAME WITH (FORCE)" || true
}

# pg_digests ADDRESS: every table of the database, one line each: its name, its
# row count and the MD5 of its rows (as text, sorted): equal for equal contents
pg_digests() {
	for t in $(psql -X -q -At -d "$1" -c "SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"); do
		psql -X -q -At -d "$1" -c "SELECT '$t', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), ''))
			FROM $t x"
	done
}

serve_on() {
	name=$1
	shift
	rm -f "$tmp/port.$name"
	"$bin" serve --data "$data" --listen 127.0.0.1:0 --port-file "$tmp/port.$name" "$@" >"$tmp/server.$name.log" 2>&1 &
	eval "pid_$name=$!"
	pids="${pids:-} $!"
	i=0
	until [ -s "$tmp/port.$name" ]; do
		i=$((i + 1))
		if [ $i -gt 200 ]; then cat "$tmp/server.$name.log" >&2; echo "server $name did not start" >&2; exit 1; fi
		sleep 0.05
	done
	eval "base_$name=http://127.0.0.1:$(cat "$tmp/port.$name")"
}
