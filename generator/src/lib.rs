//! odata-codegen: OData CSDL metadata → a Rust crate of models and URL path builders.

pub mod csdl;
pub mod diagnostics;
pub mod model;
