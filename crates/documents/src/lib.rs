//! Travel-document checks: ICAO 9303 MRZ verification, name matching and completeness reports.
//!
//! A pure library: no I/O, no database, no HTTP, no wire formats. Callers supply the reference
//! date, the pack parameters and any lookups; every check returns its findings as values.
//!
//! - [`mrz`]: parse and verify the five Doc 9303 layouts ([`mrz::parse_mrz`]), emit them
//!   ([`mrz::emit_mrz`]); positions, check digits, code table and issuer deviations as data.
//! - [`names`]: Doc 9303 Part 3 §6 transliteration into the set of legal MRZ renderings, and
//!   name matching with a verdict and a reason.
//! - [`records`]: a document record and the checks on it (MRZ against record, dates, identity
//!   across documents and declared facts, document numbers used by two people).
//! - [`completeness`]: the checklist input types and the [`completeness::CompletenessReport`].
//! - [`summary`]: the report as plain sentences in the migrant's language (Fluent).
//!
//! Why not the `mrz` crate (0.9.1, MIT)? It was evaluated first. Its parse functions return a
//! `Result` that stops at the first structural problem (a bad document code or a leading filler
//! is an error, not a finding beside the other fields), its fields carry no positions, it has no
//! place for issuer deviations, and it accepts `<` as the TD3 personal-number check digit
//! whenever the computed digit is 0 even when the field holds data. Wrapping it would have meant
//! re-parsing every zone to recover positions and partial results, so this crate has its own
//! parser built on one layout table (about 600 lines for all five formats).

#![deny(missing_docs)]

pub mod completeness;
pub mod mrz;
pub mod names;
pub mod records;
pub mod summary;
