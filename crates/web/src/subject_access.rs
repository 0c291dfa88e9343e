//! The answer to a subject-access request as files: `data.json` (every record the export
//! holds) and `summary.html` (a readable overview in the person's language), in one ZIP.
//!
//! The renderer lives here rather than in `app` because it needs the Fluent messages and
//! askama templates, which belong to the web layer; `app` gathers plain records and stays free
//! of HTML. The page handler and the command line both call [`archive`].

use askama::Template;

use app::privacy::subject_access::{Record, Section, SubjectExport, Value};
use app::zip_file::{self, Entry};

use crate::format_instant;
use crate::i18n::{self, Translator};

fn value_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Text(text) => serde_json::Value::from(text.as_str()),
        Value::Number(number) => serde_json::Value::from(*number),
        Value::Instant(at) => serde_json::Value::from(format_instant(*at)),
        Value::Flag(flag) => serde_json::Value::from(*flag),
        Value::List(items) => serde_json::Value::from(items.clone()),
        Value::Json(json) => json.clone(),
        Value::Absent => serde_json::Value::Null,
    }
}

fn record_json(record: &Record) -> serde_json::Value {
    serde_json::Value::Object(
        record
            .0
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value_json(value)))
            .collect(),
    )
}

/// The whole export as one JSON document: the request, then every section by its key.
pub fn to_json(export: &SubjectExport) -> serde_json::Value {
    let sections: serde_json::Map<String, serde_json::Value> = export
        .sections
        .iter()
        .map(|section| {
            let records = section.records.iter().map(record_json).collect();
            (section.key.to_owned(), serde_json::Value::Array(records))
        })
        .collect();
    serde_json::json!({
        "format": "corridor-subject-access/1",
        "person_id": export.person.id,
        "request": {
            "id": export.request.id,
            "received_at": format_instant(export.request.received_at),
            "due_at": format_instant(export.request.due_at),
            "requested_via": export.request.requested_via.as_str(),
            "language": export.request.language,
        },
        "generated_at": format_instant(export.generated_at),
        "sections": sections,
    })
}

/// One document line of the summary.
struct DocumentLine {
    item: String,
    content_type: String,
    size: String,
    uploaded_at: String,
}

#[derive(Template)]
#[template(path = "privacy/subject_access_summary.html")]
struct Summary<'a> {
    t: Translator,
    export: &'a SubjectExport,
    documents: Vec<DocumentLine>,
}

impl Summary<'_> {
    fn when(&self, millis: &i64) -> String {
        format_instant(*millis)
    }

    fn country(&self, code: &str) -> String {
        crate::code_names::country(&self.t, code)
    }

    fn section_title(&self, section: &Section) -> String {
        self.t
            .t(&format!("sar-section-{}", section.key.replace('_', "-")))
    }

    fn count(&self, section: &Section) -> usize {
        section.records.len()
    }
}

fn text_of(record: &Record, name: &str) -> String {
    match record.get(name) {
        Some(Value::Text(text)) => text.clone(),
        Some(Value::Number(number)) => number.to_string(),
        Some(Value::Instant(at)) => format_instant(*at),
        _ => String::new(),
    }
}

/// The readable overview in the language the request names (English when it is not one of ours).
pub fn summary_html(export: &SubjectExport) -> Result<String, app::Error> {
    let language = i18n::language(&export.request.language).unwrap_or(i18n::languages()[0]);
    let documents = export
        .section("documents")
        .map(|section| {
            section
                .records
                .iter()
                .map(|record| DocumentLine {
                    item: text_of(record, "item"),
                    content_type: text_of(record, "content_type"),
                    size: text_of(record, "size_bytes"),
                    uploaded_at: text_of(record, "uploaded_at"),
                })
                .collect()
        })
        .unwrap_or_default();
    Summary {
        t: Translator::new(language),
        export,
        documents,
    }
    .render()
    .map_err(app::Error::internal)
}

/// The ZIP handed to the person: `summary.html` and `data.json`.
pub fn archive(export: &SubjectExport) -> Result<Vec<u8>, app::Error> {
    let json = serde_json::to_vec_pretty(&to_json(export)).map_err(app::Error::internal)?;
    let html = summary_html(export)?;
    zip_file::write(&[
        Entry {
            name: "summary.html",
            content: html.as_bytes(),
        },
        Entry {
            name: "data.json",
            content: &json,
        },
    ])
}

/// The file name of the download: the request id, nothing personal.
pub fn file_name(export: &SubjectExport) -> String {
    format!("subject-access-{}.zip", export.request.id)
}
