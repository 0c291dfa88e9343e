//! Monthly quotas of a pathway, as the rule packs state them, against the cases approved.
//!
//! A quota is pack data, not code: a pack parameter whose id ends in `_monthly_quota` (e.g.
//! `subsidiary_monthly_quota`, 1,000 visas a month under AufenthG §36a(2)) is the quota of every
//! pathway whose conditions name it (`param.subsidiary_monthly_quota`). The value in force today
//! is the capacity of the current calendar month (UTC).
//!
//! "Used" is defined as: the number of cases of that pathway, in every office, that moved to
//! `decided_approved` from the first day of the current month (UTC) until now. Every such move
//! adds one to `approvals_by_month` in its own transaction ([`add_approvals`]), so reading the
//! use is one row, however many cases there are. A quota is national, so the count covers
//! offices the reader may not open; it is a number, with no case details.

use crate::App;
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::policy::{self, Action, Actor};
use crate::time::{Millis, now_millis};

/// The suffix that marks a pack parameter as a monthly quota.
pub const QUOTA_SUFFIX: &str = "_monthly_quota";

/// One pathway's quota for the current month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    pub pack_id: String,
    pub pathway_id: String,
    pub parameter_id: String,
    /// The legal citation of the parameter.
    pub cite: String,
    pub source: Option<String>,
    /// The month, `YYYY-MM`.
    pub month: String,
    pub capacity: i64,
    /// Cases of the pathway approved this month (see the module documentation).
    pub used: i64,
}

impl Quota {
    pub fn available(&self) -> i64 {
        (self.capacity - self.used).max(0)
    }

    /// Used as a share of capacity, in whole percent (capped at 100 for display bars).
    pub fn percent_used(&self) -> i64 {
        if self.capacity <= 0 {
            return 100;
        }
        (self.used * 100 / self.capacity).min(100)
    }
}

/// The month of an instant: its `YYYY-MM` (UTC) and the day.
fn current_month(now: Millis) -> Result<(String, rules::Date)> {
    let today = jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::from_millisecond(now).map_err(Error::internal)?)
        .date();
    Ok((format!("{:04}-{:02}", today.year(), today.month()), today))
}

/// The `YYYY-MM` (UTC) an approval at this instant counts in.
pub(super) fn month_of(at: Millis) -> Result<String> {
    current_month(at).map(|(month, _)| month)
}

/// Adds `count` approvals of a pathway in a month; in the transaction that records them.
pub(super) async fn add_approvals(
    tx: &mut Tx,
    pack_id: &str,
    pathway_id: &str,
    month: &str,
    count: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO approvals_by_month (pack_id, pathway_id, month, approved) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (pack_id, pathway_id, month) \
         DO UPDATE SET approved = approvals_by_month.approved + excluded.approved",
    )
    .bind(pack_id)
    .bind(pathway_id)
    .bind(month)
    .bind(count)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Every quota in the loaded packs, with this month's use.
pub async fn current(app: &App, actor: &Actor) -> Result<Vec<Quota>> {
    policy::list_scope(actor, Action::ViewCases)?;
    let (month, today) = current_month(now_millis())?;
    let approved: std::collections::HashMap<(String, String), i64> = sqlx::query_as(
        "SELECT pack_id, pathway_id, approved FROM approvals_by_month WHERE month = $1",
    )
    .bind(&month)
    .fetch_all(&app.db.pool)
    .await?
    .into_iter()
    .map(|(pack, pathway, count): (String, String, i64)| ((pack, pathway), count))
    .collect();
    let mut quotas = Vec::new();
    for pack in app.packs.packs() {
        for parameter in pack
            .parameters
            .iter()
            .filter(|parameter| parameter.id.ends_with(QUOTA_SUFFIX))
        {
            let Some(capacity) = parameter
                .at(today)
                .and_then(|(_, value)| value.as_number())
                .map(|number| number.raw() / 10_000)
            else {
                continue;
            };
            let name = format!("param.{}", parameter.id);
            for pathway in pack.pathways.iter().filter(|pathway| {
                pathway
                    .conditions
                    .iter()
                    .any(|condition| condition.source.contains(&name))
            }) {
                let used = approved
                    .get(&(pack.id.clone(), pathway.id.clone()))
                    .copied()
                    .unwrap_or(0);
                quotas.push(Quota {
                    pack_id: pack.id.clone(),
                    pathway_id: pathway.id.clone(),
                    parameter_id: parameter.id.clone(),
                    cite: parameter.cite.clone(),
                    source: parameter.source.clone(),
                    month: month.clone(),
                    capacity,
                    used,
                });
            }
        }
    }
    Ok(quotas)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_counts_in_its_utc_month() {
        // 2026-03-15T12:00:00Z
        let (month, today) = current_month(1_773_576_000_000).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(month, "2026-03");
        assert_eq!(today.day(), 15);
        // 2026-03-31T23:59:59.999Z and 2026-04-01T00:00:00Z
        assert_eq!(month_of(1_775_001_599_999).ok().as_deref(), Some("2026-03"));
        assert_eq!(month_of(1_775_001_600_000).ok().as_deref(), Some("2026-04"));
    }

    #[test]
    fn available_never_goes_below_zero() {
        let quota = Quota {
            pack_id: "de".into(),
            pathway_id: "p".into(),
            parameter_id: "x_monthly_quota".into(),
            cite: String::new(),
            source: None,
            month: "2026-03".into(),
            capacity: 1000,
            used: 1200,
        };
        assert_eq!(quota.available(), 0);
        assert_eq!(quota.percent_used(), 100);
    }
}
