//! Known issuer deviations from Doc 9303, kept as data.
//!
//! A deviation is accepted only for the issuer whose profile lists it, and then reported as a
//! warning that names the profile, so a caseworker sees why a non-conformant zone passed.

use super::Format;

/// A way in which an issuer's documents depart from Doc 9303.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deviation {
    /// The check digit of a long (overflowing) TD1 document number also covers the `<` at line 1
    /// position 15, which Part 5 §4.2.4 excludes.
    LongNumberCheckDigitCoversFiller,
    /// A document code outside the format's rule (e.g. `RP` on a residence permit).
    DocumentCode(&'static str),
    /// The name field starts with `<<`: no primary identifier is printed.
    EmptyPrimaryIdentifier,
}

/// One issuer's known deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssuerProfile {
    /// Short identifier, stable across releases (e.g. `BEL-TD1-LONG-NUMBER`).
    pub id: &'static str,
    /// Issuing-state code the profile applies to.
    pub issuer: &'static str,
    /// Format the profile applies to.
    pub format: Format,
    /// The deviation.
    pub deviation: Deviation,
    /// What the issuer does, in one sentence, with the evidence for it.
    pub explanation: &'static str,
}

static ISSUER_PROFILES: &[IssuerProfile] = &[
    IssuerProfile {
        id: "BEL-TD1-LONG-NUMBER",
        issuer: "BEL",
        format: Format::Td1,
        deviation: Deviation::LongNumberCheckDigitCoversFiller,
        explanation: "Belgian identity cards compute the long document number's check digit \
                      including the '<' at line 1 position 15 (specimen BEL-BO-03003).",
    },
    IssuerProfile {
        id: "EST-TD1-RESIDENCE-PERMIT",
        issuer: "EST",
        format: Format::Td1,
        deviation: Deviation::DocumentCode("RP"),
        explanation: "Estonian residence permits carry the document code 'RP', outside the \
                      A/C/I rule of Doc 9303 Part 5 note k.",
    },
    IssuerProfile {
        id: "IND-TD3-NO-SURNAME",
        issuer: "IND",
        format: Format::Td3,
        deviation: Deviation::EmptyPrimaryIdentifier,
        explanation: "Indian passports of holders without a surname start the name field \
                      with '<<' instead of printing the single name as primary identifier.",
    },
];

/// Every known issuer profile.
pub fn issuer_profiles() -> &'static [IssuerProfile] {
    ISSUER_PROFILES
}

/// The profile of `issuer` for `format` that explains `deviation`, if any.
pub(crate) fn find_profile(
    issuer: &[u8],
    format: Format,
    deviation: Deviation,
) -> Option<&'static IssuerProfile> {
    ISSUER_PROFILES.iter().find(|profile| {
        profile.issuer.as_bytes() == issuer
            && profile.format == format
            && profile.deviation == deviation
    })
}

/// The profile of `issuer` for `format` that allows the document code `code`, if any.
pub(crate) fn find_document_code_profile(
    issuer: &[u8],
    format: Format,
    code: &str,
) -> Option<&'static IssuerProfile> {
    ISSUER_PROFILES.iter().find(|profile| {
        profile.issuer.as_bytes() == issuer
            && profile.format == format
            && matches!(profile.deviation, Deviation::DocumentCode(allowed) if allowed == code)
    })
}
