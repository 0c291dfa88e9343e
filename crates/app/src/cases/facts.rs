//! The facts of a case and the eligibility they give.
//!
//! Facts are the pack's own (`facts.yaml`): the form is generated from the pack's definitions and
//! questions, never written per pathway. Each fact is stored with its source (declared by the
//! family, or verified against a document); the whole set is sealed as one JSON document per
//! case. Every change recomputes the pathway with the rules engine and appends an eligibility
//! snapshot (outcome, reasons with citations, ranked missing facts), so the history of what
//! the case looked like, under which pack hash, stays readable. The checklist rows follow the
//! same evaluation (see [`super::documents`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::{Case, EventKind, MemberRole, audit_case, load_for, record_event};
use crate::App;
use crate::audit::AuditAction;
use crate::crypto::FieldContext;
use crate::db::Tx;
use crate::error::{Error, FieldErrors, Result};
use crate::policy::{Action, Actor};
use crate::portal::Localised;
use crate::time::{Millis, new_id, now_millis};

/// Where a fact's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactSource {
    /// Said by the family or the sponsor.
    Declared,
    /// Checked by staff against a document.
    Verified,
}

impl FactSource {
    pub fn as_str(self) -> &'static str {
        match self {
            FactSource::Declared => "declared",
            FactSource::Verified => "verified",
        }
    }
}

/// One stored fact: its value as typed (a bool, a text, or a list of enumeration values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFact {
    pub value: serde_json::Value,
    pub source: FactSource,
}

/// The facts of a case by dotted name (`applicant.married`, `children[0].birth_date`).
pub type FactMap = BTreeMap<String, StoredFact>;

/// A fact as entered: dotted name, value as text (empty: unknown), and whether it was verified.
/// Set facts give their values comma-separated.
#[derive(Debug, Clone, Default)]
pub struct FactEntry {
    pub name: String,
    pub value: String,
    pub verified: bool,
}

/// One question of the generated form.
#[derive(Debug, Clone)]
pub struct FactQuestion {
    /// Dotted name, also the form field name.
    pub name: String,
    pub kind: rules::FactKind,
    /// How a form asks it: `bool`, `choice`, `set`, `date`, `number` or `text`.
    pub widget: &'static str,
    /// The question in the requested language.
    pub question: String,
    pub help: Option<String>,
    /// Allowed values of an enumeration or set fact, with their labels.
    pub choices: Vec<Choice>,
    /// The stored value, as the form shows it.
    pub value: String,
    pub source: Option<FactSource>,
    /// Index into the pack's sections, when it has them.
    pub section: Option<usize>,
    /// Its rank among the facts the pathway's evaluation still needs (0: most decisive).
    pub needed: Option<usize>,
}

/// The fact form of a case, arranged for reading: the questions the evaluation still needs,
/// most decisive first, then every other question in the pack's sections.
#[derive(Debug, Clone, Default)]
pub struct FactForm {
    pub needed: Vec<FactQuestion>,
    pub sections: Vec<FactSection>,
}

/// One section of the form: its title in the requested language and its other questions.
#[derive(Debug, Clone)]
pub struct FactSection {
    pub title: Localised,
    pub questions: Vec<FactQuestion>,
}

impl FactQuestion {
    /// The stored value as people read it: the labels of the chosen values, or the value.
    pub fn value_label(&self) -> String {
        choice_labels(&self.choices, &self.value)
    }
}

/// A reason kept in a snapshot, with its wording in every language the pack gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotReason {
    pub rule: String,
    pub cite: String,
    pub status: String,
    pub text: BTreeMap<String, String>,
}

impl SnapshotReason {
    pub fn text_in(&self, language: &str) -> &str {
        self.text
            .get(language)
            .or_else(|| self.text.get("en"))
            .map_or("", String::as_str)
    }
}

/// What the rules engine said about the case at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EligibilitySnapshot {
    pub id: String,
    pub computed_at: Millis,
    pub pack_hash: String,
    pub as_of: String,
    pub outcome: String,
    pub reasons: Vec<SnapshotReason>,
    /// Dotted names of the facts still worth asking, most decisive first.
    pub missing: Vec<String>,
}

fn facts_context(case_id: &str) -> FieldContext<'_> {
    FieldContext {
        table: "case_facts",
        column: "facts",
        row_id: case_id,
    }
}

/// The stored facts and their version (0 when none were saved yet).
pub(crate) async fn stored(app: &App, case_id: &str) -> Result<(FactMap, i64)> {
    let row = sqlx::query("SELECT facts, version FROM case_facts WHERE case_id = $1")
        .bind(case_id)
        .fetch_optional(&app.db.pool)
        .await?;
    let Some(row) = row else {
        return Ok((FactMap::new(), 0));
    };
    let sealed: Vec<u8> = row.try_get("facts")?;
    let json = app.keyring.open_text(facts_context(case_id), &sealed)?;
    let facts = serde_json::from_str(&json).map_err(Error::internal)?;
    Ok((facts, row.try_get("version")?))
}

/// The people-roles of a case as the pack names them, with the number of children.
pub(crate) async fn child_count(app: &App, case_id: &str) -> Result<usize> {
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM case_members WHERE case_id = $1 AND role = $2")
            .bind(case_id)
            .bind(MemberRole::Child.as_str())
            .fetch_one(&app.db.pool)
            .await?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// Every (role, child index) a fact form asks about.
pub(crate) fn slots(
    definition: &rules::FactDefinition,
    children: usize,
) -> Vec<(rules::Role, usize)> {
    definition
        .roles
        .iter()
        .flat_map(|role| match role {
            rules::Role::Children => (0..children).map(|child| (*role, child)).collect(),
            _ => vec![(*role, 0)],
        })
        .collect()
}

pub(crate) fn dotted(role: rules::Role, child: usize, fact: &str) -> String {
    match role {
        rules::Role::Children => format!("children[{child}].{fact}"),
        _ => format!("{}.{fact}", role.name()),
    }
}

/// One allowed value of an enumeration or set fact: the code the form sends and the pack's
/// label that people read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: Localised,
}

/// The allowed values of an enumeration or set fact with their labels in `language`.
pub(crate) fn choices(
    pack: &rules::Pack,
    definition: &rules::FactDefinition,
    language: &str,
) -> Vec<Choice> {
    let (rules::Type::Enum(index) | rules::Type::Set(index)) = definition.value_type else {
        return Vec::new();
    };
    let Some(enumeration) = pack.enums.get(index) else {
        return Vec::new();
    };
    enumeration
        .values
        .iter()
        .zip(&enumeration.labels)
        .map(|(value, label)| Choice {
            value: value.clone(),
            label: Localised::of(label, language),
        })
        .collect()
}

/// The labels of a stored or typed value of choices (comma-separated for a set), joined for
/// reading; a value that is no choice shows as typed.
pub fn choice_labels(choices: &[Choice], value: &str) -> String {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            choices
                .iter()
                .find(|choice| choice.value == item)
                .map_or(item, |choice| choice.label.text.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn widget(kind: rules::FactKind) -> &'static str {
    match kind {
        rules::FactKind::Bool => "bool",
        rules::FactKind::Enum => "choice",
        rules::FactKind::Set => "set",
        rules::FactKind::Date => "date",
        rules::FactKind::Number | rules::FactKind::Money | rules::FactKind::Duration => "number",
        rules::FactKind::Text => "text",
    }
}

fn shown_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Bool(true) => "yes".to_owned(),
        serde_json::Value::Bool(false) => "no".to_owned(),
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(serde_json::Value::as_str)
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    }
}

/// How a value reached the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// Typed by a person in a form: digits of any script and separators are read as meant
    /// ([`read_by_hand`]).
    ByHand,
    /// Sent by a program (the JSON API): taken exactly as it is.
    Exact,
}

/// A value typed by hand as its fact's kind reads it. In numbers, amounts and durations the
/// Eastern Arabic (٠–٩) and Persian (۰–۹) digits become ASCII digits, the Arabic decimal
/// separator (٫) a point, and thousands separators (٬, spaces, commas) go; in dates only the
/// digits change. Other kinds stay as typed.
pub fn read_by_hand(kind: rules::FactKind, text: &str) -> String {
    use rules::FactKind as K;
    let digits = crate::accounts::password::ascii_digits(text.trim());
    match kind {
        K::Number | K::Money | K::Duration => read_number(&digits),
        K::Date => digits,
        K::Bool | K::Enum | K::Set | K::Text => text.trim().to_owned(),
    }
}

/// A number with ASCII digits as a person wrote it, with one decimal point. A comma is the
/// decimal separator when no point is written and one or two digits end the number after it
/// ("2400,50", as French, Spanish and German readers write); otherwise commas separate
/// thousands ("3,200.50"), as do spaces and the Arabic thousands separator.
fn read_number(digits: &str) -> String {
    let compact: String = digits
        .chars()
        .filter(|c| *c != '\u{066C}' && !c.is_whitespace())
        .map(|c| if c == '\u{066B}' { '.' } else { c })
        .collect();
    match compact.rsplit_once(',') {
        Some((whole, fraction))
            if !compact.contains('.')
                && !whole.contains(',')
                && (1..=2).contains(&fraction.len())
                && fraction.chars().all(|c| c.is_ascii_digit()) =>
        {
            format!("{whole}.{fraction}")
        }
        _ => compact.replace(',', ""),
    }
}

/// Turns a typed value into the stored JSON for the fact's kind, or `None` when it is unknown.
pub(crate) fn typed_value(kind: rules::FactKind, text: &str) -> Option<serde_json::Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(match kind {
        rules::FactKind::Bool => match text {
            "yes" | "true" => serde_json::Value::Bool(true),
            "no" | "false" => serde_json::Value::Bool(false),
            other => serde_json::Value::String(other.to_owned()),
        },
        rules::FactKind::Set => serde_json::Value::Array(
            text.split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| serde_json::Value::String(item.to_owned()))
                .collect(),
        ),
        _ => serde_json::Value::String(text.to_owned()),
    })
}

pub(crate) fn input_of(value: &serde_json::Value) -> rules::Input {
    match value {
        serde_json::Value::Bool(flag) => rules::Input::Bool(*flag),
        serde_json::Value::String(text) => rules::Input::Text(text.clone()),
        serde_json::Value::Array(items) => rules::Input::List(items.iter().map(input_of).collect()),
        _ => rules::Input::Null,
    }
}

/// Splits `children[1].birth_date` into (role, child, fact).
pub(crate) fn parse_dotted(name: &str) -> Option<(rules::Role, usize, &str)> {
    let (role, fact) = name.split_once('.')?;
    if let Some(index) = role
        .strip_prefix("children[")
        .and_then(|rest| rest.strip_suffix(']'))
    {
        return Some((rules::Role::Children, index.parse().ok()?, fact));
    }
    Some((rules::Role::from_name(role)?, 0, fact))
}

/// The rules engine's facts for a case: the stored values, and the children the case file
/// lists (a case without child members has no children).
pub(crate) fn rules_facts(
    pack: &rules::Pack,
    facts: &FactMap,
    children: usize,
) -> Result<rules::Facts> {
    rules_facts_with(pack, facts, Some(children))
}

/// The rules engine's facts from stored values; `None` children means the family has not said
/// yet how many children there are (the engine then asks).
pub(crate) fn rules_facts_with(
    pack: &rules::Pack,
    facts: &FactMap,
    children: Option<usize>,
) -> Result<rules::Facts> {
    let mut typed = rules::Facts::new();
    if children == Some(0) {
        typed.set_absent(rules::Role::Children);
    }
    let children = children.unwrap_or(0);
    for child in 0..children {
        typed.record_mut(pack, rules::Role::Children, child);
    }
    for (name, fact) in facts {
        let Some((role, child, fact_id)) = parse_dotted(name) else {
            continue;
        };
        if role == rules::Role::Children && child >= children {
            continue;
        }
        typed
            .set(pack, role, child, fact_id, &input_of(&fact.value))
            .map_err(Error::internal)?;
    }
    Ok(typed)
}

/// The pack and pathway a case follows.
pub(crate) fn pack_of<'a>(app: &'a App, case: &Case) -> Result<&'a rules::Pack> {
    app.packs
        .pathway(&case.pack_id, &case.pathway_id)
        .map(|(pack, _)| pack)
        .ok_or_else(|| Error::Internal(format!("pack {} is not loaded", case.pack_id)))
}

/// The evaluation of the case's pathway on `as_of`.
pub(crate) fn evaluate<'p>(
    pack: &'p rules::Pack,
    case: &Case,
    facts: &rules::Facts,
    as_of: rules::Date,
) -> Result<Option<rules::PathwayReport<'p>>> {
    let request = rules::Request {
        pathways: vec![case.pathway_id.clone()],
        trace: false,
    };
    let evaluation = rules::evaluate(pack, facts, as_of, &request).map_err(Error::internal)?;
    Ok(evaluation.pathways.into_iter().next())
}

/// The generated form for a case, in `language`: every question of the pack for the case's
/// people, in the pack's order, each with its section and whether the evaluation still needs it.
pub async fn questions(
    app: &App,
    actor: &Actor,
    case_id: &str,
    language: &str,
) -> Result<(Vec<FactQuestion>, i64)> {
    let case = load_for(app, actor, case_id, Action::ViewCases).await?;
    let pack = pack_of(app, &case)?;
    questions_of(app, pack, &case, language).await
}

async fn questions_of(
    app: &App,
    pack: &rules::Pack,
    case: &Case,
    language: &str,
) -> Result<(Vec<FactQuestion>, i64)> {
    let (facts, version) = stored(app, &case.id).await?;
    let children = child_count(app, &case.id).await?;
    let needed = still_needed(pack, case, &facts, children)?;
    let mut questions = Vec::new();
    for definition in &pack.facts {
        for (role, child) in slots(definition, children) {
            let name = dotted(role, child, &definition.id);
            let stored = facts.get(&name);
            questions.push(FactQuestion {
                kind: definition.kind,
                widget: widget(definition.kind),
                question: definition.question_for(role).get(language).to_owned(),
                help: definition
                    .help
                    .as_ref()
                    .map(|help| help.get(language).to_owned()),
                choices: choices(pack, definition, language),
                value: stored
                    .map(|fact| shown_value(&fact.value))
                    .unwrap_or_default(),
                source: stored.map(|fact| fact.source),
                section: definition.section,
                needed: needed.iter().position(|missing| *missing == name),
                name,
            });
        }
    }
    Ok((questions, version))
}

/// The facts the case's pathway still needs today, most decisive first, as dotted names.
fn still_needed(
    pack: &rules::Pack,
    case: &Case,
    facts: &FactMap,
    children: usize,
) -> Result<Vec<String>> {
    let typed = rules_facts(pack, facts, children)?;
    let report = evaluate(pack, case, &typed, rules::today_utc())?;
    Ok(report
        .map(|report| {
            report
                .result
                .missing
                .iter()
                .map(|fact| fact.display(pack).to_string())
                .collect()
        })
        .unwrap_or_default())
}

/// The form of [`questions`], arranged: needed questions first, the rest by section (a pack
/// without sections gives one untitled section).
pub async fn form(
    app: &App,
    actor: &Actor,
    case_id: &str,
    language: &str,
) -> Result<(FactForm, i64)> {
    let case = load_for(app, actor, case_id, Action::ViewCases).await?;
    let pack = pack_of(app, &case)?;
    let (questions, version) = questions_of(app, pack, &case, language).await?;
    Ok((arrange(pack, questions, language), version))
}

fn arrange(pack: &rules::Pack, questions: Vec<FactQuestion>, language: &str) -> FactForm {
    let (mut needed, rest): (Vec<FactQuestion>, Vec<FactQuestion>) = questions
        .into_iter()
        .partition(|question| question.needed.is_some());
    needed.sort_by_key(|question| question.needed);
    let titles: Vec<Localised> = if pack.sections.is_empty() {
        vec![Localised {
            text: String::new(),
            fallback_lang: None,
        }]
    } else {
        pack.sections
            .iter()
            .map(|section| Localised::of(&section.title, language))
            .collect()
    };
    let mut sections: Vec<FactSection> = titles
        .into_iter()
        .map(|title| FactSection {
            title,
            questions: Vec::new(),
        })
        .collect();
    for question in rest {
        let index = question.section.unwrap_or(0);
        if let Some(section) = sections.get_mut(index) {
            section.questions.push(question);
        }
    }
    sections.retain(|section| !section.questions.is_empty());
    FactForm { needed, sections }
}

/// Saves the facts of a case (every entry given replaces the stored one; an empty value makes
/// the fact unknown again), recomputes eligibility and the checklist, and returns the snapshot.
pub async fn save(
    app: &App,
    actor: &Actor,
    case_id: &str,
    expected_version: i64,
    entries: &[FactEntry],
    typing: Typing,
) -> Result<EligibilitySnapshot> {
    let case = load_for(app, actor, case_id, Action::WorkOnCases).await?;
    let (facts, version) = stored(app, &case.id).await?;
    if version != expected_version {
        return Err(Error::Conflict("stale-version"));
    }
    let children = child_count(app, &case.id).await?;
    let mut tx = app.db.begin().await?;
    let snapshot = save_in(
        app,
        &mut tx,
        actor,
        &case,
        StoredFacts {
            facts,
            version,
            children,
        },
        entries,
        typing,
    )
    .await?;
    tx.commit().await?;
    Ok(snapshot)
}

/// What a case holds before a save: its facts, their version (0 when none were saved yet) and
/// how many children the case file lists.
pub(crate) struct StoredFacts {
    pub(crate) facts: FactMap,
    pub(crate) version: i64,
    pub(crate) children: usize,
}

impl StoredFacts {
    /// A case just opened: no facts, no children.
    pub(crate) fn none() -> StoredFacts {
        StoredFacts {
            facts: FactMap::default(),
            version: 0,
            children: 0,
        }
    }
}

/// [`save`] inside the caller's transaction, from facts already read.
pub(crate) async fn save_in(
    app: &App,
    tx: &mut Tx,
    actor: &Actor,
    case: &Case,
    stored: StoredFacts,
    entries: &[FactEntry],
    typing: Typing,
) -> Result<EligibilitySnapshot> {
    let pack = pack_of(app, case)?;
    let StoredFacts {
        mut facts,
        version,
        children,
    } = stored;
    let mut errors = FieldErrors::default();
    let mut changed = Vec::new();
    for entry in entries {
        let definition = parse_dotted(&entry.name).and_then(|(role, child, fact)| {
            pack.fact_slot(fact)
                .map(|(_, definition)| definition)
                .filter(|definition| slots(definition, children).contains(&(role, child)))
        });
        let Some(definition) = definition else {
            errors.add(&entry.name, "error-fact-unknown");
            continue;
        };
        let value = match typing {
            Typing::ByHand => typed_value(
                definition.kind,
                &read_by_hand(definition.kind, &entry.value),
            ),
            Typing::Exact => typed_value(definition.kind, &entry.value),
        };
        let source = if entry.verified {
            FactSource::Verified
        } else {
            FactSource::Declared
        };
        let new = value.map(|value| StoredFact { value, source });
        if let (Some(fact), Some((role, child, fact_id))) = (&new, parse_dotted(&entry.name)) {
            let mut probe = rules::Facts::new();
            if probe
                .set(pack, role, child, fact_id, &input_of(&fact.value))
                .is_err()
            {
                errors.add(&entry.name, "error-fact-value");
                continue;
            }
        }
        if facts.get(&entry.name) != new.as_ref() {
            changed.push(entry.name.clone());
            match new {
                Some(fact) => facts.insert(entry.name.clone(), fact),
                None => facts.remove(&entry.name),
            };
        }
    }
    errors.into_result()?;
    let typed = rules_facts(pack, &facts, children)?;
    let as_of = rules::today_utc();
    let report = evaluate(pack, case, &typed, as_of)?
        .ok_or_else(|| Error::Internal("pathway not evaluated".into()))?;
    let snapshot = snapshot_of(pack, &report, as_of);
    let sealed = app.keyring.seal_text(
        facts_context(&case.id),
        &serde_json::to_string(&facts).map_err(Error::internal)?,
    )?;
    let now = now_millis();
    let written = if version == 0 {
        sqlx::query(
            "INSERT INTO case_facts (case_id, facts, updated_at, version) VALUES ($1, $2, $3, 1) \
             ON CONFLICT (case_id) DO NOTHING",
        )
        .bind(&case.id)
        .bind(sealed)
        .bind(now)
        .execute(&mut **tx)
        .await?
    } else {
        sqlx::query(
            "UPDATE case_facts SET facts = $1, updated_at = $2, version = version + 1 \
             WHERE case_id = $3 AND version = $4",
        )
        .bind(sealed)
        .bind(now)
        .bind(&case.id)
        .bind(version)
        .execute(&mut **tx)
        .await?
    };
    crate::db::expect_one_row(written)?;
    let snapshot = insert_snapshot(tx, case, actor, snapshot).await?;
    super::documents::sync_checklist(tx, case, &report).await?;
    record_event(app, tx, &case.id, actor, EventKind::FactsSaved, None, None).await?;
    audit_case(
        tx,
        actor,
        case,
        AuditAction::CaseFactsSave,
        serde_json::json!({ "changed": changed, "outcome": snapshot.outcome }),
    )
    .await?;
    Ok(snapshot)
}

fn snapshot_of(
    pack: &rules::Pack,
    report: &rules::PathwayReport<'_>,
    as_of: rules::Date,
) -> EligibilitySnapshot {
    EligibilitySnapshot {
        id: new_id(),
        computed_at: now_millis(),
        pack_hash: pack.hash.clone(),
        as_of: as_of.to_string(),
        outcome: report.result.outcome.name().to_owned(),
        reasons: report
            .result
            .because
            .iter()
            .map(|reason| SnapshotReason {
                rule: reason.rule.to_owned(),
                cite: reason.cite.to_owned(),
                status: reason.status.name().to_owned(),
                text: reason.text.by_language.clone(),
            })
            .collect(),
        missing: report
            .result
            .missing
            .iter()
            .map(|fact| fact.display(pack).to_string())
            .collect(),
    }
}

async fn insert_snapshot(
    tx: &mut Tx,
    case: &Case,
    actor: &Actor,
    snapshot: EligibilitySnapshot,
) -> Result<EligibilitySnapshot> {
    sqlx::query(
        "INSERT INTO eligibility_snapshots (id, case_id, computed_at, computed_by, pack_hash, as_of, outcome, reasons, missing) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&snapshot.id)
    .bind(&case.id)
    .bind(snapshot.computed_at)
    .bind(actor.audit_id())
    .bind(&snapshot.pack_hash)
    .bind(&snapshot.as_of)
    .bind(&snapshot.outcome)
    .bind(serde_json::to_string(&snapshot.reasons).map_err(Error::internal)?)
    .bind(serde_json::to_string(&snapshot.missing).map_err(Error::internal)?)
    .execute(&mut **tx)
    .await?;
    Ok(snapshot)
}

/// Every eligibility snapshot of a case, newest first.
pub async fn history(app: &App, actor: &Actor, case_id: &str) -> Result<Vec<EligibilitySnapshot>> {
    let case = load_for(app, actor, case_id, Action::ViewCases).await?;
    history_of(app, &case.id).await
}

/// A case's eligibility snapshots, without a policy check: callers ask first.
pub(crate) async fn history_of(app: &App, case_id: &str) -> Result<Vec<EligibilitySnapshot>> {
    let rows = sqlx::query(
        "SELECT id, computed_at, pack_hash, as_of, outcome, reasons, missing FROM eligibility_snapshots \
         WHERE case_id = $1 ORDER BY computed_at DESC, id DESC",
    )
    .bind(case_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let reasons: String = row.try_get("reasons")?;
            let missing: String = row.try_get("missing")?;
            Ok(EligibilitySnapshot {
                id: row.try_get("id")?,
                computed_at: row.try_get("computed_at")?,
                pack_hash: row.try_get("pack_hash")?,
                as_of: row.try_get("as_of")?,
                outcome: row.try_get("outcome")?,
                reasons: serde_json::from_str(&reasons).map_err(Error::internal)?,
                missing: serde_json::from_str(&missing).map_err(Error::internal)?,
            })
        })
        .collect()
}

/// The question that obtains a missing fact, in `language` (the dotted name when unknown).
pub fn question_for(pack: &rules::Pack, dotted_name: &str, language: &str) -> String {
    if dotted_name == "children" {
        return pack.children_question.get(language).to_owned();
    }
    parse_dotted(dotted_name)
        .and_then(|(role, _, fact)| {
            pack.fact_slot(fact)
                .map(|(_, definition)| definition.question_for(role).get(language).to_owned())
        })
        .unwrap_or_else(|| dotted_name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::read_by_hand;
    use rules::FactKind;

    #[test]
    fn numbers_typed_by_hand_read_in_any_digits_and_with_separators() {
        assert_eq!(read_by_hand(FactKind::Number, "٧٠"), "70");
        assert_eq!(read_by_hand(FactKind::Money, "٣٬٢٠٠٫٥"), "3200.5");
        assert_eq!(read_by_hand(FactKind::Money, "۴۲۰۰"), "4200");
        assert_eq!(read_by_hand(FactKind::Money, " 12 500,00 "), "12500.00");
        assert_eq!(read_by_hand(FactKind::Money, "2400,5"), "2400.5");
        assert_eq!(read_by_hand(FactKind::Money, "3,200"), "3200");
        assert_eq!(read_by_hand(FactKind::Money, "1,234,567.8"), "1234567.8");
        assert_eq!(read_by_hand(FactKind::Duration, "١٢"), "12");
        assert_eq!(read_by_hand(FactKind::Date, "٢٠٢٦-٠١-٣١"), "2026-01-31");
        assert_eq!(
            read_by_hand(FactKind::Enum, " settlement_permit "),
            "settlement_permit"
        );
        assert_eq!(read_by_hand(FactKind::Text, "٧٠ , x"), "٧٠ , x");
    }
}
