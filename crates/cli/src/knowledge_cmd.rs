//! `corridor reindex`: rebuilds the good-practice search index from the database, and
//! `corridor practices export`: writes every published practice as CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::admin_cmd::app_error;
use crate::config::{Config, StorageArgs};

#[derive(Debug, Subcommand)]
pub(crate) enum PracticesCommand {
    /// Write every published practice as CSV (UTF-8 with BOM, formula-safe).
    Export {
        /// The file to write.
        #[arg(long)]
        to: PathBuf,
    },
}

pub(crate) async fn reindex(storage: StorageArgs) -> anyhow::Result<ExitCode> {
    let config = Config::resolve(&storage, None)?;
    let app = config.open().await?;
    let started = std::time::Instant::now();
    let count = app::knowledge::reindex(&app).await.map_err(app_error)?;
    println!(
        "Indexed {count} published practices in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn practices(
    storage: StorageArgs,
    command: PracticesCommand,
) -> anyhow::Result<ExitCode> {
    let config = Config::resolve(&storage, None)?;
    let app = config.open().await?;
    match command {
        PracticesCommand::Export { to } => {
            let practices = app::knowledge::list_published(&app.db, i64::MAX)
                .await
                .map_err(app_error)?;
            std::fs::write(&to, app::knowledge::export::to_csv(&practices))?;
            println!("Wrote {} practices to {}", practices.len(), to.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
