-- 110: the week bounds the form (issue 12, point 3).
--
-- An activity counts in a week only when it takes place within the week's
-- dates, or up to weeks.extended_to when the centre set one ("活动可延至12月9日";
-- '' none). One outside them is saved only when the clerk marks it 周外活动
-- (activities.off_week = 1): kept and shown on the calendar, listed on the
-- form as not counted, and counted nowhere. Every figure therefore reads
-- "status = 'published' AND off_week = 0" (COUNTED in src/domain/activity.h).
ALTER TABLE weeks ADD COLUMN extended_to TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN off_week INTEGER NOT NULL DEFAULT 0 CHECK (off_week IN (0, 1));

-- Activities already saved outside their week (only a warning was given so
-- far) stay, marked as what they are: they stop moving the week's figures.
-- Dates are Beijing time: a day starts at 16:00 UTC of the day before.
UPDATE activities SET off_week = 1
 WHERE EXISTS (SELECT 1 FROM weeks w WHERE w.id = activities.week_id
                  AND (activities.starts_at < CAST(strftime('%s', w.starts_on) AS INTEGER) - 28800
                       OR activities.ends_at > CAST(strftime('%s', w.ends_on) AS INTEGER) + 86400 - 28800));

-- The covering indexes of the figures (041) cover what is counted.
DROP INDEX activities_stats;
DROP INDEX activities_scope;
CREATE INDEX activities_stats ON activities(week_id, unit_id, mode, featured, staff_count, reported_participants, starts_at, ends_at, status, off_week)
    WHERE status = 'published' AND off_week = 0;
CREATE INDEX activities_scope ON activities(week_id, unit_id, host, street, status, off_week) WHERE status = 'published' AND off_week = 0;

-- tag_counts (041) keeps an off-week activity's tags under the status
-- 'off_week:<status>', which no figure reads; the triggers follow off_week too.
DROP TRIGGER tag_counts_add;
DROP TRIGGER tag_counts_remove;
DROP TRIGGER tag_counts_move;

CREATE TRIGGER tag_counts_add AFTER INSERT ON activity_tags BEGIN
    INSERT INTO tag_counts(week_id, unit_id, status, kind, value, n)
    SELECT week_id, unit_id, CASE WHEN off_week THEN 'off_week:' || status ELSE status END, new.kind, new.value, 1
      FROM activities WHERE id = new.activity_id
    ON CONFLICT(week_id, unit_id, status, kind, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tag_counts_remove AFTER DELETE ON activity_tags BEGIN
    UPDATE tag_counts SET n = n - 1
     WHERE (week_id, unit_id, status, kind, value) =
           (SELECT week_id, unit_id, CASE WHEN off_week THEN 'off_week:' || status ELSE status END, old.kind, old.value
              FROM activities WHERE id = old.activity_id);
END;

CREATE TRIGGER tag_counts_move AFTER UPDATE OF week_id, unit_id, status, off_week ON activities
WHEN old.week_id <> new.week_id OR old.unit_id <> new.unit_id OR old.status <> new.status OR old.off_week <> new.off_week BEGIN
    UPDATE tag_counts SET n = n - 1
     WHERE week_id = old.week_id AND unit_id = old.unit_id
       AND status = CASE WHEN old.off_week THEN 'off_week:' || old.status ELSE old.status END
       AND EXISTS (SELECT 1 FROM activity_tags t WHERE t.activity_id = new.id AND t.kind = tag_counts.kind AND t.value = tag_counts.value);
    INSERT INTO tag_counts(week_id, unit_id, status, kind, value, n)
    SELECT new.week_id, new.unit_id, CASE WHEN new.off_week THEN 'off_week:' || new.status ELSE new.status END, kind, value, 1
      FROM activity_tags WHERE activity_id = new.id
    ON CONFLICT(week_id, unit_id, status, kind, value) DO UPDATE SET n = n + 1;
END;

DELETE FROM tag_counts;
INSERT INTO tag_counts(week_id, unit_id, status, kind, value, n)
SELECT a.week_id, a.unit_id, CASE WHEN a.off_week THEN 'off_week:' || a.status ELSE a.status END, t.kind, t.value, count(*)
  FROM activity_tags t JOIN activities a ON a.id = t.activity_id
 GROUP BY 1, 2, 3, t.kind, t.value;
