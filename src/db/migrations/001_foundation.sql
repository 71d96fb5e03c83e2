-- 001: settings, reporting units (a tree), weeks, accounts, sessions, login throttling, audit log.
-- Times are UTC seconds (BIGINT); calendar dates are 'YYYY-MM-DD' text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A reporting unit. The root (parent_id NULL) is the organiser that receives the
-- reports, for Nanchang the city centre; reporting units are its children. A city
-- reports upward the same way, so the tree can grow a level above or below.
CREATE TABLE units (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES units(id),
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('市', '区', '县', '开发区', '管理局')),
    code       TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at BIGINT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id, sort_order);

-- One activity week of the unit that organises it (the root).
CREATE TABLE weeks (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    title       TEXT NOT NULL,
    theme       TEXT NOT NULL,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    deadline_at BIGINT NOT NULL,
    notice      TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (unit_id, year),
    CHECK (ends_on >= starts_on)
);

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('centre_admin', 'centre_viewer', 'unit_admin', 'unit_editor')),
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX accounts_unit ON accounts(unit_id);

-- Only a hash of the session token is stored: a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    address     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions(account_id);

-- Failed logins per key ('u:' username or 'a:' address).
CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    last_failure BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         BIGINT NOT NULL,
    account_id INTEGER,
    username   TEXT NOT NULL DEFAULT '',
    unit_id    INTEGER,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  BIGINT,
    summary    TEXT NOT NULL DEFAULT '',
    old_value  TEXT,
    new_value  TEXT,
    address    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_unit ON audit_log(unit_id, at);
