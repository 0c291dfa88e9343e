//! Erasure of a person's data (a supervisor's confirmation form with a ground) and the offices'
//! retention periods, read-only here (they are set with `corridor privacy retention`).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use app::FieldErrors;
use app::privacy::erasure::{self, ErasureForm, ErasureTarget, Ground};
use app::privacy::retention::{self, RetentionPolicy};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{FormPairs, PageContext, form_value, render, render_with_status, see_other};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/people/{id}/erase", get(erase_form).post(erase))
        .route("/privacy/retention", get(retention_page))
}

#[derive(Template)]
#[template(path = "privacy/erase.html")]
struct ErasePage {
    page: PageContext,
    target: ErasureTarget,
    case_id: String,
    grounds: &'static [Ground],
    reason: String,
    /// The reference typed to confirm, kept when the form comes back.
    confirm_reference: String,
    errors: FieldErrors,
}

impl ErasePage {
    /// The person's name as written, or nothing when it is unknown.
    fn name(&self) -> String {
        let names = &self.target.names;
        format!("{} {}", names.given_names, names.surname)
            .trim()
            .to_owned()
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct EraseQuery {
    #[serde(default)]
    case: String,
}

async fn erase_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    person_id: &str,
    case_id: String,
    form: ErasureForm,
    errors: FieldErrors,
) -> Result<ErasePage, AppError> {
    let target = erasure::target(&state.app, &signed_in.actor, person_id).await?;
    Ok(ErasePage {
        page: PageContext::new(t, state, signed_in, "/cases"),
        target,
        case_id,
        grounds: &Ground::ALL,
        reason: form.reason,
        confirm_reference: form.confirm_reference,
        errors,
    })
}

async fn erase_form(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    Query(query): Query<EraseQuery>,
) -> Result<Response, AppError> {
    let page = erase_page(
        &state,
        t,
        &signed_in,
        &id,
        query.case,
        ErasureForm::default(),
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

async fn erase(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let form = ErasureForm {
        reason: form_value(&pairs, "reason"),
        confirm_reference: form_value(&pairs, "confirm_reference"),
    };
    let case_id = form_value(&pairs, "case");
    match erasure::erase_person(&state.app, &signed_in.actor, &id, &form).await {
        Ok(_) if !case_id.is_empty() => Ok(see_other(&format!("/cases/{case_id}"))),
        Ok(_) => Ok(see_other("/cases")),
        Err(app::Error::Invalid(errors)) => {
            let page = erase_page(&state, t, &signed_in, &id, case_id, form, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "privacy/retention.html")]
struct RetentionPage {
    page: PageContext,
    policies: Vec<RetentionPolicy>,
}

async fn retention_page(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let policies = retention::policies(&state.app, &signed_in.actor).await?;
    render(&RetentionPage {
        page: PageContext::new(t, &state, &signed_in, "/privacy/retention"),
        policies,
    })
}
