#!/bin/sh
# levels.sh [N]: a province of 3,000 nodes and N generated activities (default
# 1000000), served by the release build (make learnweek). The tree: the
# province demo (江西省; 南昌市 with its 13 units, 九江市 and 赣州市 with four
# counties each) grown to 11 cities, about 100 counties and districts and
# streets under them up to 3,000 nodes; the ten cities other than 南昌市 (whose
# week the demo makes) run their own week, copied from the province's
# (weeks.parent_week_id; the copy triggers give it the province's lists). The
# activities are spread over the streets and Nanchang's units, each in the
# week its unit reports in, with
# content, audience and form tags: the tree in plain SQL through the sqlite3
# shell, the activities by bench/gen.sh (told which unit records in which
# week), seconds where the forms would take hours.
#
# Measures, as a resident, the province's calendar, first page ("/", every
# city's week merged), cold (the first request after the server started,
# rendered) and warm (20 more, from the render cache); then as the province's
# centre admin /admin/board and /admin/stats of the province's week (the 11
# cities): each page's first request and 5 more.
# Prints per page the server's CPU time per request (user + system from
# /proc, independent of what else runs), the wall time, and the server's
# peak resident memory (VmHWM, reset before each page where the kernel
# allows).
set -eu
n=${1:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${LEARNWEEK_BIN:-$root/learnweek}
[ -x "$bin" ] || { echo "levels.sh: $bin is missing (make learnweek)" >&2; exit 1; }
for t in curl sqlite3; do command -v $t >/dev/null || { echo "levels.sh: $t is needed (Debian package $t)" >&2; exit 1; }; done
. "$here/lib.sh"
lw_begin levels
"$bin" demo --data "$tmp/data" --province >/dev/null
db="$tmp/data/learnweek.db"
start=$(date +%s)
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
BEGIN;
CREATE TEMP TABLE p AS SELECT id AS top FROM units WHERE parent_id IS NULL;
CREATE TEMP TABLE pw AS SELECT w.* FROM weeks w JOIN p ON w.unit_id = p.top ORDER BY year DESC LIMIT 1;
-- eight more cities: 11 in all
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 8)
INSERT INTO units(parent_id, name, kind, code, sort_order, created_at)
SELECT (SELECT top FROM p), '基准市' || i, '市', 'bench-city-' || i, 100 + i, 0 FROM s;
-- counties: up to about 100 in all (南昌市's 13 units and the 8 of 九江市 and 赣州市 among them)
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 79)
INSERT INTO units(parent_id, name, kind, code, sort_order, created_at)
SELECT c.id, '基准县' || s.i, '县', 'bench-county-' || s.i, s.i, 0
FROM s JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM units WHERE kind = '市' AND code <> 'nanchang') c
  ON c.k = s.i % 10;
-- streets under the counties of the cities other than 南昌市, up to 3,000 nodes
CREATE TEMP TABLE county AS SELECT u.id, row_number() OVER (ORDER BY u.id) - 1 AS k FROM units u JOIN units c ON c.id = u.parent_id
  WHERE c.kind = '市' AND c.code <> 'nanchang';
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 2999 - (SELECT count(*) FROM units))
INSERT INTO units(parent_id, name, kind, code, sort_order, created_at)
SELECT county.id, '基准街道' || s.i, '街道', 'bench-street-' || s.i, s.i, 0
FROM s JOIN county ON county.k = s.i % (SELECT count(*) FROM county);
-- the ten cities other than 南昌市 publish their week, a copy of the province's
INSERT INTO weeks(unit_id, parent_week_id, year, title, theme, starts_on, ends_on, notice, deadline_at, created_at, updated_at)
SELECT c.id, pw.id, pw.year, pw.year || '年' || c.name || '全民终身学习活动周', pw.theme, pw.starts_on, pw.ends_on, pw.notice,
       pw.deadline_at - 3 * 86400, 0, 0
FROM units c CROSS JOIN pw WHERE c.kind = '市' AND c.code <> 'nanchang';
COMMIT;
SQL
# who records: the streets and 南昌市's units, each in the week it reports in (its
# parent's, else its grandparent's, else the province's)
pw=$(sqlite3 "$db" "SELECT id, year FROM weeks WHERE unit_id = (SELECT id FROM units WHERE parent_id IS NULL) ORDER BY year DESC LIMIT 1")
year=${pw#*|} pw=${pw%|*}
sh "$here/gen.sh" "$tmp/data" "$n" "SELECT u.id AS unit_id, COALESCE(w1.id, w2.id, $pw) AS week_id FROM units u
LEFT JOIN units par ON par.id = u.parent_id
LEFT JOIN weeks w1 ON w1.unit_id = u.parent_id AND w1.year = $year
LEFT JOIN weeks w2 ON w2.unit_id = par.parent_id AND w2.year = $year
WHERE u.kind = '街道' OR u.parent_id = (SELECT id FROM units WHERE code = 'nanchang')" >/dev/null
echo "generated in $(($(date +%s) - start)) s: $(sqlite3 "$db" 'SELECT count(*) FROM units') nodes," \
	"$(sqlite3 "$db" 'SELECT count(*) FROM weeks WHERE parent_week_id IS NOT NULL') city weeks," \
	"$(sqlite3 "$db" 'SELECT count(*) FROM activities') activities; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# the server's CPU time in nanoseconds: every thread's (a clock tick, 10 ms,
# is too coarse for one request)
cpu() { cat /proc/"$pid"/task/*/schedstat | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
# measure PAGE COOKIES LABEL REPEAT: REPEAT requests one after another
measure() {
	echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true
	c0=$(cpu)
	for k in $(seq "$4"); do
		curl -s -o /dev/null $2 -w '%{http_code} %{time_total}\n' "$base$1"
	done >"$tmp/times"
	c1=$(cpu)
	grep -qv '^200 ' "$tmp/times" && { echo "levels.sh: $1 did not answer 200" >&2; cat "$tmp/times" >&2; exit 1; }
	sort -n -k2 "$tmp/times" | awk -v page="$1 $3" -v cpu="$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.0f", b - a }')" \
		-v hwm="$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")" \
		'{ t[NR] = $2 } END { printf "%-28s %d request(s): server CPU %.1f ms per request, wall median %.1f ms, peak RSS %d MB\n",
		  page, NR, cpu / 1e6 / NR, t[int((NR + 1) / 2)] * 1000, hwm / 1024 }'
}
lw_serve "$tmp/data"
# the resident first: logging in reads "/"
measure / "" "cold (rendered)" 1
measure / "" "warm (cached)" 20
lw_login "$tmp/data" centre_admin
for page in /admin/board /admin/stats; do
	measure "$page" "-b $jar" "first" 1
	measure "$page" "-b $jar" "again" 5
done
