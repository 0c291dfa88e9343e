## Reports: orientation reach and good practices on the dashboard.
reports-orientation-title = Alcance de la orientación
reports-orientation-definition = Participantes: personas inscritas (ni en lista de espera ni retiradas) en sesiones de orientación que comenzaron en el período, en las oficinas mostradas. Completado: quienes registraron asistencia todos los días de su sesión. Los recuentos menores de 5 se ocultan, y también un segundo recuento cuando el total revelaría uno oculto.
reports-orientation-participants = Participantes
reports-orientation-completed = Completado
reports-orientation-completion = Tasa de finalización
reports-gain-title = Aumento de conocimientos por módulo
reports-gain-definition = Para cada módulo, la proporción de respuestas correctas en el cuestionario anterior a la sesión y en el posterior, entre quienes respondieron ambos, y la diferencia en puntos porcentuales. Se oculta un módulo con menos de 5 de estos participantes.
reports-gain-none = Ningún módulo tiene resultados antes y después en este período.
reports-gain-module = Módulo
reports-gain-participants = Participantes con ambos cuestionarios
reports-gain-pre = Antes
reports-gain-post = Después
reports-gain-points = Aumento (puntos)
reports-practices-title = Buenas prácticas por objetivo y región
reports-practices-definition = Prácticas publicadas hoy en la plataforma de conocimiento, por objetivo del Pacto Mundial para la Migración y por región. Una práctica con varios objetivos o regiones cuenta en cada uno; los filtros de período y oficina no se aplican.
reports-practices-objective = Objetivo
reports-practices-total = Total
