#!/bin/sh
# export.sh [N]: the city statistics and the city workbook with N generated
# activities (default 1000000): a fresh demo folder plus bench/gen.sh, served by
# ./learnweek. As the centre admin: GET /admin/stats 10 times and
# /admin/city-form 5 times (wall time per request, median and slowest; the
# server's CPU time per request from /proc; peak RSS while answering, VmHWM reset
# after logging in); then the workbook as a background job started over HTTP,
# polled once a second until done (wall time, the server's peak RSS), while
# /healthz and the dashboard are asked every 0.2 s (their slowest answer shows
# whether the export blocks anyone); last the same workbook from the command line
# under /usr/bin/time -v (time and maximum resident set size).
set -eu
n=${1:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${LEARNWEEK_BIN:-$root/learnweek}
[ -x "$bin" ] || { echo "export.sh: $bin is missing (make learnweek)" >&2; exit 1; }
for t in curl sqlite3; do command -v $t >/dev/null || { echo "export.sh: $t is needed" >&2; exit 1; }; done
. "$here/lib.sh"
lw_begin export
"$bin" demo --data "$tmp/data" >/dev/null
[ "$n" -gt 0 ] && sh "$here/gen.sh" "$tmp/data" "$n" >/dev/null
lw_serve "$tmp/data"
lw_login "$tmp/data" centre_admin
# the week gen.sh fills: the latest (the demo's live week)
week=$(sqlite3 "$tmp/data/learnweek.db" "SELECT id FROM weeks ORDER BY year DESC LIMIT 1")
year=$(sqlite3 "$tmp/data/learnweek.db" "SELECT year FROM weeks WHERE id = $week")
echo "activities: $(sqlite3 "$tmp/data/learnweek.db" 'SELECT count(*) FROM activities'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }   # clock ticks
hz=$(getconf CLK_TCK)
hwm() { awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status"; }

# ---- pages ----
for spec in "/admin/stats 10" "/admin/city-form 5"; do
	page=${spec% *} times=${spec#* }
	curl -s -o /dev/null -b "$jar" "$base$page?week=$week"      # warm the page cache once
	echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true
	c0=$(cpu)
	for k in $(seq "$times"); do
		curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}\n' "$base$page?week=$week"
	done >"$tmp/times"
	c1=$(cpu)
	grep -qv '^200 ' "$tmp/times" && { echo "export.sh: $page did not answer 200" >&2; cat "$tmp/times" >&2; exit 1; }
	sort -n -k2 "$tmp/times" | awk -v page="$page" -v cpu=$((c1 - c0)) -v hz="$hz" -v hwm="$(hwm)" \
		'{ t[NR] = $2 } END { printf "%-24s median %.3f s, slowest %.3f s, server CPU %.3f s per request, peak RSS %d MB\n",
		  page, t[int((NR + 1) / 2)], t[NR], cpu / hz / NR, hwm }'
done

# ---- the workbook as a job, while others keep asking ----
echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true
csrf=$(curl -s -b "$jar" "$base/admin/exports?week=$week" | lw_csrf_of)
t0=$(date +%s.%N)
job=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" --data "_csrf=$csrf&week=$week&kind=city_xlsx" "$base/admin/exports")
job=${job##*/}
(while :; do
	curl -s -o /dev/null -w '%{time_total}\n' "$base/healthz"
	curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' "$base/admin"
	sleep 0.2
done) >"$tmp/others" 2>/dev/null &
others=$!
while :; do
	state=$(sqlite3 "$tmp/data/learnweek.db" "SELECT status || ' ' || done || '/' || total FROM jobs WHERE id = $job")
	case $state in done*|failed*) break ;; esac
	sleep 1
done
t1=$(date +%s.%N)
kill "$others" 2>/dev/null; wait "$others" 2>/dev/null || true
[ "${state%% *}" = done ] || { echo "export.sh: the job failed: $(sqlite3 "$tmp/data/learnweek.db" "SELECT error FROM jobs WHERE id = $job")" >&2; exit 1; }
size=$(sqlite3 "$tmp/data/learnweek.db" "SELECT size FROM jobs WHERE id = $job")
echo "$t0 $t1 $size $(hwm)" | awk '{ printf "workbook job (HTTP)      %.1f s, %.1f MB file, server peak RSS %d MB\n", $2 - $1, $3 / 1048576, $4 }'
sort -n "$tmp/others" | awk '{ t[NR] = $1 } END { printf "meanwhile, /healthz and /admin: %d answers, median %.3f s, slowest %.3f s\n",
	NR, t[int((NR + 1) / 2)], t[NR] }'
curl -s -o "$tmp/job.xlsx" -b "$jar" -w 'download                 %{http_code}, %{size_download} bytes in %{time_total} s\n' "$base/admin/exports/$job/file"

# ---- the same from the command line ----
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v "$bin" export city --data "$tmp/data" --year "$year" --format xlsx --out "$tmp/cli.xlsx" >/dev/null 2>"$tmp/time"
	awk -F': ' '/Elapsed/ { e = $2 } /Maximum resident/ { m = $2 } /User time/ { u = $2 } /System time/ { s = $2 }
		END { printf "export city --format xlsx  %s wall, %s s user, %s s system, max RSS %d MB\n", e, u, s, m / 1024 }' "$tmp/time"
fi
