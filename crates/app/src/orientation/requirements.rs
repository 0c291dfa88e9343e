//! Orientation an office requires before a case may travel.
//!
//! The rule is deliberately small: an office may require, for one pathway or for all of them
//! (`*`), a certificate of one orientation stage (usually PDO). A case of that office and pathway
//! moves from approved to `travel` only when its principal applicant — through the participant
//! linked to their case person — holds a certificate of that stage that is not revoked. Cases of
//! offices without a requirement are not affected. The case workflow asks [`check_before_travel`]
//! for its `OrientationCertificate` requirement.

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::orientation::Stage;
use crate::policy::{self, Action, Actor, Target};
use crate::time::now_millis;

/// Every pathway of an office.
pub const ALL_PATHWAYS: &str = "*";

/// Requires a certificate of `stage` before travel on `pathway_id` (or [`ALL_PATHWAYS`]) for the
/// cases of an office. An office setting, so it takes the right to manage offices.
pub async fn require(
    app: &App,
    actor: &Actor,
    office_id: &str,
    pathway_id: &str,
    stage: Stage,
) -> Result<()> {
    policy::authorize(
        actor,
        Action::ManageOffices,
        Target::in_offices(&[office_id.to_owned()]),
    )?;
    let pathway_id = pathway_id.trim();
    if pathway_id.is_empty() || pathway_id.len() > 100 {
        return Err(Error::invalid("pathway_id", "error-required-short-text"));
    }
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO orientation_requirements (office_id, pathway_id, stage, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (office_id, pathway_id, stage) DO NOTHING",
    )
    .bind(office_id)
    .bind(pathway_id)
    .bind(stage.as_str())
    .bind(now_millis())
    .bind(actor.audit_id())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationRequirementSet,
            "office",
            Some(office_id),
        )
        .in_office(Some(office_id))
        .with_details(serde_json::json!({ "pathway": pathway_id, "stage": stage.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `Ok` when the case may travel as far as orientation goes; the conflict
/// `orientation-certificate-required` when a required certificate is missing or revoked.
pub async fn check_before_travel(
    db: &Db,
    case_id: &str,
    office_id: &str,
    pathway_id: &str,
) -> Result<()> {
    let missing: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orientation_requirements r \
         WHERE r.office_id = $1 AND (r.pathway_id = $2 OR r.pathway_id = '*') AND NOT EXISTS ( \
           SELECT 1 FROM case_members m \
           JOIN participants x ON x.person_id = m.person_id \
           JOIN orientation_certificates c ON c.participant_id = x.id AND c.revoked_at IS NULL \
           JOIN orientation_curricula k ON k.id = c.curriculum_id AND k.stage = r.stage \
           WHERE m.case_id = $3 AND m.role = 'principal_applicant')",
    )
    .bind(office_id)
    .bind(pathway_id)
    .bind(case_id)
    .fetch_one(&db.pool)
    .await?;
    if missing > 0 {
        return Err(Error::Conflict("orientation-certificate-required"));
    }
    Ok(())
}
