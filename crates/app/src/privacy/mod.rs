//! Data protection: the lawful basis on which a person's data is processed, per purpose.
//!
//! This is the start of the data-protection module; [`consent`] records and withdraws the basis
//! per person and purpose, and other modules ask it before they process data for a purpose (a
//! referral is refused without a current basis for `referral`). [`processing`] is the record of
//! processing activities, declared beside the code and held to the schema by its tests.
//! [`erasure`] erases a person across every module by declared per-table rules, and
//! [`retention`] applies it to what has outlived its office's retention periods.
//! [`subject_access`] answers a person's request for their data; [`break_glass`] opens one case
//! outside one's offices for a short time, with a reason supervisors review.

pub mod break_glass;
pub mod consent;
pub mod erasure;
pub mod processing;
pub mod retention;
pub mod subject_access;

/// A reason someone states for an act that others will review (refusing a request, opening a
/// case in an emergency): trimmed, long enough to say something, short enough to read.
fn stated_reason<'a>(text: &'a str, message: &'static str) -> crate::error::Result<&'a str> {
    const SHORTEST: usize = 10;
    const LONGEST: usize = 2_000;
    let reason = text.trim();
    let length = reason.chars().count();
    if (SHORTEST..=LONGEST).contains(&length) {
        Ok(reason)
    } else {
        Err(crate::error::Error::invalid("reason", message))
    }
}
