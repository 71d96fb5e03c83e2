#!/bin/sh
# load.sh [-d SECONDS] [-n ACTIVITIES] [-o DIR]: the whole city at once, on
# loopback, against the release binary (./learnweek) serving a demo data
# folder scaled to ACTIVITIES activities (default 100000, bench/gen.sh):
#   residents  three wrk processes, 16 connections each: the calendar with
#              random filters (GET /?unit=&content=&audience=&mode=&date=&q=&page=),
#              activity pages (GET /a/:id), and the feed with a filter
#              (GET /calendar.ics?unit=&content=&date=);
#   units      the 13 unit admins signed in, one wrk thread and connection
#              each, saving their activity form (POST /activities/:id) and,
#              in a second wrk, uploading photos (POST /activities/:id/photos);
#   centre     a centre admin going through its pages: /admin/units,
#              /admin/audit, and /admin/board, /admin/stats and the centre's
#              XLSX exports when this build has them (from `learnweek routes`).
# All for SECONDS (default 300; -d 30 for a quick look). Prints per page type:
# requests, req/s, p50 and p99 latency, errors (wrong status or socket
# errors: must be 0); the server's RSS at the start, every 30 s and at the
# end; and `learnweek check` on the folder afterwards. Exits 1 on any error.
# -o DIR keeps the data folder and the raw wrk output there.
set -eu
secs=300
n=100000
keep=""
while getopts d:n:o: opt; do
	case $opt in
	d) secs=$OPTARG ;;
	n) n=$OPTARG ;;
	o) keep=$OPTARG ;;
	*) echo "usage: bench/load.sh [-d SECONDS] [-n ACTIVITIES] [-o DIR]" >&2; exit 2 ;;
	esac
done
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${LEARNWEEK_BIN:-$root/learnweek}
. "$root/tests/reliability/lib.sh"
[ -x "$bin" ] || { echo "load.sh: $bin is missing (make learnweek)" >&2; exit 1; }
for t in wrk curl sqlite3; do command -v $t >/dev/null || { echo "load.sh: $t is needed (make deps-test)" >&2; exit 1; }; done

if [ -n "$keep" ]; then
	mkdir -p "$keep"
	tmp=$(cd "$keep" && pwd)
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lw-load.XXXXXX")
fi
pid=""
sampler=""
cleanup() {
	[ -n "$sampler" ] && kill "$sampler" 2>/dev/null
	stop
	[ -z "$keep" ] && rm -rf "$tmp"
	return 0
}
trap cleanup EXIT INT TERM

data="$tmp/data"
rm -rf "$data"
"$bin" demo --data "$data" >/dev/null
[ "$n" -gt 0 ] && sh "$here/gen.sh" "$data" "$n" >/dev/null
db="$data/learnweek.db"
sqlite3 "$db" "SELECT id FROM activities WHERE status <> 'draft'" >"$tmp/acts"
units=$(sqlite3 "$db" "SELECT group_concat(id) FROM units WHERE parent_id IS NOT NULL")
tiny_png "$tmp/p.png"

start
unit_sessions "$tmp/accounts"
centre=$(session centre_admin | cut -d' ' -f1)
paths="/admin/units,/admin/audit"
for p in $("$bin" routes | awk -F'\t' '$1 == "GET" && ($2 == "/admin/board" || $2 == "/admin/stats" ||
		($2 ~ /^\/admin\/[^:]*\.xlsx$/ && $2 !~ /template/)) { print $2 }'); do
	paths="$paths,$p"
done

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
# warm up: each page type once, then the RSS the run starts from
for p in "/" "/a/$(head -n 1 "$tmp/acts")" "/calendar.ics?unit=2" "/admin/units"; do
	curl -s -o /dev/null -b "lw_s=$centre" "$base$p"
done
rss0=$(rss)
(
	t=0
	while [ $t -lt $((secs + 60)) ] && sleep 30; do t=$((t + 30)); echo "$t $(rss)"; done
) >"$tmp/rss" &
sampler=$!

echo "learnweek load: $(wc -l <"$tmp/acts") published activities of $(sqlite3 "$db" 'SELECT count(*) FROM activities'),"\
	"$secs s, $(nproc) cores, centre pages: $paths"
export LW_UNITS="$units" LW_ACTS="$tmp/acts" LW_ACCOUNTS="$tmp/accounts" LW_PNG="$tmp/p.png" LW_CENTRE="$centre" LW_PATHS="$paths"
lua="$here/load.lua"
wrk_pids=""
run() { # kind threads connections
	LW_KIND=$1 wrk -t"$2" -c"$3" -d"${secs}s" --timeout 30s -s "$lua" "$base" >"$tmp/wrk.$1" 2>"$tmp/wrk.$1.err" &
	wrk_pids="$wrk_pids $!"
}
run home 2 16
run activity 2 16
run ics 1 4
run edit 13 13
run upload 13 13
run centre 1 2
# shellcheck disable=SC2086
wait $wrk_pids
kill "$sampler" 2>/dev/null
sampler=""
rss1=$(rss)

printf '%-9s %9s %7s %9s %9s %9s %9s %6s\n' page requests seconds req/s p50_ms p99_ms max_ms errors
errors=0
total=0
for k in home activity ics edit upload centre; do
	line=$(grep "^$k " "$tmp/wrk.$k")
	echo "$line"
	errors=$((errors + $(echo "$line" | awk '{ print $8 }')))
	total=$((total + $(echo "$line" | awk '{ print $2 }')))
	[ -s "$tmp/wrk.$k.err" ] && sed "s/^/  /" "$tmp/wrk.$k.err" | head -n 3
done
echo "all       $total requests, $(awk -v t="$total" -v s="$secs" 'BEGIN { printf "%.1f", t / s }') req/s, errors $errors"
echo "server RSS: start $((rss0 / 1024)) MB, end $((rss1 / 1024)) MB; every 30 s (MB): $(awk '{ printf "%s%d", (NR > 1 ? " " : ""), $2 / 1024 }' "$tmp/rss")"
echo "rows: $(sqlite3 "$db" "SELECT count(*) FROM activity_photos") photos, $(sqlite3 "$db" "SELECT count(*) FROM audit_log") audit lines"
stop
if "$bin" check --data "$data" >"$tmp/check" 2>&1; then
	echo "learnweek check: $(tail -n 1 "$tmp/check")"
else
	echo "learnweek check FAILED:"
	cat "$tmp/check"
	errors=$((errors + 1))
fi
grep -q "Sanitizer\|runtime error" "$tmp/server.log" && { echo "load.sh: sanitizer report in the server log"; errors=$((errors + 1)); }
[ "$errors" -eq 0 ]
