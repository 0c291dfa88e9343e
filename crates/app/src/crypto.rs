//! Field encryption and blind indexes.
//!
//! Sensitive fields are sealed with XChaCha20-Poly1305 under a *data key*; data keys are stored in
//! the database wrapped by the *master key*, which lives outside it (a 0600 file in `keys/`, or the
//! `CORRIDOR_MASTER_KEY` environment variable). A ciphertext is `version ‖ key id ‖ nonce ‖ sealed`
//! and its associated data is `table.column:row_id`, so a ciphertext copied into another row or
//! column fails to open. Exact-match lookups of encrypted identifiers use a blind index: a keyed
//! BLAKE3 hash under a separate data key, which survives field-key rotation.

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sqlx::Row;
use zeroize::Zeroizing;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::time::now_millis;

const CIPHERTEXT_VERSION: u8 = 1;
const NONCE_LEN: usize = 24;
const HEADER_LEN: usize = 1 + 4 + NONCE_LEN;
const FIELD_PURPOSE: &str = "field";
const BLIND_INDEX_PURPOSE: &str = "blind_index";

/// Where a sealed value lives; bound into the ciphertext as associated data.
#[derive(Debug, Clone, Copy)]
pub struct FieldContext<'a> {
    pub table: &'static str,
    pub column: &'static str,
    pub row_id: &'a str,
}

impl FieldContext<'_> {
    fn associated_data(&self) -> String {
        format!("{}.{}:{}", self.table, self.column, self.row_id)
    }
}

/// A column that holds sealed values, for key rotation.
#[derive(Debug, Clone, Copy)]
pub struct EncryptedColumn {
    pub table: &'static str,
    pub column: &'static str,
    pub id_column: &'static str,
}

/// Every encrypted column in the schema. A module that adds one lists it here so that
/// `corridor keys rotate` re-encrypts it.
pub const ENCRYPTED_COLUMNS: &[EncryptedColumn] = &[
    EncryptedColumn {
        table: "users",
        column: "totp_secret",
        id_column: "id",
    },
    EncryptedColumn {
        table: "participants",
        column: "name_sealed",
        id_column: "id",
    },
    EncryptedColumn {
        table: "people",
        column: "names",
        id_column: "id",
    },
    EncryptedColumn {
        table: "people",
        column: "birth_date",
        id_column: "id",
    },
    EncryptedColumn {
        table: "case_events",
        column: "reason",
        id_column: "id",
    },
    EncryptedColumn {
        table: "vulnerability_assessments",
        column: "narrative",
        id_column: "id",
    },
    EncryptedColumn {
        table: "case_facts",
        column: "facts",
        id_column: "case_id",
    },
    EncryptedColumn {
        table: "checklist_items",
        column: "reason",
        id_column: "id",
    },
    EncryptedColumn {
        table: "case_documents",
        column: "file_name",
        id_column: "id",
    },
    EncryptedColumn {
        table: "case_documents",
        column: "mrz",
        id_column: "id",
    },
    EncryptedColumn {
        table: "case_notes",
        column: "body",
        id_column: "id",
    },
    EncryptedColumn {
        table: "case_messages",
        column: "body",
        id_column: "id",
    },
    EncryptedColumn {
        table: "case_referrals",
        column: "note",
        id_column: "id",
    },
    EncryptedColumn {
        table: "case_referrals",
        column: "override_reason",
        id_column: "id",
    },
    EncryptedColumn {
        table: "case_referrals",
        column: "decision_reason",
        id_column: "id",
    },
    EncryptedColumn {
        table: "consents",
        column: "scope",
        id_column: "id",
    },
    EncryptedColumn {
        table: "subject_access_requests",
        column: "reason",
        id_column: "id",
    },
    EncryptedColumn {
        table: "break_glass_grants",
        column: "reason",
        id_column: "id",
    },
];

/// The 32-byte secret that wraps the data keys.
pub struct MasterKey(Zeroizing<[u8; 32]>);

impl MasterKey {
    /// Reads the key from `CORRIDOR_MASTER_KEY`-style base64 text.
    pub fn from_base64(text: &str) -> Result<MasterKey> {
        let bytes = Zeroizing::new(
            BASE64
                .decode(text.trim())
                .map_err(|_| Error::Internal("master key is not valid base64".into()))?,
        );
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| Error::Internal("master key must be 32 bytes".into()))?;
        Ok(MasterKey(Zeroizing::new(key)))
    }

    /// Loads `keys/master.key` under `dir`, creating it (mode 0600) on first start.
    pub fn load_or_create(dir: &Path) -> Result<MasterKey> {
        let path = dir.join("master.key");
        if path.exists() {
            let text = Zeroizing::new(std::fs::read_to_string(&path).map_err(Error::internal)?);
            return MasterKey::from_base64(&text);
        }
        std::fs::create_dir_all(dir).map_err(Error::internal)?;
        let mut key = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(key.as_mut());
        write_private_file(&path, BASE64.encode(key.as_ref()).as_bytes())?;
        Ok(MasterKey(key))
    }

    pub fn generate() -> MasterKey {
        let mut key = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(key.as_mut());
        MasterKey(key)
    }

    fn cipher(&self) -> Result<XChaCha20Poly1305> {
        new_cipher(self.0.as_ref())
    }
}

fn new_cipher(key: &[u8]) -> Result<XChaCha20Poly1305> {
    XChaCha20Poly1305::new_from_slice(key)
        .map_err(|_| Error::Internal("a key must be 32 bytes".into()))
}

fn nonce_from(bytes: &[u8]) -> Result<XNonce> {
    XNonce::try_from(bytes).map_err(|_| Error::Internal("a nonce must be 24 bytes".into()))
}

fn write_private_file(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(Error::internal)?;
    file.write_all(contents).map_err(Error::internal)
}

/// The unwrapped data keys, ready to seal, open and index.
pub struct Keyring {
    field_keys: BTreeMap<u32, XChaCha20Poly1305>,
    active_field_key: u32,
    blind_index_key: Zeroizing<[u8; 32]>,
}

impl Keyring {
    /// Loads the data keys, creating the first ones when the database has none.
    pub async fn load(db: &Db, master: &MasterKey) -> Result<Keyring> {
        ensure_initial_keys(db, master).await?;
        let mut connection = db.pool.acquire().await?;
        Keyring::read(&mut connection, master).await
    }

    async fn read(connection: &mut sqlx::AnyConnection, master: &MasterKey) -> Result<Keyring> {
        let rows =
            sqlx::query("SELECT id, purpose, wrapped, retired_at FROM data_keys ORDER BY id")
                .fetch_all(&mut *connection)
                .await?;
        let mut field_keys = BTreeMap::new();
        let mut active_field_key = None;
        let mut blind_index_key = None;
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let purpose: String = row.try_get("purpose")?;
            let wrapped: Vec<u8> = row.try_get("wrapped")?;
            let retired_at: Option<i64> = row.try_get("retired_at")?;
            let key = unwrap_data_key(master, id, &purpose, &wrapped)?;
            let key_id = u32::try_from(id).map_err(Error::internal)?;
            match purpose.as_str() {
                FIELD_PURPOSE => {
                    field_keys.insert(key_id, new_cipher(key.as_ref())?);
                    if retired_at.is_none() {
                        active_field_key = Some(key_id);
                    }
                }
                BLIND_INDEX_PURPOSE => blind_index_key = Some(key),
                other => return Err(Error::Internal(format!("unknown data key purpose {other}"))),
            }
        }
        Ok(Keyring {
            field_keys,
            active_field_key: active_field_key
                .ok_or_else(|| Error::Internal("no active field key".into()))?,
            blind_index_key: blind_index_key
                .ok_or_else(|| Error::Internal("no blind index key".into()))?,
        })
    }

    /// Seals `plaintext` for the given place with the active key.
    pub fn seal(&self, context: FieldContext<'_>, plaintext: &[u8]) -> Result<Vec<u8>> {
        let cipher = self
            .field_keys
            .get(&self.active_field_key)
            .ok_or_else(|| Error::Internal("active key missing".into()))?;
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let aad = context.associated_data();
        let sealed = cipher
            .encrypt(
                &nonce_from(&nonce)?,
                Payload {
                    msg: plaintext,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Error::Internal("encryption failed".into()))?;
        let mut out = Vec::with_capacity(HEADER_LEN + sealed.len());
        out.push(CIPHERTEXT_VERSION);
        out.extend_from_slice(&self.active_field_key.to_be_bytes());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Whether a sealed value is under the active key already (nothing to re-encrypt).
    pub fn is_under_active_key(&self, ciphertext: &[u8]) -> bool {
        key_id_of(ciphertext) == Some(self.active_field_key)
    }

    /// Opens a value sealed by [`Keyring::seal`] for the same place.
    pub fn open(&self, context: FieldContext<'_>, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let key_id =
            key_id_of(ciphertext).ok_or_else(|| Error::Internal("malformed ciphertext".into()))?;
        let cipher = self
            .field_keys
            .get(&key_id)
            .ok_or_else(|| Error::Internal(format!("unknown data key {key_id}")))?;
        let aad = context.associated_data();
        cipher
            .decrypt(
                &nonce_from(&ciphertext[5..HEADER_LEN])?,
                Payload {
                    msg: &ciphertext[HEADER_LEN..],
                    aad: aad.as_bytes(),
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| Error::Internal("ciphertext does not open for this field".into()))
    }

    pub fn seal_text(&self, context: FieldContext<'_>, text: &str) -> Result<Vec<u8>> {
        self.seal(context, text.as_bytes())
    }

    pub fn open_text(
        &self,
        context: FieldContext<'_>,
        ciphertext: &[u8],
    ) -> Result<Zeroizing<String>> {
        let bytes = self.open(context, ciphertext)?;
        std::str::from_utf8(&bytes)
            .map(|text| Zeroizing::new(text.to_owned()))
            .map_err(Error::internal)
    }

    /// A keyed hash of `value` for exact-match lookups; `purpose` keeps indexes of different
    /// kinds of value apart (a passport number never matches an IP address).
    pub fn blind_index(&self, purpose: &str, value: &str) -> String {
        let mut hasher = blake3::Hasher::new_keyed(&self.blind_index_key);
        hasher.update(purpose.as_bytes());
        hasher.update(&[0]);
        hasher.update(value.as_bytes());
        hasher.finalize().to_hex().to_string()
    }

    /// A 32-byte secret for one purpose (e.g. signing certificates), derived from the
    /// blind-index key so that it needs no storage of its own and survives field-key rotation.
    pub fn derive_secret(&self, purpose: &str) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(blake3::derive_key(
            &format!("corridor {purpose}"),
            self.blind_index_key.as_ref(),
        ))
    }

    pub fn active_key_id(&self) -> u32 {
        self.active_field_key
    }
}

fn data_key_aad(id: i64, purpose: &str) -> String {
    format!("data_keys:{id}:{purpose}")
}

fn wrap_data_key(master: &MasterKey, id: i64, purpose: &str, key: &[u8; 32]) -> Result<Vec<u8>> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let aad = data_key_aad(id, purpose);
    let sealed = master
        .cipher()?
        .encrypt(
            &nonce_from(&nonce)?,
            Payload {
                msg: key,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| Error::Internal("key wrapping failed".into()))?;
    Ok([nonce.as_slice(), &sealed].concat())
}

fn unwrap_data_key(
    master: &MasterKey,
    id: i64,
    purpose: &str,
    wrapped: &[u8],
) -> Result<Zeroizing<[u8; 32]>> {
    if wrapped.len() < NONCE_LEN {
        return Err(Error::Internal("malformed wrapped key".into()));
    }
    let aad = data_key_aad(id, purpose);
    let key = Zeroizing::new(
        master
            .cipher()?
            .decrypt(
                &nonce_from(&wrapped[..NONCE_LEN])?,
                Payload {
                    msg: &wrapped[NONCE_LEN..],
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| {
                Error::Internal("a data key does not open with this master key (wrong key?)".into())
            })?,
    );
    let mut out = Zeroizing::new([0u8; 32]);
    if key.len() != 32 {
        return Err(Error::Internal("data key has the wrong length".into()));
    }
    out.copy_from_slice(&key);
    Ok(out)
}

async fn insert_data_key(
    tx: &mut crate::db::Tx,
    master: &MasterKey,
    id: i64,
    purpose: &str,
) -> Result<()> {
    let mut key = Zeroizing::new([0u8; 32]);
    rand::rng().fill_bytes(key.as_mut());
    let wrapped = wrap_data_key(master, id, purpose, &key)?;
    sqlx::query(
        "INSERT INTO data_keys (id, purpose, wrapped, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(purpose)
    .bind(wrapped)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Creates the first field key (id 1) and the blind-index key (id 2) when absent. Several nodes
/// starting at once race harmlessly: the fixed ids make the losers' inserts no-ops.
async fn ensure_initial_keys(db: &Db, master: &MasterKey) -> Result<()> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM data_keys")
        .fetch_one(&db.pool)
        .await?;
    if count > 0 {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    insert_data_key(&mut tx, master, 1, FIELD_PURPOSE).await?;
    insert_data_key(&mut tx, master, 2, BLIND_INDEX_PURPOSE).await?;
    tx.commit().await?;
    Ok(())
}

/// The id of the key a sealed value names in its header, or `None` when it is no sealed value.
fn key_id_of(ciphertext: &[u8]) -> Option<u32> {
    match ciphertext {
        [CIPHERTEXT_VERSION, a, b, c, d, ..] if ciphertext.len() >= HEADER_LEN => {
            Some(u32::from_be_bytes([*a, *b, *c, *d]))
        }
        _ => None,
    }
}

/// How many values a key rotation re-encrypted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RotationReport {
    pub new_key_id: u32,
    pub values_reencrypted: u64,
}

/// Makes a new field key active and re-encrypts every sealed value with it, in one transaction.
/// `progress` is told the number of values done so far.
pub async fn rotate_field_key(
    db: &Db,
    master: &MasterKey,
    mut progress: impl FnMut(u64),
) -> Result<RotationReport> {
    let old = Keyring::load(db, master).await?;
    let mut tx = db.begin().await?;
    let next_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM data_keys")
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE data_keys SET retired_at = $1 WHERE purpose = $2 AND retired_at IS NULL")
        .bind(now_millis())
        .bind(FIELD_PURPOSE)
        .execute(&mut *tx)
        .await?;
    insert_data_key(&mut tx, master, next_id, FIELD_PURPOSE).await?;
    let new = Keyring::read(&mut tx, master).await?;

    let mut done = 0;
    for column in ENCRYPTED_COLUMNS {
        let select = format!(
            "SELECT {id}, {col} FROM {table} WHERE {col} IS NOT NULL",
            id = column.id_column,
            col = column.column,
            table = column.table
        );
        let update = format!(
            "UPDATE {table} SET {col} = $1 WHERE {id} = $2",
            id = column.id_column,
            col = column.column,
            table = column.table
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(select))
            .fetch_all(&mut *tx)
            .await?;
        for row in rows {
            let id: String = row.try_get(0)?;
            let sealed: Vec<u8> = row.try_get(1)?;
            let context = FieldContext {
                table: column.table,
                column: column.column,
                row_id: &id,
            };
            let plain = old.open(context, &sealed)?;
            let resealed = new.seal(context, &plain)?;
            sqlx::query(sqlx::AssertSqlSafe(update.clone()))
                .bind(resealed)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            done += 1;
            progress(done);
        }
    }
    tx.commit().await?;
    Ok(RotationReport {
        new_key_id: new.active_field_key,
        values_reencrypted: done,
    })
}

#[cfg(test)]
mod tests {
    use super::ENCRYPTED_COLUMNS;

    /// Every BLOB column of the schema holds sealed data, except the data keys themselves
    /// (wrapped by the master key, rotated on their own). Key rotation must know each one.
    #[test]
    fn every_sealed_column_of_the_schema_is_listed_for_key_rotation() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        assert!(!files.is_empty(), "no migrations in {}", folder.display());
        let mut table = String::new();
        for file in files {
            let sql = std::fs::read_to_string(&file).unwrap_or_default();
            for line in sql.lines() {
                let words: Vec<&str> = line.split_whitespace().collect();
                if let ["CREATE", "TABLE", name, ..] | ["ALTER", "TABLE", name, ..] = words[..] {
                    table = name.trim_matches('(').to_owned();
                }
                let column = match words[..] {
                    [.., "ADD", "COLUMN", column, "BLOB"] => column,
                    [column, "BLOB", ..] => column,
                    _ => continue,
                };
                if table == "data_keys" {
                    continue;
                }
                assert!(
                    ENCRYPTED_COLUMNS
                        .iter()
                        .any(|c| c.table == table && c.column == column),
                    "{table}.{column} is sealed but missing from ENCRYPTED_COLUMNS"
                );
            }
        }
    }
}
