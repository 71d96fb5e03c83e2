-- 081: the text index of the public calendar's search. Every character
-- (letters, digits, CJK ideographs) of an activity's title, host, venue and
-- street, and every pair of adjacent ones, is a token of a contentless FTS5
-- table with detail=none and columnsize=0 (rowids only: no positions, no
-- lengths; the smallest index FTS5 keeps). A query of one character looks its token up; a longer one
-- wants every pair it contains; LIKE then confirms the candidates, so the
-- search finds exactly what a LIKE over the whole week would, for queries of
-- any length. The tokens are made in C (src/domain/calendar.c), written as
-- space-separated words, and split by FTS5's built-in unicode61 tokenizer:
-- nothing to register on a connection, so the sqlite3 shell still writes
-- activities. (On PostgreSQL: the same words in a tsvector with a GIN index.)
--
-- The triggers only queue: activity_text_pending holds the ids to (re)index,
-- activity_text_stale the values an indexed row had before it changed or was
-- deleted (a contentless table forgets a row only when told its tokens).
-- activity_text_sync() drains both before a search and when serve starts,
-- so rows written by another process (an import, bench/gen.sh) are found too.
CREATE VIRTUAL TABLE activity_text USING fts5(body, content = '', detail = 'none', columnsize = 0,
                                              tokenize = 'unicode61 remove_diacritics 0');
CREATE TABLE activity_text_pending (id INTEGER PRIMARY KEY);
CREATE TABLE activity_text_stale (
    id     INTEGER PRIMARY KEY,
    title  TEXT NOT NULL,
    host   TEXT NOT NULL,
    venue  TEXT NOT NULL,
    street TEXT NOT NULL
);
INSERT INTO activity_text_pending(id) SELECT id FROM activities;

CREATE TRIGGER activity_text_insert AFTER INSERT ON activities BEGIN
    INSERT OR IGNORE INTO activity_text_pending(id) VALUES (new.id);
END;
CREATE TRIGGER activity_text_update AFTER UPDATE OF title, host, venue, street ON activities
WHEN old.title IS NOT new.title OR old.host IS NOT new.host OR old.venue IS NOT new.venue OR old.street IS NOT new.street
BEGIN
    -- the values the index holds, unless the row is queued (then it holds
    -- none, or the stale row already has them)
    INSERT OR IGNORE INTO activity_text_stale(id, title, host, venue, street)
        SELECT old.id, old.title, old.host, old.venue, old.street
        WHERE NOT EXISTS (SELECT 1 FROM activity_text_pending WHERE id = old.id);
    INSERT OR IGNORE INTO activity_text_pending(id) VALUES (new.id);
END;
CREATE TRIGGER activity_text_delete AFTER DELETE ON activities BEGIN
    INSERT OR IGNORE INTO activity_text_stale(id, title, host, venue, street)
        SELECT old.id, old.title, old.host, old.venue, old.street
        WHERE NOT EXISTS (SELECT 1 FROM activity_text_pending WHERE id = old.id);
    DELETE FROM activity_text_pending WHERE id = old.id;
END;
