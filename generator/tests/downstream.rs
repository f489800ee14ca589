//! Metadata updates do not break downstream crates by surprise (issue 13): a crate written
//! against the crate generated from one version of the metadata still compiles, unchanged,
//! against the crate regenerated from a version with additions of every kind, where `diff`
//! calls the update additive; and it stops compiling where `diff` calls an update breaking.
//!
//! Two downstream crates: `tests/downstream/lib.rs` (construction, destructuring, matches of
//! enums and derived types, requests) on `tests/downstream/*.csdl.xml`, and the SDK example
//! (`examples/assignments-sdk`, library and tests) on `metadata/assignments.csdl.xml` with
//! additions. Each is compiled with `cargo check` in a scratch workspace beside the
//! regenerated crate, with a target directory of its own under `target/`, reused between runs.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::workspace;

fn codegen(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_odata-codegen"))
        .args(args)
        .output()
        .expect("odata-codegen runs");
    assert!(
        output.status.code().is_some(),
        "odata-codegen was killed: {output:?}"
    );
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `cargo check` of the downstream package in the scratch workspace at `root` (its tests
/// included), with the workspace's lock file so that it builds with the versions the
/// repository uses.
fn cargo_check(root: &Path, package: &str, target: &str) -> Output {
    Command::new(env!("CARGO"))
        .args(["check", "--package", package, "--tests", "--quiet"])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", workspace().join("target").join(target))
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_MAKEFLAGS")
        .output()
        .expect("cargo runs")
}

fn write(path: &Path, contents: &str) {
    fs::create_dir_all(path.parent().expect("a file in a folder")).expect("folder created");
    fs::write(path, contents).expect("written");
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder created");
    for entry in fs::read_dir(from).expect("readable") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("named"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copied");
        }
    }
}

/// A folder under `target/` kept between runs (the crates in it are rewritten each time).
fn scratch_root(name: &str) -> PathBuf {
    let dir = workspace().join("target").join(name);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// `diff OLD NEW`'s summary line and exit code with `--fail-on breaking`.
fn diff_verdict(old: &Path, new: &Path) -> (String, Option<i32>) {
    let output = codegen(&[
        "diff",
        old.to_str().expect("UTF-8 path"),
        new.to_str().expect("UTF-8 path"),
        "--fail-on",
        "breaking",
    ]);
    let stdout = text(&output.stdout);
    let summary = stdout.lines().last().unwrap_or_default().to_owned();
    (summary, output.status.code())
}

fn generate(input: &Path, out: &Path, crate_name: &str) {
    let output = codegen(&[
        "generate",
        "--input",
        input.to_str().expect("UTF-8 path"),
        "--out",
        out.to_str().expect("UTF-8 path"),
        "--crate-name",
        crate_name,
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn a_downstream_crate_compiles_unchanged_after_additive_updates_and_not_after_breaking_ones() {
    let fixtures = workspace().join("tests/downstream");
    let root = scratch_root("downstream-fleet");
    write(
        &root.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"fleet\", \"user\"]\n",
    );
    let _ = fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock"));
    write(
        &root.join("user/Cargo.toml"),
        "[package]\nname = \"fleet-user\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[lib]\npath = \"lib.rs\"\n\n[dependencies]\nfleet = { path = \"../fleet\" }\n",
    );
    fs::copy(fixtures.join("lib.rs"), root.join("user/lib.rs")).expect("copied");

    let v1 = fixtures.join("v1.csdl.xml");
    let v2 = fixtures.join("v2-additive.csdl.xml");
    let crate_dir = root.join("fleet");
    let _ = fs::remove_dir_all(&crate_dir);
    generate(&v1, &crate_dir, "fleet");
    let first = cargo_check(&root, "fleet-user", "downstream-target");
    assert!(
        first.status.success(),
        "the downstream crate does not compile against v1:\n{}",
        text(&first.stderr)
    );

    // Additions of every kind: `diff` says additive, and the crate still compiles.
    let (summary, code) = diff_verdict(&v1, &v2);
    assert_eq!(code, Some(0), "{summary}");
    // Ten additions, and a feature for each of the two new roots.
    assert!(summary.starts_with("0 breaking, 12 additive"), "{summary}");
    generate(&v2, &crate_dir, "fleet");
    let models = fs::read_to_string(crate_dir.join("src/models/mod.rs")).expect("generated");
    assert!(models.contains("Yacht(Box<Yacht>)") && models.contains("pub flag:"));
    let after = cargo_check(&root, "fleet-user", "downstream-target");
    assert!(
        after.status.success(),
        "an additive update broke the downstream crate:\n{}",
        text(&after.stderr)
    );

    // A removal it relies on: `diff` says breaking, and the crate stops compiling (the check
    // above can fail).
    let v3 = root.join("v3-breaking.csdl.xml");
    let breaking = fs::read_to_string(&v2).expect("readable").replace(
        "<Property Name=\"tonnage\" Type=\"Edm.Int32\"/>",
        "<Property Name=\"tonnage\" Type=\"Edm.Int64\"/>",
    );
    write(&v3, &breaking);
    let (summary, code) = diff_verdict(&v2, &v3);
    assert_eq!(code, Some(1), "{summary}");
    assert!(summary.starts_with("1 breaking"), "{summary}");
    generate(&v3, &crate_dir, "fleet");
    let broken = cargo_check(&root, "fleet-user", "downstream-target");
    assert!(
        !broken.status.success(),
        "a breaking update left the downstream crate compiling"
    );
    assert!(
        text(&broken.stderr).contains("tonnage"),
        "{}",
        text(&broken.stderr)
    );
}

/// `source` without the module that starts with `start` (and its doc comment).
fn without_module(source: &str, start: &str) -> String {
    let begin = source
        .find(start)
        .unwrap_or_else(|| panic!("tests/src/lib.rs has no `{start}`"));
    let mut depth = 0;
    let mut end = begin;
    for (offset, c) in source[begin..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = begin + offset + 1;
                    break;
                }
            }
            _ => {}
        }
    }
    let mut lines: Vec<&str> = source[..begin].lines().collect();
    while lines.last().is_some_and(|l| l.starts_with("///")) {
        lines.pop();
    }
    format!("{}\n{}", lines.join("\n"), &source[end..])
}

/// Additions to the SDK example's metadata, one of each kind, at places the metadata has.
fn assignments_with_additions(original: &str) -> String {
    let mut text = original.to_owned();
    let mut insert_after = |anchor: &str, addition: &str| {
        let at = text
            .find(anchor)
            .unwrap_or_else(|| panic!("metadata/assignments.csdl.xml has no `{anchor}`"))
            + anchor.len();
        text.insert_str(at, addition);
    };
    insert_after(
        "<EntityType Name=\"deviceConfigurationAssignment\" BaseType=\"graph.entity\">",
        "<Property Name=\"intent\" Type=\"Edm.String\"/><NavigationProperty Name=\"reviewer\" Type=\"graph.user\"/>",
    );
    insert_after(
        "<EnumType Name=\"deviceAndAppManagementAssignmentSource\">",
        "<Member Name=\"inherited\" Value=\"7\"/>",
    );
    insert_after(
        "<Schema Namespace=\"microsoft.graph\" Alias=\"graph\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">",
        "<ComplexType Name=\"scheduledGroupAssignmentTarget\" BaseType=\"graph.groupAssignmentTarget\"><Property Name=\"startDateTime\" Type=\"Edm.DateTimeOffset\"/></ComplexType>\
         <Action Name=\"review\" IsBound=\"true\"><Parameter Name=\"bindingParameter\" Type=\"graph.deviceConfiguration\"/><Parameter Name=\"comment\" Type=\"Edm.String\"/></Action>",
    );
    insert_after(
        "<EntityContainer Name=\"GraphService\">",
        "<EntitySet Name=\"reviewers\" EntityType=\"graph.user\"/>",
    );
    text
}

#[test]
fn the_sdk_example_compiles_unchanged_after_an_additive_update() {
    let repo = workspace();
    let root = scratch_root("downstream-sdk");
    let _ = fs::remove_dir_all(root.join("examples"));
    let _ = fs::remove_dir_all(root.join("tests"));
    write(
        &root.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"generated\", \"examples/assignments-sdk\", \"tests\"]\n",
    );
    let _ = fs::copy(repo.join("Cargo.lock"), root.join("Cargo.lock"));
    let sdk = root.join("examples/assignments-sdk");
    for part in ["src", "tests"] {
        copy_dir(
            &repo.join("examples/assignments-sdk").join(part),
            &sdk.join(part),
        );
    }
    fs::copy(
        repo.join("examples/assignments-sdk/Cargo.toml"),
        sdk.join("Cargo.toml"),
    )
    .expect("copied");
    // The SDK's tests use the test helpers of the tests crate (seed pages), which need only
    // serde_json; its golden modules are left out.
    let helpers = fs::read_to_string(repo.join("tests/src/lib.rs")).expect("readable");
    let helpers = without_module(
        &without_module(&helpers, "pub mod golden {"),
        "pub mod mapped {",
    );
    write(&root.join("tests/src/lib.rs"), &helpers);
    write(
        &root.join("tests/Cargo.toml"),
        "[package]\nname = \"odata-codegen-tests\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nserde_json = { version = \"1\", features = [\"float_roundtrip\"] }\n",
    );

    let original = repo.join("metadata/assignments.csdl.xml");
    let updated = root.join("assignments.csdl.xml");
    write(
        &updated,
        &assignments_with_additions(&fs::read_to_string(&original).expect("readable")),
    );
    let (summary, code) = diff_verdict(&original, &updated);
    assert_eq!(code, Some(0), "{summary}");
    // Six additions, the new root's feature, and the features that now turn on `user` and
    // `directoryObject` (the new navigation leads to them from `/deviceManagement`).
    assert!(summary.starts_with("0 breaking, 9 additive"), "{summary}");

    let _ = fs::remove_dir_all(root.join("generated"));
    generate(&updated, &root.join("generated"), "graph-assignments");
    let models = fs::read_to_string(root.join("generated/src/models/mod.rs")).expect("generated");
    assert!(models.contains("ScheduledGroupAssignmentTarget(Box<ScheduledGroupAssignmentTarget>)"));
    assert!(models.contains("pub intent:") && models.contains("Inherited,"));
    let check = cargo_check(&root, "assignments-sdk", "downstream-target");
    assert!(
        check.status.success(),
        "an additive update broke the SDK example:\n{}",
        text(&check.stderr)
    );
}
