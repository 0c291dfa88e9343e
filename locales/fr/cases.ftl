# Gestion des dossiers.

nav-cases = Dossiers
nav-cases-help = La file de travail de vos bureaux : ouvrir, suivre et faire avancer les demandes.
cases-title = Dossiers
cases-new = Ouvrir un dossier
cases-search = Référence, nom de famille ou numéro de document
cases-overdue-only = En retard uniquement
cases-mine-only = Attribués à moi
cases-queue-caption = Les plus urgents d'abord : priorité confirmée, puis échéance, puis les plus anciens.
cases-none = Aucun dossier ne correspond.
cases-overdue = en retard
cases-matches = Personnes déjà enregistrées sous ce nom
cases-no-matches = Personne n'est enregistré sous ce nom. Vous pouvez ouvrir le dossier.
cases-principal-applicant = Demandeur principal
cases-check-existing = Rechercher des fiches existantes
cases-open = Ouvrir le dossier
cases-members = Famille et regroupant
cases-add-member = Ajouter une personne
cases-next-steps = Étapes suivantes
cases-override = Dérogation du superviseur
cases-triage = Vulnérabilité et priorité
cases-assessed = Évalué le
cases-confirm-priority = Confirmer la priorité suggérée
cases-assess = Enregistrer une évaluation
cases-needs = Besoins spécifiques
cases-timeline = Chronologie
timeline-by = par
timeline-by-applicant = par la personne qui demande
case-take = Me l’attribuer
any = Tous
next-page = Page suivante

field-reference = Référence
field-applicant = Demandeur
field-case-status = Statut
field-priority = Priorité
field-due = Échéance
field-office = Bureau
field-pathway = Voie de migration
field-surname = Nom de famille
field-given-names = Prénoms
field-birth-date = Date de naissance (année, année-mois ou date complète)
field-sex = Sexe
field-nationality = Nationalité (code à trois lettres, p. ex. SYR)
field-role = Rôle dans le dossier
field-reason = Motif
field-narrative = Ce que la personne vous a dit (conservé chiffré)

error-partial-date = Écrivez la date sous la forme YYYY, YYYY-MM ou YYYY-MM-DD.
error-nationality-code = Utilisez le code ICAO ou ISO à trois lettres, p. ex. SYR ou ERI.
error-reason-required = Veuillez indiquer un motif pour cette étape.
error-need-code = Choisissez des codes dans la liste.

case-status-intake = Accueil
case-status-counselling = Conseil
case-status-forms = Formulaires
case-status-completeness_check = Vérification de complétude
case-status-ready_for_submission = Prêt pour le dépôt
case-status-appointment_booked = Rendez-vous pris
case-status-submitted = Déposé
case-status-decided_approved = Accepté
case-status-decided_refused = Refusé
case-status-travel = Voyage
case-status-closed = Clôturé
case-status-on_hold = En attente
case-status-withdrawn = Retiré

priority-emergency = Extrême urgence
priority-urgent = Urgent
priority-normal = Normal
priority-suggested = Suggérée
priority-assessed-confirmed = Suggérée et confirmée par un superviseur

member-principal_applicant = Demandeur principal
member-sponsor = Regroupant
member-spouse = Conjoint
member-child = Enfant
member-parent = Père ou mère
member-other_member = Autre membre de la famille

sex-F = Féminin
sex-M = Masculin
sex-X = Non précisé (X)
sex-U = Inconnu

event-opened = Dossier ouvert
event-status = Statut modifié
event-member_added = Personne ajoutée
event-assessed = Vulnérabilité évaluée
event-priority_confirmed = Priorité confirmée
event-assigned = Attribué à un gestionnaire de dossiers

conflict-move-not-allowed = Cette étape n'est pas possible à partir du statut actuel du dossier.
conflict-completeness-required = Le dossier doit d'abord passer la vérification de complétude, ou un superviseur doit accorder une dérogation en indiquant un motif.
conflict-nothing-to-confirm = Il n'y a aucune priorité suggérée à confirmer.
