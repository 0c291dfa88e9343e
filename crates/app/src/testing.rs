//! Test support: run a test against a fresh database on every backend that is available.
//!
//! SQLite always runs, in a temporary folder. PostgreSQL runs when `CORRIDOR_TEST_DATABASE_URL`
//! names a server, or when one answers at 127.0.0.1:5432 as user `postgres`; each test then gets
//! its own database, dropped afterwards. When no server is found, a loud line says so once.

use std::future::Future;
use std::io::Write;
use std::sync::Once;
use std::time::Duration;

use sqlx::Connection;

use crate::time::HOUR;
use crate::{App, MasterKeySource, Settings};

const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/postgres";
static PACKS: std::sync::OnceLock<std::sync::Arc<crate::packs::PackRegistry>> =
    std::sync::OnceLock::new();

/// The project's rule packs, loaded once per test process.
pub fn packs() -> std::sync::Arc<crate::packs::PackRegistry> {
    PACKS
        .get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs");
            let registry = crate::packs::PackRegistry::load_dir(&dir)
                .unwrap_or_else(|error| panic!("packs: {error}"));
            std::sync::Arc::new(registry)
        })
        .clone()
}
static SKIP_NOTICE: Once = Once::new();

/// Settings for tests: quick to sign in, generous sessions.
pub fn test_settings() -> Settings {
    Settings {
        session_idle: HOUR,
        ..Settings::default()
    }
}

/// A fresh application on one backend; call [`TestApp::finish`] to drop its database.
pub struct TestApp {
    pub app: App,
    pub database_url: String,
    pub data_dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl TestApp {
    pub fn backend_name(&self) -> &'static str {
        match self.app.db.backend {
            crate::db::Backend::Sqlite => "sqlite",
            crate::db::Backend::Postgres => "postgres",
        }
    }

    pub async fn finish(self) {
        self.app.db.pool.close().await;
        if let Some((server, name)) = self.postgres
            && let Ok(mut admin) = sqlx::AnyConnection::connect(&server).await
        {
            let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let _ = sqlx::query(sqlx::AssertSqlSafe(drop))
                .execute(&mut admin)
                .await;
        }
    }
}

async fn postgres_server() -> Option<String> {
    sqlx::any::install_default_drivers();
    let configured = std::env::var("CORRIDOR_TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty());
    let candidate = configured
        .clone()
        .unwrap_or_else(|| DEFAULT_SERVER.to_owned());
    let reachable = tokio::time::timeout(
        Duration::from_secs(2),
        sqlx::AnyConnection::connect(&candidate),
    )
    .await;
    match reachable {
        Ok(Ok(connection)) => {
            let _ = connection.close().await;
            Some(candidate)
        }
        _ if configured.is_some() => {
            panic!("CORRIDOR_TEST_DATABASE_URL is set but its server does not answer")
        }
        _ => {
            SKIP_NOTICE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** PostgreSQL tests SKIPPED: no server at CORRIDOR_TEST_DATABASE_URL or {DEFAULT_SERVER} ***\n"
                );
            });
            None
        }
    }
}

/// Opens a fresh SQLite application.
pub async fn sqlite_app(settings: Settings) -> TestApp {
    let data_dir = tempfile::tempdir().unwrap_or_else(|error| panic!("temp dir: {error}"));
    let database_url = format!("sqlite://{}", data_dir.path().join("corridor.db").display());
    let keys = MasterKeySource::Directory(data_dir.path().join("keys"));
    let app = App::open(&database_url, &keys, settings, data_dir.path())
        .await
        .unwrap_or_else(|error| panic!("open sqlite: {error}"))
        .with_packs(packs());
    TestApp {
        app,
        database_url,
        data_dir,
        postgres: None,
    }
}

async fn postgres_app(server: &str, settings: Settings) -> TestApp {
    let name = format!("corridor_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::AnyConnection::connect(server)
        .await
        .unwrap_or_else(|error| panic!("connect: {error}"));
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|error| panic!("create database: {error}"));
    let _ = admin.close().await;
    let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
    let database_url = format!("{base}/{name}");
    let data_dir = tempfile::tempdir().unwrap_or_else(|error| panic!("temp dir: {error}"));
    let keys = MasterKeySource::Directory(data_dir.path().join("keys"));
    let app = App::open(&database_url, &keys, settings, data_dir.path())
        .await
        .unwrap_or_else(|error| panic!("open postgres: {error}"))
        .with_packs(packs());
    TestApp {
        app,
        database_url,
        data_dir,
        postgres: Some((server.to_owned(), name)),
    }
}

/// Runs `test` once per available backend, each time on a fresh database.
pub async fn for_each_backend<F, Fut>(settings: Settings, test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = TestApp>,
{
    let sqlite = sqlite_app(settings.clone()).await;
    test(sqlite).await.finish().await;
    if let Some(server) = postgres_server().await {
        let postgres = postgres_app(&server, settings).await;
        test(postgres).await.finish().await;
    }
}

/// The password every account made by [`account`] has.
pub const PASSWORD: &str = "a long enough password";

/// A field office `code` (such as `JO-AMM`) in the country its code starts with, named
/// "Office <code>", created by the console; its id.
pub async fn office(t: &TestApp, code: &str) -> String {
    let form = crate::offices::OfficeForm {
        code: code.into(),
        name: format!("Office {code}"),
        country: code.chars().take(2).collect(),
        kind: "field_office".into(),
        ..crate::offices::OfficeForm::default()
    };
    crate::offices::create(&t.app, &crate::policy::Actor::console(), &form)
        .await
        .unwrap_or_else(|error| panic!("office {code}: {error}"))
        .id
}

/// An account with one role in `offices`, created by the console, in English, with
/// [`PASSWORD`].
pub async fn account(
    t: &TestApp,
    username: &str,
    role: &str,
    offices: &[&str],
) -> crate::accounts::User {
    let new = crate::accounts::NewUser {
        username: username.into(),
        display_name: username.into(),
        password: PASSWORD.into(),
        locale: "en".into(),
        roles: vec![role.into()],
        offices: offices.iter().map(|office| (*office).to_owned()).collect(),
    };
    crate::accounts::create(&t.app, &crate::policy::Actor::console(), &new)
        .await
        .unwrap_or_else(|error| panic!("account {username}: {error}"))
}

/// A German spouse-reunification case opened by `actor` at `office`, for an applicant named
/// Amal `surname`, born in April 1990, Syrian.
pub async fn spouse_case(
    t: &TestApp,
    actor: &crate::policy::Actor,
    office: &str,
    surname: &str,
) -> crate::cases::Case {
    let form = crate::cases::NewCaseForm {
        office_id: office.to_owned(),
        pathway: "de/de.family.spouse".into(),
        applicant: crate::cases::people::PersonForm {
            surname: surname.into(),
            given_names: "Amal".into(),
            birth_date: "1990-04-12".into(),
            sex: "F".into(),
            nationality: "SYR".into(),
        },
    };
    crate::cases::create(&t.app, actor, &form)
        .await
        .unwrap_or_else(|error| panic!("case of {surname}: {error}"))
}
