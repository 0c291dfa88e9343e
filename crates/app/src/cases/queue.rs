//! The work queue: confirmed priority first, then due date, then age; keyset-paginated.
//!
//! The SQL names only the filters that are set, so that each combination meets the index made
//! for it (`cases_queue` for office and status, `cases_by_office_order` for an office alone)
//! instead of a plan that has to allow for every filter being absent. The text is still one
//! SQL text for both backends.

use sqlx::Row;

use super::workflow::CaseStatus;
use super::{CASE_COLUMNS, Case, offices_in_scope, people};
use crate::App;
use crate::error::Result;
use crate::policy::Actor;
use crate::time::{Millis, now_millis};

/// The condition of a case still open: not in a final status ([`CaseStatus::is_final`]).
const STILL_OPEN: &str = "c.status NOT IN ('closed', 'withdrawn')";

/// Which cases the queue shows. `None` does not filter.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub office_id: Option<String>,
    pub status: Option<String>,
    pub priority: Option<String>,
    /// A pathway id, e.g. `de.family.spouse`.
    pub pathway: Option<String>,
    pub assigned_to: Option<String>,
    pub overdue_only: bool,
    /// Only cases nobody is assigned to.
    pub unassigned_only: bool,
    /// Leave out closed and withdrawn cases (unless `status` asks for one of them).
    pub open_only: bool,
    /// A case reference, or a surname.
    pub text: Option<String>,
}

/// Where the previous page ended: the sort key of its last row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueCursor {
    pub priority_rank: i64,
    pub due_at: Millis,
    pub opened_at: Millis,
    pub id: String,
}

impl QueueCursor {
    /// `rank.due.opened.id`, for a URL.
    pub fn encode(&self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.priority_rank, self.due_at, self.opened_at, self.id
        )
    }

    pub fn decode(text: &str) -> Option<QueueCursor> {
        let mut parts = text.splitn(4, '.');
        Some(QueueCursor {
            priority_rank: parts.next()?.parse().ok()?,
            due_at: parts.next()?.parse().ok()?,
            opened_at: parts.next()?.parse().ok()?,
            id: parts.next()?.to_owned(),
        })
    }
}

/// A queue line.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub case: Case,
    pub applicant: Option<people::PersonNames>,
    pub overdue: bool,
    /// Messages from the applicant's side this reader has not opened yet.
    pub unread_messages: i64,
    /// Files sent through the portal that nobody has decided on since.
    pub new_uploads: i64,
}

/// A page of the queue and where the next one starts.
#[derive(Debug, Clone)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub next: Option<QueueCursor>,
}

/// A value bound to a numbered placeholder.
enum Param {
    Text(String),
    Int(i64),
}

/// The conditions of a query and their values, numbered as they are added.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    params: Vec<Param>,
}

impl Conditions {
    /// The placeholder of a new value.
    fn param(&mut self, value: Param) -> String {
        self.params.push(value);
        format!("${}", self.params.len())
    }

    /// Adds `template` with each `{}` replaced by the placeholder of the next value.
    fn add(&mut self, template: &str, values: Vec<Param>) {
        let mut clause = String::new();
        let mut rest = template;
        for value in values {
            let Some((before, after)) = rest.split_once("{}") else {
                break;
            };
            clause.push_str(before);
            clause.push_str(&self.param(value));
            rest = after;
        }
        clause.push_str(rest);
        self.clauses.push(clause);
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// The work queue: confirmed priority first, then due date, then age; keyset-paginated.
pub async fn queue(
    app: &App,
    actor: &Actor,
    filter: &QueueFilter,
    after: Option<&QueueCursor>,
    limit: i64,
) -> Result<QueuePage> {
    use Param::{Int, Text};
    let scope_user = offices_in_scope(actor)?;
    let limit = limit.clamp(1, 200);
    let now = now_millis();
    let mut conditions = Conditions::default();
    let present = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
    };
    let office = present(&filter.office_id);
    // With one office asked for, the scope is a membership test here rather than a subquery,
    // so the planner goes straight to the (office, status, rank, due) index.
    match (scope_user, office) {
        (Some(_), Some(office)) if !actor.offices.contains(&office) => {
            return Ok(QueuePage {
                rows: Vec::new(),
                next: None,
            });
        }
        (Some(user_id), None) => conditions.add(
            "c.office_id IN (SELECT office_id FROM user_offices WHERE user_id = {})",
            vec![Text(user_id)],
        ),
        (_, Some(office)) => conditions.add("c.office_id = {}", vec![Text(office)]),
        (None, None) => {}
    }
    match present(&filter.status) {
        Some(status) => conditions.add("c.status = {}", vec![Text(status)]),
        None if filter.open_only => conditions.add(STILL_OPEN, Vec::new()),
        None => {}
    }
    if filter.unassigned_only {
        conditions.add("c.assigned_to IS NULL", Vec::new());
    }
    if let Some(priority) = present(&filter.priority) {
        conditions.add("c.priority = {}", vec![Text(priority)]);
    }
    if let Some(pathway) = present(&filter.pathway) {
        conditions.add("c.pathway_id = {}", vec![Text(pathway)]);
    }
    if let Some(assignee) = present(&filter.assigned_to) {
        conditions.add("c.assigned_to = {}", vec![Text(assignee)]);
    }
    if filter.overdue_only {
        conditions.add(&format!("c.due_at < {{}} AND {STILL_OPEN}"), vec![Int(now)]);
    }
    if let Some(text) = present(&filter.text) {
        conditions.add(
            "c.id IN (SELECT r.id FROM cases r WHERE r.reference = {} \
             UNION SELECT m2.case_id FROM case_members m2 JOIN people p2 ON p2.id = m2.person_id \
             WHERE p2.surname_key = {} \
             UNION SELECT d.case_id FROM case_documents d WHERE d.number_key = {})",
            vec![
                Text(text.to_ascii_uppercase()),
                Text(people::surname_key(app, &text)),
                Text(super::documents::document_number_key(app, &text)),
            ],
        );
    }
    if let Some(cursor) = after {
        conditions.add(
            "(c.priority_rank, c.due_at, c.opened_at, c.id) > ({}, {}, {}, {})",
            vec![
                Int(cursor.priority_rank),
                Int(cursor.due_at),
                Int(cursor.opened_at),
                Text(cursor.id.clone()),
            ],
        );
    }
    let limit_param = conditions.param(Int(limit + 1));
    let reader_param = conditions.param(Text(actor.user_id.clone()));
    let sql = format!(
        "SELECT {CASE_COLUMNS}, c.priority_rank, p.names AS applicant_names, p.id AS applicant_id, \
                (SELECT COUNT(*) FROM case_messages cm WHERE cm.case_id = c.id AND cm.side = 'migrant' \
                   AND cm.sent_at > COALESCE((SELECT r.read_at FROM case_message_reads r \
                       WHERE r.case_id = c.id AND r.user_id = {reader_param}), 0)) AS unread_messages, \
                (SELECT COUNT(*) FROM case_documents d JOIN checklist_items i \
                   ON i.case_id = d.case_id AND i.item_id = d.item_id AND i.person = d.person \
                 WHERE d.case_id = c.id AND d.via_portal = 1 AND d.rejected = 0 \
                   AND (i.decided_by IS NULL OR i.updated_at < d.uploaded_at)) AS new_uploads \
         FROM cases c \
         LEFT JOIN case_members m ON m.case_id = c.id AND m.role = 'principal_applicant' \
         LEFT JOIN people p ON p.id = m.person_id \
         {} \
         ORDER BY c.priority_rank, c.due_at, c.opened_at, c.id \
         LIMIT {limit_param}",
        conditions.sql()
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for param in conditions.params {
        query = match param {
            Text(text) => query.bind(text),
            Int(number) => query.bind(number),
        };
    }
    let rows = query.fetch_all(&app.db.pool).await?;
    let mut page = Vec::new();
    for row in rows.iter().take(usize::try_from(limit).unwrap_or(50)) {
        let case = Case::from_row(row)?;
        let applicant_id: Option<String> = row.try_get("applicant_id")?;
        let sealed: Option<Vec<u8>> = row.try_get("applicant_names")?;
        let applicant = match (applicant_id, sealed) {
            (Some(id), Some(sealed)) => Some(people::open_names(app, &id, &sealed)?),
            _ => None,
        };
        let overdue = case.due_at < now && !case.status.is_final();
        page.push(QueueRow {
            case,
            applicant,
            overdue,
            unread_messages: row.try_get("unread_messages")?,
            new_uploads: row.try_get("new_uploads")?,
        });
    }
    let next = (rows.len() as i64 > limit)
        .then(|| page.last())
        .flatten()
        .map(|row| QueueCursor {
            priority_rank: row.case.priority.rank(),
            due_at: row.case.due_at,
            opened_at: row.case.opened_at,
            id: row.case.id.clone(),
        });
    Ok(QueuePage { rows: page, next })
}

/// How many new applications (still at intake) nobody is assigned to, in the reader's offices:
/// the queue links them so that an application sent through the portal is not left waiting.
pub async fn unassigned_new_count(app: &App, actor: &Actor) -> Result<i64> {
    let scope_user = offices_in_scope(actor)?;
    let count = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases c \
         WHERE c.status = $2 AND c.assigned_to IS NULL \
           AND ($1 IS NULL OR c.office_id IN (SELECT office_id FROM user_offices WHERE user_id = $1))",
    )
    .bind(scope_user)
    .bind(CaseStatus::Intake.as_str())
    .fetch_one(&app.db.pool)
    .await?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn still_open_names_exactly_the_final_statuses() {
        for status in CaseStatus::ALL {
            let named = STILL_OPEN.contains(&format!("'{}'", status.as_str()));
            assert_eq!(named, status.is_final(), "{}", status.as_str());
        }
    }
}
