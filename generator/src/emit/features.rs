//! Per-area Cargo features of a generated crate: one feature per root (entity set or
//! singleton) of the service, named like its URL (`/deviceManagement` → `device-management`),
//! which turns on the root's path builders and every type and operation its URLs need (see
//! [`crate::select::areas`]). `full`, the default, turns on every area.
//!
//! Each emitted item gets the cfg of the features that need it ([`Gate`]): none when every
//! area needs it, `feature = "full"` when no area does, `feature = "…"` when one does, and
//! for a set of several features a cfg of its own (`areas_5c0e91d2`) that the crate's
//! `build.rs` sets when any of them is on. One short line per item whatever the set, where a
//! spelled-out `any(feature = …, …)` runs to dozens of lines. A set's cfg is named after a hash
//! of its features' names, not its position among the sets, so that a metadata update that
//! adds a set or a feature leaves the other items' attributes as they were.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostics::Diagnostic;
use crate::model::{Model, OperationId, TypeId};
use crate::select::areas::{self, Area, Within};

use super::plan::Plan;

/// crates.io takes at most 300 features; `default` and `full` are two of them.
pub const MAX_AREA_FEATURES: usize = 298;

/// Feature names an area cannot take.
const RESERVED: &[&str] = &["default", "full"];

/// The cfg that an item needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gate {
    /// Every area needs it: always compiled.
    Always,
    /// No area needs it: only with `full`.
    Full,
    /// One feature (an index into [`Features::features`]).
    Feature(usize),
    /// Several features: the cfg [`Features::set_cfgs`]`[n]` (an index into
    /// [`Features::sets`]).
    Set(usize),
}

/// One Cargo feature: an area, or several when there are too many areas for crates.io.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    pub name: String,
    /// Indexes into [`Features::areas`].
    pub areas: Vec<usize>,
    /// Types and operations it turns on.
    pub types: usize,
    pub operations: usize,
}

/// The features of a generated crate and the gate of every item.
#[derive(Debug, Clone)]
pub struct Features {
    pub areas: Vec<Area>,
    /// Sorted by name.
    pub features: Vec<Feature>,
    /// The feature of each area.
    pub area_feature: Vec<usize>,
    /// The feature sets of [`Gate::Set`], each sorted.
    pub sets: Vec<Vec<usize>>,
    /// The cfg of each set: `areas_` and a hash of its features' names.
    pub set_cfgs: Vec<String>,
    types: BTreeMap<TypeId, Gate>,
    operations: BTreeMap<OperationId, Gate>,
    /// The features that need each type (none: absent), sorted.
    type_sets: BTreeMap<TypeId, Vec<usize>>,
    operation_sets: BTreeMap<OperationId, Vec<usize>>,
    /// Why areas share a feature (more areas than crates.io allows features).
    pub warnings: Vec<Diagnostic>,
}

impl Features {
    /// The features of the plan's crate; `None` for a service without roots.
    pub fn new(plan: &Plan) -> Option<Features> {
        let selection = &plan.selection;
        let within = Within {
            ty: &|t| selection.types.contains(&t),
            op: &|o| selection.operations.contains(&o),
            external: &|t| selection.mapped.contains_key(&t),
            root: &|name| !selection.excluded_roots.contains(name),
        };
        let areas = areas::areas(plan.model, &within);
        (!areas.is_empty()).then(|| Self::from_areas(plan.model, areas, MAX_AREA_FEATURES))
    }

    /// Names the areas' features (at most `limit`, grouping areas beyond it) and gates every
    /// element of the areas by the features that need it.
    pub fn from_areas(model: &Model, areas: Vec<Area>, limit: usize) -> Features {
        let names = feature_names(&areas);
        // Areas in feature-name order, then grouped in runs when there are too many.
        let mut order: Vec<usize> = (0..areas.len()).collect();
        order.sort_by(|&a, &b| names[a].cmp(&names[b]));
        let groups = limit.max(1).min(order.len());
        let mut features = Vec::with_capacity(groups);
        let mut warnings = Vec::new();
        for g in 0..groups {
            let members: Vec<usize> =
                order[g * order.len() / groups..(g + 1) * order.len() / groups].to_vec();
            let name = match members.as_slice() {
                [one] => names[*one].clone(),
                [first, .., last] => format!("{}-to-{}", names[*first], names[*last]),
                [] => unreachable!("every group holds an area"),
            };
            if members.len() > 1 {
                let roots: Vec<String> = members
                    .iter()
                    .map(|&a| format!("/{}", areas[a].root))
                    .collect();
                warnings.push(Diagnostic::warning(
                    &areas[members[0]].pos,
                    format!(
                        "{} roots are more than the {limit} area features a crate may have: feature `{name}` turns on {}",
                        areas.len(),
                        roots.join(", ")
                    ),
                ));
            }
            features.push(Feature {
                name,
                areas: members,
                types: 0,
                operations: 0,
            });
        }
        let mut area_feature = vec![0; areas.len()];
        for (f, feature) in features.iter().enumerate() {
            for &a in &feature.areas {
                area_feature[a] = f;
            }
        }
        // The features that need each element, in feature order.
        let mut type_features: BTreeMap<TypeId, Vec<usize>> = BTreeMap::new();
        let mut op_features: BTreeMap<OperationId, Vec<usize>> = BTreeMap::new();
        for (f, feature) in features.iter().enumerate() {
            let mut types = BTreeSet::new();
            let mut operations = BTreeSet::new();
            for &a in &feature.areas {
                types.extend(areas[a].types.iter().copied());
                operations.extend(areas[a].operations.iter().copied());
            }
            for t in types {
                type_features.entry(t).or_default().push(f);
            }
            for o in operations {
                op_features.entry(o).or_default().push(f);
            }
        }
        for (f, feature) in features.iter_mut().enumerate() {
            feature.types = type_features.values().filter(|s| s.contains(&f)).count();
            feature.operations = op_features.values().filter(|s| s.contains(&f)).count();
        }
        let all = features.len();
        let sets: BTreeSet<&Vec<usize>> = type_features
            .values()
            .chain(op_features.values())
            .filter(|s| s.len() > 1 && s.len() < all)
            .collect();
        let sets: Vec<Vec<usize>> = sets.into_iter().cloned().collect();
        let set_cfgs = set_cfgs(&sets, &features);
        let set_index: BTreeMap<&Vec<usize>, usize> =
            sets.iter().enumerate().map(|(i, s)| (s, i)).collect();
        let gate = |set: &Vec<usize>| match set.len() {
            n if n == all => Gate::Always,
            1 => Gate::Feature(set[0]),
            _ => Gate::Set(set_index[set]),
        };
        let types = model
            .type_ids()
            .map(|t| (t, type_features.get(&t).map_or(Gate::Full, gate)))
            .collect();
        let operations = model
            .operation_ids()
            .map(|o| (o, op_features.get(&o).map_or(Gate::Full, gate)))
            .collect();
        Features {
            areas,
            features,
            area_feature,
            sets,
            set_cfgs,
            types,
            operations,
            type_sets: type_features,
            operation_sets: op_features,
            warnings,
        }
    }

    /// Whether every feature that needs type `outer` needs type `inner` too, so that an item
    /// of `outer` may name `inner` without a cfg of its own.
    pub fn type_implies(&self, outer: TypeId, inner: TypeId) -> bool {
        subset(self.type_sets.get(&outer), self.type_sets.get(&inner))
    }

    /// [`Features::type_implies`] for an operation inside an item of type `outer`.
    pub fn operation_implied(&self, outer: TypeId, inner: OperationId) -> bool {
        subset(self.type_sets.get(&outer), self.operation_sets.get(&inner))
    }

    pub fn type_gate(&self, id: TypeId) -> Gate {
        self.types.get(&id).copied().unwrap_or(Gate::Full)
    }

    pub fn operation_gate(&self, id: OperationId) -> Gate {
        self.operations.get(&id).copied().unwrap_or(Gate::Full)
    }

    /// The gate of the root method of the area of `root`.
    pub fn root_gate(&self, root: &str) -> Gate {
        match self.areas.iter().position(|a| a.root == root) {
            Some(_) if self.features.len() == 1 => Gate::Always,
            Some(a) => Gate::Feature(self.area_feature[a]),
            None => Gate::Full,
        }
    }

    /// The roots of `feature`'s areas, each as `show` writes it, comma-separated.
    fn roots(&self, feature: &Feature, show: impl Fn(&str) -> String) -> String {
        let roots: Vec<String> = feature
            .areas
            .iter()
            .map(|&a| show(&self.areas[a].root))
            .collect();
        roots.join(", ")
    }

    /// `#[cfg(…)]` for `gate`, or nothing.
    pub fn attribute(&self, gate: Gate) -> TokenStream {
        match gate {
            Gate::Always => TokenStream::new(),
            Gate::Full => quote!(#[cfg(feature = "full")]),
            Gate::Feature(f) => {
                let name = &self.features[f].name;
                quote!(#[cfg(feature = #name)])
            }
            Gate::Set(s) => {
                let cfg = super::models::ident(&self.set_cfgs[s]);
                quote!(#[cfg(#cfg)])
            }
        }
    }

    /// The `[features]` section of the manifest.
    pub fn manifest_section(&self) -> String {
        let mut out = String::from(
            "\n[features]\n# Every area; `--no-default-features --features <area>,…` builds only what those areas need.\ndefault = [\"full\"]\nfull = [\n",
        );
        for f in &self.features {
            out.push_str(&format!("    \"{}\",\n", f.name));
        }
        out.push_str("]\n");
        for f in &self.features {
            out.push_str(&format!(
                "# {}: {}, {}\n{} = []\n",
                self.roots(f, |root| format!("/{root}")),
                counted(f.types, "type"),
                counted(f.operations, "operation"),
                f.name
            ));
        }
        out
    }

    /// `build.rs`, which sets the cfg of each feature set whose features are partly on; `None`
    /// when no item needs one.
    pub fn build_script(&self, header: &str) -> Option<String> {
        if self.sets.is_empty() {
            return None;
        }
        let mut out = format!(
            "{header}//! Sets the cfg of a set of features when any of them is on: the cfg of the items that\n//! several areas (but not all) need.\n\nconst SETS: &[(&str, &[&str])] = &[\n"
        );
        for (set, cfg) in self.sets.iter().zip(&self.set_cfgs) {
            let names: Vec<String> = set
                .iter()
                .map(|&f| format!("\"{}\"", env_name(&self.features[f].name)))
                .collect();
            out.push_str(&format!("    (\"{cfg}\", &[{}]),\n", names.join(", ")));
        }
        out.push_str(
            "];\n\nfn main() {\n    println!(\"cargo::rerun-if-changed=build.rs\");\n    for (cfg, features) in SETS {\n        println!(\"cargo::rustc-check-cfg=cfg({cfg})\");\n        let on = features\n            .iter()\n            .any(|feature| std::env::var_os(format!(\"CARGO_FEATURE_{feature}\")).is_some());\n        if on {\n            println!(\"cargo::rustc-cfg={cfg}\");\n        }\n    }\n}\n",
        );
        Some(out)
    }

    /// The crate documentation's table of features, as doc lines (each but empty ones after
    /// a space, as `//! text` reads).
    pub fn doc_lines(&self) -> Vec<String> {
        let always = self.types.values().filter(|g| **g == Gate::Always).count();
        let full = self.types.values().filter(|g| **g == Gate::Full).count();
        let mut lines = vec![
            String::new(),
            "# Features".to_owned(),
            String::new(),
            format!(
                "One feature per area of the service: a root (entity set or singleton), its path builders and the types and operations its URLs need. `full` (the default) turns on every area; with `default-features = false`, name the areas you use. {always} types every area needs are always compiled; {full} types and the operations no area reaches come with `full` only."
            ),
            String::new(),
            "| Feature | Root URLs | Types | Operations |".to_owned(),
            "|---|---|---:|---:|".to_owned(),
        ];
        for f in &self.features {
            lines.push(format!(
                "| `{}` | {} | {} | {} |",
                f.name,
                self.roots(f, |root| format!("`/{root}`")),
                f.types,
                f.operations
            ));
        }
        if let Some(w) = self.warnings.first() {
            lines.push(String::new());
            lines.push(format!(
                "The service has more roots than a crate may have features, so some features turn on several areas ({}).",
                w.message
            ));
        }
        lines
            .into_iter()
            .map(|l| if l.is_empty() { l } else { format!(" {l}") })
            .collect()
    }
}

/// Whether the sorted set `a` is within the sorted set `b` (absent: empty).
fn subset(a: Option<&Vec<usize>>, b: Option<&Vec<usize>>) -> bool {
    let b = b.map_or(&[][..], Vec::as_slice);
    a.is_none_or(|a| a.iter().all(|x| b.binary_search(x).is_ok()))
}

/// The cfg of each feature set: `areas_` and the FNV-1a hash of its features' names, 32 bits
/// of it, or all 64 for a set whose short name another set took.
fn set_cfgs(sets: &[Vec<usize>], features: &[Feature]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    sets.iter()
        .map(|set| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for &f in set {
                for byte in features[f].name.bytes().chain([b',']) {
                    hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
                }
            }
            let short = format!("areas_{:08x}", hash as u32);
            let name = if taken.contains(&short) {
                format!("areas_{hash:016x}")
            } else {
                short
            };
            taken.insert(name.clone());
            name
        })
        .collect()
}

/// `CARGO_FEATURE_<name>`'s suffix for a feature.
fn env_name(feature: &str) -> String {
    feature.to_uppercase().replace('-', "_")
}

/// The feature name of each area: the root name in kebab case (`deviceManagement` →
/// `device-management`). Names that collide (`fooBar`, `foo_bar`), or that Cargo gives a
/// meaning (`default`, `full`), get `-2`, `-3`, … in the order of the root names.
pub fn feature_names(areas: &[Area]) -> Vec<String> {
    let wanted: Vec<String> = areas
        .iter()
        .map(|a| {
            let name = a.root.to_kebab_case();
            if name.is_empty() {
                "area".to_owned()
            } else {
                name
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..areas.len()).collect();
    order.sort_by(|&a, &b| (&wanted[a], &areas[a].root).cmp(&(&wanted[b], &areas[b].root)));
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| (*s).to_owned()).collect();
    let all_wanted: BTreeSet<&String> = wanted.iter().collect();
    let mut names = vec![String::new(); areas.len()];
    for a in order {
        let name = if taken.contains(&wanted[a]) {
            (2..)
                .map(|n| format!("{}-{n}", wanted[a]))
                .find(|c| !taken.contains(c) && !all_wanted.contains(c))
                .unwrap_or_default()
        } else {
            wanted[a].clone()
        };
        taken.insert(name.clone());
        names[a] = name;
    }
    names
}

/// `1 type`, `2 types`: the manifest's comments read as English.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
