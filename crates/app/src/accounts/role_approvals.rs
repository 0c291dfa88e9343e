//! Two administrators for one dangerous combination: an account that would hold the
//! administrator role together with a case-file role (supervisor, caseworker) could grant
//! itself any office and read every case file. Such an account is created with its case-file
//! roles only, and the administrator role waits until a second administrator — not the one who
//! asked — approves it. Asking, approving and refusing are audited.

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::{Tx, expect_one_row};
use crate::error::{Error, Result};
use crate::policy::{self, Action, Actor, Role, Target};
use crate::time::{Millis, new_id, now_millis};

/// Roles that open case files, which the administrator role may not join without approval.
pub const CASE_FILE_ROLES: [Role; 2] = [Role::Supervisor, Role::Caseworker];

/// Whether `roles` hold the administrator role together with a case-file role.
pub fn needs_second_administrator(roles: &[Role]) -> bool {
    roles.contains(&Role::Admin) && roles.iter().any(|role| CASE_FILE_ROLES.contains(role))
}

/// A role waiting for a second administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRole {
    pub id: String,
    pub user_id: String,
    pub role: Role,
    /// `None` when asked at the console.
    pub requested_by: Option<String>,
    pub requested_at: Millis,
}

impl PendingRole {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<PendingRole> {
        let role: String = row.try_get("role")?;
        Ok(PendingRole {
            id: row.try_get("id")?,
            user_id: row.try_get("user_id")?,
            role: Role::parse(&role)
                .ok_or_else(|| Error::Internal(format!("unknown role {role}")))?,
            requested_by: row.try_get("requested_by")?,
            requested_at: row.try_get("requested_at")?,
        })
    }
}

/// Records that `role` waits for approval for `user_id`, inside the caller's transaction.
pub(crate) async fn request_in(
    tx: &mut Tx,
    actor: &Actor,
    user_id: &str,
    role: Role,
) -> Result<()> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO role_approvals (id, user_id, role, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(user_id)
    .bind(role.as_str())
    .bind(actor.audit_id())
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::UserRoleRequested,
            "user",
            Some(user_id),
        )
        .with_details(serde_json::json!({ "role": role.as_str(), "approval": id })),
    )
    .await?;
    Ok(())
}

/// The roles of a user still waiting for approval.
pub async fn pending_for(app: &App, actor: &Actor, user_id: &str) -> Result<Vec<PendingRole>> {
    let user = super::get(&app.db, actor, user_id).await?;
    let rows = sqlx::query(
        "SELECT id, user_id, role, requested_by, requested_at FROM role_approvals \
         WHERE user_id = $1 AND decided_at IS NULL ORDER BY requested_at",
    )
    .bind(&user.id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(PendingRole::from_row).collect()
}

/// Whether the actor may decide this request: an administrator other than the one who asked
/// and other than the account concerned.
pub fn may_decide(actor: &Actor, pending: &PendingRole) -> bool {
    actor.has_role(Role::Admin)
        && !actor.is_console()
        && pending.requested_by.as_deref() != Some(actor.user_id.as_str())
        && pending.user_id != actor.user_id
        && policy::is_allowed(actor, Action::ManageUsers, Target::system())
}

/// A second administrator approves (the role is added) or refuses a waiting role.
pub async fn decide(app: &App, actor: &Actor, approval_id: &str, approve: bool) -> Result<()> {
    let row = sqlx::query(
        "SELECT id, user_id, role, requested_by, requested_at FROM role_approvals \
         WHERE id = $1 AND decided_at IS NULL",
    )
    .bind(approval_id)
    .fetch_optional(&app.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    let pending = PendingRole::from_row(&row)?;
    policy::authorize(actor, Action::ManageUsers, Target::system())?;
    if !may_decide(actor, &pending) {
        return Err(Error::Conflict("second-administrator-required"));
    }
    let mut tx = app.db.begin().await?;
    let decided = sqlx::query(
        "UPDATE role_approvals SET decided_by = $1, decided_at = $2, approved = $3 \
         WHERE id = $4 AND decided_at IS NULL",
    )
    .bind(&actor.user_id)
    .bind(now_millis())
    .bind(i64::from(approve))
    .bind(&pending.id)
    .execute(&mut *tx)
    .await?;
    expect_one_row(decided)?;
    if approve {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(&pending.user_id)
            .bind(pending.role.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE users SET version = version + 1 WHERE id = $1")
            .bind(&pending.user_id)
            .execute(&mut *tx)
            .await?;
    }
    let action = if approve {
        AuditAction::UserRoleApproved
    } else {
        AuditAction::UserRoleRefused
    };
    audit::record(
        &mut tx,
        NewAuditEvent::new(actor.audit_id(), action, "user", Some(&pending.user_id)).with_details(
            serde_json::json!({ "role": pending.role.as_str(), "approval": pending.id }),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
