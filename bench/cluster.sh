#!/bin/sh
# cluster.sh [-d SECONDS] [-n ACTIVITIES] [-t SECONDS]: two learnweek servers
# on one PostgreSQL behind nginx, and one of them killed (issue 18).
#   PostgreSQL   a private server (scripts/pg-test-cluster.sh; Debian's
#                postgresql), the demo plus ACTIVITIES generated activities
#                (default 100000, bench/gen.sh on SQLite, then
#                learnweek migrate-to-postgres);
#   learnweek    servers a and b on that database and one shared data folder;
#   nginx        in front (Debian's nginx): an upstream of both with retry of
#                a failed or refused request on the other server
#                (proxy_next_upstream error timeout http_502 http_503), no
#                proxy cache, so every page is learnweek's.
# First the throughput, saturated (no pauses), of residents' pages (the
# calendar with filters and activity pages) through nginx for -t SECONDS
# (default 20) with one server in the upstream, then with both. Then
# bench/load.sh's mix, paced as people use it (residents, 13 clerks saving
# and uploading photos, the centre's pages) through nginx for -d SECONDS
# (default 60), and server a killed with SIGKILL half-way. Prints per page
# type as load.sh does; resident-visible errors (any answer of the public
# pages that is not 200, or a socket error: must be 0); acknowledged writes
# lost (photo uploads and activity saves answered 303 whose row is not in the
# database after: must be 0); the throughput of two servers beside one.
# Exits 1 when either must-be-0 is not. Needs root or a user that can run
# nginx on loopback ports (no privileged port is used).
set -eu
secs=60
n=100000
tsecs=20
while getopts d:n:t: opt; do
	case $opt in
	d) secs=$OPTARG ;;
	n) n=$OPTARG ;;
	t) tsecs=$OPTARG ;;
	*) echo "usage: bench/cluster.sh [-d SECONDS] [-n ACTIVITIES] [-t SECONDS]" >&2; exit 2 ;;
	esac
done
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${LEARNWEEK_BIN:-$root/learnweek}
[ -x "$bin" ] || { echo "cluster.sh: $bin is missing (make learnweek)" >&2; exit 1; }
for t in wrk curl sqlite3 psql nginx; do
	command -v $t >/dev/null || { echo "cluster.sh: $t is needed (sh scripts/install-deps.sh --bench; psql: postgresql-client)" >&2; exit 1; }
done
if [ -z "${LEARNWEEK_PG_CLUSTER:-}" ]; then # a private PostgreSQL for the run, removed after
	exec sh "$root/scripts/pg-test-cluster.sh" run sh "$0" "$@"
fi
cd "$root"
. tests/reliability/lib.sh
. tests/reliability/pg.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lw-cluster.XXXXXX")
chmod 755 "$tmp"
data=$tmp/data
pids=""
nginx_pid=""
nginx_stop() {
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	nginx_pid=""
}
cleanup() {
	nginx_stop || true
	for p in $pids; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	pg_drop
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

pg_new_database lwbench
"$bin" demo --data "$data" >/dev/null
[ "$n" -gt 0 ] && sh "$here/gen.sh" "$data" "$n" >/dev/null
# what the wrk script picks from, read while the folder is still SQLite's
sqlite3 "$data/learnweek.db" "SELECT id FROM activities WHERE status <> 'draft'" >"$tmp/acts"
units=$(sqlite3 "$data/learnweek.db" "SELECT group_concat(id) FROM units WHERE parent_id IS NOT NULL")
days=$(week_days)
t0=$(date +%s)
"$bin" migrate-to-postgres --data "$data" --database "$LW_DB" >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; exit 1; }
echo "migrate-to-postgres: $(grep '核对' "$tmp/migrate.log") ($(($(date +%s) - t0)) s)"
mv "$data/learnweek.db" "$tmp/sqlite.db" # from here on the folder holds the files only
sql() { pg_sql "$1"; }                    # lib.sh's queries on PostgreSQL
tiny_png "$tmp/p.png"

# nginx's port, chosen first: the servers' public address (a sign-in form must come from it)
port=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 30000) }')
serve_on a --database "$LW_DB" --trusted-proxy 127.0.0.1 --public-url "http://127.0.0.1:$port"
serve_on b --database "$LW_DB" --trusted-proxy 127.0.0.1 --public-url "http://127.0.0.1:$port"
# shellcheck disable=SC2154
port_a=${base_a##*:} port_b=${base_b##*:}

# nginx_start PORT...: nginx on $port in front of those servers; sets base
nginx_start() {
	for try in 1 2 3 4 5; do # the port may still be held a moment after the last nginx
		mkdir -p "$tmp/nginx"
		{
			echo "worker_processes 1; daemon off; pid $tmp/nginx/nginx.pid; error_log $tmp/nginx/error.log warn;"
			echo "events { worker_connections 1024; }"
			echo "http { access_log off; client_body_temp_path $tmp/nginx/body; proxy_temp_path $tmp/nginx/proxy;"
			echo "  fastcgi_temp_path $tmp/nginx/fastcgi; uwsgi_temp_path $tmp/nginx/uwsgi; scgi_temp_path $tmp/nginx/scgi;"
			echo "  client_max_body_size 64m;"
			printf '  upstream learnweek {'
			for p in "$@"; do printf ' server 127.0.0.1:%s max_fails=1 fail_timeout=5s;' "$p"; done
			echo ' keepalive 32; }'
			echo "  server { listen 127.0.0.1:$port;"
			echo "    location / { proxy_pass http://learnweek; proxy_http_version 1.1; proxy_set_header Connection \"\";"
			echo "      proxy_set_header Host \$http_host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
			echo "      proxy_next_upstream error timeout http_502 http_503; proxy_next_upstream_tries 2;"
			echo "      proxy_connect_timeout 2s; proxy_read_timeout 60s; proxy_request_buffering on; } } }"
		} >"$tmp/nginx/nginx.conf"
		nginx -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" 2>>"$tmp/nginx/start.log" &
		nginx_pid=$!
		i=0
		while kill -0 "$nginx_pid" 2>/dev/null && ! curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
			i=$((i + 1))
			[ $i -lt 50 ] || break
			sleep 0.1
		done
		if curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; then
			base="http://127.0.0.1:$port"
			return 0
		fi
		nginx_stop || true
		sleep 1
	done
	cat "$tmp/nginx/error.log" "$tmp/nginx/start.log" >&2
	exit 1
}

export LW_DAYS="$days" LW_UNITS="$units" LW_ACTS="$tmp/acts" LW_PNG="$tmp/p.png" LW_RANDOM_PNG=1
# throughput KIND...: saturated residents' pages through nginx for tsecs; total req/s
throughput() {
	wp=""
	for k in home activity; do
		LW_THINK_MS=0 LW_KIND=$k wrk -t1 -c8 -d"${tsecs}s" --timeout 30s -s "$here/load.lua" "$base" >"$tmp/tp.$k" 2>&1 &
		wp="$wp $!"
	done
	# shellcheck disable=SC2086
	wait $wp
	cat "$tmp/tp.home" "$tmp/tp.activity" | awk '$1 == "home" || $1 == "activity" { r += $4; e += $8 } END { printf "%.1f %d", r, e }'
}
nginx_start "$port_a"
curl -s -o /dev/null "$base/" # the first pages of each kind once
one=$(throughput)
nginx_stop
nginx_start "$port_a" "$port_b"
two=$(throughput)

# the mix, through nginx in front of both, a killed half-way
unit_sessions "$tmp/accounts"
centre=$(session centre_admin | cut -d' ' -f1)
edited=$(awk '{ printf "%s%s", (NR > 1 ? "," : ""), $4 }' "$tmp/accounts")
photos0=$(sql "SELECT count(*) FROM activity_photos")
rev0=$(sql "SELECT sum(revision) FROM activities WHERE id IN ($edited)")
echo "learnweek cluster: $(wc -l <"$tmp/acts") published activities, PostgreSQL $(psql -X -At -d "$LW_DB" -c 'SHOW server_version'),"\
	"nginx $(nginx -v 2>&1 | sed 's/.*\///'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $secs s, server a killed at $((secs / 2)) s"
export LW_ACCOUNTS="$tmp/accounts" LW_CENTRE="$centre" LW_PATHS="/admin/units,/admin/audit,/admin/board,/admin/stats"
. "$here/lib.sh"
wrk_pids=""
lw_mix "$secs"
sleep $((secs / 2))
kill -9 "$pid_a"
echo "killed server a (SIGKILL) at $((secs / 2)) s"
# shellcheck disable=SC2086
wait $wrk_pids

printf '%-9s %9s %7s %9s %9s %9s %9s %6s %s\n' page requests seconds req/s p50_ms p99_ms max_ms errors acknowledged
for k in home activity ics edit upload centre; do
	grep "^$k " "$tmp/wrk.$k" || echo "$k: no result: $(cat "$tmp/wrk.$k.err")"
	[ -s "$tmp/wrk.$k.err" ] && sed "s/^/  /" "$tmp/wrk.$k.err" | head -n 3
done
resident=$(cat "$tmp/wrk.home" "$tmp/wrk.activity" "$tmp/wrk.ics" | awk '$1 ~ /^(home|activity|ics)$/ { e += $8 } END { print e + 0 }')
acked_up=$(awk '$1 == "upload" { print $9 }' "$tmp/wrk.upload")
acked_ed=$(awk '$1 == "edit" { print $9 }' "$tmp/wrk.edit")
photos=$(($(sql "SELECT count(*) FROM activity_photos") - photos0))
revs=$(($(sql "SELECT sum(revision) FROM activities WHERE id IN ($edited)") - rev0))
lost=$(( (acked_up > photos ? acked_up - photos : 0) + (acked_ed > revs ? acked_ed - revs : 0) ))
echo "writes: $acked_up photo uploads acknowledged, $photos photos in the database;" \
	"$acked_ed activity saves acknowledged, $revs revisions in the database"
echo "resident-visible errors: $resident (must be 0)"
echo "acknowledged writes lost: $lost (must be 0)"
echo "throughput, residents' pages saturated through nginx for $tsecs s: one server $(echo "$one" | cut -d' ' -f1) req/s," \
	"two servers $(echo "$two" | cut -d' ' -f1) req/s (errors $(echo "$one" | cut -d' ' -f2), $(echo "$two" | cut -d' ' -f2))"
grep -h "export job" "$tmp"/server.*.log | head -n 3 || true
[ "$resident" -eq 0 ] && [ "$lost" -eq 0 ]
