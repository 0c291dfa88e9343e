# The case queue at scale: filters, bulk assignment and monthly quotas.

queue-assigned-to = Assigned to
queue-select = Select
queue-bulk-assign = Assign the selected cases
queue-assign-to = Caseworker
queue-choose-assignee = Choose a caseworker
queue-assign-selected = Assign selected
quota-title = Monthly quotas
quota-definition = Used means: cases of this pathway, in all offices, approved since the first day of this month (UTC). The capacity is the value the rule pack sets for this month.
quota-month = Month
quota-used = Used
quota-capacity = Capacity
quota-available = Still available
quota-source = Legal basis
error-choose-cases = Select between 1 and 200 cases.
error-assignee-not-caseworker = This person is not a caseworker of the office of every selected case.
