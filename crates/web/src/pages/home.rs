//! The signed-in person's start page: who they are and what they may do here.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use app::accounts::alerts::{self, AlertKind};
use app::offices;
use app::policy::{self, Action, Target};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{PageContext, render};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: PageContext,
    display_name: String,
    roles: Vec<&'static str>,
    offices: Vec<String>,
    reminders: Vec<super::case_contact::Reminder>,
    /// Security alerts, already worded, for those who may see them.
    alerts: Vec<String>,
}

pub(super) async fn show(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let actor = &signed_in.actor;
    let office_names = if policy::is_allowed(actor, Action::ViewOffices, Target::system()) {
        offices::list(&state.app.db, actor)
            .await?
            .into_iter()
            .filter(|office| actor.offices.contains(&office.id))
            .map(|office| format!("{} — {}", office.code, office.name))
            .collect()
    } else {
        Vec::new()
    };
    let alerts = alerts::recent(&state.app, actor)
        .await?
        .into_iter()
        .map(|alert| match alert.kind {
            AlertKind::PinFailures => t.t_with(
                "security-alert-pin-failures",
                &[("until", crate::format_instant(alert.until_at))],
            ),
        })
        .collect();
    let page = HomePage {
        page: PageContext::new(t, &state, &signed_in, "/"),
        display_name: signed_in.user.display_name.clone(),
        roles: signed_in
            .user
            .roles
            .iter()
            .map(|role| role.as_str())
            .collect(),
        offices: office_names,
        reminders: super::case_contact::reminders(&state, &signed_in).await?,
        alerts,
    };
    render(&page)
}
