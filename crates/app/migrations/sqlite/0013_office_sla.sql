-- How many days a case of each priority may take in one office, where the office differs from
-- the default of the specific-needs list (content/triage).
CREATE TABLE office_sla_days (
    office_id TEXT NOT NULL REFERENCES offices(id),
    priority  TEXT NOT NULL,
    days      BIGINT NOT NULL,
    PRIMARY KEY (office_id, priority)
);
