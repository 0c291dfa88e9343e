//! Fuzzes transliteration and name matching: renderings are MRZ text, bounded in number, and a
//! name always matches itself.
#![no_main]

use documents::names::{MAX_RENDERINGS, PersonName, match_names, mrz_renderings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let renderings = mrz_renderings(&text);
    assert!(renderings.len() <= MAX_RENDERINGS);
    for rendering in &renderings {
        assert!(rendering.bytes().all(|byte| byte.is_ascii_uppercase() || byte == b'<'));
        assert!(!rendering.starts_with('<') && !rendering.ends_with('<'));
        assert!(!rendering.contains("<<"));
    }
    let middle = text
        .char_indices()
        .map(|(index, _)| index)
        .nth(text.chars().count() / 2)
        .unwrap_or(text.len());
    let (surname, given_names) = text.split_at(middle);
    let name = PersonName { surname: surname.to_owned(), given_names: given_names.to_owned() };
    let verdict = match_names(&name, &name);
    assert!(verdict.is_consistent(), "{verdict:?}");
});
