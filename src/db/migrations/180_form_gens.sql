-- 180: a generation per (week, unit) of everything a unit's summary form is
-- derived from (derive.c, form_merge_written), bumped by these triggers in the
-- writing transaction, whichever process writes. The board (board.c) showed
-- 提交后记录有变动 by deriving each submitted unit's whole form on every view
-- (259 ms of CPU at 100,000 activities); it now derives a unit's form only
-- when the unit's generation differs from the one it last found the form
-- unchanged at. Rows:
--   (week, unit)  the unit's activities of the week, their tags, check-ins
--                 and ratings; its publicity, resources, stars, brands; its
--                 report row and the report's written fields and attachments
--   (0, unit)     the unit itself (its name)
--   (week, 0)     the week itself (theme, dates) and its choices
-- A reader sums the three rows: each only grows, so the sum changes whenever
-- one of them does. tests/http/test_board_drift.c changes each kind after
-- 报送 and checks the board says so.
CREATE TABLE form_gens (
    week_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (week_id, unit_id)
) WITHOUT ROWID;
CREATE TRIGGER form_gens_activities_i AFTER INSERT ON activities BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_activities_u AFTER UPDATE ON activities BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_activities_d AFTER DELETE ON activities BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_activity_tags_i AFTER INSERT ON activity_tags BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_activity_tags_u AFTER UPDATE ON activity_tags BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_activity_tags_d AFTER DELETE ON activity_tags BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_checkins_i AFTER INSERT ON checkins BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_checkins_u AFTER UPDATE ON checkins BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_checkins_d AFTER DELETE ON checkins BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_ratings_i AFTER INSERT ON ratings BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_ratings_u AFTER UPDATE ON ratings BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = new.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_ratings_d AFTER DELETE ON ratings BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM activities WHERE id = old.activity_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_publicity_i AFTER INSERT ON publicity BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_publicity_u AFTER UPDATE ON publicity BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_publicity_d AFTER DELETE ON publicity BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_resources_i AFTER INSERT ON resources BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_resources_u AFTER UPDATE ON resources BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_resources_d AFTER DELETE ON resources BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_stars_i AFTER INSERT ON stars BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_stars_u AFTER UPDATE ON stars BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_stars_d AFTER DELETE ON stars BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_brands_i AFTER INSERT ON brands BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_brands_u AFTER UPDATE ON brands BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_brands_d AFTER DELETE ON brands BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_reports_i AFTER INSERT ON reports BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_reports_u AFTER UPDATE ON reports BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, new.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_reports_d AFTER DELETE ON reports BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, old.unit_id, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_report_fields_i AFTER INSERT ON report_fields BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM reports WHERE id = new.report_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_report_fields_u AFTER UPDATE ON report_fields BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM reports WHERE id = new.report_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM reports WHERE id = old.report_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_report_fields_d AFTER DELETE ON report_fields BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM reports WHERE id = old.report_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_attachments_i AFTER INSERT ON attachments BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM reports WHERE id = new.report_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_attachments_u AFTER UPDATE ON attachments BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM reports WHERE id = new.report_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM reports WHERE id = old.report_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_attachments_d AFTER DELETE ON attachments BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) SELECT week_id, unit_id, 1 FROM reports WHERE id = old.report_id ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
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
CREATE TRIGGER form_gens_weeks_i AFTER INSERT ON weeks BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_weeks_u AFTER UPDATE ON weeks BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_weeks_d AFTER DELETE ON weeks BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_week_choices_i AFTER INSERT ON week_choices BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_week_choices_u AFTER UPDATE ON week_choices BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_week_choices_d AFTER DELETE ON week_choices BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
