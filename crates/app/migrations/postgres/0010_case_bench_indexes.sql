-- Case benchmark with a million cases (BENCHMARKS.md, "Cases"): the queue page counts this
-- month's approvals of each quota pathway, joining every approval event of the month to its
-- case only to read the pathway. This index answers that join on its own (covering), without
-- reading the case row.
CREATE INDEX cases_pathway_by_id ON cases (id, pack_id, pathway_id);
