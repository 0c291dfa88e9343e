//! Dashboards computed a short while ago, kept per scope and filter.
//!
//! The indicators cover whole months of history; over a million cases one dashboard takes
//! seconds of grouping in SQL (BENCHMARKS.md), and its figures move slowly. A view within
//! `Settings::report_fresh_for` of the last computation for the same offices and filter is
//! served from memory, and the page says as of when. Only the aggregates are kept, after
//! suppression, never personal data; the policy check still runs on every view. One computation
//! runs at a time, so a burst of views after expiry costs one computation, not one each.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use super::ReportFilter;
use super::indicators::Dashboard;
use crate::error::Result;
use crate::time::Millis;

/// At most this many dashboards are kept; the oldest goes first.
const MAX_ENTRIES: usize = 64;

/// The offices a dashboard covers (`None`: every office) and its filter.
type Key = (Option<Vec<String>>, ReportFilter);

#[derive(Default)]
pub struct DashboardCache {
    entries: Mutex<HashMap<Key, Arc<Dashboard>>>,
    computing: tokio::sync::Mutex<()>,
}

impl DashboardCache {
    /// The kept dashboard for `key` if it was computed less than `fresh_for` before `now`,
    /// otherwise the one `compute` makes, which is then kept.
    pub(super) async fn get_or_compute<F>(
        &self,
        key: Key,
        now: Millis,
        fresh_for: Millis,
        compute: impl FnOnce() -> F,
    ) -> Result<Arc<Dashboard>>
    where
        F: Future<Output = Result<Dashboard>>,
    {
        if fresh_for <= 0 {
            return compute().await.map(Arc::new);
        }
        if let Some(kept) = self.fresh(&key, now, fresh_for) {
            return Ok(kept);
        }
        let _turn = self.computing.lock().await;
        // Another view may have computed it while this one waited for its turn.
        if let Some(kept) = self.fresh(&key, now, fresh_for) {
            return Ok(kept);
        }
        let made = Arc::new(compute().await?);
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.retain(|_, kept| now - kept.computed_at < fresh_for);
        if entries.len() >= MAX_ENTRIES
            && let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, kept)| kept.computed_at)
                .map(|(key, _)| key.clone())
        {
            entries.remove(&oldest);
        }
        entries.insert(key, made.clone());
        Ok(made)
    }

    fn fresh(&self, key: &Key, now: Millis, fresh_for: Millis) -> Option<Arc<Dashboard>> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries
            .get(key)
            .filter(|kept| now - kept.computed_at < fresh_for)
            .cloned()
    }
}
