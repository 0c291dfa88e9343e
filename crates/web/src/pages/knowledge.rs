//! The knowledge platform's pages. Public, without an account: search with facets, a practice's
//! page, the Atom feed of new practices and the bulk exports. Staff: their practices (and, for
//! reviewers, the review queue), the practice form, and the review page with its decisions.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use app::FieldErrors;
use app::knowledge::taxonomy::{
    EVIDENCE_STRENGTHS, FacetKind, LANGUAGES, OBJECTIVES, PRACTICE_TYPES, PRINCIPLES, REGIONS,
    STAGES,
};
use app::knowledge::{
    self, Link, Practice, PracticeContent, ReviewComment, ReviewDecision, SearchRequest,
    SearchResults, SortOrder, export, markdown,
};
use app::policy::{self, Action, Target};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{
    FormPairs, PageContext, form_value, form_values, render, render_with_status, see_other,
    typed_number,
};

/// Results per page of the public search.
const PAGE_SIZE: usize = 20;
/// Practices in the Atom feed.
const FEED_ENTRIES: i64 = 50;
/// The most practices an export holds.
pub(crate) const EXPORT_LIMIT: i64 = 100_000;

/// A value with its label in the reader's language.
#[derive(Debug, Clone)]
pub(crate) struct Labelled {
    pub(crate) value: String,
    pub(crate) label: String,
}

/// A facet value offered as a filter, with how many results have it.
#[derive(Debug, Clone)]
pub(crate) struct FacetOption {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) count: u64,
    pub(crate) checked: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct FacetGroup {
    pub(crate) name: &'static str,
    pub(crate) legend: String,
    pub(crate) options: Vec<FacetOption>,
}

/// Parses `?q=…&objective=5&region=europe&sort=newest&page=2` into a search request.
pub(crate) fn search_request(pairs: &[(String, String)]) -> SearchRequest {
    let filters = pairs
        .iter()
        .filter_map(|(key, value)| Some((FacetKind::parse(key)?, value.trim().to_owned())))
        .filter(|(_, value)| !value.is_empty())
        .collect();
    let page: usize = form_value(pairs, "page").parse().unwrap_or(1).max(1);
    SearchRequest {
        text: form_value(pairs, "q"),
        filters,
        sort: match form_value(pairs, "sort").as_str() {
            "newest" => SortOrder::Newest,
            _ => SortOrder::Relevance,
        },
        offset: (page - 1).saturating_mul(PAGE_SIZE),
        limit: PAGE_SIZE,
    }
}

/// The label of a facet value in the reader's language.
pub(crate) fn facet_label(t: &Translator, kind: FacetKind, value: &str) -> String {
    match kind.value_label_key(value) {
        Some(key) if t.has(&key) => t.t(&key),
        _ => value.to_owned(),
    }
}

fn labelled(t: &Translator, kind: FacetKind, values: &[String]) -> Vec<Labelled> {
    values
        .iter()
        .map(|value| Labelled {
            value: value.clone(),
            label: facet_label(t, kind, value),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "knowledge/search.html")]
struct SearchPage {
    page: PageContext,
    query: String,
    newest: bool,
    results: SearchResults,
    groups: Vec<FacetGroup>,
    page_number: usize,
    previous_href: Option<String>,
    next_href: Option<String>,
}

pub(super) async fn search(
    State(state): State<AppState>,
    t: Translator,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let request = search_request(&pairs);
    let results = knowledge::search(&state.app, &request).await?;
    let groups = FacetKind::ALL
        .into_iter()
        .map(|kind| FacetGroup {
            name: kind.as_str(),
            legend: t.t(&format!("facet-{}", kind.as_str())),
            options: results
                .facet(kind)
                .iter()
                .map(|count| FacetOption {
                    label: facet_label(&t, kind, &count.value),
                    checked: request
                        .filters
                        .iter()
                        .any(|(k, v)| *k == kind && *v == count.value),
                    value: count.value.clone(),
                    count: count.count,
                })
                .collect(),
        })
        .filter(|group| !group.options.is_empty())
        .collect();
    let page_number = request.offset / PAGE_SIZE + 1;
    let page_href = |number: usize| {
        let mut kept: Vec<(String, String)> = pairs
            .iter()
            .filter(|(key, _)| key != "page" && key != "lang")
            .cloned()
            .collect();
        kept.push(("page".into(), number.to_string()));
        format!("/practices?{}", encode_query(&kept))
    };
    let previous_href = (page_number > 1).then(|| page_href(page_number - 1));
    let next_href =
        (request.offset + results.hits.len() < results.total).then(|| page_href(page_number + 1));
    render(&SearchPage {
        page: PageContext::public(t, &state),
        query: request.text.clone(),
        newest: request.sort == SortOrder::Newest,
        results,
        groups,
        page_number,
        previous_href,
        next_href,
    })
}

fn encode_query(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", percent_encode(key), percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                encoded.push(char::from(byte))
            }
            other => encoded.push_str(&format!("%{other:02X}")),
        }
    }
    encoded
}

/// A practice laid out for reading, every code turned into words.
pub(crate) struct PracticeDisplay {
    pub(crate) practice: Practice,
    pub(crate) description_html: String,
    pub(crate) objectives: Vec<Labelled>,
    pub(crate) principles: Vec<Labelled>,
    pub(crate) stages: Vec<Labelled>,
    pub(crate) regions: Vec<Labelled>,
    pub(crate) practice_type: String,
    pub(crate) evidence: String,
    pub(crate) language: String,
    pub(crate) years: String,
    pub(crate) status: String,
}

impl PracticeDisplay {
    pub(crate) fn new(t: &Translator, practice: Practice) -> PracticeDisplay {
        let content = &practice.content;
        let objectives: Vec<String> = content.objectives.iter().map(u8::to_string).collect();
        let years = match (content.year_start, content.year_end) {
            (Some(start), Some(end)) if end != start => format!("{start}–{end}"),
            (Some(start), _) => start.to_string(),
            _ => String::new(),
        };
        PracticeDisplay {
            description_html: markdown::to_safe_html(&content.description),
            objectives: labelled(t, FacetKind::Objective, &objectives),
            principles: labelled(t, FacetKind::Principle, &content.principles),
            stages: labelled(t, FacetKind::Stage, &content.stages),
            regions: labelled(t, FacetKind::Region, &content.regions),
            practice_type: facet_label(t, FacetKind::PracticeType, &content.practice_type),
            evidence: facet_label(t, FacetKind::Evidence, &content.evidence_strength),
            language: facet_label(t, FacetKind::Language, &content.language),
            years,
            status: t.t(&format!("practice-status-{}", practice.status.as_str())),
            practice,
        }
    }
}

#[derive(Template)]
#[template(path = "knowledge/practice.html")]
struct PracticePage {
    page: PageContext,
    shown: PracticeDisplay,
}

pub(super) async fn practice(
    State(state): State<AppState>,
    t: Translator,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let practice = knowledge::get_published(&state.app.db, &id).await?;
    let shown = PracticeDisplay::new(&t, practice);
    render(&PracticePage {
        page: PageContext::public(t, &state),
        shown,
    })
}

#[derive(Template)]
#[template(path = "knowledge/feed.xml")]
struct Feed {
    title: String,
    updated: String,
    entries: Vec<FeedEntry>,
}

struct FeedEntry {
    id: String,
    title: String,
    summary: String,
    language: String,
    updated: String,
}

/// The newest published practices as an Atom feed.
pub(super) async fn feed(
    State(state): State<AppState>,
    t: Translator,
) -> Result<Response, AppError> {
    let practices = knowledge::list_published(&state.app.db, FEED_ENTRIES).await?;
    let updated = practices
        .first()
        .and_then(|practice| practice.published_at)
        .unwrap_or_default();
    let feed = Feed {
        title: t.t("practices-feed-title"),
        updated: rfc3339(updated),
        entries: practices
            .into_iter()
            .map(|practice| FeedEntry {
                updated: rfc3339(practice.published_at.unwrap_or_default()),
                title: practice.content.title,
                summary: practice.content.summary,
                language: practice.content.language,
                id: practice.id,
            })
            .collect(),
    };
    let body = feed.render().map_err(app::Error::internal)?;
    Ok((
        [(CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body,
    )
        .into_response())
}

fn rfc3339(millis: i64) -> String {
    // `YYYY-MM-DD HH:MM UTC` → `YYYY-MM-DDTHH:MM:00Z`.
    let civil = crate::format_instant(millis);
    let mut parts = civil.split(' ');
    let date = parts.next().unwrap_or("1970-01-01");
    let time = parts.next().unwrap_or("00:00");
    format!("{date}T{time}:00Z")
}

/// Every published practice as CSV (UTF-8 with BOM, formula-safe).
pub(super) async fn export_csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let practices = knowledge::list_published(&state.app.db, EXPORT_LIMIT).await?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"practices.csv\"",
            ),
        ],
        export::to_csv(&practices),
    )
        .into_response())
}

// --- Staff pages ---

#[derive(Template)]
#[template(path = "knowledge/staff_list.html")]
struct StaffListPage {
    page: PageContext,
    practices: Vec<PracticeDisplay>,
}

pub(super) async fn staff_list(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let practices = knowledge::list_for_staff(&state.app, &signed_in.actor).await?;
    let practices = practices
        .into_iter()
        .map(|practice| PracticeDisplay::new(&t, practice))
        .collect();
    render(&StaffListPage {
        page: PageContext::new(t, &state, &signed_in, "/knowledge"),
        practices,
    })
}

/// The values of the practice form as typed.
#[derive(Debug, Clone, Default)]
pub(crate) struct PracticeFormValues {
    pub(crate) content: PracticeContent,
    pub(crate) countries: String,
    pub(crate) partners: String,
    pub(crate) evidence_links: String,
    pub(crate) resources: String,
    pub(crate) year_start: String,
    pub(crate) year_end: String,
    pub(crate) version: i64,
}

impl PracticeFormValues {
    fn from_content(content: PracticeContent, version: i64) -> PracticeFormValues {
        let links = |links: &[Link]| {
            links
                .iter()
                .map(|link| {
                    if link.label.is_empty() {
                        link.url.clone()
                    } else {
                        format!("{} | {}", link.label, link.url)
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        PracticeFormValues {
            countries: content.countries.join(", "),
            partners: content.partners.join("\n"),
            evidence_links: links(&content.evidence_links),
            resources: links(&content.resources),
            year_start: content
                .year_start
                .map(|y| y.to_string())
                .unwrap_or_default(),
            year_end: content.year_end.map(|y| y.to_string()).unwrap_or_default(),
            content,
            version,
        }
    }

    fn from_form(pairs: &[(String, String)]) -> (PracticeFormValues, FieldErrors) {
        let mut errors = FieldErrors::default();
        let mut year = |field: &str| {
            let text = form_value(pairs, field);
            let typed = typed_number(pairs, field);
            let trimmed = typed.trim();
            let parsed = if trimmed.is_empty() {
                None
            } else {
                let year = trimmed.parse::<i32>().ok();
                if year.is_none() {
                    errors.add(field, "error-practice-year");
                }
                year
            };
            (text, parsed)
        };
        let (year_start_text, year_start) = year("year_start");
        let (year_end_text, year_end) = year("year_end");
        let objectives = form_values(pairs, "objectives")
            .iter()
            .filter_map(|number| number.parse().ok())
            .collect();
        let content = PracticeContent {
            title: form_value(pairs, "title"),
            summary: form_value(pairs, "summary"),
            description: form_value(pairs, "description"),
            objectives,
            principles: form_values(pairs, "principles"),
            stages: form_values(pairs, "stages"),
            regions: form_values(pairs, "regions"),
            countries: split_list(&form_value(pairs, "countries"), &[',', ' ', '\n']),
            year_start,
            year_end,
            practice_type: form_value(pairs, "practice_type"),
            partners: split_list(&form_value(pairs, "partners"), &['\n']),
            results: form_value(pairs, "results"),
            lessons: form_value(pairs, "lessons"),
            replicability: form_value(pairs, "replicability"),
            evidence_strength: form_value(pairs, "evidence_strength"),
            evidence_links: parse_links(&form_value(pairs, "evidence_links")),
            resources: parse_links(&form_value(pairs, "resources")),
            language: form_value(pairs, "language"),
            contact: form_value(pairs, "contact"),
        };
        let values = PracticeFormValues {
            countries: form_value(pairs, "countries"),
            partners: form_value(pairs, "partners"),
            evidence_links: form_value(pairs, "evidence_links"),
            resources: form_value(pairs, "resources"),
            year_start: year_start_text,
            year_end: year_end_text,
            version: form_value(pairs, "version").parse().unwrap_or(0),
            content,
        };
        (values, errors)
    }

    fn has_objective(&self, number: &u8) -> bool {
        self.content.objectives.contains(number)
    }

    fn has(&self, list: &str, code: &str) -> bool {
        let values = match list {
            "principles" => &self.content.principles,
            "stages" => &self.content.stages,
            _ => &self.content.regions,
        };
        values.iter().any(|value| value == code)
    }
}

fn split_list(text: &str, separators: &[char]) -> Vec<String> {
    text.split(separators)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One link per line, as `label | https://…` or just the address.
fn parse_links(text: &str) -> Vec<Link> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| match line.rsplit_once('|') {
            Some((label, url)) => Link {
                label: label.trim().to_owned(),
                url: url.trim().to_owned(),
            },
            None => Link {
                label: String::new(),
                url: line.to_owned(),
            },
        })
        .collect()
}

/// The choices the practice form offers, with their labels.
pub(crate) struct FormChoices {
    pub(crate) objectives: Vec<(u8, String)>,
    pub(crate) principles: Vec<Labelled>,
    pub(crate) stages: Vec<Labelled>,
    pub(crate) regions: Vec<Labelled>,
    pub(crate) practice_types: Vec<Labelled>,
    pub(crate) evidence_strengths: Vec<Labelled>,
    pub(crate) languages: Vec<Labelled>,
}

impl FormChoices {
    fn new(t: &Translator) -> FormChoices {
        let codes = |kind: FacetKind, codes: &[&str]| {
            let owned: Vec<String> = codes.iter().map(|c| (*c).to_owned()).collect();
            labelled(t, kind, &owned)
        };
        FormChoices {
            objectives: OBJECTIVES
                .map(|number| {
                    let label = facet_label(t, FacetKind::Objective, &number.to_string());
                    (number, label)
                })
                .collect(),
            principles: codes(FacetKind::Principle, &PRINCIPLES),
            stages: codes(FacetKind::Stage, &STAGES),
            regions: codes(FacetKind::Region, &REGIONS),
            practice_types: codes(FacetKind::PracticeType, &PRACTICE_TYPES),
            evidence_strengths: codes(FacetKind::Evidence, &EVIDENCE_STRENGTHS),
            languages: codes(FacetKind::Language, &LANGUAGES),
        }
    }
}

#[derive(Template)]
#[template(path = "knowledge/form.html")]
struct PracticeFormPage {
    page: PageContext,
    action: String,
    form: PracticeFormValues,
    errors: FieldErrors,
    choices: FormChoices,
    /// What review will ask for, said before the author starts.
    needed_to_submit: Vec<String>,
}

/// The form's label of a practice field, for messages shown away from the form.
fn practice_field_label(field: &str) -> &'static str {
    match field {
        "title" => "practice-title",
        "language" => "facet-language",
        "summary" => "practice-summary",
        "description" => "practice-description-markdown",
        "objectives" => "facet-objective",
        "principles" => "facet-principle",
        "stages" => "facet-stage",
        "regions" => "facet-region",
        "countries" => "practice-countries",
        "year_start" => "practice-year-start",
        "year_end" => "practice-year-end",
        "practice_type" => "facet-type",
        "partners" => "practice-partners",
        "results" => "practice-results",
        "lessons" => "practice-lessons",
        "replicability" => "practice-replicability",
        "evidence_strength" => "facet-evidence",
        "contact" => "practice-contact",
        _ => "field-details",
    }
}

/// The labels of the fields a practice needs before review, in the reader's language.
fn needed_to_submit(t: &Translator) -> Vec<String> {
    PracticeContent::NEEDED_TO_SUBMIT
        .into_iter()
        .map(|field| t.t(practice_field_label(field)))
        .collect()
}

fn form_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    action: String,
    form: PracticeFormValues,
    errors: FieldErrors,
) -> PracticeFormPage {
    let choices = FormChoices::new(&t);
    PracticeFormPage {
        needed_to_submit: needed_to_submit(&t),
        page: PageContext::new(t, state, signed_in, "/knowledge"),
        action,
        form,
        errors,
        choices,
    }
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    policy::authorize(
        &signed_in.actor,
        Action::DraftPractice,
        Target::owned_by(&signed_in.actor.user_id),
    )?;
    let form = PracticeFormValues::from_content(
        PracticeContent {
            language: t.lang().to_owned(),
            ..PracticeContent::default()
        },
        0,
    );
    let page = form_page(
        &state,
        t,
        &signed_in,
        "/knowledge".into(),
        form,
        FieldErrors::default(),
    );
    render(&page)
}

pub(super) async fn create(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let (form, parse_errors) = PracticeFormValues::from_form(&pairs);
    let outcome = match parse_errors.into_result() {
        Ok(()) => knowledge::create_draft(&state.app, &signed_in.actor, form.content.clone()).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(practice) => Ok(see_other(&format!("/knowledge/{}", practice.id))),
        Err(app::Error::Invalid(errors)) => {
            let page = form_page(&state, t, &signed_in, "/knowledge".into(), form, errors);
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let practice = knowledge::get_for_staff(&state.app, &signed_in.actor, &id).await?;
    let form = PracticeFormValues::from_content(practice.content, practice.version);
    let action = format!("/knowledge/{id}/edit");
    render(&form_page(
        &state,
        t,
        &signed_in,
        action,
        form,
        FieldErrors::default(),
    ))
}

pub(super) async fn update(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let (form, parse_errors) = PracticeFormValues::from_form(&pairs);
    let outcome = match parse_errors.into_result() {
        Ok(()) => {
            knowledge::update_draft(
                &state.app,
                &signed_in.actor,
                &id,
                form.version,
                form.content.clone(),
            )
            .await
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(_) => Ok(see_other(&format!("/knowledge/{id}"))),
        Err(app::Error::Invalid(errors)) => {
            let action = format!("/knowledge/{id}/edit");
            let page = form_page(&state, t, &signed_in, action, form, errors);
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "knowledge/staff_detail.html")]
struct StaffDetailPage {
    page: PageContext,
    shown: PracticeDisplay,
    comments: Vec<ReviewComment>,
    version_count: usize,
    can_edit: bool,
    can_review: bool,
    /// Whether the reader may publish it: a reviewer who wrote none of it, where the
    /// deployment asks for a second person.
    can_publish: bool,
    needed_to_submit: Vec<String>,
    /// Submission errors, each as (field, "Label: message"), linking to the edit form.
    submission_errors: Vec<(String, String)>,
    errors: FieldErrors,
}

async fn staff_detail_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    id: &str,
    errors: FieldErrors,
) -> Result<StaffDetailPage, AppError> {
    let actor = &signed_in.actor;
    let practice = knowledge::get_for_staff(&state.app, actor, id).await?;
    let comments = knowledge::comments(&state.app, actor, id).await?;
    let version_count = knowledge::versions(&state.app, actor, id).await?.len();
    let can_review = policy::is_allowed(actor, Action::ReviewPractices, Target::system());
    let can_publish = can_review && knowledge::may_publish(&state.app, actor, id).await?;
    let can_edit = practice.status.is_editable();
    let submission_errors = errors
        .0
        .iter()
        .filter(|error| error.field != "comment")
        .map(|error| {
            let label = t.t(practice_field_label(&error.field));
            (
                error.field.clone(),
                format!("{label}: {}", t.t(error.message_key)),
            )
        })
        .collect();
    Ok(StaffDetailPage {
        needed_to_submit: needed_to_submit(&t),
        shown: PracticeDisplay::new(&t, practice),
        page: PageContext::new(t, state, signed_in, "/knowledge"),
        comments,
        version_count,
        can_edit,
        can_review,
        can_publish,
        submission_errors,
        errors,
    })
}

pub(super) async fn staff_detail(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    render(&staff_detail_page(&state, t, &signed_in, &id, FieldErrors::default()).await?)
}

/// `POST /knowledge/{id}/action`: submit, start_review, request_changes, publish, archive or
/// comment, with the version the form was read at.
pub(super) async fn act(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let version: i64 = form_value(&pairs, "version").parse().unwrap_or(0);
    let comment = form_value(&pairs, "comment");
    let (app, actor) = (&state.app, &signed_in.actor);
    let outcome = match form_value(&pairs, "action").as_str() {
        "submit" => knowledge::submit(app, actor, &id, version).await.map(drop),
        "start_review" => review(app, actor, &id, version, ReviewDecision::StartReview).await,
        "request_changes" => {
            review(
                app,
                actor,
                &id,
                version,
                ReviewDecision::RequestChanges { comment },
            )
            .await
        }
        "publish" => review(app, actor, &id, version, ReviewDecision::Publish).await,
        "archive" => knowledge::archive(app, actor, &id, version).await.map(drop),
        "comment" => knowledge::comment(app, actor, &id, &comment)
            .await
            .map(drop),
        _ => Err(app::Error::invalid("action", "error-choose-option")),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/knowledge/{id}"))),
        Err(app::Error::Invalid(errors)) => {
            let page = staff_detail_page(&state, t, &signed_in, &id, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

async fn review(
    app: &app::App,
    actor: &app::policy::Actor,
    id: &str,
    version: i64,
    decision: ReviewDecision,
) -> app::Result<()> {
    knowledge::review(app, actor, id, version, &decision)
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn search_parameters_become_filters_order_and_page() {
        let request = search_request(&pairs(&[
            ("q", "regroupement"),
            ("objective", "5"),
            ("region", "europe"),
            ("region", ""),
            ("lang", "fr"),
            ("sort", "newest"),
            ("page", "3"),
        ]));
        assert_eq!(request.text, "regroupement");
        assert_eq!(
            request.filters,
            [
                (FacetKind::Objective, "5".to_owned()),
                (FacetKind::Region, "europe".to_owned())
            ]
        );
        assert_eq!(request.sort, SortOrder::Newest);
        assert_eq!(request.offset, 2 * PAGE_SIZE);
    }

    #[test]
    fn links_are_read_one_per_line_with_an_optional_label() {
        let links = parse_links("Evaluation | https://example.org/e\n\nhttps://example.org/r\n");
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].label, "Evaluation");
        assert_eq!(links[1].url, "https://example.org/r");
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            encode_query(&pairs(&[("q", "لم شمل&x")])),
            "q=%D9%84%D9%85%20%D8%B4%D9%85%D9%84%26x"
        );
    }
}
