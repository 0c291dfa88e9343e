//! The knowledge platform: evidence-based good practices, submitted by staff, reviewed and
//! published by knowledge editors, searchable in many languages and open to everyone.
//!
//! A practice moves `draft → submitted → in_review → published → archived`; a reviewer may send a
//! submitted or in-review practice back as `changes_requested` with a comment, after which its
//! owner edits and submits again. Every saved edit is kept as a numbered version. Publishing and
//! archiving bump the knowledge generation in the same transaction and then update the search
//! index; a search that finds the index at another generation rebuilds it first.

pub mod content;
pub mod export;
pub mod index;
pub mod markdown;
pub mod seed;
pub mod taxonomy;

use std::sync::Arc;

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::{Db, Tx, expect_one_row};
use crate::error::{Error, Result};
use crate::policy::{self, Action, Actor, ListScope, Target};
use crate::time::{Millis, new_id, now_millis};

pub use content::{Link, PracticeContent};
pub use index::{SearchHit, SearchRequest, SearchResults, SortOrder};

/// Where a practice is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Submitted,
    InReview,
    ChangesRequested,
    Published,
    Archived,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Draft,
        Status::Submitted,
        Status::InReview,
        Status::ChangesRequested,
        Status::Published,
        Status::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::InReview => "in_review",
            Status::ChangesRequested => "changes_requested",
            Status::Published => "published",
            Status::Archived => "archived",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    /// Its owner (or a reviewer) may still edit it.
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::ChangesRequested)
    }

    /// Waiting for a reviewer's decision.
    pub fn awaits_review(self) -> bool {
        matches!(self, Status::Submitted | Status::InReview)
    }
}

/// A practice as stored: its current content and where it is in the workflow.
#[derive(Debug, Clone, PartialEq)]
pub struct Practice {
    pub id: String,
    pub status: Status,
    pub owner_id: Option<String>,
    pub content: PracticeContent,
    /// The number of the current content version (1 for the first save).
    pub content_number: i64,
    /// For optimistic concurrency.
    pub version: i64,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub submitted_at: Option<Millis>,
    pub published_at: Option<Millis>,
    pub archived_at: Option<Millis>,
}

const PRACTICE_COLUMNS: &str = "id, status, owner_id, content, content_number, version, \
     created_at, updated_at, submitted_at, published_at, archived_at";

impl Practice {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Practice> {
        let status: String = row.try_get("status")?;
        let content: String = row.try_get("content")?;
        Ok(Practice {
            id: row.try_get("id")?,
            status: Status::parse(&status)
                .ok_or_else(|| Error::Internal(format!("bad practice status {status}")))?,
            owner_id: row.try_get("owner_id")?,
            content: serde_json::from_str(&content).map_err(Error::internal)?,
            content_number: row.try_get("content_number")?,
            version: row.try_get("version")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            submitted_at: row.try_get("submitted_at")?,
            published_at: row.try_get("published_at")?,
            archived_at: row.try_get("archived_at")?,
        })
    }

    fn target(&self) -> Target<'_> {
        Target {
            owner: self.owner_id.as_deref(),
            ..Target::default()
        }
    }
}

/// One saved version of a practice's content.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeVersion {
    pub number: i64,
    pub author_id: Option<String>,
    pub created_at: Millis,
    pub content: PracticeContent,
}

/// A reviewer's or owner's note on a practice; `kind` says which step wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewComment {
    pub id: String,
    pub author_id: Option<String>,
    pub kind: String,
    pub body: String,
    pub created_at: Millis,
}

/// A decision on a practice awaiting review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewDecision {
    /// Take it into review (submitted → in review).
    StartReview,
    /// Send it back to its owner with what to change.
    RequestChanges {
        comment: String,
    },
    Publish,
}

/// Creates a draft owned by the actor.
pub async fn create_draft(app: &App, actor: &Actor, content: PracticeContent) -> Result<Practice> {
    policy::authorize(
        actor,
        Action::DraftPractice,
        Target::owned_by(&actor.user_id),
    )?;
    let content = content.normalised();
    content.check_draft()?;
    let id = new_id();
    let now = now_millis();
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO practices (id, status, owner_id, language, title, content, content_number, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
    )
    .bind(&id)
    .bind(Status::Draft.as_str())
    .bind(actor.audit_id())
    .bind(&content.language)
    .bind(&content.title)
    .bind(to_json(&content)?)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    insert_version(&mut tx, &id, 1, actor, &content, now).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::PracticeCreate,
            "practice",
            Some(&id),
        )
        .with_details(serde_json::json!({ "language": content.language })),
    )
    .await?;
    tx.commit().await?;
    get_for_staff(app, actor, &id).await
}

/// Saves new content as the next version; only while the practice is a draft or sent back.
pub async fn update_draft(
    app: &App,
    actor: &Actor,
    id: &str,
    expected_version: i64,
    content: PracticeContent,
) -> Result<Practice> {
    let current = load(&app.db, id).await?;
    policy::authorize(actor, Action::DraftPractice, current.target())?;
    if !current.status.is_editable() {
        return Err(Error::Conflict("practice-not-editable"));
    }
    let content = content.normalised();
    content.check_draft()?;
    let number = current.content_number + 1;
    let now = now_millis();
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE practices SET language = $1, title = $2, content = $3, content_number = $4, \
         updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7",
    )
    .bind(&content.language)
    .bind(&content.title)
    .bind(to_json(&content)?)
    .bind(number)
    .bind(now)
    .bind(id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    insert_version(&mut tx, id, number, actor, &content, now).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::PracticeUpdate,
            "practice",
            Some(id),
        )
        .with_details(serde_json::json!({ "content_number": number })),
    )
    .await?;
    tx.commit().await?;
    get_for_staff(app, actor, id).await
}

/// Sends a draft for review after checking the submission criteria.
pub async fn submit(app: &App, actor: &Actor, id: &str, expected_version: i64) -> Result<Practice> {
    let current = load(&app.db, id).await?;
    policy::authorize(actor, Action::DraftPractice, current.target())?;
    if !current.status.is_editable() {
        return Err(Error::Conflict("practice-not-editable"));
    }
    current.content.check_submission()?;
    let mut tx = app.db.begin().await?;
    let now = now_millis();
    change_status(
        &mut tx,
        id,
        expected_version,
        Status::Submitted,
        Some("submitted_at"),
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::PracticeSubmit,
            "practice",
            Some(id),
        ),
    )
    .await?;
    tx.commit().await?;
    get_for_staff(app, actor, id).await
}

/// A reviewer's decision on a submitted or in-review practice.
pub async fn review(
    app: &App,
    actor: &Actor,
    id: &str,
    expected_version: i64,
    decision: &ReviewDecision,
) -> Result<Practice> {
    policy::authorize(actor, Action::ReviewPractices, Target::system())?;
    let current = load(&app.db, id).await?;
    if !current.status.awaits_review() {
        return Err(Error::Conflict("practice-not-awaiting-review"));
    }
    if *decision == ReviewDecision::StartReview && current.status == Status::InReview {
        return Err(Error::Conflict("practice-already-in-review"));
    }
    if *decision == ReviewDecision::Publish
        && app.settings.publish_needs_second_person
        && wrote_a_version(&app.db, id, &actor.user_id).await?
    {
        return Err(Error::Conflict("practice-needs-second-person"));
    }
    let now = now_millis();
    let mut tx = app.db.begin().await?;
    let (status, stamp, event) = match decision {
        ReviewDecision::StartReview => (Status::InReview, None, AuditAction::PracticeStartReview),
        ReviewDecision::RequestChanges { comment } => {
            let comment = comment.trim();
            if comment.is_empty() {
                return Err(Error::invalid("comment", "error-required"));
            }
            add_comment(&mut tx, id, actor, "changes_requested", comment, now).await?;
            (
                Status::ChangesRequested,
                None,
                AuditAction::PracticeRequestChanges,
            )
        }
        ReviewDecision::Publish => (
            Status::Published,
            Some("published_at"),
            AuditAction::PracticePublish,
        ),
    };
    change_status(&mut tx, id, expected_version, status, stamp, now).await?;
    let generation = if status == Status::Published {
        Some(bump_generation(&mut tx).await?)
    } else {
        None
    };
    audit::record(
        &mut tx,
        NewAuditEvent::new(actor.audit_id(), event, "practice", Some(id))
            .with_details(serde_json::json!({ "content_number": current.content_number })),
    )
    .await?;
    tx.commit().await?;
    let practice = get_for_staff(app, actor, id).await?;
    if let Some(generation) = generation {
        update_index(app, &practice, generation).await;
    }
    Ok(practice)
}

/// Whether `user_id` owns the practice or saved any version of it.
async fn wrote_a_version(db: &Db, id: &str, user_id: &str) -> Result<bool> {
    let wrote: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM practices WHERE id = $1 AND owner_id = $2 \
         UNION SELECT 1 FROM practice_versions WHERE practice_id = $1 AND author_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(wrote.is_some())
}

/// Whether the reader may publish the practice themselves, as far as authorship goes.
pub async fn may_publish(app: &App, actor: &Actor, id: &str) -> Result<bool> {
    Ok(!app.settings.publish_needs_second_person
        || !wrote_a_version(&app.db, id, &actor.user_id).await?)
}

/// Takes a published practice off the public site (unpublish); it stays readable to staff.
pub async fn archive(
    app: &App,
    actor: &Actor,
    id: &str,
    expected_version: i64,
) -> Result<Practice> {
    policy::authorize(actor, Action::ReviewPractices, Target::system())?;
    let current = load(&app.db, id).await?;
    if current.status != Status::Published {
        return Err(Error::Conflict("practice-not-published"));
    }
    let mut tx = app.db.begin().await?;
    change_status(
        &mut tx,
        id,
        expected_version,
        Status::Archived,
        Some("archived_at"),
        now_millis(),
    )
    .await?;
    let generation = bump_generation(&mut tx).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::PracticeArchive,
            "practice",
            Some(id),
        ),
    )
    .await?;
    tx.commit().await?;
    let practice = get_for_staff(app, actor, id).await?;
    update_index(app, &practice, generation).await;
    Ok(practice)
}

/// A note on a practice by its owner or a reviewer, kept with the review history.
pub async fn comment(app: &App, actor: &Actor, id: &str, body: &str) -> Result<ReviewComment> {
    let current = load(&app.db, id).await?;
    policy::authorize(actor, Action::DraftPractice, current.target())?;
    let body = body.trim();
    if body.is_empty() || body.chars().count() > 5000 {
        return Err(Error::invalid("comment", "error-required"));
    }
    let now = now_millis();
    let mut tx = app.db.begin().await?;
    let comment_id = add_comment(&mut tx, id, actor, "comment", body, now).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::PracticeComment,
            "practice",
            Some(id),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(ReviewComment {
        id: comment_id,
        author_id: actor.audit_id().map(str::to_owned),
        kind: "comment".into(),
        body: body.to_owned(),
        created_at: now,
    })
}

/// A practice as staff see it, whatever its status: its owner, or any reviewer.
pub async fn get_for_staff(app: &App, actor: &Actor, id: &str) -> Result<Practice> {
    let practice = load(&app.db, id).await?;
    let may_review = policy::is_allowed(actor, Action::ReviewPractices, Target::system());
    if !may_review {
        policy::authorize(actor, Action::DraftPractice, practice.target())
            .map_err(|_| Error::NotFound)?;
    }
    Ok(practice)
}

/// A published practice, for anyone: published practices are open data.
pub async fn get_published(db: &Db, id: &str) -> Result<Practice> {
    let practice = load(db, id).await?;
    if practice.status == Status::Published {
        Ok(practice)
    } else {
        Err(Error::NotFound)
    }
}

/// The practices a staff member works on: their own, or (for reviewers) every one not yet
/// published plus their own, most recently changed first.
pub async fn list_for_staff(app: &App, actor: &Actor) -> Result<Vec<Practice>> {
    let scope = policy::list_scope(actor, Action::DraftPractice)?;
    let may_review = policy::is_allowed(actor, Action::ReviewPractices, Target::system());
    let sql = format!(
        "SELECT {PRACTICE_COLUMNS} FROM practices WHERE owner_id = $1 OR $2 = 1 \
         ORDER BY updated_at DESC LIMIT 500"
    );
    let see_all = i64::from(may_review || scope == ListScope::Everything);
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(actor.audit_id().unwrap_or_default())
        .bind(see_all)
        .fetch_all(&app.db.pool)
        .await?;
    rows.iter().map(Practice::from_row).collect()
}

/// Every saved version of a practice, oldest first.
pub async fn versions(app: &App, actor: &Actor, id: &str) -> Result<Vec<PracticeVersion>> {
    get_for_staff(app, actor, id).await?;
    let rows = sqlx::query(
        "SELECT number, author_id, created_at, content FROM practice_versions \
         WHERE practice_id = $1 ORDER BY number",
    )
    .bind(id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let content: String = row.try_get("content")?;
            Ok(PracticeVersion {
                number: row.try_get("number")?,
                author_id: row.try_get("author_id")?,
                created_at: row.try_get("created_at")?,
                content: serde_json::from_str(&content).map_err(Error::internal)?,
            })
        })
        .collect()
}

/// The review history of a practice, oldest first.
pub async fn comments(app: &App, actor: &Actor, id: &str) -> Result<Vec<ReviewComment>> {
    get_for_staff(app, actor, id).await?;
    let rows = sqlx::query(
        "SELECT id, author_id, kind, body, created_at FROM practice_comments \
         WHERE practice_id = $1 ORDER BY created_at, id",
    )
    .bind(id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ReviewComment {
                id: row.try_get("id")?,
                author_id: row.try_get("author_id")?,
                kind: row.try_get("kind")?,
                body: row.try_get("body")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

/// Published practices, newest first; `limit` caps the count (exports pass a large one).
pub async fn list_published(db: &Db, limit: i64) -> Result<Vec<Practice>> {
    let sql = format!(
        "SELECT {PRACTICE_COLUMNS} FROM practices WHERE status = 'published' \
         ORDER BY published_at DESC, id LIMIT $1"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(Practice::from_row).collect()
}

/// Searches published practices, rebuilding the index first when it is stale.
pub async fn search(app: &App, request: &SearchRequest) -> Result<SearchResults> {
    let index = ensure_index_current(app).await?;
    let request = request.clone();
    tokio::task::spawn_blocking(move || index.search(&request))
        .await
        .map_err(Error::internal)?
}

/// Rebuilds the search index from the database; returns how many practices it holds.
pub async fn reindex(app: &App) -> Result<usize> {
    let index = open_index(app)?;
    rebuild(app, index).await
}

/// Rebuilds the index when it does not match the database (run at start, so that the first
/// visitor does not wait for it).
pub async fn refresh_index_if_stale(app: &App) -> Result<()> {
    ensure_index_current(app).await.map(drop)
}

fn open_index(app: &App) -> Result<Arc<index::PracticeIndex>> {
    index::open(&app.paths.index().join("practices"))
}

async fn ensure_index_current(app: &App) -> Result<Arc<index::PracticeIndex>> {
    let index = open_index(app)?;
    if index.generation()? != generation(&app.db).await? {
        rebuild(app, index.clone()).await?;
    }
    Ok(index)
}

async fn rebuild(app: &App, index: Arc<index::PracticeIndex>) -> Result<usize> {
    let generation = generation(&app.db).await?;
    let practices = list_published(&app.db, i64::MAX).await?;
    tokio::task::spawn_blocking(move || {
        let indexed = practices.iter().map(|practice| index::IndexedPractice {
            id: &practice.id,
            content: &practice.content,
            published_at: practice.published_at.unwrap_or_default(),
        });
        index.replace_all(indexed, generation)
    })
    .await
    .map_err(Error::internal)?
}

/// Brings the index in step after a publish or unpublish committed at `generation`. A failure
/// here leaves the index stale, which the next search notices and repairs, so it is logged only.
async fn update_index(app: &App, practice: &Practice, generation: i64) {
    let outcome = async {
        let index = open_index(app)?;
        let practice = practice.clone();
        let applied = {
            let index = index.clone();
            tokio::task::spawn_blocking(move || {
                let published =
                    (practice.status == Status::Published).then(|| index::IndexedPractice {
                        id: &practice.id,
                        content: &practice.content,
                        published_at: practice.published_at.unwrap_or_default(),
                    });
                index.apply_change(&practice.id, published, generation)
            })
            .await
            .map_err(Error::internal)??
        };
        if !applied {
            rebuild(app, index).await?;
        }
        Ok::<(), Error>(())
    }
    .await;
    if let Err(error) = outcome {
        tracing::warn!(%error, "search index left stale; the next search rebuilds it");
    }
}

/// The knowledge generation: bumped by every change to the set of published practices.
pub async fn generation(db: &Db) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT generation FROM knowledge_index_state WHERE id = 1")
            .fetch_one(&db.pool)
            .await?,
    )
}

async fn bump_generation(tx: &mut Tx) -> Result<i64> {
    sqlx::query("UPDATE knowledge_index_state SET generation = generation + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await?;
    Ok(
        sqlx::query_scalar("SELECT generation FROM knowledge_index_state WHERE id = 1")
            .fetch_one(&mut **tx)
            .await?,
    )
}

async fn load(db: &Db, id: &str) -> Result<Practice> {
    let sql = format!("SELECT {PRACTICE_COLUMNS} FROM practices WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(Error::NotFound)?;
    Practice::from_row(&row)
}

async fn change_status(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    status: Status,
    stamp_column: Option<&'static str>,
    now: Millis,
) -> Result<()> {
    let stamp = stamp_column
        .map(|column| format!("{column} = $2, "))
        .unwrap_or_default();
    let sql = format!(
        "UPDATE practices SET status = $1, {stamp}updated_at = $2, \
         version = version + 1 WHERE id = $3 AND version = $4"
    );
    let result = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(status.as_str())
        .bind(now)
        .bind(id)
        .bind(expected_version)
        .execute(&mut **tx)
        .await?;
    expect_one_row(result)
}

async fn insert_version(
    tx: &mut Tx,
    id: &str,
    number: i64,
    actor: &Actor,
    content: &PracticeContent,
    now: Millis,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO practice_versions (practice_id, number, content, author_id, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(number)
    .bind(to_json(content)?)
    .bind(actor.audit_id())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn add_comment(
    tx: &mut Tx,
    id: &str,
    actor: &Actor,
    kind: &str,
    body: &str,
    now: Millis,
) -> Result<String> {
    let comment_id = new_id();
    sqlx::query(
        "INSERT INTO practice_comments (id, practice_id, author_id, kind, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&comment_id)
    .bind(id)
    .bind(actor.audit_id())
    .bind(kind)
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(comment_id)
}

fn to_json(content: &PracticeContent) -> Result<String> {
    serde_json::to_string(content).map_err(Error::internal)
}
