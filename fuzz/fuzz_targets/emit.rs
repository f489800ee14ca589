//! Reader → type graph → Rust: metadata without errors always becomes source that parses. The
//! invariants are in `odata_codegen::fuzzing`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = odata_codegen::fuzzing::emit(data);
});
