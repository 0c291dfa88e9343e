//! Cases in the JSON API: the queue (same filters and keyset cursor as the page), opening a case
//! with search before create, the case file, moves, members, triage, bulk assignment and quotas.
//! Edits carry the version they saw; a stale one is 409.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use app::cases::assignment::{self, CaseRef};
use app::cases::people::{Person, PersonForm};
use app::cases::quotas::{self, Quota};
use app::cases::{self, Case, CaseFile, MoveRequest, NewCaseForm, QueueCursor, QueueFilter};

use crate::AppState;
use crate::api::ApiJson;
use crate::auth::SignedIn;
use crate::error::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/cases", get(list_cases).post(create_case))
        .route("/api/v1/cases/assign", post(assign_cases))
        .route("/api/v1/cases/quotas", get(list_quotas))
        .route("/api/v1/cases/{id}", get(get_case))
        .route("/api/v1/cases/{id}/move", post(move_case))
        .route("/api/v1/cases/{id}/members", post(add_member))
        .route("/api/v1/cases/{id}/assessment", post(assess))
        .route("/api/v1/cases/{id}/priority", post(confirm_priority))
}

#[derive(Serialize, ToSchema)]
pub struct CaseView {
    id: String,
    reference: String,
    office_id: String,
    pack_id: String,
    pack_hash: String,
    pathway_id: String,
    status: String,
    held_status: Option<String>,
    priority: String,
    suggested_priority: Option<String>,
    has_vulnerability: bool,
    assigned_to: Option<String>,
    /// Unix milliseconds.
    opened_at: i64,
    /// Unix milliseconds.
    due_at: i64,
    version: i64,
}

impl From<Case> for CaseView {
    fn from(case: Case) -> Self {
        CaseView {
            status: case.status.as_str().to_owned(),
            held_status: case.held_status.map(|status| status.as_str().to_owned()),
            priority: case.priority.as_str().to_owned(),
            suggested_priority: case
                .suggested_priority
                .map(|priority| priority.as_str().to_owned()),
            id: case.id,
            reference: case.reference,
            office_id: case.office_id,
            pack_id: case.pack_id,
            pack_hash: case.pack_hash,
            pathway_id: case.pathway_id,
            has_vulnerability: case.has_vulnerability,
            assigned_to: case.assigned_to,
            opened_at: case.opened_at,
            due_at: case.due_at,
            version: case.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PersonView {
    id: String,
    office_id: String,
    surname: String,
    given_names: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    birth_date: Option<String>,
    sex: String,
    nationality: Option<String>,
    version: i64,
}

impl From<Person> for PersonView {
    fn from(person: Person) -> Self {
        PersonView {
            id: person.id,
            office_id: person.office_id,
            surname: person.names.surname,
            given_names: person.names.given_names,
            birth_date: person.birth_date,
            sex: person.sex,
            nationality: person.nationality,
            version: person.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct QueueRowView {
    case: CaseView,
    applicant_surname: Option<String>,
    applicant_given_names: Option<String>,
    overdue: bool,
}

#[derive(Serialize, ToSchema)]
pub struct QueueView {
    items: Vec<QueueRowView>,
    /// Pass as `after` for the next page; absent on the last page.
    next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct QueueParams {
    office_id: Option<String>,
    status: Option<String>,
    priority: Option<String>,
    /// A pathway id, e.g. `de.family.spouse`.
    pathway: Option<String>,
    /// A user id.
    assigned_to: Option<String>,
    /// Only overdue open cases.
    #[serde(default)]
    overdue: bool,
    /// A case reference or a surname (in any spelling of its ICAO rendering).
    q: Option<String>,
    /// The `next` of the previous page.
    after: Option<String>,
    /// 1–200, default 50.
    limit: Option<i64>,
}

/// The work queue: confirmed priority, then due date, then age.
#[utoipa::path(get, path = "/api/v1/cases", params(QueueParams),
    responses((status = 200, body = QueueView), (status = 403)))]
async fn list_cases(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(params): Query<QueueParams>,
) -> Result<Json<QueueView>, AppError> {
    let after = match params.after.as_deref() {
        Some(text) => {
            Some(QueueCursor::decode(text).ok_or_else(|| AppError::bad_request("after"))?)
        }
        None => None,
    };
    let filter = QueueFilter {
        office_id: params.office_id,
        status: params.status,
        priority: params.priority,
        pathway: params.pathway,
        assigned_to: params.assigned_to,
        overdue_only: params.overdue,
        unassigned_only: false,
        open_only: false,
        text: params.q,
    };
    let page = cases::queue(
        &state.app,
        &signed_in.actor,
        &filter,
        after.as_ref(),
        params.limit.unwrap_or(50),
    )
    .await?;
    Ok(Json(QueueView {
        next: page.next.as_ref().map(QueueCursor::encode),
        items: page
            .rows
            .into_iter()
            .map(|row| {
                let (surname, given_names) = row
                    .applicant
                    .map(|names| (Some(names.surname), Some(names.given_names)))
                    .unwrap_or_default();
                QueueRowView {
                    case: row.case.into(),
                    applicant_surname: surname,
                    applicant_given_names: given_names,
                    overdue: row.overdue,
                }
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct PersonRequest {
    surname: String,
    #[serde(default)]
    given_names: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    birth_date: String,
    /// `F`, `M`, `X` or `U`.
    #[serde(default)]
    sex: String,
    /// ICAO nationality code, e.g. `SYR`.
    #[serde(default)]
    nationality: String,
}

impl From<PersonRequest> for PersonForm {
    fn from(person: PersonRequest) -> Self {
        PersonForm {
            surname: person.surname,
            given_names: person.given_names,
            birth_date: person.birth_date,
            sex: person.sex,
            nationality: person.nationality,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewCaseRequest {
    office_id: String,
    /// `pack/pathway`, e.g. `de/de.family.spouse`.
    pathway: String,
    applicant: PersonRequest,
    /// Open the case even though people with this name are on record.
    #[serde(default)]
    confirm_new: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SimilarPersonView {
    person: PersonView,
    /// The reference of a case the person belongs to.
    case_reference: String,
}

#[derive(Serialize, ToSchema)]
pub struct CreateCaseView {
    /// The new case; absent when people with the same name are on record and
    /// `confirm_new` was not set (status 409).
    case: Option<CaseView>,
    similar: Vec<SimilarPersonView>,
}

/// Opens a case. Searches first: when people with the applicant's name are on record and
/// `confirm_new` is false, nothing is created and they are returned with status 409.
#[utoipa::path(post, path = "/api/v1/cases", request_body = NewCaseRequest,
    responses((status = 201, body = CreateCaseView), (status = 409, body = CreateCaseView, description = "Similar people on record"),
        (status = 422, description = "Field errors")))]
async fn create_case(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewCaseRequest>,
) -> Result<Response, AppError> {
    let similar: Vec<SimilarPersonView> = if request.applicant.surname.trim().is_empty() {
        Vec::new()
    } else {
        cases::similar_people(
            &state.app,
            &signed_in.actor,
            &request.applicant.surname,
            &request.applicant.given_names,
        )
        .await?
        .into_iter()
        .map(|(person, case_reference)| SimilarPersonView {
            person: person.into(),
            case_reference,
        })
        .collect()
    };
    if !similar.is_empty() && !request.confirm_new {
        let body = CreateCaseView {
            case: None,
            similar,
        };
        return Ok((StatusCode::CONFLICT, Json(body)).into_response());
    }
    let form = NewCaseForm {
        office_id: request.office_id,
        pathway: request.pathway,
        applicant: request.applicant.into(),
    };
    let case = cases::create(&state.app, &signed_in.actor, &form).await?;
    let body = CreateCaseView {
        case: Some(case.into()),
        similar,
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct MemberView {
    person: PersonView,
    role: String,
}

#[derive(Serialize, ToSchema)]
pub struct TimelineEntryView {
    /// Unix milliseconds.
    at: i64,
    actor_id: Option<String>,
    kind: String,
    from_status: Option<String>,
    to_status: Option<String>,
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentView {
    codes: Vec<String>,
    codes_version: String,
    narrative: Option<String>,
    suggested: String,
    /// Unix milliseconds.
    assessed_at: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CaseFileView {
    case: CaseView,
    members: Vec<MemberView>,
    timeline: Vec<TimelineEntryView>,
    assessment: Option<AssessmentView>,
}

impl From<CaseFile> for CaseFileView {
    fn from(file: CaseFile) -> Self {
        CaseFileView {
            case: file.case.into(),
            members: file
                .members
                .into_iter()
                .map(|member| MemberView {
                    role: member.role.as_str().to_owned(),
                    person: member.person.into(),
                })
                .collect(),
            timeline: file
                .timeline
                .into_iter()
                .map(|entry| TimelineEntryView {
                    at: entry.at,
                    actor_id: entry.actor_id,
                    kind: entry.kind.as_str().to_owned(),
                    from_status: entry.from_status.map(|status| status.as_str().to_owned()),
                    to_status: entry.to_status.map(|status| status.as_str().to_owned()),
                    reason: entry.reason,
                })
                .collect(),
            assessment: file.assessment.map(|assessment| AssessmentView {
                codes: assessment.codes,
                codes_version: assessment.codes_version,
                narrative: assessment.narrative,
                suggested: assessment.suggested.as_str().to_owned(),
                assessed_at: assessment.assessed_at,
            }),
        }
    }
}

/// A case file: the case, its people, its timeline and its latest assessment.
#[utoipa::path(get, path = "/api/v1/cases/{id}", responses((status = 200, body = CaseFileView), (status = 404)))]
async fn get_case(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<CaseFileView>, AppError> {
    Ok(Json(
        cases::open(&state.app, &signed_in.actor, &id).await?.into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct MoveCaseRequest {
    version: i64,
    /// The status to move to.
    to: String,
    #[serde(default)]
    reason: String,
    /// A supervisor's override of the completeness requirement (needs a reason).
    #[serde(default)]
    override_completeness: bool,
}

/// Moves a case to another status, as the workflow allows.
#[utoipa::path(post, path = "/api/v1/cases/{id}/move", request_body = MoveCaseRequest,
    responses((status = 200, body = CaseView), (status = 409, description = "Stale version or move not allowed"), (status = 422, description = "Field errors")))]
async fn move_case(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<MoveCaseRequest>,
) -> Result<Json<CaseView>, AppError> {
    let move_request = MoveRequest {
        to: request.to,
        reason: request.reason,
        override_completeness: request.override_completeness,
    };
    let case = cases::move_case(
        &state.app,
        &signed_in.actor,
        &id,
        request.version,
        &move_request,
    )
    .await?;
    Ok(Json(case.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct AddMemberRequest {
    version: i64,
    /// `sponsor`, `spouse`, `child`, `parent` or `other_member`.
    role: String,
    person: PersonRequest,
}

/// Adds a family member or sponsor to a case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/members", request_body = AddMemberRequest,
    responses((status = 200, body = CaseFileView), (status = 409), (status = 422, description = "Field errors")))]
async fn add_member(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<AddMemberRequest>,
) -> Result<Json<CaseFileView>, AppError> {
    cases::add_member(
        &state.app,
        &signed_in.actor,
        &id,
        request.version,
        &request.person.into(),
        &request.role,
    )
    .await?;
    Ok(Json(
        cases::open(&state.app, &signed_in.actor, &id).await?.into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct AssessRequest {
    version: i64,
    /// Specific-needs codes (`content/triage/specific_needs.json`).
    codes: Vec<String>,
    #[serde(default)]
    narrative: String,
}

#[derive(Serialize, ToSchema)]
pub struct AssessView {
    /// The priority the codes suggest; a supervisor confirms it.
    suggested: String,
}

/// Records a vulnerability assessment.
#[utoipa::path(post, path = "/api/v1/cases/{id}/assessment", request_body = AssessRequest,
    responses((status = 200, body = AssessView), (status = 409), (status = 422, description = "Field errors")))]
async fn assess(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<AssessRequest>,
) -> Result<Json<AssessView>, AppError> {
    let suggested = cases::assess(
        &state.app,
        &signed_in.actor,
        &id,
        request.version,
        &request.codes,
        &request.narrative,
    )
    .await?;
    Ok(Json(AssessView {
        suggested: suggested.as_str().to_owned(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct VersionRequest {
    version: i64,
}

/// A supervisor confirms the suggested priority.
#[utoipa::path(post, path = "/api/v1/cases/{id}/priority", request_body = VersionRequest,
    responses((status = 200, body = CaseView), (status = 403), (status = 409)))]
async fn confirm_priority(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<VersionRequest>,
) -> Result<Json<CaseView>, AppError> {
    let case = cases::confirm_priority(&state.app, &signed_in.actor, &id, request.version).await?;
    Ok(Json(case.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct CaseRefRequest {
    id: String,
    /// The version seen; when given, a stale one makes the whole assignment 409.
    version: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
pub struct AssignRequest {
    /// 1–200 cases.
    cases: Vec<CaseRefRequest>,
    /// A caseworker of every case's office.
    assignee: String,
}

#[derive(Serialize, ToSchema)]
pub struct AssignView {
    assigned: usize,
}

/// Assigns cases to a caseworker, all or none, in one transaction.
#[utoipa::path(post, path = "/api/v1/cases/assign", request_body = AssignRequest,
    responses((status = 200, body = AssignView), (status = 404), (status = 409), (status = 422, description = "Field errors")))]
async fn assign_cases(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<AssignRequest>,
) -> Result<Json<AssignView>, AppError> {
    let refs: Vec<CaseRef> = request
        .cases
        .into_iter()
        .map(|case| CaseRef {
            id: case.id,
            version: case.version,
        })
        .collect();
    let assigned =
        assignment::assign(&state.app, &signed_in.actor, &refs, &request.assignee).await?;
    Ok(Json(AssignView { assigned }))
}

#[derive(Serialize, ToSchema)]
pub struct QuotaView {
    pack_id: String,
    pathway_id: String,
    parameter_id: String,
    cite: String,
    source: Option<String>,
    /// `YYYY-MM` (UTC).
    month: String,
    capacity: i64,
    /// Cases of the pathway, in every office, approved since the first of the month (UTC).
    used: i64,
    available: i64,
}

impl From<Quota> for QuotaView {
    fn from(quota: Quota) -> Self {
        QuotaView {
            available: quota.available(),
            pack_id: quota.pack_id,
            pathway_id: quota.pathway_id,
            parameter_id: quota.parameter_id,
            cite: quota.cite,
            source: quota.source,
            month: quota.month,
            capacity: quota.capacity,
            used: quota.used,
        }
    }
}

/// This month's quotas, as the rule packs set them, and their use.
#[utoipa::path(get, path = "/api/v1/cases/quotas", responses((status = 200, body = Vec<QuotaView>), (status = 403)))]
async fn list_quotas(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<QuotaView>>, AppError> {
    let list = quotas::current(&state.app, &signed_in.actor).await?;
    Ok(Json(list.into_iter().map(QuotaView::from).collect()))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_cases,
        create_case,
        get_case,
        move_case,
        add_member,
        assess,
        confirm_priority,
        assign_cases,
        list_quotas
    ),
    components(schemas(
        CaseView,
        PersonView,
        QueueRowView,
        QueueView,
        PersonRequest,
        NewCaseRequest,
        SimilarPersonView,
        CreateCaseView,
        MemberView,
        TimelineEntryView,
        AssessmentView,
        CaseFileView,
        MoveCaseRequest,
        AddMemberRequest,
        AssessRequest,
        AssessView,
        VersionRequest,
        CaseRefRequest,
        AssignRequest,
        AssignView,
        QuotaView
    ))
)]
pub struct CasesApiDoc;
