//! The three-valued evaluator: every expression is known, unknown or not applicable.
//!
//! Kleene logic with short-circuit: `false and x` is false and `true or x` is true whatever
//! `x` is, so the facts in `x` are not asked. *Not applicable* is neutral in `and`/`or` and
//! spreads through everything else. While evaluating, the unknown facts an unknown result
//! depends on are pushed on [`Evaluator::missing`]; whenever a sub-result turns out known, the
//! facts its operands pushed are dropped again, so after evaluating an expression the entries
//! it added are exactly the facts that could still change it. Evaluation allocates nothing
//! unless something is unknown or tracing is on.

use jiff::civil::Date;

use crate::dates;
use crate::error::{EvalError, Fallible, fail};
use crate::expr::{Aggregate, Arithmetic, Comparison, Expr, Function};
use crate::facts::{FactRef, Facts, Presence, Record, Role};
use crate::pack::{ComputedValue, Grid, Pack, RowKey, Validity};
use crate::value::{Decimal, RoundingMode, Value};

/// The result of evaluating an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Ev {
    /// A known value.
    Known(Value),
    /// Depends on facts not yet known.
    Unknown,
    /// Does not apply to this case.
    NotApplicable,
}

impl Ev {
    fn truth(&self) -> Option<bool> {
        match self {
            Ev::Known(Value::Bool(flag)) => Some(*flag),
            _ => None,
        }
    }
}

/// Something an evaluation read, recorded when tracing.
#[derive(Debug, Clone, PartialEq)]
pub enum TraceRead {
    /// A fact and its value (`None` if unknown or not applicable).
    Fact(FactRef, Option<Value>),
    /// A parameter, the period of the value used and the value.
    Parameter(usize, Validity, Value),
    /// A computed value and its result.
    Computed(usize, Ev),
}

#[derive(Debug, Clone)]
struct Cached {
    result: Ev,
    missing: Vec<FactRef>,
}

/// Evaluates expressions of one pack against one case on one date.
#[derive(Debug)]
pub(crate) struct Evaluator<'p, 'f> {
    pack: &'p Pack,
    facts: &'f Facts,
    as_of: Date,
    item: Option<(&'f Record, Role, Option<u32>)>,
    /// Unknown facts pushed by unknown sub-results (see the module docs).
    pub(crate) missing: Vec<FactRef>,
    computed: Vec<Option<Cached>>,
    /// Reads recorded for the explanation trace, when tracing.
    pub(crate) trace: Option<Vec<TraceRead>>,
}

impl<'p, 'f> Evaluator<'p, 'f> {
    /// An evaluator; `trace` records every read for explanations.
    pub(crate) fn new(pack: &'p Pack, facts: &'f Facts, as_of: Date, trace: bool) -> Self {
        Evaluator {
            pack,
            facts,
            as_of,
            item: None,
            missing: Vec::new(),
            computed: Vec::new(),
            trace: trace.then(Vec::new),
        }
    }

    /// The evaluation date.
    pub(crate) fn as_of(&self) -> Date {
        self.as_of
    }

    /// The case's facts.
    pub(crate) fn facts(&self) -> &'f Facts {
        self.facts
    }

    /// Evaluates `expr` with `it` bound to `record` (a checklist person).
    pub(crate) fn eval_for(
        &mut self,
        expr: &Expr,
        record: &'f Record,
        role: Role,
        child: Option<u32>,
    ) -> Fallible<Ev> {
        let previous = self.item.replace((record, role, child));
        let result = self.eval(expr);
        self.item = previous;
        result
    }

    /// Evaluates computed value `index`.
    pub(crate) fn computed_value(&mut self, index: usize) -> Fallible<Ev> {
        self.computed(index)
    }

    /// Evaluates an expression.
    pub(crate) fn eval(&mut self, expr: &Expr) -> Fallible<Ev> {
        match expr {
            Expr::Literal(value) => Ok(Ev::Known(value.clone())),
            Expr::Fact(role, slot) => Ok(self.fact(*role, *slot)),
            Expr::ItemFact(slot) => Ok(self.item_fact(*slot)),
            Expr::Parameter(index) => self.parameter(*index).map(Ev::Known),
            Expr::Computed(index) => self.computed(*index),
            Expr::AsOf => Ok(Ev::Known(Value::Date(self.as_of))),
            Expr::Not(operand) => Ok(match self.eval(operand)? {
                Ev::Known(Value::Bool(flag)) => Ev::Known(Value::Bool(!flag)),
                other => other,
            }),
            Expr::And(left, right) => self.junction(left, right, false),
            Expr::Or(left, right) => self.junction(left, right, true),
            Expr::Compare(comparison, left, right) => {
                self.strict(left, right, |a, b| Ok(compare(*comparison, a, b)))
            }
            Expr::Arithmetic(operation, left, right) => {
                self.strict(left, right, |a, b| arithmetic(*operation, a, b))
            }
            Expr::Negate(operand) => Ok(match self.eval(operand)? {
                Ev::Known(Value::Number(number)) => Ev::Known(Value::Number(
                    Decimal::ZERO
                        .checked_sub(number)
                        .ok_or(EvalError::Overflow)?,
                )),
                other => other,
            }),
            Expr::InList {
                value,
                list,
                enumeration,
            } => self.in_list(value, *list, *enumeration),
            Expr::InEnumList {
                value,
                always,
                dated,
                ..
            } => Ok(match self.eval(value)? {
                Ev::Known(Value::Enum(index)) => {
                    let listed = always & (1_u64 << (index % 64)) != 0
                        || dated.iter().any(|(code, validity)| {
                            *code == index && validity.contains(self.as_of)
                        });
                    Ev::Known(Value::Bool(listed))
                }
                other => other,
            }),
            Expr::InSet(element, set) => self.strict(element, set, |a, b| match (a, b) {
                (Value::Enum(index), Value::Set(mask)) => {
                    Ok(Value::Bool(mask & (1_u64 << (index % 64)) != 0))
                }
                _ => Ok(Value::Bool(false)),
            }),
            Expr::Call(function, arguments) => self.call(*function, arguments),
            Expr::If(condition, then, otherwise) => self.conditional(condition, then, otherwise),
            Expr::Known(operand) => {
                let mark = self.missing.len();
                let known = matches!(self.eval(operand)?, Ev::Known(_) | Ev::NotApplicable);
                self.missing.truncate(mark);
                Ok(Ev::Known(Value::Bool(known)))
            }
            Expr::Aggregate(aggregate, body) => self.aggregate(*aggregate, body.as_deref()),
            Expr::Grid(grid, key, column) => self.lookup(*grid, key, column.as_deref()),
        }
    }

    fn record_fact(&mut self, fact_ref: FactRef, value: Option<&Value>) {
        if let Some(trace) = &mut self.trace {
            trace.push(TraceRead::Fact(fact_ref, value.cloned()));
        }
    }

    fn fact(&mut self, role: Role, slot: usize) -> Ev {
        let fact_ref = FactRef {
            role,
            child: None,
            fact: u32::try_from(slot).ok(),
        };
        match self.facts.record(role) {
            Presence::Absent => Ev::NotApplicable,
            Presence::Present(record) if record.get(slot).is_some() => {
                let value = record.get(slot);
                self.record_fact(fact_ref, value);
                value.map_or(Ev::Unknown, |value| Ev::Known(value.clone()))
            }
            _ => {
                self.record_fact(fact_ref, None);
                self.missing.push(fact_ref);
                Ev::Unknown
            }
        }
    }

    fn item_fact(&mut self, slot: usize) -> Ev {
        let Some((record, role, child)) = self.item else {
            return Ev::NotApplicable;
        };
        let fact_ref = FactRef {
            role,
            child,
            fact: u32::try_from(slot).ok(),
        };
        let value = record.get(slot);
        self.record_fact(fact_ref, value);
        match value {
            Some(value) => Ev::Known(value.clone()),
            None => {
                self.missing.push(fact_ref);
                Ev::Unknown
            }
        }
    }

    fn parameter(&mut self, index: usize) -> Fallible<Value> {
        let parameter = self
            .pack
            .parameters
            .get(index)
            .ok_or(EvalError::Internal("parameter index"))?;
        let Some((validity, value)) = parameter.at(self.as_of) else {
            return fail(EvalError::ParameterNotInForce {
                parameter: parameter.id.clone(),
                date: self.as_of,
            });
        };
        if let Some(trace) = &mut self.trace {
            trace.push(TraceRead::Parameter(index, *validity, value.clone()));
        }
        Ok(value.clone())
    }

    fn computed(&mut self, index: usize) -> Fallible<Ev> {
        if self.computed.is_empty() {
            self.computed = vec![None; self.pack.values.len()];
        }
        if let Some(Some(cached)) = self.computed.get(index) {
            let result = cached.result.clone();
            self.missing.extend_from_slice(&cached.missing);
            return Ok(result);
        }
        let definition = self
            .pack
            .values
            .get(index)
            .ok_or(EvalError::Internal("computed index"))?;
        let mark = self.missing.len();
        let result = self.compute(definition)?;
        let missing = self
            .missing
            .get(mark..)
            .map(<[FactRef]>::to_vec)
            .unwrap_or_default();
        if let Some(trace) = &mut self.trace {
            trace.push(TraceRead::Computed(index, result.clone()));
        }
        if let Some(slot) = self.computed.get_mut(index) {
            *slot = Some(Cached {
                result: result.clone(),
                missing,
            });
        }
        Ok(result)
    }

    fn compute(&mut self, definition: &ComputedValue) -> Fallible<Ev> {
        if !definition.valid.contains(self.as_of) {
            return Ok(Ev::NotApplicable);
        }
        let result = self.eval(&definition.formula)?;
        Ok(match (result, definition.round) {
            (Ev::Known(Value::Number(number)), Some((places, mode))) => {
                Ev::Known(Value::Number(number.round(places, mode)))
            }
            (other, _) => other,
        })
    }

    fn lookup(&mut self, grid: usize, key: &Expr, column: Option<&Expr>) -> Fallible<Ev> {
        let grid = self
            .pack
            .grids
            .get(grid)
            .ok_or(EvalError::Internal("grid index"))?;
        let mark = self.missing.len();
        let key = self.eval(key)?;
        let column = match column {
            Some(column) => self.eval(column)?,
            None => Ev::Known(Value::Number(Decimal::ZERO)),
        };
        let (key, column) = match (key, column) {
            (Ev::NotApplicable, _) | (_, Ev::NotApplicable) => {
                self.missing.truncate(mark);
                return Ok(Ev::NotApplicable);
            }
            (Ev::Known(key), Ev::Known(column)) => (key, column),
            _ => return Ok(Ev::Unknown),
        };
        grid_value(self.pack, grid, &key, &column).map(|number| Ev::Known(Value::Number(number)))
    }

    fn junction(&mut self, left: &Expr, right: &Expr, is_or: bool) -> Fallible<Ev> {
        let decisive = is_or;
        let mark = self.missing.len();
        let left = self.eval(left)?;
        if left.truth() == Some(decisive) {
            return Ok(left);
        }
        let right = self.eval(right)?;
        if right.truth() == Some(decisive) {
            self.missing.truncate(mark);
            return Ok(right);
        }
        Ok(match (left, right) {
            (Ev::Unknown, _) | (_, Ev::Unknown) => Ev::Unknown,
            (Ev::NotApplicable, other) | (other, Ev::NotApplicable) => other,
            (Ev::Known(_), known) => known,
        })
    }

    fn strict(
        &mut self,
        left: &Expr,
        right: &Expr,
        combine: impl FnOnce(Value, Value) -> Fallible<Value>,
    ) -> Fallible<Ev> {
        let mark = self.missing.len();
        let left = self.eval(left)?;
        let right = self.eval(right)?;
        match (left, right) {
            (Ev::Known(a), Ev::Known(b)) => combine(a, b).map(Ev::Known),
            (Ev::NotApplicable, _) | (_, Ev::NotApplicable) => {
                self.missing.truncate(mark);
                Ok(Ev::NotApplicable)
            }
            _ => Ok(Ev::Unknown),
        }
    }

    fn in_list(&mut self, value: &Expr, list: usize, enumeration: Option<usize>) -> Fallible<Ev> {
        let list = self
            .pack
            .lists
            .get(list)
            .ok_or(EvalError::Internal("list index"))?;
        Ok(match self.eval(value)? {
            Ev::Known(value) => {
                let code: &str = match (&value, enumeration) {
                    (Value::Enum(index), Some(enumeration)) => self
                        .pack
                        .enums
                        .get(enumeration)
                        .and_then(|values| values.values.get(usize::from(*index)))
                        .map_or("", String::as_str),
                    (Value::Text(text), _) => text,
                    _ => "",
                };
                Ev::Known(Value::Bool(list.contains(code, self.as_of)))
            }
            other => other,
        })
    }

    fn conditional(&mut self, condition: &Expr, then: &Expr, otherwise: &Expr) -> Fallible<Ev> {
        let mark = self.missing.len();
        match self.eval(condition)? {
            Ev::Known(Value::Bool(true)) => self.eval(then),
            Ev::Known(_) => self.eval(otherwise),
            Ev::NotApplicable => Ok(Ev::NotApplicable),
            Ev::Unknown => {
                let then = self.eval(then)?;
                let otherwise = self.eval(otherwise)?;
                if then == otherwise && then != Ev::Unknown {
                    self.missing.truncate(mark);
                    return Ok(then);
                }
                Ok(Ev::Unknown)
            }
        }
    }

    fn call(&mut self, function: Function, arguments: &[Expr]) -> Fallible<Ev> {
        let mark = self.missing.len();
        let mut values = [const { None }; 4];
        let mut any_unknown = false;
        for (index, argument) in arguments.iter().enumerate() {
            match self.eval(argument)? {
                Ev::Known(value) => {
                    if let Some(slot) = values.get_mut(index) {
                        *slot = Some(value);
                    }
                }
                Ev::Unknown => any_unknown = true,
                Ev::NotApplicable => {
                    self.missing.truncate(mark);
                    return Ok(Ev::NotApplicable);
                }
            }
        }
        if any_unknown {
            return Ok(Ev::Unknown);
        }
        if matches!(function, Function::Min | Function::Max) {
            return self.extreme(function, arguments);
        }
        let number = |index: usize| {
            values
                .get(index)
                .and_then(|v| v.as_ref())
                .and_then(Value::as_number)
                .ok_or(EvalError::Internal("number argument"))
        };
        let date = |index: usize| {
            values
                .get(index)
                .and_then(|v| v.as_ref())
                .and_then(Value::as_date)
                .ok_or(EvalError::Internal("date argument"))
        };
        let whole = |number: Decimal| number.raw() / 10_000;
        let as_number = |count: i64| {
            Decimal::from_int(count)
                .map(|n| Ev::Known(Value::Number(n)))
                .ok_or_else(|| Box::new(EvalError::Overflow))
        };
        let as_date = |date: Option<Date>| {
            date.map(|d| Ev::Known(Value::Date(d)))
                .ok_or_else(|| Box::new(EvalError::DateOutOfRange))
        };
        match function {
            Function::Age => as_number(dates::age_on(date(0)?, self.as_of)),
            Function::AgeOn => as_number(dates::age_on(date(0)?, date(1)?)),
            Function::MonthsBetween => as_number(dates::months_between(date(0)?, date(1)?)),
            Function::DaysBetween => as_number(dates::days_between(date(0)?, date(1)?)),
            Function::AddMonths => as_date(dates::add_months(date(0)?, whole(number(1)?))),
            Function::AddDays => as_date(dates::add_days(date(0)?, whole(number(1)?))),
            Function::Round => {
                let places = u32::try_from(whole(number(1)?).clamp(0, 4)).unwrap_or(0);
                Ok(Ev::Known(Value::Number(
                    number(0)?.round(places, RoundingMode::HalfUp),
                )))
            }
            Function::Floor => Ok(Ev::Known(Value::Number(
                number(0)?.round(0, RoundingMode::Down),
            ))),
            Function::Min | Function::Max => fail(EvalError::Internal("min/max")),
        }
    }

    fn extreme(&mut self, function: Function, arguments: &[Expr]) -> Fallible<Ev> {
        let mut best: Option<Decimal> = None;
        for argument in arguments {
            if let Ev::Known(Value::Number(number)) = self.eval(argument)? {
                best = Some(match (best, function) {
                    (None, _) => number,
                    (Some(current), Function::Min) => current.min(number),
                    (Some(current), _) => current.max(number),
                });
            }
        }
        Ok(best.map_or(Ev::NotApplicable, |number| Ev::Known(Value::Number(number))))
    }

    fn aggregate(&mut self, aggregate: Aggregate, body: Option<&Expr>) -> Fallible<Ev> {
        let children = match self.facts.children() {
            Presence::Present(children) => children,
            Presence::Absent => return Ok(Ev::NotApplicable),
            Presence::Unknown => {
                self.missing.push(FactRef {
                    role: Role::Children,
                    child: None,
                    fact: None,
                });
                return Ok(Ev::Unknown);
            }
        };
        let mark = self.missing.len();
        let previous = self.item;
        let mut count = Decimal::ZERO;
        let mut unknown = false;
        let mut decided = None;
        for (index, child) in children.iter().enumerate() {
            self.item = Some((child, Role::Children, u32::try_from(index).ok()));
            let result = match body {
                Some(body) => self.eval(body),
                None => Ok(Ev::Known(Value::Bool(true))),
            };
            let result = match result {
                Ok(result) => result,
                Err(error) => {
                    self.item = previous;
                    return Err(error);
                }
            };
            match (aggregate, result) {
                (_, Ev::Unknown) => unknown = true,
                (_, Ev::NotApplicable) => {}
                (Aggregate::Any, Ev::Known(Value::Bool(true))) => decided = Some(true),
                (Aggregate::All, Ev::Known(Value::Bool(false))) => decided = Some(false),
                (Aggregate::Count, Ev::Known(Value::Bool(true))) => {
                    count = count
                        .checked_add(Decimal::from_int(1).unwrap_or_default())
                        .ok_or(EvalError::Overflow)?
                }
                (Aggregate::Sum, Ev::Known(Value::Number(number))) => {
                    count = count.checked_add(number).ok_or(EvalError::Overflow)?
                }
                _ => {}
            }
            if decided.is_some() {
                break;
            }
        }
        self.item = previous;
        if let Some(flag) = decided {
            self.missing.truncate(mark);
            return Ok(Ev::Known(Value::Bool(flag)));
        }
        if unknown {
            return Ok(Ev::Unknown);
        }
        Ok(Ev::Known(match aggregate {
            Aggregate::Any => Value::Bool(false),
            Aggregate::All => Value::Bool(true),
            Aggregate::Count | Aggregate::Sum => Value::Number(count),
        }))
    }
}

fn compare(comparison: Comparison, left: Value, right: Value) -> Value {
    let ordering = match (&left, &right) {
        (Value::Number(a), Value::Number(b)) => Some(a.cmp(b)),
        (Value::Date(a), Value::Date(b)) => Some(a.cmp(b)),
        (Value::Enum(a), Value::Enum(b)) => Some(a.cmp(b)),
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
        (Value::Set(a), Value::Set(b)) => Some(a.cmp(b)),
        _ => None,
    };
    let Some(ordering) = ordering else {
        return Value::Bool(comparison == Comparison::NotEqual);
    };
    Value::Bool(match comparison {
        Comparison::Equal => ordering.is_eq(),
        Comparison::NotEqual => ordering.is_ne(),
        Comparison::Less => ordering.is_lt(),
        Comparison::LessOrEqual => ordering.is_le(),
        Comparison::Greater => ordering.is_gt(),
        Comparison::GreaterOrEqual => ordering.is_ge(),
    })
}

fn arithmetic(operation: Arithmetic, left: Value, right: Value) -> Fallible<Value> {
    let (Value::Number(a), Value::Number(b)) = (left, right) else {
        return fail(EvalError::Internal("arithmetic on non-numbers"));
    };
    let result = match operation {
        Arithmetic::Add => a.checked_add(b).ok_or(EvalError::Overflow)?,
        Arithmetic::Subtract => a.checked_sub(b).ok_or(EvalError::Overflow)?,
        Arithmetic::Multiply => a.checked_mul(b).ok_or(EvalError::Overflow)?,
        Arithmetic::Divide if b == Decimal::ZERO => return fail(EvalError::DivisionByZero),
        Arithmetic::Divide => a.checked_div(b).ok_or(EvalError::Overflow)?,
    };
    Ok(Value::Number(result))
}

/// The value of `grid` in the row matching `key`, in the column named by `column` (text).
fn grid_value(pack: &Pack, grid: &Grid, key: &Value, column: &Value) -> Fallible<Decimal> {
    let column_index = match column {
        Value::Text(name) => grid
            .columns
            .iter()
            .position(|candidate| candidate.as_str() == &**name)
            .ok_or_else(|| EvalError::NoSuchColumn {
                value: grid.id.clone(),
                column: name.to_string(),
            })?,
        _ => 0,
    };
    let row = grid.rows.iter().find(|row| match (&row.matches, key) {
        (RowKey::Range(min, max), Value::Number(number)) => {
            min.is_none_or(|min| min <= *number) && max.is_none_or(|max| *number <= max)
        }
        (RowKey::Equals(expected), Value::Enum(found)) => expected == found,
        _ => false,
    });
    match (row, grid.default) {
        (Some(row), _) => row
            .values
            .get(column_index)
            .copied()
            .ok_or_else(|| Box::new(EvalError::Internal("row without column"))),
        (None, Some(default)) => Ok(default),
        (None, None) => fail(EvalError::NoTableRow {
            value: grid.id.clone(),
            key: pack.render_value(key, &grid.key_type),
        }),
    }
}
