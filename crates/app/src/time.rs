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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{add_days, local_to_millis, millis_to_local};

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
