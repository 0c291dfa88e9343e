## Reports: orientation reach and good practices on the dashboard.
reports-orientation-title = Orientation reach
reports-orientation-definition = Participants: people enrolled (not waitlisted or withdrawn) in orientation sessions that started in the period, in the offices shown. Completed: those checked in on every day of their session. Counts under 5 are hidden, and a second count where the total would reveal a hidden one.
reports-orientation-participants = Participants
reports-orientation-completed = Completed
reports-orientation-completion = Completion rate
reports-gain-title = Knowledge gain by module
reports-gain-definition = For each module, the share of right answers in the quiz before the session and in the quiz after it, over participants who took both, and the difference in percentage points. A module with fewer than 5 such participants is hidden.
reports-gain-none = No module has quiz results before and after in this period.
reports-gain-module = Module
reports-gain-participants = Participants with both quizzes
reports-gain-pre = Before
reports-gain-post = After
reports-gain-points = Gain (points)
reports-practices-title = Good practices by objective and region
reports-practices-definition = Practices published on the knowledge platform today, by objective of the Global Compact for Migration and by region. A practice with several objectives or regions counts under each; the period and office filters do not apply.
reports-practices-objective = Objective
reports-practices-total = Total
