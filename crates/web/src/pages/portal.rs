//! The migrants' portal pages: start, the pathway finder (one question per page), check your
//! answers, the result with citations, and the printable document checklist.
//!
//! The finder's whole state travels in the query string (`dest`, `purpose`, and one `a=name=value`
//! per answer, in order), so every step is a plain GET link or form: it works without
//! JavaScript, "back" and "change answer" are links, and nothing is stored on the server.
//! Portal pages use their own light layout (`templates/portal/base.html`, `/static/portal.css`)
//! to stay far under the page-weight budget on slow connections.

use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use app::error::FieldErrors;
use app::portal::Localised;
use app::portal::finder::{
    self, ChecklistLine, Destination, FinderQuestion, FinderState, PathwayAnswer, Step,
};

use crate::AppState;
use crate::auth::Visitor;
use crate::error::{AppError, encode_component};
use crate::i18n::{Language, Translator, languages};
use crate::pages::{pair_value, render, render_with_status, see_other};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal", get(start))
        .route("/portal/finder", get(question_page))
        .route("/portal/finder/answer", get(answer))
        .route("/portal/finder/check", get(check))
        .route("/portal/finder/result", get(result))
        .route("/portal/finder/checklist", get(checklist))
        .route(
            "/portal/apply",
            get(super::portal_apply::form).post(super::portal_apply::submit),
        )
}

type Pairs = Query<Vec<(String, String)>>;

/// The finder state carried by a query string.
/// The start form sends one choice, `start=<pack>.<purpose>`; later pages carry both apart.
pub(super) fn state_of(pairs: &[(String, String)]) -> FinderState {
    let (pack_id, purpose) = match pair_value(pairs, "start").split_once('.') {
        Some((pack_id, purpose)) => (pack_id, purpose),
        None => (pair_value(pairs, "dest"), pair_value(pairs, "purpose")),
    };
    FinderState {
        pack_id: pack_id.to_owned(),
        purpose: purpose.to_owned(),
        answers: pairs
            .iter()
            .filter(|(key, _)| key == "a")
            .filter_map(|(_, answer)| answer.split_once('='))
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect(),
    }
}

/// The query string that carries `state`.
pub(super) fn state_query(state: &FinderState) -> String {
    let mut query = format!(
        "dest={}&purpose={}",
        encode_component(&state.pack_id),
        encode_component(&state.purpose)
    );
    for (name, value) in &state.answers {
        query.push_str("&a=");
        query.push_str(&encode_component(&format!("{name}={value}")));
    }
    query
}

/// The start page's own address keeps a choice already made (when coming back), nothing else.
fn start_query(state: &FinderState) -> String {
    if state.pack_id.is_empty() {
        String::new()
    } else {
        state_query(state)
    }
}

/// What every portal page's layout needs: the language, and the page's own address so that
/// the language switch keeps the finder's state.
pub struct PortalContext {
    pub t: Translator,
    here: String,
    /// The person is signed in: the header offers their application and signing out.
    pub signed_in: bool,
}

impl PortalContext {
    pub(super) fn new(t: Translator, path: &str, query: &str) -> PortalContext {
        let here = if query.is_empty() {
            format!("{path}?")
        } else {
            format!("{path}?{query}&")
        };
        PortalContext {
            t,
            here,
            signed_in: false,
        }
    }

    pub(super) fn signed_in(t: Translator, path: &str, query: &str) -> PortalContext {
        PortalContext::new(t, path, query).seen_by(Visitor { signed_in: true })
    }

    /// The same page as the visitor sees its header: their own pages and sign-out once signed in.
    pub(super) fn seen_by(self, visitor: Visitor) -> PortalContext {
        PortalContext {
            signed_in: visitor.signed_in,
            ..self
        }
    }

    pub fn languages(&self) -> &'static [Language] {
        languages()
    }

    /// The address of this page in `language`.
    pub fn in_language(&self, language: &Language) -> String {
        format!("{}lang={}", self.here, language.tag)
    }

    /// The label of a coded value: the message `portal-<prefix>-<value>`.
    pub fn label(&self, prefix: &str, value: &str) -> String {
        self.t.t(&format!("portal-{prefix}-{value}"))
    }
}

#[derive(Template)]
#[template(path = "portal/start.html")]
struct StartPage {
    page: PortalContext,
    destinations: Vec<Destination>,
    chosen_pack: String,
    chosen_purpose: String,
    errors: FieldErrors,
}

pub(super) async fn start(
    State(state): State<AppState>,
    t: Translator,
    visitor: Visitor,
    Query(pairs): Pairs,
) -> Result<Response, AppError> {
    render_start(&state, t, visitor, &pairs, FieldErrors::default())
}

fn render_start(
    state: &AppState,
    t: Translator,
    visitor: Visitor,
    pairs: &[(String, String)],
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let status = if errors.0.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let finder_state = state_of(pairs);
    let page = StartPage {
        destinations: finder::destinations(&state.app, t.lang()),
        page: PortalContext::new(t, "/portal", &start_query(&finder_state)).seen_by(visitor),
        chosen_pack: finder_state.pack_id,
        chosen_purpose: finder_state.purpose,
        errors,
    };
    render_with_status(status, &page)
}

#[derive(Template)]
#[template(path = "portal/question.html")]
struct QuestionPage {
    page: PortalContext,
    state: FinderState,
    question: FinderQuestion,
    /// Answering returns to the check page.
    then_check: bool,
    back: String,
    error: Option<&'static str>,
    /// The answer as typed, kept when it was refused.
    typed: String,
}

impl QuestionPage {
    fn is_chosen(&self, choice: &str) -> bool {
        self.typed.split(',').any(|item| item.trim() == choice)
    }

    /// The ids of the help and error texts that describe the answer field.
    fn described(&self) -> String {
        let mut ids = Vec::new();
        if self.question.help.is_some() {
            ids.push("answer-help");
        }
        if self.question.input == finder::InputKind::Date {
            ids.push("answer-format");
        }
        if self.question.input == finder::InputKind::Count {
            ids.push("answer-count");
        }
        if self.error.is_some() {
            ids.push("answer-error");
        }
        ids.join(" ")
    }

    fn child_number(&self) -> String {
        self.question
            .child
            .map(|child| (child + 1).to_string())
            .unwrap_or_default()
    }
}

/// Where "back" leads from question `name`: the answer before it, or the start.
fn back_from(state: &FinderState, name: &str, then_check: bool) -> String {
    if then_check {
        return format!("/portal/finder/check?{}", state_query(state));
    }
    let position = state
        .answers
        .iter()
        .position(|(answered, _)| answered == name)
        .unwrap_or(state.answers.len());
    match position
        .checked_sub(1)
        .and_then(|index| state.answers.get(index))
    {
        Some((previous, _)) => format!(
            "/portal/finder?{}&q={}",
            state_query(state),
            encode_component(previous)
        ),
        None => format!("/portal?{}", state_query(state)),
    }
}

fn render_question(
    t: Translator,
    visitor: Visitor,
    state: FinderState,
    question: FinderQuestion,
    then_check: bool,
    refused: Option<(&'static str, String)>,
) -> Result<Response, AppError> {
    let back = back_from(&state, &question.name, then_check);
    let mut query = format!(
        "{}&q={}",
        state_query(&state),
        encode_component(&question.name)
    );
    if then_check {
        query.push_str("&then=check");
    }
    let (status, error, typed) = match refused {
        Some((key, typed)) => (StatusCode::UNPROCESSABLE_ENTITY, Some(key), typed),
        None => (StatusCode::OK, None, question.value.clone()),
    };
    render_with_status(
        status,
        &QuestionPage {
            page: PortalContext::new(t, "/portal/finder", &query).seen_by(visitor),
            state,
            question,
            then_check,
            back,
            error,
            typed,
        },
    )
}

/// A finder page's request: its language, its query string, and the finder state, once the
/// destination and purpose are known to be real. Otherwise the extraction answers with the
/// start page again and its message, so no finder handler has to.
pub(super) struct Started {
    t: Translator,
    pairs: Vec<(String, String)>,
    finder_state: FinderState,
    visitor: Visitor,
}

impl FromRequestParts<AppState> for Started {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Ok(t) = Translator::from_request_parts(parts, state).await;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        let Query(pairs) = Pairs::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let finder_state = state_of(&pairs);
        match finder::check_start(&state.app, &finder_state.pack_id, &finder_state.purpose) {
            Ok(()) => Ok(Started {
                t,
                pairs,
                finder_state,
                visitor,
            }),
            Err(app::Error::Invalid(errors)) => {
                Err(render_start(state, t, visitor, &pairs, errors)
                    .unwrap_or_else(IntoResponse::into_response))
            }
            Err(error) => Err(AppError::from(error).into_response()),
        }
    }
}

pub(super) async fn question_page(
    State(state): State<AppState>,
    Started {
        t,
        pairs,
        finder_state,
        visitor,
    }: Started,
) -> Result<Response, AppError> {
    let then_check = pair_value(&pairs, "then") == "check";
    let asked = pair_value(&pairs, "q");
    let question = if asked.is_empty() {
        match finder::next_step(&state.app, &finder_state, t.lang())? {
            Step::Ask(question) => question,
            Step::Check => {
                return Ok(see_other(&format!(
                    "/portal/finder/check?{}",
                    state_query(&finder_state)
                )));
            }
        }
    } else {
        finder::question(&state.app, &finder_state, asked, t.lang())?
    };
    render_question(t, visitor, finder_state, question, then_check, None)
}

pub(super) async fn answer(
    State(state): State<AppState>,
    Started {
        t,
        pairs,
        finder_state,
        visitor,
    }: Started,
) -> Result<Response, AppError> {
    let name = pair_value(&pairs, "q");
    let then_check = pair_value(&pairs, "then") == "check";
    // Several checkboxes answer a "several" question: their values join with commas.
    let typed = pairs
        .iter()
        .filter(|(key, _)| key == "value")
        .map(|(_, value)| value.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let given = (pair_value(&pairs, "skip").is_empty()).then_some(typed.as_str());
    match finder::answer(&state.app, &finder_state, name, given) {
        Ok(next) => {
            let to = if then_check {
                "/portal/finder/check"
            } else {
                "/portal/finder"
            };
            Ok(see_other(&format!("{to}?{}", state_query(&next))))
        }
        Err(app::Error::Invalid(errors)) => {
            let key = errors.for_field(name).unwrap_or("portal-error-required");
            let question = finder::question(&state.app, &finder_state, name, t.lang())?;
            render_question(
                t,
                visitor,
                finder_state,
                question,
                then_check,
                Some((key, typed)),
            )
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Template)]
#[template(path = "portal/check.html")]
struct CheckPage {
    page: PortalContext,
    query: String,
    answers: Vec<FinderQuestion>,
}

impl CheckPage {
    fn change_link(&self, name: &str) -> String {
        format!(
            "/portal/finder?{}&q={}&then=check",
            self.query,
            encode_component(name)
        )
    }
}

pub(super) async fn check(
    State(state): State<AppState>,
    Started {
        t,
        finder_state,
        visitor,
        ..
    }: Started,
) -> Result<Response, AppError> {
    let answers = finder::answered(&state.app, &finder_state, t.lang())?;
    let query = state_query(&finder_state);
    render(&CheckPage {
        page: PortalContext::new(t, "/portal/finder/check", &query).seen_by(visitor),
        query,
        answers,
    })
}

#[derive(Template)]
#[template(path = "portal/result.html")]
struct ResultPage {
    page: PortalContext,
    query: String,
    pathways: Vec<PathwayAnswer>,
}

pub(super) async fn result(
    State(state): State<AppState>,
    Started {
        t,
        finder_state,
        visitor,
        ..
    }: Started,
) -> Result<Response, AppError> {
    let pathways = finder::result(&state.app, &finder_state, t.lang())?;
    let query = state_query(&finder_state);
    render(&ResultPage {
        page: PortalContext::new(t, "/portal/finder/result", &query).seen_by(visitor),
        query,
        pathways,
    })
}

#[derive(Template)]
#[template(path = "portal/checklist.html")]
struct ChecklistPage {
    page: PortalContext,
    query: String,
    title: Localised,
    lines: Vec<ChecklistLine>,
}

impl ChecklistPage {
    fn person(&self, line: &ChecklistLine) -> String {
        match line.child {
            Some(child) => self.page.t.t_with(
                "portal-person-child",
                &[("number", (u64::from(child) + 1).to_string())],
            ),
            None => self.page.label("person", line.person),
        }
    }

    fn requirement(&self, requirement: &finder::DocumentRequirement) -> String {
        match &requirement.note {
            Some(note) => note.text.clone(),
            None => {
                // The one coded argument, a language, reads as its name.
                let argument = if requirement.kind == "translated-into" {
                    crate::code_names::language(&self.page.t, &requirement.argument)
                } else {
                    requirement.argument.clone()
                };
                self.page.t.t_with(
                    &format!("portal-req-{}", requirement.kind),
                    &[("value", argument)],
                )
            }
        }
    }
}

pub(super) async fn checklist(
    State(state): State<AppState>,
    Started {
        t,
        pairs,
        finder_state,
        visitor,
    }: Started,
) -> Result<Response, AppError> {
    let pathway = pair_value(&pairs, "pathway");
    let (title, lines) = finder::checklist(&state.app, &finder_state, pathway, t.lang())?;
    let query = state_query(&finder_state);
    let here = format!("{query}&pathway={}", encode_component(pathway));
    render(&ChecklistPage {
        page: PortalContext::new(t, "/portal/finder/checklist", &here).seen_by(visitor),
        query,
        title,
        lines,
    })
}
