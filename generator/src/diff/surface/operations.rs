//! Operations (each overload an element of its own), the parameters of actions (fields of
//! their request body), and containers with their entity sets, singletons and imports.
//!
//! An overload is known by its kind, name, binding and, for functions, its parameter names
//! (CSDL's overload rules): a function that gains a parameter is another overload (its method
//! takes other arguments), while an action's parameters are fields of its body struct.

use std::collections::BTreeMap;

use crate::emit::naming::{snake_name, Scope};
use crate::emit::paths::{overload_names, root_name};
use crate::emit::Plan;
use crate::model::{OperationDef, OperationId, OperationKind, Target, TypeKind};

use super::{root, typed_text, yes_no, Aspect, ElementKind, Entry, Surface};

pub fn add(plan: &Plan, surface: &mut Surface) {
    let methods = method_names(plan);
    for &id in &plan.selection.operations {
        let op = plan.model.operation(id);
        let name = operation_name(plan, op);
        let mut entry = Entry::new(ElementKind::Operation, &op.pos);
        entry.shown(
            Aspect::Method,
            methods.get(&id).map(|m| m.join(", ")).unwrap_or_default(),
        );
        signature(plan, id, op, &mut entry);
        entry.internal(Aspect::Composable, yes_no(op.is_composable));
        entry.internal(
            Aspect::EntitySetPath,
            op.entity_set_path
                .clone()
                .unwrap_or_else(|| "none".to_owned()),
        );
        entry.docs(&op.docs);
        super::features::of_operation(plan, id, &mut entry);
        if op.kind == OperationKind::Action {
            action_parameters(plan, op, &name, surface);
        }
        surface.insert(name, entry);
    }
    containers(plan, surface);
}

/// `ns.assign(ns.deviceConfiguration)`, `ns.delta(Collection(ns.user))`,
/// `ns.reminderView(ns.user; StartDateTime, EndDateTime)`, `ns.getRoot()`: the binding type,
/// then, for functions, the parameter names that tell overloads apart.
fn operation_name(plan: &Plan, op: &OperationDef) -> String {
    let binding = op.binding.as_ref().map(|b| {
        let ty = plan.model.ty(b.ty).qualified_name();
        if b.collection {
            format!("Collection({ty})")
        } else {
            ty
        }
    });
    let parameters: Vec<&str> = match op.kind {
        OperationKind::Function => op.parameters.iter().map(|p| p.name.as_str()).collect(),
        OperationKind::Action => Vec::new(),
    };
    let inside = match (binding, parameters.is_empty()) {
        (Some(b), true) => b,
        (Some(b), false) => format!("{b}; {}", parameters.join(", ")),
        (None, _) => parameters.join(", "),
    };
    format!("{}({inside})", op.qualified_name())
}

/// The parameters and return type of an overload.
fn signature(plan: &Plan, id: OperationId, op: &OperationDef, entry: &mut Entry) {
    let model = plan.model;
    let root = root();
    match op.kind {
        OperationKind::Function => {
            let text: Vec<String> = op
                .parameters
                .iter()
                .map(|p| format!("{}: {}", p.name, typed_text(model, p.ty, p.nullable)))
                .collect();
            let api: Vec<String> = op
                .parameters
                .iter()
                .map(|p| {
                    let value = plan.value_type(p.ty.target, &root);
                    if p.ty.collection {
                        format!("&[{value}]")
                    } else {
                        format!("&{value}")
                    }
                })
                .collect();
            entry.api(Aspect::Parameters, text.join(", "), api.join(", "));
        }
        OperationKind::Action => {
            let body =
                plan.parameter_structs
                    .get(&id)
                    .map(|name| match plan.modules.get(&op.namespace) {
                        Some(module) => format!("{}::{name}", module.rust_path()),
                        None => name.clone(),
                    });
            entry.api(
                Aspect::Body,
                body.clone().unwrap_or_else(|| "none".to_owned()),
                body.unwrap_or_default(),
            );
        }
    }
    let (text, api) = match &op.return_type {
        None => ("none".to_owned(), String::new()),
        Some(r) => {
            // What the request yields: the value type, a page of them, or a value wrapper
            // (see the emitter's `response_type`); nullability does not show.
            let value = plan.value_type(r.ty.target, &root);
            let structured = matches!(r.ty.target, Target::Named(t)
                if matches!(model.ty(t).kind, TypeKind::Entity(_) | TypeKind::Complex(_)));
            let api = match (r.ty.collection, structured) {
                (true, _) => format!("Collection<{value}>"),
                (false, true) => value,
                (false, false) => format!("ValueResponse<{value}>"),
            };
            (typed_text(model, r.ty, r.nullable), api)
        }
    };
    entry.api(Aspect::Return, text, api);
}

/// The fields of an action's body struct.
fn action_parameters(plan: &Plan, op: &OperationDef, op_name: &str, surface: &mut Surface) {
    let model = plan.model;
    let mut scope = Scope::snake();
    scope.reserve([crate::emit::plan::ADDITIONAL_FIELD]);
    for p in &op.parameters {
        scope.want(&p.name, &snake_name(&p.name));
    }
    let names = scope.resolve();
    for p in &op.parameters {
        let mut entry = Entry::new(ElementKind::Parameter, &p.pos);
        entry.shown(
            Aspect::RustName,
            names.get(&p.name).cloned().unwrap_or_default(),
        );
        // As the body struct declares it: a nullable collection is still `Option<Vec<T>>`.
        let nullable = p.nullable && !p.ty.collection;
        entry.api(
            Aspect::Type,
            typed_text(model, p.ty, p.nullable),
            plan.field_type(p.ty, nullable, false, &root()),
        );
        entry.docs(&p.docs);
        surface.insert(format!("{op_name}/{}", p.name), entry);
    }
}

/// The builder method names of each selected operation: on its binding type's builders, or
/// on the roots of the containers that import it (`import: method` then).
fn method_names(plan: &Plan) -> BTreeMap<OperationId, Vec<String>> {
    let model = plan.model;
    let mut bound: BTreeMap<(OperationKind, String, String, bool), Vec<OperationId>> =
        BTreeMap::new();
    for &id in &plan.selection.operations {
        let op = model.operation(id);
        if let Some(b) = &op.binding {
            bound
                .entry((
                    op.kind,
                    op.qualified_name(),
                    model.ty(b.ty).qualified_name(),
                    b.collection,
                ))
                .or_default()
                .push(id);
        }
    }
    let mut names: BTreeMap<OperationId, Vec<String>> = BTreeMap::new();
    for ops in bound.into_values() {
        let base = snake_name(&model.operation(ops[0]).name);
        for (id, method) in overload_names(plan, ops, &base) {
            names.entry(id).or_default().push(method);
        }
    }
    for container in &model.containers {
        for import in &container.operation_imports {
            let ops: Vec<OperationId> = import
                .operations
                .iter()
                .copied()
                .filter(|o| plan.selection.operations.contains(o))
                .collect();
            for (id, method) in overload_names(plan, ops, &snake_name(&import.name)) {
                names
                    .entry(id)
                    .or_default()
                    .push(format!("{}: {method}", import.name));
            }
        }
    }
    for list in names.values_mut() {
        list.sort();
    }
    names
}

fn containers(plan: &Plan, surface: &mut Surface) {
    let model = plan.model;
    let several = model.containers.len() > 1;
    for container in &model.containers {
        let name = format!("{}.{}", container.namespace, container.name);
        let mut entry = Entry::new(ElementKind::Container, &container.pos);
        entry.shown(
            Aspect::RustName,
            format!("paths::{}", root_name(container, several)),
        );
        entry.docs(&container.docs);
        surface.insert(name.clone(), entry);
        let sets = container.entity_sets.iter().map(|s| {
            (
                ElementKind::EntitySet,
                s.name.as_str(),
                &s.pos,
                s.entity_type,
                &s.docs,
            )
        });
        let singletons = container.singletons.iter().map(|s| {
            (
                ElementKind::Singleton,
                s.name.as_str(),
                &s.pos,
                s.entity_type,
                &s.docs,
            )
        });
        for (kind, child, pos, ty, docs) in sets.chain(singletons) {
            // Only what the root has a method for: a set of a type outside the slice, or one
            // an `--exclude` path drops, has none.
            let Some(rust) = plan.type_names.get(&ty) else {
                continue;
            };
            if plan.selection.excluded_roots.contains(child) {
                continue;
            }
            let mut entry = Entry::new(kind, pos);
            entry.shown(Aspect::RustName, snake_name(child));
            entry.api(
                Aspect::Type,
                model.ty(ty).qualified_name(),
                plan.path_to(ty, rust, &root()),
            );
            entry.docs(docs);
            surface.insert(format!("{name}/{child}"), entry);
        }
        for import in &container.operation_imports {
            let selected = import
                .operations
                .iter()
                .any(|o| plan.selection.operations.contains(o));
            if !selected || plan.selection.excluded_roots.contains(&import.name) {
                continue;
            }
            let mut entry = Entry::new(ElementKind::Import, &import.pos);
            let kind = match import.kind {
                OperationKind::Action => "action import",
                OperationKind::Function => "function import",
            };
            entry.shown(Aspect::Kind, kind);
            entry.docs(&import.docs);
            surface.insert(format!("{name}/{}", import.name), entry);
        }
    }
}
