//! The pipeline on bytes in memory, with the invariants every input must keep, for the
//! `cargo fuzz` targets in `fuzz/` and the bounded property test that CI runs
//! (`generator/tests/mutations.rs`). Each function panics when an invariant breaks: that is
//! what a fuzzer reports as a crash.

use std::path::PathBuf;
use std::sync::Arc;

use crate::csdl::{parse_document, Loaded, LoadedFile};
use crate::diagnostics::Diagnostics;
use crate::emit::{emit_single_file, EmitOptions, Plan, Selection, UrlDefaults};
use crate::model::Model;

const FILE: &str = "fuzz.xml";

/// Reads `bytes` as one CSDL document: a refused document comes with an error, and every
/// diagnostic is one positioned line.
pub fn read(bytes: &[u8]) -> (Option<Loaded>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let document = parse_document(Arc::from(FILE), bytes, &mut diags);
    assert!(
        document.is_some() || diags.has_errors(),
        "a refused document must say why"
    );
    check_diagnostics(&diags);
    let loaded = document.map(|document| Loaded {
        files: vec![LoadedFile {
            path: PathBuf::from(FILE),
            document,
        }],
        unresolved: Vec::new(),
    });
    (loaded, diags)
}

/// Reads and builds the type graph; the model when it has no errors.
pub fn model(bytes: &[u8]) -> Option<Model> {
    let (loaded, mut diags) = read(bytes);
    let model = crate::model::build(&loaded?, &mut diags);
    check_diagnostics(&diags);
    (!diags.has_errors()).then_some(model)
}

/// Reads, builds and emits: metadata without errors always becomes Rust that parses (the
/// emitter re-parses its own tokens, and the formatted text is parsed once more here).
pub fn emit(bytes: &[u8]) -> Option<String> {
    let model = model(bytes)?;
    let plan = Plan::new(&model, Selection::everything(&model));
    let options = EmitOptions {
        crate_name: "fuzzed".to_owned(),
        version: crate::FIRST_VERSION.to_owned(),
        url_defaults: UrlDefaults {
            key_as_segment: true,
            qualified_operations: false,
        },
        inputs: vec![FILE.to_owned()],
        module: None,
        runtime: Default::default(),
    };
    let source = emit_single_file(&plan, &options);
    if let Err(error) = syn::parse_file(&source) {
        panic!("the generated source does not parse: {error}\n{source}");
    }
    Some(source)
}

fn check_diagnostics(diags: &Diagnostics) {
    for diagnostic in diags.iter() {
        let line = diagnostic.to_string();
        assert!(!line.contains('\n'), "a diagnostic is one line: {line:?}");
        assert!(
            diagnostic.pos.line >= 1 && diagnostic.pos.column >= 1,
            "{line}"
        );
    }
}
