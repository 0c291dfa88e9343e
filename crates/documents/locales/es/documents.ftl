# Informe de integridad, resumen en lenguaje claro.

summary-complete = La solicitud está completa: los { $total } documentos están presentes y son aceptables.
summary-review = No falta nada, pero un gestor debe revisar { $review } de { $total } documentos antes de enviar la solicitud.
summary-incomplete = La solicitud aún no está completa: { $missing } faltan, { $invalid } no son aceptables, { $review } por revisar (de { $total } documentos).

item-satisfied = { $person }: { $document } — aceptado.
item-missing = { $person }: falta { $document }. Exigido por { $citation }.
item-invalid = { $person }: { $document } no puede aceptarse: { $reasons }. Exigido por { $citation }.
item-review = { $person }: { $document } necesita la revisión de un gestor: { $reasons }. ({ $citation })

reason-separator = {"; "}
reason-mrz-invalid = la zona de lectura mecánica no es válida
reason-mrz-contradicts-record = la zona de lectura mecánica no coincide con { $field ->
        [number] el número del documento
        [issuing_state] el país emisor
        [birth_date] la fecha de nacimiento
        [nationality] la nacionalidad
       *[expiry_date] la fecha de caducidad
    } registrado
reason-name-differs = el nombre difiere del declarado
reason-name-phonetic = el nombre está escrito de otra forma (probablemente otra transcripción del mismo nombre)
reason-name-swapped = los apellidos y el nombre parecen invertidos respecto al nombre declarado
reason-birth-date-differs = la fecha de nacimiento difiere de la declarada
reason-nationality-differs = la nacionalidad difiere de la declarada
reason-issued-after-expiry = la fecha de expedición es posterior a la de caducidad
reason-expired = ha caducado
reason-expires-too-soon = debe ser válido al menos { $months } meses después de la fecha del viaje
reason-validity-unknown = no se conoce la fecha del viaje o la de caducidad
reason-too-old = debe haberse expedido en los últimos { $months } meses
reason-issue-date-unknown = no se conoce la fecha de expedición
reason-translation-missing = falta una traducción jurada al { $language }
reason-legalisation-missing = falta la legalización o la apostilla
reason-number-used-by-another-person = el mismo número de documento consta para otra persona
reason-may-be-required = puede ser exigido, según hechos aún desconocidos
