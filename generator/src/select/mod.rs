//! Slices of a model: `--include` patterns pick root elements, and the slice is closed over
//! what they need; `--exclude` patterns drop elements however they were reached.
//!
//! The edges followed from a selected element:
//! - a structured type: its base type, and the types of its structural properties;
//! - an operation: its binding type, parameter types and return type;
//! - a type matched by a name pattern: the operations callable on it;
//! - a type *used* as a value (a root, a property, parameter or return type, or the entity type
//!   at a selected URL): every type derived from it, because values declared as it may be any
//!   of them at run time. A type pulled in only as a base type is not a use, or a slice of one
//!   entity would drag in everything derived from `entity`.
//!
//! Navigation properties are not followed from types: a slice of one entity type would
//! otherwise reach nearly all of a service like Microsoft Graph. URL path prefixes select
//! navigation explicitly: every entity set, singleton and navigation property on the way to
//! the prefix and every URL below it (contained navigation to any depth, other navigation one
//! hop), with the entity types there and the operations callable there. A navigation property
//! appears in a generated struct when its target type is in the slice.
//!
//! Excluding a type also excludes the types derived from it, and an operation whose binding
//! type is excluded. Values that would have had an excluded type are read as the nearest
//! selected base type (kept with their `@odata.type` and every property as received), which the
//! slice then includes; see `crate::emit::plan` for how the field types degrade.
//!
//! Types mapped to the user's own Rust types (`--map-type`) are external: never selected, and
//! nothing is pulled in through them (their properties, base and derived types).
//!
//! Elements are visited breadth-first from the roots in a fixed order, so each element's
//! recorded reason lies on a shortest chain from a root, and the result is deterministic.

pub mod areas;
mod pattern;
mod why;

pub use pattern::{glob_matches, match_path, PathMatch, PathSegment, Pattern};
pub use why::{chain, Element, Reason, Why};

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::model::walk::{walk, walk_below, Bounds, Node, NodeKind, Start};
use crate::model::{Model, OperationId, Target, TypeId, TypeRef};
use crate::resolve::walk::At;

/// The elements of a slice, each with why it is there.
#[derive(Debug, Clone)]
pub struct Slice {
    pub types: BTreeSet<TypeId>,
    pub operations: BTreeSet<OperationId>,
    /// Why each element is selected; empty when there were no include patterns (everything
    /// not excluded is selected).
    pub whys: BTreeMap<Element, Why>,
    /// The exclude pattern that dropped each excluded element.
    pub excluded: BTreeMap<Element, String>,
    /// Entity sets, singletons and operation imports whose URLs an `--exclude` path prefix
    /// drops whole (by name): they get no root method and no area.
    pub excluded_roots: BTreeSet<String>,
}

impl Slice {
    pub fn contains(&self, element: Element) -> bool {
        match element {
            Element::Type(t) => self.types.contains(&t),
            Element::Operation(o) => self.operations.contains(&o),
        }
    }
}

/// The slice of `model` that `includes` and `excludes` describe; with no includes, everything
/// that is not excluded. Errors name a pattern that is malformed or matches nothing.
pub fn select(
    model: &Model,
    includes: &[String],
    excludes: &[String],
    external: &BTreeSet<TypeId>,
) -> Result<Slice, String> {
    let includes = parse_all(includes)?;
    let excludes = parse_all(excludes)?;
    let excluded = excluded_elements(model, &excludes)?;
    let exclude_paths: Vec<&[PathSegment]> = excludes
        .iter()
        .filter_map(|(_, p)| match p {
            Pattern::Path(segments) => Some(segments.as_slice()),
            Pattern::Name(_) => None,
        })
        .collect();
    for (text, pattern) in &excludes {
        if let Pattern::Path(segments) = pattern {
            if !reaches(model, segments, text) {
                return Err(format!(
                    "--exclude {text} matches no URL (`odata-codegen routes` lists them)"
                ));
            }
        }
    }
    let excluded_roots = excluded_roots(model, &exclude_paths);
    if includes.is_empty() {
        let types = model
            .type_ids()
            .filter(|t| !excluded.contains_key(&Element::Type(*t)) && !external.contains(t))
            .collect();
        let operations = model
            .operation_ids()
            .filter(|o| !excluded.contains_key(&Element::Operation(*o)))
            .collect();
        let everything = Slice {
            types,
            operations,
            whys: BTreeMap::new(),
            excluded,
            excluded_roots,
        };
        if exclude_paths.is_empty() {
            return Ok(everything);
        }
        return Ok(without_excluded_urls(
            model,
            external,
            &exclude_paths,
            everything,
        ));
    }
    let mut selector = Selector::new(model, external, &excluded);
    for (text, pattern) in &includes {
        let roots = match pattern {
            Pattern::Name(_) => name_roots(model, pattern, text),
            Pattern::Path(segments) => path_roots(model, segments, &exclude_paths, &excluded, text),
        };
        if roots.is_empty() {
            return Err(match pattern {
                Pattern::Name(_) => format!("--include {text} matches no type or operation"),
                Pattern::Path(_) => {
                    format!("--include {text} matches no URL (`odata-codegen routes` lists them)")
                }
            });
        }
        selector.queue.extend(roots);
    }
    selector.run();
    let Selector { whys, .. } = selector;
    Ok(Slice::of_whys(whys, excluded, excluded_roots))
}

impl Slice {
    /// The slice of the elements that `whys` gives reasons for.
    fn of_whys(
        whys: BTreeMap<Element, Why>,
        excluded: BTreeMap<Element, String>,
        excluded_roots: BTreeSet<String>,
    ) -> Slice {
        let mut slice = Slice {
            types: BTreeSet::new(),
            operations: BTreeSet::new(),
            whys,
            excluded,
            excluded_roots,
        };
        for element in slice.whys.keys() {
            match *element {
                Element::Type(t) => slice.types.insert(t),
                Element::Operation(o) => slice.operations.insert(o),
            };
        }
        slice
    }
}

/// Without `--include`, `--exclude` path prefixes leave out what only the URLs below them
/// need. What remains of `everything` (the model less the name excludes) is what the other
/// URLs need, and what no URL needs at all (types and unbound operations that only a client
/// naming them would use), kept as everything is without `--include`.
fn without_excluded_urls(
    model: &Model,
    external: &BTreeSet<TypeId>,
    exclude_paths: &[&[PathSegment]],
    everything: Slice,
) -> Slice {
    let Slice {
        types,
        operations,
        excluded,
        excluded_roots,
        ..
    } = everything;
    let within = areas::Within {
        ty: &|t| types.contains(&t),
        op: &|o| operations.contains(&o),
        external: &|t| external.contains(&t),
        root: &|_| true,
    };
    // What some URL needs: below every entity set and singleton, and the operation imports.
    let mut on_urls: BTreeSet<Element> = BTreeSet::new();
    for area in areas::areas(model, &within) {
        on_urls.extend(area.types.into_iter().map(Element::Type));
        on_urls.extend(area.operations.into_iter().map(Element::Operation));
    }
    let mut selector = Selector::new(model, external, &excluded);
    // Each element's reason is its shortest URL, whichever root it is below.
    let mut at_urls: Vec<(usize, Task)> = Vec::new();
    let mut imported = BTreeSet::new();
    for container in &model.containers {
        for import in &container.operation_imports {
            let ops = import.operations.iter().filter(|o| operations.contains(o));
            for &o in ops {
                imported.insert(Element::Operation(o));
                if !excluded_roots.contains(&import.name) {
                    let why = Why {
                        reason: Reason::Url {
                            path: format!("/{}", import.name),
                        },
                        parent: None,
                    };
                    at_urls.push((1, (Element::Operation(o), why, false)));
                }
            }
        }
        let roots = container
            .entity_sets
            .iter()
            .map(|s| (&s.name, s.entity_type));
        let singletons = container
            .singletons
            .iter()
            .map(|s| (&s.name, s.entity_type));
        for (name, ty) in roots.chain(singletons) {
            if !types.contains(&ty) || excluded_roots.contains(name) {
                continue;
            }
            let prefix = [PathSegment::Literal(name.clone())];
            let text = format!("/{name}");
            for (element, why, used) in path_roots(model, &prefix, exclude_paths, &excluded, &text)
            {
                // Not the user's `--include`: the URL alone, and its depth to sort by.
                let (depth, reason) = match why.reason {
                    Reason::Path { path, .. } => (path.matches('/').count(), Reason::Url { path }),
                    other => (0, other),
                };
                let why = Why {
                    reason,
                    parent: why.parent,
                };
                at_urls.push((depth, (element, why, used)));
            }
        }
    }
    at_urls.sort_by_key(|(depth, _)| *depth);
    selector
        .queue
        .extend(at_urls.into_iter().map(|(_, task)| task));
    let (import_types, import_ops) = areas::closure(model, &within, &imported);
    on_urls.extend(import_types.into_iter().map(Element::Type));
    on_urls.extend(import_ops.into_iter().map(Element::Operation));
    let unreached = types
        .iter()
        .map(|&t| Element::Type(t))
        .chain(operations.iter().map(|&o| Element::Operation(o)))
        .filter(|e| !on_urls.contains(e));
    for element in unreached {
        let why = Why {
            reason: Reason::Unreached,
            parent: None,
        };
        selector.queue.push_back((element, why, false));
    }
    selector.run();
    let Selector { whys, .. } = selector;
    Slice::of_whys(whys, excluded, excluded_roots)
}

/// The entity sets, singletons and operation imports whose own URL is under one of
/// `exclude_paths`.
fn excluded_roots(model: &Model, exclude_paths: &[&[PathSegment]]) -> BTreeSet<String> {
    let under = |name: &str| {
        let segments = [name.to_owned()];
        exclude_paths
            .iter()
            .any(|x| match_path(x, &segments) == PathMatch::Under)
    };
    let mut names = BTreeSet::new();
    for container in &model.containers {
        let sets = container.entity_sets.iter().map(|s| &s.name);
        let singletons = container.singletons.iter().map(|s| &s.name);
        let imports = container.operation_imports.iter().map(|i| &i.name);
        names.extend(
            sets.chain(singletons)
                .chain(imports)
                .filter(|n| under(n))
                .cloned(),
        );
    }
    names
}

/// Whether some URL starts with the path prefix `segments` (`text`), within the bounds of
/// the listing or resolved as a service would.
fn reaches(model: &Model, segments: &[PathSegment], text: &str) -> bool {
    let mut reached = false;
    walk(
        model,
        Bounds::SLICE,
        &|_| true,
        &|_| true,
        &mut |node| match match_path(segments, &node.segments) {
            PathMatch::Under => {
                reached = true;
                false
            }
            PathMatch::Towards => !reached,
            PathMatch::No => false,
        },
    );
    reached || resolve_prefix(model, text, &|_| true, &|_| true).is_some()
}

fn parse_all(texts: &[String]) -> Result<Vec<(String, Pattern)>, String> {
    texts
        .iter()
        .map(|t| Pattern::parse(t).map(|p| (t.clone(), p)))
        .collect()
}

/// Every element an exclude name pattern drops (types with everything derived from them, and
/// operations bound to those), with the pattern that dropped it. Path patterns exclude URLs,
/// not elements; they only prune the walk of include paths.
fn excluded_elements(
    model: &Model,
    excludes: &[(String, Pattern)],
) -> Result<BTreeMap<Element, String>, String> {
    let mut excluded = BTreeMap::new();
    for (text, pattern) in excludes {
        if matches!(pattern, Pattern::Path(_)) {
            continue;
        }
        let mut matched = false;
        for t in model.type_ids() {
            if type_matches(model, pattern, t) {
                matched = true;
                for d in std::iter::once(t).chain(model.all_derived(t)) {
                    excluded.entry(Element::Type(d)).or_insert(text.clone());
                }
            }
        }
        for o in model.operation_ids() {
            if operation_matches(model, pattern, o) {
                matched = true;
                excluded
                    .entry(Element::Operation(o))
                    .or_insert(text.clone());
            }
        }
        if !matched {
            return Err(format!("--exclude {text} matches no type or operation"));
        }
    }
    for o in model.operation_ids() {
        if let Some(binding) = &model.operation(o).binding {
            if let Some(pattern) = excluded.get(&Element::Type(binding.ty)).cloned() {
                excluded.entry(Element::Operation(o)).or_insert(pattern);
            }
        }
    }
    Ok(excluded)
}

fn type_matches(model: &Model, pattern: &Pattern, t: TypeId) -> bool {
    let ty = model.ty(t);
    let alias = model
        .namespace(&ty.namespace)
        .and_then(|n| n.alias.as_deref());
    pattern.matches_name(&ty.namespace, alias, &ty.name)
}

fn operation_matches(model: &Model, pattern: &Pattern, o: OperationId) -> bool {
    let op = model.operation(o);
    let alias = model
        .namespace(&op.namespace)
        .and_then(|n| n.alias.as_deref());
    pattern.matches_name(&op.namespace, alias, &op.name)
}

/// A pending visit: the element, why, and whether it is a type used as a value.
type Task = (Element, Why, bool);

/// Roots of a name pattern: matching types (used as values) and operations, sorted by name,
/// then the operations callable on the matching entity types.
fn name_roots(model: &Model, pattern: &Pattern, text: &str) -> Vec<Task> {
    let root = || Why {
        reason: Reason::Pattern(text.to_owned()),
        parent: None,
    };
    let mut types: Vec<TypeId> = model
        .type_ids()
        .filter(|&t| type_matches(model, pattern, t))
        .collect();
    types.sort_by_key(|&t| model.ty(t).qualified_name());
    let mut roots: Vec<Task> = types
        .iter()
        .map(|&t| (Element::Type(t), root(), true))
        .collect();
    roots.extend(
        model
            .operation_ids()
            .filter(|&o| operation_matches(model, pattern, o))
            .map(|o| (Element::Operation(o), root(), false)),
    );
    for &t in &types {
        if model.ty(t).is_entity() {
            let bound = model
                .operations_on(t, false)
                .into_iter()
                .chain(model.operations_on(t, true));
            for o in bound {
                let why = Why {
                    reason: Reason::Bound,
                    parent: Some(Element::Type(t)),
                };
                roots.push((Element::Operation(o), why, false));
            }
        }
    }
    roots
}

/// Roots of a path prefix: the entity types on the way to it and below it, and the operations
/// below it, each with the shortest URL it was seen at.
fn path_roots(
    model: &Model,
    prefix: &[PathSegment],
    exclude_paths: &[&[PathSegment]],
    excluded: &BTreeMap<Element, String>,
    text: &str,
) -> Vec<Task> {
    // Element → (segment count, URL): the shortest URL, ties broken by the text.
    let mut reached_prefix = false;
    let mut seen: BTreeMap<Element, (usize, String)> = BTreeMap::new();
    let mut record = |element: Element, segments: &[String], path: String| {
        let candidate = (segments.len(), path);
        seen.entry(element)
            .and_modify(|best| {
                if candidate < *best {
                    *best = candidate.clone();
                }
            })
            .or_insert(candidate);
    };
    let include = |t| !excluded.contains_key(&Element::Type(t));
    let include_op = |o| !excluded.contains_key(&Element::Operation(o));
    let pruned = |segments: &[String]| {
        exclude_paths
            .iter()
            .any(|x| match_path(x, segments) == PathMatch::Under)
    };
    walk(model, Bounds::SLICE, &include, &include_op, &mut |node| {
        let matched = match_path(prefix, &node.segments);
        reached_prefix |= matched == PathMatch::Under;
        if matched == PathMatch::No || pruned(&node.segments) {
            return false;
        }
        record_node(&mut record, node, matched == PathMatch::Under);
        true
    });
    // A URL beyond the bounds of the listing (`routes`): walked segment by segment as a
    // service would, then everything below it within the same bounds, counted from there.
    if !reached_prefix {
        if let Some((on_the_way, below)) = resolve_prefix(model, text, &include, &include_op) {
            reached_prefix = true;
            for (element, segments) in on_the_way {
                let path = format!("/{}", segments.join("/"));
                record(element, &segments, path);
            }
            if let Some((start, segments)) = below {
                walk_below(
                    model,
                    Bounds::SLICE,
                    segments,
                    start,
                    &include,
                    &include_op,
                    &mut |node| {
                        if pruned(&node.segments) {
                            return false;
                        }
                        record_node(&mut record, node, true);
                        true
                    },
                );
            }
        }
    }
    // A prefix that no URL reaches matches nothing, even if URLs lead part of the way.
    if !reached_prefix {
        return Vec::new();
    }
    let mut roots: Vec<(usize, String, Element)> = seen
        .into_iter()
        .map(|(e, (n, path))| (n, path, e))
        .collect();
    roots.sort();
    roots
        .into_iter()
        .map(|(_, path, element)| {
            let why = Why {
                reason: Reason::Path {
                    pattern: text.to_owned(),
                    path,
                },
                parent: None,
            };
            (element, why, matches!(element, Element::Type(_)))
        })
        .collect()
}

/// Records the element at a node of the URL tree: its entity type, or, for operations at or
/// below the prefix (`under`), the operation.
fn record_node(record: &mut impl FnMut(Element, &[String], String), node: &Node, under: bool) {
    match node.kind {
        NodeKind::Operation { op, .. } => {
            if under {
                record(Element::Operation(op), &node.segments, node.path());
            }
        }
        _ => {
            if let Some(t) = node.ty {
                record(Element::Type(t), &node.segments, node.path());
            }
        }
    }
}

/// A path prefix resolved as a URL (see `crate::resolve::walk`): the elements on the way with
/// the template segments they were reached at, and where the URL ends with its segments unless
/// nothing hangs below it (an operation, `$count`). `None` when it does not resolve.
#[allow(clippy::type_complexity)]
fn resolve_prefix<'m>(
    model: &'m Model,
    text: &str,
    include: &dyn Fn(TypeId) -> bool,
    include_op: &dyn Fn(OperationId) -> bool,
) -> Option<(
    Vec<(Element, Vec<String>)>,
    Option<(Start<'m>, Vec<String>)>,
)> {
    let url = crate::resolve::url::parse(text).ok()?;
    let filter = crate::resolve::walk::Filter {
        ty: include,
        op: include_op,
    };
    let walked = crate::resolve::walk::walk(model, &url, &filter).ok()?;
    let template = crate::resolve::template(model, &walked);
    let segments: Vec<String> = template
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let mut on_the_way = Vec::new();
    for (i, step) in walked.steps.iter().enumerate() {
        let element = match step.at {
            At::Collection { ty, .. } | At::Entity { ty, .. } => Element::Type(ty),
            At::Operation(op) => Element::Operation(op),
            _ => continue,
        };
        // One template segment per step.
        on_the_way.push((element, segments.get(..=i)?.to_vec()));
    }
    let below = match walked.at {
        At::Collection { ty, via } => Some((Start::Collection(ty, via), segments)),
        At::Entity { ty, .. } => Some((Start::Entity(ty), segments)),
        // An operation, `$count`, `$ref`, a stream: nothing hangs below.
        _ => None,
    };
    Some((on_the_way, below))
}

struct Selector<'m, 'x> {
    model: &'m Model,
    /// Mapped types: never selected, nothing reached through them.
    external: &'x BTreeSet<TypeId>,
    excluded: &'x BTreeMap<Element, String>,
    whys: BTreeMap<Element, Why>,
    /// Types whose derived types have been queued.
    used: BTreeSet<TypeId>,
    queue: VecDeque<Task>,
}

impl<'m, 'x> Selector<'m, 'x> {
    fn new(
        model: &'m Model,
        external: &'x BTreeSet<TypeId>,
        excluded: &'x BTreeMap<Element, String>,
    ) -> Self {
        Selector {
            model,
            external,
            excluded,
            whys: BTreeMap::new(),
            used: BTreeSet::new(),
            queue: VecDeque::new(),
        }
    }

    fn run(&mut self) {
        while let Some((element, why, used)) = self.queue.pop_front() {
            self.visit(element, why, used);
        }
    }

    fn visit(&mut self, element: Element, why: Why, used: bool) {
        let model = self.model;
        if matches!(element, Element::Type(t) if self.external.contains(&t)) {
            return;
        }
        if self.excluded.contains_key(&element) {
            // A value declared as an excluded type is read as its nearest kept base type.
            if let (Element::Type(t), true) = (element, used) {
                let stand_in = model
                    .ancestors_and_self(t)
                    .into_iter()
                    .find(|a| !self.excluded.contains_key(&Element::Type(*a)));
                if let Some(s) = stand_in {
                    let why = Why {
                        reason: Reason::StandIn {
                            excluded: t,
                            use_: Box::new(why.reason),
                        },
                        parent: why.parent,
                    };
                    self.queue.push_back((Element::Type(s), why, false));
                }
            }
            return;
        }
        if let (Element::Type(t), true) = (element, used) {
            if model.structured(t).is_some() && self.used.insert(t) {
                for d in model.all_derived(t) {
                    let derived_why = Why {
                        reason: Reason::Derived {
                            base: t,
                            use_: Box::new(why.reason.clone()),
                        },
                        parent: why.parent,
                    };
                    self.queue.push_back((Element::Type(d), derived_why, false));
                }
            }
        }
        if self.whys.contains_key(&element) {
            return;
        }
        self.whys.insert(element, why);
        let parent = Some(element);
        let queue = &mut self.queue;
        needs(model, element, |t, edge, used| {
            let why = Why {
                reason: edge.reason(),
                parent,
            };
            queue.push_back((Element::Type(t), why, used));
        });
    }
}

/// Why an element needs a type: an edge of the closure of a selection.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Edge<'m> {
    Base,
    Property(&'m str),
    Binding,
    Parameter(&'m str),
    Return,
}

impl Edge<'_> {
    fn reason(self) -> Reason {
        match self {
            Edge::Base => Reason::Base,
            Edge::Property(name) => Reason::Property(name.to_owned()),
            Edge::Binding => Reason::Binding,
            Edge::Parameter(name) => Reason::Parameter(name.to_owned()),
            Edge::Return => Reason::Return,
        }
    }
}

/// The types `element` needs, in the order the slicer queues them, each with its edge and
/// whether it is used as a value (a value may be of any derived type, so those come too): a
/// type's base type and the types of its properties (key properties among them); an
/// operation's binding type, parameter types and return type. The slicer records the edges
/// as reasons; the areas (`areas.rs`) only follow them.
pub(crate) fn needs<'m>(
    model: &'m Model,
    element: Element,
    mut need: impl FnMut(TypeId, Edge<'m>, bool),
) {
    let named = |ty: TypeRef| match ty.target {
        Target::Named(t) => Some(t),
        _ => None,
    };
    match element {
        Element::Type(t) => {
            let Some(structured) = model.structured(t) else {
                return;
            };
            if let Some(base) = structured.base {
                need(base, Edge::Base, false);
            }
            for p in &structured.properties {
                if let Some(t) = named(p.ty) {
                    need(t, Edge::Property(&p.name), true);
                }
            }
        }
        Element::Operation(o) => {
            let op = model.operation(o);
            if let Some(binding) = &op.binding {
                need(binding.ty, Edge::Binding, false);
            }
            for p in &op.parameters {
                if let Some(t) = named(p.ty) {
                    need(t, Edge::Parameter(&p.name), true);
                }
            }
            if let Some(t) = op.return_type.as_ref().and_then(|r| named(r.ty)) {
                need(t, Edge::Return, true);
            }
        }
    }
}
