#!/bin/sh
# board.sh [N]: the centre's status board with N generated activities (default
# 1000000): a fresh demo folder plus bench/gen.sh, served by ./learnweek. As the
# centre admin, GET /admin/board and /admin/board/reminders 20 times each, one
# after another. Prints per page: wall time per request (median and slowest, from
# curl), the server's CPU time per request (user + system, from /proc; it does
# not depend on what else the machine is doing) and the server's peak resident
# memory while answering (VmHWM, reset after logging in: argon2id takes 64 MB).
set -eu
n=${1:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${LEARNWEEK_BIN:-$root/learnweek}
[ -x "$bin" ] || { echo "board.sh: $bin is missing (make learnweek)" >&2; exit 1; }
for t in curl sqlite3; do command -v $t >/dev/null || { echo "board.sh: $t is needed" >&2; exit 1; }; done
. "$here/lib.sh"
lw_begin board
"$bin" demo --data "$tmp/data" >/dev/null
[ "$n" -gt 0 ] && sh "$here/gen.sh" "$tmp/data" "$n" >/dev/null
lw_serve "$tmp/data"
lw_login "$tmp/data" centre_admin
echo "activities: $(sqlite3 "$tmp/data/learnweek.db" 'SELECT count(*) FROM activities'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }   # clock ticks
hz=$(getconf CLK_TCK)
for page in /admin/board /admin/board/reminders; do
	curl -s -o /dev/null -b "$jar" "$base$page"            # warm the page cache once
	echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true
	c0=$(cpu)
	for k in $(seq 20); do
		curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}\n' "$base$page"
	done >"$tmp/times"
	c1=$(cpu)
	grep -qv '^200 ' "$tmp/times" && { echo "board.sh: $page did not answer 200" >&2; cat "$tmp/times" >&2; exit 1; }
	sort -n -k2 "$tmp/times" | awk -v page="$page" -v cpu=$((c1 - c0)) -v hz="$hz" \
		-v hwm="$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")" \
		'{ t[NR] = $2 } END { printf "%-24s median %.3f s, slowest %.3f s, server CPU %.3f s per request, peak RSS %d MB\n",
		  page, t[int((NR + 1) / 2)], t[NR], cpu / hz / NR, hwm / 1024 }'
done
