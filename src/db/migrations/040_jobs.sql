-- 040: background jobs (the centre's long exports). A job is queued, run by the
-- server's one worker thread, and ends done (with its file) or failed. Progress
-- is done/total in the row, so any request can show it. Jobs die with the
-- server: at start, anything still queued or running is marked failed.

CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('city_xlsx', 'city_zip')),
    week_id     INTEGER NOT NULL REFERENCES weeks(id),
    status      TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    done        BIGINT NOT NULL DEFAULT 0,
    total       BIGINT NOT NULL DEFAULT 0,
    step        TEXT NOT NULL DEFAULT '',    -- what it is doing now, for people
    file        TEXT,                        -- under the data folder, once done
    filename    TEXT NOT NULL DEFAULT '',    -- the name the download gets
    size        BIGINT,
    error       TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES accounts(id),
    created_at  BIGINT NOT NULL,
    started_at  BIGINT,
    finished_at BIGINT
);
CREATE INDEX jobs_week ON jobs(week_id, id);
-- one export of a kind at a time per week: a second request finds the first
CREATE UNIQUE INDEX jobs_one_at_a_time ON jobs(kind, week_id) WHERE status IN ('queued', 'running');
