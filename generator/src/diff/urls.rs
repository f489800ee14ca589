//! The URL templates the path builders address (the tree `routes` lists), compared: what a
//! client can no longer reach, and what it now can. Only the roots of changed subtrees are
//! listed (a new navigation property brings every URL below it), with totals.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Pos;
use crate::emit::Plan;
use crate::model::walk::{walk, Node, NodeKind};
use crate::model::{Model, OperationKind};

use super::rules::Impact;

/// The URL templates of one side: path → the requests there and the element that adds the
/// last segment.
#[derive(Debug, Default)]
pub struct Urls {
    paths: BTreeMap<String, Url>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Url {
    /// `GET POST`, `GET PATCH DELETE`, `POST` (an action), `GET (a={a})` (a function).
    requests: BTreeSet<String>,
    pos: Pos,
    parent: Option<String>,
}

/// One side of a changed URL: its requests and where the element of its last segment is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlSide {
    pub requests: String,
    pub pos: Pos,
}

/// A URL template that appeared (`old` none), disappeared (`new` none), or takes other
/// requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlChange {
    pub path: String,
    pub old: Option<UrlSide>,
    pub new: Option<UrlSide>,
}

impl UrlChange {
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
        let model = plan.model;
        let mut urls = Urls::default();
        walk(
            model,
            &|ty| plan.selection.types.contains(&ty),
            &|op| plan.selection.operations.contains(&op),
            &mut |node| {
                urls.add(model, node);
                true
            },
        );
        urls
    }

    fn add(&mut self, model: &Model, node: &Node) {
        let path = node.path();
        let parent = (node.segments.len() > 1)
            .then(|| format!("/{}", node.segments[..node.segments.len() - 1].join("/")));
        let request = match node.kind {
            NodeKind::Collection => "GET POST".to_owned(),
            NodeKind::Item => "GET PATCH DELETE".to_owned(),
            NodeKind::Single => "GET PATCH".to_owned(),
            NodeKind::Reference => "GET".to_owned(),
            NodeKind::Operation { op, .. } => {
                let op = model.operation(op);
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
        };
        let pos = self.position(model, node, parent.as_deref());
        self.paths
            .entry(path)
            .or_insert_with(|| Url {
                requests: BTreeSet::new(),
                pos,
                parent,
            })
            .requests
            .insert(request);
    }

    /// Where the element of the node's last segment is declared: the navigation property,
    /// operation, entity set or singleton, derived type (a cast); a key segment is its
    /// collection's.
    fn position(&self, model: &Model, node: &Node, parent: Option<&str>) -> Pos {
        if let Some(nav) = node.navigation {
            return nav.pos.clone();
        }
        if let NodeKind::Operation { op, .. } = node.kind {
            return model.operation(op).pos.clone();
        }
        let last = node.segments.last().map(String::as_str).unwrap_or_default();
        if node.segments.len() == 1 {
            let found = model.containers.iter().find_map(|c| {
                let set = c
                    .entity_sets
                    .iter()
                    .find(|s| s.name == last)
                    .map(|s| &s.pos);
                set.or_else(|| c.singletons.iter().find(|s| s.name == last).map(|s| &s.pos))
            });
            if let Some(pos) = found {
                return pos.clone();
            }
        }
        if let Some(ty) = model.type_by_name(last) {
            return model.ty(ty).pos.clone();
        }
        parent
            .and_then(|p| self.paths.get(p))
            .map(|url| url.pos.clone())
            .unwrap_or_default()
    }
}

/// The roots of the changed subtrees, and how many templates were added and removed in all.
#[derive(Debug, Default)]
pub struct UrlDiff {
    pub roots: Vec<UrlChange>,
    pub added: usize,
    pub removed: usize,
}

pub fn compare(old: &Urls, new: &Urls) -> UrlDiff {
    let mut diff = UrlDiff::default();
    let paths: BTreeSet<&String> = old.paths.keys().chain(new.paths.keys()).collect();
    let side = |url: &Url| UrlSide {
        requests: url.requests.iter().cloned().collect::<Vec<_>>().join("; "),
        pos: url.pos.clone(),
    };
    for path in paths {
        let (before, after) = (old.paths.get(path), new.paths.get(path));
        let parent_too = |urls: &Urls, other: &Urls, url: &Url| {
            url.parent
                .as_ref()
                .is_some_and(|p| urls.paths.contains_key(p) && !other.paths.contains_key(p))
        };
        let listed = match (before, after) {
            (Some(b), None) => {
                diff.removed += 1;
                !parent_too(old, new, b)
            }
            (None, Some(a)) => {
                diff.added += 1;
                !parent_too(new, old, a)
            }
            (Some(b), Some(a)) => b.requests != a.requests,
            (None, None) => false,
        };
        if listed {
            diff.roots.push(UrlChange {
                path: path.clone(),
                old: before.map(side),
                new: after.map(side),
            });
        }
    }
    diff
}
