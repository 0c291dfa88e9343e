-- Reporting reads the timeline by the status a case reached and when: closures per month,
-- first submissions and decisions within a period.
CREATE INDEX case_events_by_status ON case_events (to_status, at, case_id);
