//! Problems found in a zone, each with the position of the character at fault.

use super::{CheckedField, FieldName, Format, IssuerProfile, Position};

/// What is wrong (an error) or worth attention (a warning).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrzIssueKind {
    /// The input has a number of lines no format has.
    LineCount {
        /// Lines found.
        found: usize,
    },
    /// A line has the wrong length for the detected format.
    LineLength {
        /// Length the format requires.
        expected: usize,
        /// Characters found.
        found: usize,
    },
    /// A lowercase letter (read as uppercase for the rest of the checks).
    LowercaseCharacter {
        /// The character.
        found: char,
    },
    /// A character outside `[A-Z0-9<]`.
    IllegalCharacter {
        /// The character.
        found: char,
    },
    /// A character of the right alphabet in the wrong field, e.g. a digit in the name.
    UnexpectedCharacter {
        /// The field.
        field: FieldName,
        /// The character.
        found: char,
    },
    /// The document code is not allowed in this format.
    DocumentCode {
        /// The format.
        format: Format,
    },
    /// A TD3 document code whose second letter is not in the Part 4 §4.4 table.
    DocumentCodeOutsideTable,
    /// An issuing-state or nationality code that is not in the Part 3 §5 table.
    UnknownCode {
        /// The field.
        field: FieldName,
    },
    /// A code ICAO has withdrawn.
    DeprecatedCode {
        /// The field.
        field: FieldName,
    },
    /// A specimen code (`UTO`): the document is not a real one.
    SpecimenCode {
        /// The field.
        field: FieldName,
    },
    /// A check digit disagrees with its data.
    CheckDigit {
        /// The checked field.
        field: CheckedField,
        /// The digit the data implies, if computable.
        expected: Option<u8>,
        /// The printed character.
        printed: char,
    },
    /// A date that names no calendar day, or holds letters.
    InvalidDate {
        /// The field.
        field: FieldName,
    },
    /// The expiry date is partly or wholly `<`.
    UnknownExpiryDate,
    /// The date of birth is partly or wholly unknown (allowed, Part 3 §4.8).
    UnknownBirthDate,
    /// The sex is `X`: allowed in the visual zone only (Part 4 note p, Part 5 note f).
    NonConformantSex,
    /// The sex is none of `F`, `M`, `<`, `X`.
    InvalidSex {
        /// The character.
        found: char,
    },
    /// A field that must start at its first position starts with `<`.
    LeadingFiller {
        /// The field.
        field: FieldName,
    },
    /// The name field has fillers where Part 3 §4.6 allows none (a letter after padding, or a
    /// second `<<` separator).
    NameStructure,
    /// The name field ends in a letter, so the name may have been truncated.
    NamePossiblyTruncated,
    /// The document-number check digit is `<` (long number) but no overflow follows.
    MissingDocumentNumberOverflow,
    /// A known issuer deviation was accepted.
    IssuerDeviation {
        /// The profile that explains it.
        profile: &'static IssuerProfile,
    },
    /// The document had expired on the reference date.
    Expired,
}

/// One issue and where it is (`None` for issues about the whole record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MrzIssue {
    /// What the issue is.
    pub kind: MrzIssueKind,
    /// Where it is.
    pub position: Option<Position>,
}

impl MrzIssue {
    /// Stable snake-case code, for programs and translations.
    pub fn code(&self) -> &'static str {
        match self.kind {
            MrzIssueKind::LineCount { .. } => "line_count",
            MrzIssueKind::LineLength { .. } => "line_length",
            MrzIssueKind::LowercaseCharacter { .. } => "lowercase_character",
            MrzIssueKind::IllegalCharacter { .. } => "illegal_character",
            MrzIssueKind::UnexpectedCharacter { .. } => "unexpected_character",
            MrzIssueKind::DocumentCode { .. } => "document_code",
            MrzIssueKind::DocumentCodeOutsideTable => "document_code_outside_table",
            MrzIssueKind::UnknownCode { .. } => "unknown_code",
            MrzIssueKind::DeprecatedCode { .. } => "deprecated_code",
            MrzIssueKind::SpecimenCode { .. } => "specimen_code",
            MrzIssueKind::CheckDigit { .. } => "check_digit",
            MrzIssueKind::InvalidDate { .. } => "invalid_date",
            MrzIssueKind::UnknownExpiryDate => "unknown_expiry_date",
            MrzIssueKind::UnknownBirthDate => "unknown_birth_date",
            MrzIssueKind::NonConformantSex => "non_conformant_sex",
            MrzIssueKind::InvalidSex { .. } => "invalid_sex",
            MrzIssueKind::LeadingFiller { .. } => "leading_filler",
            MrzIssueKind::NameStructure => "name_structure",
            MrzIssueKind::NamePossiblyTruncated => "name_possibly_truncated",
            MrzIssueKind::MissingDocumentNumberOverflow => "missing_document_number_overflow",
            MrzIssueKind::IssuerDeviation { .. } => "issuer_deviation",
            MrzIssueKind::Expired => "expired",
        }
    }

    /// An English sentence for people reading logs or the command-line output.
    pub fn message(&self) -> String {
        match self.kind {
            MrzIssueKind::LineCount { found } => {
                format!("{found} lines: a machine-readable zone has 2 or 3")
            }
            MrzIssueKind::LineLength { expected, found } => {
                format!("line has {found} characters, the format needs {expected}")
            }
            MrzIssueKind::LowercaseCharacter { found } => {
                format!("lowercase '{found}': the zone uses capital letters only")
            }
            MrzIssueKind::IllegalCharacter { found } => {
                format!("'{}' is not one of A-Z, 0-9 or '<'", found.escape_default())
            }
            MrzIssueKind::UnexpectedCharacter { field, found } => {
                format!("'{found}' is not allowed in the {} field", field.key())
            }
            MrzIssueKind::DocumentCode { format } => {
                format!("document code not allowed in the {} format", format.label())
            }
            MrzIssueKind::DocumentCodeOutsideTable => {
                "second letter of the document code is not in the Doc 9303 Part 4 §4.4 table"
                    .to_owned()
            }
            MrzIssueKind::UnknownCode { field } => {
                format!("{} is not a Doc 9303 Part 3 §5 code", field.key())
            }
            MrzIssueKind::DeprecatedCode { field } => format!("{} code is deprecated", field.key()),
            MrzIssueKind::SpecimenCode { field } => {
                format!(
                    "{} is a specimen code: this is not a real document",
                    field.key()
                )
            }
            MrzIssueKind::CheckDigit {
                field,
                expected,
                printed,
            } => match expected {
                Some(digit) => format!(
                    "{} check digit is '{printed}', the data gives {digit}",
                    field.key()
                ),
                None => format!(
                    "{} check digit cannot be computed: the data holds illegal characters",
                    field.key()
                ),
            },
            MrzIssueKind::InvalidDate { field } => {
                format!("{} is not a calendar date", field.key())
            }
            MrzIssueKind::UnknownExpiryDate => "expiry date is not printed in full".to_owned(),
            MrzIssueKind::UnknownBirthDate => {
                "birth date is partly or wholly unknown ('<', Doc 9303 Part 3 §4.8)".to_owned()
            }
            MrzIssueKind::NonConformantSex => {
                "sex 'X' is allowed in the visual zone only; the MRZ uses '<'".to_owned()
            }
            MrzIssueKind::InvalidSex { found } => format!("sex '{found}' is not F, M or '<'"),
            MrzIssueKind::LeadingFiller { field } => {
                format!("{} starts with '<'", field.key())
            }
            MrzIssueKind::NameStructure => {
                "the name has a letter after its padding or a second '<<' separator".to_owned()
            }
            MrzIssueKind::NamePossiblyTruncated => {
                "the name fills its field and may have been truncated".to_owned()
            }
            MrzIssueKind::MissingDocumentNumberOverflow => {
                "'<' in the document-number check digit announces a long number, but none follows"
                    .to_owned()
            }
            MrzIssueKind::IssuerDeviation { profile } => {
                format!(
                    "accepted issuer deviation {}: {}",
                    profile.id, profile.explanation
                )
            }
            MrzIssueKind::Expired => "the document had expired on the reference date".to_owned(),
        }
    }
}
