-- PostgreSQL only (issue 18): the generation counters (public_gen, public_gens,
-- form_gens) are bumped once per statement, not once per row. A row trigger
-- updated the same counter row once per row written: a bulk write of n rows
-- left n dead versions of it in the transaction, each later bump walking
-- them, so seeding 30,000 activities took over ten minutes. Each trigger
-- keeps its name and its bumps; its rows come from the statement's transition
-- tables (new_rows, old_rows; aliased new_row, old_row since NEW and OLD are
-- PL/pgSQL's), each key bumped once per statement (DISTINCT: an upsert may
-- not touch a row twice). An update bumps the old side's keys even when
-- unchanged: a generation may move more often than needed, never less.
-- SQLite keeps its row triggers (its writes do not keep dead versions).
--
-- Maintained by hand: no generator is kept. This file was written once by a
-- throwaway script from the row-trigger functions of 180_schema.sql and
-- 190_week_form_rows.sql. A migration is applied once and never rewritten (a
-- database records the numbers it applied), so a generator would only ever
-- reproduce this file; the rule it followed is what a maintainer needs:
--   row:       INSERT INTO c(k1, k2, n) VALUES (.. new.x ..) ON CONFLICT ..
--   statement: INSERT INTO c(k1, k2, n)
--              SELECT DISTINCT b.* FROM new_rows new_row
--              CROSS JOIN LATERAL (VALUES (.. new_row.x ..)) b ON CONFLICT ..
-- (old_rows old_row for OLD; a row statement's SELECT .. FROM .. WHERE ..
-- goes into the LATERAL as it is; old.x IS DISTINCT FROM new.x is dropped,
-- see above), and public_gen's single row is bumped only AND EXISTS (SELECT 1
-- FROM new_rows) (old_rows for a delete). 262 then wraps every bump in
-- lw_first_bump: a counter trigger added later is written by hand in 262's
-- form, checked on both engines by tests/unit/test_public_gen.c,
-- test_form_gens.c and test_counters.c.

-- sqlite_master shows a statement trigger as SQLite would a row one
CREATE OR REPLACE VIEW sqlite_master AS
SELECT 'table'::text AS type, c.relname::text AS name, c.relname::text AS tbl_name, NULL::text AS sql
  FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
UNION ALL
SELECT 'index', indexname::text, tablename::text, indexdef FROM pg_indexes WHERE schemaname = current_schema()
UNION ALL
SELECT 'trigger', t.tgname::text, c.relname::text,
       regexp_replace(pg_get_triggerdef(t.oid), ' ON (\w+\.)?(\w+) (REFERENCING .*)?FOR EACH (ROW|STATEMENT).*$', ' ON \2') || ' ' ||
       regexp_replace(btrim(p.prosrc, E' \n'), '\s+', ' ', 'g')
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
 WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace;

DROP TRIGGER public_gen_units_i ON units;
CREATE OR REPLACE FUNCTION public_gen_units_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_units_i AFTER INSERT ON units REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_units_i();

DROP TRIGGER public_gen_units_u ON units;
CREATE OR REPLACE FUNCTION public_gen_units_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_units_u AFTER UPDATE ON units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_units_u();

DROP TRIGGER public_gen_units_d ON units;
CREATE OR REPLACE FUNCTION public_gen_units_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_units_d AFTER DELETE ON units REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_units_d();

DROP TRIGGER public_gen_weeks_i ON weeks;
CREATE OR REPLACE FUNCTION public_gen_weeks_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_weeks_i AFTER INSERT ON weeks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_weeks_i();

DROP TRIGGER public_gen_weeks_u ON weeks;
CREATE OR REPLACE FUNCTION public_gen_weeks_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_weeks_u AFTER UPDATE ON weeks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_weeks_u();

DROP TRIGGER public_gen_weeks_d ON weeks;
CREATE OR REPLACE FUNCTION public_gen_weeks_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_weeks_d AFTER DELETE ON weeks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_weeks_d();

DROP TRIGGER public_gen_activities_i ON activities;
CREATE OR REPLACE FUNCTION public_gen_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_activities_i AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_activities_i();

DROP TRIGGER public_gen_activities_u ON activities;
CREATE OR REPLACE FUNCTION public_gen_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_activities_u AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_activities_u();

DROP TRIGGER public_gen_activities_d ON activities;
CREATE OR REPLACE FUNCTION public_gen_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_activities_d AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_activities_d();

DROP TRIGGER public_gen_activity_tags_i ON activity_tags;
CREATE OR REPLACE FUNCTION public_gen_activity_tags_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_activity_tags_i AFTER INSERT ON activity_tags REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_activity_tags_i();

DROP TRIGGER public_gen_activity_tags_u ON activity_tags;
CREATE OR REPLACE FUNCTION public_gen_activity_tags_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_activity_tags_u AFTER UPDATE ON activity_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_activity_tags_u();

DROP TRIGGER public_gen_activity_tags_d ON activity_tags;
CREATE OR REPLACE FUNCTION public_gen_activity_tags_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_activity_tags_d AFTER DELETE ON activity_tags REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_activity_tags_d();

DROP TRIGGER public_gen_activity_photos_i ON activity_photos;
CREATE OR REPLACE FUNCTION public_gen_activity_photos_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_activity_photos_i AFTER INSERT ON activity_photos REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_activity_photos_i();

DROP TRIGGER public_gen_activity_photos_u ON activity_photos;
CREATE OR REPLACE FUNCTION public_gen_activity_photos_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_activity_photos_u AFTER UPDATE ON activity_photos REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_activity_photos_u();

DROP TRIGGER public_gen_activity_photos_d ON activity_photos;
CREATE OR REPLACE FUNCTION public_gen_activity_photos_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_activity_photos_d AFTER DELETE ON activity_photos REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_activity_photos_d();

DROP TRIGGER public_gen_registrations_i ON registrations;
CREATE OR REPLACE FUNCTION public_gen_registrations_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_registrations_i AFTER INSERT ON registrations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_registrations_i();

DROP TRIGGER public_gen_registrations_u ON registrations;
CREATE OR REPLACE FUNCTION public_gen_registrations_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_registrations_u AFTER UPDATE ON registrations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_registrations_u();

DROP TRIGGER public_gen_registrations_d ON registrations;
CREATE OR REPLACE FUNCTION public_gen_registrations_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_registrations_d AFTER DELETE ON registrations REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_registrations_d();

DROP TRIGGER public_gen_resources_i ON resources;
CREATE OR REPLACE FUNCTION public_gen_resources_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_resources_i AFTER INSERT ON resources REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_resources_i();

DROP TRIGGER public_gen_resources_u ON resources;
CREATE OR REPLACE FUNCTION public_gen_resources_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_resources_u AFTER UPDATE ON resources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_resources_u();

DROP TRIGGER public_gen_resources_d ON resources;
CREATE OR REPLACE FUNCTION public_gen_resources_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_resources_d AFTER DELETE ON resources REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_resources_d();

DROP TRIGGER public_gen_resource_audiences_i ON resource_audiences;
CREATE OR REPLACE FUNCTION public_gen_resource_audiences_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_resource_audiences_i AFTER INSERT ON resource_audiences REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_resource_audiences_i();

DROP TRIGGER public_gen_resource_audiences_u ON resource_audiences;
CREATE OR REPLACE FUNCTION public_gen_resource_audiences_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_resource_audiences_u AFTER UPDATE ON resource_audiences REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_resource_audiences_u();

DROP TRIGGER public_gen_resource_audiences_d ON resource_audiences;
CREATE OR REPLACE FUNCTION public_gen_resource_audiences_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_resource_audiences_d AFTER DELETE ON resource_audiences REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_resource_audiences_d();

DROP TRIGGER public_gen_resource_activities_i ON resource_activities;
CREATE OR REPLACE FUNCTION public_gen_resource_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_resource_activities_i AFTER INSERT ON resource_activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_resource_activities_i();

DROP TRIGGER public_gen_resource_activities_u ON resource_activities;
CREATE OR REPLACE FUNCTION public_gen_resource_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_resource_activities_u AFTER UPDATE ON resource_activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_resource_activities_u();

DROP TRIGGER public_gen_resource_activities_d ON resource_activities;
CREATE OR REPLACE FUNCTION public_gen_resource_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_resource_activities_d AFTER DELETE ON resource_activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_resource_activities_d();

DROP TRIGGER public_gen_stars_i ON stars;
CREATE OR REPLACE FUNCTION public_gen_stars_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_stars_i AFTER INSERT ON stars REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_stars_i();

DROP TRIGGER public_gen_stars_u ON stars;
CREATE OR REPLACE FUNCTION public_gen_stars_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_stars_u AFTER UPDATE ON stars REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_stars_u();

DROP TRIGGER public_gen_stars_d ON stars;
CREATE OR REPLACE FUNCTION public_gen_stars_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_stars_d AFTER DELETE ON stars REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_stars_d();

DROP TRIGGER public_gen_brands_i ON brands;
CREATE OR REPLACE FUNCTION public_gen_brands_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_brands_i AFTER INSERT ON brands REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_brands_i();

DROP TRIGGER public_gen_brands_u ON brands;
CREATE OR REPLACE FUNCTION public_gen_brands_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_brands_u AFTER UPDATE ON brands REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_brands_u();

DROP TRIGGER public_gen_brands_d ON brands;
CREATE OR REPLACE FUNCTION public_gen_brands_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_brands_d AFTER DELETE ON brands REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_brands_d();

DROP TRIGGER public_gen_star_activities_i ON star_activities;
CREATE OR REPLACE FUNCTION public_gen_star_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_star_activities_i AFTER INSERT ON star_activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_star_activities_i();

DROP TRIGGER public_gen_star_activities_u ON star_activities;
CREATE OR REPLACE FUNCTION public_gen_star_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_star_activities_u AFTER UPDATE ON star_activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_star_activities_u();

DROP TRIGGER public_gen_star_activities_d ON star_activities;
CREATE OR REPLACE FUNCTION public_gen_star_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_star_activities_d AFTER DELETE ON star_activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_star_activities_d();

DROP TRIGGER public_gen_brand_activities_i ON brand_activities;
CREATE OR REPLACE FUNCTION public_gen_brand_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_brand_activities_i AFTER INSERT ON brand_activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_brand_activities_i();

DROP TRIGGER public_gen_brand_activities_u ON brand_activities;
CREATE OR REPLACE FUNCTION public_gen_brand_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_brand_activities_u AFTER UPDATE ON brand_activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_brand_activities_u();

DROP TRIGGER public_gen_brand_activities_d ON brand_activities;
CREATE OR REPLACE FUNCTION public_gen_brand_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_brand_activities_d AFTER DELETE ON brand_activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_brand_activities_d();

DROP TRIGGER public_gen_elder_cases_i ON elder_cases;
CREATE OR REPLACE FUNCTION public_gen_elder_cases_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_elder_cases_i AFTER INSERT ON elder_cases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_elder_cases_i();

DROP TRIGGER public_gen_elder_cases_u ON elder_cases;
CREATE OR REPLACE FUNCTION public_gen_elder_cases_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_elder_cases_u AFTER UPDATE ON elder_cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_elder_cases_u();

DROP TRIGGER public_gen_elder_cases_d ON elder_cases;
CREATE OR REPLACE FUNCTION public_gen_elder_cases_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_elder_cases_d AFTER DELETE ON elder_cases REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_elder_cases_d();

DROP TRIGGER public_gen_showcase_photos_i ON showcase_photos;
CREATE OR REPLACE FUNCTION public_gen_showcase_photos_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_showcase_photos_i AFTER INSERT ON showcase_photos REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_showcase_photos_i();

DROP TRIGGER public_gen_showcase_photos_u ON showcase_photos;
CREATE OR REPLACE FUNCTION public_gen_showcase_photos_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_showcase_photos_u AFTER UPDATE ON showcase_photos REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_showcase_photos_u();

DROP TRIGGER public_gen_showcase_photos_d ON showcase_photos;
CREATE OR REPLACE FUNCTION public_gen_showcase_photos_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_showcase_photos_d AFTER DELETE ON showcase_photos REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_showcase_photos_d();

DROP TRIGGER public_gen_settings_i ON settings;
CREATE OR REPLACE FUNCTION public_gen_settings_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_settings_i AFTER INSERT ON settings REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_settings_i();

DROP TRIGGER public_gen_settings_u ON settings;
CREATE OR REPLACE FUNCTION public_gen_settings_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_settings_u AFTER UPDATE ON settings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_settings_u();

DROP TRIGGER public_gen_settings_d ON settings;
CREATE OR REPLACE FUNCTION public_gen_settings_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_settings_d AFTER DELETE ON settings REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_settings_d();

DROP TRIGGER public_gens_units_i ON units;
CREATE OR REPLACE FUNCTION public_gens_units_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_units_i AFTER INSERT ON units REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_units_i();

DROP TRIGGER public_gens_units_u ON units;
CREATE OR REPLACE FUNCTION public_gens_units_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_units_u AFTER UPDATE ON units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_units_u();

DROP TRIGGER public_gens_units_d ON units;
CREATE OR REPLACE FUNCTION public_gens_units_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_units_d AFTER DELETE ON units REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_units_d();

DROP TRIGGER public_gens_weeks_i ON weeks;
CREATE OR REPLACE FUNCTION public_gens_weeks_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_weeks_i AFTER INSERT ON weeks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_weeks_i();

DROP TRIGGER public_gens_weeks_u ON weeks;
CREATE OR REPLACE FUNCTION public_gens_weeks_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_weeks_u AFTER UPDATE ON weeks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_weeks_u();

DROP TRIGGER public_gens_weeks_d ON weeks;
CREATE OR REPLACE FUNCTION public_gens_weeks_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_weeks_d AFTER DELETE ON weeks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_weeks_d();

DROP TRIGGER public_gens_settings_i ON settings;
CREATE OR REPLACE FUNCTION public_gens_settings_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_settings_i AFTER INSERT ON settings REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_settings_i();

DROP TRIGGER public_gens_settings_u ON settings;
CREATE OR REPLACE FUNCTION public_gens_settings_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_settings_u AFTER UPDATE ON settings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_settings_u();

DROP TRIGGER public_gens_settings_d ON settings;
CREATE OR REPLACE FUNCTION public_gens_settings_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_settings_d AFTER DELETE ON settings REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_settings_d();

DROP TRIGGER public_gens_activities_i ON activities;
CREATE OR REPLACE FUNCTION public_gens_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (2, new_row.week_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_activities_i AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_activities_i();

DROP TRIGGER public_gens_activities_u ON activities;
CREATE OR REPLACE FUNCTION public_gens_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (2, new_row.week_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 2, old_row.week_id, 1) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE EXISTS (SELECT 1 FROM resource_activities WHERE activity_id = new_row.id)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE EXISTS (SELECT 1 FROM star_activities WHERE activity_id = new_row.id) OR EXISTS (SELECT 1 FROM brand_activities WHERE activity_id = new_row.id) OR EXISTS (SELECT 1 FROM elder_cases WHERE activity_id = new_row.id)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_activities_u AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_activities_u();

DROP TRIGGER public_gens_activities_d ON activities;
CREATE OR REPLACE FUNCTION public_gens_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (2, old_row.week_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE EXISTS (SELECT 1 FROM resource_activities WHERE activity_id = old_row.id)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE EXISTS (SELECT 1 FROM star_activities WHERE activity_id = old_row.id) OR EXISTS (SELECT 1 FROM brand_activities WHERE activity_id = old_row.id) OR EXISTS (SELECT 1 FROM elder_cases WHERE activity_id = old_row.id)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_activities_d AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_activities_d();

DROP TRIGGER public_gens_activity_tags_i ON activity_tags;
CREATE OR REPLACE FUNCTION public_gens_activity_tags_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 2, week_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_activity_tags_i AFTER INSERT ON activity_tags REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_activity_tags_i();

DROP TRIGGER public_gens_activity_tags_u ON activity_tags;
CREATE OR REPLACE FUNCTION public_gens_activity_tags_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 2, week_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 2, week_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_activity_tags_u AFTER UPDATE ON activity_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_activity_tags_u();

DROP TRIGGER public_gens_activity_tags_d ON activity_tags;
CREATE OR REPLACE FUNCTION public_gens_activity_tags_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 2, week_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_activity_tags_d AFTER DELETE ON activity_tags REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_activity_tags_d();

DROP TRIGGER public_gens_activity_photos_i ON activity_photos;
CREATE OR REPLACE FUNCTION public_gens_activity_photos_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_activity_photos_i AFTER INSERT ON activity_photos REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_activity_photos_i();

DROP TRIGGER public_gens_activity_photos_u ON activity_photos;
CREATE OR REPLACE FUNCTION public_gens_activity_photos_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_activity_photos_u AFTER UPDATE ON activity_photos REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_activity_photos_u();

DROP TRIGGER public_gens_activity_photos_d ON activity_photos;
CREATE OR REPLACE FUNCTION public_gens_activity_photos_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_activity_photos_d AFTER DELETE ON activity_photos REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_activity_photos_d();

DROP TRIGGER public_gens_registrations_i ON registrations;
CREATE OR REPLACE FUNCTION public_gens_registrations_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_registrations_i AFTER INSERT ON registrations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_registrations_i();

DROP TRIGGER public_gens_registrations_u ON registrations;
CREATE OR REPLACE FUNCTION public_gens_registrations_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_registrations_u AFTER UPDATE ON registrations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_registrations_u();

DROP TRIGGER public_gens_registrations_d ON registrations;
CREATE OR REPLACE FUNCTION public_gens_registrations_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_registrations_d AFTER DELETE ON registrations REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_registrations_d();

DROP TRIGGER public_gens_resources_i ON resources;
CREATE OR REPLACE FUNCTION public_gens_resources_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_resources_i AFTER INSERT ON resources REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_resources_i();

DROP TRIGGER public_gens_resources_u ON resources;
CREATE OR REPLACE FUNCTION public_gens_resources_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 3, activity_id, 1 FROM resource_activities WHERE resource_id = new_row.id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_resources_u AFTER UPDATE ON resources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_resources_u();

DROP TRIGGER public_gens_resources_d ON resources;
CREATE OR REPLACE FUNCTION public_gens_resources_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 3, activity_id, 1 FROM resource_activities WHERE resource_id = old_row.id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_resources_d AFTER DELETE ON resources REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_resources_d();

DROP TRIGGER public_gens_resource_audiences_i ON resource_audiences;
CREATE OR REPLACE FUNCTION public_gens_resource_audiences_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_resource_audiences_i AFTER INSERT ON resource_audiences REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_resource_audiences_i();

DROP TRIGGER public_gens_resource_audiences_u ON resource_audiences;
CREATE OR REPLACE FUNCTION public_gens_resource_audiences_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_resource_audiences_u AFTER UPDATE ON resource_audiences REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_resource_audiences_u();

DROP TRIGGER public_gens_resource_audiences_d ON resource_audiences;
CREATE OR REPLACE FUNCTION public_gens_resource_audiences_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_resource_audiences_d AFTER DELETE ON resource_audiences REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_resource_audiences_d();

DROP TRIGGER public_gens_resource_activities_i ON resource_activities;
CREATE OR REPLACE FUNCTION public_gens_resource_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_resource_activities_i AFTER INSERT ON resource_activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_resource_activities_i();

DROP TRIGGER public_gens_resource_activities_u ON resource_activities;
CREATE OR REPLACE FUNCTION public_gens_resource_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_resource_activities_u AFTER UPDATE ON resource_activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_resource_activities_u();

DROP TRIGGER public_gens_resource_activities_d ON resource_activities;
CREATE OR REPLACE FUNCTION public_gens_resource_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_resource_activities_d AFTER DELETE ON resource_activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_resource_activities_d();

DROP TRIGGER public_gens_stars_i ON stars;
CREATE OR REPLACE FUNCTION public_gens_stars_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_stars_i AFTER INSERT ON stars REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_stars_i();

DROP TRIGGER public_gens_stars_u ON stars;
CREATE OR REPLACE FUNCTION public_gens_stars_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_stars_u AFTER UPDATE ON stars REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_stars_u();

DROP TRIGGER public_gens_stars_d ON stars;
CREATE OR REPLACE FUNCTION public_gens_stars_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_stars_d AFTER DELETE ON stars REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_stars_d();

DROP TRIGGER public_gens_brands_i ON brands;
CREATE OR REPLACE FUNCTION public_gens_brands_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_brands_i AFTER INSERT ON brands REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_brands_i();

DROP TRIGGER public_gens_brands_u ON brands;
CREATE OR REPLACE FUNCTION public_gens_brands_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_brands_u AFTER UPDATE ON brands REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_brands_u();

DROP TRIGGER public_gens_brands_d ON brands;
CREATE OR REPLACE FUNCTION public_gens_brands_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_brands_d AFTER DELETE ON brands REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_brands_d();

DROP TRIGGER public_gens_star_activities_i ON star_activities;
CREATE OR REPLACE FUNCTION public_gens_star_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_star_activities_i AFTER INSERT ON star_activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_star_activities_i();

DROP TRIGGER public_gens_star_activities_u ON star_activities;
CREATE OR REPLACE FUNCTION public_gens_star_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_star_activities_u AFTER UPDATE ON star_activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_star_activities_u();

DROP TRIGGER public_gens_star_activities_d ON star_activities;
CREATE OR REPLACE FUNCTION public_gens_star_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_star_activities_d AFTER DELETE ON star_activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_star_activities_d();

DROP TRIGGER public_gens_brand_activities_i ON brand_activities;
CREATE OR REPLACE FUNCTION public_gens_brand_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_brand_activities_i AFTER INSERT ON brand_activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_brand_activities_i();

DROP TRIGGER public_gens_brand_activities_u ON brand_activities;
CREATE OR REPLACE FUNCTION public_gens_brand_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_brand_activities_u AFTER UPDATE ON brand_activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_brand_activities_u();

DROP TRIGGER public_gens_brand_activities_d ON brand_activities;
CREATE OR REPLACE FUNCTION public_gens_brand_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_brand_activities_d AFTER DELETE ON brand_activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_brand_activities_d();

DROP TRIGGER public_gens_elder_cases_i ON elder_cases;
CREATE OR REPLACE FUNCTION public_gens_elder_cases_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_elder_cases_i AFTER INSERT ON elder_cases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_elder_cases_i();

DROP TRIGGER public_gens_elder_cases_u ON elder_cases;
CREATE OR REPLACE FUNCTION public_gens_elder_cases_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_elder_cases_u AFTER UPDATE ON elder_cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_elder_cases_u();

DROP TRIGGER public_gens_elder_cases_d ON elder_cases;
CREATE OR REPLACE FUNCTION public_gens_elder_cases_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_elder_cases_d AFTER DELETE ON elder_cases REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_elder_cases_d();

DROP TRIGGER public_gens_showcase_photos_i ON showcase_photos;
CREATE OR REPLACE FUNCTION public_gens_showcase_photos_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE new_row.owner = 'resource') b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE new_row.owner <> 'resource') b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_showcase_photos_i AFTER INSERT ON showcase_photos REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_showcase_photos_i();

DROP TRIGGER public_gens_showcase_photos_u ON showcase_photos;
CREATE OR REPLACE FUNCTION public_gens_showcase_photos_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE new_row.owner = 'resource') b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE new_row.owner <> 'resource') b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE old_row.owner = 'resource') b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE old_row.owner <> 'resource') b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_showcase_photos_u AFTER UPDATE ON showcase_photos REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_showcase_photos_u();

DROP TRIGGER public_gens_showcase_photos_d ON showcase_photos;
CREATE OR REPLACE FUNCTION public_gens_showcase_photos_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE old_row.owner = 'resource') b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE old_row.owner <> 'resource') b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_showcase_photos_d AFTER DELETE ON showcase_photos REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_showcase_photos_d();

DROP TRIGGER public_gen_finals_i ON finals;
CREATE OR REPLACE FUNCTION public_gen_finals_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_finals_i AFTER INSERT ON finals REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_finals_i();

DROP TRIGGER public_gen_finals_u ON finals;
CREATE OR REPLACE FUNCTION public_gen_finals_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_finals_u AFTER UPDATE ON finals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_finals_u();

DROP TRIGGER public_gen_finals_d ON finals;
CREATE OR REPLACE FUNCTION public_gen_finals_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_finals_d AFTER DELETE ON finals REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_finals_d();

DROP TRIGGER public_gens_finals_i ON finals;
CREATE OR REPLACE FUNCTION public_gens_finals_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_finals_i AFTER INSERT ON finals REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_finals_i();

DROP TRIGGER public_gens_finals_u ON finals;
CREATE OR REPLACE FUNCTION public_gens_finals_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_finals_u AFTER UPDATE ON finals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_finals_u();

DROP TRIGGER public_gens_finals_d ON finals;
CREATE OR REPLACE FUNCTION public_gens_finals_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_finals_d AFTER DELETE ON finals REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_finals_d();

DROP TRIGGER public_gen_submissions_i ON submissions;
CREATE OR REPLACE FUNCTION public_gen_submissions_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_submissions_i AFTER INSERT ON submissions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_submissions_i();

DROP TRIGGER public_gen_submissions_u ON submissions;
CREATE OR REPLACE FUNCTION public_gen_submissions_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_submissions_u AFTER UPDATE ON submissions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_submissions_u();

DROP TRIGGER public_gen_submissions_d ON submissions;
CREATE OR REPLACE FUNCTION public_gen_submissions_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_submissions_d AFTER DELETE ON submissions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_submissions_d();

DROP TRIGGER public_gens_submissions_i ON submissions;
CREATE OR REPLACE FUNCTION public_gens_submissions_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_submissions_i AFTER INSERT ON submissions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_submissions_i();

DROP TRIGGER public_gens_submissions_u ON submissions;
CREATE OR REPLACE FUNCTION public_gens_submissions_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_submissions_u AFTER UPDATE ON submissions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_submissions_u();

DROP TRIGGER public_gens_submissions_d ON submissions;
CREATE OR REPLACE FUNCTION public_gens_submissions_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_submissions_d AFTER DELETE ON submissions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_submissions_d();

DROP TRIGGER public_gen_week_choices_i ON week_choices;
CREATE OR REPLACE FUNCTION public_gen_week_choices_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_week_choices_i AFTER INSERT ON week_choices REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_week_choices_i();

DROP TRIGGER public_gen_week_choices_u ON week_choices;
CREATE OR REPLACE FUNCTION public_gen_week_choices_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_week_choices_u AFTER UPDATE ON week_choices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_week_choices_u();

DROP TRIGGER public_gen_week_choices_d ON week_choices;
CREATE OR REPLACE FUNCTION public_gen_week_choices_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_week_choices_d AFTER DELETE ON week_choices REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_week_choices_d();

DROP TRIGGER public_gens_week_choices_i ON week_choices;
CREATE OR REPLACE FUNCTION public_gens_week_choices_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_week_choices_i AFTER INSERT ON week_choices REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_week_choices_i();

DROP TRIGGER public_gens_week_choices_u ON week_choices;
CREATE OR REPLACE FUNCTION public_gens_week_choices_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_week_choices_u AFTER UPDATE ON week_choices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_week_choices_u();

DROP TRIGGER public_gens_week_choices_d ON week_choices;
CREATE OR REPLACE FUNCTION public_gens_week_choices_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_week_choices_d AFTER DELETE ON week_choices REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_week_choices_d();

DROP TRIGGER public_gens_unit_week_activities_i ON activities;
CREATE OR REPLACE FUNCTION public_gens_unit_week_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (6, new_row.week_id * 1048576 + new_row.unit_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_unit_week_activities_i AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_unit_week_activities_i();

DROP TRIGGER public_gens_unit_week_activities_u ON activities;
CREATE OR REPLACE FUNCTION public_gens_unit_week_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (6, new_row.week_id * 1048576 + new_row.unit_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 6, old_row.week_id * 1048576 + old_row.unit_id, 1) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_unit_week_activities_u AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_unit_week_activities_u();

DROP TRIGGER public_gens_unit_week_activities_d ON activities;
CREATE OR REPLACE FUNCTION public_gens_unit_week_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (6, old_row.week_id * 1048576 + old_row.unit_id, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_unit_week_activities_d AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_unit_week_activities_d();

DROP TRIGGER public_gens_unit_week_activity_tags_i ON activity_tags;
CREATE OR REPLACE FUNCTION public_gens_unit_week_activity_tags_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_unit_week_activity_tags_i AFTER INSERT ON activity_tags REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_unit_week_activity_tags_i();

DROP TRIGGER public_gens_unit_week_activity_tags_u ON activity_tags;
CREATE OR REPLACE FUNCTION public_gens_unit_week_activity_tags_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_unit_week_activity_tags_u AFTER UPDATE ON activity_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_unit_week_activity_tags_u();

DROP TRIGGER public_gens_unit_week_activity_tags_d ON activity_tags;
CREATE OR REPLACE FUNCTION public_gens_unit_week_activity_tags_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gens_unit_week_activity_tags_d AFTER DELETE ON activity_tags REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gens_unit_week_activity_tags_d();

DROP TRIGGER public_gen_root_fields_i ON report_fields;
CREATE OR REPLACE FUNCTION public_gen_root_fields_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows new_row WHERE COALESCE(((SELECT u.parent_id IS NULL FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = new_row.report_id)), false)) THEN
        RETURN NULL;
    END IF;
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_root_fields_i AFTER INSERT ON report_fields REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_root_fields_i();

DROP TRIGGER public_gen_root_fields_u ON report_fields;
CREATE OR REPLACE FUNCTION public_gen_root_fields_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows new_row WHERE COALESCE(((SELECT u.parent_id IS NULL FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = new_row.report_id)), false)) THEN
        RETURN NULL;
    END IF;
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_root_fields_u AFTER UPDATE ON report_fields REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_root_fields_u();

DROP TRIGGER public_gen_root_fields_d ON report_fields;
CREATE OR REPLACE FUNCTION public_gen_root_fields_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM old_rows old_row WHERE COALESCE(((SELECT u.parent_id IS NULL FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = old_row.report_id)), false)) THEN
        RETURN NULL;
    END IF;
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM old_rows);
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_root_fields_d AFTER DELETE ON report_fields REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_root_fields_d();

DROP TRIGGER public_gen_root_reports_u ON reports;
CREATE OR REPLACE FUNCTION public_gen_root_reports_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows new_row WHERE COALESCE(((SELECT parent_id IS NULL FROM units WHERE id = new_row.unit_id)), false)) THEN
        RETURN NULL;
    END IF;
    UPDATE public_gen SET n = n + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM new_rows);
    INSERT INTO public_gens(kind, id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER public_gen_root_reports_u AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public_gen_root_reports_u();

DROP TRIGGER form_gens_activities_i ON activities;
CREATE OR REPLACE FUNCTION form_gens_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_activities_i AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_activities_i();

DROP TRIGGER form_gens_activities_u ON activities;
CREATE OR REPLACE FUNCTION form_gens_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_activities_u AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_activities_u();

DROP TRIGGER form_gens_activities_d ON activities;
CREATE OR REPLACE FUNCTION form_gens_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_activities_d AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_activities_d();

DROP TRIGGER form_gens_activity_tags_i ON activity_tags;
CREATE OR REPLACE FUNCTION form_gens_activity_tags_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_activity_tags_i AFTER INSERT ON activity_tags REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_activity_tags_i();

DROP TRIGGER form_gens_activity_tags_u ON activity_tags;
CREATE OR REPLACE FUNCTION form_gens_activity_tags_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_activity_tags_u AFTER UPDATE ON activity_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_activity_tags_u();

DROP TRIGGER form_gens_activity_tags_d ON activity_tags;
CREATE OR REPLACE FUNCTION form_gens_activity_tags_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_activity_tags_d AFTER DELETE ON activity_tags REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_activity_tags_d();

DROP TRIGGER form_gens_checkins_i ON checkins;
CREATE OR REPLACE FUNCTION form_gens_checkins_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_checkins_i AFTER INSERT ON checkins REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_checkins_i();

DROP TRIGGER form_gens_checkins_u ON checkins;
CREATE OR REPLACE FUNCTION form_gens_checkins_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_checkins_u AFTER UPDATE ON checkins REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_checkins_u();

DROP TRIGGER form_gens_checkins_d ON checkins;
CREATE OR REPLACE FUNCTION form_gens_checkins_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_checkins_d AFTER DELETE ON checkins REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_checkins_d();

DROP TRIGGER form_gens_ratings_i ON ratings;
CREATE OR REPLACE FUNCTION form_gens_ratings_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_ratings_i AFTER INSERT ON ratings REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_ratings_i();

DROP TRIGGER form_gens_ratings_u ON ratings;
CREATE OR REPLACE FUNCTION form_gens_ratings_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_ratings_u AFTER UPDATE ON ratings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_ratings_u();

DROP TRIGGER form_gens_ratings_d ON ratings;
CREATE OR REPLACE FUNCTION form_gens_ratings_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_ratings_d AFTER DELETE ON ratings REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_ratings_d();

DROP TRIGGER form_gens_publicity_i ON publicity;
CREATE OR REPLACE FUNCTION form_gens_publicity_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_publicity_i AFTER INSERT ON publicity REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_publicity_i();

DROP TRIGGER form_gens_publicity_u ON publicity;
CREATE OR REPLACE FUNCTION form_gens_publicity_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_publicity_u AFTER UPDATE ON publicity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_publicity_u();

DROP TRIGGER form_gens_publicity_d ON publicity;
CREATE OR REPLACE FUNCTION form_gens_publicity_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_publicity_d AFTER DELETE ON publicity REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_publicity_d();

DROP TRIGGER form_gens_resources_i ON resources;
CREATE OR REPLACE FUNCTION form_gens_resources_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_resources_i AFTER INSERT ON resources REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_resources_i();

DROP TRIGGER form_gens_resources_u ON resources;
CREATE OR REPLACE FUNCTION form_gens_resources_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_resources_u AFTER UPDATE ON resources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_resources_u();

DROP TRIGGER form_gens_resources_d ON resources;
CREATE OR REPLACE FUNCTION form_gens_resources_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_resources_d AFTER DELETE ON resources REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_resources_d();

DROP TRIGGER form_gens_stars_i ON stars;
CREATE OR REPLACE FUNCTION form_gens_stars_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_stars_i AFTER INSERT ON stars REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_stars_i();

DROP TRIGGER form_gens_stars_u ON stars;
CREATE OR REPLACE FUNCTION form_gens_stars_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_stars_u AFTER UPDATE ON stars REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_stars_u();

DROP TRIGGER form_gens_stars_d ON stars;
CREATE OR REPLACE FUNCTION form_gens_stars_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_stars_d AFTER DELETE ON stars REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_stars_d();

DROP TRIGGER form_gens_brands_i ON brands;
CREATE OR REPLACE FUNCTION form_gens_brands_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_brands_i AFTER INSERT ON brands REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_brands_i();

DROP TRIGGER form_gens_brands_u ON brands;
CREATE OR REPLACE FUNCTION form_gens_brands_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_brands_u AFTER UPDATE ON brands REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_brands_u();

DROP TRIGGER form_gens_brands_d ON brands;
CREATE OR REPLACE FUNCTION form_gens_brands_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_brands_d AFTER DELETE ON brands REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_brands_d();

DROP TRIGGER form_gens_reports_i ON reports;
CREATE OR REPLACE FUNCTION form_gens_reports_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_reports_i AFTER INSERT ON reports REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_reports_i();

DROP TRIGGER form_gens_reports_u ON reports;
CREATE OR REPLACE FUNCTION form_gens_reports_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_reports_u AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_reports_u();

DROP TRIGGER form_gens_reports_d ON reports;
CREATE OR REPLACE FUNCTION form_gens_reports_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_reports_d AFTER DELETE ON reports REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_reports_d();

DROP TRIGGER form_gens_report_fields_i ON report_fields;
CREATE OR REPLACE FUNCTION form_gens_report_fields_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = new_row.report_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_report_fields_i AFTER INSERT ON report_fields REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_report_fields_i();

DROP TRIGGER form_gens_report_fields_u ON report_fields;
CREATE OR REPLACE FUNCTION form_gens_report_fields_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = new_row.report_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = old_row.report_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_report_fields_u AFTER UPDATE ON report_fields REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_report_fields_u();

DROP TRIGGER form_gens_report_fields_d ON report_fields;
CREATE OR REPLACE FUNCTION form_gens_report_fields_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = old_row.report_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_report_fields_d AFTER DELETE ON report_fields REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_report_fields_d();

DROP TRIGGER form_gens_attachments_i ON attachments;
CREATE OR REPLACE FUNCTION form_gens_attachments_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = new_row.report_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_attachments_i AFTER INSERT ON attachments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_attachments_i();

DROP TRIGGER form_gens_attachments_u ON attachments;
CREATE OR REPLACE FUNCTION form_gens_attachments_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = new_row.report_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = old_row.report_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_attachments_u AFTER UPDATE ON attachments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_attachments_u();

DROP TRIGGER form_gens_attachments_d ON attachments;
CREATE OR REPLACE FUNCTION form_gens_attachments_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = old_row.report_id) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_attachments_d AFTER DELETE ON attachments REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_attachments_d();

DROP TRIGGER form_gens_units_i ON units;
CREATE OR REPLACE FUNCTION form_gens_units_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (0, new_row.id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_units_i AFTER INSERT ON units REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_units_i();

DROP TRIGGER form_gens_units_u ON units;
CREATE OR REPLACE FUNCTION form_gens_units_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (0, new_row.id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (0, old_row.id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_units_u AFTER UPDATE ON units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_units_u();

DROP TRIGGER form_gens_units_d ON units;
CREATE OR REPLACE FUNCTION form_gens_units_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (0, old_row.id, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_units_d AFTER DELETE ON units REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_units_d();

DROP TRIGGER form_gens_weeks_i ON weeks;
CREATE OR REPLACE FUNCTION form_gens_weeks_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_weeks_i AFTER INSERT ON weeks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_weeks_i();

DROP TRIGGER form_gens_weeks_u ON weeks;
CREATE OR REPLACE FUNCTION form_gens_weeks_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_weeks_u AFTER UPDATE ON weeks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_weeks_u();

DROP TRIGGER form_gens_weeks_d ON weeks;
CREATE OR REPLACE FUNCTION form_gens_weeks_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_weeks_d AFTER DELETE ON weeks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_weeks_d();

DROP TRIGGER form_gens_week_choices_i ON week_choices;
CREATE OR REPLACE FUNCTION form_gens_week_choices_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_week_choices_i AFTER INSERT ON week_choices REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_week_choices_i();

DROP TRIGGER form_gens_week_choices_u ON week_choices;
CREATE OR REPLACE FUNCTION form_gens_week_choices_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_week_choices_u AFTER UPDATE ON week_choices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_week_choices_u();

DROP TRIGGER form_gens_week_choices_d ON week_choices;
CREATE OR REPLACE FUNCTION form_gens_week_choices_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_week_choices_d AFTER DELETE ON week_choices REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_week_choices_d();

DROP TRIGGER form_gens_week_form_rows_i ON week_form_rows;
CREATE OR REPLACE FUNCTION form_gens_week_form_rows_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_week_form_rows_i AFTER INSERT ON week_form_rows REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_week_form_rows_i();

DROP TRIGGER form_gens_week_form_rows_u ON week_form_rows;
CREATE OR REPLACE FUNCTION form_gens_week_form_rows_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_week_form_rows_u AFTER UPDATE ON week_form_rows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_week_form_rows_u();

DROP TRIGGER form_gens_week_form_rows_d ON week_form_rows;
CREATE OR REPLACE FUNCTION form_gens_week_form_rows_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, 0, 1)) b
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_week_form_rows_d AFTER DELETE ON week_form_rows REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION form_gens_week_form_rows_d();

