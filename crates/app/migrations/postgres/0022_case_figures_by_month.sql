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
    PRIMARY KEY (month, office_id, pathway_id, measure, value)
);
