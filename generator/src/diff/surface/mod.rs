//! The generated API of one plan as a flat list of elements, each keyed by its qualified
//! name and carrying its aspects: what a person reads (CSDL text) and what the Rust API shows
//! (the Rust name or type the plan gives it, empty when the aspect is not in the API).
//!
//! Rust types are written from the crate root (`models::security::Alert`), so values from
//! different modules and from the two sides compare as text.

mod features;
mod operations;
mod types;

use std::collections::BTreeMap;

pub use features::{gained_and_lost, kept_by_every_build};

use crate::diagnostics::Pos;
use crate::emit::plan::Module;
use crate::emit::Plan;
use crate::model::{Docs, Model, Target, TypeRef};

/// What kind of element a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ElementKind {
    Type,
    Property,
    Navigation,
    Member,
    Operation,
    Parameter,
    Container,
    EntitySet,
    Singleton,
    Import,
    /// A Cargo feature of the generated crate (one per area).
    Feature,
}

impl ElementKind {
    /// The name in human output and JSON.
    pub fn name(self) -> &'static str {
        match self {
            ElementKind::Type => "type",
            ElementKind::Property => "property",
            ElementKind::Navigation => "navigation",
            ElementKind::Member => "member",
            ElementKind::Operation => "operation",
            ElementKind::Parameter => "parameter",
            ElementKind::Container => "container",
            ElementKind::EntitySet => "entitySet",
            ElementKind::Singleton => "singleton",
            ElementKind::Import => "import",
            ElementKind::Feature => "feature",
        }
    }
}

/// One aspect of an element that can change (see `rules::rule` for each one's classification).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Aspect {
    /// Entity, complex, enum type, type definition, or mapped to a Rust type.
    Kind,
    /// The Rust path of a type, the name of a field, variant or builder method.
    RustName,
    Base,
    Abstract,
    Open,
    Stream,
    Key,
    Flags,
    /// The underlying type of an enum type or type definition.
    Underlying,
    /// The name of an enum's variant for unknown members.
    CatchAll,
    /// The `Any…` enum of a type with derived types.
    AnyEnum,
    /// The type of a property, navigation property, parameter, entity set or singleton.
    Type,
    /// An enum member's value.
    Value,
    Containment,
    Default,
    /// The Rust method name(s) of an operation.
    Method,
    /// A function's parameters (the method's arguments).
    Parameters,
    /// An action's parameter struct (the request body).
    Body,
    Return,
    Composable,
    EntitySetPath,
    Deprecated,
    Docs,
    /// The Cargo features that turn a type or operation on.
    Features,
    /// The roots (entity sets, singletons) a feature turns on.
    Roots,
}

impl Aspect {
    /// The name in human output and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Aspect::Kind => "kind",
            Aspect::RustName => "rust name",
            Aspect::Base => "base type",
            Aspect::Abstract => "abstract",
            Aspect::Open => "open type",
            Aspect::Stream => "has stream",
            Aspect::Key => "key",
            Aspect::Flags => "flags",
            Aspect::Underlying => "underlying type",
            Aspect::CatchAll => "unknown-member variant",
            Aspect::AnyEnum => "polymorphic enum",
            Aspect::Type => "type",
            Aspect::Value => "value",
            Aspect::Containment => "containment",
            Aspect::Default => "default value",
            Aspect::Method => "method",
            Aspect::Parameters => "parameters",
            Aspect::Body => "request body",
            Aspect::Return => "return type",
            Aspect::Composable => "composable",
            Aspect::EntitySetPath => "entity set path",
            Aspect::Deprecated => "deprecated",
            Aspect::Docs => "documentation",
            Aspect::Features => "features",
            Aspect::Roots => "roots",
        }
    }
}

impl Aspect {
    /// The name in JSON: [`Aspect::name`] in camelCase.
    pub fn key(self) -> String {
        let mut key = String::new();
        for (i, word) in self.name().split([' ', '-']).enumerate() {
            let mut chars = word.chars();
            if let (true, Some(first)) = (i > 0, chars.next()) {
                key.push(first.to_ascii_uppercase());
                key.push_str(chars.as_str());
            } else {
                key.push_str(word);
            }
        }
        key
    }
}

/// An aspect's value: the text a person reads, and the API it shows (empty: none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub text: String,
    pub api: String,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: ElementKind,
    pub pos: Pos,
    /// For fields: the structured type they are a field of (inherited fields included).
    pub owner: Option<String>,
    pub facts: BTreeMap<Aspect, Fact>,
}

impl Entry {
    fn new(kind: ElementKind, pos: &Pos) -> Entry {
        Entry {
            kind,
            pos: pos.clone(),
            owner: None,
            facts: BTreeMap::new(),
        }
    }

    /// An aspect the Rust API shows as `api`.
    fn api(&mut self, aspect: Aspect, text: impl Into<String>, api: impl Into<String>) {
        self.facts.insert(
            aspect,
            Fact {
                text: text.into(),
                api: api.into(),
            },
        );
    }

    /// An aspect whose text is its API value.
    fn shown(&mut self, aspect: Aspect, text: impl Into<String>) {
        let text = text.into();
        self.api(aspect, text.clone(), text);
    }

    /// An aspect the Rust API does not show.
    fn internal(&mut self, aspect: Aspect, text: impl Into<String>) {
        self.api(aspect, text, "");
    }

    /// Documentation and deprecation. Documentation is compared whole but shown as a short
    /// digest: descriptions are long, and the generated file shows them anyway.
    fn docs(&mut self, docs: &Docs) {
        let deprecated = docs.deprecated.is_some();
        self.api(
            Aspect::Deprecated,
            if deprecated { "yes" } else { "no" },
            if deprecated { "deprecated" } else { "" },
        );
        self.internal(Aspect::Docs, docs_digest(docs));
    }
}

/// `"<n> characters"` with the text's first words, enough to tell two versions apart.
fn docs_digest(docs: &Docs) -> String {
    let text: Vec<&str> = [&docs.description, &docs.long_description, &docs.deprecated]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let text = text.join(" ");
    if text.is_empty() {
        return "none".to_owned();
    }
    let mut digest: String = text.chars().take(40).collect();
    if digest.len() < text.len() {
        digest.push('…');
    }
    format!("{:?}", digest)
}

/// Every element of one side's generated API, by key (kind and qualified name).
#[derive(Debug, Default)]
pub struct Surface {
    pub entries: BTreeMap<(String, ElementKind), Entry>,
    /// The base type of each structured type (qualified names), for inherited fields.
    pub bases: BTreeMap<String, String>,
}

impl Surface {
    pub fn of(plan: &Plan) -> Surface {
        let mut surface = Surface::default();
        types::add(plan, &mut surface);
        operations::add(plan, &mut surface);
        features::add(plan, &mut surface);
        surface
    }

    fn insert(&mut self, name: String, entry: Entry) {
        let key = (name, entry.kind);
        // Two elements of one name and kind break CSDL's rules; the model has already kept
        // one of each where it matters, and a second entry here is numbered, not lost.
        if self.entries.contains_key(&key) {
            let (name, kind) = key;
            let numbered = (2..)
                .map(|n| (format!("{name} #{n}"), kind))
                .find(|k| !self.entries.contains_key(k))
                .unwrap_or((name, kind));
            self.entries.insert(numbered, entry);
        } else {
            self.entries.insert(key, entry);
        }
    }
}

/// The module at the crate root: Rust paths seen from there name their module in full.
fn root() -> Module {
    Module { path: Vec::new() }
}

/// `Edm.String`, `ns.Type`, `Collection(ns.Type)`.
pub fn type_text(model: &Model, ty: TypeRef) -> String {
    let item = match ty.target {
        Target::Primitive(p) => format!("Edm.{p:?}"),
        Target::Named(id) => model.ty(id).qualified_name(),
    };
    if ty.collection {
        format!("Collection({item})")
    } else {
        item
    }
}

/// The CSDL type with its nullability, as a person reads it.
fn typed_text(model: &Model, ty: TypeRef, nullable: bool) -> String {
    let text = type_text(model, ty);
    match (ty.collection, nullable) {
        (false, true) => format!("{text} (nullable)"),
        (false, false) => format!("{text} (not null)"),
        (true, true) => format!("{text} (nullable items)"),
        (true, false) => text,
    }
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}
