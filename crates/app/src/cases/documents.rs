//! The document side of a case: the checklist per person, uploaded documents with their files,
//! MRZ entry and verification, and the stored completeness report.
//!
//! The checklist is the pack's (`packs/<pack>/checklists`), instantiated per person from the
//! latest evaluation of the case's facts; each row keeps its own status (missing, provided,
//! verified, rejected or waived, the last two with a sealed reason). An upload is refused above
//! [`MAX_DOCUMENT_BYTES`] or when its first bytes are not a PDF, JPEG or PNG, whatever its name or
//! declared type says. Files are sealed with the field keys (associated data
//! `case_documents.content:<id>`) and written under `<data>/files`; every read of a file is
//! audited. An MRZ is parsed and its check digits verified by the `documents` crate before it
//! is kept, and compared with the person record (names, birth date, sex, nationality, expiry).
//! The completeness report is the `documents` crate's, stored with every check; a case moves
//! to `ready_for_submission` only when the latest stored report is complete (or a supervisor
//! overrides, see [`super::move_case`]).

use documents::completeness::{
    CompletenessReport, DocumentRequirement, ItemStatus as ReportStatus, RequiredDocument, Verdict,
    completeness_report,
};
use documents::mrz::{MrzOptions, parse_mrz};
use documents::names::PersonName;
use documents::records::{CaseContext, DeclaredPerson, DocumentRecord, NoRegister, check_document};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::facts::{self, FactMap};
use super::{Case, EventKind, MemberRole, audit_case, load_for, people, record_event};
use crate::App;
use crate::audit::AuditAction;
use crate::crypto::FieldContext;
use crate::db::{Tx, expect_one_row};
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, Target};
use crate::time::{Millis, new_id, now_millis};

/// The largest file accepted for one document, in megabytes (as forms say it) and bytes.
pub const MAX_DOCUMENT_MEGABYTES: usize = 8;
pub const MAX_DOCUMENT_BYTES: usize = MAX_DOCUMENT_MEGABYTES * 1024 * 1024;

/// Where a checklist row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    Missing,
    Provided,
    Verified,
    Rejected,
    Waived,
}

impl ItemState {
    pub const ALL: [ItemState; 5] = [
        ItemState::Missing,
        ItemState::Provided,
        ItemState::Verified,
        ItemState::Rejected,
        ItemState::Waived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::Missing => "missing",
            ItemState::Provided => "provided",
            ItemState::Verified => "verified",
            ItemState::Rejected => "rejected",
            ItemState::Waived => "waived",
        }
    }

    pub fn parse(text: &str) -> Option<ItemState> {
        ItemState::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
    }
}

/// One document one person must bring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    pub id: String,
    pub item_id: String,
    /// The pack's person key: `applicant`, `sponsor`, `household`, `children[0]`.
    pub person: String,
    /// Needed only if facts not yet known turn out so.
    pub conditional: bool,
    pub state: ItemState,
    pub reason: Option<String>,
    pub version: i64,
}

impl ChecklistRow {
    /// The value a form uses to name the row.
    pub fn key(&self) -> String {
        format!("{}@{}", self.item_id, self.person)
    }
}

/// A document provided for a checklist row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDocument {
    pub id: String,
    pub item_id: String,
    pub person: String,
    /// Sniffed from the content: `application/pdf`, `image/jpeg` or `image/png`.
    pub content_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub file_name: Option<String>,
    pub has_mrz: bool,
    /// What the MRZ check found against the person record (finding codes).
    pub mrz_findings: Vec<String>,
    pub issued_on: Option<String>,
    pub expires_on: Option<String>,
    pub translated_into: Vec<String>,
    pub legalised: bool,
    pub rejected: bool,
    /// Sent by the applicant through the portal rather than entered by staff.
    pub via_portal: bool,
    pub uploaded_at: Millis,
}

/// A document as submitted: a file, an MRZ, or both.
#[derive(Debug, Clone, Default)]
pub struct NewDocument {
    /// `item_id@person`, as [`ChecklistRow::key`].
    pub item: String,
    pub file_name: String,
    pub content: Vec<u8>,
    pub mrz: String,
    pub issued_on: String,
    pub expires_on: String,
    /// Language codes, comma-separated.
    pub translated_into: String,
    pub legalised: bool,
}

/// A supervisor's decision on a checklist row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Verify,
    Reject,
    Waive,
}

impl Decision {
    pub fn parse(text: &str) -> Option<Decision> {
        match text {
            "verify" => Some(Decision::Verify),
            "reject" => Some(Decision::Reject),
            "waive" => Some(Decision::Waive),
            _ => None,
        }
    }
}

/// One line of a stored completeness report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub item_id: String,
    pub person: String,
    /// `satisfied`, `missing`, `invalid`, `needs_review` or `waived`.
    pub status: String,
    /// Finding codes (the `documents` crate's).
    pub findings: Vec<String>,
    pub document_id: Option<String>,
    pub citation: String,
}

/// A completeness report as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReport {
    pub id: String,
    pub created_at: Millis,
    /// `complete`, `needs_review` or `incomplete`.
    pub verdict: String,
    pub application_date: String,
    pub travel_date: Option<String>,
    pub lines: Vec<ReportLine>,
}

impl StoredReport {
    pub fn is_complete(&self) -> bool {
        self.verdict == "complete"
    }
}

/// The content type of a file from its first bytes, or `None` when it is not accepted.
pub fn sniff(content: &[u8]) -> Option<&'static str> {
    if content.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if content.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// The file name to download a document under: the name it was sent with, its extension
/// replaced by the one of its sniffed type, so a PDF sent as `poly.html` downloads as
/// `poly.pdf` and never opens as a page.
pub fn download_name(file_name: &str, content_type: &str) -> String {
    let extension = match content_type {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "bin",
    };
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file_name,
    };
    format!("{stem}.{extension}")
}

fn reason_context(id: &str) -> FieldContext<'_> {
    FieldContext {
        table: "checklist_items",
        column: "reason",
        row_id: id,
    }
}

fn sealed_context<'a>(column: &'static str, id: &'a str) -> FieldContext<'a> {
    FieldContext {
        table: "case_documents",
        column,
        row_id: id,
    }
}

/// Brings the checklist rows in step with an evaluation: new rows start missing; rows no
/// longer required that nobody has acted on disappear.
pub(crate) async fn sync_checklist(
    tx: &mut Tx,
    case: &Case,
    report: &rules::PathwayReport<'_>,
) -> Result<()> {
    let now = now_millis();
    let mut wanted = Vec::new();
    for entry in &report.checklist {
        let person = entry.person_name();
        let conditional = entry.status == rules::ItemStatus::IfApplicable;
        sqlx::query(
            "INSERT INTO checklist_items (id, case_id, item_id, person, conditional, status, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 'missing', $6) \
             ON CONFLICT (case_id, item_id, person) DO UPDATE SET conditional = $5",
        )
        .bind(new_id())
        .bind(&case.id)
        .bind(&entry.item.id)
        .bind(&person)
        .bind(i64::from(conditional))
        .bind(now)
        .execute(&mut **tx)
        .await?;
        wanted.push(format!("{}@{person}", entry.item.id));
    }
    let rows = sqlx::query(
        "SELECT id, item_id, person FROM checklist_items WHERE case_id = $1 AND status = 'missing'",
    )
    .bind(&case.id)
    .fetch_all(&mut **tx)
    .await?;
    for row in &rows {
        let key = format!(
            "{}@{}",
            row.try_get::<String, _>("item_id")?,
            row.try_get::<String, _>("person")?
        );
        if !wanted.contains(&key) {
            sqlx::query("DELETE FROM checklist_items WHERE id = $1")
                .bind(row.try_get::<String, _>("id")?)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// A case's checklist rows, without a policy check: callers ask first.
pub(crate) async fn rows_of(app: &App, case_id: &str) -> Result<Vec<ChecklistRow>> {
    let rows = sqlx::query(
        "SELECT id, item_id, person, conditional, status, reason, version FROM checklist_items \
         WHERE case_id = $1 ORDER BY person, item_id",
    )
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let sealed: Option<Vec<u8>> = row.try_get("reason")?;
            let reason = sealed
                .map(|sealed| {
                    app.keyring
                        .open_text(reason_context(&id), &sealed)
                        .map(|text| text.to_string())
                })
                .transpose()?;
            let status: String = row.try_get("status")?;
            Ok(ChecklistRow {
                item_id: row.try_get("item_id")?,
                person: row.try_get("person")?,
                conditional: row.try_get::<i64, _>("conditional")? != 0,
                state: ItemState::parse(&status)
                    .ok_or_else(|| Error::Internal(format!("unknown item status {status}")))?,
                reason,
                version: row.try_get("version")?,
                id,
            })
        })
        .collect()
}

/// The checklist of a case, person by person.
pub async fn checklist(app: &App, actor: &Actor, case_id: &str) -> Result<Vec<ChecklistRow>> {
    let case = load_for(app, actor, case_id, Action::ViewCases).await?;
    rows_of(app, &case.id).await
}

/// A case's documents with their person keys, without a policy check: callers ask first.
pub(crate) async fn documents_of(
    app: &App,
    case_id: &str,
) -> Result<Vec<(CaseDocument, Option<String>)>> {
    let rows = sqlx::query(
        "SELECT id, item_id, person, content_type, size_bytes, file_name, mrz, mrz_findings, issued_on, \
         expires_on, translated_into, legalised, rejected, uploaded_at, via_portal FROM case_documents \
         WHERE case_id = $1 ORDER BY uploaded_at, id",
    )
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let open = |column: &'static str, sealed: Option<Vec<u8>>| {
                sealed
                    .map(|sealed| {
                        app.keyring
                            .open_text(sealed_context(column, &id), &sealed)
                            .map(|text| text.to_string())
                    })
                    .transpose()
            };
            let file_name = open("file_name", row.try_get("file_name")?)?;
            let mrz = open("mrz", row.try_get("mrz")?)?;
            let findings: String = row.try_get("mrz_findings")?;
            let translated: String = row.try_get("translated_into")?;
            Ok((
                CaseDocument {
                    item_id: row.try_get("item_id")?,
                    person: row.try_get("person")?,
                    content_type: row.try_get("content_type")?,
                    size_bytes: row.try_get("size_bytes")?,
                    file_name,
                    has_mrz: mrz.is_some(),
                    mrz_findings: serde_json::from_str(&findings).map_err(Error::internal)?,
                    issued_on: row.try_get("issued_on")?,
                    expires_on: row.try_get("expires_on")?,
                    translated_into: serde_json::from_str(&translated).map_err(Error::internal)?,
                    legalised: row.try_get::<i64, _>("legalised")? != 0,
                    rejected: row.try_get::<i64, _>("rejected")? != 0,
                    via_portal: row.try_get::<i64, _>("via_portal")? != 0,
                    uploaded_at: row.try_get("uploaded_at")?,
                    id,
                },
                mrz,
            ))
        })
        .collect()
}

/// The documents of a case (without their content, which [`read_content`] returns).
pub async fn documents(app: &App, actor: &Actor, case_id: &str) -> Result<Vec<CaseDocument>> {
    let case = load_for(app, actor, case_id, Action::ViewCases).await?;
    Ok(documents_of(app, &case.id)
        .await?
        .into_iter()
        .map(|(document, _)| document)
        .collect())
}

/// The number (from 1) of the child a person key such as `children[0]` names, or `None` for
/// any other key.
pub fn child_number(person_key: &str) -> Option<usize> {
    person_key
        .strip_prefix("children[")?
        .strip_suffix(']')?
        .parse::<usize>()
        .ok()
        .map(|index| index + 1)
}

/// The pack's person key of a member (`applicant`, `children[0]`, …); `children` counts the
/// children met so far, in the order of their person ids.
fn person_key(role: MemberRole, children: &mut usize) -> Option<String> {
    match role {
        MemberRole::PrincipalApplicant => Some("applicant".to_owned()),
        MemberRole::Sponsor => Some("sponsor".to_owned()),
        MemberRole::Spouse => Some("spouse".to_owned()),
        MemberRole::Child => {
            *children += 1;
            Some(format!("children[{}]", *children - 1))
        }
        MemberRole::Parent | MemberRole::Other => None,
    }
}

/// The pack's person key under which a case's checklist and documents name this person.
pub(crate) async fn person_key_of(
    app: &App,
    case_id: &str,
    person_id: &str,
) -> Result<Option<String>> {
    let rows = sqlx::query(
        "SELECT person_id, role FROM case_members WHERE case_id = $1 ORDER BY person_id",
    )
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    let mut children = 0;
    for row in &rows {
        let role: String = row.try_get("role")?;
        let key = MemberRole::parse(&role).and_then(|role| person_key(role, &mut children));
        if row.try_get::<String, _>("person_id")? == person_id {
            return Ok(key);
        }
    }
    Ok(None)
}

/// The people of a case under the pack's person keys, as the documents crate compares them.
async fn declared_people(app: &App, case_id: &str) -> Result<Vec<(DeclaredPerson, String)>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {}, m.role FROM case_members m JOIN people p ON p.id = m.person_id WHERE m.case_id = $1 ORDER BY p.id",
        people::PERSON_COLUMNS
    )))
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    let mut declared = Vec::new();
    let mut children = 0;
    for row in &rows {
        let role: String = row.try_get("role")?;
        let Some(key) = MemberRole::parse(&role).and_then(|role| person_key(role, &mut children))
        else {
            continue;
        };
        let person = people::from_row(app, row)?;
        declared.push((
            DeclaredPerson {
                key,
                name: PersonName {
                    surname: person.names.surname,
                    given_names: person.names.given_names,
                },
                birth_date: person.birth_date.as_deref().and_then(rules::parse_date),
                nationalities: person.nationality.into_iter().collect(),
            },
            person.sex,
        ));
    }
    Ok(declared)
}

fn optional_date(text: &str, field: &str, errors: &mut FieldErrors) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if rules::parse_date(text).is_none() {
        errors.add(field, "error-date");
    }
    Some(text.to_owned())
}

/// The blind index of a document number, as typed or as an MRZ carries it (filler `<`, spaces
/// and case do not matter).
pub(crate) fn document_number_key(app: &App, number: &str) -> String {
    let normalised: String = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    app.keyring.blind_index("document_number", &normalised)
}

/// What an MRZ says against the person record: names, birth date, nationality and expiry (by
/// the documents crate), and sex. `Err` with a field error when it does not verify.
fn verify_mrz(
    text: &str,
    record: &DocumentRecord,
    person: Option<&(DeclaredPerson, String)>,
    today: rules::Date,
) -> Result<Vec<String>> {
    let parsed = parse_mrz(text, &MrzOptions { as_of: Some(today) });
    if !parsed.is_valid() {
        return Err(Error::invalid("mrz", "error-mrz-invalid"));
    }
    let context = CaseContext {
        application_date: today,
        travel_date: None,
        people: person
            .map(|(declared, _)| declared.clone())
            .into_iter()
            .collect(),
    };
    let mut codes: Vec<String> = check_document(record, &[], &context, &NoRegister)
        .iter()
        .map(|finding| finding.code().to_owned())
        .collect();
    if let (Some(in_mrz), Some((_, sex))) = (parsed.sex(), person)
        && ["F", "M"].contains(&sex.as_str())
        && ['F', 'M'].contains(&in_mrz)
        && !sex.starts_with(in_mrz)
    {
        codes.push("sex-differs".to_owned());
    }
    Ok(codes)
}

/// Adds a document to a checklist row: a file (sniffed, sealed, written under the data
/// folder), an MRZ (verified and compared with the person), or both.
pub async fn add_document(
    app: &App,
    actor: &Actor,
    case_id: &str,
    form: &NewDocument,
) -> Result<CaseDocument> {
    let case = load_for(app, actor, case_id, Action::WorkOnCases).await?;
    store_document(app, actor, &case, form, false).await
}

/// Adds a file the applicant uploads through the portal to a row of their own case's
/// checklist: a file only (staff enter MRZs and dates when they check it), and not once the
/// case is closed or withdrawn. The case's staff see it at once, as provided.
pub async fn add_own_document(
    app: &App,
    actor: &Actor,
    case_id: &str,
    submitted: NewDocument,
) -> Result<CaseDocument> {
    let case = super::load_linked(app, actor, case_id).await?;
    if case.status.is_final() {
        return Err(Error::invalid("file", "portal-upload-error-closed"));
    }
    if submitted.content.is_empty() {
        return Err(Error::invalid("file", "error-file-required"));
    }
    let form = NewDocument {
        item: submitted.item,
        file_name: submitted.file_name,
        content: submitted.content,
        ..NewDocument::default()
    };
    store_document(app, actor, &case, &form, true).await
}

/// Checks a document against the case's checklist and keeps it: the file sealed in the file
/// store, the row in `case_documents`, the checklist row provided, all audited. `via_portal`:
/// the applicant sent it themselves.
async fn store_document(
    app: &App,
    actor: &Actor,
    case: &Case,
    form: &NewDocument,
    via_portal: bool,
) -> Result<CaseDocument> {
    let rows = rows_of(app, &case.id).await?;
    let mut errors = FieldErrors::default();
    let row = rows.iter().find(|row| row.key() == form.item);
    if row.is_none() {
        errors.add("item", "error-choose-option");
    }
    let mrz = Some(form.mrz.trim().to_owned()).filter(|mrz| !mrz.is_empty());
    let content_type = if form.content.is_empty() {
        if mrz.is_none() {
            errors.add("file", "error-file-or-mrz");
        }
        None
    } else if form.content.len() > MAX_DOCUMENT_BYTES {
        errors.add("file", "error-file-too-large");
        None
    } else {
        let sniffed = sniff(&form.content);
        if sniffed.is_none() {
            errors.add("file", "error-file-type");
        }
        sniffed
    };
    let issued_on = optional_date(&form.issued_on, "issued_on", &mut errors);
    let expires_on = optional_date(&form.expires_on, "expires_on", &mut errors);
    let translated: Vec<String> = form
        .translated_into
        .split(',')
        .map(|code| code.trim().to_ascii_lowercase())
        .filter(|code| !code.is_empty())
        .collect();
    if translated
        .iter()
        .any(|code| code.len() > 3 || !code.chars().all(|c| c.is_ascii_lowercase()))
    {
        errors.add("translated_into", "error-language-code");
    }
    errors.into_result()?;
    let Some(row) = row else {
        return Err(Error::invalid("item", "error-choose-option"));
    };
    let id = new_id();
    let mrz_findings = match &mrz {
        Some(text) => {
            let people = declared_people(app, &case.id).await?;
            let person = people
                .iter()
                .find(|(declared, _)| declared.key == row.person);
            let record = DocumentRecord {
                id: id.clone(),
                kind: row.item_id.clone(),
                holder: row.person.clone(),
                mrz: Some(text.clone()),
                expires_on: expires_on.as_deref().and_then(rules::parse_date),
                issued_on: issued_on.as_deref().and_then(rules::parse_date),
                ..DocumentRecord::default()
            };
            verify_mrz(text, &record, person, rules::today_utc())?
        }
        None => Vec::new(),
    };
    let file_name = Some(form.file_name.trim())
        .filter(|name| !name.is_empty() && content_type.is_some())
        .map(|name| name.chars().take(200).collect::<String>());
    let sealed_name = file_name
        .as_deref()
        .map(|name| {
            app.keyring
                .seal_text(sealed_context("file_name", &id), name)
        })
        .transpose()?;
    let sealed_mrz = mrz
        .as_deref()
        .map(|text| app.keyring.seal_text(sealed_context("mrz", &id), text))
        .transpose()?;
    let number_key = mrz
        .as_deref()
        .and_then(|text| parse_mrz(text, &MrzOptions::default()).document_number())
        .map(|number| document_number_key(app, &number));
    let path = app.paths.files().join(&id);
    if content_type.is_some() {
        let sealed = app
            .keyring
            .seal(sealed_context("content", &id), &form.content)?;
        tokio::fs::create_dir_all(app.paths.files())
            .await
            .map_err(Error::internal)?;
        tokio::fs::write(&path, sealed)
            .await
            .map_err(Error::internal)?;
    }
    let size = content_type.map(|_| i64::try_from(form.content.len()).unwrap_or(i64::MAX));
    let now = now_millis();
    let stored = async {
        let mut tx = app.db.begin().await?;
        sqlx::query(
            "INSERT INTO case_documents (id, case_id, item_id, person, content_type, size_bytes, file_name, mrz, \
             mrz_findings, issued_on, expires_on, translated_into, legalised, uploaded_by, uploaded_at, number_key, \
             via_portal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
        )
        .bind(&id)
        .bind(&case.id)
        .bind(&row.item_id)
        .bind(&row.person)
        .bind(content_type)
        .bind(size)
        .bind(sealed_name)
        .bind(sealed_mrz)
        .bind(serde_json::to_string(&mrz_findings).map_err(Error::internal)?)
        .bind(&issued_on)
        .bind(&expires_on)
        .bind(serde_json::to_string(&translated).map_err(Error::internal)?)
        .bind(i64::from(form.legalised))
        .bind(actor.audit_id())
        .bind(now)
        .bind(&number_key)
        .bind(i64::from(via_portal))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE checklist_items SET status = 'provided', reason = NULL, decided_by = NULL, updated_at = $1, \
             version = version + 1 WHERE id = $2",
        )
        .bind(now)
        .bind(&row.id)
        .execute(&mut *tx)
        .await?;
        record_event(app, &mut tx, &case.id, actor, EventKind::DocumentAdded, None, None).await?;
        audit_case(
            &mut tx,
            actor,
            case,
            AuditAction::CaseDocumentAdd,
            serde_json::json!({
                "document": id, "item": row.item_id, "person": row.person,
                "content_type": content_type, "size": size, "mrz": mrz.is_some(),
                "mrz_findings": mrz_findings,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok::<(), Error>(())
    }
    .await;
    if let Err(error) = stored {
        if content_type.is_some() {
            let _ = tokio::fs::remove_file(&path).await;
        }
        return Err(error);
    }
    Ok(CaseDocument {
        id,
        item_id: row.item_id.clone(),
        person: row.person.clone(),
        content_type: content_type.map(str::to_owned),
        size_bytes: size,
        file_name,
        has_mrz: mrz.is_some(),
        mrz_findings,
        issued_on,
        expires_on,
        translated_into: translated,
        legalised: form.legalised,
        rejected: false,
        via_portal,
        uploaded_at: now,
    })
}

/// Seals every stored document file again under the active field key, after a key rotation
/// (`corridor keys rotate` re-encrypts the database's columns in its transaction, then this).
/// Each file is written beside itself and renamed over it, so it is always whole under one key or
/// the other; older keys are kept, so a run cut short leaves every file readable and can simply
/// run again. Files already under the active key are skipped; a file erasure removed meanwhile
/// is passed over. `progress` hears (files looked at, files in all). Returns how many files
/// were sealed again.
pub async fn reseal_files(app: &App, mut progress: impl FnMut(u64, u64)) -> Result<u64> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM case_documents WHERE content_type IS NOT NULL ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await?;
    let total = u64::try_from(ids.len()).unwrap_or(u64::MAX);
    let mut done = 0;
    for (seen, id) in (1..).zip(ids) {
        progress(seen, total);
        let path = app.paths.files().join(&id);
        let sealed = match tokio::fs::read(&path).await {
            Ok(sealed) => sealed,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(Error::internal(error)),
        };
        if app.keyring.is_under_active_key(&sealed) {
            continue;
        }
        let context = sealed_context("content", &id);
        let plain = app.keyring.open(context, &sealed)?;
        let resealed = app.keyring.seal(context, &plain)?;
        let beside = path.with_extension("resealing");
        tokio::fs::write(&beside, resealed)
            .await
            .map_err(Error::internal)?;
        tokio::fs::rename(&beside, &path)
            .await
            .map_err(Error::internal)?;
        done += 1;
    }
    Ok(done)
}

/// A document's file: (content type, file name, bytes). Every read is audited.
pub async fn read_content(
    app: &App,
    actor: &Actor,
    case_id: &str,
    document_id: &str,
) -> Result<(String, String, Vec<u8>)> {
    let case = load_for(app, actor, case_id, Action::ReadCaseDocuments).await?;
    let document = documents_of(app, &case.id)
        .await?
        .into_iter()
        .map(|(document, _)| document)
        .find(|document| document.id == document_id)
        .ok_or(Error::NotFound)?;
    let content_type = document.content_type.clone().ok_or(Error::NotFound)?;
    let sealed = tokio::fs::read(app.paths.files().join(&document.id))
        .await
        .map_err(Error::internal)?;
    let content = app
        .keyring
        .open(sealed_context("content", &document.id), &sealed)?;
    let mut tx = app.db.begin().await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CaseDocumentRead,
        serde_json::json!({ "document": document.id, "item": document.item_id }),
    )
    .await?;
    tx.commit().await?;
    let name = document
        .file_name
        .unwrap_or_else(|| format!("{}-{}", document.item_id, document.id));
    Ok((
        content_type.clone(),
        download_name(&name, &content_type),
        content.to_vec(),
    ))
}

/// A supervisor verifies, rejects (with a reason; the row's documents stop counting) or waives
/// (with a reason; the row leaves the completeness check) a checklist row.
pub async fn decide(
    app: &App,
    actor: &Actor,
    case_id: &str,
    row_id: &str,
    expected_version: i64,
    decision: Decision,
    reason: &str,
) -> Result<ChecklistRow> {
    let case = load_for(app, actor, case_id, Action::ViewCases).await?;
    policy::authorize(
        actor,
        Action::VerifyCaseDocuments,
        Target::in_offices(&case.offices()),
    )?;
    let row = rows_of(app, &case.id)
        .await?
        .into_iter()
        .find(|row| row.id == row_id)
        .ok_or(Error::NotFound)?;
    let reason = reason.trim();
    if decision != Decision::Verify && reason.is_empty() {
        return Err(Error::invalid("reason", "error-reason-required"));
    }
    if decision == Decision::Verify && row.state != ItemState::Provided {
        return Err(Error::Conflict("nothing-to-verify"));
    }
    let state = match decision {
        Decision::Verify => ItemState::Verified,
        Decision::Reject => ItemState::Rejected,
        Decision::Waive => ItemState::Waived,
    };
    let sealed = Some(reason)
        .filter(|reason| !reason.is_empty())
        .map(|reason| app.keyring.seal_text(reason_context(&row.id), reason))
        .transpose()?;
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE checklist_items SET status = $1, reason = $2, decided_by = $3, updated_at = $4, version = version + 1 \
         WHERE id = $5 AND version = $6",
    )
    .bind(state.as_str())
    .bind(sealed)
    .bind(actor.audit_id())
    .bind(now_millis())
    .bind(&row.id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    if decision == Decision::Reject {
        sqlx::query(
            "UPDATE case_documents SET rejected = 1 WHERE case_id = $1 AND item_id = $2 AND person = $3",
        )
        .bind(&case.id)
        .bind(&row.item_id)
        .bind(&row.person)
        .execute(&mut *tx)
        .await?;
    }
    record_event(
        app,
        &mut tx,
        &case.id,
        actor,
        EventKind::ItemDecided,
        None,
        Some(reason).filter(|reason| !reason.is_empty()),
    )
    .await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CaseItemDecide,
        serde_json::json!({ "item": row.item_id, "person": row.person, "decision": state.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(ChecklistRow {
        state,
        reason: Some(reason.to_owned()).filter(|reason| !reason.is_empty()),
        version: row.version + 1,
        ..row
    })
}

fn requirement(requirement: &rules::Requirement) -> Option<DocumentRequirement> {
    match requirement {
        rules::Requirement::IssuedWithinMonths { months } => {
            Some(DocumentRequirement::IssuedWithinMonths(*months))
        }
        rules::Requirement::ValidBeyondTravelMonths { months } => {
            Some(DocumentRequirement::ValidBeyondTravelMonths(*months))
        }
        rules::Requirement::TranslatedInto { language } => {
            Some(DocumentRequirement::TranslatedInto(language.clone()))
        }
        rules::Requirement::Legalised => Some(DocumentRequirement::Legalised),
        rules::Requirement::Copies { .. } | rules::Requirement::Note { .. } => None,
    }
}

fn status_name(status: &ReportStatus) -> (&'static str, Vec<String>) {
    let codes = |findings: &[documents::records::Finding]| {
        findings
            .iter()
            .map(|finding| finding.code().to_owned())
            .collect()
    };
    match status {
        ReportStatus::Satisfied => ("satisfied", Vec::new()),
        ReportStatus::Missing => ("missing", Vec::new()),
        ReportStatus::Invalid(findings) => ("invalid", codes(findings)),
        ReportStatus::NeedsReview(findings) => ("needs_review", codes(findings)),
    }
}

fn application_date(facts: &FactMap) -> rules::Date {
    facts
        .get("case.application_date")
        .and_then(|fact| fact.value.as_str())
        .and_then(rules::parse_date)
        .unwrap_or_else(rules::today_utc)
}

/// Runs the completeness check: the pathway's checklist for the current facts against the
/// documents not rejected. Waived rows are left out; a row a supervisor verified counts as
/// satisfied when the only findings ask for a review. The report is stored and audited.
pub async fn check_completeness(
    app: &App,
    actor: &Actor,
    case_id: &str,
    travel_date: &str,
) -> Result<StoredReport> {
    let case = load_for(app, actor, case_id, Action::WorkOnCases).await?;
    let mut errors = FieldErrors::default();
    let travel = optional_date(travel_date, "travel_date", &mut errors);
    errors.into_result()?;
    let pack = facts::pack_of(app, &case)?;
    let (stored_facts, _) = facts::stored(app, &case.id).await?;
    let children = facts::child_count(app, &case.id).await?;
    let typed = facts::rules_facts(pack, &stored_facts, children)?;
    let application = application_date(&stored_facts);
    let report = facts::evaluate(pack, &case, &typed, application)?
        .ok_or_else(|| Error::Internal("pathway not evaluated".into()))?;
    if report.result.outcome == rules::Outcome::NotEligible {
        return Err(Error::Conflict("pathway-not-open"));
    }
    let rows = rows_of(app, &case.id).await?;
    let state_of = |item: &str, person: &str| {
        rows.iter()
            .find(|row| row.item_id == item && row.person == person)
            .map(|row| row.state)
    };
    let mut waived = Vec::new();
    let mut checklist = Vec::new();
    for entry in &report.checklist {
        let person = entry.person_name();
        if state_of(&entry.item.id, &person) == Some(ItemState::Waived) {
            waived.push(ReportLine {
                item_id: entry.item.id.clone(),
                person,
                status: "waived".to_owned(),
                findings: Vec::new(),
                document_id: None,
                citation: entry.item.cite.clone(),
            });
            continue;
        }
        checklist.push(RequiredDocument {
            id: entry.item.id.clone(),
            person,
            title: entry.item.title.get("en").to_owned(),
            accepted_kinds: vec![entry.item.id.clone()],
            requirements: entry.requirements.iter().filter_map(requirement).collect(),
            citation: entry.item.cite.clone(),
            conditional: entry.status == rules::ItemStatus::IfApplicable,
        });
    }
    let records: Vec<DocumentRecord> = documents_of(app, &case.id)
        .await?
        .into_iter()
        .filter(|(document, _)| !document.rejected)
        .map(|(document, mrz)| DocumentRecord {
            id: document.id,
            kind: document.item_id,
            holder: document.person,
            issued_on: document.issued_on.as_deref().and_then(rules::parse_date),
            expires_on: document.expires_on.as_deref().and_then(rules::parse_date),
            mrz,
            translated_into: document.translated_into,
            legalised: document.legalised,
            ..DocumentRecord::default()
        })
        .collect();
    let context = CaseContext {
        application_date: application,
        travel_date: travel.as_deref().and_then(rules::parse_date),
        people: declared_people(app, &case.id)
            .await?
            .into_iter()
            .map(|(declared, _)| declared)
            .collect(),
    };
    let mut computed: CompletenessReport =
        completeness_report(&checklist, &records, &context, &NoRegister);
    for item in &mut computed.items {
        if matches!(item.status, ReportStatus::NeedsReview(_))
            && state_of(&item.item.id, &item.item.person) == Some(ItemState::Verified)
        {
            item.status = ReportStatus::Satisfied;
        }
    }
    let [_, missing, invalid, review] = computed.counts();
    let verdict = if missing + invalid > 0 {
        Verdict::Incomplete
    } else if review > 0 {
        Verdict::NeedsReview
    } else {
        Verdict::Complete
    };
    let mut lines: Vec<ReportLine> = computed
        .items
        .iter()
        .map(|item| {
            let (status, findings) = status_name(&item.status);
            ReportLine {
                item_id: item.item.id.clone(),
                person: item.item.person.clone(),
                status: status.to_owned(),
                findings,
                document_id: item.document_id.clone(),
                citation: item.item.citation.clone(),
            }
        })
        .collect();
    lines.extend(waived);
    let stored = StoredReport {
        id: new_id(),
        created_at: now_millis(),
        verdict: match verdict {
            Verdict::Complete => "complete",
            Verdict::NeedsReview => "needs_review",
            Verdict::Incomplete => "incomplete",
        }
        .to_owned(),
        application_date: application.to_string(),
        travel_date: travel,
        lines,
    };
    let mut tx = app.db.begin().await?;
    let tracked = super::rollup::Tracked::start(&mut tx, &case.id).await?;
    sqlx::query(
        "INSERT INTO completeness_reports (id, case_id, created_at, created_by, verdict, application_date, travel_date, items) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&stored.id)
    .bind(&case.id)
    .bind(stored.created_at)
    .bind(actor.audit_id())
    .bind(&stored.verdict)
    .bind(&stored.application_date)
    .bind(&stored.travel_date)
    .bind(serde_json::to_string(&stored.lines).map_err(Error::internal)?)
    .execute(&mut *tx)
    .await?;
    record_event(
        app,
        &mut tx,
        &case.id,
        actor,
        EventKind::CompletenessChecked,
        None,
        None,
    )
    .await?;
    tracked.finish(&mut tx).await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CaseCompletenessCheck,
        serde_json::json!({ "report": stored.id, "verdict": stored.verdict, "missing": missing, "invalid": invalid, "review": review }),
    )
    .await?;
    tx.commit().await?;
    Ok(stored)
}

pub(crate) async fn latest_report_of(app: &App, case_id: &str) -> Result<Option<StoredReport>> {
    let row = sqlx::query(
        "SELECT id, created_at, verdict, application_date, travel_date, items FROM completeness_reports \
         WHERE case_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(case_id)
    .fetch_optional(&app.db.pool)
    .await?;
    row.map(|row| {
        let items: String = row.try_get("items")?;
        Ok(StoredReport {
            id: row.try_get("id")?,
            created_at: row.try_get("created_at")?,
            verdict: row.try_get("verdict")?,
            application_date: row.try_get("application_date")?,
            travel_date: row.try_get("travel_date")?,
            lines: serde_json::from_str(&items).map_err(Error::internal)?,
        })
    })
    .transpose()
}

/// Whether a case's file may go forward as complete, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompletenessGate {
    /// The latest report is complete and nothing changed since.
    Passed,
    /// No completeness check has been run.
    NeverChecked,
    /// The latest report is complete, but facts, checklist or documents changed after it.
    Stale,
    /// The latest report found these lines missing, invalid or waiting for a review.
    Incomplete(Vec<ReportLine>),
}

impl CompletenessGate {
    /// The refusal a move that needs a complete file meets, if any.
    pub fn refusal(&self) -> Option<&'static str> {
        match self {
            CompletenessGate::Passed => None,
            CompletenessGate::NeverChecked => Some("completeness-never-checked"),
            CompletenessGate::Stale => Some("completeness-stale"),
            CompletenessGate::Incomplete(_) => Some("completeness-required"),
        }
    }
}

/// The completeness gate of a case, without a policy check: callers have loaded the case.
pub(crate) async fn completeness_gate_of(app: &App, case_id: &str) -> Result<CompletenessGate> {
    let Some(report) = latest_report_of(app, case_id).await? else {
        return Ok(CompletenessGate::NeverChecked);
    };
    if !report.is_complete() {
        let open = report
            .lines
            .into_iter()
            .filter(|line| !matches!(line.status.as_str(), "satisfied" | "waived"))
            .collect();
        return Ok(CompletenessGate::Incomplete(open));
    }
    let changed: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(at) FROM (\
           SELECT updated_at AS at FROM case_facts WHERE case_id = $1 \
           UNION ALL SELECT updated_at AS at FROM checklist_items WHERE case_id = $1 \
           UNION ALL SELECT uploaded_at AS at FROM case_documents WHERE case_id = $1) changes",
    )
    .bind(case_id)
    .fetch_one(&app.db.pool)
    .await?;
    Ok(if changed.is_none_or(|at| at <= report.created_at) {
        CompletenessGate::Passed
    } else {
        CompletenessGate::Stale
    })
}

/// The latest stored completeness report of a case.
pub async fn latest_report(
    app: &App,
    actor: &Actor,
    case_id: &str,
) -> Result<Option<StoredReport>> {
    let case = load_for(app, actor, case_id, Action::ViewCases).await?;
    latest_report_of(app, &case.id).await
}

#[cfg(test)]
mod tests {
    use super::download_name;

    #[test]
    fn downloads_take_the_extension_of_their_sniffed_type() {
        assert_eq!(download_name("poly.html", "application/pdf"), "poly.pdf");
        assert_eq!(download_name("scan", "image/jpeg"), "scan.jpg");
        assert_eq!(download_name("photo.tar.png", "image/png"), "photo.tar.png");
        assert_eq!(
            download_name(".htaccess", "application/pdf"),
            ".htaccess.pdf"
        );
        assert_eq!(download_name("x.PDF.exe", "application/pdf"), "x.PDF.pdf");
    }
}
