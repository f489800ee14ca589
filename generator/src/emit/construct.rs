//! `model!`: builds a model value the way a struct literal would, for structs that are
//! `#[non_exhaustive]` (so that a property the metadata adds later is not a breaking change,
//! see the README's "Metadata updates"), where a struct literal cannot be written outside the
//! crate.
//!
//! A macro rather than a setter per field: the 19,278 setters of Microsoft Graph v1.0 made its
//! crate's debug build take 24 % more memory and up to 16 % more CPU time (BENCHMARKS.md),
//! while the macro adds no code per type: it expands, in the calling crate, to a `Default`
//! value and one generic `runtime::Assign` call per field set.

/// The macro's definition, as source text formatted by hand (prettyplease prints a macro's
/// rules as one run of tokens). `root` is the path of the generated code from the crate that
/// holds it: `$crate` for a generated crate (the macro is exported at its root),
/// `$crate::<module>` for a build script's module (the macro is then a path-scoped macro of
/// that module).
pub fn model_macro_source(root: &str, exported: bool) -> String {
    // Unexported, it may go unused in the module that includes it.
    let export = if exported {
        "#[macro_export]\n"
    } else {
        "#[allow(unused_macros)]\n"
    };
    let scoped_use = if exported {
        ""
    } else {
        "\n#[allow(unused_imports)]\npub(crate) use model;\n"
    };
    let invoke = if exported {
        "$crate::model!".to_owned()
    } else {
        format!("{root}::model!")
    };
    format!(
        r#"
/// Builds a model like a struct literal: `model!(Type {{ field: value, … }})`.
///
/// Every field not named keeps its default (unset: not sent). A value is converted as by
/// `Into` and stored as set (`Some`, `Nullable::Value`): `"text"` for a `String`, a derived
/// type for its `Any…` enum, an array for a `Vec`. `field: null` sends an explicit JSON
/// `null` (nullable properties only); `field` alone takes the variable of that name.
///
/// ```text
/// let body = model!(DeviceConfigurationAssignment {{
///     target: model!(GroupAssignmentTarget {{ group_id: "g1" }}),
///     source_id: null,
/// }});
/// ```
///
/// Models are `#[non_exhaustive]`: a struct literal of one does not compile outside this
/// crate, so that properties the service adds later do not break code that builds them.
/// Each field set is one step of the macro's recursion: a literal of more than about 120
/// fields needs a higher `#![recursion_limit]`.
{export}macro_rules! model {{
    ($ty:path {{ $($fields:tt)* }}) => {{{{
        #[allow(unused_mut)]
        let mut value: $ty = ::core::default::Default::default();
        {invoke}(@set value; $($fields)*);
        value
    }}}};
    (@set $value:ident;) => {{}};
    (@set $value:ident; $field:ident : null $(, $($rest:tt)*)?) => {{
        $value.$field = {root}::runtime::Nullable::Null;
        {invoke}(@set $value; $($($rest)*)?);
    }};
    (@set $value:ident; $field:ident : $new:expr $(, $($rest:tt)*)?) => {{
        {root}::runtime::Assign::assign(&mut $value.$field, $new);
        {invoke}(@set $value; $($($rest)*)?);
    }};
    (@set $value:ident; $field:ident $(, $($rest:tt)*)?) => {{
        {root}::runtime::Assign::assign(&mut $value.$field, $field);
        {invoke}(@set $value; $($($rest)*)?);
    }};
}}
{scoped_use}"#
    )
}
