-- Erasure and retention. An erased person, case or participant keeps its row with the few clear
-- columns that aggregate reports count (status, office, pathway, dates, sex, birth year), and
-- says since when it holds nothing else; retention purges skip what is already erased.
ALTER TABLE people ADD COLUMN erased_at BIGINT;
ALTER TABLE cases ADD COLUMN erased_at BIGINT;
ALTER TABLE participants ADD COLUMN erased_at BIGINT;

-- The purge looks for ended cases of one office in one status that still hold personal data.
CREATE INDEX cases_unerased_by_status ON cases (office_id, status) WHERE erased_at IS NULL;
CREATE INDEX participants_unerased_by_office ON participants (office_id, created_at) WHERE erased_at IS NULL;

-- How long an office keeps personal data after a case or an orientation has ended (offices
-- without a row use the defaults in privacy/retention.rs).
CREATE TABLE retention_policies (
    office_id         TEXT PRIMARY KEY REFERENCES offices(id),
    closed_case_years BIGINT NOT NULL,
    refused_months    BIGINT NOT NULL,
    orientation_years BIGINT NOT NULL,
    updated_by        TEXT,
    updated_at        BIGINT NOT NULL
);
