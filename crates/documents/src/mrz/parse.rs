//! The parser and verifier: text in, [`Mrz`] out, never an error.
//!
//! Each step reads the positions from the layout table and appends issues; a problem in one
//! field never hides the others. Nothing allocates on a conformant zone.

use jiff::civil::Date;

use super::check_digit::{CheckDigitSum, is_mrz_byte};
use super::codes::{CodeCategory, lookup_code};
use super::date::{DateRole, MrzDate};
use super::issuers::{Deviation, find_document_code_profile, find_profile};
use super::layout::{DocumentCodeRule, Layout, Slot, layout};
use super::{CheckOutcome, CheckedField, FieldName, Format, MrzIssue, MrzIssueKind, Position};

/// Settings of one verification.
#[derive(Debug, Clone, Copy, Default)]
pub struct MrzOptions {
    /// Reference date for the expiry check; no expiry check without it.
    pub as_of: Option<Date>,
}

/// Widest line of any format.
const MAX_WIDTH: usize = 44;
/// Most lines of any format.
const MAX_LINES: usize = 3;
/// Stands for a missing or illegal character in the line buffer.
const NO_CHARACTER: u8 = b'?';

/// A parsed and verified zone.
#[derive(Debug, Clone)]
pub struct Mrz {
    format: Option<Format>,
    lines: [[u8; MAX_WIDTH]; MAX_LINES],
    checks: [CheckOutcome; 5],
    /// The continuation of a long document number (note j), without its check digit.
    document_number_overflow: Option<Slot>,
    /// Where the optional data starts after a long document number's overflow.
    optional_data_after_overflow: Option<Slot>,
    birth_date: Option<MrzDate>,
    expiry_date: Option<MrzDate>,
    errors: Vec<MrzIssue>,
    warnings: Vec<MrzIssue>,
}

/// One field as printed, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MrzField<'a> {
    /// The characters as printed, fillers included.
    pub raw: &'a str,
    /// Where the field sits.
    pub position: Position,
}

/// Parses and verifies a zone given as its lines separated by newlines.
pub fn parse_mrz(text: &str, options: &MrzOptions) -> Mrz {
    let mut mrz = Mrz {
        format: None,
        lines: [[NO_CHARACTER; MAX_WIDTH]; MAX_LINES],
        checks: [CheckOutcome::NotPrinted; 5],
        document_number_overflow: None,
        optional_data_after_overflow: None,
        birth_date: None,
        expiry_date: None,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let mut lines = [""; MAX_LINES];
    let mut line_count = 0;
    for line in text.trim().lines().map(str::trim_end) {
        if let Some(slot) = lines.get_mut(line_count) {
            *slot = line;
        }
        line_count += 1;
    }
    let Some(format) = detect_format(&lines, line_count) else {
        mrz.errors.push(MrzIssue {
            kind: MrzIssueKind::LineCount { found: line_count },
            position: None,
        });
        return mrz;
    };
    mrz.format = Some(format);
    let layout = layout(format);
    for (index, line) in lines.iter().take(line_count).enumerate() {
        mrz.read_line(index, line, layout);
    }
    mrz.check_document_code(layout);
    mrz.check_code_field(FieldName::IssuingState, layout.issuing_state);
    mrz.check_code_field(FieldName::Nationality, layout.nationality);
    mrz.check_name(layout);
    mrz.check_document_number(layout);
    mrz.birth_date = mrz.check_date(FieldName::BirthDate, layout.birth_date, DateRole::Birth);
    mrz.expiry_date = mrz.check_date(FieldName::ExpiryDate, layout.expiry_date, DateRole::Expiry);
    mrz.verify_digit(
        CheckedField::BirthDate,
        &[layout.birth_date],
        layout.birth_date_check,
    );
    mrz.verify_digit(
        CheckedField::ExpiryDate,
        &[layout.expiry_date],
        layout.expiry_date_check,
    );
    mrz.check_sex(layout.sex);
    mrz.check_personal_number(layout);
    if let Some(composite) = layout.composite_check {
        mrz.verify_digit(CheckedField::Composite, layout.composite_covers, composite);
    }
    if let Some(as_of) = options.as_of {
        mrz.check_expiry(layout, as_of);
    }
    mrz
}

/// Chooses the format from the number of lines, their length and the first character.
fn detect_format(lines: &[&str; MAX_LINES], line_count: usize) -> Option<Format> {
    let is_visa = lines[0].starts_with('V');
    match line_count {
        3 => Some(Format::Td1),
        2 => {
            let longest = lines
                .iter()
                .map(|line| {
                    if line.is_ascii() {
                        line.len()
                    } else {
                        line.chars().count()
                    }
                })
                .max()
                .unwrap_or(0);
            Some(match (longest >= 40, is_visa) {
                (true, true) => Format::MrvA,
                (true, false) => Format::Td3,
                (false, true) => Format::MrvB,
                (false, false) => Format::Td2,
            })
        }
        _ => None,
    }
}

impl Mrz {
    /// The detected format; `None` when the line count fits none.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// Whether every printed check digit verifies and the structure conforms.
    pub fn is_valid(&self) -> bool {
        self.format.is_some() && self.errors.is_empty()
    }

    /// Errors: any of them makes the zone invalid.
    pub fn errors(&self) -> &[MrzIssue] {
        &self.errors
    }

    /// Warnings: worth a look, but the zone stays valid.
    pub fn warnings(&self) -> &[MrzIssue] {
        &self.warnings
    }

    /// The outcome of one check digit.
    pub fn check(&self, field: CheckedField) -> CheckOutcome {
        self.checks[field.index()]
    }

    /// One field as printed and its position; `None` if the format has no such field.
    pub fn field(&self, name: FieldName) -> Option<MrzField<'_>> {
        let layout = layout(self.format?);
        let slot = match name {
            FieldName::DocumentCode => layout.document_code,
            FieldName::IssuingState => layout.issuing_state,
            FieldName::Name => layout.name,
            FieldName::DocumentNumber => layout.document_number,
            FieldName::Nationality => layout.nationality,
            FieldName::BirthDate => layout.birth_date,
            FieldName::Sex => layout.sex,
            FieldName::ExpiryDate => layout.expiry_date,
            FieldName::PersonalNumber if layout.has_personal_number() => layout.optional_data,
            FieldName::PersonalNumber => return None,
            FieldName::OptionalData if layout.has_personal_number() => return None,
            FieldName::OptionalData => self
                .optional_data_after_overflow
                .unwrap_or(layout.optional_data),
            FieldName::OptionalData2 => layout.optional_data_2?,
        };
        Some(MrzField {
            raw: self.text(slot),
            position: Position::of_slot(slot),
        })
    }

    /// The value of a field with its fillers removed; names keep their `<` separators.
    pub fn value(&self, name: FieldName) -> Option<&str> {
        self.field(name)
            .map(|field| field.raw.trim_end_matches('<'))
    }

    /// The whole document number, including a long number's continuation (note j).
    pub fn document_number(&self) -> Option<String> {
        let main = self.value(FieldName::DocumentNumber)?;
        Some(match self.document_number_overflow {
            Some(overflow) => format!(
                "{}{}",
                self.text_of(FieldName::DocumentNumber)?,
                self.text(overflow)
            ),
            None => main.to_owned(),
        })
    }

    /// Where a long document number's continuation sits, if there is one.
    pub fn document_number_overflow(&self) -> Option<Position> {
        self.document_number_overflow.map(Position::of_slot)
    }

    /// The primary identifier (surname), components separated by spaces.
    pub fn surname(&self) -> Option<String> {
        let name = self.field(FieldName::Name)?.raw;
        let primary = name.split_once("<<").map_or(name, |(primary, _)| primary);
        Some(join_components(primary))
    }

    /// The secondary identifier (given names), components separated by spaces.
    pub fn given_names(&self) -> Option<String> {
        let name = self.field(FieldName::Name)?.raw;
        Some(
            name.split_once("<<")
                .map_or_else(String::new, |(_, rest)| join_components(rest)),
        )
    }

    /// The date of birth, if it is digits and fillers naming a possible date.
    pub fn birth_date(&self) -> Option<MrzDate> {
        self.birth_date
    }

    /// The date of expiry, if it is digits naming a possible date.
    pub fn expiry_date(&self) -> Option<MrzDate> {
        self.expiry_date
    }

    /// The sex as printed (`F`, `M`, `<`, or a non-conformant character).
    pub fn sex(&self) -> Option<char> {
        self.field(FieldName::Sex)
            .and_then(|field| field.raw.chars().next())
    }

    fn text_of(&self, name: FieldName) -> Option<&str> {
        self.field(name).map(|field| field.raw)
    }

    fn bytes(&self, slot: Slot) -> &[u8] {
        self.lines[usize::from(slot.line)]
            .get(slot.range())
            .unwrap_or(&[])
    }

    fn text(&self, slot: Slot) -> &str {
        // The buffer holds ASCII only, so this never fails.
        std::str::from_utf8(self.bytes(slot)).unwrap_or("")
    }

    fn error(&mut self, kind: MrzIssueKind, slot: Slot) {
        self.errors.push(MrzIssue {
            kind,
            position: Some(Position::of_slot(slot)),
        });
    }

    fn warning(&mut self, kind: MrzIssueKind, slot: Slot) {
        self.warnings.push(MrzIssue {
            kind,
            position: Some(Position::of_slot(slot)),
        });
    }

    fn read_line(&mut self, index: usize, line: &str, layout: &Layout) {
        let width = usize::from(layout.width);
        // Fast path: a conformant line is copied as it is.
        if line.len() == width && line.bytes().all(is_mrz_byte) {
            self.lines[index][..width].copy_from_slice(line.as_bytes());
            return;
        }
        let mut length = 0;
        for (column, character) in line.chars().enumerate() {
            length += 1;
            let Some(cell) = self.lines[index].get_mut(column).filter(|_| column < width) else {
                continue;
            };
            let slot = Slot {
                line: index as u8,
                start: column as u8,
                len: 1,
            };
            let byte = u8::try_from(character).unwrap_or(NO_CHARACTER);
            if is_mrz_byte(byte) {
                *cell = byte;
            } else if character.is_ascii_lowercase() {
                *cell = byte.to_ascii_uppercase();
                self.error(MrzIssueKind::LowercaseCharacter { found: character }, slot);
            } else {
                self.error(MrzIssueKind::IllegalCharacter { found: character }, slot);
            }
        }
        if length != width {
            self.errors.push(MrzIssue {
                kind: MrzIssueKind::LineLength {
                    expected: width,
                    found: length,
                },
                position: Some(Position {
                    line: index as u8 + 1,
                    column: length.min(width) as u8 + 1,
                    length: 0,
                }),
            });
        }
    }

    fn check_document_code(&mut self, layout: &Layout) {
        let slot = layout.document_code;
        let [first, second] = match self.bytes(slot) {
            &[first, second] => [first, second],
            _ => return,
        };
        let second_ok = second.is_ascii_uppercase() || second == b'<';
        let conforms = match layout.document_code_rule {
            DocumentCodeRule::Passport => first == b'P' && second_ok,
            DocumentCodeRule::OfficialTravelDocument { forbids_ai } => {
                matches!(first, b'A' | b'C' | b'I')
                    && second_ok
                    && second != b'V'
                    && !(forbids_ai && first == b'A' && second == b'I')
            }
            DocumentCodeRule::Visa => first == b'V' && second_ok,
        };
        if conforms {
            if layout.document_code_rule == DocumentCodeRule::Passport
                && !b"<PEDORTSLM".contains(&second)
            {
                self.warning(MrzIssueKind::DocumentCodeOutsideTable, slot);
            }
            return;
        }
        let issuer = self.bytes(layout.issuing_state).to_owned();
        let code = self.text(slot).trim_end_matches('<').to_owned();
        let profile = find_document_code_profile(&issuer, layout.format, &code);
        match profile {
            Some(profile) => self.warning(MrzIssueKind::IssuerDeviation { profile }, slot),
            None => self.error(
                MrzIssueKind::DocumentCode {
                    format: layout.format,
                },
                slot,
            ),
        }
    }

    fn check_code_field(&mut self, field: FieldName, slot: Slot) {
        let Some(row) = lookup_code(self.text(slot)) else {
            self.error(MrzIssueKind::UnknownCode { field }, slot);
            return;
        };
        if !self.text(slot).starts_with(row.code) {
            self.error(MrzIssueKind::UnknownCode { field }, slot);
            return;
        }
        match row.category {
            CodeCategory::Deprecated => self.warning(MrzIssueKind::DeprecatedCode { field }, slot),
            CodeCategory::Specimen => self.warning(MrzIssueKind::SpecimenCode { field }, slot),
            _ => {}
        }
    }

    fn check_name(&mut self, layout: &Layout) {
        let slot = layout.name;
        let bytes = self.bytes(slot);
        let digit = bytes.iter().position(u8::is_ascii_digit);
        let starts_with_filler = bytes.first() == Some(&b'<');
        let ends_with_letter = bytes.last().is_some_and(u8::is_ascii_uppercase);
        let misplaced_filler = misplaced_filler_run(bytes);
        let digit = digit.map(|offset| (offset, char::from(bytes[offset])));
        if let Some((offset, found)) = digit {
            let at = Slot {
                start: slot.start + offset as u8,
                len: 1,
                ..slot
            };
            self.error(
                MrzIssueKind::UnexpectedCharacter {
                    field: FieldName::Name,
                    found,
                },
                at,
            );
        }
        if starts_with_filler {
            let issuer = self.bytes(layout.issuing_state).to_owned();
            let at = Slot { len: 1, ..slot };
            match find_profile(&issuer, layout.format, Deviation::EmptyPrimaryIdentifier) {
                Some(profile) => self.warning(MrzIssueKind::IssuerDeviation { profile }, at),
                None => self.error(
                    MrzIssueKind::LeadingFiller {
                        field: FieldName::Name,
                    },
                    at,
                ),
            }
        }
        if let Some(offset) = misplaced_filler {
            let at = Slot {
                start: slot.start + offset as u8,
                len: 1,
                ..slot
            };
            self.error(MrzIssueKind::NameStructure, at);
        }
        if ends_with_letter {
            let at = Slot {
                start: slot.start + slot.len - 1,
                len: 1,
                ..slot
            };
            self.warning(MrzIssueKind::NamePossiblyTruncated, at);
        }
    }

    fn check_document_number(&mut self, layout: &Layout) {
        let number = layout.document_number;
        if self.bytes(number).first() == Some(&b'<') {
            self.error(
                MrzIssueKind::LeadingFiller {
                    field: FieldName::DocumentNumber,
                },
                number,
            );
        }
        let check = layout.document_number_check;
        let number_is_full = !self.bytes(number).contains(&b'<');
        if layout.document_number_overflow && number_is_full && self.bytes(check) == b"<" {
            self.check_long_document_number(layout);
        } else {
            self.verify_digit(CheckedField::DocumentNumber, &[number], check);
        }
    }

    /// Note j of Parts 5 and 6: nine characters, `<` in the check digit, the rest of the number
    /// and its check digit at the start of the optional data, then a filler.
    fn check_long_document_number(&mut self, layout: &Layout) {
        let optional = layout.optional_data;
        let run = self
            .bytes(optional)
            .iter()
            .take_while(|&&byte| byte != b'<')
            .count();
        if run < 2 {
            self.error(
                MrzIssueKind::MissingDocumentNumberOverflow,
                layout.document_number_check,
            );
            self.checks[CheckedField::DocumentNumber.index()] = CheckOutcome::Failed {
                expected: None,
                printed: '<',
            };
            return;
        }
        let overflow = Slot {
            len: run as u8 - 1,
            ..optional
        };
        let check = Slot {
            start: optional.start + run as u8 - 1,
            len: 1,
            ..optional
        };
        let after = (optional.start + run as u8 + 1).min(optional.start + optional.len);
        self.document_number_overflow = Some(overflow);
        self.optional_data_after_overflow = Some(Slot {
            start: after,
            len: optional.start + optional.len - after,
            ..optional
        });
        let outcome = self.verify_digit(
            CheckedField::DocumentNumber,
            &[layout.document_number, overflow],
            check,
        );
        if outcome == CheckOutcome::Verified {
            return;
        }
        let with_filler = [
            layout.document_number,
            layout.document_number_check,
            overflow,
        ];
        let issuer = self.bytes(layout.issuing_state).to_owned();
        let profile = find_profile(
            &issuer,
            layout.format,
            Deviation::LongNumberCheckDigitCoversFiller,
        );
        if let Some(profile) = profile
            && self.digit_matches(&with_filler, check)
        {
            self.errors.pop();
            self.checks[CheckedField::DocumentNumber.index()] = CheckOutcome::Verified;
            self.warning(MrzIssueKind::IssuerDeviation { profile }, check);
        }
    }

    fn check_date(&mut self, field: FieldName, slot: Slot, role: DateRole) -> Option<MrzDate> {
        let bytes = self.bytes(slot);
        if bytes.contains(&NO_CHARACTER) {
            return None;
        }
        let date = MrzDate::from_field(bytes);
        match (date, role) {
            (None, _) => self.error(MrzIssueKind::InvalidDate { field }, slot),
            (Some(date), DateRole::Birth) if !date.is_complete() => {
                self.warning(MrzIssueKind::UnknownBirthDate, slot);
            }
            (Some(date), DateRole::Expiry) if !date.is_complete() => {
                self.error(MrzIssueKind::UnknownExpiryDate, slot);
            }
            _ => {}
        }
        date
    }

    fn check_sex(&mut self, slot: Slot) {
        match self.bytes(slot) {
            b"F" | b"M" | b"<" | b"?" => {}
            b"X" => self.warning(MrzIssueKind::NonConformantSex, slot),
            other => {
                let found = other.first().map_or(' ', |&byte| char::from(byte));
                self.error(MrzIssueKind::InvalidSex { found }, slot);
            }
        }
    }

    /// Part 4 line 2 position 43: over positions 29–42; `<` or `0` when they are all fillers.
    fn check_personal_number(&mut self, layout: &Layout) {
        let Some(check) = layout.personal_number_check else {
            return;
        };
        let number = layout.optional_data;
        let all_fillers = self.bytes(number).iter().all(|&byte| byte == b'<');
        if all_fillers && matches!(self.bytes(check), b"<" | b"0") {
            self.checks[CheckedField::PersonalNumber.index()] = CheckOutcome::Verified;
            return;
        }
        self.verify_digit(CheckedField::PersonalNumber, &[number], check);
    }

    fn check_expiry(&mut self, layout: &Layout, as_of: Date) {
        let expiry = self
            .expiry_date
            .and_then(|date| date.resolve(DateRole::Expiry, as_of));
        if expiry.is_some_and(|expiry| expiry < as_of) {
            self.warning(MrzIssueKind::Expired, layout.expiry_date);
        }
    }

    fn digit_matches(&self, data: &[Slot], check: Slot) -> bool {
        let mut sum = CheckDigitSum::default();
        for &slot in data {
            sum.add(self.bytes(slot));
        }
        match (sum.digit(), self.bytes(check)) {
            (Some(expected), &[printed]) => printed == b'0' + expected,
            _ => false,
        }
    }

    fn verify_digit(&mut self, field: CheckedField, data: &[Slot], check: Slot) -> CheckOutcome {
        let mut sum = CheckDigitSum::default();
        for &slot in data {
            sum.add(self.bytes(slot));
        }
        let expected = sum.digit();
        let printed = self.bytes(check).first().copied().unwrap_or(NO_CHARACTER);
        let outcome = match expected {
            Some(digit) if printed == b'0' + digit => CheckOutcome::Verified,
            _ => CheckOutcome::Failed {
                expected,
                printed: char::from(printed),
            },
        };
        self.checks[field.index()] = outcome;
        if let CheckOutcome::Failed { expected, printed } = outcome {
            self.error(
                MrzIssueKind::CheckDigit {
                    field,
                    expected,
                    printed,
                },
                check,
            );
        }
        outcome
    }
}

/// Offset of the first letter that follows a run of three or more fillers, or a second `<<`
/// separator: Part 3 §4.6 joins components by one `<`, the two identifiers by `<<`, and pads
/// only at the end.
fn misplaced_filler_run(name: &[u8]) -> Option<usize> {
    let mut run = 0;
    let mut separators = 0;
    let mut seen_letter = false;
    for (offset, &byte) in name.iter().enumerate() {
        if byte == b'<' {
            run += 1;
            continue;
        }
        if seen_letter && (run >= 3 || (run == 2 && separators == 1)) {
            return Some(offset);
        }
        if run == 2 {
            separators += 1;
        }
        run = 0;
        seen_letter = true;
    }
    None
}

/// `ANNA<MARIA<<<` → `ANNA MARIA`.
fn join_components(field: &str) -> String {
    field
        .split('<')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
