-- Orientation beside case management: a participant can be a case's person (so a family is
-- enrolled from its case and its certificates count for the case), the orientation an office
-- requires before a case may move to `travel`, and indexes for the roster and the
-- knowledge-gain report.

ALTER TABLE participants ADD COLUMN person_id TEXT REFERENCES people(id);
CREATE UNIQUE INDEX participants_by_person ON participants (person_id);

-- An office requires a valid certificate of `stage` before travel on `pathway_id` ('*' = every
-- pathway of the office).
CREATE TABLE orientation_requirements (
    office_id  TEXT NOT NULL REFERENCES offices(id),
    pathway_id TEXT NOT NULL,
    stage      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT,
    PRIMARY KEY (office_id, pathway_id, stage)
);
