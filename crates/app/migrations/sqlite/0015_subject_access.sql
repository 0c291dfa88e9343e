-- Data-subject rights: requests for access to one's data (GDPR Art. 15) with their legal
-- deadline, and break-the-glass grants that open one case outside the reader's offices for a
-- short time, with a reason a supervisor reviews. Reasons are sealed (see crypto.rs).

CREATE TABLE subject_access_requests (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES people(id),
    office_id     TEXT NOT NULL REFERENCES offices(id),
    received_at   BIGINT NOT NULL,
    due_at        BIGINT NOT NULL,
    requested_via TEXT NOT NULL,
    language      TEXT NOT NULL,
    status        TEXT NOT NULL,
    reason        BLOB,
    recorded_by   TEXT,
    decided_by    TEXT,
    decided_at    BIGINT,
    version       BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX subject_access_by_office ON subject_access_requests (office_id, status, due_at);
CREATE INDEX subject_access_by_person ON subject_access_requests (person_id);

CREATE TABLE break_glass_grants (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    office_id   TEXT NOT NULL REFERENCES offices(id),
    user_id     TEXT NOT NULL REFERENCES users(id),
    reason      BLOB NOT NULL,
    granted_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    reviewed_by TEXT,
    reviewed_at BIGINT,
    version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX break_glass_by_user ON break_glass_grants (user_id, case_id, expires_at);
CREATE INDEX break_glass_by_office ON break_glass_grants (office_id, granted_at);
