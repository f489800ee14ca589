//! The `runtime` module of a generated crate, as the generator writes it: the runtime crate
//! re-exported, and `resource.rs` compiled in place (generated code adds inherent methods to
//! `EntityRef<…>` and `CollectionRef<…>`, which only the crate that defines them may do).

pub use odata_codegen_runtime::*;

#[path = "../../src/runtime/resource.rs"]
mod resource;

pub use resource::{CollectionRef, EntityRef, KeyValue, NoKey, Resource};
