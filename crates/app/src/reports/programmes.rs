//! Indicators of the two programmes beside case work: orientation reach (participants,
//! completion, knowledge gain by module) and the good-practice platform (published practices by
//! GCM objective and region).
//!
//! Orientation counts are people, so they go through [`disclosure`]: participants and completions
//! per office are suppressed as one breakdown with its total shown, and a module's gain is shown
//! only when at least [`MIN_CELL`] participants took both quizzes on it. Practices are published
//! documents, not people, and are counted as they are.

use std::collections::BTreeMap;

use sqlx::Row;

use super::ReportFilter;
use super::disclosure::{MIN_CELL, shown_counts};
use super::indicators::OfficeRow;
use crate::App;
use crate::error::Result;
use crate::knowledge::PracticeContent;
use crate::knowledge::taxonomy::{OBJECTIVES, REGIONS};

/// Participants and completions of one office (or of all offices in scope, `office: None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrientationReach {
    pub office: Option<OfficeRow>,
    /// People enrolled (not waitlisted or withdrawn) in sessions that started in the period.
    pub participants: Option<i64>,
    /// Of them, those checked in on every day of their session.
    pub completed: Option<i64>,
}

impl OrientationReach {
    pub fn completion_percent(&self) -> Option<i64> {
        match (self.participants, self.completed) {
            (Some(all), Some(done)) if all > 0 => Some(done * 100 / all),
            _ => None,
        }
    }
}

/// Knowledge gain on one module: the share of right answers before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleGain {
    pub module_key: String,
    /// Participants who took both quizzes on the module; `None` when under [`MIN_CELL`].
    pub participants: Option<i64>,
    pub pre_percent: Option<i64>,
    pub post_percent: Option<i64>,
}

impl ModuleGain {
    /// Percentage points gained.
    pub fn gain_points(&self) -> Option<i64> {
        Some(self.post_percent? - self.pre_percent?)
    }
}

/// Published practices for one GCM objective, in total and per region ([`REGIONS`] order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeCounts {
    pub objective: u8,
    pub total: i64,
    pub by_region: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programmes {
    /// All offices in scope first, then one per office.
    pub reach: Vec<OrientationReach>,
    pub modules: Vec<ModuleGain>,
    pub practices: Vec<PracticeCounts>,
    pub regions: &'static [&'static str],
}

fn in_scope(offices: &[OfficeRow], office_id: &str) -> bool {
    offices.iter().any(|office| office.id == office_id)
}

/// Orientation reach and gain over `offices` (already checked by policy) and practice counts.
pub(crate) async fn programmes(
    app: &App,
    filter: &ReportFilter,
    offices: &[OfficeRow],
) -> Result<Programmes> {
    let (from, until) = (filter.from.start_millis(), filter.to.next().start_millis());
    Ok(Programmes {
        reach: reach(app, from, until, offices).await?,
        modules: modules(app, from, until, offices).await?,
        practices: practices(app).await?,
        regions: &REGIONS,
    })
}

async fn reach(
    app: &App,
    from: i64,
    until: i64,
    offices: &[OfficeRow],
) -> Result<Vec<OrientationReach>> {
    let rows = sqlx::query(
        "SELECT s.office_id, COUNT(DISTINCT e.participant_id) AS participants, \
         COUNT(DISTINCT CASE WHEN (SELECT COUNT(*) FROM orientation_attendance a WHERE a.enrolment_id = e.id) \
           >= s.day_count THEN e.participant_id END) AS completed \
         FROM orientation_enrolments e JOIN orientation_sessions s ON s.id = e.session_id \
         WHERE e.status = 'enrolled' AND s.starts_at >= $1 AND s.starts_at < $2 GROUP BY s.office_id",
    )
    .bind(from)
    .bind(until)
    .fetch_all(&app.db.pool)
    .await?;
    let mut counts: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for row in &rows {
        let office: String = row.try_get("office_id")?;
        if in_scope(offices, &office) {
            counts.insert(
                office,
                (row.try_get("participants")?, row.try_get("completed")?),
            );
        }
    }
    let per_office: Vec<(i64, i64)> = offices
        .iter()
        .map(|office| counts.get(&office.id).copied().unwrap_or((0, 0)))
        .collect();
    let participants: Vec<i64> = per_office.iter().map(|(all, _)| *all).collect();
    let completed: Vec<i64> = per_office.iter().map(|(_, done)| *done).collect();
    let total = |values: &[i64]| {
        let sum: i64 = values.iter().sum();
        (sum >= MIN_CELL).then_some(sum)
    };
    let mut reach = vec![OrientationReach {
        office: None,
        participants: total(&participants),
        completed: total(&completed),
    }];
    let shown_participants = shown_counts(&participants);
    let shown_completed = shown_counts(&completed);
    for (index, office) in offices.iter().enumerate() {
        reach.push(OrientationReach {
            office: Some(office.clone()),
            participants: shown_participants[index],
            completed: shown_completed[index],
        });
    }
    Ok(reach)
}

async fn modules(
    app: &App,
    from: i64,
    until: i64,
    offices: &[OfficeRow],
) -> Result<Vec<ModuleGain>> {
    let rows = sqlx::query(
        "SELECT s.office_id, m.module_key, COUNT(*) AS people, CAST(SUM(m.pre_correct) AS BIGINT) AS pre_correct, \
         CAST(SUM(m.pre_total) AS BIGINT) AS pre_total, CAST(SUM(m.post_correct) AS BIGINT) AS post_correct, \
         CAST(SUM(m.post_total) AS BIGINT) AS post_total \
         FROM orientation_module_scores m JOIN orientation_enrolments e ON e.id = m.enrolment_id \
         JOIN orientation_sessions s ON s.id = e.session_id \
         WHERE m.pre_total > 0 AND m.post_total > 0 AND s.starts_at >= $1 AND s.starts_at < $2 \
         GROUP BY s.office_id, m.module_key",
    )
    .bind(from)
    .bind(until)
    .fetch_all(&app.db.pool)
    .await?;
    let mut sums: BTreeMap<String, [i64; 5]> = BTreeMap::new();
    for row in &rows {
        let office: String = row.try_get("office_id")?;
        if !in_scope(offices, &office) {
            continue;
        }
        let entry = sums.entry(row.try_get("module_key")?).or_default();
        for (slot, column) in [
            "people",
            "pre_correct",
            "pre_total",
            "post_correct",
            "post_total",
        ]
        .iter()
        .enumerate()
        {
            entry[slot] += row.try_get::<i64, _>(*column)?;
        }
    }
    Ok(sums
        .into_iter()
        .map(
            |(module_key, [people, pre_correct, pre_total, post_correct, post_total])| {
                let shown = people >= MIN_CELL;
                let percent = |correct: i64, total: i64| {
                    (shown && total > 0).then(|| (correct * 100 + total / 2) / total)
                };
                ModuleGain {
                    module_key,
                    participants: shown.then_some(people),
                    pre_percent: percent(pre_correct, pre_total),
                    post_percent: percent(post_correct, post_total),
                }
            },
        )
        .collect())
}

async fn practices(app: &App) -> Result<Vec<PracticeCounts>> {
    let contents: Vec<String> =
        sqlx::query_scalar("SELECT content FROM practices WHERE status = 'published'")
            .fetch_all(&app.db.pool)
            .await?;
    let mut counts: Vec<PracticeCounts> = OBJECTIVES
        .map(|objective| PracticeCounts {
            objective,
            total: 0,
            by_region: vec![0; REGIONS.len()],
        })
        .collect();
    for content in contents {
        let Ok(practice) = serde_json::from_str::<PracticeContent>(&content) else {
            continue;
        };
        for objective in &practice.objectives {
            let Some(row) = counts.iter_mut().find(|row| row.objective == *objective) else {
                continue;
            };
            row.total += 1;
            for region in &practice.regions {
                if let Some(index) = REGIONS.iter().position(|known| known == region) {
                    row.by_region[index] += 1;
                }
            }
        }
    }
    Ok(counts)
}
