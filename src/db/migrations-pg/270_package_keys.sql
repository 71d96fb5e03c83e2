-- 270 (PostgreSQL): SQLite's 270_package_keys.sql: the public key a parent
-- trusts for a child unit's signed packages ('' none).
ALTER TABLE units ADD COLUMN package_key TEXT NOT NULL DEFAULT '';
-- a version recorded from a child's package (1), never compared with a form derived here
ALTER TABLE submissions ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
