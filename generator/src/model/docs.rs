//! Documentation carried by vocabulary annotations: `Core.Description`, `Core.LongDescription`
//! and `Core.Revisions` deprecations. Everything else in annotations is ignored by the generator.

use crate::csdl::ast::{Annotation, Expression};

use super::names::Scope;

const CORE_NAMESPACE: &str = "Org.OData.Core.V1";

/// What the metadata says about an element, for doc comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    pub description: Option<String>,
    pub long_description: Option<String>,
    /// Set when a `Core.Revisions` record of kind `Deprecated` applies; holds its description.
    pub deprecated: Option<String>,
}

impl Docs {
    pub fn is_empty(&self) -> bool {
        self.description.is_none() && self.long_description.is_none() && self.deprecated.is_none()
    }

    /// Takes what it understands from `annotations` (written in a document with `scope`).
    /// Later annotations override earlier ones, as out-of-line ones override inline ones.
    pub fn apply(&mut self, annotations: &[Annotation], scope: &Scope) {
        for annotation in annotations {
            if annotation.qualifier.is_some() {
                // Qualified annotations are for a specific audience (e.g. a language).
                continue;
            }
            match core_term(&annotation.term, scope) {
                Some("Description") => {
                    if let Some(text) = string_value(annotation.value.as_ref()) {
                        self.description = Some(text);
                    }
                }
                Some("LongDescription") => {
                    if let Some(text) = string_value(annotation.value.as_ref()) {
                        self.long_description = Some(text);
                    }
                }
                Some("Revisions") => {
                    if let Some(note) = deprecation(annotation.value.as_ref()) {
                        self.deprecated = Some(note);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The simple name of a Core vocabulary term, however the term was qualified: the full
/// namespace, an alias declared by a reference, or the customary `Core` alias used without any
/// reference (as Microsoft Graph does).
fn core_term<'a>(term: &'a str, scope: &Scope) -> Option<&'a str> {
    let (qualifier, name) = term.rsplit_once('.')?;
    let namespace = scope.namespace_of(qualifier);
    (namespace == CORE_NAMESPACE || qualifier == "Core").then_some(name)
}

fn string_value(value: Option<&Expression>) -> Option<String> {
    match value? {
        Expression::Constant { value, .. } => {
            let trimmed = value.trim();
            (!trimmed.is_empty()).then(|| trimmed.to_owned())
        }
        _ => None,
    }
}

/// The description of a `Deprecated` revision in a `Core.Revisions` collection.
fn deprecation(value: Option<&Expression>) -> Option<String> {
    let Expression::Collection(items) = value? else {
        return None;
    };
    items.iter().find_map(|item| {
        let Expression::Record { properties, .. } = item else {
            return None;
        };
        let is_deprecated = properties.iter().any(|p| {
            p.property == "Kind"
                && matches!(&p.value, Expression::Constant { value, .. } if value.ends_with("Deprecated"))
        });
        if !is_deprecated {
            return None;
        }
        let description = properties
            .iter()
            .find(|p| p.property == "Description")
            .and_then(|p| string_value(Some(&p.value)));
        Some(description.unwrap_or_else(|| "deprecated".to_owned()))
    })
}
