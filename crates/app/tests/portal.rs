//! The portal's pathway finder: the next question comes from the rules engine, "I don't know"
//! keeps a fact unknown and shows it as something to find out, and answers are checked by type.
//!
//! The finder reads only the loaded packs and stores nothing, so SQLite alone is enough for
//! it; starting an application writes, so those tests run on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::Error;
use app::accounts;
use app::cases::{self, QueueFilter, facts::FactSource, notes};
use app::policy::{Actor, Role};
use app::portal::apply::{self, ApplicationForm};
use app::portal::finder::{self, FinderState, Step};
use app::privacy::consent::{self, Basis, Purpose};
use app::testing::{self, TestApp, for_each_backend, sqlite_app, test_settings};

fn family_in_germany() -> FinderState {
    FinderState {
        pack_id: "de".into(),
        purpose: "family".into(),
        answers: Vec::new(),
    }
}

fn asked(step: Step) -> String {
    match step {
        Step::Ask(question) => question.name,
        Step::Check => "(check)".into(),
    }
}

#[tokio::test]
async fn dont_know_is_not_asked_again_and_shows_as_to_find_out() {
    let t = sqlite_app(test_settings()).await;
    let app = &t.app;
    let state = family_in_germany();
    let first = asked(finder::next_step(app, &state, "en").unwrap());
    assert_eq!(first, "sponsor.title");

    let state = finder::answer(app, &state, &first, None).unwrap();
    assert_eq!(state.answer_to("sponsor.title"), Some(""));
    let second = asked(finder::next_step(app, &state, "en").unwrap());
    assert_ne!(
        second, "sponsor.title",
        "a skipped question is not asked again"
    );

    let result = finder::result(app, &state, "en").unwrap();
    let spouse = result
        .iter()
        .find(|pathway| pathway.pathway_id == "de.family.spouse")
        .unwrap();
    assert_eq!(spouse.outcome, "undetermined");
    assert!(
        spouse
            .to_find_out
            .iter()
            .any(|question| question.text.contains("Which residence title")),
        "{:?}",
        spouse.to_find_out
    );
    t.finish().await;
}

#[tokio::test]
async fn answers_are_checked_by_the_fact_type() {
    let t = sqlite_app(test_settings()).await;
    let app = &t.app;
    let state = family_in_germany();
    for (name, value, key) in [
        ("applicant.birth_date", "14.03.1995", "portal-error-date"),
        ("sponsor.title", "king", "portal-error-choose"),
        ("household.net_income", "-5", "portal-error-money"),
        ("household.living_space_sqm", "sixty", "portal-error-number"),
        (
            "household.health_insurance",
            "perhaps",
            "portal-error-choose",
        ),
        ("children", "40", "portal-error-number"),
        ("applicant.married", " ", "portal-error-required"),
    ] {
        match finder::answer(app, &state, name, Some(value)) {
            Err(Error::Invalid(errors)) => assert_eq!(errors.for_field(name), Some(key), "{name}"),
            other => panic!("{name}={value} was taken: {other:?}"),
        }
    }
    assert!(matches!(
        finder::answer(app, &state, "applicant.favourite_colour", Some("blue")),
        Err(Error::NotFound)
    ));
    let state = finder::answer(app, &state, "household.net_income", Some("2400.50")).unwrap();
    assert_eq!(state.answer_to("household.net_income"), Some("2400.50"));
    t.finish().await;
}

#[tokio::test]
async fn answers_typed_with_arabic_or_persian_digits_read_as_the_same_numbers() {
    let t = sqlite_app(test_settings()).await;
    let app = &t.app;
    let state = family_in_germany();
    for (typed, read) in [
        ("٣٢٠٠", "3200"),
        ("۳۲۰۰", "3200"),
        ("٣٬٢٠٠٫٥٠", "3200.50"),
        ("3,200.50", "3200.50"),
        ("3 200", "3200"),
    ] {
        let answered = finder::answer(app, &state, "household.net_income", Some(typed))
            .unwrap_or_else(|error| panic!("{typed}: {error:?}"));
        assert_eq!(
            answered.answer_to("household.net_income"),
            Some(read),
            "{typed}"
        );
    }
    let counted = finder::answer(app, &state, "children", Some("٢")).unwrap();
    assert_eq!(counted.answer_to("children"), Some("2"));
    let born = finder::answer(app, &counted, "children[1].birth_date", Some("٢٠١٩-٠٥-٠٣")).unwrap();
    assert_eq!(born.answer_to("children[1].birth_date"), Some("2019-05-03"));
    t.finish().await;
}

#[tokio::test]
async fn children_are_asked_about_one_by_one_once_counted() {
    let t = sqlite_app(test_settings()).await;
    let app = &t.app;
    let mut state = family_in_germany();
    state = finder::answer(app, &state, "children", Some("2")).unwrap();
    let question = finder::question(app, &state, "children[1].birth_date", "ar").unwrap();
    assert_eq!(question.child, Some(1));
    assert!(question.text.text.contains("ما تاريخ ميلاد هذا الطفل"));
    assert!(matches!(
        finder::question(app, &state, "children[2].birth_date", "en"),
        Err(Error::NotFound)
    ));
    t.finish().await;
}

#[tokio::test]
async fn an_unknown_destination_or_purpose_is_refused() {
    let t = sqlite_app(test_settings()).await;
    let app = &t.app;
    for (pack, purpose, field) in [("mars", "family", "destination"), ("de", "work", "purpose")] {
        match finder::check_start(app, pack, purpose) {
            Err(Error::Invalid(errors)) => assert!(errors.for_field(field).is_some()),
            other => panic!("{pack}.{purpose}: {other:?}"),
        }
    }
    let destinations = finder::destinations(app, "es");
    let germany = destinations.iter().find(|d| d.pack_id == "de").unwrap();
    assert_eq!(germany.purposes, vec!["family".to_owned()]);
    assert!(germany.title.text.starts_with("Alemania"));
    assert_eq!(germany.title.fallback_lang, None);
    t.finish().await;
}

fn application(office_id: &str, identifier: &str) -> ApplicationForm {
    ApplicationForm {
        identifier: identifier.into(),
        password: "a long enough password".into(),
        password_confirm: "a long enough password".into(),
        surname: "Haddad".into(),
        given_names: "Amal".into(),
        office_id: office_id.into(),
        pathway_id: "de.family.spouse".into(),
        consent: true,
        locale: "ar".into(),
        ..ApplicationForm::default()
    }
}

/// A staff member of `office_id` with `role`, as an actor.
async fn staff_in(t: &TestApp, office_id: &str, username: &str, role: &str) -> Actor {
    testing::account(t, username, role, &[office_id])
        .await
        .actor()
}

fn answered_income() -> FinderState {
    FinderState {
        answers: vec![
            ("household.net_income".into(), "2400.50".into()),
            ("sponsor.title".into(), String::new()),
        ],
        ..family_in_germany()
    }
}

/// An application started from the finder's answers, and its applicant as an actor.
async fn applicant(t: &TestApp, office_id: &str, identifier: &str) -> (apply::Started, Actor) {
    let started = apply::start(
        &t.app,
        &answered_income(),
        &application(office_id, identifier),
        "198.51.100.7",
    )
    .await
    .unwrap();
    let me = accounts::load(&t.app.db, &started.user_id)
        .await
        .unwrap()
        .actor();
    (started, me)
}

async fn count(t: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&t.app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn starting_an_application_creates_account_case_facts_consent_and_link_at_once() {
    for_each_backend(test_settings(), |t| async move {
        let amman = testing::office(&t, "JO-AMM").await;
        let started = apply::start(
            &t.app,
            &answered_income(),
            &application(&amman, " Amal.Haddad@Example.org "),
            "198.51.100.7",
        )
        .await
        .unwrap();

        let user = accounts::load(&t.app.db, &started.user_id).await.unwrap();
        assert_eq!(user.username, "amal.haddad@example.org");
        assert_eq!(user.roles, vec![Role::Migrant]);
        let me = user.actor();

        let caseworker = staff_in(&t, &amman, "rana", "caseworker").await;
        let file = cases::open(&t.app, &caseworker, &started.case_id)
            .await
            .unwrap();
        assert_eq!(file.case.status.as_str(), "intake");
        assert_eq!(file.case.reference, started.case_reference);
        assert_eq!(file.case.assigned_to, None, "no staff member was assigned");
        let (questions, version) =
            cases::facts::questions(&t.app, &caseworker, &started.case_id, "en")
                .await
                .unwrap();
        assert_eq!(version, 1);
        let income = questions
            .iter()
            .find(|question| question.name == "household.net_income")
            .unwrap();
        assert_eq!(income.source, Some(FactSource::Declared));
        let title = questions
            .iter()
            .find(|question| question.name == "sponsor.title")
            .unwrap();
        assert_eq!(title.source, None, "\"I don't know\" stays unknown");

        let consents = consent::for_case(&t.app, &caseworker, &started.case_id)
            .await
            .unwrap();
        assert_eq!(consents.len(), 1);
        assert_eq!(consents[0].purpose, Purpose::CaseProcessing);
        assert_eq!(consents[0].basis, Basis::Consent);
        assert_eq!(consents[0].recorded_by.as_deref(), Some(user.id.as_str()));

        notes::add_note(
            &t.app,
            &caseworker,
            &started.case_id,
            "Bring your passport",
            "shared",
        )
        .await
        .unwrap();
        notes::add_note(
            &t.app,
            &caseworker,
            &started.case_id,
            "Internal remark",
            "internal",
        )
        .await
        .unwrap();
        let seen = notes::notes(&t.app, &me, &started.case_id).await.unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].body, "Bring your passport");

        let other = apply::start(
            &t.app,
            &answered_income(),
            &application(&amman, "+962 79 123 4567"),
            "198.51.100.8",
        )
        .await
        .unwrap();
        let other = accounts::load(&t.app.db, &other.user_id).await.unwrap();
        assert_eq!(other.username, "+962791234567");
        assert!(matches!(
            notes::notes(&t.app, &other.actor(), &started.case_id).await,
            Err(Error::NotFound)
        ));

        let queue = cases::queue(&t.app, &caseworker, &QueueFilter::default(), None, 50)
            .await
            .unwrap();
        assert_eq!(queue.rows.len(), 2, "the office's caseworker sees both");
        t
    })
    .await;
}

#[tokio::test]
async fn answers_the_finder_skips_are_not_declared_and_the_application_starts() {
    for_each_backend(test_settings(), |t| async move {
        let amman = testing::office(&t, "JO-AMM").await;
        // A hand-edited link: an unknown fact, a value that does not fit, a child never counted.
        let tampered = FinderState {
            answers: vec![
                ("applicant.favourite_colour".into(), "blue".into()),
                ("household.net_income".into(), "a lot".into()),
                ("children[3].age".into(), "7".into()),
                ("sponsor.title".into(), String::new()),
            ],
            ..family_in_germany()
        };
        let started = apply::start(
            &t.app,
            &tampered,
            &application(&amman, "amal@example.org"),
            "198.51.100.7",
        )
        .await
        .unwrap();
        let caseworker = staff_in(&t, &amman, "rana", "caseworker").await;
        let (questions, _) = cases::facts::questions(&t.app, &caseworker, &started.case_id, "en")
            .await
            .unwrap();
        let income = questions
            .iter()
            .find(|question| question.name == "household.net_income")
            .unwrap();
        assert_eq!(
            income.source, None,
            "the ill-fitting answer is not declared"
        );
        assert!(
            questions
                .iter()
                .all(|question| question.name != "applicant.favourite_colour")
        );
        t
    })
    .await;
}

#[tokio::test]
async fn a_failure_in_a_later_step_leaves_no_account_and_no_case() {
    for_each_backend(test_settings(), |t| async move {
        let amman = testing::office(&t, "JO-AMM").await;
        // The consent step fails after account, case and facts are written.
        sqlx::query("ALTER TABLE consents RENAME TO consents_gone")
            .execute(&t.app.db.pool)
            .await
            .unwrap();
        let refused = apply::start(
            &t.app,
            &answered_income(),
            &application(&amman, "amal@example.org"),
            "198.51.100.7",
        )
        .await
        .unwrap_err();
        assert!(matches!(refused, Error::Database(_)), "{refused:?}");
        assert_eq!(count(&t, "SELECT COUNT(*) FROM users").await, 0);
        assert_eq!(count(&t, "SELECT COUNT(*) FROM cases").await, 0);
        assert_eq!(count(&t, "SELECT COUNT(*) FROM people").await, 0);
        assert_eq!(count(&t, "SELECT COUNT(*) FROM sessions").await, 0);
        t
    })
    .await;
}

#[tokio::test]
async fn a_taken_identifier_writes_nothing_and_attempts_are_throttled() {
    let t = sqlite_app(test_settings()).await;
    let amman = testing::office(&t, "JO-AMM").await;
    let form = application(&amman, "amal@example.org");
    apply::start(&t.app, &answered_income(), &form, "198.51.100.7")
        .await
        .unwrap();
    // Told apart here only: the portal answers it as it answers a new account.
    let taken = apply::start(&t.app, &answered_income(), &form, "198.51.100.9").await;
    assert!(
        matches!(taken, Err(Error::Conflict("identifier-taken"))),
        "{taken:?}"
    );
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases").await, 1);

    let mut bad = application(&amman, "not an address");
    bad.consent = false;
    bad.password_confirm = "something else entirely".into();
    let Err(Error::Invalid(errors)) =
        apply::start(&t.app, &answered_income(), &bad, "203.0.113.1").await
    else {
        panic!("bad input was accepted");
    };
    assert_eq!(
        errors.for_field("identifier"),
        Some("portal-apply-error-identifier")
    );
    assert_eq!(
        errors.for_field("consent"),
        Some("portal-apply-error-consent")
    );
    assert_eq!(
        errors.for_field("password_confirm"),
        Some("portal-apply-error-confirm")
    );

    let per_address = t.app.settings.login_failures_per_address;
    for attempt in 1..per_address {
        let form = application(&amman, &format!("probe{attempt}@example.org"));
        let mut form = form;
        form.consent = false;
        assert!(matches!(
            apply::start(&t.app, &answered_income(), &form, "203.0.113.1").await,
            Err(Error::Invalid(_))
        ));
    }
    assert!(matches!(
        apply::start(
            &t.app,
            &answered_income(),
            &application(&amman, "late@example.org"),
            "203.0.113.1"
        )
        .await,
        Err(Error::TooManyAttempts { .. })
    ));
    assert_eq!(count(&t, "SELECT COUNT(*) FROM users").await, 1);
    t.finish().await;
}

const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0];

/// The applicant's passport row of My application (the declared facts give a checklist).
fn applicants_passport(
    opened: &app::portal::my_application::MyApplication,
) -> &app::portal::my_application::ChecklistEntry {
    opened
        .checklist
        .iter()
        .find(|entry| entry.row.item_id == "passport" && entry.row.person == "applicant")
        .expect("the declared facts gave a checklist")
}

#[tokio::test]
async fn my_application_is_the_applicants_own_and_takes_their_files() {
    use app::cases::documents::{self, ItemState, NewDocument};
    use app::portal::my_application;
    for_each_backend(test_settings(), |t| async move {
        let amman = testing::office(&t, "JO-AMM").await;
        let (started, me) = applicant(&t, &amman, "amal@example.org").await;
        let mine = my_application::mine(&t.app, &me, "ar").await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].reference, started.case_reference);

        let opened = my_application::open(&t.app, &me, &started.case_id, "ar")
            .await
            .unwrap();
        assert_eq!(opened.progress.len(), 1, "opened, nothing moved yet");
        let passport = applicants_passport(&opened);
        assert_eq!(passport.row.state, ItemState::Missing);

        let file = |content: &[u8]| NewDocument {
            item: "passport@applicant".into(),
            file_name: "passport.jpg".into(),
            content: content.to_vec(),
            // Ignored: the portal takes files only.
            mrz: "P<UTOERIKSSON<<ANNA<MARIA".into(),
            ..NewDocument::default()
        };
        let refused = documents::add_own_document(&t.app, &me, &started.case_id, file(b""))
            .await
            .unwrap_err();
        assert!(
            matches!(refused, Error::Invalid(ref errors) if errors.for_field("file").is_some())
        );
        let added = documents::add_own_document(&t.app, &me, &started.case_id, file(JPEG))
            .await
            .unwrap();
        assert!(added.via_portal);
        assert!(!added.has_mrz);
        let opened = my_application::open(&t.app, &me, &started.case_id, "ar")
            .await
            .unwrap();
        let passport = applicants_passport(&opened);
        assert_eq!(passport.row.state, ItemState::Provided);
        assert_eq!(passport.documents, 1);

        // Staff refuse the photo with a reason and write an internal note: the applicant sees
        // the refusal, not the reason, and not the note.
        let supervisor = staff_in(&t, &amman, "rana", "supervisor").await;
        documents::decide(
            &t.app,
            &supervisor,
            &started.case_id,
            &passport.row.id,
            passport.row.version,
            documents::Decision::Reject,
            "Blurred; also the officer suspects the stamp",
        )
        .await
        .unwrap();
        notes::add_note(
            &t.app,
            &supervisor,
            &started.case_id,
            "Internal remark",
            "internal",
        )
        .await
        .unwrap();
        let opened = my_application::open(&t.app, &me, &started.case_id, "ar")
            .await
            .unwrap();
        let passport = applicants_passport(&opened);
        assert_eq!(passport.row.state, ItemState::Rejected);
        assert_eq!(passport.row.reason, None);
        assert!(opened.notes.is_empty());
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM audit_events WHERE action = 'case.document_add'"
            )
            .await,
            1
        );

        // Somebody else's application does not exist for this person.
        let other = apply::start(
            &t.app,
            &answered_income(),
            &application(&amman, "omar@example.org"),
            "198.51.100.8",
        )
        .await
        .unwrap();
        for case_id in [other.case_id.as_str(), "no-such-case"] {
            let refused = my_application::open(&t.app, &me, case_id, "ar")
                .await
                .unwrap_err();
            assert!(matches!(refused, Error::NotFound), "{refused:?}");
            let refused = documents::add_own_document(&t.app, &me, case_id, file(JPEG))
                .await
                .unwrap_err();
            assert!(matches!(refused, Error::NotFound), "{refused:?}");
        }

        // A withdrawn application takes no more files.
        sqlx::query("UPDATE cases SET status = 'withdrawn' WHERE id = $1")
            .bind(&started.case_id)
            .execute(&t.app.db.pool)
            .await
            .unwrap();
        let refused = documents::add_own_document(&t.app, &me, &started.case_id, file(JPEG))
            .await
            .unwrap_err();
        assert!(matches!(refused, Error::Invalid(ref errors)
            if errors.for_field("file") == Some("portal-upload-error-closed")));
        t
    })
    .await;
}

#[tokio::test]
async fn with_reference_and_pin_the_user_name_is_the_case_reference() {
    use app::portal::apply::SignInWith;
    for_each_backend(test_settings(), |t| async move {
        let amman = testing::office(&t, "JO-AMM").await;
        let form = ApplicationForm {
            sign_in_with: SignInWith::ReferenceAndPin,
            identifier: String::new(),
            pin: "482913".into(),
            // Confirmed on an Arabic keyboard: the same digits.
            pin_confirm: "٤٨٢٩١٣".into(),
            ..application(&amman, "")
        };
        let started = apply::start(&t.app, &answered_income(), &form, "198.51.100.7")
            .await
            .unwrap();
        assert_eq!(started.username, started.case_reference.to_lowercase());
        let user = accounts::load(&t.app.db, &started.user_id).await.unwrap();
        assert_eq!(user.username, started.username);
        t
    })
    .await;
}

#[tokio::test]
async fn the_office_gives_and_renews_access_with_the_reference_and_a_pin() {
    use app::portal::office_access;
    for_each_backend(test_settings(), |t| async move {
        let amman = testing::office(&t, "JO-AMM").await;
        let caseworker = staff_in(&t, &amman, "rana", "caseworker").await;
        let case = cases::create(
            &t.app,
            &caseworker,
            &cases::NewCaseForm {
                office_id: amman.clone(),
                pathway: "de/de.family.spouse".into(),
                applicant: cases::people::PersonForm {
                    surname: "Tesfaye".into(),
                    given_names: "Selam".into(),
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
        let given = office_access::issue(&t.app, &caseworker, &case.id)
            .await
            .unwrap();
        assert!(!given.renewed);
        assert_eq!(apply::pin_weakness(&given.pin), None);
        let renewed = office_access::issue(&t.app, &caseworker, &case.id)
            .await
            .unwrap();
        assert!(renewed.renewed);
        let accounts: Vec<(String, String)> = sqlx::query_as(
            "SELECT u.username, r.role FROM users u JOIN user_roles r ON r.user_id = u.id \
             JOIN person_accounts a ON a.user_id = u.id",
        )
        .fetch_all(&t.app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            accounts,
            vec![(case.reference.to_lowercase(), "migrant".to_owned())],
            "one account, the migrant's, named by the reference"
        );
        let audit = count(
            &t,
            "SELECT COUNT(*) FROM audit_events WHERE action IN \
             ('case.portal_access_given', 'case.portal_pin_renewed')",
        )
        .await;
        assert_eq!(audit, 2);

        // Someone outside the office may not.
        let other = testing::office(&t, "TR-IST").await;
        let stranger = staff_in(&t, &other, "ali", "caseworker").await;
        let refused = office_access::issue(&t.app, &stranger, &case.id)
            .await
            .unwrap_err();
        assert!(matches!(refused, Error::NotFound), "{refused:?}");
        t
    })
    .await;
}

#[tokio::test]
async fn after_a_key_rotation_uploaded_files_are_sealed_again_under_the_new_key() {
    use app::MasterKeySource;
    use app::cases::documents::{self, NewDocument};
    use app::crypto::{self, FieldContext, Keyring};
    for_each_backend(test_settings(), |t| async move {
        let amman = testing::office(&t, "JO-AMM").await;
        let (started, me) = applicant(&t, &amman, "amal@example.org").await;
        let upload = NewDocument {
            item: "passport@applicant".into(),
            file_name: "passport.jpg".into(),
            content: JPEG.to_vec(),
            ..NewDocument::default()
        };
        let added = documents::add_own_document(&t.app, &me, &started.case_id, upload)
            .await
            .unwrap();

        let master = MasterKeySource::Directory(t.data_dir.path().join("keys"))
            .load()
            .unwrap();
        let report = crypto::rotate_field_key(&t.app.db, &master, |_| {})
            .await
            .unwrap();
        let rotated = app::App {
            keyring: std::sync::Arc::new(Keyring::load(&t.app.db, &master).await.unwrap()),
            ..t.app.clone()
        };
        assert_eq!(
            documents::reseal_files(&rotated, |_, _| {}).await.unwrap(),
            1
        );
        let path = t.app.paths.files().join(&added.id);
        let sealed = std::fs::read(&path).unwrap();
        assert_eq!(
            u32::from_be_bytes([sealed[1], sealed[2], sealed[3], sealed[4]]),
            report.new_key_id
        );
        let context = FieldContext {
            table: "case_documents",
            column: "content",
            row_id: &added.id,
        };
        assert_eq!(
            rotated.keyring.open(context, &sealed).unwrap().as_slice(),
            JPEG
        );
        assert_eq!(
            documents::reseal_files(&rotated, |_, _| {}).await.unwrap(),
            0,
            "nothing left under the old key"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn an_application_is_not_started_at_headquarters() {
    for_each_backend(test_settings(), |t| async move {
        let headquarters = app::offices::create(
            &t.app,
            &Actor::console(),
            &app::offices::OfficeForm {
                code: "DE-BER".into(),
                name: "Berlin headquarters".into(),
                country: "DE".into(),
                kind: "headquarters".into(),
                ..app::offices::OfficeForm::default()
            },
        )
        .await
        .unwrap()
        .id;
        let refused = apply::start(
            &t.app,
            &answered_income(),
            &application(&headquarters, "amal@example.org"),
            "198.51.100.7",
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&refused, Error::Invalid(errors)
                if errors.for_field("office_id") == Some("error-choose-option")
                    && errors.0.iter().filter(|e| e.field == "office_id").count() == 1),
            "{refused:?}"
        );
        assert_eq!(count(&t, "SELECT COUNT(*) FROM cases").await, 0);
        t
    })
    .await;
}

#[tokio::test]
async fn staff_read_who_took_each_step_and_the_applicant_stays_unnamed() {
    for_each_backend(test_settings(), |t| async move {
        let amman = testing::office(&t, "JO-AMM").await;
        let (started, _) = applicant(&t, &amman, "amal@example.org").await;
        let caseworker = testing::account(&t, "rana", "caseworker", &[&amman]).await;
        let me = caseworker.actor();
        let case = cases::open(&t.app, &me, &started.case_id)
            .await
            .unwrap()
            .case;
        app::cases::assignment::assign(
            &t.app,
            &me,
            &[app::cases::assignment::CaseRef {
                id: case.id.clone(),
                version: Some(case.version),
            }],
            &me.user_id,
        )
        .await
        .unwrap();
        let timeline = cases::open(&t.app, &me, &case.id).await.unwrap().timeline;
        let by: Vec<_> = timeline.iter().map(|entry| entry.by.clone()).collect();
        assert_eq!(by.first(), Some(&cases::StepBy::Applicant), "{by:?}");
        assert_eq!(
            by.last(),
            Some(&cases::StepBy::Staff(caseworker.display_name.clone()))
        );
        t
    })
    .await;
}

/// Dates `days` before today, as the finder evaluates on today's date.
fn days_ago(days: i64) -> String {
    rules::today_utc()
        .checked_sub(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn children_left_unknown_do_not_hold_up_a_pathway_that_does_not_depend_on_them() {
    let t = sqlite_app(test_settings()).await;
    let mut state = family_in_germany();
    let recognised = days_ago(30);
    let applied = days_ago(10);
    for (name, value) in [
        ("sponsor.title", "refugee"),
        ("sponsor.recognition_date", recognised.as_str()),
        ("case.application_date", applied.as_str()),
        ("case.family_life_possible_elsewhere", "no"),
        ("sponsor.lives_with_other_spouse", "no"),
        ("applicant.birth_date", "1995-03-14"),
        ("sponsor.birth_date", "1990-07-02"),
        ("applicant.german_level", "A1"),
        ("applicant.married", "yes"),
        ("household.net_income", "900"),
        ("household.health_insurance", "yes"),
        ("applicant.identity_clarified", "yes"),
        ("applicant.has_passport", "yes"),
        ("applicant.expulsion_interest", "no"),
    ] {
        state = finder::answer(&t.app, &state, name, Some(value))
            .unwrap_or_else(|error| panic!("{name}: {error:?}"));
    }
    state = finder::answer(&t.app, &state, "children", None).unwrap();
    assert_eq!(state.answer_to("children"), Some(""));

    let result = finder::result(&t.app, &state, "en").unwrap();
    let spouse = result
        .iter()
        .find(|pathway| pathway.pathway_id == "de.family.spouse")
        .unwrap();
    assert_eq!(spouse.outcome, "eligible", "{spouse:?}");
    assert!(spouse.to_find_out.is_empty(), "{:?}", spouse.to_find_out);
    t.finish().await;
}

#[tokio::test]
async fn choices_read_as_the_packs_labels_in_every_language() {
    let t = sqlite_app(test_settings()).await;
    let canada = FinderState {
        pack_id: "ca".into(),
        purpose: "family".into(),
        answers: Vec::new(),
    };
    let question = finder::question(&t.app, &canada, "case.relationship", "ar").unwrap();
    let partner = question
        .choices
        .iter()
        .find(|choice| choice.value == "common_law_partner")
        .unwrap();
    assert!(
        partner.label.text.starts_with("شريك بحكم الواقع"),
        "{partner:?}"
    );
    assert_eq!(partner.label.fallback_lang, None);

    let ecuador = FinderState {
        pack_id: "ec".into(),
        purpose: "residence".into(),
        answers: vec![("applicant.category".into(), "worker".into())],
    };
    let question = finder::question(&t.app, &ecuador, "applicant.category", "es").unwrap();
    assert_eq!(question.value_label(), "Trabajador");
    t.finish().await;
}

/// The Canadian pack as it was before it had a document checklist, alone in a folder.
fn canada_without_checklist() -> (tempfile::TempDir, std::sync::Arc<app::packs::PackRegistry>) {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs/ca");
    let folder = tempfile::tempdir().unwrap();
    let pack = folder.path().join("ca");
    std::fs::create_dir_all(pack.join("pathways")).unwrap();
    for file in ["pack.yaml", "crs.yaml", "pathways/sponsorship.yaml"] {
        std::fs::copy(source.join(file), pack.join(file)).unwrap();
    }
    let registry = app::packs::PackRegistry::load_dir(folder.path()).unwrap();
    (folder, std::sync::Arc::new(registry))
}

#[tokio::test]
async fn a_pathway_without_a_document_checklist_neither_offers_nor_starts_an_application() {
    for_each_backend(test_settings(), |mut t| async move {
        let canada = FinderState {
            pack_id: "ca".into(),
            purpose: "family".into(),
            answers: Vec::new(),
        };
        let with_checklist = finder::result(&t.app, &canada, "en").unwrap();
        assert!(with_checklist.iter().all(|pathway| pathway.has_checklist));

        let (_folder, packs) = canada_without_checklist();
        t.app = t.app.clone().with_packs(packs);
        let without = finder::result(&t.app, &canada, "en").unwrap();
        assert!(without.iter().all(|pathway| !pathway.has_checklist));

        let amman = testing::office(&t, "JO-AMM").await;
        let form = ApplicationForm {
            pathway_id: "ca.family.sponsorship".into(),
            ..application(&amman, "amal@example.org")
        };
        match apply::start(&t.app, &canada, &form, "198.51.100.7").await {
            Err(Error::Invalid(errors)) => assert_eq!(
                errors.for_field("pathway"),
                Some("finder-error-no-checklist")
            ),
            other => panic!("an application started without a checklist: {other:?}"),
        }
        assert_eq!(count(&t, "SELECT COUNT(*) FROM cases").await, 0);
        t
    })
    .await;
}
