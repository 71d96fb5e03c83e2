-- 100: the generations of the public pages, one per thing a page shows, so
-- that a write ends only the cached pages that show what it changed (080 had
-- one generation for everything: under 13 units saving, no page survived).
--   kind 1 SITE       id 0        units, weeks, settings: on every public page
--   kind 2 WEEK       week id     the week's activities and their tags: the
--                                 calendar, the home page, the feed, 离我近的
--   kind 3 ACTIVITY   activity id /a/N and its feed: the activity, its tags,
--                                 photos, places taken, linked resources
--   kind 4 RESOURCES  0           the resource library and its pages
--   kind 5 SHOWCASE   0           stars, brand projects, 智慧助老 cases
-- Each is bumped by these triggers in the writing transaction (whichever
-- process writes), a row made on its first bump (no row: generation 0). A
-- change of an activity also bumps RESOURCES and SHOWCASE when a resource, a
-- star, a brand project or a case shows it, and a change of a resource the
-- activities it is linked to. A page records the generations it depends on
-- as it renders (cache_depends in src/web/router.c); the cache serves it only
-- while every one is unchanged. 080's public_gen stays the generation of
-- everything, for a page that records none.
-- tests/unit/test_public_gen.c checks that every table 080 bumps for is
-- bumped for here too.
CREATE TABLE public_gens (
    kind INTEGER NOT NULL,
    id   BIGINT NOT NULL,
    n    BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);
-- the activities' links to stars and brand projects, found by activity
CREATE INDEX star_activities_activity ON star_activities(activity_id);
CREATE INDEX brand_activities_activity ON brand_activities(activity_id);

CREATE TRIGGER public_gens_units_i AFTER INSERT ON units BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_units_u AFTER UPDATE ON units BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_units_d AFTER DELETE ON units BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_weeks_i AFTER INSERT ON weeks BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_weeks_u AFTER UPDATE ON weeks BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_weeks_d AFTER DELETE ON weeks BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_settings_i AFTER INSERT ON settings BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_settings_u AFTER UPDATE ON settings BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_settings_d AFTER DELETE ON settings BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_activities_i AFTER INSERT ON activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (2, new.week_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_activities_u AFTER UPDATE ON activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (2, new.week_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 2, old.week_id, 1 WHERE old.week_id IS NOT new.week_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, new.id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 4, 0, 1 WHERE EXISTS (SELECT 1 FROM resource_activities WHERE activity_id = new.id) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 5, 0, 1 WHERE EXISTS (SELECT 1 FROM star_activities WHERE activity_id = new.id) OR EXISTS (SELECT 1 FROM brand_activities WHERE activity_id = new.id) OR EXISTS (SELECT 1 FROM elder_cases WHERE activity_id = new.id) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_activities_d AFTER DELETE ON activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (2, old.week_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, old.id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 4, 0, 1 WHERE EXISTS (SELECT 1 FROM resource_activities WHERE activity_id = old.id) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 5, 0, 1 WHERE EXISTS (SELECT 1 FROM star_activities WHERE activity_id = old.id) OR EXISTS (SELECT 1 FROM brand_activities WHERE activity_id = old.id) OR EXISTS (SELECT 1 FROM elder_cases WHERE activity_id = old.id) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_activity_tags_i AFTER INSERT ON activity_tags BEGIN
    INSERT INTO public_gens(kind, id, n) SELECT 2, week_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, new.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_activity_tags_u AFTER UPDATE ON activity_tags BEGIN
    INSERT INTO public_gens(kind, id, n) SELECT 2, week_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, new.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 2, week_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, old.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_activity_tags_d AFTER DELETE ON activity_tags BEGIN
    INSERT INTO public_gens(kind, id, n) SELECT 2, week_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, old.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_activity_photos_i AFTER INSERT ON activity_photos BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (3, new.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_activity_photos_u AFTER UPDATE ON activity_photos BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (3, new.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, old.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_activity_photos_d AFTER DELETE ON activity_photos BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (3, old.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_registrations_i AFTER INSERT ON registrations BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (3, new.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_registrations_u AFTER UPDATE ON registrations BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (3, new.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, old.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_registrations_d AFTER DELETE ON registrations BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (3, old.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_resources_i AFTER INSERT ON resources BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (4, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_resources_u AFTER UPDATE ON resources BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (4, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 3, activity_id, 1 FROM resource_activities WHERE resource_id = new.id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_resources_d AFTER DELETE ON resources BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (4, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 3, activity_id, 1 FROM resource_activities WHERE resource_id = old.id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_resource_audiences_i AFTER INSERT ON resource_audiences BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (4, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_resource_audiences_u AFTER UPDATE ON resource_audiences BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (4, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_resource_audiences_d AFTER DELETE ON resource_audiences BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (4, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_resource_activities_i AFTER INSERT ON resource_activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (4, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, new.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_resource_activities_u AFTER UPDATE ON resource_activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (4, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, new.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, old.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_resource_activities_d AFTER DELETE ON resource_activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (4, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) VALUES (3, old.activity_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_stars_i AFTER INSERT ON stars BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_stars_u AFTER UPDATE ON stars BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_stars_d AFTER DELETE ON stars BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_brands_i AFTER INSERT ON brands BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_brands_u AFTER UPDATE ON brands BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_brands_d AFTER DELETE ON brands BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_star_activities_i AFTER INSERT ON star_activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_star_activities_u AFTER UPDATE ON star_activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_star_activities_d AFTER DELETE ON star_activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_brand_activities_i AFTER INSERT ON brand_activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_brand_activities_u AFTER UPDATE ON brand_activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_brand_activities_d AFTER DELETE ON brand_activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_elder_cases_i AFTER INSERT ON elder_cases BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_elder_cases_u AFTER UPDATE ON elder_cases BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_elder_cases_d AFTER DELETE ON elder_cases BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (5, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_showcase_photos_i AFTER INSERT ON showcase_photos BEGIN
    INSERT INTO public_gens(kind, id, n) SELECT 4, 0, 1 WHERE new.owner = 'resource' ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 5, 0, 1 WHERE new.owner <> 'resource' ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_showcase_photos_u AFTER UPDATE ON showcase_photos BEGIN
    INSERT INTO public_gens(kind, id, n) SELECT 4, 0, 1 WHERE new.owner = 'resource' ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 5, 0, 1 WHERE new.owner <> 'resource' ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 4, 0, 1 WHERE old.owner = 'resource' ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 5, 0, 1 WHERE old.owner <> 'resource' ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_showcase_photos_d AFTER DELETE ON showcase_photos BEGIN
    INSERT INTO public_gens(kind, id, n) SELECT 4, 0, 1 WHERE old.owner = 'resource' ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 5, 0, 1 WHERE old.owner <> 'resource' ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
