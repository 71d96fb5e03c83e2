-- 160: the calendar's content, audience and mode filters as bitmaps per week,
-- kept exact by these triggers in the writing transaction (whichever process
-- writes: the forms, imports, the API, bench/gen.sh through the sqlite3 shell).
-- A row is 63 activities: bit (id % 63) of word (id / 63) is set when the
-- activity has the tag (kind content or audience, as activity_tags says) or
-- the mode (value online: online or both; offline: offline or both). Bits 0
-- to 62 only, so a word is never negative and a sum of distinct bits is
-- their OR.
-- Why: content 6 and 老年人群 at a million activities were two lists of
-- 166,674 and 250,024 index entries merged by INTERSECT (45 to 55 ms of CPU
-- when nothing is in both); the same two bitmaps are 16,000 words each, read
-- and ANDed in a few milliseconds, and their population count says at once
-- whether the list starts from the ids or walks the week in calendar order
-- (src/domain/calendar.c). Figures: bench/README.md.
-- What the bits do not say is checked on the row or the index as before:
-- status (drafts have bits), the week of a moved activity, the unit, the
-- day, the text. A deleted activity's bits may stay: ids are never reused
-- (migration 051) and every list reads the activity itself, so a stale bit
-- lists nothing; only a tag removed from an activity that still exists must
-- clear its bit, and does.
CREATE TABLE facet_bits (
    week_id INTEGER NOT NULL,
    kind    TEXT NOT NULL,    -- content, audience, mode
    value   TEXT NOT NULL,
    word    INTEGER NOT NULL, -- activity id / 63
    bits    INTEGER NOT NULL, -- bit id % 63
    PRIMARY KEY (week_id, kind, value, word)
) WITHOUT ROWID;

INSERT INTO facet_bits(week_id, kind, value, word, bits)
SELECT a.week_id, t.kind, t.value, a.id / 63, sum(1 << (a.id % 63))
  FROM activity_tags t JOIN activities a ON a.id = t.activity_id
 WHERE t.kind IN ('content', 'audience')
 GROUP BY a.week_id, t.kind, t.value, a.id / 63;
INSERT INTO facet_bits(week_id, kind, value, word, bits)
SELECT week_id, 'mode', 'online', id / 63, sum(1 << (id % 63)) FROM activities WHERE mode IN ('online', 'both')
 GROUP BY week_id, id / 63;
INSERT INTO facet_bits(week_id, kind, value, word, bits)
SELECT week_id, 'mode', 'offline', id / 63, sum(1 << (id % 63)) FROM activities WHERE mode IN ('offline', 'both')
 GROUP BY week_id, id / 63;

CREATE TRIGGER facet_bits_tag_add AFTER INSERT ON activity_tags WHEN new.kind IN ('content', 'audience') BEGIN
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT week_id, new.kind, new.value, new.activity_id / 63, 1 << (new.activity_id % 63) FROM activities WHERE id = new.activity_id
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = bits | excluded.bits;
END;

CREATE TRIGGER facet_bits_tag_remove AFTER DELETE ON activity_tags WHEN old.kind IN ('content', 'audience') BEGIN
    UPDATE facet_bits SET bits = bits & ~(1 << (old.activity_id % 63))
     WHERE week_id = (SELECT week_id FROM activities WHERE id = old.activity_id)
       AND kind = old.kind AND value = old.value AND word = old.activity_id / 63;
END;

CREATE TRIGGER facet_bits_tag_change AFTER UPDATE ON activity_tags BEGIN
    UPDATE facet_bits SET bits = bits & ~(1 << (old.activity_id % 63))
     WHERE week_id = (SELECT week_id FROM activities WHERE id = old.activity_id)
       AND kind = old.kind AND value = old.value AND word = old.activity_id / 63;
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT week_id, new.kind, new.value, new.activity_id / 63, 1 << (new.activity_id % 63) FROM activities
     WHERE id = new.activity_id AND new.kind IN ('content', 'audience')
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = bits | excluded.bits;
END;

CREATE TRIGGER facet_bits_mode_add AFTER INSERT ON activities BEGIN
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT new.week_id, 'mode', m.v, new.id / 63, 1 << (new.id % 63) FROM (SELECT 'online' AS v UNION ALL SELECT 'offline') m
     WHERE new.mode = m.v OR new.mode = 'both'
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = bits | excluded.bits;
END;

-- a change of mode or week: the activity's bits leave the old week's words
-- (clearing a bit it did not have changes nothing: the bit is its own) and
-- are set again from its mode and tags
CREATE TRIGGER facet_bits_move AFTER UPDATE OF week_id, mode ON activities
WHEN old.week_id <> new.week_id OR old.mode <> new.mode BEGIN
    UPDATE facet_bits SET bits = bits & ~(1 << (old.id % 63))
     WHERE week_id = old.week_id AND kind = 'mode' AND value IN ('online', 'offline') AND word = old.id / 63;
    UPDATE facet_bits SET bits = bits & ~(1 << (old.id % 63))
     WHERE week_id = old.week_id AND kind IN ('content', 'audience')
       AND value IN (SELECT value FROM activity_tags WHERE activity_id = old.id) AND word = old.id / 63;
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT new.week_id, 'mode', m.v, new.id / 63, 1 << (new.id % 63) FROM (SELECT 'online' AS v UNION ALL SELECT 'offline') m
     WHERE new.mode = m.v OR new.mode = 'both'
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = bits | excluded.bits;
    INSERT INTO facet_bits(week_id, kind, value, word, bits)
    SELECT new.week_id, kind, value, new.id / 63, 1 << (new.id % 63) FROM activity_tags
     WHERE activity_id = new.id AND kind IN ('content', 'audience')
    ON CONFLICT (week_id, kind, value, word) DO UPDATE SET bits = bits | excluded.bits;
END;
