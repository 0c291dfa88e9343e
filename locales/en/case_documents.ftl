# Case facts, eligibility, checklists, documents and the completeness check.

case-documents-open = Facts, eligibility and documents
case-documents-title = Facts and documents
case-documents-eligibility = Eligibility
case-documents-outcome = Outcome
case-documents-as-of = as of
case-documents-reasons = Why
case-documents-missing = Questions that can still change the outcome
case-documents-history = Earlier assessments
case-documents-computed = Computed
case-documents-pack-hash = Rule pack version
case-documents-no-snapshot = No assessment yet. Answer the questions below and save them.
case-documents-facts = Facts of the case
case-documents-facts-help = Leave a question unanswered when you do not know. Tick "verified" once you have seen a document that proves the answer.
case-documents-unknown = Not known yet
case-documents-yes = Yes
case-documents-no = No
case-documents-verified = Verified against a document
case-documents-save-facts = Save and reassess
case-documents-checklist = Documents to provide
case-documents-no-checklist = The checklist appears once the facts have been saved.
case-documents-person = Person
case-documents-person-applicant = Applicant
case-documents-person-sponsor = Family member in the destination country
case-documents-person-spouse = Spouse
case-documents-person-household = Household
case-documents-person-child = Child { $number }
case-documents-item = Document
case-documents-state = Status
case-documents-decision = Decision
case-documents-if-applicable = if it applies
case-documents-verify = Verify
case-documents-reject = Reject
case-documents-waive = Waive
case-documents-documents = Documents received
case-documents-no-documents = No documents received yet.
case-documents-mrz-entered = machine-readable zone entered
case-documents-download = Download
case-documents-upload = Add a document
case-documents-add = Add the document
case-documents-completeness = Completeness check
case-documents-run-check = Run the completeness check
case-documents-no-report = The completeness check has not been run yet.
case-documents-verdict = Result
case-documents-findings = Findings
case-documents-citation = Legal basis

field-document-item = For which item
field-document-file = File (PDF, JPEG or PNG)
field-document-file-help = At most { $megabytes } MB. The type is read from the file itself.
field-mrz = Machine-readable zone (the two or three lines at the bottom of the passport page)
field-mrz-help = Type each line on its own line, with every < sign.
field-issued-on = Issued on (YYYY-MM-DD)
field-expires-on = Expires on (YYYY-MM-DD)
field-translated-into = Certified translation into (language codes, e.g. de)
field-legalised = Legalised or with an apostille
field-travel-date = Planned travel date (YYYY-MM-DD)

outcome-eligible = Eligible
outcome-likely = Likely eligible
outcome-discretionary = At the authority's discretion
outcome-not_eligible = Not eligible
outcome-undetermined = Not yet determined

rule-status-held = Met
rule-status-failed = Not met
rule-status-waived = Set aside
rule-status-not_applicable = Does not apply
rule-status-unknown = Not known yet
rule-status-fired = Exception applies
rule-status-not_in_force = Not in force

item-state-missing = Missing
item-state-provided = Provided
item-state-verified = Verified
item-state-rejected = Rejected
item-state-waived = Waived

verdict-complete = Complete
verdict-needs_review = Needs a review
verdict-incomplete = Incomplete

report-status-satisfied = In order
report-status-missing = Missing
report-status-invalid = Not acceptable
report-status-needs_review = Needs a review
report-status-waived = Waived

finding-mrz-invalid = The machine-readable zone does not verify
finding-mrz-contradicts-record = The machine-readable zone contradicts the document's details
finding-name-phonetic = The name is spelled differently (probably another transcription)
finding-name-swapped = Surname and given names are swapped
finding-name-differs = The name differs from the person's record
finding-birth-date-differs = The date of birth differs from the person's record
finding-nationality-differs = The nationality differs from the person's record
finding-sex-differs = The sex differs from the person's record
finding-issued-after-expiry = Issued after its expiry date
finding-expired = Expired
finding-expires-too-soon = Expires too soon after the planned travel date
finding-validity-unknown = The validity cannot be checked (travel or expiry date unknown)
finding-too-old = Issued too long ago
finding-issue-date-unknown = The issue date is unknown
finding-translation-missing = The certified translation is missing
finding-legalisation-missing = The legalisation or apostille is missing
finding-number-used-by-another-person = The document number belongs to another person
finding-may-be-required = May be required: answer the open questions or decide

event-facts_saved = Facts saved and eligibility reassessed
event-document_added = Document added
event-item_decided = Document decision
event-completeness_checked = Completeness checked

error-fact-unknown = This question does not belong to the case's rule pack.
error-fact-value = This answer does not fit the question.
error-file-or-mrz = Choose a file or type the machine-readable zone.
error-file-too-large = The file is larger than allowed.
error-file-type = Only PDF, JPEG and PNG files are accepted.
error-date = Write the date as YYYY-MM-DD.
error-language-code = Use language codes such as de or en, separated by commas.
error-mrz-invalid = The machine-readable zone does not verify: check every character and the check digits.

conflict-nothing-to-verify = There is no document to verify for this item.
conflict-pathway-not-open = The pathway is not open to this case, so there is no checklist to check.
case-documents-via-portal = sent by the applicant through the portal
