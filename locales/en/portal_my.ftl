## Signed in to the portal
portal-account-nav = Your account
portal-sign-in = Sign in
portal-sign-out = Sign out
nav-my-application = My application
nav-my-application-help = Where your application stands, your documents and messages.

## Signing in with the case reference and a PIN
portal-apply-with-identifier = With my e-mail address or phone number and a password
portal-apply-with-reference = I have no e-mail or phone: with my case reference and a PIN
portal-apply-pin = PIN
portal-apply-pin-hint = 6 to 12 digits. You will sign in with the case reference shown on the next page and this PIN.
portal-apply-pin-confirm = PIN again
portal-apply-error-pin = A PIN is 6 to 12 digits and nothing else.
portal-apply-error-pin-guessable = This PIN is too easy to guess. Do not use one digit repeated, or digits in a row such as 123456.
portal-apply-error-pin-confirm = The two PINs are not the same.
portal-started-sign-in-reference = To sign in later, enter this case reference as your user name and your PIN as your password. Write the reference down now.
portal-started-open = Go to my application

## My application
portal-my-title = My application
portal-my-list-title = My applications
portal-my-none = You have no application yet.
portal-my-find = Find out which pathways are open to you
portal-my-reference = Case reference:
portal-my-status-title = Where your application stands
portal-my-progress = Steps so far
portal-my-checklist-title = Your documents
portal-my-checklist-empty = Your caseworker has not listed the documents you need yet.
portal-my-files = { $count ->
    [one] 1 file sent
   *[other] { $count } files sent
}
portal-my-if-applicable = only if it applies to you
portal-my-appointments-title = Appointments
portal-my-appointments-none = No appointment yet.
portal-my-messages-title = Messages with your caseworker
portal-my-messages-none = No messages yet.
portal-my-from-you = You
portal-my-from-office = Your caseworker
portal-my-new = New
portal-my-message-label = Write a message
portal-my-message-send = Send the message
portal-my-notes-title = Notes from your office

## Sending a document
portal-upload-title = Send a document
portal-upload-item = Which document
portal-upload-item-choose = Choose a document
portal-upload-file = Photo or PDF of the document
portal-upload-file-hint = A photo from your phone camera (JPEG or PNG) or a PDF, up to { $megabytes } MB. Make sure all four corners show and the text is sharp.
portal-upload-submit = Send the document
portal-upload-done = Thank you. Your document has arrived, and your caseworker can see it now.
portal-upload-error-closed = This application is closed, so it takes no more documents.
error-file-required = Choose the file to send.

## The state of a document, in plain words
portal-item-state-missing = Still needed
portal-item-state-provided = Received, to be checked
portal-item-state-verified = Checked and accepted
portal-item-state-rejected = Not accepted: please send a new one
portal-item-state-waived = Not needed

## Where an application stands, in plain words, and what comes next
portal-status-intake = Received
portal-status-counselling = Advice from your caseworker
portal-status-forms = Preparing forms and documents
portal-status-completeness_check = Documents being checked
portal-status-ready_for_submission = Ready to go to the embassy
portal-status-appointment_booked = Embassy appointment booked
portal-status-submitted = With the embassy
portal-status-decided_approved = Approved
portal-status-decided_refused = Refused
portal-status-travel = Preparing to travel
portal-status-closed = Closed
portal-status-on_hold = Paused
portal-status-withdrawn = Withdrawn
portal-status-intake-next = The office has your application. A caseworker will contact you about the next steps.
portal-status-counselling-next = Your caseworker is looking at your situation with you. Answer their messages here.
portal-status-forms-next = Gather the documents listed below and send a photo of each one here.
portal-status-completeness_check-next = Your caseworker is checking that every document is there and valid. If something is missing, you will get a message.
portal-status-ready_for_submission-next = Everything is complete. Your caseworker will book your appointment at the embassy.
portal-status-appointment_booked-next = Go to your appointment with the original documents. The date is under Appointments.
portal-status-submitted-next = The embassy is deciding. This can take several months; you will get a message when there is a decision.
portal-status-decided_approved-next = Your visa has been approved. Your caseworker will help you prepare for the journey.
portal-status-decided_refused-next = Your application was refused. Your caseworker will explain why and what you can do.
portal-status-travel-next = Get ready for your journey; an orientation session can help you prepare.
portal-status-closed-next = Your application is finished. Write to your office if you have a question.
portal-status-on_hold-next = Your application is paused for now. Your caseworker will tell you when it continues.
portal-status-withdrawn-next = Your application was withdrawn. You can start a new one at any time.
