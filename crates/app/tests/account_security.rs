//! Account security: sign-in attempt limits under concurrency, known devices, trusted networks,
//! PIN locks and alerts, the second factor's limits and replay, API token lifetimes, and the
//! second administrator an administrator who works on case files needs. Each runs on SQLite
//! and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::throttle::Network;
use app::accounts::{self, Client, NewUser, alerts, role_approvals, sessions, tokens, totp};
use app::audit::{self, AuditFilter};
use app::cases;
use app::error::Error;
use app::policy::{Actor, Role};
use app::portal::office_access;
use app::testing::{self, PASSWORD, TestApp, for_each_backend, test_settings};
use app::{App, Settings};

async fn events(t: &TestApp, action: &str, target: &str) -> usize {
    audit::list(
        &t.app.db,
        &AuditFilter {
            action: Some(action.into()),
            target_id: Some(target.into()),
            limit: 1000,
            ..AuditFilter::default()
        },
    )
    .await
    .unwrap()
    .len()
}

fn is_throttled<T: std::fmt::Debug>(result: &Result<T, Error>) -> bool {
    matches!(result, Err(Error::TooManyAttempts { .. }))
}

/// Signs in from `address` with no device token.
async fn sign_in(
    app: &App,
    username: &str,
    secret: &str,
    address: &str,
) -> Result<accounts::SignIn, Error> {
    accounts::sign_in(app, username, secret, Client::at(address)).await
}

#[tokio::test]
async fn fifty_concurrent_wrong_passwords_get_five_evaluations() {
    for_each_backend(test_settings(), |t| async move {
        let office = testing::office(&t, "JO-AMM").await;
        let omar = testing::account(&t, "omar", "caseworker", &[&office]).await;
        let attempts: Vec<_> = (0..50)
            .map(|i| {
                let app = t.app.clone();
                tokio::spawn(async move {
                    // Each from its own address, so that only the account's count can stop them.
                    let address = format!("10.1.{}.{}", i / 200, i % 200);
                    sign_in(&app, "omar", "not the password", &address).await
                })
            })
            .collect();
        // Every task is running already; collect their answers.
        let mut results = Vec::new();
        for attempt in attempts {
            results.push(attempt.await.unwrap());
        }
        let throttled = results.iter().filter(|r| is_throttled(r)).count();
        let refused = results
            .iter()
            .filter(|r| matches!(r, Err(Error::Unauthenticated)))
            .count();
        // Every evaluated password is audited as a failure: five, however many came at once.
        assert_eq!(events(&t, "auth.sign_in_failed", &omar.id).await, 5);
        assert_eq!((refused, throttled), (5, 45), "{results:?}");
        t
    })
    .await;
}

#[tokio::test]
async fn a_known_browser_gets_in_while_strangers_are_locked_out() {
    for_each_backend(test_settings(), |t| async move {
        let office = testing::office(&t, "JO-AMM").await;
        testing::account(&t, "leila", "caseworker", &[&office]).await;
        let first = sign_in(&t.app, "leila", PASSWORD, "192.0.2.1")
            .await
            .unwrap();
        for attempt in 0..5 {
            let wrong = sign_in(&t.app, "leila", "a guess", &format!("198.51.100.{attempt}")).await;
            assert!(matches!(wrong, Err(Error::Unauthenticated)), "{wrong:?}");
        }
        let stranger = sign_in(&t.app, "leila", PASSWORD, "198.51.100.9").await;
        assert!(
            is_throttled(&stranger),
            "an unknown browser waits: {stranger:?}"
        );
        let owner = accounts::sign_in(
            &t.app,
            "leila",
            PASSWORD,
            Client {
                address: "198.51.100.9",
                device: Some(&first.device),
            },
        )
        .await
        .unwrap();
        assert_eq!(owner.device, first.device, "the browser keeps its token");

        // Failures from the known browser itself meet a delay, not a lock of the account.
        let from_device = Client {
            address: "192.0.2.1",
            device: Some(&first.device),
        };
        for _ in 0..5 {
            let wrong = accounts::sign_in(&t.app, "leila", "a guess", from_device).await;
            assert!(matches!(wrong, Err(Error::Unauthenticated)));
        }
        match accounts::sign_in(&t.app, "leila", PASSWORD, from_device).await {
            Err(Error::TooManyAttempts { retry_after_secs }) => {
                assert!(retry_after_secs <= 30, "{retry_after_secs}")
            }
            other => panic!("expected a short delay, got {other:?}"),
        }
        t
    })
    .await;
}

#[tokio::test]
async fn trusted_office_networks_get_a_higher_address_limit() {
    let settings = Settings {
        trusted_networks: vec![Network::parse("203.0.113.0/24").unwrap()],
        ..test_settings()
    };
    for_each_backend(settings, |t| async move {
        let limit = t.app.settings.login_failures_per_address;
        // Different made-up names each time: only the address's count applies.
        for i in 0..limit {
            let office = sign_in(&t.app, &format!("nobody{i}"), "x", "203.0.113.7").await;
            assert!(matches!(office, Err(Error::Unauthenticated)));
            let elsewhere = sign_in(&t.app, &format!("nobody{i}"), "x", "198.51.100.7").await;
            assert!(matches!(elsewhere, Err(Error::Unauthenticated)));
        }
        let elsewhere = sign_in(&t.app, "late", "x", "198.51.100.7").await;
        assert!(is_throttled(&elsewhere));
        let office = sign_in(&t.app, "late", "x", "203.0.113.7").await;
        assert!(matches!(office, Err(Error::Unauthenticated)), "{office:?}");
        t
    })
    .await;
}

#[tokio::test]
async fn successful_sign_ins_do_not_use_up_a_shared_address() {
    for_each_backend(test_settings(), |t| async move {
        let office = testing::office(&t, "JO-AMM").await;
        testing::account(&t, "rana", "caseworker", &[&office]).await;
        // An office behind one address signs in all day.
        for _ in 0..t.app.settings.login_failures_per_address + 5 {
            sign_in(&t.app, "rana", PASSWORD, "192.0.2.50")
                .await
                .unwrap();
        }
        t
    })
    .await;
}

/// A case at `office` whose applicant signs in with its reference and a PIN; the reference in
/// lower case (the user name) and the PIN.
async fn pin_account(
    t: &TestApp,
    office: &str,
    caseworker: &Actor,
    surname: &str,
) -> (String, String) {
    let case = testing::spouse_case(t, caseworker, office, surname).await;
    let issued = office_access::issue(&t.app, caseworker, &case.id)
        .await
        .unwrap();
    (issued.reference.to_lowercase(), issued.pin)
}

fn wrong_pin(pin: &str) -> String {
    // Another valid-looking PIN: each digit moved by one.
    pin.chars()
        .map(|c| char::from_digit((c.to_digit(10).unwrap() + 1) % 10, 10).unwrap())
        .collect()
}

#[tokio::test]
async fn a_pin_locks_after_five_wrong_pins_until_staff_issue_a_new_one() {
    for_each_backend(test_settings(), |t| async move {
        let office = testing::office(&t, "JO-AMM").await;
        let caseworker = testing::account(&t, "rana", "caseworker", &[&office])
            .await
            .actor();
        let (reference, pin) = pin_account(&t, &office, &caseworker, "Haddad").await;
        for attempt in 0..5 {
            let wrong = sign_in(
                &t.app,
                &reference,
                &wrong_pin(&pin),
                &format!("10.0.0.{attempt}"),
            )
            .await;
            assert!(matches!(wrong, Err(Error::Unauthenticated)), "{wrong:?}");
        }
        let locked = sign_in(&t.app, &reference, &pin, "10.0.1.1").await;
        assert!(
            matches!(locked, Err(Error::Conflict("pin-locked"))),
            "{locked:?}"
        );

        let case_id = cases::queue(
            &t.app,
            &caseworker,
            &cases::QueueFilter::default(),
            None,
            10,
        )
        .await
        .unwrap()
        .rows[0]
            .case
            .id
            .clone();
        let renewed = office_access::issue(&t.app, &caseworker, &case_id)
            .await
            .unwrap();
        assert!(renewed.renewed);
        sign_in(&t.app, &reference, &renewed.pin, "10.0.1.1")
            .await
            .unwrap();
        t
    })
    .await;
}

#[tokio::test]
async fn one_pin_sprayed_over_many_references_pauses_pin_sign_in_and_alerts_supervisors() {
    let settings = Settings {
        pin_failures_per_hour: 8,
        ..test_settings()
    };
    for_each_backend(settings, |t| async move {
        let office = testing::office(&t, "JO-AMM").await;
        let caseworker = testing::account(&t, "rana", "caseworker", &[&office]).await;
        let supervisor = testing::account(&t, "hala", "supervisor", &[&office]).await;
        let mut accounts = Vec::new();
        for surname in ["Haddad", "Khalil", "Nasser"] {
            accounts.push(pin_account(&t, &office, &caseworker.actor(), surname).await);
        }
        let sprayed = "246813";
        let mut references: Vec<String> = accounts.iter().map(|(name, _)| name.clone()).collect();
        // Made-up references in the same series count as PIN attempts too.
        references.extend((90..95).map(|n| format!("jo-deu-2026-{n:06}")));
        for (i, reference) in references.iter().enumerate() {
            let attempt = sign_in(&t.app, reference, sprayed, &format!("172.16.{i}.1")).await;
            assert!(
                matches!(attempt, Err(Error::Unauthenticated)),
                "{reference}: {attempt:?}"
            );
        }
        // Past the hourly limit even the right PIN waits, from any address.
        let (reference, pin) = &accounts[0];
        let paused = sign_in(&t.app, reference, pin, "172.16.200.1").await;
        match paused {
            Err(Error::TooManyAttempts { retry_after_secs }) => {
                assert!(
                    (3000..=3600).contains(&retry_after_secs),
                    "until the hour ends: {retry_after_secs}"
                )
            }
            other => panic!("PIN sign-in was not paused: {other:?}"),
        }
        // Staff passwords are not affected.
        sign_in(&t.app, "rana", PASSWORD, "172.16.200.1")
            .await
            .unwrap();

        let seen = alerts::recent(&t.app, &supervisor.actor()).await.unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].kind, alerts::AlertKind::PinFailures);
        assert!(
            alerts::recent(&t.app, &caseworker.actor())
                .await
                .unwrap()
                .is_empty()
        );
        t
    })
    .await;
}

#[tokio::test]
async fn sign_up_attempts_never_pause_a_staff_account_of_the_same_name() {
    for_each_backend(test_settings(), |t| async move {
        let office = testing::office(&t, "JO-AMM").await;
        testing::account(&t, "amal@example.org", "caseworker", &[&office]).await;
        let form = app::portal::apply::ApplicationForm {
            identifier: "amal@example.org".into(),
            password: "short".into(),
            ..Default::default()
        };
        let state = app::portal::finder::FinderState::default();
        for attempt in 0..t.app.settings.login_failures_per_account {
            let refused =
                app::portal::apply::start(&t.app, &state, &form, &format!("10.9.0.{attempt}"))
                    .await;
            assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
        }
        let next = app::portal::apply::start(&t.app, &state, &form, "10.9.1.1").await;
        assert!(is_throttled(&next), "the sign-up form has its own count");
        sign_in(&t.app, "amal@example.org", PASSWORD, "10.9.1.1")
            .await
            .unwrap();
        t
    })
    .await;
}

/// An administrator with a second factor in force; the TOTP secret.
async fn enrolled_admin(t: &TestApp) -> (accounts::User, String) {
    let admin = testing::account(t, "root", "admin", &[]).await;
    let enrolment = totp::begin_enrolment(&t.app, &admin.actor()).await.unwrap();
    let code = totp::current_code(&enrolment.secret_base32).unwrap();
    totp::confirm_enrolment(&t.app, &admin.actor(), &code)
        .await
        .unwrap();
    (admin, enrolment.secret_base32)
}

async fn pending(t: &TestApp, address: &str) -> sessions::Session {
    let signed = sign_in(&t.app, "root", PASSWORD, address).await.unwrap();
    assert_eq!(signed.stage, sessions::SessionStage::AwaitingSecondFactor);
    sessions::resolve(&t.app, &signed.token)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_totp_code_is_accepted_once_even_in_another_session() {
    for_each_backend(test_settings(), |t| async move {
        let (_, secret) = enrolled_admin(&t).await;
        // The code that confirmed enrolment cannot sign in.
        let first = pending(&t, "1.1.1.1").await;
        let enrolment_code = totp::current_code(&secret).unwrap();
        let replayed = totp::verify_second_factor(&t.app, &first, &enrolment_code).await;
        assert!(matches!(replayed, Err(Error::Invalid(_))), "{replayed:?}");
        let next = totp::code_at(&secret, 1).unwrap();
        totp::verify_second_factor(&t.app, &first, &next)
            .await
            .unwrap();
        let second = pending(&t, "2.2.2.2").await;
        let again = totp::verify_second_factor(&t.app, &second, &next).await;
        assert!(matches!(again, Err(Error::Invalid(_))), "{again:?}");
        t
    })
    .await;
}

#[tokio::test]
async fn five_wrong_codes_end_the_pending_sign_in_and_the_account_then_waits() {
    for_each_backend(test_settings(), |t| async move {
        let (admin, secret) = enrolled_admin(&t).await;
        let session = pending(&t, "1.1.1.1").await;
        for _ in 0..4 {
            let wrong = totp::verify_second_factor(&t.app, &session, "000000").await;
            assert!(matches!(wrong, Err(Error::Invalid(_))), "{wrong:?}");
        }
        let fifth = totp::verify_second_factor(&t.app, &session, "000000").await;
        assert!(matches!(fifth, Err(Error::Unauthenticated)), "{fifth:?}");
        assert!(
            sessions::resolve(&t.app, &session.token_hash)
                .await
                .unwrap()
                .is_none()
        );
        let right = totp::code_at(&secret, 1).unwrap();
        let sixth = totp::verify_second_factor(&t.app, &session, &right).await;
        assert!(
            matches!(sixth, Err(Error::Unauthenticated)),
            "the ended sign-in stays ended"
        );
        assert_eq!(events(&t, "auth.second_factor_limit", &admin.id).await, 1);

        // The account's own count holds across sign-ins: a new one waits, even with the right code.
        let fresh = pending(&t, "2.2.2.2").await;
        let waited = totp::verify_second_factor(&t.app, &fresh, &right).await;
        assert!(is_throttled(&waited), "{waited:?}");
        assert_eq!(events(&t, "auth.second_factor_limit", &admin.id).await, 2);
        t
    })
    .await;
}

#[tokio::test]
async fn tokens_end_with_the_password_and_the_account_and_at_their_expiry() {
    for_each_backend(test_settings(), |t| async move {
        let office = testing::office(&t, "JO-AMM").await;
        let nadia = testing::account(&t, "nadia", "analyst", &[&office]).await;
        let token = |days| {
            let app = t.app.clone();
            let actor = nadia.actor();
            async move {
                tokens::create(&app, &actor, "script", days)
                    .await
                    .unwrap()
                    .1
            }
        };
        let live = |secret: String| {
            let app = t.app.clone();
            async move { tokens::resolve(&app, &secret).await.unwrap().is_some() }
        };
        for days in [0, 366] {
            let refused = tokens::create(&t.app, &nadia.actor(), "script", days).await;
            assert!(matches!(&refused, Err(Error::Invalid(e)) if e.for_field("days").is_some()));
        }

        let before_change = token(90).await;
        assert!(live(before_change.clone()).await);
        accounts::change_own_password(
            &t.app,
            &nadia.actor(),
            None,
            PASSWORD,
            "another long password",
        )
        .await
        .unwrap();
        assert!(!live(before_change).await, "a password change ends tokens");

        let before_reset = token(90).await;
        accounts::reset_password(
            &t.app,
            &Actor::console(),
            &nadia.id,
            "a third long password",
        )
        .await
        .unwrap();
        assert!(
            !live(before_reset).await,
            "an administrator's reset ends tokens"
        );

        let before_disable = token(90).await;
        let user = accounts::load(&t.app.db, &nadia.id).await.unwrap();
        accounts::set_disabled(&t.app, &Actor::console(), &nadia.id, user.version, true)
            .await
            .unwrap();
        let user = accounts::load(&t.app.db, &nadia.id).await.unwrap();
        accounts::set_disabled(&t.app, &Actor::console(), &nadia.id, user.version, false)
            .await
            .unwrap();
        assert!(
            !live(before_disable).await,
            "disabling ends tokens for good"
        );

        let short = token(1).await;
        assert!(live(short.clone()).await);
        let listed = tokens::list_own(&t.app, &nadia.actor()).await.unwrap();
        let newest = &listed[0];
        assert!(newest.expires_at - newest.created_at == app::time::DAY);
        assert!(newest.last_used_at.is_some(), "use is shown");
        // A day later (the clock moved by rewriting the stored expiry) it is over.
        sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE id = $2")
            .bind(app::time::now_millis() - 1)
            .bind(&newest.id)
            .execute(&t.app.db.pool)
            .await
            .unwrap();
        assert!(!live(short).await, "an expired token ends");
        t
    })
    .await;
}

#[tokio::test]
async fn an_administrator_who_works_on_case_files_needs_a_second_administrator() {
    for_each_backend(test_settings(), |t| async move {
        let office = testing::office(&t, "JO-AMM").await;
        let first = testing::account(&t, "first-admin", "admin", &[])
            .await
            .actor();
        let second = testing::account(&t, "second-admin", "admin", &[])
            .await
            .actor();
        let both = NewUser {
            username: "dual".into(),
            display_name: "Dual role".into(),
            password: PASSWORD.into(),
            locale: "en".into(),
            roles: vec!["admin".into(), "supervisor".into()],
            offices: vec![office.clone()],
        };
        let dual = accounts::create(&t.app, &first, &both).await.unwrap();
        assert_eq!(
            dual.roles,
            [Role::Supervisor],
            "the administrator role waits"
        );
        let pending = role_approvals::pending_for(&t.app, &second, &dual.id)
            .await
            .unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].role, Role::Admin);

        let own = role_approvals::decide(&t.app, &first, &pending[0].id, true).await;
        assert!(
            matches!(own, Err(Error::Conflict("second-administrator-required"))),
            "the one who asked cannot approve: {own:?}"
        );
        let supervisor = accounts::load(&t.app.db, &dual.id).await.unwrap().actor();
        let itself = role_approvals::decide(&t.app, &supervisor, &pending[0].id, true).await;
        assert!(matches!(itself, Err(Error::Forbidden)), "{itself:?}");
        role_approvals::decide(&t.app, &second, &pending[0].id, true)
            .await
            .unwrap();
        let approved = accounts::load(&t.app.db, &dual.id).await.unwrap();
        assert_eq!(approved.roles, [Role::Admin, Role::Supervisor]);
        let again = role_approvals::decide(&t.app, &second, &pending[0].id, true).await;
        assert!(matches!(again, Err(Error::NotFound)), "decided once");
        for action in ["user.role_requested", "user.role_approved"] {
            assert_eq!(events(&t, action, &dual.id).await, 1, "{action} audited");
        }

        // Other combinations need no second administrator.
        let single = NewUser {
            username: "plain-admin".into(),
            roles: vec!["admin".into(), "analyst".into()],
            ..both
        };
        let plain = accounts::create(&t.app, &first, &single).await.unwrap();
        assert_eq!(plain.roles, [Role::Admin, Role::Analyst]);
        t
    })
    .await;
}
