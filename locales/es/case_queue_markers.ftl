queue-open-cases = Casos abiertos
queue-all-cases = Todos los casos, también los cerrados
queue-unassigned-only = Solo sin asignar
queue-unassigned-new = { $count ->
    [one] Una solicitud nueva aún no está asignada a nadie
   *[other] { $count } solicitudes nuevas aún no están asignadas a nadie
}
queue-unread-messages = { $count ->
    [one] 1 mensaje sin leer
   *[other] { $count } mensajes sin leer
}
queue-new-uploads = { $count ->
    [one] 1 archivo nuevo
   *[other] { $count } archivos nuevos
}
case-applicant-language = Idioma del solicitante
