//! Configuration in two stages: raw values from the command line, `CORRIDOR_*` environment
//! variables and an optional TOML file, then one resolved [`Config`] that is passed explicitly.
//! Precedence: command line and environment, then the file, then the defaults.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

use app::accounts::throttle::Network;
use app::time::{HOUR, MINUTE};
use app::{MasterKeySource, Settings};

/// Where the data lives; shared by every command that opens the database.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct StorageArgs {
    /// Data folder: the SQLite database, uploaded files and the master key.
    #[arg(
        long = "data",
        env = "CORRIDOR_DATA",
        value_name = "DIR",
        global = true
    )]
    pub data_dir: Option<PathBuf>,
    /// Database URL (sqlite:… or postgres://…); default: SQLite in the data folder.
    #[arg(long, env = "CORRIDOR_DATABASE_URL", value_name = "URL", global = true)]
    pub database_url: Option<String>,
    /// A TOML configuration file; default: corridor.toml in the data folder, if present.
    #[arg(
        long = "config",
        env = "CORRIDOR_CONFIG",
        value_name = "FILE",
        global = true
    )]
    pub config_file: Option<PathBuf>,
}

/// Options of the commands that serve HTTP.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub storage: StorageArgs,
    /// Address to listen on.
    #[arg(long, env = "CORRIDOR_LISTEN", value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// Mark cookies Secure (set this when the site is served over HTTPS).
    #[arg(long, env = "CORRIDOR_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// The address people reach the service at, e.g. https://corridor.example.org; links and
    /// QR codes in certificates use it. Default: http(s)://<listen address>.
    #[arg(long, env = "CORRIDOR_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Folder of rule packs (one sub-folder per jurisdiction).
    #[arg(
        long,
        env = "CORRIDOR_PACKS",
        value_name = "DIR",
        default_value = "packs"
    )]
    pub packs: PathBuf,
}

/// The optional TOML file. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// Database URL, as `--database-url`.
    database_url: Option<String>,
    /// Listen address, as `--listen`.
    listen: Option<SocketAddr>,
    /// As `--secure-cookies`.
    secure_cookies: Option<bool>,
    /// Minutes without a request after which a session ends (default 30).
    session_idle_minutes: Option<i64>,
    /// Hours after sign-in after which a session ends (default 12).
    session_absolute_hours: Option<i64>,
    /// Whether administrators must use a second factor under `serve` (default true).
    require_admin_totp: Option<bool>,
    /// As `--public-url`.
    public_url: Option<String>,
    /// Address ranges of offices whose staff share one address (e.g. behind NAT), such as
    /// ["203.0.113.0/24"]: they get `trusted_address_attempts` sign-in attempts per 15 minutes
    /// instead of 30.
    trusted_networks: Option<Vec<String>>,
    /// Sign-in attempts per 15 minutes from a trusted network (default 300).
    trusted_address_attempts: Option<i64>,
    /// Wrong PINs per hour across all PIN accounts before PIN sign-in pauses and supervisors
    /// are alerted (default 50).
    pin_failures_per_hour: Option<i64>,
    /// Whether a practice must be published by someone who wrote none of it (default true).
    publish_needs_second_person: Option<bool>,
}

/// Everything a command needs, resolved.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub listen: SocketAddr,
    pub secure_cookies: bool,
    pub master_key: MasterKeySource,
    pub settings: Settings,
}

pub(crate) const DEFAULT_DATA_DIR: &str = "corridor-data";
const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

fn read_file(path: &Path) -> anyhow::Result<ConfigFile> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("in {}", path.display()))
}

impl Config {
    pub(crate) fn resolve(
        storage: &StorageArgs,
        serve: Option<&ServeArgs>,
    ) -> anyhow::Result<Config> {
        let data_dir = storage
            .data_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
        let file = match &storage.config_file {
            Some(path) => read_file(path)?,
            None => {
                let default = data_dir.join("corridor.toml");
                if default.exists() {
                    read_file(&default)?
                } else {
                    ConfigFile::default()
                }
            }
        };
        let database_url = storage
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("corridor.db").display()));
        let listen = match serve.and_then(|serve| serve.listen).or(file.listen) {
            Some(listen) => listen,
            None => DEFAULT_LISTEN.parse()?,
        };
        let secure_cookies =
            serve.is_some_and(|serve| serve.secure_cookies) || file.secure_cookies.unwrap_or(false);
        let mut settings = Settings::default();
        if let Some(minutes) = file.session_idle_minutes {
            if minutes < 1 {
                bail!("session_idle_minutes must be at least 1");
            }
            settings.session_idle = minutes * MINUTE;
        }
        if let Some(hours) = file.session_absolute_hours {
            if hours < 1 {
                bail!("session_absolute_hours must be at least 1");
            }
            settings.session_absolute = hours * HOUR;
        }
        if let Some(required) = file.require_admin_totp {
            settings.require_admin_totp = required;
        }
        for network in file.trusted_networks.unwrap_or_default() {
            let parsed = Network::parse(&network)
                .with_context(|| format!("trusted_networks: {network} is not an address range"))?;
            settings.trusted_networks.push(parsed);
        }
        if let Some(attempts) = file.trusted_address_attempts {
            if attempts < 1 {
                bail!("trusted_address_attempts must be at least 1");
            }
            settings.login_failures_per_trusted_address = attempts;
        }
        if let Some(failures) = file.pin_failures_per_hour {
            if failures < 1 {
                bail!("pin_failures_per_hour must be at least 1");
            }
            settings.pin_failures_per_hour = failures;
        }
        if let Some(needs) = file.publish_needs_second_person {
            settings.publish_needs_second_person = needs;
        }
        let scheme = if secure_cookies { "https" } else { "http" };
        settings.public_base_url = serve
            .and_then(|serve| serve.public_url.clone())
            .or(file.public_url)
            .unwrap_or_else(|| format!("{scheme}://{listen}"))
            .trim_end_matches('/')
            .to_owned();
        if !settings.public_base_url.starts_with("http://")
            && !settings.public_base_url.starts_with("https://")
        {
            bail!("the public URL must start with http:// or https://");
        }
        let master_key = match std::env::var("CORRIDOR_MASTER_KEY") {
            Ok(key) if !key.trim().is_empty() => MasterKeySource::Inline(key),
            _ => MasterKeySource::Directory(data_dir.join("keys")),
        };
        Ok(Config {
            data_dir,
            database_url,
            listen,
            secure_cookies,
            master_key,
            settings,
        })
    }

    /// Creates the data folder and its `files/` and `keys/` folders.
    pub(crate) fn prepare_data_dir(&self) -> anyhow::Result<()> {
        for dir in [
            self.data_dir.clone(),
            self.data_dir.join("files"),
            self.data_dir.join("keys"),
        ] {
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        Ok(())
    }

    pub(crate) async fn open(&self) -> anyhow::Result<app::App> {
        self.prepare_data_dir()?;
        app::App::open(
            &self.database_url,
            &self.master_key,
            self.settings.clone(),
            &self.data_dir,
        )
        .await
        .map_err(|error| anyhow::anyhow!("opening the database: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage(data: &Path, config: Option<PathBuf>) -> StorageArgs {
        StorageArgs {
            data_dir: Some(data.to_owned()),
            database_url: None,
            config_file: config,
        }
    }

    #[test]
    fn defaults_put_sqlite_in_the_data_folder() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let config =
            Config::resolve(&storage(dir.path(), None), None).unwrap_or_else(|e| panic!("{e}"));
        assert!(config.database_url.starts_with("sqlite://"));
        assert!(config.database_url.ends_with("corridor.db"));
        assert_eq!(config.listen.to_string(), DEFAULT_LISTEN);
        assert!(config.settings.require_admin_totp);
    }

    #[test]
    fn the_file_fills_what_the_command_line_leaves_open() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            dir.path().join("corridor.toml"),
            "listen = \"127.0.0.1:9999\"\nsession_idle_minutes = 5\nrequire_admin_totp = false\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let serve = ServeArgs {
            storage: storage(dir.path(), None),
            listen: None,
            secure_cookies: false,
            public_url: None,
            packs: PathBuf::from("packs"),
        };
        let config =
            Config::resolve(&serve.storage, Some(&serve)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.listen.to_string(), "127.0.0.1:9999");
        assert_eq!(config.settings.session_idle, 5 * MINUTE);
        assert!(!config.settings.require_admin_totp);
        let explicit = ServeArgs {
            listen: Some("127.0.0.1:7000".parse().unwrap_or_else(|e| panic!("{e}"))),
            ..serve
        };
        let config =
            Config::resolve(&explicit.storage, Some(&explicit)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.listen.to_string(), "127.0.0.1:7000");
    }

    #[test]
    fn unknown_keys_in_the_file_are_an_error() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("other.toml");
        std::fs::write(&path, "listne = \"127.0.0.1:1\"\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(Config::resolve(&storage(dir.path(), Some(path)), None).is_err());
    }
}
