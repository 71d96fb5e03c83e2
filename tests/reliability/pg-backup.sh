#!/bin/sh
# pg-backup.sh: check, backup and restore on PostgreSQL (issue 18). The demo
# on one database is backed up (pg_dump and the file store in one ZIP) and
# restored into an empty database and a new folder: every table reads the
# same (row counts and a digest of the rows), check finds nothing wrong; a
# restore into a database that has tables, or without --database, is refused
# in Chinese; check finds a missing file and a broken reference.
# Run: sh scripts/pg-test-cluster.sh run sh tests/reliability/pg-backup.sh [BIN]
set -eu
bin=${1:-./learnweek}
: "${LEARNWEEK_PG_CLUSTER:?run under scripts/pg-test-cluster.sh run (make pg-ops)}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lwpgbackup.XXXXXX")
export LEARNWEEK_FAST_HASH=1
. tests/reliability/pg.sh
trap 'pg_drop; LW_DB_NAME=${second:-}; pg_drop; rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

pg_new_database lwb
src=$LW_DB first=$LW_DB_NAME
second=lwr_$$
pg_admin "CREATE DATABASE $second"
dst=$(pg_address "$second")

"$bin" demo --data "$tmp/d1" --database "$src" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
"$bin" backup --data "$tmp/d1" --database "$src" "$tmp/b.zip" >"$tmp/backup.log" 2>&1 || { cat "$tmp/backup.log" >&2; exit 1; }
unzip -l "$tmp/b.zip" | grep -q ' learnweek.pgdump$' && ok "the backup holds the dump" || fail "no learnweek.pgdump in the backup"
nfiles=$(find "$tmp/d1/files" -type f ! -path "$tmp/d1/files/tmp/*" | wc -l)
[ "$(unzip -l "$tmp/b.zip" | grep -c ' files/')" -eq "$nfiles" ] && ok "and the $nfiles stored files" || fail "the backup lacks stored files"

if "$bin" restore --data "$tmp/d2" --database "$dst" "$tmp/b.zip" >"$tmp/restore.log" 2>&1; then ok "restored"
else fail "restore: $(cat "$tmp/restore.log")"; fi
pg_digests "$src" >"$tmp/src.digests"
pg_digests "$dst" >"$tmp/dst.digests"
if cmp -s "$tmp/src.digests" "$tmp/dst.digests"; then ok "every table the same ($(wc -l <"$tmp/src.digests") tables)"
else fail "tables differ:"; diff "$tmp/src.digests" "$tmp/dst.digests" >&2 || true; fi
if "$bin" check --data "$tmp/d2" --database "$dst" >"$tmp/check.log" 2>&1 && grep -q '0 个问题' "$tmp/check.log"; then
	ok "check of the restored copy: $(tail -n 1 "$tmp/check.log")"
else fail "check of the restored copy: $(cat "$tmp/check.log")"; fi

# refusals
rc=0; "$bin" restore --data "$tmp/d3" --database "$dst" "$tmp/b.zip" >"$tmp/again.log" 2>&1 || rc=$?
[ $rc -eq 2 ] && grep -q '已有数据表' "$tmp/again.log" && [ ! -e "$tmp/d3" ] && ok "a database with tables is refused" \
	|| fail "restore into a used database: exit $rc, $(cat "$tmp/again.log")"
rc=0; "$bin" restore --data "$tmp/d4" "$tmp/b.zip" >"$tmp/nodb.log" 2>&1 || rc=$?
[ $rc -eq 2 ] && grep -q '请加 --database' "$tmp/nodb.log" && ok "a PostgreSQL backup without --database is refused" \
	|| fail "restore without --database: exit $rc, $(cat "$tmp/nodb.log")"

# check finds what is wrong
f=$(find "$tmp/d2/files" -type f ! -path "$tmp/d2/files/tmp/*" | head -n 1)
rm "$f"
rc=0; "$bin" check --data "$tmp/d2" --database "$dst" >"$tmp/check2.log" 2>&1 || rc=$?
[ $rc -eq 1 ] && grep -q "文件缺失：$(basename "$f")" "$tmp/check2.log" && ok "check finds the missing file" \
	|| fail "check with a file missing: exit $rc, $(cat "$tmp/check2.log")"
psql -X -q -d "$dst" -c "SET session_replication_role = replica;
	DELETE FROM units WHERE id = (SELECT unit_id FROM activities ORDER BY id LIMIT 1)" >/dev/null
rc=0; "$bin" check --data "$tmp/d2" --database "$dst" >"$tmp/check3.log" 2>&1 || rc=$?
[ $rc -eq 1 ] && grep -q '外键不一致：表 activities 有 [0-9]* 行的 unit_id 引用的 units 不存在' "$tmp/check3.log" \
	&& ok "check finds the broken reference" || fail "check with a unit deleted under its activities: exit $rc, $(cat "$tmp/check3.log")"

LW_DB_NAME=$first
[ $failures -eq 0 ] || { echo "pg-backup: $failures failure(s)" >&2; exit 1; }
echo "pg-backup: all passed"
