-- Sign-in protection. Attempts are counted before a password, PIN or code is checked, with one
-- statement that increments and returns the count (`accounts::throttle`), so concurrency cannot
-- get past a limit. Keys are blind indexes of what is counted (an account, a known device, a
-- client address), never the name or address itself.
CREATE TABLE attempt_counters (
    key        TEXT PRIMARY KEY,
    count      BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    last_at    BIGINT NOT NULL,
    before_at  BIGINT
);
DROP TABLE login_failures;

-- Browsers that have signed in to an account before: their attempts count apart from a
-- stranger's, so failures from elsewhere cannot lock the owner out.
CREATE TABLE known_devices (
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_hash TEXT NOT NULL,
    first_at    BIGINT NOT NULL,
    last_at     BIGINT NOT NULL,
    PRIMARY KEY (user_id, device_hash)
);

-- The last TOTP time step accepted for an account: no step is accepted twice.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
-- Consecutive wrong second-factor codes of the account, across pending sign-ins.
ALTER TABLE users ADD COLUMN second_factor_failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN second_factor_failed_at BIGINT;
-- `password` or `pin` (a case reference and PIN); a PIN account locks after five wrong PINs
-- until staff issue a new one.
ALTER TABLE users ADD COLUMN secret_kind TEXT NOT NULL DEFAULT 'password';
ALTER TABLE users ADD COLUMN pin_failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN pin_locked_at BIGINT;
UPDATE users SET secret_kind = 'pin' WHERE username IN (SELECT lower(reference) FROM cases);

-- Codes tried in a pending sign-in: the fifth wrong one ends it.
ALTER TABLE sessions ADD COLUMN second_factor_attempts BIGINT NOT NULL DEFAULT 0;

-- Tokens end: 90 days unless set otherwise at creation (at most a year).
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_at = created_at + 7776000000;

-- What supervisors are told about: e.g. many wrong PINs across accounts within an hour.
CREATE TABLE security_alerts (
    id        TEXT PRIMARY KEY,
    kind      TEXT NOT NULL,
    raised_at BIGINT NOT NULL,
    until_at  BIGINT NOT NULL
);
CREATE INDEX security_alerts_by_time ON security_alerts (raised_at);

-- An administrator who also works on case files needs a second administrator's approval.
CREATE TABLE role_approvals (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role         TEXT NOT NULL,
    requested_by TEXT,
    requested_at BIGINT NOT NULL,
    decided_by   TEXT,
    decided_at   BIGINT,
    approved     BIGINT
);
CREATE INDEX role_approvals_by_user ON role_approvals (user_id);
