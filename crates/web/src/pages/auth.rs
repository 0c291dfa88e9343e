//! Sign-in with a password and, when enrolled, a second factor; sign-out.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::Response;
use serde::Deserialize;

use app::FieldErrors;
use app::accounts::{self, sessions::SessionStage, totp};
use app::demo::{DEMO_LOGINS, DEMO_PASSWORD};

use crate::AppState;
use crate::auth::{
    ClientAddress, DEVICE_COOKIE, clear_session_cookie, cookie_session, device_cookie,
    session_cookie,
};
use crate::error::{AppError, encode_component};
use crate::i18n::{self, Translator, language_cookie, read_cookie};
use crate::pages::{
    FormPairs, PageContext, form_value, render, render_with_status, safe_next, see_other,
};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: PageContext,
    errors: FieldErrors,
    message: Option<String>,
    username: String,
    next: String,
    demo_logins: Vec<(&'static str, &'static str)>,
    demo_password: &'static str,
}

#[derive(Deserialize)]
pub(super) struct NextQuery {
    #[serde(default)]
    next: String,
}

fn login_page(
    t: Translator,
    state: &AppState,
    username: String,
    next: &str,
    message: Option<String>,
) -> LoginPage {
    LoginPage {
        page: PageContext::public(t, state),
        errors: FieldErrors::default(),
        message,
        username,
        next: safe_next(next).to_owned(),
        demo_logins: DEMO_LOGINS
            .iter()
            .map(|login| (login.username, login.role.as_str()))
            .collect(),
        demo_password: DEMO_PASSWORD,
    }
}

pub(super) async fn login_form(
    State(state): State<AppState>,
    t: Translator,
    Query(query): Query<NextQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if let Some(session) = cookie_session(&headers, &state).await?
        && session.stage == SessionStage::SignedIn
    {
        return Ok(see_other(safe_next(&query.next)));
    }
    render(&login_page(t, &state, String::new(), &query.next, None))
}

pub(super) async fn login(
    State(state): State<AppState>,
    t: Translator,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    let username = form_value(&form, "username");
    let password = form_value(&form, "password");
    let next = form_value(&form, "next");
    let mut errors = FieldErrors::default();
    if username.trim().is_empty() {
        errors.add("username", "error-required");
    }
    if password.is_empty() {
        errors.add("password", "error-required");
    }
    if !errors.0.is_empty() {
        let mut page = login_page(t, &state, username, &next, None);
        page.errors = errors;
        return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let client = accounts::Client {
        address: &address,
        device: read_cookie(&headers, DEVICE_COOKIE),
    };
    match accounts::sign_in(&state.app, &username, &password, client).await {
        Ok(signed) => {
            let target = match signed.stage {
                SessionStage::AwaitingSecondFactor => {
                    format!(
                        "/login/second-factor?next={}",
                        encode_component(safe_next(&next))
                    )
                }
                SessionStage::SignedIn => safe_next(&next).to_owned(),
            };
            let mut response = see_other(&target);
            let cookies = response.headers_mut();
            cookies.append(
                SET_COOKIE,
                session_cookie(&signed.token, state.secure_cookies),
            );
            cookies.append(
                SET_COOKIE,
                device_cookie(&signed.device, state.secure_cookies),
            );
            if read_cookie(&headers, "lang").is_none()
                && let Some(language) = i18n::language(&signed.locale)
            {
                cookies.append(SET_COOKIE, language_cookie(language));
            }
            Ok(response)
        }
        Err(app::Error::Unauthenticated) => {
            let message = t.t("sign-in-failed");
            render_with_status(
                StatusCode::UNAUTHORIZED,
                &login_page(t, &state, username, &next, Some(message)),
            )
        }
        Err(app::Error::TooManyAttempts { retry_after_secs }) => {
            let message = crate::error::too_many_attempts(&t, retry_after_secs);
            render_with_status(
                StatusCode::TOO_MANY_REQUESTS,
                &login_page(t, &state, username, &next, Some(message)),
            )
        }
        Err(app::Error::Conflict("pin-locked")) => {
            let message = t.t("sign-in-pin-locked");
            render_with_status(
                StatusCode::FORBIDDEN,
                &login_page(t, &state, username, &next, Some(message)),
            )
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondFactorPage {
    page: PageContext,
    errors: FieldErrors,
    /// A refusal that belongs to no field (the account's delay), already translated.
    message: Option<String>,
    next: String,
}

pub(super) async fn second_factor_form(
    State(state): State<AppState>,
    t: Translator,
    Query(query): Query<NextQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    match cookie_session(&headers, &state).await? {
        Some(session) if session.stage == SessionStage::AwaitingSecondFactor => {
            let page = SecondFactorPage {
                page: PageContext::public(t, &state),
                errors: FieldErrors::default(),
                message: None,
                next: safe_next(&query.next).to_owned(),
            };
            render(&page)
        }
        Some(_) => Ok(see_other(safe_next(&query.next))),
        None => Ok(see_other("/login")),
    }
}

pub(super) async fn second_factor(
    State(state): State<AppState>,
    t: Translator,
    headers: HeaderMap,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    let next = form_value(&form, "next");
    let Some(session) = cookie_session(&headers, &state).await? else {
        return Ok(see_other("/login"));
    };
    if session.stage != SessionStage::AwaitingSecondFactor {
        return Ok(see_other(safe_next(&next)));
    }
    let refused = |t: Translator, status, errors, message| {
        let page = SecondFactorPage {
            page: PageContext::public(t, &state),
            errors,
            message,
            next: safe_next(&next).to_owned(),
        };
        render_with_status(status, &page)
    };
    match totp::verify_second_factor(&state.app, &session, &form_value(&form, "code")).await {
        Ok(()) => Ok(see_other(safe_next(&next))),
        Err(app::Error::Invalid(errors)) => {
            refused(t, StatusCode::UNPROCESSABLE_ENTITY, errors, None)
        }
        Err(app::Error::TooManyAttempts { retry_after_secs }) => {
            let message = crate::error::too_many_attempts(&t, retry_after_secs);
            refused(
                t,
                StatusCode::TOO_MANY_REQUESTS,
                FieldErrors::default(),
                Some(message),
            )
        }
        // Too many wrong codes ended the pending sign-in: the password step starts again.
        Err(app::Error::Unauthenticated) => {
            let message = t.t("second-factor-ended");
            let mut response = render_with_status(
                StatusCode::UNAUTHORIZED,
                &login_page(t, &state, String::new(), &next, Some(message)),
            )?;
            response
                .headers_mut()
                .append(SET_COOKIE, clear_session_cookie());
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

pub(super) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if let (Some(session), Some(token)) = (
        cookie_session(&headers, &state).await?,
        read_cookie(&headers, crate::auth::SESSION_COOKIE),
    ) {
        accounts::sign_out(&state.app, &session.user.id, token).await?;
    }
    let mut response = see_other("/login");
    response
        .headers_mut()
        .append(SET_COOKIE, clear_session_cookie());
    Ok(response)
}
