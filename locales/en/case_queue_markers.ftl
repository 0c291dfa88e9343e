queue-open-cases = Open cases
queue-all-cases = All cases, closed included
queue-unassigned-only = Not assigned only
queue-unassigned-new = { $count ->
    [one] One new application is not assigned to anyone yet
   *[other] { $count } new applications are not assigned to anyone yet
}
queue-unread-messages = { $count ->
    [one] 1 unread message
   *[other] { $count } unread messages
}
queue-new-uploads = { $count ->
    [one] 1 new file
   *[other] { $count } new files
}
case-applicant-language = Applicant's language
