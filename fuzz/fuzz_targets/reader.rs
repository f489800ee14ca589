//! The reader alone: any bytes → a document or errors, never a panic, a hang or unbounded
//! memory. The invariants are in `odata_codegen::fuzzing`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = odata_codegen::fuzzing::read(data);
});
