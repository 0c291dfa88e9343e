//! Attempt limits for sign-in, sign-up and PINs, kept in the database so that every web node
//! sees the same counts.
//!
//! An attempt is counted **before** the secret is checked, by one statement that increments the
//! counter and returns it ([`count`]); only an attempt within its limit goes on to the password
//! hash. However many requests arrive at once, no more than the limit are ever evaluated. What
//! is counted is stored as a blind index, never the name or the address.
//!
//! The model (README, "Sign-in protection"):
//! - an account, from browsers it does not know: five attempts in fifteen minutes, then none
//!   until the window ends;
//! - an account from a browser that signed in to it before (a known device): its own count, so a
//!   stranger's failures never lock the owner out, and after five failures a delay that doubles
//!   with each attempt instead of a lock;
//! - a client address: thirty attempts in fifteen minutes, more for the trusted office networks
//!   an operator declares;
//! - the portal's sign-up form counts apart from sign-in, so it cannot lock a staff account of
//!   the same name;
//! - second-factor codes: five per pending sign-in, which the fifth wrong code ends, and per
//!   account five before delays that double;
//! - wrong PINs across all PIN accounts: past the hourly limit, PIN sign-in pauses everywhere
//!   and supervisors are alerted (one PIN tried against many case references).

use std::net::IpAddr;

use crate::App;
use crate::error::{Error, Result};
use crate::time::{MINUTE, Millis, now_millis};

/// Codes a pending sign-in may try; the one after ends it. The account's own count allows as
/// many before its delays begin.
pub const SECOND_FACTOR_CODES: i64 = 5;

/// What happens past the free attempts of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escalation {
    /// Refused until the window ends.
    Hard,
    /// Allowed again once this long has passed since the attempt before, doubling with each
    /// attempt past the free ones, up to the window.
    Doubling { first_delay: Millis },
}

/// How many attempts a counter allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub free: i64,
    pub window: Millis,
    pub escalation: Escalation,
}

/// Something whose attempts are counted.
#[derive(Debug, Clone, Copy)]
pub enum Counted<'a> {
    /// Sign-in to an account (the user name as typed) from a browser it does not know.
    Account(&'a str),
    /// Sign-in to an account from a browser that signed in to it before.
    KnownDevice {
        user_id: &'a str,
        device_hash: &'a str,
    },
    /// Sign-in from a client address.
    Address(&'a str),
    /// The portal's sign-up form, per identifier (an e-mail address or phone number).
    SignUp(&'a str),
    /// The portal's sign-up form, per client address.
    SignUpAddress(&'a str),
    /// Second-factor codes of an account, across its pending sign-ins and enrolment.
    SecondFactor(&'a str),
    /// Wrong PINs across every PIN account.
    PinFailures,
}

impl Counted<'_> {
    fn key(&self, app: &App) -> String {
        let keyring = &app.keyring;
        match self {
            Counted::Account(name) => {
                keyring.blind_index("login-account", &name.trim().to_lowercase())
            }
            Counted::KnownDevice {
                user_id,
                device_hash,
            } => keyring.blind_index("login-device", &format!("{user_id} {device_hash}")),
            Counted::Address(address) => keyring.blind_index("login-address", address),
            Counted::SignUp(identifier) => {
                keyring.blind_index("signup-identifier", &identifier.trim().to_lowercase())
            }
            Counted::SignUpAddress(address) => keyring.blind_index("signup-address", address),
            Counted::SecondFactor(user_id) => keyring.blind_index("second-factor", user_id),
            Counted::PinFailures => "pin-failures-everywhere".to_owned(),
        }
    }

    fn limit(&self, app: &App) -> Limit {
        let settings = &app.settings;
        let hard = |free| Limit {
            free,
            window: settings.login_window,
            escalation: Escalation::Hard,
        };
        match self {
            Counted::Account(_) | Counted::SignUp(_) => hard(settings.login_failures_per_account),
            Counted::KnownDevice { .. } => Limit {
                free: settings.login_failures_per_account,
                window: settings.login_window,
                escalation: Escalation::Doubling {
                    first_delay: 30 * 1000,
                },
            },
            Counted::Address(address) | Counted::SignUpAddress(address) => {
                if settings.is_trusted_address(address) {
                    hard(settings.login_failures_per_trusted_address)
                } else {
                    hard(settings.login_failures_per_address)
                }
            }
            Counted::SecondFactor(_) => Limit {
                free: SECOND_FACTOR_CODES,
                window: 60 * MINUTE,
                escalation: Escalation::Doubling {
                    first_delay: 30 * 1000,
                },
            },
            Counted::PinFailures => Limit {
                free: settings.pin_failures_per_hour,
                window: 60 * MINUTE,
                escalation: Escalation::Hard,
            },
        }
    }
}

/// A counter as the counting statement left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tally {
    count: i64,
    started_at: Millis,
    /// The attempt before this one in the same window.
    before_at: Option<Millis>,
}

impl Limit {
    /// `None` when the attempt that made `tally` may go ahead, else the seconds to wait.
    fn wait(&self, tally: Tally, now: Millis) -> Option<u64> {
        if tally.count <= self.free {
            return None;
        }
        let free_at = match self.escalation {
            Escalation::Hard => tally.started_at + self.window,
            Escalation::Doubling { first_delay } => {
                let doublings = u32::try_from(tally.count - self.free - 1).unwrap_or(u32::MAX);
                let delay = first_delay
                    .saturating_mul(2i64.saturating_pow(doublings.min(30)))
                    .min(self.window);
                let since = tally.before_at.unwrap_or(tally.started_at);
                if now - since >= delay {
                    return None;
                }
                now + delay
            }
        };
        Some(u64::try_from((free_at - now).max(1000) / 1000).unwrap_or(1))
    }
}

/// Counts one attempt and says whether it may go ahead: [`Error::TooManyAttempts`] when it may
/// not. The count is taken and returned by one statement, so concurrent attempts each see
/// their own number.
pub async fn count(app: &App, counted: Counted<'_>) -> Result<()> {
    let now = now_millis();
    let tally = add(app, counted, now).await?;
    match counted.limit(app).wait(tally, now) {
        None => Ok(()),
        Some(retry_after_secs) => Err(Error::TooManyAttempts { retry_after_secs }),
    }
}

/// Counts one attempt and returns the count in the current window, whatever the limit.
pub async fn record(app: &App, counted: Counted<'_>) -> Result<i64> {
    Ok(add(app, counted, now_millis()).await?.count)
}

/// The number of free attempts of a counter.
pub fn free_attempts(app: &App, counted: Counted<'_>) -> i64 {
    counted.limit(app).free
}

async fn add(app: &App, counted: Counted<'_>, now: Millis) -> Result<Tally> {
    let (count, started_at, before_at): (i64, i64, Option<i64>) = sqlx::query_as(
        "INSERT INTO attempt_counters (key, count, started_at, last_at, before_at) \
         VALUES ($1, 1, $2, $2, NULL) \
         ON CONFLICT (key) DO UPDATE SET \
           count = CASE WHEN attempt_counters.started_at <= $3 THEN 1 ELSE attempt_counters.count + 1 END, \
           before_at = CASE WHEN attempt_counters.started_at <= $3 THEN NULL ELSE attempt_counters.last_at END, \
           started_at = CASE WHEN attempt_counters.started_at <= $3 THEN $2 ELSE attempt_counters.started_at END, \
           last_at = $2 \
         RETURNING count, started_at, before_at",
    )
    .bind(counted.key(app))
    .bind(now)
    .bind(now - counted.limit(app).window)
    .fetch_one(&app.db.pool)
    .await?;
    Ok(Tally {
        count,
        started_at,
        before_at,
    })
}

/// Without counting an attempt: `Err(TooManyAttempts)` with the seconds until the window ends
/// when the counter has used up its free attempts, otherwise `Ok`.
pub async fn check_spent(app: &App, counted: Counted<'_>) -> Result<()> {
    let limit = counted.limit(app);
    let now = now_millis();
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT count, started_at FROM attempt_counters WHERE key = $1 AND started_at > $2",
    )
    .bind(counted.key(app))
    .bind(now - limit.window)
    .fetch_optional(&app.db.pool)
    .await?;
    match row {
        Some((count, started_at)) if count >= limit.free => {
            let free_at = started_at + limit.window;
            let retry_after_secs = u64::try_from((free_at - now).max(1000) / 1000).unwrap_or(1);
            Err(Error::TooManyAttempts { retry_after_secs })
        }
        _ => Ok(()),
    }
}

/// Takes back one counted attempt after it succeeded: a counter shared by many people (an
/// address, perhaps a whole office behind one) then holds only failures and attempts still
/// being checked.
pub async fn refund(app: &App, counted: Counted<'_>) -> Result<()> {
    sqlx::query("UPDATE attempt_counters SET count = count - 1 WHERE key = $1 AND count > 0")
        .bind(counted.key(app))
        .execute(&app.db.pool)
        .await?;
    Ok(())
}

/// Forgets a counter after a success, and every counter whose window has long ended.
pub async fn forget(app: &App, counted: Counted<'_>) -> Result<()> {
    sqlx::query("DELETE FROM attempt_counters WHERE key = $1 OR last_at < $2")
        .bind(counted.key(app))
        .bind(now_millis() - 24 * 60 * MINUTE)
        .execute(&app.db.pool)
        .await?;
    Ok(())
}

/// An address range an operator trusts more, e.g. an office behind one NAT address:
/// `203.0.113.0/24` or `2001:db8::/48`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    address: IpAddr,
    prefix: u8,
}

impl Network {
    pub fn parse(text: &str) -> Option<Network> {
        let (address, prefix) = match text.trim().split_once('/') {
            Some((address, prefix)) => (address.parse().ok()?, prefix.parse().ok()?),
            None => {
                let address: IpAddr = text.trim().parse().ok()?;
                (address, if address.is_ipv4() { 32 } else { 128 })
            }
        };
        let bits = if matches!(address, IpAddr::V4(_)) {
            32
        } else {
            128
        };
        (prefix <= bits).then_some(Network { address, prefix })
    }

    pub fn contains(&self, address: &str) -> bool {
        let Ok(address) = address.parse::<IpAddr>() else {
            return false;
        };
        match (self.address, address) {
            (IpAddr::V4(network), IpAddr::V4(address)) => {
                let shift = 32 - u32::from(self.prefix);
                // A shift by the whole width gives `None` on both sides: /0 holds everything.
                u32::from(network).checked_shr(shift) == u32::from(address).checked_shr(shift)
            }
            (IpAddr::V6(network), IpAddr::V6(address)) => {
                let shift = 128 - u32::from(self.prefix);
                u128::from(network).checked_shr(shift) == u128::from(address).checked_shr(shift)
            }
            _ => false,
        }
    }
}

impl std::fmt::Display for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.address, self.prefix)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn networks_contain_their_addresses_only() {
        let office = Network::parse("203.0.113.0/24").unwrap();
        assert!(office.contains("203.0.113.77"));
        assert!(!office.contains("203.0.114.1"));
        assert!(!office.contains("2001:db8::1"));
        assert!(Network::parse("0.0.0.0/0").unwrap().contains("8.8.8.8"));
        let v6 = Network::parse("2001:db8::/32").unwrap();
        assert!(v6.contains("2001:db8:1::5"));
        assert!(!v6.contains("2001:db9::5"));
        assert!(
            Network::parse("198.51.100.7")
                .unwrap()
                .contains("198.51.100.7")
        );
        assert_eq!(Network::parse("10.0.0.0/33"), None);
        assert_eq!(Network::parse("office"), None);
    }

    #[test]
    fn hard_limits_wait_for_the_window_and_doubling_ones_for_the_delay() {
        let hard = Limit {
            free: 5,
            window: 15 * MINUTE,
            escalation: Escalation::Hard,
        };
        let at = |count, before_at| Tally {
            count,
            started_at: 0,
            before_at,
        };
        assert_eq!(hard.wait(at(5, Some(0)), MINUTE), None);
        assert_eq!(hard.wait(at(6, Some(0)), MINUTE), Some(14 * 60));
        let doubling = Limit {
            escalation: Escalation::Doubling {
                first_delay: 30_000,
            },
            ..hard
        };
        // The sixth attempt 30 s after the fifth goes ahead; the seventh needs 60 s.
        assert_eq!(doubling.wait(at(6, Some(0)), 30_000), None);
        assert_eq!(doubling.wait(at(6, Some(0)), 29_000), Some(30));
        assert_eq!(doubling.wait(at(7, Some(0)), 59_000), Some(60));
        assert_eq!(doubling.wait(at(7, Some(0)), 60_000), None);
        // The delay never exceeds the window.
        assert_eq!(doubling.wait(at(40, Some(0)), 15 * MINUTE), None);
    }
}
