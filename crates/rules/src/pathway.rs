//! Pathway outcomes: combining conditions, waivers and overrides into an outcome, the reasons
//! for it, and the ranked unknown facts that could still change it.
//!
//! Each condition contributes an interval on the scale not eligible < discretionary < likely <
//! eligible: a condition that holds gives the pathway's strength, one that fails gives not
//! eligible, an unknown one anything in between. A waiver that fires lifts a condition to its
//! own strength (never above the pathway's). The pathway's interval is the minimum over its
//! conditions; overrides, highest priority first, replace it. When the interval is a single
//! point the outcome is determined and nothing more is asked; otherwise the unknown facts of
//! the conditions and exceptions that can still move it are the missing facts, ranked by how
//! many of those they appear in, then by the position of the first (conditions are written
//! most gating first; overrides come before all conditions).

use std::collections::BTreeMap;

use crate::error::{EvalError, Fallible, fail};
use crate::eval::{Ev, Evaluator, TraceRead};
use crate::facts::FactRef;
use crate::pack::{Condition, Exception, ExceptionEffect, Pathway, Strength};
use crate::text::Text;
use crate::value::Value;

/// The outcome of a pathway for a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// An entitlement: must be granted.
    Eligible,
    /// The regular case: should be granted.
    Likely,
    /// May be granted (discretion, hardship, quota).
    Discretionary,
    /// Cannot be granted on this pathway.
    NotEligible,
    /// Depends on facts not yet known.
    Undetermined,
}

impl Outcome {
    /// The outcome's name as used in packs, tests and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Eligible => "eligible",
            Outcome::Likely => "likely",
            Outcome::Discretionary => "discretionary",
            Outcome::NotEligible => "not_eligible",
            Outcome::Undetermined => "undetermined",
        }
    }

    /// The outcome called `name`.
    pub fn from_name(name: &str) -> Option<Outcome> {
        [
            Outcome::Eligible,
            Outcome::Likely,
            Outcome::Discretionary,
            Outcome::NotEligible,
            Outcome::Undetermined,
        ]
        .into_iter()
        .find(|outcome| outcome.name() == name)
    }

    fn from_strength(strength: Strength) -> Outcome {
        match strength {
            Strength::Eligible => Outcome::Eligible,
            Strength::Likely => Outcome::Likely,
            Strength::Discretionary => Outcome::Discretionary,
            Strength::NotEligible => Outcome::NotEligible,
        }
    }
}

/// How a rule stood in an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleStatus {
    /// The condition holds.
    Held,
    /// The condition fails.
    Failed,
    /// The condition fails but an exception waives it.
    Waived,
    /// The condition does not apply to this case or is not in force.
    NotApplicable,
    /// Unknown so far.
    Unknown,
    /// The exception fired.
    Fired,
    /// The pathway is not in force on the evaluation date.
    NotInForce,
}

impl RuleStatus {
    /// The status's name as used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            RuleStatus::Held => "held",
            RuleStatus::Failed => "failed",
            RuleStatus::Waived => "waived",
            RuleStatus::NotApplicable => "not_applicable",
            RuleStatus::Unknown => "unknown",
            RuleStatus::Fired => "fired",
            RuleStatus::NotInForce => "not_in_force",
        }
    }
}

/// One reason for an outcome: a rule, its citation, its wording and how it stood.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason<'p> {
    /// `pathway/rule` id.
    pub rule: &'p str,
    /// Paragraph and sentence.
    pub cite: &'p str,
    /// What the citation refers to, in words.
    pub cite_note: Option<&'p Text>,
    /// Wording, translatable.
    pub text: &'p Text,
    /// How it stood.
    pub status: RuleStatus,
    /// What was read to decide it (only when tracing).
    pub reads: Vec<TraceRead>,
}

/// The result of one pathway for one case.
#[derive(Debug, Clone)]
pub struct PathwayResult<'p> {
    /// The pathway.
    pub pathway: &'p Pathway,
    /// The outcome.
    pub outcome: Outcome,
    /// Why: the deciding conditions and exceptions (all of them unless not eligible).
    pub because: Vec<Reason<'p>>,
    /// Unknown facts that could change the outcome, most decisive first; empty once determined.
    pub missing: Vec<FactRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Interval {
    low: Strength,
    high: Strength,
}

impl Interval {
    fn point(strength: Strength) -> Interval {
        Interval {
            low: strength,
            high: strength,
        }
    }

    fn from_truth(result: &Ev, strength: Strength) -> Interval {
        match result {
            Ev::Known(Value::Bool(false)) => Interval::point(Strength::NotEligible),
            Ev::Unknown => Interval {
                low: Strength::NotEligible,
                high: strength,
            },
            _ => Interval::point(strength),
        }
    }

    fn max(self, other: Interval) -> Interval {
        Interval {
            low: self.low.max(other.low),
            high: self.high.max(other.high),
        }
    }

    fn min(self, other: Interval) -> Interval {
        Interval {
            low: self.low.min(other.low),
            high: self.high.min(other.high),
        }
    }

    fn hull(self, other: Interval) -> Interval {
        Interval {
            low: self.low.min(other.low),
            high: self.high.max(other.high),
        }
    }

    fn is_point(self) -> bool {
        self.low == self.high
    }
}

/// What one rule contributed, kept until the outcome is known.
struct Judged<'p> {
    rule: &'p str,
    cite: &'p str,
    cite_note: Option<&'p Text>,
    text: &'p Text,
    status: RuleStatus,
    interval: Interval,
    missing: std::ops::Range<usize>,
    reads: std::ops::Range<usize>,
    position: i64,
    /// Conditions: always true. Waivers: some condition they target did not hold on its own,
    /// so the waiver matters (its unknown facts are worth asking; if it fired, it is a reason).
    relevant_when_unknown: bool,
}

/// Evaluates `pathway` with `evaluator`; `explain` adds the reasons (the batch path skips them).
pub(crate) fn evaluate_pathway<'p>(
    pathway: &'p Pathway,
    evaluator: &mut Evaluator<'p, '_>,
    explain: bool,
) -> Fallible<PathwayResult<'p>> {
    if !pathway.valid.contains(evaluator.as_of()) {
        let reason = Reason {
            rule: &pathway.id,
            cite: &pathway.cite,
            cite_note: pathway.cite_note.as_ref(),
            text: &pathway.title,
            status: RuleStatus::NotInForce,
            reads: Vec::new(),
        };
        return Ok(PathwayResult {
            pathway,
            outcome: Outcome::NotEligible,
            because: vec![reason],
            missing: Vec::new(),
        });
    }
    let start = evaluator.missing.len();
    let mut missing: Vec<FactRef> = Vec::new();
    let mut judged: Vec<Judged<'p>> =
        Vec::with_capacity(pathway.conditions.len() + pathway.exceptions.len());
    let mut waiver_results = evaluate_exceptions(pathway, evaluator, &mut missing, &mut judged)?;
    let mut combined = Interval::point(pathway.strength);
    for (index, condition) in pathway.conditions.iter().enumerate() {
        let interval = judge_condition(
            pathway,
            index,
            condition,
            &mut waiver_results,
            evaluator,
            &mut missing,
            &mut judged,
        )?;
        combined = combined.min(interval);
    }
    let final_interval = apply_overrides(pathway, &waiver_results, &judged, combined)?;
    evaluator.missing.truncate(start);
    let outcome = if final_interval.is_point() {
        Outcome::from_strength(final_interval.low)
    } else {
        Outcome::Undetermined
    };
    let ranked = if outcome == Outcome::Undetermined {
        rank_missing(&judged, &missing, final_interval)
    } else {
        Vec::new()
    };
    let because = if explain {
        reasons(&judged, outcome, evaluator)
    } else {
        Vec::new()
    };
    Ok(PathwayResult {
        pathway,
        outcome,
        because,
        missing: ranked,
    })
}

/// The result of each exception's `when`, by exception index; `None` for a waiver not needed
/// yet (waivers are evaluated only for conditions that do not hold on their own).
type ExceptionResults = Vec<Option<Ev>>;

fn evaluate_exceptions<'p>(
    pathway: &'p Pathway,
    evaluator: &mut Evaluator<'p, '_>,
    missing: &mut Vec<FactRef>,
    judged: &mut Vec<Judged<'p>>,
) -> Fallible<ExceptionResults> {
    let mut results = Vec::with_capacity(pathway.exceptions.len());
    for (index, exception) in pathway.exceptions.iter().enumerate() {
        let order = i64::try_from(index).unwrap_or(0);
        let deferred = matches!(exception.effect, ExceptionEffect::Waives { .. })
            && !is_cancellable(pathway, index);
        let position = if matches!(exception.effect, ExceptionEffect::Waives { .. }) {
            1_000 + order
        } else {
            -1_000 + order
        };
        if deferred {
            let empty = missing.len()..missing.len();
            judged.push(judgement_of_exception(
                exception,
                RuleStatus::NotApplicable,
                empty.clone(),
                0..0,
                position,
            ));
            results.push(None);
            continue;
        }
        let (result, missing_range, reads) = evaluate_exception(exception, evaluator, missing)?;
        judged.push(judgement_of_exception(
            exception,
            exception_status(&result),
            missing_range,
            reads,
            position,
        ));
        results.push(Some(result));
    }
    apply_cancellations(pathway, &mut results);
    for (judgement, result) in judged.iter_mut().zip(&results) {
        if let Some(result) = result {
            judgement.status = exception_status(result);
        }
    }
    Ok(results)
}

/// Whether some exception cancels exception `index` (then it is evaluated up front).
fn is_cancellable(pathway: &Pathway, index: usize) -> bool {
    pathway.exceptions.iter().any(|exception| {
        matches!(&exception.effect, ExceptionEffect::Cancels { exceptions } if exceptions.contains(&index))
    })
}

/// Evaluates one exception's `when` (not applicable outside its period).
fn evaluate_exception<'p>(
    exception: &'p Exception,
    evaluator: &mut Evaluator<'p, '_>,
    missing: &mut Vec<FactRef>,
) -> Fallible<(Ev, std::ops::Range<usize>, std::ops::Range<usize>)> {
    evaluate_tracked(evaluator, missing, |evaluator| {
        if exception.valid.contains(evaluator.as_of()) {
            evaluator.eval(&exception.when)
        } else {
            Ok(Ev::NotApplicable)
        }
    })
}

/// The result of waiver `index`, evaluating it now if it was deferred.
fn waiver_result<'p>(
    pathway: &'p Pathway,
    index: usize,
    results: &mut ExceptionResults,
    evaluator: &mut Evaluator<'p, '_>,
    missing: &mut Vec<FactRef>,
    judged: &mut [Judged<'p>],
) -> Fallible<Ev> {
    if let Some(Some(result)) = results.get(index) {
        return Ok(result.clone());
    }
    let exception = pathway
        .exceptions
        .get(index)
        .ok_or_else(|| Box::new(EvalError::Internal("exception index")))?;
    let (result, missing_range, reads) = evaluate_exception(exception, evaluator, missing)?;
    if let Some(judgement) = judged.get_mut(index) {
        judgement.status = exception_status(&result);
        judgement.missing = missing_range;
        judgement.reads = reads;
    }
    if let Some(slot) = results.get_mut(index) {
        *slot = Some(result.clone());
    }
    Ok(result)
}

fn exception_status(result: &Ev) -> RuleStatus {
    match result {
        Ev::Known(Value::Bool(true)) => RuleStatus::Fired,
        Ev::Unknown => RuleStatus::Unknown,
        _ => RuleStatus::NotApplicable,
    }
}

/// Sets aside exceptions cancelled by a firing exception; one whose canceller is unknown
/// becomes unknown itself if it fired.
fn apply_cancellations(pathway: &Pathway, results: &mut ExceptionResults) {
    for (index, exception) in pathway.exceptions.iter().enumerate() {
        let ExceptionEffect::Cancels { exceptions } = &exception.effect else {
            continue;
        };
        let canceller = results.get(index).cloned().flatten();
        for target in exceptions {
            let Some(Some(target_result)) = results.get_mut(*target) else {
                continue;
            };
            match canceller {
                Some(Ev::Known(Value::Bool(true))) => *target_result = Ev::NotApplicable,
                Some(Ev::Unknown) if target_result.truth_is(true) => *target_result = Ev::Unknown,
                _ => {}
            }
        }
    }
}

fn judgement_of_exception<'p>(
    exception: &'p Exception,
    status: RuleStatus,
    missing: std::ops::Range<usize>,
    reads: std::ops::Range<usize>,
    position: i64,
) -> Judged<'p> {
    Judged {
        rule: &exception.rule_id,
        cite: &exception.cite,
        cite_note: exception.cite_note.as_ref(),
        text: &exception.text,
        status,
        interval: Interval::point(Strength::Eligible),
        missing,
        reads,
        position,
        relevant_when_unknown: false,
    }
}

/// Evaluates with `run`, moving the unknown facts it pushed into `missing`; returns the
/// result, the range of `missing` they occupy, and the range of trace reads.
fn evaluate_tracked<'p>(
    evaluator: &mut Evaluator<'p, '_>,
    missing: &mut Vec<FactRef>,
    run: impl FnOnce(&mut Evaluator<'p, '_>) -> Fallible<Ev>,
) -> Fallible<(Ev, std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mark = evaluator.missing.len();
    let read_start = evaluator.trace.as_ref().map_or(0, Vec::len);
    let result = run(evaluator)?;
    let read_end = evaluator.trace.as_ref().map_or(0, Vec::len);
    let missing_start = missing.len();
    if let Some(pushed) = evaluator.missing.get(mark..) {
        missing.extend_from_slice(pushed);
    }
    evaluator.missing.truncate(mark);
    Ok((result, missing_start..missing.len(), read_start..read_end))
}

fn judge_condition<'p>(
    pathway: &'p Pathway,
    index: usize,
    condition: &'p Condition,
    exceptions: &mut ExceptionResults,
    evaluator: &mut Evaluator<'p, '_>,
    missing: &mut Vec<FactRef>,
    judged: &mut Vec<Judged<'p>>,
) -> Fallible<Interval> {
    let (result, missing_range, reads) = evaluate_tracked(evaluator, missing, |evaluator| {
        if !condition.valid.contains(evaluator.as_of()) {
            return Ok(Ev::NotApplicable);
        }
        let applies = match &condition.applies_if {
            Some(applies_if) => evaluator.eval(applies_if)?,
            None => Ev::Known(Value::Bool(true)),
        };
        match applies {
            Ev::Known(Value::Bool(false)) | Ev::NotApplicable => Ok(Ev::NotApplicable),
            Ev::Known(_) => evaluator.eval(&condition.requirement),
            Ev::Unknown => match evaluator.eval(&condition.requirement)? {
                Ev::Known(Value::Bool(true)) => Ok(Ev::Known(Value::Bool(true))),
                _ => Ok(Ev::Unknown),
            },
        }
    })?;
    let mut interval = Interval::from_truth(&result, pathway.strength);
    let mut waived = false;
    if result != Ev::Known(Value::Bool(true)) {
        for (exception_index, exception) in pathway.exceptions.iter().enumerate() {
            if let ExceptionEffect::Waives {
                conditions,
                strength,
            } = &exception.effect
                && conditions.contains(&index)
            {
                let when = waiver_result(
                    pathway,
                    exception_index,
                    exceptions,
                    evaluator,
                    missing,
                    judged,
                )?;
                let cap = (*strength).min(pathway.strength);
                interval = interval.max(Interval::from_truth(&when, cap));
                waived |= when.truth_is(true);
            }
        }
    }
    let status = match result {
        Ev::Known(Value::Bool(true)) => RuleStatus::Held,
        Ev::Known(Value::Bool(false)) if waived => RuleStatus::Waived,
        Ev::Known(Value::Bool(false)) => RuleStatus::Failed,
        Ev::Unknown => RuleStatus::Unknown,
        _ => RuleStatus::NotApplicable,
    };
    if !matches!(status, RuleStatus::Held | RuleStatus::NotApplicable) {
        // Exceptions were judged first, so judgement `e` belongs to exception `e`.
        for (exception, judgement) in pathway.exceptions.iter().zip(judged.iter_mut()) {
            let targets_this = matches!(&exception.effect,
                ExceptionEffect::Waives { conditions, .. } if conditions.contains(&index));
            if !targets_this {
                continue;
            }
            judgement.interval = if judgement.relevant_when_unknown {
                judgement.interval.hull(interval)
            } else {
                interval
            };
            judgement.relevant_when_unknown = true;
        }
    }
    judged.push(Judged {
        rule: &condition.rule_id,
        cite: &condition.cite,
        cite_note: condition.cite_note.as_ref(),
        text: &condition.text,
        status,
        interval,
        missing: missing_range,
        reads,
        position: i64::try_from(index).unwrap_or(0),
        relevant_when_unknown: true,
    });
    Ok(interval)
}

fn apply_overrides(
    pathway: &Pathway,
    results: &ExceptionResults,
    judged: &[Judged<'_>],
    base: Interval,
) -> Fallible<Interval> {
    let mut overrides: Vec<(i32, Strength, usize)> = pathway
        .exceptions
        .iter()
        .enumerate()
        .filter_map(|(index, exception)| match exception.effect {
            ExceptionEffect::Overrides { outcome, priority } => Some((priority, outcome, index)),
            ExceptionEffect::Waives { .. } | ExceptionEffect::Cancels { .. } => None,
        })
        .collect();
    overrides.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    let mut possible: Option<Interval> = None;
    let mut fired: Option<(i32, Strength, usize)> = None;
    for (priority, outcome, index) in overrides {
        if let Some((fired_priority, fired_outcome, fired_index)) = fired {
            if fired_priority != priority {
                break;
            }
            if results
                .get(index)
                .and_then(Option::as_ref)
                .is_some_and(|when| when.truth_is(true))
                && fired_outcome != outcome
            {
                return fail(EvalError::ConflictingExceptions {
                    pathway: pathway.id.clone(),
                    first: judged
                        .get(fired_index)
                        .map_or_else(String::new, |j| j.rule.to_owned()),
                    second: judged
                        .get(index)
                        .map_or_else(String::new, |j| j.rule.to_owned()),
                });
            }
            continue;
        }
        match results.get(index).and_then(Option::as_ref) {
            Some(when) if when.truth_is(true) => fired = Some((priority, outcome, index)),
            Some(Ev::Unknown) => {
                possible = Some(possible.map_or(Interval::point(outcome), |p| {
                    p.hull(Interval::point(outcome))
                }))
            }
            _ => {}
        }
    }
    let settled = match fired {
        Some((_, outcome, _)) => Interval::point(outcome),
        None => base,
    };
    Ok(possible.map_or(settled, |possible| possible.hull(settled)))
}

fn rank_missing(judged: &[Judged<'_>], missing: &[FactRef], outcome: Interval) -> Vec<FactRef> {
    let mut scores: BTreeMap<FactRef, (usize, i64, usize)> = BTreeMap::new();
    let mut order = 0;
    for judgement in judged {
        let is_override = judgement.position < 0;
        let can_move = judgement.relevant_when_unknown
            && !judgement.interval.is_point()
            && judgement.interval.low < outcome.high;
        if !(judgement.status == RuleStatus::Unknown && (is_override || can_move)) {
            continue;
        }
        let mut seen_here: Vec<FactRef> = Vec::new();
        for fact in missing.get(judgement.missing.clone()).unwrap_or_default() {
            if seen_here.contains(fact) {
                continue;
            }
            seen_here.push(*fact);
            let entry = scores
                .entry(*fact)
                .or_insert((0, judgement.position, order));
            order += 1;
            entry.0 += 1;
            entry.1 = entry.1.min(judgement.position);
        }
    }
    let mut ranked: Vec<(FactRef, (usize, i64, usize))> = scores.into_iter().collect();
    ranked.sort_by(|(_, a), (_, b)| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    ranked.into_iter().map(|(fact, _)| fact).collect()
}

fn reasons<'p>(
    judged: &[Judged<'p>],
    outcome: Outcome,
    evaluator: &Evaluator<'p, '_>,
) -> Vec<Reason<'p>> {
    let is_condition = |judgement: &Judged<'_>| (0..1_000).contains(&judgement.position);
    let decisive = |judgement: &Judged<'_>| {
        let is_waiver = judgement.position >= 1_000;
        if !is_condition(judgement) {
            // A waiver is a reason only where it waived something: some condition it targets
            // did not hold on its own.
            return judgement.status == RuleStatus::Fired
                && (!is_waiver || judgement.relevant_when_unknown);
        }
        outcome != Outcome::NotEligible || judgement.status == RuleStatus::Failed
    };
    let mut ordered: Vec<&Judged<'p>> = judged
        .iter()
        .filter(|judgement| decisive(judgement))
        .collect();
    ordered.sort_by_key(|judgement| judgement.position);
    ordered
        .into_iter()
        .map(|judgement| Reason {
            rule: judgement.rule,
            cite: judgement.cite,
            cite_note: judgement.cite_note,
            text: judgement.text,
            status: judgement.status,
            reads: evaluator
                .trace
                .as_ref()
                .and_then(|trace| trace.get(judgement.reads.clone()))
                .map(<[TraceRead]>::to_vec)
                .unwrap_or_default(),
        })
        .collect()
}

impl Ev {
    fn truth_is(&self, expected: bool) -> bool {
        matches!(self, Ev::Known(Value::Bool(flag)) if *flag == expected)
    }
}
