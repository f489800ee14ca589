//! From the type graph to Rust source files: a plan of names ([`plan`]), tokens for models
//! ([`models`]) and path builders ([`paths`]), formatted with prettyplease. Nothing here
//! touches the file system; see `crate::write`.

mod construct;
mod docs;
pub mod models;
pub mod naming;
mod parallel;
pub mod paths;
pub mod plan;
mod query;
pub mod templates;

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

pub use paths::UrlDefaults;
pub use plan::{Plan, Selection};
pub use templates::RuntimeSource;

/// A file of the generated crate, relative to the crate's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// What the emitter needs besides the plan.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    pub crate_name: String,
    /// The crate's version, for its manifest.
    pub version: String,
    pub url_defaults: UrlDefaults,
    /// The input files as the user named them, for the `@generated` header.
    pub inputs: Vec<String>,
    /// For single-file output: the module a build script includes it as, at the crate root
    /// (`model!` refers to the runtime through it). Without it the file has no `model!`.
    pub module: Option<String>,
    /// Where the crate's manifest finds the runtime crate (not used by single-file output).
    pub runtime: RuntimeSource,
}

/// Every file of a standalone crate: `Cargo.toml`, `src/lib.rs`, one file per model module,
/// `src/paths.rs`, the runtime module (the runtime crate re-exported, and its part compiled
/// here), and with [`RuntimeSource::Bundled`] the runtime crate in `runtime/`.
pub fn emit_crate(plan: &Plan, options: &EmitOptions) -> Vec<GeneratedFile> {
    let header = header(options);
    let mut files = vec![GeneratedFile {
        path: PathBuf::from("Cargo.toml"),
        contents: templates::cargo_manifest(
            &options.crate_name,
            &options.version,
            &header,
            &options.runtime,
        ),
    }];
    files.push(GeneratedFile {
        path: PathBuf::from("rustfmt.toml"),
        contents: format!(
            "{}# The generator formats this crate (prettyplease); rustfmt leaves it as generated,\n# so that `odata-codegen check` compares exactly what `generate` writes.\ndisable_all_formatting = true\n",
            header.replace("// ", "# ")
        ),
    });
    files.extend(rust_files(plan, options, &header));
    files.extend(templates::runtime_module(&header));
    if options.runtime == RuntimeSource::Bundled {
        files.extend(templates::bundled_runtime(&header));
    }
    files
}

/// What one piece of a generated Rust file is made from. Each piece is built and formatted on
/// its own, on whichever thread is free: a token stream cannot cross threads, and formatting a
/// type at a time keeps memory flat where one syntax tree for a 300,000-line file would not.
#[derive(Debug, Clone, Copy)]
enum Piece<'p> {
    Lib,
    /// `models/mod.rs` up to its items: these submodules and the `NAMESPACES` table.
    ModelsRoot(&'p [&'p str]),
    /// The imports of a model submodule.
    ModelsImports,
    Model(&'p str, models::Item),
    Paths(paths::Piece),
}

/// `src/lib.rs`, the model modules and `src/paths.rs`, formatted in parallel.
fn rust_files(plan: &Plan, options: &EmitOptions, header: &str) -> Vec<GeneratedFile> {
    let mut root_items = Vec::new();
    let mut children: Vec<&str> = Vec::new();
    let mut child_files = Vec::new();
    for (namespace, module) in &plan.modules {
        let items = models::module_pieces(plan, namespace)
            .into_iter()
            .map(|item| Piece::Model(namespace, item));
        if module.path.len() == 1 {
            root_items.extend(items);
            continue;
        }
        let items: Vec<Piece> = std::iter::once(Piece::ModelsImports).chain(items).collect();
        if items.len() == 1 {
            // A namespace a slice took nothing from.
            continue;
        }
        children.push(&module.path[1]);
        let file = format!("src/models/{}.rs", module.path[1].trim_start_matches("r#"));
        child_files.push((file, items));
    }
    let mut layout: Vec<(String, Vec<Piece>)> = vec![
        ("src/lib.rs".to_owned(), vec![Piece::Lib]),
        (
            "src/models/mod.rs".to_owned(),
            std::iter::once(Piece::ModelsRoot(&children))
                .chain(root_items)
                .collect(),
        ),
    ];
    layout.extend(child_files);
    layout.push((
        "src/paths.rs".to_owned(),
        paths::pieces(plan).into_iter().map(Piece::Paths).collect(),
    ));

    let jobs: Vec<Piece> = layout
        .iter()
        .flat_map(|(_, pieces)| pieces.iter().copied())
        .collect();
    let mut formatted =
        parallel::map(&jobs, |piece| format_piece(plan, options, *piece)).into_iter();
    layout
        .into_iter()
        .map(|(path, pieces)| {
            let mut contents = header.to_owned();
            for (i, text) in formatted.by_ref().take(pieces.len()).enumerate() {
                if i > 0 && !text.is_empty() {
                    contents.push('\n');
                }
                contents.push_str(&text);
            }
            // `model!` as text, as in `emit_single_file`.
            if path == "src/lib.rs" {
                contents.push_str(&construct::model_macro_source("$crate", true));
            }
            GeneratedFile {
                path: PathBuf::from(path),
                contents,
            }
        })
        .collect()
}

fn piece_tokens(plan: &Plan, options: &EmitOptions, piece: Piece) -> TokenStream {
    match piece {
        Piece::Lib => lib_rs(plan, options, false),
        Piece::ModelsRoot(children) => models_root(plan, children),
        Piece::ModelsImports => quote!(
            use super::super::runtime;
        ),
        Piece::Model(namespace, item) => models::item_tokens(plan, namespace, item),
        Piece::Paths(piece) => paths::piece_tokens(plan, options.url_defaults, piece),
    }
}

/// The piece formatted; a piece that does not parse is a bug of this generator, reported with
/// its tokens (built anew: parsing consumed them).
fn format_piece(plan: &Plan, options: &EmitOptions, piece: Piece) -> String {
    let tokens = crate::timing::emitting(|| piece_tokens(plan, options, piece));
    match crate::timing::formatting(|| syn::parse2::<syn::File>(tokens)) {
        Ok(file) => crate::timing::formatting(|| separate_items(&prettyplease::unparse(&file))),
        Err(error) => panic!(
            "generated tokens do not parse ({error}): {}",
            piece_tokens(plan, options, piece)
        ),
    }
}

/// One self-contained file with every module inline, for `include!` from a build script.
pub fn emit_single_file(plan: &Plan, options: &EmitOptions) -> String {
    let lib = lib_rs(plan, options, true);
    let paths = paths::paths_module(plan, options.url_defaults);
    let models = nested_models(plan);
    let runtime = templates::inline_runtime();
    let tokens = quote! {
        #lib
        #[allow(deprecated)]
        pub mod models { #models }
        #[allow(deprecated)]
        pub mod paths { #paths }
        #runtime
    };
    // `model!` as text: prettyplease would print its rules as one run of tokens.
    let model_macro = options
        .module
        .as_ref()
        .map(|module| construct::model_macro_source(&format!("$crate::{module}"), false))
        .unwrap_or_default();
    format!("{}{}{model_macro}", header(options), format_tokens(tokens))
}

fn header(options: &EmitOptions) -> String {
    let inputs = if options.inputs.is_empty() {
        String::new()
    } else {
        format!(" from {}", options.inputs.join(", "))
    };
    format!(
        "// @generated by odata-codegen{inputs}.\n// Do not edit by hand: change the metadata and regenerate.\n\n"
    )
}

/// prettyplease over the parsed tokens. The tokens come from our own emitter, so a parse
/// failure is a generator bug, reported with the offending text.
pub fn format_tokens(tokens: TokenStream) -> String {
    let text = tokens.to_string();
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => separate_items(&prettyplease::unparse(&file)),
        Err(error) => panic!("generated tokens do not parse ({error}): {text}"),
    }
}

/// prettyplease packs items together; a blank line after each item (and between the methods
/// of an impl) makes the output read like hand-written code.
fn separate_items(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + source.len() / 16);
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let ends_item =
            line == "}" || line == "    }" || (!line.starts_with(' ') && line.ends_with(';'));
        let next_starts_item = lines.peek().is_some_and(|next| {
            !next.is_empty()
                && !next.trim_start().starts_with('}')
                && !next.trim_start().starts_with(')')
        });
        if ends_item && next_starts_item {
            out.push('\n');
        }
    }
    out
}

fn lib_rs(plan: &Plan, options: &EmitOptions, inline: bool) -> TokenStream {
    let several = plan.model.containers.len() > 1;
    let roots = plan.model.containers.iter().map(|c| {
        let root = models::ident(&paths::root_name(c, several));
        quote!(pub use paths::#root;)
    });
    let crate_doc = format!(
        " Models and URL path builders for the OData service described by {}, generated by odata-codegen.",
        if options.inputs.is_empty() { "its metadata".to_owned() } else { options.inputs.join(", ") }
    );
    let usage = " Start from the entity container (re-exported below): each method returns a builder for the next URL segment, and each builder yields a transport-agnostic `runtime::Request` (method, path, typed body, expected response type) for your HTTP client to execute.";
    let declarations = (!inline).then(|| {
        quote! {
            pub mod models;
            pub mod paths;
            pub mod runtime;
        }
    });
    let docs = if inline {
        quote!(#[doc = #crate_doc] #[doc = ""] #[doc = #usage] pub mod __docs {})
    } else {
        quote! {
            #![doc = #crate_doc]
            #![doc = ""]
            #![doc = #usage]
            // The crate refers to its own deprecated items (fields, variants, builders); users
            // still get the warning where *they* use them.
            #![allow(deprecated)]
        }
    };
    let docs = if inline { quote!() } else { docs };
    quote! {
        #docs
        #declarations
        #(#roots)*
    }
}

/// The start of `models/mod.rs`: the submodules and the namespace table.
fn models_root(plan: &Plan, children: &[&str]) -> TokenStream {
    let children = children.iter().map(|name| models::ident(name));
    let namespaces = models::namespaces_const(plan.model);
    let mapped = models::mapped_impls(plan);
    quote! {
        //! Models of every schema namespace of the metadata.
        use super::runtime;
        #(pub mod #children;)*
        #namespaces
        #mapped
    }
}

/// The models as nested inline modules (for the single-file output).
fn nested_models(plan: &Plan) -> TokenStream {
    let mut children = Vec::new();
    let mut root_items = quote!();
    for (namespace, module) in &plan.modules {
        let items = models::module_items(plan, namespace);
        if module.path.len() == 1 {
            root_items = items;
        } else if items.is_empty() {
            continue;
        } else {
            let name = models::ident(&module.path[1]);
            children.push(quote! {
                pub mod #name {
                    use super::super::runtime;
                    #items
                }
            });
        }
    }
    let namespaces = models::namespaces_const(plan.model);
    let mapped = models::mapped_impls(plan);
    quote! {
        use super::runtime;
        #(#children)*
        #namespaces
        #mapped
        #root_items
    }
}
