#!/bin/sh
# gen.sh DIR N: adds N generated activities (spread over the 13 demo units and the
# seven days of the latest week, the demo's live one, with content-item, audience and form tags) to the data
# folder DIR made by `learnweek demo`. Plain SQL through the sqlite3 shell: a million
# rows take seconds this way, where going through the web forms would take hours.
set -eu
dir=$1
n=$2
db="$dir/learnweek.db"
[ -f "$db" ] || { echo "gen.sh: $db not found (run learnweek demo --data $dir first)" >&2; exit 2; }
sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
BEGIN;
CREATE TEMP TABLE u AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM units WHERE parent_id IS NOT NULL;
CREATE TEMP TABLE w AS SELECT id, (julianday(starts_on) - 2440587.5) * 86400 - 8 * 3600 AS t0 FROM weeks ORDER BY year DESC LIMIT 1;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $n)
INSERT INTO activities(week_id, unit_id, title, host, co_hosts, mode, starts_at, ends_at, venue, street,
                       online_url, capacity, description, featured, reported_participants, staff_count,
                       status, checkin_code, import_key, revision, created_at, updated_at)
SELECT w.id, u.id,
       '第' || i || '场社区学习活动：' || CASE i % 5 WHEN 0 THEN '家庭教育讲座' WHEN 1 THEN '智慧助老培训'
            WHEN 2 THEN '读书沙龙' WHEN 3 THEN '二十大精神宣讲' ELSE '职业技能大讲堂' END,
       '社区教育学院第' || (i % 40) || '教学点', '',
       CASE i % 3 WHEN 0 THEN 'online' WHEN 1 THEN 'offline' ELSE 'both' END,
       CAST(w.t0 AS INTEGER) + (i % 7) * 86400 + (8 + i % 10) * 3600,
       CAST(w.t0 AS INTEGER) + (i % 7) * 86400 + (10 + i % 10) * 3600,
       '市民学校' || (i % 97) || '号教室', '第' || (i % 23) || '街道', 'https://example.org/live/' || i,
       CASE WHEN i % 4 = 0 THEN 50 ELSE NULL END, '生成的基准测试数据。', i % 17 = 0,
       CASE WHEN i % 2 = 0 THEN 30 + i % 50 ELSE NULL END, 0,
       CASE WHEN i % 29 = 0 THEN 'cancelled' WHEN i % 31 = 0 THEN 'draft' ELSE 'published' END,
       lower(hex(randomblob(16))), 'bench-' || i, 0, strftime('%s','now'), strftime('%s','now')
FROM seq JOIN u ON u.k = seq.i % 13 CROSS JOIN w;
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
