-- Finding a case by a document number: a blind index of the number an MRZ carries, so the
-- number itself stays sealed inside the MRZ.
ALTER TABLE case_documents ADD COLUMN number_key TEXT;
CREATE INDEX case_documents_by_number ON case_documents (number_key);
