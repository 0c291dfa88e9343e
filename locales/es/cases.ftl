# Gestión de casos.

nav-cases = Casos
nav-cases-help = La cola de trabajo de sus oficinas: abrir, seguir y hacer avanzar las solicitudes.
cases-title = Casos
cases-new = Abrir un caso
cases-search = Referencia, apellidos o número de documento
cases-overdue-only = Solo atrasados
cases-mine-only = Asignados a mí
cases-queue-caption = Los más urgentes primero: prioridad confirmada, luego fecha límite, luego los más antiguos.
cases-none = Ningún caso coincide.
cases-overdue = atrasado
cases-matches = Personas ya registradas con este nombre
cases-no-matches = No hay nadie registrado con este nombre. Puede abrir el caso.
cases-principal-applicant = Solicitante principal
cases-check-existing = Buscar registros existentes
cases-open = Abrir el caso
cases-members = Familia y reagrupante
cases-add-member = Añadir una persona
cases-next-steps = Próximos pasos
cases-override = Excepción del supervisor
cases-triage = Vulnerabilidad y prioridad
cases-assessed = Evaluado el
cases-confirm-priority = Confirmar la prioridad sugerida
cases-assess = Registrar una evaluación
cases-needs = Necesidades específicas
cases-timeline = Cronología
timeline-by = por
timeline-by-applicant = por la persona solicitante
case-take = Asignármelo
any = Todos
next-page = Página siguiente

field-reference = Referencia
field-applicant = Solicitante
field-case-status = Estado
field-priority = Prioridad
field-due = Fecha límite
field-office = Oficina
field-pathway = Vía migratoria
field-surname = Apellidos
field-given-names = Nombres
field-birth-date = Fecha de nacimiento (año, año-mes o fecha completa)
field-sex = Sexo
field-nationality = Nacionalidad (código de tres letras, p. ej., SYR)
field-role = Rol en el caso
field-reason = Motivo
field-narrative = Lo que la persona le contó (se guarda cifrado)

error-partial-date = Escriba la fecha con el formato YYYY, YYYY-MM o YYYY-MM-DD.
error-nationality-code = Use el código ICAO o ISO de tres letras, p. ej., SYR o ERI.
error-reason-required = Indique un motivo para este paso.
error-need-code = Elija códigos de la lista.

case-status-intake = Recepción
case-status-counselling = Asesoramiento
case-status-forms = Formularios
case-status-completeness_check = Comprobación de documentación completa
case-status-ready_for_submission = Listo para presentar
case-status-appointment_booked = Cita reservada
case-status-submitted = Presentado
case-status-decided_approved = Aprobado
case-status-decided_refused = Denegado
case-status-travel = Viaje
case-status-closed = Cerrado
case-status-on_hold = En espera
case-status-withdrawn = Retirado

priority-emergency = Emergencia
priority-urgent = Urgente
priority-normal = Normal
priority-suggested = Sugerida
priority-assessed-confirmed = Sugerida y confirmada por un supervisor

member-principal_applicant = Solicitante principal
member-sponsor = Reagrupante
member-spouse = Cónyuge
member-child = Hijo o hija
member-parent = Padre o madre
member-other_member = Otro familiar

sex-F = Femenino
sex-M = Masculino
sex-X = No especificado (X)
sex-U = Desconocido

event-opened = Caso abierto
event-status = Cambio de estado
event-member_added = Persona añadida
event-assessed = Vulnerabilidad evaluada
event-priority_confirmed = Prioridad confirmada
event-assigned = Asignado a un gestor de casos

conflict-move-not-allowed = Este paso no es posible desde el estado actual del caso.
conflict-completeness-required = El expediente debe superar primero la comprobación de documentación completa, o un supervisor debe autorizar una excepción indicando el motivo.
conflict-nothing-to-confirm = No hay ninguna prioridad sugerida que confirmar.
