//! A loaded, validated rule pack: facts, parameters, lists, computed values, pathways and
//! checklists with every expression resolved and type-checked.
//!
//! Invariant: a `Pack` only exists after [`crate::load_pack`] validated it, so evaluation never
//! meets an unknown name or an ill-typed expression.

use jiff::civil::Date;

use crate::expr::Expr;
use crate::facts::{FactDefinition, Role};
use crate::testing::TestCase;
use crate::text::Text;
use crate::value::{Decimal, RoundingMode, Type, Value};

/// A validated rule pack for one jurisdiction.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Pack id, e.g. `de`.
    pub id: String,
    /// Pack version as declared in `pack.yaml`.
    pub version: String,
    /// BLAKE3 hash over every file of the pack (names and contents), hex; decisions record it.
    pub hash: String,
    /// Display title.
    pub title: Text,
    /// Languages the pack's texts are written in.
    pub languages: Vec<String>,
    /// The language its citations are written in; pages mark them with it.
    pub cite_language: String,
    /// Named enumerations.
    pub enums: Vec<Enumeration>,
    /// Sections that group the questions on forms (empty: one group).
    pub sections: Vec<Section>,
    /// Facts the pack may ask about, in declaration order.
    pub facts: Vec<FactDefinition>,
    /// Question asked when the list of children is unknown.
    pub children_question: Text,
    /// Dated parameters.
    pub parameters: Vec<Parameter>,
    /// Dated lists of codes.
    pub lists: Vec<CodeList>,
    /// Computed values.
    pub values: Vec<ComputedValue>,
    /// Grids (points tables) used by `grid(...)`.
    pub grids: Vec<Grid>,
    /// Pathways.
    pub pathways: Vec<Pathway>,
    /// Document checklists.
    pub checklists: Vec<Checklist>,
    /// Test cases shipped with the pack.
    pub tests: Vec<TestCase>,
}

impl Pack {
    /// The fact called `name`, with its slot index.
    pub fn fact_slot(&self, name: &str) -> Option<(usize, &FactDefinition)> {
        self.facts
            .iter()
            .enumerate()
            .find(|(_, definition)| definition.id == name)
    }

    /// The pathway with this id.
    pub fn pathway(&self, id: &str) -> Option<(usize, &Pathway)> {
        self.pathways
            .iter()
            .enumerate()
            .find(|(_, pathway)| pathway.id == id)
    }

    /// Whether a document checklist covers the pathway with this id: without one, nobody can
    /// know what to bring, so no application is started for it.
    pub fn has_checklist(&self, pathway_id: &str) -> bool {
        self.pathway(pathway_id).is_some_and(|(index, _)| {
            self.checklists
                .iter()
                .any(|checklist| checklist.pathways.contains(&index))
        })
    }

    /// Every user-facing text of the pack: titles, questions, help, conditions, exceptions,
    /// checklist items and their notes (for checks that each is translated).
    pub fn texts(&self) -> Vec<&Text> {
        let mut texts = vec![&self.title, &self.children_question];
        texts.extend(self.sections.iter().map(|section| &section.title));
        texts.extend(
            self.enums
                .iter()
                .flat_map(|enumeration| &enumeration.labels),
        );
        for fact in &self.facts {
            texts.push(&fact.question);
            texts.extend(fact.role_questions.values());
            texts.extend(fact.help.as_ref());
        }
        texts.extend(self.values.iter().filter_map(|value| value.title.as_ref()));
        for pathway in &self.pathways {
            texts.push(&pathway.title);
            texts.extend(pathway.cite_note.as_ref());
            for condition in &pathway.conditions {
                texts.push(&condition.text);
                texts.extend(condition.cite_note.as_ref());
            }
            for exception in &pathway.exceptions {
                texts.push(&exception.text);
                texts.extend(exception.cite_note.as_ref());
            }
        }
        for item in self
            .checklists
            .iter()
            .flat_map(|checklist| &checklist.items)
        {
            texts.push(&item.title);
            texts.extend(item.cite_note.as_ref());
            let requirements = item.requirements.iter().chain(
                item.variants
                    .iter()
                    .flat_map(|(_, requirements)| requirements),
            );
            texts.extend(requirements.filter_map(|requirement| match requirement {
                Requirement::Note { text } => Some(text),
                _ => None,
            }));
        }
        texts
    }

    /// The index of `name` within enumeration `enumeration`.
    pub fn enum_index(&self, enumeration: usize, name: &str) -> Option<u16> {
        let values = &self.enums.get(enumeration)?.values;
        values
            .iter()
            .position(|value| value == name)
            .and_then(|index| u16::try_from(index).ok())
    }

    /// Renders a value for people and for JSON output (numbers as decimal text, enums by name).
    pub fn render_value(&self, value: &Value, value_type: &Type) -> String {
        match (value, value_type) {
            (Value::Bool(flag), _) => flag.to_string(),
            (Value::Number(number), _) => number.to_string(),
            (Value::Date(date), _) => date.to_string(),
            (Value::Text(text), _) => text.to_string(),
            (Value::Enum(index), Type::Enum(enumeration)) => {
                self.enum_name(*enumeration, *index).to_owned()
            }
            (Value::Set(mask), Type::Set(enumeration)) => {
                let names: Vec<&str> = (0..64_u16)
                    .filter(|bit| mask & (1 << bit) != 0)
                    .map(|bit| self.enum_name(*enumeration, bit))
                    .collect();
                names.join(",")
            }
            (Value::Enum(index), _) => index.to_string(),
            (Value::Set(mask), _) => format!("{mask:#x}"),
        }
    }

    fn enum_name(&self, enumeration: usize, index: u16) -> &str {
        self.enums
            .get(enumeration)
            .and_then(|values| values.values.get(usize::from(index)))
            .map_or("?", String::as_str)
    }
}

/// A group of questions on a form, such as "The marriage" or "Household and income".
#[derive(Debug, Clone)]
pub struct Section {
    /// Id that facts name (`section: marriage`).
    pub id: String,
    /// Title, in every language of the pack.
    pub title: Text,
}

/// A named enumeration such as CEFR levels or residence titles.
#[derive(Debug, Clone)]
pub struct Enumeration {
    /// Id used by facts (`enum: cefr_level`).
    pub id: String,
    /// Values in declared order.
    pub values: Vec<String>,
    /// Whether `<`/`>` compare values by their declared order.
    pub ordered: bool,
    /// What each value reads as, in value order (the loader requires one per value, in every
    /// language of the pack).
    pub labels: Vec<Text>,
}

impl Enumeration {
    /// The label of `value`, if it is one of the values.
    pub fn label(&self, value: &str) -> Option<&Text> {
        let index = self.values.iter().position(|known| known == value)?;
        self.labels.get(index)
    }
}

/// A period of validity, both ends inclusive; an absent end is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validity {
    /// First day in force.
    pub from: Option<Date>,
    /// Last day in force.
    pub to: Option<Date>,
}

impl Validity {
    /// Whether `date` falls within the period.
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|from| from <= date) && self.to.is_none_or(|to| date <= to)
    }
}

/// A parameter: a value that changes over time, with its legal source.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// Id (`param.<id>` in expressions).
    pub id: String,
    /// Legal citation.
    pub cite: String,
    /// Official page or law text the value comes from.
    pub source: Option<String>,
    /// The type of every value.
    pub value_type: Type,
    /// Values with their periods, sorted, without overlaps.
    pub values: Vec<(Validity, Value)>,
}

impl Parameter {
    /// The value in force on `date`, with its period.
    pub fn at(&self, date: Date) -> Option<&(Validity, Value)> {
        self.values
            .iter()
            .find(|(validity, _)| validity.contains(date))
    }
}

/// A dated list of codes (e.g. countries whose nationals may enter visa-free).
#[derive(Debug, Clone)]
pub struct CodeList {
    /// Id (`list.<id>` in expressions).
    pub id: String,
    /// Legal citation.
    pub cite: String,
    /// Source page.
    pub source: Option<String>,
    /// Codes with the period each is on the list.
    pub items: Vec<(String, Validity)>,
}

impl CodeList {
    /// Whether `code` is on the list on `date`.
    pub fn contains(&self, code: &str, date: Date) -> bool {
        self.items
            .iter()
            .any(|(item, validity)| item == code && validity.contains(date))
    }
}

/// A named value computed from facts, parameters, grids and other values.
#[derive(Debug, Clone)]
pub struct ComputedValue {
    /// Id (`value.<id>` in expressions).
    pub id: String,
    /// Legal citation.
    pub cite: String,
    /// Display title.
    pub title: Option<Text>,
    /// Period in force; outside it the value is not applicable.
    pub valid: Validity,
    /// How it is computed.
    pub formula: Expr,
    /// Rounding applied to the result.
    pub round: Option<(u32, RoundingMode)>,
    /// The result type.
    pub value_type: Type,
}

/// A grid (points table): rows matching a key, one value per column; rows never overlap.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Id used by `grid('<id>', key[, column])`.
    pub id: String,
    /// Legal citation.
    pub cite: String,
    /// Official page.
    pub source: Option<String>,
    /// Type of the key: a number or an enumeration.
    pub key_type: Type,
    /// Column names, in order; empty when rows have one value.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<TableRow>,
    /// Value when no row matches; without it, no match is an evaluation error.
    pub default: Option<Decimal>,
}

/// One row of a grid.
#[derive(Debug, Clone)]
pub struct TableRow {
    /// Which keys match.
    pub matches: RowKey,
    /// One value per column (or one value).
    pub values: Vec<Decimal>,
    /// Line in the pack file, for messages.
    pub line: usize,
}

/// Keys a grid row matches.
#[derive(Debug, Clone, PartialEq)]
pub enum RowKey {
    /// Numbers from `min` to `max`, inclusive; an absent end is open.
    Range(Option<Decimal>, Option<Decimal>),
    /// One enumeration value.
    Equals(u16),
}

/// The legal strength of a pathway's outcome when all its conditions hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// Not eligible (bottom of the scale).
    NotEligible,
    /// "May be granted": hardship, discretion, quota.
    Discretionary,
    /// "Should be granted": the regular case.
    Likely,
    /// "Must be granted": an entitlement.
    Eligible,
}

/// A pathway: conditions that must all hold, exceptions, and its outcome strength.
#[derive(Debug, Clone)]
pub struct Pathway {
    /// Id, e.g. `de.family.spouse`.
    pub id: String,
    /// Display title.
    pub title: Text,
    /// The provision that creates the pathway.
    pub cite: String,
    /// What the citation refers to, in words, in the pack's languages.
    pub cite_note: Option<Text>,
    /// Outcome when every condition holds.
    pub strength: Strength,
    /// Period in force.
    pub valid: Validity,
    /// Conditions, most gating first.
    pub conditions: Vec<Condition>,
    /// Exceptions: waivers of conditions and outcome overrides.
    pub exceptions: Vec<Exception>,
}

/// One condition of a pathway.
#[derive(Debug, Clone)]
pub struct Condition {
    /// Id within the pathway.
    pub id: String,
    /// `pathway/condition`, used in explanations.
    pub rule_id: String,
    /// Paragraph and sentence of the law.
    pub cite: String,
    /// What the citation refers to, in words, in the pack's languages.
    pub cite_note: Option<Text>,
    /// What the condition requires, in words.
    pub text: Text,
    /// When the condition applies at all; otherwise it is not applicable.
    pub applies_if: Option<Expr>,
    /// The requirement.
    pub requirement: Expr,
    /// Source text of the requirement (for traces).
    pub source: String,
    /// Period in force.
    pub valid: Validity,
}

/// An exception to a pathway's ordinary rule.
#[derive(Debug, Clone)]
pub struct Exception {
    /// Id within the pathway.
    pub id: String,
    /// `pathway/exception`.
    pub rule_id: String,
    /// Paragraph and sentence of the law.
    pub cite: String,
    /// What the citation refers to, in words, in the pack's languages.
    pub cite_note: Option<Text>,
    /// What the exception says, in words.
    pub text: Text,
    /// When it fires.
    pub when: Expr,
    /// Source text of `when`.
    pub source: String,
    /// What it does.
    pub effect: ExceptionEffect,
    /// Period in force.
    pub valid: Validity,
}

/// The effect of an exception.
#[derive(Debug, Clone, PartialEq)]
pub enum ExceptionEffect {
    /// The listed conditions count as met, for an outcome no better than `strength`.
    Waives {
        /// Indexes of waived conditions.
        conditions: Vec<usize>,
        /// Best outcome obtainable through the waiver.
        strength: Strength,
    },
    /// The pathway's outcome is set to `outcome`; among firing overrides, the highest
    /// `priority` wins, and two of equal priority with different outcomes are a conflict.
    Overrides {
        /// The outcome.
        outcome: Strength,
        /// Precedence.
        priority: i32,
    },
    /// An exception to other exceptions: while it fires, they do not apply.
    Cancels {
        /// Indexes of the exceptions it sets aside.
        exceptions: Vec<usize>,
    },
}

/// A document checklist attached to pathways.
#[derive(Debug, Clone)]
pub struct Checklist {
    /// Id.
    pub id: String,
    /// Pathways (indexes) it belongs to.
    pub pathways: Vec<usize>,
    /// Items.
    pub items: Vec<ChecklistItem>,
}

/// One document to bring.
#[derive(Debug, Clone)]
pub struct ChecklistItem {
    /// Id within the checklist.
    pub id: String,
    /// Whose document it is.
    pub person: Role,
    /// Title.
    pub title: Text,
    /// Legal or official source.
    pub cite: String,
    /// What the source is, in words, in the pack's languages.
    pub cite_note: Option<Text>,
    /// When it is needed (`it` is the person); always when absent.
    pub when: Option<Expr>,
    /// Embassies (values of the `post` enumeration) it applies at; all when empty.
    pub posts: Vec<u16>,
    /// Period in force.
    pub valid: Validity,
    /// Requirements on the document.
    pub requirements: Vec<Requirement>,
    /// Per-post replacements of the requirements.
    pub variants: Vec<(Vec<u16>, Vec<Requirement>)>,
}

/// A requirement on a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Requirement {
    /// Issued no more than `months` months before the application.
    IssuedWithinMonths {
        /// Months.
        months: u32,
    },
    /// Valid at least `months` months beyond the planned travel date.
    ValidBeyondTravelMonths {
        /// Months.
        months: u32,
    },
    /// Accompanied by a certified translation into `language`.
    TranslatedInto {
        /// Language code.
        language: String,
    },
    /// Legalised or bearing an apostille.
    Legalised,
    /// Original plus `count` copies.
    Copies {
        /// Number of copies.
        count: u32,
    },
    /// Any other requirement, in words.
    Note {
        /// The requirement.
        text: Text,
    },
}
