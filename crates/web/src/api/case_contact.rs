//! The contact side of cases in the JSON API: appointments and office calendars, notes,
//! messages and the portal link, referrals and transfers, and consent records.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use app::cases::appointments::{self, Appointment, AppointmentForm, RescheduleForm};
use app::cases::notes::{self, Message, Note};
use app::cases::referrals::{self, Decision, Referral, ReferralForm};
use app::privacy::consent::{self, ConsentForm, ConsentRecord};

use crate::AppState;
use crate::api::ApiJson;
use crate::auth::SignedIn;
use crate::error::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/cases/{id}/appointments",
            get(list_appointments).post(book),
        )
        .route("/api/v1/appointments/{id}/reschedule", post(reschedule))
        .route("/api/v1/appointments/{id}/status", post(set_status))
        .route("/api/v1/appointments/upcoming", get(upcoming))
        .route("/api/v1/offices/{id}/calendar", get(calendar))
        .route("/api/v1/cases/{id}/notes", get(list_notes).post(add_note))
        .route(
            "/api/v1/cases/{id}/messages",
            get(list_messages).post(send_message),
        )
        .route("/api/v1/cases/{id}/portal-accounts", post(link_account))
        .route(
            "/api/v1/cases/{id}/referrals",
            get(list_referrals).post(request_referral),
        )
        .route("/api/v1/referrals/incoming", get(incoming))
        .route("/api/v1/referrals/{id}/decision", post(decide))
        .route("/api/v1/referrals/{id}/revoke", post(revoke))
        .route(
            "/api/v1/cases/{id}/consents",
            get(list_consents).post(record_consent),
        )
        .route(
            "/api/v1/cases/{id}/consents/{consent}/withdraw",
            post(withdraw_consent),
        )
}

#[derive(Serialize, ToSchema)]
pub struct AppointmentView {
    id: String,
    case_id: String,
    case_reference: String,
    office_id: String,
    /// The office's IANA time zone, the clock the appointment is arranged on.
    time_zone: String,
    person_id: String,
    /// `embassy`, `biometrics`, `health_check`, `dna_test` or `interview`.
    kind: String,
    /// Unix milliseconds.
    starts_at: i64,
    ends_at: i64,
    location: String,
    /// `scheduled`, `cancelled`, `attended` or `missed`.
    status: String,
    version: i64,
}

impl From<Appointment> for AppointmentView {
    fn from(a: Appointment) -> Self {
        AppointmentView {
            kind: a.kind.as_str().to_owned(),
            status: a.status.as_str().to_owned(),
            id: a.id,
            case_id: a.case_id,
            case_reference: a.case_reference,
            office_id: a.office_id,
            time_zone: a.time_zone,
            person_id: a.person_id,
            starts_at: a.starts_at,
            ends_at: a.ends_at,
            location: a.location,
            version: a.version,
        }
    }
}

fn appointments_view(list: Vec<Appointment>) -> Json<Vec<AppointmentView>> {
    Json(list.into_iter().map(AppointmentView::from).collect())
}

#[derive(Deserialize, ToSchema)]
pub struct AppointmentRequest {
    person_id: String,
    kind: String,
    /// `YYYY-MM-DDTHH:MM` on the wall clock of the case's office (its `time_zone`).
    starts_at: String,
    duration_minutes: i64,
    location: String,
}

#[derive(Deserialize, ToSchema)]
pub struct RescheduleRequest {
    version: i64,
    /// `YYYY-MM-DDTHH:MM` on the wall clock of the case's office (its `time_zone`).
    starts_at: String,
    duration_minutes: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct StatusRequest {
    version: i64,
    /// `cancelled`, `attended` or `missed`.
    status: String,
}

fn created<T: Serialize>(value: T) -> Response {
    (StatusCode::CREATED, Json(value)).into_response()
}

/// The appointments of a case.
#[utoipa::path(get, path = "/api/v1/cases/{id}/appointments", responses((status = 200, body = Vec<AppointmentView>), (status = 404)))]
async fn list_appointments(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Vec<AppointmentView>>, AppError> {
    Ok(appointments_view(
        appointments::for_case(&state.app, &signed_in.actor, &id).await?,
    ))
}

/// Books an appointment; a clash for the same person is a field error on `starts_at`.
#[utoipa::path(post, path = "/api/v1/cases/{id}/appointments", request_body = AppointmentRequest,
    responses((status = 201, body = AppointmentView), (status = 422, description = "Field errors")))]
async fn book(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<AppointmentRequest>,
) -> Result<Response, AppError> {
    let form = AppointmentForm {
        person_id: request.person_id,
        kind: request.kind,
        starts_at: request.starts_at,
        duration_minutes: request.duration_minutes.to_string(),
        location: request.location,
    };
    let appointment = appointments::book(&state.app, &signed_in.actor, &id, &form).await?;
    Ok(created(AppointmentView::from(appointment)))
}

/// Moves a scheduled appointment; a stale version is 409.
#[utoipa::path(post, path = "/api/v1/appointments/{id}/reschedule", request_body = RescheduleRequest,
    responses((status = 200, body = AppointmentView), (status = 409), (status = 422, description = "Field errors")))]
async fn reschedule(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<RescheduleRequest>,
) -> Result<Json<AppointmentView>, AppError> {
    let form = RescheduleForm {
        starts_at: request.starts_at,
        duration_minutes: request.duration_minutes.to_string(),
    };
    let appointment =
        appointments::reschedule(&state.app, &signed_in.actor, &id, request.version, &form).await?;
    Ok(Json(appointment.into()))
}

/// Cancels an appointment or records its outcome; a stale version is 409.
#[utoipa::path(post, path = "/api/v1/appointments/{id}/status", request_body = StatusRequest,
    responses((status = 200, body = AppointmentView), (status = 409)))]
async fn set_status(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<StatusRequest>,
) -> Result<Json<AppointmentView>, AppError> {
    let appointment = appointments::set_status(
        &state.app,
        &signed_in.actor,
        &id,
        request.version,
        &request.status,
    )
    .await?;
    Ok(Json(appointment.into()))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct DaysParams {
    /// 1 to 31 (default 7).
    days: Option<i64>,
}

/// The scheduled appointments of the caller's cases in the next days.
#[utoipa::path(get, path = "/api/v1/appointments/upcoming", params(DaysParams), responses((status = 200, body = Vec<AppointmentView>)))]
async fn upcoming(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(params): Query<DaysParams>,
) -> Result<Json<Vec<AppointmentView>>, AppError> {
    Ok(appointments_view(
        appointments::upcoming_for(&state.app, &signed_in.actor, params.days.unwrap_or(7)).await?,
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct CalendarParams {
    /// Unix milliseconds of the first instant.
    from: i64,
    /// 1 (a day) to 31 (default 7, a week).
    days: Option<i64>,
}

/// An office's calendar.
#[utoipa::path(get, path = "/api/v1/offices/{id}/calendar", params(CalendarParams),
    responses((status = 200, body = Vec<AppointmentView>), (status = 403)))]
async fn calendar(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    Query(params): Query<CalendarParams>,
) -> Result<Json<Vec<AppointmentView>>, AppError> {
    Ok(appointments_view(
        appointments::office_calendar(
            &state.app,
            &signed_in.actor,
            &id,
            params.from,
            params.days.unwrap_or(7),
        )
        .await?,
    ))
}

#[derive(Serialize, ToSchema)]
pub struct NoteView {
    id: String,
    author_id: Option<String>,
    /// `internal` or `shared`.
    visibility: String,
    text: String,
    created_at: i64,
}

impl From<Note> for NoteView {
    fn from(note: Note) -> Self {
        NoteView {
            visibility: note.visibility.as_str().to_owned(),
            id: note.id,
            author_id: note.author_id,
            text: note.body,
            created_at: note.created_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NoteRequest {
    note_text: String,
    /// `internal` or `shared`.
    visibility: String,
}

/// The notes the caller may read (a linked migrant: shared ones). Audited.
#[utoipa::path(get, path = "/api/v1/cases/{id}/notes", responses((status = 200, body = Vec<NoteView>), (status = 404)))]
async fn list_notes(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Vec<NoteView>>, AppError> {
    let list = notes::notes(&state.app, &signed_in.actor, &id).await?;
    Ok(Json(list.into_iter().map(NoteView::from).collect()))
}

/// Adds a note.
#[utoipa::path(post, path = "/api/v1/cases/{id}/notes", request_body = NoteRequest,
    responses((status = 201, body = NoteView), (status = 422, description = "Field errors")))]
async fn add_note(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<NoteRequest>,
) -> Result<Response, AppError> {
    let note = notes::add_note(
        &state.app,
        &signed_in.actor,
        &id,
        &request.note_text,
        &request.visibility,
    )
    .await?;
    Ok(created(NoteView::from(note)))
}

#[derive(Serialize, ToSchema)]
pub struct MessageView {
    id: String,
    sender_id: Option<String>,
    /// `staff` or `migrant`.
    side: String,
    text: String,
    sent_at: i64,
    /// New to the caller: from the other side, since the caller last read the thread.
    unread: bool,
}

impl From<Message> for MessageView {
    fn from(message: Message) -> Self {
        MessageView {
            side: message.side.as_str().to_owned(),
            id: message.id,
            sender_id: message.sender_id,
            text: message.body,
            sent_at: message.sent_at,
            unread: message.unread,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct MessageRequest {
    message_text: String,
}

/// The case's thread; reading marks it read for the caller. Audited.
#[utoipa::path(get, path = "/api/v1/cases/{id}/messages", responses((status = 200, body = Vec<MessageView>), (status = 404)))]
async fn list_messages(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Vec<MessageView>>, AppError> {
    let list = notes::thread(&state.app, &signed_in.actor, &id).await?;
    Ok(Json(list.into_iter().map(MessageView::from).collect()))
}

/// Sends a message (staff of the case, or the linked migrant).
#[utoipa::path(post, path = "/api/v1/cases/{id}/messages", request_body = MessageRequest,
    responses((status = 201, body = MessageView), (status = 422, description = "Field errors")))]
async fn send_message(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<MessageRequest>,
) -> Result<Response, AppError> {
    let message =
        notes::send_message(&state.app, &signed_in.actor, &id, &request.message_text).await?;
    Ok(created(MessageView::from(message)))
}

#[derive(Deserialize, ToSchema)]
pub struct PortalLinkRequest {
    person_id: String,
    /// The migrant's own account.
    user_id: String,
}

/// Links a migrant's account to a person of the case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/portal-accounts", request_body = PortalLinkRequest,
    responses((status = 204), (status = 422, description = "Field errors")))]
async fn link_account(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<PortalLinkRequest>,
) -> Result<StatusCode, AppError> {
    notes::link_account(
        &state.app,
        &signed_in.actor,
        &id,
        &request.person_id,
        &request.user_id,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct ReferralView {
    id: String,
    case_id: String,
    case_reference: String,
    /// `referral` (shares the case) or `transfer` (moves it).
    kind: String,
    from_office_id: String,
    to_office_id: String,
    /// `pending`, `accepted`, `rejected` or `revoked`.
    status: String,
    note: Option<String>,
    consent_overridden: bool,
    override_reason: Option<String>,
    requested_at: i64,
    decided_at: Option<i64>,
    decision_reason: Option<String>,
    version: i64,
}

impl From<Referral> for ReferralView {
    fn from(r: Referral) -> Self {
        ReferralView {
            kind: r.kind.as_str().to_owned(),
            status: r.status.as_str().to_owned(),
            id: r.id,
            case_id: r.case_id,
            case_reference: r.case_reference,
            from_office_id: r.from_office_id,
            to_office_id: r.to_office_id,
            note: r.note,
            consent_overridden: r.consent_overridden,
            override_reason: r.override_reason,
            requested_at: r.requested_at,
            decided_at: r.decided_at,
            decision_reason: r.decision_reason,
            version: r.version,
        }
    }
}

fn referrals_view(list: Vec<Referral>) -> Json<Vec<ReferralView>> {
    Json(list.into_iter().map(ReferralView::from).collect())
}

#[derive(Deserialize, ToSchema)]
pub struct ReferralRequest {
    /// `referral` or `transfer`.
    kind: String,
    to_office_id: String,
    #[serde(default)]
    note: String,
    /// A supervisor's override when no basis for referral is recorded; needs `override_reason`.
    #[serde(default)]
    override_consent: bool,
    #[serde(default)]
    override_reason: String,
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionRequest {
    version: i64,
    /// `accept` or `reject`.
    decision: String,
    /// Required to reject.
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize, ToSchema)]
pub struct VersionRequest {
    version: i64,
}

/// The referrals and transfers of a case.
#[utoipa::path(get, path = "/api/v1/cases/{id}/referrals", responses((status = 200, body = Vec<ReferralView>), (status = 404)))]
async fn list_referrals(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Vec<ReferralView>>, AppError> {
    Ok(referrals_view(
        referrals::for_case(&state.app, &signed_in.actor, &id).await?,
    ))
}

/// Requests a referral or a transfer; without a basis for referral it is 409 `consent-required`.
#[utoipa::path(post, path = "/api/v1/cases/{id}/referrals", request_body = ReferralRequest,
    responses((status = 201, body = ReferralView), (status = 409), (status = 422, description = "Field errors")))]
async fn request_referral(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ReferralRequest>,
) -> Result<Response, AppError> {
    let form = ReferralForm {
        kind: request.kind,
        to_office_id: request.to_office_id,
        note: request.note,
        override_consent: request.override_consent,
        override_reason: request.override_reason,
    };
    let referral = referrals::request(&state.app, &signed_in.actor, &id, &form).await?;
    Ok(created(ReferralView::from(referral)))
}

/// Requests waiting for the caller's offices.
#[utoipa::path(get, path = "/api/v1/referrals/incoming", responses((status = 200, body = Vec<ReferralView>), (status = 403)))]
async fn incoming(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<ReferralView>>, AppError> {
    Ok(referrals_view(
        referrals::incoming(&state.app, &signed_in.actor).await?,
    ))
}

/// The receiving office accepts or rejects.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/decision", request_body = DecisionRequest,
    responses((status = 200, body = ReferralView), (status = 404), (status = 409), (status = 422, description = "Field errors")))]
async fn decide(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> Result<Json<ReferralView>, AppError> {
    let decision = match request.decision.as_str() {
        "accept" => Decision::Accept,
        "reject" => Decision::Reject,
        _ => return Err(app::Error::invalid("decision", "error-choose-option").into()),
    };
    let referral = referrals::decide(
        &state.app,
        &signed_in.actor,
        &id,
        request.version,
        decision,
        &request.reason,
    )
    .await?;
    Ok(Json(referral.into()))
}

/// The sending office revokes a waiting request.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/revoke", request_body = VersionRequest,
    responses((status = 200, body = ReferralView), (status = 409)))]
async fn revoke(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<VersionRequest>,
) -> Result<Json<ReferralView>, AppError> {
    let referral = referrals::revoke(&state.app, &signed_in.actor, &id, request.version).await?;
    Ok(Json(referral.into()))
}

#[derive(Serialize, ToSchema)]
pub struct ConsentView {
    id: String,
    person_id: String,
    /// `case_processing`, `referral`, `sharing_with_partner`, `orientation`, `anonymised_reporting`.
    purpose: String,
    /// `consent`, `legal_obligation`, `vital_interests`, `public_task`, `legitimate_interests`.
    basis: String,
    scope: Option<String>,
    recorded_by: Option<String>,
    recorded_at: i64,
    withdrawn_by: Option<String>,
    withdrawn_at: Option<i64>,
    current: bool,
    version: i64,
}

impl From<ConsentRecord> for ConsentView {
    fn from(c: ConsentRecord) -> Self {
        ConsentView {
            purpose: c.purpose.as_str().to_owned(),
            basis: c.basis.as_str().to_owned(),
            current: c.is_current(),
            id: c.id,
            person_id: c.person_id,
            scope: c.scope,
            recorded_by: c.recorded_by,
            recorded_at: c.recorded_at,
            withdrawn_by: c.withdrawn_by,
            withdrawn_at: c.withdrawn_at,
            version: c.version,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct ConsentRequest {
    person_id: String,
    purpose: String,
    basis: String,
    #[serde(default)]
    scope: String,
}

/// Every basis recorded for the people of a case, newest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/consents", responses((status = 200, body = Vec<ConsentView>), (status = 404)))]
async fn list_consents(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Vec<ConsentView>>, AppError> {
    let list = consent::for_case(&state.app, &signed_in.actor, &id).await?;
    Ok(Json(list.into_iter().map(ConsentView::from).collect()))
}

/// Records a basis for one purpose of a person of the case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/consents", request_body = ConsentRequest,
    responses((status = 201, body = ConsentView), (status = 409), (status = 422, description = "Field errors")))]
async fn record_consent(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ConsentRequest>,
) -> Result<Response, AppError> {
    let form = ConsentForm {
        person_id: request.person_id,
        purpose: request.purpose,
        basis: request.basis,
        scope: request.scope,
    };
    let record = consent::record(&state.app, &signed_in.actor, &id, &form).await?;
    Ok(created(ConsentView::from(record)))
}

/// Withdraws a current basis; a stale version is 409.
#[utoipa::path(post, path = "/api/v1/cases/{id}/consents/{consent}/withdraw", request_body = VersionRequest,
    responses((status = 204), (status = 409)))]
async fn withdraw_consent(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((id, record)): Path<(String, String)>,
    ApiJson(request): ApiJson<VersionRequest>,
) -> Result<StatusCode, AppError> {
    consent::withdraw(&state.app, &signed_in.actor, &id, &record, request.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_appointments,
        book,
        reschedule,
        set_status,
        upcoming,
        calendar,
        list_notes,
        add_note,
        list_messages,
        send_message,
        link_account,
        list_referrals,
        request_referral,
        incoming,
        decide,
        revoke,
        list_consents,
        record_consent,
        withdraw_consent
    ),
    components(schemas(
        AppointmentView,
        AppointmentRequest,
        RescheduleRequest,
        StatusRequest,
        NoteView,
        NoteRequest,
        MessageView,
        MessageRequest,
        PortalLinkRequest,
        ReferralView,
        ReferralRequest,
        DecisionRequest,
        VersionRequest,
        ConsentView,
        ConsentRequest
    ))
)]
pub struct CaseContactApiDoc;
