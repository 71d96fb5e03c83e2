#!/bin/sh
# pg-migrate.sh: learnweek migrate-to-postgres (issue 18). The demo's SQLite
# folder is copied into an empty PostgreSQL database (every row and file
# verified by the command), then the same folder served on each engine at
# once shows the same key pages, as a resident and as the centre: the
# calendar, an activity, the board, the city form, the statistics (CSRF
# tokens aside). A second migration into the now used database is refused in
# Chinese and changes nothing.
# Run: sh scripts/pg-test-cluster.sh run sh tests/reliability/pg-migrate.sh [BIN]
set -eu
bin=${1:-./learnweek}
: "${LEARNWEEK_PG_CLUSTER:?run under scripts/pg-test-cluster.sh run (make pg-ops)}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lwpgmigrate.XXXXXX")
data=$tmp/data
export LEARNWEEK_FAST_HASH=1
. tests/reliability/lib.sh
. tests/reliability/pg.sh
pids=""
trap 'for p in $pids; do kill $p 2>/dev/null || true; wait $p 2>/dev/null || true; done; pg_drop; rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

pg_new_database lwm
now=2022-12-03T10:00+08:00
"$bin" demo --data "$data" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
if "$bin" migrate-to-postgres --data "$data" --database "$LW_DB" >"$tmp/migrate.log" 2>&1; then
	ok "migrated: $(grep '核对' "$tmp/migrate.log")"
else
	cat "$tmp/migrate.log" >&2
	exit 1
fi
grep -q '0 张表有问题' "$tmp/migrate.log" && grep -q '0 个问题' "$tmp/migrate.log" || fail "the migration's own check: $(tail -n 3 "$tmp/migrate.log")"

# the folder on each engine at once, at the demo's 2022 instant
serve_on sqlite --now "$now" --public-url https://week.example.cn
serve_on pg --now "$now" --public-url https://week.example.cn --database "$LW_DB"
# shellcheck disable=SC2154
lite=$base_sqlite pg=$base_pg
act=$(sqlite3 "$data/learnweek.db" "SELECT min(id) FROM activities WHERE status = 'published'")
pw=$(awk -F'\t' '$1 == "centre_admin" { print $2 }' "$data/demo-accounts.txt")
for b in "$lite" "$pg"; do
	jar="$tmp/jar.$(echo "$b" | tr -dc 0-9)"
	c=$(curl -s -c "$jar" -b "$jar" "$b/login" | csrf_of)
	# a sign-in form comes from the public address (--public-url)
	curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: https://week.example.cn" --data-urlencode "_csrf=$c" \
		--data-urlencode "username=centre_admin" --data-urlencode "password=$pw" "$b/login"
done
# page PATH: identical on both engines?
same() {
	for b in "$lite" "$pg"; do
		curl -s -b "$tmp/jar.$(echo "$b" | tr -dc 0-9)" -o "$tmp/page" -w '%{http_code}\n' "$b$1" >"$tmp/code"
		# the session's CSRF token differs, and the clock (--now advances with
		# real time) may have moved on between the two: nothing else may
		sed 's/name="_csrf" value="[0-9a-f]*"/_csrf/g; s/"csrf":"[0-9a-f]*"/csrf/g; s/data-now="[0-9]*"/data-now/g;
			s/<strong class="countdown">[^<]*</countdown</g' "$tmp/page" >"$tmp/page.$(echo "$b" | tr -dc 0-9)"
		echo "$(cat "$tmp/code")" >>"$tmp/page.$(echo "$b" | tr -dc 0-9)"
	done
	l="$tmp/page.$(echo "$lite" | tr -dc 0-9)" p="$tmp/page.$(echo "$pg" | tr -dc 0-9)"
	if [ "$(tail -n 1 "$l")" != 200 ]; then
		fail "$1 on SQLite: $(tail -n 1 "$l")"
	elif cmp -s "$l" "$p"; then
		ok "$1 reads the same on both ($(wc -c <"$l") bytes)"
	else
		fail "$1 differs between SQLite and PostgreSQL:"
		diff "$l" "$p" | head -n 12 >&2 || true
	fi
}
same /
same "/a/$act"
same /admin/board
same /admin/city-form
same /admin/stats
stop_all() { for p in $pids; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=""; }
stop_all
pg_digests "$LW_DB" >"$tmp/digests.before"

rc=0
"$bin" migrate-to-postgres --data "$data" --database "$LW_DB" >"$tmp/again.log" 2>&1 || rc=$?
[ $rc -eq 2 ] && grep -q '已有数据表' "$tmp/again.log" && ok "a database with data is refused" \
	|| fail "a second migration: exit $rc, $(cat "$tmp/again.log")"
pg_digests "$LW_DB" >"$tmp/digests.after"
cmp -s "$tmp/digests.before" "$tmp/digests.after" && ok "and nothing in it changed" || fail "the refused migration changed the database"

[ $failures -eq 0 ] || { echo "pg-migrate: $failures failure(s)" >&2; exit 1; }
echo "pg-migrate: all passed"
