-- 076: throttles on the anonymous actions that feed the figures (sign-up,
-- check-in, rating), what they refused per activity, and the answers given to
-- a duplicate sign-up (so it looks like a new one and reveals nothing).

-- One fixed window per (scope, key); key is a keyed hash of the address or
-- phone number, never the number itself.
CREATE TABLE throttle_counts (
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX throttle_counts_window ON throttle_counts(window_start);

-- Refused by a throttle, per activity and kind (signup, checkin, checkin_guess, rating).
CREATE TABLE activity_refusals (
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    kind        TEXT NOT NULL,
    refused     INTEGER NOT NULL,
    last_at     BIGINT NOT NULL,
    PRIMARY KEY (activity_id, kind)
);

-- A sign-up with a number already signed up for the activity is answered as
-- a new one, with a cancel link of its own that leads here; nothing is counted.
CREATE TABLE signup_echoes (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    name        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
    waiting_pos INTEGER NOT NULL DEFAULT 0,
    cancel_hash TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

-- A number's sign-ups of the last day (the per-number limit).
CREATE INDEX registrations_phone ON registrations(phone, created_at) WHERE phone IS NOT NULL;
