//! Personal document checklists: which documents each person must bring for a pathway, with
//! freshness and validity requirements and per-embassy variants.
//!
//! An item is *required* when its condition holds for the person, *if applicable* when that is
//! still unknown (or the embassy is not yet known for a post-specific item), and left out when
//! it does not hold. The embassy is the case fact `post` (an enumeration), when the pack has it.

use crate::error::Fallible;
use crate::eval::{Ev, Evaluator};
use crate::facts::{Presence, Record, Role};
use crate::pack::{Checklist, ChecklistItem, Pack, Requirement};
use crate::value::Value;

/// Whether a checklist item is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    /// Needed.
    Required,
    /// Needed if a fact not yet known turns out so.
    IfApplicable,
}

impl ItemStatus {
    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            ItemStatus::Required => "required",
            ItemStatus::IfApplicable => "if_applicable",
        }
    }
}

/// One document for one person.
#[derive(Debug, Clone)]
pub struct ChecklistEntry<'p> {
    /// The checklist.
    pub checklist: &'p Checklist,
    /// The item.
    pub item: &'p ChecklistItem,
    /// Whose document: the role, and the child's index for children.
    pub person: (Role, Option<u32>),
    /// Whether it is needed for sure.
    pub status: ItemStatus,
    /// Requirements in force for the case's embassy.
    pub requirements: &'p [Requirement],
}

impl ChecklistEntry<'_> {
    /// The person as written in facts (`applicant`, `children[1]`).
    pub fn person_name(&self) -> String {
        match self.person {
            (role, Some(child)) => format!("{}[{child}]", role.name()),
            (role, None) => role.name().to_owned(),
        }
    }
}

/// The checklist of pathway `pathway` (index) for the evaluator's case.
pub(crate) fn checklist_for<'p>(
    pack: &'p Pack,
    pathway: usize,
    evaluator: &mut Evaluator<'p, '_>,
) -> Fallible<Vec<ChecklistEntry<'p>>> {
    let post = case_post(pack, evaluator);
    let as_of = evaluator.as_of();
    let mut entries = Vec::new();
    for checklist in pack
        .checklists
        .iter()
        .filter(|checklist| checklist.pathways.contains(&pathway))
    {
        for item in checklist
            .items
            .iter()
            .filter(|item| item.valid.contains(as_of))
        {
            let Some((post_status, requirements)) = post_fit(item, post) else {
                continue;
            };
            for (person, record) in people(evaluator, item.person) {
                let needed = match (&item.when, record) {
                    (None, _) => Some(ItemStatus::Required),
                    (Some(_), None) => Some(ItemStatus::IfApplicable),
                    (Some(when), Some(record)) => {
                        let mark = evaluator.missing.len();
                        let result = evaluator.eval_for(when, record, person.0, person.1)?;
                        evaluator.missing.truncate(mark);
                        match result {
                            Ev::Known(Value::Bool(true)) => Some(ItemStatus::Required),
                            Ev::Unknown => Some(ItemStatus::IfApplicable),
                            _ => None,
                        }
                    }
                };
                if let Some(status) = needed {
                    let status = if post_status == ItemStatus::IfApplicable {
                        ItemStatus::IfApplicable
                    } else {
                        status
                    };
                    entries.push(ChecklistEntry {
                        checklist,
                        item,
                        person,
                        status,
                        requirements,
                    });
                }
            }
        }
    }
    Ok(entries)
}

/// The post (embassy) of the case: `Some(Some(index))` known, `Some(None)` unknown, `None` when
/// the pack has no `post` fact.
fn case_post(pack: &Pack, evaluator: &Evaluator<'_, '_>) -> Option<Option<u16>> {
    let (slot, _) = pack.fact_slot("post")?;
    Some(match evaluator.facts().record(Role::Case) {
        Presence::Present(record) => match record.get(slot) {
            Some(Value::Enum(index)) => Some(*index),
            _ => None,
        },
        _ => None,
    })
}

/// Whether `item` applies at the post, and the requirements there.
fn post_fit(
    item: &ChecklistItem,
    post: Option<Option<u16>>,
) -> Option<(ItemStatus, &[Requirement])> {
    let known_post = post.flatten();
    if !item.posts.is_empty() {
        match known_post {
            Some(index) if !item.posts.contains(&index) => return None,
            None => return Some((ItemStatus::IfApplicable, &item.requirements)),
            Some(_) => {}
        }
    }
    let requirements = known_post
        .and_then(|index| {
            item.variants
                .iter()
                .find(|(posts, _)| posts.contains(&index))
        })
        .map_or(item.requirements.as_slice(), |(_, requirements)| {
            requirements.as_slice()
        });
    Some((ItemStatus::Required, requirements))
}

/// A person holding a role: the role and child index, and the record when known.
type Person<'f> = ((Role, Option<u32>), Option<&'f Record>);

/// The people holding `role`, with their records when known.
fn people<'f>(evaluator: &Evaluator<'_, 'f>, role: Role) -> Vec<Person<'f>> {
    let facts = evaluator.facts();
    match role {
        Role::Children => match facts.children() {
            Presence::Present(children) => children
                .iter()
                .enumerate()
                .map(|(index, child)| ((Role::Children, u32::try_from(index).ok()), Some(child)))
                .collect(),
            _ => Vec::new(),
        },
        _ => match facts.record(role) {
            Presence::Present(record) => vec![((role, None), Some(record))],
            Presence::Unknown => vec![((role, None), Some(facts.unknown_record()))],
            Presence::Absent => Vec::new(),
        },
    }
}

impl Requirement {
    /// The requirement in English, for output where the pack gives no wording.
    pub fn describe(&self, language: &str) -> String {
        match self {
            Requirement::IssuedWithinMonths { months } => {
                format!("issued no more than {months} months before the application")
            }
            Requirement::ValidBeyondTravelMonths { months } => {
                format!("valid for at least {months} months beyond the planned travel date")
            }
            Requirement::TranslatedInto { language } => {
                format!("with a certified translation into {language}")
            }
            Requirement::Legalised => "legalised or with an apostille".to_owned(),
            Requirement::Copies { count } => format!("original and {count} copies"),
            Requirement::Note { text } => text.get(language).to_owned(),
        }
    }

    /// Checks the dates of a document against this requirement: `Some(true)` met, `Some(false)`
    /// not met, `None` when the requirement is not about dates or a date is missing.
    pub fn check_dates(
        &self,
        issued: Option<jiff::civil::Date>,
        expires: Option<jiff::civil::Date>,
        application: jiff::civil::Date,
        travel: Option<jiff::civil::Date>,
    ) -> Option<bool> {
        match self {
            Requirement::IssuedWithinMonths { months } => {
                let earliest = crate::dates::add_months(application, -i64::from(*months))?;
                Some(issued? >= earliest)
            }
            Requirement::ValidBeyondTravelMonths { months } => {
                let needed = crate::dates::add_months(travel?, i64::from(*months))?;
                Some(expires? >= needed)
            }
            _ => None,
        }
    }
}
