# Corridor-Oberfläche, Deutsch.

skip-to-content = Zum Inhalt springen
demo-banner = Demonstrationsinstanz: nur Beispieldaten, und Administratoren können sich ohne zweiten Faktor anmelden. Geben Sie keine echten personenbezogenen Daten ein.
nav-label = Hauptmenü
language-label = Sprache
# This language, as its speakers name it, and its writing direction (ltr or rtl).
language-native-name = Deutsch
language-direction = ltr
sign-out = Abmelden
back-home = Zurück zur Startseite
back-previous = Zurück zur vorherigen Seite
save = Speichern
continue = Weiter
filter = Filtern
older = Ältere Einträge
form-has-errors = Bitte korrigieren Sie Folgendes:

# Rollen und Arten von Dienststellen
admin = Administrator
supervisor = Teamleiter
caseworker = Sachbearbeiter
facilitator = Moderator für Orientierungskurse
knowledge_editor = Redakteur für Wissensinhalte
analyst = Analyst
migrant = Migrant
field_office = Außenstelle
consulate = Konsulat
headquarters = Zentrale

# Anmeldung
sign-in-title = Anmelden
sign-in = Anmelden
sign-in-failed = Benutzername oder Passwort ist nicht richtig. Prüfen Sie beides und versuchen Sie es erneut.
field-username = Benutzername
field-password = Passwort
demo-logins = Demonstrationskonten
demo-password = Alle Demonstrationskonten verwenden das Passwort { $password }.
second-factor-title = Zweiter Schritt der Anmeldung
second-factor-help = Geben Sie den sechsstelligen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein.
field-code = Code

# Navigation und Startseite
nav-home = Start
nav-home-help = Ihre Startseite.
nav-users = Benutzer
nav-users-help = Mitarbeitende mit ihren Rollen, Dienststellen und ihrem Anmeldestatus.
nav-offices = Dienststellen
nav-offices-help = Außenstellen, Konsulate und Zentrale.
nav-audit = Audit-Protokoll
nav-audit-help = Jede Änderung und jeder Zugriff auf sensible Datensätze, in einer Kette, die Manipulationen erkennbar macht.
nav-account = Mein Konto
nav-account-help = Sprache, Passwort, zweiter Faktor und API-Tokens.
home-title = Start
home-welcome = Willkommen, { $name }
home-roles = Ihre Rollen:
home-offices = Ihre Dienststellen:
home-what-you-can-do = Das können Sie hier tun

# Benutzer
users-title = Benutzer
users-new = Neuer Benutzer
users-count = { $count ->
    [one] Ein Benutzer
   *[other] { $count } Benutzer
}
field-display-name = Vollständiger Name
field-initial-password = Erstpasswort
field-new-password = Neues Passwort
field-current-password = Aktuelles Passwort
field-locale = Sprache
field-roles = Rollen
field-offices = Dienststellen
field-status = Status
field-second-factor = Zweiter Faktor
status-active = Aktiv
status-disabled = Deaktiviert
status-enabled = Aktiviert
status-not-enabled = Nicht aktiviert
status-revoked = Widerrufen
user-disable = Dieses Konto deaktivieren
user-enable = Dieses Konto aktivieren
user-reset-password = Neues Passwort festlegen
notice-saved = Gespeichert.
notice-password-reset = Das Passwort wurde geändert, und die Sitzungen der Person wurden beendet.
notice-password-changed = Ihr Passwort wurde geändert. Ihre anderen Sitzungen wurden beendet.
notice-second-factor-enabled = Der zweite Faktor ist ab jetzt bei Ihrer Anmeldung erforderlich.

# Dienststellen
offices-title = Dienststellen
offices-new = Neue Dienststelle
offices-count = { $count ->
    [one] Eine Dienststelle
   *[other] { $count } Dienststellen
}
field-name = Name
field-country = Land (ISO-Code, z. B. JO)
field-kind = Art

# Audit
audit-title = Audit-Protokoll
audit-caption = Neueste zuerst. Jeder Eintrag ist mit dem vorherigen verkettet.
field-time = Zeitpunkt
field-actor = Von
field-action = Aktion
field-target = Datensatz
field-target-type = Datensatztyp
field-details = Details

# Konto
account-title = Mein Konto
account-password = Passwort
account-change-password = Passwort ändern
second-factor-enrol = Zweiten Faktor einrichten
second-factor-required = Administratoren müssen einen zweiten Faktor einrichten, bevor sie fortfahren können.
enrol-step-scan = Scannen Sie diesen Code mit einer Authenticator-App (oder geben Sie den darunter angezeigten Schlüssel ein).
enrol-step-code = Geben Sie den sechsstelligen Code ein, den die App anzeigt.
enrol-manual = Schlüssel:
enrol-intro = Eine Authenticator-App auf Ihrem Telefon (zum Beispiel FreeOTP oder Aegis) zeigt alle 30 Sekunden einen neuen sechsstelligen Code. Sie benötigen ihn oder einen Wiederherstellungscode bei jeder Anmeldung.
enrol-start = Starten
recovery-codes-help = Bewahren Sie diese Wiederherstellungscodes an einem sicheren Ort auf. Jeder Code funktioniert einmal, falls Sie Ihr Telefon verlieren. Sie werden nicht noch einmal angezeigt.
tokens-title = API-Tokens
tokens-help = Mit einem Token kann ein Programm die API mit Ihren Rechten nutzen. Es wird nur einmal angezeigt, wenn Sie es erstellen.
token-shown-once = Kopieren Sie dieses Token jetzt; es wird nicht noch einmal angezeigt:
token-create = Token erstellen
token-revoke = Widerrufen
field-prefix = Beginnt mit
field-actions = Aktionen

# Fehler in Feldern
error-required = Dieses Feld ist erforderlich.
error-required-short-text = Geben Sie 1 bis 200 Zeichen ein.
error-text-too-long = Dieser Text ist zu lang.
error-username = Verwenden Sie 3 bis 64 Kleinbuchstaben, Ziffern oder . _ - @ +
error-username-taken = Dieser Benutzername ist bereits vergeben.
error-password-too-short = Verwenden Sie mindestens 10 Zeichen.
error-password-too-long = Verwenden Sie höchstens 256 Zeichen.
error-password-wrong = Das aktuelle Passwort ist nicht richtig.
error-locale = Wählen Sie eine Sprache.
error-roles = Wählen Sie mindestens eine gültige Rolle.
error-offices = Mitarbeitende, die keine Administratoren sind, brauchen mindestens eine bestehende Dienststelle.
error-office-code = Verwenden Sie 2 bis 12 Großbuchstaben, Ziffern oder Bindestriche.
error-office-code-taken = Eine andere Dienststelle verwendet diesen Code bereits.
error-country-code = Verwenden Sie den zweistelligen Ländercode nach ISO 3166.
error-choose-option = Wählen Sie eine der Optionen.
error-sla-days = Geben Sie eine ganze Zahl von Tagen zwischen 1 und 730 ein.
error-totp-code = Dieser Code ist nicht richtig. Die Codes ändern sich alle 30 Sekunden.

# Probleme (Fehlerseiten und API-Fehler)
problem-bad-request-title = Die Anfrage konnte nicht gelesen werden
problem-bad-request-detail = Ein Teil der Anfrage ist fehlerhaft.
problem-unauthenticated-title = Bitte melden Sie sich an
problem-unauthenticated-detail = Sie müssen sich anmelden, um dies zu sehen.
problem-forbidden-title = Nicht erlaubt
problem-forbidden-detail = Ihre Rolle erlaubt dies nicht.
problem-not-found-title = Nicht gefunden
problem-not-found-detail = Hier gibt es nichts, oder Sie dürfen es nicht sehen.
problem-method-not-allowed-title = Hier nicht erlaubt
problem-method-not-allowed-detail = Diese Adresse akzeptiert diese Art von Anfrage nicht.
problem-conflict-title = Zwischenzeitlich geändert
problem-conflict-detail = Jemand anderes hat diesen Datensatz geändert, nachdem Sie ihn geöffnet haben. Laden Sie ihn neu und versuchen Sie es erneut.
problem-payload-too-large-title = Zu groß
problem-payload-too-large-detail = Was Sie gesendet haben, ist größer als erlaubt.
problem-unsupported-media-type-title = Nicht unterstütztes Format
problem-unsupported-media-type-detail = Senden Sie die Daten in dem Format, das diese Adresse erwartet.
problem-validation-title = Einige Felder müssen geprüft werden
problem-validation-detail = Korrigieren Sie die aufgeführten Felder und versuchen Sie es erneut.
problem-too-many-attempts-title = Zu viele Versuche
problem-too-many-attempts-detail = Zu viele fehlgeschlagene Versuche. Versuchen Sie es in { $minutes } Minuten erneut.
problem-timeout-title = Zeitüberschreitung
problem-timeout-detail = Der Server ist nicht rechtzeitig fertig geworden. Bitte versuchen Sie es erneut.
problem-internal-title = Etwas ist schiefgelaufen
problem-internal-detail = Das Problem wurde protokolliert. Bitte versuchen Sie es später erneut.
problem-second-factor-required-title = Zweiter Faktor erforderlich
problem-second-factor-required-detail = Administratoren müssen einen zweiten Faktor einrichten, bevor sie fortfahren können.
conflict-stale-version = Jemand anderes hat diesen Datensatz geändert, nachdem Sie ihn geöffnet haben. Laden Sie ihn neu und versuchen Sie es erneut.
conflict-cannot-disable-self = Sie können Ihr eigenes Konto nicht deaktivieren.
conflict-second-factor-already-enabled = Der zweite Faktor ist bereits eingerichtet.
conflict-second-factor-not-started = Beginnen Sie zuerst mit der Einrichtung des zweiten Faktors.
field-time-zone = Zeitzone
error-time-zone = Geben Sie eine Zeitzone mit ihrem IANA-Namen an, etwa Europe/Istanbul oder Asia/Amman.
token-expires = Endet
token-last-used = Zuletzt verwendet
token-never-used = Nie verwendet
token-days = Tage bis zum Ende
status-expired = Beendet
error-token-days = Wählen Sie 1 bis 365 Tage.
sign-in-pin-locked = Diese PIN wurde zu oft falsch eingegeben und ist jetzt gesperrt. Bitten Sie Ihr Büro um eine neue PIN.
conflict-pin-locked = Diese PIN ist gesperrt. Bitten Sie Ihr Büro um eine neue PIN.
second-factor-ended = Zu viele falsche Codes. Melden Sie sich zu Ihrer Sicherheit erneut mit Ihrem Passwort an.
security-alerts-title = Sicherheitswarnungen
security-alert-pin-failures = Innerhalb einer Stunde wurden bei Konten von Antragstellenden viele falsche PINs eingegeben. Die Anmeldung mit PIN ist bis { $until } ausgesetzt. Möglicherweise versucht jemand, PINs zu erraten.
notice-role-waits = Das Konto wurde angelegt. Die Administratorrolle wartet auf die Zustimmung einer zweiten Administratorin oder eines zweiten Administrators, weil dieses Konto auch an Fallakten arbeitet.
role-waits-title = Eine Rolle wartet auf Zustimmung
role-waits = Für dieses Konto, das auch an Fallakten arbeitet, wurde die Rolle „{ $role }“ beantragt. Eine zweite Administratorin oder ein zweiter Administrator muss zustimmen.
role-approve = Rolle genehmigen
role-refuse = Rolle ablehnen
role-waits-other-administrator = Entscheiden muss eine andere Person mit Administratorrolle als die, die sie beantragt hat.
conflict-second-administrator-required = Entscheiden muss eine zweite Person mit Administratorrolle – weder die antragstellende noch das Konto selbst.
problem-refused-title = Das ist jetzt nicht möglich
