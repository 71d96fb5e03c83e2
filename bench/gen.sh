#!/bin/sh
# gen.sh DIR N [SPREAD]: adds N generated activities (spread over the 13 demo units and the
# seven days of the latest week, the demo's live one, with content-item, audience and form tags) to the data
# folder DIR made by `learnweek demo`. SPREAD, a SELECT of (unit_id, week_id) rows, spreads
# them over those units instead, each in its week's seven days (bench/levels.sh).
# Plain SQL through the sqlite3 shell: a million
# rows take seconds this way, where going through the web forms would take hours.
set -eu
dir=$1
n=$2
spread=${3:-"SELECT id AS unit_id, (SELECT id FROM weeks ORDER BY year DESC LIMIT 1) AS week_id FROM units WHERE parent_id IS NOT NULL"}
db="$dir/learnweek.db"
[ -f "$db" ] || { echo "gen.sh: $db not found (run learnweek demo --data $dir first)" >&2; exit 2; }
sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
BEGIN;
CREATE TEMP TABLE u AS SELECT row_number() OVER (ORDER BY s.unit_id) - 1 AS k, s.unit_id, s.week_id,
  CAST((julianday(w.starts_on) - 2440587.5) * 86400 - 8 * 3600 AS INTEGER) AS t0
  FROM ($spread) s JOIN weeks w ON w.id = s.week_id;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $n)
INSERT INTO activities(week_id, unit_id, title, host, co_hosts, mode, starts_at, ends_at, venue, street,
                       online_url, capacity, description, featured, reported_participants, staff_count,
                       status, checkin_code, import_key, revision, created_at, updated_at)
SELECT u.week_id, u.unit_id,
       '第' || i || '场社区学习活动：' || CASE i % 5 WHEN 0 THEN '家庭教育讲座' WHEN 1 THEN '智慧助老培训'
            WHEN 2 THEN '读书沙龙' WHEN 3 THEN '二十大精神宣讲' ELSE '职业技能大讲堂' END,
       '社区教育学院第' || (i % 40) || '教学点', '',
       CASE i % 3 WHEN 0 THEN 'online' WHEN 1 THEN 'offline' ELSE 'both' END,
       u.t0 + (i % 7) * 86400 + (8 + i % 10) * 3600,
       u.t0 + (i % 7) * 86400 + (10 + i % 10) * 3600,
       '市民学校' || (i % 97) || '号教室', '第' || (i % 23) || '街道', 'https://example.org/live/' || i,
       CASE WHEN i % 4 = 0 THEN 50 ELSE NULL END, '生成的基准测试数据。', i % 17 = 0,
       CASE WHEN i % 2 = 0 THEN 30 + i % 50 ELSE NULL END, 0,
       CASE WHEN i % 29 = 0 THEN 'cancelled' WHEN i % 31 = 0 THEN 'draft' ELSE 'published' END,
       lower(hex(randomblob(16))), 'bench-' || i, 0, strftime('%s','now'), strftime('%s','now')
FROM seq JOIN u ON u.k = seq.i % (SELECT count(*) FROM u);
INSERT INTO activity_tags(activity_id, kind, value)
  SELECT id, 'content', CAST(id % 6 + 1 AS TEXT) FROM activities WHERE import_key LIKE 'bench-%';
INSERT INTO activity_tags(activity_id, kind, value)
  SELECT id, 'audience', CASE id % 4 WHEN 0 THEN '老年人群' WHEN 1 THEN '城乡社区居民' WHEN 2 THEN '企业职工' ELSE '青少年' END
  FROM activities WHERE import_key LIKE 'bench-%';
INSERT INTO activity_tags(activity_id, kind, value)
  SELECT id, 'form', CASE id % 3 WHEN 0 THEN '讲座' WHEN 1 THEN '培训' ELSE '读书活动' END FROM activities WHERE import_key LIKE 'bench-%';
COMMIT;
ANALYZE;
SQL
echo "gen.sh: $(sqlite3 "$db" 'SELECT count(*) FROM activities') activities in $dir"
