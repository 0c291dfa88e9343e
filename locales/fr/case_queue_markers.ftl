queue-open-cases = Dossiers ouverts
queue-all-cases = Tous les dossiers, clos compris
queue-unassigned-only = Non attribués seulement
queue-unassigned-new = { $count ->
    [one] Une nouvelle demande n'est encore attribuée à personne
   *[other] { $count } nouvelles demandes ne sont encore attribuées à personne
}
queue-unread-messages = { $count ->
    [one] 1 message non lu
   *[other] { $count } messages non lus
}
queue-new-uploads = { $count ->
    [one] 1 nouveau fichier
   *[other] { $count } nouveaux fichiers
}
case-applicant-language = Langue du demandeur
