## The pathway finder and the facts it works with

finder-error-no-checklist = Esta vía todavía no tiene lista de documentos, así que no se puede iniciar una solicitud para ella.
finder-consent-scope-portal-apply-consent-v1 = Inicio de una solicitud en el portal (texto de consentimiento, versión 1)
finder-facts-needed = Todavía necesario para la evaluación
finder-facts-needed-none = La evaluación no necesita más respuestas.
finder-facts-other = Otras preguntas
finder-facts-section-count = { $count ->
    [one] 1 pregunta
   *[other] { $count } preguntas
}
finder-children-count-help = Después indicará la fecha de nacimiento de cada hijo o hija, uno por página.

## Nombres de idiomas y países, mostrados en lugar de sus códigos.
finder-country-AFG = Afganistán
finder-country-ARE = Emiratos Árabes Unidos
finder-country-AUS = Australia
finder-country-CAN = Canadá
finder-country-COL = Colombia
finder-country-D = Alemania
finder-country-DEU = Alemania
finder-country-DZA = Argelia
finder-country-ECU = Ecuador
finder-country-EGY = Egipto
finder-country-ERI = Eritrea
finder-country-IRN = Irán
finder-country-IRQ = Irak
finder-country-ISR = Israel
finder-country-JPN = Japón
finder-country-LBY = Libia
finder-country-MAR = Marruecos
finder-country-PAK = Pakistán
finder-country-SDN = Sudán
finder-country-SOM = Somalia
finder-country-SYR = Siria
finder-country-TUN = Túnez
finder-country-TUR = Turquía
finder-country-UKR = Ucrania
finder-country-UZB = Uzbekistán
finder-country-VEN = Venezuela
finder-country-YEM = Yemen
