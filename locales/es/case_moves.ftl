cases-open-items = { $count ->
    [one] La última comprobación encontró 1 documento que falta o no es válido:
   *[other] La última comprobación encontró { $count } documentos que faltan o no son válidos:
}
conflict-completeness-never-checked = Aún no se ha comprobado si el expediente está completo: haga primero la comprobación en la página de documentos.
conflict-completeness-stale = Los datos, la lista o los documentos cambiaron después de la última comprobación: repítala antes de avanzar.
case-erased-notice = Los datos del solicitante de este caso se borraron. El caso se conserva para las cifras y puede consultarse; ya no se trabaja en él.
conflict-case-erased = Los datos del solicitante de este caso se borraron: ya no se trabaja en él.
