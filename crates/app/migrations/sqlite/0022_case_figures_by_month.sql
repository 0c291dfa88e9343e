-- The case indicators as monthly tallies, kept by the writes that change cases
-- (app::cases::rollup). The application builds them from the stored cases when it finds cases
-- but no tallies, as after this migration.
CREATE TABLE case_figures_by_month (
    month BIGINT NOT NULL,
    office_id TEXT NOT NULL,
    pathway_id TEXT NOT NULL,
    measure TEXT NOT NULL,
    value TEXT NOT NULL,
    tally BIGINT NOT NULL,
    -- A report reads a few measures over a range of months: each measure's rows lie together,
    -- tallies in the key's own b-tree (WITHOUT ROWID), so a range is one sequential read.
    PRIMARY KEY (measure, month, office_id, pathway_id, value)
) WITHOUT ROWID;

-- A case's first submission and first decision are looked up by case and status at every write
-- that keeps the tallies; with only (case_id, at) the planner may scan every event of that
-- status instead. The timeline's lookup by case uses the new index as well.
DROP INDEX case_events_by_case;
CREATE INDEX case_events_by_case ON case_events (case_id, to_status, at);
