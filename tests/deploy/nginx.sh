#!/bin/sh
# nginx.sh: the nginx configuration of docs/deploy.md, loaded whole and used.
# The site file docs/deploy/learnweek.conf (with the learnweek-proxy.conf it
# includes) runs with only its machine paths and ports rewritten to a temp
# folder: a self-signed certificate made with openssl, `nginx -t`, then
# requests over HTTPS to a learnweek demo week behind it:
#   - the plain-http address redirects to https;
#   - a public page answers X-Cache-Status MISS, then HIT (nginx caches it),
#     with the site's HSTS header still there;
#   - a large-text visitor gets its own copy (the cache keys on the cookie);
#   - a staff page says no-store and is never answered from the cache;
#   - a response that sets a cookie is never answered from the cache.
# As root (CI) nginx's workers run as www-data, as in the deployment, and the
# cache folder is theirs. Usage: LEARNWEEK_BIN=build/san/learnweek sh tests/deploy/nginx.sh
set -u
cd "$(dirname "$0")/../.."
BIN=${LEARNWEEK_BIN:-build/san/learnweek}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
[ -x "$BIN" ] || { echo "nginx.sh: $BIN not built" >&2; exit 1; }
for tool in nginx:nginx openssl:openssl curl:curl; do
	command -v ${tool%%:*} >/dev/null 2>&1 ||
		{ echo "nginx.sh: ${tool%%:*} is not installed: Debian package ${tool#*:} (make deps-test installs it)" >&2; exit 1; }
done
export LEARNWEEK_FAST_HASH=1 LC_ALL=C.UTF-8

T=$(mktemp -d "${TMPDIR:-/tmp}/lw-nginx.XXXXXX") || exit 1
SERVER_PID=
NGINX_PID=
cleanup() {
	[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

. tests/outcome.sh
die() { not_ok "$1" "${2:-}"; echo "nginx.sh: $pass passed, $fail failed"; exit 1; }

random_port() { echo $((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000)); }
host=week.example.cn

# ---- the certificate (what certbot would have put in /etc/letsencrypt) ----
mkdir -p "$T/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=$host" \
	-addext "subjectAltName=DNS:$host" -keyout "$T/tls/privkey.pem" -out "$T/tls/fullchain.pem" >"$T/openssl.log" 2>&1 ||
	die "openssl makes a self-signed certificate" "$(cat "$T/openssl.log")"

# ---- learnweek: a demo week, with the public address nginx answers at ----
https_port=$(random_port)
http_port=$(random_port)
public="https://$host:$https_port"
"$BIN" demo --data "$T/data" --public-url "$public" >/dev/null 2>"$T/demo.err" || die "learnweek demo" "$(cat "$T/demo.err")"
"$BIN" serve --data "$T/data" --listen 127.0.0.1:0 --port-file "$T/port" --public-url "$public" \
	--trusted-proxy 127.0.0.1 >"$T/server.log" 2>&1 &
SERVER_PID=$!
i=0
until [ -s "$T/port" ]; do
	i=$((i + 1))
	[ $i -lt 300 ] && kill -0 "$SERVER_PID" 2>/dev/null || die "learnweek serve starts" "$(cat "$T/server.log")"
	sleep 0.1
done
lw_port=$(cat "$T/port")

# ---- the site file with its machine paths and ports rewritten ----
# nginx's workers (www-data when the master is root) read and write under T
chmod 755 "$T"
mkdir -p "$T/nginx/cache" "$T/nginx/tmp"
user=""
if [ "$(id -u)" -eq 0 ]; then
	user="user www-data;"
	chown -R www-data "$T/nginx/cache" "$T/nginx/tmp"
fi
sed -e "s|server 127\.0\.0\.1:8080;|server 127.0.0.1:$lw_port;|" \
	-e "s|proxy_cache_path /var/cache/nginx/learnweek |proxy_cache_path $T/nginx/cache |" \
	-e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
	-e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
	-e '/listen \[::\]:/d' \
	-e "s|/etc/letsencrypt/live/$host/|$T/tls/|" \
	-e "s|include /etc/nginx/snippets/learnweek-proxy.conf;|include $(pwd)/docs/deploy/learnweek-proxy.conf;|" \
	docs/deploy/learnweek.conf >"$T/nginx/learnweek.conf"
# every machine path rewritten: the file has changed in a way this test must learn
left=$(sed 's/#.*//' "$T/nginx/learnweek.conf" | grep -n '/etc/\|/var/\|:8080\|listen 80\|listen 443')
[ -z "$left" ] && ok "the site file's paths and ports are all rewritten" ||
	die "the site file's paths and ports are all rewritten (update nginx.sh's sed for)" "$left"
cat >"$T/nginx/nginx.conf" <<CONF
$user
worker_processes 1;
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log warn;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path $T/nginx/tmp/body;
	proxy_temp_path $T/nginx/tmp/proxy;
	fastcgi_temp_path $T/nginx/tmp/fastcgi;
	uwsgi_temp_path $T/nginx/tmp/uwsgi;
	scgi_temp_path $T/nginx/tmp/scgi;
	include $T/nginx/learnweek.conf;
}
CONF
if nginx -t -c "$T/nginx/nginx.conf" -e "$T/nginx/error.log" >"$T/nginx/test.log" 2>&1; then
	ok "nginx -t accepts the site file"
else
	die "nginx -t accepts the site file" "$(cat "$T/nginx/test.log")"
fi
nginx -c "$T/nginx/nginx.conf" -e "$T/nginx/error.log" 2>>"$T/nginx/error.log" &
NGINX_PID=$!

# curl to the site by its name, the certificate checked against ours
c() { curl -s --max-time 20 --cacert "$T/tls/fullchain.pem" --resolve "$host:$https_port:127.0.0.1" \
	--resolve "$host:$http_port:127.0.0.1" "$@"; }
# get NAME PATH [curl options]: headers in $T/NAME.h, body in $T/NAME.b
get() { name=$1 path=$2; shift 2; c -D "$T/$name.h" -o "$T/$name.b" "$@" "$public$path"; }
status_of() { sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$T/$1.h"; }
header_of() { grep -i "^$2:" "$T/$1.h" | head -n 1 | sed 's/^[^:]*: *//' | tr -d '\r'; }

i=0
until c -o /dev/null "$public/healthz"; do
	i=$((i + 1))
	[ $i -lt 100 ] && kill -0 "$NGINX_PID" 2>/dev/null || die "nginx answers over HTTPS" "$(cat "$T/nginx/error.log")"
	sleep 0.1
done
ok "nginx answers over HTTPS with the certificate of the site"

# ---- the plain-http address redirects to https ----
c -D "$T/plain.h" -o /dev/null "http://$host:$http_port/resources?x=1"
loc=$(header_of plain Location)
[ "$(status_of plain)" = 301 ] && [ "$loc" = "https://$host/resources?x=1" ] &&
	ok "plain http redirects to the same address over https" ||
	not_ok "plain http redirects to the same address over https" "$(cat "$T/plain.h")"

# ---- a public page: MISS, then HIT; HSTS kept ----
get pub1 /resources
get pub2 /resources
s1=$(header_of pub1 X-Cache-Status) s2=$(header_of pub2 X-Cache-Status)
[ "$(status_of pub1)" = 200 ] && [ "$s1" = MISS ] && [ "$s2" = HIT ] && cmp -s "$T/pub1.b" "$T/pub2.b" &&
	ok "a public page is cached by nginx: X-Cache-Status MISS, then HIT, the same page" ||
	not_ok "a public page is cached by nginx: X-Cache-Status MISS, then HIT, the same page" \
		"first: $(status_of pub1) '$s1', second: $(status_of pub2) '$s2'"
grep -q '学习资源' "$T/pub2.b" && ok "the cached page is learnweek's resources page" ||
	not_ok "the cached page is learnweek's resources page" "$(head -c 400 "$T/pub2.b")"
hsts1=$(header_of pub1 Strict-Transport-Security) hsts2=$(header_of pub2 Strict-Transport-Security)
[ -n "$hsts1" ] && [ -n "$hsts2" ] && ok "proxied and cached pages keep the site's HSTS header" ||
	not_ok "proxied and cached pages keep the site's HSTS header" "$(cat "$T/pub1.h")"

# ---- the large-text variant: its own copy, never the other one ----
get big1 /resources -H 'Cookie: lw_big=1'
get big2 /resources -H 'Cookie: lw_big=1'
get std3 /resources
b1=$(header_of big1 X-Cache-Status) b2=$(header_of big2 X-Cache-Status)
[ "$b1" = MISS ] && [ "$b2" = HIT ] && ! cmp -s "$T/big1.b" "$T/pub1.b" && cmp -s "$T/big1.b" "$T/big2.b" &&
	cmp -s "$T/std3.b" "$T/pub1.b" &&
	ok "the large-text cookie gets its own cached copy, and the others keep theirs" ||
	not_ok "the large-text cookie gets its own cached copy, and the others keep theirs" "large text: '$b1' '$b2'"

# ---- a staff page: no-store, never from the cache ----
user_name=$(awk -F'\t' '$1 ~ /^[a-z0-9_]+$/ { print $1; exit }' "$T/data/demo-accounts.txt")
user_pw=$(awk -F'\t' -v u="$user_name" '$1 == u { print $2 }' "$T/data/demo-accounts.txt")
jar="$T/jar"
c -o /dev/null -c "$jar" -b "$jar" -H "Origin: $public" --data-urlencode "username=$user_name" \
	--data-urlencode "password=$user_pw" "$public/login"
grep -q 'lw_s' "$jar" 2>/dev/null && ok "a staff account logs in through nginx ($user_name)" ||
	die "a staff account logs in through nginx ($user_name)" "$(cat "$T/server.log" | tail -5)"
get staff1 /admin/accounts -b "$jar"
get staff2 /admin/accounts -b "$jar"
cc1=$(header_of staff1 Cache-Control) x1=$(header_of staff1 X-Cache-Status) x2=$(header_of staff2 X-Cache-Status)
[ "$(status_of staff1)" = 200 ] && [ "$(status_of staff2)" = 200 ] && [ "$cc1" = no-store ] &&
	[ "$x1" != HIT ] && [ "$x2" != HIT ] &&
	ok "a staff page says no-store and is never answered from nginx's cache" ||
	not_ok "a staff page says no-store and is never answered from nginx's cache" \
		"$(status_of staff1) '$cc1' '$x1', then $(status_of staff2) '$x2'"
# without the cookie nginx has nothing of it to give
get anon /admin/accounts
[ "$(status_of anon)" != 200 ] && ! grep -q "$user_name" "$T/anon.b" &&
	ok "the staff page is not given to a visitor without the session" ||
	not_ok "the staff page is not given to a visitor without the session" "$(cat "$T/anon.h")"

# ---- a response that sets a cookie: never from the cache ----
# a message left after a form (lw_f) is shown once and cleared with Set-Cookie
flash=%E5%B7%B2%E4%BF%9D%E5%AD%98%E3%80%82   # 已保存。
get ck1 / -H "Cookie: lw_f=$flash"
get ck2 / -H "Cookie: lw_f=$flash"
k1=$(header_of ck1 X-Cache-Status) k2=$(header_of ck2 X-Cache-Status)
[ "$(status_of ck1)" = 200 ] && [ "$(status_of ck2)" = 200 ] &&
	[ -n "$(header_of ck1 Set-Cookie)" ] && [ -n "$(header_of ck2 Set-Cookie)" ] && [ "$k1" != HIT ] && [ "$k2" != HIT ] &&
	grep -q '已保存。' "$T/ck2.b" &&
	ok "a response that sets a cookie is never answered from nginx's cache" ||
	not_ok "a response that sets a cookie is never answered from nginx's cache" "'$k1' then '$k2': $(cat "$T/ck2.h")"
get ck3 /
grep -q '已保存。' "$T/ck3.b" && not_ok "another visitor never sees the message" ||
	ok "another visitor never sees the message"

kill "$NGINX_PID" 2>/dev/null
wait "$NGINX_PID" 2>/dev/null
NGINX_PID=
if grep -q '\[emerg\]\|\[alert\]\|\[crit\]' "$T/nginx/error.log"; then
	not_ok "nginx logged no error" "$(grep '\[emerg\]\|\[alert\]\|\[crit\]' "$T/nginx/error.log")"
else
	ok "nginx logged no error"
fi
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=
if grep -q 'Sanitizer' "$T/server.log"; then not_ok "no sanitizer report" "$(grep -A5 Sanitizer "$T/server.log")"; fi

echo "nginx.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
