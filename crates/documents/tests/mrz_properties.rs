//! Property tests: emit → parse round trip, and single-character changes in any field covered by
//! a check digit are detected unless the 7-3-1 arithmetic cannot see them.
//!
//! The weights 7, 3 and 1 are all prime to 10, so one changed character escapes a check digit
//! exactly when its value is congruent to the old one modulo 10 (e.g. `K` ↔ `<`, Doc 9303
//! Part 3 §4.9). The test decides detectability from that rule alone.

use documents::mrz::{FieldName, Format, MrzFields, MrzOptions, emit_mrz, parse_mrz};
use proptest::prelude::*;

const CODES: &[&str] = &[
    "UTO", "D", "DEU", "FRA", "SYR", "AFG", "XXA", "XXB", "GBD", "UNO", "ERI", "SOM",
];

fn format_strategy() -> impl Strategy<Value = Format> {
    prop::sample::select(Format::ALL.to_vec())
}

fn document_code(format: Format, pick: usize) -> String {
    let choices: &[&str] = match format {
        Format::Td3 => &["P", "PP", "PD", "PO", "PR", "PT", "PS", "PL", "PM", "PE"],
        Format::Td1 | Format::Td2 => &["I", "ID", "A", "C", "IR", "AC"],
        Format::MrvA | Format::MrvB => &["V", "VA", "VC"],
    };
    choices[pick % choices.len()].to_owned()
}

fn date_strategy() -> impl Strategy<Value = String> {
    (0u8..100, 1u8..=12, 1u8..=28)
        .prop_map(|(year, month, day)| format!("{year:02}{month:02}{day:02}"))
}

fn name_strategy(max_components: usize) -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Z]{1,10}", 0..=max_components).prop_map(|parts| parts.join(" "))
}

prop_compose! {
    fn fields_strategy()(
        format in format_strategy(),
        code_pick in 0usize..100,
        issuer in prop::sample::select(CODES),
        nationality in prop::sample::select(CODES),
        surname in "[A-Z]{1,12}( [A-Z]{1,8})?",
        given_names in name_strategy(3),
        number_length in 1usize..=12,
        number in "[A-Z0-9]{12}",
        birth_date in date_strategy(),
        sex in prop::sample::select(vec!['F', 'M', '<']),
        expiry_date in date_strategy(),
        optional_data in "[A-Z0-9]{0,5}",
        optional_data_2 in "[A-Z0-9]{0,6}",
    ) -> MrzFields {
        MrzFields {
            format,
            document_code: document_code(format, code_pick),
            issuing_state: issuer.to_owned(),
            surname,
            given_names,
            document_number: number[..number_length].to_owned(),
            nationality: nationality.to_owned(),
            birth_date,
            sex,
            expiry_date,
            optional_data,
            optional_data_2,
        }
    }
}

fn value_of(byte: u8) -> u32 {
    match byte {
        b'0'..=b'9' => u32::from(byte - b'0'),
        b'A'..=b'Z' => u32::from(byte - b'A') + 10,
        _ => 0,
    }
}

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn emitted_zones_parse_back(fields in fields_strategy()) {
        let lines = match emit_mrz(&fields) {
            Ok(lines) => lines,
            Err(_) => return Err(TestCaseError::reject("fields do not fit this format")),
        };
        let mrz = parse_mrz(&lines.join("\n"), &MrzOptions::default());
        prop_assert!(mrz.is_valid(), "{lines:?}: {:?}", mrz.errors());
        prop_assert_eq!(mrz.format(), Some(fields.format));
        prop_assert_eq!(mrz.document_number(), Some(fields.document_number.clone()));
        prop_assert_eq!(mrz.value(FieldName::Nationality), Some(fields.nationality.as_str()));
        prop_assert_eq!(mrz.value(FieldName::BirthDate), Some(fields.birth_date.as_str()));
        prop_assert_eq!(mrz.value(FieldName::ExpiryDate), Some(fields.expiry_date.as_str()));
        prop_assert_eq!(mrz.sex(), Some(fields.sex));
        let optional = if fields.format == Format::Td3 { FieldName::PersonalNumber } else { FieldName::OptionalData };
        prop_assert_eq!(mrz.value(optional), Some(fields.optional_data.as_str()));
        let name_fits = fields.surname.len() + fields.given_names.len() + 2 <= mrz.field(FieldName::Name).map_or(0, |f| f.raw.len());
        if name_fits {
            prop_assert_eq!(mrz.surname(), Some(fields.surname.clone()));
            prop_assert_eq!(mrz.given_names(), Some(fields.given_names.clone()));
        }
    }

    #[test]
    fn single_changes_in_checked_fields_are_detected(
        fields in fields_strategy(),
        position_pick in 0usize..1000,
        replacement_pick in 0usize..ALPHABET.len(),
    ) {
        let lines = match emit_mrz(&fields) {
            Ok(lines) => lines,
            Err(_) => return Err(TestCaseError::reject("fields do not fit this format")),
        };
        let original = parse_mrz(&lines.join("\n"), &MrzOptions::default());
        let mut covered = Vec::new();
        let mut covered_fields = vec![FieldName::DocumentNumber, FieldName::BirthDate, FieldName::ExpiryDate, FieldName::PersonalNumber];
        if !matches!(fields.format, Format::MrvA | Format::MrvB) {
            covered_fields.extend([FieldName::OptionalData, FieldName::OptionalData2]);
        }
        for name in covered_fields {
            if let Some(field) = original.field(name) {
                for offset in 0..field.position.length {
                    covered.push((field.position.line, field.position.column + offset));
                }
            }
        }
        if let Some(overflow) = original.document_number_overflow() {
            for offset in 0..overflow.length {
                covered.push((overflow.line, overflow.column + offset));
            }
        }
        let (line, column) = covered[position_pick % covered.len()];
        let mut mutated: Vec<Vec<u8>> = lines.iter().map(|l| l.as_bytes().to_vec()).collect();
        let cell = &mut mutated[usize::from(line) - 1][usize::from(column) - 1];
        let old = *cell;
        let new = ALPHABET[replacement_pick];
        prop_assume!(new != old);
        *cell = new;
        let text: Vec<String> = mutated.into_iter().map(|l| String::from_utf8_lossy(&l).into_owned()).collect();
        let parsed = parse_mrz(&text.join("\n"), &MrzOptions::default());
        if value_of(old) % 10 != value_of(new) % 10 {
            prop_assert!(!parsed.is_valid(), "undetected change {} -> {} at {line}:{column} in {text:?}", old as char, new as char);
        }
    }
}
