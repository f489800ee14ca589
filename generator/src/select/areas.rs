//! Areas of a service: one per root (entity set or singleton), holding what `--include /root`
//! would select, computed for every root at once.
//!
//! A slice of one root walks the URL tree below it and closes the elements found there over
//! the slicer's edges (see the parent module). Doing that once per root lists every URL and
//! records a reason for every element once per root: for Microsoft Graph's 72 roots, about
//! eleven seconds; listing the two million URLs below them once still takes four. Here no URL
//! is listed: what the URLs reach comes from reachability over the entity types (`UrlTree`,
//! each type's step computed once for all roots), and each root's closure is a plain pass
//! with flags (no reasons) over the slicer's edges. `generator/tests/features.rs` checks that
//! every area is the slice of its root.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Pos;
use crate::model::{Model, OperationId, TypeId};

use super::{needs, Element};

/// One root and what its URLs need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// The entity set or singleton.
    pub root: String,
    pub pos: Pos,
    /// Sorted.
    pub types: Vec<TypeId>,
    /// Sorted.
    pub operations: Vec<OperationId>,
}

/// What the closures stay within: the selected elements (a value of a type outside it is read
/// as its nearest selected base type, as in a slice), the mapped types, through which
/// nothing is reached, and the roots (by name) whose URLs an `--exclude` path leaves whole.
pub struct Within<'a> {
    pub ty: &'a dyn Fn(TypeId) -> bool,
    pub op: &'a dyn Fn(OperationId) -> bool,
    pub external: &'a dyn Fn(TypeId) -> bool,
    pub root: &'a dyn Fn(&str) -> bool,
}

/// The area of every root whose entity type is selected and whose URL is not excluded, in declaration order (containers,
/// their entity sets, then their singletons).
pub fn areas(model: &Model, within: &Within) -> Vec<Area> {
    // (name, position, entity type, whether an entity set)
    let mut roots: Vec<(String, Pos, TypeId, bool)> = Vec::new();
    for container in &model.containers {
        for s in &container.entity_sets {
            roots.push((s.name.clone(), s.pos.clone(), s.entity_type, true));
        }
        for s in &container.singletons {
            roots.push((s.name.clone(), s.pos.clone(), s.entity_type, false));
        }
    }
    roots.retain(|(name, _, ty, _)| (within.ty)(*ty) && (within.root)(name));
    let mut urls = UrlTree::new(model, within);
    // A root name repeated in another container: a slice of `/name` takes the URLs of both.
    let mut by_name: BTreeMap<&str, BTreeSet<Element>> = BTreeMap::new();
    for (name, _, ty, set) in &roots {
        let below = urls.below(*ty, *set);
        by_name.entry(name.as_str()).or_default().extend(below);
    }
    let seeds: Vec<BTreeSet<Element>> = roots
        .iter()
        .map(|(name, ..)| by_name[name.as_str()].clone())
        .collect();
    let mut closure = Closure::new(model, within);
    roots
        .into_iter()
        .zip(seeds)
        .map(|((root, pos, ..), seeds)| {
            let (types, operations) = closure.of(&seeds);
            Area {
                root,
                pos,
                types,
                operations,
            }
        })
        .collect()
}

/// What the URLs below a root reach within the bounds of a slice (`Bounds::SLICE` of
/// `crate::model::walk`): contained navigation to any depth, navigation and operations of
/// derived types behind a cast, non-contained navigation one hop (its target type only), and
/// the operations callable on each entity and collection. No URL repeats an entity type, so
/// what a walk of every URL finds is what graph reachability over the entity types finds,
/// without listing the URLs (two million below Microsoft Graph's roots). What one entity type
/// adds is the same below every root, so it is computed once.
struct UrlTree<'m, 'a> {
    model: &'m Model,
    within: &'a Within<'a>,
    /// Per entity type: the elements its URLs add, and the entity types walked on from it.
    steps: BTreeMap<TypeId, (Vec<Element>, Vec<TypeId>)>,
    /// The operations callable on collections of each type.
    collection_ops: BTreeMap<TypeId, Vec<OperationId>>,
}

impl<'m, 'a> UrlTree<'m, 'a> {
    fn new(model: &'m Model, within: &'a Within<'a>) -> Self {
        UrlTree {
            model,
            within,
            steps: BTreeMap::new(),
            collection_ops: BTreeMap::new(),
        }
    }

    /// The elements the URLs below a root of entity type `ty` reach (an entity set when
    /// `collection`, else a singleton).
    fn below(&mut self, ty: TypeId, collection: bool) -> BTreeSet<Element> {
        let mut found = BTreeSet::from([Element::Type(ty)]);
        if collection {
            found.extend(
                self.collection_operations(ty)
                    .into_iter()
                    .map(Element::Operation),
            );
        }
        let mut seen = BTreeSet::new();
        let mut stack = vec![ty];
        while let Some(t) = stack.pop() {
            if !seen.insert(t) {
                continue;
            }
            let (elements, next) = self.step(t);
            found.extend(elements.iter().copied());
            stack.extend(next.iter().copied());
        }
        found
    }

    fn collection_operations(&mut self, ty: TypeId) -> Vec<OperationId> {
        let (model, within) = (self.model, self.within);
        self.collection_ops
            .entry(ty)
            .or_insert_with(|| {
                model
                    .operations_on(ty, true)
                    .into_iter()
                    .filter(|o| (within.op)(*o))
                    .collect()
            })
            .clone()
    }

    /// What the URLs of one entity of type `ty` add, and where they walk on.
    fn step(&mut self, ty: TypeId) -> &(Vec<Element>, Vec<TypeId>) {
        if !self.steps.contains_key(&ty) {
            let step = self.compute_step(ty);
            self.steps.insert(ty, step);
        }
        &self.steps[&ty]
    }

    fn compute_step(&mut self, ty: TypeId) -> (Vec<Element>, Vec<TypeId>) {
        let (model, within) = (self.model, self.within);
        let mut elements: Vec<Element> = model
            .operations_on(ty, false)
            .into_iter()
            .filter(|o| (within.op)(*o))
            .map(Element::Operation)
            .collect();
        let mut navigation = model.all_navigation(ty);
        for derived in model.all_derived(ty) {
            if !(within.ty)(derived) {
                continue;
            }
            // Below a cast: the operations not callable on the uncast type already.
            for op in model.operations_on(derived, false) {
                let bound_to_uncast = model
                    .operation(op)
                    .binding
                    .as_ref()
                    .is_some_and(|b| model.is_a(ty, b.ty));
                if (within.op)(op) && !bound_to_uncast {
                    elements.push(Element::Operation(op));
                }
            }
            if let Some(s) = model.structured(derived) {
                navigation.extend(s.navigation.iter());
            }
        }
        let mut next = Vec::new();
        for nav in navigation {
            if !(within.ty)(nav.target) {
                continue;
            }
            elements.push(Element::Type(nav.target));
            if nav.contains_target {
                if nav.collection {
                    let ops = self.collection_operations(nav.target);
                    elements.extend(ops.into_iter().map(Element::Operation));
                }
                next.push(nav.target);
            }
        }
        (elements, next)
    }
}

/// What `seeds` need (types among them used as values), over the slicer's edges.
pub fn closure(
    model: &Model,
    within: &Within,
    seeds: &BTreeSet<Element>,
) -> (Vec<TypeId>, Vec<OperationId>) {
    Closure::new(model, within).of(seeds)
}

/// Reachability over the slicer's edges, with buffers reused from one root to the next.
struct Closure<'m, 'a> {
    model: &'m Model,
    within: &'a Within<'a>,
    /// Per type: 1 visited, 2 its derived types queued (it is used as a value).
    types: Vec<u8>,
    operations: Vec<bool>,
    stack: Vec<(Element, bool)>,
}

impl<'m, 'a> Closure<'m, 'a> {
    fn new(model: &'m Model, within: &'a Within<'a>) -> Self {
        Closure {
            model,
            within,
            types: vec![0; model.types.len()],
            operations: vec![false; model.operations.len()],
            stack: Vec::new(),
        }
    }

    /// The closure of `seeds` (types among them used as values, as URLs use them).
    fn of(&mut self, seeds: &BTreeSet<Element>) -> (Vec<TypeId>, Vec<OperationId>) {
        self.types.iter_mut().for_each(|f| *f = 0);
        self.operations.iter_mut().for_each(|f| *f = false);
        self.stack.extend(seeds.iter().map(|&e| (e, true)));
        while let Some((element, used)) = self.stack.pop() {
            match element {
                Element::Type(t) => self.visit_type(t, used),
                Element::Operation(o) => self.visit_operation(o),
            }
        }
        let types = (0..self.types.len() as u32)
            .filter(|&i| self.types[i as usize] & 1 != 0)
            .map(TypeId)
            .collect();
        let operations = (0..self.operations.len() as u32)
            .filter(|&i| self.operations[i as usize])
            .map(OperationId)
            .collect();
        (types, operations)
    }

    fn visit_type(&mut self, t: TypeId, used: bool) {
        let model = self.model;
        if (self.within.external)(t) {
            return;
        }
        if !(self.within.ty)(t) {
            // Read as its nearest selected base type.
            if used {
                let stand_in = model
                    .ancestors_and_self(t)
                    .into_iter()
                    .find(|a| (self.within.ty)(*a));
                self.stack
                    .extend(stand_in.map(|s| (Element::Type(s), false)));
            }
            return;
        }
        let flags = &mut self.types[t.0 as usize];
        if used && *flags & 2 == 0 && model.structured(t).is_some() {
            *flags |= 2;
            let mut below = vec![t];
            let mut seen = vec![t];
            while let Some(b) = below.pop() {
                for &d in &model.derived[b.0 as usize] {
                    if !seen.contains(&d) {
                        seen.push(d);
                        self.stack.push((Element::Type(d), false));
                        below.push(d);
                    }
                }
            }
        }
        let flags = &mut self.types[t.0 as usize];
        if *flags & 1 != 0 {
            return;
        }
        *flags |= 1;
        self.follow(Element::Type(t));
    }

    fn visit_operation(&mut self, o: OperationId) {
        if !(self.within.op)(o) || std::mem::replace(&mut self.operations[o.0 as usize], true) {
            return;
        }
        self.follow(Element::Operation(o));
    }

    /// Queues what `element` needs, along the slicer's edges.
    fn follow(&mut self, element: Element) {
        let stack = &mut self.stack;
        needs(self.model, element, |t, _, used| {
            stack.push((Element::Type(t), used))
        });
    }
}
