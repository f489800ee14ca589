//! Reader + type graph: any bytes → a validated model or errors, never a panic. The
//! invariants are in `odata_codegen::fuzzing`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = odata_codegen::fuzzing::model(data);
});
