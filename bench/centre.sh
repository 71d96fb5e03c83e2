#!/bin/sh
# centre.sh [N] [DIR]: what the centre's pages and a unit's activity list cost
# at N generated activities (default 100000): a fresh demo folder plus
# bench/gen.sh, or with DIR that data folder as it is. Served by ./learnweek;
# per page, as the centre admin (and the unit's list as donghu_admin), five
# requests after one warm-up: the median wall time (curl) and the server's
# CPU time per request (all threads, from /proc/PID/task/*/schedstat: what a
# request costs whatever else the machine is doing), as calendar.sh does.
# "/admin/board (after a change)" is the board with one activity of a unit
# that has submitted changed (sqlite3, outside the server) before each
# request: that unit's form is derived again, the other submitted units'
# comparisons are kept (form_gens, migration 180).
set -eu
cd "$(dirname "$0")/.."
n=${1:-100000}
dir=${2:-}
bin=${LEARNWEEK_BIN:-./learnweek}
[ -x "$bin" ] || { echo "centre.sh: $bin is missing (make learnweek)" >&2; exit 1; }
for t in curl sqlite3; do command -v $t >/dev/null || { echo "centre.sh: $t is needed" >&2; exit 1; }; done
. bench/lib.sh
lw_begin centre
if [ -z "$dir" ]; then
	dir="$tmp/data"
	"$bin" demo --data "$dir" >/dev/null
	[ "$n" -gt 0 ] && sh bench/gen.sh "$dir" "$n" >/dev/null
fi
lw_serve "$dir"
db="$dir/learnweek.db"
lw_login "$dir" donghu_admin
mv "$jar" "$tmp/jar.unit"
lw_login "$dir" centre_admin
unit=$(sqlite3 "$db" "SELECT id FROM units WHERE code = 'donghu'")
week=$(sqlite3 "$db" "SELECT id FROM weeks ORDER BY year DESC LIMIT 1")
sub=$(sqlite3 "$db" "SELECT unit_id FROM reports WHERE week_id = $week AND status IN ('submitted', 'accepted') ORDER BY unit_id LIMIT 1")
cpu_ns() { cat /proc/$pid/task/*/schedstat | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
echo "activities: $(sqlite3 "$db" 'SELECT count(*) FROM activities'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "time_total (s, median of 5), server CPU (ms per request, mean of the 5), status, URL"
for spec in \
	"c /admin/board" \
	"C /admin/board" \
	"c /admin/board/reminders" \
	"c /admin/stats" \
	"c /admin/audit" \
	"c /admin/units" \
	"u /units/$unit/activities" \
	"u /units/$unit/activities?week=$week" \
	"u /units/$unit/activities?week=$week&page=5" \
	"u /units/$unit/activities?week=$week&q=%E8%AF%BB%E4%B9%A6" \
	"u /units/$unit/activities?week=$week&content=3" \
	"u /units/$unit/activities?week=$week&status=published&mode=online" \
	"u /units/$unit/activities?week=$week&sort=title" \
	"u /units/$unit/activities?week=$week&sort=updated" \
	"u /units/$unit/activities?week=$week&sort=title&page=20" \
	"u /admin"; do
	who=${spec%% *}
	path=${spec#* }
	j="$jar"
	[ "$who" = u ] && j="$tmp/jar.unit"
	curl -s -o /dev/null -b "$j" "$base$path"
	c0=$(cpu_ns)
	for r in 1 2 3 4 5; do
		[ "$who" = C ] && sqlite3 "$db" ".timeout 10000" "UPDATE activities SET updated_at = updated_at + 1
			WHERE id = (SELECT max(id) FROM activities WHERE unit_id = ${sub:-0} AND week_id = $week)"
		curl -s -o /dev/null -b "$j" -w '%{time_total} %{http_code}\n' "$base$path"
	done >"$tmp/t"
	c1=$(cpu_ns)
	med=$(sort -n "$tmp/t" | sed -n 3p)
	[ "$who" = C ] && path="$path (after a change)"
	printf '%-9s %5s  %-4s %s\n' "${med% *}" $(((c1 - c0) / 5000000)) "${med#* }" "$path"
done
