-- 190 (PostgreSQL): SQLite's 190_week_form_rows.sql: the summary form's rows, data of each
-- week (week_form_rows), started from the presets or the year before.

CREATE TABLE week_form_rows (
    week_id   BIGINT NOT NULL REFERENCES weeks(id) ON DELETE CASCADE,
    position  BIGINT NOT NULL,
    key       TEXT NOT NULL,
    grp       TEXT NOT NULL DEFAULT '',
    label     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('derived', 'typed')),
    max_chars BIGINT NOT NULL DEFAULT 1000,
    optional  BIGINT NOT NULL DEFAULT 0,
    new_table BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (week_id, position),
    UNIQUE (week_id, key)
);
CREATE TABLE form_row_presets (
    position  BIGINT PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    grp       TEXT NOT NULL,
    label     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    max_chars BIGINT NOT NULL,
    optional  BIGINT NOT NULL,
    new_table BIGINT NOT NULL
);
CREATE FUNCTION week_form_rows_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
    SELECT new.id, position, key, grp, label, kind, max_chars, optional, new_table FROM week_form_rows
     WHERE week_id = (SELECT w.id FROM weeks w WHERE w.year < new.year
                         AND EXISTS (SELECT 1 FROM week_form_rows r WHERE r.week_id = w.id)
                       ORDER BY w.year DESC, w.id DESC LIMIT 1);
    INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
    SELECT new.id, position, key, grp, label, kind, max_chars, optional, new_table FROM form_row_presets
     WHERE NOT EXISTS (SELECT 1 FROM week_form_rows WHERE week_id = new.id);
    RETURN NULL;
END $$;
CREATE TRIGGER week_form_rows_start AFTER INSERT ON weeks FOR EACH ROW EXECUTE FUNCTION week_form_rows_start();
CREATE FUNCTION form_gens_week_form_rows_i() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_week_form_rows_i AFTER INSERT ON week_form_rows FOR EACH ROW EXECUTE FUNCTION form_gens_week_form_rows_i();
CREATE FUNCTION form_gens_week_form_rows_u() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_week_form_rows_u AFTER UPDATE ON week_form_rows FOR EACH ROW EXECUTE FUNCTION form_gens_week_form_rows_u();
CREATE FUNCTION form_gens_week_form_rows_d() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = form_gens.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER form_gens_week_form_rows_d AFTER DELETE ON week_form_rows FOR EACH ROW EXECUTE FUNCTION form_gens_week_form_rows_d();

INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (1, 'unit_name', '', '举办县区', 'derived', 60, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (2, 'organisers', '', '主办单位及协办单位：', 'derived', 600, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (3, 'issuer', '组织领导', '下发活动文件的部门', 'derived', 200, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (4, 'leaders', '组织领导', '出席活动（开幕式）的领导', 'derived', 300, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (5, 'coordinator', '组织领导', '具体协调部门', 'derived', 200, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (6, 'planner', '组织领导', '制定活动方案部门', 'derived', 200, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (7, 'activity_count', '活动参与情况', '全区参与活动的数量', 'derived', 200, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (8, 'participants', '活动参与情况', '参加活动人数', 'derived', 300, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (9, 'featured', '活动参与情况', '有特色的活动', 'derived', 1000, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (10, 'theme', '活动主题与内容', '活动主题', 'derived', 100, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (11, 'content', '活动主题与内容', '活动内容', 'derived', 1500, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (12, 'effect', '活动主题与内容', '活动成效', 'typed', 1500, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (13, 'period', '活动主题与内容', '活动时间', 'derived', 100, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (14, 'scope', '活动的群众性', '活动范围（包括参与活动的街道、企事业单位等）', 'derived', 1000, 0, 1);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (15, 'satisfaction', '活动的群众性', '群众满意度', 'derived', 300, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (16, 'self_eval', '活动的群众性', '自我评价', 'typed', 1000, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (17, 'pub_scope', '宣传报道', '宣传范围', 'derived', 500, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (18, 'pub_text', '宣传报道', '文字报道', 'derived', 1500, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (19, 'pub_media', '宣传报道', '影像图片报道', 'derived', 1500, 0, 0);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES (20, 'other', '', '其他', 'typed', 1000, 1, 0);

INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
SELECT w.id, p.position, p.key, p.grp, p.label, p.kind, p.max_chars, p.optional, p.new_table
  FROM weeks w, form_row_presets p;
