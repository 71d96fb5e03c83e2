-- 200: levels as a tree of any depth (issue 17). A node's kind may now be any
-- level of the chain: 省 (a province at the top), 市, 县, 区, 开发区, 管理局,
-- 街道 (a street under a county). SQLite changes a CHECK only by rebuilding the
-- table: every row is copied with its id, the table is made again with the
-- wider CHECK, and its index and triggers (080, 100, 180) come back as they
-- were. The references to units from other tables are checked at the end of
-- this migration's transaction (defer_foreign_keys): dropping the old table
-- leaves them pointing at nothing until the same ids are inserted again.
-- The tree is walked with recursive CTEs over parent_id (domain/unit.c), no
-- stored path: a node moved or imported needs no second column kept in step.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE units_200 AS
    SELECT id, parent_id, name, kind, code, sort_order, retired, created_at, consult_phone FROM units;
DROP TABLE units;
CREATE TABLE units (
    id            INTEGER PRIMARY KEY,
    parent_id     INTEGER REFERENCES units(id),
    name          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('省', '市', '区', '县', '开发区', '管理局', '街道')),
    code          TEXT NOT NULL UNIQUE,
    sort_order    INTEGER NOT NULL DEFAULT 0,
    retired       INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at    BIGINT NOT NULL,
    consult_phone TEXT NOT NULL DEFAULT ''
);
INSERT INTO units(id, parent_id, name, kind, code, sort_order, retired, created_at, consult_phone)
    SELECT id, parent_id, name, kind, code, sort_order, retired, created_at, consult_phone FROM units_200 ORDER BY id;
DROP TABLE units_200;
CREATE INDEX units_parent ON units(parent_id, sort_order);

CREATE TRIGGER public_gen_units_i AFTER INSERT ON units BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_units_u AFTER UPDATE ON units BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_units_d AFTER DELETE ON units BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gens_units_i AFTER INSERT ON units BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_units_u AFTER UPDATE ON units BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_units_d AFTER DELETE ON units BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_units_i AFTER INSERT ON units BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (0, new.id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_units_u AFTER UPDATE ON units BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (0, new.id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (0, old.id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_units_d AFTER DELETE ON units BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (0, old.id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
