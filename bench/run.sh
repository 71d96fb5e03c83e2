#!/bin/sh
# run.sh [N]: serves a fresh demo data folder (plus N generated activities, default
# 0) with the release binary and measures with wrk on loopback: the public home
# page, a public activity page, and a logged-in staff page. Figures go to stdout
# and bench/out/. Bounded: each wrk run is 10 s.
set -eu
cd "$(dirname "$0")/.."
n=${1:-0}
bin=./learnweek
[ -x "$bin" ] || make -s learnweek
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
. bench/lib.sh
lw_begin run
"$bin" demo --data "$tmp/data" > /dev/null
if [ "$n" -gt 0 ]; then sh bench/gen.sh "$tmp/data" "$n" > /dev/null; fi
lw_serve "$tmp/data"
# a staff session, for the logged-in page
lw_login "$tmp/data" donghu_admin
session=$(awk '$6=="lw_s"{print $7}' "$jar")
unit=$(sqlite3 "$tmp/data/learnweek.db" "SELECT id FROM units WHERE code='donghu'")
act=$(sqlite3 "$tmp/data/learnweek.db" "SELECT id FROM activities WHERE status='published' ORDER BY id DESC LIMIT 1")
mkdir -p bench/out
echo "activities: $(sqlite3 "$tmp/data/learnweek.db" 'SELECT count(*) FROM activities'), threads: $(nproc) cores, wrk -t2 -c32 -d10s --latency"
run() {
	name=$1; shift
	printf '%-28s ' "$name"
	wrk -t2 -c32 -d10s --latency "$@" > "bench/out/$name.txt" 2>&1
	awk '/Requests\/sec/{rps=$2} /^ +50%/{p50=$2} /^ +99%/{p99=$2} /Non-2xx/{bad=$NF} END{printf "%10s req/s  p50 %8s  p99 %8s  non-2xx %s\n", rps, p50, p99, bad ? bad : 0}' "bench/out/$name.txt"
}
run home "$base/"
run activity-page "$base/a/$act"
run unit-activities "$base/units/$unit/activities" -H "Cookie: lw_s=$session"
run healthz "$base/healthz"
echo "server RSS after: $(awk '/VmRSS/{print $2, $3}' /proc/$pid/status), peak $(awk '/VmHWM/{print $2, $3}' /proc/$pid/status)"
