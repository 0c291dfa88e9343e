//! `corridor privacy`: the retention purge (with a dry run and a progress bar) and the offices'
//! retention periods. Acts as the console; every change is audited by the application.

use std::process::ExitCode;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};

use app::App;
use app::policy::Actor;
use app::privacy::retention::{self, RetentionForm};

use crate::config::{Config, StorageArgs};

#[derive(Debug, Subcommand)]
pub(crate) enum PrivacyCommand {
    /// Erase the personal data whose retention period has ended.
    Purge {
        #[command(flatten)]
        storage: StorageArgs,
        /// Only report what has expired, per office and category; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Apply the periods as on this day (YYYY-MM-DD, UTC) instead of now.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Set an office's retention periods.
    Retention {
        #[command(flatten)]
        storage: StorageArgs,
        /// The office's code, e.g. TR-IST.
        #[arg(long, value_name = "CODE")]
        office: String,
        #[arg(long, value_name = "N")]
        closed_years: u32,
        #[arg(long, value_name = "M")]
        refused_months: u32,
        #[arg(long, value_name = "K")]
        orientation_years: u32,
    },
}

pub(crate) async fn run(command: PrivacyCommand) -> anyhow::Result<ExitCode> {
    match command {
        PrivacyCommand::Purge {
            storage,
            dry_run,
            as_of,
        } => {
            let app = Config::resolve(&storage, None)?.open().await?;
            let as_of = match as_of {
                Some(date) => start_of_day(&date)?,
                None => app::time::now_millis(),
            };
            if dry_run {
                print_plan(&app, as_of).await
            } else {
                purge(&app, as_of).await
            }
        }
        PrivacyCommand::Retention {
            storage,
            office,
            closed_years,
            refused_months,
            orientation_years,
        } => {
            let app = Config::resolve(&storage, None)?.open().await?;
            let form = RetentionForm {
                closed_case_years: closed_years.to_string(),
                refused_months: refused_months.to_string(),
                orientation_years: orientation_years.to_string(),
            };
            let policy = retention::set_policy(&app, &Actor::console(), &office, &form)
                .await
                .map_err(|error| anyhow::anyhow!("setting retention for {office}: {error}"))?;
            println!(
                "{}: closed cases {} years, refused or withdrawn {} months, orientation {} years.",
                policy.office_code,
                policy.closed_case_years,
                policy.refused_months,
                policy.orientation_years
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn start_of_day(date: &str) -> anyhow::Result<i64> {
    let day: jiff::civil::Date = date
        .parse()
        .map_err(|_| anyhow::anyhow!("--as-of wants a date as YYYY-MM-DD, not {date:?}"))?;
    let at = jiff::tz::Offset::UTC.to_timestamp(day.to_datetime(jiff::civil::Time::midnight()))?;
    Ok(at.as_millisecond())
}

async fn print_plan(app: &App, as_of: i64) -> anyhow::Result<ExitCode> {
    let plan = retention::plan(app, &Actor::console(), as_of)
        .await
        .map_err(|error| anyhow::anyhow!("planning the purge: {error}"))?;
    println!(
        "{:<12} {:<22} {:>10} {:>10}",
        "office", "category", "before", "expired"
    );
    for expired in &plan {
        let cutoff = jiff::Timestamp::from_millisecond(expired.cutoff)
            .map(|at| at.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default();
        println!(
            "{:<12} {:<22} {:>10} {:>10}",
            expired.office_code,
            expired.category.as_str(),
            cutoff,
            expired.count
        );
    }
    let total: u64 = plan.iter().map(|expired| expired.count).sum();
    println!("{total} records have expired; nothing was changed (dry run).");
    Ok(ExitCode::SUCCESS)
}

async fn purge(app: &App, as_of: i64) -> anyhow::Result<ExitCode> {
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("purge {bar:40} {pos}/{len} {per_sec} ({eta} left)")
    {
        bar.set_style(style);
    }
    let started = std::time::Instant::now();
    let erased = retention::purge(
        app,
        &Actor::console(),
        as_of,
        Some(&mut |progress| {
            bar.set_length(progress.total);
            bar.set_position(progress.done);
        }),
    )
    .await
    .map_err(|error| anyhow::anyhow!("purging: {error}"))?;
    bar.finish();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "Erased {} cases, {} people, {} orientation participants, {} accounts and {} files in {seconds:.1} s ({:.0} cases/s).",
        erased.cases,
        erased.people,
        erased.participants,
        erased.accounts,
        erased.files,
        erased.cases as f64 / seconds.max(0.001)
    );
    Ok(ExitCode::SUCCESS)
}
