-- 161: a unit's walk of the calendar reads the index alone. The calendar
-- lists a unit's activities in its order (starts_at, id) along
-- activities_week_unit; status and ends_at were on the row, so a unit's day
-- with a content and mode filter read 9,000 rows at a million activities
-- (35 ms of CPU). With them in the index the walk reads entries only, as the
-- city-wide walk does along activities_week_status_time. The same name and
-- the same leading columns (week, unit, start): the workbook's reads unit by
-- unit in start order take it as before.
DROP INDEX activities_week_unit;
CREATE INDEX activities_week_unit ON activities(week_id, unit_id, starts_at, id, status, ends_at);
-- Its statistics, where the other indexes of activities have theirs: a
-- folder where ANALYZE has run (bench/gen.sh runs it) would otherwise hold
-- figures for every index of activities but this one, and the planner,
-- taking the missing figures for a few rows a week, chose it for the board's
-- and the statistics' queries, which then read every row through it (0.28 ->
-- 0.45 s and 0.07 -> 0.70 s of CPU at 100,000). Where ANALYZE never ran (a
-- real data folder), no figures at all, as before: figures for this index
-- alone drew the calendar's unit walk away from it.
ANALYZE activities_week_unit;
DELETE FROM sqlite_stat1 WHERE idx = 'activities_week_unit'
   AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = 'activities' AND idx <> 'activities_week_unit');
