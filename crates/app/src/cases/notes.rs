//! Notes and messages of a case, and the migrant's link to them.
//!
//! A note is internal (staff only) or shared with the migrant. Messages form one thread per case
//! between the case's staff and the migrant, for remote assistance. Bodies are sealed at rest.
//! The migrant reaches a case through the portal when their own account is linked to a person of
//! it: they read shared notes and read and send messages, nothing else. Staff read the thread
//! from the case page; each reader's position is kept, so later messages from the other side are
//! marked unread. Reading notes or messages is audited, like every change.

use sqlx::Row;

use super::{Case, audit_case, load, load_for};
use crate::App;
use crate::audit::AuditAction;
use crate::crypto::FieldContext;
use crate::db::Tx;
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{Action, Actor, Role};
use crate::time::{Millis, new_id, now_millis};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Staff only.
    Internal,
    /// Also shown to the migrant in the portal.
    Shared,
}

impl Visibility {
    pub const ALL: [Visibility; 2] = [Visibility::Internal, Visibility::Shared];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Internal => "internal",
            Visibility::Shared => "shared",
        }
    }

    pub fn parse(text: &str) -> Option<Visibility> {
        Visibility::ALL
            .into_iter()
            .find(|visibility| visibility.as_str() == text)
    }
}

/// Which side of the thread someone writes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Staff,
    Migrant,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Staff => "staff",
            Side::Migrant => "migrant",
        }
    }

    fn parse(text: &str) -> Result<Side> {
        match text {
            "staff" => Ok(Side::Staff),
            "migrant" => Ok(Side::Migrant),
            other => Err(Error::Internal(format!("unknown message side {other}"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: String,
    pub author_id: Option<String>,
    pub visibility: Visibility,
    pub body: String,
    pub created_at: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub sender_id: Option<String>,
    pub side: Side,
    pub body: String,
    pub sent_at: Millis,
    /// From the other side and newer than where this reader stopped.
    pub unread: bool,
}

const MAX_TEXT: usize = 10_000;

fn context<'a>(table: &'static str, id: &'a str) -> FieldContext<'a> {
    FieldContext {
        table,
        column: "body",
        row_id: id,
    }
}

/// How the actor reaches the case: as staff of an office with access, or as a linked migrant.
async fn reach(app: &App, actor: &Actor, case_id: &str) -> Result<(Case, Side)> {
    let case = load(app, case_id).await?;
    let offices = super::referrals::offices_with_access(app, &case).await?;
    // Staff reach a case as `load_for` decides (offices, referrals, emergency grants).
    match super::authorize_loaded(app, actor, &case, &offices, Action::ViewCases).await {
        Err(Error::NotFound) => {}
        staff => return staff.map(|()| (case, Side::Staff)),
    }
    super::authorize_linked(app, actor, &case, &offices).await?;
    Ok((case, Side::Migrant))
}

fn valid_text(text: &str, field: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, "error-required"));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(Error::invalid(field, "error-text-too-long"));
    }
    Ok(text.to_owned())
}

/// Adds a note to a case (staff who work on it).
pub async fn add_note(
    app: &App,
    actor: &Actor,
    case_id: &str,
    body: &str,
    visibility: &str,
) -> Result<Note> {
    let case = load_for(app, actor, case_id, Action::ContactCase).await?;
    let mut errors = FieldErrors::default();
    let visibility = Visibility::parse(visibility.trim());
    if visibility.is_none() {
        errors.add("visibility", "error-choose-option");
    }
    let body = match valid_text(body, "note_text") {
        Ok(body) => Some(body),
        Err(Error::Invalid(invalid)) => {
            errors.0.extend(invalid.0);
            None
        }
        Err(other) => return Err(other),
    };
    errors.into_result()?;
    let (Some(visibility), Some(body)) = (visibility, body) else {
        return Err(Error::invalid("note_text", "error-required"));
    };
    let note = Note {
        id: new_id(),
        author_id: actor.audit_id().map(str::to_owned),
        visibility,
        body,
        created_at: now_millis(),
    };
    let sealed = app
        .keyring
        .seal_text(context("case_notes", &note.id), &note.body)?;
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO case_notes (id, case_id, author_id, visibility, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&note.id)
    .bind(&case.id)
    .bind(&note.author_id)
    .bind(visibility.as_str())
    .bind(sealed)
    .bind(note.created_at)
    .execute(&mut *tx)
    .await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CaseNoteAdd,
        serde_json::json!({ "note": note.id, "visibility": visibility.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(note)
}

/// The notes of a case the actor may read (staff: all; the linked migrant: shared ones), oldest
/// first. Audited.
pub async fn notes(app: &App, actor: &Actor, case_id: &str) -> Result<Vec<Note>> {
    let (case, side) = reach(app, actor, case_id).await?;
    let notes = read_notes(app, &case.id, side).await?;
    let mut tx = app.db.begin().await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CaseNotesRead,
        serde_json::json!({ "count": notes.len(), "side": side.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(notes)
}

/// The notes one side may read, without a policy check or audit: callers do both.
pub(crate) async fn read_notes(app: &App, case_id: &str, side: Side) -> Result<Vec<Note>> {
    let shared_only = side == Side::Migrant;
    let rows = sqlx::query(
        "SELECT id, author_id, visibility, body, created_at FROM case_notes \
         WHERE case_id = $1 AND ($2 = 0 OR visibility = 'shared') ORDER BY created_at, id",
    )
    .bind(case_id)
    .bind(i64::from(shared_only))
    .fetch_all(&app.db.pool)
    .await?;
    let mut notes = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        let sealed: Vec<u8> = row.try_get("body")?;
        let visibility: String = row.try_get("visibility")?;
        notes.push(Note {
            body: app
                .keyring
                .open_text(context("case_notes", &id), &sealed)?
                .to_string(),
            // Which staff member wrote stays with the staff.
            author_id: if shared_only {
                None
            } else {
                row.try_get("author_id")?
            },
            visibility: Visibility::parse(&visibility)
                .ok_or_else(|| Error::Internal(format!("unknown visibility {visibility}")))?,
            created_at: row.try_get("created_at")?,
            id,
        });
    }
    Ok(notes)
}

/// Sends a message in the case's thread, from the actor's side. Staff need its contact side.
pub async fn send_message(app: &App, actor: &Actor, case_id: &str, body: &str) -> Result<Message> {
    let (case, side) = reach(app, actor, case_id).await?;
    if side == Side::Staff {
        load_for(app, actor, case_id, Action::ContactCase).await?;
    }
    let body = valid_text(body, "message_text")?;
    let message = Message {
        id: new_id(),
        sender_id: actor.audit_id().map(str::to_owned),
        side,
        body,
        sent_at: now_millis(),
        unread: false,
    };
    let sealed = app
        .keyring
        .seal_text(context("case_messages", &message.id), &message.body)?;
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO case_messages (id, case_id, sender_id, side, body, sent_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&message.id)
    .bind(&case.id)
    .bind(&message.sender_id)
    .bind(side.as_str())
    .bind(sealed)
    .bind(message.sent_at)
    .execute(&mut *tx)
    .await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CaseMessageSend,
        serde_json::json!({ "message": message.id, "side": side.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(message)
}

/// The case's thread, oldest first, with what is new to this reader marked; reading moves the
/// reader's position to now. Audited.
pub async fn thread(app: &App, actor: &Actor, case_id: &str) -> Result<Vec<Message>> {
    let (case, side) = reach(app, actor, case_id).await?;
    let messages = read_thread(app, &case.id, actor, side).await?;
    let mut tx = app.db.begin().await?;
    mark_read(&mut tx, &case.id, actor, &messages).await?;
    audit_case(
        &mut tx,
        actor,
        &case,
        AuditAction::CaseMessagesRead,
        serde_json::json!({ "count": messages.len(), "side": side.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(messages)
}

/// The thread as one side's reader sees it, without a policy check or audit: callers do both
/// and then [`mark_read`].
pub(crate) async fn read_thread(
    app: &App,
    case_id: &str,
    actor: &Actor,
    side: Side,
) -> Result<Vec<Message>> {
    let read_at: Option<Millis> = sqlx::query_scalar(
        "SELECT read_at FROM case_message_reads WHERE case_id = $1 AND user_id = $2",
    )
    .bind(case_id)
    .bind(&actor.user_id)
    .fetch_optional(&app.db.pool)
    .await?;
    let mut messages = read_messages(app, case_id).await?;
    for message in &mut messages {
        message.unread =
            message.side != side && read_at.is_none_or(|read_at| message.sent_at > read_at);
        // Which staff member wrote stays with the staff.
        if side == Side::Migrant && message.side != Side::Migrant {
            message.sender_id = None;
        }
    }
    Ok(messages)
}

/// A case's messages, oldest first, none marked unread; without a policy check or audit.
pub(crate) async fn read_messages(app: &App, case_id: &str) -> Result<Vec<Message>> {
    let rows = sqlx::query(
        "SELECT id, sender_id, side, body, sent_at FROM case_messages WHERE case_id = $1 ORDER BY sent_at, id",
    )
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    let mut messages = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        let sealed: Vec<u8> = row.try_get("body")?;
        messages.push(Message {
            body: app
                .keyring
                .open_text(context("case_messages", &id), &sealed)?
                .to_string(),
            sender_id: row.try_get("sender_id")?,
            side: Side::parse(&row.try_get::<String, _>("side")?)?,
            unread: false,
            sent_at: row.try_get("sent_at")?,
            id,
        });
    }
    Ok(messages)
}

/// Moves the reader's position to the newest message they were shown.
pub(crate) async fn mark_read(
    tx: &mut Tx,
    case_id: &str,
    actor: &Actor,
    messages: &[Message],
) -> Result<()> {
    let Some(newest) = messages.iter().map(|message| message.sent_at).max() else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO case_message_reads (case_id, user_id, read_at) VALUES ($1, $2, $3) \
         ON CONFLICT (case_id, user_id) DO UPDATE SET read_at = excluded.read_at",
    )
    .bind(case_id)
    .bind(&actor.user_id)
    .bind(newest)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Links a migrant's own account to a person of the case, so the portal opens the case to them.
pub async fn link_account(
    app: &App,
    actor: &Actor,
    case_id: &str,
    person_id: &str,
    user_id: &str,
) -> Result<()> {
    let case = load_for(app, actor, case_id, Action::WorkOnCases).await?;
    let member: Option<String> = sqlx::query_scalar(
        "SELECT person_id FROM case_members WHERE case_id = $1 AND person_id = $2",
    )
    .bind(&case.id)
    .bind(person_id)
    .fetch_optional(&app.db.pool)
    .await?;
    let mut errors = FieldErrors::default();
    if member.is_none() {
        errors.add("person_id", "error-choose-option");
    }
    let roles: Vec<String> = sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(&app.db.pool)
        .await?;
    // Only an account that is a migrant's and nothing else may see a case through the portal.
    if roles.is_empty() || roles.iter().any(|role| role != Role::Migrant.as_str()) {
        errors.add("user_id", "error-portal-account");
    }
    errors.into_result()?;
    let mut tx = app.db.begin().await?;
    link_account_in(&mut tx, actor, &case, person_id, user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Links an account already checked to be a migrant's to a member of the case, inside the
/// caller's transaction.
pub(crate) async fn link_account_in(
    tx: &mut Tx,
    actor: &Actor,
    case: &Case,
    person_id: &str,
    user_id: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO person_accounts (person_id, user_id, linked_by, linked_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (person_id) DO UPDATE SET user_id = excluded.user_id, linked_by = excluded.linked_by, \
         linked_at = excluded.linked_at",
    )
    .bind(person_id)
    .bind(user_id)
    .bind(actor.audit_id())
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    audit_case(
        tx,
        actor,
        case,
        AuditAction::CasePortalLink,
        serde_json::json!({ "person": person_id, "user": user_id }),
    )
    .await?;
    Ok(())
}
