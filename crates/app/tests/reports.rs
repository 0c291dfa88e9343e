//! Case indicators and exports on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::{self, NewUser, User};
use app::audit::{self, AuditFilter};
use app::cases::documents;
use app::cases::people::PersonForm;
use app::cases::referrals::{self, Decision, ReferralForm};
use app::cases::rollup::{self, Measure};
use app::cases::{self, MoveRequest, NewCaseForm};
use app::error::Error;
use app::offices::{self, OfficeForm};
use app::policy::Actor;
use app::privacy::consent::{self, ConsentForm};
use app::reports::export::{self, AggregateTable};
use app::reports::indicators::Stage;
use app::reports::{self, Month, ReportFilter};
use app::testing::{TestApp, for_each_backend, test_settings};

const DAY: i64 = 86_400_000;

struct Team {
    amman: String,
    beirut: String,
    caseworker: User,
    beirut_caseworker: User,
    supervisor: User,
    analyst: User,
}

async fn team(t: &TestApp) -> Team {
    let console = Actor::console();
    let office = |code: &str, country: &str| OfficeForm {
        code: code.into(),
        name: format!("Office {code}"),
        country: country.into(),
        kind: "field_office".into(),
        ..OfficeForm::default()
    };
    let amman = offices::create(&t.app, &console, &office("JO-AMM", "JO"))
        .await
        .unwrap()
        .id;
    let beirut = offices::create(&t.app, &console, &office("LB-BEY", "LB"))
        .await
        .unwrap()
        .id;
    let user = |name: &str, role: &str, office: &str| NewUser {
        username: name.into(),
        display_name: name.into(),
        password: "a long enough password".into(),
        locale: "en".into(),
        roles: vec![role.into()],
        offices: vec![office.to_owned()],
    };
    let create = |new: NewUser| {
        let app = t.app.clone();
        async move {
            accounts::create(&app, &Actor::console(), &new)
                .await
                .unwrap()
        }
    };
    Team {
        caseworker: create(user("rana", "caseworker", &amman)).await,
        beirut_caseworker: create(user("nour", "caseworker", &beirut)).await,
        supervisor: create(user("sami", "supervisor", &amman)).await,
        analyst: create(user("data", "analyst", &amman)).await,
        amman,
        beirut,
    }
}

async fn open_case(
    t: &TestApp,
    worker: &User,
    office: &str,
    surname: &str,
    sex: &str,
) -> cases::Case {
    let form = NewCaseForm {
        office_id: office.to_owned(),
        pathway: "de/de.family.spouse".into(),
        applicant: PersonForm {
            surname: surname.into(),
            given_names: "Amal".into(),
            birth_date: "1990-04".into(),
            sex: sex.into(),
            nationality: "SYR".into(),
        },
    };
    cases::create(&t.app, &worker.actor(), &form).await.unwrap()
}

/// Takes a case to `submitted` (the supervisor overriding the completeness check) and on to an
/// approval, then dates its opening, submission and decision.
async fn submit(t: &TestApp, team: &Team, case: cases::Case, opened_at: i64, submitted_at: i64) {
    walk(t, team, &case.id, &TO_SUBMISSION).await;
    walk(t, team, &case.id, &["decided_approved"]).await;
    date_case(t, &case.id, opened_at).await;
    for (status, at) in [
        ("submitted", submitted_at),
        ("decided_approved", submitted_at + 7 * DAY),
    ] {
        sqlx::query("UPDATE case_events SET at = $1 WHERE case_id = $2 AND to_status = $3")
            .bind(at)
            .bind(&case.id)
            .bind(status)
            .execute(&t.app.db.pool)
            .await
            .unwrap();
    }
    history_written_by_hand(t).await;
}

async fn date_case(t: &TestApp, case_id: &str, opened_at: i64) {
    sqlx::query("UPDATE cases SET opened_at = $1 WHERE id = $2")
        .bind(opened_at)
        .bind(case_id)
        .execute(&t.app.db.pool)
        .await
        .unwrap();
    history_written_by_hand(t).await;
}

/// Dates changed past the operations are history loaded from elsewhere: the tallies are built
/// again from the stored cases, as after a bulk load.
async fn history_written_by_hand(t: &TestApp) {
    rollup::rebuild(&t.app).await.unwrap();
}

fn period(month: Month) -> ReportFilter {
    ReportFilter {
        from: month,
        to: month,
        office_id: None,
        pathway_id: None,
    }
}

/// Six cases in Amman (five submitted after 10, 20, 30, 40 and 50 days) and one in Beirut.
async fn seed(t: &TestApp, team: &Team, month: Month) {
    let start = month.start_millis();
    for (index, surname) in ["Haddad", "Khalil", "Nasser", "Saleh", "Omar"]
        .iter()
        .enumerate()
    {
        let case = open_case(t, &team.caseworker, &team.amman, surname, "F").await;
        let days = 10 * (index as i64 + 1);
        submit(t, team, case, start + DAY, start + DAY + days * DAY).await;
    }
    let waiting = open_case(t, &team.caseworker, &team.amman, "Yousef", "F").await;
    date_case(t, &waiting.id, start + 2 * DAY).await;
    let beirut = open_case(t, &team.beirut_caseworker, &team.beirut, "Aziz", "M").await;
    date_case(t, &beirut.id, start + 3 * DAY).await;
}

#[tokio::test]
async fn the_dashboard_counts_cases_and_times_within_the_actors_offices() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let month = Month::parse("2026-03").unwrap();
        seed(&t, &team, month).await;

        // Submissions run into May: the period is the quarter.
        let quarter = ReportFilter {
            to: month.next().next(),
            ..period(month)
        };
        let all = reports::dashboard(&t.app, &team.analyst.actor(), &quarter)
            .await
            .unwrap();
        assert_eq!(all.months, vec![month, month.next(), month.next().next()]);
        assert_eq!(all.monthly[0].opened, vec![7, 0, 0]);
        assert_eq!(all.offices.len(), 2);
        let times = &all.stage_times[0];
        assert_eq!((times.stage, times.cases), (Stage::IntakeToSubmission, 5));
        assert_eq!((times.median_days, times.p90_days), (Some(30), Some(50)));
        let decisions = all
            .stage_times
            .iter()
            .find(|t| t.stage == Stage::SubmissionToDecision && t.office.is_none())
            .unwrap();
        assert_eq!((decisions.cases, decisions.median_days), (5, Some(7)));
        // Beirut's single case is fewer than five: its sex cell is hidden, and so is the
        // other, which the total would otherwise reveal.
        let sex = all
            .breakdowns
            .iter()
            .find(|b| b.dimension == "sex")
            .unwrap();
        assert_eq!(sex.total, 7);
        assert_eq!(
            sex.cells,
            vec![("F".to_owned(), None), ("M".to_owned(), None)]
        );

        let own = reports::dashboard(&t.app, &team.supervisor.actor(), &quarter)
            .await
            .unwrap();
        assert_eq!(own.monthly[0].opened, vec![6, 0, 0]);
        assert_eq!(own.offices.len(), 1);
        let sex = own
            .breakdowns
            .iter()
            .find(|b| b.dimension == "sex")
            .unwrap();
        assert_eq!(sex.cells, vec![("F".to_owned(), Some(6))]);
        // March alone saw two submissions: too few to show how long they took.
        let march = reports::dashboard(&t.app, &team.supervisor.actor(), &period(month))
            .await
            .unwrap();
        let times = &march.stage_times[0];
        assert_eq!((times.cases, times.median_days), (2, None));

        let elsewhere = ReportFilter {
            office_id: Some(team.beirut.clone()),
            ..period(month)
        };
        let denied = reports::dashboard(&t.app, &team.supervisor.actor(), &elsewhere).await;
        assert!(matches!(denied, Err(Error::Forbidden)), "{denied:?}");
        let caseworker = reports::dashboard(&t.app, &team.caseworker.actor(), &period(month)).await;
        assert!(matches!(caseworker, Err(Error::Forbidden)));
        t
    })
    .await;
}

/// Moves a case through `statuses` as the supervisor, with a reason and the completeness
/// override where the workflow asks for them.
async fn walk(t: &TestApp, team: &Team, case_id: &str, statuses: &[&str]) {
    let supervisor = team.supervisor.actor();
    for to in statuses {
        let case = cases::open(&t.app, &supervisor, case_id)
            .await
            .unwrap()
            .case;
        let request = MoveRequest {
            to: (*to).into(),
            reason: "Recorded at the office".into(),
            override_completeness: *to == "ready_for_submission",
        };
        cases::move_case(&t.app, &supervisor, case_id, case.version, &request)
            .await
            .unwrap();
    }
}

/// Makes a case urgent: the caseworker's assessment, the supervisor's confirmation.
async fn fast_track(t: &TestApp, team: &Team, case_id: &str) {
    let case = cases::open(&t.app, &team.caseworker.actor(), case_id)
        .await
        .unwrap()
        .case;
    let codes = ["SC-UC".to_owned(), "SM-CI".to_owned()];
    cases::assess(
        &t.app,
        &team.caseworker.actor(),
        case_id,
        case.version,
        &codes,
        "Seen at intake",
    )
    .await
    .unwrap();
    let case = cases::open(&t.app, &team.supervisor.actor(), case_id)
        .await
        .unwrap()
        .case;
    cases::confirm_priority(&t.app, &team.supervisor.actor(), case_id, case.version)
        .await
        .unwrap();
}

const TO_SUBMISSION: [&str; 6] = [
    "counselling",
    "forms",
    "completeness_check",
    "ready_for_submission",
    "appointment_booked",
    "submitted",
];

#[tokio::test]
async fn the_tallies_the_writes_keep_equal_a_computation_from_scratch() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let worker = &team.caseworker;
        // Every measure, reached only through the operations.
        let refused = open_case(&t, worker, &team.amman, "Haddad", "F").await;
        walk(&t, &team, &refused.id, &TO_SUBMISSION).await;
        walk(&t, &team, &refused.id, &["decided_refused", "closed"]).await;
        let approved = open_case(&t, worker, &team.amman, "Khalil", "M").await;
        walk(&t, &team, &approved.id, &TO_SUBMISSION[..3]).await;
        for _ in 0..2 {
            documents::check_completeness(&t.app, &worker.actor(), &approved.id, "")
                .await
                .unwrap();
        }
        walk(&t, &team, &approved.id, &TO_SUBMISSION[3..]).await;
        walk(&t, &team, &approved.id, &["decided_approved"]).await;
        let withdrawn = open_case(&t, worker, &team.amman, "Nasser", "F").await;
        fast_track(&t, &team, &withdrawn.id).await;
        walk(&t, &team, &withdrawn.id, &["counselling", "withdrawn"]).await;
        let waiting = open_case(&t, worker, &team.amman, "Saleh", "F").await;
        fast_track(&t, &team, &waiting.id).await;
        let urgent = open_case(&t, worker, &team.amman, "Omar", "M").await;
        fast_track(&t, &team, &urgent.id).await;
        walk(&t, &team, &urgent.id, &TO_SUBMISSION).await;
        // A transfer takes the case's figures to the office that now holds it.
        let moving = open_case(&t, worker, &team.amman, "Yousef", "F").await;
        let person = cases::open(&t.app, &worker.actor(), &moving.id)
            .await
            .unwrap()
            .members[0]
            .person
            .id
            .clone();
        let basis = ConsentForm {
            person_id: person,
            purpose: "referral".into(),
            basis: "consent".into(),
            scope: "Beirut office".into(),
        };
        consent::record(&t.app, &worker.actor(), &moving.id, &basis)
            .await
            .unwrap();
        let transfer = ReferralForm {
            kind: "transfer".into(),
            to_office_id: team.beirut.clone(),
            note: "Moved to Beirut".into(),
            ..ReferralForm::default()
        };
        let referral = referrals::request(&t.app, &worker.actor(), &moving.id, &transfer)
            .await
            .unwrap();
        let beirut = team.beirut_caseworker.actor();
        referrals::decide(
            &t.app,
            &beirut,
            &referral.id,
            referral.version,
            Decision::Accept,
            "",
        )
        .await
        .unwrap();

        let kept = rollup::kept(&t.app.db).await.unwrap();
        let measures: std::collections::BTreeSet<Measure> =
            kept.tallies().keys().map(|key| key.measure).collect();
        assert_eq!(measures, Measure::ALL.into_iter().collect(), "{kept:?}");
        assert!(
            kept.tallies()
                .keys()
                .any(|key| key.office_id == team.beirut)
        );
        let differences = rollup::differences(&t.app).await.unwrap();
        assert!(differences.is_empty(), "{differences:?}");
        rollup::rebuild(&t.app).await.unwrap();
        assert_eq!(rollup::kept(&t.app.db).await.unwrap(), kept);

        // A change made behind the operations' back is what the comparison finds.
        sqlx::query("UPDATE cases SET pathway_id = 'de.family.child' WHERE id = $1")
            .bind(&waiting.id)
            .execute(&t.app.db.pool)
            .await
            .unwrap();
        assert!(!rollup::differences(&t.app).await.unwrap().is_empty());
        t
    })
    .await;
}

#[tokio::test]
async fn exports_carry_hxl_tags_keep_no_names_and_are_audited_with_their_purpose() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let month = Month::parse("2026-03").unwrap();
        seed(&t, &team, month).await;
        let analyst = team.analyst.actor();
        let purpose = "Quarterly review of processing times";

        let vague = export::export_aggregate(
            &t.app,
            &analyst,
            &period(month),
            AggregateTable::MonthlyCases,
            "why",
        )
        .await;
        assert!(
            matches!(vague, Err(Error::Invalid(_))),
            "a purpose is required"
        );
        let csv = export::export_aggregate(
            &t.app,
            &analyst,
            &period(month),
            AggregateTable::MonthlyCases,
            purpose,
        )
        .await
        .unwrap();
        let text = String::from_utf8(csv).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').lines().collect();
        assert_eq!(lines[0], "month,office,country,opened,closed");
        assert_eq!(
            lines[1],
            "#date +month,#org +code,#country +code,#indicator +num +opened,#indicator +num +closed"
        );
        assert!(lines.contains(&"2026-03,JO-AMM,JO,6,0"), "{text}");

        let records = export::export_pseudonymised(&t.app, &analyst, &period(month), purpose)
            .await
            .unwrap();
        let records = String::from_utf8(records).unwrap();
        for name in ["Haddad", "Khalil", "Amal", "1990-04"] {
            assert!(!records.contains(name), "{name} left the system");
        }
        let rows: Vec<Vec<&str>> = records
            .lines()
            .skip(2)
            .map(|l| l.split(',').collect())
            .collect();
        assert_eq!(rows.len(), 7);
        assert!(rows.iter().all(|r| r[0].len() == 16 && r[7] == "2026-03"));
        let again = export::export_pseudonymised(&t.app, &analyst, &period(month), purpose)
            .await
            .unwrap();
        let again = String::from_utf8(again).unwrap();
        assert!(
            !again.contains(rows[0][0]),
            "pseudonyms differ between exports"
        );

        let worker =
            export::export_pseudonymised(&t.app, &team.caseworker.actor(), &period(month), purpose)
                .await;
        assert!(matches!(worker, Err(Error::Forbidden)));
        let events = audit::list(
            &t.app.db,
            &AuditFilter {
                action: Some("report.export_pseudonymised".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(events.len(), 2);
        assert!(events[0].details.contains(purpose) && events[0].details.contains("\"rows\":7"));
        assert!(matches!(
            audit::verify(&t.app.db, |_| {}).await.unwrap(),
            audit::ChainVerdict::Intact { .. }
        ));
        t
    })
    .await;
}

/// Stores a completeness report as the case file would, with the items it found lacking.
async fn report(t: &TestApp, case_id: &str, at: i64, lacking: &[&str]) {
    let lines: Vec<String> = lacking
        .iter()
        .map(|item| {
            format!(
                r#"{{"item_id":"{item}","person":"applicant","status":"missing","findings":[],"document_id":null,"citation":"AufenthG §30"}}"#
            )
        })
        .collect();
    let verdict = if lacking.is_empty() {
        "complete"
    } else {
        "incomplete"
    };
    sqlx::query(
        "INSERT INTO completeness_reports (id, case_id, created_at, created_by, verdict, application_date, travel_date, items) \
         VALUES ($1, $2, $3, NULL, $4, '2026-03-01', NULL, $5)",
    )
    .bind(app::time::new_id())
    .bind(case_id)
    .bind(at)
    .bind(verdict)
    .bind(format!("[{}]", lines.join(",")))
    .execute(&t.app.db.pool)
    .await
    .unwrap();
    history_written_by_hand(t).await;
}

#[tokio::test]
async fn completeness_at_the_first_check_counts_each_case_once_and_ranks_what_was_missing() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let month = Month::parse("2026-03").unwrap();
        let start = month.start_millis();
        let surnames = ["Haddad", "Khalil", "Nasser", "Saleh", "Omar", "Yousef"];
        for (index, surname) in surnames.iter().enumerate() {
            let case = open_case(&t, &team.caseworker, &team.amman, surname, "F").await;
            let lacking: &[&str] = match index {
                0 => &[],
                1 | 2 => &["marriage_certificate", "passport"],
                _ => &["marriage_certificate"],
            };
            report(&t, &case.id, start + DAY, lacking).await;
            // A later check that finds everything does not change the first one.
            report(&t, &case.id, start + 5 * DAY, &[]).await;
        }
        let figures = reports::dashboard(&t.app, &team.analyst.actor(), &period(month))
            .await
            .unwrap();
        let all = &figures.first_checks[0];
        assert_eq!(
            (all.checked, all.complete, all.complete_percent()),
            (6, 1, Some(17))
        );
        let items: Vec<(&str, Option<i64>)> = figures
            .missing_items
            .iter()
            .map(|item| (item.item_id.as_str(), item.cases))
            .collect();
        assert_eq!(
            items,
            vec![("marriage_certificate", Some(5)), ("passport", None)]
        );
        t
    })
    .await;
}

#[tokio::test]
async fn a_new_case_counts_at_the_next_view_and_the_policy_is_asked_at_every_view() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let this_month = period(Month::of_millis(app::time::now_millis()));
        let first = reports::dashboard(&t.app, &team.supervisor.actor(), &this_month)
            .await
            .unwrap();
        assert_eq!(first.monthly[0].opened, vec![0]);

        open_case(&t, &team.caseworker, &team.amman, "Haddad", "F").await;
        let again = reports::dashboard(&t.app, &team.supervisor.actor(), &this_month)
            .await
            .unwrap();
        assert_eq!(again.monthly[0].opened, vec![1]);
        let beirut = ReportFilter {
            office_id: Some(team.beirut.clone()),
            ..this_month.clone()
        };
        let analyst = reports::dashboard(&t.app, &team.analyst.actor(), &beirut)
            .await
            .unwrap();
        assert_eq!(analyst.monthly[0].opened, vec![0], "only the chosen office");
        let caseworker = reports::dashboard(&t.app, &team.caseworker.actor(), &this_month).await;
        assert!(
            matches!(caseworker, Err(Error::Forbidden)),
            "the policy is asked on every view"
        );
        t
    })
    .await;
}

/// Enrols `people` participants in a two-day session of `office` starting now; the first
/// `completing` attend both days, and the first `quizzed` answer 1 of 3 before and 3 of 3 after
/// on module `key`.
async fn orientation_session(
    t: &TestApp,
    curriculum: &str,
    office: &str,
    people: usize,
    completing: usize,
    quizzed: &[(&str, usize)],
) {
    let now = app::time::now_millis();
    let session = app::time::new_id();
    sqlx::query(
        "INSERT INTO orientation_sessions (id, curriculum_id, office_id, format, place, starts_at, day_count, capacity, \
         language, facilitators, interpreter, support, created_at) VALUES ($1, $2, $3, 'in_person', 'Centre', $4, 2, 50, 'en', '', '', '', $4)",
    )
    .bind(&session)
    .bind(curriculum)
    .bind(office)
    .bind(now)
    .execute(&t.app.db.pool)
    .await
    .unwrap();
    for index in 0..people {
        let (participant, enrolment) = (app::time::new_id(), app::time::new_id());
        sqlx::query(
            "INSERT INTO participants (id, office_id, name_sealed, sex, age_group, nationality, migration_category, created_at) \
             VALUES ($1, $2, $3, 'female', '25-34', 'PH', 'labour', $4)",
        )
        .bind(&participant)
        .bind(office)
        .bind(vec![0u8; 4])
        .bind(now)
        .execute(&t.app.db.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO orientation_enrolments (id, session_id, participant_id, status, source, checkin_code, enrolled_at) \
             VALUES ($1, $2, $3, 'enrolled', 'staff', $1, $4)",
        )
        .bind(&enrolment)
        .bind(&session)
        .bind(&participant)
        .bind(now)
        .execute(&t.app.db.pool)
        .await
        .unwrap();
        let days = if index < completing { 2 } else { 1 };
        for day in 0..days {
            sqlx::query(
                "INSERT INTO orientation_attendance (enrolment_id, day, checked_in_at, method, recorded_at) \
                 VALUES ($1, $2, $3, 'roll_call', $3)",
            )
            .bind(&enrolment)
            .bind(day)
            .bind(now)
            .execute(&t.app.db.pool)
            .await
            .unwrap();
        }
        for (key, count) in quizzed {
            if index < *count {
                sqlx::query(
                    "INSERT INTO orientation_module_scores (enrolment_id, curriculum_id, module_key, pre_correct, pre_total, \
                     post_correct, post_total) VALUES ($1, $2, $3, 1, 3, 3, 3)",
                )
                .bind(&enrolment)
                .bind(curriculum)
                .bind(*key)
                .execute(&t.app.db.pool)
                .await
                .unwrap();
            }
        }
    }
}

#[tokio::test]
async fn orientation_reach_and_gain_are_suppressed_below_five_and_practices_count_by_objective_and_region()
 {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        app::orientation::seed::import_shipped(&t.app, &Actor::console())
            .await
            .unwrap();
        let published = app::knowledge::seed::seed(&t.app).await.unwrap();
        assert!(published > 0);
        let curriculum = app::orientation::curricula::find_by_code(&t.app.db, "ciop-pdo-ph-gcc")
            .await
            .unwrap()
            .unwrap();
        orientation_session(
            &t,
            &curriculum.id,
            &team.amman,
            7,
            6,
            &[("rights", 6), ("money", 2)],
        )
        .await;
        orientation_session(&t, &curriculum.id, &team.beirut, 3, 3, &[]).await;
        let this_month = Month::of_millis(app::time::now_millis());
        let filter = ReportFilter {
            from: this_month,
            to: this_month,
            office_id: None,
            pathway_id: None,
        };

        let own = reports::dashboard(&t.app, &team.supervisor.actor(), &filter)
            .await
            .unwrap()
            .programmes
            .clone();
        assert_eq!(own.reach.len(), 2, "all offices in scope, then Amman");
        assert_eq!(own.reach[1].participants, Some(7));
        assert_eq!(own.reach[1].completed, Some(6));
        assert_eq!(own.reach[1].completion_percent(), Some(85));
        let rights = own
            .modules
            .iter()
            .find(|m| m.module_key == "rights")
            .unwrap();
        assert_eq!(
            (rights.participants, rights.pre_percent, rights.post_percent),
            (Some(6), Some(33), Some(100))
        );
        assert_eq!(rights.gain_points(), Some(67));
        let money = own
            .modules
            .iter()
            .find(|m| m.module_key == "money")
            .unwrap();
        assert_eq!(
            (money.participants, money.gain_points()),
            (None, None),
            "two people are too few to show"
        );

        let all = reports::dashboard(&t.app, &team.analyst.actor(), &filter)
            .await
            .unwrap()
            .programmes
            .clone();
        assert_eq!(
            all.reach[0].participants,
            Some(10),
            "the total of every office is shown"
        );
        let beirut = all
            .reach
            .iter()
            .find(|r| r.office.as_ref().is_some_and(|o| o.id == team.beirut))
            .unwrap();
        assert_eq!(beirut.participants, None, "three participants are hidden");
        let amman = all
            .reach
            .iter()
            .find(|r| r.office.as_ref().is_some_and(|o| o.id == team.amman))
            .unwrap();
        assert_eq!(
            amman.participants, None,
            "and Amman too, or the total would give Beirut away"
        );

        assert_eq!(all.practices.len(), 23);
        let counted: i64 = all.practices.iter().map(|row| row.total).sum();
        assert!(
            counted >= published as i64,
            "every published practice has at least one objective"
        );
        assert!(
            all.practices
                .iter()
                .all(|row| row.by_region.len() == all.regions.len())
        );
        assert!(
            all.practices
                .iter()
                .any(|row| row.by_region.iter().sum::<i64>() > 0)
        );
        t
    })
    .await;
}
