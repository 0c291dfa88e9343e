//! Fuzzes pack loading: any bytes as a pack file must load or be rejected with errors
//! naming file and line, never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(errors) = rules::load_pack_from_texts(&[("pack.yaml", text)]) {
        assert!(!errors.errors.is_empty());
    }
});
