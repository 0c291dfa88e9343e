//! Personal API tokens for integrations: `Authorization: Bearer cor_…`.
//!
//! A token is shown once, when created; the database keeps its BLAKE3 hash and a short prefix
//! that lets its owner recognise it. A token acts with its owner's current rights, no more. It
//! ends at its expiry (90 days unless chosen otherwise at creation, at most a year), when its
//! owner revokes it, and for good when the owner's password changes or is reset or the owner is
//! disabled.

use sqlx::Row;

use crate::App;
use crate::accounts::sessions::{new_secret, token_hash};
use crate::accounts::{USER_FIELDS, User, user_from_row};
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::policy::{self, Action, Actor, Target};
use crate::time::{DAY, MINUTE, Millis, new_id, now_millis};

const TOKEN_PREFIX: &str = "cor_";
/// A token's lifetime unless its owner chooses another.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest lifetime a token may be given.
pub const MAX_DAYS: i64 = 365;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: String,
    pub user_id: String,
    pub name: String,
    /// The first characters of the token, for recognising it in a list.
    pub prefix: String,
    pub created_at: Millis,
    pub expires_at: Millis,
    pub last_used_at: Option<Millis>,
    pub revoked_at: Option<Millis>,
}

impl ApiToken {
    /// Whether the token still works at `now`.
    pub fn is_live(&self, now: Millis) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

impl ApiToken {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<ApiToken> {
        Ok(ApiToken {
            id: row.try_get("id")?,
            user_id: row.try_get("user_id")?,
            name: row.try_get("name")?,
            prefix: row.try_get("prefix")?,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
            last_used_at: row.try_get("last_used_at")?,
            revoked_at: row.try_get("revoked_at")?,
        })
    }
}

/// Creates a token for the actor that lives `days` days (1 to [`MAX_DAYS`]); returns it with
/// its secret, which is never shown again.
pub async fn create(app: &App, actor: &Actor, name: &str, days: i64) -> Result<(ApiToken, String)> {
    policy::authorize(
        actor,
        Action::ManageOwnAccount,
        Target::owned_by(&actor.user_id),
    )?;
    let name = name.trim();
    let mut errors = crate::FieldErrors::default();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add("name", "error-required-short-text");
    }
    if !(1..=MAX_DAYS).contains(&days) {
        errors.add("days", "error-token-days");
    }
    errors.into_result()?;
    let now = now_millis();
    let secret = format!("{TOKEN_PREFIX}{}", new_secret());
    let prefix: String = secret.chars().take(TOKEN_PREFIX.len() + 6).collect();
    let token = ApiToken {
        id: new_id(),
        user_id: actor.user_id.clone(),
        name: name.to_owned(),
        prefix,
        created_at: now,
        expires_at: now + days * DAY,
        last_used_at: None,
        revoked_at: None,
    };
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&token.id)
    .bind(&token.user_id)
    .bind(&token.name)
    .bind(token_hash(&secret))
    .bind(&token.prefix)
    .bind(token.created_at)
    .bind(token.expires_at)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::TokenCreate,
            "api_token",
            Some(&token.id),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok((token, secret))
}

pub async fn list_own(app: &App, actor: &Actor) -> Result<Vec<ApiToken>> {
    policy::authorize(
        actor,
        Action::ManageOwnAccount,
        Target::owned_by(&actor.user_id),
    )?;
    let rows = sqlx::query(
        "SELECT id, user_id, name, prefix, created_at, expires_at, last_used_at, revoked_at FROM api_tokens \
         WHERE user_id = $1 ORDER BY created_at DESC",
    )
    .bind(&actor.user_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(ApiToken::from_row).collect()
}

pub async fn revoke(app: &App, actor: &Actor, token_id: &str) -> Result<()> {
    let owner: Option<String> = sqlx::query_scalar("SELECT user_id FROM api_tokens WHERE id = $1")
        .bind(token_id)
        .fetch_optional(&app.db.pool)
        .await?;
    let owner = owner.ok_or(Error::NotFound)?;
    policy::authorize(actor, Action::ManageOwnAccount, Target::owned_by(&owner))
        .map_err(|_| Error::NotFound)?;
    let mut tx = app.db.begin().await?;
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now_millis())
        .bind(token_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::TokenRevoke,
            "api_token",
            Some(token_id),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The owner of a live token, or `None`. Records use at most once a minute.
pub async fn resolve(app: &App, secret: &str) -> Result<Option<User>> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let hash = token_hash(secret);
    let now = now_millis();
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT t.last_used_at, {USER_FIELDS} FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 \
           AND u.disabled_at IS NULL"
    )))
    .bind(&hash)
    .bind(now)
    .fetch_optional(&app.db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let last_used_at: Option<Millis> = row.try_get("last_used_at")?;
    if last_used_at.is_none_or(|at| now - at >= MINUTE) {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(&app.db.pool)
            .await?;
    }
    Ok(Some(user_from_row(&app.db, &row).await?))
}

/// Ends every live token of a user inside the caller's transaction (password changed or reset,
/// account disabled).
pub(crate) async fn revoke_all_in(tx: &mut Tx, user_id: &str) -> Result<()> {
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now_millis())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
