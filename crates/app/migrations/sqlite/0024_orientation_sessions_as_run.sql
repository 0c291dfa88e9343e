-- Orientation sessions as facilitators run them.

-- Attendance typed afterwards from a paper sheet is marked as such (1) and keeps who typed it
-- (`recorded_by`).
ALTER TABLE orientation_attendance ADD COLUMN backfilled BIGINT NOT NULL DEFAULT 0;

-- A session is cancelled before it starts, with the reason the participants are told.
ALTER TABLE orientation_sessions ADD COLUMN cancelled_at BIGINT;
ALTER TABLE orientation_sessions ADD COLUMN cancelled_by TEXT;
ALTER TABLE orientation_sessions ADD COLUMN cancel_reason TEXT;

-- The short certificate number printed on a certificate, for verification by hand. Older
-- certificates have none and are verified by their token.
ALTER TABLE orientation_certificates ADD COLUMN number TEXT;
CREATE UNIQUE INDEX orientation_certificates_by_number ON orientation_certificates (number);

-- A facilitator asks for a certificate to be revoked; a supervisor approves or refuses.
CREATE TABLE orientation_revocation_requests (
    id             TEXT PRIMARY KEY,
    certificate_id TEXT NOT NULL REFERENCES orientation_certificates(id),
    office_id      TEXT NOT NULL REFERENCES offices(id),
    reason         TEXT NOT NULL,
    requested_by   TEXT,
    requested_at   BIGINT NOT NULL,
    -- NULL while pending, then `approved` or `refused`.
    decision       TEXT,
    decided_by     TEXT,
    decided_at     BIGINT
);
CREATE INDEX orientation_revocation_requests_by_office ON orientation_revocation_requests (office_id, decided_at);
-- One request waits per certificate at a time.
CREATE UNIQUE INDEX orientation_revocation_requests_one_pending
    ON orientation_revocation_requests (certificate_id) WHERE decision IS NULL;

-- What an enrolled participant is told when their session is rescheduled or cancelled; shown on
-- their orientation page.
CREATE TABLE orientation_notices (
    id           TEXT PRIMARY KEY,
    enrolment_id TEXT NOT NULL REFERENCES orientation_enrolments(id),
    kind         TEXT NOT NULL,
    starts_at    BIGINT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX orientation_notices_by_enrolment ON orientation_notices (enrolment_id);
