# Fallbearbeitung.

nav-cases = Fälle
nav-cases-help = Die Arbeitsliste Ihrer Dienststellen: Anträge anlegen, verfolgen und voranbringen.
cases-title = Fälle
cases-new = Neuen Fall eröffnen
cases-search = Referenznummer, Familienname oder Dokumentnummer
cases-overdue-only = Nur überfällige
cases-mine-only = Nur mir zugewiesene
cases-queue-caption = Dringendste zuerst: bestätigte Priorität, dann Frist, dann die ältesten Fälle.
cases-none = Keine passenden Fälle.
cases-overdue = überfällig
cases-matches = Bereits erfasste Personen mit diesem Namen
cases-no-matches = Niemand mit diesem Namen ist erfasst. Sie können den Fall eröffnen.
cases-principal-applicant = Hauptantragsteller
cases-check-existing = Nach bestehenden Datensätzen suchen
cases-open = Fall eröffnen
cases-members = Familie und Referenzperson
cases-add-member = Person hinzufügen
cases-next-steps = Nächste Schritte
cases-override = Ausnahme durch Teamleiter
cases-triage = Schutzbedürftigkeit und Priorität
cases-assessed = Bewertet am
cases-confirm-priority = Vorgeschlagene Priorität bestätigen
cases-assess = Bewertung erfassen
cases-needs = Besondere Bedürfnisse
cases-timeline = Verlauf
timeline-by = durch
timeline-by-applicant = durch die antragstellende Person
case-take = Mir zuweisen
any = Alle
next-page = Nächste Seite

field-reference = Referenznummer
field-applicant = Antragsteller
field-case-status = Status
field-priority = Priorität
field-due = Frist
field-office = Dienststelle
field-pathway = Zuwanderungsweg
field-surname = Familienname
field-given-names = Vornamen
field-birth-date = Geburtsdatum (Jahr, Jahr-Monat oder vollständiges Datum)
field-sex = Geschlecht
field-nationality = Staatsangehörigkeit (dreistelliger Code, z. B. SYR)
field-role = Rolle im Fall
field-reason = Begründung
field-narrative = Was die Person Ihnen erzählt hat (wird verschlüsselt gespeichert)

error-partial-date = Schreiben Sie das Datum als YYYY, YYYY-MM oder YYYY-MM-DD.
error-nationality-code = Verwenden Sie den dreistelligen ICAO- oder ISO-Code, z. B. SYR oder ERI.
error-reason-required = Bitte geben Sie eine Begründung für diesen Schritt an.
error-need-code = Wählen Sie Codes aus der Liste.

case-status-intake = Aufnahme
case-status-counselling = Beratung
case-status-forms = Formulare
case-status-completeness_check = Vollständigkeitsprüfung
case-status-ready_for_submission = Bereit zur Einreichung
case-status-appointment_booked = Termin gebucht
case-status-submitted = Eingereicht
case-status-decided_approved = Genehmigt
case-status-decided_refused = Abgelehnt
case-status-travel = Reise
case-status-closed = Abgeschlossen
case-status-on_hold = Zurückgestellt
case-status-withdrawn = Zurückgezogen

priority-emergency = Notfall
priority-urgent = Dringend
priority-normal = Normal
priority-suggested = Vorgeschlagen
priority-assessed-confirmed = Vorgeschlagen und von der Teamleitung bestätigt

member-principal_applicant = Hauptantragsteller
member-sponsor = Referenzperson
member-spouse = Ehepartner
member-child = Kind
member-parent = Elternteil
member-other_member = Anderes Familienmitglied

sex-F = Weiblich
sex-M = Männlich
sex-X = Unbestimmt (X)
sex-U = Nicht bekannt

event-opened = Fall eröffnet
event-status = Status geändert
event-member_added = Person hinzugefügt
event-assessed = Schutzbedürftigkeit bewertet
event-priority_confirmed = Priorität bestätigt
event-assigned = Einer Sachbearbeitung zugewiesen

conflict-move-not-allowed = Dieser Schritt ist vom aktuellen Status des Falls aus nicht möglich.
conflict-completeness-required = Die Akte muss zuerst die Vollständigkeitsprüfung bestehen, oder ein Teamleiter muss mit Begründung eine Ausnahme zulassen.
conflict-nothing-to-confirm = Es gibt keine vorgeschlagene Priorität, die bestätigt werden kann.
