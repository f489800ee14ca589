//! The runtime module that every generated crate carries as `src/runtime/`.
//!
//! These files are compiled and tested here, as a crate of their own, and embedded verbatim
//! into each generated crate by the generator (`include_str!`), so the code a user gets is
//! exactly the code tested here. The runtime refers to nothing outside itself but the crates in
//! this package's `[dependencies]`, which a generated crate needs too.
#![warn(missing_docs)]

pub mod runtime;

/// The runtime's source files as (path below `src/runtime/`, contents), for the generator to
/// write into each generated crate.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("additional.rs", include_str!("runtime/additional.rs")),
    ("collection.rs", include_str!("runtime/collection.rs")),
    ("decimal.rs", include_str!("runtime/decimal.rs")),
    ("duration.rs", include_str!("runtime/duration.rs")),
    ("edm.rs", include_str!("runtime/edm.rs")),
    ("encode.rs", include_str!("runtime/encode.rs")),
    ("enums.rs", include_str!("runtime/enums.rs")),
    ("flags.rs", include_str!("runtime/flags.rs")),
    ("literal.rs", include_str!("runtime/literal.rs")),
    ("macros.rs", include_str!("runtime/macros.rs")),
    ("mod.rs", include_str!("runtime/mod.rs")),
    ("model.rs", include_str!("runtime/model.rs")),
    ("nullable.rs", include_str!("runtime/nullable.rs")),
    ("object.rs", include_str!("runtime/object.rs")),
    ("path.rs", include_str!("runtime/path.rs")),
    ("polymorphic.rs", include_str!("runtime/polymorphic.rs")),
    ("primitive.rs", include_str!("runtime/primitive.rs")),
    ("request.rs", include_str!("runtime/request.rs")),
    ("resource.rs", include_str!("runtime/resource.rs")),
    ("text.rs", include_str!("runtime/text.rs")),
    ("wire.rs", include_str!("runtime/wire.rs")),
];

#[cfg(test)]
mod tests {
    use super::RUNTIME_FILES;

    #[test]
    fn runtime_files_lists_every_file_of_the_module() {
        let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/src/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(directory)
            .expect("the runtime directory")
            .map(|entry| {
                entry
                    .expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = RUNTIME_FILES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, listed);
    }
}
