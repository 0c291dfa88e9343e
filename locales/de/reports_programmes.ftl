## Reports: orientation reach and good practices on the dashboard.
reports-orientation-title = Reichweite der Orientierung
reports-orientation-definition = Teilnehmende: Personen, die für im Zeitraum begonnene Orientierungsveranstaltungen der gezeigten Büros angemeldet sind (nicht auf der Warteliste, nicht zurückgezogen). Abgeschlossen: wer an jedem Tag der Veranstaltung eingecheckt wurde. Zahlen unter 5 werden ausgeblendet, dazu eine zweite, wenn die Summe eine ausgeblendete verraten würde.
reports-orientation-participants = Teilnehmende
reports-orientation-completed = Abgeschlossen
reports-orientation-completion = Abschlussquote
reports-gain-title = Wissenszuwachs nach Modul
reports-gain-definition = Für jedes Modul der Anteil richtiger Antworten im Quiz vor und nach der Veranstaltung, über alle, die beide Quiz beantwortet haben, und die Differenz in Prozentpunkten. Ein Modul mit weniger als 5 solchen Teilnehmenden wird ausgeblendet.
reports-gain-none = Kein Modul hat in diesem Zeitraum Ergebnisse vorher und nachher.
reports-gain-module = Modul
reports-gain-participants = Teilnehmende mit beiden Quiz
reports-gain-pre = Vorher
reports-gain-post = Nachher
reports-gain-points = Zuwachs (Punkte)
reports-practices-title = Gute Praktiken nach Ziel und Region
reports-practices-definition = Heute auf der Wissensplattform veröffentlichte Praktiken nach Ziel des Globalen Migrationspakts und nach Region. Eine Praxis mit mehreren Zielen oder Regionen zählt bei jedem; Zeitraum- und Bürofilter gelten hier nicht.
reports-practices-objective = Ziel
reports-practices-total = Gesamt
