//! The runtime crate (`templates/`, package `odata-codegen-runtime`), embedded at build time
//! (see `build.rs`): what a generated crate's manifest and `runtime` module are made from, the
//! part of the runtime a generated crate compiles itself, and the runtime crate's own files for
//! the copy written beside a generated crate.

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use super::GeneratedFile;

/// `(file name, contents)` of every `templates/src/runtime/*.rs`, sorted by name.
const RUNTIME_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

/// The runtime crate's manifest.
const TEMPLATES_MANIFEST: &str = include!(concat!(env!("OUT_DIR"), "/templates_manifest.rs"));

/// The runtime crate's `src/lib.rs`.
const TEMPLATES_LIB: &str = include!(concat!(env!("OUT_DIR"), "/templates_lib.rs"));

/// The runtime crate's package name.
pub const RUNTIME_PACKAGE: &str = "odata-codegen-runtime";

/// The runtime's file that every generated crate compiles itself: generated path builders are
/// inherent methods on its `EntityRef<…>` and `CollectionRef<…>`, which Rust allows only in
/// the crate that defines those types. Everything else comes from the runtime crate.
const LOCAL_FILE: &str = "resource.rs";

/// The generator's version, which the runtime crate's must equal (generated code asks for it
/// exactly and checks it at compile time).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where a generated crate's manifest finds the runtime crate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RuntimeSource {
    /// The runtime crate written beside the generated sources, as `runtime/` in the output
    /// directory, so that the crate builds anywhere with nothing but the registries.
    #[default]
    Bundled,
    /// An existing runtime crate, as the manifest names it: absolute, or relative to the
    /// generated crate's directory. Crates generated into one build share it (one compilation).
    Path(String),
}

impl RuntimeSource {
    /// The directory of the bundled runtime crate, in the output directory.
    pub const BUNDLED_DIR: &'static str = "runtime";

    fn path(&self) -> &str {
        match self {
            RuntimeSource::Bundled => Self::BUNDLED_DIR,
            RuntimeSource::Path(path) => path,
        }
    }
}

/// `(file name, contents)` of the runtime's files, sorted by name.
pub fn runtime_files() -> &'static [(&'static str, &'static str)] {
    RUNTIME_FILES
}

fn runtime_file(name: &str) -> &'static str {
    RUNTIME_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("templates/src/runtime/{name} is missing"))
}

/// `Cargo.toml` of a generated crate: the runtime crate at exactly the generator's version,
/// and the two crates generated code names itself (`serde`, `serde_json`), as the runtime
/// crate has them (so they are the same crates, compiled once).
pub fn cargo_manifest(
    crate_name: &str,
    version: &str,
    header: &str,
    runtime: &RuntimeSource,
) -> String {
    let header = toml_comment(header);
    let serde = dependencies(&["serde", "serde_json"]);
    format!(
        "{header}[package]\nname = \"{crate_name}\"\nversion = \"{version}\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n\
         # The runtime: at exactly the version of the generator that wrote this crate.\n\
         {RUNTIME_PACKAGE} = {{ version = \"={VERSION}\", path = {:?} }}\n\
         {serde}\n\
         # rustc leaves the code generation of the many items a program does not use to the crates\n\
         # that use them (cargo ignores the hint where it does not know it).\n\
         [hints]\nmostly-unused = true\n",
        runtime.path()
    )
}

fn toml_comment(header: &str) -> String {
    header
        .lines()
        .map(|l| format!("{}\n", l.replacen("//", "#", 1)))
        .collect()
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

/// The entries `names` of the runtime manifest's `[dependencies]`, each with the comment
/// lines before it, verbatim.
fn dependencies(names: &[&str]) -> String {
    let mut in_section = false;
    let mut comments = String::new();
    let mut out = String::new();
    for line in TEMPLATES_MANIFEST.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_section = trimmed == "[dependencies]";
            comments.clear();
            continue;
        }
        if !in_section {
            continue;
        }
        if trimmed.starts_with('#') {
            comments.push_str(line);
            comments.push('\n');
            continue;
        }
        let key = trimmed.split('=').next().unwrap_or_default().trim();
        if names.contains(&key) {
            out.push_str(&comments);
            out.push_str(line);
            out.push('\n');
        }
        comments.clear();
    }
    out
}

/// The `path` of the runtime dependency in a manifest [`cargo_manifest`] wrote.
pub fn runtime_path(manifest: &str) -> Option<String> {
    let line = manifest
        .lines()
        .find(|l| l.starts_with(&format!("{RUNTIME_PACKAGE} = ")))?;
    let (_, path) = line.split_once("path = \"")?;
    Some(path.split_once('"')?.0.to_owned())
}

/// The runtime manifest's `version`; the generator's (a test checks that they agree).
pub fn runtime_version() -> Option<String> {
    package_field(TEMPLATES_MANIFEST, "version")
}

/// `src/runtime/mod.rs` and `src/runtime/resource.rs` of a generated crate.
pub fn runtime_module(header: &str) -> Vec<GeneratedFile> {
    let reexport = super::format_tokens(local_reexport());
    let check = version_check();
    let check = super::format_tokens(quote!(#check));
    let module = format!(
        "{header}//! The runtime: the `{RUNTIME_PACKAGE}` crate, re-exported, and the part of it this crate\n\
         //! compiles itself, `resource.rs`: the path builders are inherent methods on its `EntityRef`\n\
         //! and `CollectionRef`, which Rust allows only in the crate that defines them.\n\n\
         pub use odata_codegen_runtime::*;\n\nmod resource;\n\n{reexport}\n\
         // Generated code and runtime change together: built with a runtime of another version\n\
         // than the generator's, the crate fails to compile here.\n{check}"
    );
    vec![
        GeneratedFile {
            path: PathBuf::from("src/runtime/mod.rs"),
            contents: module,
        },
        GeneratedFile {
            path: PathBuf::from("src/runtime").join(LOCAL_FILE),
            contents: format!(
                "{header}{}",
                without_tests(LOCAL_FILE, runtime_file(LOCAL_FILE))
            ),
        },
    ]
}

/// The runtime crate, to be written as `runtime/` in the output directory
/// ([`RuntimeSource::Bundled`]): its manifest without development dependencies, and its
/// sources without their tests (they are run where the runtime is developed).
pub fn bundled_runtime(header: &str) -> Vec<GeneratedFile> {
    let dir = PathBuf::from(RuntimeSource::BUNDLED_DIR);
    let manifest = TEMPLATES_MANIFEST
        .split("\n[dev-dependencies]")
        .next()
        .unwrap_or(TEMPLATES_MANIFEST)
        .trim_end();
    let mut files = vec![
        GeneratedFile {
            path: dir.join("Cargo.toml"),
            contents: format!("{}{manifest}\n", toml_comment(header)),
        },
        GeneratedFile {
            path: dir.join("src/lib.rs"),
            contents: format!("{header}{}", without_tests("lib.rs", TEMPLATES_LIB)),
        },
    ];
    for (name, text) in RUNTIME_FILES {
        files.push(GeneratedFile {
            path: dir.join("src/runtime").join(name),
            contents: format!("{header}{}", without_tests(name, text)),
        });
    }
    files
}

/// The text of a runtime file without its `#[cfg(test)] mod tests { … }` (rustfmt's layout:
/// the module ends at the first `}` in column 0 after it, which a test checks by parsing).
fn without_tests(name: &str, text: &str) -> String {
    const START: &str = "\n#[cfg(test)]\nmod tests {\n";
    let mut rest = text;
    let mut out = String::with_capacity(text.len());
    while let Some(at) = rest.find(START) {
        out.push_str(&rest[..=at]);
        let module = &rest[at + 1..];
        let end = module
            .find("\n}\n")
            .unwrap_or_else(|| panic!("runtime template {name}: `mod tests` does not end"))
            + "\n}\n".len();
        let parsed = syn::parse_file(&module[..end])
            .unwrap_or_else(|e| panic!("runtime template {name}: tests do not parse: {e}"));
        assert_eq!(
            parsed.items.len(),
            1,
            "runtime template {name}: `mod tests` ends early"
        );
        rest = module[end..].strip_prefix('\n').unwrap_or(&module[end..]);
    }
    out.push_str(rest);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// `pub use resource::{…};` as the runtime's `mod.rs` has it: the names of the local part that
/// replace the runtime crate's own.
fn local_reexport() -> TokenStream {
    let root = syn::parse_file(runtime_file("mod.rs"))
        .unwrap_or_else(|e| panic!("runtime template mod.rs does not parse: {e}"));
    let stem = LOCAL_FILE.trim_end_matches(".rs");
    let item = root
        .items
        .into_iter()
        .find(|item| match item {
            syn::Item::Use(u) => {
                matches!(&u.tree, syn::UseTree::Path(p) if p.ident == stem)
            }
            _ => false,
        })
        .unwrap_or_else(|| panic!("templates/src/runtime/mod.rs has no `pub use {stem}::…`"));
    quote!(#item)
}

/// The compile-time check of the runtime's version.
fn version_check() -> TokenStream {
    quote! {
        const _: () = ::odata_codegen_runtime::check_version(#VERSION);
    }
}

/// The runtime module of single-file output: the runtime crate re-exported, and its local part
/// (`resource.rs`) inline.
pub fn inline_runtime() -> TokenStream {
    let name = LOCAL_FILE;
    let inner = syn::parse_file(runtime_file(name))
        .unwrap_or_else(|e| panic!("runtime template {name} does not parse: {e}"));
    // The file's `//!` docs become the module's outer docs.
    let attrs = inner.attrs.into_iter().map(|mut attr| {
        attr.style = syn::AttrStyle::Outer;
        attr
    });
    let items = inner.items.into_iter().filter(|i| !is_test_only(i));
    let module = syn::Ident::new(name.trim_end_matches(".rs"), proc_macro2::Span::call_site());
    let reexport = local_reexport();
    let check = version_check();
    let doc = " The runtime: the `odata-codegen-runtime` crate, re-exported, and the part of it compiled here (see `resource`).";
    quote! {
        pub mod runtime {
            #![doc = #doc]
            pub use ::odata_codegen_runtime::*;
            #(#attrs)*
            mod #module {
                #(#items)*
            }
            #reexport
            #check
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
    fn manifest_names_the_runtime_and_what_generated_code_names() {
        let manifest = cargo_manifest("x", "1.2.3", "// @generated\n", &RuntimeSource::Bundled);
        assert_eq!(
            package_field(&manifest, "version").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(package_field(&manifest, "name").as_deref(), Some("x"));
        assert!(manifest.starts_with("# @generated\n"));
        assert!(manifest.contains(&format!(
            "odata-codegen-runtime = {{ version = \"={VERSION}\", path = \"runtime\" }}"
        )));
        assert!(manifest.contains("\nserde = "));
        assert!(manifest.contains("\nserde_json = "));
        for other in ["chrono", "uuid", "base64", "proptest"] {
            assert!(!manifest.contains(other), "{other} comes with the runtime");
        }
        assert_eq!(runtime_path(&manifest).as_deref(), Some("runtime"));
        let shared = cargo_manifest("x", "1.2.3", "", &RuntimeSource::Path("../rt".into()));
        assert_eq!(runtime_path(&shared).as_deref(), Some("../rt"));
    }

    #[test]
    fn the_runtime_has_the_generators_version() {
        assert_eq!(runtime_version().as_deref(), Some(VERSION));
    }

    #[test]
    fn the_bundled_runtime_is_the_crate_without_its_tests() {
        let files = bundled_runtime("");
        let manifest = &files[0].contents;
        assert!(manifest.contains("name = \"odata-codegen-runtime\""));
        assert!(!manifest.contains("dev-dependencies") && !manifest.contains("proptest"));
        assert_eq!(files.len(), RUNTIME_FILES.len() + 2);
        assert!(files.iter().all(|f| !f.contents.contains("#[cfg(test)]")));
        for file in &files[1..] {
            syn::parse_file(&file.contents).expect("a bundled runtime file parses");
        }
    }

    #[test]
    fn runtime_module_reexports_the_crate_and_compiles_resource() {
        let files = runtime_module("");
        assert!(files[0]
            .contents
            .contains("pub use odata_codegen_runtime::*;"));
        assert!(files[0].contents.contains("pub use resource::{"));
        assert!(files[0].contents.contains("check_version(\""));
        assert!(!files[1].contents.contains("mod tests"));
        let tokens = inline_runtime().to_string();
        assert!(tokens.contains("pub mod runtime"));
        assert!(tokens.contains("mod resource"));
    }
}
