//! Staff and migrant accounts: users, roles, office membership, sign-in, sessions, the second
//! factor and API tokens.

pub mod alerts;
pub mod devices;
pub mod password;
pub mod role_approvals;
pub mod sessions;
mod sign_in;
pub mod throttle;
pub mod tokens;
pub mod totp;

pub use sign_in::{Client, PIN_FAILURES_BEFORE_LOCK, SecretKind, SignIn, sign_in, sign_out};

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::{Db, Tx, expect_one_row};
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, ListScope, Role, Target};
use crate::time::{Millis, new_id, now_millis};

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
    // Administrator with case-file roles: the administrator role waits for a second one.
    let waiting = role_approvals::needs_second_administrator(&valid.roles);
    let roles: Vec<Role> = valid
        .roles
        .iter()
        .copied()
        .filter(|role| !(waiting && *role == Role::Admin))
        .collect();
    insert_in(
        &mut tx,
        &id,
        &valid.username,
        &valid.display_name,
        &password_hash,
        &valid.locale,
        &roles,
        &new_user.offices,
    )
    .await?;
    let role_names: Vec<&str> = roles.iter().map(|role| role.as_str()).collect();
    audit::record(
        &mut tx,
        NewAuditEvent::new(actor.audit_id(), AuditAction::UserCreate, "user", Some(&id))
            .in_office(new_user.offices.first().map(String::as_str))
            .with_details(serde_json::json!({ "roles": role_names, "offices": new_user.offices })),
    )
    .await?;
    if waiting {
        role_approvals::request_in(&mut tx, actor, &id, Role::Admin).await?;
    }
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
        AuditAction::UserDisable
    } else {
        AuditAction::UserEnable
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
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::UserPasswordReset,
            "user",
            Some(id),
        ),
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
            AuditAction::UserPasswordChange,
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
            AuditAction::UserLocale,
            "user",
            Some(&actor.user_id),
        ),
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
