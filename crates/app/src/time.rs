//! Instants as the database stores them: unix milliseconds.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the unix epoch. All instants in the database use this unit.
pub type Millis = i64;

pub fn now_millis() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

pub const MINUTE: Millis = 60_000;
pub const HOUR: Millis = 60 * MINUTE;
pub const DAY: Millis = 24 * HOUR;

/// A new time-ordered identifier (UUIDv7) as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// An IANA time zone (`Europe/Istanbul`), from the database bundled into the binary, or `None`
/// when there is no such zone.
pub fn zone(name: &str) -> Option<jiff::tz::TimeZone> {
    jiff::tz::TimeZone::get(name.trim()).ok()
}

/// A wall-clock time as a form types it (`YYYY-MM-DDTHH:MM`, an HTML `datetime-local`) in the
/// zone named `zone_name`, as an instant; `None` when it is not such a time. A time that a
/// clock change skips or repeats resolves as jiff's "compatible" rule does (later for a gap,
/// earlier for a fold), as calendars do.
pub fn local_to_millis(text: &str, zone_name: &str) -> Option<Millis> {
    let wall = jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", text.trim()).ok()?;
    if !(1970..=9999).contains(&wall.year()) {
        return None;
    }
    let zoned = wall.to_zoned_datetime(zone(zone_name)?).ok()?;
    Some(zoned.timestamp().as_millisecond())
}

/// An instant as the wall clock shows it in the zone named `zone_name`: `YYYY-MM-DD HH:MM`;
/// in UTC when the zone is unknown.
pub fn millis_to_local(at: Millis, zone_name: &str) -> String {
    let tz = zone(zone_name).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_millisecond(at)
        .map(|stamp| {
            stamp
                .to_zoned_datetime(tz)
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// Today's date (`YYYY-MM-DD`) on the wall clock of the zone named `zone_name`.
pub fn today_in(zone_name: &str) -> String {
    let tz = zone(zone_name).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_millisecond(now_millis())
        .map(|stamp| tz.to_datetime(stamp).date().to_string())
        .unwrap_or_default()
}

/// The calendar date `days` after `day` (both `YYYY-MM-DD`), or `None` when `day` is not one.
pub fn add_days(day: &str, days: i64) -> Option<String> {
    let date: jiff::civil::Date = day.trim().parse().ok()?;
    date.checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
        .map(|date| date.to_string())
}

/// A calendar month, e.g. 2026-11, counted as `year * 12 + month - 1` so that months subtract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(i64);

impl Month {
    /// The month as a number that orders and subtracts: `year * 12 + month - 1`.
    pub fn index(self) -> i64 {
        self.0
    }

    pub fn from_index(index: i64) -> Month {
        Month(index)
    }

    pub fn new(year: i64, month: i64) -> Option<Month> {
        (1..=12)
            .contains(&month)
            .then_some(Month(year * 12 + month - 1))
    }

    pub fn of_millis(millis: Millis) -> Month {
        Month::of_day(millis.div_euclid(DAY))
    }

    /// The month of a day counted from 1970-01-01.
    pub fn of_day(day: i64) -> Month {
        let date = jiff::civil::Date::new(1970, 1, 1)
            .ok()
            .and_then(|epoch| epoch.checked_add(jiff::Span::new().days(day)).ok());
        match date {
            Some(date) => Month(i64::from(date.year()) * 12 + i64::from(date.month()) - 1),
            None => Month(1970 * 12),
        }
    }

    /// Parses `YYYY-MM`, the value of an HTML `month` input.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        Month::new(year.parse().ok()?, month.parse().ok()?)
    }

    pub fn year(self) -> i64 {
        self.0.div_euclid(12)
    }

    pub fn next(self) -> Month {
        Month(self.0 + 1)
    }

    /// The first instant of the month, in unix milliseconds (UTC).
    pub fn start_millis(self) -> Millis {
        let month = i8::try_from(self.0.rem_euclid(12) + 1).unwrap_or(1);
        let year = i16::try_from(self.year()).unwrap_or(1970);
        let epoch = jiff::civil::Date::constant(1970, 1, 1);
        jiff::civil::Date::new(year, month, 1)
            .ok()
            .and_then(|date| epoch.until(date).ok())
            .map_or(0, |span| i64::from(span.get_days()) * DAY)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.0.rem_euclid(12) + 1)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{Month, add_days, local_to_millis, millis_to_local};

    #[test]
    fn months_count_and_print() {
        let month = Month::parse("2026-11").unwrap();
        assert_eq!(month.to_string(), "2026-11");
        assert_eq!(month.next().to_string(), "2026-12");
        assert_eq!(month.next().next().to_string(), "2027-01");
        assert_eq!(Month::from_index(month.index()), month);
        assert_eq!(Month::of_millis(month.start_millis()), month);
        assert_eq!(
            Month::of_millis(month.start_millis() - 1).to_string(),
            "2026-10"
        );
        assert_eq!(Month::of_day(0).to_string(), "1970-01");
        assert_eq!(Month::parse("2026-13"), None);
    }

    #[test]
    fn wall_clock_times_are_read_and_shown_in_the_offices_zone() {
        // 10:00 in Istanbul (UTC+3 all year) is 07:00 UTC.
        let at = local_to_millis("2026-12-03T10:00", "Europe/Istanbul").unwrap();
        assert_eq!(at, local_to_millis("2026-12-03T07:00", "UTC").unwrap());
        assert_eq!(millis_to_local(at, "Europe/Istanbul"), "2026-12-03 10:00");
        assert_eq!(millis_to_local(at, "UTC"), "2026-12-03 07:00");
        // Berlin in summer is UTC+2, in winter UTC+1.
        let summer = local_to_millis("2026-07-01T09:30", "Europe/Berlin").unwrap();
        assert_eq!(millis_to_local(summer, "UTC"), "2026-07-01 07:30");
        assert_eq!(local_to_millis("2026-12-03T10:00", "Mars/Olympus"), None);
        assert_eq!(local_to_millis("tomorrow", "UTC"), None);
        assert_eq!(local_to_millis("2026-12-03 10:00", "UTC"), None);
        assert_eq!(local_to_millis("2023-02-29T10:00", "UTC"), None);
        assert_eq!(
            local_to_millis("2026-12-03T10:00", "UTC"),
            crate::orientation::parse_datetime_local("2026-12-03T10:00")
        );
        assert_eq!(add_days("2026-03-25", 7).as_deref(), Some("2026-04-01"));
        assert_eq!(add_days("2026-03-01", -1).as_deref(), Some("2026-02-28"));
        assert_eq!(add_days("March", 1), None);
    }
}
