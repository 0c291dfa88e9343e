//! MRZ parse + full verification throughput on a fixed-seed corpus (benchmark, not a test).
//!
//! `cargo bench -p documents --bench mrz_throughput -- [--records N] [--seed S]
//! [--write-corpus FILE] [--write-verdicts FILE]`
//!
//! The corpus mixes the five formats evenly; 5% of the records get one character replaced,
//! 1% carry a long document number (TD1/TD2 note j), 0.5% a partly or wholly unknown birth
//! date. The corpus and our verdicts can be written for the side-by-side comparison with the
//! Python `mrz` checker (`bench/documents/compare_python_mrz.sh`).

use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::time::Instant;

use documents::mrz::{Format, MrzFields, MrzOptions, emit_mrz, parse_mrz};

/// SplitMix64: small, fast, reproducible.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn text(&mut self, alphabet: &[u8], length: usize) -> String {
        (0..length)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }
}

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
/// Codes both checkers know (Doc 9303 Part 3 §5).
const CODES: &[&str] = &[
    "UTO", "D", "FRA", "SYR", "AFG", "IRQ", "ERI", "SOM", "XXA", "XXB", "GBD", "UNO", "NLD", "BEL",
    "USA", "TUR", "UKR", "SDN", "VEN",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Conformant,
    Mutated,
    LongNumber,
    UnknownBirthDate,
}

impl Class {
    fn label(self) -> &'static str {
        match self {
            Class::Conformant => "conformant",
            Class::Mutated => "mutated",
            Class::LongNumber => "long_number",
            Class::UnknownBirthDate => "unknown_birth_date",
        }
    }
}

struct Record {
    class: Class,
    format: Format,
    text: String,
}

/// A date `YYMMDD` with the year drawn from `years` (two-digit, wrapping past 99).
fn date(random: &mut Random, first_year: usize, span: usize) -> String {
    let year = (first_year + random.below(span)) % 100;
    format!(
        "{year:02}{:02}{:02}",
        1 + random.below(12),
        1 + random.below(28)
    )
}

fn fields(random: &mut Random, format: Format, class: Class) -> MrzFields {
    let document_code = match format {
        Format::Td3 => random.pick(&["P", "P", "PP"]),
        Format::Td1 | Format::Td2 => random.pick(&["I", "ID", "A", "C"]),
        Format::MrvA | Format::MrvB => random.pick(&["V", "VA"]),
    };
    let number_length = match class {
        Class::LongNumber => 10 + random.below(3),
        _ if random.below(5) == 0 => 6 + random.below(3),
        _ => 9,
    };
    // Births 1940–2010 and expiries 2015–2044, so that every reading puts birth before expiry.
    let mut birth_date = date(random, 40, 71);
    if class == Class::UnknownBirthDate {
        birth_date = if random.below(2) == 0 {
            "<<<<<<".to_owned()
        } else {
            format!("{}<<<<", &birth_date[..2])
        };
    }
    let surname_length = 3 + random.below(10);
    let given_length = 3 + random.below(8);
    let optional_2_length = random.below(4);
    let optional_length = if format == Format::Td2 || class == Class::LongNumber {
        random.below(2)
    } else {
        random.below(6)
    };
    MrzFields {
        format,
        document_code: document_code.to_owned(),
        issuing_state: random.pick(CODES).to_owned(),
        surname: random.text(LETTERS, surname_length),
        given_names: random.text(LETTERS, given_length),
        document_number: random.text(ALPHANUMERIC, number_length),
        nationality: random.pick(CODES).to_owned(),
        birth_date,
        sex: ['F', 'M', '<'][random.below(3)],
        expiry_date: date(random, 15, 30),
        optional_data: random.text(ALPHANUMERIC, optional_length),
        optional_data_2: if format == Format::Td1 {
            random.text(ALPHANUMERIC, optional_2_length)
        } else {
            String::new()
        },
    }
}

fn corpus(records: usize, seed: u64) -> Vec<Record> {
    let mut random = Random(seed);
    let mut corpus = Vec::with_capacity(records);
    while corpus.len() < records {
        let format = Format::ALL[random.below(5)];
        let roll = random.below(1000);
        let class = match roll {
            0..50 => Class::Mutated,
            50..60 if matches!(format, Format::Td1 | Format::Td2) => Class::LongNumber,
            60..65 => Class::UnknownBirthDate,
            _ => Class::Conformant,
        };
        let Ok(lines) = emit_mrz(&fields(&mut random, format, class)) else {
            continue;
        };
        let mut text = lines.join("\n").into_bytes();
        if class == Class::Mutated {
            let mut position = random.below(text.len());
            while text[position] == b'\n' {
                position = random.below(text.len());
            }
            let original = text[position];
            let mut replacement = ALPHABET[random.below(ALPHABET.len())];
            while replacement == original {
                replacement = ALPHABET[random.below(ALPHABET.len())];
            }
            text[position] = replacement;
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        corpus.push(Record {
            class,
            format,
            text,
        });
    }
    corpus
}

/// CPU time of this thread (user + system) from `/proc/thread-self/stat`, in seconds, so that
/// the per-core figure does not depend on how busy the shared machine is.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of stat(5); `after_name` starts at field 3.
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}

fn argument(arguments: &[String], name: &str) -> Option<String> {
    arguments
        .iter()
        .position(|argument| argument == name)
        .and_then(|index| arguments.get(index + 1))
        .cloned()
}

fn main() -> std::io::Result<()> {
    let arguments: Vec<String> = std::env::args().collect();
    let records = argument(&arguments, "--records")
        .and_then(|value| value.parse().ok())
        .unwrap_or(1_000_000);
    let seed = argument(&arguments, "--seed")
        .and_then(|value| value.parse().ok())
        .unwrap_or(9303);
    let corpus = corpus(records, seed);
    let options = MrzOptions::default();

    // Warm up, then time the whole corpus, best of three passes.
    let mut valid = 0usize;
    for record in corpus.iter().take(10_000) {
        valid += usize::from(parse_mrz(black_box(&record.text), &options).is_valid());
    }
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    for _ in 0..3 {
        valid = 0;
        let start = Instant::now();
        let cpu_start = thread_cpu_seconds();
        for record in &corpus {
            valid +=
                usize::from(black_box(parse_mrz(black_box(&record.text), &options)).is_valid());
        }
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(before), Some(after)) = (cpu_start, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(after - before);
        }
    }
    println!("corpus: {records} records, seed {seed}, {valid} valid");
    println!(
        "corridor documents: parse + verify {:.0} records/s ({:.1} ns/record, one thread)",
        records as f64 / best,
        best * 1e9 / records as f64
    );
    if best_cpu > 0.0 && best_cpu < f64::MAX {
        println!(
            "per core, by thread CPU time (10 ms resolution): {:.0} records/s",
            records as f64 / best_cpu
        );
    }

    if let Some(path) = argument(&arguments, "--write-corpus") {
        let mut file = BufWriter::new(std::fs::File::create(path)?);
        for record in &corpus {
            writeln!(
                file,
                "{}|{}|{}",
                record.class.label(),
                record.format.label(),
                record.text.replace('\n', "|")
            )?;
        }
        file.flush()?;
    }
    if let Some(path) = argument(&arguments, "--write-verdicts") {
        let mut file = BufWriter::new(std::fs::File::create(path)?);
        for record in &corpus {
            let mrz = parse_mrz(&record.text, &options);
            let codes: Vec<&str> = mrz.errors().iter().map(|issue| issue.code()).collect();
            writeln!(file, "{}\t{}", u8::from(mrz.is_valid()), codes.join(","))?;
        }
        file.flush()?;
    }
    Ok(())
}
