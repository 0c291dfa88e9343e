//! What a practice says: its content as submitted, and the checks a submission must pass.

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, Result};
use crate::knowledge::taxonomy::{
    EVIDENCE_STRENGTHS, LANGUAGES, OBJECTIVES, PRACTICE_TYPES, PRINCIPLES, REGIONS, STAGES,
    is_country_code,
};

/// A link with a label: evidence of results, or a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// The content of one version of a practice. Lists of codes use the vocabularies in
/// [`crate::knowledge::taxonomy`]; `description` is Markdown (rendered safely).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct PracticeContent {
    pub title: String,
    pub summary: String,
    pub description: String,
    pub objectives: Vec<u8>,
    pub principles: Vec<String>,
    pub stages: Vec<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub year_start: Option<i32>,
    pub year_end: Option<i32>,
    pub practice_type: String,
    pub partners: Vec<String>,
    pub results: String,
    pub lessons: String,
    /// How the practice could be taken up elsewhere (a Hub submission criterion).
    pub replicability: String,
    pub evidence_strength: String,
    pub evidence_links: Vec<Link>,
    pub resources: Vec<Link>,
    pub language: String,
    pub contact: String,
}

const SHORT_TEXT: usize = 200;
const LONG_TEXT: usize = 20_000;
const MAX_LIST: usize = 50;
const EARLIEST_YEAR: i32 = 1950;
const LATEST_YEAR: i32 = 2100;

impl PracticeContent {
    /// Trims text, upper-cases country codes, sorts and deduplicates code lists.
    pub fn normalised(mut self) -> PracticeContent {
        for text in [
            &mut self.title,
            &mut self.summary,
            &mut self.description,
            &mut self.practice_type,
            &mut self.results,
            &mut self.lessons,
            &mut self.replicability,
            &mut self.evidence_strength,
            &mut self.language,
            &mut self.contact,
        ] {
            *text = text.trim().to_owned();
        }
        self.language = self.language.to_ascii_lowercase();
        self.objectives.sort_unstable();
        self.objectives.dedup();
        for list in [
            &mut self.principles,
            &mut self.stages,
            &mut self.regions,
            &mut self.partners,
        ] {
            tidy_list(list);
        }
        self.countries = self
            .countries
            .iter()
            .map(|code| code.trim().to_ascii_uppercase())
            .collect();
        tidy_list(&mut self.countries);
        for links in [&mut self.evidence_links, &mut self.resources] {
            links.retain(|link| !link.url.trim().is_empty());
            for link in links.iter_mut() {
                link.label = link.label.trim().to_owned();
                link.url = link.url.trim().to_owned();
            }
        }
        self
    }

    /// Checks that apply to every saved version, drafts included: what is filled in is well
    /// formed. Only a title and a language are required to save a draft.
    pub fn check_draft(&self) -> Result<()> {
        let mut errors = FieldErrors::default();
        self.collect_shape_errors(&mut errors);
        errors.into_result()
    }

    /// The fields a practice needs before it can be sent for review, in the form's order: the
    /// form says so up front, and [`PracticeContent::check_submission`] asks for exactly these.
    pub const NEEDED_TO_SUBMIT: [&'static str; 12] = [
        "summary",
        "description",
        "objectives",
        "principles",
        "stages",
        "regions",
        "year_start",
        "practice_type",
        "results",
        "replicability",
        "evidence_strength",
        "contact",
    ];

    /// Checks for submission, mirroring the Hub's criteria: at least one objective, principles
    /// stated, replicability described, and the facts a reader needs filled in.
    pub fn check_submission(&self) -> Result<()> {
        let mut errors = FieldErrors::default();
        self.collect_shape_errors(&mut errors);
        let required_text = [
            ("summary", &self.summary),
            ("description", &self.description),
            ("results", &self.results),
            ("replicability", &self.replicability),
            ("contact", &self.contact),
        ];
        for (field, value) in required_text {
            if value.is_empty() && errors.for_field(field).is_none() {
                errors.add(field, "error-required");
            }
        }
        if self.objectives.is_empty() {
            errors.add("objectives", "error-practice-objective-needed");
        }
        if self.principles.is_empty() {
            errors.add("principles", "error-practice-principles-needed");
        }
        if self.stages.is_empty() {
            errors.add("stages", "error-choose-option");
        }
        if self.regions.is_empty() {
            errors.add("regions", "error-choose-option");
        }
        if self.year_start.is_none() && errors.for_field("year_start").is_none() {
            errors.add("year_start", "error-practice-year");
        }
        for (field, value) in [
            ("practice_type", &self.practice_type),
            ("evidence_strength", &self.evidence_strength),
        ] {
            if value.is_empty() && errors.for_field(field).is_none() {
                errors.add(field, "error-choose-option");
            }
        }
        errors.into_result()
    }

    fn collect_shape_errors(&self, errors: &mut FieldErrors) {
        if self.title.is_empty() || self.title.chars().count() > SHORT_TEXT {
            errors.add("title", "error-required-short-text");
        }
        if !LANGUAGES.contains(&self.language.as_str()) {
            errors.add("language", "error-choose-option");
        }
        for (field, value) in [("summary", &self.summary), ("contact", &self.contact)] {
            if value.chars().count() > SHORT_TEXT * 4 {
                errors.add(field, "error-text-too-long");
            }
        }
        for (field, value) in [
            ("description", &self.description),
            ("results", &self.results),
            ("lessons", &self.lessons),
            ("replicability", &self.replicability),
        ] {
            if value.chars().count() > LONG_TEXT {
                errors.add(field, "error-text-too-long");
            }
        }
        if self
            .objectives
            .iter()
            .any(|number| !OBJECTIVES.contains(number))
        {
            errors.add("objectives", "error-choose-option");
        }
        let code_lists: [(&str, &[String], &[&str]); 3] = [
            ("principles", &self.principles, &PRINCIPLES),
            ("stages", &self.stages, &STAGES),
            ("regions", &self.regions, &REGIONS),
        ];
        for (field, values, allowed) in code_lists {
            if values
                .iter()
                .any(|value| !allowed.contains(&value.as_str()))
            {
                errors.add(field, "error-choose-option");
            }
        }
        let single_codes: [(&str, &String, &[&str]); 2] = [
            ("practice_type", &self.practice_type, &PRACTICE_TYPES),
            (
                "evidence_strength",
                &self.evidence_strength,
                &EVIDENCE_STRENGTHS,
            ),
        ];
        for (field, value, allowed) in single_codes {
            if !value.is_empty() && !allowed.contains(&value.as_str()) {
                errors.add(field, "error-choose-option");
            }
        }
        if self.countries.iter().any(|code| !is_country_code(code)) {
            errors.add("countries", "error-country-code");
        }
        if self.partners.len() > MAX_LIST
            || self.partners.iter().any(|p| p.chars().count() > SHORT_TEXT)
        {
            errors.add("partners", "error-text-too-long");
        }
        self.collect_year_errors(errors);
        for (field, links) in [
            ("evidence_links", &self.evidence_links),
            ("resources", &self.resources),
        ] {
            if links.len() > MAX_LIST || links.iter().any(|link| !is_web_address(&link.url)) {
                errors.add(field, "error-practice-link");
            }
        }
    }

    fn collect_year_errors(&self, errors: &mut FieldErrors) {
        let plausible = |year: i32| (EARLIEST_YEAR..=LATEST_YEAR).contains(&year);
        if self.year_start.is_some_and(|year| !plausible(year)) {
            errors.add("year_start", "error-practice-year");
        }
        match (self.year_start, self.year_end) {
            (_, Some(end)) if !plausible(end) => errors.add("year_end", "error-practice-year"),
            (None, Some(_)) => errors.add("year_start", "error-practice-year"),
            (Some(start), Some(end)) if end < start => {
                errors.add("year_end", "error-practice-year-order")
            }
            _ => {}
        }
    }

    /// The years the practice ran, for the year facet (an open end counts up to the start
    /// year plus ten, so a long-running practice is found in recent years without flooding).
    pub fn active_years(&self) -> Vec<i32> {
        match self.year_start {
            None => Vec::new(),
            Some(start) => {
                let end = self.year_end.unwrap_or(start).clamp(start, start + 30);
                (start..=end).collect()
            }
        }
    }
}

fn tidy_list(list: &mut Vec<String>) {
    for item in list.iter_mut() {
        *item = item.trim().to_owned();
    }
    list.retain(|item| !item.is_empty());
    let mut seen = std::collections::HashSet::new();
    list.retain(|item| seen.insert(item.clone()));
}

/// Only `http` and `https` addresses may be linked from a practice.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() <= 2000
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> PracticeContent {
        PracticeContent {
            title: "Orientation before departure".into(),
            summary: "Short".into(),
            description: "Long".into(),
            objectives: vec![3],
            principles: vec!["people_centred".into()],
            stages: vec!["before".into()],
            regions: vec!["americas".into()],
            countries: vec!["CA".into()],
            year_start: Some(2019),
            year_end: None,
            practice_type: "programme".into(),
            results: "Better informed arrivals".into(),
            replicability: "Any receiving state".into(),
            evidence_strength: "evaluated".into(),
            language: "en".into(),
            contact: "info@example.org".into(),
            ..PracticeContent::default()
        }
    }

    fn fields(result: Result<()>) -> Vec<String> {
        match result {
            Err(crate::Error::Invalid(errors)) => errors.0.into_iter().map(|e| e.field).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_draft_is_refused_for_exactly_the_fields_said_up_front() {
        let empty = PracticeContent {
            title: "Only a title".into(),
            language: "en".into(),
            ..PracticeContent::default()
        };
        let Err(crate::Error::Invalid(errors)) = empty.check_submission() else {
            panic!("an empty draft cannot be submitted");
        };
        let mut fields: Vec<&str> = errors.0.iter().map(|error| error.field.as_str()).collect();
        let mut needed = PracticeContent::NEEDED_TO_SUBMIT.to_vec();
        fields.sort_unstable();
        needed.sort_unstable();
        assert_eq!(fields, needed);
    }

    #[test]
    fn a_complete_practice_may_be_submitted() {
        assert!(complete().check_submission().is_ok());
    }

    #[test]
    fn submission_needs_an_objective_principles_and_replicability() {
        let practice = PracticeContent {
            objectives: vec![],
            principles: vec![],
            replicability: String::new(),
            ..complete()
        };
        assert!(practice.check_draft().is_ok());
        let missing = fields(practice.check_submission());
        assert_eq!(missing, ["replicability", "objectives", "principles"]);
    }

    #[test]
    fn bad_codes_years_and_links_are_refused_even_in_drafts() {
        let practice = PracticeContent {
            objectives: vec![24],
            countries: vec!["XX".into()],
            year_start: Some(2020),
            year_end: Some(2010),
            resources: vec![Link {
                label: "x".into(),
                url: "javascript:alert(1)".into(),
            }],
            ..complete()
        };
        let refused = fields(practice.check_draft());
        assert_eq!(
            refused,
            ["objectives", "countries", "year_end", "resources"]
        );
    }

    #[test]
    fn normalising_tidies_codes_and_lists() {
        let practice = PracticeContent {
            objectives: vec![5, 3, 5],
            countries: vec![" de".into(), "DE".into()],
            partners: vec![" IOM ".into(), String::new()],
            language: "FR ".into(),
            ..complete()
        }
        .normalised();
        assert_eq!(practice.objectives, [3, 5]);
        assert_eq!(practice.countries, ["DE"]);
        assert_eq!(practice.partners, ["IOM"]);
        assert_eq!(practice.language, "fr");
    }

    #[test]
    fn active_years_span_start_to_end() {
        let practice = PracticeContent {
            year_start: Some(2017),
            year_end: Some(2019),
            ..complete()
        };
        assert_eq!(practice.active_years(), [2017, 2018, 2019]);
        assert_eq!(complete().active_years(), [2019]);
    }
}
