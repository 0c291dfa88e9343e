//! People who take part in orientation: the name is sealed; sex, age group, nationality and
//! migration category are kept in the clear for disaggregated reports. Case management, when it
//! comes, can point its people at these rows (or replace `name_sealed` with a person reference).

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::crypto::FieldContext;
use crate::db::Tx;
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, Target};
use crate::time::{new_id, now_millis};

pub use crate::reports::disclosure::age_group;

pub const SEXES: [&str; 4] = ["female", "male", "other", "unknown"];
pub const MIGRATION_CATEGORIES: [&str; 6] = [
    "labour",
    "domestic_worker",
    "family",
    "refugee",
    "student",
    "other",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub id: String,
    pub office_id: String,
    pub name: String,
    pub sex: String,
    pub birth_year: Option<i64>,
    pub age_group: String,
    pub nationality: String,
    pub migration_category: String,
    pub user_id: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ParticipantForm {
    pub office_id: String,
    pub name: String,
    pub sex: String,
    /// Four digits, or empty when unknown.
    pub birth_year: String,
    /// ISO 3166-1 alpha-2.
    pub nationality: String,
    pub migration_category: String,
    /// The migrant's own account, when they have one.
    pub user_id: Option<String>,
}

fn current_year() -> i64 {
    crate::orientation::civil_date(now_millis())
        .get(..4)
        .and_then(|year| year.parse().ok())
        .unwrap_or(2026)
}

pub(crate) const NAME_FIELD: (&str, &str) = ("participants", "name_sealed");

fn name_context(id: &str) -> FieldContext<'_> {
    FieldContext {
        table: NAME_FIELD.0,
        column: NAME_FIELD.1,
        row_id: id,
    }
}

pub async fn create(app: &App, actor: &Actor, form: &ParticipantForm) -> Result<Participant> {
    policy::authorize(
        actor,
        Action::RunOrientation,
        Target::in_offices(std::slice::from_ref(&form.office_id)),
    )?;
    let mut errors = FieldErrors::default();
    let name = form.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        errors.add("name", "error-required-short-text");
    }
    if !SEXES.contains(&form.sex.as_str()) {
        errors.add("sex", "error-choose-option");
    }
    let year = current_year();
    let birth_year = match form.birth_year.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(value) if (year - 120..=year).contains(&value) => Some(value),
            _ => {
                errors.add("birth_year", "error-birth-year");
                None
            }
        },
    };
    let nationality = form.nationality.trim().to_ascii_uppercase();
    if nationality.len() != 2 || !nationality.chars().all(|c| c.is_ascii_uppercase()) {
        errors.add("nationality", "error-country-code");
    }
    if !MIGRATION_CATEGORIES.contains(&form.migration_category.as_str()) {
        errors.add("migration_category", "error-choose-option");
    }
    errors.into_result()?;
    let participant = NewParticipant {
        office_id: &form.office_id,
        name: &name,
        sex: &form.sex,
        birth_year,
        nationality: &nationality,
        migration_category: &form.migration_category,
        user_id: form.user_id.as_deref(),
        person_id: None,
    };
    let mut tx = app.db.begin().await?;
    let id = insert(app, &mut tx, actor, &participant).await?;
    tx.commit().await?;
    Ok(Participant {
        id,
        office_id: form.office_id.clone(),
        name,
        sex: form.sex.clone(),
        birth_year,
        age_group: age_group(birth_year, year).to_owned(),
        nationality,
        migration_category: form.migration_category.clone(),
        user_id: form.user_id.clone(),
    })
}

/// A validated participant, ready to be stored.
pub(crate) struct NewParticipant<'a> {
    pub office_id: &'a str,
    pub name: &'a str,
    pub sex: &'a str,
    pub birth_year: Option<i64>,
    pub nationality: &'a str,
    pub migration_category: &'a str,
    pub user_id: Option<&'a str>,
    /// The case person this participant is, when enrolled from a case.
    pub person_id: Option<&'a str>,
}

/// Stores a participant and its audit event in the caller's transaction; returns the new id.
pub(crate) async fn insert(
    app: &App,
    tx: &mut Tx,
    actor: &Actor,
    participant: &NewParticipant<'_>,
) -> Result<String> {
    let id = new_id();
    let sealed = app.keyring.seal_text(name_context(&id), participant.name)?;
    sqlx::query(
        "INSERT INTO participants (id, office_id, name_sealed, sex, birth_year, age_group, nationality, \
         migration_category, user_id, person_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(participant.office_id)
    .bind(sealed)
    .bind(participant.sex)
    .bind(participant.birth_year)
    .bind(age_group(participant.birth_year, current_year()))
    .bind(participant.nationality)
    .bind(participant.migration_category)
    .bind(participant.user_id)
    .bind(participant.person_id)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationParticipantCreate,
            "participant",
            Some(&id),
        )
        .in_office(Some(participant.office_id))
        .with_details(serde_json::json!({ "person": participant.person_id })),
    )
    .await?;
    Ok(id)
}

pub(crate) const PARTICIPANT_COLUMNS: &str = "SELECT id, office_id, name_sealed, sex, birth_year, age_group, \
     nationality, migration_category, user_id FROM participants";

pub(crate) fn from_row(app: &App, row: &sqlx::any::AnyRow) -> Result<Participant> {
    let id: String = row.try_get("id")?;
    let sealed: Vec<u8> = row.try_get("name_sealed")?;
    // Erasure leaves an empty name (privacy::erasure).
    let name = if sealed.is_empty() {
        String::new()
    } else {
        app.keyring
            .open_text(name_context(&id), &sealed)?
            .to_string()
    };
    Ok(Participant {
        name,
        office_id: row.try_get("office_id")?,
        sex: row.try_get("sex")?,
        birth_year: row.try_get("birth_year")?,
        age_group: row.try_get("age_group")?,
        nationality: row.try_get("nationality")?,
        migration_category: row.try_get("migration_category")?,
        user_id: row.try_get("user_id")?,
        id,
    })
}

pub(crate) async fn load(app: &App, id: &str) -> Result<Participant> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{PARTICIPANT_COLUMNS} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&app.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    from_row(app, &row)
}

pub async fn get(app: &App, actor: &Actor, id: &str) -> Result<Participant> {
    let participant = load(app, id).await?;
    let own = participant.user_id.as_deref() == Some(actor.user_id.as_str());
    let allowed =
        (own && policy::is_allowed(
            actor,
            Action::AttendOrientation,
            Target::owned_by(&actor.user_id),
        )) || policy::is_allowed(
            actor,
            Action::RunOrientation,
            Target::in_offices(std::slice::from_ref(&participant.office_id)),
        );
    if allowed {
        Ok(participant)
    } else {
        Err(Error::NotFound)
    }
}

/// The participant records linked to a user account (a migrant's own).
pub async fn of_user(app: &App, user_id: &str) -> Result<Vec<Participant>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{PARTICIPANT_COLUMNS} WHERE user_id = $1 ORDER BY created_at"
    )))
    .bind(user_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(|row| from_row(app, row)).collect()
}

/// Participants of an office, for the facilitator's enrolment form.
pub async fn list_in_office(app: &App, actor: &Actor, office_id: &str) -> Result<Vec<Participant>> {
    policy::authorize(
        actor,
        Action::RunOrientation,
        Target::in_offices(&[office_id.to_owned()]),
    )?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{PARTICIPANT_COLUMNS} WHERE office_id = $1 ORDER BY created_at"
    )))
    .bind(office_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(|row| from_row(app, row)).collect()
}
