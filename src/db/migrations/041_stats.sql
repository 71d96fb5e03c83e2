-- 041: what the city statistics read at a million activities.
--
-- Covering indexes of the published activities only, so the figures of a week
-- read narrow index entries and never the wide activity rows: the per-unit
-- aggregates (counts by mode, featured, participants by source, first start,
-- last end) and the distinct hosts and streets of the summary forms. Partial
-- (WHERE status = 'published'), so that only queries which say so in their
-- text can pick them: a plain index led by (week_id, status, unit_id) drew the
-- planner away from activities_week_status and activities_week_unit for the
-- public lists and made them slower. status is a column too: SQLite 3.40 sees
-- a partial index as covering only when it holds every column named.
CREATE INDEX activities_stats ON activities(week_id, unit_id, mode, featured, staff_count, reported_participants, starts_at, ends_at, status)
    WHERE status = 'published';
CREATE INDEX activities_scope ON activities(week_id, unit_id, host, street, status) WHERE status = 'published';

-- Tags counted by week, unit and status, kept exact by the triggers below in
-- the same transaction as every change. Counting tags per unit from
-- activity_tags means one index seek per activity (seconds at a million);
-- this table has a few hundred rows per week.
CREATE TABLE tag_counts (
    week_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    status  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    value   TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (week_id, unit_id, status, kind, value)
) WITHOUT ROWID;

INSERT INTO tag_counts(week_id, unit_id, status, kind, value, n)
SELECT a.week_id, a.unit_id, a.status, t.kind, t.value, count(*)
  FROM activity_tags t JOIN activities a ON a.id = t.activity_id
 GROUP BY a.week_id, a.unit_id, a.status, t.kind, t.value;

CREATE TRIGGER tag_counts_add AFTER INSERT ON activity_tags BEGIN
    INSERT INTO tag_counts(week_id, unit_id, status, kind, value, n)
    SELECT week_id, unit_id, status, new.kind, new.value, 1 FROM activities WHERE id = new.activity_id
    ON CONFLICT(week_id, unit_id, status, kind, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tag_counts_remove AFTER DELETE ON activity_tags BEGIN
    UPDATE tag_counts SET n = n - 1
     WHERE (week_id, unit_id, status, kind, value) =
           (SELECT week_id, unit_id, status, old.kind, old.value FROM activities WHERE id = old.activity_id);
END;

-- an activity that changes status (published, cancelled), unit or week takes its tags along
CREATE TRIGGER tag_counts_move AFTER UPDATE OF week_id, unit_id, status ON activities
WHEN old.week_id <> new.week_id OR old.unit_id <> new.unit_id OR old.status <> new.status BEGIN
    UPDATE tag_counts SET n = n - 1
     WHERE week_id = old.week_id AND unit_id = old.unit_id AND status = old.status
       AND EXISTS (SELECT 1 FROM activity_tags t WHERE t.activity_id = new.id AND t.kind = tag_counts.kind AND t.value = tag_counts.value);
    INSERT INTO tag_counts(week_id, unit_id, status, kind, value, n)
    SELECT new.week_id, new.unit_id, new.status, kind, value, 1 FROM activity_tags WHERE activity_id = new.id
    ON CONFLICT(week_id, unit_id, status, kind, value) DO UPDATE SET n = n + 1;
END;
