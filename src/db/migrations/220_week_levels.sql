-- 220: each organiser its own week (issue 17). weeks.unit_id was always the
-- organiser; now any organiser of the tree (a province, a city, a county that
-- runs its streets' week) publishes its own week of a year, usually copied
-- from its parent's week of that year: parent_week_id links the copy to the
-- week it was copied from (NULL for a week of its own, as the top's are).
-- A new week's lists and form rows (migrations 140 and 190) now start as a
-- copy of its parent's week when it has one, else of the latest earlier week
-- of the same organiser (before, of any organiser: with one organiser, the
-- same week), else the presets.
ALTER TABLE weeks ADD COLUMN parent_week_id INTEGER REFERENCES weeks(id);
CREATE INDEX weeks_parent ON weeks(parent_week_id) WHERE parent_week_id IS NOT NULL;

DROP TRIGGER week_choices_start;
CREATE TRIGGER week_choices_start AFTER INSERT ON weeks BEGIN
    INSERT INTO week_choices(week_id, kind, position, code, wording, label)
    SELECT new.id, kind, position, code, wording, label FROM week_choices
     WHERE week_id = COALESCE(new.parent_week_id,
                       (SELECT w.id FROM weeks w WHERE w.year < new.year AND w.unit_id = new.unit_id
                           AND EXISTS (SELECT 1 FROM week_choices c WHERE c.week_id = w.id)
                         ORDER BY w.year DESC, w.id DESC LIMIT 1));
    INSERT INTO week_choices(week_id, kind, position, code, wording, label)
    SELECT new.id, kind, position, code, wording, label FROM choice_presets
     WHERE NOT EXISTS (SELECT 1 FROM week_choices WHERE week_id = new.id);
END;

DROP TRIGGER week_form_rows_start;
CREATE TRIGGER week_form_rows_start AFTER INSERT ON weeks BEGIN
    INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
    SELECT new.id, position, key, grp, label, kind, max_chars, optional, new_table FROM week_form_rows
     WHERE week_id = COALESCE(new.parent_week_id,
                       (SELECT w.id FROM weeks w WHERE w.year < new.year AND w.unit_id = new.unit_id
                           AND EXISTS (SELECT 1 FROM week_form_rows r WHERE r.week_id = w.id)
                         ORDER BY w.year DESC, w.id DESC LIMIT 1));
    INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
    SELECT new.id, position, key, grp, label, kind, max_chars, optional, new_table FROM form_row_presets
     WHERE NOT EXISTS (SELECT 1 FROM week_form_rows WHERE week_id = new.id);
END;
