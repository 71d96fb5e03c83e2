-- 190: the summary form's annex rows belong to the week (issue 12, point 1).
--
-- A week's form is its rows, in order: key (a derived row names a derivation
-- of the catalogue in src/domain/derive.c; a typed row's key names the unit's
-- text in report_fields), grp (the left cell shared by consecutive rows, ''
-- when the label spans both left columns), label (as printed, with its
-- colons), kind ('derived': the records say it, the unit may reword it;
-- 'typed': the unit writes it), max_chars (the visible length guide),
-- optional (may stay empty) and new_table (the printed form starts its second
-- table at this row).
CREATE TABLE week_form_rows (
    week_id   INTEGER NOT NULL REFERENCES weeks(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    key       TEXT NOT NULL,
    grp       TEXT NOT NULL DEFAULT '',
    label     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('derived', 'typed')),
    max_chars INTEGER NOT NULL DEFAULT 1000,
    optional  INTEGER NOT NULL DEFAULT 0,
    new_table INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (week_id, position),
    UNIQUE (week_id, key)
);

-- The annex's twenty rows: the first week of an install starts with them,
-- and every week so far had exactly them.
CREATE TABLE form_row_presets (
    position  INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    grp       TEXT NOT NULL,
    label     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    max_chars INTEGER NOT NULL,
    optional  INTEGER NOT NULL,
    new_table INTEGER NOT NULL
);
INSERT INTO form_row_presets(position, key, grp, label, kind, max_chars, optional, new_table) VALUES
    (1, 'unit_name', '', '举办县区', 'derived', 60, 0, 0),
    (2, 'organisers', '', '主办单位及协办单位：', 'derived', 600, 0, 0),
    (3, 'issuer', '组织领导', '下发活动文件的部门', 'derived', 200, 0, 0),
    (4, 'leaders', '组织领导', '出席活动（开幕式）的领导', 'derived', 300, 0, 0),
    (5, 'coordinator', '组织领导', '具体协调部门', 'derived', 200, 0, 0),
    (6, 'planner', '组织领导', '制定活动方案部门', 'derived', 200, 0, 0),
    (7, 'activity_count', '活动参与情况', '全区参与活动的数量', 'derived', 200, 0, 0),
    (8, 'participants', '活动参与情况', '参加活动人数', 'derived', 300, 0, 0),
    (9, 'featured', '活动参与情况', '有特色的活动', 'derived', 1000, 0, 0),
    (10, 'theme', '活动主题与内容', '活动主题', 'derived', 100, 0, 0),
    (11, 'content', '活动主题与内容', '活动内容', 'derived', 1500, 0, 0),
    (12, 'effect', '活动主题与内容', '活动成效', 'typed', 1500, 0, 0),
    (13, 'period', '活动主题与内容', '活动时间', 'derived', 100, 0, 0),
    (14, 'scope', '活动的群众性', '活动范围（包括参与活动的街道、企事业单位等）', 'derived', 1000, 0, 1),
    (15, 'satisfaction', '活动的群众性', '群众满意度', 'derived', 300, 0, 0),
    (16, 'self_eval', '活动的群众性', '自我评价', 'typed', 1000, 0, 0),
    (17, 'pub_scope', '宣传报道', '宣传范围', 'derived', 500, 0, 0),
    (18, 'pub_text', '宣传报道', '文字报道', 'derived', 1500, 0, 0),
    (19, 'pub_media', '宣传报道', '影像图片报道', 'derived', 1500, 0, 0),
    (20, 'other', '', '其他', 'typed', 1000, 1, 0);

-- Every existing week keeps exactly the form it had.
INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
SELECT w.id, p.position, p.key, p.grp, p.label, p.kind, p.max_chars, p.optional, p.new_table
  FROM weeks w, form_row_presets p;

-- A new week starts as a copy of the latest earlier week's rows, else of the
-- preset, however it is made; the centre then changes them on the week's
-- page until an activity uses the form.
CREATE TRIGGER week_form_rows_start AFTER INSERT ON weeks BEGIN
    INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
    SELECT new.id, position, key, grp, label, kind, max_chars, optional, new_table FROM week_form_rows
     WHERE week_id = (SELECT w.id FROM weeks w WHERE w.year < new.year
                         AND EXISTS (SELECT 1 FROM week_form_rows r WHERE r.week_id = w.id)
                       ORDER BY w.year DESC, w.id DESC LIMIT 1);
    INSERT INTO week_form_rows(week_id, position, key, grp, label, kind, max_chars, optional, new_table)
    SELECT new.id, position, key, grp, label, kind, max_chars, optional, new_table FROM form_row_presets
     WHERE NOT EXISTS (SELECT 1 FROM week_form_rows WHERE week_id = new.id);
END;

-- The board's drift (migration 180): the form of every unit of the week.
CREATE TRIGGER form_gens_week_form_rows_i AFTER INSERT ON week_form_rows BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_week_form_rows_u AFTER UPDATE ON week_form_rows BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (new.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER form_gens_week_form_rows_d AFTER DELETE ON week_form_rows BEGIN
    INSERT INTO form_gens(week_id, unit_id, n) VALUES (old.week_id, 0, 1) ON CONFLICT (week_id, unit_id) DO UPDATE SET n = n + 1;
END;
