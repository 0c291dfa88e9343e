//! Fixtures shared by the integration tests and the benchmarks.

pub(crate) mod family;
