-- 010: the unit's report for a week: implementation plan, opening ceremony,
-- publicity records, the summary form's values, attachments and submitted versions.

CREATE TABLE reports (
    id               INTEGER PRIMARY KEY,
    week_id          INTEGER NOT NULL REFERENCES weeks(id),
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    plan_issuer      TEXT NOT NULL DEFAULT '',   -- 下发活动文件的部门
    plan_coordinator TEXT NOT NULL DEFAULT '',   -- 具体协调部门
    plan_author      TEXT NOT NULL DEFAULT '',   -- 制定活动方案部门
    ceremony_date    TEXT NOT NULL DEFAULT '',   -- 开幕式 YYYY-MM-DD
    ceremony_venue   TEXT NOT NULL DEFAULT '',
    ceremony_leaders TEXT NOT NULL DEFAULT '',   -- 出席活动（开幕式）的领导
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    UNIQUE (week_id, unit_id)
);

-- What the unit wrote into a field of the form: narrative text, or a rewording
-- of a derived field. A changed derived number needs a reason (override_reason).
CREATE TABLE report_fields (
    report_id       INTEGER NOT NULL REFERENCES reports(id),
    field           TEXT NOT NULL,
    value           TEXT NOT NULL,
    override_reason TEXT NOT NULL DEFAULT '',
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (report_id, field)
);

CREATE TABLE publicity (
    id           INTEGER PRIMARY KEY,
    week_id      INTEGER NOT NULL REFERENCES weeks(id),
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    channel      TEXT NOT NULL,     -- 区县教育官网, 微信公众号, 报刊, 电台, 电视台, 户外LED屏, 校园网, 学校微信, 其他
    kind         TEXT NOT NULL CHECK (kind IN ('text', 'media')),  -- 文字报道 / 影像图片报道
    title        TEXT NOT NULL,
    outlet       TEXT NOT NULL DEFAULT '',
    published_on TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    screenshot   TEXT REFERENCES files(sha256),
    activity_id  INTEGER REFERENCES activities(id),
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX publicity_week_unit ON publicity(week_id, unit_id);

CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports(id),
    kind       TEXT NOT NULL CHECK (kind IN ('plan', 'summary', 'case', 'case_photo', 'scan', 'photo', 'video', 'account')),
    sha256     TEXT NOT NULL REFERENCES files(sha256),
    filename   TEXT NOT NULL,
    size       BIGINT NOT NULL,
    mime       TEXT NOT NULL,
    created_by INTEGER REFERENCES accounts(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_report ON attachments(report_id, kind);

-- A submitted version, frozen: every value of the form (derived and written),
-- the overrides with their reasons, and the hash of every attachment.
CREATE TABLE submissions (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES reports(id),
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'returned', 'accepted')),
    late           INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    form_json      TEXT NOT NULL,
    files_json     TEXT NOT NULL,
    verify_code    TEXT NOT NULL UNIQUE,
    submitted_by   INTEGER REFERENCES accounts(id),
    submitted_at   BIGINT NOT NULL,
    reviewed_by    INTEGER REFERENCES accounts(id),
    reviewed_at    BIGINT,
    review_note    TEXT NOT NULL DEFAULT '',
    UNIQUE (report_id, version)
);

-- The centre's comments on a returned version, tied to a field or an attachment.
CREATE TABLE review_comments (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    target        TEXT NOT NULL,     -- a field key, 'attachment:<id>' or 'general'
    comment       TEXT NOT NULL,
    created_by    INTEGER REFERENCES accounts(id),
    created_at    BIGINT NOT NULL
);
