//! The work queue page: filters, keyset pages, this month's quotas, and bulk assignment
//! (checkboxes, an assignee and one submit button; no JavaScript needed).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;

use app::FieldErrors;
use app::cases::assignment::{self, Assignee, CaseRef};
use app::cases::quotas::{self, Quota};
use app::cases::triage::Priority;
use app::cases::workflow::CaseStatus;
use app::cases::{self, QueueCursor, QueueFilter, QueuePage};
use app::offices::{self, Office};
use app::policy::{self, Action};

use super::cases::{PathwayChoice, pathway_choices};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{
    FormPairs, PageContext, form_value, form_values, render_with_status, see_other,
};

const PAGE_SIZE: i64 = 50;

/// The queue's filter as typed in the URL.
#[derive(Debug, Default, Deserialize)]
pub(super) struct QueueQuery {
    #[serde(default)]
    office: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    pathway: String,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    overdue: String,
    #[serde(default)]
    mine: String,
    #[serde(default)]
    unassigned: String,
    after: Option<String>,
}

/// The status filter's value for every case, closed and withdrawn ones included; no value means
/// the cases still open.
const ALL_STATUSES: &str = "all";

impl QueueQuery {
    fn filter(&self, signed_in: &SignedIn) -> QueueFilter {
        let non_empty = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
        QueueFilter {
            office_id: non_empty(&self.office),
            status: non_empty(&self.status).filter(|status| status != ALL_STATUSES),
            // A search by reference or name finds closed cases too.
            open_only: non_empty(&self.status).is_none() && non_empty(&self.q).is_none(),
            unassigned_only: !self.unassigned.is_empty(),
            priority: non_empty(&self.priority),
            pathway: non_empty(&self.pathway),
            assigned_to: if self.mine.is_empty() {
                non_empty(&self.assignee)
            } else {
                Some(signed_in.user.id.clone())
            },
            overdue_only: !self.overdue.is_empty(),
            text: non_empty(&self.q),
        }
    }

    /// The query string of this filter, without the page.
    fn filter_string(&self) -> String {
        let encode = crate::error::encode_component;
        format!(
            "office={}&status={}&priority={}&pathway={}&assignee={}&q={}&overdue={}&mine={}&unassigned={}",
            encode(&self.office),
            encode(&self.status),
            encode(&self.priority),
            encode(&self.pathway),
            encode(&self.assignee),
            encode(&self.q),
            encode(&self.overdue),
            encode(&self.mine),
            encode(&self.unassigned),
        )
    }

    /// The query string of the next page.
    fn next_page(&self, cursor: &QueueCursor) -> String {
        format!(
            "{}&after={}",
            self.filter_string(),
            crate::error::encode_component(&cursor.encode())
        )
    }

    /// The filter a bulk-assignment form carried back; anything unreadable is no filter.
    fn from_back(back: &str) -> QueueQuery {
        format!("/cases?{back}")
            .parse::<Uri>()
            .ok()
            .and_then(|uri| Query::<QueueQuery>::try_from_uri(&uri).ok())
            .map(|Query(query)| QueueQuery {
                after: None,
                ..query
            })
            .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "cases/queue.html")]
struct QueuePageView {
    page: PageContext,
    query: QueueQuery,
    back: String,
    queue: QueuePage,
    statuses: &'static [CaseStatus],
    priorities: &'static [Priority],
    offices: Vec<Office>,
    pathways: Vec<PathwayChoice>,
    assignees: Vec<Assignee>,
    quotas: Vec<Quota>,
    errors: FieldErrors,
    next: Option<String>,
    can_open: bool,
    can_assign: bool,
    /// New applications nobody is assigned to yet, in the reader's offices.
    unassigned_new: i64,
}

impl QueuePageView {
    fn due(&self, millis: &i64) -> String {
        crate::format_instant(*millis).chars().take(10).collect()
    }

    fn case_value(&self, id: &str, version: &i64) -> String {
        CaseRef::encode(id, *version)
    }

    fn pathway_label(&self, pack_id: &str, pathway_id: &str) -> String {
        let value = format!("{pack_id}/{pathway_id}");
        self.pathways
            .iter()
            .find(|choice| choice.value == value)
            .map_or_else(|| pathway_id.to_owned(), |choice| choice.label.clone())
    }

    fn assignee_name(&self, id: &str) -> String {
        self.assignees
            .iter()
            .find(|assignee| assignee.id == id)
            .map_or_else(String::new, |assignee| assignee.display_name.clone())
    }
}

async fn queue_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    query: QueueQuery,
    errors: FieldErrors,
) -> Result<QueuePageView, AppError> {
    let after = query.after.as_deref().and_then(QueueCursor::decode);
    let queue = cases::queue(
        &state.app,
        &signed_in.actor,
        &query.filter(signed_in),
        after.as_ref(),
        PAGE_SIZE,
    )
    .await?;
    let next = queue.next.as_ref().map(|cursor| query.next_page(cursor));
    let can_work = policy::list_scope(&signed_in.actor, Action::WorkOnCases).is_ok();
    let offices = offices::list(&state.app.db, &signed_in.actor)
        .await?
        .into_iter()
        .filter(|office| signed_in.actor.offices.contains(&office.id))
        .collect();
    let assignees = if can_work {
        assignment::assignees(&state.app, &signed_in.actor).await?
    } else {
        Vec::new()
    };
    let quotas = quotas::current(&state.app, &signed_in.actor).await?;
    let unassigned_new = cases::unassigned_new_count(&state.app, &signed_in.actor).await?;
    let pathways = pathway_choices(state, &t);
    Ok(QueuePageView {
        page: PageContext::new(t, state, signed_in, "/cases"),
        back: query.filter_string(),
        query,
        queue,
        statuses: &CaseStatus::ALL,
        priorities: &Priority::ALL,
        offices,
        pathways,
        can_assign: can_work && !assignees.is_empty(),
        assignees,
        quotas,
        errors,
        next,
        can_open: can_work,
        unassigned_new,
    })
}

pub(super) async fn queue(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Query(query): Query<QueueQuery>,
) -> Result<Response, AppError> {
    let page = queue_page(&state, t, &signed_in, query, FieldErrors::default()).await?;
    render_with_status(StatusCode::OK, &page)
}

/// Assigns the ticked cases; back to the same filter, or the queue with the errors.
pub(super) async fn assign(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let back = form_value(&pairs, "back");
    let mut chosen = Vec::new();
    for value in form_values(&pairs, "case") {
        chosen.push(CaseRef::parse(&value).ok_or_else(|| AppError::bad_request("case"))?);
    }
    let assignee = form_value(&pairs, "assignee");
    match assignment::assign(&state.app, &signed_in.actor, &chosen, &assignee).await {
        Ok(_) => {
            let query = QueueQuery::from_back(&back);
            Ok(see_other(&format!("/cases?{}", query.filter_string())))
        }
        Err(app::Error::Invalid(errors)) => {
            let query = QueueQuery::from_back(&back);
            let page = queue_page(&state, t, &signed_in, query, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}
