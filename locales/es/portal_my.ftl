## Con sesión iniciada en el portal
portal-account-nav = Su cuenta
portal-sign-in = Iniciar sesión
portal-sign-out = Cerrar sesión
nav-my-application = Mi solicitud
nav-my-application-help = En qué punto está su solicitud, sus documentos y sus mensajes.

## Entrar con la referencia del expediente y un PIN
portal-apply-with-identifier = Con mi correo electrónico o mi número de teléfono y una contraseña
portal-apply-with-reference = No tengo correo ni teléfono: con la referencia de mi expediente y un PIN
portal-apply-pin = PIN
portal-apply-pin-hint = De 6 a 12 cifras. Entrará con la referencia del expediente que verá en la página siguiente y este PIN.
portal-apply-pin-confirm = PIN otra vez
portal-apply-error-pin = Un PIN tiene de 6 a 12 cifras y nada más.
portal-apply-error-pin-guessable = Este PIN es demasiado fácil de adivinar. No use una sola cifra repetida ni cifras seguidas como 123456.
portal-apply-error-pin-confirm = Los dos PIN no coinciden.
portal-started-sign-in-reference = Para entrar más adelante, escriba esta referencia como nombre de usuario y su PIN como contraseña. Anote la referencia ahora.
portal-started-open = Ir a mi solicitud

## Mi solicitud
portal-my-title = Mi solicitud
portal-my-list-title = Mis solicitudes
portal-my-none = Todavía no tiene ninguna solicitud.
portal-my-find = Averigüe qué vías tiene abiertas
portal-my-reference = Referencia del expediente:
portal-my-status-title = En qué punto está su solicitud
portal-my-progress = Pasos hasta ahora
portal-my-checklist-title = Sus documentos
portal-my-checklist-empty = Su gestor todavía no ha indicado los documentos que necesita.
portal-my-files = { $count ->
    [one] 1 archivo enviado
   *[other] { $count } archivos enviados
}
portal-my-if-applicable = solo si le corresponde
portal-my-appointments-title = Citas
portal-my-appointments-none = Todavía no hay citas.
portal-my-messages-title = Mensajes con su gestor
portal-my-messages-none = Todavía no hay mensajes.
portal-my-from-you = Usted
portal-my-from-office = Su gestor
portal-my-new = Nuevo
portal-my-message-label = Escribir un mensaje
portal-my-message-send = Enviar el mensaje
portal-my-notes-title = Notas de su oficina

## Enviar un documento
portal-upload-title = Enviar un documento
portal-upload-item = Qué documento
portal-upload-item-choose = Elija un documento
portal-upload-file = Foto o PDF del documento
portal-upload-file-hint = Una foto con la cámara del teléfono (JPEG o PNG) o un PDF, de hasta { $megabytes } MB. Que se vean las cuatro esquinas y el texto se lea bien.
portal-upload-submit = Enviar el documento
portal-upload-done = Gracias. Su documento ha llegado y su gestor ya puede verlo.
portal-upload-error-closed = Esta solicitud está cerrada y ya no admite documentos.
error-file-required = Elija el archivo que quiere enviar.

## El estado de un documento, en palabras sencillas
portal-item-state-missing = Todavía falta
portal-item-state-provided = Recibido, pendiente de revisión
portal-item-state-verified = Revisado y aceptado
portal-item-state-rejected = No aceptado: envíe uno nuevo, por favor
portal-item-state-waived = No hace falta

## En qué punto está una solicitud, en palabras sencillas, y qué sigue
portal-status-intake = Recibida
portal-status-counselling = Asesoramiento con su gestor
portal-status-forms = Preparando formularios y documentos
portal-status-completeness_check = Revisando los documentos
portal-status-ready_for_submission = Lista para la embajada
portal-status-appointment_booked = Cita en la embajada reservada
portal-status-submitted = En la embajada
portal-status-decided_approved = Aprobada
portal-status-decided_refused = Denegada
portal-status-travel = Preparando el viaje
portal-status-closed = Cerrada
portal-status-on_hold = En pausa
portal-status-withdrawn = Retirada
portal-status-intake-next = La oficina tiene su solicitud. Un gestor se pondrá en contacto con usted para los pasos siguientes.
portal-status-counselling-next = Su gestor está estudiando su situación con usted. Responda aquí a sus mensajes.
portal-status-forms-next = Reúna los documentos de la lista de abajo y envíe aquí una foto de cada uno.
portal-status-completeness_check-next = Su gestor está comprobando que cada documento esté y sea válido. Si falta algo, recibirá un mensaje.
portal-status-ready_for_submission-next = Todo está completo. Su gestor reservará su cita en la embajada.
portal-status-appointment_booked-next = Acuda a su cita con los documentos originales. La fecha está en «Citas».
portal-status-submitted-next = La embajada está decidiendo. Puede tardar varios meses; recibirá un mensaje cuando haya una decisión.
portal-status-decided_approved-next = Su visado ha sido aprobado. Su gestor le ayudará a preparar el viaje.
portal-status-decided_refused-next = Su solicitud fue denegada. Su gestor le explicará por qué y qué puede hacer.
portal-status-travel-next = Prepárese para el viaje; una sesión de orientación puede ayudarle.
portal-status-closed-next = Su solicitud ha terminado. Escriba a su oficina si tiene alguna pregunta.
portal-status-on_hold-next = Su solicitud está en pausa por ahora. Su gestor le dirá cuándo continúa.
portal-status-withdrawn-next = Su solicitud fue retirada. Puede empezar una nueva cuando quiera.
