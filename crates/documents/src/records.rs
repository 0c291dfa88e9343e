//! Document records and the checks on them: MRZ against the record, dates, the holder's
//! identity against the declared facts and the holder's other documents, and document numbers
//! used by two people.
//!
//! Every check returns [`Finding`]s; none fails. Whether a finding blocks the application or
//! asks a caseworker to look is [`Finding::severity`].

use jiff::civil::Date;

use crate::mrz::{DateRole, FieldName, Mrz, MrzOptions, parse_mrz};
use crate::names::{NameDifference, PersonName, match_mrz_name, match_names};

/// One document provided for a case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentRecord {
    /// Identifier within the case.
    pub id: String,
    /// Kind, as the checklist names it (`passport`, `birth_certificate`, ...).
    pub kind: String,
    /// Key of the person the document belongs to (as in [`DeclaredPerson::key`]).
    pub holder: String,
    /// Issuing state or organisation (Doc 9303 code), if known.
    pub issuing_state: Option<String>,
    /// Document number, if any.
    pub number: Option<String>,
    /// The holder's name as the document writes it.
    pub holder_name: Option<PersonName>,
    /// The holder's date of birth as the document gives it.
    pub birth_date: Option<Date>,
    /// The holder's nationality (Doc 9303 code) as the document gives it.
    pub nationality: Option<String>,
    /// Date of issue.
    pub issued_on: Option<Date>,
    /// Date of expiry.
    pub expires_on: Option<Date>,
    /// The machine-readable zone, lines separated by newlines.
    pub mrz: Option<String>,
    /// Languages a certified translation is provided into.
    pub translated_into: Vec<String>,
    /// Whether the document is legalised or carries an apostille.
    pub legalised: bool,
}

/// What a person declared about themselves (the case's facts).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeclaredPerson {
    /// Key of the person within the case (`sponsor`, `applicant`, `children[0]`).
    pub key: String,
    /// Name as declared.
    pub name: PersonName,
    /// Date of birth, if declared.
    pub birth_date: Option<Date>,
    /// Nationalities (Doc 9303 codes), if declared.
    pub nationalities: Vec<String>,
}

/// The case's dates and people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseContext {
    /// Date of the application: the reference for "expired" and "issued within".
    pub application_date: Date,
    /// Planned travel date, if known: the reference for "valid beyond travel".
    pub travel_date: Option<Date>,
    /// The people of the case.
    pub people: Vec<DeclaredPerson>,
}

/// Answers whether a document number is already registered to other people (the application
/// keeps that register; this crate does no I/O).
pub trait DocumentNumberLookup {
    /// Keys of the people outside this case registered with this number from this issuer.
    fn other_holders(&self, issuing_state: &str, number: &str, holder: &str) -> Vec<String>;
}

/// A lookup for callers without a register.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoRegister;

impl DocumentNumberLookup for NoRegister {
    fn other_holders(&self, _: &str, _: &str, _: &str) -> Vec<String> {
        Vec::new()
    }
}

/// How much a finding weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A person should look, but it need not block the application.
    NeedsReview,
    /// The document cannot be accepted as it is.
    Invalid,
}

/// A fact of the record that its MRZ contradicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordField {
    /// Document number.
    Number,
    /// Issuing state.
    IssuingState,
    /// Date of birth.
    BirthDate,
    /// Nationality.
    Nationality,
    /// Date of expiry.
    ExpiryDate,
}

impl RecordField {
    /// Stable snake-case identifier.
    pub fn key(self) -> &'static str {
        match self {
            RecordField::Number => "number",
            RecordField::IssuingState => "issuing_state",
            RecordField::BirthDate => "birth_date",
            RecordField::Nationality => "nationality",
            RecordField::ExpiryDate => "expiry_date",
        }
    }
}

/// Something found about a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The MRZ does not verify; the codes of its errors.
    MrzInvalid {
        /// Error codes (see [`crate::mrz::MrzIssue::code`]).
        codes: Vec<&'static str>,
    },
    /// The MRZ and the record disagree on a field.
    MrzContradictsRecord {
        /// The field.
        field: RecordField,
    },
    /// The name in the MRZ or on the document differs from the declared name.
    NameDiffers {
        /// Why, as the matcher says.
        reason: NameDifference,
    },
    /// The document's date of birth differs from the declared one or another document's.
    BirthDateDiffers,
    /// The document's nationality is none of the declared ones.
    NationalityDiffers,
    /// Issued on or after its expiry date.
    IssuedAfterExpiry,
    /// Expired on the application date.
    Expired,
    /// Not valid long enough beyond the travel date.
    ExpiresTooSoon {
        /// Months of validity required beyond travel.
        months: u32,
    },
    /// The travel date or expiry date is unknown, so remaining validity cannot be checked.
    ValidityUnknown,
    /// Issued longer ago than allowed.
    TooOld {
        /// Most months allowed between issue and application.
        months: u32,
    },
    /// The issue date is unknown, so freshness cannot be checked.
    IssueDateUnknown,
    /// The certified translation is missing.
    TranslationMissing {
        /// Language required.
        language: String,
    },
    /// Legalisation or apostille missing.
    LegalisationMissing,
    /// The same number from the same issuer belongs to another person.
    NumberUsedByAnotherPerson {
        /// The other person's key.
        other_holder: String,
    },
    /// The item depends on facts not yet known: a person must decide whether it is needed.
    MayBeRequired,
}

impl Finding {
    /// Whether the finding blocks the document or asks for a review.
    pub fn severity(&self) -> Severity {
        match self {
            Finding::NameDiffers {
                reason:
                    NameDifference::PhoneticTranscriptionOnly
                    | NameDifference::SurnameAndGivenNamesSwapped,
            }
            | Finding::ValidityUnknown
            | Finding::IssueDateUnknown
            | Finding::NumberUsedByAnotherPerson { .. }
            | Finding::MayBeRequired => Severity::NeedsReview,
            _ => Severity::Invalid,
        }
    }

    /// Stable snake-case code (also the Fluent message id suffix).
    pub fn code(&self) -> &'static str {
        match self {
            Finding::MrzInvalid { .. } => "mrz-invalid",
            Finding::MrzContradictsRecord { .. } => "mrz-contradicts-record",
            Finding::NameDiffers {
                reason: NameDifference::PhoneticTranscriptionOnly,
            } => "name-phonetic",
            Finding::NameDiffers {
                reason: NameDifference::SurnameAndGivenNamesSwapped,
            } => "name-swapped",
            Finding::NameDiffers { .. } => "name-differs",
            Finding::BirthDateDiffers => "birth-date-differs",
            Finding::NationalityDiffers => "nationality-differs",
            Finding::IssuedAfterExpiry => "issued-after-expiry",
            Finding::Expired => "expired",
            Finding::ExpiresTooSoon { .. } => "expires-too-soon",
            Finding::ValidityUnknown => "validity-unknown",
            Finding::TooOld { .. } => "too-old",
            Finding::IssueDateUnknown => "issue-date-unknown",
            Finding::TranslationMissing { .. } => "translation-missing",
            Finding::LegalisationMissing => "legalisation-missing",
            Finding::NumberUsedByAnotherPerson { .. } => "number-used-by-another-person",
            Finding::MayBeRequired => "may-be-required",
        }
    }
}

/// Checks of one document that do not depend on the checklist item it is offered for.
pub fn check_document(
    document: &DocumentRecord,
    all_documents: &[DocumentRecord],
    context: &CaseContext,
    lookup: &dyn DocumentNumberLookup,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let as_of = context.application_date;
    let mrz = document
        .mrz
        .as_deref()
        .map(|text| parse_mrz(text, &MrzOptions { as_of: Some(as_of) }));
    if let Some(mrz) = &mrz {
        check_mrz(document, mrz, as_of, &mut findings);
    }
    let expires = document.expires_on.or_else(|| {
        mrz.as_ref()?
            .expiry_date()?
            .resolve(DateRole::Expiry, as_of)
    });
    if let (Some(issued), Some(expires)) = (document.issued_on, expires)
        && issued >= expires
    {
        findings.push(Finding::IssuedAfterExpiry);
    }
    if expires.is_some_and(|expires| expires < as_of) {
        findings.push(Finding::Expired);
    }
    let declared = context
        .people
        .iter()
        .find(|person| person.key == document.holder);
    check_identity(
        document,
        mrz.as_ref(),
        declared,
        all_documents,
        &mut findings,
    );
    check_number(document, all_documents, lookup, &mut findings);
    findings
}

fn check_mrz(document: &DocumentRecord, mrz: &Mrz, as_of: Date, findings: &mut Vec<Finding>) {
    if !mrz.is_valid() {
        let mut codes: Vec<&'static str> = mrz.errors().iter().map(|issue| issue.code()).collect();
        codes.dedup();
        findings.push(Finding::MrzInvalid { codes });
    }
    let mut contradicts = |field: RecordField, agrees: bool| {
        if !agrees {
            findings.push(Finding::MrzContradictsRecord { field });
        }
    };
    if let (Some(number), Some(in_mrz)) = (&document.number, mrz.document_number()) {
        contradicts(RecordField::Number, normalise_number(number) == in_mrz);
    }
    if let (Some(state), Some(in_mrz)) =
        (&document.issuing_state, mrz.value(FieldName::IssuingState))
    {
        contradicts(
            RecordField::IssuingState,
            state.eq_ignore_ascii_case(in_mrz),
        );
    }
    if let (Some(nationality), Some(in_mrz)) =
        (&document.nationality, mrz.value(FieldName::Nationality))
    {
        contradicts(
            RecordField::Nationality,
            nationality.eq_ignore_ascii_case(in_mrz),
        );
    }
    if let (Some(birth), Some(in_mrz)) = (document.birth_date, mrz.birth_date()) {
        contradicts(RecordField::BirthDate, in_mrz.agrees_with(birth));
    }
    if let (Some(expiry), Some(in_mrz)) = (document.expires_on, mrz.expiry_date()) {
        let resolved = in_mrz.resolve(DateRole::Expiry, as_of);
        contradicts(RecordField::ExpiryDate, resolved == Some(expiry));
    }
    if let (Some(name), Some(field)) = (&document.holder_name, mrz.field(FieldName::Name)) {
        let verdict = match_mrz_name(name, field.raw);
        if let crate::names::NameMatch::Different { reason } = verdict {
            findings.push(Finding::NameDiffers { reason });
        }
    }
}

/// Document numbers compare without spaces and hyphens, in capitals.
fn normalise_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Date of birth, nationality and name against the declared facts, or, when a fact was not
/// declared, against the holder's other documents.
/// Date of birth, nationality and name against the declared facts, or, when a fact was not
/// declared, against the holder's other documents. Where the record leaves a value out, the
/// value in its MRZ is checked instead.
fn check_identity(
    document: &DocumentRecord,
    mrz: Option<&Mrz>,
    declared: Option<&DeclaredPerson>,
    all_documents: &[DocumentRecord],
    findings: &mut Vec<Finding>,
) {
    let others = || {
        all_documents
            .iter()
            .filter(|other| other.holder == document.holder && other.id != document.id)
    };
    let reference_birth = declared
        .and_then(|person| person.birth_date)
        .or_else(|| others().find_map(|other| other.birth_date));
    let birth_differs = match (document.birth_date, mrz.and_then(Mrz::birth_date)) {
        (Some(birth), _) => reference_birth.is_some_and(|reference| reference != birth),
        (None, Some(in_mrz)) => {
            reference_birth.is_some_and(|reference| !in_mrz.agrees_with(reference))
        }
        (None, None) => false,
    };
    if birth_differs {
        findings.push(Finding::BirthDateDiffers);
    }
    let nationality = document
        .nationality
        .as_deref()
        .or_else(|| mrz.and_then(|mrz| mrz.value(FieldName::Nationality)));
    if let Some(nationality) = nationality {
        let declared_nationalities = declared
            .map(|person| person.nationalities.as_slice())
            .unwrap_or_default();
        let matches = |code: &String| code.eq_ignore_ascii_case(nationality);
        let differs = if declared_nationalities.is_empty() {
            others()
                .filter_map(|other| other.nationality.as_ref())
                .next()
                .is_some_and(|code| !matches(code))
        } else {
            !declared_nationalities.iter().any(matches)
        };
        if differs {
            findings.push(Finding::NationalityDiffers);
        }
    }
    let declared_name = declared
        .map(|person| &person.name)
        .filter(|name| !name.surname.is_empty());
    let verdict = match (
        &document.holder_name,
        mrz.and_then(|mrz| mrz.field(FieldName::Name)),
    ) {
        (Some(name), _) => declared_name
            .or_else(|| others().find_map(|other| other.holder_name.as_ref()))
            .map(|reference| match_names(reference, name)),
        (None, Some(field)) => declared_name.map(|reference| match_mrz_name(reference, field.raw)),
        (None, None) => None,
    };
    if let Some(crate::names::NameMatch::Different { reason }) = verdict {
        findings.push(Finding::NameDiffers { reason });
    }
}

fn check_number(
    document: &DocumentRecord,
    all_documents: &[DocumentRecord],
    lookup: &dyn DocumentNumberLookup,
    findings: &mut Vec<Finding>,
) {
    let (Some(number), Some(state)) = (&document.number, &document.issuing_state) else {
        return;
    };
    let number = normalise_number(number);
    let in_case = all_documents.iter().find(|other| {
        other.holder != document.holder
            && other
                .issuing_state
                .as_deref()
                .is_some_and(|other_state| other_state.eq_ignore_ascii_case(state))
            && other
                .number
                .as_deref()
                .is_some_and(|other_number| normalise_number(other_number) == number)
    });
    if let Some(other) = in_case {
        findings.push(Finding::NumberUsedByAnotherPerson {
            other_holder: other.holder.clone(),
        });
    }
    for other_holder in lookup.other_holders(state, &number, &document.holder) {
        findings.push(Finding::NumberUsedByAnotherPerson { other_holder });
    }
}
