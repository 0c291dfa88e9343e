# La cola de casos a gran escala: filtros, asignación en bloque y cupos mensuales.

queue-assigned-to = Asignado a
queue-select = Seleccionar
queue-bulk-assign = Asignar los casos seleccionados
queue-assign-to = Gestor de casos
queue-choose-assignee = Elija un gestor de casos
queue-assign-selected = Asignar la selección
quota-title = Cupos mensuales
quota-definition = «Utilizado» significa: casos de esta vía, en todas las oficinas, aprobados desde el primer día de este mes (UTC). La capacidad es el valor que el paquete de reglas fija para este mes.
quota-month = Mes
quota-used = Utilizado
quota-capacity = Capacidad
quota-available = Aún disponible
quota-source = Base legal
error-choose-cases = Seleccione entre 1 y 200 casos.
error-assignee-not-caseworker = Esta persona no es gestora de casos de la oficina de todos los casos seleccionados.
