# Rapport de complétude, résumé en langage clair.

summary-complete = Le dossier est complet : les { $total } documents sont présents et recevables.
summary-review = Rien ne manque, mais un agent doit vérifier { $review } documents sur { $total } avant l'envoi du dossier.
summary-incomplete = Le dossier n'est pas encore complet : { $missing } manquant(s), { $invalid } non recevable(s), { $review } à vérifier (sur { $total } documents).

item-satisfied = { $person } : { $document } — accepté.
item-missing = { $person } : { $document } manque. Exigé par { $citation }.
item-invalid = { $person } : { $document } ne peut pas être accepté : { $reasons }. Exigé par { $citation }.
item-review = { $person } : { $document } doit être vérifié par un agent : { $reasons }. ({ $citation })

reason-separator = {" ; "}
reason-mrz-invalid = la zone de lecture automatique n'est pas valide
reason-mrz-contradicts-record = la zone de lecture automatique ne correspond pas { $field ->
        [number] au numéro du document
        [issuing_state] au pays de délivrance
        [birth_date] à la date de naissance
        [nationality] à la nationalité
       *[expiry_date] à la date d'expiration
    } enregistré(e)
reason-name-differs = le nom diffère du nom déclaré
reason-name-phonetic = le nom est écrit autrement (probablement une autre transcription du même nom)
reason-name-swapped = le nom et les prénoms semblent inversés par rapport au nom déclaré
reason-birth-date-differs = la date de naissance diffère de celle déclarée
reason-nationality-differs = la nationalité diffère de celle déclarée
reason-issued-after-expiry = la date de délivrance est postérieure à la date d'expiration
reason-expired = il a expiré
reason-expires-too-soon = il doit être valable au moins { $months } mois après la date du voyage
reason-validity-unknown = la date du voyage ou la date d'expiration est inconnue
reason-too-old = il doit avoir été délivré au cours des { $months } derniers mois
reason-issue-date-unknown = la date de délivrance est inconnue
reason-translation-missing = une traduction certifiée en { $language } manque
reason-legalisation-missing = la légalisation ou l'apostille manque
reason-number-used-by-another-person = le même numéro de document est enregistré pour une autre personne
reason-may-be-required = il peut être exigé, selon des faits encore inconnus
