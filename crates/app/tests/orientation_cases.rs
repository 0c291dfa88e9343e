//! Orientation beside case management, on SQLite and on PostgreSQL when a server is available:
//! a case's family enrolled in one step (duplicates skipped, waitlist respected, audited), and
//! the travel move held back until the principal applicant holds a valid certificate where the
//! office requires one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::{self, NewUser};
use app::audit::{self, AuditFilter};
use app::cases::people::PersonForm;
use app::cases::{self, MoveRequest, NewCaseForm};
use app::error::Error;
use app::offices::{self, OfficeForm};
use app::orientation::families::{FamilyEnrolment, enrol_case_family};
use app::orientation::requirements::{self, ALL_PATHWAYS};
use app::orientation::sessions::{self, SessionForm};
use app::orientation::{Stage, curricula, seed};
use app::policy::{Actor, Role};
use app::testing::{TestApp, for_each_backend, test_settings};
use app::time::DAY;
use app::time::{MINUTE, new_id, now_millis};

struct Setup {
    office: String,
    caseworker: Actor,
    facilitator: Actor,
    case: cases::Case,
    session: String,
    curriculum: String,
}

fn person(surname: &str, given: &str, sex: &str) -> PersonForm {
    PersonForm {
        surname: surname.into(),
        given_names: given.into(),
        birth_date: "1990-04".into(),
        sex: sex.into(),
        nationality: "SYR".into(),
    }
}

async fn user(t: &TestApp, name: &str, role: &str, office: &str) -> String {
    let new_user = NewUser {
        username: name.into(),
        display_name: name.into(),
        password: "a long enough password".into(),
        locale: "en".into(),
        roles: vec![role.into()],
        offices: vec![office.to_owned()],
    };
    accounts::create(&t.app, &Actor::console(), &new_user)
        .await
        .unwrap()
        .id
}

/// An office, a case with a principal applicant, a spouse, a child and a sponsor, and a PDO
/// session of two places.
async fn setup(t: &TestApp) -> Setup {
    let app = &t.app;
    seed::import_shipped(app, &Actor::console()).await.unwrap();
    let office = offices::create(
        app,
        &Actor::console(),
        &OfficeForm {
            code: "JO-AMM".into(),
            name: "Amman".into(),
            country: "JO".into(),
            kind: "field_office".into(),
            ..OfficeForm::default()
        },
    )
    .await
    .unwrap()
    .id;
    let actor = |id: String, role: Role| Actor {
        user_id: id,
        roles: vec![role],
        offices: vec![office.clone()],
    };
    let caseworker = actor(
        user(t, "rana", "caseworker", &office).await,
        Role::Caseworker,
    );
    let facilitator = actor(
        user(t, "ali", "facilitator", &office).await,
        Role::Facilitator,
    );
    let case = cases::create(
        app,
        &caseworker,
        &NewCaseForm {
            office_id: office.clone(),
            pathway: "de/de.family.spouse".into(),
            applicant: person("Haddad", "Amal", "F"),
        },
    )
    .await
    .unwrap();
    for (index, (given, sex, role)) in [
        ("Omar", "M", "spouse"),
        ("Lina", "F", "child"),
        ("Karim", "M", "sponsor"),
    ]
    .into_iter()
    .enumerate()
    {
        cases::add_member(
            app,
            &caseworker,
            &case.id,
            case.version + index as i64,
            &person("Haddad", given, sex),
            role,
        )
        .await
        .unwrap();
    }
    let curriculum = curricula::find_by_code(&app.db, "ciop-pdo-ph-gcc")
        .await
        .unwrap()
        .unwrap()
        .id;
    let start = (now_millis() / MINUTE) * MINUTE + DAY;
    let date = app::orientation::civil_date(start);
    let minute = start.rem_euclid(DAY) / MINUTE;
    let session = sessions::schedule(
        app,
        &facilitator,
        &SessionForm {
            curriculum_id: curriculum.clone(),
            office_id: office.clone(),
            format: "in_person".into(),
            place: "Amman centre".into(),
            starts_at: format!("{date}T{:02}:{:02}", minute / 60, minute % 60),
            day_count: "1".into(),
            capacity: "2".into(),
            language: "ar".into(),
            facilitators: "R. Cruz".into(),
            interpreter: String::new(),
            support: vec![],
        },
    )
    .await
    .unwrap()
    .id;
    Setup {
        office,
        caseworker,
        facilitator,
        case,
        session,
        curriculum,
    }
}

#[tokio::test]
async fn a_caseworker_enrols_a_family_in_one_step_and_again_changes_nothing() {
    for_each_backend(test_settings(), |t| async move {
        let app = &t.app;
        let s = setup(&t).await;
        let first = enrol_case_family(
            app,
            &s.caseworker,
            &s.session,
            &format!(" {} ", s.case.reference),
        )
        .await
        .unwrap();
        assert_eq!(
            first,
            FamilyEnrolment {
                enrolled: 2,
                waitlisted: 1,
                skipped: 0
            },
            "three family members, two places, the sponsor left out"
        );
        let roster = sessions::roster(app, &s.facilitator, &s.session)
            .await
            .unwrap();
        let names: Vec<&str> = roster
            .lines
            .iter()
            .map(|l| l.participant.name.as_str())
            .collect();
        assert_eq!(names.len(), 3);
        assert_eq!(
            names[0], "Amal Haddad",
            "the principal applicant comes first"
        );
        assert!(!names.contains(&"Karim Haddad"));
        assert!(
            roster
                .lines
                .iter()
                .all(|l| l.participant.migration_category == "family")
        );

        // The facilitator may do the same; everyone is on the session already.
        let again = enrol_case_family(app, &s.facilitator, &s.session, &s.case.reference)
            .await
            .unwrap();
        assert_eq!(
            again,
            FamilyEnrolment {
                enrolled: 0,
                waitlisted: 0,
                skipped: 3
            }
        );
        let participants: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM participants WHERE person_id IS NOT NULL")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(participants, 3, "each person becomes a participant once");

        let events = audit::list(
            &app.db,
            &AuditFilter {
                limit: 1000,
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
        let count = |action: &str| events.iter().filter(|e| e.action == action).count();
        assert_eq!(count("orientation.enrol_case_family"), 2);
        assert_eq!(count("orientation.participant.create"), 3);
        assert_eq!(count("orientation.enrol"), 3);

        // Unknown references, other offices and other roles.
        let Err(Error::Invalid(errors)) =
            enrol_case_family(app, &s.caseworker, &s.session, "XX-0").await
        else {
            panic!("an unknown reference is a field error");
        };
        assert_eq!(
            errors.for_field("case_reference"),
            Some("error-case-not-found")
        );
        let elsewhere = Actor {
            offices: vec!["another office".into()],
            ..s.caseworker.clone()
        };
        assert!(matches!(
            enrol_case_family(app, &elsewhere, &s.session, &s.case.reference).await,
            Err(Error::Forbidden)
        ));
        let analyst = Actor {
            roles: vec![Role::Analyst],
            ..s.caseworker.clone()
        };
        assert!(matches!(
            enrol_case_family(app, &analyst, &s.session, &s.case.reference).await,
            Err(Error::Forbidden)
        ));
        t
    })
    .await;
}

async fn certify(t: &TestApp, s: &Setup, revoked: bool) {
    let enrolment: String = sqlx::query_scalar(
        "SELECT e.id FROM orientation_enrolments e JOIN participants x ON x.id = e.participant_id \
         JOIN case_members m ON m.person_id = x.person_id WHERE m.case_id = $1 AND m.role = 'principal_applicant'",
    )
    .bind(&s.case.id)
    .fetch_one(&t.app.db.pool)
    .await
    .unwrap();
    // Certificates are issued after a completed session; the row is what the travel rule reads.
    sqlx::query("DELETE FROM orientation_certificates WHERE enrolment_id = $1")
        .bind(&enrolment)
        .execute(&t.app.db.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO orientation_certificates (id, enrolment_id, participant_id, curriculum_id, office_id, key_id, \
         token, issued_at, revoked_at) SELECT $1, e.id, e.participant_id, $2, $3, 'k', 't', $4, $5 \
         FROM orientation_enrolments e WHERE e.id = $6",
    )
    .bind(new_id())
    .bind(&s.curriculum)
    .bind(&s.office)
    .bind(now_millis())
    .bind(revoked.then(now_millis))
    .bind(&enrolment)
    .execute(&t.app.db.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn travel_waits_for_the_principal_applicants_certificate_where_the_office_requires_it() {
    for_each_backend(test_settings(), |t| async move {
        let app = &t.app;
        let s = setup(&t).await;
        enrol_case_family(app, &s.caseworker, &s.session, &s.case.reference)
            .await
            .unwrap();
        // The earlier steps are covered by the case tests; start from an approved case.
        sqlx::query("UPDATE cases SET status = 'decided_approved' WHERE id = $1")
            .bind(&s.case.id)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let travel = MoveRequest {
            to: "travel".into(),
            ..MoveRequest::default()
        };
        let version = |case: &cases::Case| case.version;
        let current = cases::open(app, &s.caseworker, &s.case.id)
            .await
            .unwrap()
            .case;

        // Only an office administrator sets the requirement.
        assert!(matches!(
            requirements::require(app, &s.caseworker, &s.office, ALL_PATHWAYS, Stage::Pdo).await,
            Err(Error::Forbidden)
        ));
        requirements::require(app, &Actor::console(), &s.office, ALL_PATHWAYS, Stage::Pdo)
            .await
            .unwrap();
        let blocked =
            cases::move_case(app, &s.caseworker, &s.case.id, version(&current), &travel).await;
        assert!(matches!(
            blocked,
            Err(Error::Conflict("orientation-certificate-required"))
        ));

        certify(&t, &s, true).await;
        let revoked =
            cases::move_case(app, &s.caseworker, &s.case.id, version(&current), &travel).await;
        assert!(
            matches!(
                revoked,
                Err(Error::Conflict("orientation-certificate-required"))
            ),
            "a revoked certificate does not count"
        );

        certify(&t, &s, false).await;
        let moved = cases::move_case(app, &s.caseworker, &s.case.id, version(&current), &travel)
            .await
            .unwrap();
        assert_eq!(moved.status.as_str(), "travel");
        t
    })
    .await;
}
