//! The semver bump a report calls for, and the version it leads to.
//!
//! Before 1.0, Cargo treats the first non-zero component as the major one (`^0.3.1` accepts
//! `0.3.9`, not `0.4.0`; `^0.0.3` accepts only `0.0.3`), so the bump moves one place down:
//! a breaking change of `0.3.1` gives `0.4.0`, an additive one `0.3.2`, and every change of
//! `0.0.3` gives `0.0.4`. This is what `cargo-semver-checks` checks, too.

use super::rules::Impact;

/// The semver bump of a set of changes, in semver's terms (see [`next_version`] for 0.x).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Nothing in the generated crate changes.
    None,
    /// The generated code changes, its API does not.
    Patch,
    /// The API grows.
    Minor,
    /// The API breaks.
    Major,
}

impl Bump {
    /// The largest bump any of the impacts calls for.
    pub fn of(impacts: impl IntoIterator<Item = Impact>) -> Bump {
        impacts
            .into_iter()
            .map(|impact| match impact {
                Impact::Breaking => Bump::Major,
                Impact::Additive => Bump::Minor,
                Impact::Internal => Bump::Patch,
            })
            .max()
            .unwrap_or(Bump::None)
    }

    pub fn name(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// The version after `current` (`MAJOR.MINOR.PATCH`, pre-release and build metadata
/// dropped) that `bump` calls for, with the 0.x rule of the module docs.
pub fn next_version(current: &str, bump: Bump) -> Result<String, String> {
    let core = current.split(['-', '+']).next().unwrap_or_default().trim();
    let numbers: Vec<u64> = core
        .split('.')
        .map(|n| n.parse::<u64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("`{current}` is not a semver version (MAJOR.MINOR.PATCH)"))?;
    let [major, minor, patch] = numbers[..] else {
        return Err(format!(
            "`{current}` is not a semver version (MAJOR.MINOR.PATCH)"
        ));
    };
    let overflow = || format!("`{current}` has a component too large to increase");
    let up = |n: u64| n.checked_add(1).ok_or_else(overflow);
    let next = match (bump, major, minor) {
        (Bump::None, ..) => (major, minor, patch),
        (_, 0, 0) => (0, 0, up(patch)?),
        (Bump::Major, 0, _) => (0, up(minor)?, 0),
        (Bump::Minor | Bump::Patch, 0, _) => (0, minor, up(patch)?),
        (Bump::Major, ..) => (up(major)?, 0, 0),
        (Bump::Minor, ..) => (major, up(minor)?, 0),
        (Bump::Patch, ..) => (major, minor, up(patch)?),
    };
    Ok(format!("{}.{}.{}", next.0, next.1, next.2))
}
