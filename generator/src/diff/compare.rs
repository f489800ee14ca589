//! Matching two surfaces element by element and classifying what differs.

use std::collections::BTreeSet;

use super::rules;
use super::surface::{gained_and_lost, Aspect, ElementKind, Entry, Surface};
use super::{Change, What};

/// Every change from `old` to `new`, sorted: breaking first, then additive, then internal;
/// within each, by element name, kind and what changed.
pub fn changes(old: &Surface, new: &Surface) -> Vec<Change> {
    let keys: BTreeSet<&(String, ElementKind)> =
        old.entries.keys().chain(new.entries.keys()).collect();
    let mut changes = Vec::new();
    for key in keys {
        let (before, after) = (old.entries.get(key), new.entries.get(key));
        if inherited(old, new, key, before, after) {
            continue;
        }
        let (element, kind) = (key.0.clone(), key.1);
        match (before, after) {
            (Some(before), None) => changes.push(Change {
                kind,
                element,
                what: What::Removed,
                impact: rules::REMOVED,
                old: Some(before.pos.clone()),
                new: None,
                values: None,
                rust: None,
            }),
            (None, Some(after)) => changes.push(Change {
                kind,
                element,
                what: What::Added,
                impact: rules::ADDED,
                old: None,
                new: Some(after.pos.clone()),
                values: None,
                rust: None,
            }),
            (Some(before), Some(after)) => aspects(&element, kind, before, after, &mut changes),
            (None, None) => {}
        }
    }
    let mut changes = fold_feature_lists(fold_children(changes));
    changes.sort_by(|a, b| {
        (a.impact, &a.element, a.kind, a.what).cmp(&(b.impact, &b.element, b.kind, b.what))
    });
    changes
}

/// An added or removed type, operation or container carries its members, parameters and
/// children: they are not listed (or counted) again.
fn fold_children(changes: Vec<Change>) -> Vec<Change> {
    let whole: BTreeSet<(&str, ElementKind, What)> = changes
        .iter()
        .filter(|c| matches!(c.what, What::Added | What::Removed))
        .map(|c| (c.element.as_str(), c.kind, c.what))
        .collect();
    let folded: Vec<bool> = changes
        .iter()
        .map(|c| {
            let parent = match c.kind {
                ElementKind::Property | ElementKind::Navigation | ElementKind::Member => {
                    ElementKind::Type
                }
                ElementKind::Parameter => ElementKind::Operation,
                ElementKind::EntitySet | ElementKind::Singleton | ElementKind::Import => {
                    ElementKind::Container
                }
                _ => return false,
            };
            c.element
                .rsplit_once('/')
                .is_some_and(|(owner, _)| whole.contains(&(owner, parent, c.what)))
        })
        .collect();
    changes
        .into_iter()
        .zip(folded)
        .filter_map(|(change, folded)| (!folded).then_some(change))
        .collect()
}

/// A feature added or removed changes the features of every type and operation it turns on;
/// those changes say nothing more, and are left out. What remains is a type or operation that
/// a feature present on both sides stopped or started turning on.
fn fold_feature_lists(changes: Vec<Change>) -> Vec<Change> {
    let whole: BTreeSet<String> = changes
        .iter()
        .filter(|c| c.kind == ElementKind::Feature && matches!(c.what, What::Added | What::Removed))
        .map(|c| c.element.clone())
        .collect();
    changes
        .into_iter()
        .filter(|c| {
            let (What::Changed(Aspect::Features), Some((old, new))) = (c.what, &c.values) else {
                return true;
            };
            let (gained, lost) = gained_and_lost(old, new);
            gained
                .into_iter()
                .chain(lost)
                .any(|feature| !whole.contains(feature))
        })
        .collect()
}

/// The changed aspects of an element on both sides. An aspect only one side has belongs to
/// another kind of element, and the change of kind says it all.
fn aspects(element: &str, kind: ElementKind, before: &Entry, after: &Entry, out: &mut Vec<Change>) {
    for (&aspect, old) in &before.facts {
        let Some(new) = after.facts.get(&aspect) else {
            continue;
        };
        if old == new {
            continue;
        }
        out.push(Change {
            kind,
            element: element.to_owned(),
            what: What::Changed(aspect),
            impact: rules::changed(aspect, &old.api, &new.api),
            old: Some(before.pos.clone()),
            new: Some(after.pos.clone()),
            values: Some((old.text.clone(), new.text.clone())),
            rust: (old.api != new.api).then(|| (old.api.clone(), new.api.clone())),
        });
    }
}

/// Whether a field's change is its base type's field changing the same way: the generated
/// struct flattens inherited fields, but a property added to `entity` is one change, not one
/// per derived type. A field that moves between a type and its base, keeping its Rust type,
/// does not change at all.
fn inherited(
    old: &Surface,
    new: &Surface,
    key: &(String, ElementKind),
    before: Option<&Entry>,
    after: Option<&Entry>,
) -> bool {
    if !matches!(key.1, ElementKind::Property | ElementKind::Navigation) {
        return false;
    }
    let Some(owner) = before.or(after).and_then(|e| e.owner.as_deref()) else {
        return false;
    };
    let (Some(base), Some(new_base)) = (old.bases.get(owner), new.bases.get(owner)) else {
        return false;
    };
    if base != new_base {
        return false;
    }
    let Some(member) = key.0.strip_prefix(owner).and_then(|m| m.strip_prefix('/')) else {
        return false;
    };
    let base_key = (format!("{base}/{member}"), key.1);
    let same = |a: Option<&Entry>, b: Option<&Entry>| match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.facts == b.facts,
        _ => false,
    };
    same(before, old.entries.get(&base_key)) && same(after, new.entries.get(&base_key))
}
