## The pathway finder and the facts it works with

finder-error-no-checklist = Für diesen Weg gibt es noch keine Dokumentenliste, deshalb kann dafür kein Antrag begonnen werden.
finder-consent-scope-portal-apply-consent-v1 = Antrag im Portal beginnen (Einwilligungstext, Fassung 1)
finder-facts-needed = Für die Prüfung noch nötig
finder-facts-needed-none = Die Prüfung braucht keine weiteren Antworten.
finder-facts-other = Weitere Fragen
finder-facts-section-count = { $count ->
    [one] 1 Frage
   *[other] { $count } Fragen
}
finder-children-count-help = Danach geben Sie das Geburtsdatum jedes Kindes an, ein Kind pro Seite.

## Namen von Sprachen und Ländern, angezeigt statt ihrer Codes.
finder-country-AFG = Afghanistan
finder-country-ARE = Vereinigte Arabische Emirate
finder-country-AUS = Australien
finder-country-CAN = Kanada
finder-country-COL = Kolumbien
finder-country-D = Deutschland
finder-country-DEU = Deutschland
finder-country-DZA = Algerien
finder-country-ECU = Ecuador
finder-country-EGY = Ägypten
finder-country-ERI = Eritrea
finder-country-IRN = Iran
finder-country-IRQ = Irak
finder-country-ISR = Israel
finder-country-JPN = Japan
finder-country-LBY = Libyen
finder-country-MAR = Marokko
finder-country-PAK = Pakistan
finder-country-SDN = Sudan
finder-country-SOM = Somalia
finder-country-SYR = Syrien
finder-country-TUN = Tunesien
finder-country-TUR = Türkei
finder-country-UKR = Ukraine
finder-country-UZB = Usbekistan
finder-country-VEN = Venezuela
finder-country-YEM = Jemen
