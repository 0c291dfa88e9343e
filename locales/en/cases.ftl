# Case management.

nav-cases = Cases
nav-cases-help = The work queue of your offices: open, follow and move applications.
cases-title = Cases
cases-new = Open a case
cases-search = Reference, surname or document number
cases-overdue-only = Overdue only
cases-mine-only = Assigned to me
cases-queue-caption = Most pressing first: confirmed priority, then due date, then age.
cases-none = No cases match.
cases-overdue = overdue
cases-matches = People already on record with this name
cases-no-matches = Nobody on record has this name. You can open the case.
cases-principal-applicant = Principal applicant
cases-check-existing = Check for existing records
cases-open = Open the case
cases-members = Family and sponsor
cases-add-member = Add a person
cases-next-steps = Next steps
cases-override = Supervisor override
cases-triage = Vulnerability and priority
cases-assessed = Assessed on
cases-confirm-priority = Confirm the suggested priority
cases-assess = Record an assessment
cases-needs = Specific needs
cases-timeline = Timeline
timeline-by = by
timeline-by-applicant = by the applicant
case-take = Assign to me
any = Any
next-page = Next page

field-reference = Reference
field-applicant = Applicant
field-case-status = Status
field-priority = Priority
field-due = Due
field-office = Office
field-pathway = Pathway
field-surname = Surname
field-given-names = Given names
field-birth-date = Date of birth (year, year-month or full date)
field-sex = Sex
field-nationality = Nationality (three-letter code, e.g. SYR)
field-role = Role in the case
field-reason = Reason
field-narrative = What the person told you (kept encrypted)

error-partial-date = Write the date as YYYY, YYYY-MM or YYYY-MM-DD.
error-nationality-code = Use the three-letter ICAO or ISO code, e.g. SYR or ERI.
error-reason-required = Please give a reason for this step.
error-need-code = Choose codes from the list.

case-status-intake = Intake
case-status-counselling = Counselling
case-status-forms = Forms
case-status-completeness_check = Completeness check
case-status-ready_for_submission = Ready for submission
case-status-appointment_booked = Appointment booked
case-status-submitted = Submitted
case-status-decided_approved = Approved
case-status-decided_refused = Refused
case-status-travel = Travel
case-status-closed = Closed
case-status-on_hold = On hold
case-status-withdrawn = Withdrawn

priority-emergency = Emergency
priority-urgent = Urgent
priority-normal = Normal
priority-suggested = Suggested
priority-assessed-confirmed = Suggested and confirmed by a supervisor

member-principal_applicant = Principal applicant
member-sponsor = Sponsor
member-spouse = Spouse
member-child = Child
member-parent = Parent
member-other_member = Other family member

sex-F = Female
sex-M = Male
sex-X = Unspecified (X)
sex-U = Not known

event-opened = Case opened
event-status = Status changed
event-member_added = Person added
event-assessed = Vulnerability assessed
event-priority_confirmed = Priority confirmed
event-assigned = Assigned to a caseworker

conflict-move-not-allowed = This step is not possible from the case's current status.
conflict-completeness-required = The file must pass the completeness check first, or a supervisor must override with a reason.
conflict-nothing-to-confirm = There is no suggested priority to confirm.
