//! Benchmark binary: the German spouse pathway on generated people (the batch path, trace
//! off), one whole-`de`-pack evaluation with trace, and loading + validating every pack.
//!
//! `cargo bench -p rules --bench spouse -- [--people N] [--csv FILE]`
//! With `--csv`, the generated people are also written out so that the OpenFisca version of
//! the same rule (bench/rules/) evaluates exactly the same people. Prints throughput and the
//! outcome counts, which the comparison script checks against OpenFisca's.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rules::{Decimal, Facts, Outcome, Pack, Role, Value};

/// The order of `residence_title` in packs/de, which the OpenFisca script repeats.
const TITLES: [&str; 13] = [
    "settlement_permit",
    "eu_long_term",
    "blue_card",
    "ict_card",
    "researcher",
    "skilled_worker",
    "student",
    "refugee",
    "asylum",
    "resettled",
    "subsidiary_protection",
    "other_residence_permit",
    "none",
];
const NATIONALITIES: [&str; 6] = ["SYR", "AFG", "TUR", "IRQ", "USA", "CAN"];

/// A small deterministic generator (xorshift64*), so both engines see the same people.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn date(&mut self, first_year: i16, years: u64) -> jiff::civil::Date {
        let year = first_year + i16::try_from(self.below(years)).unwrap();
        let month = 1 + i8::try_from(self.below(12)).unwrap();
        let day = 1 + i8::try_from(self.below(28)).unwrap();
        jiff::civil::date(year, month, day)
    }
}

/// One generated person, every fact known.
struct Person {
    applicant_birth: jiff::civil::Date,
    german_level: usize,
    illness: bool,
    low_need: bool,
    unreasonable: bool,
    married_before_move: bool,
    married_before_title: bool,
    identity: bool,
    passport: bool,
    expulsion: bool,
    sponsor_birth: jiff::civil::Date,
    title: usize,
    title_held_months: i64,
    expected_stay: bool,
    nationality: usize,
    other_spouse: bool,
    recognition_date: jiff::civil::Date,
    net_income: i64,
    housing_cost: i64,
    living_space: i64,
    health_insurance: bool,
    age_hardship: bool,
    application_date: jiff::civil::Date,
    sponsor_applied_in_time: bool,
    family_elsewhere: bool,
}

fn generate(count: usize) -> Vec<Person> {
    let mut generator = Generator(0x9E37_79B9_7F4A_7C15);
    (0..count)
        .map(|_| Person {
            applicant_birth: generator.date(1970, 40),
            german_level: usize::try_from(generator.below(7)).unwrap(),
            illness: generator.chance(5),
            low_need: generator.chance(10),
            unreasonable: generator.chance(5),
            married_before_move: generator.chance(60),
            married_before_title: generator.chance(50),
            identity: generator.chance(95),
            passport: generator.chance(95),
            expulsion: generator.chance(3),
            sponsor_birth: generator.date(1960, 45),
            title: usize::try_from(generator.below(13)).unwrap(),
            title_held_months: i64::try_from(generator.below(60)).unwrap(),
            expected_stay: generator.chance(80),
            nationality: usize::try_from(generator.below(6)).unwrap(),
            other_spouse: generator.chance(2),
            recognition_date: generator.date(2024, 2),
            net_income: 500 + i64::try_from(generator.below(4000)).unwrap(),
            housing_cost: 300 + i64::try_from(generator.below(1200)).unwrap(),
            living_space: 15 + i64::try_from(generator.below(80)).unwrap(),
            health_insurance: generator.chance(90),
            age_hardship: generator.chance(20),
            application_date: generator.date(2025, 1),
            sponsor_applied_in_time: generator.chance(30),
            family_elsewhere: generator.chance(20),
        })
        .collect()
}

/// Slot indexes of the facts the spouse pathway reads, resolved once.
struct Slots {
    applicant: Vec<(usize, &'static str)>,
    sponsor: Vec<(usize, &'static str)>,
    household: Vec<(usize, &'static str)>,
    case: Vec<(usize, &'static str)>,
}

fn slots(pack: &Pack) -> Slots {
    let find = |names: &[&'static str]| {
        names
            .iter()
            .map(|name| (pack.fact_slot(name).unwrap().0, *name))
            .collect()
    };
    Slots {
        applicant: find(&[
            "birth_date",
            "german_level",
            "illness_prevents_language",
            "low_integration_need",
            "language_effort_unreasonable",
            "married_before_move",
            "married_before_title",
            "identity_clarified",
            "has_passport",
            "expulsion_interest",
        ]),
        sponsor: find(&[
            "birth_date",
            "title",
            "title_held_months",
            "expected_stay_over_one_year",
            "nationality",
            "lives_with_other_spouse",
            "recognition_date",
        ]),
        household: find(&[
            "net_income",
            "housing_cost",
            "living_space_sqm",
            "health_insurance",
        ]),
        case: find(&[
            "age_hardship",
            "application_date",
            "sponsor_applied_in_time",
            "family_life_possible_elsewhere",
        ]),
    }
}

fn number(value: i64) -> Value {
    Value::Number(Decimal::from_int(value).unwrap())
}

/// Writes `person` into the reused `facts`.
fn fill(pack: &Pack, slots: &Slots, nationalities: &[Value], person: &Person, facts: &mut Facts) {
    let applicant = [
        Value::Date(person.applicant_birth),
        Value::Enum(u16::try_from(person.german_level).unwrap()),
        Value::Bool(person.illness),
        Value::Bool(person.low_need),
        Value::Bool(person.unreasonable),
        Value::Bool(person.married_before_move),
        Value::Bool(person.married_before_title),
        Value::Bool(person.identity),
        Value::Bool(person.passport),
        Value::Bool(person.expulsion),
    ];
    let sponsor = [
        Value::Date(person.sponsor_birth),
        Value::Enum(u16::try_from(person.title).unwrap()),
        number(person.title_held_months),
        Value::Bool(person.expected_stay),
        nationalities[person.nationality].clone(),
        Value::Bool(person.other_spouse),
        Value::Date(person.recognition_date),
    ];
    let household = [
        number(person.net_income),
        number(person.housing_cost),
        number(person.living_space),
        Value::Bool(person.health_insurance),
    ];
    let case = [
        Value::Bool(person.age_hardship),
        Value::Date(person.application_date),
        Value::Bool(person.sponsor_applied_in_time),
        Value::Bool(person.family_elsewhere),
    ];
    for (role, slots, values) in [
        (Role::Applicant, &slots.applicant, &applicant[..]),
        (Role::Sponsor, &slots.sponsor, &sponsor[..]),
        (Role::Household, &slots.household, &household[..]),
        (Role::Case, &slots.case, &case[..]),
    ] {
        let record = facts.record_mut(pack, role, 0).unwrap();
        for ((slot, _), value) in slots.iter().zip(values) {
            record.set(*slot, Some(value.clone()));
        }
    }
}

/// Days since 1970-01-01, the form numpy reads as `datetime64[D]`.
fn day_number(date: jiff::civil::Date) -> i64 {
    rules::dates::days_between(jiff::civil::date(1970, 1, 1), date)
}

/// Writes the people as whole numbers only (dates as day numbers), so numpy reads them fast.
fn write_csv(path: &Path, people: &[Person]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "applicant_birth,german_level,illness,low_need,unreasonable,married_before_move,married_before_title,identity,passport,expulsion,sponsor_birth,title,title_held_months,expected_stay,nationality,other_spouse,recognition_date,net_income,housing_cost,living_space,health_insurance,age_hardship,application_date,sponsor_applied_in_time,family_elsewhere").unwrap();
    let flag = |value: bool| u8::from(value);
    for p in people {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            day_number(p.applicant_birth),
            p.german_level,
            flag(p.illness),
            flag(p.low_need),
            flag(p.unreasonable),
            flag(p.married_before_move),
            flag(p.married_before_title),
            flag(p.identity),
            flag(p.passport),
            flag(p.expulsion),
            day_number(p.sponsor_birth),
            p.title,
            p.title_held_months,
            flag(p.expected_stay),
            p.nationality,
            flag(p.other_spouse),
            day_number(p.recognition_date),
            p.net_income,
            p.housing_cost,
            p.living_space,
            flag(p.health_insurance),
            flag(p.age_hardship),
            day_number(p.application_date),
            flag(p.sponsor_applied_in_time),
            flag(p.family_elsewhere)
        )
        .unwrap();
    }
}

/// CPU time used by this thread so far, in seconds (Linux `/proc/thread-self/schedstat`), so
/// that throughput per core can be measured on a busy machine; `None` where unavailable.
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds / 1e9)
}

fn packs_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs")
}

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    if !arguments.iter().any(|argument| argument == "--bench") {
        // `cargo test --all-targets` runs bench binaries too; only `cargo bench` measures.
        println!("spouse bench: run with `cargo bench -p rules --bench spouse`");
        return;
    }
    let option = |name: &str| {
        arguments
            .iter()
            .position(|a| a == name)
            .and_then(|i| arguments.get(i + 1))
            .cloned()
    };
    let count: usize = option("--people").map_or(1_000_000, |text| text.parse().unwrap());
    let as_of = jiff::civil::date(2026, 1, 15);

    // Loading and validating every pack.
    let mut best_load = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let cpu_start = thread_cpu_seconds();
        for id in ["de", "ca", "ec", "ae"] {
            rules::load_pack(&packs_folder().join(id)).unwrap();
        }
        let wall = start.elapsed().as_secs_f64();
        let cpu = thread_cpu_seconds()
            .zip(cpu_start)
            .map_or(wall, |(end, begin)| end - begin);
        best_load = best_load.min(cpu);
    }
    println!(
        "load+validate all 4 packs: {:.1} ms CPU (best of 5)",
        best_load * 1e3
    );

    let pack = rules::load_pack(&packs_folder().join("de")).unwrap();
    let titles = &pack
        .enums
        .iter()
        .find(|e| e.id == "residence_title")
        .unwrap()
        .values;
    assert_eq!(
        titles, &TITLES,
        "the generator and openfisca_spouse.py assume this order of titles"
    );
    let spouse = pack.pathway("de.family.spouse").unwrap().0;
    let slots = slots(&pack);
    let nationalities: Vec<Value> = NATIONALITIES
        .iter()
        .map(|code| Value::Text((*code).into()))
        .collect();
    let people = generate(count);
    if let Some(path) = option("--csv") {
        write_csv(Path::new(&path), &people);
        println!("wrote {count} people to {path}");
    }

    // Batch: one reused Facts, outcome only, trace off.
    let mut facts = Facts::new();
    facts.set_absent(Role::Children);
    let mut counts = [0_usize; 5];
    let cpu_start = thread_cpu_seconds();
    let start = Instant::now();
    for person in &people {
        fill(&pack, &slots, &nationalities, person, &mut facts);
        let outcome = rules::pathway_outcome(&pack, spouse, &facts, as_of).unwrap();
        counts[outcome as usize] += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu_seconds = thread_cpu_seconds()
        .zip(cpu_start)
        .map_or(seconds, |(end, begin)| end - begin);
    println!(
        "corridor: {count} people in {:.3} s CPU ({:.3} s wall) = {:.0} people/s per core ({:.0} ns/person)",
        cpu_seconds,
        seconds,
        count as f64 / cpu_seconds,
        cpu_seconds * 1e9 / count as f64
    );
    println!(
        "corridor outcomes: eligible={} discretionary={} not_eligible={} undetermined={}",
        counts[Outcome::Eligible as usize],
        counts[Outcome::Discretionary as usize],
        counts[Outcome::NotEligible as usize],
        counts[Outcome::Undetermined as usize] + counts[Outcome::Likely as usize]
    );

    // The same person again and again: evaluation alone, without writing the facts.
    let cpu_start = thread_cpu_seconds();
    let start = Instant::now();
    let repeats = count.min(200_000);
    for _ in 0..repeats {
        std::hint::black_box(
            rules::pathway_outcome(&pack, spouse, std::hint::black_box(&facts), as_of).unwrap(),
        );
    }
    let wall = start.elapsed().as_secs_f64();
    let cpu = thread_cpu_seconds()
        .zip(cpu_start)
        .map_or(wall, |(end, begin)| end - begin);
    println!(
        "corridor, evaluation alone (facts already written): {:.0} ns/person CPU",
        cpu * 1e9 / repeats as f64
    );

    // One person, the whole de pack, with trace, reasons, missing facts and checklists.
    let mut single = Facts::new();
    single.set_absent(Role::Children);
    fill(&pack, &slots, &nationalities, &people[0], &mut single);
    let request = rules::Request {
        pathways: Vec::new(),
        trace: true,
    };
    let rounds = 20_000;
    let cpu_start = thread_cpu_seconds();
    let start = Instant::now();
    let mut reasons = 0;
    for _ in 0..rounds {
        let evaluation = rules::evaluate(&pack, &single, as_of, &request).unwrap();
        reasons += evaluation
            .pathways
            .iter()
            .map(|report| report.result.because.len())
            .sum::<usize>();
    }
    let wall = start.elapsed().as_secs_f64();
    let per_call = thread_cpu_seconds()
        .zip(cpu_start)
        .map_or(wall, |(end, begin)| end - begin)
        / f64::from(rounds);
    println!(
        "whole de pack, one person, trace on: {:.2} µs CPU per evaluation ({} reasons)",
        per_call * 1e6,
        reasons / rounds as usize
    );
}
