//! One error type for every handler, rendered as an HTML page or as RFC 9457 problem+json.
//!
//! Handlers return [`AppError`]; its `IntoResponse` only sets the status and attaches the error.
//! The [`render`] middleware, which knows the request's language and whether it came to the API,
//! turns it into the body. Internal failures are logged in full and shown as a generic message.

use std::sync::Arc;

use askama::Template;
use axum::extract::Request;
use axum::http::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use crate::i18n::Translator;
use crate::pages::PageContext;

#[derive(Debug)]
pub enum AppError {
    App(app::Error),
    /// The request itself was refused before any operation ran: unparseable JSON, a body that
    /// is too large, a wrong content type. `status` says which.
    Rejected {
        status: StatusCode,
        detail: String,
    },
    /// An administrator must enrol a second factor before anything else.
    SecondFactorEnrolmentRequired,
}

impl From<app::Error> for AppError {
    fn from(error: app::Error) -> Self {
        AppError::App(error)
    }
}

impl AppError {
    pub fn not_found() -> AppError {
        AppError::App(app::Error::NotFound)
    }

    pub fn bad_request(detail: impl Into<String>) -> AppError {
        AppError::Rejected {
            status: StatusCode::BAD_REQUEST,
            detail: detail.into(),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::App(error) => match error {
                app::Error::NotFound => StatusCode::NOT_FOUND,
                app::Error::Unauthenticated => StatusCode::UNAUTHORIZED,
                app::Error::Forbidden => StatusCode::FORBIDDEN,
                app::Error::Conflict(_) => StatusCode::CONFLICT,
                app::Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                app::Error::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
                app::Error::Database(_) | app::Error::Internal(_) => {
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            },
            AppError::Rejected { status, .. } => *status,
            AppError::SecondFactorEnrolmentRequired => StatusCode::FORBIDDEN,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            // Display, not Debug: a database error's Debug carries the server's DETAIL line,
            // which can quote the values of the row (names, numbers).
            if let AppError::App(error) = &self {
                tracing::error!(%error, "request failed");
            }
        }
        let mut response = status.into_response();
        if let AppError::App(app::Error::TooManyAttempts { retry_after_secs }) = &self
            && let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(RETRY_AFTER, value);
        }
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// What a failed response says, in the request's language.
struct Problem {
    status: StatusCode,
    slug: &'static str,
    title: String,
    detail: String,
    field_errors: Vec<FieldProblem>,
}

#[derive(Serialize)]
struct FieldProblem {
    field: String,
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [FieldProblem],
}

fn slug_for(status: StatusCode, error: Option<&AppError>) -> &'static str {
    match (status, error) {
        (_, Some(AppError::SecondFactorEnrolmentRequired)) => "second-factor-required",
        (_, Some(AppError::App(app::Error::Conflict(reason)))) => reason,
        (StatusCode::BAD_REQUEST, _) => "bad-request",
        (StatusCode::UNAUTHORIZED, _) => "unauthenticated",
        (StatusCode::FORBIDDEN, _) => "forbidden",
        (StatusCode::NOT_FOUND, _) => "not-found",
        (StatusCode::METHOD_NOT_ALLOWED, _) => "method-not-allowed",
        (StatusCode::CONFLICT, _) => "conflict",
        (StatusCode::PAYLOAD_TOO_LARGE, _) => "payload-too-large",
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, _) => "unsupported-media-type",
        (StatusCode::UNPROCESSABLE_ENTITY, _) => "validation",
        (StatusCode::TOO_MANY_REQUESTS, _) => "too-many-attempts",
        (StatusCode::REQUEST_TIMEOUT, _) => "timeout",
        _ => "internal",
    }
}

fn problem(status: StatusCode, error: Option<&AppError>, t: &Translator) -> Problem {
    let slug = slug_for(status, error);
    let message_slug = if matches!(error, Some(AppError::App(app::Error::Conflict(_)))) {
        "conflict"
    } else {
        slug
    };
    let mut detail = t.t(&format!("problem-{message_slug}-detail"));
    if let Some(AppError::App(app::Error::TooManyAttempts { retry_after_secs })) = error {
        detail = too_many_attempts(t, *retry_after_secs);
    }
    if let Some(AppError::App(app::Error::Conflict(reason))) = error
        && t.has(&format!("conflict-{reason}"))
    {
        detail = t.t(&format!("conflict-{reason}"));
    }
    if let Some(AppError::Rejected { detail: reason, .. }) = error
        && !reason.is_empty()
    {
        detail = format!("{detail} ({reason})");
    }
    let field_errors = match error {
        Some(AppError::App(app::Error::Invalid(errors))) => errors
            .0
            .iter()
            .map(|e| FieldProblem {
                field: e.field.clone(),
                code: e.message_key,
                message: t.t(e.message_key),
            })
            .collect(),
        _ => Vec::new(),
    };
    // A refusal by a business rule is not an edit made in the meantime: only the stale
    // version keeps that title; every other conflict says that this cannot be done now.
    let title_slug = match error {
        Some(AppError::App(app::Error::Conflict(reason))) if *reason != "stale-version" => {
            "refused"
        }
        _ => message_slug,
    };
    Problem {
        status,
        slug,
        title: t.t(&format!("problem-{title_slug}-title")),
        detail,
        field_errors,
    }
}

fn problem_json(problem: &Problem) -> Response {
    let body = ProblemBody {
        kind: format!("/problems/{}", problem.slug),
        title: &problem.title,
        status: problem.status.as_u16(),
        detail: &problem.detail,
        errors: &problem.field_errors,
    };
    let mut response = (problem.status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: PageContext,
    title: &'a str,
    detail: &'a str,
    /// The page the person came from on this site, to go back to it.
    back: Option<String>,
}

fn problem_page(problem: &Problem, t: Translator, back: Option<String>) -> Response {
    let page = PageContext::anonymous(t);
    let template = ErrorPage {
        page,
        title: &problem.title,
        detail: &problem.detail,
        back,
    };
    match template.render() {
        Ok(html) => (problem.status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "error page failed to render");
            problem.status.into_response()
        }
    }
}

/// The path of the page on this site that sent the request (from `Referer`), if any.
fn came_from(headers: &axum::http::HeaderMap) -> Option<String> {
    let referer = headers.get(axum::http::header::REFERER)?.to_str().ok()?;
    let after_scheme = referer.split_once("://")?.1;
    let path = &after_scheme[after_scheme.find('/')?..];
    let path = crate::pages::safe_next(path);
    (path != "/").then(|| path.to_owned())
}

fn redirect(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(to) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// Gives every failed response its body: problem+json under `/api/`, an HTML page elsewhere.
/// Pages that need a sign-in redirect to it instead.
pub async fn render(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let translator = request
        .extensions()
        .get::<Translator>()
        .cloned()
        .unwrap_or_else(Translator::english);
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_default();
    let came_from = came_from(request.headers());
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = response.extensions().get::<Arc<AppError>>().cloned();
    // Bodies that handlers wrote stay; under `/api/` a plain-text body (axum's rejection of a
    // query string, the body-size limit's 413) becomes problem+json like every other error.
    let plain_text = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/plain"));
    let has_body =
        error.is_none() && response.headers().contains_key(CONTENT_TYPE) && !(is_api && plain_text);
    if has_body {
        return response;
    }
    if !is_api {
        match error.as_deref() {
            Some(AppError::App(app::Error::Unauthenticated)) => {
                return redirect(&format!(
                    "/login?next={}",
                    encode_component(&path_and_query)
                ));
            }
            Some(AppError::SecondFactorEnrolmentRequired) => {
                return redirect("/account/second-factor");
            }
            _ => {}
        }
    }
    let problem = problem(status, error.as_deref(), &translator);
    let mut rendered = if is_api {
        problem_json(&problem)
    } else {
        problem_page(&problem, translator, came_from)
    };
    for name in [RETRY_AFTER, WWW_AUTHENTICATE] {
        if let Some(value) = response.headers().get(&name) {
            rendered.headers_mut().insert(name, value.clone());
        }
    }
    if is_api && status == StatusCode::UNAUTHORIZED {
        rendered
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    rendered
}

/// Percent-encodes a query component (RFC 3986 unreserved characters stay as they are).
pub fn encode_component(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// "Too many failed attempts", with the wait in whole minutes.
pub fn too_many_attempts(t: &Translator, retry_after_secs: u64) -> String {
    t.t_with(
        "problem-too-many-attempts-detail",
        &[("minutes", retry_after_secs.div_ceil(60).to_string())],
    )
}
