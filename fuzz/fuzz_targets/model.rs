//! Reader + type graph: any bytes → a validated model or errors, never a panic.

#![no_main]

use std::path::PathBuf;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use odata_codegen::csdl::{parse_document, Loaded, LoadedFile};
use odata_codegen::diagnostics::Diagnostics;

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
    let _model = odata_codegen::model::build(&loaded, &mut diags);
    for diagnostic in diags.iter() {
        let line = diagnostic.to_string();
        assert!(!line.contains('\n'), "a diagnostic is one line: {line:?}");
    }
});
