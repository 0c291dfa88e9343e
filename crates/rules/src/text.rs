//! Translatable text: a stable key for Fluent plus the pack's own wording per language.

use std::collections::BTreeMap;

/// A user-facing text: a translation key and the text in each language the pack provides.
///
/// In YAML: `{key: de.q.birth_date, en: "...", fr: "...", ar: "..."}`. English is required so
/// that every text has a fallback; the web layer may prefer its own Fluent message for `key`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Text {
    /// Translation key, unique within the pack (e.g. `de.q.sponsor.title`).
    pub key: String,
    /// The text per language code (`en`, `fr`, `ar`, ...).
    #[serde(flatten)]
    pub by_language: BTreeMap<String, String>,
}

impl Text {
    /// The text in `language`, falling back to English, then to the key.
    pub fn get(&self, language: &str) -> &str {
        self.by_language
            .get(language)
            .or_else(|| self.by_language.get("en"))
            .map_or(self.key.as_str(), String::as_str)
    }
}
