//! Why an element is in a slice: the edge that pulled it in, and the chain of such edges back
//! to an `--include` pattern (what `inspect --why` prints).

use crate::model::{Model, OperationId, TypeId};

/// A type or an operation: what a slice selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Element {
    Type(TypeId),
    Operation(OperationId),
}

impl Element {
    pub fn name(self, model: &Model) -> String {
        match self {
            Element::Type(t) => model.ty(t).qualified_name(),
            Element::Operation(o) => {
                let op = model.operation(o);
                let overloads = model
                    .operation_names
                    .get(&op.qualified_name())
                    .map_or(1, Vec::len);
                if overloads > 1 {
                    // Overloads share a name; the binding and parameters tell them apart.
                    let binding = op.binding.as_ref().map(|b| {
                        let ty = model.ty(b.ty).qualified_name();
                        if b.collection {
                            format!("Collection({ty})")
                        } else {
                            ty
                        }
                    });
                    let params = binding
                        .into_iter()
                        .chain(op.parameters.iter().map(|p| p.name.clone()));
                    format!(
                        "{}({})",
                        op.qualified_name(),
                        params.collect::<Vec<_>>().join(",")
                    )
                } else {
                    op.qualified_name()
                }
            }
        }
    }
}

/// The edge that pulled an element into the slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Its name matched an `--include` pattern.
    Pattern(String),
    /// It is the entity type (or operation) at a URL under an `--include` path prefix.
    Path { pattern: String, path: String },
    /// It is the entity type (or operation) at a URL that no `--exclude` path prefix drops
    /// (without `--include`, path excludes keep what the other URLs need).
    Url { path: String },
    /// No URL needs it, and without `--include` everything not excluded is kept.
    Unreached,
    /// It is the base type of the parent.
    Base,
    /// It is the type of a property of the parent.
    Property(String),
    /// It is the type of a parameter of the parent operation.
    Parameter(String),
    /// It is the return type of the parent operation.
    Return,
    /// It is the type the parent operation is bound to.
    Binding,
    /// It is an operation bound to the parent type.
    Bound,
    /// It derives from `base`, which values are declared as (for the reason `use_`).
    Derived { base: TypeId, use_: Box<Reason> },
    /// It is the nearest kept base type of `excluded`, which values are declared as (for the
    /// reason `use_`) and which `--exclude` dropped.
    StandIn { excluded: TypeId, use_: Box<Reason> },
}

/// An element's reason and the element whose selection caused it (none for roots).
#[derive(Debug, Clone)]
pub struct Why {
    pub reason: Reason,
    pub parent: Option<Element>,
}

impl Reason {
    /// The edge in words, given the parent's name.
    pub fn describe(&self, model: &Model, parent: Option<&str>) -> String {
        let parent = parent.unwrap_or("?");
        match self {
            Reason::Pattern(pattern) => format!("matched --include {pattern}"),
            Reason::Path { pattern, path } => format!("at {path} (--include {pattern})"),
            Reason::Url { path } => format!("at {path}, which no --exclude drops"),
            Reason::Unreached => {
                "needed by no URL (without --include, what no --exclude drops is kept)".to_owned()
            }
            Reason::Base => format!("base type of {parent}"),
            Reason::Property(name) => format!("type of property {parent}/{name}"),
            Reason::Parameter(name) => format!("type of parameter `{name}` of {parent}"),
            Reason::Return => format!("return type of {parent}"),
            Reason::Binding => format!("binding type of {parent}"),
            Reason::Bound => format!("operation bound to {parent}"),
            Reason::Derived { base, use_ } => format!(
                "derived type of polymorphic {}, {}",
                model.ty(*base).qualified_name(),
                use_.clause(model, parent)
            ),
            Reason::StandIn { excluded, use_ } => format!(
                "nearest kept base type of excluded {}, {}",
                model.ty(*excluded).qualified_name(),
                use_.clause(model, parent)
            ),
        }
    }

    /// The edge as a relative clause about the type it led to (`which is the type of …`).
    fn clause(&self, model: &Model, parent: &str) -> String {
        let described = self.describe(model, Some(parent));
        if described.starts_with("matched") || described.starts_with("needed") {
            format!("which {described}")
        } else if described.starts_with("at ") {
            format!("which is {described}")
        } else {
            format!("which is the {described}")
        }
    }
}

/// The lines `inspect --why` prints for a selected element: the root pattern, then one line
/// per edge down to the element.
pub fn chain(
    model: &Model,
    whys: &std::collections::BTreeMap<Element, Why>,
    element: Element,
) -> Vec<String> {
    let mut steps = Vec::new();
    let mut current = Some(element);
    while let Some(e) = current {
        let Some(why) = whys.get(&e) else { break };
        // A cycle cannot occur (each element's parent was selected before it), but a bound
        // keeps a corrupted map from looping forever.
        if steps.len() > whys.len() {
            break;
        }
        steps.push((e, why));
        current = why.parent;
    }
    steps.reverse();
    let mut lines = Vec::new();
    for (e, why) in steps {
        let parent = why.parent.map(|p| p.name(model));
        lines.push(format!(
            "{}: {}",
            e.name(model),
            why.reason.describe(model, parent.as_deref())
        ));
    }
    lines
}
