//! Orientation in the JSON API: curricula, sessions and rosters, attendance, certificates,
//! the knowledge-gain report, and public certificate verification.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use app::orientation::assessments::{self, Gain, KnowledgeGainReport};
use app::orientation::certificates::{self, Verification};
use app::orientation::curricula::{self, Curriculum};
use app::orientation::sessions::{self, AttendanceMark, CheckMethod, Direction, Roster};

use crate::AppState;
use crate::api::ApiJson;
use crate::auth::SignedIn;
use crate::error::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/orientation/curricula", get(list_curricula))
        .route(
            "/api/v1/orientation/curricula/{id}/document",
            get(curriculum_document),
        )
        .route(
            "/api/v1/orientation/curricula/{id}/knowledge-gain",
            get(knowledge_gain),
        )
        .route("/api/v1/orientation/sessions/{id}/roster", get(roster))
        .route("/api/v1/orientation/attendance", post(record_attendance))
        .route(
            "/api/v1/orientation/enrolments/{id}/certificate",
            post(issue_certificate),
        )
        .route("/api/v1/verify/{token}", get(verify))
}

#[derive(Serialize, ToSchema)]
pub struct CurriculumView {
    id: String,
    code: String,
    /// The curriculum this one localises.
    parent_id: Option<String>,
    /// `peo`, `pdo`, `pao` or `return`.
    stage: String,
    origin: Option<String>,
    destination: Option<String>,
    region: Option<String>,
    audience: String,
    languages: Vec<String>,
    /// Title per language tag.
    #[schema(value_type = Object)]
    title: app::orientation::Text,
    content_version: i64,
}

impl From<Curriculum> for CurriculumView {
    fn from(c: Curriculum) -> Self {
        CurriculumView {
            stage: c.stage.as_str().to_owned(),
            id: c.id,
            code: c.code,
            parent_id: c.parent_id,
            origin: c.origin,
            destination: c.destination,
            region: c.region,
            audience: c.audience,
            languages: c.languages,
            title: c.title,
            content_version: c.content_version,
        }
    }
}

/// Curricula.
#[utoipa::path(get, path = "/api/v1/orientation/curricula", responses((status = 200, body = Vec<CurriculumView>), (status = 403)))]
async fn list_curricula(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<CurriculumView>>, AppError> {
    let list = curricula::list(&state.app.db, &signed_in.actor).await?;
    Ok(Json(list.into_iter().map(CurriculumView::from).collect()))
}

/// A curriculum as its exchange document (the format of `content/orientation/`).
#[utoipa::path(get, path = "/api/v1/orientation/curricula/{id}/document", responses((status = 200, body = Object), (status = 404)))]
async fn curriculum_document(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, AppError> {
    let document = curricula::export(&state.app.db, &signed_in.actor, &id).await?;
    Ok(Json(
        serde_json::to_value(document).map_err(app::Error::internal)?,
    ))
}

#[derive(Serialize, ToSchema)]
pub struct GainView {
    pre_percent: f64,
    post_percent: f64,
    points: f64,
}

fn gain_view(gain: Option<Gain>) -> Option<GainView> {
    gain.map(|g| GainView {
        pre_percent: g.pre_percent,
        post_percent: g.post_percent,
        points: g.points(),
    })
}

#[derive(Serialize, ToSchema)]
pub struct ModuleGainView {
    module_key: String,
    /// Absent when suppressed.
    gain: Option<GainView>,
}

#[derive(Serialize, ToSchema)]
pub struct CellView {
    value: String,
    suppressed: bool,
    participants: Option<i64>,
    overall: Option<GainView>,
    modules: Vec<Option<GainView>>,
}

#[derive(Serialize, ToSchema)]
pub struct BreakdownView {
    dimension: String,
    cells: Vec<CellView>,
}

#[derive(Serialize, ToSchema)]
pub struct KnowledgeGainView {
    curriculum_id: String,
    participants: Option<i64>,
    overall: Option<GainView>,
    modules: Vec<ModuleGainView>,
    breakdowns: Vec<BreakdownView>,
    satisfaction_mean: Option<f64>,
}

impl From<KnowledgeGainReport> for KnowledgeGainView {
    fn from(report: KnowledgeGainReport) -> Self {
        KnowledgeGainView {
            curriculum_id: report.curriculum_id,
            participants: report.participants,
            overall: gain_view(report.overall),
            modules: report
                .modules
                .into_iter()
                .map(|m| ModuleGainView {
                    module_key: m.module_key,
                    gain: gain_view(m.gain),
                })
                .collect(),
            breakdowns: report
                .breakdowns
                .into_iter()
                .map(|b| BreakdownView {
                    dimension: b.dimension.to_owned(),
                    cells: b
                        .cells
                        .into_iter()
                        .map(|c| CellView {
                            value: c.value,
                            suppressed: c.suppressed,
                            participants: c.participants,
                            overall: gain_view(c.overall),
                            modules: c.modules.into_iter().map(gain_view).collect(),
                        })
                        .collect(),
                })
                .collect(),
            satisfaction_mean: report.satisfaction.map(|(mean, _)| mean),
        }
    }
}

/// Knowledge gain by module and by sex, age group, nationality and migration category; cells
/// under five people are suppressed (with secondary suppression).
#[utoipa::path(get, path = "/api/v1/orientation/curricula/{id}/knowledge-gain", responses((status = 200, body = KnowledgeGainView), (status = 403)))]
async fn knowledge_gain(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<KnowledgeGainView>, AppError> {
    Ok(Json(
        assessments::knowledge_gain(&state.app.db, &signed_in.actor, &id)
            .await?
            .into(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct RosterLineView {
    enrolment_id: String,
    participant_id: String,
    name: String,
    status: String,
    on_roster: bool,
    checkin_code: String,
    attended_minutes: i64,
    percent_of_required: i64,
    pre_taken: bool,
    post_taken: bool,
    certificate_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RosterView {
    session_id: String,
    required_minutes: i64,
    roster_submitted_at: Option<i64>,
    attendance_submitted_at: Option<i64>,
    lines: Vec<RosterLineView>,
}

impl From<Roster> for RosterView {
    fn from(roster: Roster) -> Self {
        let required = roster.curriculum.required_minutes();
        RosterView {
            session_id: roster.session.id,
            required_minutes: required,
            roster_submitted_at: roster.session.roster_submitted_at,
            attendance_submitted_at: roster.session.attendance_submitted_at,
            lines: roster
                .lines
                .into_iter()
                .map(|line| RosterLineView {
                    percent_of_required: line.percent_of(required),
                    enrolment_id: line.enrolment.id,
                    participant_id: line.participant.id,
                    name: line.participant.name,
                    status: line.enrolment.status.as_str().to_owned(),
                    on_roster: line.enrolment.on_roster,
                    checkin_code: line.enrolment.checkin_code,
                    attended_minutes: line.attended_minutes,
                    pre_taken: line.pre_taken,
                    post_taken: line.post_taken,
                    certificate_id: line.certificate_id,
                })
                .collect(),
        }
    }
}

/// The roster of a session with attendance, quizzes and certificates.
#[utoipa::path(get, path = "/api/v1/orientation/sessions/{id}/roster", responses((status = 200, body = RosterView), (status = 404)))]
async fn roster(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<RosterView>, AppError> {
    Ok(Json(
        sessions::roster(&state.app, &signed_in.actor, &id)
            .await?
            .into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct AttendanceRequest {
    /// The participant's check-in code (from their QR code or typed).
    code: String,
    day: i64,
    /// `in` or `out`.
    direction: String,
    /// Unix milliseconds; now when absent.
    at: Option<i64>,
    /// `qr_scan` (default), `short_code` or `roll_call`.
    method: Option<String>,
}

/// Records a check-in or check-out.
#[utoipa::path(post, path = "/api/v1/orientation/attendance", request_body = AttendanceRequest,
    responses((status = 204), (status = 409, description = "Roster not submitted, not on roster, already checked in..."), (status = 422)))]
async fn record_attendance(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<AttendanceRequest>,
) -> Result<Response, AppError> {
    let direction = match request.direction.as_str() {
        "in" => Direction::In,
        "out" => Direction::Out,
        _ => return Err(app::Error::invalid("direction", "error-choose-option").into()),
    };
    let method = request
        .method
        .as_deref()
        .map_or(Some(CheckMethod::QrScan), CheckMethod::parse);
    let method = method.ok_or_else(|| app::Error::invalid("method", "error-choose-option"))?;
    let (enrolment, _, _) =
        sessions::find_by_code(&state.app, &signed_in.actor, &request.code).await?;
    let mark = AttendanceMark {
        day: request.day,
        direction,
        at: request.at.unwrap_or_else(app::time::now_millis),
        method,
    };
    sessions::record_attendance(&state.app, &signed_in.actor, &enrolment.id, mark).await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

#[derive(Serialize, ToSchema)]
pub struct CertificateView {
    id: String,
    /// The compact signed token (`CC1.<claims>.<signature>`).
    token: String,
    issued_at: i64,
    revoked_at: Option<i64>,
}

/// Issues the certificate of an enrolment that completed the course.
#[utoipa::path(post, path = "/api/v1/orientation/enrolments/{id}/certificate",
    responses((status = 201, body = CertificateView), (status = 409, description = "Hours not met, post-test missing...")))]
async fn issue_certificate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let certificate = certificates::issue(&state.app, &signed_in.actor, &id).await?;
    let view = CertificateView {
        id: certificate.id,
        token: certificate.token,
        issued_at: certificate.issued_at,
        revoked_at: certificate.revoked_at,
    };
    Ok((axum::http::StatusCode::CREATED, Json(view)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct VerificationView {
    valid: bool,
    /// Why not, when not valid: `verify-malformed`, `verify-unknown-key`, `verify-bad-signature`, `verify-revoked`.
    reason: Option<String>,
    #[schema(value_type = Object)]
    claims: Option<certificates::Claims>,
}

/// Checks a certificate token (public; no sign-in needed).
#[utoipa::path(get, path = "/api/v1/verify/{token}", responses((status = 200, body = VerificationView)), security(()))]
async fn verify(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<VerificationView>, AppError> {
    let view = match certificates::verify_online(&state.app, &token).await? {
        Verification::Valid(claims) => VerificationView {
            valid: true,
            reason: None,
            claims: Some(claims),
        },
        Verification::Rejected(rejection) => {
            let claims = match &rejection {
                certificates::Rejection::Revoked(claims) => Some((**claims).clone()),
                _ => None,
            };
            VerificationView {
                valid: false,
                reason: Some(rejection.message_key().to_owned()),
                claims,
            }
        }
    };
    Ok(Json(view))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_curricula,
        curriculum_document,
        knowledge_gain,
        roster,
        record_attendance,
        issue_certificate,
        verify
    ),
    components(schemas(
        CurriculumView,
        GainView,
        ModuleGainView,
        CellView,
        BreakdownView,
        KnowledgeGainView,
        RosterLineView,
        RosterView,
        AttendanceRequest,
        CertificateView,
        VerificationView
    ))
)]
pub struct OrientationApiDoc;
