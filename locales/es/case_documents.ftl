# Hechos del expediente, elegibilidad, listas de documentos, documentos y control de completitud.

case-documents-open = Hechos, elegibilidad y documentos
case-documents-title = Hechos y documentos
case-documents-eligibility = Elegibilidad
case-documents-outcome = Resultado
case-documents-as-of = a fecha de
case-documents-reasons = Por qué
case-documents-missing = Preguntas que todavía pueden cambiar el resultado
case-documents-history = Evaluaciones anteriores
case-documents-computed = Calculada el
case-documents-pack-hash = Versión del conjunto de reglas
case-documents-no-snapshot = Todavía no hay evaluación. Responda a las preguntas de abajo y guárdelas.
case-documents-facts = Hechos del expediente
case-documents-facts-help = Deje una pregunta sin responder si no lo sabe. Marque «verificado» cuando haya visto un documento que lo pruebe.
case-documents-unknown = Aún no se sabe
case-documents-yes = Sí
case-documents-no = No
case-documents-verified = Verificado con un documento
case-documents-save-facts = Guardar y reevaluar
case-documents-checklist = Documentos que hay que presentar
case-documents-no-checklist = La lista aparece cuando se han guardado los hechos.
case-documents-person = Persona
case-documents-person-applicant = Solicitante
case-documents-person-sponsor = Familiar en el país de destino
case-documents-person-spouse = Cónyuge
case-documents-person-household = Hogar
case-documents-person-child = Hijo o hija { $number }
case-documents-item = Documento
case-documents-state = Estado
case-documents-decision = Decisión
case-documents-if-applicable = si corresponde
case-documents-verify = Verificar
case-documents-reject = Rechazar
case-documents-waive = Dispensar
case-documents-documents = Documentos recibidos
case-documents-no-documents = Aún no se ha recibido ningún documento.
case-documents-mrz-entered = zona de lectura mecánica introducida
case-documents-download = Descargar
case-documents-upload = Añadir un documento
case-documents-add = Añadir el documento
case-documents-completeness = Control de completitud
case-documents-run-check = Ejecutar el control de completitud
case-documents-no-report = El control de completitud aún no se ha ejecutado.
case-documents-verdict = Resultado
case-documents-findings = Observaciones
case-documents-citation = Base legal

field-document-item = Para qué documento
field-document-file = Archivo (PDF, JPEG o PNG)
field-document-file-help = Como máximo { $megabytes } MB. El tipo se lee del propio archivo.
field-mrz = Zona de lectura mecánica (las dos o tres líneas al pie de la página del pasaporte)
field-mrz-help = Escriba cada línea en su propia línea, con todos los signos <.
field-issued-on = Expedido el (AAAA-MM-DD)
field-expires-on = Caduca el (AAAA-MM-DD)
field-translated-into = Traducción jurada al (códigos de idioma, p. ej. de)
field-legalised = Legalizado o apostillado
field-travel-date = Fecha de viaje prevista (AAAA-MM-DD)

outcome-eligible = Elegible
outcome-likely = Probablemente elegible
outcome-discretionary = A criterio de la autoridad
outcome-not_eligible = No elegible
outcome-undetermined = Aún sin determinar

rule-status-held = Se cumple
rule-status-failed = No se cumple
rule-status-waived = Dispensada
rule-status-not_applicable = No se aplica
rule-status-unknown = Aún no se sabe
rule-status-fired = Se aplica la excepción
rule-status-not_in_force = No está en vigor

item-state-missing = Falta
item-state-provided = Presentado
item-state-verified = Verificado
item-state-rejected = Rechazado
item-state-waived = Dispensado

verdict-complete = Completo
verdict-needs_review = Requiere revisión
verdict-incomplete = Incompleto

report-status-satisfied = En regla
report-status-missing = Falta
report-status-invalid = No aceptable
report-status-needs_review = Requiere revisión
report-status-waived = Dispensado

finding-mrz-invalid = La zona de lectura mecánica no es válida
finding-mrz-contradicts-record = La zona de lectura mecánica contradice los datos del documento
finding-name-phonetic = El nombre se escribe de otra forma (probablemente otra transcripción)
finding-name-swapped = Apellidos y nombres están intercambiados
finding-name-differs = El nombre no coincide con la ficha de la persona
finding-birth-date-differs = La fecha de nacimiento no coincide con la ficha de la persona
finding-nationality-differs = La nacionalidad no coincide con la ficha de la persona
finding-sex-differs = El sexo no coincide con la ficha de la persona
finding-issued-after-expiry = Expedido después de su fecha de caducidad
finding-expired = Caducado
finding-expires-too-soon = Caduca demasiado pronto tras la fecha de viaje prevista
finding-validity-unknown = No se puede comprobar la validez (fecha de viaje o de caducidad desconocida)
finding-too-old = Expedido hace demasiado tiempo
finding-issue-date-unknown = Se desconoce la fecha de expedición
finding-translation-missing = Falta la traducción jurada
finding-legalisation-missing = Falta la legalización o la apostilla
finding-number-used-by-another-person = El número del documento pertenece a otra persona
finding-may-be-required = Puede ser necesario: responda a las preguntas abiertas o decida

event-facts_saved = Hechos guardados y elegibilidad reevaluada
event-document_added = Documento añadido
event-item_decided = Decisión sobre un documento
event-completeness_checked = Completitud controlada

error-fact-unknown = Esta pregunta no pertenece al conjunto de reglas del expediente.
error-fact-value = Esta respuesta no corresponde a la pregunta.
error-file-or-mrz = Elija un archivo o escriba la zona de lectura mecánica.
error-file-too-large = El archivo supera el tamaño permitido.
error-file-type = Solo se aceptan archivos PDF, JPEG y PNG.
error-date = Escriba la fecha como AAAA-MM-DD.
error-language-code = Use códigos de idioma como de o en, separados por comas.
error-mrz-invalid = La zona de lectura mecánica no es válida: revise cada carácter y los dígitos de control.

conflict-nothing-to-verify = No hay ningún documento que verificar para este punto.
conflict-pathway-not-open = Esta vía no está abierta para el expediente, así que no hay lista que controlar.
case-documents-via-portal = enviado por la persona solicitante a través del portal
