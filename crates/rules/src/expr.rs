//! Resolved, type-checked expressions and the compiler from [`crate::syntax`] trees.
//!
//! Names an expression may use:
//! `applicant.<fact>`, `sponsor.<fact>`, `spouse.<fact>`, `household.<fact>`, `case.<fact>`,
//! `it.<fact>` (the child inside `any`/`all`/`count`/`sum`, the person inside a checklist item),
//! `param.<id>`, `list.<id>` (right of `in`), `value.<id>`, `as_of`, and the functions listed in
//! [`Function`] plus `if(c, a, b)`, `known(x)`, `date('YYYY-MM-DD')` and the aggregates.

use std::sync::Arc;

use jiff::civil::Date;

use crate::facts::Role;
use crate::pack::Enumeration;
use crate::syntax::{BinaryOp, Syntax, UnaryOp};
use crate::value::{Decimal, Type, Value};

/// A compiled expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A constant.
    Literal(Value),
    /// A fact of a single-person role.
    Fact(Role, usize),
    /// A fact of the current child or checklist person (`it.<fact>`).
    ItemFact(usize),
    /// A parameter's value on the evaluation date.
    Parameter(usize),
    /// A computed value.
    Computed(usize),
    /// The evaluation date.
    AsOf,
    /// Kleene negation.
    Not(Box<Expr>),
    /// Kleene conjunction with short-circuit.
    And(Box<Expr>, Box<Expr>),
    /// Kleene disjunction with short-circuit.
    Or(Box<Expr>, Box<Expr>),
    /// Comparison.
    Compare(Comparison, Box<Expr>, Box<Expr>),
    /// Arithmetic.
    Arithmetic(Arithmetic, Box<Expr>, Box<Expr>),
    /// Arithmetic negation.
    Negate(Box<Expr>),
    /// Membership of a code or enumeration value in a dated list.
    InList {
        /// The code.
        value: Box<Expr>,
        /// List index.
        list: usize,
        /// Enumeration of `value`, when it is an enumeration value.
        enumeration: Option<usize>,
    },
    /// Membership of an enumeration value in a dated list, resolved when the pack is loaded.
    InEnumList {
        /// The enumeration value.
        value: Box<Expr>,
        /// List index (for explanations).
        list: usize,
        /// Values on the list at every date, as a bit mask over enumeration indexes.
        always: u64,
        /// Values on the list only for a period.
        dated: Vec<(u16, crate::pack::Validity)>,
    },
    /// Membership of an enumeration value in a set.
    InSet(Box<Expr>, Box<Expr>),
    /// A built-in function.
    Call(Function, Vec<Expr>),
    /// `if(condition, then, else)`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `known(x)`: whether `x` is known (never unknown itself).
    Known(Box<Expr>),
    /// An aggregate over the children.
    Aggregate(Aggregate, Option<Box<Expr>>),
    /// A grid lookup: grid index, key, and column (text) when the grid has columns.
    Grid(usize, Box<Expr>, Option<Box<Expr>>),
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `==`
    Equal,
    /// `!=`
    NotEqual,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arithmetic {
    /// `+`
    Add,
    /// `-`
    Subtract,
    /// `*`
    Multiply,
    /// `/`
    Divide,
}

/// Aggregates over the `children` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// `any(children, cond)`
    Any,
    /// `all(children, cond)`
    All,
    /// `count(children)` or `count(children, cond)`
    Count,
    /// `sum(children, number)`
    Sum,
}

/// Built-in functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// `age(birth_date)`: completed years on the evaluation date.
    Age,
    /// `age_on(birth_date, date)`.
    AgeOn,
    /// `months_between(from, to)`: complete months.
    MonthsBetween,
    /// `days_between(from, to)`.
    DaysBetween,
    /// `add_months(date, n)`.
    AddMonths,
    /// `add_days(date, n)`.
    AddDays,
    /// `min(a, b, ...)`.
    Min,
    /// `max(a, b, ...)`.
    Max,
    /// `round(x, places)`: half away from zero.
    Round,
    /// `floor(x)`: towards zero to a whole number.
    Floor,
}

/// What the compiler needs to know about the pack's names.
pub trait Names {
    /// Enumerations.
    fn enumerations(&self) -> &[Enumeration];
    /// A fact by name: slot, type, and roles carrying it.
    fn fact(&self, name: &str) -> Option<(usize, Type, Vec<Role>)>;
    /// A parameter by id.
    fn parameter(&self, id: &str) -> Option<(usize, Type)>;
    /// A list by id.
    fn list(&self, id: &str) -> Option<usize>;
    /// The codes of list `list` with their periods.
    fn list_items(&self, list: usize) -> Vec<(String, crate::pack::Validity)>;
    /// A grid by id: index, key type, and whether it has columns.
    fn grid(&self, id: &str) -> Option<(usize, Type, bool)>;
    /// A computed value by id (may compile it first; errors on cycles).
    fn computed(&mut self, id: &str) -> Result<(usize, Type), String>;
}

/// A compile error with the byte offset in the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the expression.
    pub position: usize,
}

/// Where an expression is compiled: whether `it` is bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only roles and pack names.
    Case,
    /// `it` is bound to a person (checklist item).
    Person,
}

/// Compiles `syntax`, returning the expression and its type.
pub fn compile(
    syntax: &Syntax,
    names: &mut dyn Names,
    scope: Scope,
) -> Result<(Expr, Type), CompileError> {
    Compiler {
        names,
        item_bound: scope == Scope::Person,
    }
    .compile(syntax)
}

struct Compiler<'a> {
    names: &'a mut dyn Names,
    item_bound: bool,
}

fn error<T>(message: impl Into<String>, position: usize) -> Result<T, CompileError> {
    Err(CompileError {
        message: message.into(),
        position,
    })
}

fn type_name(names: &dyn Names, value_type: &Type) -> String {
    let enumeration = |index: usize| {
        names
            .enumerations()
            .get(index)
            .map_or("?", |e| e.id.as_str())
            .to_owned()
    };
    match value_type {
        Type::Bool => "bool".to_owned(),
        Type::Number => "number".to_owned(),
        Type::Money(currency) => format!("money ({currency})"),
        Type::Date => "date".to_owned(),
        Type::Enum(index) => format!("enum {}", enumeration(*index)),
        Type::Text => "text".to_owned(),
        Type::Set(index) => format!("set of {}", enumeration(*index)),
    }
}

impl Compiler<'_> {
    fn compile(&mut self, syntax: &Syntax) -> Result<(Expr, Type), CompileError> {
        let at = syntax.position();
        match syntax {
            Syntax::Number(text, _) => match Decimal::parse(text) {
                Some(number) => Ok((Expr::Literal(Value::Number(number)), Type::Number)),
                None => error(format!("bad number {text}"), at),
            },
            Syntax::Text(text, _) => Ok((
                Expr::Literal(Value::Text(Arc::from(text.as_str()))),
                Type::Text,
            )),
            Syntax::Bool(flag, _) => Ok((Expr::Literal(Value::Bool(*flag)), Type::Bool)),
            Syntax::Path(path, _) => self.path(path, at),
            Syntax::Call(name, arguments, _) => self.call(name, arguments, at),
            Syntax::Unary(UnaryOp::Not, operand, _) => {
                let operand = self.expect(operand, &Type::Bool)?;
                Ok((Expr::Not(Box::new(operand)), Type::Bool))
            }
            Syntax::Unary(UnaryOp::Negate, operand, _) => {
                let (operand, operand_type) = self.compile(operand)?;
                self.require_numeric(&operand_type, at)?;
                Ok((Expr::Negate(Box::new(operand)), operand_type))
            }
            Syntax::Binary(operator, left, right, _) => self.binary(*operator, left, right, at),
        }
    }

    fn expect(&mut self, syntax: &Syntax, expected: &Type) -> Result<Expr, CompileError> {
        let (expr, found) = self.compile(syntax)?;
        if found != *expected {
            let message = format!(
                "expected {}, found {}",
                type_name(self.names, expected),
                type_name(self.names, &found)
            );
            return error(message, syntax.position());
        }
        Ok(expr)
    }

    fn require_numeric(&self, value_type: &Type, at: usize) -> Result<(), CompileError> {
        match value_type {
            Type::Number | Type::Money(_) => Ok(()),
            other => error(
                format!("expected a number, found {}", type_name(self.names, other)),
                at,
            ),
        }
    }

    fn path(&mut self, path: &[String], at: usize) -> Result<(Expr, Type), CompileError> {
        let parts: Vec<&str> = path.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["as_of"] => Ok((Expr::AsOf, Type::Date)),
            ["param", id] => match self.names.parameter(id) {
                Some((index, value_type)) => Ok((Expr::Parameter(index), value_type)),
                None => error(format!("unknown parameter '{id}'"), at),
            },
            ["value", id] => match self.names.computed(id) {
                Ok((index, value_type)) => Ok((Expr::Computed(index), value_type)),
                Err(message) => error(message, at),
            },
            ["list", id] => error(format!("list '{id}' can only be used right of 'in'"), at),
            ["it", fact] if self.item_bound => {
                let (slot, value_type, _) = self.fact(fact, at)?;
                Ok((Expr::ItemFact(slot), value_type))
            }
            ["it", _] => error(
                "'it' is only bound inside any/all/count/sum or a checklist item",
                at,
            ),
            [role_name, fact] => {
                let role = Role::from_name(role_name).filter(|role| *role != Role::Children);
                let Some(role) = role else {
                    return error(
                        format!(
                            "unknown name '{role_name}' (children are used through any/all/count/sum)"
                        ),
                        at,
                    );
                };
                let (slot, value_type, roles) = self.fact(fact, at)?;
                if !roles.contains(&role) {
                    return error(format!("fact '{fact}' is not defined for {role_name}"), at);
                }
                Ok((Expr::Fact(role, slot), value_type))
            }
            _ => error(format!("unknown name '{}'", path.join(".")), at),
        }
    }

    fn fact(&self, name: &str, at: usize) -> Result<(usize, Type, Vec<Role>), CompileError> {
        match self.names.fact(name) {
            Some(found) => Ok(found),
            None => error(format!("unknown fact '{name}'"), at),
        }
    }

    fn binary(
        &mut self,
        operator: BinaryOp,
        left: &Syntax,
        right: &Syntax,
        at: usize,
    ) -> Result<(Expr, Type), CompileError> {
        let comparison = match operator {
            BinaryOp::And | BinaryOp::Or => {
                let left = Box::new(self.expect(left, &Type::Bool)?);
                let right = Box::new(self.expect(right, &Type::Bool)?);
                let expr = if operator == BinaryOp::And {
                    Expr::And(left, right)
                } else {
                    Expr::Or(left, right)
                };
                return Ok((expr, Type::Bool));
            }
            BinaryOp::In | BinaryOp::NotIn => {
                let membership = self.membership(left, right, at)?;
                let expr = if operator == BinaryOp::NotIn {
                    Expr::Not(Box::new(membership))
                } else {
                    membership
                };
                return Ok((expr, Type::Bool));
            }
            BinaryOp::Add | BinaryOp::Subtract | BinaryOp::Multiply | BinaryOp::Divide => {
                return self.arithmetic(operator, left, right, at);
            }
            BinaryOp::Equal => Comparison::Equal,
            BinaryOp::NotEqual => Comparison::NotEqual,
            BinaryOp::Less => Comparison::Less,
            BinaryOp::LessOrEqual => Comparison::LessOrEqual,
            BinaryOp::Greater => Comparison::Greater,
            BinaryOp::GreaterOrEqual => Comparison::GreaterOrEqual,
        };
        let (left, left_type) = self.compile(left)?;
        let (right, right_type) = self.compile(right)?;
        let (left, right, operand_type) = self.unify(left, left_type, right, right_type, at)?;
        let ordering = !matches!(comparison, Comparison::Equal | Comparison::NotEqual);
        if ordering {
            self.require_ordered(&operand_type, at)?;
        }
        Ok((
            Expr::Compare(comparison, Box::new(left), Box::new(right)),
            Type::Bool,
        ))
    }

    fn require_ordered(&self, operand_type: &Type, at: usize) -> Result<(), CompileError> {
        match operand_type {
            Type::Number | Type::Money(_) | Type::Date => Ok(()),
            Type::Enum(index)
                if self
                    .names
                    .enumerations()
                    .get(*index)
                    .is_some_and(|e| e.ordered) =>
            {
                Ok(())
            }
            other => error(
                format!("{} values cannot be ordered", type_name(self.names, other)),
                at,
            ),
        }
    }

    /// Makes both sides one type: text literals become enumeration values, number literals
    /// take the currency of money on the other side.
    fn unify(
        &self,
        left: Expr,
        left_type: Type,
        right: Expr,
        right_type: Type,
        at: usize,
    ) -> Result<(Expr, Expr, Type), CompileError> {
        if left_type == right_type {
            return Ok((left, right, left_type));
        }
        if let Some(converted) = self.literal_as(&right, &left_type, at)? {
            return Ok((left, converted, left_type));
        }
        if let Some(converted) = self.literal_as(&left, &right_type, at)? {
            return Ok((converted, right, right_type));
        }
        let message = format!(
            "cannot compare {} with {}",
            type_name(self.names, &left_type),
            type_name(self.names, &right_type)
        );
        error(message, at)
    }

    fn literal_as(
        &self,
        expr: &Expr,
        target: &Type,
        at: usize,
    ) -> Result<Option<Expr>, CompileError> {
        match (expr, target) {
            (Expr::Literal(Value::Text(text)), Type::Enum(index)) => {
                let Some(enumeration) = self.names.enumerations().get(*index) else {
                    return Ok(None);
                };
                match enumeration
                    .values
                    .iter()
                    .position(|value| value.as_str() == &**text)
                {
                    Some(position) => Ok(Some(Expr::Literal(Value::Enum(
                        u16::try_from(position).unwrap_or(u16::MAX),
                    )))),
                    None => error(format!("'{text}' is not a value of {}", enumeration.id), at),
                }
            }
            (Expr::Literal(Value::Number(number)), Type::Money(_)) => {
                Ok(Some(Expr::Literal(Value::Number(*number))))
            }
            _ => Ok(None),
        }
    }

    fn membership(
        &mut self,
        left: &Syntax,
        right: &Syntax,
        at: usize,
    ) -> Result<Expr, CompileError> {
        if let Syntax::Path(path, _) = right
            && let [namespace, id] = path.as_slice()
            && namespace == "list"
        {
            let Some(list) = self.names.list(id) else {
                return error(format!("unknown list '{id}'"), right.position());
            };
            let (value, value_type) = self.compile(left)?;
            let enumeration = match value_type {
                Type::Enum(index) => return self.enum_list(value, index, list, at),
                Type::Text => None,
                other => {
                    return error(
                        format!(
                            "only codes and enumeration values can be in a list, not {}",
                            type_name(self.names, &other)
                        ),
                        at,
                    );
                }
            };
            return Ok(Expr::InList {
                value: Box::new(value),
                list,
                enumeration,
            });
        }
        let (set, set_type) = self.compile(right)?;
        let Type::Set(index) = set_type else {
            return error(
                "right of 'in' must be list.<id> or a set-valued fact",
                right.position(),
            );
        };
        let (element, element_type) = self.compile(left)?;
        let (element, _, _) = self
            .unify(
                Expr::Literal(Value::Enum(0)),
                Type::Enum(index),
                element,
                element_type,
                at,
            )
            .map(|(_, element, value_type)| (element, (), value_type))?;
        Ok(Expr::InSet(Box::new(element), Box::new(set)))
    }

    /// Resolves a list's codes to indexes of `enumeration`; codes outside it are errors.
    fn enum_list(
        &self,
        value: Expr,
        enumeration: usize,
        list: usize,
        at: usize,
    ) -> Result<Expr, CompileError> {
        let Some(values) = self.names.enumerations().get(enumeration) else {
            return error("unknown enumeration", at);
        };
        let mut always = 0_u64;
        let mut dated = Vec::new();
        for (code, validity) in self.names.list_items(list) {
            let Some(index) = values.values.iter().position(|value| *value == code) else {
                return error(
                    format!("list code '{code}' is not a value of {}", values.id),
                    at,
                );
            };
            let index = u16::try_from(index).unwrap_or(u16::MAX);
            if validity.from.is_none() && validity.to.is_none() {
                always |= 1 << (index % 64);
            } else {
                dated.push((index, validity));
            }
        }
        Ok(Expr::InEnumList {
            value: Box::new(value),
            list,
            always,
            dated,
        })
    }

    fn arithmetic(
        &mut self,
        operator: BinaryOp,
        left: &Syntax,
        right: &Syntax,
        at: usize,
    ) -> Result<(Expr, Type), CompileError> {
        let (left, left_type) = self.compile(left)?;
        let (right, right_type) = self.compile(right)?;
        self.require_numeric(&left_type, at)?;
        self.require_numeric(&right_type, at)?;
        let (operation, result_type) = match (operator, &left_type, &right_type) {
            (BinaryOp::Add | BinaryOp::Subtract, a, b) if a == b => {
                (additive(operator), left_type.clone())
            }
            (BinaryOp::Add | BinaryOp::Subtract, Type::Money(_), Type::Number)
                if matches!(right, Expr::Literal(_)) =>
            {
                (additive(operator), left_type.clone())
            }
            (BinaryOp::Multiply, Type::Number, Type::Number) => {
                (Arithmetic::Multiply, Type::Number)
            }
            (BinaryOp::Multiply, Type::Money(_), Type::Number) => {
                (Arithmetic::Multiply, left_type.clone())
            }
            (BinaryOp::Multiply, Type::Number, Type::Money(_)) => {
                (Arithmetic::Multiply, right_type.clone())
            }
            (BinaryOp::Divide, Type::Money(_), Type::Number) => {
                (Arithmetic::Divide, left_type.clone())
            }
            (BinaryOp::Divide, a, b) if a == b => (Arithmetic::Divide, Type::Number),
            _ => {
                let message = format!(
                    "cannot apply {operator} to {} and {}",
                    type_name(self.names, &left_type),
                    type_name(self.names, &right_type)
                );
                return error(message, at);
            }
        };
        Ok((
            Expr::Arithmetic(operation, Box::new(left), Box::new(right)),
            result_type,
        ))
    }

    fn call(
        &mut self,
        name: &str,
        arguments: &[Syntax],
        at: usize,
    ) -> Result<(Expr, Type), CompileError> {
        match name {
            "if" => return self.conditional(arguments, at),
            "known" => {
                let [operand] = arguments else {
                    return error("known takes one argument", at);
                };
                let (operand, _) = self.compile(operand)?;
                return Ok((Expr::Known(Box::new(operand)), Type::Bool));
            }
            "date" => return date_literal(arguments, at),
            "any" | "all" | "count" | "sum" => return self.aggregate(name, arguments, at),
            "grid" => return self.grid(arguments, at),
            _ => {}
        }
        let (function, parameters, result): (Function, &[Type], Type) = match name {
            "age" => (Function::Age, &[Type::Date], Type::Number),
            "age_on" => (Function::AgeOn, &[Type::Date, Type::Date], Type::Number),
            "months_between" => (
                Function::MonthsBetween,
                &[Type::Date, Type::Date],
                Type::Number,
            ),
            "days_between" => (
                Function::DaysBetween,
                &[Type::Date, Type::Date],
                Type::Number,
            ),
            "add_months" => (Function::AddMonths, &[Type::Date, Type::Number], Type::Date),
            "add_days" => (Function::AddDays, &[Type::Date, Type::Number], Type::Date),
            "min" | "max" | "round" | "floor" => return self.numeric_function(name, arguments, at),
            _ => return error(format!("unknown function '{name}'"), at),
        };
        if arguments.len() != parameters.len() {
            return error(format!("{name} takes {} argument(s)", parameters.len()), at);
        }
        let compiled = arguments
            .iter()
            .zip(parameters)
            .map(|(argument, parameter)| self.expect(argument, parameter))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((Expr::Call(function, compiled), result))
    }

    fn numeric_function(
        &mut self,
        name: &str,
        arguments: &[Syntax],
        at: usize,
    ) -> Result<(Expr, Type), CompileError> {
        let function = match name {
            "min" => Function::Min,
            "max" => Function::Max,
            "round" => Function::Round,
            _ => Function::Floor,
        };
        let arity_ok = match function {
            Function::Round => arguments.len() == 2,
            Function::Floor => arguments.len() == 1,
            _ => arguments.len() >= 2,
        };
        if !arity_ok {
            return error(format!("wrong number of arguments to {name}"), at);
        }
        let (first, first_type) = match arguments.first() {
            Some(argument) => self.compile(argument)?,
            None => return error(format!("wrong number of arguments to {name}"), at),
        };
        self.require_numeric(&first_type, at)?;
        let mut compiled = vec![first];
        for argument in arguments.iter().skip(1) {
            let expected = if function == Function::Round {
                Type::Number
            } else {
                first_type.clone()
            };
            compiled.push(self.expect(argument, &expected)?);
        }
        if function == Function::Round
            && !matches!(compiled.get(1), Some(Expr::Literal(Value::Number(_))))
        {
            return error("round needs a literal number of places", at);
        }
        Ok((Expr::Call(function, compiled), first_type))
    }

    fn grid(&mut self, arguments: &[Syntax], at: usize) -> Result<(Expr, Type), CompileError> {
        let (id, key, column) = match arguments {
            [Syntax::Text(id, _), key] => (id, key, None),
            [Syntax::Text(id, _), key, column] => (id, key, Some(column)),
            _ => {
                return error(
                    "grid takes ('grid id', key) or ('grid id', key, column)",
                    at,
                );
            }
        };
        let Some((index, key_type, has_columns)) = self.names.grid(id) else {
            return error(format!("unknown grid '{id}'"), at);
        };
        let (key, found_type) = self.compile(key)?;
        let key = match self.literal_as(&key, &key_type, at)? {
            Some(converted) => converted,
            None if found_type == key_type => key,
            None => {
                let message = format!(
                    "grid '{id}' is keyed by {}, not {}",
                    type_name(self.names, &key_type),
                    type_name(self.names, &found_type)
                );
                return error(message, at);
            }
        };
        let column = match (column, has_columns) {
            (Some(column), true) => Some(Box::new(self.expect(column, &Type::Text)?)),
            (None, false) => None,
            (Some(_), false) => return error(format!("grid '{id}' has no columns"), at),
            (None, true) => return error(format!("grid '{id}' needs a column"), at),
        };
        Ok((Expr::Grid(index, Box::new(key), column), Type::Number))
    }

    fn conditional(
        &mut self,
        arguments: &[Syntax],
        at: usize,
    ) -> Result<(Expr, Type), CompileError> {
        let [condition, then, otherwise] = arguments else {
            return error("if takes three arguments", at);
        };
        let condition = self.expect(condition, &Type::Bool)?;
        let (then, then_type) = self.compile(then)?;
        let (otherwise, otherwise_type) = self.compile(otherwise)?;
        let (then, otherwise, result_type) =
            self.unify(then, then_type, otherwise, otherwise_type, at)?;
        Ok((
            Expr::If(Box::new(condition), Box::new(then), Box::new(otherwise)),
            result_type,
        ))
    }

    fn aggregate(
        &mut self,
        name: &str,
        arguments: &[Syntax],
        at: usize,
    ) -> Result<(Expr, Type), CompileError> {
        let aggregate = match name {
            "any" => Aggregate::Any,
            "all" => Aggregate::All,
            "count" => Aggregate::Count,
            _ => Aggregate::Sum,
        };
        let (source, body) = match arguments {
            [source] if aggregate == Aggregate::Count => (source, None),
            [source, body] => (source, Some(body)),
            _ => return error(format!("{name} takes (children, expression)"), at),
        };
        if !matches!(source, Syntax::Path(path, _) if path.len() == 1 && path[0] == "children") {
            return error(
                format!("{name} aggregates over 'children'"),
                source.position(),
            );
        }
        if self.item_bound && body.is_some() {
            return error("aggregates cannot be nested inside 'it'", at);
        }
        let body_type = if aggregate == Aggregate::Sum {
            None
        } else {
            Some(Type::Bool)
        };
        let previous = std::mem::replace(&mut self.item_bound, true);
        let compiled = match (body, &body_type) {
            (None, _) => Ok((None, Type::Number)),
            (Some(body), Some(expected)) => self
                .expect(body, expected)
                .map(|expr| (Some(Box::new(expr)), Type::Number)),
            (Some(body), None) => self.compile(body).and_then(|(expr, value_type)| {
                self.require_numeric(&value_type, at)?;
                Ok((Some(Box::new(expr)), value_type))
            }),
        };
        self.item_bound = previous;
        let (body, body_result) = compiled?;
        let result_type = match aggregate {
            Aggregate::Any | Aggregate::All => Type::Bool,
            Aggregate::Count => Type::Number,
            Aggregate::Sum => body_result,
        };
        Ok((Expr::Aggregate(aggregate, body), result_type))
    }
}

fn additive(operator: BinaryOp) -> Arithmetic {
    if operator == BinaryOp::Add {
        Arithmetic::Add
    } else {
        Arithmetic::Subtract
    }
}

fn date_literal(arguments: &[Syntax], at: usize) -> Result<(Expr, Type), CompileError> {
    match arguments {
        [Syntax::Text(text, position)] => match text.parse::<Date>() {
            Ok(date) => Ok((Expr::Literal(Value::Date(date)), Type::Date)),
            Err(_) => error(format!("'{text}' is not a date YYYY-MM-DD"), *position),
        },
        _ => error("date takes one text argument 'YYYY-MM-DD'", at),
    }
}
