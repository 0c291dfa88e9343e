# Die Fallliste im großen Maßstab: Filter, Sammelzuweisung und Monatskontingente.

queue-assigned-to = Zugewiesen an
queue-select = Auswählen
queue-bulk-assign = Ausgewählte Fälle zuweisen
queue-assign-to = Sachbearbeitung
queue-choose-assignee = Sachbearbeiterin oder Sachbearbeiter wählen
queue-assign-selected = Auswahl zuweisen
quota-title = Monatskontingente
quota-definition = „Verbraucht“ heißt: Fälle dieses Wegs in allen Büros, die seit dem Ersten dieses Monats (UTC) bewilligt wurden. Die Kapazität ist der Wert, den das Regelpaket für diesen Monat festlegt.
quota-month = Monat
quota-used = Verbraucht
quota-capacity = Kapazität
quota-available = Noch verfügbar
quota-source = Rechtsgrundlage
error-choose-cases = Wählen Sie zwischen 1 und 200 Fälle aus.
error-assignee-not-caseworker = Diese Person ist nicht Sachbearbeiterin oder Sachbearbeiter im Büro jedes ausgewählten Falls.
