//! Offices: field offices, consulates and headquarters, each in one country.

use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::{Db, expect_one_row};
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, Target};
use crate::time::{new_id, now_millis};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeKind {
    FieldOffice,
    Consulate,
    Headquarters,
}

impl OfficeKind {
    pub const ALL: [OfficeKind; 3] = [
        OfficeKind::FieldOffice,
        OfficeKind::Consulate,
        OfficeKind::Headquarters,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OfficeKind::FieldOffice => "field_office",
            OfficeKind::Consulate => "consulate",
            OfficeKind::Headquarters => "headquarters",
        }
    }

    pub fn parse(text: &str) -> Option<OfficeKind> {
        OfficeKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    pub id: String,
    /// Short code used in case references, e.g. `JO-AMM`.
    pub code: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub kind: OfficeKind,
    /// IANA time zone of the office's wall clock, e.g. `Europe/Istanbul`.
    pub time_zone: String,
    pub version: i64,
}

const OFFICE_COLUMNS: &str = "id, code, name, country, kind, time_zone, version";

impl Office {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Office> {
        let kind: String = row.try_get("kind")?;
        Ok(Office {
            id: row.try_get("id")?,
            code: row.try_get("code")?,
            name: row.try_get("name")?,
            country: row.try_get("country")?,
            kind: OfficeKind::parse(&kind)
                .ok_or_else(|| Error::Internal(format!("bad office kind {kind}")))?,
            time_zone: row.try_get("time_zone")?,
            version: row.try_get("version")?,
        })
    }
}

/// An office as submitted by a form or request, before validation.
#[derive(Debug, Clone, Default)]
pub struct OfficeForm {
    pub code: String,
    pub name: String,
    pub country: String,
    pub kind: String,
    /// IANA name; empty means UTC.
    pub time_zone: String,
}

struct ValidOffice {
    code: String,
    name: String,
    country: String,
    kind: OfficeKind,
    time_zone: String,
}

impl OfficeForm {
    fn validate(&self) -> Result<ValidOffice> {
        let mut errors = FieldErrors::default();
        let code = self.code.trim().to_ascii_uppercase();
        let code_ok = (2..=12).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if !code_ok {
            errors.add("code", "error-office-code");
        }
        let name = self.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            errors.add("name", "error-required-short-text");
        }
        let country = self.country.trim().to_ascii_uppercase();
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
            errors.add("country", "error-country-code");
        }
        let kind = OfficeKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "error-choose-option");
        }
        let time_zone = match self.time_zone.trim() {
            "" => "UTC".to_owned(),
            named => named.to_owned(),
        };
        if crate::time::zone(&time_zone).is_none() {
            errors.add("time_zone", "error-time-zone");
        }
        errors.into_result()?;
        Ok(ValidOffice {
            code,
            name,
            country,
            kind: kind.ok_or(Error::Internal("unreachable".into()))?,
            time_zone,
        })
    }
}

/// The offices a person can apply at through the portal (not headquarters). Office names are
/// public, so this needs no signed-in actor.
pub async fn open_to_applicants(db: &Db) -> Result<Vec<Office>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {OFFICE_COLUMNS} FROM offices WHERE kind <> 'headquarters' ORDER BY name"
    )))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(Office::from_row).collect()
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<Office>> {
    policy::authorize(actor, Action::ViewOffices, Target::system())?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {OFFICE_COLUMNS} FROM offices ORDER BY code"
    )))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(Office::from_row).collect()
}

pub async fn get(db: &Db, actor: &Actor, id: &str) -> Result<Office> {
    policy::authorize(actor, Action::ViewOffices, Target::system())?;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {OFFICE_COLUMNS} FROM offices WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    Office::from_row(&row)
}

pub async fn find_by_code(db: &Db, code: &str) -> Result<Option<Office>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {OFFICE_COLUMNS} FROM offices WHERE code = $1"
    )))
    .bind(code.to_ascii_uppercase())
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(Office::from_row).transpose()
}

/// The time zone of an office's wall clock.
pub(crate) async fn time_zone_of(app: &App, office_id: &str) -> Result<String> {
    sqlx::query_scalar("SELECT time_zone FROM offices WHERE id = $1")
        .bind(office_id)
        .fetch_optional(&app.db.pool)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn create(app: &App, actor: &Actor, form: &OfficeForm) -> Result<Office> {
    policy::authorize(actor, Action::ManageOffices, Target::system())?;
    let office = form.validate()?;
    let mut tx = app.db.begin().await?;
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offices WHERE code = $1")
        .bind(&office.code)
        .fetch_one(&mut *tx)
        .await?;
    if taken > 0 {
        return Err(Error::invalid("code", "error-office-code-taken"));
    }
    let id = new_id();
    sqlx::query("INSERT INTO offices (id, code, name, country, kind, time_zone, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&id)
        .bind(&office.code)
        .bind(&office.name)
        .bind(&office.country)
        .bind(office.kind.as_str())
        .bind(&office.time_zone)
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OfficeCreate,
            "office",
            Some(&id),
        )
        .in_office(Some(&id))
        .with_details(serde_json::json!({ "code": office.code, "country": office.country })),
    )
    .await?;
    tx.commit().await?;
    Ok(Office {
        id,
        code: office.code,
        name: office.name,
        country: office.country,
        kind: office.kind,
        time_zone: office.time_zone,
        version: 1,
    })
}

/// Changes an office, refusing with a conflict when it changed since `expected_version` was read.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: &str,
    expected_version: i64,
    form: &OfficeForm,
) -> Result<Office> {
    policy::authorize(actor, Action::ManageOffices, Target::system())?;
    let office = form.validate()?;
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE offices SET code = $1, name = $2, country = $3, kind = $4, time_zone = $5, \
         version = version + 1 WHERE id = $6 AND version = $7",
    )
    .bind(&office.code)
    .bind(&office.name)
    .bind(&office.country)
    .bind(office.kind.as_str())
    .bind(&office.time_zone)
    .bind(id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await
    .map_err(unique_code_violation)?;
    expect_one_row(result)?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OfficeUpdate,
            "office",
            Some(id),
        )
        .in_office(Some(id))
        .with_details(serde_json::json!({ "code": office.code, "version": expected_version + 1 })),
    )
    .await?;
    tx.commit().await?;
    Ok(Office {
        id: id.to_owned(),
        code: office.code,
        name: office.name,
        country: office.country,
        kind: office.kind,
        time_zone: office.time_zone,
        version: expected_version + 1,
    })
}

fn unique_code_violation(error: sqlx::Error) -> Error {
    match &error {
        sqlx::Error::Database(db_error) if db_error.is_unique_violation() => {
            Error::invalid("code", "error-office-code-taken")
        }
        _ => Error::Database(error),
    }
}
