//! What leaves the system as files: aggregate tables and the pseudonymised case records.
//!
//! Aggregate tables carry HXL hashtags as a second header row, so humanitarian tools read them
//! without a mapping. The record-level export replaces every identifier with a pseudonym keyed
//! by a random key made for that export and then forgotten: rows of one export link to each
//! other, rows of two exports cannot be linked. Names, birth dates and free text never leave;
//! dates leave as months. Every export, of either kind, is audited with its stated purpose.

use serde_json::json;
use sqlx::Row;

use super::indicators::{Dashboard, SexAndAge, dashboard};
use super::{Month, ReportFilter, disclosure::age_group, offices_for};
use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::csv_file::CsvFile;
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{Action, Actor};

/// The aggregate tables a dashboard can be downloaded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggregateTable {
    MonthlyCases,
    StageTimes,
    FastTrack,
    FirstChecks,
    SexAndAge,
}

impl AggregateTable {
    pub const ALL: [AggregateTable; 5] = [
        AggregateTable::MonthlyCases,
        AggregateTable::StageTimes,
        AggregateTable::FastTrack,
        AggregateTable::FirstChecks,
        AggregateTable::SexAndAge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AggregateTable::MonthlyCases => "monthly_cases",
            AggregateTable::StageTimes => "stage_times",
            AggregateTable::FastTrack => "fast_track",
            AggregateTable::FirstChecks => "first_checks",
            AggregateTable::SexAndAge => "sex_and_age",
        }
    }

    pub fn parse(text: &str) -> Option<AggregateTable> {
        AggregateTable::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// A table with its column names and HXL hashtags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HxlTable {
    pub columns: Vec<(String, String)>,
    pub rows: Vec<Vec<String>>,
}

impl HxlTable {
    fn new(columns: &[(&str, &str)]) -> HxlTable {
        HxlTable {
            columns: columns
                .iter()
                .map(|(name, tag)| ((*name).to_owned(), (*tag).to_owned()))
                .collect(),
            rows: Vec::new(),
        }
    }

    pub fn to_csv(&self) -> Vec<u8> {
        let mut file = CsvFile::new();
        file.row(self.columns.iter().map(|(name, _)| name));
        file.row(self.columns.iter().map(|(_, tag)| tag));
        for row in &self.rows {
            file.row(row);
        }
        file.into_bytes()
    }
}

const OFFICE_COLUMNS: [(&str, &str); 2] = [("office", "#org +code"), ("country", "#country +code")];

fn number(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// One of the dashboard's tables; suppressed cells are empty.
pub fn aggregate_table(dashboard: &Dashboard, table: AggregateTable) -> HxlTable {
    match table {
        AggregateTable::MonthlyCases => {
            let mut out = HxlTable::new(&[
                ("month", "#date +month"),
                OFFICE_COLUMNS[0],
                OFFICE_COLUMNS[1],
                ("opened", "#indicator +num +opened"),
                ("closed", "#indicator +num +closed"),
            ]);
            for office_series in dashboard.monthly.iter().skip(1) {
                let Some(office) = &office_series.office else {
                    continue;
                };
                for (index, month) in dashboard.months.iter().enumerate() {
                    out.rows.push(vec![
                        month.to_string(),
                        office.code.clone(),
                        office.country.clone(),
                        number(office_series.opened.get(index).copied()),
                        number(office_series.closed.get(index).copied()),
                    ]);
                }
            }
            out
        }
        AggregateTable::StageTimes => {
            let mut out = HxlTable::new(&[
                ("stage", "#meta +stage"),
                OFFICE_COLUMNS[0],
                OFFICE_COLUMNS[1],
                ("cases", "#indicator +num +cases"),
                ("median_days", "#indicator +num +median_days"),
                ("p90_days", "#indicator +num +p90_days"),
            ]);
            for times in dashboard.stage_times.iter().filter(|t| t.office.is_some()) {
                let office = times.office.as_ref();
                out.rows.push(vec![
                    times.stage.as_str().to_owned(),
                    office.map(|o| o.code.clone()).unwrap_or_default(),
                    office.map(|o| o.country.clone()).unwrap_or_default(),
                    times.cases.to_string(),
                    number(times.median_days),
                    number(times.p90_days),
                ]);
            }
            out
        }
        AggregateTable::FastTrack => {
            let mut out = HxlTable::new(&[
                OFFICE_COLUMNS[0],
                OFFICE_COLUMNS[1],
                ("met", "#indicator +num +sla_met"),
                ("missed", "#indicator +num +sla_missed"),
                ("pending", "#indicator +num +sla_pending"),
                ("met_percent", "#indicator +pct +sla_met"),
            ]);
            for figures in dashboard.fast_track.iter().skip(1) {
                let office = figures.office.as_ref();
                out.rows.push(vec![
                    office.map(|o| o.code.clone()).unwrap_or_default(),
                    office.map(|o| o.country.clone()).unwrap_or_default(),
                    figures.met.to_string(),
                    figures.missed.to_string(),
                    figures.pending.to_string(),
                    number(figures.met_percent()),
                ]);
            }
            out
        }
        AggregateTable::FirstChecks => {
            let mut out = HxlTable::new(&[
                OFFICE_COLUMNS[0],
                OFFICE_COLUMNS[1],
                ("checked", "#indicator +num +first_checks"),
                ("complete", "#indicator +num +complete_first_time"),
                ("complete_percent", "#indicator +pct +complete_first_time"),
            ]);
            for figures in dashboard.first_checks.iter().skip(1) {
                let office = figures.office.as_ref();
                out.rows.push(vec![
                    office.map(|o| o.code.clone()).unwrap_or_default(),
                    office.map(|o| o.country.clone()).unwrap_or_default(),
                    figures.checked.to_string(),
                    figures.complete.to_string(),
                    number(figures.complete_percent()),
                ]);
            }
            out
        }
        AggregateTable::SexAndAge => {
            let tags: Vec<(String, String)> = SexAndAge::COLUMNS
                .iter()
                .map(|(sex, age, attributes)| {
                    let name = if sex.is_empty() {
                        "other_or_unknown".to_owned()
                    } else {
                        format!("{}_{}", sex.to_lowercase(), age.replace('-', "_"))
                    };
                    (name, format!("#affected {attributes}"))
                })
                .collect();
            let mut out = HxlTable::new(&[
                OFFICE_COLUMNS[0],
                OFFICE_COLUMNS[1],
                ("total", "#affected +num"),
            ]);
            out.columns.extend(tags);
            for row in &dashboard.sex_and_age {
                let mut cells = vec![
                    row.office.code.clone(),
                    row.office.country.clone(),
                    row.total.to_string(),
                ];
                cells.extend(row.cells.iter().map(|cell| number(*cell)));
                out.rows.push(cells);
            }
            out
        }
    }
}

/// Checks the purpose an export is made for: required, and short enough to be a purpose.
pub fn validate_purpose(purpose: &str) -> Result<String> {
    let purpose = purpose.trim();
    let mut errors = FieldErrors::default();
    if purpose.chars().count() < 10 {
        errors.add("purpose", "reports-error-purpose");
    } else if purpose.chars().count() > 500 {
        errors.add("purpose", "reports-error-purpose-too-long");
    }
    errors.into_result()?;
    Ok(purpose.to_owned())
}

/// An aggregate table of the dashboard as CSV, audited with its purpose.
pub async fn export_aggregate(
    app: &App,
    actor: &Actor,
    filter: &ReportFilter,
    table: AggregateTable,
    purpose: &str,
) -> Result<Vec<u8>> {
    let purpose = validate_purpose(purpose)?;
    let figures = dashboard(app, actor, filter).await?;
    let csv = aggregate_table(&figures, table).to_csv();
    record_export(
        app,
        actor,
        filter,
        AuditAction::ReportExportAggregate,
        &purpose,
        table.as_str(),
        None,
    )
    .await?;
    Ok(csv)
}

/// Columns of the pseudonymised case records.
pub const RECORD_COLUMNS: [(&str, &str); 14] = [
    ("case", "#meta +id +case"),
    ("principal", "#meta +id +person"),
    ("office", "#org +code"),
    ("country", "#country +code"),
    ("pathway", "#sector +pathway"),
    ("status", "#status"),
    ("priority", "#severity"),
    ("opened_month", "#date +opened"),
    ("submitted_month", "#date +submitted"),
    ("decided_month", "#date +decided"),
    ("members", "#affected +num"),
    ("principal_sex", "#affected +sex"),
    ("principal_age_group", "#affected +age"),
    ("principal_nationality", "#country +nationality"),
];

/// Every case of the period in the actor's scope, one row each, with pseudonyms for identifiers.
pub async fn export_pseudonymised(
    app: &App,
    actor: &Actor,
    filter: &ReportFilter,
    purpose: &str,
) -> Result<Vec<u8>> {
    let purpose = validate_purpose(purpose)?;
    let offices = offices_for(actor, Action::ExportPseudonymisedCases, filter)?;
    let scope = super::indicators::CaseScope::for_offices(filter, offices);
    let rows = scope.case_records(app).await?;
    let key: [u8; 32] = rand::random();
    let pseudonym = |kind: &str, id: &str| {
        let hash = blake3::keyed_hash(&key, format!("{kind}:{id}").as_bytes());
        hash.to_hex()[..16].to_owned()
    };
    let mut table = HxlTable::new(&RECORD_COLUMNS);
    for row in &rows {
        let month = |at: Option<i64>| at.map(|at| Month::of_millis(at).to_string());
        let opened = Month::of_millis(row.try_get("opened_at")?);
        table.rows.push(vec![
            pseudonym("case", &row.try_get::<String, _>("id")?),
            row.try_get::<Option<String>, _>("person_id")?
                .map(|id| pseudonym("person", &id))
                .unwrap_or_default(),
            row.try_get("code")?,
            row.try_get("country")?,
            row.try_get("pathway_id")?,
            row.try_get("status")?,
            row.try_get("priority")?,
            opened.to_string(),
            month(row.try_get("submitted_at")?).unwrap_or_default(),
            month(row.try_get("decided_at")?).unwrap_or_default(),
            row.try_get::<i64, _>("members")?.to_string(),
            row.try_get::<Option<String>, _>("sex")?.unwrap_or_default(),
            age_group(row.try_get("birth_year")?, opened.year()).to_owned(),
            row.try_get::<Option<String>, _>("nationality")?
                .unwrap_or_default(),
        ]);
    }
    let count = table.rows.len();
    record_export(
        app,
        actor,
        filter,
        AuditAction::ReportExportPseudonymised,
        &purpose,
        "case_records",
        Some(count),
    )
    .await?;
    Ok(table.to_csv())
}

async fn record_export(
    app: &App,
    actor: &Actor,
    filter: &ReportFilter,
    action: AuditAction,
    purpose: &str,
    table: &str,
    rows: Option<usize>,
) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let details = json!({
        "purpose": purpose,
        "table": table,
        "rows": rows,
        "from": filter.from.to_string(),
        "to": filter.to.to_string(),
        "office_id": filter.office_id,
        "pathway_id": filter.pathway_id,
    });
    audit::record(
        &mut tx,
        NewAuditEvent::new(actor.audit_id(), action, "report", None)
            .in_office(filter.office_id.as_deref())
            .with_details(details),
    )
    .await?;
    tx.commit().await.map_err(Error::from)
}
