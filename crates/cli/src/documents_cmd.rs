//! `corridor mrz …` and `corridor documents …`: MRZ verification and completeness reports.
//!
//! This module owns the JSON shapes of these commands (a stable contract); the `documents`
//! crate stays free of wire formats. `mrz check` never fails on bad zones: each record gets a
//! JSON line with `valid:false` and positioned errors; only unreadable standard input fails.

use std::io::{BufWriter, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use documents::mrz::{
    CheckOutcome, CheckedField, FieldName, Format, Mrz, MrzFields, MrzIssue, MrzOptions, emit_mrz,
    parse_mrz,
};
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
            anyhow::bail!(
                "completeness reports are not implemented yet ({})",
                case.display()
            )
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
