//! "My application": the signed-in applicant's own cases in the portal's light layout — where
//! each stands, the checklist with uploads (phone photos and PDFs), messages with the
//! caseworker, shared notes and appointments. Without JavaScript: plain links and forms; a
//! refused message or upload comes back on the same page with the message next to the field.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use app::cases::appointments::Appointment;
use app::cases::documents::{self, ItemState};
use app::cases::notes::{self, Message, Side};
use app::error::FieldErrors;
use app::portal::my_application::{self, ApplicationSummary, ChecklistEntry, MyApplication};

use super::case_documents::UploadedDocument;
use super::portal::PortalContext;
use super::{FormPairs, form_value, render, render_with_status, see_other};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::{AppError, encode_component};
use crate::i18n::Translator;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal/my", get(list))
        .route("/portal/my/{id}", get(show))
        .route("/portal/my/{id}/messages", post(send_message))
}

/// The upload route; it takes bodies up to the document limit, so it is mounted with the
/// staff upload route (see `case_documents::upload_routes`).
pub(super) fn upload_route() -> Router<AppState> {
    Router::new().route("/portal/my/{id}/documents", post(upload))
}

fn application_path(case_id: &str) -> String {
    format!("/portal/my/{}", encode_component(case_id))
}

#[derive(Template)]
#[template(path = "portal/my.html")]
struct ListPage {
    page: PortalContext,
    applications: Vec<ApplicationSummary>,
}

impl ListPage {
    fn href(&self, application: &ApplicationSummary) -> String {
        application_path(&application.case_id)
    }
}

/// The person's applications; with exactly one, that application itself.
async fn list(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let applications = my_application::mine(&state.app, &signed_in.actor, t.lang()).await?;
    if let [only] = applications.as_slice() {
        return Ok(see_other(&application_path(&only.case_id)));
    }
    render(&ListPage {
        page: PortalContext::signed_in(t, "/portal/my", ""),
        applications,
    })
}

#[derive(Template)]
#[template(path = "portal/application.html")]
struct ApplicationPage {
    page: PortalContext,
    application: MyApplication,
    path: String,
    errors: FieldErrors,
    /// A message refused, kept for another try.
    message_text: String,
    /// The checklist row chosen for a refused upload.
    chosen_item: String,
    uploaded: bool,
    max_megabytes: usize,
}

impl ApplicationPage {
    fn starts(&self, appointment: &app::cases::appointments::Appointment) -> String {
        crate::appointment_start(appointment)
    }

    /// An instant on the office's clock, the zone named.
    fn when(&self, millis: &i64) -> String {
        crate::format_in_zone(*millis, &self.application.time_zone)
    }

    /// The person a checklist row is for, in words.
    fn person(&self, key: &str) -> String {
        match documents::child_number(key) {
            Some(number) => self
                .page
                .t
                .t_with("portal-person-child", &[("number", number.to_string())]),
            None => self.page.label("person", key),
        }
    }

    fn state_label(&self, entry: &ChecklistEntry) -> String {
        self.page.label("item-state", entry.row.state.as_str())
    }

    /// Rows that still take a document: not verified and not waived.
    fn open_rows(&self) -> Vec<&ChecklistEntry> {
        self.application
            .checklist
            .iter()
            .filter(|entry| !matches!(entry.row.state, ItemState::Verified | ItemState::Waived))
            .collect()
    }

    fn sent_by_me(&self, message: &Message) -> bool {
        message.side == Side::Migrant
    }

    fn appointment_kind(&self, appointment: &Appointment) -> String {
        self.page
            .t
            .t(&format!("appointment-kind-{}", appointment.kind.as_str()))
    }

    fn appointment_status(&self, appointment: &Appointment) -> String {
        self.page.t.t(&format!(
            "appointment-status-{}",
            appointment.status.as_str()
        ))
    }

    /// Where the application stands now, and what happens next, in plain words.
    fn status_now(&self) -> String {
        self.page.label("status", self.application.status.as_str())
    }

    fn status_next(&self) -> String {
        self.page.t.t(&format!(
            "portal-status-{}-next",
            self.application.status.as_str()
        ))
    }
}

/// What a refused form left to show again.
#[derive(Default)]
struct Refused {
    errors: FieldErrors,
    message_text: String,
    chosen_item: String,
}

async fn render_application(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    case_id: &str,
    refused: Option<Refused>,
    uploaded: bool,
) -> Result<Response, AppError> {
    let application = my_application::open(&state.app, &signed_in.actor, case_id, t.lang()).await?;
    let path = application_path(&application.case_id);
    let (status, refused) = match refused {
        Some(refused) => (StatusCode::UNPROCESSABLE_ENTITY, refused),
        None => (StatusCode::OK, Refused::default()),
    };
    render_with_status(
        status,
        &ApplicationPage {
            page: PortalContext::signed_in(t, &path, ""),
            application,
            path,
            errors: refused.errors,
            message_text: refused.message_text,
            chosen_item: refused.chosen_item,
            uploaded,
            max_megabytes: documents::MAX_DOCUMENT_MEGABYTES,
        },
    )
}

#[derive(serde::Deserialize)]
struct ShowQuery {
    #[serde(default)]
    uploaded: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, AppError> {
    render_application(&state, t, &signed_in, &id, None, query.uploaded.is_some()).await
}

/// Sends the outcome of a form: back to the page on success (at `anchor`), the page again
/// with the messages when refused.
async fn after_form(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    case_id: &str,
    outcome: app::Result<()>,
    on_success: String,
    refused: impl FnOnce(FieldErrors) -> Refused,
) -> Result<Response, AppError> {
    match outcome {
        Ok(()) => Ok(see_other(&on_success)),
        Err(app::Error::Invalid(errors)) => {
            render_application(state, t, signed_in, case_id, Some(refused(errors)), false).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn send_message(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let text = form_value(&pairs, "message_text");
    let outcome = notes::send_message(&state.app, &signed_in.actor, &id, &text)
        .await
        .map(drop);
    let on_success = format!("{}#messages", application_path(&id));
    after_form(&state, t, &signed_in, &id, outcome, on_success, |errors| {
        Refused {
            errors,
            message_text: text,
            ..Refused::default()
        }
    })
    .await
}

async fn upload(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    UploadedDocument(submitted): UploadedDocument,
) -> Result<Response, AppError> {
    let item = submitted.item.clone();
    let outcome = documents::add_own_document(&state.app, &signed_in.actor, &id, submitted)
        .await
        .map(drop);
    let on_success = format!("{}?uploaded=1#checklist", application_path(&id));
    after_form(&state, t, &signed_in, &id, outcome, on_success, |errors| {
        Refused {
            errors,
            chosen_item: item,
            ..Refused::default()
        }
    })
    .await
}
