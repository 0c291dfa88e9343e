//! Case management on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::{self, NewUser, User};
use app::audit::{self, AuditFilter};
use app::cases::people::PersonForm;
use app::cases::triage::{self, Priority};
use app::cases::workflow::CaseStatus;
use app::cases::{self, MoveRequest, NewCaseForm, QueueFilter};
use app::error::Error;
use app::offices::{self, OfficeForm};
use app::policy::Actor;
use app::testing::{TestApp, for_each_backend, test_settings};

struct Team {
    amman: String,
    caseworker: User,
    supervisor: User,
    other_caseworker: User,
    admin: User,
    analyst: User,
}

async fn team(t: &TestApp) -> Team {
    let office = |code: &str, country: &str| OfficeForm {
        code: code.into(),
        name: format!("Office {code}"),
        country: country.into(),
        kind: "field_office".into(),
        ..OfficeForm::default()
    };
    let amman = offices::create(&t.app, &Actor::console(), &office("JO-AMM", "JO"))
        .await
        .unwrap()
        .id;
    let beirut = offices::create(&t.app, &Actor::console(), &office("LB-BEY", "LB"))
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
    let console = Actor::console();
    Team {
        caseworker: accounts::create(&t.app, &console, &user("rana", "caseworker", &amman))
            .await
            .unwrap(),
        supervisor: accounts::create(&t.app, &console, &user("sami", "supervisor", &amman))
            .await
            .unwrap(),
        other_caseworker: accounts::create(&t.app, &console, &user("nour", "caseworker", &beirut))
            .await
            .unwrap(),
        admin: accounts::create(&t.app, &console, &user("root", "admin", &amman))
            .await
            .unwrap(),
        analyst: accounts::create(&t.app, &console, &user("data", "analyst", &amman))
            .await
            .unwrap(),
        amman,
    }
}

fn applicant(surname: &str, given: &str) -> PersonForm {
    PersonForm {
        surname: surname.into(),
        given_names: given.into(),
        birth_date: "1990-04".into(),
        sex: "F".into(),
        nationality: "SYR".into(),
    }
}

async fn open_case(t: &TestApp, team: &Team, surname: &str) -> cases::Case {
    let form = NewCaseForm {
        office_id: team.amman.clone(),
        pathway: "de/de.family.spouse".into(),
        applicant: applicant(surname, "Amal"),
    };
    cases::create(&t.app, &team.caseworker.actor(), &form)
        .await
        .unwrap()
}

async fn step(
    t: &TestApp,
    actor: &Actor,
    case: &cases::Case,
    to: &str,
    reason: &str,
) -> Result<cases::Case, Error> {
    let request = MoveRequest {
        to: to.into(),
        reason: reason.into(),
        override_completeness: false,
    };
    cases::move_case(&t.app, actor, &case.id, case.version, &request).await
}

#[tokio::test]
async fn a_new_case_gets_a_reference_its_applicant_and_a_timeline() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let first = open_case(&t, &team, "Haddad").await;
        let second = open_case(&t, &team, "Khalil").await;
        assert!(first.reference.starts_with("JO-DEU-20") && first.reference.ends_with("-000001"), "{}", first.reference);
        assert!(second.reference.ends_with("-000002"));
        assert_eq!(first.status, CaseStatus::Intake);
        assert_eq!(first.pack_hash, t.app.packs.get("de").unwrap().hash);
        let file = cases::open(&t.app, &team.caseworker.actor(), &first.id).await.unwrap();
        assert_eq!(file.members.len(), 1);
        assert_eq!(file.members[0].person.names.surname, "Haddad");
        assert_eq!(file.members[0].person.birth_date.as_deref(), Some("1990-04"));
        assert_eq!(file.timeline[0].kind.as_str(), "opened");
        let created =
            audit::list(&t.app.db, &AuditFilter { action: Some("case.create".into()), limit: 10, ..Default::default() })
                .await
                .unwrap();
        assert_eq!(created.len(), 2);
        assert!(created.iter().all(|event| !event.details.contains("Haddad") && !event.details.contains("Khalil")));
        t
    })
    .await;
}

#[tokio::test]
async fn an_invalid_case_names_its_fields_and_writes_nothing() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let form = NewCaseForm {
            office_id: team.amman.clone(),
            pathway: "de/no.such.pathway".into(),
            applicant: PersonForm {
                surname: " ".into(),
                given_names: "Amal".into(),
                birth_date: "1990-02-30".into(),
                sex: "Q".into(),
                nationality: "Syria".into(),
            },
        };
        let Err(Error::Invalid(errors)) =
            cases::create(&t.app, &team.caseworker.actor(), &form).await
        else {
            panic!("expected field errors")
        };
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["pathway", "surname", "birth_date", "sex", "nationality"]
        );
        let page = cases::queue(
            &t.app,
            &team.caseworker.actor(),
            &QueueFilter::default(),
            None,
            50,
        )
        .await
        .unwrap();
        assert!(page.rows.is_empty());
        t
    })
    .await;
}

#[tokio::test]
async fn the_workflow_allows_only_the_moves_in_its_table() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let worker = team.caseworker.actor();
        let mut case = open_case(&t, &team, "Haddad").await;
        let skip = step(&t, &worker, &case, "submitted", "").await;
        assert!(
            matches!(skip, Err(Error::Conflict("move-not-allowed"))),
            "{skip:?}"
        );
        for to in ["counselling", "forms", "completeness_check"] {
            case = step(&t, &worker, &case, to, "").await.unwrap();
        }
        let without_file = step(&t, &worker, &case, "ready_for_submission", "").await;
        assert!(matches!(
            without_file,
            Err(Error::Conflict("completeness-never-checked"))
        ));
        let request = MoveRequest {
            to: "ready_for_submission".into(),
            reason: "Embassy accepts the translation".into(),
            override_completeness: true,
        };
        let by_caseworker =
            cases::move_case(&t.app, &worker, &case.id, case.version, &request).await;
        assert!(
            matches!(by_caseworker, Err(Error::Forbidden)),
            "only a supervisor overrides"
        );
        let no_reason = MoveRequest {
            reason: String::new(),
            ..request.clone()
        };
        let unexplained = cases::move_case(
            &t.app,
            &team.supervisor.actor(),
            &case.id,
            case.version,
            &no_reason,
        )
        .await;
        assert!(matches!(unexplained, Err(Error::Invalid(_))));
        case = cases::move_case(
            &t.app,
            &team.supervisor.actor(),
            &case.id,
            case.version,
            &request,
        )
        .await
        .unwrap();
        assert_eq!(case.status, CaseStatus::ReadyForSubmission);

        let held = step(&t, &worker, &case, "on_hold", "").await;
        assert!(
            matches!(held, Err(Error::Invalid(_))),
            "holding needs a reason"
        );
        case = step(&t, &worker, &case, "on_hold", "Sponsor moving house")
            .await
            .unwrap();
        case = step(&t, &worker, &case, "ready_for_submission", "")
            .await
            .unwrap();
        assert_eq!(
            case.status,
            CaseStatus::ReadyForSubmission,
            "resuming returns to where it was"
        );
        case = step(&t, &worker, &case, "withdrawn", "Family decided to wait")
            .await
            .unwrap();
        assert!(step(&t, &worker, &case, "intake", "").await.is_err());

        let file = cases::open(&t.app, &worker, &case.id).await.unwrap();
        let reasons: Vec<&str> = file
            .timeline
            .iter()
            .filter_map(|entry| entry.reason.as_deref())
            .collect();
        assert_eq!(
            reasons,
            [
                "Embassy accepts the translation",
                "Sponsor moving house",
                "Family decided to wait"
            ]
        );
        let moves = audit::list(
            &t.app.db,
            &AuditFilter {
                action: Some("case.move".into()),
                limit: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(moves.len(), 7);
        assert!(
            moves
                .iter()
                .any(|event| event.details.contains("\"override\":true"))
        );
        t
    })
    .await;
}

#[tokio::test]
async fn a_stale_edit_is_a_conflict() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let case = open_case(&t, &team, "Haddad").await;
        step(&t, &team.caseworker.actor(), &case, "counselling", "")
            .await
            .unwrap();
        let stale = step(
            &t,
            &team.caseworker.actor(),
            &case,
            "withdrawn",
            "late click",
        )
        .await;
        assert!(
            matches!(stale, Err(Error::Conflict("stale-version"))),
            "{stale:?}"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn a_vulnerable_case_jumps_the_queue_only_after_a_supervisor_confirms() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let worker = team.caseworker.actor();
        let older = open_case(&t, &team, "Haddad").await;
        let vulnerable = open_case(&t, &team, "Khalil").await;
        let order = |page: cases::QueuePage| {
            page.rows
                .into_iter()
                .map(|row| row.case.reference)
                .collect::<Vec<_>>()
        };
        let before = order(
            cases::queue(&t.app, &worker, &QueueFilter::default(), None, 50)
                .await
                .unwrap(),
        );
        assert_eq!(
            before,
            [older.reference.clone(), vulnerable.reference.clone()]
        );

        let codes = vec!["SC-UC".to_owned(), "DS-PM".to_owned()];
        let suggested = cases::assess(
            &t.app,
            &worker,
            &vulnerable.id,
            vulnerable.version,
            &codes,
            "Child travels alone",
        )
        .await
        .unwrap();
        assert_eq!(suggested, Priority::Urgent);
        let still = order(
            cases::queue(&t.app, &worker, &QueueFilter::default(), None, 50)
                .await
                .unwrap(),
        );
        assert_eq!(
            still, before,
            "a suggestion alone does not reorder the queue"
        );

        let current = cases::open(&t.app, &worker, &vulnerable.id)
            .await
            .unwrap()
            .case;
        let by_worker =
            cases::confirm_priority(&t.app, &worker, &current.id, current.version).await;
        assert!(matches!(by_worker, Err(Error::Forbidden)));
        let confirmed = cases::confirm_priority(
            &t.app,
            &team.supervisor.actor(),
            &current.id,
            current.version,
        )
        .await
        .unwrap();
        assert_eq!(confirmed.priority, Priority::Urgent);
        assert!(confirmed.due_at < older.due_at);
        let after = order(
            cases::queue(&t.app, &worker, &QueueFilter::default(), None, 50)
                .await
                .unwrap(),
        );
        assert_eq!(
            after,
            [vulnerable.reference.clone(), older.reference.clone()]
        );

        let reads = audit::list(
            &t.app.db,
            &AuditFilter {
                action: Some("case.read_sensitive".into()),
                limit: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert!(
            !reads.is_empty(),
            "opening a file with vulnerability data is audited"
        );
        let file = cases::open(&t.app, &team.supervisor.actor(), &vulnerable.id)
            .await
            .unwrap();
        assert_eq!(
            file.assessment.unwrap().narrative.as_deref(),
            Some("Child travels alone")
        );
        t
    })
    .await;
}

#[tokio::test]
async fn other_offices_administrators_and_analysts_cannot_open_a_case() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let case = open_case(&t, &team, "Haddad").await;
        for outsider in [&team.other_caseworker, &team.admin, &team.analyst] {
            let opened = cases::open(&t.app, &outsider.actor(), &case.id).await;
            assert!(
                matches!(opened, Err(Error::NotFound)),
                "{}: {opened:?}",
                outsider.username
            );
        }
        let theirs = cases::queue(
            &t.app,
            &team.other_caseworker.actor(),
            &QueueFilter::default(),
            None,
            50,
        )
        .await
        .unwrap();
        assert!(theirs.rows.is_empty());
        assert!(
            cases::queue(
                &t.app,
                &team.analyst.actor(),
                &QueueFilter::default(),
                None,
                50
            )
            .await
            .is_err()
        );
        t
    })
    .await;
}

#[tokio::test]
async fn the_queue_pages_by_key_without_gaps_or_repeats() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let mut opened = Vec::new();
        for n in 0..7 {
            opened.push(open_case(&t, &team, &format!("Family{n}")).await.reference);
        }
        let worker = team.caseworker.actor();
        let mut seen = Vec::new();
        let mut cursor = None;
        loop {
            let page = cases::queue(&t.app, &worker, &QueueFilter::default(), cursor.as_ref(), 3)
                .await
                .unwrap();
            assert!(page.rows.len() <= 3);
            seen.extend(page.rows.iter().map(|row| row.case.reference.clone()));
            match page.next {
                Some(next) => cursor = Some(cases::QueueCursor::decode(&next.encode()).unwrap()),
                None => break,
            }
        }
        assert_eq!(seen, opened);
        t
    })
    .await;
}

#[tokio::test]
async fn people_are_found_by_reference_and_by_name_in_any_spelling() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let worker = team.caseworker.actor();
        let case = open_case(&t, &team, "Müller").await;
        open_case(&t, &team, "Haddad").await;
        let by_text = |text: &str| QueueFilter {
            text: Some(text.into()),
            ..Default::default()
        };
        let found = cases::queue(&t.app, &worker, &by_text("Mueller"), None, 50)
            .await
            .unwrap();
        assert_eq!(found.rows.len(), 1);
        assert_eq!(found.rows[0].applicant.as_ref().unwrap().surname, "Müller");
        let by_reference = cases::queue(
            &t.app,
            &worker,
            &by_text(&case.reference.to_lowercase()),
            None,
            50,
        )
        .await
        .unwrap();
        assert_eq!(by_reference.rows.len(), 1);
        let similar = cases::similar_people(&t.app, &worker, "MUELLER", "Amal")
            .await
            .unwrap();
        assert_eq!(similar.len(), 1);
        assert_eq!(similar[0].1, case.reference);
        let elsewhere =
            cases::similar_people(&t.app, &team.other_caseworker.actor(), "Müller", "Amal")
                .await
                .unwrap();
        assert!(
            elsewhere.is_empty(),
            "another office's people stay out of sight"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn an_office_sets_its_own_service_levels() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let day = 24 * 60 * 60 * 1000;
        let by_supervisor =
            triage::set_office_sla(&t.app, &team.supervisor.actor(), &team.amman, "urgent", 3)
                .await;
        assert!(
            matches!(by_supervisor, Err(Error::Forbidden)),
            "administrators set them"
        );
        let invalid =
            triage::set_office_sla(&t.app, &team.admin.actor(), &team.amman, "soon", 0).await;
        let Err(Error::Invalid(errors)) = invalid else {
            panic!("expected field errors")
        };
        assert_eq!(
            errors
                .0
                .iter()
                .map(|e| e.field.as_str())
                .collect::<Vec<_>>(),
            ["priority", "days"]
        );
        for (priority, days) in [("urgent", 3), ("normal", 30), ("urgent", 4)] {
            triage::set_office_sla(&t.app, &team.admin.actor(), &team.amman, priority, days)
                .await
                .unwrap();
        }
        let case = open_case(&t, &team, "Haddad").await;
        assert_eq!(
            case.due_at - case.opened_at,
            30 * day,
            "a new case gets the office's normal level"
        );
        let worker = team.caseworker.actor();
        cases::assess(
            &t.app,
            &worker,
            &case.id,
            case.version,
            &["SC-UC".to_owned()],
            "",
        )
        .await
        .unwrap();
        let current = cases::open(&t.app, &worker, &case.id).await.unwrap().case;
        let confirmed = cases::confirm_priority(
            &t.app,
            &team.supervisor.actor(),
            &current.id,
            current.version,
        )
        .await
        .unwrap();
        assert_eq!(confirmed.priority, Priority::Urgent);
        assert_eq!(
            confirmed.due_at - confirmed.opened_at,
            4 * day,
            "the latest setting counts"
        );
        let changes = audit::list(
            &t.app.db,
            &AuditFilter {
                action: Some("office.set_sla".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(changes.len(), 3);
        t
    })
    .await;
}
