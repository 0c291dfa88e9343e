//! Dates and machine-readable zones for the document tests.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

const DAY: i64 = 86_400_000;

pub fn date_in(days: i64) -> String {
    web::format_instant(app::time::now_millis() + days * DAY)
        .chars()
        .take(10)
        .collect()
}

/// `YYMMDD` of a `YYYY-MM-DD` date.
pub fn mrz_date(date: &str) -> String {
    date.replace('-', "")[2..].to_owned()
}

pub fn check_digit(field: &str) -> char {
    let weights = [7, 3, 1];
    let sum: u32 = field
        .chars()
        .enumerate()
        .map(|(index, c)| {
            let value = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                _ => 0,
            };
            value * weights[index % 3]
        })
        .sum();
    char::from_digit(sum % 10, 10).unwrap()
}

/// A TD3 (passport) MRZ for Amal Haddad, born 1990-04-12, Syrian, expiring on `expiry`.
pub fn passport_mrz(number: &str, expiry: &str) -> String {
    let name = format!("{:<<39}", "HADDAD<<AMAL");
    let line1 = format!("P<SYR{name}");
    let number = format!("{number:<<9}");
    let birth = "900412";
    let expiry = mrz_date(expiry);
    let optional = "<".repeat(14);
    let (n, b, e, o) = (
        check_digit(&number),
        check_digit(birth),
        check_digit(&expiry),
        check_digit(&optional),
    );
    let composite = check_digit(&format!("{number}{n}{birth}{b}{expiry}{e}{optional}{o}"));
    let line2 = format!("{number}{n}SYR{birth}{b}F{expiry}{e}{optional}{o}{composite}");
    assert_eq!((line1.len(), line2.len()), (44, 44));
    format!("{line1}\n{line2}")
}
