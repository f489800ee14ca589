//! The classification rules: what each kind of change does to code written against the
//! previous generated crate. They assume the generated API of issue 13: structs and enums are
//! `#[non_exhaustive]`, structs are built with constructors and setters (every field stays
//! optional, as a PATCH body sends only what was set), `Any…` enums are `#[non_exhaustive]`.
//! The README's "What changed" table says the same for people; keep them together.

use super::surface::Aspect;

/// What a change does to code written against the previous generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Such code may stop compiling or mean something else: a major bump.
    Breaking,
    /// The API grows; such code still compiles: a minor bump.
    Additive,
    /// The generated code changes (documentation, wire details, URLs of the service) but not
    /// its API: a patch bump.
    Internal,
}

impl Impact {
    pub fn name(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Additive => "additive",
            Impact::Internal => "internal",
        }
    }
}

/// An element appearing is additive: types, variants and fields are `#[non_exhaustive]`-
/// protected, fields are optional (no constructor takes them), methods and roots are new names.
pub const ADDED: Impact = Impact::Additive;

/// An element disappearing breaks: every element is a name some code may use.
pub const REMOVED: Impact = Impact::Breaking;

/// How a change of one aspect's API value is classified (a change of its text alone, with
/// the same API value, is always [`Impact::Internal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Any change of the API value breaks: a name, a type, a signature.
    Breaking,
    /// From nothing to something is additive (an item or attribute appears); anything else
    /// breaks.
    Grows,
    /// Any change is additive (a `#[deprecated]` attribute: warnings, never errors).
    Additive,
    /// Never in the API: the generated code changes, code using it does not notice.
    Internal,
    /// The Cargo features that turn an item on: more is additive, losing one breaks the
    /// programs built with it (and not with `full`).
    Features,
}

pub fn rule(aspect: Aspect) -> Rule {
    match aspect {
        Aspect::Kind
        | Aspect::RustName
        | Aspect::Base
        | Aspect::Key
        | Aspect::Flags
        | Aspect::Underlying
        | Aspect::CatchAll
        | Aspect::Type
        | Aspect::Parameters
        // The method of an action without parameters takes no body: one with them does.
        | Aspect::Body
        | Aspect::Return => Rule::Breaking,
        // An `Any…` enum, or the method of a function that gains an import.
        Aspect::AnyEnum | Aspect::Method => Rule::Grows,
        Aspect::Deprecated => Rule::Additive,
        Aspect::Abstract
        | Aspect::Open
        | Aspect::Stream
        | Aspect::Value
        | Aspect::Containment
        | Aspect::Default
        | Aspect::Composable
        | Aspect::EntitySetPath
        | Aspect::Docs
        | Aspect::Roots => Rule::Internal,
        Aspect::Features => Rule::Features,
    }
}

/// The impact of an aspect changing from `old` to `new` (API values; empty is "none").
pub fn changed(aspect: Aspect, old: &str, new: &str) -> Impact {
    if old == new {
        return Impact::Internal;
    }
    match rule(aspect) {
        Rule::Breaking => Impact::Breaking,
        Rule::Grows if old.is_empty() => Impact::Additive,
        Rule::Grows => Impact::Breaking,
        Rule::Additive => Impact::Additive,
        Rule::Internal => Impact::Internal,
        Rule::Features if super::surface::kept_by_every_build(old, new) => Impact::Additive,
        Rule::Features => Impact::Breaking,
    }
}
