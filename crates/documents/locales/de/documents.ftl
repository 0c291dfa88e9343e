# Vollständigkeitsbericht, Zusammenfassung in einfacher Sprache.

summary-complete = Der Antrag ist vollständig: alle { $total } Dokumente liegen vor und sind in Ordnung.
summary-review = Es fehlt nichts, aber eine Sachbearbeiterin oder ein Sachbearbeiter muss { $review } von { $total } Dokumenten prüfen, bevor der Antrag versandt wird.
summary-incomplete = Der Antrag ist noch nicht vollständig: { $missing } fehlen, { $invalid } nicht annehmbar, { $review } zu prüfen (von { $total } Dokumenten).

item-satisfied = { $person }: { $document } — angenommen.
item-missing = { $person }: { $document } fehlt. Verlangt nach { $citation }.
item-invalid = { $person }: { $document } kann nicht angenommen werden: { $reasons }. Verlangt nach { $citation }.
item-review = { $person }: { $document } muss geprüft werden: { $reasons }. ({ $citation })

reason-separator = {"; "}
reason-mrz-invalid = die maschinenlesbare Zone ist nicht gültig
reason-mrz-contradicts-record = die maschinenlesbare Zone passt nicht zu { $field ->
        [number] der Dokumentennummer
        [issuing_state] dem ausstellenden Staat
        [birth_date] dem Geburtsdatum
        [nationality] der Staatsangehörigkeit
       *[expiry_date] dem Ablaufdatum
    } im Datensatz
reason-name-differs = der Name weicht vom angegebenen Namen ab
reason-name-phonetic = der Name ist anders geschrieben (wahrscheinlich eine andere Umschrift desselben Namens)
reason-name-swapped = Familienname und Vornamen scheinen gegenüber dem angegebenen Namen vertauscht
reason-birth-date-differs = das Geburtsdatum weicht vom angegebenen ab
reason-nationality-differs = die Staatsangehörigkeit weicht von der angegebenen ab
reason-issued-after-expiry = das Ausstellungsdatum liegt nach dem Ablaufdatum
reason-expired = es ist abgelaufen
reason-expires-too-soon = es muss mindestens { $months } Monate über das Reisedatum hinaus gültig sein
reason-validity-unknown = Reisedatum oder Ablaufdatum sind nicht bekannt
reason-too-old = es muss in den letzten { $months } Monaten ausgestellt worden sein
reason-issue-date-unknown = das Ausstellungsdatum ist nicht bekannt
reason-translation-missing = eine beglaubigte Übersetzung ins { $language } fehlt
reason-legalisation-missing = Legalisation oder Apostille fehlt
reason-number-used-by-another-person = dieselbe Dokumentennummer ist für eine andere Person erfasst
reason-may-be-required = es kann verlangt werden, je nach noch unbekannten Angaben
