-- 075: a revision number on every record staff edit in a form, so a save made
-- from a stale copy is refused (409) instead of silently overwriting what
-- someone else saved in between. activities has had one since 002.
ALTER TABLE reports ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE publicity ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE resources ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stars ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE brands ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE elder_cases ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
