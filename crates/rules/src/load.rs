//! Loading a pack folder: reading the YAML files, checking them and compiling expressions.
//!
//! Every `*.yaml` file below the folder is read in path order; each may hold any of the
//! sections `pack`, `enums`, `facts`, `parameters`, `lists`, `values`, `pathways`,
//! `checklists` and `tests`. Validation collects every problem it finds (types, unknown
//! names, cycles between computed values, missing citations, overlapping grid rows, gaps and
//! overlaps in validity periods, conflicting exceptions) and reports each with file, line and
//! rule id.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::error::{LoadError, LoadErrors};
use crate::expr::{self, CompileError, Expr, Names, Scope};
use crate::facts::{DurationUnit, FactDefinition, FactKind, Input, Role};
use crate::pack::{
    Checklist, ChecklistItem, CodeList, ComputedValue, Condition, Enumeration, Exception,
    ExceptionEffect, Grid, Pack, Parameter, Pathway, Requirement, RowKey, Section, Strength,
    TableRow, Validity,
};
use crate::syntax;
use crate::testing::{TestCase, TestSpec};
use crate::text::Text;
use crate::value::{Decimal, RoundingMode, Type, Value};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: Option<HeaderSpec>,
    #[serde(default)]
    enums: Vec<EnumSpec>,
    #[serde(default)]
    sections: Vec<SectionSpec>,
    #[serde(default)]
    facts: Vec<FactSpec>,
    #[serde(default)]
    parameters: Vec<ParameterSpec>,
    #[serde(default)]
    lists: Vec<ListSpec>,
    #[serde(default)]
    grids: Vec<GridSpec>,
    #[serde(default)]
    values: Vec<ValueSpec>,
    #[serde(default)]
    pathways: Vec<PathwaySpec>,
    #[serde(default)]
    checklists: Vec<ChecklistSpec>,
    #[serde(default)]
    tests: Vec<TestSpec>,
}

fn english() -> String {
    "en".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderSpec {
    id: String,
    version: String,
    title: Text,
    languages: Vec<String>,
    /// The language the citations are written in (`AufenthG §30(1)`: German).
    #[serde(default = "english")]
    cite_language: String,
    children_question: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnumSpec {
    id: String,
    values: Vec<String>,
    #[serde(default)]
    ordered: bool,
    /// What each value reads as, in every language of the pack.
    #[serde(default)]
    labels: BTreeMap<String, Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionSpec {
    id: String,
    title: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactSpec {
    id: String,
    on: Vec<Role>,
    #[serde(rename = "type")]
    kind: FactKind,
    currency: Option<String>,
    unit: Option<DurationUnit>,
    #[serde(rename = "enum")]
    enumeration: Option<String>,
    question: Text,
    #[serde(default)]
    questions: BTreeMap<Role, Text>,
    help: Option<Text>,
    /// The section of the pack the question belongs to, when the pack has sections.
    section: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum ParameterKind {
    Number,
    Money,
    Date,
    Text,
    Bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterSpec {
    id: String,
    #[serde(rename = "type")]
    kind: ParameterKind,
    currency: Option<String>,
    cite: String,
    source: Option<String>,
    values: Vec<DatedValueSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatedValueSpec {
    from: Date,
    to: Option<Date>,
    value: Input,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListSpec {
    id: String,
    cite: String,
    source: Option<String>,
    items: Vec<ListItemSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListItemSpec {
    code: String,
    from: Option<Date>,
    to: Option<Date>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueSpec {
    id: String,
    cite: String,
    title: Option<Text>,
    #[serde(default)]
    valid: Validity,
    expr: String,
    round: Option<RoundSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundSpec {
    places: u32,
    mode: RoundingMode,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GridSpec {
    id: String,
    cite: String,
    source: Option<String>,
    /// `number`, or the id of an enumeration.
    key: String,
    #[serde(default)]
    columns: Vec<String>,
    rows: Vec<RowSpec>,
    default: Option<Input>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RowSpec {
    min: Option<Input>,
    max: Option<Input>,
    is: Option<String>,
    value: Input,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathwaySpec {
    id: String,
    title: Text,
    cite: String,
    /// What the citation refers to, in words, in every language of the pack.
    cite_note: Option<Text>,
    strength: Strength,
    #[serde(default)]
    valid: Validity,
    conditions: Vec<ConditionSpec>,
    #[serde(default)]
    exceptions: Vec<ExceptionSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionSpec {
    id: String,
    cite: String,
    /// What the citation refers to, in words, in every language of the pack.
    cite_note: Option<Text>,
    text: Text,
    applies_if: Option<String>,
    expr: String,
    #[serde(default)]
    valid: Validity,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExceptionSpec {
    id: String,
    cite: String,
    /// What the citation refers to, in words, in every language of the pack.
    cite_note: Option<Text>,
    text: Text,
    when: String,
    #[serde(default)]
    waives: Vec<String>,
    #[serde(default)]
    cancels: Vec<String>,
    strength: Option<Strength>,
    outcome: Option<Strength>,
    #[serde(default)]
    priority: i32,
    #[serde(default)]
    valid: Validity,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistSpec {
    id: String,
    pathways: Vec<String>,
    items: Vec<ItemSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemSpec {
    id: String,
    person: Role,
    title: Text,
    cite: String,
    /// What the citation refers to, in words, in every language of the pack.
    cite_note: Option<Text>,
    when: Option<String>,
    #[serde(default)]
    posts: Vec<String>,
    #[serde(default)]
    valid: Validity,
    #[serde(default)]
    requirements: Vec<Requirement>,
    #[serde(default)]
    variants: Vec<VariantSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantSpec {
    posts: Vec<String>,
    requirements: Vec<Requirement>,
}

/// One file's text and parsed sections.
struct SourceFile {
    path: PathBuf,
    text: String,
    parsed: PackFile,
}

/// Loads and validates the pack in `folder`.
pub fn load_pack(folder: &Path) -> Result<Pack, LoadErrors> {
    let mut problems = Problems::default();
    let files = read_files(folder, &mut problems);
    let hash = hash_files(folder, &files);
    let pack = Builder::new(&files, &mut problems).build(hash);
    match (pack, problems.errors.is_empty()) {
        (Some(pack), true) => Ok(pack),
        _ => Err(LoadErrors {
            errors: problems.errors,
        }),
    }
}

/// Loads a pack from in-memory files `(name, text)`, as the fuzz target and tests do.
pub fn load_pack_from_texts(files: &[(&str, &str)]) -> Result<Pack, LoadErrors> {
    let mut problems = Problems::default();
    let sources: Vec<SourceFile> = files
        .iter()
        .filter_map(|(name, text)| {
            parse_file(PathBuf::from(name), (*text).to_owned(), &mut problems)
        })
        .collect();
    let hash = hash_files(Path::new(""), &sources);
    let pack = Builder::new(&sources, &mut problems).build(hash);
    match (pack, problems.errors.is_empty()) {
        (Some(pack), true) => Ok(pack),
        _ => Err(LoadErrors {
            errors: problems.errors,
        }),
    }
}

#[derive(Default)]
struct Problems {
    errors: Vec<LoadError>,
}

impl Problems {
    fn add(&mut self, file: &Path, line: usize, rule: Option<&str>, message: impl Into<String>) {
        self.errors.push(LoadError {
            file: file.to_owned(),
            line,
            rule: rule.map(str::to_owned),
            message: message.into(),
        });
    }
}

fn read_files(folder: &Path, problems: &mut Problems) -> Vec<SourceFile> {
    let mut paths = Vec::new();
    collect_yaml(folder, &mut paths, problems);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| match std::fs::read_to_string(&path) {
            Ok(text) => parse_file(path, text, problems),
            Err(error) => {
                problems.add(&path, 0, None, format!("cannot read: {error}"));
                None
            }
        })
        .collect()
}

fn collect_yaml(folder: &Path, paths: &mut Vec<PathBuf>, problems: &mut Problems) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => return problems.add(folder, 0, None, format!("cannot read folder: {error}")),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_yaml(&path, paths, problems);
        } else if path
            .extension()
            .is_some_and(|extension| extension == "yaml" || extension == "yml")
        {
            paths.push(path);
        }
    }
}

fn parse_file(path: PathBuf, text: String, problems: &mut Problems) -> Option<SourceFile> {
    if text.trim().is_empty() {
        return Some(SourceFile {
            path,
            text,
            parsed: PackFile::default(),
        });
    }
    match serde_norway::from_str::<PackFile>(&text) {
        Ok(parsed) => Some(SourceFile { path, text, parsed }),
        Err(error) => {
            let line = error.location().map_or(0, |location| location.line());
            problems.add(&path, line, None, error.to_string());
            None
        }
    }
}

fn hash_files(folder: &Path, files: &[SourceFile]) -> String {
    let mut hasher = blake3::Hasher::new();
    for file in files {
        let relative = file.path.strip_prefix(folder).unwrap_or(&file.path);
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update(&[0]);
        hasher.update(file.text.as_bytes());
        hasher.update(&[0]);
    }
    hasher.finalize().to_hex().to_string()
}

/// The 1-based line where `id` is declared (`id: <id>`), searching from line `after`.
fn line_of(text: &str, id: &str, after: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(after.saturating_sub(1))
        .find(|(_, line)| {
            let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
            trimmed
                .strip_prefix("id:")
                .map(|rest| rest.trim().trim_matches(['"', '\'']))
                == Some(id)
                || trimmed
                    .strip_prefix("name:")
                    .map(|rest| rest.trim().trim_matches(['"', '\'']))
                    == Some(id)
        })
        .map_or(after, |(index, _)| index + 1)
}

/// A declaration's place: file index and line.
#[derive(Clone, Copy)]
struct Place {
    file: usize,
    line: usize,
}

struct Builder<'a> {
    files: &'a [SourceFile],
    problems: &'a mut Problems,
    enums: Vec<Enumeration>,
    facts: Vec<FactDefinition>,
    parameters: Vec<Parameter>,
    lists: Vec<CodeList>,
    grids: Vec<Grid>,
    value_specs: Vec<(&'a ValueSpec, Place)>,
    values: Vec<Option<ComputedValue>>,
    value_state: Vec<ValueState>,
    /// The languages the pack declares.
    languages: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueState {
    Pending,
    InProgress,
    Done,
    Failed,
}

impl<'a> Builder<'a> {
    fn new(files: &'a [SourceFile], problems: &'a mut Problems) -> Self {
        Builder {
            files,
            problems,
            enums: Vec::new(),
            facts: Vec::new(),
            parameters: Vec::new(),
            lists: Vec::new(),
            grids: Vec::new(),
            value_specs: Vec::new(),
            values: Vec::new(),
            value_state: Vec::new(),
            languages: Vec::new(),
        }
    }

    fn file(&self, index: usize) -> &'a SourceFile {
        &self.files[index]
    }

    fn report(&mut self, place: Place, rule: &str, message: impl Into<String>) {
        let path = self.files[place.file].path.clone();
        self.problems.add(&path, place.line, Some(rule), message);
    }

    fn place(&self, file: usize, id: &str, after: usize) -> Place {
        Place {
            file,
            line: line_of(&self.files[file].text, id, after),
        }
    }

    fn build(mut self, hash: String) -> Option<Pack> {
        let header = self.header()?;
        self.languages.clone_from(&header.languages);
        self.check_text(&header.title, Place { file: 0, line: 1 }, &header.id);
        self.collect_enums(&header.languages);
        let sections = self.collect_sections(&header.languages);
        self.collect_facts(&sections);
        self.collect_parameters();
        self.collect_lists();
        self.grids = self.collect_grids();
        self.collect_values();
        let values = self.values.iter().flatten().cloned().collect::<Vec<_>>();
        let pathways = self.collect_pathways();
        let checklists = self.collect_checklists(&pathways);
        let tests = self.collect_tests(&pathways);
        Some(Pack {
            id: header.id.clone(),
            version: header.version.clone(),
            hash,
            title: header.title.clone(),
            languages: header.languages.clone(),
            cite_language: header.cite_language.clone(),
            enums: self.enums,
            sections,
            facts: self.facts,
            children_question: header.children_question.clone(),
            parameters: self.parameters,
            lists: self.lists,
            values,
            grids: self.grids,
            pathways,
            checklists,
            tests,
        })
    }

    fn header(&mut self) -> Option<&'a HeaderSpec> {
        let headers: Vec<(usize, &'a HeaderSpec)> = self
            .files
            .iter()
            .enumerate()
            .filter_map(|(index, file)| file.parsed.pack.as_ref().map(|h| (index, h)))
            .collect();
        match headers.as_slice() {
            [(_, header)] => Some(header),
            [] => {
                let path = self
                    .files
                    .first()
                    .map_or_else(PathBuf::new, |file| file.path.clone());
                self.problems.add(
                    &path,
                    0,
                    None,
                    "no file has a 'pack:' header (id, version, title, languages)",
                );
                None
            }
            [_, (file, header), ..] => {
                self.report(
                    Place {
                        file: *file,
                        line: 1,
                    },
                    &header.id,
                    "more than one 'pack:' header",
                );
                None
            }
        }
    }

    fn check_text(&mut self, text: &Text, place: Place, rule: &str) {
        if !text.by_language.contains_key("en") {
            self.report(
                place,
                rule,
                format!("text '{}' has no English (en) wording", text.key),
            );
        }
    }

    fn check_cite(&mut self, cite: &str, place: Place, rule: &str) {
        if cite.trim().is_empty() {
            self.report(place, rule, "missing citation (cite)");
        }
    }

    /// Words around a citation are read in every language the pack declares.
    fn check_cite_note(&mut self, note: Option<&Text>, place: Place, rule: &str) {
        let Some(note) = note else {
            return;
        };
        for language in self.languages.clone() {
            if !note.by_language.contains_key(&language) {
                self.report(
                    place,
                    rule,
                    format!("the citation note '{}' has no {language} wording", note.key),
                );
            }
        }
    }

    fn check_validity(&mut self, validity: &Validity, place: Place, rule: &str) {
        if let (Some(from), Some(to)) = (validity.from, validity.to)
            && to < from
        {
            self.report(
                place,
                rule,
                format!("validity ends ({to}) before it starts ({from})"),
            );
        }
    }

    fn check_unique<'i>(
        &mut self,
        seen: &mut BTreeSet<&'i str>,
        id: &'i str,
        place: Place,
        what: &str,
    ) {
        if !seen.insert(id) {
            self.report(place, id, format!("duplicate {what} id"));
        }
    }

    fn collect_enums(&mut self, languages: &[String]) {
        let mut seen = BTreeSet::new();
        for (file_index, file) in self.files.iter().enumerate() {
            for spec in &file.parsed.enums {
                let place = self.place(file_index, &spec.id, 1);
                self.check_unique(&mut seen, &spec.id, place, "enumeration");
                if spec.values.is_empty() || spec.values.len() > 64 {
                    self.report(place, &spec.id, "an enumeration needs 1 to 64 values");
                }
                let distinct: BTreeSet<&String> = spec.values.iter().collect();
                if distinct.len() != spec.values.len() {
                    self.report(place, &spec.id, "duplicate enumeration value");
                }
                let labels = self.enum_labels(spec, languages, place);
                self.enums.push(Enumeration {
                    id: spec.id.clone(),
                    values: spec.values.clone(),
                    ordered: spec.ordered,
                    labels,
                });
            }
        }
    }

    /// The label of every value, in value order. A value without a label, a label in fewer
    /// languages than the pack declares, or a label for no value is a problem: people never
    /// read a raw code.
    fn enum_labels(&mut self, spec: &EnumSpec, languages: &[String], place: Place) -> Vec<Text> {
        for named in spec.labels.keys() {
            if !spec.values.contains(named) {
                self.report(
                    place,
                    &spec.id,
                    format!("label for '{named}', which is not a value"),
                );
            }
        }
        spec.values
            .iter()
            .map(|value| match spec.labels.get(value) {
                Some(label) => {
                    for language in languages {
                        if !label.by_language.contains_key(language) {
                            self.report(
                                place,
                                &spec.id,
                                format!("the label of '{value}' has no {language} wording"),
                            );
                        }
                    }
                    label.clone()
                }
                None => {
                    self.report(place, &spec.id, format!("value '{value}' has no label"));
                    Text {
                        key: format!("{}.{value}", spec.id),
                        by_language: BTreeMap::new(),
                    }
                }
            })
            .collect()
    }

    /// The sections questions are grouped in, with titles in every language of the pack.
    fn collect_sections(&mut self, languages: &[String]) -> Vec<Section> {
        let mut seen = BTreeSet::new();
        let mut sections = Vec::new();
        for (file_index, file) in self.files.iter().enumerate() {
            for spec in &file.parsed.sections {
                let place = self.place(file_index, &spec.id, 1);
                self.check_unique(&mut seen, &spec.id, place, "section");
                for language in languages {
                    if !spec.title.by_language.contains_key(language) {
                        self.report(
                            place,
                            &spec.id,
                            format!("the section title has no {language} wording"),
                        );
                    }
                }
                sections.push(Section {
                    id: spec.id.clone(),
                    title: spec.title.clone(),
                });
            }
        }
        sections
    }

    /// The section a fact names: required when the pack has sections, unknown ones refused.
    fn fact_section(
        &mut self,
        spec: &FactSpec,
        sections: &[Section],
        place: Place,
    ) -> Option<usize> {
        match &spec.section {
            Some(id) => {
                let index = sections.iter().position(|section| &section.id == id);
                if index.is_none() {
                    self.report(place, &spec.id, format!("unknown section '{id}'"));
                }
                index
            }
            None => {
                if !sections.is_empty() {
                    self.report(
                        place,
                        &spec.id,
                        "the pack has sections: name this fact's 'section'",
                    );
                }
                None
            }
        }
    }

    fn collect_facts(&mut self, sections: &[Section]) {
        let mut seen = BTreeSet::new();
        for (file_index, file) in self.files.iter().enumerate() {
            for spec in &file.parsed.facts {
                let place = self.place(file_index, &spec.id, 1);
                self.check_unique(&mut seen, &spec.id, place, "fact");
                let section = self.fact_section(spec, sections, place);
                self.check_text(&spec.question, place, &spec.id);
                for text in spec.questions.values().chain(spec.help.iter()) {
                    self.check_text(text, place, &spec.id);
                }
                if spec.on.is_empty() {
                    self.report(place, &spec.id, "a fact needs at least one role in 'on'");
                }
                let value_type = self.fact_type(spec, place);
                self.facts.push(FactDefinition {
                    id: spec.id.clone(),
                    roles: spec.on.clone(),
                    kind: spec.kind,
                    value_type,
                    unit: spec.unit,
                    question: spec.question.clone(),
                    role_questions: spec.questions.clone(),
                    help: spec.help.clone(),
                    section,
                    defined_at: (file.path.display().to_string(), place.line),
                });
            }
        }
    }

    fn fact_type(&mut self, spec: &FactSpec, place: Place) -> Type {
        let enumeration = |builder: &mut Self| match spec
            .enumeration
            .as_deref()
            .map(|id| builder.enums.iter().position(|e| e.id == id))
        {
            Some(Some(index)) => index,
            Some(None) => {
                builder.report(
                    place,
                    &spec.id,
                    format!(
                        "unknown enumeration '{}'",
                        spec.enumeration.as_deref().unwrap_or("")
                    ),
                );
                0
            }
            None => {
                builder.report(
                    place,
                    &spec.id,
                    "enum and set facts need 'enum: <enumeration id>'",
                );
                0
            }
        };
        match spec.kind {
            FactKind::Bool => Type::Bool,
            FactKind::Number => Type::Number,
            FactKind::Duration => {
                if spec.unit.is_none() {
                    self.report(
                        place,
                        &spec.id,
                        "duration facts need 'unit: days|months|years'",
                    );
                }
                Type::Number
            }
            FactKind::Money => match &spec.currency {
                Some(currency) => Type::Money(currency.as_str().into()),
                None => {
                    self.report(place, &spec.id, "money facts need 'currency'");
                    Type::Number
                }
            },
            FactKind::Date => Type::Date,
            FactKind::Text => Type::Text,
            FactKind::Enum => Type::Enum(enumeration(self)),
            FactKind::Set => Type::Set(enumeration(self)),
        }
    }

    fn collect_parameters(&mut self) {
        let mut seen = BTreeSet::new();
        for (file_index, file) in self.files.iter().enumerate() {
            for spec in &file.parsed.parameters {
                let place = self.place(file_index, &spec.id, 1);
                self.check_unique(&mut seen, &spec.id, place, "parameter");
                self.check_cite(&spec.cite, place, &spec.id);
                let value_type = match (spec.kind, &spec.currency) {
                    (ParameterKind::Money, Some(currency)) => Type::Money(currency.as_str().into()),
                    (ParameterKind::Money, None) => {
                        self.report(place, &spec.id, "money parameters need 'currency'");
                        Type::Number
                    }
                    (ParameterKind::Number, _) => Type::Number,
                    (ParameterKind::Date, _) => Type::Date,
                    (ParameterKind::Text, _) => Type::Text,
                    (ParameterKind::Bool, _) => Type::Bool,
                };
                let values = self.dated_values(spec, place);
                self.parameters.push(Parameter {
                    id: spec.id.clone(),
                    cite: spec.cite.clone(),
                    source: spec.source.clone(),
                    value_type,
                    values,
                });
            }
        }
    }

    fn dated_values(&mut self, spec: &ParameterSpec, place: Place) -> Vec<(Validity, Value)> {
        let mut values = Vec::new();
        if spec.values.is_empty() {
            self.report(place, &spec.id, "a parameter needs at least one value");
        }
        for (index, dated) in spec.values.iter().enumerate() {
            let next_from = spec.values.get(index + 1).map(|next| next.from);
            if let Some(next) = next_from
                && next <= dated.from
            {
                self.report(
                    place,
                    &spec.id,
                    format!(
                        "values must be in date order without overlap ({next} is not after {})",
                        dated.from
                    ),
                );
            }
            let to = match (dated.to, next_from) {
                (Some(to), Some(next)) if crate::dates::add_days(to, 1) != Some(next) => {
                    let problem = if to >= next {
                        "overlaps"
                    } else {
                        "leaves a gap before"
                    };
                    self.report(
                        place,
                        &spec.id,
                        format!("value ending {to} {problem} the value from {next}"),
                    );
                    Some(to)
                }
                (Some(to), _) => Some(to),
                (None, Some(next)) => crate::dates::add_days(next, -1),
                (None, None) => None,
            };
            let validity = Validity {
                from: Some(dated.from),
                to,
            };
            self.check_validity(&validity, place, &spec.id);
            match parameter_value(spec.kind, &dated.value) {
                Some(value) => values.push((validity, value)),
                None => self.report(
                    place,
                    &spec.id,
                    format!("value from {} is not a {:?}", dated.from, spec.kind).to_lowercase(),
                ),
            }
        }
        values
    }

    fn collect_lists(&mut self) {
        let mut seen = BTreeSet::new();
        for (file_index, file) in self.files.iter().enumerate() {
            for spec in &file.parsed.lists {
                let place = self.place(file_index, &spec.id, 1);
                self.check_unique(&mut seen, &spec.id, place, "list");
                self.check_cite(&spec.cite, place, &spec.id);
                let items: Vec<(String, Validity)> = spec
                    .items
                    .iter()
                    .map(|item| {
                        (
                            item.code.clone(),
                            Validity {
                                from: item.from,
                                to: item.to,
                            },
                        )
                    })
                    .collect();
                for (index, (code, validity)) in items.iter().enumerate() {
                    self.check_validity(validity, place, &spec.id);
                    let overlapping =
                        items.iter().skip(index + 1).any(|(other, other_validity)| {
                            other == code && periods_overlap(validity, other_validity)
                        });
                    if overlapping {
                        self.report(
                            place,
                            &spec.id,
                            format!("code '{code}' is listed twice for overlapping periods"),
                        );
                    }
                }
                self.lists.push(CodeList {
                    id: spec.id.clone(),
                    cite: spec.cite.clone(),
                    source: spec.source.clone(),
                    items,
                });
            }
        }
    }

    fn collect_values(&mut self) {
        let mut seen = BTreeSet::new();
        for (file_index, file) in self.files.iter().enumerate() {
            for spec in &file.parsed.values {
                let place = self.place(file_index, &spec.id, 1);
                self.check_unique(&mut seen, &spec.id, place, "value");
                self.value_specs.push((spec, place));
            }
        }
        self.values = vec![None; self.value_specs.len()];
        self.value_state = vec![ValueState::Pending; self.value_specs.len()];
        for index in 0..self.value_specs.len() {
            self.compile_value(index);
        }
    }

    fn compile_value(&mut self, index: usize) {
        if self.value_state[index] != ValueState::Pending {
            return;
        }
        self.value_state[index] = ValueState::InProgress;
        let (spec, place) = self.value_specs[index];
        self.check_cite(&spec.cite, place, &spec.id);
        self.check_validity(&spec.valid, place, &spec.id);
        let formula = self.expression(&spec.expr, place, &spec.id, Scope::Case);
        let Some((formula, value_type)) = formula else {
            self.value_state[index] = ValueState::Failed;
            return;
        };
        if spec.round.is_some() && !matches!(value_type, Type::Number | Type::Money(_)) {
            self.report(place, &spec.id, "only numbers can be rounded");
        }
        self.values[index] = Some(ComputedValue {
            id: spec.id.clone(),
            cite: spec.cite.clone(),
            title: spec.title.clone(),
            valid: spec.valid,
            formula,
            round: spec
                .round
                .as_ref()
                .map(|round| (round.places.min(4), round.mode)),
            value_type,
        });
        self.value_state[index] = ValueState::Done;
    }

    fn collect_grids(&mut self) -> Vec<Grid> {
        let mut seen = BTreeSet::new();
        let mut grids = Vec::new();
        for file_index in 0..self.files.len() {
            let file = self.file(file_index);
            for spec in &file.parsed.grids {
                let place = self.place(file_index, &spec.id, 1);
                self.check_unique(&mut seen, &spec.id, place, "grid");
                self.check_cite(&spec.cite, place, &spec.id);
                if let Some(grid) = self.grid(spec, place) {
                    grids.push(grid);
                }
            }
        }
        grids
    }

    fn grid(&mut self, spec: &GridSpec, place: Place) -> Option<Grid> {
        let id = spec.id.as_str();
        let key_type = if spec.key == "number" {
            Type::Number
        } else {
            match self
                .enums
                .iter()
                .position(|enumeration| enumeration.id == spec.key)
            {
                Some(index) => Type::Enum(index),
                None => {
                    self.report(
                        place,
                        id,
                        format!(
                            "grid key '{}' is neither 'number' nor an enumeration",
                            spec.key
                        ),
                    );
                    return None;
                }
            }
        };
        let mut rows = Vec::new();
        for (row_index, row) in spec.rows.iter().enumerate() {
            let row_number = row_index + 1;
            let matches = match (&key_type, &row.is, &row.min, &row.max) {
                (Type::Enum(enumeration), Some(name), None, None) => match self.enums[*enumeration]
                    .values
                    .iter()
                    .position(|v| v == name)
                {
                    Some(position) => RowKey::Equals(u16::try_from(position).unwrap_or(u16::MAX)),
                    None => {
                        self.report(
                            place,
                            id,
                            format!(
                                "row {row_number}: '{name}' is not a value of {}",
                                self.enums[*enumeration].id
                            ),
                        );
                        continue;
                    }
                },
                (Type::Number, None, min, max) => {
                    let bound = |input: &Option<Input>| input.as_ref().map(input_decimal);
                    match (bound(min), bound(max)) {
                        (Some(None), _) | (_, Some(None)) => {
                            self.report(
                                place,
                                id,
                                format!("row {row_number}: min and max must be numbers"),
                            );
                            continue;
                        }
                        (min, max) => RowKey::Range(min.flatten(), max.flatten()),
                    }
                }
                _ => {
                    self.report(place, id, format!("row {row_number}: use 'is' for enumeration keys and 'min'/'max' for numbers"));
                    continue;
                }
            };
            let Some(values) = self.row_values(&row.value, &spec.columns, place, id, row_number)
            else {
                continue;
            };
            rows.push(TableRow {
                matches,
                values,
                line: place.line,
            });
        }
        self.check_rows_disjoint(&rows, place, id);
        let default = match &spec.default {
            Some(input) => match input_decimal(input) {
                Some(number) => Some(number),
                None => {
                    self.report(place, id, "a grid's default must be a number");
                    None
                }
            },
            None => None,
        };
        Some(Grid {
            id: spec.id.clone(),
            cite: spec.cite.clone(),
            source: spec.source.clone(),
            key_type,
            columns: spec.columns.clone(),
            rows,
            default,
        })
    }

    fn row_values(
        &mut self,
        value: &Input,
        columns: &[String],
        place: Place,
        id: &str,
        row: usize,
    ) -> Option<Vec<Decimal>> {
        match (value, columns.is_empty()) {
            (Input::Map(map), false) => {
                let names: BTreeSet<&String> = map.keys().collect();
                if names != columns.iter().collect() {
                    self.report(
                        place,
                        id,
                        format!(
                            "row {row}: needs exactly the columns {}",
                            columns.join(", ")
                        ),
                    );
                    return None;
                }
                let values: Option<Vec<Decimal>> = columns
                    .iter()
                    .map(|column| map.get(column).and_then(input_decimal))
                    .collect();
                if values.is_none() {
                    self.report(place, id, format!("row {row}: values must be numbers"));
                }
                values
            }
            (single, true) => match input_decimal(single) {
                Some(number) => Some(vec![number]),
                None => {
                    self.report(place, id, format!("row {row}: value must be a number"));
                    None
                }
            },
            _ => {
                self.report(
                    place,
                    id,
                    format!(
                        "row {row}: give one value per column ({})",
                        columns.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn check_rows_disjoint(&mut self, rows: &[TableRow], place: Place, id: &str) {
        for (index, row) in rows.iter().enumerate() {
            for (other_index, other) in rows.iter().enumerate().skip(index + 1) {
                let overlap = match (&row.matches, &other.matches) {
                    (RowKey::Equals(a), RowKey::Equals(b)) => a == b,
                    (RowKey::Range(a_min, a_max), RowKey::Range(b_min, b_max)) => {
                        let starts_before_other_ends = match (a_min, b_max) {
                            (Some(a_min), Some(b_max)) => a_min <= b_max,
                            _ => true,
                        };
                        let other_starts_before_end = match (b_min, a_max) {
                            (Some(b_min), Some(a_max)) => b_min <= a_max,
                            _ => true,
                        };
                        starts_before_other_ends && other_starts_before_end
                    }
                    _ => false,
                };
                if overlap {
                    self.report(
                        place,
                        id,
                        format!("grid rows {} and {} overlap", index + 1, other_index + 1),
                    );
                }
            }
        }
    }

    fn expression(
        &mut self,
        source: &str,
        place: Place,
        rule: &str,
        scope: Scope,
    ) -> Option<(Expr, Type)> {
        let parsed = match syntax::parse(source) {
            Ok(parsed) => parsed,
            Err(error) => {
                self.report(place, rule, format!("in '{source}': {error}"));
                return None;
            }
        };
        match expr::compile(&parsed, self, scope) {
            Ok(compiled) => Some(compiled),
            Err(CompileError { message, position }) => {
                self.report(
                    place,
                    rule,
                    format!("in '{source}' at column {}: {message}", position + 1),
                );
                None
            }
        }
    }

    fn condition_expression(
        &mut self,
        source: &str,
        place: Place,
        rule: &str,
        scope: Scope,
    ) -> Option<Expr> {
        let (expr, value_type) = self.expression(source, place, rule, scope)?;
        if value_type != Type::Bool {
            self.report(place, rule, format!("'{source}' must be true or false"));
            return None;
        }
        Some(expr)
    }

    fn collect_pathways(&mut self) -> Vec<Pathway> {
        let mut seen = BTreeSet::new();
        let mut pathways = Vec::new();
        for file_index in 0..self.files.len() {
            let file = self.file(file_index);
            for spec in &file.parsed.pathways {
                let place = self.place(file_index, &spec.id, 1);
                self.check_unique(&mut seen, &spec.id, place, "pathway");
                if let Some(pathway) = self.pathway(spec, file_index, place) {
                    pathways.push(pathway);
                }
            }
        }
        pathways
    }

    fn pathway(&mut self, spec: &PathwaySpec, file_index: usize, place: Place) -> Option<Pathway> {
        self.check_cite(&spec.cite, place, &spec.id);
        self.check_cite_note(spec.cite_note.as_ref(), place, &spec.id);
        self.check_text(&spec.title, place, &spec.id);
        self.check_validity(&spec.valid, place, &spec.id);
        if spec.strength == Strength::NotEligible {
            self.report(
                place,
                &spec.id,
                "a pathway's strength is eligible, likely or discretionary",
            );
        }
        let mut seen = BTreeSet::new();
        let mut conditions = Vec::new();
        let mut failed = false;
        for condition in &spec.conditions {
            let rule_id = format!("{}/{}", spec.id, condition.id);
            let condition_place = self.place(file_index, &condition.id, place.line);
            self.check_unique(&mut seen, &condition.id, condition_place, "condition");
            self.check_cite(&condition.cite, condition_place, &rule_id);
            self.check_cite_note(condition.cite_note.as_ref(), condition_place, &rule_id);
            self.check_text(&condition.text, condition_place, &rule_id);
            self.check_validity(&condition.valid, condition_place, &rule_id);
            let applies_if = condition.applies_if.as_ref().map(|source| {
                self.condition_expression(source, condition_place, &rule_id, Scope::Case)
            });
            let requirement =
                self.condition_expression(&condition.expr, condition_place, &rule_id, Scope::Case);
            let (applies_if, Some(requirement)) = (applies_if, requirement) else {
                failed = true;
                continue;
            };
            let applies_if = match applies_if {
                Some(Some(expr)) => Some(expr),
                Some(None) => {
                    failed = true;
                    continue;
                }
                None => None,
            };
            conditions.push(Condition {
                id: condition.id.clone(),
                rule_id,
                cite: condition.cite.clone(),
                cite_note: condition.cite_note.clone(),
                text: condition.text.clone(),
                applies_if,
                requirement,
                source: condition.expr.clone(),
                valid: condition.valid,
            });
        }
        let exceptions = self.exceptions(spec, &conditions, &mut seen, file_index, place)?;
        if failed {
            return None;
        }
        Some(Pathway {
            id: spec.id.clone(),
            title: spec.title.clone(),
            cite: spec.cite.clone(),
            cite_note: spec.cite_note.clone(),
            strength: spec.strength,
            valid: spec.valid,
            conditions,
            exceptions,
        })
    }

    fn exceptions<'s>(
        &mut self,
        spec: &'s PathwaySpec,
        conditions: &[Condition],
        seen: &mut BTreeSet<&'s str>,
        file_index: usize,
        place: Place,
    ) -> Option<Vec<Exception>> {
        let mut failed = false;
        let mut exceptions = Vec::new();
        for exception in &spec.exceptions {
            let rule_id = format!("{}/{}", spec.id, exception.id);
            let exception_place = self.place(file_index, &exception.id, place.line);
            self.check_unique(
                seen,
                &exception.id,
                exception_place,
                "condition or exception",
            );
            self.check_cite(&exception.cite, exception_place, &rule_id);
            self.check_cite_note(exception.cite_note.as_ref(), exception_place, &rule_id);
            self.check_text(&exception.text, exception_place, &rule_id);
            self.check_validity(&exception.valid, exception_place, &rule_id);
            let Some(when) =
                self.condition_expression(&exception.when, exception_place, &rule_id, Scope::Case)
            else {
                failed = true;
                continue;
            };
            let effect = match (
                exception.waives.is_empty(),
                exception.cancels.is_empty(),
                exception.outcome,
            ) {
                (false, true, None) => {
                    let mut waived = Vec::new();
                    for target in &exception.waives {
                        match conditions
                            .iter()
                            .position(|condition| &condition.id == target)
                        {
                            Some(index) => waived.push(index),
                            None => self.report(
                                exception_place,
                                &rule_id,
                                format!("waives unknown condition '{target}'"),
                            ),
                        }
                    }
                    ExceptionEffect::Waives {
                        conditions: waived,
                        strength: exception.strength.unwrap_or(spec.strength),
                    }
                }
                (true, false, None) => {
                    let mut cancelled = Vec::new();
                    for target in &exception.cancels {
                        let earlier = spec.exceptions.iter().position(|other| &other.id == target);
                        match earlier {
                            Some(index) if spec.exceptions[index].cancels.is_empty() => {
                                cancelled.push(index)
                            }
                            Some(_) => self.report(
                                exception_place,
                                &rule_id,
                                format!(
                                    "'{target}' itself cancels exceptions; chains are not allowed"
                                ),
                            ),
                            None => self.report(
                                exception_place,
                                &rule_id,
                                format!("cancels unknown exception '{target}'"),
                            ),
                        }
                    }
                    ExceptionEffect::Cancels {
                        exceptions: cancelled,
                    }
                }
                (true, true, Some(outcome)) => ExceptionEffect::Overrides {
                    outcome,
                    priority: exception.priority,
                },
                _ => {
                    self.report(exception_place, &rule_id, "an exception does exactly one of: 'waives' conditions, 'cancels' exceptions, or sets an 'outcome'");
                    continue;
                }
            };
            exceptions.push(Exception {
                id: exception.id.clone(),
                rule_id,
                cite: exception.cite.clone(),
                cite_note: exception.cite_note.clone(),
                text: exception.text.clone(),
                when,
                source: exception.when.clone(),
                effect,
                valid: exception.valid,
            });
        }
        self.check_override_conflicts(&exceptions, file_index, place);
        if failed {
            return None;
        }
        Some(exceptions)
    }

    /// Overrides of equal priority with different outcomes and the same condition can only
    /// conflict: that is detectable now. Other equal-priority pairs are checked when they fire.
    fn check_override_conflicts(
        &mut self,
        exceptions: &[Exception],
        file_index: usize,
        place: Place,
    ) {
        for (index, first) in exceptions.iter().enumerate() {
            for second in exceptions.iter().skip(index + 1) {
                if let (
                    ExceptionEffect::Overrides {
                        outcome: a,
                        priority: p,
                    },
                    ExceptionEffect::Overrides {
                        outcome: b,
                        priority: q,
                    },
                ) = (&first.effect, &second.effect)
                    && p == q
                    && a != b
                    && (first.source == second.source || first.when == second.when)
                {
                    let conflict_place = self.place(file_index, &second.id, place.line);
                    self.report(
                        conflict_place,
                        &second.rule_id,
                        format!(
                            "conflicts with '{}': same condition and priority, different outcomes",
                            first.rule_id
                        ),
                    );
                }
            }
        }
    }

    fn collect_checklists(&mut self, pathways: &[Pathway]) -> Vec<Checklist> {
        let post_enum =
            self.facts
                .iter()
                .find(|fact| fact.id == "post")
                .and_then(|fact| match fact.value_type {
                    Type::Enum(index) => Some(index),
                    _ => None,
                });
        let mut checklists = Vec::new();
        let mut seen = BTreeSet::new();
        for file_index in 0..self.files.len() {
            let file = self.file(file_index);
            for spec in &file.parsed.checklists {
                let place = self.place(file_index, &spec.id, 1);
                self.check_unique(&mut seen, &spec.id, place, "checklist");
                let mut pathway_indexes = Vec::new();
                for id in &spec.pathways {
                    match pathways.iter().position(|pathway| &pathway.id == id) {
                        Some(index) => pathway_indexes.push(index),
                        None => self.report(place, &spec.id, format!("unknown pathway '{id}'")),
                    }
                }
                let mut item_ids = BTreeSet::new();
                let items = spec
                    .items
                    .iter()
                    .filter_map(|item| {
                        let item_place = self.place(file_index, &item.id, place.line);
                        self.check_unique(&mut item_ids, &item.id, item_place, "checklist item");
                        self.item(
                            item,
                            post_enum,
                            item_place,
                            &format!("{}/{}", spec.id, item.id),
                        )
                    })
                    .collect();
                checklists.push(Checklist {
                    id: spec.id.clone(),
                    pathways: pathway_indexes,
                    items,
                });
            }
        }
        checklists
    }

    fn item(
        &mut self,
        spec: &ItemSpec,
        post_enum: Option<usize>,
        place: Place,
        rule: &str,
    ) -> Option<ChecklistItem> {
        self.check_cite(&spec.cite, place, rule);
        self.check_cite_note(spec.cite_note.as_ref(), place, rule);
        self.check_text(&spec.title, place, rule);
        self.check_validity(&spec.valid, place, rule);
        let when = match &spec.when {
            Some(source) => Some(self.condition_expression(source, place, rule, Scope::Person)?),
            None => None,
        };
        let post_indexes = |builder: &mut Self, posts: &[String]| -> Vec<u16> {
            posts
                .iter()
                .filter_map(|post| {
                    let index = post_enum.and_then(|enumeration| {
                        builder.enums[enumeration]
                            .values
                            .iter()
                            .position(|value| value == post)
                    });
                    if index.is_none() {
                        builder.report(
                            place,
                            rule,
                            format!("'{post}' is not a value of the case fact 'post'"),
                        );
                    }
                    index.and_then(|index| u16::try_from(index).ok())
                })
                .collect()
        };
        let posts = post_indexes(self, &spec.posts);
        let variants = spec
            .variants
            .iter()
            .map(|variant| {
                (
                    post_indexes(self, &variant.posts),
                    variant.requirements.clone(),
                )
            })
            .collect();
        Some(ChecklistItem {
            id: spec.id.clone(),
            person: spec.person,
            title: spec.title.clone(),
            cite: spec.cite.clone(),
            cite_note: spec.cite_note.clone(),
            when,
            posts,
            valid: spec.valid,
            requirements: spec.requirements.clone(),
            variants,
        })
    }

    fn collect_tests(&mut self, pathways: &[Pathway]) -> Vec<TestCase> {
        let mut tests: Vec<TestCase> = Vec::new();
        for (file_index, file) in self.files.iter().enumerate() {
            for spec in &file.parsed.tests {
                let place = self.place(file_index, &spec.name, 1);
                let mut spec = spec.clone();
                if tests.iter().any(|test| test.spec.name == spec.name) {
                    self.report(place, &spec.name, "duplicate test name");
                }
                if let Some(base) = spec.extends.clone() {
                    match tests.iter().find(|test| test.spec.name == base) {
                        Some(base) => spec.input = merge_input(&base.spec.input, &spec.input),
                        None => self.report(
                            place,
                            &spec.name,
                            format!("extends unknown (or later) test '{base}'"),
                        ),
                    }
                }
                for pathway in spec.outcome.keys() {
                    if !pathways.iter().any(|candidate| &candidate.id == pathway) {
                        self.report(
                            place,
                            &spec.name,
                            format!("test names unknown pathway '{pathway}'"),
                        );
                    }
                }
                tests.push(TestCase {
                    spec,
                    file: file.path.clone(),
                    line: place.line,
                });
            }
        }
        tests
    }
}

impl Names for Builder<'_> {
    fn enumerations(&self) -> &[Enumeration] {
        &self.enums
    }

    fn fact(&self, name: &str) -> Option<(usize, Type, Vec<Role>)> {
        self.facts
            .iter()
            .enumerate()
            .find(|(_, fact)| fact.id == name)
            .map(|(index, fact)| (index, fact.value_type.clone(), fact.roles.clone()))
    }

    fn parameter(&self, id: &str) -> Option<(usize, Type)> {
        self.parameters
            .iter()
            .enumerate()
            .find(|(_, parameter)| parameter.id == id)
            .map(|(index, p)| (index, p.value_type.clone()))
    }

    fn grid(&self, id: &str) -> Option<(usize, Type, bool)> {
        self.grids
            .iter()
            .enumerate()
            .find(|(_, grid)| grid.id == id)
            .map(|(index, grid)| (index, grid.key_type.clone(), !grid.columns.is_empty()))
    }

    fn list_items(&self, list: usize) -> Vec<(String, Validity)> {
        self.lists
            .get(list)
            .map(|list| list.items.clone())
            .unwrap_or_default()
    }

    fn list(&self, id: &str) -> Option<usize> {
        self.lists.iter().position(|list| list.id == id)
    }

    fn computed(&mut self, id: &str) -> Result<(usize, Type), String> {
        let Some(index) = self.value_specs.iter().position(|(spec, _)| spec.id == id) else {
            return Err(format!("unknown value '{id}'"));
        };
        match self.value_state[index] {
            ValueState::InProgress => {
                return Err(format!("value '{id}' depends on itself (cycle)"));
            }
            ValueState::Pending => self.compile_value(index),
            ValueState::Done | ValueState::Failed => {}
        }
        match &self.values[index] {
            Some(value) => Ok((index, value.value_type.clone())),
            None => Err(format!("value '{id}' has errors")),
        }
    }
}

fn periods_overlap(a: &Validity, b: &Validity) -> bool {
    let a_starts_before_b_ends = match (a.from, b.to) {
        (Some(from), Some(to)) => from <= to,
        _ => true,
    };
    let b_starts_before_a_ends = match (b.from, a.to) {
        (Some(from), Some(to)) => from <= to,
        _ => true,
    };
    a_starts_before_b_ends && b_starts_before_a_ends
}

fn input_decimal(input: &Input) -> Option<Decimal> {
    match input {
        Input::Integer(value) => Decimal::from_int(*value),
        Input::Float(value) => Decimal::parse(&value.to_string()),
        Input::Text(text) => Decimal::parse(text),
        _ => None,
    }
}

fn parameter_value(kind: ParameterKind, input: &Input) -> Option<Value> {
    match (kind, input) {
        (ParameterKind::Number | ParameterKind::Money, input) => {
            input_decimal(input).map(Value::Number)
        }
        (ParameterKind::Date, Input::Text(text)) => text.parse::<Date>().ok().map(Value::Date),
        (ParameterKind::Text, Input::Text(text)) => Some(Value::Text(text.as_str().into())),
        (ParameterKind::Bool, Input::Bool(flag)) => Some(Value::Bool(*flag)),
        _ => None,
    }
}

/// `base` with the roles and facts of `overrides` put over it (a role given as `null` or a
/// list replaces the base role whole).
fn merge_input(
    base: &BTreeMap<String, Input>,
    overrides: &BTreeMap<String, Input>,
) -> BTreeMap<String, Input> {
    let mut merged = base.clone();
    for (role, value) in overrides {
        match (merged.get_mut(role), value) {
            (Some(Input::Map(existing)), Input::Map(facts)) => {
                for (fact, fact_value) in facts {
                    existing.insert(fact.clone(), fact_value.clone());
                }
            }
            _ => {
                merged.insert(role.clone(), value.clone());
            }
        }
    }
    merged
}
