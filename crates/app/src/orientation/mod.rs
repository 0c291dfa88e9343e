//! Orientation programmes: curricula and their modules (with country localisations), sessions,
//! enrolment with a waitlist, attendance as evidence, pre/post assessments, the knowledge-gain
//! report, and Ed25519-signed certificates that can be verified without the database.
//!
//! The submodules own one part each; all of them follow the house rule: ask [`crate::policy`]
//! first, work in one transaction, write the audit event in that transaction.

pub mod assessments;
pub mod certificates;
pub mod content;
pub mod curricula;
pub mod families;
pub mod markdown;
pub mod participants;
pub mod requirements;
pub mod seed;
pub mod sessions;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::time::DAY;

/// Text in several languages, keyed by language tag (`en`, `ar`, ...).
pub type Text = BTreeMap<String, String>;

/// The text in `lang`, else English, else any language, else the empty string.
pub fn pick<'a>(text: &'a Text, lang: &str) -> &'a str {
    text.get(lang)
        .or_else(|| text.get("en"))
        .or_else(|| text.values().next())
        .map(String::as_str)
        .unwrap_or_default()
}

/// The language `pick` takes the text in: `lang` when the text has it, else the one it falls
/// back to (for a page to mark with `lang="…"`).
pub fn picked_language<'a>(text: &'a Text, lang: &'a str) -> &'a str {
    if text.contains_key(lang) {
        lang
    } else if text.contains_key("en") {
        "en"
    } else {
        text.keys().next().map(String::as_str).unwrap_or(lang)
    }
}

/// When in a migration an orientation takes place (CIOP's stages, plus return).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Pre-employment orientation.
    Peo,
    /// Pre-departure orientation.
    Pdo,
    /// Post-arrival orientation.
    Pao,
    /// Before and after return.
    Return,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::Peo, Stage::Pdo, Stage::Pao, Stage::Return];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Peo => "peo",
            Stage::Pdo => "pdo",
            Stage::Pao => "pao",
            Stage::Return => "return",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| stage.as_str() == text)
    }
}

/// A stored text column that must hold one of a closed set of values.
pub(crate) fn parse_stored<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    parse(text).ok_or_else(|| Error::Internal(format!("unexpected stored value {text:?}")))
}

/// The calendar day `YYYY-MM-DD` of an instant (UTC), for certificates and forms.
pub fn civil_date(millis: i64) -> String {
    let (year, month, day) = civil_from_days(millis.div_euclid(DAY));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Parses `YYYY-MM-DDTHH:MM` (an HTML `datetime-local` value, read as UTC) into unix millis.
/// A reason typed by a person (cancelling a session, revoking a certificate): required, at
/// most 500 characters, trimmed.
pub(crate) fn short_reason(reason: &str) -> crate::error::Result<&str> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(crate::error::Error::invalid(
            "reason",
            "error-required-short-text",
        ));
    }
    Ok(reason)
}

pub fn parse_datetime_local(text: &str) -> Option<i64> {
    let (date, time) = text.trim().split_once('T')?;
    let mut date_parts = date.splitn(3, '-').map(str::parse::<i64>);
    let (year, month, day) = (
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
    );
    let mut time_parts = time.splitn(3, ':').map(str::parse::<i64>);
    let (hour, minute) = (time_parts.next()?.ok()?, time_parts.next()?.ok()?);
    let valid = (1970..=9999).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && (0..24).contains(&hour)
        && (0..60).contains(&minute);
    valid.then(|| {
        days_from_civil(year, month, day) * DAY
            + hour * crate::time::HOUR
            + minute * crate::time::MINUTE
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_local_values_round_trip_through_civil_dates() {
        let millis = parse_datetime_local("2026-11-27T09:30").unwrap_or_default();
        assert_eq!(millis, 1_795_771_800_000);
        assert_eq!(civil_date(millis), "2026-11-27");
        assert_eq!(
            civil_date(parse_datetime_local("2024-02-29T00:00").unwrap_or_default()),
            "2024-02-29"
        );
        assert_eq!(parse_datetime_local("2023-02-29T00:00"), None);
        assert_eq!(parse_datetime_local("2026-11-27 09:30"), None);
        assert_eq!(parse_datetime_local("2026-11-27T24:00"), None);
    }

    #[test]
    fn text_falls_back_to_english() {
        let text: Text = [
            ("en".to_owned(), "Hello".to_owned()),
            ("ar".to_owned(), "مرحبا".to_owned()),
        ]
        .into_iter()
        .collect();
        assert_eq!(pick(&text, "ar"), "مرحبا");
        assert_eq!(pick(&text, "fr"), "Hello");
        assert_eq!(picked_language(&text, "ar"), "ar");
        assert_eq!(picked_language(&text, "fr"), "en");
        assert_eq!(pick(&Text::new(), "fr"), "");
    }
}
