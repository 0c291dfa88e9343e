//! The TOTP second factor (RFC 6238) with one-time recovery codes.
//!
//! The shared secret is sealed in `users.totp_secret`; recovery codes are stored as blind-index
//! hashes and each works once.

use rand::Rng;
use sqlx::Row;
use totp_rs::{Builder, Totp};
use zeroize::Zeroizing;

use crate::App;
use crate::accounts::password;
use crate::accounts::sessions::{self, Session};
use crate::accounts::throttle::{self, Counted};
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::crypto::FieldContext;
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::policy::{self, Action, Actor, Target};
use crate::time::now_millis;

const ISSUER: &str = "Corridor";
const RECOVERY_CODES: usize = 10;

fn secret_context(user_id: &str) -> FieldContext<'_> {
    FieldContext {
        table: "users",
        column: "totp_secret",
        row_id: user_id,
    }
}

fn totp(secret: &[u8], account: &str) -> Result<Totp> {
    Builder::new()
        .with_secret(secret.to_vec())
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(Error::internal)
}

/// What a person needs to add the account to an authenticator app.
#[derive(Debug, Clone)]
pub struct TotpEnrolment {
    pub secret_base32: String,
    pub otpauth_url: String,
}

/// Starts enrolment: a new secret, stored sealed but not yet in force.
pub async fn begin_enrolment(app: &App, actor: &Actor) -> Result<TotpEnrolment> {
    policy::authorize(
        actor,
        Action::ManageOwnAccount,
        Target::owned_by(&actor.user_id),
    )?;
    let mut secret = Zeroizing::new([0u8; 20]);
    rand::rng().fill(secret.as_mut_slice());
    let username: String = sqlx::query_scalar("SELECT username FROM users WHERE id = $1")
        .bind(&actor.user_id)
        .fetch_one(&app.db.pool)
        .await?;
    let generator = totp(secret.as_slice(), &username)?;
    let sealed = app
        .keyring
        .seal(secret_context(&actor.user_id), secret.as_slice())?;
    let mut tx = app.db.begin().await?;
    let result =
        sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_enabled_at IS NULL")
            .bind(sealed)
            .bind(&actor.user_id)
            .execute(&mut *tx)
            .await?;
    if result.rows_affected() != 1 {
        return Err(Error::Conflict("second-factor-already-enabled"));
    }
    tx.commit().await?;
    Ok(TotpEnrolment {
        secret_base32: generator.secret().to_base32(),
        otpauth_url: generator.to_url().map_err(Error::internal)?,
    })
}

async fn load_secret(app: &App, user_id: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
    let sealed: Option<Vec<u8>> = sqlx::query_scalar("SELECT totp_secret FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&app.db.pool)
        .await?
        .flatten();
    sealed
        .map(|sealed| app.keyring.open(secret_context(user_id), &sealed))
        .transpose()
}

/// The time step a code belongs to, when it is valid now (one step of clock skew either way).
fn matching_step(secret: &[u8], code: &str) -> Result<Option<u64>> {
    let code: String = password::ascii_digits(code)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Ok(totp(secret, "check")?.check_current(&code))
}

/// Accepts a time step for the account unless it (or a later one) was accepted before: the
/// same code never opens twice, even in two sessions at once.
async fn claim_step(tx: &mut Tx, user_id: &str, step: u64) -> Result<bool> {
    let step = i64::try_from(step).map_err(Error::internal)?;
    let claimed = sqlx::query(
        "UPDATE users SET totp_last_step = $1 WHERE id = $2 \
         AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// The current code for a secret; for tests and the demo.
pub fn current_code(secret_base32: &str) -> Result<String> {
    code_at(secret_base32, 0)
}

/// The code `steps` time steps from now (one step is 30 seconds); tests use the next step to
/// sign in again within the step that enrolment used.
pub fn code_at(secret_base32: &str, steps: i64) -> Result<String> {
    let secret = totp_rs::Secret::try_from_base32(secret_base32).map_err(Error::internal)?;
    let generator = totp(secret.as_bytes(), "check")?;
    let now = crate::time::now_millis() / 1000;
    let at = u64::try_from(now + steps * 30).map_err(Error::internal)?;
    Ok(generator.generate(at).to_string())
}

/// Confirms enrolment with a code from the app; returns the recovery codes, shown only now.
pub async fn confirm_enrolment(app: &App, actor: &Actor, code: &str) -> Result<Vec<String>> {
    policy::authorize(
        actor,
        Action::ManageOwnAccount,
        Target::owned_by(&actor.user_id),
    )?;
    let secret = load_secret(app, &actor.user_id)
        .await?
        .ok_or(Error::Conflict("second-factor-not-started"))?;
    throttle::count(app, Counted::SecondFactor(&actor.user_id)).await?;
    let mut tx = app.db.begin().await?;
    let claimed = match matching_step(&secret, code)? {
        Some(step) => claim_step(&mut tx, &actor.user_id, step).await?,
        None => false,
    };
    if !claimed {
        return Err(Error::invalid("code", "error-totp-code"));
    }
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    sqlx::query("UPDATE users SET totp_enabled_at = $1, version = version + 1 WHERE id = $2")
        .bind(now_millis())
        .bind(&actor.user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(&actor.user_id)
        .execute(&mut *tx)
        .await?;
    for code in &codes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(&actor.user_id)
            .bind(app.keyring.blind_index("recovery-code", code))
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::UserTotpEnable,
            "user",
            Some(&actor.user_id),
        ),
    )
    .await?;
    tx.commit().await?;
    throttle::forget(app, Counted::SecondFactor(&actor.user_id)).await?;
    Ok(codes)
}

fn new_recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let mut pick = || char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]);
    let first: String = (0..5).map(|_| pick()).collect();
    let second: String = (0..5).map(|_| pick()).collect();
    format!("{first}-{second}")
}

/// Completes sign-in with a TOTP code or an unused recovery code.
///
/// Each code tried is counted first: on the pending sign-in, whose fifth wrong code ends it
/// ([`Error::Unauthenticated`]: the password step starts again), and on the account, whose
/// count holds across sign-ins and nodes and delays further codes
/// ([`Error::TooManyAttempts`]). A TOTP time step accepted once is never accepted again.
pub async fn verify_second_factor(app: &App, session: &Session, code: &str) -> Result<()> {
    let user_id = &session.user.id;
    let secret = load_secret(app, user_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let tried = sessions::count_second_factor_attempt(app, session).await?;
    if let Err(refused) = throttle::count(app, Counted::SecondFactor(user_id)).await {
        let mut tx = app.db.begin().await?;
        record_limit(&mut tx, user_id, "account").await?;
        tx.commit().await?;
        return Err(refused);
    }
    let mut tx = app.db.begin().await?;
    let accepted = match matching_step(&secret, code)? {
        Some(step) => claim_step(&mut tx, user_id, step).await?,
        None => use_recovery_code(app, &mut tx, user_id, code).await?,
    };
    let action = if accepted {
        AuditAction::AuthSecondFactor
    } else {
        AuditAction::AuthSecondFactorFailed
    };
    audit::record(
        &mut tx,
        NewAuditEvent::new(Some(user_id), action, "user", Some(user_id)),
    )
    .await?;
    if accepted {
        sessions::complete_second_factor(&mut tx, session).await?;
        tx.commit().await?;
        throttle::forget(app, Counted::SecondFactor(user_id)).await?;
        return Ok(());
    }
    if tried >= throttle::SECOND_FACTOR_CODES {
        sessions::end_in(&mut tx, &session.token_hash).await?;
        record_limit(&mut tx, user_id, "sign_in").await?;
        tx.commit().await?;
        return Err(Error::Unauthenticated);
    }
    tx.commit().await?;
    Err(Error::invalid("code", "error-totp-code"))
}

async fn use_recovery_code(app: &App, tx: &mut Tx, user_id: &str, code: &str) -> Result<bool> {
    let used = sqlx::query(
        "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(now_millis())
    .bind(user_id)
    .bind(app.keyring.blind_index("recovery-code", code.trim()))
    .execute(&mut **tx)
    .await?;
    Ok(used.rows_affected() == 1)
}

/// Audits that a second-factor limit was reached: `sign_in` when a pending sign-in ended,
/// `account` when the account's delay refused a code.
async fn record_limit(tx: &mut Tx, user_id: &str, limit: &str) -> Result<()> {
    audit::record(
        tx,
        NewAuditEvent::new(
            Some(user_id),
            AuditAction::AuthSecondFactorLimit,
            "user",
            Some(user_id),
        )
        .with_details(serde_json::json!({ "limit": limit })),
    )
    .await?;
    Ok(())
}

/// Whether the user has a second factor in force.
pub async fn is_enabled(app: &App, user_id: &str) -> Result<bool> {
    let row = sqlx::query("SELECT totp_enabled_at FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&app.db.pool)
        .await?
        .ok_or(Error::NotFound)?;
    let enabled_at: Option<i64> = row.try_get("totp_enabled_at")?;
    Ok(enabled_at.is_some())
}
