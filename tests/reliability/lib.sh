# lib.sh: what the reliability scripts share, sourced after they set
#   bin  the learnweek binary      tmp  their own temp folder (mktemp -d)
#   data the data folder
# start        serve $data on a free loopback port; sets pid and base
# stop         SIGTERM the server and wait for it
# signin USER  signs USER (a demo account) in with the cookie jar $tmp/jar.USER;
#              prints the session's CSRF token
# session USER signs USER in; prints "COOKIE CSRF" (the lw_s value and token)
# unit_sessions FILE  the 13 unit admins signed in, one line each in FILE:
#              "COOKIE CSRF UNIT ACTIVITY" (an activity of the unit), as
#              bench/load.lua reads them
# csrf_of      the first _csrf value of the page on stdin
# sql SQL      one query on the data folder's database (waits for a write lock)
# tiny_png F   writes a valid 1x1 PNG to F
# week_days    the days of the current week (the latest: the demo's live one,
#              which bench/gen.sh fills), comma-separated, for LW_DAYS

start() {
	rm -f "$tmp/port"
	# shellcheck disable=SC2086
	"$bin" serve --data "$data" --listen 127.0.0.1:0 --port-file "$tmp/port" ${LW_SERVE_ARGS:-} >>"$tmp/server.log" 2>&1 &
	pid=$!
	i=0
	until [ -s "$tmp/port" ]; do
		i=$((i + 1))
		if [ $i -gt 200 ] || ! kill -0 "$pid" 2>/dev/null; then
			tail -n 20 "$tmp/server.log" >&2
			echo "the server did not start" >&2
			return 1
		fi
		sleep 0.05
	done
	base="http://127.0.0.1:$(cat "$tmp/port")"
}

stop() {
	[ -n "${pid:-}" ] || return 0
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	pid=""
}

csrf_of() {
	grep -o 'name="_csrf" value="[0-9a-f]*"' | head -n 1 | sed 's/.*value="//; s/"$//'
}

signin() {
	jar="$tmp/jar.$1"
	rm -f "$jar"
	pw=$(awk -F'\t' -v u="$1" '$1 == u { print $2 }' "$data/demo-accounts.txt")
	c=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf_of)
	curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base" --data-urlencode "_csrf=$c" --data-urlencode "username=$1" \
		--data-urlencode "password=$pw" "$base/login"
	curl -s -c "$jar" -b "$jar" "$base/admin" | csrf_of
}

session() {
	c=$(signin "$1")
	s=$(awk '$6 == "lw_s" { print $7 }' "$tmp/jar.$1")
	[ -n "$s" ] && [ -n "$c" ] || { echo "cannot sign in as $1" >&2; return 1; }
	echo "$s $c"
}

unit_sessions() {
	: >"$1"
	for u in $(sql "SELECT a.username || ':' || a.unit_id FROM accounts a JOIN units u ON u.id = a.unit_id
			WHERE a.role = 'unit_admin' AND u.parent_id IS NOT NULL ORDER BY a.unit_id"); do
		act=$(sql "SELECT min(id) FROM activities WHERE unit_id = ${u#*:}")
		echo "$(session "${u%%:*}") ${u#*:} $act" >>"$1"
	done
	[ "$(wc -l <"$1")" -eq 13 ] || { echo "expected 13 unit admins" >&2; return 1; }
}

week_days() {
	sql "WITH RECURSIVE d(day, last) AS (SELECT starts_on, ends_on FROM (SELECT * FROM weeks ORDER BY year DESC LIMIT 1)
		UNION ALL SELECT date(day, '+1 day'), last FROM d WHERE day < last) SELECT group_concat(day) FROM d"
}

tiny_png() {
	printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\006\000\000\000\037\025\304\211\000\000\000\nIDATx\234c\000\001\000\000\005\000\001\r\n-\264\000\000\000\000IEND\256B`\202' >"$1"
}

sql() {
	sqlite3 -cmd ".timeout 10000" "$data/learnweek.db" "$1"
}
