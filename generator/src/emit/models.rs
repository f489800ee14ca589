//! Models: a struct per entity and complex type (every inherited property flattened in), an
//! `Any…` enum per type that has derived types, a Rust enum per enum type, parameter structs
//! for actions and key structs for composite keys.
//!
//! Per type, only data and small tables are emitted; all (de)serialization logic is generic code
//! in the runtime, instantiated downstream only for the types a program uses. That keeps the
//! generated crate fast to compile (see the README's "Design" section).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{KeyPart, Model, OperationDef, OperationId, Target, TypeId, TypeKind};

use super::docs;
use super::naming::ident_text;
use super::plan::{Module, Plan, ADDITIONAL_FIELD, ODATA_TYPE_FIELD};

/// Turns source text the plan produced (a path or type) into tokens.
pub fn tokens(text: &str) -> TokenStream {
    text.parse()
        .unwrap_or_else(|_| panic!("the plan produced invalid Rust: {text}"))
}

pub fn ident(text: &str) -> Ident {
    match text.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(text, Span::call_site()),
    }
}

/// One type's worth of items of a model module (the type and its impls), formatted on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Enum(TypeId),
    Struct(TypeId),
    Any(TypeId),
    Key(TypeId),
    Parameters(OperationId),
}

/// The items of one module (namespace), in a stable order: enums, structs, `Any` enums, key
/// structs, parameter structs, each sorted by Rust name.
pub fn module_pieces(plan: &Plan, namespace: &str) -> Vec<Item> {
    let model = plan.model;
    let mut items: Vec<(u8, &str, Item)> = Vec::new();
    for (&id, name) in &plan.type_names {
        let ty = model.ty(id);
        if ty.namespace != namespace {
            continue;
        }
        match &ty.kind {
            TypeKind::Enum(_) => items.push((0, name, Item::Enum(id))),
            TypeKind::Entity(_) | TypeKind::Complex(_) => items.push((1, name, Item::Struct(id))),
            TypeKind::Definition(_) => {}
        }
    }
    for (&id, name) in &plan.any_names {
        if model.ty(id).namespace == namespace {
            items.push((2, name, Item::Any(id)));
        }
    }
    for (&id, name) in &plan.key_structs {
        if model.ty(id).namespace == namespace {
            items.push((3, name, Item::Key(id)));
        }
    }
    for (&op, name) in &plan.parameter_structs {
        if model.operation(op).namespace == namespace {
            items.push((4, name, Item::Parameters(op)));
        }
    }
    items.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    items.into_iter().map(|(_, _, item)| item).collect()
}

/// The tokens of one item of the module of `namespace`.
pub fn item_tokens(plan: &Plan, namespace: &str, item: Item) -> TokenStream {
    let module = &plan.modules[namespace];
    match item {
        Item::Enum(id) => enum_type(plan, id),
        Item::Struct(id) => {
            let mut out = structured(plan, id, module);
            out.extend(super::query::property_constants(plan, id, module));
            out
        }
        Item::Any(id) => {
            let mut out = any_enum(plan, id, module);
            out.extend(super::query::queryable_any(plan, id));
            out
        }
        Item::Key(id) => key_struct(plan, id, module),
        Item::Parameters(op) => parameter_struct(plan, op, plan.model.operation(op), module),
    }
}

/// Rust paths the runtime already reads and writes (`Wire`, `ToLiteral`): a mapping to one of
/// these needs no impl, and another would conflict.
const RUNTIME_COVERED: &[&str] = &[
    "serde_json::Value",
    "::serde_json::Value",
    "serde_json::value::Value",
    "::serde_json::value::Value",
    "std::string::String",
    "::std::string::String",
];

/// The runtime's impls for the user's types that replace schema types (`--map-type`), one per
/// distinct path, in the models root.
pub fn mapped_impls(plan: &Plan) -> TokenStream {
    let paths: std::collections::BTreeSet<&str> = plan
        .selection
        .mapped
        .values()
        .map(String::as_str)
        .filter(|path| !RUNTIME_COVERED.contains(path))
        .collect();
    let paths = paths.into_iter().map(tokens);
    quote!(#(runtime::mapped_type!(#paths);)*)
}

/// Every item of one module as one token stream (for the single-file output).
pub fn module_items(plan: &Plan, namespace: &str) -> TokenStream {
    let items = module_pieces(plan, namespace)
        .into_iter()
        .map(|item| item_tokens(plan, namespace, item));
    quote!(#(#items)*)
}

/// One field of a generated struct.
struct FieldSpec {
    ident: Ident,
    wire_name: String,
    ty: TokenStream,
    attrs: TokenStream,
    /// `#[cfg(…)]` of a navigation property whose target type an area feature may leave out;
    /// its value is then kept among the additional properties.
    cfg: TokenStream,
    /// The value is boxed (`Option<Box<T>>`, `Nullable<Box<T>>`): the runtime's `Wire` rules
    /// do not cover `Box`, so the field is read and written with the `_boxed` helpers.
    boxed: bool,
}

fn structured(plan: &Plan, id: TypeId, module: &Module) -> TokenStream {
    let model = plan.model;
    let ty = model.ty(id);
    let name = ident(&plan.type_names[&id]);
    let fields = &plan.fields[&id];
    let properties = model.all_properties(id);
    let navigation = model
        .all_navigation(id)
        .into_iter()
        .filter(|n| plan.is_selected(n.target));
    let mut specs = Vec::with_capacity(fields.len());
    for (p, field) in properties.iter().zip(fields) {
        specs.push(FieldSpec {
            ident: ident(&ident_text(&field.name)),
            wire_name: p.name.clone(),
            ty: tokens(&plan.field_type(p.ty, p.nullable, field.boxed, module)),
            attrs: docs::attributes(model.member_docs(id, &p.name, &p.docs)),
            cfg: TokenStream::new(),
            boxed: Plan::boxes_value(p.ty, field.boxed),
        });
    }
    for (n, field) in navigation.zip(&fields[properties.len()..]) {
        let ty_ref = crate::model::TypeRef {
            collection: n.collection,
            target: Target::Named(n.target),
        };
        let nav_doc = docs::line(&format!(
            "Navigation property `{}` (present when expanded).",
            n.name
        ));
        let nav_docs = model.member_docs(id, &n.name, &n.docs);
        specs.push(FieldSpec {
            ident: ident(&ident_text(&field.name)),
            wire_name: n.name.clone(),
            ty: tokens(&plan.field_type(ty_ref, n.nullable, field.boxed, module)),
            attrs: if nav_docs.is_empty() {
                nav_doc
            } else {
                docs::attributes(nav_docs)
            },
            cfg: plan.inner_type_cfg(id, n.target),
            boxed: Plan::boxes_value(ty_ref, field.boxed),
        });
    }
    let type_docs = if ty.docs.description.is_none() {
        let kind = if ty.is_entity() {
            "Entity type"
        } else {
            "Complex type"
        };
        let line = docs::line(&format!("{kind} `{}`.", ty.qualified_name()));
        let rest = docs::attributes(&ty.docs);
        quote!(#line #rest)
    } else {
        docs::attributes(&ty.docs)
    };
    let mut out = struct_with_impls(&name, &ty.qualified_name(), type_docs, &specs, true);
    if ty.is_entity() {
        out.extend(resource_impl(plan, id, module));
    }
    out
}

/// The struct, its `Structured` impl and its serde impls.
fn struct_with_impls(
    name: &Ident,
    type_name: &str,
    type_docs: TokenStream,
    fields: &[FieldSpec],
    has_odata_type: bool,
) -> TokenStream {
    let odata_type_field = ident(ODATA_TYPE_FIELD);
    let additional_field = ident(ADDITIONAL_FIELD);
    let field_idents: Vec<&Ident> = fields.iter().map(|f| &f.ident).collect();
    let field_types = fields.iter().map(|f| &f.ty);
    let field_attrs = fields.iter().map(|f| &f.attrs);
    let field_cfgs: Vec<&TokenStream> = fields.iter().map(|f| &f.cfg).collect();
    // A field a feature can leave out: its value is then kept as JSON text, and writing may
    // touch no field.
    let gated = fields.iter().any(|f| !f.cfg.is_empty());
    let wire_names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
    let indexes = (0..fields.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let (reads, writes): (Vec<TokenStream>, Vec<TokenStream>) = fields
        .iter()
        .map(|f| match f.boxed {
            false => (quote!(runtime::read), quote!(write)),
            true => (quote!(runtime::read_boxed), quote!(write_boxed)),
        })
        .unzip();
    // A struct without properties never touches the writer.
    let out_param = if fields.is_empty() {
        ident("_out")
    } else {
        ident("out")
    };
    let (index_param, read_body) = if fields.is_empty() {
        (ident("_index"), quote!(runtime::skip(map)))
    } else {
        let other = if gated {
            quote!(runtime::keep(map))
        } else {
            quote!(runtime::skip(map))
        };
        let body = quote! {
            match index {
                #( #field_cfgs #indexes => #reads(map, &mut self.#field_idents), )*
                _ => #other,
            }
        };
        (ident("index"), body)
    };
    let odata_type_decl = has_odata_type.then(|| {
        quote! {
            /// `@odata.type` as received, or to send; `None` means the declared type.
            pub #odata_type_field: Option<String>,
        }
    });
    let allow_unused = gated.then(|| quote!(#[allow(unused_variables)]));
    // The accessors of `runtime::Envelope` come from the macro: the same for every struct.
    let serde_macro = if has_odata_type {
        quote!(runtime::structured_serde!(#name);)
    } else {
        quote!(runtime::structured_serde!(#name, without_odata_type);)
    };
    // `#[non_exhaustive]`: a property the metadata adds later is a new field, which must not
    // break code that builds or destructures the struct (`model!` builds it, see the README).
    quote! {
        #type_docs
        #[derive(Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #odata_type_decl
            #( #field_attrs #field_cfgs pub #field_idents: #field_types, )*
            /// Properties and instance annotations this model does not declare, kept as received.
            pub #additional_field: runtime::AdditionalProperties,
        }

        #[allow(deprecated)]
        impl runtime::Structured for #name {
            const TYPE_NAME: &'static str = #type_name;
            const PROPERTIES: &'static [&'static str] = &[#(#wire_names),*];
            fn read_property<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                #index_param: usize,
                map: &mut A,
            ) -> Result<runtime::Read, A::Error> {
                #read_body
            }
            #allow_unused
            fn write_properties<M: serde::ser::SerializeMap>(&self, #out_param: &mut runtime::PropertyWriter<'_, M>) {
                #( #field_cfgs out.#writes(#wire_names, &self.#field_idents); )*
            }
        }
        #serde_macro
    }
}

fn any_enum(plan: &Plan, base: TypeId, module: &Module) -> TokenStream {
    let model = plan.model;
    let name = ident(&plan.any_names[&base]);
    let variants = &plan.variants[&base];
    let variant_idents: Vec<Ident> = variants.iter().map(|(_, v)| ident(v)).collect();
    let variant_types: Vec<TokenStream> = variants
        .iter()
        .map(|(t, _)| tokens(&plan.path_to(*t, &plan.type_names[t], module)))
        .collect();
    let qualified: Vec<String> = variants
        .iter()
        .map(|(t, _)| model.ty(*t).qualified_name())
        .collect();
    let variant_docs = qualified.iter().map(|q| docs::line(&format!("`{q}`")));
    // A derived type an area feature leaves out: its values are read as the base type, which
    // keeps their `@odata.type` and data.
    let cfgs: Vec<TokenStream> = variants
        .iter()
        .enumerate()
        .map(|(i, (t, _))| {
            if i == 0 {
                TokenStream::new()
            } else {
                plan.inner_type_cfg(base, *t)
            }
        })
        .collect();
    let derived_cfgs = &cfgs[1..];
    let derived_indexes = (1..variants.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let derived_idents = &variant_idents[1..];
    let base_ident = &variant_idents[0];
    let is_derived = (0..variants.len()).map(|i| i > 0);
    let base_name = model.ty(base).qualified_name();
    let doc = docs::line(&format!(
        "A value declared as `{base_name}`: that type or any type derived from it, chosen by `@odata.type`. An unknown `@odata.type` is read as `{base_name}` and kept."
    ));
    let namespaces = tokens(&format!(
        "{}NAMESPACES",
        super::plan::relative_prefix(&module.path, &["models".to_owned()])
    ));
    quote! {
            #doc
            #[derive(Clone, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #( #variant_docs #cfgs #variant_idents(Box<#variant_types>), )*
            }

            impl runtime::Polymorphic for #name {
                const NAMESPACES: &'static [runtime::Namespace] = #namespaces;
                const VARIANTS: &'static [&'static str] = &[#(#qualified),*];
                fn read_variant<'de, A: serde::de::MapAccess<'de>>(
                    index: usize,
                    odata_type: Option<String>,
                    map: &mut A,
                ) -> Result<Self, A::Error> {
                    Ok(match index {
                        #( #derived_cfgs #derived_indexes => Self::#derived_idents(runtime::read_rest(odata_type, map)?), )*
                        _ => Self::#base_ident(runtime::read_rest(odata_type, map)?),
                    })
                }
                fn write_variant<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #( #cfgs Self::#variant_idents(value) => runtime::write_variant(&**value, #is_derived, serializer), )*
                    }
                }
            }
            runtime::polymorphic_serde!(#name);

            #(
                #cfgs
                impl From<#variant_types> for #name {
                    #[inline]
    fn from(value: #variant_types) -> Self {
                        Self::#variant_idents(Box::new(value))
                    }
                }
            )*
        }
}

fn enum_type(plan: &Plan, id: TypeId) -> TokenStream {
    let ty = plan.model.ty(id);
    let TypeKind::Enum(e) = &ty.kind else {
        return TokenStream::new();
    };
    let name = ident(&plan.type_names[&id]);
    let qualified = ty.qualified_name();
    let members: Vec<Ident> = plan.member_names[&id].iter().map(|m| ident(m)).collect();
    let wire: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
    let member_docs = e.members.iter().map(|m| {
        let value = docs::line(&format!("`{}` (value {}).", m.name, m.value));
        if m.docs.is_empty() {
            value
        } else {
            docs::attributes(&m.docs)
        }
    });
    let other = ident(&plan.other_variant[&id]);
    let type_docs = if ty.docs.is_empty() {
        let what = if e.is_flags {
            "Flags enum type"
        } else {
            "Enum type"
        };
        docs::line(&format!("{what} `{qualified}`."))
    } else {
        docs::attributes(&ty.docs)
    };
    quote! {
            #type_docs
            #[derive(Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #( #member_docs #members, )*
                /// A member this crate does not know (yet), kept as sent.
                #other(String),
            }

            #[allow(deprecated)]
            impl runtime::EnumType for #name {
                const TYPE_NAME: &'static str = #qualified;
                #[inline]
    fn from_wire(name: &str) -> Self {
                    match name {
                        #( #wire => Self::#members, )*
                        other => Self::#other(other.to_owned()),
                    }
                }
                #[inline]
    fn as_wire(&self) -> &str {
                    match self {
                        #( Self::#members => #wire, )*
                        Self::#other(name) => name,
                    }
                }
            }
            runtime::enum_serde!(#name);
        }
}

/// How an entity type is addressed: what a GET returns and what identifies one entity.
fn resource_impl(plan: &Plan, id: TypeId, module: &Module) -> TokenStream {
    let model = plan.model;
    let name = ident(&plan.type_names[&id]);
    let value = tokens(&plan.value_type(Target::Named(id), module));
    let key = match model.key(id) {
        None => quote!(runtime::NoKey),
        Some([single]) => tokens(&plan.value_type(single.ty.target, module)),
        Some(_) => {
            let key_name = ident(&plan.key_structs[&id]);
            quote!(#key_name)
        }
    };
    quote! {
        impl runtime::Resource for #name {
            type Value = #value;
            type Key = #key;
        }
    }
}

/// The field names of a composite key's struct, in key order (as Rust source: `r#type`).
pub(crate) fn key_fields(parts: &[KeyPart]) -> Vec<String> {
    let mut scope = super::naming::Scope::snake();
    for p in parts {
        scope.want(&p.name, &super::naming::snake_name(&p.name));
    }
    let names = scope.resolve();
    parts.iter().map(|p| ident_text(&names[&p.name])).collect()
}

fn key_struct(plan: &Plan, id: TypeId, module: &Module) -> TokenStream {
    let model = plan.model;
    let name = ident(&plan.key_structs[&id]);
    let parts: &[KeyPart] = model.key(id).unwrap_or_default();
    let fields: Vec<Ident> = key_fields(parts).iter().map(|f| ident(f)).collect();
    let types = parts
        .iter()
        .map(|p| tokens(&plan.value_type(p.ty.target, module)));
    let wire: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    let doc = docs::line(&format!(
        "The composite key of `{}`.",
        model.ty(id).qualified_name()
    ));
    quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub struct #name {
                #( #[doc = concat!("Key property `", #wire, "`.")] pub #fields: #types, )*
            }

            impl runtime::KeyValue for #name {
                #[inline]
    fn key_parts(&self) -> Vec<(&'static str, runtime::Literal)> {
                    vec![#( (#wire, runtime::Literal::of(&self.#fields)) ),*]
                }
            }
        }
}

fn parameter_struct(
    plan: &Plan,
    op_id: OperationId,
    op: &OperationDef,
    module: &Module,
) -> TokenStream {
    let name = ident(&plan.parameter_structs[&op_id]);
    let mut scope = super::naming::Scope::snake();
    scope.reserve([ADDITIONAL_FIELD]);
    for p in &op.parameters {
        scope.want(&p.name, &super::naming::snake_name(&p.name));
    }
    let names = scope.resolve();
    let fields: Vec<FieldSpec> = op
        .parameters
        .iter()
        .map(|p| FieldSpec {
            ident: ident(&ident_text(&names[&p.name])),
            wire_name: p.name.clone(),
            ty: tokens(&plan.field_type(p.ty, p.nullable && !p.ty.collection, false, module)),
            attrs: docs::attributes(&p.docs),
            cfg: TokenStream::new(),
            boxed: false,
        })
        .collect();
    let bound = op
        .binding
        .as_ref()
        .map(|b| format!(" bound to `{}`", plan.model.ty(b.ty).qualified_name()))
        .unwrap_or_default();
    let doc = docs::line(&format!(
        "The body of action `{}`{bound}.",
        op.qualified_name()
    ));
    struct_with_impls(&name, &op.qualified_name(), doc, &fields, false)
}

/// `pub const NAMESPACES`: every namespace with its alias, for resolving `@odata.type`.
pub fn namespaces_const(model: &Model) -> TokenStream {
    let entries = model.namespaces.iter().map(|n| {
        let name = &n.name;
        let alias = match &n.alias {
            Some(a) => quote!(Some(#a)),
            None => quote!(None),
        };
        quote!(runtime::Namespace { name: #name, alias: #alias })
    });
    quote! {
        /// Every schema namespace of the metadata with its alias, for resolving `@odata.type`.
        pub const NAMESPACES: &[runtime::Namespace] = &[#(#entries),*];
    }
}
