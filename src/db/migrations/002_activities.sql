-- 002: activities and what residents do with them: sign-up, check-in, rating.
-- Also the file store's index, API tokens and pending imports.

-- Files are stored once under their SHA-256 (files/ab/abcdef...); rows point at them.
CREATE TABLE files (
    sha256     TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    mime       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE activities (
    id            INTEGER PRIMARY KEY,
    week_id       INTEGER NOT NULL REFERENCES weeks(id),
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    title         TEXT NOT NULL,
    host          TEXT NOT NULL,                 -- 主办单位 (the host institution)
    co_hosts      TEXT NOT NULL DEFAULT '',      -- 协办单位, separated by 、
    mode          TEXT NOT NULL CHECK (mode IN ('offline', 'online', 'both')),
    starts_at     BIGINT NOT NULL,
    ends_at       BIGINT NOT NULL,
    venue         TEXT NOT NULL DEFAULT '',
    street        TEXT NOT NULL DEFAULT '',      -- 街道/乡镇
    online_url    TEXT NOT NULL DEFAULT '',
    capacity      INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    description   TEXT NOT NULL DEFAULT '',
    featured      INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    reported_participants INTEGER CHECK (reported_participants IS NULL OR reported_participants >= 0),
    staff_count   INTEGER NOT NULL DEFAULT 0 CHECK (staff_count >= 0),  -- walk-ins tallied by staff
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
    checkin_code  TEXT NOT NULL,                 -- secret in the check-in QR code
    import_key    TEXT,                          -- hash of an imported row: re-imports skip it
    revision      INTEGER NOT NULL DEFAULT 0,    -- bumps on every change (ICS SEQUENCE)
    created_by    INTEGER REFERENCES accounts(id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX activities_week_unit ON activities(week_id, unit_id, starts_at);
CREATE INDEX activities_week_status ON activities(week_id, status, starts_at);
CREATE UNIQUE INDEX activities_import ON activities(unit_id, import_key) WHERE import_key IS NOT NULL;

-- Multi-valued fields: content items (1..6), subjects, forms, audiences.
CREATE TABLE activity_tags (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('content', 'subject', 'form', 'audience')),
    value       TEXT NOT NULL,
    PRIMARY KEY (activity_id, kind, value)
);
CREATE INDEX activity_tags_value ON activity_tags(kind, value, activity_id);

CREATE TABLE activity_photos (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX activity_photos_activity ON activity_photos(activity_id);

CREATE TABLE registrations (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES activities(id),
    name         TEXT NOT NULL,
    phone        TEXT,                            -- NULL: signed up by staff for someone without a phone
    status       TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
    cancel_hash  TEXT NOT NULL UNIQUE,            -- SHA-256 of the self-cancel token
    assisted_by  INTEGER REFERENCES accounts(id), -- 代报名
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX registrations_activity ON registrations(activity_id, status, id);
CREATE UNIQUE INDEX registrations_one_per_phone ON registrations(activity_id, phone)
    WHERE phone IS NOT NULL AND status <> 'cancelled';

CREATE TABLE checkins (
    id              INTEGER PRIMARY KEY,
    activity_id     INTEGER NOT NULL REFERENCES activities(id),
    registration_id INTEGER UNIQUE REFERENCES registrations(id),  -- NULL for a walk-in
    name            TEXT NOT NULL,
    rating_hash     TEXT NOT NULL UNIQUE,         -- SHA-256 of the token that lets this person rate
    created_at      BIGINT NOT NULL
);
CREATE INDEX checkins_activity ON checkins(activity_id);

CREATE TABLE ratings (
    id          INTEGER PRIMARY KEY,
    checkin_id  INTEGER NOT NULL UNIQUE REFERENCES checkins(id),
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    score       TEXT NOT NULL CHECK (score IN ('satisfied', 'basic', 'unsatisfied')),
    comment     TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);
CREATE INDEX ratings_activity ON ratings(activity_id);

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_by  INTEGER REFERENCES accounts(id),
    created_at  BIGINT NOT NULL,
    last_used   BIGINT,
    revoked_at  BIGINT
);
CREATE INDEX api_tokens_account ON api_tokens(account_id);

-- An uploaded import file waiting for its preview to be confirmed.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    week_id     INTEGER NOT NULL REFERENCES weeks(id),
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    filename    TEXT NOT NULL,
    rows_total  INTEGER NOT NULL DEFAULT 0,
    rows_new    INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'discarded')),
    created_at  BIGINT NOT NULL
);
