//! Whole-model checks that need every name resolved first: inheritance, keys, member names,
//! navigation targets, overload rules. Every problem is reported; none stops the others.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Deviation, Diagnostics, Pos};

use super::names::{is_hyphenated_identifier, is_simple_identifier};
use super::*;

pub fn validate(model: &Model, diags: &mut Diagnostics) {
    identifiers(model, diags);
    let cyclic = inheritance(model, diags);
    for id in model.type_ids() {
        if cyclic.contains(&id) {
            continue;
        }
        members(model, id, diags);
        keys(model, id, diags);
        navigation(model, id, diags);
        enum_members(model, id, diags);
    }
    overloads(model, diags);
    containers(model, diags);
}

/// Names that become Rust identifiers must be CSDL simple identifiers; anything else (a name
/// with quotes, spaces or punctuation) is an error rather than something to escape silently.
///
/// Members (properties, navigation properties, parameters) named like HTTP headers
/// (`client-request-id`, in Graph's published v1.0 metadata since 2024) are the exception: their
/// Rust name is the snake case of the parts, their wire name stays, and they are a deviation.
fn identifiers(model: &Model, diags: &mut Diagnostics) {
    let mut check = |name: &str, what: &str, pos: &Pos| {
        // An empty name is a missing or empty attribute, which the reader reported.
        if name.is_empty() || is_simple_identifier(name) {
            return;
        }
        let member = matches!(what, "property" | "navigation property" | "parameter");
        if member && is_hyphenated_identifier(name) {
            diags.deviation(
                pos,
                Deviation::IdentifierSyntax,
                format!(
                    "{what} name `{name}` is not a simple identifier; its Rust name joins its parts with `_`, the wire name stays"
                ),
            );
        } else {
            diags.error(
                pos,
                format!(
                    "{what} name `{}` is not a valid identifier",
                    name.escape_debug()
                ),
            );
        }
    };
    for ty in &model.types {
        check(&ty.name, "type", &ty.pos);
        match &ty.kind {
            TypeKind::Entity(s) | TypeKind::Complex(s) => {
                for p in &s.properties {
                    check(&p.name, "property", &p.pos);
                }
                for n in &s.navigation {
                    check(&n.name, "navigation property", &n.pos);
                }
            }
            TypeKind::Enum(e) => {
                for m in &e.members {
                    check(&m.name, "enum member", &m.pos);
                }
            }
            TypeKind::Definition(_) => {}
        }
    }
    for op in &model.operations {
        check(&op.name, "operation", &op.pos);
        for p in &op.parameters {
            check(&p.name, "parameter", &p.pos);
        }
    }
    for c in &model.containers {
        check(&c.name, "entity container", &c.pos);
        for s in &c.entity_sets {
            check(&s.name, "entity set", &s.pos);
        }
        for s in &c.singletons {
            check(&s.name, "singleton", &s.pos);
        }
        for i in &c.operation_imports {
            check(&i.name, "operation import", &i.pos);
        }
    }
}

/// Reports inheritance cycles and bases of the wrong kind; returns the types on a cycle.
fn inheritance(model: &Model, diags: &mut Diagnostics) -> BTreeSet<TypeId> {
    let mut cyclic = BTreeSet::new();
    for id in model.type_ids() {
        let ty = model.ty(id);
        let Some(base) = model.base(id) else { continue };
        let base_ty = model.ty(base);
        if ty.is_entity() != base_ty.is_entity() || base_ty.structured().is_none() {
            diags.error(
                &ty.pos,
                format!(
                    "`{}` cannot derive from `{}`: an entity type derives from an entity type, a complex type from a complex type",
                    ty.qualified_name(),
                    base_ty.qualified_name()
                ),
            );
        }
        let mut seen = vec![id];
        let mut current = base;
        loop {
            if current == id {
                cyclic.insert(id);
                let chain: Vec<String> = seen.iter().map(|t| model.ty(*t).name.clone()).collect();
                diags.error(
                    &ty.pos,
                    format!("inheritance cycle: {} → {}", chain.join(" → "), ty.name),
                );
                break;
            }
            if seen.contains(&current) {
                break; // a cycle further up, reported for its own members
            }
            seen.push(current);
            match model.base(current) {
                Some(next) => current = next,
                None => break,
            }
        }
    }
    cyclic
}

/// No two properties or navigation properties of a type (own or inherited) share a name.
fn members(model: &Model, id: TypeId, diags: &mut Diagnostics) {
    let Some(own) = model.structured(id) else {
        return;
    };
    let mut seen: BTreeMap<&str, &Pos> = BTreeMap::new();
    if let Some(base) = own.base {
        for p in model.all_properties(base) {
            seen.insert(&p.name, &p.pos);
        }
        for n in model.all_navigation(base) {
            seen.insert(&n.name, &n.pos);
        }
    }
    let declared = own
        .properties
        .iter()
        .map(|p| (&p.name, &p.pos))
        .chain(own.navigation.iter().map(|n| (&n.name, &n.pos)));
    for (name, pos) in declared {
        if let Some(first) = seen.insert(name, pos) {
            diags.error(
                pos,
                format!(
                    "`{}` already has a member named `{name}` (at {first})",
                    model.ty(id).name
                ),
            );
        }
    }
}

fn keys(model: &Model, id: TypeId, diags: &mut Diagnostics) {
    let Some(own) = model.structured(id) else {
        return;
    };
    let Some(key) = &own.key else { return };
    // A key redeclared below a keyed base type was dropped while building (`redeclared`).
    let mut names = BTreeSet::new();
    for part in key {
        if !names.insert(&part.name) {
            diags.error(
                &part.pos,
                format!("key property `{}` appears twice", part.name),
            );
        }
    }
}

fn navigation(model: &Model, id: TypeId, diags: &mut Diagnostics) {
    let Some(own) = model.structured(id) else {
        return;
    };
    for n in &own.navigation {
        let target = model.ty(n.target);
        if !target.is_entity() {
            diags.error(
                &n.pos,
                format!(
                    "navigation property `{}` must target an entity type, not `{}`",
                    n.name,
                    target.qualified_name()
                ),
            );
        } else if n.collection && model.key(n.target).is_none() && !is_unusable_key(model, n.target)
        {
            diags.deviation(
                &n.pos,
                Deviation::MissingKey,
                format!(
                    "collection-valued navigation property `{}` targets `{}`, which has no key; addressable as a collection only",
                    n.name,
                    target.qualified_name()
                ),
            );
        }
    }
}

fn enum_members(model: &Model, id: TypeId, diags: &mut Diagnostics) {
    let TypeKind::Enum(e) = &model.ty(id).kind else {
        return;
    };
    let mut names: BTreeMap<&str, &Pos> = BTreeMap::new();
    let mut values: BTreeMap<i64, &str> = BTreeMap::new();
    for m in &e.members {
        if let Some(first) = names.insert(&m.name, &m.pos) {
            diags.error(
                &m.pos,
                format!("enum member `{}` is already declared at {first}", m.name),
            );
        }
        // OData JSON and URLs carry member names, so members sharing a value stay apart: each
        // is its own variant, written as its own name.
        if let Some(other) = values.get(&m.value) {
            diags.deviation(
                &m.pos,
                Deviation::EnumMembers,
                format!(
                    "enum member `{}` has the value {} of member `{other}`; both kept",
                    m.name, m.value
                ),
            );
        } else {
            values.insert(m.value, &m.name);
        }
    }
}

/// CSDL's overload rules: bound actions differ by binding type; unbound actions are never
/// overloaded; functions differ by binding type and parameter names, and agree on their return
/// type per binding. Real documents break them; every overload is still generated, under a
/// name of its own (see `emit::paths::overload_names`), so breaking them is a deviation.
fn overloads(model: &Model, diags: &mut Diagnostics) {
    for ids in model.operation_names.values() {
        let mut signatures: BTreeMap<String, &OperationDef> = BTreeMap::new();
        let mut returns: BTreeMap<String, &OperationDef> = BTreeMap::new();
        for &id in ids {
            let op = model.operation(id);
            let binding = op.binding.as_ref().map(|b| {
                let name = model.ty(b.ty).qualified_name();
                if b.collection {
                    format!("Collection({name})")
                } else {
                    name
                }
            });
            let binding_key = binding.clone().unwrap_or_else(|| "unbound".to_owned());
            let signature = match op.kind {
                OperationKind::Action => format!("action {binding_key}"),
                OperationKind::Function => {
                    let mut names: Vec<&str> =
                        op.parameters.iter().map(|p| p.name.as_str()).collect();
                    if op.binding.is_none() {
                        names.sort_unstable(); // unbound: the *set* of names counts
                    }
                    format!("function {binding_key} ({})", names.join(","))
                }
            };
            if let Some(first) = signatures.insert(signature, op) {
                let message = match (op.kind, &op.binding) {
                    (OperationKind::Action, None) => format!(
                        "unbound action `{}` is declared twice (first at {}); unbound actions cannot be overloaded",
                        op.qualified_name(),
                        first.pos
                    ),
                    (OperationKind::Action, Some(_)) => format!(
                        "action `{}` is already bound to `{binding_key}` (at {})",
                        op.qualified_name(),
                        first.pos
                    ),
                    (OperationKind::Function, _) => format!(
                        "function `{}` already has an overload with this binding and these parameter names (at {})",
                        op.qualified_name(),
                        first.pos
                    ),
                };
                diags.deviation(
                    &op.pos,
                    Deviation::OverloadRules,
                    format!("{message}; each generated under its own name"),
                );
            }
            if ids
                .iter()
                .any(|&other| model.operation(other).kind != op.kind)
            {
                // CSDL forbids this, but Microsoft Graph's own metadata does it (`delta`,
                // `count`, …): generate both, warn once.
                diags.deviation(
                    &op.pos,
                    Deviation::OverloadRules,
                    format!(
                        "`{}` is declared both as an action and as a function; both generated",
                        op.qualified_name()
                    ),
                );
                break;
            }
            if op.kind == OperationKind::Function {
                if let Some(first) = returns.insert(binding_key.clone(), op) {
                    let same = first.return_type.as_ref().map(|r| r.ty)
                        == op.return_type.as_ref().map(|r| r.ty);
                    if !same {
                        diags.deviation(
                            &op.pos,
                            Deviation::OverloadRules,
                            format!(
                                "overloads of function `{}` with the same binding must return the same type (see {}); each generated under its own name",
                                op.qualified_name(),
                                first.pos
                            ),
                        );
                    }
                }
            }
        }
    }
}

fn containers(model: &Model, diags: &mut Diagnostics) {
    for c in &model.containers {
        let mut names: BTreeMap<&str, &Pos> = BTreeMap::new();
        let children = c
            .entity_sets
            .iter()
            .map(|s| (&s.name, &s.pos))
            .chain(c.singletons.iter().map(|s| (&s.name, &s.pos)))
            .chain(c.operation_imports.iter().map(|s| (&s.name, &s.pos)));
        for (name, pos) in children {
            if let Some(first) = names.insert(name, pos) {
                diags.error(
                    pos,
                    format!(
                        "`{}` already has a child named `{name}` (at {first})",
                        c.name
                    ),
                );
            }
        }
        for s in &c.entity_sets {
            let ty = model.ty(s.entity_type);
            if !ty.is_entity() {
                diags.error(
                    &s.pos,
                    format!(
                        "entity set `{}` must be of an entity type, not `{}`",
                        s.name,
                        ty.qualified_name()
                    ),
                );
            } else if model.key(s.entity_type).is_none() && !is_unusable_key(model, s.entity_type) {
                diags.deviation(
                    &s.pos,
                    Deviation::MissingKey,
                    format!(
                        "entity set `{}` is of `{}`, which has no key; addressable as a collection only",
                        s.name,
                        ty.qualified_name()
                    ),
                );
            }
        }
        for s in &c.singletons {
            let ty = model.ty(s.entity_type);
            if !ty.is_entity() {
                diags.error(
                    &s.pos,
                    format!(
                        "singleton `{}` must be of an entity type, not `{}`",
                        s.name,
                        ty.qualified_name()
                    ),
                );
            }
        }
    }
}

/// Whether `id` has no key because its declared key was unusable (a `key-type` deviation,
/// already reported), so that a missing key is not reported again.
fn is_unusable_key(model: &Model, id: TypeId) -> bool {
    model
        .ancestors_and_self(id)
        .iter()
        .any(|t| model.unusable_keys.contains(t))
}
