//! Areas of a service: one per root (entity set or singleton), holding what `--include /root`
//! would select, computed for every root at once.
//!
//! A slice of one root walks the URL tree below it and closes the elements found there over
//! the slicer's edges (see the parent module). Doing that once per root walks the tree and
//! records a reason for every element once per root: for Microsoft Graph's 72 roots, about
//! eleven seconds. Here the URL tree is walked once, each node going to the root of its first
//! segment, and each root's closure is a plain reachability pass (flags, no reasons) over the
//! same edges. `tests::closures_are_the_slices` checks the two agree.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Pos;
use crate::model::walk::{walk, Bounds, NodeKind};
use crate::model::{Model, OperationId, Target, TypeId};

use super::Element;

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
/// as its nearest selected base type, as in a slice), and the mapped types, through which
/// nothing is reached.
pub struct Within<'a> {
    pub ty: &'a dyn Fn(TypeId) -> bool,
    pub op: &'a dyn Fn(OperationId) -> bool,
    pub external: &'a dyn Fn(TypeId) -> bool,
}

/// The area of every root whose entity type is selected, in declaration order (containers,
/// their entity sets, then their singletons).
pub fn areas(model: &Model, within: &Within) -> Vec<Area> {
    let mut roots: Vec<(String, Pos, TypeId)> = Vec::new();
    for container in &model.containers {
        for s in &container.entity_sets {
            roots.push((s.name.clone(), s.pos.clone(), s.entity_type));
        }
        for s in &container.singletons {
            roots.push((s.name.clone(), s.pos.clone(), s.entity_type));
        }
    }
    roots.retain(|(_, _, ty)| (within.ty)(*ty));
    // A root name repeated in another container shares the first one's URLs.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (name, _, _)) in roots.iter().enumerate() {
        index.entry(name.as_str()).or_insert(i);
    }
    let mut seeds: Vec<BTreeSet<Element>> = roots
        .iter()
        .map(|(_, _, ty)| BTreeSet::from([Element::Type(*ty)]))
        .collect();
    walk(model, Bounds::SLICE, within.ty, within.op, &mut |node| {
        let Some(&area) = node.segments.first().and_then(|s| index.get(s.as_str())) else {
            return false;
        };
        match node.kind {
            NodeKind::Operation { import: true, .. } => return false,
            NodeKind::Operation { op, .. } => {
                seeds[area].insert(Element::Operation(op));
            }
            _ => {
                if let Some(ty) = node.ty {
                    seeds[area].insert(Element::Type(ty));
                }
            }
        }
        true
    });
    let mut closure = Closure::new(model, within);
    roots
        .into_iter()
        .zip(seeds)
        .map(|((root, pos, _), seeds)| {
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
        let Some(structured) = model.structured(t) else {
            return;
        };
        if let Some(base) = structured.base {
            self.stack.push((Element::Type(base), false));
        }
        for p in &structured.properties {
            if let Target::Named(n) = p.ty.target {
                self.stack.push((Element::Type(n), true));
            }
        }
    }

    fn visit_operation(&mut self, o: OperationId) {
        if !(self.within.op)(o) || std::mem::replace(&mut self.operations[o.0 as usize], true) {
            return;
        }
        let op = self.model.operation(o);
        if let Some(binding) = &op.binding {
            self.stack.push((Element::Type(binding.ty), false));
        }
        let used = op
            .parameters
            .iter()
            .map(|p| p.ty)
            .chain(op.return_type.as_ref().map(|r| r.ty));
        for ty in used {
            if let Target::Named(n) = ty.target {
                self.stack.push((Element::Type(n), true));
            }
        }
    }
}
