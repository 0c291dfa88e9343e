//! Case pages: the work queue, opening a case (search before create), and the case file with
//! its members, moves, triage and timeline.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use app::FieldErrors;
use app::cases::assignment::{self, CaseRef};
use app::cases::documents::CompletenessGate;
use app::cases::people::{Person, PersonForm};
use app::cases::triage::{self, NeedCode};
use app::cases::workflow::{self, Move, Requirement};
use app::cases::{self, CaseFile, MemberRole, MoveRequest, NewCaseForm, StepBy};
use app::offices::{self, Office};
use app::policy::{self, Action, Role, Target};

use super::case_documents::{checklist_titles, person_label};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{
    FormPairs, PageContext, form_value, form_values, form_version, render, render_with_status,
    see_other, typed_date,
};

/// A pathway the new-case form offers.
pub(super) struct PathwayChoice {
    pub(super) value: String,
    pub(super) label: String,
}

pub(super) fn pathway_choices(state: &AppState, t: &Translator) -> Vec<PathwayChoice> {
    state
        .app
        .packs
        .packs()
        .iter()
        .flat_map(|pack| {
            pack.pathways.iter().map(move |pathway| PathwayChoice {
                value: format!("{}/{}", pack.id, pathway.id),
                label: format!(
                    "{} — {}",
                    pack.title.get(t.lang()),
                    pathway.title.get(t.lang())
                ),
            })
        })
        .collect()
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct NewCaseQuery {
    #[serde(default)]
    office_id: String,
    #[serde(default)]
    pathway: String,
    #[serde(default)]
    surname: String,
    #[serde(default)]
    given_names: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    nationality: String,
}

impl NewCaseQuery {
    fn from_pairs(pairs: &[(String, String)]) -> NewCaseQuery {
        NewCaseQuery {
            office_id: form_value(pairs, "office_id"),
            pathway: form_value(pairs, "pathway"),
            surname: form_value(pairs, "surname"),
            given_names: form_value(pairs, "given_names"),
            birth_date: typed_date(pairs, "birth_date"),
            sex: form_value(pairs, "sex"),
            nationality: form_value(pairs, "nationality"),
        }
    }

    fn person(&self) -> PersonForm {
        PersonForm {
            surname: self.surname.clone(),
            given_names: self.given_names.clone(),
            birth_date: self.birth_date.clone(),
            sex: self.sex.clone(),
            nationality: self.nationality.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "cases/new.html")]
struct NewCasePage {
    page: PageContext,
    errors: FieldErrors,
    form: NewCaseQuery,
    offices: Vec<Office>,
    pathways: Vec<PathwayChoice>,
    matches: Option<Vec<(Person, String)>>,
    sexes: &'static [&'static str],
}

const SEXES: &[&str] = &["F", "M", "X", "U"];

async fn new_case_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    form: NewCaseQuery,
    errors: FieldErrors,
    matches: Option<Vec<(Person, String)>>,
) -> Result<NewCasePage, AppError> {
    policy::list_scope(&signed_in.actor, Action::WorkOnCases)?;
    let offices = offices::list(&state.app.db, &signed_in.actor)
        .await?
        .into_iter()
        .filter(|office| {
            policy::is_allowed(
                &signed_in.actor,
                Action::WorkOnCases,
                Target::in_offices(std::slice::from_ref(&office.id)),
            )
        })
        .collect();
    let pathways = pathway_choices(state, &t);
    Ok(NewCasePage {
        page: PageContext::new(t, state, signed_in, "/cases"),
        errors,
        form,
        offices,
        pathways,
        matches,
        sexes: SEXES,
    })
}

/// The new-case form; with a name in the query it first lists people already on record.
pub(super) async fn new_case_form(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Query(query): Query<NewCaseQuery>,
) -> Result<Response, AppError> {
    let matches = if query.surname.trim().is_empty() {
        None
    } else {
        Some(
            cases::similar_people(
                &state.app,
                &signed_in.actor,
                &query.surname,
                &query.given_names,
            )
            .await?,
        )
    };
    render(
        &new_case_page(
            &state,
            t,
            &signed_in,
            query,
            FieldErrors::default(),
            matches,
        )
        .await?,
    )
}

pub(super) async fn create_case(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let query = NewCaseQuery::from_pairs(&pairs);
    let form = NewCaseForm {
        office_id: query.office_id.clone(),
        pathway: query.pathway.clone(),
        applicant: query.person(),
    };
    match cases::create(&state.app, &signed_in.actor, &form).await {
        Ok(case) => Ok(see_other(&format!("/cases/{}", case.id))),
        Err(app::Error::Invalid(errors)) => {
            let page = new_case_page(&state, t, &signed_in, query, errors, None).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

/// A move button on the case page.
struct MoveChoice {
    to: &'static str,
    needs_reason: bool,
    is_override: bool,
    /// Why the move cannot succeed now (the button is shown disabled with this beside it).
    blocked: Option<&'static str>,
}

/// A move that needs a complete file is offered plainly (the latest completeness report must be
/// complete and current, else the button says why it is disabled) and, to a supervisor, also as
/// a reasoned override.
fn move_choices(file: &CaseFile, gate: &CompletenessGate, can_override: bool) -> Vec<MoveChoice> {
    workflow::allowed_moves(file.case.status, file.case.held_status)
        .into_iter()
        .flat_map(|step: Move| {
            let complete_file = step.requires == Requirement::CompleteFile;
            let plain = MoveChoice {
                to: step.to.as_str(),
                needs_reason: step.requires == Requirement::Reason,
                is_override: false,
                blocked: complete_file.then(|| gate.refusal()).flatten(),
            };
            let overriding = (complete_file && can_override).then(|| MoveChoice {
                to: step.to.as_str(),
                needs_reason: true,
                is_override: true,
                blocked: None,
            });
            std::iter::once(plain).chain(overriding)
        })
        .collect()
}

#[derive(Template)]
#[template(path = "cases/show.html")]
struct CasePage {
    page: PageContext,
    file: CaseFile,
    moves: Vec<MoveChoice>,
    errors: FieldErrors,
    can_work: bool,
    can_confirm: bool,
    can_erase: bool,
    /// A caseworker of the case's office to whom the case is not assigned yet may take it.
    can_take: bool,
    codes: &'static [NeedCode],
    member_roles: &'static [MemberRole],
    sexes: &'static [&'static str],
    pathway_title: String,
    contact: super::case_contact::ContactSection,
    /// What the latest completeness check found open, each as "title — person".
    open_items: Vec<String>,
}

impl CasePage {
    /// A member's nationality by name in the page's language.
    fn country(&self, code: &str) -> String {
        crate::code_names::country(&self.page.t, code)
    }

    /// A recorded consent's scope, by name when the application wrote it.
    fn consent_scope(&self, scope: &str) -> String {
        crate::code_names::consent_scope(&self.page.t, scope)
    }

    fn starts(&self, appointment: &app::cases::appointments::Appointment) -> String {
        crate::appointment_start(appointment)
    }

    fn when(&self, millis: &i64) -> String {
        crate::format_instant(*millis)
    }

    /// A language code by its name in the reader's language.
    fn language_name(&self, code: &str) -> String {
        crate::code_names::language(&self.page.t, code)
    }

    fn code_label(&self, code: &str) -> String {
        triage::need_codes()
            .ok()
            .and_then(|codes| codes.code(code))
            .map_or_else(
                || code.to_owned(),
                |need| need.label(self.page.t.lang()).to_owned(),
            )
    }

    fn has_code(&self, code: &str) -> bool {
        self.file
            .assessment
            .as_ref()
            .is_some_and(|assessment| assessment.codes.iter().any(|c| c == code))
    }
}

async fn case_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    case_id: &str,
    errors: FieldErrors,
) -> Result<CasePage, AppError> {
    let (file, contact) = cases::open_with_contact(&state.app, &signed_in.actor, case_id).await?;
    let offices = [file.case.office_id.clone()];
    // After an erasure the case is read, never worked on: no form is offered.
    let allowed =
        |action| policy::is_allowed(&signed_in.actor, action, Target::in_offices(&offices));
    let works = |action| !file.case.erased && allowed(action);
    let pathway_title = state
        .app
        .packs
        .pathway(&file.case.pack_id, &file.case.pathway_id)
        .map_or_else(
            || file.case.pathway_id.clone(),
            |(_, pathway)| pathway.title.get(t.lang()).to_owned(),
        );
    let gate = contact.completeness.clone();
    let contact = super::case_contact::section(state, signed_in, &file, contact).await?;
    let moves = move_choices(&file, &gate, works(Action::OverrideCompleteness));
    let page = PageContext::new(t, state, signed_in, "/cases");
    let open_items = match gate {
        CompletenessGate::Incomplete(lines) => {
            let titles = checklist_titles(&state.app, &file.case.pack_id, page.t.lang());
            lines
                .iter()
                .map(|line| {
                    let title = titles
                        .iter()
                        .find(|(id, _)| *id == line.item_id)
                        .map_or(line.item_id.as_str(), |(_, title)| title.as_str());
                    format!("{title} — {}", person_label(&page, &line.person))
                })
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(CasePage {
        contact,
        moves,
        open_items,
        can_work: works(Action::WorkOnCases),
        can_confirm: works(Action::ConfirmPriority) && file.case.suggested_priority.is_some(),
        can_erase: allowed(Action::ErasePersonalData),
        can_take: signed_in.actor.has_role(Role::Caseworker)
            && works(Action::WorkOnCases)
            && file.case.assigned_to.as_deref() != Some(signed_in.actor.user_id.as_str()),
        page,
        file,
        errors,
        codes: triage::need_codes().map(|codes| codes.codes.as_slice())?,
        member_roles: &MemberRole::ALL,
        sexes: SEXES,
        pathway_title,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    match case_page(&state, t.clone(), &signed_in, &id, FieldErrors::default()).await {
        Ok(page) => render(&page),
        Err(error) => super::privacy_access::refused_case(&state, t, &signed_in, &id, error),
    }
}

/// Runs a case operation; field errors bring the case page back with them.
pub(super) async fn act(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    id: &str,
    outcome: Result<(), app::Error>,
) -> Result<Response, AppError> {
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cases/{id}"))),
        Err(app::Error::Invalid(errors)) => {
            let page = case_page(state, t, signed_in, id, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

pub(super) async fn move_case(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let request = MoveRequest {
        to: form_value(&pairs, "to"),
        reason: form_value(&pairs, "reason"),
        override_completeness: form_value(&pairs, "override") == "yes",
    };
    let outcome = cases::move_case(
        &state.app,
        &signed_in.actor,
        &id,
        form_version(&pairs)?,
        &request,
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

pub(super) async fn add_member(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let person = NewCaseQuery::from_pairs(&pairs).person();
    let role = form_value(&pairs, "role");
    let outcome = cases::add_member(
        &state.app,
        &signed_in.actor,
        &id,
        form_version(&pairs)?,
        &person,
        &role,
    )
    .await;
    act(&state, t, &signed_in, &id, outcome).await
}

pub(super) async fn assess(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let codes = form_values(&pairs, "codes");
    let narrative = form_value(&pairs, "narrative");
    let outcome = cases::assess(
        &state.app,
        &signed_in.actor,
        &id,
        form_version(&pairs)?,
        &codes,
        &narrative,
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

/// A caseworker takes the case: it is assigned to them (one case of the bulk assignment).
pub(super) async fn take(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let case = CaseRef {
        id: id.clone(),
        version: Some(form_version(&pairs)?),
    };
    let me = signed_in.actor.user_id.clone();
    let outcome = assignment::assign(&state.app, &signed_in.actor, &[case], &me)
        .await
        .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

pub(super) async fn confirm_priority(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let outcome = cases::confirm_priority(&state.app, &signed_in.actor, &id, form_version(&pairs)?)
        .await
        .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}
