# Interfaz de Corridor, español.

skip-to-content = Saltar al contenido
demo-banner = Instancia de demostración: solo datos de ejemplo, y los administradores pueden iniciar sesión sin un segundo factor. No introduzca datos personales reales.
nav-label = Menú principal
language-label = Idioma
# This language, as its speakers name it, and its writing direction (ltr or rtl).
language-native-name = Español
language-direction = ltr
sign-out = Cerrar sesión
back-home = Volver a la página de inicio
back-previous = Volver a la página anterior
save = Guardar
continue = Continuar
filter = Filtrar
older = Entradas anteriores
form-has-errors = Por favor, corrija lo siguiente:

# Roles y tipos de oficina
admin = Administrador
supervisor = Supervisor
caseworker = Gestor de casos
facilitator = Facilitador de orientación
knowledge_editor = Editor de la base de conocimientos
analyst = Analista
migrant = Migrante
field_office = Oficina sobre el terreno
consulate = Consulado
headquarters = Sede central

# Inicio de sesión
sign-in-title = Iniciar sesión
sign-in = Iniciar sesión
sign-in-failed = El nombre de usuario o la contraseña no son correctos. Revíselos e inténtelo de nuevo.
field-username = Nombre de usuario
field-password = Contraseña
demo-logins = Cuentas de demostración
demo-password = Todas las cuentas de demostración usan la contraseña { $password }.
second-factor-title = Segundo paso del inicio de sesión
second-factor-help = Introduzca el código de seis dígitos de su aplicación de autenticación o uno de sus códigos de recuperación.
field-code = Código

# Navegación y página de inicio
nav-home = Inicio
nav-home-help = Su página de inicio.
nav-users = Usuarios
nav-users-help = El personal, con sus roles, oficinas y estado de acceso.
nav-offices = Oficinas
nav-offices-help = Oficinas sobre el terreno, consulados y sede central.
nav-audit = Registro de auditoría
nav-audit-help = Cada cambio y cada acceso a registros sensibles, en una cadena que deja ver cualquier manipulación.
nav-account = Mi cuenta
nav-account-help = Idioma, contraseña, segundo factor y tokens de API.
home-title = Inicio
home-welcome = Le damos la bienvenida, { $name }
home-roles = Sus roles:
home-offices = Sus oficinas:
home-what-you-can-do = Lo que puede hacer aquí

# Usuarios
users-title = Usuarios
users-new = Nuevo usuario
users-count = { $count ->
    [one] Un usuario
   *[other] { $count } usuarios
}
field-display-name = Nombre completo
field-initial-password = Contraseña inicial
field-new-password = Nueva contraseña
field-current-password = Contraseña actual
field-locale = Idioma
field-roles = Roles
field-offices = Oficinas
field-status = Estado
field-second-factor = Segundo factor
status-active = Activo
status-disabled = Desactivado
status-enabled = Activado
status-not-enabled = No activado
status-revoked = Revocado
user-disable = Desactivar esta cuenta
user-enable = Activar esta cuenta
user-reset-password = Establecer una nueva contraseña
notice-saved = Guardado.
notice-password-reset = Se cambió la contraseña y se cerraron las sesiones de la persona.
notice-password-changed = Se cambió su contraseña. Se cerraron sus otras sesiones.
notice-second-factor-enabled = A partir de ahora, se le pedirá el segundo factor al iniciar sesión.

# Oficinas
offices-title = Oficinas
offices-new = Nueva oficina
offices-count = { $count ->
    [one] Una oficina
   *[other] { $count } oficinas
}
field-name = Nombre
field-country = País (código ISO, p. ej., JO)
field-kind = Tipo

# Auditoría
audit-title = Registro de auditoría
audit-caption = Las más recientes primero. Cada entrada está encadenada a la anterior.
field-time = Fecha y hora
field-actor = Por
field-action = Acción
field-target = Registro
field-target-type = Tipo de registro
field-details = Detalles

# Cuenta
account-title = Mi cuenta
account-password = Contraseña
account-change-password = Cambiar la contraseña
second-factor-enrol = Configurar el segundo factor
second-factor-required = Los administradores deben configurar un segundo factor antes de poder continuar.
enrol-step-scan = Escanee este código con una aplicación de autenticación (o escriba la clave que aparece debajo).
enrol-step-code = Introduzca el código de seis dígitos que muestra la aplicación.
enrol-manual = Clave:
enrol-intro = Una aplicación de autenticación en su teléfono (por ejemplo FreeOTP o Aegis) mostrará un nuevo código de seis dígitos cada 30 segundos. Lo necesitará, o un código de recuperación, cada vez que inicie sesión.
enrol-start = Comenzar
recovery-codes-help = Guarde estos códigos de recuperación en un lugar seguro. Cada uno sirve una sola vez si pierde su teléfono. No se volverán a mostrar.
tokens-title = Tokens de API
tokens-help = Un token permite que un programa use la API con sus permisos. Se muestra una sola vez, al crearlo.
token-shown-once = Copie este token ahora; no se volverá a mostrar:
token-create = Crear token
token-revoke = Revocar
field-prefix = Empieza por
field-actions = Acciones

# Errores en los campos
error-required = Este campo es obligatorio.
error-required-short-text = Introduzca entre 1 y 200 caracteres.
error-text-too-long = Este texto es demasiado largo.
error-username = Use de 3 a 64 letras minúsculas, dígitos o . _ - @ +
error-username-taken = Este nombre de usuario ya está en uso.
error-password-too-short = Use al menos 10 caracteres.
error-password-too-long = Use como máximo 256 caracteres.
error-password-wrong = La contraseña actual no es correcta.
error-locale = Elija un idioma.
error-roles = Elija al menos un rol válido.
error-offices = El personal que no es administrador necesita al menos una oficina existente.
error-office-code = Use de 2 a 12 letras mayúsculas, dígitos o guiones.
error-office-code-taken = Otra oficina ya usa este código.
error-country-code = Use el código de país ISO 3166 de dos letras.
error-choose-option = Elija una de las opciones.
error-sla-days = Escriba un número entero de días entre 1 y 730.
error-totp-code = Ese código no es correcto. Los códigos cambian cada 30 segundos.

# Problemas (páginas de error y errores de la API)
problem-bad-request-title = No se pudo leer la solicitud
problem-bad-request-detail = Una parte de la solicitud está mal formada.
problem-unauthenticated-title = Inicie sesión
problem-unauthenticated-detail = Debe iniciar sesión para ver esto.
problem-forbidden-title = No permitido
problem-forbidden-detail = Su rol no permite esta acción.
problem-not-found-title = No encontrado
problem-not-found-detail = Aquí no hay nada, o no tiene permiso para verlo.
problem-method-not-allowed-title = No permitido aquí
problem-method-not-allowed-detail = Esta dirección no acepta ese tipo de solicitud.
problem-conflict-title = Modificado mientras tanto
problem-conflict-detail = Otra persona modificó este registro después de que usted lo abriera. Vuelva a cargarlo e inténtelo de nuevo.
problem-payload-too-large-title = Demasiado grande
problem-payload-too-large-detail = Lo que envió supera el tamaño permitido.
problem-unsupported-media-type-title = Formato no admitido
problem-unsupported-media-type-detail = Envíe los datos en el formato que espera esta dirección.
problem-validation-title = Algunos campos requieren atención
problem-validation-detail = Corrija los campos indicados e inténtelo de nuevo.
problem-too-many-attempts-title = Demasiados intentos
problem-too-many-attempts-detail = Demasiados intentos fallidos. Inténtelo de nuevo dentro de { $minutes } minutos.
problem-timeout-title = Tardó demasiado
problem-timeout-detail = El servidor no terminó a tiempo. Inténtelo de nuevo.
problem-internal-title = Algo salió mal
problem-internal-detail = El problema ha quedado registrado. Inténtelo de nuevo más tarde.
problem-second-factor-required-title = Se requiere un segundo factor
problem-second-factor-required-detail = Los administradores deben configurar un segundo factor antes de poder continuar.
conflict-stale-version = Otra persona modificó este registro después de que usted lo abriera. Vuelva a cargarlo e inténtelo de nuevo.
conflict-cannot-disable-self = No puede desactivar su propia cuenta.
conflict-second-factor-already-enabled = El segundo factor ya está configurado.
conflict-second-factor-not-started = Primero empiece a configurar el segundo factor.
field-time-zone = Zona horaria
error-time-zone = Escriba una zona horaria por su nombre IANA, por ejemplo Europe/Istanbul o Asia/Amman.
token-expires = Vence
token-last-used = Último uso
token-never-used = Nunca usado
token-days = Días hasta que venza
status-expired = Vencido
error-token-days = Elija entre 1 y 365 días.
sign-in-pin-locked = Este PIN se introdujo mal demasiadas veces y ahora está bloqueado. Pida un PIN nuevo a su oficina.
conflict-pin-locked = Este PIN está bloqueado. Pida un PIN nuevo a su oficina.
second-factor-ended = Demasiados códigos incorrectos. Por seguridad, vuelva a iniciar sesión con su contraseña.
security-alerts-title = Alertas de seguridad
security-alert-pin-failures = En una hora se introdujeron muchos PIN incorrectos en cuentas de solicitantes. El inicio de sesión con PIN está en pausa hasta { $until }. Puede que alguien esté intentando adivinar PIN.
notice-role-waits = Se creó la cuenta. El rol de administrador espera la aprobación de un segundo administrador, porque esta cuenta también trabaja con expedientes.
role-waits-title = Un rol espera aprobación
role-waits = Se pidió el rol «{ $role }» para esta cuenta, que también trabaja con expedientes. Un segundo administrador debe aprobarlo.
role-approve = Aprobar el rol
role-refuse = Rechazar el rol
role-waits-other-administrator = Debe decidir otro administrador, no quien lo pidió.
conflict-second-administrator-required = Debe decidir un segundo administrador, que no sea quien lo pidió ni la propia cuenta.
problem-refused-title = Esto no se puede hacer ahora
