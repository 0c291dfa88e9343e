-- Whether a document was sent by the applicant through the portal: recorded when it is added,
-- so staff pages and exports read one fact (before, it was inferred from the uploader's link).
ALTER TABLE case_documents ADD COLUMN via_portal BIGINT NOT NULL DEFAULT 0;
UPDATE case_documents SET via_portal = 1 WHERE uploaded_by IN (SELECT user_id FROM person_accounts);
