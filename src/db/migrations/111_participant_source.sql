-- 111: participants without silent loss (issue 12, point 5).
--
-- An activity counts its people from one source: the check-ins plus the
-- staff's tally of walk-ins, or the number its organiser reported. Without a
-- word the first won whenever it existed (186 reported, 12 walk-ins tallied:
-- 12). Where both exist and differ, the clerk now confirms which is right,
-- with a reason: count_source 'measured' or 'reported' ('' not confirmed:
-- the check-ins and tally still count, and the form page and the checklist
-- ask). count_reason is the clerk's reason.
ALTER TABLE activities ADD COLUMN count_source TEXT NOT NULL DEFAULT '' CHECK (count_source IN ('', 'measured', 'reported'));
ALTER TABLE activities ADD COLUMN count_reason TEXT NOT NULL DEFAULT '';

-- the figures' covering index (110) covers the choice too
DROP INDEX activities_stats;
CREATE INDEX activities_stats ON activities(week_id, unit_id, mode, featured, staff_count, reported_participants, starts_at, ends_at, status, off_week, count_source)
    WHERE status = 'published' AND off_week = 0;
