## Connecté au portail
portal-account-nav = Votre compte
portal-sign-in = Se connecter
portal-sign-out = Se déconnecter
nav-my-application = Ma demande
nav-my-application-help = Où en est votre demande, vos documents et vos messages.

## Se connecter avec la référence du dossier et un code PIN
portal-apply-with-identifier = Avec mon adresse e-mail ou mon numéro de téléphone et un mot de passe
portal-apply-with-reference = Je n’ai ni e-mail ni téléphone : avec la référence de mon dossier et un code PIN
portal-apply-pin = Code PIN
portal-apply-pin-hint = De 6 à 12 chiffres. Vous vous connecterez avec la référence du dossier affichée à la page suivante et ce code PIN.
portal-apply-pin-confirm = Code PIN à nouveau
portal-apply-error-pin = Un code PIN compte de 6 à 12 chiffres, et rien d’autre.
portal-apply-error-pin-guessable = Ce code PIN est trop facile à deviner. N’utilisez pas un seul chiffre répété, ni des chiffres qui se suivent comme 123456.
portal-apply-error-pin-confirm = Les deux codes PIN ne sont pas identiques.
portal-started-sign-in-reference = Pour vous connecter plus tard, saisissez cette référence comme nom d’utilisateur et votre code PIN comme mot de passe. Notez la référence dès maintenant.
portal-started-open = Aller à ma demande

## Ma demande
portal-my-title = Ma demande
portal-my-list-title = Mes demandes
portal-my-none = Vous n’avez pas encore de demande.
portal-my-find = Découvrir les voies qui vous sont ouvertes
portal-my-reference = Référence du dossier :
portal-my-status-title = Où en est votre demande
portal-my-progress = Étapes franchies
portal-my-checklist-title = Vos documents
portal-my-checklist-empty = Votre conseiller n’a pas encore établi la liste des documents nécessaires.
portal-my-files = { $count ->
    [one] 1 fichier envoyé
   *[other] { $count } fichiers envoyés
}
portal-my-if-applicable = seulement si cela vous concerne
portal-my-appointments-title = Rendez-vous
portal-my-appointments-none = Pas encore de rendez-vous.
portal-my-messages-title = Messages avec votre conseiller
portal-my-messages-none = Pas encore de message.
portal-my-from-you = Vous
portal-my-from-office = Votre conseiller
portal-my-new = Nouveau
portal-my-message-label = Écrire un message
portal-my-message-send = Envoyer le message
portal-my-notes-title = Notes de votre bureau

## Envoyer un document
portal-upload-title = Envoyer un document
portal-upload-item = Quel document
portal-upload-item-choose = Choisissez un document
portal-upload-file = Photo ou PDF du document
portal-upload-file-hint = Une photo prise avec votre téléphone (JPEG ou PNG) ou un PDF, jusqu’à { $megabytes } Mo. Les quatre coins doivent être visibles et le texte net.
portal-upload-submit = Envoyer le document
portal-upload-done = Merci. Votre document est bien arrivé, et votre conseiller peut le voir dès maintenant.
portal-upload-error-closed = Cette demande est close : elle n’accepte plus de documents.
error-file-required = Choisissez le fichier à envoyer.

## L’état d’un document, en mots simples
portal-item-state-missing = Encore nécessaire
portal-item-state-provided = Reçu, à vérifier
portal-item-state-verified = Vérifié et accepté
portal-item-state-rejected = Refusé : veuillez en envoyer un nouveau
portal-item-state-waived = Pas nécessaire

## Où en est une demande, en mots simples, et la suite
portal-status-intake = Reçue
portal-status-counselling = Conseil avec votre conseiller
portal-status-forms = Préparation des formulaires et documents
portal-status-completeness_check = Documents en cours de vérification
portal-status-ready_for_submission = Prête pour l’ambassade
portal-status-appointment_booked = Rendez-vous à l’ambassade fixé
portal-status-submitted = À l’ambassade
portal-status-decided_approved = Acceptée
portal-status-decided_refused = Refusée
portal-status-travel = Préparation du voyage
portal-status-closed = Close
portal-status-on_hold = En pause
portal-status-withdrawn = Retirée
portal-status-intake-next = Le bureau a reçu votre demande. Un conseiller vous contactera pour la suite.
portal-status-counselling-next = Votre conseiller examine votre situation avec vous. Répondez à ses messages ici.
portal-status-forms-next = Rassemblez les documents de la liste ci-dessous et envoyez ici une photo de chacun.
portal-status-completeness_check-next = Votre conseiller vérifie que chaque document est présent et valable. S’il manque quelque chose, vous recevrez un message.
portal-status-ready_for_submission-next = Tout est complet. Votre conseiller va prendre votre rendez-vous à l’ambassade.
portal-status-appointment_booked-next = Rendez-vous à votre rendez-vous avec les documents originaux. La date figure sous « Rendez-vous ».
portal-status-submitted-next = L’ambassade décide. Cela peut prendre plusieurs mois ; vous recevrez un message quand une décision sera prise.
portal-status-decided_approved-next = Votre visa a été accordé. Votre conseiller vous aidera à préparer le voyage.
portal-status-decided_refused-next = Votre demande a été refusée. Votre conseiller vous expliquera pourquoi et ce que vous pouvez faire.
portal-status-travel-next = Préparez votre voyage ; une séance d’orientation peut vous y aider.
portal-status-closed-next = Votre demande est terminée. Écrivez à votre bureau si vous avez une question.
portal-status-on_hold-next = Votre demande est en pause pour le moment. Votre conseiller vous dira quand elle reprend.
portal-status-withdrawn-next = Votre demande a été retirée. Vous pouvez en commencer une nouvelle à tout moment.
