//! The emitter: fields in, a conformant zone out (the inverse of the parser).
//!
//! Names are written per Doc 9303 Part 3 §4.6 (components joined by `<`, primary and secondary
//! identifiers by `<<`) and truncated per the format tables when too long; long document numbers
//! continue in the optional data on TD1 and TD2 (note j). Check digits are computed, never taken
//! from the input.

use super::check_digit::CheckDigitSum;
use super::layout::{Layout, Slot, layout};
use super::{FieldName, Format};

/// The fields of a zone to emit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrzFields {
    /// Format to emit.
    pub format: Format,
    /// Document code, one or two letters (`P`, `PP`, `ID`, `V`).
    pub document_code: String,
    /// Issuing state or organisation code (`UTO`, `D`).
    pub issuing_state: String,
    /// Primary identifier in MRZ letters; spaces and hyphens separate components.
    pub surname: String,
    /// Secondary identifier in MRZ letters; spaces and hyphens separate components.
    pub given_names: String,
    /// Document number; more than nine characters only on TD1 and TD2.
    pub document_number: String,
    /// Nationality code.
    pub nationality: String,
    /// Date of birth `YYMMDD`, `<` for unknown positions.
    pub birth_date: String,
    /// `F`, `M` or `<`.
    pub sex: char,
    /// Date of expiry `YYMMDD`.
    pub expiry_date: String,
    /// Optional data; on TD3 the personal number.
    pub optional_data: String,
    /// TD1's second optional-data element (ignored elsewhere).
    pub optional_data_2: String,
}

/// Why fields could not be emitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmitError {
    /// A field holds a character the zone cannot carry.
    IllegalCharacter {
        /// The field.
        field: FieldName,
        /// The character.
        found: char,
    },
    /// A field is longer than its place in the format.
    TooLong {
        /// The field.
        field: FieldName,
        /// The most characters that fit.
        max: usize,
    },
    /// A date is not six digits or fillers, or the sex not `F`, `M` or `<`.
    InvalidValue {
        /// The field.
        field: FieldName,
    },
    /// A field that must be present is empty.
    Empty {
        /// The field.
        field: FieldName,
    },
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EmitError::IllegalCharacter { field, found } => {
                write!(
                    formatter,
                    "{}: '{found}' cannot be written in a zone",
                    field.key()
                )
            }
            EmitError::TooLong { field, max } => {
                write!(formatter, "{}: longer than {max} characters", field.key())
            }
            EmitError::InvalidValue { field } => write!(
                formatter,
                "{}: dates are YYMMDD ('<' for unknown birth-date parts), sex F, M or <",
                field.key()
            ),
            EmitError::Empty { field } => write!(formatter, "{}: must not be empty", field.key()),
        }
    }
}

impl std::error::Error for EmitError {}

/// Emits the zone's lines.
pub fn emit_mrz(fields: &MrzFields) -> Result<Vec<String>, EmitError> {
    let layout = layout(fields.format);
    for (field, date) in [
        (FieldName::BirthDate, &fields.birth_date),
        (FieldName::ExpiryDate, &fields.expiry_date),
    ] {
        if date.len() != 6
            || !date
                .bytes()
                .all(|byte| byte.is_ascii_digit() || byte == b'<')
        {
            return Err(EmitError::InvalidValue { field });
        }
    }
    if !matches!(fields.sex, 'F' | 'M' | '<') {
        return Err(EmitError::InvalidValue {
            field: FieldName::Sex,
        });
    }
    let mut lines = vec![vec![b'<'; usize::from(layout.width)]; usize::from(layout.line_count)];
    let mut put = |slot: Slot, field: FieldName, value: &str| -> Result<(), EmitError> {
        let bytes = mrz_bytes(field, value)?;
        if bytes.len() > usize::from(slot.len) {
            return Err(EmitError::TooLong {
                field,
                max: usize::from(slot.len),
            });
        }
        let line = &mut lines[usize::from(slot.line)];
        line[usize::from(slot.start)..usize::from(slot.start) + bytes.len()]
            .copy_from_slice(&bytes);
        Ok(())
    };
    if fields.document_code.is_empty() {
        return Err(EmitError::Empty {
            field: FieldName::DocumentCode,
        });
    }
    put(
        layout.document_code,
        FieldName::DocumentCode,
        &fields.document_code,
    )?;
    put(
        layout.issuing_state,
        FieldName::IssuingState,
        &fields.issuing_state,
    )?;
    let name = name_field(
        &fields.surname,
        &fields.given_names,
        usize::from(layout.name.len),
    )?;
    put(layout.name, FieldName::Name, &name)?;
    put(
        layout.nationality,
        FieldName::Nationality,
        &fields.nationality,
    )?;
    put(layout.birth_date, FieldName::BirthDate, &fields.birth_date)?;
    put(layout.sex, FieldName::Sex, &fields.sex.to_string())?;
    put(
        layout.expiry_date,
        FieldName::ExpiryDate,
        &fields.expiry_date,
    )?;
    if let Some(slot) = layout.optional_data_2 {
        put(slot, FieldName::OptionalData2, &fields.optional_data_2)?;
    }
    let optional_field = if layout.has_personal_number() {
        FieldName::PersonalNumber
    } else {
        FieldName::OptionalData
    };
    let number = mrz_bytes(FieldName::DocumentNumber, &fields.document_number)?;
    if number.is_empty() {
        return Err(EmitError::Empty {
            field: FieldName::DocumentNumber,
        });
    }
    let number_slot = layout.document_number;
    if number.len() <= usize::from(number_slot.len) {
        put(
            number_slot,
            FieldName::DocumentNumber,
            &fields.document_number,
        )?;
        put(layout.optional_data, optional_field, &fields.optional_data)?;
        let digit = digit_over(&lines, &[number_slot]);
        set(&mut lines, layout.document_number_check, digit);
    } else if layout.document_number_overflow {
        let (head, tail) = fields
            .document_number
            .split_at(usize::from(number_slot.len));
        let digit = char::from(b'0' + digit_of(&number));
        let continued = format!("{tail}{digit}<{}", fields.optional_data);
        put(number_slot, FieldName::DocumentNumber, head)?;
        put(
            layout.optional_data,
            optional_field,
            continued.trim_end_matches('<'),
        )?;
    } else {
        return Err(EmitError::TooLong {
            field: FieldName::DocumentNumber,
            max: usize::from(number_slot.len),
        });
    }
    set_check_digits(&mut lines, layout, fields.optional_data.is_empty());
    Ok(lines
        .into_iter()
        .map(|line| line.into_iter().map(char::from).collect())
        .collect())
}

fn set_check_digits(lines: &mut [Vec<u8>], layout: &Layout, personal_number_empty: bool) {
    let birth = digit_over(lines, &[layout.birth_date]);
    set(lines, layout.birth_date_check, birth);
    let expiry = digit_over(lines, &[layout.expiry_date]);
    set(lines, layout.expiry_date_check, expiry);
    if let Some(check) = layout.personal_number_check {
        // Part 4: an empty personal number may carry `<` as its check digit.
        let digit = if personal_number_empty {
            b'<'
        } else {
            digit_over(lines, &[layout.optional_data])
        };
        set(lines, check, digit);
    }
    if let Some(check) = layout.composite_check {
        let composite = digit_over(lines, layout.composite_covers);
        set(lines, check, composite);
    }
}

fn set(lines: &mut [Vec<u8>], slot: Slot, byte: u8) {
    lines[usize::from(slot.line)][usize::from(slot.start)] = byte;
}

fn digit_over(lines: &[Vec<u8>], slots: &[Slot]) -> u8 {
    let mut sum = CheckDigitSum::default();
    for slot in slots {
        sum.add(&lines[usize::from(slot.line)][slot.range()]);
    }
    b'0' + sum.digit().unwrap_or(0)
}

fn digit_of(data: &[u8]) -> u8 {
    let mut sum = CheckDigitSum::default();
    sum.add(data);
    sum.digit().unwrap_or(0)
}

/// The MRZ bytes of a value: uppercase, `[A-Z0-9<]` only.
fn mrz_bytes(field: FieldName, value: &str) -> Result<Vec<u8>, EmitError> {
    value
        .chars()
        .map(|character| {
            let upper = character.to_ascii_uppercase();
            if upper.is_ascii_uppercase() || upper.is_ascii_digit() || upper == '<' {
                Ok(upper as u8)
            } else {
                Err(EmitError::IllegalCharacter {
                    field,
                    found: character,
                })
            }
        })
        .collect()
}

/// Components of a name in MRZ form: transliterated per Part 3 §6 (preferred rendering),
/// separators become `<`, apostrophes vanish (Part 3 §4.6); digits are refused.
fn name_components(value: &str) -> Result<String, EmitError> {
    if let Some(digit) = value.chars().find(char::is_ascii_digit) {
        return Err(EmitError::IllegalCharacter {
            field: FieldName::Name,
            found: digit,
        });
    }
    Ok(crate::names::preferred_rendering(value))
}

/// The name field, truncated to `width` when needed: the secondary identifier is cut first;
/// if the primary alone is too long it is cut to leave `<<` and one secondary initial.
pub(crate) fn name_field(
    surname: &str,
    given_names: &str,
    width: usize,
) -> Result<String, EmitError> {
    let primary = name_components(surname)?;
    let secondary = name_components(given_names)?;
    if primary.is_empty() {
        return Err(EmitError::Empty {
            field: FieldName::Name,
        });
    }
    let full = if secondary.is_empty() {
        primary.clone()
    } else {
        format!("{primary}<<{secondary}")
    };
    if full.len() <= width {
        return Ok(full);
    }
    if secondary.is_empty() {
        return Ok(primary[..width].to_owned());
    }
    if primary.len() + 3 <= width {
        let mut truncated = full[..width].to_owned();
        while truncated.ends_with('<') {
            truncated.pop();
        }
        return Ok(truncated);
    }
    Ok(format!("{}<<{}", &primary[..width - 3], &secondary[..1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icao_name_examples() {
        // Doc 9303 Part 4 §4.2.3.1 (a)–(f), §4.2.3.4 and §4.2.3.2 (a)–(b), 39-character field
        // (vectors as pinned by the MIT `mrz` crate's tests/icao_vectors.rs).
        for (surname, given, expected) in [
            ("ERIKSSON", "ANNA MARIA", "ERIKSSON<<ANNA<MARIA"),
            ("HENG", "DEBORAH MING LO", "HENG<<DEBORAH<MING<LO"),
            (
                "SMITH-JONES",
                "SUSIE MARGARET",
                "SMITH<JONES<<SUSIE<MARGARET",
            ),
            ("O'CONNOR", "ENYA SIOBHAN", "OCONNOR<<ENYA<SIOBHAN"),
            (
                "AL-BASRI",
                "HUDA MUHAMMAD JAWAD",
                "AL<BASRI<<HUDA<MUHAMMAD<JAWAD",
            ),
            (
                "VILARCHAO FERNANDEZ",
                "JOSE RAMON",
                "VILARCHAO<FERNANDEZ<<JOSE<RAMON",
            ),
            ("ARKFREITH", "", "ARKFREITH"),
            (
                "PAPANDROPOULOUS",
                "JONATHON WARREN TREVOR",
                "PAPANDROPOULOUS<<JONATHON<WARREN<TREVOR",
            ),
            (
                "NILAVADHANANANDA",
                "CHAYAPA DEJTHAMRONG KRASUANG",
                "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K",
            ),
            (
                "NILAVADHANANANDA",
                "ARNPOL PETCH CHARONGUANG",
                "NILAVADHANANANDA<<ARNPOL<PETCH<CHARONGU",
            ),
        ] {
            assert_eq!(name_field(surname, given, 39).as_deref(), Ok(expected));
        }
        // Part 5 §4.2.3.3: fits the 30-character TD1 field exactly.
        assert_eq!(
            name_field("PAPANDROPOULOUS", "JONATHON ALEC", 30).as_deref(),
            Ok("PAPANDROPOULOUS<<JONATHON<ALEC")
        );
    }

    #[test]
    fn names_fit_or_are_truncated_ending_in_a_letter() {
        assert_eq!(
            name_field("Eriksson", "Anna Maria", 39).as_deref(),
            Ok("ERIKSSON<<ANNA<MARIA")
        );
        assert_eq!(name_field("D'Artagnan", "", 30).as_deref(), Ok("DARTAGNAN"));
        assert_eq!(
            name_field("Van der Muellen", "Jan", 30).as_deref(),
            Ok("VAN<DER<MUELLEN<<JAN")
        );
        // Secondary identifier cut first (Part 3 §4.6 truncation).
        let cut = name_field("Nilavadhanananda", "Chayapa Dejthamrong Krasuang", 30);
        assert_eq!(cut.as_deref(), Ok("NILAVADHANANANDA<<CHAYAPA<DEJT"));
        // Primary too long: cut to leave `<<` and one initial.
        let long = name_field("Abcdefghijklmnopqrstuvwxyzabcdefgh", "Zoe", 30);
        assert_eq!(long.as_deref(), Ok("ABCDEFGHIJKLMNOPQRSTUVWXYZA<<Z"));
        assert_eq!(
            name_field("Müller", "Jürgen", 30).as_deref(),
            Ok("MUELLER<<JUERGEN")
        );
        assert!(matches!(
            name_field("Smith2", "", 30),
            Err(EmitError::IllegalCharacter { .. })
        ));
    }
}
