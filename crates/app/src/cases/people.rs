//! People: applicants, sponsors and family members, with search-before-create.
//!
//! Names and the full date of birth are sealed; the name is also kept as a blind index of its
//! ICAO 9303 rendering (the documents crate's transliteration), so that "Müller", "Mueller" and
//! "MUELLER" written on different documents find the same person without the name being stored
//! in clear. The birth year stays in clear for age-group reporting.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::App;
use crate::crypto::FieldContext;
use crate::db::Tx;
use crate::error::{Error, FieldErrors, Result};
use crate::time::{new_id, now_millis};

/// A name as written, in any script.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonNames {
    pub surname: String,
    pub given_names: String,
}

impl PersonNames {
    /// Whether the names were erased (`privacy::erasure` empties them; nobody is recorded
    /// without a surname otherwise).
    pub fn is_erased(&self) -> bool {
        self.surname.is_empty() && self.given_names.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub office_id: String,
    pub names: PersonNames,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: partly unknown dates of birth are common.
    pub birth_date: Option<String>,
    /// `F`, `M`, `X` or `U` (unknown).
    pub sex: String,
    /// ICAO nationality code (ISO 3166-1 alpha-3 and the ICAO additions).
    pub nationality: Option<String>,
    pub version: i64,
}

/// A person as typed into a form, before validation.
#[derive(Debug, Clone, Default)]
pub struct PersonForm {
    pub surname: String,
    pub given_names: String,
    pub birth_date: String,
    pub sex: String,
    pub nationality: String,
}

pub(crate) struct ValidPerson {
    names: PersonNames,
    birth_date: Option<String>,
    birth_year: Option<i64>,
    sex: String,
    nationality: Option<String>,
}

/// Checks a possibly partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date.
fn valid_partial_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Option<Vec<i16>> = parts.iter().map(|part| part.parse().ok()).collect();
    let (Some(numbers), true) = (numbers, parts.first().is_some_and(|year| year.len() == 4)) else {
        return false;
    };
    match numbers.as_slice() {
        [year] => (1900..=2100).contains(year),
        [year, month] => (1900..=2100).contains(year) && (1..=12).contains(month),
        [year, month, day] => {
            rules::Date::new(*year, *month as i8, *day as i8).is_ok()
                && (1900..=2100).contains(year)
        }
        _ => false,
    }
}

impl PersonForm {
    pub(crate) fn validate(&self, prefix: &str, errors: &mut FieldErrors) -> Option<ValidPerson> {
        let field = |name: &str| format!("{prefix}{name}");
        let surname = self.surname.trim().to_owned();
        let given_names = self.given_names.trim().to_owned();
        if surname.is_empty() || surname.chars().count() > 200 {
            errors.add(&field("surname"), "error-required-short-text");
        }
        if given_names.chars().count() > 200 {
            errors.add(&field("given_names"), "error-required-short-text");
        }
        let birth_date = Some(self.birth_date.trim().to_owned()).filter(|date| !date.is_empty());
        if birth_date
            .as_deref()
            .is_some_and(|date| !valid_partial_date(date))
        {
            errors.add(&field("birth_date"), "error-partial-date");
        }
        let sex = match self.sex.trim() {
            "" => "U".to_owned(),
            other => other.to_ascii_uppercase(),
        };
        if !["F", "M", "X", "U"].contains(&sex.as_str()) {
            errors.add(&field("sex"), "error-choose-option");
        }
        let nationality =
            Some(self.nationality.trim().to_ascii_uppercase()).filter(|code| !code.is_empty());
        if nationality
            .as_deref()
            .is_some_and(|code| code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()))
        {
            errors.add(&field("nationality"), "error-nationality-code");
        }
        let birth_year = birth_date
            .as_deref()
            .and_then(|date| date.get(..4))
            .and_then(|year| year.parse().ok());
        Some(ValidPerson {
            names: PersonNames {
                surname,
                given_names,
            },
            birth_date,
            birth_year,
            sex,
            nationality,
        })
    }
}

/// The blind-index key of a surname alone, for finding people by the name they give.
pub fn surname_key(app: &App, surname: &str) -> String {
    app.keyring.blind_index(
        "person-surname",
        &documents::names::preferred_rendering(surname),
    )
}

/// The blind-index key of a name: its preferred ICAO rendering, surname first.
pub fn name_key(app: &App, names: &PersonNames) -> String {
    let rendering = format!(
        "{}<<{}",
        documents::names::preferred_rendering(&names.surname),
        documents::names::preferred_rendering(&names.given_names)
    );
    app.keyring.blind_index("person-name", &rendering)
}

fn names_context(id: &str) -> FieldContext<'_> {
    FieldContext {
        table: "people",
        column: "names",
        row_id: id,
    }
}

fn birth_date_context(id: &str) -> FieldContext<'_> {
    FieldContext {
        table: "people",
        column: "birth_date",
        row_id: id,
    }
}

pub(crate) async fn insert(
    app: &App,
    tx: &mut Tx,
    office_id: &str,
    person: ValidPerson,
) -> Result<String> {
    let id = new_id();
    let names = serde_json::to_string(&person.names).map_err(Error::internal)?;
    let sealed_names = app.keyring.seal_text(names_context(&id), &names)?;
    let sealed_birth_date = person
        .birth_date
        .as_deref()
        .map(|date| app.keyring.seal_text(birth_date_context(&id), date))
        .transpose()?;
    sqlx::query(
        "INSERT INTO people \
         (id, office_id, names, name_key, surname_key, birth_date, birth_year, sex, nationality, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(office_id)
    .bind(sealed_names)
    .bind(name_key(app, &person.names))
    .bind(surname_key(app, &person.names.surname))
    .bind(sealed_birth_date)
    .bind(person.birth_year)
    .bind(&person.sex)
    .bind(&person.nationality)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// A person's sealed names. Erasure leaves them empty (`privacy::erasure`): such a person
/// reads as having no name, wherever the names are read.
pub(crate) fn open_names(app: &App, person_id: &str, sealed: &[u8]) -> Result<PersonNames> {
    if sealed.is_empty() {
        return Ok(PersonNames::default());
    }
    let json = app.keyring.open_text(names_context(person_id), sealed)?;
    serde_json::from_str(&json).map_err(Error::internal)
}

pub(crate) fn from_row(app: &App, row: &sqlx::any::AnyRow) -> Result<Person> {
    let id: String = row.try_get("id")?;
    let sealed_names: Vec<u8> = row.try_get("names")?;
    let names = open_names(app, &id, &sealed_names)?;
    let sealed_birth_date: Option<Vec<u8>> = row.try_get("birth_date")?;
    let birth_date = sealed_birth_date
        .map(|sealed| {
            app.keyring
                .open_text(birth_date_context(&id), &sealed)
                .map(|date| date.to_string())
        })
        .transpose()?;
    Ok(Person {
        office_id: row.try_get("office_id")?,
        names,
        birth_date,
        sex: row.try_get("sex")?,
        nationality: row.try_get("nationality")?,
        version: row.try_get("version")?,
        id,
    })
}

pub(crate) const PERSON_COLUMNS: &str =
    "p.id, p.office_id, p.names, p.birth_date, p.sex, p.nationality, p.version";
