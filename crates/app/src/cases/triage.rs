//! Vulnerability triage: specific-needs codes suggest a priority with its reasons; a supervisor
//! confirms it before the queue moves the case (a person, not a score, decides).
//!
//! The codes and which priority each suggests are data (`content/triage/specific_needs.json`,
//! versioned); the assessment records the version it used.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::db::Db;
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, Target};
use crate::time::Millis;

/// The longest service level an office may set, in days.
pub const MAX_SLA_DAYS: i64 = 730;

/// How long a case of `priority` may take in `office_id`: the office's own figure where it set
/// one, otherwise the specific-needs list's default.
pub async fn sla_in_office(db: &Db, office_id: &str, priority: Priority) -> Result<Millis> {
    let days: Option<i64> = sqlx::query_scalar(
        "SELECT days FROM office_sla_days WHERE office_id = $1 AND priority = $2",
    )
    .bind(office_id)
    .bind(priority.as_str())
    .fetch_optional(&db.pool)
    .await?;
    match days {
        Some(days) => Ok(days * 24 * 60 * 60 * 1000),
        None => Ok(need_codes()?.sla(priority)),
    }
}

/// Sets an office's service level for one priority (administrators; audited).
pub async fn set_office_sla(
    app: &App,
    actor: &Actor,
    office_id: &str,
    priority: &str,
    days: i64,
) -> Result<()> {
    policy::authorize(actor, Action::ManageOffices, Target::system())?;
    let mut errors = FieldErrors::default();
    let priority = Priority::parse(priority);
    if priority.is_none() {
        errors.add("priority", "error-choose-option");
    }
    if !(1..=MAX_SLA_DAYS).contains(&days) {
        errors.add("days", "error-sla-days");
    }
    errors.into_result()?;
    let priority = priority.ok_or(Error::NotFound)?;
    crate::offices::get(&app.db, actor, office_id).await?;
    let mut tx = app.db.begin().await?;
    sqlx::query("DELETE FROM office_sla_days WHERE office_id = $1 AND priority = $2")
        .bind(office_id)
        .bind(priority.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO office_sla_days (office_id, priority, days) VALUES ($1, $2, $3)")
        .bind(office_id)
        .bind(priority.as_str())
        .bind(days)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OfficeSetSla,
            "office",
            Some(office_id),
        )
        .in_office(Some(office_id))
        .with_details(serde_json::json!({ "priority": priority.as_str(), "days": days })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How soon a case must move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Emergency,
    Urgent,
    Normal,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Emergency, Priority::Urgent, Priority::Normal];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Emergency => "emergency",
            Priority::Urgent => "urgent",
            Priority::Normal => "normal",
        }
    }

    pub fn parse(text: &str) -> Option<Priority> {
        Priority::ALL
            .into_iter()
            .find(|priority| priority.as_str() == text)
    }

    /// Sort key of the queue: most pressing first.
    pub fn rank(self) -> i64 {
        match self {
            Priority::Emergency => 0,
            Priority::Urgent => 1,
            Priority::Normal => 2,
        }
    }
}

/// One specific-needs code.
#[derive(Debug, Clone, Deserialize)]
pub struct NeedCode {
    pub code: String,
    pub category: String,
    pub suggests: Priority,
    /// Label per language code.
    pub label: BTreeMap<String, String>,
}

impl NeedCode {
    pub fn label(&self, language: &str) -> &str {
        self.label
            .get(language)
            .or_else(|| self.label.get("en"))
            .map_or(self.code.as_str(), String::as_str)
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
struct PriorityRule {
    sla_days: i64,
}

/// The code list in force.
#[derive(Debug, Deserialize)]
pub struct NeedCodes {
    pub version: String,
    pub source: String,
    priorities: BTreeMap<Priority, PriorityRule>,
    pub codes: Vec<NeedCode>,
}

impl NeedCodes {
    pub fn code(&self, code: &str) -> Option<&NeedCode> {
        self.codes.iter().find(|need| need.code == code)
    }

    /// How long a case of this priority may take from opening, in milliseconds.
    pub fn sla(&self, priority: Priority) -> Millis {
        let days = self
            .priorities
            .get(&priority)
            .map_or(365, |rule| rule.sla_days);
        days * 24 * 60 * 60 * 1000
    }

    /// The most pressing priority any of `codes` suggests, with the codes that suggest it.
    pub fn suggest<'a>(&'a self, codes: &[String]) -> Result<(Priority, Vec<&'a NeedCode>)> {
        let mut needs = Vec::new();
        for code in codes {
            needs.push(
                self.code(code)
                    .ok_or_else(|| Error::invalid("codes", "error-need-code"))?,
            );
        }
        let priority = needs
            .iter()
            .map(|need| need.suggests)
            .min()
            .unwrap_or(Priority::Normal);
        let reasons = needs
            .into_iter()
            .filter(|need| need.suggests == priority)
            .collect();
        Ok((priority, reasons))
    }
}

static CODES: OnceLock<std::result::Result<NeedCodes, String>> = OnceLock::new();

/// The code list shipped with this version.
pub fn need_codes() -> Result<&'static NeedCodes> {
    CODES
        .get_or_init(|| {
            serde_json::from_str(include_str!(
                "../../../../content/triage/specific_needs.json"
            ))
            .map_err(|error| error.to_string())
        })
        .as_ref()
        .map_err(|error| Error::Internal(format!("specific-needs codes: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_pressing_code_decides_and_is_named_as_the_reason() {
        let codes = need_codes().unwrap_or_else(|e| panic!("{e}"));
        let (priority, reasons) = codes
            .suggest(&["DS-PM".into(), "SC-UC".into(), "SM-CI".into()])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(priority, Priority::Urgent);
        let named: Vec<&str> = reasons.iter().map(|need| need.code.as_str()).collect();
        assert_eq!(named, ["SC-UC", "SM-CI"]);
        assert_eq!(
            codes.suggest(&[]).map(|(p, _)| p).ok(),
            Some(Priority::Normal)
        );
        assert!(codes.suggest(&["XX-NOPE".into()]).is_err());
        assert!(codes.sla(Priority::Emergency) < codes.sla(Priority::Urgent));
    }
}
