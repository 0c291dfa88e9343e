//! Consent and the other lawful bases, per person and purpose.
//!
//! A record says on which basis (consent, legal obligation, …) a person's data may be processed
//! for one purpose, who recorded it and when, and in what scope (sealed free text). Withdrawing
//! it stamps who and when; the record stays as history. At most one record per person and
//! purpose is current (not withdrawn); the database enforces it. Records are reached through a
//! case the actor may work on and a person who is a member of it. Every change is audited.

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::cases::{self, Case};
use crate::crypto::FieldContext;
use crate::db::{Tx, expect_one_row};
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{Action, Actor};
use crate::time::{Millis, new_id, now_millis};

/// What the data is processed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    CaseProcessing,
    Referral,
    SharingWithPartner,
    Orientation,
    AnonymisedReporting,
}

impl Purpose {
    pub const ALL: [Purpose; 5] = [
        Purpose::CaseProcessing,
        Purpose::Referral,
        Purpose::SharingWithPartner,
        Purpose::Orientation,
        Purpose::AnonymisedReporting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::CaseProcessing => "case_processing",
            Purpose::Referral => "referral",
            Purpose::SharingWithPartner => "sharing_with_partner",
            Purpose::Orientation => "orientation",
            Purpose::AnonymisedReporting => "anonymised_reporting",
        }
    }

    pub fn parse(text: &str) -> Option<Purpose> {
        Purpose::ALL
            .into_iter()
            .find(|value| value.as_str() == text)
    }
}

/// The lawful basis of processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Consent,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterests,
}

impl Basis {
    pub const ALL: [Basis; 5] = [
        Basis::Consent,
        Basis::LegalObligation,
        Basis::VitalInterests,
        Basis::PublicTask,
        Basis::LegitimateInterests,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Consent => "consent",
            Basis::LegalObligation => "legal_obligation",
            Basis::VitalInterests => "vital_interests",
            Basis::PublicTask => "public_task",
            Basis::LegitimateInterests => "legitimate_interests",
        }
    }

    pub fn parse(text: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|value| value.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub id: String,
    pub person_id: String,
    pub purpose: Purpose,
    pub basis: Basis,
    pub scope: Option<String>,
    pub recorded_by: Option<String>,
    pub recorded_at: Millis,
    pub withdrawn_by: Option<String>,
    pub withdrawn_at: Option<Millis>,
    pub version: i64,
}

impl ConsentRecord {
    pub fn is_current(&self) -> bool {
        self.withdrawn_at.is_none()
    }
}

/// A record as typed.
#[derive(Debug, Clone, Default)]
pub struct ConsentForm {
    pub person_id: String,
    pub purpose: String,
    pub basis: String,
    pub scope: String,
}

const SCOPE_FIELD: (&str, &str) = ("consents", "scope");

fn scope_context(id: &str) -> FieldContext<'_> {
    FieldContext {
        table: SCOPE_FIELD.0,
        column: SCOPE_FIELD.1,
        row_id: id,
    }
}

async fn audit_person(
    tx: &mut Tx,
    actor: &Actor,
    case: &Case,
    action: AuditAction,
    person_id: &str,
    details: serde_json::Value,
) -> Result<()> {
    audit::record(
        tx,
        NewAuditEvent::new(actor.audit_id(), action, "person", Some(person_id))
            .in_office(Some(&case.office_id))
            .with_details(details),
    )
    .await?;
    Ok(())
}

async fn is_member(app: &App, case_id: &str, person_id: &str) -> Result<bool> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT person_id FROM case_members WHERE case_id = $1 AND person_id = $2",
    )
    .bind(case_id)
    .bind(person_id)
    .fetch_optional(&app.db.pool)
    .await?;
    Ok(found.is_some())
}

/// Records the basis for one purpose of a member of the case.
pub async fn record(
    app: &App,
    actor: &Actor,
    case_id: &str,
    form: &ConsentForm,
) -> Result<ConsentRecord> {
    let case = cases::load_for(app, actor, case_id, Action::WorkOnCases).await?;
    let mut errors = FieldErrors::default();
    let purpose = Purpose::parse(form.purpose.trim());
    if purpose.is_none() {
        errors.add("purpose", "error-choose-option");
    }
    let basis = Basis::parse(form.basis.trim());
    if basis.is_none() {
        errors.add("basis", "error-choose-option");
    }
    if !is_member(app, &case.id, &form.person_id).await? {
        errors.add("person_id", "error-choose-option");
    }
    let scope = Some(form.scope.trim()).filter(|scope| !scope.is_empty());
    if scope.is_some_and(|scope| scope.chars().count() > 2000) {
        errors.add("scope", "error-text-too-long");
    }
    errors.into_result()?;
    let (Some(purpose), Some(basis)) = (purpose, basis) else {
        return Err(Error::invalid("purpose", "error-choose-option"));
    };
    let mut tx = app.db.begin().await?;
    let record = record_in(
        app,
        &mut tx,
        actor,
        &case,
        &form.person_id,
        purpose,
        basis,
        scope,
    )
    .await?;
    tx.commit().await?;
    Ok(record)
}

/// Records a basis inside the caller's transaction, for a person already known to be a member
/// of the case.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_in(
    app: &App,
    tx: &mut Tx,
    actor: &Actor,
    case: &Case,
    person_id: &str,
    purpose: Purpose,
    basis: Basis,
    scope: Option<&str>,
) -> Result<ConsentRecord> {
    let id = new_id();
    let sealed = scope
        .map(|scope| app.keyring.seal_text(scope_context(&id), scope))
        .transpose()?;
    let now = now_millis();
    let current: Option<String> = sqlx::query_scalar(
        "SELECT id FROM consents WHERE person_id = $1 AND purpose = $2 AND withdrawn_at IS NULL",
    )
    .bind(person_id)
    .bind(purpose.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    if current.is_some() {
        return Err(Error::Conflict("consent-already-current"));
    }
    sqlx::query(
        "INSERT INTO consents (id, person_id, purpose, basis, scope, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(person_id)
    .bind(purpose.as_str())
    .bind(basis.as_str())
    .bind(sealed)
    .bind(actor.audit_id())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    audit_person(
        tx,
        actor,
        case,
        AuditAction::ConsentRecord,
        person_id,
        serde_json::json!({ "consent": id, "case": case.id, "purpose": purpose.as_str(), "basis": basis.as_str() }),
    )
    .await?;
    Ok(ConsentRecord {
        id,
        person_id: person_id.to_owned(),
        purpose,
        basis,
        scope: scope.map(str::to_owned),
        recorded_by: actor.audit_id().map(str::to_owned),
        recorded_at: now,
        withdrawn_by: None,
        withdrawn_at: None,
        version: 1,
    })
}

/// Withdraws a current record. From then on the purpose has no basis until a new one is recorded.
pub async fn withdraw(
    app: &App,
    actor: &Actor,
    case_id: &str,
    consent_id: &str,
    expected_version: i64,
) -> Result<()> {
    let case = cases::load_for(app, actor, case_id, Action::WorkOnCases).await?;
    let row = sqlx::query(
        "SELECT c.person_id, c.purpose FROM consents c JOIN case_members m ON m.person_id = c.person_id \
         WHERE c.id = $1 AND m.case_id = $2",
    )
    .bind(consent_id)
    .bind(&case.id)
    .fetch_optional(&app.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    let person_id: String = row.try_get("person_id")?;
    let purpose: String = row.try_get("purpose")?;
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE consents SET withdrawn_by = $1, withdrawn_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4 AND withdrawn_at IS NULL",
    )
    .bind(actor.audit_id())
    .bind(now_millis())
    .bind(consent_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    audit_person(
        &mut tx,
        actor,
        &case,
        AuditAction::ConsentWithdraw,
        &person_id,
        serde_json::json!({ "consent": consent_id, "case": case.id, "purpose": purpose }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every record (current and withdrawn) of the members of a case, newest first.
pub async fn for_case(app: &App, actor: &Actor, case_id: &str) -> Result<Vec<ConsentRecord>> {
    let case = cases::load_for(app, actor, case_id, Action::ViewCases).await?;
    of_case(app, &case.id).await
}

/// The records of a case's people, without a policy check: callers ask first.
pub(crate) async fn of_case(app: &App, case_id: &str) -> Result<Vec<ConsentRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {RECORD_COLUMNS} FROM consents c JOIN case_members m ON m.person_id = c.person_id \
         WHERE m.case_id = $1 ORDER BY c.recorded_at DESC, c.id DESC"
    )))
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    records_from(app, &rows)
}

/// Every record of one person, newest first, without a policy check: callers ask first.
pub(crate) async fn of_person(app: &App, person_id: &str) -> Result<Vec<ConsentRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {RECORD_COLUMNS} FROM consents c WHERE c.person_id = $1 \
         ORDER BY c.recorded_at DESC, c.id DESC"
    )))
    .bind(person_id)
    .fetch_all(&app.db.pool)
    .await?;
    records_from(app, &rows)
}

const RECORD_COLUMNS: &str = "c.id, c.person_id, c.purpose, c.basis, c.scope, c.recorded_by, \
    c.recorded_at, c.withdrawn_by, c.withdrawn_at, c.version";

fn records_from(app: &App, rows: &[sqlx::any::AnyRow]) -> Result<Vec<ConsentRecord>> {
    let mut records = Vec::new();
    for row in rows {
        let id: String = row.try_get("id")?;
        let purpose: String = row.try_get("purpose")?;
        let basis: String = row.try_get("basis")?;
        let sealed: Option<Vec<u8>> = row.try_get("scope")?;
        let scope = sealed
            .map(|sealed| {
                app.keyring
                    .open_text(scope_context(&id), &sealed)
                    .map(|text| text.to_string())
            })
            .transpose()?;
        records.push(ConsentRecord {
            person_id: row.try_get("person_id")?,
            purpose: Purpose::parse(&purpose)
                .ok_or_else(|| Error::Internal(format!("unknown purpose {purpose}")))?,
            basis: Basis::parse(&basis)
                .ok_or_else(|| Error::Internal(format!("unknown basis {basis}")))?,
            scope,
            recorded_by: row.try_get("recorded_by")?,
            recorded_at: row.try_get("recorded_at")?,
            withdrawn_by: row.try_get("withdrawn_by")?,
            withdrawn_at: row.try_get("withdrawn_at")?,
            version: row.try_get("version")?,
            id,
        });
    }
    Ok(records)
}

/// The current basis of a person for a purpose, if any. Callers hold their own policy check.
pub(crate) async fn current_basis(
    tx: &mut Tx,
    person_id: &str,
    purpose: Purpose,
) -> Result<Option<Basis>> {
    let basis: Option<String> = sqlx::query_scalar(
        "SELECT basis FROM consents WHERE person_id = $1 AND purpose = $2 AND withdrawn_at IS NULL",
    )
    .bind(person_id)
    .bind(purpose.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(basis.as_deref().and_then(Basis::parse))
}
