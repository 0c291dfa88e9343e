-- Case management: people, cases with their members, the workflow timeline and triage.
-- Names, contact details, reasons and narratives are sealed (see crypto.rs); lookups go through
-- blind indexes. birth_year stays in clear for age-group reporting.

CREATE TABLE people (
    id          TEXT PRIMARY KEY,
    office_id   TEXT NOT NULL REFERENCES offices(id),
    names       BLOB NOT NULL,
    name_key    TEXT NOT NULL,
    surname_key TEXT NOT NULL,
    birth_date  BLOB,
    birth_year  BIGINT,
    sex         TEXT NOT NULL,
    nationality TEXT,
    created_at  BIGINT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX people_by_name_key ON people (name_key);
CREATE INDEX people_by_surname_key ON people (surname_key);

CREATE TABLE case_counters (
    office_id TEXT NOT NULL REFERENCES offices(id),
    year      BIGINT NOT NULL,
    next      BIGINT NOT NULL,
    PRIMARY KEY (office_id, year)
);

CREATE TABLE cases (
    id                    TEXT PRIMARY KEY,
    reference             TEXT NOT NULL UNIQUE,
    office_id             TEXT NOT NULL REFERENCES offices(id),
    pack_id               TEXT NOT NULL,
    pack_hash             TEXT NOT NULL,
    pathway_id            TEXT NOT NULL,
    status                TEXT NOT NULL,
    held_status           TEXT,
    priority              TEXT NOT NULL,
    priority_rank         BIGINT NOT NULL,
    suggested_priority    TEXT,
    priority_confirmed_by TEXT REFERENCES users(id),
    has_vulnerability     BIGINT NOT NULL DEFAULT 0,
    assigned_to           TEXT REFERENCES users(id),
    opened_at             BIGINT NOT NULL,
    due_at                BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL,
    version               BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX cases_queue ON cases (office_id, status, priority_rank, due_at, opened_at, id);
CREATE INDEX cases_by_assignee ON cases (assigned_to, priority_rank, due_at);

CREATE TABLE case_members (
    case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id),
    role      TEXT NOT NULL,
    PRIMARY KEY (case_id, person_id)
);
CREATE INDEX case_members_by_person ON case_members (person_id);

CREATE TABLE case_events (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at          BIGINT NOT NULL,
    actor_id    TEXT,
    kind        TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    reason      BLOB
);
CREATE INDEX case_events_by_case ON case_events (case_id, at);

CREATE TABLE vulnerability_assessments (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    codes         TEXT NOT NULL,
    codes_version TEXT NOT NULL,
    narrative     BLOB,
    suggested     TEXT NOT NULL,
    assessed_by   TEXT,
    assessed_at   BIGINT NOT NULL
);
CREATE INDEX vulnerability_by_case ON vulnerability_assessments (case_id, assessed_at);
