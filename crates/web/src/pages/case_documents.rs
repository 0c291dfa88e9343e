//! The case's facts and documents page: the fact form generated from the pack, the eligibility
//! history, the checklist per person with uploads, MRZ entry and decisions, and the
//! completeness check.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;

use app::FieldErrors;
use app::cases::documents::{
    self, CaseDocument, ChecklistRow, Decision, MAX_DOCUMENT_BYTES, NewDocument, StoredReport,
};
use app::cases::facts::{self, EligibilitySnapshot, FactEntry, FactForm, FactQuestion};
use app::cases::{self, CaseFile};
use app::policy::{self, Action, Target};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{
    FormPairs, PageContext, by_hand_date, form_value, form_version, render, render_with_status,
    see_other, typed_date,
};

/// Room for the form fields and multipart framing around the largest file.
const UPLOAD_BODY_LIMIT: usize = MAX_DOCUMENT_BYTES + 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/file", get(show))
        .route("/cases/{id}/facts", post(save_facts))
        .route("/cases/{id}/completeness", post(check_completeness))
        .route("/cases/{id}/checklist/{row}/decision", post(decide))
        .route("/cases/{id}/documents/{document}/content", get(download))
}

/// The upload routes (staff, API and portal), which take bodies up to the document limit (the site's default is lower).
pub fn upload_routes(state: AppState) -> Router {
    Router::new()
        .route("/cases/{id}/documents", post(upload))
        .route(
            "/api/v1/cases/{id}/documents",
            post(crate::api::case_documents::upload),
        )
        .merge(super::portal_my::upload_route())
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(UPLOAD_BODY_LIMIT))
        .with_state(state)
}

#[derive(Template)]
#[template(path = "cases/documents.html")]
struct DocumentsPage {
    page: PageContext,
    file: CaseFile,
    fact_form: FactForm,
    facts_version: i64,
    snapshots: Vec<EligibilitySnapshot>,
    rows: Vec<ChecklistRow>,
    documents: Vec<CaseDocument>,
    report: Option<StoredReport>,
    errors: FieldErrors,
    can_work: bool,
    can_read: bool,
    can_verify: bool,
    /// Checklist item ids and their titles in the page's language.
    titles: Vec<(String, String)>,
    /// The latest snapshot's missing facts and their questions.
    missing: Vec<(String, String)>,
    max_megabytes: usize,
}

/// A group of the fact form as the page shows it: the needed questions open, each section
/// of the rest folded.
struct FactGroup<'a> {
    title: String,
    /// "3 questions", in the page's language (the title may be in another).
    count: String,
    /// The language of a title shown in English because the pack lacks the page's language.
    lang: Option<&'static str>,
    open: bool,
    /// A refused answer inside unfolds the section.
    unfolded: bool,
    questions: &'a [FactQuestion],
}

impl DocumentsPage {
    fn fact_groups(&self) -> Vec<FactGroup<'_>> {
        let t = &self.page.t;
        let needed = FactGroup {
            title: t.t("finder-facts-needed"),
            count: String::new(),
            lang: None,
            open: true,
            unfolded: true,
            questions: &self.fact_form.needed,
        };
        let sections = self.fact_form.sections.iter().map(|section| {
            let title = if section.title.text.is_empty() {
                t.t("finder-facts-other")
            } else {
                section.title.text.clone()
            };
            FactGroup {
                title,
                count: t.t_with(
                    "finder-facts-section-count",
                    &[("count", section.questions.len().to_string())],
                ),
                lang: section.title.fallback_lang,
                open: false,
                unfolded: section
                    .questions
                    .iter()
                    .any(|question| self.errors.for_field(&question.name).is_some()),
                questions: &section.questions,
            }
        });
        std::iter::once(needed).chain(sections).collect()
    }

    fn when(&self, millis: &i64) -> String {
        crate::format_instant(*millis)
    }

    fn is_checked(&self, question: &FactQuestion, choice: &str) -> bool {
        question.value.split(',').any(|value| value == choice)
    }

    fn is_verified(&self, question: &FactQuestion) -> bool {
        question.source == Some(facts::FactSource::Verified)
    }

    /// The checklist item's title in the page's language.
    fn item_title(&self, item_id: &str) -> String {
        self.titles
            .iter()
            .find(|(id, _)| id == item_id)
            .map_or_else(|| item_id.to_owned(), |(_, title)| title.clone())
    }

    /// The person a pack key names, as the case file lists them.
    fn person_label(&self, key: &str) -> String {
        person_label(&self.page, key)
    }

    fn finding(&self, code: &str) -> String {
        self.page.label("finding", code)
    }

    fn megabytes(&self, bytes: &Option<i64>) -> String {
        bytes.map_or_else(String::new, |bytes| {
            format!("{:.1} MB", bytes as f64 / 1_048_576.0)
        })
    }
}

/// The person a pack key names (`applicant`, `child_2`…), as the case file lists them.
pub(super) fn person_label(page: &PageContext, key: &str) -> String {
    match key {
        "applicant" | "sponsor" | "spouse" | "household" => {
            page.label("case-documents-person", key)
        }
        other => match documents::child_number(other) {
            Some(number) => page.t.t_with(
                "case-documents-person-child",
                &[("number", number.to_string())],
            ),
            None => other.to_owned(),
        },
    }
}

/// Every checklist item of a pack with its title in `lang`.
pub(super) fn checklist_titles(app: &app::App, pack_id: &str, lang: &str) -> Vec<(String, String)> {
    app.packs
        .get(pack_id)
        .map(|pack| {
            pack.checklists
                .iter()
                .flat_map(|checklist| checklist.items.iter())
                .map(|item| (item.id.clone(), item.title.get(lang).to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

async fn documents_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    case_id: &str,
    errors: FieldErrors,
) -> Result<DocumentsPage, AppError> {
    let app = &state.app;
    let actor = &signed_in.actor;
    let file = cases::open(app, actor, case_id).await?;
    let (fact_form, facts_version) = facts::form(app, actor, case_id, t.lang()).await?;
    let snapshots = facts::history(app, actor, case_id).await?;
    let rows = documents::checklist(app, actor, case_id).await?;
    let documents = documents::documents(app, actor, case_id).await?;
    let report = documents::latest_report(app, actor, case_id).await?;
    let offices = [file.case.office_id.clone()];
    let allowed = |action| policy::is_allowed(actor, action, Target::in_offices(&offices));
    let lang = t.lang();
    let pack = app.packs.get(&file.case.pack_id);
    let titles = checklist_titles(app, &file.case.pack_id, lang);
    let missing = match (pack, snapshots.first()) {
        (Some(pack), Some(latest)) => latest
            .missing
            .iter()
            .map(|name| (name.clone(), facts::question_for(pack, name, lang)))
            .collect(),
        _ => Vec::new(),
    };
    Ok(DocumentsPage {
        can_work: allowed(Action::WorkOnCases),
        can_read: allowed(Action::ReadCaseDocuments),
        can_verify: allowed(Action::VerifyCaseDocuments),
        page: PageContext::new(t, state, signed_in, "/cases"),
        file,
        fact_form,
        facts_version,
        snapshots,
        rows,
        documents,
        report,
        errors,
        titles,
        missing,
        max_megabytes: documents::MAX_DOCUMENT_MEGABYTES,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    render(&documents_page(&state, t, &signed_in, &id, FieldErrors::default()).await?)
}

/// Runs an operation; field errors bring the page back with them.
async fn act(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    id: &str,
    outcome: Result<(), app::Error>,
    anchor: &str,
) -> Result<Response, AppError> {
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cases/{id}/file#{anchor}"))),
        Err(app::Error::Invalid(errors)) => {
            let page = documents_page(state, t, signed_in, id, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

/// The fact entries of a form: every field but the bookkeeping ones; repeated names (the
/// checkboxes of a set fact) are joined with commas.
pub(crate) fn fact_entries(pairs: &[(String, String)]) -> Vec<FactEntry> {
    let verified: Vec<&str> = pairs
        .iter()
        .filter(|(key, _)| key == "verified")
        .map(|(_, value)| value.as_str())
        .collect();
    let mut entries: Vec<FactEntry> = Vec::new();
    for (key, value) in pairs {
        if matches!(key.as_str(), "version" | "verified") {
            continue;
        }
        let name = key.strip_suffix("[]").unwrap_or(key);
        match entries.iter_mut().find(|entry| entry.name == name) {
            Some(entry) if !value.is_empty() => {
                if !entry.value.is_empty() {
                    entry.value.push(',');
                }
                entry.value.push_str(value);
            }
            Some(_) => {}
            None => entries.push(FactEntry {
                name: name.to_owned(),
                value: value.clone(),
                verified: verified.contains(&name),
            }),
        }
    }
    entries
}

pub(super) async fn save_facts(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let version = form_version(&pairs)?;
    let outcome = facts::save(
        &state.app,
        &signed_in.actor,
        &id,
        version,
        &fact_entries(&pairs),
        facts::Typing::ByHand,
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome, "eligibility").await
}

pub(super) async fn check_completeness(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let outcome = documents::check_completeness(
        &state.app,
        &signed_in.actor,
        &id,
        &typed_date(&pairs, "travel_date"),
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome, "completeness").await
}

pub(super) async fn decide(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path((id, row)): Path<(String, String)>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let version = form_version(&pairs)?;
    let decision = Decision::parse(&form_value(&pairs, "decision"))
        .ok_or_else(|| AppError::bad_request("decision"))?;
    let outcome = documents::decide(
        &state.app,
        &signed_in.actor,
        &id,
        &row,
        version,
        decision,
        &form_value(&pairs, "reason"),
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome, "checklist").await
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    name: String,
    file_name: Option<String>,
    data: Vec<u8>,
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|at| at + from)
}

fn parameter(header: &str, name: &str) -> Option<String> {
    header.split(';').map(str::trim).find_map(|piece| {
        let (key, value) = piece.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// Splits a `multipart/form-data` body (RFC 7578) into its parts; `None` when it is not one.
fn multipart(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    if !content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("multipart/form-data")
    {
        return None;
    }
    let boundary = parameter(content_type, "boundary").filter(|b| !b.is_empty())?;
    let delimiter = format!("--{boundary}").into_bytes();
    let next_delimiter = format!("\r\n--{boundary}").into_bytes();
    let mut at = find(body, &delimiter, 0)? + delimiter.len();
    let mut parts = Vec::new();
    loop {
        if body.get(at..at + 2) == Some(b"--") {
            return Some(parts);
        }
        at = find(body, b"\r\n", at)? + 2;
        let headers_end = find(body, b"\r\n\r\n", at)?;
        let headers = std::str::from_utf8(body.get(at..headers_end)?).ok()?;
        let data_start = headers_end + 4;
        let data_end = find(body, &next_delimiter, data_start)?;
        let disposition = headers.split("\r\n").find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case("content-disposition")
                .then_some(value)
        })?;
        parts.push(Part {
            name: parameter(disposition, "name")?,
            file_name: parameter(disposition, "filename"),
            data: body.get(data_start..data_end)?.to_vec(),
        });
        at = data_end + next_delimiter.len();
    }
}

/// The document form from its parts.
fn new_document(parts: &[Part]) -> NewDocument {
    let text = |name: &str| {
        parts
            .iter()
            .find(|part| part.name == name)
            .map(|part| String::from_utf8_lossy(&part.data).into_owned())
            .unwrap_or_default()
    };
    let file = parts.iter().find(|part| part.name == "file");
    NewDocument {
        item: text("item"),
        file_name: file
            .and_then(|part| part.file_name.clone())
            .unwrap_or_default(),
        content: file.map(|part| part.data.clone()).unwrap_or_default(),
        mrz: text("mrz"),
        issued_on: by_hand_date(&text("issued_on")),
        expires_on: by_hand_date(&text("expires_on")),
        translated_into: text("translated_into"),
        legalised: !text("legalised").is_empty(),
    }
}

/// A document sent as `multipart/form-data`; any other body is refused with 415.
pub(crate) struct UploadedDocument(pub NewDocument);

impl<S: Send + Sync> FromRequest<S> for UploadedDocument {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = Bytes::from_request(request, state)
            .await
            // The status says it (too large, unreadable); axum's English text stays out of pages.
            .map_err(|rejection| AppError::Rejected {
                status: rejection.status(),
                detail: String::new(),
            })?;
        let parts = multipart(&content_type, &body).ok_or(AppError::Rejected {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            detail: "multipart/form-data".into(),
        })?;
        Ok(UploadedDocument(new_document(&parts)))
    }
}

pub(super) async fn upload(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    UploadedDocument(document): UploadedDocument,
) -> Result<Response, AppError> {
    let outcome = documents::add_document(&state.app, &signed_in.actor, &id, &document)
        .await
        .map(drop);
    act(&state, t, &signed_in, &id, outcome, "checklist").await
}

/// A document's file, as an attachment; the read is audited by the application.
pub(crate) fn attachment(content_type: &str, file_name: &str, content: Vec<u8>) -> Response {
    let safe: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut response = content.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(super) async fn download(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((id, document)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (content_type, name, content) =
        documents::read_content(&state.app, &signed_in.actor, &id, &document).await?;
    Ok(attachment(&content_type, &name, content))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_multipart_body_splits_into_fields_and_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\npassport@applicant\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\nContent-Type: text/plain\r\n\r\n%PDF-1.4\r\n--\r\nend\r\n--XyZ--\r\n";
        let parts = multipart("multipart/form-data; boundary=XyZ", body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "item");
        assert_eq!(parts[0].data, b"passport@applicant");
        assert_eq!(parts[1].file_name.as_deref(), Some("scan.pdf"));
        assert_eq!(parts[1].data, b"%PDF-1.4\r\n--\r\nend");
        let form = new_document(&parts);
        assert_eq!(form.item, "passport@applicant");
        assert_eq!(form.content, b"%PDF-1.4\r\n--\r\nend");
        assert!(multipart("application/x-www-form-urlencoded", body).is_none());
        assert!(multipart("multipart/form-data; boundary=other", body).is_none());
    }

    #[test]
    fn set_checkboxes_join_and_verified_marks_follow_their_fact() {
        let pairs: Vec<(String, String)> = [
            ("version", "3"),
            ("applicant.married", "yes"),
            ("verified", "applicant.married"),
            ("case.languages", "de"),
            ("case.languages", "fr"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let entries = fact_entries(&pairs);
        assert_eq!(entries.len(), 2);
        assert!(entries[0].verified);
        assert_eq!(entries[1].value, "de,fr");
        assert!(!entries[1].verified);
    }
}
