//! The append-only, hash-chained audit log.
//!
//! Every change, and every read of a sensitive record, writes one event *in the same transaction*
//! as the change, so there is never a change without its event or an event without its change.
//! Each event's hash covers the previous event's hash, so editing, deleting or reordering any
//! event breaks the chain from that point; [`verify`] names the first broken `seq`. A single
//! `audit_head` row serialises appends on both backends (its `UPDATE` takes a row lock).
//! Details are JSON chosen by the caller and must never hold sensitive plaintext.

use sqlx::Row;

use crate::db::{Db, Tx};
use crate::error::Result;
use crate::time::{Millis, now_millis};

/// Who did what to which record.
#[derive(Debug, Clone)]
pub struct NewAuditEvent<'a> {
    pub actor_id: Option<&'a str>,
    pub office_id: Option<&'a str>,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<&'a str>,
    pub details: serde_json::Value,
}

impl<'a> NewAuditEvent<'a> {
    pub fn new(
        actor_id: Option<&'a str>,
        action: &'a str,
        target_type: &'a str,
        target_id: Option<&'a str>,
    ) -> Self {
        NewAuditEvent {
            actor_id,
            office_id: None,
            action,
            target_type,
            target_id,
            details: serde_json::Value::Null,
        }
    }

    pub fn in_office(mut self, office_id: Option<&'a str>) -> Self {
        self.office_id = office_id;
        self
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub seq: i64,
    pub at: Millis,
    pub actor_id: Option<String>,
    pub office_id: Option<String>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEvent {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<AuditEvent> {
        Ok(AuditEvent {
            seq: row.try_get("seq")?,
            at: row.try_get("at")?,
            actor_id: row.try_get("actor_id")?,
            office_id: row.try_get("office_id")?,
            action: row.try_get("action")?,
            target_type: row.try_get("target_type")?,
            target_id: row.try_get("target_id")?,
            details: row.try_get("details")?,
            prev_hash: row.try_get("prev_hash")?,
            hash: row.try_get("hash")?,
        })
    }

    /// The hash this event must carry, computed from its content and its predecessor's hash.
    pub fn expected_hash(&self) -> String {
        chain_hash(&self.prev_hash, self.seq, self.at, &EventContent::of(self))
    }
}

struct EventContent<'a> {
    actor_id: Option<&'a str>,
    office_id: Option<&'a str>,
    action: &'a str,
    target_type: &'a str,
    target_id: Option<&'a str>,
    details: &'a str,
}

impl<'a> EventContent<'a> {
    fn of(event: &'a AuditEvent) -> Self {
        EventContent {
            actor_id: event.actor_id.as_deref(),
            office_id: event.office_id.as_deref(),
            action: &event.action,
            target_type: &event.target_type,
            target_id: event.target_id.as_deref(),
            details: &event.details,
        }
    }
}

/// BLAKE3 over the previous hash and a length-prefixed encoding of every field. The encoding is
/// spelled out here rather than borrowed from a JSON serialiser, whose key order could change.
fn chain_hash(prev_hash: &str, seq: i64, at: Millis, content: &EventContent<'_>) -> String {
    let mut hasher = blake3::Hasher::new();
    let mut field = |bytes: Option<&[u8]>| match bytes {
        None => {
            hasher.update(&[0]);
        }
        Some(bytes) => {
            hasher.update(&[1]);
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
    };
    field(Some(prev_hash.as_bytes()));
    field(Some(&seq.to_le_bytes()));
    field(Some(&at.to_le_bytes()));
    field(content.actor_id.map(str::as_bytes));
    field(content.office_id.map(str::as_bytes));
    field(Some(content.action.as_bytes()));
    field(Some(content.target_type.as_bytes()));
    field(content.target_id.map(str::as_bytes));
    field(Some(content.details.as_bytes()));
    hasher.finalize().to_hex().to_string()
}

/// Appends an event inside the caller's transaction and returns its `seq`.
pub async fn record(tx: &mut Tx, event: NewAuditEvent<'_>) -> Result<i64> {
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(&mut **tx)
        .await?;
    let seq: i64 = head.try_get("seq")?;
    let prev_hash: String = head.try_get("hash")?;
    let at = now_millis();
    let details = event.details.to_string();
    let content = EventContent {
        actor_id: event.actor_id,
        office_id: event.office_id,
        action: event.action,
        target_type: event.target_type,
        target_id: event.target_id,
        details: &details,
    };
    let hash = chain_hash(&prev_hash, seq, at, &content);
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO audit_events \
         (seq, at, actor_id, office_id, action, target_type, target_id, details, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(seq)
    .bind(at)
    .bind(event.actor_id)
    .bind(event.office_id)
    .bind(event.action)
    .bind(event.target_type)
    .bind(event.target_id)
    .bind(&details)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    Ok(seq)
}

/// Which events to list. `None` fields do not filter. `offices_of_user` limits the events to the
/// offices that user belongs to (a supervisor's scope); `None` means every office.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_id: Option<String>,
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub offices_of_user: Option<String>,
    pub before_seq: Option<i64>,
    pub limit: i64,
}

/// Newest first. The office scope is applied in SQL so that paging stays correct.
pub async fn list(db: &Db, filter: &AuditFilter) -> Result<Vec<AuditEvent>> {
    let rows = sqlx::query(
        "SELECT seq, at, actor_id, office_id, action, target_type, target_id, details, prev_hash, hash \
         FROM audit_events \
         WHERE ($1 IS NULL OR actor_id = $1) \
           AND ($2 IS NULL OR action = $2) \
           AND ($3 IS NULL OR target_type = $3) \
           AND ($4 IS NULL OR target_id = $4) \
           AND ($5 IS NULL OR seq < $5) \
           AND ($6 IS NULL OR office_id IN \
                (SELECT office_id FROM user_offices WHERE user_id = $6)) \
         ORDER BY seq DESC LIMIT $7",
    )
    .bind(filter.actor_id.as_deref())
    .bind(filter.action.as_deref())
    .bind(filter.target_type.as_deref())
    .bind(filter.target_id.as_deref())
    .bind(filter.before_seq)
    .bind(filter.offices_of_user.as_deref())
    .bind(filter.limit.clamp(1, 500))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(AuditEvent::from_row).collect()
}

/// Every event about a person or a case they are a member of, oldest first and without a
/// limit: a subject-access answer must not drop the oldest. No policy check; the caller asks.
pub(crate) async fn about_person(db: &Db, person_id: &str) -> Result<Vec<AuditEvent>> {
    let rows = sqlx::query(
        "SELECT seq, at, actor_id, office_id, action, target_type, target_id, details, prev_hash, hash \
         FROM audit_events \
         WHERE (target_type = 'person' AND target_id = $1) \
            OR (target_type = 'case' AND target_id IN \
                (SELECT case_id FROM case_members WHERE person_id = $1)) \
         ORDER BY seq",
    )
    .bind(person_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(AuditEvent::from_row).collect()
}

/// The outcome of walking the chain.
#[derive(Debug, PartialEq, Eq)]
pub enum ChainVerdict {
    Intact { events: u64 },
    Broken { seq: i64, reason: BreakReason },
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum BreakReason {
    /// An event is missing: the sequence jumps.
    Gap,
    /// The event does not point at its predecessor's hash.
    WrongPrevious,
    /// The event's content does not match its hash.
    ContentAltered,
    /// The chain ends somewhere other than where the head says.
    HeadMismatch,
}

impl std::fmt::Display for BreakReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BreakReason::Gap => "an event is missing before this one",
            BreakReason::WrongPrevious => "it does not point at the previous event's hash",
            BreakReason::ContentAltered => "its content does not match its hash",
            BreakReason::HeadMismatch => "the chain's last event does not match the recorded head",
        })
    }
}

const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const VERIFY_BATCH: i64 = 1000;

/// Walks the whole chain in `seq` order, in batches, telling `progress` how far it got.
pub async fn verify(db: &Db, mut progress: impl FnMut(u64)) -> Result<ChainVerdict> {
    let mut expected_seq = 1;
    let mut previous_hash = GENESIS_HASH.to_owned();
    loop {
        let rows = sqlx::query(
            "SELECT seq, at, actor_id, office_id, action, target_type, target_id, details, prev_hash, hash \
             FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2",
        )
        .bind(expected_seq)
        .bind(VERIFY_BATCH)
        .fetch_all(&db.pool)
        .await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            let event = AuditEvent::from_row(row)?;
            if event.seq != expected_seq {
                return Ok(ChainVerdict::Broken {
                    seq: expected_seq,
                    reason: BreakReason::Gap,
                });
            }
            if event.prev_hash != previous_hash {
                return Ok(ChainVerdict::Broken {
                    seq: event.seq,
                    reason: BreakReason::WrongPrevious,
                });
            }
            if event.hash != event.expected_hash() {
                return Ok(ChainVerdict::Broken {
                    seq: event.seq,
                    reason: BreakReason::ContentAltered,
                });
            }
            previous_hash = event.hash;
            expected_seq += 1;
        }
        progress(u64::try_from(expected_seq - 1).unwrap_or_default());
    }
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    let head_seq: i64 = head.try_get("seq")?;
    let head_hash: String = head.try_get("hash")?;
    if head_seq != expected_seq - 1 || head_hash != previous_hash {
        return Ok(ChainVerdict::Broken {
            seq: head_seq.max(expected_seq),
            reason: BreakReason::HeadMismatch,
        });
    }
    Ok(ChainVerdict::Intact {
        events: u64::try_from(expected_seq - 1).unwrap_or_default(),
    })
}

/// How many events the log holds.
pub async fn count(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM audit_events")
        .fetch_one(&db.pool)
        .await?)
}
