//! Fact definitions, the facts known about one case, and conversion from untyped input.
//!
//! A fact lives on an entity role: `applicant`, `sponsor`, `spouse`, `household`, `case`, or
//! each of the `children`. A fact that was not given is *unknown*; a role given as `null`
//! (e.g. `"spouse": null`: there is no spouse) makes its facts *not applicable*. Nothing is
//! ever defaulted.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;

use crate::pack::Pack;
use crate::text::Text;
use crate::value::{Decimal, Type, Value};

/// The entity roles facts can belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The person applying.
    Applicant,
    /// The person in the destination country whom the applicant joins.
    Sponsor,
    /// The applicant's spouse or partner, when they travel or count too.
    Spouse,
    /// The household as a whole (income, living space).
    Household,
    /// The application itself (dates, embassy, declarations).
    Case,
    /// Each child in the `children` list.
    Children,
}

impl Role {
    /// Every role, in the order used for storage.
    pub const ALL: [Role; 6] = [
        Role::Applicant,
        Role::Sponsor,
        Role::Spouse,
        Role::Household,
        Role::Case,
        Role::Children,
    ];

    /// The role's name as written in packs and facts files.
    pub fn name(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Sponsor => "sponsor",
            Role::Spouse => "spouse",
            Role::Household => "household",
            Role::Case => "case",
            Role::Children => "children",
        }
    }

    /// The role called `name`.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// How a fact's value is written in input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// `true`/`false`.
    Bool,
    /// A whole or decimal number.
    Number,
    /// A decimal amount in the fact's currency, e.g. `"2400.50"`.
    Money,
    /// `YYYY-MM-DD`.
    Date,
    /// A whole number of the fact's duration unit.
    Duration,
    /// One of the values of the fact's enumeration.
    Enum,
    /// A list of values of the fact's enumeration.
    Set,
    /// Free text or a code.
    Text,
}

/// The unit of a duration fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// Days.
    Days,
    /// Calendar months.
    Months,
    /// Calendar years.
    Years,
}

/// One fact a pack may ask about.
#[derive(Debug, Clone)]
pub struct FactDefinition {
    /// Name of the fact within its roles, e.g. `birth_date`.
    pub id: String,
    /// Roles that carry this fact.
    pub roles: Vec<Role>,
    /// How the value is written.
    pub kind: FactKind,
    /// The static type used by expressions.
    pub value_type: Type,
    /// Unit of a duration fact.
    pub unit: Option<DurationUnit>,
    /// The question asked to obtain it, with per-role wording where it differs.
    pub question: Text,
    /// Role-specific questions (e.g. the sponsor's birth date).
    pub role_questions: BTreeMap<Role, Text>,
    /// Help text shown next to the question.
    pub help: Option<Text>,
    /// Index into [`Pack::sections`], when the pack groups its questions.
    pub section: Option<usize>,
    /// Where it is defined (file, line).
    pub defined_at: (String, usize),
}

impl FactDefinition {
    /// The question for this fact on `role`.
    pub fn question_for(&self, role: Role) -> &Text {
        self.role_questions.get(&role).unwrap_or(&self.question)
    }
}

/// A reference to one fact of one person: `applicant.birth_date`, `children[1].birth_date`,
/// or the children list itself (`children`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactRef {
    /// The role.
    pub role: Role,
    /// The child's index for [`Role::Children`].
    pub child: Option<u32>,
    /// Index into [`Pack::facts`]; `None` means the children list itself.
    pub fact: Option<u32>,
}

impl FactRef {
    /// The dotted name, e.g. `children[0].birth_date`.
    pub fn display<'p>(&self, pack: &'p Pack) -> FactRefDisplay<'p> {
        FactRefDisplay {
            fact_ref: *self,
            pack,
        }
    }

    /// The definition of the fact referred to, or `None` for the children list.
    pub fn definition<'p>(&self, pack: &'p Pack) -> Option<&'p FactDefinition> {
        self.fact.and_then(|index| pack.facts.get(index as usize))
    }

    /// The question that obtains this fact, in `language`.
    pub fn question<'p>(&self, pack: &'p Pack, language: &str) -> &'p str {
        match self.definition(pack) {
            Some(definition) => definition.question_for(self.role).get(language),
            None => pack.children_question.get(language),
        }
    }
}

/// Displays a [`FactRef`] with the pack's fact names.
#[derive(Debug)]
pub struct FactRefDisplay<'p> {
    fact_ref: FactRef,
    pack: &'p Pack,
}

impl fmt::Display for FactRefDisplay<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.fact_ref.role.name())?;
        if let Some(child) = self.fact_ref.child {
            write!(formatter, "[{child}]")?;
        }
        if let Some(definition) = self.fact_ref.definition(self.pack) {
            write!(formatter, ".{}", definition.id)?;
        }
        Ok(())
    }
}

/// The facts of one person or group: one slot per fact of the pack.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    slots: Vec<Option<Value>>,
}

impl Record {
    /// A record with every fact unknown.
    pub fn unknown(pack: &Pack) -> Record {
        Record {
            slots: vec![None; pack.facts.len()],
        }
    }

    /// The value of fact `slot`, if known.
    pub fn get(&self, slot: usize) -> Option<&Value> {
        self.slots.get(slot).and_then(Option::as_ref)
    }

    /// Sets fact `slot` (no type check: use [`Facts::set`] for checked input).
    pub fn set(&mut self, slot: usize, value: Option<Value>) {
        if let Some(entry) = self.slots.get_mut(slot) {
            *entry = value;
        }
    }
}

/// Whether a role is present in the case.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence<T> {
    /// Not said (its facts are unknown).
    Unknown,
    /// Said not to exist (its facts are not applicable).
    Absent,
    /// Present with these facts.
    Present(T),
}

/// Everything known about one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    records: [Presence<Record>; 5],
    children: Presence<Vec<Record>>,
    nobody: Record,
}

impl Facts {
    /// Facts with every role unknown.
    pub fn new() -> Facts {
        Facts {
            records: [
                Presence::Unknown,
                Presence::Unknown,
                Presence::Unknown,
                Presence::Unknown,
                Presence::Unknown,
            ],
            children: Presence::Unknown,
            nobody: Record::default(),
        }
    }

    /// A record with every fact unknown, for a person whose role is not yet known.
    pub fn unknown_record(&self) -> &Record {
        &self.nobody
    }

    /// The record of a single-person role (not [`Role::Children`]).
    pub fn record(&self, role: Role) -> &Presence<Record> {
        self.records.get(role.index()).unwrap_or(&Presence::Unknown)
    }

    /// The children, if known.
    pub fn children(&self) -> &Presence<Vec<Record>> {
        &self.children
    }

    /// Marks a role as not existing in this case (e.g. no spouse, no children).
    pub fn set_absent(&mut self, role: Role) {
        match role {
            Role::Children => self.children = Presence::Present(Vec::new()),
            _ => {
                if let Some(record) = self.records.get_mut(role.index()) {
                    *record = Presence::Absent;
                }
            }
        }
    }

    /// The record of `role` (child `child` for children), created if needed.
    pub fn record_mut(&mut self, pack: &Pack, role: Role, child: usize) -> Option<&mut Record> {
        if role == Role::Children {
            if !matches!(self.children, Presence::Present(_)) {
                self.children = Presence::Present(Vec::new());
            }
            let Presence::Present(children) = &mut self.children else {
                return None;
            };
            while children.len() <= child {
                children.push(Record::unknown(pack));
            }
            return children.get_mut(child);
        }
        let slot = self.records.get_mut(role.index())?;
        if !matches!(slot, Presence::Present(_)) {
            *slot = Presence::Present(Record::unknown(pack));
        }
        match slot {
            Presence::Present(record) => Some(record),
            _ => None,
        }
    }

    /// Sets one fact from untyped input, checking the role, the fact name and the type.
    pub fn set(
        &mut self,
        pack: &Pack,
        role: Role,
        child: usize,
        fact: &str,
        input: &Input,
    ) -> Result<(), FactsError> {
        let name = || match role {
            Role::Children => format!("children[{child}].{fact}"),
            _ => format!("{}.{fact}", role.name()),
        };
        let (slot, definition) = pack
            .fact_slot(fact)
            .filter(|(_, definition)| definition.roles.contains(&role))
            .ok_or_else(|| FactsError::UnknownFact { fact: name() })?;
        let value =
            convert_input(pack, definition, input).map_err(|expected| FactsError::WrongType {
                fact: name(),
                expected,
            })?;
        if let Some(record) = self.record_mut(pack, role, child) {
            record.set(slot, value);
        }
        Ok(())
    }

    /// Builds facts from an untyped tree keyed by role (as read from JSON or YAML).
    pub fn from_input(pack: &Pack, input: &BTreeMap<String, Input>) -> Result<Facts, FactsError> {
        let mut facts = Facts::new();
        for (role_name, entry) in input {
            let role = Role::from_name(role_name).ok_or_else(|| FactsError::UnknownRole {
                role: role_name.clone(),
            })?;
            match (role, entry) {
                (_, Input::Null) => facts.set_absent(role),
                (Role::Children, Input::List(children)) => {
                    facts.children = Presence::Present(Vec::new());
                    for (index, child) in children.iter().enumerate() {
                        facts.record_mut(pack, role, index);
                        facts.set_all(pack, role, index, child)?;
                    }
                }
                (Role::Children, _) => {
                    return Err(FactsError::NotAMap {
                        role: role_name.clone(),
                    });
                }
                (_, entry) => {
                    facts.record_mut(pack, role, 0);
                    facts.set_all(pack, role, 0, entry)?;
                }
            }
        }
        Ok(facts)
    }

    fn set_all(
        &mut self,
        pack: &Pack,
        role: Role,
        child: usize,
        entry: &Input,
    ) -> Result<(), FactsError> {
        let Input::Map(fields) = entry else {
            return Err(FactsError::NotAMap {
                role: role.name().to_owned(),
            });
        };
        for (fact, value) in fields {
            self.set(pack, role, child, fact, value)?;
        }
        Ok(())
    }
}

impl Default for Facts {
    fn default() -> Self {
        Facts::new()
    }
}

/// Untyped input as found in a facts file; converted to typed values with the pack's definitions.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(untagged)]
pub enum Input {
    /// `null`: unknown for a fact, absent for a role.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A number with a fraction (converted exactly through its decimal text).
    Float(f64),
    /// Text, a date, a decimal written as text, or an enumeration value.
    Text(String),
    /// A list (children or a set fact).
    List(Vec<Input>),
    /// A map of fact names to values.
    Map(BTreeMap<String, Input>),
}

/// A facts file that does not fit the pack.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FactsError {
    /// A role name that is not one of the known roles.
    #[error("unknown role '{role}'")]
    UnknownRole {
        /// The role as written.
        role: String,
    },
    /// A fact the pack does not define for that role.
    #[error("unknown fact '{fact}'")]
    UnknownFact {
        /// The fact as `role.name`.
        fact: String,
    },
    /// A value of the wrong type.
    #[error("fact '{fact}' must be {expected}")]
    WrongType {
        /// The fact as `role.name`.
        fact: String,
        /// What was expected.
        expected: String,
    },
    /// A role whose value is not a map of facts.
    #[error("role '{role}' must be a map of facts (children: a list of maps)")]
    NotAMap {
        /// The role.
        role: String,
    },
}

fn convert_input(
    pack: &Pack,
    definition: &FactDefinition,
    input: &Input,
) -> Result<Option<Value>, String> {
    if *input == Input::Null {
        return Ok(None);
    }
    let value = match definition.kind {
        FactKind::Bool => match input {
            Input::Bool(value) => Some(Value::Bool(*value)),
            _ => None,
        },
        FactKind::Number | FactKind::Money | FactKind::Duration => {
            input_number(input).map(Value::Number)
        }
        FactKind::Date => match input {
            Input::Text(text) => text.parse::<Date>().ok().map(Value::Date),
            _ => None,
        },
        FactKind::Text => match input {
            Input::Text(text) => Some(Value::Text(Arc::from(text.as_str()))),
            _ => None,
        },
        FactKind::Enum => match (input, &definition.value_type) {
            (Input::Text(text), Type::Enum(enumeration)) => {
                pack.enum_index(*enumeration, text).map(Value::Enum)
            }
            _ => None,
        },
        FactKind::Set => match (input, &definition.value_type) {
            (Input::List(items), Type::Set(enumeration)) => {
                set_mask(pack, *enumeration, items).map(Value::Set)
            }
            _ => None,
        },
    };
    value
        .map(Some)
        .ok_or_else(|| expected_description(pack, definition))
}

fn input_number(input: &Input) -> Option<Decimal> {
    match input {
        Input::Integer(value) => Decimal::from_int(*value),
        Input::Float(value) => Decimal::parse(&value.to_string()),
        Input::Text(text) => Decimal::parse(text),
        _ => None,
    }
}

fn set_mask(pack: &Pack, enumeration: usize, items: &[Input]) -> Option<u64> {
    items.iter().try_fold(0_u64, |mask, item| match item {
        Input::Text(text) => pack
            .enum_index(enumeration, text)
            .map(|index| mask | (1 << index)),
        _ => None,
    })
}

fn expected_description(pack: &Pack, definition: &FactDefinition) -> String {
    match (&definition.kind, &definition.value_type) {
        (FactKind::Bool, _) => "true or false".to_owned(),
        (FactKind::Number, _) => "a number".to_owned(),
        (FactKind::Money, Type::Money(currency)) => {
            format!("an amount in {currency} (e.g. \"1200.50\")")
        }
        (FactKind::Duration, _) => format!(
            "a number of {:?}",
            definition.unit.unwrap_or(DurationUnit::Months)
        )
        .to_lowercase(),
        (FactKind::Date, _) => "a date YYYY-MM-DD".to_owned(),
        (FactKind::Enum, Type::Enum(enumeration)) => {
            format!("one of {}", pack.enums[*enumeration].values.join(", "))
        }
        (FactKind::Set, Type::Set(enumeration)) => {
            format!("a list of {}", pack.enums[*enumeration].values.join(", "))
        }
        _ => "text".to_owned(),
    }
}
