//! Loads every pack under `packs/` and runs its YAML test cases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

fn packs_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs")
}

fn check_pack(id: &str) {
    let pack =
        rules::load_pack(&packs_folder().join(id)).unwrap_or_else(|errors| panic!("{errors}"));
    assert!(!pack.tests.is_empty(), "pack {id} has no tests");
    let report = rules::run_tests(&pack);
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|failure| {
            format!(
                "{}:{} {}: {}",
                failure.file.display(),
                failure.line,
                failure.name,
                failure.problems.join("; ")
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} passed, {} failed:\n{}",
        report.passed,
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn de_pack_passes_its_tests() {
    check_pack("de");
}

#[test]
fn ca_pack_passes_its_tests() {
    check_pack("ca");
}

#[test]
fn ec_pack_passes_its_tests() {
    check_pack("ec");
}

#[test]
fn ae_pack_passes_its_tests() {
    check_pack("ae");
}

/// The German pack is the complete one: every text a person reads (questions, help, reasons,
/// exceptions, documents) is written in each interface language. Other packs carry English and
/// at least one more language in every text.
#[test]
fn pack_texts_are_translated() {
    for id in ["de", "ca", "ec", "ae"] {
        let pack =
            rules::load_pack(&packs_folder().join(id)).unwrap_or_else(|errors| panic!("{errors}"));
        let required: &[&str] = if id == "de" {
            &["en", "fr", "es", "ar", "de"]
        } else {
            &["en"]
        };
        for text in pack.texts() {
            for language in required {
                assert!(
                    text.by_language.contains_key(*language),
                    "{id}: {} has no {language} wording",
                    text.key
                );
            }
            assert!(
                text.by_language.len() >= 2,
                "{id}: {} is in one language only",
                text.key
            );
        }
        if id == "de" {
            for language in required {
                assert!(pack.languages.iter().any(|declared| declared == language));
            }
        }
    }
}
