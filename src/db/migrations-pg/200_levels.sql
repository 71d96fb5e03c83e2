-- 200 (PostgreSQL): SQLite's 200_levels.sql: a unit's kind may be any level of
-- the tree, 省 to 街道 (SQLite rebuilds the table; PostgreSQL changes the check).
ALTER TABLE units DROP CONSTRAINT units_kind_check;
ALTER TABLE units ADD CONSTRAINT units_kind_check CHECK (kind IN ('省', '市', '区', '县', '开发区', '管理局', '街道'));
