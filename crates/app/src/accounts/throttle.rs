//! Sign-in throttling per account and per client address, kept in the database so that every
//! web node sees the same counts. Names and addresses are stored only as blind-index hashes.

use crate::App;
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::time::now_millis;

fn account_key(app: &App, username: &str) -> String {
    app.keyring
        .blind_index("login-account", &username.trim().to_lowercase())
}

fn address_key(app: &App, address: &str) -> String {
    app.keyring.blind_index("login-address", address)
}

/// Refuses with [`Error::TooManyAttempts`] when the account or the address has failed too often
/// within the window.
pub async fn check(app: &App, username: &str, address: &str) -> Result<()> {
    let settings = &app.settings;
    let since = now_millis() - settings.login_window;
    let row: (i64, i64, Option<i64>) = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM login_failures WHERE account_key = $1 AND at > $3), \
           (SELECT COUNT(*) FROM login_failures WHERE ip_key = $2 AND at > $3), \
           (SELECT MIN(at) FROM login_failures WHERE (account_key = $1 OR ip_key = $2) AND at > $3)",
    )
    .bind(account_key(app, username))
    .bind(address_key(app, address))
    .bind(since)
    .fetch_one(&app.db.pool)
    .await?;
    let (by_account, by_address, oldest) = row;
    if by_account >= settings.login_failures_per_account
        || by_address >= settings.login_failures_per_address
    {
        let free_at = oldest.unwrap_or(since) + settings.login_window;
        let retry_after_secs =
            u64::try_from((free_at - now_millis()).max(1000) / 1000).unwrap_or(1);
        return Err(Error::TooManyAttempts { retry_after_secs });
    }
    Ok(())
}

pub async fn record_failure(app: &App, tx: &mut Tx, username: &str, address: &str) -> Result<()> {
    sqlx::query("INSERT INTO login_failures (at, account_key, ip_key) VALUES ($1, $2, $3)")
        .bind(now_millis())
        .bind(account_key(app, username))
        .bind(address_key(app, address))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Forgets an account's failures after a successful sign-in, and old failures of everyone.
pub async fn clear_account(app: &App, tx: &mut Tx, username: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE account_key = $1 OR at < $2")
        .bind(account_key(app, username))
        .bind(now_millis() - app.settings.login_window)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
