cases-open-items = { $count ->
    [one] La dernière vérification de complétude a trouvé 1 document manquant ou non valable :
   *[other] La dernière vérification de complétude a trouvé { $count } documents manquants ou non valables :
}
conflict-completeness-never-checked = La complétude du dossier n'a pas encore été vérifiée : lancez d'abord la vérification depuis la page des documents.
conflict-completeness-stale = Des faits, la liste ou des documents ont changé depuis la dernière vérification de complétude : relancez-la avant de continuer.
