#!/bin/sh
# import.sh [ROWS] [ROUNDS]: how long a unit admin waits for a bulk import of
# ROWS activities (default 10000) from a CSV, on a fresh demo folder served by
# ./learnweek on loopback: the upload (POST /units/:unit/imports: the file is
# read and checked row by row, nothing written), the preview page, and the
# confirmation (POST /imports/:import/confirm: every row written in one
# transaction). ROUNDS files (default 3), each new rows, each timed with curl.
set -eu
rows=${1:-10000}
rounds=${2:-3}
cd "$(dirname "$0")/.."
bin=${LEARNWEEK_BIN:-./learnweek}
[ -x "$bin" ] || make -s learnweek
command -v sqlite3 >/dev/null || { echo "import.sh: sqlite3 is needed" >&2; exit 1; }
. bench/lib.sh
lw_begin import
"$bin" demo --data "$tmp/data" >/dev/null
lw_serve "$tmp/data"
lw_login "$tmp/data" donghu_admin
db="$tmp/data/learnweek.db"
unit=$(sqlite3 "$db" "SELECT id FROM units WHERE code = 'donghu'")
# the rows are dated in the demo's 2022 week (1 to 7 December), so they go to that week
week=$(sqlite3 "$db" "SELECT id FROM weeks WHERE year = 2022")

# the columns of the template, as a unit fills them in Excel and saves a CSV
csv() {
	awk -v rows="$rows" -v tag="$1" 'BEGIN {
		print "活动名称,主办单位,协办单位,活动内容,学习主题,活动形式,参与对象,线上/线下,开始时间,结束时间,活动地点," \
		      "所在街道/乡镇,线上链接,人数上限,活动简介,有特色的活动,主办方报告的参与人数"
		# 7 days, 12 hours, 60 minutes: a few rows share a start, as in a real week
		for (i = 0; i < rows; i++) {
			d = 1 + i % 7; h = 8 + int(i / 7) % 12; m = int(i / 84) % 60
			printf "%s第%d场社区学习活动,社区教育学院,\"街道学校、图书馆\",全民阅读、智慧助老,科学文化,讲座,老年人群,线下," \
			       "2022/12/%d %d:%02d,2022-12-0%d %02d:%02d,\"活动中心 %d 室, 二楼\",朝阳街道,,50,\"简介，第 %d 场。\",否,%d\n",
			       tag, i, d, h, m, d, h + 1, m, i % 500, i, i % 100
		}
	}'
}

echo "import of $rows rows (CSV, UTF-8), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); curl time_total in s"
printf '%-6s %9s %9s %9s %9s %11s\n' round bytes upload preview confirm "rows added"
for r in $(seq "$rounds"); do
	csv "第${r}轮" >"$tmp/import.csv"
	before=$(sqlite3 "$db" "SELECT count(*) FROM activities WHERE unit_id = $unit")
	set -- $(curl -s -o /dev/null -c "$tmp/jar" -b "$tmp/jar" -w '%{http_code} %{time_total} %{redirect_url}' \
		-F "_csrf=$csrf" -F "week=$week" -F "file=@$tmp/import.csv;filename=活动.csv" "$base/units/$unit/imports")
	[ "$1" = 303 ] || { echo "import.sh: the upload answered $1" >&2; tail "$tmp/server.log" >&2; exit 1; }
	upload=$2
	import=${3##*/imports/}
	preview=$(curl -s -o /dev/null -b "$tmp/jar" -w '%{time_total}' "$base/imports/$import")
	set -- $(curl -s -o /dev/null -b "$tmp/jar" -w '%{http_code} %{time_total}' --data "_csrf=$csrf&status=draft" \
		"$base/imports/$import/confirm")
	[ "$1" = 303 ] || { echo "import.sh: the confirmation answered $1" >&2; tail "$tmp/server.log" >&2; exit 1; }
	added=$(($(sqlite3 "$db" "SELECT count(*) FROM activities WHERE unit_id = $unit") - before))
	printf '%-6s %9s %9s %9s %9s %11s\n' "$r" "$(wc -c <"$tmp/import.csv")" "$upload" "$preview" "$2" "$added"
	[ "$added" = "$rows" ] || { echo "import.sh: $added rows added, want $rows" >&2; exit 1; }
done
echo "server RSS after: $(awk '/^VmRSS/ { print $2, $3 }' "/proc/$pid/status"), peak $(awk '/^VmHWM/ { print $2, $3 }' "/proc/$pid/status")"
