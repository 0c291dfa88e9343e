//! Break the glass: opening one case outside one's offices in an emergency (DHIS2's pattern).
//!
//! A caseworker or supervisor who may not see a case can still open it by giving a reason. The
//! grant is theirs alone, for that one case, for [`GRANT_MINUTES`], and only for reading: while
//! it lasts, [`opens_for_reading`] lets `cases::load_for` treat the case as in scope for the
//! read actions the actor holds in their own offices, never for changes (an emergency needs the
//! facts of a case, and the office that holds the case stays the one that changes it). Every
//! grant is audited in the case's office and listed for that office's supervisors, who mark it
//! reviewed (also audited). The reason is sealed.

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::crypto::FieldContext;
use crate::db::expect_one_row;
use crate::error::{Error, Result};
use crate::policy::{self, Action, Actor, ListScope, Target};
use crate::time::{MINUTE, Millis, new_id, now_millis};

/// How long a grant lasts: long enough to read a file and act on the emergency (a call, a
/// referral through the case's own office), short enough that it is not a standing way around
/// the office scope; a further need means a further reason.
pub const GRANT_MINUTES: i64 = 60;

/// What a grant lets its holder do to the case: read it and its documents.
const READ_ACTIONS: [Action; 2] = [Action::ViewCases, Action::ReadCaseDocuments];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub id: String,
    pub case_id: String,
    pub case_reference: String,
    pub office_id: String,
    pub user_id: String,
    pub user_name: String,
    pub reason: String,
    pub granted_at: Millis,
    pub expires_at: Millis,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<Millis>,
    pub version: i64,
}

impl Grant {
    pub fn is_active(&self, now: Millis) -> bool {
        now < self.expires_at
    }
}

fn reason_context(id: &str) -> FieldContext<'_> {
    FieldContext {
        table: "break_glass_grants",
        column: "reason",
        row_id: id,
    }
}

/// Opens a case for reading outside the actor's scope, with a reason.
pub async fn request(app: &App, actor: &Actor, case_id: &str, reason: &str) -> Result<Grant> {
    policy::authorize(actor, Action::BreakGlass, Target::system())?;
    let reason = super::stated_reason(reason, "break-glass-error-reason")?;
    let row = sqlx::query("SELECT reference, office_id FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_optional(&app.db.pool)
        .await?
        .ok_or(Error::NotFound)?;
    let office_id: String = row.try_get("office_id")?;
    let id = new_id();
    let now = now_millis();
    let grant = Grant {
        case_id: case_id.to_owned(),
        case_reference: row.try_get("reference")?,
        office_id,
        user_id: actor.user_id.clone(),
        user_name: String::new(),
        reason: reason.to_owned(),
        granted_at: now,
        expires_at: now + GRANT_MINUTES * MINUTE,
        reviewed_by: None,
        reviewed_at: None,
        version: 1,
        id,
    };
    let sealed = app.keyring.seal_text(reason_context(&grant.id), reason)?;
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO break_glass_grants (id, case_id, office_id, user_id, reason, granted_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&grant.id)
    .bind(&grant.case_id)
    .bind(&grant.office_id)
    .bind(&grant.user_id)
    .bind(sealed)
    .bind(grant.granted_at)
    .bind(grant.expires_at)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::CaseBreakGlass,
            "case",
            Some(case_id),
        )
        .in_office(Some(&grant.office_id))
        .with_details(serde_json::json!({ "grant": grant.id, "expires_at": grant.expires_at })),
    )
    .await?;
    tx.commit().await?;
    Ok(grant)
}

/// Whether an active grant lets the actor do `action` to the case: [`Error::NotFound`] without
/// one (the case stays invisible), [`Error::Forbidden`] for anything but reading.
pub(crate) async fn opens_for_reading(
    app: &App,
    actor: &Actor,
    case_id: &str,
    action: Action,
) -> Result<()> {
    let active: Option<String> = sqlx::query_scalar(
        "SELECT id FROM break_glass_grants WHERE user_id = $1 AND case_id = $2 AND expires_at > $3 LIMIT 1",
    )
    .bind(&actor.user_id)
    .bind(case_id)
    .bind(now_millis())
    .fetch_optional(&app.db.pool)
    .await?;
    if active.is_none() {
        return Err(Error::NotFound);
    }
    let holds_in_own_offices =
        policy::is_allowed(actor, action, Target::in_offices(&actor.offices));
    if READ_ACTIONS.contains(&action) && holds_in_own_offices {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// The grants on the cases of the actor's offices, unreviewed first, newest first.
pub async fn for_review(app: &App, actor: &Actor) -> Result<Vec<Grant>> {
    let scope_user = match policy::list_scope(actor, Action::ReviewBreakGlass)? {
        ListScope::Everything => None,
        ListScope::OfficesOf(user) | ListScope::OwnedBy(user) => Some(user),
    };
    let rows = sqlx::query(
        "SELECT g.id, g.case_id, c.reference, g.office_id, g.user_id, u.display_name, g.reason, g.granted_at, \
         g.expires_at, g.reviewed_by, g.reviewed_at, g.version FROM break_glass_grants g \
         JOIN cases c ON c.id = g.case_id JOIN users u ON u.id = g.user_id \
         WHERE ($1 IS NULL OR g.office_id IN (SELECT office_id FROM user_offices WHERE user_id = $1)) \
         ORDER BY CASE WHEN g.reviewed_at IS NULL THEN 0 ELSE 1 END, g.granted_at DESC, g.id DESC LIMIT 500",
    )
    .bind(scope_user)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let sealed: Vec<u8> = row.try_get("reason")?;
            let reason = app.keyring.open_text(reason_context(&id), &sealed)?;
            Ok(Grant {
                case_id: row.try_get("case_id")?,
                case_reference: row.try_get("reference")?,
                office_id: row.try_get("office_id")?,
                user_id: row.try_get("user_id")?,
                user_name: row.try_get("display_name")?,
                reason: reason.to_string(),
                granted_at: row.try_get("granted_at")?,
                expires_at: row.try_get("expires_at")?,
                reviewed_by: row.try_get("reviewed_by")?,
                reviewed_at: row.try_get("reviewed_at")?,
                version: row.try_get("version")?,
                id,
            })
        })
        .collect()
}

/// Marks a grant on a case of the actor's offices as reviewed.
pub async fn mark_reviewed(
    app: &App,
    actor: &Actor,
    grant_id: &str,
    expected_version: i64,
) -> Result<()> {
    let row = sqlx::query("SELECT case_id, office_id FROM break_glass_grants WHERE id = $1")
        .bind(grant_id)
        .fetch_optional(&app.db.pool)
        .await?
        .ok_or(Error::NotFound)?;
    let case_id: String = row.try_get("case_id")?;
    let office_id: String = row.try_get("office_id")?;
    policy::authorize(
        actor,
        Action::ReviewBreakGlass,
        Target::in_offices(std::slice::from_ref(&office_id)),
    )?;
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE break_glass_grants SET reviewed_by = $1, reviewed_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4 AND reviewed_at IS NULL",
    )
    .bind(actor.audit_id())
    .bind(now_millis())
    .bind(grant_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::CaseBreakGlassReviewed,
            "case",
            Some(&case_id),
        )
        .in_office(Some(&office_id))
        .with_details(serde_json::json!({ "grant": grant_id })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
