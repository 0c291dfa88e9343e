//! One table of field positions for the five Doc 9303 layouts.
//!
//! Every parser, verifier and emitter step reads positions from [`layout`]; no format has code
//! of its own. Positions here are zero-based; the public [`Position`](super::Position) is
//! one-based as the specification prints them.

use super::Format;

/// A run of characters on one line: zero-based line, zero-based start, length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    pub(crate) line: u8,
    pub(crate) start: u8,
    pub(crate) len: u8,
}

impl Slot {
    const fn new(line: u8, start: u8, len: u8) -> Slot {
        Slot { line, start, len }
    }

    /// Byte range within a line buffer.
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        usize::from(self.start)..usize::from(self.start) + usize::from(self.len)
    }
}

/// Which document codes a layout allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocumentCodeRule {
    /// TD3: `P` followed by `<` or a Part 4 §4.4 type letter.
    Passport,
    /// TD1 and TD2: `A`, `C` or `I`, the second character not `V` (Part 5/6 note k).
    OfficialTravelDocument {
        /// `AI` is forbidden in TD1 only (Part 5 note k).
        forbids_ai: bool,
    },
    /// Visas: `V` followed by a type letter or `<` (Part 7 §4.2.2).
    Visa,
}

/// Field positions of one format.
#[derive(Debug)]
pub(crate) struct Layout {
    pub(crate) format: Format,
    pub(crate) line_count: u8,
    pub(crate) width: u8,
    pub(crate) document_code: Slot,
    pub(crate) issuing_state: Slot,
    pub(crate) name: Slot,
    pub(crate) document_number: Slot,
    pub(crate) document_number_check: Slot,
    pub(crate) nationality: Slot,
    pub(crate) birth_date: Slot,
    pub(crate) birth_date_check: Slot,
    pub(crate) sex: Slot,
    pub(crate) expiry_date: Slot,
    pub(crate) expiry_date_check: Slot,
    /// The optional-data element; on TD3 it is the personal number (Part 4 §4.2.2).
    pub(crate) optional_data: Slot,
    /// TD1's second optional-data element (Part 5 §4.2.2, line 2 positions 19–29).
    pub(crate) optional_data_2: Option<Slot>,
    /// TD3's personal-number check digit (Part 4, line 2 position 43).
    pub(crate) personal_number_check: Option<Slot>,
    pub(crate) composite_check: Option<Slot>,
    /// Segments the composite check digit covers, in order.
    pub(crate) composite_covers: &'static [Slot],
    /// Whether a long document number may continue in the optional data (note j).
    pub(crate) document_number_overflow: bool,
    pub(crate) document_code_rule: DocumentCodeRule,
}

impl Layout {
    /// Whether the optional data is the TD3 personal number.
    pub(crate) fn has_personal_number(&self) -> bool {
        self.personal_number_check.is_some()
    }
}

/// Doc 9303 Part 4 §4.2.2: TD3, two lines of 44.
static TD3: Layout = Layout {
    format: Format::Td3,
    line_count: 2,
    width: 44,
    document_code: Slot::new(0, 0, 2),
    issuing_state: Slot::new(0, 2, 3),
    name: Slot::new(0, 5, 39),
    document_number: Slot::new(1, 0, 9),
    document_number_check: Slot::new(1, 9, 1),
    nationality: Slot::new(1, 10, 3),
    birth_date: Slot::new(1, 13, 6),
    birth_date_check: Slot::new(1, 19, 1),
    sex: Slot::new(1, 20, 1),
    expiry_date: Slot::new(1, 21, 6),
    expiry_date_check: Slot::new(1, 27, 1),
    optional_data: Slot::new(1, 28, 14),
    optional_data_2: None,
    personal_number_check: Some(Slot::new(1, 42, 1)),
    composite_check: Some(Slot::new(1, 43, 1)),
    // Part 4 §4.2.4: positions 1–10, 14–20 and 22–43 of line 2.
    composite_covers: &[
        Slot::new(1, 0, 10),
        Slot::new(1, 13, 7),
        Slot::new(1, 21, 22),
    ],
    document_number_overflow: false,
    document_code_rule: DocumentCodeRule::Passport,
};

/// Doc 9303 Part 6 §4.2.2: TD2, two lines of 36.
static TD2: Layout = Layout {
    format: Format::Td2,
    line_count: 2,
    width: 36,
    document_code: Slot::new(0, 0, 2),
    issuing_state: Slot::new(0, 2, 3),
    name: Slot::new(0, 5, 31),
    document_number: Slot::new(1, 0, 9),
    document_number_check: Slot::new(1, 9, 1),
    nationality: Slot::new(1, 10, 3),
    birth_date: Slot::new(1, 13, 6),
    birth_date_check: Slot::new(1, 19, 1),
    sex: Slot::new(1, 20, 1),
    expiry_date: Slot::new(1, 21, 6),
    expiry_date_check: Slot::new(1, 27, 1),
    optional_data: Slot::new(1, 28, 7),
    optional_data_2: None,
    personal_number_check: None,
    composite_check: Some(Slot::new(1, 35, 1)),
    // Part 6 §4.2.4: positions 1–10, 14–20 and 22–35 of line 2.
    composite_covers: &[
        Slot::new(1, 0, 10),
        Slot::new(1, 13, 7),
        Slot::new(1, 21, 14),
    ],
    document_number_overflow: true,
    document_code_rule: DocumentCodeRule::OfficialTravelDocument { forbids_ai: false },
};

/// Doc 9303 Part 5 §4.2.2: TD1, three lines of 30.
static TD1: Layout = Layout {
    format: Format::Td1,
    line_count: 3,
    width: 30,
    document_code: Slot::new(0, 0, 2),
    issuing_state: Slot::new(0, 2, 3),
    name: Slot::new(2, 0, 30),
    document_number: Slot::new(0, 5, 9),
    document_number_check: Slot::new(0, 14, 1),
    nationality: Slot::new(1, 15, 3),
    birth_date: Slot::new(1, 0, 6),
    birth_date_check: Slot::new(1, 6, 1),
    sex: Slot::new(1, 7, 1),
    expiry_date: Slot::new(1, 8, 6),
    expiry_date_check: Slot::new(1, 14, 1),
    optional_data: Slot::new(0, 15, 15),
    optional_data_2: Some(Slot::new(1, 18, 11)),
    personal_number_check: None,
    composite_check: Some(Slot::new(1, 29, 1)),
    // Part 5 §4.2.4: line 1 positions 6–30, line 2 positions 1–7, 9–15 and 19–29.
    composite_covers: &[
        Slot::new(0, 5, 25),
        Slot::new(1, 0, 7),
        Slot::new(1, 8, 7),
        Slot::new(1, 18, 11),
    ],
    document_number_overflow: true,
    document_code_rule: DocumentCodeRule::OfficialTravelDocument { forbids_ai: true },
};

/// Doc 9303 Part 7 §4.2.2: MRV-A, two lines of 44, no composite check digit.
static MRV_A: Layout = Layout {
    format: Format::MrvA,
    line_count: 2,
    width: 44,
    document_code: Slot::new(0, 0, 2),
    issuing_state: Slot::new(0, 2, 3),
    name: Slot::new(0, 5, 39),
    document_number: Slot::new(1, 0, 9),
    document_number_check: Slot::new(1, 9, 1),
    nationality: Slot::new(1, 10, 3),
    birth_date: Slot::new(1, 13, 6),
    birth_date_check: Slot::new(1, 19, 1),
    sex: Slot::new(1, 20, 1),
    expiry_date: Slot::new(1, 21, 6),
    expiry_date_check: Slot::new(1, 27, 1),
    optional_data: Slot::new(1, 28, 16),
    optional_data_2: None,
    personal_number_check: None,
    composite_check: None,
    composite_covers: &[],
    document_number_overflow: false,
    document_code_rule: DocumentCodeRule::Visa,
};

/// Doc 9303 Part 7 §4.2.2: MRV-B, two lines of 36, no composite check digit.
static MRV_B: Layout = Layout {
    format: Format::MrvB,
    line_count: 2,
    width: 36,
    document_code: Slot::new(0, 0, 2),
    issuing_state: Slot::new(0, 2, 3),
    name: Slot::new(0, 5, 31),
    document_number: Slot::new(1, 0, 9),
    document_number_check: Slot::new(1, 9, 1),
    nationality: Slot::new(1, 10, 3),
    birth_date: Slot::new(1, 13, 6),
    birth_date_check: Slot::new(1, 19, 1),
    sex: Slot::new(1, 20, 1),
    expiry_date: Slot::new(1, 21, 6),
    expiry_date_check: Slot::new(1, 27, 1),
    optional_data: Slot::new(1, 28, 8),
    optional_data_2: None,
    personal_number_check: None,
    composite_check: None,
    composite_covers: &[],
    document_number_overflow: false,
    document_code_rule: DocumentCodeRule::Visa,
};

/// The layout of `format`.
pub(crate) fn layout(format: Format) -> &'static Layout {
    match format {
        Format::Td1 => &TD1,
        Format::Td2 => &TD2,
        Format::Td3 => &TD3,
        Format::MrvA => &MRV_A,
        Format::MrvB => &MRV_B,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_slots(layout: &Layout) -> Vec<Slot> {
        let mut slots = vec![
            layout.document_code,
            layout.issuing_state,
            layout.name,
            layout.document_number,
            layout.document_number_check,
            layout.nationality,
            layout.birth_date,
            layout.birth_date_check,
            layout.sex,
            layout.expiry_date,
            layout.expiry_date_check,
            layout.optional_data,
        ];
        slots.extend(layout.optional_data_2);
        slots.extend(layout.personal_number_check);
        slots.extend(layout.composite_check);
        slots
    }

    #[test]
    fn every_character_of_every_line_belongs_to_exactly_one_field() {
        for format in Format::ALL {
            let layout = layout(format);
            let mut owners = vec![0u8; usize::from(layout.line_count) * usize::from(layout.width)];
            for slot in all_slots(layout) {
                assert!(slot.start + slot.len <= layout.width, "{format:?} {slot:?}");
                for column in slot.range() {
                    owners[usize::from(slot.line) * usize::from(layout.width) + column] += 1;
                }
            }
            assert!(
                owners.iter().all(|&count| count == 1),
                "{format:?}: {owners:?}"
            );
        }
    }
}
