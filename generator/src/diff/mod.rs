//! What changed between two versions of the metadata, as it affects the generated crate.
//!
//! Each side is loaded and sliced as `generate` would ([`Config`]), and its emitter plan gives
//! the Rust names and types. From that plan, `surface` lists the generated API's elements
//! (types, fields, enum members, operations and their parameters, containers and what they
//! hold, the per-area Cargo features and which of them turn each type and operation on), each
//! with the facts that show in the Rust API and those that do not; `urls` lists
//! where the path builders address each element. `compare` matches the two sides by qualified
//! name and classifies each difference with the rules of `rules` (the README's table).
//!
//! Renames cannot be told from a removal plus an addition, and are reported so.

mod bump;
mod compare;
mod render;
mod rules;
mod surface;
mod urls;

#[cfg(test)]
mod tests;

pub use bump::{next_version, Bump};
pub use render::{human, json, summary, Versions};
pub use rules::Impact;
pub use surface::{Aspect, ElementKind};
pub use urls::{UrlChange, UrlSide};

use crate::diagnostics::Pos;
use crate::emit::Plan;
use crate::{Config, Error, Loaded};

/// One difference in the generated API (or in the generated code only, see [`Impact`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ElementKind,
    /// The qualified element: `ns.Type`, `ns.Type/property`, `ns.action(ns.Binding)/param`, …
    pub element: String,
    pub what: What,
    pub impact: Impact,
    /// Where the element is in the old metadata (none when added).
    pub old: Option<Pos>,
    /// Where the element is in the new metadata (none when removed).
    pub new: Option<Pos>,
    /// For a changed aspect: its old and new value as a person reads them.
    pub values: Option<(String, String)>,
    /// For a changed aspect whose Rust API changed: the old and new Rust name or type.
    pub rust: Option<(String, String)>,
}

/// Whether an element appeared, disappeared or changed one of its aspects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum What {
    Added,
    Removed,
    Changed(Aspect),
}

/// Every change between two versions, breaking ones first, then additive ones, then those
/// without effect on the API; in each group by element, kind and aspect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
    /// Where the path builders address what changed: elements that became addressable or
    /// stopped being so, or take other requests. Each restates a change above from the URL's
    /// side (a removed entity set, a navigation property whose containment changed), so they
    /// are not counted again.
    pub urls: Vec<UrlChange>,
}

impl Report {
    /// How many changes have this impact.
    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    /// The semver bump the changes call for.
    pub fn bump(&self) -> Bump {
        Bump::of(self.changes.iter().map(|c| c.impact))
    }
}

/// The changes from the metadata `old` describes to the metadata `new` describes. Both sides
/// should carry the same slice settings (`include`, `exclude`, `map_type`), so that the report
/// covers what that slice generates.
pub fn diff(old: &Config, new: &Config) -> Result<Report, Error> {
    let (old_loaded, new_loaded) = load_both(old, new)?;
    compare_loaded(old, &old_loaded, new, &new_loaded)
}

/// Loads both sides, in parallel (each is a whole model: a second or so for Microsoft Graph).
pub fn load_both(old: &Config, new: &Config) -> Result<(Loaded, Loaded), Error> {
    let (old_loaded, new_loaded) = std::thread::scope(|scope| {
        let old_side = scope.spawn(|| old.load());
        let new_loaded = new.load();
        let old_loaded = old_side
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old_loaded, new_loaded)
    });
    match (old_loaded, new_loaded) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        // Both sides' problems at once, as every phase reports all it finds.
        (Err(Error::InvalidMetadata(mut old)), Err(Error::InvalidMetadata(new))) => {
            old.extend(new);
            Err(Error::InvalidMetadata(old))
        }
        (Err(error), _) | (_, Err(error)) => Err(error),
    }
}

/// [`diff`] on sides already loaded (whose warnings the caller may want to show first).
pub fn compare_loaded(
    old_config: &Config,
    old: &Loaded,
    new_config: &Config,
    new: &Loaded,
) -> Result<Report, Error> {
    // With the crate's per-area features, as `generate` writes it.
    let old_plan = Plan::new(&old.model, old_config.selection(old)?).with_features();
    let new_plan = Plan::new(&new.model, new_config.selection(new)?).with_features();
    Ok(compare_plans(&old_plan, &new_plan))
}

/// The report of two emitter plans.
pub fn compare_plans(old: &Plan, new: &Plan) -> Report {
    let old_surface = surface::Surface::of(old);
    let new_surface = surface::Surface::of(new);
    Report {
        changes: compare::changes(&old_surface, &new_surface),
        urls: urls::compare(&urls::Urls::of(old), &urls::Urls::of(new)),
    }
}
