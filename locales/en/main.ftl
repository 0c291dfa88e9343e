# Corridor interface, English (the reference language).

skip-to-content = Skip to content
demo-banner = Demonstration instance: sample data only, and administrators may sign in without a second factor. Do not enter real personal data.
nav-label = Main
language-label = Language
# This language, as its speakers name it, and its writing direction (ltr or rtl).
language-native-name = English
language-direction = ltr
sign-out = Sign out
back-home = Back to the start page
back-previous = Back to the page you came from
save = Save
continue = Continue
filter = Filter
older = Older entries
form-has-errors = Please correct the following:

# Roles and office kinds
admin = Administrator
supervisor = Supervisor
caseworker = Caseworker
facilitator = Orientation facilitator
knowledge_editor = Knowledge editor
analyst = Analyst
migrant = Migrant
field_office = Field office
consulate = Consulate
headquarters = Headquarters

# Sign-in
sign-in-title = Sign in
sign-in = Sign in
sign-in-failed = The user name or password is not right. Check them and try again.
field-username = User name
field-password = Password
demo-logins = Demonstration accounts
demo-password = Every demonstration account uses the password { $password }.
second-factor-title = Second step of sign-in
second-factor-help = Enter the six-digit code from your authenticator app, or one of your recovery codes.
field-code = Code

# Navigation and start page
nav-home = Start
nav-home-help = Your start page.
nav-users = Users
nav-users-help = Staff and their roles, offices and sign-in status.
nav-offices = Offices
nav-offices-help = Field offices, consulates and headquarters.
nav-audit = Audit log
nav-audit-help = Every change and every access to sensitive records, in a tamper-evident chain.
nav-account = My account
nav-account-help = Language, password, second factor and API tokens.
home-title = Start
home-welcome = Welcome, { $name }
home-roles = Your roles:
home-offices = Your offices:
home-what-you-can-do = What you can do here

# Users
users-title = Users
users-new = New user
users-count = { $count ->
    [one] One user
   *[other] { $count } users
}
field-display-name = Full name
field-initial-password = Initial password
field-new-password = New password
field-current-password = Current password
field-locale = Language
field-roles = Roles
field-offices = Offices
field-status = Status
field-second-factor = Second factor
status-active = Active
status-disabled = Disabled
status-enabled = Enabled
status-not-enabled = Not enabled
status-revoked = Revoked
user-disable = Disable this account
user-enable = Enable this account
user-reset-password = Set a new password
notice-saved = Saved.
notice-password-reset = The password was changed and the person's sessions were ended.
notice-password-changed = Your password was changed. Your other sessions were ended.
notice-second-factor-enabled = The second factor is now required when you sign in.

# Offices
offices-title = Offices
offices-new = New office
offices-count = { $count ->
    [one] One office
   *[other] { $count } offices
}
field-name = Name
field-country = Country (ISO code, e.g. JO)
field-kind = Kind

# Audit
audit-title = Audit log
audit-caption = Newest first. Each entry is chained to the one before it.
field-time = Time
field-actor = By
field-action = Action
field-target = Record
field-target-type = Record type
field-details = Details

# Account
account-title = My account
account-password = Password
account-change-password = Change password
second-factor-enrol = Set up the second factor
second-factor-required = Administrators must set up a second factor before they can continue.
enrol-step-scan = Scan this code with an authenticator app (or type the key shown below it).
enrol-step-code = Enter the six-digit code the app shows.
enrol-manual = Key:
enrol-intro = An authenticator app on your phone (for example FreeOTP or Aegis) will show a new six-digit code every 30 seconds. You will need it, or a recovery code, each time you sign in.
enrol-start = Start
recovery-codes-help = Keep these recovery codes somewhere safe. Each one works once if you lose your phone. They are not shown again.
tokens-title = API tokens
tokens-help = A token lets a program use the API with your rights. It is shown once, when you create it.
token-shown-once = Copy this token now; it will not be shown again:
token-create = Create token
token-revoke = Revoke
field-prefix = Starts with
field-actions = Actions

# Field errors
error-required = This field is required.
error-required-short-text = Enter between 1 and 200 characters.
error-text-too-long = This text is too long.
error-username = Use 3 to 64 lower-case letters, digits or . _ - @ +
error-username-taken = This user name is already taken.
error-password-too-short = Use at least 10 characters.
error-password-too-long = Use at most 256 characters.
error-password-wrong = The current password is not right.
error-locale = Choose a language.
error-roles = Choose at least one valid role.
error-offices = Staff other than administrators need at least one existing office.
error-office-code = Use 2 to 12 capital letters, digits or hyphens.
error-office-code-taken = Another office already uses this code.
error-country-code = Use the two-letter ISO 3166 country code.
error-choose-option = Choose one of the options.
error-sla-days = Enter a whole number of days from 1 to 730.
error-totp-code = That code is not right. Codes change every 30 seconds.

# Problems (error pages and API errors)
problem-bad-request-title = The request could not be read
problem-bad-request-detail = Part of the request is malformed.
problem-unauthenticated-title = Please sign in
problem-unauthenticated-detail = You need to sign in to see this.
problem-forbidden-title = Not allowed
problem-forbidden-detail = Your role does not allow this.
problem-not-found-title = Not found
problem-not-found-detail = There is nothing here, or you may not see it.
problem-method-not-allowed-title = Not allowed here
problem-method-not-allowed-detail = This address does not accept that kind of request.
problem-conflict-title = Changed in the meantime
problem-conflict-detail = Someone else changed this record after you opened it. Reload it and try again.
problem-payload-too-large-title = Too large
problem-payload-too-large-detail = What you sent is larger than allowed.
problem-unsupported-media-type-title = Unsupported format
problem-unsupported-media-type-detail = Send the data in the format this address expects.
problem-validation-title = Some fields need attention
problem-validation-detail = Correct the fields listed and try again.
problem-too-many-attempts-title = Too many attempts
problem-too-many-attempts-detail = Too many failed attempts. Try again in { $minutes } minutes.
problem-timeout-title = Took too long
problem-timeout-detail = The server did not finish in time. Please try again.
problem-internal-title = Something went wrong
problem-internal-detail = The problem has been recorded. Please try again later.
problem-second-factor-required-title = Second factor required
problem-second-factor-required-detail = Administrators must set up a second factor before they can continue.
conflict-stale-version = Someone else changed this record after you opened it. Reload it and try again.
conflict-cannot-disable-self = You cannot disable your own account.
conflict-second-factor-already-enabled = The second factor is already set up.
conflict-second-factor-not-started = Start setting up the second factor first.
field-time-zone = Time zone
error-time-zone = Enter a time zone by its IANA name, such as Europe/Istanbul or Asia/Amman.
token-expires = Ends
token-last-used = Last used
token-never-used = Never used
token-days = Days until it ends
status-expired = Ended
error-token-days = Choose from 1 to 365 days.
sign-in-pin-locked = This PIN was entered wrongly too many times and is now locked. Ask your office for a new PIN.
conflict-pin-locked = This PIN is locked. Ask your office for a new PIN.
second-factor-ended = Too many wrong codes. For your safety, sign in again with your password.
security-alerts-title = Security alerts
security-alert-pin-failures = Many wrong PINs were entered across applicants' accounts within an hour. PIN sign-in is paused until { $until }. This can mean someone is guessing PINs.
notice-role-waits = The account was created. The administrator role waits for a second administrator's approval, because this account also works on case files.
role-waits-title = A role waits for approval
role-waits = The role “{ $role }” was asked for this account, which also works on case files. A second administrator must approve it.
role-approve = Approve the role
role-refuse = Refuse the role
role-waits-other-administrator = Another administrator, not the one who asked, must decide.
conflict-second-administrator-required = A second administrator, not the one who asked and not the account itself, must decide this.
problem-refused-title = This cannot be done now
