cases-open-items = { $count ->
    [one] Die letzte Vollständigkeitsprüfung fand 1 fehlendes oder ungültiges Dokument:
   *[other] Die letzte Vollständigkeitsprüfung fand { $count } fehlende oder ungültige Dokumente:
}
conflict-completeness-never-checked = Die Akte wurde noch nicht auf Vollständigkeit geprüft: Starten Sie zuerst die Prüfung auf der Dokumentenseite.
conflict-completeness-stale = Angaben, Checkliste oder Dokumente haben sich seit der letzten Vollständigkeitsprüfung geändert: Prüfen Sie erneut, bevor es weitergeht.
case-erased-notice = Die Daten der antragstellenden Person dieses Falls wurden gelöscht. Der Fall bleibt für die Statistik erhalten und kann gelesen werden; an ihm wird nicht mehr gearbeitet.
conflict-case-erased = Die Daten der antragstellenden Person dieses Falls wurden gelöscht: An ihm wird nicht mehr gearbeitet.
