//! Erasure of one person and the retention purge, on SQLite and on PostgreSQL when a server is
//! available: nothing identifying remains (the SQLite file and its log are scanned byte by byte,
//! PostgreSQL is asked), the audit chain still verifies, and the indicators count the same.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::{self, NewUser, User};
use app::audit::{self, AuditFilter};
use app::cases::documents::{self, NewDocument};
use app::cases::facts::{self, FactEntry};
use app::cases::generate::{self, GenerateOptions};
use app::cases::notes;
use app::cases::people::PersonForm;
use app::cases::{self, NewCaseForm};
use app::db::Backend;
use app::error::Error;
use app::offices;
use app::orientation::participants::{self, ParticipantForm};
use app::policy::Actor;
use app::privacy::erasure::{self, ErasureForm};
use app::privacy::retention::{self, RetentionForm};
use app::reports::{Month, ReportFilter, indicators};
use app::testing::{self, TestApp, for_each_backend, test_settings};
use app::time::{DAY, now_millis};
use sqlx::Row;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n";

struct Team {
    office: String,
    caseworker: User,
    supervisor: User,
}

async fn team(t: &TestApp) -> Team {
    let office = testing::office(t, "JO-AMM").await;
    Team {
        caseworker: testing::account(t, "rana", "caseworker", &[&office]).await,
        supervisor: testing::account(t, "sami", "supervisor", &[&office]).await,
        office,
    }
}

async fn open_case(t: &TestApp, team: &Team, surname: &str) -> (String, String) {
    let form = NewCaseForm {
        office_id: team.office.clone(),
        pathway: "de/de.family.spouse".into(),
        applicant: PersonForm {
            surname: surname.into(),
            given_names: "Amal".into(),
            birth_date: "1990-04-12".into(),
            sex: "F".into(),
            nationality: "SYR".into(),
        },
    };
    let me = team.caseworker.actor();
    let case = cases::create(&t.app, &me, &form).await.unwrap();
    let person = cases::open(&t.app, &me, &case.id).await.unwrap().members[0]
        .person
        .id
        .clone();
    (case.id, person)
}

/// The erasure form with `reason`, confirmed with the reference of `case_id`.
async fn erasure_form(t: &TestApp, team: &Team, case_id: &str, reason: &str) -> ErasureForm {
    let file = cases::open(&t.app, &team.supervisor.actor(), case_id)
        .await
        .unwrap();
    ErasureForm {
        reason: reason.into(),
        confirm_reference: file.case.reference,
    }
}

/// A case with facts, a note, a message and an uploaded document: every kind of content.
async fn fill_case(t: &TestApp, team: &Team, case_id: &str) {
    let me = team.caseworker.actor();
    let fact = FactEntry {
        name: "applicant.married".into(),
        value: "yes".into(),
        verified: false,
    };
    facts::save(
        &t.app,
        &me,
        case_id,
        0,
        &[fact],
        app::cases::facts::Typing::Exact,
    )
    .await
    .unwrap();
    notes::add_note(
        &t.app,
        &me,
        case_id,
        "Zebulonova called about her visa",
        "internal",
    )
    .await
    .unwrap();
    notes::send_message(&t.app, &me, case_id, "Dear Ms Zebulonova")
        .await
        .unwrap();
    documents::checklist(&t.app, &me, case_id).await.unwrap();
    documents::add_document(
        &t.app,
        &me,
        case_id,
        &NewDocument {
            item: "photos@applicant".into(),
            file_name: "zebulonova-photo.pdf".into(),
            content: PDF.to_vec(),
            mrz: String::new(),
            issued_on: String::new(),
            expires_on: String::new(),
            translated_into: "de".into(),
            legalised: true,
        },
    )
    .await
    .unwrap();
}

/// Every stored value that identifies the person or their case's content: plaintext name, blind
/// indexes and each sealed value.
async fn traces(t: &TestApp, person: &str, case_id: &str) -> Vec<Vec<u8>> {
    let pool = &t.app.db.pool;
    let row =
        sqlx::query("SELECT names, birth_date, name_key, surname_key FROM people WHERE id = $1")
            .bind(person)
            .fetch_one(pool)
            .await
            .unwrap();
    let mut found = vec![
        b"Zebulonova".to_vec(),
        row.get::<Vec<u8>, _>("names"),
        row.get::<Vec<u8>, _>("birth_date"),
        row.get::<String, _>("name_key").into_bytes(),
        row.get::<String, _>("surname_key").into_bytes(),
    ];
    for sql in [
        "SELECT facts AS v FROM case_facts WHERE case_id = $1",
        "SELECT body AS v FROM case_notes WHERE case_id = $1",
        "SELECT body AS v FROM case_messages WHERE case_id = $1",
        "SELECT file_name AS v FROM case_documents WHERE case_id = $1",
    ] {
        let values: Vec<Vec<u8>> = sqlx::query_scalar(sql)
            .bind(case_id)
            .fetch_all(pool)
            .await
            .unwrap();
        assert!(!values.is_empty(), "the case has content: {sql}");
        found.extend(values);
    }
    found
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    // The first 24 bytes of a sealed value are its header and nonce: unique enough to find it.
    let needle = &needle[..needle.len().min(24)];
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

async fn assert_no_trace(t: &TestApp, values: &[Vec<u8>]) {
    match t.app.db.backend {
        Backend::Sqlite => {
            for file in ["corridor.db", "corridor.db-wal"] {
                let bytes = std::fs::read(t.data_dir.path().join(file)).unwrap_or_default();
                for (index, value) in values.iter().enumerate() {
                    assert!(!contains(&bytes, value), "value {index} remains in {file}");
                }
            }
        }
        Backend::Postgres => {
            let pool = &t.app.db.pool;
            for (index, value) in values.iter().enumerate().skip(1) {
                let blobs: i64 = sqlx::query_scalar(
                    "SELECT (SELECT COUNT(*) FROM people WHERE names = $1 OR birth_date = $1) \
                     + (SELECT COUNT(*) FROM case_facts WHERE facts = $1) \
                     + (SELECT COUNT(*) FROM case_notes WHERE body = $1) \
                     + (SELECT COUNT(*) FROM case_messages WHERE body = $1) \
                     + (SELECT COUNT(*) FROM case_documents WHERE file_name = $1)",
                )
                .bind(value)
                .fetch_one(pool)
                .await
                .unwrap();
                let Some(text) = std::str::from_utf8(value)
                    .ok()
                    .filter(|t| !t.contains('\0'))
                else {
                    assert_eq!(blobs, 0, "value {index} remains");
                    continue;
                };
                let keys: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM people WHERE name_key = $1 OR surname_key = $1",
                )
                .bind(text)
                .fetch_one(pool)
                .await
                .unwrap();
                assert_eq!(blobs + keys, 0, "value {index} remains");
            }
            let audit: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM audit_events WHERE details LIKE '%Zebulonova%'",
            )
            .fetch_one(pool)
            .await
            .unwrap();
            assert_eq!(audit, 0, "the audit log names nobody");
        }
    }
    let files = std::fs::read_dir(t.app.paths.files())
        .map(|entries| entries.count())
        .unwrap_or(0);
    assert_eq!(files, 0, "the file store keeps no file of the person");
}

async fn dashboard(t: &TestApp, team: &Team) -> String {
    let month = Month::of_millis(now_millis());
    let filter = ReportFilter {
        from: month,
        to: month,
        office_id: None,
        pathway_id: None,
    };
    let dashboard = indicators::dashboard(&t.app, &team.supervisor.actor(), &filter)
        .await
        .unwrap();
    format!(
        "{:?}",
        (
            &dashboard.monthly,
            &dashboard.sex_and_age,
            &dashboard.breakdowns
        )
    )
}

#[tokio::test]
async fn a_supervisor_erases_a_person_and_nothing_identifying_remains() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let (case_id, person) = open_case(&t, &team, "Zebulonova").await;
        let (other_case, _) = open_case(&t, &team, "Kowalczyk").await;
        fill_case(&t, &team, &case_id).await;
        let values = traces(&t, &person, &case_id).await;
        let before = dashboard(&t, &team).await;
        let confirmed = erasure_form(&t, &team, &case_id, "objection").await;
        let reason = |reason: &str| ErasureForm {
            reason: reason.into(),
            ..confirmed.clone()
        };

        let denied = erasure::erase_person(
            &t.app,
            &team.caseworker.actor(),
            &person,
            &reason("objection"),
        )
        .await;
        assert!(matches!(denied, Err(Error::Forbidden)), "{denied:?}");
        let missing =
            erasure::erase_person(&t.app, &team.supervisor.actor(), &person, &reason("")).await;
        assert!(matches!(missing, Err(Error::Invalid(_))), "{missing:?}");
        // The reference of another person's case does not confirm this one.
        let other_reference = erasure_form(&t, &team, &other_case, "objection").await;
        let wrong = ErasureForm {
            reason: "objection".into(),
            confirm_reference: other_reference.confirm_reference,
        };
        match erasure::erase_person(&t.app, &team.supervisor.actor(), &person, &wrong).await {
            Err(Error::Invalid(errors)) => assert_eq!(
                errors.for_field("confirm_reference"),
                Some("privacy-erase-error-reference")
            ),
            other => panic!("a wrong reference was taken: {other:?}"),
        }

        let erased = erasure::erase_person(
            &t.app,
            &team.supervisor.actor(),
            &person,
            &reason("objection"),
        )
        .await
        .unwrap();
        assert_eq!((erased.cases, erased.people, erased.files), (1, 1, 1));
        let again = erasure::erase_person(
            &t.app,
            &team.supervisor.actor(),
            &person,
            &reason("objection"),
        )
        .await;
        assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");

        assert_no_trace(&t, &values).await;
        assert_eq!(
            dashboard(&t, &team).await,
            before,
            "the indicators count the same"
        );
        assert_chain_intact(&t).await;
        let events = erasure_events(&t).await;
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].target_id.as_deref(), Some(person.as_str()));
        assert!(events[0].details.contains(&case_id) && !events[0].details.contains("Zebulonova"));

        // The case stays, without its content; the other case keeps everything.
        let file = cases::open(&t.app, &team.supervisor.actor(), &case_id)
            .await
            .unwrap();
        assert_eq!(file.members[0].person.names.surname, "");
        let other = cases::open(&t.app, &team.supervisor.actor(), &other_case)
            .await
            .unwrap();
        assert_eq!(other.members[0].person.names.surname, "Kowalczyk");
        t
    })
    .await;
}

#[tokio::test]
async fn of_two_concurrent_erasures_of_one_person_exactly_one_runs() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let (case_id, person) = open_case(&t, &team, "Zebulonova").await;
        fill_case(&t, &team, &case_id).await;
        let supervisor = team.supervisor.actor();
        let form = erasure_form(&t, &team, &case_id, "objection").await;

        let (first, second) = tokio::join!(
            erasure::erase_person(&t.app, &supervisor, &person, &form),
            erasure::erase_person(&t.app, &supervisor, &person, &form),
        );
        let outcomes = [&first, &second];
        assert_eq!(
            outcomes.iter().filter(|outcome| outcome.is_ok()).count(),
            1,
            "{first:?} {second:?}"
        );
        assert_eq!(
            outcomes
                .iter()
                .filter(|outcome| matches!(outcome, Err(Error::Conflict(_))))
                .count(),
            1,
            "{first:?} {second:?}"
        );
        let events = erasure_events(&t).await;
        assert_eq!(events.len(), 1, "one erasure, audited once");
        assert_chain_intact(&t).await;
        t
    })
    .await;
}

#[tokio::test]
async fn after_an_erasure_every_queue_view_still_lists_the_case() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let (erased_case, person) = open_case(&t, &team, "Zebulonova").await;
        for surname in ["Haddad", "Khalil", "Nasser"] {
            open_case(&t, &team, surname).await;
        }
        let form = erasure_form(&t, &team, &erased_case, "objection").await;
        erasure::erase_person(&t.app, &team.supervisor.actor(), &person, &form)
            .await
            .unwrap();
        let reference = cases::open(&t.app, &team.supervisor.actor(), &erased_case)
            .await
            .unwrap()
            .case
            .reference;
        let filters = [
            cases::QueueFilter::default(),
            cases::QueueFilter {
                status: Some("intake".into()),
                ..Default::default()
            },
            cases::QueueFilter {
                pathway: Some("de.family.spouse".into()),
                ..Default::default()
            },
            cases::QueueFilter {
                text: Some(reference.clone()),
                ..Default::default()
            },
        ];
        for filter in &filters {
            // Pages of one, so that the erased case also comes on a later page.
            let mut cursor = None;
            let mut seen = Vec::new();
            loop {
                let page =
                    cases::queue(&t.app, &team.caseworker.actor(), filter, cursor.as_ref(), 1)
                        .await
                        .unwrap_or_else(|error| panic!("{filter:?}: {error}"));
                seen.extend(page.rows.iter().map(|row| row.case.id.clone()));
                match page.next {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            assert!(
                seen.contains(&erased_case),
                "{filter:?} lists the erased case"
            );
        }
        t
    })
    .await;
}

/// The audit events of erasures (at most ten).
async fn erasure_events(t: &TestApp) -> Vec<audit::AuditEvent> {
    audit::list(
        &t.app.db,
        &AuditFilter {
            action: Some("privacy.erase".into()),
            limit: 10,
            ..AuditFilter::default()
        },
    )
    .await
    .unwrap()
}

async fn assert_chain_intact(t: &TestApp) {
    let verdict = audit::verify(&t.app.db, |_| {}).await.unwrap();
    assert!(
        matches!(verdict, audit::ChainVerdict::Intact { .. }),
        "{verdict:?}"
    );
}

/// Closes a case (or refuses it) at a given instant, as the workflow would have recorded it.
async fn end_case(t: &TestApp, case_id: &str, status: &str, at: i64) {
    sqlx::query("UPDATE cases SET status = $1 WHERE id = $2")
        .bind(status)
        .bind(case_id)
        .execute(&t.app.db.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO case_events (id, case_id, at, kind, from_status, to_status) \
         VALUES ($1, $2, $3, 'status', 'intake', $4)",
    )
    .bind(app::time::new_id())
    .bind(case_id)
    .bind(at)
    .bind(status)
    .execute(&t.app.db.pool)
    .await
    .unwrap();
}

async fn erased_cases(t: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT id FROM cases WHERE erased_at IS NOT NULL ORDER BY id")
        .fetch_all(&t.app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_purge_erases_what_has_expired_and_nothing_else() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let console = Actor::console();
        retention::set_policy(
            &t.app,
            &console,
            "JO-AMM",
            &RetentionForm {
                closed_case_years: "2".into(),
                refused_months: "6".into(),
                orientation_years: "3".into(),
            },
        )
        .await
        .unwrap();
        let as_of = now_millis();
        let policy = &retention::policies(&t.app, &console).await.unwrap()[0];
        let closed_cutoff = policy
            .cutoff(retention::Category::ClosedCases, as_of)
            .unwrap();
        let refused_cutoff = policy
            .cutoff(retention::Category::RefusedApplications, as_of)
            .unwrap();
        assert!(as_of - closed_cutoff > 700 * DAY && as_of - refused_cutoff > 180 * DAY);

        let (old_closed, _) = open_case(&t, &team, "Zebulonova").await;
        fill_case(&t, &team, &old_closed).await;
        end_case(&t, &old_closed, "closed", closed_cutoff - 1).await;
        let (young_closed, young_person) = open_case(&t, &team, "Kowalczyk").await;
        end_case(&t, &young_closed, "closed", closed_cutoff).await;
        let (old_refused, _) = open_case(&t, &team, "Nakamura").await;
        end_case(&t, &old_refused, "withdrawn", refused_cutoff - DAY).await;
        let (young_refused, _) = open_case(&t, &team, "Okafor").await;
        end_case(&t, &young_refused, "decided_refused", refused_cutoff + DAY).await;
        let (open_case_id, _) = open_case(&t, &team, "Ivanova").await;
        let values = traces(
            &t,
            &cases::open(&t.app, &team.caseworker.actor(), &old_closed)
                .await
                .unwrap()
                .members[0]
                .person
                .id,
            &old_closed,
        )
        .await;

        // Orientation participants on their own: one whose record is older than the period,
        // with their own account, and one recorded today.
        let orientation_cutoff = policy
            .cutoff(retention::Category::OrientationRecords, as_of)
            .unwrap();
        let migrant = accounts::create(
            &t.app,
            &console,
            &NewUser {
                username: "amal".into(),
                display_name: "Amal Zebulonova".into(),
                password: "a long enough password".into(),
                locale: "en".into(),
                roles: vec!["migrant".into()],
                offices: vec![],
            },
        )
        .await
        .unwrap();
        let participant = |name: &str, user_id: Option<String>| ParticipantForm {
            office_id: team.office.clone(),
            name: name.into(),
            sex: "female".into(),
            birth_year: "1990".into(),
            nationality: "SY".into(),
            migration_category: "family".into(),
            user_id,
        };
        let supervisor = team.supervisor.actor();
        let old_participant = participants::create(
            &t.app,
            &supervisor,
            &participant("Zebulonova Amal", Some(migrant.id.clone())),
        )
        .await
        .unwrap();
        sqlx::query("UPDATE participants SET created_at = $1 WHERE id = $2")
            .bind(orientation_cutoff - DAY)
            .bind(&old_participant.id)
            .execute(&t.app.db.pool)
            .await
            .unwrap();
        let new_participant =
            participants::create(&t.app, &supervisor, &participant("Okafor Ada", None))
                .await
                .unwrap();

        let denied = retention::plan(&t.app, &team.supervisor.actor(), as_of).await;
        assert!(matches!(denied, Err(Error::Forbidden)));
        let plan = retention::plan(&t.app, &console, as_of).await.unwrap();
        let counts: Vec<(&str, u64)> = plan
            .iter()
            .map(|expired| (expired.category.as_str(), expired.count))
            .collect();
        assert_eq!(
            counts,
            [
                ("closed_cases", 1),
                ("refused_applications", 1),
                ("orientation_records", 1)
            ]
        );
        assert!(
            erased_cases(&t).await.is_empty(),
            "the dry run changes nothing"
        );

        let mut reports = Vec::new();
        let erased = retention::purge(
            &t.app,
            &console,
            as_of,
            Some(&mut |progress| reports.push(progress)),
        )
        .await
        .unwrap();
        assert_eq!(
            (erased.cases, erased.people, erased.participants),
            (2, 2, 1)
        );
        assert_eq!(erased.accounts, 1, "the old participant's own account");
        assert_eq!(reports.last().map(|p| (p.done, p.total)), Some((3, 3)));
        let names: Vec<String> =
            sqlx::query_scalar("SELECT username || ':' || display_name FROM users WHERE id = $1")
                .bind(&migrant.id)
                .fetch_all(&t.app.db.pool)
                .await
                .unwrap();
        assert_eq!(names, [format!("erased-{}:", migrant.id)]);
        assert_eq!(
            participants::get(&t.app, &supervisor, &old_participant.id)
                .await
                .unwrap()
                .name,
            ""
        );
        assert_eq!(
            participants::get(&t.app, &supervisor, &new_participant.id)
                .await
                .unwrap()
                .name,
            "Okafor Ada"
        );
        let mut expected = vec![old_closed.clone(), old_refused.clone()];
        expected.sort();
        assert_eq!(erased_cases(&t).await, expected);
        for kept in [&young_closed, &young_refused, &open_case_id] {
            let file = cases::open(&t.app, &team.supervisor.actor(), kept)
                .await
                .unwrap();
            assert!(
                !file.members[0].person.names.surname.is_empty(),
                "{kept} is kept"
            );
        }
        let young: Option<i64> = sqlx::query_scalar("SELECT erased_at FROM people WHERE id = $1")
            .bind(&young_person)
            .fetch_one(&t.app.db.pool)
            .await
            .unwrap();
        assert_eq!(young, None);
        assert_no_trace(&t, &values).await;
        assert_chain_intact(&t).await;
        assert!(
            retention::plan(&t.app, &console, as_of)
                .await
                .unwrap()
                .is_empty()
        );
        t
    })
    .await;
}

#[tokio::test]
async fn the_purge_walks_past_what_it_keeps_batch_after_batch() {
    for_each_backend(test_settings(), |t| async move {
        app::demo::seed(&t.app).await.unwrap();
        let console = Actor::console();
        let options = GenerateOptions {
            count: 2_500,
            office_code: Some("TR-IST".into()),
            ..GenerateOptions::default()
        };
        generate::generate(&t.app, &console, &options, |_| {})
            .await
            .unwrap();
        let office = offices::find_by_code(&t.app.db, "TR-IST")
            .await
            .unwrap()
            .unwrap()
            .id;
        let as_of = now_millis();
        let policy = retention::policies(&t.app, &console)
            .await
            .unwrap()
            .into_iter()
            .find(|policy| policy.office_id == office)
            .unwrap();
        let cutoff = policy
            .cutoff(retention::Category::ClosedCases, as_of)
            .unwrap();
        // Every case of the office closed, every other one (in id order) long enough ago to
        // have expired: more than one batch expires, with kept cases between them.
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT id FROM cases WHERE office_id = $1 ORDER BY id")
                .bind(&office)
                .fetch_all(&t.app.db.pool)
                .await
                .unwrap();
        let mut expected = Vec::new();
        for (n, id) in ids.iter().enumerate() {
            let at = if n % 2 == 0 {
                cutoff - DAY
            } else {
                as_of - DAY
            };
            sqlx::query(
                "UPDATE case_events SET at = $1 WHERE case_id = $2 AND to_status = 'closed'",
            )
            .bind(at)
            .bind(id)
            .execute(&t.app.db.pool)
            .await
            .unwrap();
            end_case(&t, id, "closed", at).await;
            if n % 2 == 0 {
                expected.push(id.clone());
            }
        }
        assert!(
            i64::try_from(expected.len()).unwrap() > retention::BATCH,
            "more than one batch expires"
        );

        retention::purge(&t.app, &console, as_of, None)
            .await
            .unwrap();
        let erased: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM cases WHERE office_id = $1 AND erased_at IS NOT NULL ORDER BY id",
        )
        .bind(&office)
        .fetch_all(&t.app.db.pool)
        .await
        .unwrap();
        assert_eq!(erased, expected);
        let left = retention::plan(&t.app, &console, as_of).await.unwrap();
        assert!(left.is_empty(), "{left:?}");
        t
    })
    .await;
}

#[tokio::test]
async fn an_account_another_kept_person_uses_is_not_erased_with_one_of_them() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let (first_case, first) = open_case(&t, &team, "Zebulonova").await;
        let (second_case, second) = open_case(&t, &team, "Kowalczyk").await;
        let family = testing::account(&t, "family", "migrant", &[]).await;
        let caseworker = team.caseworker.actor();
        for (case_id, person) in [(&first_case, &first), (&second_case, &second)] {
            notes::link_account(&t.app, &caseworker, case_id, person, &family.id)
                .await
                .unwrap();
        }
        let form = erasure_form(&t, &team, &first_case, "objection").await;
        let supervisor = team.supervisor.actor();
        erasure::erase_person(&t.app, &supervisor, &first, &form)
            .await
            .unwrap();
        let kept = accounts::load(&t.app.db, &family.id).await.unwrap();
        assert_eq!(kept.username, "family", "still used for the other person");
        assert!(!kept.disabled);

        let form = erasure_form(&t, &team, &second_case, "objection").await;
        erasure::erase_person(&t.app, &supervisor, &second, &form)
            .await
            .unwrap();
        let gone = accounts::load(&t.app.db, &family.id).await.unwrap();
        assert_ne!(
            gone.username, "family",
            "erased with the last person using it"
        );
        t
    })
    .await;
}
