//! Subject access (GDPR Art. 15): a person asks what Corridor holds about them.
//!
//! A supervisor of the person's office records the request (received when, by which channel,
//! answered in which language); it is due [`RESPONSE_DAYS`] after receipt. Fulfilling it gathers
//! everything held about the person from every module into one [`SubjectExport`] of plain
//! records, marks the request fulfilled and audits both in one transaction; the web layer turns
//! the export into a ZIP of JSON and a readable summary. A request may also be refused, with a
//! reason (sealed).
//!
//! What the export holds, and why:
//! - the person, every case they are a member of (all of its case-level data: facts, eligibility,
//!   timeline, vulnerability assessment, referrals, appointments of the person), consents,
//!   the migrant account linked to them, their orientation record, and the audit events whose
//!   subject is the person or one of their cases;
//! - checklist items and documents under the person's own key of each case only; documents
//!   are listed with their metadata (type, size, upload time, MRZ findings), not their bytes:
//!   the files are copies of papers the person handed in, they are sealed per file and can be
//!   large, and the caseworker can hand over any single file on request. This keeps the export
//!   small enough to read and to send;
//! - shared and internal notes and the message thread: Art. 15 covers internal notes about the
//!   person unless an exemption applies, and deciding an exemption is the supervisor's call per
//!   request (they refuse with a reason, or redact after download), not a default of the code.
//!
//! Cases held by another office are read as well: a request is answered by the controller as
//! a whole, so the export reads each case as a supervisor of that case's office would, while
//! the audit events still name the supervisor who fulfilled the request.

use sqlx::Row;

use crate::App;
use crate::accounts;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::cases::{self, documents, facts, notes, people::Person};
use crate::crypto::FieldContext;
use crate::db::expect_one_row;
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, ListScope, Target};
use crate::time::{DAY, Millis, new_id, now_millis};

/// Art. 12(3): one month; counted as 30 days from receipt.
pub const RESPONSE_DAYS: i64 = 30;

/// How the request reached the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    InPerson,
    Letter,
    Email,
    Phone,
    Portal,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::InPerson,
        Channel::Letter,
        Channel::Email,
        Channel::Phone,
        Channel::Portal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InPerson => "in_person",
            Channel::Letter => "letter",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Portal => "portal",
        }
    }

    pub fn parse(text: &str) -> Option<Channel> {
        Channel::ALL
            .into_iter()
            .find(|value| value.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    Open,
    Fulfilled,
    Refused,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Fulfilled => "fulfilled",
            RequestStatus::Refused => "refused",
        }
    }

    pub fn parse(text: &str) -> Option<RequestStatus> {
        [
            RequestStatus::Open,
            RequestStatus::Fulfilled,
            RequestStatus::Refused,
        ]
        .into_iter()
        .find(|value| value.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRequest {
    pub id: String,
    pub person_id: String,
    pub office_id: String,
    pub received_at: Millis,
    pub due_at: Millis,
    pub requested_via: Channel,
    /// The language the reply is written in.
    pub language: String,
    pub status: RequestStatus,
    /// Why it was refused.
    pub reason: Option<String>,
    pub recorded_by: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<Millis>,
    pub version: i64,
}

impl AccessRequest {
    pub fn is_overdue(&self, now: Millis) -> bool {
        self.status == RequestStatus::Open && now > self.due_at
    }
}

/// A request as typed.
#[derive(Debug, Clone, Default)]
pub struct AccessRequestForm {
    pub person_id: String,
    pub requested_via: String,
    /// `YYYY-MM-DD`; empty means today.
    pub received_on: String,
    /// Empty means the language of the person's own account, when they have one.
    pub language: String,
}

const REASON_FIELD: (&str, &str) = ("subject_access_requests", "reason");

fn reason_context(id: &str) -> FieldContext<'_> {
    FieldContext {
        table: REASON_FIELD.0,
        column: REASON_FIELD.1,
        row_id: id,
    }
}

const REQUEST_COLUMNS: &str = "id, person_id, office_id, received_at, due_at, requested_via, language, status, \
     reason, recorded_by, decided_by, decided_at, version";

fn request_from_row(app: &App, row: &sqlx::any::AnyRow) -> Result<AccessRequest> {
    let id: String = row.try_get("id")?;
    let via: String = row.try_get("requested_via")?;
    let status: String = row.try_get("status")?;
    let sealed: Option<Vec<u8>> = row.try_get("reason")?;
    let reason = sealed
        .map(|sealed| {
            app.keyring
                .open_text(reason_context(&id), &sealed)
                .map(|text| text.to_string())
        })
        .transpose()?;
    Ok(AccessRequest {
        person_id: row.try_get("person_id")?,
        office_id: row.try_get("office_id")?,
        received_at: row.try_get("received_at")?,
        due_at: row.try_get("due_at")?,
        requested_via: Channel::parse(&via)
            .ok_or_else(|| Error::Internal(format!("unknown channel {via}")))?,
        language: row.try_get("language")?,
        status: RequestStatus::parse(&status)
            .ok_or_else(|| Error::Internal(format!("unknown request status {status}")))?,
        reason,
        recorded_by: row.try_get("recorded_by")?,
        decided_by: row.try_get("decided_by")?,
        decided_at: row.try_get("decided_at")?,
        version: row.try_get("version")?,
        id,
    })
}

async fn account_locale(app: &App, person_id: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT u.locale FROM person_accounts a JOIN users u ON u.id = a.user_id WHERE a.person_id = $1",
    )
    .bind(person_id)
    .fetch_optional(&app.db.pool)
    .await?)
}

fn start_of_day(date: &str) -> Option<Millis> {
    crate::orientation::parse_datetime_local(&format!("{}T00:00", date.trim()))
}

async fn load_person(app: &App, person_id: &str) -> Result<Option<Person>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM people p WHERE p.id = $1",
        cases::people::PERSON_COLUMNS
    )))
    .bind(person_id)
    .fetch_optional(&app.db.pool)
    .await?;
    row.map(|row| cases::people::from_row(app, &row))
        .transpose()
}

/// The person a request would be about, when they belong to one of the actor's offices.
pub async fn person_for_request(app: &App, actor: &Actor, person_id: &str) -> Result<Person> {
    let Some(person) = load_person(app, person_id.trim()).await? else {
        policy::list_scope(actor, Action::HandleSubjectAccess)?;
        return Err(Error::NotFound);
    };
    policy::authorize(
        actor,
        Action::HandleSubjectAccess,
        Target::in_offices(std::slice::from_ref(&person.office_id)),
    )?;
    Ok(person)
}

/// Records a request of a person of one of the actor's offices.
pub async fn record(app: &App, actor: &Actor, form: &AccessRequestForm) -> Result<AccessRequest> {
    let office_id = person_for_request(app, actor, &form.person_id)
        .await?
        .office_id;
    let now = now_millis();
    let mut errors = FieldErrors::default();
    let via = Channel::parse(form.requested_via.trim());
    if via.is_none() {
        errors.add("requested_via", "error-choose-option");
    }
    let received_at = match form.received_on.trim() {
        "" => Some(now),
        date => start_of_day(date).filter(|at| *at <= now),
    };
    if received_at.is_none() {
        errors.add("received_on", "sar-error-received-on");
    }
    let language = match form.language.trim() {
        "" => account_locale(app, form.person_id.trim()).await?,
        chosen => Some(chosen.to_owned()),
    }
    .filter(|language| accounts::valid_locale(language));
    if language.is_none() {
        errors.add("language", "error-choose-option");
    }
    errors.into_result()?;
    let (Some(via), Some(received_at), Some(language)) = (via, received_at, language) else {
        return Err(Error::invalid("requested_via", "error-choose-option"));
    };
    let request = AccessRequest {
        id: new_id(),
        person_id: form.person_id.trim().to_owned(),
        office_id,
        received_at,
        due_at: received_at + RESPONSE_DAYS * DAY,
        requested_via: via,
        language,
        status: RequestStatus::Open,
        reason: None,
        recorded_by: actor.audit_id().map(str::to_owned),
        decided_by: None,
        decided_at: None,
        version: 1,
    };
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO subject_access_requests (id, person_id, office_id, received_at, due_at, requested_via, \
         language, status, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&request.id)
    .bind(&request.person_id)
    .bind(&request.office_id)
    .bind(request.received_at)
    .bind(request.due_at)
    .bind(request.requested_via.as_str())
    .bind(&request.language)
    .bind(request.status.as_str())
    .bind(&request.recorded_by)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::SubjectAccessRecord,
            "person",
            Some(&request.person_id),
        )
        .in_office(Some(&request.office_id))
        .with_details(serde_json::json!({
            "request": request.id,
            "via": request.requested_via.as_str(),
            "due_at": request.due_at,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(request)
}

/// An open request with the name of the person it is about.
#[derive(Debug, Clone)]
pub struct OpenRequest {
    pub request: AccessRequest,
    pub person: Person,
}

/// The open requests of the actor's offices, soonest due first.
pub async fn open_requests(app: &App, actor: &Actor) -> Result<Vec<OpenRequest>> {
    let scope_user = match policy::list_scope(actor, Action::HandleSubjectAccess)? {
        ListScope::Everything => None,
        ListScope::OfficesOf(user) | ListScope::OwnedBy(user) => Some(user),
    };
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {REQUEST_COLUMNS} FROM subject_access_requests WHERE status = 'open' \
         AND ($1 IS NULL OR office_id IN (SELECT office_id FROM user_offices WHERE user_id = $1)) \
         ORDER BY due_at, id"
    )))
    .bind(scope_user)
    .fetch_all(&app.db.pool)
    .await?;
    let mut open = Vec::new();
    for row in &rows {
        let request = request_from_row(app, row)?;
        let person = load_person(app, &request.person_id)
            .await?
            .ok_or(Error::NotFound)?;
        open.push(OpenRequest { request, person });
    }
    Ok(open)
}

/// One request the actor may handle.
pub async fn get(app: &App, actor: &Actor, request_id: &str) -> Result<AccessRequest> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {REQUEST_COLUMNS} FROM subject_access_requests WHERE id = $1"
    )))
    .bind(request_id)
    .fetch_optional(&app.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    let request = request_from_row(app, &row)?;
    policy::authorize(
        actor,
        Action::HandleSubjectAccess,
        Target::in_offices(std::slice::from_ref(&request.office_id)),
    )?;
    Ok(request)
}

/// Refuses an open request with a reason (an exemption, a request that is manifestly unfounded).
pub async fn refuse(
    app: &App,
    actor: &Actor,
    request_id: &str,
    expected_version: i64,
    reason: &str,
) -> Result<()> {
    let request = get(app, actor, request_id).await?;
    let reason = super::stated_reason(reason, "sar-error-reason")?;
    let sealed = app.keyring.seal_text(reason_context(&request.id), reason)?;
    let mut tx = app.db.begin().await?;
    decide(
        &mut tx,
        actor,
        &request,
        expected_version,
        RequestStatus::Refused,
        Some(sealed),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn decide(
    tx: &mut crate::db::Tx,
    actor: &Actor,
    request: &AccessRequest,
    expected_version: i64,
    status: RequestStatus,
    reason: Option<Vec<u8>>,
) -> Result<()> {
    let result = sqlx::query(
        "UPDATE subject_access_requests SET status = $1, reason = $2, decided_by = $3, decided_at = $4, \
         version = version + 1 WHERE id = $5 AND version = $6 AND status = 'open'",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(actor.audit_id())
    .bind(now_millis())
    .bind(&request.id)
    .bind(expected_version)
    .execute(&mut **tx)
    .await?;
    expect_one_row(result)?;
    let action = match status {
        RequestStatus::Fulfilled => AuditAction::SubjectAccessFulfil,
        _ => AuditAction::SubjectAccessRefuse,
    };
    audit::record(
        tx,
        NewAuditEvent::new(actor.audit_id(), action, "person", Some(&request.person_id))
            .in_office(Some(&request.office_id))
            .with_details(serde_json::json!({ "request": request.id })),
    )
    .await?;
    Ok(())
}

/// A value in an exported record.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(i64),
    /// Unix milliseconds.
    Instant(Millis),
    Flag(bool),
    List(Vec<String>),
    /// Structured data kept as JSON (facts, eligibility reasons, audit details).
    Json(serde_json::Value),
    Absent,
}

/// One record: named values in a fixed order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record(pub Vec<(&'static str, Value)>);

impl Record {
    fn with(mut self, name: &'static str, value: Value) -> Record {
        self.0.push((name, value));
        self
    }

    fn text(self, name: &'static str, value: impl Into<String>) -> Record {
        self.with(name, Value::Text(value.into()))
    }

    fn maybe(self, name: &'static str, value: Option<impl Into<String>>) -> Record {
        self.with(name, value.map_or(Value::Absent, |v| Value::Text(v.into())))
    }

    fn instant(self, name: &'static str, value: Millis) -> Record {
        self.with(name, Value::Instant(value))
    }

    fn maybe_instant(self, name: &'static str, value: Option<Millis>) -> Record {
        self.with(name, value.map_or(Value::Absent, Value::Instant))
    }

    /// The text of a value by name, for summaries and tests.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(key, _)| *key == name).map(|(_, v)| v)
    }
}

/// The records of one kind, e.g. `documents`. Its title is the Fluent message `sar-section-<key>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub key: &'static str,
    pub records: Vec<Record>,
}

/// The section keys, in the order an export lists them.
pub const SECTIONS: [&str; 22] = [
    "person",
    "cases",
    "memberships",
    "case_events",
    "facts",
    "eligibility",
    "vulnerability",
    "checklist",
    "documents",
    "appointments",
    "notes",
    "messages",
    "referrals",
    "consents",
    "account",
    "orientation_participant",
    "orientation_enrolments",
    "orientation_attendance",
    "orientation_assessments",
    "orientation_certificates",
    "subject_access_requests",
    "audit_events",
];

/// Everything held about one person, as answered to one request.
#[derive(Debug, Clone)]
pub struct SubjectExport {
    pub request: AccessRequest,
    pub generated_at: Millis,
    pub person: Person,
    pub sections: Vec<Section>,
}

impl SubjectExport {
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|section| section.key == key)
    }
}

/// Gathers the export, marks the request fulfilled and audits the export as a sensitive read.
pub async fn fulfil(
    app: &App,
    actor: &Actor,
    request_id: &str,
    expected_version: i64,
) -> Result<SubjectExport> {
    let request = get(app, actor, request_id).await?;
    if request.status != RequestStatus::Open {
        return Err(Error::Conflict("sar-not-open"));
    }
    let export = gather(app, request).await?;
    let mut tx = app.db.begin().await?;
    decide(
        &mut tx,
        actor,
        &export.request,
        expected_version,
        RequestStatus::Fulfilled,
        None,
    )
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::PersonReadSensitive,
            "person",
            Some(&export.person.id),
        )
        .in_office(Some(&export.request.office_id))
        .with_details(serde_json::json!({
            "what": "subject_access_export",
            "request": export.request.id,
            "records": export.sections.iter().map(|s| s.records.len()).sum::<usize>(),
        })),
    )
    .await?;
    tx.commit().await?;
    let mut export = export;
    export.request.status = RequestStatus::Fulfilled;
    export.request.decided_by = actor.audit_id().map(str::to_owned);
    export.request.decided_at = Some(now_millis());
    export.request.version += 1;
    Ok(export)
}

struct Collector {
    sections: Vec<Section>,
}

impl Collector {
    fn new() -> Collector {
        Collector {
            sections: SECTIONS
                .iter()
                .map(|key| Section {
                    key,
                    records: Vec::new(),
                })
                .collect(),
        }
    }

    fn push(&mut self, key: &'static str, record: Record) {
        if let Some(section) = self.sections.iter_mut().find(|s| s.key == key) {
            section.records.push(record);
        }
    }
}

async fn gather(app: &App, request: AccessRequest) -> Result<SubjectExport> {
    let person = load_person(app, &request.person_id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut out = Collector::new();
    out.push(
        "person",
        Record::default()
            .text("id", &person.id)
            .text("surname", &person.names.surname)
            .text("given_names", &person.names.given_names)
            .maybe("birth_date", person.birth_date.clone())
            .text("sex", &person.sex)
            .maybe("nationality", person.nationality.clone())
            .text("office", &person.office_id),
    );
    let memberships = sqlx::query(
        "SELECT m.case_id, m.role FROM case_members m JOIN cases c ON c.id = m.case_id \
         WHERE m.person_id = $1 ORDER BY c.opened_at, c.id",
    )
    .bind(&person.id)
    .fetch_all(&app.db.pool)
    .await?;
    for row in &memberships {
        let case_id: String = row.try_get("case_id")?;
        out.push(
            "memberships",
            Record::default()
                .text("case", &case_id)
                .text("role", row.try_get::<String, _>("role")?),
        );
        gather_case(app, &person.id, &case_id, &mut out).await?;
    }
    gather_consents(app, &person.id, &mut out).await?;
    gather_account(app, &person.id, &mut out).await?;
    gather_orientation(app, &person.id, &mut out).await?;
    gather_requests(app, &person.id, &mut out).await?;
    let events = audit::about_person(&app.db, &person.id).await?;
    for event in events {
        let details = serde_json::from_str(&event.details).unwrap_or(serde_json::Value::Null);
        out.push(
            "audit_events",
            Record::default()
                .with("seq", Value::Number(event.seq))
                .instant("at", event.at)
                .maybe("actor", event.actor_id)
                .maybe("office", event.office_id)
                .text("action", event.action)
                .text("subject", event.target_type)
                .maybe("subject_id", event.target_id)
                .with("details", Value::Json(details)),
        );
    }
    Ok(SubjectExport {
        request,
        generated_at: now_millis(),
        person,
        sections: out.sections,
    })
}

/// One case's records. Read without the modules' own policy checks and audit events: the
/// request was authorised once (`HandleSubjectAccess` for its office) and the whole export is
/// one audited read in `fulfil`'s transaction; a controller answers for every office that holds
/// the person's data.
async fn gather_case(app: &App, person_id: &str, case_id: &str, out: &mut Collector) -> Result<()> {
    // The case's own rows; its members are gathered person by person, not decrypted here.
    let case = &cases::load(app, case_id).await?;
    let timeline = cases::timeline(app, &case.id).await?;
    let assessment = cases::latest_assessment(app, &case.id).await?;
    out.push(
        "cases",
        Record::default()
            .text("id", &case.id)
            .text("reference", &case.reference)
            .text("office", &case.office_id)
            .text("pathway", format!("{}/{}", case.pack_id, case.pathway_id))
            .text("status", case.status.as_str())
            .text("priority", case.priority.as_str())
            .with("has_vulnerability", Value::Flag(case.has_vulnerability))
            .maybe("assigned_to", case.assigned_to.clone())
            .instant("opened_at", case.opened_at)
            .instant("due_at", case.due_at),
    );
    for entry in &timeline {
        out.push(
            "case_events",
            Record::default()
                .text("case", &case.id)
                .instant("at", entry.at)
                .maybe("actor", entry.actor_id.clone())
                .text("kind", entry.kind.as_str())
                .maybe("from_status", entry.from_status.map(|s| s.as_str()))
                .maybe("to_status", entry.to_status.map(|s| s.as_str()))
                .maybe("reason", entry.reason.clone()),
        );
    }
    if let Some(assessment) = &assessment {
        out.push(
            "vulnerability",
            Record::default()
                .text("case", &case.id)
                .with("codes", Value::List(assessment.codes.clone()))
                .text("codes_version", &assessment.codes_version)
                .maybe("narrative", assessment.narrative.clone())
                .text("suggested_priority", assessment.suggested.as_str())
                .instant("assessed_at", assessment.assessed_at),
        );
    }
    let (stored, _) = facts::stored(app, &case.id).await?;
    for (name, fact) in stored {
        out.push(
            "facts",
            Record::default()
                .text("case", &case.id)
                .text("name", name)
                .with("value", Value::Json(fact.value))
                .text("source", fact.source.as_str()),
        );
    }
    for snapshot in facts::history_of(app, &case.id).await? {
        let reasons = snapshot
            .reasons
            .iter()
            .map(|reason| format!("{} ({}): {}", reason.rule, reason.cite, reason.status))
            .collect();
        out.push(
            "eligibility",
            Record::default()
                .text("case", &case.id)
                .instant("computed_at", snapshot.computed_at)
                .text("outcome", snapshot.outcome)
                .text("as_of", snapshot.as_of)
                .with("reasons", Value::List(reasons))
                .with("missing", Value::List(snapshot.missing)),
        );
    }
    let key = documents::person_key_of(app, &case.id, person_id).await?;
    let is_mine = |person: &str| key.as_deref() == Some(person);
    for item in documents::rows_of(app, &case.id).await? {
        if is_mine(&item.person) {
            out.push(
                "checklist",
                Record::default()
                    .text("case", &case.id)
                    .text("item", &item.item_id)
                    .text("state", item.state.as_str())
                    .maybe("reason", item.reason.clone()),
            );
        }
    }
    for (document, _) in documents::documents_of(app, &case.id).await? {
        if is_mine(&document.person) {
            out.push(
                "documents",
                Record::default()
                    .text("id", &document.id)
                    .text("case", &case.id)
                    .text("item", &document.item_id)
                    .maybe("content_type", document.content_type.clone())
                    .with(
                        "size_bytes",
                        document.size_bytes.map_or(Value::Absent, Value::Number),
                    )
                    .maybe("file_name", document.file_name.clone())
                    .instant("uploaded_at", document.uploaded_at)
                    .with("has_mrz", Value::Flag(document.has_mrz))
                    .with("mrz_findings", Value::List(document.mrz_findings.clone()))
                    .maybe("issued_on", document.issued_on.clone())
                    .maybe("expires_on", document.expires_on.clone())
                    .with("rejected", Value::Flag(document.rejected)),
            );
        }
    }
    for appointment in cases::appointments::of_case(app, &case.id).await? {
        if appointment.person_id == person_id {
            out.push(
                "appointments",
                Record::default()
                    .text("case", &case.id)
                    .text("kind", appointment.kind.as_str())
                    .instant("starts_at", appointment.starts_at)
                    .instant("ends_at", appointment.ends_at)
                    .text("location", appointment.location)
                    .text("status", appointment.status.as_str()),
            );
        }
    }
    for note in notes::read_notes(app, &case.id, notes::Side::Staff).await? {
        out.push(
            "notes",
            Record::default()
                .text("case", &case.id)
                .text("visibility", note.visibility.as_str())
                .maybe("author", note.author_id)
                .text("body", note.body)
                .instant("created_at", note.created_at),
        );
    }
    for message in notes::read_messages(app, &case.id).await? {
        out.push(
            "messages",
            Record::default()
                .text("case", &case.id)
                .text("side", message.side.as_str())
                .maybe("sender", message.sender_id)
                .text("body", message.body)
                .instant("sent_at", message.sent_at),
        );
    }
    for referral in cases::referrals::of_case(app, &case.id).await? {
        out.push(
            "referrals",
            Record::default()
                .text("case", &case.id)
                .text("kind", referral.kind.as_str())
                .text("from_office", referral.from_office_id)
                .text("to_office", referral.to_office_id)
                .text("status", referral.status.as_str())
                .maybe("note", referral.note)
                .instant("requested_at", referral.requested_at)
                .maybe_instant("decided_at", referral.decided_at)
                .maybe("decision_reason", referral.decision_reason),
        );
    }
    Ok(())
}

async fn gather_consents(app: &App, person_id: &str, out: &mut Collector) -> Result<()> {
    for consent in crate::privacy::consent::of_person(app, person_id).await? {
        out.push(
            "consents",
            Record::default()
                .text("purpose", consent.purpose.as_str())
                .text("basis", consent.basis.as_str())
                .maybe("scope", consent.scope)
                .instant("recorded_at", consent.recorded_at)
                .maybe_instant("withdrawn_at", consent.withdrawn_at),
        );
    }
    Ok(())
}

async fn gather_account(app: &App, person_id: &str, out: &mut Collector) -> Result<()> {
    let account = sqlx::query(
        "SELECT u.username, u.display_name, u.locale, u.created_at, a.linked_at FROM person_accounts a \
         JOIN users u ON u.id = a.user_id WHERE a.person_id = $1",
    )
    .bind(person_id)
    .fetch_optional(&app.db.pool)
    .await?;
    if let Some(row) = account {
        out.push(
            "account",
            Record::default()
                .text("username", row.try_get::<String, _>("username")?)
                .text("display_name", row.try_get::<String, _>("display_name")?)
                .text("language", row.try_get::<String, _>("locale")?)
                .instant("created_at", row.try_get("created_at")?)
                .instant("linked_at", row.try_get("linked_at")?),
        );
    }
    Ok(())
}

async fn gather_orientation(app: &App, person_id: &str, out: &mut Collector) -> Result<()> {
    use crate::orientation::participants;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE person_id = $1",
        participants::PARTICIPANT_COLUMNS
    )))
    .bind(person_id)
    .fetch_optional(&app.db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let participant = participants::from_row(app, &row)?;
    out.push(
        "orientation_participant",
        Record::default()
            .text("id", &participant.id)
            .text("name", participant.name)
            .text("sex", participant.sex)
            .with(
                "birth_year",
                participant.birth_year.map_or(Value::Absent, Value::Number),
            )
            .text("age_group", participant.age_group)
            .text("nationality", participant.nationality)
            .text("migration_category", participant.migration_category),
    );
    let enrolments = sqlx::query(
        "SELECT e.id, e.session_id, s.curriculum_id, s.starts_at, e.status, e.source, e.enrolled_at \
         FROM orientation_enrolments e JOIN orientation_sessions s ON s.id = e.session_id \
         WHERE e.participant_id = $1 ORDER BY e.enrolled_at, e.id",
    )
    .bind(&participant.id)
    .fetch_all(&app.db.pool)
    .await?;
    for row in &enrolments {
        out.push(
            "orientation_enrolments",
            Record::default()
                .text("id", row.try_get::<String, _>("id")?)
                .text("session", row.try_get::<String, _>("session_id")?)
                .text("curriculum", row.try_get::<String, _>("curriculum_id")?)
                .instant("session_starts_at", row.try_get("starts_at")?)
                .text("status", row.try_get::<String, _>("status")?)
                .text("source", row.try_get::<String, _>("source")?)
                .instant("enrolled_at", row.try_get("enrolled_at")?),
        );
    }
    let attendance = sqlx::query(
        "SELECT a.enrolment_id, a.day, a.checked_in_at, a.checked_out_at, a.method FROM orientation_attendance a \
         JOIN orientation_enrolments e ON e.id = a.enrolment_id WHERE e.participant_id = $1 \
         ORDER BY a.enrolment_id, a.day",
    )
    .bind(&participant.id)
    .fetch_all(&app.db.pool)
    .await?;
    for row in &attendance {
        out.push(
            "orientation_attendance",
            Record::default()
                .text("enrolment", row.try_get::<String, _>("enrolment_id")?)
                .with("day", Value::Number(row.try_get("day")?))
                .instant("checked_in_at", row.try_get("checked_in_at")?)
                .maybe_instant("checked_out_at", row.try_get("checked_out_at")?)
                .text("method", row.try_get::<String, _>("method")?),
        );
    }
    let assessments = sqlx::query(
        "SELECT q.enrolment_id, q.kind, q.correct, q.total, q.taken_at FROM orientation_assessments q \
         JOIN orientation_enrolments e ON e.id = q.enrolment_id WHERE e.participant_id = $1 \
         ORDER BY q.taken_at, q.id",
    )
    .bind(&participant.id)
    .fetch_all(&app.db.pool)
    .await?;
    for row in &assessments {
        out.push(
            "orientation_assessments",
            Record::default()
                .text("enrolment", row.try_get::<String, _>("enrolment_id")?)
                .text("kind", row.try_get::<String, _>("kind")?)
                .with("correct", Value::Number(row.try_get("correct")?))
                .with("total", Value::Number(row.try_get("total")?))
                .instant("taken_at", row.try_get("taken_at")?),
        );
    }
    let certificates = sqlx::query(
        "SELECT id, curriculum_id, issued_at, revoked_at, revocation_reason FROM orientation_certificates \
         WHERE participant_id = $1 ORDER BY issued_at, id",
    )
    .bind(&participant.id)
    .fetch_all(&app.db.pool)
    .await?;
    for row in &certificates {
        out.push(
            "orientation_certificates",
            Record::default()
                .text("id", row.try_get::<String, _>("id")?)
                .text("curriculum", row.try_get::<String, _>("curriculum_id")?)
                .instant("issued_at", row.try_get("issued_at")?)
                .maybe_instant("revoked_at", row.try_get("revoked_at")?)
                .maybe(
                    "revocation_reason",
                    row.try_get::<Option<String>, _>("revocation_reason")?,
                ),
        );
    }
    Ok(())
}

async fn gather_requests(app: &App, person_id: &str, out: &mut Collector) -> Result<()> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {REQUEST_COLUMNS} FROM subject_access_requests WHERE person_id = $1 ORDER BY received_at, id"
    )))
    .bind(person_id)
    .fetch_all(&app.db.pool)
    .await?;
    for row in &rows {
        let request = request_from_row(app, row)?;
        out.push(
            "subject_access_requests",
            Record::default()
                .instant("received_at", request.received_at)
                .instant("due_at", request.due_at)
                .text("requested_via", request.requested_via.as_str())
                .text("status", request.status.as_str())
                .maybe("reason", request.reason)
                .maybe_instant("decided_at", request.decided_at),
        );
    }
    Ok(())
}
