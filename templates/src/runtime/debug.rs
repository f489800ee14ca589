//! `Debug` for generated types, written as the type's name and its OData JSON.
//!
//! A derived `Debug` costs a function per type that rustc must check and compile whether or not
//! a program ever prints the type; a crate for all of Microsoft Graph has thousands. The JSON
//! also shows exactly what the service sent or will receive: unknown properties, annotations
//! and `@odata.type` included.

use std::fmt;

use serde::Serialize;

/// Writes `TypeName {json}` (`{:#?}`: indented JSON). A value that cannot be written as JSON
/// (a non-finite `Edm.Decimal`, say) shows the error instead of failing the whole format.
pub fn debug_json<T: Serialize>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let name = short_type_name::<T>();
    let json = if f.alternate() {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    match json {
        Ok(json) => write!(f, "{name} {json}"),
        Err(error) => write!(f, "{name} <not representable as JSON: {error}>"),
    }
}

/// `User` for `my_crate::models::User`.
fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    let without_generics = full.split('<').next().unwrap_or(full);
    without_generics
        .rsplit("::")
        .next()
        .unwrap_or(without_generics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Point {
        x: i32,
    }

    struct Shown(Point);

    impl fmt::Debug for Shown {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug_json(&self.0, f)
        }
    }

    #[test]
    fn compact_and_alternate_forms() {
        assert_eq!(format!("{:?}", Shown(Point { x: 1 })), r#"Point {"x":1}"#);
        assert_eq!(
            format!("{:#?}", Shown(Point { x: 1 })),
            "Point {\n  \"x\": 1\n}"
        );
    }
}
