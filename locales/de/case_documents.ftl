# Sachverhalt des Falls, Anspruchsprüfung, Unterlagenlisten, Dokumente und Vollständigkeitsprüfung.

case-documents-open = Sachverhalt, Anspruch und Unterlagen
case-documents-title = Sachverhalt und Unterlagen
case-documents-eligibility = Anspruch
case-documents-outcome = Ergebnis
case-documents-as-of = Stand
case-documents-reasons = Begründung
case-documents-missing = Fragen, die das Ergebnis noch ändern können
case-documents-history = Frühere Bewertungen
case-documents-computed = Berechnet am
case-documents-pack-hash = Version des Regelwerks
case-documents-no-snapshot = Noch keine Bewertung. Beantworten Sie die Fragen unten und speichern Sie.
case-documents-facts = Sachverhalt
case-documents-facts-help = Lassen Sie eine Frage offen, wenn Sie die Antwort nicht kennen. Kreuzen Sie „geprüft“ an, sobald ein Dokument die Antwort belegt.
case-documents-unknown = Noch nicht bekannt
case-documents-yes = Ja
case-documents-no = Nein
case-documents-verified = Anhand eines Dokuments geprüft
case-documents-save-facts = Speichern und neu bewerten
case-documents-checklist = Beizubringende Unterlagen
case-documents-no-checklist = Die Liste erscheint, sobald der Sachverhalt gespeichert ist.
case-documents-person = Person
case-documents-person-applicant = Antragsteller
case-documents-person-sponsor = Familienangehöriger im Zielland
case-documents-person-spouse = Ehegatte
case-documents-person-household = Haushalt
case-documents-person-child = Kind { $number }
case-documents-item = Unterlage
case-documents-state = Stand
case-documents-decision = Entscheidung
case-documents-if-applicable = falls zutreffend
case-documents-verify = Bestätigen
case-documents-reject = Zurückweisen
case-documents-waive = Verzichten
case-documents-documents = Eingegangene Unterlagen
case-documents-no-documents = Noch keine Unterlagen eingegangen.
case-documents-mrz-entered = maschinenlesbare Zone erfasst
case-documents-download = Herunterladen
case-documents-upload = Unterlage hinzufügen
case-documents-add = Unterlage hinzufügen
case-documents-completeness = Vollständigkeitsprüfung
case-documents-run-check = Vollständigkeit prüfen
case-documents-no-report = Die Vollständigkeit wurde noch nicht geprüft.
case-documents-verdict = Ergebnis
case-documents-findings = Feststellungen
case-documents-citation = Rechtsgrundlage

field-document-item = Für welche Unterlage
field-document-file = Datei (PDF, JPEG oder PNG)
field-document-file-help = Höchstens { $megabytes } MB. Der Typ wird aus der Datei selbst gelesen.
field-mrz = Maschinenlesbare Zone (die zwei oder drei Zeilen unten auf der Passseite)
field-mrz-help = Jede Zeile in eine eigene Zeile, mit allen <-Zeichen.
field-issued-on = Ausgestellt am (JJJJ-MM-TT)
field-expires-on = Gültig bis (JJJJ-MM-TT)
field-translated-into = Beglaubigte Übersetzung in (Sprachcodes, z. B. de)
field-legalised = Legalisiert oder mit Apostille
field-travel-date = Geplantes Reisedatum (JJJJ-MM-TT)

outcome-eligible = Anspruch besteht
outcome-likely = Voraussichtlich erfüllt
outcome-discretionary = Ermessen der Behörde
outcome-not_eligible = Kein Anspruch
outcome-undetermined = Noch offen

rule-status-held = Erfüllt
rule-status-failed = Nicht erfüllt
rule-status-waived = Abgesehen
rule-status-not_applicable = Nicht einschlägig
rule-status-unknown = Noch nicht bekannt
rule-status-fired = Ausnahme greift
rule-status-not_in_force = Nicht in Kraft

item-state-missing = Fehlt
item-state-provided = Eingereicht
item-state-verified = Geprüft
item-state-rejected = Zurückgewiesen
item-state-waived = Verzichtet

verdict-complete = Vollständig
verdict-needs_review = Prüfung nötig
verdict-incomplete = Unvollständig

report-status-satisfied = In Ordnung
report-status-missing = Fehlt
report-status-invalid = Nicht annehmbar
report-status-needs_review = Prüfung nötig
report-status-waived = Verzichtet

finding-mrz-invalid = Die maschinenlesbare Zone ist nicht gültig
finding-mrz-contradicts-record = Die maschinenlesbare Zone widerspricht den Angaben des Dokuments
finding-name-phonetic = Der Name ist anders geschrieben (vermutlich eine andere Umschrift)
finding-name-swapped = Familienname und Vornamen sind vertauscht
finding-name-differs = Der Name weicht von den Personendaten ab
finding-birth-date-differs = Das Geburtsdatum weicht von den Personendaten ab
finding-nationality-differs = Die Staatsangehörigkeit weicht von den Personendaten ab
finding-sex-differs = Das Geschlecht weicht von den Personendaten ab
finding-issued-after-expiry = Nach Ablauf ausgestellt
finding-expired = Abgelaufen
finding-expires-too-soon = Läuft zu kurz nach dem geplanten Reisedatum ab
finding-validity-unknown = Die Gültigkeit lässt sich nicht prüfen (Reise- oder Ablaufdatum unbekannt)
finding-too-old = Zu lange her ausgestellt
finding-issue-date-unknown = Das Ausstellungsdatum ist unbekannt
finding-translation-missing = Die beglaubigte Übersetzung fehlt
finding-legalisation-missing = Legalisation oder Apostille fehlt
finding-number-used-by-another-person = Die Dokumentennummer gehört einer anderen Person
finding-may-be-required = Kann nötig sein: offene Fragen beantworten oder entscheiden

event-facts_saved = Sachverhalt gespeichert und neu bewertet
event-document_added = Unterlage hinzugefügt
event-item_decided = Entscheidung zu einer Unterlage
event-completeness_checked = Vollständigkeit geprüft

error-fact-unknown = Diese Frage gehört nicht zum Regelwerk des Falls.
error-fact-value = Diese Antwort passt nicht zur Frage.
error-file-or-mrz = Wählen Sie eine Datei oder geben Sie die maschinenlesbare Zone ein.
error-file-too-large = Die Datei ist größer als erlaubt.
error-file-type = Nur PDF-, JPEG- und PNG-Dateien werden angenommen.
error-date = Schreiben Sie das Datum als JJJJ-MM-TT.
error-language-code = Verwenden Sie Sprachcodes wie de oder en, durch Kommas getrennt.
error-mrz-invalid = Die maschinenlesbare Zone ist nicht gültig: Prüfen Sie jedes Zeichen und die Prüfziffern.

conflict-nothing-to-verify = Für diese Unterlage gibt es kein Dokument zu prüfen.
conflict-pathway-not-open = Dieser Weg steht dem Fall nicht offen; es gibt keine Liste zu prüfen.
case-documents-via-portal = von der antragstellenden Person über das Portal gesendet
