-- /verify/CODE (a cached public page) says whether the city's 定稿 still
-- matches the city form. That form changes with the units' submissions
-- (which bump the generations, 120) and with the centre's own texts and
-- overrides, kept on the root unit's report: those writes bump the site's
-- generation too. They are rare (the centre edits its form a few times a week).
CREATE TRIGGER public_gen_root_fields_i AFTER INSERT ON report_fields
WHEN (SELECT u.parent_id IS NULL FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = NEW.report_id)
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1;
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gen_root_fields_u AFTER UPDATE ON report_fields
WHEN (SELECT u.parent_id IS NULL FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = NEW.report_id)
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1;
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gen_root_fields_d AFTER DELETE ON report_fields
WHEN (SELECT u.parent_id IS NULL FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = OLD.report_id)
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1;
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gen_root_reports_u AFTER UPDATE ON reports
WHEN (SELECT parent_id IS NULL FROM units WHERE id = NEW.unit_id)
BEGIN
    UPDATE public_gen SET n = n + 1 WHERE id = 1;
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
