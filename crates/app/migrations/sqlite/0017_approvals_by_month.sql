-- Approvals per pathway and calendar month (UTC), kept by each move to decided_approved in the
-- same transaction, so a quota's use this month is one row rather than a count over every
-- approval event of the month. A count, with no case or person in it.
CREATE TABLE approvals_by_month (
    pack_id    TEXT NOT NULL,
    pathway_id TEXT NOT NULL,
    month      TEXT NOT NULL,
    approved   INTEGER NOT NULL,
    PRIMARY KEY (pack_id, pathway_id, month)
);

INSERT INTO approvals_by_month (pack_id, pathway_id, month, approved)
SELECT c.pack_id, c.pathway_id, strftime('%Y-%m', e.at / 1000, 'unixepoch'), COUNT(*)
FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE e.to_status = 'decided_approved'
GROUP BY c.pack_id, c.pathway_id, strftime('%Y-%m', e.at / 1000, 'unixepoch');
