# Interface de Corridor, français.

skip-to-content = Aller au contenu
demo-banner = Instance de démonstration : données d'exemple uniquement, et les administrateurs peuvent se connecter sans second facteur. N'entrez aucune donnée personnelle réelle.
nav-label = Menu principal
language-label = Langue
# This language, as its speakers name it, and its writing direction (ltr or rtl).
language-native-name = Français
language-direction = ltr
sign-out = Se déconnecter
back-home = Retour à la page d'accueil
back-previous = Retour à la page précédente
save = Enregistrer
continue = Continuer
filter = Filtrer
older = Entrées plus anciennes
form-has-errors = Veuillez corriger les points suivants :

# Rôles et types de bureaux
admin = Administrateur
supervisor = Superviseur
caseworker = Gestionnaire de dossiers
facilitator = Animateur d'orientation
knowledge_editor = Rédacteur de la base de connaissances
analyst = Analyste
migrant = Migrant
field_office = Bureau de terrain
consulate = Consulat
headquarters = Siège

# Connexion
sign-in-title = Connexion
sign-in = Se connecter
sign-in-failed = Le nom d'utilisateur ou le mot de passe est incorrect. Vérifiez-les et réessayez.
field-username = Nom d'utilisateur
field-password = Mot de passe
demo-logins = Comptes de démonstration
demo-password = Tous les comptes de démonstration utilisent le mot de passe { $password }.
second-factor-title = Deuxième étape de la connexion
second-factor-help = Saisissez le code à six chiffres de votre application d'authentification, ou l'un de vos codes de récupération.
field-code = Code

# Navigation et page d'accueil
nav-home = Accueil
nav-home-help = Votre page d'accueil.
nav-users = Utilisateurs
nav-users-help = Le personnel, avec ses rôles, ses bureaux et son état de connexion.
nav-offices = Bureaux
nav-offices-help = Bureaux de terrain, consulats et siège.
nav-audit = Journal d'audit
nav-audit-help = Chaque modification et chaque accès aux fiches sensibles, dans une chaîne qui rend toute falsification visible.
nav-account = Mon compte
nav-account-help = Langue, mot de passe, second facteur et jetons API.
home-title = Accueil
home-welcome = Bienvenue, { $name }
home-roles = Vos rôles :
home-offices = Vos bureaux :
home-what-you-can-do = Ce que vous pouvez faire ici

# Utilisateurs
users-title = Utilisateurs
users-new = Nouvel utilisateur
users-count = { $count ->
    [one] { $count } utilisateur
   *[other] { $count } utilisateurs
}
field-display-name = Nom complet
field-initial-password = Mot de passe initial
field-new-password = Nouveau mot de passe
field-current-password = Mot de passe actuel
field-locale = Langue
field-roles = Rôles
field-offices = Bureaux
field-status = Statut
field-second-factor = Second facteur
status-active = Actif
status-disabled = Désactivé
status-enabled = Activé
status-not-enabled = Non activé
status-revoked = Révoqué
user-disable = Désactiver ce compte
user-enable = Activer ce compte
user-reset-password = Définir un nouveau mot de passe
notice-saved = Enregistré.
notice-password-reset = Le mot de passe a été modifié et les sessions de la personne ont été fermées.
notice-password-changed = Votre mot de passe a été modifié. Vos autres sessions ont été fermées.
notice-second-factor-enabled = Le second facteur est désormais exigé lorsque vous vous connectez.

# Bureaux
offices-title = Bureaux
offices-new = Nouveau bureau
offices-count = { $count ->
    [one] { $count } bureau
   *[other] { $count } bureaux
}
field-name = Nom
field-country = Pays (code ISO, p. ex. JO)
field-kind = Type

# Journal d'audit
audit-title = Journal d'audit
audit-caption = Les plus récentes en premier. Chaque entrée est liée à la précédente dans une chaîne.
field-time = Date et heure
field-actor = Par
field-action = Action
field-target = Fiche
field-target-type = Type de fiche
field-details = Détails

# Compte
account-title = Mon compte
account-password = Mot de passe
account-change-password = Changer le mot de passe
second-factor-enrol = Configurer le second facteur
second-factor-required = Les administrateurs doivent configurer un second facteur avant de pouvoir continuer.
enrol-step-scan = Scannez ce code avec une application d'authentification (ou saisissez la clé affichée en dessous).
enrol-step-code = Saisissez le code à six chiffres affiché par l'application.
enrol-manual = Clé :
enrol-intro = Une application d’authentification sur votre téléphone (par exemple FreeOTP ou Aegis) affichera un nouveau code à six chiffres toutes les 30 secondes. Il vous faudra ce code, ou un code de récupération, à chaque connexion.
enrol-start = Commencer
recovery-codes-help = Conservez ces codes de récupération en lieu sûr. Chacun ne fonctionne qu'une seule fois, si vous perdez votre téléphone. Ils ne seront plus affichés.
tokens-title = Jetons API
tokens-help = Un jeton permet à un programme d'utiliser l'API avec vos droits. Il n'est affiché qu'une seule fois, lors de sa création.
token-shown-once = Copiez ce jeton maintenant ; il ne sera plus affiché :
token-create = Créer un jeton
token-revoke = Révoquer
field-prefix = Commence par
field-actions = Actions

# Erreurs dans les champs
error-required = Ce champ est obligatoire.
error-required-short-text = Saisissez entre 1 et 200 caractères.
error-text-too-long = Ce texte est trop long.
error-username = Utilisez de 3 à 64 lettres minuscules, chiffres ou . _ - @ +
error-username-taken = Ce nom d'utilisateur est déjà pris.
error-password-too-short = Utilisez au moins 10 caractères.
error-password-too-long = Utilisez au maximum 256 caractères.
error-password-wrong = Le mot de passe actuel est incorrect.
error-locale = Choisissez une langue.
error-roles = Choisissez au moins un rôle valide.
error-offices = Les membres du personnel qui ne sont pas administrateurs doivent avoir au moins un bureau existant.
error-office-code = Utilisez de 2 à 12 lettres majuscules, chiffres ou traits d'union.
error-office-code-taken = Un autre bureau utilise déjà ce code.
error-country-code = Utilisez le code pays ISO 3166 à deux lettres.
error-choose-option = Choisissez l'une des options.
error-sla-days = Saisissez un nombre entier de jours entre 1 et 730.
error-totp-code = Ce code est incorrect. Les codes changent toutes les 30 secondes.

# Problèmes (pages d'erreur et erreurs de l'API)
problem-bad-request-title = La demande n'a pas pu être lue
problem-bad-request-detail = Une partie de la demande est mal formée.
problem-unauthenticated-title = Veuillez vous connecter
problem-unauthenticated-detail = Vous devez vous connecter pour voir ceci.
problem-forbidden-title = Non autorisé
problem-forbidden-detail = Votre rôle ne permet pas cette action.
problem-not-found-title = Introuvable
problem-not-found-detail = Il n'y a rien ici, ou vous n'avez pas le droit de le voir.
problem-method-not-allowed-title = Non autorisé ici
problem-method-not-allowed-detail = Cette adresse n'accepte pas ce type de demande.
problem-conflict-title = Modifié entre-temps
problem-conflict-detail = Quelqu'un d'autre a modifié cette fiche après que vous l'avez ouverte. Rechargez-la et réessayez.
problem-payload-too-large-title = Trop volumineux
problem-payload-too-large-detail = Ce que vous avez envoyé dépasse la taille autorisée.
problem-unsupported-media-type-title = Format non pris en charge
problem-unsupported-media-type-detail = Envoyez les données dans le format attendu par cette adresse.
problem-validation-title = Certains champs sont à vérifier
problem-validation-detail = Corrigez les champs indiqués et réessayez.
problem-too-many-attempts-title = Trop de tentatives
problem-too-many-attempts-detail = Trop de tentatives échouées. Réessayez dans { $minutes } minutes.
problem-timeout-title = Délai dépassé
problem-timeout-detail = Le serveur n'a pas terminé à temps. Veuillez réessayer.
problem-internal-title = Une erreur s'est produite
problem-internal-detail = Le problème a été enregistré. Veuillez réessayer plus tard.
problem-second-factor-required-title = Second facteur requis
problem-second-factor-required-detail = Les administrateurs doivent configurer un second facteur avant de pouvoir continuer.
conflict-stale-version = Quelqu'un d'autre a modifié cette fiche après que vous l'avez ouverte. Rechargez-la et réessayez.
conflict-cannot-disable-self = Vous ne pouvez pas désactiver votre propre compte.
conflict-second-factor-already-enabled = Le second facteur est déjà configuré.
conflict-second-factor-not-started = Commencez d'abord la configuration du second facteur.
field-time-zone = Fuseau horaire
error-time-zone = Saisissez un fuseau horaire par son nom IANA, par exemple Europe/Istanbul ou Asia/Amman.
token-expires = Fin
token-last-used = Dernière utilisation
token-never-used = Jamais utilisé
token-days = Jours avant la fin
status-expired = Terminé
error-token-days = Choisissez entre 1 et 365 jours.
sign-in-pin-locked = Ce code PIN a été mal saisi trop de fois et il est maintenant bloqué. Demandez un nouveau code PIN à votre bureau.
conflict-pin-locked = Ce code PIN est bloqué. Demandez un nouveau code PIN à votre bureau.
second-factor-ended = Trop de codes erronés. Par sécurité, reconnectez-vous avec votre mot de passe.
security-alerts-title = Alertes de sécurité
security-alert-pin-failures = De nombreux codes PIN erronés ont été saisis sur les comptes des demandeurs en une heure. La connexion par code PIN est suspendue jusqu’à { $until }. Quelqu’un essaie peut-être de deviner des codes PIN.
notice-role-waits = Le compte a été créé. Le rôle d’administrateur attend l’accord d’un second administrateur, car ce compte travaille aussi sur des dossiers.
role-waits-title = Un rôle attend un accord
role-waits = Le rôle « { $role } » a été demandé pour ce compte, qui travaille aussi sur des dossiers. Un second administrateur doit l’approuver.
role-approve = Approuver le rôle
role-refuse = Refuser le rôle
role-waits-other-administrator = Un autre administrateur que celui qui l’a demandé doit décider.
conflict-second-administrator-required = Un second administrateur, autre que celui qui a fait la demande et autre que le compte lui-même, doit décider.
problem-refused-title = Ce n’est pas possible pour le moment
