//! Law as data: loads rule packs, evaluates pathways with three-valued logic and explains why.
//!
//! A rule pack (`packs/<jurisdiction>/`) is a folder of YAML files declaring typed facts,
//! dated parameters and lists, computed values and grids, pathways (conditions with citations,
//! labelled exceptions) and document checklists, plus test cases. [`load_pack`] validates it;
//! [`evaluate`] answers, for one case on one date, each pathway's [`Outcome`], the reasons
//! with citations, the unknown facts still worth asking (most decisive first), the personal
//! document checklist, and every computed value that could be determined.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let pack = rules::load_pack(std::path::Path::new("packs/de"))?;
//! let input = std::collections::BTreeMap::new();
//! let facts = rules::Facts::from_input(&pack, &input)?;
//! let as_of = jiff::civil::date(2026, 1, 15);
//! let evaluation = rules::evaluate(&pack, &facts, as_of, &rules::Request::default())?;
//! for next in rules::rank_missing_across(&evaluation.pathways) {
//!     println!("{}: {}", next.display(&pack), next.question(&pack, "en"));
//! }
//! # Ok(()) }
//! ```
//!
//! The crate does no I/O beyond reading pack folders, and knows nothing of HTTP or databases.

#![deny(missing_docs)]

mod checklist;
pub mod dates;
mod error;
mod eval;
pub mod expr;
mod facts;
mod load;
mod pack;
mod pathway;
pub mod syntax;
mod testing;
mod text;
mod value;

use std::collections::BTreeMap;

pub use checklist::{ChecklistEntry, ItemStatus};
pub use error::{EvalError, LoadError, LoadErrors};
pub use eval::{Ev, TraceRead};
pub use facts::{
    DurationUnit, FactDefinition, FactKind, FactRef, FactRefDisplay, Facts, FactsError, Input,
    Presence, Record, Role,
};
pub use jiff::civil::Date;
pub use load::{load_pack, load_pack_from_texts};
pub use pack::{
    Checklist, ChecklistItem, CodeList, ComputedValue, Condition, Enumeration, Exception,
    ExceptionEffect, Grid, Pack, Parameter, Pathway, Requirement, RowKey, Section, Strength,
    TableRow, Validity,
};
pub use pathway::{Outcome, PathwayResult, Reason, RuleStatus};
pub use testing::{TestCase, TestFailure, TestReport, TestSpec, check_case, run_tests};
pub use text::Text;
pub use value::{Decimal, RoundingMode, Type, Value};

/// Parses a calendar date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    text.parse().ok()
}

/// Today's date in UTC, for callers that evaluate "as of now".
pub fn today_utc() -> Date {
    jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

/// What to evaluate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// Pathway ids; empty means every pathway of the pack.
    pub pathways: Vec<String>,
    /// Record what each rule read (facts, parameters with their periods, computed values).
    pub trace: bool,
}

/// The answer for one pathway: its result and the personal document checklist.
#[derive(Debug, Clone)]
pub struct PathwayReport<'p> {
    /// Outcome, reasons and missing facts.
    pub result: PathwayResult<'p>,
    /// Documents per person (empty when not eligible).
    pub checklist: Vec<ChecklistEntry<'p>>,
}

/// The answer for one case on one date.
#[derive(Debug, Clone)]
pub struct Evaluation<'p> {
    /// One report per requested pathway, in pack order.
    pub pathways: Vec<PathwayReport<'p>>,
    /// Every computed value that could be determined, in pack order.
    pub values: Vec<(&'p ComputedValue, Value)>,
}

/// Evaluates the requested pathways of `pack` for `facts` on `as_of`.
pub fn evaluate<'p>(
    pack: &'p Pack,
    facts: &Facts,
    as_of: Date,
    request: &Request,
) -> Result<Evaluation<'p>, EvalError> {
    for id in &request.pathways {
        if pack.pathway(id).is_none() {
            return Err(EvalError::UnknownPathway(id.clone()));
        }
    }
    let mut evaluator = eval::Evaluator::new(pack, facts, as_of, request.trace);
    let mut pathways = Vec::new();
    for (index, pathway) in pack.pathways.iter().enumerate() {
        if !request.pathways.is_empty() && !request.pathways.contains(&pathway.id) {
            continue;
        }
        let result =
            pathway::evaluate_pathway(pathway, &mut evaluator, true).map_err(|error| *error)?;
        let checklist = if result.outcome == Outcome::NotEligible {
            Vec::new()
        } else {
            checklist::checklist_for(pack, index, &mut evaluator).map_err(|error| *error)?
        };
        pathways.push(PathwayReport { result, checklist });
    }
    let mut values = Vec::new();
    for (index, value) in pack.values.iter().enumerate() {
        // A value that cannot be computed on this date (e.g. a parameter not yet in force) is
        // simply not determined here; pathway conditions that need it report the error.
        if let Ok(Ev::Known(result)) = evaluator.computed_value(index) {
            values.push((value, result));
        }
    }
    Ok(Evaluation { pathways, values })
}

/// Only the outcome of one pathway, without reasons ordering, checklist or values: the
/// batch path used for screening many people.
pub fn pathway_outcome(
    pack: &Pack,
    pathway: usize,
    facts: &Facts,
    as_of: Date,
) -> Result<Outcome, EvalError> {
    let pathway = pack
        .pathways
        .get(pathway)
        .ok_or(EvalError::Internal("pathway index"))?;
    let mut evaluator = eval::Evaluator::new(pack, facts, as_of, false);
    pathway::evaluate_pathway(pathway, &mut evaluator, false)
        .map(|result| result.outcome)
        .map_err(|error| *error)
}

/// The missing facts of several pathways merged into one questionnaire order: facts that
/// several pathways need come first, then each pathway's own ranking.
pub fn rank_missing_across(reports: &[PathwayReport<'_>]) -> Vec<FactRef> {
    let mut scores: BTreeMap<FactRef, (usize, usize, usize)> = BTreeMap::new();
    for (pathway_index, report) in reports.iter().enumerate() {
        for (rank, fact) in report.result.missing.iter().enumerate() {
            let entry = scores.entry(*fact).or_insert((0, rank, pathway_index));
            entry.0 += 1;
            entry.1 = entry.1.min(rank);
        }
    }
    let mut ranked: Vec<(FactRef, (usize, usize, usize))> = scores.into_iter().collect();
    ranked.sort_by(|(_, a), (_, b)| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    ranked.into_iter().map(|(fact, _)| fact).collect()
}
