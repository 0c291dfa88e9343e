//! Calendar arithmetic the law needs: age on a date, whole months between dates, adding months.
//!
//! Birthdays on 29 February: a person born on 29 February reaches a new year of age on
//! 1 March in common years (the day after 28 February), which is how the German civil code
//! (BGB §187(2), §188(2)) and most registries count. Adding months clamps to the last day of
//! the target month (31 January + 1 month = 28 or 29 February).

use jiff::civil::Date;

/// Completed years of age on `on` for a person born on `birth`; negative if not yet born.
pub fn age_on(birth: Date, on: Date) -> i64 {
    let mut years = i64::from(on.year()) - i64::from(birth.year());
    if (on.month(), on.day()) < birthday_in_year(birth, on.year()) {
        years -= 1;
    }
    years
}

/// The (month, day) on which someone born on `birth` has their birthday in `year`.
fn birthday_in_year(birth: Date, year: i16) -> (i8, i8) {
    let is_leap_birthday = birth.month() == 2 && birth.day() == 29;
    let year_is_leap = Date::new(year, 2, 29).is_ok();
    if is_leap_birthday && !year_is_leap {
        (3, 1)
    } else {
        (birth.month(), birth.day())
    }
}

/// Whole months from `from` to `to` (negative when `to` is earlier); a month is complete when
/// the same day of the month is reached, or the month's last day if it is shorter.
pub fn months_between(from: Date, to: Date) -> i64 {
    if to < from {
        return -months_between(to, from);
    }
    let mut months = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month());
    if months > 0 && add_months(from, months).is_none_or(|reached| reached > to) {
        months -= 1;
    }
    months
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// `date` plus `months` calendar months, clamped to the end of a shorter month; `None` out of range.
pub fn add_months(date: Date, months: i64) -> Option<Date> {
    let month_index = i64::from(date.year()) * 12 + i64::from(date.month()) - 1 + months;
    let year = i16::try_from(month_index.div_euclid(12)).ok()?;
    let month = i8::try_from(month_index.rem_euclid(12) + 1).ok()?;
    let first = Date::new(year, month, 1).ok()?;
    let day = date.day().min(first.days_in_month());
    Date::new(year, month, day).ok()
}

/// `date` plus `days` days; `None` out of range.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use jiff::civil::date;

    #[test]
    fn age_counts_completed_years() {
        assert_eq!(age_on(date(2000, 6, 15), date(2018, 6, 14)), 17);
        assert_eq!(age_on(date(2000, 6, 15), date(2018, 6, 15)), 18);
    }

    #[test]
    fn leap_day_birthday_turns_over_on_first_march_in_common_years() {
        let birth = date(2004, 2, 29);
        assert_eq!(age_on(birth, date(2022, 2, 28)), 17);
        assert_eq!(age_on(birth, date(2022, 3, 1)), 18);
        assert_eq!(age_on(birth, date(2024, 2, 28)), 19);
        assert_eq!(age_on(birth, date(2024, 2, 29)), 20);
    }

    #[test]
    fn months_between_counts_complete_months() {
        assert_eq!(months_between(date(2025, 1, 31), date(2025, 2, 28)), 1);
        assert_eq!(months_between(date(2025, 1, 15), date(2025, 4, 14)), 2);
        assert_eq!(months_between(date(2025, 1, 15), date(2025, 4, 15)), 3);
        assert_eq!(months_between(date(2025, 4, 15), date(2025, 1, 15)), -3);
        assert_eq!(add_months(date(2024, 1, 31), 1), Some(date(2024, 2, 29)));
        assert_eq!(days_between(date(2024, 2, 28), date(2024, 3, 1)), 2);
    }
}
