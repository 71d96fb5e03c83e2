-- 270: the signed package between installs (issue 17). A city that runs its
-- own install reports to a province on another install by a package (a ZIP
-- with a manifest signed with ed25519, src/export/signed.c). The parent
-- records the public key it trusts for each child unit here (base64 of the
-- 32 bytes; '' none: that unit's packages are refused). The install's own key
-- pair is in settings (package_public_key, package_secret_key), so backup and
-- restore carry it with the database.
ALTER TABLE units ADD COLUMN package_key TEXT NOT NULL DEFAULT '';

-- A version recorded from a child's package (1) rather than submitted on this
-- install: its records are on the child's install, so it is never compared
-- with a form derived here (the board's 提交后记录有变动).
ALTER TABLE submissions ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
