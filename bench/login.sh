#!/bin/sh
# login.sh [N]: what a failed sign-in costs, for a name that exists and for
# one that does not (default 20 of each, alternating). Both must take the
# time of one argon2id verification, so the answer does not tell which names
# exist. Each attempt comes from its own loopback address (curl --interface),
# so the throttle never answers instead. Prints the median and the range of
# each in milliseconds (curl's time_total). Needs ./learnweek (make learnweek), curl.
set -eu
n=${1:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${LEARNWEEK_BIN:-$root/learnweek}
[ -x "$bin" ] || { echo "login.sh: $bin is missing (make learnweek)" >&2; exit 1; }
command -v curl >/dev/null || { echo "login.sh: curl is needed" >&2; exit 1; }

. "$here/lib.sh"
lw_begin login
"$bin" demo --data "$tmp/data" >/dev/null
lw_serve "$tmp/data"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# attempt NAME K: one wrong password for NAME from 127.0.K.1; prints seconds
attempt() {
	j="$tmp/jar.$2"
	csrf=$(curl -s --interface "127.0.$2.1" -c "$j" -b "$j" "$base/login" | lw_csrf_of)
	curl -s -o /dev/null -w '%{time_total}\n' --interface "127.0.$2.1" -c "$j" -b "$j" \
		--data-urlencode "_csrf=$csrf" --data-urlencode "username=$1" \
		--data-urlencode "password=not-the-password" "$base/login"
}

: >"$tmp/known"
: >"$tmp/unknown"
i=1
while [ $i -le "$n" ]; do
	attempt donghu_admin $((i % 250 + 1)) >>"$tmp/known"
	attempt "nobody$i" $(((i + 100) % 250 + 1)) >>"$tmp/unknown"
	i=$((i + 1))
done
for k in known unknown; do
	sort -n "$tmp/$k" | awk -v k="$k" '{ v[NR] = $1 * 1000 }
		END { printf "%-7s name, wrong password: median %.0f ms (%.0f to %.0f ms, %d attempts)\n", k, v[int((NR + 1) / 2)], v[1], v[NR], NR }'
done
