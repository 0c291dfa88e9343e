//! Referrals and transfers of a case to another office, gated by the lawful basis for referral.
//!
//! Both are requested by the case's office and wait for the receiving office, which accepts or
//! rejects (with a reason); the sender may revoke while it waits. At most one request per case
//! waits at a time.
//! - A **transfer**, once accepted, moves the case: its office becomes the receiving office, its
//!   assignment is cleared, its people move with it. The old office no longer sees it.
//! - A **referral**, once accepted, shares the case: it stays with its office, which alone
//!   changes its substance (facts, members, documents, assessments, priority, completeness,
//!   consent), the applicant's portal access and its workflow. The receiving office's staff read
//!   it, its documents included, and work its contact side (appointments, notes, messages):
//!   `policy::reaches_referral_offices` says which actions reach them.
//!
//! Before acceptance the receiving office sees the request (reference, offices, note) but cannot
//! open the case. A request needs a current basis for the purpose `referral` recorded for the
//! principal applicant, or a supervisor's override with a reason; acceptance checks the basis
//! again, so a withdrawal blocks requests still waiting. Every step is audited.

use sqlx::Row;

use super::{Case, EventKind, MemberRole, load, load_for, record_event};
use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::crypto::FieldContext;
use crate::db::{Tx, expect_one_row};
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, ListScope, Target};
use crate::privacy::consent::{self, Purpose};
use crate::time::{Millis, new_id, now_millis};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralKind {
    Referral,
    Transfer,
}

impl ReferralKind {
    pub const ALL: [ReferralKind; 2] = [ReferralKind::Referral, ReferralKind::Transfer];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferralKind::Referral => "referral",
            ReferralKind::Transfer => "transfer",
        }
    }

    pub fn parse(text: &str) -> Option<ReferralKind> {
        ReferralKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralStatus {
    Pending,
    Accepted,
    Rejected,
    Revoked,
}

impl ReferralStatus {
    pub const ALL: [ReferralStatus; 4] = [
        ReferralStatus::Pending,
        ReferralStatus::Accepted,
        ReferralStatus::Rejected,
        ReferralStatus::Revoked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Pending => "pending",
            ReferralStatus::Accepted => "accepted",
            ReferralStatus::Rejected => "rejected",
            ReferralStatus::Revoked => "revoked",
        }
    }

    pub fn parse(text: &str) -> Option<ReferralStatus> {
        ReferralStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub id: String,
    pub case_id: String,
    pub case_reference: String,
    pub kind: ReferralKind,
    pub from_office_id: String,
    pub to_office_id: String,
    pub status: ReferralStatus,
    pub note: Option<String>,
    pub consent_overridden: bool,
    pub override_reason: Option<String>,
    pub requested_by: Option<String>,
    pub requested_at: Millis,
    pub decided_by: Option<String>,
    pub decided_at: Option<Millis>,
    pub decision_reason: Option<String>,
    pub version: i64,
}

/// A request as typed.
#[derive(Debug, Clone, Default)]
pub struct ReferralForm {
    pub kind: String,
    pub to_office_id: String,
    pub note: String,
    /// A supervisor's override of the missing basis for referral; needs `override_reason`.
    pub override_consent: bool,
    pub override_reason: String,
}

const SEALED: [&str; 3] = ["note", "override_reason", "decision_reason"];

fn context<'a>(column: &'static str, id: &'a str) -> FieldContext<'a> {
    FieldContext {
        table: "case_referrals",
        column,
        row_id: id,
    }
}

const COLUMNS: &str = "r.id, r.case_id, c.reference, r.kind, r.from_office_id, r.to_office_id, r.status, r.note, \
     r.consent_overridden, r.override_reason, r.requested_by, r.requested_at, r.decided_by, r.decided_at, \
     r.decision_reason, r.version";

fn from_row(app: &App, row: &sqlx::any::AnyRow) -> Result<Referral> {
    let id: String = row.try_get("id")?;
    let mut opened = Vec::new();
    for column in SEALED {
        let sealed: Option<Vec<u8>> = row.try_get(column)?;
        opened.push(
            sealed
                .map(|sealed| {
                    app.keyring
                        .open_text(context(column, &id), &sealed)
                        .map(|text| text.to_string())
                })
                .transpose()?,
        );
    }
    let mut opened = opened.into_iter();
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    let overridden: i64 = row.try_get("consent_overridden")?;
    Ok(Referral {
        case_id: row.try_get("case_id")?,
        case_reference: row.try_get("reference")?,
        kind: ReferralKind::parse(&kind)
            .ok_or_else(|| Error::Internal(format!("unknown referral kind {kind}")))?,
        from_office_id: row.try_get("from_office_id")?,
        to_office_id: row.try_get("to_office_id")?,
        status: ReferralStatus::parse(&status)
            .ok_or_else(|| Error::Internal(format!("unknown referral status {status}")))?,
        note: opened.next().flatten(),
        consent_overridden: overridden != 0,
        override_reason: opened.next().flatten(),
        requested_by: row.try_get("requested_by")?,
        requested_at: row.try_get("requested_at")?,
        decided_by: row.try_get("decided_by")?,
        decided_at: row.try_get("decided_at")?,
        decision_reason: opened.next().flatten(),
        version: row.try_get("version")?,
        id,
    })
}

/// The offices that reach a case: its own, and those an accepted referral shares it with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOffices {
    /// The case's own office (a one-element list, as policy targets take lists).
    pub home: Vec<String>,
    /// Offices of accepted referrals: they read the case and work its contact side only
    /// (`policy::reaches_referral_offices`).
    pub shared_with: Vec<String>,
}

impl CaseOffices {
    pub fn target(&self) -> Target<'_> {
        Target::case(&self.home, &self.shared_with)
    }

    /// Every office that reaches the case, its own first.
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.home.iter().chain(&self.shared_with)
    }
}

/// The case's own office and the offices an accepted referral shares it with.
pub async fn offices_with_access(app: &App, case: &Case) -> Result<CaseOffices> {
    let shared: Vec<String> = sqlx::query_scalar(
        "SELECT to_office_id FROM case_referrals WHERE case_id = $1 AND kind = 'referral' AND status = 'accepted'",
    )
    .bind(&case.id)
    .fetch_all(&app.db.pool)
    .await?;
    Ok(CaseOffices {
        home: vec![case.office_id.clone()],
        shared_with: shared
            .into_iter()
            .filter(|office| *office != case.office_id)
            .collect(),
    })
}

/// The person id of a case's principal applicant, read in the caller's transaction.
pub(crate) async fn principal_applicant(tx: &mut Tx, case_id: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT person_id FROM case_members WHERE case_id = $1 AND role = $2")
            .bind(case_id)
            .bind(MemberRole::PrincipalApplicant.as_str())
            .fetch_optional(&mut **tx)
            .await?,
    )
}

async fn has_basis_for_referral(tx: &mut Tx, case_id: &str) -> Result<bool> {
    let Some(person_id) = principal_applicant(tx, case_id).await? else {
        return Ok(false);
    };
    Ok(consent::current_basis(tx, &person_id, Purpose::Referral)
        .await?
        .is_some())
}

async fn audit_referral(
    tx: &mut Tx,
    actor: &Actor,
    office_id: &str,
    action: AuditAction,
    referral_id: &str,
    details: serde_json::Value,
) -> Result<()> {
    audit::record(
        tx,
        NewAuditEvent::new(actor.audit_id(), action, "case_referral", Some(referral_id))
            .in_office(Some(office_id))
            .with_details(details),
    )
    .await?;
    Ok(())
}

/// Asks another office to accept a referral or a transfer of the case.
pub async fn request(
    app: &App,
    actor: &Actor,
    case_id: &str,
    form: &ReferralForm,
) -> Result<Referral> {
    let case = load_for(app, actor, case_id, Action::WorkOnCases).await?;
    // Only the case's own office refers or transfers it, not an office it is shared with.
    policy::authorize(
        actor,
        Action::WorkOnCases,
        Target::in_offices(std::slice::from_ref(&case.office_id)),
    )?;
    let mut errors = FieldErrors::default();
    let kind = ReferralKind::parse(form.kind.trim());
    if kind.is_none() {
        errors.add("kind", "error-choose-option");
    }
    let office: Option<String> = sqlx::query_scalar("SELECT id FROM offices WHERE id = $1")
        .bind(form.to_office_id.trim())
        .fetch_optional(&app.db.pool)
        .await?;
    if office.is_none() || form.to_office_id.trim() == case.office_id {
        errors.add("to_office_id", "error-choose-option");
    }
    let note = form.note.trim();
    if note.chars().count() > 2000 {
        errors.add("note", "error-text-too-long");
    }
    let override_reason = form.override_reason.trim();
    if form.override_consent && override_reason.is_empty() {
        errors.add("override_reason", "error-reason-required");
    }
    errors.into_result()?;
    let (Some(kind), Some(to_office_id)) = (kind, office) else {
        return Err(Error::invalid("kind", "error-choose-option"));
    };
    if form.override_consent {
        policy::authorize(
            actor,
            Action::OverrideConsent,
            Target::in_offices(std::slice::from_ref(&case.office_id)),
        )?;
    }
    let id = new_id();
    let seal = |column: &'static str, text: &str| {
        Some(text)
            .filter(|text| !text.is_empty())
            .map(|text| app.keyring.seal_text(context(column, &id), text))
            .transpose()
    };
    let sealed_note = seal("note", note)?;
    let sealed_reason = seal("override_reason", override_reason)?;
    let mut tx = app.db.begin().await?;
    let has_basis = has_basis_for_referral(&mut tx, &case.id).await?;
    if !has_basis && !form.override_consent {
        return Err(Error::Conflict("consent-required"));
    }
    let overridden = !has_basis && form.override_consent;
    let waiting: Option<String> = sqlx::query_scalar(
        "SELECT id FROM case_referrals WHERE case_id = $1 AND status = 'pending'",
    )
    .bind(&case.id)
    .fetch_optional(&mut *tx)
    .await?;
    if waiting.is_some() {
        return Err(Error::Conflict("referral-pending"));
    }
    sqlx::query(
        "INSERT INTO case_referrals (id, case_id, kind, from_office_id, to_office_id, status, note, consent_overridden, \
         override_reason, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(&case.id)
    .bind(kind.as_str())
    .bind(&case.office_id)
    .bind(&to_office_id)
    .bind(sealed_note)
    .bind(i64::from(overridden))
    .bind(if overridden { sealed_reason } else { None })
    .bind(actor.audit_id())
    .bind(now_millis())
    .execute(&mut *tx)
    .await?;
    record_event(
        app,
        &mut tx,
        &case.id,
        actor,
        EventKind::ReferralRequested,
        None,
        None,
    )
    .await?;
    audit_referral(
        &mut tx,
        actor,
        &case.office_id,
        AuditAction::CaseReferralRequest,
        &id,
        serde_json::json!({ "case": case.id, "kind": kind.as_str(), "to": to_office_id, "consent_overridden": overridden }),
    )
    .await?;
    tx.commit().await?;
    get(app, &id).await
}

async fn get(app: &App, referral_id: &str) -> Result<Referral> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM case_referrals r JOIN cases c ON c.id = r.case_id WHERE r.id = $1"
    )))
    .bind(referral_id)
    .fetch_optional(&app.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    from_row(app, &row)
}

/// What the receiving office decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Reject,
}

/// The receiving office accepts or rejects a waiting request; a rejection needs a reason.
pub async fn decide(
    app: &App,
    actor: &Actor,
    referral_id: &str,
    expected_version: i64,
    decision: Decision,
    reason: &str,
) -> Result<Referral> {
    let referral = get(app, referral_id).await?;
    let receiving = [referral.to_office_id.clone()];
    policy::authorize(actor, Action::WorkOnCases, Target::in_offices(&receiving))
        .map_err(|_| Error::NotFound)?;
    let reason = reason.trim();
    if decision == Decision::Reject && reason.is_empty() {
        return Err(Error::invalid("reason", "error-reason-required"));
    }
    if reason.chars().count() > 2000 {
        return Err(Error::invalid("reason", "error-text-too-long"));
    }
    if referral.status != ReferralStatus::Pending {
        return Err(Error::Conflict("referral-not-pending"));
    }
    let case = load(app, &referral.case_id).await?;
    let sealed = Some(reason)
        .filter(|reason| !reason.is_empty())
        .map(|reason| {
            app.keyring
                .seal_text(context("decision_reason", &referral.id), reason)
        })
        .transpose()?;
    let status = match decision {
        Decision::Accept => ReferralStatus::Accepted,
        Decision::Reject => ReferralStatus::Rejected,
    };
    let mut tx = app.db.begin().await?;
    if decision == Decision::Accept
        && !referral.consent_overridden
        && !has_basis_for_referral(&mut tx, &case.id).await?
    {
        return Err(Error::Conflict("consent-required"));
    }
    let result = sqlx::query(
        "UPDATE case_referrals SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $4, \
         version = version + 1 WHERE id = $5 AND version = $6 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(actor.audit_id())
    .bind(now_millis())
    .bind(sealed)
    .bind(&referral.id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    if decision == Decision::Accept && referral.kind == ReferralKind::Transfer {
        // The case's figures move with it: the reports count a case in the office holding it.
        let tracked = super::rollup::Tracked::start(&mut tx, &case.id).await?;
        sqlx::query(
            "UPDATE cases SET office_id = $1, assigned_to = NULL, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(&referral.to_office_id)
        .bind(now_millis())
        .bind(&case.id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE people SET office_id = $1 WHERE id IN (SELECT person_id FROM case_members WHERE case_id = $2)",
        )
        .bind(&referral.to_office_id)
        .bind(&case.id)
        .execute(&mut *tx)
        .await?;
        tracked.finish(&mut tx).await?;
    }
    let kind = match (referral.kind, decision) {
        (ReferralKind::Referral, Decision::Accept) => EventKind::ReferralAccepted,
        (ReferralKind::Transfer, Decision::Accept) => EventKind::TransferAccepted,
        (_, Decision::Reject) => EventKind::ReferralRejected,
    };
    record_event(app, &mut tx, &case.id, actor, kind, None, None).await?;
    audit_referral(
        &mut tx,
        actor,
        &referral.to_office_id,
        match decision {
            Decision::Accept => AuditAction::CaseReferralAccept,
            Decision::Reject => AuditAction::CaseReferralReject,
        },
        &referral.id,
        serde_json::json!({ "case": case.id, "kind": referral.kind.as_str(), "from": referral.from_office_id }),
    )
    .await?;
    tx.commit().await?;
    get(app, referral_id).await
}

/// The sending office withdraws a request that still waits.
pub async fn revoke(
    app: &App,
    actor: &Actor,
    referral_id: &str,
    expected_version: i64,
) -> Result<Referral> {
    let referral = get(app, referral_id).await?;
    let case = load_for(app, actor, &referral.case_id, Action::WorkOnCases).await?;
    policy::authorize(
        actor,
        Action::WorkOnCases,
        Target::in_offices(std::slice::from_ref(&referral.from_office_id)),
    )?;
    if referral.status != ReferralStatus::Pending {
        return Err(Error::Conflict("referral-not-pending"));
    }
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE case_referrals SET status = 'revoked', decided_by = $1, decided_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4 AND status = 'pending'",
    )
    .bind(actor.audit_id())
    .bind(now_millis())
    .bind(&referral.id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    record_event(
        app,
        &mut tx,
        &case.id,
        actor,
        EventKind::ReferralRevoked,
        None,
        None,
    )
    .await?;
    audit_referral(
        &mut tx,
        actor,
        &referral.from_office_id,
        AuditAction::CaseReferralRevoke,
        &referral.id,
        serde_json::json!({ "case": case.id, "kind": referral.kind.as_str() }),
    )
    .await?;
    tx.commit().await?;
    get(app, referral_id).await
}

/// Every request of a case, newest first.
pub async fn for_case(app: &App, actor: &Actor, case_id: &str) -> Result<Vec<Referral>> {
    let case = load_for(app, actor, case_id, Action::ViewCases).await?;
    of_case(app, &case.id).await
}

/// A case's referrals and transfers, without a policy check: callers ask first.
pub(crate) async fn of_case(app: &App, case_id: &str) -> Result<Vec<Referral>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM case_referrals r JOIN cases c ON c.id = r.case_id \
         WHERE r.case_id = $1 ORDER BY r.requested_at DESC, r.id DESC"
    )))
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(|row| from_row(app, row)).collect()
}

/// Requests waiting for the actor's offices to decide, oldest first.
pub async fn incoming(app: &App, actor: &Actor) -> Result<Vec<Referral>> {
    let scope_user = match policy::list_scope(actor, Action::WorkOnCases)? {
        ListScope::OfficesOf(user_id) => Some(user_id),
        ListScope::Everything => None,
        ListScope::OwnedBy(_) => return Err(Error::Forbidden),
    };
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM case_referrals r JOIN cases c ON c.id = r.case_id \
         WHERE r.status = 'pending' \
           AND ($1 IS NULL OR r.to_office_id IN (SELECT office_id FROM user_offices WHERE user_id = $1)) \
         ORDER BY r.requested_at, r.id LIMIT 200"
    )))
    .bind(scope_user)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(|row| from_row(app, row)).collect()
}
