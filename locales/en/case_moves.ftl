cases-open-items = { $count ->
    [one] The latest completeness check found 1 document missing or not valid:
   *[other] The latest completeness check found { $count } documents missing or not valid:
}
conflict-completeness-never-checked = The file has not been checked for completeness yet: run the completeness check on the documents page first.
conflict-completeness-stale = Facts, checklist or documents changed after the last completeness check: run it again before moving on.
