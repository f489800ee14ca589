//! Typed query options: per entity and complex type, an associated constant for each property
//! and navigation property (`DeviceConfigurationAssignment::TARGET`), which `select`,
//! `expand`, `order_by` and `filter` take; per `Any…` enum, which struct's constants apply to it.
//!
//! Constants are the cheapest thing to compile that carries a name and two types: no function
//! body, no trait impl, no monomorphization. All the query logic is generic code in the
//! runtime (`templates/src/runtime/query.rs`, `filter.rs`, `options.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Target, TypeId};

use super::docs;
use super::models::{ident, tokens};
use super::naming::Scope;
use super::plan::{Module, Plan};

/// Associated constants of the runtime's traits that generated structs implement: a property
/// constant must not shadow them for the type's users.
const TRAIT_CONSTANTS: &[&str] = &["TYPE_NAME", "PROPERTIES"];

/// The constant names of a struct's fields, in field order: the field name in upper case
/// (`display_name` → `DISPLAY_NAME`, `r#type` → `TYPE`), numbered where it would shadow a
/// trait constant.
pub fn constant_names(field_names: &[&str]) -> Vec<String> {
    let mut scope = Scope::snake();
    scope.reserve(TRAIT_CONSTANTS.iter().copied());
    let upper: Vec<String> = field_names
        .iter()
        .map(|name| name.trim_start_matches("r#").to_ascii_uppercase())
        .collect();
    for (name, constant) in field_names.iter().zip(&upper) {
        scope.want(name, constant);
    }
    let resolved = scope.resolve();
    field_names
        .iter()
        .map(|name| resolved[*name].clone())
        .collect()
}

/// `impl Type { pub const PROPERTY: runtime::Property<Self, Value> = …; … }` for the struct of
/// entity or complex type `id`; nothing for a type without properties.
pub fn property_constants(plan: &Plan, id: TypeId, module: &Module) -> TokenStream {
    let model = plan.model;
    let fields = &plan.fields[&id];
    if fields.is_empty() {
        return TokenStream::new();
    }
    let name = ident(&plan.type_names[&id]);
    let field_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let constants = constant_names(&field_names);
    let value = |target: Target, collection: bool| {
        let value = plan.value_type(target, module);
        tokens(&if collection {
            format!("Vec<{value}>")
        } else {
            value
        })
    };
    let properties = model.all_properties(id);
    let navigation = model
        .all_navigation(id)
        .into_iter()
        .filter(|n| plan.is_selected(n.target));
    let members = properties
        .iter()
        .map(|p| (p.name.as_str(), value(p.ty.target, p.ty.collection), None))
        .chain(navigation.map(|n| {
            let target = value(Target::Named(n.target), n.collection);
            (
                n.name.as_str(),
                target,
                Some(plan.inner_type_cfg(id, n.target)),
            )
        }));
    let items = members
        .zip(&constants)
        .map(|((wire, value, navigation), constant)| {
            let constant = ident(constant);
            let doc = docs::line(&format!("`{wire}`"));
            if let Some(cfg) = navigation {
                quote! {
                    #doc
                    #cfg
                    pub const #constant: runtime::Navigation<Self, #value> = runtime::__path(#wire);
                }
            } else {
                quote! {
                    #doc
                    pub const #constant: runtime::Property<Self, #value> = runtime::__path(#wire);
                }
            }
        });
    quote! {
        /// The properties, for typed query options (`select`, `expand`, `order_by`, `filter`).
        #[allow(deprecated)]
        impl #name {
            #(#items)*
        }
    }
}

/// `impl runtime::Queryable for AnyType`: queries of the polymorphic value take the constants
/// of the declared type.
pub fn queryable_any(plan: &Plan, base: TypeId) -> TokenStream {
    let any = ident(&plan.any_names[&base]);
    let base = ident(&plan.type_names[&base]);
    quote! {
        impl runtime::Queryable for #any {
            type Structure = #base;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_upper_case_field_names() {
        assert_eq!(
            constant_names(&["id", "display_name", "r#type", "_1st", "self_"]),
            ["ID", "DISPLAY_NAME", "TYPE", "_1ST", "SELF_"]
        );
    }

    #[test]
    fn constants_do_not_shadow_trait_constants() {
        assert_eq!(
            constant_names(&["type_name", "properties", "type_name_2"]),
            ["TYPE_NAME_3", "PROPERTIES_2", "TYPE_NAME_2"]
        );
    }
}
