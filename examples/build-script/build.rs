//! Generates `$OUT_DIR/graph.rs` from the workspace's metadata on every change to it.

fn main() {
    odata_codegen::Config::new()
        .input("../../metadata/assignments.csdl.xml")
        .generate_for_build_script("graph")
        .unwrap_or_else(|error| panic!("odata-codegen failed:\n{error}"));
}
