//! The case indicators of the dashboard, each with its definition in the `reports` Fluent file.
//!
//! Each query filters by period, office scope and pathway in SQL and groups by office and by a
//! whole number of days; months, medians and percentiles are computed here from those counts.
//! Durations are therefore exact to the day, which is how they are reported.

use std::collections::BTreeMap;
use std::sync::Arc;

use sqlx::Row;

use super::disclosure::{MIN_CELL, age_group, shown_counts};
use super::{Month, ReportFilter, offices_for};
use crate::App;
use crate::cases::documents::ReportLine;
use crate::cases::triage::Priority;
use crate::cases::workflow::CaseStatus;
use crate::error::{Error, Result};
use crate::policy::{Action, Actor};
use crate::time::DAY;
use crate::time::{Millis, now_millis};

/// Statuses as a SQL list of literals, e.g. `'decided_approved', 'decided_refused'`. The names
/// come from [`CaseStatus`], never from input.
fn statuses(list: &[CaseStatus]) -> String {
    let quoted: Vec<String> = list.iter().map(|s| format!("'{}'", s.as_str())).collect();
    quoted.join(", ")
}

const DECISIONS: [CaseStatus; 2] = [CaseStatus::Approved, CaseStatus::Refused];
const ENDINGS: [CaseStatus; 2] = [CaseStatus::Closed, CaseStatus::Withdrawn];

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

    /// The instant the stage starts, as SQL over `cases c` and the end event `d`.
    fn start_sql(self) -> String {
        match self {
            Stage::IntakeToSubmission => "c.opened_at".to_owned(),
            Stage::SubmissionToDecision => format!(
                "(SELECT MIN(x.at) FROM case_events x WHERE x.case_id = d.case_id \
                 AND x.to_status = {})",
                statuses(&[CaseStatus::Submitted])
            ),
        }
    }

    fn end_statuses(self) -> String {
        match self {
            Stage::IntakeToSubmission => statuses(&[CaseStatus::Submitted]),
            Stage::SubmissionToDecision => statuses(&DECISIONS),
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
    /// Submitted after the due date, or still unsubmitted past it.
    pub missed: i64,
    /// Not yet submitted and not yet due.
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
    /// When these figures were computed (they may be shown again for a few minutes).
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

/// The dashboard for `filter`, limited to the offices the actor may report on; one computed in
/// the last few minutes for the same offices and filter is shown again (`reports::cache`).
pub async fn dashboard(app: &App, actor: &Actor, filter: &ReportFilter) -> Result<Arc<Dashboard>> {
    let scope = CaseScope::new(actor, filter)?;
    let key = (scope.offices.clone(), filter.clone());
    let now = now_millis();
    app.report_cache
        .get_or_compute(key, now, app.settings.report_fresh_for, || {
            compute(app, &scope, filter, now)
        })
        .await
}

async fn compute(
    app: &App,
    scope: &CaseScope,
    filter: &ReportFilter,
    now: Millis,
) -> Result<Dashboard> {
    let offices = scope.offices(app).await?;
    let months = scope.months();
    let mut monthly = vec![MonthlyCases {
        office: None,
        opened: vec![0; months.len()],
        closed: vec![0; months.len()],
    }];
    monthly.extend(offices.iter().map(|office| MonthlyCases {
        office: Some(office.clone()),
        opened: vec![0; months.len()],
        closed: vec![0; months.len()],
    }));
    for (office_id, day, count) in scope.opened_by_day(app).await? {
        scope.add_to_month(&mut monthly, &offices, &office_id, day, count, |m| {
            &mut m.opened
        });
    }
    for (office_id, day, count) in scope.closed_by_day(app).await? {
        scope.add_to_month(&mut monthly, &offices, &office_id, day, count, |m| {
            &mut m.closed
        });
    }
    let mut stage_times = Vec::new();
    for stage in Stage::ALL {
        stage_times.extend(scope.stage_times(app, stage, &offices).await?);
    }
    let fast_track = scope.fast_track(app, &offices).await?;
    let (breakdowns, sex_and_age) = scope.breakdowns(app, &offices).await?;
    let (first_checks, missing_items) = scope.first_checks(app, &offices).await?;
    let programmes = super::programmes::programmes(app, filter, &offices).await?;
    Ok(Dashboard {
        filter: filter.clone(),
        computed_at: now,
        months,
        offices,
        monthly,
        stage_times,
        fast_track,
        breakdowns,
        sex_and_age,
        first_checks,
        programmes,
        missing_items,
    })
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
            Some(offices) => {
                let marks: Vec<String> = (1..=offices.len())
                    .map(|i| format!("${}", used + i))
                    .collect();
                format!(" AND {column} IN ({})", marks.join(", "))
            }
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

    async fn grouped_counts(&self, app: &App, sql: String) -> Result<Vec<(String, i64, i64)>> {
        let query = self.bind(
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(self.from)
                .bind(self.until),
        );
        let rows = query.fetch_all(&app.db.pool).await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
            .collect()
    }

    async fn opened_by_day(&self, app: &App) -> Result<Vec<(String, i64, i64)>> {
        let sql = format!(
            "SELECT c.office_id, c.opened_at / {DAY} AS day, COUNT(*) AS n FROM cases c \
             WHERE c.opened_at >= $1 AND c.opened_at < $2{} GROUP BY c.office_id, c.opened_at / {DAY}",
            self.where_sql(2)
        );
        self.grouped_counts(app, sql).await
    }

    async fn closed_by_day(&self, app: &App) -> Result<Vec<(String, i64, i64)>> {
        let sql = format!(
            "SELECT c.office_id, e.at / {DAY} AS day, COUNT(*) AS n FROM case_events e \
             JOIN cases c ON c.id = e.case_id \
             WHERE e.to_status IN ({endings}) AND e.at >= $1 AND e.at < $2{scope} \
             GROUP BY c.office_id, e.at / {DAY}",
            endings = statuses(&ENDINGS),
            scope = self.where_sql(2)
        );
        self.grouped_counts(app, sql).await
    }

    fn add_to_month(
        &self,
        monthly: &mut [MonthlyCases],
        offices: &[OfficeRow],
        office_id: &str,
        day: i64,
        count: i64,
        series: impl Fn(&mut MonthlyCases) -> &mut Vec<i64>,
    ) {
        let month = Month::of_day(day);
        let Some(index) = self.months().iter().position(|m| *m == month) else {
            return;
        };
        let office_index = offices.iter().position(|o| o.id == office_id);
        for slot in std::iter::once(0).chain(office_index.map(|i| i + 1)) {
            if let Some(value) = monthly.get_mut(slot).and_then(|m| series(m).get_mut(index)) {
                *value += count;
            }
        }
    }

    async fn stage_times(
        &self,
        app: &App,
        stage: Stage,
        offices: &[OfficeRow],
    ) -> Result<Vec<StageTimes>> {
        let sql = format!(
            "SELECT office_id, (end_at - start_at) / {DAY} AS days, COUNT(*) AS n FROM ( \
               SELECT c.office_id, d.at AS end_at, {start} AS start_at FROM ( \
                 SELECT case_id, MIN(at) AS at FROM case_events \
                 WHERE to_status IN ({ends}) AND at >= $1 AND at < $2 GROUP BY case_id \
               ) d JOIN cases c ON c.id = d.case_id WHERE 1 = 1{scope} \
             ) t WHERE start_at IS NOT NULL GROUP BY office_id, (end_at - start_at) / {DAY}",
            start = stage.start_sql(),
            ends = stage.end_statuses(),
            scope = self.where_sql(2)
        );
        let mut histograms: BTreeMap<Option<String>, BTreeMap<i64, i64>> = BTreeMap::new();
        for (office_id, days, count) in self.grouped_counts(app, sql).await? {
            for key in [None, Some(office_id)] {
                *histograms.entry(key).or_default().entry(days).or_default() += count;
            }
        }
        let figures = |office: Option<&OfficeRow>| {
            let key = office.map(|o| o.id.clone());
            let histogram = histograms.get(&key).cloned().unwrap_or_default();
            let cases: i64 = histogram.values().sum();
            let shown = cases >= MIN_CELL;
            StageTimes {
                stage,
                office: office.cloned(),
                cases,
                median_days: shown.then(|| percentile(&histogram, 50)).flatten(),
                p90_days: shown.then(|| percentile(&histogram, 90)).flatten(),
            }
        };
        Ok(std::iter::once(figures(None))
            .chain(offices.iter().map(|office| figures(Some(office))))
            .collect())
    }

    async fn fast_track(&self, app: &App, offices: &[OfficeRow]) -> Result<Vec<SlaFigures>> {
        let sql = format!(
            "SELECT office_id, outcome, COUNT(*) AS n FROM ( \
               SELECT office_id, CASE \
                 WHEN submitted_at IS NOT NULL AND submitted_at <= due_at THEN 'met' \
                 WHEN submitted_at IS NOT NULL OR due_at < $3 THEN 'missed' \
                 ELSE 'pending' END AS outcome FROM ( \
                 SELECT c.office_id, c.due_at, c.status, (SELECT MIN(x.at) FROM case_events x \
                   WHERE x.case_id = c.id AND x.to_status = {submitted}) AS submitted_at \
                 FROM cases c WHERE c.priority IN ('{emergency}', '{urgent}') \
                 AND c.opened_at >= $1 AND c.opened_at < $2{scope} \
               ) t WHERE NOT (status = {withdrawn} AND submitted_at IS NULL) \
             ) u GROUP BY office_id, outcome",
            submitted = statuses(&[CaseStatus::Submitted]),
            withdrawn = statuses(&[CaseStatus::Withdrawn]),
            emergency = Priority::Emergency.as_str(),
            urgent = Priority::Urgent.as_str(),
            scope = self.where_sql(3)
        );
        let query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.from)
            .bind(self.until)
            .bind(now_millis());
        let rows = self.bind(query).fetch_all(&app.db.pool).await?;
        let mut by_office: BTreeMap<String, SlaFigures> = BTreeMap::new();
        let mut all = SlaFigures::default();
        for row in &rows {
            let office_id: String = row.try_get("office_id")?;
            let outcome: String = row.try_get("outcome")?;
            let count: i64 = row.try_get("n")?;
            for figures in [&mut all, by_office.entry(office_id).or_default()] {
                match outcome.as_str() {
                    "met" => figures.met += count,
                    "missed" => figures.missed += count,
                    _ => figures.pending += count,
                }
            }
        }
        let mut result = vec![all];
        for office in offices {
            let mut figures = by_office.remove(&office.id).unwrap_or_default();
            figures.office = Some(office.clone());
            result.push(figures);
        }
        Ok(result)
    }

    /// Each case's first completeness report made in the period: complete or not, and which
    /// items it found missing or invalid.
    async fn first_checks(
        &self,
        app: &App,
        offices: &[OfficeRow],
    ) -> Result<(Vec<FirstChecks>, Vec<MissingItem>)> {
        let sql = format!(
            "SELECT c.office_id, c.pack_id, r.verdict, r.items FROM completeness_reports r \
             JOIN cases c ON c.id = r.case_id \
             WHERE r.created_at >= $1 AND r.created_at < $2{} \
             AND r.created_at = (SELECT MIN(x.created_at) FROM completeness_reports x \
                                 WHERE x.case_id = r.case_id)",
            self.where_sql(2)
        );
        let query = self.bind(
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(self.from)
                .bind(self.until),
        );
        let rows = query.fetch_all(&app.db.pool).await?;
        let mut all = FirstChecks::default();
        let mut by_office: BTreeMap<String, FirstChecks> = BTreeMap::new();
        let mut missing: BTreeMap<(String, String), i64> = BTreeMap::new();
        for row in &rows {
            let office_id: String = row.try_get("office_id")?;
            let complete = row.try_get::<String, _>("verdict")? == "complete";
            for figures in [&mut all, by_office.entry(office_id).or_default()] {
                figures.checked += 1;
                figures.complete += i64::from(complete);
            }
            let pack_id: String = row.try_get("pack_id")?;
            let lines: Vec<ReportLine> = serde_json::from_str(&row.try_get::<String, _>("items")?)
                .map_err(Error::internal)?;
            let mut lacking: Vec<&str> = lines
                .iter()
                .filter(|line| matches!(line.status.as_str(), "missing" | "invalid"))
                .map(|line| line.item_id.as_str())
                .collect();
            lacking.sort_unstable();
            lacking.dedup();
            for item in lacking {
                *missing
                    .entry((pack_id.clone(), item.to_owned()))
                    .or_default() += 1;
            }
        }
        let mut checks = vec![all];
        for office in offices {
            let mut figures = by_office.remove(&office.id).unwrap_or_default();
            figures.office = Some(office.clone());
            checks.push(figures);
        }
        let mut ranked: Vec<((String, String), i64)> = missing.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let items = ranked
            .into_iter()
            .take(MISSING_ITEMS_SHOWN)
            .map(|((pack_id, item_id), count)| MissingItem {
                pack_id,
                item_id,
                cases: (count >= MIN_CELL).then_some(count),
            })
            .collect();
        Ok((checks, items))
    }

    async fn breakdowns(
        &self,
        app: &App,
        offices: &[OfficeRow],
    ) -> Result<(Vec<Breakdown>, Vec<SexAndAge>)> {
        let sql = format!(
            "SELECT c.office_id, p.sex, p.birth_year, p.nationality, c.pathway_id, COUNT(*) AS n \
             FROM cases c JOIN case_members m ON m.case_id = c.id AND m.role = 'principal_applicant' \
             JOIN people p ON p.id = m.person_id \
             WHERE c.opened_at >= $1 AND c.opened_at < $2{} \
             GROUP BY c.office_id, p.sex, p.birth_year, p.nationality, c.pathway_id",
            self.where_sql(2)
        );
        let query = self.bind(
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(self.from)
                .bind(self.until),
        );
        let rows = query.fetch_all(&app.db.pool).await?;
        let reference_year = Month::of_millis(self.until - 1).year();
        let mut groups: [BTreeMap<String, i64>; 4] = Default::default();
        let mut by_office: BTreeMap<String, Vec<i64>> = BTreeMap::new();
        for row in &rows {
            let count: i64 = row.try_get("n")?;
            let birth_year: Option<i64> = row.try_get("birth_year")?;
            let nationality: Option<String> = row.try_get("nationality")?;
            let values = [
                row.try_get::<String, _>("sex")?,
                age_group(birth_year, reference_year).to_owned(),
                nationality.unwrap_or_else(|| "unknown".to_owned()),
                row.try_get::<String, _>("pathway_id")?,
            ];
            let column = SexAndAge::column(&values[0], &values[1]);
            let office_id: String = row.try_get("office_id")?;
            by_office
                .entry(office_id)
                .or_insert_with(|| vec![0; SexAndAge::COLUMNS.len()])[column] += count;
            for (group, value) in groups.iter_mut().zip(values) {
                *group.entry(value).or_default() += count;
            }
        }
        let dimensions = ["sex", "age_group", "nationality", "pathway"];
        let breakdowns = dimensions
            .into_iter()
            .zip(groups)
            .map(|(dimension, group)| breakdown(dimension, group))
            .collect();
        let sex_and_age = offices
            .iter()
            .filter_map(|office| {
                let counts = by_office.remove(&office.id)?;
                Some(SexAndAge {
                    office: office.clone(),
                    total: counts.iter().sum(),
                    cells: shown_counts(&counts),
                })
            })
            .collect();
        Ok((breakdowns, sex_and_age))
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
