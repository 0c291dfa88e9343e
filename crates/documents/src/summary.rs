//! The plain-language summary of a completeness report, in the migrant's language (Fluent).
//!
//! Messages live in `locales/<lang>/documents.ftl` and are compiled in. English and Arabic are
//! complete and tested for every message; French, Spanish and German are provided. A language
//! without a bundle, or a message missing from one, falls back to English.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::completeness::{CompletenessReport, ItemStatus, Verdict};
use crate::records::{CaseContext, Finding};

/// Languages with a message bundle, English first.
pub const SUMMARY_LANGUAGES: [&str; 5] = ["en", "ar", "fr", "es", "de"];

const SOURCES: [(&str, &str); 5] = [
    ("en", include_str!("../locales/en/documents.ftl")),
    ("ar", include_str!("../locales/ar/documents.ftl")),
    ("fr", include_str!("../locales/fr/documents.ftl")),
    ("es", include_str!("../locales/es/documents.ftl")),
    ("de", include_str!("../locales/de/documents.ftl")),
];

/// A rendered summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The language actually used (after fallback).
    pub language: &'static str,
    /// Whether the language is written right to left (set `dir="rtl"`).
    pub right_to_left: bool,
    /// One sentence with the verdict.
    pub headline: String,
    /// One sentence per checklist item, in checklist order.
    pub items: Vec<String>,
}

impl Summary {
    /// Headline and items as plain text, one per line.
    pub fn to_text(&self) -> String {
        let mut text = self.headline.clone();
        for item in &self.items {
            text.push('\n');
            text.push_str(item);
        }
        text
    }
}

/// Renders `report` in `language` (a BCP 47 tag; `ar-SY` uses `ar`). People are named as the
/// case declares them, or by their key.
pub fn render_summary(
    report: &CompletenessReport,
    context: &CaseContext,
    language: &str,
) -> Summary {
    let messages = Messages::for_language(language);
    let [satisfied, missing, invalid, review] = report.counts();
    let total = satisfied + missing + invalid + review;
    let mut args = FluentArgs::new();
    args.set("total", total);
    args.set("missing", missing);
    args.set("invalid", invalid);
    args.set("review", review);
    let headline_id = match report.verdict {
        Verdict::Complete => "summary-complete",
        Verdict::NeedsReview => "summary-review",
        Verdict::Incomplete => "summary-incomplete",
    };
    let headline = messages.format(headline_id, &args);
    let items = report
        .items
        .iter()
        .map(|item| {
            let person = context
                .people
                .iter()
                .find(|person| person.key == item.item.person)
                .map(|person| {
                    format!("{} {}", person.name.given_names, person.name.surname)
                        .trim()
                        .to_owned()
                })
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| item.item.person.clone());
            let mut args = FluentArgs::new();
            args.set("person", person);
            args.set("document", item.item.title.clone());
            args.set("citation", item.item.citation.clone());
            let (id, findings) = match &item.status {
                ItemStatus::Satisfied => ("item-satisfied", &[][..]),
                ItemStatus::Missing => ("item-missing", &[][..]),
                ItemStatus::Invalid(findings) => ("item-invalid", findings.as_slice()),
                ItemStatus::NeedsReview(findings) => ("item-review", findings.as_slice()),
            };
            args.set("reasons", messages.reasons(findings));
            messages.format(id, &args)
        })
        .collect();
    Summary {
        language: messages.language,
        right_to_left: messages.language == "ar",
        headline,
        items,
    }
}

type Bundle = FluentBundle<FluentResource>;

struct Messages {
    language: &'static str,
    bundle: &'static Bundle,
    fallback: &'static Bundle,
}

impl Messages {
    fn for_language(language: &str) -> Messages {
        let bundles = bundles();
        let primary = language
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let index = SUMMARY_LANGUAGES
            .iter()
            .position(|code| *code == primary)
            .unwrap_or(0);
        Messages {
            language: SUMMARY_LANGUAGES[index],
            bundle: &bundles[index],
            fallback: &bundles[0],
        }
    }

    fn format(&self, id: &str, args: &FluentArgs<'_>) -> String {
        [self.bundle, self.fallback]
            .into_iter()
            .find_map(|bundle| {
                let pattern = bundle.get_message(id)?.value()?;
                let mut errors = Vec::new();
                Some(
                    bundle
                        .format_pattern(pattern, Some(args), &mut errors)
                        .into_owned(),
                )
            })
            .unwrap_or_else(|| id.to_owned())
    }

    fn reasons(&self, findings: &[Finding]) -> String {
        let separator = self.format("reason-separator", &FluentArgs::new());
        let reasons: Vec<String> = findings
            .iter()
            .map(|finding| {
                let mut args = FluentArgs::new();
                match finding {
                    Finding::ExpiresTooSoon { months } | Finding::TooOld { months } => {
                        args.set("months", *months);
                    }
                    Finding::TranslationMissing { language } => {
                        args.set("language", language.clone())
                    }
                    Finding::MrzContradictsRecord { field } => args.set("field", field.key()),
                    _ => {}
                }
                self.format(&format!("reason-{}", finding.code()), &args)
            })
            .collect();
        reasons.join(&separator)
    }
}

fn bundles() -> &'static [Bundle] {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(language, source)| build_bundle(language, source))
            .collect()
    })
}

fn build_bundle(language: &str, source: &str) -> Bundle {
    let identifier = language.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![identifier]);
    // A resource with syntax errors still yields its valid messages; tests keep it error-free.
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, _)| resource);
    let _ = bundle.add_resource(resource);
    bundle
}

/// Message ids of a bundled language that fail to parse or are missing compared with English;
/// empty when the bundle is complete. For tests and release checks.
pub fn missing_messages(language: &str) -> Vec<String> {
    let ids = |source: &str| -> Result<Vec<String>, String> {
        let resource = FluentResource::try_new(source.to_owned())
            .map_err(|(_, errors)| format!("{errors:?}"))?;
        Ok(resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect())
    };
    let Some((_, source)) = SOURCES.iter().find(|(code, _)| *code == language) else {
        return vec![format!("no bundle for {language}")];
    };
    match (ids(SOURCES[0].1), ids(source)) {
        (Ok(english), Ok(translated)) => english
            .into_iter()
            .filter(|id| !translated.contains(id))
            .collect(),
        (Err(error), _) | (_, Err(error)) => vec![error],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::NameDifference;
    use crate::records::RecordField;

    #[test]
    fn every_finding_has_a_sentence_in_english_and_arabic() {
        let findings = [
            Finding::MrzInvalid {
                codes: vec!["check_digit"],
            },
            Finding::MrzContradictsRecord {
                field: RecordField::BirthDate,
            },
            Finding::NameDiffers {
                reason: NameDifference::PhoneticTranscriptionOnly,
            },
            Finding::NameDiffers {
                reason: NameDifference::SurnameAndGivenNamesSwapped,
            },
            Finding::NameDiffers {
                reason: NameDifference::NoRenderingAgrees {
                    expected: "A".into(),
                    found: "B".into(),
                },
            },
            Finding::BirthDateDiffers,
            Finding::NationalityDiffers,
            Finding::IssuedAfterExpiry,
            Finding::Expired,
            Finding::ExpiresTooSoon { months: 3 },
            Finding::ValidityUnknown,
            Finding::TooOld { months: 6 },
            Finding::IssueDateUnknown,
            Finding::TranslationMissing {
                language: "de".into(),
            },
            Finding::LegalisationMissing,
            Finding::NumberUsedByAnotherPerson {
                other_holder: "x".into(),
            },
            Finding::MayBeRequired,
        ];
        for language in ["en", "ar"] {
            let messages = Messages::for_language(language);
            for finding in &findings {
                let sentence = messages.reasons(std::slice::from_ref(finding));
                assert!(!sentence.starts_with("reason-"), "{language}: {finding:?}");
                assert!(!sentence.contains("{"), "{language}: {sentence}");
            }
        }
        let arabic = Messages::for_language("ar").reasons(&[Finding::MrzContradictsRecord {
            field: RecordField::BirthDate,
        }]);
        assert!(arabic.contains("تاريخ الميلاد"), "{arabic}");
    }
}
