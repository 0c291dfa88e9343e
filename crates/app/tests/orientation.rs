//! Orientation programmes end to end, on SQLite and on PostgreSQL when a server is available:
//! localise the regional PDO curriculum, schedule, roster, attendance by QR over two days,
//! quizzes, a certificate that verifies offline and fails after revocation, and the
//! knowledge-gain report with small cells suppressed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use app::audit;
use app::error::Error;
use app::offices::{self, OfficeForm};
use app::orientation::assessments::{self, AssessmentKind};
use app::orientation::certificates::{self, Rejection, Verification};
use app::orientation::content::CurriculumDocument;
use app::orientation::curricula::{self, LocaliseForm, ModuleOverride};
use app::orientation::participants::{self, ParticipantForm};
use app::orientation::sessions::{
    self, AttendanceMark, CheckMethod, Direction, EnrolmentSource, EnrolmentStatus, SessionForm,
};
use app::orientation::{Stage, seed};
use app::policy::{Actor, Role};
use app::testing::{TestApp, for_each_backend, test_settings};
use app::time::DAY;
use app::time::{HOUR, MINUTE, now_millis};

fn actor(user_id: &str, role: Role, office: &str) -> Actor {
    Actor {
        user_id: user_id.into(),
        roles: vec![role],
        offices: vec![office.into()],
    }
}

async fn office(t: &TestApp, code: &str, country: &str) -> String {
    let form = OfficeForm {
        code: code.into(),
        name: format!("Office {code}"),
        country: country.into(),
        kind: "field_office".into(),
        ..OfficeForm::default()
    };
    offices::create(&t.app, &Actor::console(), &form)
        .await
        .unwrap()
        .id
}

async fn user(t: &TestApp, username: &str, role: &str, offices: Vec<String>) -> String {
    let new_user = app::accounts::NewUser {
        username: username.into(),
        display_name: username.into(),
        password: "a long enough password".into(),
        locale: "en".into(),
        roles: vec![role.into()],
        offices,
    };
    app::accounts::create(&t.app, &Actor::console(), &new_user)
        .await
        .unwrap()
        .id
}

fn datetime_local(millis: i64) -> String {
    let date = app::orientation::civil_date(millis);
    let minute_of_day = millis.rem_euclid(DAY) / MINUTE;
    format!("{date}T{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

fn conflict(error: Error) -> &'static str {
    match error {
        Error::Conflict(reason) => reason,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// Answers every item: right when `right`, else a wrong option.
fn answers(questions: &[assessments::QuizQuestion], right: bool) -> BTreeMap<String, usize> {
    questions
        .iter()
        .map(|q| {
            let wrong = (q.item.answer + 1) % q.item.options.len();
            (
                q.item.key.clone(),
                if right { q.item.answer } else { wrong },
            )
        })
        .collect()
}

#[tokio::test]
async fn a_facilitator_runs_a_localised_pdo_from_roster_to_a_revocable_certificate() {
    for_each_backend(test_settings(), |t| async move {
        let app = &t.app;
        seed::import_shipped(app, &Actor::console()).await.unwrap();
        let manila = office(&t, "PH-MNL", "PH").await;
        let facilitator_id = user(&t, "facilitator", "facilitator", vec![manila.clone()]).await;
        let supervisor_id = user(&t, "supervisor", "supervisor", vec![manila.clone()]).await;
        let migrant_id = user(&t, "migrant", "migrant", vec![]).await;
        let facilitator = actor(&facilitator_id, Role::Facilitator, &manila);
        let supervisor = actor(&supervisor_id, Role::Supervisor, &manila);
        let analyst = actor("analyst", Role::Analyst, "elsewhere");
        let migrant = Actor {
            user_id: migrant_id.clone(),
            roles: vec![Role::Migrant],
            offices: vec![],
        };

        // Localise the regional guide for the United Arab Emirates and override one module.
        let regional = curricula::find_by_code(&app.db, "ciop-pdo-ph-gcc")
            .await
            .unwrap()
            .unwrap();
        let form = LocaliseForm {
            code: "ciop-pdo-ph-ae".into(),
            destination: "ae".into(),
            title_en: "Pre-departure orientation: Philippines to the UAE".into(),
            title_local: "التوجيه قبل السفر: من الفلبين إلى الإمارات".into(),
            local_language: "ar".into(),
        };
        let local = curricula::localise(app, &facilitator, &regional.id, &form)
            .await
            .unwrap();
        assert_eq!(local.destination.as_deref(), Some("AE"));
        assert_eq!(local.stage, Stage::Pdo);
        let change = ModuleOverride {
            module_key: "country-profile".into(),
            language: "en".into(),
            title: "The United Arab Emirates".into(),
            minutes: "45".into(),
            content: "## The UAE\n\nThe weekly rest day is usually **Sunday**. <script>x</script>"
                .into(),
            facilitator_notes: String::new(),
        };
        curricula::override_module(app, &facilitator, &local.id, &change)
            .await
            .unwrap();
        let detail = curricula::get(&app.db, &facilitator, &local.id)
            .await
            .unwrap();
        assert_eq!(detail.modules.len(), 7);
        assert_eq!(detail.required_minutes(), 360);
        let profile = detail
            .modules
            .iter()
            .find(|m| m.key == "country-profile")
            .unwrap();
        assert!(!profile.inherited);
        assert_eq!(profile.title["en"], "The United Arab Emirates");
        assert_eq!(
            profile.title["ar"], "لمحة عن بلد المقصد",
            "other languages stay inherited"
        );
        assert!(
            detail
                .modules
                .iter()
                .filter(|m| m.key != "country-profile")
                .all(|m| m.inherited)
        );
        let exported = curricula::export(&app.db, &facilitator, &local.id)
            .await
            .unwrap();
        assert_eq!(exported.localises.as_deref(), Some("ciop-pdo-ph-gcc"));
        assert_eq!(
            exported.modules.len(),
            1,
            "a localisation exports only what it overrides"
        );
        let html = app::orientation::markdown::render_safe(&profile.content["en"]);
        assert!(html.contains("<strong>Sunday</strong>") && !html.contains("<script>"));
        // A facilitator may localise but not edit the regional guide itself.
        assert!(matches!(
            curricula::override_module(app, &facilitator, &regional.id, &change).await,
            Err(Error::Forbidden)
        ));

        // Schedule a two-day session starting tomorrow; seven places, eight people.
        let start = (now_millis() / MINUTE) * MINUTE + DAY;
        let session = sessions::schedule(
            app,
            &facilitator,
            &SessionForm {
                curriculum_id: local.id.clone(),
                office_id: manila.clone(),
                format: "in_person".into(),
                place: "Manila orientation centre".into(),
                starts_at: datetime_local(start),
                day_count: "2".into(),
                capacity: "7".into(),
                language: "en".into(),
                facilitators: "R. Cruz".into(),
                interpreter: String::new(),
                support: vec!["childminding".into()],
            },
        )
        .await
        .unwrap();
        let mut enrolments = Vec::new();
        let sexes = [
            "female", "female", "female", "female", "female", "male", "male", "female",
        ];
        for (index, sex) in sexes.iter().enumerate() {
            let participant = participants::create(
                app,
                &facilitator,
                &ParticipantForm {
                    office_id: manila.clone(),
                    name: format!("Participant {index}"),
                    sex: (*sex).into(),
                    birth_year: "1995".into(),
                    nationality: "PH".into(),
                    migration_category: "labour".into(),
                    user_id: (index == 0).then(|| migrant_id.clone()),
                },
            )
            .await
            .unwrap();
            let source = if index == 0 {
                EnrolmentSource::Portal
            } else {
                EnrolmentSource::Facilitator
            };
            let by = if index == 0 { &migrant } else { &facilitator };
            enrolments.push(
                sessions::enrol(app, by, &session.id, &participant.id, source)
                    .await
                    .unwrap(),
            );
        }
        assert_eq!(enrolments[6].status, EnrolmentStatus::Enrolled);
        assert_eq!(enrolments[7].status, EnrolmentStatus::Waitlisted);
        // One withdraws; the first on the waitlist moves up.
        let promoted = sessions::withdraw(app, &facilitator, &enrolments[6].id)
            .await
            .unwrap();
        assert_eq!(promoted.as_deref(), Some(enrolments[7].id.as_str()));

        // Attendance before the roster is refused; the roster goes in before the start.
        let mark = |day: i64, direction, at| AttendanceMark {
            day,
            direction,
            at,
            method: CheckMethod::QrScan,
        };
        assert_eq!(
            conflict(
                sessions::record_attendance(
                    app,
                    &facilitator,
                    &enrolments[0].id,
                    mark(1, Direction::In, start)
                )
                .await
                .unwrap_err()
            ),
            "roster-not-submitted"
        );
        let on_roster = sessions::submit_roster(app, &facilitator, &session.id, session.version)
            .await
            .unwrap();
        assert_eq!(on_roster, 7);
        // Check-in before the day's doors open is refused by the business rule.
        assert_eq!(
            conflict(
                sessions::record_attendance(
                    app,
                    &facilitator,
                    &enrolments[0].id,
                    mark(1, Direction::In, start)
                )
                .await
                .unwrap_err()
            ),
            "attendance-too-early"
        );

        // Three days pass: the session took place the day before yesterday and yesterday.
        sqlx::query("UPDATE orientation_sessions SET starts_at = starts_at - $1 WHERE id = $2")
            .bind(3 * DAY)
            .bind(&session.id)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let session = sessions::get(&app.db, &facilitator, &session.id)
            .await
            .unwrap();
        assert_eq!(
            conflict(
                sessions::submit_roster(app, &facilitator, &session.id, session.version)
                    .await
                    .unwrap_err()
            ),
            "roster-after-start"
        );
        // Attendance by QR code: everyone on the roster, two days of four hours, except one
        // who only came on day one.
        let present: Vec<&sessions::Enrolment> = enrolments
            .iter()
            .filter(|e| e.id != enrolments[6].id)
            .collect();
        for (index, enrolment) in present.iter().enumerate() {
            let (found, _, _) =
                sessions::find_by_code(app, &facilitator, &enrolment.checkin_code.to_lowercase())
                    .await
                    .unwrap();
            assert_eq!(found.id, enrolment.id);
            let days = if index == 1 { 1 } else { 2 };
            for day in 1..=days {
                let day_start = session.day_start(day);
                sessions::record_attendance(
                    app,
                    &facilitator,
                    &found.id,
                    mark(day, Direction::In, day_start + 5 * MINUTE),
                )
                .await
                .unwrap();
                sessions::record_attendance(
                    app,
                    &facilitator,
                    &found.id,
                    mark(day, Direction::Out, day_start + 4 * HOUR + 5 * MINUTE),
                )
                .await
                .unwrap();
            }
        }
        assert_eq!(
            conflict(
                sessions::record_attendance(
                    app,
                    &facilitator,
                    &present[0].id,
                    mark(1, Direction::In, session.day_start(1))
                )
                .await
                .unwrap_err()
            ),
            "already-checked-in"
        );
        // The withdrawn participant is not on the roster.
        assert_eq!(
            conflict(
                sessions::record_attendance(
                    app,
                    &facilitator,
                    &enrolments[6].id,
                    mark(1, Direction::In, session.day_start(1))
                )
                .await
                .unwrap_err()
            ),
            "not-on-roster"
        );
        // A facilitator of another office cannot see or touch the session.
        let other = actor("other", Role::Facilitator, "another-office");
        assert!(matches!(
            sessions::roster(app, &other, &session.id).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            sessions::roster(app, &migrant, &session.id).await,
            Err(Error::NotFound)
        ));

        // Pre and post quizzes, entered by the facilitator (and one by the participant).
        for enrolment in &present {
            let by = if enrolment.id == enrolments[0].id {
                &migrant
            } else {
                &facilitator
            };
            let pre = assessments::quiz(app, by, &enrolment.id, AssessmentKind::Pre)
                .await
                .unwrap()
                .questions;
            let post = assessments::quiz(app, by, &enrolment.id, AssessmentKind::Post)
                .await
                .unwrap()
                .questions;
            assert_eq!(pre.len(), post.len());
            assessments::record(
                app,
                by,
                &enrolment.id,
                AssessmentKind::Pre,
                &answers(&pre, false),
            )
            .await
            .unwrap();
            let scored = assessments::record(
                app,
                by,
                &enrolment.id,
                AssessmentKind::Post,
                &answers(&post, true),
            )
            .await
            .unwrap();
            assert_eq!(scored.correct, scored.total);
            assessments::record_feedback(app, by, &enrolment.id, 4, 5)
                .await
                .unwrap();
        }
        assert_eq!(
            conflict(
                assessments::record(
                    app,
                    &facilitator,
                    &present[0].id,
                    AssessmentKind::Post,
                    &BTreeMap::new()
                )
                .await
                .unwrap_err()
            ),
            "assessment-taken"
        );

        let roster = sessions::roster(app, &facilitator, &session.id)
            .await
            .unwrap();
        assert_eq!(roster.lines.len(), 8);
        let full = roster
            .lines
            .iter()
            .find(|l| l.enrolment.id == present[0].id)
            .unwrap();
        assert_eq!(full.attended_minutes, 480);
        assert_eq!(full.participant.name, "Participant 0");
        let partial = roster
            .lines
            .iter()
            .find(|l| l.enrolment.id == present[1].id)
            .unwrap();
        assert_eq!(partial.attended_minutes, 240);
        assert_eq!(partial.percent_of(roster.curriculum.required_minutes()), 66);

        // Certificates wait for the attendance record.
        assert_eq!(
            conflict(
                certificates::issue(app, &facilitator, &present[0].id)
                    .await
                    .unwrap_err()
            ),
            "attendance-not-submitted"
        );
        sessions::submit_attendance(app, &facilitator, &session.id, session.version)
            .await
            .unwrap();
        assert_eq!(
            conflict(
                sessions::record_attendance(
                    app,
                    &facilitator,
                    &present[2].id,
                    mark(1, Direction::In, session.day_start(1))
                )
                .await
                .unwrap_err()
            ),
            "attendance-submitted"
        );
        assert_eq!(
            conflict(
                certificates::issue(app, &facilitator, &present[1].id)
                    .await
                    .unwrap_err()
            ),
            "hours-not-met"
        );
        assert!(matches!(
            certificates::issue(app, &migrant, &present[0].id).await,
            Err(Error::Forbidden)
        ));
        let certificate = certificates::issue(app, &facilitator, &present[0].id)
            .await
            .unwrap();
        assert_eq!(certificate.claims.name, "Participant 0");
        assert_eq!(certificate.claims.minutes, 480);
        assert_eq!(
            conflict(
                certificates::issue(app, &facilitator, &present[0].id)
                    .await
                    .unwrap_err()
            ),
            "certificate-exists"
        );

        // The participant sees it; it verifies offline with the published keys and online.
        let mine = sessions::my_sessions(app, &migrant).await.unwrap();
        assert_eq!(
            mine[0].certificate_id.as_deref(),
            Some(certificate.id.as_str())
        );
        certificates::get(app, &migrant, &certificate.id)
            .await
            .unwrap();
        let bundle = certificates::trust_bundle(app).await.unwrap();
        let bundle_json = serde_json::to_string(&bundle).unwrap();
        let offline: certificates::TrustBundle = serde_json::from_str(&bundle_json).unwrap();
        assert_eq!(
            certificates::verify_token(&certificate.token, &offline)
                .unwrap()
                .id,
            certificate.id
        );
        assert_eq!(
            certificates::verify_online(app, &certificate.token)
                .await
                .unwrap(),
            Verification::Valid(certificate.claims.clone())
        );
        let participant_id = &certificate.participant_id;
        assert!(
            certificates::has_valid_certificate(&app.db, participant_id, Stage::Pdo)
                .await
                .unwrap()
        );
        assert!(
            !certificates::has_valid_certificate(&app.db, participant_id, Stage::Pao)
                .await
                .unwrap()
        );

        // The short number printed on it verifies too, however it is typed.
        let number = certificate.number.clone().unwrap();
        let printed = certificates::display_number(&number);
        assert_eq!(printed.len(), 11);
        assert_eq!(
            certificates::verify_number(app, &printed.to_lowercase().replace('-', " "))
                .await
                .unwrap(),
            Some(Verification::Valid(certificate.claims.clone()))
        );
        assert_eq!(
            certificates::verify_number(app, "ZZZZZ-ZZZZZ")
                .await
                .unwrap(),
            None
        );

        // Revocation: the facilitator may not revoke but may ask; a supervisor decides.
        assert!(matches!(
            certificates::revoke(app, &facilitator, &certificate.id, "error").await,
            Err(Error::Forbidden)
        ));
        let asked = certificates::request_revocation(
            app,
            &facilitator,
            &certificate.id,
            "Signed by the wrong person",
        )
        .await
        .unwrap();
        assert_eq!(
            conflict(
                certificates::request_revocation(app, &facilitator, &certificate.id, "again")
                    .await
                    .unwrap_err()
            ),
            "revocation-pending"
        );
        assert!(matches!(
            certificates::decide_revocation(
                app,
                &facilitator,
                &asked,
                certificates::RevocationDecision::Approved
            )
            .await,
            Err(Error::Forbidden)
        ));
        certificates::decide_revocation(
            app,
            &supervisor,
            &asked,
            certificates::RevocationDecision::Refused,
        )
        .await
        .unwrap();
        assert_eq!(
            conflict(
                certificates::decide_revocation(
                    app,
                    &supervisor,
                    &asked,
                    certificates::RevocationDecision::Approved
                )
                .await
                .unwrap_err()
            ),
            "revocation-decided"
        );
        assert!(matches!(
            certificates::verify_number(app, &number).await.unwrap(),
            Some(Verification::Valid(_))
        ));
        let asked = certificates::request_revocation(
            app,
            &facilitator,
            &certificate.id,
            "Issued to the wrong person",
        )
        .await
        .unwrap();
        certificates::decide_revocation(
            app,
            &supervisor,
            &asked,
            certificates::RevocationDecision::Approved,
        )
        .await
        .unwrap();
        let requests = certificates::revocation_requests(app, &facilitator, &certificate.id)
            .await
            .unwrap();
        assert_eq!(
            requests
                .iter()
                .map(|request| request.decision)
                .collect::<Vec<_>>(),
            [
                Some(certificates::RevocationDecision::Approved),
                Some(certificates::RevocationDecision::Refused)
            ]
        );
        assert_eq!(
            conflict(
                certificates::revoke(app, &supervisor, &certificate.id, "twice")
                    .await
                    .unwrap_err()
            ),
            "already-revoked"
        );
        assert!(matches!(
            certificates::verify_number(app, &number).await.unwrap(),
            Some(Verification::Rejected(Rejection::Revoked(_)))
        ));
        let refreshed = certificates::trust_bundle(app).await.unwrap();
        assert!(matches!(
            certificates::verify_token(&certificate.token, &refreshed),
            Err(Rejection::Revoked(_))
        ));
        assert!(matches!(
            certificates::verify_online(app, &certificate.token)
                .await
                .unwrap(),
            Verification::Rejected(Rejection::Revoked(_))
        ));
        assert!(
            !certificates::has_valid_certificate(&app.db, participant_id, Stage::Pdo)
                .await
                .unwrap()
        );

        // Knowledge gain: seven paired participants, six women and one man.
        let report = assessments::knowledge_gain(&app.db, &analyst, &local.id)
            .await
            .unwrap();
        assert_eq!(report.participants, Some(7));
        let overall = report.overall.unwrap();
        assert_eq!((overall.pre_percent, overall.post_percent), (0.0, 100.0));
        assert_eq!(report.modules.len(), 7);
        assert!(
            report
                .modules
                .iter()
                .all(|m| m.gain.map(|g| g.points()) == Some(100.0))
        );
        let by_sex = report
            .breakdowns
            .iter()
            .find(|b| b.dimension == "sex")
            .unwrap();
        assert!(
            by_sex
                .cells
                .iter()
                .all(|c| c.suppressed && c.participants.is_none() && c.overall.is_none()),
            "one man is hidden, and so are the women, whose number would reveal him"
        );
        let by_nationality = report
            .breakdowns
            .iter()
            .find(|b| b.dimension == "nationality")
            .unwrap();
        assert_eq!(by_nationality.cells[0].participants, Some(7));
        assert_eq!(report.satisfaction, Some((4.0, 7)));
        // The running totals the quizzes kept agree with a rebuild from the module scores.
        assessments::rebuild_gain_totals(&app.db).await.unwrap();
        assert_eq!(
            assessments::knowledge_gain(&app.db, &analyst, &local.id)
                .await
                .unwrap(),
            report
        );
        assert!(matches!(
            assessments::knowledge_gain(&app.db, &facilitator, &local.id).await,
            Err(Error::Forbidden)
        ));

        // Every step left its audit event, and the chain is intact.
        let events = audit::list(
            &app.db,
            &audit::AuditFilter {
                limit: 500,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        for action in [
            "orientation.curriculum.import",
            "orientation.module.override",
            "orientation.session.schedule",
            "orientation.enrol",
            "orientation.roster.submit",
            "orientation.check_in",
            "orientation.check_out",
            "orientation.attendance.submit",
            "orientation.assessment.record",
            "orientation.certificate.issue",
            "orientation.certificate.revocation_request",
            "orientation.certificate.revocation_decide",
            "orientation.certificate.revoke",
        ] {
            assert!(
                events.iter().any(|e| e.action == action),
                "{action} is audited"
            );
        }
        assert_eq!(
            audit::verify(&app.db, |_| {}).await.unwrap(),
            audit::ChainVerdict::Intact {
                events: events.len() as u64
            }
        );
        t
    })
    .await;
}

#[tokio::test]
async fn shipped_curricula_import_export_and_localise_by_inheritance() {
    for_each_backend(test_settings(), |t| async move {
        let app = &t.app;
        let console = Actor::console();
        let outcomes = seed::import_shipped(app, &console).await.unwrap();
        assert!(
            outcomes
                .iter()
                .all(|o| matches!(o, curricula::ImportOutcome::Created(_)))
        );
        // Importing the same versions again changes nothing.
        let again = seed::import_shipped(app, &console).await.unwrap();
        assert!(
            again
                .iter()
                .all(|o| matches!(o, curricula::ImportOutcome::Unchanged(_)))
        );
        for (name, text) in seed::SHIPPED {
            let document = CurriculumDocument::from_json(text).unwrap();
            let stored = curricula::find_by_code(&app.db, &document.code)
                .await
                .unwrap()
                .unwrap();
            let exported = curricula::export(&app.db, &console, &stored.id)
                .await
                .unwrap();
            assert_eq!(exported.modules, document.modules, "{name} round-trips");
            assert_eq!(exported.title, document.title);
            let detail = curricula::get(&app.db, &console, &stored.id).await.unwrap();
            // Every text ships in English and in Arabic: sessions held in Arabic show it.
            for module in &detail.modules {
                let texts = [
                    &module.title,
                    &module.objectives,
                    &module.facilitator_notes,
                    &module.content,
                ]
                .into_iter()
                .chain(
                    module
                        .quiz
                        .iter()
                        .flat_map(|item| std::iter::once(&item.prompt).chain(item.options.iter())),
                );
                for text in texts {
                    for language in ["en", "ar"] {
                        assert!(
                            text.get(language).is_some_and(|c| !c.is_empty()),
                            "{name} {} {language}",
                            module.key
                        );
                    }
                }
            }
        }
        let adult = curricula::find_by_code(&app.db, "coa-pdo-canada-adult")
            .await
            .unwrap()
            .unwrap();
        let youth = curricula::find_by_code(&app.db, "coa-pdo-canada-youth")
            .await
            .unwrap()
            .unwrap();
        let adult = curricula::get(&app.db, &console, &adult.id).await.unwrap();
        let youth = curricula::get(&app.db, &console, &youth.id).await.unwrap();
        assert_eq!(adult.required_minutes(), 900, "15 hours over 3 days");
        assert_eq!(youth.required_minutes(), 900);
        assert_eq!(youth.curriculum.audience, "youth");
        assert!(
            youth.modules.iter().all(|m| m.key != "housing-and-money"),
            "removed in the youth variant"
        );
        assert!(youth.modules.iter().any(|m| m.key == "staying-safe-online"));
        let gulf = curricula::find_by_code(&app.db, "ciop-pdo-ph-gcc")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            curricula::get(&app.db, &console, &gulf.id)
                .await
                .unwrap()
                .modules
                .len(),
            7
        );
        // A newer version replaces the modules; the import is audited.
        let mut document = CurriculumDocument::from_json(seed::SHIPPED[5].1).unwrap();
        document.version += 1;
        document.modules.truncate(2);
        let outcome = curricula::import(app, &console, &document).await.unwrap();
        assert!(matches!(outcome, curricula::ImportOutcome::Updated(_)));
        let stored = curricula::find_by_code(&app.db, &document.code)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            curricula::get(&app.db, &console, &stored.id)
                .await
                .unwrap()
                .modules
                .len(),
            2
        );
        // Bad documents and missing parents are field errors.
        let mut orphan = document.clone();
        orphan.code = "orphan".into();
        orphan.localises = Some("no-such-curriculum".into());
        assert!(matches!(
            curricula::import(app, &console, &orphan).await,
            Err(Error::Invalid(_))
        ));
        assert!(matches!(
            CurriculumDocument::from_json("{\"code\": 1}"),
            Err(Error::Invalid(_))
        ));
        // A migrant cannot import; an analyst cannot localise.
        let migrant = Actor {
            user_id: "m".into(),
            roles: vec![Role::Migrant],
            offices: vec![],
        };
        assert!(matches!(
            curricula::import(app, &migrant, &document).await,
            Err(Error::Forbidden)
        ));
        let analyst = actor("a", Role::Analyst, "x");
        assert!(matches!(
            curricula::localise(app, &analyst, &gulf.id, &LocaliseForm::default()).await,
            Err(Error::Forbidden)
        ));
        t
    })
    .await;
}

#[tokio::test]
async fn the_demo_seeds_curricula_and_a_session_with_the_migrant_enrolled() {
    for_each_backend(test_settings(), |t| async move {
        app::demo::seed(&t.app).await.unwrap();
        let migrant_id: String =
            sqlx::query_scalar("SELECT id FROM users WHERE username = 'migrant'")
                .fetch_one(&t.app.db.pool)
                .await
                .unwrap();
        let migrant = Actor {
            user_id: migrant_id,
            roles: vec![Role::Migrant],
            offices: vec![],
        };
        let mine = sessions::my_sessions(&t.app, &migrant).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].enrolment.status, EnrolmentStatus::Enrolled);
        assert_eq!(
            curricula::list(&t.app.db, &Actor::console())
                .await
                .unwrap()
                .len(),
            6
        );
        t
    })
    .await;
}

/// A session of `curriculum` at `office`, starting at `starts_at` on the office's clock.
async fn session_at(
    t: &TestApp,
    facilitator: &Actor,
    curriculum: &str,
    office: &str,
    starts_at: &str,
) -> sessions::Session {
    sessions::schedule(
        &t.app,
        facilitator,
        &SessionForm {
            curriculum_id: curriculum.into(),
            office_id: office.into(),
            format: "in_person".into(),
            place: "Dubai community hall".into(),
            starts_at: starts_at.into(),
            day_count: "1".into(),
            capacity: "10".into(),
            language: "ar".into(),
            facilitators: "S. Haddad".into(),
            interpreter: String::new(),
            support: vec![],
        },
    )
    .await
    .unwrap()
}

async fn enrolled(
    t: &TestApp,
    facilitator: &Actor,
    session: &sessions::Session,
    name: &str,
    user_id: Option<String>,
) -> sessions::Enrolment {
    let participant = participants::create(
        &t.app,
        facilitator,
        &ParticipantForm {
            office_id: session.office_id.clone(),
            name: name.into(),
            sex: "female".into(),
            birth_year: "1990".into(),
            nationality: "PH".into(),
            migration_category: "labour".into(),
            user_id,
        },
    )
    .await
    .unwrap();
    sessions::enrol(
        &t.app,
        facilitator,
        &session.id,
        &participant.id,
        EnrolmentSource::Facilitator,
    )
    .await
    .unwrap()
}

/// Moves a session `days` days earlier, as if time had passed.
async fn days_pass(t: &TestApp, session_id: &str, days: i64) {
    sqlx::query("UPDATE orientation_sessions SET starts_at = starts_at - $1 WHERE id = $2")
        .bind(days * DAY)
        .bind(session_id)
        .execute(&t.app.db.pool)
        .await
        .unwrap();
}

async fn dubai_office(t: &TestApp) -> String {
    let form = OfficeForm {
        code: "AE-DXB".into(),
        name: "Dubai".into(),
        country: "AE".into(),
        kind: "field_office".into(),
        time_zone: "Asia/Dubai".into(),
    };
    offices::create(&t.app, &Actor::console(), &form)
        .await
        .unwrap()
        .id
}

/// Tomorrow's date on Dubai's clock, `YYYY-MM-DD`.
fn tomorrow_in_dubai() -> String {
    app::time::add_days(&app::time::today_in("Asia/Dubai"), 1).unwrap()
}

#[tokio::test]
async fn a_paper_sheet_is_typed_on_the_office_clock_marked_back_filled_and_audited() {
    for_each_backend(test_settings(), |t| async move {
        let app = &t.app;
        seed::import_shipped(app, &Actor::console()).await.unwrap();
        let dubai = dubai_office(&t).await;
        let facilitator_id = user(&t, "facilitator", "facilitator", vec![dubai.clone()]).await;
        let facilitator = actor(&facilitator_id, Role::Facilitator, &dubai);
        let curriculum = curricula::find_by_code(&app.db, "tawjeeh-ae-pao")
            .await
            .unwrap()
            .unwrap();
        // Typed on Dubai's clock (UTC+4): 09:00 there is 05:00 UTC.
        let day = tomorrow_in_dubai();
        let session = session_at(
            &t,
            &facilitator,
            &curriculum.id,
            &dubai,
            &format!("{day}T09:00"),
        )
        .await;
        assert_eq!(session.time_zone, "Asia/Dubai");
        assert_eq!(
            app::time::millis_to_local(session.starts_at, "UTC"),
            format!("{day} 05:00")
        );
        let amina = enrolled(&t, &facilitator, &session, "Amina", None).await;
        let sheet = |checked_in: &str, checked_out: &str| sessions::SheetLine {
            day: 1,
            checked_in: checked_in.into(),
            checked_out: checked_out.into(),
        };
        assert_eq!(
            conflict(
                sessions::backfill_attendance(
                    app,
                    &facilitator,
                    &amina.id,
                    &sheet("09:00", "12:00")
                )
                .await
                .unwrap_err()
            ),
            "attendance-too-early"
        );

        // Two days later the facilitator types the paper sheet, in Eastern Arabic and Persian
        // digits as it was written.
        days_pass(&t, &session.id, 2).await;
        let session = sessions::get(&app.db, &facilitator, &session.id)
            .await
            .unwrap();
        for (checked_in, checked_out) in [("12:00", "09:00"), ("25:00", "12:00"), ("9", "12:00")] {
            assert!(matches!(
                sessions::backfill_attendance(
                    app,
                    &facilitator,
                    &amina.id,
                    &sheet(checked_in, checked_out)
                )
                .await,
                Err(Error::Invalid(_))
            ));
        }
        sessions::backfill_attendance(app, &facilitator, &amina.id, &sheet("٠٩:٠٠", "۱۲:۱۵"))
            .await
            .unwrap();
        assert_eq!(
            conflict(
                sessions::backfill_attendance(
                    app,
                    &facilitator,
                    &amina.id,
                    &sheet("09:00", "12:00")
                )
                .await
                .unwrap_err()
            ),
            "already-checked-in"
        );
        let roster = sessions::roster(app, &facilitator, &session.id)
            .await
            .unwrap();
        let day = roster.lines[0].days[0];
        assert!(day.backfilled);
        assert_eq!(day.checked_in_at, Some(session.starts_at));
        assert_eq!(
            day.checked_out_at,
            Some(session.starts_at + 3 * HOUR + 15 * MINUTE)
        );
        assert_eq!(roster.lines[0].attended_minutes, 195);
        let events = audit::list(
            &app.db,
            &audit::AuditFilter {
                action: Some("orientation.attendance.backfill".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].actor_id.as_deref(), Some(facilitator_id.as_str()));
        assert_eq!(events[0].target_id.as_deref(), Some(amina.id.as_str()));

        // Once the record is submitted nothing more is typed.
        sessions::submit_attendance(app, &facilitator, &session.id, session.version)
            .await
            .unwrap();
        let late = enrolled_before_submission_is_refused(&t, &facilitator, &session).await;
        assert_eq!(late, "session-over");
        assert_eq!(
            conflict(
                sessions::backfill_attendance(
                    app,
                    &facilitator,
                    &amina.id,
                    &sheet("13:00", "14:00")
                )
                .await
                .unwrap_err()
            ),
            "attendance-submitted"
        );
        t
    })
    .await;
}

/// Tries to enrol someone new on a session whose record is submitted; returns the refusal.
async fn enrolled_before_submission_is_refused(
    t: &TestApp,
    facilitator: &Actor,
    session: &sessions::Session,
) -> &'static str {
    let participant = participants::create(
        &t.app,
        facilitator,
        &ParticipantForm {
            office_id: session.office_id.clone(),
            name: "Late".into(),
            sex: "male".into(),
            birth_year: "1990".into(),
            nationality: "PH".into(),
            migration_category: "labour".into(),
            user_id: None,
        },
    )
    .await
    .unwrap();
    conflict(
        sessions::enrol(
            &t.app,
            facilitator,
            &session.id,
            &participant.id,
            EnrolmentSource::Facilitator,
        )
        .await
        .unwrap_err(),
    )
}

#[tokio::test]
async fn a_session_is_rescheduled_or_cancelled_before_it_starts_and_its_participants_are_told() {
    for_each_backend(test_settings(), |t| async move {
        let app = &t.app;
        seed::import_shipped(app, &Actor::console()).await.unwrap();
        let dubai = dubai_office(&t).await;
        let facilitator_id = user(&t, "facilitator", "facilitator", vec![dubai.clone()]).await;
        let migrant_id = user(&t, "migrant", "migrant", vec![]).await;
        let facilitator = actor(&facilitator_id, Role::Facilitator, &dubai);
        let migrant = Actor {
            user_id: migrant_id.clone(),
            roles: vec![Role::Migrant],
            offices: vec![],
        };
        let curriculum = curricula::find_by_code(&app.db, "tawjeeh-ae-pao")
            .await
            .unwrap()
            .unwrap();
        let day = tomorrow_in_dubai();
        let session = session_at(
            &t,
            &facilitator,
            &curriculum.id,
            &dubai,
            &format!("{day}T09:00"),
        )
        .await;
        enrolled(
            &t,
            &facilitator,
            &session,
            "Amina",
            Some(migrant_id.clone()),
        )
        .await;

        // Moved by a day and to the afternoon: the participant is told the new time.
        let later = app::time::add_days(&day, 1).unwrap();
        let mut form = SessionForm {
            curriculum_id: session.curriculum_id.clone(),
            office_id: session.office_id.clone(),
            format: "in_person".into(),
            place: "Dubai community hall, room 2".into(),
            starts_at: format!("{later}T14:30"),
            day_count: "1".into(),
            capacity: "10".into(),
            language: "ar".into(),
            facilitators: "S. Haddad".into(),
            interpreter: String::new(),
            support: vec![],
        };
        let moved = sessions::reschedule(app, &facilitator, &session.id, &form, session.version)
            .await
            .unwrap();
        assert_eq!(
            app::time::millis_to_local(moved.starts_at, "Asia/Dubai"),
            format!("{later} 14:30")
        );
        assert_eq!(moved.place, "Dubai community hall, room 2");
        assert!(matches!(
            sessions::reschedule(app, &facilitator, &session.id, &form, session.version).await,
            Err(Error::Conflict("stale-version"))
        ));
        form.starts_at =
            app::time::millis_to_local(now_millis() - HOUR, "Asia/Dubai").replace(' ', "T");
        assert!(matches!(
            sessions::reschedule(app, &facilitator, &session.id, &form, moved.version).await,
            Err(Error::Invalid(_))
        ));
        let mine = sessions::my_sessions(app, &migrant).await.unwrap();
        assert_eq!(mine[0].notices.len(), 1);
        assert_eq!(mine[0].notices[0].kind, sessions::NoticeKind::Rescheduled);
        assert_eq!(mine[0].notices[0].starts_at, moved.starts_at);

        // A new interpreter changes nothing the participants must turn up for: no notice.
        form.starts_at = format!("{later}T14:30");
        form.interpreter = "Arabic–English".into();
        let interpreted =
            sessions::reschedule(app, &facilitator, &session.id, &form, moved.version)
                .await
                .unwrap();
        let mine = sessions::my_sessions(app, &migrant).await.unwrap();
        assert_eq!(mine[0].notices.len(), 1);

        // Cancelled: told again, closed to enrolment and gone from the open list.
        assert!(matches!(
            sessions::cancel(app, &facilitator, &session.id, " ", interpreted.version).await,
            Err(Error::Invalid(_))
        ));
        sessions::cancel(
            app,
            &facilitator,
            &session.id,
            "The hall is closed",
            interpreted.version,
        )
        .await
        .unwrap();
        let mine = sessions::my_sessions(app, &migrant).await.unwrap();
        assert_eq!(mine[0].notices[0].kind, sessions::NoticeKind::Cancelled);
        assert_eq!(
            mine[0].session.cancel_reason.as_deref(),
            Some("The hall is closed")
        );
        assert!(
            sessions::open_sessions(&app.db, &migrant)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            enrolled_before_submission_is_refused(&t, &facilitator, &mine[0].session).await,
            "session-cancelled"
        );

        // A session that has started can no longer be changed, cancelled or given a roster.
        let started = session_at(
            &t,
            &facilitator,
            &curriculum.id,
            &dubai,
            &format!("{day}T09:00"),
        )
        .await;
        days_pass(&t, &started.id, 2).await;
        let started = sessions::get(&app.db, &facilitator, &started.id)
            .await
            .unwrap();
        form.starts_at = format!("{later}T09:00");
        assert_eq!(
            conflict(
                sessions::reschedule(app, &facilitator, &started.id, &form, started.version)
                    .await
                    .unwrap_err()
            ),
            "session-started"
        );
        assert_eq!(
            conflict(
                sessions::cancel(app, &facilitator, &started.id, "late", started.version)
                    .await
                    .unwrap_err()
            ),
            "session-started"
        );
        assert_eq!(
            conflict(
                sessions::submit_roster(app, &facilitator, &started.id, started.version)
                    .await
                    .unwrap_err()
            ),
            "roster-after-start"
        );
        let events = audit::list(
            &app.db,
            &audit::AuditFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        for action in [
            "orientation.session.reschedule",
            "orientation.session.cancel",
        ] {
            assert!(
                events.iter().any(|e| e.action == action),
                "{action} is audited"
            );
        }
        t
    })
    .await;
}
