-- Orientation programmes: participants, curricula and modules (with localisations), sessions,
-- enrolments, attendance, assessments, feedback and signed certificates.
-- Instants are unix milliseconds; ids are UUIDv7 text; structured content is JSON text.

-- People who take part in orientation. A later case module can point at these rows.
CREATE TABLE participants (
    id                 TEXT PRIMARY KEY,
    office_id          TEXT NOT NULL REFERENCES offices(id),
    name_sealed        BYTEA NOT NULL,
    sex                TEXT NOT NULL,
    birth_year         BIGINT,
    age_group          TEXT NOT NULL,
    nationality        TEXT NOT NULL,
    migration_category TEXT NOT NULL,
    user_id            TEXT REFERENCES users(id),
    created_at         BIGINT NOT NULL,
    version            BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX participants_by_user ON participants (user_id);

CREATE TABLE orientation_curricula (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    parent_id       TEXT REFERENCES orientation_curricula(id),
    stage           TEXT NOT NULL,
    origin          TEXT,
    destination     TEXT,
    region          TEXT,
    audience        TEXT NOT NULL,
    languages       TEXT NOT NULL,
    title           TEXT NOT NULL,
    content_version BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1
);

-- A localisation's rows override its parent's rows with the same key; `removed` drops one.
CREATE TABLE orientation_modules (
    curriculum_id TEXT NOT NULL REFERENCES orientation_curricula(id),
    module_key    TEXT NOT NULL,
    position      BIGINT NOT NULL,
    removed       BIGINT NOT NULL DEFAULT 0,
    minutes       BIGINT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (curriculum_id, module_key)
);

CREATE TABLE orientation_sessions (
    id                      TEXT PRIMARY KEY,
    curriculum_id           TEXT NOT NULL REFERENCES orientation_curricula(id),
    office_id               TEXT NOT NULL REFERENCES offices(id),
    format                  TEXT NOT NULL,
    place                   TEXT NOT NULL,
    starts_at               BIGINT NOT NULL,
    day_count               BIGINT NOT NULL,
    capacity                BIGINT NOT NULL,
    language                TEXT NOT NULL,
    facilitators            TEXT NOT NULL,
    interpreter             TEXT NOT NULL,
    support                 TEXT NOT NULL,
    roster_submitted_at     BIGINT,
    roster_submitted_by     TEXT,
    attendance_submitted_at BIGINT,
    attendance_submitted_by TEXT,
    created_by              TEXT,
    created_at              BIGINT NOT NULL,
    version                 BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX orientation_sessions_by_office ON orientation_sessions (office_id, starts_at);

CREATE TABLE orientation_enrolments (
    id             TEXT PRIMARY KEY,
    session_id     TEXT NOT NULL REFERENCES orientation_sessions(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    status         TEXT NOT NULL,
    source         TEXT NOT NULL,
    checkin_code   TEXT NOT NULL UNIQUE,
    on_roster      BIGINT NOT NULL DEFAULT 0,
    enrolled_at    BIGINT NOT NULL,
    UNIQUE (session_id, participant_id)
);
CREATE INDEX orientation_enrolments_by_participant ON orientation_enrolments (participant_id);

CREATE TABLE orientation_attendance (
    enrolment_id   TEXT NOT NULL REFERENCES orientation_enrolments(id),
    day            BIGINT NOT NULL,
    checked_in_at  BIGINT NOT NULL,
    checked_out_at BIGINT,
    method         TEXT NOT NULL,
    recorded_by    TEXT,
    recorded_at    BIGINT NOT NULL,
    PRIMARY KEY (enrolment_id, day)
);

CREATE TABLE orientation_assessments (
    id           TEXT PRIMARY KEY,
    enrolment_id TEXT NOT NULL REFERENCES orientation_enrolments(id),
    kind         TEXT NOT NULL,
    correct      BIGINT NOT NULL,
    total        BIGINT NOT NULL,
    on_behalf    BIGINT NOT NULL,
    recorded_by  TEXT,
    taken_at     BIGINT NOT NULL,
    UNIQUE (enrolment_id, kind)
);

-- One row per enrolment and module: the pre side and the post side, for the knowledge-gain report.
CREATE TABLE orientation_module_scores (
    enrolment_id  TEXT NOT NULL REFERENCES orientation_enrolments(id),
    curriculum_id TEXT NOT NULL,
    module_key    TEXT NOT NULL,
    pre_correct   BIGINT,
    pre_total     BIGINT,
    post_correct  BIGINT,
    post_total    BIGINT,
    PRIMARY KEY (enrolment_id, module_key)
);
CREATE INDEX orientation_module_scores_by_curriculum ON orientation_module_scores (curriculum_id);

CREATE TABLE orientation_feedback (
    enrolment_id TEXT PRIMARY KEY REFERENCES orientation_enrolments(id),
    satisfaction BIGINT NOT NULL,
    usefulness   BIGINT NOT NULL,
    given_at     BIGINT NOT NULL
);

CREATE TABLE orientation_certificates (
    id                TEXT PRIMARY KEY,
    enrolment_id      TEXT NOT NULL UNIQUE REFERENCES orientation_enrolments(id),
    participant_id    TEXT NOT NULL REFERENCES participants(id),
    curriculum_id     TEXT NOT NULL REFERENCES orientation_curricula(id),
    office_id         TEXT NOT NULL REFERENCES offices(id),
    key_id            TEXT NOT NULL,
    token             TEXT NOT NULL,
    issued_at         BIGINT NOT NULL,
    issued_by         TEXT,
    revoked_at        BIGINT,
    revoked_by        TEXT,
    revocation_reason TEXT
);
CREATE INDEX orientation_certificates_by_participant ON orientation_certificates (participant_id);
