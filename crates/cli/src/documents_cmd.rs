//! `corridor mrz …` and `corridor documents …`: MRZ verification and completeness reports.

use std::process::ExitCode;

/// Subcommands of `corridor mrz`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum MrzCommand {
    /// Verify MRZ records read from standard input.
    Check,
}

/// Subcommands of `corridor documents`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum DocumentsCommand {
    /// Completeness report for a case file.
    Check {
        #[arg(long)]
        case: std::path::PathBuf,
    },
}

pub(crate) fn run_mrz(command: MrzCommand) -> anyhow::Result<ExitCode> {
    match command {
        MrzCommand::Check => anyhow::bail!("MRZ checking is not implemented yet"),
    }
}

pub(crate) fn run_documents(command: DocumentsCommand) -> anyhow::Result<ExitCode> {
    match command {
        DocumentsCommand::Check { case } => {
            anyhow::bail!(
                "completeness reports are not implemented yet ({})",
                case.display()
            )
        }
    }
}
