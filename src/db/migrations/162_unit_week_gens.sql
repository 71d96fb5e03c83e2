-- 162: one more generation of the public pages (see 100_public_gens.sql):
--   kind 6 UNIT_WEEK  week id * 1048576 + unit id   a unit's activities in a
--                     week and their tags: the calendar and the feed filtered
--                     by that unit
-- A page filtered by a unit shows only that unit's activities, so it depends
-- on this generation instead of the week's: a clerk's save ends the week's
-- unfiltered lists and the lists of the clerk's own unit, and the other
-- twelve units' lists stay cached (bench/README.md: under 13 units saving in
-- the live week, every list page of the week was ended by each save).
-- Unit ids stay below 1048576 (2^20), so the id is one number per pair.
CREATE TRIGGER public_gens_unit_week_activities_i AFTER INSERT ON activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (6, new.week_id * 1048576 + new.unit_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_unit_week_activities_u AFTER UPDATE ON activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (6, new.week_id * 1048576 + new.unit_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 6, old.week_id * 1048576 + old.unit_id, 1
     WHERE old.week_id IS NOT new.week_id OR old.unit_id IS NOT new.unit_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_unit_week_activities_d AFTER DELETE ON activities BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (6, old.week_id * 1048576 + old.unit_id, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_unit_week_activity_tags_i AFTER INSERT ON activity_tags BEGIN
    INSERT INTO public_gens(kind, id, n) SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_unit_week_activity_tags_u AFTER UPDATE ON activity_tags BEGIN
    INSERT INTO public_gens(kind, id, n) SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
    INSERT INTO public_gens(kind, id, n) SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_unit_week_activity_tags_d AFTER DELETE ON activity_tags BEGIN
    INSERT INTO public_gens(kind, id, n) SELECT 6, week_id * 1048576 + unit_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
