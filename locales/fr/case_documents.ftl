# Faits du dossier, éligibilité, listes de pièces, documents et contrôle de complétude.

case-documents-open = Faits, éligibilité et documents
case-documents-title = Faits et documents
case-documents-eligibility = Éligibilité
case-documents-outcome = Résultat
case-documents-as-of = au
case-documents-reasons = Pourquoi
case-documents-missing = Questions qui peuvent encore changer le résultat
case-documents-history = Évaluations précédentes
case-documents-computed = Calculée le
case-documents-pack-hash = Version du jeu de règles
case-documents-no-snapshot = Pas encore d'évaluation. Répondez aux questions ci-dessous et enregistrez.
case-documents-facts = Faits du dossier
case-documents-facts-help = Laissez une question sans réponse si vous ne savez pas. Cochez « vérifié » après avoir vu un document qui prouve la réponse.
case-documents-unknown = Pas encore connu
case-documents-yes = Oui
case-documents-no = Non
case-documents-verified = Vérifié sur un document
case-documents-save-facts = Enregistrer et réévaluer
case-documents-checklist = Documents à fournir
case-documents-no-checklist = La liste apparaît une fois les faits enregistrés.
case-documents-person = Personne
case-documents-person-applicant = Demandeur
case-documents-person-sponsor = Membre de la famille dans le pays de destination
case-documents-person-spouse = Conjoint
case-documents-person-household = Foyer
case-documents-person-child = Enfant { $number }
case-documents-item = Document
case-documents-state = Statut
case-documents-decision = Décision
case-documents-if-applicable = le cas échéant
case-documents-verify = Vérifier
case-documents-reject = Refuser
case-documents-waive = Dispenser
case-documents-documents = Documents reçus
case-documents-no-documents = Aucun document reçu pour l'instant.
case-documents-mrz-entered = zone de lecture automatique saisie
case-documents-download = Télécharger
case-documents-upload = Ajouter un document
case-documents-add = Ajouter le document
case-documents-completeness = Contrôle de complétude
case-documents-run-check = Lancer le contrôle de complétude
case-documents-no-report = Le contrôle de complétude n'a pas encore été lancé.
case-documents-verdict = Résultat
case-documents-findings = Constats
case-documents-citation = Base légale

field-document-item = Pour quelle pièce
field-document-file = Fichier (PDF, JPEG ou PNG)
field-document-file-help = { $megabytes } Mo au plus. Le type est lu dans le fichier lui-même.
field-mrz = Zone de lecture automatique (les deux ou trois lignes en bas de la page du passeport)
field-mrz-help = Tapez chaque ligne sur sa propre ligne, avec tous les signes <.
field-issued-on = Délivré le (AAAA-MM-JJ)
field-expires-on = Expire le (AAAA-MM-JJ)
field-translated-into = Traduction certifiée en (codes de langue, p. ex. de)
field-legalised = Légalisé ou apostillé
field-travel-date = Date de voyage prévue (AAAA-MM-JJ)

outcome-eligible = Éligible
outcome-likely = Probablement éligible
outcome-discretionary = À l'appréciation de l'autorité
outcome-not_eligible = Non éligible
outcome-undetermined = Pas encore déterminé

rule-status-held = Remplie
rule-status-failed = Non remplie
rule-status-waived = Écartée
rule-status-not_applicable = Ne s'applique pas
rule-status-unknown = Pas encore connue
rule-status-fired = L'exception s'applique
rule-status-not_in_force = Pas en vigueur

item-state-missing = Manquant
item-state-provided = Fourni
item-state-verified = Vérifié
item-state-rejected = Refusé
item-state-waived = Dispensé

verdict-complete = Complet
verdict-needs_review = À examiner
verdict-incomplete = Incomplet

report-status-satisfied = En ordre
report-status-missing = Manquant
report-status-invalid = Non recevable
report-status-needs_review = À examiner
report-status-waived = Dispensé

finding-mrz-invalid = La zone de lecture automatique n'est pas valide
finding-mrz-contradicts-record = La zone de lecture automatique contredit les données du document
finding-name-phonetic = Le nom est écrit autrement (sans doute une autre transcription)
finding-name-swapped = Nom et prénoms sont inversés
finding-name-differs = Le nom diffère de la fiche de la personne
finding-birth-date-differs = La date de naissance diffère de la fiche de la personne
finding-nationality-differs = La nationalité diffère de la fiche de la personne
finding-sex-differs = Le sexe diffère de la fiche de la personne
finding-issued-after-expiry = Délivré après sa date d'expiration
finding-expired = Expiré
finding-expires-too-soon = Expire trop tôt après la date de voyage prévue
finding-validity-unknown = La validité ne peut pas être vérifiée (date de voyage ou d'expiration inconnue)
finding-too-old = Délivré il y a trop longtemps
finding-issue-date-unknown = La date de délivrance est inconnue
finding-translation-missing = La traduction certifiée manque
finding-legalisation-missing = La légalisation ou l'apostille manque
finding-number-used-by-another-person = Le numéro du document appartient à une autre personne
finding-may-be-required = Peut être exigé : répondez aux questions ouvertes ou décidez

event-facts_saved = Faits enregistrés et éligibilité réévaluée
event-document_added = Document ajouté
event-item_decided = Décision sur un document
event-completeness_checked = Complétude contrôlée

error-fact-unknown = Cette question n'appartient pas au jeu de règles du dossier.
error-fact-value = Cette réponse ne correspond pas à la question.
error-file-or-mrz = Choisissez un fichier ou tapez la zone de lecture automatique.
error-file-too-large = Le fichier dépasse la taille autorisée.
error-file-type = Seuls les fichiers PDF, JPEG et PNG sont acceptés.
error-date = Écrivez la date sous la forme AAAA-MM-JJ.
error-language-code = Utilisez des codes de langue comme de ou en, séparés par des virgules.
error-mrz-invalid = La zone de lecture automatique n'est pas valide : vérifiez chaque caractère et les chiffres de contrôle.

conflict-nothing-to-verify = Il n'y a aucun document à vérifier pour cette pièce.
conflict-pathway-not-open = Cette voie n'est pas ouverte pour ce dossier : il n'y a pas de liste à contrôler.
case-documents-via-portal = envoyé par la personne via le portail
