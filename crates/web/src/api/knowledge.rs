//! The knowledge platform's JSON API: search with facets, read, bulk export (open to everyone,
//! no token needed) and the editorial workflow (submit, review) for signed-in staff.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use app::knowledge::{self, Link, Practice, PracticeContent, ReviewDecision, SearchResults};

use crate::AppState;
use crate::api::ApiJson;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::pages::knowledge::{EXPORT_LIMIT, search_request};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/practices", get(search).post(create))
        .route("/api/v1/practices/export.json", get(export_json))
        .route("/api/v1/practices/{id}", get(read).put(update))
        .route("/api/v1/practices/{id}/submit", post(submit))
        .route("/api/v1/practices/{id}/review", post(review))
        .route("/api/v1/practices/{id}/archive", post(archive))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct LinkView {
    label: String,
    url: String,
}

/// The content of a practice, as sent and received.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct PracticeContentView {
    title: String,
    #[serde(default)]
    summary: String,
    /// Markdown; raw HTML is shown as text.
    #[serde(default)]
    description: String,
    /// GCM objectives, 1–23.
    #[serde(default)]
    objectives: Vec<u8>,
    /// Guiding principles, e.g. `people_centred`, `child_sensitive`.
    #[serde(default)]
    principles: Vec<String>,
    /// `before`, `during`, `after`.
    #[serde(default)]
    stages: Vec<String>,
    /// `africa`, `americas`, `asia`, `europe`, `oceania`.
    #[serde(default)]
    regions: Vec<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    countries: Vec<String>,
    year_start: Option<i32>,
    year_end: Option<i32>,
    #[serde(default)]
    practice_type: String,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    results: String,
    #[serde(default)]
    lessons: String,
    #[serde(default)]
    replicability: String,
    /// `anecdotal`, `monitored`, `evaluated`, `rigorously_evaluated`.
    #[serde(default)]
    evidence_strength: String,
    #[serde(default)]
    evidence_links: Vec<LinkView>,
    #[serde(default)]
    resources: Vec<LinkView>,
    /// The language the practice is written in (`en`, `fr`, `es`, `ar`, `de`, …).
    language: String,
    #[serde(default)]
    contact: String,
}

fn link_views(links: Vec<Link>) -> Vec<LinkView> {
    links
        .into_iter()
        .map(|link| LinkView {
            label: link.label,
            url: link.url,
        })
        .collect()
}

fn links(views: Vec<LinkView>) -> Vec<Link> {
    views
        .into_iter()
        .map(|view| Link {
            label: view.label,
            url: view.url,
        })
        .collect()
}

impl From<PracticeContent> for PracticeContentView {
    fn from(c: PracticeContent) -> Self {
        PracticeContentView {
            title: c.title,
            summary: c.summary,
            description: c.description,
            objectives: c.objectives,
            principles: c.principles,
            stages: c.stages,
            regions: c.regions,
            countries: c.countries,
            year_start: c.year_start,
            year_end: c.year_end,
            practice_type: c.practice_type,
            partners: c.partners,
            results: c.results,
            lessons: c.lessons,
            replicability: c.replicability,
            evidence_strength: c.evidence_strength,
            evidence_links: link_views(c.evidence_links),
            resources: link_views(c.resources),
            language: c.language,
            contact: c.contact,
        }
    }
}

impl From<PracticeContentView> for PracticeContent {
    fn from(v: PracticeContentView) -> Self {
        PracticeContent {
            title: v.title,
            summary: v.summary,
            description: v.description,
            objectives: v.objectives,
            principles: v.principles,
            stages: v.stages,
            regions: v.regions,
            countries: v.countries,
            year_start: v.year_start,
            year_end: v.year_end,
            practice_type: v.practice_type,
            partners: v.partners,
            results: v.results,
            lessons: v.lessons,
            replicability: v.replicability,
            evidence_strength: v.evidence_strength,
            evidence_links: links(v.evidence_links),
            resources: links(v.resources),
            language: v.language,
            contact: v.contact,
        }
    }
}

/// A practice with its place in the workflow.
#[derive(Serialize, ToSchema)]
pub(crate) struct PracticeView {
    id: String,
    /// `draft`, `submitted`, `in_review`, `changes_requested`, `published`, `archived`.
    status: String,
    /// The number of the current content version.
    content_number: i64,
    /// Send back with workflow requests (optimistic concurrency).
    version: i64,
    /// Unix milliseconds.
    published_at: Option<i64>,
    content: PracticeContentView,
}

impl From<Practice> for PracticeView {
    fn from(practice: Practice) -> Self {
        PracticeView {
            id: practice.id,
            status: practice.status.as_str().to_owned(),
            content_number: practice.content_number,
            version: practice.version,
            published_at: practice.published_at,
            content: practice.content.into(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct SearchHitView {
    id: String,
    title: String,
    summary: String,
    language: String,
    published_at: i64,
    /// An HTML-escaped excerpt with the matched words in `<b>`.
    highlight_html: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct FacetCountView {
    value: String,
    count: u64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct SearchResultsView {
    total: usize,
    hits: Vec<SearchHitView>,
    /// Per facet (`objective`, `principle`, `region`, `country`, `stage`, `type`, `evidence`,
    /// `year`, `language`), the values among the matches with their counts.
    facets: BTreeMap<String, Vec<FacetCountView>>,
}

impl From<SearchResults> for SearchResultsView {
    fn from(results: SearchResults) -> Self {
        SearchResultsView {
            total: results.total,
            hits: results
                .hits
                .into_iter()
                .map(|hit| SearchHitView {
                    id: hit.id,
                    title: hit.title,
                    summary: hit.summary,
                    language: hit.language,
                    published_at: hit.published_at,
                    highlight_html: hit.highlight_html,
                })
                .collect(),
            facets: results
                .facets
                .into_iter()
                .map(|(kind, counts)| {
                    let counts = counts
                        .into_iter()
                        .map(|c| FacetCountView {
                            value: c.value,
                            count: c.count,
                        })
                        .collect();
                    (kind.as_str().to_owned(), counts)
                })
                .collect(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct UpdatePracticeRequest {
    version: i64,
    content: PracticeContentView,
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct VersionRequest {
    version: i64,
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct ReviewRequest {
    version: i64,
    /// `start_review`, `request_changes` (needs `comment`) or `publish`.
    decision: String,
    #[serde(default)]
    comment: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[allow(dead_code)]
pub(crate) struct SearchParams {
    /// Free text in any language.
    q: Option<String>,
    /// `relevance` (default) or `newest`.
    sort: Option<String>,
    /// 1-based page of 20.
    page: Option<usize>,
    /// A GCM objective number; repeat for several (OR).
    objective: Option<Vec<String>>,
    principle: Option<Vec<String>>,
    region: Option<Vec<String>>,
    country: Option<Vec<String>>,
    stage: Option<Vec<String>>,
    #[param(rename = "type")]
    practice_type: Option<Vec<String>>,
    evidence: Option<Vec<String>>,
    year: Option<Vec<String>>,
    language: Option<Vec<String>>,
}

/// Searches published practices; filters of one facet are OR-ed, different facets AND-ed.
#[utoipa::path(get, path = "/api/v1/practices", params(SearchParams), security(()),
    responses((status = 200, body = SearchResultsView)))]
async fn search(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<SearchResultsView>, AppError> {
    let results = knowledge::search(&state.app, &search_request(&pairs)).await?;
    Ok(Json(results.into()))
}

/// A published practice.
#[utoipa::path(get, path = "/api/v1/practices/{id}", security(()),
    responses((status = 200, body = PracticeView), (status = 404)))]
async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<PracticeView>, AppError> {
    Ok(Json(
        knowledge::get_published(&state.app.db, &id).await?.into(),
    ))
}

/// Every published practice, newest first.
#[utoipa::path(get, path = "/api/v1/practices/export.json", security(()),
    responses((status = 200, body = Vec<PracticeView>)))]
async fn export_json(State(state): State<AppState>) -> Result<Response, AppError> {
    let practices = knowledge::list_published(&state.app.db, EXPORT_LIMIT).await?;
    let views: Vec<PracticeView> = practices.into_iter().map(PracticeView::from).collect();
    Ok((
        [(
            axum::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"practices.json\"",
        )],
        Json(views),
    )
        .into_response())
}

/// Creates a draft owned by the caller.
#[utoipa::path(post, path = "/api/v1/practices", request_body = PracticeContentView,
    responses((status = 201, body = PracticeView), (status = 422, description = "Field errors")))]
async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(content): ApiJson<PracticeContentView>,
) -> Result<Response, AppError> {
    let practice = knowledge::create_draft(&state.app, &signed_in.actor, content.into()).await?;
    Ok((StatusCode::CREATED, Json(PracticeView::from(practice))).into_response())
}

/// Saves new content as the next version of a draft.
#[utoipa::path(put, path = "/api/v1/practices/{id}", request_body = UpdatePracticeRequest,
    responses((status = 200, body = PracticeView), (status = 409), (status = 422)))]
async fn update(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<UpdatePracticeRequest>,
) -> Result<Json<PracticeView>, AppError> {
    let practice = knowledge::update_draft(
        &state.app,
        &signed_in.actor,
        &id,
        request.version,
        request.content.into(),
    )
    .await?;
    Ok(Json(practice.into()))
}

/// Submits a draft for review (checks the submission criteria).
#[utoipa::path(post, path = "/api/v1/practices/{id}/submit", request_body = VersionRequest,
    responses((status = 200, body = PracticeView), (status = 409), (status = 422)))]
async fn submit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<VersionRequest>,
) -> Result<Json<PracticeView>, AppError> {
    let practice = knowledge::submit(&state.app, &signed_in.actor, &id, request.version).await?;
    Ok(Json(practice.into()))
}

/// A reviewer's decision.
#[utoipa::path(post, path = "/api/v1/practices/{id}/review", request_body = ReviewRequest,
    responses((status = 200, body = PracticeView), (status = 403), (status = 409), (status = 422)))]
async fn review(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ReviewRequest>,
) -> Result<Json<PracticeView>, AppError> {
    let decision = match request.decision.as_str() {
        "start_review" => ReviewDecision::StartReview,
        "request_changes" => ReviewDecision::RequestChanges {
            comment: request.comment,
        },
        "publish" => ReviewDecision::Publish,
        _ => return Err(app::Error::invalid("decision", "error-choose-option").into()),
    };
    let practice = knowledge::review(
        &state.app,
        &signed_in.actor,
        &id,
        request.version,
        &decision,
    )
    .await?;
    Ok(Json(practice.into()))
}

/// Takes a published practice off the public site.
#[utoipa::path(post, path = "/api/v1/practices/{id}/archive", request_body = VersionRequest,
    responses((status = 200, body = PracticeView), (status = 403), (status = 409)))]
async fn archive(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<VersionRequest>,
) -> Result<Json<PracticeView>, AppError> {
    let practice = knowledge::archive(&state.app, &signed_in.actor, &id, request.version).await?;
    Ok(Json(practice.into()))
}

/// The knowledge platform's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(search, read, export_json, create, update, submit, review, archive),
    components(schemas(
        PracticeView,
        PracticeContentView,
        LinkView,
        SearchResultsView,
        SearchHitView,
        FacetCountView,
        UpdatePracticeRequest,
        VersionRequest,
        ReviewRequest
    ))
)]
pub(crate) struct KnowledgeApiDoc;
