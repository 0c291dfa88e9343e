//! The `corridor` binary: parses the command line and hands each command to the crate that owns it.

mod admin_cmd;
mod config;
mod documents_cmd;
mod generate_cmd;
mod knowledge_cmd;
mod orientation_cmd;
mod privacy_cmd;
mod reports_cmd;
mod rules_cmd;
mod serve_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{ServeArgs, StorageArgs};

#[derive(Debug, Parser)]
#[command(
    name = "corridor",
    version,
    about = "Regular migration pathways, case management and orientation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web interface and the API.
    Serve(ServeArgs),
    /// Seed demonstration data (once) and serve it; prints the address and the demo sign-ins.
    Demo(ServeArgs),
    /// Apply database migrations.
    Migrate(StorageArgs),
    /// Manage users.
    User {
        #[command(flatten)]
        storage: StorageArgs,
        #[command(subcommand)]
        command: admin_cmd::UserCommand,
    },
    /// Manage offices.
    Office {
        #[command(flatten)]
        storage: StorageArgs,
        #[command(subcommand)]
        command: admin_cmd::OfficeCommand,
    },
    /// Check the audit log.
    Audit {
        #[command(flatten)]
        storage: StorageArgs,
        #[command(subcommand)]
        command: admin_cmd::AuditCommand,
    },
    /// Write a backup of the database.
    Backup {
        #[command(flatten)]
        storage: StorageArgs,
        /// The file to write (must not exist).
        #[arg(long)]
        to: PathBuf,
    },
    /// Manage encryption keys.
    Keys {
        #[command(flatten)]
        storage: StorageArgs,
        #[command(subcommand)]
        command: admin_cmd::KeysCommand,
    },
    /// Rebuild the good-practice search index from the database.
    Reindex(StorageArgs),
    /// The indicator tallies: compare them with the stored cases, or compute them again.
    Reports {
        #[command(flatten)]
        storage: StorageArgs,
        #[command(subcommand)]
        command: reports_cmd::ReportsCommand,
    },
    /// Good practices: bulk export.
    Practices {
        #[command(flatten)]
        storage: StorageArgs,
        #[command(subcommand)]
        command: knowledge_cmd::PracticesCommand,
    },
    /// Validate, test, list and evaluate rule packs.
    #[command(subcommand)]
    Rules(rules_cmd::RulesCommand),
    /// Verify or produce machine-readable zones (ICAO 9303).
    #[command(subcommand)]
    Mrz(documents_cmd::MrzCommand),
    /// Check a case's documents for completeness.
    #[command(subcommand)]
    Documents(documents_cmd::DocumentsCommand),
    /// Verify orientation certificates offline; export the public keys and revocations.
    #[command(subcommand)]
    Certificate(orientation_cmd::CertificateCommand),
    /// Import or export orientation curricula.
    #[command(subcommand)]
    Curriculum(orientation_cmd::CurriculumCommand),
    /// Generate synthetic data (demonstrations, load tests).
    #[command(subcommand)]
    Generate(generate_cmd::GenerateCommand),
    /// Data protection: the retention purge and the offices' retention periods.
    #[command(subcommand)]
    Privacy(privacy_cmd::PrivacyCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Rules(command) => rules_cmd::run(command),
        Command::Mrz(command) => documents_cmd::run_mrz(command),
        Command::Documents(command) => documents_cmd::run_documents(command),
        Command::Certificate(orientation_cmd::CertificateCommand::Verify {
            token,
            keys,
            revocations,
        }) => orientation_cmd::verify(&token, &keys, revocations.as_deref()),
        Command::Certificate(command) => block_on(orientation_cmd::certificate(command)),
        Command::Curriculum(command) => block_on(orientation_cmd::curriculum(command)),
        Command::Generate(command) => block_on(generate_cmd::run(command)),
        Command::Privacy(command) => block_on(privacy_cmd::run(command)),
        Command::Serve(args) => block_on(serve_cmd::serve(args)),
        Command::Demo(args) => block_on(serve_cmd::demo(args)),
        Command::Migrate(storage) => block_on(admin_cmd::migrate(storage)),
        Command::User { storage, command } => block_on(admin_cmd::user(storage, command)),
        Command::Office { storage, command } => block_on(admin_cmd::office(storage, command)),
        Command::Audit { storage, command } => block_on(admin_cmd::audit(storage, command)),
        Command::Backup { storage, to } => block_on(admin_cmd::backup(storage, to)),
        Command::Keys { storage, command } => block_on(admin_cmd::keys(storage, command)),
        Command::Reindex(storage) => block_on(knowledge_cmd::reindex(storage)),
        Command::Reports { storage, command } => block_on(reports_cmd::run(storage, command)),
        Command::Practices { storage, command } => {
            block_on(knowledge_cmd::practices(storage, command))
        }
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("corridor: {error:#}");
            ExitCode::from(1)
        }
    }
}

/// Runs an asynchronous command on a fresh runtime, with logs on standard error.
fn block_on(
    command: impl std::future::Future<Output = anyhow::Result<ExitCode>>,
) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_target(false)
        .with_writer(std::io::stderr)
        .init();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(command)
}
