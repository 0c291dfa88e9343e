//! Orientation pages: the facilitator's sessions, roster and attendance (plain forms that work
//! on a phone without JavaScript), QR check-in, quizzes entered on a participant's behalf,
//! curricula and their localisation, the knowledge-gain report, the printable certificate, and
//! the migrant's own sessions and certificate. `/verify/...` is public.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use app::FieldErrors;
use app::orientation::assessments::{self, AssessmentKind, KnowledgeGainReport, QuizQuestion};
use app::orientation::certificates::{self, Certificate, Verification};
use app::orientation::curricula::{
    self, Curriculum, CurriculumDetail, LocaliseForm, ModuleOverride,
};
use app::orientation::markdown::render_safe;
use app::orientation::participants::{self, MIGRATION_CATEGORIES, ParticipantForm, SEXES};
use app::orientation::sessions::{
    self, AttendanceMark, CheckMethod, Direction, EnrolmentSource, FORMATS, MySession, Roster,
    SUPPORT, Session, SessionForm,
};
use app::orientation::{Text, pick};
use app::policy::{self, Action, Target};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{
    FormPairs, PageContext, form_value, form_values, form_version, render, render_with_status,
    see_other,
};

pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/orientation", get(index).post(schedule))
        .route("/orientation/curricula/{id}", get(curriculum))
        .route("/orientation/curricula/{id}/localise", post(localise))
        .route("/orientation/curricula/{id}/modules", post(override_module))
        .route("/orientation/curricula/{id}/report", get(report))
        .route("/orientation/sessions/{id}", get(session))
        .route("/orientation/sessions/{id}/roster", post(submit_roster))
        .route("/orientation/sessions/{id}/edit", post(reschedule))
        .route("/orientation/sessions/{id}/cancel", post(cancel))
        .route("/orientation/sessions/{id}/sheet", post(backfill))
        .route(
            "/orientation/certificates/{id}/revocation-request",
            post(request_revocation),
        )
        .route(
            "/orientation/revocation-requests/{id}",
            post(decide_revocation),
        )
        .route(
            "/orientation/sessions/{id}/attendance",
            post(submit_attendance),
        )
        .route(
            "/orientation/sessions/{id}/participants",
            post(add_participant),
        )
        .route("/orientation/sessions/{id}/enrol-me", post(enrol_me))
        .route("/orientation/sessions/{id}/family", post(enrol_family))
        .route("/orientation/attendance", post(mark_attendance))
        .route("/orientation/checkin", post(check_in_by_code))
        .route("/orientation/checkin/{code}", get(check_in_page))
        .route(
            "/orientation/enrolments/{id}/quiz/{kind}",
            get(quiz).post(record_quiz),
        )
        .route(
            "/orientation/enrolments/{id}/certificate",
            post(issue_certificate),
        )
        .route("/orientation/certificates/{id}", get(certificate))
        .route(
            "/orientation/certificates/{id}/revoke",
            post(revoke_certificate),
        )
}

/// Public routes: anyone holding a certificate may have it checked.
pub fn public_routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/verify", get(verify_query))
        .route("/verify/keys.json", get(trust_bundle))
        .route("/verify/revocations.json", get(revocation_list))
        .route("/verify/{token}", get(verify))
        .route("/static/orientation.css", get(stylesheet))
}

async fn stylesheet() -> impl axum::response::IntoResponse {
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (axum::http::header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../templates/orientation/orientation.css"),
    )
}

/// Where people reach the service, for addresses printed as QR codes: the configured public
/// address, never the request's `Host` header (which a client chooses).
fn origin(state: &AppState) -> &str {
    &state.app.settings.public_base_url
}

/// An SVG QR code of `data`, drawn by us (so safe to inline): one path of horizontal runs of
/// dark modules, a few kilobytes where a rectangle per module would take tens.
fn qr_svg(data: &str) -> Result<String, AppError> {
    use std::fmt::Write as _;
    const QUIET: usize = 4;
    let code = qrcode::QrCode::new(data.as_bytes()).map_err(app::Error::internal)?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (y, row) in colors.chunks(width.max(1)).enumerate() {
        let mut x = 0;
        while x < row.len() {
            if row[x] != qrcode::Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] == qrcode::Color::Dark {
                x += 1;
            }
            let _ = write!(
                path,
                "M{} {}h{}v1h-{}z",
                start + QUIET,
                y + QUIET,
                x - start,
                x - start
            );
        }
    }
    let size = width + 2 * QUIET;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"200\" height=\"200\" \
         shape-rendering=\"crispEdges\" aria-hidden=\"true\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

fn hours(minutes: i64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// Formatting every orientation template uses (askama calls them as methods of the page).
trait Formatting {
    fn hours(&self, minutes: impl Number) -> String {
        hours(minutes.value())
    }

    /// An instant on the wall clock of a time zone, the zone named.
    fn when_in(&self, millis: impl Number, zone: &str) -> String {
        crate::format_in_zone(millis.value(), zone)
    }

    fn pick<'a>(&self, text: &'a Text, lang: &str) -> &'a str {
        pick(text, lang)
    }
}

/// An integer as askama passes it: by value or by reference.
trait Number {
    fn value(&self) -> i64;
}

impl Number for i64 {
    fn value(&self) -> i64 {
        *self
    }
}

impl<T: Number> Number for &T {
    fn value(&self) -> i64 {
        (**self).value()
    }
}

impl Formatting for IndexPage {}
impl Formatting for CurriculumPage {}
impl Formatting for ReportPage {}
impl Formatting for SessionPage {}
impl Formatting for CertificatePage {}

// ---------------------------------------------------------------------------------------------
// Start page: staff see sessions and curricula; a migrant sees their own sessions.

#[derive(Debug, Default)]
struct ScheduleValues {
    curriculum_id: String,
    office_id: String,
    format: String,
    place: String,
    starts_at: String,
    day_count: String,
    capacity: String,
    language: String,
    facilitators: String,
    interpreter: String,
    support: Vec<String>,
}

impl ScheduleValues {
    fn from_pairs(pairs: &[(String, String)]) -> ScheduleValues {
        ScheduleValues {
            curriculum_id: form_value(pairs, "curriculum_id"),
            office_id: form_value(pairs, "office_id"),
            format: form_value(pairs, "format"),
            place: form_value(pairs, "place"),
            starts_at: form_value(pairs, "starts_at"),
            day_count: form_value(pairs, "day_count"),
            capacity: form_value(pairs, "capacity"),
            language: form_value(pairs, "language"),
            facilitators: form_value(pairs, "facilitators"),
            interpreter: form_value(pairs, "interpreter"),
            support: form_values(pairs, "support"),
        }
    }

    fn form(&self) -> SessionForm {
        SessionForm {
            curriculum_id: self.curriculum_id.clone(),
            office_id: self.office_id.clone(),
            format: self.format.clone(),
            place: self.place.clone(),
            starts_at: self.starts_at.clone(),
            day_count: self.day_count.clone(),
            capacity: self.capacity.clone(),
            language: self.language.clone(),
            facilitators: self.facilitators.clone(),
            interpreter: self.interpreter.clone(),
            support: self.support.clone(),
        }
    }

    fn has_support(&self, item: &&str) -> bool {
        self.support.iter().any(|chosen| chosen == item)
    }
}

/// A migrant's session with its check-in QR code.
struct MySessionView {
    item: MySession,
    title: String,
    qr: String,
}

#[derive(Template)]
#[template(path = "orientation/index.html")]
struct IndexPage {
    page: PageContext,
    staff: bool,
    sessions: Vec<Session>,
    curricula: Vec<Curriculum>,
    titles: BTreeMap<String, String>,
    offices: Vec<(String, String)>,
    can_report: bool,
    mine: Vec<MySessionView>,
    open: Vec<Session>,
    errors: FieldErrors,
    form: ScheduleValues,
    formats: &'static [&'static str],
    support: &'static [&'static str],
}

impl IndexPage {
    fn title_of(&self, curriculum_id: &str) -> &str {
        self.titles
            .get(curriculum_id)
            .map(String::as_str)
            .unwrap_or_default()
    }
}

async fn index_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    form: ScheduleValues,
    errors: FieldErrors,
) -> Result<IndexPage, AppError> {
    let actor = &signed_in.actor;
    let staff = policy::list_scope(actor, Action::RunOrientation).is_ok();
    let own = policy::is_allowed(
        actor,
        Action::AttendOrientation,
        Target::owned_by(&actor.user_id),
    );
    if !staff && !own && policy::list_scope(actor, Action::ViewCurricula).is_err() {
        return Err(app::Error::Forbidden.into());
    }
    let lang = t.lang();
    let curricula = if policy::is_allowed(actor, Action::ViewCurricula, Target::system()) {
        curricula::list(&state.app.db, actor).await?
    } else {
        Vec::new()
    };
    let mut titles: BTreeMap<String, String> = curricula
        .iter()
        .map(|c| (c.id.clone(), pick(&c.title, lang).to_owned()))
        .collect();
    let sessions = if staff {
        sessions::list(&state.app.db, actor).await?
    } else {
        Vec::new()
    };
    let (mine, open) = if own && !staff {
        let origin = origin(state);
        let mut views = Vec::new();
        for item in sessions::my_sessions(&state.app, actor).await? {
            let qr = qr_svg(&format!(
                "{origin}/orientation/checkin/{}",
                item.enrolment.checkin_code
            ))?;
            views.push(MySessionView {
                title: pick(&item.curriculum_title, lang).to_owned(),
                item,
                qr,
            });
        }
        let open = sessions::open_sessions(&state.app.db, actor).await?;
        for session in &open {
            if !titles.contains_key(&session.curriculum_id) {
                let detail = curricula::load_title(&state.app.db, &session.curriculum_id).await?;
                titles.insert(
                    session.curriculum_id.clone(),
                    pick(&detail, lang).to_owned(),
                );
            }
        }
        (views, open)
    } else {
        (Vec::new(), Vec::new())
    };
    let offices = app::offices::list(&state.app.db, actor)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|office| {
            actor.offices.contains(&office.id) || actor.has_role(app::policy::Role::Admin)
        })
        .map(|office| {
            (
                office.id,
                format!("{} — {} ({})", office.code, office.name, office.time_zone),
            )
        })
        .collect();
    Ok(IndexPage {
        page: PageContext::new(t, state, signed_in, "/orientation"),
        staff,
        can_report: policy::list_scope(actor, Action::ViewOrientationReports).is_ok(),
        sessions,
        curricula,
        titles,
        offices,
        mine,
        open,
        errors,
        form,
        formats: &FORMATS,
        support: &SUPPORT,
    })
}

async fn index(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let values = ScheduleValues {
        day_count: "1".into(),
        capacity: "25".into(),
        language: t.lang().to_owned(),
        ..Default::default()
    };
    render(&index_page(&state, t, &signed_in, values, FieldErrors::default()).await?)
}

async fn schedule(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let values = ScheduleValues::from_pairs(&pairs);
    match sessions::schedule(&state.app, &signed_in.actor, &values.form()).await {
        Ok(session) => Ok(see_other(&format!("/orientation/sessions/{}", session.id))),
        Err(app::Error::Invalid(errors)) => render_with_status(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            &index_page(&state, t, &signed_in, values, errors).await?,
        ),
        Err(other) => Err(other.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Curricula.

#[derive(Template)]
#[template(path = "orientation/curriculum.html")]
struct CurriculumPage {
    page: PageContext,
    detail: CurriculumDetail,
    /// Rendered participant content per module, in the page language.
    content: Vec<String>,
    can_localise: bool,
    can_report: bool,
    errors: FieldErrors,
    localise: LocaliseForm,
}

impl CurriculumPage {
    fn text<'a>(&self, text: &'a Text) -> &'a str {
        pick(text, self.page.t.lang())
    }
}

async fn curriculum_page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    id: &str,
    localise: LocaliseForm,
    errors: FieldErrors,
) -> Result<CurriculumPage, AppError> {
    let actor = &signed_in.actor;
    let detail = curricula::get(&state.app.db, actor, id).await?;
    let content = detail
        .modules
        .iter()
        .map(|m| render_safe(pick(&m.content, t.lang())))
        .collect();
    Ok(CurriculumPage {
        can_localise: policy::is_allowed(actor, Action::LocaliseCurricula, Target::system()),
        can_report: policy::list_scope(actor, Action::ViewOrientationReports).is_ok(),
        page: PageContext::new(t, state, signed_in, "/orientation"),
        detail,
        content,
        errors,
        localise,
    })
}

async fn curriculum(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    render(
        &curriculum_page(
            &state,
            t,
            &signed_in,
            &id,
            LocaliseForm::default(),
            FieldErrors::default(),
        )
        .await?,
    )
}

async fn localise(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let form = LocaliseForm {
        code: form_value(&pairs, "code"),
        destination: form_value(&pairs, "destination"),
        title_en: form_value(&pairs, "title_en"),
        title_local: form_value(&pairs, "title_local"),
        local_language: form_value(&pairs, "local_language"),
    };
    match curricula::localise(&state.app, &signed_in.actor, &id, &form).await {
        Ok(created) => Ok(see_other(&format!("/orientation/curricula/{}", created.id))),
        Err(app::Error::Invalid(errors)) => render_with_status(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            &curriculum_page(&state, t, &signed_in, &id, form, errors).await?,
        ),
        Err(other) => Err(other.into()),
    }
}

async fn override_module(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let change = ModuleOverride {
        module_key: form_value(&pairs, "module_key"),
        language: form_value(&pairs, "language"),
        title: form_value(&pairs, "title"),
        minutes: form_value(&pairs, "minutes"),
        content: form_value(&pairs, "content"),
        facilitator_notes: form_value(&pairs, "facilitator_notes"),
    };
    curricula::override_module(&state.app, &signed_in.actor, &id, &change).await?;
    Ok(see_other(&format!(
        "/orientation/curricula/{id}#module-{}",
        change.module_key
    )))
}

#[derive(Template)]
#[template(path = "orientation/report.html")]
struct ReportPage {
    page: PageContext,
    detail: CurriculumDetail,
    report: KnowledgeGainReport,
}

impl ReportPage {
    fn gain(&self, gain: &Option<assessments::Gain>) -> String {
        match gain {
            Some(gain) => format!(
                "{:.0} → {:.0} (+{:.0})",
                gain.pre_percent,
                gain.post_percent,
                gain.points()
            ),
            None => self.page.t.t("orientation-suppressed"),
        }
    }

    fn count(&self, count: &Option<i64>) -> String {
        count.map_or_else(
            || self.page.t.t("orientation-suppressed"),
            |n| n.to_string(),
        )
    }

    fn satisfaction_text(&self) -> String {
        match self.report.satisfaction {
            Some((mean, answered)) => format!("{mean:.1} / 5 ({answered})"),
            None => self.page.t.t("orientation-suppressed"),
        }
    }
}

async fn report(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let report = assessments::knowledge_gain(&state.app.db, &signed_in.actor, &id).await?;
    let detail = curricula::load_for_report(&state.app.db, &signed_in.actor, &id).await?;
    render(&ReportPage {
        page: PageContext::new(t, &state, &signed_in, "/orientation"),
        detail,
        report,
    })
}

// ---------------------------------------------------------------------------------------------
// A session: roster, attendance, quizzes and certificates.

#[derive(Template)]
#[template(path = "orientation/session.html")]
struct SessionPage {
    page: PageContext,
    roster: Roster,
    /// The curriculum's title in the session's language, and the language it is in.
    title: String,
    title_lang: String,
    day_numbers: Vec<i64>,
    today: i64,
    now: i64,
    sexes: &'static [&'static str],
    categories: &'static [&'static str],
    formats: &'static [&'static str],
    support: &'static [&'static str],
}

/// The message that says why a button is disabled.
fn refusal_key(reason: Option<&'static str>) -> Option<String> {
    reason.map(|reason| format!("conflict-{reason}"))
}

impl SessionPage {
    fn session(&self) -> &Session {
        &self.roster.session
    }

    fn plan_closed(&self) -> Option<String> {
        refusal_key(self.session().plan_closed(self.now))
    }

    fn roster_closed(&self) -> Option<String> {
        refusal_key(self.session().roster_closed(self.now))
    }

    fn attendance_submission_closed(&self) -> Option<String> {
        refusal_key(self.session().attendance_submission_closed(self.now))
    }

    /// Why no check-in can be taken today, if none can.
    fn check_in_closed(&self) -> Option<String> {
        let session = self.session();
        let reason = match session.roster_submitted_at {
            None => Some("roster-not-submitted"),
            Some(_) => session.attendance_closed(self.today, self.now),
        };
        refusal_key(reason)
    }

    /// Whether a paper sheet can be entered for some day: the first day's doors have opened and
    /// the record is still open.
    fn sheet_closed(&self) -> Option<String> {
        refusal_key(self.session().attendance_closed(1, self.now))
    }

    /// The session's days whose doors have opened, for the paper sheet.
    fn sheet_days(&self) -> Vec<i64> {
        self.day_numbers
            .iter()
            .copied()
            .filter(|day| self.session().attendance_closed(*day, self.now).is_none())
            .collect()
    }

    /// The lines a paper sheet can be entered for: enrolled, and on the roster once submitted.
    fn sheet_lines(&self) -> Vec<&sessions::RosterLine> {
        let roster_submitted = self.session().roster_submitted_at.is_some();
        self.roster
            .lines
            .iter()
            .filter(|line| {
                line.enrolment.status == sessions::EnrolmentStatus::Enrolled
                    && (line.enrolment.on_roster || !roster_submitted)
            })
            .collect()
    }

    /// The start as the edit form shows it, on the office's clock.
    fn starts_local(&self) -> String {
        app::time::millis_to_local(self.session().starts_at, &self.session().time_zone)
            .replace(' ', "T")
    }

    fn has_support(&self, item: &&str) -> bool {
        self.session().support.iter().any(|chosen| chosen == item)
    }

    fn required(&self) -> i64 {
        self.roster.curriculum.required_minutes()
    }

    fn format_key(&self) -> String {
        format!("orientation-format-{}", self.roster.session.format)
    }

    fn status_key(&self, status: &sessions::EnrolmentStatus) -> String {
        format!("orientation-status-{}", status.as_str())
    }

    /// A day's times on the office's clock.
    fn day_cell(&self, day: &sessions::DayAttendance) -> String {
        let time = |millis: i64| {
            app::time::millis_to_local(millis, &self.session().time_zone)
                .get(11..16)
                .unwrap_or_default()
                .to_owned()
        };
        match (day.checked_in_at, day.checked_out_at) {
            (Some(checked_in), Some(checked_out)) => {
                format!("{}–{}", time(checked_in), time(checked_out))
            }
            (Some(checked_in), None) => format!("{}–", time(checked_in)),
            _ => "—".to_owned(),
        }
    }
}

/// The session day that contains now, clamped to the session's days.
fn current_day(session: &Session) -> i64 {
    let elapsed = app::time::now_millis() - session.starts_at;
    (elapsed.div_euclid(app::time::DAY) + 1).clamp(1, session.day_count)
}

async fn session(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let roster = sessions::roster(&state.app, &signed_in.actor, &id).await?;
    let course_title = &roster.curriculum.curriculum.title;
    let title = pick(course_title, &roster.session.language).to_owned();
    let title_lang =
        app::orientation::picked_language(course_title, &roster.session.language).to_owned();
    render(&SessionPage {
        page: PageContext::new(t, &state, &signed_in, "/orientation"),
        title,
        title_lang,
        day_numbers: (1..=roster.session.day_count).collect(),
        today: current_day(&roster.session),
        now: app::time::now_millis(),
        roster,
        sexes: &SEXES,
        categories: &MIGRATION_CATEGORIES,
        formats: &FORMATS,
        support: &SUPPORT,
    })
}

#[derive(Deserialize)]
struct VersionForm {
    version: i64,
}

async fn submit_roster(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<VersionForm>,
) -> Result<Response, AppError> {
    sessions::submit_roster(&state.app, &signed_in.actor, &id, form.version).await?;
    Ok(see_other(&format!("/orientation/sessions/{id}")))
}

async fn submit_attendance(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<VersionForm>,
) -> Result<Response, AppError> {
    sessions::submit_attendance(&state.app, &signed_in.actor, &id, form.version).await?;
    Ok(see_other(&format!("/orientation/sessions/{id}")))
}

/// Changes a session that has not started.
async fn reschedule(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let version = form_version(&pairs)?;
    let form = ScheduleValues::from_pairs(&pairs).form();
    sessions::reschedule(&state.app, &signed_in.actor, &id, &form, version).await?;
    Ok(see_other(&format!("/orientation/sessions/{id}")))
}

async fn cancel(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let version = form_version(&pairs)?;
    let reason = form_value(&pairs, "reason");
    sessions::cancel(&state.app, &signed_in.actor, &id, &reason, version).await?;
    Ok(see_other(&format!("/orientation/sessions/{id}")))
}

/// One line of a paper attendance sheet, typed afterwards.
async fn backfill(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let enrolment_id = form_value(&pairs, "enrolment_id");
    let line = sessions::SheetLine {
        day: form_value(&pairs, "day")
            .parse::<i64>()
            .map_err(|_| app::Error::invalid("day", "error-session-day"))?,
        checked_in: form_value(&pairs, "checked_in"),
        checked_out: form_value(&pairs, "checked_out"),
    };
    sessions::backfill_attendance(&state.app, &signed_in.actor, &enrolment_id, &line).await?;
    Ok(see_other(&format!(
        "/orientation/sessions/{id}#e-{enrolment_id}"
    )))
}

async fn add_participant(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let session = sessions::get(&state.app.db, &signed_in.actor, &id).await?;
    let form = ParticipantForm {
        office_id: session.office_id,
        name: form_value(&pairs, "name"),
        sex: form_value(&pairs, "sex"),
        birth_year: form_value(&pairs, "birth_year"),
        nationality: form_value(&pairs, "nationality"),
        migration_category: form_value(&pairs, "migration_category"),
        user_id: None,
    };
    let participant = participants::create(&state.app, &signed_in.actor, &form).await?;
    sessions::enrol(
        &state.app,
        &signed_in.actor,
        &id,
        &participant.id,
        EnrolmentSource::Facilitator,
    )
    .await?;
    Ok(see_other(&format!("/orientation/sessions/{id}")))
}

/// Enrols the family of a case, named by its reference, in one step.
async fn enrol_family(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let reference = form_value(&pairs, "case_reference");
    app::orientation::families::enrol_case_family(&state.app, &signed_in.actor, &id, &reference)
        .await?;
    Ok(see_other(&format!("/orientation/sessions/{id}")))
}

async fn enrol_me(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let mine = participants::of_user(&state.app, &signed_in.actor.user_id).await?;
    let participant = mine
        .first()
        .ok_or(app::Error::Conflict("no-participant-record"))?;
    sessions::enrol(
        &state.app,
        &signed_in.actor,
        &id,
        &participant.id,
        EnrolmentSource::Portal,
    )
    .await?;
    Ok(see_other("/orientation"))
}

fn parse_mark(pairs: &[(String, String)], method: CheckMethod) -> Result<AttendanceMark, AppError> {
    let day = form_value(pairs, "day")
        .parse::<i64>()
        .map_err(|_| app::Error::invalid("day", "error-session-day"))?;
    let direction = match form_value(pairs, "direction").as_str() {
        "out" => Direction::Out,
        _ => Direction::In,
    };
    let at = match form_value(pairs, "at").trim() {
        "" => app::time::now_millis(),
        text => app::orientation::parse_datetime_local(text)
            .ok_or_else(|| app::Error::invalid("at", "error-datetime"))?,
    };
    Ok(AttendanceMark {
        day,
        direction,
        at,
        method,
    })
}

/// Roll call: one button per participant and direction on the roster page.
async fn mark_attendance(
    State(state): State<AppState>,
    signed_in: SignedIn,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let enrolment_id = form_value(&pairs, "enrolment_id");
    let session_id = form_value(&pairs, "session_id");
    let mark = parse_mark(&pairs, CheckMethod::RollCall)?;
    sessions::record_attendance(&state.app, &signed_in.actor, &enrolment_id, mark).await?;
    Ok(see_other(&format!(
        "/orientation/sessions/{session_id}#e-{enrolment_id}"
    )))
}

/// A typed short code, or the confirmation on the page a scanned QR code opened.
async fn check_in_by_code(
    State(state): State<AppState>,
    signed_in: SignedIn,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let method =
        CheckMethod::parse(&form_value(&pairs, "method")).unwrap_or(CheckMethod::ShortCode);
    let mark = parse_mark(&pairs, method)?;
    let (enrolment, session, _) =
        sessions::find_by_code(&state.app, &signed_in.actor, &form_value(&pairs, "code")).await?;
    sessions::record_attendance(&state.app, &signed_in.actor, &enrolment.id, mark).await?;
    Ok(see_other(&format!(
        "/orientation/sessions/{}#e-{}",
        session.id, enrolment.id
    )))
}

#[derive(Template)]
#[template(path = "orientation/checkin.html")]
struct CheckInPage {
    page: PageContext,
    code: String,
    name: String,
    session: Session,
    today: i64,
    day_numbers: Vec<i64>,
}

/// The page a participant's QR code opens on the facilitator's phone. Reading it changes
/// nothing; the facilitator confirms with one button.
async fn check_in_page(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let (enrolment, session, participant) =
        sessions::find_by_code(&state.app, &signed_in.actor, &code).await?;
    render(&CheckInPage {
        page: PageContext::new(t, &state, &signed_in, "/orientation"),
        code: enrolment.checkin_code,
        name: participant.name,
        today: current_day(&session),
        day_numbers: (1..=session.day_count).collect(),
        session,
    })
}

#[derive(Template)]
#[template(path = "orientation/quiz.html")]
struct QuizPage {
    page: PageContext,
    enrolment_id: String,
    kind: &'static str,
    /// The session's language: the quiz is shown in it.
    language: String,
    questions: Vec<QuizQuestion>,
}

impl QuizPage {
    fn title_key(&self) -> String {
        format!("orientation-quiz-{}", self.kind)
    }

    fn text<'a>(&self, text: &'a Text) -> &'a str {
        pick(text, &self.language)
    }

    /// The language a text is shown in: the session's, or the one it falls back to.
    fn lang_of<'a>(&'a self, text: &'a Text) -> &'a str {
        app::orientation::picked_language(text, &self.language)
    }
}

fn parse_kind(kind: &str) -> Result<AssessmentKind, AppError> {
    AssessmentKind::parse(kind).ok_or_else(AppError::not_found)
}

async fn quiz(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path((id, kind)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let kind = parse_kind(&kind)?;
    let quiz = assessments::quiz(&state.app, &signed_in.actor, &id, kind).await?;
    render(&QuizPage {
        page: PageContext::new(t, &state, &signed_in, "/orientation"),
        enrolment_id: id,
        kind: kind.as_str(),
        language: quiz.language,
        questions: quiz.questions,
    })
}

async fn record_quiz(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((id, kind)): Path<(String, String)>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let kind = parse_kind(&kind)?;
    let answers: BTreeMap<String, usize> = pairs
        .iter()
        .filter_map(|(key, value)| Some((key.strip_prefix("q-")?.to_owned(), value.parse().ok()?)))
        .collect();
    assessments::record(&state.app, &signed_in.actor, &id, kind, &answers).await?;
    let satisfaction = form_value(&pairs, "satisfaction").parse::<i64>().ok();
    let usefulness = form_value(&pairs, "usefulness").parse::<i64>().ok();
    if let (Some(satisfaction), Some(usefulness)) = (satisfaction, usefulness) {
        assessments::record_feedback(&state.app, &signed_in.actor, &id, satisfaction, usefulness)
            .await?;
    }
    let enrolment = sessions::enrolment_session(&state.app, &signed_in.actor, &id).await?;
    match enrolment {
        Some(session_id) => Ok(see_other(&format!(
            "/orientation/sessions/{session_id}#e-{id}"
        ))),
        None => Ok(see_other("/orientation")),
    }
}

// ---------------------------------------------------------------------------------------------
// Certificates.

async fn issue_certificate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let certificate = certificates::issue(&state.app, &signed_in.actor, &id).await?;
    Ok(see_other(&format!(
        "/orientation/certificates/{}",
        certificate.id
    )))
}

#[derive(Template)]
#[template(path = "orientation/certificate.html")]
struct CertificatePage {
    page: PageContext,
    certificate: Certificate,
    qr: String,
    verify_url: String,
    can_revoke: bool,
    /// The certificate itself speaks the session's language (the page around it the reader's).
    certificate_t: Translator,
    /// A facilitator of the office may ask a supervisor to revoke it.
    can_request: bool,
    requests: Vec<certificates::RevocationRequest>,
    /// A pending request, which a supervisor decides.
    pending: Option<certificates::RevocationRequest>,
}

impl CertificatePage {
    /// The date of issue on the office's calendar, the zone named.
    fn issued(&self) -> String {
        let local =
            app::time::millis_to_local(self.certificate.issued_at, &self.certificate.time_zone);
        format!(
            "{} ({})",
            local.get(..10).unwrap_or_default(),
            self.certificate.time_zone
        )
    }

    fn attended(&self) -> String {
        hours(self.certificate.claims.minutes)
    }

    fn course_title(&self) -> &str {
        pick(&self.certificate.course_title, self.certificate_t.lang())
    }

    fn course_lang(&self) -> &str {
        app::orientation::picked_language(&self.certificate.course_title, self.certificate_t.lang())
    }

    fn number(&self) -> String {
        self.certificate
            .number
            .as_deref()
            .map(certificates::display_number)
            .unwrap_or_else(|| self.certificate.id.clone())
    }

    fn decision_key(&self, request: &certificates::RevocationRequest) -> &'static str {
        match request.decision {
            None => "orientation-revocation-pending",
            Some(certificates::RevocationDecision::Approved) => "orientation-revocation-approved",
            Some(certificates::RevocationDecision::Refused) => "orientation-revocation-refused",
        }
    }
}

async fn certificate(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let certificate = certificates::get(&state.app, &signed_in.actor, &id).await?;
    let verify_url = format!("{}/verify/{}", origin(&state), certificate.token);
    // The QR code carries the short number when there is one: a small code a phone reads
    // easily. The token stays printed below it for offline checks.
    let scan_url = match &certificate.number {
        Some(number) => format!(
            "{}/verify?number={}",
            origin(&state),
            certificates::display_number(number)
        ),
        None => verify_url.clone(),
    };
    let runs_office = policy::is_allowed(
        &signed_in.actor,
        Action::RunOrientation,
        Target::in_offices(std::slice::from_ref(&certificate.office_id)),
    );
    let requests = if runs_office {
        certificates::revocation_requests(&state.app, &signed_in.actor, &id).await?
    } else {
        Vec::new()
    };
    let pending = requests
        .iter()
        .find(|request| request.decision.is_none())
        .cloned();
    let can_revoke = policy::is_allowed(
        &signed_in.actor,
        Action::RevokeCertificates,
        Target::in_offices(std::slice::from_ref(&certificate.office_id)),
    );
    let certificate_t = crate::i18n::language(&certificate.language)
        .map(Translator::new)
        .unwrap_or_else(|| t.clone());
    render(&CertificatePage {
        certificate_t,
        can_request: runs_office
            && !can_revoke
            && pending.is_none()
            && certificate.revoked_at.is_none(),
        pending,
        requests,
        can_revoke,
        page: PageContext::new(t, &state, &signed_in, "/orientation"),
        qr: qr_svg(&scan_url)?,
        verify_url,
        certificate,
    })
}

async fn revoke_certificate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    certificates::revoke(
        &state.app,
        &signed_in.actor,
        &id,
        &form_value(&pairs, "reason"),
    )
    .await?;
    Ok(see_other(&format!("/orientation/certificates/{id}")))
}

async fn request_revocation(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    certificates::request_revocation(
        &state.app,
        &signed_in.actor,
        &id,
        &form_value(&pairs, "reason"),
    )
    .await?;
    Ok(see_other(&format!("/orientation/certificates/{id}")))
}

async fn decide_revocation(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let decision = certificates::RevocationDecision::parse(&form_value(&pairs, "decision"))
        .ok_or_else(|| app::Error::invalid("decision", "error-choose-option"))?;
    certificates::decide_revocation(&state.app, &signed_in.actor, &id, decision).await?;
    Ok(see_other(&format!(
        "/orientation/certificates/{}",
        form_value(&pairs, "certificate_id")
    )))
}

#[derive(Template)]
#[template(path = "orientation/verify.html")]
struct VerifyPage {
    page: PageContext,
    checked: bool,
    claims: Option<certificates::Claims>,
    problem_key: &'static str,
}

impl VerifyPage {
    fn issued(&self) -> String {
        self.claims
            .as_ref()
            .map(|c| app::orientation::civil_date(c.issued_at))
            .unwrap_or_default()
    }

    fn attended(&self) -> String {
        self.claims
            .as_ref()
            .map(|c| hours(c.minutes))
            .unwrap_or_default()
    }
}

/// What a visitor asked to check: a token, or a short certificate number.
enum Checked<'a> {
    Token(&'a str),
    Number(&'a str),
}

async fn verify_page(
    state: &AppState,
    t: Translator,
    checked: Option<Checked<'_>>,
) -> Result<Response, AppError> {
    let page = PageContext::public(t, state);
    let outcome = match checked {
        Some(Checked::Token(token)) if !token.trim().is_empty() => {
            Some(certificates::verify_online(&state.app, token).await?)
        }
        Some(Checked::Number(number)) if !number.trim().is_empty() => Some(
            certificates::verify_number(&state.app, number)
                .await?
                .unwrap_or(Verification::Rejected(
                    certificates::Rejection::UnknownNumber,
                )),
        ),
        _ => None,
    };
    let Some(outcome) = outcome else {
        return render(&VerifyPage {
            page,
            checked: false,
            claims: None,
            problem_key: "",
        });
    };
    let (claims, problem_key) = match outcome {
        Verification::Valid(claims) => (Some(claims), ""),
        Verification::Rejected(rejection) => (None, rejection.message_key()),
    };
    render(&VerifyPage {
        page,
        checked: true,
        claims,
        problem_key,
    })
}

async fn verify(
    State(state): State<AppState>,
    t: Translator,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    verify_page(&state, t, Some(Checked::Token(&token))).await
}

#[derive(Deserialize)]
struct VerifyQuery {
    token: Option<String>,
    number: Option<String>,
}

async fn verify_query(
    State(state): State<AppState>,
    t: Translator,
    Query(query): Query<VerifyQuery>,
) -> Result<Response, AppError> {
    let checked = match (query.number.as_deref(), query.token.as_deref()) {
        (Some(number), _) if !number.trim().is_empty() => Some(Checked::Number(number)),
        (_, token) => token.map(Checked::Token),
    };
    verify_page(&state, t, checked).await
}

/// Today's revocation list, signed with the key the trust bundle names.
async fn revocation_list(
    State(state): State<AppState>,
) -> Result<axum::Json<certificates::SignedRevocations>, AppError> {
    Ok(axum::Json(
        certificates::signed_revocations(&state.app).await?,
    ))
}

/// The trust bundle for offline verifiers: public keys and revoked certificate ids.
async fn trust_bundle(
    State(state): State<AppState>,
) -> Result<axum::Json<certificates::TrustBundle>, AppError> {
    Ok(axum::Json(certificates::trust_bundle(&state.app).await?))
}
