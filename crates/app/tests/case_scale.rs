//! Generated cases and monthly quotas, on SQLite and on PostgreSQL when a server is available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::cases::generate::{self, GenerateOptions};
use app::cases::{self, MoveRequest, NewCaseForm, QueueFilter, people::PersonForm, quotas};
use app::policy::Actor;
use app::testing::{for_each_backend, test_settings};
use app::{accounts, demo};

async fn actor(t: &app::testing::TestApp, username: &str) -> Actor {
    let id = accounts::find_id_by_username(&t.app.db, username)
        .await
        .unwrap()
        .unwrap();
    accounts::load(&t.app.db, &id).await.unwrap().actor()
}

#[tokio::test]
async fn generated_cases_are_sealed_searchable_and_only_the_console_generates() {
    for_each_backend(test_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let worker = actor(&t, "caseworker").await;
        let options = GenerateOptions { count: 120, office_code: Some("TR-IST".into()), ..GenerateOptions::default() };
        assert!(matches!(generate::generate(&t.app, &worker, &options, |_| {}).await, Err(app::Error::Forbidden)));
        let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases").fetch_one(&t.app.db.pool).await.unwrap();
        let mut seen = Vec::new();
        let made = generate::generate(&t.app, &Actor::console(), &options, |done| seen.push(done)).await.unwrap();
        assert_eq!(made, 120);
        assert_eq!(seen.last(), Some(&120));
        let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases").fetch_one(&t.app.db.pool).await.unwrap();
        assert_eq!(after - before, 120);
        let clear: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE names IS NULL OR name_key = '' OR birth_date IS NULL")
            .fetch_one(&t.app.db.pool).await.unwrap();
        assert_eq!(clear, 0, "every person is sealed and indexed");
        let found = cases::queue(&t.app, &worker, &QueueFilter { text: Some("Haddad".into()), ..Default::default() }, None, 200)
            .await.unwrap();
        assert!(found.rows.iter().all(|row| row.applicant.as_ref().unwrap().surname == "Haddad"));
        let references: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT reference) FROM cases").fetch_one(&t.app.db.pool).await.unwrap();
        assert_eq!(references, after, "references stay unique");
        let counted: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(approved), 0) AS BIGINT) FROM approvals_by_month")
            .fetch_one(&t.app.db.pool).await.unwrap();
        let approvals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_events WHERE to_status = 'decided_approved'")
            .fetch_one(&t.app.db.pool).await.unwrap();
        assert!(approvals > 0, "some generated cases are approved");
        assert_eq!(counted, approvals, "every approval is counted in its month");
        t
    })
    .await;
}

#[tokio::test]
async fn a_quota_counts_the_cases_of_its_pathway_approved_this_month() {
    for_each_backend(test_settings(), |t| async move {
        demo::seed(&t.app).await.unwrap();
        let worker = actor(&t, "caseworker").await;
        let supervisor = actor(&t, "supervisor").await;
        let quota = |list: Vec<quotas::Quota>| {
            list.into_iter()
                .find(|q| q.pathway_id == "de.family.subsidiary_protection")
                .unwrap()
        };
        let before = quota(quotas::current(&t.app, &worker).await.unwrap());
        assert_eq!(before.capacity, 1000);
        assert_eq!(before.parameter_id, "subsidiary_monthly_quota");
        let form = NewCaseForm {
            office_id: worker.offices[0].clone(),
            pathway: "de/de.family.subsidiary_protection".into(),
            applicant: PersonForm {
                surname: "Tesfaye".into(),
                given_names: "Selam".into(),
                ..Default::default()
            },
        };
        let mut case = cases::create(&t.app, &worker, &form).await.unwrap();
        for to in [
            "counselling",
            "forms",
            "completeness_check",
            "ready_for_submission",
            "appointment_booked",
            "submitted",
            "decided_approved",
        ] {
            let request = MoveRequest {
                to: to.into(),
                reason: "Checked by hand".into(),
                override_completeness: to == "ready_for_submission",
            };
            case = cases::move_case(&t.app, &supervisor, &case.id, case.version, &request)
                .await
                .unwrap();
        }
        let after = quota(quotas::current(&t.app, &worker).await.unwrap());
        assert_eq!(after.used, before.used + 1);
        assert_eq!(after.available(), 1000 - after.used);
        // Put on hold and resumed, the approved case is still one approval.
        for to in ["on_hold", "decided_approved"] {
            let request = MoveRequest {
                to: to.into(),
                reason: "Sponsor abroad for a month".into(),
                override_completeness: false,
            };
            case = cases::move_case(&t.app, &supervisor, &case.id, case.version, &request)
                .await
                .unwrap();
        }
        let resumed = quota(quotas::current(&t.app, &worker).await.unwrap());
        assert_eq!(
            resumed.used, after.used,
            "a resumption is not another approval"
        );
        let admin = actor(&t, "admin").await;
        assert!(quotas::current(&t.app, &admin).await.is_err());
        t
    })
    .await;
}

#[tokio::test]
async fn indexes_stay_when_deferring_them_fails_part_way() {
    for_each_backend(test_settings(), |t| async move {
        let db = &t.app.db;
        for statement in [
            "CREATE TABLE defer_first (x INTEGER)",
            "CREATE INDEX defer_first_x ON defer_first (x)",
            "CREATE TABLE defer_second (x INTEGER)",
            // A name that needs quoting makes the unquoted DROP INDEX fail.
            "CREATE INDEX \"defer second x\" ON defer_second (x)",
        ] {
            sqlx::query(statement).execute(&db.pool).await.unwrap();
        }
        assert!(
            db.defer_indexes(&["defer_first", "defer_second"])
                .await
                .is_err()
        );
        let listing = match db.backend {
            app::db::Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'defer_first_x'"
            }
            app::db::Backend::Postgres => {
                "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'defer_first_x'"
            }
        };
        let kept: i64 = sqlx::query_scalar(listing)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(
            kept, 1,
            "the index dropped before the failure is back on {:?}",
            db.backend
        );
        t
    })
    .await;
}

#[tokio::test]
async fn indexes_deferred_for_a_bulk_load_come_back_as_they_were() {
    for_each_backend(test_settings(), |t| async move {
        let db = &t.app.db;
        let listing = match db.backend {
            app::db::Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' ORDER BY name",
            app::db::Backend::Postgres => "SELECT indexname::text FROM pg_indexes WHERE tablename = 'cases' ORDER BY 1",
        };
        let names = || async { sqlx::query_scalar::<_, String>(listing).fetch_all(&db.pool).await.unwrap() };
        let before = names().await;
        let deferred = db.defer_indexes(&["cases"]).await.unwrap();
        let during = names().await;
        assert!(during.len() < before.len(), "secondary indexes are dropped: {during:?}");
        assert!(during.iter().all(|name| before.contains(name)), "unique indexes stay");
        db.rebuild_indexes(deferred).await.unwrap();
        assert_eq!(names().await, before);
        t
    })
    .await;
}
