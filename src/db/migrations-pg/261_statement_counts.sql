-- PostgreSQL only (issue 18): tag_counts, facet_bits and checkin_counts are
-- kept per statement: each insert or delete of tags or check-ins sums its rows
-- by key (count, bit_or) from the statement's transition table and writes
-- each key once, where a row trigger rewrote the same counter row once per
-- row (a bulk write of n rows left n dead versions of it in its transaction).
-- The counts are right after every statement, so a read inside the writing
-- transaction sees its own changes, as on SQLite. The triggers on an UPDATE OF
-- a column list (tag_counts_move, facet_bits_move, checkin_counts_change,
-- checkin_counts_move) stay per row: PostgreSQL gives transition tables only
-- to triggers without a column list, and those updates touch few rows.

DROP TRIGGER tag_counts_add ON activity_tags;
CREATE OR REPLACE FUNCTION tag_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tag_counts(week_id, unit_id, status, kind, value, n)
    SELECT a.week_id, a.unit_id, CASE WHEN a.off_week <> 0 THEN 'off_week:' || a.status ELSE a.status END, t.kind, t.value, count(*)
      FROM new_rows t JOIN activities a ON a.id = t.activity_id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT(week_id, unit_id, status, kind, value) DO UPDATE SET n = tag_counts.n + excluded.n;
    RETURN NULL;
END $$;
CREATE TRIGGER tag_counts_add AFTER INSERT ON activity_tags REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tag_counts_add();

DROP TRIGGER tag_counts_remove ON activity_tags;
CREATE OR REPLACE FUNCTION tag_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tag_counts c SET n = c.n - d.n
      FROM (SELECT a.week_id, a.unit_id, CASE WHEN a.off_week <> 0 THEN 'off_week:' || a.status ELSE a.status END AS status,
                   t.kind, t.value, count(*) AS n
              FROM old_rows t JOIN activities a ON a.id = t.activity_id
             GROUP BY 1, 2, 3, 4, 5) d
     WHERE (c.week_id, c.unit_id, c.status, c.kind, c.value) = (d.week_id, d.unit_id, d.status, d.kind, d.value);
    RETURN NULL;
END $$;
CREATE TRIGGER tag_counts_remove AFTER DELETE ON activity_tags REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tag_counts_remove();

DROP TRIGGER facet_bits_tag_add ON activity_tags;
CREATE OR REPLACE FUNCTION facet_bits_tag_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT a.week_id, t.kind, t.value, t.activity_id / 63, bit_or(1::bigint << ((t.activity_id % 63)::int))
      FROM new_rows t JOIN activities a ON a.id = t.activity_id
     WHERE t.kind IN ('content', 'audience')
     GROUP BY 1, 2, 3, 4
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = facet_bits.bits | excluded.bits;
    RETURN NULL;
END $$;
CREATE TRIGGER facet_bits_tag_add AFTER INSERT ON activity_tags REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facet_bits_tag_add();

DROP TRIGGER facet_bits_tag_remove ON activity_tags;
CREATE OR REPLACE FUNCTION facet_bits_tag_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE facet_bits f SET bits = f.bits & ~d.bits
      FROM (SELECT a.week_id, t.kind, t.value, t.activity_id / 63 AS word, bit_or(1::bigint << ((t.activity_id % 63)::int)) AS bits
              FROM old_rows t JOIN activities a ON a.id = t.activity_id
             WHERE t.kind IN ('content', 'audience')
             GROUP BY 1, 2, 3, 4) d
     WHERE f.week_id = d.week_id AND f.kind = d.kind AND f.value = d.value AND f.word = d.word;
    RETURN NULL;
END $$;
CREATE TRIGGER facet_bits_tag_remove AFTER DELETE ON activity_tags REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facet_bits_tag_remove();

-- all the old bits cleared, then all the new set: two rows of one activity
-- trading values keep both bits (clearing and setting row by row lost one)
DROP TRIGGER facet_bits_tag_change ON activity_tags;
CREATE OR REPLACE FUNCTION facet_bits_tag_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE facet_bits f SET bits = f.bits & ~d.bits
      FROM (SELECT a.week_id, t.kind, t.value, t.activity_id / 63 AS word, bit_or(1::bigint << ((t.activity_id % 63)::int)) AS bits
              FROM old_rows t JOIN activities a ON a.id = t.activity_id
             GROUP BY 1, 2, 3, 4) d
     WHERE f.week_id = d.week_id AND f.kind = d.kind AND f.value = d.value AND f.word = d.word;
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT a.week_id, t.kind, t.value, t.activity_id / 63, bit_or(1::bigint << ((t.activity_id % 63)::int))
      FROM new_rows t JOIN activities a ON a.id = t.activity_id
     WHERE t.kind IN ('content', 'audience')
     GROUP BY 1, 2, 3, 4
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = facet_bits.bits | excluded.bits;
    RETURN NULL;
END $$;
CREATE TRIGGER facet_bits_tag_change AFTER UPDATE ON activity_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facet_bits_tag_change();

DROP TRIGGER facet_bits_mode_add ON activities;
CREATE OR REPLACE FUNCTION facet_bits_mode_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT a.week_id, 'mode', m.v, a.id / 63, bit_or(1::bigint << ((a.id % 63)::int))
      FROM new_rows a JOIN (VALUES ('online'), ('offline')) m(v) ON a.mode = m.v OR a.mode = 'both'
     GROUP BY 1, 2, 3, 4
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = facet_bits.bits | excluded.bits;
    RETURN NULL;
END $$;
CREATE TRIGGER facet_bits_mode_add AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facet_bits_mode_add();

DROP TRIGGER checkin_counts_add ON checkins;
CREATE OR REPLACE FUNCTION checkin_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO checkin_counts(week_id, unit_id, activity_id, n)
    SELECT a.week_id, a.unit_id, a.id, count(*)
      FROM new_rows c JOIN activities a ON a.id = c.activity_id
     GROUP BY 1, 2, 3
    ON CONFLICT (week_id, unit_id, activity_id) DO UPDATE SET n = checkin_counts.n + excluded.n;
    RETURN NULL;
END $$;
CREATE TRIGGER checkin_counts_add AFTER INSERT ON checkins REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION checkin_counts_add();

DROP TRIGGER checkin_counts_remove ON checkins;
CREATE OR REPLACE FUNCTION checkin_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE checkin_counts k SET n = k.n - d.n
      FROM (SELECT a.week_id, a.unit_id, a.id AS activity_id, count(*) AS n
              FROM old_rows c JOIN activities a ON a.id = c.activity_id
             GROUP BY 1, 2, 3) d
     WHERE k.week_id = d.week_id AND k.unit_id = d.unit_id AND k.activity_id = d.activity_id;
    RETURN NULL;
END $$;
CREATE TRIGGER checkin_counts_remove AFTER DELETE ON checkins REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION checkin_counts_remove();
