//! Application assistance: cases for family reunification and other visa pathways.
//!
//! A case belongs to one office and follows one pathway of one rule pack, whose content hash is
//! recorded at opening. Its people, its moves through the workflow ([`workflow`]), its triage
//! ([`triage`]) and its timeline live here. Caseworkers and supervisors see the cases of their
//! offices; administrators and analysts see none (they run the system and read aggregates).
//! Opening a case that carries vulnerability data is itself audited.

pub mod appointments;
pub mod assignment;
pub mod documents;
pub mod events;
pub mod facts;
pub mod generate;
pub mod notes;
pub mod people;
mod queue;
pub mod quotas;
pub mod referrals;
pub mod rollup;
pub mod triage;
pub mod workflow;

pub use events::EventKind;
pub use queue::{QueueCursor, QueueFilter, QueuePage, QueueRow, queue, unassigned_new_count};

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::crypto::FieldContext;
use crate::db::{Tx, expect_one_row};
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, ListScope, Target};
use crate::privacy::consent::{self, ConsentRecord};
use crate::time::{Millis, new_id, now_millis};
use people::{Person, PersonForm, ValidPerson};
use triage::Priority;
use workflow::{CaseStatus, Requirement};

/// A person's part in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberRole {
    PrincipalApplicant,
    Sponsor,
    Spouse,
    Child,
    Parent,
    Other,
}

impl MemberRole {
    pub const ALL: [MemberRole; 6] = [
        MemberRole::PrincipalApplicant,
        MemberRole::Sponsor,
        MemberRole::Spouse,
        MemberRole::Child,
        MemberRole::Parent,
        MemberRole::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::PrincipalApplicant => "principal_applicant",
            MemberRole::Sponsor => "sponsor",
            MemberRole::Spouse => "spouse",
            MemberRole::Child => "child",
            MemberRole::Parent => "parent",
            MemberRole::Other => "other_member",
        }
    }

    pub fn parse(text: &str) -> Option<MemberRole> {
        MemberRole::ALL
            .into_iter()
            .find(|role| role.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: String,
    /// Human reference, e.g. `TR-DEU-2026-000123`.
    pub reference: String,
    pub office_id: String,
    pub pack_id: String,
    pub pack_hash: String,
    pub pathway_id: String,
    pub status: CaseStatus,
    /// The status an on-hold case resumes to.
    pub held_status: Option<CaseStatus>,
    /// The confirmed priority, which orders the queue.
    pub priority: Priority,
    /// What the latest assessment suggests, until a supervisor confirms it.
    pub suggested_priority: Option<Priority>,
    pub has_vulnerability: bool,
    pub assigned_to: Option<String>,
    pub opened_at: Millis,
    pub due_at: Millis,
    pub version: i64,
    /// The principal applicant was erased: the case stays for the figures and can be read,
    /// but no more work is done on it.
    pub erased: bool,
}

const CASE_COLUMNS: &str = "c.id, c.reference, c.office_id, c.pack_id, c.pack_hash, c.pathway_id, c.status, \
     c.held_status, c.priority, c.suggested_priority, c.has_vulnerability, c.assigned_to, c.opened_at, c.due_at, c.version, \
     c.erased_at";

fn status_of(text: &str) -> Result<CaseStatus> {
    CaseStatus::parse(text).ok_or_else(|| Error::Internal(format!("unknown case status {text}")))
}

fn priority_of(text: &str) -> Result<Priority> {
    Priority::parse(text).ok_or_else(|| Error::Internal(format!("unknown priority {text}")))
}

impl Case {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Case> {
        let held: Option<String> = row.try_get("held_status")?;
        let suggested: Option<String> = row.try_get("suggested_priority")?;
        let vulnerability: i64 = row.try_get("has_vulnerability")?;
        Ok(Case {
            id: row.try_get("id")?,
            reference: row.try_get("reference")?,
            office_id: row.try_get("office_id")?,
            pack_id: row.try_get("pack_id")?,
            pack_hash: row.try_get("pack_hash")?,
            pathway_id: row.try_get("pathway_id")?,
            status: status_of(&row.try_get::<String, _>("status")?)?,
            held_status: held.as_deref().map(status_of).transpose()?,
            priority: priority_of(&row.try_get::<String, _>("priority")?)?,
            suggested_priority: suggested.as_deref().map(priority_of).transpose()?,
            has_vulnerability: vulnerability != 0,
            assigned_to: row.try_get("assigned_to")?,
            opened_at: row.try_get("opened_at")?,
            due_at: row.try_get("due_at")?,
            version: row.try_get("version")?,
            erased: row.try_get::<Option<i64>, _>("erased_at")?.is_some(),
        })
    }

    fn offices(&self) -> Vec<String> {
        vec![self.office_id.clone()]
    }
}

/// A new case as typed: the office, the pathway and the principal applicant.
#[derive(Debug, Clone, Default)]
pub struct NewCaseForm {
    pub office_id: String,
    /// `pack_id/pathway_id`, e.g. `de/de.family.spouse`.
    pub pathway: String,
    pub applicant: PersonForm,
}

/// ISO 3166-1 alpha-3 code of a pack's destination, for case references.
fn destination_code(pack_id: &str) -> String {
    match pack_id {
        "de" => "DEU".to_owned(),
        "ca" => "CAN".to_owned(),
        "ec" => "ECU".to_owned(),
        "ae" => "ARE".to_owned(),
        other => other.to_ascii_uppercase(),
    }
}

fn current_year(now: Millis) -> i64 {
    let date = jiff::Timestamp::from_millisecond(now)
        .map(|stamp| jiff::tz::TimeZone::UTC.to_datetime(stamp).date());
    date.map_or(1970, |date| i64::from(date.year()))
}

async fn next_reference(
    tx: &mut Tx,
    office_id: &str,
    office_country: &str,
    pack_id: &str,
) -> Result<String> {
    let year = current_year(now_millis());
    sqlx::query("INSERT INTO case_counters (office_id, year, next) VALUES ($1, $2, 1) ON CONFLICT (office_id, year) DO NOTHING")
        .bind(office_id)
        .bind(year)
        .execute(&mut **tx)
        .await?;
    let number: i64 =
        sqlx::query_scalar("UPDATE case_counters SET next = next + 1 WHERE office_id = $1 AND year = $2 RETURNING next - 1")
            .bind(office_id)
            .bind(year)
            .fetch_one(&mut **tx)
            .await?;
    Ok(format!(
        "{office_country}-{}-{year}-{number:06}",
        destination_code(pack_id)
    ))
}

async fn record_event(
    app: &App,
    tx: &mut Tx,
    case_id: &str,
    actor: &Actor,
    kind: EventKind,
    change: Option<(CaseStatus, CaseStatus)>,
    reason: Option<&str>,
) -> Result<()> {
    let id = new_id();
    let sealed = reason
        .map(|reason| {
            app.keyring.seal_text(
                FieldContext {
                    table: "case_events",
                    column: "reason",
                    row_id: &id,
                },
                reason,
            )
        })
        .transpose()?;
    sqlx::query(
        "INSERT INTO case_events (id, case_id, at, actor_id, kind, from_status, to_status, reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(case_id)
    .bind(now_millis())
    .bind(actor.audit_id())
    .bind(kind.as_str())
    .bind(change.map(|(from, _)| from.as_str()))
    .bind(change.map(|(_, to)| to.as_str()))
    .bind(sealed)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records an audit event about a case, in its office.
pub(crate) async fn audit_case(
    tx: &mut Tx,
    actor: &Actor,
    case: &Case,
    action: AuditAction,
    details: serde_json::Value,
) -> Result<()> {
    audit::record(
        tx,
        NewAuditEvent::new(actor.audit_id(), action, "case", Some(&case.id))
            .in_office(Some(&case.office_id))
            .with_details(details),
    )
    .await?;
    Ok(())
}

/// Opens a case with its principal applicant.
pub async fn create(app: &App, actor: &Actor, form: &NewCaseForm) -> Result<Case> {
    let offices = vec![form.office_id.clone()];
    policy::authorize(actor, Action::WorkOnCases, Target::in_offices(&offices))?;
    let valid = validate_new(app, form).await?;
    let mut tx = app.db.begin().await?;
    let (case, _) = create_in(app, &mut tx, actor, valid).await?;
    tx.commit().await?;
    Ok(case)
}

/// A new case checked against the packs and the offices, ready to be written.
pub(crate) struct ValidNewCase<'a> {
    office_id: String,
    office_country: String,
    pack: &'a rules::Pack,
    pathway_id: String,
    applicant: ValidPerson,
    due_in: Millis,
}

pub(crate) async fn validate_new<'a>(app: &'a App, form: &NewCaseForm) -> Result<ValidNewCase<'a>> {
    let mut errors = FieldErrors::default();
    let pathway = form
        .pathway
        .split_once('/')
        .and_then(|(pack, pathway)| app.packs.pathway(pack, pathway));
    if pathway.is_none() {
        errors.add("pathway", "error-choose-option");
    }
    let applicant = form.applicant.validate("", &mut errors);
    let office_country: Option<String> =
        sqlx::query_scalar("SELECT country FROM offices WHERE id = $1")
            .bind(&form.office_id)
            .fetch_optional(&app.db.pool)
            .await?;
    if office_country.is_none() {
        errors.add("office_id", "error-choose-option");
    }
    errors.into_result()?;
    let (Some((pack, pathway)), Some(applicant), Some(office_country)) =
        (pathway, applicant, office_country)
    else {
        return Err(Error::invalid("pathway", "error-choose-option"));
    };
    let due_in = triage::sla_in_office(&app.db, &form.office_id, Priority::Normal).await?;
    Ok(ValidNewCase {
        office_id: form.office_id.clone(),
        office_country,
        pack,
        pathway_id: pathway.id.clone(),
        applicant,
        due_in,
    })
}

/// Writes a validated case and its principal applicant inside the caller's transaction;
/// returns the case and the applicant's person id. Staff who open a case are assigned to it.
pub(crate) async fn create_in(
    app: &App,
    tx: &mut Tx,
    actor: &Actor,
    valid: ValidNewCase<'_>,
) -> Result<(Case, String)> {
    let now = now_millis();
    let pack = valid.pack;
    let reference = next_reference(tx, &valid.office_id, &valid.office_country, &pack.id).await?;
    let staff = !actor.is_console() && actor.roles.iter().any(|role| role.is_staff());
    let case = Case {
        id: new_id(),
        reference,
        office_id: valid.office_id,
        pack_id: pack.id.clone(),
        pack_hash: pack.hash.clone(),
        pathway_id: valid.pathway_id,
        status: CaseStatus::Intake,
        held_status: None,
        priority: Priority::Normal,
        suggested_priority: None,
        has_vulnerability: false,
        assigned_to: Some(actor.user_id.clone()).filter(|_| staff),
        opened_at: now,
        due_at: now + valid.due_in,
        version: 1,
        erased: false,
    };
    let tracked = rollup::Tracked::new_case(&case.id);
    sqlx::query(
        "INSERT INTO cases (id, reference, office_id, pack_id, pack_hash, pathway_id, status, priority, priority_rank, \
         assigned_to, opened_at, due_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11)",
    )
    .bind(&case.id)
    .bind(&case.reference)
    .bind(&case.office_id)
    .bind(&case.pack_id)
    .bind(&case.pack_hash)
    .bind(&case.pathway_id)
    .bind(case.status.as_str())
    .bind(case.priority.as_str())
    .bind(case.priority.rank())
    .bind(&case.assigned_to)
    .bind(case.opened_at)
    .bind(case.due_at)
    .execute(&mut **tx)
    .await?;
    let person_id = people::insert(app, tx, &case.office_id, valid.applicant).await?;
    add_member_row(tx, &case.id, &person_id, MemberRole::PrincipalApplicant).await?;
    record_event(app, tx, &case.id, actor, EventKind::Opened, None, None).await?;
    tracked.finish(tx).await?;
    let details = serde_json::json!({ "reference": case.reference, "pathway": case.pathway_id, "pack_hash": case.pack_hash });
    audit_case(tx, actor, &case, AuditAction::CaseCreate, details).await?;
    Ok((case, person_id))
}

async fn add_member_row(
    tx: &mut Tx,
    case_id: &str,
    person_id: &str,
    role: MemberRole,
) -> Result<()> {
    sqlx::query("INSERT INTO case_members (case_id, person_id, role) VALUES ($1, $2, $3)")
        .bind(case_id)
        .bind(person_id)
        .bind(role.as_str())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(crate) async fn load(app: &App, case_id: &str) -> Result<Case> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {CASE_COLUMNS} FROM cases c WHERE c.id = $1"
    )))
    .bind(case_id)
    .fetch_optional(&app.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    Case::from_row(&row)
}

/// Loads a case the actor may act on; a case they may not see does not exist for them. The
/// offices with access are the case's own and those an accepted referral shares it with.
pub(crate) async fn load_for(
    app: &App,
    actor: &Actor,
    case_id: &str,
    action: Action,
) -> Result<Case> {
    load_authorized(app, actor, case_id, action)
        .await
        .map(|(case, _)| case)
}

/// A case the actor may do `action` on, with the offices that have access to it. Outside those
/// offices only an active emergency grant (`privacy::break_glass`) opens it, and only for reading.
async fn load_authorized(
    app: &App,
    actor: &Actor,
    case_id: &str,
    action: Action,
) -> Result<(Case, referrals::CaseOffices)> {
    let case = load(app, case_id).await?;
    let offices = referrals::offices_with_access(app, &case).await?;
    authorize_loaded(app, actor, &case, &offices, action).await?;
    Ok((case, offices))
}

/// The cases a person's own account is linked to, newest first, without a policy check:
/// callers ask first.
pub(crate) async fn linked_to(app: &App, user_id: &str) -> Result<Vec<Case>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT DISTINCT {CASE_COLUMNS} FROM cases c JOIN case_members m ON m.case_id = c.id \
         JOIN person_accounts a ON a.person_id = m.person_id WHERE a.user_id = $1 \
         ORDER BY c.opened_at DESC, c.id"
    )))
    .bind(user_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(Case::from_row).collect()
}

/// A case reached through the portal: the actor's own account is linked to a person of it
/// (`person_accounts`) and the policy lets them use the portal on their own records. Any other
/// case does not exist for them.
pub(crate) async fn load_linked(app: &App, actor: &Actor, case_id: &str) -> Result<Case> {
    let case = load(app, case_id).await?;
    let offices = referrals::offices_with_access(app, &case).await?;
    authorize_linked(app, actor, &case, &offices).await?;
    Ok(case)
}

/// Whether the actor's own account is linked to a person of the loaded case.
pub(super) async fn authorize_linked(
    app: &App,
    actor: &Actor,
    case: &Case,
    offices: &referrals::CaseOffices,
) -> Result<()> {
    let linked: Option<String> = sqlx::query_scalar(
        "SELECT a.user_id FROM person_accounts a JOIN case_members m ON m.person_id = a.person_id \
         WHERE m.case_id = $1 AND a.user_id = $2",
    )
    .bind(&case.id)
    .bind(&actor.user_id)
    .fetch_optional(&app.db.pool)
    .await?;
    let target = Target {
        owner: linked.as_deref(),
        ..offices.target()
    };
    policy::authorize(actor, Action::UseCasePortal, target).map_err(|_| Error::NotFound)
}

/// Whether the actor may do `action` on a loaded case whose offices with access are `offices`;
/// a case they may not see at all is [`Error::NotFound`] for them.
pub(super) async fn authorize_loaded(
    app: &App,
    actor: &Actor,
    case: &Case,
    offices: &referrals::CaseOffices,
    action: Action,
) -> Result<()> {
    if case.erased && !matches!(action, Action::ViewCases | Action::ReadCaseDocuments) {
        return Err(Error::Conflict("case-erased"));
    }
    if policy::is_allowed(actor, Action::ViewCases, offices.target()) {
        policy::authorize(actor, action, offices.target())
    } else {
        crate::privacy::break_glass::opens_for_reading(app, actor, &case.id, action).await
    }
}

/// A member of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person: Person,
    pub role: MemberRole,
}

/// Who took a step of a case, as staff see it: a staff member by name, the applicant (never
/// by name), or the system (the console, a generator, the daily jobs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepBy {
    Staff(String),
    Applicant,
    System,
}

/// One line of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub at: Millis,
    pub actor_id: Option<String>,
    pub by: StepBy,
    pub kind: EventKind,
    pub from_status: Option<CaseStatus>,
    pub to_status: Option<CaseStatus>,
    pub reason: Option<String>,
}

/// The latest vulnerability assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub codes: Vec<String>,
    pub codes_version: String,
    pub narrative: Option<String>,
    pub suggested: Priority,
    pub assessed_at: Millis,
}

/// Everything the case page shows.
#[derive(Debug, Clone)]
pub struct CaseFile {
    pub case: Case,
    pub members: Vec<Member>,
    pub timeline: Vec<TimelineEntry>,
    pub assessment: Option<Assessment>,
}

/// The contact side of a case as its staff see it on the case page.
#[derive(Debug, Clone)]
pub struct CaseContact {
    /// The case's own office and those an accepted referral shares it with.
    pub offices_with_access: referrals::CaseOffices,
    pub appointments: Vec<appointments::Appointment>,
    pub notes: Vec<notes::Note>,
    pub messages: Vec<notes::Message>,
    pub referrals: Vec<referrals::Referral>,
    pub consents: Vec<ConsentRecord>,
    /// The language the applicant's portal account is set to, when an applicant has one:
    /// the language to write to them in.
    pub applicant_language: Option<String>,
    /// Whether the file may go forward as complete, and if not, why: the case page says it
    /// beside a move it cannot offer yet.
    pub completeness: documents::CompletenessGate,
}

/// The language of the portal account of the case's principal applicant, or else of another
/// member with an account.
async fn applicant_language(app: &App, case_id: &str) -> Result<Option<String>> {
    let locale = sqlx::query_scalar(
        "SELECT u.locale FROM case_members m \
         JOIN person_accounts a ON a.person_id = m.person_id JOIN users u ON u.id = a.user_id \
         WHERE m.case_id = $1 \
         ORDER BY CASE WHEN m.role = 'principal_applicant' THEN 0 ELSE 1 END, m.person_id LIMIT 1",
    )
    .bind(case_id)
    .fetch_optional(&app.db.pool)
    .await?;
    Ok(locale)
}

/// Opens a case file. Reading a file with vulnerability data writes an audit event.
pub async fn open(app: &App, actor: &Actor, case_id: &str) -> Result<CaseFile> {
    let (case, _) = load_authorized(app, actor, case_id, Action::ViewCases).await?;
    let file = read_file(app, case).await?;
    if file.case.has_vulnerability {
        let mut tx = app.db.begin().await?;
        audit_sensitive_read(&mut tx, actor, &file, None).await?;
        tx.commit().await?;
    }
    Ok(file)
}

/// Opens a case file with its contact side (appointments, notes, messages, referrals, consent),
/// for the case page: one visibility check and at most one audit event for everything sensitive
/// that was read, instead of one per section. Reading the thread moves the reader's position.
pub async fn open_with_contact(
    app: &App,
    actor: &Actor,
    case_id: &str,
) -> Result<(CaseFile, CaseContact)> {
    let (case, offices_with_access) =
        load_authorized(app, actor, case_id, Action::ViewCases).await?;
    let file = read_file(app, case).await?;
    let id = &file.case.id;
    let contact = CaseContact {
        appointments: appointments::of_case(app, id).await?,
        notes: notes::read_notes(app, id, notes::Side::Staff).await?,
        messages: notes::read_thread(app, id, actor, notes::Side::Staff).await?,
        referrals: referrals::of_case(app, id).await?,
        consents: consent::of_case(app, id).await?,
        applicant_language: applicant_language(app, id).await?,
        completeness: documents::completeness_gate_of(app, id).await?,
        offices_with_access,
    };
    let sensitive =
        file.case.has_vulnerability || !contact.notes.is_empty() || !contact.messages.is_empty();
    if sensitive {
        let mut tx = app.db.begin().await?;
        notes::mark_read(&mut tx, id, actor, &contact.messages).await?;
        audit_sensitive_read(&mut tx, actor, &file, Some(&contact)).await?;
        tx.commit().await?;
    }
    Ok((file, contact))
}

/// A case's file without a policy check or audit: callers ask and record first.
pub(crate) async fn read_file(app: &App, case: Case) -> Result<CaseFile> {
    let member_rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {}, m.role FROM case_members m JOIN people p ON p.id = m.person_id WHERE m.case_id = $1 \
         ORDER BY CASE m.role WHEN 'principal_applicant' THEN 0 WHEN 'sponsor' THEN 1 ELSE 2 END, p.id",
        people::PERSON_COLUMNS
    )))
    .bind(&case.id)
    .fetch_all(&app.db.pool)
    .await?;
    let mut members = Vec::new();
    for row in &member_rows {
        let role: String = row.try_get("role")?;
        members.push(Member {
            person: people::from_row(app, row)?,
            role: MemberRole::parse(&role)
                .ok_or_else(|| Error::Internal(format!("unknown member role {role}")))?,
        });
    }
    let timeline = timeline(app, &case.id).await?;
    let assessment = latest_assessment(app, &case.id).await?;
    Ok(CaseFile {
        case,
        members,
        timeline,
        assessment,
    })
}

/// Records what sensitive parts of a file were read: vulnerability data, notes, messages.
async fn audit_sensitive_read(
    tx: &mut Tx,
    actor: &Actor,
    file: &CaseFile,
    contact: Option<&CaseContact>,
) -> Result<()> {
    let mut details = serde_json::json!({ "vulnerability": file.case.has_vulnerability });
    if let Some(contact) = contact {
        details["notes"] = contact.notes.len().into();
        details["messages"] = contact.messages.len().into();
    }
    audit_case(
        tx,
        actor,
        &file.case,
        AuditAction::CaseReadSensitive,
        details,
    )
    .await
}

/// A case's events, oldest first, without a policy check: callers ask first.
pub(crate) async fn timeline(app: &App, case_id: &str) -> Result<Vec<TimelineEntry>> {
    let rows = sqlx::query(
        "SELECT e.id, e.at, e.actor_id, e.kind, e.from_status, e.to_status, e.reason, \
           u.display_name AS actor_name, \
           (SELECT COUNT(*) FROM user_roles r WHERE r.user_id = e.actor_id AND r.role = 'migrant') AS by_applicant \
         FROM case_events e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE e.case_id = $1 ORDER BY e.at, e.id",
    )
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    let mut entries = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        let sealed: Option<Vec<u8>> = row.try_get("reason")?;
        let reason = sealed
            .map(|sealed| {
                app.keyring
                    .open_text(
                        FieldContext {
                            table: "case_events",
                            column: "reason",
                            row_id: &id,
                        },
                        &sealed,
                    )
                    .map(|text| text.to_string())
            })
            .transpose()?;
        let from: Option<String> = row.try_get("from_status")?;
        let to: Option<String> = row.try_get("to_status")?;
        let actor_name: Option<String> = row.try_get("actor_name")?;
        let by_applicant: i64 = row.try_get("by_applicant")?;
        let by = match actor_name {
            _ if by_applicant > 0 => StepBy::Applicant,
            Some(name) if !name.is_empty() => StepBy::Staff(name),
            _ => StepBy::System,
        };
        entries.push(TimelineEntry {
            at: row.try_get("at")?,
            actor_id: row.try_get("actor_id")?,
            by,
            kind: EventKind::parse(&row.try_get::<String, _>("kind")?)?,
            from_status: from.as_deref().map(status_of).transpose()?,
            to_status: to.as_deref().map(status_of).transpose()?,
            reason,
        });
    }
    Ok(entries)
}

/// A case's latest vulnerability assessment, without a policy check: callers ask first.
pub(crate) async fn latest_assessment(app: &App, case_id: &str) -> Result<Option<Assessment>> {
    let row = sqlx::query(
        "SELECT id, codes, codes_version, narrative, suggested, assessed_at FROM vulnerability_assessments \
         WHERE case_id = $1 ORDER BY assessed_at DESC, id DESC LIMIT 1",
    )
    .bind(case_id)
    .fetch_optional(&app.db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: String = row.try_get("id")?;
    let codes: String = row.try_get("codes")?;
    let sealed: Option<Vec<u8>> = row.try_get("narrative")?;
    let narrative = sealed
        .map(|sealed| {
            app.keyring
                .open_text(
                    FieldContext {
                        table: "vulnerability_assessments",
                        column: "narrative",
                        row_id: &id,
                    },
                    &sealed,
                )
                .map(|text| text.to_string())
        })
        .transpose()?;
    Ok(Some(Assessment {
        codes: serde_json::from_str(&codes).map_err(Error::internal)?,
        codes_version: row.try_get("codes_version")?,
        narrative,
        suggested: priority_of(&row.try_get::<String, _>("suggested")?)?,
        assessed_at: row.try_get("assessed_at")?,
    }))
}

/// Adds a family member (or sponsor) to a case.
pub async fn add_member(
    app: &App,
    actor: &Actor,
    case_id: &str,
    expected_version: i64,
    person: &PersonForm,
    role: &str,
) -> Result<()> {
    let case = load_for(app, actor, case_id, Action::WorkOnCases).await?;
    let mut errors = FieldErrors::default();
    let role = MemberRole::parse(role);
    if role.is_none() {
        errors.add("role", "error-choose-option");
    }
    let person = person.validate("", &mut errors);
    errors.into_result()?;
    let (Some(role), Some(person)) = (role, person) else {
        return Err(Error::invalid("role", "error-choose-option"));
    };
    let mut tx = app.db.begin().await?;
    bump_version(&mut tx, &case, expected_version).await?;
    let tracked = rollup::Tracked::start(&mut tx, &case.id).await?;
    let person_id = people::insert(app, &mut tx, &case.office_id, person).await?;
    add_member_row(&mut tx, &case.id, &person_id, role).await?;
    record_event(
        app,
        &mut tx,
        &case.id,
        actor,
        EventKind::MemberAdded,
        None,
        None,
    )
    .await?;
    tracked.finish(&mut tx).await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CaseMemberAdd,
        serde_json::json!({ "person": person_id, "role": role.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn bump_version(tx: &mut Tx, case: &Case, expected_version: i64) -> Result<()> {
    let result = sqlx::query(
        "UPDATE cases SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(now_millis())
    .bind(&case.id)
    .bind(expected_version)
    .execute(&mut **tx)
    .await?;
    expect_one_row(result)
}

/// How a move to `ready_for_submission` is justified.
#[derive(Debug, Clone, Default)]
pub struct MoveRequest {
    pub to: String,
    pub reason: String,
    /// A supervisor's override of the completeness requirement.
    pub override_completeness: bool,
}

/// Moves a case to another status, if the workflow table allows it for this actor.
pub async fn move_case(
    app: &App,
    actor: &Actor,
    case_id: &str,
    expected_version: i64,
    request: &MoveRequest,
) -> Result<Case> {
    let case = load_for(app, actor, case_id, Action::WorkOnCases).await?;
    let to = CaseStatus::parse(&request.to)
        .ok_or_else(|| Error::invalid("to", "error-choose-option"))?;
    let step = workflow::allowed_moves(case.status, case.held_status)
        .into_iter()
        .find(|step| step.to == to)
        .ok_or(Error::Conflict("move-not-allowed"))?;
    policy::authorize(actor, step.permission, Target::in_offices(&case.offices()))?;
    let reason = request.reason.trim();
    match step.requires {
        Requirement::None => {}
        Requirement::Reason if reason.is_empty() => {
            return Err(Error::invalid("reason", "error-reason-required"));
        }
        Requirement::Reason => {}
        Requirement::OrientationCertificate => {
            crate::orientation::requirements::check_before_travel(
                &app.db,
                &case.id,
                &case.office_id,
                &case.pathway_id,
            )
            .await?;
        }
        Requirement::CompleteFile => {
            // Forward with a complete, current report, or by a supervisor's reasoned override.
            if !request.override_completeness {
                let gate = documents::completeness_gate_of(app, &case.id).await?;
                if let Some(refusal) = gate.refusal() {
                    return Err(Error::Conflict(refusal));
                }
            } else {
                policy::authorize(
                    actor,
                    Action::OverrideCompleteness,
                    Target::in_offices(&case.offices()),
                )?;
                if reason.is_empty() {
                    return Err(Error::invalid("reason", "error-reason-required"));
                }
            }
        }
    }
    let held = match to {
        CaseStatus::OnHold => Some(case.status.as_str()),
        _ => None,
    };
    let mut tx = app.db.begin().await?;
    let tracked = rollup::Tracked::start(&mut tx, &case.id).await?;
    let result = sqlx::query(
        "UPDATE cases SET status = $1, held_status = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5",
    )
    .bind(to.as_str())
    .bind(held)
    .bind(now_millis())
    .bind(&case.id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    let reason = Some(reason).filter(|reason| !reason.is_empty());
    record_event(
        app,
        &mut tx,
        &case.id,
        actor,
        EventKind::Status,
        Some((case.status, to)),
        reason,
    )
    .await?;
    tracked.finish(&mut tx).await?;
    // A decision counts once: resuming an approved case from hold is not another approval.
    if to == CaseStatus::Approved && case.status != CaseStatus::OnHold {
        let month = quotas::month_of(now_millis())?;
        quotas::add_approvals(&mut tx, &case.pack_id, &case.pathway_id, &month, 1).await?;
    }
    let details = serde_json::json!({
        "from": case.status.as_str(),
        "to": to.as_str(),
        "override": request.override_completeness && step.requires == Requirement::CompleteFile,
    });
    audit_case(&mut tx, actor, &case, AuditAction::CaseMove, details).await?;
    tx.commit().await?;
    load(app, case_id).await
}

/// Records a vulnerability assessment; its suggested priority waits for a supervisor.
pub async fn assess(
    app: &App,
    actor: &Actor,
    case_id: &str,
    expected_version: i64,
    codes: &[String],
    narrative: &str,
) -> Result<Priority> {
    let case = load_for(app, actor, case_id, Action::WorkOnCases).await?;
    let catalogue = triage::need_codes()?;
    let (suggested, _) = catalogue.suggest(codes)?;
    let id = new_id();
    let narrative = narrative.trim();
    let sealed = Some(narrative)
        .filter(|text| !text.is_empty())
        .map(|text| {
            app.keyring.seal_text(
                FieldContext {
                    table: "vulnerability_assessments",
                    column: "narrative",
                    row_id: &id,
                },
                text,
            )
        })
        .transpose()?;
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE cases SET suggested_priority = $1, has_vulnerability = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5",
    )
    .bind(suggested.as_str())
    .bind(i64::from(!codes.is_empty()))
    .bind(now_millis())
    .bind(&case.id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    sqlx::query(
        "INSERT INTO vulnerability_assessments (id, case_id, codes, codes_version, narrative, suggested, assessed_by, assessed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&case.id)
    .bind(serde_json::to_string(codes).map_err(Error::internal)?)
    .bind(&catalogue.version)
    .bind(sealed)
    .bind(suggested.as_str())
    .bind(actor.audit_id())
    .bind(now_millis())
    .execute(&mut *tx)
    .await?;
    record_event(
        app,
        &mut tx,
        &case.id,
        actor,
        EventKind::Assessed,
        None,
        None,
    )
    .await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CaseAssess,
        serde_json::json!({ "suggested": suggested.as_str(), "codes": codes.len() }),
    )
    .await?;
    tx.commit().await?;
    Ok(suggested)
}

/// A supervisor confirms the suggested priority; the due date follows from it.
pub async fn confirm_priority(
    app: &App,
    actor: &Actor,
    case_id: &str,
    expected_version: i64,
) -> Result<Case> {
    let case = load_for(app, actor, case_id, Action::ConfirmPriority).await?;
    let priority = case
        .suggested_priority
        .ok_or(Error::Conflict("nothing-to-confirm"))?;
    let due_at = case.opened_at + triage::sla_in_office(&app.db, &case.office_id, priority).await?;
    let mut tx = app.db.begin().await?;
    let tracked = rollup::Tracked::start(&mut tx, &case.id).await?;
    let result = sqlx::query(
        "UPDATE cases SET priority = $1, priority_rank = $2, priority_confirmed_by = $3, suggested_priority = NULL, \
         due_at = $4, version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7",
    )
    .bind(priority.as_str())
    .bind(priority.rank())
    .bind(actor.audit_id())
    .bind(due_at)
    .bind(now_millis())
    .bind(&case.id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    record_event(
        app,
        &mut tx,
        &case.id,
        actor,
        EventKind::PriorityConfirmed,
        None,
        Some(priority.as_str()),
    )
    .await?;
    tracked.finish(&mut tx).await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CasePriorityConfirm,
        serde_json::json!({ "priority": priority.as_str() }),
    )
    .await?;
    tx.commit().await?;
    load(app, case_id).await
}

/// The user whose offices bound a case list (`None`: every office), or [`Error::Forbidden`].
fn offices_in_scope(actor: &Actor) -> Result<Option<String>> {
    match policy::list_scope(actor, Action::ViewCases)? {
        ListScope::OfficesOf(user_id) => Ok(Some(user_id)),
        ListScope::Everything => Ok(None),
        ListScope::OwnedBy(_) => Err(Error::Forbidden),
    }
}

/// People already on record whose name (in its ICAO rendering) matches, for search-before-create.
pub async fn similar_people(
    app: &App,
    actor: &Actor,
    surname: &str,
    given_names: &str,
) -> Result<Vec<(Person, String)>> {
    let scope_user = offices_in_scope(actor)?;
    let names = people::PersonNames {
        surname: surname.trim().to_owned(),
        given_names: given_names.trim().to_owned(),
    };
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {}, c.reference FROM people p \
         JOIN case_members m ON m.person_id = p.id JOIN cases c ON c.id = m.case_id \
         WHERE (p.name_key = $1 OR (p.surname_key = $2 AND $3 = '')) \
           AND ($4 IS NULL OR p.office_id IN (SELECT office_id FROM user_offices WHERE user_id = $4)) \
         ORDER BY c.reference LIMIT 20",
        people::PERSON_COLUMNS
    )))
    .bind(people::name_key(app, &names))
    .bind(people::surname_key(app, &names.surname))
    .bind(&names.given_names)
    .bind(scope_user)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                people::from_row(app, row)?,
                row.try_get::<String, _>("reference")?,
            ))
        })
        .collect()
}
