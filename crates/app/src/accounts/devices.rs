//! Browsers known to an account: after a successful sign-in the browser keeps a random device
//! token in a long-lived cookie and the database keeps its hash for that account. Attempts from
//! a known device are counted apart from everyone else's (`throttle::Counted::KnownDevice`), so
//! failures from strangers never lock the owner out of their own browser.

use crate::App;
use crate::accounts::sessions::{new_secret, token_hash};
use crate::db::Tx;
use crate::error::Result;
use crate::time::now_millis;

/// A device token is a session-style secret: 32 random bytes in unpadded URL-safe base64.
const DEVICE_TOKEN_LENGTH: usize = 43;

/// How a device token is stored.
pub fn hash(device: &str) -> String {
    token_hash(device)
}

/// Whether this browser signed in to the account before.
pub async fn is_known(app: &App, user_id: &str, device: &str) -> Result<bool> {
    let known: Option<i64> = sqlx::query_scalar(
        "SELECT first_at FROM known_devices WHERE user_id = $1 AND device_hash = $2",
    )
    .bind(user_id)
    .bind(hash(device))
    .fetch_optional(&app.db.pool)
    .await?;
    Ok(known.is_some())
}

/// Remembers the browser for the account after a successful sign-in; returns its token (the
/// one it sent when it looks like ours, otherwise a new one).
pub async fn remember(tx: &mut Tx, user_id: &str, device: Option<&str>) -> Result<String> {
    let device = device
        .filter(|device| device.len() == DEVICE_TOKEN_LENGTH)
        .map_or_else(new_secret, str::to_owned);
    let now = now_millis();
    sqlx::query(
        "INSERT INTO known_devices (user_id, device_hash, first_at, last_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (user_id, device_hash) DO UPDATE SET last_at = $3",
    )
    .bind(user_id)
    .bind(hash(&device))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(device)
}
