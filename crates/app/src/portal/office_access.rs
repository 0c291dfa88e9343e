//! Portal access given at the office, for an applicant who has neither e-mail nor phone: an
//! account whose user name is the case reference, with a PIN drawn at random and shown once, to
//! be handed over on paper. Giving access again draws a new PIN (for a forgotten one) and ends
//! the account's sessions. The PIN never reaches the audit trail or a log.

use rand::Rng;

use super::apply::pin_weakness;
use crate::App;
use crate::accounts::throttle::{self, Counted};
use crate::accounts::{self, password, sessions};
use crate::audit::AuditAction;
use crate::cases::{self, notes, referrals};
use crate::error::{Error, Result};
use crate::policy::{Action, Actor, Role};
use crate::time::new_id;

/// What staff hand over: the user name (the case reference) and the PIN.
#[derive(Debug, Clone)]
pub struct IssuedAccess {
    pub case_id: String,
    pub reference: String,
    pub pin: String,
    /// The account existed; only its PIN is new.
    pub renewed: bool,
}

/// A PIN of six digits that [`pin_weakness`] accepts.
fn random_pin() -> String {
    loop {
        let pin = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
        if pin_weakness(&pin).is_none() {
            return pin;
        }
    }
}

/// Gives (or renews) the principal applicant's portal access with the case reference and a
/// new PIN. Refused with a conflict when the applicant already signs in with their own
/// e-mail or phone.
pub async fn issue(app: &App, actor: &Actor, case_id: &str) -> Result<IssuedAccess> {
    let case = cases::load_for(app, actor, case_id, Action::WorkOnCases).await?;
    let pin = random_pin();
    let hash = password::hash(&pin).await?;
    // Read and written in one transaction, so the "already has access?" answer holds.
    let mut tx = app.db.begin().await?;
    let applicant = referrals::principal_applicant(&mut tx, &case.id)
        .await?
        .ok_or(Error::Conflict("portal-access-no-applicant"))?;
    let linked: Option<(String, String)> = sqlx::query_as(
        "SELECT u.id, u.username FROM person_accounts a JOIN users u ON u.id = a.user_id \
         WHERE a.person_id = $1",
    )
    .bind(&applicant)
    .fetch_optional(&mut *tx)
    .await?;
    let username = case.reference.to_lowercase();
    if linked.as_ref().is_some_and(|(_, name)| *name != username) {
        return Err(Error::Conflict("portal-access-own-account"));
    }
    let renewed = match &linked {
        Some((user_id, _)) => {
            accounts::store_password_hash(&mut tx, user_id, &hash).await?;
            accounts::use_pin_in(&mut tx, user_id).await?;
            sessions::end_all_for_user(&mut tx, user_id, None).await?;
            true
        }
        None => {
            if accounts::username_taken_in(&mut tx, &username).await? {
                return Err(Error::Conflict("portal-access-own-account"));
            }
            let user_id = new_id();
            accounts::insert_in(
                &mut tx,
                &user_id,
                &username,
                &case.reference,
                &hash,
                "en",
                &[Role::Migrant],
                &[],
            )
            .await?;
            accounts::use_pin_in(&mut tx, &user_id).await?;
            notes::link_account_in(&mut tx, actor, &case, &applicant, &user_id).await?;
            false
        }
    };
    let action = if renewed {
        AuditAction::CasePortalPinRenewed
    } else {
        AuditAction::CasePortalAccessGiven
    };
    cases::audit_case(&mut tx, actor, &case, action, serde_json::json!({})).await?;
    tx.commit().await?;
    // The new PIN starts with no failed attempts against it.
    throttle::forget(app, Counted::Account(&username)).await?;
    Ok(IssuedAccess {
        case_id: case.id,
        reference: case.reference,
        pin,
        renewed,
    })
}
