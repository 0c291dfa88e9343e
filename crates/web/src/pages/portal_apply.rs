//! "Start an application" from the finder's result: one form for the account, the applicant's
//! name, the office and the consent, carrying the finder's state in hidden fields. Nothing is
//! stored until it is submitted; then one `app` call writes everything and signs the person in.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::Response;

use app::error::FieldErrors;
use app::offices::Office;
use app::portal::apply::{self, ApplicationForm, SignInWith};
use app::portal::finder::FinderState;

use super::portal::{PortalContext, state_of, state_query};
use super::{FormPairs, pair_value, render, render_with_status};
use crate::AppState;
use crate::auth::{ClientAddress, session_cookie};
use crate::error::AppError;
use crate::i18n::Translator;

#[derive(Template)]
#[template(path = "portal/apply.html")]
struct ApplyPage {
    page: PortalContext,
    state: FinderState,
    state_query: String,
    pathway: String,
    offices: Vec<Office>,
    form: ApplicationForm,
    errors: FieldErrors,
    /// A refusal that belongs to no field (too many attempts), already translated.
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "portal/started.html")]
struct StartedPage {
    page: PortalContext,
    reference: String,
    /// The person signs in with the reference and their PIN.
    with_reference: bool,
}

/// After an application with an e-mail address or phone number: sign in to follow it.
#[derive(Template)]
#[template(path = "portal/received.html")]
struct ReceivedPage {
    page: PortalContext,
    /// The identifier as typed, to fill the sign-in form.
    username: String,
}

fn page_query(state: &FinderState, pathway: &str) -> String {
    format!(
        "{}&pathway={}",
        state_query(state),
        crate::error::encode_component(pathway)
    )
}

fn render_form(
    t: Translator,
    status: StatusCode,
    offices: Vec<Office>,
    state: FinderState,
    form: ApplicationForm,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let query = page_query(&state, &form.pathway_id);
    render_with_status(
        status,
        &ApplyPage {
            page: PortalContext::new(t, "/portal/apply", &query),
            pathway: form.pathway_id.clone(),
            state_query: state_query(&state),
            state,
            offices,
            form,
            errors,
            notice,
        },
    )
}

pub(super) async fn form(
    State(state): State<AppState>,
    t: Translator,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let offices = app::offices::open_to_applicants(&state.app.db).await?;
    let form = ApplicationForm {
        pathway_id: pair_value(&pairs, "pathway").to_owned(),
        ..ApplicationForm::default()
    };
    render_form(
        t,
        StatusCode::OK,
        offices,
        state_of(&pairs),
        form,
        FieldErrors::default(),
        None,
    )
}

pub(super) async fn submit(
    State(state): State<AppState>,
    t: Translator,
    ClientAddress(address): ClientAddress,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let finder_state = state_of(&pairs);
    let form = ApplicationForm {
        sign_in_with: SignInWith::parse(pair_value(&pairs, "sign_in_with")),
        identifier: pair_value(&pairs, "identifier").to_owned(),
        password: pair_value(&pairs, "password").to_owned(),
        password_confirm: pair_value(&pairs, "password_confirm").to_owned(),
        pin: pair_value(&pairs, "pin").to_owned(),
        pin_confirm: pair_value(&pairs, "pin_confirm").to_owned(),
        surname: pair_value(&pairs, "surname").to_owned(),
        given_names: pair_value(&pairs, "given_names").to_owned(),
        office_id: pair_value(&pairs, "office_id").to_owned(),
        pathway_id: pair_value(&pairs, "pathway").to_owned(),
        consent: pair_value(&pairs, "consent") == "yes",
        locale: t.lang().to_owned(),
    };
    let refusal = match apply::start(&state.app, &finder_state, &form, &address).await {
        // With an e-mail address or phone number the person signs in next, and a taken one is
        // answered the same way, so the page never tells whether it has an account.
        Ok(apply::Started {
            session_token: None,
            ..
        })
        | Err(app::Error::Conflict("identifier-taken")) => {
            return render(&ReceivedPage {
                page: PortalContext::new(t, "/portal", ""),
                username: apply::normalise_identifier(&form.identifier)
                    .unwrap_or_else(|| form.identifier.trim().to_owned()),
            });
        }
        Ok(started) => {
            let mut response = render_with_status(
                StatusCode::OK,
                &StartedPage {
                    // Its language switch leads to the portal start, not to an empty form.
                    page: PortalContext::signed_in(t, "/portal", ""),
                    reference: started.case_reference,
                    with_reference: form.sign_in_with == SignInWith::ReferenceAndPin,
                },
            )?;
            if let Some(token) = &started.session_token {
                response
                    .headers_mut()
                    .append(SET_COOKIE, session_cookie(token, state.secure_cookies));
            }
            return Ok(response);
        }
        Err(app::Error::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
        Err(app::Error::TooManyAttempts { retry_after_secs }) => {
            let message = crate::error::too_many_attempts(&t, retry_after_secs);
            (
                StatusCode::TOO_MANY_REQUESTS,
                FieldErrors::default(),
                Some(message),
            )
        }
        Err(other) => return Err(other.into()),
    };
    let (status, errors, notice) = refusal;
    let offices = app::offices::open_to_applicants(&state.app.db).await?;
    // Passwords are never sent back into the page.
    let kept = ApplicationForm {
        password: String::new(),
        password_confirm: String::new(),
        pin: String::new(),
        pin_confirm: String::new(),
        ..form
    };
    render_form(t, status, offices, finder_state, kept, errors, notice)
}
