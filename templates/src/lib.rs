//! The runtime module that every generated crate carries as `src/runtime/`.
//!
//! These files are compiled and tested here, as a crate of their own, and embedded verbatim
//! into each generated crate by the generator (`include_str!`), so the code a user gets is
//! exactly the code tested here.
#![warn(missing_docs)]

pub mod runtime;
