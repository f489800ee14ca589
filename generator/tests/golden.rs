//! Golden files: each `tests/golden/*.csdl.xml` of the workspace generates exactly the
//! `tests/golden/*.rs` beside it (the single-file form that build scripts get). The `.rs` files
//! are compiled as modules of the `odata-codegen-tests` crate, so they must also build without
//! warnings. Set `UPDATE_GOLDEN=1` to rewrite them after an intended change, then review the diff.

use std::path::{Path, PathBuf};

use odata_codegen::Config;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden")
}

#[test]
fn golden_files_match() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".csdl.xml"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 2, "golden inputs are missing");
    let mut mismatches = Vec::new();
    for input in inputs {
        let name = input
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".csdl.xml"))
            .expect("name")
            .to_owned();
        let mut config = Config::new();
        // A path relative to the workspace, so the header is the same on every machine.
        config.input(format!("tests/golden/{name}.csdl.xml"));
        apply_arguments(&mut config, &golden_dir().join(format!("{name}.args")));
        let mut absolute = Config::new();
        absolute.input(&input);
        let loaded = absolute.load().unwrap_or_else(|e| panic!("{name}: {e}"));
        let actual = config
            .render_single_file(&loaded)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected_path = golden_dir().join(format!("{name}.rs"));
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            if update {
                std::fs::write(&expected_path, &actual).expect("write golden");
            } else {
                mismatches.push(format!(
                    "{}: differs from what the generator produces now (first difference at line {}); rerun with UPDATE_GOLDEN=1 and review",
                    expected_path.display(),
                    first_difference(&expected, &actual)
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// `NAME.args` beside a golden input: `--include PATTERN` / `--exclude PATTERN` /
/// `--map-type QUALIFIED=RUST_PATH` lines, so that slices and mappings have goldens too.
fn apply_arguments(config: &mut Config, path: &Path) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.split_once(' ') {
            Some(("--include", pattern)) => config.include(pattern.trim()),
            Some(("--exclude", pattern)) => config.exclude(pattern.trim()),
            Some(("--map-type", mapping)) => {
                let (qualified, rust_path) = mapping.split_once('=').expect("QUALIFIED=RUST_PATH");
                config.map_type(qualified.trim(), rust_path.trim())
            }
            _ => panic!("{}: unknown line `{line}`", path.display()),
        };
    }
}

fn first_difference(a: &str, b: &str) -> usize {
    a.lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.lines().count().min(b.lines().count()))
        + 1
}
