## Reports: orientation reach and good practices on the dashboard.
reports-orientation-title = Portée de l'orientation
reports-orientation-definition = Participants : personnes inscrites (ni en liste d'attente ni retirées) aux sessions d'orientation commencées pendant la période, dans les bureaux affichés. Terminé : celles enregistrées présentes chaque jour de leur session. Les nombres inférieurs à 5 sont masqués, ainsi qu'un second nombre lorsque le total révélerait un nombre masqué.
reports-orientation-participants = Participants
reports-orientation-completed = Terminé
reports-orientation-completion = Taux d'achèvement
reports-gain-title = Gain de connaissances par module
reports-gain-definition = Pour chaque module, la part de bonnes réponses au questionnaire avant la session et à celui d'après, parmi les participants ayant répondu aux deux, et l'écart en points de pourcentage. Un module comptant moins de 5 de ces participants est masqué.
reports-gain-none = Aucun module n'a de résultats avant et après pendant cette période.
reports-gain-module = Module
reports-gain-participants = Participants ayant répondu aux deux questionnaires
reports-gain-pre = Avant
reports-gain-post = Après
reports-gain-points = Gain (points)
reports-practices-title = Bonnes pratiques par objectif et région
reports-practices-definition = Pratiques publiées aujourd'hui sur la plateforme de connaissances, par objectif du Pacte mondial sur les migrations et par région. Une pratique à plusieurs objectifs ou régions compte sous chacun ; les filtres de période et de bureau ne s'appliquent pas.
reports-practices-objective = Objectif
reports-practices-total = Total
