//! `corridor rules …`: validate, test, list and evaluate rule packs.

use std::process::ExitCode;

/// Subcommands of `corridor rules`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum RulesCommand {
    /// Validate packs and run their tests.
    Check {
        /// Pack folders (default: packs/).
        dirs: Vec<std::path::PathBuf>,
    },
}

pub(crate) fn run(command: RulesCommand) -> anyhow::Result<ExitCode> {
    match command {
        RulesCommand::Check { dirs } => {
            anyhow::bail!(
                "rule packs are not implemented yet ({} folders given)",
                dirs.len()
            )
        }
    }
}
