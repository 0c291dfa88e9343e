//! Starting an application from the finder's result: the person's own account, the case in
//! `intake` with the finder's answers as declared facts, their consent to the processing and
//! the link between account and applicant, all in one transaction, then a session.
//!
//! Nothing is stored before the person submits this form; a failure in any step leaves nothing
//! behind. The new account acts on itself ([`Action::StartOwnApplication`]), so the audit trail
//! names the person, not a staff member or the console.

use super::finder::{self, FinderState};
use crate::App;
use crate::accounts::throttle::{self, Counted};
use crate::accounts::{self, password, sessions};
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::cases::facts::{self, FactEntry, StoredFacts};
use crate::cases::people::PersonForm;
use crate::cases::{self, NewCaseForm, notes};
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, Role, Target};
use crate::privacy::consent::{self, Basis, Purpose};
use crate::time::new_id;

/// The consent text the person agreed to; recorded as the consent's scope so that a later
/// change of wording can tell who agreed to which.
pub const CONSENT_VERSION: &str = "portal-apply-consent-v1";

/// How the person will sign in later.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SignInWith {
    /// An e-mail address or phone number and a password.
    #[default]
    Identifier,
    /// For people with neither: the case reference, given on the next page, and a PIN.
    ReferenceAndPin,
}

impl SignInWith {
    pub fn as_str(self) -> &'static str {
        match self {
            SignInWith::Identifier => "identifier",
            SignInWith::ReferenceAndPin => "reference",
        }
    }

    pub fn parse(text: &str) -> SignInWith {
        if text == SignInWith::ReferenceAndPin.as_str() {
            SignInWith::ReferenceAndPin
        } else {
            SignInWith::Identifier
        }
    }
}

/// The sign-up and application form as submitted.
#[derive(Debug, Clone, Default)]
pub struct ApplicationForm {
    pub sign_in_with: SignInWith,
    /// An e-mail address or a phone number in international form.
    pub identifier: String,
    pub password: String,
    pub password_confirm: String,
    pub pin: String,
    pub pin_confirm: String,
    pub surname: String,
    pub given_names: String,
    pub office_id: String,
    /// `pack/pathway` as the finder's result names it, e.g. `de.family.spouse`.
    pub pathway_id: String,
    pub consent: bool,
    pub locale: String,
}

/// What a started application gives back: the reference to show and the session to set.
#[derive(Debug, Clone)]
pub struct Started {
    pub user_id: String,
    pub case_id: String,
    pub case_reference: String,
    /// The user name to sign in with: the identifier, or the case reference in lower case.
    pub username: String,
    /// A session for a person who signs in with the case reference and PIN (the reference is
    /// new to them, so they are signed in at once). Someone who gave an e-mail address or phone
    /// number signs in next, so that the answer is the same whether or not it had an account.
    pub session_token: Option<String>,
}

/// The shortest and longest PIN accepted.
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 6..=12;

/// Why a PIN is refused: not 6 to 12 digits, one digit repeated, or a run such as `123456`.
/// Sign-in throttling per account makes guessing a good PIN impractical; these are the PINs
/// guessed first.
pub fn pin_weakness(pin: &str) -> Option<&'static str> {
    let digits: Option<Vec<i32>> = password::ascii_digits(pin)
        .chars()
        .map(|c| c.to_digit(10).and_then(|digit| i32::try_from(digit).ok()))
        .collect();
    let Some(digits) = digits.filter(|digits| PIN_DIGITS.contains(&digits.len())) else {
        return Some("portal-apply-error-pin");
    };
    // Steps between neighbours, modulo 10 so that 8-9-0-1 counts as a run too.
    let steps: Vec<i32> = digits
        .windows(2)
        .map(|pair| (pair[1] - pair[0]).rem_euclid(10))
        .collect();
    let run = [0, 1, 9]
        .iter()
        .any(|step| steps.iter().all(|each| each == step));
    run.then_some("portal-apply-error-pin-guessable")
}

/// The identifier as a user name: an e-mail address in lower case, or a phone number as `+`
/// and 7 to 15 digits (spaces, dots, dashes and brackets dropped; Arabic-script digits read as
/// the same digits).
pub fn normalise_identifier(identifier: &str) -> Option<String> {
    let trimmed = identifier.trim();
    if trimmed.contains('@') {
        let email = trimmed.to_lowercase();
        let (local, domain) = email.split_once('@')?;
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && accounts::valid_username(&email);
        return ok.then_some(email);
    }
    let digits: String = password::ascii_digits(trimmed)
        .chars()
        .filter(|c| !" .-()".contains(*c))
        .collect();
    let number = digits.strip_prefix('+')?;
    let ok = (7..=15).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit());
    ok.then_some(digits)
}

/// The finder's answers as declared facts: only those that name a known fact and fit it (an
/// answer the finder skipped must not block the application), "I don't know" stays unknown,
/// and the finder's own child count is not a fact of the case (children are added to the case
/// file by staff).
fn declared_facts(app: &App, state: &FinderState) -> Vec<FactEntry> {
    let Some(pack) = app.packs.get(&state.pack_id) else {
        return Vec::new();
    };
    finder::fitting_answers(pack, state)
        .into_keys()
        .filter(|name| {
            facts::parse_dotted(name).is_some_and(|(role, _, _)| role != rules::Role::Children)
        })
        .filter_map(|name| {
            let value = state.answer_to(&name)?.to_owned();
            Some(FactEntry {
                name,
                value,
                verified: false,
            })
        })
        .collect()
}

/// Checks the form; returns the user name, or `None` when the person signs in with the case
/// reference (known once the case exists).
async fn validate(
    app: &App,
    state: &FinderState,
    form: &ApplicationForm,
) -> Result<Option<String>> {
    let mut errors = FieldErrors::default();
    let username = match form.sign_in_with {
        SignInWith::Identifier => {
            let username = normalise_identifier(&form.identifier);
            if username.is_none() {
                errors.add("identifier", "portal-apply-error-identifier");
            }
            if let Some(key) = password::weakness(&form.password) {
                errors.add("password", key);
            } else if password::ascii_digits(&form.password)
                != password::ascii_digits(&form.password_confirm)
            {
                errors.add("password_confirm", "portal-apply-error-confirm");
            }
            username
        }
        SignInWith::ReferenceAndPin => {
            if let Some(key) = pin_weakness(&form.pin) {
                errors.add("pin", key);
            } else if password::ascii_digits(&form.pin) != password::ascii_digits(&form.pin_confirm)
            {
                errors.add("pin_confirm", "portal-apply-error-pin-confirm");
            }
            None
        }
    };
    if !form.consent {
        errors.add("consent", "portal-apply-error-consent");
    }
    // Whether the pathway exists is the case's own check (`cases::validate_new`).
    if !form
        .pathway_id
        .starts_with(&format!("{}.{}.", state.pack_id, state.purpose))
    {
        errors.add("pathway", "portal-error-purpose");
    } else if !app
        .packs
        .get(&state.pack_id)
        .is_some_and(|pack| pack.has_checklist(&form.pathway_id))
    {
        // Without a document checklist nobody could tell the person what to bring.
        errors.add("pathway", "finder-error-no-checklist");
    }
    // People apply at field offices and consulates; the form lists only those, and a hand-made
    // request naming headquarters is refused the same way.
    let open = crate::offices::open_to_applicants(&app.db).await?;
    if !open.iter().any(|office| office.id == form.office_id.trim()) {
        errors.add("office_id", "error-choose-option");
    }
    errors.into_result()?;
    Ok(username)
}

impl ApplicationForm {
    /// The secret the person chose: the password, or the PIN.
    fn secret(&self) -> &str {
        match self.sign_in_with {
            SignInWith::Identifier => &self.password,
            SignInWith::ReferenceAndPin => &self.pin,
        }
    }

    /// The identifier attempts count against (besides the client address), if any. Sign-up
    /// attempts count apart from sign-in, so they never pause an account's sign-in.
    fn attempt_key(&self) -> Option<String> {
        match self.sign_in_with {
            SignInWith::Identifier => Some(
                normalise_identifier(&self.identifier)
                    .unwrap_or_else(|| self.identifier.trim().to_lowercase()),
            ),
            SignInWith::ReferenceAndPin => None,
        }
    }
}

/// Creates the account, the case, the declared facts, the consent and the link in one
/// transaction; a person who chose the case reference and a PIN is signed in. Every attempt
/// counts in the sign-up throttle (per identifier and per client address), so identifiers
/// cannot be probed in bulk. A taken identifier is [`Error::Conflict`] `identifier-taken` with
/// nothing written; the portal answers it exactly as it answers a new account (sign in next),
/// so the page never tells whether an e-mail address or phone number has an account.
pub async fn start(
    app: &App,
    state: &FinderState,
    form: &ApplicationForm,
    address: &str,
) -> Result<Started> {
    let attempt_key = form.attempt_key();
    throttle::count(app, Counted::SignUpAddress(address)).await?;
    if let Some(key) = &attempt_key {
        throttle::count(app, Counted::SignUp(key)).await?;
    }

    let account = validate(app, state, form).await;
    let case = cases::validate_new(
        app,
        &NewCaseForm {
            office_id: form.office_id.clone(),
            pathway: format!("{}/{}", state.pack_id, form.pathway_id),
            applicant: PersonForm {
                surname: form.surname.clone(),
                given_names: form.given_names.clone(),
                ..PersonForm::default()
            },
        },
    )
    .await;
    // Every refused field at once, the account's and the case's alike.
    let (username, valid_case) = match (account, case) {
        (Ok(username), Ok(valid_case)) => (username, valid_case),
        (Err(Error::Invalid(mut errors)), Err(Error::Invalid(more))) => {
            // One message per field: the portal's own when both checks refuse it.
            for error in more.0 {
                if errors.for_field(&error.field).is_none() {
                    errors.0.push(error);
                }
            }
            return Err(Error::Invalid(errors));
        }
        (Err(error), _) | (_, Err(error)) => return Err(error),
    };
    let locale = if accounts::valid_locale(&form.locale) {
        form.locale.clone()
    } else {
        "en".to_owned()
    };
    // Hashed before the identifier is looked up, so that a taken one answers no faster.
    let password_hash = password::hash(form.secret()).await?;
    let user_id = new_id();
    let actor = Actor {
        user_id: user_id.clone(),
        roles: vec![Role::Migrant],
        offices: Vec::new(),
    };
    policy::authorize(
        &actor,
        Action::StartOwnApplication,
        Target::owned_by(&user_id),
    )?;

    let mut tx = app.db.begin().await?;
    let (case, person_id) = cases::create_in(app, &mut tx, &actor, valid_case).await?;
    let username = username.unwrap_or_else(|| case.reference.to_lowercase());
    if accounts::username_taken_in(&mut tx, &username).await? {
        return Err(Error::Conflict("identifier-taken"));
    }
    accounts::insert_in(
        &mut tx,
        &user_id,
        &username,
        // The name stays sealed in the person record; the account shows the case reference.
        &case.reference,
        &password_hash,
        &locale,
        &[Role::Migrant],
        &[],
    )
    .await?;
    if form.sign_in_with == SignInWith::ReferenceAndPin {
        accounts::use_pin_in(&mut tx, &user_id).await?;
    }
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::UserSignUp,
            "user",
            Some(&user_id),
        ),
    )
    .await?;
    facts::save_in(
        app,
        &mut tx,
        &actor,
        &case,
        StoredFacts::none(),
        &declared_facts(app, state),
        facts::Typing::Exact,
    )
    .await?;
    consent::record_in(
        app,
        &mut tx,
        &actor,
        &case,
        &person_id,
        Purpose::CaseProcessing,
        Basis::Consent,
        Some(CONSENT_VERSION),
    )
    .await?;
    notes::link_account_in(&mut tx, &actor, &case, &person_id, &user_id).await?;
    let session_token = match form.sign_in_with {
        SignInWith::ReferenceAndPin => {
            Some(sessions::start(app, &mut tx, &user_id, sessions::SessionStage::SignedIn).await?)
        }
        SignInWith::Identifier => None,
    };
    tx.commit().await?;
    throttle::refund(app, Counted::SignUpAddress(address)).await?;
    if let Some(key) = &attempt_key {
        throttle::forget(app, Counted::SignUp(key)).await?;
    }
    Ok(Started {
        user_id,
        case_id: case.id,
        case_reference: case.reference,
        username,
        session_token,
    })
}

#[cfg(test)]
mod tests {
    use super::pin_weakness;

    #[test]
    fn a_pin_is_six_to_twelve_digits_and_not_a_run() {
        for good in ["482913", "902817364512", "112358"] {
            assert_eq!(pin_weakness(good), None, "{good}");
        }
        // Typed on an Arabic or Persian keyboard, digits count as the same digits.
        assert_eq!(pin_weakness("٤٨٢٩١٣"), None);
        assert_eq!(
            pin_weakness("۱۲۳۴۵۶"),
            Some("portal-apply-error-pin-guessable")
        );
        for short_or_long_or_not_digits in ["48291", "4829134829134", "48291a", "٤٨٢٩١", ""] {
            assert_eq!(
                pin_weakness(short_or_long_or_not_digits),
                Some("portal-apply-error-pin"),
                "{short_or_long_or_not_digits}"
            );
        }
        for guessable in ["000000", "123456", "987654", "3456789012", "210987"] {
            assert_eq!(
                pin_weakness(guessable),
                Some("portal-apply-error-pin-guessable"),
                "{guessable}"
            );
        }
    }
}
