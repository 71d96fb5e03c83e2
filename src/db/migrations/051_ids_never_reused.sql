-- 051: the ids of uploaded files are never given out again. Without
-- AUTOINCREMENT SQLite hands a deleted row's id to the next row when it was
-- the highest, so a link to a deleted attachment or photo (a bookmark, a
-- reviewer's open tab) would later open another file: of another unit (403)
-- or of the same one (the wrong file). PostgreSQL's identity columns behave
-- like AUTOINCREMENT, so this is the portable meaning too.
-- Nothing references these tables, so each is rebuilt in place.

CREATE TABLE attachments_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id  INTEGER NOT NULL REFERENCES reports(id),
    kind       TEXT NOT NULL CHECK (kind IN ('plan', 'summary', 'case', 'case_photo', 'scan', 'photo', 'video', 'account')),
    sha256     TEXT NOT NULL REFERENCES files(sha256),
    filename   TEXT NOT NULL,
    size       BIGINT NOT NULL,
    mime       TEXT NOT NULL,
    created_by INTEGER REFERENCES accounts(id),
    created_at BIGINT NOT NULL
);
INSERT INTO attachments_new(id, report_id, kind, sha256, filename, size, mime, created_by, created_at)
    SELECT id, report_id, kind, sha256, filename, size, mime, created_by, created_at FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_report ON attachments(report_id, kind);

CREATE TABLE activity_photos_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
INSERT INTO activity_photos_new(id, activity_id, sha256, name, created_at)
    SELECT id, activity_id, sha256, name, created_at FROM activity_photos;
DROP TABLE activity_photos;
ALTER TABLE activity_photos_new RENAME TO activity_photos;
CREATE INDEX activity_photos_activity ON activity_photos(activity_id);

CREATE TABLE showcase_photos_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    owner      TEXT NOT NULL CHECK (owner IN ('resource', 'brand', 'case')),
    owner_id   BIGINT NOT NULL,
    sha256     TEXT NOT NULL REFERENCES files(sha256),
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
INSERT INTO showcase_photos_new(id, owner, sha256, owner_id, name, created_at)
    SELECT id, owner, sha256, owner_id, name, created_at FROM showcase_photos;
DROP TABLE showcase_photos;
ALTER TABLE showcase_photos_new RENAME TO showcase_photos;
CREATE INDEX showcase_photos_owner ON showcase_photos(owner, owner_id);
