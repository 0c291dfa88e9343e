//! ICAO Doc 9303 specimen zones and the edge cases the specification defines.
//!
//! Each test names the part and section its zone or rule comes from. Specimen lines are facts
//! from Doc 9303 (8th edition, 2021); the text of the specification itself is not reproduced.

use documents::mrz::{
    CheckOutcome, CheckedField, FieldName, Format, Mrz, MrzIssueKind, MrzOptions, check_digit,
    parse_mrz,
};

fn parse(lines: &[&str]) -> Mrz {
    parse_mrz(&lines.join("\n"), &MrzOptions::default())
}

fn error_codes(mrz: &Mrz) -> Vec<&'static str> {
    mrz.errors().iter().map(|issue| issue.code()).collect()
}

fn warning_codes(mrz: &Mrz) -> Vec<&'static str> {
    mrz.warnings().iter().map(|issue| issue.code()).collect()
}

fn assert_all_printed_digits_verify(mrz: &Mrz) {
    for field in CheckedField::ALL {
        assert!(
            matches!(
                mrz.check(field),
                CheckOutcome::Verified | CheckOutcome::NotPrinted
            ),
            "{field:?}: {:?}",
            mrz.check(field)
        );
    }
}

/// Doc 9303 Part 4 Appendix A (TD3 specimen, also Part 3 §3.2).
#[test]
fn td3_specimen_verifies() {
    let mrz = parse(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    assert_eq!(mrz.format(), Some(Format::Td3));
    assert!(mrz.is_valid(), "{:?}", mrz.errors());
    assert_all_printed_digits_verify(&mrz);
    assert_eq!(mrz.check(CheckedField::Composite), CheckOutcome::Verified);
    assert_eq!(mrz.surname().as_deref(), Some("ERIKSSON"));
    assert_eq!(mrz.given_names().as_deref(), Some("ANNA MARIA"));
    assert_eq!(mrz.document_number().as_deref(), Some("L898902C3"));
    assert_eq!(mrz.value(FieldName::PersonalNumber), Some("ZE184226B"));
    assert_eq!(mrz.value(FieldName::OptionalData), None);
    assert_eq!(mrz.sex(), Some('F'));
    assert_eq!(warning_codes(&mrz), ["specimen_code", "specimen_code"]);
    let position = mrz.field(FieldName::BirthDate).map(|field| field.position);
    assert_eq!(
        position.map(|p| (p.line, p.column, p.length)),
        Some((2, 14, 6))
    );
}

/// Doc 9303 Part 4 §4.4 (new document code `PP`), name example at Part 4 §4.2.2.
#[test]
fn td3_new_document_code_verifies() {
    let mrz = parse(&[
        "PPUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    assert!(mrz.is_valid(), "{:?}", mrz.errors());
    assert_eq!(mrz.value(FieldName::DocumentCode), Some("PP"));
}

/// Doc 9303 Part 6 Appendix A (TD2 specimen).
#[test]
fn td2_specimen_verifies() {
    let mrz = parse(&[
        "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6",
    ]);
    assert_eq!(mrz.format(), Some(Format::Td2));
    assert!(mrz.is_valid(), "{:?}", mrz.errors());
    assert_eq!(mrz.check(CheckedField::Composite), CheckOutcome::Verified);
    assert_eq!(
        mrz.check(CheckedField::PersonalNumber),
        CheckOutcome::NotPrinted
    );
}

/// Doc 9303 Part 5 Appendix A (TD1 specimen, as reproduced in the peers' documentation).
#[test]
fn td1_specimen_verifies() {
    let mrz = parse(&[
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]);
    assert_eq!(mrz.format(), Some(Format::Td1));
    assert!(mrz.is_valid(), "{:?}", mrz.errors());
    assert_eq!(mrz.document_number().as_deref(), Some("D23145890"));
    assert_eq!(mrz.check(CheckedField::Composite), CheckOutcome::Verified);
}

/// Doc 9303 Part 11 Appendix D.2 (TD1 with a long document number); rule: Part 5 note j and
/// §4.2.4, the check digit covers line 1 positions 6–14 and 16 onwards, excluding position 15.
#[test]
fn td1_long_document_number_follows_note_j() {
    let mrz = parse(&[
        "I<UTOD23145890<7349<<<<<<<<<<<",
        "3407127M9507122UTO<<<<<<<<<<<2",
        "STEVENSON<<PETER<JOHN<<<<<<<<<",
    ]);
    assert!(mrz.is_valid(), "{:?}", mrz.errors());
    assert_eq!(mrz.document_number().as_deref(), Some("D23145890734"));
    assert_eq!(
        mrz.document_number_overflow()
            .map(|p| (p.line, p.column, p.length)),
        Some((1, 16, 3))
    );
    assert_eq!(mrz.value(FieldName::OptionalData), Some(""));
}

/// Part 6 note j: a TD2 long number continues in line 2 positions 29–35.
#[test]
fn td2_long_document_number_follows_note_j() {
    let number = "D2314589073";
    let digit = check_digit(number.as_bytes()).map(|d| char::from(b'0' + d));
    let Some(digit) = digit else { panic!("digit") };
    let line2_without_composite = format!("D23145890<UTO7408122F120415973{digit}<<<<");
    let composite_data = format!(
        "{}{}{}",
        &line2_without_composite[0..10],
        &line2_without_composite[13..20],
        &line2_without_composite[21..35]
    );
    let Some(composite) = check_digit(composite_data.as_bytes()) else {
        panic!("composite")
    };
    let line2 = format!("{line2_without_composite}{composite}");
    let mrz = parse(&["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", &line2]);
    assert!(mrz.is_valid(), "{:?}", mrz.errors());
    assert_eq!(mrz.document_number().as_deref(), Some(number));
}

/// The Belgian issuer deviation: the long-number digit includes the `<` at position 15.
/// Accepted only for `BEL`, and reported as a warning naming the profile.
#[test]
fn belgian_long_number_deviation_is_data_driven() {
    let zone = |issuer: &str| {
        let number_head = "000590240";
        let tail = "601";
        let with_filler = format!("{number_head}<{tail}");
        let Some(digit) = check_digit(with_filler.as_bytes()) else {
            panic!("digit")
        };
        let line1 = format!("ID{issuer}{number_head}<{tail}{digit}<<<<<<<<<<<");
        let line2_head = "8001014F3001019BEL<<<<<<<<<<<";
        let composite_data = format!(
            "{}{}{}{}",
            &line1[5..30],
            &line2_head[0..7],
            &line2_head[8..15],
            &line2_head[18..29]
        );
        let Some(composite) = check_digit(composite_data.as_bytes()) else {
            panic!("composite")
        };
        let lines = [
            line1,
            format!("{line2_head}{composite}"),
            "SPECIMEN<<ANNA<<<<<<<<<<<<<<<<".to_owned(),
        ];
        parse_mrz(&lines.join("\n"), &MrzOptions::default())
    };
    let belgian = zone("BEL");
    assert!(belgian.is_valid(), "{:?}", belgian.errors());
    assert!(belgian.warnings().iter().any(|issue| matches!(
        issue.kind,
        MrzIssueKind::IssuerDeviation { profile } if profile.id == "BEL-TD1-LONG-NUMBER"
    )));
    let portuguese = zone("PRT");
    assert!(!portuguese.is_valid());
    assert_eq!(error_codes(&portuguese), ["check_digit"]);
}

/// Doc 9303 Part 7 Appendix B: MRV-A specimen (8th edition). No composite check digit.
#[test]
fn mrv_a_specimen_verifies() {
    let mrz = parse(&[
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C<3UTO6908061F9406236ZE184226B<<<<<<<",
    ]);
    assert_eq!(mrz.format(), Some(Format::MrvA));
    assert!(mrz.is_valid(), "{:?}", mrz.errors());
    assert_eq!(mrz.check(CheckedField::Composite), CheckOutcome::NotPrinted);
    assert_eq!(mrz.document_number().as_deref(), Some("L898902C"));
    assert_eq!(mrz.value(FieldName::OptionalData), Some("ZE184226B"));
}

/// Doc 9303 Part 7 Appendix B: MRV-B specimen (8th edition).
#[test]
fn mrv_b_specimen_verifies() {
    let mrz = parse(&[
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "L898902C<3UTO6908061F9406236ZE184226",
    ]);
    assert_eq!(mrz.format(), Some(Format::MrvB));
    assert!(mrz.is_valid(), "{:?}", mrz.errors());
}

/// Part 4 line 2 position 43: with an all-filler personal number the digit may be `<` or `0`,
/// but `<` is not accepted when the field holds data (a known fault of the `mrz` crate).
#[test]
fn td3_empty_personal_number_digit() {
    for personal_digit in ['<', '0'] {
        let line2 = format!("L898902C36UTO7408122F1204159<<<<<<<<<<<<<<{personal_digit}");
        let composite = composite_td3(&line2);
        let mrz = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            &format!("{line2}{composite}"),
        ]);
        assert!(mrz.is_valid(), "{personal_digit}: {:?}", mrz.errors());
        assert_eq!(mrz.value(FieldName::PersonalNumber), Some(""));
    }
    // `<<<<<0<<<<<<<<` has check digit 0; a printed `<` must not pass for it.
    let line2 = "L898902C36UTO7408122F1204159<<<<<0<<<<<<<<<";
    let composite = composite_td3(line2);
    let mrz = parse(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        &format!("{line2}{composite}"),
    ]);
    assert!(matches!(
        mrz.check(CheckedField::PersonalNumber),
        CheckOutcome::Failed {
            expected: Some(0),
            printed: '<'
        }
    ));
}

fn composite_td3(line2: &str) -> char {
    let data = format!("{}{}{}", &line2[0..10], &line2[13..20], &line2[21..43]);
    check_digit(data.as_bytes()).map_or('?', |d| char::from(b'0' + d))
}

/// Part 3 §4.8: unknown parts of the birth date are `<`; the zone stays valid.
#[test]
fn unknown_birth_dates_are_allowed() {
    for birth in ["<<<<<<", "74<<<<", "7408<<"] {
        let digit = check_digit(birth.as_bytes()).map_or('?', |d| char::from(b'0' + d));
        let line2 = format!("L898902C36UTO{birth}{digit}F1204159ZE184226B<<<<<1");
        let composite = composite_td3(&line2);
        let mrz = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            &format!("{line2}{composite}"),
        ]);
        assert!(mrz.is_valid(), "{birth}: {:?}", mrz.errors());
        assert!(warning_codes(&mrz).contains(&"unknown_birth_date"));
    }
}

/// Part 4 note p, Part 5 note f: `X` belongs in the visual zone; flagged, not rejected.
#[test]
fn sex_x_is_a_warning() {
    let mrz = parse(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122X1204159ZE184226B<<<<<10",
    ]);
    assert!(mrz.is_valid());
    assert!(warning_codes(&mrz).contains(&"non_conformant_sex"));
    let bad = parse(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122Q1204159ZE184226B<<<<<10",
    ]);
    assert_eq!(error_codes(&bad), ["invalid_sex"]);
}

/// Part 3 §5: `D<<` for Germany and the `XX?` codes for persons without nationality.
#[test]
fn special_codes_are_accepted() {
    for (issuer, nationality) in [
        ("D<<", "D<<"),
        ("UTO", "XXA"),
        ("UNO", "XXB"),
        ("GBD", "GBN"),
        ("RKS", "UNK"),
    ] {
        let line1 = format!("P<{issuer}ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
        let line2 = format!("L898902C36{nationality}7408122F1204159ZE184226B<<<<<10");
        let mrz = parse(&[&line1, &line2]);
        assert!(mrz.is_valid(), "{issuer}/{nationality}: {:?}", mrz.errors());
    }
    let unknown = parse(&[
        "P<ZZZERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    let issue = unknown
        .errors()
        .first()
        .map(|issue| (issue.code(), issue.position.map(|p| (p.line, p.column))));
    assert_eq!(issue, Some(("unknown_code", Some((1, 3)))));
}

/// Malformed input is reported precisely, never a panic.
#[test]
fn malformed_input_reports_positions() {
    let lowercase = parse(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "l898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    assert!(!lowercase.is_valid());
    let first = lowercase
        .errors()
        .first()
        .map(|issue| (issue.code(), issue.position.map(|p| (p.line, p.column))));
    assert_eq!(first, Some(("lowercase_character", Some((2, 1)))));
    let short = parse(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<1",
    ]);
    assert!(error_codes(&short).contains(&"line_length"));
    let one_line = parse(&["P<UTOERIKSSON"]);
    assert_eq!(one_line.format(), None);
    assert_eq!(error_codes(&one_line), ["line_count"]);
    let garbage = parse(&[
        "P<UTO€RIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    let first = garbage
        .errors()
        .first()
        .map(|issue| (issue.code(), issue.position.map(|p| (p.line, p.column))));
    assert_eq!(first, Some(("illegal_character", Some((1, 6)))));
}

/// A wrong check digit points at the digit.
#[test]
fn check_digit_failure_points_at_the_digit() {
    let mrz = parse(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408123F1204159ZE184226B<<<<<10",
    ]);
    assert_eq!(
        mrz.check(CheckedField::BirthDate),
        CheckOutcome::Failed {
            expected: Some(2),
            printed: '3'
        }
    );
    let issue = mrz
        .errors()
        .iter()
        .find(|issue| issue.code() == "check_digit");
    assert_eq!(
        issue
            .and_then(|issue| issue.position)
            .map(|p| (p.line, p.column)),
        Some((2, 20))
    );
    assert_eq!(error_codes(&mrz), ["check_digit", "check_digit"]);
}

/// Expiry against a caller-supplied date: a warning, not a structural error.
#[test]
fn expiry_uses_the_reference_date() {
    let text = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    let options = MrzOptions {
        as_of: Some(jiff::civil::date(2026, 1, 1)),
    };
    let mrz = parse_mrz(text, &options);
    assert!(mrz.is_valid());
    assert!(warning_codes(&mrz).contains(&"expired"));
    let before = parse_mrz(
        text,
        &MrzOptions {
            as_of: Some(jiff::civil::date(2010, 1, 1)),
        },
    );
    assert!(!warning_codes(&before).contains(&"expired"));
}

/// Part 5 note k: `AI` is not allowed in TD1; Part 6: the second letter may not be `V`.
#[test]
fn document_code_rules() {
    let mrz = parse(&[
        "AIUTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]);
    assert_eq!(error_codes(&mrz), ["document_code"]);
    let td2 = parse(&[
        "IVUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6",
    ]);
    assert_eq!(error_codes(&td2), ["document_code"]);
}

/// Part 3 §4.6: components joined by `<`, identifiers by `<<`, padding only at the end.
#[test]
fn name_structure_is_checked() {
    let stray = parse(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<J",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    let issue = stray
        .errors()
        .first()
        .map(|issue| (issue.code(), issue.position.map(|p| (p.line, p.column))));
    assert_eq!(issue, Some(("name_structure", Some((1, 44)))));
    let second_separator = parse(&[
        "P<UTOERIKSSON<<ANNA<<MARIA<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    assert_eq!(error_codes(&second_separator), ["name_structure"]);
    let only_primary = parse(&[
        "P<UTOERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    assert!(only_primary.is_valid());
}
