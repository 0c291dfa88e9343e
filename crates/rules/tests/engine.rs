//! Engine semantics on small in-memory packs: validation errors, three-valued logic,
//! exceptions and their precedence, missing-fact ranking, dated parameters.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use rules::{Facts, Input, Outcome, Request, evaluate, load_pack_from_texts};

const HEADER: &str = "pack:\n  id: t\n  version: '1'\n  title: {key: t, en: T}\n  languages: [en]\n  children_question: {key: c, en: Children?}\n";

const FACTS: &str = "
facts:
  - {id: a, on: [applicant], type: bool, question: {key: q.a, en: A?}}
  - {id: b, on: [applicant], type: bool, question: {key: q.b, en: B?}}
  - {id: c, on: [applicant], type: bool, question: {key: q.c, en: C?}}
  - {id: n, on: [applicant, children], type: number, question: {key: q.n, en: N?}}
  - {id: income, on: [household], type: money, currency: EUR, question: {key: q.i, en: Income?}}
";

fn pack(body: &str) -> rules::Pack {
    let text = format!("{HEADER}{FACTS}{body}");
    load_pack_from_texts(&[("pack.yaml", &text)]).unwrap_or_else(|errors| panic!("{errors}"))
}

fn load_errors(body: &str) -> String {
    let text = format!("{HEADER}{FACTS}{body}");
    match load_pack_from_texts(&[("pack.yaml", &text)]) {
        Ok(_) => panic!("expected load errors"),
        Err(errors) => errors.to_string(),
    }
}

fn facts(pack: &rules::Pack, json_like: &str) -> Facts {
    let input: BTreeMap<String, Input> = serde_norway::from_str(json_like).unwrap();
    Facts::from_input(pack, &input).unwrap()
}

fn outcome(pack: &rules::Pack, input: &str) -> (Outcome, Vec<String>) {
    let facts = facts(pack, input);
    let evaluation = evaluate(
        pack,
        &facts,
        jiff::civil::date(2026, 1, 15),
        &Request::default(),
    )
    .unwrap();
    let report = &evaluation.pathways[0];
    let missing = report
        .result
        .missing
        .iter()
        .map(|fact| fact.display(pack).to_string())
        .collect();
    (report.result.outcome, missing)
}

fn pathway(conditions: &str, exceptions: &str) -> String {
    format!(
        "pathways:\n  - id: p\n    title: {{key: p, en: P}}\n    cite: 'Law §1'\n    strength: eligible\n    conditions:\n{conditions}    exceptions:\n{exceptions}"
    )
}

fn condition(id: &str, expr: &str) -> String {
    format!(
        "      - {{id: {id}, cite: 'Law §1({id})', text: {{key: {id}, en: {id}}}, expr: \"{expr}\"}}\n"
    )
}

#[test]
fn kleene_and_short_circuits_on_false_and_asks_nothing() {
    let pack = pack(&pathway(
        &condition("both", "applicant.a and applicant.b"),
        "      []\n",
    ));
    assert_eq!(
        outcome(&pack, "{applicant: {b: false}}"),
        (Outcome::NotEligible, vec![])
    );
    assert_eq!(
        outcome(&pack, "{applicant: {a: true}}"),
        (Outcome::Undetermined, vec!["applicant.b".to_owned()])
    );
    assert_eq!(
        outcome(&pack, "{applicant: {a: true, b: true}}").0,
        Outcome::Eligible
    );
}

#[test]
fn kleene_or_is_true_if_either_side_is_true() {
    let pack = pack(&pathway(
        &condition("either", "applicant.a or applicant.b"),
        "      []\n",
    ));
    assert_eq!(
        outcome(&pack, "{applicant: {b: true}}"),
        (Outcome::Eligible, vec![])
    );
    let (result, missing) = outcome(&pack, "{}");
    assert_eq!(result, Outcome::Undetermined);
    assert_eq!(missing, vec!["applicant.a", "applicant.b"]);
}

#[test]
fn an_absent_role_makes_its_facts_not_applicable_not_false() {
    let pack = pack(&pathway(
        &condition("spouse_rule", "applicant.a"),
        "      []\n",
    ));
    assert_eq!(outcome(&pack, "{applicant: null}").0, Outcome::Eligible);
}

#[test]
fn failing_condition_stops_questions_about_other_conditions() {
    let conditions = condition("first", "applicant.a") + &condition("second", "applicant.b");
    let pack = pack(&pathway(&conditions, "      []\n"));
    assert_eq!(
        outcome(&pack, "{applicant: {a: false}}"),
        (Outcome::NotEligible, vec![])
    );
}

#[test]
fn missing_facts_are_ranked_by_how_many_open_rules_need_them() {
    let conditions = condition("first", "applicant.b")
        + &condition("second", "applicant.a or applicant.c")
        + &condition("third", "applicant.a");
    let pack = pack(&pathway(&conditions, "      []\n"));
    let (_, missing) = outcome(&pack, "{}");
    assert_eq!(missing, vec!["applicant.a", "applicant.b", "applicant.c"]);
}

#[test]
fn waiver_caps_the_outcome_at_its_strength() {
    let exceptions = "      - {id: hardship, cite: 'Law §2', text: {key: h, en: H}, waives: [main], strength: discretionary, when: applicant.b}\n";
    let pack = pack(&pathway(&condition("main", "applicant.a"), exceptions));
    assert_eq!(
        outcome(&pack, "{applicant: {a: false, b: true}}").0,
        Outcome::Discretionary
    );
    assert_eq!(
        outcome(&pack, "{applicant: {a: true, b: true}}").0,
        Outcome::Eligible
    );
    assert_eq!(
        outcome(&pack, "{applicant: {a: false, b: false}}").0,
        Outcome::NotEligible
    );
    // The condition failed, so only the waiver's fact can still change the outcome.
    assert_eq!(
        outcome(&pack, "{applicant: {a: false}}"),
        (Outcome::Undetermined, vec!["applicant.b".to_owned()])
    );
}

#[test]
fn higher_priority_override_wins_and_equal_priority_conflict_is_a_runtime_error() {
    let exceptions = "      - {id: bar, cite: 'Law §3', text: {key: b, en: B}, outcome: not_eligible, priority: 10, when: applicant.b}\n      - {id: relief, cite: 'Law §4', text: {key: r, en: R}, outcome: discretionary, priority: 20, when: applicant.c}\n";
    let pack = pack(&pathway(&condition("main", "applicant.a"), exceptions));
    assert_eq!(
        outcome(&pack, "{applicant: {a: true, b: true, c: false}}").0,
        Outcome::NotEligible
    );
    assert_eq!(
        outcome(&pack, "{applicant: {a: true, b: true, c: true}}").0,
        Outcome::Discretionary
    );

    let equal = "      - {id: bar, cite: 'Law §3', text: {key: b, en: B}, outcome: not_eligible, when: applicant.b}\n      - {id: relief, cite: 'Law §4', text: {key: r, en: R}, outcome: discretionary, when: applicant.c}\n";
    let pack = self::pack(&pathway(&condition("main", "applicant.a"), equal));
    let facts = facts(&pack, "{applicant: {a: true, b: true, c: true}}");
    let error = evaluate(
        &pack,
        &facts,
        jiff::civil::date(2026, 1, 15),
        &Request::default(),
    )
    .unwrap_err();
    assert!(
        matches!(error, rules::EvalError::ConflictingExceptions { .. }),
        "{error}"
    );
}

#[test]
fn identical_conflicting_overrides_are_a_load_error() {
    let exceptions = "      - {id: bar, cite: 'Law §3', text: {key: b, en: B}, outcome: not_eligible, when: applicant.b}\n      - {id: relief, cite: 'Law §4', text: {key: r, en: R}, outcome: discretionary, when: applicant.b}\n";
    let errors = load_errors(&pathway(&condition("main", "applicant.a"), exceptions));
    assert!(
        errors.contains("[p/relief] conflicts with 'p/bar'"),
        "{errors}"
    );
}

#[test]
fn validation_names_file_line_and_rule() {
    let errors = load_errors(&pathway(&condition("typo", "applicant.aa"), "      []\n"));
    assert!(errors.contains("pack.yaml:"), "{errors}");
    assert!(
        errors.contains("[p/typo] in 'applicant.aa' at column 1: unknown fact 'aa'"),
        "{errors}"
    );
}

#[test]
fn validation_rejects_type_errors_and_uncited_conditions() {
    let body = pathway(
        &("      - {id: mixed, cite: '', text: {key: m, en: M}, expr: \"applicant.n > applicant.a\"}\n".to_owned()
            + &condition("money", "household.income > applicant.n")),
        "      []\n",
    );
    let errors = load_errors(&body);
    assert!(errors.contains("[p/mixed] missing citation"), "{errors}");
    assert!(
        errors.contains("cannot compare number with bool"),
        "{errors}"
    );
    assert!(
        errors.contains("cannot compare money (EUR) with number"),
        "{errors}"
    );
}

#[test]
fn validation_rejects_cycles_between_values() {
    let body = "values:\n  - {id: x, cite: 'Law §5', expr: 'value.y + 1'}\n  - {id: y, cite: 'Law §5', expr: 'value.x + 1'}\n";
    let errors = load_errors(body);
    assert!(errors.contains("depends on itself (cycle)"), "{errors}");
}

#[test]
fn validation_rejects_overlapping_grid_rows() {
    let body = "grids:\n  - id: g\n    cite: 'Law §6'\n    key: number\n    rows:\n      - {min: 0, max: 10, value: 1}\n      - {min: 10, max: 20, value: 2}\n";
    let errors = load_errors(body);
    assert!(errors.contains("[g] grid rows 1 and 2 overlap"), "{errors}");
}

#[test]
fn validation_rejects_gaps_and_overlaps_in_parameter_periods() {
    let gap = "parameters:\n  - id: p\n    type: number\n    cite: 'Law §7'\n    values:\n      - {from: 2020-01-01, to: 2020-06-30, value: 1}\n      - {from: 2020-08-01, value: 2}\n";
    assert!(load_errors(gap).contains("leaves a gap before the value from 2020-08-01"));
    let overlap = gap.replace("2020-08-01", "2020-06-01");
    assert!(load_errors(&overlap).contains("overlaps the value from 2020-06-01"));
}

#[test]
fn dated_parameters_take_the_value_in_force() {
    let body = "parameters:\n  - id: threshold\n    type: number\n    cite: 'Law §8'\n    values:\n      - {from: 2020-01-01, value: 10}\n      - {from: 2026-01-01, value: 20}\n"
        .to_owned()
        + &pathway(&condition("enough", "applicant.n >= param.threshold"), "      []\n");
    let pack = pack(&body);
    let facts = facts(&pack, "{applicant: {n: 15}}");
    let on = |year, month, day| {
        evaluate(
            &pack,
            &facts,
            jiff::civil::date(year, month, day),
            &Request::default(),
        )
        .unwrap()
        .pathways[0]
            .result
            .outcome
    };
    assert_eq!(on(2025, 12, 31), Outcome::Eligible);
    assert_eq!(on(2026, 1, 1), Outcome::NotEligible);
    let error = evaluate(
        &pack,
        &facts,
        jiff::civil::date(2019, 12, 31),
        &Request::default(),
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("no value in force on 2019-12-31"),
        "{error}"
    );
}

#[test]
fn aggregates_over_children_are_three_valued() {
    let pack = pack(&pathway(
        &condition("kids", "any(children, it.n > 5) or count(children) == 0"),
        "      []\n",
    ));
    assert_eq!(outcome(&pack, "{children: []}").0, Outcome::Eligible);
    assert_eq!(
        outcome(&pack, "{children: [{n: 1}, {n: 9}]}").0,
        Outcome::Eligible
    );
    assert_eq!(
        outcome(&pack, "{children: [{n: 1}, {}]}"),
        (Outcome::Undetermined, vec!["children[1].n".to_owned()])
    );
    assert_eq!(
        outcome(&pack, "{}"),
        (Outcome::Undetermined, vec!["children".to_owned()])
    );
}

#[test]
fn wrong_fact_types_name_the_fact() {
    let pack = pack(&pathway(&condition("x", "applicant.a"), "      []\n"));
    let input: BTreeMap<String, Input> =
        serde_norway::from_str("{household: {income: 'lots'}}").unwrap();
    let error = Facts::from_input(&pack, &input).unwrap_err();
    assert_eq!(
        error.to_string(),
        "fact 'household.income' must be an amount in EUR (e.g. \"1200.50\")"
    );
}

#[test]
fn document_freshness_and_validity_requirements_check_dates() {
    use jiff::civil::date;
    use rules::Requirement;
    let application = date(2026, 3, 15);
    let fresh = Requirement::IssuedWithinMonths { months: 12 };
    assert_eq!(
        fresh.check_dates(Some(date(2025, 3, 15)), None, application, None),
        Some(true)
    );
    assert_eq!(
        fresh.check_dates(Some(date(2025, 3, 14)), None, application, None),
        Some(false)
    );
    assert_eq!(fresh.check_dates(None, None, application, None), None);
    let valid = Requirement::ValidBeyondTravelMonths { months: 6 };
    let travel = Some(date(2026, 8, 31));
    assert_eq!(
        valid.check_dates(None, Some(date(2027, 2, 28)), application, travel),
        Some(true)
    );
    assert_eq!(
        valid.check_dates(None, Some(date(2027, 2, 27)), application, travel),
        Some(false)
    );
    assert_eq!(
        Requirement::Legalised.check_dates(None, None, application, None),
        None
    );
}

#[test]
fn questionnaire_across_pathways_puts_shared_questions_first() {
    let body = pathway(
        &(condition("one", "applicant.a") + &condition("two", "applicant.b")),
        "      []\n",
    ) + "  - id: q\n    title: {key: q, en: Q}\n    cite: 'Law §9'\n    strength: eligible\n    conditions:\n"
        + &condition("three", "applicant.b or applicant.c");
    let pack = pack(&body);
    let facts = facts(&pack, "{}");
    let evaluation = evaluate(
        &pack,
        &facts,
        jiff::civil::date(2026, 1, 15),
        &Request::default(),
    )
    .unwrap();
    let order: Vec<String> = rules::rank_missing_across(&evaluation.pathways)
        .iter()
        .map(|fact| fact.display(&pack).to_string())
        .collect();
    assert_eq!(order, vec!["applicant.b", "applicant.a", "applicant.c"]);
}

#[test]
fn validation_requires_a_label_for_every_enumeration_value_in_every_language() {
    let header = HEADER.replace("languages: [en]", "languages: [en, fr]");
    let load = |enums: &str| load_pack_from_texts(&[("pack.yaml", &format!("{header}{enums}"))]);
    let labelled = "enums:\n  - id: colour\n    values: [red, blue]\n    labels:\n      red: {key: e.red, en: Red, fr: Rouge}\n      blue: {key: e.blue, en: Blue, fr: Bleu}\n";
    let pack = load(labelled).unwrap_or_else(|errors| panic!("{errors}"));
    let colour = &pack.enums[0];
    assert_eq!(
        colour.label("blue").map(|label| label.get("fr")),
        Some("Bleu")
    );

    let unlabelled = labelled.replace("      blue: {key: e.blue, en: Blue, fr: Bleu}\n", "");
    let errors = load(&unlabelled)
        .err()
        .map(|errors| errors.to_string())
        .unwrap_or_default();
    assert!(
        errors.contains("[colour] value 'blue' has no label"),
        "{errors}"
    );

    let english_only = labelled.replace(", fr: Bleu", "");
    let errors = load(&english_only)
        .err()
        .map(|errors| errors.to_string())
        .unwrap_or_default();
    assert!(
        errors.contains("[colour] the label of 'blue' has no fr wording"),
        "{errors}"
    );

    let stray = labelled.replace("values: [red, blue]", "values: [red]");
    let errors = load(&stray)
        .err()
        .map(|errors| errors.to_string())
        .unwrap_or_default();
    assert!(
        errors.contains("[colour] label for 'blue', which is not a value"),
        "{errors}"
    );
}

#[test]
fn validation_requires_every_fact_in_a_declared_section_with_titles_in_every_language() {
    let header = HEADER.replace("languages: [en]", "languages: [en, fr]");
    let load = |body: &str| load_pack_from_texts(&[("pack.yaml", &format!("{header}{body}"))]);
    let sectioned = "sections:\n  - {id: people, title: {key: s.people, en: People, fr: Personnes}}\nfacts:\n  - {id: a, on: [applicant], type: bool, section: people, question: {key: q.a, en: A?, fr: A ?}}\n";
    let pack = load(sectioned).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(pack.facts[0].section, Some(0));
    assert_eq!(pack.sections[0].title.get("fr"), "Personnes");

    let errors_of = |body: &str| {
        load(body)
            .err()
            .map(|errors| errors.to_string())
            .unwrap_or_default()
    };
    let unsectioned = sectioned.replace(" section: people,", "");
    assert!(
        errors_of(&unsectioned).contains("[a] the pack has sections: name this fact's 'section'")
    );
    let unknown = sectioned.replace("section: people", "section: money");
    assert!(errors_of(&unknown).contains("[a] unknown section 'money'"));
    let english_only = sectioned.replace(", fr: Personnes", "");
    assert!(errors_of(&english_only).contains("[people] the section title has no fr wording"));
}

#[test]
fn validation_requires_citation_notes_in_every_language() {
    let header = HEADER.replace("languages: [en]", "languages: [en, fr]");
    let body = "pathways:\n  - id: p\n    title: {key: p, en: P, fr: P}\n    cite: 'Law §1'\n    cite_note: {key: n, en: the law on things}\n    strength: eligible\n    conditions:\n      - {id: a, cite: 'Law §2', text: {key: a, en: A, fr: A}, expr: 'true'}\n";
    let errors = load_pack_from_texts(&[("pack.yaml", &format!("{header}{body}"))])
        .err()
        .map(|errors| errors.to_string())
        .unwrap_or_default();
    assert!(
        errors.contains("[p] the citation note 'n' has no fr wording"),
        "{errors}"
    );
}
