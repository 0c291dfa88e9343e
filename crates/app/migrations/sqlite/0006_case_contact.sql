-- Case contact: appointments, notes and messages, referrals and transfers, and consent.
-- Note and message bodies, referral notes and reasons, and consent scopes are sealed (see
-- crypto.rs); everything a list filters on stays in clear.

-- A migrant's own account linked to a person of a case (the portal reads through this link).
CREATE TABLE person_accounts (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    user_id   TEXT NOT NULL REFERENCES users(id),
    linked_by TEXT,
    linked_at BIGINT NOT NULL
);
CREATE INDEX person_accounts_by_user ON person_accounts (user_id);

CREATE TABLE appointments (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES people(id),
    kind       TEXT NOT NULL,
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL,
    location   TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version    BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX appointments_by_person ON appointments (person_id, starts_at);
CREATE INDEX appointments_by_case ON appointments (case_id, starts_at);
CREATE INDEX appointments_by_start ON appointments (starts_at);

CREATE TABLE case_notes (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    author_id  TEXT,
    visibility TEXT NOT NULL,
    body       BLOB NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX case_notes_by_case ON case_notes (case_id, created_at);

CREATE TABLE case_messages (
    id        TEXT PRIMARY KEY,
    case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    sender_id TEXT,
    side      TEXT NOT NULL,
    body      BLOB NOT NULL,
    sent_at   BIGINT NOT NULL
);
CREATE INDEX case_messages_by_case ON case_messages (case_id, sent_at);

-- Where each reader stopped: later messages from the other side are unread.
CREATE TABLE case_message_reads (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, user_id)
);

CREATE TABLE case_referrals (
    id                 TEXT PRIMARY KEY,
    case_id            TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind               TEXT NOT NULL,
    from_office_id     TEXT NOT NULL REFERENCES offices(id),
    to_office_id       TEXT NOT NULL REFERENCES offices(id),
    status             TEXT NOT NULL,
    note               BLOB,
    consent_overridden BIGINT NOT NULL DEFAULT 0,
    override_reason    BLOB,
    requested_by       TEXT,
    requested_at       BIGINT NOT NULL,
    decided_by         TEXT,
    decided_at         BIGINT,
    decision_reason    BLOB,
    version            BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX case_referrals_by_case ON case_referrals (case_id, requested_at);
CREATE INDEX case_referrals_to_office ON case_referrals (to_office_id, status);
CREATE UNIQUE INDEX case_referrals_one_pending ON case_referrals (case_id) WHERE status = 'pending';

-- The lawful basis of processing a person's data for a purpose; at most one current per purpose.
CREATE TABLE consents (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people(id),
    purpose      TEXT NOT NULL,
    basis        TEXT NOT NULL,
    scope        BLOB,
    recorded_by  TEXT,
    recorded_at  BIGINT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at BIGINT,
    version      BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX consents_by_person ON consents (person_id, purpose);
CREATE UNIQUE INDEX consents_one_current ON consents (person_id, purpose) WHERE withdrawn_at IS NULL;
