//! The `corridor` binary: parses the command line and hands each command to the crate that owns it.

mod documents_cmd;
mod rules_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "corridor", version, about = "Regular migration pathways, case management and orientation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate, test, list and evaluate rule packs.
    #[command(subcommand)]
    Rules(rules_cmd::RulesCommand),
    /// Verify or produce machine-readable zones (ICAO 9303).
    #[command(subcommand)]
    Mrz(documents_cmd::MrzCommand),
    /// Check a case's documents for completeness.
    #[command(subcommand)]
    Documents(documents_cmd::DocumentsCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Rules(command) => rules_cmd::run(command),
        Command::Mrz(command) => documents_cmd::run_mrz(command),
        Command::Documents(command) => documents_cmd::run_documents(command),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("corridor: {error:#}");
            ExitCode::from(1)
        }
    }
}
