-- 113: the board's index again with the columns migration 110 and 111 made
-- it read (off_week in "counted", count_source in "measured"): without them
-- activities_board no longer covered the board's query, which read every
-- activity row of the week (100,000 activities: 0.21 s, 0.05 s with this).
DROP INDEX activities_board;
CREATE INDEX activities_board ON activities(week_id, unit_id, status, off_week, updated_at, staff_count,
                                            reported_participants, count_source);
