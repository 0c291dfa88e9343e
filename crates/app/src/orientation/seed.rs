//! The curricula shipped in `content/orientation/` (compiled in, so the binary carries them)
//! and the orientation part of the demonstration data.

use std::collections::BTreeMap;

use crate::App;
use crate::error::Result;
use crate::orientation::assessments::{self, AssessmentKind};
use crate::orientation::civil_date;
use crate::orientation::content::CurriculumDocument;
use crate::orientation::curricula::{self, ImportOutcome};
use crate::orientation::participants::{self, ParticipantForm};
use crate::orientation::sessions::{self, EnrolmentSource, SessionForm};
use crate::policy::Actor;
use crate::time::DAY;
use crate::time::now_millis;

/// The shipped curricula, parents before their localisations.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "coa-pdo-canada-adult.json",
        include_str!("../../../../content/orientation/coa-pdo-canada-adult.json"),
    ),
    (
        "coa-pdo-canada-youth.json",
        include_str!("../../../../content/orientation/coa-pdo-canada-youth.json"),
    ),
    (
        "ciop-pdo-ph-gcc.json",
        include_str!("../../../../content/orientation/ciop-pdo-ph-gcc.json"),
    ),
    (
        "ciop-pdo-ph-kw.json",
        include_str!("../../../../content/orientation/ciop-pdo-ph-kw.json"),
    ),
    (
        "fap-de-family-reunification.json",
        include_str!("../../../../content/orientation/fap-de-family-reunification.json"),
    ),
    (
        "tawjeeh-ae-pao.json",
        include_str!("../../../../content/orientation/tawjeeh-ae-pao.json"),
    ),
];

/// Imports every shipped curriculum (newer content versions replace older ones).
pub async fn import_shipped(app: &App, actor: &Actor) -> Result<Vec<ImportOutcome>> {
    let mut outcomes = Vec::with_capacity(SHIPPED.len());
    for (_, text) in SHIPPED {
        let document = CurriculumDocument::from_json(text)?;
        outcomes.push(curricula::import(app, actor, &document).await?);
    }
    Ok(outcomes)
}

const DEMO_PARTICIPANTS: &[(&str, &str, &str, &str)] = &[
    ("Amina Haddad", "female", "1990", "SY"),
    ("Yonas Tesfaye", "male", "1985", "ER"),
    ("Hawa Abdi", "female", "2001", "SO"),
    ("Karim Nasser", "male", "1978", "SY"),
];

/// Participants of the demo's past sessions.
const PAST_PARTICIPANTS: &[(&str, &str, &str, &str)] = &[
    ("Leyla Omar", "female", "1993", "SY"),
    ("Samir Aziz", "male", "1988", "IQ"),
    ("Nour Khalil", "female", "1996", "SY"),
];

/// Curricula; an upcoming family-reunification session in the demo field office with the demo
/// migrant and a few others enrolled, and a second one later; and two past sessions (see
/// [`seed_demo_history`]).
pub async fn seed_demo(app: &App) -> Result<()> {
    let console = Actor::console();
    import_shipped(app, &console).await?;
    let Some(office) = crate::offices::find_by_code(&app.db, "TR-IST").await? else {
        return Ok(());
    };
    let Some(curriculum) = curricula::find_by_code(&app.db, "fap-de-family-reunification").await?
    else {
        return Ok(());
    };
    let migrant: Option<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE username = 'migrant'")
            .fetch_optional(&app.db.pool)
            .await?;
    let starts = civil_date(now_millis() + 7 * DAY);
    let session = sessions::schedule(
        app,
        &console,
        &SessionForm {
            curriculum_id: curriculum.id,
            office_id: office.id.clone(),
            format: "in_person".into(),
            place: "Istanbul family assistance office, room 2".into(),
            starts_at: format!("{starts}T10:00"),
            day_count: "1".into(),
            capacity: "25".into(),
            language: "ar".into(),
            facilitators: "Demo facilitator".into(),
            interpreter: "Tigrinya interpreter on call".into(),
            support: vec!["interpretation".into(), "childminding".into()],
        },
    )
    .await?;
    for (index, (name, sex, birth_year, nationality)) in DEMO_PARTICIPANTS.iter().enumerate() {
        let participant = participants::create(
            app,
            &console,
            &ParticipantForm {
                office_id: office.id.clone(),
                name: (*name).into(),
                sex: (*sex).into(),
                birth_year: (*birth_year).into(),
                nationality: (*nationality).into(),
                migration_category: "family".into(),
                user_id: if index == 0 { migrant.clone() } else { None },
            },
        )
        .await?;
        sessions::enrol(
            app,
            &console,
            &session.id,
            &participant.id,
            EnrolmentSource::Facilitator,
        )
        .await?;
    }
    let form = DemoSession {
        curriculum_id: &session.curriculum_id,
        office_id: &office.id,
    };
    form.schedule(app, 3).await?;
    seed_demo_history(app, &form).await
}

/// Where the demo's further sessions take place.
struct DemoSession<'a> {
    curriculum_id: &'a str,
    office_id: &'a str,
}

impl DemoSession<'_> {
    /// A one-day Arabic session `days` from today at 10:00 on the office's clock.
    async fn schedule(&self, app: &App, days: i64) -> Result<sessions::Session> {
        let starts = civil_date(now_millis() + days * DAY);
        sessions::schedule(
            app,
            &Actor::console(),
            &SessionForm {
                curriculum_id: self.curriculum_id.into(),
                office_id: self.office_id.into(),
                format: "in_person".into(),
                place: "Istanbul family assistance office, room 1".into(),
                starts_at: format!("{starts}T10:00"),
                day_count: "1".into(),
                capacity: "20".into(),
                language: "ar".into(),
                facilitators: "Demo facilitator".into(),
                interpreter: String::new(),
                support: vec!["interpretation".into()],
            },
        )
        .await
    }
}

/// The demo's past: a session held four weeks ago and run to the end (paper sheets typed,
/// quizzes taken, attendance submitted, certificates issued), and one held two days ago whose
/// paper attendance sheet is still to be typed, so that a facilitator can show back-filling and
/// issuing a certificate. Each is scheduled tomorrow, filled, then moved back in time, as if
/// the days had passed.
async fn seed_demo_history(app: &App, form: &DemoSession<'_>) -> Result<()> {
    let console = Actor::console();
    let held = form.schedule(app, 1).await?;
    let held_enrolments = enrol_past_participants(app, form, &held).await?;
    sessions::submit_roster(app, &console, &held.id, held.version).await?;
    move_back(app, &held.id, 29).await?;
    for (enrolment_id, checked_out) in held_enrolments.iter().zip(["13:05", "13:00", "11:30"]) {
        take_quizzes(app, enrolment_id).await?;
        let line = sessions::SheetLine {
            day: 1,
            checked_in: "09:55".into(),
            checked_out: checked_out.into(),
        };
        sessions::backfill_attendance(app, &console, enrolment_id, &line).await?;
    }
    let held = sessions::get(&app.db, &console, &held.id).await?;
    sessions::submit_attendance(app, &console, &held.id, held.version).await?;
    for enrolment_id in held_enrolments.iter().take(2) {
        crate::orientation::certificates::issue(app, &console, enrolment_id).await?;
    }

    let to_type = form.schedule(app, 1).await?;
    for enrolment_id in enrol_past_participants(app, form, &to_type).await? {
        take_quizzes(app, &enrolment_id).await?;
    }
    move_back(app, &to_type.id, 3).await
}

async fn enrol_past_participants(
    app: &App,
    form: &DemoSession<'_>,
    session: &sessions::Session,
) -> Result<Vec<String>> {
    let console = Actor::console();
    let mut enrolments = Vec::with_capacity(PAST_PARTICIPANTS.len());
    for (name, sex, birth_year, nationality) in PAST_PARTICIPANTS {
        let participant = participants::create(
            app,
            &console,
            &ParticipantForm {
                office_id: form.office_id.into(),
                name: (*name).into(),
                sex: (*sex).into(),
                birth_year: (*birth_year).into(),
                nationality: (*nationality).into(),
                migration_category: "family".into(),
                user_id: None,
            },
        )
        .await?;
        let enrolment = sessions::enrol(
            app,
            &console,
            &session.id,
            &participant.id,
            EnrolmentSource::Facilitator,
        )
        .await?;
        enrolments.push(enrolment.id);
    }
    Ok(enrolments)
}

/// The quiz before (half right) and after (all right) the session, on the participant's behalf.
async fn take_quizzes(app: &App, enrolment_id: &str) -> Result<()> {
    let console = Actor::console();
    for kind in [AssessmentKind::Pre, AssessmentKind::Post] {
        let quiz = assessments::quiz(app, &console, enrolment_id, kind).await?;
        let answers: BTreeMap<String, usize> = quiz
            .questions
            .iter()
            .enumerate()
            .map(|(index, question)| {
                let right = kind == AssessmentKind::Post || index % 2 == 0;
                let answer = question.item.answer;
                let wrong = (answer + 1) % question.item.options.len().max(1);
                (
                    question.item.key.clone(),
                    if right { answer } else { wrong },
                )
            })
            .collect();
        assessments::record(app, &console, enrolment_id, kind, &answers).await?;
    }
    Ok(())
}

/// Moves a session `days` days back, as if they had passed (demo data only).
async fn move_back(app: &App, session_id: &str, days: i64) -> Result<()> {
    sqlx::query(
        "UPDATE orientation_sessions SET starts_at = starts_at - $1, version = version + 1 WHERE id = $2",
    )
    .bind(days * DAY)
    .bind(session_id)
    .execute(&app.db.pool)
    .await?;
    Ok(())
}
