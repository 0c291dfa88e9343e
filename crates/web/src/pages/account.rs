//! One's own account: language, password, second factor and API tokens.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::Response;
use serde::Deserialize;

use app::FieldErrors;
use app::accounts::{self, tokens, totp};
use app::policy::Role;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::{self, Translator, language_cookie};
use crate::pages::{FormPairs, PageContext, form_value, render, render_with_status, see_other};

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: PageContext,
    errors: FieldErrors,
    notice: Option<&'static str>,
    locale: String,
    totp_enabled: bool,
    owes_enrolment: bool,
    tokens: Vec<tokens::ApiToken>,
    new_token: Option<String>,
    now: i64,
}

#[derive(Deserialize)]
pub(super) struct AccountQuery {
    notice: Option<String>,
}

async fn account_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    errors: FieldErrors,
    notice: Option<&'static str>,
    new_token: Option<String>,
) -> Result<AccountPage, AppError> {
    let user = &signed_in.user;
    Ok(AccountPage {
        page: PageContext::new(t, state, signed_in, "/account"),
        errors,
        notice,
        locale: user.locale.clone(),
        totp_enabled: user.totp_enabled,
        owes_enrolment: state.app.settings.require_admin_totp
            && user.roles.contains(&Role::Admin)
            && !user.totp_enabled,
        tokens: tokens::list_own(&state.app, &signed_in.actor).await?,
        new_token,
        now: app::time::now_millis(),
    })
}

impl AccountPage {
    fn when(&self, millis: &i64) -> String {
        crate::format_instant(*millis)
    }
}

fn known_notice(notice: Option<&str>) -> Option<&'static str> {
    const NOTICES: &[&str] = &[
        "notice-saved",
        "notice-password-changed",
        "notice-second-factor-enabled",
    ];
    notice.and_then(|notice| NOTICES.iter().copied().find(|known| *known == notice))
}

pub(super) async fn show(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Query(query): Query<AccountQuery>,
) -> Result<Response, AppError> {
    let notice = known_notice(query.notice.as_deref());
    render(&account_page(&state, t, &signed_in, FieldErrors::default(), notice, None).await?)
}

pub(super) async fn set_locale(
    State(state): State<AppState>,
    signed_in: SignedIn,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    let locale = form_value(&form, "locale");
    accounts::set_own_locale(&state.app, &signed_in.actor, &locale).await?;
    let mut response = see_other("/account?notice=notice-saved");
    if let Some(language) = i18n::language(&locale) {
        response
            .headers_mut()
            .append(SET_COOKIE, language_cookie(language));
    }
    Ok(response)
}

pub(super) async fn change_password(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    let outcome = accounts::change_own_password(
        &state.app,
        &signed_in.actor,
        signed_in.session_hash.as_deref(),
        &form_value(&form, "current_password"),
        &form_value(&form, "new_password"),
    )
    .await;
    match outcome {
        Ok(()) => Ok(see_other("/account?notice=notice-password-changed")),
        Err(app::Error::Invalid(errors)) => {
            let page = account_page(&state, t, &signed_in, errors, None, None).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "enrol.html")]
struct EnrolPage {
    page: PageContext,
    errors: FieldErrors,
    qr_svg: String,
    secret: String,
    recovery_codes: Option<Vec<String>>,
}

fn qr_svg(text: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(app::Error::internal)?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .build())
}

async fn enrolment_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    errors: FieldErrors,
) -> Result<EnrolPage, AppError> {
    let enrolment = totp::begin_enrolment(&state.app, &signed_in.actor).await?;
    Ok(EnrolPage {
        page: PageContext::new(t, state, signed_in, "/account"),
        errors,
        qr_svg: qr_svg(&enrolment.otpauth_url)?,
        secret: enrolment.secret_base32,
        recovery_codes: None,
    })
}

/// Shows what enrolment involves; nothing is stored until the person starts it (no state
/// change on GET).
pub(super) async fn enrol_intro(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    if signed_in.user.totp_enabled {
        return Ok(see_other("/account"));
    }
    render(&EnrolPage {
        page: PageContext::new(t, &state, &signed_in, "/account"),
        errors: FieldErrors::default(),
        qr_svg: String::new(),
        secret: String::new(),
        recovery_codes: None,
    })
}

/// Creates a new pending secret and shows it as a QR code.
pub(super) async fn enrol_start(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    if signed_in.user.totp_enabled {
        return Ok(see_other("/account"));
    }
    render(&enrolment_page(&state, t, &signed_in, FieldErrors::default()).await?)
}

pub(super) async fn confirm_enrolment(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    match totp::confirm_enrolment(&state.app, &signed_in.actor, &form_value(&form, "code")).await {
        Ok(codes) => render(&EnrolPage {
            page: PageContext::new(t, &state, &signed_in, "/account"),
            errors: FieldErrors::default(),
            qr_svg: String::new(),
            secret: String::new(),
            recovery_codes: Some(codes),
        }),
        // A wrong code starts over with a fresh secret: the page shows a new QR code.
        Err(app::Error::Invalid(errors)) => {
            let page = enrolment_page(&state, t, &signed_in, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

pub(super) async fn create_token(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(form): FormPairs,
) -> Result<Response, AppError> {
    let days = match form_value(&form, "days").trim() {
        "" => tokens::DEFAULT_DAYS,
        typed => accounts::password::ascii_digits(typed).parse().unwrap_or(0),
    };
    match tokens::create(
        &state.app,
        &signed_in.actor,
        &form_value(&form, "name"),
        days,
    )
    .await
    {
        Ok((_, secret)) => render(
            &account_page(
                &state,
                t,
                &signed_in,
                FieldErrors::default(),
                None,
                Some(secret),
            )
            .await?,
        ),
        Err(app::Error::Invalid(errors)) => {
            let page = account_page(&state, t, &signed_in, errors, None, None).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

pub(super) async fn revoke_token(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    tokens::revoke(&state.app, &signed_in.actor, &id).await?;
    Ok(see_other("/account?notice=notice-saved"))
}
