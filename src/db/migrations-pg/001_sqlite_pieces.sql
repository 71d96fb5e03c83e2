-- 001 (PostgreSQL): what SQLite has and PostgreSQL lacks, which the domain's
-- SQL uses: the aggregates group_concat and total, min and max of two values,
-- date(), unixepoch(), hex(randomblob()), a comparison counted as
-- 1 or 0 (sum(a = b), n * (a = b)), the catalogue as sqlite_master (the
-- schema's own tests read it), and the calendar's text
-- index (an FTS5 table on SQLite: activity_text, rowid = the activity's id,
-- written and read through FTS5's own syntax, which db_pg.c translates:
-- `activity_text MATCH ?` becomes `words @> lw_fts_query(?)`).

-- group_concat(x, sep): the values joined by sep, NULLs left out (SQLite's)
CREATE FUNCTION lw_concat_step(acc text, v text, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END $$;
CREATE FUNCTION lw_concat_step(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || ',' || v END $$;
CREATE FUNCTION lw_concat_step(acc text, v bigint, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v::text ELSE acc || sep || v::text END $$;
CREATE FUNCTION lw_concat_step(acc text, v bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v::text ELSE acc || ',' || v::text END $$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = lw_concat_step, STYPE = text);
CREATE AGGREGATE group_concat(text) (SFUNC = lw_concat_step, STYPE = text);
CREATE AGGREGATE group_concat(bigint, text) (SFUNC = lw_concat_step, STYPE = text);
CREATE AGGREGATE group_concat(bigint) (SFUNC = lw_concat_step, STYPE = text);

-- total(x): the sum, 0 over no rows or only NULLs (SQLite's)
CREATE AGGREGATE total(bigint) (SFUNC = int8pl, STYPE = bigint, INITCOND = '0');

-- min(a, b) and max(a, b) of two values (SQLite's scalar forms; the
-- one-argument aggregates are PostgreSQL's own)
CREATE FUNCTION min(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT LEAST(a, b) $$;
CREATE FUNCTION max(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT GREATEST(a, b) $$;

-- SQLite's date and time functions as the tests' own SQL writes them:
-- date('now', '+8 hours', '-3 days'), unixepoch(), hex(randomblob(16))
CREATE FUNCTION date(t text, VARIADIC mods text[] DEFAULT '{}') RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
    ts timestamp := CASE WHEN t = 'now' THEN now() AT TIME ZONE 'UTC' ELSE t::timestamp END;
    m text;
BEGIN
    FOREACH m IN ARRAY mods LOOP
        ts := ts + m::interval;
    END LOOP;
    RETURN to_char(ts, 'YYYY-MM-DD');
END $$;
CREATE FUNCTION unixepoch() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT extract(epoch FROM now())::bigint $$;
CREATE FUNCTION randomblob(n integer) RETURNS bytea LANGUAGE sql VOLATILE AS
$$ SELECT decode(string_agg(lpad(to_hex((random() * 255)::int), 2, '0'), ''), 'hex') FROM generate_series(1, n) $$;
CREATE FUNCTION hex(b bytea) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(encode(b, 'hex')) $$;

-- A comparison is 1 or 0 in SQLite: summed, or multiplied by a number
CREATE FUNCTION lw_bool_step(acc bigint, v boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v IS NULL THEN acc ELSE COALESCE(acc, 0) + v::int END $$;
CREATE AGGREGATE sum(boolean) (SFUNC = lw_bool_step, STYPE = bigint);
CREATE FUNCTION lw_times(a bigint, b boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT a * b::int $$;
CREATE FUNCTION lw_times(a integer, b boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT a * b::int $$;
CREATE OPERATOR * (LEFTARG = bigint, RIGHTARG = boolean, FUNCTION = lw_times);
CREATE OPERATOR * (LEFTARG = integer, RIGHTARG = boolean, FUNCTION = lw_times);

-- SQLite's catalogue, from PostgreSQL's: tables, indexes and triggers with
-- their definition (a trigger's: its function's)
CREATE VIEW sqlite_master AS
SELECT 'table'::text AS type, c.relname::text AS name, c.relname::text AS tbl_name, NULL::text AS sql
  FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
UNION ALL
SELECT 'index', indexname::text, tablename::text, indexdef FROM pg_indexes WHERE schemaname = current_schema()
UNION ALL
SELECT 'trigger', t.tgname::text, c.relname::text,
       -- as SQLite keeps it: CREATE TRIGGER x AFTER INSERT ON t BEGIN ... END
       regexp_replace(pg_get_triggerdef(t.oid), ' ON (\w+\.)?(\w+) FOR EACH ROW.*$', ' ON \2') || ' ' ||
       regexp_replace(btrim(p.prosrc, E' \n'), '\s+', ' ', 'g')
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
 WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace;

-- The text index: each activity's words (text_index_words: characters and
-- pairs, space-separated), found with a GIN index. FTS5's writes keep their
-- form: INSERT (rowid, body) indexes a row, INSERT (activity_text, rowid,
-- body) VALUES ('delete', ...) removes it.
CREATE TABLE activity_text (
    rowid         BIGINT PRIMARY KEY,
    words         TEXT[] NOT NULL,
    body          TEXT,
    activity_text TEXT
);
CREATE INDEX activity_text_words ON activity_text USING gin (words);

CREATE FUNCTION activity_text_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM activity_text WHERE rowid = NEW.rowid;
    IF NEW.activity_text = 'delete' THEN
        RETURN NULL;
    END IF;
    NEW.words := array_remove(string_to_array(lower(NEW.body), ' '), '');
    NEW.body := NULL;
    NEW.activity_text := NULL;
    RETURN NEW;
END $$;
CREATE TRIGGER activity_text_write BEFORE INSERT ON activity_text FOR EACH ROW EXECUTE FUNCTION activity_text_write();

-- FTS5's query as text_index_words writes it ("ab" AND "bc") as the words
-- every match holds
CREATE FUNCTION lw_fts_query(q text) RETURNS text[] LANGUAGE sql IMMUTABLE AS
$$ SELECT COALESCE(array_agg(lower(replace(m[1], '""', '"'))), '{}')
     FROM regexp_matches(q, '"((?:[^"]|"")*)"', 'g') AS m $$;
