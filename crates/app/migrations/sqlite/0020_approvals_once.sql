-- An approved case put on hold and resumed was counted as a second approval. Count again from
-- the events, leaving out resumptions from hold, as moves now do.
DELETE FROM approvals_by_month;

INSERT INTO approvals_by_month (pack_id, pathway_id, month, approved)
SELECT c.pack_id, c.pathway_id, strftime('%Y-%m', e.at / 1000, 'unixepoch'), COUNT(*)
FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE e.to_status = 'decided_approved' AND e.from_status <> 'on_hold'
GROUP BY c.pack_id, c.pathway_id, strftime('%Y-%m', e.at / 1000, 'unixepoch');
