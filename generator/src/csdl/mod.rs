//! Reading CSDL XML: bytes → [`ast::Document`] with a position on every element, and the set of
//! files an input pulls in through `edmx:Reference`.
//!
//! This layer knows nothing about Rust and resolves no names; see `crate::model` for that.

pub mod ast;
mod loader;
mod reader;

pub use loader::{load, Loaded, LoadedFile, UnresolvedReference};
pub use reader::parse_document;
