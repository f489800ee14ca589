//! A parsed URL walked through the type graph, segment by segment and to any depth, as an OData
//! service resolves it: entity sets, singletons and operation imports at the root; keys after
//! collections (in parentheses or as segments); navigation, properties, casts and bound
//! operations after entities; `$count`, `$ref` and `$value` where they apply. Names match
//! case-insensitively, as services do, with a note when the case differs.

use crate::model::{
    EntitySet, Model, NavigationProperty, OperationId, OperationImport, OperationKind, Primitive,
    Property, Singleton, Target, TypeId, TypeKind, TypeRef,
};

use super::url::{Arg, Segment, Url, Value};

/// Where the walk is after a segment: what the URL addresses so far.
#[derive(Debug, Clone, Copy)]
pub enum At<'m> {
    /// The service root.
    Root,
    /// An entity set, or collection-valued navigation (`via`).
    Collection {
        ty: TypeId,
        via: Option<&'m NavigationProperty>,
    },
    /// One entity: a singleton, an entity by key, or single-valued navigation. `via` is the
    /// navigation property it was reached by last (through a key too), if any.
    Entity {
        ty: TypeId,
        via: Option<&'m NavigationProperty>,
        singleton: bool,
    },
    /// A bound operation or an operation import (nothing may follow).
    Operation(OperationId),
    /// `$count` of a collection.
    Count,
    /// `$ref`: the references of a collection, or the reference of one entity.
    References { collection: bool },
    /// `$value` of a media entity.
    Media,
    /// An `Edm.Stream` property.
    Stream,
    /// A structural property of this type.
    Property(TypeRef),
    /// `$value` of a primitive property.
    RawValue,
}

/// One step of the walk: the URL segment it came from, and what it did.
#[derive(Debug, Clone)]
pub struct Step<'m> {
    /// Index into [`Url::segments`].
    pub segment: usize,
    pub kind: StepKind<'m>,
    /// Where the walk is after this step.
    pub at: At<'m>,
}

#[derive(Debug, Clone)]
pub enum StepKind<'m> {
    EntitySet(&'m EntitySet),
    Singleton(&'m Singleton),
    Import {
        import: &'m OperationImport,
        op: OperationId,
        args: Vec<(String, Value)>,
    },
    /// A key: the key part names (the aliases where the key has them) and values, in key order.
    Key(Vec<(String, Value)>),
    Navigation(&'m NavigationProperty),
    Cast {
        to: TypeId,
    },
    /// A bound operation; `args` are function parameters in declaration order.
    Operation {
        op: OperationId,
        args: Vec<(String, Value)>,
    },
    Count,
    Ref,
    Value,
    Property(&'m Property),
}

/// A walked URL.
#[derive(Debug, Clone)]
pub struct Walked<'m> {
    pub steps: Vec<Step<'m>>,
    pub at: At<'m>,
    /// Leading segments taken as the service root (`v1.0`, `/sap/opu/odata4/…`).
    pub skipped: usize,
    /// What was tolerated: names in another case, unqualified operations, ….
    pub notes: Vec<String>,
}

/// Where and why a URL does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// Index into [`Url::segments`] (the segment count when the URL ends too early).
    pub segment: usize,
    pub message: String,
    /// The names that may come there.
    pub expected: Vec<String>,
    /// The expected names closest to what was written.
    pub closest: Vec<String>,
}

/// What a walk may enter: a slice's elements, or everything.
pub struct Filter<'f> {
    pub ty: &'f dyn Fn(TypeId) -> bool,
    pub op: &'f dyn Fn(OperationId) -> bool,
}

impl Filter<'_> {
    pub const ALL: Filter<'static> = Filter {
        ty: &|_| true,
        op: &|_| true,
    };
}

/// Walks `url` from the service root of `model`.
pub fn walk<'m>(model: &'m Model, url: &Url, filter: &Filter) -> Result<Walked<'m>, WalkError> {
    let skipped = service_root_length(model, url);
    let mut walker = Walker {
        model,
        filter,
        steps: Vec::new(),
        notes: Vec::new(),
        at: At::Root,
    };
    let segments = &url.segments[skipped..];
    if segments.is_empty() {
        return Err(WalkError {
            segment: skipped,
            message: "the URL addresses the service root, not a resource".to_owned(),
            expected: walker.root_names(),
            closest: Vec::new(),
        });
    }
    for (offset, segment) in segments.iter().enumerate() {
        walker.segment(skipped + offset, segment)?;
    }
    Ok(Walked {
        steps: walker.steps,
        at: walker.at,
        skipped,
        notes: walker.notes,
    })
}

/// How many leading segments are the service root's path rather than resources: those of an
/// absolute URL before the first name the containers define, or a relative URL's version
/// segment (`v1.0`, `beta`) when a container's name follows.
fn service_root_length(model: &Model, url: &Url) -> usize {
    let is_root_name = |segment: &Segment| {
        model.containers.iter().any(|c| {
            let names = c
                .entity_sets
                .iter()
                .map(|s| &s.name)
                .chain(c.singletons.iter().map(|s| &s.name))
                .chain(c.operation_imports.iter().map(|i| &i.name));
            names
                .into_iter()
                .any(|n| n.eq_ignore_ascii_case(&segment.name))
        })
    };
    let first_root = url.segments.iter().position(is_root_name);
    match first_root {
        Some(0) | None => 0,
        Some(n) if url.absolute => n,
        Some(1) if looks_like_version(&url.segments[0].name) => 1,
        Some(_) => 0,
    }
}

fn looks_like_version(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    lower == "beta"
        || lower.strip_prefix('v').is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
}

struct Walker<'m, 'f> {
    model: &'m Model,
    filter: &'f Filter<'f>,
    steps: Vec<Step<'m>>,
    notes: Vec<String>,
    at: At<'m>,
}

/// A name found by [`find`]: the item, and whether it matched only in another case.
struct Found<T> {
    item: T,
    case_differs: bool,
}

/// The item whose name is `wanted`: exactly, else the only one equal ignoring ASCII case.
fn find<T: Copy>(items: &[(String, T)], wanted: &str) -> Option<Found<T>> {
    if let Some((_, item)) = items.iter().find(|(name, _)| name == wanted) {
        return Some(Found {
            item: *item,
            case_differs: false,
        });
    }
    let mut folded = items
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(wanted));
    match (folded.next(), folded.next()) {
        (Some((_, item)), None) => Some(Found {
            item: *item,
            case_differs: true,
        }),
        _ => None,
    }
}

/// The candidates closest to `written`, best first: within a small edit distance, or
/// starting with what was written (ignoring case).
pub fn closest(candidates: &[String], written: &str) -> Vec<String> {
    let written = written.to_ascii_lowercase();
    let limit = (written.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &String)> = candidates
        .iter()
        .filter_map(|c| {
            let lower = c.to_ascii_lowercase();
            let distance = strsim::levenshtein(&lower, &written);
            let prefix = written.len() >= 3 && lower.starts_with(&written[..written.len() - 1]);
            (distance <= limit || prefix).then_some((distance, c))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c.clone()).collect()
}

/// What may come after a point of the walk, by name.
#[derive(Clone, Copy)]
enum Next<'m> {
    EntitySet(&'m EntitySet),
    Singleton(&'m Singleton),
    Import(&'m OperationImport),
    Navigation(&'m NavigationProperty),
    Property(&'m Property),
    Cast(TypeId),
    /// Operations of one name (overloads), by index into the candidate list.
    Operations(usize),
    Count,
    Ref,
    Value,
}

impl<'m> Walker<'m, '_> {
    fn error(&self, segment: usize, message: String, expected: &[(String, Next)]) -> WalkError {
        let names: Vec<String> = expected.iter().map(|(n, _)| n.clone()).collect();
        WalkError {
            segment,
            message,
            expected: names,
            closest: Vec::new(),
        }
    }

    fn root_names(&self) -> Vec<String> {
        self.root_next().into_iter().map(|(n, _)| n).collect()
    }

    fn root_next(&self) -> Vec<(String, Next<'m>)> {
        let mut next = Vec::new();
        for c in &self.model.containers {
            for s in &c.entity_sets {
                next.push((s.name.clone(), Next::EntitySet(s)));
            }
            for s in &c.singletons {
                next.push((s.name.clone(), Next::Singleton(s)));
            }
            for i in &c.operation_imports {
                next.push((i.name.clone(), Next::Import(i)));
            }
        }
        next
    }

    fn push(&mut self, segment: usize, kind: StepKind<'m>, at: At<'m>) {
        self.steps.push(Step { segment, kind, at });
        self.at = at;
    }

    fn segment(&mut self, index: usize, segment: &Segment) -> Result<(), WalkError> {
        if segment.name.ends_with(':') || segment.name.contains(":/") {
            return Err(WalkError {
                segment: index,
                message: format!(
                    "`{}`: path-based addressing (`root:/folder/file:`) is a Microsoft Graph extension, not an OData URL; address the item by its id",
                    segment.text
                ),
                expected: Vec::new(),
                closest: Vec::new(),
            });
        }
        match self.at {
            At::Root => self.after_root(index, segment),
            At::Collection { ty, via } => self.after_collection(index, segment, ty, via),
            At::Entity { ty, via, .. } => self.after_entity(index, segment, ty, via),
            At::Property(ty) => self.after_property(index, segment, ty),
            At::Operation(op) => Err(self.error(
                index,
                format!(
                    "nothing can follow the operation `{}` here (the builders return its request)",
                    self.model.operation(op).qualified_name()
                ),
                &[],
            )),
            At::Count | At::References { .. } | At::Media | At::Stream | At::RawValue => {
                let last = self
                    .steps
                    .last()
                    .map(|s| s.segment)
                    .unwrap_or(index.saturating_sub(1));
                Err(self.error(
                    index,
                    format!("nothing can follow segment {}", last + 1),
                    &[],
                ))
            }
        }
    }

    /// Looks `segment.name` up among `next`; errors list what was expected.
    fn lookup(
        &mut self,
        index: usize,
        segment: &Segment,
        next: &[(String, Next<'m>)],
        place: &str,
    ) -> Result<Next<'m>, WalkError> {
        match find(next, &segment.name) {
            Some(found) => {
                if found.case_differs {
                    let exact = next
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(&segment.name))
                        .map(|(n, _)| n.clone())
                        .unwrap_or_default();
                    self.notes.push(format!(
                        "segment {} `{}` matched `{exact}` ignoring case",
                        index + 1,
                        segment.name
                    ));
                }
                Ok(found.item)
            }
            None => {
                let mut error =
                    self.error(index, format!("`{}` is not {place}", segment.name), next);
                error.closest = closest(&error.expected, &segment.name);
                Err(error)
            }
        }
    }

    fn after_root(&mut self, index: usize, segment: &Segment) -> Result<(), WalkError> {
        let next = self.root_next();
        let what = self.lookup(
            index,
            segment,
            &next,
            "an entity set, singleton or operation import of the service",
        )?;
        match what {
            Next::EntitySet(set) => {
                self.check_type(index, set.entity_type, &set.name)?;
                let at = At::Collection {
                    ty: set.entity_type,
                    via: None,
                };
                self.push(index, StepKind::EntitySet(set), at);
                if let Some(args) = &segment.args {
                    self.key(index, set.entity_type, None, args)?;
                }
            }
            Next::Singleton(singleton) => {
                self.check_type(index, singleton.entity_type, &singleton.name)?;
                self.no_args(index, segment)?;
                let at = At::Entity {
                    ty: singleton.entity_type,
                    via: None,
                    singleton: true,
                };
                self.push(index, StepKind::Singleton(singleton), at);
            }
            Next::Import(import) => {
                let (op, args) = self.call(index, segment, &import.operations)?;
                let at = self.operation_at(op);
                self.push(index, StepKind::Import { import, op, args }, at);
            }
            _ => unreachable!("root_next yields only container children"),
        }
        Ok(())
    }

    fn check_type(&self, index: usize, ty: TypeId, what: &str) -> Result<(), WalkError> {
        if (self.filter.ty)(ty) {
            Ok(())
        } else {
            Err(self.error(
                index,
                format!(
                    "`{what}` leads to {}, which is not in the slice",
                    self.model.ty(ty).qualified_name()
                ),
                &[],
            ))
        }
    }

    fn no_args(&self, index: usize, segment: &Segment) -> Result<(), WalkError> {
        match &segment.args {
            None => Ok(()),
            Some(_) => Err(self.error(
                index,
                format!(
                    "`{}` takes no key or parameters in parentheses",
                    segment.name
                ),
                &[],
            )),
        }
    }

    /// A key after a collection of `ty`: from parentheses (`args`) or a whole segment.
    fn key(
        &mut self,
        index: usize,
        ty: TypeId,
        via: Option<&'m NavigationProperty>,
        args: &[Arg],
    ) -> Result<(), WalkError> {
        let model = self.model;
        let Some(parts) = model.key(ty) else {
            return Err(self.error(
                index,
                format!(
                    "{} has no key, so its entities cannot be addressed one by one",
                    model.ty(ty).qualified_name()
                ),
                &[],
            ));
        };
        let names: Vec<String> = parts.iter().map(|p| p.name.clone()).collect();
        let values: Vec<(String, Value)> = match args {
            [Arg { name: None, value }] if parts.len() == 1 => {
                vec![(names[0].clone(), value.clone())]
            }
            _ if args.len() == parts.len() && args.iter().all(|a| a.name.is_some()) => {
                let mut values = Vec::new();
                for name in &names {
                    let given = args.iter().find(|a| {
                        a.name
                            .as_deref()
                            .is_some_and(|n| n.eq_ignore_ascii_case(name))
                    });
                    match given {
                        Some(arg) => values.push((name.clone(), arg.value.clone())),
                        None => {
                            return Err(self.error(
                                index,
                                format!(
                                    "the key of {} has the parts ({}); `{name}` is missing",
                                    model.ty(ty).qualified_name(),
                                    names.join(", ")
                                ),
                                &[],
                            ))
                        }
                    }
                }
                values
            }
            // `{a},{b}`: a composite key as one segment, the parts in key order.
            _ if args.len() == parts.len() && args.iter().all(|a| a.name.is_none()) => names
                .iter()
                .cloned()
                .zip(args.iter().map(|a| a.value.clone()))
                .collect(),
            _ => {
                return Err(self.error(
                    index,
                    format!(
                        "the key of {} has {} part(s) ({}); {} given",
                        model.ty(ty).qualified_name(),
                        parts.len(),
                        names.join(", "),
                        args.len()
                    ),
                    &[],
                ))
            }
        };
        let at = At::Entity {
            ty,
            via,
            singleton: false,
        };
        self.push(index, StepKind::Key(values), at);
        Ok(())
    }

    fn after_collection(
        &mut self,
        index: usize,
        segment: &Segment,
        ty: TypeId,
        via: Option<&'m NavigationProperty>,
    ) -> Result<(), WalkError> {
        let mut next: Vec<(String, Next<'m>)> = vec![
            ("$count".to_owned(), Next::Count),
            ("$ref".to_owned(), Next::Ref),
        ];
        self.casts(ty, &mut next);
        let ops = self.operations(ty, true, &mut next);
        if segment.name.is_empty() {
            // `/teams/(team-id)`: a key in parentheses written as a segment of its own.
            if let Some(args) = &segment.args {
                return self.key(index, ty, via, args);
            }
        }
        if segment.args.is_none() {
            if let Some(found) = find(&next, &segment.name) {
                return self.take(index, segment, ty, via, true, found.item, &ops);
            }
            if !segment.name.starts_with('$') && !self.is_qualified_name(&segment.name) {
                // Anything else is a key as a segment (Graph's `/users/{id}`, `/users/42`).
                let args = split_segment_key(segment);
                return self.key(index, ty, via, &args);
            }
        }
        let what = self.lookup(
            index,
            segment,
            &next,
            &format!(
                "a key, a cast or an operation of a collection of {}",
                self.model.ty(ty).qualified_name()
            ),
        )?;
        self.take(index, segment, ty, via, true, what, &ops)
    }

    /// Whether the name looks namespace-qualified (a cast or qualified operation) rather than
    /// a key value.
    fn is_qualified_name(&self, name: &str) -> bool {
        name.rsplit_once('.').is_some_and(|(qualifier, _)| {
            self.model.namespaces.iter().any(|n| {
                n.name.eq_ignore_ascii_case(qualifier)
                    || n.alias
                        .as_deref()
                        .is_some_and(|a| a.eq_ignore_ascii_case(qualifier))
            })
        })
    }

    fn after_entity(
        &mut self,
        index: usize,
        segment: &Segment,
        ty: TypeId,
        via: Option<&'m NavigationProperty>,
    ) -> Result<(), WalkError> {
        let model = self.model;
        let mut next: Vec<(String, Next<'m>)> = vec![
            ("$ref".to_owned(), Next::Ref),
            ("$value".to_owned(), Next::Value),
        ];
        for n in model.all_navigation(ty) {
            next.push((n.name.clone(), Next::Navigation(n)));
        }
        for p in model.all_properties(ty) {
            next.push((p.name.clone(), Next::Property(p)));
        }
        self.casts(ty, &mut next);
        let ops = self.operations(ty, false, &mut next);
        let what = self.lookup(
            index,
            segment,
            &next,
            &format!(
                "a navigation property, property, cast or operation of {}",
                model.ty(ty).qualified_name()
            ),
        )?;
        if let Next::Navigation(n) = what {
            // Navigation declared on a derived type needs a cast first; say so.
            return self.navigation(index, segment, n);
        }
        self.take(index, segment, ty, via, false, what, &ops)
    }

    fn navigation(
        &mut self,
        index: usize,
        segment: &Segment,
        n: &'m NavigationProperty,
    ) -> Result<(), WalkError> {
        self.check_type(index, n.target, &n.name)?;
        let at = if n.collection {
            At::Collection {
                ty: n.target,
                via: Some(n),
            }
        } else {
            At::Entity {
                ty: n.target,
                via: Some(n),
                singleton: false,
            }
        };
        self.push(index, StepKind::Navigation(n), at);
        match (&segment.args, n.collection) {
            (None, _) => Ok(()),
            (Some(args), true) => self.key(index, n.target, Some(n), args),
            (Some(_), false) => self.no_args(index, segment),
        }
    }

    fn after_property(
        &mut self,
        index: usize,
        segment: &Segment,
        ty: TypeRef,
    ) -> Result<(), WalkError> {
        let model = self.model;
        let mut next: Vec<(String, Next<'m>)> = Vec::new();
        match ty.target {
            Target::Named(t) if !ty.collection => {
                if let TypeKind::Complex(_) = model.ty(t).kind {
                    for p in model.all_properties(t) {
                        next.push((p.name.clone(), Next::Property(p)));
                    }
                } else {
                    next.push(("$value".to_owned(), Next::Value));
                }
            }
            Target::Primitive(_) if !ty.collection => next.push(("$value".to_owned(), Next::Value)),
            _ => next.push(("$count".to_owned(), Next::Count)),
        }
        let what = self.lookup(index, segment, &next, "a part of this property")?;
        self.no_args(index, segment)?;
        match what {
            Next::Property(p) => self.push(index, StepKind::Property(p), property_at(p)),
            Next::Value => self.push(index, StepKind::Value, At::RawValue),
            Next::Count => self.push(index, StepKind::Count, At::Count),
            _ => unreachable!("only properties, $value and $count are offered"),
        }
        Ok(())
    }

    /// Casts from `ty` to each type derived from it, by qualified name (namespace or alias).
    fn casts(&self, ty: TypeId, next: &mut Vec<(String, Next<'m>)>) {
        let model = self.model;
        for d in model.all_derived(ty) {
            let t = model.ty(d);
            next.push((t.qualified_name(), Next::Cast(d)));
            if let Some(alias) = model.namespace(&t.namespace).and_then(|n| n.alias.as_ref()) {
                next.push((format!("{alias}.{}", t.name), Next::Cast(d)));
            }
        }
    }

    /// Operations bound to `ty` (a collection of it with `collection`), by qualified and by
    /// plain name; returns the overload groups that `Next::Operations` indexes.
    fn operations(
        &self,
        ty: TypeId,
        collection: bool,
        next: &mut Vec<(String, Next<'m>)>,
    ) -> Vec<Vec<OperationId>> {
        let model = self.model;
        let mut groups: Vec<(String, Vec<OperationId>)> = Vec::new();
        for op in model.operations_on(ty, collection) {
            let qualified = model.operation(op).qualified_name();
            match groups.iter_mut().find(|(name, _)| *name == qualified) {
                Some((_, ops)) => ops.push(op),
                None => groups.push((qualified, vec![op])),
            }
        }
        for (i, (qualified, ops)) in groups.iter().enumerate() {
            let op = model.operation(ops[0]);
            next.push((qualified.clone(), Next::Operations(i)));
            if let Some(alias) = model
                .namespace(&op.namespace)
                .and_then(|n| n.alias.as_ref())
            {
                next.push((format!("{alias}.{}", op.name), Next::Operations(i)));
            }
            // Unqualified, as Microsoft Graph documents them; a property of the same name wins.
            if !next.iter().any(|(n, _)| *n == op.name) {
                next.push((op.name.clone(), Next::Operations(i)));
            }
        }
        groups.into_iter().map(|(_, ops)| ops).collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn take(
        &mut self,
        index: usize,
        segment: &Segment,
        ty: TypeId,
        via: Option<&'m NavigationProperty>,
        collection: bool,
        what: Next<'m>,
        ops: &[Vec<OperationId>],
    ) -> Result<(), WalkError> {
        let model = self.model;
        match what {
            Next::Count => {
                self.no_args(index, segment)?;
                self.push(index, StepKind::Count, At::Count);
            }
            Next::Ref => {
                self.no_args(index, segment)?;
                if collection && via.is_some_and(|n| n.contains_target) {
                    self.notes.push(format!(
                        "`{}` is contained navigation: OData allows `$ref` only to entities that live elsewhere",
                        via.map(|n| n.name.as_str()).unwrap_or_default()
                    ));
                }
                self.push(index, StepKind::Ref, At::References { collection });
            }
            Next::Value => {
                self.no_args(index, segment)?;
                let media = model
                    .ancestors_and_self(ty)
                    .into_iter()
                    .any(|t| model.structured(t).is_some_and(|s| s.has_stream));
                if !media {
                    self.notes.push(format!(
                        "{} is not declared a media entity (HasStream), so `$value` may not be served",
                        model.ty(ty).qualified_name()
                    ));
                }
                self.push(index, StepKind::Value, At::Media);
            }
            Next::Cast(to) => {
                self.check_type(index, to, &model.ty(to).qualified_name())?;
                let at = if collection {
                    At::Collection { ty: to, via }
                } else {
                    At::Entity {
                        ty: to,
                        via,
                        singleton: matches!(
                            self.at,
                            At::Entity {
                                singleton: true,
                                ..
                            }
                        ),
                    }
                };
                self.push(index, StepKind::Cast { to }, at);
                if let Some(args) = &segment.args {
                    if collection {
                        self.key(index, to, via, args)?;
                    } else {
                        self.no_args(index, segment)?;
                    }
                }
            }
            Next::Operations(group) => {
                let (op, args) = self.call(index, segment, &ops[group])?;
                if !segment.name.contains('.') {
                    // Worth knowing only where the service is not known to accept it.
                    self.notes.push(format!(
                        "segment {} `{}` is an unqualified operation name (standard OData writes `{}`)",
                        index + 1,
                        segment.name,
                        model.operation(op).qualified_name()
                    ));
                }
                let at = self.operation_at(op);
                self.push(index, StepKind::Operation { op, args }, at);
            }
            Next::Property(p) => {
                self.no_args(index, segment)?;
                self.push(index, StepKind::Property(p), property_at(p));
            }
            Next::Navigation(n) => return self.navigation(index, segment, n),
            Next::EntitySet(_) | Next::Singleton(_) | Next::Import(_) => {
                unreachable!("container children are offered only at the root")
            }
        }
        Ok(())
    }

    /// The overload of `operations` (those of one name) that the segment calls, among those in
    /// the slice, with its arguments.
    fn call(
        &mut self,
        index: usize,
        segment: &Segment,
        operations: &[OperationId],
    ) -> Result<(OperationId, Vec<(String, Value)>), WalkError> {
        let candidates: Vec<OperationId> = operations
            .iter()
            .copied()
            .filter(|o| (self.filter.op)(*o))
            .collect();
        if candidates.is_empty() {
            return Err(self.error(
                index,
                format!("the operation `{}` is not in the slice", segment.name),
                &[],
            ));
        }
        self.overload(index, segment, &candidates)
    }

    /// Where a call leads: a composable function that returns entities addresses them, and
    /// the URL may go on from there; any other operation ends it.
    fn operation_at(&self, op: OperationId) -> At<'m> {
        match self.model.composable_entity_result(op) {
            Some((ty, true)) if (self.filter.ty)(ty) => At::Collection { ty, via: None },
            Some((ty, false)) if (self.filter.ty)(ty) => At::Entity {
                ty,
                via: None,
                singleton: false,
            },
            _ => At::Operation(op),
        }
    }

    /// The overload of an operation that the segment calls, and its arguments in parameter
    /// order. Functions are matched by parameter names (case-insensitively); `f` without
    /// parentheses calls an overload without parameters.
    fn overload(
        &mut self,
        index: usize,
        segment: &Segment,
        candidates: &[OperationId],
    ) -> Result<(OperationId, Vec<(String, Value)>), WalkError> {
        let model = self.model;
        let first = model.operation(candidates[0]);
        if first.kind == OperationKind::Action {
            if segment.args.as_ref().is_some_and(|a| !a.is_empty()) {
                return Err(self.error(
                    index,
                    format!(
                        "`{}` is an action: its parameters go in the request body, not the URL",
                        first.qualified_name()
                    ),
                    &[],
                ));
            }
            if candidates.len() > 1 {
                self.notes.push(format!(
                    "the action `{}` is overloaded on one binding ({} declarations); the first is taken",
                    first.qualified_name(),
                    candidates.len()
                ));
            }
            return Ok((candidates[0], Vec::new()));
        }
        let mut given: Vec<Arg> = segment.args.clone().unwrap_or_default();
        if let Some(positional) = given.iter().find(|a| a.name.is_none()) {
            // `range(A1:B2)`, as API pages write it for a function of one parameter.
            let single = candidates
                .iter()
                .map(|&op| &model.operation(op).parameters)
                .find(|params| params.len() == 1);
            match (single, given.len()) {
                (Some(params), 1) => {
                    self.notes.push(format!(
                        "segment {} gives the value of `{}` without its name (`{}=…`)",
                        index + 1,
                        params[0].name,
                        params[0].name
                    ));
                    given[0].name = Some(params[0].name.clone());
                }
                _ => {
                    return Err(self.error(
                        index,
                        format!(
                            "function parameters are written `name=value`; `{}` has no name",
                            positional.value.text()
                        ),
                        &[],
                    ))
                }
            }
        }
        if segment.args.is_none()
            && !candidates
                .iter()
                .any(|&op| model.operation(op).parameters.iter().all(|p| p.nullable))
        {
            // `…/itemAt`: API pages name a function without its parameters; the builder takes
            // them all.
            let op = candidates
                .iter()
                .copied()
                .min_by_key(|&op| model.operation(op).parameters.len())
                .unwrap_or(candidates[0]);
            let params = &model.operation(op).parameters;
            self.notes.push(format!(
                "segment {} names the function `{}` without its parameters ({}); the builder takes them",
                index + 1,
                first.name,
                params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
            ));
            let args = params
                .iter()
                .map(|p| (p.name.clone(), Value::Placeholder(p.name.clone())))
                .collect();
            return Ok((op, args));
        }
        let given_names: Vec<String> = given
            .iter()
            .filter_map(|a| a.name.as_ref().map(|n| n.to_ascii_lowercase()))
            .collect();
        let matches = |op: OperationId, exact: bool| {
            let params = &model.operation(op).parameters;
            let names: Vec<String> = params.iter().map(|p| p.name.to_ascii_lowercase()).collect();
            given_names.iter().all(|g| names.contains(g))
                && params.iter().all(|p| {
                    given_names.contains(&p.name.to_ascii_lowercase()) || (!exact && p.nullable)
                })
        };
        let chosen = candidates
            .iter()
            .copied()
            .find(|&op| matches(op, true))
            .or_else(|| candidates.iter().copied().find(|&op| matches(op, false)));
        let Some(op) = chosen else {
            let signatures: Vec<String> = candidates
                .iter()
                .map(|&op| {
                    let o = model.operation(op);
                    let params: Vec<&str> = o.parameters.iter().map(|p| p.name.as_str()).collect();
                    format!("{}({})", o.name, params.join(","))
                })
                .collect();
            return Err(WalkError {
                segment: index,
                message: format!(
                    "no overload of `{}` takes the parameters ({})",
                    first.qualified_name(),
                    given_names.join(",")
                ),
                expected: signatures,
                closest: Vec::new(),
            });
        };
        let mut args = Vec::new();
        for p in &model.operation(op).parameters {
            let value = given
                .iter()
                .find(|a| {
                    a.name
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(&p.name))
                })
                .map(|a| a.value.clone());
            match value {
                Some(value) => args.push((p.name.clone(), value)),
                None => self.notes.push(format!(
                    "the nullable parameter `{}` of `{}` is left out",
                    p.name, first.name
                )),
            }
        }
        Ok((op, args))
    }
}

fn property_at(p: &Property) -> At<'_> {
    if p.ty.target == Target::Primitive(Primitive::Stream) && !p.ty.collection {
        At::Stream
    } else {
        At::Property(p.ty)
    }
}

/// A key written as a whole segment: one value, or `{a},{b}`-style parts in key order.
fn split_segment_key(segment: &Segment) -> Vec<Arg> {
    let braced_parts = segment.name.contains("},{");
    if braced_parts {
        segment
            .name
            .split(',')
            .map(|part| Arg {
                name: None,
                value: Value::Placeholder(part.trim().trim_matches(['{', '}']).to_owned()),
            })
            .collect()
    } else if segment.is_placeholder() {
        vec![Arg {
            name: None,
            value: Value::Placeholder(segment.name[1..segment.name.len() - 1].trim().to_owned()),
        }]
    } else {
        // A key as a segment is the value itself, not a literal: `/users/a'b` means the text
        // `a'b`, and `/items/42` the number 42 where the key is a number.
        vec![Arg {
            name: None,
            value: Value::Segment(segment.name.clone()),
        }]
    }
}
