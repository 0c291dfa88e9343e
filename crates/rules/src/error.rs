//! Error types: problems found while loading a pack, and problems met while evaluating one.

use std::path::PathBuf;

use jiff::civil::Date;

/// A problem in a pack's files, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {}{message}", file.display(), rule.as_deref().map(|rule| format!("[{rule}] ")).unwrap_or_default())]
pub struct LoadError {
    /// The file.
    pub file: PathBuf,
    /// Line (1-based), 0 if unknown.
    pub line: usize,
    /// Id of the rule, fact, parameter or test concerned.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// Every problem found in a pack (validation does not stop at the first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in pack:\n{}", errors.len(), errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct LoadErrors {
    /// The problems, in file order.
    pub errors: Vec<LoadError>,
}

/// A problem met while evaluating.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// A number outgrew the fixed-point range.
    #[error("arithmetic overflow")]
    Overflow,
    /// Division by zero.
    #[error("division by zero")]
    DivisionByZero,
    /// Date arithmetic left the supported calendar range.
    #[error("date out of range")]
    DateOutOfRange,
    /// A parameter has no value on the evaluation date.
    #[error("parameter '{parameter}' has no value in force on {date}")]
    ParameterNotInForce {
        /// The parameter.
        parameter: String,
        /// The evaluation date.
        date: Date,
    },
    /// No grid row matched and the grid has no default.
    #[error("no row of grid '{value}' matches {key}")]
    NoTableRow {
        /// The computed value.
        value: String,
        /// The key.
        key: String,
    },
    /// A grid's column expression named a column the grid lacks.
    #[error("grid '{value}' has no column '{column}'")]
    NoSuchColumn {
        /// The computed value.
        value: String,
        /// The column.
        column: String,
    },
    /// Two exceptions of equal precedence fired with different outcomes.
    #[error(
        "exceptions '{first}' and '{second}' of pathway '{pathway}' both apply with equal priority and different outcomes"
    )]
    ConflictingExceptions {
        /// The pathway.
        pathway: String,
        /// One exception.
        first: String,
        /// The other.
        second: String,
    },
    /// The pathway asked for does not exist.
    #[error("unknown pathway '{0}'")]
    UnknownPathway(String),
    /// An internal invariant broke (a bug in the engine, not in the pack).
    #[error("internal error: {0}")]
    Internal(&'static str),
}

/// The internal result of evaluation: the error is boxed so that results stay small.
pub(crate) type Fallible<T> = Result<T, Box<EvalError>>;

/// An evaluation error as a [`Fallible`] result.
pub(crate) fn fail<T>(error: EvalError) -> Fallible<T> {
    Err(Box::new(error))
}
