//! The Doc 9303 Part 3 §4.9 check digit: weights 7, 3, 1 repeating, modulus 10.
//!
//! `0`–`9` count as themselves, `A`–`Z` as 10–35 and the filler `<` as 0. Any other byte has no
//! value, and a check digit over it cannot be computed.

/// Value of each byte in the check-digit arithmetic, or `NO_VALUE`.
const NO_VALUE: u8 = u8::MAX;

static CHARACTER_VALUES: [u8; 256] = {
    let mut table = [NO_VALUE; 256];
    let mut digit = 0;
    while digit < 10 {
        table[(b'0' + digit) as usize] = digit;
        digit += 1;
    }
    let mut letter = 0;
    while letter < 26 {
        table[(b'A' + letter) as usize] = 10 + letter;
        letter += 1;
    }
    table[b'<' as usize] = 0;
    table
};

const WEIGHTS: [u32; 3] = [7, 3, 1];

/// Running weighted sum over one or more segments, so that a composite check digit can be
/// computed over non-contiguous ranges without copying them together.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CheckDigitSum {
    sum: u32,
    count: usize,
    illegal: bool,
}

impl CheckDigitSum {
    /// Adds the bytes of one segment, continuing the weight sequence.
    pub(crate) fn add(&mut self, segment: &[u8]) {
        for &byte in segment {
            let value = CHARACTER_VALUES[byte as usize];
            if value == NO_VALUE {
                self.illegal = true;
            }
            self.sum += u32::from(value) * WEIGHTS[self.count % 3];
            self.count += 1;
        }
    }

    /// The check digit, or `None` when a segment held a byte outside `[0-9A-Z<]`.
    pub(crate) fn digit(&self) -> Option<u8> {
        if self.illegal {
            None
        } else {
            Some((self.sum % 10) as u8)
        }
    }
}

/// The check digit of `data`, or `None` when it holds a byte outside `[0-9A-Z<]`.
pub fn check_digit(data: &[u8]) -> Option<u8> {
    let mut sum = CheckDigitSum::default();
    sum.add(data);
    sum.digit()
}

/// Whether `byte` belongs to the MRZ alphabet `[0-9A-Z<]`.
pub(crate) fn is_mrz_byte(byte: u8) -> bool {
    CHARACTER_VALUES[byte as usize] != NO_VALUE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icao_worked_examples() {
        // Doc 9303 Part 3 Appendix A, worked examples 1 and 2.
        assert_eq!(check_digit(b"520727"), Some(3));
        assert_eq!(check_digit(b"AB2134<<<"), Some(5));
        // Part 3 Appendix A, example 3: the TD3 composite sums to 448.
        assert_eq!(
            check_digit(b"HA672242<658022549601086<<<<<<<<<<<<<<0"),
            Some(8)
        );
    }

    #[test]
    fn segments_continue_the_weight_sequence() {
        let mut sum = CheckDigitSum::default();
        sum.add(b"AB2");
        sum.add(b"134<<<");
        assert_eq!(sum.digit(), check_digit(b"AB2134<<<"));
    }

    #[test]
    fn illegal_bytes_have_no_digit() {
        assert_eq!(check_digit(b"AB2a34"), None);
        assert!(!is_mrz_byte(b' '));
    }
}
