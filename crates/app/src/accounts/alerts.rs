//! Security alerts for supervisors: raised when something across accounts looks like an attack
//! that no single account's limit would notice, e.g. one PIN tried against many case references
//! from many addresses.

use sqlx::Row;

use crate::App;
use crate::accounts::throttle::{self, Counted};
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::error::Result;
use crate::policy::{self, Action, Actor, Target};
use crate::time::{HOUR, Millis, new_id, now_millis};

/// What an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertKind {
    /// Wrong PINs across PIN accounts reached the hourly limit; PIN sign-in pauses.
    PinFailures,
}

impl AlertKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::PinFailures => "pin-failures",
        }
    }

    fn parse(text: &str) -> Option<AlertKind> {
        (text == "pin-failures").then_some(AlertKind::PinFailures)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityAlert {
    pub kind: AlertKind,
    pub raised_at: Millis,
    /// Until when the measure it announces (e.g. the PIN pause) lasts.
    pub until_at: Millis,
}

/// Counts a wrong PIN across every PIN account; the failure that reaches the hourly limit
/// raises an alert (once per window).
pub async fn count_pin_failure(app: &App) -> Result<()> {
    let count = throttle::record(app, Counted::PinFailures).await?;
    if count == throttle::free_attempts(app, Counted::PinFailures) {
        raise(app, AlertKind::PinFailures, now_millis() + HOUR).await?;
    }
    Ok(())
}

async fn raise(app: &App, kind: AlertKind, until_at: Millis) -> Result<()> {
    let id = new_id();
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO security_alerts (id, kind, raised_at, until_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&id)
    .bind(kind.as_str())
    .bind(now_millis())
    .bind(until_at)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            None,
            AuditAction::SecurityAlert,
            "security_alert",
            Some(&id),
        )
        .with_details(serde_json::json!({ "kind": kind.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The alerts of the last 24 hours, newest first, for those who may see them (others get none).
pub async fn recent(app: &App, actor: &Actor) -> Result<Vec<SecurityAlert>> {
    if !policy::is_allowed(actor, Action::ViewSecurityAlerts, Target::system()) {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(
        "SELECT kind, raised_at, until_at FROM security_alerts WHERE raised_at > $1 \
         ORDER BY raised_at DESC LIMIT 20",
    )
    .bind(now_millis() - 24 * HOUR)
    .fetch_all(&app.db.pool)
    .await?;
    let mut alerts = Vec::new();
    for row in &rows {
        if let Some(kind) = AlertKind::parse(&row.try_get::<String, _>("kind")?) {
            alerts.push(SecurityAlert {
                kind,
                raised_at: row.try_get("raised_at")?,
                until_at: row.try_get("until_at")?,
            });
        }
    }
    Ok(alerts)
}
