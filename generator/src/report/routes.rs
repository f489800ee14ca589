//! Every addressable URL template of the entity containers.
//!
//! Contained navigation is followed to any depth (containment trees are what a service
//! addresses), stopping when an entity type repeats on the path (recursive containment);
//! non-contained navigation is listed one hop deep, since it points into another entity set
//! whose own routes are listed from there. Operations bound to a type, or to one of its bases,
//! are listed where the type is. Each line: the methods, then the template.

use crate::model::{Model, OperationKind, TypeId};

pub fn routes(model: &Model) -> Vec<String> {
    let mut lines = Vec::new();
    for container in &model.containers {
        for set in &container.entity_sets {
            let path = format!("/{}", set.name);
            walk_collection(model, set.entity_type, &path, &mut vec![], &mut lines);
        }
        for singleton in &container.singletons {
            let path = format!("/{}", singleton.name);
            lines.push(format!("GET PATCH {path}"));
            walk_entity(model, singleton.entity_type, &path, &mut vec![], &mut lines);
        }
        for import in &container.operation_imports {
            for &op_id in &import.operations {
                lines.push(operation_line(
                    model,
                    op_id,
                    &format!("/{}", import.name),
                    true,
                ));
            }
        }
    }
    lines.sort();
    lines.dedup();
    lines
}

fn walk_collection(
    model: &Model,
    ty: TypeId,
    path: &str,
    stack: &mut Vec<TypeId>,
    lines: &mut Vec<String>,
) {
    lines.push(format!("GET POST {path}"));
    for op in model.operations_on(ty, true) {
        lines.push(operation_line(model, op, path, false));
    }
    let item = format!("{path}/{}", key_placeholder(model, ty));
    lines.push(format!("GET PATCH DELETE {item}"));
    walk_entity(model, ty, &item, stack, lines);
}

fn walk_entity(
    model: &Model,
    ty: TypeId,
    path: &str,
    stack: &mut Vec<TypeId>,
    lines: &mut Vec<String>,
) {
    if stack.contains(&ty) {
        return;
    }
    stack.push(ty);
    for op in model.operations_on(ty, false) {
        lines.push(operation_line(model, op, path, false));
    }
    // Navigation declared on the type or its bases, and on derived types behind a cast.
    let mut sources = vec![(ty, String::new())];
    for derived in model.all_derived(ty) {
        sources.push((derived, format!("/{}", model.ty(derived).qualified_name())));
    }
    for (source, cast) in sources {
        let navigation = if source == ty {
            model.all_navigation(source)
        } else {
            model
                .structured(source)
                .map(|s| s.navigation.iter().collect())
                .unwrap_or_default()
        };
        for nav in navigation {
            let nav_path = format!("{path}{cast}/{}", nav.name);
            if nav.contains_target {
                if nav.collection {
                    walk_collection(model, nav.target, &nav_path, stack, lines);
                } else {
                    lines.push(format!("GET PATCH {nav_path}"));
                    walk_entity(model, nav.target, &nav_path, stack, lines);
                }
            } else if nav.collection {
                lines.push(format!("GET {nav_path}"));
                lines.push(format!(
                    "GET {nav_path}/{}",
                    key_placeholder(model, nav.target)
                ));
            } else {
                lines.push(format!("GET {nav_path}"));
            }
        }
        if source != ty {
            for op in model.operations_on(source, false) {
                let bound_to_base = model
                    .operation(op)
                    .binding
                    .as_ref()
                    .is_some_and(|b| model.is_a(ty, b.ty));
                if !bound_to_base {
                    lines.push(operation_line(model, op, &format!("{path}{cast}"), false));
                }
            }
        }
    }
    stack.pop();
}

/// `{deviceConfigurationId}` for single keys, `{a},{b}`-style for composite keys.
fn key_placeholder(model: &Model, ty: TypeId) -> String {
    let name = &model.ty(ty).name;
    match model.key(ty) {
        Some([_]) | None => format!("{{{name}Id}}"),
        Some(parts) => parts
            .iter()
            .map(|p| format!("{{{}}}", p.name))
            .collect::<Vec<_>>()
            .join(","),
    }
}

fn operation_line(
    model: &Model,
    op_id: crate::model::OperationId,
    path: &str,
    is_import: bool,
) -> String {
    let op = model.operation(op_id);
    let segment = if is_import {
        String::new()
    } else {
        format!("/{}", op.name)
    };
    match op.kind {
        OperationKind::Action => format!("POST {path}{segment}"),
        OperationKind::Function => {
            let params: Vec<String> = op
                .parameters
                .iter()
                .map(|p| format!("{0}={{{0}}}", p.name))
                .collect();
            format!("GET {path}{segment}({})", params.join(","))
        }
    }
}
