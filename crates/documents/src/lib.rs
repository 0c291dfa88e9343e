//! Travel-document checks: ICAO 9303 MRZ verification, name matching and completeness reports.
//!
//! A pure library: no I/O, no database, no HTTP, no wire formats. Callers supply the reference
//! date, the pack parameters and any lookups; every check returns its findings as values.

#![deny(missing_docs)]

pub mod completeness;
pub mod mrz;
pub mod names;
pub mod records;
pub mod summary;
