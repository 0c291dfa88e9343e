//! Assigning cases to caseworkers, one case or many at once.
//!
//! A bulk assignment is all or nothing: one transaction, one timeline entry and one audit event
//! per case. Every case must be one the actor may work on (a case they may not see is not
//! found), and the assignee must hold the caseworker role in that case's office. A case may
//! carry the version the actor saw; a stale one makes the whole assignment a conflict.

use sqlx::Row;

use super::{EventKind, audit_case, load_for, record_event};
use crate::App;
use crate::audit::AuditAction;
use crate::db::expect_one_row;
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, ListScope};
use crate::time::now_millis;

/// At most this many cases in one assignment.
pub const MAX_CASES: usize = 200;

/// One case to assign, with the version the actor saw when they have one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRef {
    pub id: String,
    pub version: Option<i64>,
}

impl CaseRef {
    /// `id` or `id:version`, as a queue checkbox carries it.
    pub fn parse(text: &str) -> Option<CaseRef> {
        let text = text.trim();
        match text.split_once(':') {
            Some((id, version)) => Some(CaseRef {
                id: id.to_owned(),
                version: Some(version.parse().ok()?),
            })
            .filter(|case| !case.id.is_empty()),
            None if !text.is_empty() => Some(CaseRef {
                id: text.to_owned(),
                version: None,
            }),
            None => None,
        }
    }

    pub fn encode(id: &str, version: i64) -> String {
        format!("{id}:{version}")
    }
}

/// A caseworker who can be given cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignee {
    pub id: String,
    pub display_name: String,
}

/// Caseworkers of the offices whose cases the actor may work on, by name.
pub async fn assignees(app: &App, actor: &Actor) -> Result<Vec<Assignee>> {
    let scope_user = match policy::list_scope(actor, Action::WorkOnCases)? {
        ListScope::OfficesOf(user_id) => Some(user_id),
        ListScope::Everything => None,
        ListScope::OwnedBy(_) => return Err(Error::Forbidden),
    };
    let rows = sqlx::query(
        "SELECT DISTINCT u.id, u.display_name FROM users u \
         JOIN user_roles r ON r.user_id = u.id AND r.role = 'caseworker' \
         JOIN user_offices o ON o.user_id = u.id \
         WHERE u.disabled_at IS NULL \
           AND ($1 IS NULL OR o.office_id IN (SELECT office_id FROM user_offices WHERE user_id = $1)) \
         ORDER BY u.display_name, u.id",
    )
    .bind(scope_user)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Assignee {
                id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
            })
        })
        .collect()
}

/// Assigns every case in `cases` to `assignee_id`; returns how many were assigned.
pub async fn assign(
    app: &App,
    actor: &Actor,
    cases: &[CaseRef],
    assignee_id: &str,
) -> Result<usize> {
    policy::list_scope(actor, Action::WorkOnCases)?;
    let mut errors = FieldErrors::default();
    if cases.is_empty() || cases.len() > MAX_CASES {
        errors.add("cases", "error-choose-cases");
    }
    let assignee_id = assignee_id.trim();
    if assignee_id.is_empty() {
        errors.add("assignee", "error-choose-option");
    }
    errors.into_result()?;
    let mut loaded = Vec::with_capacity(cases.len());
    for case in cases {
        loaded.push((
            load_for(app, actor, &case.id, Action::WorkOnCases).await?,
            case.version,
        ));
    }
    let assignee_offices: Vec<String> = sqlx::query_scalar(
        "SELECT o.office_id FROM user_offices o JOIN users u ON u.id = o.user_id \
         JOIN user_roles r ON r.user_id = u.id AND r.role = 'caseworker' \
         WHERE o.user_id = $1 AND u.disabled_at IS NULL",
    )
    .bind(assignee_id)
    .fetch_all(&app.db.pool)
    .await?;
    if loaded
        .iter()
        .any(|(case, _)| !assignee_offices.contains(&case.office_id))
    {
        return Err(Error::invalid("assignee", "error-assignee-not-caseworker"));
    }
    let now = now_millis();
    let mut tx = app.db.begin().await?;
    for (case, version) in &loaded {
        let result = sqlx::query(
            "UPDATE cases SET assigned_to = $1, version = version + 1, updated_at = $2 \
             WHERE id = $3 AND version = $4",
        )
        .bind(assignee_id)
        .bind(now)
        .bind(&case.id)
        .bind(version.unwrap_or(case.version))
        .execute(&mut *tx)
        .await?;
        expect_one_row(result)?;
        record_event(
            app,
            &mut tx,
            &case.id,
            actor,
            EventKind::Assigned,
            None,
            None,
        )
        .await?;
        let details = serde_json::json!({
            "assignee": assignee_id,
            "previous": case.assigned_to,
            "bulk": loaded.len() > 1,
        });
        audit_case(&mut tx, actor, case, AuditAction::CaseAssign, details).await?;
    }
    tx.commit().await?;
    Ok(loaded.len())
}
