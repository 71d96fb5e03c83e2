#!/bin/sh
# vs-nginx.sh [N]: learnweek's public pages against nginx serving the same
# bytes from files, on loopback, one after another in one run: /, /a/:id,
# /calendar.ics and /resources, wrk -t2 -c64 -d10s each. Also the same pages
# through nginx as the reverse proxy of docs/deploy/learnweek-proxy.conf (the
# deployment's own config, with its proxy cache). A demo data folder plus N
# generated activities (default 0). Goal (issue 15): learnweek/nginx >= 0.5
# and learnweek's p99 < 10 ms for each page.
set -eu
cd "$(dirname "$0")/.."
n=${1:-0}
secs=${LW_BENCH_SECS:-10}
bin=./learnweek
[ -x "$bin" ] || make -s learnweek
sh scripts/install-deps.sh --bench
. bench/lib.sh
lw_begin vs-nginx
chmod 755 "$tmp" # nginx's workers read the files as www-data
"$bin" demo --data "$tmp/data" >/dev/null
[ "$n" -gt 0 ] && sh bench/gen.sh "$tmp/data" "$n" >/dev/null
lw_serve "$tmp/data"
db="$tmp/data/learnweek.db"
act=$(sqlite3 "$db" "SELECT id FROM activities WHERE status = 'published' ORDER BY id LIMIT 1")

# the same bytes as files: what learnweek answers a client without gzip
mkdir -p "$tmp/www/a"
curl -sf "$base/" >"$tmp/www/index.html"
curl -sf "$base/a/$act" >"$tmp/www/a/$act"
curl -sf "$base/calendar.ics" >"$tmp/www/calendar.ics"
curl -sf "$base/resources" >"$tmp/www/resources"

# two loopback ports for nginx: picked at random, again if nginx cannot bind them
nginx_conf() { # static_port proxy_port
	mkdir -p "$tmp/nginx"
	cat >"$tmp/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000;
	# nginx serving the saved pages
	server {
		listen 127.0.0.1:$1;
		root $tmp/www;
		location = / { default_type "text/html; charset=utf-8"; try_files /index.html =404; }
		location /a/ { default_type "text/html; charset=utf-8"; }
		location = /resources { default_type "text/html; charset=utf-8"; }
		location = /calendar.ics { default_type "text/calendar; charset=utf-8"; }
	}
	# learnweek behind nginx, as docs/deploy/learnweek.conf sets it up
	upstream learnweek { server 127.0.0.1:$(cat "$tmp/port"); keepalive 32; }
	proxy_cache_path $tmp/nginx/cache levels=1:2 keys_zone=learnweek:20m max_size=1g inactive=10m use_temp_path=off;
	server {
		listen 127.0.0.1:$2;
		include $PWD/docs/deploy/learnweek-proxy.conf;
	}
}
CONF
}
random_port() { echo $((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000)); }
nginx_pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
for attempt in 1 2 3 4 5; do
	static_port=$(random_port)
	proxy_port=$(random_port)
	nginx_conf "$static_port" "$proxy_port"
	nginx -t -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" 2>"$tmp/nginx/test.log" || { cat "$tmp/nginx/test.log" >&2; exit 1; }
	nginx -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
	nginx_pid=$!
	i=0
	while kill -0 "$nginx_pid" 2>/dev/null && ! curl -sf -o /dev/null "http://127.0.0.1:$static_port/"; do
		i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.1
	done
	curl -sf -o /dev/null "http://127.0.0.1:$proxy_port/healthz" && break
	kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null || true
	nginx_pid=""
done
[ -n "$nginx_pid" ] || { cat "$tmp/nginx/error.log" >&2; exit 1; }

# the bytes are the same: checked, not assumed
for p in / "/a/$act" /calendar.ics /resources; do
	curl -s "$base$p" >"$tmp/lw.body"
	curl -s "http://127.0.0.1:$static_port$p" >"$tmp/ng.body"
	cmp -s "$tmp/lw.body" "$tmp/ng.body" || { echo "vs-nginx: $p differs between learnweek and the saved copy" >&2; exit 1; }
done

cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
wrk_run() { # name url -> "rps p99"
	wrk -t2 -c64 -d"${secs}s" --latency "$2" >"$tmp/wrk.$1" 2>&1
	awk '/Requests\/sec/{rps=$2} /^ +99%/{p99=$2} /Non-2xx/{bad=$NF} /Socket errors/{err=$0}
	     END{printf "%s %s %s\n", rps, p99, bad ? bad : 0}' "$tmp/wrk.$1"
}
echo "learnweek vs nginx $(nginx -v 2>&1 | sed 's/.*\///'): $(sqlite3 "$db" 'SELECT count(*) FROM activities') activities," \
	"wrk -t2 -c64 -d${secs}s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %10s %9s | %10s %9s %6s | %12s %9s\n' page "nginx r/s" p99 "learnweek" p99 ratio "behind nginx" p99
for p in / "/a/$act" /calendar.ics /resources; do
	name=$(echo "$p" | tr '/' '_')
	set -- $(wrk_run "ng$name" "http://127.0.0.1:$static_port$p")
	ng_rps=$1 ng_p99=$2
	c0=$(cpu)
	set -- $(wrk_run "lw$name" "$base$p")
	lw_rps=$1 lw_p99=$2 lw_bad=$3
	c1=$(cpu)
	set -- $(wrk_run "px$name" "http://127.0.0.1:$proxy_port$p")
	px_rps=$1 px_p99=$2 px_bad=$3
	ratio=$(awk -v a="$lw_rps" -v b="$ng_rps" 'BEGIN{printf "%.2f", a / b}')
	printf '%-14s %10s %9s | %10s %9s %6s | %12s %9s\n' "$p" "$ng_rps" "$ng_p99" "$lw_rps" "$lw_p99" "$ratio" "$px_rps" "$px_p99"
	[ "$lw_bad" = 0 ] && [ "$px_bad" = 0 ] || echo "  non-2xx: learnweek $lw_bad, behind nginx $px_bad"
	# the goal of issue 15, for learnweek itself: ratio >= 0.5, p99 < 10 ms
	awk -v r="$ratio" -v p="$lw_p99" 'BEGIN { ms = p + 0; if (p ~ /us$/) ms /= 1000; else if (p ~ /[0-9]s$/) ms *= 1000
		printf "  goal (ratio >= 0.5, p99 < 10 ms): %s\n", (r >= 0.5 && ms < 10) ? "met" : "missed" }'
	echo "  learnweek CPU: $(awk -v t="$((c1 - c0))" -v s="$secs" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.0f%%", 100 * t / hz / s}') of one core"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
pid=""
grep -o 'page cache: .*' "$tmp/server.log" | sed 's/^/learnweek /'
