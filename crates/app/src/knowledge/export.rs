//! Bulk export of published practices as CSV: UTF-8 with a byte-order mark (so spreadsheet
//! programs read non-Latin text correctly) and cells that could start a formula neutralised.

use crate::csv_file::CsvFile;
use crate::knowledge::Practice;

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 21] = [
    "id",
    "published_at",
    "language",
    "title",
    "summary",
    "objectives",
    "principles",
    "stages",
    "regions",
    "countries",
    "year_start",
    "year_end",
    "practice_type",
    "partners",
    "results",
    "lessons",
    "replicability",
    "evidence_strength",
    "evidence_links",
    "resources",
    "contact",
];

/// Published practices as one CSV file; lists are joined with `; `.
pub fn to_csv(practices: &[Practice]) -> Vec<u8> {
    let mut file = CsvFile::new();
    file.row(CSV_COLUMNS);
    for practice in practices {
        file.row(csv_cells(practice));
    }
    file.into_bytes()
}

fn csv_cells(practice: &Practice) -> Vec<String> {
    let content = &practice.content;
    let links = |links: &[crate::knowledge::Link]| {
        links
            .iter()
            .map(|link| link.url.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let year = |year: Option<i32>| year.map(|y| y.to_string()).unwrap_or_default();
    vec![
        practice.id.clone(),
        practice.published_at.unwrap_or_default().to_string(),
        content.language.clone(),
        content.title.clone(),
        content.summary.clone(),
        content
            .objectives
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join("; "),
        content.principles.join("; "),
        content.stages.join("; "),
        content.regions.join("; "),
        content.countries.join("; "),
        year(content.year_start),
        year(content.year_end),
        content.practice_type.clone(),
        content.partners.join("; "),
        content.results.clone(),
        content.lessons.clone(),
        content.replicability.clone(),
        content.evidence_strength.clone(),
        links(&content.evidence_links),
        links(&content.resources),
        content.contact.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{PracticeContent, Status};

    fn practice(title: &str) -> Practice {
        Practice {
            id: "p1".into(),
            status: Status::Published,
            owner_id: None,
            content: PracticeContent {
                title: title.into(),
                summary: "Line one\nline \"two\"".into(),
                objectives: vec![3, 5],
                language: "ar".into(),
                ..PracticeContent::default()
            },
            content_number: 1,
            version: 1,
            created_at: 0,
            updated_at: 0,
            submitted_at: None,
            published_at: Some(42),
            archived_at: None,
        }
    }

    #[test]
    fn csv_starts_with_a_bom_and_quotes_what_needs_quoting() {
        let text = String::from_utf8(to_csv(&[practice("لمّ شمل الأسرة")])).unwrap_or_default();
        assert!(text.starts_with("\u{FEFF}id,published_at,"));
        assert!(text.contains("p1,42,ar,لمّ شمل الأسرة,\"Line one\nline \"\"two\"\"\",3; 5,"));
    }

    #[test]
    fn formulas_are_neutralised() {
        let text = String::from_utf8(to_csv(&[practice("=HYPERLINK(\"x\")")])).unwrap_or_default();
        assert!(text.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{text}");
    }
}
