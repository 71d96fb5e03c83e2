-- 250 (PostgreSQL only): many servers on one database share the export queue.
-- A server claims a job with FOR UPDATE SKIP LOCKED (src/domain/jobs.c) and
-- holds it by a lease it renews while it runs: owner names the server
-- (host:pid:random), lease_until is when the lease ends (the database's clock,
-- Unix seconds). A job whose lease ran out (its server was killed) is claimed
-- again by another. SQLite keeps one server per data folder and needs neither.
ALTER TABLE jobs ADD COLUMN owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until BIGINT;
CREATE INDEX jobs_claimable ON jobs(id) WHERE status IN ('queued', 'running');
