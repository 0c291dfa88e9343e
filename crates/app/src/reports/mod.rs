//! Reporting: indicators over cases without personal data, for supervisors and analysts.
//!
//! Every figure here is an aggregate. Counts of people are shown only when a cell holds at least
//! [`MIN_CELL`] people, and a second cell is hidden whenever one hidden cell could be derived
//! from a total (see [`disclosure`]). Queries group in SQL by whole days and the rest happens
//! here, so a dashboard over a million cases reads a few thousand rows, not a million.
//! Supervisors see their own offices; analysts see every office. The only record-level output is
//! the pseudonymised export ([`export`]), which is audited with its stated purpose.

pub mod chart;
pub mod disclosure;
pub mod export;
pub mod indicators;
pub mod programmes;

pub use disclosure::{MIN_CELL, suppressed_cells};
pub use indicators::{Dashboard, dashboard};

use crate::error::{Error, FieldErrors, Result};
use crate::policy::{self, Action, Actor, ListScope};
use crate::time::Millis;
pub use crate::time::Month;

/// What a report covers: a range of whole months, optionally one office and one pathway.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReportFilter {
    pub from: Month,
    /// Inclusive.
    pub to: Month,
    pub office_id: Option<String>,
    pub pathway_id: Option<String>,
}

/// The filter as typed into the dashboard's form.
#[derive(Debug, Clone, Default)]
pub struct ReportFilterForm {
    pub from: String,
    pub to: String,
    pub office_id: String,
    pub pathway_id: String,
}

/// The longest period one report covers; longer ones are refused rather than slowly drawn.
pub const MAX_MONTHS: i64 = 60;

impl ReportFilterForm {
    /// The last twelve months up to `today` when the form leaves the period empty.
    pub fn validate(&self, today: Millis) -> Result<ReportFilter> {
        let mut errors = FieldErrors::default();
        let this_month = Month::of_millis(today);
        let month = |field: &'static str, text: &str, default: Month, errors: &mut FieldErrors| {
            if text.trim().is_empty() {
                return default;
            }
            Month::parse(text).unwrap_or_else(|| {
                errors.add(field, "reports-error-month");
                default
            })
        };
        let to = month("to", &self.to, this_month, &mut errors);
        let from = month(
            "from",
            &self.from,
            Month::from_index(to.index() - 11),
            &mut errors,
        );
        if from > to {
            errors.add("from", "reports-error-period-order");
        } else if to.index() - from.index() >= MAX_MONTHS {
            errors.add("from", "reports-error-period-too-long");
        }
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        errors.into_result()?;
        Ok(ReportFilter {
            from,
            to,
            office_id: optional(&self.office_id),
            pathway_id: optional(&self.pathway_id),
        })
    }
}

/// The offices a report may cover for this actor: `None` means every office.
pub(crate) fn office_scope(actor: &Actor, action: Action) -> Result<Option<Vec<String>>> {
    match policy::list_scope(actor, action)? {
        ListScope::Everything => Ok(None),
        ListScope::OfficesOf(_) => Ok(Some(actor.offices.clone())),
        ListScope::OwnedBy(_) => Err(Error::Forbidden),
    }
}

/// Checks that a chosen office lies in the actor's scope and returns the offices to report on.
pub(crate) fn offices_for(
    actor: &Actor,
    action: Action,
    filter: &ReportFilter,
) -> Result<Option<Vec<String>>> {
    let scope = office_scope(actor, action)?;
    match (&filter.office_id, scope) {
        (Some(office), Some(allowed)) if !allowed.contains(office) => Err(Error::Forbidden),
        (Some(office), _) => Ok(Some(vec![office.clone()])),
        (None, scope) => Ok(scope),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::DAY;

    #[test]
    fn the_form_defaults_to_the_last_twelve_months_and_rejects_bad_periods() {
        let today = Month::parse("2026-11").map_or(0, Month::start_millis) + 5 * DAY;
        let filter = ReportFilterForm::default().validate(today);
        let filter = filter.unwrap_or_else(|_| panic!("the empty form is valid"));
        assert_eq!(
            (filter.from.to_string(), filter.to.to_string()),
            ("2025-12".into(), "2026-11".into())
        );
        let reversed = ReportFilterForm {
            from: "2026-05".into(),
            to: "2026-01".into(),
            ..ReportFilterForm::default()
        };
        assert!(reversed.validate(today).is_err());
        let garbage = ReportFilterForm {
            to: "soon".into(),
            ..ReportFilterForm::default()
        };
        assert!(garbage.validate(today).is_err());
    }
}
