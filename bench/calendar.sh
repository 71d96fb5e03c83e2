#!/bin/sh
# calendar.sh [N] [DIR]: how long the public calendar's pages take to answer.
# Without DIR: a fresh demo folder plus N generated activities (default 1000000,
# about a minute to generate). With DIR: that data folder as it is (made by
# `learnweek demo` and bench/gen.sh), so repeated runs skip the generation.
# Serves it with ./learnweek on loopback and prints, per URL, the median of five
# curl time_total figures after one warm-up request, the server's CPU time per
# request (Linux /proc), the HTTP status and the body's SHA-256 (the same
# bodies before and after a change: the same results).
# Set BODIES=dir to keep each body (so filtered) there for a diff.
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000000}
dir=${2:-}
bin=${LEARNWEEK_BIN:-./learnweek}
[ -x "$bin" ] || make -s learnweek
. bench/lib.sh
lw_begin calendar
if [ -z "$dir" ]; then
	dir="$tmp/data"
	"$bin" demo --data "$dir" >/dev/null
	if [ "$n" -gt 0 ]; then sh bench/gen.sh "$dir" "$n" >/dev/null; fi
fi
lw_serve "$dir"
db="$dir/learnweek.db"
# the server's CPU time in ns, all threads: what a request costs whatever
# else the machine is doing, where time_total also counts waiting for a core
cpu_ns() { cat /proc/$pid/task/*/schedstat | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
echo "activities: $(sqlite3 "$db" 'SELECT count(*) FROM activities'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "time_total (s, median of 5), server CPU (ms per request, mean of the 5), status, body sha256, URL"
unit=$(sqlite3 "$db" "SELECT id FROM units WHERE code = 'donghu'")
first=$(sqlite3 "$db" "SELECT starts_on FROM weeks ORDER BY year DESC LIMIT 1")
last=$(sqlite3 "$db" "SELECT ends_on FROM weeks ORDER BY year DESC LIMIT 1")
acts=$(sqlite3 "$db" 'SELECT count(*) FROM activities')
k=0
for path in \
	"/" \
	"/?page=2" \
	"/?page=20" \
	"/?date=$first" \
	"/?date=$last" \
	"/?date=$last&page=20" \
	"/?unit=$unit" \
	"/?unit=$unit&date=$last" \
	"/?content=6" \
	"/?audience=%E8%80%81%E5%B9%B4%E4%BA%BA%E7%BE%A4" \
	"/?content=6&audience=%E8%80%81%E5%B9%B4%E4%BA%BA%E7%BE%A4" \
	"/?content=6&audience=%E8%80%81%E5%B9%B4%E4%BA%BA%E7%BE%A4&date=$last" \
	"/?content=3&unit=$unit&mode=online&date=$last" \
	"/?mode=offline" \
	"/?q=%E6%97%A0%E6%AD%A4%E8%AF%8D" \
	"/?q=zzzz" \
	"/?q=%E8%AF%BB%E4%B9%A6" \
	"/?q=%E4%B9%A6" \
	"/?q=%E9%BE%99" \
	"/?q=%E8%88%9E%E9%BE%99" \
	"/?q=%E7%AC%AC999999%E5%9C%BA" \
	"/?q=%E8%AF%BB%E4%B9%A6&date=$last" \
	"/?q=%E6%97%A0%E6%AD%A4%E8%AF%8D&content=6&audience=%E8%80%81%E5%B9%B4%E4%BA%BA%E7%BE%A4" \
	"/calendar.ics" \
	"/calendar.ics?date=$last&content=6"; do
	k=$((k + 1))
	# the whole week's feed is 540 bytes an activity (54 MB at 100,000) and
	# streams: past 200,000 activities its time is the network's, not a
	# page's, and six of them take minutes
	if [ "$path" = /calendar.ics ] && [ "$acts" -gt 200000 ]; then
		echo "(not measured: /calendar.ics, the whole week's feed of $acts activities)"
		continue
	fi
	curl -s -o /dev/null "$base$path"
	c0=$(cpu_ns)
	for r in 1 2 3 4 5; do
		curl -s -o "$tmp/body" -w '%{time_total} %{http_code}\n' "$base$path" >>"$tmp/t$k"
	done
	c1=$(cpu_ns)
	med=$(sort -n "$tmp/t$k" | sed -n 3p)
	# the form's CSRF token and the feed's DTSTAMP change with every request:
	# they are left out of the digest
	sed 's/name="_csrf" value="[0-9a-f]*"/name="_csrf"/g; /^DTSTAMP/d' "$tmp/body" >"$tmp/body.cmp"
	sum=$(sha256sum <"$tmp/body.cmp" | cut -c1-12)
	if [ -n "${BODIES:-}" ]; then mkdir -p "$BODIES"; cp "$tmp/body.cmp" "$BODIES/$k.out"; fi
	printf '%-9s %5s  %-4s %s  %s\n' "${med% *}" $(((c1 - c0) / 5000000)) "${med#* }" "$sum" "$path"
done
