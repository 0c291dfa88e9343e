//! The indicators dashboard for supervisors and analysts: SVG charts with the same numbers in
//! tables, filters by period, office and pathway, and the audited CSV downloads.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use app::FieldErrors;
use app::reports::chart::{self, Bar, Direction, Frame, Series};
use app::reports::export::{self, AggregateTable};
use app::reports::indicators::{Dashboard, MissingItem, OfficeRow, Stage};
use app::reports::{self, ReportFilter, ReportFilterForm};
use app::time::now_millis;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::pages::{FormPairs, PageContext, form_value, render_with_status};

/// The filter as it arrives in the query string or in an export form's hidden fields.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub(super) struct FilterQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    office: String,
    #[serde(default)]
    pathway: String,
}

impl FilterQuery {
    fn from_pairs(pairs: &[(String, String)]) -> FilterQuery {
        FilterQuery {
            from: form_value(pairs, "from"),
            to: form_value(pairs, "to"),
            office: form_value(pairs, "office"),
            pathway: form_value(pairs, "pathway"),
        }
    }

    fn form(&self) -> ReportFilterForm {
        ReportFilterForm {
            from: self.from.clone(),
            to: self.to.clone(),
            office_id: self.office.clone(),
            pathway_id: self.pathway.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "reports/dashboard.html")]
struct DashboardPage {
    page: PageContext,
    query: FilterQuery,
    errors: FieldErrors,
    dashboard: Option<Dashboard>,
    pathways: Vec<(String, String)>,
    tables: &'static [AggregateTable],
    purpose: String,
    stages: &'static [Stage],
    /// Every checklist item of the loaded packs: pack, item id, title in the page's language.
    items: Vec<(String, String, String)>,
}

impl DashboardPage {
    fn direction(&self) -> Direction {
        if self.page.t.dir() == "rtl" {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        }
    }

    fn frame<'a>(&'a self, id: &'a str, title: &'a str, width: i64) -> Frame<'a> {
        Frame {
            id,
            title,
            width,
            direction: self.direction(),
            suppressed: "–",
        }
    }

    fn computed_at(&self, dashboard: &Dashboard) -> String {
        crate::format_instant(dashboard.computed_at)
    }

    fn month_labels(dashboard: &Dashboard) -> Vec<String> {
        dashboard.months.iter().map(ToString::to_string).collect()
    }

    /// Cases opened and closed per month, all offices in scope together.
    fn monthly_chart(&self, dashboard: &Dashboard) -> String {
        let title = self.page.t.t("reports-monthly-title");
        let Some(all) = dashboard.monthly.first() else {
            return String::new();
        };
        let series = [
            Series {
                name: self.page.t.t("reports-opened"),
                values: all.opened.clone(),
            },
            Series {
                name: self.page.t.t("reports-closed"),
                values: all.closed.clone(),
            },
        ];
        chart::line_chart(
            &self.frame("monthly", &title, 640),
            &Self::month_labels(dashboard),
            &series,
        )
    }

    /// One small chart of cases opened per month for each office.
    fn office_chart(&self, dashboard: &Dashboard, office: &OfficeRow) -> String {
        let Some(series) = dashboard
            .monthly
            .iter()
            .find(|m| m.office.as_ref().is_some_and(|o| o.id == office.id))
        else {
            return String::new();
        };
        let id = format!("office-{}", office.code);
        let opened = Series {
            name: self.page.t.t("reports-opened"),
            values: series.opened.clone(),
        };
        chart::line_chart(
            &self.frame(&id, &office.name, 300),
            &Self::month_labels(dashboard),
            &[opened],
        )
    }

    /// Median days of one stage by office.
    fn stage_chart(&self, dashboard: &Dashboard, stage: &Stage) -> String {
        let title = self.page.t.t(&format!("reports-stage-{}", stage.as_str()));
        let bars: Vec<Bar> = dashboard
            .stage_times
            .iter()
            .filter(|t| t.stage == *stage)
            .filter_map(|t| {
                t.office.as_ref().map(|office| Bar {
                    label: office.code.clone(),
                    value: t.median_days,
                })
            })
            .collect();
        chart::bar_chart(&self.frame(stage.as_str(), &title, 480), &bars)
    }

    /// Share of cases complete at their first check, by office.
    fn first_check_chart(&self, dashboard: &Dashboard) -> String {
        let title = self.page.t.t("reports-first-checks-title");
        let bars: Vec<Bar> = dashboard
            .first_checks
            .iter()
            .filter_map(|figures| {
                figures.office.as_ref().map(|office| Bar {
                    label: office.code.clone(),
                    value: figures.complete_percent(),
                })
            })
            .collect();
        chart::bar_chart(&self.frame("first-checks", &title, 480), &bars)
    }

    /// Share of orientation participants who attended every day, by office.
    fn completion_chart(&self, dashboard: &Dashboard) -> String {
        let title = self.page.t.t("reports-orientation-completion");
        let bars: Vec<Bar> = dashboard
            .programmes
            .reach
            .iter()
            .filter_map(|reach| {
                reach.office.as_ref().map(|office| Bar {
                    label: office.code.clone(),
                    value: reach.completion_percent(),
                })
            })
            .collect();
        chart::bar_chart(&self.frame("orientation-completion", &title, 480), &bars)
    }

    /// Percentage points gained between the quizzes, by module.
    fn gain_chart(&self, dashboard: &Dashboard) -> String {
        let title = self.page.t.t("reports-gain-title");
        let bars: Vec<Bar> = dashboard
            .programmes
            .modules
            .iter()
            .map(|module| Bar {
                label: module.module_key.clone(),
                value: module.gain_points().map(|points| points.max(0)),
            })
            .collect();
        chart::bar_chart(&self.frame("orientation-gain", &title, 480), &bars)
    }

    /// Published practices by GCM objective.
    fn practices_chart(&self, dashboard: &Dashboard) -> String {
        let title = self.page.t.t("reports-practices-title");
        let bars: Vec<Bar> = dashboard
            .programmes
            .practices
            .iter()
            .map(|row| Bar {
                label: row.objective.to_string(),
                value: Some(row.total),
            })
            .collect();
        chart::bar_chart(&self.frame("practices", &title, 480), &bars)
    }

    fn objective_label(&self, objective: &u8) -> String {
        self.page
            .label("practice-objective", &objective.to_string())
    }

    fn percent(&self, value: &Option<i64>) -> String {
        value.map_or_else(|| self.page.t.t("reports-suppressed"), |v| format!("{v} %"))
    }

    /// A checklist item's title in the reader's language, from its pack.
    fn item_title(&self, item: &MissingItem) -> String {
        self.items
            .iter()
            .find(|(pack, id, _)| *pack == item.pack_id && *id == item.item_id)
            .map_or_else(|| item.item_id.clone(), |(_, _, title)| title.clone())
    }

    fn number(&self, value: &Option<i64>) -> String {
        value.map_or_else(|| self.page.t.t("reports-suppressed"), |v| v.to_string())
    }

    fn office_label(&self, office: &Option<OfficeRow>) -> String {
        office
            .as_ref()
            .map_or_else(|| self.page.t.t("reports-all-offices"), |o| o.name.clone())
    }

    fn group_label(&self, dimension: &str, group: &str) -> String {
        match dimension {
            // Fluent ids cannot hold `+`: `50+` is `reports-group-50plus`.
            "sex" | "age_group" => self
                .page
                .label("reports-group", &group.replace('+', "plus")),
            _ => group.to_owned(),
        }
    }
}

async fn page(
    state: &AppState,
    t: Translator,
    signed_in: &SignedIn,
    query: FilterQuery,
    mut errors: FieldErrors,
    purpose: String,
) -> Result<DashboardPage, AppError> {
    let dashboard = match query.form().validate(now_millis()) {
        Ok(filter) => Some(reports::dashboard(&state.app, &signed_in.actor, &filter).await?),
        Err(app::Error::Invalid(invalid)) => {
            errors.0.extend(invalid.0);
            None
        }
        Err(other) => return Err(other.into()),
    };
    let lang = t.lang();
    let pathways = state
        .app
        .packs
        .packs()
        .iter()
        .flat_map(|pack| {
            pack.pathways.iter().map(move |pathway| {
                let label = format!("{} — {}", pack.title.get(lang), pathway.title.get(lang));
                (pathway.id.clone(), label)
            })
        })
        .collect();
    Ok(DashboardPage {
        page: PageContext::new(t, state, signed_in, "/reports"),
        query,
        errors,
        dashboard,
        pathways,
        tables: &AggregateTable::ALL,
        purpose,
        stages: &Stage::ALL,
        items: state
            .app
            .packs
            .packs()
            .iter()
            .flat_map(|pack| {
                pack.checklists.iter().flat_map(move |list| {
                    list.items.iter().map(move |item| {
                        let title = item.title.get(lang).to_owned();
                        (pack.id.clone(), item.id.clone(), title)
                    })
                })
            })
            .collect(),
    })
}

pub(super) async fn dashboard(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    Query(query): Query<FilterQuery>,
) -> Result<Response, AppError> {
    let page = page(
        &state,
        t,
        &signed_in,
        query,
        FieldErrors::default(),
        String::new(),
    )
    .await?;
    let status = if page.errors.0.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with_status(status, &page)
}

/// A CSV download: one aggregate table, or the pseudonymised case records. Without a valid
/// purpose the dashboard comes back with the message next to the purpose field.
pub(super) async fn export(
    State(state): State<AppState>,
    t: Translator,
    signed_in: SignedIn,
    axum::Form(pairs): FormPairs,
) -> Result<Response, AppError> {
    let query = FilterQuery::from_pairs(&pairs);
    let purpose = form_value(&pairs, "purpose");
    let table = form_value(&pairs, "table");
    let result = match query.form().validate(now_millis()) {
        Ok(filter) => export_file(&state, &signed_in, &filter, &table, &purpose).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(csv) => Ok((
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"corridor-{table}.csv\""),
                ),
            ],
            csv,
        )
            .into_response()),
        Err(app::Error::Invalid(errors)) => render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&state, t, &signed_in, query, errors, purpose).await?,
        ),
        Err(other) => Err(other.into()),
    }
}

async fn export_file(
    state: &AppState,
    signed_in: &SignedIn,
    filter: &ReportFilter,
    table: &str,
    purpose: &str,
) -> app::Result<Vec<u8>> {
    if table == "case_records" {
        return export::export_pseudonymised(&state.app, &signed_in.actor, filter, purpose).await;
    }
    let Some(table) = AggregateTable::parse(table) else {
        let mut errors = FieldErrors::default();
        errors.add("table", "reports-error-table");
        return Err(app::Error::Invalid(errors));
    };
    export::export_aggregate(&state.app, &signed_in.actor, filter, table, purpose).await
}
