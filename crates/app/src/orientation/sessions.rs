//! Sessions, enrolment with a waitlist, the roster submitted before a session and the
//! attendance submitted after it (Nepal's rule 21), and check-in/check-out per participant per
//! day by roll call or by the participant's QR code.

use std::collections::BTreeMap;

use sqlx::{AnyConnection, Row};

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::{Db, Tx};
use crate::error::{Error, FieldErrors, Result};
use crate::orientation::curricula::{self, CurriculumDetail};
use crate::orientation::parse_stored;
use crate::orientation::participants::{self, Participant};
use crate::policy::{self, Action, Actor, ListScope, Target};
use crate::time::DAY;
use crate::time::{HOUR, MINUTE, Millis, new_id, now_millis};

pub const FORMATS: [&str; 4] = ["in_person", "mobile", "online", "phone"];
pub const SUPPORT: [&str; 5] = [
    "interpretation",
    "childminding",
    "meals",
    "transport",
    "accommodation",
];

/// A check-in may be recorded this long before a day's start and up to this long after it.
const EARLY_ARRIVAL: Millis = 2 * HOUR;
const DAY_WINDOW: Millis = 16 * HOUR;
/// Clocks differ a little between a phone and the server.
const CLOCK_SKEW: Millis = 5 * MINUTE;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub curriculum_id: String,
    pub office_id: String,
    pub format: String,
    /// An address, or a link for online sessions, or a phone number.
    pub place: String,
    pub starts_at: Millis,
    pub day_count: i64,
    pub capacity: i64,
    pub language: String,
    pub facilitators: String,
    pub interpreter: String,
    pub support: Vec<String>,
    pub roster_submitted_at: Option<Millis>,
    pub attendance_submitted_at: Option<Millis>,
    pub cancelled_at: Option<Millis>,
    pub cancel_reason: Option<String>,
    /// The office's time zone (IANA name): session times are typed and shown on its clock.
    pub time_zone: String,
    pub version: i64,
}

impl Session {
    /// When day `day` (1-based) starts.
    pub fn day_start(&self, day: i64) -> Millis {
        self.starts_at + (day - 1) * DAY
    }

    /// Why the session's plan (time, place, capacity) can no longer change, if it cannot: once
    /// it has started, or been cancelled, it is what happened.
    pub fn plan_closed(&self, now: Millis) -> Option<&'static str> {
        if self.cancelled_at.is_some() {
            Some("session-cancelled")
        } else if now >= self.starts_at {
            Some("session-started")
        } else {
            None
        }
    }

    /// Why the roster cannot be submitted now, if it cannot.
    pub fn roster_closed(&self, now: Millis) -> Option<&'static str> {
        match self.plan_closed(now) {
            Some("session-started") => Some("roster-after-start"),
            other => other,
        }
    }

    /// Why attendance cannot be recorded now for day `day`, if it cannot: before the day's
    /// doors open, after the record is submitted, or for a cancelled session.
    pub fn attendance_closed(&self, day: i64, now: Millis) -> Option<&'static str> {
        if self.cancelled_at.is_some() {
            Some("session-cancelled")
        } else if self.attendance_submitted_at.is_some() {
            Some("attendance-submitted")
        } else if now < self.day_start(day) - EARLY_ARRIVAL {
            Some("attendance-too-early")
        } else {
            None
        }
    }

    /// Why the attendance record cannot be submitted now, if it cannot.
    pub fn attendance_submission_closed(&self, now: Millis) -> Option<&'static str> {
        if self.cancelled_at.is_some() {
            Some("session-cancelled")
        } else if self.attendance_submitted_at.is_some() {
            Some("attendance-submitted")
        } else if now < self.day_start(self.day_count) {
            Some("attendance-before-end")
        } else {
            None
        }
    }

    /// The calendar date (`YYYY-MM-DD`) of day `day` on the office's clock.
    pub fn local_date(&self, day: i64) -> String {
        crate::time::millis_to_local(self.day_start(day), &self.time_zone)
            .get(..10)
            .unwrap_or_default()
            .to_owned()
    }

    pub(crate) fn target_offices(&self) -> [String; 1] {
        [self.office_id.clone()]
    }
}

const SESSION_COLUMNS: &str = "SELECT id, curriculum_id, office_id, format, place, starts_at, day_count, capacity, \
     language, facilitators, interpreter, support, roster_submitted_at, attendance_submitted_at, cancelled_at, \
     cancel_reason, version, \
     (SELECT o.time_zone FROM offices o WHERE o.id = orientation_sessions.office_id) AS time_zone \
     FROM orientation_sessions";

fn session_from_row(row: &sqlx::any::AnyRow) -> Result<Session> {
    let support: String = row.try_get("support")?;
    Ok(Session {
        id: row.try_get("id")?,
        curriculum_id: row.try_get("curriculum_id")?,
        office_id: row.try_get("office_id")?,
        format: row.try_get("format")?,
        place: row.try_get("place")?,
        starts_at: row.try_get("starts_at")?,
        day_count: row.try_get("day_count")?,
        capacity: row.try_get("capacity")?,
        language: row.try_get("language")?,
        facilitators: row.try_get("facilitators")?,
        interpreter: row.try_get("interpreter")?,
        support: serde_json::from_str(&support).map_err(Error::internal)?,
        roster_submitted_at: row.try_get("roster_submitted_at")?,
        attendance_submitted_at: row.try_get("attendance_submitted_at")?,
        cancelled_at: row.try_get("cancelled_at")?,
        cancel_reason: row.try_get("cancel_reason")?,
        time_zone: row
            .try_get::<Option<String>, _>("time_zone")?
            .unwrap_or_else(|| "UTC".to_owned()),
        version: row.try_get("version")?,
    })
}

pub(crate) async fn load(db: &Db, id: &str) -> Result<Session> {
    load_on(&mut *db.pool.acquire().await?, id).await
}

async fn load_on(conn: &mut AnyConnection, id: &str) -> Result<Session> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SESSION_COLUMNS} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    session_from_row(&row)
}

/// Loads a session the actor may run; others get `NotFound`.
async fn load_to_run(db: &Db, actor: &Actor, id: &str) -> Result<Session> {
    load_to_run_on(&mut *db.pool.acquire().await?, actor, id).await
}

async fn load_to_run_on(conn: &mut AnyConnection, actor: &Actor, id: &str) -> Result<Session> {
    let session = load_on(conn, id).await?;
    policy::authorize(
        actor,
        Action::RunOrientation,
        Target::in_offices(&session.target_offices()),
    )
    .map_err(|_| Error::NotFound)?;
    Ok(session)
}

pub async fn get(db: &Db, actor: &Actor, id: &str) -> Result<Session> {
    load_to_run(db, actor, id).await
}

/// Sessions of the offices the actor runs orientation in, soonest last-first.
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<Session>> {
    let rows = match policy::list_scope(actor, Action::RunOrientation)? {
        ListScope::Everything => {
            sqlx::query(sqlx::AssertSqlSafe(format!("{SESSION_COLUMNS} ORDER BY starts_at DESC")))
                .fetch_all(&db.pool)
                .await?
        }
        ListScope::OfficesOf(user_id) | ListScope::OwnedBy(user_id) => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "{SESSION_COLUMNS} WHERE office_id IN (SELECT office_id FROM user_offices WHERE user_id = $1) \
                 ORDER BY starts_at DESC"
            )))
            .bind(user_id)
            .fetch_all(&db.pool)
            .await?
        }
    };
    rows.iter().map(session_from_row).collect()
}

#[derive(Debug, Clone, Default)]
pub struct SessionForm {
    pub curriculum_id: String,
    pub office_id: String,
    pub format: String,
    pub place: String,
    /// `YYYY-MM-DDTHH:MM` on the wall clock of the office's time zone.
    pub starts_at: String,
    pub day_count: String,
    pub capacity: String,
    pub language: String,
    pub facilitators: String,
    pub interpreter: String,
    pub support: Vec<String>,
}

struct ValidSession {
    starts_at: Millis,
    day_count: i64,
    capacity: i64,
}

impl SessionForm {
    fn validate(&self, time_zone: &str) -> Result<ValidSession> {
        let mut errors = FieldErrors::default();
        if !FORMATS.contains(&self.format.as_str()) {
            errors.add("format", "error-choose-option");
        }
        if self.place.trim().is_empty() || self.place.chars().count() > 300 {
            errors.add("place", "error-required-short-text");
        }
        let starts_at = crate::time::local_to_millis(
            &crate::cases::facts::read_by_hand(rules::FactKind::Date, &self.starts_at),
            time_zone,
        );
        if starts_at.is_none() {
            errors.add("starts_at", "error-datetime");
        }
        let day_count = self
            .day_count
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|d| (1..=30).contains(d));
        if day_count.is_none() {
            errors.add("day_count", "error-day-count");
        }
        let capacity = self
            .capacity
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|c| (1..=2000).contains(c));
        if capacity.is_none() {
            errors.add("capacity", "error-capacity");
        }
        if !(2..=8).contains(&self.language.trim().len()) {
            errors.add("language", "error-choose-option");
        }
        if self.facilitators.chars().count() > 300 || self.interpreter.chars().count() > 300 {
            errors.add("facilitators", "error-required-short-text");
        }
        if self
            .support
            .iter()
            .any(|item| !SUPPORT.contains(&item.as_str()))
        {
            errors.add("support", "error-choose-option");
        }
        errors.into_result()?;
        Ok(ValidSession {
            starts_at: starts_at.unwrap_or_default(),
            day_count: day_count.unwrap_or(1),
            capacity: capacity.unwrap_or(1),
        })
    }
}

pub async fn schedule(app: &App, actor: &Actor, form: &SessionForm) -> Result<Session> {
    policy::authorize(
        actor,
        Action::RunOrientation,
        Target::in_offices(std::slice::from_ref(&form.office_id)),
    )?;
    let time_zone = crate::offices::time_zone_of(app, &form.office_id)
        .await
        .map_err(|_| Error::invalid("office_id", "error-choose-option"))?;
    let valid = form.validate(&time_zone)?;
    curricula::load_detail(&app.db, &form.curriculum_id)
        .await
        .map_err(|_| Error::invalid("curriculum_id", "error-choose-option"))?;
    let id = new_id();
    let support = serde_json::to_string(&form.support).map_err(Error::internal)?;
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO orientation_sessions (id, curriculum_id, office_id, format, place, starts_at, day_count, \
         capacity, language, facilitators, interpreter, support, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(&id)
    .bind(&form.curriculum_id)
    .bind(&form.office_id)
    .bind(&form.format)
    .bind(form.place.trim())
    .bind(valid.starts_at)
    .bind(valid.day_count)
    .bind(valid.capacity)
    .bind(form.language.trim())
    .bind(form.facilitators.trim())
    .bind(form.interpreter.trim())
    .bind(&support)
    .bind(actor.audit_id())
    .bind(now_millis())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationSessionSchedule,
            "orientation_session",
            Some(&id),
        )
        .in_office(Some(&form.office_id))
        .with_details(serde_json::json!({
            "curriculum": form.curriculum_id,
            "starts_at": valid.starts_at,
            "days": valid.day_count,
            "capacity": valid.capacity,
        })),
    )
    .await?;
    tx.commit().await?;
    load(&app.db, &id).await
}

/// What an enrolled participant is told about a change to their session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Rescheduled,
    Cancelled,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Rescheduled => "rescheduled",
            NoticeKind::Cancelled => "cancelled",
        }
    }

    fn parse(text: &str) -> Option<NoticeKind> {
        [NoticeKind::Rescheduled, NoticeKind::Cancelled]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// A notice shown to a participant on their orientation page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    /// The session's start after the change.
    pub starts_at: Millis,
    pub created_at: Millis,
}

/// Tells everyone enrolled or waitlisted on a session about a change, in the caller's
/// transaction; returns how many were told.
async fn notify_participants(
    tx: &mut Tx,
    session_id: &str,
    kind: NoticeKind,
    starts_at: Millis,
) -> Result<i64> {
    let enrolments: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM orientation_enrolments WHERE session_id = $1 AND status <> $2 ORDER BY id",
    )
    .bind(session_id)
    .bind(EnrolmentStatus::Withdrawn.as_str())
    .fetch_all(&mut **tx)
    .await?;
    let now = now_millis();
    for enrolment_id in &enrolments {
        sqlx::query(
            "INSERT INTO orientation_notices (id, enrolment_id, kind, starts_at, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(new_id())
        .bind(enrolment_id)
        .bind(kind.as_str())
        .bind(starts_at)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(i64::try_from(enrolments.len()).unwrap_or(i64::MAX))
}

/// Changes a session that has not started: its time, place, length, capacity, language and
/// people. The curriculum and office stay. Everyone enrolled is told.
pub async fn reschedule(
    app: &App,
    actor: &Actor,
    session_id: &str,
    form: &SessionForm,
    expected_version: i64,
) -> Result<Session> {
    let session = load_to_run(&app.db, actor, session_id).await?;
    if let Some(reason) = session.plan_closed(now_millis()) {
        return Err(Error::Conflict(reason));
    }
    let valid = form.validate(&session.time_zone)?;
    if valid.starts_at <= now_millis() {
        return Err(Error::invalid("starts_at", "error-session-in-past"));
    }
    let support = serde_json::to_string(&form.support).map_err(Error::internal)?;
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE orientation_sessions SET format = $1, place = $2, starts_at = $3, day_count = $4, capacity = $5, \
         language = $6, facilitators = $7, interpreter = $8, support = $9, version = version + 1 \
         WHERE id = $10 AND version = $11",
    )
    .bind(&form.format)
    .bind(form.place.trim())
    .bind(valid.starts_at)
    .bind(valid.day_count)
    .bind(valid.capacity)
    .bind(form.language.trim())
    .bind(form.facilitators.trim())
    .bind(form.interpreter.trim())
    .bind(&support)
    .bind(session_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    crate::db::expect_one_row(result)?;
    // Participants are told when what they must turn up for moves; not for a new interpreter.
    let moved = valid.starts_at != session.starts_at
        || valid.day_count != session.day_count
        || form.place.trim() != session.place;
    let told = if moved {
        notify_participants(
            &mut tx,
            session_id,
            NoticeKind::Rescheduled,
            valid.starts_at,
        )
        .await?
    } else {
        0
    };
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationSessionReschedule,
            "orientation_session",
            Some(session_id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({
            "starts_at": { "from": session.starts_at, "to": valid.starts_at },
            "days": valid.day_count,
            "capacity": valid.capacity,
            "participants_told": told,
        })),
    )
    .await?;
    tx.commit().await?;
    load(&app.db, session_id).await
}

/// Cancels a session that has not started, with the reason; everyone enrolled is told.
pub async fn cancel(
    app: &App,
    actor: &Actor,
    session_id: &str,
    reason: &str,
    expected_version: i64,
) -> Result<()> {
    let session = load_to_run(&app.db, actor, session_id).await?;
    if let Some(closed) = session.plan_closed(now_millis()) {
        return Err(Error::Conflict(closed));
    }
    let reason = super::short_reason(reason)?;
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE orientation_sessions SET cancelled_at = $1, cancelled_by = $2, cancel_reason = $3, \
         version = version + 1 WHERE id = $4 AND version = $5",
    )
    .bind(now_millis())
    .bind(actor.audit_id())
    .bind(reason)
    .bind(session_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    crate::db::expect_one_row(result)?;
    let told = notify_participants(
        &mut tx,
        session_id,
        NoticeKind::Cancelled,
        session.starts_at,
    )
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationSessionCancel,
            "orientation_session",
            Some(session_id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({ "reason": reason, "participants_told": told })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The notices of an enrolment, newest first.
async fn notices_of(db: &Db, enrolment_id: &str) -> Result<Vec<Notice>> {
    let rows = sqlx::query(
        "SELECT kind, starts_at, created_at FROM orientation_notices WHERE enrolment_id = $1 \
         ORDER BY created_at DESC, id DESC",
    )
    .bind(enrolment_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(Notice {
                kind: parse_stored(&kind, NoticeKind::parse)?,
                starts_at: row.try_get("starts_at")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrolmentStatus {
    Enrolled,
    Waitlisted,
    Withdrawn,
}

impl EnrolmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EnrolmentStatus::Enrolled => "enrolled",
            EnrolmentStatus::Waitlisted => "waitlisted",
            EnrolmentStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<EnrolmentStatus> {
        [
            EnrolmentStatus::Enrolled,
            EnrolmentStatus::Waitlisted,
            EnrolmentStatus::Withdrawn,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }
}

/// Who put the participant on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrolmentSource {
    Facilitator,
    /// The migrant, from the portal.
    Portal,
    /// A caseworker, for the members of a case's family.
    Case,
}

impl EnrolmentSource {
    fn as_str(self) -> &'static str {
        match self {
            EnrolmentSource::Facilitator => "facilitator",
            EnrolmentSource::Portal => "portal",
            EnrolmentSource::Case => "case",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub id: String,
    pub session_id: String,
    pub participant_id: String,
    pub status: EnrolmentStatus,
    /// Short code the participant shows (as QR or text) to check in.
    pub checkin_code: String,
    pub on_roster: bool,
}

const ENROLMENT_COLUMNS: &str = "SELECT id, session_id, participant_id, status, checkin_code, on_roster FROM orientation_enrolments";

fn enrolment_from_row(row: &sqlx::any::AnyRow) -> Result<Enrolment> {
    let status: String = row.try_get("status")?;
    let on_roster: i64 = row.try_get("on_roster")?;
    Ok(Enrolment {
        id: row.try_get("id")?,
        session_id: row.try_get("session_id")?,
        participant_id: row.try_get("participant_id")?,
        status: parse_stored(&status, EnrolmentStatus::parse)?,
        checkin_code: row.try_get("checkin_code")?,
        on_roster: on_roster != 0,
    })
}

pub(crate) async fn load_enrolment(db: &Db, id: &str) -> Result<Enrolment> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{ENROLMENT_COLUMNS} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    enrolment_from_row(&row)
}

/// An enrolment and its session, if the actor runs the session or is the participant.
pub(crate) async fn load_enrolment_for(
    app: &App,
    actor: &Actor,
    enrolment_id: &str,
) -> Result<(Enrolment, Session, bool)> {
    let enrolment = load_enrolment(&app.db, enrolment_id).await?;
    let session = load(&app.db, &enrolment.session_id).await?;
    if policy::is_allowed(
        actor,
        Action::RunOrientation,
        Target::in_offices(&session.target_offices()),
    ) {
        return Ok((enrolment, session, false));
    }
    let participant = participants::load(app, &enrolment.participant_id).await?;
    match participant.user_id.as_deref() {
        Some(owner) if owner == actor.user_id => {
            policy::authorize(actor, Action::AttendOrientation, Target::owned_by(owner))
                .map_err(|_| Error::NotFound)?;
            Ok((enrolment, session, true))
        }
        _ => Err(Error::NotFound),
    }
}

/// Puts a participant on a session: enrolled while there is room, waitlisted after.
pub async fn enrol(
    app: &App,
    actor: &Actor,
    session_id: &str,
    participant_id: &str,
    source: EnrolmentSource,
) -> Result<Enrolment> {
    let session = load(&app.db, session_id).await?;
    let participant = participants::load(app, participant_id).await?;
    match source {
        EnrolmentSource::Portal => {
            let owner = participant.user_id.as_deref().ok_or(Error::Forbidden)?;
            if owner != actor.user_id {
                return Err(Error::Forbidden);
            }
            policy::authorize(actor, Action::AttendOrientation, Target::owned_by(owner))?;
        }
        EnrolmentSource::Facilitator | EnrolmentSource::Case => {
            policy::authorize(
                actor,
                Action::RunOrientation,
                Target::in_offices(&session.target_offices()),
            )?;
        }
    }
    ensure_open(&session)?;
    let mut tx = app.db.begin().await?;
    let (id, _) = insert_enrolment(&mut tx, actor, &session, participant_id, source).await?;
    tx.commit().await?;
    load_enrolment(&app.db, &id).await
}

/// Enrolments close once the last day is over or the attendance record is submitted.
pub(crate) fn ensure_open(session: &Session) -> Result<()> {
    if session.cancelled_at.is_some() {
        return Err(Error::Conflict("session-cancelled"));
    }
    if session.attendance_submitted_at.is_some()
        || now_millis() >= session.day_start(session.day_count) + DAY
    {
        return Err(Error::Conflict("session-over"));
    }
    Ok(())
}

/// Inserts one enrolment and its audit event in the caller's transaction: enrolled while the
/// session has room, waitlisted after. The caller has checked the permission.
pub(crate) async fn insert_enrolment(
    tx: &mut Tx,
    actor: &Actor,
    session: &Session,
    participant_id: &str,
    source: EnrolmentSource,
) -> Result<(String, EnrolmentStatus)> {
    let enrolled = count_enrolled(tx, &session.id).await?;
    let status = if enrolled < session.capacity {
        EnrolmentStatus::Enrolled
    } else {
        EnrolmentStatus::Waitlisted
    };
    let id = new_id();
    let code = short_code(8);
    sqlx::query(
        "INSERT INTO orientation_enrolments (id, session_id, participant_id, status, source, checkin_code, enrolled_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&session.id)
    .bind(participant_id)
    .bind(status.as_str())
    .bind(source.as_str())
    .bind(&code)
    .bind(now_millis())
    .execute(&mut **tx)
    .await
    .map_err(|error| match &error {
        sqlx::Error::Database(db_error) if db_error.is_unique_violation() => Error::Conflict("already-enrolled"),
        _ => Error::Database(error),
    })?;
    audit::record(
        tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationEnrol,
            "orientation_enrolment",
            Some(&id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({
            "session": session.id,
            "participant": participant_id,
            "status": status.as_str(),
            "source": source.as_str(),
        })),
    )
    .await?;
    Ok((id, status))
}

async fn count_enrolled(tx: &mut Tx, session_id: &str) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM orientation_enrolments WHERE session_id = $1 AND status = 'enrolled'",
    )
    .bind(session_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// Takes a participant off a session; the first on the waitlist moves up.
pub async fn withdraw(app: &App, actor: &Actor, enrolment_id: &str) -> Result<Option<String>> {
    let (enrolment, session, _) = load_enrolment_for(app, actor, enrolment_id).await?;
    if enrolment.status == EnrolmentStatus::Withdrawn {
        return Ok(None);
    }
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "UPDATE orientation_enrolments SET status = 'withdrawn', on_roster = 0 WHERE id = $1",
    )
    .bind(enrolment_id)
    .execute(&mut *tx)
    .await?;
    let promoted: Option<String> = if enrolment.status == EnrolmentStatus::Enrolled {
        sqlx::query_scalar(
            "SELECT id FROM orientation_enrolments WHERE session_id = $1 AND status = 'waitlisted' \
             ORDER BY enrolled_at, id LIMIT 1",
        )
        .bind(&session.id)
        .fetch_optional(&mut *tx)
        .await?
    } else {
        None
    };
    if let Some(next) = &promoted {
        sqlx::query("UPDATE orientation_enrolments SET status = 'enrolled' WHERE id = $1")
            .bind(next)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationWithdraw,
            "orientation_enrolment",
            Some(enrolment_id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({ "promoted": promoted })),
    )
    .await?;
    tx.commit().await?;
    Ok(promoted)
}

/// `length` (at most 16) characters from an alphabet without look-alikes, easy to read out and
/// type: check-in codes and certificate numbers.
pub(crate) fn short_code(length: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let random = uuid::Uuid::new_v4();
    random
        .as_bytes()
        .iter()
        .take(length)
        .map(|byte| char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]))
        .collect()
}

/// Submits the list of enrolled participants before the session starts. It can be submitted
/// again until then; after the start it is closed, and only people on it can check in.
pub async fn submit_roster(
    app: &App,
    actor: &Actor,
    session_id: &str,
    expected_version: i64,
) -> Result<i64> {
    let session = load_to_run(&app.db, actor, session_id).await?;
    let now = now_millis();
    if let Some(reason) = session.roster_closed(now) {
        return Err(Error::Conflict(reason));
    }
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "UPDATE orientation_enrolments SET on_roster = CASE WHEN status = 'enrolled' THEN 1 ELSE 0 END \
         WHERE session_id = $1",
    )
    .bind(session_id)
    .execute(&mut *tx)
    .await?;
    let result = sqlx::query(
        "UPDATE orientation_sessions SET roster_submitted_at = $1, roster_submitted_by = $2, version = version + 1 \
         WHERE id = $3 AND version = $4",
    )
    .bind(now)
    .bind(actor.audit_id())
    .bind(session_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    crate::db::expect_one_row(result)?;
    let on_roster = count_enrolled(&mut tx, session_id).await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationRosterSubmit,
            "orientation_session",
            Some(session_id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({ "participants": on_roster, "at": now })),
    )
    .await?;
    tx.commit().await?;
    Ok(on_roster)
}

/// Closes the attendance record once the last day has started; nothing can be changed after.
pub async fn submit_attendance(
    app: &App,
    actor: &Actor,
    session_id: &str,
    expected_version: i64,
) -> Result<()> {
    let session = load_to_run(&app.db, actor, session_id).await?;
    let now = now_millis();
    if let Some(reason) = session.attendance_submission_closed(now) {
        return Err(Error::Conflict(reason));
    }
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE orientation_sessions SET attendance_submitted_at = $1, attendance_submitted_by = $2, \
         version = version + 1 WHERE id = $3 AND version = $4",
    )
    .bind(now)
    .bind(actor.audit_id())
    .bind(session_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    crate::db::expect_one_row(result)?;
    let days: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orientation_attendance a JOIN orientation_enrolments e ON e.id = a.enrolment_id \
         WHERE e.session_id = $1",
    )
    .bind(session_id)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationAttendanceSubmit,
            "orientation_session",
            Some(session_id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({ "participant_days": days, "at": now })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How attendance was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckMethod {
    RollCall,
    /// The facilitator's phone opened the participant's QR code.
    QrScan,
    /// The facilitator typed the participant's short code.
    ShortCode,
    /// Typed afterwards from a paper attendance sheet.
    PaperSheet,
}

impl CheckMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckMethod::RollCall => "roll_call",
            CheckMethod::QrScan => "qr_scan",
            CheckMethod::ShortCode => "short_code",
            CheckMethod::PaperSheet => "paper_sheet",
        }
    }

    pub fn parse(text: &str) -> Option<CheckMethod> {
        [
            CheckMethod::RollCall,
            CheckMethod::QrScan,
            CheckMethod::ShortCode,
            CheckMethod::PaperSheet,
        ]
        .into_iter()
        .find(|method| method.as_str() == text)
    }
}

/// Which way a participant passes the door.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    In,
    Out,
}

/// One check-in or check-out. `at` is when it happened: now for a scan, or the time on a
/// paper roll call entered later the same day.
#[derive(Debug, Clone, Copy)]
pub struct AttendanceMark {
    pub day: i64,
    pub direction: Direction,
    pub at: Millis,
    pub method: CheckMethod,
}

/// Finds the enrolment behind a check-in code, for a session the actor runs.
pub async fn find_by_code(
    app: &App,
    actor: &Actor,
    code: &str,
) -> Result<(Enrolment, Session, Participant)> {
    let code = code.trim().to_ascii_uppercase();
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{ENROLMENT_COLUMNS} WHERE checkin_code = $1"
    )))
    .bind(&code)
    .fetch_optional(&app.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    let enrolment = enrolment_from_row(&row)?;
    let session = load_to_run(&app.db, actor, &enrolment.session_id).await?;
    let participant = participants::load(app, &enrolment.participant_id).await?;
    Ok((enrolment, session, participant))
}

/// Records a check-in or check-out for one participant and day.
pub async fn record_attendance(
    app: &App,
    actor: &Actor,
    enrolment_id: &str,
    mark: AttendanceMark,
) -> Result<()> {
    let enrolment = load_enrolment(&app.db, enrolment_id).await?;
    let session = load_to_run(&app.db, actor, &enrolment.session_id).await?;
    check_mark(&session, &enrolment, &mark)?;
    let mut tx = app.db.begin().await?;
    let existing = sqlx::query(
        "SELECT checked_in_at, checked_out_at FROM orientation_attendance WHERE enrolment_id = $1 AND day = $2",
    )
    .bind(enrolment_id)
    .bind(mark.day)
    .fetch_optional(&mut *tx)
    .await?;
    match (mark.direction, existing) {
        (Direction::In, None) => {
            sqlx::query(
                "INSERT INTO orientation_attendance (enrolment_id, day, checked_in_at, method, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(enrolment_id)
            .bind(mark.day)
            .bind(mark.at)
            .bind(mark.method.as_str())
            .bind(actor.audit_id())
            .bind(now_millis())
            .execute(&mut *tx)
            .await?;
        }
        (Direction::In, Some(_)) => return Err(Error::Conflict("already-checked-in")),
        (Direction::Out, None) => return Err(Error::Conflict("not-checked-in")),
        (Direction::Out, Some(row)) => {
            let checked_in_at: i64 = row.try_get("checked_in_at")?;
            let checked_out_at: Option<i64> = row.try_get("checked_out_at")?;
            if checked_out_at.is_some() {
                return Err(Error::Conflict("already-checked-out"));
            }
            if mark.at <= checked_in_at {
                return Err(Error::invalid("at", "error-checkout-before-checkin"));
            }
            sqlx::query(
                "UPDATE orientation_attendance SET checked_out_at = $1, recorded_at = $2 \
                 WHERE enrolment_id = $3 AND day = $4",
            )
            .bind(mark.at)
            .bind(now_millis())
            .bind(enrolment_id)
            .bind(mark.day)
            .execute(&mut *tx)
            .await?;
        }
    }
    let action = match mark.direction {
        Direction::In => AuditAction::OrientationCheckIn,
        Direction::Out => AuditAction::OrientationCheckOut,
    };
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            action,
            "orientation_enrolment",
            Some(enrolment_id),
        )
        .in_office(Some(&session.office_id))
        .with_details(
            serde_json::json!({ "day": mark.day, "at": mark.at, "method": mark.method.as_str() }),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One participant's day as a paper attendance sheet shows it: the times written on it, typed
/// afterwards as `HH:MM` on the office's clock. Eastern Arabic and Persian digits are read as
/// meant.
#[derive(Debug, Clone, Default)]
pub struct SheetLine {
    pub day: i64,
    pub checked_in: String,
    pub checked_out: String,
}

/// A wall-clock time `H:MM` typed by hand on day `day` of the session, as an instant.
fn sheet_time(session: &Session, day: i64, typed: &str) -> Option<Millis> {
    let text = crate::accounts::password::ascii_digits(typed.trim());
    let (hour, minute) = text.split_once(':')?;
    let (hour, minute) = (hour.parse::<u8>().ok()?, minute.parse::<u8>().ok()?);
    if hour > 23 || minute > 59 || text.len() > 5 {
        return None;
    }
    crate::time::local_to_millis(
        &format!("{}T{hour:02}:{minute:02}", session.local_date(day)),
        &session.time_zone,
    )
}

/// Records a past day of one participant from a paper attendance sheet: check-in and check-out
/// at once, marked as back-filled and attributed to the facilitator who typed it.
pub async fn backfill_attendance(
    app: &App,
    actor: &Actor,
    enrolment_id: &str,
    line: &SheetLine,
) -> Result<()> {
    let enrolment = load_enrolment(&app.db, enrolment_id).await?;
    let session = load_to_run(&app.db, actor, &enrolment.session_id).await?;
    if !(1..=session.day_count).contains(&line.day) {
        return Err(Error::invalid("day", "error-session-day"));
    }
    let now = now_millis();
    if let Some(reason) = session.attendance_closed(line.day, now) {
        return Err(Error::Conflict(reason));
    }
    let listed = if session.roster_submitted_at.is_some() {
        enrolment.on_roster
    } else {
        true
    };
    if !listed || enrolment.status != EnrolmentStatus::Enrolled {
        return Err(Error::Conflict("not-on-roster"));
    }
    let (checked_in, checked_out) = read_sheet_line(&session, line, now)?;
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO orientation_attendance (enrolment_id, day, checked_in_at, checked_out_at, method, backfilled, \
         recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $7)",
    )
    .bind(enrolment_id)
    .bind(line.day)
    .bind(checked_in)
    .bind(checked_out)
    .bind(CheckMethod::PaperSheet.as_str())
    .bind(actor.audit_id())
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(|error| match &error {
        sqlx::Error::Database(db_error) if db_error.is_unique_violation() => {
            Error::Conflict("already-checked-in")
        }
        _ => Error::Database(error),
    })?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationAttendanceBackfill,
            "orientation_enrolment",
            Some(enrolment_id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({
            "day": line.day,
            "checked_in_at": checked_in,
            "checked_out_at": checked_out,
            "method": CheckMethod::PaperSheet.as_str(),
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The two instants of a sheet line, each within the day's window, check-out after check-in
/// and neither in the future.
fn read_sheet_line(session: &Session, line: &SheetLine, now: Millis) -> Result<(Millis, Millis)> {
    let day_start = session.day_start(line.day);
    let window = day_start - EARLY_ARRIVAL..=(day_start + DAY_WINDOW).min(now + CLOCK_SKEW);
    let read = |typed: &str| sheet_time(session, line.day, typed).filter(|at| window.contains(at));
    let mut errors = FieldErrors::default();
    let checked_in = read(&line.checked_in);
    let checked_out = read(&line.checked_out);
    if checked_in.is_none() {
        errors.add("checked_in", "error-sheet-time");
    }
    if checked_out.is_none() {
        errors.add("checked_out", "error-sheet-time");
    }
    errors.into_result()?;
    match (checked_in, checked_out) {
        (Some(checked_in), Some(checked_out)) if checked_out > checked_in => {
            Ok((checked_in, checked_out))
        }
        _ => Err(Error::invalid(
            "checked_out",
            "error-checkout-before-checkin",
        )),
    }
}

fn check_mark(session: &Session, enrolment: &Enrolment, mark: &AttendanceMark) -> Result<()> {
    if session.roster_submitted_at.is_none() {
        return Err(Error::Conflict("roster-not-submitted"));
    }
    if !(1..=session.day_count).contains(&mark.day) {
        return Err(Error::invalid("day", "error-session-day"));
    }
    if let Some(reason) = session.attendance_closed(mark.day, now_millis()) {
        return Err(Error::Conflict(reason));
    }
    if !enrolment.on_roster || enrolment.status != EnrolmentStatus::Enrolled {
        return Err(Error::Conflict("not-on-roster"));
    }
    let day_start = session.day_start(mark.day);
    let in_window = (day_start - EARLY_ARRIVAL..=day_start + DAY_WINDOW).contains(&mark.at);
    if !in_window || mark.at > now_millis() + CLOCK_SKEW {
        return Err(Error::invalid("at", "error-attendance-time"));
    }
    Ok(())
}

/// One participant's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayAttendance {
    pub checked_in_at: Option<Millis>,
    pub checked_out_at: Option<Millis>,
    /// Typed afterwards from a paper attendance sheet.
    pub backfilled: bool,
}

impl DayAttendance {
    /// Minutes between check-in and check-out; a day without check-out counts nothing.
    pub fn minutes(&self) -> i64 {
        match (self.checked_in_at, self.checked_out_at) {
            (Some(checked_in), Some(checked_out)) if checked_out > checked_in => {
                (checked_out - checked_in) / MINUTE
            }
            _ => 0,
        }
    }
}

/// A line of the roster, as the facilitator sees it during and after the session.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterLine {
    pub enrolment: Enrolment,
    pub participant: Participant,
    /// One entry per session day.
    pub days: Vec<DayAttendance>,
    pub attended_minutes: i64,
    pub pre_taken: bool,
    pub post_taken: bool,
    pub certificate_id: Option<String>,
}

impl RosterLine {
    /// Attended share of the required time, 0–100.
    pub fn percent_of(&self, required_minutes: i64) -> i64 {
        if required_minutes <= 0 {
            return 100;
        }
        (self.attended_minutes * 100 / required_minutes).min(100)
    }
}

#[derive(Debug, Clone)]
pub struct Roster {
    pub session: Session,
    pub curriculum: CurriculumDetail,
    pub lines: Vec<RosterLine>,
}

/// The roster of a session with everyone's attendance, quizzes and certificate.
pub async fn roster(app: &App, actor: &Actor, session_id: &str) -> Result<Roster> {
    // One checkout of the pool for all the roster's queries: each checkout costs PostgreSQL a
    // round trip (the pool tests the connection before handing it out).
    let mut conn = app.db.pool.acquire().await?;
    let session = load_to_run_on(&mut conn, actor, session_id).await?;
    let curriculum = curricula::load_detail_on(&mut conn, &session.curriculum_id).await?;
    let rows = sqlx::query(
        "SELECT e.id AS enrolment_id, e.session_id, e.participant_id, e.status, e.checkin_code, e.on_roster, \
         p.id, p.office_id, p.name_sealed, p.sex, p.birth_year, p.age_group, p.nationality, p.migration_category, \
         p.user_id, \
         (SELECT COUNT(*) FROM orientation_assessments a WHERE a.enrolment_id = e.id AND a.kind = 'pre') AS pre_taken, \
         (SELECT COUNT(*) FROM orientation_assessments a WHERE a.enrolment_id = e.id AND a.kind = 'post') AS post_taken, \
         (SELECT c.id FROM orientation_certificates c WHERE c.enrolment_id = e.id) AS certificate_id \
         FROM orientation_enrolments e JOIN participants p ON p.id = e.participant_id \
         WHERE e.session_id = $1 ORDER BY e.enrolled_at, e.id",
    )
    .bind(session_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut days = attendance_of_session(&mut conn, session_id).await?;
    let lines = rows
        .iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            let on_roster: i64 = row.try_get("on_roster")?;
            let enrolment = Enrolment {
                id: row.try_get("enrolment_id")?,
                session_id: row.try_get("session_id")?,
                participant_id: row.try_get("participant_id")?,
                status: parse_stored(&status, EnrolmentStatus::parse)?,
                checkin_code: row.try_get("checkin_code")?,
                on_roster: on_roster != 0,
            };
            let mut line_days =
                vec![DayAttendance::default(); usize::try_from(session.day_count).unwrap_or(0)];
            for (day, attendance) in days.remove(&enrolment.id).unwrap_or_default() {
                if let Some(slot) = usize::try_from(day - 1)
                    .ok()
                    .and_then(|index| line_days.get_mut(index))
                {
                    *slot = attendance;
                }
            }
            let pre_taken: i64 = row.try_get("pre_taken")?;
            let post_taken: i64 = row.try_get("post_taken")?;
            Ok(RosterLine {
                participant: participants::from_row(app, row)?,
                attended_minutes: line_days.iter().map(DayAttendance::minutes).sum(),
                days: line_days,
                pre_taken: pre_taken > 0,
                post_taken: post_taken > 0,
                certificate_id: row.try_get("certificate_id")?,
                enrolment,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Roster {
        session,
        curriculum,
        lines,
    })
}

type DaysByEnrolment = BTreeMap<String, Vec<(i64, DayAttendance)>>;

async fn attendance_of_session(
    conn: &mut AnyConnection,
    session_id: &str,
) -> Result<DaysByEnrolment> {
    let rows = sqlx::query(
        "SELECT a.enrolment_id, a.day, a.checked_in_at, a.checked_out_at, a.backfilled FROM orientation_attendance a \
         JOIN orientation_enrolments e ON e.id = a.enrolment_id WHERE e.session_id = $1",
    )
    .bind(session_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_enrolment = DaysByEnrolment::new();
    for row in &rows {
        let enrolment_id: String = row.try_get("enrolment_id")?;
        let backfilled: i64 = row.try_get("backfilled")?;
        by_enrolment.entry(enrolment_id).or_default().push((
            row.try_get("day")?,
            DayAttendance {
                checked_in_at: row.try_get("checked_in_at")?,
                checked_out_at: row.try_get("checked_out_at")?,
                backfilled: backfilled != 0,
            },
        ));
    }
    Ok(by_enrolment)
}

/// Minutes attended by one enrolment over all days.
pub(crate) async fn attended_minutes(db: &Db, enrolment_id: &str) -> Result<i64> {
    let rows = sqlx::query(
        "SELECT checked_in_at, checked_out_at FROM orientation_attendance WHERE enrolment_id = $1",
    )
    .bind(enrolment_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(DayAttendance {
                checked_in_at: row.try_get("checked_in_at")?,
                checked_out_at: row.try_get("checked_out_at")?,
                backfilled: false,
            }
            .minutes())
        })
        .sum()
}

/// One of a participant's own sessions, for the migrant's page.
#[derive(Debug, Clone)]
pub struct MySession {
    pub session: Session,
    pub curriculum_title: crate::orientation::Text,
    pub enrolment: Enrolment,
    pub attended_minutes: i64,
    pub required_minutes: i64,
    pub certificate_id: Option<String>,
    /// Changes to the session the participant is told about, newest first.
    pub notices: Vec<Notice>,
}

/// The sessions of the participants linked to the actor's account.
pub async fn my_sessions(app: &App, actor: &Actor) -> Result<Vec<MySession>> {
    policy::authorize(
        actor,
        Action::AttendOrientation,
        Target::owned_by(&actor.user_id),
    )?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{ENROLMENT_COLUMNS} WHERE participant_id IN (SELECT id FROM participants WHERE user_id = $1) \
         ORDER BY enrolled_at DESC"
    )))
    .bind(&actor.user_id)
    .fetch_all(&app.db.pool)
    .await?;
    let mut sessions = Vec::with_capacity(rows.len());
    for row in &rows {
        let enrolment = enrolment_from_row(row)?;
        let session = load(&app.db, &enrolment.session_id).await?;
        let curriculum = curricula::load_detail(&app.db, &session.curriculum_id).await?;
        let certificate_id: Option<String> =
            sqlx::query_scalar("SELECT id FROM orientation_certificates WHERE enrolment_id = $1 AND revoked_at IS NULL")
                .bind(&enrolment.id)
                .fetch_optional(&app.db.pool)
                .await?;
        sessions.push(MySession {
            attended_minutes: attended_minutes(&app.db, &enrolment.id).await?,
            required_minutes: curriculum.required_minutes(),
            notices: notices_of(&app.db, &enrolment.id).await?,
            curriculum_title: curriculum.curriculum.title,
            session,
            enrolment,
            certificate_id,
        });
    }
    Ok(sessions)
}

/// Upcoming sessions a migrant may enrol in from the portal.
pub async fn open_sessions(db: &Db, actor: &Actor) -> Result<Vec<Session>> {
    policy::authorize(
        actor,
        Action::AttendOrientation,
        Target::owned_by(&actor.user_id),
    )?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SESSION_COLUMNS} WHERE starts_at > $1 AND roster_submitted_at IS NULL AND cancelled_at IS NULL ORDER BY starts_at LIMIT 50"
    )))
    .bind(now_millis())
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(session_from_row).collect()
}

/// The session of an enrolment when the actor runs it; `None` when the actor is the participant.
pub async fn enrolment_session(
    app: &App,
    actor: &Actor,
    enrolment_id: &str,
) -> Result<Option<String>> {
    let (_, session, by_participant) = load_enrolment_for(app, actor, enrolment_id).await?;
    Ok((!by_participant).then_some(session.id))
}
