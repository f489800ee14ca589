//! The URL tree of the entity containers: every addressable resource as a node with its path
//! segments, for `routes` (which lists them) and path-prefix selection (which prunes them).
//!
//! Contained navigation is followed to any depth (containment trees are what a service
//! addresses), stopping when an entity type repeats on the path (recursive containment);
//! non-contained navigation is one hop deep, since it points into another entity set whose own
//! URLs are walked from there. Operations bound to a type, or to one of its bases, are leaves
//! where the type is; navigation and operations of derived types hang below a cast segment.

use super::{Model, NavigationProperty, OperationId, TypeId};

/// What a node of the URL tree addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// An entity set or a contained collection (`GET POST`).
    Collection,
    /// One entity of a collection, by key (`GET PATCH DELETE`).
    Item,
    /// A singleton or a contained single-valued navigation (`GET PATCH`).
    Single,
    /// Non-contained navigation, or one entity of it by key (`GET`).
    Reference,
    /// A bound operation, or an operation import when `import` (a leaf).
    Operation { op: OperationId, import: bool },
}

/// One node: the URL segments from the service root, what they address, and the entity type
/// there (for operations, the type they are bound to; none for imports).
#[derive(Debug, Clone)]
pub struct Node<'m> {
    pub segments: Vec<String>,
    pub kind: NodeKind,
    pub ty: Option<TypeId>,
    /// The navigation property of the last segment, if it is one.
    pub navigation: Option<&'m NavigationProperty>,
}

impl Node<'_> {
    /// `/a/b/c`.
    pub fn path(&self) -> String {
        format!("/{}", self.segments.join("/"))
    }
}

/// Whether a segment is a key placeholder (`{userId}`, `{a},{b}`).
pub fn is_key_segment(segment: &str) -> bool {
    segment.starts_with('{')
}

/// Walks the URL tree depth-first, calling `visit` on every node; children of a node are
/// walked only when `visit` returns true. `include(id)` says whether the walk may enter an
/// entity type at all (navigation to, casts to and operations on excluded elements are
/// skipped); `include_op` the same for operations.
pub fn walk<'m>(
    model: &'m Model,
    include: &dyn Fn(TypeId) -> bool,
    include_op: &dyn Fn(OperationId) -> bool,
    visit: &mut dyn FnMut(&Node<'m>) -> bool,
) {
    let mut walker = Walker {
        model,
        include,
        include_op,
        visit,
        stack: Vec::new(),
    };
    for container in &model.containers {
        for set in &container.entity_sets {
            if include(set.entity_type) {
                walker.collection(vec![set.name.clone()], set.entity_type, None);
            }
        }
        for singleton in &container.singletons {
            if include(singleton.entity_type) {
                let node = Node {
                    segments: vec![singleton.name.clone()],
                    kind: NodeKind::Single,
                    ty: Some(singleton.entity_type),
                    navigation: None,
                };
                if (walker.visit)(&node) {
                    walker.entity(&node.segments, singleton.entity_type);
                }
            }
        }
        for import in &container.operation_imports {
            for &op in &import.operations {
                if include_op(op) {
                    (walker.visit)(&Node {
                        segments: vec![import.name.clone()],
                        kind: NodeKind::Operation { op, import: true },
                        ty: None,
                        navigation: None,
                    });
                }
            }
        }
    }
}

/// Where [`walk_below`] starts: a collection (an entity set or collection-valued navigation)
/// or one entity.
#[derive(Debug, Clone, Copy)]
pub enum Start<'m> {
    Collection(TypeId, Option<&'m NavigationProperty>),
    Entity(TypeId),
}

/// [`walk`], from a node anywhere in the URL tree (one that `walk` might not reach within its
/// bounds, such as a URL given to `--include`): the node at `segments`, then everything
/// below it, with the same bounds as [`walk`] counted from there.
pub fn walk_below<'m>(
    model: &'m Model,
    segments: Vec<String>,
    start: Start<'m>,
    include: &dyn Fn(TypeId) -> bool,
    include_op: &dyn Fn(OperationId) -> bool,
    visit: &mut dyn FnMut(&Node<'m>) -> bool,
) {
    let mut walker = Walker {
        model,
        include,
        include_op,
        visit,
        stack: Vec::new(),
    };
    match start {
        Start::Collection(ty, navigation) => walker.collection(segments, ty, navigation),
        Start::Entity(ty) => {
            let node = Node {
                segments,
                kind: NodeKind::Single,
                ty: Some(ty),
                navigation: None,
            };
            if (walker.visit)(&node) {
                walker.entity(&node.segments, ty);
            }
        }
    }
}

struct Walker<'m, 'f> {
    model: &'m Model,
    include: &'f dyn Fn(TypeId) -> bool,
    include_op: &'f dyn Fn(OperationId) -> bool,
    visit: &'f mut dyn FnMut(&Node<'m>) -> bool,
    /// Entity types on the current path, to stop recursive containment.
    stack: Vec<TypeId>,
}

impl<'m> Walker<'m, '_> {
    fn collection(
        &mut self,
        segments: Vec<String>,
        ty: TypeId,
        navigation: Option<&'m NavigationProperty>,
    ) {
        let node = Node {
            segments,
            kind: NodeKind::Collection,
            ty: Some(ty),
            navigation,
        };
        if !(self.visit)(&node) {
            return;
        }
        self.operations(&node.segments, ty, true, None);
        let mut item = node.segments;
        item.push(key_placeholder(self.model, ty));
        let item = Node {
            segments: item,
            kind: NodeKind::Item,
            ty: Some(ty),
            navigation: None,
        };
        if (self.visit)(&item) {
            self.entity(&item.segments, ty);
        }
    }

    fn entity(&mut self, segments: &[String], ty: TypeId) {
        if self.stack.contains(&ty) {
            return;
        }
        self.stack.push(ty);
        let model = self.model;
        self.operations(segments, ty, false, None);
        // Navigation declared on the type or its bases, and on derived types behind a cast.
        let mut sources = vec![(ty, None)];
        for derived in model.all_derived(ty) {
            if (self.include)(derived) {
                sources.push((derived, Some(model.ty(derived).qualified_name())));
            }
        }
        for (source, cast) in sources {
            let mut base: Vec<String> = segments.to_vec();
            base.extend(cast.clone());
            let navigation = if cast.is_none() {
                model.all_navigation(source)
            } else {
                model
                    .structured(source)
                    .map(|s| s.navigation.iter().collect())
                    .unwrap_or_default()
            };
            for nav in navigation {
                if (self.include)(nav.target) {
                    let mut nav_segments = base.clone();
                    nav_segments.push(nav.name.clone());
                    self.navigation(nav_segments, nav);
                }
            }
            if cast.is_some() {
                self.operations(&base, source, false, Some(ty));
            }
        }
        self.stack.pop();
    }

    fn navigation(&mut self, segments: Vec<String>, nav: &'m NavigationProperty) {
        if nav.contains_target {
            if nav.collection {
                self.collection(segments, nav.target, Some(nav));
            } else {
                let node = Node {
                    segments,
                    kind: NodeKind::Single,
                    ty: Some(nav.target),
                    navigation: Some(nav),
                };
                if (self.visit)(&node) {
                    self.entity(&node.segments, nav.target);
                }
            }
            return;
        }
        let node = Node {
            segments,
            kind: NodeKind::Reference,
            ty: Some(nav.target),
            navigation: Some(nav),
        };
        if (self.visit)(&node) && nav.collection {
            let mut item = node.segments;
            item.push(key_placeholder(self.model, nav.target));
            (self.visit)(&Node {
                segments: item,
                kind: NodeKind::Reference,
                ty: Some(nav.target),
                navigation: None,
            });
        }
    }

    /// Operations callable at `segments` on `ty`; below a cast, only those not already
    /// callable on the uncast type `uncast`.
    fn operations(
        &mut self,
        segments: &[String],
        ty: TypeId,
        collection: bool,
        uncast: Option<TypeId>,
    ) {
        let model = self.model;
        for op in model.operations_on(ty, collection) {
            if !(self.include_op)(op) {
                continue;
            }
            let bound_to_uncast = uncast.is_some_and(|u| {
                model
                    .operation(op)
                    .binding
                    .as_ref()
                    .is_some_and(|b| model.is_a(u, b.ty))
            });
            if bound_to_uncast {
                continue;
            }
            let mut op_segments = segments.to_vec();
            op_segments.push(model.operation(op).name.clone());
            (self.visit)(&Node {
                segments: op_segments,
                kind: NodeKind::Operation { op, import: false },
                ty: Some(ty),
                navigation: None,
            });
        }
    }
}

/// `{deviceConfigurationId}` for single keys, `{a},{b}`-style for composite keys.
pub fn key_placeholder(model: &Model, ty: TypeId) -> String {
    let name = &model.ty(ty).name;
    match model.key(ty) {
        Some([_]) | None => format!("{{{name}Id}}"),
        Some(parts) => parts
            .iter()
            .map(|p| format!("{{{}}}", p.name))
            .collect::<Vec<_>>()
            .join(","),
    }
}
