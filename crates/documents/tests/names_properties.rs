//! Property tests for transliteration and name matching on arbitrary text in the three scripts
//! of Doc 9303 Part 3 §6 (plus anything else): renderings are MRZ text, and matching is sane.

use documents::names::{
    MAX_RENDERINGS, NameMatch, PersonName, match_mrz_name, match_names, mrz_renderings,
};
use proptest::prelude::*;

/// Latin with diacritics, Cyrillic, Arabic, separators, and some characters outside every table.
fn name_text() -> impl Strategy<Value = String> {
    "[a-zA-ZÀ-ÿĀ-žА-яЁёЄєЇїءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي ' -]{0,24}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn renderings_are_mrz_text(text in name_text()) {
        let renderings = mrz_renderings(&text);
        prop_assert!(!renderings.is_empty() && renderings.len() <= MAX_RENDERINGS);
        for rendering in &renderings {
            prop_assert!(rendering.bytes().all(|b| b.is_ascii_uppercase() || b == b'<'), "{rendering}");
            prop_assert!(!rendering.starts_with('<') && !rendering.ends_with('<') && !rendering.contains("<<"));
        }
    }

    #[test]
    fn a_name_matches_itself_and_its_own_mrz_rendering(surname in name_text(), given in name_text()) {
        let name = PersonName { surname: surname.clone(), given_names: given.clone() };
        prop_assert!(match_names(&name, &name).is_consistent());
        let primary = mrz_renderings(&surname).remove(0);
        let secondary = mrz_renderings(&given).remove(0);
        prop_assume!(!primary.is_empty());
        let field = if secondary.is_empty() { primary } else { format!("{primary}<<{secondary}") };
        let verdict = match_mrz_name(&name, &format!("{field}<"));
        prop_assert!(
            matches!(verdict, NameMatch::Equal | NameMatch::EqualAfterTransliteration { .. }),
            "{verdict:?}"
        );
    }
}
