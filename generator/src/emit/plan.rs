//! Everything the emitter decides before writing a token: which module each namespace becomes,
//! the Rust name of every type, field, variant and parameter struct, and which fields must be
//! boxed to break recursion. Emission then only reads this plan.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Model, OperationDef, OperationId, OperationKind, Primitive, StructuredType, Target, TypeId,
    TypeKind, TypeRef,
};

use super::naming::{self, snake_name, type_name, Scope, RESERVED_TYPE_NAMES};

/// The fields every generated struct has besides its properties. The runtime's
/// `structured_serde!` macro names them too (its `Envelope` impl), so they must not change alone.
pub const ODATA_TYPE_FIELD: &str = "odata_type";
pub const ADDITIONAL_FIELD: &str = "additional_properties";

/// Methods of the runtime's generic `EntityRef`/`CollectionRef` impls: generated builder
/// methods must not take these names.
pub const RUNTIME_METHODS: &[&str] = &[
    "get",
    "update",
    "replace",
    "delete",
    "cast",
    "by_id",
    "list",
    "create",
    "count",
    "path",
    "new",
    "reference",
    "references",
    "property",
];

/// The generated method of a media entity's stream (`…/$value`). It is a `MethodSet` key of
/// its own name, so it keeps the name against a navigation or stream property that wants it.
pub const MEDIA_METHOD: &str = "media";

/// What gets generated: a subset of the model's types and operations.
#[derive(Debug, Clone)]
pub struct Selection {
    pub types: BTreeSet<TypeId>,
    pub operations: BTreeSet<OperationId>,
    /// Types replaced by the user's Rust types (`--map-type`): the Rust path, validated, as
    /// source text. Never in `types`.
    pub mapped: BTreeMap<TypeId, String>,
    /// Entity sets, singletons and operation imports whose URLs an `--exclude` path prefix
    /// drops: no root method, no area.
    pub excluded_roots: BTreeSet<String>,
}

impl Selection {
    /// Every type and operation of the model.
    pub fn everything(model: &Model) -> Selection {
        Selection {
            types: model.type_ids().collect(),
            operations: model.operation_ids().collect(),
            mapped: BTreeMap::new(),
            excluded_roots: BTreeSet::new(),
        }
    }
}

/// A Rust module holding the types of one CSDL namespace.
#[derive(Debug, Clone)]
pub struct Module {
    /// Path below the crate root, e.g. `["models", "security"]`.
    pub path: Vec<String>,
}

impl Module {
    /// The module's path relative to the crate root, e.g. `models::security`.
    pub fn rust_path(&self) -> String {
        self.path.join("::")
    }
}

/// The relative path prefix (`super::…::child::`) from module `from` to module `to`.
pub fn relative_prefix(from: &[String], to: &[String]) -> String {
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let mut prefix = "super::".repeat(from.len() - common);
    for segment in &to[common..] {
        prefix.push_str(segment);
        prefix.push_str("::");
    }
    prefix
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub boxed: bool,
}

pub struct Plan<'m> {
    pub model: &'m Model,
    pub selection: Selection,
    /// Namespace → module.
    pub modules: BTreeMap<String, Module>,
    /// Rust name of each selected type.
    pub type_names: BTreeMap<TypeId, String>,
    /// Rust name of the `Any…` enum of each selected type that has selected derived types.
    pub any_names: BTreeMap<TypeId, String>,
    /// Variants of each `Any…` enum: the type itself first, then every derived type.
    pub variants: BTreeMap<TypeId, Vec<(TypeId, String)>>,
    /// Fields of each structured type: properties then navigation properties, inherited first.
    pub fields: BTreeMap<TypeId, Vec<Field>>,
    /// Catch-all variant name of each enum type.
    pub other_variant: BTreeMap<TypeId, String>,
    /// Member variant names of each enum type, in member order.
    pub member_names: BTreeMap<TypeId, Vec<String>>,
    /// Parameter struct of each selected action that has parameters.
    pub parameter_structs: BTreeMap<OperationId, String>,
    /// Composite key struct of each entity type with a key of several parts.
    pub key_structs: BTreeMap<TypeId, String>,
    /// The crate's per-area features, which gate its items; `None` leaves every item on (the
    /// single-file output of build scripts, a service without roots).
    pub features: Option<super::features::Features>,
}

/// The naming key of an action's parameter struct. Where overloads on one binding want one
/// name (CSDL forbids it, real documents do it), they take it in the order their methods are
/// named in (`paths::overload_names`: fewer parameters first, then by parameter names, then
/// the place in the documents), whatever the order of the input files.
fn params_key(op: &OperationDef) -> String {
    let names: Vec<&str> = op.parameters.iter().map(|p| p.name.as_str()).collect();
    format!(
        "params {} {:06} {} {}:{:010}:{:010}",
        op.qualified_name(),
        op.parameters.len(),
        names.join(","),
        op.pos.file,
        op.pos.line,
        op.pos.column
    )
}

impl<'m> Plan<'m> {
    pub fn new(model: &'m Model, selection: Selection) -> Plan<'m> {
        let mut plan = Plan {
            model,
            modules: modules(model, &selection),
            selection,
            type_names: BTreeMap::new(),
            any_names: BTreeMap::new(),
            variants: BTreeMap::new(),
            fields: BTreeMap::new(),
            other_variant: BTreeMap::new(),
            member_names: BTreeMap::new(),
            parameter_structs: BTreeMap::new(),
            key_structs: BTreeMap::new(),
            features: None,
        };
        plan.name_module_items();
        plan.name_variants();
        plan.name_fields();
        plan.name_enum_members();
        plan
    }

    /// Gates the crate's items by per-area features (see [`super::features`]).
    pub fn with_features(mut self) -> Self {
        self.features = super::features::Features::new(&self);
        self
    }

    /// `#[cfg(…)]` of the items of type `id` (nothing without features, or when always on).
    pub fn type_cfg(&self, id: TypeId) -> proc_macro2::TokenStream {
        self.cfg(|f| Some(f.type_gate(id)))
    }

    /// `#[cfg(…)]` for a part of an item of type `outer` that names type `inner` (a navigation
    /// field, a variant, a builder method): nothing when whatever turns on `outer` turns on
    /// `inner` too.
    pub fn inner_type_cfg(&self, outer: TypeId, inner: TypeId) -> proc_macro2::TokenStream {
        self.cfg(|f| (!f.type_implies(outer, inner)).then(|| f.type_gate(inner)))
    }

    /// [`Plan::inner_type_cfg`] for an operation.
    pub fn inner_operation_cfg(
        &self,
        outer: TypeId,
        inner: OperationId,
    ) -> proc_macro2::TokenStream {
        self.cfg(|f| (!f.operation_implied(outer, inner)).then(|| f.operation_gate(inner)))
    }

    /// `#[cfg(…)]` of the items of operation `id`.
    pub fn operation_cfg(&self, id: OperationId) -> proc_macro2::TokenStream {
        self.cfg(|f| Some(f.operation_gate(id)))
    }

    /// `#[cfg(…)]` of the root method of entity set or singleton `root`.
    pub fn root_cfg(&self, root: &str) -> proc_macro2::TokenStream {
        self.cfg(|f| Some(f.root_gate(root)))
    }

    /// The attribute of the gate `gate` picks (none: no attribute), or nothing without features.
    fn cfg(
        &self,
        gate: impl FnOnce(&super::features::Features) -> Option<super::features::Gate>,
    ) -> proc_macro2::TokenStream {
        self.features
            .as_ref()
            .and_then(|f| gate(f).map(|g| f.attribute(g)))
            .unwrap_or_default()
    }

    pub fn is_selected(&self, id: TypeId) -> bool {
        self.selection.types.contains(&id)
    }

    /// Selected types derived from `id`, directly or not.
    pub fn selected_derived(&self, id: TypeId) -> Vec<TypeId> {
        self.model
            .all_derived(id)
            .into_iter()
            .filter(|d| self.is_selected(*d))
            .collect()
    }

    pub fn module_of(&self, id: TypeId) -> &Module {
        &self.modules[&self.model.ty(id).namespace]
    }

    /// Every type, `Any` enum, parameter struct and key struct of one namespace gets a unique
    /// name in that namespace's module.
    fn name_module_items(&mut self) {
        let model = self.model;
        let mut scopes: BTreeMap<&str, Scope> = BTreeMap::new();
        // Keys distinguish the kinds of item, so that e.g. a type `anyFoo` and the `Any` enum of
        // `foo` are told apart but still compete for the same Rust name.
        let mut wants: Vec<(&str, String, String)> = Vec::new();
        for &id in &self.selection.types {
            let ty = model.ty(id);
            wants.push((
                &ty.namespace,
                format!("type {}", ty.name),
                type_name(&ty.name),
            ));
            if ty.structured().is_some() && !self.selected_derived(id).is_empty() {
                wants.push((
                    &ty.namespace,
                    format!("any {}", ty.name),
                    format!("Any{}", type_name(&ty.name)),
                ));
            }
            if ty.is_entity() && model.key(id).is_some_and(|k| k.len() > 1) {
                wants.push((
                    &ty.namespace,
                    format!("key {}", ty.name),
                    format!("{}Key", type_name(&ty.name)),
                ));
            }
        }
        for &op_id in &self.selection.operations {
            let op = model.operation(op_id);
            if op.kind != OperationKind::Action || op.parameters.is_empty() {
                continue;
            }
            let prefix = op
                .binding
                .as_ref()
                .map(|b| type_name(&model.ty(b.ty).name))
                .unwrap_or_default();
            let collection = if op.binding.as_ref().is_some_and(|b| b.collection) {
                "Collection"
            } else {
                ""
            };
            wants.push((
                &op.namespace,
                params_key(op),
                format!("{prefix}{collection}{}Parameters", type_name(&op.name)),
            ));
        }
        for (namespace, key, wanted) in &wants {
            scopes
                .entry(namespace)
                .or_insert_with(|| {
                    let mut scope = Scope::new();
                    scope.reserve(RESERVED_TYPE_NAMES.iter().copied());
                    scope
                })
                .want(key, wanted);
        }
        let mut resolved: BTreeMap<(&str, String), String> = BTreeMap::new();
        for (namespace, scope) in scopes {
            for (key, name) in scope.resolve() {
                resolved.insert((namespace, key), name);
            }
        }
        for &id in &self.selection.types {
            let ty = model.ty(id);
            let get = |key: String| resolved.get(&(ty.namespace.as_str(), key)).cloned();
            if let Some(name) = get(format!("type {}", ty.name)) {
                self.type_names.insert(id, name);
            }
            if let Some(name) = get(format!("any {}", ty.name)) {
                self.any_names.insert(id, name);
            }
            if let Some(name) = get(format!("key {}", ty.name)) {
                self.key_structs.insert(id, name);
            }
        }
        for &op_id in &self.selection.operations {
            let op = model.operation(op_id);
            if let Some(name) = resolved.get(&(op.namespace.as_str(), params_key(op))) {
                self.parameter_structs.insert(op_id, name.clone());
            }
        }
    }

    /// Variant names are unique within each `Any` enum; derived types from other namespaces
    /// that share a name are told apart by their namespace.
    fn name_variants(&mut self) {
        for (&base, _) in self.any_names.clone().iter() {
            let mut members = vec![base];
            members.extend(self.selected_derived(base));
            let mut scope = Scope::new();
            scope.reserve(RESERVED_TYPE_NAMES.iter().copied());
            for &m in &members {
                let ty = self.model.ty(m);
                scope.want(&ty.qualified_name(), &self.type_names[&m]);
            }
            let names = scope.resolve();
            let variants = members
                .into_iter()
                .map(|m| (m, names[&self.model.ty(m).qualified_name()].clone()))
                .collect();
            self.variants.insert(base, variants);
        }
    }

    fn name_fields(&mut self) {
        let model = self.model;
        let structured: Vec<TypeId> = self
            .selection
            .types
            .iter()
            .copied()
            .filter(|&id| model.structured(id).is_some())
            .collect();
        let boxed = recursive_edges(self, &structured);
        for id in structured {
            let mut scope = Scope::snake();
            scope.reserve([ODATA_TYPE_FIELD, ADDITIONAL_FIELD]);
            let members = self.member_names(id);
            for name in &members {
                scope.want(name, &snake_name(name));
            }
            let names = scope.resolve();
            let fields = members
                .iter()
                .enumerate()
                .map(|(i, m)| Field {
                    name: names[m].clone(),
                    boxed: boxed.contains(&(id, i)),
                })
                .collect();
            self.fields.insert(id, fields);
        }
    }

    /// CSDL names of a structured type's fields, in field order.
    pub fn member_names(&self, id: TypeId) -> Vec<String> {
        let properties = self
            .model
            .all_properties(id)
            .into_iter()
            .map(|p| p.name.clone());
        let navigation = self
            .model
            .all_navigation(id)
            .into_iter()
            .filter(|n| self.is_selected(n.target))
            .map(|n| n.name.clone());
        properties.chain(navigation).collect()
    }

    fn name_enum_members(&mut self) {
        for &id in &self.selection.types {
            let TypeKind::Enum(e) = &self.model.ty(id).kind else {
                continue;
            };
            let mut scope = Scope::new();
            for m in &e.members {
                scope.want(&format!("member {}", m.name), &type_name(&m.name));
            }
            let wanted_other = ["Other", "UnknownMember", "UnrecognizedMember"]
                .into_iter()
                .find(|candidate| !e.members.iter().any(|m| type_name(&m.name) == *candidate))
                .unwrap_or("Other");
            scope.want("other", wanted_other);
            let names = scope.resolve();
            self.member_names.insert(
                id,
                e.members
                    .iter()
                    .map(|m| names[&format!("member {}", m.name)].clone())
                    .collect(),
            );
            self.other_variant.insert(id, names["other"].clone());
        }
    }

    /// The Rust type a value of `ty` has at this plan's level of detail, as source text.
    /// `from` is the module the type is used in (for short paths).
    pub fn value_type(&self, target: Target, from: &Module) -> String {
        match target {
            Target::Primitive(p) => primitive_type(p).to_owned(),
            Target::Named(id) => self.named_value_type(id, from),
        }
    }

    /// The selected type that values of `id` are read as: `id` itself, or, when a slice left
    /// it out, its nearest selected base type (whose `Any…` enum or struct keeps the value's
    /// `@odata.type` and every property it does not declare).
    pub fn effective_type(&self, id: TypeId) -> Option<TypeId> {
        self.model
            .ancestors_and_self(id)
            .into_iter()
            .find(|t| self.is_selected(*t))
    }

    fn named_value_type(&self, id: TypeId, from: &Module) -> String {
        let model = self.model;
        if let Some(path) = self.selection.mapped.get(&id) {
            return path.clone();
        }
        let Some(id) = self.effective_type(id) else {
            // Left out of a slice with no selected base: enums keep their member name, anything
            // else its JSON, so no value is lost.
            return match &model.ty(id).kind {
                TypeKind::Definition(d) => primitive_type(d.underlying).to_owned(),
                TypeKind::Enum(_) => "String".to_owned(),
                TypeKind::Entity(_) | TypeKind::Complex(_) => "serde_json::Value".to_owned(),
            };
        };
        match &model.ty(id).kind {
            TypeKind::Definition(d) => primitive_type(d.underlying).to_owned(),
            TypeKind::Enum(e) => {
                let name = self.path_to(id, &self.type_names[&id], from);
                if e.is_flags {
                    format!("runtime::Flags<{name}>")
                } else {
                    name
                }
            }
            TypeKind::Complex(s) if is_untyped_shell(model, id, s) => {
                "serde_json::Value".to_owned()
            }
            TypeKind::Entity(_) | TypeKind::Complex(_) => match self.any_names.get(&id) {
                Some(any) => self.path_to(id, any, from),
                None => self.path_to(id, &self.type_names[&id], from),
            },
        }
    }

    /// The path to an item named `name` in the module of type `id`, as seen from `from`:
    /// relative (`Name`, `security::Name`, `super::Name`), so that the generated modules can
    /// live anywhere (a crate of their own, or a module `include!`d by a build script).
    pub fn path_to(&self, id: TypeId, name: &str, from: &Module) -> String {
        let prefix = relative_prefix(&from.path, &self.module_of(id).path);
        // The paths module imports `super::models` as `models`.
        let prefix = match from.path.first().map(String::as_str) {
            Some("paths") => prefix.strip_prefix("super::").unwrap_or(&prefix).to_owned(),
            _ => prefix,
        };
        format!("{prefix}{name}")
    }

    /// Whether a field of type `ty`, marked `boxed` to break a cycle, holds its value in a `Box`
    /// (a collection breaks the cycle by itself).
    pub fn boxes_value(ty: TypeRef, boxed: bool) -> bool {
        boxed && !ty.collection
    }

    /// The field type of a property or navigation property: `Option<T>` when it may only be
    /// absent, `runtime::Nullable<T>` when it may also be `null`, `Option<Vec<T>>` for
    /// collections.
    pub fn field_type(&self, ty: TypeRef, nullable: bool, boxed: bool, from: &Module) -> String {
        let value = self.value_type(ty.target, from);
        if ty.collection {
            let item = if nullable {
                format!("Option<{value}>")
            } else {
                value
            };
            format!("Option<Vec<{item}>>")
        } else {
            let value = if Self::boxes_value(ty, boxed) {
                format!("Box<{value}>")
            } else {
                value
            };
            if nullable {
                format!("runtime::Nullable<{value}>")
            } else {
                format!("Option<{value}>")
            }
        }
    }
}

/// A complex type that declares nothing (no property, navigation property, base type or derived
/// type), like Microsoft Graph's `microsoft.graph.Json`: services send any JSON as its values
/// (arrays, strings), which a struct could not hold, while anything a struct of it would hold
/// is JSON too. Values of it are `serde_json::Value`, kept as sent; the struct is still
/// generated.
fn is_untyped_shell(model: &Model, id: TypeId, s: &StructuredType) -> bool {
    s.base.is_none()
        && s.properties.is_empty()
        && s.navigation.is_empty()
        && model.derived[id.0 as usize].is_empty()
}

/// The Rust type of an Edm primitive.
pub fn primitive_type(p: Primitive) -> &'static str {
    match p {
        Primitive::Binary => "runtime::Binary",
        Primitive::Boolean => "bool",
        Primitive::Byte => "u8",
        Primitive::Date => "runtime::Date",
        Primitive::DateTimeOffset => "runtime::DateTimeOffset",
        Primitive::Decimal => "runtime::Decimal",
        Primitive::Double => "runtime::Double",
        Primitive::Duration => "runtime::Duration",
        Primitive::Guid => "runtime::Guid",
        Primitive::Int16 => "i16",
        Primitive::Int32 => "i32",
        Primitive::Int64 => "runtime::Int64",
        Primitive::SByte => "i8",
        Primitive::Single => "runtime::Single",
        Primitive::String => "String",
        Primitive::TimeOfDay => "runtime::TimeOfDay",
        Primitive::Stream | Primitive::Spatial | Primitive::Untyped => "serde_json::Value",
    }
}

/// Namespaces become modules under `models`. When one namespace is a prefix of all others
/// (as `microsoft.graph` is in Graph), it is `models` itself and the others are its children
/// named by the rest (`microsoft.graph.security` → `models::security`); otherwise each
/// namespace is a child of `models` named after all of it.
fn modules(model: &Model, selection: &Selection) -> BTreeMap<String, Module> {
    let used: BTreeSet<&str> = model
        .namespaces
        .iter()
        .map(|n| n.name.as_str())
        .chain(
            selection
                .types
                .iter()
                .map(|&t| model.ty(t).namespace.as_str()),
        )
        .chain(
            selection
                .operations
                .iter()
                .map(|&o| model.operation(o).namespace.as_str()),
        )
        .collect();
    let root = used.iter().copied().find(|candidate| {
        used.iter()
            .all(|n| n == candidate || n.starts_with(&format!("{candidate}.")))
    });
    let mut scope = Scope::snake();
    scope.reserve(["runtime", "paths"]);
    for &namespace in &used {
        if Some(namespace) == root {
            continue;
        }
        let rest = match root {
            Some(r) => &namespace[r.len() + 1..],
            None => namespace,
        };
        scope.want(
            namespace,
            &naming::ident_text(&snake_name(&rest.replace('.', "_"))),
        );
    }
    let names = scope.resolve();
    used.into_iter()
        .map(|namespace| {
            let mut path = vec!["models".to_owned()];
            if let Some(child) = names.get(namespace) {
                path.push(child.clone());
            }
            (namespace.to_owned(), Module { path })
        })
        .collect()
}

/// Fields that hold a value of their own type (directly or through other structs) by value
/// must be boxed, or the type would have infinite size. `Any` enums box every variant and
/// `Vec` is a pointer already, so only single-valued fields of non-polymorphic structured types
/// count. Returns (type, field index) pairs.
fn recursive_edges(plan: &Plan, types: &[TypeId]) -> BTreeSet<(TypeId, usize)> {
    let mut edges: BTreeMap<TypeId, Vec<(usize, TypeId)>> = BTreeMap::new();
    for &id in types {
        let targets = by_value_targets(plan, id);
        edges.insert(id, targets);
    }
    let mut boxed = BTreeSet::new();
    for (&from, targets) in &edges {
        for &(index, to) in targets {
            if reaches(&edges, to, from) {
                boxed.insert((from, index));
            }
        }
    }
    boxed
}

/// (field index, type) of every single-valued field holding a non-polymorphic struct.
fn by_value_targets(plan: &Plan, id: TypeId) -> Vec<(usize, TypeId)> {
    let model = plan.model;
    let property_targets = model
        .all_properties(id)
        .into_iter()
        .map(|p| (p.ty.collection, p.ty.target));
    let navigation_targets = model
        .all_navigation(id)
        .into_iter()
        .filter(|n| plan.is_selected(n.target))
        .map(|n| (n.collection, Target::Named(n.target)));
    property_targets
        .chain(navigation_targets)
        .enumerate()
        .filter_map(|(i, (collection, target))| match target {
            Target::Named(t) if !collection && !plan.selection.mapped.contains_key(&t) => plan
                .effective_type(t)
                .filter(|t| model.structured(*t).is_some() && !plan.any_names.contains_key(t))
                .map(|t| (i, t)),
            _ => None,
        })
        .collect()
}

/// Whether `to` is reachable from `from` along by-value edges.
fn reaches(edges: &BTreeMap<TypeId, Vec<(usize, TypeId)>>, from: TypeId, to: TypeId) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(t) = stack.pop() {
        if t == to {
            return true;
        }
        if !seen.insert(t) {
            continue;
        }
        if let Some(next) = edges.get(&t) {
            stack.extend(next.iter().map(|(_, n)| *n));
        }
    }
    false
}
