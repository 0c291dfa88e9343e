//! Integration tests of the foundation modules, each run on SQLite and on PostgreSQL when a
//! server is available (see `app::testing`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::accounts::{self, NewUser, sessions, tokens, totp};
use app::audit::{self, AuditAction, AuditFilter, BreakReason, ChainVerdict, NewAuditEvent};
use app::crypto::{self, FieldContext, Keyring};
use app::error::Error;
use app::offices::{self, OfficeForm};
use app::policy::Actor;
use app::testing::{TestApp, for_each_backend, sqlite_app, test_settings};
use app::{MasterKeySource, demo};

fn office_form(code: &str) -> OfficeForm {
    OfficeForm {
        code: code.into(),
        name: format!("Office {code}"),
        country: "JO".into(),
        kind: "field_office".into(),
        ..OfficeForm::default()
    }
}

async fn office(t: &TestApp, code: &str) -> String {
    offices::create(&t.app, &Actor::console(), &office_form(code))
        .await
        .unwrap()
        .id
}

fn new_user(username: &str, role: &str, offices: Vec<String>) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: format!("User {username}"),
        password: "a long enough password".into(),
        locale: "ar".into(),
        roles: vec![role.into()],
        offices,
    }
}

async fn user(t: &TestApp, username: &str, role: &str, offices: Vec<String>) -> accounts::User {
    accounts::create(
        &t.app,
        &Actor::console(),
        &new_user(username, role, offices),
    )
    .await
    .unwrap()
}

fn field_errors(error: Error) -> Vec<(String, &'static str)> {
    match error {
        Error::Invalid(errors) => errors
            .0
            .into_iter()
            .map(|e| (e.field, e.message_key))
            .collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

mod storage {
    use super::*;

    #[tokio::test]
    async fn stale_office_update_is_a_conflict_not_an_overwrite() {
        for_each_backend(test_settings(), |t| async move {
            let created = offices::create(&t.app, &Actor::console(), &office_form("JO-AMM"))
                .await
                .unwrap();
            let mut form = office_form("JO-AMM");
            form.name = "Amman".into();
            let updated = offices::update(
                &t.app,
                &Actor::console(),
                &created.id,
                created.version,
                &form,
            )
            .await
            .unwrap();
            assert_eq!(updated.version, created.version + 1);
            form.name = "Someone else's edit".into();
            let stale = offices::update(
                &t.app,
                &Actor::console(),
                &created.id,
                created.version,
                &form,
            )
            .await;
            assert!(
                matches!(stale, Err(Error::Conflict(_))),
                "{}: {stale:?}",
                t.backend_name()
            );
            let stored = offices::get(&t.app.db, &Actor::console(), &created.id)
                .await
                .unwrap();
            assert_eq!(stored.name, "Amman");
            t
        })
        .await;
    }

    #[tokio::test]
    async fn invalid_office_lists_every_bad_field_and_writes_nothing() {
        for_each_backend(test_settings(), |t| async move {
            let bad = OfficeForm {
                code: "x".into(),
                name: " ".into(),
                country: "Jordan".into(),
                kind: "tent".into(),
                ..OfficeForm::default()
            };
            let errors = field_errors(
                offices::create(&t.app, &Actor::console(), &bad)
                    .await
                    .unwrap_err(),
            );
            let fields: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
            assert_eq!(fields, ["code", "name", "country", "kind"]);
            assert!(
                offices::list(&t.app.db, &Actor::console())
                    .await
                    .unwrap()
                    .is_empty()
            );
            t
        })
        .await;
    }

    #[tokio::test]
    async fn backup_writes_a_usable_copy_of_sqlite() {
        let t = sqlite_app(test_settings()).await;
        office(&t, "JO-AMM").await;
        let target = t.data_dir.path().join("backup.db");
        let outcome = t.app.db.backup(&target, &t.database_url).await.unwrap();
        assert_eq!(outcome, app::db::BackupOutcome::Written);
        let copy = app::db::Db::connect(&format!("sqlite://{}", target.display()))
            .await
            .unwrap();
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offices")
            .fetch_one(&copy.pool)
            .await
            .unwrap();
        assert_eq!(count, 1);
        t.finish().await;
    }
}

mod accounts_and_sessions {
    use super::*;

    #[tokio::test]
    async fn new_user_validation_names_each_field() {
        for_each_backend(test_settings(), |t| async move {
            let bad = NewUser {
                username: "A B".into(),
                display_name: String::new(),
                password: "short".into(),
                locale: "Arabic".into(),
                roles: vec!["wizard".into()],
                offices: vec![],
            };
            let errors = field_errors(
                accounts::create(&t.app, &Actor::console(), &bad)
                    .await
                    .unwrap_err(),
            );
            assert_eq!(
                errors,
                [
                    ("username".to_string(), "error-username"),
                    ("display_name".to_string(), "error-required-short-text"),
                    ("password".to_string(), "error-password-too-short"),
                    ("locale".to_string(), "error-locale"),
                    ("roles".to_string(), "error-roles"),
                ]
            );
            t
        })
        .await;
    }

    #[tokio::test]
    async fn duplicate_username_is_refused() {
        for_each_backend(test_settings(), |t| async move {
            let amman = office(&t, "JO-AMM").await;
            user(&t, "fatima", "caseworker", vec![amman.clone()]).await;
            let again = accounts::create(
                &t.app,
                &Actor::console(),
                &new_user("Fatima", "caseworker", vec![amman]),
            )
            .await;
            assert_eq!(
                field_errors(again.unwrap_err()),
                [("username".to_string(), "error-username-taken")]
            );
            t
        })
        .await;
    }

    #[tokio::test]
    async fn sign_in_starts_a_session_and_wrong_passwords_are_throttled() {
        for_each_backend(test_settings(), |t| async move {
            let amman = office(&t, "JO-AMM").await;
            let created = user(&t, "omar", "caseworker", vec![amman]).await;
            let signed = accounts::sign_in(
                &t.app,
                "Omar",
                "a long enough password",
                accounts::Client::at("10.0.0.1"),
            )
            .await
            .unwrap();
            assert_eq!(signed.user_id, created.id);
            let session = sessions::resolve(&t.app, &signed.token)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(session.stage, sessions::SessionStage::SignedIn);
            assert_eq!(session.user.id, created.id);

            for _ in 0..5 {
                let wrong = accounts::sign_in(
                    &t.app,
                    "omar",
                    "not the password",
                    accounts::Client::at("10.0.0.2"),
                )
                .await;
                assert!(matches!(wrong, Err(Error::Unauthenticated)));
            }
            let paused = accounts::sign_in(
                &t.app,
                "omar",
                "a long enough password",
                accounts::Client::at("10.0.0.3"),
            )
            .await;
            assert!(
                matches!(paused, Err(Error::TooManyAttempts { .. })),
                "{paused:?}"
            );
            let failures = audit::list(
                &t.app.db,
                &AuditFilter {
                    action: Some("auth.sign_in_failed".into()),
                    limit: 50,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            assert_eq!(failures.len(), 5);
            assert!(failures.iter().all(|event| !event.details.contains("omar")));
            t
        })
        .await;
    }

    #[tokio::test]
    async fn unknown_accounts_and_disabled_accounts_cannot_sign_in() {
        for_each_backend(test_settings(), |t| async move {
            let amman = office(&t, "JO-AMM").await;
            let created = user(&t, "leila", "caseworker", vec![amman]).await;
            let token = accounts::sign_in(
                &t.app,
                "leila",
                "a long enough password",
                accounts::Client::at("1.1.1.1"),
            )
            .await
            .unwrap()
            .token;
            assert!(matches!(
                accounts::sign_in(
                    &t.app,
                    "nobody",
                    "whatever!!",
                    accounts::Client::at("1.1.1.1")
                )
                .await,
                Err(Error::Unauthenticated)
            ));
            accounts::set_disabled(
                &t.app,
                &Actor::console(),
                &created.id,
                created.version,
                true,
            )
            .await
            .unwrap();
            assert!(
                sessions::resolve(&t.app, &token).await.unwrap().is_none(),
                "disabling ends sessions"
            );
            let refused = accounts::sign_in(
                &t.app,
                "leila",
                "a long enough password",
                accounts::Client::at("1.1.1.1"),
            )
            .await;
            assert!(matches!(refused, Err(Error::Unauthenticated)));
            t
        })
        .await;
    }

    #[tokio::test]
    async fn password_change_ends_other_sessions_but_keeps_the_current_one() {
        for_each_backend(test_settings(), |t| async move {
            let amman = office(&t, "JO-AMM").await;
            let created = user(&t, "samir", "caseworker", vec![amman]).await;
            let here = accounts::sign_in(
                &t.app,
                "samir",
                "a long enough password",
                accounts::Client::at("1.1.1.1"),
            )
            .await
            .unwrap()
            .token;
            let elsewhere = accounts::sign_in(
                &t.app,
                "samir",
                "a long enough password",
                accounts::Client::at("2.2.2.2"),
            )
            .await
            .unwrap()
            .token;
            let here_session = sessions::resolve(&t.app, &here).await.unwrap().unwrap();
            let actor = created.actor();
            let wrong = accounts::change_own_password(
                &t.app,
                &actor,
                None,
                "bad guess",
                "another long password",
            )
            .await;
            assert_eq!(
                field_errors(wrong.unwrap_err()),
                [("current_password".to_string(), "error-password-wrong")]
            );
            accounts::change_own_password(
                &t.app,
                &actor,
                Some(&here_session.token_hash),
                "a long enough password",
                "another long password",
            )
            .await
            .unwrap();
            assert!(sessions::resolve(&t.app, &here).await.unwrap().is_some());
            assert!(
                sessions::resolve(&t.app, &elsewhere)
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(
                accounts::sign_in(
                    &t.app,
                    "samir",
                    "another long password",
                    accounts::Client::at("1.1.1.1")
                )
                .await
                .is_ok()
            );
            t
        })
        .await;
    }

    #[tokio::test]
    async fn api_tokens_act_for_their_owner_until_revoked() {
        for_each_backend(test_settings(), |t| async move {
            let amman = office(&t, "JO-AMM").await;
            let owner = user(&t, "nadia", "analyst", vec![amman.clone()]).await;
            let other = user(&t, "karim", "analyst", vec![amman]).await;
            let (token, secret) = tokens::create(
                &t.app,
                &owner.actor(),
                "reporting script",
                tokens::DEFAULT_DAYS,
            )
            .await
            .unwrap();
            assert!(secret.starts_with(&token.prefix));
            assert_eq!(
                tokens::resolve(&t.app, &secret)
                    .await
                    .unwrap()
                    .map(|user| user.id),
                Some(owner.id.clone())
            );
            assert_eq!(tokens::resolve(&t.app, "cor_forged").await.unwrap(), None);
            let theft = tokens::revoke(&t.app, &other.actor(), &token.id).await;
            assert!(
                matches!(theft, Err(Error::NotFound)),
                "another user cannot even see the token"
            );
            tokens::revoke(&t.app, &owner.actor(), &token.id)
                .await
                .unwrap();
            assert_eq!(tokens::resolve(&t.app, &secret).await.unwrap(), None);
            t
        })
        .await;
    }

    #[tokio::test]
    async fn second_factor_accepts_totp_and_each_recovery_code_once() {
        for_each_backend(test_settings(), |t| async move {
            let admin = user(&t, "root", "admin", vec![]).await;
            let enrolment = totp::begin_enrolment(&t.app, &admin.actor()).await.unwrap();
            let wrong = totp::confirm_enrolment(&t.app, &admin.actor(), "000000").await;
            assert!(
                wrong.is_err() || totp::current_code(&enrolment.secret_base32).unwrap() == "000000"
            );
            let code = totp::current_code(&enrolment.secret_base32).unwrap();
            let recovery = totp::confirm_enrolment(&t.app, &admin.actor(), &code)
                .await
                .unwrap();
            assert_eq!(recovery.len(), 10);

            let signed = accounts::sign_in(
                &t.app,
                "root",
                "a long enough password",
                accounts::Client::at("1.1.1.1"),
            )
            .await
            .unwrap();
            assert_eq!(signed.stage, sessions::SessionStage::AwaitingSecondFactor);
            let session = sessions::resolve(&t.app, &signed.token)
                .await
                .unwrap()
                .unwrap();
            totp::verify_second_factor(&t.app, &session, &recovery[0])
                .await
                .unwrap();
            let upgraded = sessions::resolve(&t.app, &signed.token)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(upgraded.stage, sessions::SessionStage::SignedIn);
            let reused = totp::verify_second_factor(&t.app, &session, &recovery[0]).await;
            assert!(reused.is_err(), "a recovery code works once");
            t
        })
        .await;
    }
}

mod audit_chain {
    use super::*;

    async fn record_some(t: &TestApp, count: usize) {
        for n in 0..count {
            let mut tx = t.app.db.begin().await.unwrap();
            audit::record(
                &mut tx,
                NewAuditEvent::new(
                    None,
                    AuditAction::OfficeUpdate,
                    "thing",
                    Some(&n.to_string()),
                )
                .with_details(serde_json::json!({ "n": n })),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }
    }

    #[tokio::test]
    async fn an_untouched_chain_verifies() {
        for_each_backend(test_settings(), |t| async move {
            record_some(&t, 25).await;
            assert_eq!(
                audit::verify(&t.app.db, |_| {}).await.unwrap(),
                ChainVerdict::Intact { events: 25 }
            );
            t
        })
        .await;
    }

    #[tokio::test]
    async fn the_log_refuses_updates_from_the_application_connection() {
        for_each_backend(test_settings(), |t| async move {
            record_some(&t, 2).await;
            let update = sqlx::query("UPDATE audit_events SET details = '{}' WHERE seq = 1")
                .execute(&t.app.db.pool)
                .await;
            assert!(update.is_err(), "{}: append-only trigger", t.backend_name());
            t
        })
        .await;
    }

    async fn drop_guard(t: &TestApp) {
        let statements: &[&str] = match t.app.db.backend {
            app::db::Backend::Sqlite => &[
                "DROP TRIGGER audit_events_no_update",
                "DROP TRIGGER audit_events_no_delete",
            ],
            app::db::Backend::Postgres => &["DROP TRIGGER audit_events_no_change ON audit_events"],
        };
        for statement in statements {
            sqlx::query(sqlx::AssertSqlSafe(*statement))
                .execute(&t.app.db.pool)
                .await
                .unwrap();
        }
    }

    #[tokio::test]
    async fn verify_names_the_first_tampered_event() {
        for_each_backend(test_settings(), |t| async move {
            record_some(&t, 10).await;
            drop_guard(&t).await;
            sqlx::query("UPDATE audit_events SET details = '{\"n\":99}' WHERE seq = 4")
                .execute(&t.app.db.pool)
                .await
                .unwrap();
            let verdict = audit::verify(&t.app.db, |_| {}).await.unwrap();
            assert_eq!(
                verdict,
                ChainVerdict::Broken {
                    seq: 4,
                    reason: BreakReason::ContentAltered
                }
            );
            t
        })
        .await;
    }

    #[tokio::test]
    async fn verify_notices_a_deleted_event_and_a_truncated_tail() {
        for_each_backend(test_settings(), |t| async move {
            record_some(&t, 10).await;
            drop_guard(&t).await;
            sqlx::query("DELETE FROM audit_events WHERE seq = 10")
                .execute(&t.app.db.pool)
                .await
                .unwrap();
            let verdict = audit::verify(&t.app.db, |_| {}).await.unwrap();
            assert_eq!(
                verdict,
                ChainVerdict::Broken {
                    seq: 10,
                    reason: BreakReason::HeadMismatch
                }
            );
            sqlx::query("DELETE FROM audit_events WHERE seq = 3")
                .execute(&t.app.db.pool)
                .await
                .unwrap();
            let verdict = audit::verify(&t.app.db, |_| {}).await.unwrap();
            assert_eq!(
                verdict,
                ChainVerdict::Broken {
                    seq: 3,
                    reason: BreakReason::Gap
                }
            );
            t
        })
        .await;
    }

    #[tokio::test]
    async fn supervisors_see_only_their_offices_events() {
        for_each_backend(test_settings(), |t| async move {
            let amman = office(&t, "JO-AMM").await;
            let beirut = office(&t, "LB-BEY").await;
            let supervisor = user(&t, "sup", "supervisor", vec![amman.clone()]).await;
            user(&t, "cw-beirut", "caseworker", vec![beirut.clone()]).await;
            let scoped = audit::list(
                &t.app.db,
                &AuditFilter {
                    offices_of_user: Some(supervisor.id.clone()),
                    limit: 100,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            assert!(!scoped.is_empty());
            assert!(
                scoped
                    .iter()
                    .all(|event| event.office_id.as_deref() == Some(amman.as_str()))
            );
            t
        })
        .await;
    }
}

mod encryption {
    use super::*;

    #[tokio::test]
    async fn sealed_values_open_only_in_their_own_place() {
        for_each_backend(test_settings(), |t| async move {
            let keyring = &t.app.keyring;
            let here = FieldContext {
                table: "people",
                column: "notes",
                row_id: "p1",
            };
            let sealed = keyring
                .seal_text(here, "asylum interview on Tuesday")
                .unwrap();
            assert_eq!(
                keyring.open_text(here, &sealed).unwrap().as_str(),
                "asylum interview on Tuesday"
            );
            let elsewhere = FieldContext {
                row_id: "p2",
                ..here
            };
            assert!(
                keyring.open(elsewhere, &sealed).is_err(),
                "a ciphertext moved to another row fails"
            );
            assert_eq!(
                keyring.blind_index("passport", "P1234567"),
                keyring.blind_index("passport", "P1234567")
            );
            assert_ne!(
                keyring.blind_index("passport", "P1234567"),
                keyring.blind_index("national-id", "P1234567")
            );
            t
        })
        .await;
    }

    #[tokio::test]
    async fn rotation_reencrypts_every_sealed_value_and_old_keys_still_open() {
        for_each_backend(test_settings(), |t| async move {
            let admin = user(&t, "root", "admin", vec![]).await;
            let enrolment = totp::begin_enrolment(&t.app, &admin.actor()).await.unwrap();
            let master = MasterKeySource::Directory(t.data_dir.path().join("keys"))
                .load()
                .unwrap();
            let mut seen = 0;
            let report = crypto::rotate_field_key(&t.app.db, &master, |done| seen = done)
                .await
                .unwrap();
            assert_eq!(report.values_reencrypted, 1);
            assert_eq!(seen, 1);
            assert_eq!(report.new_key_id, 3);
            let reloaded = Keyring::load(&t.app.db, &master).await.unwrap();
            assert_eq!(reloaded.active_key_id(), 3);
            let sealed: Vec<u8> = sqlx::query_scalar("SELECT totp_secret FROM users WHERE id = $1")
                .bind(&admin.id)
                .fetch_one(&t.app.db.pool)
                .await
                .unwrap();
            assert_eq!(
                u32::from_be_bytes([sealed[1], sealed[2], sealed[3], sealed[4]]),
                3
            );
            let opened = reloaded.open(
                FieldContext {
                    table: "users",
                    column: "totp_secret",
                    row_id: &admin.id,
                },
                &sealed,
            );
            let secret = totp_rs::Secret::try_from_base32(&enrolment.secret_base32).unwrap();
            assert_eq!(opened.unwrap().as_slice(), secret.as_bytes());
            t
        })
        .await;
    }

    #[tokio::test]
    async fn a_known_secret_never_appears_in_plaintext_in_the_sqlite_file() {
        let t = sqlite_app(test_settings()).await;
        let admin = user(&t, "root", "admin", vec![]).await;
        let enrolment = totp::begin_enrolment(&t.app, &admin.actor()).await.unwrap();
        let raw = totp_rs::Secret::try_from_base32(&enrolment.secret_base32)
            .unwrap()
            .as_bytes()
            .to_vec();
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&t.app.db.pool)
            .await
            .unwrap();
        let mut file = std::fs::read(t.data_dir.path().join("corridor.db")).unwrap();
        if let Ok(wal) = std::fs::read(t.data_dir.path().join("corridor.db-wal")) {
            file.extend(wal);
        }
        let contains = |needle: &[u8]| file.windows(needle.len()).any(|window| window == needle);
        assert!(contains(b"root"), "the test reads the right file");
        assert!(
            !contains(&raw),
            "raw TOTP secret found in the database file"
        );
        assert!(
            !contains(enrolment.secret_base32.as_bytes()),
            "base32 TOTP secret found in the database file"
        );
        t.finish().await;
    }

    #[tokio::test]
    async fn a_wrong_master_key_is_refused_at_start() {
        let t = sqlite_app(test_settings()).await;
        let wrong = MasterKeySource::Inline(base64_of([7u8; 32]));
        let reopened =
            app::App::open(&t.database_url, &wrong, test_settings(), t.data_dir.path()).await;
        assert!(reopened.is_err());
        t.finish().await;
    }

    fn base64_of(bytes: [u8; 32]) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }
}

mod demo_data {
    use super::*;

    #[tokio::test]
    async fn seeding_creates_one_user_per_role_once() {
        for_each_backend(test_settings(), |t| async move {
            assert_eq!(demo::seed(&t.app).await.unwrap(), demo::SeedOutcome::Seeded);
            assert_eq!(
                demo::seed(&t.app).await.unwrap(),
                demo::SeedOutcome::AlreadyPresent
            );
            let users = accounts::list(&t.app.db, &Actor::console()).await.unwrap();
            assert_eq!(users.len(), demo::DEMO_LOGINS.len());
            let countries: std::collections::BTreeSet<String> =
                offices::list(&t.app.db, &Actor::console())
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|o| o.country)
                    .collect();
            assert!(countries.len() >= 5);
            assert!(matches!(
                audit::verify(&t.app.db, |_| {}).await.unwrap(),
                ChainVerdict::Intact { events } if events > 14
            ));
            let caseworker = accounts::find_id_by_username(&t.app.db, "caseworker")
                .await
                .unwrap()
                .unwrap();
            let caseworker = accounts::load(&t.app.db, &caseworker)
                .await
                .unwrap()
                .actor();
            let filter = app::cases::QueueFilter::default();
            let queue = app::cases::queue(&t.app, &caseworker, &filter, None, 200)
                .await
                .unwrap();
            let in_office: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM cases WHERE office_id IN (SELECT office_id FROM user_offices WHERE user_id = $1)",
            )
            .bind(&caseworker.user_id)
            .fetch_one(&t.app.db.pool)
            .await
            .unwrap();
            assert!(in_office > 40, "the 40 opened cases and generated ones");
            assert_eq!(queue.rows.len() as i64, in_office.min(200));
            assert!(
                queue
                    .rows
                    .iter()
                    .any(|row| row.case.priority != app::cases::triage::Priority::Normal)
            );
            t
        })
        .await;
    }

    /// Counts the rows of `table` for a case.
    async fn rows_of(t: &TestApp, table: &str, case_id: &str) -> i64 {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE case_id = $1"
        )))
        .bind(case_id)
        .fetch_one(&t.app.db.pool)
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn seeded_cases_carry_the_content_of_their_stage() {
        for_each_backend(test_settings(), |t| async move {
            demo::seed(&t.app).await.unwrap();
            let seeded: Vec<(String, String)> = sqlx::query_as(
                "SELECT c.id, c.status FROM cases c WHERE c.office_id = \
                 (SELECT id FROM offices WHERE code = 'TR-IST') \
                 AND c.id IN (SELECT case_id FROM case_events WHERE kind = 'opened' \
                   AND actor_id = (SELECT id FROM users WHERE username = 'caseworker'))",
            )
            .fetch_all(&t.app.db.pool)
            .await
            .unwrap();
            assert!(seeded.len() >= 30, "{}", seeded.len());
            for (case_id, status) in &seeded {
                let snapshots = rows_of(&t, "eligibility_snapshots", case_id).await;
                let documents = rows_of(&t, "case_documents", case_id).await;
                let reports = rows_of(&t, "completeness_reports", case_id).await;
                let messages = rows_of(&t, "case_messages", case_id).await;
                let appointments = rows_of(&t, "appointments", case_id).await;
                match status.as_str() {
                    "intake" => assert_eq!(snapshots + documents, 0, "{status}"),
                    "counselling" => {
                        assert!(snapshots > 0 && documents == 0, "{status}");
                    }
                    "forms" => assert!(
                        snapshots > 0 && documents > 0 && messages > 0 && appointments > 0,
                        "{status}"
                    ),
                    _ => assert!(documents > 0 && reports > 0, "{status}"),
                }
            }
            assert!(
                seeded
                    .iter()
                    .any(|(_, status)| status == "completeness_check"),
                "some cases reached the check"
            );
            let refused: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM checklist_items WHERE status = 'rejected'",
            )
            .fetch_one(&t.app.db.pool)
            .await
            .unwrap();
            assert!(refused > 0, "a supervisor refused a copy somewhere");
            t
        })
        .await;
    }
}
