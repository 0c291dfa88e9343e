//! Console administration: migrations, users, offices, the audit chain, backups and keys.
//!
//! The console acts as `Actor::console()`: whoever can run the binary against the database
//! already holds every right, and each change is audited like any other.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use indicatif::{ProgressBar, ProgressStyle};

use app::accounts::{self, NewUser, tokens};
use app::audit::{self, ChainVerdict};
use app::cases::documents;
use app::crypto;
use app::db::BackupOutcome;
use app::offices::{self, OfficeForm};
use app::policy::Actor;

use crate::config::{Config, StorageArgs};

#[derive(Debug, clap::Subcommand)]
pub(crate) enum UserCommand {
    /// Create a user. Prints a generated initial password unless --password-stdin is given.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long = "name")]
        display_name: String,
        /// admin, supervisor, caseworker, facilitator, knowledge_editor, analyst or migrant; repeatable.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Office code (e.g. JO-AMM); repeatable.
        #[arg(long = "office")]
        offices: Vec<String>,
        #[arg(long, default_value = "en")]
        locale: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    List,
    /// Disable a user and end their sessions.
    Disable { username: String },
    /// Set a new password (generated unless --password-stdin) and end the user's sessions.
    ResetPassword {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Issue a personal API token for a user (for an integration); prints it once.
    Token {
        username: String,
        /// What the token is for, e.g. "monthly report script".
        #[arg(long)]
        name: String,
        /// Days until the token ends (1 to 365).
        #[arg(long, default_value_t = tokens::DEFAULT_DAYS)]
        days: i64,
    },
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum OfficeCommand {
    /// Create an office.
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// ISO 3166-1 alpha-2 country code.
        #[arg(long)]
        country: String,
        /// field_office, consulate or headquarters.
        #[arg(long, default_value = "field_office")]
        kind: String,
        /// IANA time zone of the office (e.g. Europe/Istanbul); appointments are in it.
        #[arg(long, default_value = "UTC")]
        time_zone: String,
    },
    /// List offices.
    List,
    /// Set how many days a case of one priority may take in an office.
    Sla {
        /// Office code (e.g. JO-AMM).
        #[arg(long)]
        office: String,
        /// emergency, urgent or normal.
        #[arg(long)]
        priority: String,
        #[arg(long)]
        days: i64,
    },
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum AuditCommand {
    /// Walk the hash chain and name the first broken event.
    Verify,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum KeysCommand {
    /// Make a new field-encryption key active and re-encrypt every sealed value with it.
    Rotate,
}

pub(crate) fn app_error(error: app::Error) -> anyhow::Error {
    match error {
        app::Error::Invalid(errors) => {
            let fields: Vec<String> = errors
                .0
                .iter()
                .map(|e| format!("{} ({})", e.field, e.message_key))
                .collect();
            anyhow!("invalid: {}", fields.join(", "))
        }
        other => anyhow!("{other}"),
    }
}

fn progress(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta})") {
        bar.set_style(style);
    }
    bar.set_message(what.to_owned());
    bar
}

fn read_password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if !from_stdin {
        return Ok((accounts::password::generate(), true));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password: ");
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the password")?;
    Ok((line.trim_end_matches(['\r', '\n']).to_owned(), false))
}

pub(crate) async fn migrate(storage: StorageArgs) -> anyhow::Result<ExitCode> {
    let config = Config::resolve(&storage, None)?;
    config.open().await?;
    println!("The database is up to date.");
    Ok(ExitCode::SUCCESS)
}

async fn office_ids(app: &app::App, codes: &[String]) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::new();
    for code in codes {
        let office = offices::find_by_code(&app.db, code)
            .await
            .map_err(app_error)?;
        ids.push(
            office
                .ok_or_else(|| anyhow!("no office with code {code}"))?
                .id,
        );
    }
    Ok(ids)
}

pub(crate) async fn user(storage: StorageArgs, command: UserCommand) -> anyhow::Result<ExitCode> {
    let app = Config::resolve(&storage, None)?.open().await?;
    let console = Actor::console();
    match command {
        UserCommand::Add {
            username,
            display_name,
            roles,
            offices,
            locale,
            password_stdin,
        } => {
            let (password, generated) = read_password(password_stdin)?;
            let offices = office_ids(&app, &offices).await?;
            let new_user = NewUser {
                username,
                display_name,
                password: password.clone(),
                locale,
                roles,
                offices,
            };
            let user = accounts::create(&app, &console, &new_user)
                .await
                .map_err(app_error)?;
            println!("Created {} ({})", user.username, user.id);
            if generated {
                println!("Initial password (shown once): {password}");
            }
        }
        UserCommand::List => {
            for user in accounts::list(&app.db, &console).await.map_err(app_error)? {
                let roles: Vec<&str> = user.roles.iter().map(|role| role.as_str()).collect();
                let status = if user.disabled { "disabled" } else { "active" };
                println!("{:<24} {:<10} {}", user.username, status, roles.join(","));
            }
        }
        UserCommand::Disable { username } => {
            let id = accounts::find_id_by_username(&app.db, &username)
                .await
                .map_err(app_error)?;
            let user = accounts::load(&app.db, &id.ok_or_else(|| anyhow!("no user {username}"))?)
                .await
                .map_err(app_error)?;
            accounts::set_disabled(&app, &console, &user.id, user.version, true)
                .await
                .map_err(app_error)?;
            println!("Disabled {username}");
        }
        UserCommand::ResetPassword {
            username,
            password_stdin,
        } => {
            let id = accounts::find_id_by_username(&app.db, &username)
                .await
                .map_err(app_error)?
                .ok_or_else(|| anyhow!("no user {username}"))?;
            let (password, generated) = read_password(password_stdin)?;
            accounts::reset_password(&app, &console, &id, &password)
                .await
                .map_err(app_error)?;
            println!("Password reset for {username}; their sessions have ended.");
            if generated {
                println!("New password (shown once): {password}");
            }
        }
        UserCommand::Token {
            username,
            name,
            days,
        } => {
            let id = accounts::find_id_by_username(&app.db, &username)
                .await
                .map_err(app_error)?
                .ok_or_else(|| anyhow!("no user {username}"))?;
            let user = accounts::load(&app.db, &id).await.map_err(app_error)?;
            let (_, secret) = tokens::create(&app, &user.actor(), &name, days)
                .await
                .map_err(app_error)?;
            println!("{secret}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn office(
    storage: StorageArgs,
    command: OfficeCommand,
) -> anyhow::Result<ExitCode> {
    let app = Config::resolve(&storage, None)?.open().await?;
    let console = Actor::console();
    match command {
        OfficeCommand::Add {
            code,
            name,
            country,
            kind,
            time_zone,
        } => {
            let office = offices::create(
                &app,
                &console,
                &OfficeForm {
                    code,
                    name,
                    country,
                    kind,
                    time_zone,
                },
            )
            .await
            .map_err(app_error)?;
            println!("Created office {} ({})", office.code, office.id);
        }
        OfficeCommand::List => {
            for office in offices::list(&app.db, &console).await.map_err(app_error)? {
                println!(
                    "{:<10} {:<3} {:<14} {}",
                    office.code,
                    office.country,
                    office.kind.as_str(),
                    office.name
                );
            }
        }
        OfficeCommand::Sla {
            office,
            priority,
            days,
        } => {
            let office_id = office_ids(&app, std::slice::from_ref(&office)).await?;
            for id in &office_id {
                app::cases::triage::set_office_sla(&app, &console, id, &priority, days)
                    .await
                    .map_err(app_error)?;
            }
            println!("Cases of priority {priority} in {office} are due within {days} days.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn audit(storage: StorageArgs, command: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify = command;
    let app = Config::resolve(&storage, None)?.open().await?;
    let total = audit::count(&app.db).await.map_err(app_error)?;
    let bar = progress(u64::try_from(total).unwrap_or_default(), "verifying");
    let verdict = audit::verify(&app.db, |done| bar.set_position(done))
        .await
        .map_err(app_error)?;
    bar.finish_and_clear();
    match verdict {
        ChainVerdict::Intact { events } => {
            println!("The audit chain is intact: {events} events verified.");
            Ok(ExitCode::SUCCESS)
        }
        ChainVerdict::Broken { seq, reason } => {
            println!("The audit chain is BROKEN at seq {seq}: {reason}.");
            Ok(ExitCode::from(1))
        }
    }
}

pub(crate) async fn backup(storage: StorageArgs, to: PathBuf) -> anyhow::Result<ExitCode> {
    let config = Config::resolve(&storage, None)?;
    let app = config.open().await?;
    match app
        .db
        .backup(&to, &config.database_url)
        .await
        .map_err(app_error)?
    {
        BackupOutcome::Written => println!("Backup written to {}", to.display()),
        BackupOutcome::UseExternalTool(command) => {
            println!("PostgreSQL is backed up with its own tools. Run:\n  {command}")
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn keys(storage: StorageArgs, command: KeysCommand) -> anyhow::Result<ExitCode> {
    let KeysCommand::Rotate = command;
    let config = Config::resolve(&storage, None)?;
    let app = config.open().await?;
    let master = config.master_key.load().map_err(app_error)?;
    let bar = progress(0, "re-encrypting");
    let report = crypto::rotate_field_key(&app.db, &master, |done| bar.set_position(done))
        .await
        .map_err(app_error)?;
    bar.finish_and_clear();
    if report.values_reencrypted == 0 && report.new_key_id == 0 {
        bail!("rotation did nothing");
    }
    println!(
        "Key {} is now active; {} values re-encrypted.",
        report.new_key_id, report.values_reencrypted
    );
    // The files are sealed again with the keyring that has the new key active.
    let keyring = crypto::Keyring::load(&app.db, &master)
        .await
        .map_err(app_error)?;
    let app = app::App {
        keyring: std::sync::Arc::new(keyring),
        ..app
    };
    let bar = progress(0, "re-encrypting files");
    let files = documents::reseal_files(&app, |seen, total| {
        bar.set_length(total);
        bar.set_position(seen);
    })
    .await
    .map_err(app_error)?;
    bar.finish_and_clear();
    println!("{files} document files re-encrypted.");
    Ok(ExitCode::SUCCESS)
}
