cases-open-items = { $count ->
    [one] The latest completeness check found 1 document missing or not valid:
   *[other] The latest completeness check found { $count } documents missing or not valid:
}
conflict-completeness-never-checked = The file has not been checked for completeness yet: run the completeness check on the documents page first.
conflict-completeness-stale = Facts, checklist or documents changed after the last completeness check: run it again before moving on.
case-erased-notice = The applicant of this case was erased. The case stays for the figures and can be read; no more work is done on it.
conflict-case-erased = The applicant of this case was erased: no more work is done on it.
