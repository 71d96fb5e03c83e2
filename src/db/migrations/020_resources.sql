-- 020: the learning resource library (学习资源库), learning stars (百姓学习之星),
-- brand projects (终身学习品牌项目) and 智慧助老 cases, each per unit and week;
-- their photos, the activities they link to, and pending resource imports.

-- What an institution opens to residents during the week.
CREATE TABLE resources (
    id            INTEGER PRIMARY KEY,
    week_id       INTEGER NOT NULL REFERENCES weeks(id),
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    kind          TEXT NOT NULL CHECK (kind IN ('venue', 'equipment', 'course', 'teacher', 'online', 'books')),
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    institution   TEXT NOT NULL,                 -- the school, library, museum ... that opens it
    address       TEXT NOT NULL DEFAULT '',
    street        TEXT NOT NULL DEFAULT '',      -- 街道/乡镇
    hours         TEXT NOT NULL DEFAULT '',      -- opening times, as written: 周一至周五 9:00-17:00
    booking_phone TEXT NOT NULL DEFAULT '',      -- shown in full to the unit admin only
    booking_url   TEXT NOT NULL DEFAULT '',
    online_url    TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    import_key    TEXT,                          -- hash of an imported row: re-imports skip it
    created_by    INTEGER REFERENCES accounts(id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX resources_week_unit ON resources(week_id, unit_id, kind);
CREATE INDEX resources_week_status ON resources(week_id, status, kind);
CREATE UNIQUE INDEX resources_import ON resources(unit_id, import_key) WHERE import_key IS NOT NULL;

-- Who may use a resource: the audiences of the notice (活动内容（四）).
CREATE TABLE resource_audiences (
    resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    audience    TEXT NOT NULL,
    PRIMARY KEY (resource_id, audience)
);
CREATE INDEX resource_audiences_value ON resource_audiences(audience, resource_id);

CREATE TABLE resource_activities (
    resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    PRIMARY KEY (resource_id, activity_id)
);
CREATE INDEX resource_activities_activity ON resource_activities(activity_id);

-- 百姓学习之星. Shown to the public only when selected and consent is recorded.
CREATE TABLE stars (
    id           INTEGER PRIMARY KEY,
    week_id      INTEGER NOT NULL REFERENCES weeks(id),
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    name         TEXT NOT NULL,
    community    TEXT NOT NULL DEFAULT '',
    story        TEXT NOT NULL DEFAULT '',
    photo        TEXT REFERENCES files(sha256),
    consent      INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    consent_note TEXT NOT NULL DEFAULT '',       -- how it was given: 书面同意书（2022-11-20）
    consent_at   BIGINT,                         -- when it was recorded here
    status       TEXT NOT NULL DEFAULT 'recommended' CHECK (status IN ('recommended', 'selected')),
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    CHECK (consent = 0 OR consent_at IS NOT NULL)
);
CREATE INDEX stars_week_unit ON stars(week_id, unit_id);

-- 终身学习品牌项目
CREATE TABLE brands (
    id          INTEGER PRIMARY KEY,
    week_id     INTEGER NOT NULL REFERENCES weeks(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    name        TEXT NOT NULL,
    host        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'recommended' CHECK (status IN ('recommended', 'selected')),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX brands_week_unit ON brands(week_id, unit_id);

-- Where a star or a brand project appeared (an opening ceremony, a talk).
CREATE TABLE star_activities (
    star_id     INTEGER NOT NULL REFERENCES stars(id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    PRIMARY KEY (star_id, activity_id)
);
CREATE TABLE brand_activities (
    brand_id    INTEGER NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    PRIMARY KEY (brand_id, activity_id)
);

-- A 智慧助老 case: one activity of content item 6, written up. The centre
-- recommends the good ones; only those are public.
CREATE TABLE elder_cases (
    id             INTEGER PRIMARY KEY,
    activity_id    INTEGER NOT NULL UNIQUE REFERENCES activities(id),
    unit_id        INTEGER NOT NULL REFERENCES units(id),
    week_id        INTEGER NOT NULL REFERENCES weeks(id),
    title          TEXT NOT NULL,
    taught         TEXT NOT NULL,               -- what was taught
    trained        INTEGER NOT NULL CHECK (trained >= 0),  -- elderly residents trained
    lessons        TEXT NOT NULL DEFAULT '',    -- what worked
    recommended    INTEGER NOT NULL DEFAULT 0 CHECK (recommended IN (0, 1)),
    recommended_by INTEGER REFERENCES accounts(id),
    recommended_at BIGINT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX elder_cases_week ON elder_cases(week_id, recommended, unit_id);

-- Photos of resources, brand projects and cases (a star has one, in stars.photo).
CREATE TABLE showcase_photos (
    id         INTEGER PRIMARY KEY,
    owner      TEXT NOT NULL CHECK (owner IN ('resource', 'brand', 'case')),
    owner_id   BIGINT NOT NULL,
    sha256     TEXT NOT NULL REFERENCES files(sha256),
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX showcase_photos_owner ON showcase_photos(owner, owner_id);

-- An uploaded resource list waiting for its preview to be confirmed.
CREATE TABLE resource_imports (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    week_id     INTEGER NOT NULL REFERENCES weeks(id),
    account_id  INTEGER REFERENCES accounts(id),
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    filename    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'discarded')),
    created_at  BIGINT NOT NULL
);
CREATE INDEX resource_imports_unit ON resource_imports(unit_id, status);
