//! Where the path builders address each element: every entity set, singleton and import, and
//! every navigation property, bound operation and type cast, with one URL where it is
//! reached (the shortest, breadth-first from the container) and the requests there.
//!
//! Microsoft Graph's URL tree has about two million templates (`routes`), too many to compare
//! in a second; its elements are a few thousand. An element is keyed by where it is declared
//! (a navigation property inherited by fifty entity types is one element), so a change shows
//! once, at the first URL that reaches it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::diagnostics::Pos;
use crate::emit::Plan;
use crate::model::walk::key_placeholder;
use crate::model::{OperationId, OperationKind, TypeId};

use super::rules::Impact;

/// The addressed elements of one side, by key.
#[derive(Debug, Default)]
pub struct Urls {
    elements: BTreeMap<String, Url>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Url {
    /// One URL where the element is addressed: `/users/{userId}/manager`.
    path: String,
    /// `GET POST`, `GET PATCH DELETE`, `POST` (an action), `GET (a={a})` (a function).
    requests: BTreeSet<String>,
    pos: Pos,
}

/// One side of a changed URL: its requests and where the element is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlSide {
    pub path: String,
    pub requests: String,
    pub pos: Pos,
}

/// An addressed element that appeared (`old` none), disappeared (`new` none), or takes other
/// requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlChange {
    /// The declaring element: `ns.user/manager`, `ns.assign(ns.item)`, `/users`.
    pub element: String,
    pub old: Option<UrlSide>,
    pub new: Option<UrlSide>,
}

impl UrlChange {
    /// The URL shown: the new one where there is one.
    pub fn path(&self) -> &str {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or("", |side| side.path.as_str())
    }

    /// Gone, or a request gone, breaks; anything else adds.
    pub fn impact(&self) -> Impact {
        match (&self.old, &self.new) {
            (Some(old), Some(new)) => {
                let new: BTreeSet<&str> = new.requests.split("; ").collect();
                if old.requests.split("; ").all(|r| new.contains(r)) {
                    Impact::Additive
                } else {
                    Impact::Breaking
                }
            }
            (Some(_), None) => Impact::Breaking,
            _ => Impact::Additive,
        }
    }
}

impl Urls {
    pub fn of(plan: &Plan) -> Urls {
        let mut walk = Walk {
            plan,
            urls: Urls::default(),
            entities: BTreeSet::new(),
            collections: BTreeSet::new(),
            queue: VecDeque::new(),
        };
        walk.roots();
        while let Some((ty, path)) = walk.queue.pop_front() {
            walk.entity(ty, &path);
        }
        walk.urls
    }
}

/// A breadth-first walk over entity types as the builders address them: each type is
/// entered once as one entity and once as a collection, at the first URL that reaches it.
struct Walk<'p, 'm> {
    plan: &'p Plan<'m>,
    urls: Urls,
    entities: BTreeSet<TypeId>,
    collections: BTreeSet<TypeId>,
    queue: VecDeque<(TypeId, String)>,
}

impl Walk<'_, '_> {
    fn roots(&mut self) {
        let model = self.plan.model;
        for container in &model.containers {
            for set in &container.entity_sets {
                if self.plan.is_selected(set.entity_type) {
                    let path = format!("/{}", set.name);
                    self.add(&path, &path, "GET POST", &set.pos);
                    self.collection(set.entity_type, &path);
                }
            }
            for singleton in &container.singletons {
                if self.plan.is_selected(singleton.entity_type) {
                    let path = format!("/{}", singleton.name);
                    self.add(&path, &path, "GET PATCH", &singleton.pos);
                    self.queue.push_back((singleton.entity_type, path));
                }
            }
            for import in &container.operation_imports {
                let path = format!("/{}", import.name);
                for &op in &import.operations {
                    if self.plan.selection.operations.contains(&op) {
                        self.add(&path, &path, &request(self.plan, op), &import.pos);
                    }
                }
            }
        }
    }

    /// A collection of `ty` at `path`: its operations, and one entity by key.
    fn collection(&mut self, ty: TypeId, path: &str) {
        if !self.collections.insert(ty) {
            return;
        }
        self.operations(ty, path, true);
        let item = format!("{path}/{}", key_placeholder(self.plan.model, ty));
        self.queue.push_back((ty, item));
    }

    /// One entity of `ty` at `path`: navigation, operations and casts, each keyed by the type
    /// that declares it.
    fn entity(&mut self, ty: TypeId, path: &str) {
        if !self.entities.insert(ty) {
            return;
        }
        let plan = self.plan;
        let model = plan.model;
        for declaring in model.ancestors_and_self(ty) {
            let Some(s) = model.structured(declaring) else {
                continue;
            };
            let owner = model.ty(declaring).qualified_name();
            for nav in s.navigation.iter().filter(|n| plan.is_selected(n.target)) {
                let url = format!("{path}/{}", nav.name);
                let requests = match (nav.contains_target, nav.collection) {
                    (true, true) => "GET POST",
                    (true, false) => "GET PATCH",
                    (false, _) => "GET",
                };
                self.add(&format!("{owner}/{}", nav.name), &url, requests, &nav.pos);
                if nav.collection {
                    self.collection(nav.target, &url);
                } else {
                    self.queue.push_back((nav.target, url));
                }
            }
        }
        self.operations(ty, path, false);
        for derived in plan.selected_derived(ty) {
            let name = model.ty(derived).qualified_name();
            let url = format!("{path}/{name}");
            self.add(&format!("cast {name}"), &url, "GET", &model.ty(derived).pos);
            self.queue.push_back((derived, url));
        }
    }

    fn operations(&mut self, ty: TypeId, path: &str, collection: bool) {
        let plan = self.plan;
        for op in plan.model.operations_on(ty, collection) {
            if plan.selection.operations.contains(&op) {
                let def = plan.model.operation(op);
                let key = format!("{}({})", def.qualified_name(), binding_text(plan, op));
                let url = format!("{path}/{}", def.name);
                self.add(&key, &url, &request(plan, op), &def.pos);
            }
        }
    }

    /// Records a request at an element; the first URL that reaches it stays its URL.
    fn add(&mut self, key: &str, path: &str, request: &str, pos: &Pos) {
        self.urls
            .elements
            .entry(key.to_owned())
            .or_insert_with(|| Url {
                path: path.to_owned(),
                requests: BTreeSet::new(),
                pos: pos.clone(),
            })
            .requests
            .insert(request.to_owned());
    }
}

fn binding_text(plan: &Plan, op: OperationId) -> String {
    let model = plan.model;
    match &model.operation(op).binding {
        Some(b) if b.collection => format!("Collection({})", model.ty(b.ty).qualified_name()),
        Some(b) => model.ty(b.ty).qualified_name(),
        None => String::new(),
    }
}

/// `POST` for an action, `GET (a={a},b={b})` for a function.
fn request(plan: &Plan, op: OperationId) -> String {
    let op = plan.model.operation(op);
    match op.kind {
        OperationKind::Action => "POST".to_owned(),
        OperationKind::Function => {
            let params: Vec<String> = op
                .parameters
                .iter()
                .map(|p| format!("{0}={{{0}}}", p.name))
                .collect();
            format!("GET ({})", params.join(","))
        }
    }
}

/// The addressed elements that appeared, disappeared or take other requests.
pub fn compare(old: &Urls, new: &Urls) -> Vec<UrlChange> {
    let keys: BTreeSet<&String> = old.elements.keys().chain(new.elements.keys()).collect();
    let side = |url: &Url| UrlSide {
        path: url.path.clone(),
        requests: url.requests.iter().cloned().collect::<Vec<_>>().join("; "),
        pos: url.pos.clone(),
    };
    keys.into_iter()
        .filter_map(|key| {
            let (before, after) = (old.elements.get(key), new.elements.get(key));
            let changed = match (before, after) {
                (Some(b), Some(a)) => b.requests != a.requests,
                _ => true,
            };
            changed.then(|| UrlChange {
                element: key.clone(),
                old: before.map(side),
                new: after.map(side),
            })
        })
        .collect()
}
