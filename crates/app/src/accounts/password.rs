//! Password hashing with argon2id, stored as PHC strings.
//!
//! Hashing takes tens of milliseconds by design, so it runs on the blocking pool and never stalls
//! the request threads.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 256;

/// The message key when a new password is unacceptable, or `None` when it is fine.
pub fn weakness(password: &str) -> Option<&'static str> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        Some("error-password-too-short")
    } else if length > MAX_LENGTH {
        Some("error-password-too-long")
    } else {
        None
    }
}

/// Digits as phone keyboards in Arabic, Persian and Dari type them (U+0660–0669, U+06F0–06F9),
/// written as ASCII digits, so that a PIN or password typed on one keyboard opens on another.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            other => other,
        })
        .collect()
}

pub async fn hash(password: &str) -> Result<String> {
    let password = Zeroizing::new(ascii_digits(password));
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(Error::internal)
    })
    .await
    .map_err(Error::internal)?
}

pub async fn verify(password: &str, phc: &str) -> Result<bool> {
    // Hashes made before digits were normalised were made from the text as typed.
    let mut candidates = Zeroizing::new(vec![ascii_digits(password)]);
    if candidates[0] != password {
        candidates.push(password.to_owned());
    }
    let phc = phc.to_owned();
    tokio::task::spawn_blocking(move || {
        candidates.iter().any(|candidate| {
            Argon2::default()
                .verify_password(candidate.as_bytes(), phc.as_str())
                .is_ok()
        })
    })
    .await
    .map_err(Error::internal)
}

/// A hash of a password nobody knows, verified against when the account does not exist so that
/// a failed sign-in takes as long for an unknown name as for a known one.
pub const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2ndLUPvcaqPzZl8Xv6E1Ogy1trmGX3uXp1C8oOv2Frs";

/// A random password of 16 characters from an alphabet without look-alikes (about 80 bits).
pub fn generate() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..16)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn digits_from_any_keyboard_open_new_hashes_and_hashes_made_before_still_open() {
        let typed = "كلمة-سر-١٢٣٤٥٦";
        let new = hash(typed).await.unwrap_or_default();
        assert_eq!(verify(typed, &new).await.ok(), Some(true));
        assert_eq!(verify("كلمة-سر-123456", &new).await.ok(), Some(true));
        let before = Argon2::default()
            .hash_password(typed.as_bytes())
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert_eq!(verify(typed, &before).await.ok(), Some(true));
        assert_eq!(verify("another password", &before).await.ok(), Some(false));
    }
}
