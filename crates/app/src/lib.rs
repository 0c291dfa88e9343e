//! The application: domain modules, storage, policy, audit and encryption.
//!
//! Each domain module owns its types, its SQL and its operations. Operations take the acting
//! [`policy::Actor`], ask [`policy`] first, do their work in one transaction and write their audit
//! event in that same transaction. Nothing here knows about HTTP or HTML.

pub mod accounts;
pub mod audit;
pub mod cases;
pub mod crypto;
pub mod csv_file;
pub mod db;
pub mod demo;
pub mod error;
pub mod knowledge;
pub mod offices;
pub mod orientation;
pub mod packs;
pub mod policy;
pub mod portal;
pub mod privacy;
pub mod reports;
#[cfg(feature = "testing")]
pub mod testing;
pub mod time;
pub mod zip_file;

use std::path::PathBuf;
use std::sync::Arc;

pub use error::{Error, FieldErrors, Result};

use crate::crypto::{Keyring, MasterKey};
use crate::db::Db;
use crate::time::{HOUR, MINUTE, Millis};

/// Behaviour that differs between deployments, resolved once at start and passed explicitly.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A demonstration instance: admins may skip the second factor, and pages say so.
    pub demo_mode: bool,
    /// Admins must enrol and use TOTP before they can do anything else.
    pub require_admin_totp: bool,
    /// A session ends after this long without a request.
    pub session_idle: Millis,
    /// A session ends this long after sign-in, however active.
    pub session_absolute: Millis,
    /// Sign-in attempts per account (and per known device) within `login_window` that are
    /// checked at all; see `accounts::throttle`.
    pub login_failures_per_account: i64,
    /// Sign-in attempts per client address within `login_window`.
    pub login_failures_per_address: i64,
    /// The same for addresses in `trusted_networks` (an office behind one NAT address).
    pub login_failures_per_trusted_address: i64,
    pub trusted_networks: Vec<accounts::throttle::Network>,
    pub login_window: Millis,
    /// Wrong PINs per hour across every PIN account before PIN sign-in pauses and
    /// supervisors are alerted.
    pub pin_failures_per_hour: i64,
    /// The address people reach this service at, e.g. `https://corridor.example.org`: links and
    /// QR codes in certificates use it, never the request's `Host` header.
    pub public_base_url: String,
    /// A practice is published by someone who wrote none of its versions (four eyes). On by
    /// default; a deployment with a single editor may turn it off.
    pub publish_needs_second_person: bool,
}

impl Settings {
    pub fn is_trusted_address(&self, address: &str) -> bool {
        self.trusted_networks
            .iter()
            .any(|network| network.contains(address))
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            demo_mode: false,
            require_admin_totp: true,
            session_idle: 30 * MINUTE,
            session_absolute: 12 * HOUR,
            login_failures_per_account: 5,
            login_failures_per_address: 30,
            login_failures_per_trusted_address: 300,
            trusted_networks: Vec::new(),
            login_window: 15 * MINUTE,
            pin_failures_per_hour: 50,
            public_base_url: "http://127.0.0.1:8080".to_owned(),
            publish_needs_second_person: true,
        }
    }
}

/// Where the master key comes from.
#[derive(Debug, Clone)]
pub enum MasterKeySource {
    /// Base64 text, e.g. from `CORRIDOR_MASTER_KEY`.
    Inline(String),
    /// `master.key` in this folder, created on first start.
    Directory(PathBuf),
}

impl MasterKeySource {
    pub fn load(&self) -> Result<MasterKey> {
        match self {
            MasterKeySource::Inline(text) => MasterKey::from_base64(text),
            MasterKeySource::Directory(dir) => MasterKey::load_or_create(dir),
        }
    }
}

/// Where the files that live beside the database go.
#[derive(Debug, Clone)]
pub struct DataPaths {
    pub root: PathBuf,
}

impl DataPaths {
    /// Uploaded files, sealed at rest.
    pub fn files(&self) -> PathBuf {
        self.root.join("files")
    }

    /// Search indexes, rebuilt from the database when missing or stale.
    pub fn index(&self) -> PathBuf {
        self.root.join("index")
    }
}

/// Everything an operation needs, cheap to clone into each request.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub keyring: Arc<Keyring>,
    pub settings: Arc<Settings>,
    pub paths: Arc<DataPaths>,
    /// The rule packs cases follow (empty until [`App::with_packs`]).
    pub packs: Arc<packs::PackRegistry>,
    /// Offices' certificate verification keys, derived once.
    pub certificate_keys: Arc<orientation::certificates::KeyCache>,
}

impl App {
    /// Connects, migrates and loads the keys. `data_dir` holds files and indexes.
    pub async fn open(
        database_url: &str,
        master_key: &MasterKeySource,
        settings: Settings,
        data_dir: &std::path::Path,
    ) -> Result<App> {
        let db = Db::connect(database_url).await?;
        db.migrate().await?;
        let master = master_key.load()?;
        let keyring = Keyring::load(&db, &master).await?;
        let app = App {
            db,
            keyring: Arc::new(keyring),
            settings: Arc::new(settings),
            paths: Arc::new(DataPaths {
                root: data_dir.to_owned(),
            }),
            packs: Arc::new(packs::PackRegistry::default()),
            certificate_keys: Arc::default(),
        };
        cases::rollup::build_if_missing(&app).await?;
        Ok(app)
    }

    /// The same application serving these packs.
    pub fn with_packs(mut self, packs: Arc<packs::PackRegistry>) -> App {
        self.packs = packs;
        self
    }
}
