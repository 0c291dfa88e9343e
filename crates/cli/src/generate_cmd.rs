//! `corridor generate cases`: synthetic cases for demonstrations and load tests, in batched
//! transactions, with a progress bar. Acts as the console and is audited once per batch.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};

use app::cases::generate::{self, GenerateOptions};
use app::policy::Actor;

use crate::config::{Config, StorageArgs};

#[derive(Debug, Subcommand)]
pub(crate) enum GenerateCommand {
    /// Synthetic cases with sealed people, timelines, statuses, priorities and assignees.
    Cases {
        #[command(flatten)]
        storage: StorageArgs,
        /// How many cases.
        #[arg(long)]
        count: u64,
        /// Only this office (its code, e.g. TR-IST); otherwise every office in turn.
        #[arg(long, value_name = "CODE")]
        office: Option<String>,
        /// The same seed gives the same names, statuses and dates.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Folder of rule packs whose pathways the cases follow.
        #[arg(
            long,
            env = "CORRIDOR_PACKS",
            value_name = "DIR",
            default_value = "packs"
        )]
        packs: PathBuf,
    },
}

pub(crate) async fn run(command: GenerateCommand) -> anyhow::Result<ExitCode> {
    let GenerateCommand::Cases {
        storage,
        count,
        office,
        seed,
        packs,
    } = command;
    let config = Config::resolve(&storage, None)?;
    let registry = app::packs::PackRegistry::load_dir(&packs)
        .map_err(|error| anyhow::anyhow!("loading rule packs from {}: {error}", packs.display()))?;
    let app = config
        .open()
        .await?
        .with_packs(std::sync::Arc::new(registry));
    let options = GenerateOptions {
        count,
        office_code: office,
        seed,
        ..GenerateOptions::default()
    };
    let bar = ProgressBar::new(count);
    if let Ok(style) =
        ProgressStyle::with_template("cases {bar:40} {pos}/{len} {per_sec} ({eta} left)")
    {
        bar.set_style(style);
    }
    let started = std::time::Instant::now();
    let made = generate::generate(&app, &Actor::console(), &options, |done| {
        bar.set_position(done)
    })
    .await
    .map_err(|error| anyhow::anyhow!("generating cases: {error}"))?;
    bar.finish();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "Generated {made} cases in {seconds:.1} s ({:.0} cases/s).",
        made as f64 / seconds.max(0.001)
    );
    Ok(ExitCode::SUCCESS)
}
