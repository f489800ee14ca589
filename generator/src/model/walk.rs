//! The URL tree of the entity containers: every addressable resource as a node with its path
//! segments, for `routes` (which lists them) and path-prefix selection (which prunes them).
//!
//! The tree of a service is infinite (navigation cycles, recursive containment), so the walk is
//! bounded ([`Bounds`]): contained navigation is followed to any depth, but an entity type may
//! repeat on one path only `recursion` more times (`mailFolders/{id}/childFolders/{id}/…`).
//! Non-contained navigation points into entities that live elsewhere, whose own URLs are
//! walked from their entity set: below it (and below a composable function that returns
//! entities) the walk lists the target's operations and `below_link` levels of navigation, the
//! last level as leaves, and no casts. `depth` caps the navigation segments of a URL.
//! Operations bound to a type, or to one of its bases, are listed where the type is;
//! navigation and operations of derived types hang below a cast segment.

use super::{Model, NavigationProperty, OperationId, TypeId};

/// How far the walk goes; see the module's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// How many more times an entity type may appear on one path after its first.
    pub recursion: usize,
    /// Below non-contained navigation (and composable functions that return entities): `None`
    /// lists the navigation and its items only; `Some(n)` also the target's operations and `n`
    /// levels of its navigation below them, the last as leaves.
    pub below_link: Option<usize>,
    /// At most this many navigation segments in a URL (`None`: no limit besides the others).
    pub depth: Option<usize>,
    /// Whether the listing forms are walked too: `$ref` of non-contained navigation, `$value`
    /// of media entities, stream properties, casts of collections, and below composable
    /// functions.
    pub forms: bool,
    /// Below a link, and for a repeated entity type, the walk goes on only into entity types
    /// whose own URL tree (contained navigation, no repeats) has at most this many URLs: small
    /// trees (`managedDevice`, `mailFolder`) are listed again there, huge ones (`driveItem`
    /// with its workbook, `user`) only where they first appear.
    pub expand_limit: usize,
}

impl Bounds {
    /// What `routes` lists by default: the documented URLs of Microsoft Graph that the
    /// metadata can address (see the README for the share) in about 2.5 million templates.
    pub const ROUTES: Bounds = Bounds {
        recursion: 1,
        below_link: Some(0),
        depth: None,
        forms: true,
        expand_limit: 200,
    };

    /// What URL path prefixes select below them: containment to any depth, one non-contained
    /// hop (its target entity type, not what hangs below it), no recursion.
    pub const SLICE: Bounds = Bounds {
        recursion: 0,
        below_link: None,
        depth: None,
        forms: false,
        expand_limit: 0,
    };
}

/// What a node of the URL tree addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// An entity set, or a collection reached by navigation (`GET POST`).
    Collection,
    /// One entity of a collection, by key (`GET PATCH PUT DELETE`).
    Item,
    /// A singleton (`GET PATCH PUT`) or single-valued navigation (`GET PATCH PUT DELETE`).
    Single,
    /// Non-contained navigation below the walked hops, or one entity of it by key (`GET`).
    Reference,
    /// `$ref` of non-contained navigation: of a collection (`GET POST DELETE`) or of one entity
    /// (`GET PUT DELETE`; `DELETE` only for one entity of a collection).
    Ref { collection: bool, item: bool },
    /// `$value` of a media entity, or a stream property (`GET PUT`).
    Stream,
    /// A bound operation, or an operation import when `import`.
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
    bounds: Bounds,
    include: &dyn Fn(TypeId) -> bool,
    include_op: &dyn Fn(OperationId) -> bool,
    visit: &mut dyn FnMut(&Node<'m>) -> bool,
) {
    let mut walker = Walker::new(model, bounds, include, include_op, visit);
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
                        segments: vec![operation_segment(model, op, &import.name)],
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
    bounds: Bounds,
    segments: Vec<String>,
    start: Start<'m>,
    include: &dyn Fn(TypeId) -> bool,
    include_op: &dyn Fn(OperationId) -> bool,
    visit: &mut dyn FnMut(&Node<'m>) -> bool,
) {
    let mut walker = Walker::new(model, bounds, include, include_op, visit);
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
    bounds: Bounds,
    include: &'f dyn Fn(TypeId) -> bool,
    include_op: &'f dyn Fn(OperationId) -> bool,
    visit: &'f mut dyn FnMut(&Node<'m>) -> bool,
    /// Entity types on the current path, to bound recursion.
    stack: Vec<TypeId>,
    /// Below a link (non-contained navigation, composable function): the levels of navigation
    /// still walked; `Some(0)` lists navigation as leaves.
    levels: Option<usize>,
    /// Navigation segments on the current path.
    depth: usize,
    /// The size of each entity type's own URL tree, up to `expand_limit + 1`, as measured.
    tree_sizes: std::collections::HashMap<TypeId, usize>,
    /// The entity types of entity sets and singletons.
    addressed: std::collections::HashSet<TypeId>,
}

impl<'m, 'f> Walker<'m, 'f> {
    fn new(
        model: &'m Model,
        bounds: Bounds,
        include: &'f dyn Fn(TypeId) -> bool,
        include_op: &'f dyn Fn(OperationId) -> bool,
        visit: &'f mut dyn FnMut(&Node<'m>) -> bool,
    ) -> Self {
        Walker {
            model,
            bounds,
            include,
            include_op,
            visit,
            stack: Vec::new(),
            levels: None,
            depth: 0,
            tree_sizes: std::collections::HashMap::new(),
            addressed: model
                .containers
                .iter()
                .flat_map(|c| {
                    c.entity_sets
                        .iter()
                        .map(|s| s.entity_type)
                        .chain(c.singletons.iter().map(|s| s.entity_type))
                })
                .collect(),
        }
    }

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
        if self.bounds.forms && self.levels.is_none() {
            // Casts of the collection (operations of derived types hang below them already).
            for derived in self.model.all_derived(ty) {
                if (self.include)(derived) {
                    let mut cast = node.segments.clone();
                    cast.push(self.model.ty(derived).qualified_name());
                    (self.visit)(&Node {
                        segments: cast,
                        kind: NodeKind::Collection,
                        ty: Some(derived),
                        navigation: None,
                    });
                }
            }
        }
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
        // Recursion is walked only where it is direct (`childFolders` of a mail folder,
        // `replies` of a message) and the repeated tree is small; any other repeat stops.
        let repeats = self.stack.iter().filter(|t| **t == ty).count();
        let direct = self.stack.last() == Some(&ty);
        if repeats > 0 && (repeats > self.bounds.recursion || !direct || !self.small(ty)) {
            return;
        }
        self.stack.push(ty);
        let model = self.model;
        self.operations(segments, ty, false, None);
        // Navigation declared on the type or its bases, and on derived types behind a cast.
        let mut sources = vec![(ty, None)];
        if self.levels.is_none() {
            for derived in model.all_derived(ty) {
                if (self.include)(derived) {
                    sources.push((derived, Some(model.ty(derived).qualified_name())));
                }
            }
        }
        let deeper = self.bounds.depth.is_none_or(|d| self.depth < d);
        for (source, cast) in sources {
            let mut base: Vec<String> = segments.to_vec();
            base.extend(cast.clone());
            let own = cast.is_none();
            if self.bounds.forms {
                self.streams(&base, source, own);
            }
            let navigation = if own {
                model.all_navigation(source)
            } else {
                model
                    .structured(source)
                    .map(|s| s.navigation.iter().collect())
                    .unwrap_or_default()
            };
            if deeper {
                for nav in navigation {
                    if (self.include)(nav.target) {
                        let mut nav_segments = base.clone();
                        nav_segments.push(nav.name.clone());
                        self.depth += 1;
                        self.navigation(nav_segments, nav);
                        self.depth -= 1;
                    }
                }
            }
            if !own {
                self.operations(&base, source, false, Some(ty));
            }
        }
        self.stack.pop();
    }

    /// `$value` of a media entity and its stream properties (declared on `source`, or with
    /// `inherited` on its bases too).
    fn streams(&mut self, segments: &[String], source: TypeId, inherited: bool) {
        let model = self.model;
        let media = if inherited {
            model
                .ancestors_and_self(source)
                .into_iter()
                .any(|t| model.structured(t).is_some_and(|s| s.has_stream))
        } else {
            model.structured(source).is_some_and(|s| s.has_stream)
        };
        let properties: Vec<&super::Property> = if inherited {
            model.all_properties(source)
        } else {
            model
                .structured(source)
                .map(|s| s.properties.iter().collect())
                .unwrap_or_default()
        };
        let streams = properties
            .into_iter()
            .filter(|p| {
                !p.ty.collection
                    && p.ty.target == super::Target::Primitive(super::Primitive::Stream)
            })
            .map(|p| p.name.clone());
        for name in media
            .then(|| "$value".to_owned())
            .into_iter()
            .chain(streams)
        {
            let mut stream = segments.to_vec();
            stream.push(name);
            (self.visit)(&Node {
                segments: stream,
                kind: NodeKind::Stream,
                ty: None,
                navigation: None,
            });
        }
    }

    fn navigation(&mut self, segments: Vec<String>, nav: &'m NavigationProperty) {
        let saved = self.levels;
        let levels = match saved {
            None if nav.contains_target => Some(None),
            None if self.small(nav.target) => self.bounds.below_link.map(Some),
            None => None,
            Some(0) => None,
            Some(n) => Some(Some(n - 1)),
        };
        match levels {
            Some(levels) => {
                self.levels = levels;
                if nav.collection {
                    self.collection(segments.clone(), nav.target, Some(nav));
                } else {
                    let node = Node {
                        segments: segments.clone(),
                        kind: NodeKind::Single,
                        ty: Some(nav.target),
                        navigation: Some(nav),
                    };
                    if (self.visit)(&node) {
                        self.entity(&node.segments, nav.target);
                    }
                }
                self.levels = saved;
            }
            None => self.leaf(segments.clone(), nav),
        }
        if self.bounds.forms && (!nav.contains_target || self.lives_elsewhere(nav.target)) {
            self.references(segments, nav);
        }
    }

    /// Whether entities of `ty` (or a type it derives from) are the entities of an entity set
    /// or singleton: then even contained navigation to them has references (`$ref`), as
    /// Microsoft Graph's `acceptedSenders` of `directoryObject`s.
    fn lives_elsewhere(&self, ty: TypeId) -> bool {
        self.model
            .ancestors_and_self(ty)
            .iter()
            .any(|t| self.addressed.contains(t))
    }

    /// Navigation listed, not walked: the navigation and, for collections, one item.
    fn leaf(&mut self, segments: Vec<String>, nav: &'m NavigationProperty) {
        let (kind, item) = match (nav.contains_target, nav.collection) {
            (false, _) => (NodeKind::Reference, NodeKind::Reference),
            (true, true) => (NodeKind::Collection, NodeKind::Item),
            (true, false) => (NodeKind::Single, NodeKind::Single),
        };
        let node = Node {
            segments,
            kind,
            ty: Some(nav.target),
            navigation: Some(nav),
        };
        if (self.visit)(&node) && nav.collection {
            let mut segments = node.segments;
            segments.push(key_placeholder(self.model, nav.target));
            (self.visit)(&Node {
                segments,
                kind: item,
                ty: Some(nav.target),
                navigation: None,
            });
        }
    }

    /// Whether the URL tree of `ty` on its own is within `expand_limit`.
    fn small(&mut self, ty: TypeId) -> bool {
        let limit = self.bounds.expand_limit;
        if limit == 0 {
            return false;
        }
        if let Some(&size) = self.tree_sizes.get(&ty) {
            return size <= limit;
        }
        let mut size = 0usize;
        let bounds = Bounds {
            expand_limit: 0,
            ..Bounds::SLICE
        };
        let mut count = |_: &Node| {
            size += 1;
            size <= limit
        };
        let mut counter = Walker::new(
            self.model,
            bounds,
            self.include,
            self.include_op,
            &mut count,
        );
        counter.entity(&[], ty);
        self.tree_sizes.insert(ty, size);
        size <= limit
    }

    /// `…/nav/$ref`, and `…/nav/{id}/$ref` for collections.
    fn references(&mut self, segments: Vec<String>, nav: &'m NavigationProperty) {
        let mut all = segments.clone();
        all.push("$ref".to_owned());
        (self.visit)(&Node {
            segments: all,
            kind: NodeKind::Ref {
                collection: nav.collection,
                item: false,
            },
            ty: None,
            navigation: None,
        });
        if nav.collection {
            let mut one = segments;
            one.push(key_placeholder(self.model, nav.target));
            one.push("$ref".to_owned());
            (self.visit)(&Node {
                segments: one,
                kind: NodeKind::Ref {
                    collection: false,
                    item: true,
                },
                ty: None,
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
            op_segments.push(operation_segment(model, op, &model.operation(op).name));
            let node = Node {
                segments: op_segments,
                kind: NodeKind::Operation { op, import: false },
                ty: Some(ty),
                navigation: None,
            };
            if (self.visit)(&node) && self.bounds.forms {
                self.composed(&node.segments, op);
            }
        }
    }

    /// What hangs below a composable function that returns entities (Excel's
    /// `…/range(address='A1')/format`), walked as one more hop: the result lives elsewhere.
    fn composed(&mut self, segments: &[String], op: OperationId) {
        let model = self.model;
        let Some((ty, collection)) = model.composable_entity_result(op) else {
            return;
        };
        if !(self.include)(ty) {
            return;
        }
        let saved = self.levels;
        self.levels = match (saved, self.bounds.below_link) {
            (None, Some(levels)) if self.small(ty) => Some(levels),
            // Below a link already, or links not walked: the call is listed, nothing below.
            _ => return,
        };
        if collection {
            let mut item = segments.to_vec();
            item.push(key_placeholder(model, ty));
            let node = Node {
                segments: item,
                kind: NodeKind::Item,
                ty: Some(ty),
                navigation: None,
            };
            if (self.visit)(&node) {
                self.entity(&node.segments, ty);
            }
        } else {
            self.entity(segments, ty);
        }
        self.levels = saved;
    }
}

/// An operation's segment: its name, with `(p={p},…)` for functions (`()` without parameters).
pub fn operation_segment(model: &Model, op: OperationId, name: &str) -> String {
    let o = model.operation(op);
    match o.kind {
        super::OperationKind::Action => name.to_owned(),
        super::OperationKind::Function => {
            let params: Vec<String> = o
                .parameters
                .iter()
                .map(|p| format!("{0}={{{0}}}", p.name))
                .collect();
            format!("{name}({})", params.join(","))
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
