//! MRZ dates (`YYMMDD`, Doc 9303 Part 3 §4.8), possibly partly or wholly unknown (`<`).
//!
//! Doc 9303 has no century rule. The century is decided by the caller from the date's role
//! (a birth date lies in the past, an expiry date near the reference date) and a reference date.

use jiff::civil::Date;

/// Which role a date plays; it decides the century of a two-digit year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    /// A date of birth: the latest century that does not put it after the reference date.
    Birth,
    /// A date of expiry (or issue): the century that puts it within 50 years of the reference.
    Expiry,
}

/// A date as an MRZ prints it: each of year, month and day known or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MrzDate {
    /// Two-digit year, if both digits are printed.
    pub year_in_century: Option<u8>,
    /// Month, if both digits are printed.
    pub month: Option<u8>,
    /// Day, if both digits are printed.
    pub day: Option<u8>,
}

impl MrzDate {
    /// Reads six MRZ characters; `None` when a character is neither a digit nor `<`, or when
    /// the known parts name no calendar date.
    pub fn from_field(field: &[u8]) -> Option<MrzDate> {
        let [y1, y2, m1, m2, d1, d2] = <[u8; 6]>::try_from(field).ok()?;
        let date = MrzDate {
            year_in_century: two_digits(y1, y2)?,
            month: two_digits(m1, m2)?,
            day: two_digits(d1, d2)?,
        };
        date.is_calendar_plausible().then_some(date)
    }

    /// Whether year, month and day are all known.
    pub fn is_complete(&self) -> bool {
        self.year_in_century.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// Whether nothing is known.
    pub fn is_unknown(&self) -> bool {
        self.year_in_century.is_none() && self.month.is_none() && self.day.is_none()
    }

    /// Four-digit year for `role` relative to `reference`, if the year is known.
    pub fn resolve_year(&self, role: DateRole, reference: Date) -> Option<i16> {
        let two_digit = i16::from(self.year_in_century?);
        let reference_year = reference.year();
        let mut year = reference_year - reference_year.rem_euclid(100) + two_digit;
        match role {
            DateRole::Birth => {
                let month_day = (self.month.unwrap_or(1), self.day.unwrap_or(1));
                let reference_month_day = (reference.month() as u8, reference.day() as u8);
                if year > reference_year
                    || (year == reference_year && month_day > reference_month_day)
                {
                    year -= 100;
                }
            }
            DateRole::Expiry => {
                if year >= reference_year + 50 {
                    year -= 100;
                } else if year < reference_year - 50 {
                    year += 100;
                }
            }
        }
        Some(year)
    }

    /// The calendar date for `role` relative to `reference`, if every part is known.
    pub fn resolve(&self, role: DateRole, reference: Date) -> Option<Date> {
        let year = self.resolve_year(role, reference)?;
        Date::new(
            year,
            i8::try_from(self.month?).ok()?,
            i8::try_from(self.day?).ok()?,
        )
        .ok()
    }

    /// Whether this MRZ date agrees with a full date in every part it knows.
    pub fn agrees_with(&self, date: Date) -> bool {
        let year_ok = self
            .year_in_century
            .is_none_or(|yy| i16::from(yy) == date.year().rem_euclid(100));
        let month_ok = self
            .month
            .is_none_or(|month| i8::try_from(month) == Ok(date.month()));
        let day_ok = self
            .day
            .is_none_or(|day| i8::try_from(day) == Ok(date.day()));
        year_ok && month_ok && day_ok
    }

    /// `YYMMDD` with `<` for unknown parts.
    pub fn to_field(&self) -> String {
        let part = |value: Option<u8>| value.map_or_else(|| "<<".to_owned(), |v| format!("{v:02}"));
        format!(
            "{}{}{}",
            part(self.year_in_century),
            part(self.month),
            part(self.day)
        )
    }

    fn is_calendar_plausible(&self) -> bool {
        if let Some(month) = self.month
            && !(1..=12).contains(&month)
        {
            return false;
        }
        let Some(day) = self.day else { return true };
        let longest = match self.month {
            None => 31,
            Some(2) => match self.year_in_century {
                // Without the century, 00 may be 2000 (leap) or 1900 (not): accept the 29th.
                Some(yy) if yy % 4 != 0 => 28,
                _ => 29,
            },
            Some(4 | 6 | 9 | 11) => 30,
            Some(_) => 31,
        };
        (1..=longest).contains(&day)
    }
}

/// Two characters as a number: `Some(Some(n))` for digits, `Some(None)` for `<<`, `None` else.
fn two_digits(first: u8, second: u8) -> Option<Option<u8>> {
    match (first, second) {
        (b'0'..=b'9', b'0'..=b'9') => Some(Some((first - b'0') * 10 + (second - b'0'))),
        (b'<', b'<') => Some(None),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn reads_complete_partial_and_unknown_dates() {
        let complete = MrzDate::from_field(b"740812");
        assert_eq!(
            complete.map(|d| (d.year_in_century, d.month, d.day)),
            Some((Some(74), Some(8), Some(12)))
        );
        let partial = MrzDate::from_field(b"74<<<<");
        assert_eq!(
            partial.map(|d| (d.year_in_century, d.month)),
            Some((Some(74), None))
        );
        assert!(MrzDate::from_field(b"<<<<<<").is_some_and(|d| d.is_unknown()));
        assert_eq!(MrzDate::from_field(b"741312"), None);
        assert_eq!(MrzDate::from_field(b"750229"), None);
        assert!(MrzDate::from_field(b"000229").is_some());
        assert_eq!(MrzDate::from_field(b"7A0812"), None);
        assert_eq!(MrzDate::from_field(b"7<0812"), None);
    }

    #[test]
    fn century_follows_the_role() {
        let reference = date(2026, 11, 27);
        let Some(birth) = MrzDate::from_field(b"300101") else {
            panic!("parse")
        };
        assert_eq!(
            birth.resolve(DateRole::Birth, reference),
            Some(date(1930, 1, 1))
        );
        assert_eq!(
            birth.resolve(DateRole::Expiry, reference),
            Some(date(2030, 1, 1))
        );
        let Some(today) = MrzDate::from_field(b"261127") else {
            panic!("parse")
        };
        assert_eq!(
            today.resolve(DateRole::Birth, reference),
            Some(date(2026, 11, 27))
        );
        let Some(tomorrow) = MrzDate::from_field(b"261128") else {
            panic!("parse")
        };
        assert_eq!(
            tomorrow.resolve(DateRole::Birth, reference),
            Some(date(1926, 11, 28))
        );
        let Some(old_expiry) = MrzDate::from_field(b"950623") else {
            panic!("parse")
        };
        assert_eq!(
            old_expiry.resolve(DateRole::Expiry, reference),
            Some(date(1995, 6, 23))
        );
    }
}
