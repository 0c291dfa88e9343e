//! Property tests over the shipped packs: evaluation never panics, outcomes decided with
//! partial facts never change when the rest becomes known, the questionnaire is empty exactly
//! when the outcome is decided, and more income never worsens a means-tested outcome.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use rules::{Decimal, Facts, Outcome, Pack, Presence, Request, Role, Type, Value, evaluate};

fn pack(id: &str) -> &'static Pack {
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    let packs = PACKS.get_or_init(|| {
        ["de", "ca", "ec", "ae"]
            .iter()
            .map(|id| {
                rules::load_pack(
                    &Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join("../../packs")
                        .join(id),
                )
                .unwrap()
            })
            .collect()
    });
    packs.iter().find(|pack| pack.id == id).unwrap()
}

/// A deterministic source of values for one generated case.
struct Source(u64);

impl Source {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

fn random_value(pack: &Pack, value_type: &Type, source: &mut Source) -> Value {
    match value_type {
        Type::Bool => Value::Bool(source.below(2) == 1),
        Type::Number | Type::Money(_) => {
            Value::Number(Decimal::from_int(i64::try_from(source.below(5_000)).unwrap()).unwrap())
        }
        Type::Date => {
            let year = 1950 + i16::try_from(source.below(80)).unwrap();
            let month = 1 + i8::try_from(source.below(12)).unwrap();
            let day = 1 + i8::try_from(source.below(28)).unwrap();
            Value::Date(jiff::civil::date(year, month, day))
        }
        Type::Enum(index) => Value::Enum(
            u16::try_from(source.below(pack.enums[*index].values.len() as u64)).unwrap(),
        ),
        Type::Set(index) => Value::Set(source.below(1 << pack.enums[*index].values.len().min(16))),
        Type::Text => Value::Text(
            ["VEN", "USA", "SYR", "COL", "CAN"][usize::try_from(source.below(5)).unwrap()].into(),
        ),
    }
}

/// Facts with every fact of every role set from `seed`; `hidden` picks which stay unknown.
fn facts(pack: &Pack, seed: u64, hidden: u64, hide_percent: u64) -> Facts {
    let mut source = Source(seed);
    let mut mask = Source(hidden);
    let mut facts = Facts::new();
    let children = usize::try_from(source.below(3)).unwrap();
    facts.set_absent(Role::Children);
    for (slot, definition) in pack.facts.iter().enumerate() {
        for role in &definition.roles {
            let people = if *role == Role::Children { children } else { 1 };
            for person in 0..people {
                let value = random_value(pack, &definition.value_type, &mut source);
                if mask.below(100) < hide_percent {
                    continue;
                }
                facts
                    .record_mut(pack, *role, person)
                    .unwrap()
                    .set(slot, Some(value));
            }
        }
    }
    facts
}

/// `partial` with the unknown facts of `full` filled in.
fn completed(pack: &Pack, partial: &Facts, full: &Facts) -> Facts {
    let mut result = full.clone();
    for role in [
        Role::Applicant,
        Role::Sponsor,
        Role::Spouse,
        Role::Household,
        Role::Case,
    ] {
        if let Presence::Present(record) = partial.record(role) {
            for slot in 0..pack.facts.len() {
                if let Some(value) = record.get(slot) {
                    result
                        .record_mut(pack, role, 0)
                        .unwrap()
                        .set(slot, Some(value.clone()));
                }
            }
        }
    }
    result
}

fn rank(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::NotEligible => 0,
        Outcome::Discretionary => 1,
        Outcome::Likely => 2,
        Outcome::Eligible => 3,
        Outcome::Undetermined => panic!("undetermined with every fact known"),
    }
}

fn as_of(days: u64) -> jiff::civil::Date {
    rules::dates::add_days(jiff::civil::date(2018, 8, 1), i64::try_from(days).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn evaluation_never_panics_and_asks_exactly_when_undecided(
        pack_index in 0_usize..4, seed in any::<u64>(), hidden in any::<u64>(), hide in 0_u64..100, day in 0_u64..3_600,
    ) {
        let pack = pack(["de", "ca", "ec", "ae"][pack_index]);
        let facts = facts(pack, seed, hidden, hide);
        // Errors are allowed (e.g. a parameter not yet in force on an early date); panics are not.
        if let Ok(evaluation) = evaluate(pack, &facts, as_of(day), &Request { pathways: Vec::new(), trace: true }) {
            for report in &evaluation.pathways {
                let undecided = report.result.outcome == Outcome::Undetermined;
                prop_assert_eq!(undecided, !report.result.missing.is_empty(), "{} {:?}", report.result.pathway.id, report.result.outcome);
                prop_assert!(!report.result.because.is_empty(), "{} gives no reason", report.result.pathway.id);
            }
        }
    }

    #[test]
    fn a_decided_outcome_never_changes_when_more_facts_become_known(
        seed in any::<u64>(), hidden in any::<u64>(), hide in 0_u64..80,
    ) {
        let pack = pack("de");
        let on = jiff::civil::date(2026, 1, 15);
        let full = facts(pack, seed, 0, 0);
        let partial = facts(pack, seed, hidden, hide);
        let complete = completed(pack, &partial, &full);
        let request = Request::default();
        let before = evaluate(pack, &partial, on, &request).unwrap();
        let after = evaluate(pack, &complete, on, &request).unwrap();
        for (early, late) in before.pathways.iter().zip(&after.pathways) {
            if early.result.outcome != Outcome::Undetermined {
                prop_assert_eq!(early.result.outcome, late.result.outcome, "{}", early.result.pathway.id);
            }
        }
    }

    #[test]
    fn more_income_never_worsens_a_means_tested_outcome(seed in any::<u64>(), raise in 1_i64..3_000) {
        let pack = pack("de");
        let on = jiff::civil::date(2026, 1, 15);
        let poorer = facts(pack, seed, 0, 0);
        let mut richer = poorer.clone();
        let (slot, _) = pack.fact_slot("net_income").unwrap();
        let Presence::Present(household) = poorer.record(Role::Household) else { panic!("household missing") };
        let income = household.get(slot).and_then(Value::as_number).unwrap();
        let raised = income.checked_add(Decimal::from_int(raise).unwrap()).unwrap();
        richer.record_mut(pack, Role::Household, 0).unwrap().set(slot, Some(Value::Number(raised)));
        let request = Request::default();
        let before = evaluate(pack, &poorer, on, &request).unwrap();
        let after = evaluate(pack, &richer, on, &request).unwrap();
        for (low, high) in before.pathways.iter().zip(&after.pathways) {
            prop_assert!(rank(high.result.outcome) >= rank(low.result.outcome), "{}", low.result.pathway.id);
        }
    }
}
