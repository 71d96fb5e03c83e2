-- PostgreSQL only (issue 18): each generation key is bumped once per
-- transaction, at its first write. 260 bumped it once per statement, so a
-- transaction of many one-row statements (an import, a form saved row by
-- row) still rewrote the same counter row once per statement, and
-- PostgreSQL keeps every version of a row a transaction rewrites until it
-- ends: 20,000 one-row tag inserts in one transaction took minutes.
-- Once is enough: no other transaction sees the counter before this one
-- commits, and the writing transaction sees its own first bump, so whatever
-- another reads or cached under the old value is stale after the commit. The
-- keys bumped so far are rows of a temporary table emptied at each commit;
-- a savepoint rolled back takes its marks with its bumps. (A page cached by
-- the writing transaction itself under its new value, before a later write
-- of the same transaction, would be missed: nothing renders inside a write.)
--
-- Maintained by hand: no generator is kept (see 260). Written once by a
-- throwaway script from 260: each bump of 260
--   INSERT INTO c(k1, k2, n) SELECT DISTINCT b.* FROM .. b ON CONFLICT ..
-- becomes
--   INSERT INTO c(k1, k2, n) SELECT b.* FROM (SELECT DISTINCT b.* FROM .. b)
--     AS b(k1, k2, n) WHERE lw_first_bump('c', b.k1, b.k2) ON CONFLICT ..
-- and public_gen's EXISTS test becomes CASE WHEN EXISTS (..) THEN
-- lw_first_bump('public_gen', 1, 0) ELSE false END. A new generation trigger
-- on PostgreSQL is a statement trigger over transition tables written
-- directly in this form.

-- Whether counter's key (a, b) is bumped for the first time in this transaction.
CREATE FUNCTION lw_first_bump(p_counter text, p_a bigint, p_b bigint) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF to_regclass('pg_temp.lw_bumped') IS NULL THEN
        CREATE TEMP TABLE lw_bumped (counter text, a bigint, b bigint, PRIMARY KEY (counter, a, b)) ON COMMIT DELETE ROWS;
    END IF;
    INSERT INTO lw_bumped VALUES (p_counter, p_a, p_b) ON CONFLICT DO NOTHING;
    RETURN FOUND;
END $$;

CREATE OR REPLACE FUNCTION public_gen_units_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_units_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_units_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_weeks_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_weeks_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_weeks_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_activity_tags_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_activity_tags_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_activity_tags_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_activity_photos_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_activity_photos_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_activity_photos_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_registrations_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_registrations_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_registrations_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_resources_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_resources_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_resources_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_resource_audiences_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_resource_audiences_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_resource_audiences_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_resource_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_resource_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_resource_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_stars_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_stars_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_stars_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_brands_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_brands_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_brands_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_star_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_star_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_star_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_brand_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_brand_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_brand_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_elder_cases_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_elder_cases_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_elder_cases_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_showcase_photos_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_showcase_photos_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_showcase_photos_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_settings_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_settings_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_settings_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_units_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_units_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_units_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_weeks_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_weeks_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_weeks_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_settings_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_settings_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_settings_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (2, new_row.week_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (2, new_row.week_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 2, old_row.week_id, 1) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE EXISTS (SELECT 1 FROM resource_activities WHERE activity_id = new_row.id)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE EXISTS (SELECT 1 FROM star_activities WHERE activity_id = new_row.id) OR EXISTS (SELECT 1 FROM brand_activities WHERE activity_id = new_row.id) OR EXISTS (SELECT 1 FROM elder_cases WHERE activity_id = new_row.id)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (2, old_row.week_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE EXISTS (SELECT 1 FROM resource_activities WHERE activity_id = old_row.id)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE EXISTS (SELECT 1 FROM star_activities WHERE activity_id = old_row.id) OR EXISTS (SELECT 1 FROM brand_activities WHERE activity_id = old_row.id) OR EXISTS (SELECT 1 FROM elder_cases WHERE activity_id = old_row.id)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_activity_tags_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 2, week_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_activity_tags_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 2, week_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 2, week_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_activity_tags_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 2, week_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_activity_photos_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_activity_photos_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_activity_photos_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_registrations_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_registrations_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_registrations_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_resources_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_resources_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 3, activity_id, 1 FROM resource_activities WHERE resource_id = new_row.id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_resources_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 3, activity_id, 1 FROM resource_activities WHERE resource_id = old_row.id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_resource_audiences_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_resource_audiences_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_resource_audiences_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_resource_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_resource_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (3, new_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_resource_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (4, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (3, old_row.activity_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_stars_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_stars_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_stars_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_brands_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_brands_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_brands_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_star_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_star_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_star_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_brand_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_brand_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_brand_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_elder_cases_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_elder_cases_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_elder_cases_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (5, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_showcase_photos_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE new_row.owner = 'resource') b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE new_row.owner <> 'resource') b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_showcase_photos_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE new_row.owner = 'resource') b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE new_row.owner <> 'resource') b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE old_row.owner = 'resource') b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE old_row.owner <> 'resource') b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_showcase_photos_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 4, 0, 1 WHERE old_row.owner = 'resource') b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 5, 0, 1 WHERE old_row.owner <> 'resource') b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_finals_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_finals_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_finals_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_finals_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_finals_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_finals_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_submissions_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_submissions_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_submissions_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_submissions_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_submissions_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_submissions_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_week_choices_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_week_choices_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_week_choices_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_week_choices_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_week_choices_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_week_choices_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_unit_week_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (6, new_row.week_id * 1048576 + new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_unit_week_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (6, new_row.week_id * 1048576 + new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 6, old_row.week_id * 1048576 + old_row.unit_id, 1) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_unit_week_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (6, old_row.week_id * 1048576 + old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_unit_week_activity_tags_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_unit_week_activity_tags_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gens_unit_week_activity_tags_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_root_fields_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows new_row WHERE COALESCE(((SELECT u.parent_id IS NULL FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = new_row.report_id)), false)) THEN
        RETURN NULL;
    END IF;
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_root_fields_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows new_row WHERE COALESCE(((SELECT u.parent_id IS NULL FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = new_row.report_id)), false)) THEN
        RETURN NULL;
    END IF;
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_root_fields_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM old_rows old_row WHERE COALESCE(((SELECT u.parent_id IS NULL FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = old_row.report_id)), false)) THEN
        RETURN NULL;
    END IF;
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM old_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION public_gen_root_reports_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows new_row WHERE COALESCE(((SELECT parent_id IS NULL FROM units WHERE id = new_row.unit_id)), false)) THEN
        RETURN NULL;
    END IF;
    UPDATE public_gen SET n = n + 1 WHERE id = 1
      AND CASE WHEN EXISTS (SELECT 1 FROM new_rows) THEN lw_first_bump('public_gen', 1, 0) ELSE false END;
    INSERT INTO public_gens(kind, id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (1, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('public_gens', b.k1, b.k2)
    ON CONFLICT (kind, id) DO UPDATE SET n = public_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_activities_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_activities_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_activities_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_activity_tags_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_activity_tags_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_activity_tags_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_checkins_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_checkins_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_checkins_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_ratings_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_ratings_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = new_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_ratings_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM activities WHERE id = old_row.activity_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_publicity_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_publicity_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_publicity_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_resources_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_resources_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_resources_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_stars_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_stars_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_stars_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_brands_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_brands_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_brands_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_reports_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_reports_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, new_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_reports_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, old_row.unit_id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_report_fields_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = new_row.report_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_report_fields_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = new_row.report_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = old_row.report_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_report_fields_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = old_row.report_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_attachments_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = new_row.report_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_attachments_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = new_row.report_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = old_row.report_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_attachments_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (SELECT week_id, unit_id, 1 FROM reports WHERE id = old_row.report_id) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_units_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (0, new_row.id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_units_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (0, new_row.id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (0, old_row.id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_units_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (0, old_row.id, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_weeks_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_weeks_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_weeks_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_week_choices_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_week_choices_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_week_choices_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_week_form_rows_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_week_form_rows_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM new_rows new_row CROSS JOIN LATERAL (VALUES (new_row.week_id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION form_gens_week_form_rows_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n)
    SELECT b.* FROM (SELECT DISTINCT b.* FROM old_rows old_row CROSS JOIN LATERAL (VALUES (old_row.week_id, 0, 1)) b) AS b(k1, k2, n)
     WHERE lw_first_bump('form_gens', b.k1, b.k2)
    ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;

