//! The reader alone: any bytes → a document or errors, never a panic, a hang or unbounded
//! memory; a refused document always comes with at least one error.

#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use odata_codegen::csdl::parse_document;
use odata_codegen::diagnostics::Diagnostics;

fuzz_target!(|data: &[u8]| {
    let mut diags = Diagnostics::new();
    let document = parse_document(Arc::from("fuzz.xml"), data, &mut diags);
    if document.is_none() {
        assert!(diags.has_errors(), "a refused document must say why");
    }
    for diagnostic in diags.iter() {
        let line = diagnostic.to_string();
        assert!(!line.contains('\n'), "a diagnostic is one line: {line:?}");
        assert!(diagnostic.pos.line >= 1 && diagnostic.pos.column >= 1);
    }
});
