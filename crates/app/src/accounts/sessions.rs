//! Browser sessions, stored in the database so that any web node can serve any request.
//!
//! The cookie carries a random token; the database keeps only its BLAKE3 hash, so a copy of the
//! database does not let anyone sign in. A session ends after `session_idle` without use or
//! `session_absolute` after sign-in, on sign-out, and for every session of a user whose password
//! changes or who is disabled.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sqlx::Row;

use crate::App;
use crate::accounts::{USER_FIELDS, User, user_from_row};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::time::{MINUTE, Millis, now_millis};

/// How far a session has got through sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    /// The password was right; the second factor is still owed.
    AwaitingSecondFactor,
    /// Fully signed in.
    SignedIn,
}

impl SessionStage {
    fn as_str(self) -> &'static str {
        match self {
            SessionStage::AwaitingSecondFactor => "second_factor",
            SessionStage::SignedIn => "signed_in",
        }
    }

    fn parse(text: &str) -> Result<SessionStage> {
        match text {
            "second_factor" => Ok(SessionStage::AwaitingSecondFactor),
            "signed_in" => Ok(SessionStage::SignedIn),
            other => Err(Error::Internal(format!("unknown session stage {other}"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    /// The signed-in user, read with the session in one query.
    pub user: User,
    pub stage: SessionStage,
    pub expires_at: Millis,
}

/// A secret token: 32 random bytes, URL-safe base64.
pub(crate) fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn token_hash(token: &str) -> String {
    blake3::hash(token.as_bytes()).to_hex().to_string()
}

/// Starts a session and returns the token for the cookie.
pub async fn start(app: &App, tx: &mut Tx, user_id: &str, stage: SessionStage) -> Result<String> {
    let token = new_secret();
    let now = now_millis();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(stage.as_str())
    .bind(now)
    .bind(now + app.settings.session_absolute)
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// The live session for a cookie token, or `None` when it is unknown or expired. Refreshes the
/// idle clock at most once a minute so that reads do not each cost a write.
pub async fn resolve(app: &App, token: &str) -> Result<Option<Session>> {
    let hash = token_hash(token);
    let now = now_millis();
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT s.stage, s.last_seen_at, s.expires_at, {USER_FIELDS} FROM sessions s \
         JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND u.disabled_at IS NULL"
    )))
    .bind(&hash)
    .fetch_optional(&app.db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let last_seen_at: Millis = row.try_get("last_seen_at")?;
    let expires_at: Millis = row.try_get("expires_at")?;
    if now >= expires_at || now - last_seen_at >= app.settings.session_idle {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .execute(&app.db.pool)
            .await?;
        return Ok(None);
    }
    if now - last_seen_at >= MINUTE {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(&app.db.pool)
            .await?;
    }
    let stage: String = row.try_get("stage")?;
    Ok(Some(Session {
        token_hash: hash,
        user: user_from_row(&app.db, &row).await?,
        stage: SessionStage::parse(&stage)?,
        expires_at,
    }))
}

/// Marks the second factor as given.
pub async fn complete_second_factor(tx: &mut Tx, session: &Session) -> Result<()> {
    sqlx::query("UPDATE sessions SET stage = $1 WHERE token_hash = $2")
        .bind(SessionStage::SignedIn.as_str())
        .bind(&session.token_hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Counts one second-factor code tried in a pending sign-in, before it is checked; returns how
/// many it has tried. A session that is no longer pending is [`Error::Unauthenticated`].
pub async fn count_second_factor_attempt(app: &App, session: &Session) -> Result<i64> {
    let tried: Option<i64> = sqlx::query_scalar(
        "UPDATE sessions SET second_factor_attempts = second_factor_attempts + 1 \
         WHERE token_hash = $1 AND stage = $2 RETURNING second_factor_attempts",
    )
    .bind(&session.token_hash)
    .bind(SessionStage::AwaitingSecondFactor.as_str())
    .fetch_optional(&app.db.pool)
    .await?;
    match tried {
        Some(tried) if tried <= crate::accounts::throttle::SECOND_FACTOR_CODES => Ok(tried),
        _ => Err(Error::Unauthenticated),
    }
}

/// Ends a session inside the caller's transaction.
pub async fn end_in(tx: &mut Tx, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn end(app: &App, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(&app.db.pool)
        .await?;
    Ok(())
}

/// Ends every session of a user, e.g. after a password change, except `keep` if given.
pub async fn end_all_for_user(tx: &mut Tx, user_id: &str, keep: Option<&str>) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR token_hash <> $2)")
        .bind(user_id)
        .bind(keep)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
