//! Data-subject rights for supervisors: the open subject-access requests with their legal
//! deadline, recording one for a person of a case, refusing one with a reason, downloading the
//! answer (which fulfils it); and break the glass: the offer to open a case outside one's
//! offices with a reason, and the supervisors' review of those emergency accesses.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use app::FieldErrors;
use app::cases::people::Person;
use app::policy::{self, Action};
use app::privacy::break_glass::{self, GRANT_MINUTES, Grant};
use app::privacy::subject_access::{self, AccessRequestForm, Channel, OpenRequest, RESPONSE_DAYS};
use app::time::now_millis;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::{Language, Translator, languages};
use crate::pages::{
    FormPairs, PageContext, form_value, form_version, render, render_with_status, see_other,
    typed_date,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/privacy/requests", get(requests).post(record))
        .route("/privacy/requests/new", get(new_request))
        .route("/privacy/requests/{id}/export", post(export))
        .route("/privacy/requests/{id}/refuse", post(refuse))
        .route("/privacy/emergency-access", get(review_list))
        .route(
            "/privacy/emergency-access/{id}/reviewed",
            post(mark_reviewed),
        )
        .route("/cases/{id}/emergency-access", post(break_glass))
}

fn when(millis: i64) -> String {
    crate::format_instant(millis)
}

#[derive(Template)]
#[template(path = "privacy/requests.html")]
struct RequestsPage {
    page: PageContext,
    requests: Vec<OpenRequest>,
    now: i64,
    days: i64,
    errors: FieldErrors,
    /// The request whose refusal failed validation, with the typed reason.
    refusing: Option<(String, String)>,
}

impl RequestsPage {
    fn when(&self, millis: &i64) -> String {
        when(*millis)
    }

    fn refusal_text(&self, id: &str) -> String {
        self.refusing
            .as_ref()
            .filter(|(refused, _)| refused == id)
            .map(|(_, reason)| reason.clone())
            .unwrap_or_default()
    }
}

async fn requests_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    errors: FieldErrors,
    refusing: Option<(String, String)>,
) -> Result<RequestsPage, AppError> {
    Ok(RequestsPage {
        requests: subject_access::open_requests(&state.app, &signed_in.actor).await?,
        page: PageContext::new(t, state, signed_in, "/privacy/requests"),
        now: now_millis(),
        days: RESPONSE_DAYS,
        errors,
        refusing,
    })
}

pub(super) async fn requests(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    render(&requests_page(&state, t, &signed_in, FieldErrors::default(), None).await?)
}

#[derive(Template)]
#[template(path = "privacy/request_new.html")]
struct NewRequestPage {
    page: PageContext,
    person: Person,
    form: AccessRequestForm,
    errors: FieldErrors,
    channels: &'static [Channel],
    /// The interface languages: a reply's summary is written in one of them.
    languages: &'static [Language],
}

#[derive(Debug, Deserialize)]
pub(super) struct PersonQuery {
    #[serde(default)]
    person: String,
}

async fn new_request_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    form: AccessRequestForm,
    errors: FieldErrors,
) -> Result<NewRequestPage, AppError> {
    let person =
        subject_access::person_for_request(&state.app, &signed_in.actor, &form.person_id).await?;
    Ok(NewRequestPage {
        page: PageContext::new(t, state, signed_in, "/privacy/requests"),
        person,
        form,
        errors,
        channels: &Channel::ALL,
        languages: languages(),
    })
}

pub(super) async fn new_request(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Query(query): Query<PersonQuery>,
) -> Result<Response, AppError> {
    let form = AccessRequestForm {
        person_id: query.person,
        ..AccessRequestForm::default()
    };
    render(&new_request_page(&state, t, &signed_in, form, FieldErrors::default()).await?)
}

pub(super) async fn record(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let form = AccessRequestForm {
        person_id: form_value(&pairs, "person_id"),
        requested_via: form_value(&pairs, "requested_via"),
        received_on: typed_date(&pairs, "received_on"),
        language: form_value(&pairs, "language"),
    };
    match subject_access::record(&state.app, &signed_in.actor, &form).await {
        Ok(_) => Ok(see_other("/privacy/requests")),
        Err(app::Error::Invalid(errors)) => render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &new_request_page(&state, t, &signed_in, form, errors).await?,
        ),
        Err(other) => Err(other.into()),
    }
}

/// Downloads the answer as a ZIP; this fulfils the request.
pub(super) async fn export(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let version = form_version(&pairs)?;
    let export = subject_access::fulfil(&state.app, &signed_in.actor, &id, version).await?;
    let archive = crate::subject_access::archive(&export)?;
    Ok((
        [
            (CONTENT_TYPE, "application/zip".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"",
                    crate::subject_access::file_name(&export)
                ),
            ),
        ],
        archive,
    )
        .into_response())
}

pub(super) async fn refuse(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let version = form_version(&pairs)?;
    let reason = form_value(&pairs, "reason");
    match subject_access::refuse(&state.app, &signed_in.actor, &id, version, &reason).await {
        Ok(()) => Ok(see_other("/privacy/requests")),
        Err(app::Error::Invalid(errors)) => render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &requests_page(&state, t, &signed_in, errors, Some((id, reason))).await?,
        ),
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "privacy/emergency_review.html")]
struct ReviewPage {
    page: PageContext,
    grants: Vec<Grant>,
    now: i64,
}

impl ReviewPage {
    fn when(&self, millis: &i64) -> String {
        when(*millis)
    }
}

pub(super) async fn review_list(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    render(&ReviewPage {
        grants: break_glass::for_review(&state.app, &signed_in.actor).await?,
        page: PageContext::new(t, &state, &signed_in, "/privacy/requests"),
        now: now_millis(),
    })
}

pub(super) async fn mark_reviewed(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let version = form_version(&pairs)?;
    break_glass::mark_reviewed(&state.app, &signed_in.actor, &id, version).await?;
    Ok(see_other("/privacy/emergency-access"))
}

#[derive(Template)]
#[template(path = "privacy/emergency_offer.html")]
struct OfferPage {
    page: PageContext,
    case_id: String,
    reason: String,
    errors: FieldErrors,
    minutes: i64,
}

fn offer_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    case_id: &str,
    reason: String,
    errors: FieldErrors,
) -> OfferPage {
    OfferPage {
        page: PageContext::new(t, state, signed_in, "/cases"),
        case_id: case_id.to_owned(),
        reason,
        errors,
        minutes: GRANT_MINUTES,
    }
}

/// What a case page answers when the case is not in the reader's scope: for those who may
/// break the glass, the offer to open it with a reason, under the same 404 as a case that does
/// not exist (the offer says nothing about whether it does); for everyone else the error.
pub(super) fn refused_case(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    case_id: &str,
    error: AppError,
) -> Result<Response, AppError> {
    let offered = matches!(error, AppError::App(app::Error::NotFound))
        && policy::list_scope(&signed_in.actor, Action::BreakGlass).is_ok();
    if !offered {
        return Err(error);
    }
    render_with_status(
        StatusCode::NOT_FOUND,
        &offer_page(
            state,
            t,
            signed_in,
            case_id,
            String::new(),
            FieldErrors::default(),
        ),
    )
}

pub(super) async fn break_glass(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let reason = form_value(&pairs, "reason");
    match break_glass::request(&state.app, &signed_in.actor, &id, &reason).await {
        Ok(grant) => Ok(see_other(&format!("/cases/{}", grant.case_id))),
        Err(app::Error::Invalid(errors)) => render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &offer_page(&state, t, &signed_in, &id, reason, errors),
        ),
        Err(other) => Err(other.into()),
    }
}
