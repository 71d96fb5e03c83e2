-- PostgreSQL only (issue 18): an activity moved (week, unit, status, off
-- week, mode) moves its tag_counts, facet_bits and checkin_counts per
-- statement, like 261's inserts and deletes. The row triggers on UPDATE OF
-- those columns rewrote the same counter rows once per activity: moving a
-- unit's 10,000 activities to another week (test_calendar) took minutes. A
-- trigger with a column list gets no transition tables, so these fire on
-- every update of activities and pair each row's old and new versions by id,
-- keeping the rows whose columns changed.

DROP TRIGGER tag_counts_move ON activities;
CREATE OR REPLACE FUNCTION tag_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tag_counts c SET n = c.n - d.n
      FROM (SELECT o.week_id, o.unit_id, CASE WHEN o.off_week <> 0 THEN 'off_week:' || o.status ELSE o.status END AS status,
                   t.kind, t.value, count(*) AS n
              FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN activity_tags t ON t.activity_id = n.id
             WHERE o.week_id <> n.week_id OR o.unit_id <> n.unit_id OR o.status <> n.status OR o.off_week <> n.off_week
             GROUP BY 1, 2, 3, 4, 5) d
     WHERE (c.week_id, c.unit_id, c.status, c.kind, c.value) = (d.week_id, d.unit_id, d.status, d.kind, d.value);
    INSERT INTO tag_counts(week_id, unit_id, status, kind, value, n)
    SELECT n.week_id, n.unit_id, CASE WHEN n.off_week <> 0 THEN 'off_week:' || n.status ELSE n.status END, t.kind, t.value, count(*)
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN activity_tags t ON t.activity_id = n.id
     WHERE o.week_id <> n.week_id OR o.unit_id <> n.unit_id OR o.status <> n.status OR o.off_week <> n.off_week
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT(week_id, unit_id, status, kind, value) DO UPDATE SET n = tag_counts.n + excluded.n;
    RETURN NULL;
END $$;
CREATE TRIGGER tag_counts_move AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tag_counts_move();

-- all the old bits cleared (both modes, the content and audience tags, in the
-- old week), then the new ones set in the new week
DROP TRIGGER facet_bits_move ON activities;
CREATE OR REPLACE FUNCTION facet_bits_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE facet_bits f SET bits = f.bits & ~d.bits
      FROM (SELECT o.week_id, 'mode' AS kind, m.v AS value, o.id / 63 AS word, bit_or(1::bigint << ((o.id % 63)::int)) AS bits
              FROM old_rows o JOIN new_rows n ON n.id = o.id CROSS JOIN (VALUES ('online'), ('offline')) m(v)
             WHERE o.week_id <> n.week_id OR o.mode <> n.mode
             GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT o.week_id, t.kind, t.value, o.id / 63, bit_or(1::bigint << ((o.id % 63)::int))
              FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN activity_tags t ON t.activity_id = o.id
             WHERE (o.week_id <> n.week_id OR o.mode <> n.mode) AND t.kind IN ('content', 'audience')
             GROUP BY 1, 2, 3, 4) d
     WHERE f.week_id = d.week_id AND f.kind = d.kind AND f.value = d.value AND f.word = d.word;
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT n.week_id, 'mode', m.v, n.id / 63, bit_or(1::bigint << ((n.id % 63)::int))
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN (VALUES ('online'), ('offline')) m(v) ON n.mode = m.v OR n.mode = 'both'
     WHERE o.week_id <> n.week_id OR o.mode <> n.mode
     GROUP BY 1, 2, 3, 4
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = facet_bits.bits | excluded.bits;
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT n.week_id, t.kind, t.value, n.id / 63, bit_or(1::bigint << ((n.id % 63)::int))
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN activity_tags t ON t.activity_id = n.id
     WHERE (o.week_id <> n.week_id OR o.mode <> n.mode) AND t.kind IN ('content', 'audience')
     GROUP BY 1, 2, 3, 4
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = facet_bits.bits | excluded.bits;
    RETURN NULL;
END $$;
CREATE TRIGGER facet_bits_move AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facet_bits_move();

DROP TRIGGER checkin_counts_move ON activities;
CREATE OR REPLACE FUNCTION checkin_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE checkin_counts k SET week_id = n.week_id, unit_id = n.unit_id
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.week_id <> n.week_id OR o.unit_id <> n.unit_id)
       AND k.week_id = o.week_id AND k.unit_id = o.unit_id AND k.activity_id = o.id;
    RETURN NULL;
END $$;
CREATE TRIGGER checkin_counts_move AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION checkin_counts_move();
