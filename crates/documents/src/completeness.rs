//! The completeness report: a checklist (what the pathway requires, per person) against the
//! documents provided, item by item, with an overall verdict.
//!
//! The checklist types here are this crate's own, so that `documents` does not depend on the
//! rules engine; the caller maps the rules checklist into [`RequiredDocument`]s.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

use crate::mrz::{DateRole, MrzOptions, parse_mrz};
use crate::records::{
    CaseContext, DocumentNumberLookup, DocumentRecord, Finding, Severity, check_document,
};

/// A requirement on a document, from the pathway's checklist and the pack's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentRequirement {
    /// Valid at least this many months beyond the planned travel date.
    ValidBeyondTravelMonths(u32),
    /// Issued no more than this many months before the application.
    IssuedWithinMonths(u32),
    /// Accompanied by a certified translation into this language.
    TranslatedInto(String),
    /// Legalised or bearing an apostille.
    Legalised,
}

/// One document the checklist requires of one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredDocument {
    /// Item identifier (stable across languages).
    pub id: String,
    /// Key of the person who must provide it.
    pub person: String,
    /// Title in the language of the summary.
    pub title: String,
    /// Document kinds that satisfy the item.
    pub accepted_kinds: Vec<String>,
    /// Requirements on the document.
    pub requirements: Vec<DocumentRequirement>,
    /// The legal or official source of the requirement, shown with the item.
    pub citation: String,
    /// Whether the item is needed only if facts not yet known turn out so.
    pub conditional: bool,
}

/// The outcome for one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemStatus {
    /// A document satisfies the item.
    Satisfied,
    /// No document of an accepted kind was provided.
    Missing,
    /// The best document offered cannot be accepted.
    Invalid(Vec<Finding>),
    /// A person must look before the item counts as satisfied.
    NeedsReview(Vec<Finding>),
}

/// One checklist item and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemReport {
    /// The item, as given.
    pub item: RequiredDocument,
    /// The document judged for it (the best one offered), if any.
    pub document_id: Option<String>,
    /// The outcome.
    pub status: ItemStatus,
}

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every item is satisfied: the application can be forwarded.
    Complete,
    /// Nothing is missing or invalid, but some items need a person's review.
    NeedsReview,
    /// Something is missing or invalid.
    Incomplete,
}

/// The report for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletenessReport {
    /// One entry per checklist item, in checklist order.
    pub items: Vec<ItemReport>,
    /// The verdict over all items.
    pub verdict: Verdict,
}

impl CompletenessReport {
    /// Number of items with each outcome: satisfied, missing, invalid, needs review.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for item in &self.items {
            let slot = match item.status {
                ItemStatus::Satisfied => 0,
                ItemStatus::Missing => 1,
                ItemStatus::Invalid(_) => 2,
                ItemStatus::NeedsReview(_) => 3,
            };
            counts[slot] += 1;
        }
        counts
    }
}

/// Builds the report: every item against the documents of its person and accepted kinds.
pub fn completeness_report(
    checklist: &[RequiredDocument],
    documents: &[DocumentRecord],
    context: &CaseContext,
    lookup: &dyn DocumentNumberLookup,
) -> CompletenessReport {
    let document_findings: Vec<Vec<Finding>> = documents
        .iter()
        .map(|document| check_document(document, documents, context, lookup))
        .collect();
    let items: Vec<ItemReport> = checklist
        .iter()
        .map(|item| judge_item(item, documents, &document_findings, context))
        .collect();
    let any = |wanted: fn(&ItemStatus) -> bool| items.iter().any(|item| wanted(&item.status));
    let verdict = if any(|status| matches!(status, ItemStatus::Missing | ItemStatus::Invalid(_))) {
        Verdict::Incomplete
    } else if any(|status| matches!(status, ItemStatus::NeedsReview(_))) {
        Verdict::NeedsReview
    } else {
        Verdict::Complete
    };
    CompletenessReport { items, verdict }
}

fn judge_item(
    item: &RequiredDocument,
    documents: &[DocumentRecord],
    document_findings: &[Vec<Finding>],
    context: &CaseContext,
) -> ItemReport {
    let offered = documents
        .iter()
        .zip(document_findings)
        .filter(|(document, _)| {
            document.holder == item.person && item.accepted_kinds.contains(&document.kind)
        });
    let mut best: Option<(&DocumentRecord, Vec<Finding>)> = None;
    for (document, findings) in offered {
        let mut all = findings.clone();
        all.extend(requirement_findings(item, document, context));
        if best
            .as_ref()
            .is_none_or(|(_, current)| weight(&all) < weight(current))
        {
            best = Some((document, all));
        }
    }
    let Some((document, findings)) = best else {
        let status = if item.conditional {
            ItemStatus::NeedsReview(vec![Finding::MayBeRequired])
        } else {
            ItemStatus::Missing
        };
        return ItemReport {
            item: item.clone(),
            document_id: None,
            status,
        };
    };
    let status = if findings
        .iter()
        .any(|finding| finding.severity() == Severity::Invalid)
    {
        ItemStatus::Invalid(findings)
    } else if findings.is_empty() {
        ItemStatus::Satisfied
    } else {
        ItemStatus::NeedsReview(findings)
    };
    ItemReport {
        item: item.clone(),
        document_id: Some(document.id.clone()),
        status,
    }
}

/// Invalid findings count more than any number of review findings.
fn weight(findings: &[Finding]) -> (usize, usize) {
    let invalid = findings
        .iter()
        .filter(|finding| finding.severity() == Severity::Invalid)
        .count();
    (invalid, findings.len() - invalid)
}

fn requirement_findings(
    item: &RequiredDocument,
    document: &DocumentRecord,
    context: &CaseContext,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for requirement in &item.requirements {
        match requirement {
            DocumentRequirement::ValidBeyondTravelMonths(months) => {
                let expiry = effective_expiry(document, context.application_date);
                match (
                    expiry,
                    context
                        .travel_date
                        .and_then(|travel| add_months(travel, *months)),
                ) {
                    (Some(expiry), Some(needed)) if expiry < needed => {
                        findings.push(Finding::ExpiresTooSoon { months: *months });
                    }
                    (Some(_), Some(_)) => {}
                    _ => findings.push(Finding::ValidityUnknown),
                }
            }
            DocumentRequirement::IssuedWithinMonths(months) => {
                let earliest = add_months(context.application_date, -i64::from(*months));
                match (document.issued_on, earliest) {
                    (Some(issued), Some(earliest)) if issued < earliest => {
                        findings.push(Finding::TooOld { months: *months });
                    }
                    (Some(_), Some(_)) => {}
                    _ => findings.push(Finding::IssueDateUnknown),
                }
            }
            DocumentRequirement::TranslatedInto(language) => {
                if !document
                    .translated_into
                    .iter()
                    .any(|provided| provided.eq_ignore_ascii_case(language))
                {
                    findings.push(Finding::TranslationMissing {
                        language: language.clone(),
                    });
                }
            }
            DocumentRequirement::Legalised => {
                if !document.legalised {
                    findings.push(Finding::LegalisationMissing);
                }
            }
        }
    }
    findings
}

/// The record's expiry date, or the MRZ's when the record has none.
fn effective_expiry(document: &DocumentRecord, as_of: Date) -> Option<Date> {
    document.expires_on.or_else(|| {
        let mrz = parse_mrz(document.mrz.as_deref()?, &MrzOptions::default());
        mrz.expiry_date()?.resolve(DateRole::Expiry, as_of)
    })
}

/// Calendar months later (or earlier), clamped to the month's end (31 Jan + 1 month = 28/29 Feb).
fn add_months<M: Into<i64>>(date: Date, months: M) -> Option<Date> {
    let span: Span = months.into().months();
    date.checked_add(span).ok()
}
