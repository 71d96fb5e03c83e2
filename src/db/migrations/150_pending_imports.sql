-- 150: a pending resource import keeps what a pending activity import keeps
-- (the rows the file holds and the rows written), so that both kinds are one
-- record in the domain (bulk_pending in src/domain/bulk.h) and one set of
-- import pages. Existing rows: unknown counts are 0, as for a new import.
ALTER TABLE resource_imports ADD COLUMN rows_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE resource_imports ADD COLUMN rows_new INTEGER NOT NULL DEFAULT 0;
