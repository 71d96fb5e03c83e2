-- 120: 定稿 → 盖章 → 报送 (issue 13). A unit first finalises its form: the
-- values, derived figures, overrides and reasons are frozen as a numbered
-- version with a verification code and a digest (SHA-256 of the frozen
-- values, form_digest in src/domain/submission.c). The final PDF carries the
-- code, its QR and the digest; the stamped scan is uploaded against that
-- version (attachments.final_id), and 报送 copies the version into
-- submissions (same number, code, values and digest). Editing the form after
-- 定稿 makes the live form's digest differ: the version is void and a new 定稿
-- is needed. Versions are numbered per report across finals and submissions.
CREATE TABLE finals (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id     INTEGER NOT NULL REFERENCES reports(id),
    version       INTEGER NOT NULL,
    verify_code   TEXT NOT NULL UNIQUE,
    digest        TEXT NOT NULL,
    form_json     TEXT NOT NULL,
    finalised_by  INTEGER REFERENCES accounts(id),
    finalised_at  BIGINT NOT NULL,
    UNIQUE (report_id, version)
);

-- the version a submission was made from (NULL: submitted before 定稿 existed)
ALTER TABLE submissions ADD COLUMN final_id INTEGER REFERENCES finals(id);
ALTER TABLE submissions ADD COLUMN digest TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX submissions_final ON submissions(final_id) WHERE final_id IS NOT NULL;

-- a scan belongs to the version it was uploaded against; warning: another
-- version's code found in its file name or text layer
ALTER TABLE attachments ADD COLUMN final_id INTEGER REFERENCES finals(id);
ALTER TABLE attachments ADD COLUMN warning TEXT NOT NULL DEFAULT '';

-- /verify/CODE is a cached public page (RF_CACHED) that shows finals and
-- submissions: their writes bump the generations (080, 100). They are rare
-- (a unit finalises and submits a few times a week), so the site's
-- generation is the one bumped.
CREATE TRIGGER public_gen_finals_i AFTER INSERT ON finals BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_finals_u AFTER UPDATE ON finals BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_finals_d AFTER DELETE ON finals BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gens_finals_i AFTER INSERT ON finals BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_finals_u AFTER UPDATE ON finals BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_finals_d AFTER DELETE ON finals BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gen_submissions_i AFTER INSERT ON submissions BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_submissions_u AFTER UPDATE ON submissions BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gen_submissions_d AFTER DELETE ON submissions BEGIN UPDATE public_gen SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_gens_submissions_i AFTER INSERT ON submissions BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_submissions_u AFTER UPDATE ON submissions BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER public_gens_submissions_d AFTER DELETE ON submissions BEGIN
    INSERT INTO public_gens(kind, id, n) VALUES (1, 0, 1) ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
