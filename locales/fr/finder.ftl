## The pathway finder and the facts it works with

finder-error-no-checklist = Cette voie n'a pas encore de liste de documents : aucune demande ne peut être ouverte pour elle.
finder-consent-scope-portal-apply-consent-v1 = Ouverture d'une demande sur le portail (texte de consentement, version 1)
finder-facts-needed = Encore nécessaire pour l'évaluation
finder-facts-needed-none = L'évaluation n'a plus besoin de réponses.
finder-facts-other = Autres questions
finder-facts-section-count = { $count ->
    [one] 1 question
   *[other] { $count } questions
}
finder-children-count-help = Ensuite, vous indiquez la date de naissance de chaque enfant, un enfant par page.

## Noms des langues et des pays, affichés à la place de leurs codes.
finder-country-AFG = Afghanistan
finder-country-ARE = Émirats arabes unis
finder-country-AUS = Australie
finder-country-CAN = Canada
finder-country-COL = Colombie
finder-country-D = Allemagne
finder-country-DEU = Allemagne
finder-country-DZA = Algérie
finder-country-ECU = Équateur
finder-country-EGY = Égypte
finder-country-ERI = Érythrée
finder-country-IRN = Iran
finder-country-IRQ = Irak
finder-country-ISR = Israël
finder-country-JPN = Japon
finder-country-LBY = Libye
finder-country-MAR = Maroc
finder-country-PAK = Pakistan
finder-country-SDN = Soudan
finder-country-SOM = Somalie
finder-country-SYR = Syrie
finder-country-TUN = Tunisie
finder-country-TUR = Turquie
finder-country-UKR = Ukraine
finder-country-UZB = Ouzbékistan
finder-country-VEN = Venezuela
finder-country-YEM = Yémen
