//! The per-area Cargo features of the generated crate: each feature is an element (code that
//! names it in its manifest stops building when it goes), and each type and operation says
//! which features turn it on (a program built with some features loses what those features no
//! longer turn on).

use std::collections::BTreeSet;

use crate::emit::features::{Features, Gate};
use crate::emit::Plan;
use crate::model::{OperationId, TypeId};

use super::{Aspect, ElementKind, Entry, Surface};

/// What turns on every item, whatever the areas need.
const FULL: &str = "full";

pub fn add(plan: &Plan, surface: &mut Surface) {
    let Some(features) = &plan.features else {
        return;
    };
    for feature in &features.features {
        let first = &features.areas[feature.areas[0]];
        let roots: Vec<String> = feature
            .areas
            .iter()
            .map(|&a| format!("/{}", features.areas[a].root))
            .collect();
        let mut entry = Entry::new(ElementKind::Feature, &first.pos);
        // Which roots a feature turns on shows in the path builders and their URLs.
        entry.internal(Aspect::Roots, roots.join(", "));
        surface.insert(feature.name.clone(), entry);
    }
}

/// The features that turn type `id` on.
pub fn of_type(plan: &Plan, id: TypeId, entry: &mut Entry) {
    if let Some(features) = &plan.features {
        entry.shown(
            Aspect::Features,
            turned_on_by(features, features.type_gate(id)),
        );
    }
}

/// The features that turn operation `id` on.
pub fn of_operation(plan: &Plan, id: OperationId, entry: &mut Entry) {
    if let Some(features) = &plan.features {
        entry.shown(
            Aspect::Features,
            turned_on_by(features, features.operation_gate(id)),
        );
    }
}

/// `full` and the features of `gate`, sorted: the value [`kept_by_every_build`] compares. An
/// item every area needs is turned on by every feature (a build names at least one area: that
/// a new area may not need it does not take it from any build).
fn turned_on_by(features: &Features, gate: Gate) -> String {
    let every: Vec<usize>;
    let indexes: &[usize] = match gate {
        Gate::Always => {
            every = (0..features.features.len()).collect();
            &every
        }
        Gate::Full => &[],
        Gate::Feature(f) => &[f][..],
        Gate::Set(s) => &features.sets[s],
    };
    let mut names: Vec<&str> = indexes
        .iter()
        .map(|&f| features.features[f].name.as_str())
        .collect();
    names.sort_unstable();
    std::iter::once(FULL)
        .chain(names)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The features `new` has and `old` has not, then those `old` has and `new` has not (values of
/// [`turned_on_by`]), each sorted.
pub fn gained_and_lost<'v>(old: &'v str, new: &'v str) -> (Vec<&'v str>, Vec<&'v str>) {
    let old: BTreeSet<&str> = old.split(", ").collect();
    let new: BTreeSet<&str> = new.split(", ").collect();
    (
        new.difference(&old).copied().collect(),
        old.difference(&new).copied().collect(),
    )
}

/// Whether the features that turn an item on went from `old` to `new` without losing one:
/// then every build that had the item keeps it.
pub fn kept_by_every_build(old: &str, new: &str) -> bool {
    gained_and_lost(old, new).1.is_empty()
}
