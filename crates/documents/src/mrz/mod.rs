//! ICAO Doc 9303 machine-readable zones: parsing, verification and emission.
//!
//! [`parse_mrz`] auto-detects the format (TD1, TD2, TD3, MRV-A, MRV-B), never fails, and returns
//! an [`Mrz`]: every field with its position, every check digit as verified / failed / not
//! printed, and the errors and warnings found, each with the line and column of the offending
//! character. [`emit_mrz`] is the inverse. All five formats share one layout table
//! (`layout.rs`); issuer deviations are data (`issuers.rs`); codes are data (`codes.rs`).

mod check_digit;
mod codes;
mod date;
mod emit;
mod issue;
mod issuers;
mod layout;
mod parse;

pub use check_digit::check_digit;
pub use codes::{CodeCategory, IssuerCode, code_table, lookup_code};
pub use date::{DateRole, MrzDate};
pub use emit::{EmitError, MrzFields, emit_mrz};
pub use issue::{MrzIssue, MrzIssueKind};
pub use issuers::{Deviation, IssuerProfile, issuer_profiles};
pub use parse::{Mrz, MrzField, MrzOptions, parse_mrz};

/// The five machine-readable-zone layouts of Doc 9303.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Part 5: identity card size, three lines of 30.
    Td1,
    /// Part 6: two lines of 36.
    Td2,
    /// Part 4: passport book, two lines of 44.
    Td3,
    /// Part 7: full-size visa, two lines of 44.
    MrvA,
    /// Part 7: smaller visa, two lines of 36.
    MrvB,
}

impl Format {
    /// Every format, in a fixed order.
    pub const ALL: [Format; 5] = [
        Format::Td1,
        Format::Td2,
        Format::Td3,
        Format::MrvA,
        Format::MrvB,
    ];

    /// The short name used on the wire: `TD1`, `TD2`, `TD3`, `MRVA`, `MRVB`.
    pub fn label(self) -> &'static str {
        match self {
            Format::Td1 => "TD1",
            Format::Td2 => "TD2",
            Format::Td3 => "TD3",
            Format::MrvA => "MRVA",
            Format::MrvB => "MRVB",
        }
    }

    /// Parses a label as written by [`Format::label`] (case-insensitive, `MRV-A` accepted).
    pub fn from_label(label: &str) -> Option<Format> {
        let normalised = label.to_ascii_uppercase().replace('-', "");
        Format::ALL
            .into_iter()
            .find(|format| format.label() == normalised)
    }

    /// Number of lines.
    pub fn line_count(self) -> usize {
        usize::from(layout::layout(self).line_count)
    }

    /// Characters per line.
    pub fn line_width(self) -> usize {
        usize::from(layout::layout(self).width)
    }
}

/// The named fields of a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldName {
    /// Two-character document code (`P<`, `PP`, `ID`, `V<`, ...).
    DocumentCode,
    /// Issuing state or organisation.
    IssuingState,
    /// The whole name field (primary and secondary identifiers).
    Name,
    /// The nine-character document-number field (see [`Mrz::document_number`] for long numbers).
    DocumentNumber,
    /// Nationality.
    Nationality,
    /// Date of birth, `YYMMDD`.
    BirthDate,
    /// Sex.
    Sex,
    /// Date of expiry, `YYMMDD`.
    ExpiryDate,
    /// TD3 personal number (line 2 positions 29–42).
    PersonalNumber,
    /// Optional data (TD1 line 1 positions 16–30, TD2 29–35, MRV-A 29–44, MRV-B 29–36).
    OptionalData,
    /// TD1's second optional-data element (line 2 positions 19–29).
    OptionalData2,
}

impl FieldName {
    /// Stable snake-case identifier.
    pub fn key(self) -> &'static str {
        match self {
            FieldName::DocumentCode => "document_code",
            FieldName::IssuingState => "issuing_state",
            FieldName::Name => "name",
            FieldName::DocumentNumber => "document_number",
            FieldName::Nationality => "nationality",
            FieldName::BirthDate => "birth_date",
            FieldName::Sex => "sex",
            FieldName::ExpiryDate => "expiry_date",
            FieldName::PersonalNumber => "personal_number",
            FieldName::OptionalData => "optional_data",
            FieldName::OptionalData2 => "optional_data_2",
        }
    }
}

/// The fields a check digit can cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckedField {
    /// Document number (including a long number's overflow).
    DocumentNumber,
    /// Date of birth.
    BirthDate,
    /// Date of expiry.
    ExpiryDate,
    /// TD3 personal number.
    PersonalNumber,
    /// The composite check digit over the fields listed in the format's §4.2.4.
    Composite,
}

impl CheckedField {
    /// Every checked field, in the order of [`Mrz::check`]'s storage.
    pub const ALL: [CheckedField; 5] = [
        CheckedField::DocumentNumber,
        CheckedField::BirthDate,
        CheckedField::ExpiryDate,
        CheckedField::PersonalNumber,
        CheckedField::Composite,
    ];

    /// Stable snake-case identifier.
    pub fn key(self) -> &'static str {
        match self {
            CheckedField::DocumentNumber => "document_number",
            CheckedField::BirthDate => "birth_date",
            CheckedField::ExpiryDate => "expiry_date",
            CheckedField::PersonalNumber => "personal_number",
            CheckedField::Composite => "composite",
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            CheckedField::DocumentNumber => 0,
            CheckedField::BirthDate => 1,
            CheckedField::ExpiryDate => 2,
            CheckedField::PersonalNumber => 3,
            CheckedField::Composite => 4,
        }
    }
}

/// The result of one check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckOutcome {
    /// The printed digit equals the computed one (or is an ICAO-allowed `<`).
    Verified,
    /// The printed character differs from the computed digit.
    Failed {
        /// The digit the data implies, or `None` when the data holds illegal characters.
        expected: Option<u8>,
        /// The character printed in the check-digit position.
        printed: char,
    },
    /// This format prints no such check digit.
    NotPrinted,
}

/// Where a field or character sits: one-based line and column, as Doc 9303 numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// One-based line.
    pub line: u8,
    /// One-based column of the first character.
    pub column: u8,
    /// Number of characters.
    pub length: u8,
}

impl Position {
    pub(crate) fn of_slot(slot: layout::Slot) -> Position {
        Position {
            line: slot.line + 1,
            column: slot.start + 1,
            length: slot.len,
        }
    }
}
