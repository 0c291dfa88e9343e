//! `corridor rules …`: validate, test, list and evaluate rule packs.
//!
//! The JSON printed by `corridor rules eval` is a stable contract for other tools; its shape is
//! built here, not in the `rules` crate, so the library stays free of wire formats.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use serde_json::{Value as Json, json};

/// Subcommands of `corridor rules`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum RulesCommand {
    /// Validate packs and run their tests.
    Check {
        /// Pack folders, or folders of packs (default: packs/).
        dirs: Vec<PathBuf>,
    },
    /// List a pack's facts with type, role and question.
    Facts {
        /// Pack folder.
        dir: PathBuf,
        /// Language of the questions.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Evaluate a pack's pathways for one case and print JSON.
    Eval {
        /// Pack folder.
        dir: PathBuf,
        /// Facts file (JSON keyed by role), or - for standard input.
        #[arg(long)]
        facts: String,
        /// Evaluation date YYYY-MM-DD (default: today, UTC).
        #[arg(long = "as-of")]
        as_of: Option<String>,
        /// Only these pathways (repeatable).
        #[arg(long = "pathway")]
        pathways: Vec<String>,
        /// Language of texts.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Add what each rule read (facts, parameters with their periods, values).
        #[arg(long)]
        trace: bool,
    },
}

pub(crate) fn run(command: RulesCommand) -> anyhow::Result<ExitCode> {
    match command {
        RulesCommand::Check { dirs } => check(&dirs),
        RulesCommand::Facts { dir, lang } => list_facts(&dir, &lang),
        RulesCommand::Eval {
            dir,
            facts,
            as_of,
            pathways,
            lang,
            trace,
        } => eval(&EvalArgs {
            dir,
            facts,
            as_of,
            pathways,
            lang,
            trace,
        }),
    }
}

/// The pack folders named by `dirs`: each is a pack (has `pack.yaml`) or holds packs.
fn pack_folders(dirs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let defaults = [PathBuf::from("packs")];
    let dirs = if dirs.is_empty() { &defaults[..] } else { dirs };
    let mut folders = Vec::new();
    for dir in dirs {
        if dir.join("pack.yaml").is_file() {
            folders.push(dir.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.join("pack.yaml").is_file())
            .collect();
        found.sort();
        if found.is_empty() {
            anyhow::bail!(
                "{} is not a pack and holds no pack (no pack.yaml)",
                dir.display()
            );
        }
        folders.extend(found);
    }
    Ok(folders)
}

fn check(dirs: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut passed = 0;
    let mut failed = 0;
    for folder in pack_folders(dirs)? {
        match rules::load_pack(&folder) {
            Err(errors) => {
                for error in &errors.errors {
                    println!("INVALID {error}");
                }
                failed += 1;
            }
            Ok(pack) => {
                let report = rules::run_tests(&pack);
                for failure in &report.failures {
                    println!(
                        "FAIL {}:{} {}",
                        failure.file.display(),
                        failure.line,
                        failure.name
                    );
                    for problem in &failure.problems {
                        println!("    {problem}");
                    }
                }
                println!(
                    "pack {} {}: {} passed, {} failed",
                    pack.id,
                    pack.version,
                    report.passed,
                    report.failures.len()
                );
                passed += report.passed;
                failed += report.failures.len();
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn load(dir: &Path) -> anyhow::Result<rules::Pack> {
    rules::load_pack(dir).map_err(|errors| anyhow::anyhow!("{errors}"))
}

fn list_facts(dir: &Path, language: &str) -> anyhow::Result<ExitCode> {
    let pack = load(dir)?;
    for definition in &pack.facts {
        for role in &definition.roles {
            let name = match role {
                rules::Role::Children => format!("children[].{}", definition.id),
                _ => format!("{}.{}", role.name(), definition.id),
            };
            let question = definition.question_for(*role).get(language);
            print_text(&format!(
                "{name}\t{}\t{}\t{question}",
                type_name(&pack, definition),
                role.name()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn type_name(pack: &rules::Pack, definition: &rules::FactDefinition) -> String {
    let enumeration = |index: &usize| {
        pack.enums
            .get(*index)
            .map_or_else(String::new, |e| e.values.join("|"))
    };
    match &definition.value_type {
        rules::Type::Money(currency) => format!("money({currency})"),
        rules::Type::Enum(index) => format!("enum({})", enumeration(index)),
        rules::Type::Set(index) => format!("set({})", enumeration(index)),
        _ => format!("{:?}", definition.kind).to_lowercase(),
    }
}

struct EvalArgs {
    dir: PathBuf,
    facts: String,
    as_of: Option<String>,
    pathways: Vec<String>,
    lang: String,
    trace: bool,
}

fn eval(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let pack = load(&args.dir)?;
    let as_of = match &args.as_of {
        Some(text) => rules::parse_date(text)
            .with_context(|| format!("--as-of '{text}' is not a date YYYY-MM-DD"))?,
        None => rules::today_utc(),
    };
    let input = read_facts_file(&args.facts)?;
    let facts = match rules::Facts::from_input(&pack, &input) {
        Ok(facts) => facts,
        Err(error) => {
            eprintln!("corridor: invalid facts: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    let request = rules::Request {
        pathways: args.pathways.clone(),
        trace: args.trace,
    };
    let evaluation = rules::evaluate(&pack, &facts, as_of, &request)?;
    let output = evaluation_json(&pack, as_of, &evaluation, &args.lang, args.trace);
    print_text(&serde_json::to_string_pretty(&output)?)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints a line to standard output; a closed pipe (e.g. `| head`) is not an error.
fn print_text(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}") {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn read_facts_file(source: &str) -> anyhow::Result<BTreeMap<String, rules::Input>> {
    let mut text = String::new();
    if source == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read facts from standard input")?;
    } else {
        text = std::fs::read_to_string(source)
            .with_context(|| format!("cannot read facts file {source}"))?;
    }
    serde_json::from_str(&text)
        .with_context(|| format!("facts file {source} is not a JSON object keyed by role"))
}

fn evaluation_json(
    pack: &rules::Pack,
    as_of: rules::Date,
    evaluation: &rules::Evaluation<'_>,
    language: &str,
    trace: bool,
) -> Json {
    let pathways: Vec<Json> = evaluation
        .pathways
        .iter()
        .map(|report| pathway_json(pack, report, language, trace))
        .collect();
    let values: serde_json::Map<String, Json> = evaluation
        .values
        .iter()
        .map(|(definition, value)| {
            (
                definition.id.clone(),
                value_json(pack, value, &definition.value_type),
            )
        })
        .collect();
    json!({
        "pack": {"id": pack.id, "version": pack.version, "hash": pack.hash},
        "as_of": as_of.to_string(),
        "pathways": pathways,
        "values": values,
    })
}

fn pathway_json(
    pack: &rules::Pack,
    report: &rules::PathwayReport<'_>,
    language: &str,
    trace: bool,
) -> Json {
    let result = &report.result;
    let because: Vec<Json> = result
        .because
        .iter()
        .map(|reason| {
            let mut entry = json!({
                "rule": reason.rule,
                "cite": reason.cite,
                "text": reason.text.get(language),
                "key": reason.text.key,
                "status": reason.status.name(),
            });
            if trace && let Some(object) = entry.as_object_mut() {
                object.insert("reads".to_owned(), reads_json(pack, &reason.reads));
            }
            entry
        })
        .collect();
    let missing: Vec<Json> = result
        .missing
        .iter()
        .map(|fact| json!({"fact": fact.display(pack).to_string(), "question": fact.question(pack, language)}))
        .collect();
    let checklist: Vec<Json> = report
        .checklist
        .iter()
        .map(|entry| checklist_json(entry, language))
        .collect();
    json!({
        "id": result.pathway.id,
        "title": result.pathway.title.get(language),
        "outcome": result.outcome.name(),
        "because": because,
        "missing": missing,
        "checklist": checklist,
    })
}

fn checklist_json(entry: &rules::ChecklistEntry<'_>, language: &str) -> Json {
    let requirements: Vec<Json> = entry
        .requirements
        .iter()
        .map(|requirement| requirement_json(requirement, language))
        .collect();
    json!({
        "id": entry.item.id,
        "person": entry.person_name(),
        "title": entry.item.title.get(language),
        "status": entry.status.name(),
        "cite": entry.item.cite,
        "requirements": requirements,
    })
}

fn requirement_json(requirement: &rules::Requirement, language: &str) -> Json {
    let text = requirement.describe(language);
    match requirement {
        rules::Requirement::IssuedWithinMonths { months } => {
            json!({"kind": "issued_within_months", "months": months, "text": text})
        }
        rules::Requirement::ValidBeyondTravelMonths { months } => {
            json!({"kind": "valid_beyond_travel_months", "months": months, "text": text})
        }
        rules::Requirement::TranslatedInto { language: target } => {
            json!({"kind": "translated_into", "language": target, "text": text})
        }
        rules::Requirement::Legalised => json!({"kind": "legalised", "text": text}),
        rules::Requirement::Copies { count } => {
            json!({"kind": "copies", "count": count, "text": text})
        }
        rules::Requirement::Note { .. } => json!({"kind": "note", "text": text}),
    }
}

fn reads_json(pack: &rules::Pack, reads: &[rules::TraceRead]) -> Json {
    let entries: Vec<Json> = reads
        .iter()
        .map(|read| match read {
            rules::TraceRead::Fact(fact, value) => {
                let rendered = match (value, fact.definition(pack)) {
                    (Some(value), Some(definition)) => value_json(pack, value, &definition.value_type),
                    _ => Json::Null,
                };
                json!({"fact": fact.display(pack).to_string(), "value": rendered})
            }
            rules::TraceRead::Parameter(index, validity, value) => {
                let parameter = pack.parameters.get(*index);
                json!({
                    "parameter": parameter.map(|p| p.id.as_str()),
                    "cite": parameter.map(|p| p.cite.as_str()),
                    "value": parameter.map_or(Json::Null, |p| value_json(pack, value, &p.value_type)),
                    "from": validity.from.map(|date| date.to_string()),
                    "to": validity.to.map(|date| date.to_string()),
                })
            }
            rules::TraceRead::Computed(index, result) => {
                let computed = pack.values.get(*index);
                let rendered = match (result, computed) {
                    (rules::Ev::Known(value), Some(definition)) => value_json(pack, value, &definition.value_type),
                    (rules::Ev::Unknown, _) => json!("unknown"),
                    _ => json!("not_applicable"),
                };
                json!({"value": computed.map(|v| v.id.as_str()), "result": rendered})
            }
        })
        .collect();
    Json::Array(entries)
}

/// Numbers as JSON numbers, everything else as text.
fn value_json(pack: &rules::Pack, value: &rules::Value, value_type: &rules::Type) -> Json {
    match value {
        rules::Value::Bool(flag) => Json::Bool(*flag),
        rules::Value::Number(number) => {
            let text = number.to_string();
            serde_json::from_str::<serde_json::Number>(&text)
                .map_or(Json::String(text), Json::Number)
        }
        other => Json::String(pack.render_value(other, value_type)),
    }
}
