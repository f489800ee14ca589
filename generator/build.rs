//! Embeds the runtime crate (`templates/`: its manifest, `src/lib.rs` and `src/runtime/*.rs`)
//! into the generator, so that the runtime a generated crate compiles itself (`resource.rs`)
//! or gets written beside it (the bundled runtime crate) is exactly the one tested there.
//! Listing the directory here keeps the embedded set in sync with the files without a
//! hand-kept list.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let templates = manifest_dir.join("../templates");
    let runtime = templates.join("src/runtime");
    println!("cargo:rerun-if-changed={}", runtime.display());
    for file in ["Cargo.toml", "src/lib.rs"] {
        println!("cargo:rerun-if-changed={}", templates.join(file).display());
    }

    let mut files: Vec<PathBuf> = fs::read_dir(&runtime)
        .expect("templates/src/runtime exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();

    let mut table = String::from("&[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name");
        table.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            absolute(file)
        ));
    }
    table.push(']');

    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo"));
    fs::write(out.join("runtime_files.rs"), table).expect("OUT_DIR is writable");
    fs::write(
        out.join("templates_manifest.rs"),
        format!(
            "include_str!({:?})",
            absolute(&templates.join("Cargo.toml"))
        ),
    )
    .expect("OUT_DIR is writable");
    fs::write(
        out.join("templates_lib.rs"),
        format!(
            "include_str!({:?})",
            absolute(&templates.join("src/lib.rs"))
        ),
    )
    .expect("OUT_DIR is writable");
}

fn absolute(path: &Path) -> String {
    fs::canonicalize(path)
        .expect("template file exists")
        .display()
        .to_string()
}
