-- 140: the form belongs to the week (issue 12, point 1).
--
-- A week's 活动内容 categories, 参与对象 (audiences) and 活动形式 (activity
-- forms) are rows of the week: its position in the list, the code stored in
-- activity_tags.value (content: "1", "2", ... as activities stored them so far;
-- audiences and forms: the name itself), the full wording (the form's and the
-- activity form's text) and a short name (the form's （一）… lines, filters,
-- statistics, the Excel template's drop-downs).
CREATE TABLE week_choices (
    week_id  INTEGER NOT NULL REFERENCES weeks(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('content', 'audience', 'form')),
    position INTEGER NOT NULL,
    code     TEXT NOT NULL,
    wording  TEXT NOT NULL,
    label    TEXT NOT NULL,
    PRIMARY KEY (week_id, kind, position),
    UNIQUE (week_id, kind, code)
);

-- The preset of the first week of an install, and what every week had so far:
-- the six items of the 2022 notice, the notice's audiences (item 4's eight
-- groups, 青少年, 其他) and the forms list. A new week copies the latest earlier
-- week's lists instead (the trigger week_choices_start below).
CREATE TABLE choice_presets (
    kind     TEXT NOT NULL CHECK (kind IN ('content', 'audience', 'form')),
    position INTEGER NOT NULL,
    code     TEXT NOT NULL,
    wording  TEXT NOT NULL,
    label    TEXT NOT NULL,
    PRIMARY KEY (kind, position)
);
INSERT INTO choice_presets(kind, position, code, wording, label) VALUES
    ('content', 1, '1', '把深入学习宣传贯彻党的二十大精神作为首要政治任务', '学习宣传贯彻二十大精神'),
    ('content', 2, '2', '持续推进线上线下终身学习', '线上线下终身学习'),
    ('content', 3, '3', '向社区开放学校和教育培训机构的学习资源', '开放学校和培训机构学习资源'),
    ('content', 4, '4', '强化社区教育和老年教育资源共享功能', '社区教育和老年教育资源共享'),
    ('content', 5, '5', '线上线下互动，推动全民阅读学习', '全民阅读'),
    ('content', 6, '6', '开展“智慧助老”专题宣传展示活动', '智慧助老'),
    ('audience', 1, '企业职工', '企业职工', '企业职工'),
    ('audience', 2, '现代服务业员工', '现代服务业员工', '现代服务业员工'),
    ('audience', 3, '进城农民工', '进城农民工', '进城农民工'),
    ('audience', 4, '退役军人', '退役军人', '退役军人'),
    ('audience', 5, '高素质农民', '高素质农民', '高素质农民'),
    ('audience', 6, '城乡社区居民', '城乡社区居民', '城乡社区居民'),
    ('audience', 7, '老年人群', '老年人群', '老年人群'),
    ('audience', 8, '成人继续教育工作者', '成人继续教育工作者', '成人继续教育工作者'),
    ('audience', 9, '青少年', '青少年', '青少年'),
    ('audience', 10, '其他', '其他', '其他');

-- The forms: the install's setting activity_forms (names separated by 、) where
-- one was set, else the list every week used.
WITH RECURSIVE split(pos, item, rest) AS (
    SELECT 0, '', coalesce((SELECT value FROM settings WHERE key = 'activity_forms'),
                           '讲座、培训、观摩、座谈、展板、电子屏、网络平台、宣讲、交流、读书活动、展览、比赛、其他') || '、'
    UNION ALL
    SELECT pos + 1, trim(substr(rest, 1, instr(rest, '、') - 1)), substr(rest, instr(rest, '、') + 1)
      FROM split WHERE rest <> ''
)
INSERT INTO choice_presets(kind, position, code, wording, label)
SELECT 'form', min(pos), item, item, item FROM split WHERE item <> '' GROUP BY item;
DELETE FROM settings WHERE key = 'activity_forms';

-- Every existing week keeps exactly the lists it had.
INSERT INTO week_choices(week_id, kind, position, code, wording, label)
SELECT w.id, p.kind, p.position, p.code, p.wording, p.label FROM weeks w, choice_presets p;

-- A new week starts as a copy of the latest earlier week's lists, else of the
-- preset, however it is made (the week page, the demo, the sqlite3 shell); the
-- centre then changes them on the week's page until an activity uses them.
CREATE TRIGGER week_choices_start AFTER INSERT ON weeks BEGIN
    INSERT INTO week_choices(week_id, kind, position, code, wording, label)
    SELECT new.id, kind, position, code, wording, label FROM week_choices
     WHERE week_id = (SELECT w.id FROM weeks w WHERE w.year < new.year
                         AND EXISTS (SELECT 1 FROM week_choices c WHERE c.week_id = w.id)
                       ORDER BY w.year DESC, w.id DESC LIMIT 1);
    INSERT INTO week_choices(week_id, kind, position, code, wording, label)
    SELECT new.id, kind, position, code, wording, label FROM choice_presets
     WHERE NOT EXISTS (SELECT 1 FROM week_choices WHERE week_id = new.id);
END;

-- Public pages show the lists (the calendar's filters, an activity's tags).
CREATE TRIGGER public_gen_week_choices_i AFTER INSERT ON week_choices BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_week_choices_u AFTER UPDATE ON week_choices BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_week_choices_d AFTER DELETE ON week_choices BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gens_week_choices_i AFTER INSERT ON week_choices BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_week_choices_u AFTER UPDATE ON week_choices BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_week_choices_d AFTER DELETE ON week_choices BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
