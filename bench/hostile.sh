#!/bin/sh
# hostile.sh: the server under the attacks of issue 14, on loopback, against
# ./learnweek serving a fresh demo folder:
#   1. a 600 MB body POSTed without a session (form-encoded, then multipart)
#      while the server's resident memory is sampled every 50 ms: the peak
#      must stay flat (it is answered 403 before the body is read);
#   2. /healthz latency (wrk, one connection, 20 s) while 1,000 slow
#      connections (bench/slowloris.c: a header byte a second, never done) are
#      held open from 10 addresses (100 each, under the per-address limit),
#      and again from one address (past its limit of 128).
# Prints one line per figure. Needs ./learnweek (make learnweek), cc, curl, wrk.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${LEARNWEEK_BIN:-$root/learnweek}
[ -x "$bin" ] || { echo "hostile.sh: $bin is missing (make learnweek)" >&2; exit 1; }
for t in cc curl wrk; do command -v $t >/dev/null || { echo "hostile.sh: $t is needed (Debian packages gcc, curl, wrk)" >&2; exit 1; }; done

. "$here/lib.sh"
lw_begin hostile
cc -O2 -o "$tmp/slowloris" "$here/slowloris.c"
"$bin" demo --data "$tmp/data" >/dev/null
lw_serve "$tmp/data"
port=${base##*:}

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }

echo "== 600 MB without a session: the server's resident memory while it is sent"
for kind in form multipart; do
	before=$(rss)
	peak=$before
	if [ $kind = form ]; then
		head -c 600000000 /dev/zero | curl -s -o /dev/null -w '%{http_code} %{size_upload}\n' -H 'Expect:' \
			-H 'Content-Type: application/x-www-form-urlencoded' --data-binary @- "$base/units/1/attachments" >"$tmp/out" &
	else
		head -c 600000000 /dev/zero | curl -s -o /dev/null -w '%{http_code} %{size_upload}\n' -H 'Expect:' \
			-F 'file=@-;filename=a.pdf' "$base/units/1/attachments" >"$tmp/out" &
	fi
	cpid=$!
	while kill -0 $cpid 2>/dev/null; do
		r=$(rss)
		[ "$r" -gt "$peak" ] && peak=$r
		sleep 0.05
	done
	wait $cpid || true
	read -r code sent <"$tmp/out"
	left=$(find "$tmp/data/files/tmp" -type f | wc -l)
	echo "$kind: answered $code after $((${sent%.*} / 1048576)) MB sent; server RSS $((before / 1024)) MB before, peak $((peak / 1024)) MB; $left files in files/tmp"
done

healthz() { # label
	wrk -t1 -c1 -d20s --latency "$base/healthz" >"$tmp/wrk"
	p50=$(awk '$1 == "50%" { print $2 }' "$tmp/wrk")
	p99=$(awk '$1 == "99%" { print $2 }' "$tmp/wrk")
	n=$(awk '/requests in/ { print $1 }' "$tmp/wrk")
	errs=$(awk '/Non-2xx|Socket errors/' "$tmp/wrk" | tr '\n' ' ')
	echo "$1: /healthz p50 $p50, p99 $p99 ($n requests in 20 s) ${errs}"
}

echo "== /healthz while slow connections are held open"
healthz "no slow connections"
for addrs in 10 1; do
	"$tmp/slowloris" "$port" 1000 $addrs 26 >"$tmp/slow" &
	spid=$!
	sleep 4
	healthz "1,000 slow connections from $addrs address$( [ $addrs = 1 ] && echo '' || echo 'es')"
	wait $spid
	echo "   slow clients: $(sed -n '5p' "$tmp/slow"); at the end: $(tail -n 1 "$tmp/slow")"
done
