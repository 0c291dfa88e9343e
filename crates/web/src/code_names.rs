//! Codes people should never read as codes: languages (`de`), countries (ICAO/ISO 3166 alpha-3,
//! `SYR`) and consent scopes (`portal-apply-consent-v1`) shown by name in the reader's
//! language. The names are our own small tables of Fluent messages (languages shared with the
//! knowledge platform's `practice-language-*`, the rest in `locales/<lang>/finder.ftl`);
//! a code the table does not know shows as it is, marked by the caller as a code.

use crate::i18n::Translator;

/// The name of language `code` (`de` → "German", "الألمانية").
pub fn language(t: &Translator, code: &str) -> String {
    named(
        t,
        // One table of language names: the knowledge platform's.
        "practice-language",
        &code.trim().to_ascii_lowercase(),
        code,
    )
}

/// The name of country `code` (`SYR` → "Syria", "سوريا").
pub fn country(t: &Translator, code: &str) -> String {
    named(t, "finder-country", &code.trim().to_ascii_uppercase(), code)
}

/// What a recorded consent covered, for a scope the application itself writes.
pub fn consent_scope(t: &Translator, scope: &str) -> String {
    named(t, "finder-consent-scope", scope.trim(), scope)
}

fn named(t: &Translator, prefix: &str, key_code: &str, shown: &str) -> String {
    let key = format!("{prefix}-{key_code}");
    if !key_code.is_empty() && Translator::english().has(&key) {
        t.t(&key)
    } else {
        shown.to_owned()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn arabic() -> Translator {
        Translator::new(crate::i18n::language("ar").unwrap())
    }

    #[test]
    fn known_codes_read_as_names_in_the_readers_language() {
        assert_eq!(language(&arabic(), "de"), "الألمانية");
        assert_eq!(country(&arabic(), "syr"), "سوريا");
        assert_eq!(language(&Translator::english(), "DE"), "German");
        assert!(
            !consent_scope(&arabic(), app::portal::apply::CONSENT_VERSION).contains("portal-apply")
        );
    }

    #[test]
    fn unknown_codes_show_as_given() {
        assert_eq!(language(&arabic(), "tlh"), "tlh");
        assert_eq!(country(&arabic(), "XXA"), "XXA");
        assert_eq!(
            consent_scope(&arabic(), "shared with the school"),
            "shared with the school"
        );
    }
}
