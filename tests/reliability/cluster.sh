#!/bin/sh
# cluster.sh: two `serve` processes on one PostgreSQL database and one shared
# data folder (issue 18, many servers): a session made on one works on the
# other, the login throttle counts failures on both, a write through one is
# on the other's public page at once (no stale cached page), and export jobs
# are each done exactly once: queued on one server, queued in the database
# for both to race for (FOR UPDATE SKIP LOCKED), and left running by a server
# that died (its lease runs out, another takes it over); what a killed server
# left in exports is removed at the next start, what a running one writes is not.
# Run: sh scripts/pg-test-cluster.sh run sh tests/reliability/cluster.sh [BIN]
# (make pg-ops), which gives LEARNWEEK_PG_CLUSTER.
set -eu
bin=${1:-./learnweek}
: "${LEARNWEEK_PG_CLUSTER:?run under scripts/pg-test-cluster.sh run (make pg-ops)}"
for c in curl psql; do
	command -v $c >/dev/null 2>&1 || { echo "cluster: $c is missing (Debian package ${c%psql}$([ $c = psql ] && echo postgresql-client))" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lwcluster.XXXXXX")
data=$tmp/data
export LEARNWEEK_FAST_HASH=1
. tests/reliability/lib.sh
. tests/reliability/pg.sh
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	for p in $pids; do wait "$p" 2>/dev/null || true; done
	pg_drop
	rm -rf "$tmp"
}
trap cleanup EXIT
pg_new_database lwc
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}
ok() { echo "ok: $*"; }

"$bin" demo --data "$data" --database "$LW_DB" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }

serve_on a --database "$LW_DB"
serve_on b --database "$LW_DB"
# shellcheck disable=SC2154
echo "two servers: $base_a and $base_b"

# 1. a session made on a works on b
base=$base_a
signin centre_admin >/dev/null
code=$(curl -s -o "$tmp/admin.b" -w "%{http_code}" -b "$tmp/jar.centre_admin" "$base_b/admin/exports"); [ "$code" = 200 ] || { cat "$tmp/jar.centre_admin"; head -c 600 "$tmp/admin.b"; }
if [ "$code" = 200 ] && grep -q "退出" "$tmp/admin.b"; then ok "signed in on a, the exports page on b"; else fail "the session of a on b: $code"; fi

# 2. the login throttle counts failures on both servers: 3 wrong passwords on
# a and 2 on b, then b refuses the sixth attempt
for s in "$base_a" "$base_a" "$base_a" "$base_b" "$base_b"; do
	curl -s -o /dev/null -H "Origin: $s" --data-urlencode "username=donghu_admin" --data-urlencode "password=wrong-pass" "$s/login"
done
curl -s -o "$tmp/throttled" -H "Origin: $base_b" --data-urlencode "username=donghu_admin" --data-urlencode "password=wrong-pass" "$base_b/login"
if grep -q '登录失败次数过多' "$tmp/throttled"; then ok "5 failures across a and b throttle the sixth"; else fail "no throttle after 5 failures across both servers"; fi

# 3. a write through a is on b's public page at once
act=$(pg_sql "SELECT id FROM activities WHERE status = 'published' AND capacity > 3 AND starts_at > extract(epoch FROM now())
	AND (SELECT count(*) FROM registrations s WHERE s.activity_id = activities.id) < capacity - 1 ORDER BY id LIMIT 1")
[ -n "$act" ] || { echo "no activity with free places in the demo" >&2; exit 1; }
curl -s "$base_b/a/$act" >/dev/null # rendered and kept by b's cache
left=$(curl -s "$base_b/a/$act" | sed -n 's/.*还剩 \([0-9]*\) 个.*/\1/p' | head -n 1)
[ -n "$left" ] || fail "b's page of activity $act shows no places left"
curl -s -o "$tmp/signup" -H "Origin: $base_a" --data-urlencode "name=王五" --data-urlencode "phone=13912345678" "$base_a/a/$act/signup"
grep -q '报名成功' "$tmp/signup" || fail "signing up through a: $(grep -o '<main.*' "$tmp/signup" | head -c 300)"
curl -s "$base_b/a/$act" >"$tmp/after"
if grep -q "还剩 $((left - 1)) 个" "$tmp/after"; then ok "a sign-up through a shows on b at once ($left places, then $((left - 1)))"
else fail "b still shows $(grep -o '还剩 [0-9]* 个' "$tmp/after") (before: $left)"; fi

# 4. export jobs, each done exactly once
csrf=$(curl -s -b "$tmp/jar.centre_admin" "$base_a/admin/exports" | csrf_of)
week=$(pg_sql "SELECT id FROM weeks WHERE parent_week_id IS NULL ORDER BY year DESC LIMIT 1")
curl -s -o /dev/null -b "$tmp/jar.centre_admin" -H "Origin: $base_a" --data-urlencode "_csrf=$csrf" \
	--data-urlencode "week=$week" --data-urlencode "kind=city_xlsx" "$base_a/admin/exports"
first=$(pg_sql "SELECT max(id) FROM jobs")
[ -n "$first" ] || { fail "no job queued through a"; first=0; }
# every other kind and week at once, straight into the queue: both servers look
pg_sql "INSERT INTO jobs(kind, week_id, created_at, step) SELECT k, w.id, 0, '排队等候' FROM weeks w
	CROSS JOIN (VALUES ('city_xlsx'), ('city_zip')) AS kinds(k) WHERE w.parent_week_id IS NULL
	AND NOT (w.id = $week AND k = 'city_xlsx')" >/dev/null
# wait_jobs: until no job is queued or running (60 s at most)
wait_jobs() {
	i=0
	while [ "$(pg_sql "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')")" != 0 ]; do
		i=$((i + 1))
		[ $i -le 300 ] || { fail "jobs still queued or running after 60 s"; return; }
		sleep 0.2
	done
}
wait_jobs
# each job's "done by" line in exactly one server's log
check_once() {
	for j in $(pg_sql "SELECT id FROM jobs WHERE id >= $first ORDER BY id"); do
		st=$(pg_sql "SELECT status FROM jobs WHERE id = $j")
		n=$(cat "$tmp"/server.*.log | grep -c "export job $j done by" || true)
		f=$(pg_sql "SELECT file FROM jobs WHERE id = $j")
		if [ "$st" = done ] && [ "$n" = 1 ] && [ -s "$data/exports/$f" ]; then
			ok "job $j done once ($(pg_sql "SELECT owner FROM jobs WHERE id = $j"))"
		else
			fail "job $j: status $st, done $n times, file ${f:-none}"
		fi
	done
}
check_once
# both servers took part (5 jobs; each polls every 3 s)
na=$(grep -c "export job [0-9]* done by" "$tmp/server.a.log" || true)
nb=$(grep -c "export job [0-9]* done by" "$tmp/server.b.log" || true)
echo "jobs done: $na by a, $nb by b"
# the file of a job done on one server downloads from the other
jb=$(pg_sql "SELECT id FROM jobs WHERE id >= $first AND status = 'done' ORDER BY id LIMIT 1")
size=$(pg_sql "SELECT size FROM jobs WHERE id = $jb")
got=$(curl -s -o "$tmp/job.file" -w '%{http_code} %{size_download}' -b "$tmp/jar.centre_admin" "$base_b/admin/exports/$jb/file")
[ "$got" = "200 $size" ] && ok "job $jb's file from b" || fail "job $jb's file from b: $got (size $size)"

# a job left running by a server that died: its lease ended a minute ago
dead=$(pg_sql "INSERT INTO jobs(kind, week_id, created_at, status, started_at, step, owner, lease_until)
	VALUES ('city_xlsx', $week, 0, 'running', 0, '开始', 'gone:1:00000000', extract(epoch FROM now())::bigint - 60)
	RETURNING id" | head -n 1)
kill -9 "$pid_a"
wait "$pid_a" 2>/dev/null || true
first=$dead
wait_jobs
check_once
if grep -q "export job $dead done by" "$tmp/server.b.log"; then ok "b took over the dead server's job"; else fail "b did not take over job $dead"; fi
# b still serves after a died
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base_b/")" = 200 ] || fail "b does not answer after a was killed"

# what a killed server left in exports: a bundle part (its name names no job)
# untouched for two days goes at the next server's start; one written a
# moment ago (a package export running on another server) stays
touch -d '2 days ago' "$data/exports/bundle-part-killed"
touch "$data/exports/bundle-part-running"
serve_on c --database "$LW_DB"
if [ ! -e "$data/exports/bundle-part-killed" ] && [ -e "$data/exports/bundle-part-running" ]; then
	ok "a new server removed the killed server's old bundle part and kept a running one's"
else
	fail "exports after c started: $(ls "$data/exports" | grep bundle-part | tr '\n' ' ')"
fi

if [ $failures -ne 0 ]; then
	echo "cluster: $failures failure(s); logs:" >&2
	tail -n 20 "$tmp"/server.*.log >&2
	exit 1
fi
echo "cluster: all passed"
