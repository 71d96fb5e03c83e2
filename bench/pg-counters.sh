#!/bin/sh
# bench/pg-counters.sh [REF]: bulk writes on PostgreSQL against the counters
# its triggers keep (issue 18). Starts a private server (scripts/pg-test-cluster.sh),
# applies src/db/migrations-pg/ as of git REF (default: the work tree; e.g.
# HEAD~3 for the row triggers), then times in one transaction each:
#   - 30,000 activities in one INSERT ... SELECT (test_calendar's seed);
#   - 60,000 tags for them in one INSERT ... SELECT;
#   - 20,000 one-row tag inserts (as an import writes them), all on the
#     same few (week, unit, status, kind, value) counters.
# Needs psql (Debian's postgresql-client, installed with postgresql).
set -eu
cd "$(dirname "$0")/.."
ref=${1:-}
if [ -z "${LEARNWEEK_PG_CLUSTER:-}" ]; then
	exec sh scripts/pg-test-cluster.sh run sh "$0" "$@"
fi
db=$LEARNWEEK_PG_CLUSTER
sql() { psql "$db" -X -q -v ON_ERROR_STOP=1 "$@"; }
files=$(if [ -n "$ref" ]; then git ls-tree --name-only "$ref" src/db/migrations-pg/; else ls src/db/migrations-pg/*.sql; fi | sort)
for f in $files; do
	if [ -n "$ref" ]; then git show "$ref:$f"; else cat "$f"; fi | sql -1 >/dev/null
done
echo "migrations: $(echo "$files" | sed 's|.*/||' | tr '\n' ' ')"
sql <<'SQL'
INSERT INTO units(name, kind, code, created_at) VALUES ('市', '市', 'city', 0);
INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)
SELECT id, 2022, '周', '主题', '2022-12-01', '2022-12-07', 0, 0, 0 FROM units;
SQL
t() { # label, SQL: the seconds it takes
	s=$(date +%s.%N)
	sql -c "$2" >/dev/null
	printf '%-44s %6.2f s\n' "$1" "$(echo "$(date +%s.%N) - $s" | bc)"
}
t "30,000 activities, one INSERT" "INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, status, checkin_code, created_at, updated_at)
 SELECT w.id, w.unit_id, '第' || i || '场', '学院', CASE i % 3 WHEN 0 THEN 'offline' WHEN 1 THEN 'online' ELSE 'both' END,
        1669852800 + i * 60, 1669856400 + i * 60, 'published', 'c', 0, 0 FROM weeks w, generate_series(1, 30000) i"
t "60,000 tags, one INSERT" "INSERT INTO activity_tags(activity_id, kind, value)
 SELECT id, 'content', (id % 4)::text FROM activities UNION ALL SELECT id, 'audience', '城乡社区居民' FROM activities"
gen() { echo "BEGIN;"; i=1; while [ $i -le 20000 ]; do echo "INSERT INTO activity_tags(activity_id, kind, value) VALUES ($i, 'subject', '读书');"; i=$((i + 1)); done; echo "COMMIT;"; }
gen > "${TMPDIR:-/tmp}/pg-counters.$$.sql"
s=$(date +%s.%N)
sql -f "${TMPDIR:-/tmp}/pg-counters.$$.sql" >/dev/null
printf '%-44s %6.2f s\n' "20,000 one-row tag inserts, one transaction" "$(echo "$(date +%s.%N) - $s" | bc)"
rm -f "${TMPDIR:-/tmp}/pg-counters.$$.sql"
sql -Atc "SELECT 'tag_counts of subject 读书: ' || n FROM tag_counts WHERE kind = 'subject'"
