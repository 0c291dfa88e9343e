//! The `corridor rules` command-line contract: exit codes, closing line and eval JSON shape.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn packs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs")
}

fn corridor(arguments: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(arguments)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn scratch_folder(name: &str) -> PathBuf {
    let folder =
        std::env::temp_dir().join(format!("corridor-rules-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

#[test]
fn check_passes_on_the_shipped_packs_and_ends_with_the_count_line() {
    let output = corridor(&["rules", "check", packs().to_str().unwrap()], None);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let last = stdout.lines().last().unwrap();
    let (passed, failed) = last.split_once(" passed, ").unwrap();
    assert!(passed.parse::<usize>().unwrap() > 50, "{last}");
    assert_eq!(failed, "0 failed");
}

#[test]
fn check_reports_file_line_and_rule_of_an_invalid_pack_and_exits_1() {
    let folder = scratch_folder("invalid");
    std::fs::write(
        folder.join("pack.yaml"),
        "pack:\n  id: x\n  version: '1'\n  title: {key: x, en: X}\n  languages: [en]\n  children_question: {key: c, en: C}\n\
         facts:\n  - id: age\n    on: [applicant]\n    type: number\n    question: {key: q, en: Q}\n\
         pathways:\n  - id: x.p\n    title: {key: t, en: T}\n    cite: 'Law §1'\n    strength: eligible\n    conditions:\n\
         \x20     - id: old_enough\n        cite: ''\n        text: {key: k, en: K}\n        expr: \"applicant.agee >= 18\"\n",
    )
    .unwrap();
    let output = corridor(&["rules", "check", folder.to_str().unwrap()], None);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("pack.yaml:18: [x.p/old_enough] missing citation"),
        "{stdout}"
    );
    assert!(stdout.contains("unknown fact 'agee'"), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("0 passed, 1 failed"),
        "{stdout}"
    );
}

#[test]
fn check_prints_failing_case_with_file_and_exits_1() {
    let folder = scratch_folder("failing");
    std::fs::write(
        folder.join("pack.yaml"),
        "pack:\n  id: y\n  version: '1'\n  title: {key: y, en: Y}\n  languages: [en]\n  children_question: {key: c, en: C}\n\
         facts:\n  - id: adult\n    on: [applicant]\n    type: bool\n    question: {key: q, en: Q}\n\
         pathways:\n  - id: y.p\n    title: {key: t, en: T}\n    cite: 'Law §1'\n    strength: eligible\n    conditions:\n\
         \x20     - id: adult\n        cite: 'Law §1(1)'\n        text: {key: k, en: K}\n        expr: applicant.adult\n\
         tests:\n  - name: wrong expectation\n    as_of: 2026-01-01\n    input: {applicant: {adult: false}}\n    outcome: {y.p: eligible}\n",
    )
    .unwrap();
    let output = corridor(&["rules", "check", folder.to_str().unwrap()], None);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("FAIL ")
            && stdout.contains("pack.yaml:")
            && stdout.contains("wrong expectation"),
        "{stdout}"
    );
    assert!(
        stdout.contains("y.p: expected eligible, got not_eligible"),
        "{stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("0 passed, 1 failed"),
        "{stdout}"
    );
}

#[test]
fn eval_prints_the_contract_json() {
    let facts = r#"{"applicant":{"birth_date":"1995-03-10","german_level":"none","married":true},
                    "sponsor":{"title":"settlement_permit","birth_date":"1990-01-01"},"children":[]}"#;
    let de = packs().join("de");
    let output = corridor(
        &[
            "rules",
            "eval",
            de.to_str().unwrap(),
            "--facts",
            "-",
            "--as-of",
            "2026-01-15",
            "--pathway",
            "de.family.spouse",
        ],
        Some(facts),
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["pack"]["id"], "de");
    assert_eq!(json["pack"]["hash"].as_str().unwrap().len(), 64);
    assert_eq!(json["as_of"], "2026-01-15");
    let pathways = json["pathways"].as_array().unwrap();
    assert_eq!(pathways.len(), 1);
    let spouse = &pathways[0];
    assert_eq!(spouse["id"], "de.family.spouse");
    assert_eq!(spouse["outcome"], "undetermined");
    let failed: Vec<&serde_json::Value> = spouse["because"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "failed")
        .collect();
    assert_eq!(failed[0]["rule"], "de.family.spouse/german_a1");
    assert_eq!(failed[0]["cite"], "AufenthG §30(1) S.1 Nr.2, §2(9)");
    let missing = spouse["missing"].as_array().unwrap();
    assert!(
        missing
            .iter()
            .any(|m| m["fact"] == "applicant.illness_prevents_language"
                && m["question"].as_str().unwrap().contains("illness"))
    );
    assert!(
        spouse["checklist"]
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["id"] == "passport" && item["person"] == "applicant")
    );
    assert_eq!(json["values"]["living_space_needed"], 24);
}

#[test]
fn eval_with_trace_shows_parameter_values_and_periods() {
    let facts =
        r#"{"applicant":{"birth_date":"1995-03-10"},"sponsor":{"birth_date":"1990-01-01"}}"#;
    let de = packs().join("de");
    let output = corridor(
        &[
            "rules",
            "eval",
            de.to_str().unwrap(),
            "--facts",
            "-",
            "--as-of",
            "2026-01-15",
            "--pathway",
            "de.family.spouse",
            "--trace",
        ],
        Some(facts),
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let age_rule = json["pathways"][0]["because"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "de.family.spouse/both_adult")
        .unwrap();
    let reads = age_rule["reads"].as_array().unwrap();
    assert!(
        reads
            .iter()
            .any(|read| read["parameter"] == "spouse_min_age"
                && read["value"] == 18
                && read["from"] == "2007-08-28")
    );
}

#[test]
fn eval_rejects_invalid_facts_with_exit_2_naming_the_fact() {
    let de = packs().join("de");
    for (facts, named) in [
        (r#"{"applicant":{"birth_date":12}}"#, "applicant.birth_date"),
        (
            r#"{"sponsor":{"favourite_colour":"blue"}}"#,
            "sponsor.favourite_colour",
        ),
        (r#"{"sponsor":{"title":"king"}}"#, "sponsor.title"),
    ] {
        let output = corridor(
            &[
                "rules",
                "eval",
                de.to_str().unwrap(),
                "--facts",
                "-",
                "--as-of",
                "2026-01-15",
            ],
            Some(facts),
        );
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(named), "{stderr}");
    }
}

#[test]
fn facts_lists_type_role_and_english_question() {
    let de = packs().join("de");
    let output = corridor(&["rules", "facts", de.to_str().unwrap()], None);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.lines().any(|line| line
            .starts_with("household.net_income\tmoney(EUR)\thousehold\tWhat is the household")),
        "{stdout}"
    );
}
