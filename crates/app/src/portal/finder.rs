//! The pathway finder: which regular pathways are open to a person, asked one question at a time.
//!
//! No question tree is written by hand: the next question is always the first of the rules
//! engine's ranked missing facts (across the pathways of the chosen purpose) that the person has
//! not answered yet, so the finder stops as soon as every outcome is settled or nothing more can
//! be asked. "I don't know" is an answer too: the fact stays unknown, is not asked again, and
//! shows on the result as something still to find out.
//!
//! The state is a [`FinderState`] that the caller carries (the web layer puts it in the URL):
//! destination pack, purpose, and the answers in the order given. Nothing is stored and nothing
//! is audited here because nothing about the person reaches the server's storage; the answers
//! only become case facts, marked declared, when the person starts an application.

use rules::{FactKind, Outcome, RuleStatus};

use super::Localised;
use crate::App;
use crate::cases::facts::{
    Choice, FactMap, FactSource, StoredFact, choice_labels, choices, input_of, parse_dotted,
    read_by_hand, rules_facts_with, slots, typed_value,
};
use crate::error::{Error, FieldErrors, Result};

/// The name of the answer that gives the number of children under 18.
pub const CHILDREN: &str = "children";
/// At most this many children are asked about one by one.
pub const MAX_CHILDREN: usize = 12;

/// Everything the finder knows: where to, what for, and the answers in the order given.
/// An answer with an empty value means "I don't know".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FinderState {
    pub pack_id: String,
    pub purpose: String,
    pub answers: Vec<(String, String)>,
}

impl FinderState {
    pub fn answer_to(&self, name: &str) -> Option<&str> {
        self.answers
            .iter()
            .find(|(answered, _)| answered == name)
            .map(|(_, value)| value.as_str())
    }

    /// The state with `name` answered `value`: an earlier answer keeps its place, a new one
    /// goes last.
    fn with_answer(&self, name: &str, value: &str) -> FinderState {
        let mut next = self.clone();
        match next
            .answers
            .iter_mut()
            .find(|(answered, _)| answered == name)
        {
            Some(answer) => answer.1 = value.to_owned(),
            None => next.answers.push((name.to_owned(), value.to_owned())),
        }
        next
    }
}

/// A destination: a loaded pack and the purposes its pathways serve.
#[derive(Debug, Clone)]
pub struct Destination {
    pub pack_id: String,
    pub title: Localised,
    pub purposes: Vec<String>,
}

/// The purpose a pathway serves: the middle part of its id (`de.family.spouse` → `family`).
fn purpose_of(pathway_id: &str) -> &str {
    pathway_id.split('.').nth(1).unwrap_or_default()
}

/// Every destination the finder can answer for, with its purposes.
pub fn destinations(app: &App, language: &str) -> Vec<Destination> {
    app.packs
        .packs()
        .iter()
        .map(|pack| {
            let mut purposes: Vec<String> = Vec::new();
            for pathway in &pack.pathways {
                let purpose = purpose_of(&pathway.id);
                if !purpose.is_empty() && !purposes.iter().any(|known| known == purpose) {
                    purposes.push(purpose.to_owned());
                }
            }
            Destination {
                pack_id: pack.id.clone(),
                title: Localised::of(&pack.title, language),
                purposes,
            }
        })
        .collect()
}

/// Checks that the destination and purpose exist; field errors name `destination` and `purpose`.
pub fn check_start(app: &App, pack_id: &str, purpose: &str) -> Result<()> {
    let mut errors = FieldErrors::default();
    match app.packs.get(pack_id) {
        None => errors.add("destination", "portal-error-destination"),
        Some(pack) => {
            if !pack
                .pathways
                .iter()
                .any(|pathway| purpose_of(&pathway.id) == purpose)
            {
                errors.add("purpose", "portal-error-purpose");
            }
        }
    }
    errors.into_result()
}

/// How a question is answered on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    YesNo,
    Choice,
    Several,
    Date,
    Number,
    Money,
    Text,
    /// The number of children under 18.
    Count,
}

impl InputKind {
    fn of(kind: FactKind) -> InputKind {
        match kind {
            FactKind::Money => InputKind::Money,
            FactKind::Bool => InputKind::YesNo,
            FactKind::Enum => InputKind::Choice,
            FactKind::Set => InputKind::Several,
            FactKind::Date => InputKind::Date,
            FactKind::Number | FactKind::Duration => InputKind::Number,
            FactKind::Text => InputKind::Text,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::YesNo => "yes_no",
            InputKind::Choice => "choice",
            InputKind::Several => "several",
            InputKind::Date => "date",
            InputKind::Number => "number",
            InputKind::Money => "money",
            InputKind::Text => "text",
            InputKind::Count => "count",
        }
    }

    /// The message shown when an answer does not fit.
    fn error_key(self) -> &'static str {
        match self {
            InputKind::YesNo | InputKind::Choice | InputKind::Several => "portal-error-choose",
            InputKind::Date => "portal-error-date",
            InputKind::Number | InputKind::Count => "portal-error-number",
            InputKind::Money => "portal-error-money",
            InputKind::Text => "portal-error-text",
        }
    }
}

/// One question as a page shows it.
#[derive(Debug, Clone)]
pub struct FinderQuestion {
    /// Dotted fact name (`applicant.married`, `children[0].birth_date`, or `children`).
    pub name: String,
    pub input: InputKind,
    pub text: Localised,
    pub help: Option<Localised>,
    /// The child the question is about (0-based), for "child 2 of 3".
    pub child: Option<usize>,
    /// The allowed values of a choice, with their labels.
    pub choices: Vec<Choice>,
    /// The answer given so far (empty: none, or "I don't know").
    pub value: String,
}

impl FinderQuestion {
    /// The answer as people read it: the labels of the chosen values, or the value as typed.
    pub fn value_label(&self) -> String {
        choice_labels(&self.choices, &self.value)
    }
}

/// Where the finder goes next.
#[derive(Debug, Clone)]
pub enum Step {
    Ask(FinderQuestion),
    /// Nothing more to ask: time to check the answers.
    Check,
}

fn pack<'a>(app: &'a App, state: &FinderState) -> Result<&'a rules::Pack> {
    check_start(app, &state.pack_id, &state.purpose)?;
    app.packs.get(&state.pack_id).ok_or(Error::NotFound)
}

fn children_count(state: &FinderState) -> Option<usize> {
    state
        .answer_to(CHILDREN)
        .and_then(|value| value.trim().parse().ok())
        .filter(|count| *count <= MAX_CHILDREN)
}

/// The answers that name a fact of the pack (for the counted children) and whose value fits
/// it, as declared facts; anything else in the state, such as a hand-edited link, is left out.
pub(crate) fn fitting_answers(pack: &rules::Pack, state: &FinderState) -> FactMap {
    let children = children_count(state);
    let mut facts = FactMap::new();
    for (name, value) in &state.answers {
        if name == CHILDREN {
            continue;
        }
        let (Some(definition), Some((role, child, fact))) =
            (definition_of(pack, name, children), parse_dotted(name))
        else {
            continue;
        };
        let Some(value) = typed_value(definition.kind, value) else {
            continue;
        };
        if rules::Facts::new()
            .set(pack, role, child, fact, &input_of(&value))
            .is_err()
        {
            continue;
        }
        facts.insert(
            name.clone(),
            StoredFact {
                value,
                source: FactSource::Declared,
            },
        );
    }
    facts
}

/// The known answers as the rules engine's facts.
fn known_facts(pack: &rules::Pack, state: &FinderState) -> Result<rules::Facts> {
    rules_facts_with(pack, &fitting_answers(pack, state), children_count(state))
}

/// The definition of the fact `name` when it names a slot that exists for these children.
fn definition_of<'p>(
    pack: &'p rules::Pack,
    name: &str,
    children: Option<usize>,
) -> Option<&'p rules::FactDefinition> {
    let (role, child, fact) = parse_dotted(name)?;
    let (_, definition) = pack.fact_slot(fact)?;
    slots(definition, children.unwrap_or(0))
        .contains(&(role, child))
        .then_some(definition)
}

fn evaluation<'p>(
    pack: &'p rules::Pack,
    state: &FinderState,
) -> Result<Vec<rules::PathwayReport<'p>>> {
    let facts = known_facts(pack, state)?;
    let request = rules::Request {
        pathways: pack
            .pathways
            .iter()
            .filter(|pathway| purpose_of(&pathway.id) == state.purpose)
            .map(|pathway| pathway.id.clone())
            .collect(),
        trace: false,
    };
    let evaluation =
        rules::evaluate(pack, &facts, rules::today_utc(), &request).map_err(Error::internal)?;
    Ok(evaluation.pathways)
}

fn question_for(
    pack: &rules::Pack,
    state: &FinderState,
    name: &str,
    language: &str,
) -> Option<FinderQuestion> {
    let value = state.answer_to(name).unwrap_or_default().to_owned();
    if name == CHILDREN {
        return Some(FinderQuestion {
            name: name.to_owned(),
            input: InputKind::Count,
            text: Localised::of(&pack.children_question, language),
            help: None,
            child: None,
            choices: Vec::new(),
            value,
        });
    }
    let (role, child, _) = parse_dotted(name)?;
    let definition = definition_of(pack, name, children_count(state))?;
    Some(FinderQuestion {
        name: name.to_owned(),
        input: InputKind::of(definition.kind),
        text: Localised::of(definition.question_for(role), language),
        help: definition
            .help
            .as_ref()
            .map(|help| Localised::of(help, language)),
        child: (role == rules::Role::Children).then_some(child),
        choices: choices(pack, definition, language),
        value,
    })
}

/// The next question, or [`Step::Check`] when nothing more is worth asking.
pub fn next_step(app: &App, state: &FinderState, language: &str) -> Result<Step> {
    let pack = pack(app, state)?;
    let reports = evaluation(pack, state)?;
    let next = rules::rank_missing_across(&reports)
        .into_iter()
        .map(|fact| fact.display(pack).to_string())
        .find(|name| state.answer_to(name).is_none());
    Ok(
        match next.and_then(|name| question_for(pack, state, &name, language)) {
            Some(question) => Step::Ask(question),
            None => Step::Check,
        },
    )
}

/// The question `name` with its current answer, for "change answer" and for "back".
pub fn question(
    app: &App,
    state: &FinderState,
    name: &str,
    language: &str,
) -> Result<FinderQuestion> {
    let pack = pack(app, state)?;
    question_for(pack, state, name, language).ok_or(Error::NotFound)
}

/// The state with `name` answered: `value` as typed, or `None` for "I don't know". An answer
/// that does not fit the question is refused with a field error on `name`.
pub fn answer(
    app: &App,
    state: &FinderState,
    name: &str,
    value: Option<&str>,
) -> Result<FinderState> {
    let pack = pack(app, state)?;
    let Some(typed) = value.map(str::trim) else {
        return Ok(state.with_answer(name, ""));
    };
    // Digits typed on an Arabic or Persian keyboard read as the same digits.
    let kind = match name {
        CHILDREN => Some(rules::FactKind::Number),
        _ => parse_dotted(name)
            .and_then(|(_, _, fact)| pack.fact_slot(fact))
            .map(|(_, definition)| definition.kind),
    };
    let read = kind.map(|kind| read_by_hand(kind, typed));
    let value = read.as_deref().unwrap_or(typed);
    let question = question_for(pack, state, name, "en").ok_or(Error::NotFound)?;
    let fits = if value.is_empty() {
        false
    } else if name == CHILDREN {
        value
            .parse::<usize>()
            .is_ok_and(|count| count <= MAX_CHILDREN)
    } else {
        fits(pack, name, question.input, value)
    };
    if !fits {
        let key = if value.is_empty() {
            "portal-error-required"
        } else {
            question.input.error_key()
        };
        return Err(Error::invalid(name, key));
    }
    Ok(state.with_answer(name, value))
}

fn fits(pack: &rules::Pack, name: &str, input: InputKind, value: &str) -> bool {
    let Some((role, child, fact)) = parse_dotted(name) else {
        return false;
    };
    let Some(definition) = pack.fact_slot(fact).map(|(_, definition)| definition) else {
        return false;
    };
    let Some(typed) = typed_value(definition.kind, value) else {
        return false;
    };
    // Amounts and counts are never negative in the questions a family is asked.
    if matches!(input, InputKind::Number | InputKind::Money) && value.starts_with('-') {
        return false;
    }
    let mut probe = rules::Facts::new();
    probe
        .set(pack, role, child, fact, &input_of(&typed))
        .is_ok()
}

/// Every answer given, in order, with its question: the "check your answers" page.
pub fn answered(app: &App, state: &FinderState, language: &str) -> Result<Vec<FinderQuestion>> {
    let pack = pack(app, state)?;
    Ok(state
        .answers
        .iter()
        .filter_map(|(name, _)| question_for(pack, state, name, language))
        .collect())
}

/// A citation as pages show it: the legal reference in the language it is written in (pages
/// mark it with `lang` when that is not the page's), and the words around it in the reader's.
#[derive(Debug, Clone)]
pub struct Citation {
    pub text: String,
    pub lang: String,
    pub note: Option<Localised>,
}

impl Citation {
    fn of(pack: &rules::Pack, cite: &str, note: Option<&rules::Text>, language: &str) -> Citation {
        Citation {
            text: cite.to_owned(),
            lang: pack.cite_language.clone(),
            note: note.map(|note| Localised::of(note, language)),
        }
    }
}

/// A condition or exception as the result page explains it.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub text: Localised,
    pub cite: Citation,
    /// `held`, `failed`, `waived`, `unknown`, `fired`, ...
    pub status: &'static str,
}

/// One pathway's answer.
#[derive(Debug, Clone)]
pub struct PathwayAnswer {
    pub pathway_id: String,
    pub title: Localised,
    pub cite: Citation,
    pub outcome: &'static str,
    /// Why: the conditions and exceptions that decided it.
    pub because: Vec<Explanation>,
    /// What could change it: exceptions of the pathway that did not apply.
    pub could_change: Vec<Explanation>,
    /// Questions still open that could change it.
    pub to_find_out: Vec<Localised>,
    /// Whether a document checklist can be shown and an application started: the pathway has
    /// a checklist and the outcome is not "not eligible".
    pub has_checklist: bool,
}

/// The outcome of every pathway of the purpose, best first.
pub fn result(app: &App, state: &FinderState, language: &str) -> Result<Vec<PathwayAnswer>> {
    let pack = pack(app, state)?;
    let reports = evaluation(pack, state)?;
    let mut answers: Vec<PathwayAnswer> = reports
        .iter()
        .map(|report| pathway_answer(pack, report, language))
        .collect();
    answers.sort_by_key(|answer| outcome_rank(answer.outcome));
    Ok(answers)
}

fn outcome_rank(outcome: &str) -> usize {
    [
        Outcome::Eligible,
        Outcome::Likely,
        Outcome::Discretionary,
        Outcome::Undetermined,
        Outcome::NotEligible,
    ]
    .iter()
    .position(|known| known.name() == outcome)
    .unwrap_or(usize::MAX)
}

/// Whether an exception can make a pathway reachable: a waiver, or an override to anything
/// better than not eligible (a suspension overrides too, but it never helps).
fn opens_a_way(effect: &rules::ExceptionEffect) -> bool {
    match effect {
        rules::ExceptionEffect::Waives { .. } => true,
        rules::ExceptionEffect::Overrides { outcome, .. } => {
            *outcome != rules::Strength::NotEligible
        }
        rules::ExceptionEffect::Cancels { .. } => false,
    }
}

fn pathway_answer(
    pack: &rules::Pack,
    report: &rules::PathwayReport<'_>,
    language: &str,
) -> PathwayAnswer {
    let result = &report.result;
    let because: Vec<Explanation> = result
        .because
        .iter()
        .filter(|reason| reason.status != RuleStatus::NotApplicable)
        .map(|reason| Explanation {
            text: Localised::of(reason.text, language),
            cite: Citation::of(pack, reason.cite, reason.cite_note, language),
            status: reason.status.name(),
        })
        .collect();
    let could_change = if result.outcome == Outcome::Eligible {
        Vec::new()
    } else {
        result
            .pathway
            .exceptions
            .iter()
            .filter(|exception| {
                opens_a_way(&exception.effect)
                    && !result.because.iter().any(|reason| {
                        reason.rule == exception.rule_id && reason.status == RuleStatus::Fired
                    })
            })
            .map(|exception| Explanation {
                text: Localised::of(&exception.text, language),
                cite: Citation::of(
                    pack,
                    &exception.cite,
                    exception.cite_note.as_ref(),
                    language,
                ),
                status: "possible",
            })
            .collect()
    };
    PathwayAnswer {
        pathway_id: result.pathway.id.clone(),
        title: Localised::of(&result.pathway.title, language),
        cite: Citation::of(
            pack,
            &result.pathway.cite,
            result.pathway.cite_note.as_ref(),
            language,
        ),
        outcome: result.outcome.name(),
        because,
        could_change,
        to_find_out: result
            .missing
            .iter()
            .map(|fact| match fact.definition(pack) {
                Some(definition) => Localised::of(definition.question_for(fact.role), language),
                None => Localised::of(&pack.children_question, language),
            })
            .collect(),
        has_checklist: result.outcome != Outcome::NotEligible
            && pack.has_checklist(&result.pathway.id),
    }
}

/// What a document must satisfy, as a message key and its argument (or the pack's own words).
#[derive(Debug, Clone)]
pub struct DocumentRequirement {
    /// `issued-within`, `valid-beyond-travel`, `translated-into`, `legalised`, `copies`, `note`.
    pub kind: &'static str,
    pub argument: String,
    pub note: Option<Localised>,
}

/// One document for one person.
#[derive(Debug, Clone)]
pub struct ChecklistLine {
    /// Whose: `applicant`, `sponsor`, `children`, ...
    pub person: &'static str,
    pub child: Option<u32>,
    pub title: Localised,
    pub cite: Citation,
    /// `required` or `if_applicable`.
    pub status: &'static str,
    pub requirements: Vec<DocumentRequirement>,
}

/// The personal document checklist of one pathway, with the pathway's title.
pub fn checklist(
    app: &App,
    state: &FinderState,
    pathway_id: &str,
    language: &str,
) -> Result<(Localised, Vec<ChecklistLine>)> {
    let pack = pack(app, state)?;
    let reports = evaluation(pack, state)?;
    let report = reports
        .iter()
        .find(|report| report.result.pathway.id == pathway_id)
        .ok_or(Error::NotFound)?;
    let lines = report
        .checklist
        .iter()
        .map(|entry| ChecklistLine {
            person: entry.person.0.name(),
            child: entry.person.1,
            title: Localised::of(&entry.item.title, language),
            cite: Citation::of(
                pack,
                &entry.item.cite,
                entry.item.cite_note.as_ref(),
                language,
            ),
            status: entry.status.name(),
            requirements: entry
                .requirements
                .iter()
                .map(|requirement| document_requirement(requirement, language))
                .collect(),
        })
        .collect();
    Ok((Localised::of(&report.result.pathway.title, language), lines))
}

fn document_requirement(requirement: &rules::Requirement, language: &str) -> DocumentRequirement {
    let (kind, argument) = match requirement {
        rules::Requirement::IssuedWithinMonths { months } => ("issued-within", months.to_string()),
        rules::Requirement::ValidBeyondTravelMonths { months } => {
            ("valid-beyond-travel", months.to_string())
        }
        rules::Requirement::TranslatedInto { language } => ("translated-into", language.clone()),
        rules::Requirement::Legalised => ("legalised", String::new()),
        rules::Requirement::Copies { count } => ("copies", count.to_string()),
        rules::Requirement::Note { .. } => ("note", String::new()),
    };
    DocumentRequirement {
        kind,
        argument,
        note: match requirement {
            rules::Requirement::Note { text } => Some(Localised::of(text, language)),
            _ => None,
        },
    }
}
