-- 163: check-ins counted per activity, by week and unit, kept exact by these
-- triggers in the writing transaction. The participants rule (check-ins plus
-- the staff's tally where either exists, else the organiser's number) looked
-- up each published activity's check-ins, one index seek per activity: the
-- board did it for the week and its checklist again for each unit, 0.2 s of
-- the board's 0.22 s of CPU at 100,000 activities. With this table the rule
-- is summed over the activities as if none had check-ins (the covering
-- index activities_board) and then corrected for the few that have them,
-- found here by (week, unit) (unit_participants, board.c).
CREATE TABLE checkin_counts (
    week_id     INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL,
    activity_id INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (week_id, unit_id, activity_id)
) WITHOUT ROWID;

INSERT INTO checkin_counts(week_id, unit_id, activity_id, n)
SELECT a.week_id, a.unit_id, a.id, count(*) FROM checkins c JOIN activities a ON a.id = c.activity_id
 GROUP BY a.week_id, a.unit_id, a.id;

CREATE TRIGGER checkin_counts_add AFTER INSERT ON checkins BEGIN
    INSERT INTO checkin_counts(week_id, unit_id, activity_id, n)
    SELECT week_id, unit_id, id, 1 FROM activities WHERE id = new.activity_id
    ON CONFLICT (week_id, unit_id, activity_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER checkin_counts_remove AFTER DELETE ON checkins BEGIN
    UPDATE checkin_counts SET n = n - 1
     WHERE (week_id, unit_id, activity_id) = (SELECT week_id, unit_id, id FROM activities WHERE id = old.activity_id);
END;
CREATE TRIGGER checkin_counts_change AFTER UPDATE OF activity_id ON checkins WHEN old.activity_id <> new.activity_id BEGIN
    UPDATE checkin_counts SET n = n - 1
     WHERE (week_id, unit_id, activity_id) = (SELECT week_id, unit_id, id FROM activities WHERE id = old.activity_id);
    INSERT INTO checkin_counts(week_id, unit_id, activity_id, n)
    SELECT week_id, unit_id, id, 1 FROM activities WHERE id = new.activity_id
    ON CONFLICT (week_id, unit_id, activity_id) DO UPDATE SET n = n + 1;
END;
-- an activity moved to another week or unit takes its count along
CREATE TRIGGER checkin_counts_move AFTER UPDATE OF week_id, unit_id ON activities
WHEN old.week_id <> new.week_id OR old.unit_id <> new.unit_id BEGIN
    UPDATE checkin_counts SET week_id = new.week_id, unit_id = new.unit_id
     WHERE week_id = old.week_id AND unit_id = old.unit_id AND activity_id = old.id;
END;
