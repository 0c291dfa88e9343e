//! `corridor certificate …` and `corridor curriculum …`: verify orientation certificates
//! offline (no database, only a trust bundle of public keys and revocations), export that
//! bundle, and import or export curricula as JSON documents.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow};

use app::orientation::certificates::{self, Rejection, SignedRevocations, TrustBundle};
use app::orientation::content::CurriculumDocument;
use app::orientation::curricula::{self, ImportOutcome};
use app::policy::Actor;

use crate::config::{Config, StorageArgs};

/// Where `certificate verify` looks for the trust bundle when `--keys` is not given.
const DEFAULT_KEYS: &str = "certificate-keys.json";

#[derive(Debug, clap::Subcommand)]
pub(crate) enum CertificateCommand {
    /// Check a certificate token offline: signature, issuing key and revocation list.
    /// Exit code 0 when valid, 2 when not.
    Verify {
        /// The token (`CC1.….…`), or a `/verify/<token>` address.
        token: String,
        /// The trust bundle written by `corridor certificate keys`.
        #[arg(long, env = "CORRIDOR_CERTIFICATE_KEYS", default_value = DEFAULT_KEYS)]
        keys: PathBuf,
        /// A signed revocation list (`corridor certificate revocations`, or
        /// `/verify/revocations.json`) newer than the bundle; refused unless the bundle's
        /// revocation key signed it.
        #[arg(long)]
        revocations: Option<PathBuf>,
    },
    /// Write the trust bundle (every office's public key and the revoked certificates).
    Keys {
        #[command(flatten)]
        storage: StorageArgs,
        /// The file to write; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write today's signed revocation list.
    Revocations {
        #[command(flatten)]
        storage: StorageArgs,
        /// The file to write; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum CurriculumCommand {
    /// Import curriculum documents (files, or every `.json` in a folder; parents first).
    Import {
        #[command(flatten)]
        storage: StorageArgs,
        paths: Vec<PathBuf>,
    },
    /// Write one curriculum's document to standard output.
    Export {
        #[command(flatten)]
        storage: StorageArgs,
        code: String,
    },
}

pub(crate) fn verify(
    token: &str,
    keys: &Path,
    revocations: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(keys)
        .with_context(|| format!("reading the trust bundle {}", keys.display()))?;
    let mut bundle: TrustBundle =
        serde_json::from_str(&text).context("the trust bundle is not valid")?;
    if let Some(path) = revocations {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the revocation list {}", path.display()))?;
        let signed: SignedRevocations =
            serde_json::from_str(&text).context("the revocation list is not valid")?;
        certificates::apply_revocations(&mut bundle, &signed).map_err(|_| {
            anyhow!("the revocation list is not signed by the bundle's revocation key")
        })?;
    }
    let token = token.rsplit('/').next().unwrap_or(token);
    match certificates::verify_token(token, &bundle) {
        Ok(claims) => {
            println!("VALID certificate {}", claims.id);
            println!("  name:       {}", claims.name);
            println!(
                "  curriculum: {} ({}, {})",
                claims.title,
                claims.curriculum,
                claims.stage.as_str()
            );
            println!(
                "  attended:   {} h {:02} min",
                claims.minutes / 60,
                claims.minutes % 60
            );
            println!(
                "  issued:     {} by {}",
                app::orientation::civil_date(claims.issued_at),
                claims.office
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(rejection) => {
            let reason = match &rejection {
                Rejection::Malformed => "the token is malformed".to_owned(),
                Rejection::UnknownKey => "no trusted key signed it".to_owned(),
                Rejection::BadSignature => {
                    "the signature does not match (altered or forged)".to_owned()
                }
                Rejection::Revoked(claims) => format!("certificate {} was revoked", claims.id),
                Rejection::UnknownNumber => "no certificate has this number".to_owned(),
            };
            println!("INVALID: {reason}");
            Ok(ExitCode::from(2))
        }
    }
}

pub(crate) async fn certificate(command: CertificateCommand) -> anyhow::Result<ExitCode> {
    match command {
        CertificateCommand::Verify {
            token,
            keys,
            revocations,
        } => verify(&token, &keys, revocations.as_deref()),
        CertificateCommand::Keys { storage, out } => {
            let app = Config::resolve(&storage, None)?.open().await?;
            let bundle = certificates::trust_bundle(&app)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            write_json(&serde_json::to_string_pretty(&bundle)?, out.as_deref())
        }
        CertificateCommand::Revocations { storage, out } => {
            let app = Config::resolve(&storage, None)?.open().await?;
            let signed = certificates::signed_revocations(&app)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            write_json(&serde_json::to_string_pretty(&signed)?, out.as_deref())
        }
    }
}

fn write_json(json: &str, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    match out {
        Some(path) => std::fs::write(path, format!("{json}\n"))
            .with_context(|| format!("writing {}", path.display()))?,
        None => println!("{json}"),
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn curriculum(command: CurriculumCommand) -> anyhow::Result<ExitCode> {
    match command {
        CurriculumCommand::Import { storage, paths } => {
            let app = Config::resolve(&storage, None)?.open().await?;
            let mut documents = Vec::new();
            for path in &paths {
                for file in json_files(path)? {
                    let text = std::fs::read_to_string(&file)
                        .with_context(|| format!("reading {}", file.display()))?;
                    let document = CurriculumDocument::from_json(&text)
                        .map_err(|_| anyhow!("{} is not a curriculum document", file.display()))?;
                    documents.push(document);
                }
            }
            // Parents before localisations, whatever order the files came in.
            documents.sort_by_key(|document| document.localises.is_some());
            for document in &documents {
                let outcome = curricula::import(&app, &Actor::console(), document)
                    .await
                    .map_err(|e| anyhow!("{}: {e}", document.code))?;
                let verb = match outcome {
                    ImportOutcome::Created(_) => "created",
                    ImportOutcome::Updated(_) => "updated",
                    ImportOutcome::Unchanged(_) => "unchanged",
                };
                println!("{verb}\t{}", document.code);
            }
            Ok(ExitCode::SUCCESS)
        }
        CurriculumCommand::Export { storage, code } => {
            let app = Config::resolve(&storage, None)?.open().await?;
            let curriculum = curricula::find_by_code(&app.db, &code)
                .await
                .map_err(|e| anyhow!("{e}"))?
                .ok_or_else(|| anyhow!("no curriculum {code}"))?;
            let document = curricula::export(&app.db, &Actor::console(), &curriculum.id)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            println!("{}", document.to_json().map_err(|e| anyhow!("{e}"))?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn json_files(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("reading {}", path.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|file| file.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    Ok(files)
}
