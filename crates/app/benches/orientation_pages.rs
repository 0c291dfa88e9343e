//! The operations behind two orientation pages, on SQLite and on PostgreSQL (when a server
//! answers at 127.0.0.1:5432): the roster of a session with 200 participants, and the
//! knowledge-gain report of a curriculum over 100,000 assessments (50,000 participants with a
//! pre and a post quiz). Run: `cargo bench -p app --bench orientation_pages` (`RUNS=` changes
//! the number of timed calls of each operation; `GAIN_PARTICIPANTS=` the report's size).
//!
//! The roster's session, participants and enrolments go through the application's own
//! operations; its attendance and quizzes, and the report's 50,000 enrolments, are seeded with
//! batched SQL (the same rows the operations write). Each backend gets a fresh database.
//! Every participant also gave feedback, which the report's satisfaction figure reads.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use app::App;
use app::crypto::FieldContext;
use app::offices::{self, OfficeForm};
use app::orientation::participants::{self, ParticipantForm};
use app::orientation::sessions::{self, EnrolmentSource, SessionForm};
use app::orientation::{assessments, curricula, seed};
use app::policy::{Actor, Role};
use app::testing::{TestApp, for_each_backend, test_settings};
use app::time::DAY;
use app::time::{MINUTE, new_id, now_millis};

const ROSTER_SIZE: usize = 200;
const SEXES: [&str; 3] = ["female", "male", "female"];
const AGE_GROUPS: [&str; 4] = ["18-24", "25-34", "35-49", "50+"];
const NATIONALITIES: [&str; 5] = ["PH", "ID", "NP", "LK", "BD"];
const CATEGORIES: [&str; 3] = ["labour", "domestic_worker", "family"];

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn datetime_local(millis: i64) -> String {
    let date = app::orientation::civil_date(millis);
    let minute_of_day = millis.rem_euclid(DAY) / MINUTE;
    format!("{date}T{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

fn percentile(sorted: &[Duration], share: f64) -> Duration {
    let index = ((sorted.len() as f64 * share).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index]
}

async fn schedule(app: &App, actor: &Actor, curriculum_id: &str, office_id: &str) -> String {
    let start = (now_millis() / MINUTE) * MINUTE + DAY;
    let form = SessionForm {
        curriculum_id: curriculum_id.into(),
        office_id: office_id.into(),
        format: "in_person".into(),
        place: "Orientation centre".into(),
        starts_at: datetime_local(start),
        day_count: "2".into(),
        capacity: ROSTER_SIZE.to_string(),
        language: "en".into(),
        facilitators: "R. Cruz".into(),
        interpreter: String::new(),
        support: vec![],
    };
    sessions::schedule(app, actor, &form).await.unwrap().id
}

/// Runs one multi-row INSERT per `chunk` of rows; `rows` are already SQL literals.
async fn insert_rows(app: &App, head: &str, rows: &[String]) {
    let mut tx = app.db.begin().await.unwrap();
    for chunk in rows.chunks(500) {
        let sql = format!("{head} VALUES {}", chunk.join(", "));
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Attendance for both days and pre/post quizzes with per-module scores for `enrolments`.
async fn seed_results(
    app: &App,
    curriculum_id: &str,
    module_keys: &[String],
    enrolments: &[String],
    starts_at: i64,
) {
    let now = now_millis();
    let mut attendance = Vec::new();
    let mut quizzes = Vec::new();
    let mut scores = Vec::new();
    let mut feedback = Vec::new();
    for (index, enrolment) in enrolments.iter().enumerate() {
        feedback.push(format!(
            "('{enrolment}', {}, {}, {now})",
            1 + index % 5,
            1 + index % 4
        ));
        for day in 1..=2i64 {
            let checked_in = starts_at + (day - 1) * DAY;
            attendance.push(format!(
                "('{enrolment}', {day}, {checked_in}, {}, 'roll_call', {now})",
                checked_in + 180 * MINUTE
            ));
        }
        let pre = (index % 3) as i64;
        for (kind, correct) in [("pre", pre), ("post", 3)] {
            let total = 3 * module_keys.len() as i64;
            quizzes.push(format!(
                "('{}', '{enrolment}', '{kind}', {}, {total}, 1, {now})",
                new_id(),
                correct * module_keys.len() as i64
            ));
        }
        for key in module_keys {
            scores.push(format!(
                "('{enrolment}', '{curriculum_id}', '{key}', {pre}, 3, 3, 3)"
            ));
        }
    }
    insert_rows(
        app,
        "INSERT INTO orientation_attendance (enrolment_id, day, checked_in_at, checked_out_at, method, recorded_at)",
        &attendance,
    )
    .await;
    insert_rows(
        app,
        "INSERT INTO orientation_assessments (id, enrolment_id, kind, correct, total, on_behalf, taken_at)",
        &quizzes,
    )
    .await;
    insert_rows(
        app,
        "INSERT INTO orientation_module_scores (enrolment_id, curriculum_id, module_key, pre_correct, pre_total, \
         post_correct, post_total)",
        &scores,
    )
    .await;
    insert_rows(
        app,
        "INSERT INTO orientation_feedback (enrolment_id, satisfaction, usefulness, given_at)",
        &feedback,
    )
    .await;
}

/// `count` participants spread over `sessions`, enrolled, with attendance and both quizzes.
async fn seed_report(
    app: &App,
    office_id: &str,
    curriculum_id: &str,
    module_keys: &[String],
    sessions: &[(String, i64)],
    count: usize,
) {
    let now = now_millis();
    let mut people = Vec::new();
    let mut enrolment_rows = Vec::new();
    let mut enrolments_by_session: Vec<Vec<String>> = vec![Vec::new(); sessions.len()];
    for index in 0..count {
        let participant = new_id();
        let sealed = app
            .keyring
            .seal_text(
                FieldContext {
                    table: "participants",
                    column: "name_sealed",
                    row_id: &participant,
                },
                &format!("Participant {index}"),
            )
            .unwrap();
        people.push((participant.clone(), sealed, index));
        let enrolment = new_id();
        let session = index % sessions.len();
        enrolment_rows.push(format!(
            "('{enrolment}', '{}', '{participant}', 'enrolled', 'facilitator', 'R{index:09}', 1, {now})",
            sessions[session].0
        ));
        enrolments_by_session[session].push(enrolment);
    }
    let mut tx = app.db.begin().await.unwrap();
    for chunk in people.chunks(500) {
        let values: Vec<String> = (0..chunk.len())
            .map(|row| {
                let base = row * 7;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${}, 'labour', {now})",
                    base + 1,
                    base + 2,
                    base + 3,
                    base + 4,
                    base + 5,
                    base + 6,
                    base + 7
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO participants (id, office_id, name_sealed, sex, birth_year, age_group, nationality, \
             migration_category, created_at) VALUES {}",
            values.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, sealed, index) in chunk {
            query = query
                .bind(id.clone())
                .bind(office_id.to_owned())
                .bind(sealed.clone())
                .bind(SEXES[index % SEXES.len()])
                .bind(1970 + (*index % 35) as i64)
                .bind(AGE_GROUPS[index % AGE_GROUPS.len()])
                .bind(NATIONALITIES[index % NATIONALITIES.len()]);
        }
        query.execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    // Some of the participants fall in other categories.
    sqlx::query(
        "UPDATE participants SET migration_category = 'domestic_worker' WHERE birth_year % 3 = 1",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let _ = CATEGORIES;
    insert_rows(
        app,
        "INSERT INTO orientation_enrolments (id, session_id, participant_id, status, source, checkin_code, on_roster, \
         enrolled_at)",
        &enrolment_rows,
    )
    .await;
    for ((_, starts_at), enrolments) in sessions.iter().zip(&enrolments_by_session) {
        seed_results(app, curriculum_id, module_keys, enrolments, *starts_at).await;
    }
}

async fn time_calls<F, Fut>(runs: usize, mut call: F) -> (Duration, Duration)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    call().await; // warm the pool and the caches once
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        call().await;
        times.push(started.elapsed());
    }
    times.sort();
    (percentile(&times, 0.50), percentile(&times, 0.95))
}

async fn run(t: &TestApp) {
    let app = &t.app;
    let runs = env_number("RUNS", 50);
    let gain_participants = env_number("GAIN_PARTICIPANTS", 50_000);
    seed::import_shipped(app, &Actor::console()).await.unwrap();
    let office_id = offices::create(
        app,
        &Actor::console(),
        &OfficeForm {
            code: "PH-MNL".into(),
            name: "Manila".into(),
            country: "PH".into(),
            kind: "field_office".into(),
            ..OfficeForm::default()
        },
    )
    .await
    .unwrap()
    .id;
    let facilitator = Actor {
        user_id: "facilitator".into(),
        roles: vec![Role::Facilitator],
        offices: vec![office_id.clone()],
    };
    let analyst = Actor {
        user_id: "analyst".into(),
        roles: vec![Role::Analyst],
        offices: vec![],
    };
    let curriculum = curricula::find_by_code(&app.db, "ciop-pdo-ph-gcc")
        .await
        .unwrap()
        .unwrap();
    let detail = curricula::get(&app.db, &facilitator, &curriculum.id)
        .await
        .unwrap();
    let module_keys: Vec<String> = detail.modules.iter().map(|m| m.key.clone()).collect();

    // The roster: 200 participants through the application's operations.
    let seeding = Instant::now();
    let roster_session = schedule(app, &facilitator, &curriculum.id, &office_id).await;
    let mut roster_enrolments = Vec::new();
    for index in 0..ROSTER_SIZE {
        let form = ParticipantForm {
            office_id: office_id.clone(),
            name: format!("Participant {index}"),
            sex: SEXES[index % SEXES.len()].into(),
            birth_year: (1970 + index % 35).to_string(),
            nationality: "PH".into(),
            migration_category: "labour".into(),
            user_id: None,
        };
        let participant = participants::create(app, &facilitator, &form)
            .await
            .unwrap();
        let enrolment = sessions::enrol(
            app,
            &facilitator,
            &roster_session,
            &participant.id,
            EnrolmentSource::Facilitator,
        )
        .await
        .unwrap();
        roster_enrolments.push(enrolment.id);
    }
    let roster_start = sessions::get(&app.db, &facilitator, &roster_session)
        .await
        .unwrap()
        .starts_at;
    seed_results(
        app,
        &curriculum.id,
        &module_keys,
        &roster_enrolments,
        roster_start,
    )
    .await;

    // The report: 250 sessions of 200 (by default), seeded in batches.
    let session_count = gain_participants.div_ceil(ROSTER_SIZE);
    let mut report_sessions = Vec::new();
    for _ in 0..session_count {
        let id = schedule(app, &facilitator, &curriculum.id, &office_id).await;
        let starts_at = sessions::get(&app.db, &facilitator, &id)
            .await
            .unwrap()
            .starts_at;
        report_sessions.push((id, starts_at));
    }
    seed_report(
        app,
        &office_id,
        &curriculum.id,
        &module_keys,
        &report_sessions,
        gain_participants,
    )
    .await;
    // The batched rows bypassed `assessments::record`, which keeps the report's totals.
    assessments::rebuild_gain_totals(&app.db).await.unwrap();
    // PostgreSQL's autovacuum keeps planner statistics for tables that grow through the
    // application; a bulk load timed seconds later has none yet, and without them the planner
    // reads the roster's attendance by scanning all 100,400 rows. SQLite keeps no statistics
    // unless told to and the application never runs ANALYZE, so it is left as it is.
    if t.app.db.backend == app::db::Backend::Postgres {
        sqlx::query("ANALYZE").execute(&app.db.pool).await.unwrap();
    }
    let assessments_count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orientation_assessments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    println!(
        "{}: seeded {assessments_count} assessments in {:.1} s",
        t.backend_name(),
        seeding.elapsed().as_secs_f64()
    );

    let (p50, p95) = time_calls(runs, || async {
        let roster = sessions::roster(app, &facilitator, &roster_session)
            .await
            .unwrap();
        assert_eq!(roster.lines.len(), ROSTER_SIZE);
    })
    .await;
    println!(
        "{}: roster of {ROSTER_SIZE}: p50 {:.1} ms, p95 {:.1} ms ({runs} runs)",
        t.backend_name(),
        p50.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0
    );
    let (p50, p95) = time_calls(runs, || async {
        let report = assessments::knowledge_gain(&app.db, &analyst, &curriculum.id)
            .await
            .unwrap();
        assert!(report.participants.unwrap_or(0) >= gain_participants as i64);
    })
    .await;
    println!(
        "{}: knowledge gain over {assessments_count} assessments: p50 {:.1} ms, p95 {:.1} ms ({runs} runs)",
        t.backend_name(),
        p50.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0
    );
}

#[tokio::main]
async fn main() {
    for_each_backend(test_settings(), |t| async move {
        run(&t).await;
        t
    })
    .await;
}
