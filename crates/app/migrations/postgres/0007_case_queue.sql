-- Case queue at scale: the indexes the queue, bulk assignment and quotas need with a million
-- cases (plans in BENCHMARKS.md).

-- The queue of one office without a status filter, in queue order.
CREATE INDEX cases_by_office_order ON cases (office_id, priority_rank, due_at, opened_at, id);
-- The queue filtered by pathway within an office.
CREATE INDEX cases_by_office_pathway ON cases (office_id, pathway_id, priority_rank, due_at, opened_at, id);
-- Quotas: cases moved to a status (e.g. approved) within a month.
CREATE INDEX case_events_by_move ON case_events (to_status, at);
