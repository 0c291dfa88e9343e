//! Staff and migrant accounts: users, roles, office membership, sign-in, sessions, the second
//! factor and API tokens.

pub mod alerts;
pub mod devices;
pub mod password;
pub mod sessions;
pub mod throttle;
pub mod tokens;
pub mod totp;

use sqlx::Row;

use crate::App;
use crate::audit::{self, NewAuditEvent};
use crate::db::{Db, Tx, expect_one_row};
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, ListScope, Role, Target};
use crate::time::{Millis, new_id, now_millis};
use sessions::SessionStage;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub locale: String,
    pub roles: Vec<Role>,
    pub offices: Vec<String>,
    pub disabled: bool,
    pub totp_enabled: bool,
    pub created_at: Millis,
    pub version: i64,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id.clone(),
            roles: self.roles.clone(),
            offices: self.offices.clone(),
        }
    }
}

/// A new account as submitted, before validation.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub locale: String,
    pub roles: Vec<String>,
    pub offices: Vec<String>,
}

struct ValidNewUser {
    username: String,
    display_name: String,
    locale: String,
    roles: Vec<Role>,
}

pub(crate) fn valid_username(username: &str) -> bool {
    (3..=64).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-@+".contains(c))
}

/// A BCP 47-looking tag such as `ar` or `fr-CA`; the web layer falls back when it has no such
/// translation.
pub fn valid_locale(locale: &str) -> bool {
    let mut parts = locale.split('-');
    let language_ok = parts.next().is_some_and(|language| {
        (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_lowercase())
    });
    language_ok
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

impl NewUser {
    fn validate(&self) -> Result<ValidNewUser> {
        let mut errors = FieldErrors::default();
        let username = self.username.trim().to_lowercase();
        if !valid_username(&username) {
            errors.add("username", "error-username");
        }
        let display_name = self.display_name.trim().to_owned();
        if display_name.is_empty() || display_name.chars().count() > 200 {
            errors.add("display_name", "error-required-short-text");
        }
        if let Some(key) = password::weakness(&self.password) {
            errors.add("password", key);
        }
        let locale = self.locale.trim().to_owned();
        if !valid_locale(&locale) {
            errors.add("locale", "error-locale");
        }
        let roles: Vec<Role> = self
            .roles
            .iter()
            .filter_map(|role| Role::parse(role))
            .collect();
        if roles.is_empty() || roles.len() != self.roles.len() {
            errors.add("roles", "error-roles");
        }
        if roles
            .iter()
            .any(|role| role.is_staff() && *role != Role::Admin)
            && self.offices.is_empty()
        {
            errors.add("offices", "error-offices");
        }
        errors.into_result()?;
        Ok(ValidNewUser {
            username,
            display_name,
            locale,
            roles,
        })
    }
}

/// A user's roles and offices in one round trip.
async fn roles_and_offices(db: &Db, user_id: &str) -> Result<(Vec<Role>, Vec<String>)> {
    let rows = sqlx::query(
        "SELECT 'role' AS kind, role AS value FROM user_roles WHERE user_id = $1 \
         UNION ALL SELECT 'office' AS kind, office_id AS value FROM user_offices WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    let mut roles = Vec::new();
    let mut offices = Vec::new();
    for row in &rows {
        let kind: String = row.try_get("kind")?;
        let value: String = row.try_get("value")?;
        match kind.as_str() {
            "role" => roles.extend(Role::parse(&value)),
            _ => offices.push(value),
        }
    }
    roles.sort();
    offices.sort();
    Ok((roles, offices))
}

/// A user's columns, for queries that name the users table `u`.
pub(crate) const USER_FIELDS: &str = "u.id, u.username, u.display_name, u.locale, u.disabled_at, u.totp_enabled_at, u.created_at, u.version";

pub(crate) async fn user_from_row(db: &Db, row: &sqlx::any::AnyRow) -> Result<User> {
    let id: String = row.try_get("id")?;
    let (roles, offices) = roles_and_offices(db, &id).await?;
    let disabled_at: Option<Millis> = row.try_get("disabled_at")?;
    let totp_enabled_at: Option<Millis> = row.try_get("totp_enabled_at")?;
    Ok(User {
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        locale: row.try_get("locale")?,
        roles,
        offices,
        disabled: disabled_at.is_some(),
        totp_enabled: totp_enabled_at.is_some(),
        created_at: row.try_get("created_at")?,
        version: row.try_get("version")?,
        id,
    })
}

/// Loads a user without a policy check; for resolving the signed-in user of a request.
pub async fn load(db: &Db, id: &str) -> Result<User> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {USER_FIELDS} FROM users u WHERE u.id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    user_from_row(db, &row).await
}

pub async fn get(db: &Db, actor: &Actor, id: &str) -> Result<User> {
    let user = load(db, id).await?;
    if user.id == actor.user_id {
        return Ok(user);
    }
    policy::authorize(actor, Action::ViewUsers, Target::in_offices(&user.offices))
        .map_err(|_| Error::NotFound)?;
    Ok(user)
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<User>> {
    let rows = match policy::list_scope(actor, Action::ViewUsers)? {
        ListScope::Everything => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {USER_FIELDS} FROM users u ORDER BY u.username"
            )))
            .fetch_all(&db.pool)
            .await?
        }
        ListScope::OfficesOf(user_id) => sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_FIELDS} FROM users u WHERE u.id IN (SELECT m.user_id FROM user_offices m \
                 JOIN user_offices mine ON mine.office_id = m.office_id WHERE mine.user_id = $1) \
                 ORDER BY username"
        )))
        .bind(user_id)
        .fetch_all(&db.pool)
        .await?,
        ListScope::OwnedBy(user_id) => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {USER_FIELDS} FROM users u WHERE u.id = $1"
            )))
            .bind(user_id)
            .fetch_all(&db.pool)
            .await?
        }
    };
    let mut users = Vec::with_capacity(rows.len());
    for row in &rows {
        users.push(user_from_row(db, row).await?);
    }
    Ok(users)
}

pub async fn create(app: &App, actor: &Actor, new_user: &NewUser) -> Result<User> {
    policy::authorize(
        actor,
        Action::ManageUsers,
        Target::in_offices(&new_user.offices),
    )?;
    let valid = new_user.validate()?;
    let password_hash = password::hash(&new_user.password).await?;
    let mut tx = app.db.begin().await?;
    if username_taken_in(&mut tx, &valid.username).await? {
        return Err(Error::invalid("username", "error-username-taken"));
    }
    for office in &new_user.offices {
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offices WHERE id = $1")
            .bind(office)
            .fetch_one(&mut *tx)
            .await?;
        if exists == 0 {
            return Err(Error::invalid("offices", "error-offices"));
        }
    }
    let id = new_id();
    insert_in(
        &mut tx,
        &id,
        &valid.username,
        &valid.display_name,
        &password_hash,
        &valid.locale,
        &valid.roles,
        &new_user.offices,
    )
    .await?;
    let role_names: Vec<&str> = valid.roles.iter().map(|role| role.as_str()).collect();
    audit::record(
        &mut tx,
        NewAuditEvent::new(actor.audit_id(), "user.create", "user", Some(&id))
            .in_office(new_user.offices.first().map(String::as_str))
            .with_details(serde_json::json!({ "roles": role_names, "offices": new_user.offices })),
    )
    .await?;
    tx.commit().await?;
    load(&app.db, &id).await
}

/// Whether an account with this (normalised) user name exists.
pub(crate) async fn username_taken_in(tx: &mut Tx, username: &str) -> Result<bool> {
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(&mut **tx)
        .await?;
    Ok(taken > 0)
}

/// Writes a validated account with its roles and offices inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_in(
    tx: &mut Tx,
    id: &str,
    username: &str,
    display_name: &str,
    password_hash: &str,
    locale: &str,
    roles: &[Role],
    offices: &[String],
) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, username, display_name, password_hash, locale, password_changed_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(id)
    .bind(username)
    .bind(display_name)
    .bind(password_hash)
    .bind(locale)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    for role in roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(id)
            .bind(role.as_str())
            .execute(&mut **tx)
            .await?;
    }
    for office in offices {
        sqlx::query("INSERT INTO user_offices (user_id, office_id) VALUES ($1, $2)")
            .bind(id)
            .bind(office)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Makes an account sign in with its case reference and a PIN, with no wrong PINs counted and
/// no lock (a PIN newly issued by staff unlocks it).
pub(crate) async fn use_pin_in(tx: &mut Tx, user_id: &str) -> Result<()> {
    sqlx::query(
        "UPDATE users SET secret_kind = $1, pin_failures = 0, pin_locked_at = NULL WHERE id = $2",
    )
    .bind(SecretKind::Pin.as_str())
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Disables or re-enables an account; disabling ends its sessions and its API tokens at once
/// (re-enabling brings neither back).
pub async fn set_disabled(
    app: &App,
    actor: &Actor,
    id: &str,
    expected_version: i64,
    disabled: bool,
) -> Result<()> {
    let user = load(&app.db, id).await?;
    policy::authorize(
        actor,
        Action::ManageUsers,
        Target::in_offices(&user.offices),
    )?;
    if disabled && user.id == actor.user_id {
        return Err(Error::Conflict("cannot-disable-self"));
    }
    let mut tx = app.db.begin().await?;
    let disabled_at = disabled.then(now_millis);
    let result = sqlx::query(
        "UPDATE users SET disabled_at = $1, version = version + 1 WHERE id = $2 AND version = $3",
    )
    .bind(disabled_at)
    .bind(id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    if disabled {
        sessions::end_all_for_user(&mut tx, id, None).await?;
        tokens::revoke_all_in(&mut tx, id).await?;
    }
    let action = if disabled {
        "user.disable"
    } else {
        "user.enable"
    };
    audit::record(
        &mut tx,
        NewAuditEvent::new(actor.audit_id(), action, "user", Some(id)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn store_password(tx: &mut Tx, user_id: &str, password: &str) -> Result<()> {
    if let Some(key) = password::weakness(password) {
        return Err(Error::invalid("new_password", key));
    }
    let hash = password::hash(password).await?;
    store_password_hash(tx, user_id, &hash).await
}

/// Replaces an account's password hash inside the caller's transaction. The account's API
/// tokens end with the old password: whoever held it may have made them.
pub(crate) async fn store_password_hash(tx: &mut Tx, user_id: &str, hash: &str) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2, version = version + 1 WHERE id = $3")
        .bind(hash)
        .bind(now_millis())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    tokens::revoke_all_in(tx, user_id).await
}

/// Sets a new password for someone else (an administrator's reset); ends all their sessions.
pub async fn reset_password(app: &App, actor: &Actor, id: &str, new_password: &str) -> Result<()> {
    let user = load(&app.db, id).await?;
    policy::authorize(
        actor,
        Action::ManageUsers,
        Target::in_offices(&user.offices),
    )?;
    let mut tx = app.db.begin().await?;
    store_password(&mut tx, id, new_password).await?;
    sessions::end_all_for_user(&mut tx, id, None).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(actor.audit_id(), "user.password_reset", "user", Some(id)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Changes one's own password after checking the current one; ends every other session.
pub async fn change_own_password(
    app: &App,
    actor: &Actor,
    current_session: Option<&str>,
    current_password: &str,
    new_password: &str,
) -> Result<()> {
    policy::authorize(
        actor,
        Action::ManageOwnAccount,
        Target::owned_by(&actor.user_id),
    )?;
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(&actor.user_id)
        .fetch_one(&app.db.pool)
        .await?;
    if !password::verify(current_password, &stored).await? {
        return Err(Error::invalid("current_password", "error-password-wrong"));
    }
    let mut tx = app.db.begin().await?;
    store_password(&mut tx, &actor.user_id, new_password).await?;
    sessions::end_all_for_user(&mut tx, &actor.user_id, current_session).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            "user.password_change",
            "user",
            Some(&actor.user_id),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_own_locale(app: &App, actor: &Actor, locale: &str) -> Result<()> {
    policy::authorize(
        actor,
        Action::ManageOwnAccount,
        Target::owned_by(&actor.user_id),
    )?;
    if !valid_locale(locale) {
        return Err(Error::invalid("locale", "error-locale"));
    }
    let mut tx = app.db.begin().await?;
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(locale)
        .bind(&actor.user_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            "user.locale",
            "user",
            Some(&actor.user_id),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

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

async fn credentials(app: &App, username: &str) -> Result<Option<Credentials>> {
    let row = sqlx::query(
        "SELECT id, password_hash, disabled_at, totp_enabled_at, locale, secret_kind, pin_locked_at \
         FROM users WHERE username = $1",
    )
    .bind(username.trim().to_lowercase())
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
    if pin_attempt && throttle::exhausted(app, throttle::Counted::PinFailures).await? {
        return Err(Error::TooManyAttempts {
            retry_after_secs: 15 * 60,
        });
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
            "auth.sign_in",
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
        NewAuditEvent::new(None, "auth.sign_in_failed", "user", user_id)
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
                NewAuditEvent::new(None, "auth.pin_locked", "user", Some(&account.user_id)),
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
        NewAuditEvent::new(Some(user_id), "auth.sign_out", "user", Some(user_id)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Finds a user id by name, for the console.
pub async fn find_id_by_username(db: &Db, username: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(username.trim().to_lowercase())
            .fetch_optional(&db.pool)
            .await?,
    )
}
