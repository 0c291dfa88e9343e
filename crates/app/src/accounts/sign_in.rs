//! Signing in with a password or a case reference and PIN, and signing out.

use sqlx::Row;

use super::{alerts, devices, password, sessions, throttle};
use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::error::{Error, Result};
use crate::time::now_millis;
use sessions::SessionStage;

/// A successful password check.
#[derive(Debug)]
pub struct SignIn {
    pub user_id: String,
    /// The cookie token of the new session.
    pub token: String,
    /// Whether the session still owes a second factor.
    pub stage: SessionStage,
    /// The person's preferred language, for the first page after sign-in.
    pub locale: String,
    /// The browser's device token, to keep in a long-lived cookie: this browser now counts as
    /// known to the account (see [`throttle`]).
    pub device: String,
}

/// What a sign-in attempt comes with besides the name and secret.
#[derive(Debug, Clone, Copy)]
pub struct Client<'a> {
    pub address: &'a str,
    /// The device token of an earlier sign-in in this browser, if it sent one.
    pub device: Option<&'a str>,
}

impl<'a> Client<'a> {
    /// A client at this address with no device token (a first visit, or a script).
    pub fn at(address: &'a str) -> Client<'a> {
        Client {
            address,
            device: None,
        }
    }
}

/// An account as sign-in reads it.
struct Credentials {
    user_id: String,
    password_hash: String,
    disabled: bool,
    totp_enabled: bool,
    locale: String,
    secret_kind: SecretKind,
    pin_locked: bool,
}

/// How an account signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// A user name (or e-mail address or phone number) and a password.
    Password,
    /// A case reference and a PIN, for applicants with neither e-mail nor phone.
    Pin,
}

impl SecretKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SecretKind::Password => "password",
            SecretKind::Pin => "pin",
        }
    }

    fn parse(text: &str) -> SecretKind {
        if text == "pin" {
            SecretKind::Pin
        } else {
            SecretKind::Password
        }
    }
}

/// Wrong PINs in a row after which a PIN account locks until staff issue a new PIN.
pub const PIN_FAILURES_BEFORE_LOCK: i64 = 5;

/// The name an account is stored under: a phone number typed with spaces or Arabic-script
/// digits, or an e-mail address in capitals, reads as it was normalised at sign-up.
fn stored_name(typed: &str) -> String {
    crate::portal::apply::normalise_identifier(typed).unwrap_or_else(|| typed.trim().to_lowercase())
}

async fn credentials(app: &App, username: &str) -> Result<Option<Credentials>> {
    let row = sqlx::query(
        "SELECT id, password_hash, disabled_at, totp_enabled_at, locale, secret_kind, pin_locked_at \
         FROM users WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(&app.db.pool)
    .await?;
    row.map(|row| {
        Ok(Credentials {
            user_id: row.try_get("id")?,
            password_hash: row.try_get("password_hash")?,
            disabled: row.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
            totp_enabled: row.try_get::<Option<i64>, _>("totp_enabled_at")?.is_some(),
            locale: row.try_get("locale")?,
            secret_kind: SecretKind::parse(&row.try_get::<String, _>("secret_kind")?),
            pin_locked: row.try_get::<Option<i64>, _>("pin_locked_at")?.is_some(),
        })
    })
    .transpose()
}

/// Whether the secret tried is a PIN: the account's kind, or for a name that has no account,
/// the secret's shape (a PIN sprayed over made-up case references counts too).
fn is_pin_attempt(account: Option<&Credentials>, secret: &str) -> bool {
    match account {
        Some(account) => account.secret_kind == SecretKind::Pin,
        None => {
            let digits = password::ascii_digits(secret);
            crate::portal::apply::PIN_DIGITS.contains(&digits.chars().count())
                && digits.chars().all(|c| c.is_ascii_digit())
        }
    }
}

/// Checks a password or PIN and starts a session.
///
/// Every attempt is counted before the secret is checked ([`throttle::count`]): per client
/// address, and per account — or, from a browser that signed in to the account before, per
/// device. PIN accounts lock after [`PIN_FAILURES_BEFORE_LOCK`] wrong PINs; wrong PINs across
/// all accounts pause PIN sign-in past an hourly limit. Every failure is audited without the
/// name that was tried (it may be a mistyped password).
pub async fn sign_in(
    app: &App,
    username: &str,
    password: &str,
    client: Client<'_>,
) -> Result<SignIn> {
    let username = &stored_name(username);
    let account = credentials(app, username).await?;
    let known_device = match (&account, client.device) {
        (Some(account), Some(device)) => devices::is_known(app, &account.user_id, device)
            .await?
            .then(|| (account.user_id.clone(), devices::hash(device))),
        _ => None,
    };
    // A locked PIN is refused before anything is counted or checked: only staff unlock it.
    if account.as_ref().is_some_and(|account| account.pin_locked) {
        return Err(Error::Conflict("pin-locked"));
    }
    let pin_attempt = is_pin_attempt(account.as_ref(), password);
    if pin_attempt {
        throttle::check_spent(app, throttle::Counted::PinFailures).await?;
    }
    match &known_device {
        Some((user_id, device_hash)) => {
            throttle::count(
                app,
                throttle::Counted::KnownDevice {
                    user_id,
                    device_hash,
                },
            )
            .await?
        }
        None => {
            throttle::count(app, throttle::Counted::Address(client.address)).await?;
            throttle::count(app, throttle::Counted::Account(username)).await?;
        }
    }
    let stored_hash = account
        .as_ref()
        .map_or(password::DECOY_HASH, |account| &account.password_hash);
    let password_ok = password::verify(password, stored_hash).await?;
    match account {
        Some(account) if password_ok && !account.disabled => {
            succeed(app, account, username, known_device.is_some(), client).await
        }
        account => fail(app, account.as_ref(), pin_attempt).await,
    }
}

async fn succeed(
    app: &App,
    account: Credentials,
    username: &str,
    from_known_device: bool,
    client: Client<'_>,
) -> Result<SignIn> {
    let mut tx = app.db.begin().await?;
    if account.secret_kind == SecretKind::Pin {
        sqlx::query("UPDATE users SET pin_failures = 0 WHERE id = $1")
            .bind(&account.user_id)
            .execute(&mut *tx)
            .await?;
    }
    let stage = if account.totp_enabled {
        SessionStage::AwaitingSecondFactor
    } else {
        SessionStage::SignedIn
    };
    let token = sessions::start(app, &mut tx, &account.user_id, stage).await?;
    let device = devices::remember(&mut tx, &account.user_id, client.device).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            Some(&account.user_id),
            AuditAction::AuthSignIn,
            "user",
            Some(&account.user_id),
        ),
    )
    .await?;
    tx.commit().await?;
    if from_known_device {
        let device_hash = devices::hash(&device);
        throttle::forget(
            app,
            throttle::Counted::KnownDevice {
                user_id: &account.user_id,
                device_hash: &device_hash,
            },
        )
        .await?;
    } else {
        throttle::forget(app, throttle::Counted::Account(username)).await?;
        throttle::refund(app, throttle::Counted::Address(client.address)).await?;
    }
    Ok(SignIn {
        user_id: account.user_id,
        token,
        stage,
        locale: account.locale,
        device,
    })
}

async fn fail(app: &App, account: Option<&Credentials>, pin_attempt: bool) -> Result<SignIn> {
    let mut tx = app.db.begin().await?;
    let reason = match account {
        None => "unknown_account",
        Some(account) if account.disabled => "disabled",
        Some(_) => "wrong_password",
    };
    let user_id = account.map(|account| account.user_id.as_str());
    audit::record(
        &mut tx,
        NewAuditEvent::new(None, AuditAction::AuthSignInFailed, "user", user_id)
            .with_details(serde_json::json!({ "reason": reason })),
    )
    .await?;
    if let Some(account) = account.filter(|account| account.secret_kind == SecretKind::Pin) {
        let failures: i64 = sqlx::query_scalar(
            "UPDATE users SET pin_failures = pin_failures + 1 WHERE id = $1 RETURNING pin_failures",
        )
        .bind(&account.user_id)
        .fetch_one(&mut *tx)
        .await?;
        if failures >= PIN_FAILURES_BEFORE_LOCK {
            sqlx::query(
                "UPDATE users SET pin_locked_at = $1 WHERE id = $2 AND pin_locked_at IS NULL",
            )
            .bind(now_millis())
            .bind(&account.user_id)
            .execute(&mut *tx)
            .await?;
            audit::record(
                &mut tx,
                NewAuditEvent::new(
                    None,
                    AuditAction::AuthPinLocked,
                    "user",
                    Some(&account.user_id),
                ),
            )
            .await?;
        }
    }
    tx.commit().await?;
    if pin_attempt {
        alerts::count_pin_failure(app).await?;
    }
    Err(Error::Unauthenticated)
}

/// Ends a session.
pub async fn sign_out(app: &App, user_id: &str, token: &str) -> Result<()> {
    sessions::end(app, token).await?;
    let mut tx = app.db.begin().await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            Some(user_id),
            AuditAction::AuthSignOut,
            "user",
            Some(user_id),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
