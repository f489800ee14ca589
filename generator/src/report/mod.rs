//! What `inspect` and `routes` print: views of the type graph (and of the emitter's plan, for
//! the Rust names) that never write anything.

mod routes;

pub use routes::routes;

use crate::select::{chain, Element, Slice};

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::emit::{plan::relative_prefix, Plan, Selection};
use crate::model::{Model, OperationKind, TypeKind};
use crate::{Config, Error, Loaded};

/// Counts of every kind of selected schema element, one per line.
pub fn inspect_counts(model: &Model, selection: &Selection) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for ty in selection.types.iter().map(|&t| model.ty(t)) {
        let kind = match &ty.kind {
            TypeKind::Entity(_) => "entity types",
            TypeKind::Complex(_) => "complex types",
            TypeKind::Enum(e) if e.is_flags => "enum types (flags)",
            TypeKind::Enum(_) => "enum types",
            TypeKind::Definition(_) => "type definitions",
        };
        *counts.entry(kind).or_default() += 1;
    }
    for op in selection.operations.iter().map(|&o| model.operation(o)) {
        let kind = match (op.kind, op.binding.is_some()) {
            (OperationKind::Action, true) => "actions (bound)",
            (OperationKind::Action, false) => "actions (unbound)",
            (OperationKind::Function, true) => "functions (bound)",
            (OperationKind::Function, false) => "functions (unbound)",
        };
        *counts.entry(kind).or_default() += 1;
    }
    let overloaded = model
        .operation_names
        .values()
        .filter(|ids| {
            ids.iter()
                .filter(|o| selection.operations.contains(o))
                .count()
                > 1
        })
        .count();
    counts.insert("operation names overloaded", overloaded);
    let namespaces: std::collections::BTreeSet<&str> = selection
        .types
        .iter()
        .map(|&t| model.ty(t).namespace.as_str())
        .chain(
            selection
                .operations
                .iter()
                .map(|&o| model.operation(o).namespace.as_str()),
        )
        .collect();
    counts.insert("schemas", namespaces.len());
    counts.insert("entity containers", model.containers.len());
    let selected = |t| selection.types.contains(&t);
    // A root whose URL an `--exclude` path drops is not generated.
    let kept = |name: &String| !selection.excluded_roots.contains(name);
    counts.insert(
        "entity sets",
        model
            .containers
            .iter()
            .flat_map(|c| &c.entity_sets)
            .filter(|s| selected(s.entity_type) && kept(&s.name))
            .count(),
    );
    counts.insert(
        "singletons",
        model
            .containers
            .iter()
            .flat_map(|c| &c.singletons)
            .filter(|s| selected(s.entity_type) && kept(&s.name))
            .count(),
    );
    counts.insert(
        "operation imports",
        model
            .containers
            .iter()
            .flat_map(|c| &c.operation_imports)
            .filter(|i| {
                kept(&i.name)
                    && i.operations
                        .iter()
                        .any(|o| selection.operations.contains(o))
            })
            .count(),
    );
    counts
        .into_iter()
        .map(|(kind, n)| format!("{n:>6} {kind}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every schema element with the Rust item it became, as JSON.
pub fn inspect_json(config: &Config, loaded: &Loaded) -> Result<String, Error> {
    let model = &loaded.model;
    let plan = Plan::new(model, config.selection(loaded)?);
    let krate = config.crate_ident();
    let root = Vec::new();
    let rust_path = |id, name: &str| -> String {
        let module = &plan.module_of(id).path;
        format!("{krate}::{}{name}", relative_prefix(&root, module))
    };
    let mut types = Vec::new();
    for (&id, name) in &plan.type_names {
        let ty = model.ty(id);
        let kind = match &ty.kind {
            TypeKind::Entity(_) => "entityType",
            TypeKind::Complex(_) => "complexType",
            TypeKind::Enum(_) => "enumType",
            TypeKind::Definition(_) => "typeDefinition",
        };
        let mut entry = json!({
            "kind": kind,
            "name": ty.qualified_name(),
            "position": ty.pos.to_string(),
        });
        match &ty.kind {
            TypeKind::Definition(d) => {
                entry["rust"] = json!(crate::emit::plan::primitive_type(d.underlying));
            }
            TypeKind::Enum(e) => {
                entry["rust"] = json!(rust_path(id, name));
                let members: Vec<Value> = e
                    .members
                    .iter()
                    .zip(&plan.member_names[&id])
                    .map(|(m, rust)| json!({"name": m.name, "value": m.value, "rust": rust}))
                    .collect();
                entry["members"] = json!(members);
            }
            TypeKind::Entity(_) | TypeKind::Complex(_) => {
                entry["rust"] = json!(rust_path(id, name));
                if let Some(any) = plan.any_names.get(&id) {
                    entry["polymorphic"] = json!(rust_path(id, any));
                }
                let members: Vec<Value> = plan
                    .member_names(id)
                    .iter()
                    .zip(&plan.fields[&id])
                    .map(|(m, f)| json!({"name": m, "rust": f.name}))
                    .collect();
                entry["properties"] = json!(members);
            }
        }
        types.push(entry);
    }
    // Mapped types (`--map-type`) are the user's: listed with the path given, not generated.
    for (&id, path) in &plan.selection.mapped {
        let ty = model.ty(id);
        types.push(json!({
            "kind": "mapped",
            "name": ty.qualified_name(),
            "position": ty.pos.to_string(),
            "rust": path,
        }));
    }
    let operations: Vec<Value> = plan
        .selection
        .operations
        .iter()
        .map(|&id| {
            let op = model.operation(id);
            let mut entry = json!({
                "kind": match op.kind { OperationKind::Action => "action", OperationKind::Function => "function" },
                "name": op.qualified_name(),
                "position": op.pos.to_string(),
            });
            if let Some(b) = &op.binding {
                let ty = model.ty(b.ty).qualified_name();
                entry["boundTo"] =
                    json!(if b.collection { format!("Collection({ty})") } else { ty });
            }
            if let Some(body) = plan.parameter_structs.get(&id) {
                let module = &plan.modules[&op.namespace].path;
                entry["parameters"] =
                    json!(format!("{krate}::{}{body}", relative_prefix(&root, module)));
            }
            entry
        })
        .collect();
    let containers: Vec<Value> = model
        .containers
        .iter()
        .map(|c| {
            let root_name = crate::emit::paths::root_name(c, model.containers.len() > 1);
            json!({
                "name": format!("{}.{}", c.namespace, c.name),
                "rust": format!("{krate}::paths::{root_name}"),
                "entitySets": c.entity_sets.iter().map(|s| &s.name).collect::<Vec<_>>(),
                "singletons": c.singletons.iter().map(|s| &s.name).collect::<Vec<_>>(),
            })
        })
        .collect();
    let document = json!({
        "schemas": model.namespaces.iter().map(|n| json!({"namespace": n.name, "alias": n.alias})).collect::<Vec<_>>(),
        "counts": {
            "entityTypes": model.types.iter().filter(|t| matches!(t.kind, TypeKind::Entity(_))).count(),
            "complexTypes": model.types.iter().filter(|t| matches!(t.kind, TypeKind::Complex(_))).count(),
            "enumTypes": model.types.iter().filter(|t| matches!(t.kind, TypeKind::Enum(_))).count(),
            "typeDefinitions": model.types.iter().filter(|t| matches!(t.kind, TypeKind::Definition(_))).count(),
            "actions": model.operations.iter().filter(|o| o.kind == OperationKind::Action).count(),
            "functions": model.operations.iter().filter(|o| o.kind == OperationKind::Function).count(),
        },
        "types": types,
        "operations": operations,
        "containers": containers,
    });
    Ok(serde_json::to_string_pretty(&document).unwrap_or_default())
}

/// Why `name` (a qualified type or operation name) is in the slice: the chain of references
/// from the `--include` pattern that pulled it in, one line per step; or why it is not.
pub fn why(model: &Model, slice: &Slice, name: &str) -> Result<String, Error> {
    let mut elements: Vec<Element> = model
        .type_by_name(name)
        .map(Element::Type)
        .into_iter()
        .collect();
    if let Some(ops) = model.operation_names.get(name) {
        elements.extend(ops.iter().map(|&o| Element::Operation(o)));
    }
    if elements.is_empty() {
        return Err(Error::Settings(format!(
            "--why {name}: no type or operation of that (namespace-qualified) name"
        )));
    }
    let mut out = Vec::new();
    for element in elements {
        let shown = element.name(model);
        if let Some(pattern) = slice.excluded.get(&element) {
            out.push(format!("{shown} is excluded by --exclude {pattern}"));
        } else if !slice.contains(element) {
            out.push(format!(
                "{shown} is not in the slice: nothing selected refers to it"
            ));
        } else if slice.whys.is_empty() {
            out.push(format!("{shown} is in: without --include, everything is"));
        } else {
            out.push(format!("{shown} is in the slice:"));
            for (depth, line) in chain(model, &slice.whys, element).into_iter().enumerate() {
                out.push(format!("{}{line}", "  ".repeat(depth + 1)));
            }
        }
    }
    Ok(out.join("\n"))
}
