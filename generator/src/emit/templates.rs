//! The hand-written parts of a generated crate, embedded from `templates/` at build time (see
//! `build.rs`): the runtime module's files and the dependency list of the crate manifest.

use proc_macro2::TokenStream;
use quote::quote;

/// `(file name, contents)` of every `templates/src/runtime/*.rs`, sorted by name.
const RUNTIME_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

/// The templates crate's manifest; its `[dependencies]` are the generated crate's.
const TEMPLATES_MANIFEST: &str = include!(concat!(env!("OUT_DIR"), "/templates_manifest.rs"));

pub fn runtime_files() -> &'static [(&'static str, &'static str)] {
    RUNTIME_FILES
}

/// `Cargo.toml` of a generated crate.
pub fn cargo_manifest(crate_name: &str, version: &str, header: &str) -> String {
    let header: String = header
        .lines()
        .map(|l| format!("{}\n", l.replacen("//", "#", 1)))
        .collect();
    format!(
        "{header}[package]\nname = \"{crate_name}\"\nversion = \"{version}\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{}",
        dependencies()
    )
}

/// A string field of `[package]` in a manifest [`cargo_manifest`] wrote (`name`, `version`).
pub fn package_field(manifest: &str, key: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        if in_package && name.trim() == key {
            let value = value.trim();
            return Some(value.strip_prefix('"')?.strip_suffix('"')?.to_owned());
        }
    }
    None
}

/// The `[dependencies]` section of the templates manifest, verbatim.
fn dependencies() -> String {
    let mut in_section = false;
    let mut out = String::new();
    for line in TEMPLATES_MANIFEST.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_section = trimmed == "[dependencies]";
            continue;
        }
        if in_section {
            out.push_str(line);
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The runtime as one inline `pub mod runtime { … }`, for single-file output: each
/// `mod name;` of `mod.rs` is replaced by the contents of `name.rs`.
pub fn inline_runtime() -> TokenStream {
    let parse = |name: &str, text: &str| -> syn::File {
        syn::parse_file(text)
            .unwrap_or_else(|e| panic!("runtime template {name} does not parse: {e}"))
    };
    let Some((_, root_text)) = RUNTIME_FILES.iter().find(|(name, _)| *name == "mod.rs") else {
        panic!("templates/src/runtime/mod.rs is missing");
    };
    let mut root = parse("mod.rs", root_text);
    for item in &mut root.items {
        if let syn::Item::Mod(module) = item {
            if module.content.is_none() {
                let file_name = format!("{}.rs", module.ident);
                if let Some((_, text)) = RUNTIME_FILES.iter().find(|(n, _)| *n == file_name) {
                    let inner = parse(&file_name, text);
                    // The file's `//!` docs become the module's outer docs.
                    module.attrs.extend(inner.attrs.into_iter().map(|mut attr| {
                        attr.style = syn::AttrStyle::Outer;
                        attr
                    }));
                    let items = inner
                        .items
                        .into_iter()
                        .filter(|i| !is_test_only(i))
                        .collect();
                    module.content = Some((Default::default(), items));
                    module.semi = None;
                }
            }
        }
    }
    let attrs = root
        .attrs
        .iter()
        .filter(|a| !matches!(a.style, syn::AttrStyle::Inner(_)));
    let items = &root.items;
    quote! {
        #(#attrs)*
        pub mod runtime {
            #(#items)*
        }
    }
}

/// `#[cfg(test)]` items: the runtime's own unit tests, which a single included file should not
/// carry into the user's test suite.
fn is_test_only(item: &syn::Item) -> bool {
    let attrs = match item {
        syn::Item::Mod(m) => &m.attrs,
        syn::Item::Fn(f) => &f.attrs,
        _ => return false,
    };
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|arg| arg == "test")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_carries_the_templates_dependencies() {
        let manifest = cargo_manifest("x", "1.2.3", "// @generated\n");
        assert_eq!(
            package_field(&manifest, "version").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(package_field(&manifest, "name").as_deref(), Some("x"));
        assert!(manifest.starts_with("# @generated\n"));
        assert!(manifest.contains("serde"));
        assert!(manifest.contains("serde_json"));
        assert!(
            !manifest.contains("proptest"),
            "dev-dependencies are not copied"
        );
    }

    #[test]
    fn runtime_is_embedded() {
        assert!(runtime_files().iter().any(|(n, _)| *n == "mod.rs"));
        let tokens = inline_runtime().to_string();
        assert!(tokens.contains("pub mod runtime"));
    }
}
