//! Types, their fields (inherited ones included, as the generated structs flatten them) and
//! enum members.

use crate::emit::plan::primitive_type;
use crate::emit::Plan;
use crate::model::{Model, TypeId, TypeKind};

use super::{features, root, type_text, typed_text, yes_no, Aspect, ElementKind, Entry, Surface};

pub fn add(plan: &Plan, surface: &mut Surface) {
    let model = plan.model;
    for &id in &plan.selection.types {
        let ty = model.ty(id);
        let name = ty.qualified_name();
        let mut entry = Entry::new(ElementKind::Type, &ty.pos);
        match &ty.kind {
            TypeKind::Entity(_) | TypeKind::Complex(_) => {
                structured(plan, id, &mut entry);
                fields(plan, id, surface);
            }
            TypeKind::Enum(e) => {
                entry.shown(Aspect::Kind, "enum type");
                entry.shown(Aspect::RustName, rust_path(plan, id));
                entry.shown(Aspect::Flags, yes_no(e.is_flags));
                entry.internal(Aspect::Underlying, format!("Edm.{:?}", e.underlying));
                entry.shown(
                    Aspect::CatchAll,
                    plan.other_variant.get(&id).cloned().unwrap_or_default(),
                );
                members(plan, id, surface);
            }
            TypeKind::Definition(d) => {
                entry.shown(Aspect::Kind, "type definition");
                // A type definition is its underlying type in Rust: no item of its own.
                entry.api(
                    Aspect::Underlying,
                    format!("Edm.{:?}", d.underlying),
                    primitive_type(d.underlying),
                );
            }
        }
        entry.docs(&ty.docs);
        features::of_type(plan, id, &mut entry);
        surface.insert(name, entry);
    }
    // Mapped types are the user's: only that they are mapped, and to what, shows.
    for (&id, path) in &plan.selection.mapped {
        let ty = model.ty(id);
        let mut entry = Entry::new(ElementKind::Type, &ty.pos);
        entry.shown(Aspect::Kind, "mapped type");
        entry.shown(Aspect::RustName, path.clone());
        surface.insert(ty.qualified_name(), entry);
    }
}

/// `models::security::Alert`: the type's Rust path from the crate root.
fn rust_path(plan: &Plan, id: TypeId) -> String {
    plan.type_names
        .get(&id)
        .map(|name| plan.path_to(id, name, &root()))
        .unwrap_or_default()
}

fn structured(plan: &Plan, id: TypeId, entry: &mut Entry) {
    let model = plan.model;
    let ty = model.ty(id);
    let Some(s) = ty.structured() else { return };
    entry.shown(
        Aspect::Kind,
        if ty.is_entity() {
            "entity type"
        } else {
            "complex type"
        },
    );
    entry.shown(Aspect::RustName, rust_path(plan, id));
    let base = s.base.map(|b| model.ty(b).qualified_name());
    entry.shown(Aspect::Base, base.unwrap_or_else(|| "none".to_owned()));
    entry.internal(Aspect::Abstract, yes_no(s.is_abstract));
    entry.internal(Aspect::Open, yes_no(s.open_type));
    entry.internal(Aspect::Stream, yes_no(s.has_stream));
    let any = plan
        .any_names
        .get(&id)
        .map(|any| plan.path_to(id, any, &root()));
    entry.api(
        Aspect::AnyEnum,
        any.clone().unwrap_or_else(|| "none".to_owned()),
        any.unwrap_or_default(),
    );
    if ty.is_entity() {
        let (text, api) = key(plan, id);
        entry.api(Aspect::Key, text, api);
    }
}

/// The key of an entity type, declared or inherited (a base type that changes but keeps the
/// key changes nothing here), and what its URLs take: the key's Rust type, or none when the
/// key cannot be used in URLs.
fn key(plan: &Plan, id: TypeId) -> (String, String) {
    let model = plan.model;
    let Some(parts) = model.key(id) else {
        return ("none".to_owned(), "runtime::NoKey".to_owned());
    };
    let text: Vec<String> = parts
        .iter()
        .map(|p| format!("{}: {}", p.name, type_text(model, p.ty)))
        .collect();
    let text = text.join(", ");
    let unusable = model
        .ancestors_and_self(id)
        .iter()
        .any(|t| model.unusable_keys.contains(t));
    if unusable {
        return (
            format!("{text} (not usable in URLs)"),
            "runtime::NoKey".to_owned(),
        );
    }
    // A single key is its value's type (`by_id(String)`); a composite key a struct whose
    // fields are named after the parts.
    let api: Vec<String> = parts
        .iter()
        .map(|p| match parts.len() {
            1 => plan.value_type(p.ty.target, &root()),
            _ => format!("{}: {}", p.name, plan.value_type(p.ty.target, &root())),
        })
        .collect();
    let key_struct = plan.key_structs.get(&id).map(|name| format!(" as {name}"));
    (
        text,
        format!("{}{}", api.join(", "), key_struct.unwrap_or_default()),
    )
}

/// The fields of a structured type's struct, in the plan's order: properties, then navigation
/// properties whose target is generated.
fn fields(plan: &Plan, id: TypeId, surface: &mut Surface) {
    let model = plan.model;
    let owner = model.ty(id).qualified_name();
    if let Some(base) = model.base(id) {
        surface
            .bases
            .insert(owner.clone(), model.ty(base).qualified_name());
    }
    let Some(fields) = plan.fields.get(&id) else {
        return;
    };
    let properties = model.all_properties(id);
    let navigation = model
        .all_navigation(id)
        .into_iter()
        .filter(|n| plan.is_selected(n.target));
    let root = root();
    for (p, field) in properties.iter().zip(fields) {
        let mut entry = Entry::new(ElementKind::Property, &p.pos);
        entry.owner = Some(owner.clone());
        entry.shown(Aspect::RustName, field.name.clone());
        entry.api(
            Aspect::Type,
            typed_text(model, p.ty, p.nullable),
            plan.field_type(p.ty, p.nullable, field.boxed, &root),
        );
        entry.internal(
            Aspect::Default,
            p.default_value.clone().unwrap_or_else(|| "none".to_owned()),
        );
        entry.docs(model.member_docs(id, &p.name, &p.docs));
        surface.insert(format!("{owner}/{}", p.name), entry);
    }
    for (n, field) in navigation.zip(&fields[properties.len().min(fields.len())..]) {
        let mut entry = Entry::new(ElementKind::Navigation, &n.pos);
        entry.owner = Some(owner.clone());
        entry.shown(Aspect::RustName, field.name.clone());
        let ty = crate::model::TypeRef {
            collection: n.collection,
            target: crate::model::Target::Named(n.target),
        };
        entry.api(
            Aspect::Type,
            typed_text(model, ty, n.nullable),
            plan.field_type(ty, n.nullable, field.boxed, &root),
        );
        entry.internal(Aspect::Containment, yes_no(n.contains_target));
        entry.docs(model.member_docs(id, &n.name, &n.docs));
        surface.insert(format!("{owner}/{}", n.name), entry);
    }
}

fn members(plan: &Plan, id: TypeId, surface: &mut Surface) {
    let model: &Model = plan.model;
    let TypeKind::Enum(e) = &model.ty(id).kind else {
        return;
    };
    let owner = model.ty(id).qualified_name();
    let variants = plan.member_names.get(&id);
    for (i, member) in e.members.iter().enumerate() {
        let mut entry = Entry::new(ElementKind::Member, &member.pos);
        let variant = variants.and_then(|v| v.get(i)).cloned().unwrap_or_default();
        entry.shown(Aspect::RustName, variant);
        entry.internal(Aspect::Value, member.value.to_string());
        entry.docs(&member.docs);
        surface.insert(format!("{owner}/{}", member.name), entry);
    }
}
