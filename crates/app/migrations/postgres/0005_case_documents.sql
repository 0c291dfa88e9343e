-- Case facts with their eligibility history, checklists per person, documents with their
-- files (sealed on disk under <data>/files) and stored completeness reports.
-- Fact values, file names, MRZs and reasons are sealed (see crypto.rs).

CREATE TABLE case_facts (
    case_id    TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    facts      BYTEA NOT NULL,
    updated_at BIGINT NOT NULL,
    version    BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE eligibility_snapshots (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    computed_at BIGINT NOT NULL,
    computed_by TEXT,
    pack_hash   TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    reasons     TEXT NOT NULL,
    missing     TEXT NOT NULL
);
CREATE INDEX eligibility_by_case ON eligibility_snapshots (case_id, computed_at);

CREATE TABLE checklist_items (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    item_id     TEXT NOT NULL,
    person      TEXT NOT NULL,
    conditional BIGINT NOT NULL,
    status      TEXT NOT NULL,
    reason      BYTEA,
    decided_by  TEXT,
    updated_at  BIGINT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1,
    UNIQUE (case_id, item_id, person)
);

CREATE TABLE case_documents (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    item_id         TEXT NOT NULL,
    person          TEXT NOT NULL,
    content_type    TEXT,
    size_bytes      BIGINT,
    file_name       BYTEA,
    mrz             BYTEA,
    mrz_findings    TEXT NOT NULL,
    issued_on       TEXT,
    expires_on      TEXT,
    translated_into TEXT NOT NULL,
    legalised       BIGINT NOT NULL,
    rejected        BIGINT NOT NULL DEFAULT 0,
    uploaded_by     TEXT,
    uploaded_at     BIGINT NOT NULL
);
CREATE INDEX case_documents_by_case ON case_documents (case_id, uploaded_at);

CREATE TABLE completeness_reports (
    id               TEXT PRIMARY KEY,
    case_id          TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    created_at       BIGINT NOT NULL,
    created_by       TEXT,
    verdict          TEXT NOT NULL,
    application_date TEXT NOT NULL,
    travel_date      TEXT,
    items            TEXT NOT NULL
);
CREATE INDEX completeness_by_case ON completeness_reports (case_id, created_at);
