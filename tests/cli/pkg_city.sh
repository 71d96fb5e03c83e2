#!/bin/sh
# pkg_city.sh BIN DIR: a city's own install for the signed package tests
# (tests/cli/package.sh, tests/http/test_pkg.c, tests/e2e/pkg.test.mjs):
# `learnweek demo` into DIR, the 2022 city form finalised (定稿) by its centre
# admin over HTTP as the page does it, and the install's key pair; prints the
# public key (the last line of stdout). Exit status 0, else what failed.
set -u
BIN=$1
DIR=$2
unset LEARNWEEK_DATABASE
"$BIN" demo --data "$DIR" >"$DIR.demo.log" 2>&1 || { echo "pkg_city: demo failed" >&2; exit 1; }
"$BIN" serve --data "$DIR" --listen 127.0.0.1:0 --port-file "$DIR.port" >"$DIR.serve.log" 2>&1 &
pid=$!
i=0
while [ ! -s "$DIR.port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
base="http://127.0.0.1:$(cat "$DIR.port")"
jar="$DIR.jar"
pw=$(awk -F'\t' '$1 == "centre_admin" { print $2 }' "$DIR/demo-accounts.txt")
week=$("$BIN" sql --data "$DIR" <<SQL
SELECT id FROM weeks WHERE year = 2022;
SQL
)
csrf() { curl -s -c "$jar" -b "$jar" "$base$1" | grep -o 'name="_csrf" value="[0-9a-f]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }
t=$(csrf /login)
curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base" --data-urlencode "_csrf=$t" --data-urlencode username=centre_admin \
	--data-urlencode "password=$pw" "$base/login"
t=$(csrf "/admin/city-form?week=$week")
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H "Origin: $base" --data "_csrf=$t&week=$week" "$base/admin/city-form/finalise")
kill "$pid"
wait "$pid" 2>/dev/null
[ "$code" = 303 ] || { echo "pkg_city: 定稿 of the 2022 city form answered $code" >&2; exit 1; }
"$BIN" package keygen --data "$DIR" | tail -n 1
