//! The public record of processing: what Corridor keeps about people, why, on what basis, who
//! receives it and for how long, generated from the declarations in `app::privacy::processing`.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use app::privacy::processing::{ACTIVITIES, ProcessingActivity};

use crate::AppState;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{PageContext, render};

#[derive(Template)]
#[template(path = "privacy/processing.html")]
struct ProcessingPage {
    page: PageContext,
    activities: &'static [ProcessingActivity],
}

pub(super) async fn processing(
    State(state): State<AppState>,
    t: Translator,
) -> Result<Response, AppError> {
    render(&ProcessingPage {
        page: PageContext::public(t, &state),
        activities: ACTIVITIES,
    })
}
