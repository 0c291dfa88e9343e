//! Contract tests of `corridor mrz check`, `corridor mrz make` and `corridor documents check`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn corridor(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("corridor starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("corridor finishes")
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

const TD3_SPECIMEN: &str =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
const MRVB_SPECIMEN: &str =
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL898902C<3UTO6908061F9406236ZE184226";

#[test]
fn check_reads_plain_text_records() {
    let input = format!("{TD3_SPECIMEN}\n\n{MRVB_SPECIMEN}\n");
    let output = corridor(&["mrz", "check"], &input);
    assert!(output.status.success());
    let records = json_lines(&output);
    assert_eq!(records.len(), 2);
    let td3 = &records[0];
    assert_eq!(td3["valid"], true);
    assert_eq!(td3["format"], "TD3");
    assert_eq!(td3["check_digits"]["composite"], true);
    assert_eq!(td3["check_digits"]["optional_data"], Value::Null);
    assert_eq!(td3["fields"]["surname"], "ERIKSSON");
    assert_eq!(td3["fields"]["given_names"], "ANNA MARIA");
    assert_eq!(td3["fields"]["document_number"], "L898902C3");
    assert_eq!(td3["fields"]["personal_number"], "ZE184226B");
    assert_eq!(td3["fields"]["optional_data"], Value::Null);
    assert_eq!(td3["errors"], Value::Array(vec![]));
    let mrvb = &records[1];
    assert_eq!(mrvb["format"], "MRVB");
    assert_eq!(mrvb["valid"], true);
    assert_eq!(mrvb["check_digits"]["composite"], Value::Null);
    assert_eq!(mrvb["check_digits"]["personal_number"], Value::Null);
}

#[test]
fn check_reads_json_lines_and_reports_bad_digits_with_positions() {
    let broken = TD3_SPECIMEN.replace("7408122F", "7408123F");
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({ "mrz": TD3_SPECIMEN }),
        serde_json::json!({ "mrz": broken })
    );
    let output = corridor(&["mrz", "check"], &input);
    assert!(output.status.success());
    let records = json_lines(&output);
    assert_eq!(records[0]["valid"], true);
    assert_eq!(records[1]["valid"], false);
    assert_eq!(records[1]["check_digits"]["birth_date"], false);
    assert_eq!(records[1]["check_digits"]["document_number"], true);
    let error = &records[1]["errors"][0];
    assert_eq!(error["code"], "check_digit");
    assert_eq!(error["line"], 2);
    assert_eq!(error["column"], 20);
}

#[test]
fn malformed_records_are_invalid_never_a_crash() {
    let lowercase = TD3_SPECIMEN.to_lowercase();
    let short = &TD3_SPECIMEN[..TD3_SPECIMEN.len() - 3];
    let input = format!("{lowercase}\n\n{short}\n\nHELLO\n\nP<UTO\u{e9}RIKSSON\n");
    let output = corridor(&["mrz", "check"], &input);
    assert!(output.status.success());
    let records = json_lines(&output);
    assert_eq!(records.len(), 4);
    assert!(records.iter().all(|record| record["valid"] == false));
    assert_eq!(records[0]["errors"][0]["code"], "lowercase_character");
    assert_eq!(records[0]["errors"][0]["line"], 1);
    assert_eq!(records[0]["errors"][0]["column"], 1);
    assert!(
        records[1]["errors"]
            .as_array()
            .is_some_and(|errors| errors.iter().any(|e| e["code"] == "line_length"))
    );
    assert_eq!(records[2]["format"], Value::Null);
    assert_eq!(records[2]["errors"][0]["code"], "line_count");
    let garbage = corridor(&["mrz", "check"], "{\"mrz\": 12}\n{not json\n");
    assert!(garbage.status.success());
    let records = json_lines(&garbage);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["errors"][0]["code"], "unreadable_record");
}

#[test]
fn as_of_adds_the_expiry_warning() {
    let output = corridor(&["mrz", "check", "--as-of", "2026-11-27"], TD3_SPECIMEN);
    let records = json_lines(&output);
    assert_eq!(records[0]["valid"], true);
    let warnings = records[0]["warnings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(warnings.iter().any(|warning| warning["code"] == "expired"));
    let bad_date = corridor(&["mrz", "check", "--as-of", "yesterday"], TD3_SPECIMEN);
    assert!(!bad_date.status.success());
}

#[test]
fn make_emits_what_check_accepts() {
    let record = serde_json::json!({
        "format": "TD3", "document_code": "P", "issuing_state": "UTO",
        "surname": "Eriksson", "given_names": "Anna Maria", "document_number": "L898902C3",
        "nationality": "UTO", "birth_date": "740812", "sex": "F", "expiry_date": "120415",
        "personal_number": "ZE184226B"
    });
    let made = corridor(&["mrz", "make"], &format!("{record}\n"));
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&made.stdout).trim_end(),
        TD3_SPECIMEN
    );
    let long = serde_json::json!({
        "format": "TD1", "document_code": "I", "issuing_state": "UTO",
        "surname": "Stevenson", "given_names": "Peter John", "document_number": "D23145890734",
        "nationality": "UTO", "birth_date": "340712", "sex": "M", "expiry_date": "950712"
    });
    let made = corridor(&["mrz", "make", "--json"], &format!("{long}\n"));
    let checked = corridor(&["mrz", "check"], &String::from_utf8_lossy(&made.stdout));
    let records = json_lines(&checked);
    assert_eq!(records[0]["valid"], true, "{}", records[0]);
    assert_eq!(records[0]["fields"]["document_number"], "D23145890734");
    // Doc 9303 Part 11 Appendix D.2: the same zone, character for character.
    let zone: Value = serde_json::from_slice(&made.stdout).expect("json");
    assert_eq!(
        zone["mrz"],
        "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"
    );
}

#[test]
fn make_rejects_fields_that_do_not_fit() {
    let record = serde_json::json!({
        "format": "TD3", "document_code": "P", "issuing_state": "UTO", "surname": "X",
        "document_number": "L898902C3456", "nationality": "UTO", "birth_date": "740812",
        "expiry_date": "120415"
    });
    let made = corridor(&["mrz", "make"], &format!("{record}\n"));
    assert_eq!(made.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&made.stderr).contains("document_number"));
}

fn temp_case(name: &str, case: &Value) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "corridor-documents-{}-{name}.json",
        std::process::id()
    ));
    std::fs::write(&path, serde_json::to_vec_pretty(case).expect("json")).expect("write case");
    path
}

#[test]
fn documents_check_reports_items_verdict_and_arabic_summary() {
    let passport = serde_json::json!({
        "format": "TD3", "document_code": "P", "issuing_state": "SYR", "surname": "Haddad",
        "given_names": "Layla", "document_number": "N07654321", "nationality": "SYR",
        "birth_date": "880702", "sex": "F", "expiry_date": "270401"
    });
    let made = corridor(&["mrz", "make", "--json"], &format!("{passport}\n"));
    let zone: Value = serde_json::from_slice(&made.stdout).expect("zone");
    let case = serde_json::json!({
        "application_date": "2026-11-27",
        "travel_date": "2027-03-01",
        "language": "ar",
        "people": [
            {"key": "spouse", "surname": "Haddad", "given_names": "Layla", "birth_date": "1988-07-02", "nationalities": ["SYR"]},
            {"key": "children[0]", "surname": "Haddad", "given_names": "Omar", "birth_date": "2012-01-30"}
        ],
        "documents": [
            {"id": "d1", "kind": "passport", "holder": "spouse", "issuing_state": "SYR", "number": "N07654321",
             "surname": "Haddad", "given_names": "Layla", "birth_date": "1988-07-02", "nationality": "SYR",
             "expires_on": "2027-04-01", "mrz": zone["mrz"]},
            {"id": "d2", "kind": "marriage_certificate", "holder": "spouse", "issued_on": "2026-10-01",
             "translated_into": ["de"], "legalised": true}
        ],
        "checklist": [
            {"id": "passport", "person": "spouse", "title": "جواز السفر", "citation": "AufenthV § 3",
             "requirements": [{"kind": "valid_beyond_travel_months", "months": 3}]},
            {"id": "marriage_certificate", "person": "spouse", "title": "عقد الزواج", "citation": "AufenthG § 30",
             "requirements": [{"kind": "translated_into", "language": "de"}, {"kind": "legalised"}, {"kind": "copies", "count": 2}]},
            {"id": "birth_certificate", "person": "children[0]", "title": "شهادة الميلاد", "citation": "AufenthG § 32"},
            {"id": "custody_decision", "person": "children[0]", "title": "قرار الحضانة", "citation": "AufenthG § 32", "status": "if_applicable"}
        ]
    });
    let path = temp_case("arabic", &case);
    let output = corridor(
        &["documents", "check", "--case", path.to_str().expect("path")],
        "",
    );
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("report");
    assert_eq!(report["verdict"], "incomplete");
    let statuses: Vec<&str> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        statuses,
        ["invalid", "satisfied", "missing", "needs_review"]
    );
    assert_eq!(
        report["items"][0]["findings"][0]["code"],
        "expires-too-soon"
    );
    assert_eq!(report["items"][3]["findings"][0]["code"], "may-be-required");
    assert_eq!(report["counts"]["missing"], 1);
    assert_eq!(report["summary"]["language"], "ar");
    assert_eq!(report["summary"]["direction"], "rtl");
    let headline = report["summary"]["headline"]
        .as_str()
        .unwrap_or("")
        .replace(['\u{2068}', '\u{2069}'], "");
    assert_eq!(
        headline,
        "الطلب غير مكتمل بعد: ناقص 1، غير مقبول 1، للمراجعة 1 (من أصل 4 مستندات)."
    );
}

#[test]
fn documents_check_refuses_a_malformed_case() {
    let path = temp_case(
        "bad",
        &serde_json::json!({"application_date": "27/11/2026", "checklist": []}),
    );
    let output = corridor(
        &["documents", "check", "--case", path.to_str().expect("path")],
        "",
    );
    let _ = std::fs::remove_file(&path);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("application_date"));
}

#[test]
fn documents_check_takes_the_checklist_from_a_rule_pack() {
    let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs/de");
    let passport = serde_json::json!({
        "format": "TD3", "document_code": "P", "issuing_state": "SYR", "surname": "Haddad",
        "given_names": "Omar", "document_number": "N11112222", "nationality": "SYR",
        "birth_date": "150402", "sex": "M", "expiry_date": "300101"
    });
    let made = corridor(&["mrz", "make", "--json"], &format!("{passport}\n"));
    let zone: Value = serde_json::from_slice(&made.stdout).expect("zone");
    let case = serde_json::json!({
        "application_date": "2026-01-15",
        "travel_date": "2026-06-01",
        "language": "en",
        "people": [{"key": "applicant", "surname": "Haddad", "given_names": "Omar", "birth_date": "2015-04-02"}],
        "documents": [
            {"id": "p1", "kind": "passport", "holder": "applicant", "issuing_state": "SYR", "number": "N11112222",
             "surname": "Haddad", "given_names": "Omar", "birth_date": "2015-04-02", "expires_on": "2030-01-01",
             "mrz": zone["mrz"]}
        ],
        "pathway": {
            "pack": pack,
            "id": "de.family.child",
            "facts": {
                "applicant": {"birth_date": "2015-04-02", "married": false, "identity_clarified": true, "has_passport": true},
                "sponsor": {"birth_date": "1985-01-01", "title": "settlement_permit"},
                "household": {"net_income": "3000", "housing_cost": "900", "living_space_sqm": 60},
                "case": {"parents_hold_titles": true, "moves_with_parents": false, "post": "tripoli"},
                "children": []
            }
        }
    });
    let path = temp_case("pack", &case);
    let output = corridor(
        &["documents", "check", "--case", path.to_str().expect("path")],
        "",
    );
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("report");
    let items = report["items"].as_array().expect("items");
    assert!(items.len() > 3, "{report}");
    let passport = items
        .iter()
        .find(|item| item["id"] == "passport" && item["person"] == "applicant");
    assert_eq!(
        passport.map(|item| item["status"].clone()),
        Some(Value::from("satisfied")),
        "{report}"
    );
    assert!(items.iter().all(|item| {
        item["citation"]
            .as_str()
            .is_some_and(|cite| !cite.is_empty())
    }));
    assert_eq!(report["verdict"], "incomplete");
}
