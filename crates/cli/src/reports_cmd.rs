//! `corridor reports check`: compares the indicator tallies the case writes keep with the
//! stored cases; `corridor reports rebuild`: computes them again from the stored cases, as after
//! loading cases by other means than the application.

use std::process::ExitCode;

use clap::Subcommand;

use crate::admin_cmd::app_error;
use crate::config::{Config, StorageArgs};

#[derive(Debug, Subcommand)]
pub(crate) enum ReportsCommand {
    /// Compare the kept indicator tallies with the stored cases (exit code 1 when they differ).
    Check,
    /// Compute the indicator tallies again from the stored cases.
    Rebuild,
}

pub(crate) async fn run(storage: StorageArgs, command: ReportsCommand) -> anyhow::Result<ExitCode> {
    let config = Config::resolve(&storage, None)?;
    let app = config.open().await?;
    let started = std::time::Instant::now();
    match command {
        ReportsCommand::Check => {
            let differences = app::cases::rollup::differences(&app)
                .await
                .map_err(app_error)?;
            for difference in differences.iter().take(20) {
                let key = &difference.key;
                println!(
                    "{} {} {} {} {:?}: kept {}, computed {}",
                    key.month,
                    key.office_id,
                    key.pathway_id,
                    key.measure.as_str(),
                    key.value,
                    difference.kept,
                    difference.computed
                );
            }
            println!(
                "{} tallies differ ({:.1} s).",
                differences.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(if differences.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        ReportsCommand::Rebuild => {
            let kept = app::cases::rollup::rebuild(&app).await.map_err(app_error)?;
            println!(
                "Rebuilt {kept} tallies in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
