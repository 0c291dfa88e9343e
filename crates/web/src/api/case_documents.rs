//! Case facts, eligibility, checklists, documents and completeness in the JSON API.
//!
//! Uploads are `multipart/form-data` (fields `item`, `file`, `mrz`, `issued_on`, `expires_on`,
//! `translated_into`, `legalised`), like the page's form; everything else is JSON. Validation
//! failures are problem+json with one entry per field.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use app::cases::documents::{self, CaseDocument, ChecklistRow, Decision, StoredReport};
use app::cases::facts::{self, EligibilitySnapshot, FactEntry, FactQuestion, Typing};

use crate::AppState;
use crate::api::ApiJson;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::case_documents::{UploadedDocument, attachment};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/cases/{id}/facts", get(get_facts).put(put_facts))
        .route("/api/v1/cases/{id}/eligibility", get(eligibility))
        .route("/api/v1/cases/{id}/checklist", get(checklist))
        .route("/api/v1/cases/{id}/checklist/{row}/decision", post(decide))
        .route("/api/v1/cases/{id}/documents", get(list_documents))
        .route(
            "/api/v1/cases/{id}/documents/{document}/content",
            get(content),
        )
        .route(
            "/api/v1/cases/{id}/completeness",
            get(latest_report).post(check),
        )
}

#[derive(Serialize, ToSchema)]
pub struct FactView {
    /// Dotted name, e.g. `applicant.married` or `children[0].birth_date`.
    name: String,
    /// `bool`, `choice`, `set`, `date`, `number` or `text`.
    kind: &'static str,
    /// The question in the request's language.
    question: String,
    choices: Vec<String>,
    /// The stored value as text (`yes`/`no` for booleans, comma-separated sets); empty: unknown.
    value: String,
    /// `declared` or `verified`, when known.
    source: Option<&'static str>,
}

impl From<FactQuestion> for FactView {
    fn from(question: FactQuestion) -> Self {
        FactView {
            kind: question.widget,
            source: question.source.map(|source| source.as_str()),
            name: question.name,
            question: question.question,
            choices: question
                .choices
                .into_iter()
                .map(|choice| choice.value)
                .collect(),
            value: question.value,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct FactsView {
    /// Send it back with a change; a stale one is 409.
    version: i64,
    facts: Vec<FactView>,
}

#[derive(Deserialize, ToSchema)]
pub struct FactInput {
    name: String,
    /// Empty makes the fact unknown again.
    #[serde(default)]
    value: String,
    #[serde(default)]
    verified: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct FactsRequest {
    version: i64,
    facts: Vec<FactInput>,
}

#[derive(Serialize, ToSchema)]
pub struct ReasonView {
    rule: String,
    cite: String,
    /// `held`, `failed`, `waived`, `not_applicable`, `unknown`, `fired` or `not_in_force`.
    status: String,
    text: String,
}

#[derive(Serialize, ToSchema)]
pub struct EligibilityView {
    id: String,
    computed_at: i64,
    pack_hash: String,
    as_of: String,
    /// `eligible`, `likely`, `discretionary`, `not_eligible` or `undetermined`.
    outcome: String,
    reasons: Vec<ReasonView>,
    /// Facts still worth asking, most decisive first.
    missing: Vec<String>,
}

fn eligibility_view(snapshot: EligibilitySnapshot, language: &str) -> EligibilityView {
    EligibilityView {
        reasons: snapshot
            .reasons
            .iter()
            .map(|reason| ReasonView {
                rule: reason.rule.clone(),
                cite: reason.cite.clone(),
                status: reason.status.clone(),
                text: reason.text_in(language).to_owned(),
            })
            .collect(),
        id: snapshot.id,
        computed_at: snapshot.computed_at,
        pack_hash: snapshot.pack_hash,
        as_of: snapshot.as_of,
        outcome: snapshot.outcome,
        missing: snapshot.missing,
    }
}

#[derive(Serialize, ToSchema)]
pub struct ChecklistRowView {
    id: String,
    item_id: String,
    person: String,
    conditional: bool,
    /// `missing`, `provided`, `verified`, `rejected` or `waived`.
    status: &'static str,
    reason: Option<String>,
    version: i64,
}

impl From<ChecklistRow> for ChecklistRowView {
    fn from(row: ChecklistRow) -> Self {
        ChecklistRowView {
            status: row.state.as_str(),
            id: row.id,
            item_id: row.item_id,
            person: row.person,
            conditional: row.conditional,
            reason: row.reason,
            version: row.version,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionRequest {
    version: i64,
    /// `verify`, `reject` or `waive`.
    decision: String,
    #[serde(default)]
    reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentView {
    id: String,
    item_id: String,
    person: String,
    content_type: Option<String>,
    size_bytes: Option<i64>,
    has_mrz: bool,
    mrz_findings: Vec<String>,
    issued_on: Option<String>,
    expires_on: Option<String>,
    translated_into: Vec<String>,
    legalised: bool,
    rejected: bool,
    uploaded_at: i64,
}

impl From<CaseDocument> for DocumentView {
    fn from(document: CaseDocument) -> Self {
        DocumentView {
            id: document.id,
            item_id: document.item_id,
            person: document.person,
            content_type: document.content_type,
            size_bytes: document.size_bytes,
            has_mrz: document.has_mrz,
            mrz_findings: document.mrz_findings,
            issued_on: document.issued_on,
            expires_on: document.expires_on,
            translated_into: document.translated_into,
            legalised: document.legalised,
            rejected: document.rejected,
            uploaded_at: document.uploaded_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ReportLineView {
    item_id: String,
    person: String,
    /// `satisfied`, `missing`, `invalid`, `needs_review` or `waived`.
    status: String,
    findings: Vec<String>,
    document_id: Option<String>,
    citation: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReportView {
    id: String,
    created_at: i64,
    /// `complete`, `needs_review` or `incomplete`.
    verdict: String,
    application_date: String,
    travel_date: Option<String>,
    items: Vec<ReportLineView>,
}

impl From<StoredReport> for ReportView {
    fn from(report: StoredReport) -> Self {
        ReportView {
            id: report.id,
            created_at: report.created_at,
            verdict: report.verdict,
            application_date: report.application_date,
            travel_date: report.travel_date,
            items: report
                .lines
                .into_iter()
                .map(|line| ReportLineView {
                    item_id: line.item_id,
                    person: line.person,
                    status: line.status,
                    findings: line.findings,
                    document_id: line.document_id,
                    citation: line.citation,
                })
                .collect(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct CompletenessRequest {
    /// Planned travel date `YYYY-MM-DD`, for validity beyond travel.
    #[serde(default)]
    travel_date: String,
}

/// The case's facts, as the pack asks them.
#[utoipa::path(get, path = "/api/v1/cases/{id}/facts", responses((status = 200, body = FactsView), (status = 404)))]
async fn get_facts(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<FactsView>, AppError> {
    let (questions, version) =
        facts::questions(&state.app, &signed_in.actor, &id, t.lang()).await?;
    Ok(Json(FactsView {
        version,
        facts: questions.into_iter().map(FactView::from).collect(),
    }))
}

/// Changes facts and returns the new eligibility snapshot.
#[utoipa::path(put, path = "/api/v1/cases/{id}/facts", request_body = FactsRequest,
    responses((status = 200, body = EligibilityView), (status = 409), (status = 422)))]
async fn put_facts(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<FactsRequest>,
) -> Result<Json<EligibilityView>, AppError> {
    let entries: Vec<FactEntry> = request
        .facts
        .into_iter()
        .map(|fact| FactEntry {
            name: fact.name,
            value: fact.value,
            verified: fact.verified,
        })
        .collect();
    let snapshot = facts::save(
        &state.app,
        &signed_in.actor,
        &id,
        request.version,
        &entries,
        Typing::Exact,
    )
    .await?;
    Ok(Json(eligibility_view(snapshot, t.lang())))
}

/// Every eligibility snapshot, newest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/eligibility", responses((status = 200, body = Vec<EligibilityView>), (status = 404)))]
async fn eligibility(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Vec<EligibilityView>>, AppError> {
    let history = facts::history(&state.app, &signed_in.actor, &id).await?;
    Ok(Json(
        history
            .into_iter()
            .map(|snapshot| eligibility_view(snapshot, t.lang()))
            .collect(),
    ))
}

/// The checklist, person by person.
#[utoipa::path(get, path = "/api/v1/cases/{id}/checklist", responses((status = 200, body = Vec<ChecklistRowView>), (status = 404)))]
async fn checklist(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Vec<ChecklistRowView>>, AppError> {
    let rows = documents::checklist(&state.app, &signed_in.actor, &id).await?;
    Ok(Json(rows.into_iter().map(ChecklistRowView::from).collect()))
}

/// A supervisor verifies, rejects or waives a checklist row (reasons required but to verify).
#[utoipa::path(post, path = "/api/v1/cases/{id}/checklist/{row}/decision", request_body = DecisionRequest,
    responses((status = 200, body = ChecklistRowView), (status = 403), (status = 409), (status = 422)))]
async fn decide(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((id, row)): Path<(String, String)>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> Result<Json<ChecklistRowView>, AppError> {
    let decision = Decision::parse(&request.decision)
        .ok_or_else(|| app::Error::invalid("decision", "error-choose-option"))?;
    let row = documents::decide(
        &state.app,
        &signed_in.actor,
        &id,
        &row,
        request.version,
        decision,
        &request.reason,
    )
    .await?;
    Ok(Json(row.into()))
}

/// The case's documents, without their content.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents", responses((status = 200, body = Vec<DocumentView>), (status = 404)))]
async fn list_documents(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Vec<DocumentView>>, AppError> {
    let list = documents::documents(&state.app, &signed_in.actor, &id).await?;
    Ok(Json(list.into_iter().map(DocumentView::from).collect()))
}

/// Adds a document (`multipart/form-data`).
#[utoipa::path(post, path = "/api/v1/cases/{id}/documents",
    responses((status = 201, body = DocumentView), (status = 415), (status = 422)))]
pub(crate) async fn upload(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    UploadedDocument(document): UploadedDocument,
) -> Result<Response, AppError> {
    let document = documents::add_document(&state.app, &signed_in.actor, &id, &document).await?;
    Ok((StatusCode::CREATED, Json(DocumentView::from(document))).into_response())
}

/// A document's file. Every read is audited.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/{document}/content",
    responses((status = 200, description = "The file, as its content says (PDF, JPEG or PNG)"), (status = 404)))]
async fn content(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((id, document)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (content_type, name, bytes) =
        documents::read_content(&state.app, &signed_in.actor, &id, &document).await?;
    Ok(attachment(&content_type, &name, bytes))
}

/// Runs the completeness check and stores the report.
#[utoipa::path(post, path = "/api/v1/cases/{id}/completeness", request_body = CompletenessRequest,
    responses((status = 201, body = ReportView), (status = 409), (status = 422)))]
async fn check(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<CompletenessRequest>,
) -> Result<Response, AppError> {
    let report =
        documents::check_completeness(&state.app, &signed_in.actor, &id, &request.travel_date)
            .await?;
    Ok((StatusCode::CREATED, Json(ReportView::from(report))).into_response())
}

/// The latest stored completeness report.
#[utoipa::path(get, path = "/api/v1/cases/{id}/completeness", responses((status = 200, body = ReportView), (status = 404)))]
async fn latest_report(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<ReportView>, AppError> {
    let report = documents::latest_report(&state.app, &signed_in.actor, &id)
        .await?
        .ok_or(app::Error::NotFound)?;
    Ok(Json(report.into()))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        get_facts,
        put_facts,
        eligibility,
        checklist,
        decide,
        list_documents,
        upload,
        content,
        check,
        latest_report
    ),
    components(schemas(
        FactsView,
        FactView,
        FactsRequest,
        FactInput,
        EligibilityView,
        ReasonView,
        ChecklistRowView,
        DecisionRequest,
        DocumentView,
        ReportView,
        ReportLineView,
        CompletenessRequest
    ))
)]
pub struct CaseDocumentsApiDoc;
