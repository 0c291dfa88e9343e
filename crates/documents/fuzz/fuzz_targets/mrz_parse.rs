//! Fuzzes the MRZ parser: any input gives a result, never a panic, and the result is coherent.
#![no_main]

use documents::mrz::{CheckOutcome, CheckedField, MrzOptions, parse_mrz};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mrz = parse_mrz(&text, &MrzOptions::default());
    let any_failed = CheckedField::ALL
        .iter()
        .any(|field| matches!(mrz.check(*field), CheckOutcome::Failed { .. }));
    assert!(!(any_failed && mrz.is_valid()), "a failed check digit in a valid zone");
    if let Some(format) = mrz.format() {
        for issue in mrz.errors().iter().chain(mrz.warnings()) {
            if let Some(position) = issue.position {
                assert!(usize::from(position.line) <= format.line_count());
                assert!(usize::from(position.column) <= format.line_width() + 1);
            }
        }
        let _ = (mrz.surname(), mrz.given_names(), mrz.document_number());
    } else {
        assert!(!mrz.is_valid());
    }
});
