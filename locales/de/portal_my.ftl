## Im Portal angemeldet
portal-account-nav = Ihr Konto
portal-sign-in = Anmelden
portal-sign-out = Abmelden
nav-my-application = Mein Antrag
nav-my-application-help = Wo Ihr Antrag steht, Ihre Unterlagen und Nachrichten.

## Anmelden mit dem Aktenzeichen und einer PIN
portal-apply-with-identifier = Mit meiner E-Mail-Adresse oder Telefonnummer und einem Passwort
portal-apply-with-reference = Ich habe weder E-Mail noch Telefon: mit meinem Aktenzeichen und einer PIN
portal-apply-pin = PIN
portal-apply-pin-hint = 6 bis 12 Ziffern. Sie melden sich mit dem Aktenzeichen von der nächsten Seite und dieser PIN an.
portal-apply-pin-confirm = PIN wiederholen
portal-apply-error-pin = Eine PIN besteht aus 6 bis 12 Ziffern und sonst nichts.
portal-apply-error-pin-guessable = Diese PIN ist zu leicht zu erraten. Verwenden Sie keine wiederholte Ziffer und keine Ziffernfolge wie 123456.
portal-apply-error-pin-confirm = Die beiden PINs stimmen nicht überein.
portal-started-sign-in-reference = Um sich später anzumelden, geben Sie dieses Aktenzeichen als Benutzernamen und Ihre PIN als Passwort ein. Schreiben Sie sich das Aktenzeichen jetzt auf.
portal-started-open = Zu meinem Antrag

## Mein Antrag
portal-my-title = Mein Antrag
portal-my-list-title = Meine Anträge
portal-my-none = Sie haben noch keinen Antrag.
portal-my-find = Herausfinden, welche Wege Ihnen offenstehen
portal-my-reference = Aktenzeichen:
portal-my-status-title = Wo Ihr Antrag steht
portal-my-progress = Bisherige Schritte
portal-my-checklist-title = Ihre Unterlagen
portal-my-checklist-empty = Ihre Fallbearbeiterin oder Ihr Fallbearbeiter hat die nötigen Unterlagen noch nicht aufgelistet.
portal-my-files = { $count ->
    [one] 1 Datei gesendet
   *[other] { $count } Dateien gesendet
}
portal-my-if-applicable = nur wenn es auf Sie zutrifft
portal-my-appointments-title = Termine
portal-my-appointments-none = Noch kein Termin.
portal-my-messages-title = Nachrichten mit Ihrer Fallbearbeitung
portal-my-messages-none = Noch keine Nachrichten.
portal-my-from-you = Sie
portal-my-from-office = Ihre Fallbearbeitung
portal-my-new = Neu
portal-my-message-label = Nachricht schreiben
portal-my-message-send = Nachricht senden
portal-my-notes-title = Hinweise Ihrer Dienststelle

## Ein Dokument senden
portal-upload-title = Ein Dokument senden
portal-upload-item = Welches Dokument
portal-upload-item-choose = Dokument wählen
portal-upload-file = Foto oder PDF des Dokuments
portal-upload-file-hint = Ein Foto mit der Handykamera (JPEG oder PNG) oder ein PDF, bis { $megabytes } MB. Alle vier Ecken müssen sichtbar und der Text scharf sein.
portal-upload-submit = Dokument senden
portal-upload-done = Danke. Ihr Dokument ist angekommen und für Ihre Fallbearbeitung jetzt sichtbar.
portal-upload-error-closed = Dieser Antrag ist abgeschlossen und nimmt keine Unterlagen mehr an.
error-file-required = Wählen Sie die Datei, die Sie senden möchten.

## Der Stand eines Dokuments, in einfachen Worten
portal-item-state-missing = Wird noch gebraucht
portal-item-state-provided = Erhalten, wird geprüft
portal-item-state-verified = Geprüft und angenommen
portal-item-state-rejected = Nicht angenommen: bitte ein neues senden
portal-item-state-waived = Nicht nötig

## Wo ein Antrag steht, in einfachen Worten, und wie es weitergeht
portal-status-intake = Eingegangen
portal-status-counselling = Beratung durch Ihre Fallbearbeitung
portal-status-forms = Formulare und Unterlagen werden vorbereitet
portal-status-completeness_check = Unterlagen werden geprüft
portal-status-ready_for_submission = Bereit für die Botschaft
portal-status-appointment_booked = Termin bei der Botschaft gebucht
portal-status-submitted = Bei der Botschaft
portal-status-decided_approved = Bewilligt
portal-status-decided_refused = Abgelehnt
portal-status-travel = Reisevorbereitung
portal-status-closed = Abgeschlossen
portal-status-on_hold = Pausiert
portal-status-withdrawn = Zurückgezogen
portal-status-intake-next = Die Dienststelle hat Ihren Antrag. Ihre Fallbearbeitung meldet sich wegen der nächsten Schritte.
portal-status-counselling-next = Ihre Fallbearbeitung sieht sich Ihre Lage mit Ihnen an. Beantworten Sie ihre Nachrichten hier.
portal-status-forms-next = Sammeln Sie die Unterlagen aus der Liste unten und senden Sie hier von jeder ein Foto.
portal-status-completeness_check-next = Ihre Fallbearbeitung prüft, ob jede Unterlage da und gültig ist. Fehlt etwas, bekommen Sie eine Nachricht.
portal-status-ready_for_submission-next = Alles ist vollständig. Ihre Fallbearbeitung bucht Ihren Termin bei der Botschaft.
portal-status-appointment_booked-next = Gehen Sie mit den Originalen zu Ihrem Termin. Das Datum steht unter „Termine“.
portal-status-submitted-next = Die Botschaft entscheidet. Das kann mehrere Monate dauern; Sie bekommen eine Nachricht, sobald entschieden ist.
portal-status-decided_approved-next = Ihr Visum wurde bewilligt. Ihre Fallbearbeitung hilft Ihnen bei der Reisevorbereitung.
portal-status-decided_refused-next = Ihr Antrag wurde abgelehnt. Ihre Fallbearbeitung erklärt Ihnen, warum, und was Sie tun können.
portal-status-travel-next = Bereiten Sie Ihre Reise vor; eine Orientierungsveranstaltung kann dabei helfen.
portal-status-closed-next = Ihr Antrag ist abgeschlossen. Schreiben Sie Ihrer Dienststelle, wenn Sie eine Frage haben.
portal-status-on_hold-next = Ihr Antrag ruht vorerst. Ihre Fallbearbeitung sagt Ihnen, wann es weitergeht.
portal-status-withdrawn-next = Ihr Antrag wurde zurückgezogen. Sie können jederzeit einen neuen beginnen.
