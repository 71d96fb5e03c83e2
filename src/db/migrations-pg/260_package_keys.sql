-- 260 (PostgreSQL): SQLite's 260_package_keys.sql: the public key a parent
-- trusts for a child unit's signed packages ('' none).
ALTER TABLE units ADD COLUMN package_key TEXT NOT NULL DEFAULT '';
