# lib.sh: what the reliability scripts share, sourced after they set
#   bin  the learnweek binary      tmp  their own temp folder (mktemp -d)
#   data the data folder
# start        serve $data on a free loopback port; sets pid and base
# stop         SIGTERM the server and wait for it
# signin USER  signs USER (a demo account) in with the cookie jar $tmp/jar.USER;
#              prints the session's CSRF token
# csrf_of      the first _csrf value of the page on stdin
# sql SQL      one query on the data folder's database (waits for a write lock)

start() {
	rm -f "$tmp/port"
	"$bin" serve --data "$data" --listen 127.0.0.1:0 --port-file "$tmp/port" >>"$tmp/server.log" 2>&1 &
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
	curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$c" --data-urlencode "username=$1" \
		--data-urlencode "password=$pw" "$base/login"
	curl -s -c "$jar" -b "$jar" "$base/admin" | csrf_of
}

sql() {
	sqlite3 -cmd ".timeout 10000" "$data/learnweek.db" "$1"
}
