//! Appointments of a case's people: embassy, biometrics, health check, DNA test, interview.
//!
//! An appointment belongs to one person of one case and sits in the calendar of the case's
//! office (a transferred case takes its appointments along). One person cannot hold two
//! appointments that overlap in time: booking and rescheduling lock the person's row and refuse a
//! clash. Rescheduling, cancelling and recording the outcome (attended, missed) carry the
//! version they saw; only a scheduled appointment changes. Every change is audited.

use sqlx::Row;

use super::{Case, load_for};
use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::{Tx, expect_one_row};
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, ListScope, Target};
use crate::time::DAY;
use crate::time::{MINUTE, Millis, local_to_millis, new_id, now_millis};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppointmentKind {
    Embassy,
    Biometrics,
    HealthCheck,
    DnaTest,
    Interview,
}

impl AppointmentKind {
    pub const ALL: [AppointmentKind; 5] = [
        AppointmentKind::Embassy,
        AppointmentKind::Biometrics,
        AppointmentKind::HealthCheck,
        AppointmentKind::DnaTest,
        AppointmentKind::Interview,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentKind::Embassy => "embassy",
            AppointmentKind::Biometrics => "biometrics",
            AppointmentKind::HealthCheck => "health_check",
            AppointmentKind::DnaTest => "dna_test",
            AppointmentKind::Interview => "interview",
        }
    }

    pub fn parse(text: &str) -> Option<AppointmentKind> {
        AppointmentKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppointmentStatus {
    Scheduled,
    Cancelled,
    Attended,
    Missed,
}

impl AppointmentStatus {
    pub const ALL: [AppointmentStatus; 4] = [
        AppointmentStatus::Scheduled,
        AppointmentStatus::Cancelled,
        AppointmentStatus::Attended,
        AppointmentStatus::Missed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Scheduled => "scheduled",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::Attended => "attended",
            AppointmentStatus::Missed => "missed",
        }
    }

    pub fn parse(text: &str) -> Option<AppointmentStatus> {
        AppointmentStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub id: String,
    pub case_id: String,
    pub case_reference: String,
    pub office_id: String,
    /// The office's time zone: the appointment's times are on its wall clock.
    pub time_zone: String,
    pub person_id: String,
    pub kind: AppointmentKind,
    pub starts_at: Millis,
    pub ends_at: Millis,
    pub location: String,
    pub status: AppointmentStatus,
    pub version: i64,
}

/// An appointment as typed. `starts_at` is `YYYY-MM-DDTHH:MM` (an HTML `datetime-local`) on the
/// wall clock of the case's office.
#[derive(Debug, Clone, Default)]
pub struct AppointmentForm {
    pub person_id: String,
    pub kind: String,
    pub starts_at: String,
    pub duration_minutes: String,
    pub location: String,
}

/// A new time for an appointment.
#[derive(Debug, Clone, Default)]
pub struct RescheduleForm {
    pub starts_at: String,
    pub duration_minutes: String,
}

const COLUMNS: &str = "a.id, a.case_id, c.reference, c.office_id, o.time_zone, a.person_id, a.kind, \
     a.starts_at, a.ends_at, a.location, a.status, a.version";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Appointment> {
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    Ok(Appointment {
        id: row.try_get("id")?,
        case_id: row.try_get("case_id")?,
        case_reference: row.try_get("reference")?,
        office_id: row.try_get("office_id")?,
        time_zone: row.try_get("time_zone")?,
        person_id: row.try_get("person_id")?,
        kind: AppointmentKind::parse(&kind)
            .ok_or_else(|| Error::Internal(format!("unknown appointment kind {kind}")))?,
        starts_at: row.try_get("starts_at")?,
        ends_at: row.try_get("ends_at")?,
        location: row.try_get("location")?,
        status: AppointmentStatus::parse(&status)
            .ok_or_else(|| Error::Internal(format!("unknown appointment status {status}")))?,
        version: row.try_get("version")?,
    })
}

/// Checks a start, typed on the wall clock of `time_zone`, and a duration (5 minutes to 12
/// hours) into `(starts_at, ends_at)`.
fn valid_time(
    starts_at: &str,
    duration: &str,
    time_zone: &str,
    errors: &mut FieldErrors,
) -> Option<(Millis, Millis)> {
    let start = local_to_millis(starts_at, time_zone);
    if start.is_none() {
        errors.add("starts_at", "error-datetime");
    }
    let minutes = duration
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|minutes| (5..=720).contains(minutes));
    if minutes.is_none() {
        errors.add("duration_minutes", "error-appointment-duration");
    }
    Some((start?, start? + minutes? * MINUTE))
}

/// Refuses an overlap with another live appointment of the same person. The no-op update locks
/// the person's row on PostgreSQL (SQLite's write transaction already serialises), so two
/// bookings for one person cannot both pass the check.
async fn refuse_clash(
    tx: &mut Tx,
    person_id: &str,
    starts_at: Millis,
    ends_at: Millis,
    except_id: &str,
) -> Result<()> {
    sqlx::query("UPDATE people SET version = version WHERE id = $1")
        .bind(person_id)
        .execute(&mut **tx)
        .await?;
    let clashes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments WHERE person_id = $1 AND status IN ('scheduled', 'attended') \
         AND starts_at < $2 AND ends_at > $3 AND id <> $4",
    )
    .bind(person_id)
    .bind(ends_at)
    .bind(starts_at)
    .bind(except_id)
    .fetch_one(&mut **tx)
    .await?;
    if clashes > 0 {
        return Err(Error::invalid("starts_at", "error-appointment-clash"));
    }
    Ok(())
}

async fn audit_appointment(
    tx: &mut Tx,
    actor: &Actor,
    case: &Case,
    action: AuditAction,
    appointment_id: &str,
    details: serde_json::Value,
) -> Result<()> {
    audit::record(
        tx,
        NewAuditEvent::new(
            actor.audit_id(),
            action,
            "appointment",
            Some(appointment_id),
        )
        .in_office(Some(&case.office_id))
        .with_details(details),
    )
    .await?;
    Ok(())
}

/// Books an appointment for a person of the case.
pub async fn book(
    app: &App,
    actor: &Actor,
    case_id: &str,
    form: &AppointmentForm,
) -> Result<Appointment> {
    let case = load_for(app, actor, case_id, Action::ContactCase).await?;
    let mut errors = FieldErrors::default();
    let kind = AppointmentKind::parse(form.kind.trim());
    if kind.is_none() {
        errors.add("kind", "error-choose-option");
    }
    let member: Option<String> = sqlx::query_scalar(
        "SELECT person_id FROM case_members WHERE case_id = $1 AND person_id = $2",
    )
    .bind(&case.id)
    .bind(form.person_id.trim())
    .fetch_optional(&app.db.pool)
    .await?;
    if member.is_none() {
        errors.add("person_id", "error-choose-option");
    }
    let time_zone = crate::offices::time_zone_of(app, &case.office_id).await?;
    let time = valid_time(
        &form.starts_at,
        &form.duration_minutes,
        &time_zone,
        &mut errors,
    );
    let location = form.location.trim();
    if location.is_empty() || location.chars().count() > 200 {
        errors.add("location", "error-required-short-text");
    }
    errors.into_result()?;
    let (Some(kind), Some(person_id), Some((starts_at, ends_at))) = (kind, member, time) else {
        return Err(Error::invalid("kind", "error-choose-option"));
    };
    let id = new_id();
    let now = now_millis();
    let mut tx = app.db.begin().await?;
    refuse_clash(&mut tx, &person_id, starts_at, ends_at, &id).await?;
    sqlx::query(
        "INSERT INTO appointments (id, case_id, person_id, kind, starts_at, ends_at, location, status, created_by, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'scheduled', $8, $9, $9)",
    )
    .bind(&id)
    .bind(&case.id)
    .bind(&person_id)
    .bind(kind.as_str())
    .bind(starts_at)
    .bind(ends_at)
    .bind(location)
    .bind(actor.audit_id())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit_appointment(
        &mut tx,
        actor,
        &case,
        AuditAction::AppointmentBook,
        &id,
        serde_json::json!({ "case": case.id, "kind": kind.as_str(), "starts_at": starts_at }),
    )
    .await?;
    tx.commit().await?;
    get(app, &id).await
}

async fn get(app: &App, appointment_id: &str) -> Result<Appointment> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM appointments a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id WHERE a.id = $1"
    )))
    .bind(appointment_id)
    .fetch_optional(&app.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    from_row(&row)
}

/// Loads an appointment whose case the actor may work on.
async fn load_appointment(
    app: &App,
    actor: &Actor,
    appointment_id: &str,
) -> Result<(Case, Appointment)> {
    let appointment = get(app, appointment_id).await?;
    let case = load_for(app, actor, &appointment.case_id, Action::ContactCase).await?;
    Ok((case, appointment))
}

/// Moves a scheduled appointment to another time.
pub async fn reschedule(
    app: &App,
    actor: &Actor,
    appointment_id: &str,
    expected_version: i64,
    form: &RescheduleForm,
) -> Result<Appointment> {
    let (case, appointment) = load_appointment(app, actor, appointment_id).await?;
    let mut errors = FieldErrors::default();
    let time = valid_time(
        &form.starts_at,
        &form.duration_minutes,
        &appointment.time_zone,
        &mut errors,
    );
    errors.into_result()?;
    let Some((starts_at, ends_at)) = time else {
        return Err(Error::invalid("starts_at", "error-datetime"));
    };
    if appointment.status != AppointmentStatus::Scheduled {
        return Err(Error::Conflict("appointment-not-scheduled"));
    }
    let mut tx = app.db.begin().await?;
    refuse_clash(
        &mut tx,
        &appointment.person_id,
        starts_at,
        ends_at,
        &appointment.id,
    )
    .await?;
    let result = sqlx::query(
        "UPDATE appointments SET starts_at = $1, ends_at = $2, updated_at = $3, version = version + 1 \
         WHERE id = $4 AND version = $5 AND status = 'scheduled'",
    )
    .bind(starts_at)
    .bind(ends_at)
    .bind(now_millis())
    .bind(&appointment.id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    audit_appointment(
        &mut tx,
        actor,
        &case,
        AuditAction::AppointmentReschedule,
        &appointment.id,
        serde_json::json!({ "from": appointment.starts_at, "to": starts_at }),
    )
    .await?;
    tx.commit().await?;
    get(app, appointment_id).await
}

/// Cancels a scheduled appointment, or records that it was attended or missed.
pub async fn set_status(
    app: &App,
    actor: &Actor,
    appointment_id: &str,
    expected_version: i64,
    status: &str,
) -> Result<Appointment> {
    let (case, appointment) = load_appointment(app, actor, appointment_id).await?;
    let status = AppointmentStatus::parse(status.trim())
        .filter(|status| *status != AppointmentStatus::Scheduled)
        .ok_or_else(|| Error::invalid("status", "error-choose-option"))?;
    if appointment.status != AppointmentStatus::Scheduled {
        return Err(Error::Conflict("appointment-not-scheduled"));
    }
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE appointments SET status = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4 AND status = 'scheduled'",
    )
    .bind(status.as_str())
    .bind(now_millis())
    .bind(&appointment.id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    expect_one_row(result)?;
    audit_appointment(
        &mut tx,
        actor,
        &case,
        AuditAction::AppointmentStatus,
        &appointment.id,
        serde_json::json!({ "status": status.as_str() }),
    )
    .await?;
    tx.commit().await?;
    get(app, appointment_id).await
}

/// Every appointment of a case, in time order.
pub async fn for_case(app: &App, actor: &Actor, case_id: &str) -> Result<Vec<Appointment>> {
    let case = load_for(app, actor, case_id, Action::ViewCases).await?;
    of_case(app, &case.id).await
}

/// A case's appointments, without a policy check: callers ask first.
pub(crate) async fn of_case(app: &App, case_id: &str) -> Result<Vec<Appointment>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM appointments a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id \
         WHERE a.case_id = $1 ORDER BY a.starts_at, a.id"
    )))
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// An office's calendar: the appointments of its cases that start in `[from, from + days)`.
pub async fn office_calendar(
    app: &App,
    actor: &Actor,
    office_id: &str,
    from: Millis,
    days: i64,
) -> Result<Vec<Appointment>> {
    let offices = [office_id.to_owned()];
    policy::authorize(actor, Action::ViewCases, Target::in_offices(&offices))?;
    let days = days.clamp(1, 31);
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM appointments a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id \
         WHERE c.office_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 ORDER BY a.starts_at, a.id"
    )))
    .bind(office_id)
    .bind(from)
    .bind(from + days * DAY)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Reminders: scheduled appointments in the next `days` of the cases assigned to the actor.
/// Empty for someone who holds no case work.
pub async fn upcoming_for(app: &App, actor: &Actor, days: i64) -> Result<Vec<Appointment>> {
    let scope_user = match policy::list_scope(actor, Action::ViewCases) {
        Ok(ListScope::OfficesOf(user_id)) => Some(user_id),
        Ok(ListScope::Everything) => None,
        Ok(ListScope::OwnedBy(_)) | Err(_) => return Ok(Vec::new()),
    };
    let now = now_millis();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM appointments a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id \
         WHERE c.assigned_to = $1 AND a.status = 'scheduled' AND a.starts_at >= $2 AND a.starts_at < $3 \
           AND ($4 IS NULL OR c.office_id IN (SELECT office_id FROM user_offices WHERE user_id = $4)) \
         ORDER BY a.starts_at, a.id LIMIT 100"
    )))
    .bind(&actor.user_id)
    .bind(now)
    .bind(now + days.clamp(1, 31) * DAY)
    .bind(scope_user)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}
