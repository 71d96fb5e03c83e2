# lib.sh: what the bench scripts share. They set bin (the learnweek binary),
# source this file and call lw_begin first.

# lw_begin NAME: tmp, a new folder of its own; on exit the server (if any) is
# stopped and the folder removed, also when a signal ends the script (Ctrl-C,
# or "| head" closing the pipe: without the second trap both would stay).
lw_begin() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lw-bench-$1.XXXXXX")
	pid=""
	trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
	trap 'exit 1' HUP INT PIPE TERM
}

# lw_serve DIR: serves the data folder DIR on a free loopback port; sets pid
# and base (http://127.0.0.1:PORT). Waits up to ten minutes: the first start
# on a large folder may run a migration and index the calendar's text.
# LW_SERVE_ARGS: more serve options (e.g. --cache-mb 0: every page rendered).
lw_serve() {
	# shellcheck disable=SC2086
	"$bin" serve --data "$1" --listen 127.0.0.1:0 --port-file "$tmp/port" ${LW_SERVE_ARGS:-} >"$tmp/server.log" 2>&1 &
	pid=$!
	lw_i=0
	until [ -s "$tmp/port" ]; do
		lw_i=$((lw_i + 1))
		[ $lw_i -lt 6000 ] || { cat "$tmp/server.log" >&2; exit 1; }
		sleep 0.1
	done
	base="http://127.0.0.1:$(cat "$tmp/port")"
}

# the _csrf value of the first form in the page on stdin
lw_csrf_of() {
	grep -o 'name="_csrf" value="[0-9a-f]*"' | head -n 1 | sed 's/.*value="//; s/"$//'
}

# lw_login DIR USER: logs the demo account USER of the data folder DIR in; its
# session cookie is in jar, the session's CSRF token in csrf.
lw_login() {
	jar="$tmp/jar"
	lw_pw=$(awk -F'\t' -v u="$2" '$1 == u { print $2 }' "$1/demo-accounts.txt")
	curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base" --data-urlencode "username=$2" \
		--data-urlencode "password=$lw_pw" "$base/login"
	csrf=$(curl -s -c "$jar" -b "$jar" "$base/" | lw_csrf_of)
	[ -n "$csrf" ] || { echo "bench: could not log $2 in" >&2; exit 1; }
}

# lw_mix SECONDS [saturate]: bench/load.sh's mix, six wrk processes in the
# background against $base with $here/load.lua (its LW_* settings exported
# by the caller): residents (home, activity, ics), the 13 clerks (edit, upload)
# and the centre, each paced as people are (pauses in ms) or, with
# "saturate", without pauses. Each writes $tmp/wrk.KIND (and .err); their
# pids are added to wrk_pids.
lw_mix() {
	lw_secs=$1 lw_sat=${2:-}
	for lw_spec in "home 2 16 500" "activity 2 16 500" "ics 1 4 500" "edit 13 13 2000" "upload 13 13 2000" "centre 1 2 1000"; do
		# shellcheck disable=SC2086
		set -- $lw_spec
		lw_think=$4
		[ -n "$lw_sat" ] && lw_think=0
		LW_URL_LOG="$tmp/urls" LW_THINK_MS=$lw_think LW_KIND=$1 wrk -t"$2" -c"$3" -d"${lw_secs}s" --timeout 30s \
			-s "${here:?}/load.lua" "$base" >"$tmp/wrk.$1" 2>"$tmp/wrk.$1.err" &
		wrk_pids="${wrk_pids:-} $!"
	done
}
