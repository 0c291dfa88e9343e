//! The pack test runner: YAML cases in the OpenFisca style, extended with `because`,
//! `missing` and `checklist`.
//!
//! A case gives `as_of` and `input` (facts keyed by role) and may expect `outcome` per
//! pathway, computed `values`, `because` (rule ids such as `de.family.spouse/german` or the
//! short `german`, or citations), the exact set of `missing` facts (or only `first_missing`),
//! the `checklist` entries (`person.item`), or an evaluation `error` (text it contains);
//! `not_because` lists rules that must not be given as reasons.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use jiff::civil::Date;

use crate::facts::{Facts, Input};
use crate::pack::Pack;
use crate::{Evaluation, Request, evaluate, rank_missing_across};

/// A test case as written.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestSpec {
    /// Name, unique within the pack.
    pub name: String,
    /// An earlier case whose input this one starts from (roles and facts given here replace it).
    pub extends: Option<String>,
    /// What it shows, optionally.
    pub description: Option<String>,
    /// Evaluation date.
    pub as_of: Date,
    /// Facts keyed by role.
    #[serde(default)]
    pub input: BTreeMap<String, Input>,
    /// Expected outcome per pathway id.
    #[serde(default)]
    pub outcome: BTreeMap<String, String>,
    /// Expected computed values (`null`: not determined).
    #[serde(default)]
    pub values: BTreeMap<String, Input>,
    /// Rules or citations that must appear among the reasons.
    #[serde(default)]
    pub because: Vec<String>,
    /// Rules or citations that must not appear among the reasons.
    #[serde(default)]
    pub not_because: Vec<String>,
    /// The exact set of missing facts over the tested pathways.
    pub missing: Option<Vec<String>>,
    /// The first missing fact.
    pub first_missing: Option<String>,
    /// The exact set of checklist entries, as `person.item`.
    pub checklist: Option<Vec<String>>,
    /// An expected evaluation error (a part of its message).
    pub error: Option<String>,
}

/// A test case with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    /// The case.
    pub spec: TestSpec,
    /// Its file.
    pub file: PathBuf,
    /// Its line.
    pub line: usize,
}

/// A failed test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFailure {
    /// The file.
    pub file: PathBuf,
    /// The line of the case.
    pub line: usize,
    /// The case's name.
    pub name: String,
    /// What did not match.
    pub problems: Vec<String>,
}

/// The result of running a pack's tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestReport {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failures: Vec<TestFailure>,
}

/// Runs every test case of `pack`.
pub fn run_tests(pack: &Pack) -> TestReport {
    let mut report = TestReport::default();
    for case in &pack.tests {
        let problems = check_case(pack, &case.spec);
        if problems.is_empty() {
            report.passed += 1;
        } else {
            report.failures.push(TestFailure {
                file: case.file.clone(),
                line: case.line,
                name: case.spec.name.clone(),
                problems,
            });
        }
    }
    report
}

/// The ways one case fails (empty when it passes).
pub fn check_case(pack: &Pack, spec: &TestSpec) -> Vec<String> {
    let facts = match Facts::from_input(pack, &spec.input) {
        Ok(facts) => facts,
        Err(error) => return vec![format!("input: {error}")],
    };
    let pathways: Vec<String> = spec.outcome.keys().cloned().collect();
    let request = Request {
        pathways,
        trace: false,
    };
    let evaluation = match (evaluate(pack, &facts, spec.as_of, &request), &spec.error) {
        (Ok(_), Some(expected)) => {
            return vec![format!("expected error containing '{expected}', got none")];
        }
        (Err(error), Some(expected)) if error.to_string().contains(expected.as_str()) => {
            return Vec::new();
        }
        (Err(error), _) => return vec![format!("evaluation error: {error}")],
        (Ok(evaluation), None) => evaluation,
    };
    let mut problems = Vec::new();
    check_outcomes(spec, &evaluation, &mut problems);
    check_values(pack, spec, &evaluation, &mut problems);
    check_because(spec, &evaluation, &mut problems);
    check_missing(pack, spec, &evaluation, &mut problems);
    check_checklist(spec, &evaluation, &mut problems);
    problems
}

fn check_outcomes(spec: &TestSpec, evaluation: &Evaluation<'_>, problems: &mut Vec<String>) {
    for (pathway, expected) in &spec.outcome {
        let found = evaluation
            .pathways
            .iter()
            .find(|report| &report.result.pathway.id == pathway);
        match found.map(|report| report.result.outcome.name()) {
            Some(outcome) if outcome == expected => {}
            Some(outcome) => {
                problems.push(format!("{pathway}: expected {expected}, got {outcome}"))
            }
            None => problems.push(format!("{pathway}: not evaluated")),
        }
    }
}

fn check_values(
    pack: &Pack,
    spec: &TestSpec,
    evaluation: &Evaluation<'_>,
    problems: &mut Vec<String>,
) {
    for (id, expected) in &spec.values {
        let found = evaluation
            .values
            .iter()
            .find(|(value, _)| &value.id == id)
            .map(|(value, result)| pack.render_value(result, &value.value_type));
        let expected_text = match expected {
            Input::Null => None,
            Input::Bool(flag) => Some(flag.to_string()),
            Input::Integer(number) => Some(number.to_string()),
            Input::Float(number) => {
                crate::value::Decimal::parse(&number.to_string()).map(|d| d.to_string())
            }
            Input::Text(text) => Some(text.clone()),
            other => Some(format!("{other:?}")),
        };
        if found != expected_text {
            problems.push(format!(
                "value {id}: expected {}, got {}",
                expected_text.as_deref().unwrap_or("undetermined"),
                found.as_deref().unwrap_or("undetermined")
            ));
        }
    }
}

fn check_because(spec: &TestSpec, evaluation: &Evaluation<'_>, problems: &mut Vec<String>) {
    let reasons: Vec<&crate::Reason<'_>> = evaluation
        .pathways
        .iter()
        .flat_map(|report| &report.result.because)
        .collect();
    let names = |expected: &str| {
        reasons.iter().any(|reason| {
            reason.rule == expected
                || reason.cite == expected
                || reason.rule.rsplit('/').next() == Some(expected)
        })
    };
    let given = || {
        reasons
            .iter()
            .map(|reason| reason.rule)
            .collect::<Vec<_>>()
            .join(", ")
    };
    for expected in &spec.because {
        if !names(expected) {
            problems.push(format!("because: '{expected}' not among [{}]", given()));
        }
    }
    for unexpected in &spec.not_because {
        if names(unexpected) {
            problems.push(format!(
                "because: '{unexpected}' should not be among [{}]",
                given()
            ));
        }
    }
}

fn check_missing(
    pack: &Pack,
    spec: &TestSpec,
    evaluation: &Evaluation<'_>,
    problems: &mut Vec<String>,
) {
    let ranked: Vec<String> = rank_missing_across(&evaluation.pathways)
        .iter()
        .map(|fact| fact.display(pack).to_string())
        .collect();
    if let Some(expected) = &spec.missing {
        let expected_set: BTreeSet<&String> = expected.iter().collect();
        let found_set: BTreeSet<&String> = ranked.iter().collect();
        if expected_set != found_set {
            problems.push(format!(
                "missing: expected [{}], got [{}]",
                expected.join(", "),
                ranked.join(", ")
            ));
        }
    }
    if let Some(first) = &spec.first_missing
        && ranked.first() != Some(first)
    {
        problems.push(format!(
            "first missing: expected {first}, got [{}]",
            ranked.join(", ")
        ));
    }
}

fn check_checklist(spec: &TestSpec, evaluation: &Evaluation<'_>, problems: &mut Vec<String>) {
    let Some(expected) = &spec.checklist else {
        return;
    };
    let found: BTreeSet<String> = evaluation
        .pathways
        .iter()
        .flat_map(|report| &report.checklist)
        .map(|entry| format!("{}.{}", entry.person_name(), entry.item.id))
        .collect();
    let expected: BTreeSet<String> = expected.iter().cloned().collect();
    if found != expected {
        let render = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
        problems.push(format!(
            "checklist: expected [{}], got [{}]",
            render(&expected),
            render(&found)
        ));
    }
}
