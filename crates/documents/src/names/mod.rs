//! Names across scripts: ICAO Doc 9303 Part 3 §6 transliteration and name matching.
//!
//! A name as written (any script) has a *set* of legal MRZ renderings, because §6 allows
//! several for some characters (`Ä` → `AE` or `A`, `Ü` → `UE`, `UXX` or `U`, Cyrillic letters
//! that differ by language, the Arabic teh marbuta as `XTA` or `XAH`). Matching therefore
//! compares candidate sets, and tolerates the truncation of Part 4–7 name fields.

mod matching;
mod transliterate;

pub use matching::{NameDifference, NameMatch, PersonName, match_mrz_name, match_names};
pub use transliterate::{MAX_RENDERINGS, mrz_renderings, preferred_rendering};
