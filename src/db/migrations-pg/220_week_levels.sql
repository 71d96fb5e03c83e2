-- 220 (PostgreSQL): SQLite's 220_week_levels.sql: each organiser its own week;
-- parent_week_id links a copied week to its parent's, and a new week's lists
-- and form rows start from the parent's week, else the same organiser's latest
-- earlier week, else the presets.
ALTER TABLE weeks ADD COLUMN parent_week_id BIGINT REFERENCES weeks(id);
CREATE INDEX weeks_parent ON weeks(parent_week_id) WHERE parent_week_id IS NOT NULL;

CREATE OR REPLACE FUNCTION week_choices_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO week_choices(week_id, kind, position, code, wording, label)
    SELECT new.id, kind, position, code, wording, label FROM week_choices
     WHERE week_id = COALESCE(new.parent_week_id,
                       (SELECT w.id FROM weeks w WHERE w.year < new.year AND w.unit_id = new.unit_id
                           AND EXISTS (SELECT 1 FROM week_choices c WHERE c.week_id = w.id)
                         ORDER BY w.year DESC, w.id DESC LIMIT 1));
    INSERT INTO week_choices(week_id, kind, position, code, wording, label)
    SELECT new.id, kind, position, code, wording, label FROM choice_presets
     WHERE NOT EXISTS (SELECT 1 FROM week_choices WHERE week_id = new.id);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION week_form_rows_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
    SELECT new.id, position, key, grp, label, kind, max_chars, optional, new_table FROM week_form_rows
     WHERE week_id = COALESCE(new.parent_week_id,
                       (SELECT w.id FROM weeks w WHERE w.year < new.year AND w.unit_id = new.unit_id
                           AND EXISTS (SELECT 1 FROM week_form_rows r WHERE r.week_id = w.id)
                         ORDER BY w.year DESC, w.id DESC LIMIT 1));
    INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
    SELECT new.id, position, key, grp, label, kind, max_chars, optional, new_table FROM form_row_presets
     WHERE NOT EXISTS (SELECT 1 FROM week_form_rows WHERE week_id = new.id);
    RETURN NULL;
END $$;
