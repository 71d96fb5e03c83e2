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
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
"$bin" demo --data "$tmp/data" > /dev/null
[ "$n" -gt 0 ] && sh bench/gen.sh "$tmp/data" "$n" > /dev/null
"$bin" serve --data "$tmp/data" --listen 127.0.0.1:0 --port-file "$tmp/port" > "$tmp/log" 2>&1 &
pid=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$tmp/port")"
# a staff session, for the logged-in page
jar="$tmp/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
pw=$(awk -F'\t' '$1=="donghu_admin"{print $2}' "$tmp/data/demo-accounts.txt")
curl -s -c "$jar" -b "$jar" -o /dev/null -d "_csrf=$csrf&username=donghu_admin&password=$pw" "$base/login"
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
