//! Content for the demo's seeded cases that matches how far each has come: facts and their
//! eligibility snapshot from counselling on, documents (small synthetic files) from forms on, a
//! supervisor's decisions and a completeness report at the check, notes, messages and an
//! appointment. Everything goes through the ordinary operations, so it is audited and consistent
//! like work done by hand.

use crate::App;
use crate::cases::appointments::{self, AppointmentForm};
use crate::cases::documents::{self, Decision, NewDocument};
use crate::cases::facts::{self, FactEntry, Typing};
use crate::cases::workflow::CaseStatus;
use crate::cases::{self, Case, notes};
use crate::error::Result;
use crate::policy::Actor;

/// A small file that reads as a PDF: the demo's documents are synthetic, never real scans.
const DEMO_PDF: &[u8] =
    b"%PDF-1.4\n% Corridor demonstration document: synthetic, no personal data.\n%%EOF\n";

/// The facts a counsellor records for a spouse joining a settled refugee in Germany, enough for
/// the pack to decide (entitled: A1 German, the sponsor's title, means and space).
const SPOUSE_FACTS: &[(&str, &str)] = &[
    ("applicant.german_level", "A1"),
    ("applicant.married", "yes"),
    ("applicant.married_as_minor", "no"),
    ("applicant.previously_married", "no"),
    ("applicant.identity_clarified", "yes"),
    ("applicant.has_passport", "yes"),
    ("applicant.expulsion_interest", "no"),
    ("sponsor.birth_date", "1988-06-01"),
    ("sponsor.title", "settlement_permit"),
    ("sponsor.lives_with_other_spouse", "no"),
    ("sponsor.nationality", "SYR"),
    ("household.net_income", "2600"),
    ("household.housing_cost", "780"),
    ("household.living_space_sqm", "48"),
    ("household.health_insurance", "yes"),
    ("case.post", "rabat"),
];

/// What counselling learns first on every pathway: enough for a first, open snapshot.
const FIRST_FACTS: &[(&str, &str)] = &[
    ("sponsor.title", "refugee"),
    ("sponsor.nationality", "SYR"),
    ("case.post", "rabat"),
];

/// The people who work the demo cases.
pub(super) struct DemoStaff<'a> {
    pub caseworker: &'a Actor,
    pub supervisor: &'a Actor,
}

/// Gives the `n`-th seeded case the content of its stage.
pub(super) async fn furnish(app: &App, staff: &DemoStaff<'_>, case: &Case, n: usize) -> Result<()> {
    let stage = Stage::of(case.status);
    if stage == Stage::New {
        return Ok(());
    }
    let spouse = case.pathway_id == "de.family.spouse";
    record_facts(
        app,
        staff.caseworker,
        case,
        if spouse { SPOUSE_FACTS } else { FIRST_FACTS },
    )
    .await?;
    notes::add_note(
        app,
        staff.caseworker,
        &case.id,
        "First counselling held with the sponsor; the family's situation is recorded in the facts.",
        "internal",
    )
    .await?;
    if stage == Stage::Counselling {
        return Ok(());
    }
    provide_documents(app, staff, case, n).await?;
    notes::send_message(
        app,
        staff.caseworker,
        &case.id,
        "We have received your documents. We will tell you here if anything is missing.",
    )
    .await?;
    book_appointment(app, staff.caseworker, case, n).await?;
    if stage == Stage::Checked {
        documents::check_completeness(app, staff.caseworker, &case.id, "").await?;
    }
    Ok(())
}

/// How far a seeded case has come, as its content shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    New,
    Counselling,
    Forms,
    Checked,
}

impl Stage {
    fn of(status: CaseStatus) -> Stage {
        match status {
            CaseStatus::Intake => Stage::New,
            CaseStatus::Counselling => Stage::Counselling,
            CaseStatus::Forms => Stage::Forms,
            _ => Stage::Checked,
        }
    }
}

async fn record_facts(
    app: &App,
    caseworker: &Actor,
    case: &Case,
    known: &[(&str, &str)],
) -> Result<()> {
    let entries: Vec<FactEntry> = known
        .iter()
        .map(|(name, value)| FactEntry {
            name: (*name).to_owned(),
            value: (*value).to_owned(),
            verified: false,
        })
        .collect();
    let (_, version) = facts::stored(app, &case.id).await?;
    facts::save(app, caseworker, &case.id, version, &entries, Typing::Exact).await?;
    Ok(())
}

/// A file for most rows of the checklist, one row left open so that the completeness check
/// has something to find; the supervisor verifies the first file and, on every third case,
/// refuses the second with a reason.
async fn provide_documents(app: &App, staff: &DemoStaff<'_>, case: &Case, n: usize) -> Result<()> {
    let rows = documents::checklist(app, staff.caseworker, &case.id).await?;
    let provided: Vec<_> = rows.iter().filter(|row| !row.conditional).skip(1).collect();
    for row in &provided {
        let form = NewDocument {
            item: row.key(),
            file_name: format!("{}.pdf", row.item_id),
            content: DEMO_PDF.to_vec(),
            issued_on: "2025-09-01".into(),
            translated_into: "de".into(),
            legalised: true,
            ..NewDocument::default()
        };
        documents::add_document(app, staff.caseworker, &case.id, &form).await?;
    }
    let decided = documents::checklist(app, staff.supervisor, &case.id).await?;
    let decisions = [
        (Decision::Verify, ""),
        (
            Decision::Reject,
            "The copy is unreadable: please send a clearer scan.",
        ),
    ];
    let with_files = decided
        .iter()
        .filter(|row| provided.iter().any(|given| given.id == row.id));
    for (row, (decision, reason)) in
        with_files
            .zip(decisions)
            .take(if n.is_multiple_of(3) { 2 } else { 1 })
    {
        documents::decide(
            app,
            staff.supervisor,
            &case.id,
            &row.id,
            row.version,
            decision,
            reason,
        )
        .await?;
    }
    Ok(())
}

/// An interview at the office in the coming weeks, on the office's clock.
async fn book_appointment(app: &App, caseworker: &Actor, case: &Case, n: usize) -> Result<()> {
    let file = cases::open(app, caseworker, &case.id).await?;
    let Some(applicant) = file.members.first() else {
        return Ok(());
    };
    let day = crate::orientation::civil_date(
        crate::time::now_millis() + (3 + (n % 20) as i64) * crate::time::DAY,
    );
    let form = AppointmentForm {
        person_id: applicant.person.id.clone(),
        kind: "interview".into(),
        starts_at: format!("{day}T{:02}:00", 9 + n % 7),
        duration_minutes: "45".into(),
        location: "Office, counter 2".into(),
    };
    appointments::book(app, caseworker, &case.id, &form).await?;
    Ok(())
}
