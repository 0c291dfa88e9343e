//! The one error type of the application layer.
//!
//! Every operation returns [`Error`]. Its variants say what went wrong in terms a caller can act
//! on; the web layer picks an HTTP status and a translated message for each. Messages that reach
//! a person are Fluent keys, never formatted English, so every language can render them.

use std::fmt;

/// A field that failed validation, with the Fluent key of the message to show next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message_key: &'static str,
}

/// Collects field errors while a form or request is validated.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message_key: &'static str) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message_key,
        });
    }

    pub fn for_field(&self, field: &str) -> Option<&'static str> {
        self.0
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message_key)
    }

    /// `Ok(())` when nothing was collected, otherwise [`Error::Invalid`].
    pub fn into_result(self) -> Result<(), Error> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such record, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// The caller is not signed in, or the credentials are wrong.
    #[error("not authenticated")]
    Unauthenticated,
    /// Signed in, but the policy denies this action on this record.
    #[error("forbidden")]
    Forbidden,
    /// The record changed since the caller read it, or a unique value is taken.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Input failed validation; nothing was written.
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    /// Too many recent failed attempts; try again after the given number of seconds.
    #[error("too many attempts; retry after {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    /// A database failure. The message is for logs only.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// Anything else that is our fault. The message is for logs only.
    #[error("internal: {0}")]
    Internal(String),
}

impl Error {
    pub fn internal(error: impl fmt::Display) -> Self {
        Error::Internal(error.to_string())
    }

    /// One invalid field, for the common case of a single check.
    pub fn invalid(field: &str, message_key: &'static str) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message_key);
        Error::Invalid(errors)
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        Error::internal(error)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
