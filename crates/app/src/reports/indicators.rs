//! The case indicators of the dashboard, each with its definition in the `reports` Fluent file.
//!
//! The figures are sums of the monthly tallies the case writes keep (`cases::rollup`), selected
//! by period, office scope and pathway: a year's dashboard adds up a few thousand rows however
//! many cases there are. Medians and percentiles come from the tallies of whole days, so
//! durations are exact to the day, which is how they are reported.

use std::collections::BTreeMap;

use sqlx::Row;

use super::disclosure::{MIN_CELL, shown_counts};
use super::{Month, ReportFilter, offices_for};
use crate::App;
use crate::cases::rollup::{self, Measure, MonthSum, Selection, ValueSum};
use crate::cases::workflow::CaseStatus;
use crate::db::placeholders;
use crate::error::Result;
use crate::policy::{Action, Actor};
use crate::time::{DAY, Millis, now_millis};

/// Statuses as a SQL list of literals, e.g. `'decided_approved', 'decided_refused'`. The names
/// come from [`CaseStatus`], never from input.
fn statuses(list: &[CaseStatus]) -> String {
    let quoted: Vec<String> = list.iter().map(|s| format!("'{}'", s.as_str())).collect();
    quoted.join(", ")
}

const DECISIONS: [CaseStatus; 2] = [CaseStatus::Approved, CaseStatus::Refused];

/// One office in the report, in code order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub country: String,
}

/// Cases opened and closed (closed or withdrawn) per month of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyCases {
    pub office: Option<OfficeRow>,
    pub opened: Vec<i64>,
    pub closed: Vec<i64>,
}

/// A stretch of the workflow whose length is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// From opening the case to its first submission to the authority.
    IntakeToSubmission,
    /// From the first submission to the first decision (approved or refused).
    SubmissionToDecision,
}

impl Stage {
    pub const ALL: [Stage; 2] = [Stage::IntakeToSubmission, Stage::SubmissionToDecision];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::IntakeToSubmission => "intake_to_submission",
            Stage::SubmissionToDecision => "submission_to_decision",
        }
    }

    /// The tallies that hold how long cases took.
    fn measure(self) -> Measure {
        match self {
            Stage::IntakeToSubmission => Measure::IntakeToSubmissionDays,
            Stage::SubmissionToDecision => Measure::SubmissionToDecisionDays,
        }
    }
}

/// How long a stage took, for the cases that ended it within the period. Figures are `None`
/// when fewer than [`MIN_CELL`] cases ended it: a median of two cases is two people's stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTimes {
    pub stage: Stage,
    pub office: Option<OfficeRow>,
    pub cases: i64,
    pub median_days: Option<i64>,
    pub p90_days: Option<i64>,
}

/// Fast-tracked (emergency or urgent) cases opened in the period, by how they met their due date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SlaFigures {
    pub office: Option<OfficeRow>,
    /// Submitted on or before the due date.
    pub met: i64,
    /// Submitted after the due date, or still unsubmitted after the due day (UTC) ended.
    pub missed: i64,
    /// Not yet submitted, and the due day has not ended.
    pub pending: i64,
}

impl SlaFigures {
    /// Percentage of decided ones (met or missed) that met it; `None` under [`MIN_CELL`].
    pub fn met_percent(&self) -> Option<i64> {
        let decided = self.met + self.missed;
        (decided >= MIN_CELL).then(|| (self.met * 100 + decided / 2) / decided)
    }
}

/// How often the first completeness check of a case found the file complete.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FirstChecks {
    pub office: Option<OfficeRow>,
    /// Cases whose first check fell in the period.
    pub checked: i64,
    pub complete: i64,
}

impl FirstChecks {
    /// Share complete at the first check; `None` under [`MIN_CELL`] checks.
    pub fn complete_percent(&self) -> Option<i64> {
        (self.checked >= MIN_CELL).then(|| (self.complete * 100 + self.checked / 2) / self.checked)
    }
}

/// A checklist item found missing or invalid at first checks, and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingItem {
    pub pack_id: String,
    pub item_id: String,
    /// `None` when fewer than [`MIN_CELL`] cases lacked it.
    pub cases: Option<i64>,
}

/// The most frequent missing items the dashboard lists.
const MISSING_ITEMS_SHOWN: usize = 10;

/// Cases opened in the period by one attribute of their principal applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// `sex`, `age_group`, `nationality` or `pathway`.
    pub dimension: &'static str,
    pub total: i64,
    /// Group and count; `None` where the count is suppressed.
    pub cells: Vec<(String, Option<i64>)>,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub filter: ReportFilter,
    /// When these figures were computed.
    pub computed_at: Millis,
    pub months: Vec<Month>,
    pub offices: Vec<OfficeRow>,
    /// All offices in scope together first, then one per office.
    pub monthly: Vec<MonthlyCases>,
    pub stage_times: Vec<StageTimes>,
    pub fast_track: Vec<SlaFigures>,
    pub breakdowns: Vec<Breakdown>,
    pub sex_and_age: Vec<SexAndAge>,
    /// All offices in scope together first, then one per office.
    pub first_checks: Vec<FirstChecks>,
    pub missing_items: Vec<MissingItem>,
    /// Orientation reach and gain over the same offices and period, and published practices.
    pub programmes: super::programmes::Programmes,
}

/// Cases opened in the period in one office by the principal applicant's sex and age group, the
/// shape humanitarian tools expect (`#affected +f +age18_24`). Cells are suppressed per row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SexAndAge {
    pub office: OfficeRow,
    pub total: i64,
    /// One per [`SexAndAge::COLUMNS`]; `None` where suppressed.
    pub cells: Vec<Option<i64>>,
}

impl SexAndAge {
    /// Sex, age group and HXL attributes of each column; the last gathers other and unknown.
    pub const COLUMNS: [(&'static str, &'static str, &'static str); 11] = [
        ("F", "0-17", "+f +age0_17"),
        ("F", "18-24", "+f +age18_24"),
        ("F", "25-34", "+f +age25_34"),
        ("F", "35-49", "+f +age35_49"),
        ("F", "50+", "+f +age50plus"),
        ("M", "0-17", "+m +age0_17"),
        ("M", "18-24", "+m +age18_24"),
        ("M", "25-34", "+m +age25_34"),
        ("M", "35-49", "+m +age35_49"),
        ("M", "50+", "+m +age50plus"),
        ("", "", "+unknown"),
    ];

    fn column(sex: &str, age_group: &str) -> usize {
        SexAndAge::COLUMNS
            .iter()
            .position(|(s, a, _)| *s == sex && *a == age_group)
            .unwrap_or(SexAndAge::COLUMNS.len() - 1)
    }
}

/// The dashboard for `filter`, limited to the offices the actor may report on.
pub async fn dashboard(app: &App, actor: &Actor, filter: &ReportFilter) -> Result<Dashboard> {
    let scope = CaseScope::new(actor, filter)?;
    compute(app, &scope, filter, now_millis()).await
}

async fn compute(
    app: &App,
    scope: &CaseScope,
    filter: &ReportFilter,
    now: Millis,
) -> Result<Dashboard> {
    let offices = scope.offices(app).await?;
    let selection = scope.selection();
    let by_month = rollup::sums_by_month(&app.db, &selection, &BY_MONTH).await?;
    let summed: Vec<Measure> = Measure::ALL
        .into_iter()
        .filter(|measure| !BY_MONTH.contains(measure))
        .collect();
    let by_value = rollup::sums_by_value(&app.db, &selection, &summed).await?;
    let months = scope.months();
    let tallies = Tallies {
        offices: &offices,
        by_value: &by_value,
    };
    let mut stage_times = Vec::new();
    for stage in Stage::ALL {
        stage_times.extend(tallies.stage_times(stage));
    }
    let (breakdowns, sex_and_age) = tallies.breakdowns(&by_month);
    let (first_checks, missing_items) = tallies.first_checks();
    let programmes = super::programmes::programmes(app, filter, &offices).await?;
    Ok(Dashboard {
        filter: filter.clone(),
        computed_at: now,
        monthly: monthly_cases(&months, &offices, &by_month),
        months,
        stage_times,
        fast_track: tallies.fast_track(now),
        breakdowns,
        sex_and_age,
        first_checks,
        programmes,
        missing_items,
        offices,
    })
}

/// The measures the dashboard shows per month; all others it sums over the period per value.
const BY_MONTH: [Measure; 2] = [Measure::Opened, Measure::Closed];

/// The figures for all offices in scope together first, then one per office.
fn all_then_each<T>(offices: &[OfficeRow], figures: impl Fn(Option<&OfficeRow>) -> T) -> Vec<T> {
    std::iter::once(figures(None))
        .chain(offices.iter().map(|office| figures(Some(office))))
        .collect()
}

/// Opened and closed per month, all offices together first.
fn monthly_cases(months: &[Month], offices: &[OfficeRow], sums: &[MonthSum]) -> Vec<MonthlyCases> {
    all_then_each(offices, |office| {
        let series = |measure: Measure| {
            months
                .iter()
                .map(|month| {
                    sums.iter()
                        .filter(|sum| sum.measure == measure && sum.month == *month)
                        .filter(|sum| office.is_none_or(|o| o.id == sum.office_id))
                        .map(|sum| sum.tally)
                        .sum()
                })
                .collect()
        };
        MonthlyCases {
            office: office.cloned(),
            opened: series(Measure::Opened),
            closed: series(Measure::Closed),
        }
    })
}

/// The period's tallies summed per office and value.
struct Tallies<'a> {
    offices: &'a [OfficeRow],
    by_value: &'a [ValueSum],
}

impl Tallies<'_> {
    /// Value and tally of `measure`, in one office or (`None`) all of them.
    fn of<'s>(
        &'s self,
        measure: Measure,
        office: Option<&'s OfficeRow>,
    ) -> impl Iterator<Item = (&'s str, i64)> + 's {
        self.by_value
            .iter()
            .filter(move |sum| sum.measure == measure)
            .filter(move |sum| office.is_none_or(|o| o.id == sum.office_id))
            .map(|sum| (sum.value.as_str(), sum.tally))
    }

    fn stage_times(&self, stage: Stage) -> Vec<StageTimes> {
        all_then_each(self.offices, |office| {
            let mut histogram: BTreeMap<i64, i64> = BTreeMap::new();
            for (days, tally) in self.of(stage.measure(), office) {
                *histogram.entry(days.parse().unwrap_or(0)).or_default() += tally;
            }
            let cases: i64 = histogram.values().sum();
            let shown = cases >= MIN_CELL;
            StageTimes {
                stage,
                office: office.cloned(),
                cases,
                median_days: shown.then(|| percentile(&histogram, 50)).flatten(),
                p90_days: shown.then(|| percentile(&histogram, 90)).flatten(),
            }
        })
    }

    fn fast_track(&self, now: Millis) -> Vec<SlaFigures> {
        all_then_each(self.offices, |office| {
            let mut figures = SlaFigures {
                office: office.cloned(),
                ..SlaFigures::default()
            };
            for (outcome, tally) in self.of(Measure::FastTrackSubmitted, office) {
                match outcome {
                    "met" => figures.met += tally,
                    _ => figures.missed += tally,
                }
            }
            let today = now.div_euclid(DAY);
            for (due_day, tally) in self.of(Measure::FastTrackWaiting, office) {
                match due_day.parse::<i64>() {
                    Ok(due_day) if due_day < today => figures.missed += tally,
                    _ => figures.pending += tally,
                }
            }
            figures
        })
    }

    /// Each case's first completeness check in the period, and the items most often lacking.
    fn first_checks(&self) -> (Vec<FirstChecks>, Vec<MissingItem>) {
        let checks = all_then_each(self.offices, |office| {
            let mut figures = FirstChecks {
                office: office.cloned(),
                ..FirstChecks::default()
            };
            for (verdict, tally) in self.of(Measure::FirstCheck, office) {
                figures.checked += tally;
                if verdict == "complete" {
                    figures.complete += tally;
                }
            }
            figures
        });
        let mut missing: BTreeMap<&str, i64> = BTreeMap::new();
        for (item, tally) in self.of(Measure::MissingAtFirstCheck, None) {
            *missing.entry(item).or_default() += tally;
        }
        let mut ranked: Vec<(&str, i64)> = missing.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let items = ranked
            .into_iter()
            .take(MISSING_ITEMS_SHOWN)
            .map(|(item, count)| {
                let (pack_id, item_id) = item.split_once('/').unwrap_or(("", item));
                MissingItem {
                    pack_id: pack_id.to_owned(),
                    item_id: item_id.to_owned(),
                    cases: (count >= MIN_CELL).then_some(count),
                }
            })
            .collect();
        (checks, items)
    }

    /// Cases opened by the principal applicant's sex, age group and nationality, and by
    /// pathway; and by sex and age group per office.
    fn breakdowns(&self, by_month: &[MonthSum]) -> (Vec<Breakdown>, Vec<SexAndAge>) {
        let mut groups: [BTreeMap<String, i64>; 4] = Default::default();
        for (sex_and_age, tally) in self.of(Measure::SexAndAge, None) {
            let (sex, age) = sex_and_age
                .split_once('|')
                .unwrap_or((sex_and_age, "unknown"));
            *groups[0].entry(sex.to_owned()).or_default() += tally;
            *groups[1].entry(age.to_owned()).or_default() += tally;
        }
        for (nationality, tally) in self.of(Measure::Nationality, None) {
            *groups[2].entry(nationality.to_owned()).or_default() += tally;
        }
        for sum in by_month.iter().filter(|sum| sum.measure == Measure::Opened) {
            *groups[3].entry(sum.pathway_id.clone()).or_default() += sum.tally;
        }
        let dimensions = ["sex", "age_group", "nationality", "pathway"];
        let breakdowns = dimensions
            .into_iter()
            .zip(groups)
            .map(|(dimension, group)| breakdown(dimension, group))
            .collect();
        let sex_and_age = self
            .offices
            .iter()
            .filter_map(|office| {
                let mut counts = vec![0; SexAndAge::COLUMNS.len()];
                for (sex_and_age, tally) in self.of(Measure::SexAndAge, Some(office)) {
                    let (sex, age) = sex_and_age.split_once('|').unwrap_or((sex_and_age, ""));
                    counts[SexAndAge::column(sex, age)] += tally;
                }
                let total: i64 = counts.iter().sum();
                (total > 0).then(|| SexAndAge {
                    office: office.clone(),
                    total,
                    cells: shown_counts(&counts),
                })
            })
            .collect();
        (breakdowns, sex_and_age)
    }
}

/// The part of `cases c` a report reads: the period, the offices, the pathway.
pub(crate) struct CaseScope {
    from: Millis,
    until: Millis,
    first_month: Month,
    month_count: usize,
    offices: Option<Vec<String>>,
    pathway: Option<String>,
}

impl CaseScope {
    pub(crate) fn new(actor: &Actor, filter: &ReportFilter) -> Result<CaseScope> {
        let offices = offices_for(actor, Action::ViewReports, filter)?;
        Ok(CaseScope::for_offices(filter, offices))
    }

    /// The scope of `filter` over `offices` (`None`: every office), already checked by policy.
    pub(crate) fn for_offices(filter: &ReportFilter, offices: Option<Vec<String>>) -> CaseScope {
        let mut count = 0;
        let mut month = filter.from;
        while month <= filter.to {
            count += 1;
            month = month.next();
        }
        CaseScope {
            from: filter.from.start_millis(),
            until: filter.to.next().start_millis(),
            first_month: filter.from,
            month_count: count,
            offices,
            pathway: filter.pathway_id.clone(),
        }
    }

    /// One row per case opened in the period, with the facts the pseudonymised export keeps.
    pub(crate) async fn case_records(&self, app: &App) -> Result<Vec<sqlx::any::AnyRow>> {
        let sql = format!(
            "SELECT c.id, o.code, o.country, c.pathway_id, c.status, c.priority, c.opened_at, \
               (SELECT MIN(x.at) FROM case_events x WHERE x.case_id = c.id \
                  AND x.to_status = {submitted}) AS submitted_at, \
               (SELECT MIN(x.at) FROM case_events x WHERE x.case_id = c.id \
                  AND x.to_status IN ({decisions})) AS decided_at, \
               (SELECT COUNT(*) FROM case_members a WHERE a.case_id = c.id) AS members, \
               p.id AS person_id, p.sex, p.birth_year, p.nationality \
             FROM cases c JOIN offices o ON o.id = c.office_id \
             LEFT JOIN case_members m ON m.case_id = c.id AND m.role = 'principal_applicant' \
             LEFT JOIN people p ON p.id = m.person_id \
             WHERE c.opened_at >= $1 AND c.opened_at < $2{scope} ORDER BY c.opened_at, c.id",
            submitted = statuses(&[CaseStatus::Submitted]),
            decisions = statuses(&DECISIONS),
            scope = self.where_sql(2)
        );
        let query = self.bind(
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(self.from)
                .bind(self.until),
        );
        Ok(query.fetch_all(&app.db.pool).await?)
    }

    /// The tallies this scope adds up.
    fn selection(&self) -> Selection<'_> {
        Selection {
            from: self.first_month,
            to: self.months().last().copied().unwrap_or(self.first_month),
            offices: self.offices.as_deref(),
            pathway: self.pathway.as_deref(),
        }
    }

    fn months(&self) -> Vec<Month> {
        std::iter::successors(Some(self.first_month), |m| Some(m.next()))
            .take(self.month_count)
            .collect()
    }

    /// ` AND c.office_id IN (...) AND c.pathway_id = $n`, numbering placeholders after `used`.
    fn where_sql(&self, used: usize) -> String {
        let mut sql = self.office_sql("c.office_id", used);
        if self.pathway.is_some() {
            let next = used + self.offices.as_ref().map_or(0, Vec::len) + 1;
            sql.push_str(&format!(" AND c.pathway_id = ${next}"));
        }
        sql
    }

    /// ` AND column IN ($used+1, ...)` for the offices in scope; nothing when every office is.
    fn office_sql(&self, column: &str, used: usize) -> String {
        match &self.offices {
            None => String::new(),
            Some(offices) if offices.is_empty() => " AND 1 = 0".to_owned(),
            Some(offices) => format!(
                " AND {column} IN ({})",
                placeholders(used + 1, offices.len())
            ),
        }
    }

    fn bind<'q>(
        &'q self,
        mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
        for office in self.offices.iter().flatten() {
            query = query.bind(office.as_str());
        }
        if let Some(pathway) = &self.pathway {
            query = query.bind(pathway.as_str());
        }
        query
    }

    async fn offices(&self, app: &App) -> Result<Vec<OfficeRow>> {
        let sql = format!(
            "SELECT id, code, name, country FROM offices WHERE 1 = 1{} ORDER BY code",
            self.office_sql("id", 0)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for office in self.offices.iter().flatten() {
            query = query.bind(office.as_str());
        }
        let rows = query.fetch_all(&app.db.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(OfficeRow {
                    id: row.try_get("id")?,
                    code: row.try_get("code")?,
                    name: row.try_get("name")?,
                    country: row.try_get("country")?,
                })
            })
            .collect()
    }
}

fn breakdown(dimension: &'static str, group: BTreeMap<String, i64>) -> Breakdown {
    let counts: Vec<i64> = group.values().copied().collect();
    Breakdown {
        dimension,
        total: counts.iter().sum(),
        cells: group.into_keys().zip(shown_counts(&counts)).collect(),
    }
}

/// The smallest value at or below which `percent` of the counted values lie (nearest rank).
fn percentile(histogram: &BTreeMap<i64, i64>, percent: i64) -> Option<i64> {
    let total: i64 = histogram.values().sum();
    if total == 0 {
        return None;
    }
    let rank = (total * percent + 99) / 100;
    let mut seen = 0;
    histogram.iter().find_map(|(value, count)| {
        seen += count;
        (seen >= rank.max(1)).then_some(*value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let histogram: BTreeMap<i64, i64> = [(1, 5), (3, 4), (10, 1)].into_iter().collect();
        assert_eq!(percentile(&histogram, 50), Some(1));
        assert_eq!(percentile(&histogram, 90), Some(3));
        assert_eq!(percentile(&histogram, 100), Some(10));
        assert_eq!(percentile(&BTreeMap::new(), 50), None);
    }

    #[test]
    fn the_sla_share_is_hidden_under_five_decided_cases() {
        let few = SlaFigures {
            met: 3,
            missed: 1,
            ..SlaFigures::default()
        };
        assert_eq!(few.met_percent(), None);
        let enough = SlaFigures {
            met: 9,
            missed: 3,
            ..SlaFigures::default()
        };
        assert_eq!(enough.met_percent(), Some(75));
    }
}
