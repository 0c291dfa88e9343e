cases-open-items = { $count ->
    [one] La dernière vérification de complétude a trouvé 1 document manquant ou non valable :
   *[other] La dernière vérification de complétude a trouvé { $count } documents manquants ou non valables :
}
conflict-completeness-never-checked = La complétude du dossier n'a pas encore été vérifiée : lancez d'abord la vérification depuis la page des documents.
conflict-completeness-stale = Des faits, la liste ou des documents ont changé depuis la dernière vérification de complétude : relancez-la avant de continuer.
case-erased-notice = Les données du demandeur de ce dossier ont été effacées. Le dossier reste pour les statistiques et peut être consulté ; plus aucun travail n'y est fait.
conflict-case-erased = Les données du demandeur de ce dossier ont été effacées : plus aucun travail n'y est fait.
