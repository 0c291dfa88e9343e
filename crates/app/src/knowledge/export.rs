//! Bulk export of published practices as CSV: UTF-8 with a byte-order mark (so spreadsheet
//! programs read non-Latin text correctly) and cells that could start a formula neutralised.

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
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, CSV_COLUMNS.iter().map(|c| (*c).to_owned()));
    for practice in practices {
        push_row(&mut out, csv_cells(practice).into_iter());
    }
    out.into_bytes()
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

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells
        .map(|cell| quote(&neutralise_formula(&cell)))
        .collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// A cell starting with `=`, `+`, `-`, `@`, tab or carriage return would be run as a formula by
/// spreadsheet programs; a leading apostrophe makes it text.
pub fn neutralise_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
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
        assert_eq!(neutralise_formula("-1"), "'-1");
        assert_eq!(neutralise_formula("safe"), "safe");
    }
}
