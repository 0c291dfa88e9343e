//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/v1/openapi.json`.
//!
//! Requests authenticate with `Authorization: Bearer <personal token>` (or the browser session).
//! Errors are RFC 9457 problem+json; validation failures are 422 with one entry per field.
//! The types here are the wire format; the `app` types stay free of it.

pub mod case_contact;
pub mod case_documents;
mod knowledge;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use app::accounts::{self, NewUser, User};
use app::audit::{self, AuditEvent};
use app::offices::{self, Office, OfficeForm};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::pages::admin_audit_filter;

pub mod cases;
pub mod orientation;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/me", get(me))
        .route("/api/v1/users", get(list_users).post(create_user))
        .route("/api/v1/users/{id}", get(get_user))
        .route("/api/v1/offices", get(list_offices).post(create_office))
        .route("/api/v1/audit", get(list_audit))
        .merge(orientation::routes())
        .merge(knowledge::routes())
        .merge(case_documents::routes())
        .merge(case_contact::routes())
        .merge(cases::routes())
}

/// A JSON body whose rejections are problem+json like every other error.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(AppError::Rejected {
                status: rejection.status(),
                detail: rejection.body_text(),
            }),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct UserView {
    id: String,
    username: String,
    display_name: String,
    locale: String,
    roles: Vec<String>,
    offices: Vec<String>,
    disabled: bool,
    second_factor: bool,
    version: i64,
}

impl From<User> for UserView {
    fn from(user: User) -> Self {
        UserView {
            roles: user
                .roles
                .iter()
                .map(|role| role.as_str().to_owned())
                .collect(),
            id: user.id,
            username: user.username,
            display_name: user.display_name,
            locale: user.locale,
            offices: user.offices,
            disabled: user.disabled,
            second_factor: user.totp_enabled,
            version: user.version,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewUserRequest {
    username: String,
    display_name: String,
    password: String,
    #[serde(default = "default_locale")]
    locale: String,
    roles: Vec<String>,
    #[serde(default)]
    offices: Vec<String>,
}

fn default_locale() -> String {
    "en".into()
}

#[derive(Serialize, ToSchema)]
pub struct OfficeView {
    id: String,
    code: String,
    name: String,
    country: String,
    kind: String,
    /// IANA time zone; appointment times are typed and shown on this clock.
    time_zone: String,
    version: i64,
}

impl From<Office> for OfficeView {
    fn from(office: Office) -> Self {
        OfficeView {
            kind: office.kind.as_str().to_owned(),
            id: office.id,
            code: office.code,
            name: office.name,
            country: office.country,
            time_zone: office.time_zone,
            version: office.version,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewOfficeRequest {
    code: String,
    name: String,
    country: String,
    kind: String,
    /// IANA time zone, e.g. `Europe/Istanbul`; UTC when left out.
    #[serde(default)]
    time_zone: String,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEventView {
    seq: i64,
    /// Unix milliseconds.
    at: i64,
    actor_id: Option<String>,
    office_id: Option<String>,
    action: String,
    target_type: String,
    target_id: Option<String>,
    #[schema(value_type = Object)]
    details: serde_json::Value,
    hash: String,
}

impl From<AuditEvent> for AuditEventView {
    fn from(event: AuditEvent) -> Self {
        AuditEventView {
            details: serde_json::from_str(&event.details).unwrap_or(serde_json::Value::Null),
            seq: event.seq,
            at: event.at,
            actor_id: event.actor_id,
            office_id: event.office_id,
            action: event.action,
            target_type: event.target_type,
            target_id: event.target_id,
            hash: event.hash,
        }
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AuditParams {
    action: Option<String>,
    actor: Option<String>,
    target_type: Option<String>,
    /// Only events with a smaller sequence number (for paging back).
    before: Option<i64>,
    /// At most this many events (1–500, default 100).
    limit: Option<i64>,
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = UserView), (status = 401)))]
async fn me(signed_in: SignedIn) -> Json<UserView> {
    Json(signed_in.user.into())
}

/// Users the caller may see.
#[utoipa::path(get, path = "/api/v1/users", responses((status = 200, body = Vec<UserView>), (status = 403)))]
async fn list_users(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<UserView>>, AppError> {
    let users = accounts::list(&state.app.db, &signed_in.actor).await?;
    Ok(Json(users.into_iter().map(UserView::from).collect()))
}

/// One user.
#[utoipa::path(get, path = "/api/v1/users/{id}", responses((status = 200, body = UserView), (status = 404)))]
async fn get_user(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<UserView>, AppError> {
    Ok(Json(
        accounts::get(&state.app.db, &signed_in.actor, &id)
            .await?
            .into(),
    ))
}

/// Creates a user.
#[utoipa::path(post, path = "/api/v1/users", request_body = NewUserRequest,
    responses((status = 201, body = UserView), (status = 422, description = "Field errors")))]
async fn create_user(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewUserRequest>,
) -> Result<Response, AppError> {
    let new_user = NewUser {
        username: request.username,
        display_name: request.display_name,
        password: request.password,
        locale: request.locale,
        roles: request.roles,
        offices: request.offices,
    };
    let user = accounts::create(&state.app, &signed_in.actor, &new_user).await?;
    Ok((axum::http::StatusCode::CREATED, Json(UserView::from(user))).into_response())
}

/// All offices.
#[utoipa::path(get, path = "/api/v1/offices", responses((status = 200, body = Vec<OfficeView>)))]
async fn list_offices(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<OfficeView>>, AppError> {
    let offices = offices::list(&state.app.db, &signed_in.actor).await?;
    Ok(Json(offices.into_iter().map(OfficeView::from).collect()))
}

/// Creates an office.
#[utoipa::path(post, path = "/api/v1/offices", request_body = NewOfficeRequest,
    responses((status = 201, body = OfficeView), (status = 422, description = "Field errors")))]
async fn create_office(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewOfficeRequest>,
) -> Result<Response, AppError> {
    let form = OfficeForm {
        code: request.code,
        name: request.name,
        country: request.country,
        kind: request.kind,
        time_zone: request.time_zone,
    };
    let office = offices::create(&state.app, &signed_in.actor, &form).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(OfficeView::from(office)),
    )
        .into_response())
}

/// Audit events the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/audit", params(AuditParams),
    responses((status = 200, body = Vec<AuditEventView>), (status = 403)))]
async fn list_audit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(params): Query<AuditParams>,
) -> Result<Json<Vec<AuditEventView>>, AppError> {
    let query = crate::pages::AuditQuery {
        action: params.action.unwrap_or_default(),
        actor: params.actor.unwrap_or_default(),
        target_type: params.target_type.unwrap_or_default(),
        before: params.before,
    };
    let filter = admin_audit_filter(&signed_in, &query, params.limit.unwrap_or(100))?;
    let events = audit::list(&state.app.db, &filter).await?;
    Ok(Json(events.into_iter().map(AuditEventView::from).collect()))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Corridor API", description = "Regular migration pathways: accounts, offices and the audit log."),
    paths(me, list_users, get_user, create_user, list_offices, create_office, list_audit),
    components(schemas(UserView, NewUserRequest, OfficeView, NewOfficeRequest, AuditEventView)),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    let mut document = ApiDoc::openapi();
    document.merge(orientation::OrientationApiDoc::openapi());
    document.merge(knowledge::KnowledgeApiDoc::openapi());
    document.merge(case_documents::CaseDocumentsApiDoc::openapi());
    document.merge(case_contact::CaseContactApiDoc::openapi());
    document.merge(cases::CasesApiDoc::openapi());
    Json(document)
}
