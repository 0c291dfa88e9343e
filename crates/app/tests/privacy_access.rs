//! Subject access and break-the-glass, on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::{self, NewUser, User};
use app::audit::{self, AuditFilter};
use app::cases::appointments::{self, AppointmentForm};
use app::cases::documents::{self, NewDocument};
use app::cases::facts::{self, FactEntry};
use app::cases::notes;
use app::cases::people::PersonForm;
use app::cases::{self, NewCaseForm};
use app::error::Error;
use app::offices::{self, OfficeForm};
use app::orientation::participants::{self, ParticipantForm};
use app::policy::Actor;
use app::privacy::break_glass;
use app::privacy::consent::{self, ConsentForm};
use app::privacy::subject_access::{self, AccessRequestForm, RESPONSE_DAYS, RequestStatus, Value};
use app::testing::{TestApp, for_each_backend, test_settings};
use app::time::{HOUR, MINUTE, now_millis};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n";

struct Team {
    amman: String,
    caseworker: User,
    supervisor: User,
    beirut_supervisor: User,
    beirut_caseworker: User,
    migrant: User,
}

async fn team(t: &TestApp) -> Team {
    let office = |code: &str, country: &str| OfficeForm {
        code: code.into(),
        name: format!("Office {code}"),
        country: country.into(),
        kind: "field_office".into(),
        ..OfficeForm::default()
    };
    let console = Actor::console();
    let amman = offices::create(&t.app, &console, &office("JO-AMM", "JO"))
        .await
        .unwrap()
        .id;
    let beirut = offices::create(&t.app, &console, &office("LB-BEY", "LB"))
        .await
        .unwrap()
        .id;
    let user = |name: &str, role: &str, offices: Vec<String>, locale: &str| NewUser {
        username: name.into(),
        display_name: name.into(),
        password: "a long enough password".into(),
        locale: locale.into(),
        roles: vec![role.into()],
        offices,
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
        caseworker: create(user("rana", "caseworker", vec![amman.clone()], "en")).await,
        supervisor: create(user("sami", "supervisor", vec![amman.clone()], "en")).await,
        beirut_supervisor: create(user("hadi", "supervisor", vec![beirut.clone()], "en")).await,
        beirut_caseworker: create(user("nour", "caseworker", vec![beirut.clone()], "en")).await,
        migrant: create(user("amal", "migrant", vec![], "ar")).await,
        amman,
    }
}

/// A case whose principal applicant has data in every module; returns (case id, person id).
async fn rich_case(t: &TestApp, team: &Team) -> (String, String) {
    let me = team.caseworker.actor();
    let form = NewCaseForm {
        office_id: team.amman.clone(),
        pathway: "de/de.family.spouse".into(),
        applicant: PersonForm {
            surname: "Haddad".into(),
            given_names: "Amal".into(),
            birth_date: "1990-04-12".into(),
            sex: "F".into(),
            nationality: "SYR".into(),
        },
    };
    let case = cases::create(&t.app, &me, &form).await.unwrap();
    let file = cases::open(&t.app, &me, &case.id).await.unwrap();
    let person = file.members[0].person.id.clone();
    let entry = |name: &str, value: &str| FactEntry {
        name: name.into(),
        value: value.into(),
        verified: false,
    };
    facts::save(
        &t.app,
        &me,
        &case.id,
        0,
        &[entry("applicant.married", "yes")],
        app::cases::facts::Typing::Exact,
    )
    .await
    .unwrap();
    let rows = documents::checklist(&t.app, &me, &case.id).await.unwrap();
    let passport = rows.iter().find(|row| row.person == "applicant").unwrap();
    documents::add_document(
        &t.app,
        &me,
        &case.id,
        &NewDocument {
            item: passport.key(),
            file_name: "passport.pdf".into(),
            content: PDF.to_vec(),
            ..NewDocument::default()
        },
    )
    .await
    .unwrap();
    let day = app::orientation::civil_date(now_millis() + 3 * 86_400_000);
    appointments::book(
        &t.app,
        &me,
        &case.id,
        &AppointmentForm {
            person_id: person.clone(),
            kind: "biometrics".into(),
            starts_at: format!("{day}T09:00"),
            duration_minutes: "60".into(),
            location: "German embassy, Amman".into(),
        },
    )
    .await
    .unwrap();
    notes::add_note(
        &t.app,
        &me,
        &case.id,
        "Internal: sponsor income to verify",
        "internal",
    )
    .await
    .unwrap();
    notes::add_note(
        &t.app,
        &me,
        &case.id,
        "Shared: bring the marriage certificate",
        "shared",
    )
    .await
    .unwrap();
    notes::send_message(&t.app, &me, &case.id, "Your appointment is booked")
        .await
        .unwrap();
    consent::record(
        &t.app,
        &me,
        &case.id,
        &ConsentForm {
            person_id: person.clone(),
            purpose: "referral".into(),
            basis: "consent".into(),
            scope: "Referral to the Beirut office".into(),
        },
    )
    .await
    .unwrap();
    let version = cases::open(&t.app, &me, &case.id)
        .await
        .unwrap()
        .case
        .version;
    cases::assess(
        &t.app,
        &me,
        &case.id,
        version,
        &["SM-MI".into()],
        "Needs a quiet waiting room",
    )
    .await
    .unwrap();
    notes::link_account(&t.app, &me, &case.id, &person, &team.migrant.id)
        .await
        .unwrap();
    let participant = participants::create(
        &t.app,
        &team.supervisor.actor(),
        &ParticipantForm {
            office_id: team.amman.clone(),
            name: "Amal Haddad".into(),
            sex: "female".into(),
            birth_year: "1990".into(),
            nationality: "SY".into(),
            migration_category: "family".into(),
            user_id: None,
        },
    )
    .await
    .unwrap();
    sqlx::query("UPDATE participants SET person_id = $1 WHERE id = $2")
        .bind(&person)
        .bind(&participant.id)
        .execute(&t.app.db.pool)
        .await
        .unwrap();
    (case.id, person)
}

fn texts(export: &subject_access::SubjectExport, section: &str, field: &str) -> Vec<String> {
    export
        .section(section)
        .unwrap()
        .records
        .iter()
        .filter_map(|record| match record.get(field) {
            Some(Value::Text(text)) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn request_form(person: &str) -> AccessRequestForm {
    AccessRequestForm {
        person_id: person.into(),
        requested_via: "letter".into(),
        received_on: String::new(),
        language: String::new(),
    }
}

#[tokio::test]
async fn the_export_holds_the_person_from_every_module_with_the_audit_trail() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let (case_id, person) = rich_case(&t, &team).await;
        let supervisor = team.supervisor.actor();
        let before = now_millis();
        let request = subject_access::record(&t.app, &supervisor, &request_form(&person))
            .await
            .unwrap();
        assert_eq!(
            request.due_at - request.received_at,
            RESPONSE_DAYS * 24 * HOUR
        );
        assert!(request.received_at >= before);
        assert_eq!(
            request.language, "ar",
            "the language of the person's own account"
        );
        let open = subject_access::open_requests(&t.app, &supervisor)
            .await
            .unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].person.names.surname, "Haddad");
        assert!(!open[0].request.is_overdue(now_millis()));
        assert!(open[0].request.is_overdue(request.due_at + 1));

        let export = subject_access::fulfil(&t.app, &supervisor, &request.id, request.version)
            .await
            .unwrap();
        assert_eq!(export.person.names.surname, "Haddad");
        assert_eq!(texts(&export, "cases", "id"), vec![case_id.clone()]);
        assert_eq!(
            texts(&export, "memberships", "role"),
            vec!["principal_applicant"]
        );
        assert!(texts(&export, "facts", "name").contains(&"applicant.married".to_owned()));
        assert!(!export.section("eligibility").unwrap().records.is_empty());
        assert!(!export.section("checklist").unwrap().records.is_empty());
        assert_eq!(
            texts(&export, "documents", "file_name"),
            vec!["passport.pdf"]
        );
        assert_eq!(
            texts(&export, "documents", "content_type"),
            vec!["application/pdf"]
        );
        assert_eq!(texts(&export, "appointments", "kind"), vec!["biometrics"]);
        let notes = texts(&export, "notes", "body");
        assert!(
            notes.iter().any(|n| n.starts_with("Internal"))
                && notes.iter().any(|n| n.starts_with("Shared")),
            "internal and shared notes"
        );
        assert_eq!(
            texts(&export, "messages", "body"),
            vec!["Your appointment is booked"]
        );
        assert_eq!(
            texts(&export, "consents", "scope"),
            vec!["Referral to the Beirut office"]
        );
        assert_eq!(texts(&export, "account", "username"), vec!["amal"]);
        assert_eq!(
            texts(&export, "orientation_participant", "name"),
            vec!["Amal Haddad"]
        );
        assert!(!export.section("case_events").unwrap().records.is_empty());
        assert_eq!(
            texts(&export, "vulnerability", "narrative"),
            vec!["Needs a quiet waiting room"]
        );
        assert_eq!(
            texts(&export, "subject_access_requests", "status"),
            vec!["open"]
        );
        let actions = texts(&export, "audit_events", "action");
        for action in ["case.create", "consent.record", "subject_access.record"] {
            assert!(
                actions.contains(&action.to_owned()),
                "{action} in {actions:?}"
            );
        }
        assert_eq!(export.request.status, RequestStatus::Fulfilled);

        // Fulfilling audited the export; the request is no longer open and cannot be fulfilled twice.
        let fulfilled = audit::list(
            &t.app.db,
            &AuditFilter {
                action: Some("subject_access.fulfil".into()),
                limit: 10,
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(fulfilled.len(), 1);
        assert_eq!(
            fulfilled[0].actor_id.as_deref(),
            Some(team.supervisor.id.as_str())
        );
        assert_eq!(fulfilled[0].target_id.as_deref(), Some(person.as_str()));
        assert!(fulfilled[0].details.contains(&request.id));
        let read = audit::list(
            &t.app.db,
            &AuditFilter {
                action: Some("person.read_sensitive".into()),
                limit: 10,
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(read.len(), 1);
        assert!(
            subject_access::open_requests(&t.app, &supervisor)
                .await
                .unwrap()
                .is_empty()
        );
        let events = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_events")
                .fetch_one(&t.app.db.pool)
                .await
                .unwrap()
        };
        let before = events().await;
        assert!(matches!(
            subject_access::fulfil(&t.app, &supervisor, &request.id, request.version + 1).await,
            Err(Error::Conflict(_))
        ));
        assert_eq!(
            events().await,
            before,
            "a refused fulfilment writes nothing, not even the reads of the modules"
        );
        assert_eq!(
            texts(&export, "audit_events", "action")
                .first()
                .map(String::as_str),
            Some("case.create"),
            "the trail starts at the oldest event"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn only_supervisors_of_the_persons_office_handle_requests() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let (_, person) = rich_case(&t, &team).await;
        let other = team.beirut_supervisor.actor();
        assert!(matches!(
            subject_access::record(&t.app, &other, &request_form(&person)).await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            subject_access::record(&t.app, &team.caseworker.actor(), &request_form(&person)).await,
            Err(Error::Forbidden)
        ));
        let request =
            subject_access::record(&t.app, &team.supervisor.actor(), &request_form(&person))
                .await
                .unwrap();
        assert!(matches!(
            subject_access::fulfil(&t.app, &other, &request.id, request.version).await,
            Err(Error::Forbidden)
        ));
        assert!(
            subject_access::open_requests(&t.app, &other)
                .await
                .unwrap()
                .is_empty()
        );

        let late = AccessRequestForm {
            received_on: "2999-01-01".into(),
            // Not a language tag (any tag is taken; the summary falls back to English).
            language: "Français".into(),
            ..request_form(&person)
        };
        let Err(Error::Invalid(errors)) =
            subject_access::record(&t.app, &team.supervisor.actor(), &late).await
        else {
            panic!("expected field errors")
        };
        assert_eq!(
            errors.for_field("received_on"),
            Some("sar-error-received-on")
        );
        assert_eq!(errors.for_field("language"), Some("error-choose-option"));
        let dated = AccessRequestForm {
            received_on: "2026-01-10".into(),
            language: "fr".into(),
            ..request_form(&person)
        };
        let dated = subject_access::record(&t.app, &team.supervisor.actor(), &dated)
            .await
            .unwrap();
        assert_eq!(app::orientation::civil_date(dated.due_at), "2026-02-09");
        assert!(dated.is_overdue(now_millis()));

        assert!(matches!(
            subject_access::refuse(
                &t.app,
                &team.supervisor.actor(),
                &dated.id,
                dated.version,
                "short"
            )
            .await,
            Err(Error::Invalid(_))
        ));
        subject_access::refuse(
            &t.app,
            &team.supervisor.actor(),
            &dated.id,
            dated.version,
            "Manifestly unfounded: repeated request",
        )
        .await
        .unwrap();
        let refused = subject_access::get(&t.app, &team.supervisor.actor(), &dated.id)
            .await
            .unwrap();
        assert_eq!(refused.status, RequestStatus::Refused);
        assert_eq!(
            refused.reason.as_deref(),
            Some("Manifestly unfounded: repeated request")
        );
        t
    })
    .await;
}

#[tokio::test]
async fn breaking_the_glass_opens_one_case_for_reading_for_a_while_and_is_reviewed() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let (case_id, _) = rich_case(&t, &team).await;
        let outsider = team.beirut_caseworker.actor();
        assert!(
            matches!(
                cases::open(&t.app, &outsider, &case_id).await,
                Err(Error::NotFound)
            ),
            "refused without a grant"
        );
        assert!(
            matches!(
                break_glass::request(&t.app, &outsider, &case_id, "urgent").await,
                Err(Error::Invalid(_))
            ),
            "a reason is required"
        );
        assert!(matches!(
            break_glass::request(
                &t.app,
                &team.migrant.actor(),
                &case_id,
                "I want to see it now"
            )
            .await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            break_glass::request(
                &t.app,
                &outsider,
                "no-such-case",
                "Medical emergency at the border"
            )
            .await,
            Err(Error::NotFound)
        ));

        let grant = break_glass::request(
            &t.app,
            &outsider,
            &case_id,
            "Medical emergency at the border",
        )
        .await
        .unwrap();
        assert_eq!(
            grant.expires_at - grant.granted_at,
            break_glass::GRANT_MINUTES * MINUTE
        );
        let file = cases::open(&t.app, &outsider, &case_id).await.unwrap();
        assert_eq!(file.members[0].person.names.surname, "Haddad");
        assert!(
            !notes::thread(&t.app, &outsider, &case_id)
                .await
                .unwrap()
                .is_empty(),
            "the messages read as staff"
        );
        assert!(
            matches!(
                notes::add_note(&t.app, &outsider, &case_id, "I was here", "internal").await,
                Err(Error::Forbidden)
            ),
            "reading, not changing"
        );
        assert!(
            matches!(
                cases::open(&t.app, &team.beirut_supervisor.actor(), &case_id).await,
                Err(Error::NotFound)
            ),
            "the grant is the holder's alone"
        );

        sqlx::query("UPDATE break_glass_grants SET expires_at = $1 WHERE id = $2")
            .bind(now_millis() - 1)
            .bind(&grant.id)
            .execute(&t.app.db.pool)
            .await
            .unwrap();
        assert!(
            matches!(
                cases::open(&t.app, &outsider, &case_id).await,
                Err(Error::NotFound)
            ),
            "an expired grant opens nothing"
        );

        let supervisor = team.supervisor.actor();
        let listed = break_glass::for_review(&t.app, &supervisor).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].reason, "Medical emergency at the border");
        assert_eq!(listed[0].user_name, "nour");
        assert!(listed[0].reviewed_at.is_none());
        assert!(
            break_glass::for_review(&t.app, &team.beirut_supervisor.actor())
                .await
                .unwrap()
                .is_empty(),
            "another office's grants are not theirs to review"
        );
        assert!(matches!(
            break_glass::mark_reviewed(&t.app, &team.beirut_supervisor.actor(), &grant.id, 1).await,
            Err(Error::Forbidden)
        ));
        break_glass::mark_reviewed(&t.app, &supervisor, &grant.id, 1)
            .await
            .unwrap();
        let listed = break_glass::for_review(&t.app, &supervisor).await.unwrap();
        assert!(listed[0].reviewed_at.is_some());

        let events = audit::list(
            &t.app.db,
            &AuditFilter {
                target_id: Some(case_id.clone()),
                limit: 100,
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
        let granted = events
            .iter()
            .find(|e| e.action == "case.break_glass")
            .unwrap();
        assert_eq!(
            granted.actor_id.as_deref(),
            Some(team.beirut_caseworker.id.as_str())
        );
        assert_eq!(granted.office_id.as_deref(), Some(team.amman.as_str()));
        assert!(
            !granted.details.contains("Medical"),
            "the reason stays sealed"
        );
        assert!(
            events
                .iter()
                .any(|e| e.action == "case.break_glass_reviewed")
        );
        t
    })
    .await;
}
