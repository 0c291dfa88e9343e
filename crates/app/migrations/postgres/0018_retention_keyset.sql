-- The retention purge walks one office's unerased cases of one status in id order, each batch
-- starting after the last id of the one before, so no batch reads again the cases that earlier
-- batches kept because they had not expired yet.
DROP INDEX cases_unerased_by_status;
CREATE INDEX cases_unerased_by_status ON cases (office_id, status, id) WHERE erased_at IS NULL;
