#!/bin/sh
# load.sh [-d SECONDS] [-n ACTIVITIES] [-o DIR] [-s] [-l]: the whole city at once, on
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
#              /admin/audit, and /admin/board, /admin/stats when this build
#              has them (from `learnweek routes`);
#   exports    a second centre admin exporting the city workbook (a background
#              job: POST /admin/exports, its page polled every second, the file
#              downloaded), one after the other, then the ZIP of all packages
#              in turn, when this build has /admin/exports.
# All for SECONDS (default 300; -d 30 for a quick look). Prints per page type:
# requests, req/s, p50 and p99 latency, errors (wrong status or socket
# errors: must be 0); the server's RSS at the start, every 30 s and at the
# end; and `learnweek check` on the folder afterwards. Exits 1 on any error.
# -o DIR keeps the data folder and the raw wrk output there.
# -l (live): the clerks edit and photograph an activity of the live week, the
# one residents browse, as they do while it runs; without it, one of the
# demo's 2022 week, so their saves end none of the pages residents ask for.
# Paced by default, as people use it: each resident connection pauses 500 ms
# on average between pages (48 connections: about 90 pages a second, 330,000
# an hour, a WeChat push), each unit clerk 2 s between saves and between
# photos, the centre 1 s; the exports run back to back. -s (saturation): no
# pauses, every connection asks again at once, so the figures are the
# server's throughput and latency is mostly queueing (Little's law).
set -eu
secs=300
n=100000
keep=""
saturate=""
live=""
while getopts d:n:o:sl opt; do
	case $opt in
	d) secs=$OPTARG ;;
	n) n=$OPTARG ;;
	o) keep=$OPTARG ;;
	s) saturate=1 ;;
	l) live=1 ;;
	*) echo "usage: bench/load.sh [-d SECONDS] [-n ACTIVITIES] [-o DIR] [-s] [-l]" >&2; exit 2 ;;
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
edit_week=1
edit_day=2022-12-02
if [ -n "$live" ]; then
	# each clerk's activity: the unit's first of the live week
	edit_week=$(sql "SELECT id FROM weeks ORDER BY year DESC LIMIT 1")
	edit_day=$(week_days | cut -d, -f2)
	while read -r cookie csrf unit _; do
		echo "$cookie $csrf $unit $(sql "SELECT min(id) FROM activities WHERE unit_id = $unit AND week_id = $edit_week")"
	done <"$tmp/accounts" >"$tmp/accounts.live"
	mv "$tmp/accounts.live" "$tmp/accounts"
fi
centre=$(session centre_admin | cut -d' ' -f1)
paths="/admin/units,/admin/audit"
for p in $("$bin" routes | awk -F'\t' '$1 == "GET" && ($2 == "/admin/board" || $2 == "/admin/stats") { print $2 }'); do
	paths="$paths,$p"
done
exports=""
"$bin" routes | awk -F'\t' '$1 == "POST" && $2 == "/admin/exports"' | grep -q . && exports=yes

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
	"load average $(cut -d' ' -f1-3 /proc/loadavg),"\
	"$secs s, $(nproc) cores, clerks edit week $edit_week, ${saturate:+saturation (no pauses)}${saturate:-paced (pauses: residents 500 ms, units 2 s, centre 1 s)}, centre pages: $paths"
export LW_EDIT_WEEK="$edit_week" LW_EDIT_DAY="$edit_day" LW_DAYS="$(week_days)" LW_UNITS="$units" LW_ACTS="$tmp/acts" LW_ACCOUNTS="$tmp/accounts" LW_PNG="$tmp/p.png" LW_CENTRE="$centre" LW_PATHS="$paths"
. "$here/lib.sh"
wrk_pids=""
lw_mix "$secs" "$saturate"

# The exports: one job at a time for the whole run. A line per job in
# $tmp/exports: kind seconds bytes, or "error WHAT".
export_loop() {
	c=$(signin centre_admin) # the same account, its own session
	jar="$tmp/jar.centre_admin"
	end=$(($(date +%s) + secs))
	kind=city_xlsx
	while [ "$(date +%s)" -lt "$end" ]; do
		t0=$(date +%s.%N)
		loc=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$jar" --data "_csrf=$c&week=1&kind=$kind" "$base/admin/exports")
		case $loc in
		303\ */admin/exports/*) job=${loc##*/} ;;
		*) echo "error start $kind: $loc"; sleep 2; continue ;;
		esac
		while :; do
			st=$(sql "SELECT status FROM jobs WHERE id = $job")
			[ "$st" = queued ] || [ "$st" = running ] || break
			code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base/admin/exports/$job")
			[ "$code" = 200 ] || echo "error progress page $code"
			sleep 1
		done
		if [ "$st" != done ]; then
			echo "error job $job $st"
		else
			got=$(curl -s -o "$tmp/export.out" -w '%{http_code} %{size_download}' -b "$jar" "$base/admin/exports/$job/file")
			if [ "${got% *}" = 200 ]; then
				echo "$kind $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') ${got#* }"
			else
				echo "error download $got"
			fi
		fi
		rm -f "$tmp/export.out"
		[ $kind = city_xlsx ] && kind=city_zip || kind=city_xlsx
	done
}
if [ -n "$exports" ]; then
	export_loop >"$tmp/exports" 2>&1 &
	wrk_pids="$wrk_pids $!"
fi
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
if [ -n "$exports" ]; then
	awk '$1 == "error" { e++; if (e <= 3) print "  " $0; next }
		{ n[$1]++; t[$1] += $2; if ($2 > m[$1]) m[$1] = $2; b[$1] = $3 }
		END { for (k in n) printf "export    %s: %d done, mean %.1f s, slowest %.1f s, last file %.1f MB\n", k, n[k], t[k] / n[k], m[k], b[k] / 1048576
		      printf "export    errors %d\n", e }' "$tmp/exports"
	errors=$((errors + $(grep -c '^error' "$tmp/exports" || true)))
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
# issue 15's goal: the public pages' p99 under 50 ms
cat "$tmp/wrk.home" "$tmp/wrk.activity" "$tmp/wrk.ics" | awk '$1 ~ /^(home|activity|ics)$/ { if ($6 > m) m = $6 }
	END { printf "public pages: slowest p99 %.1f ms, goal (< 50 ms) %s\n", m, m < 50 ? "met" : "missed" }'
echo "all       $total requests, $(awk -v t="$total" -v s="$secs" 'BEGIN { printf "%.1f", t / s }') req/s, errors $errors"
echo "server RSS: start $((rss0 / 1024)) MB, end $((rss1 / 1024)) MB; every 30 s (MB): $(awk '{ printf "%s%d", (NR > 1 ? " " : ""), $2 / 1024 }' "$tmp/rss")"
echo "rows: $(sqlite3 "$db" "SELECT count(*) FROM activity_photos") photos, $(sqlite3 "$db" "SELECT count(*) FROM audit_log") audit lines"
stop
# the render cache's hits and misses over the run, from the server's last line
hm=$(sed -n 's/.*page cache: \([0-9]*\) hits, \([0-9]*\) misses.*/\1 \2/p' "$tmp/server.log" | tail -n 1)
[ -n "$hm" ] && echo "$hm" | awk '{ printf "page cache: %d hits, %d misses, hit rate %.1f%%\n", $1, $2, $1 + $2 ? 100 * $1 / ($1 + $2) : 0 }'
# why they missed: a page never asked for before (or pushed out), or a write
# that changed what it shows (by what changed), or older than its max age
sed -n 's/.*page cache: .*; misses: \(.*\)/page cache misses: \1/p' "$tmp/server.log" | tail -n 1
# how many different public URLs the residents asked for: a first request
# of a URL cannot be a hit
for k in home activity ics; do
	cat "$tmp/urls.$k".* 2>/dev/null >"$tmp/urls.$k" || true
	[ -s "$tmp/urls.$k" ] && echo "urls      $k: $(wc -l <"$tmp/urls.$k") asked, $(sort -u "$tmp/urls.$k" | wc -l) different"
done
if "$bin" check --data "$data" >"$tmp/check" 2>&1; then
	echo "learnweek check: $(tail -n 1 "$tmp/check")"
else
	echo "learnweek check FAILED:"
	cat "$tmp/check"
	errors=$((errors + 1))
fi
grep -q "Sanitizer\|runtime error" "$tmp/server.log" && { echo "load.sh: sanitizer report in the server log"; errors=$((errors + 1)); }
[ "$errors" -eq 0 ]
