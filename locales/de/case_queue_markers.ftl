queue-open-cases = Offene Fälle
queue-all-cases = Alle Fälle, auch abgeschlossene
queue-unassigned-only = Nur nicht zugewiesene
queue-unassigned-new = { $count ->
    [one] Ein neuer Antrag ist noch niemandem zugewiesen
   *[other] { $count } neue Anträge sind noch niemandem zugewiesen
}
queue-unread-messages = { $count ->
    [one] 1 ungelesene Nachricht
   *[other] { $count } ungelesene Nachrichten
}
queue-new-uploads = { $count ->
    [one] 1 neue Datei
   *[other] { $count } neue Dateien
}
case-applicant-language = Sprache der antragstellenden Person
