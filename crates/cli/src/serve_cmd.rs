//! `corridor serve` and `corridor demo`.

use std::process::ExitCode;

use anyhow::Context;

use app::demo::{self, DEMO_LOGINS, DEMO_PASSWORD};

use crate::config::{Config, ServeArgs};

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down; finishing requests in flight");
}

async fn run_server(config: &Config, app: app::App) -> anyhow::Result<()> {
    app::knowledge::refresh_index_if_stale(&app)
        .await
        .map_err(|error| anyhow::anyhow!("preparing the search index: {error}"))?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let state = web::AppState {
        app,
        secure_cookies: config.secure_cookies,
    };
    web::serve(listener, state, shutdown_signal())
        .await
        .context("serving")
}

/// Runs the retention purge once a day, the first a day after start (a restart should not
/// compete with a purge), logging counts only. A failed run is logged and tried again the next
/// day; it never stops the server.
async fn purge_daily(app: app::App) {
    let day = std::time::Duration::from_secs(24 * 60 * 60);
    let mut daily = tokio::time::interval_at(tokio::time::Instant::now() + day, day);
    daily.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        daily.tick().await;
        let as_of = app::time::now_millis();
        let console = app::policy::Actor::console();
        match app::privacy::retention::purge(&app, &console, as_of, None).await {
            Ok(erased) => tracing::info!(
                cases = erased.cases,
                people = erased.people,
                participants = erased.participants,
                files = erased.files,
                "retention purge done"
            ),
            Err(error) => tracing::warn!(%error, "retention purge failed"),
        }
    }
}

/// Loads the rule packs that cases follow; a pack that does not validate stops the start.
fn with_packs(app: app::App, args: &ServeArgs) -> anyhow::Result<app::App> {
    let packs = app::packs::PackRegistry::load_dir(&args.packs).map_err(|error| {
        anyhow::anyhow!("{error} (set --packs or CORRIDOR_PACKS to the folder of rule packs)")
    })?;
    tracing::info!(packs = packs.packs().len(), "rule packs loaded");
    Ok(app.with_packs(std::sync::Arc::new(packs)))
}

pub(crate) async fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let config = Config::resolve(&args.storage, Some(&args))?;
    let app = with_packs(config.open().await?, &args)?;
    tracing::info!(listen = %config.listen, backend = ?app.db.backend, "corridor is serving");
    tokio::spawn(purge_daily(app.clone()));
    run_server(&config, app).await?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn demo(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let mut config = Config::resolve(&args.storage, Some(&args))?;
    config.settings.demo_mode = true;
    config.settings.require_admin_totp = false;
    let app = with_packs(config.open().await?, &args)?;
    let outcome = demo::seed(&app)
        .await
        .map_err(|error| anyhow::anyhow!("seeding demo data: {error}"))?;
    println!();
    println!("Corridor demo is running at http://{}/", config.listen);
    match outcome {
        demo::SeedOutcome::Seeded => println!("Demo data created in {}", config.data_dir.display()),
        demo::SeedOutcome::AlreadyPresent => {
            println!("Using the existing data in {}", config.data_dir.display())
        }
    }
    println!("Sign in with any of these user names and the password \"{DEMO_PASSWORD}\":");
    for login in DEMO_LOGINS {
        println!("  {:<12} {}", login.username, login.role.as_str());
    }
    println!("Stop it with Ctrl-C.");
    println!();
    run_server(&config, app).await?;
    Ok(ExitCode::SUCCESS)
}
