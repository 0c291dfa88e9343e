//! Travel-document checks: ICAO 9303 MRZ verification, name matching and completeness reports.
