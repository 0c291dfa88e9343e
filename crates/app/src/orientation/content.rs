//! The exchange format of curricula: one JSON document per curriculum, as kept in
//! `content/orientation/` and as `corridor curriculum import` / `export` read and write it.
//!
//! A regional curriculum lists every module. A localisation names the curriculum it `localises`
//! and lists only what differs: a module with an existing key replaces the inherited one, a new
//! key adds a module, and `"removed": true` drops an inherited module.

use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrors, Result};
use crate::orientation::{Stage, Text};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurriculumDocument {
    /// Stable identifier, e.g. `ciop-pdo-ph-gcc`.
    pub code: String,
    /// The code of the curriculum this one localises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localises: Option<String>,
    /// Required unless the curriculum localises another (then inherited when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// ISO 3166-1 alpha-2 country of origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// ISO 3166-1 alpha-2 country of destination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// A region instead of one destination, e.g. `GCC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Who the curriculum is for: `adult`, `youth`, `domestic_worker`, `refugee`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    /// The content version; raised whenever the text changes.
    pub version: i64,
    pub title: Text,
    #[serde(default)]
    pub modules: Vec<ModuleDocument>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleDocument {
    pub key: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub removed: bool,
    #[serde(default)]
    pub minutes: i64,
    #[serde(default)]
    pub title: Text,
    #[serde(default)]
    pub objectives: Text,
    #[serde(default)]
    pub facilitator_notes: Text,
    /// Participant content, Markdown.
    #[serde(default)]
    pub content: Text,
    #[serde(default)]
    pub quiz: Vec<QuizItem>,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// A multiple-choice question. `answer` is the index of the right option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizItem {
    pub key: String,
    pub prompt: Text,
    pub options: Vec<Text>,
    pub answer: usize,
}

/// What a module row stores as JSON besides its key, position and minutes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ModuleBody {
    pub title: Text,
    pub objectives: Text,
    pub facilitator_notes: Text,
    pub content: Text,
    pub quiz: Vec<QuizItem>,
}

impl CurriculumDocument {
    /// Reads one document from JSON text.
    pub fn from_json(text: &str) -> Result<CurriculumDocument> {
        serde_json::from_str(text).map_err(|_| Error::invalid("document", "error-curriculum-json"))
    }

    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(Error::internal)
    }

    /// Checks what can be checked without the database.
    pub fn validate(&self) -> Result<()> {
        let mut errors = FieldErrors::default();
        if !is_code(&self.code) {
            errors.add("code", "error-curriculum-code");
        }
        if self.localises.is_none() && (self.stage.is_none() || self.audience.is_none()) {
            errors.add("stage", "error-curriculum-stage");
        }
        for country in [&self.origin, &self.destination].into_iter().flatten() {
            if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
                errors.add("destination", "error-country-code");
            }
        }
        if self
            .title
            .get("en")
            .is_none_or(|title| title.trim().is_empty())
        {
            errors.add("title", "error-curriculum-title");
        }
        let mut keys = std::collections::BTreeSet::new();
        for module in &self.modules {
            if !is_code(&module.key) || !keys.insert(module.key.as_str()) {
                errors.add("modules", "error-module-key");
            }
            if !module.removed && !(1..=24 * 60).contains(&module.minutes) {
                errors.add("modules", "error-module-minutes");
            }
            if module
                .quiz
                .iter()
                .any(|item| item.answer >= item.options.len() || item.options.len() < 2)
            {
                errors.add("modules", "error-quiz-item");
            }
        }
        errors.into_result()
    }
}

impl ModuleDocument {
    pub(crate) fn body(&self) -> ModuleBody {
        ModuleBody {
            title: self.title.clone(),
            objectives: self.objectives.clone(),
            facilitator_notes: self.facilitator_notes.clone(),
            content: self.content.clone(),
            quiz: self.quiz.clone(),
        }
    }
}

/// Lower-case letters, digits and dashes, 2 to 60 characters.
pub(crate) fn is_code(text: &str) -> bool {
    (2..=60).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_localisation_needs_no_stage_but_a_regional_curriculum_does() {
        let mut document = CurriculumDocument {
            code: "pdo-x".into(),
            localises: None,
            stage: None,
            origin: None,
            destination: None,
            region: None,
            audience: None,
            languages: vec!["en".into()],
            version: 1,
            title: [("en".to_owned(), "X".to_owned())].into_iter().collect(),
            modules: vec![],
        };
        assert!(document.validate().is_err());
        document.localises = Some("pdo-regional".into());
        assert!(document.validate().is_ok());
        document.code = "Bad Code".into();
        assert!(document.validate().is_err());
    }
}
