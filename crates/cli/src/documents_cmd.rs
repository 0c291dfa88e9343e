//! `corridor mrz …` and `corridor documents …`: MRZ verification and completeness reports.
//!
//! This module owns the JSON shapes of these commands (a stable contract); the `documents`
//! crate stays free of wire formats. `mrz check` never fails on bad zones: each record gets a
//! JSON line with `valid:false` and positioned errors; only unreadable standard input fails.

use std::io::{BufWriter, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use documents::completeness::{
    CompletenessReport, DocumentRequirement, ItemStatus, RequiredDocument, Verdict,
    completeness_report,
};
use documents::mrz::{
    CheckOutcome, CheckedField, FieldName, Format, Mrz, MrzFields, MrzIssue, MrzOptions, emit_mrz,
    parse_mrz,
};
use documents::names::PersonName;
use documents::records::{
    CaseContext, DeclaredPerson, DocumentRecord, Finding, NoRegister, Severity,
};
use documents::summary::render_summary;
use serde::{Deserialize, Serialize};

/// Subcommands of `corridor mrz`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum MrzCommand {
    /// Verify MRZ records read from standard input (JSON lines `{"mrz":"…"}` or plain text
    /// records separated by blank lines); writes one JSON line per record.
    Check {
        /// Reference date (YYYY-MM-DD) for the expiry warning; no expiry check without it.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Produce MRZ lines from JSON field records read from standard input, one per line.
    Make {
        /// Write `{"mrz":"…"}` JSON lines (the input of `mrz check`) instead of plain text.
        #[arg(long)]
        json: bool,
    },
}

/// Subcommands of `corridor documents`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum DocumentsCommand {
    /// Completeness report for a case file.
    Check {
        #[arg(long)]
        case: std::path::PathBuf,
    },
}

pub(crate) fn run_mrz(command: MrzCommand) -> anyhow::Result<ExitCode> {
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .context("reading standard input")?;
    let input = String::from_utf8_lossy(&input);
    let stdout = std::io::stdout();
    let mut output = BufWriter::new(stdout.lock());
    let code = match command {
        MrzCommand::Check { as_of } => {
            let as_of = as_of
                .map(|text| text.parse())
                .transpose()
                .context("--as-of must be a date YYYY-MM-DD")?;
            check_records(&input, &MrzOptions { as_of }, &mut output)?;
            ExitCode::SUCCESS
        }
        MrzCommand::Make { json } => make_records(&input, json, &mut output)?,
    };
    output.flush()?;
    Ok(code)
}

pub(crate) fn run_documents(command: DocumentsCommand) -> anyhow::Result<ExitCode> {
    match command {
        DocumentsCommand::Check { case } => {
            let text = std::fs::read_to_string(&case)
                .with_context(|| format!("reading {}", case.display()))?;
            let case_file: CaseJson = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a case file", case.display()))?;
            let base = case.parent().unwrap_or_else(|| std::path::Path::new("."));
            let report = completeness_json(case_file, base)?;
            let stdout = std::io::stdout();
            let mut output = BufWriter::new(stdout.lock());
            serde_json::to_writer_pretty(&mut output, &report)?;
            output.write_all(b"\n")?;
            output.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One input record of `mrz check`: the zone, or why the record could not be read.
enum CheckInput {
    Zone(String),
    Unreadable(String),
}

fn check_records(input: &str, options: &MrzOptions, output: &mut impl Write) -> anyhow::Result<()> {
    for record in split_check_input(input) {
        let report = match record {
            CheckInput::Zone(text) => MrzReportJson::from_mrz(&parse_mrz(&text, options)),
            CheckInput::Unreadable(message) => MrzReportJson::unreadable(message),
        };
        serde_json::to_writer(&mut *output, &report)?;
        output.write_all(b"\n")?;
    }
    Ok(())
}

/// JSON lines when the first non-blank line opens an object; otherwise blank-line-separated text.
fn split_check_input(input: &str) -> Vec<CheckInput> {
    let is_json = input.trim_start().starts_with('{');
    if is_json {
        return input
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| match serde_json::from_str::<ZoneJson>(line) {
                Ok(zone) => CheckInput::Zone(zone.mrz),
                Err(error) => {
                    CheckInput::Unreadable(format!("not a JSON record {{\"mrz\":…}}: {error}"))
                }
            })
            .collect();
    }
    let mut records = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in input.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                records.push(CheckInput::Zone(current.join("\n")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        records.push(CheckInput::Zone(current.join("\n")));
    }
    records
}

#[derive(Deserialize, Serialize)]
struct ZoneJson {
    mrz: String,
}

#[derive(Serialize)]
struct MrzReportJson {
    valid: bool,
    format: Option<&'static str>,
    check_digits: CheckDigitsJson,
    fields: FieldsJson,
    errors: Vec<IssueJson>,
    warnings: Vec<IssueJson>,
}

#[derive(Serialize, Default)]
struct CheckDigitsJson {
    document_number: Option<bool>,
    birth_date: Option<bool>,
    expiry_date: Option<bool>,
    personal_number: Option<bool>,
    /// No Doc 9303 format prints a check digit over optional data alone: always null.
    optional_data: Option<bool>,
    composite: Option<bool>,
}

#[derive(Serialize, Default)]
struct FieldsJson {
    document_code: Option<String>,
    issuing_state: Option<String>,
    surname: Option<String>,
    given_names: Option<String>,
    document_number: Option<String>,
    nationality: Option<String>,
    birth_date: Option<String>,
    sex: Option<String>,
    expiry_date: Option<String>,
    personal_number: Option<String>,
    optional_data: Option<String>,
}

#[derive(Serialize)]
struct IssueJson {
    code: &'static str,
    message: String,
    line: Option<u8>,
    column: Option<u8>,
}

impl MrzReportJson {
    fn from_mrz(mrz: &Mrz) -> MrzReportJson {
        let format = mrz.format();
        let digit = |field: CheckedField| match (format, mrz.check(field)) {
            (None, _) | (_, CheckOutcome::NotPrinted) => None,
            (Some(_), CheckOutcome::Verified) => Some(true),
            (Some(_), CheckOutcome::Failed { .. }) => Some(false),
        };
        let value = |name: FieldName| mrz.value(name).map(str::to_owned);
        let optional_data = match (
            value(FieldName::OptionalData),
            value(FieldName::OptionalData2),
        ) {
            (Some(first), Some(second)) if !first.is_empty() && !second.is_empty() => {
                Some(format!("{first} {second}"))
            }
            (Some(first), Some(second)) => Some(first + &second),
            (first, _) => first,
        };
        MrzReportJson {
            valid: mrz.is_valid(),
            format: format.map(Format::label),
            check_digits: CheckDigitsJson {
                document_number: digit(CheckedField::DocumentNumber),
                birth_date: digit(CheckedField::BirthDate),
                expiry_date: digit(CheckedField::ExpiryDate),
                personal_number: digit(CheckedField::PersonalNumber),
                optional_data: None,
                composite: digit(CheckedField::Composite),
            },
            fields: FieldsJson {
                document_code: value(FieldName::DocumentCode),
                issuing_state: value(FieldName::IssuingState),
                surname: mrz.surname(),
                given_names: mrz.given_names(),
                document_number: mrz.document_number(),
                nationality: value(FieldName::Nationality),
                birth_date: mrz
                    .field(FieldName::BirthDate)
                    .map(|field| field.raw.to_owned()),
                sex: mrz.field(FieldName::Sex).map(|field| field.raw.to_owned()),
                expiry_date: mrz
                    .field(FieldName::ExpiryDate)
                    .map(|field| field.raw.to_owned()),
                personal_number: value(FieldName::PersonalNumber),
                optional_data,
            },
            errors: mrz.errors().iter().map(IssueJson::from_issue).collect(),
            warnings: mrz.warnings().iter().map(IssueJson::from_issue).collect(),
        }
    }

    fn unreadable(message: String) -> MrzReportJson {
        MrzReportJson {
            valid: false,
            format: None,
            check_digits: CheckDigitsJson::default(),
            fields: FieldsJson::default(),
            errors: vec![IssueJson {
                code: "unreadable_record",
                message,
                line: None,
                column: None,
            }],
            warnings: Vec::new(),
        }
    }
}

impl IssueJson {
    fn from_issue(issue: &MrzIssue) -> IssueJson {
        IssueJson {
            code: issue.code(),
            message: issue.message(),
            line: issue.position.map(|position| position.line),
            column: issue.position.map(|position| position.column),
        }
    }
}

/// Input record of `mrz make`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MakeJson {
    format: String,
    document_code: String,
    issuing_state: String,
    surname: String,
    #[serde(default)]
    given_names: String,
    document_number: String,
    nationality: String,
    birth_date: String,
    #[serde(default = "unspecified_sex")]
    sex: String,
    expiry_date: String,
    #[serde(default)]
    personal_number: String,
    #[serde(default)]
    optional_data: String,
    #[serde(default)]
    optional_data_2: String,
}

fn unspecified_sex() -> String {
    "<".to_owned()
}

fn make_records(input: &str, json: bool, output: &mut impl Write) -> anyhow::Result<ExitCode> {
    let mut failures = 0;
    let mut first = true;
    for (index, line) in input
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
    {
        match make_one(line) {
            Ok(lines) if json => {
                serde_json::to_writer(
                    &mut *output,
                    &ZoneJson {
                        mrz: lines.join("\n"),
                    },
                )?;
                output.write_all(b"\n")?;
            }
            Ok(lines) => {
                if !first {
                    output.write_all(b"\n")?;
                }
                first = false;
                for mrz_line in lines {
                    writeln!(output, "{mrz_line}")?;
                }
            }
            Err(error) => {
                failures += 1;
                eprintln!("corridor mrz make: line {}: {error:#}", index + 1);
            }
        }
    }
    Ok(if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn make_one(line: &str) -> anyhow::Result<Vec<String>> {
    let record: MakeJson = serde_json::from_str(line).context("not a JSON field record")?;
    let format = Format::from_label(&record.format).with_context(|| {
        format!(
            "unknown format {:?} (TD1, TD2, TD3, MRVA, MRVB)",
            record.format
        )
    })?;
    let mut sex = record.sex.chars();
    let (Some(sex), None) = (sex.next(), sex.next()) else {
        anyhow::bail!("sex must be one character: F, M or <");
    };
    let optional_data = if format == Format::Td3 {
        if !record.optional_data.is_empty() {
            anyhow::bail!("TD3 has no optional data apart from the personal number");
        }
        record.personal_number
    } else {
        if !record.personal_number.is_empty() {
            anyhow::bail!("only TD3 has a personal number; use optional_data");
        }
        record.optional_data
    };
    let fields = MrzFields {
        format,
        document_code: record.document_code,
        issuing_state: record.issuing_state,
        surname: record.surname,
        given_names: record.given_names,
        document_number: record.document_number,
        nationality: record.nationality,
        birth_date: record.birth_date,
        sex,
        expiry_date: record.expiry_date,
        optional_data,
        optional_data_2: record.optional_data_2,
    };
    Ok(emit_mrz(&fields)?)
}

/// A case file for `documents check`. The checklist is carried in the file, in the shape of the
/// rules engine's checklist entries (item id, person, requirements tagged by `kind`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseJson {
    application_date: String,
    travel_date: Option<String>,
    #[serde(default = "english")]
    language: String,
    #[serde(default)]
    people: Vec<PersonJson>,
    #[serde(default)]
    documents: Vec<DocumentJson>,
    /// Checklist items given directly.
    #[serde(default)]
    checklist: Vec<ChecklistItemJson>,
    /// A rule pack pathway whose checklist the rules engine derives from the case's facts.
    pathway: Option<PathwayJson>,
}

/// `{"pack": "packs/de", "id": "de.family.spouse", "facts": {...}}`: the pack folder (relative
/// to the working directory or to the case file), the pathway id, and the facts keyed by role.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PathwayJson {
    pack: std::path::PathBuf,
    id: String,
    #[serde(default)]
    facts: std::collections::BTreeMap<String, rules::Input>,
}

fn english() -> String {
    "en".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonJson {
    key: String,
    #[serde(default)]
    surname: String,
    #[serde(default)]
    given_names: String,
    birth_date: Option<String>,
    #[serde(default)]
    nationalities: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentJson {
    id: String,
    kind: String,
    holder: String,
    issuing_state: Option<String>,
    number: Option<String>,
    surname: Option<String>,
    given_names: Option<String>,
    birth_date: Option<String>,
    nationality: Option<String>,
    issued_on: Option<String>,
    expires_on: Option<String>,
    mrz: Option<String>,
    #[serde(default)]
    translated_into: Vec<String>,
    #[serde(default)]
    legalised: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistItemJson {
    id: String,
    person: String,
    title: Option<String>,
    accepted_kinds: Option<Vec<String>>,
    #[serde(default)]
    requirements: Vec<RequirementJson>,
    #[serde(default)]
    citation: String,
    /// `required` or `if_applicable`, as the rules engine reports it.
    #[serde(default = "required")]
    status: String,
}

fn required() -> String {
    "required".to_owned()
}

/// The rules engine's requirement kinds; those that do not concern the document's validity
/// (copies, notes) are accepted and ignored.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum RequirementJson {
    IssuedWithinMonths {
        months: u32,
    },
    ValidBeyondTravelMonths {
        months: u32,
    },
    TranslatedInto {
        language: String,
    },
    Legalised,
    Copies {
        #[allow(dead_code)]
        count: u32,
    },
    Note {
        #[allow(dead_code)]
        text: serde_json::Value,
    },
}

/// Parses an ISO date into whatever date type the field has.
fn parse_date<T>(field: &str, text: &str) -> anyhow::Result<T>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    text.parse()
        .with_context(|| format!("{field}: {text:?} is not a date YYYY-MM-DD"))
}

fn optional_date<T>(field: &str, text: Option<&str>) -> anyhow::Result<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    text.map(|text| parse_date(field, text)).transpose()
}

fn completeness_json(case: CaseJson, base: &std::path::Path) -> anyhow::Result<CompletenessJson> {
    let people = case
        .people
        .into_iter()
        .map(|person| {
            Ok(DeclaredPerson {
                birth_date: optional_date(
                    &format!("people.{}.birth_date", person.key),
                    person.birth_date.as_deref(),
                )?,
                name: PersonName {
                    surname: person.surname,
                    given_names: person.given_names,
                },
                nationalities: person.nationalities,
                key: person.key,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let context = CaseContext {
        application_date: parse_date("application_date", &case.application_date)?,
        travel_date: optional_date("travel_date", case.travel_date.as_deref())?,
        people,
    };
    let documents = case
        .documents
        .into_iter()
        .map(document_record)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut checklist: Vec<RequiredDocument> =
        case.checklist.into_iter().map(required_document).collect();
    if let Some(pathway) = &case.pathway {
        checklist.extend(rules_checklist(
            pathway,
            base,
            context.application_date,
            &case.language,
        )?);
    }
    let report = completeness_report(&checklist, &documents, &context, &NoRegister);
    let summary = render_summary(&report, &context, &case.language);
    Ok(CompletenessJson::from_report(&report, summary))
}

fn document_record(document: DocumentJson) -> anyhow::Result<DocumentRecord> {
    let field = |name: &str| format!("documents.{}.{name}", document.id);
    let holder_name = match (&document.surname, &document.given_names) {
        (None, None) => None,
        (surname, given_names) => Some(PersonName {
            surname: surname.clone().unwrap_or_default(),
            given_names: given_names.clone().unwrap_or_default(),
        }),
    };
    Ok(DocumentRecord {
        birth_date: optional_date(&field("birth_date"), document.birth_date.as_deref())?,
        issued_on: optional_date(&field("issued_on"), document.issued_on.as_deref())?,
        expires_on: optional_date(&field("expires_on"), document.expires_on.as_deref())?,
        holder_name,
        id: document.id,
        kind: document.kind,
        holder: document.holder,
        issuing_state: document.issuing_state,
        number: document.number,
        nationality: document.nationality,
        mrz: document.mrz,
        translated_into: document.translated_into,
        legalised: document.legalised,
    })
}

fn required_document(item: ChecklistItemJson) -> RequiredDocument {
    let requirements = item
        .requirements
        .into_iter()
        .filter_map(|requirement| match requirement {
            RequirementJson::IssuedWithinMonths { months } => {
                Some(DocumentRequirement::IssuedWithinMonths(months))
            }
            RequirementJson::ValidBeyondTravelMonths { months } => {
                Some(DocumentRequirement::ValidBeyondTravelMonths(months))
            }
            RequirementJson::TranslatedInto { language } => {
                Some(DocumentRequirement::TranslatedInto(language))
            }
            RequirementJson::Legalised => Some(DocumentRequirement::Legalised),
            RequirementJson::Copies { .. } | RequirementJson::Note { .. } => None,
        })
        .collect();
    RequiredDocument {
        title: item.title.unwrap_or_else(|| item.id.replace('_', " ")),
        accepted_kinds: item.accepted_kinds.unwrap_or_else(|| vec![item.id.clone()]),
        conditional: item.status == "if_applicable",
        id: item.id,
        person: item.person,
        requirements,
        citation: item.citation,
    }
}

#[derive(Serialize)]
struct CompletenessJson {
    verdict: &'static str,
    counts: CountsJson,
    items: Vec<ItemJson>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct CountsJson {
    satisfied: usize,
    missing: usize,
    invalid: usize,
    needs_review: usize,
}

#[derive(Serialize)]
struct ItemJson {
    id: String,
    person: String,
    title: String,
    citation: String,
    status: &'static str,
    document: Option<String>,
    findings: Vec<FindingJson>,
}

#[derive(Serialize)]
struct FindingJson {
    code: &'static str,
    severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
}

#[derive(Serialize)]
struct SummaryJson {
    language: &'static str,
    direction: &'static str,
    headline: String,
    items: Vec<String>,
}

impl CompletenessJson {
    fn from_report(
        report: &CompletenessReport,
        summary: documents::summary::Summary,
    ) -> CompletenessJson {
        let [satisfied, missing, invalid, needs_review] = report.counts();
        CompletenessJson {
            verdict: match report.verdict {
                Verdict::Complete => "complete",
                Verdict::NeedsReview => "needs_review",
                Verdict::Incomplete => "incomplete",
            },
            counts: CountsJson {
                satisfied,
                missing,
                invalid,
                needs_review,
            },
            items: report
                .items
                .iter()
                .map(|item| {
                    let (status, findings) = match &item.status {
                        ItemStatus::Satisfied => ("satisfied", &[][..]),
                        ItemStatus::Missing => ("missing", &[][..]),
                        ItemStatus::Invalid(findings) => ("invalid", findings.as_slice()),
                        ItemStatus::NeedsReview(findings) => ("needs_review", findings.as_slice()),
                    };
                    ItemJson {
                        id: item.item.id.clone(),
                        person: item.item.person.clone(),
                        title: item.item.title.clone(),
                        citation: item.item.citation.clone(),
                        status,
                        document: item.document_id.clone(),
                        findings: findings.iter().map(FindingJson::from_finding).collect(),
                    }
                })
                .collect(),
            summary: SummaryJson {
                language: summary.language,
                direction: if summary.right_to_left { "rtl" } else { "ltr" },
                headline: summary.headline,
                items: summary.items,
            },
        }
    }
}

impl FindingJson {
    fn from_finding(finding: &Finding) -> FindingJson {
        let detail = match finding {
            Finding::MrzInvalid { codes } => Some(codes.join(",")),
            Finding::MrzContradictsRecord { field } => Some(field.key().to_owned()),
            Finding::NameDiffers { reason } => Some(format!("{reason:?}")),
            Finding::ExpiresTooSoon { months } | Finding::TooOld { months } => {
                Some(format!("{months} months"))
            }
            Finding::TranslationMissing { language } => Some(language.clone()),
            Finding::NumberUsedByAnotherPerson { other_holder } => Some(other_holder.clone()),
            _ => None,
        };
        FindingJson {
            code: finding.code(),
            severity: match finding.severity() {
                Severity::Invalid => "invalid",
                Severity::NeedsReview => "needs_review",
            },
            detail,
        }
    }
}

/// The checklist the rules engine derives for `pathway`, mapped into the documents crate's
/// input type: item id as the accepted document kind, the rules' person key, the title in the
/// summary language, the citation, and the document requirements (copies and notes dropped).
fn rules_checklist(
    pathway: &PathwayJson,
    base: &std::path::Path,
    as_of: rules::Date,
    language: &str,
) -> anyhow::Result<Vec<RequiredDocument>> {
    let folder = if pathway.pack.exists() {
        pathway.pack.clone()
    } else {
        base.join(&pathway.pack)
    };
    let pack = rules::load_pack(&folder)
        .map_err(|errors| anyhow::anyhow!("pack {}: {errors}", folder.display()))?;
    let facts = rules::Facts::from_input(&pack, &pathway.facts)
        .map_err(|error| anyhow::anyhow!("pathway facts: {error}"))?;
    let request = rules::Request {
        pathways: vec![pathway.id.clone()],
        trace: false,
    };
    let evaluation = rules::evaluate(&pack, &facts, as_of, &request)?;
    let mut items = Vec::new();
    for report in &evaluation.pathways {
        if report.result.outcome == rules::Outcome::NotEligible {
            anyhow::bail!(
                "pathway {} is not open to this case: it has no checklist",
                pathway.id
            );
        }
        for entry in &report.checklist {
            let requirements = entry
                .requirements
                .iter()
                .filter_map(|requirement| match requirement {
                    rules::Requirement::IssuedWithinMonths { months } => {
                        Some(DocumentRequirement::IssuedWithinMonths(*months))
                    }
                    rules::Requirement::ValidBeyondTravelMonths { months } => {
                        Some(DocumentRequirement::ValidBeyondTravelMonths(*months))
                    }
                    rules::Requirement::TranslatedInto { language } => {
                        Some(DocumentRequirement::TranslatedInto(language.clone()))
                    }
                    rules::Requirement::Legalised => Some(DocumentRequirement::Legalised),
                    rules::Requirement::Copies { .. } | rules::Requirement::Note { .. } => None,
                })
                .collect();
            items.push(RequiredDocument {
                id: entry.item.id.clone(),
                person: entry.person_name(),
                title: entry.item.title.get(language).to_owned(),
                accepted_kinds: vec![entry.item.id.clone()],
                requirements,
                citation: entry.item.cite.clone(),
                conditional: entry.status == rules::ItemStatus::IfApplicable,
            });
        }
    }
    Ok(items)
}
