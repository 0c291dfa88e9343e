//! The contact side of a case page: appointments, notes and messages, referrals and transfers,
//! and consent; the office calendar, the incoming referrals of an office, and the reminders on
//! the start page.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

use app::FieldErrors;
use app::cases::appointments::{
    self, Appointment, AppointmentForm, AppointmentKind, AppointmentStatus, RescheduleForm,
};
use app::cases::notes::{self, Message, Note, Visibility};
use app::cases::referrals::{self, Decision, Referral, ReferralForm, ReferralKind};
use app::cases::{CaseContact, CaseFile, MemberRole};
use app::offices::{self, Office};
use app::policy::{self, Action, Target};
use app::portal::office_access::{self, IssuedAccess};
use app::privacy::consent::{self, Basis, ConsentForm, ConsentRecord, Purpose};

use super::cases::act;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{
    FormPairs, PageContext, form_value, form_version, render, render_with_status, see_other,
    typed_date, typed_number,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/appointments", post(book))
        .route(
            "/cases/{id}/appointments/{appointment}/reschedule",
            post(reschedule),
        )
        .route(
            "/cases/{id}/appointments/{appointment}/status",
            post(set_status),
        )
        .route("/cases/{id}/notes", post(add_note))
        .route("/cases/{id}/messages", post(send_message))
        .route("/cases/{id}/portal-access", post(give_portal_access))
        .route("/cases/{id}/referrals", post(request_referral))
        .route("/cases/{id}/referrals/{referral}/revoke", post(revoke))
        .route("/cases/{id}/consents", post(record_consent))
        .route(
            "/cases/{id}/consents/{consent}/withdraw",
            post(withdraw_consent),
        )
        .route("/referrals", get(incoming))
        .route("/referrals/{id}/decision", post(decide))
        .route("/offices/{id}/calendar", get(calendar))
}

/// A person of the case, for choosers and for naming who an appointment or a record is for.
pub(super) struct PersonChoice {
    pub(super) id: String,
    pub(super) label: String,
}

/// What the case page's contact sections show.
pub(super) struct ContactSection {
    pub(super) appointments: Vec<Appointment>,
    pub(super) notes: Vec<Note>,
    pub(super) messages: Vec<Message>,
    pub(super) referrals: Vec<Referral>,
    pub(super) consents: Vec<ConsentRecord>,
    pub(super) people: Vec<PersonChoice>,
    /// Offices a referral or transfer may go to.
    pub(super) offices: Vec<Office>,
    pub(super) can_contact: bool,
    pub(super) can_refer: bool,
    pub(super) can_override_consent: bool,
    /// Whether the reader may record a subject-access request for the people of the case.
    pub(super) can_request_access: bool,
    /// The current basis for referral of the principal applicant.
    pub(super) referral_basis: Option<Basis>,
    /// The applicant's portal language (a code; the page names it).
    pub(super) applicant_language: Option<String>,
    pub(super) kinds: &'static [AppointmentKind],
    pub(super) visibilities: &'static [Visibility],
    pub(super) referral_kinds: &'static [ReferralKind],
    pub(super) purposes: &'static [Purpose],
    pub(super) bases: &'static [Basis],
}

impl ContactSection {
    pub(super) fn person(&self, id: &str) -> String {
        self.people
            .iter()
            .find(|person| person.id == id)
            .map_or_else(|| id.to_owned(), |person| person.label.clone())
    }

    pub(super) fn office(&self, id: &str) -> String {
        self.offices
            .iter()
            .find(|office| office.id == id)
            .map_or_else(|| id.to_owned(), |office| office.code.clone())
    }

    /// The current basis of every purpose for the principal applicant, `None` when missing.
    pub(super) fn current_bases(&self) -> Vec<(Purpose, Option<Basis>)> {
        let principal = self.people.first().map(|person| person.id.as_str());
        Purpose::ALL
            .into_iter()
            .map(|purpose| {
                let basis = self
                    .consents
                    .iter()
                    .find(|record| {
                        record.is_current()
                            && record.purpose == purpose
                            && Some(record.person_id.as_str()) == principal
                    })
                    .map(|record| record.basis);
                (purpose, basis)
            })
            .collect()
    }

    pub(super) fn is_scheduled(&self, appointment: &Appointment) -> bool {
        appointment.status == AppointmentStatus::Scheduled
    }

    pub(super) fn is_pending(&self, referral: &Referral) -> bool {
        referral.status == referrals::ReferralStatus::Pending
    }
}

/// Lays out the contact side of a case the actor has just opened.
pub(super) async fn section(
    state: &AppState,
    signed_in: &SignedIn,
    file: &CaseFile,
    contact: CaseContact,
) -> Result<ContactSection, AppError> {
    let actor = &signed_in.actor;
    let own = [file.case.office_id.clone()];
    let people = file
        .members
        .iter()
        .map(|member| PersonChoice {
            id: member.person.id.clone(),
            label: format!(
                "{} {}",
                member.person.names.given_names, member.person.names.surname
            )
            .trim()
            .to_owned(),
        })
        .collect();
    let CaseContact {
        offices_with_access,
        appointments,
        notes,
        messages,
        referrals,
        consents,
        applicant_language,
        completeness: _,
    } = contact;
    let principal = file
        .members
        .iter()
        .find(|member| member.role == MemberRole::PrincipalApplicant)
        .map(|member| member.person.id.clone());
    let referral_basis = consents
        .iter()
        .find(|record| {
            record.is_current()
                && record.purpose == Purpose::Referral
                && Some(&record.person_id) == principal.as_ref()
        })
        .map(|record| record.basis);
    Ok(ContactSection {
        appointments,
        notes,
        messages,
        referrals,
        consents,
        people,
        offices: offices::list(&state.app.db, actor).await?,
        can_contact: !file.case.erased
            && policy::is_allowed(actor, Action::ContactCase, offices_with_access.target()),
        can_refer: !file.case.erased
            && policy::is_allowed(actor, Action::WorkOnCases, Target::in_offices(&own)),
        can_override_consent: policy::is_allowed(
            actor,
            Action::OverrideConsent,
            Target::in_offices(&own),
        ),
        can_request_access: policy::is_allowed(
            actor,
            Action::HandleSubjectAccess,
            Target::in_offices(&own),
        ),
        referral_basis,
        applicant_language,
        kinds: &AppointmentKind::ALL,
        visibilities: &Visibility::ALL,
        referral_kinds: &ReferralKind::ALL,
        purposes: &Purpose::ALL,
        bases: &Basis::ALL,
    })
}

async fn book(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let form = AppointmentForm {
        person_id: form_value(&pairs, "person_id"),
        kind: form_value(&pairs, "kind"),
        starts_at: typed_date(&pairs, "starts_at"),
        duration_minutes: typed_number(&pairs, "duration_minutes"),
        location: form_value(&pairs, "location"),
    };
    let outcome = appointments::book(&state.app, &signed_in.actor, &id, &form)
        .await
        .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

async fn reschedule(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path((id, appointment)): Path<(String, String)>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let form = RescheduleForm {
        starts_at: typed_date(&pairs, "starts_at"),
        duration_minutes: typed_number(&pairs, "duration_minutes"),
    };
    let outcome = appointments::reschedule(
        &state.app,
        &signed_in.actor,
        &appointment,
        form_version(&pairs)?,
        &form,
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

async fn set_status(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path((id, appointment)): Path<(String, String)>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let outcome = appointments::set_status(
        &state.app,
        &signed_in.actor,
        &appointment,
        form_version(&pairs)?,
        &form_value(&pairs, "status"),
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

async fn add_note(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let outcome = notes::add_note(
        &state.app,
        &signed_in.actor,
        &id,
        &form_value(&pairs, "note_text"),
        &form_value(&pairs, "visibility"),
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

async fn send_message(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let outcome = notes::send_message(
        &state.app,
        &signed_in.actor,
        &id,
        &form_value(&pairs, "message_text"),
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

#[derive(Template)]
#[template(path = "cases/portal_access.html")]
struct PortalAccessPage {
    page: PageContext,
    access: IssuedAccess,
}

/// Gives the applicant portal access with the case reference and a new PIN, shown once.
async fn give_portal_access(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let access = office_access::issue(&state.app, &signed_in.actor, &id).await?;
    let mut response = render(&PortalAccessPage {
        page: PageContext::new(t, &state, &signed_in, "/cases"),
        access,
    })?;
    // The PIN is on this page only: no cache may keep it.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

async fn request_referral(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let form = ReferralForm {
        kind: form_value(&pairs, "kind"),
        to_office_id: form_value(&pairs, "to_office_id"),
        note: form_value(&pairs, "note"),
        override_consent: form_value(&pairs, "override_consent") == "yes",
        override_reason: form_value(&pairs, "override_reason"),
    };
    let outcome = referrals::request(&state.app, &signed_in.actor, &id, &form)
        .await
        .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

async fn revoke(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path((id, referral)): Path<(String, String)>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let outcome = referrals::revoke(
        &state.app,
        &signed_in.actor,
        &referral,
        form_version(&pairs)?,
    )
    .await
    .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

async fn record_consent(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let form = ConsentForm {
        person_id: form_value(&pairs, "person_id"),
        purpose: form_value(&pairs, "purpose"),
        basis: form_value(&pairs, "basis"),
        scope: form_value(&pairs, "scope"),
    };
    let outcome = consent::record(&state.app, &signed_in.actor, &id, &form)
        .await
        .map(drop);
    act(&state, t, &signed_in, &id, outcome).await
}

async fn withdraw_consent(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path((id, record)): Path<(String, String)>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let outcome = consent::withdraw(
        &state.app,
        &signed_in.actor,
        &id,
        &record,
        form_version(&pairs)?,
    )
    .await;
    act(&state, t, &signed_in, &id, outcome).await
}

#[derive(Template)]
#[template(path = "cases/incoming_referrals.html")]
struct IncomingPage {
    page: PageContext,
    errors: FieldErrors,
    referrals: Vec<Referral>,
    offices: Vec<Office>,
}

impl IncomingPage {
    fn when(&self, millis: &i64) -> String {
        crate::format_instant(*millis)
    }

    fn office(&self, id: &str) -> String {
        self.offices
            .iter()
            .find(|office| office.id == id)
            .map_or_else(
                || id.to_owned(),
                |office| format!("{} — {}", office.code, office.name),
            )
    }
}

async fn incoming_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    errors: FieldErrors,
) -> Result<IncomingPage, AppError> {
    Ok(IncomingPage {
        referrals: referrals::incoming(&state.app, &signed_in.actor).await?,
        offices: offices::list(&state.app.db, &signed_in.actor).await?,
        page: PageContext::new(t, state, signed_in, "/cases"),
        errors,
    })
}

async fn incoming(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    render(&incoming_page(&state, t, &signed_in, FieldErrors::default()).await?)
}

async fn decide(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let decision = match form_value(&pairs, "decision").as_str() {
        "accept" => Decision::Accept,
        "reject" => Decision::Reject,
        _ => return Err(AppError::bad_request("decision")),
    };
    let outcome = referrals::decide(
        &state.app,
        &signed_in.actor,
        &id,
        form_version(&pairs)?,
        decision,
        &form_value(&pairs, "reason"),
    )
    .await;
    match outcome {
        Ok(referral) if referral.status == referrals::ReferralStatus::Accepted => {
            Ok(see_other(&format!("/cases/{}", referral.case_id)))
        }
        Ok(_) => Ok(see_other("/referrals")),
        Err(app::Error::Invalid(errors)) => {
            let page = incoming_page(&state, t, &signed_in, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct CalendarQuery {
    /// `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    from: String,
    /// 1 (a day) to 31; 7 (a week) when absent.
    days: Option<i64>,
}

#[derive(Template)]
#[template(path = "cases/calendar.html")]
struct CalendarPage {
    page: PageContext,
    office: String,
    office_id: String,
    from: String,
    days: i64,
    previous: String,
    next: String,
    appointments: Vec<Appointment>,
}

impl CalendarPage {
    fn starts(&self, appointment: &app::cases::appointments::Appointment) -> String {
        crate::appointment_start(appointment)
    }
}

async fn calendar(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    Query(query): Query<CalendarQuery>,
) -> Result<Response, AppError> {
    // The days are the office's: its midnight starts the window, its dates name the pages.
    let office = offices::get(&state.app.db, &signed_in.actor, &id).await?;
    let from_text = Some(query.from.trim().to_owned())
        .filter(|text| !text.is_empty())
        .unwrap_or_else(|| app::time::today_in(&office.time_zone));
    let from = app::time::local_to_millis(&format!("{from_text}T00:00"), &office.time_zone)
        .ok_or_else(|| AppError::bad_request("from"))?;
    let days = query.days.unwrap_or(7).clamp(1, 31);
    let list = appointments::office_calendar(&state.app, &signed_in.actor, &id, from, days).await?;
    let shifted = |by: i64| app::time::add_days(&from_text, by).unwrap_or_default();
    render(&CalendarPage {
        page: PageContext::new(t, &state, &signed_in, "/cases"),
        office: format!("{} — {}", office.code, office.name),
        previous: shifted(-days),
        next: shifted(days),
        office_id: id,
        from: from_text,
        days,
        appointments: list,
    })
}

/// A reminder on the start page.
pub(super) struct Reminder {
    pub(super) case_id: String,
    pub(super) reference: String,
    pub(super) kind: &'static str,
    pub(super) when: String,
    pub(super) location: String,
}

/// The next week's appointments of the signed-in person's cases.
pub(super) async fn reminders(
    state: &AppState,
    signed_in: &SignedIn,
) -> Result<Vec<Reminder>, AppError> {
    let upcoming = appointments::upcoming_for(&state.app, &signed_in.actor, 7).await?;
    Ok(upcoming
        .into_iter()
        .map(|appointment| Reminder {
            when: crate::appointment_start(&appointment),
            case_id: appointment.case_id,
            reference: appointment.case_reference,
            kind: appointment.kind.as_str(),
            location: appointment.location,
        })
        .collect())
}
