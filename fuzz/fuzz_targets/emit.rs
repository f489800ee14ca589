//! Reader → type graph → Rust: metadata without errors always becomes source that parses as
//! Rust (the emitter itself re-parses its tokens and panics if they do not).

#![no_main]

use std::path::PathBuf;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use odata_codegen::csdl::{parse_document, Loaded, LoadedFile};
use odata_codegen::diagnostics::Diagnostics;
use odata_codegen::emit::{emit_single_file, EmitOptions, Plan, Selection, UrlDefaults};

fuzz_target!(|data: &[u8]| {
    let mut diags = Diagnostics::new();
    let Some(document) = parse_document(Arc::from("fuzz.xml"), data, &mut diags) else {
        return;
    };
    let loaded = Loaded {
        files: vec![LoadedFile {
            path: PathBuf::from("fuzz.xml"),
            document,
        }],
        unresolved: Vec::new(),
    };
    let model = odata_codegen::model::build(&loaded, &mut diags);
    if diags.has_errors() {
        return;
    }
    let plan = Plan::new(&model, Selection::everything(&model));
    let options = EmitOptions {
        crate_name: "fuzzed".to_owned(),
        url_defaults: UrlDefaults {
            key_as_segment: true,
            qualified_operations: false,
        },
        inputs: vec!["fuzz.xml".to_owned()],
    };
    let source = emit_single_file(&plan, &options);
    if let Err(error) = syn::parse_file(&source) {
        panic!("the generated source does not parse: {error}\n{source}");
    }
});
