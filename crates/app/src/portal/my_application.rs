//! "My application": what a person sees of their own case through the portal — where it
//! stands in plain steps, their checklist with each item's state, the files they can add,
//! the thread with their caseworker, shared notes and appointments.
//!
//! A case is theirs when their account is linked to a person of it (`cases::load_linked`);
//! any other case does not exist for them. Staff-only matter never reaches these types:
//! internal notes, the reasons staff give for moves and refusals of documents, vulnerability
//! data, and which staff member wrote what. Reading the notes or the thread is audited, as on
//! the case page.

use std::collections::HashMap;

use super::Localised;
use crate::App;
use crate::audit::AuditAction;
use crate::cases::appointments::{self, Appointment};
use crate::cases::documents::{self, ChecklistRow};
use crate::cases::notes::{self, Message, Note, Side};
use crate::cases::workflow::CaseStatus;
use crate::cases::{self, Case};
use crate::error::{Error, Result};
use crate::policy::{self, Action, Actor, ListScope};
use crate::time::Millis;

/// One of the person's applications, for the list.
#[derive(Debug, Clone)]
pub struct ApplicationSummary {
    pub case_id: String,
    pub reference: String,
    pub status: CaseStatus,
    pub pathway_title: Localised,
    pub opened_at: Millis,
}

/// A step the application has reached, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressStep {
    pub status: CaseStatus,
    pub at: Millis,
}

/// A checklist row as the applicant sees it.
#[derive(Debug, Clone)]
pub struct ChecklistEntry {
    pub row: ChecklistRow,
    pub title: Localised,
    /// Files and MRZs given for this row so far.
    pub documents: usize,
}

/// Everything the "My application" page shows.
#[derive(Debug, Clone)]
pub struct MyApplication {
    pub case_id: String,
    pub reference: String,
    pub status: CaseStatus,
    pub pathway_title: Localised,
    pub progress: Vec<ProgressStep>,
    pub checklist: Vec<ChecklistEntry>,
    pub appointments: Vec<Appointment>,
    /// Notes the staff chose to share.
    pub notes: Vec<Note>,
    pub messages: Vec<Message>,
    /// The office's time zone: the page gives every time on the office's clock, named.
    pub time_zone: String,
}

impl MyApplication {
    /// Whether the applicant may still add documents.
    pub fn accepts_documents(&self) -> bool {
        !self.status.is_final()
    }
}

fn pathway_title(app: &App, case: &Case, language: &str) -> Localised {
    match app.packs.pathway(&case.pack_id, &case.pathway_id) {
        Some((_, pathway)) => Localised::of(&pathway.title, language),
        None => Localised {
            text: case.pathway_id.clone(),
            fallback_lang: None,
        },
    }
}

/// The applications linked to the actor's own account, newest first.
pub async fn mine(app: &App, actor: &Actor, language: &str) -> Result<Vec<ApplicationSummary>> {
    let ListScope::OwnedBy(user_id) = policy::list_scope(actor, Action::UseCasePortal)? else {
        return Err(Error::Forbidden);
    };
    let linked = cases::linked_to(app, &user_id).await?;
    Ok(linked
        .iter()
        .map(|case| ApplicationSummary {
            case_id: case.id.clone(),
            reference: case.reference.clone(),
            status: case.status,
            pathway_title: pathway_title(app, case, language),
            opened_at: case.opened_at,
        })
        .collect())
}

/// The steps reached: opening (intake) and every change of status since.
fn progress_of(case: &Case, timeline: &[cases::TimelineEntry]) -> Vec<ProgressStep> {
    let opened = ProgressStep {
        status: CaseStatus::Intake,
        at: case.opened_at,
    };
    std::iter::once(opened)
        .chain(timeline.iter().filter_map(|entry| {
            entry.to_status.map(|status| ProgressStep {
                status,
                at: entry.at,
            })
        }))
        .collect()
}

fn checklist_of(
    app: &App,
    case: &Case,
    rows: Vec<ChecklistRow>,
    documents: &[documents::CaseDocument],
    language: &str,
) -> Vec<ChecklistEntry> {
    let titles: HashMap<&str, &rules::Text> = app
        .packs
        .get(&case.pack_id)
        .map(|pack| {
            pack.checklists
                .iter()
                .flat_map(|checklist| checklist.items.iter())
                .map(|item| (item.id.as_str(), &item.title))
                .collect()
        })
        .unwrap_or_default();
    rows.into_iter()
        // A refusal's reason is written for staff; the applicant hears it from their caseworker.
        .map(|row| ChecklistRow {
            reason: None,
            ..row
        })
        .map(|row| ChecklistEntry {
            title: titles.get(row.item_id.as_str()).map_or_else(
                || Localised {
                    text: row.item_id.clone(),
                    fallback_lang: None,
                },
                |title| Localised::of(title, language),
            ),
            documents: documents
                .iter()
                .filter(|document| document.item_id == row.item_id && document.person == row.person)
                .count(),
            row,
        })
        .collect()
}

/// Opens the actor's own application. Reading shared notes or messages is audited and moves
/// the reader's position in the thread.
pub async fn open(
    app: &App,
    actor: &Actor,
    case_id: &str,
    language: &str,
) -> Result<MyApplication> {
    let case = cases::load_linked(app, actor, case_id).await?;
    let timeline = cases::timeline(app, &case.id).await?;
    let documents: Vec<_> = documents::documents_of(app, &case.id)
        .await?
        .into_iter()
        .map(|(document, _)| document)
        .collect();
    let rows = documents::rows_of(app, &case.id).await?;
    let notes = notes::read_notes(app, &case.id, Side::Migrant).await?;
    let messages = notes::read_thread(app, &case.id, actor, Side::Migrant).await?;
    if !notes.is_empty() || !messages.is_empty() {
        let mut tx = app.db.begin().await?;
        notes::mark_read(&mut tx, &case.id, actor, &messages).await?;
        cases::audit_case(
            &mut tx,
            actor,
            &case,
            AuditAction::CasePortalRead,
            serde_json::json!({ "notes": notes.len(), "messages": messages.len() }),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(MyApplication {
        pathway_title: pathway_title(app, &case, language),
        progress: progress_of(&case, &timeline),
        checklist: checklist_of(app, &case, rows, &documents, language),
        appointments: appointments::of_case(app, &case.id).await?,
        notes,
        messages,
        time_zone: crate::offices::time_zone_of(app, &case.office_id).await?,
        case_id: case.id,
        reference: case.reference,
        status: case.status,
    })
}
