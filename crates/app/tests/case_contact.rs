//! Appointments, notes and messages, referrals and transfers, and consent, on SQLite and on
//! PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::{self, NewUser, User};
use app::audit::{self, AuditFilter};
use app::cases::appointments::{self, AppointmentForm, AppointmentStatus, RescheduleForm};
use app::cases::notes::{self, Side};
use app::cases::people::PersonForm;
use app::cases::referrals::{self, Decision, ReferralForm, ReferralStatus};
use app::cases::{self, MoveRequest, NewCaseForm, QueueFilter};
use app::error::Error;
use app::offices::{self, OfficeForm};
use app::policy::Actor;
use app::privacy::consent::{self, ConsentForm};
use app::testing::{TestApp, for_each_backend, test_settings};

struct Team {
    amman: String,
    beirut: String,
    caseworker: User,
    supervisor: User,
    beirut_caseworker: User,
    migrant: User,
    other_migrant: User,
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
    let user = |name: &str, role: &str, offices: Vec<String>| NewUser {
        username: name.into(),
        display_name: name.into(),
        password: "a long enough password".into(),
        locale: "en".into(),
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
        caseworker: create(user("rana", "caseworker", vec![amman.clone()])).await,
        supervisor: create(user("sami", "supervisor", vec![amman.clone()])).await,
        beirut_caseworker: create(user("nour", "caseworker", vec![beirut.clone()])).await,
        migrant: create(user("amal", "migrant", vec![])).await,
        other_migrant: create(user("omar", "migrant", vec![])).await,
        amman,
        beirut,
    }
}

async fn open_case(t: &TestApp, team: &Team) -> cases::Case {
    let form = NewCaseForm {
        office_id: team.amman.clone(),
        pathway: "de/de.family.spouse".into(),
        applicant: PersonForm {
            surname: "Haddad".into(),
            given_names: "Amal".into(),
            birth_date: "1990-04".into(),
            sex: "F".into(),
            nationality: "SYR".into(),
        },
    };
    cases::create(&t.app, &team.caseworker.actor(), &form)
        .await
        .unwrap()
}

async fn principal(t: &TestApp, team: &Team, case_id: &str) -> String {
    cases::open(&t.app, &team.caseworker.actor(), case_id)
        .await
        .unwrap()
        .members[0]
        .person
        .id
        .clone()
}

/// `YYYY-MM-DDTHH:MM` of a day some days from now, at the given hour (UTC).
fn at(days_ahead: i64, hour: u8) -> String {
    let day = app::orientation::civil_date(app::time::now_millis() + days_ahead * 86_400_000);
    format!("{day}T{hour:02}:00")
}

fn field_of(error: Error) -> String {
    match error {
        Error::Invalid(errors) => errors.0[0].field.clone(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

async fn audited(t: &TestApp, action: &str) -> usize {
    audit::list(
        &t.app.db,
        &AuditFilter {
            action: Some(action.into()),
            limit: 100,
            ..AuditFilter::default()
        },
    )
    .await
    .unwrap()
    .len()
}

#[tokio::test]
async fn appointments_refuse_clashes_and_stale_versions_and_remind_the_caseworker() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let case = open_case(&t, &team).await;
        let person = principal(&t, &team, &case.id).await;
        let me = team.caseworker.actor();
        let form = |starts_at: String, kind: &str| AppointmentForm {
            person_id: person.clone(),
            kind: kind.into(),
            starts_at,
            duration_minutes: "60".into(),
            location: "German embassy, Amman".into(),
        };
        let first = appointments::book(&t.app, &me, &case.id, &form(at(2, 9), "biometrics"))
            .await
            .unwrap();
        assert_eq!(first.status, AppointmentStatus::Scheduled);
        // 09:30 overlaps 09:00–10:00 for the same person.
        let clash = appointments::book(
            &t.app,
            &me,
            &case.id,
            &form(format!("{}:30", &at(2, 9)[..13]), "interview"),
        )
        .await
        .unwrap_err();
        assert_eq!(field_of(clash), "starts_at");
        let next = appointments::book(&t.app, &me, &case.id, &form(at(2, 10), "interview"))
            .await
            .unwrap();
        let bad = appointments::book(
            &t.app,
            &me,
            &case.id,
            &AppointmentForm {
                kind: "party".into(),
                duration_minutes: "0".into(),
                ..form(String::new(), "")
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(bad, Error::Invalid(ref errors) if errors.0.len() == 3),
            "{bad:?}"
        );

        // Moving the interview onto the biometrics slot clashes; a free slot works; the old
        // version is then stale.
        let onto = RescheduleForm {
            starts_at: at(2, 9),
            duration_minutes: "30".into(),
        };
        assert_eq!(
            field_of(
                appointments::reschedule(&t.app, &me, &next.id, next.version, &onto)
                    .await
                    .unwrap_err()
            ),
            "starts_at"
        );
        let free = RescheduleForm {
            starts_at: at(3, 14),
            duration_minutes: "30".into(),
        };
        let moved = appointments::reschedule(&t.app, &me, &next.id, next.version, &free)
            .await
            .unwrap();
        assert_eq!(moved.version, next.version + 1);
        assert!(matches!(
            appointments::reschedule(&t.app, &me, &next.id, next.version, &free).await,
            Err(Error::Conflict("stale-version"))
        ));
        assert!(matches!(
            appointments::set_status(&t.app, &me, &first.id, first.version + 1, "attended").await,
            Err(Error::Conflict("stale-version"))
        ));
        let cancelled =
            appointments::set_status(&t.app, &me, &moved.id, moved.version, "cancelled")
                .await
                .unwrap();
        assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
        assert!(matches!(
            appointments::set_status(&t.app, &me, &moved.id, cancelled.version, "attended").await,
            Err(Error::Conflict("appointment-not-scheduled"))
        ));
        // A cancelled appointment no longer blocks its slot.
        appointments::book(&t.app, &me, &case.id, &form(at(3, 14), "health_check"))
            .await
            .unwrap();

        let reminders = appointments::upcoming_for(&t.app, &me, 7).await.unwrap();
        assert_eq!(
            reminders.len(),
            2,
            "biometrics and the health check, not the cancelled one"
        );
        assert!(
            appointments::upcoming_for(&t.app, &team.supervisor.actor(), 7)
                .await
                .unwrap()
                .is_empty(),
            "not assigned to the supervisor"
        );
        let day = app::orientation::parse_datetime_local(&at(2, 0)).unwrap();
        let calendar =
            appointments::office_calendar(&t.app, &team.supervisor.actor(), &team.amman, day, 1)
                .await
                .unwrap();
        assert_eq!(calendar.len(), 1);
        let week =
            appointments::office_calendar(&t.app, &team.supervisor.actor(), &team.amman, day, 7)
                .await
                .unwrap();
        assert_eq!(week.len(), 3);
        assert!(matches!(
            appointments::office_calendar(
                &t.app,
                &team.beirut_caseworker.actor(),
                &team.amman,
                day,
                7
            )
            .await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            appointments::book(
                &t.app,
                &team.beirut_caseworker.actor(),
                &case.id,
                &form(at(5, 9), "embassy")
            )
            .await,
            Err(Error::NotFound)
        ));
        assert_eq!(audited(&t, "appointment.book").await, 3);
        t
    })
    .await;
}

#[tokio::test]
async fn notes_and_messages_reach_the_linked_migrant_only_and_reading_is_audited() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let case = open_case(&t, &team).await;
        let person = principal(&t, &team, &case.id).await;
        let staff = team.caseworker.actor();
        let migrant = team.migrant.actor();
        notes::add_note(
            &t.app,
            &staff,
            &case.id,
            "Asked about the DNA test cost",
            "internal",
        )
        .await
        .unwrap();
        notes::add_note(
            &t.app,
            &staff,
            &case.id,
            "Bring the marriage certificate",
            "shared",
        )
        .await
        .unwrap();
        assert_eq!(
            field_of(
                notes::add_note(&t.app, &staff, &case.id, "  ", "shared")
                    .await
                    .unwrap_err()
            ),
            "note_text"
        );

        // Before the link the migrant cannot reach the case at all.
        assert!(matches!(
            notes::notes(&t.app, &migrant, &case.id).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            notes::send_message(&t.app, &migrant, &case.id, "Hello").await,
            Err(Error::NotFound)
        ));
        // Only a migrant's own account can be linked.
        let wrong = notes::link_account(&t.app, &staff, &case.id, &person, &team.supervisor.id)
            .await
            .unwrap_err();
        assert_eq!(field_of(wrong), "user_id");
        assert!(matches!(
            notes::link_account(
                &t.app,
                &team.beirut_caseworker.actor(),
                &case.id,
                &person,
                &team.migrant.id
            )
            .await,
            Err(Error::NotFound)
        ));
        notes::link_account(&t.app, &staff, &case.id, &person, &team.migrant.id)
            .await
            .unwrap();

        let seen = notes::notes(&t.app, &migrant, &case.id).await.unwrap();
        assert_eq!(seen.len(), 1, "the migrant reads shared notes only");
        assert_eq!(seen[0].body, "Bring the marriage certificate");
        assert_eq!(
            notes::notes(&t.app, &staff, &case.id).await.unwrap().len(),
            2
        );
        assert!(matches!(
            notes::notes(&t.app, &team.other_migrant.actor(), &case.id).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            notes::add_note(&t.app, &migrant, &case.id, "mine", "shared").await,
            Err(Error::NotFound)
        ));
        assert!(
            matches!(
                cases::open(&t.app, &migrant, &case.id).await,
                Err(Error::NotFound)
            ),
            "the portal is not the case file"
        );

        let sent = notes::send_message(&t.app, &migrant, &case.id, "When is my appointment?")
            .await
            .unwrap();
        assert_eq!(sent.side, Side::Migrant);
        let thread = notes::thread(&t.app, &staff, &case.id).await.unwrap();
        assert_eq!(thread.len(), 1);
        assert!(thread[0].unread, "new to the caseworker");
        assert!(
            !notes::thread(&t.app, &staff, &case.id).await.unwrap()[0].unread,
            "read now"
        );
        notes::send_message(&t.app, &staff, &case.id, "On Tuesday at nine.")
            .await
            .unwrap();
        let theirs = notes::thread(&t.app, &migrant, &case.id).await.unwrap();
        assert_eq!(
            theirs.iter().map(|m| m.unread).collect::<Vec<_>>(),
            vec![false, true]
        );
        assert_eq!(theirs[1].body, "On Tuesday at nine.");

        // Bodies are sealed at rest.
        let stored: Vec<Vec<u8>> = sqlx::query_scalar("SELECT body FROM case_messages")
            .fetch_all(&t.app.db.pool)
            .await
            .unwrap();
        assert!(
            stored
                .iter()
                .all(|body| !String::from_utf8_lossy(body).contains("Tuesday"))
        );
        assert_eq!(audited(&t, "case.notes_read").await, 2);
        assert_eq!(audited(&t, "case.messages_read").await, 3);
        assert_eq!(audited(&t, "case.portal_link").await, 1);
        t
    })
    .await;
}

#[tokio::test]
async fn the_case_page_reads_its_contact_side_under_one_audit_event() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let case = open_case(&t, &team).await;
        let staff = team.caseworker.actor();
        let (_, quiet) = cases::open_with_contact(&t.app, &staff, &case.id)
            .await
            .unwrap();
        assert!(quiet.notes.is_empty() && quiet.messages.is_empty());
        assert_eq!(
            audited(&t, "case.read_sensitive").await,
            0,
            "nothing sensitive was read"
        );

        notes::add_note(&t.app, &staff, &case.id, "Called the embassy", "internal")
            .await
            .unwrap();
        let link_person = principal(&t, &team, &case.id).await;
        notes::link_account(&t.app, &staff, &case.id, &link_person, &team.migrant.id)
            .await
            .unwrap();
        notes::send_message(&t.app, &team.migrant.actor(), &case.id, "Any news?")
            .await
            .unwrap();
        let (file, contact) = cases::open_with_contact(&t.app, &staff, &case.id)
            .await
            .unwrap();
        assert_eq!(file.case.id, case.id);
        assert_eq!(contact.notes.len(), 1);
        assert!(contact.messages[0].unread, "new to the caseworker");
        assert_eq!(
            contact.offices_with_access.all().collect::<Vec<_>>(),
            vec![&team.amman]
        );
        let reads = audit::list(
            &t.app.db,
            &AuditFilter {
                action: Some("case.read_sensitive".into()),
                limit: 10,
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(reads.len(), 1, "one event for the whole page");
        let details: serde_json::Value = serde_json::from_str(&reads[0].details).unwrap();
        assert_eq!(details["notes"], 1);
        assert_eq!(details["messages"], 1);
        let (_, again) = cases::open_with_contact(&t.app, &staff, &case.id)
            .await
            .unwrap();
        assert!(
            !again.messages[0].unread,
            "the page moved the read position"
        );

        let outsider =
            cases::open_with_contact(&t.app, &team.beirut_caseworker.actor(), &case.id).await;
        assert!(matches!(outsider, Err(Error::NotFound)));
        t
    })
    .await;
}

#[tokio::test]
async fn a_referral_needs_a_basis_or_an_override_and_shares_the_case_once_accepted() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let case = open_case(&t, &team).await;
        let person = principal(&t, &team, &case.id).await;
        let staff = team.caseworker.actor();
        let beirut = team.beirut_caseworker.actor();
        let refer = |kind: &str| ReferralForm {
            kind: kind.into(),
            to_office_id: team.beirut.clone(),
            note: "Sponsor lives in Beirut".into(),
            ..ReferralForm::default()
        };
        assert!(matches!(
            referrals::request(&t.app, &staff, &case.id, &refer("referral")).await,
            Err(Error::Conflict("consent-required"))
        ));
        let overriding = ReferralForm {
            override_consent: true,
            override_reason: "Urgent protection need".into(),
            ..refer("referral")
        };
        assert!(
            matches!(
                referrals::request(&t.app, &staff, &case.id, &overriding).await,
                Err(Error::Forbidden)
            ),
            "caseworkers cannot override"
        );

        let basis = ConsentForm {
            person_id: person.clone(),
            purpose: "referral".into(),
            basis: "consent".into(),
            scope: "Beirut office only".into(),
        };
        let record = consent::record(&t.app, &staff, &case.id, &basis)
            .await
            .unwrap();
        assert!(matches!(
            consent::record(&t.app, &staff, &case.id, &basis).await,
            Err(Error::Conflict("consent-already-current"))
        ));
        assert_eq!(
            consent::for_case(&t.app, &staff, &case.id).await.unwrap()[0]
                .scope
                .as_deref(),
            Some("Beirut office only")
        );

        let referral = referrals::request(&t.app, &staff, &case.id, &refer("referral"))
            .await
            .unwrap();
        assert_eq!(referral.status, ReferralStatus::Pending);
        assert!(matches!(
            referrals::request(&t.app, &staff, &case.id, &refer("transfer")).await,
            Err(Error::Conflict("referral-pending"))
        ));
        // Before acceptance the other office sees the request but not the case.
        assert!(matches!(
            cases::open(&t.app, &beirut, &case.id).await,
            Err(Error::NotFound)
        ));
        let waiting = referrals::incoming(&t.app, &beirut).await.unwrap();
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].note.as_deref(), Some("Sponsor lives in Beirut"));
        assert!(
            referrals::incoming(&t.app, &staff)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            matches!(
                referrals::decide(
                    &t.app,
                    &staff,
                    &referral.id,
                    referral.version,
                    Decision::Accept,
                    ""
                )
                .await,
                Err(Error::NotFound)
            ),
            "the sender cannot accept its own request"
        );
        assert!(matches!(
            referrals::decide(
                &t.app,
                &beirut,
                &referral.id,
                referral.version,
                Decision::Reject,
                " "
            )
            .await,
            Err(Error::Invalid(_))
        ));
        let accepted = referrals::decide(
            &t.app,
            &beirut,
            &referral.id,
            referral.version,
            Decision::Accept,
            "",
        )
        .await
        .unwrap();
        assert_eq!(accepted.status, ReferralStatus::Accepted);
        assert!(matches!(
            referrals::revoke(&t.app, &staff, &referral.id, accepted.version).await,
            Err(Error::Conflict("referral-not-pending"))
        ));

        // Shared: both offices open it and work on its contact side; the workflow stays home.
        let file = cases::open(&t.app, &beirut, &case.id).await.unwrap();
        assert_eq!(file.case.office_id, team.amman);
        cases::open(&t.app, &staff, &case.id).await.unwrap();
        notes::add_note(&t.app, &beirut, &case.id, "Met the sponsor", "internal")
            .await
            .unwrap();
        let request = MoveRequest {
            to: "counselling".into(),
            ..MoveRequest::default()
        };
        assert!(matches!(
            cases::move_case(&t.app, &beirut, &case.id, file.case.version, &request).await,
            Err(Error::Forbidden)
        ));
        assert!(
            matches!(
                referrals::request(
                    &t.app,
                    &beirut,
                    &case.id,
                    &ReferralForm {
                        to_office_id: team.amman.clone(),
                        ..refer("transfer")
                    }
                )
                .await,
                Err(Error::Forbidden)
            ),
            "only the owning office refers onwards"
        );

        // Withdrawing the basis blocks new requests; a supervisor may override with a reason.
        consent::withdraw(&t.app, &staff, &case.id, &record.id, record.version)
            .await
            .unwrap();
        assert!(matches!(
            consent::withdraw(&t.app, &staff, &case.id, &record.id, record.version).await,
            Err(Error::Conflict("stale-version"))
        ));
        assert!(matches!(
            referrals::request(&t.app, &staff, &case.id, &refer("transfer")).await,
            Err(Error::Conflict("consent-required"))
        ));
        let supervisor = team.supervisor.actor();
        let no_reason = ReferralForm {
            override_consent: true,
            ..refer("transfer")
        };
        assert_eq!(
            field_of(
                referrals::request(&t.app, &supervisor, &case.id, &no_reason)
                    .await
                    .unwrap_err()
            ),
            "override_reason"
        );
        let transfer = referrals::request(
            &t.app,
            &supervisor,
            &case.id,
            &ReferralForm {
                override_consent: true,
                override_reason: "Family moved to Beirut".into(),
                ..refer("transfer")
            },
        )
        .await
        .unwrap();
        assert!(transfer.consent_overridden);
        assert_eq!(
            transfer.override_reason.as_deref(),
            Some("Family moved to Beirut")
        );
        let revoked = referrals::revoke(&t.app, &staff, &transfer.id, transfer.version)
            .await
            .unwrap();
        assert_eq!(revoked.status, ReferralStatus::Revoked);
        assert_eq!(audited(&t, "case.referral_request").await, 2);
        assert_eq!(audited(&t, "consent.withdraw").await, 1);
        let overrides = audit::list(
            &t.app.db,
            &AuditFilter {
                action: Some("case.referral_request".into()),
                limit: 10,
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
        assert!(
            overrides
                .iter()
                .any(|event| event.details.contains(r#""consent_overridden":true"#))
        );
        t
    })
    .await;
}

#[tokio::test]
async fn an_accepted_transfer_moves_the_case_to_the_receiving_office() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let case = open_case(&t, &team).await;
        let person = principal(&t, &team, &case.id).await;
        let staff = team.caseworker.actor();
        let beirut = team.beirut_caseworker.actor();
        let basis = ConsentForm {
            person_id: person.clone(),
            purpose: "referral".into(),
            basis: "legal_obligation".into(),
            scope: String::new(),
        };
        let record = consent::record(&t.app, &staff, &case.id, &basis)
            .await
            .unwrap();
        let form = ReferralForm {
            kind: "transfer".into(),
            to_office_id: team.beirut.clone(),
            ..ReferralForm::default()
        };
        let transfer = referrals::request(&t.app, &staff, &case.id, &form)
            .await
            .unwrap();
        // A withdrawal while it waits blocks the acceptance too.
        consent::withdraw(&t.app, &staff, &case.id, &record.id, record.version)
            .await
            .unwrap();
        assert!(matches!(
            referrals::decide(
                &t.app,
                &beirut,
                &transfer.id,
                transfer.version,
                Decision::Accept,
                ""
            )
            .await,
            Err(Error::Conflict("consent-required"))
        ));
        consent::record(&t.app, &staff, &case.id, &basis)
            .await
            .unwrap();
        referrals::decide(
            &t.app,
            &beirut,
            &transfer.id,
            transfer.version,
            Decision::Accept,
            "",
        )
        .await
        .unwrap();

        assert!(
            matches!(
                cases::open(&t.app, &staff, &case.id).await,
                Err(Error::NotFound)
            ),
            "the old office no longer sees it"
        );
        let file = cases::open(&t.app, &beirut, &case.id).await.unwrap();
        assert_eq!(file.case.office_id, team.beirut);
        assert_eq!(file.case.assigned_to, None);
        let queue = cases::queue(&t.app, &beirut, &QueueFilter::default(), None, 50)
            .await
            .unwrap();
        assert_eq!(queue.rows.len(), 1);
        assert!(
            cases::queue(&t.app, &staff, &QueueFilter::default(), None, 50)
                .await
                .unwrap()
                .rows
                .is_empty()
        );
        let request = MoveRequest {
            to: "counselling".into(),
            ..MoveRequest::default()
        };
        cases::move_case(&t.app, &beirut, &case.id, file.case.version, &request)
            .await
            .unwrap();

        // A rejected request leaves the case where it is.
        let back = referrals::request(
            &t.app,
            &beirut,
            &case.id,
            &ReferralForm {
                kind: "transfer".into(),
                to_office_id: team.amman.clone(),
                ..ReferralForm::default()
            },
        )
        .await
        .unwrap();
        let rejected = referrals::decide(
            &t.app,
            &staff,
            &back.id,
            back.version,
            Decision::Reject,
            "No capacity",
        )
        .await
        .unwrap();
        assert_eq!(rejected.decision_reason.as_deref(), Some("No capacity"));
        assert!(matches!(
            cases::open(&t.app, &staff, &case.id).await,
            Err(Error::NotFound)
        ));
        t
    })
    .await;
}

#[tokio::test]
async fn appointment_times_are_on_the_offices_wall_clock() {
    for_each_backend(test_settings(), |t| async move {
        let team = team(&t).await;
        let console = Actor::console();
        let unknown_zone = OfficeForm {
            code: "JO-IRB".into(),
            name: "Irbid".into(),
            country: "JO".into(),
            kind: "field_office".into(),
            time_zone: "Asia/Irbid".into(),
        };
        let refused = offices::create(&t.app, &console, &unknown_zone)
            .await
            .unwrap_err();
        assert_eq!(field_of(refused), "time_zone");
        let amman = offices::get(&t.app.db, &console, &team.amman)
            .await
            .unwrap();
        assert_eq!(amman.time_zone, "UTC", "the default");
        let form = OfficeForm {
            code: amman.code.clone(),
            name: amman.name.clone(),
            country: amman.country.clone(),
            kind: amman.kind.as_str().into(),
            time_zone: "Asia/Amman".into(),
        };
        offices::update(&t.app, &console, &team.amman, amman.version, &form)
            .await
            .unwrap();

        let case = open_case(&t, &team).await;
        let person = principal(&t, &team, &case.id).await;
        let me = team.caseworker.actor();
        let booked = appointments::book(
            &t.app,
            &me,
            &case.id,
            &AppointmentForm {
                person_id: person,
                kind: "biometrics".into(),
                starts_at: "2031-01-15T10:00".into(),
                duration_minutes: "30".into(),
                location: "German embassy, Amman".into(),
            },
        )
        .await
        .unwrap();
        // Amman keeps UTC+3 all year.
        let utc_seven = app::time::local_to_millis("2031-01-15T07:00", "UTC").unwrap();
        assert_eq!(booked.starts_at, utc_seven);
        assert_eq!(booked.time_zone, "Asia/Amman");
        let moved = appointments::reschedule(
            &t.app,
            &me,
            &booked.id,
            booked.version,
            &appointments::RescheduleForm {
                starts_at: "2031-01-16T09:15".into(),
                duration_minutes: "30".into(),
            },
        )
        .await
        .unwrap();
        assert_eq!(
            app::time::millis_to_local(moved.starts_at, "UTC"),
            "2031-01-16 06:15"
        );
        t
    })
    .await;
}
