//! The migrants' portal: what a person can find out and do without a counsellor at hand.
//!
//! [`finder`] is the pathway finder: one question at a time, chosen from the rules engine's
//! ranked missing facts, with the whole state carried by the caller (the URL), so nothing about
//! the person is stored until they choose to start an application.

pub mod apply;
pub mod finder;
pub mod my_application;
pub mod office_access;

/// A pack text in the requested language, or its English wording when the pack has none in
/// that language; `fallback_lang` then names the language actually shown, so that a page can
/// mark it (`lang="en"`) and a reader hears it pronounced right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localised {
    pub text: String,
    pub fallback_lang: Option<&'static str>,
}

impl Localised {
    pub fn of(text: &rules::Text, language: &str) -> Localised {
        let fallback_lang = if text.by_language.contains_key(language) {
            None
        } else {
            Some("en")
        };
        Localised {
            text: text.get(language).to_owned(),
            fallback_lang,
        }
    }
}
