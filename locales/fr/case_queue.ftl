# La file des dossiers à grande échelle : filtres, attribution groupée et quotas mensuels.

queue-assigned-to = Attribué à
queue-select = Sélectionner
queue-bulk-assign = Attribuer les dossiers sélectionnés
queue-assign-to = Agent chargé du dossier
queue-choose-assignee = Choisissez un agent
queue-assign-selected = Attribuer la sélection
quota-title = Quotas mensuels
quota-definition = « Utilisé » désigne les dossiers de cette voie, dans tous les bureaux, approuvés depuis le premier jour du mois (UTC). La capacité est la valeur que le paquet de règles fixe pour ce mois.
quota-month = Mois
quota-used = Utilisé
quota-capacity = Capacité
quota-available = Encore disponible
quota-source = Base juridique
error-choose-cases = Sélectionnez entre 1 et 200 dossiers.
error-assignee-not-caseworker = Cette personne n'est pas agent du bureau de chacun des dossiers sélectionnés.
