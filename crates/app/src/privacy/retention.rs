//! Retention: how long each office keeps personal data after a case or an orientation ended, and
//! the purge that erases what has outlived it (`corridor privacy purge`, daily in `serve`).
//!
//! Offices without a policy use the defaults below. The purge selects expired ids per office and
//! category in batches and hands each batch to [`super::erasure`] in its own transaction, so a
//! purge of a million cases neither holds one huge transaction nor runs a statement per case.

use std::sync::atomic::Ordering;

use jiff::{Span, Timestamp, tz::Offset};
use sqlx::Row;

use super::erasure::rules::Set;
use super::erasure::{self, Erased};
use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::cases::workflow::CaseStatus;
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, ListScope, Target};
use crate::time::{Millis, now_millis};

/// Closed cases: five years, the usual limitation period for claims and the span donors' and
/// auditors' reviews of a programme reach back over.
pub const DEFAULT_CLOSED_CASE_YEARS: i64 = 5;
/// Refused or withdrawn applications: a year covers appeal deadlines and a prompt reapplication.
pub const DEFAULT_REFUSED_MONTHS: i64 = 12;
/// Orientation records: three years covers a certificate's use before travel and one
/// programme evaluation cycle.
pub const DEFAULT_ORIENTATION_YEARS: i64 = 3;

/// Cases (or participants) per transaction: large enough that set-based statements amortise
/// their cost, small enough that the write lock is released often.
pub const BATCH: i64 = 1_000;

/// What a retention period applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Cases in `closed`, counted from their closing.
    ClosedCases,
    /// Cases in `decided_refused` or `withdrawn`, counted from the decision or withdrawal.
    RefusedApplications,
    /// Orientation participants not linked to a case person, counted from the end of their
    /// last session (linked ones follow their case).
    OrientationRecords,
}

impl Category {
    pub const ALL: [Category; 3] = [
        Category::ClosedCases,
        Category::RefusedApplications,
        Category::OrientationRecords,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::ClosedCases => "closed_cases",
            Category::RefusedApplications => "refused_applications",
            Category::OrientationRecords => "orientation_records",
        }
    }

    /// `FROM … WHERE …` of the expired ids (`x.id`) of office `$1` with cutoff `$2` and an id
    /// greater than `$3`, one per status the category covers. Each walks one index range in id
    /// order (`cases_unerased_by_status` is on office, status and id), so a batch starts where
    /// the one before it stopped instead of reading again the records it kept.
    fn scans(self) -> Vec<String> {
        match self {
            Category::ClosedCases => vec![ended_cases(CaseStatus::Closed)],
            Category::RefusedApplications => vec![
                ended_cases(CaseStatus::Refused),
                ended_cases(CaseStatus::Withdrawn),
            ],
            Category::OrientationRecords => vec![
                "FROM participants x WHERE x.office_id = $1 AND x.erased_at IS NULL \
                 AND x.person_id IS NULL AND x.created_at < $2 AND x.id > $3 \
                 AND NOT EXISTS (SELECT 1 FROM orientation_enrolments n \
                     JOIN orientation_sessions s ON s.id = n.session_id \
                     WHERE n.participant_id = x.id \
                     AND s.starts_at + s.day_count * 86400000 >= $2)"
                    .to_owned(),
            ],
        }
    }

    /// The erasure set the category's expired ids go into.
    fn set(self) -> Set {
        match self {
            Category::OrientationRecords => Set::Participants,
            Category::ClosedCases | Category::RefusedApplications => Set::Cases,
        }
    }
}

/// The scan of [`Category::scans`] over the unerased cases in `status` that reached it (their
/// last move there) before the cutoff.
fn ended_cases(status: CaseStatus) -> String {
    format!(
        "FROM cases x WHERE x.office_id = $1 AND x.status = '{}' AND x.erased_at IS NULL \
         AND x.id > $3 AND (SELECT MAX(e.at) FROM case_events e \
                            WHERE e.case_id = x.id AND e.to_status = x.status) < $2",
        status.as_str()
    )
}

/// One office's retention periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionPolicy {
    pub office_id: String,
    pub office_code: String,
    pub closed_case_years: i64,
    pub refused_months: i64,
    pub orientation_years: i64,
    /// The office has no policy of its own and uses the defaults.
    pub is_default: bool,
}

impl RetentionPolicy {
    /// The instant before which a record of `category` has expired on `as_of`.
    pub fn cutoff(&self, category: Category, as_of: Millis) -> Result<Millis> {
        let span = match category {
            Category::ClosedCases => Span::new().try_years(self.closed_case_years),
            Category::RefusedApplications => Span::new().try_months(self.refused_months),
            Category::OrientationRecords => Span::new().try_years(self.orientation_years),
        }
        .map_err(Error::internal)?;
        let at = Timestamp::from_millisecond(as_of).map_err(Error::internal)?;
        let civil = Offset::UTC
            .to_datetime(at)
            .checked_sub(span)
            .map_err(Error::internal)?;
        let cutoff = Offset::UTC.to_timestamp(civil).map_err(Error::internal)?;
        Ok(cutoff.as_millisecond())
    }
}

/// The retention policies as typed.
#[derive(Debug, Clone, Default)]
pub struct RetentionForm {
    pub closed_case_years: String,
    pub refused_months: String,
    pub orientation_years: String,
}

/// What has expired in one office and category on a date: the dry-run report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expired {
    pub office_id: String,
    pub office_code: String,
    pub category: Category,
    pub cutoff: Millis,
    pub count: u64,
}

/// The offices' policies the actor may see, with defaults filled in.
pub async fn policies(app: &App, actor: &Actor) -> Result<Vec<RetentionPolicy>> {
    let scope = policy::list_scope(actor, Action::ViewRetention)?;
    let (filter, user) = match &scope {
        ListScope::Everything => ("", None),
        ListScope::OfficesOf(user) | ListScope::OwnedBy(user) => (
            " WHERE o.id IN (SELECT office_id FROM user_offices WHERE user_id = $1)",
            Some(user),
        ),
    };
    let sql = format!(
        "SELECT o.id, o.code, r.closed_case_years, r.refused_months, r.orientation_years \
         FROM offices o LEFT JOIN retention_policies r ON r.office_id = o.id{filter} ORDER BY o.code"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    if let Some(user) = user {
        query = query.bind(user);
    }
    let rows = query.fetch_all(&app.db.pool).await?;
    rows.iter()
        .map(|row| {
            let closed: Option<i64> = row.try_get("closed_case_years")?;
            Ok(RetentionPolicy {
                office_id: row.try_get("id")?,
                office_code: row.try_get("code")?,
                is_default: closed.is_none(),
                closed_case_years: closed.unwrap_or(DEFAULT_CLOSED_CASE_YEARS),
                refused_months: row
                    .try_get::<Option<i64>, _>("refused_months")?
                    .unwrap_or(DEFAULT_REFUSED_MONTHS),
                orientation_years: row
                    .try_get::<Option<i64>, _>("orientation_years")?
                    .unwrap_or(DEFAULT_ORIENTATION_YEARS),
            })
        })
        .collect()
}

fn parse_period(errors: &mut FieldErrors, field: &str, text: &str, max: i64) -> i64 {
    match text.trim().parse::<i64>() {
        Ok(value) if (1..=max).contains(&value) => value,
        _ => {
            errors.add(field, "privacy-retention-error-period");
            0
        }
    }
}

/// Sets an office's retention periods (by office code).
pub async fn set_policy(
    app: &App,
    actor: &Actor,
    office_code: &str,
    form: &RetentionForm,
) -> Result<RetentionPolicy> {
    policy::authorize(actor, Action::ApplyRetention, Target::system())?;
    let office_id = crate::offices::find_by_code(&app.db, office_code)
        .await?
        .ok_or(Error::NotFound)?
        .id;
    let mut errors = FieldErrors::default();
    let closed = parse_period(
        &mut errors,
        "closed_case_years",
        &form.closed_case_years,
        100,
    );
    let refused = parse_period(&mut errors, "refused_months", &form.refused_months, 1200);
    let orientation = parse_period(
        &mut errors,
        "orientation_years",
        &form.orientation_years,
        100,
    );
    errors.into_result()?;
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO retention_policies \
         (office_id, closed_case_years, refused_months, orientation_years, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (office_id) DO UPDATE SET \
         closed_case_years = $2, refused_months = $3, orientation_years = $4, \
         updated_by = $5, updated_at = $6",
    )
    .bind(&office_id)
    .bind(closed)
    .bind(refused)
    .bind(orientation)
    .bind(actor.audit_id())
    .bind(now_millis())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(actor.audit_id(), AuditAction::RetentionSet, "office", Some(&office_id))
            .in_office(Some(&office_id))
            .with_details(serde_json::json!({
                "closed_case_years": closed, "refused_months": refused, "orientation_years": orientation,
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(RetentionPolicy {
        office_id,
        office_code: office_code.to_owned(),
        closed_case_years: closed,
        refused_months: refused,
        orientation_years: orientation,
        is_default: false,
    })
}

/// Every office and category with its cutoff on `as_of`, nothing counted yet.
async fn targets(app: &App, actor: &Actor, as_of: Millis) -> Result<Vec<Expired>> {
    policy::authorize(actor, Action::ApplyRetention, Target::system())?;
    let mut targets = Vec::new();
    for office in policies(app, actor).await? {
        for category in Category::ALL {
            targets.push(Expired {
                office_id: office.office_id.clone(),
                office_code: office.office_code.clone(),
                category,
                cutoff: office.cutoff(category, as_of)?,
                count: 0,
            });
        }
    }
    Ok(targets)
}

/// What has expired on `as_of`, per office and category, changing nothing (the dry run).
pub async fn plan(app: &App, actor: &Actor, as_of: Millis) -> Result<Vec<Expired>> {
    let mut expired = Vec::new();
    for mut target in targets(app, actor, as_of).await? {
        for scan in target.category.scans() {
            let sql = format!("SELECT COUNT(*) {scan}");
            let count = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
                .bind(&target.office_id)
                .bind(target.cutoff)
                .bind("")
                .fetch_one(&app.db.pool)
                .await?;
            target.count += u64::try_from(count).unwrap_or(0);
        }
        if target.count > 0 {
            expired.push(target);
        }
    }
    Ok(expired)
}

/// How far a purge has come: records erased of the total the plan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// Erases everything that has expired on `as_of`, batch by batch, reporting after each batch to
/// `progress` when given. Only then is everything counted first (the dry run's plan), for the
/// total: the daily purge in `serve`, which nobody watches, goes straight to the batches.
///
/// Each office's categories are walked in turn by one of [`crate::db::Db::concurrent_writers`]
/// workers (several on PostgreSQL, whose row locks let batches of different offices commit side
/// by side; one on SQLite, which has one writer at a time). Batches of different offices touch
/// different rows; they meet only at the audit chain's head, taken last before each commit. A
/// migrant account linked to people of two offices whose records expire in the same purge is
/// not erased, since neither batch sees the other's erasure yet (a known gap).
pub async fn purge(
    app: &App,
    actor: &Actor,
    as_of: Millis,
    progress: Option<&mut (dyn FnMut(Progress) + Send)>,
) -> Result<Erased> {
    let planned = match progress {
        Some(_) => plan(app, actor, as_of).await?,
        None => targets(app, actor, as_of).await?,
    };
    let total = planned.iter().map(|expired| expired.count).sum();
    let tally = std::sync::Mutex::new(PurgeTally {
        done: 0,
        total,
        erased: Erased::default(),
        progress,
    });
    // One office's categories in turn, by one worker: a person or account is erased only once
    // nothing else of theirs stays, which a batch of the same office running beside it would
    // not yet show (it has not committed).
    let mut offices: Vec<Vec<&Expired>> = Vec::new();
    for expired in &planned {
        match offices
            .iter_mut()
            .find(|o| o[0].office_id == expired.office_id)
        {
            Some(office) => office.push(expired),
            None => offices.push(vec![expired]),
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let worker = || async {
        while let Some(office) = offices.get(next.fetch_add(1, Ordering::Relaxed)) {
            for expired in office {
                for scan in expired.category.scans() {
                    // Ids are UUIDs: every one sorts after the empty string.
                    let mut after = String::new();
                    while let Some((batch, last)) =
                        purge_batch(app, actor, expired, &scan, &after).await?
                    {
                        lock(&tally).add(expired.category, batch);
                        after = last;
                    }
                }
            }
        }
        Ok::<(), Error>(())
    };
    lock(&tally).report();
    let workers = (0..app.db.concurrent_writers()).map(|_| worker());
    // The first failure stops the other workers; what they committed stays erased.
    let outcome = futures_util::future::try_join_all(workers).await;
    erasure::checkpoint(app).await;
    outcome?;
    let erased = lock(&tally).erased;
    Ok(erased)
}

/// What the purge's workers have erased so far, and whom to tell.
struct PurgeTally<'p> {
    done: u64,
    total: u64,
    erased: Erased,
    progress: Option<&'p mut (dyn FnMut(Progress) + Send)>,
}

impl PurgeTally<'_> {
    fn add(&mut self, category: Category, batch: Erased) {
        self.done += match category {
            Category::OrientationRecords => batch.participants,
            _ => batch.cases,
        };
        self.erased.add(batch);
        self.report();
    }

    fn report(&mut self) {
        let (done, total) = (self.done, self.total);
        if let Some(progress) = self.progress.as_mut() {
            progress(Progress { done, total });
        }
    }
}

fn lock<'a, 'p>(
    tally: &'a std::sync::Mutex<PurgeTally<'p>>,
) -> std::sync::MutexGuard<'a, PurgeTally<'p>> {
    tally
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Erases up to [`BATCH`] expired records of one office and category found by `scan` after the
/// id `after`, in one transaction; returns what it erased and the last id it selected, or `None`
/// when nothing is left.
///
/// One audit event per batch, with the office, category, cutoff, count and the erasure instant
/// (which every erased row carries in `erased_at`), rather than one per case: the audit chain
/// appends one event at a time under a lock, and a million events would make it the purge's
/// bottleneck while saying nothing the rows do not already say.
async fn purge_batch(
    app: &App,
    actor: &Actor,
    expired: &Expired,
    scan: &str,
    after: &str,
) -> Result<Option<(Erased, String)>> {
    let now = now_millis();
    let mut tx = app.db.begin().await?;
    erasure::start(&mut tx).await?;
    let set = expired.category.set().table();
    let sql = format!("INSERT INTO {set} (id) SELECT x.id {scan} ORDER BY x.id LIMIT {BATCH}");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&expired.office_id)
        .bind(expired.cutoff)
        .bind(after)
        .execute(&mut *tx)
        .await?;
    let last: Option<String> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT MAX(id) FROM {set}")))
            .fetch_one(&mut *tx)
            .await?;
    let Some(last) = last else {
        return Ok(None);
    };
    erasure::add_people_of_cases(&mut tx).await?;
    let (erased, documents) = erasure::apply(&mut tx, now).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::RetentionPurge,
            "office",
            Some(&expired.office_id),
        )
        .in_office(Some(&expired.office_id))
        .with_details(serde_json::json!({
            "category": expired.category.as_str(),
            "cutoff": expired.cutoff,
            "erased_at": now,
            "cases": erased.cases,
            "people": erased.people,
            "participants": erased.participants,
            "accounts": erased.accounts,
            "documents": documents.len(),
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(Some((
        erasure::remove_files(app, erased, &documents).await,
        last,
    )))
}
