//! Runtime values, static types and the fixed-point decimal used for numbers and money.
//!
//! Numbers never use floating point: a [`Decimal`] is an `i64` counting ten-thousandths, so
//! money in minor units and ratios such as 0.5 are exact. Products and quotients are rounded
//! half away from zero to four places; packs round further only where they say so.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;

/// Scale of [`Decimal`]: the number of units in one.
const SCALE: i64 = 10_000;

/// A fixed-point decimal number with four fractional digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Decimal(i64);

/// How a value is rounded to a number of decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Half away from zero (commercial rounding).
    HalfUp,
    /// Towards zero.
    Down,
    /// Away from zero.
    Up,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal(0);

    /// A whole number.
    pub fn from_int(value: i64) -> Option<Decimal> {
        value.checked_mul(SCALE).map(Decimal)
    }

    /// The raw count of ten-thousandths.
    pub fn raw(self) -> i64 {
        self.0
    }

    /// Parses `-12`, `3.5`, `1200.00`; at most four fractional digits.
    pub fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let well_formed = !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.len() <= 4
            && fraction.bytes().all(|b| b.is_ascii_digit())
            && !(digits.contains('.') && fraction.is_empty());
        if !well_formed {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let mut fraction_units: i64 = 0;
        for (position, digit) in fraction.bytes().enumerate() {
            fraction_units += i64::from(digit - b'0') * 10_i64.pow(3 - position as u32);
        }
        let magnitude = whole.checked_mul(SCALE)?.checked_add(fraction_units)?;
        Some(Decimal(if negative { -magnitude } else { magnitude }))
    }

    /// Sum, or `None` on overflow.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        self.0.checked_add(other.0).map(Decimal)
    }

    /// Difference, or `None` on overflow.
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.0.checked_sub(other.0).map(Decimal)
    }

    /// Product rounded half away from zero to four places, or `None` on overflow.
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let product = i128::from(self.0) * i128::from(other.0);
        i64::try_from(divide_half_up(product, i128::from(SCALE)))
            .ok()
            .map(Decimal)
    }

    /// Quotient rounded half away from zero to four places, or `None` on division by zero or overflow.
    pub fn checked_div(self, other: Decimal) -> Option<Decimal> {
        if other.0 == 0 {
            return None;
        }
        let numerator = i128::from(self.0) * i128::from(SCALE);
        i64::try_from(divide_half_up(numerator, i128::from(other.0)))
            .ok()
            .map(Decimal)
    }

    /// Rounds to `places` decimal places (0 to 4) with the given mode.
    pub fn round(self, places: u32, mode: RoundingMode) -> Decimal {
        let places = places.min(4);
        let step = 10_i64.pow(4 - places);
        let remainder = self.0 % step;
        if remainder == 0 {
            return self;
        }
        let truncated = self.0 - remainder;
        let away = if self.0 < 0 { -step } else { step };
        let rounded = match mode {
            RoundingMode::Down => truncated,
            RoundingMode::Up => truncated.saturating_add(away),
            RoundingMode::HalfUp if remainder.abs() * 2 >= step => truncated.saturating_add(away),
            RoundingMode::HalfUp => truncated,
        };
        Decimal(rounded)
    }
}

fn divide_half_up(numerator: i128, denominator: i128) -> i128 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder.abs() * 2 >= denominator.abs() {
        if (numerator < 0) != (denominator < 0) {
            quotient - 1
        } else {
            quotient + 1
        }
    } else {
        quotient
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let whole = magnitude / SCALE as u64;
        let fraction = magnitude % SCALE as u64;
        if fraction == 0 {
            return write!(formatter, "{sign}{whole}");
        }
        let digits = format!("{fraction:04}");
        write!(formatter, "{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// The static type of a fact, parameter, computed value or expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// True or false.
    Bool,
    /// A plain decimal number (counts, points, ages, durations in their declared unit).
    Number,
    /// An amount of money in one currency (ISO 4217 code).
    Money(Arc<str>),
    /// A calendar date.
    Date,
    /// One value of a named enumeration of the pack.
    Enum(usize),
    /// Free text or a code (e.g. an ISO 3166 country code).
    Text,
    /// A set of values of a named enumeration (at most 64 values).
    Set(usize),
}

/// A known value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A boolean.
    Bool(bool),
    /// A number or an amount of money (the currency is part of the static type).
    Number(Decimal),
    /// A date.
    Date(Date),
    /// The index of a value within its enumeration.
    Enum(u16),
    /// Text or a code.
    Text(Arc<str>),
    /// A set of enumeration values as a bit mask over their indexes.
    Set(u64),
}

impl Value {
    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            Value::Number(value) => Some(*value),
            _ => None,
        }
    }

    /// The date, if this is one.
    pub fn as_date(&self) -> Option<Date> {
        match self {
            Value::Date(value) => Some(*value),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_and_prints_decimals() {
        for (text, printed) in [
            ("12", "12"),
            ("-3.5", "-3.5"),
            ("1200.00", "1200"),
            ("0.0001", "0.0001"),
        ] {
            assert_eq!(Decimal::parse(text).unwrap().to_string(), printed);
        }
        for bad in ["", "1.", ".5", "1.23456", "1e3", "--1", "abc"] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn rounds_explicitly() {
        let value = Decimal::parse("2.5").unwrap();
        assert_eq!(value.round(0, RoundingMode::HalfUp).to_string(), "3");
        assert_eq!(value.round(0, RoundingMode::Down).to_string(), "2");
        assert_eq!(
            Decimal::parse("-2.5")
                .unwrap()
                .round(0, RoundingMode::HalfUp)
                .to_string(),
            "-3"
        );
        assert_eq!(
            Decimal::parse("2.01")
                .unwrap()
                .round(0, RoundingMode::Up)
                .to_string(),
            "3"
        );
    }

    #[test]
    fn divides_with_half_up_rounding() {
        let two = Decimal::from_int(2).unwrap();
        let three = Decimal::from_int(3).unwrap();
        assert_eq!(two.checked_div(three).unwrap().to_string(), "0.6667");
        assert_eq!(two.checked_div(Decimal::ZERO), None);
        assert_eq!(two.checked_mul(three).unwrap().to_string(), "6");
    }
}
