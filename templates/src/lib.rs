//! The runtime module that every generated crate carries as `src/runtime/`.
//!
//! These files are compiled and tested here, as a crate of their own, and embedded verbatim
//! into each generated crate by the generator (`include_str!`), so the code a user gets is
//! exactly the code tested here. The runtime refers to nothing outside itself but the crates in
//! this package's `[dependencies]`, which a generated crate needs too.
#![warn(missing_docs)]

pub mod runtime;
