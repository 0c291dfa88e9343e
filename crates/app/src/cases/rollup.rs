//! The case indicators as monthly tallies, kept by the writes that change cases.
//!
//! Grouping every case of a period at each dashboard view took seconds over a million cases
//! (BENCHMARKS.md). Instead each case contributes to `case_figures_by_month`: tallies per month,
//! office, pathway, [`Measure`] and value, which reports add up. [`figures`] is the one
//! definition of what cases contribute, read from what is stored about them. A write that
//! changes a case brackets its change with [`Tracked::start`] and [`Tracked::finish`], which
//! compute the case's figures before and after and store only the difference; [`rebuild`]
//! computes every case's figures from scratch (after a bulk load or an upgrade), and
//! [`differences`] compares the kept tallies with such a computation.
//!
//! Invariant: every stored tally is the sum, over the stored cases, of their [`figures`].
//! Erasure keeps what the figures read (sex, year of birth, nationality, events, completeness
//! verdicts), so erasing a person leaves the tallies as they were.

use std::collections::BTreeMap;

use futures_util::TryStreamExt;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::documents::ReportLine;
use super::triage::Priority;
use super::workflow::CaseStatus;
use crate::App;
use crate::db::{Db, Rows, Tx, Value, placeholders};
use crate::error::{Error, Result};
use crate::reports::disclosure::age_group;
use crate::time::{DAY, Millis, Month};

/// What a tally counts. Each measure's `value` says which group of it a tally holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// Cases opened in the month; value empty.
    Opened,
    /// Moves to closed or withdrawn in the month; value empty.
    Closed,
    /// Cases opened, by the principal applicant's sex and age group at the opening: `F|18-24`.
    SexAndAge,
    /// Cases opened, by the principal applicant's nationality (`unknown` when not known).
    Nationality,
    /// Cases first submitted in the month, by whole days since the opening.
    IntakeToSubmissionDays,
    /// Cases first decided in the month, by whole days since their first submission.
    SubmissionToDecisionDays,
    /// Emergency and urgent cases opened in the month and submitted: `met` when on or before
    /// their due date, otherwise `missed`.
    FastTrackSubmitted,
    /// Emergency and urgent cases opened in the month, neither submitted nor withdrawn, by their
    /// due day (days since 1970-01-01, UTC; whether it has passed depends on when the report is
    /// read). By day, not instant: one tally per due day rather than one per waiting case.
    FastTrackWaiting,
    /// Cases whose first completeness check was in the month: `complete` or `incomplete`.
    FirstCheck,
    /// Checklist items that first check found missing or invalid, once per case: `pack/item`.
    MissingAtFirstCheck,
}

impl Measure {
    pub const ALL: [Measure; 10] = [
        Measure::Opened,
        Measure::Closed,
        Measure::SexAndAge,
        Measure::Nationality,
        Measure::IntakeToSubmissionDays,
        Measure::SubmissionToDecisionDays,
        Measure::FastTrackSubmitted,
        Measure::FastTrackWaiting,
        Measure::FirstCheck,
        Measure::MissingAtFirstCheck,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Opened => "opened",
            Measure::Closed => "closed",
            Measure::SexAndAge => "sex_age",
            Measure::Nationality => "nationality",
            Measure::IntakeToSubmissionDays => "intake_to_submission",
            Measure::SubmissionToDecisionDays => "submission_to_decision",
            Measure::FastTrackSubmitted => "fast_track_submitted",
            Measure::FastTrackWaiting => "fast_track_waiting",
            Measure::FirstCheck => "first_check",
            Measure::MissingAtFirstCheck => "missing_at_first_check",
        }
    }

    fn parse(text: &str) -> Result<Measure> {
        Measure::ALL
            .into_iter()
            .find(|measure| measure.as_str() == text)
            .ok_or_else(|| Error::internal(format!("unknown measure {text}")))
    }
}

/// Where one tally is kept.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FigureKey {
    pub month: Month,
    pub office_id: String,
    pub pathway_id: String,
    pub measure: Measure,
    pub value: String,
}

/// Tallies by key: what some cases contribute, or what is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures(BTreeMap<FigureKey, i64>);

impl Figures {
    pub fn tallies(&self) -> &BTreeMap<FigureKey, i64> {
        &self.0
    }

    /// Adds one to the tally of `measure` and `value` for the case at `place` in `at`'s month.
    fn count(&mut self, place: &Place, at: Millis, measure: Measure, value: String) {
        let key = FigureKey {
            month: Month::of_millis(at),
            office_id: place.office_id.clone(),
            pathway_id: place.pathway_id.clone(),
            measure,
            value,
        };
        *self.0.entry(key).or_default() += 1;
    }

    /// What to add to the kept tallies when these figures become `after`.
    fn change_to(mut self, after: Figures) -> Vec<(FigureKey, i64)> {
        for (key, tally) in after.0 {
            *self.0.entry(key).or_default() -= tally;
        }
        self.0
            .into_iter()
            .filter(|(_, minus_change)| *minus_change != 0)
            .map(|(key, minus_change)| (key, -minus_change))
            .collect()
    }
}

/// The office and pathway of the case a row is about.
struct Place {
    office_id: String,
    pathway_id: String,
}

impl Place {
    fn of(row: &AnyRow) -> Result<Place> {
        Ok(Place {
            office_id: row.try_get("office_id")?,
            pathway_id: row.try_get("pathway_id")?,
        })
    }
}

/// The cases whose figures are computed.
#[derive(Clone, Copy)]
enum Cases<'a> {
    One(&'a str),
    All,
}

impl Cases<'_> {
    /// A condition on `cases c`.
    fn condition(self) -> &'static str {
        match self {
            Cases::One(_) => "c.id = $1",
            Cases::All => "1 = 1",
        }
    }
}

/// Runs `sql` (which filters with [`Cases::condition`]) and hands each row to `visit`, as the
/// rows arrive: a rebuild reads a row per case without holding them all.
async fn each_row(
    conn: &mut AnyConnection,
    sql: String,
    cases: Cases<'_>,
    mut visit: impl FnMut(&AnyRow) -> Result<()>,
) -> Result<()> {
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    if let Cases::One(id) = cases {
        query = query.bind(id);
    }
    let mut rows = query.fetch(conn);
    while let Some(row) = rows.try_next().await? {
        visit(&row)?;
    }
    Ok(())
}

/// What `cases` contribute to the tallies, from what is stored about them now.
async fn figures(conn: &mut AnyConnection, cases: Cases<'_>) -> Result<Figures> {
    let mut figures = Figures::default();
    count_cases(conn, cases, &mut figures).await?;
    count_principal_applicants(conn, cases, &mut figures).await?;
    count_closings(conn, cases, &mut figures).await?;
    count_first_checks(conn, cases, &mut figures).await?;
    Ok(figures)
}

/// Openings, stage lengths and the fast-tracked cases' due dates.
async fn count_cases(
    conn: &mut AnyConnection,
    cases: Cases<'_>,
    figures: &mut Figures,
) -> Result<()> {
    let sql = format!(
        "SELECT c.office_id, c.pathway_id, c.opened_at, c.priority, c.due_at, c.status, \
           (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id \
              AND e.to_status = '{submitted}') AS submitted_at, \
           (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id \
              AND e.to_status IN ('{approved}', '{refused}')) AS decided_at \
         FROM cases c WHERE {condition}",
        submitted = CaseStatus::Submitted.as_str(),
        approved = CaseStatus::Approved.as_str(),
        refused = CaseStatus::Refused.as_str(),
        condition = cases.condition(),
    );
    let fast_tracked = [Priority::Emergency.as_str(), Priority::Urgent.as_str()];
    each_row(conn, sql, cases, |row| {
        let place = Place::of(row)?;
        let opened_at: Millis = row.try_get("opened_at")?;
        let submitted_at: Option<Millis> = row.try_get("submitted_at")?;
        let decided_at: Option<Millis> = row.try_get("decided_at")?;
        figures.count(&place, opened_at, Measure::Opened, String::new());
        if let Some(submitted_at) = submitted_at {
            let days = (submitted_at - opened_at) / DAY;
            let measure = Measure::IntakeToSubmissionDays;
            figures.count(&place, submitted_at, measure, days.to_string());
            if let Some(decided_at) = decided_at {
                let days = (decided_at - submitted_at) / DAY;
                let measure = Measure::SubmissionToDecisionDays;
                figures.count(&place, decided_at, measure, days.to_string());
            }
        }
        let priority: String = row.try_get("priority")?;
        if !fast_tracked.contains(&priority.as_str()) {
            return Ok(());
        }
        let due_at: Millis = row.try_get("due_at")?;
        let status: String = row.try_get("status")?;
        match submitted_at {
            Some(submitted_at) => {
                let outcome = if submitted_at <= due_at {
                    "met"
                } else {
                    "missed"
                };
                let measure = Measure::FastTrackSubmitted;
                figures.count(&place, opened_at, measure, outcome.to_owned());
            }
            None if status == CaseStatus::Withdrawn.as_str() => {}
            None => {
                let measure = Measure::FastTrackWaiting;
                let due_day = due_at.div_euclid(DAY);
                figures.count(&place, opened_at, measure, due_day.to_string());
            }
        }
        Ok(())
    })
    .await
}

/// The principal applicant's sex, age group and nationality, once per case opened.
async fn count_principal_applicants(
    conn: &mut AnyConnection,
    cases: Cases<'_>,
    figures: &mut Figures,
) -> Result<()> {
    let sql = format!(
        "SELECT c.office_id, c.pathway_id, c.opened_at, p.sex, p.birth_year, p.nationality \
         FROM cases c JOIN case_members m ON m.case_id = c.id AND m.role = 'principal_applicant' \
         JOIN people p ON p.id = m.person_id WHERE {}",
        cases.condition()
    );
    each_row(conn, sql, cases, |row| {
        let place = Place::of(row)?;
        let opened_at: Millis = row.try_get("opened_at")?;
        let sex: String = row.try_get("sex")?;
        let age = age_group(
            row.try_get("birth_year")?,
            Month::of_millis(opened_at).year(),
        );
        let nationality: Option<String> = row.try_get("nationality")?;
        let nationality = nationality.unwrap_or_else(|| "unknown".to_owned());
        figures.count(
            &place,
            opened_at,
            Measure::SexAndAge,
            format!("{sex}|{age}"),
        );
        figures.count(&place, opened_at, Measure::Nationality, nationality);
        Ok(())
    })
    .await
}

/// Every move to closed or withdrawn.
async fn count_closings(
    conn: &mut AnyConnection,
    cases: Cases<'_>,
    figures: &mut Figures,
) -> Result<()> {
    let sql = format!(
        "SELECT c.office_id, c.pathway_id, e.at FROM case_events e JOIN cases c ON c.id = e.case_id \
         WHERE e.to_status IN ('{closed}', '{withdrawn}') AND {condition}",
        closed = CaseStatus::Closed.as_str(),
        withdrawn = CaseStatus::Withdrawn.as_str(),
        condition = cases.condition(),
    );
    each_row(conn, sql, cases, |row| {
        figures.count(
            &Place::of(row)?,
            row.try_get("at")?,
            Measure::Closed,
            String::new(),
        );
        Ok(())
    })
    .await
}

/// Each case's first completeness report: its verdict and what it found lacking.
async fn count_first_checks(
    conn: &mut AnyConnection,
    cases: Cases<'_>,
    figures: &mut Figures,
) -> Result<()> {
    let sql = format!(
        "SELECT c.office_id, c.pathway_id, c.pack_id, r.created_at, r.verdict, r.items \
         FROM completeness_reports r JOIN cases c ON c.id = r.case_id WHERE {} \
         AND r.created_at = (SELECT MIN(x.created_at) FROM completeness_reports x \
                             WHERE x.case_id = r.case_id)",
        cases.condition()
    );
    each_row(conn, sql, cases, |row| {
        let place = Place::of(row)?;
        let at: Millis = row.try_get("created_at")?;
        let verdict: String = row.try_get("verdict")?;
        let verdict = if verdict == "complete" {
            "complete"
        } else {
            "incomplete"
        };
        figures.count(&place, at, Measure::FirstCheck, verdict.to_owned());
        let pack_id: String = row.try_get("pack_id")?;
        let lines: Vec<ReportLine> =
            serde_json::from_str(&row.try_get::<String, _>("items")?).map_err(Error::internal)?;
        let mut lacking: Vec<&str> = lines
            .iter()
            .filter(|line| matches!(line.status.as_str(), "missing" | "invalid"))
            .map(|line| line.item_id.as_str())
            .collect();
        lacking.sort_unstable();
        lacking.dedup();
        for item in lacking {
            let measure = Measure::MissingAtFirstCheck;
            figures.count(&place, at, measure, format!("{pack_id}/{item}"));
        }
        Ok(())
    })
    .await
}

/// A case's figures before a change, to be replaced by its figures after it.
pub(crate) struct Tracked {
    case_id: String,
    before: Figures,
}

impl Tracked {
    /// Locks the case's row until the transaction ends, so that no other writer's change comes
    /// between these figures and [`Tracked::finish`], and reads them. A case not yet stored has
    /// no figures.
    pub(crate) async fn start(tx: &mut Tx, case_id: &str) -> Result<Tracked> {
        sqlx::query("UPDATE cases SET version = version WHERE id = $1")
            .bind(case_id)
            .execute(&mut **tx)
            .await?;
        let before = figures(tx, Cases::One(case_id)).await?;
        Ok(Tracked {
            case_id: case_id.to_owned(),
            before,
        })
    }

    /// A case about to be stored: nothing before.
    pub(crate) fn new_case(case_id: &str) -> Tracked {
        Tracked {
            case_id: case_id.to_owned(),
            before: Figures::default(),
        }
    }

    /// Reads the case's figures again and adds the difference to the kept tallies.
    pub(crate) async fn finish(self, tx: &mut Tx) -> Result<()> {
        let after = figures(tx, Cases::One(&self.case_id)).await?;
        for (key, change) in self.before.change_to(after) {
            add_to_kept(tx, &key, change).await?;
        }
        Ok(())
    }
}

async fn add_to_kept(tx: &mut Tx, key: &FigureKey, change: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO case_figures_by_month (month, office_id, pathway_id, measure, value, tally) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (month, office_id, pathway_id, measure, value) \
         DO UPDATE SET tally = case_figures_by_month.tally + excluded.tally",
    )
    .bind(key.month.index())
    .bind(&key.office_id)
    .bind(&key.pathway_id)
    .bind(key.measure.as_str())
    .bind(&key.value)
    .bind(change)
    .execute(&mut **tx)
    .await?;
    if change < 0 {
        // A group nobody is in any more is no row rather than a zero.
        sqlx::query(
            "DELETE FROM case_figures_by_month WHERE month = $1 AND office_id = $2 \
             AND pathway_id = $3 AND measure = $4 AND value = $5 AND tally = 0",
        )
        .bind(key.month.index())
        .bind(&key.office_id)
        .bind(&key.pathway_id)
        .bind(key.measure.as_str())
        .bind(&key.value)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Replaces every kept tally with one computed from the stored cases, in one transaction that
/// excludes other writers of the tallies; returns how many tallies are kept.
pub async fn rebuild(app: &App) -> Result<usize> {
    let mut tx = app.db.begin().await?;
    app.db
        .lock_for_rewrite(&mut tx, "case_figures_by_month")
        .await?;
    sqlx::query("DELETE FROM case_figures_by_month")
        .execute(&mut *tx)
        .await?;
    let all = figures(&mut tx, Cases::All).await?;
    let kept = all.0.len();
    let mut rows = Rows::new(
        "INSERT INTO case_figures_by_month (month, office_id, pathway_id, measure, value, tally) VALUES",
        6,
    );
    for (key, tally) in all.0 {
        rows.push([
            Value::Int(key.month.index()),
            Value::Text(key.office_id),
            Value::Text(key.pathway_id),
            Value::Text(key.measure.as_str().to_owned()),
            Value::Text(key.value),
            Value::Int(tally),
        ]);
    }
    rows.insert(&mut tx, app.db.backend).await?;
    tx.commit().await?;
    // Every row is new: without fresh statistics PostgreSQL plans the reports' sums for a
    // table of a few rows and sorts a hundred thousand of them (0.4 s instead of 0.05 s).
    sqlx::query("ANALYZE case_figures_by_month")
        .execute(&app.db.pool)
        .await?;
    Ok(kept)
}

/// Builds the tallies when cases are stored but no tally is: after the upgrade that brought
/// them, or a load that wrote cases directly. Every stored case counts at least its opening.
pub async fn build_if_missing(app: &App) -> Result<()> {
    let tallies = sqlx::query("SELECT 1 FROM case_figures_by_month LIMIT 1")
        .fetch_optional(&app.db.pool)
        .await?;
    let cases = sqlx::query("SELECT 1 FROM cases LIMIT 1")
        .fetch_optional(&app.db.pool)
        .await?;
    if tallies.is_none() && cases.is_some() {
        rebuild(app).await?;
    }
    Ok(())
}

/// The kept tallies.
pub async fn kept(db: &Db) -> Result<Figures> {
    let rows = sqlx::query(
        "SELECT month, office_id, pathway_id, measure, value, tally FROM case_figures_by_month",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut kept = Figures::default();
    for row in &rows {
        let key = FigureKey {
            month: Month::from_index(row.try_get("month")?),
            office_id: row.try_get("office_id")?,
            pathway_id: row.try_get("pathway_id")?,
            measure: Measure::parse(&row.try_get::<String, _>("measure")?)?,
            value: row.try_get("value")?,
        };
        kept.0.insert(key, row.try_get("tally")?);
    }
    Ok(kept)
}

/// A tally that differs from what the stored cases contribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub key: FigureKey,
    pub kept: i64,
    pub computed: i64,
}

/// Where the kept tallies differ from the stored cases' figures.
pub async fn differences(app: &App) -> Result<Vec<Difference>> {
    let kept = kept(&app.db).await?;
    let mut conn = app.db.pool.acquire().await?;
    let computed = figures(&mut conn, Cases::All).await?;
    let keys: std::collections::BTreeSet<&FigureKey> =
        kept.0.keys().chain(computed.0.keys()).collect();
    Ok(keys
        .into_iter()
        .map(|key| Difference {
            key: key.clone(),
            kept: kept.0.get(key).copied().unwrap_or(0),
            computed: computed.0.get(key).copied().unwrap_or(0),
        })
        .filter(|difference| difference.kept != difference.computed)
        .collect())
}

/// Which tallies a report adds up: a range of months, the offices in scope (`None`: all) and
/// optionally one pathway.
pub struct Selection<'a> {
    pub from: Month,
    /// Inclusive.
    pub to: Month,
    pub offices: Option<&'a [String]>,
    pub pathway: Option<&'a str>,
}

impl Selection<'_> {
    /// The condition on `case_figures_by_month` for these measures.
    fn condition(&self, measures: &[Measure]) -> String {
        let names: Vec<String> = measures
            .iter()
            .map(|m| format!("'{}'", m.as_str()))
            .collect();
        let mut sql = format!(
            "month >= $1 AND month <= $2 AND measure IN ({})",
            names.join(", ")
        );
        let mut used = 2;
        match self.offices {
            None => {}
            // `IN ()` is no SQL on PostgreSQL.
            Some([]) => sql.push_str(" AND 1 = 0"),
            Some(offices) => {
                let marks = placeholders(used + 1, offices.len());
                sql.push_str(&format!(" AND office_id IN ({marks})"));
                used += offices.len();
            }
        }
        if self.pathway.is_some() {
            sql.push_str(&format!(" AND pathway_id = ${}", used + 1));
        }
        sql
    }

    /// Sums of tallies per office, measure and `columns`.
    async fn sums(&self, db: &Db, measures: &[Measure], columns: &str) -> Result<Vec<AnyRow>> {
        let sql = format!(
            "SELECT office_id, measure, {columns}, CAST(SUM(tally) AS BIGINT) AS tally FROM case_figures_by_month \
             WHERE {} GROUP BY office_id, measure, {columns}",
            self.condition(measures)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.from.index())
            .bind(self.to.index());
        for office in self.offices.into_iter().flatten() {
            query = query.bind(office.as_str());
        }
        if let Some(pathway) = self.pathway {
            query = query.bind(pathway);
        }
        Ok(query.fetch_all(&db.pool).await?)
    }
}

/// Tallies of one office and measure summed over a month and pathway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthSum {
    pub office_id: String,
    pub measure: Measure,
    pub month: Month,
    pub pathway_id: String,
    pub tally: i64,
}

/// Tallies of one office, measure and value summed over the selected months and pathways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueSum {
    pub office_id: String,
    pub measure: Measure,
    pub value: String,
    pub tally: i64,
}

/// The selected tallies of `measures` per office, month and pathway.
pub async fn sums_by_month(
    db: &Db,
    selection: &Selection<'_>,
    measures: &[Measure],
) -> Result<Vec<MonthSum>> {
    let rows = selection.sums(db, measures, "month, pathway_id").await?;
    rows.iter()
        .map(|row| {
            Ok(MonthSum {
                office_id: row.try_get("office_id")?,
                measure: Measure::parse(&row.try_get::<String, _>("measure")?)?,
                month: Month::from_index(row.try_get("month")?),
                pathway_id: row.try_get("pathway_id")?,
                tally: row.try_get("tally")?,
            })
        })
        .collect()
}

/// The selected tallies of `measures` per office and value.
pub async fn sums_by_value(
    db: &Db,
    selection: &Selection<'_>,
    measures: &[Measure],
) -> Result<Vec<ValueSum>> {
    let rows = selection.sums(db, measures, "value").await?;
    rows.iter()
        .map(|row| {
            Ok(ValueSum {
                office_id: row.try_get("office_id")?,
                measure: Measure::parse(&row.try_get::<String, _>("measure")?)?,
                value: row.try_get("value")?,
                tally: row.try_get("tally")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(value: &str) -> FigureKey {
        FigureKey {
            month: Month::from_index(24_000),
            office_id: "o".into(),
            pathway_id: "p".into(),
            measure: Measure::Nationality,
            value: value.into(),
        }
    }

    #[test]
    fn a_change_is_the_difference_without_what_stayed() {
        let before = Figures([(key("SYR"), 1), (key("unknown"), 1)].into_iter().collect());
        let after = Figures([(key("SYR"), 1), (key("IRQ"), 1)].into_iter().collect());
        assert_eq!(
            before.change_to(after),
            vec![(key("IRQ"), 1), (key("unknown"), -1)]
        );
    }

    #[test]
    fn measures_read_back_as_written() {
        for measure in Measure::ALL {
            assert_eq!(Measure::parse(measure.as_str()).ok(), Some(measure));
        }
        assert!(Measure::parse("opened_twice").is_err());
    }
}
