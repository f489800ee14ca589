//! Reference crates for compile time: the same types as the generated crate, written the
//! simplest way. Every entity and complex type becomes a struct of `Option<…>` fields (inherited
//! and navigation properties included, structured values boxed, no polymorphism), every enum a
//! plain enum. Nothing else: no path builders, no runtime. For a slice, only the slice's types,
//! and only the navigation properties whose target is among them (as the generated crate does).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use odata_codegen::emit::naming::{ident_text, snake_name, type_name, Scope};
use odata_codegen::model::{Model, Primitive, Target, TypeId, TypeKind, TypeRef};

/// How much each type carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Bare declarations, no derives at all: the floor.
    Bare,
    /// `Debug, Clone, Default, PartialEq`, as the generated types derive, and no serde.
    StdDerives,
    /// Those and `#[derive(Serialize, Deserialize)]` with `#[serde(rename)]`: the naive way.
    SerdeDerive,
}

impl Flavor {
    pub fn label(self) -> &'static str {
        match self {
            Flavor::Bare => "plain structs, no derives (floor)",
            Flavor::StdDerives => "plain structs + std derives, no serde",
            Flavor::SerdeDerive => "plain structs + serde derive (naive)",
        }
    }

    pub fn suffix(self) -> &'static str {
        match self {
            Flavor::Bare => "floor",
            Flavor::StdDerives => "std",
            Flavor::SerdeDerive => "serde",
        }
    }
}

/// `Cargo.toml` and `src/lib.rs` of the reference crate: of every type of the model, or of the
/// types of a slice (`only`).
pub fn crate_files(
    model: &Model,
    only: Option<&BTreeSet<TypeId>>,
    name: &str,
    flavor: Flavor,
) -> Vec<(String, String)> {
    let dependencies = if flavor == Flavor::SerdeDerive {
        "serde = { version = \"1\", features = [\"derive\"] }\n"
    } else {
        ""
    };
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{dependencies}"
    );
    vec![
        ("Cargo.toml".to_owned(), manifest),
        ("src/lib.rs".to_owned(), lib_rs(model, only, flavor)),
    ]
}

/// Rust names of every module and type, collision-free per scope.
struct Names {
    /// Namespace → module name.
    modules: std::collections::BTreeMap<String, String>,
    /// Indexed like `model.types`.
    types: Vec<String>,
}

fn names(model: &Model) -> Names {
    let mut module_scope = Scope::snake();
    for ns in &model.namespaces {
        module_scope.want(&ns.name, &snake_name(&ns.name.replace('.', "_")));
    }
    let modules = module_scope.resolve();
    let mut scopes: std::collections::BTreeMap<&str, Scope> = Default::default();
    for ty in &model.types {
        scopes
            .entry(ty.namespace.as_str())
            .or_default()
            .want(&ty.name, &type_name(&ty.name));
    }
    let resolved: std::collections::BTreeMap<&str, _> = scopes
        .into_iter()
        .map(|(ns, s)| (ns, s.resolve()))
        .collect();
    let types = model
        .types
        .iter()
        .map(|t| resolved[t.namespace.as_str()][&t.name].clone())
        .collect();
    Names { modules, types }
}

fn lib_rs(model: &Model, only: Option<&BTreeSet<TypeId>>, flavor: Flavor) -> String {
    let names = names(model);
    let kept = |id: TypeId| only.is_none_or(|types| types.contains(&id));
    let mut out = String::from(
        "// Written by odata-codegen-bench: a compile-time reference, not for use.\n#![allow(dead_code, non_camel_case_types, clippy::all)]\n",
    );
    for ns in &model.namespaces {
        let module = &names.modules[&ns.name];
        let _ = writeln!(out, "\npub mod {} {{", ident_text(module));
        for id in model.type_ids() {
            let ty = model.ty(id);
            if ty.namespace != ns.name || !kept(id) {
                continue;
            }
            match &ty.kind {
                TypeKind::Entity(_) | TypeKind::Complex(_) => {
                    write_struct(&mut out, model, &names, id, &kept, flavor)
                }
                TypeKind::Enum(e) => {
                    let derives = match flavor {
                        Flavor::Bare => "",
                        Flavor::StdDerives => "#[derive(Debug, Clone, PartialEq)]\n",
                        Flavor::SerdeDerive => {
                            "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n"
                        }
                    };
                    let _ = writeln!(out, "{derives}pub enum {} {{", names.types[id.0 as usize]);
                    let mut scope = Scope::new();
                    for m in &e.members {
                        scope.want(&m.name, &type_name(&m.name));
                    }
                    let variants = scope.resolve();
                    for m in &e.members {
                        if flavor == Flavor::SerdeDerive {
                            let _ = writeln!(out, "#[serde(rename = {:?})]", m.name);
                        }
                        let _ = writeln!(out, "{},", ident_text(&variants[&m.name]));
                    }
                    out.push_str("}\n");
                }
                TypeKind::Definition(_) => {}
            }
        }
        out.push_str("}\n");
    }
    out
}

fn write_struct(
    out: &mut String,
    model: &Model,
    names: &Names,
    id: TypeId,
    kept: &dyn Fn(TypeId) -> bool,
    flavor: Flavor,
) {
    let derives = match flavor {
        Flavor::Bare => "",
        Flavor::StdDerives => "#[derive(Debug, Clone, Default, PartialEq)]\n",
        Flavor::SerdeDerive => {
            "#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]\n"
        }
    };
    let _ = writeln!(out, "{derives}pub struct {} {{", names.types[id.0 as usize]);
    // A slice is closed over property types; the filter only guards against a type left out.
    let mut members: Vec<(String, String)> = model
        .all_properties(id)
        .into_iter()
        .filter(|p| match p.ty.target {
            Target::Named(target) => kept(target),
            Target::Primitive(_) => true,
        })
        .map(|p| (p.name.clone(), value_type(model, names, p.ty)))
        .collect();
    let navigation = model.all_navigation(id).into_iter();
    members.extend(navigation.filter(|n| kept(n.target)).map(|n| {
        let path = type_path(model, names, n.target);
        let ty = if n.collection {
            format!("Vec<{path}>")
        } else {
            format!("Box<{path}>")
        };
        (n.name.clone(), ty)
    }));
    let mut scope = Scope::snake();
    for (name, _) in &members {
        scope.want(name, &snake_name(name));
    }
    let fields = scope.resolve();
    for (name, ty) in &members {
        if flavor == Flavor::SerdeDerive {
            let _ = writeln!(
                out,
                "#[serde(rename = {name:?}, default, skip_serializing_if = \"Option::is_none\")]"
            );
        }
        let _ = writeln!(out, "pub {}: Option<{ty}>,", ident_text(&fields[name]));
    }
    out.push_str("}\n");
}

fn type_path(model: &Model, names: &Names, id: TypeId) -> String {
    let ty = model.ty(id);
    format!(
        "crate::{}::{}",
        ident_text(&names.modules[&ty.namespace]),
        names.types[id.0 as usize]
    )
}

fn value_type(model: &Model, names: &Names, ty: TypeRef) -> String {
    let single = match ty.target {
        Target::Primitive(p) => primitive(p).to_owned(),
        Target::Named(id) => match &model.ty(id).kind {
            TypeKind::Entity(_) | TypeKind::Complex(_) if ty.collection => {
                type_path(model, names, id)
            }
            TypeKind::Entity(_) | TypeKind::Complex(_) => {
                format!("Box<{}>", type_path(model, names, id))
            }
            TypeKind::Enum(_) => type_path(model, names, id),
            TypeKind::Definition(d) => primitive(d.underlying).to_owned(),
        },
    };
    if ty.collection {
        format!("Vec<{single}>")
    } else {
        single
    }
}

/// Text-like values (dates, GUIDs, durations, binary, untyped JSON) stay `String`: the floor
/// has no dependencies.
fn primitive(p: Primitive) -> &'static str {
    match p {
        Primitive::Boolean => "bool",
        Primitive::Byte => "u8",
        Primitive::SByte => "i8",
        Primitive::Int16 => "i16",
        Primitive::Int32 => "i32",
        Primitive::Int64 => "i64",
        Primitive::Single => "f32",
        Primitive::Double => "f64",
        _ => "String",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice_lib(flavor: Flavor) -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../metadata/assignments.csdl.xml"
        );
        let loaded = odata_codegen::Config::new()
            .input(path)
            .load()
            .expect("the committed metadata loads");
        let files = crate_files(&loaded.model, None, "slice-floor", flavor);
        files
            .into_iter()
            .find(|(p, _)| p == "src/lib.rs")
            .unwrap()
            .1
    }

    #[test]
    fn structs_carry_inherited_fields_and_box_structured_values() {
        let lib = slice_lib(Flavor::Bare);
        let start = lib
            .find("pub struct DeviceConfigurationAssignment {")
            .expect("the struct");
        let body = &lib[start..start + lib[start..].find('}').unwrap()];
        assert!(body.contains("pub id: Option<String>,"), "{body}");
        assert!(
            body.contains("pub target: Option<Box<crate::microsoft_graph::DeviceAndAppManagementAssignmentTarget>>,"),
            "{body}"
        );
        assert!(!lib.contains("derive"), "the floor derives nothing");
    }

    #[test]
    fn a_slice_declares_every_type_it_names() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../metadata/assignments.csdl.xml"
        );
        let mut config = odata_codegen::Config::new();
        config
            .input(path)
            .include("/deviceManagement/deviceConfigurations");
        let loaded = config.load().expect("the committed metadata loads");
        let slice = config.slice(&loaded).expect("the pattern matches");
        assert!(slice.types.len() < loaded.model.types.len());
        let files = crate_files(
            &loaded.model,
            Some(&slice.types),
            "slice-std",
            Flavor::StdDerives,
        );
        let lib = &files[1].1;
        assert!(lib.contains("pub struct DeviceConfiguration {"), "{lib}");
        let declared: BTreeSet<&str> = lib
            .lines()
            .filter_map(|l| {
                let rest = l
                    .strip_prefix("pub struct ")
                    .or(l.strip_prefix("pub enum "))?;
                rest.split_whitespace().next()
            })
            .collect();
        for used in lib.split("crate::").skip(1) {
            let name = used
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .and_then(|path| path.rsplit("::").next())
                .unwrap();
            assert!(declared.contains(name), "`{name}` is used, not declared");
        }
    }

    #[test]
    fn the_serde_flavor_keeps_wire_names() {
        let lib = slice_lib(Flavor::SerdeDerive);
        assert!(lib.contains(
            "#[serde(rename = \"sourceId\", default, skip_serializing_if = \"Option::is_none\")]"
        ));
        assert!(lib.contains("serde::Deserialize"));
    }
}
