-- 092: the 取消码, six characters a resident reads off the success page and
-- types back with their phone number under "我的报名" on the activity's page.
-- Stored only as a keyed hash of activity, phone and code (cancel_code_hash in
-- src/domain/participation.c); a duplicate sign-up's answer (signup_echoes)
-- gets one too, so that 我的报名 cannot tell the two apart either.
ALTER TABLE registrations ADD COLUMN code_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE signup_echoes ADD COLUMN code_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX registrations_code ON registrations(activity_id, code_hash) WHERE code_hash <> '';
CREATE INDEX signup_echoes_code ON signup_echoes(activity_id, code_hash) WHERE code_hash <> '';
