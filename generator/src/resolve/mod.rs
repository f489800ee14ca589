//! `resolve`: a URL as written on an API page or in a log → what it addresses in the service,
//! the HTTP methods allowed there, and the Rust builder chain of the generated crate that
//! produces it, with its request and response types.
//!
//! Three steps, each in its own file: [`url`] splits the text (nothing known about the
//! service), [`walk`] follows the segments through the type graph to any depth (what the
//! service would do; `--include` uses it too), and [`chain`] names the generated methods on
//! the way, exactly as the emitter names them.

pub mod chain;
mod render;
pub mod url;
pub mod walk;

pub use chain::{Binding, Chain};
pub use render::{json, text};

use crate::emit::Plan;
use crate::model::walk::{key_placeholder, operation_segment};
use crate::model::{Model, OperationKind, TypeId};

use walk::{At, Filter, StepKind, Walked};

/// What a URL addresses, and how the generated crate builds it.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The URL as given.
    pub input: String,
    /// The HTTP method: as given, else GET (POST for an action).
    pub method: String,
    /// The URL as a template in the form `routes` lists (`/users/{userId}/manager/$ref`).
    pub path: String,
    /// What is there, in words (`a collection of microsoft.graph.user`).
    pub addresses: String,
    /// The entity or complex type there, or the operation, qualified.
    pub element: Option<String>,
    /// The HTTP methods OData allows there.
    pub methods: Vec<&'static str>,
    /// The builder chain, or why no generated builder produces this URL.
    pub chain: Result<Chain, String>,
    /// What was tolerated on the way (case, unqualified operations, a version prefix, …).
    pub notes: Vec<String>,
}

/// A URL that does not resolve: where, and what could have come there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub input: String,
    /// The 1-based number of the segment that failed, if one did.
    pub segment: Option<usize>,
    /// That segment as written.
    pub text: Option<String>,
    pub message: String,
    /// What may come there (at most a screenful).
    pub expected: Vec<String>,
    /// The expected names closest to what was written.
    pub closest: Vec<String>,
}

/// The HTTP methods of OData requests, as `resolve` takes them.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Splits an input line into an optional HTTP method and the URL (`POST /users`).
pub fn split_method(line: &str) -> (Option<String>, &str) {
    let line = line.trim();
    if let Some((first, rest)) = line.split_once(char::is_whitespace) {
        let upper = first.to_ascii_uppercase();
        if METHODS.contains(&upper.as_str()) {
            return (Some(upper), rest.trim());
        }
    }
    (None, line)
}

/// Resolves `input` (a URL, optionally preceded by an HTTP method) against the plan's model and
/// names the builder chain of the generated crate. `method` overrides one in the line.
pub fn resolve(
    plan: &Plan,
    method: Option<&str>,
    input: &str,
) -> Result<Resolution, Box<Unresolved>> {
    let (line_method, url_text) = split_method(input);
    let unresolved = |segment: Option<usize>, text: Option<String>, message: String| {
        Box::new(Unresolved {
            input: input.trim().to_owned(),
            segment,
            text,
            message,
            expected: Vec::new(),
            closest: Vec::new(),
        })
    };
    let url = url::parse(url_text).map_err(|why| unresolved(None, None, why))?;
    let is_type = |t: TypeId| plan.is_selected(t);
    let is_op = |o| plan.selection.operations.contains(&o);
    let filter = Filter {
        ty: &is_type,
        op: &is_op,
    };
    let walked = walk::walk(plan.model, &url, &filter).map_err(|e| {
        let text = url.segments.get(e.segment).map(|s| s.text.clone());
        let mut expected = e.expected;
        expected.sort();
        expected.dedup();
        let more = expected.len().saturating_sub(MAX_EXPECTED);
        expected.truncate(MAX_EXPECTED);
        if more > 0 {
            expected.push(format!("… {more} more"));
        }
        Box::new(Unresolved {
            input: input.trim().to_owned(),
            segment: (e.segment < url.segments.len()).then_some(e.segment + 1),
            text,
            message: e.message,
            expected,
            closest: e.closest,
        })
    })?;
    let method = method
        .map(str::to_ascii_uppercase)
        .or(line_method)
        .unwrap_or_else(|| default_method(plan, walked.at).to_owned());
    let mut notes = walked.notes.clone();
    if walked.skipped > 0 {
        let root: Vec<&str> = url.segments[..walked.skipped]
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        notes.insert(
            0,
            format!("`/{}` taken as the service root", root.join("/")),
        );
    }
    let (addresses, element) = describe(plan.model, &walked);
    let methods = chain::methods(plan, walked.at);
    let chain = chain::chain(plan, &walked, &method, &url.query);
    Ok(Resolution {
        input: input.trim().to_owned(),
        method,
        path: template(plan.model, &walked),
        addresses,
        element,
        methods: methods.to_vec(),
        chain,
        notes,
    })
}

/// Error messages list at most this many expected names.
const MAX_EXPECTED: usize = 12;

fn default_method(plan: &Plan, at: At) -> &'static str {
    match at {
        At::Operation(op) if plan.model.operation(op).kind == OperationKind::Action => "POST",
        _ => "GET",
    }
}

/// The walked URL in the template form `routes` prints: keys as `{typeId}` placeholders,
/// operations unqualified with `{parameter}` placeholders.
pub fn template(model: &Model, walked: &Walked) -> String {
    let mut path = String::new();
    let mut at = At::Root;
    for step in &walked.steps {
        let segment = match &step.kind {
            StepKind::EntitySet(s) => s.name.clone(),
            StepKind::Singleton(s) => s.name.clone(),
            StepKind::Import { import, op, .. } => operation_segment(model, *op, &import.name),
            StepKind::Key(_) => match at {
                At::Collection { ty, .. } | At::Entity { ty, .. } => key_placeholder(model, ty),
                _ => "{key}".to_owned(),
            },
            StepKind::Navigation(n) => n.name.clone(),
            StepKind::Cast { to } => model.ty(*to).qualified_name(),
            StepKind::Operation { op, .. } => {
                operation_segment(model, *op, &model.operation(*op).name)
            }
            StepKind::Count => "$count".to_owned(),
            StepKind::Ref => "$ref".to_owned(),
            StepKind::Value => "$value".to_owned(),
            StepKind::Property(p) => p.name.clone(),
        };
        path.push('/');
        path.push_str(&segment);
        at = step.at;
    }
    path
}

/// What the walk ends on, in words, and the element there.
fn describe(model: &Model, walked: &Walked) -> (String, Option<String>) {
    let name = |t: TypeId| model.ty(t).qualified_name();
    let via = |n: Option<&crate::model::NavigationProperty>| match n {
        Some(n) if n.contains_target => format!(" (contained navigation `{}`)", n.name),
        Some(n) => format!(" (navigation `{}` to entities that live elsewhere)", n.name),
        None => String::new(),
    };
    match walked.at {
        At::Root => ("the service root".to_owned(), None),
        At::Collection { ty, via: v } => (
            format!("a collection of {}{}", name(ty), via(v)),
            Some(name(ty)),
        ),
        At::Entity {
            ty,
            singleton: true,
            ..
        } => (format!("the singleton of {}", name(ty)), Some(name(ty))),
        At::Entity { ty, via: v, .. } => (format!("one {}{}", name(ty), via(v)), Some(name(ty))),
        At::Operation(op) => {
            let o = model.operation(op);
            let kind = match o.kind {
                OperationKind::Action => "action",
                OperationKind::Function => "function",
            };
            (
                format!("the {kind} {}", o.qualified_name()),
                Some(o.qualified_name()),
            )
        }
        At::Count => ("the number of entities ($count)".to_owned(), None),
        At::References { collection: true } => (
            "the references of a collection ($ref): add, list or remove links".to_owned(),
            None,
        ),
        At::References { collection: false } => (
            "the reference to one entity ($ref): read, set or remove the link".to_owned(),
            None,
        ),
        At::Media => ("the media stream of the entity ($value)".to_owned(), None),
        At::Stream => ("a stream property (bytes)".to_owned(), None),
        At::Property(_) => ("a structural property".to_owned(), None),
        At::RawValue => ("the raw value of a property ($value)".to_owned(), None),
    }
}
