-- 080: the data generation of the public pages. Every write that changes
-- what a public page shows bumps public_gen.n in its own transaction (these
-- triggers), so the render cache (src/web/cache.c) never serves a page of an
-- older generation: a save is visible on the next GET. Triggers rather than a
-- bump in the transaction helper, because some writes are single statements
-- outside any helper and because the command line (imports, demo, user add)
-- writes from another process.
-- Every other table is named in tests/unit/test_public_gen.c as one no public
-- page reads; a new table must be added to one list or the other.
CREATE TABLE public_gen (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO public_gen(id, n) VALUES (1, 0);

CREATE TRIGGER public_gen_units_i AFTER INSERT ON units BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_units_u AFTER UPDATE ON units BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_units_d AFTER DELETE ON units BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_weeks_i AFTER INSERT ON weeks BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_weeks_u AFTER UPDATE ON weeks BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_weeks_d AFTER DELETE ON weeks BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_activities_i AFTER INSERT ON activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_activities_u AFTER UPDATE ON activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_activities_d AFTER DELETE ON activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_activity_tags_i AFTER INSERT ON activity_tags BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_activity_tags_u AFTER UPDATE ON activity_tags BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_activity_tags_d AFTER DELETE ON activity_tags BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_activity_photos_i AFTER INSERT ON activity_photos BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_activity_photos_u AFTER UPDATE ON activity_photos BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_activity_photos_d AFTER DELETE ON activity_photos BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_registrations_i AFTER INSERT ON registrations BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_registrations_u AFTER UPDATE ON registrations BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_registrations_d AFTER DELETE ON registrations BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_resources_i AFTER INSERT ON resources BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_resources_u AFTER UPDATE ON resources BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_resources_d AFTER DELETE ON resources BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_resource_audiences_i AFTER INSERT ON resource_audiences BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_resource_audiences_u AFTER UPDATE ON resource_audiences BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_resource_audiences_d AFTER DELETE ON resource_audiences BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_resource_activities_i AFTER INSERT ON resource_activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_resource_activities_u AFTER UPDATE ON resource_activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_resource_activities_d AFTER DELETE ON resource_activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_stars_i AFTER INSERT ON stars BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_stars_u AFTER UPDATE ON stars BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_stars_d AFTER DELETE ON stars BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_brands_i AFTER INSERT ON brands BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_brands_u AFTER UPDATE ON brands BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_brands_d AFTER DELETE ON brands BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_star_activities_i AFTER INSERT ON star_activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_star_activities_u AFTER UPDATE ON star_activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_star_activities_d AFTER DELETE ON star_activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_brand_activities_i AFTER INSERT ON brand_activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_brand_activities_u AFTER UPDATE ON brand_activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_brand_activities_d AFTER DELETE ON brand_activities BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_elder_cases_i AFTER INSERT ON elder_cases BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_elder_cases_u AFTER UPDATE ON elder_cases BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_elder_cases_d AFTER DELETE ON elder_cases BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_showcase_photos_i AFTER INSERT ON showcase_photos BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_showcase_photos_u AFTER UPDATE ON showcase_photos BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_showcase_photos_d AFTER DELETE ON showcase_photos BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_settings_i AFTER INSERT ON settings BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_settings_u AFTER UPDATE ON settings BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_settings_d AFTER DELETE ON settings BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
